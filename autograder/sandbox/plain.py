"""Plain data: the only form in which values cross between student code and the grader.

``encode`` runs next to student code and turns whatever a function returned into
JSON-able data (numbers, strings, lists, dicts, arrays of a fixed dtype, summaries of
Keras models). ``decode`` runs on the trusted side and accepts nothing else: no pickle, no
objects with their own ``__eq__``, no subclasses. A hostile return value can therefore
only claim *values*, which is what an answer is.

``decode`` and ``loads`` are total: any input yields a value or a :class:`PlainDataError`,
within fixed bounds of nesting, length and size (a property-based fuzz test holds them to it).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import struct
from dataclasses import dataclass

import numpy as np

from autograder.sandbox import models
from autograder.sandbox.protocol import ProtocolError, strict_json
from autograder.sandbox.vocab import ACTIVATIONS, KERAS_LAYERS

MAX_MESSAGE_BYTES = 128 * 1024 * 1024
MAX_ELEMENTS = 50_000_000  # array elements after decoding
MAX_DIMS = 32
_ARRAY_KINDS = {"b": "|b1", "i": "<i8", "u": "<i8", "f": "<f8", "c": "<c16"}
_MAX_DEPTH = 20
_MAX_LISTED = 100_000  # string/object arrays larger than this are not converted


MAX_ARRAY_BYTES = 96 * 1024 * 1024  # raw bytes of one array (base64 makes 128 MB of it)


class PlainDataError(ValueError):
    """Data that does not follow the plain-data format."""


class TooLarge(Exception):
    """A return value too large to send (raised by ``encode`` before it spends time on it)."""

    def __init__(self, nbytes: int):
        super().__init__(nbytes)
        self.nbytes = nbytes


# ----------------------------------------------------------------------------- encode
def encode(value, _depth: int = 0, buffers: list | None = None):
    """Convert a student's value to plain JSON-able data (runs in the sandbox).

    With ``buffers`` (a list), array contents are appended there as raw bytes and referenced by
    index instead of being written into the JSON as base64 (see :func:`pack`).
    """
    if _depth > _MAX_DEPTH:
        return {"__unsupported__": "zu tief verschachtelt"}
    if value is None or type(value) in (bool, str):
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and not isinstance(value, np.generic):
        return _int(value)
    if isinstance(value, float):
        return _float(float(value))
    if isinstance(value, np.generic):
        return encode(value.item(), _depth + 1, buffers) if value.dtype.kind in "biufc" else str(value)
    if isinstance(value, (list, tuple)):
        return [encode(v, _depth + 1, buffers) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, _depth + 1, buffers), encode(v, _depth + 1, buffers)] for k, v in value.items()]}
    if models.is_keras_model(value):
        return {"__keras_model__": models.summarize(value)}
    if isinstance(value, ModelSummary):  # a decoded summary, written again (answer-key files)
        return {"__keras_model__": value.to_plain()}
    if isinstance(value, np.ndarray) or hasattr(value, "numpy") or hasattr(value, "__array__"):
        try:
            arr = np.asarray(value.numpy() if hasattr(value, "numpy") else value)
        except Exception:  # noqa: BLE001 - any failure is the student's
            return {"__unsupported__": type(value).__name__[:80]}
        if arr.dtype.kind in "USO" and arr.size <= _MAX_LISTED:
            return encode(arr.tolist(), _depth + 1, buffers)  # strings or objects: as (nested) lists, element-wise
        if arr.dtype.kind not in _ARRAY_KINDS:
            return {"__unsupported__": f"Array mit dtype {arr.dtype}"}
        nbytes = arr.size * np.dtype(_ARRAY_KINDS[arr.dtype.kind]).itemsize
        if nbytes > MAX_ARRAY_BYTES or (buffers is not None and nbytes > getattr(buffers, "room", nbytes)):
            raise TooLarge(nbytes)  # before any copy: a huge view costs nothing to refuse
        arr = arr.astype(_ARRAY_KINDS[arr.dtype.kind], order="C", copy=False)  # keeps 0-d arrays 0-d
        if buffers is not None:
            buffers.append(memoryview(arr.reshape(-1)).cast("B") if arr.size else b"")
            if hasattr(buffers, "room"):
                buffers.room -= nbytes
            return {"__ndarray__": arr.dtype.str, "shape": list(arr.shape), "buf": len(buffers) - 1}
        return {"__ndarray__": arr.dtype.str, "shape": list(arr.shape),
                "data": base64.b64encode(arr.tobytes()).decode("ascii")}
    if isinstance(value, set) or isinstance(value, frozenset):
        return {"__set__": sorted((encode(v, _depth + 1, buffers) for v in value), key=repr)}
    return {"__unsupported__": type(value).__name__}


def _int(value: int):
    value = int(value)
    return value if abs(value) < 2**63 else float(value)


def _float(value: float):
    if math.isnan(value):
        return {"__float__": "nan"}
    if math.isinf(value):
        return {"__float__": "inf" if value > 0 else "-inf"}
    return value


def dumps(value) -> bytes:
    return json.dumps(value, allow_nan=False, separators=(",", ":")).encode("utf-8")


_MAGIC = b"PLN1"
MAX_BUFFERS = 100_000
MAX_TREE_BYTES = 8 * 1024 * 1024  # the JSON part of a packed message (arrays travel as raw buffers)


class _Buffers(list):
    """The arrays of one message, and how many more bytes may join them."""

    def __init__(self, room: int):
        super().__init__()
        self.room = room


def pack(value, limit: int = MAX_MESSAGE_BYTES) -> bytes:
    """A return value as one message: ``PLN1``, header length, buffer count and lengths, the JSON
    tree, then the arrays' raw bytes (no base64, no JSON escaping of large data). Raises
    :class:`TooLarge` as soon as the arrays would exceed ``limit`` bytes, before copying them."""
    buffers = _Buffers(limit)
    head = dumps(encode(value, buffers=buffers))
    if len(head) > MAX_TREE_BYTES:  # e.g. a list of millions of numbers (an array would travel as a buffer)
        raise TooLarge(len(head))
    sizes = [len(b) for b in buffers]
    return b"".join([_MAGIC, struct.pack(">II", len(head), len(sizes)), struct.pack(f">{len(sizes)}Q", *sizes),
                     head, *buffers])


@dataclass(frozen=True)
class Packed:
    """A message from :func:`pack`, checked for its framing; ``decode`` turns it into values."""

    tree: object
    buffers: tuple


def unpack(raw: bytes) -> Packed:
    """Split a packed message (bounded, never another error than :class:`PlainDataError`)."""
    if len(raw) > MAX_MESSAGE_BYTES + 1024:
        raise PlainDataError("message too large")
    view = memoryview(raw)
    if bytes(view[:4]) != _MAGIC or len(view) < 12:
        raise PlainDataError("not a packed message")
    head_len, count = struct.unpack(">II", view[4:12])
    if count > MAX_BUFFERS or head_len > MAX_TREE_BYTES or 12 + 8 * count + head_len > len(view):
        raise PlainDataError("bad packed message")
    sizes = struct.unpack(f">{count}Q", view[12:12 + 8 * count])
    start = 12 + 8 * count + head_len
    if start + sum(sizes) != len(view):
        raise PlainDataError("buffers do not match their lengths")
    tree = loads(bytes(view[12 + 8 * count:start]))
    buffers, at = [], start
    for size in sizes:
        buffers.append(view[at:at + size])
        at += size
    return Packed(tree, tuple(buffers))


# ----------------------------------------------------------------------------- decode
class Unsupported(str):
    """A value the sandbox could not turn into plain data (its type name, as the sandbox claims)."""


@dataclass(frozen=True)
class ModelSummary:
    """A Keras model as its summary: per layer (type, output shape, parameters, activation,
    trainable) and the total. Type and activation names are from a fixed vocabulary.
    ``windows`` holds per layer ``(size, strides)`` of a convolution or pooling layer, else
    ``None``; apart from ``layers`` so that test cells unpacking a layer's five fields still work."""

    layers: tuple
    total_params: int
    error: str | None = None
    input_shape: tuple | None = None   # the single input's shape, batch dimension None
    windows: tuple = ()

    def layer_types(self) -> list[str]:
        return [layer[0] for layer in self.layers]

    def params_per_layer(self) -> list[int]:
        return [layer[2] for layer in self.layers]

    def to_plain(self) -> dict:
        if self.error:
            return {"error": self.error}
        keys = ("type", "output_shape", "params", "activation", "trainable", "window")
        windows = self.windows or (None,) * len(self.layers)
        return {"layers": [dict(zip(keys, (t, None if s is None else list(s), p, a, tr,
                                           None if w is None else [list(w[0]), list(w[1])])))
                           for (t, s, p, a, tr), w in zip(self.layers, windows)], "total_params": self.total_params,
                "input_shape": None if self.input_shape is None else list(self.input_shape)}


