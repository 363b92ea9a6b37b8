"""Run the selected rules over files: discover, parse, check, filter, sort.

Per-file work (read, parse, lesson rules, suppressions) runs in worker processes
when there are enough files to pay for them; each worker keeps its engines (the
Hunspell dictionary, a Grammalecte child) for the whole run.  Chapter rules
(cross-file) and catalog rules run in the parent.  Findings of a lesson are
cached by the file's content, the configuration and the versions of everything
that can change them.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from courselint import __version__
from courselint.config import PARALLEL_THRESHOLD, Config
from courselint.document import is_generated_translation
from courselint.findings import Finding, Severity
from courselint.selection import Selection, UsageError

__all__ = ["PARALLEL_THRESHOLD", "Cache", "RunResult", "Selection", "UsageError", "discover", "run"]

CACHE_FORMAT = "1"


# --------------------------------------------------------------------------- discovery



def discover(paths: list[Path], config: Config) -> tuple[list[Path], list[Path]]:
    """Lessons (``*.md``) and catalogs (``*.po``) under the given paths, sorted."""
    lessons: set[Path] = set()
    catalogs: set[Path] = set()
    locales = config["locales"]
    excludes = config["exclude"]

    def excluded(path: Path) -> bool:
        if not excludes:
            return False  # spare a resolve() (several system calls) per file
        try:
            rel = path.resolve().relative_to(config.root).as_posix()
        except ValueError:
            rel = path.as_posix()
        return any(fnmatch.fnmatch(rel, pattern) for pattern in excludes)

    def consider(path: Path, explicit: bool) -> None:
        if path.suffix == ".md":
            if not is_generated_translation(path, locales) and (explicit or not excluded(path)):
                lessons.add(path)
        elif path.suffix == ".po" and (explicit or not excluded(path)):
            catalogs.add(path)

    for given in paths:
        if given.is_dir():
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    consider(Path(root) / name, explicit=False)
        elif given.exists() or given.is_symlink():
            consider(given, explicit=True)
        else:
            raise UsageError(f"chemin introuvable : {given}")
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


def check_lesson_source(path: str, data: bytes, config: Config, ctx, selection: Selection) -> list[Finding]:
    """All lesson-scope findings for one file's bytes (suppressions applied)."""
    from courselint.document import parse
    from courselint.rules import RULES
    from courselint.suppress import apply, parse_suppressions

    lesson = parse(path, data, text_keys=tuple(config.section("frontmatter")["text_keys"]))
    findings: list[Finding] = []
    for rule in RULES.values():
        if rule.scope not in ("input", "lesson") or not selection.enabled(rule.code, rule.name):
            continue
        if rule.scope == "lesson" and not lesson.text and lesson.problems:
            continue  # nothing to check in a file we could not read
        findings.extend(rule.check(lesson, ctx))
    findings = apply(findings, parse_suppressions(lesson.text))
    return _apply_severity(findings, config)


def _read_and_check(path: Path, config: Config, ctx, selection: Selection) -> list[Finding]:
    from courselint.rules.base import make_finding

    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return [make_finding("CL001", str(path), 1, 1, 1, 2, f"fichier illisible : {reason}")]
    return check_lesson_source(str(path), data, config, ctx, selection)


# Worker state: set once per worker process by the pool initializer.
_WORKER: dict = {}


def _init_worker(config: Config, selection: Selection) -> None:
    from courselint.rules.base import Context

    _WORKER["config"] = config
    _WORKER["selection"] = selection
    _WORKER["ctx"] = Context(config)
    _WORKER["catalog_ctx"] = Context(config)  # like the serial path: one context for all catalogs
    _WORKER["chapter_ctx"] = Context(config)


def _worker_check_catalog(path: str) -> list[dict]:
    # Run findings of catalog rules are not reported, as in the serial path.
    config, selection = _WORKER["config"], _WORKER["selection"]
    findings = _catalog_findings([Path(path)], config, selection, _WORKER["catalog_ctx"])
    return [f.to_dict() for f in findings]


def _worker_check_folder(task: tuple[str, list[str]]) -> list[dict]:
    folder, checked = task
    findings = _folder_findings(
        Path(folder), {Path(p) for p in checked}, _WORKER["config"], _WORKER["selection"], _WORKER["chapter_ctx"]
    )
    return [f.to_dict() for f in findings]


def _worker_check(path: str) -> tuple[str, list[dict], list[dict]]:
    ctx = _WORKER["ctx"]
    findings = _read_and_check(Path(path), _WORKER["config"], ctx, _WORKER["selection"])
    run_findings = [f.to_dict() for f in ctx.run_findings]
    return path, [f.to_dict() for f in findings], run_findings


# --------------------------------------------------------------------------- cache


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
            raw = (self.folder / key[:2] / f"{key}.json").read_text(encoding="utf-8")
            return [Finding.from_dict(item) for item in json.loads(raw)]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, findings: list[Finding]) -> None:
        target = self.folder / key[:2] / f"{key}.json"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (self.folder / ".gitignore").exists():
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump([f.to_dict() for f in findings], handle)
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written only costs time


