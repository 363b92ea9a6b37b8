"""Configuration and input abuse: a one-line error (exit 2) or a finding, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from robust_run import LESSON, project, run

BAD_SETTINGS = {
    "severity-fatal": '[severity]\nCL401 = "fatal"\n',
    "unknown-language": '[spelling]\nlanguages = ["xx"]\n',
    "no-language": "[spelling]\nlanguages = []\n",
    "min-translated-nan": "[i18n]\nmin_translated = nan\n",
    "min-translated-200": "[i18n]\nmin_translated = 200\n",
    "select-empty": 'select = [""]\n',
    "ignore-empty": 'ignore = [" "]\n',
    "negative-jobs": "jobs = -3\n",
    "locale-path": 'locales = ["../x"]\n',
}


@pytest.mark.parametrize("name", sorted(BAD_SETTINGS))
def test_bad_setting_is_one_line_exit_2(tmp_path: Path, name: str) -> None:
    project(tmp_path, BAD_SETTINGS[name])
    for command in (("check", "--no-cache", "content"), ("build", "--locale", "en")):
        result = run(*command, cwd=tmp_path, timeout=60)
        assert result.status == 2, (name, command, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("courselint: erreur :"), result.stderr
        assert "courselint.toml" in lines[0]


def test_french_and_english_spelling_on_ligatures(tmp_path: Path) -> None:
    """English opted in: a French word with « œ » goes to the English table too (it encodes Latin-1)."""
    lesson = project(tmp_path, '[spelling]\nlanguages = ["fr", "en"]\n')
    lesson.write_text(LESSON + "\nUn cœur, une sœur et un œuvre ; a wœrd.\n", encoding="utf-8")
    result = run("check", "--no-cache", "--format", "json", "content", cwd=tmp_path, timeout=60)
    assert result.status == 1, result.stderr
    assert [f["word"] for f in json.loads(result.stdout) if f["code"] == "CL401"] == ["wœrd"]


def test_jobs_above_the_cores_is_capped(tmp_path: Path) -> None:
    """``jobs = 48`` from a repository: the run works and starts no more workers than cores."""
    project(tmp_path, "jobs = 48\n")
    for i in range(30):  # above the threshold where a pool is started
        (tmp_path / "content" / "chap" / f"l{i:02d}.md").write_text(LESSON.replace("weight: 1", f"weight: {i + 2}"))
    result = run("check", "--no-cache", "--format", "json", "content", cwd=tmp_path, timeout=240)
    assert result.status == 0, (result.stdout[:2000], result.stderr)


def test_huge_weight_and_alias_loops(tmp_path: Path) -> None:
    lesson = project(tmp_path, 'locales = ["en"]\n')
    folder = lesson.parent
    (folder / "chiffres.md").write_text(f"---\ntitle: Chiffres\nweight: {'9' * 5000}\n---\n\nTexte.\n", encoding="utf-8")
    (folder / "alias.md").write_text("---\ntitle: Alias\nweight: 3\na: &a [*a]\n---\n\nTexte.\n", encoding="utf-8")
    for command in (("check", "--no-cache", "--format", "json", "content"), ("extract",), ("build", "--min-translated", "0"), ("stats",)):
        result = run(*command, cwd=tmp_path, timeout=60)
        assert result.status in (0, 1), (command, result.stdout, result.stderr)
