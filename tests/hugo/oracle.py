"""Real Hugo as the oracle for what is prose.

A minimal site written for the test renders lessons with Debian's ``hugo``
(0.111.3, goldmark), twice: raw HTML on (``unsafe = true``) and off (Hugo's
default: it prints ``<!-- raw HTML omitted -->``), compared with courselint's
blocks read the same way (``parse(..., raw_html=…)``); typographer off (its quotes and
dashes would differ from the source for no reason of structure), broken
``ref``/``relref`` links as warnings.  The shortcode templates are stubs
**generated from courselint's shortcode table**:

- ``code`` and ``opaque`` shortcodes show their inner content in a ``<pre>`` (never prose);
- ``markdown`` shortcodes give their inner content back as written, which Hugo
  renders as Markdown in place for the ``{{% %}}`` form (labels are compared by
  the extraction tests, not here);
- a shortcode with no closing tag outputs nothing.

Each rendered page is cut into its block elements (paragraph, heading, list item,
table cell, definition term and description); a block's reader-visible text is
its text outside ``<pre>``, ``<code>``, comments and nested blocks, image ``alt``
texts included.  Text outside any of those (``<div>Texte</div>`` from a raw HTML
block) is a block of its own, up to the next element that starts or ends a block.  Both sides are reduced to their words in order (URLs, e-mail
addresses and emoji codes left out: courselint masks them, Hugo shows them), and
compared block by block with the lesson model's prose blocks, in order.

"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from courselint.document import parse
from courselint.shortcodes import ShortcodeTable

BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd"})
_SEPARATING = BLOCKS | {
    "div", "ul", "ol", "tr", "table", "blockquote", "section", "main", "header", "footer", "article", "aside",
    "nav", "details", "summary", "figure", "figcaption", "dl", "hr", "thead", "tbody", "tfoot", "caption",
    "form", "fieldset", "legend", "center", "address", "pre", "script", "style", "textarea",
}
HIDDEN = frozenset({"pre", "code", "script", "style", "textarea"})
#: The block of an element that is not a block element but starts a line (``<div>``): its
#: text, up to the next element that starts or ends a block, is a block of its own.
LOOSE = -1
VOID = frozenset({"img", "br", "hr", "input", "meta", "link", "source", "wbr", "col", "area", "embed"})

#: Hugo's own templates render these: the oracle then checks courselint's reading of
#: them, not a stub made from that reading.  The other built-ins are stubbed: some
#: fetch from the network (tweet, instagram, gist), ``figure`` shows its caption
#: (courselint extracts it as a parameter, it is not a prose block), ``param`` shows
#: a value from elsewhere.
REAL_BUILTINS = frozenset({"highlight", "ref", "relref"})

CONFIG = """\
baseURL = "http://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "home", "section"]
refLinksErrorLevel = "WARNING"
[markup.goldmark.renderer]
unsafe = {unsafe}
[markup.goldmark.extensions]
typographer = false
"""

LAYOUT = (
    '<header data-file="{{ .File.BaseFileName }}" data-title="{{ .Title }}" data-draft="{{ .Draft }}"'
    ' data-description="{{ .Description }}"></header>\n<main>{{ .Content }}</main>\n'
)


def stub_templates(table: ShortcodeTable, paired: set[str]) -> dict[str, str]:
    """One template per shortcode of the table, from what the table says its inner content is.

    Hugo refuses an unclosed shortcode whose template reads ``.Inner``: only the
    names ``paired`` (closed somewhere in the lessons) read it.
    """
    stubs = {}
    for name, entry in table.entries.items():
        if name == "*" or name in REAL_BUILTINS:
            continue
        if name not in paired:
            stubs[name] = ""
        elif entry.inner in ("code", "opaque"):
            stubs[name] = '{{ with .Inner }}<pre class="sc-%s">{{ . | htmlEscape }}</pre>{{ end }}' % name
        else:
            # The inner Markdown goes back into the page as written: with ``{{% %}}`` Hugo
            # renders it in place, as courselint reads it (a wrapping <div> would turn its
            # first paragraph into raw HTML).
            stubs[name] = "{{ .Inner }}"
    return stubs


@dataclass
class Page:
    title: str
    draft: str
    blocks: list[str] = field(default_factory=list)


class _Blocks(HTMLParser):
    """Reader-visible text of each block element, in document order of their opening."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int | None]] = []  # (tag, index of the block it opened)
        self.texts: list[list[str]] = []
        self.hidden = 0
        self.header: dict[str, str] = {}
        self.loose: int | None = None  # the block of text met outside any block element

    def _current(self) -> int | None:
        for _tag, block in reversed(self.stack):
            if block == LOOSE:
                return self._loose()
            if block is not None:
                return block
        return None

    def _loose(self) -> int:
        if self.loose is None:
            self.loose = len(self.texts)
            self.texts.append([])
        return self.loose

    def handle_starttag(self, tag, attrs):
        if tag == "header":
            self.header = {k: v or "" for k, v in attrs}
        if tag in VOID:
            if tag in _SEPARATING:
                self.loose = None  # <hr> ends a run of loose text
            if tag == "img" and not self.hidden:
                alt = dict(attrs).get("alt")
                current = self._current()
                if alt and current is not None:
                    self.texts[current].append(" " + alt + " ")
            elif tag in ("br", "input"):
                self._text(" ")
            return
        if tag in _SEPARATING:
            self._text(" ")  # "<li>a</li><li>b</li>" reads as two words, not "ab"
            self.loose = None
        block = None
        # Inside a table cell, HTML lists and paragraphs are the cell's text (Markdown
        # cannot put blocks there, only inline HTML can).
        in_cell = any(open_tag in ("td", "th") for open_tag, _ in self.stack)
        if tag in BLOCKS and not in_cell:
            block = len(self.texts)
            self.texts.append([])
        elif tag in _SEPARATING and not in_cell:
            block = LOOSE  # <li>texte<div>autre</div></li>: "autre" is on a line of its own
        # A footnote's number and its way back are Hugo's, not the author's words.
        footnote_link = tag == "a" and dict(attrs).get("class") in ("footnote-ref", "footnote-backref")
        if tag in HIDDEN or footnote_link:
            self.hidden += 1
        self.stack.append(("hidden-a" if footnote_link else tag, block))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in _SEPARATING:
            self._text(" ")
            self.loose = None
        # Close up to the matching tag (HTML from raw blocks may be loose).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag or (tag == "a" and self.stack[i][0] == "hidden-a"):
                for closed, _ in self.stack[i:]:
                    if closed in HIDDEN or closed == "hidden-a":
                        self.hidden -= 1
                del self.stack[i:]
                break

    def handle_data(self, data):
        self._text(data)

    def handle_comment(self, data):
        # Without ``unsafe``, Hugo writes ``<!-- raw HTML omitted -->`` for an inline tag:
        # ``par<br>Weight`` shows "parWeight".  courselint reads the author's two words
        # (a tag is a word boundary); the oracle compares which text is prose, not that.
        self._text(" ")

    def _text(self, data):
        if self.hidden:
            return
        if not data.strip() and (not self.stack or self.stack[-1][1] == LOOSE):
            return  # the line ends around block elements are not a block of text
        current = self._current()
        if current is None and data.strip() and any(tag == "main" for tag, _ in self.stack):
            current = self._loose()
        if current is not None:
            self.texts[current].append(data)


