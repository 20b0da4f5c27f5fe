"""Grade one simulated class with plain ``nbgrader autograde`` and with ``autograder autograde``.

Both run in this process's machine, one after the other, on identical copies of the same
N submissions (a mix of full, partly wrong and blank notebooks of an assignment). The
script checks that both give the same scores, and prints the time per submission of each
and their ratio; with ``--dask`` it also grades the class on a Dask ``LocalCluster`` with
as many workers as the local pool and prints that throughput ratio. Numbers, not asserts:
the machines are shared and noisy, so compare the ratios of one run.

    .venv/bin/python benchmarks/grade_class.py --n 40 --dask
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from autograder.gradebook import adapter as nbgrader_adapter  # noqa: E402
from autograder.grading.batch import autograde  # noqa: E402
from autograder.course import load_course  # noqa: E402
from autograder.cli.demo import WRONG_ANSWERS, student_notebook  # noqa: E402
from autograder.grading.grader import Grader  # noqa: E402
from autograder.grading.verify import verify  # noqa: E402
from autograder.gradebook.release import release  # noqa: E402


def make_course(folder: Path, repo, assignments: list[str] | None = None) -> "Course":  # noqa: F821
    """A course folder sharing the repository's sources, with ``assignments`` verified and released."""
    assignments = assignments or [ASSIGNMENT]
    folder.mkdir(parents=True)
    shutil.copy(repo.root / "course_config.py", folder / "course_config.py")
    (folder / "nbgrader_config.py").symlink_to("course_config.py")
    (folder / "source").symlink_to(repo.root / "source", target_is_directory=True)
    course = load_course(folder)
    with Grader(course) as grader:  # as `autograder release` does: the reference check stores the answer key
        problems, _ = verify(grader, assignments)
    if problems:
        raise SystemExit("release refused: " + problems[0].line())
    release(course, assignments)
    return course


def make_class(course, n: int, seed: int = 0, assignment: str | None = None,
               all_notebooks: bool = False) -> dict[str, str]:
    """``n`` submissions (full, partly wrong, blank) of the first notebook, or of every notebook."""
    assignment = assignment or ASSIGNMENT
    rng = random.Random(seed)
    notebooks = course.notebooks(assignment) if all_notebooks else course.notebooks(assignment)[:1]
    kinds = {}
    wrong = WRONG_ANSWERS.get(assignment, {})
    variants = {nb: {"full": student_notebook(course, assignment, nb),
                     "partial": student_notebook(course, assignment, nb, wrong),
                     "blank": student_notebook(course, assignment, nb, answered=False)} for nb in notebooks}
    for i in range(n):
        kind = ["full", "full", "partial", "blank"][i % 4] if i < 4 else rng.choice(
            ["full", "full", "partial", "blank"])
        student = f"s{i:03d}"
        folder = course.submitted_dir / student / assignment
        folder.mkdir(parents=True)
        for nb in notebooks:
            (folder / f"{nb}.ipynb").write_text(json.dumps(variants[nb][kind]))
        (folder / "timestamp.txt").write_text("2026-12-01 12:00:00.000000 UTC")
        kinds[student] = kind
    return kinds


def gradebook_scores(course, assignment: str | None = None) -> dict[str, float]:
    with nbgrader_adapter.gradebook(course) as gb:
        return {s.student.id: round(s.score, 2) for s in gb.assignment_submissions(assignment or ASSIGNMENT)}


def cell_differences(ours, theirs, assignment: str) -> dict[str, list[str]]:
    """Student -> the test cells whose scores differ between two gradebooks (``cell: ours vs theirs``)."""
    def cells(course):
        with nbgrader_adapter.gradebook(course) as gb:
            return {sub.student.id: {f"{nb.name}/{g.name}": round(g.score, 2) for nb in sub.notebooks
                                     for g in nb.grades}
                    for sub in gb.assignment_submissions(assignment)}

    a, b = cells(ours), cells(theirs)
    return {s: [f"{cell}: {score:g} vs {b.get(s, {}).get(cell)}" for cell, score in sorted(a[s].items())
                if score != b.get(s, {}).get(cell)] for s in a if a[s] != b.get(s)}


