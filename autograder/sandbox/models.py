"""Keras models as plain data: summarised where the model was built, compared elsewhere.

A returned Keras model is summarised inside the sandbox (layer types, output shapes,
parameters, activations, trainable flags, window sizes and strides of convolution and pooling
layers, total parameters), from the live object. The
trusted side compares these summaries and never rebuilds a model, so a config that claims
billions of parameters costs the grader nothing, and the coordinating process needs no
Keras at all. A summary is a claim about an architecture, which is what such an answer is.
"""

from __future__ import annotations

import os
import sys
import threading

MAX_LAYERS = 2000
_keras_lock = threading.Lock()


def quiet_keras():
    """Import Keras lazily (only model cases need it), without TensorFlow's start-up chatter.

    Threads may call this concurrently; the lock keeps the fd-2 swap atomic.
    """
    with _keras_lock:
        if "keras" in sys.modules:
            return sys.modules["keras"]
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
            import keras
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)
        return keras


def is_keras_model(value) -> bool:
    module = type(value).__module__ or ""
    return (module.startswith("keras") or module.startswith("tensorflow")) and hasattr(value, "layers") \
        and hasattr(value, "count_params")


def _input_shape(model):
    """The shape of a single-input model's input (batch dimension ``None``), else ``None``."""
    try:
        inputs = model.inputs
        if inputs is None or len(inputs) != 1:
            return None
        return [None if d is None else int(d) for d in inputs[0].shape][:10]
    except Exception:  # noqa: BLE001 - unbuilt or exotic models have none
        return None


def _window(cfg) -> list | None:
    """``[size, strides]`` of a convolution or pooling layer (kernel or pool size), else ``None``:
    a 1x2 pool with stride 2 has the output shape and parameters of a 2x2 pool, not its values."""
    if not isinstance(cfg, dict):
        return None
    size, strides = cfg.get("kernel_size", cfg.get("pool_size")), cfg.get("strides")
    try:
        size = [int(size)] if isinstance(size, int) else [int(v) for v in size]
        strides = [int(strides)] * len(size) if isinstance(strides, int) else [int(v) for v in strides]
    except (TypeError, ValueError):
        return None
    return [size, strides] if 0 < len(size) <= 3 and len(strides) == len(size) else None


def summarize(model) -> dict:
    """The plain summary of a Keras model: what the graders compare (and rules may inspect)."""
    try:
        layers = []
        for layer in list(model.layers)[:MAX_LAYERS + 1]:
            if type(layer).__name__ == "InputLayer":
                continue  # functional models list their Input, Sequential models do not: same network
            cfg = layer.get_config()
            output = getattr(layer, "output", None)
            shape = getattr(output, "shape", None)
            activation = cfg.get("activation") if isinstance(cfg, dict) else None
            layers.append({
                "type": type(layer).__name__,
                "output_shape": [None if d is None else int(d) for d in shape] if shape is not None else None,
                "params": int(layer.count_params()),
                "activation": activation if isinstance(activation, str) else None,
                "trainable": bool(layer.trainable),
                "window": _window(cfg),
            })
        return {"layers": layers, "total_params": int(model.count_params()), "input_shape": _input_shape(model)}
    except Exception:  # noqa: BLE001 - e.g. a model that was never built (no Input, never called)
        return {"error": "unbuilt"}
