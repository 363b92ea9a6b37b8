"""LanguageTool client: annotated text out, UTF-16 offsets back, exact source columns.

The LanguageTool server (Java) cannot be downloaded on this machine, so these tests
run against a small local HTTP server that stands in for the real LanguageTool
server: it speaks ``/v2/check`` as the real one does — reads the ``data``
annotations, checks the text where each markup part reads as its ``interpretAs``,
and returns offsets and lengths in UTF-16 code units of the original text
(markup included), as Java counts them.  It knows a few hard-coded French errors
instead of LanguageTool's rules.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from courselint import config as config_module
from courselint.document import parse
from courselint.engine import Selection, run
from courselint.findings import Severity
from courselint.rules.grammar import check_grammar, open_engine
from courselint.grammar.base import CODE_PLACEHOLDER, JOINER, EngineUnavailable
from courselint.grammar.languagetool import LanguageToolEngine, Utf16Offsets, annotation, api_base, category_of

# pattern in the text the server reads -> (rule id, category id, issue type, message, replacements)
KNOWN_ERRORS = [
    (r"en terme de", ("EN_TERMES_DE", "GRAMMAR", "grammar", "Dans ce sens, écrivez « en termes de ».", ["en termes de"])),
    (r"(?<=\w) [:;!?]", ("FRENCH_WHITESPACE", "TYPOGRAPHY", "whitespace", "Espace insécable requise.", ["\u202f:"])),
    (r"\bxqzt\b", ("FR_SPELLING_RULE", "TYPOS", "misspelling", "Faute de frappe possible.", ["texte"])),
    (r"\bvirgule manquante\b", ("VIRG_MANQUANTE", "PUNCTUATION", "typographical", "Virgule manquante.", [", "])),
]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeLanguageTool(BaseHTTPRequestHandler):
    """``/v2/languages`` and ``/v2/check`` as the real server answers them."""

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _reply(self, payload: object, status: int = 200) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._reply([{"name": "French", "code": "fr", "longCode": "fr"}])
        else:
            self._reply({"error": "not found"}, 404)

    def do_POST(self) -> None:
        if not self.path.startswith("/v2/check"):
            self._reply({"error": "not found"}, 404)
            return
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
        parts = json.loads(form["data"][0])["annotation"]
        self.server.requests.append({"language": form["language"][0], "annotation": parts})
        # Build what the server reads and, for each character of it, where it came from.
        original, read, origin = "", "", []
        for part in parts:
            if "text" in part:
                for char in part["text"]:
                    origin.append(len(original))
                    read += char
                    original += char
            else:
                for char in part.get("interpretAs", ""):
                    origin.append(len(original))
                    read += char
                original += part["markup"]
        origin.append(len(original))
        self.server.read_texts.append(read)
        matches = []
        for pattern, (rule_id, category, issue_type, message, replacements) in KNOWN_ERRORS:
            for found in re.finditer(pattern, read):
                start, end = origin[found.start()], origin[found.end() - 1] + 1
                matches.append(
                    {
                        "message": message,
                        "offset": utf16_length(original[:start]),
                        "length": utf16_length(original[start:end]),
                        "replacements": [{"value": value} for value in replacements],
                        "rule": {"id": rule_id, "issueType": issue_type, "category": {"id": category, "name": category}},
                    }
                )
        self._reply({"software": {"name": "FakeLanguageTool"}, "matches": sorted(matches, key=lambda m: m["offset"])})


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    httpd.requests = []
    httpd.read_texts = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def url(server) -> str:
    server.requests.clear()
    server.read_texts.clear()
    return f"http://127.0.0.1:{server.server_address[1]}"


def lesson(text: str, path: str = "lecon.md"):
    return parse(path, text.encode("utf-8"))


def column_of(source: str, line: int, needle: str) -> int:
    found = source.split("\n")[line - 1].find(needle)
    assert found >= 0, f"{needle!r} not on line {line}"
    return found + 1


def findings_for(source: str, url: str, **settings):
    config = {"engine": "languagetool", "server": url, **settings}
    engine = open_engine(config)
    try:
        return list(check_grammar(lesson(source), config, engine))
    finally:
        engine.close()


# --------------------------------------------------------------------------- offsets


def test_accents_and_emoji_before_the_error(url):
    source = "# Titre\n\nÉlève 🐳🚀 — des progrès 👍🏽 énormes en terme de sécurité.\n"
    (finding,) = findings_for(source, url)
    column = column_of(source, 3, "en terme de")
    assert (finding.code, finding.rule, finding.severity) == ("CL503", "grammar.languagetool", Severity.WARNING)
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, column, 3, column + 11)
    assert finding.word == "en terme de"
    assert finding.suggestions == ("en termes de",)
    assert finding.message == "LanguageTool : « en terme de » — Dans ce sens, écrivez « en termes de »."


def test_masked_inline_code_link_and_markup_before_the_error(url, server):
    source = (
        "Lancez 🐳 `docker run --rm -it` puis [la doc](https://docs.docker.com/ \"titre\") ;\n"
        "les **pro**grès <br> en terme de sécurité.\n"
    )
    (finding,) = findings_for(source, url)
    assert (finding.line, finding.column) == (2, column_of(source, 2, "en terme de"))
    assert (finding.end_line, finding.end_column) == (2, column_of(source, 2, "en terme de") + 11)
    (read,) = server.read_texts
    assert read == f"Lancez 🐳 {CODE_PLACEHOLDER} puis la doc ; les progrès en terme de sécurité."
    assert JOINER not in read and "\n" not in read and "`" not in read and "  " not in read
    # The annotated parts cover the unit exactly, so offsets are offsets of the unit.
    (request,) = server.requests
    block = lesson(source).blocks[0]
    assert "".join(part.get("text", part.get("markup")) for part in request["annotation"]) == block.prose
    assert request["language"] == "fr"


MANY_UNITS = (
    "* Premier point 😀,\n  au fur et à mesure des progrès en terme de vitesse.\n\n"
    "| 🐳 | colonne |\n| --- | --- |\n| `x` | des gains en terme de temps |\n\n"
    "Un paragraphe 👍🏽 sans faute.\n\n> Une citation : des progrès en terme de qualité.\n"
)


def expected_positions(source: str) -> list[tuple[int, int]]:
    return [
        (line, column_of(source, line, "en terme de"))
        for line, text in enumerate(source.split("\n"), start=1)
        if "en terme de" in text
    ]


def test_units_of_a_lesson_go_in_one_request(url, server):
    findings = findings_for(MANY_UNITS, url)
    assert [(f.line, f.column) for f in findings] == expected_positions(MANY_UNITS)
    assert len(expected_positions(MANY_UNITS)) == 3
    assert len(server.requests) == 1
    assert server.read_texts[0].count("\n\n") == 5  # six units, one blank line between two


def test_small_batches_map_the_same(url, server, monkeypatch):
    monkeypatch.setattr("courselint.grammar.languagetool.BATCH_CHARACTERS", 40)
    findings = findings_for(MANY_UNITS, url)
    assert [(f.line, f.column) for f in findings] == expected_positions(MANY_UNITS)
    assert len(server.requests) > 3


def test_a_huge_unit_is_cut_in_several_requests(url, server, monkeypatch):
    monkeypatch.setattr("courselint.grammar.languagetool.BATCH_CHARACTERS", 300)
    sentence = "Une phrase 🐳 avec du `code` et https://exemple.fr/page. "
    body = "Des progrès en terme de vitesse. " + sentence * 20 + "Des progrès en terme de qualité. " + sentence * 20
    source = f"{body}\n\nEt un dernier paragraphe en terme de style.\n"
    findings = findings_for(source, url)
    assert [(f.line, f.column) for f in findings] == _all_positions(source)
    assert len(findings) == 3
    assert len(server.requests) > 3


def _all_positions(source: str) -> list[tuple[int, int]]:
    positions = []
    for line, text in enumerate(source.split("\n"), start=1):
        start = 0
        while (found := text.find("en terme de", start)) >= 0:
            positions.append((line, found + 1))
            start = found + 1
    return positions


# --------------------------------------------------------------------------- categories


def test_typography_only_when_configured_and_spelling_never(url):
    source = "Un xqzt rapide : voici, virgule manquante en terme de style.\n"
    assert [f.code for f in findings_for(source, url)] == ["CL503"]
    on = findings_for(source, url, typography=True)
    assert [(f.code, f.word) for f in on] == [("CL502", " :"), ("CL502", "virgule manquante"), ("CL503", "en terme de")]
    assert on[0].message == "Typographie (LanguageTool) : «  : » — Espace insécable requise."
    assert on[0].suggestions == ("\u202f:",)


def test_disabled_rules(url):
    assert findings_for("Des progrès en terme de vitesse.\n", url, disabled_rules=["EN_TERMES_DE"]) == []


def test_category_mapping():
    def match(category: str, issue_type: str = "") -> dict:
        return {"rule": {"id": "X", "issueType": issue_type, "category": {"id": category}}}

    assert category_of(match("TYPOGRAPHY")) == "typography"
    assert category_of(match("PUNCTUATION")) == "typography"
    assert category_of(match("TYPOS", "misspelling")) == "spelling"
    assert category_of(match("MISC", "misspelling")) == "spelling"
    assert category_of(match("GRAMMAR", "grammar")) == "grammar"
    assert category_of(match("CONFUSED_WORDS")) == "grammar"
    assert category_of({}) == "grammar"


def test_utf16_offsets_to_code_points():
    text = "a🐳b€c👍🏽d"
    offsets = Utf16Offsets(text)
    for index in range(len(text) + 1):
        assert offsets.index(utf16_length(text[:index])) == index


def test_annotation_covers_the_text():
    raw = "[E] Les **L**inu**X**\n sont `docker ps` là "
    block = lesson(raw + "\n").blocks[0]
    parts = annotation(block.prose, block.raw)
    assert "".join(part.get("text", part.get("markup")) for part in parts) == block.prose
    read = "".join(part.get("text", part.get("interpretAs")) for part in parts)
    assert read == f"E Les LinuX sont {CODE_PLACEHOLDER} là"


def test_api_base():
    assert api_base("http://localhost:8081") == "http://localhost:8081/v2"
    assert api_base("http://localhost:8081/v2/") == "http://localhost:8081/v2"
    assert api_base("https://api.languagetool.org/v2") == "https://api.languagetool.org/v2"


# --------------------------------------------------------------------------- unavailable


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_server_raises_engine_unavailable():
    with pytest.raises(EngineUnavailable) as error:
        LanguageToolEngine(f"http://127.0.0.1:{_closed_port()}", timeout=5)
    assert "grammar.server" in str(error.value)
    assert "LanguageTool" in str(error.value)


def test_no_server_and_no_local_install_never_downloads(tmp_path, monkeypatch):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    with pytest.raises(EngineUnavailable) as error:
        LanguageToolEngine(None)
    assert "aucune installation locale" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_unreachable_server_gives_one_cl901_for_the_run(tmp_path: Path):
    server = f"http://127.0.0.1:{_closed_port()}"
    (tmp_path / "courselint.toml").write_text(
        f'[grammar]\nengine = "languagetool"\nserver = "{server}"\n', encoding="utf-8"
    )
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("Des progrès en terme de vitesse.\n", encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    result = run([tmp_path], config, Selection(select=("CL5", "CL9")), jobs=1, use_cache=False)
    assert [(f.code, f.severity, f.line) for f in result.findings] == [("CL901", Severity.ERROR, 2)]
    assert result.findings[0].message.startswith("Moteur de vérification indisponible — LanguageTool : ")


def test_configured_server_through_the_engine(tmp_path: Path, url):
    (tmp_path / "courselint.toml").write_text(f'[grammar]\nengine = "languagetool"\nserver = "{url}"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# Titre 🐳\n\nDes progrès en terme de vitesse.\n", encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    result = run([tmp_path], config, Selection(select=("CL5", "CL9")), jobs=1, use_cache=False)
    assert [(f.code, f.line, f.column, f.end_column) for f in result.findings] == [("CL503", 3, 13, 24)]
