"""A quiz at lecture size: ``autograder quiz-autograde`` on N students' own variants.

Each student gets their variant, answered fully, half or not at all (as in
``grade_course.py``); the command runs as an instructor would start it, in a fresh process,
so start-up, registration, grading, results and the gradebook are all on the clock.

    .venv/bin/python benchmarks/quiz_class.py --n 300 q3_cnn q7_training
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grade_course import quiz_class, quizzes  # noqa: E402

from autograder.course import load_course  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    known = sorted(quizzes(load_course(ROOT)))
    parser.add_argument("quizzes", nargs="*", default=["q3_cnn"], choices=known, metavar="QUIZ",
                        help="quiz ids (default q3_cnn)")
    parser.add_argument("--n", type=int, default=300, help="students (default 300)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-quiz-"))
    try:
        folder = tmp / "course"
        folder.mkdir()
        shutil.copy(ROOT / "course_config.py", folder / "course_config.py")
        (folder / "source").symlink_to(ROOT / "source", target_is_directory=True)
        course = load_course(folder)
        autograder = os.path.join(os.path.dirname(sys.executable), "autograder")
        for quiz_id in args.quizzes:
            quiz_class(course, quiz_id, args.n)
            start = time.perf_counter()
            proc = subprocess.run([autograder, "--course", str(folder), "quiz-autograde", quiz_id],
                                  capture_output=True, text=True)
            seconds = time.perf_counter() - start
            last = (proc.stdout.strip().splitlines() or [""])[-1]
            print(f"quiz-autograde {quiz_id}, {args.n} students: {seconds:6.1f} s  (exit {proc.returncode}) {last}")
            if proc.returncode != 0:
                print(proc.stderr[-2000:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
