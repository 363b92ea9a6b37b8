"""Chapter rules (CL104, CL105): reading the siblings and finding the lesson to blame."""

from __future__ import annotations

from pathlib import Path

from courselint import config as config_module
from courselint.engine import Selection, run
from courselint.chapter import ChapterLesson, chapter_siblings, number_key, title_number
from courselint.rules.frontmatter import duplicate_weights, weight_order


def write(path: Path, title: str, weight: int | str, extra: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\n{extra}weight: {weight}\n---\n\nTexte.\n", encoding="utf-8")
    return path


def lesson(number: str, weight: int, name: str | None = None) -> ChapterLesson:
    return ChapterLesson(
        path=name or f"{number}.md",
        metadata={"title": f"{number} Leçon", "weight": weight},
        number=number,
        weight_line=3,
        weight_column=9,
        weight_end_column=11,
    )


def test_title_numbers_compare_as_integers() -> None:
    assert title_number("2.05 Docker en pratique") == "2.05"
    assert title_number("2. Docker en pratique") == "2"
    assert title_number("3D et impression") is None
    assert title_number(2.05) is None
    assert number_key("2.10") > number_key("2.9")


def test_siblings_skip_index_translations_and_files_without_front_matter(tmp_path: Path) -> None:
    chapter = tmp_path / "chap"
    write(chapter / "_index.md", '"2. Chapitre"', 2)
    write(chapter / "2-01-a.md", "2.01 A", 1, extra="draft: false\n")
    write(chapter / "2-01-a.en.md", "2.01 A", 1)
    write(chapter / "2-02-b" / "index.md", "2.02 B", 2)
    (chapter / "notes.md").write_text("Pas de front matter.\n", encoding="utf-8")
    (chapter / "2-03-c.md").write_text("---\ntitle: [cassé\n---\n", encoding="utf-8")

    siblings = chapter_siblings(chapter / "2-01-a.md", locales=["en"])
    assert sorted(Path(s.path).name for s in siblings) == ["2-01-a.md", "index.md"]
    first = next(s for s in siblings if s.path.endswith("2-01-a.md"))
    assert (first.number, first.weight, first.weight_line, first.weight_column) == ("2.01", 1, 4, 9)
    # Without the locale, the translation counts as a lesson (it is just a file then).
    assert len(chapter_siblings(chapter, locales=[])) == 3
    # A leaf bundle belongs to the chapter above it.
    assert len(chapter_siblings(chapter / "2-02-b" / "index.md", locales=["en"])) == 2


def test_duplicate_blames_the_later_lesson() -> None:
    conflicts = duplicate_weights([lesson("2.05", 17), lesson("2.04", 17), lesson("2.06", 19)])
    assert [(c.code, c.blamed.number, c.other.number) for c in conflicts] == [("CL104", "2.05", "2.04")]
    assert "2.04" in conflicts[0].message and "weight différent" in conflicts[0].message


def test_order_by_number_tuples_2_10_after_2_9() -> None:
    assert weight_order([lesson("2.9", 9), lesson("2.10", 10), lesson("2.1", 1)]) == []
    conflicts = weight_order([lesson("2.9", 10), lesson("2.10", 9), lesson("2.8", 8)])
    assert len(conflicts) == 1
    assert {conflicts[0].blamed.number, conflicts[0].other.number} == {"2.9", "2.10"}


def test_order_blames_the_one_lesson_out_of_place_and_says_which_weights_fit() -> None:
    lessons = [lesson("2.01", 10), lesson("2.02", 60), lesson("2.03", 30), lesson("2.04", 45), lesson("2.05", 50)]
    conflicts = weight_order(lessons)
    assert [(c.blamed.number, c.other.number) for c in conflicts] == [("2.02", "2.03")]
    assert conflicts[0].message.endswith("donnez-lui un weight entre 10 et 30")


def test_lessons_without_number_or_weight_are_left_out_of_the_order() -> None:
    no_number = ChapterLesson("intro.md", {"title": "Intro", "weight": 99}, None, 3, 9, 11)
    no_weight = ChapterLesson("b.md", {"title": "2.02 B", "weight": "x"}, "2.02", 3, 9, 12)
    assert weight_order([lesson("2.01", 10), no_number, no_weight, lesson("2.03", 30)]) == []


def test_engine_reads_the_siblings_when_one_file_is_checked(tmp_path: Path, monkeypatch) -> None:
    """Pre-commit passes only the staged file: the chapter check still sees its siblings."""
    (tmp_path / "courselint.toml").write_text("", encoding="utf-8")
    chapter = tmp_path / "content" / "chap"
    staged = write(chapter / "2-05-b.md", "2.05 B", 17)
    write(chapter / "2-04-a.md", "2.04 A", 17)
    monkeypatch.chdir(tmp_path)
    config = config_module.load(tmp_path / "courselint.toml")
    result = run([Path("content/chap/2-05-b.md")], config, Selection(select=("CL104",)), use_cache=False)
    assert [(f.path, f.code, f.line, f.column) for f in result.findings] == [
        ("content/chap/2-05-b.md", "CL104", 3, 9)
    ]
    assert staged.exists()


def test_chapter_findings_are_the_same_in_worker_processes(tmp_path: Path) -> None:
    """Enough lessons for the worker pool: the chapter rules then run in the workers."""
    from courselint.config import PARALLEL_THRESHOLD

    content = tmp_path / "content"
    for chapter in range(3):
        folder = content / f"{chapter + 1}-chap"
        write(folder / "_index.md", f'"{chapter + 1}. Chapitre"', chapter + 1)
        for number in range(1, PARALLEL_THRESHOLD // 2):
            # Lesson 3 repeats lesson 2's weight; lesson 5 comes before lesson 4.
            weight = {3: 2, 5: 3}.get(number, number)
            write(folder / f"{chapter + 1}-{number:02d}.md", f"{chapter + 1}.{number:02d} Leçon", weight)
    config = config_module.load(None, start=tmp_path)
    selection = Selection(select=("CL104", "CL105"))
    serial = run([content], config, selection, jobs=1, use_cache=False).findings
    parallel = run([content], config, selection, jobs=2, use_cache=False).findings
    assert len(serial) >= 6
    assert {f.code for f in serial} == {"CL104", "CL105"}
    assert parallel == serial


def test_lessons_sharing_a_number_are_not_a_contradiction() -> None:
    """« 3 - Kibana » and « 3 - Kibana - Exercices »: either order is fine (a real course's false alarm)."""
    lessons = [
        lesson("2", 2000, "2-elastic.md"),
        lesson("3", 3070, "3-kibana.md"),
        lesson("3", 3060, "3-kibana-exercices.md"),
        lesson("4", 4000, "4-logstash.md"),
    ]
    assert weight_order(lessons) == []


def test_no_advice_of_an_empty_range() -> None:
    lessons = [lesson("1", 10, "1.md"), lesson("2", 40, "2.md"), lesson("3", 11, "3.md"), lesson("4", 12, "4.md")]
    [conflict] = weight_order(lessons)
    assert conflict.blamed.number == "2"
    assert "entre 10 et 11" in conflict.message and "aucun de libre" in conflict.message
    assert "entre 10 et 10" not in conflict.message
