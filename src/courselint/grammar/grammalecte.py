"""Grammalecte, driven as one long-lived child process of Debian's ``python3``.

Debian's ``python3-grammalecte`` installs into the system interpreter, which the
project's interpreter (a virtualenv, pyenv…) cannot import from.  So we start
``/usr/bin/python3`` once per process that needs it and talk to it over its
standard input and output, one JSON object per line:

* the child answers its start with ``{"ready": true, "version": …, "typography": […]}``
  (or ``{"fatal": "…"}``);
* ``{"id": n, "options": {…}}`` sets Grammalecte options, answered ``{"id": n, "ok": true}``;
* ``{"id": n, "text": "…"}`` checks one paragraph, answered ``{"id": n, "errors": […]}``
  (or ``{"id": n, "error": "…"}``).

Only Grammalecte's grammar engine runs (``gc_engine.parse``), never its spell
checker: Hunspell owns spelling.  JSON is written ASCII-only, so no encoding can
get in the way.  The child leaves when its standard input closes, so it never
outlives us, even when we are killed; every wait has a timeout, so a stuck child
costs a few seconds, never a hang.  The child's program, its start and its stop
are in :mod:`courselint.grammar.child`.
"""

from __future__ import annotations

import collections
import json
import queue
import re
import subprocess
import threading
import time
import weakref
from collections.abc import Iterator, Sequence

from courselint.grammar import DEFAULT_PYTHON
from courselint.grammar.base import EngineIssue, EngineUnavailable, ShownText
from courselint.grammar.child import spawn, stop, take_ahead
from courselint.messages import N_, _

#: Longest text sent as one paragraph (about 80 sentences, 0.2 s of Grammalecte).
PARAGRAPH_LIMIT = 10_000
INSTALL_HINT = N_("installez le paquet Debian « python3-grammalecte » (apt-get install python3-grammalecte)")

# Grammalecte groups these options under "Typographie" in its own interface; the
# child reads the group from the installed version and this list is only a fallback.
TYPOGRAPHY_OPTIONS = (
    "typo", "apos", "eepi", "esp", "tab", "nbsp", "unit", "tu", "maj", "minis",
    "num", "nf", "virg", "poncfin", "ocr", "chim", "liga", "mapos",
)

