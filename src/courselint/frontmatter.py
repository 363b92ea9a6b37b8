"""The one front-matter reader: where a front matter is, what it holds, where each key is written.

Every consumer reads front matter through :func:`read`: the lesson model
(:mod:`courselint.document`), the chapter rules (through
:mod:`courselint.chapter`), extraction and the Babel extractor (through the
lesson model).  So a front matter that one of them rejects (a YAML alias bomb,
a syntax error) is rejected by all of them with the same code (CL003).

A problem is a :class:`Problem` (code, line, column, message): this module knows
the catalog's codes but makes no findings, so that it stays below the model.

python-frontmatter is not used here: it gives no positions, strips whitespace
and loads YAML without a cap on aliases.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

__all__ = ["DEFAULT_TEXT_KEYS", "UNREADABLE_CODES", "FrontMatter", "KeyLine", "Problem", "Reading", "read", "key_lines"]

#: Problems after which a front matter gave no keys at all (syntax, not a mapping, never closed).
UNREADABLE_CODES = frozenset({"CL003", "CL005", "CL006"})

#: Front matter keys whose string values are prose (spell-checked, extracted for translation).
#: ``menuTitle`` is the menu label of the learn and relearn themes.
DEFAULT_TEXT_KEYS = ("title", "description", "summary", "subtitle", "linkTitle", "menuTitle")


class Problem(NamedTuple):
    """A front matter that cannot be read as a dictionary of keys (a catalog code, CL003–CL006)."""

    code: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class KeyLine:
    """Where a top-level key and its value are written (1-based line and columns).

    ``value_column``/``end_column`` cover the value as written (quotes included,
    end exclusive); for a string on one line, ``text_column``/``text_end_column``
    cover its text inside the quotes and ``quote`` is its quote (``""`` if plain).
    ``text_column`` is 0 when the value is not a one-line string.
    """

    line: int
    key_column: int
    value_column: int
    end_column: int
    text_column: int = 0
    text_end_column: int = 0
    quote: str = ""


@dataclass(slots=True)
class FrontMatter:
    format: str  # "yaml" or "toml"
    start_line: int  # line of the opening fence
    end_line: int  # line of the closing fence
    raw: str  # the lines between the fences
    keys: dict[str, KeyLine] = field(default_factory=dict)


@dataclass(slots=True)
class Reading:
    """What :func:`read` found at the top of a text."""

    front_matter: FrontMatter | None
    metadata: dict[str, Any]
    problems: list[Problem]

    @property
    def unreadable(self) -> bool:
        """The front matter exists but gave no keys (syntax, not a mapping, never closed)."""
        return any(problem.code in UNREADABLE_CODES for problem in self.problems)


# --------------------------------------------------------------------------- fences

_YAML_FENCE = re.compile(r"---[ \t]*")
_YAML_END = re.compile(r"(?:---|\.\.\.)[ \t]*")
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*")


def _fences(lines: list[str]) -> tuple[str | None, int]:
    """(format, index of the closing line), (None, -1) without front matter, (fmt, -2) if never closed."""
    if not lines:
        return None, -1
    first = lines[0]
    if _YAML_FENCE.fullmatch(first):
        fmt, end_re = "yaml", _YAML_END
    elif _TOML_FENCE.fullmatch(first):
        fmt, end_re = "toml", _TOML_FENCE
    else:
        return None, -1
    for i in range(1, len(lines)):
        if end_re.fullmatch(lines[i]):
            return fmt, i
    return fmt, -2


# --------------------------------------------------------------------------- loading


class _CappedLoader(yaml.SafeLoader):
    """Safe YAML (no object construction) that refuses runaway alias expansion."""

    max_aliases = 1000

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > self.max_aliases:
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "trop d'alias YAML (expansion excessive)", event.start_mark
                )
        return super().compose_node(parent, index)


# libyaml's parser, when PyYAML was built with it, reads a front matter about 5x faster.
_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", None)


def load_yaml(raw: str):
    """Safe YAML with capped aliases; the fast parser only where no alias can occur.

    Without ``&`` or ``*`` there is no anchor or alias to count; on an error the
    pure-Python loader parses again, so that messages do not depend on how PyYAML
    was built.
    """
    if _FAST_SAFE_LOADER is not None and "&" not in raw and "*" not in raw:
        try:
            return yaml.load(raw, Loader=_FAST_SAFE_LOADER)  # noqa: S506 - safe loader
        except yaml.YAMLError:
            pass
    return yaml.load(raw, Loader=_CappedLoader)  # noqa: S506 - SafeLoader subclass


def _load(fmt: str, raw: str, first_line: int, problems: list[Problem]) -> dict:
    """Load the front matter between the fences (``first_line``: line of the opening fence)."""
    try:
        data = load_yaml(raw) if fmt == "yaml" else tomllib.loads(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + 1 + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem("CL003", line, column, f"front matter YAML invalide : {reason}"))
        return {}
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        if match:
            line, column = first_line + int(match.group(1)), int(match.group(2))
        elif "end of document" in str(exc):
            # tomllib gives no line for a value cut short by the closing fence.
            last = raw.rsplit("\n", 1)[-1]
            line, column = first_line + 1 + raw.count("\n"), len(last) + 1
        else:
            line, column = first_line + 1, 1
        problems.append(Problem("CL003", line, column, f"front matter TOML invalide : {str(exc).split(' (')[0]}"))
        return {}
    except RecursionError:
        problems.append(Problem("CL003", first_line + 1, 1, "front matter trop profondément imbriqué"))
        return {}
    except ValueError as exc:  # an integer of thousands of digits (Python's conversion limit)
        reason = "nombre trop long" if "digits" in str(exc) else str(exc).splitlines()[0]
        problems.append(Problem("CL003", first_line + 1, 1, f"front matter invalide : {reason}"))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = type(data).__name__
        # On the value's first line: the lines before it may be blank.
        value_lines = raw.split("\n")
        first_value = next((i for i, text in enumerate(value_lines) if text.strip()), 0)
        problems.append(
            Problem(
                "CL005",
                first_line + 1 + first_value,
                1,
                f"le front matter doit être un dictionnaire de clés (trouvé : {kind})",
            )
        )
        return {}
    return data


# --------------------------------------------------------------------------- where keys are written

_YAML_KEY = re.compile(r"(?P<key>[A-Za-z_][\w\-]*|\"[^\"]+\"|'[^']+')[ \t]*:(?=[ \t]|$)[ \t]*(?P<value>.*?)[ \t]*$")
_TOML_KEY = re.compile(r"(?P<key>[A-Za-z_][\w\-]*|\"[^\"]+\"|'[^']+')[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$")
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_SINGLE_QUOTED = {"yaml": re.compile(r"'(?:[^'\n]|'')*'"), "toml": re.compile(r"'[^'\n]*'")}
_COMMENT = re.compile(r"[ \t]*(?:#.*)?")


def _string_text(value: str, fmt: str) -> tuple[int, int, str] | None:
    """(start, end, quote) of the text of a one-line string value, relative to ``value``."""
    if value.startswith('"'):
        match = _DOUBLE_QUOTED.match(value)
    elif value.startswith("'"):
        match = _SINGLE_QUOTED[fmt].match(value)
    else:
        if fmt == "toml" or not value or value[0] in "|>[{&*!%@`#":
            return None  # not a string, a block scalar or a flow collection: not one line of text
        plain = re.split(r"[ \t]#", value, maxsplit=1)[0].rstrip(" \t")
        return 0, len(plain), ""
    if match is None or not _COMMENT.fullmatch(value, match.end()):
        return None
    return 1, match.end() - 1, value[0]


def key_lines(lines: list[str], first_line: int, fmt: str) -> dict[str, KeyLine]:
    """Top-level keys of a front matter and where they are written.

    ``lines`` are the lines between the fences; ``first_line`` is the 1-based
    file line of ``lines[0]``.  Only keys at column 1 are top-level; TOML keys
    after a ``[table]`` header belong to that table.
    """
    pattern = _YAML_KEY if fmt == "yaml" else _TOML_KEY
    found: dict[str, KeyLine] = {}
    for i, text in enumerate(lines):
        if fmt == "toml" and text.lstrip().startswith("["):
            break
        match = pattern.match(text)
        if match is None:
            continue
        key = match.group("key").strip("\"'")
        if key in found:
            continue
        value = match.group("value")
        value_column = match.start("value") + 1
        end_column = max(match.end("value") + 1, value_column + 1)
        text_span = _string_text(value, fmt)
        if text_span is None:
            found[key] = KeyLine(first_line + i, 1, value_column, end_column)
        else:
            start, end, quote = text_span
            found[key] = KeyLine(
                first_line + i, 1, value_column, end_column, value_column + start, value_column + end, quote
            )
    return found


# --------------------------------------------------------------------------- entry point


def read(text: str) -> Reading:
    """Read the front matter at the top of ``text`` (line ends already ``\\n``, no BOM)."""
    lines = text.split("\n")
    fmt, closing = _fences(lines)
    if fmt is None:
        return Reading(None, {}, [])
    if closing == -2:
        fence = "`---`" if fmt == "yaml" else "`+++`"
        return Reading(
            None, {}, [Problem("CL006", 1, 1, f"front matter jamais fermé : ajoutez la ligne {fence} qui le termine")]
        )
    body = lines[1:closing]
    raw = "\n".join(body)
    problems: list[Problem] = []
    metadata = _load(fmt, raw, 1, problems)
    front_matter = FrontMatter(fmt, 1, closing + 1, raw, key_lines(body, 2, fmt))
    return Reading(front_matter, metadata, problems)
