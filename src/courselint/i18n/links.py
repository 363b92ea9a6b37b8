"""Link targets of a translated page, rewritten so that they resolve from the page's own URL.

A French lesson ``content/chap/lecon.md`` is served at ``/chap/lecon/``; its
translation ``lecon.en.md`` at ``/en/chap/lecon/``.  A relative target written
for the first (``../images/schema.png``) would resolve under ``/en/…`` from the
second, where Hugo publishes no such file.  So ``build`` resolves each relative
target from the French page's URL and writes it again relative to the translated
page's URL; a target that is another lesson goes to that lesson's translation
when one exists, else to the French page (absolute targets to a lesson too).
Targets with a scheme, protocol-relative ones, fragments alone and shortcodes
(``{{< relref "x" >}}``, which Hugo resolves per language) are left as written,
and so is everything inside code blocks and code spans.

URLs follow Hugo's defaults, read from the site's configuration when present
(``hugo.toml``/``config.toml``, ``.yaml``/``.json`` too; ``i18n.hugo_config``
names another file): ``defaultContentLanguage``,
``defaultContentLanguageInSubdir``, ``uglyURLs``, ``disablePathToLower``.  Not
modelled: ``url``/``slug`` front matter and ``permalinks`` (such targets are
left as written), and a ``baseURL`` with a path (root-absolute targets).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from courselint import hugo_site

# An inline link or image target: ``](target`` or ``](<target>``; a reference definition.
_INLINE = re.compile(r"(\]\(\s*<?)([^\s)>]+)")
_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*<?)([^\s>]+)", re.MULTILINE)
_HTML_ATTRIBUTE = re.compile(r"""(\b(?:src|href)\s*=\s*["'])([^"']+)""", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


@dataclass(frozen=True)
class Site:
    default_language: str = "fr"
    default_in_subdir: bool = False
    ugly_urls: bool = False
    lower: bool = True

    def prefix(self, locale: str) -> str:
        if locale == self.default_language and not self.default_in_subdir:
            return ""
        return "/" + locale


def read_site(config) -> Site:
    """The URL settings of the Hugo site at the project root (Hugo's defaults without one)."""
    site = hugo_site.site_config(config)
    return Site(
        default_language=str(site.get("defaultcontentlanguage", config.section("i18n")["source_locale"])),
        default_in_subdir=bool(site.get("defaultcontentlanguageinsubdir", False)),
        ugly_urls=bool(site.get("uglyurls", False)),
        lower=not bool(site.get("disablepathtolower", False)),
    )


def page_url(relative: PurePosixPath, site: Site, locale: str) -> str:
    """URL path of the content file ``relative`` (to its content root, source name) in ``locale``."""
    parts = list(relative.parent.parts)
    if relative.stem not in ("_index", "index"):
        parts.append(relative.stem)
    path = "/".join(p.replace(" ", "-") for p in parts)
    if site.lower:
        path = path.lower()
    prefix = site.prefix(locale)
    if not path:
        return prefix + "/"
    if site.ugly_urls and relative.stem not in ("_index", "index"):
        return f"{prefix}/{path}.html"
    return f"{prefix}/{path}/"


@dataclass
class Pages:
    """The French pages of the content folder: URL -> source file, and which have a translation."""

    site: Site
    by_url: dict[str, Path]
    translated: set[Path]


def rewrite(text: str, relative: PurePosixPath, locale: str, pages: Pages, code_lines: set[int]) -> str:
    """``text`` (the translated page) with each relative or page target made right for ``locale``."""
    site = pages.site
    source_url = page_url(relative, site, site.default_language)
    target_url = page_url(relative, site, locale)
    if source_url == target_url:
        return text

    def fix(target: str) -> str:
        if not target or target.startswith(("#", "//", "?", "{{")) or _SCHEME.match(target):
            return target  # a fragment, another site, or a Hugo shortcode (relref) that Hugo resolves
        path, sep, rest = _split(target)
        absolute = path.startswith("/")
        resolved = _normalise(path if absolute else posixpath.join(_folder(source_url), path), path.endswith("/"))
        page = pages.by_url.get(resolved) or pages.by_url.get(resolved.rstrip("/") + "/")
        wanted = resolved
        if page is not None and page in pages.translated:
            wanted = page_url(page, site, locale)
        if absolute:
            return target if wanted == resolved else wanted + sep + rest
        new = posixpath.relpath(wanted, _folder(target_url))
        if wanted.endswith("/") and not new.endswith("/"):
            new += "/"
        return new + sep + rest

    for pattern in (_INLINE, _DEFINITION, _HTML_ATTRIBUTE):
        spans = [m.span() for m in _CODE_SPAN.finditer(text)]

        def replace(match: re.Match) -> str:
            line = text.count("\n", 0, match.start()) + 1
            inside = any(start <= match.start() < end for start, end in spans)
            if line in code_lines or inside:
                return match.group()  # code shows a target as written, in every language
            return match.group(1) + fix(match.group(2))

        text = pattern.sub(replace, text)
    return text


def _split(target: str) -> tuple[str, str, str]:
    for sep in ("?", "#"):
        if sep in target:
            path, rest = target.split(sep, 1)
            return path, sep, rest
    return target, "", ""


def _folder(url: str) -> str:
    return url if url.endswith("/") else posixpath.dirname(url) + "/"


def _normalise(path: str, slash: bool) -> str:
    out = posixpath.normpath(path)
    if out.startswith("//"):
        out = out[1:]
    return out + "/" if slash and not out.endswith("/") else out
