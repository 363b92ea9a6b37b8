"""A careful pseudo-translation of every lesson of the suite builds every lesson.

Real ``courselint extract`` and ``build`` subprocesses, catalogs filled with
Babel's PO reader and writer: every msgstr is its msgid with one more line
(where a translator may add one: anywhere, a PO editor allows it).  Nothing may
be refused (CL612), every lesson gets its English page, and each entry's added
line is in it.  Both ways a site may render raw HTML (``raw_html``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from .test_roundtrip import EVERY_LESSON

EXTRA = "ēxŧŕă łĭňē"


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "courselint", *args], cwd=root, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize("raw_html", [False, True], ids=["html-hidden", "html-prose"])
def test_every_lesson_of_the_suite_builds_with_added_lines(tmp_path: Path, raw_html: bool) -> None:
    (tmp_path / ".git").mkdir()  # the project root
    (tmp_path / "courselint.toml").write_text(f'locales = ["en"]\nraw_html = {str(raw_html).lower()}\n', encoding="utf-8")
    lessons = []
    for i, source in enumerate(EVERY_LESSON):
        target = tmp_path / "content" / f"l{i:02d}" / source.name
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
        lessons.append(target)
    result = _run(tmp_path, "extract", "content")
    assert result.returncode == 0, result.stderr + result.stdout

    entries = occurrences = 0
    for po in (tmp_path / "locales" / "en").rglob("*.po"):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id:
                message.string = message.id + "\n" + EXTRA
                entries += 1
                occurrences += len(message.locations)  # one msgid written in several places
        with po.open("wb") as handle:
            write_po(handle, catalog, width=0)
    assert entries > 300

    result = _run(tmp_path, "build", "--min-translated", "0")
    assert "CL612" not in result.stdout + result.stderr, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr
    for lesson in lessons:
        page = lesson.with_suffix(".en.md")
        assert page.is_file(), f"{lesson.relative_to(tmp_path)}: pas de page anglaise\n{result.stdout}"
    written = sum(lesson.with_suffix(".en.md").read_text(encoding="utf-8").count(EXTRA) for lesson in lessons)
    # Single-line entries (titles, cells, terms…) get the added line as a space: the words stay.
    assert written == occurrences
