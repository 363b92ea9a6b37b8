"""CL5xx: grammar and typography, from Grammalecte or LanguageTool; CL901 when no engine runs.

Configured in ``[tool.courselint.grammar]``: ``engine = "grammalecte"`` or
``"languagetool"`` (none by default), ``typography = true`` to also report
typographic rules (apostrophes, non-breaking spaces, spaces…), ``python`` (the
interpreter that imports Grammalecte), ``server`` (a LanguageTool server),
``disabled_rules`` (engine rule identifiers to ignore).

Each prose block is checked on its masked prose, so code, URLs and shortcodes are
never read; inline code and bare addresses read as one neutral word.  Spelling
issues the engines report are dropped: Hunspell owns spelling (CL4xx).

The engine starts once per process, on the first lesson that needs it (Grammalecte's
child is started before that lesson is parsed, see :func:`warm_up`).  Its answers
are kept per paragraph in the cache folder (``grammar/cache.py``): a lesson sends
only the paragraphs the cache does not know.  When the engine cannot start (or
dies), the run gets one CL901 finding and grammar is skipped; the other checks go on.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from courselint import __version__, codes
from courselint.findings import Finding, Severity, Span
from courselint.grammar import DEFAULT_PYTHON
from courselint.grammar.base import EngineIssue, EngineUnavailable, ProseEngine
from courselint.grammar.cache import ParagraphCache, settings_salt
from courselint.messages import _
from courselint.rules.base import RULES, rule
from courselint.selection import Selection

GRAMMALECTE_CODE = "CL501"
TYPOGRAPHY_CODE = "CL502"
LANGUAGETOOL_CODE = "CL503"
UNAVAILABLE_CODE = "CL901"
#: The codes of the engine's pass, which runs alongside the other rules (check_alongside).
ALONGSIDE_CODES = frozenset({GRAMMALECTE_CODE, TYPOGRAPHY_CODE, LANGUAGETOOL_CODE})

#: Blocks that are sentences (alt text of images is a label, not prose to correct).
GRAMMAR_KINDS = frozenset({
    "heading", "paragraph", "list_item", "quote", "table_cell", "front_matter_value", "term", "shortcode_param", "html",
})

ENGINE_LABELS = {"grammalecte": "Grammalecte", "languagetool": "LanguageTool"}
MAX_SUGGESTIONS = 3
_FLAGGED_WIDTH = 60

DEFAULTS: dict = {
    "engine": None,
    "typography": False,
    "server": None,
    "python": DEFAULT_PYTHON,
    "language": "fr",
    "disabled_rules": [],
}


# --------------------------------------------------------------------------- rules


# One engine pass gives the findings of the three codes: each rule keeps its own.


@rule(GRAMMALECTE_CODE)
def grammar_grammalecte(lesson, ctx, report) -> list[Finding]:
    """Grammalecte's grammar findings."""
    return [f for f in _lesson_findings(lesson, ctx) if f.code == report.code.code]


@rule(TYPOGRAPHY_CODE)
def grammar_typography(lesson, ctx, report) -> list[Finding]:
    """Typographic findings of either engine, when ``grammar.typography`` is on."""
    return [f for f in _lesson_findings(lesson, ctx) if f.code == report.code.code]


@rule(LANGUAGETOOL_CODE)
def grammar_languagetool(lesson, ctx, report) -> list[Finding]:
    """LanguageTool's grammar findings."""
    return [f for f in _lesson_findings(lesson, ctx) if f.code == report.code.code]


# --------------------------------------------------------------------------- public helpers


