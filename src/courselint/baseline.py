"""The baseline: today's findings of a course, recorded so that ``check`` reports only new ones.

A course adopting courselint has a backlog (hundreds of real slips); the baseline
lets its authors commit again at once and fix the backlog at their pace.

A finding is identified by its file, its code, its word (spelling and grammar
findings) and its context (the text of its line, spaces trimmed) — never by its
line number, so lines inserted elsewhere in the file change nothing, nor by its
message, which is in the reader's language.  The same slip twice in one file is one
entry with ``count: 2``; a third occurrence is new.  Like PHPStan's baseline (and
unlike detekt's, which forgets counts), the counts are kept; unlike a ``noqa``
comment, nothing is written into the lessons.

The file is JSON, sorted, with a final newline: running ``courselint baseline``
twice writes the same bytes, and a diff of it reviews what was fixed or added.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from courselint.document import normalise_newlines
from courselint.fileio import read_regular
from courselint.findings import Finding
from courselint.messages import _

FORMAT = 1

#: Codes about the run, not about a file's text: never recorded.
_NOT_RECORDED = frozenset({"CL901"})

Key = tuple[str, str, str, str]  # path, code, subject, context


def subject(finding: Finding) -> str:
    """What the finding is about: its word (spelling, grammar), else nothing more than its code.

    Not the message: messages are in the reader's language (French or English) and
    name line numbers; the code and the text of the line already tell findings apart.
    """
    return finding.word or ""


def display_path(path: str, root: Path) -> str:
    """The finding's path relative to the project root, with ``/`` (the same on every machine)."""
    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return candidate.as_posix()


@dataclass
class Baseline:
    counts: Counter = field(default_factory=Counter)
    rules: dict[Key, str] = field(default_factory=dict)

    # ------------------------------------------------------------------ reading and writing

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        """Read a baseline file; ``ValueError`` says what is wrong with it."""
        try:
            data = json.loads(read_regular(path, limit=MAX_BASELINE_BYTES).decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ValueError(_("{path} : n'est pas en UTF-8").format(path=path)) from exc
        except json.JSONDecodeError as exc:
            raise ValueError(_("{path} : JSON invalide (ligne {line})").format(path=path, line=exc.lineno)) from exc
        if not isinstance(data, dict) or data.get("version") != FORMAT or not isinstance(data.get("findings"), list):
            raise ValueError(_("{path} : pas une base courselint (version {version} attendue)").format(path=path, version=FORMAT))
        baseline = cls()
        for item in data["findings"]:
            try:
                key = (item["path"], item["code"], item["subject"], item["context"])
                count = int(item.get("count", 1))
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(_("{path} : entrée incomplète {entry}").format(path=path, entry=repr(item))) from exc
            if not all(isinstance(part, str) for part in key) or count < 1:
                raise ValueError(_("{path} : entrée invalide {entry}").format(path=path, entry=repr(item)))
            baseline.counts[key] += count
            baseline.rules[key] = str(item.get("rule", ""))
        return baseline

    def dumps(self) -> str:
        entries = [
            {
                "path": key[0],
                "code": key[1],
                "rule": self.rules.get(key, ""),
                "subject": key[2],
                "context": key[3],
                "count": count,
            }
            for key, count in sorted(self.counts.items())
            if count > 0
        ]
        data = {"version": FORMAT, "tool": "courselint", "findings": entries}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    # ------------------------------------------------------------------ building

    @classmethod
    def of(cls, findings: Iterable[Finding], root: Path, line_text: Callable[[str, int], str]) -> "Baseline":
        baseline = cls()
        for finding in findings:
            if finding.code in _NOT_RECORDED:
                continue
            key = _key(finding, root, line_text)
            baseline.counts[key] += 1
            baseline.rules[key] = finding.rule
        return baseline

    def replacing(self, other: "Baseline", files: Iterable[str]) -> "Baseline":
        """This baseline with the entries of ``files`` (project-relative) replaced by ``other``'s."""
        checked = set(files)
        merged = Baseline()
        for key, count in self.counts.items():
            if key[0] not in checked:
                merged.counts[key] = count
                merged.rules[key] = self.rules.get(key, "")
        for key, count in other.counts.items():
            merged.counts[key] += count
            merged.rules[key] = other.rules.get(key, "")
        return merged

    # ------------------------------------------------------------------ filtering

    def filter(
        self, findings: Iterable[Finding], root: Path, line_text: Callable[[str, int], str]
    ) -> tuple[list[Finding], int]:
        """(findings not in the baseline, how many were in it)."""
        left = Counter(self.counts)
        kept: list[Finding] = []
        baselined = 0
        for finding in findings:
            if finding.code not in _NOT_RECORDED:
                key = _key(finding, root, line_text)
                if left[key] > 0:
                    left[key] -= 1
                    baselined += 1
                    continue
            kept.append(finding)
        return kept, baselined


def _key(finding: Finding, root: Path, line_text: Callable[[str, int], str]) -> Key:
    return (
        display_path(finding.path, root),
        finding.code,
        subject(finding),
        " ".join(line_text(finding.path, finding.line).split()),
    )

#: A baseline holds one entry per finding of a course: far more than a lesson, still bounded.
MAX_BASELINE_BYTES = 64 * 1024 * 1024


class LineReader:
    """The text of a line of a file, each file read once (for the findings' contexts)."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}

    def __call__(self, path: str, line: int) -> str:
        if path not in self._lines:
            try:
                text = read_regular(path).decode("utf-8", "replace")
            except OSError:
                text = ""
            self._lines[path] = normalise_newlines(text).split("\n")
        lines = self._lines[path]
        return lines[line - 1] if 1 <= line <= len(lines) else ""
