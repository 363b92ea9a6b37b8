"""The findings of the benchmark's course are those of its golden file.

Issue 15's rule for every speed change: on the benchmark set (``bench/real_course.py``
builds 241 lessons from the real course prose of ``../shared/bench/prose-dev.txt`` and
``hugo-learn-example``), codes, positions and suggestions stay the same.  A change that
means to change suggestions says which and why, and rewrites the golden file with
``python bench/real_course.py --golden bench/real_course_findings.json``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "real_course.py"
GOLDEN = REPO / "bench" / "real_course_findings.json"


def test_the_benchmark_course_gives_the_findings_of_its_golden_file() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--compare", str(GOLDEN)], capture_output=True, text=True, timeout=300
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "codes and positions identical: True" in report, report
    assert "findings whose suggestions changed: 0" in report, report
