"""Quiz commands: quiz-list, quiz-release, quiz-key, quiz-grade, quiz-autograde, quiz-feedback, quiz-validate.

A quiz is defined once in ``source/quizzes/<quiz>.py`` (see ``autograder.quiz``); every student
gets their own variant. ``quiz-key`` needs the definitions under ``source/`` and is therefore
for instructors only; ``quiz-validate`` needs nothing but the student's notebook.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.cli.batch import add_autograde_arguments
from autograder.cli.common import print_result
from autograder.course import CourseError, load_course
from autograder.errors import UsageError


def _quiz_ids(course, names: list[str] | None) -> list[str]:
    for name in names or []:
        course.quiz(name)
    return list(names or course.quizzes)


def _students(course, given: list[str] | None, allow_unknown: bool = False) -> list[str]:
    """The students to work for: ``--student`` ids (checked against the roster) or the whole roster."""
    roster = course.roster(required=not given)
    if not given:
        students = [s.id for s in roster]
        if not students:
            raise CourseError("no students: pass --student ID or list them in STUDENTS_FILE")
        return students
    if roster is not None and not allow_unknown:
        known = {s.id for s in roster}
        unknown = [s for s in given if s not in known]
        if unknown:
            import difflib

            close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(f"student '{unknown[0]}' is not on the roster ({course.setting('STUDENTS_FILE')})"
                             f"{hint}; pass --allow-unknown to use the id anyway")
    return list(given)


def _due(course, quiz_id: str) -> str | None:
    unit = course.quiz(quiz_id)
    return course.late_policy.when(unit.due) if unit.due else None


def cmd_list(args) -> int:
    from autograder.quiz.course import load_quiz

    course = load_course(args.course)
    out = []
    for quiz_id, spec in course.quizzes.items():
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
    from autograder.quiz.course import load_quiz

    course = load_course(args.course)
    out = Path(args.out) if args.out else course.root / "release" / "quizzes"
    students = _students(course, args.student, args.allow_unknown)
    written = 0
    for quiz_id in _quiz_ids(course, args.quizzes):
        quiz = load_quiz(course, quiz_id)
        due = _due(course, quiz_id)
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
    from autograder.quiz.course import load_quiz
    from autograder.quiz.grade import key_document, key_notebook

    course = load_course(args.course)
    quiz = load_quiz(course, args.quiz)
    _students(course, [args.student], args.allow_unknown)
    doc = key_document(course, quiz, args.student)
    if args.notebook:
        nb = key_notebook(quiz, args.student, due=_due(course, quiz.id))
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
    _students(course, [args.student], args.allow_unknown)
    result = grade(course, quiz, path, args.student)
    if args.json:
        print(json.dumps(result.to_gradescope(), indent=2, ensure_ascii=False))
    else:
        print_result(result)
    return 0


def cmd_autograde(args) -> int:
    """``quiz-autograde QUIZ``: ``autograde`` restricted to quizzes (the same pipeline)."""
    from autograder.cli.batch import cmd_autograde as autograde

    load_course(args.course).quiz(args.assignment)
    return autograde(args)


def cmd_feedback(args) -> int:
    """``quiz-feedback QUIZ``: ``feedback`` restricted to quizzes."""
    from autograder.cli.batch import cmd_feedback as feedback

    load_course(args.course).quiz(args.assignment)
    return feedback(args)


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
    from autograder.student.cli import answers_tally

    print(answers_tally(good, len(rows)))
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
    p.add_argument("--allow-unknown", action="store_true", help="--student ids need not be on the roster")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("quiz-key", help="one student's answer key (instructors only)")
    p.add_argument("quiz")
    p.add_argument("--student", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--notebook", help="also write the student's notebook with correct answers to this file")
    p.add_argument("--allow-unknown", action="store_true", help="the student need not be on the roster")
    p.set_defaults(func=cmd_key)

    p = sub.add_parser("quiz-grade", help="grade one quiz notebook as the submission of --student")
    p.add_argument("quiz")
    p.add_argument("notebook")
    p.add_argument("--student", required=True, help="the owner of the submission (their variant is graded)")
    p.add_argument("--json", action="store_true", help="print a Gradescope results.json document")
    p.add_argument("--allow-unknown", action="store_true", help="the student need not be on the roster")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("quiz-autograde", help="grade every submitted/<student>/<quiz>/ (same as autograde QUIZ)")
    add_autograde_arguments(p, "assignment", quiz=True)
    p.set_defaults(func=cmd_autograde, workers=1, scheduler=None)

    p = sub.add_parser("quiz-feedback", help="HTML feedback per student (same as feedback QUIZ)")
    p.add_argument("assignment", metavar="quiz")
    p.add_argument("--student")
    p.set_defaults(func=cmd_feedback)

    p = sub.add_parser("quiz-validate", help="check the answer format of a quiz notebook (for students)")
    p.add_argument("notebook")
    p.set_defaults(func=cmd_validate)
