"""``extract``: layout, idempotence, msgmerge semantics, nothing lost, msgfmt, locking, Babel."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from courselint.i18n import catalog as catalogs
from courselint.i18n.extract import extract

from .conftest import make_config, msgfmt_check

LESSON = """\
---
title: Une leçon
weight: 1
---

# Premier titre

Phrase un qui reste.

Phrase deux qui va changer.

Phrase trois qui va partir.

Phrase quatre ajoutée plus tard.
"""


def _tree(tmp_path: Path, text: str = LESSON) -> tuple[Path, object]:
    lesson = tmp_path / "content" / "chap" / "lecon.md"
    lesson.parent.mkdir(parents=True, exist_ok=True)
    lesson.write_text(text, encoding="utf-8")
    return lesson, make_config(tmp_path)


def _po(tmp_path: Path) -> Path:
    return tmp_path / "locales" / "en" / "chap" / "lecon.po"


def _translate_all(po_file: Path, prefix: str = "EN ") -> None:
    po = catalogs.read_catalog(po_file)
    for message in po.catalog:
        if message.id:
            message.string = prefix + message.id
    po_file.write_text(catalogs.render_po(po.catalog, po.header, po.width), encoding="utf-8")


def _entries(po_file: Path) -> dict:
    po = catalogs.read_catalog(po_file).catalog
    active = {m.id: (m.string, m.fuzzy, list(m.previous_id)) for m in po if m.id}
    obsolete = {key: m.string for key, m in po.obsolete.items()}
    return {"active": active, "obsolete": obsolete}


def _snapshot(root: Path) -> dict:
    return {p: p.read_bytes() for p in sorted((root / "locales").rglob("*.po*"))}


def test_layout_and_first_run(tmp_path, fixed_date) -> None:
    lesson, config = _tree(tmp_path)
    written, findings = extract([lesson], config, ["en", "fr"])
    assert findings == []
    pot = tmp_path / "locales" / "chap" / "lecon.pot"
    assert set(written) == {pot, _po(tmp_path), tmp_path / "locales" / "fr" / "chap" / "lecon.po"}
    text = pot.read_text(encoding="utf-8")
    assert "#: content/chap/lecon.md:6\nmsgid \"Premier titre\"" in text
    assert 'msgctxt "title"\nmsgid "Une leçon"' in text
    assert "POT-Creation-Date: 2026-01-01 00:00+0000" in text
    en = _po(tmp_path).read_text(encoding="utf-8")
    fr = (tmp_path / "locales" / "fr" / "chap" / "lecon.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in en
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in fr
    for path in (pot, _po(tmp_path)):
        msgfmt_check(path)


def test_second_run_changes_no_byte(tmp_path, monkeypatch) -> None:
    lesson, config = _tree(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    extract([lesson], config, ["en"])
    _translate_all(_po(tmp_path))
    extract([lesson], config, ["en"])
    before = _snapshot(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # a later day: no date may move
    written, findings = extract([lesson], config, ["en"])
    assert (written, findings) == ([], [])
    assert _snapshot(tmp_path) == before


def test_update_keeps_changes_fuzzy_obsoletes_and_restores(tmp_path, fixed_date) -> None:
    original = LESSON.replace("Phrase quatre ajoutée plus tard.\n", "")
    lesson, config = _tree(tmp_path, original)
    extract([lesson], config, ["en"])
    _translate_all(_po(tmp_path))

    changed = (
        LESSON.replace("Phrase deux qui va changer.", "Phrase deux qui a changé.")
        .replace("Phrase trois qui va partir.\n\n", "")
    )
    lesson.write_text(changed, encoding="utf-8")
    written, findings = extract([lesson], config, ["en"])
    assert findings == [] and _po(tmp_path) in written
    state = _entries(_po(tmp_path))
    assert state["active"]["Phrase un qui reste."] == ("EN Phrase un qui reste.", False, [])
    assert state["active"]["Premier titre"] == ("EN Premier titre", False, [])
    assert state["active"]["Phrase deux qui a changé."] == (
        "EN Phrase deux qui va changer.",
        True,
        ["Phrase deux qui va changer."],
    )
    assert state["active"]["Phrase quatre ajoutée plus tard."] == ("", False, [])
    assert state["obsolete"] == {"Phrase trois qui va partir.": "EN Phrase trois qui va partir."}
    text = _po(tmp_path).read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid "Phrase deux qui va changer."\nmsgid "Phrase deux qui a changé."' in text
    assert '#~ msgid "Phrase trois qui va partir."\n#~ msgstr "EN Phrase trois qui va partir."' in text
    msgfmt_check(_po(tmp_path))

    lesson.write_text(LESSON.replace("Phrase deux qui va changer.", "Phrase deux qui a changé."), encoding="utf-8")
    extract([lesson], config, ["en"])
    state = _entries(_po(tmp_path))
    assert state["active"]["Phrase trois qui va partir."] == ("EN Phrase trois qui va partir.", False, [])
    assert state["obsolete"] == {}
    msgfmt_check(_po(tmp_path))


def test_translator_header_comments_and_width_are_kept(tmp_path, fixed_date) -> None:
    long_sentence = "Une phrase assez longue pour être coupée sur plusieurs lignes " * 3
    lesson, config = _tree(tmp_path, LESSON + "\n" + long_sentence.strip() + "\n")
    extract([lesson], config, ["en"])
    po_file = _po(tmp_path)
    po = catalogs.read_catalog(po_file)
    for message in po.catalog:
        if message.id == "Phrase un qui reste.":
            message.user_comments = ["Relu par Anne, une remarque de traducteur volontairement bien plus longue que la largeur de coupe"]
            message.string = "Sentence one"
        elif message.id:
            message.string = "EN " + message.id
    header = po.header.replace('"X-Generator: courselint\\n"', '"X-Generator: Poedit 3.4\\n"\n"X-Custom: garde-moi\\n"')
    po_file.write_text(catalogs.render_po(po.catalog, header, 100), encoding="utf-8")
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nUne phrase nouvelle.\n", encoding="utf-8")
    written, _ = extract([lesson], config, ["en"])
    assert po_file in written
    text = po_file.read_text(encoding="utf-8")
    assert text.startswith(header)
    assert "# Relu par Anne, une remarque de traducteur volontairement bien plus longue que la largeur de coupe\n" in text
    assert max(len(line) for line in text.splitlines()) > 79  # still wrapped at 100
    assert all(len(line) <= 106 for line in text.splitlines() if line.startswith('"'))
    msgfmt_check(po_file)


def test_format_like_strings_get_no_python_format_flag(tmp_path, fixed_date) -> None:
    text = LESSON + "\nLancez `printf '%s'` puis {{< ref \"x.md\" >}} à 100 % et {name}.\n"
    lesson, config = _tree(tmp_path, text)
    extract([lesson], config, ["en"])
    po_file = _po(tmp_path)
    _translate_all(po_file)
    extract([lesson], config, ["en"])
    content = po_file.read_text(encoding="utf-8")
    assert "python-format" not in content and "python-brace-format" not in content
    msgfmt_check(po_file)
    msgfmt_check(tmp_path / "locales" / "chap" / "lecon.pot")


def test_unparsable_po_is_never_rewritten(tmp_path, fixed_date) -> None:
    lesson, config = _tree(tmp_path)
    extract([lesson], config, ["en"])
    po_file = _po(tmp_path)
    broken = po_file.read_text(encoding="utf-8").replace('msgid "Premier titre"', 'msgid "Premier titre')
    broken += '\nmsgid "travail du traducteur"\nmsgstr "translator work"\n'
    po_file.write_text(broken, encoding="utf-8")
    lesson.write_text(LESSON + "\nUne phrase nouvelle.\n", encoding="utf-8")
    written, findings = extract([lesson], config, ["en"])
    assert po_file not in written
    assert po_file.read_text(encoding="utf-8") == broken
    assert [f.code for f in findings] == ["CL609"]
    assert findings[0].path == str(po_file) and findings[0].line > 1


def test_generated_translations_are_not_extracted(tmp_path, fixed_date) -> None:
    lesson, config = _tree(tmp_path)
    generated = lesson.with_name("lecon.en.md")
    generated.write_text(LESSON, encoding="utf-8")
    written, _ = extract([lesson, generated], config, ["en"])
    assert not any("lecon.en" in str(path) for path in written)


def test_merge_false_only_refreshes_templates(tmp_path, fixed_date, monkeypatch) -> None:
    """With ``i18n.merge = false`` the command refreshes templates; --locale still merges."""
    from courselint.cli import main

    _tree(tmp_path)
    (tmp_path / "courselint.toml").write_text(
        'locales = ["en"]\n[i18n]\nmerge = false\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["extract"]) == 0
    assert (tmp_path / "locales" / "chap" / "lecon.pot").is_file()
    assert not _po(tmp_path).exists()
    assert main(["extract", "--locale", "en"]) == 0
    assert _po(tmp_path).is_file()


# --------------------------------------------------------------------------- real processes

_RUN_EXTRACT = """
import sys
from pathlib import Path
from courselint.config import Config, defaults
from courselint.i18n.extract import extract
root = Path(sys.argv[1])
values = defaults(); values["paths"] = ["content"]; values["locales"] = ["en"]
config = Config(values, root)
lessons = sorted((root / "content").rglob("*.md"))
for _ in range(int(sys.argv[2])):
    extract(lessons, config, ["en"])
