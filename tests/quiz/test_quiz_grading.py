"""Grading a quiz notebook: the owner's variant decides; copied answers score what they deserve."""

import json

import pytest

from autograder.quiz import render
from autograder.quiz.grade import grade, key_notebook
from quizlib import COURSE, QUIZ_IDS, quiz, quiz_course, with_answers, write

STUDENTS = ["alice", "bob", "s01", "Müller.M", "student-with-a-rather-long-id-0042"]


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_each_students_correct_answers_get_full_marks(quiz_id, tmp_path):
    q = quiz(quiz_id)
    for student in STUDENTS:
        path = write(tmp_path / student / f"{quiz_id}.ipynb", key_notebook(q, student))
        result = grade(COURSE, q, path, student)
        lost = {i.grade_id: i.feedback_text() for i in result.items if not i.passed}
        assert result.score == result.max_auto_score == q.max_score, lost
        assert result.status == "ok" and not result.problems


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_another_students_correct_answers_do_not_get_full_marks(quiz_id, tmp_path):
    q = quiz(quiz_id)
    path = write(tmp_path / f"{quiz_id}.ipynb", key_notebook(q, "alice"))
    copied = grade(COURSE, q, path, "bob")
    assert copied.score < q.max_score
    assert any("alice" in p and "bob" in p for p in copied.problems)
    alice = {i.question.id: i for i in q.instances("alice")}
    for inst, item in zip(q.instances("bob"), copied.items):
        assert item.grade_id == inst.grade_id
        # each answer is judged on its merits in bob's own variant, nothing else
        expected = inst.score(alice[inst.question.id].correct_answer()).fraction
        assert item.score == round(inst.question.points * expected, 2)
        if inst.question.parameterised and inst.question.kind == "numeric" and \
                not inst.question.same(inst.key(), alice[inst.question.id].key()):
            assert item.score < item.max_score, inst.question.id


def test_copying_pays_off_poorly_across_a_class(tmp_path):
    """Over 10 pairs of students, a copied notebook keeps well under half of the variant points."""
    kept, total = 0.0, 0.0
    for quiz_id in QUIZ_IDS:
        q = quiz(quiz_id)
        for n in range(10):
            owner, source = f"s{n:02d}", f"s{n + 10:02d}"
            path = write(tmp_path / quiz_id / source / f"{quiz_id}.ipynb", key_notebook(q, source))
            result = grade(COURSE, q, path, owner)
            for inst, item in zip(q.instances(owner), result.items):
                if inst.question.parameterised:
                    kept += item.score
                    total += item.max_score
    assert kept / total < 0.5


def test_the_id_written_in_the_notebook_is_ignored(tmp_path):
    q = quiz("q3_cnn")
    # bob's correct notebook claiming to be alice's: graded as bob's, full marks
    nb = key_notebook(q, "bob")
    nb.metadata["autograder_quiz"]["student"] = "alice"
    result = grade(COURSE, q, write(tmp_path / "a" / "q3_cnn.ipynb", nb), "bob")
    assert result.score == q.max_score
    # alice's correct notebook relabelled as bob's, submitted by bob: graded with bob's numbers
    nb = key_notebook(q, "alice")
    nb.metadata["autograder_quiz"]["student"] = "bob"
    del nb.metadata["autograder_quiz"]
    result = grade(COURSE, q, write(tmp_path / "b" / "q3_cnn.ipynb", nb), "bob")
    assert result.score < q.max_score


def test_blank_invalid_and_code_answers(tmp_path):
    q = quiz("q2_mlp")
    blank = grade(COURSE, q, write(tmp_path / "blank" / "q2_mlp.ipynb", render.notebook(q, "alice")), "alice")
    assert blank.score == 0 and blank.status == "ok"
    assert all("Keine Antwort" in i.cases[0].message for i in blank.items)

    broken = tmp_path / "broken" / "q2_mlp.ipynb"
    broken.parent.mkdir()
    broken.write_text("{ kein json")
    result = grade(COURSE, q, broken, "alice")
    assert result.status == "invalid" and result.score == 0 and "kein gültiges Notebook" in result.message

    marker = tmp_path / "ran"
    nb = with_answers(key_notebook(q, "alice"),
                      {"dense_parameter": f"antwort_8 = __import__('os').system('touch {marker}')"})
    result = grade(COURSE, q, write(tmp_path / "code" / "q2_mlp.ipynb", nb), "alice")
    item = next(i for i in result.items if i.grade_id == "test_dense_parameter")
    assert item.score == 0 and "nicht ausgewertet" in item.cases[0].message and not marker.exists()
    assert result.score == q.max_score - item.max_score


def test_answers_written_as_arithmetic_count(tmp_path):
    q = quiz("q3_cnn")
    inst = next(i for i in q.instances("alice") if i.question.id == "conv_parameter")
    p = inst.params
    nb = with_answers(render.notebook(q, "alice"),
                      {"conv_parameter": f"antwort_{inst.number} = ({p['k']}*{p['k']}*{p['c']} + 1) * {p['filters']}"})
    result = grade(COURSE, q, write(tmp_path / "q3_cnn.ipynb", nb), "alice")
    assert next(i for i in result.items if i.grade_id == "test_conv_parameter").passed


@pytest.mark.parametrize("setting,shown", [("SHOW_QUIZ_ANSWERS = True", True), ("SHOW_QUIZ_ANSWERS = False", False),
                                           ('QUIZZES["q3_cnn"]["show_answers"] = False', False)])
def test_instructors_choose_whether_correct_answers_are_shown(tmp_path, setting, shown):
    course = quiz_course(tmp_path, f"\n{setting}\n")
    q = quiz("q3_cnn")
    path = write(tmp_path / "q3_cnn.ipynb", key_notebook(q, "alice"))
    result = grade(course, q, path, "bob")
    wrong = [c.message for i in result.items for c in i.cases if c.fraction < 1]
    assert wrong
    assert all(("Richtige Antwort" in m) == shown for m in wrong)
    bob_keys = [str(i.correct_answer()) for i in q.instances("bob") if i.question.kind == "numeric"]
    text = json.dumps(result.to_gradescope(), ensure_ascii=False)
    assert shown or not any(f"Richtige Antwort: {k}" in text for k in bob_keys)


def test_feedback_in_english_when_the_course_says_so(tmp_path):
    course = quiz_course(tmp_path, '\nLANGUAGE = "en"\n')
    q = quiz("q1_grundlagen")
    result = grade(course, q, write(tmp_path / "q1.ipynb", render.notebook(q, "alice")), "alice")
    assert result.items[0].cases[0].message == "No answer given."
    assert result.items[0].cases[0].label.startswith("Question 1: ")


def test_results_have_the_exercises_shape(tmp_path):
    q = quiz("q4_clustering")
    result = grade(COURSE, q, write(tmp_path / "q4.ipynb", key_notebook(q, "alice")), "alice")
    assert [i.grade_id for i in result.items] == [f"test_{x.id}" for x in q.questions]
    assert all(i.kind == "autograded" for i in result.items)
    doc = result.to_gradescope()
    assert doc["score"] == doc["max_score"] == q.max_score
    assert sum(t["max_score"] for t in doc["tests"]) == doc["max_score"]
