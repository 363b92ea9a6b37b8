"""Meta test: every code of the catalog is well named, documented, listed in the README, and checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from courselint import codes
from courselint.codes import CODES, SCOPES
from courselint.findings import Severity, Span
from courselint.rules import RULES
from courselint.rules.base import rule

README = Path(__file__).resolve().parents[2] / "README.md"
_ROW = re.compile(
    r"^\| (?P<code>CL\d{3}) \| (?P<name>[^|]+?) \| (?P<severity>error|warning|info) \|"
    r" (?P<summary>(?:[^|\\]|\\.)+?) \|$",
    re.MULTILINE,
)


def readme_rows() -> dict[str, tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    return {
        m["code"]: (m["name"], m["severity"], m["summary"].replace("\\|", "|"))
        for m in _ROW.finditer(text)
    }


def test_every_checked_code_has_its_check_and_no_other_code_has_one() -> None:
    checked = {code for code, entry in CODES.items() if entry.scope in ("lesson", "chapter", "catalog")}
    assert set(RULES) == checked
    reported_elsewhere = {code for code, entry in CODES.items() if entry.scope in ("input", "build", "run")}
    assert reported_elsewhere == {f"CL00{n}" for n in range(1, 10)} | {"CL010", "CL011", "CL012", "CL611", "CL612", "CL614", "CL901"}


def test_there_are_rules() -> None:
    """Every rule module is registered: the codes are exactly the README's, family by family.

    (The parametrized tests below pass vacuously on an empty registry or an unparsed table.)
    """
    rows = readme_rows()
    assert len(rows) >= 40, "the README's rule table no longer parses"
    assert set(CODES) == set(rows)
    families = {code[:3] for code in RULES}
    assert families == {"CL1", "CL2", "CL3", "CL4", "CL5", "CL6", "CL7"}  # CL0 and CL9 are reported by the run


def test_codes_and_names_are_unique() -> None:
    names = [entry.name for entry in CODES.values()]
    assert len(set(names)) == len(names)
    assert all(code == entry.code for code, entry in CODES.items())
    assert all(RULES[code].entry is CODES[code] for code in RULES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_rule_is_well_formed(code: str) -> None:
    rule = CODES[code]
    assert re.fullmatch(r"CL\d{3}", code)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+", rule.name), rule.name
    assert rule.scope in SCOPES
    assert isinstance(rule.severity, Severity)
    assert rule.summary, f"{code} has no docstring"
    assert rule.summary[0].isupper() and rule.summary.endswith("."), rule.summary


@pytest.mark.parametrize("code", sorted(CODES))
def test_rule_is_in_the_readme_table(code: str) -> None:
    rows = readme_rows()
    rule = CODES[code]
    assert code in rows, (
        f"{code} missing from the README's rule table; add the row"
        f" `| {code} | {rule.name} | {rule.severity.value} | {rule.summary} |`"
    )
    name, severity, summary = rows[code]
    assert name == rule.name
    assert severity == rule.severity.value
    assert summary == rule.summary


def test_readme_lists_no_rule_that_does_not_exist() -> None:
    assert set(readme_rows()) <= set(CODES)


def test_course_rule_severities() -> None:
    course = {code: rule for code, rule in RULES.items() if code[:3] in ("CL1", "CL2", "CL3")}
    assert set(course) == {
        "CL101", "CL102", "CL103", "CL104", "CL105", "CL106",
        "CL201", "CL202", "CL203", "CL204", "CL205", "CL206", "CL210",
        "CL301", "CL302", "CL303", "CL304", "CL305",
    }  # fmt: skip
    warnings = {code for code, rule in course.items() if rule.severity is Severity.WARNING}
    assert warnings == {"CL106", "CL305"}
    assert {code for code, rule in course.items() if rule.scope == "chapter"} == {"CL104", "CL105"}


def test_adding_a_rule_is_a_catalog_row_and_one_decorated_function(tmp_path: Path, monkeypatch) -> None:
    """What a contributor writes for a new check, run through the real engine."""
    from courselint import config as config_module
    from courselint.engine import Selection, run

    monkeypatch.setitem(
        CODES, "CL299", codes.Code("CL299", "slides.too-many", Severity.WARNING, "lesson", "Trop de diapositives.")
    )

    @rule("CL299")
    def too_many_slides(lesson, ctx, report):
        if len(lesson.slides) > 2:
            separator = lesson.slides[2].start_line - 1
            yield report(lesson.index.line_span(separator), "plus de deux diapositives")

    try:
        lesson = tmp_path / "lecon.md"
        lesson.write_text("---\ntitle: Leçon\nweight: 1\n---\n\nUn.\n\n---\n\nDeux.\n\n---\n\nTrois.\n", encoding="utf-8")
        result = run([lesson], config_module.load(start=tmp_path), Selection(("CL299",)), use_cache=False)
    finally:
        RULES.pop("CL299", None)
    [finding] = result.findings
    assert (finding.code, finding.rule, finding.severity, finding.line) == (
        "CL299", "slides.too-many", Severity.WARNING, 12
    )
    assert finding.span == Span(12, 1, 12, 4)  # the third slide's `---`
