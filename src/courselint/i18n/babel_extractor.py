"""Babel extractor (entry point ``babel.extractors: courselint``) for Markdown lessons.

With a ``babel.cfg`` such as::

    [courselint: content/**.md]

``pybabel extract -F babel.cfg -o messages.pot .`` yields the same units as
``courselint extract`` (same msgids, ``#.`` comments, front matter keys as
``msgctxt`` through ``pgettext``).  Options: ``keys`` (front matter keys,
comma-separated) and ``shortcode_params``.  Note that ``pybabel`` itself adds
``python-format`` flags to strings containing ``%``; ``courselint extract``
does not.
"""

from __future__ import annotations

from courselint.document import DEFAULT_TEXT_KEYS, UNREADABLE_CODES, parse
from courselint.i18n.units import lesson_units


def _option_list(value, default):
    if not value:
        return tuple(default)
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return tuple(value)


def extract_lesson(fileobj, keywords, comment_tags, options):
    """Yield ``(lineno, funcname, message, comments)`` for each unit of a lesson."""
    keys = _option_list(options.get("keys"), DEFAULT_TEXT_KEYS)
    params = _option_list(options.get("shortcode_params"), ("caption", "title", "alt"))
    name = getattr(fileobj, "name", "lesson.md")
    lesson = parse(str(name), fileobj.read(), text_keys=keys)
    unreadable = [f for f in lesson.problems if f.code in UNREADABLE_CODES]
    if unreadable:
        # pybabel has no findings: stop with the reason rather than extract half a lesson.
        first = unreadable[0]
        raise ValueError(f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}")
    context_ok = "pgettext" in (keywords or {})
    for unit in lesson_units(lesson, params):
        if unit.context and context_ok:
            yield unit.line, "pgettext", (unit.context, unit.msgid), list(unit.comments)
        else:
            yield unit.line, None, unit.msgid, list(unit.comments)
