"""CL21x: slide structure.

Slides are separated by ``---`` lines.  A ``---`` line directly under a
paragraph line is not a separator for Markdown (nor for Hugo): it underlines the
paragraph, which becomes a heading (a "setext" heading), and the slide never
starts.  The fix is a blank line between the two.

Only an underline of exactly three dashes is reported: a longer run of dashes
(``Titre`` / ``-----``) is the deliberate way to write such a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from courselint.findings import Edit, Finding, Fix, Span
from courselint.messages import _
from courselint.rules.base import rule

_SEPARATOR = re.compile(r"(?P<indent> {0,3})---[ \t]*")


@rule("CL210")
def separator_under_paragraph(lesson, ctx, report) -> Iterator[Finding]:
    """A ``---`` line right under a paragraph line: a setext underline, not a separator."""
    for token in lesson.tokens:
        if token.type != "heading_open" or token.markup != "-" or not token.map:
            continue
        underline = token.map[1]  # 0-based exclusive end = 1-based last line
        text = lesson.index.line_text(underline)
        match = _SEPARATOR.fullmatch(text)
        if match is None:
            continue
        column = len(match.group("indent")) + 1
        paragraph_line = underline - 1
        # Not safe: the author may have meant a heading after all.
        blank_line = Fix(_("insérer une ligne vide avant `---`"), (Edit(Span(underline, 1, underline, 1), "\n"),))
        yield report(
            Span(underline, column, underline, column + 3),
            _(
                "ce `---` est collé au paragraphe de la ligne {line}, qui devient un titre"
                " au lieu d'ouvrir une nouvelle diapositive : ajoutez une ligne vide avant `---`"
            ).format(line=paragraph_line),
            fixes=(blank_line,),
        )
