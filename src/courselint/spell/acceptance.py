"""Why a word the dictionary does not know may still be fine.

Hunspell's French dictionary plus the technical list (``data/tech-words-fr.txt``)
decide first.  A word they do not know is still accepted when it is:

* an acronym or an ALL-CAPS word (``LXC``, ``PIDs``, ``WORKDIR``): names and
  constants, and French capitals often drop their accents;
* a word the lesson lists in its front matter (``spelling_words``);
* a French prefix glued to a known word (``multiconteneurs``, ``réessai``),
  unless it is English (``resource``) or French once its accents are back
  (``reseaux``);
* a French verb or adjective built on a word of the technical list
  (``logguer``, ``debuggez``, ``hébergeable``);
* a compound whose parts are known (parts are reported, never the whole);
* a capitalised word in the middle of a sentence (``Heroku``), or one at the
  start of a sentence that no French word is close to (``Portainer permet``);
* half of an expression the technical list holds with a hyphen, written with
  a space (``control plane``, ``load balancer``);
* two English words glued (``loadbalancing``) or hyphenated (``one-liner``),
  when no French word is close to the whole;
* an English word next to another English word (``Red Hat``), unless it is
  a French word without its accents (``grace``, ``role``);
* a word of an English phrase: a run of words of one clause that at least two
  English words mark as English (``Kubernetes the hard way``, ``it works on my
  machine``), see :func:`_english_phrases`;
* English words in italics (``*one-liner*``), as French typography sets
  foreign words;
* an English word alone that no French word is close to (``deprecated``): a
  term of the trade, not a slip;
* a word the lesson uses in its code, or capitalised elsewhere, unless a
  French word is close to it;
* a word right after a noun that introduces a name (« la commande virsh »),
  unless a French word is close to it.

The other way round, a word the technical list knows is still reported
(``FRENCH_SLIP``) when it is a French word with its accents dropped standing
in a French sentence (« les roles »), see :func:`_in_french_sentence`; a word
the dictionary knows once ``oe``/``ae`` are written ``œ``/``æ`` is reported as
``LIGATURE`` (its own code); Lorem ipsum, to the end of its block, is not checked.

"Close" means one edit away, or only accents and ligatures apart: that is how
the French slips that happen to be English words look (``grace``, ``traffic``,
``video``, ``example``, ``role``), and they stay reported.  For an English word
alone, close also covers the English spelling of a French cognate
(``environment``, ``security``, ``resource``, ``developer``): French writers
slip into those.  The English dictionary never accepts a word just for being
English unless the configuration adds English.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from courselint.spell.dictionary import data_dir
from courselint.spell.hunspell import SpellChecker
# Kinds of flagged words (``Flagged.kind``); the CL4xx rules map them to codes.
from courselint.spell.kinds import FRENCH_SLIP, LIGATURE, UNKNOWN  # noqa: F401
from courselint.spell.tokenize import ACRONYM, Part, Token, tokenize


@dataclass(frozen=True, slots=True)
class Flagged:
    """A word to report: ``prose[start:end]``, why, and the French form it stands for if known."""

    start: int
    end: int
    word: str
    kind: str = UNKNOWN
    #: The form the word should take (ligature or accents put back): the first suggestion.
    form: str | None = None


# Lorem ipsum is placeholder Latin: from there to the end of its paragraph, no French prose.
_LOREM = re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE)


@functools.cache
def _placeholder_words() -> frozenset[str]:
    text = (data_dir() / "placeholder-latin.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


def is_placeholder_latin(tokens) -> bool:
    """Filler Latin that does not open with « Lorem ipsum » (« Donec massa lacus, ultricies a… »).

    At least three words, most of them (three in five) from the filler's vocabulary, and
    at least two of those unknown to French: « Une note et un ex » is French.
    """
    words = [token.word.lower() for token in tokens if not token.acronym]
    if len(words) < 3:
        return False
    vocabulary = _placeholder_words()
    latin = [word for word in words if word in vocabulary]
    not_french = {word for word in latin if word not in _FRENCH_TOO}
    return len(latin) * 5 >= len(words) * 3 and len(not_french) >= 2


#: Filler words French writes too: they prove nothing on their own.
_FRENCH_TOO = frozenset("a ad at do est et ex in non qui ut".split())


def unknown_words(
    prose: str,
    checker: SpellChecker,
    lesson_words: frozenset[str] = frozenset(),
    raw: str | None = None,
    names: frozenset[str] = frozenset(),
    tokens: list[Token] | None = None,
) -> Iterator[Flagged]:
    """The words of one block's masked prose to report, with their offsets and kind.

    ``raw`` (the block's text with its markup, same length as ``prose``) lets
    words in italics count as foreign words, as French typography marks them,
    and link text or quotations end an English phrase.
    ``names`` (lowercase) are names the lesson uses elsewhere (in its code, or
    capitalised mid-sentence); they are accepted unless they look like a French
    word with a slip (``role`` beside ``roles/`` in code is still ``rôle``).
    """
    if tokens is None:  # callers that already tokenized the block pass its tokens
        tokens = tokenize(prose)
    lorem = _LOREM.search(prose)
    # Filler Latin without « Lorem ipsum » is a block with nothing to report: asked
    # before the first word reported, most blocks (nothing to report) never ask.
    latin: bool | None = None
    if lorem is not None:
        # Placeholder Latin runs to the end of its paragraph; French before it is still read.
        tokens = [token for token in tokens if token.end <= lorem.start()]
        latin = False
    italics = None  # found on the first unknown word only
    phrases = None  # likewise, the tokens that stand in an English phrase
    check = checker.check
    for index, token in enumerate(tokens):
        if token.acronym:
            continue
        # Most words are known as written: what unknown_parts would conclude first.
        if check(token.word):
            # Known only through the technical list, it may still be a French word
            # with its accents dropped (« les roles »): only the context tells.
            if not token.parts and not _lesson_word(token.word, lesson_words):
                form = _slip_form(token.word, checker)
                if form is not None:
                    if phrases is None:
                        phrases = _english_phrases(prose, raw, tokens, checker)
                    if italics is None and raw is not None:
                        italics = _italic_spans(raw)
                    if _in_french_sentence(token, index, tokens, prose, raw, phrases, italics or (), checker):
                        if latin is None:
                            latin = is_placeholder_latin(tokens)
                        if latin:
                            return
                        yield Flagged(token.start, token.end, token.word, FRENCH_SLIP, form)
            continue
        parts = unknown_parts(token, checker, lesson_words)
        if parts and names:
            parts = [part for part in parts if not _is_name(part.word, names, checker)]
        if not parts:
            continue
        if _in_english_phrase(prose, tokens, index, checker):
            continue
        if phrases is None:
            phrases = _english_phrases(prose, raw, tokens, checker)
        if index in phrases:
            continue
        if _in_listed_expression(prose, tokens, index, checker):
            continue
        if _is_english_compound(token, checker):
            continue
        if _named_by_category(prose, tokens, index, checker):
            continue
        if _is_anglicism(token, checker):
            continue
        if italics is None and raw is not None:
            italics = _italic_spans(raw)
        if any(start <= token.start and token.end <= end for start, end in italics or ()) and _all_english(token, checker):
            continue
        if latin is None:
            latin = is_placeholder_latin(tokens)
        if latin:
            return
        for part in parts:
            ligature = checker.ligature_form(part.word)
            if ligature is not None:
                yield Flagged(part.start, part.end, part.word, LIGATURE, ligature)
            else:
                yield Flagged(part.start, part.end, part.word)


def nothing_to_report(prose: str, checker: SpellChecker) -> bool:
    """True when :func:`unknown_words` certainly flags nothing in ``prose``, before tokenizing it.

    Most blocks hold only words the dictionaries know.  The tokens of a chunk (a
    run of non-space characters) depend on the chunk alone; so does whether each
    of them is let through at the first test of :func:`unknown_words` (an acronym,
    or a known word that is no listed slip; lesson words only let more through).
    A block made of such chunks gives no finding and no name: its tokens need not
    be built.  Memoised per chunk, per checker: a course repeats its chunks.
    """
    memo = _QUIET_CHUNKS.get(checker)
    if memo is None or len(memo) > _QUIET_CHUNKS_LIMIT:
        memo = _QUIET_CHUNKS[checker] = {}
    for chunk in prose.split():
        quiet = memo.get(chunk)
        if quiet is None:
            if chunk.isalpha() and chunk.islower():
                # Most chunks: one plain lowercase word, the token tokenize makes of it
                # (none under two letters), without building it.
                quiet = len(chunk) < 2 or _known_no_slip(chunk, checker)
            else:
                quiet = all(_let_through(token, checker) for token in tokenize(chunk))
            memo[chunk] = quiet
        if not quiet:
            return False
    return True


def _let_through(token: Token, checker: SpellChecker) -> bool:
    """What the first test of :func:`unknown_words` concludes of a token in any context and lesson."""
    if token.acronym:
        return True
    if token.parts:
        return checker.check(token.word)
    return _known_no_slip(token.word, checker)


def _known_no_slip(word: str, checker: SpellChecker) -> bool:
    """A known word that is no word of the technical list standing for a French one."""
    return checker.check(word) and _slip_form(word, checker) is None


def _slip_form(word: str, checker: SpellChecker) -> str | None:
    """For a word of the technical list, the French word its accents dropped (``roles`` → ``rôles``)."""
    return checker.listed_slip_form(word) if checker.is_tech_word(word) else None


#: Per checker (its words change the answers), dropped with it; a language server
#: running for days starts a new memo past the limit (about 10 MB; the 241 files of
#: bench/real_course.py hold some 31,000 distinct chunks).
_QUIET_CHUNKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_QUIET_CHUNKS_LIMIT = 100_000


def _lesson_word(word: str, lesson_words: frozenset[str]) -> bool:
    return bool(lesson_words) and (word in lesson_words or word.lower() in lesson_words)


def _in_french_sentence(
    token: Token,
    index: int,
    tokens: list[Token],
    prose: str,
    raw: str | None,
    phrases: frozenset[int],
    italics,
    checker: SpellChecker,
) -> bool:
    """A word of the technical list standing as a French word of a French sentence.

    Not when capitalised in the middle of a sentence (a product: « Roles »), in an
    English phrase, in italics (a foreign word), or right after a name or an
    English word of the same clause (« Ansible roles », « les playbooks et roles »
    reads French, « Galaxy roles » names a thing); code never reaches here.
    """
    word = token.word
    if word[:1].isupper() and not token.sentence_start:
        return False
    if index in phrases:
        return False
    if any(start <= token.start and token.end <= end for start, end in italics):
        return False
    if index > 0:
        previous = tokens[index - 1]
        gap = (raw if raw is not None else prose)[previous.end : token.start]
        if not _CLAUSE_BREAK.search(gap):
            if previous.acronym or (previous.word[:1].isupper() and not previous.sentence_start):
                return False
            if checker.is_english_only(previous.word) or previous.word.lower() in ENGLISH_FUNCTION_WORDS:
                return False
    return True


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


# Nouns after which French writes the name of a thing: « la commande virsh »,
# « l'outil portainer », « le module argparse ».
NAME_INTRODUCERS = frozenset(
    """
    commande commandes outil outils logiciel logiciels programme programmes
    paquet paquets package packages module modules bibliothèque bibliothèques
    librairie librairies projet projets application applications app apps
    service services image images conteneur conteneurs plugin plugins
    extension extensions utilitaire utilitaires framework frameworks
    plateforme plateformes distribution distributions pilote driver
    fonction fonctions méthode méthodes classe classes binaire exécutable
    script scripts rôle rôles collection collections provider providers
    chart charts opérateur opérateurs démon daemon serveur client
    """.split()
)


def _named_by_category(prose: str, tokens: list[Token], index: int, checker: SpellChecker) -> bool:
    """A word right after a noun that introduces a name, and far from any French word."""
    token = tokens[index]
    if index == 0 or token.parts:
        return False
    previous = tokens[index - 1]
    if previous.word.lower() not in NAME_INTRODUCERS:
        return False
    if _CLAUSE_BREAK.search(prose[previous.end : token.start]):
        return False
    return not checker.has_french_neighbour(token.word, any_substitution=True)


def _is_anglicism(token: Token, checker: SpellChecker) -> bool:
    """An English word no French word is close to: a term of the trade, not a slip.

    Close means one edit away, accents apart, or the French spelling of an
    English cognate: ``traffic`` (``trafic``), ``grace`` (``grâce``),
    ``environment`` (``environnement``), ``security`` (``sécurité``) stay reported;
    ``deprecated`` or ``forwarding`` do not.
    """
    word = token.word
    return (
        len(word) >= 5
        and not token.parts
        and checker.is_english_only(word)
        and not checker.has_french_neighbour(word)
        and not checker.has_french_cognate(word)
    )


def _in_listed_expression(prose: str, tokens: list[Token], index: int, checker: SpellChecker) -> bool:
    """Half of an expression the technical list holds with a hyphen (« le control plane »)."""
    for first, second in ((index - 1, index), (index, index + 1)):
        if first < 0 or second >= len(tokens):
            continue
        left, right = tokens[first], tokens[second]
        if prose[left.end : right.start].strip():
            continue
        if checker.is_tech_word(f"{left.word}-{right.word}"):
            return True
    return False


def _is_english_compound(token: Token, checker: SpellChecker) -> bool:
    """``one-liner``, ``out-of-the-box``: every piece English, one at least not French."""
    pieces = _pieces(token)
    if "-" not in token.word or len(pieces) < 2:
        return False
    return all(checker.is_english(piece) for piece in pieces) and any(
        checker.is_english_like(piece) for piece in pieces
    )


#: Longer than any word of the dictionaries or of the trade (« anticonstitutionnellement »
#: has 25 letters): such a token is reported as it is, without a closer look.
MAX_WORD_LENGTH = 60


def unknown_parts(token: Token, checker: SpellChecker, lesson_words: frozenset[str] = frozenset()) -> list[Part]:
    """The pieces of ``token`` to report (none when the word is acceptable)."""
    if token.acronym:
        return []
    if len(token.word) > MAX_WORD_LENGTH:
        # No dictionary word is this long; the acceptance tests below cut and
        # look up pieces (quadratic in the length): report it whole, at once.
        return [Part(token.start, token.end, token.word)]

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
            and not ACRONYM.match(part.word)
            and not any(known(alternative) for alternative in part.alternatives)
            and not is_proper_noun(part.word, token.sentence_start and part.start == token.start)
        ]
    if is_proper_noun(token.word, token.sentence_start) or checker.is_english_compound(token.word):
        return []
    if _initial_name(token.word, checker):
        return []
    return [Part(token.start, token.end, token.word)]


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
            # ``resource`` is re + source, but first a slip of ``ressource``;
            # ``reseaux`` is re + seaux, but first ``réseaux``.
            return not (checker.is_english(word) or checker.has_accent_neighbour(word))
    return False


def is_proper_noun(word: str, sentence_start: bool) -> bool:
    """``Heroku`` in the middle of a sentence: a slip rarely makes a capital letter."""
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
# French function words, some of which English knows too (``et``, ``les``, ``des``):
# between two English words they make the clause French (« roles et tasks »).
FRENCH_FUNCTION_WORDS = frozenset(
    """
    le la les l un une des du de d et est sont dans pour par avec sans sur sous au aux
    ce cet cette ces qui que qu ou où il elle ils elles nous vous je tu ne pas plus
    mais donc car ni se sa son ses leur leurs mon ma mes ton ta tes notre nos votre vos
    """.split()
)
_CLAUSE_BREAK = re.compile(r"[.,;:!?()«»\[\]{}\"“”]")


def _english_phrases(prose: str, raw: str | None, tokens: list[Token], checker: SpellChecker) -> frozenset[int]:
    """Indices of the tokens that stand in a run of English words.

    A run is a stretch of one clause (punctuation, quotes, link brackets end it:
    they are read on ``raw`` when given, the masked prose turns brackets into
    spaces) without a word only French knows.  It is English when at least two of
    its words say so: an English function word (``the``, ``of``, ``my``), an
    English word French does not know (``works``, ``way``) and not a French word
    with its accents dropped, an English word of the technical list
    (``rewrite``), or a capitalised English word of a title
    (« State of DevOps Report »).  Words French shares (``on``, ``machine``,
    ``hard``) and names are neutral: they neither prove nor break a run.  A lone
    English word among French ones is no phrase (« la video », « le traffic »).
    """
    text = raw if raw is not None and len(raw) == len(prose) else prose
    found: set[int] = set()
    run: list[int] = []
    evidence = 0
    previous_end = None

    def close() -> None:
        if evidence >= 2 and len(run) >= 2:
            found.update(run)

    for index, token in enumerate(tokens):
        if previous_end is not None and _CLAUSE_BREAK.search(text[previous_end : token.start]):
            close()
            run, evidence = [], 0
        previous_end = token.end
        weight = _english_weight(token, checker)
        if weight is None:  # a word only French knows: the run ends before it
            close()
            run, evidence = [], 0
            continue
        run.append(index)
        evidence += weight
    close()
    return frozenset(found)


def _english_weight(token: Token, checker: SpellChecker) -> int | None:
    """1 for a word that says English, 0 for a neutral one, None for a French-only word.

    Memoised per checker for a token without parts: the answer then depends on its
    word and whether it opens a sentence only, and a course repeats its words.
    """
    if token.parts:
        return _weight_of(token, checker)
    memo = _WEIGHTS.get(checker)
    if memo is None:
        memo = _WEIGHTS[checker] = {}
    key = (token.word, token.sentence_start, token.acronym)
    weight = memo.get(key, _UNSET)
    if weight is _UNSET:
        weight = memo[key] = _weight_of(token, checker)
    return weight


#: Per checker (its words change the answers), dropped with it.
_WEIGHTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_UNSET = object()


def _weight_of(token: Token, checker: SpellChecker) -> int | None:
    word = token.word
    lowered = word.lower()
    if token.acronym or any(char.isdigit() for char in word):
        return 0
    if lowered in ENGLISH_FUNCTION_WORDS:
        return 1
    if lowered in FRENCH_FUNCTION_WORDS:  # « et » is English too (« et al. »), but it makes a French clause
        return None
    if token.parts:
        return 0 if _all_english(token, checker) else None
    if not checker.is_english(word):
        # An unknown name (« Kubernetes ») is neutral; a French word or a French slip is not English.
        capitalised = word[:1].isupper() and not token.sentence_start
        return 0 if capitalised or checker.is_tech_word(word) else None
    if checker.is_english_only(word):
        return 0 if checker.has_accent_neighbour(word) else 1
    if checker.is_english_like(word):  # an English word of the trade (``rewrite``, ``load``)
        return 1
    # English and French both know it (``on``, ``machine``, ``Report``): a capital
    # in the middle of a sentence makes it a word of an English title.
    if word[:1].isupper() and word[1:].islower() and not token.sentence_start:
        return 1
    return 0


def _in_english_phrase(prose: str, tokens: list[Token], index: int, checker: SpellChecker) -> bool:
    """An English word next to another English word of the same clause (``Red Hat``).

    A course quotes English names and phrases; a French slip that happens to be an
    English word (``grace``, ``traffic``, ``video``) stands among French words and
    stays reported.  English function words (``the``, ``by``) are accepted beside
    an English word even when French knows them with an accent (``thé``).
    """
    token = tokens[index]
    if not checker.is_english_only(token.word):
        return False
    # ``the`` is ``thé`` with its accent dropped, but a French slip of « thé »
    # sits among French words; next to an English word it is the article.
    function_word = token.word.lower() in ENGLISH_FUNCTION_WORDS
    if checker.has_accent_neighbour(token.word) and not function_word:
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
