"""CL6xx: translation catalogs (``.po``) and the translated strings in them.

Catalog rules run once per ``.po`` file and report at the line of the entry
(its ``msgctxt`` or ``msgid`` line).  Only translated, non-fuzzy entries are
checked: a fuzzy entry is not used by ``build`` until a translator confirms it.
A translator silences one check on one entry with a translator comment, which
Poedit and Weblate let them edit::

    # courselint: ignore=CL602
    msgid "…"

(several codes separated by commas; code prefixes work).

CL611 and CL612 are not catalog checks: ``courselint build`` returns them when
it refuses to write a translated lesson.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from courselint.findings import Finding, Severity
from courselint.i18n import verify
from courselint.rules.base import make_finding, rule
from courselint.segments import mask

_IGNORE = re.compile(r"courselint:\s*ignore\s*=\s*(?P<codes>[A-Za-z0-9_.,\s-]+)")


# --------------------------------------------------------------------------- shared reading


class _Entries:
    """A parsed catalog and its checkable entries, read once per process and file version."""

    def __init__(self, path: Path) -> None:
        # Babel is imported only when a catalog is checked: `courselint check` on
        # lessons alone must not pay for it (issue 7).
        from courselint.i18n import catalog as catalogs

        self.path = path
        self.error: catalogs.CatalogError | None = None
        self.po: catalogs.PoFile | None = None
        try:
            self.po = catalogs.read_catalog(path)
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
    cache = ctx.engine("translation.catalogs", dict)
    path = Path(path)
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (str(path), 0, 0)
    if key not in cache:
        cache[key] = _Entries(path)
    return cache[key]


def ignored(message, code: str) -> bool:
    for comment in message.user_comments:
        match = _IGNORE.search(comment)
        if not match:
            continue
        for part in re.split(r"[,\s]+", match.group("codes")):
            if part and code.upper().startswith(part.upper()):
                return True
    return False


def _entry_finding(code: str, path: Path, message, text: str) -> Finding:
    line = message.lineno or 1
    return make_finding(code, str(path), line, 1, line, 2, text)


def _checked(code: str, po_path, ctx):
    """(entries reader, messages to check for ``code``)."""
    entries = _read(po_path, ctx)
    return entries, [m for m in entries.entries() if not ignored(m, code)]


def _quote(items) -> str:
    return ", ".join(f"« {item} »" for item in sorted(items))


# --------------------------------------------------------------------------- CL601 inline code


@rule("CL601", "translation.inline-code", severity=Severity.ERROR, scope="catalog")
def inline_code_changed(po_path, ctx) -> Iterator[Finding]:
    """Le code en ligne de la traduction diffère de celui du texte source."""
    entries, messages = _checked("CL601", po_path, ctx)
    for message in messages:
        source, target = verify.inline_code(message.id), verify.inline_code(message.string)
        if source != target:
            missing, added = source - target, target - source
            detail = []
            if missing:
                detail.append(f"manque {_quote(missing)}")
            if added:
                detail.append(f"en trop {_quote(added)}")
            yield _entry_finding(
                "CL601", entries.path, message,
                "le code en ligne doit rester identique à la source : " + " ; ".join(detail),
            )


# --------------------------------------------------------------------------- CL602 link targets


@rule("CL602", "translation.link-target", severity=Severity.WARNING, scope="catalog")
def link_target_changed(po_path, ctx) -> Iterator[Finding]:
    """Une cible de lien ou d'image de la traduction diffère de la source."""
    entries, messages = _checked("CL602", po_path, ctx)
    for message in messages:
        source, target = verify.link_targets(message.id), verify.link_targets(message.string)
        if source != target:
            yield _entry_finding(
                "CL602", entries.path, message,
                f"cible de lien modifiée : {_quote(source - target) or 'aucune'} devient"
                f" {_quote(target - source) or 'rien'} (si c'est voulu : # courselint: ignore=CL602)",
            )


# --------------------------------------------------------------------------- CL603 numbers

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[ \u00a0\u202f]\d{3}(?!\d))*(?:[.,]\d+)*")
_DECIMAL_COMMA = ("fr", "de", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "fi", "nb", "cs")