def run_nbgrader(course, keys: Path, assignment: str | None = None) -> float:
    env = dict(os.environ, AUTOGRADER_KEYS=str(keys), PYTHONPATH=str(ROOT),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    start = time.perf_counter()
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), "autograde",
                           assignment or ASSIGNMENT,
                           "--force"], cwd=course.root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stderr[-3000:])
        raise SystemExit("nbgrader autograde failed")
    return seconds


def main() -> int:
    global ASSIGNMENT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="submissions (default 40)")
    parser.add_argument("--assignment", default="04_cnn", choices=sorted(load_course(ROOT).assignments))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--dask", action="store_true", help="also grade on a Dask LocalCluster")
    parser.add_argument("--skip-nbgrader", action="store_true")
    args = parser.parse_args()
    ASSIGNMENT = args.assignment
    repo = load_course(ROOT)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        ours = make_course(tmp / "ours", repo)
        kinds = make_class(ours, args.n)
        print(f"{args.n} submissions of {ASSIGNMENT}: " + ", ".join(
            f"{k} {list(kinds.values()).count(k)}" for k in ("full", "partial", "blank")))

        start = time.perf_counter()
        report = autograde(ours, ASSIGNMENT, workers=args.workers, progress=False)
        t_ours = time.perf_counter() - start
        # per submission: all notebooks of one student together (a notebook not handed in costs little,
        # and averaging over notebooks would hide the cost of the ones that ran)
        overhead = [sum(r.execution_time - r.code_seconds for r in rs) for rs in report.graded]
        code = [sum(r.code_seconds for r in rs) for rs in report.graded]
        s_ours = gradebook_scores(ours)
        print(f"autograder autograde ({args.workers} workers): {t_ours:7.1f} s  = "
              f"{t_ours / args.n:6.2f} s per submission (start-up and answer key included)")
        print(f"  per submission: student code {sum(code) / len(code):.3f} s, overhead beyond it "
              f"{sum(overhead) / len(overhead):.3f} s on average, {max(overhead):.3f} s at most")

        if not args.skip_nbgrader:
            theirs = make_course(tmp / "nbgrader", repo)
            shutil.rmtree(theirs.submitted_dir, ignore_errors=True)
            shutil.copytree(ours.submitted_dir, theirs.submitted_dir)
            t_nb = run_nbgrader(theirs, ours.state_dir / "keys")
            s_nb = gradebook_scores(theirs)
            same = [s for s in s_ours if s_ours[s] == s_nb.get(s)]
            diff = {s: (s_ours[s], s_nb.get(s)) for s in s_ours if s_ours[s] != s_nb.get(s)}
            print(f"nbgrader autograde (sequential):  {t_nb:7.1f} s  = {t_nb / args.n:6.2f} s per submission")
            print(f"speed-up: {t_nb / t_ours:.1f}x   identical scores: {len(same)}/{len(s_ours)}"
                  + (f"   differences: {diff}" if diff else ""))

        if args.dask:
            from distributed import Client, LocalCluster

            dask_course = make_course(tmp / "dask", repo)
            shutil.copytree(ours.submitted_dir, dask_course.submitted_dir)
            with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                start = time.perf_counter()
                autograde(dask_course, ASSIGNMENT, scheduler=client, progress=False)
                t_dask = time.perf_counter() - start
            s_dask = gradebook_scores(dask_course)
            print(f"dask LocalCluster ({args.workers} workers):   {t_dask:7.1f} s  = "
                  f"{t_dask / args.n:6.2f} s per submission; throughput vs local pool: "
                  f"{t_ours / t_dask:.2f}   identical scores: "
                  f"{sum(s_dask.get(s) == v for s, v in s_ours.items())}/{len(s_ours)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


ASSIGNMENT = "04_cnn"

if __name__ == "__main__":
    raise SystemExit(main())
