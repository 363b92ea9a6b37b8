"""A diagnostic's ``codeDescription`` links to its code's explanation, installed or not.

Real clients, real servers: one told a documentation URL by the editor
(``initializationOptions.documentationUrl``), one running from a copy of the
package outside any source checkout (as an installed courselint runs), whose
link must open the README its distribution carries, with the code's section.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .client import diagnostics_for, open_document, run, session
from .test_server import SEED, lesson_folder

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "courselint"


def _first_diagnostics(tmp_path: Path, **options):
    text = SEED.read_text(encoding="utf-8")
    path = lesson_folder(tmp_path, text)

    async def scenario():
        async with session(tmp_path, **options) as (client, _result):
            uri = open_document(client, path, text)
            return await diagnostics_for(client, uri)

    return run(scenario())


def test_the_editor_sets_the_documentation_url(tmp_path: Path) -> None:
    diagnostics = _first_diagnostics(tmp_path, options={"documentationUrl": "https://docs.example.org/courselint/"})
    links = {d.code: d.code_description.href for d in diagnostics}
    assert links == {"CL401": "https://docs.example.org/courselint/#cl401", "CL402": "https://docs.example.org/courselint/#cl402"}


def test_a_page_per_code(tmp_path: Path) -> None:
    diagnostics = _first_diagnostics(tmp_path, options={"documentationUrl": "https://docs.example.org/rules/{code}.html"})
    assert {d.code_description.href for d in diagnostics if d.code == "CL402"} == {"https://docs.example.org/rules/cl402.html"}


def test_an_installed_courselint_links_to_the_readme_of_its_distribution(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(PACKAGE, site / "courselint", ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    env = dict(os.environ, PYTHONPATH=str(site), XDG_CACHE_HOME=str(cache))
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    diagnostics = _first_diagnostics(lessons, env=env)
    href = next(d.code_description.href for d in diagnostics if d.code == "CL401")
    parts = urlsplit(href)
    assert parts.scheme == "file" and parts.fragment == "cl401"
    readme = Path(url2pathname(parts.path))
    assert readme.parent == cache / "courselint"  # not the checkout's README: this copy is not in one
    assert "\n#### CL401" in readme.read_text(encoding="utf-8")  # the section the anchor names
