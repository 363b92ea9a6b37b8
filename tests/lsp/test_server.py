"""The language server through a real LSP client (pytest-lsp's, over a subprocess's stdio).

Expected ranges are computed here from the file's own lines with Python's
codecs (``utf-16-le``/``utf-8`` lengths of the text before the word), not by
the server's conversion code.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from .client import TIMEOUT, diagnostics_for, next_published, open_document, run, session

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.md"
#: The six slips of the original lesson: (1-based line, word); `coeur` is the ligature slip.
SLIPS = [(114, "identiie"), (120, "consomemation"), (149, "coeur"), (187, "péréclité"), (216, "cu"), (216, "staandard")]


def expected_range(text: str, line: int, word: str, encoding: str = "utf-16") -> tuple[int, int, int, int]:
    """(line, start, line, end) of ``word`` on a 1-based line, in the editor's units."""
    lines = text.replace("\r\n", "\n").split("\n")
    raw = lines[line - 1]
    start = _word_start(raw, word)
    codec = "utf-16-le" if encoding == "utf-16" else "utf-8"
    width = 2 if encoding == "utf-16" else 1
    before = len(raw[:start].encode(codec)) // width
    return (line - 1, before, line - 1, before + len(word.encode(codec)) // width)


def _word_start(raw: str, word: str) -> int:
    import re

    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", raw).start()


SPELLING = ("CL401", "CL402")


def ranges(diagnostics, codes: tuple[str, ...] = SPELLING) -> list[tuple[int, int, int, int]]:
    return sorted(
        (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in diagnostics
        if d.code in codes
    )


def lesson_folder(tmp_path: Path, text: str, name: str = "seed.md", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_the_seed_lesson_gives_its_six_slips_at_their_utf16_ranges(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = lesson_folder(tmp_path, text)

    async def scenario():
        async with session(tmp_path) as (client, result):
            assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
            uri = open_document(client, path, text)
            return await diagnostics_for(client, uri)

    diagnostics = run(scenario())
    assert ranges(diagnostics) == sorted(expected_range(text, line, word) for line, word in SLIPS)
    assert sorted(d.code for d in diagnostics) == ["CL401"] * 5 + ["CL402"]  # coeur is the ligature slip
    words = sorted(d.message.split("« ")[1].split(" »")[0] for d in diagnostics)
    assert words == sorted(word for _line, word in SLIPS)
    first = diagnostics[0]
    assert first.severity == types.DiagnosticSeverity.Error
    assert "spelling.unknown-word" in first.source
    assert first.code_description.href.endswith("README.md#cl401")


def with_emoji(text: str) -> str:
    """The seed with astral characters, a ligature and a combining accent before the slips."""
    lines = text.split("\n")
    assert lines[113].startswith("> Un système les identiie")
    lines[113] = lines[113].replace("> Un système", "> 🐳🐳 Un système", 1)
    assert "contraindre la consomemation" in lines[119]
    lines[119] = lines[119].replace("Cette technique", "Cette œuvre 🐧 technique", 1)
    assert " coeur" in lines[148]
    lines[148] = "`e\u0301` 🚀 " + lines[148]
    lines[215] = "🐳 " + lines[215]
    return "\n".join(lines)


def test_emoji_ligatures_combining_accents_and_crlf_keep_exact_ranges(tmp_path: Path) -> None:
    text = with_emoji(SEED.read_text(encoding="utf-8")).replace("\n", "\r\n")
    path = tmp_path / "seed.md"
    path.write_bytes(text.encode("utf-8"))

    async def scenario(encodings):
        async with session(tmp_path, encodings) as (client, result):
            uri = open_document(client, path, text)
            return result.capabilities.position_encoding, await diagnostics_for(client, uri)

    encoding, diagnostics = run(scenario(None))
    assert encoding == "utf-16"
    assert ranges(diagnostics) == sorted(expected_range(text, line, word) for line, word in SLIPS)
    # the emoji moved UTF-16 columns away from code points: the test would see a naive server
    assert expected_range(text, 114, "identiie")[1] == 17 + 2 * 2 + 1

    encoding, diagnostics = run(scenario(["utf-8", "utf-16"]))
    assert encoding == "utf-8"
    assert ranges(diagnostics) == sorted(expected_range(text, line, word, "utf-8") for line, word in SLIPS)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 units) the way an editor does, with Python's codec."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line].encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def test_an_edit_updates_the_diagnostics_and_the_code_action_fixes_consomemation(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = lesson_folder(tmp_path, text)
    line, start, _, end = expected_range(text, 120, "consomemation")

    async def scenario():
        async with session(tmp_path) as (client, _result):
            uri = open_document(client, path, text)
            first = await diagnostics_for(client, uri)
            # Type a slip into line 10's neighbour: a new unknown word on line 7.
            typed = types.Range(types.Position(6, 2), types.Position(6, 2))
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                    content_changes=[types.TextDocumentContentChangePartial(range=typed, text="Bienvenu dans lla ")],
                )
            )
            second = await diagnostics_for(client, uri, version=2)
            edited = text.split("\n")
            edited[6] = edited[6][:2] + "Bienvenu dans lla " + edited[6][2:]
            edited = "\n".join(edited)
            actions = await client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=types.Range(types.Position(line, start + 3), types.Position(line, start + 3)),
                    context=types.CodeActionContext(diagnostics=[]),
                )
            )
            chosen = next(a for a in actions if "consommation" in a.title)
            fixed = _apply(edited, chosen.edit.changes[uri])
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
                )
            )
            third = await diagnostics_for(client, uri, version=3)
            return first, second, actions, fixed, third

    first, second, actions, fixed, third = run(scenario())
    assert len(first) == 6
    assert (6, 2 + len("Bienvenu dans "), 6, 2 + len("Bienvenu dans lla")) in ranges(second)
    assert len(ranges(second)) == 7
    assert fixed.split("\n")[119].count("la consommation de process") == 1
    assert len(ranges(third)) == 6  # consomemation gone, the typed slip still there
    assert (line, start, line, end) not in ranges(third)
    titles = [a.title for a in actions]
    assert any("liste de mots du projet" in t for t in titles)
    assert any("spelling_words" in t for t in titles)
    assert any(t == "Désactiver CL401 pour la ligne suivante" for t in titles)


