"""``build`` and ``stats``: thresholds, refusals that name the entry, layouts, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from courselint.cli import main
from courselint.i18n import catalog as catalogs
from courselint.i18n.extract import extract
from courselint.i18n.render import build
from courselint.i18n.stats import stats

from .conftest import make_config

LESSON = """\
---
title: Une leçon
weight: 1
---

# Premier titre

* [E] Un élément étiqueté

La commande `ls` liste les fichiers ; voir [la doc](https://example.fr/ls).

Dernière phrase.
"""


def _setup(tmp_path: Path, translations: dict[str, str]):
    lesson = tmp_path / "content" / "chap" / "lecon.md"
    lesson.parent.mkdir(parents=True)
    lesson.write_text(LESSON, encoding="utf-8")
    config = make_config(tmp_path)
    extract([lesson], config, ["en"])
    po_file = tmp_path / "locales" / "en" / "chap" / "lecon.po"
    po = catalogs.read_catalog(po_file)
    for message in po.catalog:
        if message.id in translations:
            message.string = translations[message.id]
            if "example.com" in message.string:  # a localised link: published only when said so
                message.user_comments = ["courselint: ignore=CL602"]
    po_file.write_text(catalogs.render_po(po.catalog, po.header, po.width), encoding="utf-8")
    return lesson, config, po_file


GOOD = {
    "Une leçon": "A lesson",
    "Premier titre": "First heading",
    "Un élément étiqueté": "A tagged item",
    "La commande `ls` liste les fichiers ; voir [la doc](https://example.fr/ls).": (
        "The `ls` command lists files; see [the docs](https://example.com/ls)."
    ),
    "Dernière phrase.": "Last sentence.",
}


def _line_of(po_file: Path, msgid: str) -> int:
    for message in catalogs.read_catalog(po_file).catalog:
        if message.id == msgid:
            return message.lineno
    raise AssertionError(msgid)


def test_build_writes_the_translated_lesson(tmp_path, fixed_date) -> None:
    lesson, config, _ = _setup(tmp_path, GOOD)
    written, findings = build([lesson], config, ["en"], None)
    target = lesson.with_name("lecon.en.md")
    assert (written, findings) == ([target], [])
    assert target.read_text(encoding="utf-8") == (
        "---\ntitle: A lesson\nweight: 1\n---\n\n# First heading\n\n* [E] A tagged item\n\n"
        "The `ls` command lists files; see [the docs](https://example.com/ls).\n\nLast sentence.\n"
    )
    assert build([lesson], config, ["en"], None) == ([], [])  # nothing changed, nothing written


def test_fuzzy_and_untranslated_fall_back_to_french(tmp_path, fixed_date) -> None:
    partial = {k: v for k, v in GOOD.items() if k != "Dernière phrase."}
    lesson, config, po_file = _setup(tmp_path, partial)
    text = po_file.read_text(encoding="utf-8").replace(
        '#: content/chap/lecon.md:6\nmsgid "Premier titre"', '#: content/chap/lecon.md:6\n#, fuzzy\nmsgid "Premier titre"'
    )
    po_file.write_text(text, encoding="utf-8")
    config.values["i18n"]["fuzzy"] = "source"
    written, findings = build([lesson], config, ["en"], 50)
    assert [f.code for f in findings] == ["CL614"]  # the fuzzy entry left in French is reported
    out = written[0].read_text(encoding="utf-8")
    assert "# Premier titre\n" in out and "Dernière phrase.\n" in out and "A tagged item" in out


def test_below_min_translated_is_not_built(tmp_path, fixed_date) -> None:
    lesson, config, po_file = _setup(tmp_path, {"Une leçon": "A lesson"})
    written, findings = build([lesson], config, ["en"], None)
    assert written == []
    assert [(f.code, f.path) for f in findings] == [("CL611", str(po_file))]
    assert "20 %" in findings[0].message and "80 %" in findings[0].message
    assert not lesson.with_name("lecon.en.md").exists()
    written, findings = build([lesson], config, ["en"], 10)
    assert findings == [] and written


def test_structure_breaking_entry_is_named_and_nothing_written(tmp_path, fixed_date) -> None:
    broken = dict(GOOD, **{"Dernière phrase.": "Last sentence.\n\n# A heading the source does not have"})
    lesson, config, po_file = _setup(tmp_path, broken)
    written, findings = build([lesson], config, ["en"], None)
    assert written == []
    assert [(f.code, f.line) for f in findings] == [("CL612", _line_of(po_file, "Dernière phrase."))]
    assert "Dernière phrase." in findings[0].message
    assert not lesson.with_name("lecon.en.md").exists()


def test_changed_inline_code_refuses_the_lesson(tmp_path, fixed_date) -> None:
    msgid = "La commande `ls` liste les fichiers ; voir [la doc](https://example.fr/ls)."
    lesson, config, po_file = _setup(tmp_path, dict(GOOD, **{msgid: "The `dir` command lists files."}))
    written, findings = build([lesson], config, ["en"], None)
    assert written == []
    assert [(f.code, f.line) for f in findings] == [("CL612", _line_of(po_file, msgid))]
    assert "code en ligne" in findings[0].message


def test_tag_injected_by_a_translation_is_refused(tmp_path, fixed_date) -> None:
    lesson, config, po_file = _setup(tmp_path, dict(GOOD, **{"Un élément étiqueté": "[P] A tagged item"}))
    written, findings = build([lesson], config, ["en"], None)
    assert written == [] and [f.code for f in findings] == ["CL612"]
    # Refused at the entry: its brackets are markup the source does not have (the CL604 check).
    assert "Un élément étiqueté" in findings[0].message and "balisage" in findings[0].message


def test_directory_layout(tmp_path, fixed_date) -> None:
    lesson, config, _ = _setup(tmp_path, GOOD)
    config.values["i18n"]["layout"] = "directory"
    written, findings = build([lesson], config, ["en"], None)
    assert findings == []
    assert written == [tmp_path / "content.en" / "chap" / "lecon.md"]
    config.values["i18n"]["content_dirs"] = {"en": "site/en"}
    written, _ = build([lesson], config, ["en"], None)
    assert written == [tmp_path / "site" / "en" / "chap" / "lecon.md"]


def test_stats_counts(tmp_path, fixed_date) -> None:
    lesson, config, po_file = _setup(tmp_path, {"Une leçon": "A lesson", "Premier titre": "First"})
    text = po_file.read_text(encoding="utf-8").replace(
        '#: content/chap/lecon.md:6\nmsgid "Premier titre"', '#: content/chap/lecon.md:6\n#, fuzzy\nmsgid "Premier titre"'
    )
    po_file.write_text(text, encoding="utf-8")
    rows, findings = stats([lesson], config, ["en", "de"])
    assert findings == []
    counts = [{k: row[k] for k in ("locale", "lesson", "translated", "fuzzy", "untranslated", "percent")} for row in rows]
    assert counts == [
        {"locale": "en", "lesson": "content/chap/lecon.md", "translated": 1, "fuzzy": 1, "untranslated": 3, "percent": 20.0},
        {"locale": "de", "lesson": "content/chap/lecon.md", "translated": 0, "fuzzy": 0, "untranslated": 5, "percent": 0.0},
    ]


def test_cli_extract_build_stats(tmp_path, monkeypatch, capsys) -> None:
    lesson = tmp_path / "content" / "chap" / "lecon.md"
    lesson.parent.mkdir(parents=True)
    lesson.write_text(LESSON, encoding="utf-8")
    (tmp_path / "courselint.toml").write_text('paths = ["content"]\nlocales = ["en"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert main(["extract"]) == 0
    assert main(["extract", "--fail-on-change"]) == 0  # second run: nothing to stage
    assert main(["build", "--min-translated", "0"]) == 0
    assert Path("content/chap/lecon.en.md").read_bytes() == lesson.read_bytes()
    capsys.readouterr()
    assert main(["stats", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["lessons"]
    assert rows[0]["untranslated"] == 5 and rows[0]["lesson"] == "content/chap/lecon.md"