_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:)?//\S+|www\.\S+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|(?:https?|ftp|mailto):\S+")
_EMOJI = re.compile(r"(?<![\w:]):(?:[a-z0-9_+\-]*[a-z][a-z0-9_+\-]*|[+\-]1):(?![\w:])")
_WORD = re.compile(r"[^\W_]+")  # "_" is emphasis markup to courselint: not a word character
# A closing tag, or a self-closing one (``{{% attachments /%}}``): Hugo wants .Inner read for both.
_CLOSING = re.compile(r"\{\{[<%]\s*/\s*([\w\-.]+)|\{\{[<%]\s*([\w\-.]+)[^{}]*?/[%>]\}\}")


def words(text: str) -> str:
    """The words of a text, in order, one space between them (URLs and emoji codes left out)."""
    text = _EMOJI.sub(" ", _URL.sub(" ", text.replace("\u2060", "")))
    return " ".join(_WORD.findall(text))


def hugo_blocks(page_html: str) -> Page:
    parser = _Blocks()
    parser.feed(page_html)
    parser.close()
    texts = [words(html.unescape("".join(parts))) for parts in parser.texts]
    return Page(parser.header.get("data-title", ""), parser.header.get("data-draft", ""), [t for t in texts if t])


def courselint_blocks(lesson) -> list[tuple[int, str]]:
    """(line, words) of each Markdown prose block of the lesson model, in order."""
    # Hugo renders footnote definitions at the end of the page, where they are read.
    footnote_tokens = set()
    depth = 0
    for i, token in enumerate(lesson.tokens):
        depth += token.type == "footnote_reference_open"
        depth -= token.type == "footnote_reference_close"
        if depth:
            footnote_tokens.add(i)
    out, notes = [], []
    for block in lesson.blocks:
        if block.kind in ("front_matter_value", "shortcode_param"):
            continue  # not blocks of the page: the title is compared apart, labels by extraction tests
        text = words(block.prose)
        if text:
            (notes if block.token in footnote_tokens else out).append((block.line, text))
    return out + notes


