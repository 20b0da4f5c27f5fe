"""The unit model and the validation of course_config.py (pure: no gradebook, no grading)."""

import datetime as dt
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from autograder.course import CourseError, load_course
from conftest import ROOT

BASE = '''COURSE_ID = "k"
TIMEZONE = "Europe/Berlin"
ASSIGNMENTS = {
    "04_cnn": {"title": "CNN", "notebooks": ["04_cnn"], "due": "2027-01-08 23:59"},
}
QUIZZES = {"q3_cnn": {"title": "Quiz 3", "due": "2027-01-09 12:00:00"}}
'''


def course_with(tmp_path, text: str):
    (tmp_path / "course_config.py").write_text(text, encoding="utf-8")
    return load_course(tmp_path)


def error(tmp_path, text: str) -> str:
    with pytest.raises(CourseError) as exc:
        course_with(tmp_path, text)
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_units_exercises_and_quizzes_alike(tmp_path):
    course = course_with(tmp_path, BASE)
    assert list(course.units) == ["04_cnn", "q3_cnn"]
    cnn, quiz = course.unit("04_cnn"), course.unit("q3_cnn")
    assert (cnn.kind, cnn.title, cnn.notebooks) == ("exercise", "CNN", ["04_cnn"])
    assert (quiz.kind, quiz.notebooks, quiz.is_quiz) == ("quiz", ["q3_cnn"], True)
    assert cnn.due == dt.datetime(2027, 1, 8, 23, 59, tzinfo=ZoneInfo("Europe/Berlin"))
    assert cnn.due.utcoffset() == dt.timedelta(hours=1)
    assert course.notebooks("q3_cnn") == ["q3_cnn"]
    with pytest.raises(CourseError, match="unknown assignment or quiz 'nope'"):
        course.unit("nope")
    with pytest.raises(CourseError, match="a quiz: this command works on exercises only"):
        course.assignment("q3_cnn")


def test_the_repository_course_loads_with_all_units():
    course = load_course(ROOT)
    assert len(course.units) == len(course.assignments) + len(course.quizzes) >= 16
    assert all(u.due is not None and u.due.tzinfo is not None for u in course.units.values())


@pytest.mark.parametrize("change,expected", [
    ('"notebooks": ["04_cnn"]', 'course_config.py:4: ASSIGNMENTS[\'04_cnn\']: unknown key \'notebook\' '
                                '(did you mean \'notebooks\'?)'),
])
def test_notebook_typo_is_named_with_file_and_line(tmp_path, change, expected):
    assert error(tmp_path, BASE.replace(change, '"notebook": ["04_cnn"]')) == expected


def test_assignment_without_notebooks(tmp_path):
    message = error(tmp_path, BASE.replace(', "notebooks": ["04_cnn"]', ""))
    assert message.startswith("course_config.py:4: ASSIGNMENTS['04_cnn'] has no notebooks")


def test_german_due_date_is_refused_naming_the_key(tmp_path):
    message = error(tmp_path, BASE.replace("2027-01-08 23:59", "12.02.2027 23:59"))
    assert message.startswith("course_config.py:4: ASSIGNMENTS['04_cnn']['due']: cannot read due date "
                              "'12.02.2027 23:59'")


@pytest.mark.parametrize("extra,where,words", [
    ("LATE_PENALTY = 0.2\n", "course_config.py:7", "unknown setting LATE_PENALTY (did you mean"),
    ("LATE_MAX_DAYS = '7'\n", "course_config.py:7", "LATE_MAX_DAYS must be a whole number of days"),
    ("LATE_PENALTY_PER_DAY = 10\n", "course_config.py:7", "between 0 and 1"),
    ("LIMITS = {'cell_timeout': 5, 'memory': 100}\n", "course_config.py:7", "unknown limit 'memory'"),
    ("LIMITS = {'cell_timeout': -5}\n", "course_config.py:7", "must be a positive number"),
    ("TIMEZONE = 'Berlin'\n", "course_config.py:7", "unknown time zone 'Berlin'"),
    ("LANGUAGE = 'fr'\n", "course_config.py:7", "LANGUAGE must be 'de' or 'en'"),
    ("QUIZZES = {'04_cnn': {'due': None}}\n", "course_config.py:7", "in both ASSIGNMENTS and QUIZZES"),
    ("QUIZZES = {'q1': {'due': '2027-01-01 10:00', 'notebooks': ['q1']}}\n", "course_config.py:7",
     "unknown key 'notebooks'"),
    ("ASSIGNMENTS = {'a b': {'notebooks': ['x']}}\n", "course_config.py:7", "a folder name"),
    ("ASSIGNMENTS = {'a': {'notebooks': ['a.ipynb']}}\n", "course_config.py:7", "without '.ipynb'"),
    ("ASSIGNMENTS = {'a': {'notebooks': 'a'}}\n", "course_config.py:7", "wrong type str"),
    ("SHOW_QUIZ_ANSWERS = 'ja'\n", "course_config.py:7", "True or False"),
])
def test_wrong_settings_are_refused_before_anything_runs(tmp_path, extra, where, words):
    message = error(tmp_path, BASE + extra)
    assert message.startswith(where + ": ") and words in message


def test_errors_while_running_the_file_name_the_line(tmp_path):
    assert error(tmp_path, BASE + "X = 1 / 0\n") == "course_config.py:7: ZeroDivisionError: division by zero"
    assert error(tmp_path, BASE + "ASSIGNMENTS['b'] = {\n").startswith("course_config.py:7: syntax error")


def test_lowercase_names_and_nbgrader_section_are_fine(tmp_path):
    course = course_with(tmp_path, BASE + "import os\nhelper = 3\ntry:\n    c = get_config()\nexcept NameError:\n"
                                          "    c = None\n")
    assert course.unit("04_cnn").title == "CNN"


def test_broken_course_config_gives_one_line_and_exit_1(tmp_path):
    (tmp_path / "course_config.py").write_text(BASE + "ASSIGNMENTS = {\n    'x': {'title': 'X',,}\n}\n")
    proc = subprocess.run([sys.executable, "-m", "autograder", "--course", str(tmp_path), "list"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == ["autograder: error: course_config.py:8: syntax error: invalid syntax"]
