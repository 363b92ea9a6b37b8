"""Golden files pin the lesson model: blocks, masked prose, positions, sections, slides.

Each ``fixtures/X.md`` has ``golden/X.model.txt`` beside it.  Refresh them with
``COURSELINT_UPDATE_GOLDENS=1 pytest tests/model`` and review the diff like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from courselint.document import parse
from courselint.segments import JOINER

HERE = Path(__file__).parent
FIXTURES = sorted((HERE / "fixtures").glob("*.md"))


def dump(path: Path) -> str:
    lesson = parse(path.name, path.read_bytes())
    out = [f"bom={lesson.bom} lines={lesson.line_count} metadata={lesson.metadata!r}"]
    for finding in lesson.problems:
        out.append(f"problem {finding.line}:{finding.column} {finding.code} {finding.message}")
    for slide in lesson.slides:
        out.append(f"slide {slide.index}: lines {slide.start_line}-{slide.end_line}")
    for heading in lesson.headings:
        out.append(f"heading h{heading.level} {heading.title!r} lines {heading.line}-{heading.end_line}")
    for block in lesson.blocks:
        line, column, end_line, end_column = block.span(0, len(block.raw))
        out.append(
            f"{block.kind} {line}:{column}-{end_line}:{end_column} level={block.level}"
            f" section={block.section} slide={block.slide}" + (f" key={block.key}" if block.key else "")
        )
        out.append(f"  raw:   {block.raw!r}")
        if block.prose != block.raw:
            out.append(f"  prose: {block.prose.replace(JOINER, '^')!r}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_model_golden(fixture: Path) -> None:
    golden = HERE / "golden" / f"{fixture.stem}.model.txt"
    actual = dump(fixture)
    if os.environ.get("COURSELINT_UPDATE_GOLDENS"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing golden {golden}: run with COURSELINT_UPDATE_GOLDENS=1"
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_every_prose_character_maps_to_the_same_source_character(fixture: Path) -> None:
    lesson = parse(fixture.name, fixture.read_bytes())
    for block in lesson.blocks:
        assert len(block.prose) == len(block.raw)
        for i, char in enumerate(block.raw):
            if char == "\n":
                continue
            assert lesson.text[block.source_offset(i)] == char, (block.kind, block.line, i)
