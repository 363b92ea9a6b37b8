"""Spell one lesson in a child process forked while this one starts up.

Checking one lesson (the pre-commit case) is mostly start-up: about 120 ms of
imports, and 100-200 ms to load the French dictionary into Hunspell when a word
needs it.  The program forks among its first steps (courselint/ahead.py) when the
arguments look like a check of a few lessons (:func:`likely`).  The child imports
the spelling modules and reads the shipped tables, which answer nearly every word
without Hunspell (spell/forms.py).  Once the parent has read its arguments and
configuration it either lets the child go (:func:`wanted` says no: folders,
spelling off…) or sends it the spelling settings
(:meth:`PreloadedSpeller.configure`); the child builds the checker and answers
:class:`~courselint.spell.speller.SpellRequest` s (the very pass the rule runs
in-process) until the parent closes the pipe.  The dictionary loads only for a
word the tables cannot answer (none in the lessons of the real course, of
hugo-learn-example or the seed): loading it ahead on a thread, in case, took a
core from the run and made a lesson 4 % slower.

The findings never depend on the child: if it fails in any way, the parent falls
back to a checker of its own.  ``COURSELINT_NO_PRELOAD=1`` turns it off.

A check of folders (a whole course) runs in worker processes forked once this
process has read its configuration and found the lessons; a worker may need the
dictionary for its first lesson.  There the dictionary loads on a thread
(:func:`whole_course_likely`, spell/dictionary.py) while this process imports and
reads its configuration; the workers are forked once it is loaded and each finds
it in its memory instead of loading its own.
"""

from __future__ import annotations

# Only what the fork needs: everything else is imported after it.
import os
import select
import signal
import struct
import sys
import time
from contextlib import suppress

#: The rules the spelling pass serves: the child is worth it when one of them runs.
RULES = (("CL401", "spelling.unknown-word"), ("CL402", "spelling.ligature"))
#: The name under which a run's shared engines hold the speller (``Context.shared``):
#: the command line passes the preloaded one under this name, the CL401 rule looks it up.
SPELLER = "spelling.hunspell"
_LENGTH = struct.Struct("!Q")


def enabled() -> bool:
    return hasattr(os, "fork") and not os.environ.get("COURSELINT_NO_PRELOAD")


def likely(argv: list[str]) -> bool:
    """Arguments of ``check`` naming a lesson file: worth forking before parsing them."""
    paths = check_paths(argv)
    return enabled() and paths is not None and any(arg.endswith(".md") for arg in paths)


def whole_course_likely(argv: list[str]) -> bool:
    """Arguments of ``check`` naming no lesson file (folders, or the configured paths)."""
    paths = check_paths(argv)
    return enabled() and paths is not None and not any(arg.endswith(".md") for arg in paths)


def dictionary_ahead(argv: list[str]) -> None:
    """For a check of folders (a whole course) whose spelling may run: the French
    dictionary starts loading on a thread now (see the module's docstring).

    The program's first step (courselint/ahead.py), before the command line's
    imports (some 25 ms the load then overlaps); a second call does nothing.
    """
    if whole_course_likely(argv) and spelling_may_run(argv):
        from courselint.spell import dictionary

        dictionary.load_ahead()


def check_paths(argv: list[str]) -> list[str] | None:
    """The words after ``check`` (paths, and option values), None for another command."""
    words = [arg for arg in argv if not arg.startswith("-")]
    return words[1:] if words and words[0] == "check" else None


def spelling_may_run(argv: list[str]) -> bool:
    """False when the command line's own ``--select`` leaves both spelling rules out.

    Certain, not a guess: the command line's ``select`` replaces the
    configuration's, and the configuration's ``ignore`` only turns more rules off.
    Without ``--select`` the configuration decides, read later: the child is forked.
    """
    select = option_values(argv, "--select")
    if not select:
        return True
    # Its dataclass import only when --select is given.
    from courselint.selection import Selection, split_codes

    selection = Selection(tuple(split_codes(select)), tuple(split_codes(option_values(argv, "--ignore"))))
    return any(selection.enabled(*rule) for rule in RULES)


def option_values(argv: list[str], option: str) -> list[str]:
    """The values of every ``option VALUE`` and ``option=VALUE``, as written."""
    values = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == option]
    return values + [arg.split("=", 1)[1] for arg in argv if arg.startswith(option + "=")]


def wanted(paths, config, selection) -> bool:
    """Whether a check of ``paths`` should use the preloaded speller.

    Yes for a few lesson files named on the command line (what pre-commit
    passes) when the spelling rule runs with Hunspell; no for folders (a whole
    course: its workers take the dictionary loaded on a thread, see
    :func:`before_workers`), on a system without ``fork``, or
    under ``COURSELINT_NO_PRELOAD``.
    """
    if not enabled() or not _spelling_runs(config, selection):
        return False
    return few_lessons(paths)


def _spelling_runs(config, selection) -> bool:
    """The run's spelling pass runs, with Hunspell."""
    return config.section("spelling").get("engine", "hunspell") is not None and any(
        selection.enabled(*rule) for rule in RULES
    )


