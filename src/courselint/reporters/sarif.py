"""SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs)."""

from __future__ import annotations

import json

from courselint import __version__
from courselint.findings import Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def document(findings) -> dict:
    from courselint.rules import RULES

    used = sorted({f.code for f in findings})
    rule_index = {code: i for i, code in enumerate(used)}
    rules = []
    for code in used:
        rule = RULES.get(code)
        rules.append(
            {
                "id": code,
                "name": rule.name if rule else code,
                "shortDescription": {"text": rule.summary if rule else code},
                "defaultConfiguration": {"level": _LEVEL[rule.severity] if rule else "error"},
            }
        )
    results = []
    for f in findings:
        result = {
            "ruleId": f.code,
            "ruleIndex": rule_index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/"), "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    }
                }
            ],
        }
        if f.suggestions:
            result["properties"] = {"word": f.word, "suggestions": list(f.suggestions)}
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


def write(findings, summary, stream, color: bool = False) -> None:
    json.dump(document(findings), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
