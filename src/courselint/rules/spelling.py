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

from courselint.findings import Edit, Finding, Fix
from courselint.rules.base import Report, rule
from courselint.codes import CODES
from courselint.segments import code_spans
from courselint.spell.hunspell import SpellChecker
from courselint.spell.preload import SPELLER, spelling_settings
from courselint.spell.speller import SpellRequest, checker_for, find_unknown

CODE = "CL401"
LESSON_WORDS_KEY = "spelling_words"


@rule(CODE)
def spelling_unknown_word(lesson, ctx, report) -> Iterator[Finding]:
    """Unknown words of the lesson's prose, with suggestions."""
    section = spelling_settings(ctx.config)
    if section.get("engine", "hunspell") is None:
        return iter(())
    # Built once per process (the words file is read then, not per lesson), unless
    # the command line preloaded it in a child process (spell/preload.py).
    checker = ctx.shared(SPELLER, lambda: checker_for(section))
    return check_spelling(lesson, section, checker, report)


def check_spelling(lesson, config: Mapping, checker, report: Report | None = None) -> Iterator[Finding]:
    """Yield a CL401 finding for every unknown word of the lesson's prose.

    ``config`` is the ``[tool.courselint.spelling]`` section as a dict; only
    ``suggestions`` is read here (the checker already holds the words).
    ``checker`` is a :class:`SpellChecker`, or the preloaded child of
    :mod:`courselint.spell.preload`, which runs the same pass.  Each suggestion
    is a fix (never a safe one: choosing among words is the author's call).
    """
    if report is None:
        report = Report(CODES[CODE], lesson.path)
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
        where = lesson.blocks[item.block].span(item.start, item.end)
        yield report(
            where,
            f"Mot inconnu du dictionnaire : « {item.word} »",
            word=item.word,
            suggestions=item.suggestions,
            fixes=tuple(Fix(f"remplacer par « {s} »", (Edit(where, s),)) for s in item.suggestions),
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
