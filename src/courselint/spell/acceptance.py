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
* English words in italics (``*one-liner*``), as French typography sets
  foreign words;
* an English word alone that no French word is close to (``deprecated``): a
  term of the trade, not a slip;
* a word the lesson uses in its code, or capitalised elsewhere, unless a
  French word is close to it;
* a word right after a noun that introduces a name (« la commande virsh »),
  unless a French word is close to it.

"Close" means one edit away, or only accents and ligatures apart: that is how
the French slips that happen to be English words look (``grace``, ``traffic``,
``video``, ``example``, ``role``), and they stay reported.  For an English word
alone, close also covers the English spelling of a French cognate
(``environment``, ``security``, ``resource``, ``developer``): French writers
slip into those.  The English dictionary never accepts a word just for being
English unless the configuration adds English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from courselint.spell.hunspell import SpellChecker
from courselint.spell.tokenize import ACRONYM, Part, Token, tokenize


def unknown_words(
    prose: str,
    checker: SpellChecker,
    lesson_words: frozenset[str] = frozenset(),
    raw: str | None = None,
    names: frozenset[str] = frozenset(),
    tokens: list[Token] | None = None,
) -> Iterator[Part]:
    """The unknown words of one block's masked prose, with their offsets.

    ``raw`` (the block's text with its markup, same length as ``prose``) lets
    words in italics count as foreign words, as French typography marks them.
    ``names`` (lowercase) are names the lesson uses elsewhere (in its code, or
    capitalised mid-sentence); they are accepted unless they look like a French
    word with a slip (``role`` beside ``roles/`` in code is still ``rôle``).
    """
    if tokens is None:  # callers that already tokenized the block pass its tokens
        tokens = tokenize(prose)
    italics = None  # found on the first unknown word only
    check = checker.check
    for index, token in enumerate(tokens):
        # Most words are known as written: what unknown_parts would conclude first.
        if token.acronym or check(token.word):
            continue
        parts = unknown_parts(token, checker, lesson_words)
        if parts and names:
            parts = [part for part in parts if not _is_name(part.word, names, checker)]
        if not parts:
            continue
        if _in_english_phrase(prose, tokens, index, checker):
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
_CLAUSE_BREAK = re.compile(r"[.,;:!?()«»\[\]{}\"“”]")


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