def canonical_number(written: str, locale: str) -> str:
    """``2,5`` (fr) and ``2.5`` (en) -> ``2.5``; ``1 000`` and ``1,000`` -> ``1000``."""
    text = re.sub(r"[ \u00a0\u202f]", "", written)
    decimal = "," if locale.split("_")[0].split("-")[0] in _DECIMAL_COMMA else "."
    group = "." if decimal == "," else ","
    separators = re.findall(r"[.,]", text)
    parts = re.split(r"[.,]", text)
    if not separators:
        return text.lstrip("0") or "0"
    if len(separators) == 1:
        if separators[0] == group and len(parts[1]) == 3:
            return (parts[0] + parts[1]).lstrip("0") or "0"
        return f"{int(parts[0])}.{parts[1]}"
    if all(s == group for s in separators) and all(len(p) == 3 for p in parts[1:]):
        return "".join(parts).lstrip("0") or "0"
    if all(s == group for s in separators[:-1]) and separators[-1] == decimal:
        return "".join(parts[:-1]).lstrip("0") + "." + parts[-1]
    return text  # a version number (1.2.3): compared as written


def numbers(text: str, locale: str) -> Counter:
    """Numbers of the prose of a string (code, URLs and shortcodes left out), canonical."""
    return Counter(canonical_number(m.group(), locale) for m in _NUMBER.finditer(mask(text)))


@rule("CL603", "translation.number", severity=Severity.WARNING, scope="catalog")
def number_changed(po_path, ctx) -> Iterator[Finding]:
    """Un nombre ou une année de la traduction diffère de la source."""
    entries, messages = _checked("CL603", po_path, ctx)
    source_locale = ctx.config.section("i18n")["source_locale"]
    for message in messages:
        source = numbers(message.id, source_locale)
        target = numbers(message.string, entries.locale)
        if source != target:
            missing, added = source - target, target - source
            detail = []
            if missing:
                detail.append(f"manque {_quote(missing)}")
            if added:
                detail.append(f"en trop {_quote(added)}")
            yield _entry_finding(
                "CL603", entries.path, message, "nombres différents de la source : " + " ; ".join(detail)
            )


# --------------------------------------------------------------------------- CL604 markup balance

_DELIMITERS = ("**", "__", "~~", "*", "_", "`", "[", "]")


def leftover_markup(text: str) -> Counter:
    """Markup delimiters that the Markdown parser left as plain text (unbalanced)."""
    out: Counter = Counter()
    for token in verify._inline_tokens(text):
        if token.type != "text":
            continue
        content = token.content
        for delimiter in _DELIMITERS:
            if delimiter == "_":
                found = len(re.findall(r"(?<![\w_])_|_(?![\w_])", content))
            elif delimiter == "*":
                found = len(re.findall(r"(?<!\*)\*(?!\*)", content))
            else:
                found = content.count(delimiter)
            if found:
                out[delimiter] += found
    return out


@rule("CL604", "translation.markup-balance", severity=Severity.ERROR, scope="catalog")
def markup_unbalanced(po_path, ctx) -> Iterator[Finding]:
    """L'emphase ou le balisage de la traduction ne s'équilibre plus."""
    entries, messages = _checked("CL604", po_path, ctx)
    for message in messages:
        extra = leftover_markup(message.string) - leftover_markup(message.id)
        if extra:
            yield _entry_finding(
                "CL604", entries.path, message,
                f"balisage déséquilibré dans la traduction : {_quote(extra)} sans partenaire",
            )


# --------------------------------------------------------------------------- CL605 raw HTML


# markdown-it refuses such links (no link token), so read them in the text itself.
_SCRIPT_URL = re.compile(r"\]\(\s*<?\s*((?:javascript|vbscript|data)\s*:[^)\s]*)", re.IGNORECASE)


@rule("CL605", "translation.html", severity=Severity.ERROR, scope="catalog")
def html_added(po_path, ctx) -> Iterator[Finding]:
    """La traduction contient du HTML brut ou un script absent de la source."""
    entries, messages = _checked("CL605", po_path, ctx)
    for message in messages:
        added = verify.html_tags(message.string) - verify.html_tags(message.id)
        scripts = sorted(set(_SCRIPT_URL.findall(message.string)) - set(_SCRIPT_URL.findall(message.id)))
        if added or scripts:
            what = [f"<{tag}>" for tag in sorted(added)] + scripts
            yield _entry_finding(
                "CL605", entries.path, message,
                f"HTML ou script absent de la source : {', '.join(what)}",
            )


# --------------------------------------------------------------------------- CL606 invisible characters

_INVISIBLE = {
    "\u061c": "ARABIC LETTER MARK",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u2060": "WORD JOINER",
    "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR",
    "\u2064": "INVISIBLE PLUS",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "SOFT HYPHEN",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
}
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def invisible_characters(text: str) -> list[str]:
    found = []
    for ch in text:
        if ch in _BIDI or ch in _INVISIBLE:
            name = _INVISIBLE.get(ch) or unicodedata.name(ch, "?")
            found.append(f"U+{ord(ch):04X} {name}")
    return found


