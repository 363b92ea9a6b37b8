"""Inputs that gave a wrong result without a word: each now gets a finding at its line.

Catalogs: GNU ``msgfmt --check`` is the judge (it must reject each hostile
catalog, and ``courselint check`` must then report CL609 at the line msgfmt
names); conversely no catalog of the suite that msgfmt accepts gets CL609.
Lessons: the expected lines are those the test writes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from courselint.i18n import catalog as catalogs

from robust_run import LESSON, project, run, start

REPO = Path(__file__).resolve().parents[2]
HEADER = (
    '# en translation.\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)
ENTRY = '\n#: content/chap/lecon.md:6\nmsgid "Un texte court et correct."\nmsgstr "A short and correct text."\n'

#: name -> (text after the header, the line msgfmt reports — the entry line it names)
HOSTILE = {
    "unknown-escape": (ENTRY.replace("correct text.", "correct\\q text."), 10),
    "escape-quote": (ENTRY.replace("correct text.", "correct\\' text."), 10),
    "msgstr-5": ('\nmsgid "un"\nmsgid_plural "des"\nmsgstr[0] "one"\nmsgstr[1] "some"\nmsgstr[5] "x"\n' + ENTRY, 12),
    "three-forms": ('\nmsgid "un"\nmsgid_plural "des"\nmsgstr[0] "one"\nmsgstr[1] "some"\nmsgstr[2] "x"\n', 10),
    "garbled-previous": ('\n#, fuzzy\n#| msgid "Un texte\n' + ENTRY.lstrip("\n"), 9),
    "previous-keyword": ('\n#, fuzzy\n#| garbage here\n' + ENTRY.lstrip("\n"), 9),
    "obsolete-duplicate": (ENTRY + '\n#~ msgid "Un texte court et correct."\n#~ msgstr "Old."\n', 12),
}


def _course(root: Path, po_text: str | bytes) -> Path:
    project(root, 'locales = ["en"]\n')
    po = root / "locales" / "en" / "chap" / "lecon.po"
    po.parent.mkdir(parents=True)
    if isinstance(po_text, str):
        po_text = po_text.encode("utf-8")
    po.write_bytes(po_text)
    return po


def _msgfmt_lines(po: Path) -> list[int]:
    """The lines GNU msgfmt --check names in its fatal errors (empty if it accepts the file)."""
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
    if result.returncode == 0:
        return []
    return [int(m.group(1)) for m in re.finditer(rf"{re.escape(po.name)}:(\d+):(?!.*warning)", result.stderr)]


def _findings(root: Path, *paths: str) -> list[dict]:
    result = run("check", "--no-cache", "--format", "json", *paths, cwd=root, timeout=60)
    assert result.status in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is needed")
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_catalog_msgfmt_rejects_is_cl609_at_its_line(tmp_path: Path, name: str) -> None:
    body, line = HOSTILE[name]
    po = _course(tmp_path, HEADER + body)
    lines = _msgfmt_lines(po)
    assert lines, f"msgfmt accepts {name}: not a hostile case"
    findings = [f for f in _findings(tmp_path, "locales") if f["code"] == "CL609"]
    assert [(f["path"], f["line"]) for f in findings] == [("locales/en/chap/lecon.po", line)], findings
    assert line in lines or line + 1 in lines or name == "three-forms", (lines, line)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is needed")
def test_nul_escape_msgfmt_would_cut_is_refused_for_its_entry(tmp_path: Path) -> None:
    """msgfmt accepts ``\\0`` and cuts the translation there: CL606 refuses that entry (read as NUL, not as text)."""
    po = _course(tmp_path, HEADER + ENTRY.replace("correct text.", "correct\\0 text."))
    mo = tmp_path / "out.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True, capture_output=True)
    import gettext

    with mo.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("Un texte court et correct.") == "A short and correct"
    findings = [(f["code"], f["line"]) for f in _findings(tmp_path, "locales")]
    assert ("CL606", 9) in findings, findings


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is needed")
def test_catalog_with_a_bom_is_cl609(tmp_path: Path) -> None:
    po = _course(tmp_path, b"\xef\xbb\xbf" + (HEADER + ENTRY).encode("utf-8"))
    assert _msgfmt_lines(po) == [1]
    findings = [f for f in _findings(tmp_path, "locales") if f["code"] == "CL609"]
    assert [(f["line"]) for f in findings] == [1], findings
    before = po.read_bytes()
    run("extract", cwd=tmp_path, timeout=60)
    assert po.read_bytes() == before  # a refused catalog is left as it is


def _suite_catalogs() -> list[Path]:
    found = [p for p in REPO.joinpath("tests").rglob("*.po*") if p.suffix in (".po", ".pot")]
    shared = REPO.parent / "shared"
    found += [p for p in shared.rglob("*.po*") if p.suffix in (".po", ".pot")] if shared.is_dir() else []
    return sorted(found)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is needed")
def test_every_catalog_msgfmt_accepts_is_read() -> None:
    """No catalog of the suite that msgfmt --check accepts is refused (the stricter reader has no false alarm)."""
    accepted = [p for p in _suite_catalogs() if not _msgfmt_lines(p)]
    assert len(accepted) >= 20
    for path in accepted:
        catalogs.read_catalog(path)  # raises CatalogError (CL609) on a refusal


# --------------------------------------------------------------------------- source lessons


def _lesson(root: Path, text: str) -> None:
    project(root, 'locales = ["en"]\n').write_text(text, encoding="utf-8")


def test_duplicate_front_matter_key_is_cl011_at_the_second_key(tmp_path: Path) -> None:
    """Hugo 0.111 publishes the last ``title`` (checked by hand: « Second|1 »); the first is lost without a word."""
    _lesson(tmp_path, "---\ntitle: Premier\nweight: 1\ntitle: Second\n---\n\nUn texte court et correct.\n")
    found = [(f["code"], f["line"], f["column"]) for f in _findings(tmp_path, "content")]
    assert ("CL011", 4, 1) in found, found


def test_duplicate_json_key_is_cl011(tmp_path: Path) -> None:
    _lesson(tmp_path, '{\n"title": "Premier",\n"weight": 1,\n"title": "Second"\n}\n\nUn texte court et correct.\n')
    found = [(f["code"], f["line"]) for f in _findings(tmp_path, "content")]
    assert ("CL011", 4) in found, found


def test_unclosed_comment_is_cl012_at_its_line(tmp_path: Path) -> None:
    _lesson(tmp_path, "---\ntitle: Leçon\nweight: 1\n---\n\nUn texte court et correct.\n\n<!-- à relire\n\nLa suite.\n\nEncore.\n")
    found = [f for f in _findings(tmp_path, "content") if f["code"] == "CL012"]
    assert [(f["line"], f["column"]) for f in found] == [(8, 1)], found
    assert "12" in found[0]["message"]  # hidden up to the last line


def test_closed_comments_are_not_reported(tmp_path: Path) -> None:
    _lesson(tmp_path, "---\ntitle: Leçon\nweight: 1\n---\n\n<!-- une note\nsur deux lignes -->\n\nUn texte court et correct.\n\n```html\n<!-- dans du code\n```\n")
    assert [f for f in _findings(tmp_path, "content") if f["code"] == "CL012"] == []


def test_bidi_and_invisible_characters_in_a_source_lesson_are_cl701(tmp_path: Path) -> None:
    _lesson(tmp_path, "---\ntitle: Leçon\nweight: 1\n---\n\nLancez `ls\u202e-la` puis un\u200bmot.\n\n```\necho \x1b[1m\n```\n")
    found = [(f["line"], f["column"]) for f in _findings(tmp_path, "content") if f["code"] == "CL701"]
    assert found == [(6, 11), (6, 24), (9, 6)], found


def test_emoji_joiner_and_plain_french_are_not_cl701(tmp_path: Path) -> None:
    _lesson(tmp_path, LESSON + "\nUne développeuse \U0001F469\u200d\U0001F4BB et des « guillemets ».\n")
    assert [f for f in _findings(tmp_path, "content") if f["code"] == "CL701"] == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is needed")
def test_context_separator_in_a_lesson_is_not_extracted(tmp_path: Path) -> None:
    """U+0004 cannot be in a gettext string: extract reports it instead of writing a catalog msgfmt refuses."""
    _lesson(tmp_path, "---\ntitle: Leçon\nweight: 1\n---\n\nUn texte\x04 court.\n")
    result = run("extract", cwd=tmp_path, timeout=60)
    assert result.status == 1, result.stdout + result.stderr
    assert "CL701" in result.stdout + result.stderr and ":6" in result.stdout + result.stderr
    for catalog in (tmp_path / "locales").rglob("*.po*") if (tmp_path / "locales").is_dir() else []:
        assert not _msgfmt_lines(catalog), catalog


# --------------------------------------------------------------------------- --jobs


def _children(pid: int) -> set[tuple[int, bytes]]:
    """(pid, command line) of the live children of ``pid``, read from /proc."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == pid:
                found.add((int(entry), Path(f"/proc/{entry}/cmdline").read_bytes()))
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_jobs_48_starts_no_more_workers_than_cores(tmp_path: Path) -> None:
    """``jobs = 48`` from a repository: the worker processes seen in /proc during the run are at most the cores."""
    project(tmp_path, "jobs = 48\n")
    for i in range(40):  # above the threshold where a pool is started
        (tmp_path / "content" / "chap" / f"l{i:02d}.md").write_text(LESSON.replace("weight: 1", f"weight: {i + 2}") * 1)
    proc = start("check", "--no-cache", "--format", "json", "content", cwd=tmp_path)
    own = Path(f"/proc/{proc.pid}/cmdline").read_bytes() if Path(f"/proc/{proc.pid}").exists() else b""
    workers: set[int] = set()
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        # Workers are forked: same command line as the run (engines' children are other programs).
        workers |= {pid for pid, cmdline in _children(proc.pid) if cmdline == own}
        time.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
        pytest.fail("check with jobs = 48 did not finish")
    stdout, stderr = proc.communicate()
    assert proc.returncode == 0, stderr
    assert b"Traceback" not in stderr
    cores = len(os.sched_getaffinity(0))
    assert 1 <= len(workers) <= cores, (len(workers), cores)


# --------------------------------------------------------------------------- build


def test_alias_bomb_is_built_within_the_timeout_and_memory_cap(tmp_path: Path) -> None:
    """9 lines of 9 YAML aliases (9⁹ items once expanded): ``build`` compares front matters without expanding them.

    Before: the comparison printed the expanded values (the issue measured 237 s;
    here the memory cap stops it).  A hang and memory guard, not a speed target.
    """
    lines = ["---", "title: Leçon", "weight: 1", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    _lesson(tmp_path, "\n".join([*lines, f"z: *{previous}", "---", "", "Un texte court et correct.", ""]))
    assert run("extract", cwd=tmp_path, timeout=60).status == 0
    result = run("build", "--min-translated", "0", cwd=tmp_path, timeout=60)
    assert result.status == 0, result.stdout + result.stderr
    written = (tmp_path / "content" / "chap" / "lecon.en.md").read_text(encoding="utf-8")
    assert f"z: *{previous}" in written and "&a [" in written  # the aliases are kept as written
