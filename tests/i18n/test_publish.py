"""What a team publishing translations hits (issue 12, items 3, 4 and 5): real CLI runs, real git.

Each test is a scenario of the issue; each failed on the code before this change.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

from courselint.i18n import catalog as catalogs
from tests.courselint_run import REPRODUCIBLE, run_courselint

LESSON = """\
---
title: Une leçon
weight: 1
---

# Premier titre

La commande `ls` liste les fichiers.

Un paragraphe assez long pour compter.

Dernière phrase.
"""

GOOD = {
    "Une leçon": "A lesson",
    "Premier titre": "First heading",
    "La commande `ls` liste les fichiers.": "The `ls` command lists files.",
    "Un paragraphe assez long pour compter.": "A paragraph long enough to count.",
    "Dernière phrase.": "Last sentence.",
}


cli = functools.partial(run_courselint, timeout=120, **REPRODUCIBLE)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd, check=True, capture_output=True,
    )


def translate(po_file: Path, table: dict[str, str], fuzzy: tuple[str, ...] = (), comments: dict | None = None) -> None:
    """Fill a catalog as a translator would (through the catalog module's reader and writer)."""
    po = catalogs.read_catalog(po_file)
    for message in po.catalog:
        if message.id in table:
            message.string = table[message.id]
        if message.id in fuzzy:
            message.flags.add("fuzzy")
        if comments and message.id in comments:
            message.user_comments = [comments[message.id]]
    po_file.write_text(catalogs.render_po(po.catalog, po.header, po.width), encoding="utf-8")


def course(tmp_path: Path, *, config: bool = True, git_repo: bool = False) -> Path:
    """A course folder with one lesson, extracted; ``config`` writes a courselint.toml."""
    root = tmp_path / "cours"
    lesson = root / "content" / "chap" / "lecon.md"
    lesson.parent.mkdir(parents=True)
    lesson.write_text(LESSON, encoding="utf-8")
    if config:
        (root / "courselint.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    if git_repo:
        git("init", "-q", ".", cwd=root)
    result = cli("extract", "--locale", "en", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


PO = Path("locales/en/chap/lecon.po")
PAGE = Path("content/chap/lecon.en.md")


# --------------------------------------------------------------------------- 4: data loss


def test_lesson_path_without_config_uses_the_git_root_and_keeps_the_page(tmp_path) -> None:
    root = course(tmp_path, config=False, git_repo=True)
    translate(root / PO, GOOD)
    assert cli("build", "--locale", "en", cwd=root).returncode == 0
    page = (root / PAGE).read_text(encoding="utf-8")
    assert "The `ls` command lists files." in page
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    lesson = str(root / "content/chap/lecon.md")
    # From another folder, a lesson path and no configuration file: the git root is the project.
    result = cli("build", "--locale", "en", "--min-translated", "0", lesson, cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / PAGE).read_text(encoding="utf-8") == page
    result = cli("extract", "--locale", "en", lesson, cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (root / "content/chap/locales").exists()
    assert not (elsewhere / "locales").exists()


def test_translated_page_is_never_overwritten_with_fewer_translations(tmp_path) -> None:
    root = course(tmp_path)
    translate(root / PO, GOOD)
    assert cli("build", cwd=root).returncode == 0
    page = (root / PAGE).read_text(encoding="utf-8")
    (root / PO).unlink()  # the catalog is gone (a bad checkout, a wrong locales_dir)
    result = cli("build", "--min-translated", "0", cwd=root)
    assert result.returncode == 1
    assert "CL613" in result.stdout
    assert (root / PAGE).read_text(encoding="utf-8") == page


# --------------------------------------------------------------------------- 3: stale, fuzzy, renamed


def test_page_below_min_translated_is_reported_not_served_silently(tmp_path) -> None:
    root = course(tmp_path)
    translate(root / PO, GOOD)
    assert cli("build", cwd=root).returncode == 0
    lesson = root / "content/chap/lecon.md"
    lesson.write_text(
        LESSON.replace("Un paragraphe assez long pour compter.", "Un paragraphe réécrit.\n\nEt un autre.\n\nEt encore un."),
        encoding="utf-8",
    )
    assert cli("extract", cwd=root).returncode == 0
    result = cli("build", "--min-translated", "90", cwd=root)
    assert result.returncode == 1, result.stdout
    assert "CL613" in result.stdout and "lecon.en.md" in result.stdout


def test_check_reports_a_page_its_catalog_no_longer_produces(tmp_path) -> None:
    root = course(tmp_path)
    translate(root / PO, {k: v for k, v in GOOD.items() if k != "Dernière phrase."})
    assert cli("build", cwd=root).returncode == 0
    translate(root / PO, GOOD)  # a translator finishes; nobody runs build
    result = cli("check", "--select", "CL613", cwd=root)
    assert result.returncode == 1, result.stdout
    assert "CL613" in result.stdout
    assert cli("build", cwd=root).returncode == 0
    assert cli("check", "--select", "CL613", cwd=root).returncode == 0


def test_fuzzy_entry_keeps_its_previous_translation_and_is_reported(tmp_path) -> None:
    root = course(tmp_path)
    translate(root / PO, GOOD, fuzzy=("Dernière phrase.",))
    result = cli("build", cwd=root)
    assert result.returncode == 0
    assert "CL614" in result.stdout
    page = (root / PAGE).read_text(encoding="utf-8")
    assert "Last sentence." in page and "Dernière phrase." not in page
    (root / "courselint.toml").write_text('locales = ["en"]\n[i18n]\nfuzzy = "source"\n', encoding="utf-8")
    result = cli("build", cwd=root)
    assert "CL614" in result.stdout
    assert "Dernière phrase." in (root / PAGE).read_text(encoding="utf-8")
    stats = cli("stats", "--format", "json", cwd=root)
    assert '"fuzzy": 1' in stats.stdout


def test_renamed_lesson_keeps_its_translations_and_the_old_catalog_is_reported(tmp_path) -> None:
    root = course(tmp_path, git_repo=True)
    translate(root / PO, GOOD)
    git("add", "-A", cwd=root)
    git("commit", "-qm", "cours", cwd=root)
    git("mv", "content/chap/lecon.md", "content/chap/renommee.md", cwd=root)
    result = cli("extract", cwd=root)
    assert "CL615" in result.stdout, result.stdout
    new = catalogs.read_catalog(root / "locales/en/chap/renommee.po").catalog
    assert {m.id: m.string for m in new if m.id} == GOOD
    assert (root / PO).exists()  # a translator's work is never deleted without --prune
    assert "CL615" in cli("check", "--select", "CL615", cwd=root).stdout
    result = cli("extract", "--prune", cwd=root)
    assert not (root / PO).exists() and not (root / "locales/chap/lecon.pot").exists()
    assert "CL615" not in cli("check", "--select", "CL615", cwd=root).stdout


# --------------------------------------------------------------------------- 5: translator comments


def test_translator_comment_is_honoured_by_build(tmp_path) -> None:
    root = course(tmp_path)
    msgid = "La commande `ls` liste les fichiers."
    table = {**GOOD, msgid: "The `ls -l` command lists files."}
    translate(root / PO, table, comments={msgid: "courselint: ignore=CL601"})
    assert cli("check", "--select", "CL601", cwd=root).returncode == 0
    result = cli("build", cwd=root)
    assert result.returncode == 0, result.stdout
    assert "The `ls -l` command lists files." in (root / PAGE).read_text(encoding="utf-8")


def test_safety_checks_cannot_be_silenced_in_build(tmp_path) -> None:
    root = course(tmp_path)
    msgid = "Dernière phrase."
    table = {**GOOD, msgid: "Last <script>alert(1)</script> sentence."}
    translate(root / PO, table, comments={msgid: "courselint: ignore=CL605"})
    result = cli("build", cwd=root)
    assert result.returncode == 1 and "CL605" in result.stdout
    # The entry gives way to its source text; the rest of the lesson is published (issue 18).
    page = (root / PAGE).read_text(encoding="utf-8")
    assert "<script>" not in page and "Dernière phrase." in page


def test_a_page_whose_links_build_rewrote_is_rebuilt_without_a_finding(tmp_path) -> None:
    """The rewritten targets of an untranslated page are not translations the catalog lacks."""
    root = course(tmp_path)
    lesson = root / "content/chap/lecon.md"
    lesson.write_text(LESSON + "\n![Un schéma](../images/schema.png) et [une autre]({{< relref \"autre.md\" >}}).\n", encoding="utf-8")
    assert cli("extract", cwd=root).returncode == 0
    first = cli("build", "--min-translated", "0", cwd=root)
    assert first.returncode == 0 and "écrit" in first.stdout
    page = (root / PAGE).read_text(encoding="utf-8")
    assert "](../../../chap/images/schema.png)" in page and '({{< relref "autre.md" >}})' in page
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
    assert cli("extract", cwd=root).returncode == 0
    second = cli("build", "--min-translated", "0", cwd=root)
    assert second.returncode == 0 and "CL613" not in second.stdout, second.stdout
    assert "Une phrase ajoutée." in (root / PAGE).read_text(encoding="utf-8")
