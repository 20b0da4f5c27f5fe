"""``autograder release`` runs the reference solution against every case first, and refuses to
release tests the reference fails; the check files it writes hold visible values only."""

import json
import shutil

import pytest

from autograder.cli import main
from autograder.course import load_course
from autograder.grading import checkfile
from autograder.grading.cases import Rule
from autograder.grading.verify import check_file, verify
from autograder.sandbox import plain
from conftest import ROOT

WRONG_EXPECT = '"der": 2, "hund": 2, "bellt": 1, "schläft": 1}'
PLANTED_HIDDEN = 'check("gibt_es_nicht", 3, desc="Gepflanzt: unbekannte Funktion")\n'


def _own_course(tmp_path):
    """A course with its own copy of source/ (to plant mistakes) and an empty release/."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(ROOT / "course_config.py", root / "course_config.py")
    shutil.copytree(ROOT / "source", root / "source")
    return root


def _plant(root):
    path = root / "source" / "00_python" / "00_python.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                == "test_word_counts")
    text = "".join(cell["source"])
    assert WRONG_EXPECT in text and "### END HIDDEN TESTS" in text
    text = text.replace(WRONG_EXPECT, '"der": 2, "hund": 3, "bellt": 1, "schläft": 1}', 1)
    text = text.replace("### END HIDDEN TESTS", PLANTED_HIDDEN + "### END HIDDEN TESTS", 1)
    cell["source"] = text
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def test_release_refuses_a_wrong_expect_and_an_unknown_function(tmp_path, capsys):
    root = _own_course(tmp_path)
    _plant(root)
    rc = main(["--course", str(root), "release", "00_python"])
    captured = capsys.readouterr()
    err = captured.err
    assert rc == 1 and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("source/00_python/00_python.ipynb, ")]
    assert len(lines) == 2, err
    wrong, unknown = lines
    assert "cell 'test_word_counts', case 1 (Beispiel: Groß-/Kleinschreibung und Satzzeichen am Wortende) " \
           "word_counts('Der Hund bellt. Der Hund schläft!')" in wrong
    assert "expected {'der': 2, 'hund': 3, 'bellt': 1, 'schläft': 1}, got {'der': 2, 'hund': 2," in wrong
    assert "hidden case" in unknown and "gibt_es_nicht(3)" in unknown
    assert "function 'gibt_es_nicht' is not defined by any answer cell" in unknown
    assert "release refused" in err
    assert not (root / "release" / "00_python" / "00_python.ipynb").exists()

    # --no-verify releases anyway (emergencies), without check files
    assert main(["--course", str(root), "release", "00_python", "--no-verify"]) == 0
    assert (root / "release" / "00_python" / "00_python.ipynb").is_file()


def test_release_writes_the_notebook_when_the_reference_passes(tmp_path, capsys):
    root = _own_course(tmp_path)
    assert main(["--course", str(root), "release", "00_python"]) == 0
    out = capsys.readouterr().out
    assert "released release/00_python/00_python.ipynb" in out
    cases = _check_calls(root / "source" / "00_python" / "00_python.ipynb")
    assert cases > 50
    assert f"reference check 00_python/00_python: {cases} cases run, all passed" in out
    assert not list((root / "release" / "00_python").glob("*.checks.json"))   # every visible case has expect=
    assert main(["--course", str(root), "release", "00_python"]) == 0   # the same source again: no new run
    assert "reference check 00_python/00_python: unchanged since its last check" in capsys.readouterr().out


def _check_file_units(course):
    return sorted({(a, nb) for a in course.assignments for nb in course.notebooks(a)
                   if (course.root / "release" / a / f"{nb}{checkfile.SUFFIX}").is_file()})


def test_every_notebook_with_visible_checks_without_expect_has_a_check_file(course):
    from autograder.grading.spec import extract_tests
    from autograder.notebook import load_source

    needed = sorted((a, nb) for a in course.assignments for nb in course.notebooks(a)
                    if any(not c.hidden and not c.has_expect and not isinstance(c.expect, Rule)
                           for t in extract_tests(load_source(course.source_path(a, nb))) for c in t.cases))
    assert ("04_cnn", "04_cnn") in needed and ("04_cnn", "04b_cnn_training") in needed
    assert _check_file_units(course) == needed, "run: python -m autograder release"


@pytest.mark.parametrize("assignment,notebook", _check_file_units(load_course(ROOT)))
def test_check_files_hold_only_visible_values_and_are_up_to_date(grader, assignment, notebook):
    a = grader.assignment(assignment, notebook)
    path = grader.course.root / "release" / assignment / f"{notebook}{checkfile.SUFFIX}"
    entries = checkfile.read(path)
    key = grader.key(a)
    visible = {json.dumps(plain.encode(key[c.case_id]), sort_keys=True) for c in a.cases if not c.hidden
               and c.case_id in key}
    in_file = {json.dumps(e["expected"], sort_keys=True) for e in entries}
    for case in a.cases:
        if case.hidden and case.case_id in key:
            value = json.dumps(plain.encode(key[case.case_id]), sort_keys=True)
            assert value in visible or value not in in_file, f"hidden {case.case_id} in {path.name}"
    hidden_signatures = {checkfile.signature(c.function, c.args, c.kwargs) for c in a.cases if c.hidden}
    assert not hidden_signatures & {e["signature"] for e in entries}
    assert entries == json.loads(checkfile.dumps(check_file(grader, a)))["checks"], \
        f"run: python -m autograder release {assignment}"


@pytest.mark.slow
def test_the_course_reference_passes_every_case(grader, course):
    problems, _ = verify(grader, list(course.assignments))
    assert [p.line() for p in problems] == []


def _check_calls(notebook) -> int:
    """The check(...) calls in a notebook's graded test cells (visible and hidden): the cases release runs."""
    import ast
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check"
               for cell in cells if cell.get("metadata", {}).get("nbgrader", {}).get("grade")
               and cell["cell_type"] == "code"
               for node in ast.walk(ast.parse("".join(cell["source"]))))


def test_release_prints_nothing_of_tensorflow_to_stderr(tmp_path):
    """TensorFlow writes absl and oneDNN lines from C++ whatever TF_CPP_MIN_LOG_LEVEL says; test cells
    that import it (01_tensors builds inputs with tf) must not put them into what an instructor reads."""
    import subprocess
    import sys

    root = _own_course(tmp_path)
    run = subprocess.run([sys.executable, "-m", "autograder", "--course", str(root), "release", "01_tensors"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "released release/01_tensors/01_tensors.ipynb" in run.stdout
    assert run.stderr == ""
