"""Set-up 1 end to end on one machine: nbgrader's exchange between an instructor and a student.

The instructor's course folder has ``EXCHANGE_ROOT`` set to a folder outside it; the student
works in a home of her own with the hub-wide ``deploy/jupyterhub/nbgrader_config.py``. With
nbgrader's own commands she fetches 04_cnn, validates it with the student command, submits; the
instructor collects, autogrades and releases feedback, which the student fetches: the German
feedback page arrives in her home.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from autograder.cli.demo import student_notebook
from conftest import ROOT, make_course

pytestmark = pytest.mark.slow
A = NB = "04_cnn"


def _nbgrader(args, cwd, env):
    run = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, f"nbgrader {' '.join(args)}:\n{run.stdout}\n{run.stderr}"
    return run


def test_fetch_validate_submit_collect_grade_release_feedback(tmp_path, course):
    exchange = tmp_path / "srv" / "exchange"
    exchange.mkdir(parents=True)
    exchange.chmod(0o1777)
    root = make_course(tmp_path, course)
    text = (root / "course_config.py").read_text()
    (root / "course_config.py").write_text(text.replace("\nEXCHANGE_ROOT = None\n",
                                                        f"\nEXCHANGE_ROOT = {str(exchange)!r}\n"))
    (root / "nbgrader_config.py").symlink_to("course_config.py")
    (root / "students.csv").write_text("id,first_name,last_name,email\nanna,Anna,Beispiel,anna@uni.example\n")
    keys = ROOT / ".grader" / "keys" / A
    if keys.is_dir():
        shutil.copytree(keys, root / ".grader" / "keys" / A)
    home = tmp_path / "home" / "anna"
    home.mkdir(parents=True)
    hub = (ROOT / "deploy" / "jupyterhub" / "nbgrader_config.py").read_text()
    (home / "nbgrader_config.py").write_text(hub.replace("/srv/nbgrader/exchange", str(exchange)))
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config")}

    _nbgrader(["db", "student", "import", "students.csv"], root, env)
    _nbgrader(["release_assignment", A], root, env)                         # instructor
    _nbgrader(["fetch_assignment", A], home, env)                           # student
    fetched = home / A / f"{NB}.ipynb"
    assert fetched.is_file() and "BEGIN SOLUTION" not in fetched.read_text()
    fetched.write_text(json.dumps(student_notebook(course, A, NB)), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "autograder.student.cli", "validate", str(fetched)], cwd=home,
                         env=env, capture_output=True, text=True, timeout=600)
    assert "0 nicht bestanden" in run.stdout, run.stdout + run.stderr
    _nbgrader(["submit", A, "--student=anna"], home, env)

    _nbgrader(["collect", A], root, env)                                    # instructor
    assert (root / "submitted" / "anna" / A / f"{NB}.ipynb").is_file()
    assert (root / "submitted" / "anna" / A / "timestamp.txt").is_file()
    for args in (["autograde", A, "--workers", "1", "--quiet"], ["feedback", A]):
        run = subprocess.run([sys.executable, "-m", "autograder", "--course", str(root), *args], cwd=root, env=env,
                             capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, run.stdout + run.stderr
    _nbgrader(["release_feedback", A], root, env)

    _nbgrader(["fetch_feedback", A, "--student=anna"], home, env)          # student
    pages = list((home / A / "feedback").glob(f"*/{NB}.html"))
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert "Rückmeldung zu 04_cnn" in page and "Punkte: 22 von 28" in page and "Score" not in page
    assert not list((home / A / "feedback").glob("*/*.results.json"))      # run records stay with the grader
    assert not (root / "exchange").exists()                                 # nothing inside the course folder
