"""The published hooks (``.pre-commit-hooks.yaml``) run through the real ``pre-commit``.

Each test builds a small course in a temporary git repository and lets pre-commit do
what it does for a course repository: clone *this checkout* at its committed ``HEAD``,
pip-install courselint into a fresh virtualenv, and run the hooks on the course.  So
these tests exercise the manifest and the package install, not the working tree: a
change is tested here once it is committed.

They are slow (a virtualenv install), so there are few of them and the pre-commit store
(``PRE_COMMIT_HOME``) is shared by the whole session; ``try-repo`` always installs into
a store of its own, once.  They need ``git`` and ``pre-commit``; they skip without them
on a laptop, never when ``CI`` is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IN_CI = bool(os.environ.get("CI"))


def _missing_tool() -> str | None:
    if shutil.which("git") is None:
        return "git est introuvable"
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return "le paquet pre-commit n'est pas installé (extra [test])"
    probe = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        return f"{ROOT} n'est pas un dépôt git avec un commit : {probe.stderr.strip()}"
    return None


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    missing = _missing_tool()
    if missing and IN_CI:
        pytest.fail(f"{missing} : ce test ne se saute pas en CI")
    if missing:
        pytest.skip(missing)


def _committed(path: str) -> bool:
    """Whether ``path`` exists in this checkout's HEAD, the state pre-commit installs."""
    probe = subprocess.run(
        ["git", "cat-file", "-e", f"HEAD:{path}"], cwd=ROOT, capture_output=True, check=False
    )
    return probe.returncode == 0


def _needs(*paths: str):
    missing = [path for path in paths if not _committed(path)]
    return pytest.mark.xfail(
        bool(missing),
        reason=f"pas encore dans le commit HEAD : {', '.join(missing)}",
        strict=False,
    )


SPELLING = "src/courselint/rules/spelling.py"
CHAPTER_RULES = "src/courselint/rules/frontmatter.py"
EXTRACT = "src/courselint/i18n/extract.py"

# --------------------------------------------------------------------------- a course


PYPROJECT = """\
[tool.courselint]
paths = ["content"]
locales = ["en"]
"""

INDEX = """\
---
title: "1. Les conteneurs"
weight: 1
pre: "<b>1. </b>"
---

# Les conteneurs

Ce chapitre présente les conteneurs.
"""

TYPO = "Les conteneurs réduisent la consomemation de ressources des serveurs."
FIXED = "Les conteneurs réduisent la consommation de ressources des serveurs."


def lesson(number: int, weight: int, sentence: str = "Ce cours présente les conteneurs.") -> str:
    return (
        "---\n"
        f'title: "1.0{number} Les conteneurs, partie {number}"\n'
        f'pre: "<b>1.0{number} </b>"\n'
        f"weight: {weight}\n"
        "---\n"
        "\n"
        f"# Les conteneurs, partie {number}\n"
        "\n"
        f"{sentence}\n"
    )


def lesson_path(number: int) -> str:
    return f"content/chap/1-0{number}-conteneurs.md"


def environment(pre_commit_home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # A test run from inside a git hook must not act on the outer repository.
        if key not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "FORCE_COLOR")
    }
    env.update(
        PRE_COMMIT_HOME=str(pre_commit_home),
        NO_COLOR="1",
        GIT_AUTHOR_NAME="Autrice",
        GIT_AUTHOR_EMAIL="autrice@example.org",
        GIT_COMMITTER_NAME="Autrice",
        GIT_COMMITTER_EMAIL="autrice@example.org",
        # A signing setup on the developer's machine must not get in the way.
        GIT_CONFIG_COUNT="1",
        GIT_CONFIG_KEY_0="commit.gpgsign",
        GIT_CONFIG_VALUE_0="false",
    )
    return env


def sh(*command: str, cwd: Path, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess:
    """Run a command; stdout and stderr together, as an author would read them."""
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return sh(sys.executable, "-m", "pre_commit", *args, cwd=cwd, env=env)


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return sh("git", *args, cwd=cwd, env=env)


def new_course(folder: Path, env: dict[str, str], lessons: dict[int, str]) -> Path:
    (folder / "content" / "chap").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / "content" / "chap" / "_index.md").write_text(INDEX, encoding="utf-8")
    for number, text in lessons.items():
        (folder / lesson_path(number)).write_text(text, encoding="utf-8")
    assert git("init", "-q", cwd=folder, env=env).returncode == 0
    return folder


