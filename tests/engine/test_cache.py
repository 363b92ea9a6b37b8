"""The findings cache: an unchanged run hits it; a changed lesson, word list or config misses.

Runs the engine in-process (``RunResult.cached`` counts the lessons answered from
the cache) on a small course with a real Hunspell dictionary.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint import config as config_module
from courselint import engine

LESSON = "---\ntitle: Leçon {n}\nweight: {n}\n---\n\n# Leçon {n}\n\nUn mot inconu et un kubelet.\n"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "courselint.toml").write_text('paths = ["content"]\n', encoding="utf-8")
    chapter = tmp_path / "content" / "chapitre"
    chapter.mkdir(parents=True)
    (chapter / "_index.md").write_text("---\ntitle: Chapitre\n---\n", encoding="utf-8")
    for n in (1, 2, 3):
        (chapter / f"lecon-{n}.md").write_text(LESSON.format(n=n), encoding="utf-8")
    return tmp_path


def check(course: Path, use_cache: bool = True) -> engine.RunResult:
    config = config_module.load(start=course)
    return engine.run([course / "content"], config, engine.Selection(), jobs=1, use_cache=use_cache)


def words(result: engine.RunResult) -> list[tuple[str, int, str | None]]:
    return sorted((Path(f.path).name, f.line, f.word) for f in result.findings if f.code == "CL401")


def test_unchanged_run_is_answered_from_the_cache(course: Path) -> None:
    first = check(course)
    assert first.lessons == 4 and first.cached == 0
    second = check(course)
    assert second.cached == 4
    assert second.findings == first.findings
    assert ("lecon-1.md", 8, "inconu") in words(second)
    assert (course / ".courselint_cache").is_dir()


def test_no_cache_neither_reads_nor_counts(course: Path) -> None:
    check(course)
    again = check(course, use_cache=False)
    assert again.cached == 0
    assert again.findings == check(course).findings


def test_a_changed_lesson_is_checked_again(course: Path) -> None:
    check(course)
    lesson = course / "content" / "chapitre" / "lecon-2.md"
    lesson.write_text(LESSON.format(n=2).replace("inconu", "inconnu"), encoding="utf-8")
    result = check(course)
    assert result.cached == 3
    assert ("lecon-2.md", 8, "inconu") not in words(result)
    assert ("lecon-1.md", 8, "inconu") in words(result)


def test_a_changed_word_list_invalidates_the_cache(course: Path) -> None:
    check(course)  # fills the cache with the list as it was
    (course / ".courselint-words.txt").write_text("inconu\n", encoding="utf-8")
    after = check(course)
    assert after.cached == 0
    assert not [w for w in words(after) if w[2] == "inconu"]
    # Editing the list again (a word removed) invalidates once more.
    (course / ".courselint-words.txt").write_text("", encoding="utf-8")
    again = check(course)
    assert again.cached == 0
    assert ("lecon-3.md", 8, "inconu") in words(again)


def test_a_changed_configuration_invalidates_the_cache(course: Path) -> None:
    check(course)
    (course / "courselint.toml").write_text(
        'paths = ["content"]\n\n[spelling]\nwords = ["inconu"]\n', encoding="utf-8"
    )
    result = check(course)
    assert result.cached == 0
    assert not [w for w in words(result) if w[2] == "inconu"]
    assert check(course).cached == 4


def test_a_changed_selection_does_not_reuse_other_findings(course: Path) -> None:
    check(course)
    config = config_module.load(start=course)
    only_front_matter = engine.run(
        [course / "content"], config, engine.Selection(select=("CL1",)), jobs=1
    )
    assert only_front_matter.cached == 0
    assert not [f for f in only_front_matter.findings if f.code == "CL401"]


def test_a_run_without_its_grammar_engine_is_not_cached(tmp_path: Path) -> None:
    """An engine missing now must not hide its findings once it is installed."""
    from courselint import config as cfg
    from courselint.engine import Selection, run

    (tmp_path / "courselint.toml").write_text(
        '[grammar]\nengine = "grammalecte"\npython = "/nonexistent/python3"\n', encoding="utf-8"
    )
    lesson = tmp_path / "lecon.md"
    lesson.write_text("---\ntitle: Leçon\nweight: 1\n---\n\nUn texte correct.\n", encoding="utf-8")
    config = cfg.load(start=tmp_path)
    first = run([lesson], config, Selection())
    assert [f.code for f in first.findings] == ["CL901"]
    second = run([lesson], config, Selection())
    assert second.cached == 0
    assert [f.code for f in second.findings] == ["CL901"]
    ignored = run([lesson], config, Selection(ignore=("CL901",)))
    assert ignored.findings == []


def test_every_file_the_package_ships_is_part_of_the_cache_salt() -> None:
    """A new kind of table in ``data/`` (``.marisa``, ``.u16``…) must change the salt when
    it is rebuilt, or a cache would serve findings made with the old one."""
    package = Path(engine.__file__).parent
    shipped = {path.suffix for path in (package / "data").iterdir() if path.is_file()}
    assert shipped and shipped <= set(engine.PACKAGE_SUFFIXES)
