"""The one front-matter reader, against an independent reader and in every consumer.

python-frontmatter (a separate implementation, used here only as a reference)
must read the same keys and values on real lessons written by others; a YAML
alias bomb is CL003 for ``check``, the chapter rules, ``extract`` and the Babel
extractor alike.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import frontmatter as python_frontmatter
import pytest

from courselint import frontmatter
from courselint.chapter import chapter_siblings
from courselint.document import normalise_newlines
from tests.shared_corpus import LEARN_SITE

ROOT = Path(__file__).resolve().parents[2]
CORPUS = LEARN_SITE / "content"
LESSONS = sorted([*ROOT.joinpath("content").rglob("*.md"), *CORPUS.rglob("*.md")])

# 5,000 aliases of one anchor: cheap to compose, costly for whoever walks the value.
BOMB = "---\ntitle: Leçon\nweight: 1\na: &a [x, y, z]\nb: [" + ", ".join(["*a"] * 5000) + "]\n---\n\nUn texte.\n"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_the_reader_agrees_with_python_frontmatter(path: Path) -> None:
    text = normalise_newlines(path.read_text(encoding="utf-8-sig"))
    reading = frontmatter.read(text)
    reference = python_frontmatter.loads(text)
    assert reading.problems == []
    assert reading.metadata == reference.metadata


def test_the_corpus_is_there() -> None:
    assert len([p for p in LESSONS if CORPUS in p.parents]) >= 60  # the real site, French and English pages


def test_an_alias_bomb_is_cl003_for_every_consumer(tmp_path: Path) -> None:
    chapter = tmp_path / "content" / "chapitre"
    chapter.mkdir(parents=True)
    (chapter / "bombe.md").write_text(BOMB, encoding="utf-8")
    (chapter / "voisine.md").write_text("---\ntitle: Voisine\nweight: 1\n---\n\nTexte.\n", encoding="utf-8")
    (tmp_path / "courselint.toml").write_text('locales = ["en"]\n', encoding="utf-8")

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "courselint", *args], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )

    checked = cli("check", "--no-cache", "--format", "json", "content")
    assert "Traceback" not in checked.stderr
    assert [(f["path"], f["code"]) for f in json.loads(checked.stdout) if f["code"] == "CL003"] == [
        ("content/chapitre/bombe.md", "CL003")
    ]
    # The chapter rules skip it (its CL003 is the lesson's), instead of expanding it.
    assert [s.name for s in chapter_siblings(chapter / "voisine.md")] == ["voisine.md"]
    extracted = cli("extract", "content")
    assert "Traceback" not in extracted.stderr
    assert "CL003" in extracted.stdout and extracted.returncode == 1

    from courselint.i18n.babel_extractor import extract_lesson

    buffer = io.BytesIO(BOMB.encode("utf-8"))
    buffer.name = "bombe.md"
    with pytest.raises(ValueError, match="CL003"):
        list(extract_lesson(buffer, {}, [], {}))
