"""Special files among the lessons: no hang, bounded memory, a CL001 finding naming the file.

Each case builds a small course and runs ``courselint check`` (or ``extract``,
``stats``) in a subprocess with a timeout and a memory cap (:mod:`robust_run`).
What a file *is* comes from the operating system (``mkfifo``, ``symlink``,
``truncate``), independent of courselint.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from robust_run import LESSON, project, run, shared_folder


def _findings(result) -> list[dict]:
    return json.loads(result.stdout)


def _codes_at(findings, name: str) -> list[str]:
    return [f["code"] for f in findings if Path(f["path"]).name == name]


def test_fifo_named_like_a_lesson_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    lesson = project(tmp_path)
    os.mkfifo(lesson.with_name("tube.md"))
    # The folder (FIFO found by the walk, and read by the chapter rules) and the FIFO given by name.
    for target in ("content", "content/chap/tube.md"):
        result = run("check", "--no-cache", "--format", "json", target, cwd=tmp_path, timeout=60)
        assert result.status == 1, result.stderr
        assert _codes_at(_findings(result), "tube.md") == ["CL001"]


def test_links_to_devices_are_not_read(tmp_path: Path) -> None:
    lesson = project(tmp_path)
    for name, device in (("zero.md", "/dev/zero"), ("hasard.md", "/dev/urandom")):
        lesson.with_name(name).symlink_to(device)
    result = run("check", "--no-cache", "--format", "json", "content", cwd=tmp_path, timeout=60)
    findings = _findings(result)
    assert result.status == 1
    for name in ("zero.md", "hasard.md"):
        assert _codes_at(findings, name) == ["CL001"], findings
    # The chapter rules read the siblings of the one lesson checked: no hang either.
    result = run("check", "--no-cache", "--format", "json", str(lesson.relative_to(tmp_path)), cwd=tmp_path, timeout=60)
    assert result.status == 0, result.stdout


def test_huge_sparse_file_is_refused_by_size(tmp_path: Path) -> None:
    lesson = project(tmp_path)
    big = lesson.with_name("enorme.md")
    with big.open("wb") as handle:
        handle.truncate(4 * 1024**3)  # 4 GB of holes: no disk used
    result = run("check", "--no-cache", "--format", "json", "content", cwd=tmp_path, timeout=60)
    findings = [f for f in _findings(result) if Path(f["path"]).name == "enorme.md"]
    assert [f["code"] for f in findings] == ["CL001"]
    assert "trop gros" in findings[0]["message"]


def test_lesson_linked_from_outside_the_project_is_not_read(tmp_path: Path) -> None:
    course = tmp_path / "cours"
    course.mkdir()
    lesson = project(course)
    secret = tmp_path / "ailleurs.md"
    secret.write_text(LESSON.replace("Un texte court", "Un texte secrett"), encoding="utf-8")
    lesson.with_name("lien.md").symlink_to(secret)
    result = run("check", "--no-cache", "--format", "json", "content", cwd=course, timeout=60)
    findings = [f for f in _findings(result) if Path(f["path"]).name == "lien.md"]
    assert [f["code"] for f in findings] == ["CL001"]
    assert "extérieur du projet" in findings[0]["message"]
    # extract does not take it into the catalogs either.
    (course / "courselint.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    result = run("extract", "content", cwd=course, timeout=60)
    assert result.status == 1 and "lien.md" in result.stdout
    assert not list((course / "locales").rglob("lien.po*"))


def test_symlink_loops(tmp_path: Path) -> None:
    lesson = project(tmp_path, 'locales = ["en"]\n')
    lesson.with_name("boucle.md").symlink_to("boucle.md")
    (lesson.parent / "sous").symlink_to("..")  # a folder loop: chap/sous -> chap
    for args in (("check", "--no-cache", "--format", "json", "content"), ("stats", "content")):
        result = run(*args, cwd=tmp_path, timeout=60)
        assert result.status in (0, 1), result.stderr
    result = run("check", "--no-cache", "--format", "json", "content", cwd=tmp_path, timeout=60)
    assert _codes_at(_findings(result), "boucle.md") == ["CL001"]


def test_unreadable_folder_is_reported_not_skipped() -> None:
    root = shared_folder()
    try:
        project(root)
        hidden = root / "content" / "cache"
        hidden.mkdir()
        (hidden / "lecon.md").write_text(LESSON, encoding="utf-8")
        hidden.chmod(0)
        result = run("check", "--no-cache", "--format", "json", "content", cwd=root, timeout=60, as_nobody=True)
        assert result.status == 1, (result.stdout, result.stderr)
        assert [(Path(f["path"]).name, f["code"]) for f in _findings(result)] == [("cache", "CL001")]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_build_and_stats_read_no_special_file(tmp_path: Path) -> None:
    """``build`` reads every French page's front matter (for URLs) and every existing
    translated page: a FIFO, a link to a device or a 4 GB file among them once hung it
    or took gigabytes (bench/pathological.py)."""
    lesson = project(tmp_path)
    (tmp_path / "courselint.toml").write_text('locales = ["en"]\n[i18n]\nmin_translated = 0\n', encoding="utf-8")
    os.mkfifo(lesson.with_name("tube.md"))
    lesson.with_name("zero.md").symlink_to("/dev/zero")
    with lesson.with_name("enorme.md").open("wb") as handle:
        handle.truncate(4 * 1024**3)
    os.mkfifo(lesson.with_name(lesson.stem + ".en.md"))  # the translated page itself
    assert run("extract", "content", cwd=tmp_path, timeout=60).status == 1  # CL001 for the three
    for command in (("build", "--locale", "en", "content"), ("stats", "content")):
        result = run(*command, cwd=tmp_path, timeout=60)
        assert "Traceback" not in result.stderr
        assert result.status in (0, 1), result.stdout + result.stderr
    written = lesson.with_name(lesson.stem + ".en.md")
    assert written.is_file() and not written.is_fifo()  # a FIFO in the page's place is replaced, never read
