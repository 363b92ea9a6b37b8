"""The lesson model: ``parse(path, source) -> Lesson``.

Positions are exact: the Markdown is parsed over the whole file (front matter
lines blanked, not removed), so token lines are file lines; every prose unit
(:class:`Block`) keeps, for each of its source lines, the offsets of its content
in ``Lesson.text``.  ``Lesson.text`` is the decoded file with its line ends
normalised to ``\\n`` (markdown-it does the same); line contents are unchanged,
so a (line, column) in ``text`` is the same (line, column) in the file.

The front matter is read by :mod:`courselint.frontmatter` (the one reader every
consumer shares), not by the markdown-it plugin: it reports a front matter that is
never closed, reads TOML (``+++``) as cheaply as YAML and knows where each key is
written.  Problems met while reading become findings of the catalog of codes
(CL0xx) in ``Lesson.problems``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from courselint import codes
from courselint import frontmatter as front_matter_reader
from courselint.findings import Edit, Finding, Fix, LineIndex, Span
from courselint.frontmatter import DEFAULT_TEXT_KEYS, FrontMatter
from courselint.frontmatter import UNREADABLE_CODES as UNREADABLE_FRONT_MATTER
from courselint.markdown import MAX_NESTING, parse_blocks, parse_inline
from courselint.messages import _, agree
from courselint.segments import comment_spans, mask
from courselint.shortcodes import DEFAULT_TABLE, SHORTCODE, ShortcodeTable, text_params_in

__all__ = ["parse", "Lesson", "Block", "Heading", "Slide", "FrontMatter", "DEFAULT_TEXT_KEYS", "UNREADABLE_CODES", "decode"]

#: Problems after which a lesson cannot be extracted or built: the file could not be
#: read or decoded, or its front matter gave no keys.
UNREADABLE_CODES = frozenset({"CL001", "CL002", "CL004"}) | UNREADABLE_FRONT_MATTER

PROSE_KINDS = frozenset({
    "heading", "paragraph", "list_item", "quote", "table_cell", "front_matter_value", "image_alt", "term",
    "shortcode_param", "html",
})


@dataclass(slots=True)
class Block:
    """One unit of prose: what is spell-checked, and what becomes one msgid."""

    kind: str
    raw: str
    pieces: tuple[tuple[int, int], ...]
    line: int
    end_line: int
    index: LineIndex
    level: int = 0
    key: str | None = None
    slide: int = 0
    section: int | None = None
    container: int | None = None  # token index of the enclosing list (list items)
    token: int | None = None  # token index of the inline token
    prose: str = ""
    #: Offset in ``raw`` where each piece starts (pieces are joined by one "\n").
    piece_offsets: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.prose:
            self.prose = mask(self.raw)
        offsets = []
        consumed = 0
        for start, end in self.pieces:
            offsets.append(consumed)
            consumed += end - start + 1
        self.piece_offsets = tuple(offsets)

    def source_offset(self, i: int) -> int:
        """Offset in ``raw``/``prose`` -> offset in ``Lesson.text``."""
        # Bisect, not a scan: a paragraph of 20,000 lines with a slip on each line
        # would otherwise cost 20,000 × 20,000 steps.
        k = max(0, bisect.bisect_right(self.piece_offsets, i) - 1)
        start, end = self.pieces[k]
        consumed = self.piece_offsets[k]
        if i <= consumed + (end - start):
            return start + (i - consumed)
        return self.pieces[-1][1]

    def position(self, i: int) -> tuple[int, int]:
        pos = self.index.position(self.source_offset(i))
        return pos.line, pos.column

    def span(self, start: int, end: int) -> Span:
        """Where ``raw[start:end]`` lies in the file."""
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column)


@dataclass(slots=True)
class Heading:
    level: int
    title: str
    line: int
    end_line: int
    block: int


@dataclass(slots=True)
class Slide:
    index: int
    start_line: int
    end_line: int


@dataclass
class Lesson:
    path: str
    source: str
    text: str
    bom: bool
    index: LineIndex
    metadata: dict[str, Any]
    front_matter: FrontMatter | None
    tokens: list
    blocks: list[Block] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    slides: list[Slide] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    #: The markdown-it environment of the block pass (link reference definitions).
    env: dict = field(default_factory=dict, repr=False, compare=False)
    #: (start, end) offsets in ``text`` of what a paired ``code``/``opaque`` shortcode holds.
    hidden: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)
    #: The shortcode table the lesson was read with (extraction reads its text parameters).
    shortcodes: ShortcodeTable = field(default=DEFAULT_TABLE, repr=False, compare=False)
    #: Whether the site renders raw HTML (goldmark's ``unsafe``): its text is then prose.
    raw_html: bool = field(default=False, repr=False, compare=False)

    def inline_tokens(self) -> list:
        """``tokens``, with the children of every ``inline`` token parsed (once).

        :func:`parse` stops at the block structure (``children`` stay empty):
        few checks read inline tokens, and that pass is half of markdown-it's time.
        """
        for token in self.tokens:
            if token.type == "inline":
                parse_inline(token, self.env)
        return self.tokens

    @property
    def line_count(self) -> int:
        return self.index.line_count

    @cached_property
    def course(self):
        """Timeline, steps and factor tags of the lesson (see :mod:`courselint.course`)."""
        from courselint.course import analyse

        return analyse(self)


def is_generated_translation(path, locales) -> bool:
    """``lesson.en.md`` is a build output for locale ``en``, not a French source lesson."""
    suffixes = Path(path).suffixes
    return len(suffixes) >= 2 and suffixes[-2].lstrip(".") in set(locales)


# --------------------------------------------------------------------------- decoding


class DecodeError(Exception):
    def __init__(self, code: str, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.code, self.line, self.column, self.message = code, line, column, message


def decode(data: bytes) -> tuple[str, bool]:
    """Decode a lesson file: UTF-8, optional BOM. Raises :class:`DecodeError`."""
    nul = data.find(b"\x00")
    if nul != -1:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise DecodeError(
            "CL004", line, column, _("fichier binaire (octet NUL) : ce n'est pas une leçon Markdown")
        )
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        good = data[data.rfind(b"\n", 0, exc.start) + 1 : exc.start]
        column = len(good.decode("utf-8", "replace")) + 1
        raise DecodeError(
            "CL002",
            line,
            column,
            _("encodage invalide : le fichier n'est pas en UTF-8 (octet 0x{byte:02x}) ; enregistrez-le en UTF-8").format(
                byte=data[exc.start]
            ),
        ) from None


def normalise_newlines(source: str) -> str:
    return source.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- findings


def _input_finding(path: str, code: str, line: int, column: int, message: str) -> Finding:
    """A finding of an input code (CL0xx) found while reading the file."""
    return codes.finding(code, path, Span.point(line, column), message)


# --------------------------------------------------------------------------- blocks


def _line_pieces(
    index: LineIndex, first_line0: int, content: str
) -> tuple[tuple[int, int], ...]:
    """Locate each line of an inline token's content in the file (0-based first line)."""
    pieces = []
    for i, content_line in enumerate(content.split("\n")):
        line = first_line0 + i + 1
        if line > index.line_count:
            break
        start = index.starts[line - 1]
        source_line = index.line_text(line)
        trimmed_source = source_line.rstrip(" \t")
        wanted = content_line.strip(" \t")
        if wanted and trimmed_source.endswith(wanted):
            end = start + len(trimmed_source)
            pieces.append((end - len(wanted), end))
        else:
            # markdown-it rewrote the line (tabs inside containers): keep the visible text.
            lead = len(source_line) - len(source_line.lstrip(" \t>"))
            pieces.append((start + min(lead, len(trimmed_source)), start + len(trimmed_source)))
    return tuple(pieces)


