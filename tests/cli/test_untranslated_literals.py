"""Every French sentence the code shows a user goes through the message catalog.

The English catalog test (``scripts/update_messages.py --check``) only sees strings
already wrapped in ``_()``; this one finds the ones that were never wrapped.  It
reads every module of the package with ``ast`` and flags a string literal (or the
literal parts of an f-string) that reads as French prose — a word with a French
accent or ligature, « quotes », or two of the commonest French words — unless it
sits inside ``_()``, ``N_()``, ``agree()`` or ``ngettext()``.  A second scan catches
what reads as French to no word list (« catalogue illisible ») by where it goes: any
literal sentence given straight to a call that makes a message (``report``,
``finding_at``, ``ConfigError``…).

Not messages, and so not flagged: docstrings; one-word literals (tokens, suffixes,
dictionary data); literals that start with a line break (word lists written as
triple-quoted blocks) or with ``<`` (markup such as the SVG badge); regular expressions (anything passed to ``re``); and the
modules listed in ``DATA_MODULES``, whose French literals are language data
(letters, affixes, word lists) the spelling engine reads, never shown as text.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "courselint"
WRAPPERS = {"_", "N_", "agree", "ngettext"}

#: Modules whose French literals are language data for the spelling engine.
DATA_MODULES = {
    "spell/edits.py",
    "spell/acceptance.py",
    "spell/tokenize.py",
    "spell/hunspell.py",
    "spell/forms.py",
}

_FRENCH_LETTER = re.compile(r"[àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜŒ«»]")
_COMMON_WORDS = re.compile(
    r"\b(?:le|la|les|un|une|des|du|de|est|sont|pas|dans|pour|sans|avec|aucun|aucune|"
    r"fichier|leçon|ligne|mot|mots|ou|et|ce|cette|qui|que|sur|au|aux|en|ne|ni|trop|plus|moins|"
    r"il|elle|se|sa|son|ses|leur|lancez|ajoutez|vérifiez)\b",
    re.IGNORECASE,
)
_REGEX_MARKS = ("(?", "\\s", "\\b", "[^", "\\d", "\\w")


def reads_as_french(text: str) -> bool:
    if " " not in text.strip() or text[:1] in "\n\r<" or any(mark in text for mark in _REGEX_MARKS):
        return False
    if _FRENCH_LETTER.search(text):
        return True
    return len(_COMMON_WORDS.findall(text)) >= 2


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name):
            return node.func.id
        if isinstance(node.func, ast.Attribute):
            owner = node.func.value
            return f"{owner.id}.{node.func.attr}" if isinstance(owner, ast.Name) else node.func.attr
    return None


def unwrapped_french(path: Path, root: Path = PACKAGE) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    docstrings = _docstrings(tree)
    flagged, judged = [], set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docstrings:
            continue
        literal = node.value
        parent = parents.get(id(node))
        if isinstance(parent, ast.JoinedStr):  # judge an f-string as a whole, once
            if id(parent) in judged:
                continue
            judged.add(id(parent))
            literal = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in parent.values)
        if not reads_as_french(literal):
            continue
        ancestor, exempt = parent, False
        while ancestor is not None:
            name = _call_name(ancestor)
            if name in WRAPPERS or (name or "").startswith("re."):
                exempt = True
                break
            ancestor = parents.get(id(ancestor))
        if not exempt:
            flagged.append(f"{path.relative_to(root)}:{node.lineno}: {literal[:70]!r}")
    return flagged


#: Calls whose text arguments reach a user: a literal there is a message whatever its words.
MESSAGE_SINKS = {
    "report", "finding", "finding_at", "_input_finding", "Problem", "Fix", "ConfigError", "UsageError",
    "EngineUnavailable", "CatalogError", "NotReadable", "DiffError", "DecodeError", "_Refused",
}
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def unwrapped_sink_arguments(path: Path, root: Path = PACKAGE) -> list[str]:
    """Literal text given straight to a message sink (``report(span, "texte")``), not through ``_()``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    flagged = []
    for node in ast.walk(tree):
        name = _call_name(node)
        if name is None or name.rpartition(".")[2] not in MESSAGE_SINKS:
            continue
        for argument in [*node.args, *(keyword.value for keyword in node.keywords if keyword.arg in (None, "message", "title"))]:
            if isinstance(argument, ast.JoinedStr):
                text = "".join(v.value for v in argument.values if isinstance(v, ast.Constant))
            elif isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                text = argument.value
            else:
                continue
            # Codes (CL401), key names and single identifiers are data, not sentences.
            if " " in text.strip() and _LETTERS.search(text):
                flagged.append(f"{path.relative_to(root)}:{node.lineno}: {text[:70]!r}")
    return flagged


def test_the_detector_sees_french_and_leaves_data_alone() -> None:
    assert reads_as_french("fichier trop gros ({} octets, maximum {})")
    assert reads_as_french("leçon illisible")
    assert reads_as_french("« {} » sans msgid")
    assert not reads_as_french("ité")
    assert not reads_as_french("\n    de la le les des du un une\n")
    assert not reads_as_french(r"(?P<word>[a-zé]+)\s+")
    assert not reads_as_french("front_matter_value")


def test_the_scan_catches_an_unwrapped_message(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text(
        'from courselint.messages import _\n'
        'def f(n):\n'
        '    """Une docstring en français n\'est pas un message."""\n'
        '    ok = _("fichier illisible : {n}").format(n=n)\n'
        '    return ok + f"fichier trop gros ({n} octets)"\n',
        encoding="utf-8",
    )
    assert unwrapped_french(module, tmp_path) == ["sample.py:5: 'fichier trop gros ({} octets)'"]
    module.write_text('def f(report, n):\n    report(n, f"catalogue illisible ({n})")\n', encoding="utf-8")
    assert unwrapped_french(module, tmp_path) == []  # no word the first scan knows
    assert unwrapped_sink_arguments(module, tmp_path) == ["sample.py:2: 'catalogue illisible ()'"]
    module.write_text(
        "from courselint.messages import _\ndef f(pairs):\n    return [_(a) for a, _ in pairs]\n", encoding="utf-8"
    )
    assert shadowed_gettext(module, tmp_path) == ["sample.py:3"]


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def test_every_french_message_is_wrapped_for_translation() -> None:
    flagged = []
    for path in modules():
        if path.relative_to(PACKAGE).as_posix() not in DATA_MODULES:
            flagged += unwrapped_french(path) + unwrapped_sink_arguments(path)
    assert not flagged, "French text outside _() (wrap it, then run scripts/update_messages.py):\n" + "\n".join(flagged)


def shadowed_gettext(path: Path, root: Path = PACKAGE) -> list[str]:
    """Places where a module that imports ``_`` from courselint.messages binds ``_`` again
    (``for _ in …``, ``a, _ = …``): inside that scope ``_("…")`` calls the wrong thing."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imports_gettext = any(
        isinstance(node, ast.ImportFrom) and node.module == "courselint.messages" and any(a.name == "_" for a in node.names)
        for node in ast.walk(tree)
    )
    if not imports_gettext:
        return []
    return [
        f"{path.relative_to(root)}:{node.lineno}"
        for node in ast.walk(tree)
        if (isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store))
        or (isinstance(node, ast.arg) and node.arg == "_")
    ]


def test_no_module_rebinds_the_translation_function() -> None:
    found = [place for path in modules() for place in shadowed_gettext(path)]
    assert not found, "`_` bound again where it translates (name the throwaway otherwise):\n" + "\n".join(found)
