"""Which candidate words could be forms of the French dictionary, without asking Hunspell.

Suggestions for a slip, and the tests "is a French word close to this one?",
look at hundreds of candidates per word (every accent, every one-letter edit).
Hunspell's lookup of a word it does not know costs about 40 µs on the French
dictionary, since it tries every affix rule; two tables built from the shipped
dictionary by ``scripts/build_spelling_tables.py`` answer "certainly not" first:

* ``fr-4grams.txt``: every sequence of four characters (``^`` and ``$`` mark the
  ends) found in a form.  A candidate with another sequence (``consomqmation``)
  is no French word, and an edit that leaves such a sequence of the typed word
  intact cannot make one, so candidates are only generated where an edit can
  remove all of them.
* ``fr-forms.crc32``: the sorted CRC-32 of every form.  A candidate whose CRC-32
  is missing is no form; one whose CRC-32 is present still goes to Hunspell,
  which settles the rare collision (about one candidate in 7,000).
* ``fr-forms.marisa`` and ``fr-forms-reversed.marisa``: every form, and every
  form spelled backwards, in two MARISA tries (1.5 and 1.8 MB, memory-mapped, read
  on first use).  They answer "does some form begin (end) with this?", which
  confines a two-edit search to the positions where an edit can still give a
  form (:meth:`FormFilter.prefix_length`, :meth:`FormFilter.suffix_start`).
* ``fr-forms-near.marisa``: every form and every form with one letter removed
  (4.5 million strings, 10 MB, memory-mapped).  A word that is none of these and
  none of whose one-letter deletions is one has no form one edit away
  (:meth:`FormFilter.near_edits`): a name or an English word is not edited letter
  by letter to learn that, and a two-edit search skips the nine in ten of its
  intermediate words that have no form one edit away.
* ``fr-forms-keepcase.txt``: the lowercase forms whose capitalised or capital
  writing Hunspell refuses (``bar``, ``fr``: a homonym marked KEEPCASE); every
  other lowercase form of the tries is known capitalised too
  (:meth:`FormFilter.known_capitalised`).

* ``fr-forms-elisions.u16``: for each key of ``fr-forms.marisa`` (by its key id),
  the elisions Hunspell accepts before it (``l'``, ``d'``, ``qu'``… before the
  form; ``l'``, ``d'``, ``qu'`` before its Capitalised writing: ``l'Objectif``).
  With it and the BREAK rule at hyphens (:meth:`FormFilter.answer`) the tables
  answer nearly every word of a French lesson, and the dictionary is only loaded
  for the others.

A "form" is one Hunspell accepts: ``unmunch`` writes about 150,000 more that it
refuses (impossible conjugations of compound verbs), left out.  So for the
variant the tables are built from (``TABLES_VARIANT``) a form of the tries is a
known word, and the checker answers from them without asking Hunspell.

The words a checker adds (the technical list, the project's words) are added
here too.  The forms table holds no form the dictionary's elisions make
(``l'arbre``): the elisions table says which elisions the word after the
apostrophe takes.  A form whose apostrophe is no such elision is held whole
(``aujourd'hui``, ``presqu'île``).  Hyphenated
candidates and those with an apostrophe pass the 4-gram test unchecked.
"""

from __future__ import annotations

import array
import bisect
import functools
import hashlib
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

from courselint.spell.edits import (
    ACCENTS,
    FRENCH_LETTERS,
    MAX_ACCENT_VARIANTS,
    VOWELS,
    accent_variants,
    one_edit,
)

