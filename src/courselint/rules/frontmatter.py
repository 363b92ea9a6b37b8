"""CL1xx: the front matter of lessons and chapters.

Lesson rules (one file): required keys (CL101), key types (CL102), the number
opening the title against the one in ``pre`` (CL103).

Chapter rules (the lessons of one folder, CL104/CL105) read the front matter of
the sibling lessons themselves (:func:`chapter_siblings`), so they also work when
a single file is checked, as under pre-commit.  They report on the lesson that
breaks the order; when that lesson was not among the checked files but the one it
conflicts with was, the finding goes on the checked one, so that a commit that
breaks the order of a chapter is stopped.
"""

from __future__ import annotations

import datetime
import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from courselint.chapter import UNSAVED, ChapterLesson, chapter_folder, chapter_siblings, is_index, is_int, title_number
from courselint.findings import Edit, Finding, Fix, Span
from courselint.messages import _
from courselint.frontmatter import UNREADABLE_CODES, KeyLine
from courselint.rules.base import rule

_TAG = re.compile(r"<[^>]*>")


def pre_number(pre: object) -> str | None:
    """The number shown by ``pre`` (``"<b>2.05 </b>"`` -> ``"2.05"``)."""
    if not isinstance(pre, str):
        return None
    match = re.search(r"\d+(?:\.\d+)*", _TAG.sub(" ", pre))
    return match.group() if match else None


def _key_lines(lesson) -> dict[str, KeyLine]:
    return lesson.front_matter.keys if lesson.front_matter is not None else {}


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def required_keys(path: str, section: dict, root: Path) -> list[str]:
    """Keys a file must have: the first matching glob, else the index or lesson set."""
    globs = section.get("required_by_glob", {})
    relative = _relative(path, root) if globs else ""  # two resolve()s: only when some glob may match
    for pattern, keys in globs.items():
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(path).as_posix(), pattern):
            return list(keys)
    if is_index(path):
        return list(section.get("required_index", []))
    return list(section.get("required", []))


# name in the configuration -> (test, what to call it in a message)
def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_date(value: object) -> bool:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return True
    if isinstance(value, str):
        try:
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return False
        return True
    return False


TYPES = {
    "str": lambda v: isinstance(v, str),
    "int": is_int,
    "float": _is_number,
    "number": _is_number,
    "bool": lambda v: isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
    "dict": lambda v: isinstance(v, dict),
    "date": _is_date,
}


def _wanted(type_name: str) -> str:
    """What a value of a configured type is called in a message."""
    return {
        "str": _("une chaîne de caractères"),
        "int": _("un nombre entier"),
        "float": _("un nombre"),
        "number": _("un nombre"),
        "bool": _("un booléen (true ou false)"),
        "list": _("une liste"),
        "dict": _("un dictionnaire"),
        "date": _("une date (AAAA-MM-JJ)"),
    }[type_name]


def describe(value: object) -> str:
    if value is None:
        return _("une valeur vide")
    if isinstance(value, bool):
        return _("le booléen {value}").format(value=str(value).lower())
    if isinstance(value, int):
        return _("l'entier {value}").format(value=value)
    if isinstance(value, float):
        return _("le nombre {value}").format(value=value)
    if isinstance(value, str):
        return _("la chaîne « {value} »").format(value=value)
    if isinstance(value, list):
        return _("une liste")
    if isinstance(value, dict):
        return _("un dictionnaire")
    return type(value).__name__


def _front_matter_unreadable(lesson) -> bool:
    """The parser reported the front matter (CL003, CL005, CL006): its keys are unknown, not missing."""
    return any(problem.code in UNREADABLE_CODES for problem in lesson.problems)


# --------------------------------------------------------------------------- lesson rules


