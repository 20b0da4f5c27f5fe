"""The course: settings from ``course_config.py`` and the paths of the course layout."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import AutograderError

DEFAULT_LIMITS = {"cell_timeout": 30.0, "notebook_timeout": 180.0, "case_timeout": 10.0, "cpu_seconds": 240,
                  "memory_mb": 3072, "output_kb": 256, "max_processes": 64}


class CourseError(AutograderError):
    """Misuse: unknown assignment, missing course files. The CLI prints it and exits 1."""


@dataclass
class Course:
    root: Path
    settings: object  # the course_config module

    # -- settings ---------------------------------------------------------------------
    @property
    def course_id(self) -> str:
        return getattr(self.settings, "COURSE_ID", "course")

    @property
    def assignments(self) -> dict:
        return dict(getattr(self.settings, "ASSIGNMENTS", {}))

    @property
    def limits(self) -> dict:
        return {**DEFAULT_LIMITS, **getattr(self.settings, "LIMITS", {})}

    def setting(self, name: str, default=None):
        return getattr(self.settings, name, default)

    def assignment(self, name: str) -> dict:
        if name not in self.assignments:
            known = ", ".join(self.assignments) or "keine"
            raise CourseError(f"unknown assignment '{name}' (known: {known})")
        return self.assignments[name]

    def notebooks(self, assignment: str) -> list[str]:
        return list(self.assignment(assignment).get("notebooks", []))

    # -- paths ------------------------------------------------------------------------
    def source_path(self, assignment: str, notebook: str) -> Path:
        return self.root / "source" / assignment / f"{notebook}.ipynb"

    def release_path(self, assignment: str, notebook: str) -> Path:
        return self.root / "release" / assignment / f"{notebook}.ipynb"

    @property
    def submitted_dir(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded_dir(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback_dir(self) -> Path:
        return self.root / "feedback"

    @property
    def state_dir(self) -> Path:
        """Grader-only state (answer keys, run records); masked inside the sandbox."""
        return self.root / ".grader"

    @property
    def gradebook_url(self) -> str:
        return os.environ.get("AUTOGRADER_DB_URL") or f"sqlite:///{self.root / 'gradebook.db'}"

    def sandbox_mask(self) -> list[str]:
        """Paths student code must not read: sources, keys, gradebook, other students' work."""
        names = ["source", "submitted", "autograded", "feedback", ".grader", ".git", "tests", "gradebook.db",
                 "exports", "reports", "benchmarks"]
        # the checkout the grader itself runs from (an editable install) may be another course's
        # repository: its sources and tests quote hidden inputs, so they are hidden as well
        toolkit = Path(__file__).resolve().parent.parent
        roots = [self.root] + ([toolkit] if (toolkit / "course_config.py").is_file() else [])
        return [str(r / n) for r in dict.fromkeys(roots) for n in names if (r / n).exists()]


def find_root(start: Path | None = None) -> Path:
    env = os.environ.get("AUTOGRADER_COURSE_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "course_config.py").is_file():
            return candidate
    package_parent = Path(__file__).resolve().parent.parent
    if (package_parent / "course_config.py").is_file():
        return package_parent
    raise CourseError("no course_config.py found (run inside the course repository)")


def load_course(root: str | Path | None = None) -> Course:
    root = Path(root).resolve() if root else find_root()
    path = root / "course_config.py"
    if not path.is_file():
        raise CourseError(f"no course_config.py in {root}")
    spec = importlib.util.spec_from_file_location("course_config", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Course(root, module)
