"""CL6xx: translation catalogs (``.po``) and the translated strings in them.

Catalog rules run once per ``.po`` file and report at the line of the entry
(its ``msgctxt`` or ``msgid`` line).  Only translated, non-fuzzy entries are
checked: a fuzzy entry is not used by ``build`` until a translator confirms it.
The entry checks (CL601–CL607) live in :mod:`courselint.i18n.checks`, shared
with ``build``; a translator silences a quality check on one entry with a
translator comment, which Poedit and Weblate let them edit::

    # courselint: ignore=CL602
    msgid "…"

(several codes separated by commas; code prefixes work).  The safety checks
CL605 and CL606 cannot be silenced.

CL611, CL612 and CL614 are not catalog checks: ``courselint build`` reports them when
it refuses to write a translated lesson or publishes fuzzy entries (see
:mod:`courselint.codes`).  CL613 (a translated page its catalog would no longer
produce: a forgotten ``build``) and CL615 (a catalog whose lesson is gone) are,
so that CI catches them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from courselint.findings import Edit, Finding, Fix, Span
from courselint.i18n.checks import ENTRY_CHECKS, EntryContext, ignored
from courselint.messages import _
from courselint.rules.base import rule
from courselint.segments import mask

# --------------------------------------------------------------------------- shared reading


#: Engine name of the editor buffers not yet saved, path -> text: the language
#: server checks what a translator sees, not the file on disk.
UNSAVED = "translation.unsaved"
#: Engine name of the English Hunspell dictionary (CL608).
ENGLISH = "translation.hunspell-en"


class _Entries:
    """A parsed catalog and its checkable entries, read once per process and file version."""

    def __init__(self, path: Path, text: str | None = None) -> None:
        # Babel is imported only when a catalog is checked: `courselint check` on
        # lessons alone must not pay for it (issue 7).
        from courselint.i18n import catalog as catalogs

        self.path = path
        self.error: catalogs.CatalogError | None = None
        self.po: catalogs.PoFile | None = None
        try:
            self.po = catalogs.read_catalog(path) if text is None else catalogs.parse_catalog(path, text)
        except catalogs.CatalogError as exc:
            self.error = exc

    @property
    def locale(self) -> str:
        """The target language: the ``Language`` header, else the folder under ``locales/``."""
        if self.po is not None and self.po.catalog.locale is not None:
            return str(self.po.catalog.locale)
        return self.path.parent.name

    def entries(self) -> Iterator:
        if self.po is None:
            return
        for message in self.po.catalog:
            if not message.id or message.fuzzy or isinstance(message.id, (list, tuple)):
                continue
            if not message.string:
                continue
            yield message


def _read(path, ctx) -> _Entries:
    cache = ctx.shared("translation.catalogs", dict)
    unsaved = ctx.engines.get(UNSAVED, {}).get(str(path))
    if unsaved is not None:
        # Keyed by the text itself: the server gives each check its own engines
        # dict, so these entries go away with the check (no growth per keystroke).
        key = (str(path), unsaved)
        if key not in cache:
            cache[key] = _Entries(Path(path), unsaved)
        return cache[key]
    path = Path(path)
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(path), 0, 0)
    if key not in cache:
        cache[key] = _Entries(path)
    return cache[key]


def _entry_rule(code: str):
    """The catalog rule that runs entry check ``code`` on every translated entry."""
    entry = ENTRY_CHECKS[code]

    def check(po_path, ctx, report) -> Iterator[Finding]:
        entries = _read(po_path, ctx)
        i18n = ctx.config.section("i18n")
        context = EntryContext(i18n["source_locale"], entries.locale, ctx.config.shortcodes)
        for message in entries.entries():
            if entry.silenceable and ignored(message.user_comments, code):
                continue
            problem = entry.check(message.id, message.string, context)
            if problem:
                yield report(Span.point(message.lineno or 1), problem)

    check.__doc__ = entry.check.__doc__
    check.__name__ = entry.check.__name__
    rule(code)(check)


for _code in ENTRY_CHECKS:
    _entry_rule(_code)


# --------------------------------------------------------------------------- CL608 English spelling

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")
_EN_DICTIONARY_DIRS = ("/usr/share/hunspell", "/usr/share/myspell/dicts")


def english_checker():
    """Hunspell with the system's en_US dictionary, or None when it is not installed."""
    for folder in _EN_DICTIONARY_DIRS:
        if (Path(folder) / "en_US.dic").is_file():
            import hunspell

            return hunspell.Hunspell("en_US", hunspell_data_dir=folder)
    return None


