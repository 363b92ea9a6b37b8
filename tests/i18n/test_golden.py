"""Golden triplets: ``x.md`` -> ``x.md.expect.pot``; ``x.md`` + ``x.en.po`` -> ``x.en.expect.md``.

``x.en.po`` is an input (a translator's file, partly translated on purpose);
``COURSELINT_UPDATE_GOLDENS=1 pytest tests/i18n`` rewrites the two expected
files and merges ``x.en.po`` with the new template (translations kept).  Every
catalog is checked by GNU ``msgfmt --check``, for real.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from courselint.i18n import catalog as catalogs
from courselint.i18n.extract import read_lesson, template_catalog
from courselint.i18n.render import build_one
from courselint.i18n.units import lesson_units

from .conftest import FIXED_DATE, UPDATE, make_config, msgfmt_check

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = sorted(p for p in GOLDEN.glob("*.md") if not p.name.endswith((".en.md", ".expect.md")))


def template_text(path: Path, config) -> str:
    lesson = read_lesson(path, config)
    header = catalogs.new_header(title=path.stem, locale=None, creation_date=FIXED_DATE, template=True)
    return catalogs.render_po(template_catalog(lesson, path, config), header, 79)


def refresh_po(path: Path, config) -> None:
    """Merge the template into ``x.en.po`` (create it if missing), translations kept."""
    po_file = path.with_name(f"{path.stem}.en.po")
    lesson = read_lesson(path, config)
    template = template_catalog(lesson, path, config)
    if po_file.exists():
        existing = catalogs.read_catalog(po_file)
        merged, header = copy.deepcopy(existing.catalog), existing.header
    else:
        from babel.messages.catalog import Catalog

        merged = Catalog(fuzzy=False)
        header = catalogs.new_header(title=path.stem, locale="en", creation_date=FIXED_DATE, template=False)
    catalogs.merge(merged, template)
    po_file.write_text(catalogs.render_po(merged, header, 79), encoding="utf-8")


def translated_bytes(path: Path, config) -> bytes:
    lesson = read_lesson(path, config)
    units = lesson_units(lesson)
    config.values["i18n"]["fuzzy"] = "source"  # the goldens show fuzzy entries left in French
    result = build_one(path, lesson, units, config, "en", 0, po=path.with_name(f"{path.stem}.en.po"))
    assert [f.code for f in result.findings if f.code != "CL614"] == []
    assert result.text is not None
    return (b"\xef\xbb\xbf" if lesson.bom else b"") + result.text.encode("utf-8")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_template_golden(fixture: Path, tmp_path: Path) -> None:
    config = make_config(GOLDEN)
    golden = fixture.with_name(fixture.name + ".expect.pot")
    actual = template_text(fixture, config)
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"golden manquant {golden} : COURSELINT_UPDATE_GOLDENS=1"
    assert actual == golden.read_text(encoding="utf-8")
    msgfmt_check(golden)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_translated_golden(fixture: Path) -> None:
    config = make_config(GOLDEN)
    if UPDATE:
        refresh_po(fixture, config)
    po_file = fixture.with_name(f"{fixture.stem}.en.po")
    assert po_file.exists(), f"catalogue manquant {po_file} : COURSELINT_UPDATE_GOLDENS=1"
    msgfmt_check(po_file)
    golden = fixture.with_name(f"{fixture.stem}.en.expect.md")
    actual = translated_bytes(fixture, config)
    if UPDATE:
        golden.write_bytes(actual)
    assert golden.exists(), f"golden manquant {golden} : COURSELINT_UPDATE_GOLDENS=1"
    assert actual == golden.read_bytes()


def test_golden_catalogs_translate_something() -> None:
    """The triplets are not all identity: most fixtures' catalogs hold real translations."""
    translated = 0
    for fixture in FIXTURES:
        po = catalogs.read_catalog(fixture.with_name(f"{fixture.stem}.en.po")).catalog
        if any(m.id and m.string and m.string != m.id for m in po):
            translated += 1
    assert translated >= len(FIXTURES) - 1
