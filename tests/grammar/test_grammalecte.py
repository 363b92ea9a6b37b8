"""Grammalecte for real: Debian's ``python3-grammalecte`` driven as a child of ``/usr/bin/python3``.

Skipped only on a machine that lacks it; when ``CI`` is set, a missing Grammalecte
fails these tests instead (CI installs it).  The tests that need no Grammalecte
(a missing or broken interpreter) always run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from courselint import config as config_module
from courselint.document import parse
from courselint.engine import Selection, run
from courselint.findings import Severity
from courselint.rules import RULES
from courselint.rules.base import Context
from courselint.rules.grammar import (
    check_grammar,
    engine_unavailable_finding,
    open_engine,
)
from courselint.grammar.base import (
    CODE_PLACEHOLDER,
    JOINER,
    OTHER_CODE_PLACEHOLDER,
    EngineUnavailable,
    ShownText,
    word_spans,
)
from courselint.grammar.grammalecte import PARAGRAPH_LIMIT, GrammalecteEngine, paragraphs

SYSTEM_PYTHON = "/usr/bin/python3"
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.md"


def _grammalecte_installed() -> bool:
    try:
        result = subprocess.run([SYSTEM_PYTHON, "-c", "import grammalecte"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


INSTALLED = _grammalecte_installed()


@pytest.fixture(scope="module")
def require_grammalecte() -> None:
    if not INSTALLED:
        message = f"Grammalecte introuvable : {SYSTEM_PYTHON} -c 'import grammalecte' échoue (paquet python3-grammalecte)"
        if os.environ.get("CI"):
            pytest.fail(message + " — requis en CI")
        pytest.skip(message)


@pytest.fixture(scope="module")
def engine(require_grammalecte):
    engine = GrammalecteEngine(SYSTEM_PYTHON)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def typography_engine(require_grammalecte):
    engine = GrammalecteEngine(SYSTEM_PYTHON, typography=True)
    yield engine
    engine.close()


def lesson(text: str, path: str = "lecon.md"):
    return parse(path, text.encode("utf-8"))


def column_of(source: str, line: int, needle: str) -> int:
    """1-based column of ``needle`` on a 1-based line, found independently of the engine."""
    found = source.split("\n")[line - 1].find(needle)
    assert found >= 0, f"{needle!r} not on line {line}"
    return found + 1


DEFAULT = {"engine": "grammalecte", "python": SYSTEM_PYTHON}


# --------------------------------------------------------------------------- the seed lesson


def test_seed_reports_en_terme_de_at_its_exact_position(engine):
    seed = parse(str(SEED), SEED.read_bytes())
    findings = list(check_grammar(seed, DEFAULT, engine))
    hits = [f for f in findings if f.word == "en terme de"]
    assert len(hits) == 1
    hit = hits[0]
    line = 171
    assert seed.index.line_text(line).startswith("Au fur et à mesure des progrès en terme de stabilité")
    column = column_of(seed.text, line, "en terme de")
    assert (hit.code, hit.rule, hit.severity) == ("CL501", "grammar.grammalecte", Severity.WARNING)
    assert (hit.line, hit.column, hit.end_line, hit.end_column) == (line, column, line, column + len("en terme de"))
    assert hit.suggestions[0] == "en termes de"
    assert "en termes de" in hit.message and hit.message.startswith("Grammalecte : « en terme de » — ")
    # No typography by default, and nothing on the masked inline code (`chroot`, line 48).
    assert all(f.code == "CL501" for f in findings)
    assert not [f for f in findings if f.line == 48]


# --------------------------------------------------------------------------- one child for the run


def test_one_child_process_serves_every_check(engine):
    pid = engine.pid
    for i in range(60):
        text = f"Paragraphe {i} : au fur et à mesure des progrès en terme de sécurité."
        issues = engine.check(text)
        assert [issue.start for issue in issues] == [text.index("en terme de")]
    assert engine.pid == pid
    assert engine._process.poll() is None


def _grammalecte_children() -> list[int]:
    """Our child processes that run the Grammalecte program (Linux /proc)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == os.getpid() and b"gc_engine" in cmdline:
            children.append(int(entry.name))
    return children


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts children through /proc")
def test_the_rule_starts_one_child_for_many_lessons(require_grammalecte, tmp_path):
    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    ctx = Context(config)
    before = set(_grammalecte_children())
    found = []
    for i in range(5):
        found += RULES["CL501"].check(lesson(f"# Leçon {i}\n\nDes progrès en terme de vitesse.\n", f"l{i}.md"), ctx)
        assert len(set(_grammalecte_children()) - before) == 1
    assert [(f.path, f.line, f.column) for f in found] == [(f"l{i}.md", 3, 13) for i in range(5)]
    assert ctx.run_findings == []


