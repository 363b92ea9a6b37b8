"""Checks of one translated entry (msgid, msgstr): one function per code, a message or nothing.

``courselint check`` runs them on every translated entry of a catalog (the CL6xx
catalog rules) and ``courselint build`` on the entries it is about to publish, so
the two agree.  A translator silences a quality check on one entry with a
translator comment (``# courselint: ignore=CL602``); the safety checks — raw HTML
and script URLs (CL605), invisible and bidirectional characters (CL606) — cannot
be silenced: a comment in a ``.po`` file is the translator's word, not a review.
"""

from __future__ import annotations

import html as html_module
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from courselint.i18n import verify
from courselint.messages import _
from courselint.segments import mask

__all__ = ["ENTRY_CHECKS", "EntryCheck", "EntryContext", "ignored", "problems"]


@dataclass(frozen=True, slots=True)
class EntryContext:
    """What an entry check needs besides the two strings."""

    source_locale: str = "fr"
    locale: str = "en"
    shortcode_params: object = ()  # a ShortcodeTable, or the deprecated tuple of names


@dataclass(frozen=True, slots=True)
class EntryCheck:
    code: str
    check: Callable[[str, str, EntryContext], str | None]
    silenceable: bool = True


ENTRY_CHECKS: dict[str, EntryCheck] = {}


def entry_check(code: str, *, silenceable: bool = True):
    """Register ``check(msgid, msgstr, context) -> message | None`` for ``code``."""

    def register(check):
        ENTRY_CHECKS[code] = EntryCheck(code, check, silenceable)
        return check

    return register


_IGNORE = re.compile(r"courselint:\s*ignore\s*=\s*(?P<codes>[A-Za-z0-9_.,\s-]+)")


def ignored(comments, code: str) -> bool:
    """Whether translator ``comments`` silence ``code`` (exact code or prefix)."""
    for comment in comments:
        match = _IGNORE.search(comment)
        if not match:
            continue
        for part in re.split(r"[,\s]+", match.group("codes")):
            if part and code.upper().startswith(part.upper()):
                return True
    return False


def problems(msgid: str, msgstr: str, comments, context: EntryContext, codes=None):
    """``(code, message)`` of every check the entry fails, silenced ones left out."""
    for code, entry in ENTRY_CHECKS.items():
        if codes is not None and code not in codes:
            continue
        if entry.silenceable and ignored(comments, code):
            continue
        message = entry.check(msgid, msgstr, context)
        if message:
            yield code, message


def _quote(items) -> str:
    quoted = _("« {item} »")
    return ", ".join(quoted.format(item=item) for item in sorted(items))


def _missing_and_extra(source: Counter, target: Counter) -> str:
    detail = []
    if source - target:
        detail.append(_("manque {items}").format(items=_quote(source - target)))
    if target - source:
        detail.append(_("en trop {items}").format(items=_quote(target - source)))
    return " ; ".join(detail)


def _becomes(source: Counter, target: Counter, none: str) -> str:
    """« a » devient « b »: what a translation changed, as the author would read it."""
    return _("{before} devient {after}").format(before=_quote(source - target) or none, after=_quote(target - source) or _("rien"))


@entry_check("CL601")
def inline_code(msgid: str, msgstr: str, context: EntryContext) -> str | None:
    source, target = verify.inline_code(msgid), verify.inline_code(msgstr)
    if source != target:
        return _("le code en ligne doit rester identique à la source : {detail}").format(detail=_missing_and_extra(source, target))
    return None


@entry_check("CL602")
def link_target(msgid: str, msgstr: str, context: EntryContext) -> str | None:
    source, target = verify.link_targets(msgid), verify.link_targets(msgstr)
    if source != target:
        return _("cible de lien modifiée : {change} (si c'est voulu : # courselint: ignore=CL602)").format(
            change=_becomes(source, target, _("aucune"))
        )
    return None


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


@entry_check("CL603")
def number(msgid: str, msgstr: str, context: EntryContext) -> str | None:
    source, target = numbers(msgid, context.source_locale), numbers(msgstr, context.locale)
    if source != target:
        return _("nombres différents de la source : {detail}").format(detail=_missing_and_extra(source, target))
    return None


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


@entry_check("CL604")
def markup_balance(msgid: str, msgstr: str, context: EntryContext) -> str | None:
    extra = leftover_markup(msgstr) - leftover_markup(msgid)
    if extra:
        return _("balisage déséquilibré dans la traduction : {items} sans partenaire").format(items=_quote(extra))
    return None


# Schemes that run code or smuggle a document.  markdown-it refuses such links
# (no link token) but Hugo's goldmark, a browser or a later tool may not: the
# text itself is read, entities decoded (``jav&#x61;script:``), the characters a
# browser drops inside a URL (tabs, line ends, controls) removed, case folded.
# Only where a URL starts (link or image target, autolink, attribute value,
# reference definition): "JavaScript: the language" in prose is no link.
_DANGEROUS_SCHEME = re.compile(
    r"(?:\(\s*<?|<|=\s*[\"']?|\]:\s*<?)\s*(javascript|vbscript|livescript|data)\s*:", re.IGNORECASE
)
_URL_NOISE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\t]")
# Goldmark's attribute block after a heading (``## Titre {style="…" onclick=…}``):
# ``{#id}``, ``{.class}``, ``{key=value}``.
_ATTRIBUTE_BLOCK = re.compile(r"\{\s*(?:[#.][^\s{}]+|[A-Za-z_:][\w:.-]*\s*=)[^{}]*\}", re.ASCII)


