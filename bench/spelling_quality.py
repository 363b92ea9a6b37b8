"""Score the spelling check (CL401) on the benchmark data of ``../shared/bench``.

Usage::

    python bench/spelling_quality.py [--data DIR] [--show-flags N] [--lesson PATH]

Measures, with the default configuration (no project word list, no English):

* recall on ``typos-dev.jsonl``: the typo is flagged on its line (by word or column);
* false-alarm lines: the share of corrected lines (``fixed_line``) with any finding;
* flags per 1000 words over ``prose-dev.txt``;
* against the reviewed list ``bench/spelling_review.tsv`` (every word flagged on
  ``prose-dev.txt`` and on the fixed lines, marked by hand as a real slip or a
  false alarm): false alarms per 1000 words and real slips still flagged, split
  into "unknown word" (CL401) and "typography" (CL402), and the flags the list
  does not hold yet (to review);
* how often the first suggestion is the author's fix (target >= 0.92);
* time and peak memory of one lesson checked from a fresh process.

Every line becomes the body of a small lesson (front matter with ``title`` and
``weight``) that goes through the real pipeline: ``document.parse`` then
``rules.spelling.check_spelling``.  Targets: recall >= 0.95, false-alarm lines
<= 15 %, <= 8 flags per 1000 words, first suggestion right >= 0.92.  This is a measurement, not a test: it is
never run by pytest.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "bench"
SEED = HERE.parent / "tests" / "fixtures" / "seed.md"
FRONT_MATTER = "---\ntitle: Leçon de mesure\nweight: 1\n---\n"
BODY_FIRST_LINE = FRONT_MATTER.count("\n") + 1

TARGETS = {"recall": 0.95, "false_alarm_lines": 0.15, "flags_per_1000_words": 8.0, "first_suggestion_right": 0.92}
REVIEW = HERE / "spelling_review.tsv"
KINDS = {"CL401": "unknown word", "CL402": "typography"}


def read_review(path: Path = REVIEW) -> dict[str, tuple[str, str]]:
    """``word -> (verdict, reason)`` of the reviewed list (``slip`` or ``false-alarm``)."""
    review = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, verdict, reason = line.split("\t", 2)
        if verdict not in ("slip", "false-alarm"):
            raise ValueError(f"{path.name}: verdict {verdict!r} for {word!r}")
        review[word] = (verdict, reason)
    return review


def score_review(lines: list[str], checker, review: dict) -> dict:
    """Every finding on ``lines``, judged by the reviewed list."""
    words = 0
    counts = collections.Counter()  # (kind, verdict) -> flags
    unreviewed = collections.Counter()
    for line in lines:
        words += len(line.split())
        for finding in findings_for_line(line, checker):
            kind = KINDS.get(finding.code, finding.code)
            verdict = review.get(finding.word, (None, ""))[0]
            if verdict is None:
                unreviewed[finding.word] += 1
                verdict = "unreviewed"
            counts[kind, verdict] += 1
    return {"words": words, "counts": counts, "unreviewed": unreviewed}


def findings_for_line(line: str, checker, suggestions: bool = False):
    """CL401 findings of ``line`` wrapped as a lesson, with lines relative to the body."""
    from courselint.document import parse
    from courselint.rules.spelling import check_spelling

    # A nested list item taken out of its list would become an indented code
    # block: the line is checked as the prose it was in its lesson.
    lesson = parse("bench.md", FRONT_MATTER + line.lstrip() + "\n")
    config = {"suggestions": suggestions}
    return [
        finding
        for finding in check_spelling(lesson, config, checker)
        if finding.line >= BODY_FIRST_LINE
    ]


def score_typos(rows: list[dict], checker) -> dict:
    hits = 0
    first_suggestion_right = 0
    misses = []
    false_alarms = []
    for row in rows:
        found = findings_for_line(row["old_line"], checker, suggestions=True)
        column = row["col"] - (len(row["old_line"]) - len(row["old_line"].lstrip()))
        matching = [
            f
            for f in found
            if f.line == BODY_FIRST_LINE
            and (f.word == row["old"] or f.column <= column < f.end_column)
        ]
        if matching:
            hits += 1
            if matching[0].suggestions and matching[0].suggestions[0] == row["new"]:
                first_suggestion_right += 1
        else:
            misses.append(row["old"])
        fixed = findings_for_line(row["fixed_line"], checker)
        if fixed:
            false_alarms.append([f.word for f in fixed])
    total = len(rows)
    return {
        "typos": total,
        "recall": hits / total,
        "missed": misses,
        "false_alarm_lines": len(false_alarms) / total,
        "false_alarm_words": false_alarms,
        "first_suggestion_right": first_suggestion_right / max(hits, 1),
    }


def score_prose(lines: list[str], checker) -> dict:
    words = 0
    flags = collections.Counter()
    for line in lines:
        words += len(line.split())
        for finding in findings_for_line(line, checker):
            flags[finding.word] += 1
    total_flags = sum(flags.values())
    return {
        "words": words,
        "flags": total_flags,
        "flags_per_1000_words": 1000 * total_flags / max(words, 1),
        "top_flags": flags.most_common(),
    }


ONE_LESSON = """
import resource, sys, time
start = time.perf_counter()
from courselint.document import parse
from courselint.rules.spelling import check_spelling, checker_for
config = {"suggestions": True}
path = sys.argv[1]
lesson = parse(path, open(path, encoding="utf-8").read())
findings = list(check_spelling(lesson, config, checker_for(config)))
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.3f} {peak:.1f} {len(findings)}")
"""


def one_lesson_cost(path: Path) -> tuple[float, float, int]:
    """Wall time (imports, dictionary load, suggestions included) and peak RSS in MB."""
    output = subprocess.run(
        [sys.executable, "-c", ONE_LESSON, str(path)], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(output[0]), float(output[1]), int(output[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-flags", type=int, default=0, metavar="N", help="print the N most frequent prose flags")
    parser.add_argument("--lesson", type=Path, default=SEED, help="lesson timed from a fresh process")
    args = parser.parse_args(argv)

    from courselint.rules.spelling import checker_for

    checker = checker_for({})
    rows = [json.loads(line) for line in (args.data / "typos-dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    prose = (args.data / "prose-dev.txt").read_text(encoding="utf-8").splitlines()

    started = time.perf_counter()
    typos = score_typos(rows, checker)
    prose_scores = score_prose(prose, checker)
    elapsed = time.perf_counter() - started
    reviewed = score_review(prose + [row["fixed_line"] for row in rows], checker, read_review())
    seconds, megabytes, lesson_findings = one_lesson_cost(args.lesson)

    print(f"recall                 {typos['recall']:.3f}  ({typos['typos']} typos; missed: {', '.join(typos['missed']) or '-'})")
    print(f"false-alarm lines      {typos['false_alarm_lines']:.3f}  {typos['false_alarm_words']}")
    print(f"flags per 1000 words   {prose_scores['flags_per_1000_words']:.2f}  ({prose_scores['flags']} flags, {prose_scores['words']} words)")
    print(f"first suggestion right {typos['first_suggestion_right']:.3f}")
    per_thousand = 1000 / max(reviewed["words"], 1)
    counts = reviewed["counts"]
    print(f"against the reviewed list ({REVIEW.name}, {reviewed['words']} words of prose and fixed lines):")
    for kind in KINDS.values():
        false_alarms, slips = counts[kind, "false-alarm"], counts[kind, "slip"]
        print(
            f"  {kind:13s} false alarms {false_alarms:4d} ({false_alarms * per_thousand:.2f} per 1000 words), "
            f"real slips flagged {slips:4d}, unreviewed {counts[kind, 'unreviewed']}"
        )
    if reviewed["unreviewed"]:
        listed = ", ".join(f"{word} ({count})" for word, count in reviewed["unreviewed"].most_common(30))
        print(f"  flags to review and add to {REVIEW.name}: {listed}")
    print(f"benchmark run          {elapsed:.1f} s")
    print(f"one lesson ({args.lesson.name}): {seconds:.2f} s, peak {megabytes:.0f} MB, {lesson_findings} findings (fresh process, suggestions on)")
    if args.show_flags:
        print("most frequent prose flags:")
        for word, count in prose_scores["top_flags"][: args.show_flags]:
            print(f"  {count:4d}  {word}")
    met = (
        typos["recall"] >= TARGETS["recall"]
        and typos["false_alarm_lines"] <= TARGETS["false_alarm_lines"]
        and prose_scores["flags_per_1000_words"] <= TARGETS["flags_per_1000_words"]
        and typos["first_suggestion_right"] >= TARGETS["first_suggestion_right"]
    )
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
