"""Rule case files: lessons with the exact findings they must give.

Format of ``tests/rules/cases/*.md`` — a sequence of cases, each opened by an
HTML comment at the start of a line::

    <!-- case: what the case shows
    expect: CL201 7:3          (one line per expected finding: code line:column)
    file: chap/2-05-x.md       (optional: where to write the lesson; default <case>.md)
    group: name                (optional: cases of one group are written together and
                                checked in one run — chapter rules need several files)
    checked: no                (optional: written but not passed to the run, as under
                                pre-commit when only some files are staged)
    config: {"factors": {...}} (optional: configuration overrides, JSON; merged per group)
    -->
    ---
    title: …                   <- line 1 of the lesson: expected lines count from here

The lesson is everything after ``-->`` up to the next ``<!-- case:`` line.
The marker is ``case:``/``expect:``, never ``courselint:``, so the engine's
suppression comments keep their meaning inside a case.  A case with no
``expect:`` line is a passing example: it must give no finding of the families
under test (CL1xx, CL2xx, CL3xx).

Each group is checked by the real engine (:func:`courselint.engine.run`, no
cache, one process), with only these families selected.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from courselint import config as config_module
from courselint.engine import Selection, run
from courselint.rules import RULES

CASES = Path(__file__).parent / "cases"
FAMILIES = ("CL1", "CL2", "CL3")
_HEADER = re.compile(r"^<!-- case: (?P<name>.*?)\n(?P<fields>.*?)^-->\n", re.MULTILINE | re.DOTALL)
_EXPECT = re.compile(r"(?P<code>CL\d{3}) (?P<line>\d+):(?P<column>\d+)")


@dataclass
class Case:
    name: str
    text: str
    file: str
    expect: list[tuple[str, int, int]]
    checked: bool = True
    config: dict = field(default_factory=dict)
    group: str | None = None


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "case"


def read_cases(path: Path) -> list[Case]:
    source = path.read_text(encoding="utf-8")
    headers = list(_HEADER.finditer(source))
    assert headers, f"{path.name}: no case"
    assert source[: headers[0].start()].strip() == "", f"{path.name}: text before the first case"
    cases = []
    for i, header in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(source)
        fields: dict[str, str] = {}
        expect = []
        for line in header.group("fields").splitlines():
            key, _, value = line.partition(":")
            key, value = key.strip(), value.strip()
            if key == "expect":
                match = _EXPECT.fullmatch(value)
                assert match, f"{path.name}: bad expectation {value!r}"
                expect.append((match["code"], int(match["line"]), int(match["column"])))
            elif key in ("file", "group", "checked", "config"):
                fields[key] = value
            else:
                raise AssertionError(f"{path.name}: unknown case field {key!r}")
        name = header.group("name").strip()
        cases.append(
            Case(
                name=name,
                text=source[header.end() : end],
                file=fields.get("file", f"{_slug(name)}-{i}.md"),
                expect=expect,
                checked=fields.get("checked", "yes") != "no",
                config=json.loads(fields["config"]) if "config" in fields else {},
                group=fields.get("group"),
            )
        )
    return cases


def _merge(into: dict, extra: dict) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def groups() -> list:
    params = []
    for path in sorted(CASES.glob("*.md")):
        by_group: dict[str, list[Case]] = {}
        for case in read_cases(path):
            by_group.setdefault(case.group or f"{case.file}::{case.name}", []).append(case)
        for key, members in by_group.items():
            label = members[0].group or members[0].name
            params.append(pytest.param(members, id=f"{path.stem}: {label}"))
    return params


@pytest.mark.parametrize("cases", groups())
def test_case(cases: list[Case], tmp_path: Path) -> None:
    (tmp_path / "courselint.toml").write_text("", encoding="utf-8")  # no config from above
    overrides: dict = {}
    targets = []
    for case in cases:
        target = tmp_path / case.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(case.text, encoding="utf-8")
        _merge(overrides, case.config)
        if case.checked:
            targets.append(target)
    config = config_module.load(tmp_path / "courselint.toml", overrides=overrides)
    result = run(targets, config, Selection(select=FAMILIES), jobs=1, use_cache=False)

    expected = sorted(
        (case.file, code, line, column) for case in cases for code, line, column in case.expect
    )
    found = sorted(
        (Path(f.path).resolve().relative_to(tmp_path.resolve()).as_posix(), f.code, f.line, f.column)
        for f in result.findings
    )
    messages = "\n".join(f"{f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in result.findings)
    assert found == expected, f"findings:\n{messages}"
    for finding in result.findings:
        assert " : " in finding.message, f"no advice after ' : ' in {finding.message!r}"
        assert finding.end_line > finding.line or finding.end_column > finding.column


def test_every_course_rule_has_a_failing_and_the_files_a_passing_example() -> None:
    failing: set[str] = set()
    for path in sorted(CASES.glob("*.md")):
        cases = read_cases(path)
        assert any(not case.expect and case.checked for case in cases), f"{path.name}: no passing case"
        failing.update(code for case in cases for code, _, _ in case.expect)
    ours = {code for code in RULES if code.startswith(FAMILIES)}
    assert ours - failing == set()


ROOT = Path(__file__).resolve().parents[2]


def test_seed_lesson_and_sample_content_give_no_course_finding(tmp_path: Path) -> None:
    # content/ also holds the built English lessons (*.en.md): outputs once "en" is a locale.
    (tmp_path / "courselint.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    seed = ROOT / "tests" / "fixtures" / "seed.md"
    result = run([seed, ROOT / "content"], config, Selection(select=FAMILIES), jobs=1, use_cache=False)
    assert result.lessons == 4
    assert result.findings == []


def test_shuffled_timeline_says_what_to_move_where() -> None:
    from courselint.document import parse
    from courselint.rules.base import Context

    case = next(c for c in read_cases(CASES / "timeline.md") if c.name.startswith("frise mélangée, étapes dans le même"))
    lesson = parse("frise.md", case.text)
    ctx = Context(config_module.load(start=CASES))
    messages = {
        (f.code, f.line): f.message
        for code in ("CL201", "CL204")
        for f in RULES[code].check(lesson, ctx)
    }
    assert messages[("CL201", 7)] == (
        "1979 devrait venir avant 2000 (ligne 6) : déplacez « 1979 : Chroot »"
        " juste avant « 2000 : BSD Jail »"
    )
    assert messages[("CL204", 15)] == (
        "l'étape 1979 devrait venir avant l'étape 2000 (ligne 11) : déplacez la section"
        " « ## 1979 : Chroot » juste avant « ## 2000 : BSD Jail »"
    )
    assert "2001 devrait venir avant 2008 (ligne 8)" in messages[("CL201", 9)]


def test_message_names_the_item_it_follows_when_that_is_not_where_it_belongs() -> None:
    from courselint.document import parse
    from courselint.rules.base import Context

    text = "---\ntitle: T\nweight: 1\n---\n\n* 2000 : BSD Jail\n* 2013 : Docker\n* 1979 : Chroot\n"
    lesson = parse("frise.md", text)
    ctx = Context(config_module.load(start=CASES))
    [finding] = RULES["CL201"].check(lesson, ctx)
    assert (finding.line, finding.column, finding.end_column) == (8, 3, 16)
    assert finding.message == (
        "1979 devrait venir avant 2000 (ligne 6) mais suit 2013 (ligne 7) :"
        " déplacez « 1979 : Chroot » juste avant « 2000 : BSD Jail »"
    )
