"""CL701: invisible, bidirectional and control characters in a French source lesson.

A right-to-left override in a command shown to students ("Trojan Source"), a zero
width space inside a word, an ESC pasted from a terminal: the reader cannot see
them, the spelling check cannot either.  The characters are the ones CL606 refuses
in a translation (:func:`courselint.i18n.checks.invisible_at`, one definition),
reported everywhere in the lesson, code included: code is where they do harm.
"""

from __future__ import annotations

from collections.abc import Iterator

from courselint.findings import Finding, Span
from courselint.i18n.checks import invisible_at
from courselint.messages import _, agree
from courselint.rules.base import rule

#: Past this many, one more finding per character says nothing new (a pasted binary).
_MOST = 20


@rule("CL701")
def invisible_character(lesson, ctx, report) -> Iterator[Finding]:
    """Each invisible character of the lesson, at its line and column."""
    found = invisible_at(lesson.text)
    for offset, name in found[:_MOST]:
        where = lesson.index.position(offset)
        yield report(
            Span(where.line, where.column, where.line, where.column + 1),
            _("caractère invisible ou de contrôle : {name} ; retirez-le (ou écrivez-le en entité HTML s'il est voulu)").format(name=name),
        )
    if len(found) > _MOST:
        where = lesson.index.position(found[_MOST][0])
        yield report(
            Span.point(where.line),
            agree(
                "{count} autre caractère invisible ou de contrôle dans la leçon",
                "{count} autres caractères invisibles ou de contrôle dans la leçon",
                len(found) - _MOST,
            ),
        )
