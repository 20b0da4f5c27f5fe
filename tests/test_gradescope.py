"""The Gradescope autograder zip: Gradescope's layout, and run_autograder scores exactly like local grading."""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from autograder.reports.gradescope import build_zip

pytestmark = pytest.mark.slow

A = NB = "04_cnn"


@pytest.fixture(scope="module")
def package(tmp_path_factory, course, grader):
    return build_zip(course, A, tmp_path_factory.mktemp("gs") / f"{A}.zip", grader=grader)


def _install(zip_path, root):
    """Unpack like Gradescope does (/autograder/source), keeping the executable bits."""
    source = root / "source"
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            zf.extract(info, source)
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                os.chmod(source / info.filename, mode)
    (root / "submission").mkdir()
    return source


def _run(zip_path, root, notebook=None, name=f"{NB}.ipynb"):
    _install(zip_path, root)
    if notebook is not None:
        shutil.copy(notebook, root / "submission" / name)
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_PYTHON": sys.executable}
    proc = subprocess.run([str(root / "source" / "run_autograder")], env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    return json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))


def test_zip_has_gradescopes_layout_and_nothing_private(package):
    with zipfile.ZipFile(package) as zf:
        names = zf.namelist()
        modes = {i.filename: (i.external_attr >> 16) & 0o777 for i in zf.infolist()}
        setup = zf.read("setup.sh").decode()
        run = zf.read("run_autograder").decode()
    assert {"setup.sh", "run_autograder", "requirements.txt", "course_config.py", "autograder/cli/__init__.py",
            f"source/{A}/{NB}.ipynb", f"release/{A}/{NB}.ipynb"} <= set(names)
    assert any(n.startswith(f".grader/keys/{A}/") for n in names)  # answer key: no reference run on Gradescope
    assert modes["setup.sh"] & 0o111 and modes["run_autograder"] & 0o111
    assert not [n for n in names if n.split("/")[0] in ("tests", "submitted", "autograded", "feedback", "exports")
                or n.endswith((".db", ".pyc"))]
    assert "requirements.txt" in setup and f'ASSIGNMENT="{A}"' in run
    assert "-m autograder" in run and "grade" in run and "results.json" in run
    for script in ("setup.sh", "run_autograder"):
        with zipfile.ZipFile(package) as zf:
            text = zf.read(script).decode()
        assert subprocess.run(["bash", "-n"], input=text, text=True).returncode == 0


@pytest.mark.parametrize("which", ["reference", "blank"])
def test_run_autograder_scores_like_local_grading(package, tmp_path, course, grader, which):
    notebook = course.source_path(A, NB) if which == "reference" else course.release_path(A, NB)
    doc = _run(package, tmp_path / "autograder", notebook, name="meine_abgabe.ipynb")  # any name will do
    local = grader.grade(A, NB, notebook).to_gradescope()
    assert doc["score"] == local["score"] and doc["max_score"] == local["max_score"]
    assert {t["name"]: t["score"] for t in doc["tests"]} == {t["name"]: t["score"] for t in local["tests"]}
    assert all(t["visibility"] in ("visible", "hidden", "after_due_date", "after_published") for t in doc["tests"])
    if which == "reference":
        assert doc["score"] == doc["max_score"] > 0
    else:
        assert doc["score"] == 0 and "noch nicht implementiert" in json.dumps(doc, ensure_ascii=False)


def test_missing_notebook_still_writes_results(package, tmp_path):
    doc = _run(package, tmp_path / "autograder")
    assert doc["score"] == 0 and doc["max_score"] > 0 and "nicht abgegeben" in doc["output"]
