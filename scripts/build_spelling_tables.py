"""Build the spelling engine's lookup tables from the shipped French dictionary.

Both let :mod:`courselint.spell.forms` discard a candidate word without asking
Hunspell, whose lookup of a word it does not know costs about 40 µs on the French
dictionary (it tries every affix rule):

* ``data/fr-4grams.txt``: every sequence of four characters (``^`` and ``$`` mark
  the ends of a word) that occurs in a form of the dictionary.  A candidate with
  any other sequence (``consomqmation``) cannot be a French word.
* ``data/fr-forms.crc32``: the CRC-32 of every form (UTF-8), sorted, as
  little-endian unsigned 32-bit integers after a one-line text header.  A
  candidate whose CRC-32 is not there is not a form of the dictionary; one whose
  CRC-32 is there still goes to Hunspell, which settles the rare collisions.
* ``data/fr-forms.marisa`` and ``data/fr-forms-reversed.marisa``: the same forms,
  and the same forms spelled backwards, as MARISA tries (``marisa-trie``), so a
  two-edit search asks "does a form begin / end with this?" (spell/forms.py).
  The first also holds the key ``#inputs <digest>``.

* ``data/fr-forms-capitals.txt``: the writings in capitals Hunspell accepts of the
  forms that are not lowercase (``SAN`` for ``San``).
* ``data/fr-forms-units.txt``: the forms a rare unit prefix makes (``examoles``),
  ranked last among suggestions as close as they are.
* ``data/fr-forms-elisions.u16``: for each key of ``fr-forms.marisa``, by its key
  id, the elisions Hunspell accepts before it (bit ``i`` for ``ELISIONS[i]``:
  ``l'arbre``, ``qu'il``; then ``l'``, ``d'`` and ``qu'`` before its Capitalised
  writing: ``l'Objectif``), as little-endian unsigned 16-bit integers after a
  one-line header.  The dictionary's elision rules take any
  letter (it accepts ``l'table``: agreement is Grammalecte's business), and
  ``unmunch`` misses most of what they make, so each form is tried with each
  elision (2 processes, a few minutes).

The forms are those of the "toutes variantes" dictionary (it accepts the forms of
the other two variants), expanded by Debian's ``unmunch`` and by the affix rules
applied here (:func:`affix_forms`: ``unmunch`` drops a few, ``résolu`` among them),
kept when Hunspell accepts them, plus the shipped
technical list with the inflections of its ``word~model`` entries.  Elided forms
(``l'arbre``) count without their prefix in the 4-grams and those of the
dictionary's elisions are left out of the CRC-32 table and the tries (the checker
looks their word up); ``aujourd'hui`` and ``presqu'île`` stay whole.  Both headers record a digest of the
inputs; ``tests/test_spell_forms.py`` fails when an input changed and the tables
were not rebuilt.

Needs Debian's ``hunspell-tools`` (``unmunch``)::

    apt-get install hunspell-tools
    python scripts/build_spelling_tables.py
"""

from __future__ import annotations

import array
import functools
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from courselint.spell.english import (  # noqa: E402  (the package is not installed in every build setting)
    ENGLISH_FILE,
    english_dictionary,
    english_key,
    english_signature,
)
from courselint.spell.forms import (  # noqa: E402
    FORMS_FILE,
    NGRAM,
    NGRAMS_FILE,
    PREFIX_TRIE_FILE,
    SUFFIX_TRIE_FILE,
    NEAR_TRIE_FILE,
    KEEPCASE_FILE,
    CAPITALS_FILE,
    UNITS_FILE,
    ELISIONS_FILE,
    ELISIONS,
    ELISION_HEADS,
    CAPITALISING_ELISIONS,
    TABLES_VARIANT,
    TRIE_DIGEST_KEY,
    input_digest,
    ngrams,
)
from courselint.spell.wordlist import read_tech_words  # noqa: E402

