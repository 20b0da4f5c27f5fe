"""Gradescope's contract without running the zip: hidden cases not visible, runtime-only requirements."""

import json
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from autograder.reports.gradescope import DEV_ONLY, hidden_visibility, runtime_requirements
from autograder.results import CaseResult, GradeResult, ItemResult
from conftest import ROOT


def _result():
    r = GradeResult("04_cnn", "04_cnn", "s1")
    r.items = [ItemResult("test_a", "autograded", 6.0, 3.0, [
                   CaseResult("a#1", "Test 1 [a(1)]", False, 1.0, 1.0),
                   CaseResult("a#2", "Verborgener Test 2", True, 1.0, 0.0, "Falscher Wert: erwartet 4711, erhalten 1."),
               ]),
               ItemResult("test_b", "autograded", 2.0, 2.0, [CaseResult("b#1", "Test 1 [b()]", False, 1.0, 1.0)]),
               ItemResult("frage", "manual", 2.0, None, note="Wird von Tutor:innen bewertet.")]
    return r


def test_hidden_cases_are_their_own_non_visible_test():
    doc = _result().to_gradescope()
    tests = {t["name"]: t for t in doc["tests"]}
    assert set(tests) == {"test_a", "test_a (verborgene Tests)", "test_b"}
    assert tests["test_a"]["visibility"] == "visible" and tests["test_a"]["max_score"] == 3.0
    assert tests["test_a (verborgene Tests)"]["visibility"] == "after_published"
    assert tests["test_a (verborgene Tests)"]["score"] == 0.0 and tests["test_a (verborgene Tests)"]["max_score"] == 3.0
    visible = json.dumps([t for t in doc["tests"] if t["visibility"] == "visible"], ensure_ascii=False)
    assert "4711" not in visible and "Verborgener" not in visible   # no hidden expected value where students look
    assert "4711" not in doc["output"]
    assert sum(t["score"] for t in doc["tests"]) == doc["score"] == 5.0
    assert sum(t["max_score"] for t in doc["tests"]) == doc["max_score"] == 8.0
    assert {t["visibility"] for t in _result().to_gradescope("hidden")["tests"]} == {"visible", "hidden"}
    with pytest.raises(ValueError):
        _result().to_gradescope("sometimes")


def test_hidden_visibility_comes_from_course_config(course, tmp_path):
    assert hidden_visibility(course) == "after_published"
    from autograder.course import CourseError, load_course

    (tmp_path / "course_config.py").write_text((ROOT / "course_config.py").read_text()
                                               + '\nGRADESCOPE_HIDDEN_VISIBILITY = "visible"\n')
    with pytest.raises(CourseError):
        hidden_visibility(load_course(tmp_path))


def _pins(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            out[canonicalize_name(name)] = version
    return out


def test_runtime_requirements_are_a_closed_subset_of_the_pins(course):
    runtime = _pins(runtime_requirements(course))
    full = _pins(ROOT / "requirements.txt")
    assert {"tensorflow-cpu", "keras", "numpy", "ipython", "nbformat", "scikit-learn"} <= set(runtime)
    assert all(full.get(name) == version for name, version in runtime.items())   # same pins as development
    assert not {canonicalize_name(n) for n in DEV_ONLY} & set(runtime)
    assert not {"jupyterlab", "pytest", "playwright", "dask", "otter-grader", "nbgrader"} & set(runtime)
    missing = set()
    for name in runtime:   # every dependency of a listed package is listed too (pip may add setuptools/wheel)
        for text in metadata.requires(name) or []:
            req = Requirement(text)
            if req.marker and not req.marker.evaluate({"extra": ""}):
                continue
            dep = canonicalize_name(req.name)
            if dep not in runtime and dep not in ("setuptools", "wheel"):
                missing.add(f"{name} -> {dep}")
    assert missing == set()
    assert len(runtime) < len(full) * 0.7
