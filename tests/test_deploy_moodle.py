"""Set-up 2 end to end: a demo class's Moodle 'Download all submissions' zip, graded by deploy/moodle/grade.sh.

The class: Anna hands in a full solution, Ben the untouched notebook under the name his browser
gave it (``04_cnn (1).ipynb``), Cem a full solution two days late, Dora a syntax error, and Eva
(not in students.csv) is reported, not graded. The script is the README's recipe, run as an
instructor would run it; the test then reads what came out: gradebook, feedback pages, report
and the Moodle CSV.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from autograder.cli.demo import student_notebook
from autograder.course import load_course
from conftest import ROOT, make_course

pytestmark = pytest.mark.slow

A = NB = "04_cnn"
ROSTER = ("id,first_name,last_name,email\nanna,Anna,Beispiel,anna@uni.example\nben,Ben,Müller,ben@uni.example\n"
          "cem,Cem,Yılmaz,cem@uni.example\ndora,Dora,Fehler,dora@uni.example\nfritz,Fritz,Fern,fritz@uni.example\n")


def test_moodle_download_graded_through_the_recipe(tmp_path, course):
    root = make_course(tmp_path, course)
    (root / "students.csv").write_text(ROSTER, encoding="utf-8")
    (root / "nbgrader_config.py").symlink_to("course_config.py")
    keys = ROOT / ".grader" / "keys" / A
    if keys.is_dir():
        shutil.copytree(keys, root / ".grader" / "keys" / A)
    full = json.dumps(student_notebook(course, A, NB)).encode()
    blank = course.release_path(A, NB).read_bytes()
    broken = json.dumps(student_notebook(course, A, NB, {"conv2d": "def conv2d(:\n    pass\n"})).encode()
    z = tmp_path / "ML-Kurs-04_cnn-4711.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for name, data, stamp in [
            ("Anna Beispiel_901_assignsubmission_file_/04_cnn.ipynb", full, (2027, 1, 7, 10, 0, 0)),
            ("Ben Müller_902_assignsubmission_file_/04_cnn (1).ipynb", blank, (2027, 1, 8, 12, 0, 0)),
            ("Cem Yılmaz_903_assignsubmission_file_/04_cnn.ipynb", full, (2027, 1, 10, 12, 0, 0)),
            ("Dora Fehler_904_assignsubmission_file_/04_cnn.ipynb", broken, (2027, 1, 8, 23, 0, 0)),
            ("Eva Fremd_905_assignsubmission_file_/04_cnn.ipynb", full, (2027, 1, 8, 9, 0, 0))]:
            zf.writestr(zipfile.ZipInfo(name, date_time=stamp), data)

    env = {**os.environ, "PYTHON": sys.executable, "COURSE": str(root), "WORKERS": "2",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    run = subprocess.run(["bash", str(ROOT / "deploy" / "moodle" / "grade.sh"), A, str(z)], cwd=root, env=env,
                         capture_output=True, text=True, timeout=1500)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 Abgaben nach submitted/<student>/04_cnn/ übernommen, 1 mit umbenannter Datei" in run.stdout
    assert "Eva Fremd_905_assignsubmission_file_ (in der Teilnehmerliste nicht gefunden)" in run.stdout
    assert "4 bewertet, 0 übersprungen" in run.stdout

    c = load_course(root)
    from autograder.gradebook.scores import final_scores

    rows = {r.student: r for r in final_scores(c, [A])}
    assert rows["anna"].auto_score == 22 and rows["anna"].late_penalty == 0
    assert rows["ben"].auto_score == 0
    assert rows["cem"].days_late == 2 and rows["cem"].late_penalty == pytest.approx(4.4)
    assert 0 < rows["dora"].auto_score < 22
    assert not rows["fritz"].submitted if "fritz" in rows else True
    pages = sorted(p.parts[-3] for p in (root / "feedback").glob(f"*/{A}/*.html"))
    assert sorted(set(pages)) == ["anna", "ben", "cem", "dora"] and len(pages) == 4 * 2   # 04_cnn and 04b
    assert "Syntaxfehler" in (root / "feedback" / "dora" / A / f"{NB}.html").read_text(encoding="utf-8") or \
        "SyntaxError" in (root / "feedback" / "dora" / A / f"{NB}.html").read_text(encoding="utf-8")
    report = (root / "reports" / f"{A}.html").read_text(encoding="utf-8")
    assert "Datei umbenannt: abgegeben als 04_cnn (1).ipynb" in report and "Syntaxfehler in Zelle" in report
    with (root / "exports" / "moodle.csv").open(encoding="utf-8", newline="") as fh:
        moodle = {r["Email address"]: r for r in csv.DictReader(fh)}
    item = f"{A} Convolutional Neural Networks"
    assert float(moodle["anna@uni.example"][item]) == 22.0
    assert float(moodle["cem@uni.example"][item]) == pytest.approx(17.6)
    assert "Noch nicht bewertet: frage_vollvernetzt" in moodle["anna@uni.example"][f"Feedback: {item}"]
