"""Grade files for learning platforms, written from the gradebook's final scores.

* :func:`write_moodle_csv`: a CSV for Moodle's *Grades → Import → CSV file* (comma,
  UTF-8, decimal point in the score columns Moodle reads; one row per student, per
  assignment a score column and a feedback column that can be mapped to the grade item's
  feedback, in German with decimal commas, since students read it).
* :func:`write_ilias_csv`: a CSV that opens cleanly in a German Excel/LibreOffice and
  matches the columns of an ILIAS exercise's member list (semicolon, UTF-8 with BOM,
  decimal comma; one row per student and assignment: login, names, status, mark,
  comment, points, lateness).

Both cover exercises and quizzes alike (every unit with submissions, or the ones asked for).
Names and e-mails come from the gradebook, where ``autograde`` imports the roster
(``students.csv``); :func:`id_problems` lists the ids a platform would not accept.

Feedback texts are plain text (TA comments are Markdown in formgrader; LMS feedback fields
show it raw), and every text cell is neutralised against spreadsheet formulas
(:func:`~autograder.textfmt.csv_safe`).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from autograder.course import Course
from autograder.gradebook.scores import FinalScore, final_scores
from autograder.late import LatePolicy
from autograder.late import num as _num
from autograder.textfmt import csv_safe

# What the platforms accept as a login (Moodle without "allow extended characters in usernames";
# ILIAS's login rule), and the e-mail shape both need for matching by address.
MOODLE_USERNAME = re.compile(r"[a-z0-9_.@-]+")
ILIAS_LOGIN = re.compile(r"[A-Za-z0-9_.+*@!$%~-]{3,}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def id_problems(rows: list[FinalScore], fmt: str, id_field: str = "username") -> list[str]:
    """Students the platform could not match, one English line each (empty when all fit)."""
    out, seen = [], set()
    for r in rows:
        if r.student in seen:
            continue
        seen.add(r.student)
        if fmt == "moodle" and id_field == "username" and not MOODLE_USERNAME.fullmatch(r.student):
            out.append(f"{r.student}: not a Moodle username (lower-case letters, digits, _ - . @ only); "
                       "use --id-field email or idnumber, or fix the id")
        elif fmt == "moodle" and id_field == "email" and not EMAIL.fullmatch(r.email or ""):
            out.append(f"{r.student}: no valid e-mail address in the roster ({r.email or 'empty'})")
        elif fmt == "moodle" and id_field == "idnumber" and not r.lms_user_id:
            out.append(f"{r.student}: no lms_user_id in the roster (Moodle's ID number)")
        elif fmt == "ilias" and not ILIAS_LOGIN.fullmatch(r.student):
            out.append(f"{r.student}: not an ILIAS login (at least 3 of A-Z a-z 0-9 _ . + * @ ! $ % ~ -)")
    return out


def write_moodle_csv(rows: list[FinalScore], target: Path, id_field: str = "username") -> Path:
    """Moodle gradebook import: one row per student, per assignment '<title>' and 'Feedback: <title>'.

    ``id_field`` names the column Moodle maps the students by: ``username`` (the nbgrader
    student id), ``email`` or ``idnumber`` (nbgrader's lms_user_id).
    """
    ident = {"username": "Username", "email": "Email address", "idnumber": "ID number"}
    if id_field not in ident:
        raise ValueError(f"id_field must be one of {', '.join(ident)}")
    assignments, students = _layout(rows)
    header = [ident[id_field], "First name", "Last name"]
    for name, title in assignments:
        header += [_moodle_item(name, title), f"Feedback: {_moodle_item(name, title)}"]
    by_key = {(r.student, r.assignment): r for r in rows}
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for student in students:
            first = next(r for r in rows if r.student == student)
            key = {"username": student, "email": first.email, "idnumber": first.lms_user_id}[id_field]
            line = [csv_safe(key), csv_safe(first.first_name), csv_safe(first.last_name)]
            for name, _ in assignments:
                row = by_key.get((student, name))
                line += [_num(row.score) if row else "", csv_safe(row.summary(comma=True)) if row else ""]
            writer.writerow(line)
    return target


def _moodle_item(name: str, title: str) -> str:
    return f"{name} {title}".strip() if title and title != name else name


def write_ilias_csv(rows: list[FinalScore], target: Path, pass_fraction: float = 0.5,
                    policy: LatePolicy | None = None) -> Path:
    """ILIAS-friendly CSV (German Excel dialect): one row per student and assignment.

    Status is ``bestanden`` at ``pass_fraction`` of the points or more, ``nicht bestanden``
    below, ``nicht bewertet`` while answers still wait for a TA or nothing was submitted.
    """
    when = (policy or LatePolicy()).when  # times as the course reads them (its time zone)
    header = ["Login", "Nachname", "Vorname", "E-Mail", "Übungseinheit", "Status", "Note", "Punkte",
              "Max. Punkte", "Automatisch", "Tutor:innen", "Abgabe", "Frist", "Tage verspätet",
              "Abzug Verspätung", "Kommentar"]
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        order = _order(rows)
        for r in sorted(rows, key=lambda r: (r.student, order.index(r.assignment))):
            if not r.submitted or r.pending:
                status = "nicht bewertet"
            else:
                status = "bestanden" if r.max_score and r.score >= pass_fraction * r.max_score - 1e-9 \
                    else "nicht bestanden"
            writer.writerow([_text(r.student), _text(r.last_name), _text(r.first_name), _text(r.email),
                             _text(r.assignment), status,
                             f"{_num(r.score, comma=True)} / {_num(r.max_score, comma=True)}",
                             _num(r.score, comma=True), _num(r.max_score, comma=True),
                             _num(r.auto_score, comma=True), _num(r.manual_score, comma=True),
                             when(r.timestamp) if r.submitted else "", when(r.due) if r.due else "",
                             r.days_late, _num(r.late_penalty, comma=True), _text(r.summary(comma=True))])
    return target


def _text(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: keep such text text."""
    return csv_safe(value)


def _order(rows: list[FinalScore]) -> list[str]:
    seen = []
    for r in rows:
        if r.assignment not in seen:
            seen.append(r.assignment)
    return seen


def _layout(rows: list[FinalScore]) -> tuple[list[tuple[str, str]], list[str]]:
    assignments = []
    for r in rows:
        if (r.assignment, r.title) not in assignments:
            assignments.append((r.assignment, r.title))
    students = sorted({r.student for r in rows})
    return assignments, students


def export_lms(course: Course, fmt: str, target: Path | None = None, assignments: list[str] | None = None,
               **options) -> Path:
    rows = final_scores(course, assignments)
    if fmt == "moodle":
        target = target or course.root / "exports" / "moodle.csv"
        return write_moodle_csv(rows, target, id_field=options.get("id_field", "username"))
    if fmt == "ilias":
        target = target or course.root / "exports" / "ilias.csv"
        return write_ilias_csv(rows, target, pass_fraction=options.get("pass_fraction", 0.5),
                               policy=course.late_policy)
    raise ValueError(f"unknown format {fmt!r} (moodle or ilias)")
