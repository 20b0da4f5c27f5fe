"""The check() DSL: in a kernel it prints a verdict; when recording it only records."""

import json

import pytest

from autograder import checks
from autograder.grading import checkfile
from autograder.grading.cases import make_case
from autograder.sandbox import plain


def conv_like(x):
    return [v * 2 for v in x]


def model_like(n):
    return [n, n + 1]


def test_check_in_kernel_prints_german_verdicts(capsys, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert checks.check("conv_like", [1, 2], expect=[2, 4], desc="doppelt") is None   # no stray Out: True
    assert checks.check("conv_like", [1, 2], expect=[2, 5]) is None
    assert checks.check("missing_function", 1, expect=1) is None
    out = capsys.readouterr().out
    assert "✓ doppelt" in out and "1 von 2 Werten weicht ab" in out and "nicht definiert" in out


def test_make_case_records_without_calling_anything():
    case = make_case("missing_function", 1, padding="same", expect=(1, 2), desc="x", weight=2)
    assert case.function == "missing_function" and case.kwargs == {"padding": "same"}
    assert case.expect == (1, 2) and case.weight == 2 and case.has_expect


def _check_file(folder, *cases_and_values):
    entries = [checkfile.entry(case, plain.encode(value)) for case, value in cases_and_values]
    (folder / f"nb{checkfile.SUFFIX}").write_text(checkfile.dumps(entries), encoding="utf-8")


def test_a_check_without_expect_is_judged_with_the_released_check_file(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.chdir(tmp_path)
    checks.check("model_like", 3, desc="ohne Datei")
    assert "• ohne Datei: ausgeführt" in capsys.readouterr().out
    _check_file(tmp_path, (make_case("model_like", 3), [3, 4]), (make_case("model_like", 5), [5, 7]))
    checks.check("model_like", 3, desc="stimmt")
    checks.check("model_like", 5, desc="weicht ab")
    checks.check("model_like", 9, desc="nicht in der Datei")
    out = capsys.readouterr().out
    assert "✓ stimmt" in out and "✗ weicht ab: " in out and "• nicht in der Datei: ausgeführt" in out


def test_nbgrader_validate_fails_on_a_failing_visible_check(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    assert checks.check("conv_like", [1, 2], expect=[2, 4], desc="gut") is None
    with pytest.raises(AssertionError, match="Sichtbarer Test nicht bestanden: schlecht – 1 von 2 Werten"):
        checks.check("conv_like", [1, 2], expect=[2, 5], desc="schlecht")
    assert "✗ schlecht" in capsys.readouterr().out   # printed first, then raised
    checks.check("conv_like", [1, 2], desc="ohne Erwartung, ohne Datei")   # nothing to compare: no failure


def test_the_student_validate_lists_every_visible_test_and_fails_on_one(tmp_path, capsys, monkeypatch):
    from autograder.student.cli import main

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.chdir(tmp_path)   # validate changes into the notebook's folder; restored afterwards
    cells = ["def double(x):\n    return 2 * x",
             "from autograder.checks import check\ncheck('double', 2, expect=4, desc='zwei')\n"
             "check('double', 3, desc='drei')\ncheck('double', 5, desc='ohne Datei')"]
    nb = {"cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": []} for c in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    _check_file(tmp_path, (make_case("double", 3), 6))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "✓ zwei" in out and "✓ drei" in out and "• ohne Datei" in out
    assert "2 sichtbare Tests bestanden, 0 nicht bestanden." in out
    _check_file(tmp_path, (make_case("double", 3), 7))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "✗ drei" in out and "1 sichtbarer Test bestanden, 1 nicht bestanden." in out


@pytest.mark.slow
def test_nbgrader_validate_itself_fails_on_a_failing_visible_check(tmp_path, course):
    """nbgrader's own ``validate`` (the Validate button) sets NBGRADER_EXECUTION=validate."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from autograder.cli.demo import student_notebook
    from conftest import ROOT

    nb = student_notebook(course, "00_python", "00_python")
    (tmp_path / "gut.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    for cell in nb["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and "def word_counts" in text:
            cell["source"] = text + "\n\ndef word_counts(text):\n    return {}\n"
    (tmp_path / "falsch.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    good = subprocess.run([nbgrader, "validate", "gut.ipynb"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600)
    assert "Success! Your notebook passes all the tests." in good.stdout + good.stderr
    bad = subprocess.run([nbgrader, "validate", "falsch.ipynb"], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=600)
    out = bad.stdout + bad.stderr
    assert "VALIDATION FAILED" in out and "Sichtbarer Test nicht bestanden: Beispiel: Groß-/Kleinschreibung" in out


def _key_file(folder, grade_id, calls):
    """The answer key ``autograder release`` would write for one test cell of 4 points (keys.write)."""
    from types import SimpleNamespace

    from autograder.grading import keys as answer_key
    from autograder.grading.cases import Case

    cases = [Case(function, args, case_id=f"{grade_id}#{i}") for i, (function, args, _) in enumerate(calls, start=1)]
    test = SimpleNamespace(grade_id=grade_id, points=4.0, cases=cases)
    (folder / "a").mkdir()
    answer_key.write(folder / "a" / "nb.json", [test],
                     {c.case_id: plain.encode(expected) for c, (_, _, expected) in zip(cases, calls)})


@pytest.mark.slow
def test_plain_nbgrader_scores_a_test_cell_that_ends_in_a_loop(tmp_path, monkeypatch):
    """nbgrader gives full points to a test cell without an ``Out``; a cell whose checks run in a
    loop must still score what its checks reached (a blank notebook got 5/5 in 06_rnn_lstm)."""
    import nbformat
    from nbclient import NotebookClient
    from nbgrader.utils import determine_grade

    from conftest import ROOT

    _key_file(tmp_path, "test_double", [("double", (1,), 2), ("double", (2,), 4), ("double", (3,), 6)])
    test_loop = "from autograder.checks import check\nfor x in (1, 2, 3):\n    check('double', x)"
    test_expr = "from autograder.checks import check\ncheck('double', 1)\ncheck('double', 2)\ncheck('double', 3)"
    for key, value in (("NBGRADER_EXECUTION", "autograde"), ("AUTOGRADER_KEYS", str(tmp_path)),
                       ("PYTHONPATH", str(ROOT))):
        monkeypatch.setenv(key, value)   # the kernel inherits them, as under nbgrader autograde
    scores = {}
    for name, answer in (("blank", "def double(x):\n    raise NotImplementedError()"),
                         ("half", "def double(x):\n    return 2 * x if x < 3 else 0"),
                         ("full", "def double(x):\n    return 2 * x")):
        for test in (test_loop, test_expr):
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(answer), nbformat.v4.new_code_cell(test)])
            nb.cells[1].metadata["nbgrader"] = {"grade": True, "grade_id": "test_double", "points": 4.0,
                                                "solution": False, "locked": True, "schema_version": 3}
            NotebookClient(nb, timeout=120, kernel_name="python3").execute()
            scores[name, test is test_loop] = determine_grade(nb.cells[1])[0]
    assert scores == {("blank", True): 0.0, ("blank", False): 0.0, ("half", True): pytest.approx(2.6667, abs=1e-3),
                      ("half", False): pytest.approx(2.6667, abs=1e-3), ("full", True): 4.0, ("full", False): 4.0}
