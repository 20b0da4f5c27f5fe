"""A quiz as an nbgrader notebook: one per student (their variant), or the generic one.

Every question becomes three cells with the same grade ids for every student:

* ``<qid>_frage`` (markdown, locked): the question in German, the English rendering folded
  below it, and the answer format;
* ``<qid>`` (code, answer cell): ``antwort_<n> = None``, to be replaced by a literal;
* ``test_<qid>`` (code, locked, the points): a format check for the student's kernel. It
  never knows the key; the grade is decided after submission (``autograder.quiz.grade``).

The generic notebook (``student=None``) has the same cells and points without a variant's
text; it registers the quiz in nbgrader's gradebook.
"""

from __future__ import annotations

import json

import nbformat

from autograder.quiz.questions import Instance, Quiz
from autograder.quiz.text import T

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

SETUP = """\
# Formatprüfung der Antworten / answer format check (bewertet wird erst nach der Abgabe)
try:
    from autograder.quiz.student import pruefe
except ImportError:  # ohne das Kurspaket / without the course package
    def pruefe(antwort, kind, **spec):
        print("Antwort gespeichert / answer stored:", repr(antwort))"""

HOW_TO = T(
    """**So beantworten Sie die Fragen.** Unter jeder Frage steht eine Antwortzelle wie `antwort_3 = None`.
Ersetzen Sie `None` durch Ihre Antwort und führen Sie die Zelle und die Prüfzelle darunter aus:

- *Einfachauswahl:* ein Buchstabe als Text, z. B. `antwort_1 = "b"`.
- *Mehrfachauswahl:* alle zutreffenden Buchstaben als Liste, z. B. `antwort_2 = ["a", "c"]`. Jede falsch
  gewählte Option hebt eine richtige auf; weniger als 0 Punkte gibt es für eine Frage nicht.
- *Zahl:* z. B. `antwort_3 = 3200` oder `0.25` (Dezimalpunkt, kein Tausendertrennzeichen), Formen als Tupel
  wie `(14, 14, 64)`. Rechnen ist erlaubt: `antwort_3 = (7*7*1 + 1) * 64`.
- *Kurzantwort:* ein Text in Anführungszeichen, z. B. `antwort_4 = "Softmax"`.

Beim Bewerten wird nur der Wert rechts vom `=` gelesen; Variablen, Funktionen und Imports werden nicht
ausgeführt. Die Prüfzelle unter jeder Antwort prüft nur das Format, nicht, ob die Antwort stimmt.

**Ihre Zahlen sind persönlich.** Die Zahlen in den Fragen (Bildgrößen, Filter, Datensätze, …) werden aus
Ihrer Kennung erzeugt, und bewertet wird mit den Zahlen der Person, die abgibt. Antworten aus dem Notebook
einer anderen Person passen deshalb nicht zu Ihren Fragen.""",
    """**How to answer.** Below each question there is an answer cell such as `antwort_3 = None`. Replace
`None` with your answer and run the cell and the check cell below it:

- *Single choice:* one letter as a string, e.g. `antwort_1 = "b"`.
- *Multiple choice:* all letters that apply as a list, e.g. `antwort_2 = ["a", "c"]`. Each wrong choice
  cancels a correct one; a question never scores below 0 points.
- *Number:* e.g. `antwort_3 = 3200` or `0.25` (decimal point, no thousands separator), shapes as tuples such
  as `(14, 14, 64)`. Arithmetic is allowed: `antwort_3 = (7*7*1 + 1) * 64`.
- *Short answer:* a text in quotes, e.g. `antwort_4 = "Softmax"`.

Grading reads only the value to the right of `=`; variables, functions and imports are not run. The check
cell below each answer checks the format only, not whether the answer is right.

**Your numbers are personal.** The numbers in the questions (image sizes, filters, data sets, …) are
generated from your id, and grading uses the numbers of the person who submits. Answers from someone else's
notebook therefore do not fit your questions.""")


