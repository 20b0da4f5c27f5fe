"""release/ is generated from source/ by nbgrader, is up to date, and leaks nothing."""

import pytest

from autograder.gradebook.release import leaks, out_of_date
from conftest import ROOT, assignments_with_source
from autograder.course import load_course

COURSE = load_course(ROOT)
PAIRS = assignments_with_source(COURSE)


@pytest.mark.parametrize("assignment,notebook", PAIRS)
def test_release_exists_and_leaks_nothing(course, assignment, notebook):
    release = course.release_path(assignment, notebook)
    assert release.is_file(), f"run: python -m autograder release {assignment}"
    assert leaks(course.source_path(assignment, notebook), release) == []


@pytest.mark.parametrize("assignment", sorted({a for a, _ in PAIRS}))
def test_release_is_up_to_date(course, assignment):
    assert out_of_date(course, assignment) == []


def test_leak_check_finds_solutions_and_hidden_tests(course, tmp_path):
    source = course.source_path("04_cnn", "04_cnn")
    assert leaks(source, source), "the source itself must count as a leak"


@pytest.mark.parametrize("assignment,notebook", PAIRS)
def test_feedback_leak_scan_passes_every_released_notebook(assignment, notebook):
    """The scan that guards feedback finds nothing in a release: a hidden-test line the visible part
    has too (``predicted = np.asarray(predicted)``) is public, not a leak (it blocked a class's feedback)."""
    from autograder.gradebook.feedback import hidden_test_leaks
    from autograder.notebook import read_notebook

    release = read_notebook(COURSE.release_path(assignment, notebook))
    assert hidden_test_leaks(release, COURSE.source_path(assignment, notebook)) == []
