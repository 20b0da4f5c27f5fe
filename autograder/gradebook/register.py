"""Telling nbgrader's gradebook about a unit: its due date, notebooks, graded cells and points.

One registration for every kind of unit, with nbgrader's own ``SaveCells`` preprocessor over
the unit's source notebook (no throwaway ``generate_assignment``): for an exercise the
notebooks under ``source/``, for a quiz its generic notebook (same grade ids and points for
every student). Before ``SaveCells`` the source passes the preprocessors that
``generate_assignment`` runs before it (lock cells, clear solutions and outputs, check
metadata, checksums), so the gradebook holds exactly what a release would record there and
plain ``nbgrader autograde`` finds the same cells. Like nbgrader, it refuses to add or remove
graded cells once submissions are stored.

The roster goes into the gradebook here too (:func:`import_roster`), as ``nbgrader db student
import`` would store it.
"""

from __future__ import annotations

import datetime as dt
import warnings

from autograder.course import Course, CourseError, Unit
from autograder.gradebook.adapter import gradebook, nbgrader_config
from autograder.notebook import NotebookError, read_notebook


def due_utc(unit: Unit) -> dt.datetime | None:
    """The due date as nbgrader stores it: naive UTC."""
    return unit.due.astimezone(dt.timezone.utc).replace(tzinfo=None) if unit.due else None


def unit_notebooks(course: Course, unit: Unit) -> dict:
    """notebook name -> the notebook to register (source for exercises, generic notebook for quizzes)."""
    if unit.is_quiz:
        from autograder.quiz import render
        from autograder.quiz.course import load_quiz

        return {unit.id: render.notebook(load_quiz(course, unit.id), None)}
    import nbformat

    out = {}
    for nb in unit.notebooks:
        path = course.source_path(unit.id, nb)
        try:
            read_notebook(path)  # a readable notebook, or a German reason
            out[nb] = nbformat.read(str(path), as_version=4)  # sources as strings, as nbgrader expects
        except NotebookError as exc:
            raise CourseError(f"{path.relative_to(course.root)}: {exc}") from None
    return out


def register(course: Course, unit: Unit | str) -> None:
    """Create or update the unit in the gradebook (due date, notebooks, cells, points)."""
    from nbgrader.preprocessors import (CheckCellMetadata, ClearOutput, ClearSolutions, ComputeChecksums,
                                        LockCells, SaveCells)

    unit = unit if isinstance(unit, Unit) else course.unit(unit)
    notebooks = unit_notebooks(course, unit)
    with gradebook(course) as gb:
        gb.update_or_create_assignment(unit.id, duedate=due_utc(unit))
    config = nbgrader_config(course)
    chain = [LockCells, ClearSolutions, ClearOutput, CheckCellMetadata, ComputeChecksums, SaveCells]
    for name, nb in notebooks.items():
        resources = {"nbgrader": {"notebook": name, "assignment": unit.id, "student": None,
                                  "db_url": course.gradebook_url}}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for step in chain:
                    nb, resources = step(config=config).preprocess(nb, resources)
        except RuntimeError as exc:  # SaveCells: cells added/removed after grading started; bad markers
            raise CourseError(f"{unit.label} {unit.id}, notebook {name}: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - nbgrader's metadata checks (ValidationError and others)
            raise CourseError(f"{unit.label} {unit.id}, notebook {name}: nbgrader cannot register it "
                              f"({type(exc).__name__}: {exc})") from None


def import_roster(course: Course) -> int:
    """Students of ``STUDENTS_FILE`` into the gradebook (names, e-mails, LMS ids); returns how many."""
    students = course.roster() or []
    if not students:
        return 0
    with gradebook(course) as gb:
        for s in students:
            gb.update_or_create_student(s.id, **s.gradebook_fields())
    return len(students)


def extensions(course: Course, unit: str) -> dict[str, dt.timedelta]:
    """student -> extension granted for this unit (nbgrader's ``SubmittedAssignment.extension``)."""
    from nbgrader.api import MissingEntry

    with gradebook(course) as gb:
        try:
            subs = gb.assignment_submissions(unit)
        except MissingEntry:
            return {}
        return {s.student.id: s.extension for s in subs if s.extension}


def grant_extension(course: Course, unit: Unit | str, student: str, delta: dt.timedelta | None) -> None:
    """Give ``student`` more time for ``unit`` (``None`` or zero: remove it), in nbgrader's gradebook.

    nbgrader keeps extensions on the submission; a student who has not handed in yet gets an
    empty one (no time stamp, no scores), which later grading fills in.
    """
    unit = unit if isinstance(unit, Unit) else course.unit(unit)
    register(course, unit)
    minutes = int(delta.total_seconds() // 60) if delta else 0
    with gradebook(course) as gb:
        gb.update_or_create_student(student)
        try:
            gb.find_submission(unit.id, student)
        except Exception:  # noqa: BLE001 - nbgrader's MissingEntry
            gb.add_submission(unit.id, student)
        gb.grant_extension(unit.id, student, minutes=minutes)


def ensure_assignment(course: Course, assignment: str) -> None:
    """Older name of :func:`register` (kept for callers outside this package's batch)."""
    register(course, assignment)
