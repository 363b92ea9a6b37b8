"""Catalog files: where they live, how they are read, merged, written and locked.

Layout (one catalog per lesson, ``REL`` = the lesson's path relative to its
content root, without ``.md``)::

    locales/REL.pot          template, rewritten by ``courselint extract``
    locales/LANG/REL.po      translations, merged from the template

so a Weblate component uses the file mask ``locales/*/REL.po`` and the template
``locales/REL.pot``; Poedit opens the ``.po`` directly.

Reading goes through Babel (``read_po(..., abort_invalid=True)``), after
:func:`syntax_problem` has refused what GNU ``msgfmt --check`` refuses and
msgfmt's escapes have been decoded: a file that does not parse raises
:class:`CatalogError` and is never rewritten.  Merging is
Babel's ``Catalog.update`` plus what msgmerge does and Babel does not: a string
that comes back gets its obsolete translation back, and an entry that stays
fuzzy keeps its previous msgid and msgctxt (``#|``).

Writing is ours (:func:`render_po`), on top of Babel's string escaping, because
Babel's writer rewraps translator comments, drops unknown header fields, adds
``python-format`` flags to strings that merely contain ``%``, and writes
previous msgids (``#|``) that GNU ``msgfmt`` rejects once wrapped.  The header
of an existing ``.po`` is kept byte for byte (only ``POT-Creation-Date``
follows the template, as msgmerge does).  Strings are wrapped by
:func:`quoted_lines` (Babel's wrapping, in linear time) at ``i18n.width`` columns (79, like GNU gettext) in new files; an existing file
keeps the width it was written with when it can be told.
"""

from __future__ import annotations

import contextlib
import functools
import fcntl
import io
import os
import re
import urllib.parse
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import WORD_SEP, PoFileError, escape, read_po, unescape

from courselint.fileio import read_regular, write_bytes_if_changed
from courselint.messages import _, agree

#: Flags Babel adds on its own to strings that contain ``%`` or ``{…}``; lesson
#: strings are not format strings, and with these flags ``msgfmt -c`` rejects
#: a correct translation.
FORMAT_FLAGS = frozenset({"python-format", "python-brace-format"})

#: Plural-Forms written explicitly: Babel (CLDR) and GNU gettext disagree for French.
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "nl": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
}


#: The translator comment ``extract`` puts on an entry it filled from the translation
#: memory (with the ``fuzzy`` flag): a translator comment survives every PO tool, and
#: no policy publishes such an entry until a translator removes its ``fuzzy`` flag.
MEMORY_MARK = "courselint: memory"


def from_memory(message: Message) -> bool:
    """Whether a fuzzy entry was filled from the translation memory, not by a translator."""
    return message.fuzzy and any(MEMORY_MARK in comment for comment in message.user_comments)


class CatalogError(Exception):
    """A catalog that cannot be read: it must stay untouched."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


# --------------------------------------------------------------------------- layout


def content_root(lesson: Path, config) -> Path:
    """The configured content folder that holds ``lesson`` (else the config folder)."""
    resolved = Path(os.path.realpath(lesson))
    for entry in config["paths"]:
        root = (config.root / entry).resolve()
        if root.is_dir() and resolved.is_relative_to(root):
            return root
    return config.root.resolve()


def lesson_key(lesson: Path, config) -> str:
    """``chapter/lesson`` (posix, no ``.md``): the catalog's name under ``locales/``."""
    relative = Path(os.path.realpath(lesson)).relative_to(content_root(lesson, config))
    return relative.with_suffix("").as_posix()


def locales_dir(config) -> Path:
    return config.root / config.section("i18n")["locales_dir"]


def template_path(lesson: Path, config) -> Path:
    return locales_dir(config) / f"{lesson_key(lesson, config)}.pot"


def po_path(lesson: Path, config, locale: str) -> Path:
    return locales_dir(config) / locale / f"{lesson_key(lesson, config)}.po"


