"""The only place that builds a Markdown parser.

Hugo renders with Goldmark; Hugo 0.111 turns on its tables, strikethrough,
linkify, task lists, definition lists, footnotes and typographer extensions.  We
follow the same dialect where it changes the blocks (footnote definitions and
definition lists are blocks of their own; task lists, linkify and the typographer
only change inline text), so that what we see as a paragraph, a list item or a
heading is what the reader sees.  ``tests/hugo/`` checks it against real Hugo.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

#: Deeper nesting than this is not parsed as structure by markdown-it; the lesson
#: model turns that into a finding rather than silently flattening the text.
MAX_NESTING = 100


def _goldmark_dialect() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin).use(deflist_plugin)
    # footnote_tail moves the definitions that references point to (known from the
    # inline pass) to the end: here they stay where they are written, in file order.
    md.disable("footnote_tail")
    return md


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return _goldmark_dialect()


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """The same parser without the inline pass: ``inline`` tokens keep no children.

    Most checks only read the block structure and the text of each block, and the
    inline pass is about half of markdown-it's time; :meth:`Lesson.inline_tokens
    <courselint.document.Lesson.inline_tokens>` runs it for the checks that need it.
    """
    md = _goldmark_dialect()
    md.disable(["inline", "text_join"])
    return md


def parse_blocks(text: str, env: dict) -> list:
    """The block tokens of ``text`` (``env`` filled as :func:`block_parser` fills it).

    In a program that called :func:`remember_sections` (the language server), the
    text is parsed section by section and unchanged sections are not parsed again.
    """
    if _sections is not None:
        return _sections.parse(text, env)
    return block_parser().parse(text, env)


_sections: _Sections | None = None


def remember_sections(spare: int = 64) -> None:
    """Parse by sections and remember them: for a program that parses edit after edit of one text.

    The memory keeps the sections of the last text parsed and ``spare`` others
    (recent versions, other open lessons): a forgotten section is only parsed again.
    """
    global _sections
    _sections = _Sections(spare)


#: A section starts at an ATX heading written at the margin, after a blank line.
_new_object = object.__new__

_SECTION_START = re.compile(r"#{1,6}(?:[ \t]|$)")


class _Sections:
    """Block tokens of a text, parsed between headings and remembered by section text.

    A keystroke changes one section of a 2,000-line lesson; the others are taken
    from the memory, their line numbers moved.  This gives the tokens the whole
    text gives because a heading at the margin after a blank line starts a fresh
    top-level block, which reads nothing above it; and the blocks above it read
    nothing below the blank line, unless one runs into the heading (an unclosed
    fence or HTML block, a list that might go on): a section whose last block
    reaches its end is parsed together with the next.  ``tests/model`` compares
    both parses after random edits of real lessons.
    """

    def __init__(self, spare: int) -> None:
        self.spare = spare
        self._memory: OrderedDict[str, tuple[list, dict]] = OrderedDict()
        # The server parses in two threads (the checks, grammar): one memory, one at a time.
        self._lock = threading.Lock()

    def parse(self, text: str, env: dict) -> list:
        with self._lock:
            return self._parse(text, env)

    def _parse(self, text: str, env: dict) -> list:
        lines = text.split("\n")
        starts = [0] + [
            number
            for number in range(1, len(lines))
            if _SECTION_START.match(lines[number]) and not lines[number - 1].strip(" \t")
        ]
        tokens: list = []
        pieces: list[tuple[int, dict]] = []
        first = 0
        used = 0  # texts this parse asked the memory for: they stay
        index = 0
        while index < len(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(lines)
            if end < len(lines):
                chunk = "\n".join(lines[starts[first] : end]) + "\n"
            else:
                chunk = "\n".join(lines[starts[first] :])
            parsed, chunk_env = self._parsed(chunk)
            used += 1
            if end < len(lines) and _runs_on(parsed, end - starts[first]):
                if index - first < _MAX_JOINED:
                    index += 1  # its last block may go on under the next heading: parse them together
                else:
                    del starts[index + 1 :]  # one section to the end of the text: never quadratic
                continue
            offset = starts[first]
            tokens.extend(_moved(t, offset) for t in parsed)
            pieces.append((offset, chunk_env))
            index += 1
            first = index
        _merge_envs(env, pieces)
        # A section is 20 to 60 tokens: each version typed would otherwise stay.
        while len(self._memory) > used + self.spare:
            self._memory.popitem(last=False)
        return tokens

    def _parsed(self, chunk: str) -> tuple[list, dict]:
        known = self._memory.get(chunk)
        if known is None:
            chunk_env: dict = {}
            known = self._memory[chunk] = (block_parser().parse(chunk, chunk_env), chunk_env)
        else:
            self._memory.move_to_end(chunk)
        return known


#: Containers that a heading at the margin after a blank line always closes (a list
#: item, a quote, a footnote or a definition goes on only with indented or marked lines).
_CLOSED_BY_HEADING = frozenset(
    ["bullet_list_open", "ordered_list_open", "blockquote_open", "footnote_reference_open", "dl_open"]
)
#: Sections parsed together at most before the rest of the text is taken as one.
_MAX_JOINED = 4


def _runs_on(tokens: list, lines: int) -> bool:
    """Whether the last top-level block of a section reaches its end and might swallow the next heading.

    An unclosed fence or HTML block does: they end at the end of the input.
    """
    for token in reversed(tokens):
        if token.level == 0 and token.nesting >= 0 and token.map:
            return token.map[1] >= lines and token.type not in _CLOSED_BY_HEADING
    return False


def _moved(token, offset: int):
    """A copy of a remembered token, ``offset`` lines down (later passes fill tokens in place)."""
    # Field by field: copy.copy of a slotted dataclass is ten times slower, and a
    # 2,000-line lesson has 3,000 tokens.
    copy = _new_object(type(token))
    copy.type, copy.tag, copy.nesting, copy.level = token.type, token.tag, token.nesting, token.level
    copy.content, copy.markup, copy.info = token.content, token.markup, token.info
    copy.block, copy.hidden = token.block, token.hidden
    copy.map = None if token.map is None else [token.map[0] + offset, token.map[1] + offset]
    copy.attrs = dict(token.attrs)
    copy.meta = dict(token.meta)
    copy.children = None if token.children is None else [_moved(child, offset) for child in token.children]
    return copy


def _merge_envs(env: dict, pieces: list[tuple[int, dict]]) -> None:
    """``env`` as one parse of the whole text fills it: the first definition of a label wins."""
    references = {}
    duplicates = []
    for offset, piece in pieces:
        for label, value in piece.get("references", {}).items():
            moved = _moved_reference(value, offset)
            if label in references:
                duplicates.append({**moved, "label": label})
            else:
                references[label] = moved
        duplicates.extend(_moved_reference(value, offset) for value in piece.get("duplicate_refs", ()))
        if "footnotes" in piece:
            footnotes = env.setdefault("footnotes", {})
            for key, value in piece["footnotes"].items():
                if isinstance(value, dict):
                    footnotes.setdefault(key, {}).update(value)
                else:
                    footnotes.setdefault(key, value)
    if references:
        env["references"] = references
    if duplicates:
        env["duplicate_refs"] = duplicates


def _moved_reference(value: dict, offset: int) -> dict:
    return {**value, "map": [value["map"][0] + offset, value["map"][1] + offset]} if "map" in value else value


_INLINE_PARSED = "courselint_inline_parsed"


def parse_inline(token, env: dict) -> list:
    """Fill an ``inline`` token's children as the full parser would (once) and return them.

    ``env`` is the one the block pass filled: it holds the link reference definitions.
    """
    # The block pass leaves ``children = []``: an empty inline is not a parsed one.
    if not token.meta.get(_INLINE_PARSED):
        from markdown_it.rules_core import text_join
        from markdown_it.rules_core.state_core import StateCore

        md = parser()
        token.meta[_INLINE_PARSED] = True
        token.children = []
        md.inline.parse(token.content, md, env, token.children)
        text_join(StateCore("", md, env, [token]))
    return token.children


class _NoDebug:
    """Stands for a logger whose debug messages nobody reads."""

    def debug(self, *args, **kwargs) -> None:
        pass


def silence_rule_logging() -> None:
    """Skip the DEBUG message markdown-it's block rules log each time they are tried.

    Over a million calls for a thousand lessons, 11 % of the parse, for messages a
    command-line run never shows.  Only the command line calls this: a program that
    imports courselint keeps markdown-it's logging as it is.  A markdown-it without
    these module loggers is left alone.
    """
    import importlib
    import pkgutil

    from markdown_it import parser_block, rules_block

    modules = [parser_block]
    for info in pkgutil.iter_modules(rules_block.__path__):
        modules.append(importlib.import_module(f"markdown_it.rules_block.{info.name}"))
    for module in modules:
        if hasattr(module, "LOGGER"):
            module.LOGGER = _NoDebug()
