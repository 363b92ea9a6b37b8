"""A real bilingual Hugo site: the sample course and fixture lessons, built by courselint then Hugo.

Debian's ``hugo`` (0.111) builds French and English with minimal layouts written
here (no theme).  What a reader of either language gets is checked on Hugo's
output, not on courselint's: every translated page is linked both ways through
``.Translations``; no draft is published; every link and image of every page
resolves to a file Hugo published; the English page has the French page's
structure (headings, code blocks byte for byte, list items, tables, links,
images).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import polib
import pytest

from tests.courselint_run import REPRODUCIBLE, run_courselint

from .conftest import require_tool

REPO = Path(__file__).resolve().parents[2]
HOST = "example.org"

CONFIG = f"""\
baseURL = "http://{HOST}/"
defaultContentLanguage = "fr"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[languages.fr]
weight = 1
[languages.en]
weight = 2
[markup.goldmark.renderer]
unsafe = true
"""

PAGE = """\
<!doctype html>
<html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<nav>{{ range .Translations }}<a class="translation" hreflang="{{ .Lang }}" href="{{ .RelPermalink }}">{{ .Lang }}</a>{{ end }}</nav>
<main>{{ .Content }}</main>
<aside>{{ range .Pages }}<a class="child" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</aside>
</body></html>
"""

LESSONS = {
    "lecons/_index.md": "---\ntitle: Leçons\nweight: 1\n---\n\nLes leçons du cours.\n",
    "lecons/premiere.md": """\
---
title: Première leçon
weight: 1
---

# La première leçon

Voir [la suivante](../seconde/) puis [une leçon non traduite](../non-traduite/).

![Le logo du cours](../../images/logo.png)

![Le logo, chemin absolu](/images/logo.png)

Le [guide en PDF](../../docs/guide.pdf) et [le paquet de la leçon](../../paquet/).

```bash
ls -l ../../images/logo.png
```

| Commande | Effet |
| --- | --- |
| `ls` | liste les fichiers |
""",
    "lecons/seconde.md": """\
---
title: Seconde leçon
weight: 2
---

Retour à [la première leçon](../premiere/) ou au [chapitre Docker](/docker/).

* Un premier point.
* Un second point avec `du code`.

{{< note >}}
Un texte à retenir, avec un [lien vers la première](../premiere/).
{{< /note >}}
""",
    "lecons/non-traduite.md": "---\ntitle: Leçon non traduite\nweight: 3\n---\n\nPersonne ne l'a traduite.\n",
    "lecons/brouillon.md": "---\ntitle: Brouillon\nweight: 4\ndraft: true\n---\n\nUn brouillon qui ne doit pas paraître.\n",
    "autres/_index.md": "---\ntitle: Autres\nweight: 2\n---\n\nUn autre chapitre.\n",
    "autres/ailleurs.md": """\
---
title: Ailleurs
weight: 1
---

Le même [guide en PDF](../../docs/guide.pdf) depuis un autre dossier, et ![le logo](../../images/logo.png).
""",
    "paquet/index.md": """\
---
title: Un paquet
weight: 3
---

Une photo du paquet : ![une photo](photo.png)

