"""Speed and fidelity of the translation pipeline on a generated content tree.

Usage::

    python bench/i18n_bench.py                       # 200 lessons, 3 runs
    python bench/i18n_bench.py --lessons 500 --runs 5 --keep /tmp/i18n-tree

The tree: chapters of lessons built from the seed lesson (timeline, tags,
quotes with hard breaks) and from real French course prose
(``/work/shared/bench/prose-dev.txt`` when present: headings, lists, paragraphs),
plus the awkward things real lessons hold — tables, HTML blocks, shortcodes,
CRLF files, a BOM, paths with spaces, an unclosed code fence.

Timed in process (wall clock, median of ``--runs``), on the whole tree, locale ``en``:

1. ``extract`` on a fresh tree (templates and new ``.po`` files written);
2. ``extract`` again (nothing changes: the idempotent pre-commit case);
3. ``build`` with every entry translated by a pseudo-translation (longer text,
   one more line in multi-line units): splice, re-parse, verify, write;

and, for fidelity, ``build`` with identity translations (msgstr = msgid, spliced
for real): how many lessons come back byte for byte.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed.md"
PROSE = Path("/work/shared/bench/prose-dev.txt")

EXTRAS = [
    "| Commande | Rôle |\n| --- | --- |\n| `docker ps` | Liste les conteneurs **actifs** |\n",
    '<div class="note">\nUn bloc HTML non traduit.\n</div>\n',
    '{{< figure src="/img/a.png" caption="Une légende de figure" >}}\n',
    '{{% notice warning "Attention" %}}\nUn avertissement dans une notice.\n{{% /notice %}}\n',
    "> Une citation  \n> sur deux lignes avec retour forcé.\n",
    "Un paragraphe\\\navec une barre oblique finale.\n",
]


def _prose_chunks() -> list[list[str]]:
    if not PROSE.exists():
        return []
    lines = [line.rstrip("\n") for line in PROSE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [lines[i : i + 40] for i in range(0, len(lines), 40)]


def generate(root: Path, count: int) -> list[Path]:
    rng = random.Random(7)
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("---\n", 2)[2]
    chunks = _prose_chunks()
    lessons = []
    for i in range(count):
        chapter = root / "content" / f"chapitre {i // 20:02d}"  # a space in every path
        chapter.mkdir(parents=True, exist_ok=True)
        if not (chapter / "_index.md").exists():
            (chapter / "_index.md").write_text(f"---\ntitle: Chapitre {i // 20}\n---\n\n# Chapitre\n", encoding="utf-8")
        parts = [f"---\ntitle: \"Leçon {i} : conteneurs\"\nweight: {i}\n---\n"]
        if chunks:
            chunk = chunks[i % len(chunks)]
            parts.append("\n\n".join(chunk) + "\n")
        parts.append(body if i % 2 == 0 else "\n".join(body.split("\n")[: 60]) + "\n")
        parts.extend(rng.sample(EXTRAS, 3))
        if i % 50 == 49:
            parts.append("```bash\necho jamais fermé\n")
        text = "\n".join(parts)
        path = chapter / f"{i:03d}-lecon.md"
        data = text.encode("utf-8")
        if i % 10 == 3:
            data = data.replace(b"\n", b"\r\n")
        if i % 25 == 5:
            data = b"\xef\xbb\xbf" + data
        path.write_bytes(data)
        lessons.append(path)
    return sorted(root.rglob("*.md"))


def _config(root: Path):
    from courselint.config import Config, defaults

    values = defaults()
    values["paths"] = ["content"]
    values["locales"] = ["en"]
    return Config(values, root)


def _fill(root: Path, transform) -> None:
    from courselint.i18n import catalog as catalogs

    for po_file in (root / "locales" / "en").rglob("*.po"):
        po = catalogs.read_catalog(po_file)
        for message in po.catalog:
            if message.id:
                message.string = transform(message)
        po_file.write_text(catalogs.render_po(po.catalog, po.header, po.width), encoding="utf-8")


def _pseudo(message) -> str:
    lines = [f"Ŀōňğ {line} ŧxŧ" for line in message.id.split("\n")]
    if any(c.startswith(("heading", "table", "front", "image", "shortcode")) for c in message.auto_comments):
        return " ".join(lines)
    return "\n".join([*lines, "ēxŧŕă"])


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def run(count: int, runs: int, keep: Path | None) -> None:
    from courselint.i18n.extract import extract
    from courselint.i18n.render import build

    fresh, again, built = [], [], []
    for r in range(runs):
        root = Path(tempfile.mkdtemp(prefix="i18n-bench-"))
        lessons = [p for p in generate(root, count)]
        config = _config(root)
        seconds, (written, findings) = _timed(lambda: extract(lessons, config, ["en"]))
        fresh.append(seconds)
        catalogs_written = len(written)
        seconds, (written2, _) = _timed(lambda: extract(lessons, config, ["en"]))
        again.append(seconds)
        assert written2 == [], written2
        _fill(root, _pseudo)
        seconds, (built_paths, build_findings) = _timed(lambda: build(lessons, config, ["en"], 0))
        built.append(seconds)
        if r == runs - 1:
            refused = [f for f in build_findings if f.code == "CL612"]
            _fill(root, lambda m: m.id)
            identical = _identity(lessons, config)
            units = sum(_count_units(p) for p in lessons)
            print(f"tree: {len(lessons)} lessons ({count} generated + chapter indexes), {units} units")
            print(f"extract (fresh): {catalogs_written} catalogs written, {len(findings)} findings")
            print(f"build (pseudo-translation): {len(built_paths)} written, {len(refused)} refused")
            print(f"identity round trip: {identical}/{len(lessons)} lessons byte-identical")
            if keep:
                if keep.exists():
                    shutil.rmtree(keep)
                shutil.copytree(root, keep)
        shutil.rmtree(root)
    med = statistics.median
    print(f"extract, fresh tree      : {med(fresh):.2f} s  ({1000 * med(fresh) / count:.1f} ms/lesson)")
    print(f"extract, nothing changed : {med(again):.2f} s  ({1000 * med(again) / count:.1f} ms/lesson)")
    print(f"build, pseudo-translated : {med(built):.2f} s  ({1000 * med(built) / count:.1f} ms/lesson)")


def _count_units(path: Path) -> int:
    from courselint.document import parse
    from courselint.i18n.units import lesson_units

    return len(lesson_units(parse(str(path), path.read_bytes())))


def _identity(lessons, config) -> int:
    """Build with msgstr = msgid, forcing every unit through the splicer; count exact copies."""
    from courselint.i18n.extract import read_lesson
    from courselint.i18n.render import Substitution, splice
    from courselint.i18n.units import lesson_units

    same = 0
    for path in lessons:
        lesson = read_lesson(path, config)
        text = splice(lesson, [Substitution(u, u.msgid, 0) for u in lesson_units(lesson)])
        data = (b"\xef\xbb\xbf" if lesson.bom else b"") + text.encode("utf-8")
        same += data == path.read_bytes()
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="copy the last tree (with catalogs) here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    run(args.lessons, args.runs, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
