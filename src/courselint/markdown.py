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