def _meta(grade_id: str, *, grade=False, solution=False, locked=True, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _points(points: float, lang: str) -> str:
    number = f"{points:g}"
    if lang == "en":
        return f"{number} point" + ("" if points == 1 else "s")
    return f"{number} Punkt" + ("" if points == 1 else "e")


def _intro(quiz: Quiz, student: str | None, due: str | None) -> str:
    def facts(lang: str) -> str:
        rows = [("Variante für", "Variant for", f"`{student}`" if student else "–"),
                ("Fragen", "Questions", f"{len(quiz.questions)} ({_points(quiz.max_score, lang)})")]
        if due:
            rows.append(("Abgabe bis", "Due", due))
        head = "| | |\n|---|---|\n"
        return head + "\n".join(f"| {de if lang == 'de' else en} | {value} |" for de, en, value in rows)

    intro = quiz.intro or T("", "")
    german = f"# {quiz.title.de}\n\n{facts('de')}\n\n{intro.de}\n\n{HOW_TO.de}".replace("\n\n\n\n", "\n\n")
    english = f"**{quiz.title.en or quiz.title.de}**\n\n{facts('en')}\n\n{intro.en}\n\n{HOW_TO.en}"
    english = english.replace("\n\n\n\n", "\n\n")
    return f"{german}\n\n<details><summary>English</summary>\n\n{english}\n\n</details>"


def _question_markdown(inst: Instance | None, number: int, quiz: Quiz, qid: str) -> str:
    question = quiz.question(qid)

    def block(lang: str) -> str:
        label = "Frage" if lang == "de" else "Question"
        head = f"{label} {number} · {question.kind_label.get(lang)} · {_points(question.points, lang)}"
        if inst is None:
            return f"### {head}\n\n" + ("(Text der persönlichen Variante)" if lang == "de" else "(variant text)")
        parts = [inst.text().get(lang), question.body(inst).get(lang)]
        fmt = "Antwortformat" if lang == "de" else "Answer format"
        parts.append(f"*{fmt}:* {question.hint_for(inst).get(lang)}")
        body = "\n\n".join(p for p in parts if p.strip())
        return (f"### {head}" if lang == "de" else f"**{head}**") + f"\n\n{body}"

    return f"{block('de')}\n\n<details><summary>English</summary>\n\n{block('en')}\n\n</details>"


def _check_call(inst: Instance) -> str:
    spec = inst.question.spec(inst)
    kind = spec.pop("kind")
    args = "".join(f", {k}={v!r}" for k, v in spec.items() if v is not None)
    return f"pruefe({inst.var}, {kind!r}{args})"


def notebook(quiz: Quiz, student: str | None, *, due: str | None = None,
             answers: dict | None = None) -> nbformat.NotebookNode:
    """The quiz notebook of ``student`` (``None``: the generic one for the gradebook).

    ``answers`` (question id → value) fills answer cells, e.g. for the instructor's key notebook.
    """
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["autograder_quiz"] = {"quiz": quiz.id, "student": student}
    cells = [nbformat.v4.new_markdown_cell(_intro(quiz, student, due), metadata=_meta("quiz_intro")),
             nbformat.v4.new_code_cell(SETUP, metadata=_meta("quiz_setup"))]
    instances = quiz.instances(student) if student is not None else quiz.instances("\x00generic")
    for inst in instances:
        q = inst.question
        shown = inst if student is not None else None
        cells.append(nbformat.v4.new_markdown_cell(_question_markdown(shown, inst.number, quiz, q.id),
                                                   metadata=_meta(f"{q.id}_frage")))
        value = (answers or {}).get(q.id)
        cells.append(nbformat.v4.new_code_cell(f"{inst.var} = {value!r}",
                                               metadata=_meta(q.id, solution=True, locked=False)))
        cells.append(nbformat.v4.new_code_cell(_check_call(inst),
                                               metadata=_meta(inst.grade_id, grade=True, points=q.points)))
    for cell in cells:  # stable cell ids: the same definition and student give the same file
        cell.id = cell.metadata["nbgrader"]["grade_id"]
    nb.cells = cells
    return nb


def dumps(nb) -> str:
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"
