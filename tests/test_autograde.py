"""The batch pipeline: autograde into the gradebook, resume, feedback, export."""

import csv

import pytest

from autograder.gradebook import adapter as nbgrader_adapter
from autograder.grading.batch import autograde
from autograder.course import load_course
from autograder.gradebook.feedback import generate
from conftest import make_course, submit

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory, course):
    tmp = tmp_path_factory.mktemp("batch")
    root = make_course(tmp, course)
    src = course.source_path("04_cnn", "04_cnn")
    rel = course.release_path("04_cnn", "04_cnn")
    submit(root, "alice", "04_cnn", src, "04_cnn", timestamp="2027-01-01 10:00:00.000000 UTC")
    submit(root, "bob", "04_cnn", rel, "04_cnn", timestamp="2027-01-02 10:00:00.000000 UTC")
    submit(root, "carol", "04_cnn", src, "04_cnn", timestamp="2027-01-10 12:00:00.000000 UTC")  # 2 days late
    submit(root, "dave", "04_cnn", None, "04_cnn", raw="{ kaputt")
    c = load_course(root)
    report = autograde(c, "04_cnn", workers=2, progress=False)
    return c, report


def test_every_submission_lands_in_the_gradebook(graded_course):
    c, report = graded_course
    assert not report.failed and len(report.graded) == 4
    with nbgrader_adapter.gradebook(c) as gb:
        subs = {s.student.id: s for s in gb.assignment_submissions("04_cnn")}
        scores = {k: s.score for k, s in subs.items()}
        penalty = subs["carol"].late_submission_penalty
        alice = gb.find_submission("04_cnn", "alice")
        assert alice.needs_manual_grade  # the free-text answers wait for a TA
    assert scores["alice"] == 22 and scores["bob"] == 0 and scores["dave"] == 0
    assert scores["carol"] == 22 and penalty == pytest.approx(4.4)  # nbgrader keeps the penalty apart


def test_autograded_notebooks_have_no_hidden_tests(graded_course):
    c, _ = graded_course
    text = (c.autograded_dir / "alice" / "04_cnn" / "04_cnn.ipynb").read_text()
    assert "BEGIN HIDDEN TESTS" not in text and "img_7x7" not in text
    assert "Verborgener Test 4" in text  # verdicts are there, test code is not


def test_second_run_skips_and_force_regrades(graded_course):
    c, _ = graded_course
    again = autograde(c, "04_cnn", workers=1, progress=False)
    assert again.skipped and not again.graded
    forced = autograde(c, "04_cnn", workers=1, progress=False, force=True, students=["bob"])
    assert [r[0].student for r in forced.graded] == ["bob"]


def test_feedback_and_export(graded_course):
    c, _ = graded_course
    pages = generate(c, "04_cnn")
    assert len(pages) == 4 * len(c.notebooks("04_cnn"))   # one page per student and notebook
    html = (c.feedback_dir / "bob" / "04_cnn" / "04_cnn.html").read_text()
    assert "noch nicht implementiert" in html and "BEGIN HIDDEN" not in html
    target = nbgrader_adapter.export_csv(c, c.root / "exports" / "grades.csv")
    rows = {r["student_id"]: r for r in csv.DictReader(target.open())}
    assert float(rows["alice"]["score"]) == 22 and float(rows["carol"]["late_submission_penalty"]) == 4.4
