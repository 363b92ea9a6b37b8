"""Split a block's masked prose into the words a spelling checker should look at.

The input is ``Block.prose``: the block's text with every non-prose span (inline
code, URLs, HTML, shortcodes…) already replaced by spaces of the same length and
inline markup inside a word (``**L**inu**X**``) replaced by :data:`JOINER`.
Every offset returned here is an offset into that string, so the caller maps it
back to the source with ``Block.position``.

What counts as a word, and why:

* **Elisions** (``l'``, ``d'``, ``qu'``, ``jusqu'``, ``lorsqu'``…, with ``'`` or
  ``’``) stay glued to their word for the whole-word check — Hunspell's French
  dictionary knows ``l'évolution`` — but the elided prefix is never a part of
  its own: when the word is unknown, only what follows the apostrophe is
  reported (``l'execution`` → ``execution``).
* **Hyphenated compounds** (``c'est-à-dire``, ``peut-être``,
  ``quatre-vingt-dix``) are checked whole first, then part by part, as Hunspell
  does; one-letter parts (``cri-o``, ``-t-``) are never reported.
* **Inclusive writing** with the middle dot (``développeur·euses``, ``Un·e``)
  keeps its base word as the part to check; the endings are a closed list.
* **Not words at all** (skipped): anything with a digit or an underscore
  (``K8S``, ``x86_64``, ``1er``, ``n°1``), URLs, e-mail addresses, file paths
  (``/etc/hosts``, ``C:\\x``, ``./run.sh``, ``foo.yml``), dotted names
  (``os.path``), command-line options (``--force``), ``key=value`` or
  ``image:tag`` fragments, ``$VARIABLES``, ``#tags``, ``@handles``, and
  camelCase or otherwise mixed-case identifiers (``DevOps``, ``GitHub``,
  ``macOS``, ``LinuX``): French words are never written that way, so such a
  token is a name, not a slip.  Single letters are skipped too (``option a``,
  an elided ``l'`` before masked code).
* **Acronyms** (two to five capitals, optional plural ``s``: ``LXC``, ``CNCF``,
  ``PIDs``) are marked :attr:`Token.acronym`; the checker accepts them, since
  acronyms are an open class no list can close (see ``spell/hunspell.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from courselint.segments import JOINER
APOSTROPHES = "'\u2019"
MIDDLE_DOT = "\u00b7"

# French words that lose their final vowel before a vowel: the elided prefix is
# never reported on its own.  ``quelqu'un`` or ``aujourd'hui`` are not elisions
# of this kind: they are whole dictionary words and stay whole.
ELIDED_PREFIXES = frozenset(
    {
        "l", "d", "j", "m", "n", "s", "t", "c", "ç", "y", "qu",
        "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    }
)

# Endings written after a middle dot in inclusive French (« les développeur·euses »).
INCLUSIVE_ENDINGS = frozenset(
    {
        "e", "es", "s", "x", "euse", "euses", "ice", "ices", "rice", "rices",
        "trice", "trices", "ne", "nes", "le", "les", "te", "tes", "se", "ses",
        "ère", "ères", "ve", "ves", "fe", "fes", "eure", "eures", "ale", "ales",
        "aux", "elle", "elles", "il", "ils", "ienne", "iennes", "ette", "ettes",
    }
)

# The word pattern runs inside a chunk, a run of non-space characters (what
# ``str.split()`` returns: it cuts at the characters ``str.isspace`` knows, as
# ``\s`` does in a pattern).  Letters, digits, underscores and joiners, linked
# by apostrophes, hyphens or middle dots.  Digits and underscores are matched
# so that the whole token can be rejected rather than cut into misleading pieces.
_WORD_CHAR = rf"[\w{JOINER}]"
_WORD = re.compile(rf"{_WORD_CHAR}+(?:[{APOSTROPHES}\-{MIDDLE_DOT}]{_WORD_CHAR}+)*[{APOSTROPHES}]?")

_OPENING = "([{\"'«“‘*<¡¿"
_CLOSING = ")]}\"'»”’*>.,;:!?…"

_URL = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://|www\.|mailto:)", re.IGNORECASE)
_EMAIL = re.compile(r"\w@\w")
_PATH_START = re.compile(r"^(?:~?/|\.{1,2}/|[A-Za-z]:\\|\\\\)")
_FILE_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_DOTTED = re.compile(r"\w\.\w")
_KEY_COLON = re.compile(r"\w:\w")
_OPTION = re.compile(r"^--?[A-Za-z]")
_CODE_SIGILS = frozenset("$#@%{}<>=|\\`^~")
# Every test of ``_is_code_like`` needs one of these characters in the chunk.
_CODE_CHARACTERS = _CODE_SIGILS | frozenset(":./\\-")
_OPENING_OR_JOINER = _OPENING + JOINER
_CLOSING_OR_JOINER = _CLOSING + JOINER
_SEGMENT_SEPARATOR = re.compile(rf"[{APOSTROPHES}\-{MIDDLE_DOT}]")
#: Two to five capitals, optional plural ``s``: ``LXC``, ``CNCF``, ``PIDs``.
ACRONYM = re.compile(r"^[A-ZÀ-Þ]{2,5}s?$")
_ALL_CAPS = re.compile(r"^[A-ZÀ-Þ]{2,}s?$")
_SENTENCE_END = re.compile(r"[.!?:…]\W*$")


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a token that can be reported alone: offsets into the prose.

    ``alternatives`` are other spellings that make the part acceptable (the
    ``toute`` of ``tou·te·s``).
    """

    start: int
    end: int
    word: str
    alternatives: tuple[str, ...] = ()


