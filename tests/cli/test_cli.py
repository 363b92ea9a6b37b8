"""The real ``courselint`` command in a subprocess: exit codes, formats, options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROKEN = "---\ntitle: [non fermé\nweight: 1\n---\n\nTexte.\n"
CLEAN = "---\ntitle: Leçon\nweight: 1\n---\n\n# Leçon\n\nTexte.\n"


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "courselint", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "courselint.toml").write_text('paths = ["content"]\n', encoding="utf-8")
    chapter = tmp_path / "content" / "chap"
    chapter.mkdir(parents=True)
    (chapter / "_index.md").write_text("---\ntitle: Chapitre\n---\n", encoding="utf-8")
    (chapter / "lecon.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_clean_course_exits_zero_with_summary(course: Path) -> None:
    result = run("check", "--select", "CL0", cwd=course)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("Aucun problème")
    assert result.stderr == ""


def test_error_finding_exits_one_with_exact_position(course: Path) -> None:
    (course / "content" / "chap" / "casse.md").write_text(BROKEN, encoding="utf-8")
    result = run("check", "--select", "CL0", cwd=course)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("content/chap/casse.md:3:")
    assert " CL003 " in first
    assert "Traceback" not in result.stderr


def test_json_has_the_documented_fields(course: Path) -> None:
    (course / "content" / "chap" / "casse.md").write_text(BROKEN, encoding="utf-8")
    result = run("check", "--format", "json", "--select", "CL0", cwd=course)
    data = json.loads(result.stdout)
    assert len(data) == 1
    item = data[0]
    for key in ("path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message"):
        assert key in item
    assert item["code"] == "CL003"
    assert item["rule"] == "input.front-matter-syntax"
    assert item["severity"] == "error"


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "missing-folder"], "chemin introuvable"),
        (["check", "--bogus"], "arguments inconnus"),
        (["check", "--select", "CL999"], "code ou règle inconnu"),
        (["check", "--jobs", "x"], "valeur int invalide"),
        (["frobnicate"], "choix invalide"),
    ],
)
def test_usage_errors_exit_two_with_one_line(course: Path, args, message: str) -> None:
    result = run(*args, cwd=course)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_unknown_config_key_names_file_and_key(course: Path) -> None:
    (course / "courselint.toml").write_text('selct = ["CL4"]\n', encoding="utf-8")
    result = run("check", cwd=course)
    assert result.returncode == 2
    assert result.stderr.strip() == "courselint: erreur : " + str(
        (course / "courselint.toml").resolve()
    ) + ": clé inconnue 'selct'"


def test_wrong_config_type_is_a_usage_error(course: Path) -> None:
    (course / "courselint.toml").write_text('jobs = "deux"\n', encoding="utf-8")
    result = run("check", cwd=course)
    assert result.returncode == 2
    assert "'jobs' doit être de type entier" in result.stderr


def test_config_in_pyproject_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.courselint]\nignore = ["CL003"]\n', encoding="utf-8"
    )
    sub = tmp_path / "content"
    sub.mkdir()
    (sub / "casse.md").write_text(BROKEN, encoding="utf-8")
    result = run("check", "content/casse.md", "--select", "CL0", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_courselint_toml_wins_over_pyproject_in_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.courselint]\nignore = ["CL003"]\n', encoding="utf-8")
    (tmp_path / "courselint.toml").write_text("ignore = []\n", encoding="utf-8")
    (tmp_path / "casse.md").write_text(BROKEN, encoding="utf-8")
    assert run("check", "casse.md", "--select", "CL0", cwd=tmp_path).returncode == 1


def test_command_line_ignore_and_severity_override(course: Path) -> None:
    (course / "content" / "chap" / "casse.md").write_text(BROKEN, encoding="utf-8")
    assert run("check", "--select", "CL0", "--ignore", "CL003", cwd=course).returncode == 0
    (course / "courselint.toml").write_text(
        'paths = ["content"]\n[severity]\nCL003 = "warning"\n', encoding="utf-8"
    )
    result = run("check", "--select", "CL0", "--format", "json", cwd=course)
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["severity"] == "warning"


def test_binary_file_is_a_finding_not_a_traceback(course: Path) -> None:
    lesson = course / "content" / "chap" / "binaire.md"
    lesson.write_bytes(b"a\nb\x00c")
    result = run("check", "--select", "CL0", cwd=course)
    assert result.returncode == 1
    assert result.stdout.startswith("content/chap/binaire.md:2:2: error CL004 input.binary ")
    assert "Traceback" not in result.stderr


def test_sarif_output_file(course: Path) -> None:
    (course / "content" / "chap" / "casse.md").write_text(BROKEN, encoding="utf-8")
    result = run("check", "--format", "sarif", "--output", "out.sarif", "--select", "CL0", cwd=course)
    assert result.returncode == 1
    assert result.stdout == ""
    sarif = json.loads((course / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["tool"]["driver"]["rules"][0]["id"] == "CL003"
    region = run_["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 3
    assert run_["results"][0]["level"] == "error"


def test_github_annotations(course: Path) -> None:
    (course / "content" / "chap" / "casse.md").write_text(BROKEN, encoding="utf-8")
    result = run("check", "--format", "github", "--select", "CL0", cwd=course)
    line = result.stdout.strip()
    assert line.startswith("::error file=content/chap/casse.md,line=3,col=")
    assert "title=CL003 input.front-matter-syntax::" in line


def test_gitlab_code_quality(course: Path) -> None:
    (course / "content" / "chap" / "casse.md").write_text(BROKEN, encoding="utf-8")
    result = run("check", "--format", "gitlab", "--select", "CL0", cwd=course)
    issues = json.loads(result.stdout)
    assert issues[0]["check_name"] == "input.front-matter-syntax"
    assert issues[0]["severity"] == "major"
    assert issues[0]["location"]["path"] == "content/chap/casse.md"
    assert issues[0]["location"]["positions"]["begin"]["line"] == 3
    assert len(issues[0]["fingerprint"]) == 64


def test_version_and_rules(course: Path) -> None:
    version = run("--version", cwd=course)
    assert version.returncode == 0 and version.stdout.startswith("courselint ")
    rules = run("rules", cwd=course)
    assert "CL003" in rules.stdout and "input.front-matter-syntax" in rules.stdout


def test_generated_translations_are_not_checked_as_french(course: Path) -> None:
    (course / "courselint.toml").write_text('paths = ["content"]\nlocales = ["en"]\n', encoding="utf-8")
    (course / "content" / "chap" / "lecon.en.md").write_bytes(b"\x00")
    result = run("check", "--select", "CL0", cwd=course)
    assert result.returncode == 0, result.stdout
    assert "2 leçons" in result.stdout


def _stderr_on_a_terminal(course: Path, env: dict) -> tuple[int, str]:
    """Run ``check`` with stderr on a real pseudo-terminal; what the terminal received.

    Piped stderr turns progress off by itself, so only a terminal shows whether
    ``PRE_COMMIT``/``CI`` are what turns it off.
    """
    import pty

    environment = {**os.environ, "NO_COLOR": "1", **env}
    for name in ("PRE_COMMIT", "CI"):
        if name not in env:
            environment.pop(name, None)
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "courselint", "check", "--select", "CL0", "--no-cache"],
            cwd=course, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=terminal,
        )
        os.close(terminal)
        terminal = -1
        received = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the child closed its end
                break
            if not chunk:
                break
            received += chunk
        process.stdout.read()
        returncode = process.wait(timeout=120)
    finally:
        os.close(controller)
        if terminal != -1:
            os.close(terminal)
    return returncode, received.decode("utf-8")


def test_progress_on_a_terminal_but_not_under_pre_commit_or_ci(course: Path) -> None:
    (course / "content" / "chap" / "autre.md").write_text(CLEAN, encoding="utf-8")
    code, shown = _stderr_on_a_terminal(course, {})
    assert code == 0
    # The terminal does show progress (_index.md is a lesson too: 3 files).
    assert "\r3/3 fichiers vérifiés" in shown
    for env in ({"PRE_COMMIT": "1"}, {"CI": "true"}):
        code, shown = _stderr_on_a_terminal(course, env)
        assert code == 0
        assert shown == "", env


def test_add_word_writes_the_project_list_and_refuses_phrases(course: Path) -> None:
    assert run("add-word", "Kubespray", "Traefik", cwd=course).returncode == 0
    words = (course / ".courselint-words.txt").read_text(encoding="utf-8").split()
    assert "Kubespray" in words and "Traefik" in words
    result = run("add-word", "deux mots", cwd=course)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("rules", "CL401"), ("rules",), ("--version",)])
def test_output_that_cannot_be_written_is_an_error_not_a_success(tmp_path, args):
    """The program exits without the interpreter's final flush (cli.console): the last
    buffer of a short output is written before, and a full disk is exit 2 with a reason."""
    # Buffered, as a program's output to a file is: unbuffered, argparse's own print
    # of --version meets the error itself and ignores it.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "courselint", *args], cwd=tmp_path, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120, env=env)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "courselint" in done.stderr
