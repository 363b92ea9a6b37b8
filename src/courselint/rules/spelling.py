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
that look English (``grace``, ``traffic``, ``video``) stay reported, and so do
words of the technical list standing for a French word (« les roles »).  The
pass tells why it reports a word; a French word written without its ligature
(``coeur``) is CL402, a warning, the rest CL401.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from courselint.codes import CODES
from courselint.findings import Edit, Finding, Fix
from courselint.messages import _
from courselint.rules.base import rule
from courselint.segments import code_spans
from courselint.spell.kinds import FRENCH_SLIP, LIGATURE
from courselint.spell.preload import SPELLER, spelling_settings
from courselint.spell.speller import SpellRequest, checker_for, find_unknown

CODE = "CL401"
LIGATURE_CODE = "CL402"
LESSON_WORDS_KEY = "spelling_words"

# The spelling pass tells why it reports a word (spell/acceptance.py); each
# reason has its code and message.
_CODES = {LIGATURE: LIGATURE_CODE}


def _message(kind: str, word: str, form: str) -> str:
    if kind == FRENCH_SLIP:
        return _("Mot anglais ou technique dans une phrase française : « {word} » (« {form} » ?)").format(
            word=word, form=form
        )
    if kind == LIGATURE:
        return _("Ligature manquante : « {word} » s'écrit « {form} »").format(word=word, form=form)
    return _("Mot inconnu du dictionnaire : « {word} »").format(word=word)


@rule(CODE)
def spelling_unknown_word(lesson, ctx, report) -> Iterator[Finding]:
    """Unknown words, and technical or English words standing for a French one."""
    return (finding for finding in _spelling_findings(lesson, ctx) if finding.code == report.code.code)


@rule(LIGATURE_CODE)
def spelling_ligature(lesson, ctx, report) -> Iterator[Finding]:
    """French words written without their ligature (``coeur`` for ``cœur``)."""
    return (finding for finding in _spelling_findings(lesson, ctx) if finding.code == report.code.code)


def _spelling_findings(lesson, ctx) -> list[Finding]:
    """Both codes come from one pass over the lesson, kept for the other rule's turn."""
    last = ctx.shared("spelling.last-lesson", dict)
    if last.get("lesson") is not lesson:
        section = spelling_settings(ctx.config)
        findings: list[Finding] = []
        if section.get("engine", "hunspell") is not None:
            # Built once per process (the words file is read then, not per lesson), unless
            # the command line preloaded it in a child process (spell/preload.py).
            checker = ctx.shared(SPELLER, lambda: checker_for(section))
            findings = list(check_spelling(lesson, section, checker))
        last.clear()
        last.update(lesson=lesson, findings=findings)
    return last["findings"]


def check_spelling(lesson, config: Mapping, checker) -> Iterator[Finding]:
    """Yield a CL401 or CL402 finding for every word of the lesson's prose to report.

    ``config`` is the ``[tool.courselint.spelling]`` section as a dict; only
    ``suggestions`` is read here (the checker already holds the words).
    ``checker`` is a :class:`SpellChecker`, or the preloaded child of
    :mod:`courselint.spell.preload`, which runs the same pass.  Each suggestion
    is a fix; it is safe (``check --fix``) only when the form is certain: a
    missing ligature, or accents only one French word matches.
    """
    request = SpellRequest(
        blocks=tuple((block.prose, block.raw) for block in lesson.blocks),
        code_words=_code_words(lesson),
        lesson_words=_lesson_words(lesson.metadata),
        suggestions=bool(config.get("suggestions", True)),
    )
    # A speller that answers whole requests itself (the preloaded child, the language
    # server's block memo) is asked directly; a bare checker goes through find_unknown.
    # Duck-typed on purpose: the rule need not import Hunspell to tell them apart.
    own = getattr(checker, "find_unknown", None)
    unknown = own(request) if own is not None else find_unknown(request, checker)
    for item in unknown:
        where = lesson.blocks[item.block].span(item.start, item.end)
        form = item.suggestions[0] if item.suggestions else ""
        fixes = tuple(
            Fix(_("remplacer par « {word} »").format(word=s), (Edit(where, s),), safe=s == item.safe_form)
            for s in item.suggestions
        )
        yield CODES[_CODES.get(item.kind, CODE)].finding(
            lesson.path,
            where,
            _message(item.kind, item.word, form),
            word=item.word,
            suggestions=item.suggestions,
            fixes=fixes,
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
