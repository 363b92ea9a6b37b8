"""Hostile translations never reach ``lesson.en.md``, whatever a translator comment says.

A course is extracted with the real command, a translator (this test) fills the
``.po`` with payloads, and ``courselint build`` runs in a subprocess.  The
payloads are the attacks a published page would carry: script URLs written
every way a browser still reads them, invisible and bidirectional characters,
a goldmark attribute block, a changed link target.  Expected: the page is
built, the hostile entry's French source stands in its place, a finding names
the entry's ``.po`` line, and ``check`` on the catalog reports the same code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from robust_run import run

FRONT = "---\ntitle: Leçon\nweight: 1\n---\n"

# kind -> (source as written in the lesson, its msgid); {n} numbers the case.
KINDS = {
    "link": ("Voir [la documentation](https://exemple.fr/doc{n}) pour la suite {n}.",) * 2,
    "sentence": ("Une phrase tranquille {n}.",) * 2,
    "heading": ("## Un titre {n}", "Un titre {n}"),
}

CASES = {
    "javascript-link": ("link", "See [the docs](javascript:alert({n})) next {n}.", "CL605"),
    "entity-encoded": ("link", "See [the docs](jav&#x61;script&colon;alert({n})) next {n}.", "CL605"),
    "case-varied": ("link", "See [the docs](JaVaScRiPt:alert({n})) next {n}.", "CL605"),
    "tab-inside": ("link", "See [the docs](java\tscript:alert({n})) next {n}.", "CL605"),
    "vbscript": ("link", "See [the docs](vbscript:msgbox({n})) next {n}.", "CL605"),
    "data-image": ("sentence", "A ![calm](data:text/html;base64,PHNjcmlwdD4=) sentence {n}.", "CL605"),
    "autolink": ("sentence", "A calm sentence {n} <javascript:alert(1)>.", "CL605"),
    "attribute-block": ("heading", 'A heading {n} {{style="position:fixed;top:0" onclick="alert(1)"}}', "CL605"),
    "bidi-override": ("sentence", "A calm \u202esentence {n}.", "CL606"),
    "isolate": ("sentence", "A calm \u2067sentence {n}.", "CL606"),
    "zero-width-space": ("sentence", "A calm sen\u200btence {n}.", "CL606"),
    "tag-characters": ("sentence", "A calm sentence {n}.\U000e0041\U000e0042", "CL606"),
    "hangul-filler": ("sentence", "A calm\u3164sentence {n}.", "CL606"),
    "line-separator": ("sentence", "A calm\u2028sentence {n}.", "CL606"),
    "zwj-in-latin": ("sentence", "A calm sen\u200dtence {n}.", "CL606"),
    "nul": ("sentence", "A calm\x00sentence {n}.", "CL606"),
    "changed-link": ("link", "See [the docs](https://evil.example/doc{n}) next {n}.", "CL602"),
}
ORDER = sorted(CASES)
FIRST = 10  # case numbers start here: no digit of one is inside another's


def _source(number: int, case: str) -> tuple[str, str, str]:
    kind, payload, _code = CASES[case]
    written, msgid = (part.format(n=number) for part in KINDS[kind])
    return written, msgid, payload.format(n=number)


def _po_string(text: str) -> str:
    # A PO string: C escapes; JSON's \u escapes are not PO, so keep those characters raw.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") + '"'


def _course(root: Path) -> Path:
    (root / "courselint.toml").write_text('locales = ["en"]\n[i18n]\nmin_translated = 0\n', encoding="utf-8")
    lesson = root / "content" / "chap" / "lecon.md"
    lesson.parent.mkdir(parents=True)
    body = "\n\n".join(_source(FIRST + i, case)[0] for i, case in enumerate(ORDER))
    lesson.write_text(FRONT + "\n" + body + "\n", encoding="utf-8")
    result = run("extract", cwd=root)
    assert result.status == 0, result.stderr
    return root / "locales" / "en" / "chap" / "lecon.po"


def _translate(po: Path, msgid: str, msgstr: str, comment: str = "") -> int:
    """Put ``msgstr`` under ``msgid``; returns the line of the entry's ``msgid``."""
    text = po.read_text(encoding="utf-8")
    needle = f"msgid {_po_string(msgid)}\nmsgstr \"\"\n"
    assert needle in text, (needle, text)
    text = text.replace(needle, f"{comment}msgid {_po_string(msgid)}\nmsgstr {_po_string(msgstr)}\n")
    po.write_text(text, encoding="utf-8")
    return text[: text.index(f"msgid {_po_string(msgid)}\n")].count("\n") + 1


@pytest.mark.parametrize("comment", ["", "# courselint: ignore=CL605,CL606\n"], ids=["plain", "ignore-comment"])
def test_hostile_entries_are_never_published(tmp_path: Path, comment: str) -> None:
    po = _course(tmp_path)
    lines = {}
    for i, case in enumerate(ORDER):
        _written, msgid, payload = _source(FIRST + i, case)
        lines[case] = _translate(po, msgid, payload, comment)
    result = run("build", cwd=tmp_path)
    built = (tmp_path / "content" / "chap" / "lecon.en.md").read_text(encoding="utf-8")
    check = run("check", "--no-cache", "--format", "json", "locales", cwd=tmp_path)
    checked = {(f["code"], f["line"]) for f in json.loads(check.stdout)}
    for i, case in enumerate(ORDER):
        written, _msgid, payload = _source(FIRST + i, case)
        code = CASES[case][2]
        assert payload not in built, case
        assert written in built, case  # the source stands in the entry's place
        # `path:line:col: [severity] CODE …`: the text format may name the severity first.
        assert re.search(rf"lecon\.po:{lines[case]}:1: (?:\w+ )?{code} ", result.stdout), (case, result.stdout)
        assert (code, lines[case]) in checked, case
    for needle in ("javascript", "vbscript", "data:", "style=", "evil.example"):
        assert needle not in built.lower()
    assert not re.search("[\x00\u200b-\u200f\u202a-\u202e\u2028\u2066-\u2069\u3164\U000e0000-\U000e007f]", built)


def test_a_changed_link_is_published_when_the_translator_says_so(tmp_path: Path) -> None:
    po = _course(tmp_path)
    number = FIRST + ORDER.index("changed-link")
    _written, msgid, _payload = _source(number, "changed-link")
    wanted = f"See [the docs](https://example.com/doc{number}) next {number}."
    _translate(po, msgid, wanted, "# courselint: ignore=CL602\n")
    result = run("build", cwd=tmp_path)
    assert result.status == 0, result.stdout
    built = (tmp_path / "content" / "chap" / "lecon.en.md").read_text(encoding="utf-8")
    assert wanted in built


def test_scripts_in_the_source_itself_are_no_translation_problem(tmp_path: Path) -> None:
    """A course about JavaScript keeps its prose: « JavaScript: » in a sentence is no link."""
    po = _course(tmp_path)
    number = FIRST + ORDER.index("bidi-override")
    _written, msgid, _payload = _source(number, "bidi-override")
    _translate(po, msgid, f"JavaScript: a calm sentence {number}.")
    result = run("build", cwd=tmp_path)
    built = (tmp_path / "content" / "chap" / "lecon.en.md").read_text(encoding="utf-8")
    assert f"JavaScript: a calm sentence {number}." in built and "CL605" not in result.stdout
