"""The lesson model: ``parse(path, source) -> Lesson``.

Positions are exact: the Markdown is parsed over the whole file (front matter
lines blanked, not removed), so token lines are file lines; every prose unit
(:class:`Block`) keeps, for each of its source lines, the offsets of its content
in ``Lesson.text``.  ``Lesson.text`` is the decoded file with its line ends
normalised to ``\\n`` (markdown-it does the same); line contents are unchanged,
so a (line, column) in ``text`` is the same (line, column) in the file.

We detect the front matter ourselves instead of using the markdown-it plugin:
it lets us report a front matter that is never closed, and read TOML (``+++``)
as cheaply as YAML.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from courselint.findings import Finding, LineIndex
from courselint.markdown import MAX_NESTING, block_parser, parse_inline
from courselint.segments import JOINER, mask

__all__ = ["parse", "Lesson", "Block", "Heading", "Slide", "FrontMatter", "JOINER", "decode"]

#: Front matter keys whose string values are prose (spell-checked, translated).
DEFAULT_TEXT_KEYS = ("title", "description", "summary", "subtitle", "linkTitle", "menuTitle")

PROSE_KINDS = frozenset(
    {"heading", "paragraph", "list_item", "quote", "table_cell", "front_matter_value", "image_alt"}
)


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

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of ``raw[start:end]``."""
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return line, column, end_line, end_column


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


@dataclass(slots=True)
class FrontMatter:
    format: str  # "yaml" or "toml"
    start_line: int  # line of the opening fence
    end_line: int  # line of the closing fence
    raw: str


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
            "CL004", line, column, "fichier binaire (octet NUL) : ce n'est pas une leçon Markdown"
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
            f"encodage invalide : le fichier n'est pas en UTF-8 (octet 0x{data[exc.start]:02x}) ;"
            " enregistrez-le en UTF-8",
        ) from None


def normalise_newlines(source: str) -> str:
    return source.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- front matter

_YAML_FENCE = re.compile(r"---[ \t]*")
_YAML_END = re.compile(r"(?:---|\.\.\.)[ \t]*")
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*")


class _SafeLineLoader(yaml.SafeLoader):
    """Safe YAML (no object construction) that refuses runaway alias expansion."""

    max_aliases = 1000

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > self.max_aliases:
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "trop d'alias YAML (expansion excessive)", event.start_mark
                )
        return super().compose_node(parent, index)


# libyaml's parser, when PyYAML was built with it, reads a front matter about 5x faster.
_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", None)


def _load_yaml(raw: str):
    """Safe YAML; the fast parser only where no alias can occur and nothing went wrong.

    Without ``&`` or ``*`` there is no anchor or alias to count; on an error the
    pure-Python loader parses again, so that messages do not depend on how PyYAML
    was built.
    """
    if _FAST_SAFE_LOADER is not None and "&" not in raw and "*" not in raw:
        try:
            return yaml.load(raw, Loader=_FAST_SAFE_LOADER)  # noqa: S506 - safe loader
        except yaml.YAMLError:
            pass
    return yaml.load(raw, Loader=_SafeLineLoader)  # noqa: S506 - SafeLoader subclass


def _split_front_matter(lines: list[str]) -> tuple[str | None, int]:
    """Return (format, closing line index) or (None, -1); (fmt, -2) if never closed."""
    if not lines:
        return None, -1
    first = lines[0]
    if _YAML_FENCE.fullmatch(first):
        fmt, end_re = "yaml", _YAML_END
    elif _TOML_FENCE.fullmatch(first):
        fmt, end_re = "toml", _TOML_FENCE
    else:
        return None, -1
    for i in range(1, len(lines)):
        if end_re.fullmatch(lines[i]):
            return fmt, i
    return fmt, -2