def lesson_of_catalog(catalog: Path, config) -> tuple[Path | None, str | None]:
    """``(lesson, locale)`` of a ``.po`` (``locales/LANG/REL.po``) or ``.pot`` (``locales/REL.pot``).

    ``lesson`` is the source lesson the catalog belongs to, or None when no
    configured content folder holds ``REL.md`` (the lesson was renamed, moved or
    deleted).  ``locale`` is None for a template.  Outside ``locales_dir``: (None, None).
    """
    try:
        relative = catalog.resolve().relative_to(locales_dir(config).resolve())
    except ValueError:
        return None, None
    locale = None
    if catalog.suffix == ".po":
        if len(relative.parts) < 2:
            return None, None
        locale, relative = relative.parts[0], Path(*relative.parts[1:])
    key = relative.with_suffix(".md")
    roots = [config.root / entry for entry in config["paths"]] or [config.root]
    for root in roots:
        if (root / key).is_file():
            return root / key, locale
    return None, locale


def orphan_message(catalog: Path, config) -> str:
    key = catalog.resolve().relative_to(locales_dir(config).resolve())
    if catalog.suffix == ".po":
        key = Path(*key.parts[1:])
    return (
        _(
            "catalogue orphelin : aucune leçon « {lesson} » dans les dossiers configurés"
            " (renommée, déplacée ou supprimée) ; `courselint extract --prune` le supprime"
        ).format(lesson=key.with_suffix(".md").as_posix())
    )


def catalogs_of(config, locales) -> list[Path]:
    """Every template and every catalog of ``locales`` under ``locales_dir``, sorted."""
    folder = locales_dir(config)
    if not folder.is_dir():
        return []
    found = {p for p in folder.rglob("*.pot")}
    for locale in locales:
        if (folder / locale).is_dir():
            found.update((folder / locale).rglob("*.po"))
    return sorted(found)


def reference_path(lesson: Path, config) -> str:
    """The lesson's path as ``#:`` references show it: relative to the config folder."""
    resolved = Path(os.path.realpath(lesson))
    root = config.root.resolve()
    if resolved.is_relative_to(root):
        return resolved.relative_to(root).as_posix()
    return lesson.as_posix()


# --------------------------------------------------------------------------- reading


@dataclass
class PoFile:
    """A parsed catalog with what Babel does not keep: the header as written, the wrap width."""

    catalog: Catalog
    header: str | None  # the header entry, verbatim (comments, msgid "", msgstr lines)
    width: int
    text: str
    data: bytes | None = None  # the file's bytes as read: a write compares them before replacing it


def read_catalog(path: Path, default_width: int = 79) -> PoFile:
    """Read a ``.po``/``.pot`` strictly. Raises :class:`CatalogError`, never guesses."""
    try:
        data = read_regular(path)
    except OSError as exc:
        raise CatalogError(path, 1, _("catalogue illisible ({reason})").format(reason=exc.strerror)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(path, line, _("catalogue qui n'est pas en UTF-8")) from None
    po = parse_catalog(path, text, default_width)
    po.data = data
    return po


def parse_catalog(path: Path, text: str, default_width: int = 79) -> PoFile:
    if text.startswith("\ufeff"):
        # GNU msgfmt stops at a byte order mark (a syntax error on line 1): refused
        # here too, so that `check` says what every other PO tool will.
        raise CatalogError(
            path, 1, _("catalogue illisible : il commence par une marque d'ordre des octets (BOM), que msgfmt refuse ; enregistrez-le en UTF-8 sans BOM")
        )
    problem = syntax_problem(text)
    if problem is not None:
        raise CatalogError(path, problem[0], _("catalogue illisible : {problem}").format(problem=problem[1]))
    cleaned, previous = _take_previous(_plain_escapes(text))
    cleaned, references = _take_references(cleaned)
    try:
        catalog = read_po(io.StringIO(cleaned), abort_invalid=True)
    except PoFileError as exc:
        line = (getattr(exc, "lineno", 0) or 0) + 1
        raise CatalogError(path, line, _("catalogue illisible : {problem}").format(problem=exc)) from None
    except Exception as exc:  # noqa: BLE001 - a header Babel chokes on: unreadable, not a crash
        raise CatalogError(path, 1, _("catalogue illisible : {problem}").format(problem=exc)) from None
    _drop_format_flags(catalog)
    for message in catalog:
        if message.id and message.lineno in previous:
            message.previous_id, context = previous[message.lineno]
            set_previous_context(message, context)
        if message.id:
            message.locations = references.get(message.lineno, [])
    return PoFile(catalog, header_text(text), detect_width(text, default_width), text)


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(rf"^(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+(?P<string>{_QUOTED})[ \t]*$")
_CONTINUATION = re.compile(rf"^(?P<string>{_QUOTED})[ \t]*$")
_OBSOLETE = re.compile(r"^#~\s?")
_PREVIOUS_LINE = re.compile(r"^#~?\|\s?")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")

#: The escapes GNU gettext reads in a PO string (``po-lex.c``), with what they stand for;
#: octal ``\ooo`` and hexadecimal ``\xhh…`` besides.  Babel's reader knows only
#: ``\\ \" \t \r \n`` and would keep ``\033`` as four characters, which the next
#: write turned into the text ``\033``: the translator's string changed.
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r"\\(?:(?P<octal>[0-7]{1,3})|x(?P<hex>[0-9A-Fa-f]+)|(?P<other>.?))", re.DOTALL)


