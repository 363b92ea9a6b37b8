"""Reader-visible shortcode parameters (an ``expand`` label, a ``figure`` caption) are prose.

Real CLI subprocess, real Hunspell.  The slips (« solutoin », « captur », « Attentoin ») and
where they are written are known from the lesson below, counted by hand:
nothing else of the shortcodes (names, file names, keywords) is read.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.courselint_run import run_courselint

LESSON = """\
---
title: Leçon
weight: 1
---

Un paragraphe correct.

{{% expand "La solutoin de l'exercice" %}}
Le texte caché est juste.
{{% /expand %}}

{{< figure src="imgs/zorglubx.png" caption="Une captur du terminal" class="qwertzy" >}}

{{< notice warning "Attentoin" >}}
Rien à signaler.
{{< /notice >}}

Dans le code : `{{< figure caption="fautte" >}}` ne se lit pas.
"""


def _findings(root: Path, select: str) -> list[dict]:
    result = run_courselint(
        "check", "--no-cache", "--format", "json", "--select", select, "content", cwd=root, COURSELINT_NO_PRELOAD="1"
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_labels_and_captions_are_spell_checked_where_they_are_written(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "lecon.md").write_text(LESSON, encoding="utf-8")
    (tmp_path / "courselint.toml").write_text("[spelling]\nsuggestions = false\n", encoding="utf-8")
    found = {(f["word"], f["line"], f["column"], f["end_column"]) for f in _findings(tmp_path, "CL401")}
    assert found == {
        ("solutoin", 8, 16, 24),
        ("captur", 12, 49, 55),
        ("Attentoin", 14, 21, 30),
    }


def test_a_label_is_given_to_grammalecte_at_its_place(tmp_path: Path) -> None:
    """Real Grammalecte (Debian's python3-grammalecte): « les solution » is an agreement slip."""
    (tmp_path / "content").mkdir()
    lesson = '---\ntitle: Leçon\nweight: 1\n---\n\n{{% expand "Voici les solution du jour" %}}\nLe texte est juste.\n{{% /expand %}}\n'
    (tmp_path / "content" / "lecon.md").write_text(lesson, encoding="utf-8")
    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    found = [(f["word"], f["line"], f["column"]) for f in _findings(tmp_path, "CL501")]
    column = lesson.split("\n")[5].index("solution") + 1
    assert found == [("solution", 6, column)]
