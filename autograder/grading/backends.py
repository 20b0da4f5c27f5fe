"""Where submissions are graded: a local pool of warm workers, or a Dask cluster.

Both take tasks (one student's notebooks of one assignment) and yield
``(task, results, error)`` as they finish; a task whose worker failed comes back with
its error and no results, so it is not stored and the next run grades it. Neither touches the gradebook, which only the caller writes (single
writer). A Dask worker process keeps its warm sandbox workers (one per Dask thread) and a
:class:`~autograder.grading.Grader` per course bundle it was sent, so the start-up cost is
paid once per worker; it needs no file system shared with the coordinator.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import json
import math
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from autograder.course import Course, load_course
from autograder.errors import AutograderError
from autograder.grading import bundle
from autograder.grading.grader import Grader
from autograder.grading.pool import WorkerPool
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

    def start(self) -> None:
        """Start the workers' imports now, while the caller registers the unit (returns at once)."""
        self.grader.pool.warm_up(wait=False)

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

    def start(self) -> None:
        pass

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
#: What one task may send back (one student's results as JSON); more is a broken worker, not a grade.
MAX_RESULT_BYTES = 64 * 1024 * 1024
#: Unpacked bundles (each with its grader) a worker process keeps; the oldest goes first.
KEEP_BUNDLES = 4
#: How long ``prepare`` waits for the first worker to join the scheduler.
WAIT_FOR_WORKERS = 300.0

_dask_pool: WorkerPool | None = None
_dask_graders: OrderedDict[str, tuple[Grader, Path]] = OrderedDict()
_dask_lock = threading.Lock()
_pool_lock = threading.Lock()


class DaskError(RuntimeError):
    """A Dask worker sent back something other than results (stored as 'internal', graded again)."""


class NoDaskWorkers(AutograderError):
    """The scheduler has no worker to grade on."""


def _worker_threads() -> int:
    try:
        from distributed import get_worker

        return max(1, int(get_worker().state.nthreads))
    except Exception:  # noqa: BLE001 - not inside a Dask worker (a test calling the task itself)
        return 1


def _dask_cleanup() -> None:
    global _dask_pool
    with _dask_lock:
        entries = list(_dask_graders.values())
        _dask_graders.clear()
    with _pool_lock:
        pool, _dask_pool = _dask_pool, None
    for grader, root in entries:
        grader.close()
        shutil.rmtree(root, ignore_errors=True)
    if pool is not None:
        pool.close()


def _process_pool() -> WorkerPool:
    """The process's sandbox workers (one per Dask thread), shared by the graders of all bundles."""
    global _dask_pool
    with _pool_lock:
        if _dask_pool is None:
            _dask_pool = WorkerPool(_worker_threads())
            atexit.register(_dask_cleanup)
        return _dask_pool


def dask_start() -> int:
    """Runs on every Dask worker: start the sandbox workers (needs no bundle; runs while keys are made)."""
    pool = _process_pool()
    pool.warm_up()
    return pool.n


def _open_bundle(digest: str, data: bytes) -> tuple[Grader, Path]:
    """A grader on a freshly unpacked bundle, sharing the process's sandbox workers (call with the lock)."""
    if not isinstance(data, bytes) or bundle.digest(data) != digest:
        raise bundle.BundleError("the course bundle does not match its digest")
    pool = _process_pool()
    root = bundle.unpack(data)
    try:
        return Grader(load_course(root), pool=pool), root
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def _dask_grader(digest: str, data: bytes) -> Grader:
    """The worker process's grader for a bundle (by its sha256), unpacked once."""
    with _dask_lock:
        if digest in _dask_graders:
            _dask_graders.move_to_end(digest)
            return _dask_graders[digest][0]
        _dask_graders[digest] = _open_bundle(digest, data)
        while len(_dask_graders) > KEEP_BUNDLES:
            _, (old, root) = _dask_graders.popitem(last=False)
            old.close()
            shutil.rmtree(root, ignore_errors=True)
        return _dask_graders[digest][0]


def dask_keys(digest: str, data: bytes, assignment: str) -> dict[str, bytes]:
    """Runs on one Dask worker: compute the answer keys from a bundle without them; the key files' bytes."""
    with _dask_lock:
        grader, root = _open_bundle(digest, data)
    try:
        grader.pool.warm_up()
        for nb in grader.course.notebooks(assignment):
            grader.key(grader.assignment(assignment, nb))
        return bundle.key_files(grader.course, assignment)
    finally:
        grader.close()
        shutil.rmtree(root, ignore_errors=True)


def dask_warm(digest: str, data: bytes, assignment: str) -> int:
    """Runs on every Dask worker: unpack the bundle, start the sandbox workers, read the keys."""
    grader = _dask_grader(digest, data)
    grader.pool.warm_up()
    for nb in grader.course.notebooks(assignment):
        grader.key(grader.assignment(assignment, nb))
    return len(grader.course.notebooks(assignment))


def dask_grade(digest: str, data: bytes, student: str, assignment: str, payload: dict) -> bytes:
    """Runs on a Dask worker: grade notebooks sent as bytes; the results as JSON."""
    grader = _dask_grader(digest, data)
    with tempfile.TemporaryDirectory(dir=grader.tmp_root) as tmp:
        files = {}
        for nb, content in payload.items():
            if content is None:
                files[nb] = None
            else:
                files[nb] = Path(tmp) / student / f"{nb}.ipynb"
                files[nb].parent.mkdir(parents=True, exist_ok=True)
                files[nb].write_bytes(content)
        results = grade_files(grader, student, assignment, files, Path(tmp) / "missing")
        return json.dumps([r.to_dict() for r in results]).encode()


