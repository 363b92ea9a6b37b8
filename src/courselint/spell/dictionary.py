"""The French Hunspell dictionaries: which files, and loading them, ahead of need if asked.

Loading the French dictionary takes 0.1 to 0.15 s, and chunspell's constructor
holds the GIL all along: nothing else in the process runs meanwhile.  chunspell's
wheel ships the Hunspell library its extension calls (``libhunspell-1.7.so.0``,
beside the extension), and that library has a C API; ctypes releases the GIL
around each call, so through it the dictionary can load on a thread while the
main thread imports the rest of the program (:func:`load_ahead`).  Same library,
same files: the answers are chunspell's.  Where the wheel holds no such library
(another platform's build), chunspell loads the dictionary.

A dictionary loaded ahead is taken by one checker (:func:`take`): a checker adds
its words to its dictionary, so two checkers never share one.  A process forked
after the load finds it in its memory: the worker processes of a whole-course
check are forked once it is loaded (:func:`wait`).
"""

from __future__ import annotations

import ctypes
import errno
import functools
import importlib.util
import os
from pathlib import Path

VARIANTS = {
    "toutes-variantes": "fr-toutes-variantes",
    "classique": "fr-classique",
    "reforme1990": "fr-reforme1990",
}
DEFAULT_VARIANT = "toutes-variantes"
#: The file name of the Hunspell library in chunspell's wheel (Linux builds).
LIBRARY = "libhunspell-1.7.so.0"


def data_dir() -> Path:
    """The package's ``data`` folder.  Hunspell opens its files by path, so the package
    is installed as files; this also spares importing ``importlib.resources`` (20 ms)
    before the dictionary starts loading."""
    return Path(__file__).resolve().parent.parent / "data"


def load(variant: str):
    """The dictionary of ``variant`` (a key of :data:`VARIANTS`), loaded now."""
    if _library() is not None:
        return _Dictionary(*_files(variant))
    import hunspell as chunspell

    return chunspell.Hunspell(VARIANTS[variant], hunspell_data_dir=str(data_dir()))


def _require_readable(paths) -> None:
    """FileNotFoundError for the first of ``paths`` this process cannot read (Hunspell
    itself would only print a message and load an empty dictionary)."""
    for path in paths:
        if not os.access(path, os.R_OK):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))


def _files(variant: str) -> tuple[Path, Path]:
    """The ``.aff`` and ``.dic`` files of ``variant``."""
    base = data_dir() / VARIANTS[variant]
    return base.with_suffix(".aff"), base.with_suffix(".dic")


# --------------------------------------------------------------------------- ahead of need

#: Dictionaries loaded ahead, by variant, until a checker takes one.
_loaded: dict[str, object] = {}
#: The threads loading one, by variant, until waited for.
_loading: dict = {}


def load_ahead(variant: str = DEFAULT_VARIANT) -> None:
    """Load ``variant``'s dictionary for the next checker of that variant, on a
    thread, returning at once, if it can load without the GIL (else not at all:
    the checker loads it when it needs it).  The thread runs no Python import: one
    beside the main thread's could see a module half initialised.
    """
    if variant in _loaded or variant in _loading:
        return
    if _library() is None:
        return
    import threading

    aff, dic = _files(variant)

    def run() -> None:
        try:
            _loaded[variant] = _Dictionary(aff, dic)
        except Exception:  # noqa: BLE001 - the checker loads its own and reports what goes wrong
            pass

    _loading[variant] = thread = threading.Thread(target=run, name=f"courselint-{variant}", daemon=True)
    thread.start()


def wait() -> None:
    """Wait for the dictionaries loading on a thread: before a fork (a fork copies only
    the thread that calls it, and none may be half-way through a load)."""
    while _loading:
        _loading.popitem()[1].join()


def keep_only(variant: str | None) -> None:
    """Let the dictionaries loaded ahead go, but that of ``variant`` (all of them for None)."""
    for other in [other for other in _loaded if other != variant]:
        del _loaded[other]


def take(variant: str):
    """The dictionary of ``variant`` loaded ahead (waited for if still loading), or None."""
    thread = _loading.pop(variant, None)
    if thread is not None:
        thread.join()
    return _loaded.pop(variant, None)


