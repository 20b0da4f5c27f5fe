"""The late policy, in one place: due date, submission time, days late, penalty, and the German sentence.

Every part that talks about lateness (the batch's penalty, the autograded notebook's note,
the LMS exports, the class report) asks this module.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from autograder.course import Course


def parse_timestamp(text: str) -> dt.datetime | None:
    text = text.strip().replace(" UTC", "").replace("Z", "")
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None



def late_days(course: Course, assignment: str, timestamp: dt.datetime | None) -> int:
    due = course.assignment(assignment).get("due")
    if not due or timestamp is None:
        return 0
    due_at = parse_timestamp(due)
    if due_at is None or timestamp <= due_at:
        return 0
    return math.ceil((timestamp - due_at).total_seconds() / 86400)


def late_penalty(course: Course, assignment: str, timestamp: dt.datetime | None, points: float) -> float:
    """Points taken off for lateness under the course's policy (never more than the points)."""
    days = late_days(course, assignment, timestamp)
    if days == 0:
        return 0.0
    if days > int(course.setting("LATE_MAX_DAYS", 7)):
        return round(points, 4)
    return round(min(points, points * float(course.setting("LATE_PENALTY_PER_DAY", 0.1)) * days), 4)


@dataclass
class LateInfo:
    due: dt.datetime | None
    timestamp: dt.datetime | None
    days_late: int
    per_day: float
    max_days: int

    @property
    def late(self) -> bool:
        return self.days_late > 0


def late_info(course: Course, assignment: str, timestamp: dt.datetime | None) -> LateInfo:
    due_text = course.assignment(assignment).get("due")
    return LateInfo(parse_timestamp(due_text) if due_text else None, timestamp,
                    late_days(course, assignment, timestamp),
                    float(course.setting("LATE_PENALTY_PER_DAY", 0.1)), int(course.setting("LATE_MAX_DAYS", 7)))


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%d.%m.%Y %H:%M") if value else "–"


def late_policy_text(course: Course) -> str:
    per_day = float(course.setting("LATE_PENALTY_PER_DAY", 0.1))
    max_days = int(course.setting("LATE_MAX_DAYS", 7))
    return (f"je angefangenem Tag nach der Frist {_num(per_day * 100)} % der erreichten Punkte Abzug, "
            f"nach mehr als {max_days} Tagen 0 Punkte")


def late_note(course: Course, assignment: str, timestamp: dt.datetime | None, penalty: float) -> str:
    """One German sentence on a late submission ('' when it was on time)."""
    info = late_info(course, assignment, timestamp)
    if not info.late:
        return ""
    days = "1 angefangenen Tag" if info.days_late == 1 else f"{info.days_late} angefangene Tage"
    return (f"Verspätete Abgabe: abgegeben am {_when(info.timestamp)}, Frist {_when(info.due)} – {days} zu spät. "
            f"Regel: {late_policy_text(course)}. Abzug: {_num(penalty)} Punkte.")


def _num(value: float | None, comma: bool = False) -> str:
    if value is None:
        return ""
    text = f"{round(float(value), 4):g}"
    return text.replace(".", ",") if comma else text


