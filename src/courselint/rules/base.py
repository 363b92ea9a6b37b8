"""The rule registry: every code, its dotted name, default severity and summary.

A rule is a function decorated with :func:`rule`; the first line of its docstring is
its summary (shown by ``courselint rules`` and listed in the README).  Rules yield
:class:`~courselint.findings.Finding` values and never print, exit or read files.

Scopes say what a rule looks at:

``input``    problems found while reading and parsing a file (CL0xx)
``lesson``   one parsed lesson
``chapter``  the lessons of one chapter folder (cross-file)
``catalog``  one ``.po`` file
``run``      the run itself (engines that could not start)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from courselint.findings import Finding, Severity

SCOPES = ("input", "lesson", "chapter", "catalog", "run")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: str
    check: Callable[..., Iterable[Finding]]

    @property
    def summary(self) -> str:
        doc = (self.check.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, *, severity: Severity = Severity.ERROR, scope: str = "lesson"):
    """Register the decorated function as rule ``code``."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def register(check: Callable[..., Iterable[Finding]]):
        if code in RULES:
            raise ValueError(f"duplicate rule code {code}")
        RULES[code] = Rule(code, name, severity, scope, check)
        return check

    return register


def make_finding(
    code: str,
    path: str,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    message: str,
    *,
    word: str | None = None,
    suggestions: tuple[str, ...] = (),
) -> Finding:
    """A finding for a registered code, with its name and default severity."""
    info = RULES[code]
    return Finding(
        path,
        line,
        column,
        end_line,
        end_column,
        code,
        info.name,
        info.severity,
        message,
        word=word,
        suggestions=suggestions,
    )


def line_finding(code: str, path: str, line: int, message: str, lesson=None, column: int = 1) -> Finding:
    """A finding that covers a whole line (from ``column`` to its end) of a lesson."""
    end_column = column + 1
    if lesson is not None and 1 <= line <= lesson.line_count:
        end_column = max(column + 1, len(lesson.index.line_text(line)) + 1)
    return make_finding(code, path, line, column, line, end_column, message)


class Context:
    """What a rule may use besides the lesson: the configuration and shared engines.

    Engines are created on first use, once per process (a worker keeps its own),
    so a run that selects no spelling rule never loads a dictionary.
    """

    def __init__(self, config, engines=None) -> None:
        self.config = config
        self._engines = engines if engines is not None else {}
        #: Findings about the run itself (an engine that could not start): reported once.
        self.run_findings: list[Finding] = []

    def report_once(self, finding: Finding) -> None:
        if all((f.code, f.message) != (finding.code, finding.message) for f in self.run_findings):
            self.run_findings.append(finding)

    def engine(self, name: str, factory: Callable[[], object]):
        if name not in self._engines:
            self._engines[name] = factory()
        return self._engines[name]
