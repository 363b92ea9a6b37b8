"""Findings are plain values: every rule yields them, every reporter prints them.

Positions are 1-based lines and 1-based columns counted in Unicode code points
(a tab is one column); ``end_column`` is exclusive.  Inside the program we work
with offsets into a text; :class:`LineIndex` converts them at the edge.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field, replace


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


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

    def line_end(self, line: int) -> int:
        """Offset just past the last character of a 1-based line (before its newline)."""
        return self.starts[line] - 1 if line < len(self.starts) else len(self.text)
