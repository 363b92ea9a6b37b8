"""What the language server checks, without the protocol: projects and passes.

A *project* is a configuration file (found from the opened file as ``check``
finds it) with the engines its checks share: the Hunspell dictionary is loaded
once per project, not per keystroke.  A project is made again when its
configuration file or its words file changes (their modification times are
compared before every check).

A lesson buffer is checked in memory, in passes:

``fast``     every lesson rule but grammar, on each (debounced) change;
``grammar``  the grammar rules (a child process, slow), after the fast pass;
``chapter``  the chapter rules, which read the sibling lessons: the open ones as typed,
             the others from disk; after each fast pass, and for the open siblings
             of a lesson that changed.

Nothing is written to the findings cache: an unsaved buffer is not a file.
A pass asks ``cancelled()`` before each rule and gives up (:class:`Cancelled`)
when a newer edit arrived, so a slow check never delays the next one by more
than one rule.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from courselint import config as config_module
from courselint import engine
from courselint.chapter import UNSAVED as UNSAVED_LESSONS
from courselint.chapter import chapter_folder
from courselint.codes import CODES
from courselint.document import is_generated_translation
from courselint.findings import Finding
from courselint.lsp.cancel import CancellableEngine
from courselint.lsp.memo import MemoSpeller
from courselint.rules.base import Context
from courselint.rules.grammar import DEFAULTS as GRAMMAR_DEFAULTS
from courselint.rules.grammar import engine_key, open_engine
from courselint.rules.translation import ENGLISH, UNSAVED, english_checker
from courselint.selection import Selection
from courselint.spell.preload import SPELLER, spelling_settings
from courselint.spell.speller import checker_for


class Cancelled(Exception):
    """A newer edit of the document arrived: this pass's findings would be stale."""


def is_grammar(code: str) -> bool:
    return code.startswith("CL5")


class _Pass:
    """A selection narrowed to one pass's codes, that stops the check when it is cancelled.

    ``engine.check_lesson_source`` asks the selection before each rule: that is
    the one place where a check can be stopped between rules without the
    engine knowing about editors.
    """

    def __init__(self, selection: Selection, keep: Callable[[str], bool], cancelled: Callable[[], bool]) -> None:
        self.selection, self.keep, self.cancelled = selection, keep, cancelled

    def enabled(self, code: str, name: str) -> bool:
        if self.cancelled():
            raise Cancelled
        return self.keep(code) and self.selection.enabled(code, name)


def _mtime(path: Path | None) -> int:
    try:
        return path.stat().st_mtime_ns if path is not None else 0
    except OSError:
        return -1


@dataclass
class Project:
    config: config_module.Config
    selection: Selection
    stamp: tuple
    ctx: Context = field(init=False)
    grammar_engine: CancellableEngine | None = field(init=False, default=None)
    #: The server moved what this project loaded out of the collector's way (server.settle).
    settled: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.ctx = Context(self.config)
        # The spelling rule asks this speller: it remembers each block's findings
        # between edits, so a keystroke re-checks one block, not the lesson.
        settings = spelling_settings(self.config)
        self.ctx.engines[SPELLER] = MemoSpeller(lambda: checker_for(settings))
        # The grammar rules find this engine under their key: one that a newer edit stops.
        grammar = {**GRAMMAR_DEFAULTS, **self.config.section("grammar")}
        if grammar["engine"] is not None:
            self.grammar_engine = CancellableEngine(grammar["engine"], lambda: open_engine(grammar), Cancelled)
            self.ctx.engines[engine_key(dict(self.config.section("grammar")))] = self.grammar_engine

    @property
    def grammar(self) -> bool:
        return self.config.section("grammar").get("engine") is not None


