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
from courselint.findings import Finding, Span
from courselint.messages import _
from courselint.rules.base import rule


def _item_text(item: TimelineItem) -> str:
    return f"{item.year} : {item.label}"


def _step_text(lesson, step: Step) -> str:
    level = lesson.headings[step.heading].level
    return f"{'#' * level} {step.year} : {step.label}"


def _item_span(lesson, item: TimelineItem) -> Span:
    """``YEAR : label`` of a timeline item, or the first line of a malformed one."""
    block = lesson.blocks[item.block]
    end = item.label_end if not item.malformed else len(block.raw.split("\n", 1)[0])
    start = item.year_start if not item.malformed else 0
    return block.span(start, end)


def _step_span(lesson, step: Step, start: int, end: int) -> Span:
    return lesson.blocks[step.block].span(start, end)


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


@rule("CL201")
def timeline_order(lesson, ctx, report) -> Iterator[Finding]:
    """Un élément de la frise chronologique est antérieur à celui qui le précède."""
    timeline = lesson.course.timeline
    if timeline is None:
        return
    entries = timeline.entries
    for previous, item in zip(entries, entries[1:]):
        if item.year >= previous.year:
            continue
        place = next(e for e in entries if e.year > item.year)
        if place is previous:
            message = _("{year} devrait venir avant {place_year} (ligne {place_line}) : déplacez « {item} » juste avant « {place} »")
        else:
            message = _(
                "{year} devrait venir avant {place_year} (ligne {place_line}) mais suit {previous_year}"
                " (ligne {previous_line}) : déplacez « {item} » juste avant « {place} »"
            )
        yield report(
            _item_span(lesson, item),
            message.format(
                year=item.year, place_year=place.year, place_line=place.line, previous_year=previous.year,
                previous_line=previous.line, item=_item_text(item), place=_item_text(place),
            ),
        )


@rule("CL202")
def entry_without_step(lesson, ctx, report) -> Iterator[Finding]:
    """Une entrée de la frise n'a pas de section d'étape."""
    course = lesson.course
    if course.timeline is None or not course.steps:
        return
    matched = {id(item) for item in match_steps(course).values()}
    level = lesson.headings[course.steps[0].heading].level
    for item in course.timeline.entries:
        if id(item) in matched:
            continue
        yield report(
            _item_span(lesson, item),
            _("« {item} » n'a pas de section d'étape : ajoutez un titre « {marks} {item} » ou retirez l'élément de la frise")
            .format(item=_item_text(item), marks="#" * level),
        )


@rule("CL203")
def step_without_entry(lesson, ctx, report) -> Iterator[Finding]:
    """Une section d'étape n'a pas d'entrée dans la frise."""
    course = lesson.course
    if course.timeline is None:
        return
    matched = match_steps(course, malformed=True)
    for s, step in enumerate(course.steps):
        if s in matched:
            continue
        yield report(
            _step_span(lesson, step, step.year_start, step.label_end),
            _(
                "l'étape « {year} : {label} » n'est pas dans la frise (lignes {first} à {last}) :"
                " ajoutez « {year} : {label} » à la frise ou corrigez l'année"
            ).format(year=step.year, label=step.label, first=course.timeline.line, last=course.timeline.end_line),
        )


def _timeline_position(timeline: Timeline, item: TimelineItem) -> int:
    return next(i for i, entry in enumerate(timeline.entries) if entry is item)


@rule("CL204")
def step_order(lesson, ctx, report) -> Iterator[Finding]:
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
            if place is previous:
                template = _(
                    "l'étape {year} devrait venir avant l'étape {place_year} (ligne {place_line}) :"
                    " déplacez la section « {step} » juste avant « {place} »"
                )
            else:
                template = _(
                    "l'étape {year} devrait venir avant l'étape {place_year} (ligne {place_line}) mais suit"
                    " l'étape {previous_year} (ligne {previous_line}) : déplacez la section « {step} »"
                    " juste avant « {place} »"
                )
            message = template.format(
                year=step.year, place_year=place.year, place_line=place.line, previous_year=previous.year,
                previous_line=previous.line, step=_step_text(lesson, step), place=_step_text(lesson, place),
            )
        elif s in matched and s - 1 in matched and _timeline_position(
            course.timeline, matched[s]
        ) < _timeline_position(course.timeline, matched[s - 1]):
            mine, theirs = matched[s], matched[s - 1]
            message = _(
                "la frise place {mine} (ligne {mine_line}) avant {theirs} (ligne {theirs_line}) mais la section"
                " « {step} » suit « {previous} » : mettez la frise et les étapes dans le même ordre chronologique"
            ).format(
                mine=mine.year, mine_line=mine.line, theirs=theirs.year, theirs_line=theirs.line,
                step=_step_text(lesson, step), previous=_step_text(lesson, previous),
            )
        else:
            continue
        yield report(_step_span(lesson, step, step.year_start, step.label_end), message)


@rule("CL205")
def label_mismatch(lesson, ctx, report) -> Iterator[Finding]:
    """Le libellé d'une section d'étape diffère de celui de son entrée dans la frise."""
    course = lesson.course
    for s, item in match_steps(course).items():
        step = course.steps[s]
        if normalise_label(step.label) == normalise_label(item.label):
            continue
        yield report(
            _step_span(lesson, step, step.label_start, step.label_end),
            _(
                "le titre « {year} : {label} » diffère de la frise (ligne {line} : « {item} ») :"
                " utilisez le même libellé aux deux endroits"
            ).format(year=step.year, label=step.label, line=item.line, item=_item_text(item)),
        )


@rule("CL206")
def malformed_item(lesson, ctx, report) -> Iterator[Finding]:
    """Un élément de la frise ne se lit pas `ANNÉE : libellé`."""
    timeline = lesson.course.timeline
    if timeline is None:
        return
    for item in timeline.malformed:
        if item.block is None:
            line = item.line
            yield report(
                lesson.index.line_span(line),
                _("cet élément de la frise n'a pas de texte : écrivez `ANNÉE : libellé`"),
            )
            continue
        raw = lesson.blocks[item.block].raw
        first_line = raw.split("\n", 1)[0]
        if re.match(r"[*_]*\d{4}(?!\d)", raw):
            hint = _("séparez l'année du libellé par « : »")
        elif item.meant_year is not None:
            hint = _("l'année s'écrit en chiffres ({year} ?)").format(year=item.meant_year)
        else:
            hint = _("commencez par l'année en quatre chiffres, puis « : » et le libellé")
        yield report(
            _item_span(lesson, item),
            _("« {item} » ne se lit pas `ANNÉE : libellé` comme les autres éléments de la frise : {hint}").format(
                item=first_line, hint=hint
            ),
        )
