"""Load the spelling dictionaries in a child process while this one starts up.

Checking one lesson (the pre-commit case) is mostly start-up: about 120 ms of
imports, 140 ms to load the French dictionary and 50 ms for the English one the
acceptance tests use.  Loading a dictionary holds the GIL, so a thread cannot
overlap it with the imports; a process forked before them can.  The child builds
the checker and answers :class:`~courselint.spell.speller.SpellRequest` s sent
over a pipe (:func:`~courselint.spell.speller.find_unknown`, the very pass the
rule runs in-process) until the parent closes the pipe.

Only small runs of explicit files use it (:func:`wanted`): a whole course goes to
the engine's worker processes.  The findings never depend on the child: if it
fails in any way, the parent falls back to a checker of its own.
``COURSELINT_NO_PRELOAD=1`` turns it off.
"""

from __future__ import annotations

import os
import select
import signal
import struct
from contextlib import suppress
from pathlib import Path

from courselint.config import PARALLEL_THRESHOLD, Config
from courselint.selection import Selection

RULE = ("CL401", "spelling.unknown-word")
_LENGTH = struct.Struct("!Q")


def spelling_settings(config: Config) -> dict:
    """The ``[spelling]`` section with its words file resolved, as the CL401 rule reads it."""
    section = dict(config.section("spelling"))
    section["words_file"] = str(config.words_file)
    return section


def wanted(paths: list[Path], config: Config, selection: Selection) -> bool:
    """Whether a check of ``paths`` should preload the speller.

    Yes for a few lesson files named on the command line (what pre-commit
    passes) when the spelling rule runs with Hunspell; no for folders (a whole
    course: worker processes load their own), on a system without ``fork``, or
    under ``COURSELINT_NO_PRELOAD``.
    """
    if os.environ.get("COURSELINT_NO_PRELOAD") or not hasattr(os, "fork"):
        return False
    if config.section("spelling").get("engine", "hunspell") is None or not selection.enabled(*RULE):
        return False
    if not paths or any(path.is_dir() for path in paths):
        return False
    lessons = [path for path in paths if path.suffix == ".md"]
    return 0 < len(lessons) < PARALLEL_THRESHOLD


class PreloadedSpeller:
    """The parent's end: ``find_unknown(request)`` as :func:`speller.find_unknown` gives it."""

    def __init__(self, settings: dict) -> None:
        self._settings = dict(settings)
        self._local = None
        self.used = False
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(requests_write)
            os.close(answers_read)
            status = 1
            try:
                _serve(self._settings, requests_read, answers_write)
                status = 0
            finally:
                # No atexit handler, no flush of the parent's buffered output.
                os._exit(status)
        os.close(requests_read)
        os.close(answers_write)
        self.pid: int | None = pid
        self._requests = os.fdopen(requests_write, "wb")
        self._answers = os.fdopen(answers_read, "rb")

    def find_unknown(self, request):
        if self.pid is not None:
            self.used = True
            try:
                _send(self._requests, request)
                status, answer = _receive(self._answers)
                if status == "ok":
                    return answer
            except Exception:  # noqa: BLE001 - whatever went wrong, the parent checks itself
                pass
            self.close()  # a child that failed once gets no more requests
        return self._find_here(request)

    def _find_here(self, request):
        from courselint.spell.speller import checker_for, find_unknown

        if self._local is None:
            self._local = checker_for(self._settings)
        return find_unknown(request, self._local)

    def close(self) -> None:
        """Let the child go (at once if it was never used) and reap it."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        if not self.used:
            # It may still be loading a dictionary nobody will ask: do not wait for it.
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        for stream in (self._requests, self._answers):
            with suppress(OSError):
                stream.close()
        with suppress(OSError):
            os.waitpid(pid, 0)


def _serve(settings: dict, requests_fd: int, answers_fd: int) -> None:
    # Ctrl-C is for the parent: it closes the pipe, which ends this loop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from courselint.spell.speller import checker_for, find_unknown

    checker = checker_for(settings)
    # The English dictionary and the candidate tables serve unknown words only: load
    # them now if the parent is still busy, else answer first (a clean lesson never
    # needs them).
    if not select.select([requests_fd], [], [], 0)[0]:
        checker.load_everything()
    with os.fdopen(requests_fd, "rb") as requests, os.fdopen(answers_fd, "wb") as answers:
        while True:
            try:
                request = _receive(requests)
            except EOFError:
                return
            try:
                answer = ("ok", find_unknown(request, checker))
            except Exception as exc:  # noqa: BLE001 - the parent redoes the request itself
                answer = ("error", f"{type(exc).__name__}: {exc}")
            _send(answers, answer)


def _send(stream, value) -> None:
    import pickle  # imported here, after the fork: the child starts sooner

    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream):
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        raise EOFError
    (size,) = _LENGTH.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    import pickle

    # Only ever our own process at the other end of the pipe.
    return pickle.loads(data)
