"""Filler Latin that does not open with « Lorem ipsum » is not French prose; French stays checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint import config as config_module
from courselint.engine import Selection, run

FILLER = [
    "Donec massa lacus, ultricies a ullamcorper in, fermentum sed augue.",
    "Ac tristique libero volutpat at",
    "Mauris sit amet ligula egestas, feugiat metus tincidunt, luctus libero.",
]
FRENCH = [
    ("Sed est un éditeur non interactif, pratique dans un script : une erreur de fraape.", "fraape"),
    ("Une note et un ex-collègue, in fine, ont relu cette leçon avec une fote.", "fote"),
]


def words(tmp_path: Path, body: str) -> list[str]:
    lesson = tmp_path / "lecon.md"
    lesson.write_text(f"---\ntitle: Leçon\nweight: 1\n---\n\n{body}\n", encoding="utf-8")
    result = run([lesson], config_module.load(start=tmp_path), Selection(("CL401",)), use_cache=False)
    return [f.word for f in result.findings]


@pytest.mark.parametrize("paragraph", FILLER)
def test_filler_latin_is_not_checked(tmp_path: Path, paragraph: str) -> None:
    assert words(tmp_path, paragraph) == []


@pytest.mark.parametrize(("paragraph", "slip"), FRENCH)
def test_french_with_a_few_latin_looking_words_is_still_checked(tmp_path: Path, paragraph: str, slip: str) -> None:
    assert words(tmp_path, paragraph) == [slip]


def test_the_same_filler_words_in_a_french_sentence_stay_checked(tmp_path: Path) -> None:
    assert words(tmp_path, "Le mot lacus n'est pas français, ni augue.") == ["lacus", "augue"]
