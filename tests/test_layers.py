"""The module graph runs one way: every import (inside functions too) goes down the layers.

The layers are declared here, by hand, as the design says them; a module may
import its own layer or lower ones.  A new module must be placed in a layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "courselint"

#: Lowest first.  A name ending in "." stands for every module of that package.
LAYERS: list[tuple[str, ...]] = [
    # values and text helpers that know nothing of lessons
    ("courselint", "courselint.findings", "courselint.codes", "courselint.segments", "courselint.markdown",
     "courselint.fileio", "courselint.selection", "courselint.grammar", "courselint.messages",
     "courselint.shortcodes", "courselint.config_file"),
    # reading a file's front matter, the configuration, suppressions, edits
    ("courselint.frontmatter", "courselint.config", "courselint.hugo_site", "courselint.suppress", "courselint.fixes"),
    # the lesson and chapter model
    ("courselint.document", "courselint.course", "courselint.chapter"),
    # engines that read the model's prose
    ("courselint.spell.", "courselint.grammar."),
    # translation pipeline: catalogs, extraction, build (no rule module)
    ("courselint.i18n.",),
    # checks attached to codes
    ("courselint.rules.",),
    # running checks and printing findings
    ("courselint.engine", "courselint.reporters.", "courselint.baseline", "courselint.changes", "courselint.words"),
    # the programs
    ("courselint.cli", "courselint.__main__", "courselint.ahead", "courselint.lsp", "courselint.lsp."),
]


def layer_of(module: str) -> int:
    """A module named exactly wins over a package prefix (``courselint.grammar`` vs ``courselint.grammar.``)."""
    exact = [rank for rank, names in enumerate(LAYERS) if module in names]
    prefixed = [
        rank for rank, names in enumerate(LAYERS) for name in names
        if name.endswith(".") and (module + ".").startswith(name)
    ]
    assert exact or prefixed, f"{module} is in no layer: add it to LAYERS"
    return (exact or prefixed)[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of a courselint module in a file, nested ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                as_module = PACKAGE.parent / Path(*candidate.split("."))
                is_module = as_module.with_suffix(".py").is_file() or (as_module / "__init__.py").is_file()
                found.append((node.lineno, candidate if is_module else base))
    return [(line, name) for line, name in found if name == "courselint" or name.startswith("courselint.")]


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_import_goes_down_the_layers() -> None:
    upward = []
    for path in modules():
        mine = module_name(path)
        for line, target in imported(path):
            if layer_of(target) > layer_of(mine):
                upward.append(f"{path.relative_to(PACKAGE)}:{line}: {mine} imports {target}")
    assert upward == []


def test_translation_pipeline_imports_no_rule_module() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {target}"
        for path in modules()
        if module_name(path).startswith("courselint.i18n")
        for line, target in imported(path)
        if target.startswith("courselint.rules")
    ]
    assert offenders == []


def test_only_the_engine_and_the_programs_load_the_rules_package() -> None:
    """``import courselint.rules`` fills the registry: nobody below the engine needs that."""
    loaders = {
        module_name(path)
        for path in modules()
        for _line, target in imported(path)
        if target in ("courselint.rules", "courselint.rules.__init__")
        and not module_name(path).startswith("courselint.rules")
    }
    assert loaders <= {"courselint.engine", "courselint.cli"}


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The check above can fail: a model module importing a rule is caught."""
    assert layer_of("courselint.rules.spelling") > layer_of("courselint.document")
    fake = PACKAGE / "document.py"
    tree_imports = imported(fake)
    assert all(layer_of(t) <= layer_of("courselint.document") for _l, t in tree_imports)
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from courselint.rules import RULES\n", encoding="utf-8")
    nested = [t for node in ast.walk(ast.parse(probe.read_text())) if isinstance(node, ast.ImportFrom) for t in [node.module]]
    assert nested == ["courselint.rules"] and layer_of(nested[0]) > layer_of("courselint.document")
