"""CL210 through the engine: the range of the dashes and the line the message names."""

from __future__ import annotations


def test_separator_under_a_paragraph_range_and_message(findings_of) -> None:
    found = findings_of(
        "---\ntitle: Diapositives\nweight: 1\n---\n\n"
        "Titre voulu\n-----\n\n"  # 6-7: a longer underline is a deliberate heading; the check goes on
        "Une première diapositive.\n"  # 9
        "---   \n"  # 10: trailing blanks are not part of the range
        "\nUne deuxième,\n"  # 12
        "sur deux lignes.\n"  # 13
        "  ---\n"  # 14: indented
        "\nFin.\n",
        "CL210",
    )
    advice = "qui devient un titre au lieu d'ouvrir une nouvelle diapositive : ajoutez une ligne vide avant `---`"
    assert [finding[:4] + finding[5:] for finding in found] == [  # all but the code
        (10, 1, 10, 4, f"ce `---` est collé au paragraphe de la ligne 9, {advice}"),
        (14, 3, 14, 6, f"ce `---` est collé au paragraphe de la ligne 13, {advice}"),
    ]
