"""Language server: time from a didChange to its diagnostics, and memory over 1,000 edits.

Builds a 2,000-line lesson (the seed lesson's steps repeated, slips included),
starts ``courselint lsp`` in a subprocess, drives it with pytest-lsp's client
(a real LSP client over stdio) and prints:

- the median and 90th percentile time from sending a ``didChange`` (one word
  typed, or deleted again) to receiving the diagnostics of that version, warm
  (after 10 edits); the debounce (``DEBOUNCE``, 50 ms) is part of it, as an
  editor sees it.  Each typed word is a different word of the lesson, so each
  typing makes a block text the server has not seen (what it remembers of
  blocks between edits, ``lsp/memo.py``, is not served a repeat);
- the server's resident memory (``/proc/PID/status`` VmRSS) after the 10th and
  the 1,000th edit.

Run by hand: ``python bench/lsp_bench.py [--edits 1000]``; to compare with another
version of courselint in the same run, alternate with
``PYTHONPATH=/path/to/other/src python bench/lsp_bench.py`` (the server is
started with this interpreter and environment).  Targets (issue 17):
<= 150 ms warm, <= 5 MB growth between the 10th and the 1,000th edit.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp.client import make_test_lsp_client

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed.md"


def big_lesson(lines: int = 2000) -> str:
    seed = SEED.read_text(encoding="utf-8").split("\n")
    head, body = seed[:38], seed[38:]
    out = list(head)
    while len(out) < lines:
        out.extend(body)
    return "\n".join(out[:lines]) + "\n"


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def main(edits: int, lines: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="lsp-bench-"))
    text = big_lesson(lines)
    path = folder / "lecon.md"
    path.write_text(text, encoding="utf-8")
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "courselint", "lsp", cwd=str(folder))
    await client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri()))
    uri = path.as_uri()
    pid = client._server.pid

    async def diagnostics(version: int):
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.version == version:
                return params.diagnostics

    start = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))
    first = await diagnostics(1)
    print(f"lesson: {text.count(chr(10))} lines; first diagnostics (dictionary load, cold): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms, {len(first)} findings")
    times, memory = [], {}
    line = lines // 2
    words = sorted(set(re.findall(r"\b[a-zà-ÿ]{5,}\b", text)))  # BMP letters: one UTF-16 unit each
    word = ""
    for number in range(1, edits + 1):
        version = number + 1
        # Type a word at the start of a line in the middle of the lesson, then delete it.
        if number % 2 == 1:
            word = words[(number // 2) % len(words)]
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(line, 0), types.Position(line, 0)), text=word + " "
            )
        else:
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(line, 0), types.Position(line, len(word) + 1)), text=""
            )
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(uri=uri, version=version), [change])
        )
        found = await diagnostics(version)
        elapsed = (time.perf_counter() - sent) * 1000
        if number > 10:
            times.append(elapsed)
        if number in (10, edits):
            memory[number] = rss_kb(pid)
        if number == 1:
            print(f"after one typed word: {len(found)} findings")
        if number % 100 == 0:
            print(f"  {number} edits, last {elapsed:.0f} ms", flush=True)
    await client.shutdown_session()
    await client.stop()
    times.sort()
    print(f"didChange -> diagnostics, warm ({len(times)} edits): median {statistics.median(times):.0f} ms,"
          f" p90 {times[int(len(times) * 0.9)]:.0f} ms, max {times[-1]:.0f} ms (debounce 50 ms included)")
    print(f"server RSS after edit 10: {memory[10] / 1024:.1f} MB; after edit {edits}: {memory[edits] / 1024:.1f} MB;"
          f" growth {(memory[edits] - memory[10]) / 1024:+.1f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--lines", type=int, default=2000, help="length of the lesson (the seed lesson has 221)")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.edits, arguments.lines))
