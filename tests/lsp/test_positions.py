"""Column conversion against Python's own codecs, on text that breaks naive counting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courselint.findings import Span
from courselint.lsp.positions import Lines, from_units, to_units

LINE = "A 🐳 cœur e\u0301té 𝄞 fin"


def codec_units(text: str, encoding: str) -> int:
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text.encode("utf-32-le")) // 4


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_every_column_of_a_tricky_line(encoding: str) -> None:
    for index in range(len(LINE) + 1):
        units = to_units(LINE, index + 1, encoding)
        assert units == codec_units(LINE[:index], encoding)
        assert from_units(LINE, units, encoding) == index


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=40))
def test_round_trip_on_any_line(line: str) -> None:
    for encoding in ("utf-8", "utf-16", "utf-32"):
        for index in range(len(line) + 1):
            units = to_units(line, index + 1, encoding)
            assert units == codec_units(line[:index], encoding)
            assert from_units(line, units, encoding) == index


def test_crlf_lone_cr_and_bom() -> None:
    text = "\ufeffé🐳x\r\nab🐳cd\rz\n"
    lines = Lines(text, "utf-16")
    assert lines.lines == ["\ufeffé🐳x", "ab🐳cd", "z", ""]
    # a finding's columns do not count the BOM (the lesson model drops it)
    assert lines.range(Span(1, 3, 1, 4)) == ((0, 4), (0, 5))
    assert lines.range(Span(2, 4, 2, 5)) == ((1, 4), (1, 5))
    assert lines.column(1, 4) == (2, 4)
    assert lines.column(0, 4) == (1, 3)


def test_a_column_inside_a_surrogate_pair_rounds_down() -> None:
    assert from_units("a🐳b", 2, "utf-16") == 1
    assert from_units("a🐳b", 3, "utf-16") == 2