def _heading_pieces(index: LineIndex, map_: list[int], content: str, setext: bool):
    if setext:
        return _line_pieces(index, map_[0], content)
    line = map_[0] + 1
    source_line = index.line_text(line)
    start = index.starts[line - 1]
    hashes = len(source_line) - len(source_line.lstrip(" ").lstrip("#"))
    found = source_line.find(content, hashes) if content else -1
    if found == -1:
        found = hashes
        return ((start + found, start + found),)
    return ((start + found, start + found + len(content)),)


def _next_cell_piece(index: LineIndex, line0: int, content: str, pos: int) -> tuple[tuple[int, int], int]:
    """Where the next cell of a table row sits, searching from ``pos`` (0 for the first cell).

    Returns the piece and the position to search the following cell from; one
    call per cell keeps a row of thousands of cells linear.
    """
    line = line0 + 1
    source_line = index.line_text(line)
    base = index.starts[line - 1]
    pipe = source_line.find("|", pos)
    search_from = pipe + 1 if pipe != -1 and source_line[:pipe].strip() == "" and pos == 0 else pos
    found = source_line.find(content, search_from) if content else -1
    if found == -1 and "|" in content:
        # markdown-it unescapes "\|" inside a cell; the source still has the backslash.
        content = content.replace("|", "\\|")
        found = source_line.find(content, search_from)
    if found == -1:
        return (base + search_from, base + search_from), pos
    return (base + found, base + found + len(content)), found + len(content)