DATA = REPO / "src" / "courselint" / "data"
DICTIONARY = f"fr-{TABLES_VARIANT}"
TECH_WORDS = "tech-words-fr.txt"


def dictionary_with_tech_words(dic: Path, tech_words: Path) -> str:
    """The .dic text plus one entry per technical word, with its model's affix flags."""
    lines = dic.read_text(encoding="utf-8").splitlines()
    flags: dict[str, str] = {}
    for line in lines[1:]:
        entry = line.split("\t")[0].split(" ")[0]
        word, _, word_flags = entry.partition("/")
        flags.setdefault(word, word_flags)
    extra = []
    for item in read_tech_words(tech_words):
        model_flags = flags.get(item.model, "") if item.model else ""
        extra.append(f"{item.word}/{model_flags}" if model_flags else item.word)
    body = lines[1:] + extra
    return f"{len(body)}\n" + "\n".join(body) + "\n"


def forms(dic_text: str, aff: Path, encoding: str = "utf-8") -> set[str]:
    with tempfile.NamedTemporaryFile("w", suffix=".dic", encoding=encoding, delete=False) as handle:
        handle.write(dic_text)
    try:
        output = subprocess.run(["unmunch", handle.name, str(aff)], capture_output=True, check=True).stdout
    finally:
        Path(handle.name).unlink()
    found: set[str] = set()
    for line in output.decode(encoding, "replace").splitlines():
        word = line.split("\t")[0].split(" ")[0].split("/")[0].strip()
        if word:
            found.add(word)
    return found


def affix_forms(dic_text: str, aff: Path) -> set[str]:
    """Every form the affix rules of ``aff`` make of the entries of ``dic_text``, generously.

    ``unmunch`` drops forms (``résolu``: a rule whose condition is longer than the
    part it strips and holds an accented letter; ``résous``, ``absoute``…), and the
    checker answers from the tables alone for the words they can hold, so a form
    missing there is a false alarm.  This applies every rule of an entry's flags
    whose condition holds: suffixes, a second suffix named by the first one's
    continuation flags, prefixes (on the entry and on its suffixed forms) and the
    suffixes a prefix's continuation flags name (``centistéradians``); elision
    prefixes (``l'``) are left out, as the tables hold no elided form.  It makes
    more candidates than Hunspell accepts (affixes that need another one, circumfixes,
    cross products a rule forbids): :func:`accepted` keeps the accepted ones.
    """
    import re

    rules: dict[tuple[str, str], list[tuple[str, str, tuple[str, ...], re.Pattern]]] = {}
    long_flags = _long_flags(aff)
    for line in aff.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) < 5 or fields[0] not in ("PFX", "SFX"):
            continue
        kind, flag, strip, append, condition = fields[:5]
        append, _, continuation = append.partition("/")
        strip = "" if strip == "0" else strip
        append = "" if append == "0" else append
        if kind == "PFX" and ("'" in append or "\u2019" in append):
            continue  # an elision (``l'``, ``l'A``): the tables hold the word after it
        pattern = re.compile(("^" + condition) if kind == "PFX" else (condition + "$")) if condition != "." else re.compile("")
        rules.setdefault((kind, flag), []).append((strip, append, _split_flags(continuation, long_flags), pattern))

    def suffixed(word: str, flags) -> list[tuple[str, tuple[str, ...]]]:
        made = []
        for flag in flags:
            for strip, append, continuation, pattern in rules.get(("SFX", flag), ()):
                if word.endswith(strip) and pattern.search(word):
                    made.append((word[: len(word) - len(strip)] + append, continuation))
        return made

    def prefixed(word: str, flags) -> list[str]:
        made = []
        for flag in flags:
            for strip, append, continuation, pattern in rules.get(("PFX", flag), ()):
                if word.startswith(strip) and pattern.search(word):
                    form = append + word[len(strip) :]
                    made.append(form)
                    # A prefix may name suffixes in turn (``centi`` + ``stéradian`` + ``s``).
                    made.extend(more for more, _ in suffixed(form, continuation))
        return made

    found: set[str] = set()
    for _entry, word, flag_text in _entries(dic_text):
        flags = _split_flags(flag_text, long_flags)
        found.add(word)
        once = suffixed(word, flags)
        twice = [(form, more) for first, continuation in once for form, more in suffixed(first, continuation)]
        for form, continuation in once + twice:
            found.add(form)
            found.update(prefixed(form, (*flags, *continuation)))
        found.update(prefixed(word, flags))
    return found


