"""Finding submissions as students hand them in: renamed, several or no notebooks, time stamps."""

import datetime as dt
import json

import pytest

from autograder.course import load_course
from autograder.grading.batch import apply_submission
from autograder.grading.submissions import discover, find_notebooks
from autograder.results import CaseResult, GradeResult, ItemResult

CONFIG = '''TIMEZONE = "Europe/Berlin"
ASSIGNMENTS = {"09_x": {"notebooks": ["09_x"], "due": "2027-01-08 23:59"},
               "10_y": {"notebooks": ["teil1", "teil2"]}}
'''


@pytest.fixture
def course(tmp_path):
    (tmp_path / "course_config.py").write_text(CONFIG)
    return load_course(tmp_path)


def hand_in(course, student, unit, *names, stamp=None):
    folder = course.submitted_dir / student / unit
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    if stamp is not None:
        (folder / "timestamp.txt").write_text(stamp)
    return folder


def test_the_expected_name_is_taken_as_it_is(course):
    folder = hand_in(course, "s1", "09_x", "09_x.ipynb", "notizen.ipynb", stamp="2027-01-08 20:00:00.000000 UTC")
    [sub] = discover(course, "09_x")
    assert sub.notebooks == {"09_x": folder / "09_x.ipynb"} and not sub.all_problems()
    assert sub.timestamp == dt.datetime(2027, 1, 8, 20, tzinfo=dt.timezone.utc)


def test_a_single_renamed_notebook_is_graded_with_a_note(course):
    folder = hand_in(course, "s1", "09_x", "09_x-Kopie1.ipynb", stamp="2027-01-08 20:00:00 UTC")
    (folder / ".ipynb_checkpoints").mkdir()
    [sub] = discover(course, "09_x")
    assert sub.notebooks["09_x"] == folder / "09_x-Kopie1.ipynb" and not sub.missing
    assert sub.all_problems() == ["Die Datei 09_x.ipynb fehlt; bewertet wurde stattdessen die umbenannte "
                                  "Kopie 09_x-Kopie1.ipynb."]


def test_several_candidates_are_not_guessed(course):
    hand_in(course, "s1", "09_x", "09_x (1).ipynb", "09_x-Kopie1.ipynb", stamp="2027-01-08 20:00:00 UTC")
    [sub] = discover(course, "09_x")
    assert sub.notebooks["09_x"] is None
    assert "mehrere andere Notebooks (09_x (1).ipynb, 09_x-Kopie1.ipynb)" in sub.missing["09_x"]
    assert sub.all_problems() == [sub.missing["09_x"]]


def test_a_missing_notebook_says_so(course):
    hand_in(course, "s1", "09_x", stamp="2027-01-08 20:00:00 UTC")
    [sub] = discover(course, "09_x")
    assert sub.notebooks["09_x"] is None and "wurde nicht abgegeben" in sub.missing["09_x"]


def test_several_notebooks_one_renamed(tmp_path):
    files, problems, missing = find_notebooks(tmp_path, ["teil1", "teil2"])
    assert files == {"teil1": None, "teil2": None} and set(missing) == {"teil1", "teil2"}
    (tmp_path / "teil1.ipynb").write_text("{}")
    (tmp_path / "teil2 Kopie.ipynb").write_text("{}")
    files, problems, missing = find_notebooks(tmp_path, ["teil1", "teil2"])
    assert files == {"teil1": tmp_path / "teil1.ipynb", "teil2": tmp_path / "teil2 Kopie.ipynb"}
    assert list(problems) == ["teil2"] and not missing


def test_file_names_in_messages_carry_no_terminal_escapes_or_bidi_overrides(tmp_path):
    import os

    hostile = "<b>=HYPERLINK(1)\x1b]0;pwn\x07\u202etxt"
    (tmp_path / "teil1.ipynb").write_text("{}")
    (tmp_path / f"{hostile}.ipynb").write_text("{}")
    undecodable = os.fsdecode(b"x\xff.ipynb")  # a byte that is no UTF-8: a lone surrogate in Python
    files, problems, _ = find_notebooks(tmp_path, ["teil1", "teil2"])
    assert files["teil2"] == tmp_path / f"{hostile}.ipynb"
    [text] = problems["teil2"]
    assert "<b>=HYPERLINK(1)?]0;pwn??txt.ipynb" in text
    (tmp_path / undecodable).write_text("{}")
    files, problems, missing = find_notebooks(tmp_path, ["teil1", "teil2"])
    [text] = problems["teil2"]
    assert "x?.ipynb" in text and all(ch >= " " for ch in text)
    text.encode("utf-8")  # printable and storable: no lone surrogate left


def test_time_stamp_problems_only_matter_with_a_deadline(course):
    hand_in(course, "s1", "09_x", "09_x.ipynb")
    hand_in(course, "s2", "09_x", "09_x.ipynb", stamp="irgendwann")
    hand_in(course, "s1", "10_y", "teil1.ipynb", "teil2.ipynb")
    s1, s2 = discover(course, "09_x")
    assert "Keine timestamp.txt" in s1.timestamp_problem and "nicht lesbar" in s2.timestamp_problem
    [y] = discover(course, "10_y")
    assert y.timestamp_problem == "" and not y.all_problems()


def test_only_the_asked_students_and_a_digest_that_follows_the_files(course):
    folder = hand_in(course, "s1", "09_x", "09_x.ipynb")
    hand_in(course, "s2", "09_x", "09_x.ipynb")
    assert [s.student for s in discover(course, "09_x", ["s2"])] == ["s2"]
    before = discover(course, "09_x", ["s1"])[0].digest()
    (folder / "09_x.ipynb").rename(folder / "anders.ipynb")
    assert discover(course, "09_x", ["s1"])[0].digest() != before


def test_submission_problems_reach_the_results(course):
    hand_in(course, "s1", "09_x", stamp="kaputt")
    [sub] = discover(course, "09_x")
    result = GradeResult("09_x", "09_x", "s1", status="invalid", message="Die Datei lässt sich nicht lesen.",
                         items=[ItemResult("t", "autograded", 2, 0.0, [CaseResult("t#1", "Test 1", False, 1, 0.0,
                                                                                  "Nicht ausgeführt: x")])])
    apply_submission(sub, [result])
    assert result.status == "missing" and result.message == ""
    assert result.problems == [sub.missing["09_x"], sub.timestamp_problem]
    assert result.items[0].cases[0].message == f"Nicht ausgeführt: {sub.missing['09_x']}"
    assert GradeResult.from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_copy_names_map_to_their_originals():
    from autograder.notebook import match_renamed

    two = ["04_cnn", "04b_cnn_training"]
    assert match_renamed(two, ["04_cnn (1).ipynb"]) == {"04_cnn": "04_cnn (1).ipynb"}
    assert match_renamed(two, ["loesung.ipynb"]) == {}                 # which of the two? not guessed
    assert match_renamed(["04_cnn"], ["loesung.ipynb"]) == {"04_cnn": "loesung.ipynb"}
    assert match_renamed(two, ["04_cnn-Kopie1.ipynb", "04b_cnn_training - Copy.ipynb", "x.ipynb"]) == {
        "04_cnn": "04_cnn-Kopie1.ipynb", "04b_cnn_training": "04b_cnn_training - Copy.ipynb"}
    assert match_renamed(two, ["04_cnn.ipynb", "foo.ipynb"]) == {"04b_cnn_training": "foo.ipynb"}
    assert match_renamed(["09_x"], ["09_x-Kopie1.ipynb", "09_x (1).ipynb"]) == {}   # two copies: ambiguous
