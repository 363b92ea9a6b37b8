"""Mutation testing of the modules that carry courselint's promises (run by hand, not by CI).

    pip install -e '.[test,mutation]'
    python bench/mutation.py                       # every module below, 40 min in all
    python bench/mutation.py --budget 600 rules/timeline.py suppress.py
    python bench/mutation.py --list                # the modules and the tests run for each

For each module it prints the mutation score (killed / tried) and every surviving
mutant as a diff.  Sessions are kept in ``.mutation/<module>.sqlite`` (``--store``): a second
run goes on where the budget stopped the first (``--fresh`` starts over).

Why Cosmic Ray (8.7.0) rather than mutmut (3.8.1) or pytest-gremlins (1.12.2)
-------------------------------------------------------------------------------
Many of this project's tests are real subprocesses: the CLI (``python -m courselint``)
with every ``--format``, pre-commit, worker pools.  mutmut 3 and pytest-gremlins both
switch mutants *inside* the test process (trampolines selected by an environment
variable) and choose the tests to run for a mutant from in-process coverage: a reporter
that is only ever reached through a CLI subprocess has no covering test for them, so its
mutants come out "no tests" or survive for nothing.  Cosmic Ray writes the mutant to the
source file and runs an ordinary command, so a subprocess, a worker process and an
in-process test all see the same mutant.  Its cost -- one pytest start per mutant -- is
paid back by choosing the tests per module here (``TESTS`` below: 2 to 8 s a mutant
instead of the 2-minute suite), which is the selection that matters on 2 cores.

How the run is kept honest
--------------------------
* The tree (git's tracked files) is copied to a scratch folder, and ``PYTHONPATH``
  points at the copy's ``src``: the mutants never touch the working tree, and CLI
  subprocesses import the mutated copy, not the editable install.
* ``PYTHONDONTWRITEBYTECODE`` and a copy without ``__pycache__``: a mutant of the same
  size written in the same second as the original would otherwise run the stale ``.pyc``.
* The operators are Cosmic Ray's core ones less the ones that mostly make noise here
  (``EXCLUDED``): exotic arithmetic (``+`` -> ``<<``), ``==`` -> ``is`` (equivalent on
  small ints and interned strings), and the variable replacer/inserter.
* Mutants run in a shuffled but fixed order, so a budget cut gives a fair sample of the
  module rather than its first functions only.
* A mutant is killed when its tests fail or time out (10x the clean run, at least 30 s).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "src/courselint"

# Module (under src/courselint) -> the tests that state its behaviour.  Chosen by hand
# from what each test file exercises; a too-narrow list shows up as survivors, which
# is the point of looking at them.
TESTS: dict[str, list[str]] = {
    "rules/timeline.py": [
        "tests/rules/test_timeline_messages.py", "tests/rules/test_cases.py", "tests/rules/test_course.py",
        "tests/rules/test_seed_defects.py",
    ],
    "rules/factors.py": [
        "tests/rules/test_factors_messages.py", "tests/rules/test_cases.py", "tests/rules/test_course.py",
        "tests/rules/test_seed_defects.py",
    ],
    "rules/frontmatter.py": [
        "tests/rules/test_frontmatter_messages.py", "tests/rules/test_cases.py", "tests/rules/test_course.py",
        "tests/rules/test_chapter.py",
    ],
    "rules/slides.py": ["tests/rules/test_slides_messages.py", "tests/rules/test_cases.py", "tests/rules/test_course.py"],
    "suppress.py": ["tests/engine/test_suppress.py"],
    "reporters/__init__.py": ["tests/cli/test_reporters.py", "tests/cli/test_cli.py"],
    "reporters/text.py": ["tests/cli/test_reporters.py", "tests/cli/test_cli.py"],
    "reporters/json_report.py": ["tests/cli/test_reporters.py", "tests/cli/test_cli.py"],
    "reporters/sarif.py": ["tests/cli/test_reporters.py", "tests/cli/test_cli.py"],
    "reporters/github.py": ["tests/cli/test_reporters.py", "tests/cli/test_cli.py"],
    "reporters/gitlab.py": ["tests/cli/test_reporters.py", "tests/cli/test_cli.py"],
    "i18n/render.py": ["tests/i18n/test_golden.py", "tests/i18n/test_roundtrip.py", "tests/i18n/test_build.py"],
    "i18n/catalog.py": ["tests/i18n/test_extract.py", "tests/i18n/test_build.py"],
    "config.py": ["tests/engine/test_config.py", "tests/cli/test_cli.py"],
}

EXCLUDED = [
    r"core/ReplaceBinaryOperator_\w+_(Pow|LShift|RShift|BitOr|BitAnd|BitXor|FloorDiv|Mod|Div)$",
    r"core/ReplaceBinaryOperator_(Pow|LShift|RShift|BitOr|BitAnd|BitXor)_",
    r"core/ReplaceComparisonOperator_\w+_(Is|IsNot)$",
    r"core/ReplaceComparisonOperator_(Is|IsNot)_(Lt|LtE|Gt|GtE)$",
    r"core/ReplaceUnaryOperator_\w+_(Invert|UAdd)$",
    r"core/Variable(Replacer|Inserter)$",
]


def _copy_tree(destination: Path, rev: str | None) -> None:
    if rev:  # a commit's tracked files (the score of an older test suite)
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(destination)], input=archive, check=True)
        return
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if not source.is_file() or "__pycache__" in name or name.startswith(".mutation/"):
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _environment(tree: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FORCE_COLOR", None)
    return env


def _command(module: str, tree: Path) -> list[str]:
    # -x: the first failing test kills the mutant; no cache provider: nothing written
    # between mutants that could change the next one's run.
    # A test file not written yet (an older checkout) is left out rather than failing
    # the clean run: the score then says what the tests of that checkout catch.
    tests = [t for t in TESTS[module] if (tree / t).exists()]
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]


def _run_tests(module: str, tree: Path, timeout: float) -> tuple[bool, str]:
    try:
        done = subprocess.run(
            _command(module, tree), cwd=tree, env=_environment(tree), capture_output=True,
            text=True, timeout=timeout, start_new_session=True,
        )
    except subprocess.TimeoutExpired:
        return False, "timeout"
    return done.returncode == 0, done.stdout[-2000:]


def _session(module: str, tree: Path, fresh: bool, folder: Path, retry: bool = False):
    from cosmic_ray.commands.init import init
    from cosmic_ray.work_db import WorkDB, use_db

    folder.mkdir(exist_ok=True)
    path = folder / _session_name(module)
    if fresh and path.exists():
        path.unlink()
    existed = path.exists()
    database = use_db(str(path), WorkDB.Mode.create)
    db = database.__enter__()
    if not existed:
        init([tree / PACKAGE / module], db, {})
    elif retry:
        # New tests since the last run: try the survivors again (killed ones stay killed).
        import sqlite3

        with sqlite3.connect(path) as connection:
            survived = "FROM work_results WHERE test_outcome = 'SURVIVED'"
            again = {job for (job,) in connection.execute(f"SELECT job_id {survived}")}
            connection.execute(f"DELETE {survived}")
        return database, db, again
    return database, db, set()


def _session_name(module: str) -> str:
    return module.replace("/", "_").removesuffix(".py") + ".sqlite"


def _relocate(mutation, tree: Path):
    # Sessions store the scratch path of the run that created them: aim at this run's copy.
    relative = Path(mutation.module_path).as_posix().split(PACKAGE + "/", 1)[1]
    return tree / PACKAGE / relative


def run_module(module: str, tree: Path, budget: float, fresh: bool, store: Path, retry: bool = False) -> dict:
    from cosmic_ray.mutating import use_mutation
    from cosmic_ray.plugins import get_operator
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    started = time.monotonic()
    clean_ok, output = _run_tests(module, tree, timeout=600)
    if not clean_ok:
        raise SystemExit(f"{module}: the tests fail without any mutant:\n{output}")
    timeout = max(30.0, 10 * (time.monotonic() - started))

    database, db, again = _session(module, tree, fresh, store, retry)
    excluded = re.compile("|".join(f"(?:{e})" for e in EXCLUDED))
    try:
        pending = [item for item in db.pending_work_items if not excluded.match(item.mutations[0].operator_name)]
        # Cosmic Ray hands pending items out in SQL random() order: sort, then shuffle
        # with a fixed seed, so that two runs with the same budget try the same mutants.
        pending.sort(key=lambda item: (item.mutations[0].operator_name, item.mutations[0].occurrence))
        random.Random(19).shuffle(pending)
        pending.sort(key=lambda item: item.job_id not in again)  # the retried survivors first
        for item in pending:
            if time.monotonic() - started > budget:
                break
            mutation = item.mutations[0]
            path = _relocate(mutation, tree)
            operator = get_operator(mutation.operator_name)(**mutation.operator_args)
            try:
                mutant = use_mutation(path, operator, mutation.occurrence)
                original, mutated = mutant.__enter__()
            except Exception as exc:  # noqa: BLE001 - Cosmic Ray 8.7 fails on some nodes
                # (ExceptionReplacer on ``except (A, B)`` in parso's tree): not a mutant.
                db.set_result(item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED, output=repr(exc)))
                continue
            try:
                if mutated is None:
                    result = WorkResult(worker_outcome=WorkerOutcome.NO_TEST, output="no mutation")
                else:
                    passed, output = _run_tests(module, tree, timeout)
                    diff = _diff(original, mutated, module)
                    result = WorkResult(
                        worker_outcome=WorkerOutcome.NORMAL,
                        test_outcome=TestOutcome.SURVIVED if passed else TestOutcome.KILLED,
                        output=output,
                        diff=diff,
                    )
            finally:
                mutant.__exit__(None, None, None)
            db.set_result(item.job_id, result)
        return _score(db, excluded)
    finally:
        database.__exit__(None, None, None)


def _diff(original: str, mutated: str, module: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        original.splitlines(), mutated.splitlines(), f"a/{module}", f"b/{module}", n=0, lineterm=""
    )
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))


def _score(db, excluded) -> dict:
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    killed, survivors, total = 0, [], 0
    for item, result in db.completed_work_items:
        mutation = item.mutations[0]
        if excluded.match(mutation.operator_name) or result.worker_outcome != WorkerOutcome.NORMAL:
            continue
        total += 1
        if result.test_outcome == TestOutcome.SURVIVED:
            survivors.append((mutation.operator_name, mutation.start_pos[0], result.diff))
        else:
            killed += 1
    remaining = sum(
        1 for item in db.pending_work_items if not excluded.match(item.mutations[0].operator_name)
    )
    return {"killed": killed, "tried": total, "left": remaining, "survivors": sorted(survivors, key=lambda s: s[1])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules under src/courselint (default: all of TESTS)")
    parser.add_argument("--budget", type=float, default=2400, help="seconds for the whole run (default 2400)")
    parser.add_argument("--fresh", action="store_true", help="forget the previous sessions of these modules")
    parser.add_argument("--report", action="store_true", help="print the stored scores, run nothing")
    parser.add_argument("--retry-survivors", action="store_true", help="run the surviving mutants again")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests, and stop")
    parser.add_argument("--rev", help="mutate and test this commit's files (default: the working tree)")
    parser.add_argument(
        "--store", type=Path, default=ROOT / ".mutation", help="folder of the sessions (default .mutation/)"
    )
    args = parser.parse_args(argv)
    modules = args.modules or list(TESTS)
    unknown = [m for m in modules if m not in TESTS]
    if unknown:
        parser.error(f"no tests chosen for {', '.join(unknown)} (see TESTS)")
    if args.list:
        for module in modules:
            print(f"{module}: {' '.join(TESTS[module])}")
        return 0

    if args.report:  # the stored sessions' scores, nothing run
        excluded = re.compile("|".join(f"(?:{e})" for e in EXCLUDED))
        scores = {}
        for module in modules:
            if (args.store / _session_name(module)).exists():
                database, db, _ = _session(module, ROOT, False, args.store)
                scores[module] = _score(db, excluded)
                database.__exit__(None, None, None)
        _print_table(scores)
        return 0

    scores = {}
    with tempfile.TemporaryDirectory(prefix="courselint-mutation-") as scratch:
        tree = Path(scratch)
        _copy_tree(tree, args.rev)
        deadline = time.monotonic() + args.budget
        for n, module in enumerate(modules):
            share = (deadline - time.monotonic()) / (len(modules) - n)
            scores[module] = score = run_module(module, tree, share, args.fresh, args.store, args.retry_survivors)
            print(f"\n== {module}: {_percent(score)} killed ({score['killed']}/{score['tried']},"
                  f" {score['left']} not tried yet)", flush=True)
            for operator, line, diff in score["survivors"]:
                print(f"-- survivor, line {line} ({operator.removeprefix('core/')})\n{diff}")
    _print_table(scores)
    return 0


def _print_table(scores: dict) -> None:
    print("\nmodule                         killed / tried   score   not tried")
    for module, score in scores.items():
        print(f"{module:30} {score['killed']:6} / {score['tried']:<6} {_percent(score):>7} {score['left']:8}")
    killed = sum(s["killed"] for s in scores.values())
    tried = sum(s["tried"] for s in scores.values())
    print(f"{'all':30} {killed:6} / {tried:<6} {_percent({'killed': killed, 'tried': tried}):>7}")


def _percent(score: dict) -> str:
    return f"{100 * score['killed'] / score['tried']:.1f} %" if score["tried"] else "-"


if __name__ == "__main__":
    sys.exit(main())
