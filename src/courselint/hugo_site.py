"""The course's Hugo site configuration, read once: what Hugo does with the content decides
what readers see (``markup.goldmark.renderer.unsafe``) and where pages live (URL settings).

Looked up at the project root (``hugo.toml``, ``hugo.yaml``, ``hugo.json``, then the
``config.*`` names Hugo still accepts), else Hugo's ``config/_default/`` folder, or the
file (or folder) named by ``i18n.hugo_config``.  A
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
CONFIG_DIR = "config/_default"


def config_path(config) -> Path | None:
    """The site configuration file of the project (or Hugo's configuration folder), if any."""
    named = config.section("i18n")["hugo_config"]
    candidates = [config.root / named] if named else [config.root / name for name in HUGO_CONFIGS]
    found = next((path for path in candidates if path.is_file()), None)
    if found is None:
        # Hugo's configuration directory: one file per root key (languages.toml, ...).
        folder = config.root / named if named else config.root / CONFIG_DIR
        found = folder if folder.is_dir() else None
    return found


def site_config(config) -> dict:
    """The site's configuration with lowered top-level keys; empty without one.

    Read once per file version: every lesson of a run asks (``Config.raw_html``),
    and a long-lived process (the language server) sees an edited site.  The dict
    is shared between callers: read it, never change it.
    """
    path = config_path(config)
    if path is None:
        return {}
    return _cached(str(path), _version(path))


def _version(path: Path) -> tuple:
    """What changes when the configuration does: a file's time and size, or those of every
    file of a configuration folder (editing ``languages.toml`` leaves the folder's own
    time alone)."""
    try:
        files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        return tuple((p.name, info.st_mtime_ns, info.st_size) for p in files for info in (p.stat(),))
    except OSError:
        return ()


@lru_cache(maxsize=16)
def _cached(path: str, _version: tuple) -> dict:
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


def _read_dir(folder: Path) -> dict:
    """A configuration directory: ``hugo.*``/``config.*`` hold root keys, any other file the
    key it is named after (``languages.toml`` is ``languages``); per-language files
    (``menus.en.toml``) name nothing the URLs depend on and are skipped."""
    merged: dict = {}
    try:
        paths = sorted(folder.iterdir())
    except OSError:
        return merged
    for path in paths:
        if path.suffix not in (".toml", ".yaml", ".yml", ".json") or "." in path.stem or not path.is_file():
            continue
        data = _read(path)
        if path.stem in ("hugo", "config"):
            merged.update(data)
        elif data:
            merged.setdefault(path.stem, data)
    return merged


def _read(path: Path) -> dict:
    if path.is_dir():
        return _read_dir(path)
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
