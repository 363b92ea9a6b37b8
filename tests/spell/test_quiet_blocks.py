"""A block of known words is not tokenized (``acceptance.nothing_to_report``).

The shortcut must never hide a finding or a name: with it and without it, the
spelling pass gives the same answer on real prose (the shared bench's course
prose and the bilingual Hugo site), and it does fire on most blocks (else it
would only cost time).
"""

from __future__ import annotations

import pytest

from courselint.document import parse
from courselint.rules.spelling import _code_words, _lesson_words
from courselint.spell import acceptance, speller
from courselint.spell.speller import SpellRequest, checker_for, find_unknown
from tests.shared_corpus import LEARN_SITE, SHARED

PROSE = SHARED / "bench" / "prose-dev.txt"


@pytest.fixture(scope="module")
def checker():
    return checker_for({})


def _requests() -> list[SpellRequest]:
    requests = []
    lessons = sorted((LEARN_SITE / "content").rglob("*.md"))
    assert lessons, f"no lessons under {LEARN_SITE}"
    for path in lessons:
        lesson = parse(str(path), path.read_bytes())
        blocks = tuple((block.prose, block.raw) for block in lesson.blocks)
        requests.append(SpellRequest(blocks, _code_words(lesson), _lesson_words(lesson.metadata)))
    lines = [line for line in PROSE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 5000
    # The prose in lessons of twenty paragraphs: names found in one paragraph count in the others.
    for start in range(0, len(lines), 20):
        blocks = tuple((line, line) for line in lines[start : start + 20])
        requests.append(SpellRequest(blocks, suggestions=False))
    return requests


def test_the_same_words_reported_with_and_without_the_shortcut(checker, monkeypatch):
    requests = _requests()
    quiet = sum(acceptance.nothing_to_report(prose, checker) for request in requests for prose, _ in request.blocks)
    blocks = sum(len(request.blocks) for request in requests)
    assert quiet > blocks // 2, (quiet, blocks)  # it fires on most real blocks
    fast = [find_unknown(request, checker) for request in requests]
    monkeypatch.setattr(acceptance, "nothing_to_report", lambda prose, checker: False)
    slow = [find_unknown(request, checker) for request in requests]
    assert fast == slow
    assert sum(map(len, slow)) > 100  # real prose has words to report: the comparison means something


@pytest.mark.parametrize(
    ("prose", "quiet"),
    [
        ("Les conteneurs Docker tournent sur l'hôte, c'est-à-dire ici.", True),
        ("Le LXC et les PIDs.", True),  # acronyms
        ("une consomemation", False),  # unknown
        ("les roles du cluster", False),  # a word of the list standing for « rôles »: the context decides
        ("Ansible roles", False),  # the same chunk, whatever surrounds it
        ("Le projet de Zorblaxe", False),  # a name: the full pass collects it
        ("", True),
    ],
)
def test_what_the_shortcut_lets_through(checker, prose, quiet):
    assert acceptance.nothing_to_report(prose, checker) is quiet


def test_names_are_still_collected_from_the_other_blocks(checker):
    """A name capitalised in one block lets the same word through in another."""
    request = SpellRequest((("Nous utilisons Zorblaxe ici.", None), ("zorblaxe est lancé.", None)))
    assert find_unknown(request, checker) == []
    assert speller._proper_nouns([None, []], checker) == frozenset()
