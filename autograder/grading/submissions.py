"""Submissions as students hand them in: nbgrader's ``submitted/<student>/<unit>/`` layout.

Each expected notebook ``<name>.ipynb`` is looked for in the folder. Students rename files
(``09_x-Kopie1.ipynb``, ``09_x (1).ipynb``), so when the expected name is missing:

* a copy's name (``09_x (1).ipynb``, ``09_x-Kopie1.ipynb``) stands in for its original, and
  otherwise exactly one other notebook when exactly one is missing (:func:`notebook.match_renamed`):
  it is graded, with a note saying which file was taken;
* otherwise none is guessed; the message lists the other notebooks;
* none at all: the notebook is missing, and the message says so.

Every such case is a *problem* of the submission (German, for the student and the TA): it is
counted in the batch summary, written to ``results.json`` and shown in the report. An
unreadable ``timestamp.txt`` is one too. Submission times are read by nbgrader's parser
(:mod:`autograder.gradebook.timestamps`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import Course, Unit
from autograder.notebook import copy_of, match_renamed
from autograder.gradebook import timestamps
from autograder.textfmt import shown_name


@dataclass
class Submission:
    student: str
    assignment: str                                            # the unit's id
    folder: Path
    notebooks: dict[str, Path | None] = field(default_factory=dict)  # notebook name -> file (None: missing)
    timestamp: dt.datetime | None = None                       # aware (UTC)
    timestamp_problem: str = ""                                # German; '' when the time is known
    problems: dict[str, list[str]] = field(default_factory=dict)     # notebook name -> German messages
    missing: dict[str, str] = field(default_factory=dict)      # notebook name -> why it is not graded

    @property
    def unit(self) -> str:
        return self.assignment

    def all_problems(self) -> list[str]:
        out = [p for msgs in self.problems.values() for p in msgs]
        return out + ([self.timestamp_problem] if self.timestamp_problem else [])

    def digest(self) -> str:
        """Changes whenever a submitted file changes: decides whether grading is needed again."""
        h = hashlib.sha256()
        for name in sorted(self.notebooks):
            path = self.notebooks[name]
            h.update(name.encode())
            h.update(path.name.encode() if path else b"")
            h.update(path.read_bytes() if path is not None and path.is_file() else b"<missing>")
        h.update(str(self.timestamp).encode())
        return h.hexdigest()[:20]


def _candidates(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.name.startswith("."))


def find_notebooks(folder: Path, expected: list[str]) -> tuple[dict[str, Path | None], dict[str, list[str]],
                                                              dict[str, str]]:
    """(notebook -> file or None, notebook -> problems, notebook -> why missing) for one folder."""
    files: dict[str, Path | None] = {}
    problems: dict[str, list[str]] = {}
    missing: dict[str, str] = {}
    found = _candidates(folder)
    by_name = {p.name: p for p in found}
    standing_in = match_renamed(expected, list(by_name))
    taken = {by_name[name] for name in standing_in.values()}
    left = [p for p in found if p.stem not in expected and p not in taken]
    for nb in expected:
        wanted = f"{nb}.ipynb"
        if wanted in by_name:
            files[nb] = by_name[wanted]
        elif nb in standing_in:
            name = standing_in[nb]
            files[nb] = by_name[name]
            how = "die umbenannte Kopie" if copy_of(Path(name).stem) == nb else \
                "die einzige andere Notebook-Datei der Abgabe,"
            problems[nb] = [f"Die Datei {wanted} fehlt; bewertet wurde stattdessen {how} {shown_name(name)}."]
        elif left:
            files[nb] = None
            names = ", ".join(shown_name(p.name) for p in left)
            others = "mehrere andere Notebooks" if len(left) > 1 else "ein anderes Notebook"
            missing[nb] = (f"Die Datei {wanted} fehlt, und es gibt {others} ({names}); keines "
                           f"wurde bewertet. Bitte genau eine Datei {wanted} abgeben.")
            problems[nb] = [missing[nb]]
        else:
            files[nb] = None
            missing[nb] = f"Das Notebook {wanted} wurde nicht abgegeben (keine passende .ipynb-Datei im Ordner)."
            problems[nb] = [missing[nb]]
    return files, problems, missing


def discover(course: Course, unit: str | Unit, students: list[str] | None = None) -> list[Submission]:
    """Every ``submitted/<student>/<unit>/`` folder (optionally only of ``students``), sorted by student."""
    unit = unit if isinstance(unit, Unit) else course.unit(unit)
    found = []
    root = course.submitted_dir
    if not root.is_dir():
        return found
    for student_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        folder = student_dir / unit.id
        if not folder.is_dir() or (students and student_dir.name not in students):
            continue
        files, problems, missing = find_notebooks(folder, unit.notebooks)
        sub = Submission(student_dir.name, unit.id, folder, files, problems=problems, missing=missing)
        sub.timestamp, problem = timestamps.read(folder, course.tz)
        if problem and (unit.due is not None or sub.timestamp is None and (folder / "timestamp.txt").exists()):
            sub.timestamp_problem = problem
        found.append(sub)
    return found
