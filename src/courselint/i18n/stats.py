"""``courselint stats``: translated / fuzzy / untranslated entries per locale and lesson."""

from __future__ import annotations

from pathlib import Path

from courselint.document import is_generated_translation
from courselint.i18n import catalog as catalogs


def count(catalog) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) among the active entries of a catalog."""
    translated = fuzzy = untranslated = 0
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if not all(strings):
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return translated, fuzzy, untranslated


def stats(lessons: list[Path], config, locales: list[str]) -> list[dict]:
    """One row per (locale, lesson): counts and the translated percentage.

    A lesson without a catalog yet counts its template's entries as untranslated;
    a catalog that does not parse is reported with ``error`` and no counts.
    """
    rows = []
    every_locale = set(config["locales"]) | set(locales)
    for locale in locales:
        for path in lessons:
            path = Path(path)
            if is_generated_translation(path, every_locale):
                continue
            row = {"locale": locale, "lesson": catalogs.reference_path(path, config)}
            po = catalogs.po_path(path, config, locale)
            template = catalogs.template_path(path, config)
            try:
                if po.exists():
                    translated, fuzzy, untranslated = count(catalogs.read_catalog(po).catalog)
                elif template.exists():
                    translated, fuzzy, untranslated = 0, 0, sum(1 for _ in count_entries(template))
                else:
                    translated = fuzzy = untranslated = 0
            except catalogs.CatalogError as exc:
                row.update(translated=0, fuzzy=0, untranslated=0, percent=0.0, error=str(exc))
                rows.append(row)
                continue
            total = translated + fuzzy + untranslated
            row.update(
                translated=translated,
                fuzzy=fuzzy,
                untranslated=untranslated,
                percent=round(100.0 * translated / total, 1) if total else 0.0,
            )
            rows.append(row)
    return rows


def count_entries(template: Path):
    for message in catalogs.read_catalog(template).catalog:
        if message.id:
            yield message
