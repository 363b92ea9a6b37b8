"""Human output: ``path:line:column: CODE message``, then a one-line summary."""

from __future__ import annotations

from collections import Counter

from courselint.findings import Finding, Severity
from courselint.reporters import printable

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def format_finding(finding: Finding, color: bool = False) -> str:
    # A file name or an engine's message may hold a line end or ESC: one
    # finding stays one line, and nothing in it acts on the terminal or the CI log.
    where = printable(f"{finding.path}:{finding.line}:{finding.column}:")
    message = finding.message
    if finding.suggestions:
        message += f" (suggestions : {', '.join(finding.suggestions)})"
    message = printable(message)
    if not color:
        return f"{where} {finding.code} {message}"
    tint = _COLORS[finding.severity]
    return f"{_BOLD}{where}{_RESET} {tint}{finding.code}{_RESET} {message} {_DIM}[{finding.rule}]{_RESET}"


def summary_line(findings: list[Finding], summary) -> str:
    counts = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})
    checked = _plural(summary.lessons, "leçon") + (
        f" et {_plural(summary.catalogs, 'catalogue')}" if summary.catalogs else ""
    )
    # "leçon" is feminine, "catalogue" masculine: a mixed list agrees in the masculine.
    participle = "vérifiés" if summary.catalogs else "vérifiée"
    if summary.lessons + summary.catalogs > 1 and not summary.catalogs:
        participle += "s"
    checked += f" {participle}"
    if not findings:
        return f"Aucun problème ({checked})."
    parts = [
        _plural(counts[Severity.ERROR], "erreur"),
        _plural(counts[Severity.WARNING], "avertissement"),
    ]
    if counts[Severity.INFO]:
        parts.append(_plural(counts[Severity.INFO], "information"))
    return f"{', '.join(parts)} dans {_plural(files, 'fichier')} ({checked})."


def write(findings: list[Finding], summary, stream, color: bool = False) -> None:
    for finding in findings:
        stream.write(format_finding(finding, color) + "\n")
    stream.write(summary_line(findings, summary) + "\n")
