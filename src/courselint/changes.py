"""Lines changed since a git revision, for ``check --diff REV``.

A course with a backlog gates its pull requests on what they change: the files
and line ranges come from ``git diff --unified=0 REV`` (the working tree against
REV, staged or not), plus untracked files, which are new in every line.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from courselint.findings import Finding
from courselint.messages import _

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@", re.MULTILINE)


class DiffError(Exception):
    """The revision or the repository cannot be read (a usage error: exit status 2)."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DiffError(_("git introuvable ou bloqué ({reason})").format(reason=exc)) from None
    if done.returncode != 0:
        raise DiffError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1] if done.stderr else _("git a échoué"))
    return done.stdout.decode("utf-8", "surrogateescape")


def changed_lines(revision: str, cwd: Path) -> dict[Path, set[int] | None]:
    """Resolved path -> changed line numbers (``None``: every line, a new file)."""
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except DiffError:
        raise DiffError(_("--diff demande un dépôt git : ce dossier n'en est pas un")) from None
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], cwd)
    except DiffError:
        raise DiffError(
            _(
                "révision inconnue de ce clone : {revision} ; récupérez l'historique"
                " (git fetch --unshallow, ou fetch-depth: 0 dans GitHub Actions)"
            ).format(revision=repr(revision))
        ) from None
    # quotePath off: accented file names come as they are, not as octal escapes.
    diff = _git(["-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff", revision, "--"], top)
    changed: dict[Path, set[int] | None] = {}
    current: Path | None = None
    for line in diff.split("\n"):
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else (top / name[2:] if name.startswith("b/") else top / name).resolve()
            if current is not None:
                changed.setdefault(current, set())
            continue
        match = _HUNK.match(line)
        if match and current is not None:
            start, count = int(match["start"]), int(match["count"] or 1)
            lines = changed[current]
            if lines is not None:
                lines.update(range(start, start + count))
    for name in _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0"):
        if name:
            changed[(top / name).resolve()] = None
    return changed


def on_changed_lines(findings: list[Finding], changed: dict[Path, set[int] | None]) -> list[Finding]:
    """The findings whose first line was changed (any finding of a new file)."""
    kept = []
    for finding in findings:
        lines = changed.get(Path(finding.path).resolve(), set())
        if lines is None or finding.line in lines:
            kept.append(finding)
    return kept
