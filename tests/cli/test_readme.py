"""The README is the front door: its commands and rule table must stay true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ci.endswith("pytest -q")
    assert ci in readme.splitlines()


def test_every_configuration_key_is_documented() -> None:
    from courselint.config import SCHEMA

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_.0-9]+)` \|", readme, flags=re.MULTILINE))

    def keys(schema, prefix=""):
        for key, spec in schema.items():
            if isinstance(spec, dict):
                yield from keys(spec, f"{prefix}{key}.")
            else:
                yield prefix + key

    missing = sorted(set(keys(SCHEMA)) - documented)
    assert not missing, f"undocumented configuration keys: {missing}"