def dask_worker_state() -> dict:
    """Where this worker process keeps its bundles and its sandboxes' work root (for tests and checks)."""
    with _dask_lock:
        return {"bundles": [str(root) for _, root in _dask_graders.values()],
                "work_root": _dask_pool.work_root if _dask_pool is not None else None}


# what GradeResult.to_dict gives: a worker's answer must have exactly this shape
_CASE = {"case_id": "str", "label": "str", "hidden": "bool", "weight": "num", "fraction": "num", "message": "str"}
_ITEM = {"grade_id": "str", "kind": "str", "max_score": "num", "score": "num?", "cases": [_CASE], "note": "str"}
_CELL = {"label": "str", "status": "str", "output": "str", "error": "str?", "seconds": "num"}
_RESULT = {"assignment": "str", "notebook": "str", "student": "str", "items": [_ITEM], "problems": ["str"],
           "status": "str", "message": "str", "protections": ["str"], "cells": [_CELL], "answers": "answers",
           "execution_time": "num", "code_seconds": "num", "late_penalty": "num"}


def _fits(value, spec) -> bool:
    if isinstance(spec, dict):
        return isinstance(value, dict) and set(value) == set(spec) and all(_fits(value[k], s) for k, s in spec.items())
    if isinstance(spec, list):
        return isinstance(value, list) and all(_fits(v, spec[0]) for v in value)
    if spec.endswith("?") and value is None:
        return True
    spec = spec.rstrip("?")
    if spec == "num":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if spec == "answers":
        return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    return isinstance(value, {"str": str, "bool": bool}[spec])


def results_from_worker(raw, task: Task) -> list[GradeResult]:
    """A worker's answer as results, if it is one student's results for this task's notebooks."""
    if not isinstance(raw, (bytes, bytearray)) or len(raw) > MAX_RESULT_BYTES:
        size = f"{len(raw)} bytes" if isinstance(raw, (bytes, bytearray)) else type(raw).__name__
        raise DaskError(f"the Dask worker sent an unusable answer ({size})")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise DaskError("the Dask worker sent an unreadable answer") from None
    if not isinstance(data, list) or len(data) != len(task.notebooks) or not all(_fits(d, _RESULT) for d in data):
        raise DaskError("the Dask worker sent a malformed answer")
    results = [GradeResult.from_dict(d) for d in data]
    for result, nb in zip(results, task.notebooks):
        if (result.assignment, result.notebook, result.student) != (task.assignment, nb, task.student):
            raise DaskError(f"the Dask worker answered for {result.student}/{result.notebook}, not "
                            f"{task.student}/{nb}")
    return results


class DaskBackend:
    """Send tasks to a Dask scheduler (``autograde --scheduler ADDRESS``).

    Workers need no access to the course: each assignment's bundle (:mod:`autograder.grading.bundle`)
    is scattered to every worker once, tasks carry a student's notebooks as bytes, results come
    back as JSON. Missing answer keys are computed once, on one worker, and cached here.
    """

    def __init__(self, course: Course, address):
        from distributed import Client

        self.course = course
        self.client = address if hasattr(address, "submit") else Client(address)
        self._own = not hasattr(address, "submit")
        self._bundles: dict[str, tuple[str, object]] = {}   # assignment -> (sha256, scattered future)

    def _wait_for_workers(self) -> list[str]:
        try:
            self.client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:
            raise NoDaskWorkers(f"no Dask worker joined the scheduler within {WAIT_FOR_WORKERS:g} s") from None
        return list(self.client.scheduler_info(n_workers=-1)["workers"])

    def _compute_keys(self, assignment: str) -> None:
        """The keys the coordinator's cache lacks, computed on one worker from a bundle without them."""
        data = bundle.build(self.course, assignment, keys=False)
        remote = self.client.scatter(data)
        files = self.client.submit(dask_keys, bundle.digest(data), remote, assignment, pure=False).result()
        bundle.store_keys(self.course, assignment, files)

    def start(self) -> None:
        pass  # the cluster's workers warm up in prepare (they may join only then)

    def prepare(self, assignment: str) -> None:
        """Ship the assignment's bundle to every worker once and warm them (imports, sandbox workers, keys)."""
        workers = self._wait_for_workers()
        starting = [self.client.submit(dask_start, workers=[w], allow_other_workers=False, pure=False)
                    for w in workers]  # meanwhile the keys, if they are missing
        if bundle.missing_keys(self.course, assignment):
            self._compute_keys(assignment)
        data = bundle.build(self.course, assignment)
        digest = bundle.digest(data)
        remote = self.client.scatter(data, broadcast=True)
        self._bundles[assignment] = (digest, remote)
        futures = [self.client.submit(dask_warm, digest, remote, assignment, workers=[w],
                                      allow_other_workers=False, pure=False) for w in workers]
        self.client.gather(starting + futures)

    def run(self, tasks: list[Task]):
        from distributed import as_completed

        for assignment in dict.fromkeys(t.assignment for t in tasks):
            if assignment not in self._bundles:
                self.prepare(assignment)
        futures = {self.client.submit(dask_grade, *self._bundles[t.assignment], t.student, t.assignment,
                                      t.payload(), pure=False, key=f"grade-{t.assignment}-{t.student}"): t
                   for t in tasks}
        try:
            for future in as_completed(futures):
                task = futures[future]
                try:
                    results = results_from_worker(future.result(), task)
                except Exception as exc:  # noqa: BLE001 - a lost worker or a broken answer: not a grade
                    yield task, None, exc
                else:
                    yield task, results, None
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        self._bundles.clear()
        if self._own:
            self.client.close()