_HEADING_ATTRIBUTES = re.compile(r"[ \t]*\{[ \t]*[#.][\w\-:.]*(?:[ \t]+[^{}\n]*)?\}[ \t]*$")
_TASK = re.compile(r"\[[ xX]\](?=[ \t])")
_STANDALONE_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\([^)\n]*\)")


_CONTAINERS = ("bullet_list", "ordered_list", "list_item", "blockquote")
_CONTAINER_OPENS = {f"{name}_open": name for name in _CONTAINERS}
_CONTAINER_CLOSES = frozenset(f"{name}_close" for name in _CONTAINERS)


def _build_blocks(lesson: Lesson) -> None:
    index = lesson.index
    tokens = lesson.tokens
    stack: list[tuple[str, int]] = []  # (container type, token index)
    blocks = lesson.blocks
    row_line = 0
    row_pos = 0  # where to look for the next cell of the current table row

    def innermost() -> str | None:
        for kind, _start in reversed(stack):
            if kind in ("list_item", "blockquote"):
                return kind
        return None

    def enclosing_list() -> int | None:
        for kind, i in reversed(stack):
            if kind in ("bullet_list", "ordered_list"):
                return i
        return None

    depth = 0
    line_of = index.line_of
    references = lesson.env.get("references", {})
    for i, token in enumerate(tokens):
        ttype = token.type
        container = _CONTAINER_OPENS.get(ttype)
        if container is not None:
            stack.append((container, i))
            depth += 1
        elif ttype in _CONTAINER_CLOSES:
            if stack:
                stack.pop()
            depth -= 1
        elif ttype == "html_block" and lesson.raw_html and token.map is not None:
            blocks.extend(_html_blocks(lesson, token, depth))
        elif ttype == "inline" and token.map is not None:
            parent = tokens[i - 1].type if i else ""
            content = token.content
            if parent == "heading_open":
                opener = tokens[i - 1]
                attributes = _HEADING_ATTRIBUTES.search(content)
                if attributes:
                    # Goldmark's heading attributes (``## Titre {#ancre}``, on in Hugo): an
                    # anchor, not words.  Outside the piece, like the ``#`` marks.
                    content = content[: attributes.start()]
                pieces = _heading_pieces(index, token.map, content, opener.markup in ("=", "-"))
                kind, level = "heading", int(opener.tag[1])
            elif parent == "paragraph_open":
                pieces = _line_pieces(index, token.map[0], content)
                container = innermost()
                kind = {"list_item": "list_item", "blockquote": "quote"}.get(container, "paragraph")
                level = depth
                image = _STANDALONE_IMAGE.fullmatch(content.strip())
                if image and len(pieces) == 1:
                    start = pieces[0][0] + 2
                    pieces = ((start, start + len(image.group("alt"))),)
                    kind = "image_alt"
            elif parent == "dt_open":
                # The term of a definition list: a line of prose of its own (Hugo's <dt>).
                # One line only: a second line would be a second term (or no list at all).
                pieces = _line_pieces(index, token.map[0], content)
                kind, level = "term", depth
            elif parent in ("th_open", "td_open"):
                if token.map[0] != row_line:
                    row_line, row_pos = token.map[0], 0
                piece, row_pos = _next_cell_piece(index, row_line, content, row_pos)
                pieces = (piece,)
                kind, level = "table_cell", depth
            else:
                continue
            text = lesson.text
            raw = text[pieces[0][0] : pieces[0][1]] if len(pieces) == 1 else "\n".join(text[s:e] for s, e in pieces)
            prose = ""
            if kind == "list_item" and _TASK.match(raw):
                prose = "   " + mask(raw[3:], references)  # a task list's box: Hugo shows a checkbox
            elif "][" in raw:
                prose = mask(raw, references)
            if lesson.raw_html and "<img" in raw.lower():
                prose = _show_alt_texts(raw, prose or mask(raw, references))
            first = line_of(pieces[0][0])
            last = line_of(pieces[-1][1])
            blocks.append(
                Block(
                    kind=kind,
                    raw=raw,
                    pieces=pieces,
                    line=first,
                    end_line=last,
                    index=index,
                    level=level,
                    container=enclosing_list() if kind == "list_item" else None,
                    token=i,
                    prose=prose,
                )
            )