class GrammalecteEngine:
    """A :class:`~courselint.grammar.base.ProseEngine` backed by one Grammalecte child."""

    name = "grammalecte"

    def __init__(
        self,
        python: str = DEFAULT_PYTHON,
        *,
        typography: bool = False,
        startup_timeout: float = 60.0,
        request_timeout: float = 60.0,
        lesson_timeout: float = 120.0,
        wait: bool = True,
    ) -> None:
        """Start the child; with ``wait=False``, return at once and wait for it on first use.

        Grammalecte takes about 0.3 s to load: a run that starts it before parsing
        its first lesson gets that time back (see ``rules/grammar.py``'s ``warm_up``).
        """
        self.python = python
        self.typography = typography
        self.request_timeout = request_timeout
        # One overall deadline per check_many (a lesson): a child answering every
        # 20 s stays under any per-request timeout and would hold a check for minutes.
        self.lesson_timeout = lesson_timeout
        self._deadline: float | None = None
        self._lock = threading.Lock()
        self._next_id = 0
        self._stderr: collections.deque[str] = collections.deque(maxlen=40)
        self._replies: queue.Queue[str | None] = queue.Queue()
        self.version = "?"
        self.typography_options = frozenset(TYPOGRAPHY_OPTIONS)
        self._startup_timeout = startup_timeout
        #: Whether the child said it is ready.
        self._state = {"ready": False}
        self._process = self._start()
        # Killed when this object goes away or the interpreter exits, whichever comes first.
        self._finalizer = weakref.finalize(self, stop, self._process)
        if wait:
            self._await_ready()

    def _await_ready(self) -> None:
        if self._state["ready"]:
            return
        try:
            ready = self._read(self._startup_timeout, _("au démarrage"))
            if "fatal" in ready or not ready.get("ready"):
                self._fail(_("ne se charge pas dans {python} ({reason})").format(python=self.python, reason=ready.get("fatal", ready)))
            self.version = ready.get("version", "?")
            self.typography_options = frozenset(ready.get("typography") or TYPOGRAPHY_OPTIONS)
            self._state["ready"] = True
            self._request({"options": self._options(ready.get("defaults") or {})})
        except EngineUnavailable as exc:
            raise EngineUnavailable(_("{problem} ; {hint}").format(problem=exc, hint=_(INSTALL_HINT))) from None

    # ----------------------------------------------------------------- public

    @property
    def pid(self) -> int:
        return self._process.pid

    def check(self, text: str, raw: str | None = None) -> list[EngineIssue]:
        return self.check_many([(text, raw)])[0]

    def check_many(self, units: Sequence[tuple[str, str | None]]) -> list[list[EngineIssue]]:
        # Every paragraph is written at once: Grammalecte checks them back to back
        # (about 2 ms each) while this process reads the answers as they come, or
        # does other work meanwhile (rules/grammar.py's check_alongside).
        self._await_ready()  # start-up is not the lesson's time
        self._deadline = time.monotonic() + self.lesson_timeout
        try:
            shown = [ShownText(text, raw) for text, raw in units]
            pieces = [
                (index, offset, paragraph)
                for index, text in enumerate(shown)
                if text.shown.strip()
                for offset, paragraph in paragraphs(text.shown)
            ]
            replies = self._request_all([{"text": paragraph} for _index, _offset, paragraph in pieces])
            issues: list[list[EngineIssue]] = [[] for _unit in shown]
            for (index, offset, _paragraph), reply in zip(pieces, replies):
                issues[index].extend(self._issues(shown[index], offset, reply.get("errors", ())))
            return issues
        finally:
            self._deadline = None

    def _issues(self, shown: ShownText, offset: int, errors) -> list[EngineIssue]:
        """The issues of Grammalecte's ``errors`` for the paragraph at ``offset`` of ``shown``."""
        if not isinstance(errors, (list, tuple)) or not all(isinstance(e, dict) for e in errors):
            self._fail(_("réponse inattendue : {reply}").format(reply=f"{errors!r:.200}"))
        issues = []
        for error in errors:
            try:
                first, last = int(error["nStart"]), int(error["nEnd"])
                if not 0 <= first <= last <= len(shown.shown) - offset:
                    continue  # outside the paragraph sent: no place in the lesson to show it
                start, end = shown.source_span(offset + first, offset + last)
            except (KeyError, TypeError, ValueError, OverflowError):
                continue  # an error without a position cannot be shown to anyone
            category = "typography" if error.get("sType") in self.typography_options else "grammar"
            issues.append(
                EngineIssue(
                    start,
                    end,
                    str(error.get("sRuleId") or "?"),
                    str(error.get("sMessage") or "").strip(),
                    tuple(str(s) for s in error.get("aSuggestions") or ()),
                    category,
                )
            )
        return issues

    def close(self) -> None:
        self._finalizer()

    # ----------------------------------------------------------------- child process

    def _start(self) -> subprocess.Popen:
        process = take_ahead(self.python)
        if process is None:
            try:
                process = spawn(self.python)
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                raise EngineUnavailable(
                    _(
                        "Grammalecte : interpréteur {python!r} introuvable ou non exécutable ({reason}) ;"
                        " {hint}, ou indiquez l'interpréteur qui l'importe dans grammar.python"
                    ).format(python=self.python, reason=reason, hint=_(INSTALL_HINT))
                ) from None
        threading.Thread(target=_pump, args=(process.stdout, self._replies.put), daemon=True).start()
        threading.Thread(target=_pump, args=(process.stderr, self._stderr.append), daemon=True).start()
        return process

    def _options(self, defaults: dict) -> dict[str, bool]:
        """Typography as configured (at Grammalecte's defaults when on); never its spelling."""
        options = {}
        for name in self.typography_options:
            options[name] = bool(defaults.get(name, False)) if self.typography else False
        return options

    def _request(self, message: dict) -> dict:
        return self._request_all([message])[0]

    def _request_all(self, messages: list[dict]) -> list[dict]:
        """Send every message, then read their answers in order.

        More than a pipe holds is written by a thread: a child that stops reading
        then costs the answers' timeout, never a write that blocks for ever.  The
        pipe is empty when this starts (every earlier request was answered).
        """
        with self._lock:
            first = self._next_id + 1
            self._next_id += len(messages)
            text = "".join(json.dumps({**message, "id": number}) + "\n" for number, message in enumerate(messages, first))
            if len(text) <= _PIPE_SAFE:
                try:
                    self._process.stdin.write(text)
                    self._process.stdin.flush()
                except (OSError, ValueError):
                    self._fail(_("processus arrêté"))
            else:
                threading.Thread(target=_write, args=(self._process.stdin, text), daemon=True).start()
            replies = []
            for number in range(first, first + len(messages)):
                timeout = self.request_timeout
                if self._deadline is not None:
                    timeout = min(timeout, max(0.0, self._deadline - time.monotonic()))
                reply = self._read(timeout, _("pendant une vérification"))
                if not isinstance(reply, dict) or reply.get("id") != number:
                    self._fail(_("réponse inattendue : {reply}").format(reply=f"{reply!r:.200}"))
                # "error": Grammalecte failed on this paragraph only; the child is still fine.
                replies.append({"errors": []} if "error" in reply else reply)
            return replies

    def _read(self, timeout: float, when: str) -> dict:
        try:
            line = self._replies.get(timeout=timeout)
        except queue.Empty:
            self._fail(_("aucune réponse {when} (délai de {timeout:g} s dépassé)").format(when=when, timeout=timeout))
        if line is None:
            try:
                self._process.wait(timeout=5)  # stdout closed: the child is gone or going
            except subprocess.TimeoutExpired:
                pass
            self._fail(_("processus arrêté {when} (code {code})").format(when=when, code=self._process.returncode))
        if line is _TOO_BIG:
            self._fail(_("réponse de plus de {limit} caractères").format(limit=MAX_REPLY_CHARACTERS))
        try:
            reply = json.loads(line)
        except (ValueError, RecursionError):
            self._fail(_("réponse illisible : {reply}").format(reply=f"{line!r:.200}"))
        if not isinstance(reply, dict):
            self._fail(_("réponse inattendue : {reply}").format(reply=f"{reply!r:.200}"))
        return reply

    def _fail(self, reason: str):
        self.close()
        details = "".join(line for line in self._stderr if line).strip().splitlines()
        tail = f" — {details[-1]}" if details else ""
        if not reason.startswith("Grammalecte"):
            reason = _("Grammalecte : {reason}").format(reason=reason)
        raise EngineUnavailable(reason + tail)