@rule("CL101")
def missing_key(lesson, ctx, report) -> Iterator[Finding]:
    """Une clé obligatoire manque dans le front matter."""
    if _front_matter_unreadable(lesson):
        return
    section = ctx.config.section("frontmatter")
    required = required_keys(lesson.path, section, ctx.config.root)
    missing = [key for key in required if key not in lesson.metadata]
    if not missing:
        return
    fm = lesson.front_matter
    if fm is None:
        return  # CL106 says it once: a file without front matter is not a lesson
    separator = "=" if fm.format == "toml" else ":"
    for key in missing:
        yield report(
            lesson.index.line_span(fm.end_line),
            _("la clé « {key} » est obligatoire : ajoutez `{key}{separator} …` au front matter (avant cette ligne)")
            .format(key=key, separator=separator),
        )


@rule("CL106")
def not_a_lesson(lesson, ctx, report) -> Iterator[Finding]:
    """A Markdown file without front matter: one finding, not one per missing key."""
    if lesson.front_matter is not None or lesson.problems:
        return
    keys = ", ".join(f"`{key}: …`" for key in required_keys(lesson.path, ctx.config.section("frontmatter"), ctx.config.root))
    yield report(
        lesson.index.line_span(1),
        _(
            "ce fichier n'a pas de front matter : ce n'est pas une leçon, mais Hugo le publie comme une page."
            " Pour une leçon, ajoutez en tête un bloc `---` ({keys}) ; pour des notes,"
            " ajoutez son chemin à `not_lessons` (ou à `exclude`)"
        ).format(keys=keys),
    )


def _type_hint(key: str, type_name: str, value: object, wanted: str) -> str:
    """What to write instead, after " : "."""
    if value is None:
        return _(" : donnez une valeur à « {key} » ou retirez la clé").format(key=key)
    if type_name == "int" and isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return _(" : écrivez `{key}: {value}` sans guillemets").format(key=key, value=value.strip())
    if type_name == "str" and not isinstance(value, (list, dict)):
        shown = str(value).lower() if isinstance(value, bool) else value
        return _(' : mettez la valeur entre guillemets (`{key}: "{value}"`)').format(key=key, value=shown)
    if type_name == "bool":
        return _(" : écrivez `{key}: true` ou `{key}: false`, sans guillemets").format(key=key)
    if type_name == "date":
        return _(" : écrivez la date sous la forme `{key}: 2024-01-31`").format(key=key)
    if type_name == "list":
        return _(" : écrivez une liste, par exemple `{key}: [a, b]`").format(key=key)
    return _(" : remplacez la valeur par {wanted}").format(wanted=wanted)


@rule("CL102")
def key_type(lesson, ctx, report) -> Iterator[Finding]:
    """Une clé du front matter n'a pas le type attendu (`weight` non entier, `title` non texte…)."""
    types = ctx.config.section("frontmatter").get("types", {})
    where = _key_lines(lesson)
    for key, type_name in types.items():
        if key not in lesson.metadata or type_name not in TYPES:
            continue  # unknown type names are not checked
        value = lesson.metadata[key]
        if TYPES[type_name](value):
            continue
        wanted = _wanted(type_name)
        hint = _type_hint(key, type_name, value, wanted)
        position = where.get(key)
        if position is None:
            line = lesson.front_matter.start_line + 1 if lesson.front_matter else 1
            position = KeyLine(line, 1, 1, len(lesson.index.line_text(line)) + 1)
        yield report(
            Span(position.line, position.value_column, position.line, position.end_column),
            _("« {key} » doit être {wanted}, pas {value}{hint}").format(
                key=key, wanted=wanted, value=describe(value), hint=hint
            ),
        )


@rule("CL103")
def title_pre_mismatch(lesson, ctx, report) -> Iterator[Finding]:
    """Le numéro qui ouvre le titre diffère de celui de `pre`."""
    in_title = title_number(lesson.metadata.get("title"))
    in_pre = pre_number(lesson.metadata.get("pre"))
    if in_title is None or in_pre is None or in_title == in_pre:
        return
    where = _key_lines(lesson).get("pre")
    line, column, end_column = 1, 1, 2
    pre_span = None  # where pre's number is written, when found
    if where is not None:
        line = where.line
        text = lesson.index.line_text(line)
        found = text.find(in_pre, where.value_column - 1)
        column = found + 1 if found != -1 else where.value_column
        end_column = column + len(in_pre) if found != -1 else where.end_column
        if found != -1:
            pre_span = Span(line, column, line, end_column)
    yield report(
        Span(line, column, line, end_column),
        _("`pre` affiche {pre} mais le titre commence par {title} : mettez le même numéro dans `title` et dans `pre`")
        .format(pre=in_pre, title=in_title),
        fixes=_number_fix(lesson, in_title, in_pre, pre_span),
    )


