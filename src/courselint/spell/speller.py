"""One lesson's spelling pass, as plain data in and out.

The CL401 rule turns a lesson into a :class:`SpellRequest` (the masked prose of
each block, the words its code uses, the words its front matter adds) and the
answer, a list of :class:`UnknownWord`, into findings.  Between the two only the
checker is needed, so the pass can run in this process or in the child of
:mod:`courselint.spell.preload`, which loads the dictionaries while this process
is still importing and parsing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from courselint.spell.kinds import LIGATURE, UNKNOWN
from courselint.spell.wordlist import DEFAULT_WORDS_FILE, read_words

if TYPE_CHECKING:
    from courselint.spell.hunspell import SpellChecker

# The checker and the acceptance tests (Hunspell, the tables, their regexes) are
# imported where they are used: a process whose spelling runs in the preloaded
# child (spell/preload.py) only builds requests and reads answers.


@dataclass(frozen=True)
class SpellRequest:
    """What the spelling pass needs to know about one lesson."""

    #: ``(prose, raw)`` of each block, in the lesson's order.
    blocks: tuple[tuple[str, str], ...]
    #: Words the lesson uses in its code, lowercased (names, never slips).
    code_words: frozenset[str] = frozenset()
    #: Words the lesson's front matter adds (``spelling_words``), as written and lowercased.
    lesson_words: frozenset[str] = frozenset()
    suggestions: bool = True


@dataclass(frozen=True)
class UnknownWord:
    """A word to report: ``prose[start:end]`` of block number ``block``.

    ``kind`` says why (see :mod:`courselint.spell.acceptance`): ``unknown`` (no
    dictionary knows it), ``ligature`` (``noeud`` for ``nœud``), ``french-slip``
    (a word of the technical list or of English standing for a French word in a
    French sentence: « les roles »).  The rules map kinds to codes.
    """

    block: int
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...] = ()
    kind: str = UNKNOWN
    #: The one correct form when it is certain (a missing ligature, or accents that only
    #: one French word matches): ``check --fix`` writes it without asking.
    safe_form: str | None = None


def project_words(config: Mapping) -> list[str]:
    """The ``words`` of the configuration plus those of its words file."""
    words = list(config.get("words", ()))
    words_file = config.get("words_file") or DEFAULT_WORDS_FILE
    words.extend(read_words(Path(words_file)))
    return words


def checker_for(config: Mapping) -> SpellChecker:
    """The process-wide checker for a ``[tool.courselint.spelling]`` section."""
    from courselint.spell.hunspell import DEFAULT_VARIANT, get_checker

    return get_checker(
        config.get("variant", DEFAULT_VARIANT), config.get("languages", ["fr"]), project_words(config)
    )


def find_unknown(request: SpellRequest, checker: SpellChecker) -> list[UnknownWord]:
    """The unknown words of a lesson, block by block, with their suggestions."""
    from courselint.spell.acceptance import MAX_WORD_LENGTH, nothing_to_report, unknown_words
    from courselint.spell.tokenize import tokenize

    # Tokenize each block once: the names pass and the check both read the tokens.
    # A block of known words only (most of them) is not tokenized at all: it has
    # neither a word to report nor a name.
    tokens = [None if nothing_to_report(prose, checker) else tokenize(prose) for prose, _ in request.blocks]
    names = request.code_words | _proper_nouns(tokens, checker)
    found = []
    for number, ((prose, raw), block_tokens) in enumerate(zip(request.blocks, tokens)):
        if block_tokens is None:
            continue
        for part in unknown_words(
            prose, checker, request.lesson_words, raw=raw, names=names, tokens=block_tokens
        ):
            # Hunspell's suggestions cost time with the length: none for a runaway token.
            wanted = request.suggestions and len(part.word) <= MAX_WORD_LENGTH
            suggestions = checker.suggest(part.word) if wanted else ()
            safe = None
            if part.kind == LIGATURE:
                safe = part.form
            elif part.kind == UNKNOWN:
                # No dictionary in use knows the word, and one French word alone has its
                # letters with other accents: the fix has one reading (`check --fix`).
                safe = checker.accent_form(part.word)
            form = part.form or safe
            if form is not None:
                # The form the word was recognised by is certain: it comes first,
                # and is given even without suggestions (it is the fix).
                suggestions = (form, *(s for s in suggestions if s != form))
            found.append(UnknownWord(number, part.start, part.end, part.word, suggestions, part.kind, safe))
    return found


def _proper_nouns(tokens_by_block, checker: SpellChecker) -> frozenset[str]:
    """Unknown capitalised words met in the middle of a sentence, lowercased.

    They are names (see ``rules/spelling.py``); the same name at the start of a
    sentence or written in lowercase elsewhere in the lesson is accepted too.
    """
    from courselint.spell.acceptance import is_proper_noun

    names: set[str] = set()
    for block_tokens in tokens_by_block:
        for token in block_tokens or ():
            if token.parts or token.acronym or token.sentence_start or not token.word[:1].isupper():
                continue
            if is_proper_noun(token.word, False) and not checker.check(token.word):
                names.add(token.word.lower())
    return frozenset(names)
