"""``courselint lsp``: the language server, over standard input and output (pygls).

Each open document has a *generation*, bumped by every open, change and save.
A check is an asyncio task: it waits :data:`DEBOUNCE` seconds (typing goes on,
the task is replaced), then runs the fast pass and the chapter pass (the open
sibling lessons read as typed) in the checking thread and publishes; the open
siblings' chapter findings are then refreshed.  The grammar pass runs in its own
thread, so a slow Grammalecte never holds the next keystroke's check.  A pass whose generation is no longer
the document's stops at the next rule (:class:`checks.Cancelled`) and publishes
nothing.

Diagnostics are converted with the text they were computed on, so they stay
exact in the editor's units even if the editor sent newer edits meanwhile.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from courselint import __version__
from courselint.codes import CODES
from courselint.config import ConfigError
from courselint.findings import Finding, Severity
from courselint.fixes import chosen_fixes
from courselint.lsp import actions, checks, docs
from courselint.lsp.positions import Lines
from courselint.messages import _, agree

log = logging.getLogger(__name__)

_UNSET = object()

#: Seconds of quiet typing before a check starts (a burst of keystrokes is one check).
DEBOUNCE = 0.05
SOURCE = "courselint"
ADD_WORD = "courselint.addWord"
FIX_ALL_KIND = "source.fixAll.courselint"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Published:
    """What the editor was last told about a document, with the text it was computed on."""

    text: str = ""
    fast: list[Finding] = field(default_factory=list)
    grammar: list[Finding] = field(default_factory=list)
    chapter: list[Finding] = field(default_factory=list)
    problem: str | None = None  # the configuration cannot be read

    @property
    def findings(self) -> list[Finding]:
        return self.fast + self.grammar + self.chapter


@dataclass
class Document:
    generation: int = 0
    task: asyncio.Task | None = None
    grammar_task: asyncio.Task | None = None
    chapter_task: asyncio.Task | None = None
    published: Published = field(default_factory=Published)


class CourselintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("courselint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.projects = checks.Projects()
        self.documents: dict[str, Document] = {}
        # One thread for the fast passes: the engines (Hunspell) are used from one
        # thread only; one for grammar, which waits on its child process.
        self.checking = ThreadPoolExecutor(1, thread_name_prefix="courselint-check")
        self.grammar_thread = ThreadPoolExecutor(1, thread_name_prefix="courselint-grammar")
        #: Base of the codes' links: the editor's ``documentationUrl``, else found on first use.
        self.documentation: str | None | object = _UNSET
        self._links: dict[str, types.CodeDescription | None] = {}

    # ------------------------------------------------------------------ scheduling

    def schedule(self, uri: str, *, delay: float) -> None:
        document = self.documents.setdefault(uri, Document())
        document.generation += 1
        for task in (document.task, document.grammar_task):
            if task is not None:
                task.cancel()
        # After the generation moved: the running grammar pass, if it is this
        # document's, now sees itself stale and its engine is stopped.
        self.projects.interrupt_grammar()
        document.task = asyncio.ensure_future(self._check(uri, document, document.generation, delay))

    async def _check(self, uri: str, document: Document, generation: int, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        try:
            text_document = self.workspace.get_text_document(uri)
            text, version = text_document.source, text_document.version
        except Exception:  # noqa: BLE001 - closed meanwhile
            return
        path = Path(to_fs_path(uri) or uri)
        loop = asyncio.get_running_loop()

        def cancelled() -> bool:
            return document.generation != generation

        published = Published(text=text, chapter=document.published.chapter)
        try:
            project = await loop.run_in_executor(self.checking, self.projects.for_path, path)
        except ConfigError as exc:
            published.problem = _("configuration invalide : {error}").format(error=exc)
            self._publish(uri, version, published)
            return
        if checks.skipped(path, project):
            self._publish(uri, version, published)
            return
        try:
            if path.suffix == ".po":
                published.fast = await loop.run_in_executor(self.checking, checks.check_catalog, project, path, text)
            else:
                published.fast = await loop.run_in_executor(
                    self.checking, lambda: checks.check_lesson(project, path, text, grammar=False, cancelled=cancelled)
                )
                published.chapter = await loop.run_in_executor(
                    self.checking, checks.check_chapter, project, path, self.open_lessons()
                )
        except checks.Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - never in the way: one message, the server goes on
            log.exception("check failed")
            published.problem = _("courselint n'a pas pu vérifier ce fichier : {error}").format(
                error=f"{exc.__class__.__name__}: {exc}"
            )
        if cancelled():
            return
        self._publish(uri, version, published)
        if not project.settled:
            project.settled = True
            await loop.run_in_executor(self.checking, settle)
        if path.suffix == ".md" and published.problem is None:
            self.refresh_siblings(uri, path)
        if path.suffix == ".md" and project.grammar and published.problem is None:
            document.grammar_task = asyncio.ensure_future(
                self._grammar(uri, version, document, generation, project, path, published)
            )

    async def _grammar(self, uri, version, document, generation, project, path, published) -> None:
        loop = asyncio.get_running_loop()

        def cancelled() -> bool:
            return document.generation != generation

        try:
            found = await loop.run_in_executor(
                self.grammar_thread,
                lambda: checks.check_lesson(project, path, published.text, grammar=True, cancelled=cancelled),
            )
        except checks.Cancelled:
            return
        except Exception:  # noqa: BLE001
            log.exception("grammar check failed")
            return
        if not cancelled():
            published.grammar = found
            self._publish(uri, version, published)

    # ------------------------------------------------------------------ chapters

    def open_lessons(self) -> dict[str, str]:
        """The open lessons as typed, by real path: chapter rules read them, not the saved files."""
        out = {}
        for uri in self.documents:
            if not uri.endswith(".md"):
                continue
            try:
                text = self.workspace.get_text_document(uri).source
            except Exception:  # noqa: BLE001 - closed meanwhile
                continue
            out[os.path.realpath(to_fs_path(uri) or uri)] = text
        return out

    def refresh_siblings(self, uri: str, path: Path) -> None:
        """A lesson changed: its open siblings' chapter findings (a shared weight…) may have too."""
        for other, document in self.documents.items():
            other_path = Path(to_fs_path(other) or other)
            if other != uri and document.published.problem is None and checks.same_chapter(path, other_path):
                document.chapter_task = asyncio.ensure_future(self._chapter(other, document, other_path))

    async def _chapter(self, uri: str, document: Document, path: Path) -> None:
        generation, published = document.generation, document.published
        loop = asyncio.get_running_loop()
        try:
            project = await loop.run_in_executor(self.checking, self.projects.for_path, path)
            found = await loop.run_in_executor(self.checking, checks.check_chapter, project, path, self.open_lessons())
        except Exception:  # noqa: BLE001 - never in the way: the next check says it
            log.exception("chapter check failed")
            return
        # Only onto the findings of the text they were computed with: a newer
        # check of this document publishes its own chapter findings.
        if document.generation == generation and document.published is published and found != published.chapter:
            published.chapter = found
            self._publish(uri, self.version_of(uri), published)

    def version_of(self, uri: str) -> int | None:
        try:
            return self.workspace.get_text_document(uri).version
        except Exception:  # noqa: BLE001
            return None

    # ------------------------------------------------------------------ publishing

    def encoding(self) -> str:
        return str(self.workspace.position_encoding or "utf-16")

    def _range(self, lines: Lines, span) -> types.Range:
        (l1, c1), (l2, c2) = lines.range(span)
        return types.Range(types.Position(l1, c1), types.Position(l2, c2))

    def code_description(self, code: str) -> types.CodeDescription | None:
        """The link to ``code``'s explanation (``lsp/docs.py`` says where), made once per code."""
        if code not in self._links:
            if self.documentation is _UNSET:
                self.documentation = docs.documentation_base()
            href = docs.code_link(self.documentation, code) if code in CODES else None
            self._links[code] = types.CodeDescription(href=href) if href else None
        return self._links[code]

    def diagnostic(self, lines: Lines, finding: Finding) -> types.Diagnostic:
        return types.Diagnostic(
            range=self._range(lines, finding.span),
            message=finding.message,
            severity=_SEVERITY.get(finding.severity, types.DiagnosticSeverity.Error),
            code=finding.code,
            code_description=self.code_description(finding.code),
            source=f"{SOURCE} ({finding.rule})",
        )

    def _publish(self, uri: str, version: int | None, published: Published) -> None:
        self.documents.setdefault(uri, Document()).published = published
        lines = Lines(published.text, self.encoding())
        diagnostics = [self.diagnostic(lines, f) for f in published.findings]
        if published.problem:
            diagnostics.append(
                types.Diagnostic(
                    range=types.Range(types.Position(0, 0), types.Position(0, 1)),
                    message=published.problem,
                    severity=types.DiagnosticSeverity.Error,
                    source=SOURCE,
                )
            )
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    # ------------------------------------------------------------------ requests

    def current(self, uri: str) -> tuple[Published, Lines] | None:
        """The findings of ``uri`` if they were computed on the editor's current text."""
        document = self.documents.get(uri)
        if document is None:
            return None
        try:
            text = self.workspace.get_text_document(uri).source
        except Exception:  # noqa: BLE001
            return None
        if text != document.published.text:
            return None  # positions would be stale: the next publish brings fresh ones
        return document.published, Lines(text, self.encoding())

    def findings_at(self, uri: str, range_: types.Range) -> list[tuple[Finding, Lines]]:
        state = self.current(uri)
        if state is None:
            return []
        published, lines = state
        start = (range_.start.line, range_.start.character)
        end = (range_.end.line, range_.end.character)
        out = []
        for finding in published.findings:
            first, last = lines.range(finding.span)
            if first <= end and start <= last:
                out.append((finding, lines))
        return out

    def workspace_edit(self, uri: str, lines: Lines, edits) -> types.WorkspaceEdit:
        return types.WorkspaceEdit(
            changes={uri: [types.TextEdit(range=self._range(lines, e.span), new_text=e.text) for e in edits]}
        )

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        out: list[types.CodeAction] = []
        text = self.documents[uri].published.text if uri in self.documents else ""
        lesson = not uri.endswith(".po")
        for finding, lines in self.findings_at(uri, params.range):
            diagnostic = [self.diagnostic(lines, finding)]

            def quickfix(title: str, edits=(), command: types.Command | None = None, preferred: bool = False) -> None:
                edit = self.workspace_edit(uri, lines, edits) if edits else None
                out.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=diagnostic,
                        is_preferred=preferred,
                        edit=edit,
                        command=command,
                    )
                )

            for number, fix in enumerate(finding.fixes):
                quickfix(fix.title, fix.edits, preferred=number == 0 and (fix.safe or len(finding.fixes) == 1))
            if finding.code == "CL401" and finding.word:
                word = finding.word
                quickfix(
                    _("Ajouter « {word} » à la liste de mots du projet").format(word=word),
                    command=types.Command(title=_("Ajouter le mot"), command=ADD_WORD, arguments=[uri, word]),
                )
                edit = actions.add_lesson_word(text, word)
                if edit is not None:
                    quickfix(_("Ajouter « {word} » aux spelling_words de cette leçon").format(word=word), [edit])
            if lesson:
                edit = actions.disable_next_line(text, finding.line, finding.code)
                title = _("Désactiver {code} pour la ligne suivante")
            else:
                edit = actions.ignore_in_catalog(text, finding.line, finding.code)
                title = _("Désactiver {code} pour cette entrée (commentaire du traducteur)")
            if edit is not None:
                quickfix(title.format(code=finding.code), [edit])
        fix_all = self.fix_all(uri)
        if fix_all is not None:
            out.append(fix_all)
        return out

    def fix_all(self, uri: str) -> types.CodeAction | None:
        state = self.current(uri)
        if state is None:
            return None
        published, lines = state
        chosen = chosen_fixes(published.fast)  # a chapter finding's fix is the author's choice of which lesson moves
        if not chosen:
            return None
        edits = [edit for _finding, fix in chosen for edit in fix.edits]
        return types.CodeAction(
            title=agree(
                "Corriger le problème sûr de ce fichier ({count})",
                "Corriger les problèmes sûrs de ce fichier ({count})",
                len(chosen),
            ),
            kind=FIX_ALL_KIND,
            edit=self.workspace_edit(uri, lines, edits),
        )

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        point = types.Range(params.position, params.position)
        parts = []
        for finding, _lines in self.findings_at(uri, point):
            entry = CODES.get(finding.code)
            explanation = _(entry.explanation) if entry else ""
            parts.append(f"**{finding.code}** `{finding.rule}` — {finding.message}\n\n{explanation}")
        step = self.step_section(uri, params.position)
        if step:
            parts.append(step)
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))

    def step_section(self, uri: str, position: types.Position) -> str | None:
        """On a timeline entry: the step section it announces, as written."""
        if uri.endswith(".po"):
            return None
        from courselint.course import analyse
        from courselint.document import parse

        try:
            text = self.workspace.get_text_document(uri).source
            lesson = parse(to_fs_path(uri) or uri, text.encode("utf-8", "surrogatepass"))
            course = analyse(lesson)
        except Exception:  # noqa: BLE001 - a hover never fails loudly
            return None
        if course.timeline is None:
            return None
        line = Lines(text, self.encoding()).column(position.line, position.character)[0]
        item = next((i for i in course.timeline.items if i.line == line), None)
        if item is None or item.year is None:
            return None
        step = next((s for s in course.steps if s.year == item.year), None)
        if step is None:
            return _("Aucune section d'étape `## {year} : …` pour cette entrée.").format(year=item.year)
        body = "\n".join(lesson.index.line_text(n) for n in range(step.line, min(step.end_line, step.line + 12) + 1))
        heading = _("Section d'étape, ligne {line} :").format(line=step.line)
        return f"{heading}\n\n```markdown\n{body}\n```"


