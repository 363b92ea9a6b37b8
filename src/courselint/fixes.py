"""Applying the edits that findings carry (``Finding.fixes``) to a file's text.

Positions are those of findings: 1-based lines and 1-based columns in code
points, the end exclusive; lines end with ``\\n``, ``\\r\\n`` or ``\\r`` as in the
file, and an edit never touches a line end it does not cover, so every byte
outside the edits is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from courselint.findings import Edit, Finding, Fix
from courselint.messages import _

_LINE_END = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in _LINE_END.finditer(text)]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit applied; edits must not overlap (:class:`ValueError`)."""
    starts = _line_starts(text)

    def offset(line: int, column: int) -> int:
        if not 1 <= line <= len(starts):
            raise ValueError(_("ligne {line} hors du fichier").format(line=line))
        return starts[line - 1] + column - 1

    spans = sorted((offset(e.span.line, e.span.column), offset(e.span.end_line, e.span.end_column), e.text) for e in edits)
    out, last = [], 0
    for start, end, replacement in spans:
        if start < last or end < start:
            raise ValueError(_("modifications qui se chevauchent"))
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def chosen_fixes(findings: Iterable[Finding], *, unsafe: bool = False) -> list[tuple[Finding, Fix]]:
    """The fix to apply for each finding of one file: its safe fix, or with ``unsafe`` its first.

    A fix whose edits overlap a fix already chosen is left for a later run.
    """
    chosen: list[tuple[Finding, Fix]] = []
    taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for finding in sorted(findings, key=Finding.sort_key):
        fix = next((f for f in finding.fixes if f.safe), None)
        if fix is None and unsafe and finding.fixes:
            fix = finding.fixes[0]
        if fix is None:
            continue
        ranges = [((e.span.line, e.span.column), (e.span.end_line, e.span.end_column)) for e in fix.edits]
        if any(start < other_end and other_start < end for start, end in ranges for other_start, other_end in taken):
            continue
        taken.extend(ranges)
        chosen.append((finding, fix))
    return chosen
