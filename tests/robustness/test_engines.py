"""Grammar engines that misbehave: every failure is CL901 within ``grammar.timeout``, never a hang.

The misbehaving engines are stand-ins at a boundary this machine cannot
otherwise reach (a broken Grammalecte build, a LanguageTool server gone
wrong): a tiny program given as ``grammar.python`` that speaks the child
protocol badly, and an HTTP server in this process that answers badly.  The
command itself runs for real, in a subprocess with a timeout and a memory cap.
"""

from __future__ import annotations

import http.server
import json
import sys
import threading
import time
from pathlib import Path

import pytest

from robust_run import LESSON, project, run

FAKE_GRAMMALECTE = r"""#!{python}
import json, sys, time
MODE = {mode!r}
def send(text):
    sys.stdout.write(text + "\n"); sys.stdout.flush()
send(json.dumps({{"ready": True, "version": "faux", "typography": [], "defaults": {{}}}}))
for line in sys.stdin:
    request = json.loads(line)
    if "options" in request:
        send(json.dumps({{"ok": True, "id": request["id"]}}))
        continue
    if MODE == "slow":
        time.sleep(1.5)
        send(json.dumps({{"errors": [], "id": request["id"]}}))
    elif MODE == "list":
        send("[1, 2]")
    elif MODE == "null":
        send("null")
    elif MODE == "errors-number":
        send(json.dumps({{"errors": 5, "id": request["id"]}}))
    elif MODE == "huge":
        send('{{"errors": [], "pad": "' + "x" * (6 * 1024 * 1024) + '", "id": ' + str(request["id"]) + "}}")
    elif MODE == "offsets":
        bad = [{{"nStart": s, "nEnd": e, "sRuleId": "r", "sType": "gn", "sMessage": "m", "aSuggestions": []}}
               for s, e in ((-5, 2), (3, 1), (10**9, 10**9 + 1), ("x", 2))]
        send(json.dumps({{"errors": bad, "id": request["id"]}}))
"""

PARAGRAPHS = "\n\n".join(f"Voici le paragraphe numéro {i} de la leçon." for i in range(12))


def _grammalecte_course(root: Path, mode: str) -> None:
    fake = root / "faux-python"
    fake.write_text(FAKE_GRAMMALECTE.format(python=sys.executable, mode=mode), encoding="utf-8")
    fake.chmod(0o755)
    config = f'[grammar]\nengine = "grammalecte"\npython = "{fake}"\ntimeout = 4\n'
    lesson = project(root, config)
    lesson.write_text(LESSON + "\n" + PARAGRAPHS + "\n", encoding="utf-8")


@pytest.mark.parametrize("mode", ["slow", "list", "null", "errors-number", "huge"])
def test_misbehaving_grammalecte_is_cl901(tmp_path: Path, mode: str) -> None:
    _grammalecte_course(tmp_path, mode)
    started = time.monotonic()
    result = run("check", "--no-cache", "--format", "json", "content", cwd=tmp_path, timeout=60)
    elapsed = time.monotonic() - started
    assert result.status == 1, (result.stdout, result.stderr)
    assert [f["code"] for f in json.loads(result.stdout)] == ["CL901"]
    assert elapsed < 30, elapsed  # 12 paragraphs × 1.5 s would be 18 s of grammar alone: the 4 s deadline cuts it


def test_nonsense_offsets_are_dropped(tmp_path: Path) -> None:
    _grammalecte_course(tmp_path, "offsets")
    result = run("check", "--no-cache", "--format", "json", "content", cwd=tmp_path, timeout=60)
    assert result.status == 0, result.stdout
    assert json.loads(result.stdout) == []


class _BadServer(http.server.BaseHTTPRequestHandler):
    mode = "trickle"

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:  # /languages: the probe passes
        body = b'[{"code": "fr", "longCode": "fr", "name": "French"}]'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            if self.mode == "trickle":
                for byte in b'{"matches": []}' * 100:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.5)
            elif self.mode == "huge":
                self.wfile.write(b'{"matches": [], "pad": "')
                chunk = b"x" * (1024 * 1024)
                for _ in range(40):
                    self.wfile.write(chunk)
                self.wfile.write(b'"}')
            elif self.mode == "list":
                self.wfile.write(b"[1, 2, 3]")
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.mark.parametrize("mode", ["trickle", "huge", "list"])
def test_misbehaving_languagetool_server_is_cl901(tmp_path: Path, mode: str) -> None:
    handler = type("Handler", (_BadServer,), {"mode": mode})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        config = f'[grammar]\nengine = "languagetool"\nserver = "http://127.0.0.1:{port}"\ntimeout = 3\n'
        lesson = project(tmp_path, config)
        lesson.write_text(LESSON + "\n" + PARAGRAPHS + "\n", encoding="utf-8")
        started = time.monotonic()
        result = run("check", "--no-cache", "--format", "json", "content", cwd=tmp_path, timeout=60)
        assert time.monotonic() - started < 30
        assert result.status == 1, (result.stdout, result.stderr)
        assert [f["code"] for f in json.loads(result.stdout)] == ["CL901"]
    finally:
        server.shutdown()
        server.server_close()
