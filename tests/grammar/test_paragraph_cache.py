"""The grammar engine's answers kept per paragraph (grammar/cache.py), with real Grammalecte.

The engine is the real one; :class:`Counting` only records which units of prose
reach it, so a test can say which paragraphs were sent.
"""

from __future__ import annotations

import json
import sys

import pytest

from courselint import config as config_module
from courselint.document import parse
from courselint.engine import Selection, run
from courselint.grammar.grammalecte import GrammalecteEngine
from courselint.rules import RULES
from courselint.rules.base import Context
from courselint.rules.grammar import engine_key

from .test_grammalecte import SYSTEM_PYTHON, _grammalecte_children, require_grammalecte  # noqa: F401

LESSON = """---
title: Les conteneurs
---

# Les conteneurs

Des progrès en terme de vitesse sont visibles.

Ce paragraphe ne contient aucune faute.

```bash
docker run hello-world
```

Les images sont construit à partir d'un fichier.
"""


class Counting:
    """The real engine, with the units it was asked to check recorded."""

    name = "grammalecte"

    def __init__(self, engine: GrammalecteEngine) -> None:
        self.engine = engine
        self.sent: list[str] = []

    def check(self, text, raw=None):
        self.sent.append(text)
        return self.engine.check(text, raw)

    def check_many(self, units):
        self.sent.extend(text for text, _ in units)
        return self.engine.check_many(units)

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def grammalecte(require_grammalecte):
    engine = GrammalecteEngine(SYSTEM_PYTHON)
    yield engine
    engine.close()


@pytest.fixture
def project(tmp_path):
    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    (tmp_path / "lecon.md").write_text(LESSON, encoding="utf-8")
    return tmp_path


def _run(project, grammalecte, use_cache=True):
    config = config_module.load(project / "courselint.toml")
    counting = Counting(grammalecte)
    key = engine_key(dict(config.section("grammar")))
    result = run([project / "lecon.md"], config, Selection(select=("CL5",)), jobs=1, use_cache=use_cache,
                 engines={key: counting})
    rows = [(f.code, f.line, f.column, f.end_line, f.end_column, f.message, f.suggestions) for f in result.findings]
    return rows, counting.sent


def test_only_the_changed_paragraph_goes_back_to_the_engine(project, grammalecte):
    first, sent = _run(project, grammalecte)
    # Independent of the code: the lesson's prose is its title, its heading (the same
    # text: sent once) and its three paragraphs.
    assert sorted(sent) == sorted(["Les conteneurs", "Des progrès en terme de vitesse sont visibles.",
                                   "Ce paragraphe ne contient aucune faute.",
                                   "Les images sont construit à partir d'un fichier."])
    assert [row[:2] for row in first] == [("CL501", 7), ("CL501", 15)]
    text = LESSON.replace("Ce paragraphe ne contient aucune faute.", "Ce paragraphe contient une faute en terme de style.")
    (project / "lecon.md").write_text(text, encoding="utf-8")
    second, sent = _run(project, grammalecte)
    assert sent == ["Ce paragraphe contient une faute en terme de style."]
    assert [row[:2] for row in second] == [("CL501", 7), ("CL501", 9), ("CL501", 15)]
    # The cached answers give the same findings as a run without any cache.
    fresh, sent = _run(project, grammalecte, use_cache=False)
    assert fresh == second and len(sent) == 4


def test_a_lesson_whose_prose_is_known_is_not_sent(project, grammalecte):
    _run(project, grammalecte)
    (project / "lecon.md").write_text(LESSON.replace("hello-world", "nginx"), encoding="utf-8")
    rows, sent = _run(project, grammalecte)
    assert sent == []
    assert [row[:2] for row in rows] == [("CL501", 7), ("CL501", 15)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts children through /proc")
def test_a_child_started_ahead_and_never_needed_is_stopped(project, grammalecte):
    _run(project, grammalecte)
    (project / "lecon.md").write_text(LESSON.replace("hello-world", "nginx"), encoding="utf-8")
    config = config_module.load(project / "courselint.toml")
    before = set(_grammalecte_children())
    result = run([project / "lecon.md"], config, Selection(select=("CL5",)), jobs=1)
    assert [(f.code, f.line) for f in result.findings] == [("CL501", 7), ("CL501", 15)]
    assert set(_grammalecte_children()) == before


def test_an_interpreter_without_grammalecte_started_ahead_gives_cl901(project):
    (project / "courselint.toml").write_text(
        f'[grammar]\nengine = "grammalecte"\npython = "{sys.executable}"\n', encoding="utf-8"
    )
    config = config_module.load(project / "courselint.toml")
    result = run([project / "lecon.md"], config, Selection(select=("CL5", "CL9")), jobs=1, use_cache=False)
    assert [(f.code, f.path, f.line) for f in result.findings] == [("CL901", str(project / "courselint.toml"), 2)]
    assert "ne se charge pas" in result.findings[0].message and "python3-grammalecte" in result.findings[0].message


def test_a_damaged_entry_is_checked_again(project, grammalecte):
    first, _ = _run(project, grammalecte)
    entries = sorted((project / ".courselint_cache" / "grammar").rglob("*.json"))
    assert len(entries) == 4
    for entry, garbage in zip(entries, ("", "{}", json.dumps([[0, 999, "x", "y", [], "grammar"]]), "[[1]]")):
        entry.write_text(garbage, encoding="utf-8")
    (project / "lecon.md").write_text(LESSON + "\n", encoding="utf-8")  # the lesson cache misses
    second, sent = _run(project, grammalecte)
    assert len(sent) == 4 and second == first


def test_no_cache_writes_no_answer(project, grammalecte):
    _run(project, grammalecte, use_cache=False)
    assert not (project / ".courselint_cache").exists()


def test_without_a_cache_folder_answers_last_as_long_as_the_process(project, grammalecte):
    """The language server's case: its Context has no cache folder, and nothing is written."""
    config = config_module.load(project / "courselint.toml")
    counting = Counting(grammalecte)
    ctx = Context(config, {engine_key(dict(config.section("grammar"))): counting})
    first = RULES["CL501"].check(parse("lecon.md", LESSON.encode()), ctx)
    assert len(counting.sent) == 4
    counting.sent.clear()
    text = LESSON.replace("Ce paragraphe ne contient aucune faute.", "Ce paragraphe contient une faute en terme de style.")
    second = RULES["CL501"].check(parse("lecon.md", text.encode()), ctx)
    assert counting.sent == ["Ce paragraphe contient une faute en terme de style."]
    assert [f.line for f in first] == [7, 15] and [f.line for f in second] == [7, 9, 15]
    assert not (project / ".courselint_cache").exists()
