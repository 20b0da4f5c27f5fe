"""Plain data: what crosses from the sandbox is data, never objects with behaviour."""

import math

import numpy as np
import pytest

from autograder.sandbox import plain


def roundtrip(value):
    return plain.decode(plain.loads(plain.dumps(plain.encode(value))))


def test_numbers_arrays_and_containers_roundtrip():
    out = roundtrip({"a": [1, 2.5, (3, 4)], "b": np.arange(6, dtype=np.float32).reshape(2, 3), "c": None})
    assert out["a"] == [1, 2.5, [3, 4]]
    assert out["b"].dtype == np.float64 and out["b"].shape == (2, 3) and out["b"][1, 2] == 5.0
    assert out["c"] is None


def test_special_floats_and_numpy_scalars():
    out = roundtrip([np.float32(1.5), np.int64(7), float("nan"), -math.inf, np.bool_(True)])
    assert out[0] == 1.5 and type(out[1]) is int and math.isnan(out[2]) and out[3] == -math.inf
    assert out[4] is True


def test_object_with_always_true_eq_becomes_unsupported():
    class Liar:
        def __eq__(self, other):
            return True

    out = roundtrip(Liar())
    assert isinstance(out, plain.Unsupported) and out == "Liar"


def test_int_subclass_becomes_plain_int():
    class Sneaky(int):
        def __eq__(self, other):
            return True

    out = roundtrip(Sneaky(3))
    assert type(out) is int and out == 3 and out != 4


@pytest.mark.parametrize("bad", [
    {"__pickle__": "x"},
    {"__ndarray__": "|O", "shape": [1], "data": ""},
    {"__ndarray__": "<f8", "shape": [3], "data": "AAAAAAAAAAA="},
    {"__ndarray__": "<f8", "shape": [-1], "data": ""},
    {},
])
def test_decode_rejects_anything_else(bad):
    with pytest.raises((plain.PlainDataError, ValueError)):
        plain.decode(bad)


def test_loads_rejects_oversized_messages():
    with pytest.raises(plain.PlainDataError):
        plain.loads(b"0" * (plain.MAX_MESSAGE_BYTES + 1))


def test_zero_dimensional_arrays_stay_scalars():
    out = roundtrip(np.array(3.5))
    assert out.shape == () and float(out) == 3.5


def test_string_and_object_arrays_become_lists_element_by_element():
    class Liar:
        def __eq__(self, other):
            return True

    assert roundtrip(np.array([["setosa", "virginica"]])) == [["setosa", "virginica"]]
    out = roundtrip(np.array([1, Liar()], dtype=object))
    assert out[0] == 1 and isinstance(out[1], plain.Unsupported)
    big = roundtrip(np.array(["x"] * (plain._MAX_LISTED + 1)))
    assert isinstance(big, plain.Unsupported)


def test_model_summaries_survive_the_answer_key_file():
    """Sandbox → packed → decoded → key file (JSON) → decoded again: the same summary."""
    summary = {"__keras_model__": {"layers": [{"type": "Dense", "output_shape": [None, 4], "params": 36,
                                               "activation": "relu", "trainable": True}], "total_params": 36}}
    once = plain.decode(summary)
    again = plain.decode(plain.loads(plain.dumps(plain.encode(once))))
    assert isinstance(again, plain.ModelSummary) and again == once
    conv = {"type": "Conv2D", "output_shape": [None, 6, 6, 2], "params": 20, "activation": "relu",
            "trainable": True, "window": [[3, 3], [1, 1]]}
    windowed = plain.decode({"__keras_model__": {"layers": [conv], "total_params": 20}})
    assert windowed.windows == (((3, 3), (1, 1)),) and len(windowed.layers[0]) == 5
    assert plain.decode(plain.loads(plain.dumps(plain.encode(windowed)))) == windowed


@pytest.mark.parametrize("window", [[[3, 3]], [[3, 3], [1]], [[], []], [[3, 3, 3, 3], [1, 1, 1, 1]], [[-1], [1]],
                                    [[2.0], [1]], "3x3", [[3], [True]]])
def test_a_malformed_layer_window_is_rejected(window):
    layer = {"type": "Conv2D", "output_shape": None, "params": 1, "activation": None, "trainable": True,
             "window": window}
    with pytest.raises(plain.PlainDataError):
        plain.decode({"__keras_model__": {"layers": [layer], "total_params": 1}})
