"""Nasty input through the real command: a clear finding, the right exit code, no crash.

Each case writes its file(s) into its own folder under ``tmp_path`` (the big ones
are generated, never committed) and runs ``courselint check --format json`` in a
subprocess with the default configuration (French spelling on, no grammar
engine).  Every case asserts:

* the exit status (1 when an error finding is expected);
* no ``Traceback`` on stderr, valid JSON on stdout;
* the expected codes at the expected path and line (and column when it matters);
* every finding lies inside its file;
* no hang (a subprocess timeout) and bounded memory: the child runs under an
  address-space limit and its peak resident set is read back with ``wait4``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

#: Address space allowed to the child: far above a normal run (~250 MB of
#: mappings for Python, markdown-it and the Hunspell dictionary), far below what
#: an alias bomb or a quadratic blow-up would need.
ADDRESS_SPACE_LIMIT = 2 * 1024**3
#: Peak resident memory allowed for one nasty file.
MAX_RSS_MB = 400
TIMEOUT = 240

FRONT = "---\ntitle: Leçon\nweight: 1\n---\n\n"


@dataclass
class Outcome:
    status: int
    findings: list[dict]
    stderr: str
    maxrss_mb: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def check(cwd: Path, *paths: str, extra: tuple[str, ...] = ()) -> Outcome:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "courselint", "check", "--no-cache", "--format", "json", *extra, *paths],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit_memory,
    )
    # Read the pipes in threads and reap the child ourselves: wait4 gives the
    # peak resident set of this child alone.
    chunks: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda name=name, stream=stream: chunks.__setitem__(name, stream.read()))
        for name, stream in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + TIMEOUT
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            pytest.fail(f"courselint check {' '.join(paths)} did not finish in {TIMEOUT} s")
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    stdout, stderr = chunks["out"], chunks["err"]
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    try:
        findings = json.loads(stdout.decode("utf-8"))
    except ValueError:
        pytest.fail(f"stdout is not JSON (status {proc.returncode}): {stdout[:500]!r}\n{text}")
    return Outcome(proc.returncode, findings, text, usage.ru_maxrss / 1024)


def line_count(path: Path) -> int:
    data = path.read_bytes()
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def assert_inside_files(cwd: Path, findings: list[dict]) -> None:
    lines_of: dict[str, int] = {}  # a 1 MB lesson has 11,000 findings: count its lines once
    for finding in findings:
        path = cwd / finding["path"]
        assert path.exists(), finding
        if finding["path"] not in lines_of:
            lines_of[finding["path"]] = max(1, line_count(path))
        lines = lines_of[finding["path"]]
        assert 1 <= finding["line"] <= finding["end_line"] <= lines, finding
        assert finding["column"] >= 1 and finding["end_column"] >= 1, finding


# --------------------------------------------------------------------------- the corpus


def billion_laughs(keys: tuple[str, ...]) -> str:
    """Nine levels of nine aliases: 9**9 strings if anything ever expands it."""
    lines = ["---", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    lines += [f"{key}: *{previous}" for key in keys]
    return "\n".join([*lines, "---", "", "Un texte.", ""])


def alias_flood(count: int) -> str:
    return "---\ntitle: Leçon\nweight: 1\nx: &x a\ny: [" + ", ".join(["*x"] * count) + "]\n---\n\nTexte.\n"


def one_long_line(size: int) -> str:
    sentence = "Une phrase ordinaire avec un mot tecnique, `du code` et un lien https://exemple.fr/page. "
    body = (sentence * (size // len(sentence) + 1))[:size]
    return FRONT + body + "\n"


def unterminated_po() -> str:
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\nmsgid "Bonjour"\nmsgstr "Hello\n\n'
        'msgid "Texte"\nmsgstr "Text"\n'
    )


def garbage_po() -> str:
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\nmsgid "Bonjour"\nmsgstr "Hello"\n\n'
        "ceci n'est pas du po\n\nmsgid \"Texte\"\nmsgstr \"Text\"\n"
    )


def wrong_plural_po() -> str:
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n"\n\n'
        'msgid "Bonjour"\nmsgstr "Hello"\n'
    )


@dataclass
class Case:
    id: str
    content: Callable[[], str | bytes]
    expect: list[tuple]  # (code, line) or (code, line, column)
    status: int = 1
    name: str = "lecon.md"
    extra: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()  # codes that must not be reported
    marks: list = field(default_factory=list)


CASES = [
    Case("empty", lambda: b"", [("CL106", 1, 1)], status=0),  # not a lesson: said once, a warning
    Case("front-matter-never-closed", lambda: "---\ntitle: Leçon\nweight: 1\n\nTexte.\n", [("CL006", 1, 1)]),
    Case("yaml-with-tabs", lambda: "---\ntitle: Leçon\n\tweight: 1\n---\n\nTexte.\n", [("CL003", 3, 1)]),
    Case("yaml-invalid", lambda: "---\ntitle: [non fermé\nweight: 1\n---\n\nTexte.\n", [("CL003", 3)]),
    Case(
        "billion-laughs",
        lambda: billion_laughs(("title", "weight", "pre", "draft", "description", "tags", "summary")),
        [("CL102", 11), ("CL102", 12), ("CL102", 13), ("CL102", 14)],
    ),
    Case("alias-flood", lambda: alias_flood(5000), [("CL003", 5)]),
    Case("front-matter-list", lambda: "---\n- a\n- b\n---\n\nTexte.\n", [("CL005", 2, 1)]),
    Case("front-matter-scalar", lambda: "---\njuste une phrase\n---\n\nTexte.\n", [("CL005", 2, 1)]),
    # Found by hypothesis: the finding sits on the value, not on the blank line above it.
    Case("front-matter-scalar-after-blank", lambda: "---\n\nle\n\n---\n", [("CL005", 3, 1)]),
    Case("toml-invalid", lambda: "+++\ntitle = 'Leçon'\nweight = \n+++\n\nTexte.\n", [("CL003", 3)]),
    Case("nul-bytes", lambda: b"---\ntitle: x\n---\n\nab\x00cd\n", [("CL004", 5, 3)], absent=("CL101",)),
    Case("binary", lambda: bytes(range(256)) * 64, [("CL004", 1, 1)]),
    Case(
        "latin-1",
        lambda: (FRONT + "Une leçon très simple.\n").encode("latin-1"),
        [("CL002", 2, 10)],
        absent=("CL101",),
    ),
    Case(
        "bom",
        lambda: ("\ufeff" + FRONT + "Un mot mal écrit : tecnique.\n").encode("utf-8"),
        [("CL401", 6, 20)],
        absent=("CL0", "CL101"),
    ),
    Case(
        "crlf",
        lambda: (FRONT + "Première ligne.\n\nUn mot mal écrit : tecnique.\n").replace("\n", "\r\n").encode(),
        [("CL401", 8, 20)],
        absent=("CL0", "CL101"),
    ),
    Case(
        "lone-cr",
        lambda: (FRONT + "Première ligne.\n\nUn mot mal écrit : tecnique.\n").replace("\n", "\r").encode(),
        [("CL401", 8, 20)],
        absent=("CL0", "CL101"),
    ),
    Case(
        # A word the Latin-1 English dictionary cannot encode once crashed the run.
        "letters-outside-latin-1",
        lambda: FRONT + "Le cœurr du système, la ville de Łódź, ŒUVRRE et AĀ.\n",
        [("CL401", 6, 4), ("CL401", 6, 40)],
    ),
    Case(
        "line-of-5-mb-model-only",
        lambda: one_long_line(5_000_000),
        [],
        status=0,
        extra=("--ignore", "CL4"),
    ),
    Case("line-of-1-mb-all-rules", lambda: one_long_line(1_000_000), [("CL401", 6, 34)]),
    Case("nested-lists-10000", lambda: FRONT + "- " * 10_000 + "niveau\n", [("CL007", 6, 1)]),
    Case(
        "unclosed-fence-in-quote",
        lambda: FRONT + "> ~~~~\n> echo ok\n\nTexte.\n",
        [("CL008", 6, 3)],
    ),
    Case(
        "closed-fences-and-shortcode-in-code",
        lambda: FRONT + "```\necho ok\n```\n\n> ~~~\n> x\n> ~~~~\n\nUn `{{< figure` en ligne.\n",
        [],
        status=0,
        absent=("CL008", "CL009"),
    ),
    Case("nested-quotes-10000", lambda: FRONT + ">" * 10_000 + " citation\n", [("CL007", 6, 1)]),
    Case("nested-mixed-10000", lambda: FRONT + "> - " * 5_000 + "niveau\n", [("CL007", 6, 1)]),
    Case(
        "nested-indented-lists",
        lambda: FRONT + "".join("    " * min(i, 150) + "- niveau\n" for i in range(2_000)),
        [("CL007",)],
    ),
    Case(
        # Sections and slides were once computed in quadratic time (12 s for 8,000).
        "20000-slides-and-headings",
        lambda: FRONT + "".join(f"## Partie {i}\n\nTexte.\n\n---\n\n" for i in range(20_000)),
        [],
        status=0,
    ),
    Case(
        # Positions were once found by scanning the paragraph's lines per finding.
        "paragraph-of-20000-lines-with-slips",
        lambda: FRONT + "Un mot tecnique ici.\n" * 20_000,
        [("CL401", 6, 8), ("CL401", 20_005, 8)],
    ),
    Case(
        # Cells were once located again from the row's start for every cell.
        "table-row-of-3000-cells",
        lambda: FRONT + "| a " * 3000 + "|\n" + "| --- " * 3000 + "|\n" + "| mot " * 2999 + "| motz |\n",
        [("CL401", 8, 6 * 2999 + 3)],
    ),
    Case(
        "unbalanced-shortcode",
        lambda: FRONT + '{{< figure src="a.png"\n\nUn paragrafe ici.\n\n{{% notice %}}\n\nTexte.\n',
        # The text after an unclosed shortcode is still checked.
        [("CL009", 6, 1), ("CL401", 8, 4)],
    ),
    Case(
        "unclosed-code-fence",
        lambda: FRONT + "Un paragrafe.\n\n```bash\necho ok\n\nUn autre paragrafe.\n",
        # The spelling rule accepts words seen in code blocks: the slip swallowed
        # by the fence also hides the one before it.  CL008 says why.
        [("CL008", 8, 1)],
    ),
    Case(
        "space and non-ascii é名",
        lambda: FRONT + "Un paragrafe.\n",
        [("CL401", 6, 4)],
        name="leçon d'été 名前.md",
    ),
    Case("po-garbage-line", garbage_po, [("CL609", 10)], name="en.po"),
    Case("po-wrong-plural-header", wrong_plural_po, [("CL610", 5)], name="en.po"),
    Case(
        "po-unterminated-string",
        unterminated_po,
        [("CL609", 8)],
        name="en.po",
    ),
]


def _write(folder: Path, case: Case) -> Path:
    folder.mkdir(parents=True)
    path = folder / case.name
    data = case.content()
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in CASES])
def test_nasty_file(tmp_path: Path, case: Case) -> None:
    folder = tmp_path / "cours" / "chapitre"
    path = _write(folder, case)
    relative = path.relative_to(tmp_path).as_posix()
    outcome = check(tmp_path, relative, extra=case.extra)

    assert outcome.status == case.status, (outcome.status, outcome.findings[:5], outcome.stderr)
    reported = {(f["code"], f["line"], f["column"]) for f in outcome.findings if f["path"] == relative}
    for expected in case.expect:
        matching = [r for r in reported if r[: len(expected)] == expected]
        assert matching, f"{expected} not in {sorted(reported)[:10]}"
    for prefix in case.absent:
        assert not [f for f in outcome.findings if f["code"].startswith(prefix)], outcome.findings
    assert all(f["path"] == relative for f in outcome.findings)
    assert_inside_files(tmp_path, outcome.findings)
    assert outcome.maxrss_mb < MAX_RSS_MB


def test_directory_with_every_nasty_lesson(tmp_path: Path) -> None:
    """All the lesson cases at once, through worker processes: same findings as one by one."""
    lessons = [c for c in CASES if c.name.endswith(".md") and not c.extra and "mb" not in c.id]
    for i, case in enumerate(lessons):
        _write(tmp_path / "cours" / f"{i:02d}", case)
    # Enough copies of a small lesson to cross the engine's parallel threshold.
    from courselint.engine import PARALLEL_THRESHOLD

    for i in range(PARALLEL_THRESHOLD):
        _write(tmp_path / "cours" / f"remplissage-{i:02d}", Case("x", lambda: FRONT + "Texte.\n", []))
    outcome = check(tmp_path, "cours", extra=("--jobs", "2"))
    assert outcome.status == 1
    assert_inside_files(tmp_path, outcome.findings)
    codes = {f["code"] for f in outcome.findings}
    assert {"CL002", "CL003", "CL004", "CL005", "CL006", "CL007", "CL401"} <= codes
    for i, case in enumerate(lessons):
        relative = f"cours/{i:02d}/{case.name}"
        reported = {(f["code"], f["line"], f["column"]) for f in outcome.findings if f["path"] == relative}
        for expected in case.expect:
            assert [r for r in reported if r[: len(expected)] == expected], (case.id, expected, reported)


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root reads any file whatever its mode: use a dangling symlink instead.
        (tmp_path / "lecon.md").symlink_to(tmp_path / "disparu.md")
    else:
        path = tmp_path / "lecon.md"
        path.write_text(FRONT, encoding="utf-8")
        path.chmod(0)
    outcome = check(tmp_path, "lecon.md")
    assert outcome.status == 1
    assert [(f["code"], f["line"]) for f in outcome.findings] == [("CL001", 1)]
