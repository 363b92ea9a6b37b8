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

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from courselint.messages import _

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
    ``text_column`` is 0 when the value is not a one-line string.  A block
    scalar's lines are in ``block``.
    """

    line: int
    key_column: int
    value_column: int
    end_column: int
    text_column: int = 0
    text_end_column: int = 0
    quote: str = ""
    #: A YAML block scalar (``key: >`` or ``key: |``): (line, column, end column) of the
    #: text of each of its lines; ``quote`` is then ``">"`` or ``"|"``.
    block: tuple[tuple[int, int, int], ...] = ()


@dataclass(slots=True)
class FrontMatter:
    format: str  # "yaml", "toml" or "json"
    start_line: int  # line of the opening fence
    end_line: int  # line of the closing fence
    raw: str  # the lines between the fences (JSON: the object, braces included)
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
#
# Hugo 0.111's page lexer (checked against the real binary in
# tests/hugo/test_front_matter_forms.py): blanks, tabs and line ends before the
# front matter are skipped; ``---`` opens YAML, ``+++`` TOML, ``{`` JSON; the
# closing ``---``/``+++`` is a line that starts with it at column 1 (an indented
# closing fence, or YAML's ``...``, leaves the front matter unclosed: Hugo fails).

_YAML_FENCE = re.compile(r"---[ \t]*")
_YAML_END = re.compile(r"---")
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*")
_TOML_END = re.compile(r"\+\+\+")
_LEADING = re.compile(r"[ \t\n]*")


def _fences(lines: list[str], first: int) -> tuple[str | None, int]:
    """(format, index of the closing line), (None, -1) without front matter, (fmt, -2) if never closed.

    ``lines[first]`` is the line of the opening fence (blanks before it skipped).
    """
    if first >= len(lines):
        return None, -1
    opening = lines[first].lstrip(" \t")
    if _YAML_FENCE.fullmatch(opening):
        fmt, end_re = "yaml", _YAML_END
    elif _TOML_FENCE.fullmatch(opening):
        fmt, end_re = "toml", _TOML_END
    elif opening.startswith("{"):
        return "json", _json_end(lines, first)
    else:
        return None, -1
    for i in range(first + 1, len(lines)):
        if end_re.match(lines[i]):
            return fmt, i
    return fmt, -2


def _json_marks(lines: list[str], first: int = 0):
    """``(line index, character, depth before it)`` of each brace and bracket outside strings."""
    depth = 0
    in_string = escaped = False
    for i in range(first, len(lines)):
        for ch in lines[i]:
            if in_string:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == '"':
                    in_string = False
            elif ch == '"':
                in_string = True
            elif ch in "{[":
                yield i, ch, depth
                depth += 1
            elif ch in "}]":
                depth -= 1
                yield i, ch, depth


def _json_end(lines: list[str], first: int) -> int:
    """Index of the line holding the ``}`` that closes the JSON object opened on ``lines[first]``."""
    return next((i for i, ch, depth in _json_marks(lines, first) if ch == "}" and depth == 0), -2)


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
                    None, None, _("trop d'alias YAML (expansion excessive)"), event.start_mark
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
        if fmt == "json":
            data = json.loads(raw)
        else:
            data = load_yaml(raw) if fmt == "yaml" else tomllib.loads(raw)
    except json.JSONDecodeError as exc:
        # The JSON object starts on the fence line itself: its line 1 is ``first_line``.
        problems.append(Problem("CL003", first_line + exc.lineno - 1, exc.colno, _("front matter JSON invalide : {reason}").format(reason=exc.msg)))
        return {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + 1 + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem("CL003", line, column, _("front matter YAML invalide : {reason}").format(reason=reason)))
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
        problems.append(Problem("CL003", line, column, _("front matter TOML invalide : {reason}").format(reason=str(exc).split(" (")[0])))
        return {}
    except RecursionError:
        problems.append(Problem("CL003", first_line + 1, 1, _("front matter trop profondément imbriqué")))
        return {}
    except ValueError as exc:  # an integer of thousands of digits (Python's conversion limit)
        reason = _("nombre trop long") if "digits" in str(exc) else str(exc).splitlines()[0]
        problems.append(Problem("CL003", first_line + 1, 1, _("front matter invalide : {reason}").format(reason=reason)))
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
                _("le front matter doit être un dictionnaire de clés (trouvé : {kind})").format(kind=kind),
            )
        )
        return {}
    return data


# --------------------------------------------------------------------------- where keys are written

_YAML_KEY = re.compile(r"(?P<key>[A-Za-z_][\w\-]*|\"[^\"]+\"|'[^']+')[ \t]*:(?=[ \t]|$)[ \t]*(?P<value>.*?)[ \t]*$")
_TOML_KEY = re.compile(r"(?P<key>[A-Za-z_][\w\-]*|\"[^\"]+\"|'[^']+')[ \t]*=[ \t]*(?P<value>.*?)[ \t]*$")
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_SINGLE_QUOTED = {"yaml": re.compile(r"'(?:[^'\n]|'')*'"), "toml": re.compile(r"'[^'\n]*'"), "json": re.compile(r"(?!)")}
_COMMENT = re.compile(r"[ \t]*(?:#.*)?")
_JSON_KEY = re.compile(r'[ \t]*"(?P<key>(?:[^"\\\n]|\\.)+)"[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$')
_JSON_AFTER = re.compile(r"[ \t]*,?[ \t]*")


def _string_text(value: str, fmt: str) -> tuple[int, int, str] | None:
    """(start, end, quote) of the text of a one-line string value, relative to ``value``."""
    if value.startswith('"'):
        match = _DOUBLE_QUOTED.match(value)
    elif value.startswith("'"):
        match = _SINGLE_QUOTED[fmt].match(value)
    else:
        if fmt != "yaml" or not value or value[0] in "|>[{&*!%@`#":
            return None  # not a string, a block scalar or a flow collection: not one line of text
        plain = re.split(r"[ \t]#", value, maxsplit=1)[0].rstrip(" \t")
        return 0, len(plain), ""
    if match is None or not (_JSON_AFTER if fmt == "json" else _COMMENT).fullmatch(value, match.end()):
        return None
    return 1, match.end() - 1, value[0]


def key_lines(lines: list[str], first_line: int, fmt: str, duplicates: list | None = None) -> dict[str, KeyLine]:
    """Top-level keys of a front matter and where they are written.

    ``lines`` are the lines between the fences; ``first_line`` is the 1-based
    file line of ``lines[0]``.  Only keys at column 1 are top-level; TOML keys
    after a ``[table]`` header belong to that table.  A key written again is
    appended to ``duplicates`` as ``(key, first KeyLine, line, column)``.
    """
    pattern = {"yaml": _YAML_KEY, "toml": _TOML_KEY, "json": _JSON_KEY}[fmt]
    depths = _json_depths(lines) if fmt == "json" else None
    found: dict[str, KeyLine] = {}
    for i, text in enumerate(lines):
        if fmt == "toml" and text.lstrip().startswith("["):
            break
        if depths is not None and depths[i] != 1:
            continue  # inside a nested object or list, or the line of the opening brace
        match = pattern.match(text)
        if match is None:
            continue
        key = match.group("key").strip("\"'")
        if key in found:
            if duplicates is not None:
                duplicates.append((key, found[key], first_line + i, match.start("key") + 1))
            continue
        value = match.group("value")
        value_column = match.start("value") + 1
        end_column = max(match.end("value") + 1, value_column + 1)
        # A JSON key's column is its opening quote's.
        key_column = match.start("key") if fmt == "json" else 1
        text_span = _string_text(value, fmt)
        header = _BLOCK_SCALAR.fullmatch(value) if fmt == "yaml" else None
        if header:
            block = _block_lines(lines, i + 1, first_line)
            found[key] = KeyLine(first_line + i, key_column, value_column, end_column, quote=header.group(1), block=block)
        elif text_span is None:
            found[key] = KeyLine(first_line + i, key_column, value_column, end_column)
        else:
            start, end, quote = text_span
            found[key] = KeyLine(
                first_line + i, key_column, value_column, end_column, value_column + start, value_column + end, quote
            )
    return found


_BLOCK_SCALAR = re.compile(r"([|>])(?:[+\-]?[1-9]?|[1-9][+\-])(?:[ \t]+#.*)?")


def _block_lines(lines: list[str], start: int, first_line: int) -> tuple[tuple[int, int, int], ...]:
    """The text of each line of the block scalar that starts at ``lines[start]`` (trailing blank lines left out)."""
    found = []
    for j in range(start, len(lines)):
        text = lines[j]
        if text.strip() and not text[0] in " \t":
            break  # the next top-level key
        stripped = text.strip(" \t")
        if stripped:
            column = len(text) - len(text.lstrip(" \t")) + 1
            found.append((first_line + j, column, column + len(stripped)))
        else:
            found.append((first_line + j, 1, 1))
    while found and found[-1][1] == found[-1][2]:
        found.pop()
    return tuple(found)


def _json_depths(lines: list[str]) -> list[int]:
    """Brace and bracket depth at the start of each line of a JSON object (strings skipped)."""
    depths = [0] * len(lines)
    after = {}  # line index -> depth after its last mark
    for i, ch, depth in _json_marks(lines):
        after[i] = depth + 1 if ch in "{[" else depth
    current = 0
    for i in range(len(lines)):
        depths[i] = current
        current = after.get(i, current)
    return depths


# --------------------------------------------------------------------------- entry point


def read(text: str) -> Reading:
    """Read the front matter at the top of ``text`` (line ends already ``\\n``, no BOM).

    Like Hugo, blank lines and an indentation before the opening fence are skipped;
    such a front matter is read, with a CL010 problem (other tools do not skip them).
    """
    lines = text.split("\n")
    leading = _LEADING.match(text).end()
    first = text.count("\n", 0, leading)
    fmt, closing = _fences(lines, first)
    if fmt is None:
        return Reading(None, {}, [])
    problems: list[Problem] = []
    if leading:
        column = leading - (text.rfind("\n", 0, leading) + 1) + 1
        problems.append(
            Problem(
                "CL010",
                first + 1,
                column,
                _(
                    "front matter précédé de lignes vides ou d'une indentation : Hugo le lit, mais"
                    " d'autres outils y voient du texte ; retirez ce qui précède le délimiteur"
                    " pour qu'il commence la première ligne"
                ),
            )
        )
    if closing == -2:
        fence = {"yaml": _("une ligne `---`"), "toml": _("une ligne `+++`"), "json": _("l'accolade `}`")}[fmt]
        problems.append(
            Problem("CL006", first + 1, column if leading else 1, _("front matter jamais fermé : ajoutez {fence} qui le termine en début de ligne").format(fence=fence))
        )
        return Reading(None, {}, problems)
    if fmt == "json":
        body = lines[first : closing + 1]
        body[0] = body[0].lstrip(" \t")
        body_line = first + 1
    else:
        body = lines[first + 1 : closing]
        body_line = first + 2
    raw = "\n".join(body)
    metadata = _load(fmt, raw, first + 1, problems)
    duplicates: list = []
    keys = key_lines(lines[first : closing + 1] if fmt == "json" else body, first + 1 if fmt == "json" else body_line, fmt, duplicates)
    if metadata:
        # YAML and JSON let a key be written twice: PyYAML, Go's YAML and JSON readers,
        # hence Hugo, keep the last value without a word (TOML refuses it: CL003).
        for key, first_key, line, column in duplicates:
            problems.append(
                Problem(
                    "CL011",
                    line,
                    column,
                    _(
                        "clé « {key} » déjà écrite ligne {line} : Hugo garde cette dernière"
                        " valeur et ignore la première ; n'en gardez qu'une"
                    ).format(key=key, line=first_key.line),
                )
            )
    front_matter = FrontMatter(fmt, first + 1, closing + 1, raw, keys)
    return Reading(front_matter, metadata, problems)
