"""Telling nbgrader's gradebook about a unit: its notebooks, graded cells and points.

Exercises are registered by nbgrader's release (``generate_assignment`` runs ``SaveCells``);
a quiz by ``SaveCells`` over its generic notebook (same grade ids and points for every student).
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

from autograder.course import Course, CourseError
from autograder.gradebook.adapter import gradebook
from autograder.gradebook.release import release
from autograder.quiz import render
from autograder.quiz.course import quiz_settings
from autograder.quiz.questions import Quiz

def ensure_assignment(course: Course, assignment: str) -> None:
    """The gradebook must know the assignment's cells (nbgrader's SaveCells does that on release)."""
    from nbgrader.api import MissingEntry

    with gradebook(course) as gb:
        try:
            a = gb.find_assignment(assignment)
            known = {nb.name for nb in a.notebooks}
        except MissingEntry:
            known = set()
    if set(course.notebooks(assignment)) - known:
        with tempfile.TemporaryDirectory() as tmp:
            release(course, [assignment], release_root=Path(tmp))
    due = course.assignment(assignment).get("due")
    if due:
        with gradebook(course) as gb:
            gb.update_or_create_assignment(assignment, duedate=due)


def register_quiz(course: Course, quiz: Quiz) -> None:
    """Make the gradebook know the quiz: assignment, notebook, grade cells and points.

    nbgrader's own ``SaveCells`` reads the generic quiz notebook (same grade ids and points for
    every student), exactly as ``generate_assignment`` would; it refuses to add or remove
    questions once submissions are graded.
    """
    from nbgrader.preprocessors import SaveCells

    due = quiz_settings(course, quiz.id).get("due")
    with gradebook(course) as gb:
        gb.update_or_create_assignment(quiz.id, **({"duedate": due} if due else {}))
    resources = {"nbgrader": {"notebook": quiz.id, "assignment": quiz.id, "db_url": course.gradebook_url}}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            SaveCells().preprocess(render.notebook(quiz, None), resources)
    except RuntimeError as exc:
        raise CourseError(f"quiz {quiz.id}: questions were added or removed after grading started ({exc})") \
            from None
