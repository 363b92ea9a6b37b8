"""What every prose engine (Grammalecte, LanguageTool) offers, and how text is shown to it.

An engine checks one unit of masked prose (a block's ``prose``: lines joined with
``"\\n"``, non-prose replaced by spaces, markup inside words replaced by the
JOINER ``"\\u2060"``) and returns :class:`EngineIssue` values whose offsets are
code points of that very text, whatever the engine counts internally.

Engines should not see the masking itself: a run of spaces where a URL stood, a
line break inside a paragraph or a joiner inside ``**L**inu**X**`` are artefacts,
not the author's prose.  :func:`present` cuts the text into pieces that are either
shown as they are or shown as a replacement (LanguageTool's "markup" with an
``interpretAs``), so each engine sees clean prose and offsets still map back
exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

JOINER = "\u2060"

#: What an inline code span reads as.  Dropping ``kubectl`` from "Le `kubectl` lit…"
#: leaves "Le lit…" and invents agreement errors; a known word (``code``, ``X``) brings
#: its own gender and number.  An unknown capitalised word is neutral for the
#: engines' agreement rules, as a product name would be.
CODE_PLACEHOLDER = "Xyzzy"

CATEGORIES = ("grammar", "typography", "spelling")


@dataclass(frozen=True)
class EngineIssue:
    """One problem found by an engine; offsets in code points of the checked text."""

    start: int
    end: int
    rule_id: str
    message: str
    suggestions: tuple[str, ...]
    category: str  # one of CATEGORIES


class EngineUnavailable(Exception):
    """The engine cannot run; the message (in French) says what is missing and how to fix it."""


class ProseEngine(Protocol):
    name: str

    def check(self, text: str, code_spans: Sequence[tuple[int, int]] = ()) -> list[EngineIssue]:
        """Issues of one unit of masked prose.

        ``code_spans`` are the (start, end) runs of ``text`` that held inline code:
        they are read as one neutral word instead of being dropped.
        Raises :class:`EngineUnavailable` when the engine stops working.
        """
        ...

    def check_many(self, units: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[list[EngineIssue]]:
        """Issues of several ``(text, code_spans)`` units, in order (one request when the engine can)."""
        ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- presentation


@dataclass(frozen=True)
class Piece:
    """``text[start:end]`` as the engine sees it: itself, or ``shown`` when ``markup``."""

    start: int
    end: int
    shown: str
    markup: bool


# Artefacts of masking: joiners; blank runs of two or more characters or holding a
# line break.  A single space or tab is the author's and stays visible (typographic
# rules may want it).  No-break spaces (U+00A0, U+202F) are never artefacts.
_ARTEFACT = re.compile(f"{JOINER}+|[ \\t]*\\n[ \\t\\n]*|[ \\t]{{2,}}")


def present(text: str, code_spans: Sequence[tuple[int, int]] = ()) -> list[Piece]:
    """Cut ``text`` into pieces that cover it exactly, in order."""
    pieces: list[Piece] = []
    position = 0
    for start, end in sorted(code_spans):
        if start < position or end <= start or end > len(text):
            continue  # overlapping or out of range: ignore rather than corrupt offsets
        _present_prose(text, position, start, pieces)
        pieces.append(Piece(start, end, CODE_PLACEHOLDER, True))
        position = end
    _present_prose(text, position, len(text), pieces)
    _trim_edges(text, pieces)
    return pieces


def _present_prose(text: str, start: int, end: int, pieces: list[Piece]) -> None:
    position = start
    for match in _ARTEFACT.finditer(text, start, end):
        if match.start() > position:
            pieces.append(Piece(position, match.start(), text[position : match.start()], False))
        shown = "" if match.group().startswith(JOINER) else " "
        pieces.append(Piece(match.start(), match.end(), shown, True))
        position = match.end()
    if end > position:
        pieces.append(Piece(position, end, text[position:end], False))


def _trim_edges(text: str, pieces: list[Piece]) -> None:
    """Blanks at the very start or end of a unit are masking too (``[E] Texte``)."""
    _trim(pieces, range(len(pieces)), leading=True)
    _trim(pieces, range(len(pieces) - 1, -1, -1), leading=False)


def _trim(pieces: list[Piece], order: range, leading: bool) -> None:
    for i in order:
        piece = pieces[i]
        if piece.markup:
            if piece.shown == " ":
                pieces[i] = Piece(piece.start, piece.end, "", True)
            if piece.shown.strip():
                return  # a code placeholder: real content
            continue
        kept = piece.shown.lstrip(" \t") if leading else piece.shown.rstrip(" \t")
        cut = len(piece.shown) - len(kept)
        if cut == 0:
            return
        if leading:
            blank = Piece(piece.start, piece.start + cut, "", True)
            rest = [Piece(piece.start + cut, piece.end, kept, False)] if kept else []
            pieces[i : i + 1] = [blank, *rest]
        else:
            blank = Piece(piece.end - cut, piece.end, "", True)
            rest = [Piece(piece.start, piece.end - cut, kept, False)] if kept else []
            pieces[i : i + 1] = [*rest, blank]
        if kept:
            return


class ShownText:
    """The text an engine reads, with the way back to offsets of the original.

    For engines that take a plain string (Grammalecte): an issue over
    ``shown[a:b]`` covers ``original[source_start(a):source_end(b)]``; an issue
    that touches a replaced piece covers the whole piece.
    """

    def __init__(self, text: str, code_spans: Sequence[tuple[int, int]] = ()) -> None:
        self.pieces = present(text, code_spans)
        self._starts: list[int] = []  # offset in ``shown`` of each piece
        parts = []
        offset = 0
        for piece in self.pieces:
            self._starts.append(offset)
            parts.append(piece.shown)
            offset += len(piece.shown)
        self.shown = "".join(parts)
        self._length = len(text)

    def source_start(self, shown_offset: int) -> int:
        for piece, start in zip(self.pieces, self._starts):
            if start <= shown_offset < start + len(piece.shown):
                return piece.start + (0 if piece.markup else shown_offset - start)
        return self._length

    def source_end(self, shown_offset: int) -> int:
        for piece, start in zip(self.pieces, self._starts):
            if start < shown_offset <= start + len(piece.shown):
                return piece.end if piece.markup else piece.start + (shown_offset - start)
        return 0 if shown_offset <= 0 else self._length

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        source_start = self.source_start(start)
        source_end = self.source_end(end) if end > start else source_start
        return source_start, max(source_start, source_end)
