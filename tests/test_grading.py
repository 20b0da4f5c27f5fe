"""Grading one notebook: reference = full marks, blank = 0, partial credit, German messages."""

import concurrent.futures as cf
import json

import pytest

from autograder.course import load_course
from conftest import ROOT, assignments_with_source, blank_notebook

PAIRS = assignments_with_source(load_course(ROOT))
# notebooks whose reference fits models: 4–9 s each to grade (2026-12-01), so end-to-end only (-m slow)
TRAINING = {"02_regression", "03_classification", "04b_cnn_training", "06_rnn_lstm", "07_generative", "08_training"}
PARAMS = [pytest.param(a, nb, id=f"{a}-{nb}", marks=[pytest.mark.slow] if nb in TRAINING else [])
          for a, nb in PAIRS]


@pytest.fixture(scope="module")
def reference_and_blank(grader, course, tmp_path_factory, request):
    """The selected notebooks' reference and blank versions, graded two at a time."""
    tmp = tmp_path_factory.mktemp("blank")
    wanted = {(i.callspec.params["assignment"], i.callspec.params["notebook"]) for i in request.session.items
              if getattr(i, "originalname", "") in ("test_reference_scores_full_marks", "test_blank_scores_zero")}
    pairs = [p for p in PAIRS if p in wanted]
    for assignment, notebook in pairs:
        grader.key(grader.assignment(assignment, notebook))
    jobs = [(a, nb, "ref", course.source_path(a, nb)) for a, nb in pairs] + [
        (a, nb, "blank", blank_notebook(course, a, nb, tmp / f"{nb}.ipynb")) for a, nb in pairs]
    with cf.ThreadPoolExecutor(max_workers=grader.pool.n) as pool:
        results = pool.map(lambda job: grader.grade(job[0], job[1], job[3], job[2]), jobs)
        return {(a, nb, kind): r for (a, nb, kind, _), r in zip(jobs, results)}


@pytest.mark.parametrize("assignment,notebook", PARAMS)
def test_reference_scores_full_marks(reference_and_blank, assignment, notebook):
    result = reference_and_blank[(assignment, notebook, "ref")]
    lost = {i.grade_id: i.feedback_text() for i in result.items if i.kind == "autograded" and not i.passed}
    assert result.max_auto_score > 0
    assert result.score == result.max_auto_score, lost
    assert result.status == "ok"


@pytest.mark.parametrize("assignment,notebook", PARAMS)
def test_blank_scores_zero(reference_and_blank, assignment, notebook):
    result = reference_and_blank[(assignment, notebook, "blank")]
    assert result.score == 0
    assert all("noch nicht implementiert" in c.message or "nicht definiert" in c.message
               for i in result.items for c in i.cases)


def _with_cells(course, tmp_path, replacements):
    nb = json.loads(course.source_path("04_cnn", "04_cnn").read_text())
    for cell in nb["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in replacements:
            cell["source"] = replacements[gid]
    path = tmp_path / "04_cnn.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_partial_credit_per_case_with_german_message(grader, course, tmp_path):
    wrong = ("def conv_output_shape(input_shape, filters, kernel_size, strides=1, padding='valid'):\n"
             "    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]\n"
             "    s = strides if isinstance(strides, int) else strides[0]\n"
             "    h, w, _ = input_shape\n"
             "    if padding == 'same':\n"
             "        return (-(-h // s), -(-w // s), filters)\n"
             "    return ((h - k) // s, (w - k) // s, filters)\n")
    result = grader.grade("04_cnn", "04_cnn", _with_cells(course, tmp_path, {"conv_output_shape": wrong}), "s")
    item = next(i for i in result.items if i.grade_id == "test_conv_output_shape")
    assert 0 < item.score < item.max_score
    failed = [c for c in item.cases if c.fraction < 1]
    assert failed and all("erwartet" in c.message.lower() for c in failed)
    others = [i for i in result.items if i.kind == "autograded" and i.grade_id != "test_conv_output_shape"]
    assert all(i.passed for i in others)


def test_stderr_noise_and_warnings_cost_nothing(grader, course, tmp_path):
    noisy = ("import sys, warnings\nwarnings.warn('deprecated!')\nprint('W tensorflow: noise', file=sys.stderr)\n"
             "def conv2d_params(kernel_size, in_channels, filters, use_bias=True):\n"
             "    print('debug output', file=sys.stderr)\n"
             "    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size\n"
             "    return (kh * kw * in_channels + (1 if use_bias else 0)) * filters\n")
    result = grader.grade("04_cnn", "04_cnn", _with_cells(course, tmp_path, {"conv2d_params": noisy}), "s")
    assert result.score == result.max_auto_score


def test_gradescope_document_shape(grader, course):
    result = grader.grade("04_cnn", "04_cnn", course.source_path("04_cnn", "04_cnn"), "ref")
    doc = result.to_gradescope()
    assert set(doc) >= {"score", "max_score", "execution_time", "output", "tests"}
    for test in doc["tests"]:
        assert set(test) >= {"name", "score", "max_score", "status", "output", "visibility"}
        assert test["visibility"] in {"visible", "hidden", "after_due_date", "after_published"}
    assert sum(t["max_score"] for t in doc["tests"]) == doc["max_score"]