class _BadString(ValueError):
    pass


def decode_string(quoted: str) -> str:
    """The text of one quoted PO string, as GNU msgfmt reads it.

    Raises :class:`_BadString` for an escape msgfmt rejects.  A NUL (``\\0``),
    which msgfmt accepts and cuts the string at, is read: CL606 refuses the
    entry that holds it, not the whole catalog.
    """

    def replace(match: re.Match) -> str:
        if match.group("octal") is not None:
            value = int(match.group("octal"), 8)
        elif match.group("hex") is not None:
            value = int(match.group("hex"), 16)
            if value > 0xFF:
                raise _BadString(_("séquence d'échappement « {escape} » hors des octets (msgfmt la tronque)").format(escape=match.group(0)[:12]))
        else:
            other = match.group("other")
            if other not in _SIMPLE_ESCAPES:
                raise _BadString(_("séquence d'échappement inconnue « {escape} » (msgfmt la refuse)").format(escape="\\" + other))
            return _SIMPLE_ESCAPES[other]
        # A byte above 0x7F is part of a UTF-8 sequence written in escapes: kept as a byte for now.
        return chr(value) if value < 0x80 else chr(0xDC00 + value)

    body = quoted[1:-1]
    if "\\" not in body:
        return body
    decoded = _ESCAPE.sub(replace, body)
    try:
        return decoded.encode("utf-8", "surrogateescape").decode("utf-8")
    except UnicodeError:
        raise _BadString(_("octets écrits en séquences d'échappement qui ne forment pas de l'UTF-8")) from None


#: How the strings handed to Babel's reader are written: only the escapes it knows.
_BABEL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})
_UNUSUAL_ESCAPE = re.compile(r'\\[^\\"ntr]')
_STRING_IN_LINE = re.compile(rf"(?P<string>{_QUOTED})[ \t]*$")


def _plain_escapes(text: str) -> str:
    """``text`` with every PO string rewritten with the escapes Babel reads (after :func:`syntax_problem`).

    ``\033`` becomes the character ESC, ``\a`` BEL…, so that Babel reads what
    msgfmt reads; lines keep their numbers.
    """
    if not _UNUSUAL_ESCAPE.search(text):
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _UNUSUAL_ESCAPE.search(line):
            continue
        stripped = line.lstrip()
        if not stripped.startswith(('"', "msg", "#~", "#|")):
            continue  # a comment: Babel keeps its text as written
        match = _STRING_IN_LINE.search(line)
        if match:
            try:
                plain = decode_string(match.group("string")).translate(_BABEL_ESCAPES)
            except _BadString:
                continue  # not a string line (syntax_problem passed it): left as written
            lines[i] = f'{line[: match.start()]}"{plain}"'
    return "\n".join(lines)


