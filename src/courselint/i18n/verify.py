"""Structure of a lesson and of a translated string, for verify-before-write and CL6xx.

A translated lesson is written only if :func:`structure` of it equals that of
the source: the same block tokens (lists, quotes, headings, tables, separators,
code blocks with the same code, HTML blocks), the same factor tags, timeline
years and step years, the same shortcodes (translatable parameters aside), the
same non-translatable front matter, and the same link targets — except those a
translator changed on purpose in a ``msgstr`` (CL602 warns about them).

The per-string helpers (inline code, link targets, shortcodes, raw HTML) are
shared with the translation rules, so ``check`` and ``build`` agree.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from courselint.i18n.units import SHORTCODE, translatable_params
from courselint.markdown import parser
from courselint.messages import N_, _

# --------------------------------------------------------------------------- inline features


@lru_cache(maxsize=4096)
def _inline_tokens(text: str) -> tuple:
    tokens = parser().parseInline(text)
    flat = []
    for token in tokens:
        flat.extend(token.children or ())
    return tuple(flat)


def inline_code(text: str) -> Counter:
    """Contents of the code spans of a string (Markdown-aware: escapes and fences of backticks)."""
    return Counter(t.content for t in _inline_tokens(text) if t.type == "code_inline")


def link_targets(text: str) -> Counter:
    """Targets of links and images, and autolinks."""
    out: Counter = Counter()
    for token in _inline_tokens(text):
        if token.type == "link_open":
            out[token.attrGet("href")] += 1
        elif token.type == "image":
            out[token.attrGet("src")] += 1
    return out


def html_tags(text: str) -> Counter:
    """Raw inline HTML of a string, by tag name (``<b>``, ``</b>``, ``<script>``…)."""
    out: Counter = Counter()
    for token in _inline_tokens(text):
        if token.type == "html_inline":
            match = re.match(r"<\s*(/?)\s*([A-Za-z][\w\-]*)", token.content)
            out[(match.group(1) + match.group(2).lower()) if match else token.content] += 1
    return out


def shortcodes(text: str, translatable: tuple[str, ...] = ()) -> Counter:
    """Shortcodes of a string, translatable parameter values blanked, spaces normalised."""
    out: Counter = Counter()
    for match in SHORTCODE.finditer(text):
        out[normalise_shortcode(match.group(), translatable)] += 1
    return out


def normalise_shortcode(code: str, translatable: tuple[str, ...] = ()) -> str:
    """A shortcode with its translatable values emptied and its spaces normalised."""
    out = []
    last = 0
    for start, end, _name, _quote in translatable_params(code, translatable):
        out.append(code[last:start])
        last = end
    out.append(code[last:])
    return " ".join("".join(out).split())


# --------------------------------------------------------------------------- lesson structure


_HTML_TAG = re.compile(r"<!--.*?(?:-->|\Z)|</?[A-Za-z][^<>]*>", re.DOTALL)


def structure(lesson, translatable_params: tuple[str, ...] = (), text_keys: tuple[str, ...] = ()) -> dict:
    """What must not change between a lesson and its translation."""
    blocks = []
    for token in lesson.tokens:
        if token.type == "inline":
            continue
        entry = (token.type, token.tag, token.markup, token.level, token.info.strip())
        if token.type == "html_block" and lesson.raw_html:
            # Its text is translated (the site shows it): the markup must stay, not the words.
            entry += (tuple(_HTML_TAG.findall(token.content)),)
        elif token.type in ("fence", "code_block", "html_block"):
            entry += (token.content,)
        blocks.append(entry)
    course = lesson.course
    front = {k: v for k, v in lesson.metadata.items() if k not in text_keys}
    translated_front = sorted(k for k in lesson.metadata if k in text_keys)
    links: Counter = Counter()
    codes: Counter = Counter()
    for token in lesson.inline_tokens():
        for child in token.children or ():
            if child.type == "link_open":
                links[child.attrGet("href")] += 1
            elif child.type == "image":
                links[child.attrGet("src")] += 1
            elif child.type == "code_inline":
                codes[child.content] += 1
    return {
        "blocks": blocks,
        "front matter": (_shape(front, {}), translated_front),
        "tags": [tuple(t.text for t in tags) for _line, tags in sorted(course.tags.items())],
        "timeline": [item.year for item in course.timeline.items] if course.timeline else None,
        "steps": [step.year for step in course.steps],
        "shortcodes": shortcodes(lesson.text, translatable_params),
        "links": links,
        "inline code": codes,
    }


def _shape(value, seen: dict[int, int]):
    """A comparable form of front matter values, linear in their distinct lists and mappings.

    YAML aliases share one object between several places: a list or mapping met
    again is written as a back reference, never walked again.  Comparing or
    printing the values themselves walks every path: a self-reference
    (``a: &a [*a]``) never ends, and 9 lines of 9 aliases (an "alias bomb")
    make 9⁹ items (``build`` ran for minutes and gigabytes).
    """
    if isinstance(value, (list, tuple, dict)):
        if id(value) in seen:
            return ("alias", seen[id(value)])
        seen[id(value)] = len(seen)
        if isinstance(value, dict):
            keys = sorted(value, key=repr)
            return ("mapping", tuple((repr(key), _shape(value[key], seen)) for key in keys))
        return ("list", tuple(_shape(item, seen) for item in value))
    return repr(value)


_LABELS = {
    "blocks": N_("structure des blocs (listes, citations, titres, tableaux, séparateurs, code)"),
    "front matter": N_("front matter"),
    "tags": N_("étiquettes de facteur"),
    "timeline": N_("années de la frise"),
    "steps": N_("années des étapes"),
    "shortcodes": N_("shortcodes"),
    "links": N_("cibles des liens"),
    "inline code": N_("code en ligne"),
}


def differences(source: dict, translated: dict, allowed: dict[str, Counter] | None = None) -> list[str]:
    """Names (French) of the parts of ``translated`` that differ from ``source``.

    ``allowed`` maps a counted part (links, inline code, shortcodes) to the changes
    the entries make on purpose.
    """
    out = []
    for key, label in _LABELS.items():
        expected = source[key]
        change = (allowed or {}).get(key)
        if change:
            expected = Counter(expected)
            expected.update(change)
            expected = +expected
        if expected != translated[key]:
            out.append(_(label))
    return out
