"""Finding submissions (nbgrader's ``submitted/<student>/<assignment>/`` layout) and lateness."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

from autograder.config import Course


@dataclass
class Submission:
    student: str
    assignment: str
    folder: Path
    notebooks: dict[str, Path] = field(default_factory=dict)  # notebook name -> file (may be missing)
    timestamp: dt.datetime | None = None

    def digest(self) -> str:
        """Changes whenever a submitted file changes: decides whether grading is needed again."""
        h = hashlib.sha256()
        for name in sorted(self.notebooks):
            path = self.notebooks[name]
            h.update(name.encode())
            h.update(path.read_bytes() if path.is_file() else b"<missing>")
        h.update(str(self.timestamp).encode())
        return h.hexdigest()[:20]


def parse_timestamp(text: str) -> dt.datetime | None:
    text = text.strip().replace(" UTC", "").replace("Z", "")
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def discover(course: Course, assignment: str) -> list[Submission]:
    notebooks = course.notebooks(assignment)
    found = []
    root = course.submitted_dir
    if not root.is_dir():
        return found
    for student_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        folder = student_dir / assignment
        if not folder.is_dir():
            continue
        sub = Submission(student_dir.name, assignment, folder,
                         {nb: folder / f"{nb}.ipynb" for nb in notebooks})
        stamp = folder / "timestamp.txt"
        if stamp.is_file():
            sub.timestamp = parse_timestamp(stamp.read_text(errors="replace"))
        found.append(sub)
    return found


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
