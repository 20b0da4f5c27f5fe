"""Moodle's 'Download all submissions' zip into submitted/ (fast: no grading)."""

import json
import zipfile

import pytest

from autograder.cli import main
from autograder.course import CourseError, load_course
from autograder.lms_import import import_moodle_zip
from conftest import make_course

ROSTER = "id,first_name,last_name,email\ns01,Anna,Beispiel,anna@uni.example\ns02,Ben,Müller,ben@uni.example\n" \
         "s03,Cem,Yılmaz,cem@uni.example\ns04,Dora,Doppel,\ns05,Dora,Doppel,\n"


def moodle_zip(path, entries: dict[str, bytes], stamp=(2027, 1, 8, 21, 15, 0)):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=stamp), data)
    return path


@pytest.fixture
def course_dir(tmp_path, course):
    root = make_course(tmp_path, course)
    (root / "students.csv").write_text(ROSTER, encoding="utf-8")
    return load_course(root)


def test_folders_map_to_roster_ids_and_renamed_files_are_recorded(course_dir, tmp_path, capsys):
    nb = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    z = moodle_zip(tmp_path / "alle.zip", {
        "Anna Beispiel_101_assignsubmission_file_/04_cnn.ipynb": nb,
        "Anna Beispiel_101_assignsubmission_file_/daten.csv": b"x,y\n",
        "Ben Müller_102_assignsubmission_file_/04_cnn (1).ipynb": nb,       # renamed by the browser
        "Yılmaz Cem_103_assignsubmission_file_/04_cnn - Kopie.ipynb": nb,    # "Nachname Vorname" display
        "Dora Doppel_104_assignsubmission_file_/04_cnn.ipynb": nb,           # two students of that name
        "Eva Fremd_105_assignsubmission_file_/04_cnn.ipynb": nb,             # not in the roster
        "Anna Beispiel_101_assignsubmission_onlinetext_/onlinetext.html": b"<p>hi</p>",
        "__MACOSX/._x": b"",
    })
    assert main(["--course", str(course_dir.root), "import-moodle", "04_cnn", str(z)]) == 0
    out = capsys.readouterr().out
    assert "3 Abgaben nach submitted/<student>/04_cnn/ übernommen, 2 mit umbenannter Datei" in out
    assert "Eva Fremd_105_assignsubmission_file_ (in der Teilnehmerliste nicht gefunden)" in out
    assert "mehrdeutig: s04, s05" in out
    sub = course_dir.submitted_dir
    assert sorted(p.name for p in sub.iterdir()) == ["s01", "s02", "s03"]
    assert (sub / "s01/04_cnn/04_cnn.ipynb").is_file() and (sub / "s01/04_cnn/daten.csv").is_file()
    assert (sub / "s02/04_cnn/04_cnn.ipynb").is_file() and not (sub / "s02/04_cnn/04_cnn (1).ipynb").exists()
    assert json.loads((sub / "s02/04_cnn/moodle.json").read_text())["renamed"] == {"04_cnn.ipynb": "04_cnn (1).ipynb"}
    assert (sub / "s03/04_cnn/timestamp.txt").read_text() == "2027-01-08 21:15:00+01:00"  # the course time zone, written with its offset
    from autograder.reports.report import _file_problems

    assert _file_problems(course_dir, "s02", "04_cnn", "04_cnn") == [
        "Datei umbenannt: abgegeben als 04_cnn (1).ipynb, erwartet 04_cnn.ipynb"]
    # a second import does not overwrite what is there, unless --force
    report = import_moodle_zip(course_dir, "04_cnn", z)
    assert not report.imported and "gibt es schon" in report.skipped["Anna Beispiel_101_assignsubmission_file_"]
    assert len(import_moodle_zip(course_dir, "04_cnn", z, force=True).imported) == 3


def test_flat_layout_and_errors(course_dir, tmp_path):
    nb = b'{"cells": []}'
    z = moodle_zip(tmp_path / "flach.zip", {"Anna Beispiel_101_assignsubmission_file_04_cnn.ipynb": nb,
                                           "../../evil_1_assignsubmission_file_x.ipynb": nb})
    report = import_moodle_zip(course_dir, "04_cnn", z)
    assert list(report.imported) == ["s01"] and (course_dir.submitted_dir / "s01/04_cnn/04_cnn.ipynb").is_file()
    assert not (tmp_path / "evil_1_assignsubmission_file_x.ipynb").exists()
    (tmp_path / "kein.zip").write_text("nope")
    with pytest.raises(CourseError, match="not a zip"):
        import_moodle_zip(course_dir, "04_cnn", tmp_path / "kein.zip")
