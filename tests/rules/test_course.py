"""Recognition of the timeline, step sections, legend and factor tags (courselint.course)."""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint.course import guess_year, normalise_label, read_tags, read_year_label, split_structure
from courselint.document import parse

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.md"
SEED_YEARS = [1979, 2000, 2001, 2002, 2006, 2008, 2013, 2014, 2016, 2018]


@pytest.fixture(scope="module")
def seed():
    return parse(str(SEED), SEED.read_bytes())


def source_of(lesson, block_index: int, start: int, end: int) -> str:
    """The file text that a span of a block's raw text points at."""
    block = lesson.blocks[block_index]
    return lesson.text[block.source_offset(start) : block.source_offset(end)]


# --------------------------------------------------------------------------- the seed


def test_seed_timeline_items_years_labels_and_lines(seed) -> None:
    timeline = seed.course.timeline
    assert timeline is not None
    assert [item.year for item in timeline.items] == SEED_YEARS
    assert [item.line for item in timeline.items] == list(range(15, 25))
    assert timeline.items[4].label == "Process Containers (cgroups)"
    assert timeline.items[2].label == "Vserver"  # the trailing space of the line is not label
    assert timeline.malformed == []
    assert (timeline.line, timeline.end_line) == (15, 24)


def test_seed_timeline_spans_point_at_the_file(seed) -> None:
    for item in seed.course.timeline.items:
        assert source_of(seed, item.block, item.year_start, item.year_end) == str(item.year)
        assert source_of(seed, item.block, item.label_start, item.label_end) == item.label
    first = seed.course.timeline.items[0]
    assert seed.blocks[first.block].span(first.year_start, first.year_end) == (15, 3, 15, 7)
    assert seed.blocks[first.block].span(first.label_start, first.label_end) == (15, 10, 15, 16)


def test_seed_steps_follow_the_timeline(seed) -> None:
    steps = seed.course.steps
    assert [step.year for step in steps] == SEED_YEARS
    assert [step.line for step in steps][:3] == [39, 59, 78]
    assert steps[0].end_line == 58  # up to the next heading of the same level
    assert steps[-1].label == "Kubernetes"
    for step in steps:
        assert source_of(seed, step.block, step.year_start, step.year_end) == str(step.year)
        assert source_of(seed, step.block, step.label_start, step.label_end) == step.label
    assert seed.blocks[steps[1].block].span(steps[1].year_start, steps[1].year_end) == (59, 4, 59, 8)


def test_seed_legend(seed) -> None:
    legend = seed.course.legend
    assert legend is not None
    assert list(legend.tags) == ["E", "P", "R"]
    assert legend.tags["R"] == "et la distribution du service sur le réseau."
    assert legend.line == 30
    assert legend.order("P") == 1 and legend.order("X") is None


def test_seed_tags_and_steps_they_belong_to(seed) -> None:
    course = seed.course
    by_line = {seed.blocks[b].line: tags for b, tags in course.tags.items()}
    assert [tag.text for tag in by_line[131]] == ["[P]", "[R]"]
    assert [tag.letters for tag in by_line[131]] == [("P",), ("R",)]
    assert not any(tag.malformed for tags in course.tags.values() for tag in tags)
    assert course.step_at(131).year == 2008
    assert course.step_at(39) is None  # the heading line is not inside its own section
    assert course.step_at(30) is None  # the legend is before the first step
    assert len(by_line) == 17  # 3 legend items + 14 tagged items in steps


def test_objectives_list_is_neither_timeline_nor_legend(seed) -> None:
    objectives = [b for b in seed.course.items if seed.blocks[b].line in (7, 8, 9)]
    assert len(objectives) == 3
    assert all(b not in seed.course.tags for b in objectives)


# --------------------------------------------------------------------------- YEAR : label


@pytest.mark.parametrize(
    "text, year, label",
    [
        ("1979 : Chroot", 1979, "Chroot"),
        ("1979: Chroot", 1979, "Chroot"),
        ("1979 :Chroot", 1979, "Chroot"),
        ("1979\u00a0: Chroot", 1979, "Chroot"),
        ("1979\u202f: Chroot", 1979, "Chroot"),
        ("1979 – Chroot", 1979, "Chroot"),
        ("1979 — Chroot", 1979, "Chroot"),
        ("1979 - Chroot", 1979, "Chroot"),
        ("1979-Chroot", 1979, "Chroot"),
        ("**1979** : Chroot", 1979, "Chroot"),
        ("2016 : runc, containerd, cri-o  ", 2016, "runc, containerd, cri-o"),
    ],
)
def test_year_label_separators(text: str, year: int, label: str) -> None:
    found = read_year_label(text)
    assert found is not None
    assert (found.year, found.label) == (year, label)
    assert text[found.year_start : found.year_end] == str(year)
    assert text[found.label_start : found.label_end] == label


