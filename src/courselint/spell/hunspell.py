"""Hunspell, loaded once per process, with the French dictionaries shipped as package data.

The dictionaries are Dicollecte's (MPL-2.0, see ``data/LICENSE-dictionaries-fr.txt``):
``toutes-variantes`` (the default: accepts both ``connaître`` and ``connaitre``),
``classique`` and ``reforme1990``.  English is an opt-in (``languages = ["fr", "en"]``)
using the ``en_US`` dictionary bundled in the chunspell wheel: by default it would
let French slips through (``cu``, ``grace``, ``video``, ``traffic``).

Nothing is downloaded: everything comes from the installed package.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from courselint.spell import dictionary
from courselint.spell.dictionary import DEFAULT_VARIANT, VARIANTS, data_dir
from courselint.spell.edits import (
    FRENCH_LETTERS,
    FREQUENT_WORDS,
    accent_variants,
    edit_cost,
    is_strict_neighbour,
    french_cognates,
    looks_french,
    one_edit,
    plain,
    recase,
    slip_cost,
    undoubled,
)
from courselint.spell.english import EnglishWords, load_english_hunspell
from courselint.spell.english import load_table as load_english_table
from courselint.spell.forms import TABLES_VARIANT, FormFilter, load_shared
from courselint.spell.wordlist import TechWord, read_tech_words

LANGUAGES = ("fr", "en")
MAX_SUGGESTIONS = 3
TECH_WORDS_FILE = "tech-words-fr.txt"
#: Forms of the technical list that are only ever technical, though French has a
#: word an accent away (``email``/``émail``): never reported as a French slip.
TECH_ONLY_FILE = "tech-only-fr.txt"


class UnknownVariantError(ValueError):
    """The configured dictionary variant is not one we ship."""


class SpellChecker:
    """French (and optionally English) spelling with the course's extra words.

    ``check`` and ``suggest`` are memoised per word: a course repeats its words,
    and a word's suggestions cost up to a few hundred ms, so they are only computed
    when a caller asks for them.
    """

    def __init__(
        self,
        variant: str = DEFAULT_VARIANT,
        languages: Iterable[str] = ("fr",),
        words: Iterable[str] = (),
    ) -> None:
        if variant not in VARIANTS:
            known = ", ".join(sorted(VARIANTS))
            raise UnknownVariantError(f"variante de dictionnaire inconnue : {variant!r} (connues : {known})")
        self.variant = variant
        self.languages = tuple(languages)
        unknown = [language for language in self.languages if language not in LANGUAGES]
        if unknown:
            raise ValueError(f"langue de dictionnaire inconnue : {unknown[0]!r}")
        # The tables of spell/forms.py hold only forms this variant's Hunspell accepts
        # (built so): a form found there needs no Hunspell lookup (15–70 µs against
        # 0.2 µs).  Other variants accept fewer forms: the tables only rule words out.
        self._forms_are_known = variant == TABLES_VARIANT
        # For the tables' variant most words never reach Hunspell: its dictionary
        # (0.1–0.2 s to load) is loaded on the first word the tables cannot answer.
        if self._forms_are_known:
            self._french = dictionary.OnDemand(variant)
        else:
            self._french = dictionary.take(variant) or dictionary.load(variant)
        self._english = load_english_hunspell() if "en" in self.languages else None
        # Candidate words go through it before Hunspell (see spell/forms.py).
        self._forms = FormFilter(data_dir())
        tech_words = read_tech_words(data_dir() / TECH_WORDS_FILE)
        # The tables of spell/forms.py were built with the shipped list and its
        # inflections (a test checks their digest): only Hunspell needs them added.
        self._add_words(tech_words, shipped=True)
        words = tuple(words)
        self._add_words(TechWord(word) for word in words)
        # The project's own words are never second-guessed (see listed_slip_form).
        self._project_words = frozenset(_normalise(word).lower() for word in words)
        # Words of the trade, mostly English: beside them an English word is in
        # an English phrase (« un load balancer »), see ``is_english_like``.
        self._tech_words = frozenset(entry.word.lower() for entry in tech_words)
        self._checked: dict[str, bool] = {}
        self._suggested: dict[str, tuple[str, ...]] = {}
        self._english_only: dict[str, bool] = {}
        self._compounds: dict[str, bool] = {}
        self._neighbours: dict[tuple[str, bool], bool] = {}
        self._near: dict[str, list[str]] = {}
        self._cognates: dict[str, bool] = {}
        self._accent_memo: dict[str, tuple[str, ...]] = {}
        self._slip_forms: dict[str, str | None] = {}
        self._slip_forms_as_written: dict[str, str | None] = {}
        self._tech_memo: dict[str, bool] = {}
        self._tech_only: frozenset[str] | None = None  # read on first use
        # English words for the acceptance tests, from a table of the same en_US
        # dictionary (spell/english.py): loading it in Hunspell costs 50 ms.
        self._english_words = EnglishWords(data_dir())

    def _add_words(self, entries: Iterable[TechWord], shipped: bool = False) -> None:
        for entry in entries:
            word = _normalise(entry.word)
            if not shipped:
                self._forms.add(word)
            if entry.model:
                self._french.add_with_affix(word, entry.model)
            else:
                self._french.add(word)

    def check(self, word: str) -> bool:
        """True if the word is known in one of the configured languages.

        Case follows Hunspell's rules (a lowercase entry accepts ``Capitalised``
        and ``ALL CAPS`` forms); an ALL-CAPS word whose accents were dropped
        (``EVOLUTION``) is also tried through its capitalised form.
        """
        # The memo is keyed by the word as written too: a course repeats its words,
        # and normalising each occurrence costs more than the lookup.
        known = self._checked.get(word)
        if known is None:
            normalised = _normalise(word)
            known = self._checked.get(normalised)
            if known is None:
                known = self._lookup(normalised)
                self._checked[normalised] = known
            self._checked[word] = known
        return known

    def _lookup(self, word: str) -> bool:
        candidates = [word]
        if word.isupper() and len(word) > 1:
            candidates.append(word.capitalize())
        # French often drops the accent of a capital (« Ecrire », « Etat »): that is
        # a matter of typography, not of spelling.
        for accented in _ACCENTED_CAPITALS.get(word[:1], ()):
            candidates.append(accented + word[1:])
        for candidate in candidates:
            if self._french_spell(candidate):
                return True
            if self._english is not None and self._english.spell(candidate):
                return True
        return False

    def _french_spell(self, word: str) -> bool:
        """Known to the French dictionary: the tables' answer when they have one (see
        FormFilter.answer: Hunspell's lookup of a word it does not know costs 40-70 µs,
        and its dictionary is only loaded for a word they cannot answer), else Hunspell's."""
        if self._forms_are_known:
            answer = self._forms.answer(word)
            if answer is not None:
                return answer
        return bool(self._french.spell(word))

    def is_english_only(self, word: str) -> bool:
        """True for an English word that French (with the technical list) does not know.

        Used to recognise English phrases quoted in French prose (``Red Hat``,
        ``the twelve-factor app``); the English dictionary is loaded on first
        use even when English is not an accepted language.
        """
        word = _normalise(word)
        known = self._english_only.get(word)
        if known is None:
            known = self._english_spell(word) and not self.check(word)
            self._english_only[word] = known
        return known

    def is_english_like(self, word: str) -> bool:
        """An English word that is English-only or one of the technical list."""
        if self.is_english_only(word):
            return True
        return self._english_of_the_trade(_normalise(word).lower())

    def _english_of_the_trade(self, lowered: str) -> bool:
        """A word of the technical list that is English (``controller``; ``itérateur``,
        ``formatage`` are French words of the trade)."""
        return lowered in self._tech_words and bool(self._english_spell(lowered))

    def is_tech_word(self, word: str) -> bool:
        """In the shipped technical list (lowercase comparison)."""
        # Asked of every known word of the prose (spell/acceptance.py): memoised as written.
        known = self._tech_memo.get(word)
        if known is None:
            known = _normalise(word).lower() in self._tech_words
            self._tech_memo[word] = known
        return known

    def _english_spell(self, word: str) -> bool:
        return self._english_words.spell(word)

    def is_english_compound(self, word: str) -> bool:
        """``loadbalancing``, ``nameserver``: two English words of four letters or more, glued.

        Not a word English knows whole (``connection`` is one English word, and a
        French slip), nor one a French word is close to (``controle``).
        """
        lowered = _normalise(word).lower()
        known = self._compounds.get(lowered)
        if known is None:
            known = False
            if (
                lowered.isalpha()
                and lowered.isascii()
                # The French test first: memoised and shared with the other acceptance tests.
                and not self.has_french_neighbour(lowered)
                and not self._english_spell(lowered)
            ):
                for cut in range(4, len(lowered) - 3 + 1):
                    if self._english_spell(lowered[:cut]) and self._english_spell(lowered[cut:]):
                        known = True
                        break
            self._compounds[lowered] = known
        return known

    def has_french_neighbour(self, word: str, any_substitution: bool = False) -> bool:
        """A French word one edit away, or differing only by accents and ligatures.

        An English word with such a neighbour may well be a French slip (``traffic``
        for ``trafic``, ``example`` for ``exemple``, ``elements`` for ``éléments``);
        one without (``describe``, ``outages``) is an anglicism of the trade.
        """
        lowered = _normalise(word).lower()
        key = (lowered, any_substitution)
        known = self._neighbours.get(key)
        if known is None:
            # The strict test (vowels only) is a subset of the broad one: reuse it.
            if any_substitution:
                # Shared with the suggestions, which look at the same candidates.
                known = any(self._french_spell(candidate) for candidate in self._near_words(lowered))
                self._neighbours[key] = known
                return known
            if self._neighbours.get((lowered, True)) is False:
                return False
            if self._english is None:
                # The broad list costs little more than the strict one and the
                # suggestions need it anyway: pick the strict neighbours out of it.
                known = any(is_strict_neighbour(lowered, candidate) for candidate in self._near_words(lowered))
            else:  # the broad list then holds English words, which this test ignores
                candidates = set(self._forms.accent_variants(lowered))
                candidates.update(self._forms.near_candidates(lowered))
                candidates.discard(lowered)
                known = any(self._known_generated(candidate) for candidate in candidates)
            self._neighbours[key] = known
        return known

    def has_french_cognate(self, word: str) -> bool:
        """A French word this English-looking word may be a slip for (``environment``).

        See :func:`courselint.spell.edits.french_cognates`; memoised.
        """
        lowered = _normalise(word).lower()
        known = self._cognates.get(lowered)
        if known is None:
            known = any(self._known_french(candidate) for candidate in french_cognates(lowered) if candidate != lowered)
            self._cognates[lowered] = known
        return known

    def has_accent_neighbour(self, word: str) -> bool:
        """The word is French once accents or a ligature are put back (``grace``, ``role``)."""
        return bool(self._accent_neighbours(_normalise(word).lower()))

    def _accent_neighbours(self, lowered: str) -> tuple[str, ...]:
        """The French words ``lowered`` is once its accents or ligatures are put back, sorted.

        Memoised: the acceptance tests ask it of every occurrence of an unknown
        word, and :meth:`accent_form` and :meth:`_slip_form` pick from it.
        """
        found = self._accent_memo.get(lowered)
        if found is None:
            found = self._accent_memo[lowered] = tuple(sorted(
                candidate
                for candidate in self._forms.accent_variants(lowered)
                if candidate != lowered and self._known_generated(candidate)
            ))
        return found

    def ligature_form(self, word: str) -> str | None:
        """The French word ``word`` is once ``oe``/``ae`` are written ``œ``/``æ`` (``noeud`` → ``nœud``)."""
        lowered = _normalise(word).lower()
        if "oe" not in lowered and "ae" not in lowered:
            return None
        form = lowered.replace("oe", "œ").replace("ae", "æ")
        if not self._known_french(form):
            return None
        return recase(form, word)

    def accent_form(self, word: str) -> str | None:
        """The one French word ``word`` is once its accents or ligatures are put back, if only one.

        ``element`` → élément; ``cote`` has four (cote, côte, coté, côté): none is certain.
        Memoised: the safe fix of a CL401 finding comes from here.
        """
        forms = self._accent_neighbours(_normalise(word).lower())
        return recase(forms[0], word) if len(forms) == 1 else None

    def listed_slip_form(self, word: str) -> str | None:
        """For a word of the technical list, the French word its accents dropped (``roles`` → ``rôles``).

        Only accents and ligatures count, not the accent of a final ``-e(s)``
        that makes a participle of a verb of the list (``clone``/``cloné``: a
        question of grammar), nor forms the list marks as only technical
        (``data/tech-only-fr.txt``: ``email``, ``git``, ``commit``…), nor a word
        the project lists itself.  Memoised.
        """
        # Asked of every word of the technical list in the prose: memoised as written too.
        if word in self._slip_forms_as_written:
            return self._slip_forms_as_written[word]
        found = self._slip_form(word)
        self._slip_forms_as_written[word] = found
        return found

    def _slip_form(self, word: str) -> str | None:
        """:meth:`listed_slip_form` itself, memoised by the lowercase word (recased each time)."""
        lowered = _normalise(word).lower()
        if lowered in self._slip_forms:
            found = self._slip_forms[lowered]
            return None if found is None else recase(found, word)
        if self._tech_only is None:
            self._tech_only = frozenset(entry.word.lower() for entry in read_tech_words(data_dir() / TECH_ONLY_FILE))
        found = None
        if lowered not in self._tech_only and lowered not in self._project_words:
            found = next(
                (candidate for candidate in self._accent_neighbours(lowered) if not _inflection_accent(lowered, candidate)),
                None,
            )
        self._slip_forms[lowered] = found
        return None if found is None else recase(found, word)

    def is_english(self, word: str) -> bool:
        """Known to the English dictionary (whether or not French knows it too)."""
        return self._english_spell(_normalise(word))

    def suggest(self, word: str) -> tuple[str, ...]:
        """Up to three replacements, best first.

        Hunspell's own suggestion search costs 0.03–0.4 s a word on the French
        dictionary, and up to a second on a name it has never seen.  Most slips
        are one edit away from their word (an accent, a letter doubled, dropped
        or swapped), so those candidates are tried first, at a few milliseconds.
        When they find nothing and the word looks French (an accent, a French
        ending), words two edits away are tried: ``disponilibilité`` gets
        ``disponibilité``, a name such as ``dnmonster`` gets no suggestion.
        Hunspell's own search is never asked: it costs 0.2 to 0.6 s a word, its
        results depend on the machine's load (it stops on a time limit), and on
        the benchmarks it found no first suggestion the searches above miss
        (``bench/spelling_quality.py`` and ``bench/generated_slips.py`` give the
        same figures without it).
        """
        word = _normalise(word)
        cached = self._suggested.get(word)
        if cached is None:
            found = self._near_suggestions(word)
            if self.is_english(word):
                found = self._with_cognates(word, found)
            if found and looks_french(word) and all(self._english_of_the_trade(c.lower()) for c in found):
                # A French-looking slip whose only close words are English words of
                # the trade (``controlleur`` → ``controller``) may be a French word two
                # small slips away (``contrôleur``: an accent and a doubled letter).
                # A French word one slip away ends the search (``formattage`` →
                # ``formatage``, of the technical list too): the two-edit search costs
                # 5-15 ms a word and only added rarer words after it.
                lowered = word.lower()
                found = sorted(
                    _unique(found + self._two_edit_suggestions(word)),
                    key=lambda c: (slip_cost(lowered, c), self._familiarity(c.lower())),
                )
            if not found:
                found = self._split_suggestions(word)
            if not found and looks_french(word):
                found = self._two_edit_suggestions(word)
            cached = tuple(found)[:MAX_SUGGESTIONS]
            self._suggested[word] = cached
        return cached

    def _known_french(self, candidate: str) -> bool:
        """A French form of the tables (or an added word).

        For the tables' variant the tries answer alone (they hold the very forms of
        the CRC-32 table, which only sent its collisions to Hunspell); an elided
        candidate, or another variant, still goes to Hunspell after the tables.
        """
        if self._forms_are_known and "'" not in candidate:
            return self._forms.is_form(candidate)
        return self._forms.may_be_form(candidate) and self._french_spell(candidate)

    def _known_generated(self, candidate: str) -> bool:
        """:meth:`_known_french` for a candidate of ``self._forms``'s generators (already plausible)."""
        if self._forms_are_known and "'" not in candidate:
            return self._forms.is_form(candidate)
        return self._forms.listed(candidate) and self._french_spell(candidate)

    def _near_words(self, lowered: str) -> list[str]:
        """Known words an accent, a ligature or one edit (any substitution) away; memoised."""
        found = self._near.get(lowered)
        if found is None:
            candidates = set(self._forms.accent_variants(lowered))
            # Most unknown words are names or English with no French word one edit
            # away: the trie of deletions says so without trying every letter.
            candidates.update(self._forms.near_candidates(lowered, any_substitution=True))
            candidates.discard(lowered)
            found = {candidate for candidate in candidates if self._known_generated(candidate)}
            if self._english is not None:  # English words are not in the French tables
                english = set(accent_variants(lowered)) | set(one_edit(lowered, any_substitution=True))
                english.discard(lowered)
                found.update(candidate for candidate in english if self._english.spell(candidate))
            found = sorted(found)
            self._near[lowered] = found
        return found

    def _near_suggestions(self, word: str) -> list[str]:
        lowered = word.lower()
        bare = plain(lowered)
        candidates = self._near_words(lowered)
        if not candidates:
            return []

        def tier(candidate: str) -> int:
            if plain(candidate) == bare:
                return 0  # accents or ligature only: « execution » → « exécution »
            if undoubled(plain(candidate)) == undoubled(bare):
                return 1  # a letter doubled or not: « plannification »
            return 2

        ranked = sorted(
            candidates,
            key=lambda c: (tier(c), self._familiarity(c), edit_cost(lowered, c), c),
        )
        return [recase(candidate, word) for candidate in ranked]

    def _with_cognates(self, word: str, near: list[str]) -> list[str]:
        """The suggestions of an English word in French prose, its French cognates among them.

        A neighbour one slip away comes first (``traffic`` → ``trafic``,
        ``example`` → ``exemple``, ``music`` → ``musc`` as much as ``musique``);
        then the French spelling of the English word (``connection`` →
        ``connexion``), before neighbours that change a consonant or only add a
        plural or feminine ending (``connections``, ``confection``).
        """
        lowered = word.lower()

        def close(candidate: str) -> bool:
            bare = candidate.lower()
            if bare.startswith(lowered) and bare[len(lowered) :] in ("s", "x", "e"):
                return False  # the same English word inflected is no French form of it
            return slip_cost(lowered, bare) <= 1.0

        first = [candidate for candidate in near if close(candidate)]
        rest = [candidate for candidate in near if candidate not in first]
        return _unique(first + self._cognate_suggestions(word) + rest)

    def _cognate_suggestions(self, word: str) -> list[str]:
        """French words an English word is the English spelling of, closest first.

        The plural keeps its mark: ``addresses`` gets ``adresses``, not ``adresse``.
        """
        lowered = word.lower()
        plural = lowered.endswith("s") and not lowered.endswith("ss")
        found = set()
        for candidate in french_cognates(lowered):
            if plural:
                candidate = candidate if candidate.endswith(("s", "x")) else candidate + "s"
            if candidate != lowered and self._known_french(candidate):
                found.add(candidate)
        ranked = sorted(found, key=lambda c: (slip_cost(lowered, c), self._familiarity(c), c))
        return [recase(candidate, word) for candidate in ranked]

    def _split_suggestions(self, word: str) -> list[str]:
        """Two French words glued by a missing space (``configurationde`` → ``configuration de``).

        One side must be a frequent word (« de », « la », « et »…), the other a
        word of three letters or more: a name cut anywhere would otherwise find
        two words of the dictionary.
        """
        lowered = word.lower()
        found = []
        for cut in range(1, len(lowered)):
            left, right = lowered[:cut], lowered[cut:]
            if not (left in FREQUENT_WORDS or right in FREQUENT_WORDS):
                continue
            if min(len(left), len(right)) < 2 or max(len(left), len(right)) < 3:
                continue
            if self._known_french(left) and self._known_french(right):
                found.append((max(len(left), len(right)), f"{left} {right}"))
        return [recase(candidate, word) for _, candidate in sorted(found, reverse=True)]

    def _two_edit_suggestions(self, word: str) -> list[str]:
        """Known words two edits away (``contrrraire``, ``ipmacée``), closest and commonest first.

        Each one-edit form of the word is edited once more, only where that can
        still give a form: what comes before the second edit must begin a form,
        what comes after it must end one (the tries of spell/forms.py say so), and
        the 4-gram generator drops the rest.  ``disponilibilité`` (15 letters) looks
        at a few hundred candidates instead of 16,000.
        """
        lowered = word.lower()
        forms = self._forms
        # Two edits far apart give the same word in either order: the second edit only
        # goes from two letters before the first one on (nearer, they may interact),
        # which halves the candidates without losing one.  An intermediate reached at
        # several positions keeps the leftmost (the widest range for the second edit).
        # The word is unchanged before the leftmost edit, so that edit lies within the
        # longest beginning of the word that begins a form (plus two: the second edit
        # may come two letters before the first).
        # Hunspell takes hyphenated words and numbers the tries do not hold
        # (``dev-555087-6181-51``): a word with anything but French letters is
        # searched whole, as before.
        pruned = all(char in FRENCH_LETTERS for char in lowered)
        known = forms.prefix_length(lowered) if pruned else len(lowered)
        # Past an edit at ``position`` an intermediate is the word again (shifted by
        # the change of length): whether its ends end a form is the word's answer.
        word_end = forms.suffix_start(lowered, len(lowered)) if pruned else 0
        intermediates: dict[str, int] = {}
        for position in range(min(len(lowered), known + 2) + 1):
            for first in one_edit(lowered, any_substitution=True, first=position, last=position):
                intermediates.setdefault(first, position)
        candidates: set[str] = set()
        for first, position in intermediates.items():
            start, end = max(0, position - 2), len(first)
            near = None
            if pruned:
                # Before the second edit (at ``k``) the candidate is ``first[:k]``: it
                # must begin a form, so ``k`` is at most the longest such beginning
                # (``first`` is the word up to ``position``).  After it, the candidate
                # ends as ``first`` from ``k + 2`` at the latest (a swap): that end
                # must end a form.
                end = forms.prefix_length(first, position) if position <= known else known
                if start > end:
                    continue
                after = position + 2  # first[after:] is lowered[after - shift:]
                if after < len(first):
                    tail = max(after, word_end + len(first) - len(lowered))
                    if tail > end + 2:
                        continue
                # Nine intermediates in ten have no form one edit away: the trie of
                # deletions says so in a few lookups, before any letter is tried, and
                # for the others it says at which positions (up to ``end``: no
                # candidate is made past it) an edit may give one.
                near = forms.near_edits(first, start, end)
                if not near[0] and not near[1]:
                    continue
                if after < len(first):
                    # It may end a form from further left; only whether it does from
                    # ``position`` or ``position + 1`` changes the window's start.
                    while tail > position and forms.ends_form(first[tail - 1 :]):
                        tail -= 1
                else:
                    tail = forms.suffix_start(first, end + 2)
                    if tail is None:
                        continue
                start = max(start, tail - 2)
            if start <= end:
                candidates.update(forms.one_edit(first, any_substitution=True, first=start, last=end, near=near))
        candidates.discard(lowered)
        if pruned:  # the candidates are the tries' forms or added words: no CRC-32 collision to fear
            candidates = {candidate for candidate in candidates if forms.is_form(candidate)}
        # Each distinct candidate is looked up once (many come back from several paths).
        found = {candidate for candidate in candidates if self._known_generated(candidate)}
        # A slip rarely touches the first letter: among equally close words, keep it.
        # Weighted edits (spell/edits.py): an accent and a doubled letter
        # (``controllé`` → ``contrôlé``) before two letters changed.
        ranked = sorted(
            found, key=lambda c: (slip_cost(lowered, c), c[:1] != lowered[:1], self._familiarity(c), c)
        )
        return [recase(candidate, word) for candidate in ranked]

    def _familiarity(self, candidate: str) -> int:
        """0 for a frequent French word, 1 for a word of the trade, 2 for the rest, 3 for
        a unit with a rare prefix (``examoles``: a form, seldom the word meant)."""
        if candidate in FREQUENT_WORDS:
            return 0
        if candidate in self._tech_words:
            return 1
        return 3 if self._forms.is_unit_form(candidate) else 2