#: Elements that start or end a block of text for a reader (a new line on the page):
#: the text of a raw HTML block is cut there into prose blocks.
_HTML_BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote caption center dd details dialog div dl dt fieldset figcaption figure"
    " footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol p section summary table tbody"
    " td tfoot th thead tr ul".split()
)
#: Elements whose content readers do not read as text (code, scripts): never prose.
_HTML_RAW_ELEMENTS = frozenset({"pre", "script", "style", "textarea"})
_HTML_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9\-]*)(?:\s[^<>]*)?/?>", re.DOTALL
)


def _html_blocks(lesson: Lesson, token, depth: int) -> list[Block]:
    """The prose blocks of a raw HTML block, for a site that renders it (``unsafe = true``).

    Its text outside tags, comments and code (``<pre>``, ``<script>``…, and the
    content of ``<code>``, masked) is what readers see; each run of it between two
    elements that start or end a block (``<p>``, ``<div>``, ``<li>``…) is one block,
    as a paragraph is.  ``tests/hugo/`` checks the cut against real Hugo.
    """
    pieces = _line_pieces(lesson.index, token.map[0], token.content.rstrip("\n"))
    raw = "\n".join(lesson.text[s:e] for s, e in pieces)
    cuts: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    position = 0
    for match in _HTML_MARKUP.finditer(raw):
        if match.start() < position:
            continue
        tag = (match.group("tag") or "").lower()
        if tag in _HTML_RAW_ELEMENTS and not match.group("close"):
            closing = re.compile(r"</" + tag + r"\s*>", re.IGNORECASE).search(raw, match.end())
            end = closing.end() if closing else len(raw)
            cuts.append((match.start(), end))
            position = end
        elif tag == "code" and not match.group("close"):
            closing = re.compile(r"</code\s*>", re.IGNORECASE).search(raw, match.end())
            if closing:
                code.append((match.end(), closing.start()))
                position = closing.start()
        elif not tag or tag in _HTML_BLOCK_ELEMENTS:
            cuts.append(match.span())  # a comment, or an element that starts or ends a block
    out = []
    start = 0
    for cut_start, cut_end in [*cuts, (len(raw), len(raw))]:
        run_start, run_end = start, cut_start
        start = max(start, cut_end)
        while run_start < run_end and raw[run_start].isspace():
            run_start += 1
        while run_end > run_start and raw[run_end - 1].isspace():
            run_end -= 1
        text = raw[run_start:run_end]
        prose = _show_alt_texts(text, mask(text))
        for code_start, code_end in code:
            lo, hi = max(code_start, run_start), min(code_end, run_end)
            if lo < hi:
                inside = re.sub(r"[^\n]", " ", prose[lo - run_start : hi - run_start])
                prose = prose[: lo - run_start] + inside + prose[hi - run_start :]
        if not any(ch.isalpha() for ch in prose):
            continue
        sub = sub_pieces(pieces, run_start, run_end)
        out.append(
            Block(
                kind="html",
                raw=text,
                pieces=sub,
                line=lesson.index.line_of(sub[0][0]),
                end_line=lesson.index.line_of(sub[-1][1]),
                index=lesson.index,
                level=depth,
                prose=prose,
            )
        )
    return out


