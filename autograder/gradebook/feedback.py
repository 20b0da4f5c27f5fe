"""Feedback per student as HTML, made by nbgrader's ``generate_feedback``.

nbgrader renders the autograded notebook with the gradebook's scores (automatic and
manual) and the TAs' comments. Because our autograded notebooks are built from the
release (see ``annotate``), hidden tests cannot appear in it; ``generate`` checks
that once more on every written page. The TA-only notes (model answer and rubric
next to each manually graded answer) are removed by :class:`HideTutorNotes`, which
``generate`` adds to nbgrader's feedback preprocessors.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from autograder.errors import AutograderError
from autograder.gradebook import adapter
from autograder.course import Course
from autograder.notebook import HIDDEN_BEGIN


class FeedbackError(AutograderError):
    pass


class HideTutorNotes(Preprocessor):
    """Drop the cells only TAs may see (``metadata.autograder.tutor_only``) before rendering feedback."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get("autograder", {}).get("tutor_only")]
        return nb, resources


def _nbgrader_feedback(course: Course, assignment: str, student: str | None = None) -> dict:
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import GetGrades

    config = adapter.nbgrader_config(course)
    # nbgrader's own preprocessors, plus: the TA-only rubric notes of the autograded notebook stay out
    config.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, HideTutorNotes]
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    with contextlib.redirect_stderr(io.StringIO()):
        return api.generate_feedback(assignment, student)


def generate(course: Course, assignment: str, student: str | None = None) -> list[Path]:
    outcome = _nbgrader_feedback(course, assignment, student)
    if not outcome.get("success"):
        raise FeedbackError(f"nbgrader generate_feedback failed:\n{outcome.get('error') or outcome.get('log')}")
    pattern = f"{student or '*'}/{assignment}/*.html"
    pages = sorted(course.feedback_dir.glob(pattern))
    for page in pages:
        if HIDDEN_BEGIN in page.read_text(encoding="utf-8", errors="replace"):
            raise FeedbackError(f"{page} contains hidden tests")
    return pages
