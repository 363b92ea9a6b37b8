"""Shared by the rule tests: check one lesson with the real engine, findings as tuples."""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint import config as config_module
from courselint.engine import Selection, run


@pytest.fixture
def findings_of(tmp_path: Path):
    """``findings_of(text, select, config="")``: (line, column, end_line, end_column, code, message)."""

    def check(text: str, select: str, config: str = "") -> list[tuple]:
        (tmp_path / "courselint.toml").write_text(config, encoding="utf-8")
        lesson = tmp_path / "lecon.md"
        lesson.write_text(text, encoding="utf-8")
        loaded = config_module.load(tmp_path / "courselint.toml")
        result = run([lesson], loaded, Selection(select=(select,)), jobs=1, use_cache=False)
        return [(f.line, f.column, f.end_line, f.end_column, f.code, f.message) for f in result.findings]

    return check
