"""Final scores from nbgrader's gradebook: one row per student and assignment.

Every export and the class report are written from these rows, so all files agree with the
gradebook and with nbgrader's own CSV (``autograder export``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from autograder.course import Course
from autograder.late import num as _num
from autograder.textfmt import de_num, plain_text

UTC = dt.timezone.utc


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
    timestamp: dt.datetime | None = None   # aware (UTC)
    due: dt.datetime | None = None         # aware; the student's, with an extension if granted
    days_late: int = 0
    extension: dt.timedelta | None = None
    kind: str = "exercise"                 # or "quiz"
    raw_score: float = 0.0
    late_penalty: float = 0.0
    score: float = 0.0
    max_score: float = 0.0
    items: list[ItemScore] = field(default_factory=list)

    @property
    def overridden(self) -> list[ItemScore]:
        """Autograded cells whose score a TA set by hand in formgrader."""
        return [i for i in self.items if i.kind == "autograded" and i.manual_score is not None]

    @property
    def auto_score(self) -> float:
        """Points the tests decided (autograded cells no TA has overridden)."""
        return round(sum(i.score for i in self.items if i.kind == "autograded" and i.manual_score is None), 4)

    @property
    def manual_score(self) -> float:
        """Points TAs decided: free-text answers plus autograded cells they overrode."""
        return round(sum(i.score for i in self.items if i.kind == "manual") + sum(i.score for i in self.overridden),
                     4)

    @property
    def pending(self) -> list[ItemScore]:
        """Items that still wait for a TA (manual answers without a manual score)."""
        return [i for i in self.items if i.kind == "manual" and i.manual_score is None]

    @property
    def comments(self) -> list[tuple[str, str]]:
        return [(i.grade_id, i.comment) for i in self.items if i.comment]

    def summary(self, comma: bool = False) -> str:
        """German plain-text paragraph for an LMS feedback field (``comma``: decimal comma).

        TA comments are Markdown in formgrader; LMS feedback fields show plain text, so the
        Markdown is reduced to its words. A TA's override of an autograded cell is reported as
        such, never as "automatisch bewertet".
        """
        if not self.submitted:
            return "Keine Abgabe."
        n = (lambda v: de_num(v)) if comma else (lambda v: _num(v))  # noqa: E731
        parts = [f"{n(self.score)} von {n(self.max_score)} Punkten "
                 f"(automatisch bewertet {n(self.auto_score)}, von Tutor:innen {n(self.manual_score)}"
                 + (f", Abzug für {self.days_late} {'Tag' if self.days_late == 1 else 'Tage'} Verspätung "
                    f"{n(self.late_penalty)}"
                    if self.late_penalty else "") + ")."]
        if self.overridden:
            parts.append("Von Tutor:innen angepasst: " + ", ".join(
                f"{i.grade_id} {n(i.score)} statt {n(i.auto_score or 0)} Punkte" for i in self.overridden) + ".")
        if self.pending:
            parts.append(f"Noch nicht bewertet: {', '.join(i.grade_id for i in self.pending)}.")
        for grade_id, comment in self.comments:
            parts.append(f"Kommentar zu {grade_id}: {plain_text(comment)}")
        return " ".join(parts)


def final_scores(course: Course, assignments: list[str] | None = None,
                 students: list[str] | None = None) -> list[FinalScore]:
    """One row per student and unit (exercise or quiz) from nbgrader's gradebook.

    Every student in the gradebook gets a row for every requested unit (0 points when nothing
    was submitted, as in nbgrader's CSV export); without ``assignments``, the units with at
    least one submission, in course order. ``score`` is nbgrader's: raw score (automatic +
    manual + extra credit) minus the stored late penalty, never below 0. Days late are the
    course's late policy (time zone, extension) applied to the stored submission time.
    """
    from nbgrader.api import MissingEntry

    from autograder.gradebook import adapter as nbgrader_adapter

    rows = []
    policy = course.late_policy
    with nbgrader_adapter.gradebook(course) as gb:
        if assignments:
            names = list(assignments)
            for name in names:
                course.unit(name)
        else:  # only units somebody submitted: a column of zeros would overwrite an LMS's grades
            graded = {a.name for a in gb.assignments if any(_handed_in(s) for s in a.submissions)}
            names = [u for u in course.units if u in graded]
        people = [s for s in gb.students if not students or s.id in students]
        for name in names:
            unit = course.unit(name)
            try:
                max_score = float(gb.find_assignment(name).max_score or 0)
            except MissingEntry:
                max_score = 0.0
            for person in sorted(people, key=lambda s: s.id):
                row = FinalScore(name, unit.title, person.id, person.first_name or "",
                                 person.last_name or "", person.email or "", person.lms_user_id or "",
                                 due=unit.due, max_score=max_score, kind=unit.kind)
                try:
                    sub = gb.find_submission(name, person.id)
                except MissingEntry:
                    rows.append(row)
                    continue
                row.extension = sub.extension or None
                if unit.due is not None and row.extension:
                    row.due = unit.due + row.extension
                if not _handed_in(sub):  # only an extension so far
                    rows.append(row)
                    continue
                row.submitted = True
                row.timestamp = sub.timestamp.replace(tzinfo=UTC) if sub.timestamp else None
                row.days_late = policy.days_late(row.due, row.timestamp)
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


def _handed_in(sub) -> bool:
    """A stored submission, not just the empty record an extension needs."""
    if sub.timestamp is not None:
        return True
    return any(g.auto_score is not None or g.manual_score is not None for nb in sub.notebooks for g in nb.grades)


def _item_kinds(course: Course, unit: str, notebook: str) -> dict[str, str]:
    """grade_id -> 'autograded' | 'manual', in notebook order, from the source notebook (quizzes: all autograded)."""
    from autograder.notebook import NotebookError, load_source

    if course.unit(unit).is_quiz:
        return {}
    try:
        return {i.grade_id: i.kind for i in load_source(course.source_path(unit, notebook)).items}
    except (NotebookError, OSError):
        return {}
