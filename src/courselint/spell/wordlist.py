"""Word lists: the shipped technical list and a project's own words file.

A project words file (default name :data:`DEFAULT_WORDS_FILE`, next to the
configuration file) holds one word per line; ``#`` starts a comment, blank
lines are ignored.  Words are case-sensitive the way Hunspell's are: a
lowercase entry also accepts its ``Capitalised`` and ``ALL CAPS`` forms.

The shipped technical list (``data/tech-words-fr.txt``) is denser: several
words per line, separated by spaces, and one extension: ``word~model`` adds
``word`` with the inflections of the dictionary word ``model``
(``conteneuriser~industrialiser`` gives ``conteneurisé``, ``conteneurisons``…).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from courselint.fileio import read_regular, write_bytes_atomic
from courselint.messages import _

DEFAULT_WORDS_FILE = ".courselint-words.txt"


@dataclass(frozen=True, slots=True)
class TechWord:
    word: str
    model: str | None = None


def _content_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        content = line.split("#", 1)[0].strip()
        if content:
            lines.append(content)
    return lines


def read_tech_words(path: Path) -> list[TechWord]:
    """Entries of a list in the shipped format (``word`` or ``word~model``, several a line)."""
    entries = []
    for content in _content_lines(Path(path).read_text(encoding="utf-8")):
        for item in content.split():
            word, _tilde, model = item.partition("~")
            entries.append(TechWord(word, model or None))
    return entries


def read_words(path: Path) -> list[str]:
    """Words of a project words file; a missing file is an empty list."""
    try:
        text = read_regular(path).decode("utf-8-sig")
    except FileNotFoundError:
        return []
    return [content.split()[0] for content in _content_lines(text)]


def words_file_for(config_path: Path, name: str | None = None) -> Path:
    """The words file that belongs to a configuration file (same directory)."""
    return Path(config_path).parent / (name or DEFAULT_WORDS_FILE)


def add_word(path: Path, word: str) -> bool:
    """Add ``word`` to a project words file; False if it was already there (see :func:`add_words`)."""
    return bool(add_words(path, [word]))


def add_words(path: Path, new_words) -> list[str]:
    """Add words to a project words file, keeping it sorted and without duplicates.

    Comment lines at the top of the file (its header) are kept; the word lines
    are sorted case-insensitively.  The file is replaced atomically (a new one is
    readable by everyone, like any file of the repository), once for all the
    words.  Returns the words that were not there yet, in the order given.
    """
    wanted = []
    for word in new_words:
        word = word.strip()
        if not word or any(char.isspace() for char in word) or "#" in word:
            raise ValueError(_("mot invalide pour la liste : {word!r}").format(word=word))
        wanted.append(word)
    path = Path(path)
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        raw = None
    lines = _word_list_lines(path, raw) if raw is not None else []
    header: list[str] = []
    for line in lines:
        if line.strip().startswith("#") or not line.strip():
            header.append(line)
        else:
            break
    body = lines[len(header) :]
    words = {line.strip() for line in body if line.strip() and not line.strip().startswith("#")}
    comments = [line for line in body if line.strip().startswith("#")]
    added = [word for word in dict.fromkeys(wanted) if word not in words]
    if not added:
        return []
    words.update(added)
    ordered = sorted(words, key=lambda item: (item.casefold(), item))
    text = "\n".join(header + comments + ordered) + "\n"
    # Compared before the rename: an editor's save of the list meanwhile is kept.
    write_bytes_atomic(path, text.encode("utf-8"), expected=raw)
    return added


def _word_list_lines(path: Path, raw: bytes) -> list[str]:
    """Lines of an existing words file; ValueError if it is not a word list.

    ``spelling.words_file`` pointed at a lesson must not get that lesson
    rewritten as sorted lines: a word list has one word a line (comments aside).
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(_("{path} n'est pas en UTF-8 : liste de mots laissée telle quelle").format(path=path)) from None
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        content = line.split("#", 1)[0].strip()
        if len(content.split()) > 2 or content.startswith(("---", "+++", "{{", "<", "[")):
            raise ValueError(
                _(
                    "{path}:{line} ne ressemble pas à une liste de mots (un mot par ligne) :"
                    " fichier laissé tel quel, vérifiez spelling.words_file"
                ).format(path=path, line=number)
            )
    return lines
