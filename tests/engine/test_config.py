"""Configuration loading, validation and rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from courselint import config as cfg
from courselint.engine import Selection, UsageError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path: Path, monkeypatch) -> None:
    chapter = tmp_path / "content" / "chap"
    chapter.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    config = cfg.load(start=chapter / "lecon.md")
    assert config.source is None
    assert config["paths"] == ["content"]
    assert config.section("spelling")["languages"] == ["fr"]
    assert config.section("grammar")["engine"] is None
    # Not in git, no file: the current folder, never the lesson's folder.
    assert config.root == tmp_path.resolve()


def test_without_a_file_the_git_work_tree_is_the_root(tmp_path: Path, monkeypatch) -> None:
    import subprocess

    repo = tmp_path / "cours"
    chapter = repo / "content" / "chap"
    chapter.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert cfg.load(start=chapter / "lecon.md").root == repo.resolve()
    (repo / "content" / "courselint.toml").write_text("", encoding="utf-8")
    assert cfg.load(start=chapter / "lecon.md").root == (repo / "content").resolve()  # a file wins


def test_nested_tables_and_explicit_keys(tmp_path: Path) -> None:
    write(tmp_path / "courselint.toml", '[grammar]\nengine = "grammalecte"\n[spelling]\nwords = ["Kubespray"]\n')
    config = cfg.load(start=tmp_path)
    assert config.section("grammar")["engine"] == "grammalecte"
    assert config.is_explicit("grammar", "engine")
    assert not config.is_explicit("spelling", "variant")
    assert config.section("spelling")["words"] == ["Kubespray"]
    assert config.words_file == tmp_path.resolve() / ".courselint-words.txt"


@pytest.mark.parametrize("name, text", [
    ("courselint.toml", b'words = ["caf\xe9"]\n'),
    ("pyproject.toml", b'[tool.courselint]\nwords = ["caf\xe9"]\n'),
])
def test_a_file_not_in_utf8_is_a_clear_error(tmp_path: Path, name: str, text: bytes) -> None:
    """TOML is UTF-8: a file in Latin-1 is reported, not a traceback, nor skipped."""
    (tmp_path / name).write_bytes(text)
    with pytest.raises(cfg.ConfigError) as info:
        cfg.load(start=tmp_path)
    assert name in str(info.value) and "TOML invalide" in str(info.value)


def test_a_pyproject_not_in_utf8_without_our_table_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.black]\nx = "caf\xe9"\n')
    assert cfg.load(start=tmp_path).source is None


@pytest.mark.parametrize(
    "text, message",
    [
        ("selct = []\n", "clé inconnue 'selct'"),
        ("[spelling]\nvariante = 'x'\n", "clé inconnue 'spelling.variante'"),
        ("[spelling]\nvariant = 'belge'\n", "'spelling.variant' vaut 'belge'"),
        ("jobs = true\n", "'jobs' doit être de type entier"),
        ("paths = 'content'\n", "'paths' doit être de type list[str]"),
        ("spelling = 3\n", "'spelling' doit être une table"),
        ("[i18n]\nmin_translated = 'beaucoup'\n", "'i18n.min_translated' doit être un nombre"),
        ("paths = [\n", "TOML invalide"),
    ],
)
def test_errors_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "courselint.toml", text)
    with pytest.raises(cfg.ConfigError) as info:
        cfg.load(start=tmp_path)
    assert str(info.value).startswith(str(path.resolve()))
    assert message in str(info.value)


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert cfg.find_config(sub) is None
    write(tmp_path / "pyproject.toml", "[tool.courselint]\njobs = 1\n")
    assert cfg.find_config(sub) == (tmp_path / "pyproject.toml").resolve()


def test_overrides_win_over_files(tmp_path: Path) -> None:
    write(tmp_path / "courselint.toml", "jobs = 1\n")
    assert cfg.load(start=tmp_path, overrides={"jobs": 2})["jobs"] == 2


def test_fingerprint_changes_with_values(tmp_path: Path) -> None:
    a = cfg.load(start=tmp_path)
    write(tmp_path / "courselint.toml", "[spelling]\nwords = ['x']\n")
    b = cfg.load(start=tmp_path)
    assert a.fingerprint() != b.fingerprint()


@pytest.mark.parametrize(
    "select, ignore, code, expected",
    [
        ((), (), "CL401", True),
        (("CL4",), (), "CL401", True),
        (("CL4",), (), "CL301", False),
        ((), ("CL4",), "CL401", False),
        (("CL401",), ("CL4",), "CL401", True),  # more specific select wins
        (("CL4",), ("CL401",), "CL401", False),  # more specific ignore wins
        (("CL4",), ("CL4",), "CL402", False),  # a tie ignores
        (("spelling.unknown-word",), (), "CL401", True),
    ],
)
def test_selection_most_specific_wins(select, ignore, code, expected) -> None:
    assert Selection(select, ignore).enabled(code, "spelling.unknown-word") is expected


def test_selection_rejects_unknown_codes() -> None:
    with pytest.raises(UsageError):
        Selection(("CL8",)).validate([("CL401", "spelling.unknown-word")])
    Selection(("CL4", "ALL")).validate([("CL401", "spelling.unknown-word")])
