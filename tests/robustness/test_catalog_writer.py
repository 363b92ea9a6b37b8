"""The catalog writer wraps in linear time, with the bytes it wrote before, and msgfmt reads back what it wrote.

Expected values come from elsewhere: the wrapping of normal text from Babel's own
``normalize`` (what courselint wrote until now), the strings of a written
catalog from GNU ``msgfmt`` (compiled, then read by Python's ``gettext``), the
acceptance from ``msgfmt --check`` and ``msgmerge``.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import normalize

from courselint.i18n import catalog as catalogs

from robust_run import project, run

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
FRONT = "---\ntitle: Leçon\nweight: 1\n---\n\n"


def _catalog_files() -> list[Path]:
    found = [p for p in REPO.joinpath("tests").rglob("*.po*") if p.suffix in (".po", ".pot")]
    if SHARED.is_dir():
        found += [p for p in SHARED.rglob("*.po*") if p.suffix in (".po", ".pot")]
    return sorted(found)


def _prose() -> list[str]:
    """Paragraphs of real French course prose and documentation (the shared corpus, the goldens)."""
    texts = []
    for path in sorted([*SHARED.rglob("*.md"), *SHARED.rglob("*.txt"), *REPO.joinpath("tests/i18n/golden").glob("*.md")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        texts += text.split("\n\n")
        texts.append(text[:20_000])  # long strings with line breaks, as front matter blocks have
    for path in _catalog_files():
        try:
            po = catalogs.read_catalog(path)
        except catalogs.CatalogError:
            continue
        for message in po.catalog:
            for text in (message.id, message.string):
                texts += [t for t in (text if isinstance(text, (list, tuple)) else [text]) if t]
    assert len(texts) > 1000
    return texts


def test_wrapping_is_babels_on_real_text() -> None:
    """Same quoted lines as Babel's ``normalize`` at every width courselint uses (and narrower)."""
    texts = _prose()
    for width in (0, 10, 20, 40, 76, 77, 79, 100):
        for text in texts:
            assert catalogs.quoted_lines(text, width) == normalize(text, width=width).split("\n"), (width, text[:200])


def _corpus_catalogs(folder: Path) -> list[Path]:
    """The catalogs ``extract`` writes for the shared corpus (a real Hugo site, the seed lesson, 11,000 lines of prose)."""
    project(folder, 'locales = ["en"]\n')
    content = folder / "content"
    for i, path in enumerate(sorted([*SHARED.rglob("*.md"), *SHARED.joinpath("bench").glob("*.txt")])):
        text = path.read_text(encoding="utf-8", errors="replace")
        body = text if text.startswith(("---", "+++")) else FRONT + text
        (content / f"l{i:03d}.md").write_text(body, encoding="utf-8")
    result = run("extract", cwd=folder, timeout=120)
    assert result.status in (0, 1), result.stderr
    return sorted((folder / "locales").rglob("*.po*"))


def test_every_catalog_of_the_suite_is_written_with_the_same_bytes(monkeypatch, tmp_path: Path) -> None:
    """Every catalog of the suite and of the shared corpus, rendered by the new writer and by Babel's wrapper.

    The old writer is the same renderer with Babel's ``normalize`` for the
    wrapping: the two outputs must be the same bytes, at the width each file
    was written with and at courselint's default.
    """
    files = _catalog_files() + _corpus_catalogs(tmp_path)
    assert len(files) >= 100
    read = []
    for path in files:
        try:
            read.append(catalogs.read_catalog(path))
        except catalogs.CatalogError:
            continue
    assert len(read) >= 100
    new = [catalogs.render_po(po.catalog, po.header, width) for po in read for width in (po.width, 79)]
    catalogs._keyword.cache_clear()
    monkeypatch.setattr(catalogs, "quoted_lines", lambda text, width: normalize(text, width=width).split("\n"))
    old = [catalogs.render_po(po.catalog, po.header, width) for po in read for width in (po.width, 79)]
    catalogs._keyword.cache_clear()
    assert new == old


