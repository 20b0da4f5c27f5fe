"""Quiz commands: quiz-list, quiz-release, quiz-key, quiz-grade, quiz-autograde, quiz-feedback, quiz-validate.

A quiz is defined once in ``source/quizzes/<quiz>.py`` (see ``autograder.quiz``); every student
gets their own variant. ``quiz-key`` needs the definitions under ``source/`` and is therefore
for instructors only; ``quiz-validate`` needs nothing but the student's notebook.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.cli.common import print_result
from autograder.course import CourseError, load_course
from autograder.errors import UsageError


def _quiz_ids(course, names: list[str] | None) -> list[str]:
    from autograder.quiz.course import quiz_settings, quizzes

    for name in names or []:
        quiz_settings(course, name)
    return list(names or quizzes(course))


def _students(course, given: list[str] | None) -> list[str]:
    from autograder.quiz.course import roster

    students = list(given or roster(course))
    if not students:
        raise CourseError("no students: pass --student ID or list them in STUDENTS_FILE")
    return students


def cmd_list(args) -> int:
    from autograder.quiz.course import load_quiz, quizzes

    course = load_course(args.course)
    out = []
    for quiz_id, spec in quizzes(course).items():
        quiz = load_quiz(course, quiz_id)
        out.append({"quiz": quiz_id, "title": quiz.title.de, "title_en": quiz.title.en, "due": spec.get("due"),
                    "max_score": quiz.max_score,
                    "questions": [{"id": q.id, "grade_id": f"test_{q.id}", "type": q.kind, "points": q.points,
                                   "parameterised": q.parameterised} for q in quiz.questions]})
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    for quiz in out:
        print(f"{quiz['quiz']:16} {quiz['max_score']:5g} Punkte  {len(quiz['questions'])} Fragen  {quiz['title']}")
        for q in quiz["questions"]:
            mark = "  (Variante je Person)" if q["parameterised"] else ""
            print(f"    {q['id']:28} {q['points']:4g}  {q['type']}{mark}")
    return 0


def cmd_release(args) -> int:
    from autograder.gradebook.annotate import write_atomic
    from autograder.quiz import render
    from autograder.quiz.course import load_quiz, quiz_settings

    course = load_course(args.course)
    out = Path(args.out) if args.out else course.root / "release" / "quizzes"
    students = _students(course, args.student)
    written = 0
    for quiz_id in _quiz_ids(course, args.quizzes):
        quiz = load_quiz(course, quiz_id)
        due = quiz_settings(course, quiz_id).get("due")
        for student in students:
            target = out / student / quiz_id / f"{quiz_id}.ipynb"
            write_atomic(target, render.dumps(render.notebook(quiz, student, due=due)))
            written += 1
        print(f"{quiz_id}: {len(students)} Notebooks unter {out}/<student>/{quiz_id}/")
    print(f"{written} Quiz-Notebooks geschrieben.")
    return 0


def cmd_key(args) -> int:
    from autograder.gradebook.annotate import write_atomic
    from autograder.quiz import render
    from autograder.quiz.course import load_quiz, quiz_settings
    from autograder.quiz.grade import key_document, key_notebook

    course = load_course(args.course)
    quiz = load_quiz(course, args.quiz)
    doc = key_document(course, quiz, args.student)
    if args.notebook:
        nb = key_notebook(quiz, args.student, due=quiz_settings(course, quiz.id).get("due"))
        write_atomic(Path(args.notebook), render.dumps(nb))
    if args.json:
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    print(f"{doc['title']} – Schlüssel für {doc['student']} ({doc['max_score']:g} Punkte)")
    for q in doc["questions"]:
        answer = json.dumps(q["answer"], ensure_ascii=False)
        print(f"{q['number']:3}. {q['id']} [{q['type']}, {q['points']:g} P.]: {answer}  – {q['answer_text']}")
        if q.get("explanation"):
            print(f"       {q['explanation']}")
    return 0


def cmd_grade(args) -> int:
    from autograder.quiz.course import load_quiz
    from autograder.quiz.grade import grade

    course = load_course(args.course)
    quiz = load_quiz(course, args.quiz)
    path = Path(args.notebook)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    result = grade(course, quiz, path, args.student)
    if args.json:
        print(json.dumps(result.to_gradescope(), indent=2, ensure_ascii=False))
    else:
        print_result(result)
    return 0


def cmd_autograde(args) -> int:
    from autograder.grading.batch import autograde_quiz as autograde

    course = load_course(args.course)
    report = autograde(course, args.quiz, students=args.student, force=args.force, progress=not args.quiet)
    print(f"{len(report.graded)} bewertet, {len(report.skipped)} übersprungen (schon bewertet), "
          f"{len(report.failed)} fehlgeschlagen in {report.seconds:.1f} s")
    for student, error in report.failed.items():
        print(f"  {student}: {error}")
    return 1 if report.failed else 0


def cmd_feedback(args) -> int:
    from autograder.gradebook.feedback import generate
    from autograder.quiz.course import quiz_settings

    course = load_course(args.course)
    quiz_settings(course, args.quiz)
    for path in generate(course, args.quiz, args.student):
        print(f"feedback {path.relative_to(course.root)}")
    return 0


def cmd_validate(args) -> int:
    from autograder.notebook import NotebookError, read_notebook
    from autograder.quiz.student import check_notebook

    path = Path(args.notebook)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    try:
        nb = read_notebook(path)
    except NotebookError as exc:
        print(exc)
        return 0
    rows = check_notebook(nb)
    for number, ok, message in rows:
        print(f"{'✓' if ok else '✗'} Frage {number}: {message}")
    good = sum(ok for _, ok, _ in rows)
    print(f"{good} von {len(rows)} Antworten haben ein gültiges Format (ob sie stimmen, zeigt erst die Bewertung).")
    return 0


def add_commands(sub) -> None:
    """Register this module's subcommands on the ``autograder`` parser."""
    p = sub.add_parser("quiz-list", help="quizzes, their questions and points")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("quiz-release", help="one quiz notebook per student (release/quizzes/<student>/<quiz>/)")
    p.add_argument("quizzes", nargs="*", help="quiz ids (default: all)")
    p.add_argument("--student", action="append", help="only this student (repeatable; default: STUDENTS_FILE)")
    p.add_argument("--out", help="target folder (default: release/quizzes)")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("quiz-key", help="one student's answer key (instructors only)")
    p.add_argument("quiz")
    p.add_argument("--student", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--notebook", help="also write the student's notebook with correct answers to this file")
    p.set_defaults(func=cmd_key)

    p = sub.add_parser("quiz-grade", help="grade one quiz notebook as the submission of --student")
    p.add_argument("quiz")
    p.add_argument("notebook")
    p.add_argument("--student", required=True, help="the owner of the submission (their variant is graded)")
    p.add_argument("--json", action="store_true", help="print a Gradescope results.json document")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("quiz-autograde", help="grade every submitted/<student>/<quiz>/ into the gradebook")
    p.add_argument("quiz")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--force", action="store_true", help="grade again even if already graded")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_autograde)

    p = sub.add_parser("quiz-feedback", help="HTML feedback per student (feedback/<student>/<quiz>/)")
    p.add_argument("quiz")
    p.add_argument("--student")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("quiz-validate", help="check the answer format of a quiz notebook (for students)")
    p.add_argument("notebook")
    p.set_defaults(func=cmd_validate)
