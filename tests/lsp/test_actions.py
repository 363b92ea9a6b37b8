"""The edits offered besides the findings' fixes, applied and read back with PyYAML / tomllib."""

from __future__ import annotations

import tomllib

import pytest
import yaml

from courselint.fixes import apply_edits
from courselint.lsp.actions import add_lesson_word, disable_next_line
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
