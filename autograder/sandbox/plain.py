"""Plain data: the only form in which values cross between student code and the grader.

``encode`` runs next to student code and turns whatever a function returned into
JSON-able data (numbers, strings, lists, dicts, arrays of a fixed dtype, Keras model
configs). ``decode`` runs on the trusted side and accepts nothing else: no pickle, no
objects with their own ``__eq__``, no subclasses. A hostile return value can
therefore only claim *values*, which is what an answer is.
"""

from __future__ import annotations

import base64
import json
import math

import numpy as np

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
_ARRAY_KINDS = {"b": "|b1", "i": "<i8", "u": "<i8", "f": "<f8", "c": "<c16"}
_MAX_DEPTH = 20
_MAX_LISTED = 100_000  # string/object arrays larger than this are not converted


class PlainDataError(ValueError):
    """Data that does not follow the plain-data format."""


# ----------------------------------------------------------------------------- encode
def encode(value, _depth: int = 0):
    """Convert a student's value to plain JSON-able data (runs in the sandbox)."""
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
        return encode(value.item(), _depth + 1) if value.dtype.kind in "biufc" else str(value)
    if isinstance(value, (list, tuple)):
        return [encode(v, _depth + 1) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, _depth + 1), encode(v, _depth + 1)] for k, v in value.items()]}
    model_json = _keras_model_json(value)
    if model_json is not None:
        return {"__keras_model__": model_json}
    if isinstance(value, np.ndarray) or hasattr(value, "numpy") or hasattr(value, "__array__"):
        try:
            arr = np.asarray(value.numpy() if hasattr(value, "numpy") else value)
        except Exception as exc:  # noqa: BLE001 - any failure is the student's
            return {"__unsupported__": f"{type(value).__name__} ({exc})"}
        if arr.dtype.kind in "USO" and arr.size <= _MAX_LISTED:
            return encode(arr.tolist(), _depth + 1)  # strings or objects: as (nested) lists, element-wise
        if arr.dtype.kind not in _ARRAY_KINDS:
            return {"__unsupported__": f"Array mit dtype {arr.dtype}"}
        arr = np.array(arr, dtype=_ARRAY_KINDS[arr.dtype.kind], order="C")  # keeps 0-d arrays 0-d
        return {"__ndarray__": arr.dtype.str, "shape": list(arr.shape),
                "data": base64.b64encode(arr.tobytes()).decode("ascii")}
    if isinstance(value, set) or isinstance(value, frozenset):
        return {"__set__": sorted((encode(v, _depth + 1) for v in value), key=repr)}
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


def _keras_model_json(value):
    module = type(value).__module__ or ""
    if not (module.startswith("keras") or module.startswith("tensorflow")):
        return None
    if not (hasattr(value, "to_json") and hasattr(value, "layers")):
        return None
    try:
        return value.to_json()
    except Exception as exc:  # noqa: BLE001
        return json.dumps({"error": str(exc)})


def dumps(value) -> bytes:
    return json.dumps(value, allow_nan=False, separators=(",", ":")).encode("utf-8")


# ----------------------------------------------------------------------------- decode
class KerasModelConfig(str):
    """The JSON config of a Keras model, as returned by ``model.to_json()``."""


class Unsupported(str):
    """A value the sandbox could not turn into plain data (its type name)."""


def loads(raw: bytes):
    if len(raw) > MAX_MESSAGE_BYTES:
        raise PlainDataError("message too large")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlainDataError(f"invalid message: {exc}") from None


def decode(data, _depth: int = 0):
    """Turn plain data into trusted Python values; reject anything else."""
    if _depth > _MAX_DEPTH + 2:
        raise PlainDataError("nesting too deep")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode(v, _depth + 1) for v in data]
    if type(data) is not dict or len(data) == 0:
        raise PlainDataError(f"unexpected {type(data).__name__}")
    if "__ndarray__" in data:
        dtype = data["__ndarray__"]
        if dtype not in _ARRAY_KINDS.values() or set(data) != {"__ndarray__", "shape", "data"}:
            raise PlainDataError("bad array")
        shape = data["shape"]
        if type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape):
            raise PlainDataError("bad array shape")
        buf = base64.b64decode(data["data"].encode("ascii"), validate=True)
        arr = np.frombuffer(buf, dtype=np.dtype(dtype))
        if arr.size != math.prod(shape):
            raise PlainDataError("array size does not match shape")
        return arr.reshape(shape).copy()
    if "__float__" in data:
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[data["__float__"]]
    if "__dict__" in data:
        out = {}
        for pair in data["__dict__"]:
            if type(pair) is not list or len(pair) != 2:
                raise PlainDataError("bad dict")
            key = decode(pair[0], _depth + 1)
            out[_hashable(key)] = decode(pair[1], _depth + 1)
        return out
    if "__set__" in data:
        return {"__set__": [decode(v, _depth + 1) for v in data["__set__"]]}
    if "__keras_model__" in data and type(data["__keras_model__"]) is str:
        return KerasModelConfig(data["__keras_model__"])
    if "__unsupported__" in data and type(data["__unsupported__"]) is str:
        return Unsupported(data["__unsupported__"])
    raise PlainDataError("unknown plain-data form")


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, np.ndarray):
        return tuple(value.tolist())
    return value
