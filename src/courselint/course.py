"""What makes a lesson a lesson of this course: its timeline, step sections and factor tags.

The course rules (CL2xx, CL3xx) and the translation pipeline read the same
recognition, so it lives here, on the model (``lesson.course``), not in the rules.

Vocabulary, on the seed lesson::

    * 1979 : Chroot                 <- timeline item (a list whose items mostly read YEAR : label)
    * [E] Des évolutions…           <- legend item (tagged list before the first step section)
    ## 1979 : Chroot                <- step section (a heading that reads YEAR : label)
    * [P][R] Certains opérateurs…   <- tagged list item in a step section

What counts:

- the **timeline** is the first list of at least two items in which more than
  half of the items read ``YEAR : label`` (only the first paragraph of an item
  counts; nested lists are lists of their own).  Years run from 1700 to 2099;
- a **step section** is any heading that reads ``YEAR : label``; it runs to the
  next heading of the same or a higher level;
- the **legend** is the first list before the first step section (anywhere when
  there is none) whose every item opens with exactly one tag of its own letter
  followed by a label;
- **tags** are read at the start of the first paragraph of every list item:
  ``[E]``, ``[P][R]``, ``[P] [R]``, and the slips ``[E ]``, ``[e]``, ``(E)``,
  ``[E,P]``, ``[EP]`` with what they meant.  ``[E](url)`` is a link and a
  lowercase ``[x]`` a task-list checkbox, not tags.

Every position is an offset into the ``raw`` text of a :class:`~courselint.document.Block`;
``block.span(start, end)`` turns it into file lines and columns.

:func:`split_structure` is the one definition of "structure at the start of a
block" (factor tags, ``YEAR : ``): what a translator must never see in a msgid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "Course",
    "Legend",
    "Step",
    "Structure",
    "Tag",
    "Timeline",
    "TimelineItem",
    "YearLabel",
    "analyse",
    "guess_year",
    "normalise_label",
    "read_tags",
    "read_year_label",
    "split_structure",
]

# --------------------------------------------------------------------------- YEAR : label

_SPACE = " \t\u00a0\u202f"  # a French author types a no-break space before ":"
_YEAR_LABEL = re.compile(
    rf"""
    (?P<open>\*\*|__)?                  # a year may be set in bold: **1979** : Chroot
    (?P<year>(?<!\d)(?:1[7-9]|20)\d\d(?!\d))  # 1700-2099: not a port (3306 : MySQL)
    (?P=open)?
    (?P<sep>[{_SPACE}]*(?::|(?P<dash>[–—-]))[{_SPACE}]*)
    (?P<label>\S.*)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class YearLabel:
    """``YEAR : label`` read at some offset of a raw text (offsets in that text)."""

    year: int
    year_start: int
    year_end: int
    label_start: int
    label_end: int
    label: str


def read_year_label(raw: str, start: int = 0) -> YearLabel | None:
    """Read ``YEAR : label`` at ``raw[start:]``; None if it does not read so.

    The year has four digits, from 1700 to 2099 (a list of ports such as
    ``3306 : MySQL`` is not a timeline).  The separator is ``:`` with or without spaces (ordinary, no-break or narrow
    no-break), or a dash ``-``/``–``/``—``.  After a dash the label may not start
    with a digit, so that ``2008-2010 : …`` is not read as year 2008.
    """
    match = _YEAR_LABEL.match(raw, start)
    if match is None:
        return None
    label_start = match.start("label")
    if match.group("dash") and raw[label_start].isdigit():
        return None
    label_end = len(raw.rstrip())
    return YearLabel(
        year=int(match.group("year")),
        year_start=match.start("year"),
        year_end=match.end("year"),
        label_start=label_start,
        label_end=label_end,
        label=raw[label_start:label_end],
    )


_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "i": "1", "S": "5", "B": "8"})
_FIRST_WORD = re.compile(r"[*_]*(?P<word>\w{4})(?!\w)")