def test_a_catalog_with_a_broken_inline_code_span_gives_cl601(tmp_path: Path) -> None:
    folder = tmp_path / "locales" / "en"
    folder.mkdir(parents=True)
    path = folder / "lecon.po"
    text = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "La commande `chroot` change la racine."\nmsgstr "The `chroot command changes the root."\n'
    )
    path.write_text(text.replace("`chroot command", "`chroot` command"), encoding="utf-8")  # the disk copy is fine

    async def scenario():
        async with session(tmp_path) as (client, _result):
            uri = open_document(client, path, text, language="po")
            return await diagnostics_for(client, uri)

    diagnostics = run(scenario())
    assert "CL601" in [d.code for d in diagnostics]
    # (the catalog has no lesson beside it: its CL615, orphan catalog, is on its first line)
    assert all(d.range.start.line == 6 for d in diagnostics if d.code != "CL615")  # the msgid line, 0-based
    # The buffer, not the file, was checked: `check` on the same text saved agrees.
    saved = tmp_path / "saved" / "en"
    saved.mkdir(parents=True)
    (saved / "lecon.po").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "courselint", "check", "--no-cache", "--format", "json", str(saved / "lecon.po")],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    cli = json.loads(result.stdout)
    # (only the buffer is under locales/: the orphan check, CL615, applies to it alone)
    in_editor = sorted((d.code, d.message) for d in diagnostics if d.code != "CL615")
    assert in_editor == sorted((f["code"], f["message"]) for f in cli)


def test_hover_explains_a_finding_and_shows_a_timeline_entrys_step(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = lesson_folder(tmp_path, text)
    line, start, _, _ = expected_range(text, 120, "consomemation")

    async def scenario():
        async with session(tmp_path) as (client, _result):
            uri = open_document(client, path, text)
            await diagnostics_for(client, uri)
            on_slip = await client.text_document_hover_async(
                types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, start + 2))
            )
            on_entry = await client.text_document_hover_async(  # `* 2000 : BSD Jail`, line 16
                types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(15, 4))
            )
            return on_slip, on_entry

    on_slip, on_entry = run(scenario())
    assert "**CL401**" in on_slip.contents.value
    assert "Faux : `la consomemation de ressources`" in on_slip.contents.value
    assert "ligne 59" in on_entry.contents.value
    assert "## 2000 : BSD Jail" in on_entry.contents.value
    assert "* [E] Chroot + isolation, mais seulement BSD" in on_entry.contents.value


