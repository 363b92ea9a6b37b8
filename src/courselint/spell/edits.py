"""Edits between words: the slips French writers make, and how to undo them.

Pure functions over strings, used by :mod:`courselint.spell.hunspell` to find
suggestions fast and to tell whether an unknown word is "close" to a French
word (an accent or a ligature apart, or one edit away).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzàâéèêëîïôùûçœ"  # äöüÿ: too rare to be worth a try
ACCENTS = {"e": "eéèê", "a": "aàâ", "i": "iîï", "o": "oô", "u": "uùû", "c": "cç"}
MAX_ACCENT_VARIANTS = 2048


VOWELS = "aeiouyàâäéèêëîïôöùûüÿœ"


def one_edit(word: str, any_substitution: bool = False, first: int = 0, last: int | None = None) -> Iterable[str]:
    """The slips a French word turns into an English-looking one, undone.

    One letter deleted or inserted (``traffic``, ``server``), two letters
    swapped, or one vowel for another (``example``, ``persistence``).  A
    consonant for another is left out unless ``any_substitution``: it would
    make almost every English word the neighbour of some French word.
    ``first`` and ``last`` limit the edits to positions ``first..last`` of the
    word (an insertion at ``i`` goes before ``word[i]``).
    """
    last = len(word) if last is None else last
    for i in range(first, last + 1):
        left, right = word[:i], word[i:]
        if right:
            yield left + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for letter in FRENCH_LETTERS:
            if right and letter != right[0] and (any_substitution or (letter in VOWELS and right[0] in VOWELS)):
                yield left + letter + right[1:]
            yield left + letter + right


def accent_variants(word: str) -> Iterable[str]:
    """The word with accents added on any of its vowels, ``oe`` as ``œ``."""
    bases = {word, word.replace("oe", "œ")}
    for base in bases:
        variants = [""]
        for char in base:
            variants = [prefix + option for prefix in variants for option in ACCENTS.get(char, char)]
            if len(variants) > MAX_ACCENT_VARIANTS:
                return
        yield from variants


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


def edit_cost(word: str, candidate: str) -> int:
    """How likely the one edit from ``candidate`` to ``word`` is as a slip (lower: likelier).

    A swapped pair, a doubled letter, a neighbouring key: 0; another inserted
    or dropped letter: 1; any other substitution: 2.
    """
    plain_word, plain_candidate = plain(word), plain(candidate)
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


def plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", without_ligatures(word))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def undoubled(word: str) -> str:
    result = []
    for char in word:
        if not result or result[-1] != char:
            result.append(char)
    return "".join(result)


def recase(candidate: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return candidate.upper()
    if like[:1].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


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


def slip_cost(typed: str, meant: str) -> float:
    """How far ``typed`` is from ``meant`` as French writers slip, in weighted edits.

    Damerau–Levenshtein on lowercase words with ligatures spelled out, where the
    slips French writers make cost less than arbitrary edits: an accent dropped,
    added or changed (``controle``/``contrôle``) costs 0.25, a letter doubled or
    undoubled (``controllé``/``contrôlé``) 0.5, a neighbouring key, a vowel for
    another or two swapped letters 1, any other substitution 1.5.  So among
    words two plain edits away the one that differs by an accent and a double
    letter comes before the one that differs by two letters, and a dropped
    syllable (``spéciques``/``spécifiques``) before two unrelated substitutions.
    """
    left, right = without_ligatures(typed.lower()), without_ligatures(meant.lower())
    plain_left, plain_right = plain(left), plain(right)
    if len(plain_left) != len(left) or len(plain_right) != len(right):  # a decomposed letter: compare as written
        plain_left, plain_right = left, right
    rows = len(left) + 1
    # The cost of inserting or deleting each letter depends on its word alone.
    indel_left = [_indel_cost(left, i) for i in range(len(left))]
    indel_right = [_indel_cost(right, j) for j in range(len(right))]
    previous_previous: list[float] = []
    previous = [0.0] * (len(right) + 1)
    for j in range(1, len(right) + 1):
        previous[j] = previous[j - 1] + indel_right[j - 1]
    for i in range(1, rows):
        delete = indel_left[i - 1]
        a, plain_a = left[i - 1], plain_left[i - 1]
        current = [previous[0] + delete] + [0.0] * len(right)
        for j in range(1, len(right) + 1):
            b = right[j - 1]
            if a == b:
                substitution = 0.0
            elif plain_a == plain_right[j - 1]:
                substitution = 0.25
            elif plain_a in _NEAR_KEYS.get(plain_right[j - 1], ()) or (a in VOWELS and b in VOWELS):
                substitution = 1.0
            else:
                substitution = 1.5
            current[j] = min(
                previous[j] + delete,
                current[j - 1] + indel_right[j - 1],
                previous[j - 1] + substitution,
            )
            if i > 1 and j > 1 and a == right[j - 2] and left[i - 2] == b:
                current[j] = min(current[j], previous_previous[j - 2] + 1.0)
        previous_previous, previous = previous, current
    return previous[-1]


def _indel_cost(word: str, index: int) -> float:
    """A letter next to the same letter is a doubling slip; any other costs a full edit."""
    char = word[index]
    doubled = (index > 0 and word[index - 1] == char) or (index + 1 < len(word) and word[index + 1] == char)
    return 0.5 if doubled else 1.0


def without_ligatures(word: str) -> str:
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


# Endings of French words (nouns, adjectives, adverbs, verb forms).  A word with
# one of them, or with an accent, is worth Hunspell's slow search for a
# replacement; a name (``dnmonster``, ``argparse``) is not.
FRENCH_ENDINGS = (
    "tion", "tions", "sion", "sions", "ment", "ments", "ité", "ités", "eur", "eurs",
    "euse", "euses", "ique", "iques", "able", "ables", "ible", "ibles", "age", "ages",
    "ance", "ances", "ence", "ences", "ant", "ants", "ante", "antes", "ent", "ents",
    "ente", "entes", "aire", "aires", "oire", "oires", "elle", "elles", "ette", "ettes",
    "isme", "ismes", "iste", "istes", "if", "ifs", "ive", "ives", "eux", "ure", "ures",
    "ée", "ées", "és", "ez", "ons", "ait", "aient", "ais", "era", "eront",
)
_FRENCH_MARKS = frozenset("àâäéèêëîïôöùûüÿçœ")


def looks_french(word: str) -> bool:
    """An accent or a French ending: a slip of a French word, not a name."""
    lowered = word.lower()
    return any(char in _FRENCH_MARKS for char in lowered) or lowered.endswith(FRENCH_ENDINGS)


# How English spells the endings of words French shares with it, and how
# French spells them (``security``/``sécurité``, ``memory``/``mémoire``).
COGNATE_ENDINGS = (
    ("ization", ("isation",)),
    ("ically", ("iquement",)),
    ("ally", ("alement",)),
    ("ction", ("xion", "ction")),
    ("ment", ("ement", "ment")),
    ("ency", ("ence", "ance")),
    ("ence", ("ance",)),
    ("ance", ("ence",)),
    ("ity", ("ité",)),
    ("ical", ("ique",)),
    ("ic", ("ique",)),
    ("ory", ("oire",)),
    ("ary", ("aire",)),
    ("ous", ("eux",)),
    ("ive", ("if",)),
    ("ible", ("able",)),
    ("ent", ("ant",)),
    ("al", ("el",)),
    ("er", ("re", "eur")),
    ("or", ("eur",)),
    ("ed", ("é", "ée")),
    ("y", ("ie", "é")),
    ("ss", ("sse",)),
    ("", ("e",)),
)
_CONSONANTS = "bcdfgklmnprstz"
_COGNATE_ACCENTS = {"e": "éè", "o": "ô", "i": "î", "a": "â", "c": "ç"}


def french_cognates(word: str) -> Iterable[str]:
    """French spellings an English word may stand for (``developer`` → ``développer``).

    In the singular, the English ending turned French, ``th`` as ``t``, ``un``
    as ``on``, ``en`` as ``an``, ``z`` as ``s``, one consonant doubled or undoubled, then
    accents on at most two letters.
    """
    lowered = word.lower()
    if lowered.endswith("ies"):
        lowered = lowered[:-3] + "y"
    elif lowered.endswith("s") and not lowered.endswith("ss"):
        lowered = lowered[:-1]
    bases = {lowered}
    for ending, replacements in COGNATE_ENDINGS:
        if lowered.endswith(ending):
            stem = lowered[: len(lowered) - len(ending)] if ending else lowered
            bases.update(stem + replacement for replacement in replacements)
    # English -yze/-ize where French writes -yse/-ise (``analyzer``/``analyser``).
    for english, french in (("th", "t"), ("un", "on"), ("en", "an"), ("z", "s")):
        bases |= {base.replace(english, french) for base in bases if english in base}
    spellings = set(bases)
    for base in bases:
        for i, char in enumerate(base):
            if char not in _CONSONANTS:
                continue
            if i + 1 < len(base) and base[i + 1] == char:
                spellings.add(base[:i] + base[i + 1 :])
            else:
                spellings.add(base[: i + 1] + char + base[i + 1 :])
    for spelling in spellings:
        yield from _with_few_accents(spelling)


def _with_few_accents(word: str) -> Iterable[str]:
    """The word, then with one accented letter, then with two."""
    yield word
    positions = [i for i, char in enumerate(word) if char in _COGNATE_ACCENTS]
    for first_index, first in enumerate(positions):
        for first_accent in _COGNATE_ACCENTS[word[first]]:
            once = word[:first] + first_accent + word[first + 1 :]
            yield once
            for second in positions[first_index + 1 :]:
                for second_accent in _COGNATE_ACCENTS[word[second]]:
                    yield once[:second] + second_accent + once[second + 1 :]


def is_strict_neighbour(word: str, candidate: str) -> bool:
    """``candidate`` is among :func:`accent_variants` or ``one_edit(word)`` (vowels only).

    Lets a checker that already listed the known words one edit away with any
    substitution tell which of them a strict test would have found.
    """
    for base in {word, word.replace("oe", "œ")}:
        if len(base) == len(candidate) and all(
            typed == meant or meant in ACCENTS.get(typed, "") for typed, meant in zip(base, candidate)
        ):
            return True
    size = len(word)
    if len(candidate) == size - 1:  # a letter dropped
        return any(word[:i] + word[i + 1 :] == candidate for i in range(size))
    if len(candidate) == size + 1:  # a letter added
        return any(
            candidate[:i] + candidate[i + 1 :] == word and candidate[i] in FRENCH_LETTERS for i in range(size + 1)
        )
    if len(candidate) != size:
        return False
    diffs = [i for i in range(size) if word[i] != candidate[i]]
    if len(diffs) == 1:  # one vowel for another
        i = diffs[0]
        return candidate[i] in FRENCH_LETTERS and candidate[i] in VOWELS and word[i] in VOWELS
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and word[diffs[0]] == candidate[diffs[1]]
        and word[diffs[1]] == candidate[diffs[0]]
    )