def _load_front_matter(fmt: str, raw: str, first_line: int, problems: list, path: str) -> dict:
    def problem(code: str, line: int, column: int, message: str) -> None:
        finding = _input_finding(path, code, line, column, message)
        # A parser's mark may sit on an empty line (YAML's "could not find expected ':'"
        # after a blank): the range then ends where the line does, not one column past it.
        lines = raw.split("\n")
        if 0 <= line - first_line - 1 < len(lines):
            end = max(column, min(column + 1, len(lines[line - first_line - 1]) + 1))
            finding = replace(finding, end_column=end)
        problems.append(finding)

    try:
        if fmt == "yaml":
            data = _load_yaml(raw)
        else:
            data = tomllib.loads(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + 1 + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problem("CL003", line, column, f"front matter YAML invalide : {reason}")
        return {}
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        if match:
            line, column = first_line + int(match.group(1)), int(match.group(2))
        elif "end of document" in str(exc):
            # tomllib gives no line for a value cut short by the closing fence.
            last = raw.rsplit("\n", 1)[-1]
            line, column = first_line + 1 + raw.count("\n"), len(last) + 1
        else:
            line, column = first_line + 1, 1
        problem("CL003", line, column, f"front matter TOML invalide : {str(exc).split(' (')[0]}")
        return {}
    except RecursionError:
        problem("CL003", first_line + 1, 1, "front matter trop profondément imbriqué")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = type(data).__name__
        # On the value's first line: the lines before it may be blank.
        value_lines = raw.split("\n")
        first_value = next((i for i, text in enumerate(value_lines) if text.strip()), 0)
        problem(
            "CL005",
            first_line + 1 + first_value,
            1,
            f"le front matter doit être un dictionnaire de clés (trouvé : {kind})",
        )
        return {}
    return data


def _input_finding(path: str, code: str, line: int, column: int, message: str) -> Finding:
    from courselint.rules import RULES

    rule = RULES[code]
    return Finding(path, line, column, line, column + 1, code, rule.name, rule.severity, message)


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
        for kind, _ in reversed(stack):
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
        elif ttype == "inline" and token.map is not None:
            parent = tokens[i - 1].type if i else ""
            content = token.content
            if parent == "heading_open":
                opener = tokens[i - 1]
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
                )
            )


def _front_matter_blocks(lesson: Lesson, text_keys: tuple[str, ...]) -> list[Block]:
    fm = lesson.front_matter
    if fm is None or fm.format != "yaml":
        return []
    blocks = []
    for line in range(fm.start_line + 1, fm.end_line):
        text = lesson.index.line_text(line)
        match = re.match(r"(?P<key>[A-Za-z_][\w\-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", text)
        if not match or match.group("key") not in text_keys:
            continue
        key = match.group("key")
        if not isinstance(lesson.metadata.get(key), str):
            continue
        value_start = match.start("value")
        value = match.group("value")
        if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
            value_start += 1
            value = value[1:-1]
        elif value.startswith(("|", ">", "\"", "'")) or not value:
            continue  # block scalars and multi-line strings are not units (yet)
        base = lesson.index.starts[line - 1] + value_start
        blocks.append(
            Block(
                kind="front_matter_value",
                raw=value,
                pieces=((base, base + len(value)),),
                line=line,
                end_line=line,
                index=lesson.index,
                key=key,
            )
        )
    return blocks


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
            f"imbrication trop profonde (plus de {MAX_NESTING} niveaux de listes ou de citations) :"
            " la suite n'est plus analysée comme structure",
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
                f"bloc de code jamais fermé : ajoutez la ligne « {token.markup} » qui le termine,"
                " sinon toute la suite est lue comme du code",
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
                    f"shortcode Hugo jamais fermé : ajoutez « {closer} » après « {opener.group()} »",
                )
            )


# --------------------------------------------------------------------------- entry point


def parse(
    path: str, source: str | bytes, *, text_keys: tuple[str, ...] = DEFAULT_TEXT_KEYS
) -> Lesson:
    """Parse a lesson. Never raises on bad content: problems become ``lesson.problems``."""
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
    lines = text.split("\n")

    metadata: dict[str, Any] = {}
    front_matter = None
    markdown_text = text
    fmt, closing = _split_front_matter(lines)
    if fmt and closing == -2:
        problems.append(
            _input_finding(
                path,
                "CL006",
                1,
                1,
                "front matter jamais fermé : ajoutez la ligne "
                + ("`---`" if fmt == "yaml" else "`+++`")
                + " qui le termine",
            )
        )
    elif fmt:
        raw = "\n".join(lines[1:closing])
        front_matter = FrontMatter(fmt, 1, closing + 1, raw)
        metadata = _load_front_matter(fmt, raw, 1, problems, path)
        # Blank the front matter (keep its lines) so Markdown lines stay file lines.
        if closing + 1 < index.line_count:
            markdown_text = "\n" * (closing + 1) + text[index.starts[closing + 1] :]
        else:
            markdown_text = "\n" * closing

    env: dict = {}
    tokens = block_parser().parse(markdown_text, env)
    lesson = Lesson(path, source, text, bom, index, metadata, front_matter, tokens, problems=problems, env=env)
    lesson.blocks.extend(_front_matter_blocks(lesson, text_keys))
    _build_blocks(lesson)
    _structure(lesson)
    _check_nesting(lesson)
    _check_fences(lesson)
    _check_shortcodes(lesson)
    return lesson
