"""The seed lesson with one defect at a time gives exactly that defect's findings.

Each case edits the verbatim seed lesson (``tests/fixtures/seed.md``) by line
number, after checking that the line still reads as expected, and runs every
course rule (CL1xx, CL2xx, CL3xx) through the engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint import config as config_module
from courselint.engine import Selection, run

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.md"


def replace(line: int, old: str, new: str):
    def edit(lines: list[str]) -> None:
        assert lines[line - 1] == old, f"seed line {line} changed: {lines[line - 1]!r}"
        lines[line - 1] = new

    return edit


def delete(line: int, old: str):
    def edit(lines: list[str]) -> None:
        assert lines[line - 1] == old, f"seed line {line} changed: {lines[line - 1]!r}"
        del lines[line - 1]

    return edit


SWAP_TIMELINE = [replace(15, "* 1979 : Chroot", "* 2000 : BSD Jail"), replace(16, "* 2000 : BSD Jail", "* 1979 : Chroot")]
SWAP_STEPS = [replace(39, "## 1979 : Chroot", "## 2000 : BSD Jail"), replace(59, "## 2000 : BSD Jail", "## 1979 : Chroot")]

DEFECTS = {
    "pre 2.06 for title 2.05": ([replace(3, 'pre: "<b>2.05 </b>"', 'pre: "<b>2.06 </b>"')], [("CL103", 3, 10)]),
    "weight as a string": ([replace(4, "weight: 18", 'weight: "18"')], [("CL102", 4, 9)]),
    "weight missing": ([delete(4, "weight: 18")], [("CL101", 4, 1)]),
    "timeline shuffled, steps in order": (SWAP_TIMELINE, [("CL201", 16, 3), ("CL204", 59, 4)]),
    "timeline shuffled, steps follow it": (SWAP_TIMELINE + SWAP_STEPS, [("CL201", 16, 3), ("CL204", 59, 4)]),
    "steps shuffled only": (SWAP_STEPS, [("CL204", 59, 4)]),
    "year with letters O": ([replace(20, "* 2008 : LXC ", "* 2OO8 : LXC ")], [("CL206", 20, 3)]),
    "timeline entry removed": ([delete(22, "* 2014 : rkt")], [("CL203", 175, 4)]),
    "step label changed": (
        [replace(108, "## 2006 : Process Containers (cgroups) ", "## 2006 : Process Containers ")],
        [("CL205", 108, 11)],
    ),
    "unknown tag": (
        [replace(61, "* [E] Chroot + isolation, mais seulement BSD", "* [X] Chroot + isolation, mais seulement BSD")],
        [("CL301", 61, 3)],
    ),
    "malformed tag": (
        [replace(80, '* [E] Un sandboxing "maison" dans Linux', '* [E ] Un sandboxing "maison" dans Linux')],
        [("CL302", 80, 3)],
    ),
    "step without tag": ([delete(80, '* [E] Un sandboxing "maison" dans Linux')], [("CL303", 78, 4)]),
    "tags out of legend order": (
        [
            replace(
                131,
                "* [P][R] Certains opérateurs commencent à distribuer les services dans des conteneurs à durée de vie courte",
                "* [R][P] Certains opérateurs commencent à distribuer les services dans des conteneurs à durée de vie courte",
            )
        ],
        [("CL305", 131, 3)],
    ),
    "no legend": (
        [
            delete(32, "* [R] et la distribution du service sur le réseau."),
            delete(31, "* [P] impactant la persistance des données..."),
            delete(30, "* [E] Des évolutions techniques..."),
        ],
        [("CL304", 38, 3)],
    ),
    "slide separator glued to a paragraph": ([delete(55, "")], [("CL210", 55, 1)]),
}


@pytest.mark.parametrize("name", list(DEFECTS))
def test_seed_with_one_defect(name: str, tmp_path: Path) -> None:
    edits, expected = DEFECTS[name]
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for edit in edits:
        edit(lines)
    lesson = tmp_path / "seed.md"
    lesson.write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "courselint.toml").write_text("", encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    result = run([lesson], config, Selection(select=("CL1", "CL2", "CL3")), jobs=1, use_cache=False)
    found = sorted((f.code, f.line, f.column) for f in result.findings)
    messages = "\n".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in result.findings)
    assert found == sorted(expected), messages


def test_seed_with_legend_configured_instead_of_declared(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    del lines[29:32]  # the legend list
    lesson = tmp_path / "seed.md"
    lesson.write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "courselint.toml").write_text(
        '[factors.legend]\nE = "évolutions"\nP = "persistance"\nR = "réseau"\n', encoding="utf-8"
    )
    config = config_module.load(tmp_path / "courselint.toml")
    result = run([lesson], config, Selection(select=("CL3",)), jobs=1, use_cache=False)
    assert result.findings == []
