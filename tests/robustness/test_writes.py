"""What courselint writes: never a translator's save lost, never a file it does not own.

Real ``courselint`` subprocesses (timeout, memory cap) on small courses; the
editor is this test, saving the catalog the way editors do (write a temporary
file, rename it over the catalog) at random moments while ``extract`` runs.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from robust_run import MEMORY_LIMIT, LESSON, project, run

import resource


def _paragraphs(count: int, salt: int) -> str:
    return "\n".join(f"Paragraphe numéro {i} du tour {salt}, avec un peu de texte.\n" for i in range(count))


def _editor_save(po: Path, marker: str, previous: str | None) -> bool:
    """A translator's save: read the catalog, translate the first entry, rename the new file in.

    False if the catalog read no longer holds the translator's previous save (it was lost).
    """
    text = po.read_text(encoding="utf-8")
    kept = previous is None or f'msgstr "{previous}"' in text
    head, sep, tail = text.partition('msgid "Un texte court et correct."\nmsgstr ')
    assert sep, "the entry the translator translates is in the catalog"
    rest = tail.split("\n", 1)[1]
    new = f'{head}{sep}"{marker}"\n{rest}'
    temporary = po.with_name(f"{po.name}~editor")
    temporary.write_text(new, encoding="utf-8")
    os.replace(temporary, po)
    return kept


def test_no_save_lost_during_extract(tmp_path: Path) -> None:
    lesson = project(tmp_path, 'locales = ["en"]\n')
    run("extract", cwd=tmp_path)
    po = tmp_path / "locales" / "en" / "chap" / "lecon.po"
    assert po.exists()
    rng = random.Random(18)
    saves = 0
    last = None
    lost: list[str] = []
    rounds = 0
    while saves < 100 or rounds < 10:
        rounds += 1
        # A changed lesson: this extract has something to merge and write.
        lesson.write_text(LESSON + "\n" + _paragraphs(rng.randint(300, 1500), rounds), encoding="utf-8")
        proc = subprocess.Popen(
            [sys.executable, "-m", "courselint", "extract"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT)),
        )
        deadline = time.monotonic() + 120
        while proc.poll() is None:
            assert time.monotonic() < deadline, "extract hung"
            time.sleep(rng.uniform(0.0, 0.004))
            marker = f"Save {saves}"
            if not _editor_save(po, marker, last):
                lost.append(last)
            last = marker
            saves += 1
        _out, err = proc.communicate()
        assert b"Traceback" not in err, err.decode()
        assert proc.returncode in (0, 1), err.decode()
        # The last save happened before extract ended: it must be in the file.
        assert f'msgstr "{last}"' in po.read_text(encoding="utf-8"), (rounds, last)
    assert lost == [], f"{len(lost)} of {saves} saves lost"
    assert saves >= 100
    leftovers = [p.name for p in po.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_paths_outside_the_project_are_refused(tmp_path: Path) -> None:
    course = tmp_path / "cours"
    course.mkdir()
    for setting in (
        'cache_dir = "."',
        'cache_dir = "../cache"',
        'locales = ["../../../x"]',
        '[i18n]\nlocales_dir = "/tmp/ailleurs"',
        '[i18n]\ncontent_dirs = { en = "../en" }',
        '[spelling]\nwords_file = "../mots.txt"',
    ):
        project(course, 'locales = ["en"]\n' + setting + "\n" if "locales =" not in setting else setting + "\n")
        for command in (("check", "content"), ("extract",), ("add-word", "Kubernetes")):
            result = run(*command, cwd=course, timeout=60)
            assert result.status == 2, (setting, command, result.stdout, result.stderr)
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cours"]
    assert not (course / ".gitignore").exists()


def test_words_file_pointed_at_a_lesson_is_left_alone(tmp_path: Path) -> None:
    lesson = project(tmp_path, '[spelling]\nwords_file = "content/chap/lecon.md"\n')
    before = lesson.read_bytes()
    result = run("add-word", "Kubernetes", cwd=tmp_path, timeout=60)
    assert result.status == 2 and "liste de mots" in result.stderr
    assert lesson.read_bytes() == before


def test_latin1_words_file_is_a_one_line_error(tmp_path: Path) -> None:
    project(tmp_path)
    words = tmp_path / ".courselint-words.txt"
    words.write_bytes("éléphant\n".encode("latin-1"))
    result = run("add-word", "Kubernetes", cwd=tmp_path, timeout=60)
    assert result.status == 2 and "UTF-8" in result.stderr
    assert words.read_bytes() == "éléphant\n".encode("latin-1")


def test_disk_full_is_exit_2_with_one_line(tmp_path: Path) -> None:
    project(tmp_path, 'locales = ["en"]\n')
    # RLIMIT_FSIZE: every write past 2 bytes fails with EFBIG, as on a full disk.
    for command in (("extract",), ("check", "--no-cache", "--output", "rapport.json", "--format", "json")):
        result = run(*command, cwd=tmp_path, file_size=2, timeout=60)
        assert result.status == 2, (command, result.stdout, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    # Nothing half-written is left, and no temporary file either.
    assert not (tmp_path / "rapport.json").exists()
    assert [p for p in tmp_path.rglob("*.tmp")] == []


def test_output_into_a_missing_folder(tmp_path: Path) -> None:
    project(tmp_path)
    result = run("check", "--no-cache", "--format", "sarif", "--output", "rapports/ci/cl.sarif", cwd=tmp_path, timeout=60)
    assert result.status == 0, result.stderr
    assert (tmp_path / "rapports" / "ci" / "cl.sarif").read_text(encoding="utf-8").startswith("{")


def test_leftover_temporaries_are_removed_by_the_next_run(tmp_path: Path) -> None:
    project(tmp_path, 'locales = ["en"]\n')
    run("extract", cwd=tmp_path)
    folder = tmp_path / "locales" / "en" / "chap"
    old = folder / ".lecon.po.k1ll3d9x.tmp"  # what a killed write leaves (mkstemp's name)
    old.write_text("moitié d'un catal", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    fresh = folder / ".lecon.po.wr1t1ng0.tmp"  # another run writing right now
    fresh.write_text("en cours", encoding="utf-8")
    mine = folder / "notes.tmp"  # not a name courselint makes
    mine.write_text("à moi", encoding="utf-8")
    (tmp_path / "content" / "chap" / "lecon.md").write_text(LESSON + "\nUn ajout.\n", encoding="utf-8")
    result = run("extract", cwd=tmp_path, timeout=60)
    assert result.status == 0, result.stderr
    assert not old.exists() and fresh.exists() and mine.exists()


def test_read_only_locales_is_exit_2(tmp_path: Path) -> None:
    from robust_run import shared_folder
    import shutil

    root = shared_folder()
    try:
        lesson = project(root, 'locales = ["en"]\n')
        for folder in (root, lesson.parent, lesson.parent.parent):
            folder.chmod(0o755)
        lesson.chmod(0o644)
        (root / "courselint.toml").chmod(0o644)
        (root / "locales").mkdir(mode=0o555)
        (root / "locales").chmod(0o555)
        result = run("extract", cwd=root, as_nobody=True, timeout=60)
        assert result.status == 2, (result.stdout, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
    finally:
        shutil.rmtree(root, ignore_errors=True)
