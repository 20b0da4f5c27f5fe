"""Answers are read from the cells' text; nothing a student writes is executed."""

import pytest

from autograder.quiz.answers import parse_cell, read_answers


@pytest.mark.parametrize("source,value", [
    ("antwort_1 = 42", 42),
    ("antwort_1 = 0.25", 0.25),
    ("antwort_1 = -3", -3),
    ('antwort_1 = "b"', "b"),
    ('antwort_1 = ["a", "c"]', ["a", "c"]),
    ('antwort_1 = {"a", "c"}', {"a", "c"}),
    ("antwort_1 = (None, 14, 14, 64)", (None, 14, 14, 64)),
    ("antwort_1 = [[0, 3], [0, 2]]", [[0, 3], [0, 2]]),
    ("antwort_1 = (7*7*1 + 1) * 64", 3200),
    ("antwort_1 = 2**10 // 3", 341),
    ("# Kommentar\nantwort_1 = 1\nantwort_1 = 2  # korrigiert", 2),
    ("antwort_1: int = 5", 5),
    ("17", 17),
])
def test_literals_and_arithmetic_are_read(source, value):
    answer = parse_cell(source)
    assert answer.error is None and answer.given and answer.value == value


@pytest.mark.parametrize("source", ["antwort_1 = None", "antwort_1 = ...", "", "# nichts"])
def test_placeholders_are_no_answer(source):
    answer = parse_cell(source)
    assert not answer.given and answer.error is None


@pytest.mark.parametrize("source", [
    "antwort_1 = __import__('os').system('touch {marker}')",
    "antwort_1 = open('{marker}', 'w')",
    "import os\nantwort_1 = os.getcwd()",
    "x = 3\nantwort_1 = x",
    "antwort_1 = [i for i in range(3)]",
    "antwort_1 = lambda: 1",
    "antwort_1 = f'{{1}}'",
    "antwort_1 = 9 ** 9 ** 9",
    "antwort_1 = 1 / 0",
    "antwort_1 = 'a' * 3",
])
def test_code_is_refused_and_never_run(source, tmp_path):
    marker = tmp_path / "ran"
    answer = parse_cell(source.format(marker=marker))
    assert not answer.given and answer.error is not None
    assert not marker.exists()
    assert answer.error.de and answer.error.en


def test_syntax_error_names_the_line():
    answer = parse_cell("antwort_1 = (1, 2\n")
    assert not answer.given and "Zeile 1" in answer.error.de


def test_oversized_cell_is_refused():
    answer = parse_cell("antwort_1 = " + "1 + " * 20_000 + "1")
    assert answer.error is not None


def _cell(gid, source, cell_type="code"):
    meta = {"nbgrader": {"grade_id": gid}} if gid else {}
    return {"cell_type": cell_type, "source": source, "metadata": meta, "outputs": []}


def test_cells_found_by_grade_id_then_by_variable():
    nb = {"cells": [
        _cell("q1", "antwort_1 = 'b'"),
        _cell(None, "antwort_2 = 7\nantwort_3 = (1, 2)"),   # metadata lost: found by variable name
        _cell("q1", "antwort_1 = 'c'"),                     # duplicate id: the first counts
    ]}
    answers = read_answers(nb, {"q1": "antwort_1", "q2": "antwort_2", "q3": "antwort_3", "q4": "antwort_4"})
    assert answers["q1"].value == "b"
    assert answers["q2"].value == 7 and answers["q3"].value == (1, 2)
    assert not answers["q4"].given


def test_unreadable_notebook_structures_give_no_answers():
    assert not read_answers({"cells": "nope"}, {"q1": "antwort_1"})["q1"].given
    assert not read_answers({"cells": [1, None, {"cell_type": "code"}]}, {"q1": "antwort_1"})["q1"].given