_SENTENCE_END = re.compile(r"[.!?…]+[»)\]]?\s+")


def paragraphs(text: str, limit: int = PARAGRAPH_LIMIT) -> Iterator[tuple[int, str]]:
    """``text`` in pieces of at most ``limit`` characters, cut after a sentence if possible.

    Grammalecte's time grows with the paragraph and a request must answer within
    its timeout; its rules look within a sentence, so cutting between sentences
    changes nothing for a real paragraph.
    """
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = 0
        for match in _SENTENCE_END.finditer(text, start, window_end):
            cut = match.end()
        if cut <= start:
            cut = text.rfind(" ", start, window_end) + 1
        if cut <= start:
            cut = window_end
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


#: The longest reply line read from the child (characters): one paragraph's
#: errors take a few KB; a child gone wrong must not fill the memory.
MAX_REPLY_CHARACTERS = 4 * 1024 * 1024
_TOO_BIG = "\0too big\0"


def _pump(stream, put) -> None:
    """Copy a child's stream line by line; ``None`` marks its end (for stdout)."""
    try:
        while True:
            line = stream.readline(MAX_REPLY_CHARACTERS + 1)
            if not line:
                break
            if len(line) > MAX_REPLY_CHARACTERS:
                put(_TOO_BIG)  # and stop reading: the engine is failed
                break
            put(line)
    except (OSError, ValueError):
        pass
    finally:
        put(None)


#: Characters written to the child without a thread: less than any pipe holds
#: (JSON is written ASCII-only, so characters are bytes).
_PIPE_SAFE = 4096


def _write(stream, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass  # the child is gone: the reader sees its output end and says so
