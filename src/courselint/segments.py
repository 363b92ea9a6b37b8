"""Masking of non-prose inside a unit of text.

``mask(raw)`` returns a string of the same length as ``raw`` in which everything
that is not prose (inline code, URLs, link targets, raw HTML, HTML comments, Hugo
shortcodes, emoji codes such as ``:smile:``, footnote references ``[^1]``, e-mail
addresses, entities) is replaced
by spaces, and inline markup
delimiters (``**``, ``_``, ``~~``, ``[``, ``]``) are replaced by spaces — or by
:data:`JOINER` when they sit inside a word, so that ``**L**inu**X**`` still reads
as one word.  Newlines are always kept, so an offset in the masked text is an
offset in the raw text, and through the block's pieces an offset in the file.
"""

from __future__ import annotations

import re

#: Stands for inline markup inside a word (U+2060 WORD JOINER): tokenizers join across it.
JOINER = "\u2060"

# Order matters: the first alternative that matches at a position wins.
_BEFORE_URLS = r"""
      (?P<comment><!--.*?(?:-->|\Z))
    | (?P<shortcode>\{\{[<%].*?(?:[%>]\}\}|\Z))
    | (?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))
    | (?P<autolink><(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>)
    | (?P<html></?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>)
    | (?P<target>\]\((?:<[^<>\n]*>|(?:[^()\s]|\((?:[^()\s])*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\))
    | (?P<reflabel>\]\[[^\]\n]*\])
    | (?P<footnote>\[\^[^\]\s]+\](?!:))
    | (?P<emoji>(?<![\w:]):(?:[a-z0-9_+\-]*[a-z][a-z0-9_+\-]*|[+\-]1):(?![\w:]))
"""
_URLS = r"""
    | (?P<url>(?:https?|ftp)://[^\s<>()\[\]`]*[^\s<>()\[\]`.,;:!?'"»)]|www\.[^\s<>()\[\]`]*[^\s<>()\[\]`.,;:!?'"»)])
    | (?P<email>[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)
"""
_AFTER_URLS = r"""
    | (?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});)
    | (?P<escape>\\(?=[!-/:-@\[-`{-~]))
    | (?P<hardbreak>\\$)
    | (?P<delim>\*+|~~|(?<!\w)_+|_+(?!\w)|!?\[|\])
"""
_FLAGS = re.VERBOSE | re.DOTALL | re.MULTILINE
_NON_PROSE = re.compile(_BEFORE_URLS + _URLS + _AFTER_URLS, _FLAGS)

# Speed: URLs and e-mail addresses can start at any letter, so with them the
# regex engine tries every alternative at every character (~10x slower).  Text
# without "://", "www." or "@" cannot hold one; there, the other alternatives
# alone give the same matches, and all of them start with one of these characters.
_NON_PROSE_NO_URL = re.compile(
    r"(?=[<{`\]\[!&\\*~_:])(?:" + _BEFORE_URLS + _AFTER_URLS + ")", _FLAGS
)


def _non_prose(raw: str) -> re.Pattern:
    if "@" in raw or "://" in raw or "www." in raw:
        return _NON_PROSE
    return _NON_PROSE_NO_URL


def _blank(text: str) -> str:
    """Spaces of the same length, newlines kept."""
    return "".join("\n" if ch == "\n" else " " for ch in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == JOINER


def mask(raw: str, references=None) -> str:
    """Return ``raw`` with non-prose masked (same length, same newlines).

    ``references``: the link reference labels the lesson defines (markdown-it's
    ``env["references"]``), when known.  ``[P][R]`` with no ``[R]: url`` is not a link:
    Hugo shows ``R``, so it stays prose.
    """
    out: list[str] = []
    last = 0
    for match in _non_prose(raw).finditer(raw):
        start, end = match.span()
        out.append(raw[last:start])
        piece = match.group()
        if match.lastgroup == "reflabel" and references is not None and _undefined(piece, references):
            out.append("  " + piece[2:-1] + " ")  # "][" and "]" masked, the label kept
        elif match.lastgroup == "escape":
            out.append(JOINER)  # "l\\'arbre": the backslash only protects the next character
        elif match.lastgroup == "delim":
            before = _last_char(out)
            after = raw[end : end + 1]
            inside_word = _is_word_char(before) and _is_word_char(after)
            out.append((JOINER if inside_word else " ") * len(piece))
        else:
            out.append(_blank(piece))
        last = end
    out.append(raw[last:])
    return "".join(out)


def _undefined(reflabel: str, references) -> bool:
    """``][label]`` names no reference the lesson defines (an empty label: the link text does)."""
    label = reflabel[2:-1]
    if not label.strip():
        return False
    # markdown-it's normalizeReference: whitespace collapsed, case folded (upper).
    return " ".join(label.split()).casefold().upper() not in references


def _last_char(parts: list[str]) -> str:
    for part in reversed(parts):
        if part:
            return part[-1]
    return ""


def code_spans(raw: str) -> list[str]:
    """The contents of the inline code spans that :func:`mask` masks, in order."""
    if "`" not in raw:
        return []
    return [
        match.group()[len(match.group("ticks")) : -len(match.group("ticks"))]
        for match in _non_prose(raw).finditer(raw)
        if match.lastgroup == "code"
    ]


_COMMENT_OR_CODE = re.compile(r"(?P<code>(`+).+?(?<!`)\2(?!`))|(?P<comment><!--.*?(?:-->|\Z))", re.DOTALL)


def comment_spans(raw: str) -> list[tuple[int, int]]:
    """(start, end) of the HTML comments of ``raw``, not those shown in an inline code span."""
    if "<!--" not in raw:
        return []
    return [match.span() for match in _COMMENT_OR_CODE.finditer(raw) if match.lastgroup == "comment"]
