"""The candidate filter of spell/forms.py: it may only drop candidates Hunspell would refuse.

Real tables, real Hunspell: the filter is a speed-up, so every test here compares
it with the slow path it replaces.
"""

from __future__ import annotations

import random

import pytest

from courselint.spell.edits import accent_variants, one_edit
from courselint.spell.forms import FORMS_FILE, NGRAMS_FILE, FormFilter, input_digest, table_header
from courselint.spell.hunspell import data_dir, get_checker

# Slips of the seed lesson and of the benchmarks, words with accents, ligatures,
# hyphens and apostrophes, very short and very long words.
WORDS = [
    "consomemation", "staandard", "identiie", "péréclité", "cu", "coeur", "raport", "sttocke",
    "imagges", "contrrraire", "intgérré", "meconnaissance", "developpement", "execution",
    "a", "ab", "œ", "peut-etre", "aujourd'hui", "l'arbre", "porte-monnaie", "anticonstitutionnellement",
    "conteneurisation", "kubernetes", "traffic", "environment", "grace", "role", "oeuvre",
]


def _random_words(count: int) -> list[str]:
    rng = random.Random(20261127)
    letters = "abcdeéèêfghilmnopqrstuvxyzœçàù"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(1, 13))) for _ in range(count)]


@pytest.fixture(scope="module")
def forms() -> FormFilter:
    return FormFilter(data_dir())


@pytest.mark.parametrize("name", [NGRAMS_FILE, FORMS_FILE])
def test_tables_were_built_from_the_shipped_inputs(name):
    """A changed dictionary or technical list needs ``python scripts/build_spelling_tables.py``."""
    assert table_header(data_dir(), name).endswith(f"inputs {input_digest(data_dir())}")


@pytest.mark.parametrize("any_substitution", [False, True])
def test_one_edit_yields_exactly_the_plausible_candidates(forms, any_substitution):
    for word in WORDS + _random_words(300):
        expected = {c for c in one_edit(word, any_substitution) if forms.plausible(c)}
        got = {c for c in forms.one_edit(word, any_substitution) if forms.plausible(c)}
        assert got == expected, word
        if "-" not in word and "'" not in word:
            assert all(forms.plausible(c) for c in forms.one_edit(word, any_substitution)), word