def test_close_stops_the_child(require_grammalecte):
    engine = GrammalecteEngine(SYSTEM_PYTHON)
    process = engine._process
    assert process.poll() is None
    engine.close()
    assert process.poll() is not None
    with pytest.raises(EngineUnavailable):
        engine.check("Une phrase.")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="watches the child through /proc")
@pytest.mark.parametrize("ending", ["exit", "killed", "console"])
def test_the_child_never_outlives_its_parent(require_grammalecte, ending):
    """At exit the engine stops its child; killed, the parent closes the pipe and the child leaves.

    ``console``: the program's quick exit (``cli.console``) skips the interpreter's
    teardown, not the exit handlers; the command's output still arrives whole.
    """
    program = (
        "import os, sys, time\n"
        "from courselint.grammar.grammalecte import GrammalecteEngine\n"
        "engine = GrammalecteEngine()\n"
        "print(engine.pid, flush=True)\n"
        + ("time.sleep(60)\n" if ending == "killed" else "")
        + ("from courselint import cli\nsys.argv = ['courselint', 'rules']\ncli.console()\n" if ending == "console" else "")
    )
    parent = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    if ending == "killed":
        parent.kill()
    rest = parent.stdout.read()
    assert parent.wait(timeout=30) == (-9 if ending == "killed" else 0)
    if ending == "console":
        assert rest.count("\nCL") > 20 and "CL901" in rest  # every rule listed, the last one too
    for _ in range(100):
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has left already


# --------------------------------------------------------------------------- exact offsets


def test_offsets_with_accents_emoji_masked_runs_and_joiners(engine):
    source = (
        "---\ntitle: Leçon\n---\n\n"
        "Élève 🐳, lancez `docker compose up -d` puis lisez [la doc](https://docs.docker.com/compose/) ;\n"
        "les **pro**grès <br> en terme de sécurité sont réels.\n\n"
        "* Dans une liste,\n  au fur et à mesure des progrès en terme de vitesse.\n\n"
        "> Une citation : des progrès en terme de stabilité.\n\n"
        "| colonne | texte |\n| --- | --- |\n| `a` | des gains en terme de temps |\n"
    )
    parsed = lesson(source)
    findings = [f for f in check_grammar(parsed, DEFAULT, engine) if f.word == "en terme de"]
    expected = []
    for line, text in enumerate(source.split("\n"), start=1):
        if "en terme de" in text:
            column = column_of(source, line, "en terme de")
            expected.append((line, column, line, column + 11))
    assert len(expected) == 4
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == expected


def test_engine_offsets_are_code_points_of_the_given_text(engine):
    text = f"Les   L{JOINER}{JOINER}inu{JOINER}{JOINER}X  sont là ;\nau fur et à mesure des progrès en terme de « qualité »."
    issues = [issue for issue in engine.check(text) if "termes" in " ".join(issue.suggestions)]
    assert len(issues) == 1
    assert text[issues[0].start : issues[0].end] == "en terme de"


def test_inline_code_reads_as_a_neutral_word(engine):
    # Dropped, the code would leave "Des gèrent…", which Grammalecte rightly rejects.
    raw = "Des `Deployments` gèrent les répliques."
    parsed = lesson(raw + "\n")
    block = parsed.blocks[0]
    assert word_spans(block.prose, block.raw) == [(4, 17)]
    assert ShownText(block.prose, block.raw).shown == f"Des {CODE_PLACEHOLDER} gèrent les répliques."
    assert engine.check(block.prose, block.raw) == []
    assert list(check_grammar(parsed, DEFAULT, engine)) == []


def shown(markdown: str) -> str:
    block = lesson(markdown + "\n").blocks[-1]
    return ShownText(block.prose, block.raw).shown


