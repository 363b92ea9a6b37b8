"""``courselint build``: splice translations into the source, verify, write ``lesson.LANG.md``.

We never regenerate Markdown: each unit's text is replaced in the source as
written, so everything else (front matter, separators, indentation, no-break
spaces, hard-break spaces, shortcodes, line ends, BOM) is the source's own
bytes.  A translation with more lines than its source repeats the unit's last
line separator (hard-break spaces, line end, ``> `` prefix or list
indentation); with fewer lines, it uses the first ones.

Before writing, the translated lesson is parsed again and its structure
compared with the source's (:mod:`courselint.i18n.verify`); a difference
refuses the lesson with a finding that names the guilty entry.  The entry
checks of :mod:`courselint.i18n.checks` that are errors refuse it too, with the
translator comments (``# courselint: ignore=CODE``) honoured as ``check`` does.

Publishing policy (README, "Translating"):

- fuzzy entries (``i18n.fuzzy``): ``"previous"`` (default) publishes the previous
  translation of an entry whose source changed, ``"source"`` leaves the French;
  either way ``build`` reports them (CL614).  An entry filled from the translation
  memory is never published before a translator reviews it.
- below ``i18n.min_translated`` nothing is written (CL611); an existing page that
  the catalog would no longer produce is left in place but reported as an error
  (CL613): Hugo would serve it.
- an existing page whose translations the catalog does not hold at all (a lost
  catalog, a wrong project root) is never overwritten (CL613).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from babel.messages.catalog import Catalog

from courselint.codes import CODES
from courselint.document import is_generated_translation, parse
from courselint.fileio import read_regular, resolved, write_bytes_if_changed
from courselint.findings import Finding, Severity
from courselint.i18n import catalog as catalogs
from courselint.i18n import checks, links, verify
from courselint.i18n.extract import finding_at, source_lessons
from courselint.i18n.units import Unit, lesson_units
from courselint.messages import _, agree

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class Substitution:
    unit: Unit
    msgstr: str
    po_line: int  # line of the entry in the .po (0 if none)
    comments: tuple[str, ...] = ()  # translator comments (``courselint: ignore=…``)


@dataclass(slots=True)
class Entry:
    msgstr: str
    line: int
    comments: tuple[str, ...]


# --------------------------------------------------------------------------- lookup


def translations(catalog: Catalog, fuzzy: str = "source") -> tuple[dict, list[int]]:
    """``(msgid, context) -> Entry`` of the entries to publish, and the lines of fuzzy entries.

    ``fuzzy = "previous"`` publishes a fuzzy entry's translation, except one the
    translation memory filled (never published unreviewed).
    """
    table = {}
    fuzzy_lines = []
    for message in catalog:
        if not message.id or isinstance(message.id, (list, tuple)):
            continue
        if not message.string:
            continue
        if message.fuzzy:
            fuzzy_lines.append(message.lineno or 1)
            if fuzzy != "previous" or catalogs.from_memory(message):
                continue
        entry = Entry(message.string, message.lineno or 0, tuple(message.user_comments))
        table[(message.id, message.context)] = entry
    return table, fuzzy_lines


def substitutions(units: list[Unit], table: dict) -> tuple[list[Substitution], int]:
    """The units that get a translation, and how many units are translated at all."""
    subs = []
    translated = 0
    for unit in units:
        found = table.get((unit.msgid, unit.context))
        if found is None:
            continue
        translated += 1
        if found.msgstr != unit.msgid:
            subs.append(Substitution(unit, found.msgstr, found.line, found.comments))
    return subs, translated


# --------------------------------------------------------------------------- splicing


class _SourceMap:
    """Offsets of ``lesson.text`` (``\\n`` line ends) -> offsets of ``lesson.source`` (as read)."""

    def __init__(self, lesson) -> None:
        self.lesson = lesson
        self.starts = [0]
        self.ends: list[str] = []
        for match in _LINE_END.finditer(lesson.source):
            self.starts.append(match.end())
            self.ends.append(match.group())

    def offset(self, text_offset: int) -> int:
        position = self.lesson.index.position(text_offset)
        return self.starts[position.line - 1] + position.column - 1

    def line_end(self, text_offset: int) -> str:
        line = self.lesson.index.position(text_offset).line
        if line - 1 < len(self.ends):
            return self.ends[line - 1]
        return self.ends[-1] if self.ends else "\n"

    def line_start(self, text_offset: int) -> int:
        return self.starts[self.lesson.index.position(text_offset).line - 1]


def splice(lesson, subs: list[Substitution]) -> str:
    """The lesson's source (without BOM) with each substitution's text put in place."""
    source = lesson.source
    where = _SourceMap(lesson)
    out = []
    last = 0
    for sub in sorted(subs, key=lambda s: s.unit.segments[0][0]):
        spans = [(where.offset(s), where.offset(e)) for s, e in sub.unit.segments]
        start, end = spans[0][0], spans[-1][1]
        if start < last:
            continue  # overlapping units cannot happen; never write over text twice
        out.append(source[last:start])
        out.append(_replacement(sub, spans, source, where))
        last = end
    out.append(source[last:])
    return "".join(out)


def _replacement(sub: Substitution, spans, source: str, where: _SourceMap) -> str:
    unit, text = sub.unit, sub.msgstr
    if unit.kind in ("front_matter_value", "shortcode_param") and text == unit.msgid:
        return source[spans[0][0] : spans[-1][1]]  # the value as written (quotes, escapes)
    if unit.kind == "front_matter_value" and unit.quote in (">", "|"):
        # A block scalar: the translation's lines at the indentation of the source's.
        start = spans[0][0]
        indent = source[source.rfind("\n", 0, start) + 1 : start]
        lines = text.split("\n") if unit.quote == "|" else [" ".join(text.split("\n"))]
        lines = [line.strip(" \t") for line in lines]
        return "\n".join([lines[0], *((indent + line) if line else "" for line in lines[1:])])
    if unit.kind == "front_matter_value" and unit.syntax in ("toml", "json"):
        return json.dumps(text.replace("\n", " "), ensure_ascii=False)  # a TOML basic string too
    if unit.kind == "front_matter_value":
        return yaml_scalar(text.replace("\n", " "), unit.quote)
    if unit.kind == "shortcode_param":
        return _escape_param(text.replace("\n", " "), unit.quote)
    text = text.strip("\n")
    if unit.single_line and len(spans) == 1:
        return " ".join(line.strip(" \t") for line in text.split("\n"))
    lines = [line.strip(" \t") for line in text.split("\n")]
    separators = [source[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)]
    if separators:
        extra = separators[-1]
    else:
        first = unit.segments[0][0]
        prefix = source[where.line_start(first) : spans[0][0]]
        extra = where.line_end(first) + continuation_prefix(prefix)
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        out.append(separators[i] if i < len(separators) else extra)
        out.append(line)
    return "".join(out)


def continuation_prefix(prefix: str) -> str:
    """What starts a continuation line of a block whose first line starts with ``prefix``.

    Quote markers stay, list markers and tags become spaces: ``> * [E] `` -> ``>     ``.
    """
    return "".join(ch if ch in "> \t" else " " for ch in prefix)


def yaml_scalar(value: str, quote: str) -> str:
    """A YAML scalar for ``value``, in the source's quoting style when it can hold it."""
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    if quote == "" and _plain_ok(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def _plain_ok(value: str) -> bool:
    try:
        return yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def _escape_param(value: str, quote: str) -> str:
    if quote == "`":
        return value.replace("`", "'")
    return re.sub(r'(?<!\\)"', r'\\"', value)


# --------------------------------------------------------------------------- build


def output_path(lesson: Path, config, locale: str) -> Path:
    """``lesson.LANG.md`` beside the lesson, or the same path under the locale's content folder."""
    i18n = config.section("i18n")
    if i18n["layout"] == "directory":
        root = catalogs.content_root(lesson, config)
        folder = i18n["content_dirs"].get(locale)
        target_root = config.root / folder if folder else root.with_name(f"{root.name}.{locale}")
        return target_root / resolved(lesson).relative_to(root)
    return lesson.with_name(f"{lesson.stem}.{locale}{lesson.suffix}")


def build(
    lessons: list[Path], config, locales: list[str], min_translated: float | None
) -> tuple[list[Path], list[Finding]]:
    """Write the translated lessons that are translated enough and keep the source's structure.

    Two passes: every lesson is translated first, so that a link to another
    lesson can go to its translation exactly when that translation exists.
    """
    i18n = config.section("i18n")
    threshold = i18n["min_translated"] if min_translated is None else min_translated
    written: list[Path] = []
    findings: list[Finding] = []
    done = []
    for path, lesson in source_lessons(lessons, config, locales, findings):
        units = lesson_units(lesson, config.shortcodes)
        for locale in locales:
            done.append((path, lesson, locale, build_one(path, lesson, units, config, locale, threshold, final=False)))
    for locale in locales:
        mine = [(path, result) for path, _lesson, loc, result in done if loc == locale]
        produced = {path: result.text for path, result in mine if result.text is not None and not result.below}
        refused = {path for path, result in mine if path not in produced}
        pages = site_pages(config, locale, produced, refused)
        for path, lesson, loc, result in done:
            if loc != locale:
                continue
            result = settle(path, lesson, result, config, locale, pages)
            findings.extend(result.findings)
            if result.text is not None:
                target = output_path(path, config, locale)
                data = (b"\xef\xbb\xbf" if lesson.bom else b"") + result.text.encode("utf-8")
                if write_bytes_if_changed(target, data):
                    written.append(target)
    return written, findings


@dataclass
class BuildResult:
    text: str | None
    findings: list[Finding]
    percent: float = 0.0
    below: bool = False  # under i18n.min_translated: ``text`` is what it would be
    known: frozenset[str] = frozenset()  # every translation the catalog holds (words normalised)
    po: Path | None = None


def read_table(po: Path, fuzzy: str) -> tuple[dict, list[int], set[str]]:
    """The publishable entries of a catalog, its fuzzy lines, and every translation it holds.

    A missing catalog is an empty one.  Raises :class:`catalogs.CatalogError`.
    """
    if not po.exists():
        return {}, [], set()
    catalog = catalogs.read_catalog(po).catalog
    table, fuzzy_lines = translations(catalog, fuzzy)
    known = {
        _words(m.string)
        for m in (*catalog, *catalog.obsolete.values())
        if m.id and isinstance(m.string, str) and m.string
    }
    return table, fuzzy_lines, known


def build_one(
    path: Path, lesson, units, config, locale: str, threshold: float, po: Path | None = None, *, final: bool = True
) -> BuildResult:
    """Translate one lesson into one locale; ``text`` is None when it must not be written.

    ``po`` defaults to the layout's catalog for the lesson and locale.  With
    ``final`` (one lesson on its own), links are rewritten and the existing page
    compared at once (:func:`settle`); :func:`build` does it after all lessons.
    """
    po = po or catalogs.po_path(path, config, locale)
    policy = config.section("i18n")["fuzzy"]
    try:
        table, fuzzy_lines, known = read_table(po, policy)
    except catalogs.CatalogError as exc:
        return BuildResult(None, [finding_at("CL609", po, exc.line, exc.message)])
    findings = []
    if fuzzy_lines:
        kept = _("leur traduction précédente") if policy == "previous" else _("le texte source")
        findings.append(finding_at(
            "CL614", po, fuzzy_lines[0],
            agree(
                "{count} entrée floue publiée en « {locale} » avec {kept} (i18n.fuzzy) : faites-la relire",
                "{count} entrées floues publiées en « {locale} » avec {kept} (i18n.fuzzy) : faites-les relire",
                len(fuzzy_lines), locale=locale, kept=kept,
            ),
        ))
    subs, translated = substitutions(units, table)
    percent = 100.0 * translated / len(units) if units else 100.0
    # Entries unsafe to publish (script URLs, attribute blocks, invisible characters) give
    # way to the source text first: a script link also unbalances the markup, which would
    # refuse the whole lesson.  Then a structure the translations break refuses the
    # lesson (CL612); last, a link target changed without a word falls back to the source.
    subs, withheld = safe_substitutions(subs, config, locale, po, UNSAFE)
    refusal = check_structure(path, lesson, subs, config, po, locale)
    if not refusal:
        subs, unannounced = safe_substitutions(subs, config, locale, po, ("CL602",))
        withheld += unannounced
    findings.extend(withheld)
    text = None if refusal else splice(lesson, subs)
    if text is not None:
        # Before the links: the page's own URL (and every link to it) follows its url.
        french = {str(key).lower(): value for key, value in lesson.metadata.items()}
        text = links.localise_url(text, links.read_site(config), locale, french)
    if percent < threshold:
        where = po if po.exists() else path
        message = _(
            "leçon non construite en « {locale} » : {percent:.0f} % des textes traduits,"
            " moins que le minimum de {threshold:g} % (i18n.min_translated)"
        ).format(locale=locale, percent=percent, threshold=threshold)
        findings.append(finding_at("CL611", where, 1, message))
        result = BuildResult(text, findings, percent, below=True, known=frozenset(known), po=po)
    elif refusal:
        return BuildResult(None, findings + refusal, percent)
    else:
        result = BuildResult(text, findings, percent, known=frozenset(known), po=po)
    if not final:
        return result
    produced = {path: text} if text is not None and not result.below else {}
    return settle(path, lesson, result, config, locale, site_pages(config, locale, produced, {path} - set(produced)))


def settle(path: Path, lesson, result: BuildResult, config, locale: str, pages) -> BuildResult:
    """Links made right for the translated page's URL; the existing page compared with it.

    Below the threshold nothing is written, and an existing page that differs is
    reported (CL613: Hugo serves it).  A page whose translations the catalog has
    none of is never overwritten (CL613).
    """
    if result.po is None:  # unreadable catalog or refused structure: already reported
        return result
    text = result.text
    if text is not None:
        text = publish_links(path, text, config, locale, pages)
    target = output_path(path, config, locale)
    existing = _existing_page(target)
    findings = list(result.findings)
    if result.below:
        if existing is not None and existing != text:
            findings.append(finding_at(
                "CL613", target, 1,
                _(
                    "page traduite périmée : elle ne correspond plus à sa source ni à son catalogue"
                    " et Hugo la publie ; traduisez la leçon, baissez i18n.min_translated ou supprimez {page}"
                ).format(page=target.name),
            ))
        return BuildResult(None, findings, result.percent)
    if existing is not None and existing != text and _would_lose(existing, lesson, set(result.known), config):
        findings.append(finding_at(
            "CL613", target, 1,
            _(
                "page traduite gardée telle quelle : le catalogue {catalog} n'a aucune de ses traductions"
                " (catalogue perdu ou dossier du projet erroné ?) ; supprimez la page pour la reconstruire"
            ).format(catalog=result.po.name),
        ))
        return BuildResult(None, findings, result.percent)
    return BuildResult(text, findings, result.percent)


def site_pages(config, locale: str, produced: dict[Path, str], refused: set[Path]) -> links.Pages:
    """The French pages of the configured content folders, and those that have a ``locale`` page.

    A page has a translation when this build writes it (``produced``: its text, whose
    front matter may give it its own URL), or when it is on disk and this build does
    not refuse it.
    """
    site = links.read_site(config)
    every_locale = set(config["locales"]) | {locale}
    produced = {p.resolve(): text for p, text in produced.items()}
    refused = {p.resolve() for p in refused}
    pages = links.Pages(site, {}, set(), static=tuple(config.root / folder for folder in site.static_dirs))
    found: list[tuple[Path, PurePosixPath]] = []
    for entry in config["paths"]:
        root = (config.root / entry).resolve()
        if not root.is_dir():
            continue
        for source in root.rglob("*.md"):
            if not is_generated_translation(source, every_locale):
                found.append((source, PurePosixPath(source.relative_to(root).as_posix())))
    pages.sections = frozenset(str(relative.parent) for _source, relative in found if relative.stem == "_index")
    for source, relative in found:
        # Front matter decides URLs (url, slug, and title or date through permalinks).
        pages.french[relative] = links.metadata(_read_text(source) or "")
    for source, relative in found:
        url = pages.url(relative, site.source_language)
        if url is not None:
            pages.by_url[url] = relative
        if source in produced:
            text = produced[source]
        elif source not in refused and output_path(source, config, locale).exists():
            text = _read_text(output_path(source, config, locale))
        else:
            continue
        # A page we cannot read is still published by Hugo: its URL from the French front matter.
        meta = pages.french[relative] if text is None else links.metadata(text)
        pages.translated.add(relative)
        pages.urls[relative] = links.page_url(relative, site, locale, meta, pages.sections)
    return pages


def _read_text(path: Path) -> str | None:
    """A page's text, or None: only a regular file of sane size is read (a FIFO or a
    link to a device among the pages would hang ``build`` or fill the memory)."""
    try:
        return read_regular(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def publish_links(path: Path, text: str, config, locale: str, pages: links.Pages) -> str:
    """The translated text with its link targets rewritten for its URL (code left alone)."""
    relative = PurePosixPath(path.resolve().relative_to(catalogs.content_root(path, config)).as_posix())
    parsed = parse(
        str(path), text, text_keys=tuple(config.section("i18n")["keys"]), shortcodes=config.shortcodes,
        raw_html=config.raw_html,
    )
    code_lines: set[int] = set()
    for token in parsed.tokens:
        if token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return links.rewrite(text, relative, locale, pages, code_lines)


def stale_page_problem(path: Path, config, locale: str, po: Path) -> str | None:
    """Why the translated page of ``path`` is not what ``build`` would write now, or None.

    ``check`` reports it (CL613) so that CI catches a forgotten ``build``.  No page,
    or a lesson that cannot be read (other findings say so): nothing to say.
    """
    target = output_path(path, config, locale)
    existing = _existing_page(target)
    if existing is None:
        return None
    found: list[Finding] = []
    lessons = list(source_lessons([path], config, [locale], found))
    if not lessons:
        return None
    _path, lesson = lessons[0]
    units = lesson_units(lesson, config.shortcodes)
    threshold = config.section("i18n")["min_translated"]
    result = build_one(path, lesson, units, config, locale, threshold, po, final=False)
    pages = _cached_pages(config, locale)
    result = settle(path, lesson, result, config, locale, pages)
    stale = [f.message for f in result.findings if f.code == "CL613"]
    if stale:
        return stale[0]
    if result.text is not None and result.text != existing:
        return _("{page} ne correspond plus à son catalogue ni à sa source : lancez `courselint build`").format(
            page=target.name
        )
    return None


_PAGES: dict = {}


def _cached_pages(config, locale: str) -> links.Pages:
    # `check` asks once per catalog: walk the content folders once per run and locale.
    key = (str(config.root), config.fingerprint(), locale)
    if key not in _PAGES:
        _PAGES[key] = site_pages(config, locale, {}, set())
    return _PAGES[key]


def _existing_page(target: Path) -> str | None:
    try:
        data = read_regular(target)
    except OSError:
        return None
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


_TARGET = re.compile(r"\]\([^)]*\)|\b(?:src|href)\s*=\s*(?:\"[^\"]*\"|'[^']*')", re.IGNORECASE)


def _words(text: str) -> str:
    """A text compared for what a translator wrote: spaces normalised, link targets left out.

    ``build`` rewrites relative targets in the page it writes, so a page's text
    differs from its msgid there without any translation.
    """
    return " ".join(_TARGET.sub("]()", text).split())


def _would_lose(existing: str, lesson, known: set[str], config) -> bool:
    """Whether the page holds translations and the catalog none of them.

    Rewriting such a page would replace a translator's work with French.  Edits
    of single entries (a better translation, a changed source) keep others in
    common, so they are never blocked.
    """
    i18n = config.section("i18n")
    params = config.shortcodes
    page = parse(str(lesson.path), existing, text_keys=tuple(i18n["keys"]), shortcodes=params, raw_html=lesson.raw_html)
    source = {_words(u.msgid) for u in lesson_units(lesson, params)}
    translated = {_words(u.msgid) for u in lesson_units(page, params)} - source
    return bool(translated) and not (translated & known)


#: The entry checks that refuse a lesson: the error ones (the warnings are for ``check``).
#: Checks of an entry whose failure keeps the source text in its place (the rest
#: of the lesson is published).  CL605 and CL606 hold whatever a translator
#: comment says (they are not silenceable); a changed link target (CL602) is
#: published only if the translator said it is meant (``ignore=CL602``): a
#: reader follows a link on the author's word, not on a catalog's.
WITHHELD = ("CL605", "CL606", "CL602")
UNSAFE = ("CL605", "CL606")

#: The entry checks that refuse a lesson: the error ones (the warnings are for ``check``),
#: but for those whose entry falls back to the source instead.
BLOCKING = frozenset(
    code for code in checks.ENTRY_CHECKS if CODES[code].severity is Severity.ERROR and code not in WITHHELD
)


def safe_substitutions(subs, config, locale: str, po: Path, codes=WITHHELD):
    """``(subs that may be published, findings for the ones ``codes`` withhold)``."""
    i18n = config.section("i18n")
    context = checks.EntryContext(i18n["source_locale"], locale, config.shortcodes)
    kept, findings = [], []
    for sub in subs:
        found = list(checks.problems(sub.unit.msgid, sub.msgstr, sub.comments, context, codes=codes))
        if not found:
            kept.append(sub)
            continue
        for code, message in found:
            findings.append(finding_at(code, po, sub.po_line or 1, _("{problem} — texte source publié à la place").format(problem=message)))
    return kept, findings


def check_structure(path: Path, lesson, subs: list[Substitution], config, po: Path, locale: str = "en") -> list[Finding]:
    """Findings (CL612) naming the entries that break the lesson's structure; [] if none."""
    i18n = config.section("i18n")
    params = config.shortcodes
    keys = tuple(i18n["keys"])
    context = checks.EntryContext(i18n["source_locale"], locale, params)
    findings = []
    for sub in subs:
        problems = [message for _code, message in checks.problems(
            sub.unit.msgid, sub.msgstr, sub.comments, context, BLOCKING
        )]
        if problems:
            findings.append(_refusal(po, sub, "; ".join(problems)))
    if findings:
        return findings
    source = verify.structure(lesson, params, keys)
    if not _differs(path, lesson, subs, source, params, keys):
        return []
    for sub in subs:  # find the entries that break it on their own
        wrong = _differs(path, lesson, [sub], source, params, keys)
        if wrong:
            findings.append(_refusal(po, sub, _("la traduction change : {parts}").format(parts=", ".join(wrong))))
    if not findings:
        wrong = _differs(path, lesson, subs, source, params, keys)
        message = _("leçon traduite refusée : sa structure diffère de la source ({parts}) ; rien n'a été écrit").format(
            parts=", ".join(wrong)
        )
        findings.append(finding_at("CL612", po, 1, message))
    return findings


def _differs(path, lesson, subs, source, params, keys) -> list[str]:
    text = splice(lesson, subs)
    translated = parse(str(path), text, text_keys=keys, shortcodes=lesson.shortcodes, raw_html=lesson.raw_html)
    # What an entry changes on purpose, and the translator said so (or CL602 warns):
    # link targets always, inline code and shortcodes where a comment silenced the check.
    allowed = {"links": Counter(), "inline code": Counter(), "shortcodes": Counter()}
    for sub in subs:
        allowed["links"].update(verify.link_targets(sub.msgstr))
        allowed["links"].subtract(verify.link_targets(sub.unit.msgid))
        if checks.ignored(sub.comments, "CL601"):
            allowed["inline code"].update(verify.inline_code(sub.msgstr))
            allowed["inline code"].subtract(verify.inline_code(sub.unit.msgid))
        if checks.ignored(sub.comments, "CL607"):
            allowed["shortcodes"].update(verify.shortcodes(sub.msgstr, params))
            allowed["shortcodes"].subtract(verify.shortcodes(sub.unit.msgid, params))
    return verify.differences(source, verify.structure(translated, params, keys), allowed)


def _refusal(po: Path, sub: Substitution, why: str) -> Finding:
    excerpt = sub.unit.msgid if len(sub.unit.msgid) <= 40 else sub.unit.msgid[:39] + "…"
    message = _("leçon traduite refusée, rien n'a été écrit : l'entrée « {excerpt} » — {why}").format(excerpt=excerpt, why=why)
    return finding_at("CL612", po, sub.po_line or 1, message)
