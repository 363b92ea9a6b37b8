"""Configuration: every key, its type and default, in one place.

Sources, weakest first: these defaults; ``[tool.courselint]`` in ``pyproject.toml``
or ``courselint.toml`` (the nearest walking up from the checked path; in one folder
``courselint.toml`` wins); command-line options.  An unknown key or a wrong type
is a :class:`ConfigError` naming the file and the key.

The project root (:func:`project_root`) is the one folder every command resolves
``paths``, ``exclude``, ``cache_dir`` and ``i18n.locales_dir`` against: the
configuration file's folder, else the git work tree's root, else the current folder.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from courselint import hugo_site
from courselint.config_file import courselint_table, find_config
from courselint.frontmatter import DEFAULT_TEXT_KEYS
from courselint.grammar import DEFAULT_PYTHON
from courselint.messages import _
from courselint.shortcodes import ShortcodeTable, check_entry, table_from_config

DEFAULT_WORDS_FILE = ".courselint-words.txt"
#: Below this many lessons to check, one process checks them all: starting
#: worker processes (each loads its dictionaries) would cost more than it saves.
PARALLEL_THRESHOLD = 24


class ConfigError(Exception):
    """A user error in the configuration; its message says where."""


# A key's spec: (type or tuple of types, default). ``dict`` sections are nested.
_STR_LIST = "list[str]"
SCHEMA: dict[str, Any] = {
    "paths": (_STR_LIST, ["content"]),
    "exclude": (_STR_LIST, []),
    "select": (_STR_LIST, []),
    "ignore": (_STR_LIST, []),
    "severity": ("dict[str,str]", {}),
    "jobs": (int, 0),
    "locales": (_STR_LIST, []),
    "cache": (bool, True),
    "cache_dir": (str, ".courselint_cache"),
    # name -> {inner = "code"|"markdown"|"opaque", positional = [0], params = ["caption"]},
    # over the defaults of courselint.shortcodes (Hugo built-ins, learn/relearn, reveal-hugo)
    "shortcodes": ("shortcodes", {}),
    "baseline": (str, ".courselint-baseline.json"),
    # Whether the site renders raw HTML blocks (their text is then prose); absent: the site's
    # markup.goldmark.renderer.unsafe (Hugo's default false without a site configuration).
    "raw_html": ((bool, type(None)), None),
    # Markdown files that are never lessons (an author's notes): not checked, not extracted.
    "not_lessons": (_STR_LIST, ["**/TODO.md", "**/NOTES.md", "**/TODO.*.md", "**/NOTES.*.md"]),
    "drafts": {
        # Completeness checks that are noise in a `draft: true` lesson (work in progress).
        "ignore": (_STR_LIST, ["CL101", "CL202", "CL203", "CL303", "CL304"]),
    },
    "frontmatter": {
        "required": (_STR_LIST, ["title", "weight"]),
        "required_index": (_STR_LIST, ["title"]),
        # glob (relative to the config folder) -> required keys, overriding `required`
        "required_by_glob": ("dict[str,list[str]]", {}),
        "text_keys": (_STR_LIST, list(DEFAULT_TEXT_KEYS)),
        "types": ("dict[str,str]", {"title": "str", "weight": "int", "pre": "str", "draft": "bool"}),
    },
    "factors": {
        # tag letter -> label; empty means "read the legend from each lesson"
        "legend": ("dict[str,str]", {}),
    },
    "spelling": {
        "engine": ((str, type(None)), "hunspell"),
        "variant": (str, "toutes-variantes"),
        "languages": (_STR_LIST, ["fr"]),
        "words": (_STR_LIST, []),
        "words_file": (str, DEFAULT_WORDS_FILE),
        "suggestions": (bool, True),
    },
    "grammar": {
        "engine": ((str, type(None)), None),
        "typography": (bool, False),
        "server": ((str, type(None)), None),
        "python": (str, DEFAULT_PYTHON),
        "language": (str, "fr"),
        "disabled_rules": (_STR_LIST, []),
        # Seconds an engine may spend on one lesson in all (a slow or stuck engine is CL901).
        "timeout": ((int, float), 120),
    },
    "i18n": {
        "source_locale": (str, "fr"),
        "locales_dir": (str, "locales"),
        "merge": (bool, True),
        "width": (int, 79),
        "keys": (_STR_LIST, list(DEFAULT_TEXT_KEYS)),
        "min_translated": ((int, float), 80),
        "layout": (str, "suffix"),  # "suffix": lesson.en.md; "directory": content.en/…
        "content_dirs": ("dict[str,str]", {}),
        # Deprecated: the "*" entry of the shortcode table (named parameters that are text everywhere).
        "shortcode_params": (_STR_LIST, ["caption", "title", "alt"]),
        # fuzzy entries: "previous" publishes the previous translation, "source" the French
        "fuzzy": (str, "previous"),
        # extract fills untranslated entries from the course's other catalogs (marked fuzzy)
        "memory": (bool, True),
        # the Hugo site configuration whose URL settings build follows ("": hugo.toml, config.toml… at the root)
        "hugo_config": (str, ""),
    },
}

_CHOICES = {
    ("spelling", "engine"): ("hunspell", None),
    ("spelling", "variant"): ("toutes-variantes", "classique", "reforme1990"),
    ("grammar", "engine"): ("grammalecte", "languagetool", None),
    ("i18n", "layout"): ("suffix", "directory"),
    ("i18n", "fuzzy"): ("previous", "source"),
}


@dataclass
class Config:
    """Resolved configuration: ``values`` follows :data:`SCHEMA`."""

    values: dict[str, Any]
    root: Path  # the project root (see project_root)
    source: Path | None = None
    explicit: set[tuple[str, ...]] = field(default_factory=set)  # keys set by the user
    #: Messages for the user that do not stop the run (deprecated keys).
    warnings: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def section(self, name: str) -> dict[str, Any]:
        return self.values[name]

    def is_explicit(self, *key: str) -> bool:
        return tuple(key) in self.explicit

    def fingerprint(self) -> str:
        """Stable hash of everything that changes findings (for the cache)."""
        import hashlib  # only a cached run needs it: keep the start of a check light

        # What the site's Hugo configuration says changes what is prose: a site that
        # turns `unsafe` on must not be served findings cached when it was off.
        data = json.dumps([self.values, self.raw_html], sort_keys=True, default=str)
        return hashlib.sha256(data.encode()).hexdigest()[:16]

    @cached_property
    def shortcodes(self) -> ShortcodeTable:
        """The shortcode table: defaults, the deprecated ``i18n.shortcode_params``, then ``shortcodes``."""
        legacy = self.values["i18n"]["shortcode_params"] if self.is_explicit("i18n", "shortcode_params") else None
        return table_from_config(self.values["shortcodes"], legacy)

    @property
    def raw_html(self) -> bool:
        """Whether raw HTML blocks are prose: ``raw_html`` if set, else the site's goldmark ``unsafe``.

        Read from the site's Hugo configuration (:mod:`courselint.hugo_site`, which
        caches it per file), so a run reads it once, not once per lesson.
        """
        if self.values["raw_html"] is not None:
            return self.values["raw_html"]
        return hugo_site.setting(hugo_site.site_config(self), "markup.goldmark.renderer.unsafe", False) is True

    @property
    def words_file(self) -> Path:
        return self.root / self.values["spelling"]["words_file"]


def defaults(schema: dict[str, Any] = SCHEMA) -> dict[str, Any]:
    out = {}
    for key, spec in schema.items():
        out[key] = defaults(spec) if isinstance(spec, dict) else copy.deepcopy(spec[1])
    return out


def _type_ok(value: Any, expected: Any) -> bool:
    if expected == _STR_LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if expected == "dict[str,str]":
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    if expected == "dict[str,list[str]]":
        return isinstance(value, dict) and all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
        )
    if expected == "shortcodes":
        return isinstance(value, dict)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(expected, tuple):
        return any(_type_ok(value, e) for e in expected)
    return isinstance(value, expected)


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return _(" ou ").join(_type_name(e) for e in expected)
    if isinstance(expected, str):
        return expected
    return {int: _("entier"), str: _("chaîne"), bool: _("booléen"), float: _("nombre"), type(None): _("absent")}.get(
        expected, expected.__name__
    )


def merge(
    values: dict[str, Any],
    table: dict[str, Any],
    origin: str,
    explicit: set[tuple[str, ...]],
    schema: dict[str, Any] = SCHEMA,
    prefix: tuple[str, ...] = (),
) -> None:
    """Merge a user table into ``values``, validating keys and types against the schema."""
    for key, value in table.items():
        dotted = ".".join((*prefix, key))
        if key not in schema:
            raise ConfigError(_("{origin}: clé inconnue '{key}'").format(origin=origin, key=dotted))
        spec = schema[key]
        if isinstance(spec, dict):
            if not isinstance(value, dict):
                raise ConfigError(_("{origin}: '{key}' doit être une table").format(origin=origin, key=dotted))
            merge(values[key], value, origin, explicit, spec, (*prefix, key))
            continue
        expected = spec[0]
        if expected is float or expected == (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(_("{origin}: '{key}' doit être un nombre").format(origin=origin, key=dotted))
        elif not _type_ok(value, expected):
            raise ConfigError(
                _("{origin}: '{key}' doit être de type {type}").format(origin=origin, key=dotted, type=_type_name(expected))
            )
        if expected == "shortcodes":
            for name, entry in value.items():
                problem = check_entry(name, entry)
                if problem:
                    raise ConfigError(f"{origin}: {problem}")
        choices = _CHOICES.get((*prefix, key))
        if choices is not None and value not in choices:
            allowed = ", ".join(repr(c) for c in choices if c is not None)
            raise ConfigError(
                _("{origin}: '{key}' vaut {value!r}, attendu : {allowed}").format(
                    origin=origin, key=dotted, value=value, allowed=allowed
                )
            )
        values[key] = value
        explicit.add((*prefix, key))


def git_root(start: Path) -> Path | None:
    """The work tree root of the git repository holding ``start``, found as git does (a ``.git`` entry)."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():  # a folder, or a file in a linked worktree / submodule
            return candidate
    return None


