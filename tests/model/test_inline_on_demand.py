"""``parse`` skips markdown-it's inline pass; ``Lesson.inline_tokens`` runs it on demand.

The children it gives must be those of a full parse, link reference definitions
included (they live in the block pass's environment).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint.document import parse
from courselint.markdown import parser

REPO = Path(__file__).resolve().parents[2]
SAMPLES = [
    "Voir [la doc][doc] et `ls -l`, ~~barré~~ *ici*.\n\n[doc]: https://example.fr/doc \"titre\"\n",
    "![schéma avec `code`](/img/a.png) et <b>gras</b> &amp; \\*échappé\\*\n",
    "| a | `b` |\n| --- | --- |\n| [c](d) | e |\n",
    "> * liste `x`\n>   suite [lien](https://a.b)\n\n1. un\n2. deux\n",
    "Titre\n=====\n\n## 1979 : Chroot [E]\n\nTexte.\n",
    "",
]


def _children(tokens) -> list:
    return [
        [(c.type, c.content, tuple(sorted((c.attrs or {}).items()))) for c in (t.children or ())]
        for t in tokens
        if t.type == "inline"
    ]


def _full_parse_of(lesson) -> list:
    text = lesson.text
    if lesson.front_matter is not None:  # parse() blanks the front matter, keeping its lines
        lines = text.split("\n")
        end = lesson.front_matter.end_line
        text = "\n" * end + "\n".join(lines[end:])
    if lesson.hidden:  # parse() replaces the lines a paired code shortcode holds
        lines = text.split("\n")
        for start, stop in lesson.hidden:
            for line in range(lesson.index.line_of(start) + 1, lesson.index.line_of(stop)):
                lines[line - 1] = "\u2063"
        text = "\n".join(lines)
    return parser().parse(text)


LESSONS = sorted(p for p in (REPO / "content").rglob("*.md")) + sorted((REPO / "tests").rglob("*.md"))[:40]


@pytest.mark.parametrize("text", SAMPLES)
def test_inline_children_match_a_full_parse(text):
    lesson = parse("x.md", text)
    assert _children(lesson.inline_tokens()) == _children(parser().parse(text))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: str(p.relative_to(REPO)))
def test_inline_children_match_a_full_parse_on_real_lessons(path):
    lesson = parse(str(path), path.read_bytes())
    if lesson.problems and not lesson.text:
        pytest.skip("unreadable on purpose")
    assert _children(lesson.inline_tokens()) == _children(_full_parse_of(lesson))


def test_inline_pass_runs_once_and_only_on_demand():
    lesson = parse("x.md", "Un `code` ici.\n")
    (inline,) = [t for t in lesson.tokens if t.type == "inline"]
    assert inline.children in (None, [])
    lesson.inline_tokens()
    first = inline.children
    assert [c.type for c in first] == ["text", "code_inline", "text"]
    lesson.inline_tokens()
    assert inline.children is first


def test_silenced_rule_logging_parses_the_same(monkeypatch):
    """The command line drops markdown-it's per-rule DEBUG calls; the tokens do not change."""
    import importlib
    import pkgutil

    from markdown_it import parser_block, rules_block

    from courselint.markdown import silence_rule_logging

    text = SAMPLES[0] + SAMPLES[3]
    before = [(t.type, t.map, t.content) for t in parse("x.md", text).tokens]
    modules = [parser_block] + [
        importlib.import_module(f"markdown_it.rules_block.{info.name}") for info in pkgutil.iter_modules(rules_block.__path__)
    ]
    for module in modules:
        if hasattr(module, "LOGGER"):
            monkeypatch.setattr(module, "LOGGER", module.LOGGER)  # restored after the test
    blockquote = importlib.import_module("markdown_it.rules_block.blockquote")
    silence_rule_logging()
    assert not hasattr(blockquote.LOGGER, "handlers")
    assert [(t.type, t.map, t.content) for t in parse("x.md", text).tokens] == before
