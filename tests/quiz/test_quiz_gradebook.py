"""Quiz scores go into the same gradebook, autograded notebooks, feedback and export as the exercises."""

import csv
import json

import pytest

from autograder.gradebook import adapter as nbgrader_adapter
from autograder.gradebook.feedback import generate
from autograder.quiz import render
from autograder.grading.batch import autograde
from autograder.quiz.grade import key_notebook
from quizlib import quiz, quiz_course, submit

pytestmark = pytest.mark.slow  # a fresh nbgrader gradebook and feedback HTML, like tests/test_autograde.py

QUIZ = "q3_cnn"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = quiz_course(tmp_path_factory.mktemp("quizbook"))
    q = quiz(QUIZ)
    submit(course, "alice", QUIZ, key_notebook(q, "alice"), "2027-01-05 10:00:00.000000 UTC")
    submit(course, "bob", QUIZ, key_notebook(q, "alice"), "2027-01-06 10:00:00.000000 UTC")   # alice's answers
    submit(course, "carol", QUIZ, render.notebook(q, "carol"))                                 # nothing answered
    submit(course, "dave", QUIZ, key_notebook(q, "dave"), "2027-01-10 12:00:00.000000 UTC")   # 2 days late
    report = autograde(course, QUIZ, progress=False)
    return course, report


def test_every_submission_lands_in_the_gradebook(graded):
    course, report = graded
    assert not report.failed and len(report.graded) == 4
    with nbgrader_adapter.gradebook(course) as gb:
        subs = {s.student.id: s for s in gb.assignment_submissions(QUIZ)}
        scores = {k: s.score for k, s in subs.items()}
        assert gb.find_assignment(QUIZ).max_score == quiz(QUIZ).max_score
        assert not subs["alice"].needs_manual_grade
        penalty = subs["dave"].late_submission_penalty
    full = quiz(QUIZ).max_score
    assert scores["alice"] == full and scores["dave"] == full and scores["carol"] == 0
    assert 0 <= scores["bob"] < full
    assert penalty == pytest.approx(0.2 * full)


def test_autograded_notebook_shows_the_owners_variant_and_verdicts(graded):
    course, _ = graded
    nb = json.loads((course.autograded_dir / "bob" / QUIZ / f"{QUIZ}.ipynb").read_text())
    assert nb["metadata"]["autograder_quiz"]["student"] == "bob"
    text = json.dumps(nb, ensure_ascii=False)
    assert "Variante für | `bob`" in text and "Bewertung:" in text and "Ihre Antwort" in text
    assert "andere Kennung erzeugt (alice)" in text
    late = (course.autograded_dir / "dave" / QUIZ / f"{QUIZ}.ipynb").read_text(encoding="utf-8")
    assert "Verspätete Abgabe: abgegeben am 10.01.2027 13:00, Frist 08.01.2027 23:59 – 2 angefangene Tage" in late
    results = json.loads((course.autograded_dir / "bob" / QUIZ / f"{QUIZ}.results.json").read_text())
    assert results["student"] == "bob" and len(results["items"]) == len(quiz(QUIZ).questions)


def test_second_run_skips_and_force_regrades(graded):
    course, _ = graded
    again = autograde(course, QUIZ, progress=False)
    assert sorted(again.skipped) == ["alice", "bob", "carol", "dave"] and not again.graded
    forced = autograde(course, QUIZ, progress=False, force=True, students=["carol"])
    assert [r[0].student for r in forced.graded] == ["carol"]


def test_feedback_pages_and_export(graded):
    course, _ = graded
    pages = generate(course, QUIZ)
    assert len(pages) == 4
    html = (course.feedback_dir / "bob" / QUIZ / f"{QUIZ}.html").read_text()
    assert "Bewertung:" in html and "Richtige Antwort" in html
    target = nbgrader_adapter.export_csv(course, course.root / "exports" / "grades.csv")
    rows = {r["student_id"]: r for r in csv.DictReader(target.open()) if r["assignment"] == QUIZ}
    assert float(rows["alice"]["score"]) == quiz(QUIZ).max_score
    assert float(rows["dave"]["late_submission_penalty"]) == pytest.approx(0.2 * quiz(QUIZ).max_score)
    assert float(rows["carol"]["score"]) == 0
