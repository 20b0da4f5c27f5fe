"""Question types: scoring, partial credit, tolerance, rules, and what feedback reveals."""

import itertools

import pytest

from autograder.quiz import MultipleChoice, Numeric, Option, Quiz, Rule, ShortAnswer, SingleChoice, T
from quizlib import QUIZ_IDS, quiz


def _mc(n_right=3, n_wrong=3, penalty=1.0):
    options = [Option(f"richtig {i}", True) for i in range(n_right)] + \
              [Option(f"falsch {i}", False) for i in range(n_wrong)]
    return Quiz("t", "Test", [MultipleChoice("mc", "Welche?", options, penalty=penalty, points=2)])


@pytest.mark.parametrize("penalty", [0.0, 0.5, 1.0, 2.0])
@pytest.mark.parametrize("n_right,n_wrong", [(1, 3), (2, 2), (3, 3), (4, 1)])
def test_multiple_choice_never_below_zero_over_every_possible_answer(n_right, n_wrong, penalty):
    inst = _mc(n_right, n_wrong, penalty).instances("alice")[0]
    letters = inst.question.letters(inst)
    right = set(inst.correct_answer())
    for k in range(1, len(letters) + 1):
        for chosen in itertools.combinations(letters, k):
            fraction = inst.score(list(chosen)).fraction
            assert 0.0 <= fraction <= 1.0
            hits, wrong = len(right & set(chosen)), len(set(chosen) - right)
            assert fraction == pytest.approx(max(0.0, (hits - penalty * wrong) / n_right))
    assert inst.score(list(letters)).fraction == max(0.0, (n_right - penalty * n_wrong) / n_right)


def test_multiple_choice_partial_credit_and_wrong_picks_cost():
    inst = _mc(3, 3).instances("alice")[0]
    right = inst.correct_answer()
    wrong = sorted(set(inst.question.letters(inst)) - set(right))
    assert inst.score(right).fraction == 1.0
    assert inst.score(right[:2]).fraction == pytest.approx(2 / 3)
    assert inst.score(right[:2] + wrong[:1]).fraction == pytest.approx(1 / 3)
    assert inst.score(wrong).fraction == 0.0
    assert inst.score(", ".join(right)).fraction == 1.0          # "a, c, e" is accepted too
    assert inst.score("".join(right)).fraction == 1.0            # and "ace"


def test_every_multiple_choice_question_of_the_course_stays_within_0_and_1():
    for quiz_id in QUIZ_IDS:
        for inst in quiz(quiz_id).instances("alice"):
            if inst.question.kind != "multiple":
                continue
            letters = inst.question.letters(inst)
            for k in range(1, len(letters) + 1):
                for chosen in itertools.combinations(letters, k):
                    assert 0.0 <= inst.score(list(chosen)).fraction <= 1.0
            assert inst.score(inst.correct_answer()).fraction == 1.0


def test_single_choice_and_its_messages():
    q = Quiz("t", "Test", [SingleChoice("sc", "Welche?", [Option("ja", True), Option("nein"), Option("vielleicht")])])
    inst = q.instances("alice")[0]
    right = inst.correct_answer()
    other = next(x for x in "abc" if x != right)
    assert inst.score(right).fraction == 1.0
    assert inst.score(right.upper() + ")").fraction == 1.0
    wrong = inst.score(other)
    assert wrong.fraction == 0.0 and "Falsch" in wrong.message.de and "Wrong" in wrong.message.en
    assert "Richtige Antwort" in wrong.message.de
    assert "Richtige Antwort" not in inst.score(other, show=False).message.de
    assert "genau ein Buchstabe" in inst.score(["a", "b"]).message.de
    assert inst.score(3).fraction == 0.0


def test_options_are_shuffled_per_student_but_fixed_ones_stay():
    options = [Option(str(i), i == 0) for i in range(5)] + [Option("keine der genannten", fixed=True)]
    q = Quiz("t", "Test", [SingleChoice("sc", "?", options)])
    orders = {q.instances(f"s{i}")[0].order for i in range(30)}
    assert len(orders) > 10
    assert all(order[-1] == 5 for order in orders)