@pytest.mark.parametrize(
    "text",
    [
        "2OO8 : LXC",
        "2008 LXC",
        "19790 : x",
        "979 : x",
        "2008 :",
        "2008-2010 : LXC",
        "2008 - 2010",
        "En 2008 : LXC",
        "3306 : MySQL",  # ports are not years: 1700 to 2099 only
        "1699 : x",
        "2100 : x",
    ],
)
def test_not_year_label(text: str) -> None:
    assert read_year_label(text) is None


@pytest.mark.parametrize(
    "raw, year",
    [("2OO8 : LXC", 2008), ("2013 Docker", 2013), ("**2OO0** : x", 2000), ("Docker", None), ("3306 : MySQL", None)],
)
def test_guess_year_of_a_malformed_item(raw: str, year: int | None) -> None:
    assert guess_year(raw) == year


def test_normalise_label_ignores_case_spaces_markup_and_final_punctuation() -> None:
    assert normalise_label("BSD  Jail.") == normalise_label("bsd jail")
    assert normalise_label("**Docker** !") == normalise_label("Docker")
    assert normalise_label("LXC") != normalise_label("Linux Containers")


# --------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    "text, written, letters, forms",
    [
        ("[E] texte", ["[E]"], [("E",)], ["ok"]),
        ("[P][R] texte", ["[P]", "[R]"], [("P",), ("R",)], ["ok", "ok"]),
        ("[P] [R] texte", ["[P]", "[R]"], [("P",), ("R",)], ["ok", "ok"]),
        ("[E ] texte", ["[E ]"], [("E",)], ["spaced"]),
        ("[ E] texte", ["[ E]"], [("E",)], ["spaced"]),
        ("[e] texte", ["[e]"], [("E",)], ["lowercase"]),
        ("(E) texte", ["(E)"], [("E",)], ["parens"]),
        ("[E,P] texte", ["[E,P]"], [("E", "P")], ["list"]),
        ("[E, P] texte", ["[E, P]"], [("E", "P")], ["list"]),
        ("[EP] texte", ["[EP]"], [("E", "P")], ["joined"]),
        ("[E][r] texte", ["[E]", "[r]"], [("E",), ("R",)], ["ok", "lowercase"]),
    ],
)
def test_tags(text: str, written: list, letters: list, forms: list) -> None:
    tags, end = read_tags(text)
    assert [tag.text for tag in tags] == written
    assert [tag.letters for tag in tags] == letters
    assert [tag.form for tag in tags] == forms
    assert text[end:] == "texte"
    for tag in tags:
        assert text[tag.start : tag.end] == tag.text
    assert tags[-1].meant == "".join(f"[{letter}]" for letter in letters[-1])


@pytest.mark.parametrize(
    "text",
    [
        "[E](https://example.org) un lien",
        "[ ] case à cocher",
        "[x] case cochée",
        "(a) énumération",
        "(X)HTML est un cas particulier de XML",
        "[TP](../tp/) lien",
        "Texte [E] plus loin",
        "[Docker] mot",
    ],
)
def test_not_tags(text: str) -> None:
    tags, end = read_tags(text)
    assert tags == () and end == 0


# --------------------------------------------------------------------------- split_structure


@pytest.mark.parametrize(
    "raw, kind, structure, label, year, letters",
    [
        ("[P][R] Certains opérateurs", "list_item", "[P][R] ", "Certains opérateurs", None, ["P", "R"]),
        ("1979 : Chroot", "list_item", "1979 : ", "Chroot", 1979, []),
        ("2000\u00a0: BSD Jail", "heading", "2000\u00a0: ", "BSD Jail", 2000, []),
        ("[E] 2008 : LXC", "list_item", "[E] 2008 : ", "LXC", 2008, ["E"]),
        ("[E]", "list_item", "[E]", "", None, ["E"]),
        ("[E] Chroot + isolation", "heading", "", "[E] Chroot + isolation", None, []),
        ("1979 : Chroot", "paragraph", "", "1979 : Chroot", None, []),
        ("1979 : Chroot", "quote", "", "1979 : Chroot", None, []),
        ("Connaître l'histoire", "list_item", "", "Connaître l'histoire", None, []),
        ("[E] ligne un\nligne deux", "list_item", "[E] ", "ligne un\nligne deux", None, ["E"]),
    ],
)
def test_split_structure(raw, kind, structure, label, year, letters) -> None:
    split = split_structure(raw, kind)
    assert raw[: split.label_start] == structure
    assert raw[split.label_start : split.label_end] == label
    assert split.year == year
    assert [letter for tag in split.tags for letter in tag.letters] == letters
    if year is not None:
        assert raw[split.year_start : split.year_end] == str(year)
    assert split.is_plain == (structure == "")