Ses [notes en PDF](notes.pdf).
""",
}

FILES = {
    "static/images/logo.png": b"\x89PNG\r\n\x1a\nlogo",
    "static/docs/guide.pdf": b"%PDF-1.4\n%guide\n",
    "content/paquet/photo.png": b"\x89PNG\r\n\x1a\nphoto",
    "content/paquet/notes.pdf": b"%PDF-1.4\n%notes\n",
}


def require_hugo() -> str:
    return require_tool("hugo", "hugo")


cli = functools.partial(run_courselint, timeout=300, **REPRODUCIBLE)


def pseudo_translate(po_file: Path) -> None:
    """Fill every empty entry as a careful translator would: prose changes, code and targets do not."""
    catalog = polib.pofile(str(po_file))
    for entry in catalog:
        if not entry.msgstr:
            entry.msgstr = "EN " + entry.msgid
    catalog.save()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    hugo = require_hugo()
    root = tmp_path_factory.mktemp("site") / "cours"
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("*.en.md"))
    shutil.copytree(REPO / "locales", root / "locales")
    for name, text in LESSONS.items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(text, encoding="utf-8")
    for name, data in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name in ("single", "list"):
        (root / "layouts/_default").mkdir(parents=True, exist_ok=True)
        (root / f"layouts/_default/{name}.html").write_text(PAGE, encoding="utf-8")
    (root / "layouts/index.html").write_text(PAGE, encoding="utf-8")
    (root / "layouts/shortcodes").mkdir(parents=True)
    (root / "layouts/shortcodes/note.html").write_text(
        '<div class="note">{{ .Inner | markdownify }}</div>', encoding="utf-8"
    )
    result = translate_and_publish(root, hugo)
    assert "CL611" in result.stdout and "non-traduite" in result.stdout  # the one left untranslated
    assert (root / "content/lecons/brouillon.en.md").is_file()  # translated, still a draft
    return root


def translate_and_publish(root: Path, hugo: str) -> subprocess.CompletedProcess:
    """extract, translate every catalog but non-traduite's, build, then Hugo: ``build``'s result."""
    (root / "courselint.toml").write_text('locales = ["en"]\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", "."], cwd=root, check=True)
    assert cli("extract", cwd=root).returncode == 0
    for po_file in sorted((root / "locales/en").rglob("*.po")):
        if po_file.stem != "non-traduite":
            pseudo_translate(po_file)
    result = cli("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    built = subprocess.run([hugo, "--quiet", "--destination", "public"], cwd=root, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    return result


class _Page(HTMLParser):
    """Links, images, translations and the structure of ``<main>`` of one HTML page."""

    STRUCTURE = {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "th", "td", "pre", "img", "a", "blockquote", "hr", "div"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.translations: dict[str, str] = {}
        self.structure: list[str] = []
        self.code: list[str] = []
        self._in_main = False
        self._pre: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("href", "src"):
            if attributes.get(name):
                self.targets.append(attributes[name])
        if tag == "a" and attributes.get("class") == "translation":
            self.translations[attributes["hreflang"]] = attributes["href"]
        if tag == "main":
            self._in_main = True
        if self._in_main and tag in self.STRUCTURE:
            self.structure.append(tag)
        if self._in_main and tag == "pre":
            self._pre = []

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        if tag == "pre" and self._pre is not None:
            self.code.append("".join(self._pre))
            self._pre = None

    def handle_data(self, data):
        if self._pre is not None:
            self._pre.append(data)


def pages(public: Path) -> dict[str, _Page]:
    """URL path -> parsed page, for every HTML file Hugo wrote."""
    out = {}
    for html in sorted(public.rglob("*.html")):
        relative = html.relative_to(public).as_posix()
        url = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
        page = _Page()
        page.feed(html.read_text(encoding="utf-8"))
        out[url] = page
    return out


def published(public: Path, url_path: str) -> bool:
    path = public / unquote(url_path).lstrip("/")
    return path.is_file() or (path / "index.html").is_file()


def french_sources(root: Path) -> list[Path]:
    return [p for p in sorted((root / "content").rglob("*.md")) if not p.name.endswith(".en.md")]


def url_of(root: Path, source: Path, prefix: str = "") -> str:
    relative = source.relative_to(root / "content")
    parts = list(relative.parent.parts) + ([] if relative.stem in ("_index", "index") else [relative.stem])
    return prefix + "/" + "".join(f"{part}/" for part in parts)


def test_every_translated_page_is_linked_both_ways(site: Path) -> None:
    found = pages(site / "public")
    translated = [s for s in french_sources(site) if s.with_name(s.stem + ".en.md").is_file() and s.stem != "brouillon"]
    assert len(translated) >= 9
    for source in translated:
        french, english = url_of(site, source), url_of(site, source, "/en")
        assert french in found and english in found, source
        assert found[french].translations.get("en") == english, french
        assert found[english].translations.get("fr") == french, english
    untranslated = url_of(site, site / "content/lecons/non-traduite.md")
    assert untranslated in found and "/en" + untranslated not in found


def test_no_draft_is_published(site: Path) -> None:
    public = site / "public"
    assert not published(public, "/lecons/brouillon/") and not published(public, "/en/lecons/brouillon/")
    assert not any("brouillon" in p.as_posix() for p in public.rglob("*"))


def test_every_link_and_image_resolves_in_both_languages(site: Path) -> None:
    public = site / "public"
    checked = 0
    for url, page in pages(public).items():
        for target in page.targets:
            absolute = urlparse(urljoin(f"http://{HOST}{url}", target))
            if absolute.netloc != HOST:
                continue  # another site
            assert published(public, absolute.path), f"{url} -> {target} ({absolute.path})"
            checked += 1
    assert checked > 50
    english = pages(public)["/en/lecons/premiere/"]
    # The relative image and PDF of the French lesson, the lesson links, all followed above:
    assert "../../../images/logo.png" in english.targets and "../seconde/" in english.targets
    assert "../../../lecons/non-traduite/" in english.targets  # no English page: the French one
    assert "div" in pages(public)["/en/lecons/seconde/"].structure  # the shortcode, rendered in English too


def test_english_pages_have_the_french_structure(site: Path) -> None:
    found = pages(site / "public")
    compared = 0
    for url, page in found.items():
        if not url.startswith("/en/"):
            continue
        french = found[url[len("/en"):]]
        assert page.structure == french.structure, url
        assert page.code == french.code, url  # code blocks byte for byte
        compared += 1
    assert compared >= 9


# --------------------------------------------------------------------------- URL settings
#
# The same small course published under the URL settings of real sites: permalinks per
# section, a baseURL with a path, relativeURLs, one host per language, and pages with
# `url` and `slug` in their front matter.  Each variant's French targets are written by
# hand for the French URLs that hugo 0.111.3 gives (the French pages' links are checked
# with the English ones, so a wrong hand-written target fails too).  The oracle is Hugo's
# output: where each page is, what each link reaches.

VARIANT_LESSONS = {
    "lecons/_index.md": "---\ntitle: Leçons\n---\n\nLes leçons du cours.\n",
    "lecons/premiere.md": """\