#: The flag of the dictionary's unit prefixes (``kilo``, ``milli``, ``exa``… on ``mètre``, ``mole``).
UNIT_PREFIX_FLAG = "Um"
#: The prefixes of the very large and very small multiples, seldom written outside
#: physics (``kilo``, ``milli``, ``nano``… are everyday words: ``kilomètres``).
RARE_UNIT_PREFIXES = ("exa", "péta", "peta", "zetta", "yotta", "femto", "atto", "zepto", "yocto")


def unit_forms(dic_text: str, aff: Path) -> set[str]:
    """The forms a rare unit prefix makes (``examoles``, ``attocalories``).

    Real forms, seldom the word meant: the suggestions rank them after other words
    as close (``examples`` → ``exemples`` before ``examoles``).  They are what the
    affix rules make of the entries with the unit flag that begin with one of
    :data:`RARE_UNIT_PREFIXES`.
    """
    long_flags = _long_flags(aff)
    units = [entry for entry, _word, flags in _entries(dic_text) if UNIT_PREFIX_FLAG in _split_flags(flags, long_flags)]
    made = affix_forms(f"{len(units)}\n" + "\n".join(units) + "\n", aff)
    return {form for form in made if form.startswith(RARE_UNIT_PREFIXES)}


def _entries(dic_text: str):
    """(entry, word, flags) of each line of a ``.dic`` text after its count line."""
    for line in dic_text.splitlines()[1:]:
        fields = line.split()
        if fields:
            word, _, flags = fields[0].partition("/")
            if word:
                yield fields[0], word, flags


def _long_flags(aff: Path) -> bool:
    """The affix file names its flags with two characters (``FLAG long``)."""
    return any(line.split()[:2] == ["FLAG", "long"] for line in aff.read_text(encoding="utf-8").splitlines())


def _split_flags(text: str, long_flags: bool) -> tuple[str, ...]:
    if not long_flags:
        return tuple(text)
    return tuple(text[i : i + 2] for i in range(0, len(text) - 1, 2))


@functools.lru_cache(maxsize=1)
def _french_spell():
    """Hunspell's ``spell`` for the tables' variant, with the technical list added as the
    checker adds it: one dictionary for every pass of the build."""
    from courselint.spell.hunspell import SpellChecker

    spell = SpellChecker(TABLES_VARIANT)._french.spell
    # Loaded now (the checker loads it on its first lookup): write_elisions forks
    # its processes after this call and they share it.
    spell("a")
    return spell


def accepted(candidates: set[str]) -> set[str]:
    """The forms Hunspell accepts, with the technical list added as the checker adds it.

    ``unmunch`` also writes forms Hunspell refuses (about a quarter: compound verbs'
    impossible conjugations, entries with a digit): keeping only accepted forms
    makes a form of the tables a word the checker knows, so ``SpellChecker`` answers
    from the trie without asking Hunspell.
    """
    spell = _french_spell()
    return {form for form in candidates if spell(form)}


def case_refused(forms: list[str]) -> list[str]:
    """The lowercase forms whose ``Capitalised`` or ``CAPITALS`` writing Hunspell refuses.

    Hunspell accepts both writings of a lowercase word unless an entry of that
    form is marked KEEPCASE (``bar`` the unit, ``fr``): the checker asks Hunspell
    for those, and answers the others' capitalised writings from the trie.
    """
    spell = _french_spell()
    return sorted(
        form for form in forms if form.islower() and not (spell(form.capitalize()) and spell(form.upper()))
    )