def test_split_structure_takes_a_block(seed) -> None:
    tagged = next(b for b, tags in seed.course.tags.items() if len(tags) == 2)
    block = seed.blocks[tagged]
    split = split_structure(block)
    assert block.raw[: split.label_start] == "[P][R] "
    assert block.span(split.label_start, split.label_start + 1)[:2] == (block.line, 10)


# --------------------------------------------------------------------------- which list


def lesson(body: str, name: str = "x.md"):
    return parse(name, "---\ntitle: T\nweight: 1\n---\n" + body)


def test_first_list_where_most_items_are_years_is_the_timeline() -> None:
    found = lesson(
        "\n* 2 conteneurs\n* 1979 : Chroot\n* 3 images\n\n"
        "Texte.\n\n"
        "1. 1979 : Chroot\n2. 2OO8 : LXC\n3. 2013 : Docker\n"
    )
    timeline = found.course.timeline
    assert timeline is not None and (timeline.line, timeline.end_line) == (12, 14)
    assert [item.year for item in timeline.items] == [1979, None, 2013]
    assert [item.line for item in timeline.malformed] == [13]


def test_a_single_item_list_is_not_a_timeline() -> None:
    assert lesson("\n* 1979 : Chroot\n").course.timeline is None


def test_loose_list_and_nested_items_count_once() -> None:
    found = lesson(
        "\n* 1979 : Chroot\n\n  Un second paragraphe.\n\n* 2000 : BSD Jail\n  * 2001 : sous-élément\n  * 2002 : autre\n"
    )
    timeline = found.course.timeline
    assert [item.year for item in timeline.items] == [1979, 2000]


def test_crlf_and_no_break_space_keep_exact_columns() -> None:
    text = "---\r\ntitle: T\r\nweight: 1\r\n---\r\n\r\n*   1979\u00a0: Chroot\r\n* 2000 : BSD Jail\r\n"
    found = parse("crlf.md", text.encode("utf-8"))
    first = found.course.timeline.items[0]
    block = found.blocks[first.block]
    assert block.span(first.year_start, first.year_end) == (6, 5, 6, 9)
    assert block.span(first.label_start, first.label_end) == (6, 12, 6, 18)


def test_legend_must_come_before_the_first_step() -> None:
    found = lesson("\n## 1979 : Chroot\n\n* [E] Une évolution\n")
    assert found.course.legend is None
    assert len(found.course.steps) == 1


def test_legend_needs_one_tag_per_item() -> None:
    found = lesson("\n* [E] Évolutions\n* [P][R] deux à la fois\n\n## 1979 : Chroot\n")
    assert found.course.legend is None


def test_a_task_list_is_not_a_legend() -> None:
    found = lesson("\n* [X] relire\n* [X] publier\n\n## 1979 : Chroot\n\n* [E] Une évolution\n")
    assert found.course.legend is None


def test_a_list_of_ports_is_not_a_timeline() -> None:
    assert lesson("\n* 3306 : MySQL\n* 5432 : PostgreSQL\n* 6379 : Redis\n").course.timeline is None


def test_lesson_without_course_structure() -> None:
    course = lesson("\n# Titre\n\nUn paragraphe.\n").course
    assert course.timeline is None and course.steps == [] and course.legend is None
    assert course.tags == {}


# --------------------------------------------------------------------------- never crash

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FRAGMENTS = [
    "* ", "  * ", "1. ", "## ", "# ", "> ", "---", "\n", "\n\n", "1979 : ", "2000\u00a0: ", "2OO8 : ",
    "[E] ", "[P][R] ", "[e] ", "(E) ", "[E,P] ", "[EP] ", "[X] ", "Chroot", "BSD Jail", "texte",
    "`code`", "**gras**", "[lien](http://x)", "```\n", "\t", "  \n", "|a|b|\n|-|-|\n", "<!-- c -->",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60))
def test_course_rules_never_crash_and_stay_inside_the_file(parts: list[str]) -> None:
    from courselint import config
    from courselint.rules import RULES
    from courselint.rules.base import Context

    text = "---\ntitle: 2.05 T\nweight: 1\n---\n" + "".join(parts)
    found = parse("fuzz.md", text)
    ctx = Context(config.load(start=SEED.parent))
    for code, rule in RULES.items():
        if rule.scope != "lesson" or code[:3] not in ("CL1", "CL2", "CL3"):
            continue
        for finding in rule.check(found, ctx):
            assert 1 <= finding.line <= found.line_count
            assert (finding.end_line, finding.end_column) > (finding.line, finding.column)
    for b in found.course.items:
        split = split_structure(found.blocks[b])
        assert 0 <= split.label_start <= split.label_end <= len(found.blocks[b].raw)
