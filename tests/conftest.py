"""Shared fixtures: the course, one warm grader for the whole session, throw-away courses."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from autograder.course import load_course  # noqa: E402
from autograder.notebook import strip_solutions  # noqa: E402


@pytest.fixture(scope="session")
def course():
    return load_course(ROOT)


@pytest.fixture(scope="session")
def grader(course):
    from autograder.grading.grader import Grader

    with Grader(course, workers=2) as g:
        yield g


def assignments_with_source(course) -> list[tuple[str, str]]:
    return [(a, nb) for a in course.assignments for nb in course.notebooks(a)
            if course.source_path(a, nb).is_file()]


def blank_notebook(course, assignment: str, notebook: str, target: Path) -> Path:
    """A student notebook with nothing filled in: the release if present, else stubbed source."""
    release = course.release_path(assignment, notebook)
    if release.is_file():
        shutil.copy(release, target)
        return target
    nb = json.loads(course.source_path(assignment, notebook).read_text())
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            text = "".join(cell["source"])
            cell["source"] = strip_solutions(text) if cell["cell_type"] == "code" else "IHRE ANTWORT HIER"
    target.write_text(json.dumps(nb))
    return target


def make_course(tmp_path: Path, course, limits: dict | None = None) -> Path:
    """A course folder sharing source/ and release/ with the repository."""
    root = tmp_path / "course"
    root.mkdir()
    text = (ROOT / "course_config.py").read_text()
    if limits:
        text += f"\nLIMITS = {{**LIMITS, **{limits!r}}}\n"
    (root / "course_config.py").write_text(text)
    (root / "source").symlink_to(ROOT / "source", target_is_directory=True)
    (root / "release").symlink_to(ROOT / "release", target_is_directory=True)
    return root


def submit(root: Path, student: str, assignment: str, notebook_path: Path | None, name: str,
           timestamp: str | None = None, raw: str | None = None) -> Path:
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.ipynb"
    if raw is not None:
        target.write_text(raw)
    elif notebook_path is not None:
        shutil.copy(notebook_path, target)
    if timestamp:
        (folder / "timestamp.txt").write_text(timestamp)
    return target