"""


def test_concurrent_extracts_lose_nothing(tmp_path, fixed_date) -> None:
    """Four processes extract the same tree at once, repeatedly; catalogs stay whole."""
    for i in range(6):
        _tree(tmp_path)  # creates content/chap/lecon.md
        other = tmp_path / "content" / "chap" / f"autre{i}.md"
        other.write_text(LESSON.replace("Premier", f"Titre {i}"), encoding="utf-8")
    lessons = sorted((tmp_path / "content").rglob("*.md"))
    config = make_config(tmp_path)
    extract(lessons, config, ["en"])
    for po_file in (tmp_path / "locales" / "en").rglob("*.po"):
        _translate_all(po_file)
    expected = {p: _entries(p) for p in (tmp_path / "locales" / "en").rglob("*.po")}
    script = tmp_path / "run_extract.py"
    script.write_text(_RUN_EXTRACT, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    procs = [
        subprocess.Popen([sys.executable, str(script), str(tmp_path), "5"], env=env) for _ in range(4)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    for po_file, entries in expected.items():
        assert _entries(po_file) == entries
        msgfmt_check(po_file)
    assert not list((tmp_path / "locales").rglob("*.tmp"))


def _waiting_for_flock(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` is blocked on an ``flock`` of ``folder`` (per the kernel).

    ``/proc/locks`` lists each held lock, and each blocked request as ``-> FLOCK ...``
    with the waiter's pid and the locked inode: an observation of the wait itself, not
    a guess from how long the process has been running.
    """
    inode = os.stat(folder).st_ino
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if len(fields) > 5 and fields[1] == "->" and fields[2] == "FLOCK":
            if int(fields[5]) == pid and int(fields[6].rsplit(":", 1)[1]) == inode:
                return True
    return False


