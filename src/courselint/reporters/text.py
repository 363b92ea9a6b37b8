"""Human output: ``path:line:column: severity CODE rule message``, then a one-line summary."""

from __future__ import annotations

from collections import Counter

from courselint.findings import Finding, Severity
from courselint.messages import _, agree
from courselint.reporters import printable, with_suggestions

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def format_finding(finding: Finding, color: bool = False) -> str:
    """``path:line:col: severity CODE rule.name message``: every line says how bad and which rule.

    The severity and the rule name are words, not only colours: a log, a pipe or a
    pre-commit summary shows no colours.
    """
    # A file name or an engine's message may hold a line end or ESC: one
    # finding stays one line, and nothing in it acts on the terminal or the CI log.
    where = printable(f"{finding.path}:{finding.line}:{finding.column}:")
    message = printable(with_suggestions(finding))
    severity = finding.severity.value
    if not color:
        return f"{where} {severity} {finding.code} {finding.rule} {message}"
    tint = _COLORS[finding.severity]
    return (
        f"{_BOLD}{where}{_RESET} {tint}{severity} {finding.code}{_RESET} {_DIM}{finding.rule}{_RESET} {message}"
    )


def summary_line(findings: list[Finding], summary) -> str:
    counts = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})
    if summary.catalogs:
        # "leçon" is feminine, "catalogue" masculine: a mixed list agrees in the masculine.
        checked = _("{lessons} et {catalogs} vérifiés").format(
            lessons=agree("{count} leçon", "{count} leçons", summary.lessons),
            catalogs=agree("{count} catalogue", "{count} catalogues", summary.catalogs),
        )
    else:
        checked = agree("{count} leçon vérifiée", "{count} leçons vérifiées", summary.lessons)
    if getattr(summary, "baselined", 0):
        checked += agree(
            " ; {count} déjà dans la base, non signalé", " ; {count} déjà dans la base, non signalés", summary.baselined
        )
    if not findings:
        return _("Aucun problème ({checked}).").format(checked=checked)
    parts = [
        agree("{count} erreur", "{count} erreurs", counts[Severity.ERROR]),
        agree("{count} avertissement", "{count} avertissements", counts[Severity.WARNING]),
    ]
    if counts[Severity.INFO]:
        parts.append(agree("{count} information", "{count} informations", counts[Severity.INFO]))
    return _("{counts} dans {files} ({checked}).").format(
        counts=", ".join(parts), files=agree("{count} fichier", "{count} fichiers", files), checked=checked
    )


def write(findings: list[Finding], summary, stream, color: bool = False) -> None:
    for finding in findings:
        stream.write(format_finding(finding, color) + "\n")
    stream.write(summary_line(findings, summary) + "\n")