class Projects:
    """The projects of the opened files, by configuration file."""

    def __init__(self) -> None:
        self._by_source: dict[str, Project] = {}

    def for_path(self, path: Path) -> Project:
        """The project of ``path``; raises ``ConfigError`` for an invalid configuration."""
        start = path if path.parent.exists() else Path.cwd()
        source = config_module.find_config(start)
        key = str(source) if source else str(start.parent if start.suffix else start)
        project = self._by_source.get(key)
        if project is not None and project.stamp == self._stamp(project.config):
            return project
        config = config_module.load(None, start=start)
        selection = Selection(tuple(config["select"]), tuple(config["ignore"]))
        project = Project(config, selection, self._stamp(config))
        self._by_source[key] = project
        return project

    def interrupt_grammar(self) -> None:
        """A newer edit arrived: stop a grammar pass it made stale."""
        for project in self._by_source.values():
            if project.grammar_engine is not None:
                project.grammar_engine.interrupt()

    def forget(self, project: Project) -> None:
        """Drop a project (its words file changed): the next check reloads it."""
        for key, value in list(self._by_source.items()):
            if value is project:
                del self._by_source[key]

    @staticmethod
    def _stamp(config: config_module.Config) -> tuple:
        return (_mtime(config.source), _mtime(config.words_file))


def skipped(path: Path, project: Project) -> bool:
    """Generated translations (``lesson.en.md``) are build outputs: ``check`` skips them too."""
    return is_generated_translation(path, project.config["locales"])


def check_lesson(
    project: Project, path: Path, text: str, *, grammar: bool, cancelled: Callable[[], bool] = lambda: False
) -> list[Finding]:
    """Findings of a lesson buffer: the fast pass, or (``grammar``) the grammar pass."""
    keep = is_grammar if grammar else (lambda code: not is_grammar(code))
    if grammar and project.grammar_engine is not None:
        project.grammar_engine.cancelled = cancelled  # one grammar pass at a time (one thread)
    data = text.encode("utf-8", "surrogatepass")
    findings = engine.check_lesson_source(
        str(path), data, project.config, project.ctx, _Pass(project.selection, keep, cancelled)
    )
    if grammar:
        # An engine that could not start (CL901) is said where the author looks:
        # on the lesson it could not check, at its first line.
        findings += [
            replace(f, path=str(path), line=1, column=1, end_line=1, end_column=2)
            for f in project.ctx.run_findings
            if project.selection.enabled(f.code, f.rule)
        ]
    return findings


def check_chapter(project: Project, path: Path, unsaved: dict[str, str] | None = None) -> list[Finding]:
    """Chapter findings of the lesson ``path``; ``unsaved`` (real path -> text) are the
    lessons open in the editor, read as typed rather than as saved."""
    codes = tuple(
        entry.code for entry in CODES.values() if entry.scope == "chapter" and project.selection.enabled(entry.code, entry.name)
    )
    if not codes or not path.is_file():
        return []
    chapter_only = Selection(codes, ())
    engines = {**project.ctx.engines, UNSAVED_LESSONS: dict(unsaved or {})}
    result = engine.run([path], project.config, chapter_only, use_cache=False, engines=engines)
    mine = os.path.realpath(path)
    return [f for f in result.findings if f.code in codes and os.path.realpath(f.path) == mine]


def check_catalog(project: Project, path: Path, text: str) -> list[Finding]:
    """Findings of a ``.po`` buffer, checked as written in the editor."""
    if not path.exists():
        return []  # a catalog never saved: the catalog rules know it by its folder
    # The run works on a copy of these engines: the English dictionary is made
    # here, once per project, or every keystroke would load it again; the parsed
    # entries live in the copy and go away with this check.
    project.ctx.shared(ENGLISH, english_checker)
    engines = {**project.ctx.engines, UNSAVED: {str(path): text}, "translation.catalogs": {}}
    result = engine.run([path], project.config, project.selection, use_cache=False, engines=engines)
    return result.findings


def same_chapter(first: Path, second: Path) -> bool:
    """Both lessons are of one chapter: a change of one may change the other's chapter findings."""
    return first.suffix == second.suffix == ".md" and chapter_folder(first) == chapter_folder(second)
