"""How long each assignment's reference solution runs (the curriculum allows one minute on 2 cores).

    .venv/bin/python benchmarks/reference_runs.py

Prints, per assignment, the score of the reference, the time its code ran in the sandbox
(cells and test calls) and the wall time of grading it with a warm worker.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from autograder.course import load_course  # noqa: E402
from autograder.grading.grader import Grader  # noqa: E402


def main() -> int:
    course = load_course(ROOT)
    with Grader(course, workers=1) as grader:
        grader.pool.warm_up()
        print(f"{'assignment':20} {'score':>11} {'code s':>8} {'wall s':>8}")
        for assignment in course.assignments:
            for notebook in course.notebooks(assignment):
                grader.key(grader.assignment(assignment, notebook))
                start = time.perf_counter()
                r = grader.grade(assignment, notebook, course.source_path(assignment, notebook), "reference")
                wall = time.perf_counter() - start
                print(f"{assignment:20} {r.score:5g}/{r.max_auto_score:<5g} {r.code_seconds:8.2f} {wall:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