NGRAM = 4
#: Contexts memoised by FormFilter.one_edit before the memo starts afresh (a few MB).
_BETWEEN_LIMIT = 50_000
NGRAMS_FILE = "fr-4grams.txt"
FORMS_FILE = "fr-forms.crc32"
PREFIX_TRIE_FILE = "fr-forms.marisa"
SUFFIX_TRIE_FILE = "fr-forms-reversed.marisa"
NEAR_TRIE_FILE = "fr-forms-near.marisa"
KEEPCASE_FILE = "fr-forms-keepcase.txt"
CAPITALS_FILE = "fr-forms-capitals.txt"
UNITS_FILE = "fr-forms-units.txt"
ELISIONS_FILE = "fr-forms-elisions.u16"
#: The elided words the dictionary's elision rules make, lowercase, in the bit order
#: of ``fr-forms-elisions.u16``; the words of one group share a rule (the build
#: checks that they take the same words).
ELISIONS = (("l",), ("d",), ("qu",), ("jusqu",), ("lorsqu", "puisqu", "quoiqu"), ("n",), ("j",), ("m",), ("t",), ("s",), ("c", "ç"))
ELISION_HEADS = tuple(head for heads in ELISIONS for head in heads)
#: The elisions whose rules also capitalise the word after them (``l'Objectif``,
#: ``d'Ansible``): their bits follow those of ELISIONS.
CAPITALISING_ELISIONS = ("l", "d", "qu")
#: The dictionary's BREAK points that can occur in a word of letters, in its order
#: (its ``.`` cannot; its ``^'`` and ``'$`` only at the ends of a word).
BREAK_POINTS = ("-", "\u00b7")  # _has_break spells them out
#: The key of the prefix trie that names the digest of the inputs (no form starts with ``#``).
TRIE_DIGEST_KEY = "#inputs "
#: The dictionary variant the tables are built from (``VARIANTS`` of spell/hunspell.py):
#: they hold only forms its Hunspell accepts, with the shipped technical list added.
TABLES_VARIANT = "toutes-variantes"
#: The files the tables are built from; their digest is in both headers.
TABLE_INPUTS = ("fr-toutes-variantes.dic", "fr-toutes-variantes.aff", "tech-words-fr.txt")


def input_digest(data_dir: Path) -> str:
    """SHA-256 (16 hex digits) of the files the tables are built from."""
    digest = hashlib.sha256()
    for name in TABLE_INPUTS:
        digest.update((Path(data_dir) / name).read_bytes())
    return digest.hexdigest()[:16]


def ngrams(word: str) -> set[str]:
    marked = f"^{word}$"
    return {marked[i : i + NGRAM] for i in range(len(marked) - NGRAM + 1)}


def table_header(data_dir: Path, name: str) -> str:
    """The first line of a table (it names the digest of the inputs it was built from)."""
    with open(Path(data_dir) / name, "rb") as handle:
        return handle.readline().decode("ascii", "replace").rstrip("\n")


@functools.lru_cache(maxsize=2)
def _load_tables(data_dir: str) -> tuple[frozenset[str], array.array]:
    """Both tables, read once per process (about 20 ms together)."""
    lines = (Path(data_dir) / NGRAMS_FILE).read_text(encoding="utf-8").split("\n")
    grams = frozenset(lines[1:])  # the empty string of the last line is no sequence of four
    data = (Path(data_dir) / FORMS_FILE).read_bytes()
    hashes = array.array("I")
    hashes.frombytes(data[data.index(b"\n") + 1 :])
    if sys.byteorder == "big":
        hashes.byteswap()
    return grams, hashes


@functools.lru_cache(maxsize=2)
def _load_tries(data_dir: str):
    """The tries of the forms and of the forms spelled backwards."""
    return _mmap_trie(data_dir, PREFIX_TRIE_FILE), _mmap_trie(data_dir, SUFFIX_TRIE_FILE)


@functools.lru_cache(maxsize=2)
def _load_near(data_dir: str):
    """The trie of forms and their one-letter deletions."""
    return _mmap_trie(data_dir, NEAR_TRIE_FILE)


def load_shared(data_dir: Path) -> None:
    """Read the tables now, into this process's caches (every FormFilter shares them):
    worker processes forked afterwards find them loaded."""
    folder = str(data_dir)
    _load_tables(folder)
    _load_tries(folder)
    _load_near(folder)
    _load_keepcase(folder)
    _load_capitals(folder)
    _load_units(folder)
    _load_elisions(folder)


def _mmap_trie(data_dir: str, name: str):
    """A shipped trie, memory-mapped: only the pages a search touches are read, and
    the page cache shares them between the processes of a run."""
    import marisa_trie  # imported on first use: a run with no unknown word never needs it

    trie = marisa_trie.Trie()
    trie.mmap(str(Path(data_dir) / name))
    return trie


@functools.lru_cache(maxsize=2)
def _load_elisions(data_dir: str) -> array.array:
    """The elisions each key of the prefix trie takes, by key id (the bits of ELISIONS,
    then those of CAPITALISING_ELISIONS)."""
    data = (Path(data_dir) / ELISIONS_FILE).read_bytes()
    masks = array.array("H")
    masks.frombytes(data[data.index(b"\n") + 1 :])
    if sys.byteorder == "big":
        masks.byteswap()
    return masks