def syntax_problem(text: str) -> tuple[int, str] | None:
    """(line, reason) of the first thing GNU ``msgfmt --check`` refuses; None if the file is sound.

    Babel's reader accepts an unterminated string, a duplicated entry (also one
    duplicating an obsolete entry), unknown escapes, plural forms beyond the
    header's ``nplurals``, and a garbled previous msgid (``#|``) without a word,
    and then drops or changes text: we refuse such files first.
    """
    seen: dict[tuple[str | None, str], int] = {}
    context: str | None = None
    msgid: str | None = None
    keyword = None
    first_line = 0
    plural = False
    forms: list[int] = []
    obsolete = False
    nplurals: int | None = None
    header_value = ""
    forms_line = 0

    def close() -> tuple[int, str] | None:
        if msgid is None:
            return None
        key = (context, msgid)
        if key in seen and not (msgid == "" and context is None):
            return first_line, _("entrée en double (déjà ligne {line})").format(line=seen[key])
        seen.setdefault(key, first_line)
        if plural and not forms:
            return first_line, _("msgid_plural sans msgstr[0]")
        if plural and not obsolete and msgid and nplurals is not None and len(forms) != nplurals:
            return forms_line, agree(
                "{count} forme plurielle, alors que l'en-tête dit nplurals={nplurals}",
                "{count} formes plurielles, alors que l'en-tête dit nplurals={nplurals}",
                len(forms),
                nplurals=nplurals,
            )
        return None

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line.startswith(("#|", "#~|")):
            previous = _PREVIOUS_LINE.sub("", line, count=1)
            match = _KEYWORD_LINE.match(previous) or _CONTINUATION.match(previous)
            if not match or match.groupdict().get("keyword", "msgid") not in (None, "msgctxt", "msgid", "msgid_plural"):
                return number, _("msgid précédent (#|) incompréhensible : {line}").format(line=repr(line[:40]))
            try:
                decode_string(match.group("string"))
            except _BadString as exc:
                return number, str(exc)
            continue
        is_obsolete = line.startswith("#~")
        if is_obsolete:
            line = _OBSOLETE.sub("", line, count=1)
        if not line or (line.startswith("#") and not is_obsolete):
            continue
        match = _KEYWORD_LINE.match(line) or _CONTINUATION.match(line)
        if match is None:
            if is_obsolete:
                continue  # a comment kept with an obsolete entry
            return number, _("ligne incompréhensible : {text!r}").format(text=line[:40])
        try:
            value = decode_string(match.group("string"))
        except _BadString as exc:
            return number, str(exc)
        word = match.groupdict().get("keyword")
        if word is None:
            if keyword is None:
                return number, _("ligne incompréhensible : {text!r}").format(text=line[:40])
            if keyword == "msgctxt":
                context = (context or "") + value
            elif keyword == "msgid":
                msgid = (msgid or "") + value
            elif keyword == "msgstr" and msgid == "" and context is None:
                header_value += value
            continue
        if word == "msgctxt" or (word == "msgid" and keyword != "msgctxt"):
            if msgid == "" and context is None and nplurals is None:
                found = _NPLURALS.search(header_value)
                nplurals = int(found.group(1)) if found else None
            duplicate = close()
            if duplicate:
                return duplicate
            context, msgid, first_line = None, None, number
            plural, forms, obsolete = False, [], is_obsolete
        if word == "msgstr" and msgid == "" and context is None:
            header_value = value
        if word == "msgctxt":
            context = value
        elif word == "msgid":
            msgid = value
        elif msgid is None:
            return number, _("« {keyword} » sans msgid").format(keyword=word)
        elif word == "msgid_plural":
            plural = True
        elif word == "msgstr":
            if plural:
                return number, _("msgstr sans indice alors que l'entrée a un msgid_plural")
        else:
            index = int(word[len("msgstr[") : -1])
            if not plural:
                return number, _("« {keyword} » sans msgid_plural").format(keyword=word)
            if index != len(forms):
                return number, _("« {keyword} » : indice de forme plurielle inattendu (msgfmt attend msgstr[{index}])").format(
                    keyword=word, index=len(forms)
                )
            if not forms:
                forms_line = number  # where msgfmt reports a wrong number of forms
            forms.append(index)
        keyword = word
    return close()


_PREVIOUS = re.compile(r'^#~?\|\s*(?:(?P<keyword>msgctxt|msgid_plural|msgid)\s+)?(?P<string>".*")\s*$')


