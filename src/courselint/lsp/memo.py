"""The spelling pass of an edited lesson, block by block, remembered between edits.

A keystroke changes one block of a 2,000-line lesson; the spelling pass
(:func:`courselint.spell.speller.find_unknown`) would read all 850 again.  The
:class:`MemoSpeller` stands where the rule expects a speller (the
``find_unknown(request)`` interface of :mod:`courselint.spell.preload`) and asks
the real pass only about blocks whose text it has not seen.

Exactness: a block's findings depend on its own ``(prose, raw)``, on the
checker (one per project: a new configuration or word list makes a new project,
hence a new memo), on ``suggestions``, and on two sets that span the lesson:
``names`` (the words its code uses plus every block's proper nouns) and
``lesson_words`` (its front matter).  Rather than keying on the whole sets —
typing a new name would then forget every block — each block is checked once
with :class:`_Watched` sets that write down every question the pass asked them
(``word in names``, ``bool(names)``).  A remembered result is reused only when
the lesson's current sets give the same answer to each of those questions, so
it is the result the pass would give now.  A pass that used the sets any other
way (iterating, ``len``) raises :class:`_Unwatched`; the block is then checked
again every time, without memo.

Everything is in code points of the block's own prose: findings carry their
block number, so a block that moved (lines added above it) keeps its result;
the rule turns block offsets into lesson lines afterwards.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Callable

from courselint.spell.speller import SpellRequest, UnknownWord, _proper_nouns, find_unknown
from courselint.spell.tokenize import tokenize

#: Blocks remembered beyond those of the last request: the blocks of other open
#: lessons, and of recent versions (undo).  A forgotten block is only checked again.
SPARE_BLOCKS = 2048
#: Results kept for one block text under different lesson-wide sets (a name added, removed).
VARIANTS = 2

_BOOL = object()  # the question ``bool(the set)``


class _Unwatched(Exception):
    """The pass used a lesson-wide set in a way that is not written down."""


class _Watched:
    """A read-only set that writes down the questions asked of it, with their answers."""

    __slots__ = ("items", "log")

    def __init__(self, items: frozenset[str], log: list) -> None:
        self.items, self.log = items, log

    def __contains__(self, item) -> bool:
        answer = item in self.items
        self.log.append((item, answer))
        return answer

    def __bool__(self) -> bool:
        answer = bool(self.items)
        self.log.append((_BOOL, answer))
        return answer

    def __or__(self, other):
        # The pass adds the block's own proper nouns to ``names``; the lesson's
        # names already hold them (they are the union of every block's), so the
        # set, and every later answer, is unchanged.
        if not isinstance(other, (set, frozenset)) or not other <= self.items:
            raise _Unwatched
        return self

    __ror__ = __or__

    def __iter__(self):
        raise _Unwatched

    def __len__(self):
        raise _Unwatched


def _same_answers(log: list, items: frozenset[str]) -> bool:
    return all((bool(items) if question is _BOOL else question in items) == answer for question, answer in log)


class _Block:
    """What is remembered of one block text: its proper nouns and its findings."""

    __slots__ = ("proper_nouns", "results")

    def __init__(self, proper_nouns: frozenset[str]) -> None:
        self.proper_nouns = proper_nouns
        #: (suggestions, names questions, lesson-words questions, findings with block 0)
        self.results: list[tuple[bool, list, list, tuple[UnknownWord, ...]]] = []


class MemoSpeller:
    """A speller for the editor's lessons: :func:`find_unknown` with a memory of blocks."""

    def __init__(self, make_checker: Callable[[], object]) -> None:
        # Made on first use: a project that checks no spelling loads no dictionary.
        self._make_checker = make_checker
        self._checker = None
        self._blocks: OrderedDict[tuple[str, str], _Block] = OrderedDict()
        #: Blocks the last request read again (a measure for tests and the benchmark).
        self.checked = 0

    @property
    def checker(self):
        if self._checker is None:
            self._checker = self._make_checker()
        return self._checker

    def _block(self, key: tuple[str, str]) -> _Block:
        block = self._blocks.get(key)
        if block is None:
            block = self._blocks[key] = _Block(_proper_nouns([tokenize(key[0])], self.checker))
        else:
            self._blocks.move_to_end(key)
        return block

    def find_unknown(self, request: SpellRequest) -> list[UnknownWord]:
        blocks = [self._block(key) for key in request.blocks]
        names = request.code_words.union(*(block.proper_nouns for block in blocks))
        lesson_words = request.lesson_words
        found: list[UnknownWord] = []
        self.checked = 0
        for number, (key, block) in enumerate(zip(request.blocks, blocks)):
            items = self._known(block, request.suggestions, names, lesson_words)
            if items is None:
                self.checked += 1
                items = self._check_block(key, block, request.suggestions, names, lesson_words)
            found.extend(replace(item, block=number) if number else item for item in items)
        while len(self._blocks) > len(request.blocks) + SPARE_BLOCKS:
            self._blocks.popitem(last=False)
        return found

    @staticmethod
    def _known(block: _Block, suggestions: bool, names, lesson_words) -> tuple[UnknownWord, ...] | None:
        for wanted, names_log, words_log, items in block.results:
            if wanted == suggestions and _same_answers(names_log, names) and _same_answers(words_log, lesson_words):
                return items
        return None

    def _check_block(self, key, block: _Block, suggestions: bool, names, lesson_words) -> tuple[UnknownWord, ...]:
        names_log: list = []
        words_log: list = []
        one = SpellRequest(
            blocks=(key,),
            code_words=_Watched(names, names_log),
            lesson_words=_Watched(lesson_words, words_log),
            suggestions=suggestions,
        )
        try:
            items = tuple(find_unknown(one, self.checker))
        except _Unwatched:
            # Not memoisable: the same pass with the plain sets, remembered nowhere.
            plain = SpellRequest(blocks=(key,), code_words=names, lesson_words=lesson_words, suggestions=suggestions)
            return tuple(find_unknown(plain, self.checker))
        block.results.insert(0, (suggestions, names_log, words_log, items))
        del block.results[VARIANTS:]
        return items
