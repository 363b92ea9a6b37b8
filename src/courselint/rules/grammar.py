"""CL5xx: grammar and typography, from Grammalecte or LanguageTool; CL901 when no engine runs.

Configured in ``[tool.courselint.grammar]``: ``engine = "grammalecte"`` or
``"languagetool"`` (none by default), ``typography = true`` to also report
typographic rules (apostrophes, non-breaking spaces, spaces…), ``python`` (the
interpreter that imports Grammalecte), ``server`` (a LanguageTool server),
``disabled_rules`` (engine rule identifiers to ignore).

Each prose block is checked on its masked prose, so code, URLs and shortcodes are
never read; inline code and bare addresses read as one neutral word.  Spelling
issues the engines report are dropped: Hunspell owns spelling (CL4xx).

The engine starts once per process, on the first lesson that needs it.  When it
cannot start (or dies), the run gets one CL901 finding and grammar is skipped;
the other checks go on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from courselint import codes
from courselint.findings import Finding, Severity, Span
from courselint.rules.base import rule
from courselint.grammar import DEFAULT_PYTHON
from courselint.grammar.base import EngineIssue, EngineUnavailable, ProseEngine

GRAMMALECTE_CODE = "CL501"
TYPOGRAPHY_CODE = "CL502"
LANGUAGETOOL_CODE = "CL503"
UNAVAILABLE_CODE = "CL901"

#: Blocks that are sentences (alt text of images is a label, not prose to correct).
GRAMMAR_KINDS = frozenset({"heading", "paragraph", "list_item", "quote", "table_cell", "front_matter_value"})

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


def open_engine(config: Mapping) -> ProseEngine | None:
    """The configured engine, started; ``None`` when no engine is configured.

    Raises :class:`EngineUnavailable` when the engine cannot start.
    """
    settings = {**DEFAULTS, **config}
    name = settings["engine"]
    if name is None:
        return None
    if name == "grammalecte":
        from courselint.grammar.grammalecte import GrammalecteEngine

        timeout = float(settings.get("timeout", 120))
        return GrammalecteEngine(
            settings["python"], typography=bool(settings["typography"]), request_timeout=timeout, lesson_timeout=timeout
        )
    if name == "languagetool":
        from courselint.grammar.languagetool import LanguageToolEngine

        return LanguageToolEngine(settings["server"], settings["language"], timeout=float(settings.get("timeout", 120)))
    raise EngineUnavailable(f"moteur de grammaire inconnu : {name!r} (attendu : grammalecte, languagetool)")


def check_grammar(lesson, config: Mapping, engine: ProseEngine) -> Iterator[Finding]:
    """CL501/CL502/CL503 findings of one lesson.

    ``config`` is the ``[tool.courselint.grammar]`` section as a dict.  Raises
    :class:`EngineUnavailable` if the engine stops on the way.
    """
    settings = {**DEFAULTS, **config}
    typography = bool(settings["typography"])
    disabled = frozenset(settings["disabled_rules"] or ())
    label = ENGINE_LABELS.get(engine.name, engine.name)
    grammar_code = LANGUAGETOOL_CODE if engine.name == "languagetool" else GRAMMALECTE_CODE
    blocks = [block for block in lesson.blocks if block.kind in GRAMMAR_KINDS and block.prose.strip()]
    units = [(block.prose, block.raw) for block in blocks]
    for block, issues in zip(blocks, engine.check_many(units)):
        for issue in issues:
            if issue.category == "spelling" or issue.rule_id in disabled:
                continue
            if issue.category == "typography" and not typography:
                continue
            code = TYPOGRAPHY_CODE if issue.category == "typography" else grammar_code
            yield _finding(lesson.path, block, issue, code, label)


def engine_unavailable_finding(path: str, error: Exception | str, *, explicit: bool = True, line: int = 1) -> Finding:
    """The CL901 finding: an error when the engine was asked for, information otherwise."""
    finding = codes.finding(
        UNAVAILABLE_CODE,
        path,
        Span.point(line),
        f"Moteur de vérification indisponible — {error} ; la grammaire n'est pas vérifiée",
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
    source = f"Typographie ({label})" if code == TYPOGRAPHY_CODE else label
    message = f"{source} : « {flagged} » — {issue.message or issue.rule_id}"
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
        return memo[1]
    findings = _check_lesson(lesson, ctx)
    ctx.grammar_memo = (lesson, findings)
    return findings


def _check_lesson(lesson, ctx) -> list[Finding]:
    settings = dict(ctx.config.section("grammar"))
    if settings.get("engine") is None or getattr(ctx, "grammar_failure", None) is not None:
        return []
    engine = ctx.shared(engine_key(settings), lambda: _open_or_error(settings))
    if isinstance(engine, EngineUnavailable):
        _report_unavailable(lesson, ctx, engine)
        return []
    try:
        return list(check_grammar(lesson, settings, engine))
    except EngineUnavailable as error:
        engine.close()
        ctx.grammar_failure = error  # the rest of the run skips grammar instead of retrying
        _report_unavailable(lesson, ctx, error)
        return []


def engine_key(settings: Mapping) -> str:
    """The name (``Context.shared``) of the engine these ``[grammar]`` settings open.

    Public so that a program may put its own engine there (the language server's
    cancellable one) before the rules run.
    """
    return "grammar." + "|".join(str(settings.get(k)) for k in ("engine", "python", "server", "language", "typography"))


def _open_or_error(settings: Mapping) -> ProseEngine | EngineUnavailable:
    try:
        return open_engine(settings)
    except EngineUnavailable as error:
        return error


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
