"""The small adapter to nbgrader: its configuration, API, gradebook, feedback and export.

nbgrader stays in charge of what it does well (notebook format, release, gradebook,
formgrader, feedback HTML, CSV export). Grades go into its gradebook through its
public ``Gradebook`` API, so formgrader shows them like its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
import warnings
from pathlib import Path

from autograder.course import Course
from autograder.results import GradeResult

# nbgrader runs the ``alembic`` command of its environment to check the gradebook schema;
# make it findable when Python was started as .venv/bin/python without an activated venv.
_BIN = os.path.dirname(sys.executable)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")


def _alembic_head_in_process() -> str:
    """The gradebook schema's alembic head, read from nbgrader's migration scripts in this process."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import nbgrader

    config = Config()
    config.set_main_option("script_location", os.path.join(os.path.dirname(nbgrader.__file__), "alembic"))
    return ScriptDirectory.from_config(config).get_current_head()


def _fast_new_gradebooks() -> None:
    """nbgrader stamps a new gradebook with the alembic head it gets by running the ``alembic``
    command in a subprocess (2–8 s here, once per new gradebook: every fresh course, every test
    course). The same head comes from alembic's own API in well under a second."""
    import functools

    import nbgrader.api

    if not getattr(nbgrader.api.get_alembic_version, "in_process", False):
        head = functools.cache(_alembic_head_in_process)
        head.in_process = True
        nbgrader.api.get_alembic_version = head


def nbgrader_config(course: Course, release_directory: str | None = None, db_url: str | None = None):
    from traitlets.config.loader import PyFileConfigLoader

    _fast_new_gradebooks()  # every use of nbgrader's API (register, feedback, export) starts here

    config = PyFileConfigLoader("course_config.py", path=str(course.root)).load_config()
    config.CourseDirectory.root = str(course.root)
    config.CourseDirectory.db_url = db_url or course.gradebook_url
    if release_directory:
        config.CourseDirectory.release_directory = release_directory
    config.Application.log_level = logging.WARNING
    return config


def nbgrader_api(course: Course, release_directory: str | None = None, db_url: str | None = None):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = nbgrader_config(course, release_directory, db_url)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


@contextlib.contextmanager
def gradebook(course: Course):
    from nbgrader.api import Gradebook

    _fast_new_gradebooks()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbgrader's own SQLAlchemy warnings on add_submission
        with Gradebook(course.gradebook_url) as gb:
            yield gb


def record(course: Course, results: list[GradeResult], timestamp: dt.datetime | None = None, gb=None) -> None:
    """Write one student's grades for one assignment (all its notebooks) into the gradebook.

    ``gb``: an open gradebook to reuse (a batch keeps one, so SQLAlchemy's statement cache,
    which lives in its engine, serves every student); one transaction per student either way.
    """
    if not results:
        return
    if gb is None:
        with gradebook(course) as own:
            _record(own, results, timestamp)
        return
    try:
        _record(gb, results, timestamp)
    except BaseException:
        gb.db.rollback()  # the batch's gradebook stays usable for the next student
        raise


def _record(gb, results: list[GradeResult], timestamp: dt.datetime | None) -> None:
    assignment, student = results[0].assignment, results[0].student
    gb.update_or_create_student(student)
    if timestamp is not None and timestamp.tzinfo is not None:  # nbgrader stores naive UTC
        timestamp = timestamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    kwargs = {"timestamp": timestamp} if timestamp else {}
    gb.update_or_create_submission(assignment, student, **kwargs)
    for result in results:
        notebook = gb.find_submission_notebook(result.notebook, assignment, student)
        notebook.late_submission_penalty = result.late_penalty or None
        grades = {g.name: g for g in notebook.grades}  # one query (find_grade is one per cell)
        comments = {c.name: c for c in notebook.comments}
        for item in result.items:
            grade = grades.get(item.grade_id) or gb.find_grade(item.grade_id, result.notebook, assignment, student)
            grade.auto_score = item.score
            grade.needs_manual_grade = item.score is None or grade.manual_score is not None
            if item.kind == "manual":
                comment = comments.get(item.grade_id) or gb.find_comment(item.grade_id, result.notebook,
                                                                        assignment, student)
                answered = bool(result.answers.get(item.grade_id, "").strip())
                comment.auto_comment = None if answered else "Keine Antwort abgegeben."
    gb.db.commit()


def register_students(course: Course, rows: list[dict]) -> None:
    """Names and e-mail addresses from the roster into the gradebook (LMS exports match by them)."""
    with gradebook(course) as gb:
        for row in rows:
            extra = {k: (row.get(k) or "").strip() or None for k in ("first_name", "last_name", "email",
                                                                     "lms_user_id")}
            gb.update_or_create_student(row["id"].strip(), **{k: v for k, v in extra.items() if v})


def export_csv(course: Course, target: Path) -> Path:
    """nbgrader's own CSV export (its columns), from the gradebook."""
    from nbgrader.plugins.export import CsvExportPlugin

    import csv

    from autograder.textfmt import csv_safe

    target.parent.mkdir(parents=True, exist_ok=True)
    plugin = CsvExportPlugin()
    plugin.to = str(target)
    with gradebook(course) as gb:
        plugin.export(gb)
    # names and ids come from people: no cell may start a spreadsheet formula
    with target.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    with target.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([[csv_safe(cell) for cell in row] for row in rows])
    return target
