"""Link targets of a translated page: the browser's resolution (``urljoin``) is the oracle."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import pytest

from courselint.config import Config, defaults
from courselint.i18n import links

TARGETS = ["img/a.png", "../images/b.png", "../../docs/guide.pdf", "./c.pdf?x=1#p", "../autre/#section"]


def _config(root: Path, hugo: str | None) -> Config:
    if hugo is not None:
        (root / "hugo.toml").write_text(hugo, encoding="utf-8")
    return Config(defaults(), root)


@pytest.mark.parametrize(
    "hugo, french, english",
    [
        (None, "/chap/lecon/", "/en/chap/lecon/"),
        ('defaultContentLanguage = "fr"\ndefaultContentLanguageInSubdir = true\n', "/fr/chap/lecon/", "/en/chap/lecon/"),
        ('defaultContentLanguage = "fr"\nuglyURLs = true\n', "/chap/lecon.html", "/en/chap/lecon.html"),
    ],
)
def test_relative_targets_resolve_to_the_same_file_from_the_translated_page(tmp_path, hugo, french, english) -> None:
    site = links.read_site(_config(tmp_path, hugo))
    relative = PurePosixPath("chap/Lecon.md")
    assert links.page_url(relative, site, "fr") == french
    assert links.page_url(relative, site, "en") == english
    pages = links.Pages(site, {links.page_url(PurePosixPath("autre.md"), site, "fr"): PurePosixPath("autre.md")}, set())
    text = "".join(f"[x{i}]({t})\n\n" for i, t in enumerate(TARGETS))
    out = links.rewrite(text, relative, "en", pages, set())
    rewritten = re.findall(r"\]\(([^)]+)\)", out)
    for before, after in zip(TARGETS, rewritten, strict=True):
        assert urljoin("http://h" + english, after) == urljoin("http://h" + french, before), (before, after)


def test_a_lesson_link_goes_to_the_translation_only_when_it_exists(tmp_path) -> None:
    site = links.read_site(_config(tmp_path, None))
    other = PurePosixPath("chap/autre.md")
    text = "[a](../autre/) [b](/chap/autre/) [c](https://example.org/x) [d](#ici) `[e](../autre/)`\n"
    shortcode = '[f]({{< relref "#ici" >}})\n'
    assert links.rewrite(shortcode, PurePosixPath("chap/lecon.md"), "en", links.Pages(site, {}, set()), set()) == shortcode
    lesson = PurePosixPath("chap/lecon.md")
    built = links.rewrite(text, lesson, "en", links.Pages(site, {"/chap/autre/": other}, {other}), set())
    assert built == "[a](../autre/) [b](/en/chap/autre/) [c](https://example.org/x) [d](#ici) `[e](../autre/)`\n"
    french = links.rewrite(text, lesson, "en", links.Pages(site, {"/chap/autre/": other}, set()), set())
    assert french.startswith("[a](../../../chap/autre/) [b](/chap/autre/) ")
    assert french.endswith("`[e](../autre/)`\n")  # inline code is shown as written


def test_code_blocks_are_left_alone(tmp_path) -> None:
    site = links.read_site(_config(tmp_path, None))
    text = "```\n![x](img/a.png)\n```\n![x](img/a.png)\n"
    out = links.rewrite(text, PurePosixPath("chap/lecon.md"), "en", links.Pages(site, {}, set()), {1, 2, 3})
    assert out == "```\n![x](img/a.png)\n```\n![x](../../../chap/lecon/img/a.png)\n"


@pytest.mark.parametrize(
    "front, expected",
    [
        ('+++\ntitle = "T"\nurl = "/x/"\n+++\n', '+++\ntitle = "T"\nurl = "/en/x/"\n+++\n'),
        ('{\n  "title": "T",\n  "url": "/x/"\n}\n', '{\n  "title": "T",\n  "url": "/en/x/"\n}\n'),
        ("---\r\nURL: 'x'\r\n---\r\n", "---\r\nURL: '/en/x'\r\n---\r\n"),
        ("---\nurl: /my-own/\n---\n", "---\nurl: /my-own/\n---\n"),  # the translator's own url
    ],
)
def test_a_translation_keeping_the_french_url_gets_the_language_folder(tmp_path, front, expected) -> None:
    """Hugo publishes a ``url`` as written in every language: the same one would overwrite the French page."""
    site = links.read_site(_config(tmp_path, None))
    assert links.localise_url(front, site, "en", {"url": "/x/" if "/x/" in front else "x"}) == expected
    multihost = links.read_site(_config(tmp_path, '[languages.fr]\nbaseURL = "http://a/"\n[languages.en]\nbaseURL = "http://b/"\n'))
    assert links.localise_url(front, multihost, "en", {"url": "/x/"}) == front  # two hosts: no collision


def test_a_percent_encoded_target_to_a_translated_lesson_goes_to_its_translation(tmp_path) -> None:
    site = links.read_site(_config(tmp_path, None))
    other = PurePosixPath("chap/première.md")
    pages = links.Pages(site, {"/chap/première/": other}, {other})
    out = links.rewrite("[a](/chap/premi%C3%A8re/)\n", PurePosixPath("chap/lecon.md"), "en", pages, set())
    assert out == "[a](/en/chap/première/)\n"


def test_a_site_configuration_without_default_language_has_english_at_the_root(tmp_path) -> None:
    """hugo 0.111.3 with [languages.fr] and [languages.en] and no defaultContentLanguage
    publishes content/chap/lecon.md at /fr/chap/lecon/ and lecon.en.md at /chap/lecon/."""
    site = links.read_site(_config(tmp_path, "[languages.fr]\nweight = 1\n[languages.en]\nweight = 2\n"))
    relative = PurePosixPath("chap/lecon.md")
    assert (links.page_url(relative, site, "fr"), links.page_url(relative, site, "en")) == ("/fr/chap/lecon/", "/chap/lecon/")
    text = "![x](../images/a.png)\n"  # written for /fr/chap/lecon/: /fr/chap/images/a.png
    assert links.rewrite(text, relative, "en", links.Pages(site, {}, set()), set()) == "![x](../../fr/chap/images/a.png)\n"