def settle() -> None:
    """Once a project's engines are loaded: keep the collector off what lives as long as the server.

    The dictionaries and modules are hundreds of thousands of objects; every full
    collection (a parse allocates enough to trigger one every few keystrokes)
    traversed them all, a 100 ms pause in the middle of a check.  Frozen, they
    are still freed by reference counting; what is frozen is never scanned again.
    """
    gc.collect()
    gc.freeze()


def make_server() -> CourselintServer:
    server = CourselintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: CourselintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and options.get(docs.OPTION):
            ls.documentation = docs.documentation_base(options[docs.OPTION])

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CourselintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CourselintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CourselintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CourselintServer, params: types.DidCloseTextDocumentParams) -> None:
        document = ls.documents.pop(params.text_document.uri, None)
        if document is not None:
            document.generation += 1  # a running pass stops at its next rule
            ls.projects.interrupt_grammar()
            for task in (document.task, document.grammar_task):
                if task is not None:
                    task.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(ls: CourselintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CourselintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    @server.command(ADD_WORD)
    def add_word(ls: CourselintServer, uri: str, word: str) -> None:
        from courselint.spell.wordlist import add_word as write_word

        path = Path(to_fs_path(uri) or uri)
        try:
            project = ls.projects.for_path(path)
            write_word(project.config.words_file, word)
        except (ConfigError, ValueError, OSError) as exc:
            message = _("courselint : {error}").format(error=exc)
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))
            return
        ls.projects.forget(project)  # the dictionary must learn the word
        for open_uri in list(ls.documents):
            ls.schedule(open_uri, delay=0)

    return server


def serve() -> None:
    from courselint.markdown import remember_sections, silence_rule_logging

    # As for ``check``: markdown-it's per-rule debug calls are a tenth of each
    # keystroke's parse, for messages nobody reads.
    silence_rule_logging()
    # Edit after edit of one lesson: only the section that changed is parsed again.
    remember_sections()
    make_server().start_io()