_IMG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\salt\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""", re.IGNORECASE)


def _show_alt_texts(raw: str, prose: str) -> str:
    """``prose`` with the ``alt`` text of each ``<img>`` of ``raw`` put back (same offsets).

    Only for a site that renders raw HTML: readers (and screen readers) get an
    image's alt text, as for a Markdown image; the rest of the tag stays masked.
    """
    for tag in _IMG.finditer(raw):
        alt = _ALT.search(tag.group())
        if alt is None:
            continue
        group = alt.lastgroup
        start, end = tag.start() + alt.start(group), tag.start() + alt.end(group)
        prose = prose[:start] + raw[start:end] + prose[end:]
    return prose


def sub_pieces(pieces, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The file offsets of ``joined[start:end]``, one pair per line, where ``joined`` is ``pieces`` joined by ``\\n``."""
    out = []
    consumed = 0
    for piece_start, piece_end in pieces:
        length = piece_end - piece_start
        lo, hi = max(start, consumed), min(end, consumed + length)
        if lo < hi:
            out.append((piece_start + lo - consumed, piece_start + hi - consumed))
        consumed += length + 1
    return tuple(out)


def _front_matter_blocks(lesson: Lesson, text_keys: tuple[str, ...]) -> list[Block]:
    """One block per text key whose value is a string written on its key's line."""
    fm = lesson.front_matter
    if fm is None:
        return []
    blocks = []
    for key, where in fm.keys.items():
        if key not in text_keys or not isinstance(lesson.metadata.get(key), str):
            continue
        if where.block:
            # A block scalar (``description: >``): one prose block over its lines.
            starts = lesson.index.starts
            pieces = tuple((starts[line - 1] + column - 1, starts[line - 1] + end - 1) for line, column, end in where.block)
            blocks.append(
                Block(
                    kind="front_matter_value",
                    raw="\n".join(lesson.text[s:e] for s, e in pieces),
                    pieces=pieces,
                    line=where.block[0][0],
                    end_line=where.block[-1][0],
                    index=lesson.index,
                    key=key,
                )
            )
            continue
        if not where.text_column:
            continue
        base = lesson.index.starts[where.line - 1]
        start, end = base + where.text_column - 1, base + where.text_end_column - 1
        if start == end:
            continue
        blocks.append(
            Block(
                kind="front_matter_value",
                raw=lesson.text[start:end],
                pieces=((start, end),),
                line=where.line,
                end_line=where.line,
                index=lesson.index,
                key=key,
            )
        )
    blocks.sort(key=lambda block: block.line)
    return blocks