def _take_previous(text: str) -> tuple[str, dict[int, tuple[list[str], str | None]]]:
    """Blank the ``#|`` lines (previous msgid) that Babel's reader does not understand.

    Babel reads them as translator comments (and ``#~|`` as a syntax error); we
    read them here instead: the previous msgid (and msgid_plural) and msgctxt,
    keyed by the 1-based line of the entry's msgid (Babel's ``Message.lineno``).
    Blanked lines keep every other line number.
    """
    lines = text.split("\n")
    previous: dict[int, tuple[list[str], str | None]] = {}
    fields: dict[str, str] = {}
    current = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(("#|", "#~|")):
            match = _PREVIOUS.match(stripped)
            if match:
                if match.group("keyword"):
                    current = match.group("keyword")
                    fields[current] = ""
                if current is not None:
                    fields[current] += unescape(match.group("string"))
            lines[i] = ""
            continue
        # Keyed by the msgid line (Babel's ``Message.lineno``), after any msgctxt line.
        if stripped.startswith("msgid") and fields:
            if not stripped.startswith("#~") and "msgid" in fields:
                ids = [fields["msgid"]] + ([fields["msgid_plural"]] if "msgid_plural" in fields else [])
                previous[i + 1] = (ids, fields.get("msgctxt"))
            fields, current = {}, None
        elif stripped.startswith("#~") and fields:
            fields, current = {}, None
    return "\n".join(lines), previous


_REFERENCE_LINE = re.compile(r"^#:(?P<refs>.*)$")
_ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")


def _take_references(text: str) -> tuple[str, dict[int, list[tuple[str, int | None]]]]:
    """Blank the ``#:`` lines, read leniently here: a reference is a comment.

    PO tools mangle references to paths with spaces (GNU gettext 0.21's msgcat and
    msgmerge and polib split them at whitespace, with or without the U+2068/U+2069
    that gettext 0.22 puts around them), and Babel refuses a file whose isolates
    do not pair up.  A reference is never a reason to refuse a catalog: each word
    is a ``name[:line]``; ``%XX`` (how we write whitespace) is decoded.  Keyed by
    the line of the entry they precede, as Babel's ``Message.lineno``.
    """
    lines = text.split("\n")
    found: dict[int, list[tuple[str, int | None]]] = {}
    pending: list[tuple[str, int | None]] = []
    for i, line in enumerate(lines):
        match = _REFERENCE_LINE.match(line)
        if match:
            for word in match.group("refs").translate(_ISOLATES).split():
                name, colon, number = word.rpartition(":")
                if colon and number.isdigit() and name:
                    pending.append((_decode_reference(name), int(number)))
                else:
                    pending.append((_decode_reference(word), None))
            lines[i] = ""
            continue
        stripped = line.strip()
        if stripped.startswith("msgid"):  # the msgid line is Babel's lineno, after any msgctxt
            if pending:
                found[i + 1] = pending
            pending = []
        elif stripped.startswith("#~"):
            pending = []
    return "\n".join(lines), found


def _decode_reference(name: str) -> str:
    return urllib.parse.unquote(name, errors="replace") if "%" in name else name


def encode_reference(name: str) -> str:
    """A reference with no whitespace (``%20``…), so that no PO tool splits it."""
    if not any(ch.isspace() or ch in "%\u2068\u2069" for ch in name):
        return name
    return "".join(
        urllib.parse.quote(ch, safe="") if ch.isspace() or ch in "%\u2068\u2069" else ch for ch in name
    )


def _drop_format_flags(catalog: Catalog) -> None:
    for message in (*catalog, *catalog.obsolete.values()):
        message.flags -= FORMAT_FLAGS