_FILE_NUMBER = re.compile(r"(?P<number>\d+(?:-\d+)*)-")


def _number_fix(lesson, in_title: str, in_pre: str, pre_span: Span | None) -> tuple[Fix, ...]:
    """Safe when the lesson's file name says which number is right (``2-05-docker….md`` → 2.05)."""
    match = _FILE_NUMBER.match(Path(lesson.path).name)
    if match is None:
        return ()
    from_name = match.group("number").replace("-", ".")
    if from_name == in_title and pre_span is not None:
        return (Fix(_("écrire {number} dans `pre`").format(number=in_title), (Edit(pre_span, in_title),), safe=True),)
    title = _key_lines(lesson).get("title")
    if from_name == in_pre and title is not None and title.text_column:
        text = lesson.index.line_text(title.line)[title.text_column - 1 : title.text_end_column - 1]
        start = len(text) - len(text.lstrip())
        if text[start:].startswith(in_title):
            column = title.text_column + start
            edit = Edit(Span(title.line, column, title.line, column + len(in_title)), in_pre)
            return (Fix(_("écrire {number} dans `title`").format(number=in_pre), (edit,), safe=True),)
    return ()


# --------------------------------------------------------------------------- chapter rules


@dataclass(frozen=True, slots=True)
class Conflict:
    """A chapter problem: reported on ``blamed``, or on ``other`` if only it was checked."""

    code: str
    blamed: ChapterLesson
    other: ChapterLesson
    message: str  # told on the blamed lesson
    message_other: str  # told on the other lesson


def _order(lesson: ChapterLesson) -> tuple:
    return (lesson.key is None, lesson.key or (), lesson.path)


def duplicate_weights(lessons: list[ChapterLesson]) -> list[Conflict]:
    """CL104: every lesson whose weight an earlier lesson (by number, then name) already has."""
    by_weight: dict[int, list[ChapterLesson]] = {}
    for lesson in lessons:
        if lesson.weight is not None:
            by_weight.setdefault(lesson.weight, []).append(lesson)
    conflicts = []
    for weight, group in by_weight.items():
        if len(group) < 2:
            continue
        group.sort(key=_order)
        first = group[0]
        for lesson in group[1:]:
            conflicts.append(
                Conflict(
                    "CL104",
                    lesson,
                    first,
                    _(
                        "weight {weight} déjà utilisé par {other} : l'ordre des deux leçons n'est pas défini,"
                        " donnez à chaque leçon du chapitre un weight différent"
                    ).format(weight=weight, other=first.describe()),
                    _(
                        "weight {weight} aussi utilisé par {other} : l'ordre des deux leçons n'est pas défini,"
                        " donnez à chaque leçon du chapitre un weight différent"
                    ).format(weight=weight, other=lesson.describe()),
                )
            )
    return conflicts


def _longest_ordered(weights: list[int]) -> set[int]:
    """Indices of a longest non-decreasing subsequence (the lessons that keep their place)."""
    count = len(weights)
    length = [1] * count
    previous = [-1] * count
    for i in range(count):
        for j in range(i):
            if weights[j] <= weights[i] and length[j] + 1 > length[i]:
                length[i], previous[i] = length[j] + 1, j
    if not count:
        return set()
    best = max(range(count), key=lambda i: (length[i], -i))
    kept = set()
    while best != -1:
        kept.add(best)
        best = previous[best]
    return kept


