"""CL6xx: one test per check, at the ``.po`` line of the entry, and the translator's ignore comment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from courselint.cli import main
from courselint.codes import CODES
from courselint.rules import RULES
from courselint.rules.base import Context
from courselint.i18n.checks import canonical_number
from courselint.rules.translation import english_checker

from .conftest import make_config

HEADER = """\
msgid ""
msgstr ""
"Language: {lang}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural}\\n"
"""


def _po(tmp_path: Path, entries: str, lang: str = "en", plural: str = "nplurals=2; plural=(n != 1);") -> Path:
    path = tmp_path / "locales" / lang / "lecon.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(lang=lang, plural=plural) + "\n" + entries, encoding="utf-8")
    return path


def _run(code: str, path: Path) -> list[tuple[int, str]]:
    ctx = Context(make_config(path.parent))
    return [(f.line, f.code) for f in RULES[code].check(path, ctx)]


def _entry(msgid: str, msgstr: str, comment: str = "") -> str:
    return f"{comment}msgid {json.dumps(msgid, ensure_ascii=False)}\nmsgstr {json.dumps(msgstr, ensure_ascii=False)}\n\n"


def _case(tmp_path, code, good_pairs, bad_pairs, **kwargs) -> None:
    entries = "".join(_entry(i, s) for i, s in good_pairs + bad_pairs)
    path = _po(tmp_path, entries, **kwargs)
    first_bad = 9 + 3 * len(good_pairs)
    expected = [(first_bad + 3 * k, code) for k in range(len(bad_pairs))]
    assert _run(code, path) == expected


def test_cl601_inline_code(tmp_path) -> None:
    _case(
        tmp_path,
        "CL601",
        [("La commande `ls -l` liste.", "The `ls -l` command lists.")],
        [("La commande `ls -l` liste.x", "The `ls -la` command lists."), ("Voir `a` et `b`.", "See `a`.")],
    )


def test_cl602_link_target_is_a_warning(tmp_path) -> None:
    _case(
        tmp_path,
        "CL602",
        [("Voir [la doc](https://a.fr/x).", "See [the docs](https://a.fr/x).")],
        [("Voir [la doc](https://a.fr/y).", "See [the docs](https://a.com/y).")],
    )
    assert RULES["CL602"].severity.value == "warning"


def test_cl603_numbers_after_locale_normalisation(tmp_path) -> None:
    assert canonical_number("2,5", "fr") == canonical_number("2.5", "en") == "2.5"
    assert canonical_number("1 000", "fr") == canonical_number("1,000", "en") == "1000"
    assert canonical_number("1\u202f000,25", "fr") == canonical_number("1,000.25", "en") == "1000.25"
    _case(
        tmp_path,
        "CL603",
        [
            ("Dès 2015, 1 000 conteneurs à 2,5 %.", "From 2015, 1,000 containers at 2.5%."),
            ("Le n°1251 et `port 80`.", "No. 1251 and `port 80`."),
        ],
        [("En 2013 : Docker.", "In 2014: Docker."), ("Trois : 3.", "Three.")],
    )


def test_cl604_markup_balance(tmp_path) -> None:
    _case(
        tmp_path,
        "CL604",
        [("Un mot **important**.", "An **important** word."), ("Un nom_de_variable.", "A nom_de_variable.")],
        [("Un mot **important**.x", "An **important word."), ("Un [lien](u).", "A [link(u).")],
    )


def test_cl605_raw_html_or_script(tmp_path) -> None:
    _case(
        tmp_path,
        "CL605",
        [("Tapez <kbd>Ctrl</kbd>.", "Press <kbd>Ctrl</kbd>.")],
        [("Texte.", "Text<script>alert(1)</script>."), ("Un [lien](https://a.fr).", "A [link](javascript:alert(1)).")],
    )


def test_cl606_bidi_and_invisible_characters(tmp_path) -> None:
    _case(
        tmp_path,
        "CL606",
        [("Texte.", "Text.")],
        [("Texte un.", "Text\u202e one."), ("Texte deux.", "Text\u200b two.")],
    )


def test_cl607_shortcodes(tmp_path) -> None:
    _case(
        tmp_path,
        "CL607",
        [('Voir {{< ref "a.md" >}}.', 'See {{< ref "a.md" >}}.')],
        [('Voir {{< ref "a.md" >}}.x', 'See {{< ref "b.md" >}}.'), ('Avant {{% notice %}} après.', "Before after.")],
    )


def test_cl608_english_spelling(tmp_path) -> None:
    if english_checker() is None:
        pytest.skip("dictionnaire en_US absent (hunspell-en-us)") if not _in_ci() else pytest.fail("hunspell-en-us requis en CI")
    _case(
        tmp_path,
        "CL608",
        [("Les conteneurs de Heroku.", "Heroku's containers are lightweight."), ("Le chroot.", "The chroot command.")],
        [("Les conteneurs.", "The contaners.")],
    )
    french = _po(tmp_path, _entry("Les conteneurs.", "Les contaners."), lang="de", plural="nplurals=2; plural=(n != 1);")
    assert _run("CL608", french) == []


def _in_ci() -> bool:
    import os

    return bool(os.environ.get("CI"))


def test_cl609_unparsable_catalog(tmp_path) -> None:
    path = _po(tmp_path, 'msgid "ouvert\nmsgstr "x"\n')
    assert _run("CL609", path) == [(9, "CL609")]
    duplicate = _po(tmp_path, _entry("a", "b") + _entry("a", "c"))
    assert _run("CL609", duplicate) == [(12, "CL609")]
    for code in ("CL601", "CL610"):
        assert _run(code, path) == []  # nothing else is said about a file that cannot be read


def test_cl610_plural_forms(tmp_path) -> None:
    assert _run("CL610", _po(tmp_path, _entry("a", "b"))) == []
    assert _run("CL610", _po(tmp_path, _entry("a", "b"), lang="fr", plural="nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;")) == [(7, "CL610")]
    assert _run("CL610", _po(tmp_path, _entry("a", "b"), lang="fr", plural="nplurals=2; plural=(n > 1);")) == []
    missing = tmp_path / "locales" / "en" / "sans.po"
    missing.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    assert _run("CL610", missing) == [(1, "CL610")]


def test_translator_comment_silences_one_check_on_one_entry(tmp_path) -> None:
    entries = (
        _entry("Voir [doc](https://a.fr).", "See [docs](https://a.com).", "# courselint: ignore=CL602\n")
        + _entry("Voir [doc](https://b.fr).", "See [docs](https://b.com).")
        + _entry("En 2013.", "In 2014.", "# courselint: ignore=CL602\n")
    )
    path = _po(tmp_path, entries)
    assert _run("CL602", path) == [(13, "CL602")]
    assert _run("CL603", path) == [(17, "CL603")]


def test_fuzzy_and_untranslated_entries_are_not_checked(tmp_path) -> None:
    path = _po(tmp_path, "#, fuzzy\n" + _entry("`a`", "`b`") + _entry("`c`", ""))
    assert _run("CL601", path) == []


def test_check_command_reports_catalog_findings(tmp_path, monkeypatch, capsys) -> None:
    path = _po(tmp_path, _entry("La commande `ls`.", "The `dir` command."))
    monkeypatch.chdir(tmp_path)
    # A catalog with no lesson is an orphan (CL615): this test is about the entry checks.
    args = ["check", "--no-cache", "--format", "json", "--select", "CL6", "--ignore", "CL615"]
    assert main([*args, str(path.relative_to(tmp_path))]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["line"], f["severity"]) for f in findings] == [("CL601", 9, "error")]


def test_every_cl6_code_is_documented() -> None:
    codes = sorted(code for code in CODES if code.startswith("CL6"))
    assert codes == [f"CL6{n:02d}" for n in range(1, 16)]
    for code in codes:
        assert CODES[code].summary, code