def test_what_the_engine_reads():
    assert shown("Les **L**inu**X** **C**ontainers") == "Les LinuX Containers"
    assert shown("Voir [la doc](https://exemple.fr), puis <br> la suite") == "Voir la doc, puis la suite"
    assert shown("un<br>deux et trois<br>.") == "un deux et trois."
    assert shown("* [E] Une ligne\n  et une autre  ") == "E Une ligne et une autre"
    assert shown("Lancez `docker ps` ; voyez (`ls`).") == f"Lancez {CODE_PLACEHOLDER} ; voyez ({CODE_PLACEHOLDER})."
    # A bare address is a noun of the sentence; a link target is not.
    assert shown("Un lien https://exemple.fr/page. Écrivez à <contact@exemple.fr>.") == (
        f"Un lien {CODE_PLACEHOLDER}. Écrivez à {CODE_PLACEHOLDER}."
    )
    assert shown("Voir [la doc](https://exemple.fr/page). Fin") == "Voir la doc. Fin"
    # The author's own spacing stays, for the typographic rules.
    assert shown("Deux  espaces,\tune tabulation et « guillemets »") == "Deux  espaces,\tune tabulation et « guillemets »"


def test_shown_text_maps_back_exactly():
    text = f"  [E]  Les L{JOINER}inux\nsont   là  "
    shown_text = ShownText(text)
    assert shown_text.shown == "[E] Les Linux sont là"
    start = shown_text.shown.index("Linux")
    assert shown_text.source_span(start, start + 5) == (text.index(f"L{JOINER}"), text.index("\n"))
    assert text[slice(*shown_text.source_span(shown_text.shown.index("sont"), len(shown_text.shown)))] == "sont   là"
    coded = ShownText("La commande          permet", "La commande `chroot` permet")
    assert coded.shown == f"La commande {CODE_PLACEHOLDER} permet"
    assert coded.source_span(12, 12 + len(CODE_PLACEHOLDER)) == (12, 20)


def test_a_huge_paragraph_is_checked_in_pieces_with_exact_offsets(engine):
    sentence = "Une phrase ordinaire avec 🐳 un `mot` technique et un lien https://exemple.fr/page. "
    wrong = "Des progrès en terme de vitesse. "
    body = wrong + sentence * 150 + wrong + sentence * 150 + wrong
    assert len(body) > 2 * PARAGRAPH_LIMIT
    source = f"# Titre\n\n{body}\n"
    findings = [f for f in check_grammar(lesson(source), DEFAULT, engine) if f.word == "en terme de"]
    line = source.split("\n")[2]
    columns, start = [], 0
    while (found := line.find("en terme de", start)) >= 0:
        columns.append(found + 1)
        start = found + 1
    assert [(f.line, f.column) for f in findings] == [(3, column) for column in columns]
    assert len(columns) == 3


def test_paragraphs_cut_between_sentences():
    text = "Une phrase. " * 50 + "x" * 30 + " y" * 20
    pieces = list(paragraphs(text, limit=100))
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 100 for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    assert all(piece.endswith(". ") for _, piece in pieces[:5])


# --------------------------------------------------------------------------- typography


def test_typography_is_off_by_default(engine):
    text = "Il faut qu'il vienne : c'est  important."
    assert engine.check(text) == []
    parsed = lesson(text + "\n")
    assert list(check_grammar(parsed, DEFAULT, engine)) == []


def test_typography_on_when_configured(typography_engine):
    text = "Il faut qu'il vienne : c'est important."
    issues = typography_engine.check(text)
    assert {issue.category for issue in issues} == {"typography"}
    spans = {text[issue.start : issue.end] for issue in issues}
    assert "qu'" in spans  # straight apostrophe
    assert " :" in spans  # no-break space missing before the colon
    parsed = lesson(text + "\n")
    findings = list(check_grammar(parsed, {**DEFAULT, "typography": True}, typography_engine))
    apostrophe = [f for f in findings if f.word == "qu'"]
    assert [(f.code, f.rule, f.line, f.column) for f in apostrophe] == [("CL502", "grammar.typography", 1, 9)]
    assert apostrophe[0].message.startswith("Typographie (Grammalecte) : « qu' » — ")
    assert apostrophe[0].suggestions == ("qu’",)


def test_disabled_rules_are_dropped(engine):
    parsed = lesson("Des progrès en terme de vitesse.\n")
    (finding,) = check_grammar(parsed, DEFAULT, engine)
    rule_id = engine.check("Des progrès en terme de vitesse.")[0].rule_id
    assert list(check_grammar(parsed, {**DEFAULT, "disabled_rules": [rule_id]}, engine)) == []


# --------------------------------------------------------------------------- unavailable


