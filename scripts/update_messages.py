"""Refresh courselint's own message catalogs, with the pipeline it offers courses.

    python scripts/update_messages.py          # extract, merge, compile
    python scripts/update_messages.py --check  # fail (exit 1) if anything is stale or untranslated

- ``src/courselint/locale/courselint.pot``: the French messages of the code, extracted
  by Babel from every ``_()``, ``ngettext()`` and ``agree()`` call;
- ``src/courselint/locale/en/LC_MESSAGES/courselint.po``: their English, merged from the
  template with courselint's own msgmerge semantics (``courselint.i18n.catalog``) and
  written by its own writer, then compiled to ``courselint.mo`` (read at run time by
  the standard library's gettext, so the command does not import Babel);
- ``src/courselint/locale/fr/LC_MESSAGES/argparse.po``: argparse's English words in
  French, compiled to ``argparse.mo``.

``--check`` is what the test suite runs: a string added to the code without its
English, or a ``.mo`` older than its ``.po``, fails it.
"""

from __future__ import annotations

import argparse
import gettext
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from courselint.i18n import catalog as catalogs  # noqa: E402

PACKAGE = ROOT / "src" / "courselint"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "courselint.pot"
ENGLISH = LOCALE / "en" / "LC_MESSAGES" / "courselint.po"
ARGPARSE = LOCALE / "fr" / "LC_MESSAGES" / "argparse.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "agree": (1, 2)}
WIDTH = 79


def template() -> Catalog:
    """The code's messages; references name the file only, so that moving code around
    (merges, refactors) does not make the catalogs stale."""
    extracted = Catalog(fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        extracted.add(message, locations=[(f"courselint/{filename}", None)], auto_comments=comments, context=context)
    for message in extracted:
        message.flags -= catalogs.FORMAT_FLAGS
    return extracted


def render(catalog: Catalog, path: Path, *, locale: str | None) -> str:
    existing = catalogs.read_catalog(path) if path.exists() else None
    header = (existing.header if existing else None) or catalogs.new_header(
        title="courselint", locale=locale, creation_date="2026-12-02 00:00+0000", template=locale is None
    )
    return catalogs.render_po(catalog, header, WIDTH)


def compiled(po: Path) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalogs.read_catalog(po).catalog)
    return buffer.getvalue()


def mo_matches(po: Path, mo: Path) -> bool:
    """The .mo says what the .po says (compared as gettext reads them: the header, which
    Babel fills with its version and the time, is left out)."""
    try:
        with mo.open("rb") as handle:
            table = {k: v for k, v in gettext.GNUTranslations(handle)._catalog.items() if k != ""}
    except OSError:  # missing, or not a .mo (gettext says "Bad magic number")
        return False
    wanted = {}
    for message in catalogs.read_catalog(po).catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (list, tuple)):
            wanted.update({(message.id[0], i): text for i, text in enumerate(message.string) if text})
        elif message.string:
            wanted[message.id] = message.string
    return table == wanted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    check = parser.parse_args(argv).check
    problems: list[str] = []

    def put(path: Path, data: bytes) -> None:
        old = path.read_bytes() if path.exists() else None
        if old == data:
            return
        if check:
            problems.append(f"{path.relative_to(ROOT)} n'est pas à jour")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    pot = template()
    put(TEMPLATE, render(pot, TEMPLATE, locale=None).encode("utf-8"))
    english = catalogs.read_catalog(ENGLISH).catalog if ENGLISH.exists() else Catalog(locale="en")
    catalogs.merge(english, pot)
    english.obsolete.clear()  # the code is the only source: a removed string is gone
    put(ENGLISH, render(english, ENGLISH, locale="en").encode("utf-8"))
    for message in english:
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if message.id and (message.fuzzy or not all(strings)):
            where = message.locations[0] if message.locations else ("?", 0)
            problems.append(f"sans anglais : {message.id!r} ({where[0]}:{where[1]})")
    for po in (ENGLISH, ARGPARSE):
        mo = po.with_suffix(".mo")
        if check:
            if not mo_matches(po, mo):
                problems.append(f"{mo.relative_to(ROOT)} ne correspond pas à {po.name} : relancez le script")
        elif not mo_matches(po, mo):
            put(mo, compiled(po))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
