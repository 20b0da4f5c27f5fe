"""The command line: results.json on stdout, graded problems exit 0, misuse exits 1."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def run(*args, check_rc=None):
    proc = subprocess.run([sys.executable, "-m", "autograder", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    if check_rc is not None:
        assert proc.returncode == check_rc, proc.stderr
    return proc


def test_grade_json_reference_full_and_release_zero():
    full = json.loads(run("grade", "04_cnn", "source/04_cnn/04_cnn.ipynb", "--json", check_rc=0).stdout)
    assert full["score"] == full["max_score"] > 0
    blank = json.loads(run("grade", "04_cnn", "release/04_cnn/04_cnn.ipynb", "--json", check_rc=0).stdout)
    assert blank["score"] == 0 and blank["max_score"] == full["max_score"]


def test_invalid_json_is_a_graded_outcome(tmp_path):
    bad = tmp_path / "04_cnn.ipynb"
    bad.write_text("{ this is not a notebook")
    doc = json.loads(run("grade", "04_cnn", str(bad), "--json", check_rc=0).stdout)
    assert doc["score"] == 0 and "kein gültiges Notebook" in doc["output"]


def test_notebook_of_another_assignment_is_a_graded_outcome(tmp_path):
    other = tmp_path / "04_cnn.ipynb"
    other.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "x = 1", "metadata": {},
                                            "outputs": [], "execution_count": None}],
                                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    doc = json.loads(run("grade", "04_cnn", str(other), "--json", check_rc=0).stdout)
    assert doc["score"] == 0 and "nicht zu dieser Aufgabe" in doc["output"]


@pytest.mark.parametrize("args,message", [
    (("grade", "99_nope", "source/04_cnn/04_cnn.ipynb"), "unknown assignment"),
    (("grade", "04_cnn", "does/not/exist.ipynb"), "no such file"),
    (("validate", "does/not/exist.ipynb"), "no such file"),
    (("feedback", "99_nope"), "unknown assignment"),
])
def test_misuse_exits_nonzero_with_one_line(args, message):
    proc = run(*args)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_validate_reports_visible_tests():
    out = run("validate", "release/04_cnn/04_cnn.ipynb", check_rc=1).stdout
    assert "0 sichtbare Tests bestanden" in out and "Verborgener" not in out
    out = run("validate", "source/04_cnn/04_cnn.ipynb", check_rc=0).stdout
    assert " 0 nicht bestanden" in out
    assert "✓ Test 1 – LeNet-5" in out   # a model check, judged with release/04_cnn/04_cnn.checks.json


def test_list_json_lists_items():
    data = json.loads(run("list", "--json", check_rc=0).stdout)
    cnn = next(a for a in data if a["assignment"] == "04_cnn")
    items = cnn["notebooks"][0]["items"]
    assert {"id": "test_conv2d", "points": 6.0, "kind": "autograded"} in items
    assert any(i["kind"] == "manual" for i in items)