def capital_writings(forms: list[str]) -> list[str]:
    """``SAN`` for ``San``, ``MCDONALD`` for ``McDonald``: Hunspell accepts a name in
    capitals (unless KEEPCASE), and the checker answers such a word from this list."""
    spell = _french_spell()
    return sorted(writing for writing in {form.upper() for form in forms if form != form.lower()} if spell(writing))


def main() -> None:
    dic, aff, tech = DATA / f"{DICTIONARY}.dic", DATA / f"{DICTIONARY}.aff", DATA / TECH_WORDS
    digest = input_digest(DATA)
    entries = dictionary_with_tech_words(dic, tech)
    all_forms = accepted(forms(entries, aff) | affix_forms(entries, aff))

    table: set[str] = set()
    for form in all_forms:
        # Elided forms (« l'arbre ») also count without their prefix: the checker looks at the word.
        for part in {form, form.rsplit("'", 1)[-1]}:
            table |= ngrams(part.lower())
    header = f"# {NGRAM}-grams of every form of {DICTIONARY} and {TECH_WORDS}; inputs {digest}\n"
    (DATA / NGRAMS_FILE).write_text(header + "\n".join(sorted(table)) + "\n", encoding="utf-8")

    # Forms made by the dictionary's elisions (« l'arbre ») are answered by their word
    # and the elisions table (see forms.py): leave them out.  Other forms with an
    # apostrophe stay whole (« aujourd'hui », « presqu'île »: ``presqu'`` is no
    # elision of the dictionary, only a .dic entry).
    plain_forms = [form for form in all_forms if "'" not in form or form.split("'", 1)[0].lower() not in ELISION_HEADS]
    hashes = array.array("I", sorted({zlib.crc32(form.encode("utf-8")) for form in plain_forms}))
    if sys.byteorder == "big":
        hashes.byteswap()
    header = f"# CRC-32 of every form of {DICTIONARY} and {TECH_WORDS}, sorted, uint32 LE; inputs {digest}\n"
    (DATA / FORMS_FILE).write_bytes(header.encode("ascii") + hashes.tobytes())
    import marisa_trie

    prefix_trie = marisa_trie.Trie([*plain_forms, TRIE_DIGEST_KEY + digest])
    prefix_trie.save(str(DATA / PREFIX_TRIE_FILE))
    marisa_trie.Trie([form[::-1] for form in plain_forms]).save(str(DATA / SUFFIX_TRIE_FILE))
    near = set(plain_forms)
    for form in plain_forms:
        near.update(form[:i] + form[i + 1 :] for i in range(len(form)))
    near.add(TRIE_DIGEST_KEY + digest)
    marisa_trie.Trie(near).save(str(DATA / NEAR_TRIE_FILE))
    refused = case_refused(plain_forms)
    header = f"# forms whose capitalised or capital writing Hunspell refuses; inputs {digest}\n"
    (DATA / KEEPCASE_FILE).write_text(header + "".join(f"{form}\n" for form in refused), encoding="utf-8")
    units = sorted(unit_forms(entries, aff) & set(plain_forms))
    header = f"# forms a rare unit prefix makes (examoles, attocalories); inputs {digest}\n"
    (DATA / UNITS_FILE).write_text(header + "".join(f"{form}\n" for form in units), encoding="utf-8")
    capitals = capital_writings(plain_forms)
    header = f"# capital writings Hunspell accepts of the forms that are not lowercase; inputs {digest}\n"
    (DATA / CAPITALS_FILE).write_text(header + "".join(f"{word}\n" for word in capitals), encoding="utf-8")
    write_elisions(prefix_trie, digest)
    print(f"{len(all_forms)} forms, {len(hashes)} hashes, {len(table)} {NGRAM}-grams; inputs {digest}")
    build_english_table()


