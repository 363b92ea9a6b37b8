"""The course's Hugo site configuration, read once: what Hugo does with the content decides
what readers see (``markup.goldmark.renderer.unsafe``) and where pages live (URL settings).

Looked up at the project root (``hugo.toml``, ``hugo.yaml``, ``hugo.json``, then the
``config.*`` names Hugo still accepts), or the file named by ``i18n.hugo_config``.  A
site without one, or one we cannot read, gets Hugo's defaults: callers read keys with
their Hugo default.  Top-level keys are lowered because Hugo's keys are
case-insensitive (``defaultContentLanguage`` = ``defaultcontentlanguage``).
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from pathlib import Path

import yaml

HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json")


def config_path(config) -> Path | None:
    """The site configuration file of the project, if there is one."""
    named = config.section("i18n")["hugo_config"]
    candidates = [config.root / named] if named else [config.root / name for name in HUGO_CONFIGS]
    return next((path for path in candidates if path.is_file()), None)


def site_config(config) -> dict:
    """The site's configuration with lowered top-level keys; empty without one.

    Read once per file version: every lesson of a run asks (``Config.raw_html``),
    and a long-lived process (the language server) sees an edited site.  The dict
    is shared between callers: read it, never change it.
    """
    path = config_path(config)
    if path is None:
        return {}
    try:
        stat = path.stat()
    except OSError:
        return {}
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _cached(path: str, _mtime_ns: int, _size: int) -> dict:
    return {str(key).lower(): value for key, value in _read(Path(path)).items()}


def setting(site: dict, dotted: str, default):
    """A nested setting (``markup.goldmark.renderer.unsafe``), keys matched without case."""
    node = site
    for part in dotted.lower().split("."):
        if not isinstance(node, dict):
            return default
        node = {str(key).lower(): value for key, value in node.items()}.get(part, None)
        if node is None:
            return default
    return node


def _read(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            data = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError, RecursionError):
        return {}  # a site configuration we cannot read: Hugo's defaults
    return data if isinstance(data, dict) else {}


_LANGUAGE_KEY = re.compile(r"[a-z]{2,3}(?:[_-][a-z0-9]{2,8})*")


def translation_languages(config) -> list[str]:
    """The site's languages other than the lessons' own (``[languages.en]`` …), sorted.

    A bilingual Hugo site says which ``lesson.LANG.md`` pages are translations:
    without this, a course with no ``locales`` configured would spell-check its
    English pages as French lessons.  Keys that are not language codes are left out.
    """
    languages = _languages(site_config(config))
    source = config.section("i18n")["source_locale"].lower()
    return sorted(code for code in languages if code != source and _LANGUAGE_KEY.fullmatch(code))


def _languages(site: dict) -> set[str]:
    table = site.get("languages")
    return {str(key).lower() for key in table} if isinstance(table, dict) else set()