def project_root(start: Path | None, source: Path | None = None) -> Path:
    """The one project folder: the config file's, else the git work tree's root, else the cwd.

    Never the folder of the lesson given on the command line: a ``locales/`` or a
    cache created inside a lesson folder, or catalogs looked up there, lose a
    team's translations (issue 12).
    """
    if source is not None:
        return source.parent.resolve()
    found = git_root(start if start is not None else Path.cwd())
    return found or Path.cwd().resolve()


def read_table(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(_("{path}: illisible ({reason})").format(path=path, reason=exc.strerror)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:  # TOML is UTF-8
        raise ConfigError(_("{path}: TOML invalide ({reason})").format(path=path, reason=exc)) from None
    return courselint_table(path, data)


def load(
    config_file: Path | None = None,
    start: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Resolve the configuration for a run."""
    values = defaults()
    explicit: set[tuple[str, ...]] = set()
    source = config_file
    if source is None:
        source = find_config(start or Path.cwd())
    elif not source.is_file():
        raise ConfigError(_("{path}: fichier de configuration introuvable").format(path=source))
    if source is not None:
        merge(values, read_table(source), str(source), explicit)
    if overrides:
        merge(values, overrides, _("ligne de commande"), explicit)
    root = project_root(start, source)
    validate(values, root, str(source) if source else _("configuration"))
    config = Config(values, root, source, explicit)
    if not config.is_explicit("locales"):
        # A bilingual Hugo site names its languages: its `lesson.en.md` pages are then
        # translations (built by courselint or written by hand), not French lessons.
        config.values["locales"] = hugo_site.translation_languages(config)
    if config.is_explicit("i18n", "shortcode_params"):
        config.warnings.append(
            _(
                "'i18n.shortcode_params' est obsolète : décrivez les paramètres lus par le lecteur dans"
                " la table [tool.courselint.shortcodes] (entrée \"*\" pour tous les shortcodes)"
            )
        )
    return config


# --------------------------------------------------------------------------- values


_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")
_SEVERITIES = ("error", "warning", "info")
#: Languages the spelling engine has dictionaries for (spell.hunspell.LANGUAGES).
SPELLING_LANGUAGES = ("fr", "en")


def within_project(root: Path, value: str) -> bool:
    """Whether the configured path ``value`` stays in the project ``root`` (links resolved).

    Every path courselint writes to comes from the configuration: one that
    leaves the project (``../../x``, an absolute path, a link out) could make it
    write anywhere.  A path equal to the root itself is refused too: the cache
    or the catalogs would then own the whole project.
    """
    from courselint.fileio import inside  # below config: one definition of "inside"

    target = Path(root) / value
    return inside(target, root) and target.resolve() != Path(root).resolve()


def validate(values: dict[str, Any], root: Path, origin: str) -> None:
    """Refuse values of the right type that would still break a run or write out of the project."""
    i18n, spelling = values["i18n"], values["spelling"]
    written = {
        "cache_dir": values["cache_dir"],
        "spelling.words_file": spelling["words_file"],
        "i18n.locales_dir": i18n["locales_dir"],
        **{f"i18n.content_dirs.{k}": v for k, v in i18n["content_dirs"].items()},
    }
    for key, value in written.items():
        if not value.strip() or not within_project(root, value):
            raise ConfigError(
                _("{origin}: '{key}' = {value!r} sort du projet ({root}) ou le désigne tout entier").format(
                    origin=origin, key=key, value=value, root=root
                )
            )
    for value in values["paths"]:
        if not value.strip() or not (within_project(root, value) or Path(root, value).resolve() == root.resolve()):
            raise ConfigError(
                _("{origin}: 'paths' contient {value!r}, hors du projet ({root})").format(origin=origin, value=value, root=root)
            )
    for key, locales in (("locales", values["locales"]), ("i18n.content_dirs", list(i18n["content_dirs"]))):
        for locale in [*locales, i18n["source_locale"]]:
            if not _LOCALE.fullmatch(locale):
                raise ConfigError(
                    _("{origin}: '{key}' : {locale!r} n'est pas un code de langue (ex. en, pt_BR)").format(
                        origin=origin, key=key, locale=locale
                    )
                )
    for code, level in values["severity"].items():
        if level not in _SEVERITIES:
            raise ConfigError(
                _("{origin}: 'severity.{code}' vaut {level!r}, attendu : error, warning, info").format(
                    origin=origin, code=code, level=level
                )
            )
    for key in ("select", "ignore"):
        if any(not code.strip() for code in values[key]):
            raise ConfigError(
                _("{origin}: '{key}' contient un code vide (il désignerait toutes les vérifications)").format(
                    origin=origin, key=key
                )
            )
    unknown = [language for language in spelling["languages"] if language not in SPELLING_LANGUAGES]
    if unknown or not spelling["languages"]:
        raise ConfigError(
            _("{origin}: 'spelling.languages' : {unknown} ; langues disponibles : {available}").format(
                origin=origin, unknown=unknown or "[]", available=", ".join(SPELLING_LANGUAGES)
            )
        )
    share = i18n["min_translated"]
    if not (0 <= share <= 100):  # False for NaN too
        raise ConfigError(
            _("{origin}: 'i18n.min_translated' vaut {value!r}, attendu un pourcentage de 0 à 100").format(
                origin=origin, value=share
            )
        )
    timeout = values["grammar"]["timeout"]
    if not (0 < timeout <= 86_400):  # False for NaN too
        raise ConfigError(
            _("{origin}: 'grammar.timeout' vaut {value!r}, attendu un nombre de secondes positif").format(
                origin=origin, value=timeout
            )
        )
    if values["jobs"] < 0:
        raise ConfigError(_("{origin}: 'jobs' doit être positif ou nul").format(origin=origin))
