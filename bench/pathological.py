"""Time and peak memory of ``check``, ``extract`` and ``build`` on pathological inputs (run by hand).

    python bench/pathological.py            # every case
    python bench/pathological.py mot-20k    # some cases by name
    PYTHONPATH=/old/src python bench/pathological.py   # the same cases with another copy of the code

Each case is a one-lesson course in a temporary folder; each command runs in a
subprocess (``--no-cache``) whose peak resident memory is read with ``wait4``.
Target (issue 18): every line under 5 s and 300 MB.  A run past 60 s is killed
and printed as such.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FRONT = "---\ntitle: Leçon\nweight: 1\n---\n\n"
LIMIT_S, LIMIT_MB, KILL_S = 5.0, 300.0, 60.0


def _write(folder: Path, text: str | bytes) -> None:
    lesson = folder / "content" / "chap" / "lecon.md"
    lesson.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        lesson.write_bytes(text)
    else:
        lesson.write_text(text, encoding="utf-8")


def _link(target: str):
    def make(folder: Path) -> None:
        _write(folder, FRONT + "Texte.\n")
        (folder / "content" / "chap" / "lien.md").symlink_to(target)

    return make


def _fifo(folder: Path) -> None:
    _write(folder, FRONT + "Texte.\n")
    os.mkfifo(folder / "content" / "chap" / "tube.md")


def _sparse(folder: Path) -> None:
    _write(folder, FRONT + "Texte.\n")
    with open(folder / "content" / "chap" / "enorme.md", "wb") as handle:
        handle.truncate(4 * 1024**3)


def _alias_bomb() -> str:
    lines = ["---", "title: Leçon", "weight: 1", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join([*lines, f"z: *{previous}", "---", "", "Texte.", ""])


CASES = {
    "mot-20k": lambda f: _write(f, FRONT + "a" * 20_000 + "\n"),
    "mot-1M": lambda f: _write(f, FRONT + "é" * 500_000 + "\n"),
    "etoiles-50k": lambda f: _write(f, FRONT + "*" * 50_000 + "\n"),
    "crochets-50k": lambda f: _write(f, FRONT + "[" * 50_000 + "\n"),
    "tableau-50k": lambda f: _write(f, FRONT + "| a | b |\n|---|---|\n" + "| x | x |\n" * 25_000),
    "alias-bomb": lambda f: _write(f, _alias_bomb()),
    "lien-dev-zero": _link("/dev/zero"),
    "lien-urandom": _link("/dev/urandom"),
    "fifo": _fifo,
    "creux-4G": _sparse,
}


def measure(folder: Path, *args: str) -> tuple[float, float, str]:
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "courselint", *args],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > KILL_S:
            proc.kill()
            _pid, status, usage = os.wait4(proc.pid, 0)
            return time.monotonic() - started, usage.ru_maxrss / 1024, "tué"
        time.sleep(0.01)
    return time.monotonic() - started, usage.ru_maxrss / 1024, f"statut {os.waitstatus_to_exitcode(status)}"


def main(names: list[str]) -> int:
    over = 0
    print(f"{'cas':<16} {'commande':<8} {'s':>7} {'Mo':>7}  issue")
    for name in names or list(CASES):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "courselint.toml").write_text('locales = ["en"]\n', encoding="utf-8")
            CASES[name](folder)
            for command in (("check", "--no-cache", "content"), ("extract",), ("build", "--min-translated", "0")):
                seconds, megabytes, outcome = measure(folder, *command)
                flag = "" if seconds < LIMIT_S and megabytes < LIMIT_MB else "  <-- au-delà de la cible"
                over += bool(flag)
                print(f"{name:<16} {command[0]:<8} {seconds:7.2f} {megabytes:7.0f}  {outcome}{flag}", flush=True)
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
