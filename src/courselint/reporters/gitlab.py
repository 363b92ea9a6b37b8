"""GitLab Code Quality report (a JSON array of issues, CodeClimate subset)."""

from __future__ import annotations

import hashlib
import json

from courselint.findings import Severity

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def write(findings, summary, stream, color: bool = False) -> None:
    issues = []
    for f in findings:
        identity = f"{f.path}:{f.code}:{f.line}:{f.column}:{f.message}"
        issues.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f.rule,
                "fingerprint": hashlib.sha256(identity.encode()).hexdigest(),
                "severity": _SEVERITY[f.severity],
                # `lines.begin`: GitLab's documented minimal form; `positions` adds the columns.
                "location": {
                    "path": f.path,
                    "lines": {"begin": f.line, "end": f.end_line},
                    "positions": {
                        "begin": {"line": f.line, "column": f.column},
                        "end": {"line": f.end_line, "column": f.end_column},
                    },
                },
            }
        )
    json.dump(issues, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
