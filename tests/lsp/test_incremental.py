"""What the server remembers between edits never changes what it reports.

The server keeps each block's spelling findings between edits (``lsp/memo.py``).
After every round of random edits to real lessons (the seed lesson and a page
of the learn site), the diagnostics the server publishes must be those of
``courselint check`` run, in a subprocess, on the same text saved to a file:
the independent source is the command line, which checks each file from scratch.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from courselint.codes import CODES
from tests.shared_corpus import LEARN_SITE

from .client import diagnostics_for, open_document, run, session

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LEARN = LEARN_SITE / "content" / "cont" / "markdown.fr.md"
LESSONS = [FIXTURES / "seed.md"] + ([LEARN] if LEARN.is_file() else [])

#: Words typed in: slips, a ligature slip, names capitalised in the middle of a
#: sentence and the same names in lowercase (a name seen once is accepted
#: elsewhere: findings of untouched blocks change), technical words, code spans.
WORDS = [
    "consomemation", "coeur", "Portainer", "portainer", "Kubernetes", "kubernetes", "staandard",
    "roles", "conteneur", "le", "`dnmonster`", "dnmonster", "*one-liner*", "Zorglub", "zorglub", "mot",
]
ROUNDS = 8
EDITS_PER_ROUND = 6


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def random_edit(rng: random.Random, text: str) -> tuple[int, int, int, int, str]:
    """(line, start, end line, end, new text) in code points, on the text's lines."""
    lines = text.split("\n")
    line = rng.randrange(len(lines))
    current = lines[line]
    kind = rng.choice(["insert", "insert", "insert", "delete-word", "delete-line", "duplicate-line", "blank"])
    if kind == "insert":
        spaces = [i for i, c in enumerate(current) if c == " "] or [len(current)]
        at = rng.choice(spaces)
        return line, at, line, at, " " + rng.choice(WORDS)
    if kind == "delete-word" and " " in current.strip():
        start = rng.choice([i for i, c in enumerate(current) if c == " "])
        end = current.find(" ", start + 1)
        return line, start, line, end if end > 0 else len(current), ""
    if kind == "delete-line" and line + 1 < len(lines):
        return line, 0, line + 1, 0, ""
    if kind == "duplicate-line":
        return line, 0, line, 0, current + "\n"
    return line, 0, line, 0, "\n"  # a blank line: splits a paragraph, ends a list


def apply(text: str, edit: tuple[int, int, int, int, str]) -> str:
    line, start, end_line, end, new = edit
    lines = text.split("\n")
    before = "\n".join(lines[:line] + [lines[line][:start]])
    after = "\n".join([lines[end_line][end:]] + lines[end_line + 1 :]) if end_line < len(lines) else ""
    return before + new + after


def as_change(text: str, edit) -> types.TextDocumentContentChangePartial:
    line, start, end_line, end, new = edit
    lines = text.split("\n")
    return types.TextDocumentContentChangePartial(
        range=types.Range(
            types.Position(line, _utf16(lines[line][:start])),
            types.Position(end_line, _utf16(lines[end_line][:end]) if end_line < len(lines) else 0),
        ),
        text=new,
    )


def lesson_scope(code: str) -> bool:
    entry = CODES.get(code)
    return entry is not None and entry.scope == "lesson"


def test_after_random_edits_the_server_reports_what_check_reports(tmp_path: Path) -> None:
    rng = random.Random(17)
    rounds: list[tuple[Path, str, list]] = []

    async def scenario():
        async with session(tmp_path) as (client, _result):
            for number, source in enumerate(LESSONS):
                text = source.read_text(encoding="utf-8")
                path = tmp_path / f"lesson{number}" / "lecon.md"
                path.parent.mkdir()
                path.write_text(text, encoding="utf-8")
                uri = open_document(client, path, text)
                await diagnostics_for(client, uri, 1)
                version = 1
                for round_number in range(ROUNDS):
                    changes = []
                    for _ in range(EDITS_PER_ROUND):
                        edit = random_edit(rng, text)
                        changes.append(as_change(text, edit))
                        text = apply(text, edit)
                    version += 1
                    client.text_document_did_change(
                        types.DidChangeTextDocumentParams(
                            types.VersionedTextDocumentIdentifier(uri=uri, version=version), changes
                        )
                    )
                    diagnostics = await diagnostics_for(client, uri, version)
                    saved = tmp_path / "saved" / f"{number}-{round_number}" / "lecon.md"
                    saved.parent.mkdir(parents=True)
                    saved.write_text(text, encoding="utf-8")
                    rounds.append((saved, text, diagnostics))

    run(scenario())
    result = subprocess.run(
        [sys.executable, "-m", "courselint", "check", "--no-cache", "--format", "json",
         *(str(saved) for saved, _text, _d in rounds)],
        capture_output=True, text=True, cwd=tmp_path, timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    by_file: dict[str, list] = {}
    for finding in json.loads(result.stdout):
        by_file.setdefault(str(Path(finding["path"]).resolve()), []).append(finding)
    spelling_seen = 0
    for saved, text, diagnostics in rounds:
        lines = text.split("\n")

        def column(line: int, col: int) -> int:  # check's 1-based code points -> 0-based UTF-16
            raw = lines[line - 1] if line - 1 < len(lines) else ""
            return _utf16(raw[: col - 1]) + max(col - 1 - len(raw), 0)

        expected = sorted(
            (f["code"], f["message"], f["line"] - 1, column(f["line"], f["column"]),
             f["end_line"] - 1, column(f["end_line"], f["end_column"]))
            for f in by_file.get(str(saved.resolve()), [])
            if lesson_scope(f["code"])
        )
        published = sorted(
            (d.code, d.message, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in diagnostics
            if lesson_scope(str(d.code))
        )
        assert published == expected, saved
        spelling_seen += sum(1 for item in expected if item[0] in ("CL401", "CL402"))
    assert spelling_seen > len(rounds)  # the edits did bring slips to compare
