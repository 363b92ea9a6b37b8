"""Meta test: every registered rule is well named, documented, and listed in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from courselint.findings import Severity
from courselint.rules import RULES
from courselint.rules.base import SCOPES

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


def test_there_are_rules() -> None:
    """Every rule module is registered: the codes are exactly the README's, family by family.

    (The parametrized tests below pass vacuously on an empty registry or an unparsed table.)
    """
    rows = readme_rows()
    assert len(rows) >= 40, "the README's rule table no longer parses"
    assert set(RULES) == set(rows)
    families = {code[:3] for code in RULES}
    assert families == {"CL0", "CL1", "CL2", "CL3", "CL4", "CL5", "CL6", "CL9"}


def test_codes_and_names_are_unique() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    assert all(code == rule.code for code, rule in RULES.items())


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_well_formed(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"CL\d{3}", code)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+", rule.name), rule.name
    assert rule.scope in SCOPES
    assert isinstance(rule.severity, Severity)
    assert rule.summary, f"{code} has no docstring"
    assert rule.summary[0].isupper() and rule.summary.endswith("."), rule.summary


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_in_the_readme_table(code: str) -> None:
    rows = readme_rows()
    rule = RULES[code]
    assert code in rows, (
        f"{code} missing from the README's rule table; add the row"
        f" `| {code} | {rule.name} | {rule.severity.value} | {rule.summary} |`"
    )
    name, severity, summary = rows[code]
    assert name == rule.name
    assert severity == rule.severity.value
    assert summary == rule.summary


def test_readme_lists_no_rule_that_does_not_exist() -> None:
    assert set(readme_rows()) <= set(RULES)


def test_course_rule_severities() -> None:
    course = {code: rule for code, rule in RULES.items() if code[:3] in ("CL1", "CL2", "CL3")}
    assert set(course) == {
        "CL101", "CL102", "CL103", "CL104", "CL105",
        "CL201", "CL202", "CL203", "CL204", "CL205", "CL206", "CL210",
        "CL301", "CL302", "CL303", "CL304", "CL305",
    }  # fmt: skip
    warnings = {code for code, rule in course.items() if rule.severity is Severity.WARNING}
    assert warnings == {"CL305"}
    assert {code for code, rule in course.items() if rule.scope == "chapter"} == {"CL104", "CL105"}