@functools.lru_cache(maxsize=2)
def _load_keepcase(data_dir: str) -> frozenset[str]:
    return _read_list(Path(data_dir) / KEEPCASE_FILE)


@functools.lru_cache(maxsize=2)
def _load_capitals(data_dir: str) -> frozenset[str]:
    return _read_list(Path(data_dir) / CAPITALS_FILE)


@functools.lru_cache(maxsize=2)
def _load_units(data_dir: str) -> frozenset[str]:
    return _read_list(Path(data_dir) / UNITS_FILE)


def _read_list(path: Path) -> frozenset[str]:
    """The lines of a word list after its header line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return frozenset(line for line in lines[1:] if line)


#: The lowercase letters of the words the tables answer: Latin letters, accented or
#: not, whose capital is one letter that lowercases back to it (not ``ß``, ``ı``,
#: ``ŉ``, nor ``ſ``, which Hunspell converts to ``s``).
WORD_LETTERS = "".join(
    letter
    for letter in map(chr, [*range(ord("a"), ord("z") + 1), *range(0xDF, 0x180)])
    if letter.islower() and len(letter.upper()) == 1 and letter.upper().lower() == letter
)
_WORD_LETTERS_GONE = {ord(letter): None for letter in WORD_LETTERS}
#: The same, and the break points.
_COMPOUND_LETTERS_GONE = {**_WORD_LETTERS_GONE, **{ord(point): None for point in BREAK_POINTS}}
#: The bit of each elision in ``fr-forms-elisions.u16``.
_ELISION_BITS = {head: 1 << bit for bit, heads in enumerate(ELISIONS) for head in heads}
_CAPITALISING_BITS = {head: 1 << (len(ELISIONS) + bit) for bit, head in enumerate(CAPITALISING_ELISIONS)}
#: Hunspell gives up on a word with this many break points.
_MAX_BREAKS = 10


def _has_break(word: str) -> bool:
    # Asked of every word the tables refuse: no generator over BREAK_POINTS.
    return "-" in word or "\u00b7" in word


def trie_digest(data_dir: Path) -> str | None:
    """The digest of the inputs the tries were built from."""
    return _inputs_digest(_load_tries(str(data_dir))[0])


def near_digest(data_dir: Path) -> str | None:
    """The digest of the inputs the trie of deletions was built from."""
    return _inputs_digest(_load_near(str(data_dir)))


def _inputs_digest(trie) -> str | None:
    keys = trie.keys(TRIE_DIGEST_KEY)
    return keys[0][len(TRIE_DIGEST_KEY) :] if keys else None


class FormFilter:
    """The shipped tables plus the words a checker added; loaded on first use."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = str(data_dir)
        self._tables: tuple[frozenset[str], array.array] | None = None
        self._added_grams: set[str] = set()
        self._added_forms: set[str] = set()
        self._added_lowered: set[str] = set()
        self._added_writings: set[str] = set()
        # Letters that may follow / precede three characters: the same contexts come
        # back across the positions of a word and across words.
        self._followers: dict[str, str] = {}
        self._leaders: dict[str, str] = {}
        # The letters that fit between two contexts (up to three characters each):
        # the intermediates of a two-edit search share most contexts with the word.
        self._between: dict[tuple[str, str], list[str]] = {}
        # Beginnings and ends of the added words the tries do not hold (built on first use).
        self._added_affixes: tuple[set[str], set[str]] | None = None
        # The added words the tries do not hold, and their one-letter deletions (on first use).
        self._added_near: set[str] | None = None
        # The shipped tries, once read (a two-edit search asks them some 2,000 times a word).
        self._prefix_trie = self._suffix_trie = self._near_trie = None

    def add(self, word: str) -> None:
        self._added_grams |= ngrams(word.lower())
        self._added_forms.add(word)
        self._added_lowered.add(word.lower())
        # Hunspell accepts a word added in lowercase Capitalised and in capitals too,
        # any other in capitals.
        self._added_writings.update((word, word.upper(), word.capitalize() if word.islower() else word))
        self._added_affixes = None
        self._added_near = None
        self._followers.clear()
        self._leaders.clear()
        self._between.clear()

    def _grams(self) -> frozenset[str]:
        if self._tables is None:
            self._tables = _load_tables(self._data_dir)
        return self._tables[0]

    def _has_gram(self, gram: str) -> bool:
        return gram in self._grams() or gram in self._added_grams

    def plausible(self, candidate: str) -> bool:
        """False when four consecutive characters of the candidate occur in no form.

        Candidates are lowercase (the table is): the checker lowercases a word first.
        """
        if "-" in candidate or "'" in candidate:
            return True
        grams = self._grams()
        added = self._added_grams
        marked = f"^{candidate}$"
        for i in range(len(marked) - NGRAM + 1):
            gram = marked[i : i + NGRAM]
            if gram not in grams and gram not in added:
                return False
        return True

    def may_be_form(self, candidate: str) -> bool:
        """False when the candidate is certainly no form; True means "ask Hunspell"."""
        return candidate in self._added_forms or (self.plausible(candidate) and self.listed(candidate))

    def listed(self, candidate: str) -> bool:
        """The candidate's CRC-32 is in the forms table, or it is an added word.

        Only the CRC-32: callers pass candidates that are already :meth:`plausible`.
        An elided form (``l'arbre``) is listed when its word is: whether the word
        takes that elision is for Hunspell to say.
        """
        while "'" in candidate:
            prefix, rest = candidate.split("'", 1)
            if prefix.lower() not in _ELISION_BITS:
                break  # « aujourd'hui », « presqu'île »: listed whole
            candidate = rest
        if candidate in self._added_forms:
            return True
        if self._tables is None:
            self._tables = _load_tables(self._data_dir)
        hashes = self._tables[1]
        key = zlib.crc32(candidate.encode("utf-8"))
        index = bisect.bisect_left(hashes, key)
        return index < len(hashes) and hashes[index] == key

    def _affixes(self) -> tuple[set[str], set[str]]:
        if self._added_affixes is None:
            prefixes_trie, _ = _load_tries(self._data_dir)
            starts: set[str] = set()
            ends: set[str] = set()
            for word in self._added_forms:
                if word not in prefixes_trie:
                    starts.update(word[:k] for k in range(len(word) + 1))
                    ends.update(word[k:] for k in range(len(word) + 1))
            self._added_affixes = starts, ends
        return self._added_affixes

    def near_edits(self, word: str, first: int = 0, last: int | None = None) -> tuple[set[int], bool]:
        """Where one edit of ``word`` may give a form (or added word): the positions
        ``first..last`` whose letter may be deleted, changed or swapped with the next,
        and whether a letter may be inserted (anywhere).

        A form one letter-edit away at position ``i`` shares ``word`` less its letter
        ``i`` with the trie of deletions (a deleted, changed or swapped letter), or
        has ``word`` among its own deletions (an inserted letter).  A position left
        out is certain to give nothing; one kept may not (two words less one letter
        each can meet without being one edit apart).
        """
        near = self._near_trie
        if near is None:
            near = self._near_trie = _load_near(self._data_dir)
        added = self._added_near
        if added is None:
            added = self._near_added()
        last = len(word) - 1 if last is None else min(last, len(word) - 1)
        positions = set()
        for i in range(max(0, first), last + 1):
            shorter = word[:i] + word[i + 1 :]
            if shorter in near or shorter in added:
                positions.add(i)
        return positions, word in near or word in added

    def near_candidates(self, word: str, any_substitution: bool = False) -> Iterator[str]:
        """:meth:`one_edit` limited to the edits that may give a form (:meth:`near_edits`).

        An elided word (``l'arbre``) is edited everywhere: the tries do not hold
        elided forms, its word is looked up after the elision.
        """
        if "'" in word:
            yield from self.one_edit(word, any_substitution)
            return
        near = self.near_edits(word)
        if near[0] or near[1]:
            yield from self.one_edit(word, any_substitution, near=near)

    def _near_added(self) -> set[str]:
        if self._added_near is None:
            prefixes, _ = _load_tries(self._data_dir)
            self._added_near = {
                variant
                for word in self._added_forms
                if word not in prefixes
                for variant in (word, *(word[:i] + word[i + 1 :] for i in range(len(word))))
            }
        return self._added_near

    def known_capitalised(self, word: str) -> bool:
        """``word`` is the ``Capitalised`` or ``CAPITALS`` writing of a form of the tries
        that Hunspell accepts so written (see ``fr-forms-keepcase.txt``), or the writing
        in capitals of a name (``SAN`` for ``San``, ``fr-forms-capitals.txt``)."""
        lowered = word.lower()
        upper = word == lowered.upper()
        if upper and word in _load_capitals(self._data_dir):
            return True
        if not upper and word != lowered.capitalize():
            return False
        return lowered in _load_tries(self._data_dir)[0] and lowered not in _load_keepcase(self._data_dir)

    def is_unit_form(self, word: str) -> bool:
        """A form a rare unit prefix makes (``examoles``, ``attocalories``: ``fr-forms-units.txt``)."""
        return word in _load_units(self._data_dir)

    def decides(self, word: str) -> bool:
        """The tables' answer for ``word`` is Hunspell's (for :data:`TABLES_VARIANT`).

        They hold every form Hunspell accepts (the affix rules applied in full, a test
        compares both on the words of real courses and thousands of near-misses), so a
        word they do not hold, written in Latin letters (:data:`WORD_LETTERS`) in any
        case, is unknown: the dictionary has no compounds, and breaks words only at
        hyphens, dots and apostrophes; a word in mixed case is looked up as written.
        Not decided: other characters (Hunspell converts ligatures such as ``ﬁ``), and
        any writing of an added word (see :meth:`_whole_answer`).
        """
        lowered = word.lower()
        if not lowered or lowered.translate(_WORD_LETTERS_GONE):
            return False
        return lowered not in self._added_lowered

    def answer(self, word: str) -> bool | None:
        """Hunspell's answer for ``word`` (for :data:`TABLES_VARIANT`), from the tables
        alone; None when they cannot give it and Hunspell must be asked.

        A plain word as :meth:`decides` says; an elided word (``l'arbre``, ``qu'il``,
        ``d'Ansible``) by the elisions its word takes (``fr-forms-elisions.u16``); a
        word with hyphens or middle dots (``peut-être``, ``qu'est-ce``, ``QEMU-KVM``,
        ``client·e``) the way Hunspell's BREAK rule takes it apart: the whole word
        first, then cut at the second break point, then at the first, each side
        answered the same way.  Not answered: other characters, a name only in mixed
        case after an elision (``d'Heusden-zolder``), the writings of an added word
        Hunspell may refuse.  Tests compare the answers with Hunspell's on real
        lessons and on words made to probe each case.
        """
        whole = self._whole_answer(word)
        if whole is not False or not _has_break(word):
            return whole
        # Hunspell rewrites a word in capitals before breaking it (``QEMU-KVM``
        # is broken as ``Qemu-kvm``).
        return self._broken_answer(word.capitalize() if word.isupper() else word)

    def _whole_answer(self, word: str) -> bool | None:
        """Hunspell's answer for ``word`` before it breaks it.

        An added word is known as written, and in the writings Hunspell accepts of it
        (``Zorglub`` and ``ZORGLUB`` of ``zorglub``); its other writings are Hunspell's
        to answer.
        """
        if self.is_form(word) or word in self._added_writings:
            return True
        if word[:1].isupper() and self.known_capitalised(word):
            return True
        if self.decides(word):
            return False
        if "'" in word:
            return self._elided_answer(word)
        if not word.lower().translate(_COMPOUND_LETTERS_GONE) and word.lower() not in self._added_lowered:
            # Latin letters and break points: Hunspell looks the word up as written
            # (a Capitalised or capital writing also lowercased, as known_capitalised
            # does), and the tables hold every form it accepts.
            return False
        return None

    def _elided_answer(self, word: str) -> bool | None:
        """The whole-word answer for a word with an apostrophe: ``l'arbre``, ``L'arbre``,
        ``d'Ansible``, ``qu'est-ce`` by the elisions the word after it takes; ``L'API``
        as Hunspell rewrites a word in capitals; ``don't`` (no elision) is not a form.

        Words added to the checker take no elision (Hunspell adds them without affixes).
        """
        head, _, rest = word.partition("'")
        lowered = head.lower()
        if not head or not rest or rest.lower().translate(_COMPOUND_LETTERS_GONE) or lowered.translate(_WORD_LETTERS_GONE):
            return None
        bit = _ELISION_BITS.get(lowered)
        if bit is None:
            # Not an elision of the dictionary: a form of the tables (``aujourd'hui``,
            # ``presqu'île``) was found whole; ``y'a`` is none.  In capitals, Hunspell's
            # rewriting of the word is its own to answer.
            return None if word.isupper() else False
        if word.isupper():
            return self._elided_capitals_answer(lowered, rest, bit)
        if head not in (lowered, lowered.capitalize()):
            return None
        # Hunspell lowercases a Capitalised elision (``L'arbre``): the bits of ``l'``.
        trie, masks = self._tries()[0], _load_elisions(self._data_dir)
        key = trie.get(rest)
        if key is not None:
            return bool(masks[key] & bit)
        if not rest[0].isupper():
            return False
        if rest == rest.capitalize() and rest.upper() in _load_capitals(self._data_dir):
            # Hunspell also keeps the Capitalised writing of a name in capitals or in
            # mixed case (``Api`` of ``API``, ``Heusden-zolder`` of ``Heusden-Zolder``),
            # for capital writings, with the name's affixes: after an elision the name in
            # capitals takes (``l'API``) it accepts that writing (``l'Api``, hence
            # ``L'API``); after another it refuses it (``c'Api``) unless the rule below
            # accepts it (``l'En`` of ``en``): so for every name of the capitals list after
            # every elision when this was written (941,054 words; the suite keeps one
            # name in 13).  Left to Hunspell: a name only in mixed case, a compound
            # (``l'Dom-tom`` is refused), an added word.
            if _has_break(rest) or rest.lower() in self._added_lowered:
                return None
            capitals = trie.get(rest.upper())
            if capitals is None:
                return None
            if masks[capitals] & bit:
                return True
        # ``l'``, ``d'`` and ``qu'`` also capitalise the word after them (``l'Objectif``).
        capitalising = _CAPITALISING_BITS.get(lowered)
        key = trie.get(rest[0].lower() + rest[1:]) if capitalising else None
        return key is not None and bool(masks[key] & capitalising)

    def _elided_capitals_answer(self, head: str, rest: str, bit: int) -> bool | None:
        """``L'API``, ``QU'IL``: Hunspell tries ``l'Api``, then ``l'api`` (unless its word
        keeps its case); before those, ``L'API`` as written, whose answer the tables
        only know when it is no."""
        if _has_break(rest):
            return None  # broken after rewriting: left to Hunspell
        lowered = rest.lower()
        for writing in (lowered.capitalize(), lowered):
            answer = self._elided_answer(f"{head}'{writing}")
            if answer is None or (answer and writing == lowered and lowered in _load_keepcase(self._data_dir)):
                return None
            if answer:
                return True
        key = self._tries()[0].get(rest)
        return None if key is not None and _load_elisions(self._data_dir)[key] & bit else False

    def _broken_answer(self, word: str) -> bool | None:
        """Hunspell's BREAK rule for a word it refused whole: for each break point, cut
        at its second occurrence (at its first when it has no second), then for each
        at its first, and accept at the first cut where both sides are words."""
        if sum(word.count(point) for point in BREAK_POINTS) >= _MAX_BREAKS:
            return False
        seconds, firsts = [], []
        for point in BREAK_POINTS:
            first = word.find(point)
            if 0 < first < len(word) - 1:
                second = word.find(point, first + 1)
                seconds.append(second if 0 < second < len(word) - 1 else first)
                firsts.append(first)
        tried = set()
        for cut in seconds + firsts:
            if cut in tried:
                continue
            tried.add(cut)
            right = self.answer(word[cut + 1 :])
            if right is None:
                return None
            if right:
                left = self.answer(word[:cut])
                if left is None or left:
                    return left
        return False

    def _tries(self) -> tuple:
        if self._prefix_trie is None:
            self._prefix_trie, self._suffix_trie = _load_tries(self._data_dir)
        return self._prefix_trie, self._suffix_trie

    def is_form(self, candidate: str) -> bool:
        """A form of the tries or an added word (what :meth:`listed` says, without its collisions)."""
        prefixes = self._prefix_trie
        if prefixes is None:
            prefixes = self._tries()[0]
        return candidate in prefixes or candidate in self._added_forms

    def begins_form(self, part: str) -> bool:
        """Some form (or added word) begins with ``part``."""
        prefixes = self._prefix_trie
        if prefixes is None:
            prefixes = self._tries()[0]
        return next(prefixes.iterkeys(part), None) is not None or part in (self._added_affixes or self._affixes())[0]

    def ends_form(self, part: str) -> bool:
        """Some form (or added word) ends with ``part``."""
        suffixes = self._suffix_trie
        if suffixes is None:
            suffixes = self._tries()[1]
        return next(suffixes.iterkeys(part[::-1]), None) is not None or part in (self._added_affixes or self._affixes())[1]

    def prefix_length(self, word: str, known: int = 0) -> int:
        """The length of the longest beginning of ``word`` that begins some form.

        ``known``: a length already known to begin one.  The next letter is tried
        first (where an edit left the word, it usually fails at once), then the rest
        is bisected: a beginning of a beginning is one too.  The bisection stops at
        the first sequence of four no form has (lowercase words: the 4-grams are
        those of the lowercase forms, a test checks that every form's are there).
        """
        low, high = known, len(word)
        if low < high and not self.begins_form(word[: low + 1]):
            return low  # most of a two-edit search's intermediates: no bound needed
        if word.islower():
            high = self._plausible_length(word, known)
        while low < high:
            middle = (low + high + 1) // 2
            if self.begins_form(word[:middle]):
                low = middle
            else:
                high = middle - 1
        return low

    def _plausible_length(self, word: str, known: int) -> int:
        """The length of the longest beginning of ``word`` (``known`` letters or more)
        with no sequence of four that no form has: a bound for :meth:`prefix_length`."""
        grams, added = self._grams(), self._added_grams
        marked = "^" + word
        # The sequence at ``j`` lies inside ``word[:k]`` from k = j + 3 on; those inside
        # ``word[:known]`` are known to be good.
        for j in range(max(0, known - NGRAM + 2), len(marked) - NGRAM + 1):
            gram = marked[j : j + NGRAM]
            if gram not in grams and gram not in added:
                return max(known, j + NGRAM - 2)
        return len(word)

    def suffix_start(self, word: str, at_most: int) -> int | None:
        """The smallest ``k`` such that ``word[k:]`` ends some form, if ``k <= at_most``; else None."""
        low, high = 0, min(at_most, len(word))
        if not self.ends_form(word[high:]):
            return None
        while low < high:  # an end of an end is one too: bisect
            middle = (low + high) // 2
            if self.ends_form(word[middle:]):
                high = middle
            else:
                low = middle + 1
        return low

    def one_edit(
        self,
        word: str,
        any_substitution: bool = False,
        first: int = 0,
        last: int | None = None,
        near: tuple[set[int], bool] | None = None,
    ) -> Iterator[str]:
        """The candidates of :func:`edits.one_edit` that pass :meth:`plausible`, and only those.

        ``first`` and ``last`` limit the edits to positions ``first..last`` of the
        word, as in :func:`edits.one_edit`.  ``near`` (what :meth:`near_edits` says
        of the word) limits them further to the edits that may give a form: only
        forms are then worth generating.

        A candidate is the typed word with ``marked[a:b]`` (in ``^word$``) replaced
        by a string ``X`` of zero to two letters.  Its sequences of four lie either
        in ``marked[:a]``, or in ``marked[b:]``, or across ``X``; the first two kinds
        are known once per word, so for most positions no letter is tried at all,
        and for the others only the few sequences across ``X`` are looked up.
        """
        first = max(0, first)
        last = len(word) if last is None else min(last, len(word))
        if "-" in word or "'" in word:  # plausible() accepts all of them: nothing to prune
            yield from one_edit(word, any_substitution, first=first, last=last)
            return
        grams, added = self._grams(), self._added_grams
        marked = f"^{word}$"
        size = len(marked)
        valid = [marked[j : j + NGRAM] in grams or marked[j : j + NGRAM] in added for j in range(size - NGRAM + 1)]
        # head_ok[k]: no bad sequence inside marked[:k]; tail_ok[k]: none inside marked[k:].
        head_ok = [True] * (size + 1)
        for k in range(NGRAM, size + 1):
            head_ok[k] = head_ok[k - 1] and valid[k - NGRAM]
        tail_ok = [True] * (size + 1)
        for k in range(size - NGRAM, -1, -1):
            tail_ok[k] = tail_ok[k + 1] and valid[k]

        def joins(a: int, middle: str, b: int) -> bool:
            window = marked[max(0, a - NGRAM + 1) : a] + middle + marked[b : b + NGRAM - 1]
            for j in range(len(window) - NGRAM + 1):
                gram = window[j : j + NGRAM]
                if gram not in grams and gram not in added:
                    return False
            return True

        between = self._between
        if len(between) > _BETWEEN_LIMIT:
            between.clear()

        def letters(a: int, b: int) -> list[str]:
            """Letters that can stand between marked[:a] and marked[b:] (memoised by context)."""
            key = (marked[max(0, a - NGRAM + 1) : a], marked[b : b + NGRAM - 1])
            found = between.get(key)
            if found is None:
                found = between[key] = fitting(a, b)
            return found

        def fitting(a: int, b: int) -> list[str]:
            left, right = marked[max(0, a - NGRAM + 1) : a], marked[b : b + NGRAM - 1]
            found = FRENCH_LETTERS
            # Most letters already fail the first or the last sequence of four.
            if len(left) == NGRAM - 1:
                found = self._following(left)
            if len(right) == NGRAM - 1:
                leading = self._leading(right)
                found = [letter for letter in found if letter in leading]
                if len(left) == NGRAM - 1:
                    # Three characters on each side: of the four sequences across the
                    # letter, the first and the last were just tested; test the middle two.
                    before, after = left[1:], right[:1]
                    close_before, close_after = left[2:], right[:2]
                    return [
                        letter
                        for letter in found
                        if ((gram := before + letter + after) in grams or gram in added)
                        and ((gram := close_before + letter + close_after) in grams or gram in added)
                    ]
            return [letter for letter in found if joins(a, letter, b)]

        positions, insertions = near if near is not None else (range(first, last + 1), True)
        for i in range(first, last + 1):
            a = i + 1  # word[i] is marked[a]
            if i < len(word) and i in positions:
                current = word[i]
                if head_ok[a] and tail_ok[a + 1]:
                    if joins(a, "", a + 1):
                        yield word[:i] + word[i + 1 :]
                    for letter in letters(a, a + 1):
                        if letter != current and (any_substitution or (letter in VOWELS and current in VOWELS)):
                            yield word[:i] + letter + word[i + 1 :]
                if i + 1 < len(word) and head_ok[a] and tail_ok[a + 2]:
                    swapped = word[i + 1] + current
                    if joins(a, swapped, a + 2):
                        yield word[:i] + swapped + word[i + 2 :]
            if insertions and head_ok[a] and tail_ok[a]:
                for letter in letters(a, a):
                    yield word[:i] + letter + word[i:]

    def _following(self, context: str) -> str:
        """The letters that may follow ``context`` (three characters) in a form."""
        found = self._followers.get(context)
        if found is None:
            found = "".join(letter for letter in FRENCH_LETTERS if self._has_gram(context + letter))
            self._followers[context] = found
        return found

    def _leading(self, context: str) -> str:
        """The letters that may come before ``context`` (three characters) in a form."""
        found = self._leaders.get(context)
        if found is None:
            found = "".join(letter for letter in FRENCH_LETTERS if self._has_gram(letter + context))
            self._leaders[context] = found
        return found

    def accent_variants(self, word: str) -> Iterator[str]:
        """:func:`edits.accent_variants` that pass :meth:`plausible`, built letter by letter.

        A prefix holding a sequence no form has is dropped at once, so a long
        word does not multiply out into thousands of variants.
        """
        for base in {word, word.replace("oe", "œ")}:
            if "-" in base or "'" in base:
                yield from accent_variants(base)  # always plausible: nothing to prune
                continue
            prefixes = ["^"]
            for char in base:
                options = ACCENTS.get(char, char)
                prefixes = [
                    prefix + option
                    for prefix in prefixes
                    for option in options
                    if len(prefix) < NGRAM - 1 or self._has_gram(prefix[1 - NGRAM :] + option)
                ]
                if len(prefixes) > MAX_ACCENT_VARIANTS:
                    return
            for prefix in prefixes:
                marked = prefix + "$"
                if len(marked) < NGRAM or self._has_gram(marked[-NGRAM:]):
                    yield prefix[1:]
