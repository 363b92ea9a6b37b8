"""Every front matter form Hugo 0.111 accepts is read by courselint as Hugo reads it.

Hugo's verdict comes from the real binary: the oracle (test_oracle.py) compares the
title and the draft flag Hugo publishes for ``lessons/fm-*.md`` with courselint's
metadata; here, the forms Hugo refuses, and what courselint makes of each form
(keys, no heading, CL010 advice, a translation that keeps ``draft``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint.document import parse
from courselint.fixes import apply_edits, chosen_fixes
from courselint.i18n.render import Substitution, splice
from courselint.i18n.units import lesson_units
from courselint.shortcodes import DEFAULT_TABLE

from .oracle import build_site

HERE = Path(__file__).resolve().parent
FORMS = sorted(HERE.glob("lessons/fm-*.md"))
#: Forms with something before the fence: Hugo skips it, other tools do not.
LEADING = {"fm-indented.md", "fm-tab.md", "fm-blank-lines.md", "fm-toml-indented.md", "fm-json-indented.md"}


@pytest.mark.parametrize("form", FORMS, ids=[f.stem for f in FORMS])
def test_form_gives_its_keys_and_no_heading(form: Path) -> None:
    lesson = parse(str(form), form.read_bytes())
    assert lesson.front_matter is not None
    assert isinstance(lesson.metadata.get("title"), str) and lesson.metadata["title"]
    assert not any(block.kind == "heading" for block in lesson.blocks)
    assert [b.raw for b in lesson.blocks if b.kind != "front_matter_value"] == ["Le corps de la leçon."]
    codes = [finding.code for finding in lesson.problems]
    assert codes == (["CL010"] if form.name in LEADING else [])


@pytest.mark.parametrize("form", sorted(p for p in FORMS if p.name in LEADING), ids=lambda p: p.stem)
def test_cl010_fix_removes_what_precedes_the_fence(form: Path) -> None:
    """The advice is to remove the indent (not to add a blank line); its safe fix does it."""
    lesson = parse(str(form), form.read_bytes())
    (finding,) = lesson.problems
    assert "retirez" in finding.message and "ligne vide" not in finding.message
    (chosen,) = chosen_fixes(lesson.problems)
    fixed = apply_edits(lesson.text, chosen[1].edits)
    assert fixed[0] in "-+{", fixed[:20]
    again = parse(str(form), fixed)
    assert again.problems == [] and again.metadata == lesson.metadata


@pytest.mark.parametrize("form", FORMS, ids=[f.stem for f in FORMS])
def test_translated_lesson_keeps_draft(form: Path) -> None:
    lesson = parse(str(form), form.read_bytes())
    units = lesson_units(lesson)
    subs = [Substitution(unit, "EN " + unit.msgid, 0) for unit in units]
    translated = parse("en.md", splice(lesson, subs))
    assert translated.metadata.get("title") == "EN " + lesson.metadata["title"]
    assert translated.metadata.get("draft") == lesson.metadata.get("draft")
    assert [b.raw for b in translated.blocks if b.kind != "front_matter_value"] == ["EN Le corps de la leçon."]


REFUSED = {
    # The closing fence must start its line (Hugo's pageparser).
    "indented-closing": ("---\ntitle: Fermeture indentée\n  ---\n\nCorps.\n", "EOF looking for end YAML front matter"),
    # YAML's document end marker does not close a Hugo front matter.
    "dots-closing": ("---\ntitle: Fin par trois points\n...\n\nCorps.\n", "EOF looking for end YAML front matter"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_forms_hugo_refuses_are_unclosed_for_courselint(name: str, tmp_path: Path) -> None:
    text, hugo_error = REFUSED[name]
    with pytest.raises(AssertionError) as failure:
        build_site(tmp_path / "site", {"p000": text}, DEFAULT_TABLE)
    assert hugo_error in str(failure.value)
    lesson = parse("lesson.md", text)
    assert "CL006" in [finding.code for finding in lesson.problems]


def test_block_scalars_of_text_keys_are_checked_extracted_and_rebuilt() -> None:
    form = HERE / "lessons" / "fm-block-scalar.md"
    lesson = parse(str(form), form.read_bytes())
    values = {b.key: b.raw for b in lesson.blocks if b.kind == "front_matter_value"}
    assert values["description"] == "Une description pliée\nsur deux lignes."
    assert values["summary"] == "Un résumé littéral,\n\navec un paragraphe."
    units = {u.context: u for u in lesson_units(lesson)}
    assert units["description"].msgid == "Une description pliée sur deux lignes."  # folded, as YAML reads it
    assert units["summary"].msgid == "Un résumé littéral,\n\navec un paragraphe."
    identity = splice(lesson, [Substitution(u, u.msgid, 0) for u in units.values()])
    assert identity == lesson.text
    english = {"description": "A folded\ndescription.", "summary": "A literal summary,\n\nwith a paragraph."}
    subs = [Substitution(u, english.get(u.context, u.msgid), 0) for u in units.values()]
    translated = parse("en.md", splice(lesson, subs))
    assert translated.problems == []
    assert translated.metadata["description"] == "A folded description.\n"
    assert translated.metadata["summary"] == "A literal summary,\n\nwith a paragraph."
    assert translated.metadata["weight"] == 4


def test_a_spelling_slip_in_a_block_scalar_is_found_on_its_line(tmp_path: Path) -> None:
    from courselint.config import Config, defaults
    from courselint.engine import Selection, run

    path = tmp_path / "lecon.md"
    path.write_text("---\ntitle: Leçon\ndescription: >\n  Une phrase\n  avec une fotte.\nweight: 1\n---\n\nCorps.\n", encoding="utf-8")
    result = run([path], Config(defaults(), tmp_path), Selection(select=("CL401",)), jobs=1, use_cache=False)
    assert [(f.word, f.line, f.column) for f in result.findings] == [("fotte", 5, 12)]


def test_indented_fence_gets_cl010_advice_not_cl210(tmp_path: Path) -> None:
    """The `---` closing an indented front matter is no setext underline: no "add a blank line"."""
    from courselint.config import Config, defaults
    from courselint.engine import Selection, run

    path = tmp_path / "lecon.md"
    path.write_bytes((HERE / "lessons" / "fm-indented.md").read_bytes())
    result = run([path], Config(defaults(), tmp_path), Selection(select=("CL0", "CL2")), jobs=1, use_cache=False)
    assert [(f.code, f.line) for f in result.findings] == [("CL010", 1)]
    assert "ligne vide" not in result.findings[0].message
