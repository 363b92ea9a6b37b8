"""Edits between words, the French-neighbour test and the shipped technical list."""

from __future__ import annotations

import pytest

from courselint.spell.edits import (
    accent_variants,
    edit_cost,
    edit_distance,
    looks_french,
    one_edit,
)
from courselint.spell.hunspell import TECH_WORDS_FILE, data_dir, get_checker
from courselint.spell.wordlist import read_tech_words


def test_accent_variants_cover_accents_and_ligatures():
    variants = set(accent_variants("coeur"))
    assert "cœur" in variants
    assert "éléments" in set(accent_variants("elements"))
    assert "çà" in set(accent_variants("ca"))


def test_one_edit_without_consonant_substitution():
    broad = set(one_edit("cu", any_substitution=True))
    narrow = set(one_edit("cu"))
    assert {"du", "u", "uc", "cru"} <= broad
    assert "du" not in narrow  # c → d is a consonant substitution
    assert {"ca", "u", "uc", "cru"} <= narrow


@pytest.mark.parametrize(
    "word, candidate, cost",
    [
        ("cu", "du", 0),  # neighbouring keys
        ("donneés", "données", 0),  # swapped pair
        ("plannification", "planification", 0),  # doubled letter
        ("arguements", "arguments", 1),  # an extra letter
        ("péréclité", "périclité", 2),  # far keys
    ],
)
def test_edit_cost(word, candidate, cost):
    assert edit_cost(word, candidate) == cost


def test_edit_distance_counts_transpositions_once():
    assert edit_distance("cocnrètement", "concrètement") == 1
    assert edit_distance("kitten", "sitting") == 3


@pytest.mark.parametrize(
    "word, expected",
    [("disponilibilité", True), ("conrespondante", True), ("dnmonster", False), ("argparse", False)],
)
def test_looks_french(word, expected):
    assert looks_french(word) is expected


@pytest.mark.parametrize(
    "word, near",
    [
        ("grace", True), ("traffic", True), ("video", True), ("example", True), ("role", True),
        ("elements", True), ("language", True), ("deprecated", False), ("describe", False),
    ],
)
def test_french_neighbour(word, near):
    assert get_checker().has_french_neighbour(word) is near


# Words a technical list must never hold: French slips that happen to be English.
NEVER_LISTED = (
    "cu grace executer execution verifier oeuvre coeur traffic video role controle complete "
    "depot acces systeme reseau modele interet connection address environment example "
    "language resource dependency command function object method parameter list install "
    "router artifact replication formatter tutorial latency resilience affinity toker del loging"
).split()


def test_the_technical_list_leaves_french_slips_alone():
    listed = {entry.word.lower() for entry in read_tech_words(data_dir() / TECH_WORDS_FILE)}
    assert listed.isdisjoint(NEVER_LISTED)
    checker = get_checker()
    # ``router`` is also a French verb (to route): the dictionary itself accepts it.
    assert [word for word in NEVER_LISTED if checker.check(word)] == ["router"]


def test_the_technical_list_has_its_inflected_forms():
    checker = get_checker()
    for word in ("chroots", "conteneurisé", "conteneurisons", "pods", "playbooks", "namespaces", "Kubernetes"):
        assert checker.check(word), word


def test_the_technical_list_models_exist_in_the_dictionary():
    checker = get_checker()
    models = {entry.model for entry in read_tech_words(data_dir() / TECH_WORDS_FILE) if entry.model}
    assert models and all(checker.check(model) for model in models)
