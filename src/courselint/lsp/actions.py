"""Edits the editor offers besides the findings' own fixes, in findings' units.

Every edit here is an :class:`~courselint.findings.Edit` (1-based lines,
code-point columns, as a finding's fixes): the server converts them to the
editor's units like the fixes, so there is one conversion for all.
"""

from __future__ import annotations

import re

from courselint import frontmatter
from courselint.document import normalise_newlines
from courselint.findings import Edit, Span

LESSON_WORDS_KEY = "spelling_words"


def newline_of(text: str) -> str:
    """The line end the file already uses (an inserted line keeps the file's style)."""
    return "\r\n" if "\r\n" in text else "\n"


def _model_text(text: str) -> str:
    return normalise_newlines(text[1:] if text.startswith("\ufeff") else text)


def front_matter_end(text: str) -> int:
    """Last line of the front matter (its closing fence), 0 when the lesson has none."""
    reading = frontmatter.read(_model_text(text))
    return reading.front_matter.end_line if reading.front_matter else 0


def add_lesson_word(text: str, word: str) -> Edit | None:
    """Add ``word`` to the lesson's ``spelling_words`` (None if the front matter cannot take it)."""
    model = _model_text(text)
    reading = frontmatter.read(model)
    nl = newline_of(text)
    fm = reading.front_matter
    if fm is None:
        if reading.problems:
            return None
        return Edit(Span(1, 1, 1, 1), f"---{nl}{LESSON_WORDS_KEY}: [{word}]{nl}---{nl}")
    if reading.unreadable:
        return None
    toml = fm.format == "toml"
    item = f'"{word}"' if toml else word
    key = fm.keys.get(LESSON_WORDS_KEY)
    if key is None:
        line = f'{LESSON_WORDS_KEY} = ["{word}"]' if toml else f"{LESSON_WORDS_KEY}: [{word}]"
        return Edit(Span(fm.end_line, 1, fm.end_line, 1), line + nl)
    lines = model.split("\n")
    written = lines[key.line - 1][key.value_column - 1 : key.end_column - 1]
    if written.startswith("[") and written.endswith("]"):
        inside = written[1:-1].strip()
        at = key.end_column - 1
        return Edit(Span(key.line, at, key.line, at), f", {item}" if inside else item)
    if key.text_column:  # one string of words separated by spaces
        at = key.text_end_column
        return Edit(Span(key.line, at, key.line, at), f" {word}")
    if not written.strip() and not toml:  # a block list under the key
        following = lines[key.line] if key.line < len(lines) else ""
        indent = re.match(r"[ \t]*(?:- )?", following).group(0) if following.lstrip().startswith("-") else "  - "
        return Edit(Span(key.line + 1, 1, key.line + 1, 1), f"{indent}{word}{nl}")
    return None


def disable_next_line(text: str, line: int, code: str) -> Edit | None:
    """A ``disable-next-line`` comment above ``line`` (None inside the front matter)."""
    if line <= front_matter_end(text):
        return None  # a comment there would break the YAML
    model = _model_text(text).split("\n")
    current = model[line - 1] if 1 <= line <= len(model) else ""
    # Quote markers and indentation are repeated, so the comment stays in the
    # same blockquote instead of cutting it in two.
    prefix = re.match(r"[ \t>]*", current).group(0)
    return Edit(Span(line, 1, line, 1), f"{prefix}<!-- courselint: disable-next-line={code} -->{newline_of(text)}")


def ignore_in_catalog(text: str, line: int, code: str) -> Edit | None:
    """A translator comment ``# courselint: ignore=CODE`` on the entry whose ``msgid`` is at ``line``.

    It goes above the entry's other comments, where translator comments belong
    (Poedit and Weblate show them there).  None for the checks that cannot be
    silenced (CL605, CL606) and the file-level codes (CL609, CL610).
    """
    from courselint.i18n.checks import ENTRY_CHECKS

    entry = ENTRY_CHECKS.get(code)
    if (entry is None or not entry.silenceable) and code != "CL608":
        return None
    lines = _model_text(text).split("\n")
    first = line
    while first > 1 and lines[first - 2].startswith("#"):
        first -= 1
    return Edit(Span(first, 1, first, 1), f"# courselint: ignore={code}{newline_of(text)}")