def header_text(text: str) -> str | None:
    """The header entry as written (up to its last ``msgstr`` line), or None."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("msgid"):
            if line.startswith("msgctxt"):
                return None
            continue
        if line.rstrip() != 'msgid ""':
            return None
        j = i + 1
        if j < len(lines) and lines[j].startswith('"'):
            return None  # a multi-line msgid: a real entry, not the header
        if j >= len(lines) or not lines[j].startswith("msgstr"):
            return None
        j += 1
        while j < len(lines) and lines[j].startswith('"'):
            j += 1
        return "\n".join(lines[:j]) + "\n"
    return None


_STRING_LINE = re.compile(r'^(?:#~ )?(?:msgid|msgstr|msgctxt|msgid_plural|msgstr\[\d+\])? ?"')


def detect_width(text: str, default: int) -> int:
    """The wrap width a catalog was written with, as far as it shows.

    Wrapped entries are those whose string continues over several quoted lines
    without ending each with ``\\n``; a longest wrapped line beyond ``default``
    tells a wider width.  Long lines and nothing wrapped mean the file was
    written without wrapping (width 0).  Otherwise ``default``.
    """
    longest_wrapped = 0
    longest = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not _STRING_LINE.match(line):
            continue
        longest = max(longest, len(line))
        is_continued = i + 1 < len(lines) and lines[i + 1].startswith('"')
        if line.startswith('"') and is_continued and not line.endswith('\\n"'):
            longest_wrapped = max(longest_wrapped, len(line))
    if longest_wrapped > default:
        return longest_wrapped
    if not longest_wrapped and longest > 200:
        return 0  # long lines and nothing wrapped: written with --no-wrap
    return default


# --------------------------------------------------------------------------- merging


def merge(po: Catalog, template: Catalog) -> None:
    """Update ``po`` from ``template`` with msgmerge semantics (in place)."""
    wanted = {message.id if not message.context else (message.id, message.context) for message in template if message.id}
    restore = [key for key in po.obsolete if key in wanted and key not in po]
    for key in restore:
        message = po.obsolete.pop(key)
        po[message.id] = message
    previous = {key_of(m): (list(m.previous_id), previous_context(m)) for m in po if m.id and m.previous_id}
    po.update(template, update_creation_date=True)
    for message in po:
        if not message.id:
            continue
        message.flags -= FORMAT_FLAGS
        if "fuzzy" in message.flags:
            # Babel's update copies an entry without the previous msgctxt: an entry that
            # stays fuzzy with the same previous msgid gets it back.
            old_id, old_context = previous.get(key_of(message), ([], None))
            if not message.previous_id:
                message.previous_id = old_id
            set_previous_context(message, old_context if list(message.previous_id) == old_id else None)
        if "fuzzy" not in message.flags:
            message.previous_id = []
        if not message.string:
            message.flags.discard("fuzzy")
            message.previous_id = []
    for message in po.obsolete.values():
        message.flags -= FORMAT_FLAGS
    # An obsolete entry with no translation carries nothing worth keeping.
    for key in [k for k, m in po.obsolete.items() if not _has_translation(m)]:
        del po.obsolete[key]


#: Babel's Message has no field for the previous msgctxt (``#| msgctxt``, which GNU
#: msgmerge writes for a fuzzy entry whose old entry had a context): it is kept on the
#: message under this attribute name.
_PREVIOUS_CONTEXT = "courselint_previous_context"


def previous_context(message: Message) -> str | None:
    """The ``#| msgctxt`` of a fuzzy entry, if it has one."""
    return getattr(message, _PREVIOUS_CONTEXT, None)


def set_previous_context(message: Message, context: str | None) -> None:
    setattr(message, _PREVIOUS_CONTEXT, context)


def key_of(message: Message):
    return (message.id, message.context) if message.context else message.id


def _has_translation(message: Message) -> bool:
    if isinstance(message.string, (list, tuple)):
        return any(message.string)
    return bool(message.string)


# --------------------------------------------------------------------------- writing


def new_header(*, title: str, locale: str | None, creation_date: str, template: bool) -> str:
    """The header entry of a new catalog (explicit Plural-Forms, no placeholders msgfmt rejects)."""
    if template:
        comment = f"# Translation template for {title}.\n#\n"
        language = ""
        revision = "YEAR-MO-DA HO:MI+ZONE"
        plural = ""
        translator = "FULL NAME <EMAIL@ADDRESS>"
        team = "LANGUAGE <LL@li.org>"
        flags = "#, fuzzy\n"
    else:
        comment = f"# {locale} translation of {title}.\n#\n"
        language = locale or ""
        revision = creation_date
        plural = plural_forms(locale or "")
        translator = "courselint"
        team = f"{locale}"
        flags = ""
    fields = [
        ("Project-Id-Version", "courselint course"),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", creation_date),
        ("PO-Revision-Date", revision),
        ("Last-Translator", translator),
        ("Language-Team", team),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural),
        ("X-Generator", "courselint"),
    ]
    if template:
        # A template has no language, hence no plural rule: xgettext's placeholder
        # ("nplurals=INTEGER") is a fatal error for msgfmt --check, so leave it out.
        fields = [(name, value) for name, value in fields if name != "Plural-Forms"]
    body = "".join(f'"{name}: {value}\\n"\n' for name, value in fields)
    return f'{comment}{flags}msgid ""\nmsgstr ""\n{body}'


def plural_forms(locale: str) -> str:
    if locale in PLURAL_FORMS:
        return PLURAL_FORMS[locale]
    base = locale.split("_")[0].split("-")[0]
    return PLURAL_FORMS.get(base, "nplurals=2; plural=(n != 1);")