def test_a_lesson_that_does_not_parse_gives_a_diagnostic_and_the_server_goes_on(tmp_path: Path) -> None:
    broken = "---\ntitle: [Leçon\nweight: 1\n---\n\nUn mot tecnique.\n"
    path = lesson_folder(tmp_path, broken, name="casse.md")
    good = lesson_folder(tmp_path, "---\ntitle: Leçon\nweight: 1\n---\n\nUn mot tecnique.\n", name="bonne.md")

    async def scenario():
        async with session(tmp_path) as (client, _result):
            first = await _open_and_wait(client, path, broken)
            second = await _open_and_wait(client, good, good.read_text(encoding="utf-8"))
            return first, second

    first, second = run(scenario())
    assert sorted(d.code for d in first) == ["CL003", "CL401"]  # the prose is still checked, as by `check`
    assert [(d.code, d.range.start.line) for d in second] == [("CL401", 5)]


async def _open_and_wait(client, path: Path, text: str):
    uri = open_document(client, path, text)
    return await diagnostics_for(client, uri)


def _change(client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def test_a_burst_of_edits_ends_on_the_last_text_and_never_goes_back(tmp_path: Path) -> None:
    head = "---\ntitle: Leçon\nweight: 1\n---\n\n"
    path = lesson_folder(tmp_path, head + "Texte.\n", name="lecon.md")
    published: list[int] = []

    async def scenario():
        async with session(tmp_path) as (client, _result):
            uri = open_document(client, path, head + "Texte.\n")
            await diagnostics_for(client, uri, version=1)
            for version, slip in enumerate(["tecnique", "ordinnateur", "procesus", "conteneurr", "reseau"], start=2):
                _change(client, uri, version, head + f"Un mot {slip}.\n")
            while True:
                params = await asyncio.wait_for(next_published(client), TIMEOUT)
                published.append(params.version)
                if params.version == 6:
                    return params.diagnostics

    final = run(scenario())
    assert len(final) == 1 and "« reseau »" in final[0].message
    assert published == sorted(published)  # a stale pass never publishes over a newer one


def test_configuration_and_word_list_changes_are_picked_up(tmp_path: Path) -> None:
    text = "---\ntitle: Leçon\nweight: 1\n---\n\nUn mot tecnique et zorglubage.\n"
    path = lesson_folder(tmp_path, text, name="lecon.md")
    config = tmp_path / "courselint.toml"
    config.write_text("", encoding="utf-8")

    async def scenario():
        async with session(tmp_path) as (client, _result):
            uri = open_document(client, path, text)
            first = await diagnostics_for(client, uri, version=1)
            await client.workspace_execute_command_async(
                types.ExecuteCommandParams(command="courselint.addWord", arguments=[uri, "zorglubage"])
            )
            second = await diagnostics_for(client, uri)
            config.write_text('ignore = ["CL4"]\n', encoding="utf-8")
            _change(client, uri, 2, text + "\nEncore une fote.\n")
            third = await diagnostics_for(client, uri, version=2)
            return first, second, third

    first, second, third = run(scenario())
    assert sorted(d.message.split("« ")[1].split(" »")[0] for d in first) == ["tecnique", "zorglubage"]
    assert [d.message.split("« ")[1].split(" »")[0] for d in second] == ["tecnique"]
    assert (tmp_path / ".courselint-words.txt").read_text(encoding="utf-8") == "zorglubage\n"
    assert list(third) == []  # the configuration now ignores CL4: reloaded


def test_grammar_comes_after_the_other_rules_when_configured(tmp_path: Path) -> None:
    """Grammalecte (Debian's python3-grammalecte) runs for real, after the fast pass."""
    text = SEED.read_text(encoding="utf-8")
    path = lesson_folder(tmp_path, text)
    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")

    async def scenario():
        async with session(tmp_path) as (client, _result):
            uri = open_document(client, path, text)
            fast = await diagnostics_for(client, uri)
            complete = await diagnostics_for(client, uri)
            return fast, complete

    fast, complete = run(scenario())
    assert sorted(d.code for d in fast) == ["CL401"] * 5 + ["CL402"]
    grammar = [(d.code, d.range.start.line) for d in complete if d.code.startswith("CL5")]
    # the two slips `courselint check` finds in the seed (README's quick start): lines 73 and 171
    assert grammar == [("CL501", 72), ("CL501", 170)]


def test_fix_all_safe_problems_of_the_file(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[79] == '* [E] Un sandboxing "maison" dans Linux'
    lines[79] = '* [E ] Un sandboxing "maison" dans Linux'  # CL302, one safe reading: [E]
    text = "\n".join(lines)
    path = lesson_folder(tmp_path, text)

    async def scenario():
        async with session(tmp_path) as (client, _result):
            uri = open_document(client, path, text)
            diagnostics = await diagnostics_for(client, uri)
            actions = await client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=types.Range(types.Position(0, 0), types.Position(0, 0)),
                    context=types.CodeActionContext(diagnostics=[]),
                )
            )
            return uri, diagnostics, actions

    uri, diagnostics, actions = run(scenario())
    assert "CL302" in [d.code for d in diagnostics]
    [fix_all] = [a for a in actions if a.kind == "source.fixAll.courselint"]
    fixed = _apply(text, fix_all.edit.changes[uri])
    # the tag and the missing ligature (one reading each); the other slips need a person's choice
    seed = SEED.read_text(encoding="utf-8").split("\n")
    assert seed[148].count(" coeur ") == 1
    seed[148] = seed[148].replace(" coeur ", " cœur ")
    assert fixed == "\n".join(seed)