def open_engine(config: Mapping, wait: bool = True) -> ProseEngine | None:
    """The configured engine, started; ``None`` when no engine is configured.

    Raises :class:`EngineUnavailable` when the engine cannot start.  With
    ``wait=False`` Grammalecte's child is started without waiting for it to load:
    a failure to load then comes from its first check.
    """
    settings = {**DEFAULTS, **config}
    name = settings["engine"]
    if name is None:
        return None
    if name == "grammalecte":
        from courselint.grammar.grammalecte import GrammalecteEngine

        timeout = float(settings.get("timeout", 120))
        return GrammalecteEngine(
            settings["python"],
            typography=bool(settings["typography"]),
            request_timeout=timeout,
            lesson_timeout=timeout,
            wait=wait,
        )
    if name == "languagetool":
        from courselint.grammar.languagetool import LanguageToolEngine

        return LanguageToolEngine(settings["server"], settings["language"], timeout=float(settings.get("timeout", 120)))
    raise EngineUnavailable(_("moteur de grammaire inconnu : {name!r} (attendu : grammalecte, languagetool)").format(name=name))


def check_grammar(lesson, config: Mapping, engine, cache: ParagraphCache | None = None) -> Iterator[Finding]:
    """CL501/CL502/CL503 findings of one lesson.

    ``config`` is the ``[tool.courselint.grammar]`` section as a dict.  ``engine`` is
    a started :class:`ProseEngine`, or a function that starts it: with a ``cache``,
    the engine is only started when a unit of prose is not in the cache.  Raises
    :class:`EngineUnavailable` if the engine stops on the way.
    """
    settings = {**DEFAULTS, **config}
    typography = bool(settings["typography"])
    disabled = frozenset(settings["disabled_rules"] or ())
    name = settings["engine"] or getattr(engine, "name", "")
    label = ENGINE_LABELS.get(name, name)
    grammar_code = LANGUAGETOOL_CODE if name == "languagetool" else GRAMMALECTE_CODE
    blocks = [block for block in lesson.blocks if block.kind in GRAMMAR_KINDS and block.prose.strip()]
    units = [(block.prose, block.raw) for block in blocks]
    for block, issues in zip(blocks, unit_issues(units, engine, cache)):
        for issue in issues:
            if issue.category == "spelling" or issue.rule_id in disabled:
                continue
            if issue.category == "typography" and not typography:
                continue
            code = TYPOGRAPHY_CODE if issue.category == "typography" else grammar_code
            yield _finding(lesson.path, block, issue, code, label)


def unit_issues(units, engine, cache: ParagraphCache | None = None) -> list[list[EngineIssue]]:
    """The engine's issues of each ``(text, raw)`` unit; those the cache knows are not sent.

    ``engine`` is a :class:`ProseEngine` or a function returning one (called only
    when some unit is missing from the cache).
    """
    units = list(units)
    found: list[list[EngineIssue] | None] = [None] * len(units)
    keys: list[str] = []
    if cache is not None:
        keys = [cache.key(text, raw) for text, raw in units]
        found = [cache.get(key, len(text)) for key, (text, _raw) in zip(keys, units)]
    # A unit met twice (a title repeated as the first heading) is sent once.
    missing: dict[tuple[str, str | None], list[int]] = {}
    for i, issues in enumerate(found):
        if issues is None:
            missing.setdefault(units[i], []).append(i)
    if missing:
        if not callable(getattr(engine, "check_many", None)):
            engine = engine()
        answers = engine.check_many(list(missing))
        for places, issues in zip(missing.values(), answers):
            for i in places:
                found[i] = issues
            if cache is not None:
                cache.put(keys[places[0]], issues)
    return found  # type: ignore[return-value]  (every unit has its issues now)


def engine_unavailable_finding(path: str, error: Exception | str, *, explicit: bool = True, line: int = 1) -> Finding:
    """The CL901 finding: an error when the engine was asked for, information otherwise."""
    finding = codes.finding(
        UNAVAILABLE_CODE,
        path,
        Span.point(line),
        _("Moteur de vérification indisponible — {error} ; la grammaire n'est pas vérifiée").format(error=error),
    )
    return finding.with_severity(Severity.ERROR if explicit else Severity.INFO)


# --------------------------------------------------------------------------- internals