def weight_order(lessons: list[ChapterLesson]) -> list[Conflict]:
    """CL105: lessons whose weight puts them out of the order of their numbers.

    The lessons that keep their place form the longest run of weights in number
    order; each other lesson is reported, with the range of weights that would
    put it back in place.
    """
    # Lessons sharing a number (« 3 - Kibana », « 3 - Kibana - Exercices ») may come in
    # any order among themselves: ranked by weight inside their number, they never conflict.
    ranked = sorted(
        (lesson for lesson in lessons if lesson.weight is not None and lesson.key is not None),
        key=lambda lesson: (lesson.key, lesson.weight, lesson.path),
    )
    kept = _longest_ordered([lesson.weight for lesson in ranked])
    conflicts = []
    for i, lesson in enumerate(ranked):
        if i in kept:
            continue
        # The bounds are kept lessons of other numbers: the same number bounds nothing.
        before = next((ranked[j] for j in range(i - 1, -1, -1) if j in kept and ranked[j].key < lesson.key), None)
        after = next((ranked[j] for j in range(i + 1, len(ranked)) if j in kept and ranked[j].key > lesson.key), None)
        if before is not None and after is not None and after.weight - before.weight < 2:
            wanted = _(
                "un weight entre {low} et {high}, où il n'en reste aucun de libre :"
                " augmentez d'abord les weights des leçons suivantes"
            ).format(low=before.weight, high=after.weight)
        elif before is not None and after is not None:
            wanted = _("un weight entre {low} et {high}").format(low=before.weight, high=after.weight)
        elif before is not None:
            wanted = _("un weight supérieur à {low}").format(low=before.weight)
        else:
            wanted = _("un weight inférieur à {high}").format(high=after.weight)
        if after is not None and lesson.weight > after.weight:
            other, after_it = after, True
        elif before is not None:
            other, after_it = before, False
        else:  # out of place only against lessons of its own number: not a contradiction
            continue
        values = dict(
            weight=lesson.weight, number=lesson.number, other=other.describe(), wanted=wanted,
            lesson=lesson.describe(), other_number=other.number,
        )  # fmt: skip
        conflicts.append(
            Conflict(
                "CL105",
                lesson,
                other,
                (
                    _("weight {weight} place la leçon {number} après {other} : donnez-lui {wanted}")
                    if after_it
                    else _("weight {weight} place la leçon {number} avant {other} : donnez-lui {wanted}")
                ).format(**values),
                (
                    _("{lesson} passe après cette leçon {other_number} à cause de son weight : donnez-lui {wanted}")
                    if after_it
                    else _("{lesson} passe avant cette leçon {other_number} à cause de son weight : donnez-lui {wanted}")
                ).format(**values),
            )
        )
    return conflicts


def _report(conflicts: list[Conflict], checked: set[Path] | None, report) -> Iterator[Finding]:
    def is_checked(lesson: ChapterLesson) -> bool:
        return checked is None or Path(lesson.path).resolve() in checked

    for conflict in conflicts:
        if is_checked(conflict.blamed):
            target, message = conflict.blamed, conflict.message
        elif is_checked(conflict.other):
            target, message = conflict.other, conflict.message_other
        else:
            continue
        where = Span(target.weight_line, target.weight_column, target.weight_line, target.weight_end_column)
        yield report(where, message, path=target.path)


def _siblings(folder: Path, ctx) -> list[ChapterLesson]:
    locales = ctx.config["locales"]
    key = f"chapter-siblings:{chapter_folder(Path(folder))}:{','.join(locales)}"
    # Both chapter rules read the same folder: read it once per run and folder.
    return ctx.shared(key, lambda: chapter_siblings(folder, locales, ctx.engines.get(UNSAVED)))


@rule("CL104")
def duplicate_weight(folder, checked, ctx, report) -> Iterator[Finding]:
    """Two lessons of a chapter share a ``weight``."""
    return _report(duplicate_weights(_siblings(folder, ctx)), checked, report)


@rule("CL105")
def weight_order_rule(folder, checked, ctx, report) -> Iterator[Finding]:
    """Weights that contradict the lessons' numbers."""
    return _report(weight_order(_siblings(folder, ctx)), checked, report)
