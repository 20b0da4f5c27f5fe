"""Final scores from the gradebook, lateness, and grade files for learning platforms.

* :func:`final_scores` reads nbgrader's gradebook (automatic and manual scores, TA
  comments, the late penalty stored by ``autograde``) into one row per student and
  assignment. Every export is written from these rows, so all files agree with the
  gradebook and with nbgrader's own CSV (``autograder export``).
* :func:`write_moodle_csv`: a CSV for Moodle's *Grades → Import → CSV file* (comma,
  UTF-8, decimal point; one row per student, per assignment a score column and a
  feedback column that can be mapped to the grade item's feedback).
* :func:`write_ilias_csv`: a CSV that opens cleanly in a German Excel/LibreOffice and
  matches the columns of an ILIAS exercise's member list (semicolon, UTF-8 with BOM,
  decimal comma; one row per student and assignment: login, names, status, mark,
  comment, points, lateness).
* :func:`late_info` / :func:`late_note`: the course's due date and late policy applied to a
  submission time, for display in notebooks, feedback, reports and exports.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from autograder.config import Course
from autograder.submissions import late_days, parse_timestamp


# -- lateness --------------------------------------------------------------------------

@dataclass
class LateInfo:
    due: dt.datetime | None
    timestamp: dt.datetime | None
    days_late: int
    per_day: float
    max_days: int

    @property
    def late(self) -> bool:
        return self.days_late > 0


def late_info(course: Course, assignment: str, timestamp: dt.datetime | None) -> LateInfo:
    due_text = course.assignment(assignment).get("due")
    return LateInfo(parse_timestamp(due_text) if due_text else None, timestamp,
                    late_days(course, assignment, timestamp),
                    float(course.setting("LATE_PENALTY_PER_DAY", 0.1)), int(course.setting("LATE_MAX_DAYS", 7)))


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%d.%m.%Y %H:%M") if value else "–"


def late_policy_text(course: Course) -> str:
    per_day = float(course.setting("LATE_PENALTY_PER_DAY", 0.1))
    max_days = int(course.setting("LATE_MAX_DAYS", 7))
    return (f"je angefangenem Tag nach der Frist {_num(per_day * 100)} % der erreichten Punkte Abzug, "
            f"nach mehr als {max_days} Tagen 0 Punkte")


def late_note(course: Course, assignment: str, timestamp: dt.datetime | None, penalty: float) -> str:
    """One German sentence on a late submission ('' when it was on time)."""
    info = late_info(course, assignment, timestamp)
    if not info.late:
        return ""
    days = "1 angefangenen Tag" if info.days_late == 1 else f"{info.days_late} angefangene Tage"
    return (f"Verspätete Abgabe: abgegeben am {_when(info.timestamp)}, Frist {_when(info.due)} – {days} zu spät. "
            f"Regel: {late_policy_text(course)}. Abzug: {_num(penalty)} Punkte.")


def _num(value: float | None, comma: bool = False) -> str:
    if value is None:
        return ""
    text = f"{round(float(value), 4):g}"
    return text.replace(".", ",") if comma else text


# -- final scores ------------------------------------------------------------------------

@dataclass
class ItemScore:
    notebook: str
    grade_id: str
    kind: str                  # "autograded" or "manual"
    auto_score: float | None
    manual_score: float | None
    score: float
    max_score: float
    needs_manual_grade: bool
    comment: str = ""          # the TA's comment (manual_comment), if any


@dataclass
class FinalScore:
    assignment: str
    title: str
    student: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""
    submitted: bool = False
    timestamp: dt.datetime | None = None
    due: dt.datetime | None = None
    days_late: int = 0
    raw_score: float = 0.0
    late_penalty: float = 0.0
    score: float = 0.0
    max_score: float = 0.0
    items: list[ItemScore] = field(default_factory=list)

    @property
    def auto_score(self) -> float:
        return round(sum(i.score for i in self.items if i.kind == "autograded"), 4)

    @property
    def manual_score(self) -> float:
        return round(sum(i.score for i in self.items if i.kind == "manual"), 4)

    @property
    def pending(self) -> list[ItemScore]:
        """Items that still wait for a TA (manual answers without a manual score)."""
        return [i for i in self.items if i.kind == "manual" and i.manual_score is None]

    @property
    def comments(self) -> list[tuple[str, str]]:
        return [(i.grade_id, i.comment) for i in self.items if i.comment]

    def summary(self, comma: bool = False) -> str:
        """German one-paragraph summary for an LMS feedback field (``comma``: decimal comma)."""
        if not self.submitted:
            return "Keine Abgabe."
        n = lambda v: _num(v, comma)  # noqa: E731
        parts = [f"{n(self.score)} von {n(self.max_score)} Punkten "
                 f"(automatisch bewertet {n(self.auto_score)}, von Tutor:innen {n(self.manual_score)}"
                 + (f", Abzug für {self.days_late} Tag(e) Verspätung {n(self.late_penalty)}"
                    if self.late_penalty else "") + ")."]
        if self.pending:
            parts.append(f"Noch nicht bewertet: {', '.join(i.grade_id for i in self.pending)}.")
        for grade_id, comment in self.comments:
            parts.append(f"Kommentar zu {grade_id}: {' '.join(comment.split())}")
        return " ".join(parts)


def final_scores(course: Course, assignments: list[str] | None = None,
                 students: list[str] | None = None) -> list[FinalScore]:
    """One row per student and assignment from nbgrader's gradebook.

    Every student in the gradebook gets a row for every requested assignment (0 points
    when nothing was submitted, as in nbgrader's CSV export); without ``assignments``,
    the assignments with at least one submission, in course order. ``score`` is nbgrader's:
    raw score (automatic + manual + extra credit) minus the stored late penalty, never
    below 0.
    """
    from nbgrader.api import MissingEntry

    from autograder import nbgrader_adapter

    rows = []
    with nbgrader_adapter.gradebook(course) as gb:
        if assignments:
            names = list(assignments)
            for name in names:
                course.assignment(name)
        else:  # only assignments somebody submitted: a column of zeros would overwrite an LMS's grades
            graded = {a.name for a in gb.assignments if a.submissions}
            names = [a for a in course.assignments if a in graded]
        people = [s for s in gb.students if not students or s.id in students]
        for name in names:
            spec = course.assignment(name)
            try:
                db_assignment = gb.find_assignment(name)
                max_score = float(db_assignment.max_score or 0)
            except MissingEntry:
                max_score = 0.0
            due = parse_timestamp(spec["due"]) if spec.get("due") else None
            for person in sorted(people, key=lambda s: s.id):
                row = FinalScore(name, spec.get("title", name), person.id, person.first_name or "",
                                 person.last_name or "", person.email or "", person.lms_user_id or "",
                                 due=due, max_score=max_score)
                try:
                    sub = gb.find_submission(name, person.id)
                except MissingEntry:
                    rows.append(row)
                    continue
                row.submitted = True
                row.timestamp = sub.timestamp
                row.days_late = late_days(course, name, sub.timestamp)
                row.raw_score = round(float(sub.score or 0), 4)
                row.late_penalty = round(float(sub.late_submission_penalty or 0), 4)
                row.score = round(max(0.0, row.raw_score - row.late_penalty), 4)
                for nb in sorted(sub.notebooks, key=lambda n: n.name):
                    kinds = _item_kinds(course, name, nb.name)
                    order = list(kinds)
                    comments = {c.name: (c.manual_comment or "") for c in nb.comments}
                    grades = sorted(nb.grades, key=lambda g: order.index(g.name) if g.name in order else len(order))
                    for grade in grades:
                        row.items.append(ItemScore(
                            nb.name, grade.name, kinds.get(grade.name, "autograded"), grade.auto_score,
                            grade.manual_score, float(grade.score or 0), float(grade.max_score or 0),
                            bool(grade.needs_manual_grade), comments.pop(grade.name, "")))
                    # TA comments on code answer cells (no points of their own) belong to the row too
                    for cname, text in comments.items():
                        if text:
                            row.items.append(ItemScore(nb.name, cname, "comment", None, None, 0.0, 0.0, False,
                                                       text))
                rows.append(row)
    return rows


def _item_kinds(course: Course, assignment: str, notebook: str) -> dict[str, str]:
    """grade_id -> 'autograded' | 'manual', in notebook order, from the source notebook."""
    from autograder.notebook import NotebookError, load_source

    try:
        return {i.grade_id: i.kind for i in load_source(course.source_path(assignment, notebook)).items}
    except (NotebookError, OSError):
        return {}


# -- files ---------------------------------------------------------------------------------

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
            line = [key, first.first_name, first.last_name]
            for name, _ in assignments:
                row = by_key.get((student, name))
                line += [_num(row.score) if row else "", row.summary() if row else ""]
            writer.writerow(line)
    return target


def _moodle_item(name: str, title: str) -> str:
    return f"{name} {title}".strip() if title and title != name else name


def write_ilias_csv(rows: list[FinalScore], target: Path, pass_fraction: float = 0.5) -> Path:
    """ILIAS-friendly CSV (German Excel dialect): one row per student and assignment.

    Status is ``bestanden`` at ``pass_fraction`` of the points or more, ``nicht bestanden``
    below, ``nicht bewertet`` while answers still wait for a TA or nothing was submitted.
    """
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
                             r.assignment, status,
                             f"{_num(r.score, comma=True)} / {_num(r.max_score, comma=True)}",
                             _num(r.score, comma=True), _num(r.max_score, comma=True),
                             _num(r.auto_score, comma=True), _num(r.manual_score, comma=True),
                             _when(r.timestamp) if r.submitted else "", _when(r.due) if r.due else "",
                             r.days_late, _num(r.late_penalty, comma=True), _text(r.summary(comma=True))])
    return target


def _text(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: keep such text text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


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
        return write_ilias_csv(rows, target, pass_fraction=options.get("pass_fraction", 0.5))
    raise ValueError(f"unknown format {fmt!r} (moodle or ilias)")
