"""LanguageTool, over its HTTP API: a configured server, or a local install already present.

We post markup-annotated text (``data={"annotation": [...]}`` to ``/v2/check``)
rather than plain text: each piece of the unit is either ``{"text": …}`` or
``{"markup": …, "interpretAs": …}`` (see :func:`courselint.grammar.base.present`),
so the server reads clean prose while its offsets stay offsets of the original
unit.  ``language_tool_python``'s ``check()`` posts plain text only, so we call
the endpoint ourselves with ``requests``; the library is used to start a local
server, and only when one is already installed — nothing is ever downloaded.

LanguageTool is written in Java: its offsets and lengths count UTF-16 code units.
They are converted to code points here, so an emoji before an error does not shift it.
"""

from __future__ import annotations

import bisect
import json
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import requests

from courselint.grammar.base import EngineIssue, EngineUnavailable, present
from courselint.messages import N_, _

SERVER_HINT = N_(
    "lancez un serveur LanguageTool (java -cp languagetool-server.jar org.languagetool.server.HTTPServer)"
    " et indiquez son adresse dans grammar.server"
)

#: Units of one lesson are sent together up to this size (the public API accepts 20 KB).
BATCH_CHARACTERS = 15_000
UNIT_SEPARATOR = "\n\n"

_TYPOGRAPHY_CATEGORIES = frozenset({"TYPOGRAPHY", "PUNCTUATION"})
_SPELLING_CATEGORIES = frozenset({"TYPOS"})


def api_base(server: str) -> str:
    """``http://host:8081``, ``…/v2`` or ``…/v2/`` -> ``http://host:8081/v2``."""
    base = server.strip().rstrip("/")
    if not base.endswith("/v2"):
        base += "/v2"
    return base


def category_of(match: dict) -> str:
    """LanguageTool's category of a match, in our three kinds."""
    rule = match.get("rule") or {}
    category = str((rule.get("category") or {}).get("id") or "").upper()
    if category in _SPELLING_CATEGORIES or rule.get("issueType") == "misspelling":
        return "spelling"
    if category in _TYPOGRAPHY_CATEGORIES:
        return "typography"
    return "grammar"


class Utf16Offsets:
    """Converts UTF-16 offsets of a text (what Java counts) to code point offsets."""

    def __init__(self, text: str) -> None:
        self._ends: list[int] = []  # UTF-16 offset just after each code point
        position = 0
        for char in text:
            position += 2 if ord(char) > 0xFFFF else 1
            self._ends.append(position)

    def index(self, utf16: int) -> int:
        """How many code points lie wholly before UTF-16 offset ``utf16``."""
        return bisect.bisect_right(self._ends, utf16)


def annotation(text: str, raw: str | None = None) -> list[dict[str, str]]:
    """The ``annotation`` list for one unit: its pieces, in order, covering it exactly."""
    parts: list[dict[str, str]] = []
    for piece in present(text, raw):
        if piece.markup:
            parts.append({"markup": text[piece.start : piece.end], "interpretAs": piece.shown})
        elif parts and "text" in parts[-1]:
            parts[-1] = {"text": parts[-1]["text"] + piece.shown}  # fewer, longer parts
        else:
            parts.append({"text": piece.shown})
    return parts


def _source(part: dict[str, str]) -> str:
    return part["text"] if "text" in part else part["markup"]


