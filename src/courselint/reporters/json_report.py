"""``--format json``: a JSON array of findings (see ``Finding.to_dict``)."""

from __future__ import annotations

import json


def write(findings, summary, stream, color: bool = False) -> None:
    json.dump([f.to_dict() for f in findings], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
