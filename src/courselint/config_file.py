"""Where a project's configuration file is, and a raw look at it.

Kept apart from :mod:`courselint.config` (which validates values and imports the
rules, 40 ms): the program peeks at the file before those imports, to start
Grammalecte as early as it can (see ``courselint/ahead.py``).  The TOML parser is
imported when a file is parsed (10 ms): most projects' files never need it then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CONFIG_NAMES = ("courselint.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    """Nearest courselint.toml, or pyproject.toml with [tool.courselint], walking up."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                if name == "pyproject.toml" and not has_tool_table(candidate):
                    continue
                return candidate
    return None


def has_tool_table(path: Path) -> bool:
    import tomllib

    try:
        data = path.read_bytes()
    except OSError:
        return False
    # A table named courselint is written with its name: a file without it has none.
    if b"courselint" not in data:
        return False
    try:
        return "courselint" in tomllib.loads(data.decode("utf-8")).get("tool", {})
    except UnicodeDecodeError:
        return True  # maybe ours: config.read_table says what is wrong with it
    except tomllib.TOMLDecodeError:
        return False


def peek(path: Path | None) -> dict[str, Any]:
    """The courselint table of ``path`` as written, or ``{}`` if it cannot be read.

    Only a hint: :func:`courselint.config.load` reads the file again, validates it
    and reports its errors.
    """
    if path is None:
        return {}
    import tomllib

    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    table = courselint_table(path, data)
    return table if isinstance(table, dict) else {}


def courselint_table(path: Path, data: dict[str, Any]) -> Any:
    """courselint's own table of a parsed configuration file: all of a
    ``courselint.toml``, ``[tool.courselint]`` of a ``pyproject.toml``."""
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("courselint", {})
    return data
