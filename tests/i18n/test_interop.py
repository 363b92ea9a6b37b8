"""Catalogs through the PO tools translators use, then ``courselint build``: nothing changes.

GNU gettext 0.21's ``msgmerge``, ``msgcat`` and ``msguniq`` run for real, as do polib
and translate-toolkit, on every catalog of the sample course, of the golden fixtures
and of a lesson in a folder with spaces long enough for the tools to wrap its
``#:`` references.  After each tool, ``build --fail-on-change`` must write nothing
(the same translated lessons) and report nothing.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import po as ttk_po

from tests.courselint_run import REPRODUCIBLE, run_courselint

from .conftest import require_msgfmt

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
SPACED = "content/un dossier avec des espaces dont le nom est assez long/une leçon au nom long aussi.md"


cli = functools.partial(run_courselint, timeout=300, **REPRODUCIBLE)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The sample course, the fixtures (with their translations) and a spaced lesson, built once."""
    require_msgfmt()
    root = tmp_path_factory.mktemp("interop") / "cours"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "locales", root / "locales")
    for lesson in sorted(GOLDEN.glob("*.md")):
        if lesson.name.count(".") > 1:
            continue  # expected outputs
        (root / "content/fixtures").mkdir(exist_ok=True)
        shutil.copy(lesson, root / "content/fixtures" / lesson.name)
        po = lesson.with_name(f"{lesson.stem}.en.po")
        if po.exists():
            (root / "locales/en/fixtures").mkdir(parents=True, exist_ok=True)
            # Confirmed by a translator: no fuzzy entry, so nothing depends on the fuzzy policy.
            text = po.read_text(encoding="utf-8").replace("#, fuzzy\n", "")
            (root / "locales/en/fixtures" / f"{lesson.stem}.po").write_text(text, encoding="utf-8")
    spaced = root / SPACED
    spaced.parent.mkdir(parents=True)
    shutil.copy(GOLDEN / "seed.md", spaced)
    (root / "courselint.toml").write_text('locales = ["en"]\n[i18n]\nmin_translated = 0\n', encoding="utf-8")
    result = cli("extract", "--no-memory", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    # Translate the spaced lesson's catalog fully, as the seed's own catalog is.
    seed = polib.pofile(str(root / "locales/en/fixtures/seed.po"))
    translated = {(e.msgctxt, e.msgid): e.msgstr for e in seed if e.msgstr}
    spaced_po = root / "locales/en" / Path(SPACED).relative_to("content").with_suffix(".po")
    text = spaced_po.read_text(encoding="utf-8")
    catalog = polib.pofile(text)
    for entry in catalog:
        entry.msgstr = translated.get((entry.msgctxt, entry.msgid), "")
    catalog.save(str(spaced_po))
    assert cli("extract", "--no-memory", cwd=root).returncode == 0
    result = cli("build", cwd=root)
    assert result.returncode == 0, result.stdout
    assert "CL6" not in result.stdout, result.stdout
    assert (spaced.with_name(spaced.stem + ".en.md")).exists()
    return root


def catalogs_of(root: Path) -> list[Path]:
    return sorted((root / "locales/en").rglob("*.po"))


def test_references_have_no_whitespace(project: Path) -> None:
    for path in [*catalogs_of(project), *sorted((project / "locales").glob("**/*.pot"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#:"):
                assert not any(ch.isspace() for ch in line[3:]) or " " in line[3:] and all(
                    ":" in word for word in line[3:].split()
                ), line
    text = (project / "locales/en" / Path(SPACED).relative_to("content").with_suffix(".po")).read_text(encoding="utf-8")
    assert "#: content/un%20dossier%20avec%20des%20espaces" in text


def _gnu(tool: str):
    def run(path: Path, root: Path) -> None:
        args = [tool, "-o", str(path), str(path)]
        if tool == "msgmerge":
            relative = path.relative_to(root / "locales/en")
            args = ["msgmerge", "-q", "-o", str(path), str(path), str(root / "locales" / relative.with_suffix(".pot"))]
        subprocess.run(args, check=True, capture_output=True)

    return run


def _polib(path: Path, root: Path) -> None:
    polib.pofile(str(path)).save()


def _translate_toolkit(path: Path, root: Path) -> None:
    store = ttk_po.pofile.parsefile(str(path))
    path.write_bytes(bytes(store))


TOOLS = {
    "msgmerge": _gnu("msgmerge"),
    "msgcat": _gnu("msgcat"),
    "msguniq": _gnu("msguniq"),
    "polib": _polib,
    "translate-toolkit": _translate_toolkit,
}


@pytest.mark.parametrize("tool", TOOLS)
def test_catalogs_through_a_po_tool_build_the_same_lessons(tool: str, project: Path, tmp_path: Path) -> None:
    root = tmp_path / "cours"
    shutil.copytree(project, root)
    for path in catalogs_of(root):
        TOOLS[tool](path, root)  # translate-toolkit gives our catalogs back byte for byte
    result = cli("build", "--fail-on-change", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # nothing written, nothing reported
    check = cli("check", "--no-cache", "--select", "CL609,CL613,CL615", cwd=root)
    assert check.returncode == 0, check.stdout
    stats = cli("stats", cwd=root)
    assert stats.returncode == 0 and "erreur" not in stats.stdout


def test_what_gnu_msgmerge_writes_of_a_changed_title_survives_extract(project: Path, tmp_path: Path) -> None:
    """A title changed, the catalog merged by GNU msgmerge (fuzzy, ``#| msgctxt``,
    ``#| msgid``), then ``courselint extract``: the translator's entry and its
    previous context and msgid are all still there, and msgfmt accepts the file."""
    root = tmp_path / "cours"
    shutil.copytree(project, root)
    lesson = root / "content/docker/2-05-docker-en-pratique-pourquoi-les-conteneurs.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace(
        "title: 2.05 Docker en pratique Pourquoi les conteneurs", "title: 2.05 Docker en pratique, pourquoi les conteneurs"
    ), encoding="utf-8")
    po = root / "locales/en/docker/2-05-docker-en-pratique-pourquoi-les-conteneurs.po"
    before = po.read_text(encoding="utf-8")
    assert cli("extract", "--no-memory", cwd=root).returncode == 0  # the template follows the lesson
    po.write_text(before, encoding="utf-8")  # the catalog as the translator had it, merged by GNU gettext
    subprocess.run(["msgmerge", "--previous", "-q", "-o", str(po), str(po), str(root / "locales/docker" / po.with_suffix(".pot").name)],
                   check=True, capture_output=True)
    merged = po.read_text(encoding="utf-8")
    previous = '#| msgctxt "title"\n#| msgid "2.05 Docker en pratique Pourquoi les conteneurs"\n'
    assert previous in merged  # what GNU gettext writes, the test's premise
    # A heading changed since: courselint has to merge and write the catalog again.
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("## Objectifs pédagogiques\n", "## Objectifs pédagogiques de la leçon\n"), encoding="utf-8")
    result = cli("extract", "--no-memory", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    after = po.read_text(encoding="utf-8")
    assert previous + 'msgctxt "title"\nmsgid "2.05 Docker en pratique, pourquoi les conteneurs"\n' in after
    assert 'msgstr "2.05 Docker in practice: why containers"' in after
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True, capture_output=True)


def test_entries_another_tool_wrapped_are_rewritten_only_where_they_changed(project: Path, tmp_path: Path) -> None:
    """GNU gettext wraps after a space, a hyphen or a slash and counts the keyword in
    the first line; courselint wraps otherwise.  After msgcat (or Poedit) laid a catalog
    out, an extract for one changed heading changes that entry only."""
    root = tmp_path / "cours"
    shutil.copytree(project, root)
    po = root / "locales/en/docker/2-05-docker-en-pratique-pourquoi-les-conteneurs.po"
    _gnu("msgcat")(po, root)
    gnu = po.read_text(encoding="utf-8")
    ours = catalogs_of(project)[[p.name for p in catalogs_of(project)].index(po.name)].read_text(encoding="utf-8")
    assert gnu != ours  # the premise: the two tools lay the file out differently
    lesson = root / "content/docker/2-05-docker-en-pratique-pourquoi-les-conteneurs.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("## Objectifs pédagogiques\n", "## Objectifs pédagogiques de la leçon\n"), encoding="utf-8")
    result = cli("extract", "--no-memory", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    before, after = gnu.split("\n\n"), po.read_text(encoding="utf-8").split("\n\n")
    assert len(before) == len(after)
    # The header: only the template's creation date follows, as msgmerge does.
    header = [(old, new) for old, new in zip(before[0].split("\n"), after[0].split("\n")) if old != new]
    assert all(old.startswith('"POT-Creation-Date:') for old, _new in header), header
    changed = [(old, new) for old, new in zip(before[1:], after[1:]) if old != new]
    assert len(changed) == 1 and 'msgid "Objectifs pédagogiques de la leçon"' in changed[0][1], changed
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True, capture_output=True)


def test_an_unreadable_catalog_fails_build_and_stats(project: Path, tmp_path: Path) -> None:
    root = tmp_path / "cours"
    shutil.copytree(project, root)
    broken = root / "locales/en/fixtures/seed.po"
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    for command in ("build", "stats"):
        result = cli(command, cwd=root)
        assert result.returncode == 1, (command, result.stdout)
        assert "CL609" in result.stdout and "seed.po" in result.stdout
