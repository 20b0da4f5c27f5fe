"""``autograde UNIT``: every submission of an exercise or a quiz into the gradebook and ``autograded/``.

One pipeline for every unit; only the backend that grades one notebook differs (sandboxed
workers or a Dask cluster for exercises, the quiz grader for quizzes):

1. find the submissions (:mod:`autograder.grading.submissions`: renamed, missing or extra
   notebooks, submission times), check them against the roster;
2. register the unit in nbgrader's gradebook (``SaveCells``) and import the roster;
3. grade what is new or changed, and per student, in one go: the late penalty from the
   course's policy (with the student's extension), the autograded notebook, ``results.json``,
   the gradebook, then a run record under ``.grader/runs``.

The batch is resumable: a submission whose run record matches its current files is skipped
unless ``force``; an interrupted batch loses at most the submissions in flight. A record made
with other tests (the source notebook or quiz definition changed since) is reported as stale.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from dataclasses import dataclass, field

from autograder.course import Course, CourseError, Unit
from autograder.errors import AutograderError
from autograder.gradebook import adapter as nbgrader_adapter
from autograder.gradebook import annotate, register
from autograder.grading import units
from autograder.grading.backends import DaskBackend, LocalBackend, QuizBackend, Task
from autograder.grading.submissions import Submission, discover
from autograder.results import GradeResult
from autograder.textfmt import showable


class NoSubmissions(CourseError):
    """Nothing to grade where submissions should be."""


@dataclass
class BatchReport:
    graded: list[list[GradeResult]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)   # student -> German messages (graded anyway)
    stale: list[str] = field(default_factory=list)                 # skipped, but graded with other tests
    unknown: list[str] = field(default_factory=list)               # ids not on the roster
    refused: list[str] = field(default_factory=list)               # ... and therefore not graded
    unusable: list[str] = field(default_factory=list)              # folder names no terminal or LMS may show
    seconds: float = 0.0

    def summary(self) -> str:
        """The German one-line summary for TAs."""
        return (f"{len(self.graded)} bewertet, {len(self.skipped)} übersprungen (schon bewertet), "
                f"{len(self.problems)} mit Problemen, {len(self.failed)} fehlgeschlagen"
                + (f", {len(self.refused)} nicht in der Teilnehmerliste" if self.refused else "")
                + (f", {len(self.unusable)} mit unzulässigem Ordnernamen" if self.unusable else "")
                + f" in {self.seconds:.1f} s")


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


# ----------------------------------------------------------------------------- run records
def record_path(course: Course, unit: str, student: str):
    return course.state_dir / "runs" / unit / f"{student}.json"


def read_record(course: Course, unit: str, student: str) -> dict | None:
    try:
        data = json.loads(record_path(course, unit, student).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_done(course: Course, sub: Submission) -> bool:
    record = read_record(course, sub.assignment, sub.student)
    return record is not None and record.get("digest") == sub.digest()


def _minutes(delta) -> int:
    return int(delta.total_seconds() // 60) if delta else 0


# ----------------------------------------------------------------------------- storing
def apply_submission(sub: Submission, results: list[GradeResult]) -> None:
    """What the folder told about the submission goes into its results (and so into results.json)."""
    for n, result in enumerate(results):
        found = list(sub.problems.get(result.notebook, []))
        if result.notebook in sub.missing:
            result.status, result.message = "missing", ""
            for item in result.items:
                for case in item.cases:
                    case.message = f"Nicht ausgeführt: {sub.missing[result.notebook]}"
        if n == 0 and sub.timestamp_problem:
            found.append(sub.timestamp_problem)
        result.problems = found + [p for p in result.problems if p not in found]


def store(course: Course, unit: Unit, sub: Submission, results: list[GradeResult], tests: str,
          extension=None, gb=None) -> None:
    """Write one student's results: notebooks, results.json, gradebook (one transaction), run record."""
    apply_submission(sub, results)
    lateness = course.lateness(unit.id, sub.timestamp, extension, sub.timestamp_problem)
    for result in results:
        result.late_penalty = lateness.penalty(result.auto_score)
        target = course.autograded_dir / sub.student / unit.id / f"{result.notebook}.ipynb"
        annotate.write(units.base_notebook(course, unit, result.notebook, sub.student), result,
                       sub.notebooks.get(result.notebook), target,
                       late_sentence=lateness.note(result.late_penalty),
                       rubrics=units.rubrics(course, unit, result.notebook))
        annotate.write_atomic(target.with_name(f"{result.notebook}.results.json"),
                              json.dumps(result.to_dict(), ensure_ascii=False))
    nbgrader_adapter.record(course, results, timestamp=sub.timestamp, gb=gb)
    record = {"digest": sub.digest(), "tests": tests, "extension": _minutes(extension),
              "score": round(sum(r.score for r in results), 4),
              "problems": sub.all_problems(), "graded_at": time.time()}
    annotate.write_atomic(record_path(course, unit.id, sub.student), json.dumps(record, ensure_ascii=False))