def _pathological(folder: Path) -> dict[str, str]:
    lesson = project(folder, 'locales = ["en"]\n')
    word = "a" * 20_000
    big = "é" * 300_000
    controls = "".join(chr(c) for c in range(1, 32) if c not in (4, 9, 10, 13)) + "\x7f"
    lesson.write_text(
        FRONT + f"{word}\n\n{big}\n\nDes ­caractères{controls}de contrôle.\n\n"
        "| a | b |\n|---|---|\n" + "| x | x |\n" * 5_000,
        encoding="utf-8",
    )
    return {"word": word, "big": big, "controls": f"Des ­caractères{controls}de contrôle."}


def _read_mo(po: Path, tmp: Path, untranslated: bool = False) -> dict:
    """The strings of ``po`` as GNU msgfmt reads them (``untranslated``: msgen first, so every msgid is there)."""
    mo = tmp / "out.mo"
    if untranslated:
        filled = tmp / "filled.po"
        subprocess.run(["msgen", "-o", str(filled), str(po)], check=True, capture_output=True)
        po = filled
    subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True, capture_output=True)
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is needed")
def test_long_words_tables_and_control_characters_are_written_for_msgfmt(tmp_path: Path) -> None:
    """``extract`` on a 20,000-letter word, a 300,000-letter word, 5,000 identical cells, control characters.

    A hang guard only (the timeout): speed is measured by ``bench/pathological.py``.
    Before: the 300,000-letter word alone ran past the timeout (Babel's word
    splitting is quadratic), the cells' locations merged quadratically.
    """
    strings = _pathological(tmp_path)
    result = run("extract", cwd=tmp_path, timeout=60)
    assert result.status == 0, result.stderr
    template = tmp_path / "locales" / "chap" / "lecon.pot"
    po = tmp_path / "locales" / "en" / "chap" / "lecon.po"
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(template)], check=True, capture_output=True)
    compiled = _read_mo(po, tmp_path, untranslated=True)
    for text in strings.values():
        assert text in compiled, text[:40]  # msgfmt reads every msgid back equal
    cells = [line for line in template.read_text(encoding="utf-8").split("\n") if line.startswith("#:")]
    assert sum(line.count("lecon.md:") for line in cells) >= 5_000  # one reference per row (its 2 cells share it)
    merged = tmp_path / "merged.po"
    merge = subprocess.run(["msgmerge", "-q", "-o", str(merged), str(po), str(template)], capture_output=True, text=True)
    assert merge.returncode == 0, merge.stderr
    assert _read_mo(merged, tmp_path, untranslated=True) == compiled


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is needed")
def test_escapes_a_translator_wrote_survive_a_merge(tmp_path: Path) -> None:
    """``\\033``, ``\\x41``, ``\\a`` and octal UTF-8 in a msgstr mean to msgfmt what they meant before ``extract``.

    Before: Babel read ``\\033`` as four characters and the merge wrote ``\\\\033``.
    """
    lesson = project(tmp_path, 'locales = ["en"]\n')
    assert run("extract", cwd=tmp_path, timeout=60).status == 0
    po = tmp_path / "locales" / "en" / "chap" / "lecon.po"
    text = po.read_text(encoding="utf-8")
    translated = text.replace('msgid "Un texte court et correct."\nmsgstr ""', 'msgid "Un texte court et correct."\nmsgstr "A short\\033[1m \\x41 \\a text \\303\\251t\\303\\251."')
    assert translated != text
    po.write_text(translated, encoding="utf-8")
    before = _read_mo(po, tmp_path)
    assert before["Un texte court et correct."] == "A short\x1b[1m A \x07 text été."
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    result = run("extract", cwd=tmp_path, timeout=60)
    assert result.status == 0, result.stdout + result.stderr
    after = _read_mo(po, tmp_path, untranslated=True)  # msgen keeps the translations it finds
    assert "Une phrase de plus." in after  # the catalog was rewritten
    assert after["Un texte court et correct."] == before["Un texte court et correct."]
