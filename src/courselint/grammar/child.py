"""Grammalecte's child process: its program, how it starts (ahead of need too) and stops.

The protocol it speaks is :mod:`courselint.grammar.grammalecte`'s.  This module
imports little, so that the program can start a child as its very first step:
a check of a few lessons in a project whose file names Grammalecte starts one
before importing the command line (``courselint.__main__``), and the engine
takes it once the configuration is read.  Grammalecte's start-up (about 0.2 s)
is the longest path of such a check; every millisecond of imports before the
child starts is a millisecond added to it.
"""

from __future__ import annotations

import contextlib
import os

# subprocess is imported where a child starts or stops (8 ms, most of them its own
# imports): a project whose file does not name Grammalecte never pays for it here.
# (Hence no ``subprocess.Popen`` in the signatures: the children are those.)

# The child program.  Grammalecte prints diagnostics on stdout: the protocol keeps
# the real stdout for itself and sends everything else to stderr.
CHILD_PROGRAM = r"""
import json, sys
channel = sys.stdout
sys.stdout = sys.stderr

def send(message):
    channel.write(json.dumps(message) + "\n")
    channel.flush()

try:
    from grammalecte.fr import gc_engine, gc_options
    gc_engine.load("Python")
    list(gc_engine.parse("Bonjour.", "FR"))  # compiles the rules now, not on the first paragraph
except BaseException as exc:
    send({"fatal": "%s: %s" % (type(exc).__name__, exc)})
    sys.exit(1)

typography = [name for group, lines in gc_options.lStructOpt if group == "basic" for line in lines for name in line]
send({"ready": True, "version": getattr(gc_engine, "__version__", "?"), "typography": typography,
      "defaults": gc_engine.getDefaultOptions()})
KEYS = ("nStart", "nEnd", "sRuleId", "sType", "sMessage", "aSuggestions")
try:
    for line in sys.stdin:
        request = json.loads(line)
        try:
            if "options" in request:
                gc_engine.setOptions(request["options"])
                reply = {"ok": True}
            else:
                errors = [{key: error.get(key) for key in KEYS} for error in gc_engine.parse(request["text"], "FR")]
                reply = {"errors": sorted(errors, key=lambda error: (error["nStart"], error["nEnd"]))}
        except Exception as exc:
            reply = {"error": "%s: %s" % (type(exc).__name__, exc)}
        reply["id"] = request.get("id")
        send(reply)
except (KeyboardInterrupt, BrokenPipeError):
    pass
"""


def spawn(python: str):
    """A new child of ``python`` loading Grammalecte (it needs no setting: options come later)."""
    import subprocess

    return subprocess.Popen(
        # -I: ignore PYTHONPATH and user site-packages, which belong to our interpreter
        [python, "-I", "-c", CHILD_PROGRAM],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        text=True,
        encoding="utf-8",
        errors="replace",
        bufsize=1,
    )


def stop(process) -> None:
    """Stop the child at once.

    It holds nothing to save (it only answers), and ending it gracefully costs a
    run 60 ms: the child's interpreter frees Grammalecte's tables on its way out.
    Killed before its input is closed: a writer thread blocked on a full pipe holds
    that stream, and only the child's end going away releases it.
    """
    import subprocess

    if process.poll() is None:
        process.kill()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
    try:
        process.stdin.close()
    except (OSError, ValueError):
        pass


# --------------------------------------------------------------------------- ahead of need

#: Children started ahead of any engine (:func:`spawn_ahead`), by interpreter: the
#: next engine of that interpreter takes its child instead of starting one.
_AHEAD: dict = {}


def start_ahead(given: str | None, lessons: list[str]) -> None:
    """Start a child now if the configuration file names Grammalecte.

    For a check of the files ``lessons`` (``courselint/ahead.py`` reads them from the
    command line, and ``given``, its ``--config``).  A guess from the raw file (the
    given one, else the first lesson's project's): the run's engine takes the child
    if its settings agree, else it is killed unused (:func:`discard_ahead`).  A path
    it cannot read is for the run to report, not this.
    """
    with contextlib.suppress(OSError, ValueError):
        python = _configured_python(given, lessons)
        if python:
            spawn_ahead(python)


def _configured_python(given: str | None, lessons: list[str]) -> str | None:
    """The interpreter of the Grammalecte the raw configuration file names, or None."""
    from pathlib import Path

    from courselint import config_file
    from courselint.grammar import DEFAULT_PYTHON

    if given:
        source = Path(given)
    else:
        first = Path(lessons[0]) if lessons else None
        source = config_file.find_config(first if first is not None and first.exists() else Path.cwd())
    if source is None or b"grammalecte" not in source.read_bytes():
        return None  # most projects: no TOML parser to import for them
    grammar = config_file.peek(source).get("grammar")
    if not isinstance(grammar, dict) or grammar.get("engine") != "grammalecte":
        return None
    python = grammar.get("python", DEFAULT_PYTHON)
    return python if isinstance(python, str) and python else None


def spawn_ahead(python: str) -> None:
    """Start a child for the next engine of ``python`` now, before it is configured.

    An interpreter that cannot start is reported by the engine, which tries
    again; :func:`discard_ahead` kills a child no engine took.
    """
    if python not in _AHEAD:
        try:
            _AHEAD[python] = spawn(python)
        except OSError:
            pass


def take_ahead(python: str):
    """The child started ahead for ``python`` (still running), for the engine that starts now."""
    process = _AHEAD.pop(python, None)
    if process is not None and process.poll() is not None:
        stop(process)  # it died (its interpreter could not start Grammalecte): the engine starts its own
        return None
    return process


def discard_ahead() -> None:
    """Kill the children started ahead that no engine took."""
    while _AHEAD:
        _python, process = _AHEAD.popitem()
        stop(process)
