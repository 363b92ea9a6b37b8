"""Speed, memory and suggestion time of ``courselint`` on a course of real French prose.

Usage::

    python bench/real_course.py                          # all figures, 5 A/B pairs
    python bench/real_course.py --runs 3 --keep /tmp/real
    python bench/real_course.py --golden bench/real_course_findings.json   # write the findings
    python bench/real_course.py --compare bench/real_course_findings.json  # compare with them

The course is ``../shared/bench/prose-dev.txt`` (11,000 lines of real course prose,
with their real unknown words: names, English terms, identifiers, a few slips) cut
into lessons of about 5 KB, set in lesson shapes (front matter, headings, code
blocks, shortcodes, tables), plus the French pages of
``../shared/corpus/hugo-learn-example/``.  It is deterministic: the same files every
run, so the findings can be compared before and after a change.

Figures (fresh processes, ``--no-cache``: cold):

* the whole course (``courselint check``, default jobs, default rules: no grammar)
  and ``cat … | hunspell -l -d fr_FR`` over the same files, run as alternating
  pairs (A, B, A, B…) so that the load of a shared machine hits both alike;
  wall time and CPU time (user + sys of the process tree, from ``wait4``), medians;
* one lesson (what pre-commit runs): the middle one, several times, and every 12th
  lesson once (their words differ: one the tables cannot answer waits for the dictionary);
* the peak memory of the process tree (sampled from ``/proc``: the sum of the RSS,
  which counts a page shared by several processes once per process, and of the PSS), with
  Grammalecte too under ``--grammar``;
* the time of ``SpellChecker.suggest`` for every unknown word of the course, each
  on a fresh memo (p50/p90/p99/max);
* with ``--grammar``: a bare Grammalecte script over the paragraphs of the course
  (the floor) against ``courselint check --select CL5`` with Grammalecte; one lesson
  cold (grammar only, and all rules); and one lesson checked again after a sentence
  was added to one paragraph: a new process with the cache on, and one process with
  the engine running (the language server's case).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import CODE_BLOCKS, SHORTCODES, TABLE, child_env, courselint_command, peak_tree_memory  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# Beside the repository (a clone in /work), else /work/shared (a worktree elsewhere), as tests/shared_corpus.py.
SHARED = next((path for path in (REPO.parent / "shared", Path("/work/shared")) if path.is_dir()), REPO.parent / "shared")
PROSE = SHARED / "bench" / "prose-dev.txt"
CORPUS = SHARED / "corpus" / "hugo-learn-example" / "content"
LESSONS = 211
GRAMMAR_PYTHON = "/usr/bin/python3"

# --------------------------------------------------------------------------- the course


def build_course(root: Path, lessons: int = LESSONS, seed: int = 15) -> list[Path]:
    """Write the course under ``root/content``; return the lesson files (French sources)."""
    rng = random.Random(seed)
    lines = [line.rstrip("\n") for line in PROSE.read_text(encoding="utf-8").splitlines()]
    per_lesson = -(-len(lines) // lessons)
    content = root / "content"
    paths: list[Path] = []
    per_chapter = 20
    for n in range(lessons):
        chunk = lines[n * per_lesson : (n + 1) * per_lesson]
        if not chunk:
            break
        chapter, number = n // per_chapter + 1, n % per_chapter + 1
        folder = content / f"{chapter:02d}-chapitre"
        if number == 1:
            folder.mkdir(parents=True)
            (folder / "_index.md").write_text(
                f"---\ntitle: Chapitre {chapter}\nweight: {chapter}\n---\n\nChapitre {chapter} du cours.\n",
                encoding="utf-8",
            )
        title = next((l.lstrip("# ").strip() for l in chunk if l.startswith("#")), f"Leçon {number}")
        out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"weight: {number}", "---", ""]
        for i, line in enumerate(chunk):
            # Markdown needs blank lines between paragraphs; list items stay together.
            if line.startswith("#") or not line.startswith(("-", "*")):
                out.append("")
            out.append(line)
            if i % 12 == 11:
                extra = rng.random()
                shape = CODE_BLOCKS if extra < 0.5 else SHORTCODES if extra < 0.8 else [TABLE]
                out += ["", rng.choice(shape), ""]
        path = folder / f"{chapter}-{number:02d}-lecon.md"
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        paths.append(path)
    for page in sorted(CORPUS.rglob("*.fr.md")):
        target = content / "hugo-learn" / page.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
        paths.append(target)
    return paths


# --------------------------------------------------------------------------- measuring


def timed(argv: list[str], cwd: Path, shell: bool = False, src: Path | None = None) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + sys of the child and its waited-for descendants), stdout.

    ``src``: run the courselint package of that folder instead (``git archive`` of another commit).
    """
    env = child_env()
    if src is not None:
        env["PYTHONPATH"] = str(src)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, shell=shell)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if b"Traceback" in err or os.waitstatus_to_exitcode(status) == 2:
        sys.exit(f"{argv} crashed:\n{err.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, out.decode("utf-8", "replace")


def report_pairs(name_a: str, a: list[tuple[float, float]], name_b: str, b: list[tuple[float, float]]) -> dict:
    wall_a, cpu_a = statistics.median(x for x, _ in a), statistics.median(y for _, y in a)
    wall_b, cpu_b = statistics.median(x for x, _ in b), statistics.median(y for _, y in b)
    ratios = sorted(x[0] / y[0] for x, y in zip(a, b))
    for name, wall, cpu, runs in ((name_a, wall_a, cpu_a, a), (name_b, wall_b, cpu_b, b)):
        spread = ", ".join(f"{x:.2f}" for x, _ in runs)
        print(f"  {name:<40} wall median {wall:6.3f} s  CPU median {cpu:6.3f} s  (walls: {spread})")
    print(
        f"  ratio wall {wall_a / wall_b:.2f} (per pair: {', '.join(f'{r:.2f}' for r in ratios)}),"
        f" ratio CPU {cpu_a / cpu_b:.2f}"
    )
    return {"wall": wall_a / wall_b, "cpu": cpu_a / cpu_b, "pair_median": statistics.median(ratios)}


def findings(root: Path, extra: list[str] = ()) -> list[list]:
    """Every finding of the course: path, line, column, code, suggestions (sorted)."""
    _, _, out = timed([*courselint_command(), "check", "--no-cache", "--format", "json", *extra, "content"], root)
    rows = []
    for item in json.loads(out):
        where = [item["path"], item["line"], item["column"], item.get("end_line"), item.get("end_column")]
        safe = [fix["title"] for fix in item.get("fixes", []) if fix.get("safe")]
        rows.append([*where, item["code"], item.get("word"), item.get("suggestions", []), safe])
    return sorted(rows)


SUGGEST_SCRIPT = r"""
import json, sys, time
from courselint.spell.speller import checker_for
words = json.load(sys.stdin)
checker = checker_for({})
checker.suggest("amorçage")  # loads lazy tables, as the first word of a run does
times = []
for word in words:
    # A fresh memo per word: the cost of the first time a course meets it.
    for memo in ("_suggested", "_near", "_neighbours", "_cognates", "_english_only", "_compounds"):
        getattr(checker, memo, {}).clear()
    start = time.perf_counter()
    checker.suggest(word)
    times.append((time.perf_counter() - start, word))
json.dump(times, sys.stdout)
"""


def unknown_words(root: Path, rows: list[list]) -> list[str]:
    """The words of the spelling findings."""
    return sorted({row[6] for row in rows if row[5].startswith("CL40") and row[6]})


def suggestion_times(root: Path, words: list[str], src: Path | None = None) -> list[tuple[float, str]]:
    env = child_env()
    if src is not None:
        env["PYTHONPATH"] = str(src)
    proc = subprocess.run(
        [sys.executable, "-c", SUGGEST_SCRIPT], input=json.dumps(words), capture_output=True, text=True,
        env=env, cwd=root, check=True,
    )
    return json.loads(proc.stdout)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


GRAMMAR_FLOOR = r"""
import sys, time
start = time.perf_counter()
from grammalecte.fr import gc_engine
gc_engine.load("Python")
list(gc_engine.parse("Bonjour.", "FR"))
ready = time.perf_counter() - start
count = 0
for paragraph in sys.stdin.read().split("\n\n"):
    if paragraph.strip():
        count += len(list(gc_engine.parse(paragraph, "FR")))
print(f"{ready:.3f} {count}")
"""


RECHECK_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from courselint import config as config_module
from courselint.document import parse
from courselint.rules import RULES
from courselint.rules.base import Context
path, root = Path(sys.argv[1]), Path(sys.argv[2])
ctx = Context(config_module.load(root / "courselint.toml"))
text = path.read_text(encoding="utf-8")
RULES["CL501"].check(parse(str(path), text.encode()), ctx)  # the engine is running, the lesson checked once
lines = text.split("\n")
target = max((i for i, line in enumerate(lines) if line[:1].isalpha()), key=lambda i: len(lines[i]))
times = []
for n in range(5):
    changed = lines[:target] + [lines[target] + f" Cette phrase numéro {n} est ajoutée."] + lines[target + 1 :]
    start = time.perf_counter()
    RULES["CL501"].check(parse(str(path), "\n".join(changed).encode()), ctx)
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def one_paragraph_changed(path: Path, argv: list[str], root: Path, src: Path | None, rounds: int = 3) -> list[float]:
    """Wall times of a check (cache on) after one sentence was added to one paragraph, each round anew.

    The lesson is checked once first so that the cache knows it; the file is restored at the end.
    """
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    # The longest prose line: a paragraph, not a heading, table or code.
    target = max((i for i, line in enumerate(lines) if line[:1].isalpha()), key=lambda i: len(lines[i]))
    walls = []
    try:
        timed(argv, root, src=src)
        for n in range(rounds):
            changed = lines[:target] + [lines[target] + f" Cette phrase numéro {n} est ajoutée pour la mesure."]
            path.write_text("\n".join(changed + lines[target + 1 :]), encoding="utf-8")
            walls.append(timed(argv, root, src=src)[0])
    finally:
        path.write_text(original, encoding="utf-8")
    return walls


def paragraphs(paths: list[Path]) -> str:
    """The prose paragraphs of the lessons (front matter and fences dropped), blank-line separated."""
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 1)[-1]
        in_code = False
        for line in text.splitlines():
            if line.startswith("```"):
                in_code = not in_code
                continue
            if not in_code and not line.startswith(("{{", "|")):
                out.append(line)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="A/B pairs (medians)")
    parser.add_argument("--keep", type=Path, help="build the course here and keep it")
    parser.add_argument("--golden", type=Path, help="write the course's findings to this file and stop")
    parser.add_argument("--compare", type=Path, help="compare the course's findings with this file and stop")
    parser.add_argument("--grammar", action="store_true", help="also measure Grammalecte against its floor")
    parser.add_argument("--baseline-src", type=Path,
                        help="a courselint src folder of an earlier commit, timed in the same pairs (A/B/hunspell)")
    parser.add_argument("--skip-timing", action="store_true", help="only the suggestion times")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="courselint-real-"))
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    try:
        paths = build_course(root)
        size = sum(p.stat().st_size for p in paths)
        print(f"course: {len(paths)} files, {size / 1e6:.2f} MB, in {root}; {os.cpu_count()} CPUs")
        # Against another commit, both run as ``python -m courselint``: the program's
        # entry point may differ between commits, the package's __main__ is always there.
        cl = [sys.executable, "-m", "courselint"] if args.baseline_src else courselint_command()

        if args.golden or args.compare:
            rows = findings(root)
            if args.golden:
                args.golden.write_text("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n", encoding="utf-8")
                print(f"{len(rows)} findings written to {args.golden}")
                return 0
            before = [tuple(map(json.dumps, r)) for r in json.loads(args.compare.read_text(encoding="utf-8"))]
            after = [tuple(map(json.dumps, r)) for r in rows]
            where_before = sorted(r[:7] for r in before)
            where_after = sorted(r[:7] for r in after)
            same_where = where_before == where_after
            changed = sorted(set(before) - set(after))
            print(f"findings: {len(before)} before, {len(after)} after; codes and positions identical: {same_where}")
            print(f"findings whose suggestions changed: {len(changed)}")
            for row in changed[:40]:
                now = next((r for r in after if r[:7] == row[:7]), None)
                print("  ", *row[:7], row[7:], "->", now[7:] if now else "(gone)")
            return 0 if same_where else 1

        rows = findings(root)
        words = unknown_words(root, rows)
        for label, src in (("", None), ("baseline ", args.baseline_src)) if args.baseline_src else (("", None),):
            times = suggestion_times(root, words, src)
            seconds = [t for t, _ in times]
            print(
                f"{label}suggestions: {len(seconds)} distinct unknown words; per word"
                f" p50 {percentile(seconds, .5) * 1000:.1f} ms, p90 {percentile(seconds, .9) * 1000:.1f} ms,"
                f" p99 {percentile(seconds, .99) * 1000:.1f} ms, max {max(seconds) * 1000:.1f} ms,"
                f" total {sum(seconds):.2f} s"
            )
            print("  slowest:", ", ".join(f"{w} {t * 1000:.0f} ms" for t, w in sorted(times, reverse=True)[:8]))
        one = str(paths[len(paths) // 2].relative_to(root))
        if not args.skip_timing:
            files = " ".join(str(p.relative_to(root)) for p in paths)
            hun = f"cat {files} | hunspell -l -d fr_FR > /dev/null"
            timed(cl + ["check", "--no-cache", "content"], root)  # bytecode, page cache
            a, b, base = [], [], []
            for _ in range(args.runs):
                if args.baseline_src:
                    base.append(timed([*cl, "check", "--no-cache", "content"], root, src=args.baseline_src)[:2])
                a.append(timed([*cl, "check", "--no-cache", "content"], root)[:2])
                b.append(timed(hun, root, shell=True)[:2])
            print(f"whole course, cold, default jobs, {args.runs} alternating runs:")
            report_pairs("courselint check --no-cache content", a, "cat … | hunspell -l -d fr_FR", b)
            if base:
                print(f"baseline {args.baseline_src}, in the same rounds:")
                report_pairs("baseline courselint check", base, "cat … | hunspell -l -d fr_FR", b)

            sides = (("", None), ("baseline ", args.baseline_src)) if args.baseline_src else (("", None),)
            single: dict = {label: [] for label, _ in sides}
            for _ in range(args.runs):  # alternating, as the whole course
                for label, src in sides:
                    single[label].append(timed([*cl, "check", "--no-cache", one], root, src=src)[:2])
            for label, _ in sides:
                print(
                    f"{label}one lesson, cold: wall median {statistics.median(w for w, _ in single[label]):.3f} s,"
                    f" CPU median {statistics.median(c for _, c in single[label]):.3f} s ({one})"
                )
            # Lessons differ: a word only Hunspell can answer (L'API until b038212) makes
            # one wait for the dictionary.  Every 12th lesson, once per side, alternating.
            sample = [str(path.relative_to(root)) for path in paths[::12]]
            walls: dict = {label: [] for label, _ in sides}
            for lesson in sample:
                for label, src in sides:
                    walls[label].append((timed([*cl, "check", "--no-cache", lesson], root, src=src)[0], lesson))
            for label, _ in sides:
                ordered = sorted(walls[label], reverse=True)
                print(
                    f"{label}one lesson, cold, {len(sample)} lessons (every 12th): wall median"
                    f" {statistics.median(w for w, _ in ordered):.3f} s, max {ordered[0][0]:.3f} s; slowest:"
                    f" {', '.join(f'{Path(lesson).name} {w:.2f}' for w, lesson in ordered[:3])}"
                )
            rss, pss = peak_tree_memory([*cl, "check", "--no-cache", "content"], root)
            print(f"peak memory of the process tree (whole course, cold): RSS sum {rss:.0f} MB, PSS sum {pss:.0f} MB")

        if args.grammar:
            config = root / "courselint.toml"
            config.write_text('[grammar]\nengine = "grammalecte"\n', encoding="utf-8")
            text = paragraphs(paths)
            sources = [None, args.baseline_src] if args.baseline_src else [None]
            # The floor and each courselint in the same rounds: the machine's speed drifts.
            floor, runs = [], {src: [] for src in sources}
            grammar_only = ["check", "--no-cache", "--select", "CL5", "content"]
            for _ in range(max(1, args.runs // 2)):
                start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
                done = subprocess.run([GRAMMAR_PYTHON, "-c", GRAMMAR_FLOOR], input=text, capture_output=True,
                                      text=True, check=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                floor.append((time.perf_counter() - start, float(done.stdout.split()[0]), cpu))
                for src in sources:
                    runs[src].append(timed([*cl, *grammar_only], root, src=src)[:2])
            wall = statistics.median(w for w, _, _ in floor)
            ready = statistics.median(r for _, r, _ in floor)
            print(f"grammar floor (bare Grammalecte, one process, same paragraphs): {wall:.2f} s wall,"
                  f" {statistics.median(c for _, _, c in floor):.2f} s CPU, start-up {ready:.2f} s"
                  f" (walls: {', '.join(f'{w:.2f}' for w, _, _ in floor)})")
            cores = os.cpu_count() or 1
            for src in sources:
                label = "baseline " if src else ""
                cw = statistics.median(w for w, _ in runs[src])
                print(f"{label}courselint with Grammalecte, whole course, cold: {cw:.2f} s wall,"
                      f" {statistics.median(c for _, c in runs[src]):.2f} s CPU"
                      f" = {cw / (wall / cores):.2f}× the floor / {cores} cores"
                      f" (walls: {', '.join(f'{w:.2f}' for w, _ in runs[src])})")
            rss, pss = peak_tree_memory([*cl, "check", "--no-cache", "content"], root)
            print(
                f"peak memory of the process tree (whole course with Grammalecte, all rules, cold):"
                f" RSS sum {rss:.0f} MB, PSS sum {pss:.0f} MB"
            )
            for argv in (["check", "--no-cache", "--select", "CL5", one], ["check", "--no-cache", one]):
                # Alternating with the baseline, so that the load hits both alike.
                single = {src: [] for src in sources}
                for _ in range(3):
                    for src in sources:
                        single[src].append(timed([*cl, *argv], root, src=src)[0])
                for src in sources:
                    label = "baseline " if src else ""
                    print(f"{label}one lesson with Grammalecte, cold ({' '.join(argv[1:-1])}):"
                          f" {statistics.median(single[src]):.2f} s (floor start-up + 0.25 s = {ready + 0.25:.2f} s)")
            for label, src in (("", None), ("baseline ", args.baseline_src)) if args.baseline_src else (("", None),):
                env = child_env()
                if src is not None:
                    env["PYTHONPATH"] = str(src)
                done = subprocess.run([sys.executable, "-c", RECHECK_SCRIPT, str(root / one), str(root)], env=env,
                                      cwd=root, capture_output=True, text=True, check=True)
                walls = json.loads(done.stdout)
                print(f"{label}one lesson re-checked in one process, engine running (the language server's case),"
                      f" after one paragraph changed: median {statistics.median(walls) * 1000:.0f} ms"
                      f" ({', '.join(f'{w * 1000:.0f}' for w in walls)})")
            for label, src in (("", None), ("baseline ", args.baseline_src)) if args.baseline_src else (("", None),):
                walls = one_paragraph_changed(root / one, [*cl, "check", "--select", "CL5", one], root, src)
                print(f"{label}one lesson with Grammalecte after one paragraph changed (cache warm):"
                      f" median {statistics.median(walls):.2f} s ({', '.join(f'{w:.2f}' for w in walls)})")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
