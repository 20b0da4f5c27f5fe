"""Verdicts and their German messages."""

import numpy as np
import pytest

from autograder.grading.cases import Case
from autograder.grading.compare import judge

CASE = Case("f")


def test_list_and_tuple_are_alike():
    assert judge([28, 28, 64], [28, 28, 64], CASE).passed


def test_float32_within_tolerance_passes_and_message_names_shape_errors():
    expected = np.array([[0.0, 3.0], [0.0, 2.0]])
    assert judge(expected, expected.astype(np.float32).astype(float) + 1e-7, CASE).passed
    verdict = judge(expected, np.zeros((3, 3)), CASE)
    assert not verdict.passed and "Falsche Form" in verdict.message and "(2, 2)" in verdict.message


def test_wrong_values_message_says_expected_and_got():
    verdict = judge(np.array([[0.0, 3.0], [0.0, 2.0]]), np.array([[0.0, 3.0], [0.0, 5.0]]), CASE)
    assert not verdict.passed
    assert "1 von 4 Werten weicht ab" in verdict.message and "Erwartet" in verdict.message
    assert "Zeile 2, Spalte 2" in verdict.message and "(5 statt 2)" in verdict.message


def test_integer_answers_exact_and_none_explained():
    assert not judge(3200, 3136, CASE).passed
    assert "Falscher Wert: erwartet 3.200, erhalten 3.136" in judge(3200, 3136, CASE).message
    assert "gibt nichts zurück" in judge(3200, None, CASE).message


def test_hidden_expected_values_can_be_withheld():
    verdict = judge(42, 41, CASE, show_expected=False)
    assert "42" not in verdict.message and "verborgen" in verdict.message


def test_min_accuracy():
    case = Case("predict", min_accuracy=0.75)
    assert judge([0, 1, 1, 0], [0, 1, 1, 1], case).passed
    assert not judge([0, 1, 1, 0], [1, 0, 1, 1], case).passed


def test_hidden_cases_describe_but_never_print_the_students_value():
    hidden = Case("f")
    hidden.hidden = True
    leaked = "[[3, 2, 1, -1], [4, 0, 1, 4]]"  # e.g. a function that returns its hidden input
    verdict = judge(np.array([[0.0, 3.0], [0.0, 2.0]]), leaked, hidden)
    assert leaked not in verdict.message and "ein Text" in verdict.message and "Zeichen" not in verdict.message
    # neither shape nor length nor a number of the student's value: they could encode the inputs
    verdict = judge(np.array([[0.0, 3.0], [0.0, 2.0]]), np.arange(9.0).reshape(3, 3), hidden)
    assert "(3, 3)" not in verdict.message and "anderer Form" in verdict.message and "8" not in verdict.message
    verdict = judge([1, 2, 3], [1, 2, 3, 4, 17], hidden)
    assert "5" not in verdict.message and "anderer Form" in verdict.message
    verdict = judge([[1], [2, 3]], [[1], [2, 3], [4, 5, 6, 7, 8]], hidden)
    assert "5" not in verdict.message and "anderer Länge" in verdict.message
    verdict = judge(56, 404, hidden)
    assert "404" not in verdict.message and "56" in verdict.message
    assert "404" not in judge(56, 404, hidden, show_expected=False).message


def test_ragged_expected_lists_are_compared_as_sequences():
    expected = [[0, 1, 2], [7], [8, 9]]
    assert judge(expected, [[0, 1, 2], [7], [8, 9]], CASE).passed
    assert not judge(expected, [[0, 1, 2], [7, 8], [9]], CASE).passed


def test_zero_d_array_equals_a_number():
    assert judge(3.0, np.array(3.0), CASE).passed