def build_site(root: Path, lessons: dict[str, str], table: ShortcodeTable, unsafe: bool = True) -> dict[str, Page]:
    """Render ``lessons`` (page name -> Markdown) with real Hugo; page name -> rendered page.

    ``unsafe``: the site's ``markup.goldmark.renderer.unsafe`` (raw HTML rendered or omitted).
    """
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "layouts" / "shortcodes").mkdir(parents=True)
    (root / "config.toml").write_text(CONFIG.format(unsafe=str(unsafe).lower()), encoding="utf-8")
    (root / "layouts" / "_default" / "single.html").write_text(LAYOUT, encoding="utf-8")
    paired = {m.group(1) or m.group(2) for text in lessons.values() for m in _CLOSING.finditer(text)}
    for name, template in stub_templates(table, paired).items():
        (root / "layouts" / "shortcodes" / f"{name}.html").write_text(template, encoding="utf-8")
    for name, text in lessons.items():
        (root / "content" / f"{name}.md").write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["hugo", "--buildDrafts", "--quiet", "-s", str(root), "-d", str(root / "public")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise AssertionError(f"hugo failed:\n{result.stderr}")
    pages: dict[str, Page | None] = dict.fromkeys(lessons)
    for out in (root / "public").rglob("index.html"):  # a lesson's slug may move its page
        page_html = out.read_text(encoding="utf-8")
        found = re.search(r'<header data-file="([^"]*)"', page_html)
        if found and found.group(1) in pages:
            pages[found.group(1)] = hugo_blocks(page_html)
    return pages


def mismatches(label: str, source: str, page: Page, table: ShortcodeTable, raw_html: bool = True) -> list[str]:
    """Every difference between Hugo's blocks and courselint's, as "lesson:line: ..." lines.

    ``raw_html``: whether the site Hugo rendered ``page`` with shows raw HTML (``unsafe``).
    """
    lesson = parse(label, source, shortcodes=table, raw_html=raw_html)
    ours = courselint_blocks(lesson)
    problems = []
    for i in range(max(len(ours), len(page.blocks))):
        line, mine = ours[i] if i < len(ours) else (lesson.line_count, "")
        theirs = page.blocks[i] if i < len(page.blocks) else ""
        if mine != theirs:
            problems.append(f"{label}:{line}: bloc {i + 1}\n  courselint : {mine!r}\n  Hugo       : {theirs!r}")
            break  # the blocks after a first difference are shifted: one report says it all
    title = lesson.metadata.get("title")
    if title is not None and str(title) != page.title:
        problems.append(f"{label}:1: titre\n  courselint : {title!r}\n  Hugo       : {page.title!r}")
    if bool(lesson.metadata.get("draft", False)) != (page.draft == "true"):
        problems.append(f"{label}:1: draft\n  courselint : {lesson.metadata.get('draft')!r}\n  Hugo       : {page.draft!r}")
    return problems
