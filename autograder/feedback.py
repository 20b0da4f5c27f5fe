"""Public paths for nbgrader's configuration (``course_config.py``).

``c.GenerateFeedback.exporter_class = "autograder.feedback.FeedbackExporter"`` and the
preprocessors ``autograder.feedback.GermanGrades`` and ``autograder.feedback.HideTutorNotes``
make formgrader's feedback button and plain ``nbgrader generate_feedback`` write the same
German, offline feedback page as ``autograder feedback``; ``NoExchangeList`` and
``hide_source_folders`` keep formgrader quiet about a missing exchange and ``source/quizzes``.
The implementation lives in :mod:`autograder.gradebook.feedback`, :mod:`autograder.gradebook.html`
and :mod:`autograder.gradebook.formgrader`.
"""

from autograder.gradebook.feedback import HideTutorNotes
from autograder.gradebook.formgrader import NoExchangeList, hide_source_folders
from autograder.gradebook.html import FeedbackExporter


def __getattr__(name):
    if name == "GermanGrades":  # a subclass of nbgrader's GetGrades, built on first use
        from autograder.gradebook import feedback

        return feedback.GermanGrades
    raise AttributeError(name)


__all__ = ["FeedbackExporter", "GermanGrades", "HideTutorNotes", "NoExchangeList", "hide_source_folders"]
