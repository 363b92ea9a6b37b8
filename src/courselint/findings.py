"""Findings are plain values: every rule yields them, every reporter prints them.

Positions are 1-based lines and 1-based columns counted in Unicode code points
(a tab is one column); ``end_column`` is exclusive.  Inside the program we work
with offsets into a text; :class:`LineIndex` converts them at the edge.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field, replace
from typing import NamedTuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class Span(NamedTuple):
    """Where a finding or an edit lies in a file: 1-based lines and columns, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> "Span":
        """One character at ``line:column`` (a finding that has no extent of its own)."""
        return cls(line, column, line, column + 1)

    def to_dict(self) -> dict:
        return dict(self._asdict())


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text at ``span`` of the file with ``text`` (an empty span inserts)."""

    span: Span
    text: str

    def to_dict(self) -> dict:
        return {**self.span.to_dict(), "text": self.text}

    @classmethod
    def from_dict(cls, data: dict) -> "Edit":
        return cls(Span(data["line"], data["column"], data["end_line"], data["end_column"]), data["text"])


@dataclass(frozen=True, slots=True)
class Fix:
    """A way to fix a finding: edits of its file, applied together or not at all.

    ``safe`` fixes have one reading only (``check --fix`` applies them); the others
    (a spelling suggestion among several) need a person's choice.
    """

    title: str
    edits: tuple[Edit, ...]
    safe: bool = False

    def to_dict(self) -> dict:
        return {"title": self.title, "safe": self.safe, "edits": [edit.to_dict() for edit in self.edits]}

    @classmethod
    def from_dict(cls, data: dict) -> "Fix":
        return cls(data["title"], tuple(Edit.from_dict(e) for e in data["edits"]), bool(data["safe"]))


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    word: str | None = None
    suggestions: tuple[str, ...] = ()
    #: Ways to fix the finding, the preferred first (see :class:`Fix`).
    fixes: tuple[Fix, ...] = ()

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def with_severity(self, severity: Severity) -> "Finding":
        return replace(self, severity=severity)

    def to_dict(self) -> dict:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
        }
        if self.word is not None:
            data["word"] = self.word
            data["suggestions"] = list(self.suggestions)
        if self.fixes:
            data["fixes"] = [fix.to_dict() for fix in self.fixes]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        return cls(
            path=data["path"],
            line=data["line"],
            column=data["column"],
            end_line=data["end_line"],
            end_column=data["end_column"],
            code=data["code"],
            rule=data["rule"],
            severity=Severity(data["severity"]),
            message=data["message"],
            word=data.get("word"),
            suggestions=tuple(data.get("suggestions", ())),
            fixes=tuple(Fix.from_dict(item) for item in data.get("fixes", ())),
        )


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


@dataclass(slots=True)
class LineIndex:
    """Maps offsets of a text (with ``\\n`` line ends) to 1-based line and column."""

    text: str
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The 1-based line of an offset (``position(offset).line``, without the column)."""
        offset = max(0, min(offset, len(self.text)))
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)

    def offset(self, line: int, column: int = 1) -> int:
        """Offset of a 1-based (line, column); clamps to the text."""
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end]

    def line_span(self, line: int, column: int = 1) -> Span:
        """From ``column`` to the end of a 1-based line (at least one column wide)."""
        line = max(1, min(line, len(self.starts)))
        return Span(line, column, line, max(column + 1, len(self.line_text(line)) + 1))

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        first, last = self.position(start), self.position(end)
        return Span(first.line, first.column, last.line, last.column)

    def line_end(self, line: int) -> int:
        """Offset just past the last character of a 1-based line (before its newline)."""
        return self.starts[line] - 1 if line < len(self.starts) else len(self.text)
