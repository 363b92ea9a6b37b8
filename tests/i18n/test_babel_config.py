"""`pybabel extract` reads a lesson with the course's configuration, found from the lesson's path.

Real ``pybabel`` (Babel's command line, through courselint's entry point) and a
real ``courselint extract``: a shortcode declared only in the course's
``[tool.courselint.shortcodes]`` (``terminal``: code, ``encadre``: a label) and a
front matter key only the course translates (``i18n.keys``) are read the same way
by both.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

LESSON = """\
---
title: Une leçon
resume: Un résumé propre au cours
weight: 1
---

Un paragraphe.

{{< terminal >}}
sudo apt install zorglub
{{< /terminal >}}

{{% encadre "Astuce du jour" %}}
Un texte dans l'encadré.
{{% /encadre %}}
"""

PYPROJECT = """\
[tool.courselint]
locales = ["en"]
[tool.courselint.i18n]
keys = ["title", "resume"]
[tool.courselint.shortcodes.terminal]
inner = "code"
[tool.courselint.shortcodes.encadre]
positional = [0]
"""


def _msgids(pot: Path) -> set[str]:
    with pot.open("rb") as handle:
        return {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(handle) if message.id}


def test_pybabel_reads_the_course_shortcode_table_like_courselint_extract(tmp_path: Path) -> None:
    (tmp_path / "content" / "chap").mkdir(parents=True)
    (tmp_path / "content" / "chap" / "lecon.md").write_text(LESSON, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "babel.cfg").write_text("[courselint: content/**.md]\n", encoding="utf-8")
    pot = tmp_path / "messages.pot"
    # From another folder: the configuration is found from the lesson's path, not the cwd.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(tmp_path / "babel.cfg"),
         "-o", str(pot), str(tmp_path)],
        cwd=elsewhere, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    babel_ids = _msgids(pot)
    assert babel_ids == {"Une leçon", "Un résumé propre au cours", "Un paragraphe.", "Astuce du jour", "Un texte dans l'encadré."}
    assert not any("zorglub" in msgid for msgid in babel_ids)

    result = subprocess.run(
        [sys.executable, "-m", "courselint", "extract", "content"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    templates = list((tmp_path / "locales").rglob("*.pot"))
    assert len(templates) == 1
    assert _msgids(templates[0]) == babel_ids
