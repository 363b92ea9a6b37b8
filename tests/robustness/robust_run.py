"""Run the real command for a robustness case: a subprocess with a timeout and a memory cap.

Every case of ``tests/robustness`` goes through :func:`run`: the child gets an
address-space limit (``resource.setrlimit`` before ``exec``), is killed past its
timeout (the test then fails: a hang is a defect, not a slow pass), and its
standard error must hold no Python traceback.  ``as_nobody`` drops to the
unprivileged ``nobody`` user with ``setpriv``: CI runs as root, and root reads
through ``chmod 000`` and writes into ``chmod 555`` folders.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Address space of the child: a normal run maps ~300 MB (Python, markdown-it,
#: the Hunspell dictionary); /dev/zero read whole or a quadratic blow-up needs GBs.
MEMORY_LIMIT = 1536 * 1024**2
TIMEOUT = 120


@dataclass
class Result:
    status: int
    stdout: str
    stderr: str
    raw_stdout: bytes


def _limits(file_size: int | None):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if file_size is not None:
            # A full disk, as the writer sees it: EFBIG past this size instead of the signal.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    return apply


def run(
    *args: str,
    cwd: Path,
    timeout: float = TIMEOUT,
    as_nobody: bool = False,
    file_size: int | None = None,
    stdin: bytes | None = None,
    env: dict | None = None,
) -> Result:
    command = [sys.executable, "-m", "courselint", *args]
    if as_nobody and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv is needed to run a case as an unprivileged user")
        command = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    try:
        proc = subprocess.run(
            command,
            cwd=cwd,
            env=environment,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limits(file_size),
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"courselint {' '.join(args)} did not finish in {timeout} s")
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), stderr, proc.stdout)


def start(*args: str, cwd: Path, env: dict | None = None) -> subprocess.Popen:
    """The command started with the same memory cap, left running (the caller watches it and waits)."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "courselint", *args],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limits(None),
    )


def shared_folder() -> Path:
    """A folder the ``nobody`` user can enter (pytest's ``tmp_path`` is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="courselint-robust-"))
    folder.chmod(0o755)
    return folder


LESSON = "---\ntitle: Leçon\nweight: 1\n---\n\nUn texte court et correct.\n"


def project(root: Path, config: str = "") -> Path:
    """A minimal course: ``courselint.toml`` and ``content/chap/lecon.md``."""
    (root / "courselint.toml").write_text(config, encoding="utf-8")
    lesson = root / "content" / "chap" / "lecon.md"
    lesson.parent.mkdir(parents=True, exist_ok=True)
    lesson.write_text(LESSON, encoding="utf-8")
    return lesson
