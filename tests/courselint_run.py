"""The command line as the tests run it: ``python -m courselint`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: What the translation tests compare with golden files: no colour, a fixed date.
REPRODUCIBLE = {"NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600"}


def run_courselint(*args: str, cwd: Path, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    """Run ``courselint *args`` in ``cwd``, with ``env`` added to this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "courselint", *args],
        cwd=cwd, capture_output=True, text=True, timeout=timeout, env={**os.environ, **env},
    )
