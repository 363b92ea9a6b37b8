"""The chapter model: the lessons of one folder, as the chapter rules (CL104, CL105) see them.

A chapter is a folder of lessons (``*.md`` files and leaf bundles ``name/index.md``)
with its ``_index.md``.  Chapter rules read every sibling of a checked lesson, so
each sibling is read here from its front matter only, through the one reader
(:mod:`courselint.frontmatter`): a front matter that reader rejects is skipped here
and reported (CL003…) by the lesson rules when its lesson is checked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from courselint import frontmatter
from courselint.fileio import read_regular
from courselint.messages import _
from courselint.document import DecodeError, decode, is_generated_translation, normalise_newlines

INDEX_NAME = "_index.md"


def is_index(path: Path | str) -> bool:
    """A chapter's own page: ``_index.md``, or ``_index.fr.md`` in a site translated by file name."""
    name = Path(path).name
    return name == INDEX_NAME or (name.startswith("_index.") and name.endswith(".md"))

#: Engines key (``rules.base.Context.engines``) of the lessons open in an editor,
#: ``{real path: text}``: the chapter rules read them instead of the saved files.
UNSAVED = "chapter.unsaved"

_NUMBER = re.compile(r"\s*(?P<number>\d+(?:\.\d+)*)(?=[\s.:)\-–]|$)")


def title_number(title: object) -> str | None:
    """The number that opens a title (``"2.05"`` in ``2.05 Docker en pratique``)."""
    if not isinstance(title, str):
        return None
    match = _NUMBER.match(title)
    return match.group("number") if match else None


def number_key(number: str | None) -> tuple[int, ...] | None:
    """``"2.10"`` -> ``(2, 10)``: compared as integers, 2.10 follows 2.9."""
    if not number:
        return None
    return tuple(int(part) for part in number.split("."))


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class ChapterLesson:
    """What the chapter rules need of one lesson, read from its front matter only."""

    path: str
    metadata: dict
    number: str | None  # the number opening the title ("2.05")
    weight_line: int  # 1-based line of `weight` (1 when absent)
    weight_column: int
    weight_end_column: int

    @property
    def weight(self) -> int | None:
        value = self.metadata.get("weight")
        return value if is_int(value) else None

    @property
    def key(self) -> tuple[int, ...] | None:
        return number_key(self.number)

    @property
    def name(self) -> str:
        return Path(self.path).name

    def describe(self) -> str:
        values = dict(number=self.number, name=self.name, weight=self.weight, line=self.weight_line)
        if self.number:
            return _("la leçon {number} ({name}, weight {weight}, ligne {line})").format(**values)
        return _("la leçon ({name}, weight {weight}, ligne {line})").format(**values)


def read_chapter_lesson(path: Path, display: str | None = None, text: str | None = None) -> ChapterLesson | None:
    """One lesson's front matter (from ``text`` when given); None if it has none or it cannot be read."""
    if text is None:
        try:
            text, _bom = decode(read_regular(path))  # a FIFO or /dev/zero sibling must not hang
        except (OSError, DecodeError):
            return None
    elif text.startswith("\ufeff"):
        text = text[1:]
    reading = frontmatter.read(normalise_newlines(text))
    if reading.front_matter is None or reading.unreadable:
        return None
    where = reading.front_matter.keys.get("weight")
    line, column, end_column = (where.line, where.value_column, where.end_column) if where else (1, 1, 2)
    return ChapterLesson(
        path=display or str(path),
        metadata=reading.metadata,
        number=title_number(reading.metadata.get("title")),
        weight_line=line,
        weight_column=column,
        weight_end_column=end_column,
    )


def _display(path: Path) -> str:
    """Paths as the engine shows lesson paths: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if relative.startswith("..") else relative


def chapter_folder(path: Path) -> Path:
    """The chapter folder of a lesson file or folder (a leaf bundle belongs to its parent)."""
    folder = path if path.is_dir() else path.parent
    if (folder / "index.md").is_file() and not (folder / INDEX_NAME).is_file():
        return folder.parent
    return folder


def chapter_siblings(
    path: Path | str, locales: Iterable[str] = (), unsaved: Mapping[str, str] | None = None
) -> list[ChapterLesson]:
    """The lessons of the chapter of ``path`` (a lesson or its folder), front matter only.

    Lessons are the folder's ``*.md`` files and its leaf bundles (``name/index.md``);
    the chapter's ``_index.md``, drafts (``draft: true``) and generated translations
    (``*.LANG.md`` for the given locales) are left out.  Files without a readable front matter are
    skipped: their problems are reported by the lesson rules.  ``unsaved`` (real path ->
    text: the editor's open lessons) is read instead of the file it names.
    """
    folder = chapter_folder(Path(path))
    locales = tuple(locales)
    candidates: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        if entry.is_dir():
            bundle = entry / "index.md"
            if bundle.is_file():
                candidates.append(bundle)
        elif entry.suffix == ".md" and not is_index(entry) and not is_generated_translation(entry, locales):
            candidates.append(entry)
    lessons = []
    unsaved = unsaved or {}
    for candidate in candidates:
        text = unsaved.get(os.path.realpath(candidate)) if unsaved else None
        read = read_chapter_lesson(candidate, _display(candidate), text)
        # A draft is not published: its weight orders nothing (Hugo leaves it out).
        if read is not None and read.metadata.get("draft") is not True:
            lessons.append(read)
    return lessons
