"""formgrader without noise: folders of ``source/`` that are no assignments, and a course without exchange.

* ``source/quizzes`` holds the quiz definitions (Python files, see :mod:`autograder.quiz`), not an
  nbgrader assignment, but nbgrader lists every folder of ``source/`` as one. :func:`hide_source_folders`
  makes nbgrader's API (formgrader, ``nbgrader list``…) skip such folders; ``course_config.py`` calls it.
* A course that collects work through an upload folder or an LMS download has no nbgrader exchange.
  nbgrader probes the exchange on every start and logs an error when it is missing;
  :class:`NoExchangeList` answers "no exchange" quietly, so formgrader shows assignments as drafts
  without release buttons (``EXCHANGE_ROOT = None`` in ``course_config.py``).
"""

from __future__ import annotations

from nbgrader.exchange.abc.list import ExchangeList
from nbgrader.exchange.abc.exchange import ExchangeError

_HIDDEN: set[str] = set()


def hide_source_folders(names) -> None:
    """nbgrader's ``get_source_assignments`` without these folder names (idempotent)."""
    from nbgrader.apps.api import NbGraderAPI

    _HIDDEN.update(names)
    if getattr(NbGraderAPI.get_source_assignments, "_autograder", False):
        return
    original = NbGraderAPI.get_source_assignments

    def get_source_assignments(self):
        return set(original(self)) - _HIDDEN

    get_source_assignments._autograder = True
    get_source_assignments.__doc__ = original.__doc__
    NbGraderAPI.get_source_assignments = get_source_assignments


class NoExchangeList(ExchangeList):
    """The course has no exchange (``EXCHANGE_ROOT = None``): say so without logging an error."""

    root = ""

    def start(self):
        raise ExchangeError("this course has no nbgrader exchange (EXCHANGE_ROOT = None in course_config.py)")