def cache_salt(config: Config, selection: Selection) -> str:
    """Version of everything besides the file that changes its findings."""
    parts = [CACHE_FORMAT, __version__, config.fingerprint(), repr(selection)]
    words = config.words_file
    try:
        parts.append(hashlib.sha256(words.read_bytes()).hexdigest())
    except OSError:
        parts.append("no-words-file")
    # The package's own files (rules, word lists, dictionaries): an edited checkout
    # or a reinstall must not serve findings made by older code.
    package = Path(__file__).parent
    for item in sorted(package.rglob("*")):
        if item.suffix in (".py", ".txt", ".dic", ".aff", ".crc32", ".blake2b") and "__pycache__" not in item.parts:
            stat = item.stat()
            parts.append(f"{item.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


# --------------------------------------------------------------------------- the run


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
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
    """Check ``paths``; ``engines`` are engines already started (by name, see ``Context``)
    for the checks made in this process."""
    from courselint.rules import RULES
    from courselint.rules.base import Context

    selection.validate((r.code, r.name) for r in RULES.values())
    lessons, catalogs = discover(paths, config)
    result = RunResult(lessons=len(lessons), catalogs=len(catalogs))
    cache = Cache(config, cache_salt(config, selection)) if use_cache and config["cache"] else None

    todo: list[tuple[Path, str | None]] = []
    per_file: dict[str, list[Finding]] = {}
    for path in lessons:
        key = None
        if cache is not None:
            try:
                key = cache.key(path, path.read_bytes())
            except OSError:
                key = None
            cached = cache.get(key) if key else None
            if cached is not None:
                per_file[str(path)] = cached
                result.cached += 1
                continue
        todo.append((path, key))

    run_findings: dict[tuple, Finding] = {}
    jobs = jobs or config["jobs"] or (os.cpu_count() or 1)
    done = 0
    total = len(todo)
    catalog_findings: list[Finding] = []
    if len(todo) >= PARALLEL_THRESHOLD and jobs > 1:
        from concurrent.futures import ProcessPoolExecutor  # only big runs pay for it

        keys = {str(p): k for p, k in todo}
        chunksize = max(1, min(16, len(todo) // (jobs * 4)))
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(config, selection)
        ) as pool:
            for path, items, run_items in pool.map(
                _worker_check, [str(p) for p, _ in todo], chunksize=chunksize
            ):
                findings = [Finding.from_dict(item) for item in items]
                per_file[path] = findings
                for item in run_items:
                    finding = Finding.from_dict(item)
                    run_findings[(finding.code, finding.message)] = finding
                # A worker whose engine could not start checked this file without it:
                # caching would keep the gap after the engine is installed.
                if cache is not None and keys[path] and not run_items:
                    cache.put(keys[path], findings)
                done += 1
                if progress:
                    progress(done, total)
            # Chapter rules and catalogs too, while the workers are up (1,000 catalogs:
            # 4 s in one process; the chapter rules read every lesson's front matter).
            chapter_findings = _chapter_findings(lessons, config, selection, pool)
            catalog_findings = [
                Finding.from_dict(item)
                for items in pool.map(_worker_check_catalog, [str(p) for p in catalogs], chunksize=chunksize)
                for item in items
            ]
    else:
        ctx = Context(config, dict(engines or {}))
        for path, key in todo:
            findings = _read_and_check(path, config, ctx, selection)
            per_file[str(path)] = findings
            if cache is not None and key and not ctx.run_findings:
                cache.put(key, findings)
            done += 1
            if progress:
                progress(done, total)
        for finding in ctx.run_findings:
            run_findings[(finding.code, finding.message)] = finding
        catalog_findings = _catalog_findings(catalogs, config, selection)
        chapter_findings = _chapter_findings(lessons, config, selection)

    findings = [f for items in per_file.values() for f in items]
    findings.extend(chapter_findings)
    findings.extend(catalog_findings)
    selected_run = [f for f in run_findings.values() if selection.enabled(f.code, f.rule)]
    findings.extend(_apply_severity(selected_run, config))
    result.findings = sorted(set(findings), key=Finding.sort_key)
    return result


def _chapter_rules(selection: Selection) -> list:
    from courselint.rules import RULES

    return [r for r in RULES.values() if r.scope == "chapter" and selection.enabled(r.code, r.name)]


def _chapter_findings(lessons: list[Path], config: Config, selection: Selection, pool=None) -> list[Finding]:
    """Findings of the chapter rules, folder by folder (in the workers when ``pool`` is given)."""
    if not lessons or not _chapter_rules(selection):
        return []
    checked: dict[Path, set[Path]] = {}
    for path in lessons:
        resolved = path.resolve()
        checked.setdefault(resolved.parent, set()).add(resolved)
    folders = sorted(checked)
    if pool is None:
        from courselint.rules.base import Context

        ctx = Context(config)
        return [f for folder in folders for f in _folder_findings(folder, checked[folder], config, selection, ctx)]
    tasks = [(str(folder), sorted(str(p) for p in checked[folder])) for folder in folders]
    return [Finding.from_dict(item) for items in pool.map(_worker_check_folder, tasks) for item in items]


def _folder_findings(folder: Path, checked: set[Path], config: Config, selection: Selection, ctx) -> list[Finding]:
    """Chapter findings of one folder; ``checked`` are its lessons being checked (resolved)."""
    from courselint.suppress import apply, parse_suppressions

    findings: list[Finding] = []
    for rule in _chapter_rules(selection):
        findings.extend(rule.check(folder, checked, ctx))
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    out: list[Finding] = []
    for path, items in by_path.items():
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        out.extend(apply(items, parse_suppressions(text)))
    return _apply_severity(out, config)


def _catalog_findings(catalogs: list[Path], config: Config, selection: Selection, ctx=None) -> list[Finding]:
    from courselint.rules import RULES
    from courselint.rules.base import Context

    rules = [r for r in RULES.values() if r.scope == "catalog" and selection.enabled(r.code, r.name)]
    if not rules or not catalogs:
        return []
    ctx = ctx if ctx is not None else Context(config)
    findings: list[Finding] = []
    for path in catalogs:
        for rule in rules:
            findings.extend(rule.check(path, ctx))
    return _apply_severity(findings, config)
