"""The command line speaks French, or English when the locale asks for it (GNU gettext's order).

Real subprocesses with real environments; the English comes from courselint's own
catalog (``src/courselint/locale``), kept complete by ``scripts/update_messages.py``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from courselint.messages import wanted_language

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "rules" / "cases"
FRENCH = re.compile(r"[éèêàùçôî«»]|\b(?:le|la|les|des|une?|est|dans|pour|sans)\b")


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "courselint", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**base, **env},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "fr"),
        ({"LANG": "C"}, "fr"),
        ({"LANG": "POSIX", "LANGUAGE": "en"}, "fr"),  # gettext ignores LANGUAGE under the C locale
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "de:en"}, "en"),  # the first language courselint speaks
        ({"LANG": "de_DE.UTF-8"}, "fr"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr"}, "fr"),
    ],
)
def test_the_language_is_chosen_in_gettexts_order(environment: dict, expected: str) -> None:
    assert wanted_language(environment) == expected


def test_the_catalogs_are_complete_and_compiled() -> None:
    """A string added to the code without its English (or a stale .mo) fails here."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_messages.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_help_usage_and_errors_are_french_by_default(tmp_path: Path) -> None:
    helped = run("check", "--help", cwd=tmp_path, LANG="C.UTF-8")
    assert helped.stdout.startswith("usage : courselint check")
    assert "afficher cette aide et quitter" in helped.stdout and "arguments" in helped.stdout
    assert "show this help" not in helped.stdout and "positional arguments" not in helped.stdout
    # Every option has its help text.
    options = re.findall(r"^  (--[\w-]+)(.*)$", helped.stdout, re.M)
    assert options and all(text.strip() for _, text in options), options
    wrong = run("check", "--format", "xml", cwd=tmp_path)
    assert wrong.returncode == 2
    assert wrong.stderr == (
        "courselint: erreur : argument --format : choix invalide : 'xml'"
        " (choisissez parmi 'text', 'json', 'sarif', 'github', 'gitlab')\n"
    )


def test_help_usage_and_errors_are_english_when_asked(tmp_path: Path) -> None:
    helped = run("check", "--help", cwd=tmp_path, LANG="en_US.UTF-8")
    assert helped.stdout.startswith("usage: courselint check")
    assert "show this help message and exit" in helped.stdout
    assert not FRENCH.search(helped.stdout), helped.stdout
    wrong = run("check", "--bogus", cwd=tmp_path, LANG="en_US.UTF-8")
    assert wrong.stderr == "courselint: error: unrecognized arguments: --bogus\n"


@pytest.mark.parametrize("family", ["frontmatter", "timeline", "factors", "chapter"])
def test_course_findings_are_english_when_asked(tmp_path: Path, family: str) -> None:
    """The course rules' messages, on every case file of their family."""
    source = (CASES / f"{family}.md").read_text(encoding="utf-8")
    lessons = re.split(r"(?m)^<!-- case:", source)[1:]
    for i, case in enumerate(lessons):
        body = case.split("-->", 1)[1].lstrip("\n")
        (tmp_path / f"{i:02d}-cas.md").write_text(body, encoding="utf-8")
    french = run("check", "--no-cache", "--select", "CL1,CL2,CL3", "--format", "json", ".", cwd=tmp_path)
    english = run(
        "check", "--no-cache", "--select", "CL1,CL2,CL3", "--format", "json", ".", cwd=tmp_path, LANG="en_US.UTF-8"
    )
    in_french, in_english = json.loads(french.stdout), json.loads(english.stdout)
    assert in_english and len(in_english) == len(in_french)
    for finding in in_english:
        assert not FRENCH.search(finding["message"].replace(finding.get("word") or "\0", "")), finding["message"]
    assert [f["code"] for f in in_english] == [f["code"] for f in in_french]


def test_a_cached_french_report_is_not_served_in_english(tmp_path: Path) -> None:
    (tmp_path / "lecon.md").write_text("---\ntitle: Leçon\n---\n\nTexte.\n", encoding="utf-8")
    french = run("check", "--select", "CL101", "lecon.md", cwd=tmp_path)
    english = run("check", "--select", "CL101", "lecon.md", cwd=tmp_path, LANG="en_US.UTF-8")
    assert "obligatoire" in french.stdout
    assert "is required" in english.stdout and "1 error, 0 warnings in 1 file (1 lesson checked)." in english.stdout
