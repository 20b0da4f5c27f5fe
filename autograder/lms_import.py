"""Submissions from a learning platform into nbgrader's ``submitted/<student>/<assignment>/``.

Moodle's assignment page offers *Download all submissions*: a zip with one folder per
participant, ``Vorname Nachname_12345_assignsubmission_file_/`` (12345 is Moodle's participant
number, not a student id), holding the uploaded files; without "download in folders" the files
sit at the top as ``Vorname Nachname_12345_assignsubmission_file_<name>``. Online-text parts
(``…_assignsubmission_onlinetext_``) carry no notebook and are skipped.

:func:`import_moodle_zip` maps each folder to a student of ``STUDENTS_FILE`` (nbgrader's
student CSV) by full name (either order of first and last name, case and accents as written)
or by e-mail, copies the files, names the notebook as the grader expects (a renamed upload is
recorded in ``moodle.json`` and shows up in the class report) and writes ``timestamp.txt``
from the time Moodle stored in the zip (the server's local time, like the due dates in
``course_config.py``). ILIAS's "download all" zip is unpacked the same way after renaming its
folders to the students' ids, or with any folder layout ``submitted/<id>/<assignment>/``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder.course import Course, CourseError
from autograder.notebook import match_renamed

_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<participant>\d+)_assignsubmission_(?P<plugin>file|onlinetext)_(?P<rest>.*)$")


@dataclass
class ImportReport:
    imported: dict[str, str] = field(default_factory=dict)   # student id -> Moodle folder
    renamed: dict[str, str] = field(default_factory=dict)    # student id -> the uploaded file name
    skipped: dict[str, str] = field(default_factory=dict)    # Moodle folder -> reason (German)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def students(course: Course) -> list[dict]:
    """Rows of ``STUDENTS_FILE`` (id, first_name, last_name, email), comment lines skipped."""
    name = course.setting("STUDENTS_FILE") or "students.csv"
    path = course.root / name
    if not path.is_file():
        raise CourseError(f"{name} (STUDENTS_FILE) is missing: import-moodle maps Moodle's names to its ids")
    with path.open(newline="", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
    return [row for row in csv.DictReader(lines) if (row.get("id") or "").strip()]


def _index(rows: list[dict], match: str) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for row in rows:
        sid = row["id"].strip()
        first, last = (row.get("first_name") or "").strip(), (row.get("last_name") or "").strip()
        keys = {_norm(row.get("email") or "")} if match == "email" else {_norm(f"{first} {last}"),
                                                                         _norm(f"{last} {first}")}
        for key in keys - {""}:
            index.setdefault(key, []).append(sid)
    return index


def _entries(zf: zipfile.ZipFile) -> dict[str, list[zipfile.ZipInfo]]:
    """Moodle folder name -> its files (both layouts: folders, or prefixed file names)."""
    groups: dict[str, list[zipfile.ZipInfo]] = {}
    for info in zf.infolist():
        if info.is_dir():
            continue
        parts = PurePosixPath(info.filename).parts
        if not parts or any(p in ("__MACOSX", ".ipynb_checkpoints") or p.startswith(".") for p in parts):
            continue
        if any(p == ".." for p in parts):
            continue
        head = parts[0]
        if len(parts) == 1:  # flat layout: "<name>_<id>_assignsubmission_file_<filename>"
            m = _FOLDER.match(head)
            if not m:
                continue
            groups.setdefault(f"{m['name']}_{m['participant']}_assignsubmission_{m['plugin']}_", []).append(info)
        else:
            groups.setdefault(head, []).append(info)
    return groups


def _file_name(info: zipfile.ZipInfo, folder: str) -> str:
    name = PurePosixPath(info.filename).name
    if name.startswith(folder):  # flat layout
        name = name[len(folder):]
    return name


def import_moodle_zip(course: Course, assignment: str, zip_path: Path, match: str = "name",
                      force: bool = False) -> ImportReport:
    notebooks = course.notebooks(assignment)
    if not zip_path.is_file():
        raise CourseError(f"no such file: {zip_path}")
    if match not in ("name", "email"):
        raise CourseError("match must be 'name' or 'email'")
    index = _index(students(course), match)
    report = ImportReport()
    try:
        zf = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile:
        raise CourseError(f"{zip_path} is not a zip file (Moodle: Download all submissions)") from None
    with zf:
        for folder, infos in sorted(_entries(zf).items()):
            m = _FOLDER.match(folder + ("" if folder.endswith("_") else "_"))
            if not m:
                report.skipped[folder] = "kein Moodle-Abgabeordner"
                continue
            if m["plugin"] != "file":
                report.skipped[folder] = "Online-Text, keine Datei"
                continue
            ids = index.get(_norm(m["name"]), [])
            if len(ids) != 1:
                report.skipped[folder] = ("in der Teilnehmerliste nicht gefunden" if not ids
                                          else f"mehrdeutig: {', '.join(ids)}")
                continue
            sid = ids[0]
            target = course.submitted_dir / sid / assignment
            if target.exists() and not force:
                report.skipped[folder] = f"submitted/{sid}/{assignment} gibt es schon (--force überschreibt)"
                continue
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            names = {}
            for info in infos:
                name = _file_name(info, folder)
                if not name:
                    continue
                dest = target / PurePosixPath(name).name   # the bare file name: nothing outside the folder
                dest.write_bytes(zf.read(info))
                names[dest.name] = info
            uploaded = sorted(n for n in names if n.endswith(".ipynb"))
            renamed = {}
            for nb, name in match_renamed(notebooks, uploaded).items():
                (target / name).rename(target / f"{nb}.ipynb")
                renamed[f"{nb}.ipynb"] = name
                report.renamed[sid] = name
            newest = max((dt.datetime(*info.date_time) for info in infos), default=None)
            if newest is not None:  # the server's wall clock, i.e. the course's time zone: written with its offset
                aware = newest.replace(tzinfo=course.late_policy.tz)  # in a DST fold: the earlier of the two
                (target / "timestamp.txt").write_text(aware.isoformat(sep=" ", timespec="seconds"))
            (target / "moodle.json").write_text(json.dumps(
                {"folder": folder, "participant": m["participant"], "renamed": renamed,
                 "files": sorted(names)}, ensure_ascii=False, indent=1), encoding="utf-8")
            report.imported[sid] = folder
    return report
