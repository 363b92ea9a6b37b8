"""CL4xx: spelling, with Hunspell's French dictionary and a technical word list.

Words come from the masked prose of every block (headings, paragraphs, list
items, quotes, table cells, image alt text, text values of the front matter),
so code, URLs, HTML and shortcodes are never checked; see
:mod:`courselint.spell.tokenize` for what counts as a word.

Words a lesson may add for itself, in its front matter::

    spelling_words: [Hütterman, Mirantis]

(a YAML list, or one string of words separated by spaces).  Project-wide words
go in the words file (``.courselint-words.txt`` next to the configuration,
``courselint add-word MOT`` adds one) or in ``words = [...]`` of
``[tool.courselint.spelling]``.

Capitalised words in the middle of a sentence that the dictionary does not know
(``Heroku``, ``Hütterman``) are taken for proper nouns and accepted: a course
names people, companies and products by the hundred, and a slip in the middle
of a sentence rarely makes a capital letter.  The same word at the start of a
sentence or line is checked (``Falcultatif``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from courselint.findings import Finding
from courselint.rules.base import make_finding, rule
from courselint.spell.hunspell import DEFAULT_VARIANT, SpellChecker, get_checker
from courselint.spell.tokenize import Part, Token, tokenize
from courselint.spell.wordlist import DEFAULT_WORDS_FILE, read_words

CODE = "CL401"
NAME = "spelling.unknown-word"
LESSON_WORDS_KEY = "spelling_words"


@rule(CODE, NAME)
def spelling_unknown_word(lesson, ctx) -> Iterator[Finding]:
    """Mot inconnu du dictionnaire."""
    section = dict(ctx.config.section("spelling"))
    if section.get("engine", "hunspell") is None:
        return iter(())
    section["words_file"] = str(ctx.config.words_file)
    words = project_words(section)
    checker = ctx.engine(
        "spelling.hunspell",
        lambda: get_checker(
            section.get("variant", DEFAULT_VARIANT), section.get("languages", ["fr"]), words
        ),
    )
    return check_spelling(lesson, section, checker)


def project_words(config: Mapping) -> list[str]:
    """The ``words`` of the configuration plus those of its words file."""
    words = list(config.get("words", ()))
    words_file = config.get("words_file") or DEFAULT_WORDS_FILE
    words.extend(read_words(Path(words_file)))
    return words


def checker_for(config: Mapping) -> SpellChecker:
    """The process-wide checker for a ``[tool.courselint.spelling]`` section."""
    return get_checker(
        config.get("variant", DEFAULT_VARIANT), config.get("languages", ["fr"]), project_words(config)
    )


def check_spelling(lesson, config: Mapping, checker: SpellChecker) -> Iterator[Finding]:
    """Yield a CL401 finding for every unknown word of the lesson's prose.

    ``config`` is the ``[tool.courselint.spelling]`` section as a dict; only
    ``suggestions`` is read here (the checker already holds the words).
    """
    with_suggestions = bool(config.get("suggestions", True))
    lesson_words = _lesson_words(lesson.metadata)
    names = _code_words(lesson) | _proper_nouns(lesson, checker)
    for block in lesson.blocks:
        for part in unknown_words(block.prose, checker, lesson_words, raw=block.raw, names=names):
            line, column, end_line, end_column = block.span(part.start, part.end)
            yield make_finding(
                CODE,
                lesson.path,
                line,
                column,
                end_line,
                end_column,
                f"Mot inconnu du dictionnaire : « {part.word} »",
                word=part.word,
                suggestions=checker.suggest(part.word) if with_suggestions else (),
            )


def unknown_words(
    prose: str,
    checker: SpellChecker,
    lesson_words: frozenset[str] = frozenset(),
    raw: str | None = None,
    names: frozenset[str] = frozenset(),
) -> Iterator[Part]:
    """The unknown words of one block's masked prose, with their offsets.

    ``raw`` (the block's text with its markup, same length as ``prose``) lets
    words in italics count as foreign words, as French typography marks them.
    ``names`` (lowercase) are names the lesson uses elsewhere (in its code, or
    capitalised mid-sentence); they are accepted unless they look like a French
    word with a slip (``role`` beside ``roles/`` in code is still ``rôle``).
    """
    tokens = tokenize(prose)
    italics = _italic_spans(raw) if raw is not None else []
    for index, token in enumerate(tokens):
        parts = unknown_parts(token, checker, lesson_words)
        if parts and names:
            parts = [part for part in parts if not _is_name(part.word, names, checker)]
        if not parts:
            continue
        if _in_english_phrase(prose, tokens, index, checker):
            continue
        if _is_english_compound(token, checker):
            continue
        if _is_anglicism(token, checker):
            continue
        if any(start <= token.start and token.end <= end for start, end in italics) and _all_english(token, checker):
            continue
        yield from parts


# Italics (``*one-liner*``, ``_out-of-the-box_``), not bold: French typography sets
# foreign words in italics.
_ITALIC = re.compile(r"(?<![\w*_])(\*|_|\*\*\*|___)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*_])")


def _italic_spans(raw: str) -> list[tuple[int, int]]:
    return [(match.start(2), match.end(2)) for match in _ITALIC.finditer(raw)]


def _pieces(token: Token) -> list[str]:
    return [piece for piece in re.split(r"[-'\u2019\u00b7]", token.word) if piece]


def _is_name(word: str, names: frozenset[str], checker: SpellChecker) -> bool:
    return word.lower() in names and not checker.has_french_neighbour(word)


def _all_english(token: Token, checker: SpellChecker) -> bool:
    return all(checker.is_english(piece) for piece in _pieces(token))


def _is_anglicism(token: Token, checker: SpellChecker) -> bool:
    """An English word no French word is close to: a term of the trade, not a slip.

    ``traffic`` (``trafic``), ``example`` (``exemple``), ``grace`` (``grâce``) have a
    French neighbour and stay reported.
    """
    word = token.word
    return (
        len(word) >= 5
        and not token.parts
        and checker.is_english_only(word)
        and not checker.has_french_neighbour(word)
    )


def _is_english_compound(token: Token, checker: SpellChecker) -> bool:
    """``one-liner``, ``out-of-the-box``: every piece English, one at least not French."""
    pieces = _pieces(token)
    if "-" not in token.word or len(pieces) < 2:
        return False
    return all(checker.is_english(piece) for piece in pieces) and any(
        checker.is_english_like(piece) for piece in pieces
    )


def unknown_parts(token: Token, checker: SpellChecker, lesson_words: frozenset[str] = frozenset()) -> list[Part]:
    """The pieces of ``token`` to report (none when the word is acceptable)."""
    if token.acronym:
        return []

    def known(word: str) -> bool:
        return (
            word in lesson_words
            or word.lower() in lesson_words
            or checker.check(word)
            or _known_with_prefix(word, checker)
            or _known_trade_verb(word, checker)
            or _known_able_adjective(word, checker)
        )

    if known(token.word):
        return []
    if token.parts:
        return [
            part
            for part in token.parts
            if not known(part.word)
            and not _ACRONYM.match(part.word)
            and not any(known(alternative) for alternative in part.alternatives)
            and not _proper_noun(part.word, token.sentence_start and part.start == token.start)
        ]
    if _proper_noun(token.word, token.sentence_start) or checker.is_english_compound(token.word):
        return []
    if _initial_name(token.word, checker):
        return []
    return [Part(token.start, token.end, token.word)]


_ACRONYM = re.compile(r"^[A-ZÀ-Þ]{2,5}s?$")

# Prefixes French glues onto any word (« multiconteneurs », « autoconfiguration »,
# « réessai »).  ``pre``/``de`` without accent are left out on purpose: they are
# the slips (``prefixer`` for ``préfixer``), not the prefixes.
PRODUCTIVE_PREFIXES = (
    "multi", "auto", "micro", "macro", "méta", "meta", "mono", "poly", "semi", "inter",
    "intra", "hyper", "super", "ultra", "mini", "pseudo", "anti", "post", "pré", "cyber",
    "nano", "sous", "sur", "re", "ré",
)
_SHORT_PREFIXES = ("re", "ré", "sur")


# French endings put on a word of the trade to make a verb or an adjective of it
# (« pinguer », « backupé », « debuggez », « hébergeable »), longest first.
TRADE_VERB_ENDINGS = tuple(
    sorted(
        """er é ée és ées ez ons ent e es ait aient ant era eront erait erais
        able ables""".split(),
        key=len,
        reverse=True,
    )
)


def _known_trade_verb(word: str, checker: SpellChecker) -> bool:
    """A French form built on a word of the technical list: ``logguer`` on ``log``.

    Only the shipped technical list counts as a base, never any English word:
    ``executer`` (on ``execute``) and ``controller`` stay French slips.
    """
    lowered = word.lower()
    for ending in TRADE_VERB_ENDINGS:
        if not lowered.endswith(ending) or len(lowered) - len(ending) < 3:
            continue
        stem = lowered[: -len(ending)]
        for base in _stems(stem):
            if checker.is_tech_word(base):
                return True
    return False


def _stems(stem: str) -> list[str]:
    """``loggu`` → ``loggu``, ``logg``, ``log``; ``packag`` → ``package``."""
    candidates = [stem, stem + "e"]
    if stem.endswith("u"):
        candidates.append(stem[:-1])
    for candidate in list(candidates):
        if len(candidate) > 3 and candidate[-1] == candidate[-2]:
            candidates.append(candidate[:-1])
    return candidates


def _known_able_adjective(word: str, checker: SpellChecker) -> bool:
    """``hébergeable``, ``versionnables``: -able on a verb in -er the dictionary knows."""
    lowered = word.lower()
    for ending in ("ables", "able"):
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            stem = lowered[: -len(ending)]
            verb = stem + "r" if stem.endswith("e") else stem + "er"
            return checker.check(verb) or _known_trade_verb(verb, checker)
    return False


def _known_with_prefix(word: str, checker: SpellChecker) -> bool:
    lowered = word.lower()
    for prefix in PRODUCTIVE_PREFIXES:
        if not lowered.startswith(prefix):
            continue
        rest = lowered[len(prefix) :]
        minimum = 5 if prefix in _SHORT_PREFIXES else 4
        if len(rest) >= minimum and rest[0].isalpha() and (checker.check(rest) or _known_trade_verb(rest, checker)):
            return True
    return False


def _proper_noun(word: str, sentence_start: bool) -> bool:
    return not sentence_start and word[:1].isupper() and word[1:].islower()


def _initial_name(word: str, checker: SpellChecker) -> bool:
    """A capitalised word at the start of a sentence that no French word is close to.

    ``Portainer permet…``: a name.  A slip at the start of a sentence stays one
    edit from its French word (``Falcultatif``, ``Restestez``, ``Desactiver``)
    and is reported; the test here counts every substitution, to stay strict.
    """
    return (
        len(word) >= 4
        and word[:1].isupper()
        and word[1:].islower()
        and not checker.has_french_neighbour(word, any_substitution=True)
    )


# English words that only occur in English phrases ("Infrastructure as Code" is
# French-compatible; "the", "of", "and" are not).  Words French shares (``on``,
# ``a``, ``as``, ``an``, ``or``) are left out: beside them a word proves nothing.
ENGLISH_FUNCTION_WORDS = frozenset(
    """
    the of and to for with by from in at is are be been was were it its this
    that these those your you we they their our my not no all how what when
    why which who with without into over under per than then there here
    will would can could should must may do does did has have had
    """.split()
)
_CLAUSE_BREAK = re.compile(r"[.,;:!?()«»\[\]{}\"“”]")


def _in_english_phrase(prose: str, tokens: list[Token], index: int, checker: SpellChecker) -> bool:
    """An English word next to another English word of the same clause (``Red Hat``).

    A course quotes English names and phrases; a French slip that happens to be an
    English word (``grace``, ``traffic``, ``video``) stands among French words and
    stays reported.
    """
    token = tokens[index]
    if not checker.is_english_only(token.word):
        return False
    for neighbour in (index - 1, index + 1):
        if not 0 <= neighbour < len(tokens):
            continue
        other = tokens[neighbour]
        gap = prose[min(token.end, other.end) : max(token.start, other.start)]
        if _CLAUSE_BREAK.search(gap):
            continue
        if other.word.lower() in ENGLISH_FUNCTION_WORDS:
            return True
        if not other.acronym and not other.word.isupper() and checker.is_english_like(other.word):
            return True
    return False


_CODE_TOKENS = frozenset({"fence", "code_block", "code_inline"})
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def _code_words(lesson) -> frozenset[str]:
    """Words the lesson itself uses in its code (lowercased): names, never slips.

    ``lancez portainer`` next to ```docker run portainer/portainer``` is the
    name of a program; so is ``dnmonster`` in a lesson whose code block runs it.
    """
    words: set[str] = set()
    pending = list(getattr(lesson, "tokens", ()) or ())
    while pending:
        token = pending.pop()
        if token.type in _CODE_TOKENS:
            words.update(match.lower() for match in _LETTERS.findall(token.content))
        if token.children:
            pending.extend(token.children)
    return frozenset(words)


def _proper_nouns(lesson, checker: SpellChecker) -> frozenset[str]:
    """Unknown capitalised words met in the middle of a sentence, lowercased.

    They are names (see the module docstring); the same name at the start of
    a sentence or written in lowercase elsewhere in the lesson is accepted too.
    """
    names: set[str] = set()
    for block in lesson.blocks:
        for token in tokenize(block.prose):
            if token.parts or token.acronym or token.sentence_start:
                continue
            if _proper_noun(token.word, False) and not checker.check(token.word):
                names.add(token.word.lower())
    return frozenset(names)


def _lesson_words(metadata: Mapping) -> frozenset[str]:
    value = metadata.get(LESSON_WORDS_KEY) if isinstance(metadata, Mapping) else None
    if isinstance(value, str):
        items = value.split()
    elif isinstance(value, list):
        items = [str(item) for item in value if isinstance(item, (str, int, float))]
    else:
        return frozenset()
    words = set(items)
    words.update(item.lower() for item in items)
    return frozenset(words)