def _change(client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _check_chapter(folder: Path, texts: dict[str, str]) -> dict[str, list]:
    """(code, message, 0-based line) of the chapter findings `check` gives each lesson, saved with ``texts``."""
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "courselint", "check", "--no-cache", "--format", "json", str(folder)],
        capture_output=True, text=True, cwd=folder.parent, timeout=120,
    )
    cli = json.loads(result.stdout)
    return {
        name: sorted((f["code"], f["message"], f["line"] - 1) for f in cli if f["code"] in CHAPTER and f["path"].endswith(name))
        for name in texts
    }


CHAPTER = ("CL104", "CL105")


def chapter_findings(diagnostics) -> list:
    return sorted((d.code, d.message, d.range.start.line) for d in diagnostics if d.code in CHAPTER)


def test_chapter_findings_follow_the_open_buffers_of_sibling_lessons(tmp_path: Path) -> None:
    """Two saved lessons of a chapter, in order.  Typed without saving: the second
    takes the first's weight (its own buffer is read: CL104 on it); then the first
    moves after the second (the sibling's buffer is read: CL105 on the second, which
    was not touched).  Expected: `check` on the same texts saved."""
    first_text = '---\ntitle: "2.01 Première"\nweight: 10\n---\n\nUn texte.\n'
    second_text = '---\ntitle: "2.02 Seconde"\nweight: 20\n---\n\nUn texte.\n'
    chapter = tmp_path / "chapitre"
    chapter.mkdir()
    first = lesson_folder(chapter, first_text, name="premiere.md")
    second = lesson_folder(chapter, second_text, name="seconde.md")
    same_weight = second_text.replace("weight: 20", "weight: 10")
    moved = first_text.replace("weight: 10", "weight: 30")

    async def scenario():
        async with session(tmp_path) as (client, _result):
            first_uri = open_document(client, first, first_text)
            opened = [await diagnostics_for(client, first_uri)]
            second_uri = open_document(client, second, second_text)
            opened.append(await diagnostics_for(client, second_uri))
            _change(client, second_uri, 2, same_weight)
            own_buffer = await diagnostics_for(client, second_uri, 2)
            _change(client, second_uri, 3, second_text)
            await diagnostics_for(client, second_uri, 3)
            _change(client, first_uri, 2, moved)
            await diagnostics_for(client, first_uri, 2)
            sibling_buffer = await diagnostics_for(client, second_uri)  # the refresh of the untouched sibling
            return opened, own_buffer, sibling_buffer

    opened, own_buffer, sibling_buffer = run(scenario())
    assert [chapter_findings(d) for d in opened] == [[], []]
    assert first.read_text(encoding="utf-8") == first_text and second.read_text(encoding="utf-8") == second_text
    expected = _check_chapter(tmp_path / "saved1" / "chapitre", {"premiere.md": first_text, "seconde.md": same_weight})
    assert [code for code, _m, _l in expected["seconde.md"]] == ["CL104"]
    assert chapter_findings(own_buffer) == expected["seconde.md"]
    expected = _check_chapter(tmp_path / "saved2" / "chapitre", {"premiere.md": moved, "seconde.md": second_text})
    assert [code for code, _m, _l in expected["seconde.md"]] == ["CL105"]
    assert chapter_findings(sibling_buffer) == expected["seconde.md"]


def test_the_server_exits_cleanly_after_shutdown_and_exit(tmp_path: Path) -> None:
    """Status 0 and nothing on stderr: the server's stdout is closed when it returns,
    and the program's quick exit (cli.console) must not trip on it."""

    def message(payload: dict) -> bytes:
        body = json.dumps(payload).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    exchange = b"".join(
        message(payload)
        for payload in (
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "processId": None, "rootUri": tmp_path.as_uri()}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"},
        )
    )
    done = subprocess.run([sys.executable, "-m", "courselint", "lsp"], input=exchange, cwd=tmp_path,
                          capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode(errors="replace")
    assert b'"id": 2' in done.stdout or b'"id":2' in done.stdout  # the shutdown was answered