def _shortcode_param_blocks(lesson: Lesson) -> list[Block]:
    """One block per reader-visible shortcode parameter (an ``expand`` label, a ``caption``).

    Readers see them (a box's title, a figure's caption), so every engine reads
    them as prose, at the place they are written; the block around masks the
    whole shortcode, so nothing else of it (name, keywords, file names) is read.
    Shortcodes shown in a code span or a comment, or inside a paired code
    shortcode, are not rendered: none of theirs.  Extraction makes its units
    from the blocks around (it needs the quotes and the structure cut there).
    """
    out = []
    for block in lesson.blocks:
        if block.kind == "front_matter_value" or "{{" not in block.raw:
            continue
        raw = block.raw
        shown = _CODE_SPAN.sub(lambda m: " " * len(m.group()), raw)
        for start, end in comment_spans(raw):
            shown = shown[:start] + " " * (end - start) + shown[end:]
        for match in SHORTCODE.finditer(shown):
            if any(s <= block.source_offset(match.start()) < e for s, e in lesson.hidden):
                continue
            for value_start, value_end, param, _quote in text_params_in(match.group(), lesson.shortcodes):
                start, end = match.start() + value_start, match.start() + value_end
                value = raw[start:end]
                if "\n" in value or not any(ch.isalpha() for ch in value):
                    continue
                first, last = block.source_offset(start), block.source_offset(end)
                line = lesson.index.line_of(first)
                out.append(Block("shortcode_param", value, ((first, last),), line, line, lesson.index, key=param))
    return out


def _structure(lesson: Lesson) -> None:
    """Headings with their section ranges, slides, and each block's place in them."""
    last_line = lesson.line_count
    hr_lines = [t.map[0] + 1 for t in lesson.tokens if t.type == "hr" and t.map]
    starts = [1 if lesson.front_matter is None else lesson.front_matter.end_line + 1]
    starts += [line + 1 for line in hr_lines]
    bounds = [*hr_lines, last_line + 1]
    lesson.slides = [
        Slide(i, start, max(start, bound - 1)) for i, (start, bound) in enumerate(zip(starts, bounds))
    ]
    for b, block in enumerate(lesson.blocks):
        if block.kind == "heading":
            level = lesson.tokens[block.token - 1].tag[1] if block.token else "1"
            lesson.headings.append(Heading(int(level), block.raw, block.line, last_line, b))
    # A heading's section ends before the next heading of the same or a higher
    # level: one pass with a stack of open headings (levels increase upwards).
    open_headings: list[Heading] = []
    for heading in lesson.headings:
        while open_headings and open_headings[-1].level >= heading.level:
            open_headings.pop().end_line = heading.line - 1
        open_headings.append(heading)
    # Linear in the number of blocks: a lesson of 10,000 slides must not take minutes.
    heading_lines = [heading.line for heading in lesson.headings]
    for block in lesson.blocks:
        block.slide = bisect.bisect_left(hr_lines, block.line)
        # The nearest heading at or above the block is the innermost that holds it.
        nearest = bisect.bisect_right(heading_lines, block.line) - 1
        if nearest >= 0 and block.line <= lesson.headings[nearest].end_line:
            block.section = nearest


def _check_nesting(lesson: Lesson) -> None:
    """markdown-it stops nesting silently past MAX_NESTING; tell the author."""
    deepest = 0
    for token in lesson.tokens:
        deepest = max(deepest, token.level)
    if deepest < MAX_NESTING - 2:
        return
    line = 1
    for token in lesson.tokens:
        if token.level >= MAX_NESTING - 2 and token.map:
            line = token.map[0] + 1
            break
    lesson.problems.append(
        _input_finding(
            lesson.path,
            "CL007",
            line,
            1,
            _(
                "imbrication trop profonde (plus de {levels} niveaux de listes ou de citations) :"
                " la suite n'est plus analysée comme structure"
            ).format(levels=MAX_NESTING),
        )
    )


_SHORTCODE_OPEN = re.compile(r"\{\{[<%]")
_SHORTCODE_CLOSE = re.compile(r"[%>]\}\}")
_CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)", re.DOTALL)