class Token(NamedTuple):
    """A word of the prose.

    ``start``/``end`` cover the word in the prose (joiners inside it included);
    ``word`` is its text without joiners.  ``parts`` are the pieces to check
    one by one when the whole word is unknown (empty: report the whole token).
    ``sentence_start`` tells the first word of a sentence or line, where a
    capital letter says nothing about a proper noun.

    A named tuple (immutable, hashable, compared field by field): a course makes
    hundreds of thousands of tokens, and a tuple is built three times faster
    than a frozen dataclass.
    """

    start: int
    end: int
    word: str
    parts: tuple[Part, ...] = ()
    sentence_start: bool = False
    acronym: bool = False
    marked_up: bool = False


# ``Token(...)`` goes through the named tuple's ``__new__``, written in Python;
# the hot paths build the same tuple with ``_tuple_new(Token, fields)``, twice
# as fast.
_tuple_new = tuple.__new__


def tokenize(prose: str) -> list[Token]:
    """Return the words of ``prose`` worth a spelling check, in order."""
    tokens: list[Token] = []
    append = tokens.append
    position = 0
    # Line by line, since the first word of a line starts a sentence.  A chunk
    # searched from the end of the previous one is found where it is: only
    # spaces lie in between, and a chunk starts with a non-space.
    for line in prose.split("\n"):
        sentence_start = True
        for text in line.split():
            chunk_start = prose.find(text, position)
            position = chunk_start + len(text)
            if text.isalpha():
                # Most chunks are plain words: no punctuation, code, compound or
                # joiner to look at.  Same token as the general path below, several
                # times faster.
                if len(text) >= 2:
                    token = _plain_token(chunk_start, text, sentence_start)
                    if token is not None:
                        append(token)
                sentence_start = False
                continue
            core_start, core = _strip_punctuation(text)
            start = chunk_start + core_start
            # Where an elision would split (the elision path below).
            prefix, _, rest = core.partition("'" if "'" in core else "\u2019")
            if core.isalpha():
                # A plain word between punctuation (``conteneurs,``, ``(Docker``): the
                # general path below would find it not code-like (every code test
                # needs a character that is not a letter) and take it whole as one
                # word match with no joiner, digit, apostrophe, hyphen or middle
                # dot, hence no parts: the same token as a plain chunk.
                if len(core) >= 2:
                    token = _plain_token(start, core, sentence_start)
                    if token is not None:
                        append(token)
            elif rest.isalpha() and prefix.isalpha():
                # ``l'image``, ``qu’il``, ``aujourd'hui``: letters, one apostrophe,
                # letters.  Not code-like either (an apostrophe is no code
                # character), one word match: see _elided_token.
                token = _elided_token(start, core, prefix, rest, sentence_start)
                if token is not None:
                    append(token)
            elif core and not _is_code_like(core.replace(JOINER, "")):
                for pieces in _split_slashes(core):
                    offset, piece = pieces
                    base = start + offset
                    for match in _WORD.finditer(piece):
                        token = _make_token(prose, base + match.start(), base + match.end(), sentence_start)
                        if token is not None:
                            append(token)
                        sentence_start = False
            # With a core, this alone decides: the fast paths above need not
            # clear sentence_start after their token as the general path does.
            if _SENTENCE_END.search(text.replace(JOINER, "")):
                sentence_start = True
            elif core:
                sentence_start = False
    return tokens


