"""``courselint words``: the unknown words of a course, for a person to review in minutes.

Most unknown words of a course written by others are its vocabulary (names,
products, commands); some are slips.  The list is sorted by frequency (a word
used fifty times is worth deciding once), shows where each word was met, and
marks the words that look like slips: the first suggestion is a French form one
edit away, or the same letters with other accents or ligatures.  What is left
after review goes to the project list with ``courselint add-word --from FILE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from courselint.findings import Finding
from courselint.spell.edits import edit_distance, plain

@dataclass(frozen=True)
class WordRow:
    word: str
    count: int
    sample: str  # path:line of the first place met
    suggestions: tuple[str, ...]
    slip: bool

    def to_dict(self) -> dict:
        return {
            "word": self.word,
            "count": self.count,
            "sample": self.sample,
            "suggestions": list(self.suggestions),
            "slip": self.slip,
        }


def looks_like_a_slip(word: str, suggestions: tuple[str, ...], is_english) -> bool:
    """The first suggestion is the word with its accents or ligatures back (``noeud``, ``element``),
    or one edit away from a word that is no English word and no name (``nouvele``, ``optionel``).

    Names (capitalised) and English words have French neighbours one edit away by chance.
    """
    if not suggestions:
        return False
    first = suggestions[0]
    if plain(first.lower()) == plain(word.lower()):
        return True
    return (
        word[:1].islower()
        and edit_distance(word.lower(), first.lower()) == 1
        and (len(word) < 4 or not is_english(word))  # en_US knows many short abbreviations (cu, ft)
    )


def review(findings: Iterable[Finding]) -> list[WordRow]:
    """One row per unknown word (spelling findings with a word), most frequent first."""
    from courselint.spell.english import EnglishWords
    from courselint.spell.hunspell import data_dir

    is_english = EnglishWords(data_dir()).spell
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.code in ("CL401", "CL402") and finding.word:
            grouped.setdefault(finding.word, []).append(finding)
    rows = []
    for word, items in grouped.items():
        first = min(items, key=Finding.sort_key)
        rows.append(
            WordRow(
                word=word,
                count=len(items),
                sample=f"{first.path}:{first.line}",
                suggestions=first.suggestions,
                slip=looks_like_a_slip(word, first.suggestions, is_english),
            )
        )
    rows.sort(key=lambda row: (-row.count, row.word.casefold(), row.word))
    return rows
