"""Adopting courselint on a course written by others: baseline, drafts, notes, fixes, changed lines, words.

Real subprocesses of the command, on a copy of the French pages of the learn
theme's example site (real content, real slips) and on the seed lesson.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_corpus import LEARN_SITE

ROOT = Path(__file__).resolve().parents[2]
CORPUS = LEARN_SITE / "content"
SEED = ROOT / "tests" / "fixtures" / "seed.md"


def run(*args: str, cwd: Path, check_exit: int | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PRE_COMMIT", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "courselint", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )
    assert "Traceback" not in done.stderr, done.stderr
    if check_exit is not None:
        assert done.returncode == check_exit, done.stdout + done.stderr
    return done


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """The French pages of the real site, in a git repository, configured as a course."""
    shutil.copytree(CORPUS, tmp_path / "content", ignore=shutil.ignore_patterns("*.en.md"))
    (tmp_path / "pyproject.toml").write_text('[tool.courselint]\npaths = ["content"]\n', encoding="utf-8")
    git("init", "-q", ".", cwd=tmp_path)
    git("add", "-A", cwd=tmp_path)
    git("commit", "-qm", "cours", cwd=tmp_path)
    return tmp_path


def findings(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)


def test_baseline_then_only_the_new_slip_is_reported(course: Path) -> None:
    before = findings(run("check", "--no-cache", "--format", "json", cwd=course))
    # A real backlog (94 on the learn site's pages since mermaid diagrams and paired code
    # shortcodes are no longer read as prose).
    assert len(before) > 80
    run("baseline", cwd=course, check_exit=0)
    first = (course / ".courselint-baseline.json").read_bytes()
    run("baseline", cwd=course, check_exit=0)
    assert (course / ".courselint-baseline.json").read_bytes() == first  # byte-identical
    quiet = run("check", cwd=course, check_exit=0)
    assert f"{len(before)} déjà dans la base" in quiet.stdout

    # Lines inserted above older findings in other pages move them; a new slip is added.
    moved = 0
    for path in sorted((course / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = re.match(r"(---\n.*?\n---\n|\+\+\+\n.*?\n\+\+\+\n)", text, re.S)
        if match and any(f["path"].endswith(path.name) for f in before):
            path.write_text(text[: match.end()] + "\nUne ligne.\n\nEt une autre.\n" + text[match.end() :], encoding="utf-8")
            moved += 1
    assert moved > 5
    page = course / "content" / "cont" / "markdown.fr.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne nouvele faute.\n", encoding="utf-8")
    after = run("check", "--format", "json", cwd=course, check_exit=1)
    [new] = findings(after)
    assert (new["path"], new["code"], new["word"]) == ("content/cont/markdown.fr.md", "CL401", "nouvele")
    assert len(findings(run("check", "--no-baseline", "--format", "json", cwd=course))) == len(before) + 1


def test_the_same_slip_twice_is_two_entries_and_a_third_is_new(tmp_path: Path) -> None:
    (tmp_path / "courselint.toml").write_text('paths = ["."]\n', encoding="utf-8")
    lesson = tmp_path / "lecon.md"
    lesson.write_text("---\ntitle: Leçon\nweight: 1\n---\n\nUne fote.\n\nUne fote.\n", encoding="utf-8")
    run("baseline", cwd=tmp_path, check_exit=0)
    entry = json.loads((tmp_path / ".courselint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["code"], e["subject"], e["count"]) for e in entry] == [("CL401", "fote", 2)]
    run("check", cwd=tmp_path, check_exit=0)
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nUne fote.\n", encoding="utf-8")
    [third] = findings(run("check", "--format", "json", cwd=tmp_path, check_exit=1))
    assert third["line"] == 10

    # A fixed slip leaves the baseline on the next run; a run over one file keeps the others.
    other = tmp_path / "autre.md"
    other.write_text("---\ntitle: Autre\nweight: 2\n---\n\nUn mott.\n", encoding="utf-8")
    run("baseline", cwd=tmp_path, check_exit=0)
    lesson.write_text("---\ntitle: Leçon\nweight: 1\n---\n\nUne faute.\n", encoding="utf-8")
    run("baseline", "lecon.md", cwd=tmp_path, check_exit=0)
    entries = json.loads((tmp_path / ".courselint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["subject"]) for e in entries] == [("autre.md", "mott")]


def test_drafts_skip_completeness_checks_but_not_spelling(tmp_path: Path) -> None:
    (tmp_path / "courselint.toml").write_text('paths = ["."]\n', encoding="utf-8")
    text = "---\ntitle: Brouillon\n{draft}---\n\n* 2001 : Un\n* 2002 : Deux\n\n## 2001 : Un\n\nUne fote.\n"
    (tmp_path / "a.md").write_text(text.format(draft="draft: true\n"), encoding="utf-8")
    (tmp_path / "b.md").write_text(text.format(draft=""), encoding="utf-8")
    result = findings(run("check", "--no-cache", "--format", "json", cwd=tmp_path))
    codes = {(f["path"], f["code"]) for f in result}
    assert codes == {("a.md", "CL401"), ("b.md", "CL401"), ("b.md", "CL101"), ("b.md", "CL202")}


def test_notes_are_not_lessons_and_a_page_without_front_matter_is_said_once(tmp_path: Path) -> None:
    (tmp_path / "courselint.toml").write_text('paths = ["content"]\n', encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "TODO.md").write_text("Des notes avec une fote.\n", encoding="utf-8")
    (tmp_path / "content" / "page.md").write_text("# Une page\n\nDu texte.\n", encoding="utf-8")
    result = findings(run("check", "--no-cache", "--format", "json", "content/TODO.md", "content/page.md", cwd=tmp_path))
    assert [(f["path"], f["code"], f["severity"]) for f in result] == [("content/page.md", "CL106", "warning")]


def test_fix_writes_the_safe_fixes_and_keeps_every_other_byte(tmp_path: Path) -> None:
    (tmp_path / "courselint.toml").write_text('paths = ["."]\n', encoding="utf-8")
    lesson = tmp_path / "lecon.md"
    original = (
        "---\r\ntitle: Leçon\r\nweight: 1\r\n---\r\n\r\n* 2001 : Un\r\n* 2002 : Deux\r\n\r\n"
        "- [E] Évolution\r\n- [P] Pratique\r\n\r\n## 2001 : Un\r\n\r\n* [e] Une consomemation.  \r\n"
        "\r\n## 2002 : Deux\r\n\r\n* [P][E] Deux `code [e]`.\r\n"
    )
    lesson.write_bytes(original.encode("utf-8"))
    safe = run("check", "--fix", "--no-cache", cwd=tmp_path)
    assert "2 corrections appliquées" in safe.stderr
    expected = original.replace("* [e] Une", "* [E] Une").replace("* [P][E] Deux", "* [E][P] Deux")
    assert lesson.read_bytes() == expected.encode("utf-8")
    assert "CL401" in safe.stdout and "CL302" not in safe.stdout  # what remains is reported
    run("check", "--unsafe-fixes", "--no-cache", cwd=tmp_path, check_exit=0)
    assert lesson.read_bytes() == expected.replace("consomemation", "consommation").encode("utf-8")


def test_check_diff_reports_only_changed_lines(course: Path) -> None:
    page = course / "content" / "cont" / "markdown.fr.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne nouvele faute.\n", encoding="utf-8")
    new = course / "content" / "nouvelle.fr.md"
    new.write_text("---\ntitle: Nouvelle\nweight: 9\n---\n\nUne autre fote.\n", encoding="utf-8")
    result = findings(run("check", "--no-cache", "--format", "json", "--diff", "HEAD", cwd=course, check_exit=1))
    assert sorted((f["path"], f.get("word")) for f in result) == [
        ("content/cont/markdown.fr.md", "nouvele"),
        ("content/nouvelle.fr.md", "fote"),
    ]
    missing = run("check", "--diff", "0123456789abcdef0123456789abcdef01234567", cwd=course, check_exit=2)
    assert "fetch-depth: 0" in missing.stderr and len(missing.stderr.strip().splitlines()) == 1


def test_words_lists_the_vocabulary_and_marks_the_seed_slips(course: Path) -> None:
    shutil.copy(SEED, course / "content" / "seed.md")
    rows = json.loads(run("words", "--format", "json", cwd=course, check_exit=0).stdout)
    counts = [row["count"] for row in rows]
    assert counts == sorted(counts, reverse=True)
    marked = {row["word"] for row in rows if row["slip"]}
    assert {"consomemation", "staandard", "identiie", "péréclité", "cu", "coeur"} <= marked
    reviewed = course / "revus.txt"
    keep = [row["word"] for row in rows if not row["slip"]]
    reviewed.write_text("# relus\n" + "\n".join(keep) + "\n", encoding="utf-8")
    added = run("add-word", "--from", "revus.txt", cwd=course, check_exit=0)
    assert added.stdout.startswith(f"{len(set(keep))} mots ajoutés")
    again = run("add-word", keep[0], cwd=course, check_exit=0)
    assert "0 mot ajouté" in again.stdout and "1 déjà présent" in again.stdout
    assert oct((course / ".courselint-words.txt").stat().st_mode & 0o777) == "0o644"
    left = {row["word"] for row in json.loads(run("words", "--format", "json", cwd=course).stdout)}
    assert marked <= left  # the slips were not whitelisted with the vocabulary
    assert left.isdisjoint(keep)


def test_text_lines_say_severity_and_rule_off_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "lecon.md").write_text("---\ntitle: Leçon\nweight: 1\n---\n\nUne fote.\n", encoding="utf-8")
    out = run("check", "--no-cache", "lecon.md", cwd=tmp_path).stdout.splitlines()[0]
    assert out.startswith("lecon.md:6:5: error CL401 spelling.unknown-word Mot inconnu")


def test_fix_on_the_seed_writes_only_the_ligature_and_unsafe_fixes_the_six_slips(tmp_path: Path) -> None:
    lesson = tmp_path / "seed.md"
    shutil.copy(SEED, lesson)
    original = SEED.read_text(encoding="utf-8")
    run("check", "--fix", "--no-cache", "seed.md", cwd=tmp_path, check_exit=1)
    assert lesson.read_text(encoding="utf-8") == original.replace("au coeur de", "au cœur de")
    run("check", "--unsafe-fixes", "--no-cache", "seed.md", cwd=tmp_path, check_exit=0)
    expected = original
    for slip, fixed in [
        ("au coeur de", "au cœur de"), ("les identiie", "les identifie"), ("la consomemation", "la consommation"),
        ("a péréclité", "a périclité"), ("au sein cu CNCF", "au sein du CNCF"), ("orchestrateur staandard", "orchestrateur standard"),
    ]:  # fmt: skip
        assert expected.count(slip) == 1
        expected = expected.replace(slip, fixed)
    assert lesson.read_text(encoding="utf-8") == expected
