"""CL20x through the engine: full positions (start and end) and full messages.

The case files (``cases/timeline.md``) pin which findings a lesson gives and where they
start; these pin what the author reads: which entry or section the advice names, and the
range an editor underlines.  Every expected value is written by hand from the lesson
(lines counted from the ``---`` of the front matter, columns in characters, ends
exclusive).
"""

from __future__ import annotations

import pytest

HEAD = "---\ntitle: 1.01 Histoire\nweight: 1\n---\n\n"  # the lesson's first item is line 6


@pytest.fixture
def check(findings_of):
    return lambda body: findings_of(HEAD + body, "CL2")


def test_same_year_entries_are_matched_by_label_not_by_place(check) -> None:
    body = (
        "* 1979 : Chroot\n"  # 6
        "* 2008 : LXC\n"  # 7
        "* 2008 : cgroups\n"  # 8
        "\n## 1979 : Chroot\n"  # 10
        "\n## 2008 : cgroups\n"  # 12
        "\n## 2008 : LXC\n"  # 14
    )
    assert check(body) == [
        (14, 4, 14, 14, "CL204",
         "la frise place 2008 (ligne 7) avant 2008 (ligne 8) mais la section « ## 2008 : LXC »"
         " suit « ## 2008 : cgroups » : mettez la frise et les étapes dans le même ordre chronologique"),
    ]  # fmt: skip


def test_an_entry_goes_before_the_first_later_year_not_before_its_own_year(check) -> None:
    body = "* 2008 : LXC\n* 2013 : Docker\n* 2008 : cgroups\n"  # 6, 7, 8
    assert check(body) == [
        (8, 3, 8, 17, "CL201",
         "2008 devrait venir avant 2013 (ligne 7) : déplacez « 2008 : cgroups » juste avant « 2013 : Docker »"),
    ]  # fmt: skip


def test_a_step_goes_before_the_first_later_step(check) -> None:
    body = (
        "* 1970 : Unix\n* 1979 : Chroot\n* 2000 : BSD Jail\n"  # 6-8
        "\n## 1970 : Unix\n"  # 10
        "\n## 2000 : BSD Jail\n"  # 12
        "\n## 1979 : Chroot\n"  # 14
    )
    assert check(body) == [
        (14, 4, 14, 17, "CL204",
         "l'étape 1979 devrait venir avant l'étape 2000 (ligne 12) : déplacez la section"
         " « ## 1979 : Chroot » juste avant « ## 2000 : BSD Jail »"),
    ]  # fmt: skip


def test_label_mismatch_either_way_round(check) -> None:
    # "BSD Jails" sorts after "BSD Jail", "Containers" before "LXC": both are mismatches.
    body = (
        "* 2000 : BSD Jail\n* 2008 : LXC\n"  # 6, 7
        "\n## 2000 : BSD Jails\n"  # 9
        "\n## 2008 : Containers\n"  # 11
    )
    assert check(body) == [
        (9, 11, 9, 20, "CL205",
         "le titre « 2000 : BSD Jails » diffère de la frise (ligne 6 : « 2000 : BSD Jail ») :"
         " utilisez le même libellé aux deux endroits"),
        (11, 11, 11, 21, "CL205",
         "le titre « 2008 : Containers » diffère de la frise (ligne 7 : « 2008 : LXC ») :"
         " utilisez le même libellé aux deux endroits"),
    ]  # fmt: skip


def test_malformed_items_each_get_their_range_and_hint(check) -> None:
    body = (
        "* 1979 : Chroot\n"  # 6
        "* 2000 : BSD Jail\n"  # 7
        "*   \n"  # 8: an empty item (marker and three spaces)
        "* 2OO8 : LXC\n"  # 9
        "* 2013 Docker\n"  # 10
        "* 2013 : Docker\n"  # 11
        "* Docker en 2014\n"  # 12
        "* 2O15 : Swarm et\n"  # 13: the range stays on the item's first line
        "  Kubernetes\n"  # 14
        "* 2016 : rkt\n* 2017 : containerd\n* 2018 : Podman\n"
    )
    usual = "ne se lit pas `ANNÉE : libellé` comme les autres éléments de la frise"
    assert check(body) == [
        (8, 1, 8, 5, "CL206", "cet élément de la frise n'a pas de texte : écrivez `ANNÉE : libellé`"),
        (9, 3, 9, 13, "CL206", f"« 2OO8 : LXC » {usual} : l'année s'écrit en chiffres (2008 ?)"),
        (10, 3, 10, 14, "CL206", f"« 2013 Docker » {usual} : séparez l'année du libellé par « : »"),
        (12, 3, 12, 17, "CL206",
         f"« Docker en 2014 » {usual} : commencez par l'année en quatre chiffres, puis « : » et le libellé"),
        (13, 3, 13, 18, "CL206", f"« 2O15 : Swarm et » {usual} : l'année s'écrit en chiffres (2015 ?)"),
    ]  # fmt: skip


