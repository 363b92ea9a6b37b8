"""The shortcode table: what each Hugo shortcode holds for a reader.

Per shortcode name, its inner content (between ``{{< name >}}`` and
``{{< /name >}}``) is

``code``      shown as code (``highlight``): never prose, never spell-checked,
              never extracted;
``markdown``  Markdown prose (``notice``, ``expand``): read as the lesson's own text;
``opaque``    not shown as text (``mermaid`` diagrams, ``math``): never prose.

and some parameters are reader-visible text: ``positional`` lists the indices of
positional parameters (Hugo's ``.Get 0``…), ``params`` the names of named ones.
The ``"*"`` entry lists named parameters that are text on every shortcode
(``caption``, ``title``, ``alt``).

The defaults cover Hugo's built-ins and the themes courses use (learn/relearn,
reveal-hugo); a course adds or overrides entries in ``[tool.courselint.shortcodes]``.
One table serves the lesson model (what is prose), extraction (what is a unit)
and the Hugo oracle of the test suite (its stub templates are generated from it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from courselint.messages import _

__all__ = [
    "INNER_KINDS", "Shortcode", "ShortcodeTable", "DEFAULT_TABLE", "SHORTCODE", "table_from_config", "check_entry",
    "text_params_in",
]

INNER_KINDS = ("code", "markdown", "opaque")


@dataclass(frozen=True, slots=True)
class Shortcode:
    inner: str = "markdown"
    positional: tuple[int, ...] = ()
    params: tuple[str, ...] = ()


#: name -> (inner, positional text parameters, named text parameters)
_DEFAULTS: dict[str, tuple[str, tuple[int, ...], tuple[str, ...]]] = {
    "*": ("markdown", (), ("caption", "title", "alt")),
    # Hugo's built-ins
    "highlight": ("code", (), ()),
    "figure": ("markdown", (), ("caption", "title", "alt", "attr")),
    "gist": ("opaque", (), ()),
    "instagram": ("opaque", (), ()),
    "tweet": ("opaque", (), ()),
    "twitter": ("opaque", (), ()),
    "vimeo": ("opaque", (), ("title",)),
    "youtube": ("opaque", (), ("title",)),
    "param": ("opaque", (), ()),
    "ref": ("opaque", (), ()),
    "relref": ("opaque", (), ()),
    # learn / relearn
    "notice": ("markdown", (1,), ("title",)),
    "expand": ("markdown", (0,), ("title",)),
    "button": ("markdown", (), ()),
    "children": ("opaque", (), ()),
    "attachments": ("opaque", (), ("title",)),
    "mermaid": ("opaque", (), ()),
    "math": ("opaque", (), ()),
    "code": ("code", (), ()),
    "include": ("opaque", (), ()),
    "siteparam": ("opaque", (), ()),
    "tabs": ("markdown", (), ()),
    "tab": ("markdown", (), ("title",)),  # "name" is mostly an OS or a language: not offered
    "badge": ("markdown", (), ("title",)),
    "openapi": ("opaque", (), ()),
    "ghcontributors": ("opaque", (), ()),
    # reveal-hugo
    "slide": ("opaque", (), ()),
    "section": ("markdown", (), ()),
    "fragment": ("markdown", (), ()),
    "frag": ("markdown", (), ("c",)),
    "note": ("markdown", (), ()),
}

_NAME = re.compile(r"\{\{([<%])\s*(/?)\s*([\w\-/.]+)")


@dataclass(frozen=True, eq=False)  # hashed by identity: one table per configuration
class ShortcodeTable:
    entries: Mapping[str, Shortcode]

    def get(self, name: str) -> Shortcode:
        return self.entries.get(name) or self.entries.get("*") or Shortcode()

    def text_params(self, name: str) -> tuple[tuple[int, ...], frozenset[str]]:
        """(positional indices, named parameters) that readers see, for shortcode ``name``."""
        entry = self.entries.get(name)
        everywhere = self.entries.get("*")
        named = set(everywhere.params if everywhere else ())
        if entry is not None:
            named |= set(entry.params)
        return (entry.positional if entry else ()), frozenset(named)

    def hidden_regions(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the inner content of every paired ``code``/``opaque`` shortcode of ``text``.

        An opening without its closing hides nothing (Hugo reads it as unpaired).
        Shortcodes shown in an inline code span (a lesson about Hugo) count too:
        a rare false reading, cheaper than parsing code spans before Markdown.
        """
        if "{{" not in text:
            return []
        regions = []
        position = 0
        for match in _NAME.finditer(text):
            if match.start() < position or match.group(2):
                continue
            name = match.group(3)
            if self.get(name).inner == "markdown":
                continue
            opening_end = text.find(match.group(1) + "}}" if match.group(1) == "%" else ">}}", match.end())
            if opening_end == -1:
                continue
            opening_end += 3
            if text[opening_end - 4 : opening_end - 3] == "/":
                continue  # self-closing {{< name />}}
            closing = re.compile(r"\{\{[<%]\s*/\s*" + re.escape(name) + r"\s*[%>]\}\}")
            close = closing.search(text, opening_end)
            if close is None:
                continue
            regions.append((opening_end, close.start()))
            position = close.end()
        return regions