def _plain_token(start: int, word: str, sentence_start: bool) -> Token | None:
    """The token of ``word``, two letters or more and letters only, at ``start``.

    What :func:`_make_token` gives for such a word, without the steps that
    cannot apply to it (joiners, apostrophes, digits, parts).
    """
    if word.islower():
        # Lowercase: neither mixed case nor capitals.
        return _tuple_new(Token, (start, start + len(word), word, (), sentence_start, False, False))
    if _is_mixed_case(word):
        return None
    acronym = _ALL_CAPS.match(word) is not None
    return _tuple_new(Token, (start, start + len(word), word, (), sentence_start, acronym, False))


def _elided_token(start: int, word: str, prefix: str, rest: str, sentence_start: bool) -> Token | None:
    """The token of ``word``, ``prefix`` and ``rest`` (letters only) around one apostrophe.

    What :func:`_make_token` gives for such a word: no joiner, digit or
    underscore, never all capitals, mixed case tested with ``’`` read as ``'``;
    its one part is what follows an elided prefix, as :func:`_parts` finds it
    (``l'image`` → ``image``), and none after another prefix (``aujourd'hui``).
    """
    if _is_mixed_case(word.replace("\u2019", "'")):
        return None
    parts: tuple[Part, ...] = ()
    if prefix.lower() in ELIDED_PREFIXES and len(rest) >= 2:
        rest_start = start + len(prefix) + 1
        parts = (Part(rest_start, rest_start + len(rest), rest),)
    return _tuple_new(Token, (start, start + len(word), word, parts, sentence_start, False, False))


def _strip_punctuation(text: str) -> tuple[int, str]:
    """Drop opening punctuation and joiners on the left, closing ones on the right."""
    left = text.lstrip(_OPENING_OR_JOINER)
    return len(text) - len(left), left.rstrip(_CLOSING_OR_JOINER)


def _is_code_like(core: str) -> bool:
    """True for chunks that are names of things rather than French words."""
    if _CODE_CHARACTERS.isdisjoint(core):
        # Every test below needs one of these characters.
        return False
    if _URL.match(core) or _EMAIL.search(core) or _PATH_START.match(core):
        return True
    if "\\" in core or _OPTION.match(core):
        return True
    if not _CODE_SIGILS.isdisjoint(core):
        return True
    if _DOTTED.search(core) or _KEY_COLON.search(core):
        return True
    return "/" in core and any(_FILE_EXTENSION.search(segment) for segment in core.split("/"))