def _finding(path: str, block, issue: EngineIssue, code: str, label: str) -> Finding:
    where = block.span(issue.start, issue.end)
    if (where.end_line, where.end_column) <= (where.line, where.column):
        where = Span.point(where.line, where.column)
    flagged = block.raw[issue.start : issue.end].replace("\n", " ")
    if len(flagged) > _FLAGGED_WIDTH:
        flagged = flagged[: _FLAGGED_WIDTH - 1] + "…"
    source = _("Typographie ({engine})").format(engine=label) if code == TYPOGRAPHY_CODE else label
    message = _("{engine} : « {flagged} » — {message}").format(
        engine=source, flagged=flagged, message=issue.message or issue.rule_id
    )
    return codes.finding(
        code,
        path,
        where,
        message,
        word=flagged,
        suggestions=tuple(issue.suggestions[:MAX_SUGGESTIONS]),
    )


def _lesson_findings(lesson, ctx) -> list[Finding]:
    """All grammar findings of a lesson, computed once for the three rules that share them."""
    memo = getattr(ctx, "grammar_memo", None)
    if memo is not None and memo[0] is lesson:
        if isinstance(memo[1], _Alongside):
            ctx.grammar_memo = (lesson, memo[1].result())
        return ctx.grammar_memo[1]
    findings = _check_lesson(lesson, ctx)
    ctx.grammar_memo = (lesson, findings)
    return findings


def check_alongside(lesson, ctx, selection: Selection) -> None:
    """Start the lesson's grammar pass on a thread, before the other rules run.

    The engine does the work in its own process (Grammalecte's child, on another
    core; LanguageTool's server): this thread only writes paragraphs and waits on
    a pipe, so the spelling pass and the other rules run meanwhile instead of
    first.  The grammar rules wait for it.  Only in runs that ask for it
    (``ctx.grammar_alongside``: the command line's); the language server runs
    its grammar pass apart, one it can stop.
    """
    if not getattr(ctx, "grammar_alongside", False):
        return
    if ctx.config.section("grammar").get("engine") is None:
        return
    if not any(selection.enabled(code, RULES[code].name) for code in sorted(ALONGSIDE_CODES)):
        return
    memo = getattr(ctx, "grammar_memo", None)
    if memo is not None and isinstance(memo[1], _Alongside):
        memo[1].result()  # one pass at a time on the engine: the last lesson's first
    ctx.grammar_memo = (lesson, _Alongside(lesson, ctx))


class _Alongside:
    """A lesson's grammar pass running on a thread; :meth:`result` waits for its findings."""

    def __init__(self, lesson, ctx) -> None:
        self._outcome: dict = {}
        self._thread = threading.Thread(target=self._run, args=(lesson, ctx), name="courselint-grammar", daemon=True)
        self._thread.start()

    def _run(self, lesson, ctx) -> None:
        try:
            self._outcome["findings"] = _check_lesson(lesson, ctx)
        except BaseException as error:  # noqa: BLE001 - raised again in the rule's thread
            self._outcome["error"] = error

    def result(self) -> list[Finding]:
        self._thread.join()
        if "error" in self._outcome:
            raise self._outcome["error"]
        return self._outcome["findings"]


def _check_lesson(lesson, ctx) -> list[Finding]:
    settings = dict(ctx.config.section("grammar"))
    if settings.get("engine") is None or getattr(ctx, "grammar_failure", None) is not None:
        return []
    key = engine_key(settings)

    def started() -> ProseEngine:
        # Only when a paragraph is not in the cache: a lesson whose prose is all known never starts it.
        engine = ctx.shared(key, lambda: _open_or_error(settings))
        if isinstance(engine, EngineUnavailable):
            raise _NotStarted(engine)
        return engine

    try:
        return list(check_grammar(lesson, settings, started, _paragraph_cache(ctx, key, settings)))
    except _NotStarted as failure:
        _report_unavailable(lesson, ctx, failure.error)
        return []
    except EngineUnavailable as error:
        engine = ctx.engines.get(key)
        if engine is not None and not isinstance(engine, EngineUnavailable):
            engine.close()
        ctx.grammar_failure = error  # the rest of the run skips grammar instead of retrying
        _report_unavailable(lesson, ctx, error)
        return []


