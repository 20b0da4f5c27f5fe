"""Start-up of the commands that grade nothing, against one TensorFlow import, side by side.

    .venv/bin/python benchmarks/cli_startup.py [--course demo] [--repeat 3]

Each command and ``python -c "import tensorflow"`` run in turn, ``--repeat`` times, on the same
machine in the same minutes (these machines are shared and noisy, so read the ratios). The course
should be graded already (``make demo`` leaves one in ``demo/``), so ``export``, ``report`` and
``feedback`` do their real work. Prints each command's median wall time and its ratio to the
TensorFlow import; the goal is below 0.5.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = [
    ["list"],
    ["export"],
    ["export-lms", "--format", "moodle", "--assignment", "04_cnn"],
    ["report", "04_cnn"],
    ["feedback", "04_cnn"],
    ["quiz-list"],
    ["quiz-key", "q3_cnn", "--student", "{student}"],
]


def _timed(argv: list[str], cwd: Path) -> tuple[float, int]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start, proc.returncode


def _first_student(course: Path) -> str:
    roster = course / "students.csv"
    for line in roster.read_text(encoding="utf-8").splitlines()[1:] if roster.is_file() else []:
        if line.strip() and not line.startswith("#"):
            return line.split(",")[0]
    return "s01"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", default=str(ROOT / "demo") if (ROOT / "demo").is_dir() else str(ROOT))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    course = Path(args.course).resolve()
    student = _first_student(course)
    py = sys.executable
    runs = {"import tensorflow": [py, "-c", "import tensorflow"]}
    for cmd in COMMANDS:
        runs[" ".join(c.format(student=student) for c in cmd)] = \
            [py, "-m", "autograder", "--course", str(course), *(c.format(student=student) for c in cmd)]
    times: dict[str, list[float]] = {name: [] for name in runs}
    codes: dict[str, int] = {}
    for _ in range(args.repeat):           # interleaved: each round measures everything once
        for name, argv in runs.items():
            seconds, code = _timed(argv, course)
            times[name].append(seconds)
            codes[name] = code
    tf = statistics.median(times["import tensorflow"])
    print(f"course: {course}   repeat: {args.repeat}   (median wall time; ratio to one TensorFlow import)")
    print(f"{'import tensorflow':<32} {tf:6.2f} s   1.00")
    for name in list(runs)[1:]:
        t = statistics.median(times[name])
        note = "" if codes[name] == 0 else f"   (exit {codes[name]})"
        print(f"autograder {name:<21} {t:6.2f} s   {t / tf:4.2f}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
