"""The repository's own course: its English catalogs and built lessons are complete and in step."""

from __future__ import annotations

import shutil
from pathlib import Path

from courselint import config as config_module
from courselint.i18n import catalog as catalogs
from courselint.i18n.extract import extract
from courselint.i18n.render import build
from courselint.i18n.stats import stats

from .conftest import msgfmt_check

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "content" / "docker" / "2-05-docker-en-pratique-pourquoi-les-conteneurs.md"


def _copy_of_the_course(tmp_path: Path):
    for name in ("content", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "courselint.toml").write_text('paths = ["content"]\nlocales = ["en"]\n', encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    lessons = sorted(p for p in (tmp_path / "content").rglob("*.md") if not p.name.endswith(".en.md"))
    return config, lessons


def test_every_committed_catalog_passes_msgfmt() -> None:
    files = sorted((ROOT / "locales").rglob("*.po*"))
    assert any(p.suffix == ".po" for p in files)
    for path in files:
        msgfmt_check(path)


def test_sample_lesson_is_fully_translated(tmp_path) -> None:
    config, lessons = _copy_of_the_course(tmp_path)
    rows, findings = stats(lessons, config, ["en"])
    assert findings == []
    assert rows and all(row["percent"] == 100.0 and row["fuzzy"] == 0 for row in rows)
    lesson_row = next(r for r in rows if r["lesson"].endswith(SAMPLE.name))
    assert lesson_row["translated"] > 80


def test_catalogs_and_built_lessons_are_up_to_date(tmp_path) -> None:
    """Extracting and building the committed course changes no file."""
    config, lessons = _copy_of_the_course(tmp_path)
    assert extract(lessons, config, ["en"]) == ([], [])
    assert build(lessons, config, ["en"], None) == ([], [])
    english = (tmp_path / "content" / "docker" / SAMPLE.with_suffix(".en.md").name).read_text(encoding="utf-8")
    assert "## 1979 : Chroot\n\n* [E] A \"pure\" technical change" in english
    assert "> Analogy: a house, with its own kitchen, bathroom, and so on.  \n" in english


def test_layout_matches_the_documentation() -> None:
    config = config_module.load(ROOT / "pyproject.toml")
    assert catalogs.template_path(SAMPLE, config) == ROOT / "locales" / "docker" / (SAMPLE.stem + ".pot")
    assert catalogs.po_path(SAMPLE, config, "en") == ROOT / "locales" / "en" / "docker" / (SAMPLE.stem + ".po")
    assert catalogs.template_path(SAMPLE, config).exists() and catalogs.po_path(SAMPLE, config, "en").exists()
