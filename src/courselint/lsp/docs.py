"""Where a diagnostic's ``codeDescription`` points: the explanation of its code.

Each code's explanation is a section of the README (``#### CL401``, anchor
``#cl401``).  The link is, in this order:

1. the editor's choice, ``initializationOptions.documentationUrl``: a URL to
   which ``#cl401`` is added, or in which ``{code}`` is replaced by ``cl401``
   (a site with a page per code);
2. the README of a source checkout, when courselint runs from one (``src/`` layout);
3. the README an installed courselint carries in its package metadata
   (``readme`` of ``pyproject.toml``, the same text), written once per version
   into the user's cache folder so that a ``file://`` link can open it;
4. none: the diagnostic has no link (hover still shows the explanation).

No pygls here.
"""

from __future__ import annotations

import os
from pathlib import Path

from courselint import __version__
from courselint.fileio import write_text_atomic

OPTION = "documentationUrl"


def checkout_readme(here: Path = Path(__file__)) -> Path | None:
    """The README of the source checkout this module runs from, if it does (``<root>/src/courselint/lsp``)."""
    package = here.resolve().parents[1]
    root = package.parents[1]
    if package.parent.name != "src" or not (root / "pyproject.toml").is_file():
        return None
    readme = root / "README.md"
    return readme if readme.is_file() else None


def cache_folder(environ=os.environ) -> Path:
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "courselint"


def installed_readme(environ=os.environ) -> Path | None:
    """The installed distribution's README (its metadata's description), as a file in the cache folder."""
    from importlib import metadata

    try:
        message = metadata.metadata("courselint")
    except metadata.PackageNotFoundError:
        return None
    text = message.get_payload() or message.get("Description")
    if not text or "#### CL" not in text:
        return None  # an install without the README as its description: no sections to point to
    path = cache_folder(environ) / f"README-{__version__}.md"
    try:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, text)
    except OSError:
        return None
    return path


def documentation_base(option: object = None) -> str | None:
    """The base of the links (see the module's docstring); None when there is nowhere to point."""
    if isinstance(option, str) and option.strip():
        return option.strip()
    readme = checkout_readme() or installed_readme()
    return readme.as_uri() if readme is not None else None


def code_link(base: str | None, code: str) -> str | None:
    if base is None:
        return None
    anchor = code.lower()
    return base.replace("{code}", anchor) if "{code}" in base else f"{base}#{anchor}"
