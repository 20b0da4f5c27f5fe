"""End to end on a fresh course, as issue 11 checks it: deadlines in Berlin time, a renamed notebook, a quiz
in the LMS exports and the report, roster names in the exports, extensions, stale grades, nbgrader's plugin.

The class of 04_cnn (all complete solutions, due 2027-01-08 23:59 Berlin = 22:59 UTC):
  cet     stamped "2027-01-09 00:59:00 CET" (nbgrader's format, one hour late)      -> first day's share off
  nacht   stamped 23:30 UTC on the due day (00:30 in Berlin)                         -> first day's share off
  puenktl stamped 22:30 UTC (23:30 in Berlin)                                         -> on time
  kopie   handed in 04_cnn-Kopie1.ipynb instead of 04_cnn.ipynb                      -> graded, with a note
  zwei    handed in two renamed notebooks                                            -> not guessed, a problem
and the quiz q3_cnn: cet and kopie hand in their correct keys, kopie one day late.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from autograder.cli import main
from autograder.course import load_course
from autograder.gradebook import adapter
from autograder.quiz.grade import key_notebook
from autograder.quiz.course import load_quiz
from autograder.quiz import render
from conftest import ROOT, make_course, submit

pytestmark = pytest.mark.slow

ROSTER = ("id,first_name,last_name,email\ncet,Clara,Eder,clara.eder@example.org\nnacht,Nils,Acht,nils@example.org\n"
          "puenktl,Paula,Punkt,paula@example.org\nkopie,Kai,Opitz,kai@example.org\nzwei,Zoe,Weiss,zoe@example.org\n")
FULL = 22.0


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course):
    tmp = tmp_path_factory.mktemp("e2e")
    root = make_course(tmp, course)
    (root / "students.csv").write_text(ROSTER, encoding="utf-8")
    keys = ROOT / ".grader" / "keys" / "04_cnn"
    if keys.is_dir():
        shutil.copytree(keys, root / ".grader" / "keys" / "04_cnn")
    src = course.source_path("04_cnn", "04_cnn")
    submit(root, "cet", "04_cnn", src, "04_cnn", timestamp="2027-01-09 00:59:00.000000 CET")
    submit(root, "nacht", "04_cnn", src, "04_cnn", timestamp="2027-01-08 23:30:00.000000 UTC")
    submit(root, "puenktl", "04_cnn", src, "04_cnn", timestamp="2027-01-08 22:30:00.000000 UTC")
    submit(root, "kopie", "04_cnn", src, "04_cnn-Kopie1", timestamp="2027-01-08 12:00:00.000000 UTC")
    submit(root, "zwei", "04_cnn", src, "04_cnn (1)", timestamp="2027-01-08 12:00:00.000000 UTC")
    submit(root, "zwei", "04_cnn", src, "04_cnn (2)")
    c = load_course(root)
    quiz = load_quiz(c, "q3_cnn")
    for student, stamp in (("cet", "2027-01-08 10:00:00.000000 UTC"), ("kopie", "2027-01-09 12:00:00.000000 UTC")):
        folder = root / "submitted" / student / "q3_cnn"
        folder.mkdir(parents=True)
        (folder / "q3_cnn.ipynb").write_text(render.dumps(key_notebook(quiz, student)), encoding="utf-8")
        (folder / "timestamp.txt").write_text(stamp)
    return c


def run(capsys, c, *args) -> tuple[int, str, str]:
    code = main(["--course", str(c.root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def book(c, unit: str) -> dict:
    with adapter.gradebook(c) as gb:
        return {s.student.id: (s.score, s.late_submission_penalty or 0.0) for s in gb.assignment_submissions(unit)}


@pytest.fixture(scope="module")
def autograded(graded):
    c = graded
    code = main(["--course", str(c.root), "autograde", "04_cnn", "--workers", "2", "--quiet"])
    assert code == 0
    assert main(["--course", str(c.root), "autograde", "q3_cnn", "--quiet"]) == 0
    return c


def test_berlin_deadline_cet_stamp_and_half_past_midnight_lose_the_first_days_share(autograded):
    scores = book(autograded, "04_cnn")
    assert scores["cet"] == (FULL, pytest.approx(2.2)) and scores["nacht"] == (FULL, pytest.approx(2.2))
    assert scores["puenktl"] == (FULL, 0.0) and scores["kopie"] == (FULL, 0.0)
    nb = (autograded.autograded_dir / "cet" / "04_cnn" / "04_cnn.ipynb").read_text(encoding="utf-8")
    assert "abgegeben am 09.01.2027 00:59, Frist 08.01.2027 23:59 – 1 angefangenen Tag zu spät" in nb


def test_a_renamed_notebook_is_graded_with_a_note_and_counted_as_a_problem(autograded, capsys):
    results = json.loads((autograded.autograded_dir / "kopie" / "04_cnn" / "04_cnn.results.json").read_text())
    note = "Die Datei 04_cnn.ipynb fehlt; bewertet wurde stattdessen die umbenannte Kopie 04_cnn-Kopie1.ipynb."
    assert results["problems"][0] == note and results["status"] == "ok"
    assert note in (autograded.autograded_dir / "kopie" / "04_cnn" / "04_cnn.ipynb").read_text(encoding="utf-8")
    zwei = json.loads((autograded.autograded_dir / "zwei" / "04_cnn" / "04_cnn.results.json").read_text())
    assert zwei["status"] == "missing" and "mehrere andere Notebooks" in zwei["problems"][0]
    assert book(autograded, "04_cnn")["zwei"][0] == 0
    # the summary of a forced rerun counts both as problems, not as "0 fehlgeschlagen" and nothing else
    code, out, _ = run(capsys, autograded, "autograde", "04_cnn", "--student", "kopie", "--student", "zwei",
                       "--force", "--quiet", "--workers", "1")
    assert code == 0 and "2 bewertet" in out and "2 mit Problemen, 0 fehlgeschlagen" in out
    assert "kopie: Die Datei 04_cnn.ipynb fehlt" in out and "zwei: Die Datei 04_cnn.ipynb fehlt, und es gibt" in out


def test_quiz_and_roster_names_appear_in_the_lms_exports(autograded, capsys, tmp_path):
    target = tmp_path / "moodle.csv"
    code, out, _ = run(capsys, autograded, "export-lms", "--format", "moodle", "--to", str(target))
    assert code == 0 and "04_cnn, q3_cnn" in out
    with target.open(encoding="utf-8", newline="") as fh:
        rows = {r["Username"]: r for r in csv.DictReader(fh)}
    quiz_column = "q3_cnn Quiz 3: Convolutional Neural Networks"
    full = load_quiz(autograded, "q3_cnn").max_score
    assert float(rows["cet"][quiz_column]) == full and float(rows["kopie"][quiz_column]) == pytest.approx(0.9 * full)
    assert (rows["cet"]["First name"], rows["cet"]["Last name"]) == ("Clara", "Eder")
    assert float(rows["cet"]["04_cnn Convolutional Neural Networks"]) == pytest.approx(FULL - 2.2)
    ilias = tmp_path / "ilias.csv"
    assert run(capsys, autograded, "export-lms", "--format", "ilias", "--assignment", "q3_cnn",
               "--to", str(ilias))[0] == 0
    with ilias.open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["Login"]: r for r in csv.DictReader(fh, delimiter=";")}
    assert rows["kopie"]["E-Mail"] == "kai@example.org" and rows["kopie"]["Übungseinheit"] == "q3_cnn"
    assert rows["kopie"]["Tage verspätet"] == "1" and rows["kopie"]["Abgabe"] == "09.01.2027 13:00"


def test_the_report_covers_quizzes_and_shows_submission_problems(autograded, capsys, tmp_path):
    quiz_page = tmp_path / "q3.html"
    assert run(capsys, autograded, "report", "q3_cnn", "--to", str(quiz_page))[0] == 0
    html = quiz_page.read_text(encoding="utf-8")
    assert "Quiz 3: Convolutional Neural Networks" in html and "kopie" in html and "Verspätete Abgaben" in html
    page = tmp_path / "cnn.html"
    assert run(capsys, autograded, "report", "04_cnn", "--to", str(page))[0] == 0
    assert "04_cnn-Kopie1.ipynb" in page.read_text(encoding="utf-8")


def test_an_extension_removes_the_penalty_on_the_next_run(autograded, capsys):
    code, out, _ = run(capsys, autograded, "extension", "04_cnn", "cet", "--days", "1")
    assert code == 0 and "until 09.01.2027 23:59" in out
    assert run(capsys, autograded, "autograde", "04_cnn", "--quiet", "--workers", "1")[0] == 0
    assert book(autograded, "04_cnn")["cet"] == (FULL, 0.0)
    code, _, err = run(capsys, autograded, "extension", "04_cnn", "niemand", "--days", "1")
    assert code == 1 and "not on the roster" in err


def test_grades_from_changed_tests_are_reported(autograded, capsys):
    record = autograded.state_dir / "runs" / "04_cnn" / "puenktl.json"
    data = json.loads(record.read_text())
    record.write_text(json.dumps(dict(data, tests="0123456789abcdef")))
    code, out, err = run(capsys, autograded, "autograde", "04_cnn", "--quiet", "--workers", "1")
    assert code == 0 and "übersprungen" in out
    assert "the tests of 04_cnn changed since 1 submission(s) were graded (puenktl)" in err


def test_unknown_ids_are_refused_unless_allowed(autograded, capsys):
    src = ROOT / "source" / "04_cnn" / "04_cnn.ipynb"
    submit(autograded.root, "S01", "04_cnn", src, "04_cnn", timestamp="2027-01-08 12:00:00.000000 UTC")
    code, out, err = run(capsys, autograded, "autograde", "04_cnn", "--quiet", "--workers", "1")
    assert code == 0 and "1 nicht in der Teilnehmerliste" in out
    assert "not on the roster, not graded: S01 (pass --allow-unknown to grade them)" in err
    assert "S01" not in book(autograded, "04_cnn")


def test_folder_names_no_terminal_may_show_are_never_graded(autograded, capsys):
    """A folder named with terminal escapes and a bidi override is refused even with --allow-unknown, and
    the instructor's terminal sees it only with those characters as ``?``."""
    src = ROOT / "source" / "04_cnn" / "04_cnn.ipynb"
    evil = "x\x1b[2J\u202egpj.exe"
    submit(autograded.root, evil, "04_cnn", src, "04_cnn", timestamp="2027-01-08 12:00:00.000000 UTC")
    try:
        code, out, err = run(capsys, autograded, "autograde", "04_cnn", "--quiet", "--workers", "1",
                             "--allow-unknown")
    finally:
        shutil.rmtree(autograded.root / "submitted" / evil)
    assert code == 0 and "1 mit unzulässigem Ordnernamen" in out
    assert "not graded: x?[2J?gpj.exe (rename them under submitted/)" in err
    assert "\x1b" not in out + err and "\u202e" not in out + err
    assert evil not in book(autograded, "04_cnn")