def check_entry(name: str, value: Any) -> str | None:
    """Why ``value`` is not a valid table entry (a French message), or None."""
    if not isinstance(value, dict):
        return _("'shortcodes.{name}' doit être une table (inner, positional, params)").format(name=name)
    unknown = set(value) - {"inner", "positional", "params"}
    if unknown:
        return _("'shortcodes.{name}' : clé inconnue '{key}' (attendu : inner, positional, params)").format(
            name=name, key=sorted(unknown)[0]
        )
    if "inner" in value and value["inner"] not in INNER_KINDS:
        return _("'shortcodes.{name}.inner' vaut {value!r}, attendu : 'code', 'markdown', 'opaque'").format(
            name=name, value=value["inner"]
        )
    positional = value.get("positional", [])
    if not isinstance(positional, list) or not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in positional):
        return _("'shortcodes.{name}.positional' doit être une liste d'entiers (0 = premier paramètre)").format(name=name)
    params = value.get("params", [])
    if not isinstance(params, list) or not all(isinstance(p, str) for p in params):
        return _("'shortcodes.{name}.params' doit être une liste de chaînes").format(name=name)
    return None


def table_from_config(user: Mapping[str, Any] | None = None, legacy_params: list[str] | None = None) -> ShortcodeTable:
    """The defaults, overridden entry by entry by the course's ``shortcodes`` table.

    ``legacy_params`` is the deprecated ``i18n.shortcode_params``: the named
    parameters that are text on every shortcode (the ``"*"`` entry).
    """
    entries = {name: Shortcode(inner, positional, params) for name, (inner, positional, params) in _DEFAULTS.items()}
    if legacy_params is not None:
        entries["*"] = Shortcode("markdown", (), tuple(legacy_params))
    for name, value in (user or {}).items():
        base = entries.get(name, Shortcode())
        entries[name] = Shortcode(
            value.get("inner", base.inner),
            tuple(value.get("positional", base.positional)),
            tuple(value.get("params", base.params)),
        )
    return ShortcodeTable(entries)


#: A Hugo shortcode, possibly spread over several lines.
SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}", re.DOTALL)
_ARGUMENT = re.compile(
    r"""(?P<name>[A-Za-z_][\w\-]*)=(?:(?P<nq>["`])(?P<nvalue>(?:\\.|(?!(?P=nq)).)*)(?P=nq)|[^\s"`]+)"""
    r"""|(?P<pq>["`])(?P<pvalue>(?:\\.|(?!(?P=pq)).)*)(?P=pq)|[^\s"`]+""",
    re.DOTALL,
)
_OPENING = re.compile(r"\{\{[<%]\s*([\w\-/.]*)")


def text_params_in(code: str, table: ShortcodeTable) -> list[tuple[int, int, str, str]]:
    """(start, end, parameter, quote) of the reader-visible values inside one shortcode's text.

    Which parameters those are comes from the shortcode ``table``:
    named ones by name, positional ones by index (``{{% expand "Solution" %}}``).
    Only quoted values are offered: a bare word (``warning``) is a keyword.
    """
    opening = _OPENING.match(code)
    if opening is None:
        return []
    positional, named = table.text_params(opening.group(1))
    body_end = len(code) - 3 if code.endswith(("}}",)) else len(code)
    found = []
    index = 0
    for arg in _ARGUMENT.finditer(code, opening.end(), body_end):
        if arg.group("name") is not None:
            if arg.group("name") in named and arg.group("nq"):
                found.append((arg.start("nvalue"), arg.end("nvalue"), arg.group("name"), arg.group("nq")))
            continue
        if index in positional and arg.group("pq"):
            found.append((arg.start("pvalue"), arg.end("pvalue"), "title", arg.group("pq")))  # a box's label
        index += 1
    return found


DEFAULT_TABLE = table_from_config()
