"""Suppression comments in lessons.

``<!-- courselint: disable=CL401,CL3 -->`` … ``<!-- courselint: enable=CL401 -->``
silences codes (exact or by prefix) between the two comments (to the end of the
file if never re-enabled); ``<!-- courselint: disable-next-line=CL401 -->`` silences
them on the next non-blank line.  ``disable`` with no ``=`` silences everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from courselint.findings import Finding

_COMMENT = re.compile(
    r"<!--\s*courselint:\s*(?P<action>disable-next-line|disable|enable)"
    r"(?:\s*=\s*(?P<codes>[A-Za-z0-9_.,\s-]*?))?\s*-->"
)
ALL = ("",)  # the empty prefix matches every code


@dataclass(frozen=True, slots=True)
class Suppression:
    codes: tuple[str, ...]
    first_line: int
    last_line: int  # inclusive

    def covers(self, finding: Finding) -> bool:
        return self.first_line <= finding.line <= self.last_line and any(
            finding.code.startswith(code) or finding.rule == code for code in self.codes
        )


def _codes(text: str | None) -> tuple[str, ...]:
    if not text or not text.strip():
        return ALL
    return tuple(code.strip() for code in text.split(",") if code.strip())


def parse_suppressions(text: str) -> list[Suppression]:
    if "courselint:" not in text:
        return []
    lines = text.split("\n")
    found: list[Suppression] = []
    open_: dict[str, int] = {}
    for match in _COMMENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        action, codes = match.group("action"), _codes(match.group("codes"))
        if action == "disable-next-line":
            target = line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            found.append(Suppression(codes, target, target))
        elif action == "disable":
            for code in codes:
                open_.setdefault(code, line)
        else:
            for code in codes:
                closing = [c for c in open_ if c.startswith(code)] if code else list(open_)
                for opened in closing:
                    found.append(Suppression((opened,), open_.pop(opened), line))
    for code, start in open_.items():
        found.append(Suppression((code,), start, len(lines)))
    return found


def apply(findings: list[Finding], suppressions: list[Suppression]) -> list[Finding]:
    if not suppressions:
        return findings
    return [f for f in findings if not any(s.covers(f) for s in suppressions)]