def decoded(text: str) -> str:
    """``text`` as a browser reads a URL in it: entities decoded (nested ones too), noise removed."""
    for _round in range(3):  # &amp;#x61; -> &#x61; -> a: stop when stable
        unescaped = html_module.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return _URL_NOISE.sub("", text)


def dangerous_schemes(text: str) -> Counter:
    """``javascript:``, ``vbscript:``, ``data:``… in a string, however written."""
    return Counter(m.group(1).lower() + ":" for m in _DANGEROUS_SCHEME.finditer(decoded(text)))


def attribute_blocks(text: str) -> Counter:
    return Counter(" ".join(m.group().split()) for m in _ATTRIBUTE_BLOCK.finditer(decoded(text)))


@entry_check("CL605", silenceable=False)
def html(msgid: str, msgstr: str, context: EntryContext) -> str | None:
    added = verify.html_tags(msgstr) - verify.html_tags(msgid)
    scripts = dangerous_schemes(msgstr) - dangerous_schemes(msgid)
    attributes = attribute_blocks(msgstr) - attribute_blocks(msgid)
    if added or scripts or attributes:
        what = [f"<{tag}>" for tag in sorted(added)] + [f"URL {s}" for s in sorted(scripts)]
        what += [_("bloc d'attributs {block}").format(block=a) for a in sorted(attributes)]
        return _("HTML, script ou attributs absents de la source : {items}").format(items=", ".join(what))
    return None


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
_INVISIBLE.update(
    {
        "\u3164": "HANGUL FILLER",
        "\u115f": "HANGUL CHOSEONG FILLER",
        "\u1160": "HANGUL JUNGSEONG FILLER",
        "\uffa0": "HALFWIDTH HANGUL FILLER",
        "\u2028": "LINE SEPARATOR",
        "\u2029": "PARAGRAPH SEPARATOR",
        "\u034f": "COMBINING GRAPHEME JOINER",
    }
)
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: needed by Arabic, Indic scripts, emoji sequences


def _needs_joiner(before: str, after: str) -> bool:
    """A joiner between these characters shapes a script or an emoji (not Latin, Greek, Cyrillic)."""
    for ch in (before, after):
        if not ch:
            continue
        category = unicodedata.category(ch)
        if category == "So" or (ord(ch) >= 0x0590 and category[0] in "LM") or 0x1F000 <= ord(ch) <= 0x1FAFF:
            return True
    return False


#: Every character the loop below may name, so that a long lesson is scanned by the
#: regular expression engine, not character by character in Python.
_CANDIDATES = re.compile(
    "["
    + re.escape("".join(sorted(_BIDI | set(_INVISIBLE) | set(_JOINERS))))
    + "\x00-\x08\x0b-\x1f\x7f-\x9f\U000e0000-\U000e007f]"
)


def invisible_at(text: str) -> list[tuple[int, str]]:
    """``(offset, "U+XXXX NAME")`` of each invisible, bidirectional or control character (tab and line feed aside).

    The one definition of these characters: CL606 (in a translation) and CL701
    (in a French source lesson) both read it.
    """
    found = []
    for match in _CANDIDATES.finditer(text):
        i, ch = match.start(), match.group()
        code = ord(ch)
        if ch in _BIDI or ch in _INVISIBLE:
            name = _INVISIBLE.get(ch) or unicodedata.name(ch, "?")
        elif 0xE0000 <= code <= 0xE007F:
            name = "TAG CHARACTER"
        elif (code < 0x20 and ch not in "\t\n") or 0x7F <= code <= 0x9F:
            name = "CONTROL CHARACTER"
        elif ch in _JOINERS and not _needs_joiner(text[i - 1] if i else "", text[i + 1 : i + 2]):
            name = unicodedata.name(ch)
        else:
            continue
        found.append((i, f"U+{code:04X} {name}"))
    return found


def invisible_characters(text: str) -> list[str]:
    """Invisible, bidirectional and control characters of ``text`` (tab and line feed aside)."""
    return [name for _offset, name in invisible_at(text)]


@entry_check("CL606", silenceable=False)
def invisible_character(msgid: str, msgstr: str, context: EntryContext) -> str | None:
    added = Counter(invisible_characters(msgstr)) - Counter(invisible_characters(msgid))
    if added:
        return _("caractère invisible ou de contrôle bidirectionnel dans la traduction : {characters}").format(
            characters=", ".join(sorted(added))
        )
    return None


@entry_check("CL607")
def shortcode(msgid: str, msgstr: str, context: EntryContext) -> str | None:
    source = verify.shortcodes(msgid, context.shortcode_params)
    target = verify.shortcodes(msgstr, context.shortcode_params)
    if source != target:
        return _("shortcode modifié : {change}").format(change=_becomes(source, target, _("aucun")))
    return None