# ----------------------------------------------------------------------------- the batch
def _backend(course: Course, unit: Unit, workers: int, scheduler):
    if unit.is_quiz:
        return QuizBackend(course)
    return DaskBackend(course, scheduler) if scheduler else LocalBackend(course, workers)


def autograde(course: Course, unit: str, workers: int = 2, force: bool = False, scheduler=None,
              students: list[str] | None = None, progress: bool = True, allow_unknown: bool = False) -> BatchReport:
    """Grade every ``submitted/<student>/<unit>/`` of an exercise or a quiz (resumable)."""
    unit = course.unit(unit)
    report = BatchReport()
    started = time.perf_counter()
    subs = discover(course, unit, students)
    if not subs:
        where = f"submitted/{students[0] if students and len(students) == 1 else '*'}/{unit.id}"
        raise NoSubmissions(f"no submissions found under {where}")
    # a folder name with control, bidi or undecodable characters is no student id a roster, terminal or LMS
    # can take: it is never graded (even with allow_unknown) and only ever shown through textfmt.shown_name
    report.unusable = [s.student for s in subs if not showable(s.student)]
    subs = [s for s in subs if showable(s.student)]
    roster = course.roster()
    if roster is not None:
        known = {s.id for s in roster}
        report.unknown = [s.student for s in subs if s.student not in known]
        if report.unknown and not allow_unknown:
            report.refused = list(report.unknown)
            subs = [s for s in subs if s.student in known]
    tests = units.tests_digest(course, unit)
    extensions = register.extensions(course, unit.id)
    todo = []
    for sub in subs:
        record = read_record(course, unit.id, sub.student)
        if not force and record is not None and record.get("digest") == sub.digest() \
                and record.get("extension", 0) == _minutes(extensions.get(sub.student)):
            report.skipped.append(sub.student)
            if record.get("tests") not in (None, tests):
                report.stale.append(sub.student)
        else:
            todo.append(sub)
    if not todo:
        report.seconds = time.perf_counter() - started
        return report
    backend = _backend(course, unit, workers, scheduler)
    bar = Progress(len(todo), progress)
    by_student = {s.student: s for s in todo}
    stack = contextlib.ExitStack()
    try:
        backend.start()  # the workers import TensorFlow while the gradebook is updated
        register.register(course, unit)
        register.import_roster(course)
        backend.prepare(unit.id)
        gb = stack.enter_context(nbgrader_adapter.gradebook(course))  # one for the batch
        tasks = [Task(s.student, unit.id, dict(s.notebooks)) for s in todo]
        for task, results, error in backend.run(tasks):
            sub = by_student[task.student]
            if isinstance(error, AutograderError):  # an instructor's problem (e.g. an exposed sandbox): stop
                raise error
            if error is not None:  # the grader failed, not the student: stored with its status all the same
                reason = ("Die Abgabe konnte wegen eines Fehlers des Bewerters nicht bewertet werden; sie wird "
                          "erneut bewertet.")
                results = [units.ungraded(course, unit, nb, sub.student, reason) for nb in unit.notebooks]
                report.failed[sub.student] = f"{type(error).__name__}: {error} (gespeichert als 'internal'; " \
                                             f"erneut bewerten mit --force)"
                bar.step(f"{sub.student}: FEHLER {error}")
            try:
                store(course, unit, sub, results, tests, extensions.get(sub.student), gb)
            except CourseError:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad write must not stop the batch
                report.failed[sub.student] = f"{type(exc).__name__}: {exc}"
                bar.step(f"{sub.student}: FEHLER {exc}")
                continue
            if error is not None:
                continue
            report.graded.append(results)
            if sub.all_problems():
                report.problems[sub.student] = sub.all_problems()
            score = sum(r.score for r in results)
            total = sum(r.max_auto_score for r in results)
            bar.step(f"{sub.student}: {score:g}/{total:g}")
    finally:
        backend.close()
        stack.close()
    report.seconds = time.perf_counter() - started
    return report
