"""CL20x: the history timeline and the step sections that detail it.

Recognition (which list is the timeline, which headings are steps) is in
:mod:`courselint.course`; these rules only compare.  A lesson without a
timeline gets none of these findings; a timeline without any step section only
gets CL201 and CL206 (it is then a summary, not a plan of the lesson).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from courselint.course import Course, Step, Timeline, TimelineItem, normalise_label
from courselint.findings import Finding, Severity
from courselint.rules.base import make_finding, rule


def _item_text(item: TimelineItem) -> str:
    # A label continued on the next line keeps its newline in the model; a message
    # is one line (the text format prints one finding per line).
    return f"{item.year} : {' '.join(item.label.split())}"


def _step_text(lesson, step: Step) -> str:
    level = lesson.headings[step.heading].level
    return f"{'#' * level} {step.year} : {step.label}"


def _item_finding(code: str, lesson, item: TimelineItem, message: str) -> Finding:
    block = lesson.blocks[item.block]
    end = item.label_end if not item.malformed else len(block.raw.split("\n", 1)[0])
    start = item.year_start if not item.malformed else 0
    line, column, end_line, end_column = block.span(start, end)
    return make_finding(code, lesson.path, line, column, end_line, end_column, message)


def _step_finding(code: str, lesson, step: Step, start: int, end: int, message: str) -> Finding:
    block = lesson.blocks[step.block]
    line, column, end_line, end_column = block.span(start, end)
    return make_finding(code, lesson.path, line, column, end_line, end_column, message)


def match_steps(course: Course, *, malformed: bool = False) -> dict[int, TimelineItem]:
    """Step index -> its timeline entry: same year, the same label when several share a year.

    With ``malformed``, a step left without an entry also takes a malformed item
    that seems to mean its year (``2OO8 : LXC`` for ``## 2008 : LXC``): that slip
    is CL206's to report, not also CL203's.
    """
    if course.timeline is None:
        return {}
    free = list(course.timeline.entries)
    matched: dict[int, TimelineItem] = {}
    for s, step in enumerate(course.steps):
        same_year = [item for item in free if item.year == step.year]
        if not same_year:
            continue
        wanted = normalise_label(step.label)
        chosen = next((i for i in same_year if normalise_label(i.label) == wanted), same_year[0])
        matched[s] = chosen
        free.remove(chosen)
    if malformed:
        slips = list(course.timeline.malformed)
        for s, step in enumerate(course.steps):
            if s in matched:
                continue
            slip = next((item for item in slips if item.meant_year == step.year), None)
            if slip is not None:
                matched[s] = slip
                slips.remove(slip)
    return matched


@rule("CL201", "timeline.order", severity=Severity.ERROR)
def timeline_order(lesson, ctx) -> Iterator[Finding]:
    """Un élément de la frise chronologique est antérieur à celui qui le précède."""
    timeline = lesson.course.timeline
    if timeline is None:
        return
    entries = timeline.entries
    for previous, item in zip(entries, entries[1:]):
        if item.year >= previous.year:
            continue
        place = next(e for e in entries if e.year > item.year)
        follows = "" if place is previous else f" mais suit {previous.year} (ligne {previous.line})"
        yield _item_finding(
            "CL201",
            lesson,
            item,
            f"{item.year} devrait venir avant {place.year} (ligne {place.line}){follows} :"
            f" déplacez « {_item_text(item)} » juste avant « {_item_text(place)} »",
        )


@rule("CL202", "timeline.entry-without-step", severity=Severity.ERROR)
def entry_without_step(lesson, ctx) -> Iterator[Finding]:
    """Une entrée de la frise n'a pas de section d'étape."""
    course = lesson.course
    if course.timeline is None or not course.steps:
        return
    matched = {id(item) for item in match_steps(course).values()}
    level = lesson.headings[course.steps[0].heading].level
    for item in course.timeline.entries:
        if id(item) in matched:
            continue
        yield _item_finding(
            "CL202",
            lesson,
            item,
            f"« {_item_text(item)} » n'a pas de section d'étape : ajoutez un titre"
            f" « {'#' * level} {_item_text(item)} » ou retirez l'élément de la frise",
        )


@rule("CL203", "timeline.step-without-entry", severity=Severity.ERROR)
def step_without_entry(lesson, ctx) -> Iterator[Finding]:
    """Une section d'étape n'a pas d'entrée dans la frise."""
    course = lesson.course
    if course.timeline is None:
        return
    matched = match_steps(course, malformed=True)
    for s, step in enumerate(course.steps):
        if s in matched:
            continue
        yield _step_finding(
            "CL203",
            lesson,
            step,
            step.year_start,
            step.label_end,
            f"l'étape « {step.year} : {step.label} » n'est pas dans la frise"
            f" (lignes {course.timeline.line} à {course.timeline.end_line}) :"
            f" ajoutez « {step.year} : {step.label} » à la frise ou corrigez l'année",
        )


def _timeline_position(timeline: Timeline, item: TimelineItem) -> int:
    return next(i for i, entry in enumerate(timeline.entries) if entry is item)


@rule("CL204", "timeline.step-order", severity=Severity.ERROR)
def step_order(lesson, ctx) -> Iterator[Finding]:
    """Une section d'étape sort de l'ordre chronologique ou de l'ordre de la frise."""
    course = lesson.course
    if course.timeline is None:
        return
    steps = course.steps
    matched = match_steps(course)
    for s in range(1, len(steps)):
        step, previous = steps[s], steps[s - 1]
        if step.year < previous.year:
            place = next(other for other in steps if other.year > step.year)
            follows = (
                ""
                if place is previous
                else f" mais suit l'étape {previous.year} (ligne {previous.line})"
            )
            message = (
                f"l'étape {step.year} devrait venir avant l'étape {place.year} (ligne {place.line})"
                f"{follows} : déplacez la section « {_step_text(lesson, step)} »"
                f" juste avant « {_step_text(lesson, place)} »"
            )
        elif s in matched and s - 1 in matched and _timeline_position(
            course.timeline, matched[s]
        ) < _timeline_position(course.timeline, matched[s - 1]):
            mine, theirs = matched[s], matched[s - 1]
            message = (
                f"la frise place {mine.year} (ligne {mine.line}) avant {theirs.year}"
                f" (ligne {theirs.line}) mais la section « {_step_text(lesson, step)} » suit"
                f" « {_step_text(lesson, previous)} » : mettez la frise et les étapes"
                " dans le même ordre chronologique"
            )
        else:
            continue
        yield _step_finding("CL204", lesson, step, step.year_start, step.label_end, message)


@rule("CL205", "timeline.label-mismatch", severity=Severity.ERROR)
def label_mismatch(lesson, ctx) -> Iterator[Finding]:
    """Le libellé d'une section d'étape diffère de celui de son entrée dans la frise."""
    course = lesson.course
    for s, item in match_steps(course).items():
        step = course.steps[s]
        if normalise_label(step.label) == normalise_label(item.label):
            continue
        yield _step_finding(
            "CL205",
            lesson,
            step,
            step.label_start,
            step.label_end,
            f"le titre « {step.year} : {step.label} » diffère de la frise (ligne {item.line} :"
            f" « {_item_text(item)} ») : utilisez le même libellé aux deux endroits",
        )


@rule("CL206", "timeline.malformed-item", severity=Severity.ERROR)
def malformed_item(lesson, ctx) -> Iterator[Finding]:
    """Un élément de la frise ne se lit pas `ANNÉE : libellé`."""
    timeline = lesson.course.timeline
    if timeline is None:
        return
    for item in timeline.malformed:
        if item.block is None:
            line = item.line
            yield make_finding(
                "CL206",
                lesson.path,
                line,
                1,
                line,
                max(2, len(lesson.index.line_text(line)) + 1),
                "cet élément de la frise n'a pas de texte : écrivez `ANNÉE : libellé`",
            )
            continue
        raw = lesson.blocks[item.block].raw
        first_line = raw.split("\n", 1)[0]
        if re.match(r"[*_]*\d{4}(?!\d)", raw):
            hint = "séparez l'année du libellé par « : »"
        elif item.meant_year is not None:
            hint = f"l'année s'écrit en chiffres ({item.meant_year} ?)"
        else:
            hint = "commencez par l'année en quatre chiffres, puis « : » et le libellé"
        yield _item_finding(
            "CL206",
            lesson,
            item,
            f"« {first_line} » ne se lit pas `ANNÉE : libellé` comme les autres éléments de la frise : {hint}",
        )
