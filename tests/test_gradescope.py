"""The Gradescope autograder zip: Gradescope's layout, and run_autograder scores exactly like local grading."""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from autograder.reports.gradescope import build_zip
from conftest import ROOT

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


RECORD_IMPORTS = """
import atexit, os, sys
def _dump():
    folder = os.environ.get("AUTOGRADER_IMPORT_LOG")
    if folder:
        with open(os.path.join(folder, f"{os.getpid()}.txt"), "w") as fh:
            fh.write("\\n".join(sorted({m.split(".")[0] for m in list(sys.modules)})))
atexit.register(_dump)
"""


# jsonschema (under nbformat) tries these format checkers and goes on without them: installed here as
# jupyter-events' extras, absent from the Gradescope image, where validation works the same
JSONSCHEMA_OPTIONAL = {"arrow", "fqdn", "isoduration", "jsonpointer", "rfc3339-validator", "rfc3986-validator",
                       "rfc3987-syntax", "uri-template", "webcolors", "lark"}


def _run(zip_path, root, notebook=None, name=f"{NB}.ipynb", imports=None):
    _install(zip_path, root)
    if notebook is not None:
        shutil.copy(notebook, root / "submission" / name)
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_PYTHON": sys.executable}
    if imports is not None:  # every Python process of the run records the modules it imported
        hook = root / "hook"
        hook.mkdir()
        (hook / "sitecustomize.py").write_text(RECORD_IMPORTS)
        imports.mkdir()
        env["PYTHONPATH"] = str(hook) + os.pathsep + env.get("PYTHONPATH", "")
        env["AUTOGRADER_IMPORT_LOG"] = str(imports)
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
    with zipfile.ZipFile(package) as zf:
        requirements = zf.read("requirements.txt").decode()
    assert requirements == (ROOT / "requirements-grader.txt").read_text()   # runtime pins only
    for dev in ("pytest", "playwright", "jupyterlab", "dask", "otter-grader", "nbgrader"):
        assert f"\n{dev}==" not in requirements
    assert "-m autograder" in run and "grade" in run and "results.json" in run
    for script in ("setup.sh", "run_autograder"):
        with zipfile.ZipFile(package) as zf:
            text = zf.read(script).decode()
        assert subprocess.run(["bash", "-n"], input=text, text=True).returncode == 0


@pytest.mark.parametrize("which", ["reference", "blank"])
def test_run_autograder_scores_like_local_grading(package, tmp_path, course, grader, which):
    notebook = course.source_path(A, NB) if which == "reference" else course.release_path(A, NB)
    imports = tmp_path / "imports"
    # a copy's name stands in for 04_cnn.ipynb; the assignment's second notebook is not handed in
    doc = _run(package, tmp_path / "autograder", notebook, name=f"{NB} (1).ipynb", imports=imports)
    local = grader.grade(A, NB, notebook).to_gradescope()
    maxima = json.loads((tmp_path / "autograder" / "source" / "autograder.json").read_text())["max_score"]
    assert set(maxima) == set(grader.course.notebooks(A)) and len(maxima) == 2
    assert doc["score"] == local["score"] and doc["max_score"] == sum(maxima.values())
    assert "04b_cnn_training.ipynb wurde nicht abgegeben" in doc["output"]
    # several notebooks: each test is named after its notebook
    assert {t["name"].removeprefix(f"{NB}: "): t["score"] for t in doc["tests"]} == \
        {t["name"]: t["score"] for t in local["tests"]}
    assert all(t["visibility"] in ("visible", "hidden", "after_due_date", "after_published") for t in doc["tests"])
    hidden = [t for t in doc["tests"] if "verborgene Tests" in t["name"]]
    assert hidden and all(t["visibility"] == "after_published" for t in hidden)       # course_config.py's choice
    assert all(t["visibility"] == "visible" for t in doc["tests"] if t not in hidden)
    assert "Verborgener Test" not in json.dumps([t for t in doc["tests"] if t not in hidden], ensure_ascii=False)
    # everything the run imported (grader and workers) comes from the zip's runtime requirements
    from importlib import metadata

    from packaging.utils import canonicalize_name

    pinned = {canonicalize_name(line.split("==")[0]) for line in
              (ROOT / "requirements-grader.txt").read_text().splitlines() if "==" in line and not line.startswith("#")}
    owners = metadata.packages_distributions()
    modules = {m for f in imports.glob("*.txt") for m in f.read_text().split()}
    # the grader and the results script; the sandbox worker starts with a minimal environment (no
    # PYTHONPATH, so no recording hook): its imports are TensorFlow's closure, pinned there as well
    assert len(list(imports.glob("*.txt"))) >= 2 and "autograder" in modules
    foreign = {d for m in modules for d in owners.get(m, []) if canonicalize_name(d) not in pinned
               and canonicalize_name(d) not in ("setuptools", "wheel", "pip", "ml-course-autograder")
               and canonicalize_name(d) not in JSONSCHEMA_OPTIONAL}
    assert foreign == set()
    if which == "reference":
        assert doc["score"] == local["max_score"] > 0          # full marks on the notebook handed in
    else:
        assert doc["score"] == 0 and "noch nicht implementiert" in json.dumps(doc, ensure_ascii=False)


def test_missing_notebook_still_writes_results(package, tmp_path):
    doc = _run(package, tmp_path / "autograder")
    assert doc["score"] == 0 and doc["max_score"] > 0 and "nicht abgegeben" in doc["output"]
    root = tmp_path / "autograder" / "source"
    # no mount namespace on Gradescope: solutions and key are root-only before any student code runs
    assert not [p for p in (root / "source", root / ".grader") if p.stat().st_mode & 0o077]
