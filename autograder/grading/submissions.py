"""Finding submissions (nbgrader's ``submitted/<student>/<assignment>/`` layout) and lateness."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import Course
from autograder.late import parse_timestamp


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


