"""Commands for instructors after grading: class report, similarity check, LMS exports, Gradescope zip.

Registered on the main parser by :func:`add_commands`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from autograder.course import load_course


def cmd_report(args) -> int:
    from autograder.reports.report import write_report

    course = load_course(args.course)
    course.unit(args.assignment)
    target = write_report(course, args.assignment, Path(args.to) if args.to else None)
    print(f"report {target}")
    return 0


def cmd_similarity(args) -> int:
    from autograder.reports.similarity import check, write_html

    course = load_course(args.course)
    course.assignment(args.assignment)
    report = check(course, args.assignment, threshold=args.threshold, min_tokens=args.min_tokens)
    target = Path(args.to) if args.to else course.root / "reports" / f"{args.assignment}-similarity.html"
    write_html(report, target, str(course.setting("COURSE_TITLE", "")))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"{len(report.students)} Abgaben verglichen, {len(report.suspicious)} auffällige Paare "
          f"(Schwelle {report.threshold:.0%}) – Hinweise zur Prüfung, kein Urteil:")
    for p in report.suspicious:
        kind = "Code" if p.kind == "code" else "Text"
        print(f"  {kind:4} {p.a} ↔ {p.b}: {p.share_a:.0%} / {p.share_b:.0%} gemeinsam, {p.shared_tokens} Token")
    for student, reason in sorted(report.skipped.items()):
        print(f"  nicht verglichen: {student} ({reason})")
    print(f"Details mit den gemeinsamen Stellen: {target}")
    return 0


def cmd_export_lms(args) -> int:
    from autograder.gradebook.register import import_roster
    from autograder.gradebook.scores import final_scores
    from autograder.reports.lms import export_lms, id_problems

    course = load_course(args.course)
    for name in args.assignment or []:
        course.unit(name)
    import_roster(course)  # names and e-mails as in students.csv, also for students graded before
    options = {"id_field": args.id_field, "pass_fraction": args.pass_fraction}
    target = export_lms(course, args.format, Path(args.to) if args.to else None, args.assignment or None, **options)
    rows = final_scores(course, args.assignment or None)
    pending = [r for r in rows if r.submitted and r.pending]
    print(f"exported {target} ({len({r.assignment for r in rows})} units: "
          f"{', '.join(dict.fromkeys(r.assignment for r in rows)) or 'none'})")
    for problem in id_problems(rows, args.format, args.id_field):
        print(f"warning: {problem}", file=sys.stderr)
    if pending:
        print(f"  Hinweis: {len(pending)} Abgabe(n) mit noch nicht bewerteten Freitext-Antworten "
              f"({', '.join(sorted({r.student for r in pending})[:10])}{' …' if len(pending) > 10 else ''})")
    return 0


def cmd_gradescope(args) -> int:
    from autograder.reports.gradescope import build_zip

    course = load_course(args.course)
    course.assignment(args.assignment)
    target = build_zip(course, args.assignment, Path(args.to) if args.to else None)
    print(f"gradescope {target}")
    return 0


def cmd_archive(args) -> int:
    from autograder.quiz.course import quizzes
    from autograder.reports.pdf import archive

    course = load_course(args.course)
    if args.unit not in quizzes(course):
        course.assignment(args.unit)
    for path in archive(course, args.unit, args.student or None, Path(args.to) if args.to else None):
        print(f"archive {path}")
    return 0


def cmd_gradescope_pdf(args) -> int:
    from autograder.reports.pdf import freetext_pdfs

    course = load_course(args.course)
    course.assignment(args.assignment)
    written = freetext_pdfs(course, args.assignment, args.student or None, Path(args.to) if args.to else None)
    for path in written:
        print(f"pdf {path}")
    print(f"{len(written)} PDF(s) with the free-text answers (upload them to a Gradescope PDF assignment)")
    return 0


def add_commands(sub) -> None:
    """Register this module's subcommands on the ``autograder`` parser."""
    p = sub.add_parser("report", help="HTML class report with plots (reports/<unit>.html)")
    p.add_argument("assignment", metavar="unit", help="assignment or quiz id")
    p.add_argument("--to", help="target file (default: reports/<assignment>.html)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("similarity", help="pairs of submissions with much shared own work (evidence, no verdict)")
    p.add_argument("assignment")
    p.add_argument("--threshold", type=float, default=0.5,
                   help="share of a submission's own work found in another to list the pair (default 0.5)")
    p.add_argument("--min-tokens", type=int, default=60, help="minimum shared material to list a pair")
    p.add_argument("--to", help="HTML report (default: reports/<assignment>-similarity.html)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_similarity)

    p = sub.add_parser("export-lms", help="grades for a learning platform: Moodle or ILIAS CSV")
    p.add_argument("--format", choices=["moodle", "ilias"], required=True)
    p.add_argument("--assignment", action="append",
                   help="only this assignment or quiz (repeatable; default: every unit with submissions)")
    p.add_argument("--to", help="target file (default: exports/moodle.csv or exports/ilias.csv)")
    p.add_argument("--id-field", choices=["username", "email", "idnumber"], default="username",
                   help="Moodle: the column students are matched by (default: username = nbgrader student id)")
    p.add_argument("--pass-fraction", type=float, default=0.5,
                   help="ILIAS: share of the points needed for status 'bestanden' (default 0.5)")
    p.set_defaults(func=cmd_export_lms)

    p = sub.add_parser("archive", help="one PDF per student of the graded notebook with its feedback "
                                       "(exports/archive/<unit>/)")
    p.add_argument("unit", help="assignment or quiz")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--to", help="target folder")
    p.set_defaults(func=cmd_archive)

    p = sub.add_parser("gradescope-pdf", help="one PDF per submission with its free-text answers, for Gradescope's "
                                              "manual grading (exports/gradescope/<assignment>/freitext/)")
    p.add_argument("assignment")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--to", help="target folder")
    p.set_defaults(func=cmd_gradescope_pdf)

    p = sub.add_parser("gradescope", help="Gradescope autograder zip (exports/gradescope/<assignment>.zip)")
    p.add_argument("assignment")
    p.add_argument("--to", help="target zip")
    p.set_defaults(func=cmd_gradescope)