def segments(parts: list[dict[str, str]], limit: int) -> Iterator[tuple[int, list[dict[str, str]]]]:
    """A unit's parts in groups of about ``limit`` characters: (offset in the unit, parts).

    A real paragraph is one group; a huge one is cut after a part that ends a
    sentence (or, failing that, anywhere), so no request outgrows the server's limit.
    """
    group: list[dict[str, str]] = []
    group_start = offset = size = 0
    for part in parts:
        group.append(part)
        length = len(_source(part))
        offset += length
        size += length
        sentence_end = "text" in part and part["text"].rstrip().endswith((".", "!", "?", "…"))
        if size >= limit or (size >= limit // 2 and sentence_end):
            yield group_start, group
            group, group_start, size = [], offset, 0
    if group:
        yield group_start, group


class LanguageToolEngine:
    """A :class:`~courselint.grammar.base.ProseEngine` that asks a LanguageTool server."""

    name = "languagetool"

    def __init__(
        self,
        server: str | None = None,
        language: str = "fr",
        *,
        timeout: float = 30.0,
    ) -> None:
        self.language = language
        self.timeout = timeout
        self._local = None
        self._session = requests.Session()
        # A proxy set in the environment must not capture requests to this machine.
        self._session.trust_env = bool(server) and not _is_loopback(server)
        if server:
            self.base = api_base(server)
        else:
            self._local = _start_local(language)
            self.base = api_base(self._local.url)
        self._probe()

    def check(self, text: str, raw: str | None = None) -> list[EngineIssue]:
        return self.check_many([(text, raw)])[0]

    def check_many(self, units: Sequence[tuple[str, str | None]]) -> list[list[EngineIssue]]:
        """All units of a lesson in as few requests as possible.

        Each request costs the server tens of milliseconds whatever its size, so units
        go together, separated by a blank line (a paragraph break for LanguageTool),
        up to :data:`BATCH_CHARACTERS` per request; a longer unit is cut in several.
        """
        results: list[list[EngineIssue]] = [[] for _unit in units]
        batch: list[tuple[int, int, list[dict[str, str]]]] = []  # (unit, offset in unit, parts)
        size = 0
        for index, (text, raw) in enumerate(units):
            if not text.strip():
                continue
            for offset, parts in segments(annotation(text, raw), BATCH_CHARACTERS):
                length = sum(len(_source(part)) for part in parts)
                if batch and size + length > BATCH_CHARACTERS:
                    self._check_batch(units, batch, results)
                    batch, size = [], 0
                batch.append((index, offset, parts))
                size += length + len(UNIT_SEPARATOR)
        if batch:
            self._check_batch(units, batch, results)
        return results

    def _check_batch(self, units, batch, results: list[list[EngineIssue]]) -> None:
        parts: list[dict[str, str]] = []
        starts: list[int] = []  # where each segment starts and ends in the joined text
        ends: list[int] = []
        position = 0
        for _index, _offset, segment in batch:
            if parts:
                parts.append({"text": UNIT_SEPARATOR})
                position += len(UNIT_SEPARATOR)
            starts.append(position)
            parts.extend(segment)
            position += sum(len(_source(part)) for part in segment)
            ends.append(position)
        joined = "".join(_source(part) for part in parts)
        for issue in self._ask(joined, parts):
            k = bisect.bisect_right(starts, issue.start) - 1
            if k < 0 or issue.start > ends[k]:
                continue  # on a separator, which is ours
            index, offset, _segment = batch[k]
            start = offset + issue.start - starts[k]
            end = offset + min(issue.end, ends[k]) - starts[k]
            results[index].append(replace(issue, start=start, end=max(start, end)))

    def _ask(self, text: str, parts: list[dict[str, str]]) -> list[EngineIssue]:
        """Post one annotated text; issues with code point offsets of ``text``."""
        payload = self._post("check", {"language": self.language, "data": json.dumps({"annotation": parts})})
        offsets = Utf16Offsets(text)
        issues = []
        try:
            for match in payload.get("matches") or ():
                offset = int(match.get("offset", 0))
                length = int(match.get("length", 0))
                start, end = offsets.index(offset), offsets.index(offset + length)
                rule = match.get("rule") or {}
                suggestions = tuple(
                    str(item.get("value", "")) for item in match.get("replacements") or () if isinstance(item, dict)
                )
                issues.append(
                    EngineIssue(
                        start,
                        max(start, end),
                        str(rule.get("id") or "?"),
                        str(match.get("message") or "").strip(),
                        suggestions,
                        category_of(match),
                    )
                )
        except (AttributeError, TypeError, ValueError) as exc:
            raise EngineUnavailable(
                _("LanguageTool : réponse inattendue du serveur {server} ({reason})").format(
                    server=self.base, reason=type(exc).__name__
                )
            ) from None
        return issues

    def close(self) -> None:
        self._session.close()
        if self._local is not None:
            local, self._local = self._local, None
            try:
                local.close()
            except Exception:  # noqa: BLE001 - closing must never fail a run
                pass

    # ----------------------------------------------------------------- HTTP

    def _probe(self) -> None:
        """Fail at once (not on the first paragraph) when the server is not there."""
        try:
            response = self._session.get(f"{self.base}/languages", timeout=min(self.timeout, 10.0))
            response.raise_for_status()
        except requests.RequestException as exc:
            self.close()
            raise EngineUnavailable(
                _("LanguageTool : le serveur {server} ne répond pas ({reason}) ; {hint}").format(
                    server=self.base, reason=_reason(exc), hint=_(SERVER_HINT)
                )
            ) from None

    def _post(self, endpoint: str, form: dict[str, str]) -> dict:
        """POST and read the JSON reply within ``timeout`` seconds in all and :data:`MAX_REPLY_BYTES`.

        ``requests``' own timeout bounds each socket read, not the reply: a server
        trickling one byte every 20 s would hold the check for ever.
        """
        deadline = time.monotonic() + self.timeout
        try:
            with self._session.post(
                f"{self.base}/{endpoint}", data=form, timeout=self.timeout, stream=True
            ) as response:
                response.raise_for_status()
                body = bytearray()
                # read1: whatever has arrived (urllib3 2); read(n) would wait for n bytes
                # however slowly they come, and the deadline would never be looked at.
                raw = response.raw
                read = getattr(raw, "read1", None) or raw.read
                while chunk := read(64 * 1024, decode_content=True):
                    body += chunk
                    if len(body) > MAX_REPLY_BYTES:
                        raise _Refused(_("réponse de plus de {size} Mo").format(size=MAX_REPLY_BYTES // 1024**2))
                    if time.monotonic() > deadline:
                        raise _Refused(_("réponse non terminée en {timeout:g} s").format(timeout=self.timeout))
            reply = json.loads(body)
            if not isinstance(reply, dict):
                raise _Refused(_("réponse inattendue"))
            return reply
        except (requests.RequestException, ValueError, RecursionError, _Refused) as exc:
            raise EngineUnavailable(
                _("LanguageTool : le serveur {server} a échoué ({reason}) ; {hint}").format(
                    server=self.base, reason=_reason(exc), hint=_(SERVER_HINT)
                )
            ) from None


class _Refused(Exception):
    """A reply we stop reading (too big, too slow, not an object)."""


#: The largest reply read from a server: a batch's matches take tens of KB.
MAX_REPLY_BYTES = 16 * 1024 * 1024


def _reason(exc: Exception) -> str:
    if isinstance(exc, _Refused):
        return str(exc)
    if isinstance(exc, requests.ConnectionError):
        return _("connexion impossible")
    if isinstance(exc, requests.Timeout):
        return _("délai dépassé")
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code}"
    return type(exc).__name__


def _is_loopback(server: str) -> bool:
    return any(host in server for host in ("://localhost", "://127.", "://[::1]"))


def _installed_versions() -> list[Path]:
    """LanguageTool folders ``language_tool_python`` would use, without creating any."""
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("LanguageTool-*") if (path / "languagetool-server.jar").is_file())


def _start_local(language: str):
    """A local server started by ``language_tool_python``, only from an existing install."""
    installed = _installed_versions()
    if not installed:
        raise EngineUnavailable(
            _(
                "LanguageTool : aucun serveur configuré (grammar.server) et aucune installation"
                " locale (dossier LTP_PATH ou ~/.cache/language_tool_python) ; {hint}"
            ).format(hint=_(SERVER_HINT))
        )
    if shutil.which("java") is None:
        raise EngineUnavailable(
            _(
                "LanguageTool : Java est introuvable pour lancer l'installation locale ;"
                " installez un JRE (apt-get install default-jre-headless) ou {hint}"
            ).format(hint=_(SERVER_HINT))
        )
    version = installed[-1].name.removeprefix("LanguageTool-")
    try:
        import language_tool_python

        # The version is installed, so the library only starts it (it downloads missing versions only).
        return language_tool_python.LanguageTool(language, language_tool_download_version=version)
    except Exception as exc:  # noqa: BLE001 - any failure of a local server is "unavailable"
        raise EngineUnavailable(
            _("LanguageTool : le serveur local {version} ne démarre pas ({reason}) ; {hint}").format(
                version=version, reason=exc, hint=_(SERVER_HINT)
            )
        ) from None
