"""Reading a catalog and writing it again changes nothing: every comment of every entry survives.

Entries with a ``msgctxt`` (every front matter key is one) once lost their ``#:``
references and ``#|`` previous msgid on a read: the reader keyed them by the
``msgctxt`` line while Babel numbers an entry by its ``msgid`` line.  A merge put the
references back from the template, so only a read-then-write showed it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint.i18n import catalog as catalogs

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(
    [*ROOT.joinpath("tests").rglob("*.po"), *ROOT.joinpath("tests").rglob("*.pot"), *ROOT.joinpath("locales").rglob("*.po*")]
)

ENTRY_WITH_CONTEXT = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#: docker/lecon.md:2
#, fuzzy
#| msgid "Docker, en pratique"
msgctxt "title"
msgid "Docker en pratique"
msgstr "Docker in practice"

#: docker/lecon.md:8
msgid "Pourquoi les conteneurs ?"
msgstr "Why containers?"
'''


def test_an_entry_with_a_context_keeps_its_references_and_previous_msgid(tmp_path: Path) -> None:
    path = tmp_path / "lecon.po"
    path.write_text(ENTRY_WITH_CONTEXT, encoding="utf-8")
    read = catalogs.read_catalog(path)
    entry = read.catalog.get("Docker en pratique", context="title")
    assert entry.locations == [("docker/lecon.md", 2)]
    assert list(entry.previous_id) == ["Docker, en pratique"]
    assert catalogs.render_po(read.catalog, read.header, read.width) == ENTRY_WITH_CONTEXT


def test_the_previous_context_of_a_fuzzy_entry_is_read_written_and_merged(tmp_path: Path) -> None:
    """GNU msgmerge writes ``#| msgctxt`` for a fuzzy entry whose old entry had a context."""
    text = ENTRY_WITH_CONTEXT.replace('#| msgid "Docker, en pratique"', '#| msgctxt "title"\n#| msgid "Docker, en pratique"')
    path = tmp_path / "lecon.po"
    path.write_text(text, encoding="utf-8")
    read = catalogs.read_catalog(path)
    entry = read.catalog.get("Docker en pratique", context="title")
    assert catalogs.previous_context(entry) == "title"
    assert catalogs.render_po(read.catalog, read.header, read.width) == text
    template = catalogs.read_catalog(path).catalog  # the same entries: nothing changes but the merge itself
    catalogs.merge(read.catalog, template)
    assert catalogs.render_po(read.catalog, read.header, read.width) == text


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_catalog_of_the_suite_reads_and_writes_back_byte_identical(path: Path) -> None:
    read = catalogs.read_catalog(path)
    assert catalogs.render_po(read.catalog, read.header, read.width) == path.read_text(encoding="utf-8")
