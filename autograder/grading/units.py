"""What differs between an exercise and a quiz, in one place (everything else treats units alike).

* :func:`graded_items`: the graded cells with their kind and points, in notebook order;
* :func:`tests_digest`: changes when the unit's tests change (source notebooks / quiz definition),
  so ``autograde`` can tell that stored grades were computed with other tests;
* :func:`base_notebook`: what an autograded notebook is built from (the release notebook, or
  the student's own quiz variant);
* :func:`rubrics`: TA-only model answers next to manually graded answers (exercises only).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import nbformat

from autograder.course import Course, CourseError, Unit
from autograder.notebook import NotebookError, load_source, read_notebook
from autograder.notebook import rubrics as notebook_rubrics
from autograder.results import GradeResult, ItemResult


@dataclass
class Item:
    notebook: str
    grade_id: str
    kind: str        # "autograded" or "manual"
    points: float


def graded_items(course: Course, unit: Unit) -> list[Item]:
    if unit.is_quiz:
        from autograder.quiz.course import load_quiz

        quiz = load_quiz(course, unit.id)
        return [Item(unit.id, f"test_{q.id}", "autograded", q.points) for q in quiz.questions]
    items = []
    for nb in unit.notebooks:
        try:
            source = load_source(course.source_path(unit.id, nb))
        except NotebookError as exc:
            raise CourseError(f"{course.source_path(unit.id, nb).relative_to(course.root)}: {exc}") from None
        items += [Item(nb, i.grade_id, i.kind, i.points) for i in source.items]
    return items


def ungraded(course: Course, unit: Unit, notebook: str, student: str, message: str) -> GradeResult:
    """The result stored for a notebook whose grading failed on the grader's side: every item with
    0 points (manual ones still open) and the reason, so the student is in the gradebook with a
    status, and ``autograde --force`` grades it again."""
    result = GradeResult(unit.id, notebook, student, status="internal", message=message)
    for item in graded_items(course, unit):
        if item.notebook == notebook:
            result.items.append(ItemResult(item.grade_id, item.kind, item.points,
                                           0.0 if item.kind == "autograded" else None, note=message))
    return result


def max_score(course: Course, unit: Unit) -> float:
    return round(sum(i.points for i in graded_items(course, unit)), 4)


def tests_digest(course: Course, unit: Unit) -> str:
    h = hashlib.sha256()
    if unit.is_quiz:
        h.update(course.quiz_definition_path(unit.id).read_bytes())
    else:
        for nb in unit.notebooks:
            path = course.source_path(unit.id, nb)
            h.update(nb.encode())
            h.update(path.read_bytes() if path.is_file() else b"<missing>")
    return h.hexdigest()[:16]


def base_notebook(course: Course, unit: Unit, notebook: str, student: str) -> nbformat.NotebookNode:
    """The notebook the student started from: their quiz variant, or the exercise's release."""
    if unit.is_quiz:
        from autograder.quiz import render
        from autograder.quiz.course import load_quiz

        return render.notebook(load_quiz(course, unit.id), student, due=course.late_policy.when(unit.due)
                               if unit.due else None)
    path = course.release_path(unit.id, notebook)
    if not path.is_file():
        raise CourseError(f"{path.relative_to(course.root)} is missing (run: autograder release {unit.id})")
    return read_notebook(path)


def rubrics(course: Course, unit: Unit, notebook: str) -> dict[str, str]:
    if unit.is_quiz:
        return {}
    try:
        return notebook_rubrics(read_notebook(course.source_path(unit.id, notebook)))
    except NotebookError:
        return {}