def test_bold_year_empty_marker_mirrored_years_and_mixed_step_levels(check) -> None:
    body = (
        "* 1979 : Chroot\n"  # 6
        "* **2000** : BSD Jail\n"  # 7: the year starts after "* **", column 5
        "*\n"  # 8: a bare marker: the range is that one character
        "* 2008 : cgroups\n"  # 9: same year, the smaller label first this time
        "* 2008 : LXC\n"  # 10
        "\n## 1979 : Chroot\n"  # 12: the first step's level is the one to suggest
        "\n## 2008 : LXC\n"  # 14
        "\n### 2008 : cgroups\n"  # 16
    )
    assert check(body) == [
        (7, 5, 7, 22, "CL202",
         "« 2000 : BSD Jail » n'a pas de section d'étape : ajoutez un titre « ## 2000 : BSD Jail »"
         " ou retirez l'élément de la frise"),
        (8, 1, 8, 2, "CL206", "cet élément de la frise n'a pas de texte : écrivez `ANNÉE : libellé`"),
        (16, 5, 16, 19, "CL204",
         "la frise place 2008 (ligne 9) avant 2008 (ligne 10) mais la section « ### 2008 : cgroups »"
         " suit « ## 2008 : LXC » : mettez la frise et les étapes dans le même ordre chronologique"),
    ]  # fmt: skip


def test_a_step_goes_before_the_first_later_step_even_after_its_own_year(check) -> None:
    body = (
        "* 2008 : LXC\n* 2008 : cgroups\n* 2013 : Docker\n"  # 6-8
        "\n## 2008 : LXC\n"  # 10: same year as the misplaced step, and before it
        "\n## 2013 : Docker\n"  # 12
        "\n## 2008 : cgroups\n"  # 14
    )
    assert check(body) == [
        (14, 4, 14, 18, "CL204",
         "l'étape 2008 devrait venir avant l'étape 2013 (ligne 12) : déplacez la section"
         " « ## 2008 : cgroups » juste avant « ## 2013 : Docker »"),
    ]  # fmt: skip


def test_a_step_whose_label_matches_no_entry_of_its_year_takes_the_first(check) -> None:
    body = "* 2008 : LXC\n* 2008 : cgroups\n\n## 2008 : Namespaces\n"  # 6, 7, 9
    assert check(body) == [
        (7, 3, 7, 17, "CL202",
         "« 2008 : cgroups » n'a pas de section d'étape : ajoutez un titre « ## 2008 : cgroups »"
         " ou retirez l'élément de la frise"),
        (9, 11, 9, 21, "CL205",
         "le titre « 2008 : Namespaces » diffère de la frise (ligne 6 : « 2008 : LXC ») :"
         " utilisez le même libellé aux deux endroits"),
    ]  # fmt: skip


def test_a_misspelt_year_only_stands_for_a_step_of_that_year(check) -> None:
    """« 2OO8 » means 2008: it excuses no step of 2000 nor of 2013 (CL203 for both)."""
    body = (
        "* 1979 : Chroot\n* 2OO8 : LXC\n* 2016 : rkt\n"  # 6-8
        "\n## 1979 : Chroot\n\n## 2000 : BSD Jail\n\n## 2013 : Docker\n\n## 2016 : rkt\n"  # 10-16
    )
    missing = "n'est pas dans la frise (lignes 6 à 8) : ajoutez"
    assert check(body) == [
        (7, 3, 7, 13, "CL206",
         "« 2OO8 : LXC » ne se lit pas `ANNÉE : libellé` comme les autres éléments de la frise :"
         " l'année s'écrit en chiffres (2008 ?)"),
        (12, 4, 12, 19, "CL203", f"l'étape « 2000 : BSD Jail » {missing} « 2000 : BSD Jail » à la frise ou corrigez l'année"),
        (14, 4, 14, 17, "CL203", f"l'étape « 2013 : Docker » {missing} « 2013 : Docker » à la frise ou corrigez l'année"),
    ]  # fmt: skip
