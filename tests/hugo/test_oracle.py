"""Real Hugo 0.111 renders each lesson; its blocks must be courselint's prose blocks, block by block.

See :mod:`oracle` for the site, the stub templates generated from the shortcode
table and the comparison.  Lesson sets: the tricky lessons of ``lessons/``, the
sample course (``content/``), the French pages of the hugo-learn example site,
and the lesson fixtures of the suite that are meant to build (an unclosed code
fence is one: Hugo renders the rest as code, courselint reads no prose there and
reports CL008).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from courselint.document import decode, normalise_newlines
from courselint.shortcodes import DEFAULT_TABLE
from tests.shared_corpus import LEARN_SITE

from .oracle import build_site, mismatches

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CORPUS = LEARN_SITE / "content"

#: Fixtures broken on purpose, and the error real Hugo stops on (the oracle expects the failure).
BROKEN_ON_PURPOSE = {
    # An opening {{% notice %}} inside a sentence, never closed, before a paired one:
    # Hugo nests them and fails; courselint reads the sentence as prose around a shortcode.
    "tests/model/fixtures/shortcodes.md": 'shortcode "notice" must be closed or self-closed',
    "tests/i18n/golden/shortcodes.md": 'shortcode "notice" must be closed or self-closed',
}


def _lessons(paths: list[Path]) -> dict[str, tuple[str, str]]:
    """Page name -> (label, text), for every lesson that decodes."""
    out = {}
    for i, path in enumerate(sorted(paths)):
        label = str(path.relative_to(ROOT.parent if CORPUS in path.parents else ROOT))
        text, _bom = decode(path.read_bytes())
        out[f"p{i:03d}"] = (label, normalise_newlines(text))
    return out


def _sets() -> dict[str, dict[str, tuple[str, str]]]:
    fixtures = [
        *(ROOT / "tests" / "model" / "fixtures").glob("*.md"),
        *(p for p in (ROOT / "tests" / "i18n" / "golden").glob("*.md") if not re.search(r"\.en(\.expect)?\.md$", p.name)),
        ROOT / "tests" / "fixtures" / "seed.md",
    ]
    fixtures = [p for p in fixtures if str(p.relative_to(ROOT)) not in BROKEN_ON_PURPOSE]
    course = [p for p in (ROOT / "content").rglob("*.md") if not p.name.endswith(".en.md")]
    corpus = sorted(CORPUS.rglob("*.fr.md")) if CORPUS.is_dir() else []
    return {
        "tricky": _lessons(sorted(HERE.glob("lessons/*.md"))),
        "course": _lessons(course),
        "corpus": _lessons(corpus),
        "fixtures": _lessons(fixtures),
    }


SETS = _sets()


@lru_cache(maxsize=None)
def _rendered(name: str, root: str, unsafe: bool):
    lessons = SETS[name]
    pages = {page: text for page, (_label, text) in lessons.items()}
    return build_site(Path(root) / f"{name}-{'unsafe' if unsafe else 'safe'}", pages, DEFAULT_TABLE, unsafe)


@pytest.fixture(scope="session")
def site_root(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("hugo-oracle"))


CASES = [(name, page, unsafe) for unsafe in (True, False) for name, lessons in SETS.items() for page in lessons]


@pytest.mark.parametrize(
    ("lesson_set", "page", "unsafe"),
    CASES,
    ids=[f"{'unsafe' if u else 'safe'}:{n}:{SETS[n][p][0]}" for n, p, u in CASES],
)
def test_hugo_and_courselint_see_the_same_prose(lesson_set, page, unsafe, site_root) -> None:
    """With the site's ``unsafe`` on, raw HTML blocks are prose; off (Hugo's default), they are not."""
    label, text = SETS[lesson_set][page]
    rendered = _rendered(lesson_set, site_root, unsafe)[page]
    assert rendered is not None, f"{label}: Hugo n'a pas publié la page"
    problems = mismatches(label, text, rendered, DEFAULT_TABLE, raw_html=unsafe)
    assert not problems, "\n".join(problems)


def test_every_set_has_lessons() -> None:
    """The corpus is part of the repository's neighbourhood; an empty set would test nothing."""
    assert len(SETS["tricky"]) >= 2 and len(SETS["course"]) >= 2 and len(SETS["fixtures"]) >= 10
    assert len(SETS["corpus"]) >= 30


@pytest.mark.parametrize("fixture", sorted(BROKEN_ON_PURPOSE))
def test_fixtures_broken_on_purpose_do_not_build(fixture, tmp_path) -> None:
    text, _bom = decode((ROOT / fixture).read_bytes())
    with pytest.raises(AssertionError) as failure:
        build_site(tmp_path / "site", {"p000": normalise_newlines(text)}, DEFAULT_TABLE)
    assert BROKEN_ON_PURPOSE[fixture] in str(failure.value)