def before_workers(config, selection) -> None:
    """Before forking the workers of a whole-course check: the dictionary loading ahead
    is waited for (no thread may be half-way through a load at a fork), and dropped
    if the run does not use it (another variant, or no spelling pass): the workers
    would carry it for nothing."""
    from courselint.spell import dictionary

    runs = _spelling_runs(config, selection)
    if runs:
        # While the dictionary may still be loading on its thread (in C, without the
        # GIL): the spelling modules and their tables, which each worker would
        # otherwise import and read for itself after the fork (about 25 ms each).
        from courselint.spell import acceptance  # noqa: F401  (imports the checker's modules)
        from courselint.spell.hunspell import prepare_shared

        prepare_shared()
    dictionary.wait()
    dictionary.keep_only(config.section("spelling").get("variant", dictionary.DEFAULT_VARIANT) if runs else None)


def few_lessons(paths) -> bool:
    """A few lesson files named on the command line, no folder: a run made in this process."""
    from courselint.config import PARALLEL_THRESHOLD

    if not paths or any(path.is_dir() for path in paths):
        return False
    lessons = [path for path in paths if path.suffix == ".md"]
    return 0 < len(lessons) < PARALLEL_THRESHOLD


def spelling_settings(config) -> dict:
    """The ``[spelling]`` section with its words file resolved, as the CL401 rule reads it."""
    section = dict(config.section("spelling"))
    section["words_file"] = str(config.words_file)
    return section


class PreloadedSpeller:
    """The parent's end: ``find_unknown(request)`` as :func:`speller.find_unknown` gives it."""

    def __init__(self, settings: dict | None = None) -> None:
        self._settings: dict | None = None
        self._local = None
        self.used = False
        # A program that checked a folder before (tests call the command line over
        # and over) may still be loading a dictionary on a thread: no thread may be
        # half-way through a load at the fork.  Not imported for this: it costs 5 ms.
        loader = sys.modules.get("courselint.spell.dictionary")
        if loader is not None:
            loader.wait()
        requests_read, requests_write = os.pipe()
        answers_read, answers_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            status = 1
            try:
                _close_inherited(keep=(requests_read, answers_write))
                _quiet()
                _serve(requests_read, answers_write)
                status = 0
            finally:
                # No atexit handler, no flush of the parent's buffered output.
                os._exit(status)
        os.close(requests_read)
        os.close(answers_write)
        self.pid: int | None = pid
        self._requests = os.fdopen(requests_write, "wb")
        self._answers = os.fdopen(answers_read, "rb")
        if settings is not None:
            self.configure(settings)

    def configure(self, settings: dict) -> None:
        """Tell the child which checker to build (the settings of :func:`spelling_settings`)."""
        self._settings = dict(settings)
        self._ask(self._settings, answer=False)

    def find_unknown(self, request):
        if self._settings is None:
            raise RuntimeError("PreloadedSpeller.configure() must come first")
        self.used = True
        answer = self._ask(request)
        if answer is not None:
            return answer
        from courselint.spell.speller import checker_for, find_unknown

        if self._local is None:
            self._local = checker_for(self._settings)
        return find_unknown(request, self._local)

    def _ask(self, message, answer: bool = True):
        """Send ``message``; return the child's answer, or None if the child failed."""
        if self.pid is None:
            return None
        try:
            _send(self._requests, message)
            if not answer:
                return None
            status, value = _receive(self._answers)
            if status == "ok":
                return value
        except Exception:  # noqa: BLE001 - whatever went wrong, the parent checks itself
            pass
        self.close()  # a child that failed once gets no more requests
        return None

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
        # The closed pipe ends the child at once, unless it is still answering a
        # request the parent gave up on (Ctrl-C): a moment, then it is stopped.
        with suppress(OSError):
            if not _reaped(pid, timeout=1.0):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _reaped(pid: int, timeout: float) -> bool:
    """Wait up to ``timeout`` for the child to end, and reap it; False if it is still running."""
    if hasattr(os, "pidfd_open"):  # Linux: woken the moment it ends, not at the next poll
        try:
            handle = os.pidfd_open(pid)
        except OSError:
            pass
        else:
            try:
                select.select([handle], [], [], timeout)
            finally:
                os.close(handle)
            return os.waitpid(pid, os.WNOHANG) != (0, 0)
    deadline = time.monotonic() + timeout
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def _close_inherited(keep: tuple[int, ...]) -> None:
    """Close every descriptor the fork copied but standard input, output, error and ``keep``.

    The parent's pipes to other children (a Grammalecte child started just before,
    grammar/child.py) must close when the parent closes them: a copy held here
    would keep such a child waiting for an end of input that never comes.
    """
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    try:
        limit = os.sysconf("SC_OPEN_MAX")
    except (AttributeError, ValueError, OSError):
        limit = -1
    os.closerange(start, limit if limit > start else 65536)


def _quiet() -> None:
    """The child writes nothing: its output would mix with the parent's report."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    # Ctrl-C is for the parent: it closes the pipe, which ends the child.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _serve(requests_fd: int, answers_fd: int) -> None:
    from courselint.spell.speller import checker_for, find_unknown
    from courselint.spell.hunspell import prepare_shared

    # Before the parent has even read its arguments: the spelling modules and the
    # tables, which answer nearly every word alone (the dictionary loads for a word
    # they cannot answer).
    prepare_shared()
    with os.fdopen(requests_fd, "rb") as requests, os.fdopen(answers_fd, "wb") as answers:
        try:
            settings = _receive(requests)
        except EOFError:
            return
        # The tables, the English one included, were read above (prepare_shared).
        checker = checker_for(settings)
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
    import pickle

    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        raise EOFError
    (size,) = _LENGTH.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    # Only ever our own process at the other end of the pipe.
    return pickle.loads(data)
