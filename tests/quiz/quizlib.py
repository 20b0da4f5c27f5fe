"""Helpers for the quiz tests: the course's quizzes and throw-away course folders."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from autograder.course import load_course
from autograder.quiz import render
from autograder.quiz.course import load_quiz, quizzes

ROOT = Path(__file__).resolve().parents[2]
COURSE = load_course(ROOT)
QUIZ_IDS = list(quizzes(COURSE))


@functools.cache
def quiz(quiz_id: str):
    return load_quiz(COURSE, quiz_id)


def quiz_course(tmp_path: Path, extra_config: str = ""):
    """A course folder sharing source/ and release/ with the repository (its own gradebook)."""
    root = tmp_path / "course"
    root.mkdir()
    (root / "course_config.py").write_text((ROOT / "course_config.py").read_text() + extra_config)
    (root / "students.csv").write_text("id,first_name,last_name,email\nalice,Alice,Adler,alice@example.org\n"
                                        "bob,Bob,Bauer,bob@example.org\ncarol,Carol,Cramer,\ndave,Dave,Dorn,\n")
    (root / "source").symlink_to(ROOT / "source", target_is_directory=True)
    (root / "release").symlink_to(ROOT / "release", target_is_directory=True)
    os.environ.pop("AUTOGRADER_DB_URL", None)
    return load_course(root)


def write(path: Path, nb) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render.dumps(nb), encoding="utf-8")
    return path


def submit(course, student: str, quiz_id: str, nb, timestamp: str | None = None) -> Path:
    folder = course.root / "submitted" / student / quiz_id
    path = write(folder / f"{quiz_id}.ipynb", nb)
    if timestamp:
        (folder / "timestamp.txt").write_text(timestamp)
    return path


def with_answers(nb, answers: dict) -> dict:
    """A copy of a quiz notebook with some answer cells (by grade id) replaced."""
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell["source"] = answers[gid]
    return nb
