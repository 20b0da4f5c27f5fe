"""Where submissions are graded: a local pool of warm workers, or a Dask cluster.

Both take tasks (one student's notebooks of one assignment) and yield
``(task, results, error)`` as they finish; a task whose worker failed comes back with
its error and no results, so it is not stored and the next run grades it. Neither touches the gradebook, which only the caller writes (single
writer). A Dask worker keeps one :class:`~autograder.grading.Grader`, with its own
warm sandbox worker, per process, so the start-up cost is paid once per worker.
"""

from __future__ import annotations

import concurrent.futures as cf
import threading
from dataclasses import dataclass
from pathlib import Path

from autograder.course import Course, load_course
from autograder.grading.grader import Grader
from autograder.results import GradeResult


@dataclass
class Task:
    student: str
    assignment: str
    notebooks: dict[str, Path | None]   # None: not handed in (graded as missing)

    def payload(self) -> dict[str, bytes | None]:
        return {nb: (p.read_bytes() if p is not None and p.is_file() else None) for nb, p in self.notebooks.items()}


def grade_files(grader: Grader, task_student: str, assignment: str, files: dict[str, Path | None],
                missing_dir: Path) -> list[GradeResult]:
    results = []
    for nb, path in files.items():
        if path is None or not Path(path).is_file():
            path = missing_dir / f"{nb}.ipynb"  # does not exist: graded as a missing notebook
        results.append(grader.grade(assignment, nb, path, student=task_student))
    return results


class LocalBackend:
    """``workers`` warm sandbox workers on this machine, fed by as many threads."""

    def __init__(self, course: Course, workers: int):
        self.grader = Grader(course, workers=workers)
        self.workers = workers
        self.executor = cf.ThreadPoolExecutor(max_workers=workers)

    def prepare(self, assignment: str) -> None:
        self.grader.pool.warm_up()
        for nb in self.grader.course.notebooks(assignment):
            self.grader.key(self.grader.assignment(assignment, nb))

    def run(self, tasks: list[Task]):
        futures = {self.executor.submit(grade_files, self.grader, t.student, t.assignment,
                                        dict(t.notebooks), self.grader.tmp_root / "missing"): t for t in tasks}
        try:
            for future in cf.as_completed(futures):
                try:
                    yield futures[future], future.result(), None
                except Exception as exc:  # noqa: BLE001 - infrastructure failure: not a grade
                    yield futures[future], None, exc
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.grader.close()


class QuizBackend:
    """Quizzes: answers are parsed, no student code runs, so they are graded right here, in order."""

    def __init__(self, course: Course):
        self.course = course
        self.quiz = None

    def prepare(self, unit: str) -> None:
        from autograder.quiz.course import load_quiz

        self.quiz = load_quiz(self.course, unit)

    def run(self, tasks: list[Task]):
        from autograder.quiz.grade import grade

        for task in tasks:
            path = task.notebooks.get(self.quiz.id)
            try:
                yield task, [grade(self.course, self.quiz, path or Path("/nonexistent") / f"{self.quiz.id}.ipynb",
                                   task.student)], None
            except Exception as exc:  # noqa: BLE001 - reported like a lost worker: not a grade
                yield task, None, exc

    def close(self) -> None:
        pass


# ----------------------------------------------------------------------------- Dask
_dask_graders: dict[str, Grader] = {}
_dask_lock = threading.Lock()


def _dask_grader(course_root: str) -> Grader:
    with _dask_lock:
        if course_root not in _dask_graders:
            _dask_graders[course_root] = Grader(load_course(course_root), workers=1)
        return _dask_graders[course_root]


def dask_grade(course_root: str, student: str, assignment: str, payload: dict) -> list[dict]:
    """Runs on a Dask worker: grade notebooks sent as bytes, return plain dicts."""
    import tempfile

    grader = _dask_grader(course_root)
    with tempfile.TemporaryDirectory(dir=grader.tmp_root) as tmp:
        files = {}
        for nb, data in payload.items():
            if data is None:
                files[nb] = None
            else:
                files[nb] = Path(tmp) / student / f"{nb}.ipynb"
                files[nb].parent.mkdir(parents=True, exist_ok=True)
                files[nb].write_bytes(data)
        return [r.to_dict() for r in grade_files(grader, student, assignment, files, Path(tmp) / "missing")]


def dask_warm(course_root: str, assignment: str) -> int:
    grader = _dask_grader(course_root)
    grader.pool.warm_up()
    for nb in grader.course.notebooks(assignment):
        grader.key(grader.assignment(assignment, nb))
    return len(grader.course.notebooks(assignment))


class DaskBackend:
    """Send tasks to a Dask scheduler (``autograde --scheduler ADDRESS``)."""

    def __init__(self, course: Course, address):
        from distributed import Client

        self.course = course
        self.client = address if hasattr(address, "submit") else Client(address)
        self._own = not hasattr(address, "submit")

    def prepare(self, assignment: str) -> None:
        """Warm every Dask worker once (imports, sandbox worker, answer key)."""
        workers = list(self.client.scheduler_info()["workers"])
        futures = [self.client.submit(dask_warm, str(self.course.root), assignment, workers=[w],
                                      allow_other_workers=False, pure=False) for w in workers]
        self.client.gather(futures)

    def run(self, tasks: list[Task]):
        from distributed import as_completed

        futures = {self.client.submit(dask_grade, str(self.course.root), t.student, t.assignment, t.payload(),
                                      pure=False, key=f"grade-{t.assignment}-{t.student}"): t for t in tasks}
        try:
            for future in as_completed(futures):
                try:
                    yield futures[future], [GradeResult.from_dict(d) for d in future.result()], None
                except Exception as exc:  # noqa: BLE001 - a lost Dask worker: not a grade
                    yield futures[future], None, exc
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        if self._own:
            self.client.close()
