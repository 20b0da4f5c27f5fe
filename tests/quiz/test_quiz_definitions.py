"""The course's quizzes: one per lecture block, German with English, every type, a variant per student."""

import json

import nbformat
import pytest

from autograder.quiz import render
from autograder.quiz.course import quiz_settings
from quizlib import COURSE, QUIZ_IDS, quiz

BLOCKS = ["grundlagen", "mlp", "cnn", "clustering", "rnn_lstm", "generative", "training"]


def test_one_quiz_per_lecture_block():
    assert len(QUIZ_IDS) == 7
    assert [q.split("_", 1)[1] for q in QUIZ_IDS] == BLOCKS
    for quiz_id in QUIZ_IDS:
        assert quiz_settings(COURSE, quiz_id).get("due")


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_at_least_eight_questions_of_every_type(quiz_id):
    q = quiz(quiz_id)
    assert len(q.questions) >= 8
    assert {x.kind for x in q.questions} == {"single", "multiple", "numeric", "text"}
    assert any(x.parameterised for x in q.questions)
    assert q.title.de and q.title.en


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_every_question_in_german_and_english(quiz_id):
    for inst in quiz(quiz_id).instances("alice"):
        text, q = inst.text(), inst.question
        assert text.de.strip() and text.en.strip() and text.de != text.en, q.id
        assert q.hint_for(inst).de and q.hint_for(inst).en
        title = q.title_for(inst.params)
        assert title.de and title.en
        if q.kind in ("single", "multiple"):
            for option in q.shown(inst):
                assert getattr(option.text, "en", option.text), q.id


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_two_students_get_different_numbers(quiz_id):
    q = quiz(quiz_id)
    alice = {i.question.id: i.params for i in q.instances("alice") if i.question.parameterised}
    bob = {i.question.id: i.params for i in q.instances("bob") if i.question.parameterised}
    assert alice and alice != bob
    # and over a class, the parameterised questions really vary
    for question in (x for x in q.questions if x.parameterised):
        variants = {json.dumps(q.instance(f"s{i}", question, 1).params, sort_keys=True) for i in range(30)}
        assert len(variants) >= 5, question.id


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_notebooks_same_cells_and_points_for_everyone_and_no_key(quiz_id):
    q = quiz(quiz_id)
    generic = render.notebook(q, None)

    def structure(nb):
        return [(c.cell_type, c.metadata["nbgrader"]["grade_id"], c.metadata["nbgrader"].get("points"))
                for c in nb.cells]

    for student in ("alice", "bob"):
        nb = render.notebook(q, student, due="2027-01-08 23:59:00")
        nbformat.validate(nb)
        assert structure(nb) == structure(generic)
        assert nb.metadata["autograder_quiz"] == {"quiz": quiz_id, "student": student}
        answers = [c for c in nb.cells if c.metadata["nbgrader"]["solution"]]
        assert len(answers) == len(q.questions) and all(c.source.endswith(" = None") for c in answers)
        text = render.dumps(nb)
        for leak in ("Richtige Antwort", "Lösungsweg", "Correct answer", "Worked solution", "correct\": true"):
            assert leak not in text
        for inst in q.instances(student):   # no worked solution of this variant is in its notebook
            explanation = inst.question.explanation(inst)
            assert explanation is None or explanation.de not in text
    points = sum(c.metadata["nbgrader"].get("points", 0) for c in generic.cells)
    assert points == q.max_score


def test_rendering_is_deterministic_and_shows_the_variant():
    q = quiz("q3_cnn")
    assert render.dumps(render.notebook(q, "alice")) == render.dumps(render.notebook(q, "alice"))
    alice, bob = render.notebook(q, "alice"), render.notebook(q, "bob")
    assert render.dumps(alice) != render.dumps(bob)
    inst = next(i for i in q.instances("alice") if i.question.id == "conv_ausgabe")
    p = inst.params
    assert f"({p['h']}, {p['w']}, {p['c']})" in render.dumps(alice)
    assert "<details><summary>English</summary>" in render.dumps(alice)
