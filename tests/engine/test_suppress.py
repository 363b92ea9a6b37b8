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


# --------------------------------------------------------------------------- through the engine
# The same comments in real lessons checked by the real engine (Hunspell for CL401):
# each case first shows the finding is there without the comment, so that a rule that
# stopped finding anything could not make a suppression test pass.

LESSON = "---\ntitle: Leçon\nweight: 1\n---\n\n# Leçon\n\n"
TYPO = "Un mott inconu."


def _check(tmp_path, text: str, select: str = "CL401") -> list[tuple[int, int, str]]:
    from courselint import config as config_module
    from courselint.engine import Selection, run

    (tmp_path / "courselint.toml").write_text("", encoding="utf-8")
    lesson = tmp_path / "lecon.md"
    lesson.write_bytes(text.encode("utf-8"))  # bytes: the final newline is exactly as given
    config = config_module.load(tmp_path / "courselint.toml")
    result = run([lesson], config, Selection(select=(select,)), jobs=1, use_cache=False)
    return sorted((f.line, f.column, f.code) for f in result.findings)


def test_disable_to_the_end_covers_a_last_line_without_newline(tmp_path) -> None:
    last = LESSON.count("\n") + 3  # the comment, a blank line, then the typo
    unsuppressed = LESSON + "Texte.\n\n" + TYPO
    assert (last, 4, "CL401") in _check(tmp_path, unsuppressed)
    suppressed = LESSON + "<!-- courselint: disable=CL401 -->\n\n" + TYPO
    assert _check(tmp_path, suppressed) == []
    # With the final newline too (the common case).
    assert _check(tmp_path, suppressed + "\n") == []


def test_disable_next_line_on_the_last_line_without_newline(tmp_path) -> None:
    text = LESSON + "<!-- courselint: disable-next-line=CL401 -->\n" + TYPO
    assert _check(tmp_path, text) == []
    assert _check(tmp_path, text.replace("disable-next-line", "enable")) != []


def test_enable_line_is_the_last_silenced_and_the_next_is_reported(tmp_path) -> None:
    start = LESSON.count("\n") + 1
    text = (
        LESSON
        + "<!-- courselint: disable=CL4 -->\n"  # start
        + TYPO + "\n"  # start + 1: silenced
        + TYPO + " <!-- courselint: enable=CL4 -->\n"  # start + 2: silenced (inclusive)
        + TYPO + "\n"  # start + 3: reported
    )
    found = _check(tmp_path, text)
    assert {line for line, _, _ in found} == {start + 3}, found


def test_disable_by_rule_name(tmp_path) -> None:
    from courselint.rules import RULES

    name = RULES["CL401"].name
    text = LESSON + f"<!-- courselint: disable={name} -->\n" + TYPO + "\n"
    assert _check(tmp_path, text) == []
    assert _check(tmp_path, text.replace(name, "CL402")) != []
    # Another rule's name (one that sorts after this one) silences nothing here.
    assert _check(tmp_path, text.replace(name, "timeline.order")) != []


def test_parse_without_final_newline_reaches_the_last_line() -> None:
    [suppression] = parse_suppressions("a\n<!-- courselint: disable=CL401 -->\nb\nc")
    assert (suppression.codes, suppression.first_line, suppression.last_line) == (("CL401",), 2, 4)


def test_disable_next_line_as_the_very_last_line(tmp_path) -> None:
    """Nothing follows the comment (no final newline): nothing to silence, nothing breaks."""
    text = LESSON + TYPO + "\n<!-- courselint: disable-next-line=CL401 -->"
    assert [line for line, _, _ in _check(tmp_path, text)] == [LESSON.count("\n") + 1] * 2
