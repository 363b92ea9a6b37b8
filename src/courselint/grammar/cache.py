"""The grammar engines' answers, kept per paragraph on disk and keyed by its content.

Grammalecte takes about 0.3 s to start and reads 5,000 words a second: after
one paragraph of a lesson changed, the lesson cache (engine.py) misses and the
whole lesson went back to the engine.  An engine's answer for one unit of masked
prose depends only on that unit (its ``text`` and ``raw``), the engine settings
and the code that presents the text to the engine, so it is kept under a key
made of exactly those: only the changed paragraphs are sent, and a run whose
paragraphs are all known never asks the engine.  Within one process (a language
server, a run without the disk cache) the answers are also kept in memory.

An upgrade of Grammalecte itself (or of a LanguageTool server) is not part of
the key, as for the lesson cache: ``--no-cache`` or removing the cache folder
gives its new answers.  The entries live in ``<cache_dir>/grammar/``; a damaged
one only costs a new check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from courselint.fileio import write_cache_entry
from courselint.grammar.base import CATEGORIES, EngineIssue

#: Raised when the stored form of an answer changes: older entries are ignored.
FORMAT = "1"
#: The settings that change what an engine answers (the rule filters the rest afterwards).
ENGINE_SETTINGS = ("engine", "python", "server", "language", "typography")


def settings_salt(settings: Mapping, version: str) -> str:
    """What besides the unit decides the engine's answer: settings, courselint and its grammar code."""
    parts = [FORMAT, version, *(f"{name}={settings.get(name)!r}" for name in ENGINE_SETTINGS)]
    # The presentation of masked prose and the child program are code of this package.
    for item in sorted(Path(__file__).parent.glob("*.py")):
        stat = item.stat()
        parts.append(f"{item.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


#: Answers kept in memory by one cache before it starts afresh (a language server
#: lives for hours; a few thousand paragraphs take a few MB).
MEMORY_LIMIT = 20_000


class ParagraphCache:
    """Engine answers by unit of prose: in memory, and in ``folder`` (the project's
    cache folder) when there is one.

    Without a folder (``--no-cache``, the language server, which writes nothing)
    the answers only last as long as the process: an editor that re-checks a
    lesson after each change sends only the changed paragraphs.
    """

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.salt = salt
        self._memory: dict[str, list[EngineIssue]] = {}

    def key(self, text: str, raw: str | None) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for part in (text, raw):
            digest.update(b"\0" if part is None else b"\1" + part.encode("utf-8", "surrogatepass"))
            digest.update(len(part or "").to_bytes(8, "little"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / "grammar" / key[:2] / f"{key}.json"

    def get(self, key: str, length: int) -> list[EngineIssue] | None:
        """The stored answer for a unit of ``length`` code points, or ``None``."""
        known = self._memory.get(key)
        if known is not None or self.folder is None:
            return known
        try:
            items = json.loads(self._path(key).read_text(encoding="utf-8"))
            if not isinstance(items, list):
                return None  # `{}` is a damaged entry, not "no issues"
            known = [_issue(item, length) for item in items]
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None  # absent or damaged: the engine answers again
        self._remember(key, known)
        return known

    def put(self, key: str, issues: Iterable[EngineIssue]) -> None:
        issues = list(issues)
        self._remember(key, issues)
        if self.folder is not None:
            text = json.dumps([_item(issue) for issue in issues], ensure_ascii=False)
            write_cache_entry(self.folder, self._path(key), text)

    def _remember(self, key: str, issues: list[EngineIssue]) -> None:
        if len(self._memory) >= MEMORY_LIMIT:
            self._memory.clear()
        self._memory[key] = issues


def _item(issue: EngineIssue) -> list:
    return [issue.start, issue.end, issue.rule_id, issue.message, list(issue.suggestions), issue.category]


def _issue(item, length: int) -> EngineIssue:
    start, end, rule_id, message, suggestions, category = item
    if not (
        isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length
        and isinstance(rule_id, str) and isinstance(message, str) and category in CATEGORIES
        and isinstance(suggestions, list) and all(isinstance(s, str) for s in suggestions)
    ):
        raise ValueError("damaged grammar cache entry")
    return EngineIssue(start, end, rule_id, message, tuple(suggestions), category)
