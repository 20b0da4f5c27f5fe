"""Parallel and distributed grading: same scores, resumable batches, lost workers."""

import json

import pytest

from autograder.grading import batch as autograde_module
from autograder.gradebook import adapter as nbgrader_adapter
from autograder.grading.batch import autograde
from autograder.course import load_course
from autograder.cli.demo import WRONG_ANSWERS, student_notebook
from conftest import make_course

pytestmark = pytest.mark.slow


def _class(course, n=4):
    variants = [student_notebook(course, "04_cnn", "04_cnn"),
                student_notebook(course, "04_cnn", "04_cnn", WRONG_ANSWERS["04_cnn"]),
                student_notebook(course, "04_cnn", "04_cnn", answered=False)]
    expected = {}
    for i in range(n):
        folder = course.submitted_dir / f"s{i}" / "04_cnn"
        folder.mkdir(parents=True)
        (folder / "04_cnn.ipynb").write_text(json.dumps(variants[i % 3]))
        expected[f"s{i}"] = [22.0, 16.1, 0.0][i % 3]  # 16.1: conv_output_shape has 15 cases, 3 pass
    return expected


def _scores(course):
    with nbgrader_adapter.gradebook(course) as gb:
        return {s.student.id: round(s.score, 2) for s in gb.assignment_submissions("04_cnn")}


def test_interrupted_batch_resumes_without_grading_twice(tmp_path, course, monkeypatch):
    c = load_course(make_course(tmp_path, course))
    expected = _class(c, 5)
    real_store, stored = autograde_module.store, []

    def store_then_interrupt(course_, unit, sub, results, *rest):
        real_store(course_, unit, sub, results, *rest)
        stored.append(sub.student)
        if len(stored) == 2:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the batch

    monkeypatch.setattr(autograde_module, "store", store_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        autograde(c, "04_cnn", workers=2, progress=False)
    monkeypatch.setattr(autograde_module, "store", real_store)
    assert set(_scores(c)) >= set(stored)
    second = autograde(c, "04_cnn", workers=2, progress=False)
    assert sorted(second.skipped) == sorted(stored)
    assert sorted(r[0].student for r in second.graded) == sorted(set(expected) - set(stored))
    assert _scores(c) == expected


def test_killed_worker_is_replaced_and_nothing_is_lost(tmp_path, course):
    from autograder.grading.grader import Grader

    with Grader(course, workers=1) as grader:
        grader.pool.warm_up()
        victim = grader.pool.idle.queue[0]
        victim.proc.kill()  # the worker dies between two jobs
        result = grader.grade("04_cnn", "04_cnn", course.source_path("04_cnn", "04_cnn"), "s")
        assert result.score == 22 and result.status == "ok"


def test_dask_local_cluster_gives_the_same_scores(tmp_path, course):
    from distributed import Client, LocalCluster

    c = load_course(make_course(tmp_path, course))
    expected = _class(c, 4)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        report = autograde(c, "04_cnn", scheduler=client, progress=False)
    assert not report.failed and len(report.graded) == 4
    assert _scores(c) == expected


def test_a_student_whose_grading_fails_is_stored_with_status_and_regraded_with_force(tmp_path, course, monkeypatch):
    from autograder.grading import backends
    from autograder.grading.pool import WorkerError

    c = load_course(make_course(tmp_path, course))
    expected = _class(c, 3)
    victim = sorted(expected)[0]
    real = backends.grade_files

    def failing(grader, student, *args, **kwargs):
        if student == victim:
            raise WorkerError("worker failed: channel closed")
        return real(grader, student, *args, **kwargs)

    monkeypatch.setattr(backends, "grade_files", failing)
    report = autograde(c, "04_cnn", workers=2, progress=False)
    assert set(report.failed) == {victim} and "gespeichert" in report.failed[victim]
    assert set(_scores(c)) == set(expected) and _scores(c)[victim] == 0  # stored, not left out
    stored = json.loads((c.autograded_dir / victim / "04_cnn" / "04_cnn.results.json").read_text())
    assert stored["status"] == "internal" and "Fehlers des Bewerters" in stored["message"]
    monkeypatch.setattr(backends, "grade_files", real)
    again = autograde(c, "04_cnn", workers=2, progress=False)
    assert victim in again.skipped and not again.failed
    forced = autograde(c, "04_cnn", workers=2, progress=False, force=True, students=[victim])
    assert not forced.failed and _scores(c) == expected
