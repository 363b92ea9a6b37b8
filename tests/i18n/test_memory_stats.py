"""Translation memory and word counts on the sample course plus a real Hugo site's French pages.

``../shared/corpus/hugo-learn-example`` is the Learn theme's documentation, French
pages named ``x.fr.md``; they are copied as French sources ``x.md`` next to the
sample course.  Expected figures come from polib and ``str.split`` over the
catalogs, not from courselint.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

import polib
import pytest

from tests.courselint_run import REPRODUCIBLE, run_courselint
from tests.shared_corpus import LEARN_SITE

REPO = Path(__file__).resolve().parents[2]
LEARN = LEARN_SITE


cli = functools.partial(run_courselint, timeout=600, **REPRODUCIBLE)


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    if not LEARN.is_dir():
        pytest.skip("corpus hugo-learn-example absent")
    root = tmp_path_factory.mktemp("memory") / "cours"
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("*.en.md"))
    for page in sorted((LEARN / "content").rglob("*.fr.md")):
        target = root / "content" / "learn" / page.relative_to(LEARN / "content")
        target = target.with_name(target.name.removesuffix(".fr.md") + ".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    (root / "courselint.toml").write_text('locales = ["en"]\n[i18n]\nmin_translated = 0\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", "."], cwd=root, check=True)
    result = cli("extract", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def repeated_msgid(root: Path) -> tuple[str, list[Path]]:
    """A paragraph-long msgid found in the templates of several lessons (counted with polib)."""
    where = defaultdict(list)
    for pot in sorted((root / "locales").glob("**/*.pot")):
        for entry in polib.pofile(str(pot)):
            if not entry.msgctxt and len(entry.msgid.split()) >= 3:
                where[entry.msgid].append(pot)
    msgid, pots = max(where.items(), key=lambda item: (len(item[1]), len(item[0])))
    assert len(pots) >= 2, "the corpus has no repeated sentence"
    catalogs = [root / "locales/en" / pot.relative_to(root / "locales").with_suffix(".po") for pot in pots]
    return msgid, catalogs


def test_memory_fills_a_repeated_sentence_and_never_publishes_it_unreviewed(course: Path, tmp_path: Path) -> None:
    root = tmp_path / "cours"
    shutil.copytree(course, root)
    msgid, (first, second, *_) = repeated_msgid(root)
    catalog = polib.pofile(str(first))
    catalog.find(msgid).msgstr = "A SENTENCE TRANSLATED ONCE"
    catalog.save()
    no_memory = tmp_path / "sans-memoire"
    shutil.copytree(root, no_memory)

    assert cli("extract", cwd=root).returncode == 0
    filled = polib.pofile(str(second)).find(msgid)
    assert filled.msgstr == "A SENTENCE TRANSLATED ONCE"
    assert "fuzzy" in filled.flags and "courselint: memory" in filled.tcomment
    assert cli("extract", "--fail-on-change", cwd=root).returncode == 0  # idempotent

    result = cli("build", cwd=root)  # default policy publishes fuzzy entries' previous translations…
    lesson = Path(polib.pofile(str(second)).find(msgid).occurrences[0][0].replace("%20", " "))
    page = (root / lesson).with_name(lesson.stem + ".en.md")
    assert page.is_file(), result.stdout
    assert "A SENTENCE TRANSLATED ONCE" not in page.read_text(encoding="utf-8")  # …never memory ones
    first_lesson = Path(polib.pofile(str(first)).find(msgid).occurrences[0][0].replace("%20", " "))
    first_page = (root / first_lesson).with_name(first_lesson.stem + ".en.md")
    assert "A SENTENCE TRANSLATED ONCE" in first_page.read_text(encoding="utf-8")

    # Reviewed: the translator removes the fuzzy flag; now it is published.
    catalog = polib.pofile(str(second))
    catalog.find(msgid).flags.remove("fuzzy")
    catalog.save()
    assert cli("build", cwd=root).returncode == 0
    assert "A SENTENCE TRANSLATED ONCE" in page.read_text(encoding="utf-8")

    assert cli("extract", "--no-memory", cwd=no_memory).returncode == 0
    assert polib.pofile(str(no_memory / second.relative_to(root))).find(msgid).msgstr == ""


def _independent_counts(root: Path) -> tuple[dict, dict, dict]:
    """Words per (chapter), per locale and for the course, by state, with polib and str.split."""
    chapters: dict = defaultdict(Counter)
    for po in sorted((root / "locales/en").rglob("*.po")):
        chapter = po.parent.relative_to(root / "locales/en").as_posix()
        for entry in polib.pofile(str(po)):
            state = "untranslated" if not entry.msgstr else "fuzzy" if "fuzzy" in entry.flags else "translated"
            chapters[chapter][state] += len(entry.msgid.split())
            chapters[chapter]["entries"] += 1
    locale = sum(chapters.values(), Counter())
    return chapters, locale, locale


def test_stats_words_and_badge_match_an_independent_count(course: Path, tmp_path: Path) -> None:
    root = tmp_path / "cours"
    shutil.copytree(course, root)
    # Some translated, one fuzzy, in two chapters.
    for po in sorted((root / "locales/en").rglob("*.po"))[:6]:
        catalog = polib.pofile(str(po))
        for i, entry in enumerate(catalog):
            if i % 2 == 0:
                entry.msgstr = entry.msgid
                if i % 4 == 0:
                    entry.flags.append("fuzzy")
        catalog.save()
    chapters, locale, _ = _independent_counts(root)
    result = cli("stats", "--format", "json", cwd=root)
    assert result.returncode == 0, result.stdout
    data = json.loads(result.stdout)
    got = {row["chapter"]: row for row in data["chapters"]}
    assert set(got) == set(chapters)
    for chapter, counts in chapters.items():
        row = got[chapter]
        assert (row["words_translated"], row["words_fuzzy"], row["words_untranslated"]) == (
            counts["translated"], counts["fuzzy"], counts["untranslated"]
        ), chapter
        assert row["translated"] + row["fuzzy"] + row["untranslated"] == counts["entries"]
    (en,) = data["locales"]
    total_words = locale["translated"] + locale["fuzzy"] + locale["untranslated"]
    assert en["words"] == total_words and en["words_translated"] == locale["translated"]
    assert data["course"]["words"] == total_words
    assert 0 < en["percent_words"] < 100
    assert en["percent_words"] == round(100 * locale["translated"] / total_words, 1)

    out = tmp_path / "badges"
    assert cli("stats", "--format", "svg", "--output", str(out), cwd=root).returncode == 0
    svg = ET.parse(out / "translation-en.svg").getroot()  # well-formed XML
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert f"{en['percent_words']:g} %" in texts
