"""Shared helpers of the translation tests.

Golden files: ``COURSELINT_UPDATE_GOLDENS=1 pytest tests/i18n`` rewrites them
(``*.md.expect.pot``, ``*.en.expect.md``, and merges each ``*.en.po`` with its
template, keeping its translations); review the diff like code.

``msgfmt`` (GNU gettext) runs for real.  On a machine without it the tests that
need it are skipped — except when ``CI`` is set, where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from courselint.config import Config, defaults

UPDATE = bool(os.environ.get("COURSELINT_UPDATE_GOLDENS"))
FIXED_DATE = "2026-01-01 00:00+0000"


def make_config(root: Path, **i18n) -> Config:
    values = defaults()
    values["paths"] = ["content"] if (root / "content").is_dir() else ["."]
    values["locales"] = ["en"]
    values["i18n"].update(i18n)
    return Config(values, root.resolve())


def require_tool(program: str, package: str) -> str:
    """The path of a Debian program the test runs for real: skipped without it, failed in CI."""
    found = shutil.which(program)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{program} est requis en CI : apt-get install {package}")
        pytest.skip(f"{program} absent")
    return found


def require_msgfmt() -> str:
    return require_tool("msgfmt", "gettext")


def msgfmt_check(path: Path) -> None:
    """``msgfmt --check`` must accept the catalog (warnings allowed, errors not)."""
    result = subprocess.run(
        [require_msgfmt(), "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"msgfmt --check {path}:\n{result.stderr}"


@pytest.fixture
def fixed_date(monkeypatch):
    """Catalog headers carry dates: pin them (SOURCE_DATE_EPOCH of 2026-01-01)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return FIXED_DATE
