"""Link targets of a translated page, rewritten so that they resolve from the page's own URL.

A French lesson ``content/chap/lecon.md`` is served at ``/chap/lecon/``; its
translation ``lecon.en.md`` at ``/en/chap/lecon/``.  A relative target written
for the first (``../images/schema.png``) would resolve under ``/en/…`` from the
second, where Hugo publishes no such file.  So ``build`` resolves each target
from the French page's URL and writes it again for the translated page's URL; a
target that is another lesson goes to that lesson's translation when one
exists, else to the French page.  A target that already resolves to the right
place is left as written.  Targets with a scheme, protocol-relative ones,
fragments alone and shortcodes (``{{< relref "x" >}}``, which Hugo resolves per
language) are left as written, and so is everything inside code.

Page URLs are computed as Hugo 0.111 does (checked against the real binary in
``tests/i18n/test_hugo_site.py``), from the site's configuration when present
(:mod:`courselint.hugo_site`): ``defaultContentLanguage``,
``defaultContentLanguageInSubdir``, ``uglyURLs``, ``disablePathToLower``,
``removePathAccents``, the path of ``baseURL`` (``https://x.org/cours/``), one
host per language (``languages.<lang>.baseURL``), ``relativeURLs`` and
``canonifyURLs`` (a root-absolute target then means the site's root, not the
host's), ``permalinks`` per section (also ``languages.<lang>.permalinks``), and
the ``url``, ``slug``, ``title`` and date front matter of each page, French and
translated.  Where a URL cannot be known (a permalink token Hugo 0.111 does not
have), the targets that depend on it are left as written: never broken further.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from courselint import frontmatter, hugo_site

# An inline link or image target: ``](target`` or ``](<target>``; a reference definition.
_INLINE = re.compile(r"(\]\(\s*<?)([^\s)>]+)")
_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*<?)([^\s>]+)", re.MULTILINE)
_HTML_ATTRIBUTE = re.compile(r"""(\b(?:src|href)\s*=\s*["'])([^"']+)""", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_TOKEN = re.compile(r":(\w+)(\[[^\]]*\])?")
#: Where Hugo 0.111 takes a page's date from (front matter keys, in its default order).
_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


@dataclass(frozen=True)
class Site:
    default_language: str = "fr"  # Hugo's defaultContentLanguage: the one without a folder
    source_language: str = "fr"  # the lessons' language (i18n.source_locale)
    default_in_subdir: bool = False
    ugly_urls: bool = False
    lower: bool = True
    remove_accents: bool = False
    origin: str = ""  # scheme and host of baseURL ("" when it has none)
    base_path: str = "/"  # path of baseURL, always with both slashes
    site_relative: bool = False  # relativeURLs or canonifyURLs
    #: One host per language (``languages.<lang>.baseURL``): locale -> (origin, base path).
    hosts: dict[str, tuple[str, str]] = field(default_factory=dict, hash=False)
    #: ``permalinks``: (locale or "" for every locale, section, pattern).
    permalinks: tuple[tuple[str, str, str], ...] = ()
    static_dirs: tuple[str, ...] = ("static",)

    @property
    def multihost(self) -> bool:
        return bool(self.hosts)

    def base(self, locale: str) -> tuple[str, str]:
        """(origin, base path) of the pages of ``locale``."""
        return self.hosts.get(locale, (self.origin, self.base_path))

    def prefix(self, locale: str) -> str:
        if self.multihost or (locale == self.default_language and not self.default_in_subdir):
            return ""  # with one host per language, no language folder in the path
        return "/" + locale

    def pattern(self, locale: str, section: str) -> str | None:
        """The permalink pattern of a section in ``locale`` (the language's own first)."""
        for wanted in (locale, ""):
            for loc, key, value in self.permalinks:
                if loc == wanted and key == section:
                    return value
        return None


def read_site(config) -> Site:
    """The URL settings of the Hugo site at the project root (Hugo's defaults without one)."""
    site = hugo_site.site_config(config)
    origin, base = _split_base(site.get("baseurl"))
    hosts: dict[str, tuple[str, str]] = {}
    permalinks: list[tuple[str, str, str]] = _patterns("", site.get("permalinks"))
    languages = site.get("languages")
    for locale, values in (languages.items() if isinstance(languages, dict) else ()):
        if not isinstance(values, dict):
            continue
        values = {str(key).lower(): value for key, value in values.items()}
        if isinstance(values.get("baseurl"), str) and values["baseurl"].strip():
            hosts[str(locale).lower()] = _split_base(values["baseurl"])
        permalinks += _patterns(str(locale).lower(), values.get("permalinks"))
    static = site.get("staticdir", "static")
    return Site(
        source_language=config.section("i18n")["source_locale"],
        # Hugo's own default is "en" (English at the root, French under /fr/); without a site
        # configuration, the source language is taken to be the site's first.
        default_language=str(site.get("defaultcontentlanguage", "en" if site else config.section("i18n")["source_locale"])),
        default_in_subdir=bool(site.get("defaultcontentlanguageinsubdir", False)),
        ugly_urls=bool(site.get("uglyurls", False)),
        lower=not bool(site.get("disablepathtolower", False)),
        remove_accents=bool(site.get("removepathaccents", False)),
        origin=origin,
        base_path=base,
        site_relative=bool(site.get("relativeurls", False)) or bool(site.get("canonifyurls", False)),
        hosts=hosts,
        permalinks=tuple(permalinks),
        static_dirs=tuple(str(s) for s in (static if isinstance(static, list) else [static])),
    )


def _split_base(url) -> tuple[str, str]:
    if not isinstance(url, str) or not url.strip():
        return "", "/"
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # not a URL (Hugo stops on it): its defaults
        return "", "/"
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    path = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
    return origin, path


def _patterns(locale: str, table) -> list[tuple[str, str, str]]:
    if not isinstance(table, dict):
        return []
    # Hugo lowers configuration keys: a section key matches a folder written in lower case.
    return [(locale, str(key).lower().strip("/"), value) for key, value in table.items() if isinstance(value, str)]


# --------------------------------------------------------------------------- page URLs


def metadata(text: str) -> dict:
    """A page's front matter, keys lowered as Hugo reads them (empty when unreadable)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return {str(key).lower(): value for key, value in frontmatter.read(text).metadata.items()}


def urlize(text: str, site: Site, *, plus_is_space: bool = False) -> str:
    """A path part as Hugo 0.111 makes it (``MakePathSanitized``): letters, digits, marks and
    ``. / \\ _ # ~ - + %XX`` kept, a run of spaces one hyphen, the rest dropped, lower case.

    ``plus_is_space``: a title or slug in a permalink (Hugo's ``urlize``) turns ``+`` into
    a hyphen, a file name or a ``slug`` path keeps it (both seen with hugo 0.111.3).
    """
    if plus_is_space:
        text = text.replace("+", " ")
    if site.remove_accents:
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    out: list[str] = []
    hyphen = was_hyphen = False
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        allowed = (
            category[0] in "LM" or category == "Nd" or char in "./\\_#~-+"
            or (char == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", text[index + 1 : index + 3] or "") is not None)
        )
        if allowed:
            was_hyphen = char == "-"
            if hyphen and not was_hyphen:
                out.append("-")
            hyphen = False
            out.append(char)
        elif out and not was_hyphen and char.isspace():
            hyphen = True
    path = "".join(out)
    return path.lower() if site.lower else path


def page_url(
    relative: PurePosixPath, site: Site, locale: str, meta: dict | None = None, sections: frozenset[str] | None = None
) -> str | None:
    """URL path of the content file ``relative`` (to its content root, source name) in ``locale``.

    ``meta`` is the page's front matter in that locale (lowered keys); ``sections`` the
    folders that hold an ``_index.md`` (Hugo's nested sections).  None: Hugo's URL for
    it cannot be known here.
    """
    meta = meta or {}
    _, base = site.base(locale)
    root = base.rstrip("/")
    url = meta.get("url")
    if isinstance(url, str) and url.strip():
        # Hugo adds neither the language folder nor case changes to a front matter url.
        path = "/" + url.strip().lstrip("/")
        if not path.endswith("/") and not posixpath.splitext(path)[1]:
            path += "/"
        return root + path
    stem = relative.stem
    folder = list(relative.parent.parts)
    logical = folder[:-1] if stem == "index" else folder  # a bundle is a page named after its folder
    section = logical[0] if logical else ""
    slug = meta.get("slug") if isinstance(meta.get("slug"), (str, int, float)) else None
    pattern = site.pattern(locale, section) if stem != "_index" else None
    if pattern is not None:
        path = _expand(pattern, relative, site, meta, logical, sections)
        if path is None:
            return None
    else:
        parts = list(folder)
        if stem not in ("_index", "index"):
            parts.append(str(slug) if slug else stem)
        elif stem == "index" and slug and parts:
            parts[-1] = str(slug)  # a slug names the bundle, not its sections
        path = "/" + "/".join(urlize(p, site) for p in parts)
        if path != "/":
            # uglyURLs: sections and bundles too (/chap.html), all but the home page.
            path += ".html" if site.ugly_urls else "/"
    return root + site.prefix(locale) + path


def _expand(pattern, relative, site, meta, logical, sections) -> str | None:
    date = _page_date(meta)
    title = meta.get("title") if isinstance(meta.get("title"), str) else ""
    slug = str(meta["slug"]) if isinstance(meta.get("slug"), (str, int, float)) and str(meta["slug"]) else ""
    name = relative.parent.name if relative.stem == "index" else relative.stem
    current = _current_section(logical, sections)
    known = {
        "section": logical[0] if logical else "",
        "sections": "/".join(current),
        "title": urlize(title, site, plus_is_space=True),
        "slug": urlize(slug or title, site, plus_is_space=True),
        "filename": urlize(name, site, plus_is_space=True),
        "slugorfilename": urlize(slug or name, site, plus_is_space=True),
    }
    unknown = False

    def token(match: re.Match) -> str:
        nonlocal unknown
        name, cut = match.group(1), match.group(2)
        if name == "sections" and cut:
            return "/".join(_slice(current, cut))
        if name in known and not cut:
            return known[name]
        if not cut:
            value = _date_token(name, date)
            if value is not None:
                return value
        unknown = True  # a token Hugo 0.111 does not know (it refuses to build)
        return ""

    path = _TOKEN.sub(token, pattern)
    if unknown:
        return None
    path = "/" + re.sub(r"/{2,}", "/", path).lstrip("/")
    if site.lower:
        path = path.lower()  # Hugo lowers the whole expanded path (month names too)
    if not path.endswith("/") and not posixpath.splitext(path)[1]:
        path += ".html" if site.ugly_urls else "/"
    return path


def _current_section(logical: list[str], sections: frozenset[str] | None) -> list[str]:
    # A folder is a section when it is at the top or holds an _index.md (Hugo 0.111).
    for depth in range(len(logical), 0, -1):
        if depth == 1 or sections is None or "/".join(logical[:depth]) in sections:
            return logical[:depth]
    return []


def _slice(parts: list[str], cut: str) -> list[str]:
    inner = cut.strip()[1:-1].strip().lower()

    def index(text: str, low: bool) -> int:
        if text == "":
            return 0 if low else len(parts)
        if text == "last":
            return len(parts) - 1
        number = max(int(text), 0) if text.lstrip("-").isdigit() else 0
        if number >= len(parts):
            return -1 if low else len(parts)
        return number

    if not parts:
        return []
    if ":" not in inner:
        at = index(inner, True)
        return [] if at < 0 else [parts[at]]
    low, high = (index(x.strip(), i == 0) for i, x in enumerate(inner.split(":", 1)))
    return [] if low < 0 or high < 0 else parts[low:high]


def _page_date(meta: dict) -> dt.date:
    """The page's date as Hugo reads it: the first key that is a date, else 0001-01-01
    (hugo 0.111.3 publishes a page whose ``date`` is not one under ``/1/``)."""
    for key in _DATE_KEYS:
        value = meta.get(key)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip():
            try:
                return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                continue
    return dt.date(1, 1, 1)


def _date_token(name: str, date: dt.date) -> str | None:
    weekday = (date.weekday() + 1) % 7  # Go counts from Sunday
    return {
        "year": str(date.year),
        "month": f"{date.month:02d}",
        "monthname": _MONTHS[date.month - 1],
        "day": f"{date.day:02d}",
        "weekday": str(weekday),
        "weekdayname": _DAYS[weekday],
        "yearday": str(date.timetuple().tm_yday),
    }.get(name)


def localise_url(text: str, site: Site, locale: str, source_meta: dict) -> str:
    """The translated page with its front matter ``url`` given the language folder.

    Hugo adds no language folder to a ``url``: a translation that keeps the French
    page's ``url`` would be published at the French page's address, over it (seen
    with hugo 0.111.3).  With one host per language there is nothing to separate.
    """
    french = source_meta.get("url")
    prefix = site.prefix(locale)
    if site.multihost or not prefix or not isinstance(french, str) or not french.strip():
        return text
    reading = frontmatter.read(text.replace("\r\n", "\n").replace("\r", "\n"))
    key = next((k for k in (reading.front_matter.keys if reading.front_matter else {}) if k.lower() == "url"), None)
    if key is None or reading.metadata.get(key) != french:
        return text  # the translator gave the page its own url
    where = reading.front_matter.keys[key]
    if not where.text_column:
        return text  # not a one-line string: left as written (README, "Limits")
    lines = text.split("\n")
    line = lines[where.line - 1]
    value = prefix + "/" + french.strip().lstrip("/")
    lines[where.line - 1] = line[: where.text_column - 1] + value + line[where.text_end_column - 1 :]
    return "\n".join(lines)


# --------------------------------------------------------------------------- rewriting


@dataclass
class Pages:
    """The French pages of the content folder and their URLs in the build's locale.

    ``by_url``: French URL path -> source file; ``translated``: those that have a
    page in the locale; ``urls``: source file -> its URL path in the locale (when known
    and not the default one); ``french``: French front matter of pages whose URL
    depends on it; ``sections``: folders holding an ``_index.md``; ``roots``: the
    content roots and static folders, to tell which assets a host publishes.
    """

    site: Site
    by_url: dict[str, PurePosixPath]
    translated: set[PurePosixPath]
    urls: dict[PurePosixPath, str | None] = field(default_factory=dict)
    french: dict[PurePosixPath, dict] = field(default_factory=dict)
    sections: frozenset[str] | None = None
    static: tuple = ()

    def url(self, page: PurePosixPath, locale: str) -> str | None:
        if locale != self.site.source_language and page in self.urls:
            return self.urls[page]
        return page_url(page, self.site, locale, self.french.get(page), self.sections)


def rewrite(
    text: str, relative: PurePosixPath, locale: str, pages: Pages, code_lines: set[int], meta: dict | None = None
) -> str:
    """``text`` (the translated page) with each relative or page target made right for ``locale``.

    ``meta`` is the translated page's front matter (read from ``text`` when not given).
    """
    site = pages.site
    source_url = pages.url(relative, site.source_language)
    target_url = page_url(relative, site, locale, metadata(text) if meta is None else meta, pages.sections)
    if source_url is None or target_url is None:
        return text  # where Hugo puts this page is unknown here: targets left as written (README)
    french_host = site.base(site.source_language)
    own_host = site.base(locale)
    if source_url == target_url and french_host == own_host:
        return text

    def resolve(target: str, url: str, host: tuple[str, str]) -> str:
        """The URL path ``target`` reaches from the page at ``url`` on ``host``."""
        if target.startswith("/"):
            return (host[1].rstrip("/") + target) if site.site_relative else target
        return _normalise(posixpath.join(_folder(url), target), target.endswith("/") or target in ("", "."))

    def fix(target: str) -> str:
        if not target or target.startswith(("#", "//", "?", "{{")) or _SCHEME.match(target):
            return target  # a fragment, another site, or a Hugo shortcode (relref) that Hugo resolves
        path, sep, rest = _split(target)
        resolved = resolve(path, source_url, french_host)
        page = next(
            (pages.by_url[u] for u in (resolved, resolved.rstrip("/") + "/", unquote(resolved)) if u in pages.by_url),
            None,
        )  # pages.by_url holds decoded paths; an author may write première as premi%C3%A8re
        wanted, host = resolved, french_host
        if page is not None and page in pages.translated:
            translated = pages.url(page, locale)
            if translated is not None:
                wanted, host = translated, own_host
        elif page is None and site.multihost:
            # One host per language: Hugo publishes static files on each host, and a bundle's
            # files on the host of each language the bundle has; anything else stays on the
            # French host.
            owner = pages.by_url.get(posixpath.dirname(resolved) + "/")
            owner_url = pages.url(owner, locale) if owner in pages.translated else None
            base = french_host[1]
            if owner_url is not None:
                wanted, host = owner_url + posixpath.basename(resolved), own_host
            elif resolved.startswith(base) and _published_on_every_host(resolved, pages):
                wanted, host = own_host[1].rstrip("/") + "/" + resolved[len(base):], own_host
        if host == own_host and resolve(path, target_url, own_host) == wanted:
            return target  # already right from the translated page
        if host != own_host:
            if not host[0]:
                return target  # the other host is unknown (no baseURL): left as written
            return host[0] + wanted + sep + rest
        if path.startswith("/"):
            if site.site_relative:
                inside = wanted[len(own_host[1].rstrip("/")):] if wanted.startswith(own_host[1]) else None
                return target if inside is None else inside + sep + rest
            return wanted + sep + rest
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


def _published_on_every_host(url_path: str, pages: Pages) -> bool:
    """A static file: Hugo publishes it on each language's host."""
    base = pages.site.base(pages.site.source_language)[1]
    inside = unquote(url_path[len(base):]) if url_path.startswith(base) else None
    return inside is not None and any((folder / inside).is_file() for folder in pages.static)


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
