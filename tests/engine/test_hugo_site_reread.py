"""A long-lived process (the language server) sees an edited site configuration, file or folder."""

from __future__ import annotations

import os
from pathlib import Path

from courselint import config as configuration
from courselint import hugo_site


def _touch_later(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))  # a later save, whatever the clock


def test_an_edited_file_in_the_configuration_folder_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "_default"
    folder.mkdir(parents=True)
    (tmp_path / "courselint.toml").write_text("", encoding="utf-8")
    languages = folder / "languages.toml"
    languages.write_text("[fr]\nweight = 1\n", encoding="utf-8")
    config = configuration.load(start=tmp_path)
    assert hugo_site.translation_languages(config) == []
    _touch_later(languages, "[fr]\nweight = 1\n[en]\nweight = 2\n")
    assert hugo_site.translation_languages(config) == ["en"]


def test_an_edited_site_file_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "courselint.toml").write_text("", encoding="utf-8")
    site = tmp_path / "hugo.toml"
    site.write_text("[markup.goldmark.renderer]\nunsafe = false\n", encoding="utf-8")
    config = configuration.load(start=tmp_path)
    read = lambda: hugo_site.setting(hugo_site.site_config(config), "markup.goldmark.renderer.unsafe", None)  # noqa: E731
    assert read() is False
    _touch_later(site, "[markup.goldmark.renderer]\nunsafe = true\n")
    assert read() is True
