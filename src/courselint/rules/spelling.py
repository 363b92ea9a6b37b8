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

Which unknown words are still accepted (names, anglicisms of the trade,
English phrases…) is explained in :mod:`courselint.spell.acceptance`: a course
names people, companies and products by the hundred, while the French slips
that look English (``grace``, ``traffic``, ``video``) stay reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from courselint.findings import Finding
from courselint.rules.base import make_finding, rule
from courselint.spell.acceptance import is_proper_noun, unknown_words
from courselint.spell.hunspell import DEFAULT_VARIANT, SpellChecker, get_checker
from courselint.spell.tokenize import tokenize
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
    # Built once per process (the words file is read then, not per lesson).
    checker = ctx.engine("spelling.hunspell", lambda: checker_for(section))
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
    # Tokenize each block once: the names pass and the check both read the tokens.
    tokens = [tokenize(block.prose) for block in lesson.blocks]
    names = _code_words(lesson) | _proper_nouns(tokens, checker)
    for block, block_tokens in zip(lesson.blocks, tokens):
        for part in unknown_words(
            block.prose, checker, lesson_words, raw=block.raw, names=names, tokens=block_tokens
        ):
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


_LETTERS = re.compile(r"[^\W\d_]{3,}")


def _code_words(lesson) -> frozenset[str]:
    """Words the lesson itself uses in its code (lowercased): names, never slips.

    ``lancez portainer`` next to ```docker run portainer/portainer``` is the
    name of a program; so is ``dnmonster`` in a lesson whose code block runs it.
    """
    words: set[str] = set()
    for token in getattr(lesson, "tokens", ()) or ():
        if token.type in ("fence", "code_block"):
            words.update(match.lower() for match in _LETTERS.findall(token.content))
        elif token.type == "inline" and "`" in token.content:
            # Only blocks with a backtick can hold code spans: parse just those inline.
            pending = list(lesson.inline_children(token))
            while pending:  # image descriptions have children of their own
                child = pending.pop()
                if child.type == "code_inline":
                    words.update(match.lower() for match in _LETTERS.findall(child.content))
                pending.extend(child.children or ())
    return frozenset(words)


def _proper_nouns(tokens_by_block, checker: SpellChecker) -> frozenset[str]:
    """Unknown capitalised words met in the middle of a sentence, lowercased.

    They are names (see the module docstring); the same name at the start of
    a sentence or written in lowercase elsewhere in the lesson is accepted too.
    """
    names: set[str] = set()
    for block_tokens in tokens_by_block:
        for token in block_tokens:
            if token.parts or token.acronym or token.sentence_start or not token.word[:1].isupper():
                continue
            if is_proper_noun(token.word, False) and not checker.check(token.word):
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
