"""Reading and writing the files of a course safely.

Reading: only regular files, no bigger than :data:`MAX_FILE_BYTES`, and never
through a symbolic link that leads out of the project.  A FIFO named
``lesson.md`` would block a read forever, a link to ``/dev/zero`` would fill the
memory, a sparse 4 GB file would too: each becomes a :class:`NotReadable`
(an ``OSError`` whose ``strerror`` is a French reason), which the callers
already turn into a CL001 finding.

Writing: atomic (a reader never sees a half-written file, a crash leaves the
old one), and, for files a person also edits (catalogs), only if the file is
still the one that was read (:class:`ChangedMeanwhile`).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from courselint.messages import _

#: The largest lesson or catalog read (bytes).  The longest real lesson is
#: ~60 KB; 8 MB leaves room for any course and keeps every pass bounded.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: A temporary file of ours older than this is a leftover of a killed run.
STALE_TMP_SECONDS = 600
_TMP_SUFFIX = ".tmp"
#: Files we write even where none existed yet (a killed first write leaves no neighbour).
_OURS = (".po", ".pot", ".md", ".txt", ".json", ".sarif")
#: Folders already swept by this process (one ``scandir`` per folder and run).
_SWEPT: set[str] = set()


class NotReadable(OSError):
    """A path that is not a file courselint reads; ``strerror`` says why (French)."""

    def __init__(self, reason: str, path: Path | str | None = None) -> None:
        super().__init__(errno.EINVAL, reason, None if path is None else str(path))


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


#: ``expected`` of a file that did not exist when the caller looked.
ABSENT = _Absent()


class ChangedMeanwhile(OSError):
    """The file changed on disk since it was read: writing would lose that change."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EAGAIN, _("modifié pendant le traitement"), str(path))


def resolved(path: Path | str) -> Path:
    """``path`` with its links resolved; a link loop stays as far as it resolves.

    ``Path.resolve`` raises ``RuntimeError`` on a loop (Python 3.11); a loop is
    a file we fail to read later, with a finding, not a crash here.
    """
    return Path(os.path.realpath(path))


def inside(path: Path | str, root: Path) -> bool:
    """Whether ``path``, links resolved, lies in ``root`` (the project)."""
    try:
        resolved(path).relative_to(resolved(root))
    except ValueError:
        return False
    return True


def read_regular(path: Path | str, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of the project, or :class:`NotReadable` / ``OSError``.

    ``root``: a path that is (or goes through) a symbolic link must resolve
    inside it.  The file is opened without blocking (a FIFO would wait for a
    writer forever) and checked with ``fstat`` on the open descriptor, so a
    swap between the check and the read changes nothing.
    """
    path = Path(path)
    if root is not None and _through_link(path) and not inside(path, root):
        raise NotReadable(_("lien symbolique vers l'extérieur du projet"), path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(_("pas un fichier ordinaire (dossier, FIFO, périphérique…)"), path)
        if info.st_size > limit:
            raise NotReadable(_("fichier trop gros ({size} octets, maximum {limit})").format(size=info.st_size, limit=limit), path)
        chunks = []
        size = 0
        while True:  # read up to the limit only: the file may grow while we read it
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise NotReadable(_("fichier trop gros (plus de {limit} octets)").format(limit=limit), path)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _through_link(path: Path) -> bool:
    """Whether ``path`` or one of its folders is a symbolic link (cheap: no resolve)."""
    probe = path
    for _step in range(len(path.parts)):
        if probe.is_symlink():
            return True
        if probe.parent == probe:
            break
        probe = probe.parent
    return False


def write_bytes_atomic(path: Path, data: bytes, expected: bytes | _Absent | None = None) -> None:
    """Replace ``path`` by ``data`` atomically.

    ``expected``: the bytes the caller read; if the file no longer holds them
    just before the rename, nothing is written and :class:`ChangedMeanwhile`
    is raised.  Between that comparison and the rename a window remains (a
    save landing there is lost): it is the time of one ``read`` of the file and
    one ``rename``, microseconds, as small as POSIX allows without a lock that
    editors do not take.  ``expected=ABSENT`` (a new file) has no window: the
    file is linked into place, which fails if one appeared meanwhile.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if str(path.parent) not in _SWEPT:
        _SWEPT.add(str(path.parent))
        remove_stale_temporaries(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        if expected is ABSENT:
            try:
                os.link(tmp, path)  # atomic "create unless it exists"
            except FileExistsError:
                raise ChangedMeanwhile(path) from None
            os.unlink(tmp)
            return
        if expected is not None:
            try:
                current = read_regular(path, limit=len(expected))
            except OSError:  # gone, or no longer a regular file of that size: changed
                current = None
            if current != expected:
                raise ChangedMeanwhile(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_bytes_if_changed(path: Path, data: bytes, expected: bytes | _Absent | None = None) -> bool:
    """Write atomically unless the file already holds exactly ``data``. True if written.

    Keeps modification times (and so pre-commit and Hugo) quiet when nothing changed.
    """
    try:
        # Compared only with a regular file of at most the size written: a FIFO or a
        # link to a device in the file's place would hang or fill the memory here.
        if read_regular(path, limit=len(data)) == data:
            return False
    except OSError:
        pass
    write_bytes_atomic(path, data, expected)
    return True


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def remove_stale_temporaries(folder: Path, now: float | None = None) -> int:
    """Delete the temporary files of ours that a killed run or a full disk left in ``folder``.

    Only names we make (``.NAME.XXXX.tmp`` beside a file ``NAME``) and only old
    ones: a run writing right now keeps its file.  Returns how many were removed.
    """
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    names = {entry.name for entry in entries}
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(_TMP_SUFFIX)):
            continue
        base = name[1 : -len(_TMP_SUFFIX)].rpartition(".")[0]
        if not base or (base not in names and Path(base).suffix not in _OURS):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TMP_SECONDS:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed


def write_cache_entry(folder: Path, target: Path, text: str) -> None:
    """Write one entry of the cache ``folder`` (a file under it) atomically; errors pass.

    The folder ignores itself in git (validation keeps ``cache_dir`` inside the
    project and never the project itself).  A cache that cannot be written only
    costs time, and a process reading the entry meanwhile sees all of it or none.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (folder / ".gitignore").exists():
            (folder / ".gitignore").write_text("*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError:
        pass
