"""Babel extractor (entry point ``babel.extractors: courselint``) for Markdown lessons.

With a ``babel.cfg`` such as::

    [courselint: content/**.md]

``pybabel extract -F babel.cfg -o messages.pot .`` yields the same units as
``courselint extract`` (same msgids, ``#.`` comments, front matter keys as
``msgctxt`` through ``pgettext``).  The lesson is read with the course's
configuration, found from the lesson's path as ``courselint check`` finds it (the
nearest ``courselint.toml`` or ``pyproject.toml`` with ``[tool.courselint]``): its
shortcode table, its ``i18n.keys`` and whether the site renders raw HTML.
Options (override the configuration): ``keys`` (front matter keys,
comma-separated) and ``shortcode_params`` (deprecated: the named parameters that
are text on every shortcode).  Note that ``pybabel`` itself adds
``python-format`` flags to strings containing ``%``; ``courselint extract``
does not.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from courselint import config as configuration
from courselint.document import UNREADABLE_CODES, parse
from courselint.i18n.units import lesson_units
from courselint.shortcodes import table_from_config


def _option_list(value, default):
    if not value:
        return tuple(default)
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return tuple(value)


def extract_lesson(fileobj, keywords, comment_tags, options):
    """Yield ``(lineno, funcname, message, comments)`` for each unit of a lesson."""
    name = getattr(fileobj, "name", "lesson.md")
    config = _course_config(str(name))
    keys = _option_list(options.get("keys"), config.section("i18n")["keys"])
    table = config.shortcodes
    if options.get("shortcode_params"):
        table = table_from_config(config["shortcodes"], list(_option_list(options["shortcode_params"], ())))
    lesson = parse(str(name), fileobj.read(), text_keys=keys, shortcodes=table, raw_html=config.raw_html)
    unreadable = [f for f in lesson.problems if f.code in UNREADABLE_CODES]
    if unreadable:
        # pybabel has no findings: stop with the reason rather than extract half a lesson.
        first = unreadable[0]
        raise ValueError(f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}")
    context_ok = "pgettext" in (keywords or {})
    for unit in lesson_units(lesson, table):
        if unit.context and context_ok:
            yield unit.line, "pgettext", (unit.context, unit.msgid), list(unit.comments)
        else:
            yield unit.line, None, unit.msgid, list(unit.comments)


def _course_config(name: str):
    """The configuration ``check`` would use for the lesson at ``name`` (loaded once per file found)."""
    folder = (Path.cwd() / name).parent  # an absolute name stays itself
    found = configuration.find_config(folder)
    # Without a configuration file, the folder decides the project root (git's work tree).
    return _load(str(found), "") if found else _load("", str(folder))


@lru_cache(maxsize=64)
def _load(found: str, folder: str):
    try:
        return configuration.load(Path(found) if found else None, start=Path(folder or "."))
    except configuration.ConfigError as exc:
        # pybabel has no findings: stop with the reason, as for an unreadable lesson.
        raise ValueError(str(exc)) from None
