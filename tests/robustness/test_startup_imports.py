"""Start-up: a command imports only what it uses.

A pre-commit hook pays for every import on every commit.  Checking lessons with
the default configuration (no grammar engine) must not load Babel, the
LanguageTool client, requests, Grammalecte or the process pool; checking a
catalog does load Babel (which shows the probe sees imports at all).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("babel", "language_tool_python", "requests", "grammalecte", "concurrent.futures.process", "pygls", "lsprotocol")

PROBE = """
import contextlib, io, json, sys
from courselint.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[1:])
heavy = {heavy!r}
loaded = sorted({{m for m in sys.modules for h in heavy if m == h or m.startswith(h + ".")}})
print(json.dumps({{"status": status, "loaded": loaded}}))
"""


def probe(cwd: Path, *argv: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_checking_a_lesson_imports_no_heavy_module(tmp_path: Path) -> None:
    (tmp_path / "lecon.md").write_text("---\ntitle: Leçon\nweight: 1\n---\n\nUn mot tecnique.\n", encoding="utf-8")
    outcome = probe(tmp_path, "check", "--no-cache", "lecon.md")
    assert outcome["status"] == 1  # the slip was found: the rules did run
    assert outcome["loaded"] == []


def test_the_language_server_imports_pygls(tmp_path: Path) -> None:
    """The probe sees pygls when it is loaded: `lsp --help` imports the parser only, so start the server module."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys, courselint.lsp.server; print('pygls' in sys.modules)"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.stdout.strip() == "True", result.stderr


def test_checking_a_catalog_imports_babel(tmp_path: Path) -> None:
    (tmp_path / "en.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Bonjour"\nmsgstr "Hello"\n',
        encoding="utf-8",
    )
    outcome = probe(tmp_path, "check", "--no-cache", "en.po")
    assert "babel" in outcome["loaded"]
    assert "requests" not in outcome["loaded"]
