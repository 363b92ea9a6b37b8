"""Output formats under hostile file names, a closed pipe and a damaged cache.

SARIF is validated against the official SARIF 2.1.0 schema (vendored in
``sarif/``, see its LICENCE.md) with ``jsonschema``'s format checker; the URI
validator ``rfc3986-validator`` is installed (a test extra), without which
``uri-reference`` would not be checked at all — the first test makes sure it is.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker

from robust_run import LESSON, project, run

from tests.shared_corpus import LEARN_SITE

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
CORPUS = LEARN_SITE
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.md"
#: Folder names whose characters a raw path would break in a URI.
AWKWARD = ("avec espace", "accentué é", "dièse#1", "pour%cent", "question?", "crochets[1]")


def _validator() -> Draft4Validator:
    return Draft4Validator(SCHEMA, format_checker=FormatChecker())


def test_the_validator_checks_uri_references() -> None:
    """A raw path is no valid URI reference: the format checker must say so (else it checks nothing)."""
    broken = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [
                    {
                        "message": {"text": "m"},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "avec espace/dièse#1#b.md"}}}],
                    }
                ],
            }
        ],
    }
    errors = list(_validator().iter_errors(broken))
    assert any("uri-reference" in error.message for error in errors), errors


def _course_with_awkward_names(root: Path) -> list[Path]:
    project(root)
    seed = SEED.read_text(encoding="utf-8")
    lessons = []
    for name in AWKWARD:
        lesson = root / "content" / name / "leçon.md"
        lesson.parent.mkdir(parents=True)
        lesson.write_text(seed, encoding="utf-8")
        lessons.append(lesson)
    # A name that is not UTF-8 (git and Linux allow it).
    raw = os.fsencode(root / "content" / "chap") + b"/le\xe7on-latin1.md"
    with open(raw, "wb") as handle:
        handle.write(b"---\ntitle: Le\xc3\xa7on\nweight: 2\n---\n\nUn texte avec une fote.\n")
    return lessons


def _sarif(root: Path, *paths: str) -> dict:
    result = run("check", "--no-cache", "--format", "sarif", *paths, cwd=root)
    assert result.status in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_sarif_of_awkward_names_validates_and_points_at_the_files(tmp_path: Path) -> None:
    lessons = _course_with_awkward_names(tmp_path)
    document = _sarif(tmp_path, "content")
    errors = [error.message for error in _validator().iter_errors(document)]
    assert errors == []
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in document["runs"][0]["results"]
        for loc in result["locations"]
    }
    # Each URI, decoded as RFC 3986 says, names an existing file: the bytes of the name come back.
    for uri in uris:
        path = tmp_path / os.fsdecode(urllib.parse.unquote_to_bytes(uri))
        assert path.exists(), uri
    for lesson in lessons:
        assert any(os.fsdecode(urllib.parse.unquote_to_bytes(u)) == str(lesson.relative_to(tmp_path)) for u in uris)
    assert any(b"\xe7" in urllib.parse.unquote_to_bytes(u) for u in uris)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repository")
def test_sarif_of_the_sample_course_validates(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(CORPUS, site, symlinks=True)
    (site / "courselint.toml").write_text("", encoding="utf-8")
    document = _sarif(site, "content")
    assert document["runs"][0]["results"], "the sample course has findings to encode"
    assert [error.message for error in _validator().iter_errors(document)] == []


def test_gitlab_report_has_lines_begin(tmp_path: Path) -> None:
    lesson = project(tmp_path)
    lesson.write_text(LESSON + "\nUne fote ici.\n", encoding="utf-8")
    result = run("check", "--no-cache", "--format", "gitlab", "content", cwd=tmp_path)
    issues = json.loads(result.stdout)
    lines = lesson.read_text(encoding="utf-8").splitlines()
    assert issues
    for issue in issues:
        begin = issue["location"]["lines"]["begin"]
        assert issue["location"]["path"] == "content/chap/lecon.md"
        assert "fote" in lines[begin - 1] or issue["check_name"] != "spelling.unknown-word"


def test_text_output_never_prints_controls_from_names_or_messages(tmp_path: Path) -> None:
    project(tmp_path)
    hostile = tmp_path / "content" / "chap" / "x\n::error file=a::injecté\x1b[31m.md"
    hostile.write_text(LESSON + "\nUne fote.\n", encoding="utf-8")
    result = run("check", "--no-cache", "content", cwd=tmp_path)
    assert result.status == 1
    assert "\x1b" not in result.stdout
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    finding_lines = [line for line in result.stdout.splitlines() if "CL401" in line]
    assert finding_lines and all("\\n::error" in line and "\\x1b" in line for line in finding_lines)


def test_non_utf8_names_in_every_format_and_output(tmp_path: Path) -> None:
    _course_with_awkward_names(tmp_path)
    for fmt in ("text", "json", "github", "gitlab", "sarif"):
        result = run("check", "--no-cache", "--format", fmt, "content", cwd=tmp_path)
        assert result.status == 1, (fmt, result.stderr)
        # The undecodable byte written \xe7 (JSON doubles the backslash) or %E7 (a URI).
        assert any(form in result.stdout for form in ("le\\xe7on-latin1.md", "le\\\\xe7on", "le%E7on")), fmt
        result = run("check", "--no-cache", "--format", fmt, "--output", f"rapport.{fmt}", "content", cwd=tmp_path)
        assert result.status == 1, (fmt, result.stderr)
        (tmp_path / f"rapport.{fmt}").read_text(encoding="utf-8")  # valid UTF-8
    (tmp_path / "courselint.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    result = run("extract", "content", cwd=tmp_path)
    assert result.status in (0, 1), result.stderr


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    lesson = project(tmp_path)
    # Thousands of unknown words: far more output than a pipe holds.
    lesson.write_text(LESSON + "\n" + " ".join(f"motinconnu{i:05d}x" for i in range(6000)) + "\n", encoding="utf-8")
    proc = subprocess.run(
        f"{sys.executable} -m courselint check --no-cache content | head -1",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.stdout.decode().count("\n") == 1
    assert proc.stderr == b"", proc.stderr.decode()


@pytest.mark.parametrize(
    "damage",
    ["{}", '"x"', '[{"path": "a", "line": NaN}]', "[" * 100_000 + "]" * 100_000, "[1, 2]"],
    ids=["empty-object", "string", "nan", "deep", "numbers"],
)
def test_damaged_cache_entries_are_misses(tmp_path: Path, damage: str) -> None:
    lesson = project(tmp_path)
    lesson.write_text(LESSON + "\nUne fote et une otre.\n", encoding="utf-8")
    first = run("check", "--format", "json", "content", cwd=tmp_path)
    entries = [p for p in (tmp_path / ".courselint_cache").rglob("*.json")]
    assert entries
    for entry in entries:
        entry.write_text(damage, encoding="utf-8")
    second = run("check", "--format", "json", "content", cwd=tmp_path)
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert "NaN" not in second.stdout