def guess_year(raw: str) -> int | None:
    """The year a malformed item probably means: ``2OO8 : LXC`` -> 2008, ``2013 Docker`` -> 2013."""
    match = _FIRST_WORD.match(raw)
    if match is None:
        return None
    fixed = match.group("word").translate(_LOOKALIKES)
    if not fixed.isdigit() or not 1700 <= int(fixed) <= 2099:
        return None
    return int(fixed)


_TRAILING_PUNCTUATION = ".…:;,!?"
_INLINE_MARKUP = re.compile(r"[*_`~]")


def normalise_label(label: str) -> str:
    """A label as CL205 compares it: no case, no spaces, no markup, no final punctuation."""
    text = _INLINE_MARKUP.sub("", label)
    text = "".join(text.split()).casefold()
    return text.rstrip(_TRAILING_PUNCTUATION)


# --------------------------------------------------------------------------- factor tags

# Tried in this order at each position; the first that matches wins.  A bracket
# followed by "(" is a link (``[E](url)``), never a tag.
# Slips must be followed by a space, another tag or the end, so that ``(X)HTML``
# is a word; a lowercase ``[x]`` is a task-list checkbox (``- [x] fait``), not a tag.
_AFTER_SLIP = r"(?=[ \t\n\[]|$)"  # never "(": ``[E](url)`` is a link
_TAG_FORMS = (
    ("ok", re.compile(r"\[(?P<letters>[A-Z])\](?!\()")),
    ("spaced", re.compile(r"\[[ \t]*(?P<letters>[A-Za-wyz]|X)[ \t]*\]" + _AFTER_SLIP)),
    ("parens", re.compile(r"\([ \t]*(?P<letters>[A-Z])[ \t]*\)(?=[ \t\n\[(]|$)")),
    (
        "list",
        re.compile(
            r"\[[ \t]*(?P<letters>[A-Za-z](?:[ \t]*[,;/+&|][ \t]*[A-Za-z]|[ \t]+[A-Za-z])+)[ \t]*\]"
            + _AFTER_SLIP
        ),
    ),
    ("joined", re.compile(r"\[(?P<letters>[A-Z]{2,3})\]" + _AFTER_SLIP)),
)
_GAP = re.compile(r"[ \t]*")


@dataclass(frozen=True, slots=True)
class Tag:
    """One factor tag at the start of a list item, as written and as meant.

    ``letters`` are what the author meant (``[E,P]`` means ``("E", "P")``);
    ``form`` is ``"ok"`` for a well-formed ``[E]``, else the kind of slip.
    """

    start: int
    end: int
    text: str
    letters: tuple[str, ...]
    form: str

    @property
    def malformed(self) -> bool:
        return self.form != "ok"

    @property
    def meant(self) -> str:
        return "".join(f"[{letter}]" for letter in self.letters)


def read_tags(raw: str, start: int = 0) -> tuple[tuple[Tag, ...], int]:
    """The tags that open ``raw[start:]`` and the offset just past them and their spaces."""
    tags: list[Tag] = []
    pos = start
    end_of_structure = start
    while True:
        for form, pattern in _TAG_FORMS:
            match = pattern.match(raw, pos)
            if match:
                break
        else:
            break
        written = re.findall(r"[A-Za-z]", match.group("letters"))
        if form == "spaced" and written[0].islower():
            form = "lowercase"
        letters = tuple(letter.upper() for letter in written)
        tags.append(Tag(match.start(), match.end(), match.group(), letters, form))
        pos = _GAP.match(raw, match.end()).end()
        end_of_structure = pos
    return tuple(tags), end_of_structure


# --------------------------------------------------------------------------- structure split


@dataclass(frozen=True, slots=True)
class Structure:
    """How a block's raw text splits into structure and translatable text.

    ``raw[:label_start]`` is structure that must stay out of a msgid (factor
    tags, the spaces after them, ``YEAR : ``); ``raw[label_start:label_end]`` is
    the text; ``raw[label_end:]`` is trailing blanks (normally empty: blocks are
    trimmed).  ``tags_end`` is where the tags and their spaces end (equal to 0
    when there are none); ``year`` is set when the text after the tags reads
    ``YEAR : label``, with ``year_start``/``year_end`` the digits.
    """

    tags: tuple[Tag, ...]
    tags_end: int
    year: int | None
    year_start: int | None
    year_end: int | None
    label_start: int
    label_end: int

    @property
    def is_plain(self) -> bool:
        return self.label_start == 0


