"""Every ``--format`` pinned on one course: golden files, and every field checked by hand.

The course has errors, a warning and an info (severities moved by the ``[severity]``
table), a finding spanning two lines, non-ASCII text, tabs (one column each) and paths
with spaces and a comma.  Two checks per format:

* the whole output equals ``golden/reporters.<format>.txt`` (refresh with
  ``COURSELINT_UPDATE_GOLDENS=1 pytest tests/cli/test_reporters.py`` and review the diff
  like code);
* the output, parsed, gives back ``EXPECTED`` below, a table written by hand from the
  lesson (columns counted on the text, not taken from the program), field by field.

Known wrong in the SARIF golden: ``artifactLocation.uri`` holds the raw path
(``content/chap 1/leçon été.md``) where a URI needs ``content/chap%201/le%C3%A7on%20%C3%A9t%C3%A9.md``
(issue 18); ``test_sarif_fields`` leaves the URI to that issue.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"

LESSON = (
    "---\n"
    "title: 1.01 Histoire des conteneurs\n"
    "weight: 1\n"
    "---\n"
    "\n"
    "# Histoire\n"
    "\n"
    "* 2000 : BSD Jail\n"  # 8
    "* 1979 : Chroot, première\n"  # 9: CL201 from 9:3 ...
    "  isolation\n"  # 10: ... to 10:12 (end exclusive)
    "* 2OO8 :\tLXC, 100 %\n"  # 11: CL206 (an info here), 3 to 20 (17 characters), a tab and a "%" inside
    "\n"
    "## 2000 : BSD Jails\n"  # 13: CL205 (a warning here) on "BSD Jails", 11 to 20
    "\n"
    "Un\tmott inconu dans l’étape, à 100 %.\n"  # 15: the tab is column 3
    "\n"
    "## 1979 : Chroot, première isolation\n"  # 17: CL204, 4 to 37
    "\n"
    "## 2008 : LXC\n"
)
OTHER = "---\ntitle: 1.02 Suite\nweight: 2\n---\n\n# Suite\n\nLe proxi est tombé.\n"
LESSON_PATH = "content/chap 1/leçon été.md"
OTHER_PATH = "content/chap 1/suite, fin.md"

# (path, line, column, end_line, end_column, code, rule, severity, word, suggestions)
EXPECTED = [
    (LESSON_PATH, 9, 3, 10, 12, "CL201", "timeline.order", "error", None, None),
    (LESSON_PATH, 11, 3, 11, 20, "CL206", "timeline.malformed-item", "info", None, None),
    (LESSON_PATH, 13, 11, 13, 20, "CL205", "timeline.label-mismatch", "warning", None, None),
    (LESSON_PATH, 15, 4, 15, 8, "CL401", "spelling.unknown-word", "error", "mott", ["mot", "mots", "mort"]),
    (LESSON_PATH, 15, 9, 15, 15, "CL401", "spelling.unknown-word", "error", "inconu", ["inconnu"]),
    (LESSON_PATH, 17, 4, 17, 37, "CL204", "timeline.step-order", "error", None, None),
    (OTHER_PATH, 8, 4, 8, 9, "CL401", "spelling.unknown-word", "error", "proxi", ["proxy"]),
]
# Messages, written out: one line each, the advice after " : ".
MESSAGES = [
    "1979 devrait venir avant 2000 (ligne 8) : déplacez « 1979 : Chroot, première isolation »"
    " juste avant « 2000 : BSD Jail »",
    "« 2OO8 :\tLXC, 100 % » ne se lit pas `ANNÉE : libellé` comme les autres éléments de la frise :"
    " l'année s'écrit en chiffres (2008 ?)",
    "le titre « 2000 : BSD Jails » diffère de la frise (ligne 8 : « 2000 : BSD Jail ») :"
    " utilisez le même libellé aux deux endroits",
    "Mot inconnu du dictionnaire : « mott »",
    "Mot inconnu du dictionnaire : « inconu »",
    "l'étape 1979 devrait venir avant l'étape 2000 (ligne 13) : déplacez la section"
    " « ## 1979 : Chroot, première isolation » juste avant « ## 2000 : BSD Jails »",
    "Mot inconnu du dictionnaire : « proxi »",
]
SUMMARY = "5 erreurs, 1 avertissement, 1 information dans 2 fichiers (3 leçons vérifiées)."
FORMATS = ["text", "json", "sarif", "github", "gitlab"]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reporters")
    (root / "courselint.toml").write_text(
        'paths = ["content"]\n\n[severity]\nCL205 = "warning"\nCL206 = "info"\n', encoding="utf-8"
    )
    chapter = root / "content" / "chap 1"
    chapter.mkdir(parents=True)
    (chapter / "_index.md").write_text("---\ntitle: Chapitre\n---\n", encoding="utf-8")
    (root / LESSON_PATH).write_text(LESSON, encoding="utf-8")
    (root / OTHER_PATH).write_text(OTHER, encoding="utf-8")
    return root


_OUTPUTS: dict[tuple, str] = {}


def output(course: Path, fmt: str, color: bool = False, again: bool = False) -> str:
    """The command's stdout (one run per format for the module; ``again`` runs anew)."""
    key = (course, fmt, color)
    if key not in _OUTPUTS or again:
        _OUTPUTS[key] = _run(course, fmt, color)
    return _OUTPUTS[key]


