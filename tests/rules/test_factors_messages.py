"""CL30x through the engine: full positions (start and end) and full messages.

Like ``test_timeline_messages.py``: what the author reads and what an editor underlines,
every value written by hand from the lesson (lines from the front matter's ``---``,
columns in characters, ends exclusive).
"""

from __future__ import annotations

import pytest

HEAD = "---\ntitle: 1.01 Histoire\nweight: 1\n---\n\n"  # the body starts on line 6
LEGEND = "# Les facteurs\n\n* [E] Des évolutions techniques...\n* [P] la persistance...\n"  # 6-9


@pytest.fixture
def check(findings_of):
    return lambda body: findings_of(HEAD + body, "CL3")


def test_order_malformed_and_untagged_steps_after_a_step_in_order(check) -> None:
    body = (
        LEGEND + "* [R] le réseau.\n"  # 10
        "\n## 1979 : Chroot\n"  # 12
        "\n* [E][P] dans l'ordre\n"  # 14: in order, and before the one that is not
        "\n## 2000 : BSD Jail\n"  # 16
        "\n* [R][E] [P] dans le désordre\n"  # 18: three tags, one after a space
        "* [E,X] mal formée\n"  # 19
        "\n## 2008 : LXC\n"  # 21
        "\nSans étiquette.\n"
    )
    assert check(body) == [
        (18, 3, 18, 13, "CL305", "étiquettes dans le désordre [R][E] [P] : écrivez [E][P][R] (ordre de la légende)"),
        (19, 3, 19, 8, "CL302",
         "étiquette mal formée [E,X] : écrivez [E][X] (une lettre par paire de crochets) ;"
         " [X] n'est pas dans la légende ([E], [P], [R])"),
        (21, 4, 21, 14, "CL303",
         "l'étape « 2008 : LXC » n'a aucune étiquette de facteur : commencez un élément de liste"
         " de la section par une étiquette de la légende ([E], [P], [R])"),
    ]  # fmt: skip


def test_tags_without_a_legend(check) -> None:
    body = "## 1979 : Chroot\n\n* [E][P] sans légende\n\n## 2000 : BSD Jail\n\nSans étiquette.\n"  # 6, 8, 10
    assert check(body) == [
        (8, 3, 8, 9, "CL304",
         "la leçon utilise des étiquettes de facteur sans légende : avant la première étape, ajoutez une"
         " liste qui déclare chaque étiquette (`* [E] libellé`), ou configurez `legend` dans"
         " [tool.courselint.factors]"),
        (10, 4, 10, 19, "CL303",
         "l'étape « 2000 : BSD Jail » n'a aucune étiquette de facteur : commencez un élément de liste"
         " de la section par une étiquette de la légende"),
    ]  # fmt: skip


def test_a_legend_and_no_tag_at_all(check) -> None:
    body = LEGEND + "\n## 1979 : Chroot\n\nSans étiquette.\n\n## 2000 : BSD Jail\n\nNon plus.\n"  # 11, 15
    advice = "commencez un élément de liste de la section par une étiquette de la légende ([E], [P])"
    assert check(body) == [
        (11, 4, 11, 17, "CL303", f"l'étape « 1979 : Chroot » n'a aucune étiquette de facteur : {advice}"),
        (15, 4, 15, 19, "CL303", f"l'étape « 2000 : BSD Jail » n'a aucune étiquette de facteur : {advice}"),
    ]


def test_a_malformed_tag_is_not_also_out_of_order(check) -> None:
    """« [P][e] »: [e] is malformed (CL302); the order of a malformed run is not judged."""
    body = LEGEND + "\n## 1979 : Chroot\n\n* [P][e] dans le désordre et mal formée\n"  # 11, 13
    assert check(body) == [(13, 6, 13, 9, "CL302", "étiquette mal formée [e] : écrivez [E] (en majuscule)")]