def test_functional_and_sequential_models_of_the_same_network_are_equal():
    import keras

    from autograder.sandbox import plain

    def summary(model):  # what the sandbox sends, decoded as the trusted side sees it
        return plain.decode(plain.loads(plain.dumps(plain.encode(model))))

    seq = keras.Sequential([keras.Input((8,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)])
    inputs = keras.Input((8,))
    outputs = keras.layers.Dense(2)(keras.layers.Dense(4, activation="relu")(inputs))
    functional = keras.Model(inputs, outputs)
    want = summary(seq)
    assert isinstance(want, plain.ModelSummary) and want.total_params == 46
    assert judge(want, summary(functional), CASE).passed
    smaller = keras.Sequential([keras.Input((8,)), keras.layers.Dense(3, activation="relu"), keras.layers.Dense(2)])
    verdict = judge(want, summary(smaller), CASE)
    assert not verdict.passed and "Parameter je Schicht: erwartet [36, 10], erhalten [27, 8]" in verdict.message
    hidden = Case("f", hidden=True)
    verdict = judge(want, summary(smaller), hidden)
    assert "27" not in verdict.message and "Parameter je Schicht weichen ab" in verdict.message
    unbuilt = summary(keras.Sequential([keras.layers.Dense(2)]))
    assert "nicht gebaut" in judge(want, unbuilt, CASE).message


def test_pooling_windows_count_when_shapes_and_parameters_agree():
    """AveragePooling2D((1, 2), strides=2) has the output shape and parameters of a 2x2 pool."""
    import keras

    from autograder.sandbox import plain

    def lenet_start(pool):
        return plain.decode(plain.loads(plain.dumps(plain.encode(keras.Sequential([
            keras.Input((32, 32, 1)), keras.layers.Conv2D(6, 5, activation="tanh"),
            keras.layers.AveragePooling2D(pool, strides=2)])))))

    want = lenet_start((2, 2))
    assert judge(want, lenet_start(2), CASE).passed
    verdict = judge(want, lenet_start((1, 2)), CASE)
    assert verdict.fraction == 6 / 7 and verdict.message == (
        "Fenster und Schrittweiten: erwartet [5×5 (Schritt 1×1), 2×2 (Schritt 2×2)], "
        "erhalten [5×5 (Schritt 1×1), 1×2 (Schritt 2×2)]")


def test_score_gives_partial_credit_and_states_the_measured_value():
    from autograder.grading.cases import Score

    accuracy = Score(lambda pred: float(np.mean(np.asarray(pred) == np.array([0, 1, 1, 0]))), full=0.75, zero=0.25,
                     name="Testgenauigkeit", percent=True)
    full = judge(accuracy, [0, 1, 1, 1], CASE)
    assert full.passed and "75 %" in full.message
    half = judge(accuracy, [0, 1, 0, 1], CASE)
    assert half.fraction == 0.5 and "Testgenauigkeit: 50 %" in half.message and "50 % der Punkte" in half.message
    none = judge(accuracy, [1, 0, 0, 1], CASE)
    assert none.fraction == 0 and "erst bei mehr als 25 %" in none.message
    error = Score(lambda pred: float(np.mean(np.abs(np.asarray(pred) - 1.0))), full=0.1, zero=0.5, name="MAE")
    assert judge(error, [1.05, 0.95], CASE).passed
    assert abs(judge(error, [1.3, 0.7], CASE).fraction - 0.5) < 1e-9
    assert "lässt sich nicht prüfen" in judge(error, "kein Array", CASE).message


def test_score_requires_a_property_before_measuring():
    from autograder.grading.cases import Satisfies, Score
    from autograder.grading.compare import describe

    integers = Satisfies(lambda p: np.asarray(p).dtype.kind in "iu", "ganze Zahlen als Labels")
    accuracy = Score(lambda pred: float(np.mean(np.asarray(pred) == np.array([0, 1, 1, 0]))), full=0.75, zero=0.25,
                     name="Testgenauigkeit", percent=True, requires=integers)
    assert judge(accuracy, np.array([0, 1, 1, 0]), CASE).passed
    floats = judge(accuracy, np.array([0.0, 1.0, 1.0, 0.0]), CASE)
    assert floats.fraction == 0 and floats.message == "Nicht erfüllt: ganze Zahlen als Labels"
    assert "vorausgesetzt: ganze Zahlen als Labels" in describe(accuracy)
    with pytest.raises(TypeError):
        Score(len, full=1, zero=0, requires=lambda p: True)


def test_satisfies_applies_the_instructors_predicate_to_the_decoded_value():
    from autograder.grading.cases import Satisfies

    rows_sum_to_one = Satisfies(lambda p: np.allclose(np.sum(p, axis=1), 1.0), "Jede Zeile summiert sich zu 1.")
    assert judge(rows_sum_to_one, np.array([[0.2, 0.8], [0.5, 0.5]]), CASE).passed
    verdict = judge(rows_sum_to_one, np.array([[0.2, 0.9], [0.5, 0.5]]), CASE)
    assert not verdict.passed and "Jede Zeile summiert sich zu 1." in verdict.message


def test_german_numbers_for_people():
    from autograder.grading.compare import german_number

    assert german_number(1413834) == "1.413.834"
    assert german_number(0.953) == "0,953"
    assert german_number(9.498e-05) == "9,498 · 10⁻⁵"
    assert german_number(1234.5678) == "1.234,6"
    assert german_number(float("nan")) == "NaN (keine Zahl)"
