"""CL4xx: spelling, with Hunspell's French dictionary and a technical word list.

Words come from the masked prose of every block (headings, paragraphs, list
items, quotes, table cells, image alt text, text values of the front matter),
so code, URLs, HTML and shortcodes are never checked; see
:mod:`courselint.spell.tokenize` for what counts as a word.

Words a lesson may add for itself, in its front matter::

    spelling_words: [Hütterman, Mirantis]

(a YAML list, or one string of words separated by spaces).  Project-wide words
go in the words file (``.courselint-words.txt`` next to the configuration,
``courselint add-word MOT`` adds one) or in ``words = [...]`` of
``[tool.courselint.spelling]``.

Which unknown words are still accepted (names, anglicisms of the trade,
English phrases…) is explained in :mod:`courselint.spell.acceptance`: a course
names people, companies and products by the hundred, while the French slips
that look English (``grace``, ``traffic``, ``video``) stay reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from courselint.findings import Finding
from courselint.rules.base import make_finding, rule
from courselint.segments import code_spans
from courselint.spell.hunspell import SpellChecker
from courselint.spell.preload import spelling_settings
from courselint.spell.speller import SpellRequest, checker_for, find_unknown

CODE = "CL401"
NAME = "spelling.unknown-word"
LESSON_WORDS_KEY = "spelling_words"


@rule(CODE, NAME)
def spelling_unknown_word(lesson, ctx) -> Iterator[Finding]:
    """Mot inconnu du dictionnaire."""
    section = spelling_settings(ctx.config)
    if section.get("engine", "hunspell") is None:
        return iter(())
    # Built once per process (the words file is read then, not per lesson), unless
    # the command line preloaded it in a child process (spell/preload.py).
    checker = ctx.engine("spelling.hunspell", lambda: checker_for(section))
    return check_spelling(lesson, section, checker)


def check_spelling(lesson, config: Mapping, checker) -> Iterator[Finding]:
    """Yield a CL401 finding for every unknown word of the lesson's prose.

    ``config`` is the ``[tool.courselint.spelling]`` section as a dict; only
    ``suggestions`` is read here (the checker already holds the words).
    ``checker`` is a :class:`SpellChecker`, or the preloaded child of
    :mod:`courselint.spell.preload`, which runs the same pass.
    """
    request = SpellRequest(
        blocks=tuple((block.prose, block.raw) for block in lesson.blocks),
        code_words=_code_words(lesson),
        lesson_words=_lesson_words(lesson.metadata),
        suggestions=bool(config.get("suggestions", True)),
    )
    if isinstance(checker, SpellChecker):
        unknown = find_unknown(request, checker)
    else:
        unknown = checker.find_unknown(request)
    for item in unknown:
        block = lesson.blocks[item.block]
        line, column, end_line, end_column = block.span(item.start, item.end)
        yield make_finding(
            CODE,
            lesson.path,
            line,
            column,
            end_line,
            end_column,
            f"Mot inconnu du dictionnaire : « {item.word} »",
            word=item.word,
            suggestions=item.suggestions,
        )


_LETTERS = re.compile(r"[^\W\d_]{3,}")


def _code_words(lesson) -> frozenset[str]:
    """Words the lesson itself uses in its code (lowercased): names, never slips.

    ``lancez portainer`` next to ```docker run portainer/portainer``` is the
    name of a program; so is ``dnmonster`` in a lesson whose code block runs it.
    Code spans are those the masking hides from the checker (``segments.mask``).
    """
    words: set[str] = set()
    for token in getattr(lesson, "tokens", ()) or ():
        if token.type in ("fence", "code_block"):
            words.update(match.lower() for match in _LETTERS.findall(token.content))
    for block in lesson.blocks:
        for code in code_spans(block.raw):
            words.update(match.lower() for match in _LETTERS.findall(code))
    return frozenset(words)


def _lesson_words(metadata: Mapping) -> frozenset[str]:
    value = metadata.get(LESSON_WORDS_KEY) if isinstance(metadata, Mapping) else None
    if isinstance(value, str):
        items = value.split()
    elif isinstance(value, list):
        items = [str(item) for item in value if isinstance(item, (str, int, float))]
    else:
        return frozenset()
    words = set(items)
    words.update(item.lower() for item in items)
    return frozenset(words)
