"""``courselint extract``: lesson -> template (``.pot``) -> merged translations (``.po``).

Idempotent by construction: a catalog is written only when its text changes,
and the template's ``POT-Creation-Date`` moves only when its entries do, so a
second run writes nothing and a pre-commit hook fails only on real changes.

Lessons move: a lesson with no catalog yet takes over the translations of an
orphan catalog (one whose lesson is gone) that holds most of its texts, so a
``git mv`` keeps the work.  Orphans are reported (CL615) and removed only with
``--prune``.  Translation memory: an entry left untranslated gets the
translation of the same text from the locale's other catalogs, marked fuzzy and
``# courselint: memory`` so that no policy publishes it before a review.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from courselint import codes
from courselint.document import UNREADABLE_CODES, is_generated_translation, parse
from courselint.fileio import ABSENT, ChangedMeanwhile, read_regular
from courselint.findings import Finding, Span
from courselint.i18n import catalog as catalogs
from courselint.i18n.units import lesson_units
from courselint.messages import _


def read_lesson(path: Path, config):
    """Parse a lesson with the configured translatable front matter keys."""
    keys = tuple(config.section("i18n")["keys"])
    return parse(
        str(path), read_regular(path, config.root), text_keys=keys, shortcodes=config.shortcodes, raw_html=config.raw_html
    )


def source_lessons(lessons, config, locales, findings: list[Finding]):
    """Yield ``(path, lesson)`` for each French source lesson.

    Generated translations are skipped; a lesson that cannot be read or parsed
    adds its findings to ``findings`` and is left out.
    """
    every_locale = set(config["locales"]) | set(locales)
    for path in map(Path, lessons):
        if is_generated_translation(path, every_locale):
            continue
        if not str(path).isprintable() or _undecodable(path):
            # Its name goes into the catalogs (UTF-8 text) and the page names.
            message = _("nom de fichier qui n'est pas en UTF-8 ou contient des caractères de contrôle : renommez-le")
            findings.append(finding_at("CL002", path, 1, message))
            continue
        try:
            lesson = read_lesson(path, config)
        except OSError as exc:
            findings.append(finding_at("CL001", path, 1, _("leçon illisible ({reason})").format(reason=exc.strerror)))
            continue
        unreadable = [f for f in lesson.problems if f.code in UNREADABLE_CODES]
        if unreadable or (not lesson.text and lesson.problems):
            # A front matter that cannot be read has no keys to extract or keep: leave
            # the catalogs and the translated lessons as they are until it is fixed.
            findings.extend(lesson.problems)
            continue
        if "\x04" in lesson.text:
            # gettext's context separator: GNU msgfmt refuses a catalog whose strings hold it.
            line = lesson.text.count("\n", 0, lesson.text.index("\x04")) + 1
            message = _("caractère de contrôle U+0004 : un catalogue gettext ne peut pas le contenir ; retirez-le de la leçon")
            findings.append(finding_at("CL701", path, line, message))
            continue
        yield path, lesson


def _undecodable(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def template_catalog(lesson, path: Path, config) -> Catalog:
    """The Babel template catalog of one parsed lesson."""
    params = config.shortcodes
    reference = catalogs.reference_path(path, config)
    template = Catalog(fuzzy=True)
    # Occurrences of one text are gathered here, then added once: Babel merges a
    # repeated add by rebuilding the whole location list, quadratic in the
    # repeats (a table of 50,000 identical cells ran past a minute).
    gathered: dict = {}
    for unit in lesson_units(lesson, params):
        key = (unit.msgid, unit.context)
        if key not in gathered:
            gathered[key] = ({}, {})
        locations, comments = gathered[key]
        locations[(reference, unit.line)] = None
        comments.update(dict.fromkeys(unit.comments))
    for (msgid, context), (locations, comments) in gathered.items():
        template.add(msgid, locations=list(locations), auto_comments=list(comments), context=context)
    for message in template:
        message.flags -= catalogs.FORMAT_FLAGS
    return template


def extract(
    lessons: list[Path],
    config,
    locales: list[str],
    *,
    prune: bool = False,
    memory: bool | None = None,
    removed: list[Path] | None = None,
) -> tuple[list[Path], list[Finding]]:
    """Write each lesson's template and merge it into each locale's catalog.

    ``locales`` are the catalogs to merge: the caller passes none when the
    translation platform merges (``i18n.merge = false``).  Returns the files written
    and the findings (unreadable lessons, catalogs that do not parse — those are
    left untouched — and orphan catalogs).  ``prune`` deletes the orphans (listed
    in ``removed``); ``memory`` (default ``i18n.memory``) fills from other catalogs.
    """
    written: list[Path] = []
    findings: list[Finding] = []
    use_memory = config.section("i18n")["memory"] if memory is None else memory
    every_locale = sorted(set(config["locales"]) | set(locales))
    with catalogs.locked(catalogs.locales_dir(config)):
        orphans = Orphans(config, every_locale)
        memories = {locale: Memory(config, locale) for locale in locales} if use_memory else {}
        for path, lesson in source_lessons(lessons, config, locales, findings):
            template = template_catalog(lesson, path, config)
            date = _write_template(path, config, template, written)
            for locale in locales:
                _merge_locale(path, config, template, date, locale, written, findings, orphans, memories.get(locale))
        findings.extend(orphans.report(prune, removed if removed is not None else []))
    return written, findings


class Orphans:
    """The catalogs whose lesson is gone, and which new catalog took their translations."""

    def __init__(self, config, locales: list[str]) -> None:
        self.config = config
        self.paths = [p for p in catalogs.catalogs_of(config, locales) if catalogs.lesson_of_catalog(p, config)[0] is None]
        self.carried: dict[Path, Path] = {}
        self._read: dict[Path, Catalog | None] = {}

    def _catalog(self, path: Path) -> Catalog | None:
        if path not in self._read:
            try:
                self._read[path] = catalogs.read_catalog(path).catalog
            except catalogs.CatalogError:
                self._read[path] = None  # left alone; `check` reports it (CL609)
        return self._read[path]

    def best(self, template: Catalog, locale: str) -> tuple[Path, Catalog] | None:
        """The orphan ``.po`` of ``locale`` holding most of the template's texts (at least half)."""
        wanted = {catalogs.key_of(m) for m in template if m.id}
        best, best_score = None, 0.5
        for path in self.paths:
            if path.suffix != ".po" or catalogs.lesson_of_catalog(path, self.config)[1] != locale:
                continue
            catalog = self._catalog(path)
            if catalog is None or not wanted:
                continue
            have = {catalogs.key_of(m) for m in catalog if m.id and m.string}
            score = len(wanted & have) / len(wanted)
            if score >= best_score:
                best, best_score = (path, catalog), score
        return best

    def report(self, prune: bool, removed: list[Path]) -> list[Finding]:
        findings = []
        for path in self.paths:
            if prune:
                path.unlink(missing_ok=True)
                removed.append(path)
            elif path.suffix == ".po":
                message = catalogs.orphan_message(path, self.config)
                if path in self.carried:
                    message += _(" (traductions reprises dans {catalog})").format(catalog=self.carried[path].name)
                findings.append(finding_at("CL615", path, 1, message))
        return findings