_ACCENTED_CAPITALS = {
    "E": ("É", "È", "Ê"),
    "A": ("À", "Â"),
    "I": ("Î",),
    "O": ("Ô",),
    "U": ("Û",),
    "C": ("Ç",),
}


def _inflection_accent(word: str, candidate: str) -> bool:
    """``candidate`` only accents the final ``e`` (``clone``/``cloné``, ``clones``/``clonés``)."""
    diffs = [i for i, (a, b) in enumerate(zip(word, candidate)) if a != b]
    ending = len(word) - (2 if word.endswith("es") else 1)
    return all(i == ending and word[i] == "e" for i in diffs)


def _normalise(word: str) -> str:
    # The dictionaries accept both apostrophes; one spelling keeps the caches small.
    return unicodedata.normalize("NFC", word.replace("\u2019", "'"))


def _unique(words: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for word in words:
        if word not in seen:
            seen.add(word)
            result.append(word)
    return result


def prepare_shared() -> None:
    """Load now the read-only tables every checker shares (about 20 ms): the worker
    processes of a whole-course check, forked afterwards, find them in memory."""
    folder = data_dir()
    load_shared(folder)
    load_english_table(str(folder))


@functools.lru_cache(maxsize=8)
def _cached_checker(variant: str, languages: tuple[str, ...], words: tuple[str, ...]) -> SpellChecker:
    return SpellChecker(variant, languages, words)


def get_checker(
    variant: str = DEFAULT_VARIANT,
    languages: Iterable[str] = ("fr",),
    words: Iterable[str] = (),
) -> SpellChecker:
    """The process-wide checker for this configuration (loaded on first use)."""
    return _cached_checker(variant, tuple(languages), tuple(sorted(set(words))))
