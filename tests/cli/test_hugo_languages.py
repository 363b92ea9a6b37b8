"""A bilingual Hugo site names its languages; courselint reads them when `locales` is not set.

Without that, a course adopting courselint with no configuration of its own gets
its English pages (`lesson.en.md`, written by hand before courselint) spell-checked
as French lessons: « Tips », « See », « Then » are unknown French words, and each
English page shares its French page's `weight` (CL104).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FRENCH = "---\ntitle: Une leçon\nweight: 1\n---\n\nLa consomemation de mémoire.\n"
ENGLISH = "---\ntitle: A lesson\nweight: 1\n---\n\n## Tips\n\nThe memory consumption, then the traffic.\n"
SITE = '''baseURL = "/"
defaultContentLanguage = "fr"
[languages.fr]
weight = 1
[languages.en]
weight = 2
'''


def check(project: Path) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k not in ("PRE_COMMIT", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "courselint", "check", "--no-cache", "--format", "json", "content"],
        cwd=project, capture_output=True, text=True, timeout=120, env=env,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)["findings"] if done.stdout.lstrip().startswith("{") else json.loads(done.stdout)


def course(tmp_path: Path, site: str | None, courselint_toml: str | None = None) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "lecon.md").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "content" / "lecon.en.md").write_text(ENGLISH, encoding="utf-8")
    if site is not None:
        (tmp_path / "hugo.toml").write_text(site, encoding="utf-8")
    if courselint_toml is not None:
        (tmp_path / "courselint.toml").write_text(courselint_toml, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def words_by_file(findings: list[dict]) -> dict[str, set[str]]:
    """File name -> the words of its spelling findings and the codes of the others."""
    out: dict[str, set[str]] = {}
    for finding in findings:
        out.setdefault(Path(finding["path"]).name, set()).add(finding.get("word") or finding["code"])
    return out


def test_the_sites_languages_make_english_pages_translations(tmp_path: Path) -> None:
    found = words_by_file(check(course(tmp_path, SITE)))
    assert found == {"lecon.md": {"consomemation"}}


def test_without_a_site_the_english_page_is_read_as_a_lesson(tmp_path: Path) -> None:
    """What the site's languages change: with no Hugo configuration, nothing says `.en` is a language."""
    found = words_by_file(check(course(tmp_path, None)))
    assert "consomemation" in found["lecon.md"] and "Tips" in found["lecon.en.md"]
    assert "CL104" in found["lecon.md"] | found["lecon.en.md"]  # reported once, on one of the pair


def test_locales_set_by_the_course_win_over_the_site(tmp_path: Path) -> None:
    found = words_by_file(check(course(tmp_path, SITE, "locales = []\n")))
    assert "Tips" in found["lecon.en.md"]
    assert "CL104" in found["lecon.md"] | found["lecon.en.md"]