def _check_fences(lesson: Lesson) -> None:
    """A fence never closed turns the rest of the lesson into code: nothing is checked there."""
    lines = lesson.text.split("\n")
    for token in lesson.tokens:
        if token.type != "fence" or not token.map or not token.markup:
            continue
        start, end = token.map
        closing = lines[end - 1].lstrip(" \t>") if end - 1 > start and end - 1 < len(lines) else ""
        char, length = token.markup[0], len(token.markup)
        stripped = closing.rstrip(" \t")
        if len(stripped) >= length and stripped == char * len(stripped):
            continue
        lesson.problems.append(
            _input_finding(
                lesson.path,
                "CL008",
                start + 1,
                len(lines[start]) - len(lines[start].lstrip(" \t>")) + 1,
                _(
                    "bloc de code jamais fermé : ajoutez la ligne « {fence} » qui le termine,"
                    " sinon toute la suite est lue comme du code"
                ).format(fence=token.markup),
            )
        )


def _check_comments(lesson: Lesson) -> None:
    """``<!--`` without its ``-->``: Markdown (CommonMark, goldmark) hides everything after it."""
    for token in lesson.tokens:
        if token.type != "html_block" or not token.map:
            continue
        opener = token.content.find("<!--")
        if opener < 0 or token.content.lstrip(" \t>").find("<!--") != 0 or "-->" in token.content[opener + 4 :]:
            continue
        start, end = token.map
        hidden = max(end - start - 1, 0)
        line_text = lesson.index.line_text(start + 1)
        lesson.problems.append(
            _input_finding(
                lesson.path,
                "CL012",
                start + 1,
                line_text.find("<!--") + 1,
                agree(
                    "commentaire HTML jamais fermé : « <!-- » sans « --> », la ligne qui suit (jusqu'à la ligne"
                    " {last}) est cachée aux lecteurs ; fermez-le par « --> »",
                    "commentaire HTML jamais fermé : « <!-- » sans « --> », les {count} lignes qui suivent (jusqu'à"
                    " la ligne {last}) sont cachées aux lecteurs ; fermez-le par « --> »",
                    hidden,
                    last=end,
                ),
            )
        )


def _check_shortcodes(lesson: Lesson) -> None:
    """``{{< figure …`` without its ``>}}``: Hugo fails or swallows the text that follows."""
    for block in lesson.blocks:
        if block.kind == "front_matter_value" or "{{" not in block.raw:
            continue
        # Code spans may show shortcodes (a lesson about Hugo): blank them, same length.
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group()), block.raw)
        for opener in _SHORTCODE_OPEN.finditer(text):
            following = _SHORTCODE_OPEN.search(text, opener.end())
            limit = following.start() if following else len(text)
            if _SHORTCODE_CLOSE.search(text, opener.end(), limit):
                continue
            line, column = block.position(opener.start())
            closer = ">}}" if opener.group() == "{{<" else "%}}"
            lesson.problems.append(
                _input_finding(
                    lesson.path,
                    "CL009",
                    line,
                    column,
                    _("shortcode Hugo jamais fermé : ajoutez « {closer} » après « {opener} »").format(
                        closer=closer, opener=opener.group()
                    ),
                )
            )


# --------------------------------------------------------------------------- entry point


#: Stands for a line inside a paired code shortcode in the text markdown-it parses:
#: not blank (Hugo puts one placeholder there, so the paragraph around goes on), not
#: Markdown, and never the end of a file line (so no block piece is matched to it).
_HIDDEN_LINE = "\u2063"


def _hide_shortcode_content(text: str, markdown_text: str, index: LineIndex, regions) -> str:
    """``markdown_text`` with every line inside a hidden region replaced by :data:`_HIDDEN_LINE`.

    Hugo takes a paired shortcode out of the Markdown before goldmark sees it: a
    Dockerfile between ``{{< highlight >}}`` and ``{{< /highlight >}}`` must not
    become headings, paragraphs or an indented code block here either.
    """
    lines = markdown_text.split("\n")
    for start, end in regions:
        first = index.line_of(start) + 1  # the line after the opening shortcode
        last = index.line_of(end) - 1  # the line before the closing one
        for line in range(first, last + 1):
            lines[line - 1] = _HIDDEN_LINE
    return "\n".join(lines)


