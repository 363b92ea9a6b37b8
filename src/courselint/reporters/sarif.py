"""SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs)."""

from __future__ import annotations

import json
import os
import urllib.parse

from courselint import __version__
from courselint.codes import CODES
from courselint.findings import Severity
from courselint.messages import _
from courselint.reporters import unicode_safe

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def document(findings) -> dict:
    used = sorted({f.code for f in findings})
    rule_index = {code: i for i, code in enumerate(used)}
    rules = []
    for code in used:
        rule = CODES.get(code)
        rules.append(
            {
                "id": code,
                "name": rule.name if rule else code,
                "shortDescription": {"text": _(rule.summary) if rule else code},
                "defaultConfiguration": {"level": _LEVEL[rule.severity] if rule else "error"},
            }
        )
    results = []
    for f in findings:
        result = {
            "ruleId": f.code,
            "ruleIndex": rule_index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": unicode_safe(f.message)},
            "locations": [
                {
                    "physicalLocation": {"artifactLocation": _artifact(f.path), "region": _region(f.span)}
                }
            ],
        }
        if f.suggestions:
            result["properties"] = {"word": f.word, "suggestions": list(f.suggestions)}
        if f.fixes:
            result["fixes"] = [_fix(f, fix) for fix in f.fixes]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "courselint",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _artifact(path: str) -> dict:
    """A SARIF artifact location: a percent-encoded URI reference (RFC 3986).

    Written raw, ``#`` would start a fragment, ``?`` a query and ``%`` an escape;
    spaces and accents are not allowed at all.  The bytes of the name are
    encoded (``os.fsencode`` gives back those of a name that is not UTF-8).
    A relative path is relative to the checkout (``%SRCROOT%``); an absolute
    one (an engine's file) is a ``file:`` URI with no base.
    """
    posix = path.replace("\\", "/")
    encoded = urllib.parse.quote(os.fsencode(posix), safe="/")
    if posix.startswith("/"):
        return {"uri": "file://" + encoded}
    return {"uri": encoded, "uriBaseId": "%SRCROOT%"}


def _region(span) -> dict:
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}


def _fix(finding, fix) -> dict:
    """A SARIF fix: the finding's file, each edit a replacement of a region."""
    return {
        "description": {"text": fix.title},
        "artifactChanges": [
            {
                "artifactLocation": _artifact(finding.path),
                "replacements": [
                    {"deletedRegion": _region(edit.span), "insertedContent": {"text": edit.text}} for edit in fix.edits
                ],
            }
        ],
    }


def write(findings, summary, stream, color: bool = False) -> None:
    json.dump(document(findings), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
