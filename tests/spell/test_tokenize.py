"""Golden tables for the spelling tokenizer (courselint.spell.tokenize).

Each row is a masked prose string (what ``Block.prose`` holds) and the words the
checker will see, with their offsets; a ``|`` in the expected column separates
a token from the parts reported when the whole word is unknown.
"""

from __future__ import annotations

import pytest

from courselint.document import parse
from courselint.segments import JOINER
from courselint.spell.tokenize import tokenize

J = JOINER


def words(prose: str) -> list[str]:
    return [token.word for token in tokenize(prose)]


def spans(prose: str) -> list[tuple[int, int, str]]:
    return [(token.start, token.end, token.word) for token in tokenize(prose)]


def parts(prose: str) -> list[list[tuple[int, int, str]]]:
    return [[(part.start, part.end, part.word) for part in token.parts] for token in tokenize(prose)]


ELISIONS = [
    # prose, tokens (start, end, word), parts of each token
    ("l'évolution", [(0, 11, "l'évolution")], [[(2, 11, "évolution")]]),
    ("l’execution", [(0, 11, "l’execution")], [[(2, 11, "execution")]]),
    ("jusqu'ici", [(0, 9, "jusqu'ici")], [[(6, 9, "ici")]]),
    ("lorsqu'il", [(0, 9, "lorsqu'il")], [[(7, 9, "il")]]),
    ("puisqu’on", [(0, 9, "puisqu’on")], [[(7, 9, "on")]]),
    ("quoiqu'elle", [(0, 11, "quoiqu'elle")], [[(7, 11, "elle")]]),
    ("Qu'est", [(0, 6, "Qu'est")], [[(3, 6, "est")]]),
    ("d'un n'est s'il t'aime m'a j'ai c'est", None, None),
    # Not elisions: whole dictionary words, never cut.
    ("aujourd'hui", [(0, 11, "aujourd'hui")], [[]]),
    ("quelqu'un", [(0, 9, "quelqu'un")], [[]]),
    # An elision before masked code: the apostrophe is dropped, the letter skipped.
    ("l'       est", [(9, 12, "est")], [[]]),
]


@pytest.mark.parametrize("prose, expected, expected_parts", ELISIONS)
def test_elisions(prose, expected, expected_parts):
    if expected is None:
        assert words(prose) == ["d'un", "n'est", "s'il", "t'aime", "m'a", "j'ai", "c'est"]
        assert [p[0][2] for p in parts(prose) if p] == ["un", "est", "il", "aime", "ai", "est"]
        return
    assert spans(prose) == expected
    assert parts(prose) == expected_parts


COMPOUNDS = [
    ("c'est-à-dire", [(0, 12, "c'est-à-dire")], [[(2, 5, "est"), (8, 12, "dire")]]),
    ("peut-etre", [(0, 9, "peut-etre")], [[(0, 4, "peut"), (5, 9, "etre")]]),
    ("quatre-vingt-dix", [(0, 16, "quatre-vingt-dix")], [[(0, 6, "quatre"), (7, 12, "vingt"), (13, 16, "dix")]]),
    # One-letter parts are never reported on their own.
    ("cri-o", [(0, 5, "cri-o")], [[(0, 3, "cri")]]),
    ("va-t-il", [(0, 7, "va-t-il")], [[(0, 2, "va"), (5, 7, "il")]]),
]


@pytest.mark.parametrize("prose, expected, expected_parts", COMPOUNDS)
def test_compounds(prose, expected, expected_parts):
    assert spans(prose) == expected
    assert parts(prose) == expected_parts


def test_markup_inside_a_word_is_joined_and_offsets_cover_it():
    # "**L**inu**X** **C**ontainers": boundary delimiters are spaces, inner ones joiners.
    prose = f"Les   L{J}{J}inu{J}{J}X{J}{J}   C{J}{J}ontainers"
    tokens = tokenize(prose)
    # LinuX is mixed case, hence a name (skipped); Containers is joined.
    assert [token.word for token in tokens] == ["Les", "Containers"]
    containers = tokens[1]
    assert prose[containers.start : containers.end] == f"C{J}{J}ontainers"
    assert containers.marked_up


def test_markup_inside_a_lowercase_word():
    prose = f"la con{J}{J}sommation"
    assert spans(prose) == [(0, 2, "la"), (3, 17, "consommation")]


def test_masked_spans_are_not_words():
    lesson = parse("x.md", "La commande `chroot /srv` et <b>gras</b> {{< ref \"a.md\" >}} voir https://example.org/a fin.\n")
    block = lesson.blocks[0]
    assert words(block.prose) == ["La", "commande", "et", "gras", "voir", "fin"]


SKIPPED = [
    ("1er 2e XXIe n°1 n° 1265 K8S x86_64 IPv4 mot_clé 3ème", []),
    ("voir /etc/hosts, C:\\x et ./run.sh ou ../a/b", ["voir", "et", "ou"]),
    ("le fichier foo.yml et os.path", ["le", "fichier", "et"]),
    ("écrire à a@b.fr ou https://x.org/p?q=1 ou www.site.fr", ["écrire", "ou", "ou"]),
    ("l'option --no-cache et -v", ["l'option", "et"]),
    ("$HOME #tag @user key=value nginx:latest", []),
    ("DevOps GitHub macOS iPhone LinuX", []),
    ("option a et b", ["option", "et"]),
]


@pytest.mark.parametrize("prose, expected", SKIPPED)
def test_things_that_are_not_words(prose, expected):
    assert words(prose) == expected


def test_slashes_between_words_give_two_words():
    assert words("et/ou client/serveur TCP/IP") == ["et", "ou", "client", "serveur", "TCP", "IP"]


def test_acronyms_and_all_caps_are_marked():
    tokens = tokenize("Les PIDs, LXC, CNCF et ATTENTION mais pas Docker")
    marked = {token.word: token.acronym for token in tokens}
    assert marked == {
        "Les": False, "PIDs": True, "LXC": True, "CNCF": True, "et": False,
        "ATTENTION": True, "mais": False, "pas": False, "Docker": False,
    }


def test_sentence_starts():
    tokens = tokenize("Analogie : Une maison. Puis Docker arrive\nSuite ici")
    starts = {token.word: token.sentence_start for token in tokens}
    assert starts == {
        "Analogie": True, "Une": True, "maison": False, "Puis": True,
        "Docker": False, "arrive": False, "Suite": True, "ici": False,
    }


def test_inclusive_writing_keeps_the_base_word():
    (token,) = tokenize("développeur·euses")
    assert [(part.start, part.end, part.word, part.alternatives) for part in token.parts] == [
        (0, 11, "développeur", ("développeureuses",))
    ]
    (token,) = tokenize("tou·te·s")
    assert token.parts[0].word == "tou" and token.parts[0].alternatives == ("toute",)
