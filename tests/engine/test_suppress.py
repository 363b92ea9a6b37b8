"""Suppression comments, on findings made by hand (the rules do not matter here)."""

from __future__ import annotations

from courselint.findings import Finding, Severity
from courselint.suppress import apply, parse_suppressions

TEXT = """ligne 1
<!-- courselint: disable-next-line=CL401 -->

ligne 4
<!-- courselint: disable=CL3, CL205 -->
ligne 6
<!-- courselint: enable=CL3 -->
ligne 8
<!-- courselint: disable -->
ligne 10
"""


def finding(line: int, code: str) -> Finding:
    return Finding("x.md", line, 1, line, 2, code, "r", Severity.ERROR, "m")


def kept(line: int, code: str) -> bool:
    return apply([finding(line, code)], parse_suppressions(TEXT)) != []


def test_disable_next_line_skips_blank_lines_and_only_that_code() -> None:
    assert not kept(4, "CL401")
    assert kept(4, "CL402")
    assert kept(1, "CL401")
    assert kept(8, "CL401")


def test_disable_enable_by_prefix() -> None:
    assert not kept(6, "CL301")
    assert not kept(6, "CL305")
    assert kept(8, "CL301")  # re-enabled
    assert not kept(8, "CL205")  # never re-enabled: still off
    assert kept(4, "CL205")


def test_bare_disable_silences_everything_to_the_end() -> None:
    assert not kept(10, "CL999")
    assert kept(8, "CL999")


def test_no_comment_no_work() -> None:
    assert parse_suppressions("texte sans commentaire") == []
