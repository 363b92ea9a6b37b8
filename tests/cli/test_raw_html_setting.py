"""Whether raw HTML blocks are prose follows the site's Hugo configuration (goldmark ``unsafe``).

Real CLI subprocesses, real Hunspell, the real findings cache: a slip inside a
``<div>`` is reported when the site renders raw HTML (``unsafe = true`` in its
``hugo.toml``), not without a site configuration (Hugo's default, raw HTML
omitted), and the ``raw_html`` key of courselint's configuration overrides the
site.  Editing the site's configuration changes the findings of a cached run.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.courselint_run import run_courselint

LESSON = """\
---
title: Leçon
weight: 1
---

Un paragraphe correct.

<div class="encadre">
<p>Une boîte avec une fotte.</p>
<img src="zorglub.png" alt="Un schémma du réseau">
</div>
"""
#: (word, line, column) as counted in LESSON: a slip in a paragraph and one in an alt text.
SLIPS = {
    ("fotte", 9, LESSON.split("\n")[8].index("fotte") + 1),
    ("schémma", 10, LESSON.split("\n")[9].index("schémma") + 1),
}

UNSAFE_SITE = '''baseURL = "http://example.org/"
[markup.goldmark.renderer]
unsafe = true
'''


def _slips(root: Path, *args: str) -> set[tuple[str, int, int]]:
    result = run_courselint(
        "check", *args, "--format", "json", "--select", "CL401", "content", cwd=root, COURSELINT_NO_PRELOAD="1"
    )
    assert result.returncode in (0, 1), result.stderr
    return {(f["word"], f["line"], f["column"]) for f in json.loads(result.stdout)}


def _project(tmp_path: Path, config: str = "") -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "lecon.md").write_text(LESSON, encoding="utf-8")
    (tmp_path / "courselint.toml").write_text(config + "[spelling]\nsuggestions = false\n", encoding="utf-8")
    return tmp_path


def test_without_a_site_configuration_raw_html_is_not_prose(tmp_path: Path) -> None:
    assert _slips(_project(tmp_path), "--no-cache") == set()


def test_a_site_that_renders_raw_html_makes_its_text_prose(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "hugo.toml").write_text(UNSAFE_SITE, encoding="utf-8")
    assert _slips(root, "--no-cache") == SLIPS


def test_the_raw_html_key_overrides_the_site(tmp_path: Path) -> None:
    root = _project(tmp_path, "raw_html = false\n")
    (root / "hugo.toml").write_text(UNSAFE_SITE, encoding="utf-8")
    assert _slips(root, "--no-cache") == set()
    (root / "courselint.toml").write_text("raw_html = true\n[spelling]\nsuggestions = false\n", encoding="utf-8")
    (root / "hugo.toml").unlink()
    assert _slips(root, "--no-cache") == SLIPS


def test_the_findings_cache_follows_the_site_configuration(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert _slips(root) == set()  # fills the cache, raw HTML hidden
    (root / "hugo.toml").write_text(UNSAFE_SITE, encoding="utf-8")
    assert _slips(root) == SLIPS  # same lesson, same courselint.toml: the site changed it
    (root / "hugo.toml").write_text(UNSAFE_SITE.replace("true", "false"), encoding="utf-8")
    assert _slips(root) == set()


def test_raw_html_text_is_given_to_grammalecte_when_the_site_renders_it(tmp_path: Path) -> None:
    """Real Grammalecte (Debian's python3-grammalecte): « les solution » is an agreement slip."""
    (tmp_path / "content").mkdir()
    lesson = "---\ntitle: Leçon\nweight: 1\n---\n\n<div>\n<p>Voici les solution du jour.</p>\n</div>\n"
    (tmp_path / "content" / "lecon.md").write_text(lesson, encoding="utf-8")
    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    (tmp_path / "hugo.toml").write_text(UNSAFE_SITE, encoding="utf-8")
    result = run_courselint("check", "--no-cache", "--format", "json", "--select", "CL501", "content", cwd=tmp_path)
    found = [(f["word"], f["line"], f["column"]) for f in json.loads(result.stdout)]
    assert found == [("solution", 7, lesson.split("\n")[6].index("solution") + 1)]
