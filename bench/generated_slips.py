"""First-suggestion rate of the spelling check on generated slips, per kind of slip.

Usage::

    python bench/generated_slips.py [--per-kind N] [--seed S]

Real typo sets are small; these slips are made from the dictionaries, so that a
rule tuned to a few words cannot pass them:

* ``accent``: a French word of the shipped dictionary with one accent dropped or
  changed (``réseau`` → ``reseau``, ``très`` → ``trés``);
* ``letter``: one letter of a French word dropped, doubled, inserted, replaced by
  a neighbouring key, or two letters swapped;
* ``ligature``: a French word with ``œ``/``æ`` written ``oe``/``ae``;
* ``english``: a word of ``en_US`` French does not know but that has exactly one
  French word one accent or one letter away, its expected correction
  (``traffic`` → ``trafic``, ``example`` → ``exemple``).

Each slip is put in a French sentence and checked through the real pipeline
(``document.parse`` then ``rules.spelling.check_spelling``); it counts as found
when a finding covers it, and as right when the first suggestion is the word it
came from.  The first-suggestion rate is given over all slips of a kind (a slip
not found counts as wrong: two versions compare on the same slips) and over the
slips found.  Words of the technical list and slips that are words themselves are
left out.  A measurement, never run by pytest.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from spelling_quality import findings_for_line  # noqa: E402  (the bench's own helper)

SENTENCE = "Nous avons vu que le mot {word} revient souvent dans ce chapitre."
KINDS = ("accent", "letter", "ligature", "english")
_UNACCENT = {"é": "e", "è": "e", "ê": "e", "à": "a", "â": "a", "î": "i", "ï": "i", "ô": "o", "û": "u", "ù": "u", "ç": "c"}
_OTHER_ACCENT = {"é": "è", "è": "é", "ê": "é", "â": "à", "à": "â", "û": "ù", "ô": "ó"}
_NEAR = {
    "a": "zqs", "z": "aes", "e": "zrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok",
    "o": "ipl", "p": "ol", "q": "asw", "s": "qdz", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy",
    "j": "hku", "k": "jli", "l": "kmo", "m": "lp", "w": "xqs", "x": "wcd", "c": "xvd", "v": "cbf",
    "b": "vng", "n": "bmh",
}


def dictionary_words(path: Path, encoding: str = "utf-8") -> list[str]:
    """Stems of a Hunspell ``.dic`` file: lowercase words of letters only."""
    words = []
    for line in path.read_text(encoding=encoding, errors="replace").splitlines()[1:]:
        word = line.split("/", 1)[0].split()[0] if line.strip() else ""
        if len(word) >= 4 and word.isalpha() and word == word.lower():
            words.append(word)
    return words


def accent_slip(word: str, rng: random.Random) -> str | None:
    places = [i for i, char in enumerate(word) if char in _UNACCENT]
    if not places:
        return None
    i = rng.choice(places)
    table = _UNACCENT if rng.random() < 0.7 or word[i] not in _OTHER_ACCENT else _OTHER_ACCENT
    return word[:i] + table[word[i]] + word[i + 1 :]


def letter_slip(word: str, rng: random.Random) -> str | None:
    i = rng.randrange(1, len(word))  # a slip rarely touches the first letter
    how = rng.choice(("drop", "double", "insert", "near", "swap"))
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "insert":
        return word[:i] + rng.choice("aeiourstnl") + word[i:]
    if how == "near" and word[i] in _NEAR:
        return word[:i] + rng.choice(_NEAR[word[i]]) + word[i + 1 :]
    if how == "swap" and i + 1 < len(word) and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return None


def ligature_slip(word: str, rng: random.Random) -> str | None:
    if "œ" not in word and "æ" not in word:
        return None
    return word.replace("œ", "oe").replace("æ", "ae")


def english_cases(checker, rng: random.Random, wanted: int) -> list[tuple[str, str]]:
    """``(english, french)``: en_US words with exactly one French word one accent or letter away."""
    from courselint.spell.edits import accent_variants, one_edit
    from courselint.spell.english import english_dictionary

    words = dictionary_words(english_dictionary()[0], "latin-1")
    rng.shuffle(words)
    cases = []
    for word in words:
        if len(cases) >= wanted:
            break
        if checker.check(word) or checker.is_tech_word(word) or len(word) < 5:
            continue
        candidates = set(accent_variants(word)) | set(one_edit(word, any_substitution=True))
        candidates.discard(word)
        french = [c for c in candidates if checker._forms.may_be_form(c) and checker._french.spell(c)]
        french = [c for c in french if not checker.is_tech_word(c)]
        if len(french) == 1:
            cases.append((word, french[0]))
    return cases


def french_cases(checker, kind: str, rng: random.Random, wanted: int) -> list[tuple[str, str]]:
    from courselint.spell.hunspell import data_dir

    make = {"accent": accent_slip, "letter": letter_slip, "ligature": ligature_slip}[kind]
    words = dictionary_words(data_dir() / "fr-toutes-variantes.dic")
    rng.shuffle(words)
    cases = []
    for word in words:
        if len(cases) >= wanted:
            break
        if checker.is_tech_word(word) or not checker.check(word):
            continue
        slip = make(word, rng)
        if slip is None or slip == word or checker.check(slip):
            continue
        cases.append((slip, word))
    return cases


def score(cases: list[tuple[str, str]], checker) -> dict:
    found = right = 0
    wrong = []
    for slip, meant in cases:
        line = SENTENCE.format(word=slip)
        findings = [f for f in findings_for_line(line, checker, suggestions=True) if f.word == slip]
        if not findings:
            continue
        found += 1
        first = findings[0].suggestions[0] if findings[0].suggestions else None
        if first == meant:
            right += 1
        else:
            wrong.append(f"{slip}->{meant} ({first})")
    return {"cases": len(cases), "found": found, "right": right, "wrong": wrong}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N wrong first suggestions per kind")
    args = parser.parse_args(argv)

    from courselint.rules.spelling import checker_for

    checker = checker_for({})
    for kind in KINDS:
        rng = random.Random(f"{args.seed}-{kind}")
        started = time.perf_counter()
        if kind == "english":
            cases = english_cases(checker, rng, args.per_kind)
        else:
            cases = french_cases(checker, kind, rng, args.per_kind)
        result = score(cases, checker)
        elapsed = time.perf_counter() - started
        total = max(result["cases"], 1)
        print(
            f"{kind:9s} {result['cases']:4d} slips, found {result['found'] / total:.3f}, "
            f"first suggestion right {result['right'] / total:.3f} of all "
            f"({result['right'] / max(result['found'], 1):.3f} of found) ({elapsed:.1f} s)"
        )
        for line in result["wrong"][: args.show]:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