class OnDemand:
    """The dictionary of ``variant``, loaded on its first lookup.

    The shipped tables answer most words without Hunspell (spell/forms.py): a
    lesson of plain words, elisions and hyphenated words never needs the
    dictionary, whose load is most of the start-up of a one-lesson check.  Words
    added before the load are added once it is loaded, in the same order.  A file
    missing from the package is reported here, not on the first lookup.
    """

    def __init__(self, variant: str) -> None:
        _require_readable(_files(variant))
        self.variant = variant
        self._dictionary = None
        self._added: list[tuple[str, str | None]] = []

    @property
    def loaded(self) -> bool:
        return self._dictionary is not None

    def _loaded(self):
        if self._dictionary is None:
            loaded = take(self.variant) or load(self.variant)
            for word, model in self._added:
                if model:
                    loaded.add_with_affix(word, model)
                else:
                    loaded.add(word)
            self._added.clear()
            self._dictionary = loaded
        return self._dictionary

    def spell(self, word: str) -> bool:
        return self._loaded().spell(word)

    def suggest(self, word: str) -> tuple[str, ...]:
        """Hunspell's own search (the checker never asks it; the tests compare with it)."""
        return self._loaded().suggest(word)

    def add(self, word: str) -> None:
        if self._dictionary is None:
            self._added.append((word, None))
        else:
            self._dictionary.add(word)

    def add_with_affix(self, word: str, model: str) -> None:
        if self._dictionary is None:
            self._added.append((word, model))
        else:
            self._dictionary.add_with_affix(word, model)


# --------------------------------------------------------------------------- Hunspell's C API


def chunspell_folder() -> Path | None:
    """The folder of the installed chunspell package (``hunspell``), or None; found
    without importing it (20 ms, on the path of every run that spells)."""
    spec = importlib.util.find_spec("hunspell")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@functools.lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    folder = chunspell_folder()
    path = folder / LIBRARY if folder is not None else None
    if path is None or not path.is_file():
        return None
    try:
        library = ctypes.CDLL(str(path))
        handle, text = ctypes.c_void_p, ctypes.c_char_p
        texts = ctypes.POINTER(ctypes.POINTER(text))
        for name, arguments, result in (
            ("Hunspell_create", [text, text], handle),
            ("Hunspell_destroy", [handle], None),
            ("Hunspell_get_dic_encoding", [handle], text),
            ("Hunspell_spell", [handle, text], ctypes.c_int),
            ("Hunspell_add", [handle, text], ctypes.c_int),
            ("Hunspell_add_with_affix", [handle, text, text], ctypes.c_int),
            ("Hunspell_suggest", [handle, texts, text], ctypes.c_int),
            ("Hunspell_free_list", [handle, texts, ctypes.c_int], None),
        ):
            function = getattr(library, name)
            function.argtypes, function.restype = arguments, result
    except (OSError, AttributeError):
        return None
    return library


class _Dictionary:
    """One dictionary through the C API: the methods of chunspell's ``Hunspell`` the checker uses."""

    def __init__(self, aff: Path, dic: Path) -> None:
        _require_readable((aff, dic))
        self._library = library = _library()
        self._handle = library.Hunspell_create(os.fsencode(aff), os.fsencode(dic))
        if not self._handle:
            raise MemoryError
        self._encoding = (library.Hunspell_get_dic_encoding(self._handle) or b"ISO8859-1").decode("ascii")

    def spell(self, word: str) -> bool:
        return self._library.Hunspell_spell(self._handle, word.encode(self._encoding)) != 0

    def add(self, word: str) -> int:
        return self._library.Hunspell_add(self._handle, word.encode(self._encoding))

    def add_with_affix(self, word: str, example: str) -> int:
        return self._library.Hunspell_add_with_affix(
            self._handle, word.encode(self._encoding), example.encode(self._encoding)
        )

    def suggest(self, word: str) -> tuple[str, ...]:
        found = ctypes.POINTER(ctypes.c_char_p)()
        count = self._library.Hunspell_suggest(self._handle, ctypes.byref(found), word.encode(self._encoding))
        try:
            return tuple(found[i].decode(self._encoding, "replace") for i in range(count))
        finally:
            if count > 0:
                self._library.Hunspell_free_list(self._handle, ctypes.byref(found), count)

    def __del__(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            self._library.Hunspell_destroy(handle)
