"""English words, from a table of the ``en_US`` dictionary chunspell bundles.

The acceptance tests ask whether an unknown word is English (``Red Hat``,
``deprecated``, ``loadbalancing``).  Loading ``en_US`` into Hunspell costs about
50 ms, a seventh of a one-lesson check, for a handful of questions; the table
``data/en-forms.blake2b`` (built by ``scripts/build_spelling_tables.py``, see
``data/LICENSE-dictionary-en_US.txt``) holds a 64-bit BLAKE2b key of every form
of that dictionary and loads in about a millisecond.

:meth:`EnglishWords.spell` follows Hunspell's rules for capitals (a lowercase
entry also accepts its ``Capitalised`` and ``ALL CAPS`` forms, a capitalised
one its ``ALL CAPS`` form), so that it answers as ``Hunspell("en_US").spell``
does; ``tests/spell/test_spell_english.py`` compares the two on a large sample.  When
the installed chunspell bundles another ``en_US`` than the table was built from,
Hunspell itself answers.
"""

from __future__ import annotations

import array
import bisect
import functools
import hashlib
import sys
from pathlib import Path

from courselint.spell.dictionary import chunspell_folder

ENGLISH_FILE = "en-forms.blake2b"
#: Words memoised per table before the memo starts again.
_MEMO_LIMIT = 100_000


def english_dictionary() -> tuple[Path, Path]:
    """The ``en_US`` ``.dic`` and ``.aff`` of the installed chunspell (not imported for it)."""
    package = chunspell_folder()
    if package is None:
        raise ModuleNotFoundError("chunspell (the hunspell package) is not installed", name="hunspell")
    folder = package / "dictionaries"
    return folder / "en_US.dic", folder / "en_US.aff"


def english_signature() -> str:
    """Sizes of the installed ``en_US`` files: enough to tell two releases apart."""
    dic, aff = english_dictionary()
    return f"dic={dic.stat().st_size} aff={aff.stat().st_size}"


def english_key(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


@functools.lru_cache(maxsize=2)
def load_table(data_dir: str) -> array.array | None:
    """The sorted keys of the English table, read once per process (read-only: every
    checker shares them); None when it was built from another chunspell release."""
    data = (Path(data_dir) / ENGLISH_FILE).read_bytes()
    newline = data.index(b"\n")
    header = data[:newline].decode("ascii", "replace")
    if not header.endswith(f"en_US {english_signature()}"):
        return None
    keys = array.array("Q")
    keys.frombytes(data[newline + 1 :])
    if sys.byteorder == "big":
        keys.byteswap()
    return keys


def load_english_hunspell():
    """Hunspell with the installed chunspell's ``en_US`` (about 50 ms)."""
    import hunspell as chunspell

    return _Latin1Only(chunspell.Hunspell("en_US", hunspell_data_dir=str(english_dictionary()[0].parent)))


class _Latin1Only:
    """chunspell's ``en_US`` is an ISO-8859-1 dictionary: chunspell raises
    UnicodeEncodeError on ``cœur``.  A word it cannot encode is no English word."""

    def __init__(self, hunspell) -> None:
        self._hunspell = hunspell

    @staticmethod
    def _encodable(word: str) -> bool:
        try:
            word.encode("latin-1")
        except UnicodeEncodeError:
            return False
        return True

    def spell(self, word: str) -> bool:
        return self._encodable(word) and bool(self._hunspell.spell(word))

    def suggest(self, word: str):
        return self._hunspell.suggest(word) if self._encodable(word) else ()


class EnglishWords:
    """``spell(word)``: the table when it matches the installed dictionary, else Hunspell."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = Path(data_dir)
        self._loaded = False
        self._keys: array.array | None = None  # None once loaded: another chunspell release
        self._hunspell = None
        self._memo: dict[str, bool] = {}

    def _load(self) -> None:
        self._loaded = True
        self._keys = load_table(str(self._data_dir))

    def spell(self, word: str) -> bool:
        # The acceptance tests ask of the same words again and again: memoised.
        known = self._memo.get(word)
        if known is None:
            if len(self._memo) > _MEMO_LIMIT:  # a language server running for days
                self._memo.clear()
            known = self._memo[word] = self._spell(word)
        return known

    def _spell(self, word: str) -> bool:
        if not self._loaded:
            self._load()
        # Another release's dictionary decides for itself; numbers follow compound
        # rules the table does not hold (« 21st »).
        if self._keys is None or any(char.isdigit() for char in word):
            return self._ask_hunspell(word)
        return self._spell_table(word)

    def _ask_hunspell(self, word: str) -> bool:
        if self._hunspell is None:
            self._hunspell = load_english_hunspell()
        try:
            return bool(self._hunspell.spell(word))
        except UnicodeEncodeError:  # an ISO-8859-1 dictionary: « œ » is no English
            return False

    def _spell_table(self, word: str) -> bool:
        if any(self._listed(form) for form in _case_forms(word)):
            return True
        # Hunspell's default word breaks, tried on the word as its capitals were
        # last tried (``DOG-ANNE`` as ``Dog-anne``): a leading or trailing hyphen,
        # then the hyphen inside a compound, at its second place first.
        if _all_caps(word):
            word = _initial_cap(word.lower())
        size = len(word)
        if size >= 2 and word[0] == "-" and self._spell_table(word[1:]):
            return True
        if size >= 2 and word[-1] == "-" and self._spell_table(word[:-1]):
            return True
        first = word.find("-")
        if 0 < first < size - 1:
            second = word.find("-", first + 1)
            places = (second, first) if 0 < second < size - 1 else (first,)
            for place in places:
                if self._spell_table(word[place + 1 :]) and self._spell_table(word[:place]):
                    return True
        return False

    def _listed(self, form: str) -> bool:
        keys = self._keys
        key = english_key(form)
        index = bisect.bisect_left(keys, key)
        return index < len(keys) and keys[index] == key


def _all_caps(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _initial_cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _case_forms(word: str) -> tuple[str, ...]:
    """The dictionary entries that accept ``word``, by Hunspell's rules for capitals."""
    if not word:
        return ()
    try:
        word.encode("latin-1")
    except UnicodeEncodeError:
        return ()
    if _all_caps(word):
        lower = word.lower()
        forms = [word, _initial_cap(lower), lower]
        apostrophe = lower.find("'")
        if 0 <= apostrophe < len(lower) - 1:  # « O'NEIL » as « o'Neil », « O'Neil »
            after = lower[: apostrophe + 1] + _initial_cap(lower[apostrophe + 1 :])
            forms += [after, _initial_cap(after)]
        return tuple(forms)
    if word[:1].isupper() and word[1:] == word[1:].lower():  # Capitalised
        return (word, word.lower())
    return (word,)
