"""What the lesson model reads as prose, through its public readers (parse, lesson_units, engine.run).

The expected readings come from Hugo's rendering (see tests/hugo/): what Hugo shows
as code, a comment, a label or an anchor is never a word of a prose block.
"""

from __future__ import annotations

from pathlib import Path

from courselint.config import Config, defaults
from courselint.document import parse
from courselint.engine import Selection, run
from courselint.i18n.units import lesson_units

FRONT = "---\ntitle: Leçon\nweight: 1\n---\n\n"
HIGHLIGHT = (
    "Voici le Dockerfile :\n"
    '{{< highlight dockerfile "linenos=table" >}}\n'
    "FROM redis\n# deps compat\nRUN echo redis redis\n"
    "{{< /highlight >}}\n"
    "Et la suite.\n\n"
    "{{% highlight bash %}}\necho compat\n{{% /highlight %}}\n"
)


def _prose(text: str) -> str:
    blocks = parse("l.md", FRONT + text).blocks[1:]
    return " ".join(" ".join(b.prose.split()) for b in blocks if b.prose.strip())


def test_highlight_yields_no_spelling_nor_translation_unit(tmp_path: Path) -> None:
    lesson = parse("l.md", FRONT + HIGHLIGHT)
    assert _prose(HIGHLIGHT) == "Voici le Dockerfile : Et la suite."
    msgids = [unit.msgid for unit in lesson_units(lesson)]
    assert msgids == ["Leçon", "Voici le Dockerfile :", "Et la suite."]
    path = tmp_path / "lecon.md"
    path.write_text(FRONT + HIGHLIGHT, encoding="utf-8")
    config = Config(defaults(), tmp_path)
    result = run([path], config, Selection(select=("CL401",)), jobs=1, use_cache=False)
    assert [f.word for f in result.findings] == []  # "deps", "compat", "redis" are code


def test_expand_and_notice_labels_are_units() -> None:
    text = '{{% expand "Réponse" %}}\nLe texte.\n{{% /expand %}}\n\n{{% notice warning "Attention" %}}\nLa note.\n{{% /notice %}}\n'
    units = lesson_units(parse("l.md", FRONT + text))
    labels = [(u.msgid, u.comments) for u in units if u.kind == "shortcode_param"]
    assert labels == [("Réponse", ["shortcode expand: title"]), ("Attention", ["shortcode notice: title"])]


def test_a_comment_is_never_in_a_msgid() -> None:
    text = "Avant <!-- note pour l'équipe --> après.\n\n<!-- un bloc\nde commentaire -->\n"
    msgids = [u.msgid for u in lesson_units(parse("l.md", FRONT + text))]
    assert msgids == ["Leçon", "Avant", "après."]


def test_emoji_codes_footnote_labels_anchors_and_task_boxes_are_not_words() -> None:
    assert _prose("Bravo :smile: et :+1: fini.\n") == "Bravo et fini."
    assert _prose("Un mot[^renvoi] ici.\n\n[^renvoi]: La note.\n") == "Un mot ici. La note."
    assert _prose("## Installer {#installer-docker}\n") == "Installer"
    assert _prose("- [x] fait\n- [ ] à faire\n") == "fait à faire"
    # 12:30:45 is a time, not an emoji code.
    assert _prose("À 12:30:45 précises.\n") == "À 12:30:45 précises."


def test_bracketed_tags_without_a_reference_stay_prose() -> None:
    """`[P][R]` with no `[R]: url` is not a link: Hugo shows `R`."""
    assert _prose("[P][R] Les opérateurs.\n") == "P R Les opérateurs."
    assert _prose("[texte][R] ici.\n\n[R]: https://exemple.fr\n") == "texte ici."
