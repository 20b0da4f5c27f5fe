"""Quiz definitions of the course: ``QUIZZES`` in ``course_config.py``, code in ``source/quizzes``.

A quiz ``<id>`` is a unit of the course (:class:`autograder.course.Unit`, kind ``quiz``) with
one notebook ``<id>.ipynb``; its questions are defined by ``source/quizzes/<id>.py``, a small
Python file that builds ``QUIZ = Quiz(...)`` (questions, variant generators, keys).
``source/`` is instructor-only (the sandbox covers it), so definitions and keys never reach
students.
"""

from __future__ import annotations

import hashlib

from autograder.course import Course, CourseError, run_python_file
from autograder.quiz.questions import Quiz


def quizzes(course: Course) -> dict:
    return course.quizzes


def quiz_settings(course: Course, quiz_id: str) -> dict:
    """The quiz's entry in ``QUIZZES`` (unknown ids are a :class:`CourseError`)."""
    return dict(course.quiz(quiz_id).options)


def definition_path(course: Course, quiz_id: str):
    return course.quiz_definition_path(quiz_id)


def load_quiz(course: Course, quiz_id: str) -> Quiz:
    """The quiz defined in ``source/quizzes/<quiz_id>.py`` (its ``QUIZ``)."""
    course.quiz(quiz_id)
    path = definition_path(course, quiz_id)
    if not path.is_file():
        raise CourseError(f"{path.relative_to(course.root)} is missing (the definition of quiz {quiz_id})")
    module = run_python_file(path, f"_course_quiz_{quiz_id.replace('.', '_').replace('-', '_')}")
    quiz = getattr(module, "QUIZ", None)
    if not isinstance(quiz, Quiz):
        raise CourseError(f"{path.relative_to(course.root)} defines no QUIZ = Quiz(...)")
    if quiz.id != quiz_id:
        raise CourseError(f"{path.relative_to(course.root)} defines quiz '{quiz.id}', expected '{quiz_id}'")
    return quiz


def definition_digest(course: Course, quiz_id: str) -> str:
    """Changes whenever the quiz's definition changes (its questions, keys or points)."""
    return hashlib.sha256(definition_path(course, quiz_id).read_bytes()).hexdigest()[:16]


def show_answers(course: Course, quiz_id: str) -> bool:
    """Whether feedback shows the correct answers (``SHOW_QUIZ_ANSWERS``, per quiz ``show_answers``)."""
    return bool(quiz_settings(course, quiz_id).get("show_answers", course.setting("SHOW_QUIZ_ANSWERS", True)))


def language(course: Course) -> str:
    return course.language


def roster(course: Course) -> list[str]:
    """Student ids from ``STUDENTS_FILE`` (nbgrader's student CSV); [] without one."""
    return [s.id for s in course.roster() or []]
