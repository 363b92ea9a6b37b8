"""A grammar engine that a newer edit stops, in the middle of a lesson.

Grammalecte answers one paragraph at a time, ~2 ms each: a 2,000-line lesson
keeps it busy for seconds.  In the editor that pass is stale as soon as the
author types again, and a stale pass that runs to its end holds the grammar
thread (and a core) while the new text waits.  :class:`CancellableEngine`
stands where the grammar rules look for their engine (``rules.grammar.engine_key``):

- it sends the lesson one unit at a time and asks ``cancelled()`` before each,
  so a pass stops between paragraphs (:class:`~courselint.lsp.checks.Cancelled`);
- :meth:`interrupt` (from the server's thread, when the edit arrives) closes the
  engine under a running pass: the Grammalecte child is stopped at once instead
  of finishing its paragraph queue, the pass ends with ``Cancelled``, and the
  next pass starts a new child (a second or two, once per interruption).

An engine that fails while nobody cancelled it is reported as before
(``EngineUnavailable``, CL901).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence


class CancellableEngine:
    """A :class:`~courselint.grammar.base.ProseEngine` opened on first use, stoppable from another thread."""

    def __init__(self, name: str, open_engine: Callable[[], object], cancelled_error: type[Exception]) -> None:
        #: The configured engine's name: the rules read it before the first unit.
        self.name = name
        self._open = open_engine
        self._cancelled_error = cancelled_error
        self._engine = None
        self._lock = threading.Lock()
        self._running = False
        #: Asked before each unit; the server sets it for each pass (one pass at a time).
        self.cancelled: Callable[[], bool] = lambda: False
        #: Engines stopped under a running pass (the tests and the log read it).
        self.interruptions = 0

    def _current(self):
        with self._lock:
            if self._engine is None:
                self._engine = self._open()
            return self._engine

    def check(self, text: str, raw: str | None = None):
        return self.check_many([(text, raw)])[0]

    def check_many(self, units: Sequence[tuple[str, str | None]]):
        out = []
        self._running = True
        try:
            for text, raw in units:
                if self.cancelled():
                    raise self._cancelled_error
                engine = self._current()
                try:
                    out.append(engine.check(text, raw))
                except Exception:
                    if self.cancelled():  # stopped by interrupt(): not a failure of the engine
                        self._forget(engine)
                        raise self._cancelled_error from None
                    raise
        finally:
            self._running = False
        return out

    def interrupt(self) -> None:
        """A newer edit arrived: stop the engine if the running pass is now stale (never waits).

        The engine serves every lesson of the project: a pass still current (another
        lesson's) is left alone.
        """
        with self._lock:
            engine = self._engine if self._running and self.cancelled() else None
            if engine is None:
                return
            self._engine = None
            self.interruptions += 1
        # close() waits for the child to leave: not on the server's thread.
        threading.Thread(target=engine.close, name="courselint-grammar-stop", daemon=True).start()

    def _forget(self, engine) -> None:
        with self._lock:
            if self._engine is engine:
                self._engine = None
        engine.close()

    def close(self) -> None:
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()
