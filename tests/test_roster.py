"""The roster: students.csv as nbgrader reads it, names into the gradebook, ids an LMS cannot take."""

import pytest

from autograder.course import CourseError, Student, load_course, read_roster
from autograder.gradebook.scores import FinalScore
from autograder.reports.lms import id_problems
from conftest import ROOT


def roster(tmp_path, text: str):
    path = tmp_path / "students.csv"
    path.write_text(text, encoding="utf-8")
    return read_roster(path)


def test_the_repositorys_roster_is_plain_nbgrader_csv():
    text = (ROOT / "students.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "id,first_name,last_name,email" and "#" not in text
    students = load_course(ROOT).roster()
    assert [s.id for s in students] == ["s01", "s02", "s03"] and students[0].first_name == "Anna"


def test_names_emails_and_lms_ids(tmp_path):
    students = roster(tmp_path, "id,first_name,last_name,email,lms_user_id\n"
                                "s01,Anna,Beispiel,anna@example.org,4711\ns02,Ben,,,\n\n")
    assert students == [Student("s01", "Anna", "Beispiel", "anna@example.org", "4711"), Student("s02", "Ben")]
    assert students[1].gradebook_fields() == {"first_name": "Ben", "last_name": None, "email": None,
                                              "lms_user_id": None}


@pytest.mark.parametrize("text,where,words", [
    ("# Kursliste\nid,first_name\ns01,A\n", "students.csv:1", "comment line"),
    ("id,first_name\n# Beispiele\ns01,A\n", "students.csv:2", "comment line"),
    ("name,email\na,b\n", "students.csv:1", "no column 'id'"),
    ("id,first_name\ns01,A\ns01,B\n", "students.csv:3", "listed twice (also line 2)"),
    ("id,first_name\n s01,A\n", "students.csv:2", "spaces around it"),
    ("id,first_name\n,A\n", "students.csv:2", "without an id"),
])
def test_what_nbgrader_would_misread_is_refused_with_file_and_line(tmp_path, text, where, words):
    with pytest.raises(CourseError) as exc:
        roster(tmp_path, text)
    assert str(exc.value).startswith(where + ": ") and words in str(exc.value)


def test_ids_a_platform_cannot_take_are_reported():
    rows = [FinalScore("a", "A", sid, email=email) for sid, email in
            [("s01", "s01@example.org"), ("Müller", "m@example.org"), ("S02", ""), ("ab", "x@y.de")]]
    moodle = id_problems(rows, "moodle")
    assert [p.split(":")[0] for p in moodle] == ["Müller", "S02"]
    assert [p.split(":")[0] for p in id_problems(rows, "moodle", "email")] == ["S02"]
    assert [p.split(":")[0] for p in id_problems(rows, "ilias")] == ["Müller", "ab"]


def test_roster_command_imports_names_and_reports_ids(tmp_path, capsys):
    from autograder.cli import main
    from autograder.gradebook import adapter

    (tmp_path / "course_config.py").write_text('STUDENTS_FILE = "students.csv"\n')
    (tmp_path / "students.csv").write_text("id,first_name,last_name,email\ns01,Anna,Beispiel,anna@example.org\n"
                                           "Müller,Max,Müller,\n", encoding="utf-8")
    assert main(["--course", str(tmp_path), "roster"]) == 0
    out = capsys.readouterr()
    assert "2 students from students.csv in the gradebook (1 with e-mail)" in out.out
    assert "warning: moodle: Müller: not a Moodle username" in out.err
    with adapter.gradebook(load_course(tmp_path)) as gb:
        anna = gb.find_student("s01")
        assert (anna.first_name, anna.last_name, anna.email) == ("Anna", "Beispiel", "anna@example.org")


@pytest.mark.slow
def test_nbgrader_imports_the_repositorys_roster_as_it_is(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    shutil.copy(ROOT / "students.csv", tmp_path / "students.csv")
    bindir = os.path.dirname(sys.executable)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
    proc = subprocess.run([os.path.join(bindir, "nbgrader"), "db", "student", "import", "students.csv",
                           f"--db=sqlite:///{tmp_path / 'gb.db'}"], cwd=tmp_path, capture_output=True, text=True,
                          env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    listed = subprocess.run([os.path.join(bindir, "nbgrader"), "db", "student", "list",
                             f"--db=sqlite:///{tmp_path / 'gb.db'}"], cwd=tmp_path, capture_output=True, text=True,
                            env=env, timeout=300).stdout
    assert "s01 (Beispiel, Anna) -- anna.beispiel@example.org" in listed and "#" not in listed