@rule("CL606", "translation.invisible-char", severity=Severity.ERROR, scope="catalog")
def invisible_character(po_path, ctx) -> Iterator[Finding]:
    """La traduction contient un caractère de contrôle bidirectionnel ou invisible."""
    entries, messages = _checked("CL606", po_path, ctx)
    for message in messages:
        added = Counter(invisible_characters(message.string)) - Counter(invisible_characters(message.id))
        if added:
            yield _entry_finding(
                "CL606", entries.path, message,
                "caractère invisible ou de contrôle bidirectionnel dans la traduction : "
                + ", ".join(sorted(added)),
            )


# --------------------------------------------------------------------------- CL607 shortcodes


@rule("CL607", "translation.shortcode", severity=Severity.ERROR, scope="catalog")
def shortcode_changed(po_path, ctx) -> Iterator[Finding]:
    """Un shortcode Hugo de la traduction diffère de la source."""
    entries, messages = _checked("CL607", po_path, ctx)
    params = tuple(ctx.config.section("i18n")["shortcode_params"])
    for message in messages:
        source = verify.shortcodes(message.id, params)
        target = verify.shortcodes(message.string, params)
        if source != target:
            yield _entry_finding(
                "CL607", entries.path, message,
                f"shortcode modifié : {_quote(source - target) or 'aucun'} devient"
                f" {_quote(target - source) or 'rien'}",
            )


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


@rule("CL608", "translation.english-spelling", severity=Severity.WARNING, scope="catalog")
def english_spelling(po_path, ctx) -> Iterator[Finding]:
    """Mot inconnu du dictionnaire anglais dans une traduction anglaise."""
    entries, messages = _checked("CL608", po_path, ctx)
    if not entries.locale.lower().startswith("en"):
        return
    checker = ctx.engine("translation.hunspell-en", english_checker)
    if checker is None:
        return
    for message in messages:
        for word in dict.fromkeys(english_unknown_words(checker, message.id, message.string)):
            line = message.lineno or 1
            yield make_finding(
                "CL608", str(entries.path), line, 1, line, 2,
                f"mot anglais inconnu : « {word} »", word=word,
                suggestions=tuple(checker.suggest(word)[:3]),
            )


# --------------------------------------------------------------------------- CL609 / CL610 the file


@rule("CL609", "translation.unparsable", severity=Severity.ERROR, scope="catalog")
def unparsable(po_path, ctx) -> Iterator[Finding]:
    """Le catalogue .po ne peut pas être lu ; courselint ne le réécrira pas."""
    entries = _read(po_path, ctx)
    if entries.error is not None:
        line = entries.error.line
        yield make_finding("CL609", str(entries.path), line, 1, line, 2, entries.error.message)


@rule("CL610", "translation.plural-forms", severity=Severity.ERROR, scope="catalog")
def plural_forms(po_path, ctx) -> Iterator[Finding]:
    """L'en-tête Plural-Forms du catalogue manque ou ne convient pas à sa langue."""
    entries = _read(po_path, ctx)
    if entries.po is None:
        return
    header = entries.po.header or ""
    match = re.search(r'^"Plural-Forms:\s*([^"\\]*)', header, re.MULTILINE)
    line = header.count("\n", 0, match.start()) + 1 if match else 1
    from courselint.i18n import catalog as catalogs

    expected = catalogs.plural_forms(entries.locale)
    if match is None:
        yield make_finding(
            "CL610", str(entries.path), 1, 1, 1, 2,
            f"en-tête Plural-Forms absent : ajoutez « Plural-Forms: {expected} »",
        )
        return
    written = " ".join(match.group(1).split())
    if _plural_key(written) != _plural_key(expected) and entries.locale in catalogs.PLURAL_FORMS:
        yield make_finding(
            "CL610", str(entries.path), line, 1, line, 2,
            f"Plural-Forms « {written} » ne convient pas à « {entries.locale} » : attendu « {expected} »",
        )


def _plural_key(value: str) -> str:
    return re.sub(r"[\s;]", "", value)


# --------------------------------------------------------------------------- reported by build


@rule("CL611", "translation.below-min-translated", severity=Severity.WARNING, scope="run")
def below_min_translated(*_args) -> Iterator[Finding]:
    """Leçon traduite non construite : trop peu de textes traduits (i18n.min_translated)."""
    return iter(())


@rule("CL612", "translation.structure-differs", severity=Severity.ERROR, scope="run")
def structure_differs(*_args) -> Iterator[Finding]:
    """Leçon traduite refusée : sa structure diffère de la source."""
    return iter(())
