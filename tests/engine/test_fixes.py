"""Findings carry edits: applied to the file, they fix what the finding says and nothing else.

Every expectation here is written by hand from the lesson text; the fixed file is
checked again through the real engine (and ``msgfmt -c`` for a catalog).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from courselint import config as config_module
from courselint.engine import Selection, run
from courselint.findings import Edit, Span
from courselint.fixes import apply_edits, chosen_fixes
from courselint.reporters import Summary, sarif

LESSON = """---
title: Leçon
weight: 1
---

* 1979 : Chroot
* 2000 : Jails

- [E] Évolution
- [P] Pratique

## 1979 : Chroot

* [e] Une étiquette en minuscule.\r
* [P] Une consomemation de ressources.

## 2000 : Jails

* [P][E] Deux étiquettes dans le désordre.
"""


def check(path: Path, *codes: str):
    return run([path], config_module.load(start=path.parent), Selection(codes), use_cache=False).findings


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    path = tmp_path / "lecon.md"
    path.write_bytes(LESSON.encode("utf-8"))
    return path


def test_a_malformed_tag_has_a_safe_fix_that_writes_the_tag_meant(lesson: Path) -> None:
    [finding] = check(lesson, "CL302")
    [fix] = finding.fixes
    assert fix.safe
    assert fix.edits == (Edit(Span(14, 3, 14, 6), "[E]"),)
    fixed = apply_edits(lesson.read_bytes().decode("utf-8"), fix.edits)
    assert fixed == LESSON.replace("* [e] Une", "* [E] Une")  # the \r\n line end kept, every other byte too
    lesson.write_bytes(fixed.encode("utf-8"))
    assert check(lesson, "CL302") == []


def test_tags_out_of_order_are_reordered_by_a_safe_fix(lesson: Path) -> None:
    [finding] = check(lesson, "CL305")
    [fix] = finding.fixes
    assert fix.safe and fix.edits == (Edit(Span(19, 3, 19, 9), "[E][P]"),)


def test_each_spelling_suggestion_is_a_fix_none_of_them_safe(lesson: Path) -> None:
    [finding] = check(lesson, "CL401")
    assert finding.word == "consomemation"
    assert [fix.edits[0].text for fix in finding.fixes] == list(finding.suggestions)
    assert not any(fix.safe for fix in finding.fixes)
    assert chosen_fixes([finding]) == []
    [(_, first)] = chosen_fixes([finding], unsafe=True)
    fixed = apply_edits(lesson.read_text(encoding="utf-8"), first.edits)
    assert "Une consommation de ressources." in fixed


def test_sarif_carries_the_fixes(lesson: Path) -> None:
    findings = check(lesson, "CL302")
    buffer = io.StringIO()
    sarif.write(findings, Summary(1, 0), buffer)
    [result] = json.loads(buffer.getvalue())["runs"][0]["results"]
    [change] = result["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 14, "startColumn": 3, "endLine": 14, "endColumn": 6},
            "insertedContent": {"text": "[E]"},
        }
    ]


def test_the_json_report_round_trips_the_fixes(lesson: Path) -> None:
    from courselint.findings import Finding

    [finding] = check(lesson, "CL302")
    assert Finding.from_dict(json.loads(json.dumps(finding.to_dict()))) == finding


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
def test_a_wrong_plural_forms_header_is_fixed_safely(tmp_path: Path) -> None:
    po = tmp_path / "fr" / "lecon.po"
    po.parent.mkdir()
    po.write_text(
        '# French.\nmsgid ""\nmsgstr ""\n"Language: fr\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Bonjour"\nmsgstr "Salut"\n',
        encoding="utf-8",
    )
    [finding] = check(po, "CL610")
    [fix] = finding.fixes
    assert fix.safe
    po.write_text(apply_edits(po.read_text(encoding="utf-8"), fix.edits), encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n' in po.read_text(encoding="utf-8")
    assert check(po, "CL610") == []
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True)


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        apply_edits("abcdef\n", [Edit(Span(1, 1, 1, 4), "x"), Edit(Span(1, 3, 1, 5), "y")])


def test_a_separator_under_a_paragraph_gets_a_blank_line_as_an_unsafe_fix(tmp_path: Path) -> None:
    path = tmp_path / "slides.md"
    path.write_text("---\ntitle: Diapos\nweight: 1\n---\n\nPremière diapositive.\n---\n\nSeconde.\n", encoding="utf-8")
    [finding] = check(path, "CL210")
    [fix] = finding.fixes
    assert not fix.safe and fix.edits == (Edit(Span(7, 1, 7, 1), "\n"),)
    path.write_text(apply_edits(path.read_text(encoding="utf-8"), fix.edits), encoding="utf-8")
    assert "Première diapositive.\n\n---\n" in path.read_text(encoding="utf-8")
    assert check(path, "CL210") == []
