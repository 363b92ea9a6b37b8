"""CL210 through the engine: the range of the dashes and the line the message names."""

from __future__ import annotations

from pathlib import Path

from courselint import config as config_module
from courselint.engine import Selection, run


def test_separator_under_a_paragraph_range_and_message(tmp_path: Path) -> None:
    (tmp_path / "courselint.toml").write_text("", encoding="utf-8")
    lesson = tmp_path / "lecon.md"
    lesson.write_text(
        "---\ntitle: Diapositives\nweight: 1\n---\n\n"
        "Titre voulu\n-----\n\n"  # 6-7: a longer underline is a deliberate heading; the check goes on
        "Une première diapositive.\n"  # 9
        "---   \n"  # 10: trailing blanks are not part of the range
        "\nUne deuxième,\n"  # 12
        "sur deux lignes.\n"  # 13
        "  ---\n"  # 14: indented
        "\nFin.\n",
        encoding="utf-8",
    )
    config = config_module.load(tmp_path / "courselint.toml")
    result = run([lesson], config, Selection(select=("CL210",)), jobs=1, use_cache=False)
    advice = "qui devient un titre au lieu d'ouvrir une nouvelle diapositive : ajoutez une ligne vide avant `---`"
    assert [(f.line, f.column, f.end_line, f.end_column, f.message) for f in result.findings] == [
        (10, 1, 10, 4, f"ce `---` est collé au paragraphe de la ligne 9, {advice}"),
        (14, 3, 14, 6, f"ce `---` est collé au paragraphe de la ligne 13, {advice}"),
    ]
