"""Public path for nbgrader's configuration: ``autograder.feedback.HideTutorNotes``.

``course_config.py`` names this preprocessor in ``GenerateFeedback.preprocessors`` so that
formgrader's feedback button and plain ``nbgrader generate_feedback`` drop the TA-only notes
too. The implementation lives in :mod:`autograder.gradebook.feedback`.
"""

from autograder.gradebook.feedback import HideTutorNotes

__all__ = ["HideTutorNotes"]
