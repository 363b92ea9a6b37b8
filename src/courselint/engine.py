"""Run the selected rules over files: discover, parse, check, filter, sort.

One flow for every run: tasks (a lesson, a chapter folder, a catalog) go to an
executor, which is this process for a small run and a pool of worker processes
for a big one (:data:`PARALLEL_THRESHOLD`).  Each worker keeps its engines (the
Hunspell dictionary, a Grammalecte child) for the whole run.  A lesson task reads
its file once: the bytes give the cache key and, on a miss, the lesson to check.
Findings of a lesson are cached by the file's content, the configuration and the
versions of everything that can change them.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from courselint import __version__, codes, messages
from courselint.config import PARALLEL_THRESHOLD, Config
from courselint.document import is_generated_translation, parse
from courselint.fileio import read_regular, resolved, write_cache_entry
from courselint.findings import Finding, Severity, Span
from courselint.messages import _
from courselint.rules import RULES
from courselint.rules.base import Context
from courselint.rules.grammar import ALONGSIDE_CODES, check_alongside, warm_up
from courselint.selection import Selection, UsageError
from courselint.suppress import apply, parse_suppressions

__all__ = ["PARALLEL_THRESHOLD", "Cache", "RunResult", "Selection", "UsageError", "discover", "run"]

CACHE_FORMAT = "2"


# --------------------------------------------------------------------------- discovery



def matches(relative: str, patterns) -> bool:
    """Whether a project-relative path matches a glob; ``**/NAME`` also matches ``NAME`` at the top."""
    for pattern in patterns:
        if fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:]):
            return True
    return False


def discover(
    paths: list[Path], config: Config, unreadable: list[tuple[Path, OSError]] | None = None
) -> tuple[list[Path], list[Path]]:
    """Lessons (``*.md``) and catalogs (``*.po``) under the given paths, sorted.

    A folder that cannot be listed goes to ``unreadable`` (a check reports it:
    skipping it silently would print « Aucun problème » over unchecked lessons).
    Links to folders are not followed (``os.walk``'s default): no loop, no
    walk out of the project.
    """
    lessons: set[Path] = set()
    catalogs: set[Path] = set()
    locales = config["locales"]
    excludes = config["exclude"]
    not_lessons = config["not_lessons"]

    def relative(path: Path) -> str:
        try:
            return resolved(path).relative_to(config.root).as_posix()
        except ValueError:
            return path.as_posix()

    def excluded(path: Path) -> bool:
        if not excludes:
            return False  # spare a resolve() (several system calls) per file
        return matches(relative(path), excludes)

    def consider(path: Path, explicit: bool) -> None:
        if path.suffix == ".md":
            if is_generated_translation(path, locales) or (not explicit and excluded(path)):
                return
            # An author's notes are never lessons, even when pre-commit names them.
            if not_lessons and matches(relative(path), not_lessons):
                return
            lessons.add(path)
        elif path.suffix == ".po" and (explicit or not excluded(path)):
            catalogs.add(path)

    for given in paths:
        if given.is_dir():
            def failed(exc: OSError) -> None:
                if unreadable is not None:
                    unreadable.append((Path(exc.filename or given), exc))

            for root, dirs, files in os.walk(given, onerror=failed):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    consider(Path(root) / name, explicit=False)
        elif given.exists() or given.is_symlink():
            consider(given, explicit=True)
        else:
            raise UsageError(_("chemin introuvable : {path}").format(path=given))
    return sorted(lessons), sorted(catalogs)


# --------------------------------------------------------------------------- per file


def _apply_severity(findings: list[Finding], config: Config) -> list[Finding]:
    overrides = config["severity"]
    if not overrides:
        return findings
    out = []
    for finding in findings:
        best = ""
        for prefix in overrides:
            if finding.code.startswith(prefix) and len(prefix) > len(best):
                best = prefix
        out.append(finding.with_severity(Severity(overrides[best])) if best else finding)
    return out


def _lesson_rules() -> list:
    """The lesson rules, those of the grammar engine last: their pass runs alongside
    the others (check_alongside), which would otherwise wait for it."""
    return sorted((rule for rule in RULES.values() if rule.scope == "lesson"), key=lambda rule: rule.code in ALONGSIDE_CODES)


def check_lesson_source(path: str, data: bytes, config: Config, ctx, selection: Selection) -> list[Finding]:
    """All lesson-scope findings for one file's bytes (suppressions applied)."""
    lesson = parse(
        path, data, text_keys=tuple(config.section("frontmatter")["text_keys"]), shortcodes=config.shortcodes,
        raw_html=config.raw_html,
    )
    # Problems met while reading (CL0xx) are findings of the catalog, no rule needed.
    findings = [f for f in lesson.problems if selection.enabled(f.code, f.rule)]
    if lesson.text or not lesson.problems:  # nothing to check in a file we could not read
        check_alongside(lesson, ctx, selection)  # the grammar engine works while the other rules run
        for rule in _lesson_rules():
            if selection.enabled(rule.code, rule.name):
                findings.extend(rule.check(lesson, ctx))
    findings = apply(findings, parse_suppressions(lesson.text))
    if lesson.metadata.get("draft") is True:
        quiet = Selection(ignore=tuple(config.section("drafts")["ignore"]))
        findings = [f for f in findings if quiet.enabled(f.code, f.rule)]
    return _apply_severity(findings, config)


def _unreadable(path: Path, exc: OSError) -> Finding:
    reason = exc.strerror or exc.__class__.__name__
    return codes.finding("CL001", str(path), Span.point(1), _("fichier illisible : {reason}").format(reason=reason))


# --------------------------------------------------------------------------- tasks
#
# The same task functions run in this process or in a worker: ``_start`` sets the
# state they read, once per process.

_TASK: dict = {}


def _start(config: Config, selection: Selection, salt: str | None, engines: dict | None) -> None:
    _TASK.clear()
    cache = Cache(config, salt) if salt is not None else None
    ctx = Context(config, dict(engines or {}))
    ctx.cache_folder = cache.folder if cache is not None else None
    ctx.grammar_alongside = True  # rules/grammar.py's check_alongside
    _TASK.update(config=config, selection=selection, cache=cache, ctx=ctx)


def _lesson_task(path: str) -> tuple[str, list[Finding], list[Finding], bool]:
    """(path, findings, run findings, served from the cache) of one lesson, its file read once."""
    config, selection, cache, ctx = _TASK["config"], _TASK["selection"], _TASK["cache"], _TASK["ctx"]
    try:
        data = read_regular(path, config.root)
    except OSError as exc:
        return path, [_unreadable(Path(path), exc)], list(ctx.run_findings), False
    key = cache.key(Path(path), data) if cache is not None else None
    cached = cache.get(key) if key else None
    if cached is not None:
        return path, cached, list(ctx.run_findings), True
    # Grammalecte loads on another core while this lesson is parsed and spell-checked.
    warm_up(ctx, selection)
    findings = check_lesson_source(path, data, config, ctx, selection)
    # A process whose engine could not start checked this file without it:
    # caching would keep the gap after the engine is installed.
    if key and not ctx.run_findings:
        cache.put(key, findings)
    return path, findings, list(ctx.run_findings), False


def _lessons_task(paths: list[str]) -> list[tuple[str, list[Finding], list[Finding], bool]]:
    return [_lesson_task(path) for path in paths]


def _chunks(paths: list[str], jobs: int, largest: int = 16) -> list[list[str]]:
    """The lessons in the order given, cut into chunks for the workers, largest first.

    Neighbouring lessons (a chapter, its words) stay together in a chunk; the last
    chunks shrink down to one lesson, so that the workers finish together instead
    of one waiting for the other's last big chunk.
    """
    chunks, start = [], 0
    while start < len(paths):
        size = max(1, min(largest, (len(paths) - start) // (jobs * 2)))
        chunks.append(paths[start : start + size])
        start += size
    return chunks


def _folder_task(task: tuple[str, list[str]]) -> list[Finding]:
    folder, checked = task
    return _folder_findings(Path(folder), {Path(p) for p in checked}, _TASK["config"], _TASK["selection"], _TASK["ctx"])


def _catalog_task(path: str) -> list[Finding]:
    return _catalog_findings([Path(path)], _TASK["config"], _TASK["selection"], _TASK["ctx"])


class _InProcess:
    """An executor that runs the tasks here, in order: a small run does not pay for workers."""

    def __init__(self, initializer, initargs) -> None:
        initializer(*initargs)

    def map(self, function, items, chunksize: int = 1):
        return map(function, items)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        _TASK.clear()


# --------------------------------------------------------------------------- cache


def _no_constant(name: str):
    raise ValueError(f"{name} in a cache entry")


class Cache:
    """Findings of one lesson file, keyed by everything that can change them."""

    def __init__(self, config: Config, salt: str) -> None:
        self.folder = config.root / config["cache_dir"]
        self.salt = salt

    def key(self, path: Path, data: bytes) -> str:
        digest = hashlib.sha256()
        digest.update(self.salt.encode())
        digest.update(str(path).encode())
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> list[Finding] | None:
        try:
            raw = read_regular(self.folder / key[:2] / f"{key}.json").decode("utf-8")
            items = json.loads(raw, parse_constant=_no_constant)
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                return None  # `{}` or a string: a damaged entry, not "no findings"
            return [Finding.from_dict(item) for item in items]
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None  # a damaged entry only costs a new check

    def put(self, key: str, findings: list[Finding]) -> None:
        text = json.dumps([f.to_dict() for f in findings])
        write_cache_entry(self.folder, self.folder / key[:2] / f"{key}.json", text)


#: The package's files whose change can change findings (code, word lists, dictionaries,
#: the spelling tables): their sizes and times are part of the cache's salt.
PACKAGE_SUFFIXES = (".py", ".txt", ".dic", ".aff", ".crc32", ".blake2b", ".marisa", ".u16")


def cache_salt(config: Config, selection: Selection) -> str:
    """Version of everything besides the file that changes its findings."""
    parts = [CACHE_FORMAT, __version__, config.fingerprint(), repr(selection), messages.language()]
    words = config.words_file
    try:
        parts.append(hashlib.sha256(read_regular(words)).hexdigest())
    except OSError:
        parts.append("no-words-file")
    # The package's own files (rules, word lists, dictionaries): an edited checkout
    # or a reinstall must not serve findings made by older code.
    package = Path(__file__).parent
    for item in sorted(package.rglob("*")):
        if item.suffix in PACKAGE_SUFFIXES and "__pycache__" not in item.parts:
            stat = item.stat()
            parts.append(f"{item.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


# --------------------------------------------------------------------------- the run


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    #: Every lesson and catalog checked, as given (for the baseline's "files checked").
    files: list[str] = field(default_factory=list)
    lessons: int = 0
    catalogs: int = 0
    cached: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def run(
    paths: list[Path],
    config: Config,
    selection: Selection,
    *,
    jobs: int = 0,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
    engines: dict | None = None,
) -> RunResult:
    """Check ``paths``; ``engines`` are engines already started (by name, see
    ``Context.shared``) for a run made in this process."""
    selection.validate((code.code, code.name) for code in codes.CODES.values())
    unreadable: list[tuple[Path, OSError]] = []
    lessons, catalogs = discover(paths, config, unreadable)
    result = RunResult(files=[str(p) for p in (*lessons, *catalogs)], lessons=len(lessons), catalogs=len(catalogs))
    salt = cache_salt(config, selection) if use_cache and config["cache"] else None
    # More workers than cores only adds memory (each loads its dictionaries):
    # a repository's `jobs = 48` must not start 48 of them on 2 cores.
    cores = _cores()
    jobs = min(jobs or config["jobs"] or cores, cores)
    parallel = len(lessons) >= PARALLEL_THRESHOLD and jobs > 1
    if parallel:
        from concurrent.futures import ProcessPoolExecutor  # only big runs pay for it

        from courselint.spell import preload

        preload.before_workers(config, selection)  # they find the dictionary loaded, if they need it
        executor = ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(config, selection, salt, None))
    else:
        executor = _InProcess(_start, (config, selection, salt, engines))
    chunksize = max(1, min(16, len(lessons) // (jobs * 4))) if parallel else 1
    findings: list[Finding] = [
        _unreadable(folder, exc) for folder, exc in unreadable if selection.enabled("CL001", "input.unreadable")
    ]
    run_findings: dict[tuple, Finding] = {}
    with executor:
        # The chapter tasks (a few front matters per folder) go first: the workers
        # take them before the lessons, instead of in a round of their own at the end.
        folders = executor.map(_folder_task, _chapter_tasks(lessons, selection))
        chunks = _chunks([str(p) for p in lessons], jobs) if parallel else [[str(p)] for p in lessons]
        results = (result for chunk in executor.map(_lessons_task, chunks) for result in chunk)
        for done, (_path, items, run_items, cached) in enumerate(results, start=1):
            findings.extend(items)
            result.cached += cached
            for finding in run_items:
                run_findings[(finding.code, finding.message)] = finding
            if progress:
                progress(done, len(lessons))
        findings.extend(f for items in folders for f in items)
        if catalogs and any(r.scope == "catalog" and selection.enabled(r.code, r.name) for r in RULES.values()):
            tasks = [str(p) for p in catalogs]
            findings.extend(f for items in executor.map(_catalog_task, tasks, chunksize=chunksize) for f in items)
    selected_run = [f for f in run_findings.values() if selection.enabled(f.code, f.rule)]
    findings.extend(_apply_severity(selected_run, config))
    result.findings = sorted(set(findings), key=Finding.sort_key)
    return result


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _chapter_rules(selection: Selection) -> list:
    return [r for r in RULES.values() if r.scope == "chapter" and selection.enabled(r.code, r.name)]


def _chapter_tasks(lessons: list[Path], selection: Selection) -> list[tuple[str, list[str]]]:
    """(folder, its checked lessons) for the chapter rules, folder by folder."""
    if not lessons or not _chapter_rules(selection):
        return []
    checked: dict[Path, set[Path]] = {}
    for path in lessons:
        real = resolved(path)
        checked.setdefault(real.parent, set()).add(real)
    return [(str(folder), sorted(str(p) for p in checked[folder])) for folder in sorted(checked)]


def _folder_findings(folder: Path, checked: set[Path], config: Config, selection: Selection, ctx) -> list[Finding]:
    """Chapter findings of one folder; ``checked`` are its lessons being checked (resolved)."""
    findings: list[Finding] = []
    for rule in _chapter_rules(selection):
        findings.extend(rule.check(folder, checked, ctx))
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    out: list[Finding] = []
    for path, items in by_path.items():
        try:
            text = read_regular(path, config.root).decode("utf-8", errors="replace")
        except OSError:
            text = ""
        out.extend(apply(items, parse_suppressions(text)))
    return _apply_severity(out, config)


def _catalog_findings(catalogs: list[Path], config: Config, selection: Selection, ctx) -> list[Finding]:
    rules = [r for r in RULES.values() if r.scope == "catalog" and selection.enabled(r.code, r.name)]
    findings: list[Finding] = []
    for path in catalogs:
        for rule in rules:
            findings.extend(rule.check(path, ctx))
    return _apply_severity(findings, config)