def _mask_hidden(lesson: Lesson) -> None:
    """Mask, in each block's prose, what lies inside a hidden region (same length)."""
    for block in lesson.blocks:
        low, high = block.pieces[0][0], block.pieces[-1][1]
        overlapping = [(s, e) for s, e in lesson.hidden if s < high and e > low]
        if not overlapping:
            continue
        prose = list(block.prose)
        for i in range(len(block.raw)):
            if block.raw[i] == "\n":
                continue
            offset = block.source_offset(i)
            if any(s <= offset < e for s, e in overlapping):
                prose[i] = " "
        block.prose = "".join(prose)


def parse(
    path: str,
    source: str | bytes,
    *,
    text_keys: tuple[str, ...] = DEFAULT_TEXT_KEYS,
    shortcodes: ShortcodeTable = DEFAULT_TABLE,
    raw_html: bool = False,
) -> Lesson:
    """Parse a lesson. Never raises on bad content: problems become ``lesson.problems``.

    ``raw_html``: the site renders raw HTML (goldmark's ``unsafe``, ``Config.raw_html``):
    the text of raw HTML blocks is then prose.  Off, as Hugo's default, they are not.
    """
    problems: list[Finding] = []
    bom = False
    if isinstance(source, bytes):
        try:
            source, bom = decode(source)
        except DecodeError as exc:
            empty = LineIndex("")
            finding = _input_finding(path, exc.code, exc.line, exc.column, exc.message)
            return Lesson(path, "", "", False, empty, {}, None, [], problems=[finding])
    elif source.startswith("\ufeff"):
        source, bom = source[1:], True
    text = normalise_newlines(source)
    index = LineIndex(text)

    reading = front_matter_reader.read(text)
    front_matter, metadata = reading.front_matter, reading.metadata
    for code, line, column, message in reading.problems:
        fixes: tuple[Fix, ...] = ()
        if code == "CL010":
            # Safe: Hugo reads the same front matter once the blanks before the fence are gone.
            remove = Edit(Span(1, 1, line, column), "")
            fixes = (Fix(_("retirer les blancs avant le délimiteur"), (remove,), safe=True),)
        where = Span.point(line, column)
        if 1 <= line <= index.line_count:
            # A parser's mark may sit on an empty line (YAML's "could not find expected ':'"
            # after a blank): the range then ends where the line does, not one column past it.
            end = max(column, min(column + 1, len(index.line_text(line)) + 1))
            where = Span(line, column, line, end)
        problems.append(codes.finding(code, path, where, message, fixes=fixes))
    markdown_text = text
    body_start = 0
    if front_matter is not None:
        # Blank the front matter (keep its lines) so Markdown lines stay file lines.
        closing = front_matter.end_line - 1
        if closing + 1 < index.line_count:
            body_start = index.starts[closing + 1]
            markdown_text = "\n" * (closing + 1) + text[body_start:]
        else:
            body_start = len(text)
            markdown_text = "\n" * closing
    hidden = [(s, e) for s, e in shortcodes.hidden_regions(text) if s >= body_start]
    if hidden:
        markdown_text = _hide_shortcode_content(text, markdown_text, index, hidden)

    env: dict = {}
    tokens = parse_blocks(markdown_text, env)
    lesson = Lesson(
        path, source, text, bom, index, metadata, front_matter, tokens,
        problems=problems, env=env, hidden=hidden, shortcodes=shortcodes, raw_html=raw_html,
    )
    lesson.blocks.extend(_front_matter_blocks(lesson, text_keys))
    _build_blocks(lesson)
    if hidden:
        _mask_hidden(lesson)
    # Last, so that the index of a Markdown block in ``lesson.blocks`` follows document order.
    lesson.blocks.extend(_shortcode_param_blocks(lesson))
    _structure(lesson)
    _check_nesting(lesson)
    _check_fences(lesson)
    _check_comments(lesson)
    _check_shortcodes(lesson)
    return lesson
