"""Reporters turn findings into text for people, CI systems and code-scanning tools.

Each reporter is ``write(findings, summary, stream, color=False)``; the registry is
literal so that ``--format`` choices are exactly these keys.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    lessons: int
    catalogs: int
    cached: int = 0
    baselined: int = 0  # findings left out because the baseline holds them


def get(name: str):
    from courselint.reporters import github, gitlab, json_report, sarif, text

    return {
        "text": text.write,
        "json": json_report.write,
        "sarif": sarif.write,
        "github": github.write,
        "gitlab": gitlab.write,
    }[name]


FORMATS = ("text", "json", "sarif", "github", "gitlab")
