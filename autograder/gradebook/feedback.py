"""Feedback per student as HTML, made by nbgrader's ``generate_feedback`` with the course's German page.

nbgrader renders the autograded notebook with the gradebook's scores (automatic and
manual) and the TAs' comments. What is ours:

* :class:`~autograder.gradebook.html.FeedbackExporter`: the German, script-free,
  offline page (``c.GenerateFeedback.exporter_class`` in ``course_config.py``, so
  formgrader's feedback button and plain ``nbgrader generate_feedback`` use it too);
* :class:`GermanGrades`: nbgrader's ``GetGrades`` plus what the page must say honestly – a
  free-text answer that no TA has graded yet is *noch nicht bewertet*, not "0 / 2"; an
  autograded cell whose score a TA changed is marked as such;
* :class:`HideTutorNotes`: drops the TA-only notes (model answer, rubric) of the
  autograded notebook;
* a leak check before rendering that looks only at what the instructor controls (test
  cells, task text), so a student who writes a hidden-test marker into an answer cannot
  stop the class's feedback.
"""

from __future__ import annotations

import contextlib
import functools
import io
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from autograder.course import Course
from autograder.errors import AutograderError
from autograder.gradebook import adapter
from autograder.notebook import HIDDEN_BEGIN, HIDDEN_END, read_notebook


class FeedbackError(AutograderError):
    pass


class HideTutorNotes(Preprocessor):
    """Drop the cells only TAs may see (``metadata.autograder.tutor_only``) before rendering feedback."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get("autograder", {}).get("tutor_only")]
        return nb, resources


# db_url → the open Gradebook, while one command renders a batch (see one_gradebook_per_batch)
_BATCH_GRADEBOOKS: dict | None = None


@contextlib.contextmanager
def one_gradebook_per_batch():
    """Keep one gradebook open while a batch of pages is rendered, and close it afterwards.

    nbgrader's ``GetGrades`` opens the gradebook for every notebook, each time with a new engine,
    so SQLAlchemy compiles its statements again: about 15 ms a page, a fifth of the ``feedback``
    command for a small class. Outside this block (formgrader, plain nbgrader) it does as nbgrader.
    """
    global _BATCH_GRADEBOOKS
    outer, _BATCH_GRADEBOOKS = _BATCH_GRADEBOOKS, {}
    try:
        yield
    finally:
        gradebooks, _BATCH_GRADEBOOKS = _BATCH_GRADEBOOKS, outer
        for gradebook in gradebooks.values():
            gradebook.close()


@functools.cache
def german_grades():
    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import GetGrades

    class GermanGrades(GetGrades):
        """nbgrader's GetGrades, plus ``pending`` (no TA grade yet) and ``overridden`` per cell.

        A notebook's grades and comments are read in one query each, not one per cell.
        """

        def preprocess(self, nb, resources):
            self._pending = []
            self._rows = None
            if _BATCH_GRADEBOOKS is None:
                nb, resources = super().preprocess(nb, resources)
            else:
                nb, resources = self._preprocess_in(_BATCH_GRADEBOOKS, nb, resources)
            resources["nbgrader"]["pending_count"] = len(self._pending)
            resources["nbgrader"]["pending_points"] = sum(self._pending)
            return nb, resources

        def _preprocess_in(self, gradebooks: dict, nb, resources):
            """``GetGrades.preprocess`` with the batch's open gradebook instead of a new one."""
            info = resources["nbgrader"]
            self.notebook_id, self.assignment_id = info["notebook"], info["assignment"]
            self.student_id, self.db_url = info["student"], info["db_url"]
            if self.db_url not in gradebooks:
                gradebooks[self.db_url] = Gradebook(self.db_url)
            self.gradebook = gradebooks[self.db_url]
            nb, resources = super(GetGrades, self).preprocess(nb, resources)  # the cells, as GetGrades
            notebook = self._notebook()
            late_penalty = notebook.late_submission_penalty or 0
            info.update(score=notebook.score - late_penalty, max_score=notebook.max_score,
                        late_penalty=late_penalty)
            return nb, resources

        def _notebook(self):
            return self.gradebook.find_submission_notebook(self.notebook_id, self.assignment_id, self.student_id)

        def _row(self, kind: str, grade_id: str):
            if self._rows is None:
                notebook = self._notebook()
                self._rows = {"grade": {g.name: g for g in notebook.grades},
                              "comment": {c.name: c for c in notebook.comments}}
            row = self._rows[kind].get(grade_id)
            if row is None:  # as nbgrader does: a missing entry is an error of the gradebook
                find = self.gradebook.find_grade if kind == "grade" else self.gradebook.find_comment
                row = find(grade_id, self.notebook_id, self.assignment_id, self.student_id)
            return row

        def _get_comment(self, cell, resources):
            cell.metadata.nbgrader["comment"] = self._row("comment", cell.metadata["nbgrader"]["grade_id"]).comment

        def _get_score(self, cell, resources):
            grade = self._row("grade", cell.metadata["nbgrader"]["grade_id"])
            cell.metadata.nbgrader["score"] = grade.score
            cell.metadata.nbgrader["points"] = grade.max_score
            pending = grade.manual_score is None and grade.auto_score is None
            cell.metadata.nbgrader["pending"] = pending
            cell.metadata.nbgrader["overridden"] = grade.manual_score is not None and grade.auto_score is not None \
                and abs(grade.manual_score - grade.auto_score) > 1e-9
            if pending:
                self._pending.append(float(grade.max_score or 0))

    return GermanGrades


