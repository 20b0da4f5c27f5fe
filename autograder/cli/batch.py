"""Batch commands on any unit (exercise or quiz): autograde, feedback, extension, roster, export, demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from autograder.course import load_course
from autograder.errors import UsageError
from autograder.textfmt import shown_name


def print_batch(report, unit: str) -> None:
    """The batch's outcome: German summary and problems for TAs, English warnings for the instructor."""
    print(report.summary())
    for student, problems in sorted(report.problems.items()):
        for problem in problems:
            print(f"  {student}: {problem}")
    for student, error in report.failed.items():
        print(f"  {student}: FEHLER {error}")
    if report.unusable:
        print(f"warning: folder names with control, bidi-override or undecodable characters, not graded: "
              f"{', '.join(shown_name(s) for s in report.unusable)} (rename them under submitted/)", file=sys.stderr)
    if report.refused:
        print(f"warning: not on the roster, not graded: {', '.join(report.refused)} "
              f"(pass --allow-unknown to grade them)", file=sys.stderr)
    elif report.unknown:
        print(f"warning: not on the roster (graded anyway): {', '.join(report.unknown)}", file=sys.stderr)
    if report.stale:
        shown = ", ".join(report.stale[:10]) + (" …" if len(report.stale) > 10 else "")
        print(f"warning: the tests of {unit} changed since {len(report.stale)} submission(s) were graded "
              f"({shown}); their grades are from the old tests: run autograde {unit} --force to grade them again",
              file=sys.stderr)


def cmd_autograde(args) -> int:
    from autograder.grading.batch import autograde

    course = load_course(args.course)
    unit = course.unit(args.assignment)
    report = autograde(course, unit.id, workers=args.workers, force=args.force,
                       scheduler=getattr(args, "scheduler", None), students=args.student or None,
                       progress=not args.quiet, allow_unknown=args.allow_unknown)
    print_batch(report, unit.id)
    return 1 if report.failed else 0


def cmd_feedback(args) -> int:
    from autograder.gradebook.feedback import generate

    course = load_course(args.course)
    unit = course.unit(args.assignment)
    for path in generate(course, unit.id, args.student):
        print(f"feedback {path.relative_to(course.root)}")
    return 0


def cmd_extension(args) -> int:
    import datetime as dt

    from autograder.gradebook.register import grant_extension

    course = load_course(args.course)
    unit = course.unit(args.assignment)
    if unit.due is None:
        raise UsageError(f"{unit.id} has no due date in course_config.py; an extension would change nothing")
    roster = course.roster()
    if roster is not None and args.student not in {s.id for s in roster} and not args.allow_unknown:
        raise UsageError(f"student '{args.student}' is not on the roster ({course.setting('STUDENTS_FILE')}); "
                         "pass --allow-unknown to grant it anyway")
    delta = None if args.remove else dt.timedelta(days=args.days or 0, hours=args.hours or 0)
    if delta is not None and delta.total_seconds() <= 0:
        raise UsageError("give the extension with --days and/or --hours (or --remove)")
    grant_extension(course, unit, args.student, delta)
    policy = course.late_policy
    if delta is None:
        print(f"{unit.id}: extension of {args.student} removed (due {policy.when(unit.due)})")
    else:
        print(f"{unit.id}: {args.student} may hand in until {policy.when(unit.due + delta)} "
              f"(due {policy.when(unit.due)}, extension {delta}); the next autograde {unit.id} "
              f"grades {args.student} again if needed")
    return 0


def cmd_roster(args) -> int:
    from autograder.gradebook.register import import_roster
    from autograder.gradebook.scores import FinalScore
    from autograder.reports.lms import id_problems

    course = load_course(args.course)
    students = course.roster(required=True)
    count = import_roster(course)
    print(f"{count} students from {course.setting('STUDENTS_FILE')} in the gradebook "
          f"({sum(1 for s in students if s.email)} with e-mail)")
    rows = [FinalScore("", "", s.id, s.first_name, s.last_name, s.email, s.lms_user_id) for s in students]
    for fmt in ("moodle", "ilias"):
        for problem in id_problems(rows, fmt):
            print(f"warning: {fmt}: {problem}", file=sys.stderr)
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
    p = sub.add_parser("autograde", help="grade every submission of an assignment or quiz into the gradebook")
    add_autograde_arguments(p, "assignment", quiz=False)
    p.set_defaults(func=cmd_autograde)

    p = sub.add_parser("feedback", help="HTML feedback per student (feedback/<student>/<unit>/)")
    p.add_argument("assignment", metavar="unit", help="assignment or quiz id")
    p.add_argument("--student")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("extension", help="give a student more time for an assignment or quiz (nbgrader gradebook)")
    p.add_argument("assignment", metavar="unit", help="assignment or quiz id")
    p.add_argument("student")
    p.add_argument("--days", type=float, help="days added to the due date")
    p.add_argument("--hours", type=float, help="hours added to the due date")
    p.add_argument("--remove", action="store_true", help="take the extension back")
    p.add_argument("--allow-unknown", action="store_true", help="the student need not be on the roster")
    p.set_defaults(func=cmd_extension)

    p = sub.add_parser("roster", help="check STUDENTS_FILE and import it into the gradebook (names, e-mails)")
    p.set_defaults(func=cmd_roster)

    p = sub.add_parser("export", help="grades CSV (nbgrader's columns)")
    p.add_argument("--to", help="target file (default: exports/grades.csv)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("demo", help="the whole pipeline on a simulated class")
    p.add_argument("--dir", help="demo course folder (default: ./demo)")
    p.add_argument("--assignment", default="04_cnn")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.set_defaults(func=cmd_demo)


def add_autograde_arguments(p, dest: str, quiz: bool) -> None:
    p.add_argument(dest, metavar="quiz" if quiz else "unit", help="quiz id" if quiz else "assignment or quiz id")
    if not quiz:
        p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
        p.add_argument("--scheduler", help="address of a Dask scheduler (distributed grading)")
    p.add_argument("--force", action="store_true", help="grade again even if already graded")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--allow-unknown", action="store_true", help="also grade ids that are not on the roster")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