def _elision_masks(forms: list[str]) -> list[int]:
    """For each form, the bits of the elisions Hunspell accepts before it, then those of
    the capitalising elisions before its Capitalised writing."""
    spell = _french_spell()
    masks = []
    for form in forms:
        mask = 0
        for bit, heads in enumerate(ELISIONS):
            answers = {spell(f"{head}'{form}") for head in heads}
            if len(answers) > 1:
                raise SystemExit(f"{'/'.join(heads)} do not take the same words: {form}")
            mask |= answers.pop() << bit
        if form[:1].islower():
            capitalised = form[0].upper() + form[1:]
            for bit, head in enumerate(CAPITALISING_ELISIONS, start=len(ELISIONS)):
                mask |= spell(f"{head}'{capitalised}") << bit
        masks.append(mask)
    return masks


def write_elisions(trie, digest: str) -> None:
    """``fr-forms-elisions.u16``: the elisions each key of ``trie`` takes, by key id.

    Every lowercase elision is tried before every form, and ``l'``, ``d'`` and
    ``qu'`` before its Capitalised writing (some 8 million lookups, split between
    two processes forked with the dictionary loaded).  A capitalised elision
    (``L'arbre``) is not tried: Hunspell answers as for ``l'arbre``, which
    ``tests/spell/test_spell_forms.py`` checks.
    """
    import multiprocessing

    _french_spell()  # loaded before the fork: both processes share it
    keys = sorted(trie.keys())
    chunks = [keys[i : i + 20_000] for i in range(0, len(keys), 20_000)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        masks = [mask for chunk in pool.map(_elision_masks, chunks) for mask in chunk]
    table = array.array("H", bytes(2 * len(keys)))
    for key, mask in zip(keys, masks):
        if not key.startswith(TRIE_DIGEST_KEY):
            table[trie[key]] = mask
    if sys.byteorder == "big":
        table.byteswap()
    bits = " ".join("/".join(heads) for heads in ELISIONS) + " " + " ".join(f"{head}+Cap" for head in CAPITALISING_ELISIONS)
    header = f"# elisions each key of {PREFIX_TRIE_FILE} takes, by key id, uint16 LE, bits: {bits}; inputs {digest}\n"
    (DATA / ELISIONS_FILE).write_bytes(header.encode("utf-8") + table.tobytes())
    print(f"{sum(1 for mask in masks if mask)} forms take an elision")


def build_english_table() -> None:
    """``data/en-forms.blake2b``: the forms of the ``en_US`` dictionary bundled with chunspell.

    Its affix file is ISO-8859-1.  Entries flagged ONLYINCOMPOUND (``1th/tc``) are
    only parts of numbers, never words: left out, as Hunspell refuses them alone.
    """
    dic, aff = english_dictionary()
    lines = dic.read_text(encoding="latin-1").splitlines()[1:]
    only_in_compound = {line.split()[1] for line in aff.read_text(encoding="latin-1").splitlines() if line.startswith("ONLYINCOMPOUND ")}
    kept = [line for line in lines if not (set(line.partition("/")[2]) & only_in_compound)]
    english = {form for form in forms(f"{len(kept)}\n" + "\n".join(kept) + "\n", aff, "latin-1") if not any(c.isdigit() for c in form)}
    # Hunspell also accepts a mixed-case entry in capitals (« McConnell », « MCCONNELL »).
    english |= {form.upper() for form in english if form != form.lower() and form[1:] != form[1:].lower()}
    keys = array.array("Q", sorted({english_key(form) for form in english}))
    if sys.byteorder == "big":
        keys.byteswap()
    header = f"# BLAKE2b-64 of every form of chunspell's en_US, sorted, uint64 LE; en_US {english_signature()}\n"
    (DATA / ENGLISH_FILE).write_bytes(header.encode("ascii") + keys.tobytes())
    print(f"{len(english)} English forms; en_US {english_signature()}")


if __name__ == "__main__":
    main()
