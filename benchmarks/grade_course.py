"""The whole course at class size: every assignment and quiz, ours against ``nbgrader autograde``.

A simulated class of ``--n`` students (full, partly wrong and blank work, every notebook of an
assignment; quizzes answered fully, half or not at all) is graded unit by unit with
``autograder autograde`` and then with plain ``nbgrader autograde`` on identical copies, one
after the other on this machine. Prints, per unit, both times, their ratio and whether the
scores agree; then the totals and the peak memory of each grading worker (proportional set
size of its process tree, sampled every 0.2 s, so memory shared with its forks counts once).

For quizzes nbgrader runs only the notebooks' format checks (the key is never in a student's
notebook), so their scores are not comparable; the time is.

    .venv/bin/python benchmarks/grade_course.py            # 40 students, everything (hours)
    .venv/bin/python benchmarks/grade_course.py --n 4 --units 01_tensors q3_cnn --skip-nbgrader
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import grade_class as gc  # noqa: E402  (the single-assignment benchmark's helpers)

from autograder.course import load_course  # noqa: E402
from autograder.grading.batch import autograde  # noqa: E402
from autograder.quiz import render  # noqa: E402
from autograder.quiz.course import load_quiz, quizzes  # noqa: E402

WORKER_MARK = b"autograder.sandbox.worker"


class MemorySampler(threading.Thread):
    """Peak PSS per grading worker: the worker process and everything it forked, summed."""

    def __init__(self, every: float = 0.2):
        super().__init__(daemon=True)
        self.every, self.peaks, self.stopped = every, {}, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            for root, kib in self._trees().items():
                self.peaks[root] = max(self.peaks.get(root, 0), kib)

    def _trees(self) -> dict[int, int]:
        procs = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
                if WORKER_MARK not in cmdline:
                    continue
                stat = Path(f"/proc/{entry}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                pss = next((int(line.split()[1]) for line in Path(f"/proc/{entry}/smaps_rollup").read_text()
                            .splitlines() if line.startswith("Pss:")), 0)
            except (OSError, ValueError, IndexError):
                continue
            procs[int(entry)] = (ppid, pss)
        trees: dict[int, int] = {}
        for pid, (ppid, pss) in procs.items():
            root = pid
            while procs.get(root, (0, 0))[0] in procs:  # up to the worker itself (its parent is bubblewrap)
                root = procs[root][0]
            trees[root] = trees.get(root, 0) + pss
        return trees


def quiz_class(course, quiz_id: str, n: int, seed: int = 0) -> None:
    quiz = load_quiz(course, quiz_id)
    rng = random.Random(seed)
    for i in range(n):
        student = f"s{i:03d}"
        kind = ["full", "partial", "blank"][i % 3] if i < 3 else rng.choice(["full", "full", "partial", "blank"])
        answers = {}
        if kind != "blank":
            for k, inst in enumerate(quiz.instances(student)):
                if kind == "full" or k % 2 == 0:
                    answers[inst.question.id] = inst.correct_answer()
        folder = course.submitted_dir / student / quiz_id
        folder.mkdir(parents=True)
        (folder / f"{quiz_id}.ipynb").write_text(render.dumps(render.notebook(quiz, student, answers=answers)),
                                                 encoding="utf-8")
        (folder / "timestamp.txt").write_text("2026-12-01 12:00:00.000000 UTC")


def main() -> int:
    repo = load_course(gc.ROOT)
    all_units = list(repo.assignments) + list(quizzes(repo))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="students (default 40)")
    parser.add_argument("--units", nargs="*", default=all_units, choices=all_units, metavar="UNIT",
                        help="assignments and quizzes (default: all)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--skip-nbgrader", action="store_true")
    args = parser.parse_args()
    assignments = [u for u in args.units if u in repo.assignments]
    quiz_ids = [u for u in args.units if u not in repo.assignments]
    tmp = Path(tempfile.mkdtemp(prefix="bench-course-"))
    sampler = MemorySampler()
    try:
        print(f"{args.n} students, {len(assignments)} assignments, {len(quiz_ids)} quizzes, {args.workers} workers")
        started = time.perf_counter()
        ours = gc.make_course(tmp / "ours", repo, assignments)
        theirs = None if args.skip_nbgrader else gc.make_course(tmp / "nbgrader", repo, assignments)
        print(f"release with reference check (both courses): {time.perf_counter() - started:.1f} s\n")
        print(f"{'unit':22} {'ours':>8} {'nbgrader':>9} {'ratio':>6}  {'scores':18} peak MiB per worker")
        total_ours = total_nb = 0.0
        sampler.start()
        for unit in args.units:
            if unit in repo.assignments:
                gc.make_class(ours, args.n, assignment=unit, all_notebooks=True)
            else:
                quiz_class(ours, unit, args.n)
            before = set(sampler.peaks)
            start = time.perf_counter()
            autograde(ours, unit, workers=args.workers, progress=False)
            t_ours = time.perf_counter() - start
            unit_peaks = [kib / 1024 for root, kib in sampler.peaks.items() if root not in before]
            total_ours += t_ours
            line = f"{unit:22} {t_ours:7.1f}s"
            if theirs is not None:
                for student in sorted(os.listdir(ours.submitted_dir)):
                    source = ours.submitted_dir / student / unit
                    if source.is_dir():
                        shutil.copytree(source, theirs.submitted_dir / student / unit)
                if unit not in repo.assignments:
                    from autograder.gradebook import register

                    register.register(theirs, unit)  # as autograde registers it; nbgrader needs it in the gradebook
                t_nb = gc.run_nbgrader(theirs, ours.state_dir / "keys", unit)
                total_nb += t_nb
                if unit in repo.assignments:
                    a, b = gc.gradebook_scores(ours, unit), gc.gradebook_scores(theirs, unit)
                    same = f"identical {sum(a[s] == b.get(s) for s in a)}/{len(a)}"
                else:
                    same = "(format checks only)"
                line += f" {t_nb:8.1f}s {t_nb / t_ours:5.1f}x  {same:18}"
            print(line + " " + (" ".join(f"{p:.0f}" for p in sorted(unit_peaks, reverse=True)) or "-"), flush=True)
            if theirs is not None and unit in repo.assignments:
                for student, cells in sorted(gc.cell_differences(ours, theirs, unit).items())[:5]:
                    print(f"    {student} (ours vs nbgrader): {'; '.join(cells)}", flush=True)
        sampler.stopped.set()
        print(f"\n{'total':22} {total_ours:7.1f}s" + (f" {total_nb:8.1f}s {total_nb / total_ours:5.1f}x"
                                                     if theirs is not None else ""))
        peaks = sorted((kib for kib in sampler.peaks.values() if kib > 50 * 1024), reverse=True)  # started ones
        print(f"peak memory per worker (PSS of its process tree, {len(peaks)} workers over all units): "
              + (f"highest {peaks[0] / 1024:.0f} MiB, median {peaks[len(peaks) // 2] / 1024:.0f} MiB, "
                 f"lowest {peaks[-1] / 1024:.0f} MiB" if peaks else "not sampled"))
    finally:
        sampler.stopped.set()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
