"""Parsing by sections (the language server's, ``markdown.remember_sections``) gives
exactly the tokens and references of one parse of the whole text.

Real lessons (the seed and every page of the learn site), random edits that
open and close fences, HTML comments, lists, quotes, tables, headings and
reference definitions, the same memory of sections carried from edit to edit:
after each edit, every field of every token and the references must equal
markdown-it's own parse of the whole text (the independent source).
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from courselint.markdown import _Sections, block_parser
from tests.shared_corpus import LEARN_SITE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LEARN = LEARN_SITE / "content"
LESSONS = [FIXTURES / "seed.md", *sorted(LEARN.rglob("*.md"))]

#: Lines typed in: each can join, split or swallow the sections around it.
INSERTED = [
    "```", "~~~", "```bash", "<!-- un commentaire", "-->", "<div>", "</div>", "<pre>", "</pre>", "",
    "# Titre", "## 2001 : Vserver", "- un point", "1. premier", "> une citation", "    du code indenté",
    "| a | b |", "|---|---|", "[lien]: /adresse", "[^1]: une note", "Terme", ": définition", "===", "---",
    "suite du paragraphe", "  - sous-point", "[lien]: /autre \"titre\"",
]


def fields(token) -> tuple:
    """Every field of a token (all the dataclass declares), children included."""
    return tuple(
        [fields(child) for child in token.children or ()] if field.name == "children" else getattr(token, field.name)
        for field in dataclasses.fields(token)
    )


def edit(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    at = rng.randrange(len(lines) + 1)
    kind = rng.random()
    if kind < 0.5:
        lines.insert(at, rng.choice(INSERTED))
    elif kind < 0.7 and at < len(lines):
        del lines[at]
    elif kind < 0.85 and at < len(lines):
        lines[at] = rng.choice(INSERTED) + " " + lines[at]
    else:
        lines[at:at] = ["", rng.choice(["## Une section", "# Titre"]), ""]
    return lines


def test_sections_parse_as_the_whole_text_after_random_edits() -> None:
    rng = random.Random(17)
    compared = 0
    for lesson in LESSONS:
        sections = _Sections(spare=256)
        lines = lesson.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
        for _ in range(12):
            text = "\n".join(lines)
            whole_env: dict = {}
            whole = block_parser().parse(text, whole_env)
            env: dict = {}
            parsed = sections.parse(text, env)
            assert [fields(t) for t in parsed] == [fields(t) for t in whole], lesson
            assert env.get("references") == whole_env.get("references"), lesson
            assert env.get("footnotes") == whole_env.get("footnotes"), lesson
            key = lambda d: (d["map"], d["label"])  # noqa: E731
            assert sorted(env.get("duplicate_refs", []), key=key) == sorted(whole_env.get("duplicate_refs", []), key=key)
            compared += 1
            lines = edit(rng, lines)
    assert compared >= 12 * 30


def test_remembered_tokens_are_copies() -> None:
    """A later pass fills tokens in place (inline children): the memory must not see it."""
    sections = _Sections(spare=16)
    text = "# Un\n\nDu *texte*.\n\n## Deux\n\nEncore.\n"
    first = sections.parse(text, {})
    first[2].meta["marked"] = True
    first[2].children = ["changed"]
    again = sections.parse(text, {})
    assert [fields(t) for t in again] == [fields(t) for t in block_parser().parse(text, {})]