def split_structure(block_or_raw, kind: str | None = None) -> Structure:
    """Split a block (or a raw text of the given ``kind``) into structure and text.

    Pure: it reads only the text.  Tags are structure in list items; ``YEAR :``
    is structure in list items and headings (wherever it appears, in a timeline
    or not, so that extraction never depends on the rest of the lesson).  Other
    kinds (paragraphs, quotes, cells…) have no structure prefix.
    """
    if kind is None:
        raw, kind = block_or_raw.raw, block_or_raw.kind
    else:
        raw = block_or_raw
    text_end = len(raw.rstrip())
    tags: tuple[Tag, ...] = ()
    tags_end = 0
    if kind == "list_item":
        tags, tags_end = read_tags(raw)
    year = year_start = year_end = None
    label_start = tags_end
    if kind in ("list_item", "heading"):
        found = read_year_label(raw, tags_end)
        if found is not None:
            year, year_start, year_end = found.year, found.year_start, found.year_end
            label_start = found.label_start
    if label_start > text_end:  # a tag with nothing after it: all structure
        label_start = text_end
    return Structure(tags, tags_end, year, year_start, year_end, label_start, text_end)


# --------------------------------------------------------------------------- the analysis


@dataclass(slots=True)
class TimelineItem:
    """One item of the timeline list.  ``year`` is None for a malformed item."""

    block: int | None  # index in lesson.blocks of the item's first paragraph (None: no text)
    line: int
    year: int | None = None
    label: str = ""
    year_start: int = 0
    year_end: int = 0
    label_start: int = 0
    label_end: int = 0
    meant_year: int | None = None  # for a malformed item, the year it seems to mean

    @property
    def malformed(self) -> bool:
        return self.year is None


@dataclass(slots=True)
class Timeline:
    container: int  # token index of the list
    line: int
    end_line: int
    items: list[TimelineItem]

    @property
    def entries(self) -> list[TimelineItem]:
        """The items that read ``YEAR : label``."""
        return [item for item in self.items if not item.malformed]

    @property
    def malformed(self) -> list[TimelineItem]:
        return [item for item in self.items if item.malformed]


@dataclass(slots=True)
class Step:
    """A step section: a heading that reads ``YEAR : label`` and the lines under it."""

    heading: int  # index in lesson.headings
    block: int  # index in lesson.blocks
    line: int
    end_line: int
    year: int
    label: str
    year_start: int
    year_end: int
    label_start: int
    label_end: int


@dataclass(slots=True)
class Legend:
    """Tag letter -> label, in the order of declaration."""

    tags: dict[str, str]
    line: int | None = None  # None: from the configuration
    blocks: list[int] = field(default_factory=list)

    def order(self, letter: str) -> int | None:
        try:
            return list(self.tags).index(letter)
        except ValueError:
            return None


@dataclass(slots=True)
class Course:
    timeline: Timeline | None
    steps: list[Step]
    legend: Legend | None  # declared in the lesson; the configuration's is the rules' business
    tags: dict[int, tuple[Tag, ...]]  # block index -> tags that open that list item
    items: list[int]  # block indices of the first paragraph of every list item, in order

    def step_at(self, line: int) -> Step | None:
        """The step section that contains ``line`` (the heading line excluded)."""
        for step in self.steps:
            if step.line < line <= step.end_line:
                return step
        return None

    @property
    def first_step_line(self) -> int | None:
        return self.steps[0].line if self.steps else None