def _split_slashes(core: str) -> list[tuple[int, str]]:
    """``et/ou``, ``client/serveur``, ``TCP/IP``: each side is a word of its own."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    for segment in core.split("/"):
        pieces.append((offset, segment))
        offset += len(segment) + 1
    return pieces


def _make_token(prose: str, start: int, end: int, sentence_start: bool) -> Token | None:
    raw = prose[start:end]
    # A trailing apostrophe is an elision whose word was masked (l'`etcd`) or a
    # closing quote: neither is part of the word.
    while raw and raw[-1] in APOSTROPHES:
        raw = raw[:-1]
        end -= 1
    while raw and raw[0] == JOINER:
        raw = raw[1:]
        start += 1
    while raw and raw[-1] == JOINER:
        raw = raw[:-1]
        end -= 1
    word = raw.replace(JOINER, "")
    if len(word) < 2 or _has_digit_or_underscore(word):
        return None
    normalised = word.replace("\u2019", "'")
    if _is_mixed_case(normalised):
        return None
    acronym = bool(_ALL_CAPS.match(word))
    parts = _parts(prose, start, raw)
    return _tuple_new(Token, (start, end, word, parts, sentence_start, acronym, JOINER in raw))


def _has_digit_or_underscore(word: str) -> bool:
    return "_" in word or any(char.isdigit() for char in word)


def _is_mixed_case(word: str) -> bool:
    """camelCase, PascalCase or a lowercase letter followed by a capital (``iPhone``).

    All-capitals words and ``Capitalised`` words are ordinary; an acronym's plural
    (``PIDs``, ``APIs``) is not mixed case either.
    """
    if word[1:].islower():
        # No capital after the first character: no capital follows a lowercase
        # letter, none is the second letter of a segment.
        return False
    for segment in _SEGMENT_SEPARATOR.split(word):
        letters = segment
        if ACRONYM.match(letters):
            continue
        for previous, current in pairwise(letters):
            if previous.islower() and current.isupper():
                return True
        # Two capitals then lowercase (``CRDs`` aside): ``LXCfoo``, ``OAuth``.
        if len(letters) > 2 and letters[0].isupper() and letters[1].isupper() and any(c.islower() for c in letters):
            return True
    return False


def _parts(prose: str, start: int, raw: str) -> tuple[Part, ...]:
    """Pieces of a compound, an elision or an inclusive form, with their offsets.

    Offsets are computed on ``raw`` (which still holds the joiners) so that each
    part points at its exact place in the prose.
    """
    pieces: list[Part] = []
    body_start = 0
    apostrophe = _first_index(raw, APOSTROPHES)
    if apostrophe != -1:
        prefix = raw[:apostrophe].replace(JOINER, "").lower()
        if prefix in ELIDED_PREFIXES:
            body_start = apostrophe + 1
        else:
            # ``aujourd'hui``, ``quelqu'un`` or an English ``don't``: one word.
            return ()
    body = raw[body_start:]
    if "-" not in body and MIDDLE_DOT not in body and body_start == 0:
        return ()
    if MIDDLE_DOT in body:
        return _inclusive_parts(start + body_start, body)
    offset = body_start
    for segment in body.split("-"):
        word = segment.replace(JOINER, "")
        if len(word) >= 2:
            pieces.append(Part(start + offset, start + offset + len(segment), word))
        offset += len(segment) + 1
    return tuple(pieces)


def _inclusive_parts(start: int, body: str) -> tuple[Part, ...]:
    """``développeur·euses`` → the base ``développeur`` if the endings are known.

    ``tou·te·s``: the base alone may be no word while base + first ending is, so
    that spelling is an alternative.  An unknown ending makes the whole form the
    part to report.
    """
    base, *endings = body.split(MIDDLE_DOT)
    clean_base = base.replace(JOINER, "")
    clean_endings = [ending.replace(JOINER, "") for ending in endings]
    if all(ending.lower() in INCLUSIVE_ENDINGS for ending in clean_endings):
        return (Part(start, start + len(base), clean_base, (clean_base + clean_endings[0],)),)
    return (Part(start, start + len(body), body.replace(JOINER, "")),)


def _first_index(text: str, characters: str) -> int:
    positions = [text.find(char) for char in characters if char in text]
    return min(positions) if positions else -1
