"""Correct alternatives get full marks; typical mistakes lose points where they should.

Fixtures live in tests/fixtures/<assignment>/ (format: see fixturelib). Every alternative
must score full marks; every mistake must score below full marks in exactly the test
cells it names, with a message containing its phrase.
"""

import concurrent.futures as cf
import json

import pytest

from autograder.course import load_course
from conftest import ROOT
from fixturelib import fixtures, grade_fixture, lost_tests, wrong_verdict

COURSE = load_course(ROOT)
CASES = [(a, nb, fx) for a in COURSE.assignments for nb in COURSE.notebooks(a)
         if COURSE.source_path(a, nb).is_file() for fx in fixtures(a, COURSE.source_path(a, nb))]


def test_every_fixture_belongs_to_one_notebook():
    """A fixture replaces answer cells of exactly one notebook of its assignment (no typos in ids)."""
    for assignment in COURSE.assignments:
        owners = {fx.name: 0 for fx in fixtures(assignment)}
        for notebook in COURSE.notebooks(assignment):
            for fx in fixtures(assignment, COURSE.source_path(assignment, notebook)):
                owners[fx.name] += 1
        assert all(n == 1 for n in owners.values()), (assignment, owners)


def test_every_assignment_has_alternatives_and_mistakes():
    for assignment in COURSE.assignments:
        for notebook in COURSE.notebooks(assignment):
            kinds = [fx.kind for fx in fixtures(assignment, COURSE.source_path(assignment, notebook))]
            assert kinds.count("alt") >= 2, (assignment, notebook)
            assert kinds.count("mistake") >= 5, (assignment, notebook)


def test_every_answer_cell_has_two_alternative_solutions():
    """The issue asks for two differently styled correct solutions per unit, not per assignment."""
    for assignment in COURSE.assignments:
        alts = [fx for fx in fixtures(assignment) if fx.kind == "alt"]
        for notebook in COURSE.notebooks(assignment):
            nb = json.loads(COURSE.source_path(assignment, notebook).read_text(encoding="utf-8"))
            units = [c["metadata"]["nbgrader"]["grade_id"] for c in nb["cells"] if c["cell_type"] == "code"
                     and c["metadata"].get("nbgrader", {}).get("solution")]
            thin = {u: sum(u in fx.cells for fx in alts) for u in units}
            assert all(n >= 2 for n in thin.values()), (assignment, {u: n for u, n in thin.items() if n < 2})


@pytest.fixture(scope="module")
def graded(grader, course, tmp_path_factory, request):
    """Grade the selected fixtures at once, as many at a time as the grader has workers
    (``-k 04_cnn`` grades only the fixtures of 04_cnn)."""
    tmp = tmp_path_factory.mktemp("fixtures")
    wanted = {(i.callspec.params["assignment"], i.callspec.params["notebook"], i.callspec.params["fixture"].name)
              for i in request.session.items if getattr(i, "originalname", "") == "test_fixture"}
    cases = [c for c in CASES if (c[0], c[1], c[2].name) in wanted]

    def grade(item):
        assignment, notebook, fx = item
        return grade_fixture(grader, course, assignment, notebook, fx, tmp / assignment / notebook / fx.name)

    for assignment, notebook in {(a, nb) for a, nb, _ in cases}:  # keys first, one at a time
        grader.key(grader.assignment(assignment, notebook))
    with cf.ThreadPoolExecutor(max_workers=grader.pool.n) as pool:
        results = dict(zip(((a, nb, fx.name) for a, nb, fx in cases), pool.map(grade, cases)))
    return results


@pytest.mark.slow  # grades every fixture notebook (about 120, several train small models)
@pytest.mark.parametrize("assignment,notebook,fixture", CASES, ids=lambda v: getattr(v, "name", v))
def test_fixture(graded, assignment, notebook, fixture):
    result, untested = graded[(assignment, notebook, fixture.name)]
    lost = lost_tests(result, untested)
    if fixture.kind == "alt":
        assert not lost, {i.grade_id: i.feedback_text()[:600] for i in lost}
        return
    assert fixture.loses and fixture.message, f"{fixture.name} must say which tests it loses, and how"
    assert wrong_verdict(fixture, lost) is None, wrong_verdict(fixture, lost)
