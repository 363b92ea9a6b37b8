"""A shortcode declared only in the course's configuration is read as it says, by `check` and `extract`.

Real CLI subprocesses, real Hunspell, real Babel catalogs.  The shortcode names
(``terminal``, ``encadre``) are in no default of courselint: what they hold is
known from the test's own ``courselint.toml`` only.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.courselint_run import run_courselint

LESSON = """\
---
title: Leçon
weight: 1
---

Un paragraphe correct.

{{< terminal >}}
sudo apt instal zorglub
{{< /terminal >}}

{{% encadre "Astuce malinne" %}}
Un texte avec une fotte.
{{% /encadre %}}
"""

CONFIG = """\
locales = ["en"]
[spelling]
suggestions = false
[shortcodes.terminal]
inner = "code"
[shortcodes.encadre]
inner = "markdown"
positional = [0]
"""


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "lecon.md").write_text(LESSON, encoding="utf-8")
    (tmp_path / "courselint.toml").write_text(config, encoding="utf-8")
    return tmp_path


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_courselint(*args, cwd=root, COURSELINT_NO_PRELOAD="1")


def _unknown_words(root: Path) -> set[str]:
    result = _run(root, "check", "--no-cache", "--format", "json", "--select", "CL401", "content")
    assert result.returncode in (0, 1), result.stderr
    return {finding["word"] for finding in json.loads(result.stdout)}


def test_check_reads_declared_code_as_code_and_markdown_as_prose(tmp_path: Path) -> None:
    root = _project(tmp_path, CONFIG)
    words = _unknown_words(root)
    assert "fotte" in words  # the inner Markdown of `encadre` is prose
    assert not words & {"zorglub", "instal"}  # the inner of `terminal` is code


def test_without_the_declaration_the_code_is_prose(tmp_path: Path) -> None:
    """The same lesson with no table entry: `terminal` defaults to Markdown (so the test above means something)."""
    root = _project(tmp_path, 'locales = ["en"]\n[spelling]\nsuggestions = false\n')
    assert {"zorglub", "instal"} <= _unknown_words(root)


def test_extract_takes_the_label_and_the_prose_not_the_code(tmp_path: Path) -> None:
    root = _project(tmp_path, CONFIG)
    result = _run(root, "extract", "content")
    assert result.returncode == 0, result.stderr
    pot = next((root / "locales").rglob("*.pot")).read_text(encoding="utf-8")
    assert 'msgid "Astuce malinne"' in pot  # positional label 0 of `encadre`
    assert 'msgid "Un texte avec une fotte."' in pot
    assert "zorglub" not in pot


def test_old_shortcode_params_key_still_read_with_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path, CONFIG + '[i18n]\nshortcode_params = ["caption", "title", "alt"]\n')
    result = _run(root, "extract", "content")
    assert result.returncode == 0, result.stderr
    assert "i18n.shortcode_params" in result.stderr and "obsolète" in result.stderr
    pot = next((root / "locales").rglob("*.pot")).read_text(encoding="utf-8")
    assert 'msgid "Astuce malinne"' in pot


def test_a_wrong_entry_is_a_one_line_error(tmp_path: Path) -> None:
    root = _project(tmp_path, '[shortcodes.terminal]\ninner = "cod"\n')
    result = _run(root, "check", "--no-cache", "content")
    assert result.returncode == 2
    assert "shortcodes.terminal.inner" in result.stderr and "Traceback" not in result.stderr
