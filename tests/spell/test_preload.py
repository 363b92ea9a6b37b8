"""The spelling child process of ``spell/preload.py``: same findings, never in the way.

Real processes throughout: a real fork, real pipes, real Hunspell in the child,
and the real command in a subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from courselint import config as config_module
from courselint.document import parse
from courselint.engine import Selection, run
from courselint.rules.spelling import check_spelling
from courselint.spell import preload
from courselint.spell.speller import SpellRequest, checker_for, find_unknown

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the preloaded speller needs fork")

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.md"
SLIPS = "---\ntitle: Leçon\nweight: 1\n---\n\n# Leçon\n\nLa consomemation du conteneur est staandard, `podman` aussi.\n"


def _request() -> SpellRequest:
    lesson = parse(str(SEED), SEED.read_bytes())
    return SpellRequest(tuple((b.prose, b.raw) for b in lesson.blocks), frozenset({"podman"}))


def _gone(pid: int) -> bool:
    """True once the child has been reaped (no zombie left behind)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_child_answers_as_the_local_checker():
    speller = preload.PreloadedSpeller({})
    pid = speller.pid
    try:
        request = _request()
        remote = speller.find_unknown(request)
        assert remote == find_unknown(request, checker_for({}))
        assert {item.word for item in remote} >= {"consomemation", "staandard", "identiie"}
        assert speller.pid == pid  # answered by the child, not by the fallback
    finally:
        speller.close()
    assert _gone(pid)


def test_a_dead_child_means_a_local_check_not_an_error():
    speller = preload.PreloadedSpeller({})
    pid = speller.pid
    os.kill(pid, signal.SIGKILL)
    try:
        request = _request()
        assert speller.find_unknown(request) == find_unknown(request, checker_for({}))
        assert speller.pid is None  # closed after the failure
    finally:
        speller.close()
    assert _gone(pid)


def test_an_unused_child_is_stopped_and_reaped():
    speller = preload.PreloadedSpeller({})
    pid = speller.pid
    speller.close()
    assert _gone(pid)
    speller.close()  # twice is fine


def test_the_engine_uses_the_preloaded_speller(tmp_path):
    lesson = tmp_path / "lecon.md"
    lesson.write_text(SLIPS, encoding="utf-8")
    config = config_module.load(None, start=tmp_path)
    speller = preload.PreloadedSpeller(preload.spelling_settings(config))
    try:
        result = run([lesson], config, Selection(select=("CL401",)), jobs=1, use_cache=False,
                     engines={"spelling.hunspell": speller})
        assert speller.used
    finally:
        speller.close()
    assert [f.word for f in result.findings] == ["consomemation", "staandard"]
    local = list(check_spelling(parse(str(lesson), lesson.read_bytes()), {}, checker_for({})))
    assert result.findings == local


