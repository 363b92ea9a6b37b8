"""``courselint stats``: entries and source words per lesson, chapter, locale and course.

A word is a run of non-whitespace characters of a msgid (as ``wc -w`` counts),
so code spans and URLs count as they are written; front matter values and
shortcode parameters count too (translators translate them).  An entry is
translated, fuzzy (the source changed, or filled from memory: not reviewed) or
untranslated.  Percentages are of translated entries (``percent``) and of
translated words (``percent_words``); the badge shows ``percent_words``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from courselint.document import is_generated_translation
from courselint.findings import Finding
from courselint.i18n import catalog as catalogs
from courselint.i18n.extract import finding_at
from courselint.messages import _

_STATES = ("translated", "fuzzy", "untranslated")


def words(text: str) -> int:
    return len(text.split())


def state(message) -> str:
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    if not all(strings):
        return "untranslated"
    return "fuzzy" if message.fuzzy else "translated"


def count(catalog, translated_too: bool = True) -> dict[str, int]:
    """Entries and words of each state among the active entries of a catalog."""
    out = {key: 0 for key in _STATES} | {f"words_{key}": 0 for key in _STATES}
    for message in catalog:
        if not message.id:
            continue
        which = state(message) if translated_too else "untranslated"
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        out[which] += 1
        out[f"words_{which}"] += words(msgid)
    return out


def _finish(row: dict) -> dict:
    total = sum(row[key] for key in _STATES)
    total_words = sum(row[f"words_{key}"] for key in _STATES)
    row["words"] = total_words
    row["percent"] = round(100.0 * row["translated"] / total, 1) if total else 0.0
    row["percent_words"] = round(100.0 * row["words_translated"] / total_words, 1) if total_words else 0.0
    return row


def stats(lessons: list[Path], config, locales: list[str]) -> tuple[list[dict], list[Finding]]:
    """One row per (locale, lesson), and CL609 for each catalog that cannot be read.

    A lesson without a catalog yet counts its template's entries as untranslated;
    an unreadable catalog is left out of the counts and reported.
    """
    rows, findings = [], []
    every_locale = set(config["locales"]) | set(locales)
    for locale in locales:
        for path in map(Path, lessons):
            if is_generated_translation(path, every_locale):
                continue
            try:
                key = catalogs.lesson_key(path, config)
            except ValueError:
                continue  # a link out of the content folders (a device, another tree): extract refused it too
            row = {
                "locale": locale,
                "lesson": catalogs.reference_path(path, config),
                "chapter": str(PurePosixPath(key).parent),
            }
            po = catalogs.po_path(path, config, locale)
            template = catalogs.template_path(path, config)
            try:
                if po.exists():
                    counts = count(catalogs.read_catalog(po).catalog)
                elif template.exists():
                    counts = count(catalogs.read_catalog(template).catalog, translated_too=False)
                else:
                    counts = count(())
            except catalogs.CatalogError as exc:
                findings.append(finding_at("CL609", exc.path, exc.line, exc.message))
                continue
            rows.append(_finish(row | counts))
    return rows, findings


def totals(rows: list[dict]) -> dict:
    """Sums per chapter (and locale), per locale, and for the whole course (every locale)."""

    def add(into: dict, row: dict) -> None:
        for name in (*_STATES, *(f"words_{key}" for key in _STATES)):
            into[name] = into.get(name, 0) + row[name]

    chapters: dict[tuple[str, str], dict] = {}
    per_locale: dict[str, dict] = {}
    course: dict = {key: 0 for key in _STATES} | {f"words_{key}": 0 for key in _STATES}
    for row in rows:
        add(chapters.setdefault((row["locale"], row["chapter"]), {"locale": row["locale"], "chapter": row["chapter"]}), row)
        add(per_locale.setdefault(row["locale"], {"locale": row["locale"]}), row)
        add(course, row)
    return {
        "chapters": [_finish(chapters[key]) for key in sorted(chapters)],
        "locales": [_finish(per_locale[key]) for key in sorted(per_locale)],
        "course": _finish(course),
    }


def badge(locale: str, percent: float) -> str:
    """An SVG progress badge (``traduction en | 87 %``), colour from red to green."""
    label = _("traduction {locale}").format(locale=locale)
    value = f"{percent:g} %"
    left = 8 + 7 * len(label)
    right = 10 + 8 * len(value)
    colour = "#4c1" if percent >= 90 else "#dfb317" if percent >= 50 else "#e05d44"
    width = left + right
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img"'
        f' aria-label="{escape(label)} : {escape(value)}">\n'
        f"  <title>{escape(label)} : {escape(value)}</title>\n"
        f'  <rect width="{left}" height="20" fill="#555"/>\n'
        f'  <rect x="{left}" width="{right}" height="20" fill="{colour}"/>\n'
        f'  <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\n'
        f'    <text x="6" y="14">{escape(label)}</text>\n'
        f'    <text x="{left + 5}" y="14" data-percent="{percent:g}">{escape(value)}</text>\n'
        f"  </g>\n"
        f"</svg>\n"
    )