def test_extract_waits_for_the_lock(tmp_path, fixed_date) -> None:
    """The test holds the catalogs' lock: extract blocks on it, writes nothing, then finishes.

    The lock is taken with ``fcntl`` directly (not with the code under test), and the
    wait is seen in ``/proc/locks``; without the lock in ``extract`` the worker never
    waits, writes its catalogs and exits, and the test fails.
    """
    import fcntl

    lesson, config = _tree(tmp_path)
    locales = tmp_path / "locales"
    locales.mkdir()
    runner = tmp_path / "run_extract.py"
    runner.write_text(_RUN_EXTRACT, encoding="utf-8")
    fd = os.open(locales, os.O_RDONLY)
    worker = None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        worker = subprocess.Popen([sys.executable, str(runner), str(tmp_path), "1"])
        deadline = time.monotonic() + 60
        while not _waiting_for_flock(worker.pid, locales):
            assert worker.poll() is None, "extract finished while the catalogs' lock was held"
            assert time.monotonic() < deadline, "extract neither waited for the lock nor finished"
            time.sleep(0.01)
        assert list(locales.rglob("*.po*")) == []  # blocked before reading or writing anything
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        if worker is not None:
            worker.wait(timeout=60)
    assert worker.returncode == 0
    assert (locales / "chap" / "lecon.pot").exists()
    assert (locales / "en" / "chap" / "lecon.po").exists()


# --------------------------------------------------------------------------- Babel entry point


def test_pybabel_extract_uses_the_lesson_extractor(tmp_path) -> None:
    lesson, _ = _tree(tmp_path)
    (tmp_path / "babel.cfg").write_text("[courselint: content/**.md]\n", encoding="utf-8")
    out = tmp_path / "messages.pot"
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", str(out), "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "#. heading (h1)\n#: content/chap/lecon.md:6\nmsgid \"Premier titre\"" in text
    assert 'msgctxt "title"\nmsgid "Une leçon"' in text
    assert textwrap.dedent("msgid \"Phrase un qui reste.\"") in text