---
title: Première leçon
date: 2024-03-05
---

Voir [la suivante]({seconde}) puis [une leçon non traduite]({non_traduite}).

![Le logo du cours]({logo_rel})

![Le logo, chemin absolu]({logo_abs})

Le [guide en PDF]({pdf}) et [le paquet]({paquet}) avec ![sa photo]({photo}), puis [l'adresse fixe]({adresse}).
""",
    "lecons/seconde.md": """\
---
title: Seconde leçon
slug: la-seconde
date: 2023-11-20
---

Retour à [la première leçon]({premiere_from_seconde}).

![Le logo]({logo_from_seconde})
""",
    "lecons/non-traduite.md": "---\ntitle: Leçon non traduite\n---\n\nPersonne ne l'a traduite.\n",
    "lecons/adresse.md": """\
---
title: Une adresse fixe
url: /adresse-fixe/
---

Une page à adresse fixe qui mène à [la première leçon]({premiere_from_adresse}), avec ![le logo]({logo_from_adresse}).
""",
    "paquet/index.md": """\
---
title: Un paquet
slug: le-paquet
---

Une photo du paquet : ![une photo](photo.png)

Ses [notes en PDF](notes.pdf).
""",
    "autres/_index.md": "---\ntitle: Autres\n---\n\nUn autre chapitre.\n",
    "autres/sous/_index.md": "---\ntitle: Sous-chapitre\n---\n\nUn sous-chapitre.\n",
    "autres/sous/ailleurs.md": """\
---
title: Ailleurs
---

Le [guide en PDF]({pdf_from_ailleurs}), ![le logo]({logo_from_ailleurs}) et [la première leçon]({premiere_from_ailleurs}).
""",
}

# Targets as a French author writes them when pages sit at the default places.
_DEFAULT_PLACES = {
    "seconde": "../la-seconde/", "non_traduite": "../non-traduite/", "logo_rel": "../../images/logo.png",
    "pdf": "../../docs/guide.pdf", "photo": "../../le-paquet/photo.png", "premiere_from_seconde": "../premiere/",
    "logo_from_adresse": "../images/logo.png", "pdf_from_ailleurs": "../../../docs/guide.pdf",
    "logo_from_ailleurs": "../../../images/logo.png",
}


def _rooted(root: str) -> dict:
    """The root-absolute targets, under ``root`` (the baseURL's path, or "/")."""
    return {
        "logo_abs": f"{root}images/logo.png", "paquet": f"{root}le-paquet/", "adresse": f"{root}adresse-fixe/",
        "logo_from_seconde": f"{root}images/logo.png", "premiere_from_adresse": f"{root}lecons/premiere/",
        "premiere_from_ailleurs": f"{root}lecons/premiere/",
    }


VARIANTS = {
    # /:section/:year/:month/:slug/ (slug, else title: the English title is translated), and a
    # nested section's path cut by :sections[1:] with :filename.
    "permalinks": (
        f'baseURL = "http://{HOST}/"\n[permalinks]\nlecons = "/:section/:year/:month/:slug/"\n'
        'autres = "/a/:sections[1:]/:filename/"\n',
        [(f"http://{HOST}/", "")],
        {
            "seconde": "../../../2023/11/la-seconde/", "non_traduite": "../../../1/01/leçon-non-traduite/",
            "logo_rel": "../../../../images/logo.png", "logo_abs": "/images/logo.png",
            "pdf": "../../../../docs/guide.pdf", "paquet": "../../../../le-paquet/",
            "photo": "../../../../le-paquet/photo.png", "adresse": "/adresse-fixe/",
            "premiere_from_seconde": "../../../2024/03/première-leçon/",
            "logo_from_seconde": "../../../../images/logo.png",
            "premiere_from_adresse": "../lecons/2024/03/première-leçon/", "logo_from_adresse": "../images/logo.png",
            "pdf_from_ailleurs": "../../../docs/guide.pdf", "logo_from_ailleurs": "../../../images/logo.png",
            "premiere_from_ailleurs": "../../../lecons/2024/03/première-leçon/",
        },
    ),
    # The site lives under /cours/: a root-absolute target names the host's root.
    "base-path": (
        f'baseURL = "http://{HOST}/cours/"\n',
        [(f"http://{HOST}/cours/", "")],
        {**_DEFAULT_PLACES, **_rooted("/cours/")},
    ),
    # relativeURLs: Hugo makes root-absolute targets relative, so they name the site's root.
    "relative-urls": (
        f'baseURL = "http://{HOST}/cours/"\nrelativeURLs = true\n',
        [(f"http://{HOST}/cours/", "")],
        {**_DEFAULT_PLACES, **_rooted("/")},
    ),
    # One host per language: Hugo publishes each language in its own folder, without /en/.
    "host-per-language": (
        f'baseURL = "http://{HOST}/"\n[languages.fr]\nbaseURL = "http://{HOST}/"\n'
        f'[languages.en]\nbaseURL = "http://en.{HOST}/"\n',
        [(f"http://{HOST}/", "fr"), (f"http://en.{HOST}/", "en")],
        {**_DEFAULT_PLACES, **_rooted("/")},
    ),
    # Hugo's configuration directory, one file per root key: courselint reads it too.
    "config-dir": (
        {
            "config/_default/hugo.toml": f'baseURL = "http://{HOST}/cours/"\ndefaultContentLanguage = "fr"\n',
            "config/_default/languages.toml": "[fr]\nweight = 1\n[en]\nweight = 2\n",
            "config/_default/permalinks.toml": 'lecons = "/:section/:slug/"\n',
        },
        [(f"http://{HOST}/cours/", "")],
        {
            **_DEFAULT_PLACES, **_rooted("/cours/"),
            "non_traduite": "../leçon-non-traduite/", "premiere_from_seconde": "../première-leçon/",
            "premiere_from_adresse": "/cours/lecons/première-leçon/",
            "premiere_from_ailleurs": "/cours/lecons/première-leçon/",
        },
    ),
}

VARIANT_PAGE = PAGE.replace(".RelPermalink", ".Permalink")  # relativeURLs breaks RelPermalink under a path


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def variant(request, tmp_path_factory) -> tuple[str, Path, list[tuple[str, str]]]:
    hugo = require_hugo()
    name = request.param
    settings, serve, targets = VARIANTS[name]
    root = tmp_path_factory.mktemp(name) / "cours"
    for relative, text in VARIANT_LESSONS.items():
        (root / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / relative).write_text(text.format(**targets), encoding="utf-8")
    for relative, data in FILES.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    if isinstance(settings, str):
        languages = "" if "[languages.fr]" in settings else "[languages.fr]\nweight = 1\n[languages.en]\nweight = 2\n"
        settings = {"hugo.toml": 'defaultContentLanguage = "fr"\n' + settings + languages}
    for relative, text in settings.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        kinds = 'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
        (root / relative).write_text(kinds + text if relative.endswith("hugo.toml") else text, encoding="utf-8")
    for layout in ("_default/single.html", "_default/list.html", "index.html"):
        (root / "layouts" / layout).parent.mkdir(parents=True, exist_ok=True)
        (root / "layouts" / layout).write_text(VARIANT_PAGE, encoding="utf-8")
    translate_and_publish(root, hugo)
    return name, root, serve


class _Served(_Page):
    """A page with its language and the targets of its content (``<main>``) apart."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.content: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if self._in_main:
            self.content += [attributes[n] for n in ("href", "src") if attributes.get(n)]
        super().handle_starttag(tag, attrs)


def _served(root: Path, serve: list[tuple[str, str]]) -> dict[str, _Served]:
    """Absolute URL -> page, for every HTML file Hugo wrote, placed where the site serves it."""
    public = root / "public"
    out = {}
    for prefix, folder in serve:
        top = public / folder
        for html in sorted(top.rglob("*.html")):
            relative = html.relative_to(top).as_posix()
            if not folder and any(relative.startswith(f"{other}/") for _, other in serve if other):
                continue
            page = _Served()
            page.feed(html.read_text(encoding="utf-8"))
            out[prefix + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)] = page
    return out


def _join(url: str, target: str) -> str:
    """Where ``target`` leads from the page at ``url``, as a browser resolves it (no fragment, decoded)."""
    return unquote(urljoin(url, target).split("#")[0])


def _file_of(url: str, root: Path, serve: list[tuple[str, str]]) -> Path | None:
    """The file Hugo published at ``url``, if any."""
    clean = url.split("#")[0].split("?")[0]
    for prefix, folder in sorted(serve, key=lambda s: -len(s[0])):
        if clean.startswith(prefix):
            path = root / "public" / folder / unquote(clean[len(prefix):])
            if path.is_file():
                return path
            if (path / "index.html").is_file():
                return path / "index.html"
    return None


def test_url_settings_every_link_and_image_resolves_in_both_languages(variant) -> None:
    name, root, serve = variant
    hosts = {urlparse(prefix).netloc for prefix, _ in serve}
    found = _served(root, serve)
    checked = {"fr": 0, "en": 0}
    for url, page in found.items():
        for target in page.targets:
            absolute = urljoin(url, target)
            if urlparse(absolute).netloc not in hosts:
                continue  # another site
            assert _file_of(absolute, root, serve) is not None, f"{name}: {url} -> {target} ({absolute})"
            if target in page.content:
                checked[page.lang] = checked.get(page.lang, 0) + 1
    # premiere, seconde, adresse, paquet and ailleurs: 15 content targets in each language
    assert checked["fr"] >= 15 and checked["en"] >= 15, checked


def test_url_settings_each_translation_is_its_own_page_linked_both_ways(variant) -> None:
    name, root, serve = variant
    found = _served(root, serve)
    english_sources = sorted(p for p in (root / "content").rglob("*.en.md"))
    assert len(english_sources) == len(VARIANT_LESSONS) - 1  # all but the untranslated lesson
    pairs = 0
    for url, page in found.items():
        for lang, href in page.translations.items():
            other = _join(url, href)
            assert other != url, f"{name}: {url} is its own {lang} translation"
            assert other in found, f"{name}: {url} -> {lang} {other} not published"
            assert found[other].lang == lang, f"{name}: {other} serves {found[other].lang!r}, not {lang!r}"
            assert _join(other, found[other].translations.get(page.lang, "")) == url, (name, url, other)
            pairs += 1
    # every translated page (and the two home pages) in both directions; the front matter `url`
    # page included, which Hugo would publish over the French one if its url were kept
    assert pairs >= 2 * (len(english_sources) + 1), pairs
    french_address = next(u for u in found if u.endswith("/adresse-fixe/") and found[u].lang == "fr")
    assert "en" in found[french_address].translations, name


def test_url_settings_a_link_to_a_translated_lesson_goes_to_its_translation(variant) -> None:
    name, root, serve = variant
    found = _served(root, serve)
    english_of = {url: _join(url, page.translations["en"]) for url, page in found.items()
                  if page.lang == "fr" and "en" in page.translations}
    followed = 0
    for url, page in found.items():
        if page.lang != "en":
            continue
        for target in page.content:
            absolute = _join(url, target)
            assert absolute not in english_of, f"{name}: {url} -> {target}: French page, translated at {english_of.get(absolute)}"
            followed += absolute in english_of.values()
    assert followed >= 5, (name, followed)  # seconde, premiere (x3), le-paquet, adresse-fixe
    untranslated = [u for u, p in found.items() if p.lang == "fr" and "non-traduite" in u]
    assert len(untranslated) == 1  # and the English page links to it (every link resolves above)


# --------------------------------------------------------------------------- page URLs

URL_PAGES = {
    "lecons/_index.md": "---\ntitle: Leçons\n---\n",
    "lecons/t1.md": "---\ntitle: C++ et Go\ndate: 2024-03-05T23:30:00-05:00\n---\n",
    "lecons/t2.md": "---\ntitle: \"Qu'est-ce que Docker ?\"\ndate: 2024-12-31\n---\n",
    "lecons/t3.md": "---\ntitle: \"Hello, World -- C'est l'été! 3.5\"\n---\n",
    "lecons/t4.md": "---\ntitle: \"Les 10 commandes : ls, cd — vraiment\"\npublishDate: 2020-02-29\n---\n",
    "lecons/t5.md": "+++\ntitle = \"Écrire en TOML\"\ndate = 2021-07-04T10:00:00Z\n+++\n",
    "lecons/t7.md": "---\ntitle: Sans date\ndate: pas une date\n---\n",
    "lecons/t8.md": "---\ntitle: Date suivante\ndate: pas une date\nlastmod: 2022-05-17\n---\n",
    "lecons/sans-section/t6.md": "---\ntitle: Plus bas\ndate: 2019-01-06\n---\n",
    "articles/_index.md": "---\ntitle: Articles\n---\n",
    "articles/sous/_index.md": "---\ntitle: Sous\n---\n",
    "articles/sous/p1.md": "---\ntitle: Un\nslug: Mon Slug+1\n---\n",
    "articles/sous/p2.md": "---\ntitle: Deux\n---\n",
    "articles/sous/Un Paquet/index.md": "---\ntitle: Paquet\n---\n",
    "notes/n1.md": "---\ntitle: Note\nslug: a b\n---\n",
    "notes/N2 Fichier.md": "---\ntitle: Titre Deux\n---\n",
    "Dos Sier/_index.md": "---\ntitle: Dossier\n---\n",
    "Dos Sier/c++ x'y.md": "---\ntitle: Fichier\n---\n",
    "Dos Sier/s.md": "---\ntitle: Slug\nslug: \"Le+Slug été\"\n---\n",
    "Dos Sier/url.md": "---\ntitle: Libre\nurl: /Chemin/Libre\n---\n",
    "Dos Sier/page.md": "---\ntitle: Page\nurl: /page.html\n---\n",
    "paquet/index.md": "---\ntitle: Paquet\nslug: pq\n---\n",
}

URL_SITES = {
    "permalinks": (
        'baseURL = "http://example.org/"\n[permalinks]\n'
        'lecons = "/:year/:month/:day/:monthname/:weekday/:weekdayname/:yearday/:title/"\n'
        'articles = "/:section/:sections[last]/:slugorfilename/"\nnotes = "/n/:filename/:slug/"\n'
    ),
    "ugly-accents-path": 'baseURL = "http://example.org/cours/"\nuglyURLs = true\nremovePathAccents = true\n',
}


@pytest.mark.parametrize("name", sorted(URL_SITES))
def test_page_urls_are_where_hugo_publishes_the_pages(tmp_path, name) -> None:
    """Every page's URL as courselint computes it is a file Hugo wrote, and Hugo wrote no other."""
    from courselint.config import Config, defaults
    from courselint.i18n.render import site_pages

    hugo = require_hugo()
    for relative, text in URL_PAGES.items():
        (tmp_path / "content" / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / relative).write_text(text + "\nTexte.\n", encoding="utf-8")
    (tmp_path / "hugo.toml").write_text(
        'defaultContentLanguage = "fr"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
        + URL_SITES[name], encoding="utf-8",
    )
    (tmp_path / "layouts/_default").mkdir(parents=True)
    for layout in ("_default/single.html", "_default/list.html", "index.html"):
        (tmp_path / "layouts" / layout).write_text("{{ .Title }}", encoding="utf-8")
    built = subprocess.run([hugo, "--quiet", "--destination", "public"], cwd=tmp_path, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    values = defaults()
    values["paths"], values["locales"] = ["content"], ["en"]
    pages = site_pages(Config(values, tmp_path), "en", {}, set())
    base = "/cours/" if "cours" in URL_SITES[name] else "/"
    written = {
        "/" + p.relative_to(tmp_path / "public").as_posix().removesuffix("index.html")
        for p in (tmp_path / "public").rglob("*.html")
    }
    assert all(url.startswith(base) for url in pages.by_url)
    assert len(pages.by_url) == len(URL_PAGES)  # no two pages at one URL
    # Hugo adds the home page and a page for each top folder without an _index.md.
    made = {"/", "/notes.html" if "uglyURLs" in URL_SITES[name] else "/notes/"}
    assert {url[len(base) - 1 :] for url in pages.by_url} == written - made