class Memory:
    """``(msgid, msgctxt) -> msgstr`` of the reviewed translations of a locale's catalogs."""

    def __init__(self, config, locale: str) -> None:
        self.table: dict = {}
        folder = catalogs.locales_dir(config) / locale
        for path in sorted(folder.rglob("*.po")) if folder.is_dir() else ():
            try:
                catalog = catalogs.read_catalog(path).catalog
            except catalogs.CatalogError:
                continue
            for message in catalog:
                if message.id and isinstance(message.string, str) and message.string and not message.fuzzy:
                    self.table.setdefault((message.id, message.context), message.string)

    def fill(self, catalog: Catalog) -> None:
        for message in catalog:
            if not message.id or message.string:
                continue
            found = self.table.get((message.id, message.context))
            if found:
                message.string = found
                message.flags.add("fuzzy")
                message.user_comments = [*message.user_comments, catalogs.MEMORY_MARK]


def _write_template(path: Path, config, template: Catalog, written: list[Path]) -> str:
    """Write the ``.pot`` if its entries changed; return its creation date."""
    width = config.section("i18n")["width"]
    target = catalogs.template_path(path, config)
    title = catalogs.lesson_key(path, config)
    old_date = None
    try:
        old_text = read_regular(target).decode("utf-8", errors="replace")
        old_date = catalogs.creation_date_of(catalogs.header_text(old_text))
    except OSError:
        old_text = None  # no template yet (a broken one is ours to regenerate)
    if old_date is not None:
        header = catalogs.new_header(title=title, locale=None, creation_date=old_date, template=True)
        if old_text == catalogs.render_po(template, header, width):
            return old_date
    date = catalogs.now_header_date()
    header = catalogs.new_header(title=title, locale=None, creation_date=date, template=True)
    if catalogs.write_if_changed(target, catalogs.render_po(template, header, width)):
        written.append(target)
    return date