_CREATION = re.compile(r'^"POT-Creation-Date: [^"\\]*\\n"$', re.MULTILINE)


def with_creation_date(header: str, creation_date: str) -> str:
    return _CREATION.sub(lambda _m: f'"POT-Creation-Date: {creation_date}\\n"', header, count=1)


def creation_date_of(header: str | None) -> str | None:
    if header is None:
        return None
    match = re.search(r'^"POT-Creation-Date: ([^"\\]*)\\n"$', header, re.MULTILINE)
    return match.group(1) if match else None


def now_header_date() -> str:
    """Current time as gettext headers write it; ``SOURCE_DATE_EPOCH`` wins (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def render_po(catalog: Catalog, header: str, width: int, layout: dict | None = None) -> str:
    """The text of a catalog: ``header`` verbatim, then every entry, then obsolete ones.

    ``layout`` (:func:`entry_layout` of the file being replaced): an entry that has
    not changed keeps its text as the file had it, whatever tool wrapped it.
    """
    out = [header if header.endswith("\n") else header + "\n"]
    for message in catalog:
        if not message.id:
            continue
        out.append("\n")
        text = _entry_text(message, width)
        if layout:
            ours, written = layout.get(key_of(message), (None, None))
            if ours == text:
                text = written
        out.append(text)
    for message in catalog.obsolete.values():
        out.append("\n")
        for comment in message.user_comments:
            out.append(f"# {comment}\n" if comment else "#\n")
        out.extend(_string_lines(message, "#~ ", width))
    return "".join(out)


def _entry_text(message: Message, width: int) -> str:
    return "".join(_comment_lines(message, width) + _string_lines(message, "", width))


def entry_layout(catalog: Catalog, text: str, width: int) -> dict:
    """``{key: (the entry as we write it, the entry as the file writes it)}`` for the
    entries of ``catalog``, read from ``text``.

    GNU msgmerge and msgcat, Poedit and others wrap strings their own way (GNU breaks
    after a space, a hyphen or a slash, and counts the keyword in the first line):
    an entry merged without a change keeps their lines, so that a catalog is only
    rewritten where it changed.  An entry is the run of non-blank lines around its
    ``msgid`` line; a file that does not separate its entries so gives no layout.
    """
    lines = text.split("\n")
    layout = {}
    for message in catalog:
        if not message.id or not message.lineno:
            continue
        first = last = message.lineno - 1  # Babel's lineno: the msgid line, counted from 1
        if last >= len(lines) or not lines[last].startswith("msgid"):
            continue
        while first > 0 and lines[first - 1].strip():
            first -= 1
        while last + 1 < len(lines) and lines[last + 1].strip():
            last += 1
        block = lines[first : last + 1]
        if sum(line.startswith("msgid ") for line in block) != 1 or any("\r" in line for line in block):
            continue
        layout[key_of(message)] = (_entry_text(message, width), "\n".join(block) + "\n")
    return layout


def _comment_lines(message: Message, width: int) -> list[str]:
    lines = []
    for comment in message.user_comments:
        lines.append(f"# {comment}\n" if comment else "#\n")
    for comment in message.auto_comments:
        lines.append(f"#. {comment}\n")
    lines.extend(_location_lines(message.locations, width))
    flags = sorted(message.flags - FORMAT_FLAGS)
    if flags:
        lines.append("#, " + ", ".join(flags) + "\n")
    if message.previous_id and "fuzzy" in message.flags:
        previous = message.previous_id
        context = previous_context(message)
        if context is not None:
            lines.append(_keyword("msgctxt", context, "#| ", width))
        lines.append(_keyword("msgid", previous[0], "#| ", width))
        if len(previous) > 1:
            lines.append(_keyword("msgid_plural", previous[1], "#| ", width))
    return lines


def _location_lines(locations, width: int) -> list[str]:
    refs = []
    names: dict[str, str] = {}  # one lesson's 50,000 locations share one file name: encoded once
    for filename, lineno in locations:
        name = names.get(filename)
        if name is None:
            name = names[filename] = encode_reference(filename.replace(os.sep, "/"))
        refs.append(f"{name}:{lineno}" if lineno else name)
    refs = list(dict.fromkeys(refs))
    lines: list[str] = []
    current = "#:"
    for ref in refs:
        if current != "#:" and width > 0 and len(current) + 1 + len(ref) > width:
            lines.append(current + "\n")
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current + "\n")
    return lines


@functools.lru_cache(maxsize=65536)
def _keyword(keyword: str, string: str, prefix: str, width: int) -> str:
    # Wrapped in the width left once the prefix is written, then each line prefixed.
    inner = width - len(prefix) if width > 0 else width
    lines = quoted_lines(string, inner)
    out = [f"{prefix}{keyword} {lines[0]}"] + [f"{prefix}{line}" for line in lines[1:]]
    return "\n".join(out) + "\n"


#: A word longer than this is never cut at its hyphens: Babel's word separator
#: backtracks over the whole word at each of its letters (a 20,000-letter word
#: took seconds, a 1 MB one minutes).  Far beyond any wrap width, so a real
#: hyphenated word is cut exactly as before.
_LONGEST_HYPHENATED = 200
_SPACES = re.compile(r"(\s+)")


def _chunks(line: str) -> list[str]:
    """The pieces a line may be wrapped between, as Babel's ``WORD_SEP.split`` gives them.

    The separator's hyphen and dash alternatives never span whitespace, so a
    split at whitespace first (linear) and then of each word that holds a ``-``
    gives the same pieces, in time linear in the line.
    """
    pieces: list[str] = []
    for piece in _SPACES.split(line):
        if "-" in piece and len(piece) <= _LONGEST_HYPHENATED and not piece.isspace():
            pieces.extend(WORD_SEP.split(piece))
        else:
            pieces.append(piece)
    return pieces


def quoted_lines(string: str, width: int) -> list[str]:
    """``string`` as the quoted PO lines that hold it, wrapped at ``width`` (0: no wrapping).

    The output of Babel's ``normalize`` (which ``msgmerge`` leaves alone), in
    linear time: a line ends at each ``\\n`` of the text, and a text line wider
    than ``width`` once escaped is cut between pieces (:func:`_chunks`) so that
    each quoted line stays under ``width``; a piece too long for any line gets a
    line of its own.
    """
    text_lines = string.splitlines(True)
    if width > 0:
        wrapped: list[str] = []
        for line in text_lines:
            if len(escape(line)) <= width:
                wrapped.append(line)
                continue
            current: list[str] = []
            size = 2  # the two quotes
            for chunk in _chunks(line):
                length = len(escape(chunk)) - 2
                if current and size + length >= width:
                    wrapped.append("".join(current))
                    current, size = [], 2
                if not current and size + length >= width:
                    wrapped.append(chunk)  # alone on its line, however long
                    continue
                current.append(chunk)
                size += length
            if current:
                wrapped.append("".join(current))
        text_lines = wrapped
    if len(text_lines) <= 1:
        return [escape(string)]
    return ['""', *(escape(line) for line in text_lines)]


def _string_lines(message: Message, prefix: str, width: int) -> list[str]:
    lines = []
    if message.context:
        lines.append(_keyword("msgctxt", message.context, prefix, width))
    if isinstance(message.id, (list, tuple)):
        lines.append(_keyword("msgid", message.id[0], prefix, width))
        lines.append(_keyword("msgid_plural", message.id[1], prefix, width))
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        for i, string in enumerate(strings):
            lines.append(_keyword(f"msgstr[{i}]", string or "", prefix, width))
    else:
        lines.append(_keyword("msgid", message.id, prefix, width))
        lines.append(_keyword("msgstr", message.string or "", prefix, width))
    return lines


def write_if_changed(path: Path, text: str, expected=None) -> bool:
    """Write atomically unless the file already holds exactly ``text``. True if written.

    ``expected``: the bytes read before merging; a save made meanwhile raises
    :class:`courselint.fileio.ChangedMeanwhile` instead of being lost.
    """
    return write_bytes_if_changed(path, text.encode("utf-8"), expected)


# --------------------------------------------------------------------------- locking


@contextlib.contextmanager
def locked(folder: Path):
    """Hold an exclusive ``flock`` on the ``folder`` directory itself.

    Two ``extract`` runs on one tree then read, merge and write catalogs one
    after the other: neither can merge into a ``.po`` the other is rewriting.
    Locking the directory (not a lock file) leaves nothing behind for ``git add``;
    the kernel releases the lock if the process dies.
    """
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
