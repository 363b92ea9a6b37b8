"""Rules attach checks to codes of the catalog (:mod:`courselint.codes`).

A rule is a function decorated with ``@rule(code)``: its code's name, severity,
scope and summary come from the catalog.  The function receives what its scope
checks, the run's :class:`Context` and a :class:`Report` bound to its code, and
yields findings made by that report; it never prints, exits or reads files it
was not given::

    @rule("CL210")
    def separator_under_paragraph(lesson, ctx, report):
        ...
        yield report(Span(line, column, line, column + 3), "ce `---` …")

Scope signatures: ``lesson`` and ``input`` checks get ``(lesson, ctx, report)``,
``chapter`` checks ``(folder, checked, ctx, report)`` (their findings name the
lesson they are about with ``path=``), ``catalog`` checks ``(po_path, ctx, report)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from courselint.codes import CODES, SCOPES, Code
from courselint.findings import Finding, Fix, Severity, Span
from courselint.messages import _

__all__ = ["RULES", "SCOPES", "Context", "Report", "Rule", "rule"]

#: Scopes whose codes a check may produce (the others are reported by the run itself).
CHECKED_SCOPES = ("lesson", "chapter", "catalog")


class Report:
    """Makes the findings of one code, for one subject (a lesson, a folder, a catalog)."""

    __slots__ = ("code", "path")

    def __init__(self, code: Code, path: str | None = None) -> None:
        self.code, self.path = code, path

    def __call__(
        self,
        where: Span,
        message: str,
        *,
        path: str | None = None,
        word: str | None = None,
        suggestions: tuple[str, ...] = (),
        fixes: tuple[Fix, ...] = (),
    ) -> Finding:
        target = path if path is not None else self.path
        if target is None:
            raise ValueError(f"{self.code.code}: a finding needs a path")
        return self.code.finding(str(target), where, message, word=word, suggestions=suggestions, fixes=fixes)


@dataclass(frozen=True, slots=True)
class Rule:
    """A check attached to a code of the catalog."""

    entry: Code
    function: Callable[..., Iterable[Finding]]

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def severity(self) -> Severity:
        return self.entry.severity

    @property
    def scope(self) -> str:
        return self.entry.scope

    @property
    def summary(self) -> str:
        return _(self.entry.summary)

    def check(self, *subject) -> list[Finding]:
        """Run the check on ``subject`` (as its scope defines it, the context last)."""
        *what, ctx = subject
        default_path = None if self.scope == "chapter" else getattr(what[0], "path", what[0])
        return list(self.function(*what, ctx, Report(self.entry, default_path)))


RULES: dict[str, Rule] = {}


def rule(code: str):
    """Attach the decorated check to catalog code ``code``."""
    entry = CODES.get(code)
    if entry is None:
        raise ValueError(f"{code} is not in the catalog of codes (courselint/codes.py)")
    if entry.scope not in CHECKED_SCOPES:
        raise ValueError(f"{code} is reported by the run ({entry.scope}), not by a check")

    def register(function: Callable[..., Iterable[Finding]]):
        if code in RULES:
            raise ValueError(f"duplicate rule for {code}")
        RULES[code] = Rule(entry, function)
        return function

    return register


class Context:
    """What a check may use besides its subject: the configuration and the run's engines.

    ``engines`` is a per-process cache of engines (a Hunspell dictionary, a
    Grammalecte child, sibling lessons read once): each is made on first use by
    :meth:`shared`, so a run that selects no spelling rule never loads a dictionary.
    """

    def __init__(self, config, engines=None) -> None:
        self.config = config
        self.engines = engines if engines is not None else {}
        #: Findings about the run itself (an engine that could not start): reported once.
        self.run_findings: list[Finding] = []
        #: The project's cache folder when the run uses its cache (the grammar rules keep
        #: the engine's answers per paragraph there); ``None`` for ``--no-cache``.
        self.cache_folder = None

    def report_once(self, finding: Finding) -> None:
        if all((f.code, f.message) != (finding.code, finding.message) for f in self.run_findings):
            self.run_findings.append(finding)

    def shared(self, name: str, factory: Callable[[], object]):
        """The engine (or any per-process value) called ``name``, made once by ``factory``."""
        if name not in self.engines:
            self.engines[name] = factory()
        return self.engines[name]
