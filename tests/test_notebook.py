"""Submissions are merged into the source's structure; the submission's claims are ignored."""

import json

import pytest

from autograder.notebook import NotebookError, load_source, plan_execution, read_notebook, split_hidden

SOURCE = {
    "cells": [
        {"cell_type": "code", "source": "import numpy as np", "metadata": {"nbgrader": {
            "grade_id": "setup", "locked": True, "solution": False, "grade": False}}, "outputs": []},
        {"cell_type": "code", "source": "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION",
         "metadata": {"nbgrader": {"grade_id": "f", "solution": True, "grade": False}}, "outputs": []},
        {"cell_type": "code", "source": "check('f', expect=1)\n### BEGIN HIDDEN TESTS\ncheck('f')\n"
                                        "### END HIDDEN TESTS",
         "metadata": {"nbgrader": {"grade_id": "test_f", "grade": True, "points": 2, "locked": True}},
         "outputs": []},
        {"cell_type": "markdown", "source": "answer", "metadata": {"nbgrader": {
            "grade_id": "why", "grade": True, "solution": True, "points": 1}}},
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
}


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "a.ipynb"
    path.write_text(json.dumps(SOURCE))
    return load_source(path)


def submission(**changes):
    nb = json.loads(json.dumps(SOURCE))
    for cell in nb["cells"]:
        gid = cell["metadata"]["nbgrader"]["grade_id"]
        if gid in changes:
            cell["source"] = changes[gid]
    return nb


def test_items_and_points_come_from_source(source):
    assert [(i.grade_id, i.points, i.kind) for i in source.items] == [("test_f", 2.0, "autograded"),
                                                                        ("why", 1.0, "manual")]


def test_test_code_and_setup_come_from_source_answers_from_student(source):
    nb = submission(f="def f():\n    return 2", test_f="print('hacked')", setup="import os")
    nb["cells"][2]["metadata"]["nbgrader"]["points"] = 100
    plan = plan_execution(source, read_notebook_dict(nb))
    codes = [code for _, code in plan.code_cells]
    assert codes == ["import numpy as np", "def f():\n    return 2"]
    assert all("hacked" not in c for c in codes)


def test_added_cells_run_after_their_anchor_and_duplicates_are_reported(source):
    nb = submission()
    extra = {"cell_type": "code", "source": "helper = 1", "metadata": {}, "outputs": []}
    dup = json.loads(json.dumps(nb["cells"][1]))
    dup["source"] = "def f():\n    return 99"
    nb["cells"][2:2] = [extra, dup]
    plan = plan_execution(source, read_notebook_dict(nb))
    codes = [code for _, code in plan.code_cells]
    assert codes[-1] == "helper = 1" and not any("99" in c for c in codes)
    assert any("mehrfach" in p for p in plan.problems)


def test_missing_and_foreign_notebooks(source):
    nb = submission()
    del nb["cells"][1]
    plan = plan_execution(source, read_notebook_dict(nb))
    assert any("fehlt" in p for p in plan.problems)
    foreign = {"cells": [{"cell_type": "code", "source": "x=1", "metadata": {}, "outputs": []}],
               "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    assert plan_execution(source, read_notebook_dict(foreign)).foreign


def test_broken_files_raise_german_errors(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{ not json")
    with pytest.raises(NotebookError, match="kein gültiges Notebook"):
        read_notebook(bad)
    with pytest.raises(NotebookError, match="lässt sich nicht lesen"):
        read_notebook(tmp_path / "missing.ipynb")


def test_split_hidden():
    visible, hidden = split_hidden(SOURCE["cells"][2]["source"])
    assert visible.strip() == "check('f', expect=1)" and hidden.strip() == "check('f')"


def read_notebook_dict(nb):
    import nbformat
    return nbformat.from_dict(nb)


# -- marker regions: parsed in one place (autograder.notebook) ------------------------------------
CELL = ("def f(x):\n    ### BEGIN SOLUTION\n    y = x + 1\n    return y\n    ### END SOLUTION\n"
        "check('f', 1, expect=2)\n### BEGIN HIDDEN TESTS\ncheck('f', 5)\n### END HIDDEN TESTS\n# Ende")


def test_regions_name_every_line():
    from autograder.notebook import regions

    assert [r for r, _ in regions(CELL)] == ["public", "marker", "solution", "solution", "marker", "public",
                                            "marker", "hidden", "marker", "public"]


def test_what_each_consumer_takes_from_the_regions():
    from autograder.notebook import (has_marker, public_lines, secret_lines, solution_text, strip_solutions,
                                     without_markers)

    assert secret_lines(CELL) == ["    y = x + 1", "    return y", "check('f', 5)"]
    assert public_lines(CELL) == ["def f(x):", "check('f', 1, expect=2)", "# Ende"]
    assert solution_text(CELL) == "y = x + 1\n    return y"
    assert solution_text("Nur ein Text ohne Marker.") == "Nur ein Text ohne Marker."
    assert strip_solutions(CELL).splitlines()[:3] == ["def f(x):", "    # IHR CODE HIER",
                                                      "    raise NotImplementedError()"]
    assert "y = x + 1" not in strip_solutions(CELL) and "### BEGIN HIDDEN TESTS" in strip_solutions(CELL)
    assert not has_marker(without_markers(CELL)) and "return y" in without_markers(CELL)
    assert has_marker(CELL) and not has_marker("BEGIN SOLUTION without the hashes")


def test_rubrics_of_ta_graded_cells(source):
    from autograder.notebook import rubrics

    nb = read_notebook_dict(json.loads(json.dumps(SOURCE)))
    nb.cells[3].source = "### BEGIN SOLUTION\nMusterantwort: weil.\n### END SOLUTION"
    assert rubrics(nb) == {"why": "Musterantwort: weil."}


def test_no_other_module_parses_markers():
    """Marker strings appear as code only in notebook.py (documentation may name them)."""
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "autograder"
    offenders = [str(p.relative_to(package)) for p in package.rglob("*.py") if p.name != "notebook.py"
                 and any(q + m in p.read_text(encoding="utf-8") for m in ("### BEGIN", "### END") for q in "\"'")]
    assert offenders == []
