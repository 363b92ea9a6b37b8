"""Round trips: identity translations give the source back byte for byte; pseudo-translations
(longer text, more or fewer lines) keep quote prefixes, indentation and hard breaks and pass
the structure check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from courselint.document import parse
from courselint.i18n import verify
from courselint.i18n.extract import read_lesson
from courselint.i18n.render import Substitution, check_structure, splice
from courselint.i18n.units import lesson_units

from .conftest import make_config

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = sorted(p for p in GOLDEN.glob("*.md") if not p.name.endswith((".en.md", ".expect.md")))
TESTS = Path(__file__).parents[1]
#: Every lesson of the suite: the golden fixtures, the lessons the Hugo oracle renders
#: (paired code shortcodes, every front matter form, comments, footnotes, definition
#: lists, raw HTML...), the model's fixtures, the seed lesson and the sample course.
EVERY_LESSON = sorted(
    [
        *FIXTURES,
        *(TESTS / "hugo" / "lessons").glob("*.md"),
        *(TESTS / "model" / "fixtures").glob("*.md"),
        TESTS / "fixtures" / "seed.md",
        *(p for p in (TESTS.parent / "content").rglob("*.md") if not p.name.endswith(".en.md")),
    ]
)
IDS = [str(p.relative_to(TESTS.parent)) for p in EVERY_LESSON]


def _lesson(path: Path, raw_html: bool = False):
    config = make_config(path.parent)
    config.values["raw_html"] = raw_html
    return read_lesson(path, config)


@pytest.mark.parametrize("raw_html", [False, True], ids=["html-hidden", "html-prose"])
@pytest.mark.parametrize("fixture", EVERY_LESSON, ids=IDS)
def test_identity_splice_is_byte_exact(fixture: Path, raw_html: bool) -> None:
    """Every unit spliced back with its own msgid (the splicing code runs on each one).

    Both ways a site may render raw HTML: with ``unsafe`` on, its text is units too.
    """
    lesson = _lesson(fixture, raw_html)
    units = lesson_units(lesson)
    assert units
    text = splice(lesson, [Substitution(unit, unit.msgid, 0) for unit in units])
    data = (b"\xef\xbb\xbf" if lesson.bom else b"") + text.encode("utf-8")
    assert data == fixture.read_bytes()


def pseudo(unit) -> str:
    """A longer text; multi-line kinds get one more line, or one fewer when they have three
    (the last two joined: no inline code or link is lost)."""
    lines = [f"Ŀōňğēŕ {line} ŧēxŧ" for line in unit.msgid.split("\n")]
    if unit.single_line:
        return " ".join(lines)
    if len(lines) >= 3:
        return "\n".join([*lines[:-2], lines[-2] + " " + lines[-1]])
    return "\n".join([*lines, "ēxŧŕă łĭňē"])


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_pseudo_translation_keeps_structure(fixture: Path) -> None:
    config = make_config(GOLDEN)
    lesson = _lesson(fixture)
    subs = [Substitution(unit, pseudo(unit), i + 1) for i, unit in enumerate(lesson_units(lesson))]
    assert check_structure(fixture, lesson, subs, config, fixture) == []
    translated = parse(str(fixture), splice(lesson, subs))
    keys = tuple(config.section("i18n")["keys"])
    assert verify.structure(translated, ("caption", "title", "alt"), keys)["blocks"] == verify.structure(
        lesson, ("caption", "title", "alt"), keys
    )["blocks"]
    for unit in lesson_units(translated):
        assert "Ŀōňğēŕ" in unit.msgid or unit.kind == "front_matter_value"


def _pseudo_text(name: str) -> str:
    lesson = _lesson(GOLDEN / name)
    subs = [Substitution(unit, pseudo(unit), 0) for unit in lesson_units(lesson)]
    return splice(lesson, subs)


def test_pseudo_quote_with_more_lines_keeps_prefix_and_hard_breaks() -> None:
    text = _pseudo_text("nested.md")
    # "citation dans la liste / sur deux lignes" inside a list item: three lines now
    block = re.search(r"(    > Ŀōňğēŕ citation dans la liste.*\n){1}(    > .*\n){2}", text)
    assert block, text
    text = _pseudo_text("crlf.md")
    quote = [line for line in text.split("\r\n") if line.startswith(">")]
    assert len(quote) == 3
    assert all(line.endswith("  ") for line in quote[:-1])
    assert "\n" not in text.replace("\r\n", "")  # every line end stays CRLF


def test_pseudo_quote_with_fewer_lines_keeps_hard_breaks() -> None:
    text = _pseudo_text("hardbreaks.md")
    quote = [line for line in text.split("\n") if line.startswith(">")]
    assert len(quote) == 3  # four lines in, three out
    assert quote[0].endswith("ŧēxŧ  ") and quote[1].endswith("ŧēxŧ   ")
    assert not quote[2].endswith(" ")
    item = [line for line in text.split("\n") if "Élément" in line or "élément" in line]
    assert item[0].startswith("* ") and item[0].endswith("  ")
    assert item[1].startswith("  Ŀōňğēŕ")
    extra = text.split("\n")[text.split("\n").index(item[1]) + 1]
    assert extra == "  ēxŧŕă łĭňē"


def test_single_line_unit_gets_continuation_prefix() -> None:
    lesson = parse("x.md", "> une citation\n\n* [E] un élément\n")
    units = lesson_units(lesson)
    subs = [Substitution(units[0], "a quote\non two lines", 0), Substitution(units[1], "an item\nthat wraps", 0)]
    assert splice(lesson, subs) == "> a quote\n> on two lines\n\n* [E] an item\n      that wraps\n"


def test_front_matter_values_are_requoted_when_needed() -> None:
    lesson = parse("x.md", "---\ntitle: Un titre\ndescription: 'Simple'\n---\n\nTexte.\n")
    units = lesson_units(lesson)
    subs = [Substitution(units[0], "A title: with a colon", 0), Substitution(units[1], "It's", 0)]
    text = splice(lesson, subs)
    assert text.startswith('---\ntitle: "A title: with a colon"\ndescription: \'It\'\'s\'\n---\n')
    assert parse("x.md", text).metadata["title"] == "A title: with a colon"


def careful_pseudo(unit) -> str:
    """What a careful translator may write: the msgid with a line more (PO editors let one add
    a line break anywhere); a unit that must stay on one line gets it as a space."""
    return unit.msgid + "\nēxŧŕă łĭňē"


#: Units cut mid-line by an HTML comment (never in a msgid), and a definition term.
CUT_BY_COMMENTS = [
    "Avant <!-- c --> après.\n",
    "Avant <!-- c --> après\nsur deux lignes.\n",
    "- Un élément\n  avant <!-- c --> après.\n",
    "> Avant <!-- c --> après.\n",
    "1. Avant <!-- c --> après\n   suite.\n",
    "Avant <!-- un\ncommentaire --> après.\n",
    "* [E] Avant <!-- c --> après.\n",
    "Texte  \navant <!-- c --> après.\n",
    "| a | b |\n|---|---|\n| x <!-- c --> y | z |\n",
    "- a\n  - Avant <!-- c --> après.\n",
    "Terme à définir\n: Définition <!-- c --> suite.\n",
]


@pytest.mark.parametrize("raw_html", [False, True], ids=["html-hidden", "html-prose"])
@pytest.mark.parametrize("fixture", EVERY_LESSON, ids=IDS)
def test_added_lines_keep_every_lesson_buildable(fixture: Path, raw_html: bool) -> None:
    """Every entry of every lesson of the suite with a line more: the lesson is built, not refused."""
    lesson = _lesson(fixture, raw_html)
    config = make_config(fixture.parent)
    config.values["raw_html"] = raw_html
    units = lesson_units(lesson)
    subs = [Substitution(unit, careful_pseudo(unit), i + 1) for i, unit in enumerate(units)]
    assert check_structure(fixture, lesson, subs, config, fixture) == []
    translated = parse(str(fixture), splice(lesson, subs), raw_html=raw_html)
    assert len(lesson_units(translated)) == len(units)  # no entry lost or split in two


@pytest.mark.parametrize("source", CUT_BY_COMMENTS)
def test_added_lines_around_a_comment_or_in_a_term_are_built(source: str, tmp_path: Path) -> None:
    lesson = parse("x.md", source)
    units = lesson_units(lesson)
    assert units
    subs = [Substitution(unit, careful_pseudo(unit), i + 1) for i, unit in enumerate(units)]
    assert check_structure(tmp_path / "x.md", lesson, subs, make_config(tmp_path), tmp_path / "x.po") == []
    text = splice(lesson, subs)
    assert text.count("ēxŧŕă łĭňē") == len(units)
    assert text.count("<!--") == source.count("<!--")  # the comments stay, where they were


def test_raw_html_text_is_translated_but_its_markup_is_kept(tmp_path: Path) -> None:
    """A site that renders raw HTML: its words are entries, its tags are structure."""
    source = '<div class="encadre">\n<p>Un paragraphe <strong>important</strong>.</p>\n</div>\n'
    lesson = parse("x.md", source, raw_html=True)
    config = make_config(tmp_path)
    config.values["raw_html"] = True
    [unit] = lesson_units(lesson)
    assert unit.msgid == "Un paragraphe <strong>important</strong>."
    good = Substitution(unit, "An <strong>important</strong> paragraph.", 7)
    assert check_structure(tmp_path / "x.md", lesson, [good], config, tmp_path / "x.po") == []
    assert splice(lesson, [good]) == source.replace("Un paragraphe <strong>important</strong>.", good.msgstr)
    closes = Substitution(unit, "An important</p><p>paragraph.", 7)
    [refusal] = check_structure(tmp_path / "x.md", lesson, [closes], config, tmp_path / "x.po")
    assert refusal.code == "CL612" and refusal.line == 7