def _numeric(**kw):
    return Quiz("t", "Test", [Numeric("n", "Wie viel?", **kw)]).instances("alice")[0]


def test_numeric_exact_integers_and_forms():
    inst = _numeric(key=3200)
    for ok in (3200, 3200.0, "3200", "3 200", (7 * 7 + 1) * 64):
        assert inst.score(ok).fraction == 1.0, ok
    for bad in (3201, "3.200", None, "dreitausend", [3200, 1]):
        assert inst.score(bad).fraction == 0.0, bad
    assert "Tausenderpunkt" in inst.score(3.2).message.de


def test_numeric_tolerance():
    inst = _numeric(key=15.8113883, atol=0.01)
    assert inst.score(15.81).fraction == 1.0
    assert inst.score("15,81").fraction == 1.0
    assert inst.score(15.79).fraction == 0.0
    rel = _numeric(key=1000.0, rtol=1e-3)
    assert rel.score(1000.9).fraction == 1.0 and rel.score(1001.5).fraction == 0.0


def test_numeric_shapes_tuples_and_matrices():
    shape = _numeric(key=(14, 14, 64), size=3, shape=True)
    for ok in ((14, 14, 64), [14, 14, 64], (None, 14, 14, 64)):
        assert shape.score(ok).fraction == 1.0, ok
    assert shape.score((14, 14)).fraction == 0.0 and "Anzahl" in shape.score((14, 14)).message.de
    assert shape.score((15, 14, 64)).fraction == 0.0          # a shape is all or nothing
    part = _numeric(key=[[0, 3], [0, 2]], size=(2, 2), partial=True)
    assert part.score([[0, 3], [0, 2]]).fraction == 1.0
    assert part.score([[0, 3], [1, 1]]).fraction == 0.5
    assert part.score([0, 3, 0, 2]).fraction == 0.0            # must be a 2x2 matrix


def test_short_answers_by_rule():
    q = Quiz("t", "Test", [ShortAnswer(
        "s", "Welche Aktivierung?", accept=[r"relu", r"rectified linear( unit)?"], example="ReLU",
        reject=[Rule(r"leaky ?relu", 0.5, T("Fast.", "Almost."))])])
    inst = q.instances("alice")[0]
    for ok in ("ReLU", " relu. ", "Rectified Linear Unit", "RELU"):
        assert inst.score(ok).fraction == 1.0, ok
    assert inst.score("Leaky ReLU").fraction == 0.5 and "Fast" in inst.score("Leaky ReLU").message.de
    assert inst.score("sigmoid").fraction == 0.0
    assert inst.score("relu oder sigmoid").fraction == 0.0     # the whole answer must match
    assert inst.score(["relu"]).fraction == 0.0


def test_umlauts_are_folded_for_rules():
    q = Quiz("t", "Test", [ShortAnswer("s", "?", accept=[r"ausreisser(erkennung)?"], example="Ausreißererkennung")])
    inst = q.instances("alice")[0]
    assert inst.score("Ausreißer").fraction == 1.0 and inst.score("AUSREISSERERKENNUNG").fraction == 1.0


@pytest.mark.parametrize("make", [
    lambda: Quiz("t", "T", [SingleChoice("a", "?", [Option("x", True), Option("y", True)])]),
    lambda: Quiz("t", "T", [MultipleChoice("a", "?", [Option("x"), Option("y")])]),
    lambda: Quiz("t", "T", [Numeric("a", "?", key=1), Numeric("a", "?", key=2)]),
    lambda: Quiz("t", "T", [Numeric("a", "?", key=lambda p: 1, params=lambda rng: {})]),   # no formula
    lambda: Quiz("t", "T", [Numeric("Bad-Id", "?", key=1)]),
    lambda: Quiz("t", "T", [ShortAnswer("a", "?", accept=["x"], example="y")]),
    lambda: Quiz("t", "T", [Numeric("a", "?", key=1, points=0)]),
])
def test_broken_definitions_are_refused(make):
    with pytest.raises(ValueError):
        make()
