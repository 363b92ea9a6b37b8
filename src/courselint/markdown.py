"""The only place that builds a Markdown parser.

Hugo renders with Goldmark (CommonMark plus GitHub tables and strikethrough); we
follow the same dialect so that what we see as a paragraph, a list item or a
heading is what the reader sees.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

#: Deeper nesting than this is not parsed as structure by markdown-it; the lesson
#: model turns that into a finding rather than silently flattening the text.
MAX_NESTING = 100


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    return md


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """The same parser without the inline pass: ``inline`` tokens keep no children.

    Most checks only read the block structure and the text of each block, and the
    inline pass is about half of markdown-it's time; :meth:`Lesson.inline_children
    <courselint.document.Lesson.inline_children>` runs it for the tokens that need it.
    """
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
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
