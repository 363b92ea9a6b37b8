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

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from courselint.segments import JOINER

#: What an inline code span reads as.  Dropping ``kubectl`` from "Le `kubectl` lit…"
#: leaves "Le lit…" and invents agreement errors; a known word (``code``, ``X``) brings
#: its own gender and number.  An unknown capitalised word is neutral for the
#: engines' agreement rules, as a product name would be.
CODE_PLACEHOLDER = "Xyzzy"
#: What a code span or address reads as right after another one with no word between
#: (``\`redis\` \`redis-cli\```, two URLs on a line): two equal placeholders side by
#: side would be a repeated word (« Doublon ») that the author never wrote.
OTHER_CODE_PLACEHOLDER = "Plugh"

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

    def check(self, text: str, raw: str | None = None) -> list[EngineIssue]:
        """Issues of one unit of masked prose.

        ``raw`` is the same unit before masking (same length), when known: it tells
        what the author typed from what masking put there (see :func:`present`).
        Raises :class:`EngineUnavailable` when the engine stops working.
        """
        ...

    def check_many(self, units: Sequence[tuple[str, str | None]]) -> list[list[EngineIssue]]:
        """Issues of several ``(text, raw)`` units, in order (one request when the engine can)."""
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


_BLANKS = " \t\n"
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_BLANK_RUN = re.compile(r"[ \t]+")
_ADDRESS = re.compile(
    r"<?(?:(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>]+|(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?", re.IGNORECASE
)


def word_spans(text: str, raw: str) -> list[tuple[int, int]]:
    """Masked runs of ``text`` that stand for a word of the sentence.

    Inline code (``la commande `ls` affiche``) and bare addresses (``un lien
    https://exemple.fr``, ``<contact@exemple.fr>``) are nouns of the sentence;
    link targets, HTML and shortcodes are not.
    """
    spans = []
    for match in _CODE_SPAN.finditer(raw):
        if not text[match.start() : match.end()].strip(_BLANKS):
            spans.append((match.start(), match.end()))
    for blank in _BLANK_RUN.finditer(text):
        i = blank.start()
        while i < blank.end():
            if raw[i] in _BLANKS:
                i += 1
                continue
            j = i
            while j < blank.end() and raw[j] not in _BLANKS:
                j += 1
            if _ADDRESS.fullmatch(raw, i, j) and not raw.endswith(("](", "](<"), 0, i):
                spans.append((i, j))
            i = j
    return sorted(spans)


def present(text: str, raw: str | None = None) -> list[Piece]:
    """Cut ``text`` into pieces that cover it exactly, in order.

    Inline code and bare addresses (known from ``raw``, see :func:`word_spans`) read
    as :data:`CODE_PLACEHOLDER`.  A *gap* —
    consecutive joiners, line breaks, masked characters and blanks around them —
    reads as nothing inside a word (``**L**inu**X**``) or at either end of the unit;
    as one space when the author typed a blank in it; and, when it holds masked
    characters only, as one space between two words (``un<br>deux``) and nothing
    against punctuation (``[lien](url),``).  The author's own blanks between two
    words (even doubled, even a tab) are shown as typed, for the typographic rules.  Without ``raw``, every run of two blanks or more (or with
    a line break) counts as masked, and reads as one space.
    """
    if raw is not None and len(raw) != len(text):
        raw = None  # not the same unit: better no hint than wrong offsets
    codes = word_spans(text, raw) if raw is not None else []
    pieces: list[Piece] = []
    position = 0
    previous = ""
    for start, end in codes:
        before = len(pieces)
        _present_prose(text, raw, position, start, pieces)
        words_between = any(any(ch.isalnum() for ch in piece.shown) for piece in pieces[before:])
        shown = OTHER_CODE_PLACEHOLDER if previous == CODE_PLACEHOLDER and not words_between else CODE_PLACEHOLDER
        pieces.append(Piece(start, end, shown, True))
        previous = shown
        position = end
    _present_prose(text, raw, position, len(text), pieces)
    return pieces


def _masked(text: str, raw: str | None, i: int) -> bool:
    return text[i] == JOINER or (raw is not None and text[i] in _BLANKS and raw[i] not in _BLANKS)


_RUN = re.compile(f"[ \\t\\n{JOINER}]+|[^ \\t\\n{JOINER}]+")


def _present_prose(text: str, raw: str | None, start: int, end: int, pieces: list[Piece]) -> None:
    for run in _RUN.finditer(text, start, end):
        if run.group()[0] in _BLANKS or run.group()[0] == JOINER:
            pieces.append(_gap(text, raw, run.start(), run.end()))
        else:
            pieces.append(Piece(run.start(), run.end(), run.group(), False))


def _gap(text: str, raw: str | None, start: int, end: int) -> Piece:
    chars = text[start:end]
    masked = [_masked(text, raw, i) for i in range(start, end)]
    if raw is None and ("\n" in chars or len(chars) >= 2):
        masked = [True] * len(chars)  # no way to tell: a run this long is masking
    interior = start > 0 and end < len(text)
    if interior and not any(masked) and "\n" not in chars:
        return Piece(start, end, chars, False)  # the author's own spacing
    author_blank = raw is None or any(c in _BLANKS and not m for c, m in zip(chars, masked))
    if not interior or chars.strip(JOINER) == "":
        shown = ""  # an end of the unit, or markup inside a word
    elif author_blank:
        shown = " "
    else:
        # Only masked characters: a space where two words would touch (``un<br>deux``),
        # none against punctuation (``[lien](url),``).
        shown = " " if text[start - 1].isalnum() and text[end].isalnum() else ""
    return Piece(start, end, shown, True)


class ShownText:
    """The text an engine reads, with the way back to offsets of the original.

    For engines that take a plain string (Grammalecte): an issue over
    ``shown[a:b]`` covers ``original[source_start(a):source_end(b)]``; an issue
    that touches a replaced piece covers the whole piece.
    """

    def __init__(self, text: str, raw: str | None = None) -> None:
        self.pieces = present(text, raw)
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
        # The last piece starting at or before the offset is the non-empty one that holds it.
        index = bisect.bisect_right(self._starts, shown_offset) - 1
        if index >= 0:
            piece, start = self.pieces[index], self._starts[index]
            if shown_offset < start + len(piece.shown):
                return piece.start + (0 if piece.markup else shown_offset - start)
        return self._length

    def source_end(self, shown_offset: int) -> int:
        index = bisect.bisect_left(self._starts, shown_offset) - 1
        if index < 0:
            return 0
        piece, start = self.pieces[index], self._starts[index]
        if shown_offset > start + len(piece.shown):
            return self._length
        return piece.end if piece.markup else piece.start + (shown_offset - start)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        source_start = self.source_start(start)
        source_end = self.source_end(end) if end > start else source_start
        return source_start, max(source_start, source_end)
