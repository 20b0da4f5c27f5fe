"""The course's late policy for plain ``nbgrader autograde``: a ``LateSubmissionPlugin``.

``course_config.py`` selects it (``c.AssignLatePenalties.plugin_class``) and sets its traits
from the same constants the toolkit reads (``LATE_PENALTY_PER_DAY``, ``LATE_MAX_DAYS``,
``TIMEZONE``), so a submission graded by nbgrader itself loses what ``autograder autograde``
takes: the formula is :class:`autograder.late.LatePolicy`'s, with days counted in the
course's time zone against the due date plus the student's extension from the gradebook.
"""

from __future__ import annotations

import datetime as dt

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float, Int, Unicode

from autograder.late import LatePolicy, zone

UTC = dt.timezone.utc


class CourseLatePenalty(LateSubmissionPlugin):
    """Each started day late costs ``per_day`` of the notebook's score; after ``max_days`` days, all of it."""

    per_day = Float(0.1, help="Share of the reached points taken off per started day late").tag(config=True)
    max_days = Int(7, help="After this many days late a submission earns nothing").tag(config=True)
    timezone = Unicode("UTC", help="The course's time zone: days are counted in it").tag(config=True)

    def policy(self) -> LatePolicy:
        return LatePolicy(self.per_day, self.max_days, zone(self.timezone))

    def _dates(self) -> tuple[dt.datetime, dt.datetime] | None:
        """(effective due date, submission time) of the submission nbgrader is processing."""
        parent = self.parent
        try:
            sub = parent.gradebook.find_submission(parent.assignment_id, parent.student_id)
        except Exception:  # noqa: BLE001 - outside AssignLatePenalties: fall back to the seconds
            return None
        if sub.timestamp is None or sub.duedate is None:
            return None
        return sub.duedate.replace(tzinfo=UTC), sub.timestamp.replace(tzinfo=UTC)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float):
        policy = self.policy()
        dates = self._dates()
        if dates is not None:
            days = policy.days_late(*dates)
        else:  # only the seconds are known: count them from a deadline at the end of a UTC day
            days = policy.days_late(dt.datetime(2000, 1, 1, tzinfo=UTC),
                                    dt.datetime(2000, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=total_seconds_late))
        penalty = policy.penalty(score or 0.0, days)
        self.log.info("%s: %d started day(s) late, penalty %s of %s", student_id, days, penalty, score)
        return penalty or None
