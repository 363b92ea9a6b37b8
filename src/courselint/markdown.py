"""The only place that builds a Markdown parser.

Hugo renders with Goldmark; Hugo 0.111 turns on its tables, strikethrough,
linkify, task lists, definition lists, footnotes and typographer extensions.  We
follow the same dialect where it changes the blocks (footnote definitions and
definition lists are blocks of their own; task lists, linkify and the typographer
only change inline text), so that what we see as a paragraph, a list item or a
heading is what the reader sees.  ``tests/hugo/`` checks it against real Hugo.
"""

from __future__ import annotations

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
