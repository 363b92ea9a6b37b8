"""The translatable units of a lesson: one definition shared by extraction and rendering.

A :class:`Unit` is one msgid and the places in ``lesson.text`` that it replaces.
It is built from the lesson model's blocks (``lesson.blocks``), minus what is
structure and must never reach a translator:

- list markers, heading marks, blockquote markers, indentation and trailing
  hard-break spaces are outside the blocks' pieces already;
- factor tags (``[E]``, ``[P][R]``) and ``YEAR :`` at the start of list items and
  headings are cut off with :func:`courselint.course.split_structure` (the year
  goes in a ``#.`` comment);
- Hugo shortcodes that open or close a block, or stand alone on their lines,
  split the block; translatable parameters of such shortcodes (``caption="…"``)
  become units of their own;
- blocks with no letter to translate (a lone URL, inline code only) are skipped.

A unit keeps one *segment* per source line it covers: ``(start, end)`` offsets
into ``lesson.text``; line breaks inside the unit are ``\\n`` in the msgid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from courselint.course import split_structure
from courselint.document import sub_pieces
from courselint.segments import comment_spans, mask
from courselint.shortcodes import DEFAULT_TABLE, SHORTCODE, ShortcodeTable, table_from_config, text_params_in

SHORTCODE_PARAM = re.compile(r"""(?P<name>[A-Za-z_][\w\-]*)=(?P<quote>["`])(?P<value>(?:\\.|(?!(?P=quote)).)*)(?P=quote)""", re.DOTALL)

#: Kinds whose text must stay on one line (a newline in a translation becomes a space).
SINGLE_LINE_KINDS = frozenset({"heading", "table_cell", "image_alt", "front_matter_value", "shortcode_param", "term"})

_KIND_COMMENTS = {
    "heading": "heading",
    "paragraph": "paragraph",
    "list_item": "list item",
    "quote": "blockquote",
    "table_cell": "table cell",
    "image_alt": "image alt text",
    "front_matter_value": "front matter",
    "shortcode_param": "shortcode parameter",
    "html": "raw HTML",
    "term": "definition term",
}


@dataclass(slots=True)
class Unit:
    """One msgid and where it sits in ``lesson.text``."""

    msgid: str
    kind: str
    line: int
    segments: list[tuple[int, int]]
    context: str | None = None  # msgctxt: front matter key only
    comments: list[str] = field(default_factory=list)
    #: Front matter scalars: the whole value as written (quotes included) and its quote char.
    quote: str = ""
    syntax: str = "yaml"  # front matter values: the syntax their replacement is written in

    @property
    def single_line(self) -> bool:
        return self.kind in SINGLE_LINE_KINDS


def lesson_units(lesson, shortcode_params=DEFAULT_TABLE) -> list[Unit]:
    """Every translatable unit of a parsed lesson, in document order.

    Front matter values are those the lesson model made blocks of: parse the
    lesson with the keys to translate (``i18n.keys``) as its text keys.
    """
    units: list[Unit] = []
    for block in lesson.blocks:
        if block.kind == "front_matter_value":
            unit = _front_matter_unit(lesson, block)
            if unit is not None:
                units.append(unit)
            continue
        if block.kind == "shortcode_param":
            continue  # its unit comes from the block around it (quotes, cuts): _shortcode_param_units
        units.extend(_block_units(lesson, block, as_table(shortcode_params)))
    return units


# --------------------------------------------------------------------------- front matter


def _front_matter_unit(lesson, block) -> Unit | None:
    value = lesson.metadata.get(block.key)
    if not isinstance(value, str) or not _has_letters(value):
        return None
    quote = lesson.front_matter.keys[block.key].quote
    start, end = block.pieces[0]
    if quote in (">", "|"):
        # A block scalar: its lines, from the first one's text to the last one's end.
        start, end = block.pieces[0][0], block.pieces[-1][1]
        value = value.rstrip("\n")  # the line end YAML's default chomping keeps
    elif quote:
        start, end = start - 1, end + 1  # the replacement is written with its own quotes
    return Unit(
        msgid=value,
        kind="front_matter_value",
        line=block.line,
        segments=[(start, end)],
        context=block.key,
        comments=[f"front matter: {block.key}"],
        quote=quote,
        syntax=lesson.front_matter.format,
    )


# --------------------------------------------------------------------------- Markdown blocks


def _block_units(lesson, block, shortcode_params) -> list[Unit]:
    raw = block.raw
    structure = split_structure(block)
    comments = [_kind_comment(block)]
    if structure.tags:
        comments.append("tags: " + "".join(tag.text for tag in structure.tags))
    if structure.year is not None:
        comments.append(f"year: {structure.year}")
    start, end = structure.label_start, structure.label_end
    units: list[Unit] = []
    shortcodes = [m for m in SHORTCODE.finditer(raw)]
    hidden = _hidden_runs(lesson, block)
    # A comment is not for readers: never in a msgid (a translated one got the lesson refused).
    pieces = _split_at_shortcodes(raw, start, end, shortcodes, hidden + comment_spans(raw))
    for piece_start, piece_end in pieces:
        text = raw[piece_start:piece_end]
        # With raw HTML rendered, an <img>'s alt text is prose (block.prose shows it): a unit.
        if not _has_letters(mask(text)) and not (lesson.raw_html and _has_letters(block.prose[piece_start:piece_end])):
            continue
        segments = _without_backslash_breaks(lesson.text, _segments(block, piece_start, piece_end))
        units.append(
            Unit(
                msgid="\n".join(lesson.text[s:e] for s, e in segments),
                kind=block.kind,
                line=block.position(piece_start)[0],
                segments=segments,
                comments=list(comments),
            )
        )
    for match in shortcodes:
        if any(s <= match.start() and match.end() <= e for s, e in pieces):
            continue  # inline in a unit's text: the translator sees it whole
        if any(s <= match.start() < e for s, e in hidden):
            continue  # shown inside code
        units.extend(_shortcode_param_units(block, match, shortcode_params))
    units.sort(key=lambda u: u.segments[0][0])
    return units


def _kind_comment(block) -> str:
    name = _KIND_COMMENTS.get(block.kind, block.kind)
    if block.kind == "heading":
        return f"{name} (h{block.level})" if block.level else name
    return name


def _hidden_runs(lesson, block) -> list[tuple[int, int]]:
    """(start, end) in ``block.raw`` of what paired code shortcodes hold: never in a msgid."""
    low, high = block.pieces[0][0], block.pieces[-1][1]
    regions = [(s, e) for s, e in getattr(lesson, "hidden", ()) if s < high and e > low]
    if not regions:
        return []
    runs: list[tuple[int, int]] = []
    for i in range(len(block.raw)):
        offset = block.source_offset(i)
        if any(s <= offset < e for s, e in regions):
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
    return runs


def _split_at_shortcodes(raw: str, start: int, end: int, shortcodes, hidden=()) -> list[tuple[int, int]]:
    """Cut ``raw[start:end]`` at shortcodes that open or close a line (structure), and at hidden runs.

    A shortcode with text on both sides on its line stays inside the unit.
    """
    cuts: list[tuple[int, int]] = [(max(s, start), min(e, end)) for s, e in hidden if s < end and e > start]
    for match in shortcodes:
        s, e = match.span()
        if e <= start or s >= end:
            continue
        line_start = raw.rfind("\n", 0, s) + 1
        line_end = raw.find("\n", e)
        line_end = len(raw) if line_end == -1 else line_end
        before = raw[max(line_start, start) : s]
        after = raw[e : min(line_end, end)]
        if before.strip() and after.strip():
            continue
        cuts.append((max(s, start), min(e, end)))
    pieces = []
    position = start
    for s, e in sorted(cuts):
        if e <= position:
            continue  # a shortcode shown inside hidden code: already cut
        pieces.append((position, max(s, position)))
        position = e
    pieces.append((position, end))
    trimmed = []
    for s, e in pieces:
        while s < e and raw[s].isspace():
            s += 1
        while e > s and raw[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def _segments(block, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets in ``lesson.text`` of ``raw[start:end]``, one pair per source line."""
    return list(sub_pieces(block.pieces, start, end))


def _without_backslash_breaks(text: str, segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Leave a hard break written as a trailing backslash out of the msgid, like trailing spaces."""
    out = []
    for i, (start, end) in enumerate(segments):
        if i < len(segments) - 1:
            line = text[start:end]
            backslashes = len(line) - len(line.rstrip("\\"))
            if backslashes % 2 == 1:
                end -= 1
                while end > start and text[end - 1] in " \t":
                    end -= 1  # "set -x \\": the space before the backslash stays with it
        out.append((start, end))
    return out


@lru_cache(maxsize=32)
def _legacy_table(names: tuple[str, ...]) -> ShortcodeTable:
    return table_from_config(None, list(names))


def as_table(shortcodes) -> ShortcodeTable:
    """The shortcode table, from a table or the deprecated tuple of ``i18n.shortcode_params``."""
    if isinstance(shortcodes, ShortcodeTable):
        return shortcodes
    return _legacy_table(tuple(shortcodes))


def translatable_params(code: str, shortcodes) -> list[tuple[int, int, str, str]]:
    """:func:`courselint.shortcodes.text_params_in` with the table or the deprecated tuple of names."""
    return text_params_in(code, as_table(shortcodes))


def _shortcode_param_units(block, match, names) -> list[Unit]:
    units = []
    name = re.match(r"\{\{[<%]\s*/?\s*([\w\-/.]*)", match.group())
    shortcode = name.group(1) if name else "?"
    for value_start, value_end, param, quote in translatable_params(match.group(), names):
        value = match.group()[value_start:value_end]
        if not _has_letters(value) or "\n" in value:
            continue
        start = match.start() + value_start
        end = match.start() + value_end
        units.append(
            Unit(
                msgid=value,
                kind="shortcode_param",
                line=block.position(start)[0],
                segments=_segments(block, start, end),
                comments=[f"shortcode {shortcode}: {param}"],
                quote=quote,
            )
        )
    return units


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)
