"""Batch commands: autograde, feedback, export, demo (registered on the main parser)."""

from __future__ import annotations

import os
from pathlib import Path

from autograder.course import load_course


def cmd_autograde(args) -> int:
    from autograder.grading.batch import autograde

    course = load_course(args.course)
    course.assignment(args.assignment)
    report = autograde(course, args.assignment, workers=args.workers, force=args.force,
                       scheduler=args.scheduler, students=args.student or None, progress=not args.quiet)
    print(f"{len(report.graded)} bewertet, {len(report.skipped)} übersprungen (schon bewertet), "
          f"{len(report.failed)} fehlgeschlagen in {report.seconds:.1f} s")
    for student, error in report.failed.items():
        print(f"  {student}: {error}")
    return 1 if report.failed else 0


def cmd_feedback(args) -> int:
    from autograder.gradebook.feedback import generate

    course = load_course(args.course)
    course.assignment(args.assignment)
    for path in generate(course, args.assignment, args.student):
        print(f"feedback {path.relative_to(course.root)}")
    return 0


def cmd_export(args) -> int:
    from autograder.gradebook import adapter as nbgrader_adapter

    course = load_course(args.course)
    target = Path(args.to) if args.to else course.root / "exports" / "grades.csv"
    nbgrader_adapter.export_csv(course, target)
    print(f"exported {target}")
    return 0


def cmd_demo(args) -> int:
    from autograder.cli.demo import run_demo

    return run_demo(Path(args.dir) if args.dir else None, assignment=args.assignment, workers=args.workers)


def add_commands(sub) -> None:
    p = sub.add_parser("autograde", help="grade every submission of an assignment into the gradebook")
    p.add_argument("assignment")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--scheduler", help="address of a Dask scheduler (distributed grading)")
    p.add_argument("--force", action="store_true", help="grade again even if already graded")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_autograde)

    p = sub.add_parser("feedback", help="HTML feedback per student (feedback/<student>/<assignment>/)")
    p.add_argument("assignment")
    p.add_argument("--student")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("export", help="grades CSV (nbgrader's columns)")
    p.add_argument("--to", help="target file (default: exports/grades.csv)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("demo", help="the whole pipeline on a simulated class")
    p.add_argument("--dir", help="demo course folder (default: ./demo)")
    p.add_argument("--assignment", default="04_cnn")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.set_defaults(func=cmd_demo)
