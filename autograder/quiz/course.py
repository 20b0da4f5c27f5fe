"""Quizzes in the course: ``QUIZZES`` in ``course_config.py``, definitions in ``source/quizzes``.

A quiz ``<id>`` is defined by ``source/quizzes/<id>.py``, a small Python file that builds
``QUIZ = Quiz(...)`` (questions, variant generators, keys). ``source/`` is instructor-only
(the sandbox covers it), so definitions and keys never reach students.

For the parts of the toolkit that work per assignment (submissions, late penalties,
gradebook), :func:`with_quizzes` gives a view of the course in which every quiz is also an
assignment with one notebook named like the quiz.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

from autograder.course import Course, CourseError
from autograder.quiz.questions import Quiz


def quizzes(course: Course) -> dict:
    return dict(course.setting("QUIZZES", {}) or {})


def quiz_settings(course: Course, quiz_id: str) -> dict:
    known = quizzes(course)
    if quiz_id not in known:
        raise CourseError(f"unknown quiz '{quiz_id}' (known: {', '.join(known) or 'keine'})")
    return dict(known[quiz_id])


def definition_path(course: Course, quiz_id: str) -> Path:
    return course.root / "source" / "quizzes" / f"{quiz_id}.py"


def load_quiz(course: Course, quiz_id: str) -> Quiz:
    """The quiz defined in ``source/quizzes/<quiz_id>.py`` (its ``QUIZ``)."""
    quiz_settings(course, quiz_id)
    path = definition_path(course, quiz_id)
    if not path.is_file():
        raise CourseError(f"{path.relative_to(course.root)} is missing (the definition of quiz {quiz_id})")
    name = f"_course_quiz_{quiz_id.replace('.', '_').replace('-', '_')}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    quiz = getattr(module, "QUIZ", None)
    if not isinstance(quiz, Quiz):
        raise CourseError(f"{path.relative_to(course.root)} defines no QUIZ = Quiz(...)")
    if quiz.id != quiz_id:
        raise CourseError(f"{path.relative_to(course.root)} defines quiz '{quiz.id}', expected '{quiz_id}'")
    return quiz


def show_answers(course: Course, quiz_id: str) -> bool:
    """Whether feedback shows the correct answers (``SHOW_QUIZ_ANSWERS``, per quiz ``show_answers``)."""
    return bool(quiz_settings(course, quiz_id).get("show_answers", course.setting("SHOW_QUIZ_ANSWERS", True)))


def language(course: Course) -> str:
    return "en" if course.setting("LANGUAGE", "de") == "en" else "de"


def roster(course: Course) -> list[str]:
    """Student ids from ``STUDENTS_FILE`` (nbgrader's student CSV: a column ``id``)."""
    name = course.setting("STUDENTS_FILE")
    if not name:
        return []
    path = course.root / name
    if not path.is_file():
        raise CourseError(f"{name} (STUDENTS_FILE) is missing")
    with path.open(newline="", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
    rows = csv.DictReader(lines)
    if not rows.fieldnames or "id" not in rows.fieldnames:
        raise CourseError(f"{name} needs a column 'id' (nbgrader's format: id,first_name,last_name,email)")
    ids = [row["id"].strip() for row in rows if (row.get("id") or "").strip()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CourseError(f"{name} lists students twice: {', '.join(duplicates)}")
    return ids


class _Settings:
    """``course_config`` with the quizzes added to ``ASSIGNMENTS``."""

    def __init__(self, settings, quiz_ids: dict):
        self._settings = settings
        self.ASSIGNMENTS = {**getattr(settings, "ASSIGNMENTS", {}),
                            **{q: {"title": spec.get("title", q), "notebooks": [q], "due": spec.get("due")}
                               for q, spec in quiz_ids.items()}}

    def __getattr__(self, name):
        return getattr(self._settings, name)


def with_quizzes(course: Course) -> Course:
    """The course seen with every quiz as an assignment of one notebook ``<quiz>.ipynb``."""
    return Course(course.root, _Settings(course.settings, quizzes(course)))
