"""The English table of spell/english.py answers as Hunspell with chunspell's en_US does.

Real Hunspell on one side, the shipped table on the other, over dictionary
entries in every case, French words, the words of the repository's lessons and
random strings; the acceptance tests must not change when the table replaces
Hunspell.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import hunspell as chunspell
import pytest

from courselint.spell.english import ENGLISH_FILE, EnglishWords, english_dictionary, english_signature
from courselint.spell.forms import table_header
from courselint.spell.hunspell import data_dir

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hunspell_en():
    dic, _ = english_dictionary()
    return chunspell.Hunspell("en_US", hunspell_data_dir=str(dic.parent))


@pytest.fixture(scope="module")
def table() -> EnglishWords:
    return EnglishWords(data_dir())


def _hunspell(speller, word: str) -> bool:
    try:
        return bool(speller.spell(word))
    except UnicodeEncodeError:
        return False


def _sample() -> set[str]:
    dic, _ = english_dictionary()
    words: set[str] = set()
    for line in dic.read_text(encoding="latin-1").splitlines()[1::11]:
        word = line.split("/")[0]
        words |= {word, word.lower(), word.upper(), word.capitalize(), word + "s", word + "'s", word + "-" + word}
    for line in (data_dir() / "fr-toutes-variantes.dic").read_text(encoding="utf-8").splitlines()[1::29]:
        word = line.split("/")[0].split(" ")[0]
        words |= {word, word.capitalize(), word.upper()}
    for path in list((REPO / "content").rglob("*.md")) + list((REPO / "tests" / "fixtures").rglob("*.md")):
        words |= set(re.findall(r"[^\W\d_][\w'’\-]*", path.read_text(encoding="utf-8", errors="replace")))
    rng = random.Random(11)
    words |= {"".join(rng.choice("abcdeghilnorstuyADEGLNOST'-é") for _ in range(rng.randint(1, 9))) for _ in range(5000)}
    words |= {
        "MCCONNELL", "McConnell", "O'NEIL", "o'neil", "DOG-ANNE", "ANNE-DOG", "Anne-Laure", "ANNE-laure",
        "up-to-date", "-ht", "D-", "self-control", "SELF-CONTROL", "œuvre", "21st", "1990s", "don't", "DON'T",
    }
    words.discard("")
    return words


def _table_is_fresh() -> bool:
    return table_header(data_dir(), ENGLISH_FILE).endswith(f"en_US {english_signature()}")


def test_table_was_built_from_the_installed_dictionary():
    """Strict: with a stale table every English question goes to Hunspell (50 ms a run)
    and the comparison below would compare Hunspell with itself."""
    assert _table_is_fresh(), (
        f"{ENGLISH_FILE} was built from another en_US than chunspell's"
        f" ({english_signature()}): run scripts/build_spelling_tables.py"
    )


def test_table_answers_as_hunspell(hunspell_en, monkeypatch):
    table = EnglishWords(data_dir())
    asked: list[str] = []
    ask = table._ask_hunspell

    def counted(word):
        asked.append(word)
        return ask(word)

    monkeypatch.setattr(table, "_ask_hunspell", counted)
    words = _sample()
    assert len(words) > 50_000
    different = sorted(word for word in words if table.spell(word) != _hunspell(hunspell_en, word))
    assert different == []
    # The table answered: only words with digits went to Hunspell (compound rules).
    assert asked and all(any(char.isdigit() for char in word) for word in asked)


def test_checker_uses_the_table_not_hunspell(monkeypatch):
    """The acceptance tests' English questions load no English dictionary into Hunspell."""
    from courselint.spell import english
    from courselint.spell.hunspell import SpellChecker

    def refuse():
        raise AssertionError("an English Hunspell was loaded")

    monkeypatch.setattr(english, "load_english_hunspell", refuse)
    checker = SpellChecker()
    assert checker.is_english("deprecated") and checker.is_english("Deprecated")
    assert checker.is_english("DEPRECATED") and checker.is_english("up-to-date")
    assert not checker.is_english("consomemation")
    assert not checker.is_english("fromage")


def test_a_number_does_not_turn_the_table_off(table, hunspell_en, monkeypatch):
    """« 21st » goes to Hunspell (compound rules for numbers); the next words still use the table."""
    assert table.spell("21st") == _hunspell(hunspell_en, "21st")

    def refuse(word):
        raise AssertionError(f"Hunspell asked about {word!r}")

    monkeypatch.setattr(table, "_ask_hunspell", refuse)
    assert table.spell("deprecated") and not table.spell("consomemation")
