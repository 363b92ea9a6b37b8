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
from importlib import resources
from pathlib import Path

import hunspell as chunspell

from courselint.spell.wordlist import TechWord, read_tech_words

VARIANTS = {
    "toutes-variantes": "fr-toutes-variantes",
    "classique": "fr-classique",
    "reforme1990": "fr-reforme1990",
}
DEFAULT_VARIANT = "toutes-variantes"
LANGUAGES = ("fr", "en")
MAX_SUGGESTIONS = 3
TECH_WORDS_FILE = "tech-words-fr.txt"


class UnknownVariantError(ValueError):
    """The configured dictionary variant is not one we ship."""


def data_dir() -> Path:
    return Path(str(resources.files("courselint") / "data"))


def _english_dir() -> Path:
    return Path(chunspell.__file__).parent / "dictionaries"


class SpellChecker:
    """French (and optionally English) spelling with the course's extra words.

    ``check`` and ``suggest`` are memoised per word: a course repeats its words,
    and Hunspell's suggestions cost 0.03–0.4 s each, so they are only computed
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
        self._french = chunspell.Hunspell(VARIANTS[variant], hunspell_data_dir=str(data_dir()))
        self._english = chunspell.Hunspell("en_US", hunspell_data_dir=str(_english_dir())) if "en" in self.languages else None
        tech_words = read_tech_words(data_dir() / TECH_WORDS_FILE)
        self._add_words(tech_words)
        self._add_words(TechWord(word) for word in words)
        # Words of the trade, mostly English: beside them an English word is in
        # an English phrase (« un load balancer »), see ``is_english_like``.
        self._tech_words = frozenset(entry.word.lower() for entry in tech_words)
        self._checked: dict[str, bool] = {}
        self._suggested: dict[str, tuple[str, ...]] = {}
        self._english_only: dict[str, bool] = {}
        self._compounds: dict[str, bool] = {}
        self._neighbours: dict[tuple[str, bool], bool] = {}
        self._english_reference: chunspell.Hunspell | None = self._english

    def _add_words(self, entries: Iterable[TechWord]) -> None:
        for entry in entries:
            word = _normalise(entry.word)
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
        word = _normalise(word)
        known = self._checked.get(word)
        if known is None:
            known = self._lookup(word)
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
            if self._french.spell(candidate):
                return True
            if self._english is not None and self._english.spell(candidate):
                return True
        return False

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
        lowered = _normalise(word).lower()
        return lowered in self._tech_words and bool(self._english_spell(lowered))

    def is_tech_word(self, word: str) -> bool:
        """In the shipped technical list (lowercase comparison)."""
        return _normalise(word).lower() in self._tech_words

    def _english_spell(self, word: str) -> bool:
        if self._english_reference is None:
            self._english_reference = chunspell.Hunspell("en_US", hunspell_data_dir=str(_english_dir()))
        return bool(self._english_reference.spell(word))

    def is_english_compound(self, word: str) -> bool:
        """``loadbalancing``, ``nameserver``: two English words of four letters or more, glued."""
        lowered = _normalise(word).lower()
        known = self._compounds.get(lowered)
        if known is None:
            known = False
            if lowered.isalpha() and lowered.isascii():
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
            spell = self._french.spell
            known = any(spell(candidate) for candidate in _accent_variants(lowered)) or any(
                spell(candidate) for candidate in _one_edit(lowered, any_substitution)
            )
            self._neighbours[key] = known
        return known

    def is_english(self, word: str) -> bool:
        """Known to the English dictionary (whether or not French knows it too)."""
        return self._english_spell(_normalise(word))

    def suggest(self, word: str) -> tuple[str, ...]:
        """Up to three replacements, best first.

        Hunspell's own suggestion search costs 0.03–0.4 s a word on the French
        dictionary.  Most slips are one edit away from their word (an accent, a
        letter doubled, dropped or swapped), so those candidates are tried first,
        at a few milliseconds; Hunspell is asked only when they leave a tie or
        find nothing.
        """
        word = _normalise(word)
        cached = self._suggested.get(word)
        if cached is None:
            cached = tuple(self._near_suggestions(word) or self._hunspell_suggestions(word))[:MAX_SUGGESTIONS]
            self._suggested[word] = cached
        return cached

    def _known_any(self, candidate: str) -> bool:
        if self._french.spell(candidate):
            return True
        return self._english is not None and bool(self._english.spell(candidate))

    def _near_suggestions(self, word: str) -> list[str]:
        lowered = word.lower()
        plain = _plain(lowered)
        seen: set[str] = set()
        candidates: list[str] = []
        for candidate in (*_accent_variants(lowered), *_one_edit(lowered, any_substitution=True)):
            if candidate != lowered and candidate not in seen:
                seen.add(candidate)
                if self._known_any(candidate):
                    candidates.append(candidate)
        if not candidates:
            return []

        def tier(candidate: str) -> int:
            if _plain(candidate) == plain:
                return 0  # accents or ligature only: « execution » → « exécution »
            if _undoubled(_plain(candidate)) == _undoubled(plain):
                return 1  # a letter doubled or not: « plannification »
            return 2

        ranked = sorted(
            candidates,
            key=lambda c: (tier(c), self._familiarity(c), _edit_cost(lowered, c), c),
        )
        return [_recase(candidate, word) for candidate in ranked]

    def _familiarity(self, candidate: str) -> int:
        """0 for a frequent French word, 1 for a word of the trade, 2 for the rest."""
        if candidate in FREQUENT_WORDS:
            return 0
        return 1 if candidate in self._tech_words else 2

    def _hunspell_suggestions(self, word: str) -> list[str]:
        found = list(self._french.suggest(word))
        if self._english is not None:
            found.extend(self._english.suggest(word))
        return rank_suggestions(word, _unique(found))


# Keys next to each other on AZERTY and QWERTY keyboards: a finger that slips
# lands there (« cu » for « du »).
_KEYBOARD_ROWS = (
    "azertyuiop", "qsdfghjklm", "wxcvbn",  # AZERTY
    "qwertyuiop", "asdfghjkl", "zxcvbnm",  # QWERTY
)
_NEAR_KEYS: dict[str, set[str]] = {}
for _rows in (_KEYBOARD_ROWS[:3], _KEYBOARD_ROWS[3:]):
    for _row_index, _row in enumerate(_rows):
        for _column, _key in enumerate(_row):
            near = _NEAR_KEYS.setdefault(_key, set())
            near.update(_row[max(0, _column - 1) : _column + 2])
            for _other in _rows[max(0, _row_index - 1) : _row_index + 2]:
                near.update(_other[max(0, _column - 1) : _column + 2])


def _edit_cost(word: str, candidate: str) -> int:
    """How likely the one edit from ``candidate`` to ``word`` is as a slip (lower: likelier).

    A swapped pair, a doubled letter, a neighbouring key: 0; another inserted
    or dropped letter: 1; any other substitution: 2.
    """
    plain_word, plain_candidate = _plain(word), _plain(candidate)
    if len(plain_word) == len(plain_candidate):
        diffs = [i for i, (a, b) in enumerate(zip(plain_word, plain_candidate)) if a != b]
        if not diffs:
            return 0
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            return 0
        typed, meant = plain_word[diffs[0]], plain_candidate[diffs[0]]
        return 0 if typed in _NEAR_KEYS.get(meant, ()) else 2
    longer, shorter = (plain_word, plain_candidate) if len(plain_word) > len(plain_candidate) else (plain_candidate, plain_word)
    index = next((i for i, (a, b) in enumerate(zip(longer, shorter)) if a != b), len(shorter))
    extra = longer[index]
    doubled = (index > 0 and longer[index - 1] == extra) or (index + 1 < len(longer) and longer[index + 1] == extra)
    return 0 if doubled else 1


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", _without_ligatures(word))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _undoubled(word: str) -> str:
    result = []
    for char in word:
        if not result or result[-1] != char:
            result.append(char)
    return "".join(result)


def _recase(candidate: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return candidate.upper()
    if like[:1].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


_ACCENTED_CAPITALS = {
    "E": ("É", "È", "Ê"),
    "A": ("À", "Â"),
    "I": ("Î",),
    "O": ("Ô",),
    "U": ("Û",),
    "C": ("Ç",),
}


_FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzàâäéèêëîïôöùûüÿçœ"
_ACCENTS = {"e": "eéèê", "a": "aàâ", "i": "iîï", "o": "oô", "u": "uùû", "c": "cç"}
_MAX_ACCENT_VARIANTS = 2048


_VOWELS = "aeiouyàâäéèêëîïôöùûüÿœ"


def _one_edit(word: str, any_substitution: bool = False) -> Iterable[str]:
    """The slips a French word turns into an English-looking one, undone.

    One letter deleted or inserted (``traffic``, ``server``), two letters
    swapped, or one vowel for another (``example``, ``persistence``).  A
    consonant for another is left out unless ``any_substitution``: it would
    make almost every English word the neighbour of some French word.
    """
    for i in range(len(word) + 1):
        left, right = word[:i], word[i:]
        if right:
            yield left + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for letter in _FRENCH_LETTERS:
            if right and letter != right[0] and (any_substitution or (letter in _VOWELS and right[0] in _VOWELS)):
                yield left + letter + right[1:]
            yield left + letter + right


def _accent_variants(word: str) -> Iterable[str]:
    """The word with accents added on any of its vowels, ``oe`` as ``œ``."""
    bases = {word, word.replace("oe", "œ")}
    for base in bases:
        variants = [""]
        for char in base:
            variants = [prefix + option for prefix in variants for option in _ACCENTS.get(char, char)]
            if len(variants) > _MAX_ACCENT_VARIANTS:
                return
        yield from variants


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


# Frequent French words (function words, common verbs, nouns and adjectives of
# ordinary and technical prose).  Among equally close candidates one of these is
# far likelier to be the intended word (``cu`` → ``du``, ``parmis`` → ``parmi``)
# than a rare one (``dei``, ``parois``): a fact about French, not about a course.
FREQUENT_WORDS = frozenset(
    """
    de la le les des du un une et à en au aux ce ces cet cette se sa son ses
    il ils elle elles on nous vous je tu y ne pas plus que qui quoi dont où
    par pour sur sous dans avec sans entre vers chez est sont a ont été être
    avoir fait faire peut doit si ou mais donc car ni comme tout tous toute
    toutes leur leurs lui même mêmes aussi bien très parmi depuis pendant
    avant après alors ainsi encore déjà toujours jamais souvent moins trop
    peu beaucoup chaque autre autres quel quelle quels quelles quelque
    quelques plusieurs certains certaines aucun aucune rien personne
    ici là cela ça ceci celui celle ceux celles mon ma mes ton ta tes notre
    nos votre vos lorsque quand puis enfin selon contre sinon tant cependant
    pourtant tandis non oui va vont vais allons allez était étaient sera
    seront serait avait avaient aura auront peuvent pouvez pouvons doivent
    devez devons faut fois part cas exemple façon manière partie mot mots
    nom noms type types point points fin début suite place temps jour jours
    an ans heure heures moment question questions problème problèmes chose
    choses nombre niveau travail projet projets code fichier fichiers
    dossier dossiers commande commandes ligne lignes page pages site sites
    serveur serveurs service services réseau réseaux système systèmes
    machine machines données donnée base bases outil outils application
    applications utilisateur utilisateurs programme programmes fonction
    fonctions variable variables valeur valeurs version versions image
    images conteneur conteneurs cluster configuration installation
    exécution déploiement développement environnement gestion sécurité
    accès mise place état liste nouveau nouvelle nouveaux nouvelles premier
    première premiers premières dernier dernière grand grande grands
    grandes petit petite petits petites bon bonne bons bonnes même simple
    simples différent différente différents différentes important
    importante possible possibles nécessaire nécessaires facile difficile
    général générale généralement également notamment simplement
    directement rapidement facilement seulement vraiment ensuite
    utiliser utilise utilisé utilisée utilisés utilisées créer crée créé
    créée créés créées lancer lance lancé installer installe installé
    exécuter exécute exécuté configurer configure configuré permettre
    permet permettent permis voir voit vu savoir sait connaître connaît
    prendre prend pris mettre met mis donner donne donné trouver trouve
    trouvé passer passe passé venir vient devenir devient rester reste
    appeler appelle appelé tester teste testé vérifier vérifie vérifié
    ajouter ajoute ajouté modifier modifie modifié
    """.split()
)


def rank_suggestions(word: str, suggestions: list[str]) -> list[str]:
    """Order Hunspell's suggestions: fewest edits first, then frequent words.

    Ligatures count as their letters (``coeur`` is zero edits from ``cœur``), so
    the standard spelling of a word written without its ligature stays first.
    The sort is stable: Hunspell's own order decides the remaining ties.
    """
    plain = _without_ligatures(word.lower())

    def key(suggestion: str) -> tuple[int, int]:
        distance = edit_distance(plain, _without_ligatures(suggestion.lower()))
        return (distance, 0 if suggestion.lower() in FREQUENT_WORDS else 1)

    return sorted(suggestions, key=key)


def _without_ligatures(word: str) -> str:
    return word.replace("œ", "oe").replace("æ", "ae")


def edit_distance(left: str, right: str) -> int:
    """Damerau–Levenshtein distance (adjacent transpositions count as one edit)."""
    previous_previous: list[int] = []
    previous = list(range(len(right) + 1))
    for i, left_char in enumerate(left, start=1):
        current = [i] + [0] * len(right)
        for j, right_char in enumerate(right, start=1):
            cost = 0 if left_char == right_char else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and left_char == right[j - 2] and left[i - 2] == right_char:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        previous_previous, previous = previous, current
    return previous[-1]


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