def test_wanted_only_for_a_few_files_with_spelling_on(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSELINT_NO_PRELOAD", raising=False)
    lesson = tmp_path / "lecon.md"
    lesson.write_text(SLIPS, encoding="utf-8")
    config = config_module.load(None, start=tmp_path)
    everything = Selection()
    assert preload.wanted([lesson], config, everything)
    assert not preload.wanted([tmp_path], config, everything)  # a folder: the engine's workers
    assert not preload.wanted([], config, everything)
    assert not preload.wanted([lesson] * config_module.PARALLEL_THRESHOLD, config, everything)
    assert not preload.wanted([tmp_path / "fr.po"], config, everything)
    assert not preload.wanted([lesson], config, Selection(ignore=("CL4",)))
    assert not preload.wanted([lesson], config, Selection(select=("CL2",)))
    no_spelling = config_module.load(None, start=tmp_path, overrides={"spelling": {"engine": None}})
    assert not preload.wanted([lesson], no_spelling, everything)
    monkeypatch.setenv("COURSELINT_NO_PRELOAD", "1")
    assert not preload.wanted([lesson], config, everything)


def test_the_command_gives_the_same_report_with_and_without_it(tmp_path):
    lesson = tmp_path / "lecon.md"
    lesson.write_text(SLIPS, encoding="utf-8")
    seed = tmp_path / "seed.md"
    seed.write_bytes(SEED.read_bytes())
    outputs = []
    for extra in ({}, {"COURSELINT_NO_PRELOAD": "1"}):
        env = {**os.environ, "NO_COLOR": "1", **extra}
        if not extra:
            env.pop("COURSELINT_NO_PRELOAD", None)
        done = subprocess.run(
            [sys.executable, "-m", "courselint", "check", "--no-cache", "--format", "json", "lecon.md", "seed.md"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert '"word": "consomemation"' in outputs[0]


def test_likely_only_for_check_with_a_lesson(monkeypatch):
    monkeypatch.delenv("COURSELINT_NO_PRELOAD", raising=False)
    assert preload.likely(["check", "content/a.md"])
    assert preload.likely(["check", "--no-cache", "a.md", "b.po"])
    assert not preload.likely(["check"])
    assert not preload.likely(["check", "content"])
    assert not preload.likely(["extract", "a.md"])
    assert not preload.likely([])
    monkeypatch.setenv("COURSELINT_NO_PRELOAD", "1")
    assert not preload.likely(["check", "a.md"])


def test_whole_course_likely_for_check_without_a_lesson_file(monkeypatch):
    """Folders or the configured paths: the dictionary is loaded ahead on a thread."""
    monkeypatch.delenv("COURSELINT_NO_PRELOAD", raising=False)
    assert preload.whole_course_likely(["check"])
    assert preload.whole_course_likely(["check", "--no-cache", "content", "locales"])
    assert not preload.whole_course_likely(["check", "content", "content/a.md"])
    assert not preload.whole_course_likely(["extract", "content"])
    assert not preload.whole_course_likely([])
    monkeypatch.setenv("COURSELINT_NO_PRELOAD", "1")
    assert not preload.whole_course_likely(["check", "content"])


def test_no_child_when_the_command_line_selects_no_spelling_rule():
    """``--select`` replaces the configuration's list: without CL401/CL402 in it, no
    spelling pass can run, and a child would only take a core from Grammalecte."""
    assert not preload.spelling_may_run(["check", "--select", "CL5", "a.md"])
    assert not preload.spelling_may_run(["check", "--select=CL501,CL1", "--select", "CL3", "a.md"])
    assert not preload.spelling_may_run(["check", "--select", "CL4", "--ignore", "CL401,spelling.ligature", "a.md"])
    assert preload.spelling_may_run(["check", "a.md"])
    assert preload.spelling_may_run(["check", "--select", "CL5,CL401", "a.md"])
    assert preload.spelling_may_run(["check", "--select", "spelling.ligature", "a.md"])
    assert preload.spelling_may_run(["check", "--select", "ALL", "a.md"])
    # --ignore alone is no certainty: the configuration's select may be more specific.
    assert preload.spelling_may_run(["check", "--ignore", "CL4", "a.md"])


def test_a_child_never_configured_is_stopped_and_reaped():
    """The command line forks before reading its arguments, then may not need the child."""
    speller = preload.PreloadedSpeller()
    pid = speller.pid
    speller.close()
    assert _gone(pid)


def test_the_child_takes_another_variant_than_the_one_it_preloaded():
    speller = preload.PreloadedSpeller({"variant": "classique"})
    try:
        request = SpellRequest((("Il faut connaitre la consomemation.", "Il faut connaitre la consomemation."),))
        words = [item.word for item in speller.find_unknown(request)]
        assert speller.pid is not None  # answered by the child
    finally:
        speller.close()
    assert words == ["connaitre", "consomemation"]  # « connaître » only, in the classic spelling


_PROBE = """
import sys, threading

class Probe:
    def find_spec(self, name, path=None, target=None):
        if name == "courselint.cli":
            loading = [t.name for t in threading.enumerate() if t.name.startswith("courselint-") and t.is_alive()]
            print("loading when the command line is imported:", loading)
            raise SystemExit(0)
        return None

sys.meta_path.insert(0, Probe())
sys.argv = ["courselint", *sys.argv[1:]]
from courselint.__main__ import run
run()
"""


@pytest.mark.parametrize(
    "arguments, loading",
    [(["check", "--no-cache", "content"], True), (["check", "content/a.md"], False), (["extract", "content"], False)],
)
def test_the_program_starts_the_dictionary_before_importing_the_command_line(tmp_path, arguments, loading):
    """``python -m courselint`` and the installed script (both ``courselint.__main__:run``):
    a check of folders has the dictionary loading before the command line's imports."""
    env = {k: v for k, v in os.environ.items() if k != "COURSELINT_NO_PRELOAD"}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *arguments], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("loading when the command line is imported:"), out
    assert ("courselint-toutes-variantes" in out) is loading, out
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'courselint = "courselint.__main__:run"' in pyproject