def loads(raw: bytes):
    """Parse a plain-data message (strict JSON, bounded size and nesting)."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise PlainDataError("message too large")
    try:
        return strict_json(raw, max_depth=_MAX_DEPTH + 8)
    except ProtocolError as exc:
        raise PlainDataError(str(exc)) from None


def decode(data):
    """Turn plain data (a JSON tree or a :class:`Packed` message) into trusted Python values;
    reject anything else, never with another error than :class:`PlainDataError`."""
    budget = [MAX_ELEMENTS]
    buffers = ()
    if isinstance(data, Packed):
        data, buffers = data.tree, data.buffers
    try:
        return _decode(data, 0, budget, buffers)
    except PlainDataError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError, MemoryError,
            binascii.Error) as exc:
        raise PlainDataError(f"malformed plain data ({type(exc).__name__})") from None


def _decode(data, depth: int, budget: list[int], buffers: tuple = ()):
    if depth > _MAX_DEPTH + 2:
        raise PlainDataError("nesting too deep")
    if data is None or type(data) in (bool, int, str):
        return data
    if type(data) is float:
        if not math.isfinite(data):
            raise PlainDataError("bare non-finite float")
        return data
    if type(data) is list:
        _spend(budget, len(data))
        return [_decode(v, depth + 1, budget, buffers) for v in data]
    if type(data) is not dict or len(data) == 0:
        raise PlainDataError(f"unexpected {type(data).__name__}")
    if "__ndarray__" in data:
        return _array(data, budget, buffers)
    if set(data) == {"__float__"}:
        special = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}
        if data["__float__"] not in special:
            raise PlainDataError("bad special float")
        return special[data["__float__"]]
    if set(data) == {"__dict__"} and type(data["__dict__"]) is list:
        _spend(budget, len(data["__dict__"]))
        out = {}
        for pair in data["__dict__"]:
            if type(pair) is not list or len(pair) != 2:
                raise PlainDataError("bad dict")
            key = _hashable(_decode(pair[0], depth + 1, budget, buffers))
            out[key] = _decode(pair[1], depth + 1, budget, buffers)
        return out
    if set(data) == {"__set__"} and type(data["__set__"]) is list:
        _spend(budget, len(data["__set__"]))
        return {"__set__": [_decode(v, depth + 1, budget, buffers) for v in data["__set__"]]}
    if set(data) == {"__keras_model__"} and type(data["__keras_model__"]) is dict:
        return _model(data["__keras_model__"])
    if set(data) == {"__unsupported__"} and type(data["__unsupported__"]) is str:
        return Unsupported(data["__unsupported__"][:80])
    raise PlainDataError("unknown plain-data form")


def _spend(budget: list[int], n: int) -> None:
    budget[0] -= n
    if budget[0] < 0:
        raise PlainDataError("too many elements")


def _array(data: dict, budget: list[int], buffers: tuple = ()):
    dtype = data.get("__ndarray__")
    if dtype not in _ARRAY_KINDS.values() or set(data) not in ({"__ndarray__", "shape", "data"},
                                                               {"__ndarray__", "shape", "buf"}):
        raise PlainDataError("bad array")
    shape = data["shape"]
    if type(shape) is not list or len(shape) > MAX_DIMS or not all(type(n) is int and 0 <= n for n in shape):
        raise PlainDataError("bad array shape")
    if "data" in data and type(data["data"]) is not str:
        raise PlainDataError("bad array data")
    size = 1
    for n in shape:
        size *= n
        if size > MAX_ELEMENTS:
            raise PlainDataError("array too large")
    _spend(budget, size)
    itemsize = np.dtype(dtype).itemsize
    if "buf" in data:
        index = data["buf"]
        if type(index) is not int or not 0 <= index < len(buffers) or len(buffers[index]) != size * itemsize:
            raise PlainDataError("bad array buffer")
        return np.frombuffer(buffers[index], dtype=np.dtype(dtype)).reshape(shape).copy()
    if len(data["data"]) != 4 * math.ceil(size * itemsize / 3):
        raise PlainDataError("array size does not match shape")
    buf = base64.b64decode(data["data"].encode("ascii"), validate=True)
    if len(buf) != size * itemsize:
        raise PlainDataError("array size does not match shape")
    return np.frombuffer(buf, dtype=np.dtype(dtype)).reshape(shape).copy()


def _model(summary: dict) -> ModelSummary:
    if set(summary) == {"error"}:
        return ModelSummary((), 0, "unbuilt")
    if set(summary) - {"input_shape"} != {"layers", "total_params"} or type(summary["layers"]) is not list \
            or len(summary["layers"]) > models.MAX_LAYERS or not _count(summary["total_params"]):
        raise PlainDataError("bad model summary")
    layers, windows = [], []
    for layer in summary["layers"]:
        if type(layer) is not dict or set(layer) - {"window"} != {"type", "output_shape", "params", "activation",
                                                                "trainable"}:
            raise PlainDataError("bad layer")
        shape = layer["output_shape"]
        if shape is not None and not _shape_ok(shape):
            raise PlainDataError("bad layer shape")
        if not _count(layer["params"]) or type(layer["trainable"]) is not bool:
            raise PlainDataError("bad layer")
        activation = layer["activation"]
        layers.append((layer["type"] if layer["type"] in KERAS_LAYERS else "?",
                       None if shape is None else tuple(shape), layer["params"],
                       None if activation is None else (activation if activation in ACTIVATIONS else "?"),
                       layer["trainable"]))
        windows.append(_window(layer.get("window")))
    given = summary.get("input_shape")
    if given is not None and not _shape_ok(given):
        raise PlainDataError("bad input shape")
    return ModelSummary(tuple(layers), summary["total_params"], None, None if given is None else tuple(given),
                        tuple(windows))


def _window(window) -> tuple | None:
    """A layer's ``[size, strides]`` (1 to 3 counts each, as many strides as sizes) or ``None``."""
    if window is None:
        return None
    if type(window) is not list or len(window) != 2 or not all(type(w) is list for w in window) \
            or not 0 < len(window[0]) <= 3 or len(window[1]) != len(window[0]) \
            or not all(_count(v) for w in window for v in w):
        raise PlainDataError("bad layer window")
    return tuple(window[0]), tuple(window[1])


def _shape_ok(shape) -> bool:
    return type(shape) is list and len(shape) <= 10 and all(d is None or _count(d) for d in shape)


def _count(value) -> bool:
    return type(value) is int and 0 <= value < 10**15


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, np.ndarray):
        return tuple(value.tolist())
    return value