def _run(course: Path, fmt: str, color: bool) -> str:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("FORCE_COLOR", None)
    env.pop("NO_COLOR", None)
    if color:
        env["FORCE_COLOR"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "courselint", "check", "--no-cache", "--jobs", "1",
         "--select", "CL2,CL401", "--format", fmt],
        cwd=course, env=env, capture_output=True, timeout=120,
    )
    assert result.returncode == 1, result.stderr.decode()  # errors among the findings
    assert result.stderr == b""  # stderr is not a terminal: no progress
    return result.stdout.decode("utf-8")


def _golden(name: str, actual: str) -> None:
    golden = GOLDEN / f"reporters.{name}.txt"
    if os.environ.get("COURSELINT_UPDATE_GOLDENS"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
    assert golden.exists(), f"missing golden {golden}: run with COURSELINT_UPDATE_GOLDENS=1"
    assert actual == golden.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(course: Path, fmt: str) -> None:
    _golden(fmt, output(course, fmt))


def test_golden_text_in_color(course: Path) -> None:
    _golden("text-color", output(course, "text", color=True))


def test_text_fields(course: Path) -> None:
    lines = output(course, "text").splitlines()
    assert lines[-1] == SUMMARY
    rows = []
    for line, expected, message in zip(lines[:-1], EXPECTED, MESSAGES, strict=True):
        path, row, column, severity, code, rule, rest = re.fullmatch(
            r"(.+?):(\d+):(\d+): (error|warning|info) (CL\d{3}) ([a-z.-]+) (.*)", line
        ).groups()
        assert (path, int(row), int(column), code) == expected[:3] + (expected[5],)
        assert (rule, severity) == expected[6:8]
        suggestions = expected[9]
        # Control characters of a message are shown escaped on a text line (a tab reads \\t).
        shown = message.replace("\t", "\\t")
        assert rest == shown + (f" (suggestions : {', '.join(suggestions)})" if suggestions else "")
        rows.append(row)
    assert len(rows) == len(EXPECTED)


def test_text_colors_by_severity(course: Path) -> None:
    lines = output(course, "text", color=True).splitlines()
    tint = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
    for line, expected in zip(lines[:-1], EXPECTED, strict=True):
        path, row, column, _, _, code, rule, severity = expected[:8]
        assert line.startswith(
            f"\033[1m{path}:{row}:{column}:\033[0m {tint[severity]}{severity} {code}\033[0m \033[2m{rule}\033[0m "
        )
    assert lines[-1] == SUMMARY


def test_json_fields(course: Path) -> None:
    findings = json.loads(output(course, "json"))
    keys = ["path", "line", "column", "end_line", "end_column", "code", "rule", "severity"]
    assert len(findings) == len(EXPECTED)
    for finding, expected, message in zip(findings, EXPECTED, MESSAGES):
        word, suggestions = expected[8:]
        wanted = dict(zip(keys, expected[:8]), message=message)
        if word is not None:
            wanted |= {"word": word, "suggestions": suggestions}
        # Each suggestion is an unsafe fix replacing the word (tests/engine/test_fixes.py pins them).
        fixes = finding.pop("fixes", [])
        assert [(f["edits"][0]["text"], f["safe"]) for f in fixes] == [(s, False) for s in (suggestions or [])]
        assert finding == wanted


def test_sarif_fields(course: Path) -> None:
    document = json.loads(output(course, "sarif"))
    assert document["version"] == "2.1.0"
    [run] = document["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "courselint"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == ["CL201", "CL204", "CL205", "CL206", "CL401"]  # used ones, sorted, once
    names = {rule["id"]: rule["name"] for rule in driver["rules"]}
    # The rules' own level (the configuration moves the results', not the rules' default).
    assert {rule["defaultConfiguration"]["level"] for rule in driver["rules"]} == {"error"}
    assert all(rule["shortDescription"]["text"].endswith(".") for rule in driver["rules"])
    level = {"error": "error", "warning": "warning", "info": "note"}
    assert len(run["results"]) == len(EXPECTED)
    for result, expected, message in zip(run["results"], EXPECTED, MESSAGES):
        path, line, column, end_line, end_column, code, rule, severity, word, suggestions = expected
        assert result["ruleId"] == code
        assert rule_ids[result["ruleIndex"]] == code
        assert names[code] == rule
        assert result["level"] == level[severity]
        assert result["message"] == {"text": message}
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"] == {
            "startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column
        }
        if word is None:
            assert "properties" not in result
        else:
            assert result["properties"] == {"word": word, "suggestions": suggestions}


def test_github_fields(course: Path) -> None:
    lines = output(course, "github").splitlines()
    command = {"error": "error", "warning": "warning", "info": "notice"}
    assert len(lines) == len(EXPECTED)
    for line, expected, message in zip(lines, EXPECTED, MESSAGES):
        path, row, column, end_line, end_column, code, rule, severity, _, suggestions = expected
        escaped_path = path.replace(",", "%2C")  # "," ends a property, ":" too
        properties = (
            f"file={escaped_path},line={row},col={column},endLine={end_line},"
            f"endColumn={end_column},title={code} {rule}"
        )
        text = message + (f" (suggestions : {', '.join(suggestions)})" if suggestions else "")
        assert line == f"::{command[severity]} {properties}::{text.replace('%', '%25')}"


def test_gitlab_fields(course: Path) -> None:
    issues = json.loads(output(course, "gitlab"))
    severity_names = {"error": "major", "warning": "minor", "info": "info"}
    assert len(issues) == len(EXPECTED)
    for issue, expected, message in zip(issues, EXPECTED, MESSAGES):
        path, line, column, end_line, end_column, code, rule, severity, _, _ = expected
        assert issue["description"] == f"{code} {message}"
        assert issue["check_name"] == rule
        assert issue["severity"] == severity_names[severity]
        assert issue["location"] == {
            "path": path,
            "lines": {"begin": line, "end": end_line},  # GitLab's documented minimal form
            "positions": {"begin": {"line": line, "column": column}, "end": {"line": end_line, "column": end_column}},
        }
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    # A fingerprint names one finding: distinct here, and the same on the next run.
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    assert [i["fingerprint"] for i in json.loads(output(course, "gitlab", again=True))] == [
        i["fingerprint"] for i in issues
    ]


# --------------------------------------------------------------------------- reporters called directly
# Inputs the course above cannot produce: summaries of every shape, escapes GitHub needs,
# a code no rule has.  Expected texts written by hand.


def _write(fmt: str, findings: list, lessons: int = 1, catalogs: int = 0) -> str:
    import io

    from courselint import reporters

    stream = io.StringIO()
    reporters.get(fmt)(findings, reporters.Summary(lessons, catalogs), stream)
    return stream.getvalue()


def _finding(code="CL401", severity="error", message="m", path="a.md", line=3, rule="spelling.unknown-word"):
    from courselint.findings import Finding, Severity

    return Finding(path, line, 2, line + 1, 5, code, rule, Severity(severity), message)


@pytest.mark.parametrize(
    "lessons, catalogs, expected",
    [
        (0, 0, "Aucun problème (0 leçon vérifiée).\n"),  # French: zero takes the singular
        (1, 0, "Aucun problème (1 leçon vérifiée).\n"),
        (2, 0, "Aucun problème (2 leçons vérifiées).\n"),
        (1, 1, "Aucun problème (1 leçon et 1 catalogue vérifiés).\n"),
        (0, 2, "Aucun problème (0 leçon et 2 catalogues vérifiés).\n"),
    ],
)
def test_text_summary_without_findings(lessons: int, catalogs: int, expected: str) -> None:
    assert _write("text", [], lessons, catalogs) == expected


def test_text_summary_counts_agree_in_number() -> None:
    one_error = _write("text", [_finding()], 1)
    assert one_error.splitlines()[-1] == "1 erreur, 0 avertissement dans 1 fichier (1 leçon vérifiée)."
    several = [
        _finding(path="a.md"), _finding(path="b.md", line=5),
        _finding(severity="warning", path="b.md"), _finding(severity="warning", path="c.md"),
        _finding(severity="info", path="c.md"), _finding(severity="info", path="c.md", line=7),
    ]  # fmt: skip
    assert _write("text", several, 3, 1).splitlines()[-1] == (
        "2 erreurs, 2 avertissements, 2 informations dans 3 fichiers (3 leçons et 1 catalogue vérifiés)."
    )


def test_github_escapes_data_and_properties() -> None:
    finding = _finding(message="100 % sûr\r\nligne 2, a:b", path="dir: a, b/c.md")
    assert _write("github", [finding]) == (
        "::error file=dir%3A a%2C b/c.md,line=3,col=2,endLine=4,endColumn=5,"
        "title=CL401 spelling.unknown-word::100 %25 sûr%0D%0Aligne 2, a:b\n"
    )


def test_sarif_for_a_code_no_rule_has() -> None:
    document = json.loads(_write("sarif", [_finding(code="CL999", severity="warning", rule="x.y")]))
    [rule] = document["runs"][0]["tool"]["driver"]["rules"]
    assert rule == {
        "id": "CL999", "name": "CL999", "shortDescription": {"text": "CL999"},
        "defaultConfiguration": {"level": "error"},
    }  # fmt: skip
    [result] = document["runs"][0]["results"]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == ("CL999", 0, "warning")
    assert "properties" not in result
