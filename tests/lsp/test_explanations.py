"""Each code's explanation: in the catalog, printed by `courselint rules CODE`, mirrored in the README."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from courselint.codes import CODES

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_explanations() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Explanations\n", 1)[1].split("\n## ", 1)[0]
    found = {}
    for match in re.finditer(r"^#### (CL\d{3})\n\n(.*?)(?=\n#### |\Z)", section, re.MULTILINE | re.DOTALL):
        found[match.group(1)] = match.group(2).strip()
    return found


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_explained_with_a_wrong_and_a_right_example(code: str) -> None:
    explanation = CODES[code].explanation
    assert "\nFaux : " in explanation and "\nJuste : " in explanation, code
    assert not any(ord(c) in range(0x202A, 0x202F) or ord(c) in range(0x2066, 0x206A) for c in explanation)


def test_the_readme_section_of_each_code_is_its_explanation() -> None:
    """The diagnostics link to README.md#clxxx: the text there is the catalog's."""
    assert readme_explanations() == {code: entry.explanation for code, entry in CODES.items()}


def test_rules_code_prints_the_explanation(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "courselint", "rules", "cl401"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0
    assert "spelling.unknown-word" in result.stdout
    assert "Faux : `la consomemation de ressources`" in result.stdout
    unknown = subprocess.run(
        [sys.executable, "-m", "courselint", "rules", "CL999"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "courselint: erreur : code inconnu : CL999 (courselint rules les liste)"
