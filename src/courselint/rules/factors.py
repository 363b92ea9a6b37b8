"""CL30x: factor tags (``[E]``, ``[P][R]``) in step sections.

The legend that declares the tags is the lesson's own (the tagged list before
the first step section, see :mod:`courselint.course`) or, when the lesson has
none, ``[tool.courselint.factors] legend``.  Tags are checked on the list items
of step sections; malformed tags are also reported in the legend itself.  One
slip gives one finding: a malformed tag (CL302) is not also reported as unknown
(CL301) or out of order (CL305).
"""

from __future__ import annotations

from collections.abc import Iterator

from courselint.course import Course, Legend, Tag
from courselint.findings import Edit, Finding, Fix
from courselint.messages import _
from courselint.rules.base import rule


def legend_for(lesson, ctx) -> Legend | None:
    """The lesson's legend, else the configured one, else None."""
    if lesson.course.legend is not None:
        return lesson.course.legend
    configured = ctx.config.section("factors").get("legend") or {}
    if configured:
        return Legend({letter.strip("[] ").upper(): label for letter, label in configured.items()})
    return None


def step_items(lesson) -> list[tuple[int, tuple[Tag, ...]]]:
    """(block index, tags) of the tagged list items inside step sections, in order."""
    course: Course = lesson.course
    out = []
    for b in course.items:
        tags = course.tags.get(b)
        if tags and course.step_at(lesson.blocks[b].line) is not None:
            out.append((b, tags))
    return out


def _declared(legend: Legend) -> str:
    return ", ".join(f"[{letter}]" for letter in legend.tags)


def _rewrite(title: str, lesson, b: int, start: int, end: int, text: str) -> Fix:
    """The safe fix that writes ``text`` over ``raw[start:end]`` of block ``b``."""
    return Fix(title, (Edit(lesson.blocks[b].span(start, end), text),), safe=True)


@rule("CL301")
def unknown_tag(lesson, ctx, report) -> Iterator[Finding]:
    """Une étiquette de facteur n'est pas déclarée dans la légende."""
    legend = legend_for(lesson, ctx)
    if legend is None:
        return  # CL304 says so once
    for b, tags in step_items(lesson):
        for tag in tags:
            if tag.malformed or tag.letters[0] in legend.tags:
                continue
            yield report(
                lesson.blocks[b].span(tag.start, tag.end),
                _(
                    "l'étiquette {tag} n'est pas dans la légende ({declared}) :"
                    " utilisez une étiquette déclarée ou ajoutez-la à la légende"
                ).format(tag=tag.text, declared=_declared(legend)),
            )


def _slip(form: str) -> str:
    """How a malformed tag should be written, said in words."""
    return {
        "spaced": _("sans espace entre les crochets"),
        "lowercase": _("en majuscule"),
        "parens": _("entre crochets, pas entre parenthèses"),
        "list": _("une lettre par paire de crochets"),
        "joined": _("une lettre par paire de crochets"),
    }.get(form, _("forme [X]"))


@rule("CL302")
def malformed_tag(lesson, ctx, report) -> Iterator[Finding]:
    """Une étiquette de facteur est mal formée (`[E ]`, `[e]`, `(E)`, `[E,P]`, `[EP]`)."""
    course = lesson.course
    blocks = [b for b, _item in step_items(lesson)]
    if course.legend is not None:
        blocks = sorted(set(blocks) | set(course.legend.blocks))
    legend = legend_for(lesson, ctx)
    for b in blocks:
        for tag in course.tags.get(b, ()):
            if not tag.malformed:
                continue
            unknown = [l for l in tag.letters if legend is not None and l not in legend.tags]
            extra = ""
            if unknown:
                extra = _(" ; {tags} n'est pas dans la légende ({declared})").format(
                    tags=", ".join(f"[{letter}]" for letter in unknown), declared=_declared(legend)
                )
            yield report(
                lesson.blocks[b].span(tag.start, tag.end),
                _("étiquette mal formée {tag} : écrivez {meant} ({how}){extra}").format(
                    tag=tag.text, meant=tag.meant, how=_slip(tag.form), extra=extra
                ),
                fixes=(_rewrite(_("écrire {tag}").format(tag=tag.meant), lesson, b, tag.start, tag.end, tag.meant),),
            )


@rule("CL303")
def step_without_tag(lesson, ctx, report) -> Iterator[Finding]:
    """Une section d'étape n'a aucune étiquette de facteur alors que la leçon en utilise."""
    course = lesson.course
    tagged = step_items(lesson)
    if not tagged and course.legend is None:
        return  # the lesson does not use tags
    tagged_steps = {id(course.step_at(lesson.blocks[b].line)) for b, _tags in tagged}
    legend = legend_for(lesson, ctx)
    example = f" ({_declared(legend)})" if legend is not None else ""  # a list of tags: nothing to translate
    for step in course.steps:
        if id(step) in tagged_steps:
            continue
        block = lesson.blocks[step.block]
        yield report(
            block.span(0, len(block.raw)),
            _(
                "l'étape « {year} : {label} » n'a aucune étiquette de facteur :"
                " commencez un élément de liste de la section par une étiquette de la légende{example}"
            ).format(year=step.year, label=step.label, example=example),
        )


@rule("CL304")
def missing_legend(lesson, ctx, report) -> Iterator[Finding]:
    """Des étiquettes de facteur sont utilisées mais aucune légende ne les déclare."""
    tagged = step_items(lesson)
    if not tagged or legend_for(lesson, ctx) is not None:
        return
    b, tags = tagged[0]
    yield report(
        lesson.blocks[b].span(tags[0].start, tags[-1].end),
        _(
            "la leçon utilise des étiquettes de facteur sans légende : avant la première étape,"
            " ajoutez une liste qui déclare chaque étiquette (`* [E] libellé`), ou configurez"
            " `legend` dans [tool.courselint.factors]"
        ),
    )


@rule("CL305")
def tag_order(lesson, ctx, report) -> Iterator[Finding]:
    """Des étiquettes de facteur ne suivent pas l'ordre de la légende."""
    legend = legend_for(lesson, ctx)
    if legend is None:
        return
    for b, tags in step_items(lesson):
        if len(tags) < 2 or any(tag.malformed for tag in tags):
            continue
        letters = [tag.letters[0] for tag in tags]
        ranks = [legend.order(letter) for letter in letters]
        if None in ranks or ranks == sorted(ranks):
            continue
        wanted = "".join(f"[{letter}]" for _rank, letter in sorted(zip(ranks, letters)))
        written = lesson.blocks[b].raw[tags[0].start : tags[-1].end]
        # Tags written side by side (``[R][E]``) are reordered as they are; with
        # spaces between them the author's spacing would be lost, so no fix.
        side_by_side = written == "".join(tag.text for tag in tags)
        yield report(
            lesson.blocks[b].span(tags[0].start, tags[-1].end),
            _("étiquettes dans le désordre {written} : écrivez {wanted} (ordre de la légende)").format(
                written=written, wanted=wanted
            ),
            fixes=(_rewrite(_("écrire {tag}").format(tag=wanted), lesson, b, tags[0].start, tags[-1].end, wanted),)
            if side_by_side
            else (),
        )