def test_no_submissions_is_said(autograded, capsys):
    code, _, err = run(capsys, autograded, "autograde", "q1_grundlagen")
    assert code == 1 and err.strip() == "autograder: error: no submissions found under submitted/*/q1_grundlagen"


def test_plain_nbgrader_applies_the_same_policy(autograded):
    """nbgrader's AssignLatePenalties with course_config.py's plugin gives the penalty autograde stored."""
    from nbgrader.preprocessors import AssignLatePenalties

    config = adapter.nbgrader_config(autograded)
    assert config.AssignLatePenalties.plugin_class == "autograder.gradebook.late.CourseLatePenalty"
    nb = json.loads((autograded.autograded_dir / "nacht" / "04_cnn" / "04_cnn.ipynb").read_text())
    import nbformat

    resources = {"nbgrader": {"notebook": "04_cnn", "assignment": "04_cnn", "student": "nacht",
                              "db_url": autograded.gradebook_url}}
    with adapter.gradebook(autograded) as gb:
        gb.find_submission_notebook("04_cnn", "04_cnn", "nacht").late_submission_penalty = None
        gb.db.commit()
    AssignLatePenalties(config=config).preprocess(nbformat.from_dict(nb), resources)
    assert book(autograded, "04_cnn")["nacht"] == (FULL, pytest.approx(2.2))
