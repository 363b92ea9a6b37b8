"""Columns in the editor's units: findings count code points, LSP clients count
UTF-16 code units by default, UTF-8 bytes or UTF-32 code points when negotiated
(``positionEncoding``).

Lines are split the way LSP splits them (``\\r\\n``, ``\\r`` or ``\\n``), which is
the way the lesson model normalises line ends: a finding's line number is the
editor's line number plus one.  A byte-order mark is not part of a lesson's
text (:func:`courselint.document.decode` drops it) but an editor may keep it
in its buffer: columns of the first line then move by one.

No pygls here: this module is plain text arithmetic, tested on its own.
"""

from __future__ import annotations

import re

from courselint.findings import Span

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)

_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their ends, as LSP numbers them."""
    return _LINE_END.split(text)


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the editor's units."""
    if encoding == UTF8:
        # surrogatepass: a lone surrogate an editor sent is still one unit of ours
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == UTF16:
        if text.isascii():
            return len(text)
        # The codec counts in C: two bytes a unit, four for a character past U+FFFF
        # (a lone surrogate, passed through, is one unit as the editor sent it).
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text)


def to_units(line_text: str, column: int, encoding: str) -> int:
    """0-based editor column of the 1-based code-point ``column`` of a line.

    Past the end of the line each missing column counts one unit, as the
    findings' "at least one column wide" spans on empty lines ask.
    """
    index = max(column - 1, 0)
    inside = line_text[:index]
    return units(inside, encoding) + max(index - len(line_text), 0)


def from_units(line_text: str, character: int, encoding: str) -> int:
    """0-based code-point index of the 0-based editor column ``character``.

    A column inside a character (the second unit of an emoji) rounds down to
    its start; past the end of the line gives the line's length.
    """
    if encoding == UTF32:
        return min(character, len(line_text))
    count = 0
    for index, char in enumerate(line_text):
        width = units(char, encoding)
        if count + width > character:
            return index
        count += width
    return len(line_text)


class Lines:
    """A document's text seen as editor lines, to convert spans both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.encoding = encoding if encoding in ENCODINGS else UTF16
        self.lines = split_lines(text)
        self.bom = text.startswith("\ufeff")

    def _line(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""

    def position(self, line: int, column: int) -> tuple[int, int]:
        """(0-based line, editor column) of a finding's 1-based line and code-point column."""
        if line > len(self.lines):  # a span that ends after the last line: its end
            return len(self.lines) - 1, units(self.lines[-1], self.encoding)
        line = max(line, 1)
        if self.bom and line == 1:
            column += 1
        return line - 1, to_units(self._line(line), column, self.encoding)

    def range(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.position(span.line, span.column), self.position(span.end_line, span.end_column)

    def column(self, line0: int, character: int) -> tuple[int, int]:
        """A finding's (1-based line, 1-based code-point column) of an editor position."""
        text = self._line(line0 + 1)
        column = from_units(text, character, self.encoding) + 1
        if self.bom and line0 == 0:
            column = max(column - 1, 1)
        return line0 + 1, column