def __getattr__(name):  # GermanGrades needs nbgrader: built on first use (also by nbgrader's config loader)
    if name == "GermanGrades":
        cls = german_grades()
        globals()["GermanGrades"] = cls
        return cls
    raise AttributeError(name)


# ------------------------------------------------------------------------------ leak check
def _instructor_cells(nb) -> list:
    """Cells whose text the instructor controls: everything but answers and cells the student added."""
    out = []
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        if meta.get("nbgrader", {}).get("solution") or meta.get("autograder", {}).get("student_cell"):
            continue
        if meta.get("autograder", {}).get("tutor_only"):
            continue  # never rendered into feedback
        out.append(cell)
    return out


def hidden_test_leaks(nb, source_path: Path | None = None) -> list[str]:
    """Hidden-test markers or hidden-test lines of the source in the instructor-controlled cells."""
    problems = []
    secret = _hidden_lines(source_path) if source_path is not None else set()
    for cell in _instructor_cells(nb):
        text = "".join(cell.get("source", ""))
        if HIDDEN_BEGIN in text or HIDDEN_END in text:
            problems.append(f"cell {cell.get('metadata', {}).get('nbgrader', {}).get('grade_id') or '?'}: marker")
        lines = {line.strip() for line in text.splitlines()}
        problems += [f"hidden test line {line!r}" for line in sorted(secret & lines)]
    return problems


def _hidden_lines(source_path: Path) -> set[str]:
    try:
        source = read_notebook(source_path)
    except Exception:  # noqa: BLE001 - no source (a quiz): markers are all we can check
        return set()
    hidden, shown = set(), set()
    for cell in source.cells:
        inside = False
        for line in "".join(cell.get("source", "")).splitlines():
            s = line.strip()
            if s == HIDDEN_BEGIN:
                inside = True
            elif s == HIDDEN_END:
                inside = False
            elif len(s) >= 8 and not s.startswith("#"):
                (hidden if inside else shown).add(s)
    return hidden - shown  # a line the visible part has too (``predicted = np.asarray(predicted)``) is public


def check_autograded(course: Course, assignment: str, student: str | None = None) -> None:
    """Refuse to render feedback whose instructor-controlled cells contain hidden tests."""
    for path in sorted(course.autograded_dir.glob(f"{student or '*'}/{assignment}/*.ipynb")):
        try:
            nb = read_notebook(path)
        except Exception:  # noqa: BLE001 - nbgrader reports unreadable notebooks itself
            continue
        source = course.source_path(assignment, path.stem) if assignment in course.assignments else None
        problems = hidden_test_leaks(nb, source)
        if problems:
            raise FeedbackError(f"{path} would show hidden tests in feedback: " + "; ".join(problems[:3]))


# ------------------------------------------------------------------------------ generating
def _nbgrader_feedback(course: Course, assignment: str, student: str | None = None) -> dict:
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    from autograder.gradebook.html import FeedbackExporter

    config = adapter.nbgrader_config(course)
    # the course's German page; nbgrader's GetGrades with honest pending items; no TA-only notes
    config.GenerateFeedback.exporter_class = FeedbackExporter
    config.GenerateFeedback.preprocessors = [german_grades(), CSSHTMLHeaderPreprocessor, HideTutorNotes]
    # nbgrader's converter itself, as NbGraderAPI.generate_feedback runs it (without nbgrader.apps,
    # which loads the exchange and every other command: about a second)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment
    if student is not None:
        coursedir.student_id = student
    app = GenerateFeedback(coursedir=coursedir, config=config)
    app.force = True
    with contextlib.redirect_stderr(io.StringIO()), one_gradebook_per_batch():
        return capture_log(app)


def generate(course: Course, assignment: str, student: str | None = None) -> list[Path]:
    check_autograded(course, assignment, student)
    outcome = _nbgrader_feedback(course, assignment, student)
    if not outcome.get("success"):
        raise FeedbackError(f"nbgrader generate_feedback failed: {_last_line(outcome)}")
    pattern = f"{student or '*'}/{assignment}/*.html"
    return sorted(course.feedback_dir.glob(pattern))


def _last_line(outcome: dict) -> str:
    text = str(outcome.get("error") or outcome.get("log") or "unknown error").strip()
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else text
