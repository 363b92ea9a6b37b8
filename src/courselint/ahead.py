"""The program's first steps, taken before the command line's imports.

A check of one lesson (what pre-commit runs) lasts about 0.15 s, a third of it
imports.  What takes longer than that runs on the other core meanwhile, started
as early as it can be:

* a check of a few lesson files starts a Grammalecte child when the project's
  file names it (grammar/child.py): Grammalecte's start-up (0.2 s) is then the
  run's longest path; then it forks the speller's child, which reads the
  spelling tables (spell/preload.py);
* a check of folders (a whole course) starts loading the French dictionary on a
  thread, for the worker processes forked later.

``python -m courselint`` and the installed script call :func:`start` before
importing :mod:`courselint.cli`; :func:`courselint.cli.main` takes what it
started (:func:`take`), or starts it then (a caller in the same process: tests).
"""

from __future__ import annotations

#: (arguments, the speller's child or None) of :func:`start`, until :func:`take`.
_pending: tuple[list[str], object] | None = None


def start(arguments: list[str]) -> None:
    """Take the first steps of a run of ``courselint ARGUMENTS``, for :func:`take`."""
    global _pending
    _pending = (list(arguments), _first_steps(arguments))


def take(arguments: list[str]):
    """The speller's child of the first steps of ``arguments`` (None: none was
    forked), taken now if :func:`start` did not take them for these arguments."""
    global _pending
    pending, _pending = _pending, None
    if pending is not None:
        started, speller = pending
        if started == list(arguments):
            return speller
        if speller is not None:
            speller.close()
    return _first_steps(arguments)


def _first_steps(arguments: list[str]):
    from courselint.spell import preload

    if not preload.likely(arguments):
        # A whole course: its worker processes are forked once the dictionary is
        # loaded, and that load is their longest wait: it starts first of all.
        preload.dictionary_ahead(arguments)
        _settle()
        return None
    # Grammalecte first: its start-up is the longest path of a check that runs it
    # (the speller's child closes the ends of its pipes that the fork copies).
    _grammar_ahead(arguments)
    # Before the fork: the speller's child speaks the run's language.
    _settle()
    return preload.PreloadedSpeller() if preload.spelling_may_run(arguments) else None


def _grammar_ahead(arguments: list[str]) -> None:
    """A Grammalecte child for a check of ``arguments``'s lessons, if their project's
    file (or ``--config``) names Grammalecte (grammar/child.py)."""
    from courselint.grammar import child
    from courselint.spell import preload

    given = preload.option_values(arguments, "--config")
    lessons = [path for path in preload.check_paths(arguments) or () if path.endswith(".md")]
    child.start_ahead(given[0] if given else None, lessons)


def _settle() -> None:
    """The process-wide settings of a run: its language, the cyclic collector's pace."""
    import gc

    from courselint import messages

    messages.use(messages.wanted_language())
    # A lesson's parse allocates hundreds of thousands of short-lived objects,
    # nearly all freed by reference counting; at the default threshold (700) the
    # cyclic collector walks them over and over: 7 % of a whole-course check.
    gc.set_threshold(20_000, 20, 20)
