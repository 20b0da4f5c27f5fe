"""Public paths for nbgrader's configuration (``course_config.py``).

``c.GenerateFeedback.exporter_class = "autograder.feedback.FeedbackExporter"`` and the
preprocessors ``autograder.feedback.GermanGrades`` and ``autograder.feedback.HideTutorNotes``
make formgrader's feedback button and plain ``nbgrader generate_feedback`` write the same
German, offline feedback page as ``autograder feedback``. The implementation lives in
:mod:`autograder.gradebook.feedback` and :mod:`autograder.gradebook.html`.
"""

from autograder.gradebook.feedback import HideTutorNotes
from autograder.gradebook.html import FeedbackExporter


def __getattr__(name):
    if name == "GermanGrades":  # a subclass of nbgrader's GetGrades, built on first use
        from autograder.gradebook import feedback

        return feedback.GermanGrades
    raise AttributeError(name)


__all__ = ["FeedbackExporter", "GermanGrades", "HideTutorNotes"]