def use_this_checkout(course: Path, head: str) -> None:
    """The config a course repository writes, with this checkout's HEAD as ``rev``."""
    (course / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"-   repo: {ROOT}\n"
        f"    rev: {head}\n"
        "    hooks:\n"
        "    -   id: courselint\n"
        "    -   id: courselint-extract\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def head() -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def summaries(output: str) -> list[int]:
    """Lessons counted by each courselint process (one summary line per process)."""
    return [int(n) for n in re.findall(r"\((\d+) leçons? (?:et \d+ catalogues? )?vérifiées?\)", output)]


# --------------------------------------------------------------------------- tests


@_needs(SPELLING, CHAPTER_RULES)
def test_try_repo_checks_every_lesson_even_split_across_processes(
    tmp_path: Path, pre_commit_home: Path, head: str
) -> None:
    """``pre-commit try-repo`` on this checkout: typo and chapter conflict found, README left alone.

    Five lessons and the chapter's ``_index.md``: pre-commit splits six files into two
    processes (``TRAVIS`` is pre-commit's own switch that caps its concurrency at two, so
    the split happens whatever the machine's CPU count).  Lessons 2 and 3 share a weight
    (CL104): each process reads the whole chapter and reports on the files it was given.
    """
    env = environment(pre_commit_home)
    env["TRAVIS"] = "1"
    weights = {1: 10, 2: 20, 3: 20, 4: 40, 5: 50}
    lessons = {n: lesson(n, w) for n, w in weights.items()}
    lessons[4] = lesson(4, 40, TYPO)
    course = new_course(tmp_path / "course", env, lessons)
    (course / "README.md").write_text("# Mon cours\n\nPas une leçon.\n", encoding="utf-8")
    git("add", "-A", cwd=course, env=env)

    result = pre_commit(
        "try-repo", str(ROOT), "courselint", "--ref", head, "--all-files", cwd=course, env=env
    )
    out = result.stdout

    assert result.returncode == 1, out
    assert f"{lesson_path(4)}:9:29: error CL401 spelling.unknown-word" in out, out
    assert "consomemation" in out
    assert re.search(r"content/chap/1-0[23]-conteneurs\.md:4:\d+: error CL104 ", out), out
    assert "README.md:" not in out  # root-level Markdown is not a lesson
    counted = summaries(out)
    assert len(counted) == 2, out  # two processes…
    assert sum(counted) == 6, out  # …that checked the six files between them


@_needs(CHAPTER_RULES)
def test_one_staged_lesson_still_sees_its_chapter(tmp_path: Path, pre_commit_home: Path, head: str) -> None:
    """Only lesson 3 is given: its weight clashes with lesson 2, which pre-commit did not pass."""
    env = environment(pre_commit_home)
    course = new_course(
        tmp_path / "course", env, {1: lesson(1, 10), 2: lesson(2, 20), 3: lesson(3, 20)}
    )
    use_this_checkout(course, head)
    git("add", "-A", cwd=course, env=env)

    result = pre_commit("run", "courselint", "--files", lesson_path(3), cwd=course, env=env)

    assert result.returncode == 1, result.stdout
    assert re.search(rf"{re.escape(lesson_path(3))}:4:\d+: error CL104 .*1\.02", result.stdout), result.stdout
    assert lesson_path(2) + ":" not in result.stdout  # not given, so not reported on
    assert summaries(result.stdout) == [1]


@_needs(SPELLING, EXTRACT)
def test_commits_refused_then_accepted(tmp_path: Path, pre_commit_home: Path, head: str) -> None:
    """Real ``git commit`` with the hooks installed: typo refused, catalogs refreshed once."""
    env = environment(pre_commit_home)
    course = new_course(tmp_path / "course", env, {1: lesson(1, 10)})
    use_this_checkout(course, head)
    installed = pre_commit("install", cwd=course, env=env)
    assert installed.returncode == 0, installed.stdout
    source = course / lesson_path(1)

    def commit(message: str) -> subprocess.CompletedProcess:
        git("add", "-A", cwd=course, env=env)
        return git("commit", "-m", message, cwd=course, env=env)

    def commits() -> int:
        log = git("rev-list", "--count", "HEAD", cwd=course, env=env)
        return int(log.stdout) if log.returncode == 0 else 0

    def template() -> str:
        pots = sorted((course / "locales").rglob("*.pot"))
        assert pots, "aucun modèle .pot écrit sous locales/"
        return "\n".join(p.read_text(encoding="utf-8") for p in pots)

    # A new lesson: clean, but its catalogs do not exist yet → written, commit refused once.
    first = commit("Première leçon")
    assert first.returncode != 0, first.stdout
    assert re.search(r"courselint \(leçons et catalogues\)\.+Passed", first.stdout), first.stdout
    assert re.search(r"courselint extract \(catalogues à jour\)\.+Failed", first.stdout), first.stdout
    assert "écrit : locales/" in first.stdout
    assert "Ce cours présente les conteneurs." in template()
    assert commits() == 0
    second = commit("Première leçon")
    assert second.returncode == 0, second.stdout
    assert commits() == 1

    # A typo: refused, with the finding at its line and column.
    source.write_text(lesson(1, 10, TYPO), encoding="utf-8")
    refused = commit("Une phrase avec une faute")
    assert refused.returncode != 0, refused.stdout
    assert f"{lesson_path(1)}:9:29: error CL401 " in refused.stdout, refused.stdout
    assert "consomemation" in refused.stdout
    assert commits() == 1

    # Fixed: courselint passes; the template still holds the old sentence → refreshed once.
    source.write_text(lesson(1, 10, FIXED), encoding="utf-8")
    refreshed = commit("Une phrase corrigée")
    assert refreshed.returncode != 0, refreshed.stdout
    assert re.search(r"courselint \(leçons et catalogues\)\.+Passed", refreshed.stdout), refreshed.stdout
    assert re.search(r"courselint extract \(catalogues à jour\)\.+Failed", refreshed.stdout)
    assert FIXED in template() and TYPO not in template()
    accepted = commit("Une phrase corrigée")
    assert accepted.returncode == 0, accepted.stdout
    assert commits() == 2
    status = git("status", "--porcelain", cwd=course, env=env)
    assert status.stdout == ""  # nothing left for the author to stage
    tracked = git("ls-files", "locales", cwd=course, env=env).stdout.split()
    assert "locales/chap/1-01-conteneurs.pot" in tracked, tracked
    assert "locales/en/chap/1-01-conteneurs.po" in tracked, tracked
    # The hook tells the author to `git add` the catalogs: nothing else may sit there
    # untracked and unignored (a lock file, a temporary file) to be committed with them.
    strays = [n for n in tracked if not n.endswith((".pot", ".po", "/.gitignore"))]
    assert strays == [], f"fichiers qui ne sont pas des catalogues, commités avec eux : {strays}"