def _lists(lesson) -> list[tuple[int, list[tuple[int, int | None]]]]:
    """Each list: (token index, [(item line, inline token index of its first paragraph)])."""
    tokens = lesson.tokens
    lists = []
    for i, token in enumerate(tokens):
        if token.type not in ("bullet_list_open", "ordered_list_open"):
            continue
        items = []
        level = token.level + 1
        j = i + 1
        while j < len(tokens) and not (
            tokens[j].type in ("bullet_list_close", "ordered_list_close") and tokens[j].level == token.level
        ):
            item = tokens[j]
            if item.type == "list_item_open" and item.level == level:
                first = None
                if j + 2 < len(tokens) and tokens[j + 1].type == "paragraph_open":
                    first = j + 2
                line = item.map[0] + 1 if item.map else 0
                items.append((line, first))
            j += 1
        lists.append((i, items))
    return lists


def _timeline(lesson, lists, block_of) -> Timeline | None:
    for container, items in lists:
        if len(items) < 2:
            continue
        read: list[TimelineItem] = []
        for line, inline in items:
            b = block_of.get(inline)
            item = TimelineItem(block=b, line=line)
            if b is not None:
                block = lesson.blocks[b]
                item.line = block.line
                found = read_year_label(block.raw)
                if found is not None:
                    item.year, item.label = found.year, found.label
                    item.year_start, item.year_end = found.year_start, found.year_end
                    item.label_start, item.label_end = found.label_start, found.label_end
                else:
                    item.meant_year = guess_year(block.raw)
            read.append(item)
        good = sum(1 for item in read if not item.malformed)
        if good * 2 > len(read):
            last = read[-1]
            end_line = lesson.blocks[last.block].end_line if last.block is not None else last.line
            return Timeline(container, read[0].line, end_line, read)
    return None


def _steps(lesson) -> list[Step]:
    steps = []
    for h, heading in enumerate(lesson.headings):
        block = lesson.blocks[heading.block]
        found = read_year_label(block.raw)
        if found is None:
            continue
        steps.append(
            Step(
                heading=h,
                block=heading.block,
                line=heading.line,
                end_line=heading.end_line,
                year=found.year,
                label=found.label,
                year_start=found.year_start,
                year_end=found.year_end,
                label_start=found.label_start,
                label_end=found.label_end,
            )
        )
    return steps


def _legend(lesson, lists, block_of, tags, before_line, timeline) -> Legend | None:
    """The first list before the first step whose every item opens with exactly one tag."""
    for container, items in lists:
        if timeline is not None and container == timeline.container:
            continue
        if not items or (before_line is not None and items[0][0] >= before_line):
            continue
        declared: dict[str, str] = {}
        blocks = []
        for _line, inline in items:
            b = block_of.get(inline)
            item_tags = tags.get(b, ()) if b is not None else ()
            if len(item_tags) != 1 or len(item_tags[0].letters) != 1:
                break
            raw = lesson.blocks[b].raw
            label = raw[split_structure(raw, "list_item").tags_end :].strip()
            if not label:
                break
            letter = item_tags[0].letters[0]
            if letter in declared:
                break  # a legend declares each letter once (a task list repeats [X])
            declared[letter] = label
            blocks.append(b)
        else:
            return Legend(declared, lesson.blocks[blocks[0]].line, blocks)
    return None


def analyse(lesson) -> Course:
    """Recognise the timeline, step sections, legend and tags of a parsed lesson."""
    block_of = {
        block.token: b for b, block in enumerate(lesson.blocks) if block.kind == "list_item"
    }
    lists = _lists(lesson)
    first_paragraphs = {inline for _, items in lists for _, inline in items if inline is not None}
    items = sorted(
        (b for token, b in block_of.items() if token in first_paragraphs),
        key=lambda b: lesson.blocks[b].token,
    )
    tags = {}
    for b in items:
        found, _ = read_tags(lesson.blocks[b].raw)
        if found:
            tags[b] = found
    timeline = _timeline(lesson, lists, block_of)
    steps = _steps(lesson)
    first_step = steps[0].line if steps else None
    legend = _legend(lesson, lists, block_of, tags, first_step, timeline)
    return Course(timeline=timeline, steps=steps, legend=legend, tags=tags, items=items)
