"""Reporters turn findings into text for people, CI systems and code-scanning tools.

Each reporter is ``write(findings, summary, stream, color=False)``; the registry is
literal so that ``--format`` choices are exactly these keys.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from courselint.messages import _

# A file name that is not UTF-8 reaches us with lone surrogates (Python's
# ``surrogateescape``): no UTF-8 stream can write them.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What a terminal or a CI log would act on: line ends, ESC, other controls, bidi overrides.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _byte_escape(match: re.Match) -> str:
    return "\\x%02x" % (ord(match.group()) - 0xDC00) if 0xDC80 <= ord(match.group()) <= 0xDCFF else "\ufffd"


def unicode_safe(text: str) -> str:
    """``text`` with the undecodable bytes of a file name written ``\\xNN``."""
    return _SURROGATE.sub(_byte_escape, text) if _SURROGATE.search(text) else text


def with_suggestions(finding) -> str:
    """The finding's message followed by its suggestions, as a reader sees them in one line."""
    if not finding.suggestions:
        return finding.message
    return finding.message + _(" (suggestions : {words})").format(words=", ".join(finding.suggestions))


def printable(text: str) -> str:
    """One line of text for a terminal: controls and bidi overrides written ``\\n``, ``\\x1b``, ``\\u202e``."""
    text = unicode_safe(text)
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def safe_findings(findings):
    """Findings whose path, message and suggestions any UTF-8 stream can write."""
    out = []
    for f in findings:
        fields = (f.path, f.message, *f.suggestions, f.word or "")
        if any(_SURROGATE.search(value) for value in fields):
            f = dataclasses.replace(
                f,
                path=unicode_safe(f.path),
                message=unicode_safe(f.message),
                word=unicode_safe(f.word) if f.word else f.word,
                suggestions=tuple(unicode_safe(s) for s in f.suggestions),
            )
        out.append(f)
    return out


@dataclass(frozen=True)
class Summary:
    lessons: int
    catalogs: int
    cached: int = 0
    baselined: int = 0  # findings left out because the baseline holds them


def get(name: str):
    from courselint.reporters import github, gitlab, json_report, sarif, text

    write = {
        "text": text.write,
        "json": json_report.write,
        "sarif": sarif.write,
        "github": github.write,
        "gitlab": gitlab.write,
    }[name]
    if name == "sarif":
        return write  # percent-encodes the file name's bytes itself

    def safe_write(findings, summary, stream, color: bool = False) -> None:
        write(safe_findings(findings), summary, stream, color=color)

    return safe_write


FORMATS = ("text", "json", "sarif", "github", "gitlab")