#: Merges tried when a translator keeps saving the catalog during ``extract``.
MERGE_ATTEMPTS = 5


def _merge_locale(path, config, template, date, locale, written, findings, orphans=None, memory=None) -> None:
    """Merge the template into the locale's catalog; never over a save made meanwhile."""
    for _attempt in range(MERGE_ATTEMPTS):
        try:
            _merge_locale_once(path, config, template, date, locale, written, findings, orphans, memory)
            return
        except ChangedMeanwhile:
            continue  # the translator saved while we merged: merge their new file
    target = catalogs.po_path(path, config, locale)
    message = _(
        "catalogue modifié {count} fois pendant la fusion : laissé tel quel,"
        " relancez courselint extract une fois les modifications enregistrées"
    ).format(count=MERGE_ATTEMPTS)
    findings.append(finding_at("CL609", target, 1, message))


def _merge_locale_once(path, config, template, date, locale, written, findings, orphans=None, memory=None) -> None:
    width = config.section("i18n")["width"]
    target = catalogs.po_path(path, config, locale)
    if not target.exists():
        header = catalogs.new_header(
            title=catalogs.lesson_key(path, config), locale=locale, creation_date=date, template=False
        )
        moved = orphans.best(template, locale) if orphans is not None else None
        if moved is not None:
            # The lesson was renamed or moved: its old catalog carries the translations.
            old_path, po = moved
            catalogs.merge(po, template)
            orphans.carried[old_path] = target
        else:
            po = Catalog(locale=None, fuzzy=False)
            po.update(template, no_fuzzy_matching=True)
        if memory is not None:
            memory.fill(po)
        # A file a translator creates meanwhile is theirs (then merged on the next attempt).
        if catalogs.write_if_changed(target, catalogs.render_po(po, header, width), expected=ABSENT):
            written.append(target)
        return
    try:
        existing = catalogs.read_catalog(target, width)
    except catalogs.CatalogError as exc:
        findings.append(
            finding_at("CL609", target, exc.line, _("{problem} : fichier laissé tel quel, corrigez-le").format(problem=exc.message))
        )
        return
    width = existing.width
    header = existing.header or catalogs.new_header(
        title=catalogs.lesson_key(path, config), locale=locale, creation_date=date, template=False
    )
    # The entries as the file writes them (another tool may wrap them otherwise), read
    # before the merge changes the catalog in place.
    layout = catalogs.entry_layout(existing.catalog, existing.text, width)
    merged = existing.catalog
    catalogs.merge(merged, template)
    if memory is not None:
        memory.fill(merged)
    dated = catalogs.with_creation_date(header, date)
    after = catalogs.render_po(merged, dated, width, layout)
    if after == existing.text:
        return
    if existing.header is not None:
        # Same entries, only another tool's layout (wrapping, reference lines) where
        # the layout above could not keep it? Leave it alone.
        before = catalogs.parse_catalog(target, existing.text, width).catalog
        if catalogs.render_po(before, header, width) == catalogs.render_po(merged, dated, width):
            return
    if catalogs.write_if_changed(target, after, expected=existing.data):
        written.append(target)


def finding_at(code: str, path: Path, line: int, message: str) -> Finding:
    """A finding of catalog code ``code`` at the start of a line of ``path``."""
    return codes.finding(code, str(path), Span.point(line), message)