def engine_key(settings: Mapping) -> str:
    """The name (``Context.shared``) of the engine these ``[grammar]`` settings open.

    Public so that a program may put its own engine there (the language server's
    cancellable one) before the rules run.
    """
    return "grammar." + "|".join(
        str(settings.get(k)) for k in ("engine", "python", "server", "language", "typography")
    )


class _NotStarted(Exception):
    """The engine could not start (kept in ``ctx.engines``: each lesson reports it, once for the run)."""

    def __init__(self, error: EngineUnavailable) -> None:
        super().__init__(str(error))
        self.error = error


def _paragraph_cache(ctx, key: str, settings: Mapping) -> ParagraphCache:
    """The process's paragraph cache (see grammar/cache.py): on disk too when the run uses its cache."""
    folder = ctx.cache_folder
    name = f"{key}.cache.{folder}"
    return ctx.shared(name, lambda: ParagraphCache(folder, settings_salt(settings, __version__)))


def _open_or_error(settings: Mapping, wait: bool = True) -> ProseEngine | EngineUnavailable:
    try:
        return open_engine(settings, wait)
    except EngineUnavailable as error:
        return error


def warm_up(ctx, selection: Selection) -> None:
    """Start Grammalecte's child now, when the run's grammar rules will want it.

    Called before a lesson missing from the lesson cache is parsed: the child loads
    Grammalecte (about 0.3 s, on another core) while this process parses the lesson
    and runs the rules before grammar.  If every paragraph of the run turns out to
    be in the paragraph cache, the child is killed unused.
    """
    settings = _grammalecte_wanted(ctx.config, selection)
    if settings is not None:
        ctx.shared(engine_key(settings), lambda: _open_or_error(settings, wait=False))


def start_early(config, selection: Selection) -> dict:
    """The engines to start before the run, by name (``Context.shared``).

    For a check of a few lessons run in this process (what pre-commit runs): the
    Grammalecte child is started as soon as the configuration is read, so it loads
    while this process imports the rest of the engine and parses the lesson
    (50 ms of the 0.2 s the child takes, the rest as before).  Killed unused if
    every paragraph is in the cache.
    """
    settings = _grammalecte_wanted(config, selection)
    if settings is None:
        return {}
    return {engine_key(settings): _open_or_error(settings, wait=False)}


def _grammalecte_wanted(config, selection: Selection) -> dict | None:
    """The ``[grammar]`` settings when the run's rules will ask Grammalecte, else None."""
    settings = dict(config.section("grammar"))
    if settings.get("engine") != "grammalecte":
        return None
    if not any(selection.enabled(code, RULES[code].name) for code in (GRAMMALECTE_CODE, TYPOGRAPHY_CODE)):
        return None
    return settings


def _report_unavailable(lesson, ctx, error: EngineUnavailable) -> None:
    if getattr(ctx, "grammar_reported", False):
        return
    ctx.grammar_reported = True
    config = ctx.config
    explicit = config.is_explicit("grammar", "engine") if hasattr(config, "is_explicit") else True
    source = getattr(config, "source", None)
    path, line = (str(source), _engine_line(Path(source))) if source else (lesson.path, 1)
    finding = engine_unavailable_finding(path, error, explicit=explicit, line=line)
    if hasattr(ctx, "report_once"):
        ctx.report_once(finding)
    else:
        ctx.run_findings = [*getattr(ctx, "run_findings", []), finding]


def _engine_line(config_file: Path) -> int:
    """Line of ``engine = …`` in the grammar table of the configuration file (1 if not found)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    in_table = False
    for number, text in enumerate(lines, start=1):
        stripped = text.strip()
        if stripped.startswith("["):
            in_table = stripped in ("[grammar]", "[tool.courselint.grammar]")
        elif in_table and re.match(r"engine\s*=", stripped):
            return number
    return 1
