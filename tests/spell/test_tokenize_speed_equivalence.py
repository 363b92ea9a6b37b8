"""Every field of the tokens on the tokenizer's fast paths (courselint.spell.tokenize).

The tokenizer takes plain words, plain words between punctuation and elisions
by shortcuts that must give the same tokens as its general path.  The expected
rows were written down from the general path before the shortcuts existed:
(start, end, word, parts as (start, end, word, alternatives), sentence_start,
acronym, marked_up).
"""

from __future__ import annotations

import dataclasses

import pytest

from courselint.spell.tokenize import Part, Token, tokenize

GOLDEN = [
    (
        # Plain chunks and words between punctuation, acronyms, mixed case, a new line.
        "Les conteneurs, (Docker) et «\u00a0LXC\u00a0» : PIDs.\nsuite GitHub macOS Linux",
        [
            (0, 3, "Les", (), True, False, False),
            (4, 14, "conteneurs", (), False, False, False),
            (17, 23, "Docker", (), False, False, False),
            (25, 27, "et", (), False, False, False),
            (30, 33, "LXC", (), False, True, False),
            (38, 42, "PIDs", (), True, True, False),
            (44, 49, "suite", (), True, False, False),
            (63, 68, "Linux", (), False, False, False),
        ],
    ),
    (
        # Elisions with both apostrophes, a word that is no elision, mixed case after one.
        "l'image d’abord, qu'il aujourd'hui L'Image l'iPhone d'API jusqu’à.",
        [
            (0, 7, "l'image", ((2, 7, "image", ()),), True, False, False),
            (8, 15, "d’abord", ((10, 15, "abord", ()),), False, False, False),
            (17, 22, "qu'il", ((20, 22, "il", ()),), False, False, False),
            (23, 34, "aujourd'hui", (), False, False, False),
            (35, 42, "L'Image", ((37, 42, "Image", ()),), False, False, False),
            (52, 57, "d'API", ((54, 57, "API", ()),), False, False, False),
            (58, 65, "jusqu’à", (), False, False, False),
        ],
    ),
    (
        # Sentence ends after a word between punctuation.
        "Fin. Début! Quoi? suite: Après… «\u00a0Ceci\u00a0». ok",
        [
            (0, 3, "Fin", (), True, False, False),
            (5, 10, "Début", (), True, False, False),
            (12, 16, "Quoi", (), True, False, False),
            (18, 23, "suite", (), True, False, False),
            (25, 30, "Après", (), True, False, False),
            (34, 38, "Ceci", (), True, False, False),
            (42, 44, "ok", (), True, False, False),
        ],
    ),
    (
        # Spaces other than " ": only "\n" starts a line; a word cut by markup.
        "un\u00a0mot\u2028Deux\r\nTrois\x85quatre\u3000Cinq \u2060**L**\u2060inu\u2060X",
        [
            (0, 2, "un", (), True, False, False),
            (3, 6, "mot", (), False, False, False),
            (7, 11, "Deux", (), False, False, False),
            (13, 18, "Trois", (), True, False, False),
            (19, 25, "quatre", (), False, False, False),
            (26, 30, "Cinq", (), False, False, False),
        ],
    ),
    (
        # Single letters, accented capitals, digits, slashes, compounds, inclusive writing.
        "a l' ÉTÉ Œuvre ÇA option a K8S 2024, et/ou I/O c'est-à-dire développeur·euses",
        [
            (5, 8, "ÉTÉ", (), False, True, False),
            (9, 14, "Œuvre", (), False, False, False),
            (15, 17, "ÇA", (), False, True, False),
            (18, 24, "option", (), False, False, False),
            (37, 39, "et", (), False, False, False),
            (40, 42, "ou", (), False, False, False),
            (47, 59, "c'est-à-dire", ((49, 52, "est", ()), (55, 59, "dire", ())), False, False, False),
            (60, 77, "développeur·euses", ((60, 71, "développeur", ("développeureuses",)),), False, False, False),
        ],
    ),
]


def fields(token: Token) -> tuple:
    parts = tuple((part.start, part.end, part.word, part.alternatives) for part in token.parts)
    return (token.start, token.end, token.word, parts, token.sentence_start, token.acronym, token.marked_up)


@pytest.mark.parametrize("prose, expected", GOLDEN)
def test_every_field_of_every_token(prose: str, expected: list[tuple]) -> None:
    assert [fields(token) for token in tokenize(prose)] == expected


def test_tokens_are_immutable_and_hashable() -> None:
    token, elided = tokenize("mot l'image")
    same = Token(0, 3, "mot", sentence_start=True)
    assert token == same and hash(token) == hash(same)
    assert elided.parts == (Part(6, 11, "image"),)
    assert len({token, elided, same}) == 2
    with pytest.raises(AttributeError):
        token.word = "autre"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        elided.parts[0].word = "autre"  # type: ignore[misc]
