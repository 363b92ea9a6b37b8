"""``courselint build``: splice translations into the source, verify, write ``lesson.LANG.md``.

We never regenerate Markdown: each unit's text is replaced in the source as
written, so everything else (front matter, separators, indentation, no-break
spaces, hard-break spaces, shortcodes, line ends, BOM) is the source's own
bytes.  A translation with more lines than its source repeats the unit's last
line separator (hard-break spaces, line end, ``> `` prefix or list
indentation); with fewer lines, it uses the first ones.

Before writing, the translated lesson is parsed again and its structure
compared with the source's (:mod:`courselint.i18n.verify`); a difference
refuses the lesson with a finding that names the guilty entry.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog

from courselint.document import parse
from courselint.findings import Finding
from courselint.i18n import catalog as catalogs
from courselint.i18n import verify
from courselint.i18n.checks import EntryContext, problems
from courselint.fileio import resolved, write_bytes_if_changed
from courselint.i18n.extract import finding_at, source_lessons
from courselint.i18n.units import Unit, lesson_units

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class Substitution:
    unit: Unit
    msgstr: str
    po_line: int  # line of the entry in the .po (0 if none)
    comments: tuple[str, ...] = ()  # the translator's comments (``# courselint: ignore=…``)


# --------------------------------------------------------------------------- lookup


def translations(catalog: Catalog) -> dict:
    """(msgid, context) -> (msgstr, po line) for entries that are translated and not fuzzy."""
    table = {}
    for message in catalog:
        if not message.id or isinstance(message.id, (list, tuple)):
            continue
        if not message.string or message.fuzzy:
            continue
        table[(message.id, message.context)] = (message.string, message.lineno or 0, tuple(message.user_comments))
    return table


def substitutions(units: list[Unit], table: dict) -> tuple[list[Substitution], int]:
    """The units that get a translation, and how many units are translated at all."""
    subs = []
    translated = 0
    for unit in units:
        found = table.get((unit.msgid, unit.context))
        if found is None:
            continue
        translated += 1
        msgstr, line, comments = found
        if msgstr != unit.msgid:
            subs.append(Substitution(unit, msgstr, line, comments))
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
    if unit.kind == "front_matter_value" and unit.syntax == "toml":
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
    """Write the translated lessons that are translated enough and keep the source's structure."""
    i18n = config.section("i18n")
    threshold = i18n["min_translated"] if min_translated is None else min_translated
    written: list[Path] = []
    findings: list[Finding] = []
    for path, lesson in source_lessons(lessons, config, locales, findings):
        units = lesson_units(lesson, tuple(i18n["shortcode_params"]))
        for locale in locales:
            result = build_one(path, lesson, units, config, locale, threshold)
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


def build_one(
    path: Path, lesson, units, config, locale: str, threshold: float, po: Path | None = None
) -> BuildResult:
    """Translate one lesson into one locale; ``text`` is None when it must not be written.

    ``po`` defaults to the layout's catalog for the lesson and locale.
    """
    po = po or catalogs.po_path(path, config, locale)
    if not po.exists():
        table = {}
    else:
        try:
            table = translations(catalogs.read_catalog(po).catalog)
        except catalogs.CatalogError as exc:
            return BuildResult(None, [finding_at("CL609", po, exc.line, exc.message)])
    subs, translated = substitutions(units, table)
    percent = 100.0 * translated / len(units) if units else 100.0
    if percent < threshold:
        where = po if po.exists() else path
        message = (
            f"leçon non construite en « {locale} » : {percent:.0f} % des textes traduits,"
            f" moins que le minimum de {threshold:g} % (i18n.min_translated)"
        )
        return BuildResult(None, [finding_at("CL611", where, 1, message)], percent)
    # A structure the translation breaks refuses the whole lesson first; then the
    # entries that must not be published give way to the source text (taking an
    # entry back to its source never changes the structure).
    refusal = check_structure(path, lesson, subs, config, po)
    if refusal:
        return BuildResult(None, refusal, percent)
    subs, withheld = safe_substitutions(subs, config, locale, po)
    return BuildResult(splice(lesson, subs), withheld, percent)


#: Checks of an entry whose failure keeps the source text in its place (the rest
#: of the lesson is published).  CL605 and CL606 hold whatever a translator
#: comment says (they are not silenceable); a changed link target (CL602) is
#: published only if the translator said it is meant (``ignore=CL602``): a
#: reader follows a link on the author's word, not on a catalog's.
WITHHELD = ("CL605", "CL606", "CL602")


def safe_substitutions(subs, config, locale: str, po: Path):
    """``(subs that may be published, findings for the ones withheld)``."""
    i18n = config.section("i18n")
    context = EntryContext(i18n["source_locale"], locale, tuple(i18n["shortcode_params"]))
    kept, findings = [], []
    for sub in subs:
        found = list(problems(sub.unit.msgid, sub.msgstr, sub.comments, context, codes=WITHHELD))
        if not found:
            kept.append(sub)
            continue
        for code, message in found:
            findings.append(finding_at(code, po, sub.po_line or 1, f"{message} — texte source publié à la place"))
    return kept, findings


def check_structure(path: Path, lesson, subs: list[Substitution], config, po: Path) -> list[Finding]:
    """Findings (CL612) naming the entries that break the lesson's structure; [] if none."""
    i18n = config.section("i18n")
    params = tuple(i18n["shortcode_params"])
    keys = tuple(i18n["keys"])
    findings = []
    for sub in subs:
        problems = verify.entry_problems(sub.unit.msgid, sub.msgstr, params)
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
            findings.append(_refusal(po, sub, "la traduction change la " + ", ".join(wrong)))
    if not findings:
        wrong = _differs(path, lesson, subs, source, params, keys)
        message = (
            "leçon traduite refusée : sa structure diffère de la source ("
            + ", ".join(wrong)
            + ") ; rien n'a été écrit"
        )
        findings.append(finding_at("CL612", po, 1, message))
    return findings


def _differs(path, lesson, subs, source, params, keys) -> list[str]:
    text = splice(lesson, subs)
    translated = parse(str(path), text, text_keys=keys)
    changes: Counter = Counter()
    for sub in subs:
        changes.update(verify.link_targets(sub.msgstr))
        changes.subtract(verify.link_targets(sub.unit.msgid))
    return verify.differences(source, verify.structure(translated, params, keys), changes)


def _refusal(po: Path, sub: Substitution, why: str) -> Finding:
    excerpt = sub.unit.msgid if len(sub.unit.msgid) <= 40 else sub.unit.msgid[:39] + "…"
    message = f"leçon traduite refusée, rien n'a été écrit : l'entrée « {excerpt} » — {why}"
    return finding_at("CL612", po, sub.po_line or 1, message)
