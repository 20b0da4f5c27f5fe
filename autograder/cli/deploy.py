"""Commands for running the course with real students: the student package and LMS imports.

Registered on the main parser by :func:`add_commands`; see the README's deployment section.
"""

from __future__ import annotations

from pathlib import Path

from autograder.course import load_course


def cmd_student_package(args) -> int:
    from autograder.student.package import build_wheel

    course = load_course(args.course)
    target = build_wheel(Path(args.out) if args.out else course.root / "exports" / "student")
    print(f"student package {target}")
    print("  install: pip install <wheel> (plus numpy, keras, scikit-learn as the notebooks need)")
    return 0


def cmd_import_moodle(args) -> int:
    from autograder.gradebook.adapter import register_students
    from autograder.lms_import import import_moodle_zip, students

    course = load_course(args.course)
    report = import_moodle_zip(course, args.assignment, Path(args.zip), match=args.match, force=args.force)
    # the gradebook learns names and e-mail addresses, so export-lms can match Moodle's users
    register_students(course, [row for row in students(course) if row["id"].strip() in report.imported])
    print(f"{len(report.imported)} Abgaben nach submitted/<student>/{args.assignment}/ übernommen"
          + (f", {len(report.renamed)} mit umbenannter Datei" if report.renamed else ""))
    for folder, reason in sorted(report.skipped.items()):
        print(f"  nicht übernommen: {folder} ({reason})")
    return 0


def add_commands(sub) -> None:
    """Register this module's subcommands on the ``autograder`` parser."""
    p = sub.add_parser("student-package", help="the wheel students install (check, validate, quiz helpers)")
    p.add_argument("--out", help="target folder (default: exports/student)")
    p.set_defaults(func=cmd_student_package)

    p = sub.add_parser("import-moodle", help="unpack Moodle's 'Download all submissions' zip into submitted/")
    p.add_argument("assignment")
    p.add_argument("zip", help="the zip Moodle's assignment page gives under 'Download all submissions'")
    p.add_argument("--match", choices=["name", "email"], default="name",
                   help="how Moodle's folder names map to STUDENTS_FILE (default: first and last name)")
    p.add_argument("--force", action="store_true", help="overwrite submissions already in submitted/")
    p.set_defaults(func=cmd_import_moodle)