@pytest.mark.parametrize("any_substitution", [False, True])
def test_one_edit_from_a_position_yields_the_edits_from_there_on(forms, any_substitution):
    for word in WORDS + _random_words(100):
        for first in (-2, 0, 1, len(word) // 2, len(word)):
            expected = {c for c in one_edit(word, any_substitution, first=max(0, first)) if forms.plausible(c)}
            got = {c for c in forms.one_edit(word, any_substitution, first=first) if forms.plausible(c)}
            assert got == expected, (word, first)


def test_accent_variants_yield_exactly_the_plausible_variants(forms):
    for word in WORDS + _random_words(300):
        everything = set(accent_variants(word))
        if not everything:
            continue  # too many variants for the unpruned generator to list
        assert set(forms.accent_variants(word)) == {c for c in everything if forms.plausible(c)}, word


def test_pruned_accent_variants_reach_long_words(forms):
    """The unpruned generator gives up past 2,048 variants; pruning keeps the real word."""
    assert not set(accent_variants("meconnaissance"))
    assert "méconnaissance" in set(forms.accent_variants("meconnaissance"))


def test_every_form_hunspell_accepts_is_listed(forms):
    """Every word of the dictionary and the technical list that Hunspell accepts, sampled.

    Lowercase words only: the checker lowercases a word before it builds candidates.
    """
    checker = get_checker()
    lines = (data_dir() / "fr-toutes-variantes.dic").read_text(encoding="utf-8").splitlines()[1:]
    words = [line.split("/")[0].split("\t")[0].split(" ")[0] for line in lines[::37]]
    words += ["conteneurisé", "conteneurisons", "chrootés", "aujourd'hui", "l'arbre", "qu'aujourd'hui"]
    accepted = [word for word in words if word and word == word.lower() and checker._french.spell(word)]
    assert len(accepted) > 2000
    missing = [word for word in accepted if not forms.may_be_form(word)]
    assert missing == []


def test_unknown_words_are_not_listed(forms):
    checker = get_checker()
    refused = [word for word in _random_words(2000) if not checker._french.spell(word)]
    listed = [word for word in refused if forms.may_be_form(word)]
    # Forms unmunch lists but Hunspell refuses, plus CRC-32 collisions: a few, never most.
    assert len(listed) < len(refused) / 50


def test_added_words_are_listed():
    forms = FormFilter(data_dir())
    assert not forms.may_be_form("zorglubage")
    forms.add("zorglubage")
    assert forms.may_be_form("zorglubage")
    assert not forms.may_be_form("zorglubages")  # only the word itself: its plural is Hunspell's business
    assert "zorglubage" in set(forms.one_edit("zorglubbage", any_substitution=True))


@pytest.mark.parametrize(
    "slip, expected",
    [("contrrraire", "contraire"), ("dévelopemment", "développement"), ("Ordonnancemment", "Ordonnancement")],
)
def test_slips_two_edits_away_get_their_word_first(slip, expected):
    assert get_checker().suggest(slip)[0] == expected


@pytest.mark.parametrize("slip", ["contrrraire", "ipmacée", "sttocke", "l'abre", "mosn", "coeurr", "dnmonster"])
def test_two_edit_search_finds_every_known_word_two_edits_away(slip):
    """The search skips one order of two far-apart edits: it finds what trying both orders finds.

    The reference is the plain double loop over every one-edit form, both steps
    unpruned, each candidate asked to the tables and Hunspell.
    """
    checker = get_checker()
    lowered = slip.lower()
    candidates = {second for first in set(one_edit(lowered, True)) for second in one_edit(first, True)}
    candidates.discard(lowered)
    expected = {c for c in candidates if checker._known_french(c)}
    assert expected  # a slip two edits from nothing would prove nothing
    assert {c.lower() for c in checker._two_edit_suggestions(slip)} == expected


def test_hunspell_search_is_the_last_resort_of_short_words_only():
    """README: Hunspell's own search only for a word of nine letters or fewer."""
    from courselint.spell.hunspell import SpellChecker

    checker = SpellChecker()
    # Nothing one or two slips away from either; Hunspell itself has words for both.
    for word in ("crédentials", "késaco"):
        assert not checker._near_words(word) and not checker._two_edit_suggestions(word)
        assert checker._french.suggest(word)
    assert checker.suggest("crédentials") == ()  # eleven letters: no search
    short = checker.suggest("késaco")  # six letters: Hunspell's words
    assert short and set(short) <= set(checker._french.suggest("késaco"))


def test_two_edit_search_keeps_the_first_letter_among_equals():
    suggestions = get_checker().suggest("intgérré")
    assert "intégré" in suggestions
    assert all(word.startswith("i") for word in suggestions)


def test_strict_neighbours_picked_from_the_broad_list_are_the_strict_ones():
    """has_french_neighbour (vowels only) now reads the broad list; same answers as generating its own."""
    from courselint.spell.hunspell import SpellChecker

    checker = SpellChecker()
    words = WORDS + _random_words(400) + ["example", "traffic", "server", "describe", "outages", "grace", "raport"]
    for word in words:
        lowered = word.lower()
        candidates = set(checker._forms.accent_variants(lowered)) | set(checker._forms.one_edit(lowered))
        candidates.discard(lowered)
        direct = any(checker._known_generated(candidate) for candidate in candidates)
        assert checker.has_french_neighbour(word) is direct, word


def test_is_strict_neighbour_knows_each_kind_of_edit():
    from courselint.spell.edits import is_strict_neighbour

    assert is_strict_neighbour("elements", "éléments")  # accents
    assert is_strict_neighbour("coeur", "cœur")  # ligature
    assert is_strict_neighbour("traffic", "trafic")  # a letter dropped
    assert is_strict_neighbour("server", "serveur")  # a letter added
    assert is_strict_neighbour("example", "exemple")  # a vowel for a vowel
    assert is_strict_neighbour("sttocke", "sttocek")  # two letters swapped
    assert not is_strict_neighbour("cu", "du")  # a consonant for another
    assert not is_strict_neighbour("raport", "rapporté")  # two edits