def english_unknown_words(checker, msgid: str, msgstr: str) -> list[str]:
    """Words of an English translation the dictionary does not know.

    Words also found in the French source (product names, commands copied as
    they are) and words with capitals inside (``CoreOS``, ``LXC``) are accepted.
    """
    source_words = {w.casefold() for w in _WORD.findall(mask(msgid))}
    unknown = []
    for word in _WORD.findall(mask(msgstr)):
        bare = word.strip("'’")
        if not bare or bare.casefold() in source_words or any(c.isupper() for c in bare[1:]):
            continue
        if bare.endswith(("'s", "’s")):
            bare = bare[:-2]
        if checker.spell(bare) or checker.spell(bare.lower()):
            continue
        unknown.append(bare)
    return unknown


@rule("CL608")
def english_spelling(po_path, ctx, report) -> Iterator[Finding]:
    """Unknown English words in an English translation."""
    entries = _read(po_path, ctx)
    if not entries.locale.lower().startswith("en"):
        return
    checker = ctx.shared(ENGLISH, english_checker)
    if checker is None:
        return
    for message in entries.entries():
        if ignored(message.user_comments, "CL608"):
            continue
        for word in dict.fromkeys(english_unknown_words(checker, message.id, message.string)):
            yield report(
                Span.point(message.lineno or 1),
                _("mot anglais inconnu : « {word} »").format(word=word),
                word=word,
                suggestions=tuple(checker.suggest(word)[:3]),
            )


# --------------------------------------------------------------------------- CL609 / CL610 the file


@rule("CL609")
def unparsable(po_path, ctx, report) -> Iterator[Finding]:
    """A catalog that does not parse."""
    entries = _read(po_path, ctx)
    if entries.error is not None:
        yield report(Span.point(entries.error.line), entries.error.message)


@rule("CL610")
def plural_forms(po_path, ctx, report) -> Iterator[Finding]:
    """A missing Plural-Forms header, or one that does not suit the catalog's language."""
    entries = _read(po_path, ctx)
    if entries.po is None:
        return
    header = entries.po.header or ""
    match = re.search(r'^"Plural-Forms:\s*([^"\\]*)', header, re.MULTILINE)
    line = header.count("\n", 0, match.start()) + 1 if match else 1
    from courselint.i18n import catalog as catalogs

    expected = catalogs.plural_forms(entries.locale)
    if match is None:
        yield report(Span.point(1), _("en-tête Plural-Forms absent : ajoutez « Plural-Forms: {expected} »").format(expected=expected))
        return
    written = " ".join(match.group(1).split())
    if _plural_key(written) != _plural_key(expected) and entries.locale in catalogs.PLURAL_FORMS:
        yield report(
            Span.point(line),
            _("Plural-Forms « {written} » ne convient pas à « {locale} » : attendu « {expected} »").format(
                written=written, locale=entries.locale, expected=expected
            ),
            fixes=_plural_forms_fix(entries, line, match, expected),
        )


def _plural_key(value: str) -> str:
    return re.sub(r"[\s;]", "", value)




def _plural_forms_fix(entries, line: int, match: re.Match, expected: str) -> tuple[Fix, ...]:
    """Write the expected rule over the header's value (safe: one rule per language)."""
    header_line = entries.po.header.split("\n")[line - 1]
    text = entries.po.text.split("\n")
    if line > len(text) or text[line - 1] != header_line:
        return ()  # the header does not start the file (a BOM, comments moved): no blind edit
    start = header_line.index(":", header_line.index("Plural-Forms")) + 1
    value = match.group(1)
    stop = header_line.index(value, start) + len(value) if value else start
    edit = Edit(Span(line, start + 1, line, stop + 1), " " + expected)
    return (Fix(_("écrire « Plural-Forms: {expected} »").format(expected=expected), (edit,), safe=True),)


# --------------------------------------------------------------------------- CL613 / CL615 the lesson


@rule("CL613")
def stale_page(po_path, ctx, report) -> Iterator[Finding]:
    """A translated page that ``build`` would now write otherwise (or not at all)."""
    from courselint.i18n import catalog as catalogs
    from courselint.i18n.render import stale_page_problem

    lesson, locale = catalogs.lesson_of_catalog(Path(po_path), ctx.config)
    if lesson is None or locale is None:
        return
    problem = stale_page_problem(lesson, ctx.config, locale, Path(po_path))
    if problem:
        yield report(Span.point(1), problem)


@rule("CL615")
def orphan_catalog(po_path, ctx, report) -> Iterator[Finding]:
    """A catalog whose lesson no configured content folder holds any more."""
    from courselint.i18n import catalog as catalogs

    lesson, locale = catalogs.lesson_of_catalog(Path(po_path), ctx.config)
    if lesson is None and locale is not None:
        yield report(Span.point(1), catalogs.orphan_message(Path(po_path), ctx.config))
