"""A newer edit stops a running grammar pass: the Grammalecte child is stopped, not left to finish.

Real Grammalecte (Debian's python3-grammalecte), a real client: a 4,000-line
lesson keeps Grammalecte busy for seconds; the author then replaces the text
with the seed lesson.  The child that was checking the long text must be gone
within seconds (left alone it would run to the end of the stale pass, the old
behaviour), and the seed's two grammar slips arrive for the new version, from a
new child.  The children are read from ``/proc`` (the server's child processes).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from lsprotocol import types

from .client import diagnostics_for, next_published, open_document, run, session

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.md"


def long_lesson(copies: int) -> str:
    """The seed lesson with its body (after the front matter and title) written ``copies`` more times.

    Each copy's paragraphs end with their copy's number: the grammar rule sends a
    paragraph met twice only once, and identical copies would not keep Grammalecte busy.
    """
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("\n", 38)[38].rstrip("\n").split("\n")
    copies_text = [
        "\n".join(f"{line} Variante {number}." if line[:1].isalpha() else line for line in body)
        for number in range(1, copies + 1)
    ]
    return seed.rstrip("\n") + "".join("\n" + text for text in copies_text) + "\n"


def grammar_children(pid: int) -> set[int]:
    """The server's child processes running a Python program given with ``-c`` (the Grammalecte child)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and b"-c" in cmdline and any(b"grammalecte" in part for part in cmdline):
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return "(Z)" not in Path(f"/proc/{pid}/stat").read_text().replace(") Z", "(Z)")
    except OSError:
        return False


def test_a_newer_edit_stops_the_grammar_child_of_the_stale_pass(tmp_path: Path) -> None:
    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    path = tmp_path / "lecon.md"
    text = long_lesson(20)  # about 4,000 lines
    path.write_text(text, encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8")

    async def scenario():
        async with session(tmp_path) as (client, _result):
            server = client._server.pid
            published: list[types.PublishDiagnosticsParams] = []

            async def collect():  # every publication
                while True:
                    published.append(await next_published(client))

            collector = asyncio.ensure_future(collect())
            uri = open_document(client, path, text)
            deadline = time.monotonic() + 60
            while not grammar_children(server):
                assert time.monotonic() < deadline, "no Grammalecte child started"
                await asyncio.sleep(0.1)
            (first_child,) = grammar_children(server)
            await asyncio.sleep(1.5)  # Grammalecte loads, then reads the long lesson paragraph by paragraph
            assert [p.version for p in published] == [1]  # the fast pass only: grammar is under way
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                    [types.TextDocumentContentChangeWholeDocument(text=seed)],
                )
            )
            sent = time.monotonic()
            while alive(first_child) and time.monotonic() - sent < 10:
                await asyncio.sleep(0.05)
            stopped_after = time.monotonic() - sent
            deadline = time.monotonic() + 60
            while not any(p.version == 2 and any(d.code.startswith("CL5") for d in p.diagnostics) for p in published):
                assert time.monotonic() < deadline, "no grammar findings for the new text"
                await asyncio.sleep(0.1)
            collector.cancel()
            complete = [p for p in published if p.version == 2][-1].diagnostics
            stale = [p for p in published[1:] if p.version == 1]
            return first_child, stopped_after, complete, grammar_children(server), stale

    first_child, stopped_after, complete, children, stale = run(scenario())
    assert stale == []  # nothing of the long text's grammar pass was published
    assert stopped_after < 5, f"the stale pass's Grammalecte child was still running {stopped_after:.1f} s after the edit"
    grammar = [(d.code, d.range.start.line) for d in complete if d.code.startswith("CL5")]
    # the two slips `courselint check` finds in the seed (README's quick start): lines 73 and 171
    assert grammar == [("CL501", 72), ("CL501", 170)]
    assert children and first_child not in children  # a new child checked the new text
