"""Grading quizzes into the same results, gradebook, feedback and exports as the exercises.

A submission is graded against the variant of its *owner*: the student whose folder
``submitted/<student>/<quiz>/`` it is (or ``--student`` for a single file). Whatever the
notebook says about its student is at most reported, never used, so answers copied from
another student's variant are scored against the owner's own numbers.

Answers are read from the cells' text (:mod:`autograder.quiz.answers`); no student code
runs. Each question becomes an :class:`~autograder.results.ItemResult` under the grade id
``test_<qid>``; the batch pipeline (``autograder.grading.batch``) then writes what it writes
for the exercises: the autograded notebook, ``results.json``, the gradebook and a run record.
"""

from __future__ import annotations

import time
from pathlib import Path

from autograder.course import Course
from autograder.notebook import NotebookError, read_notebook
from autograder.quiz import render
from autograder.quiz.answers import Answer, describe, read_answers
from autograder.quiz.course import language, show_answers
from autograder.quiz.questions import Quiz
from autograder.quiz.text import T
from autograder.results import CaseResult, GradeResult, ItemResult


def grade(course: Course, quiz: Quiz, path: str | Path, student: str) -> GradeResult:
    """Grade one quiz notebook file as the submission of ``student``."""
    lang = language(course)
    show = show_answers(course, quiz.id)
    started = time.perf_counter()
    result = GradeResult(quiz.id, quiz.id, student)
    instances = quiz.instances(student)
    try:
        nb = read_notebook(path)
    except NotebookError as exc:
        nb, result.status, result.message = None, "invalid", str(exc)
    answers = read_answers(nb, {i.answer_id: i.var for i in instances}) if nb is not None else {}
    if nb is not None:
        result.message = T(f"Bewertet mit der Quiz-Variante von {student}; die Antworten wurden aus den Zellen "
                           "gelesen, kein Code ausgeführt.", f"Graded with the quiz variant of {student}; answers "
                           "were read from the cells, no code was run.").get(lang)
        result.problems = [p.get(lang) for p in _origin_problems(nb, quiz, student)]
    for inst in instances:
        answer = answers.get(inst.answer_id, Answer())
        if nb is None:
            fraction, message = 0.0, T(f"Nicht bewertet: {result.message}", f"Not graded: {result.message}")
        elif answer.error is not None:
            fraction, message = 0.0, T("Die Antwort ließ sich nicht lesen. ", "The answer could not be read. ") \
                + answer.error
        elif not answer.given:
            fraction, message = 0.0, T("Keine Antwort abgegeben.", "No answer given.")
        else:
            try:
                scored = inst.score(answer.value, show)
                fraction, message = max(0.0, min(1.0, float(scored.fraction))), scored.message
            except Exception:  # noqa: BLE001 - an answer the scoring cannot handle is wrong, never a crash
                fraction, message = 0.0, T("Die Antwort lässt sich nicht mit der Lösung vergleichen.",
                                           "The answer cannot be compared with the solution.")
        question = inst.question
        label = T(f"Frage {inst.number}: ", f"Question {inst.number}: ") + question.title_for(inst.params)
        case = CaseResult(f"{question.id}#1", label.get(lang), False, 1.0, fraction, message.get(lang))
        note = (T("Ihre Antwort: ", "Your answer: ") + describe(answer.value)).get(lang) if answer.given else ""
        result.items.append(ItemResult(inst.grade_id, "autograded", question.points,
                                       round(question.points * fraction, 2), [case], note))
        if answer.given:
            result.answers[question.id] = describe(answer.value)
    result.execution_time = time.perf_counter() - started
    return result


def _origin_problems(nb, quiz: Quiz, student: str) -> list[T]:
    """What the notebook's own (student-editable) metadata says; informational only."""
    meta = nb.get("metadata", {}).get("autograder_quiz")
    if not isinstance(meta, dict):
        return []
    problems = []
    if meta.get("quiz") not in (None, quiz.id):
        problems.append(T(f"Das Notebook gehört zu einem anderen Quiz ({meta.get('quiz')}).",
                          f"The notebook belongs to another quiz ({meta.get('quiz')})."))
    owner = meta.get("student")
    if isinstance(owner, str) and owner and owner != student:
        problems.append(T(f"Dieses Notebook wurde für eine andere Kennung erzeugt ({owner}); bewertet wurde mit den "
                          f"Zahlen Ihrer eigenen Variante ({student}).",
                          f"This notebook was made for another id ({owner}); it was graded with the numbers of "
                          f"your own variant ({student})."))
    return problems


# ----------------------------------------------------------------------------- key
def _jsonable(value):
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in (sorted(value, key=str) if isinstance(value, set) else value)]
    return value


def key_document(course: Course, quiz: Quiz, student: str) -> dict:
    """One student's answer key: variant parameters, the answer to write, and why."""
    lang = language(course)
    questions = []
    for inst in quiz.instances(student):
        q = inst.question
        entry = {"number": inst.number, "id": q.id, "grade_id": inst.grade_id, "type": q.kind, "points": q.points,
                 "params": _jsonable(inst.params), "answer": _jsonable(inst.correct_answer()),
                 "answer_text": q.answer_text(inst).get(lang)}
        explanation = q.explanation(inst)
        if explanation is not None:
            entry["explanation"] = explanation.get(lang)
        questions.append(entry)
    return {"quiz": quiz.id, "title": quiz.title.get(lang), "student": student, "max_score": quiz.max_score,
            "questions": questions}


def key_notebook(quiz: Quiz, student: str, due: str | None = None):
    """The student's notebook with every answer cell filled in correctly (for instructors)."""
    answers = {inst.question.id: inst.correct_answer() for inst in quiz.instances(student)}
    return render.notebook(quiz, student, due=due, answers=answers)