def test_missing_interpreter_raises_engine_unavailable(tmp_path):
    with pytest.raises(EngineUnavailable) as error:
        open_engine({"engine": "grammalecte", "python": str(tmp_path / "no-python3")})
    assert "python3-grammalecte" in str(error.value)
    assert "grammar.python" in str(error.value)


def test_interpreter_without_grammalecte_raises_engine_unavailable():
    # The test's own interpreter normally cannot import Grammalecte (it lives in Debian's python3).
    probe = subprocess.run([sys.executable, "-I", "-c", "import grammalecte"], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("this interpreter imports Grammalecte (a venv with system site-packages)")
    with pytest.raises(EngineUnavailable) as error:
        GrammalecteEngine(sys.executable, startup_timeout=60)
    assert "grammalecte" in str(error.value).lower()
    assert "python3-grammalecte" in str(error.value)


def test_a_silent_child_times_out_instead_of_hanging(tmp_path):
    silent = tmp_path / "silent-python"
    silent.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")
    silent.chmod(0o755)
    with pytest.raises(EngineUnavailable) as error:
        GrammalecteEngine(str(silent), startup_timeout=0.5)
    assert "aucune réponse au démarrage" in str(error.value)


def test_a_child_that_stops_reading_times_out_on_a_big_lesson(tmp_path):
    """Paragraphs are written all at once: more than a pipe holds, to a child that
    says it is ready and then never reads, must end in the answers' timeout, not hang."""
    deaf = tmp_path / "deaf-python"
    deaf.write_text(
        "#!/bin/sh\n"
        'echo \'{"ready": true, "version": "0", "typography": [], "defaults": {}}\'\n'
        "read options\n"
        'echo \'{"id": 1, "ok": true}\'\n'
        "exec sleep 60\n",
        encoding="utf-8",
    )
    deaf.chmod(0o755)
    engine = GrammalecteEngine(str(deaf), request_timeout=0.5, lesson_timeout=1.0)
    units = [("Une phrase assez longue pour remplir le tuyau. " * 40, None)] * 200  # ~380 KB of JSON
    started = time.monotonic()
    with pytest.raises(EngineUnavailable) as error:
        engine.check_many(units)
    assert "aucune réponse" in str(error.value)
    assert time.monotonic() - started < 30  # the timeout, not the child's 60 s sleep


def test_missing_interpreter_gives_one_cl901_for_the_run(tmp_path):
    (tmp_path / "courselint.toml").write_text(
        f'[grammar]\nengine = "grammalecte"\npython = "{tmp_path / "absent"}"\n', encoding="utf-8"
    )
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text("# Titre\n\nDes progrès en terme de vitesse.\n", encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    result = run([tmp_path], config, Selection(select=("CL5", "CL9")), jobs=1, use_cache=False)
    assert [(f.code, f.rule, f.severity, f.path, f.line) for f in result.findings] == [
        ("CL901", "internal.engine-unavailable", Severity.ERROR, str(tmp_path / "courselint.toml"), 2)
    ]
    assert result.findings[0].message.startswith("Moteur de vérification indisponible — Grammalecte : ")


def test_a_child_that_dies_gives_cl901_and_the_run_goes_on(require_grammalecte, tmp_path):
    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    if not sys.platform.startswith("linux"):
        pytest.skip("finds the child through /proc")
    ctx = Context(config_module.load(tmp_path / "courselint.toml"))
    before = set(_grammalecte_children())
    first = RULES["CL501"].check(lesson("Des progrès en terme de vitesse.\n", "a.md"), ctx)
    assert [f.code for f in first] == ["CL501"]
    (child,) = set(_grammalecte_children()) - before
    os.kill(child, 9)
    # Other paragraphs: the first one's answer is kept in memory (grammar/cache.py).
    later = [RULES["CL501"].check(lesson(f"Des progrès en terme de vitesse ({n}).\n", f"{n}.md"), ctx) for n in "bcd"]
    assert later == [[], [], []]
    assert [(f.code, f.severity) for f in ctx.run_findings] == [("CL901", Severity.ERROR)]
    assert "processus arrêté" in ctx.run_findings[0].message


def test_cl901_is_information_when_the_engine_was_not_asked_for():
    finding = engine_unavailable_finding("courselint.toml", "Grammalecte : absent", explicit=False)
    assert (finding.code, finding.severity) == ("CL901", Severity.INFO)
    assert engine_unavailable_finding("x", "y").severity is Severity.ERROR


def test_code_spans_and_urls_side_by_side_are_no_repeated_word(engine):
    """Two code spans (or two addresses) next to each other are two things, not « Doublon »."""
    raw = (
        "Les images `redis` `redis-cli` et les pages https://a.example.org https://b.example.org"
        " sont listées ici."
    )
    parsed = lesson(raw + "\n")
    block = parsed.blocks[0]
    read = ShownText(block.prose, block.raw).shown
    assert read == (
        f"Les images {CODE_PLACEHOLDER} {OTHER_CODE_PLACEHOLDER} et les pages"
        f" {CODE_PLACEHOLDER} {OTHER_CODE_PLACEHOLDER} sont listées ici."
    )
    assert engine.check(block.prose, block.raw) == []
    # The same sentence with one placeholder for every code: Grammalecte sees a repeated word.
    same = read.replace(OTHER_CODE_PLACEHOLDER, CODE_PLACEHOLDER)
    assert any("doublon" in issue.message.lower() for issue in engine.check(same))


def test_a_highlight_shortcode_gives_the_engine_no_code(engine):
    parsed = lesson(
        "Voici le fichier :\n{{< highlight dockerfile >}}\nFROM redis\nRUN echo redis redis\n"
        "{{< /highlight >}}\nEt la suite.\n"
    )
    (block,) = parsed.blocks
    assert ShownText(block.prose, block.raw).shown == "Voici le fichier : Et la suite."
    assert engine.check(block.prose, block.raw) == []


# --------------------------------------------------------------------------- started ahead


def test_an_engine_takes_the_child_started_ahead(require_grammalecte):
    """``spawn_ahead`` (the command line, before its configuration) starts the child
    the next engine of that interpreter uses; a second engine starts its own."""
    from courselint.grammar import child

    child.spawn_ahead(SYSTEM_PYTHON)
    ahead = child._AHEAD[SYSTEM_PYTHON]
    engine = GrammalecteEngine(SYSTEM_PYTHON)
    other = GrammalecteEngine(SYSTEM_PYTHON)
    try:
        assert engine.pid == ahead.pid and other.pid != ahead.pid
        assert SYSTEM_PYTHON not in child._AHEAD
        assert [issue.rule_id for issue in engine.check("Des progrès en terme de vitesse.")]
    finally:
        engine.close()
        other.close()


def test_a_child_no_engine_took_is_killed(require_grammalecte):
    from courselint.grammar import child

    child.spawn_ahead(SYSTEM_PYTHON)
    ahead = child._AHEAD[SYSTEM_PYTHON]
    child.discard_ahead()
    assert ahead.poll() is not None and child._AHEAD == {}


def test_the_command_line_starts_grammalecte_ahead_only_when_the_file_names_it(require_grammalecte, tmp_path, monkeypatch):
    """A guess from the raw file: the project of the first lesson, or ``--config``."""
    from courselint import ahead
    from courselint.grammar import child

    named, silent = tmp_path / "named", tmp_path / "silent"
    for folder, table in ((named, '[grammar]\nengine = "grammalecte"\n'), (silent, "")):
        (folder / "content").mkdir(parents=True)
        (folder / "courselint.toml").write_text(table, encoding="utf-8")
        (folder / "content" / "a.md").write_text("# A\n", encoding="utf-8")
    monkeypatch.chdir(silent)
    try:
        ahead._grammar_ahead(["check", str(silent / "content" / "a.md")])
        assert child._AHEAD == {}
        ahead._grammar_ahead(["check", str(named / "content" / "a.md")])
        assert list(child._AHEAD) == [SYSTEM_PYTHON]
        child.discard_ahead()
        ahead._grammar_ahead(["check", "--config", str(named / "courselint.toml"), "content/a.md"])
        assert list(child._AHEAD) == [SYSTEM_PYTHON]
    finally:
        child.discard_ahead()


def test_a_run_without_grammar_kills_the_child_started_ahead(require_grammalecte, tmp_path, monkeypatch):
    """``check --select CL4`` in a project naming Grammalecte: started ahead, stopped at once."""
    from courselint import cli
    from courselint.grammar import child

    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    taken = []
    real_discard = child.discard_ahead

    def watched() -> None:
        taken.extend(child._AHEAD.values())
        real_discard()

    monkeypatch.setattr(child, "discard_ahead", watched)
    assert cli.main(["check", "--no-cache", "--select", "CL4", "a.md"]) == 1
    assert taken and all(process.poll() is not None for process in taken)


_AHEAD_PROBE = """
import os, sys, time

class Probe:
    def find_spec(self, name, path=None, target=None):
        if name == "courselint.cli":
            from courselint import ahead
            from courselint.grammar import child
            speller = ahead._pending[1]
            ends = {os.readlink(f"/proc/self/fd/{p.stdin.fileno()}") for p in child._AHEAD.values()}
            for _ in range(200):  # the child closes them as its first step: a moment after the fork
                held = set()
                for fd in os.listdir(f"/proc/{speller.pid}/fd"):
                    try:
                        held.add(os.readlink(f"/proc/{speller.pid}/fd/{fd}"))
                    except OSError:
                        pass  # closed meanwhile
                if not ends & held:
                    break
                time.sleep(0.01)
            print("started:", len(child._AHEAD), "speller:", speller.pid is not None, "shared:", sorted(ends & held))
            speller.close()
            child.discard_ahead()
            raise SystemExit(0)
        return None

sys.meta_path.insert(0, Probe())
sys.argv = ["courselint", *sys.argv[1:]]
from courselint.__main__ import run
run()
"""


def test_the_program_starts_grammalecte_before_importing_the_command_line(require_grammalecte, tmp_path):
    """``python -m courselint`` and the installed script: for a check of a lesson in a
    project naming Grammalecte, Grammalecte's child is started and then the speller's
    forked before the command line's imports; the speller's child holds no end of
    Grammalecte's pipes (the fork copies them: it closes them)."""
    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "COURSELINT_NO_PRELOAD"}
    out = subprocess.run(
        [sys.executable, "-c", _AHEAD_PROBE, "check", "a.md"], cwd=tmp_path, env=env, capture_output=True, text=True,
        check=True,
    ).stdout
    assert out.strip() == "started: 1 speller: True shared: []", out


def test_the_command_line_takes_what_the_program_started(require_grammalecte, tmp_path, monkeypatch):
    """``cli.main`` uses the speller's child and Grammalecte's of ``ahead.start`` for the
    same arguments; for others it stops that speller and starts anew."""
    from courselint import ahead
    from courselint.grammar import child

    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COURSELINT_NO_PRELOAD", raising=False)
    ahead.start(["check", "a.md"])
    speller = ahead._pending[1]
    started = child._AHEAD[SYSTEM_PYTHON]
    try:
        assert ahead.take(["check", "a.md"]) is speller and ahead._pending is None
        assert child._AHEAD[SYSTEM_PYTHON] is started  # for the run's engine to take
        ahead.start(["check", "a.md"])
        other = ahead._pending[1]
        again = ahead.take(["check", "--select", "CL4", "a.md"])
        assert again is not other and again.pid is not None
        assert other.pid is None  # closed: its child is gone
        again.close()
    finally:
        speller.close()
        child.discard_ahead()


# --------------------------------------------------------------------------- alongside the other rules


def test_the_grammar_pass_runs_alongside_the_spelling_pass(require_grammalecte, tmp_path):
    """A run sends the lesson's paragraphs to Grammalecte before the spelling pass
    answers (the spelling pass here waits to see them sent), with the same findings
    as the grammar pass run on its own."""
    from courselint.rules.grammar import engine_key
    from courselint.spell.preload import SPELLER

    (tmp_path / "courselint.toml").write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
    path = tmp_path / "seed.md"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    config = config_module.load(tmp_path / "courselint.toml")
    grammalecte = GrammalecteEngine(SYSTEM_PYTHON)
    sent_before_spelling = []

    class WaitingSpeller:
        """Answers no unknown word, once Grammalecte was sent paragraphs (or after 30 s)."""

        def find_unknown(self, request):
            deadline = time.monotonic() + 30
            while grammalecte._next_id <= 1 and time.monotonic() < deadline:  # 1: the options request
                time.sleep(0.005)
            sent_before_spelling.append(grammalecte._next_id > 1)
            return []

    engines = {SPELLER: WaitingSpeller(), engine_key(dict(config.section("grammar"))): grammalecte}
    try:
        result = run([path], config, Selection(("CL4", "CL5"), ()), use_cache=False, engines=engines)
        alone = list(check_grammar(parse(str(path), path.read_bytes()), dict(config.section("grammar")), grammalecte))
    finally:
        grammalecte.close()
    assert sent_before_spelling == [True]
    grammar = sorted((f.code, f.line, f.column, f.message) for f in result.findings if f.code.startswith("CL5"))
    assert grammar and grammar == sorted((f.code, f.line, f.column, f.message) for f in alone)
