"""Grade solutions written by people outside the project: every correct one full marks, every wrong one less.

    .venv/bin/python benchmarks/external.py DIR [DIR ...]   # fixture files (tests/fixturelib.py format)

Issue 12 asks that implementations the project does not see are graded fairly. This script takes folders
of such implementations in the fixture format (``alt_*.py``: correct, must keep full marks;
``mistake_*.py``: wrong by the task text, must lose points), finds the notebook each belongs to by its
answer-cell ids, grades it with the project's :class:`Grader` against the hidden tests, and prints a
verdict per file plus the feedback of every case an ``alt`` lost. Training cells a file does not replace
are the release stub and their tests are left out (``fixturelib.grade_fixture``, as in
``tests/test_fixtures.py``); a ``mistake`` with a ``# loses:`` line must lose exactly those tests, so
``external.py tests/fixtures/03_classification`` checks the project's own fixtures too. Exit status 1
when any file got the wrong verdict.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import concurrent.futures as cf
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("at least one worker")
    return value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", help="folders with alt_*.py and mistake_*.py files (or such files)")
    parser.add_argument("--workers", type=_at_least_one, default=2, help="grading workers (default 2)")
    parser.add_argument("--json", help="also write every file's verdict (lost tests, first message) here")
    args = parser.parse_args(argv)

    from autograder.course import load_course
    from autograder.grading.grader import Grader
    from fixturelib import grade_fixture, grade_ids, lost_tests, parse, wrong_verdict

    course = load_course(ROOT)
    notebooks = {(a, nb): grade_ids(course.source_path(a, nb))
                 for a in course.assignments for nb in course.notebooks(a)}
    jobs, problems = [], []
    for folder in args.folders:
        if not Path(folder).exists():
            problems.append(f"{folder}: no such file or folder")
            continue
        for path in sorted(Path(folder).glob("*.py")) if Path(folder).is_dir() else [Path(folder)]:
            try:
                fx = parse(path)
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: not readable as UTF-8 text ({type(exc).__name__})")
                continue
            if fx.kind not in ("alt", "mistake") or not fx.cells:
                problems.append(f"{path}: neither alt_ nor mistake_, or no '# %% <cell>' section")
                continue
            # a file may answer cells of several notebooks (an assignment with two): one job per notebook
            parts = {key: {c: src for c, src in fx.cells.items() if c in ids} for key, ids in notebooks.items()}
            parts = {key: cells for key, cells in parts.items() if cells}
            unknown = set(fx.cells) - {c for cells in parts.values() for c in cells}
            if unknown or (fx.kind == "mistake" and len(parts) != 1):
                problems.append(f"{path}: cells {sorted(unknown or fx.cells)} belong to no notebook "
                                f"(or a mistake spans several)")
                continue
            for key, cells in parts.items():
                jobs.append((path, dataclasses.replace(fx, cells=cells), *key))

    started = time.perf_counter()
    wrong, verdicts = 0, []
    with Grader(course, workers=args.workers) as grader, tempfile.TemporaryDirectory() as tmp:
        for a, nb in dict.fromkeys((a, nb) for _, _, a, nb in jobs):
            grader.key(grader.assignment(a, nb))

        def grade(job):
            path, fx, a, nb = job
            return grade_fixture(grader, course, a, nb, fx, Path(tmp) / f"{path.parent.name}_{fx.name}_{nb}")

        with cf.ThreadPoolExecutor(max_workers=grader.pool.n) as pool:
            for (path, fx, a, nb), (result, untested) in zip(jobs, pool.map(grade, jobs)):
                auto = [i for i in result.items if i.kind == "autograded" and i.grade_id not in untested]
                lost = lost_tests(result, untested)
                why = wrong_verdict(fx, lost)   # a mistake naming its tests and message (ours) must match them
                ok = why is None
                wrong += not ok
                got = sum(i.score or 0 for i in auto)
                full = sum(i.max_score for i in auto)
                print(f"{'ok   ' if ok else 'WRONG'} {fx.kind:7} {got:5g}/{full:<5g} {a}/{nb}: {path}"
                      f"  lost: {[i.grade_id for i in lost]}", flush=True)
                if fx.kind == "alt" or not ok:
                    for item in lost:
                        for case in item.cases:
                            if case.fraction < 1:
                                print(f"        {item.grade_id}: {case.label}: {case.message[:300]}")
                if not ok:
                    print(f"        {why}" + (f"  ({fx.title})" if fx.title else ""))
                verdicts.append({"file": str(path), "notebook": f"{a}/{nb}", "kind": fx.kind, "ok": ok,
                                 "lost": [i.grade_id for i in lost],
                                 "messages": [c.message for i in lost for c in i.cases if c.fraction < 1][:3]})
    if args.json:
        Path(args.json).write_text(json.dumps(verdicts, indent=1, ensure_ascii=False), encoding="utf-8")
    for p in problems:
        print("skipped:", p)
    print(f"\n{len(jobs)} files graded in {time.perf_counter() - started:.0f} s: "
          f"{len(jobs) - wrong} as expected, {wrong} not")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
