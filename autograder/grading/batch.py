"""``autograde ASSIGNMENT``: every submission into the gradebook and ``autograded/``.

The batch is resumable: a student's grades are written in one go (autograded
notebooks, then the gradebook, then a run record under ``.grader/runs``); a
submission whose record matches its current files is skipped unless ``force``.
An interrupted batch therefore loses at most the submissions in flight.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from dataclasses import dataclass, field

from autograder.gradebook import annotate
from autograder.gradebook import adapter as nbgrader_adapter
from autograder.grading.backends import DaskBackend, LocalBackend, Task
from autograder.course import Course, CourseError
from autograder.gradebook import register
from autograder.gradebook.register import register_quiz
from autograder.quiz import render
from autograder.quiz.course import load_quiz, quiz_settings, with_quizzes
from autograder.quiz.grade import grade as grade_quiz
from autograder.quiz.questions import Quiz
from autograder.results import GradeResult
from autograder.grading.submissions import Submission, discover
from autograder.late import late_penalty


@dataclass
class BatchReport:
    graded: list[list[GradeResult]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


class Progress:
    """A one-line progress bar on stderr (a line per submission when not a terminal)."""

    def __init__(self, total: int, enabled: bool = True):
        self.total, self.done, self.enabled = total, 0, enabled
        self.start = time.perf_counter()
        self.tty = sys.stderr.isatty()

    def step(self, text: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / max(1, self.total))
        elapsed = time.perf_counter() - self.start
        line = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {elapsed:5.1f}s  {text}"
        if self.tty:
            sys.stderr.write("\r" + line[:120].ljust(120) + ("\n" if self.done == self.total else ""))
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _record_path(course: Course, assignment: str, student: str):
    return course.state_dir / "runs" / assignment / f"{student}.json"


def is_done(course: Course, sub: Submission) -> bool:
    path = _record_path(course, sub.assignment, sub.student)
    try:
        return json.loads(path.read_text()).get("digest") == sub.digest()
    except (OSError, ValueError):
        return False


def store(course: Course, sub: Submission, results: list[GradeResult]) -> None:
    """Write one student's results: notebooks, gradebook (one transaction), run record."""
    for result in results:
        result.late_penalty = late_penalty(course, sub.assignment, sub.timestamp, result.auto_score)
        release = course.release_path(sub.assignment, result.notebook)
        target = course.autograded_dir / sub.student / sub.assignment / f"{result.notebook}.ipynb"
        annotate.write(release, result, sub.notebooks.get(result.notebook), target)
        annotate.write_atomic(target.with_name(f"{result.notebook}.results.json"),
                              json.dumps(result.to_dict(), ensure_ascii=False))
    nbgrader_adapter.record(course, results, timestamp=sub.timestamp)
    record = {"digest": sub.digest(), "score": sum(r.score for r in results), "graded_at": time.time()}
    annotate.write_atomic(_record_path(course, sub.assignment, sub.student), json.dumps(record))


def autograde(course: Course, assignment: str, workers: int = 2, force: bool = False,
              scheduler=None, students: list[str] | None = None, progress: bool = True) -> BatchReport:
    course.assignment(assignment)
    report = BatchReport()
    started = time.perf_counter()
    subs = [s for s in discover(course, assignment) if not students or s.student in students]
    todo = []
    for sub in subs:
        if not force and is_done(course, sub):
            report.skipped.append(sub.student)
        else:
            todo.append(sub)
    if not todo:
        report.seconds = time.perf_counter() - started
        return report
    register.ensure_assignment(course, assignment)
    backend = DaskBackend(course, scheduler) if scheduler else LocalBackend(course, workers)
    bar = Progress(len(todo), progress)
    by_student = {s.student: s for s in todo}
    try:
        backend.prepare(assignment)
        tasks = [Task(s.student, assignment, dict(s.notebooks)) for s in todo]
        for task, results, error in backend.run(tasks):
            sub = by_student[task.student]
            if error is not None:  # not stored: the next run grades this student again
                report.failed[sub.student] = f"{type(error).__name__}: {error}"
                bar.step(f"{sub.student}: FEHLER {error}")
                continue
            try:
                store(course, sub, results)
            except Exception as exc:  # noqa: BLE001 - one bad write must not stop the batch
                report.failed[sub.student] = f"{type(exc).__name__}: {exc}"
                bar.step(f"{sub.student}: FEHLER {exc}")
                continue
            report.graded.append(results)
            score = sum(r.score for r in results)
            total = sum(r.max_auto_score for r in results)
            bar.step(f"{sub.student}: {score:g}/{total:g}")
    finally:
        backend.close()
    report.seconds = time.perf_counter() - started
    return report


# ----------------------------------------------------------------------------- quizzes
def submitted_file(sub: Submission, quiz_id: str) -> Path:
    """``<quiz>.ipynb`` in the submission folder, or its only notebook if it was renamed."""
    expected = sub.folder / f"{quiz_id}.ipynb"
    if expected.is_file():
        return expected
    found = [p for p in sub.folder.glob("*.ipynb") if p.is_file()]
    return found[0] if len(found) == 1 else expected


def store_quiz(course: Course, quiz: Quiz, sub: Submission, result: GradeResult) -> None:
    """Write one graded quiz like ``autograde.store``: notebook, results.json, gradebook, run record."""
    view = with_quizzes(course)
    result.late_penalty = late_penalty(view, quiz.id, sub.timestamp, result.auto_score)
    target = course.autograded_dir / sub.student / quiz.id / f"{quiz.id}.ipynb"
    due = quiz_settings(course, quiz.id).get("due")
    with tempfile.TemporaryDirectory() as tmp:
        variant = Path(tmp) / f"{quiz.id}.ipynb"
        variant.write_text(render.dumps(render.notebook(quiz, sub.student, due=due)), encoding="utf-8")
        annotate.write(variant, result, sub.notebooks.get(quiz.id), target)
    annotate.write_atomic(target.with_name(f"{quiz.id}.results.json"),
                          json.dumps(result.to_dict(), ensure_ascii=False))
    nbgrader_adapter.record(course, [result], timestamp=sub.timestamp)
    record = {"digest": sub.digest(), "score": result.score, "graded_at": time.time()}
    annotate.write_atomic(_record_path(view, quiz.id, sub.student), json.dumps(record))


def autograde_quiz(course: Course, quiz_id: str, students: list[str] | None = None, force: bool = False,
              progress: bool = True) -> BatchReport:
    """Every ``submitted/<student>/<quiz>/`` into the gradebook (resumable like the exercises)."""
    quiz = load_quiz(course, quiz_id)
    view = with_quizzes(course)
    report = BatchReport()
    started = time.perf_counter()
    todo = []
    for sub in discover(view, quiz_id):
        if students and sub.student not in students:
            continue
        sub.notebooks[quiz_id] = submitted_file(sub, quiz_id)
        if not force and is_done(view, sub):
            report.skipped.append(sub.student)
        else:
            todo.append(sub)
    if todo:
        register_quiz(course, quiz)
    bar = Progress(len(todo), progress)
    for sub in todo:
        try:
            result = grade_quiz(course, quiz, sub.notebooks[quiz_id], sub.student)
            store_quiz(course, quiz, sub, result)
        except CourseError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad write must not stop the batch
            report.failed[sub.student] = f"{type(exc).__name__}: {exc}"
            bar.step(f"{sub.student}: FEHLER {exc}")
            continue
        report.graded.append([result])
        bar.step(f"{sub.student}: {result.score:g}/{result.max_auto_score:g}")
    report.seconds = time.perf_counter() - started
    return report
