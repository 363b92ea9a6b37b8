"""The edits offered besides the findings' fixes, applied and read back with PyYAML / tomllib."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from courselint.fixes import apply_edits
from courselint.lsp.actions import add_lesson_word, disable_next_line, ignore_in_catalog
from courselint.suppress import parse_suppressions


def front(text: str):
    body = text.split("---")[1] if text.startswith("---") else text.split("+++")[1]
    return yaml.safe_load(body) if text.startswith("---") else tomllib.loads(body)


@pytest.mark.parametrize(
    "lesson, words",
    [
        ("---\ntitle: T\n---\n\nTexte.\n", ["Kubespray"]),
        ("---\ntitle: T\nspelling_words: [Mirantis]\n---\n\nTexte.\n", ["Mirantis", "Kubespray"]),
        ("---\ntitle: T\nspelling_words: []\n---\n\nTexte.\n", ["Kubespray"]),
        ("---\ntitle: T\nspelling_words:\n  - Mirantis\nweight: 1\n---\n\nTexte.\n", ["Kubespray", "Mirantis"]),
        ("---\r\ntitle: T\r\n---\r\n\r\nTexte.\r\n", ["Kubespray"]),
        ("Texte sans front matter.\n", ["Kubespray"]),
    ],
)
def test_the_word_joins_the_lessons_spelling_words(lesson: str, words: list[str]) -> None:
    edit = add_lesson_word(lesson, "Kubespray")
    changed = apply_edits(lesson, [edit])
    assert front(changed.replace("\r\n", "\n"))["spelling_words"] == words
    assert changed.endswith(lesson.split("---")[-1])  # the text after the front matter is kept


def test_a_string_of_words_and_toml() -> None:
    lesson = '---\nspelling_words: "Mirantis Hütterman"\n---\nx\n'
    assert front(apply_edits(lesson, [add_lesson_word(lesson, "Kubespray")]))["spelling_words"] == (
        "Mirantis Hütterman Kubespray"
    )
    toml = '+++\ntitle = "T"\n+++\nx\n'
    assert front(apply_edits(toml, [add_lesson_word(toml, "Kubespray")]))["spelling_words"] == ["Kubespray"]


def test_an_unreadable_front_matter_is_left_alone() -> None:
    assert add_lesson_word("---\ntitle: [\n---\nx\n", "Kubespray") is None


def test_disable_next_line_silences_that_line_in_a_quote() -> None:
    lesson = "---\ntitle: T\n---\n\n> Un système les identiie.\n"
    edit = disable_next_line(lesson, 5, "CL401")
    changed = apply_edits(lesson, [edit])
    assert changed.split("\n")[4] == "> <!-- courselint: disable-next-line=CL401 -->"
    [suppression] = parse_suppressions(changed)
    assert (suppression.codes, suppression.first_line) == (("CL401",), 6)
    assert disable_next_line(lesson, 2, "CL102") is None  # inside the front matter


PO = (
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    "#. titre\n#: lecon.md:3\n"
    'msgid "La commande `chroot` en 1979."\nmsgstr "The `chroot` command in 1997."\n'
)


def test_a_translator_comment_silences_the_entry_and_msgfmt_accepts_it(tmp_path: Path) -> None:
    path = tmp_path / "en" / "lecon.po"
    path.parent.mkdir()
    path.write_text(PO, encoding="utf-8")
    before = _codes(path)
    assert "CL603" in before  # 1979 became 1997
    edit = ignore_in_catalog(PO, 9, "CL603")
    changed = apply_edits(PO, [edit])
    assert changed.split("\n")[6] == "# courselint: ignore=CL603"  # above the entry's other comments
    path.write_text(changed, encoding="utf-8")
    assert _codes(path) == [c for c in before if c != "CL603"]
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)
    assert ignore_in_catalog(PO, 9, "CL606") is None  # a safety check cannot be silenced


def _codes(path: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "courselint", "check", "--no-cache", "--format", "json", str(path)],
        capture_output=True, text=True, cwd=path.parent, timeout=120,
    )
    return sorted(f["code"] for f in json.loads(result.stdout))
