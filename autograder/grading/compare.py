"""Verdicts: compare a decoded result with the expected value (trusted side only).

Checks go from features to values, as good step-by-step graders do: first the kind
of value (number, array, sequence, text, model), then the shape, then the values
within tolerance. Every failure gets one German sentence that says what was
expected and what came back.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import numpy as np

from autograder.grading.cases import Raises, Rule, Satisfies, Score
from autograder.sandbox.models import quiet_keras
from autograder.sandbox.plain import KerasModelConfig, Unsupported


@dataclass
class Verdict:
    fraction: float  # 0..1 of the case's weight
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.fraction >= 1.0


def judge(expected, got, case, show_expected: bool = True) -> Verdict:
    """Judge ``got`` against ``expected`` with the tolerances of ``case``.

    For hidden cases the student's value is only described (kind, shape, length), never
    printed: a function could return its hidden inputs to smuggle them into feedback.
    """
    show_got = _describe if getattr(case, "hidden", False) else _show
    show_exp = _show if show_expected else (lambda value: "(verborgen)")
    return _Judge(case, show_exp, show_got).run(expected, got)


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"ein Array der Form {tuple(value.shape)}"
    if value is None or isinstance(value, (bool, int, float)):
        return _show(value)
    if isinstance(value, list):
        return f"eine Folge mit {len(value)} Elementen"
    if isinstance(value, dict):
        return f"ein Dictionary mit {len(value)} Schlüsseln"
    if isinstance(value, KerasModelConfig):
        return "ein Keras-Modell"
    if isinstance(value, Unsupported):
        return f"ein Objekt vom Typ '{value}'"
    return f"ein Text mit {len(value)} Zeichen" if isinstance(value, str) else "ein Wert"


@dataclass
class _Judge:
    case: object
    show_exp: object
    show_got: object

    def run(self, expected, got) -> Verdict:
        if isinstance(expected, Rule):
            return judge_rule(expected, got, self.show_got)
        exp, show = self.show_exp(expected), self.show_got
        if isinstance(got, Unsupported):
            return Verdict(0.0, f"Rückgabewert vom Typ '{got}' kann nicht bewertet werden; erwartet: {exp}.")
        if isinstance(expected, KerasModelConfig):
            return _judge_model(expected, got)
        if getattr(self.case, "min_accuracy", None) is not None:
            return _judge_accuracy(expected, got, self.case.min_accuracy, show)
        if got is None and expected is not None:
            return Verdict(0.0, f"Die Funktion gibt nichts zurück (None); erwartet: {exp}.")
        if _is_numeric(expected):
            return _judge_numeric(expected, got, self.case, exp, show)
        if isinstance(expected, list):
            return self._sequence(expected, got, exp)
        if isinstance(expected, dict):
            return self._mapping(expected, got)
        if type(expected) is not type(got) or expected != got:
            return Verdict(0.0, f"Erwartet {exp}, erhalten {show(got)}.")
        return Verdict(1.0)

    def _sequence(self, expected: list, got, exp: str) -> Verdict:
        if not isinstance(got, list):
            return Verdict(0.0, f"Erwartet wurde eine Folge (Liste/Tupel) {exp}, erhalten: {self.show_got(got)}.")
        if len(got) != len(expected):
            return Verdict(0.0, f"Falsche Länge: erwartet {len(expected)} Elemente {exp}, erhalten "
                                f"{len(got)}: {self.show_got(got)}.")
        for i, (e, g) in enumerate(zip(expected, got)):
            v = self.run(e, g)
            if not v.passed:
                return Verdict(0.0, f"Element {i}: {v.message} (gesamt erwartet {exp}, erhalten {self.show_got(got)})")
        return Verdict(1.0)

    def _mapping(self, expected: dict, got) -> Verdict:
        if not isinstance(got, dict):
            return Verdict(0.0, f"Erwartet wurde ein Dictionary, erhalten: {self.show_got(got)}.")
        if set(got) != set(expected):
            shown = sorted(map(str, got)) if self.show_got is _show else f"{len(got)} Schlüssel"
            return Verdict(0.0, f"Falsche Schlüssel: erwartet {sorted(map(str, expected))}, erhalten {shown}.")
        for key in expected:
            v = self.run(expected[key], got[key])
            if not v.passed:
                return Verdict(0.0, f"Schlüssel {key!r}: {v.message}")
        return Verdict(1.0)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def german_number(value: float, digits: int = 4) -> str:
    """A number as a German reader writes it: decimal comma, thousands dots, no ``e-05``."""
    value = float(value)
    if value != value:
        return "NaN (keine Zahl)"
    if value in (float("inf"), float("-inf")):
        return "unendlich" if value > 0 else "minus unendlich"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}".replace(",", ".")
    if 1e-4 <= abs(value) < 1e15:
        whole = len(str(int(abs(value)))) if abs(value) >= 1 else 0
        decimals = max(1, digits - whole) if whole else digits - 1 - int(f"{abs(value):e}".split("e")[1])
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".").replace(".", ",")
    return f"{mantissa} · 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def _percent(value: float) -> str:
    return german_number(round(100 * value, 1), 4) + " %"


def judge_rule(rule: Rule, got, show) -> Verdict:
    """Verdict of a value under a rule (``Satisfies``, ``Score``); ``Raises`` is judged by the caller."""
    if isinstance(rule, Raises):
        return Verdict(0.0, f"Erwartet wurde, dass der Aufruf einen {rule.name} auslöst; die Funktion gab aber "
                            f"einen Wert zurück: {show(got)}.")
    if isinstance(got, Unsupported):
        return Verdict(0.0, f"Rückgabewert vom Typ '{got}' kann nicht bewertet werden.")
    try:
        if isinstance(rule, Satisfies):
            ok = bool(rule.predicate(got))
            return Verdict(1.0) if ok else Verdict(0.0, f"Nicht erfüllt: {rule.text}")
        measured = float(rule.metric(got))
    except Exception:  # noqa: BLE001 - a value of the wrong kind fails the rule, nothing more
        what = rule.text if isinstance(rule, Satisfies) else rule.name
        return Verdict(0.0, f"Der Rückgabewert ({show(got)}) lässt sich nicht prüfen: {what}.")
    if measured != measured:
        return Verdict(0.0, f"{rule.name}: NaN (keine Zahl) – der Rückgabewert lässt sich nicht auswerten.")
    fmt = _percent if rule.percent else german_number
    fraction = rule.fraction(measured)
    lower_better = rule.full < rule.zero
    full = f"volle Punkte bei {'höchstens' if lower_better else 'mindestens'} {fmt(rule.full)}"
    text = f"{rule.name}: {fmt(measured)}"
    if fraction >= 1:
        return Verdict(1.0, f"{text} ({full})")
    if fraction <= 0:
        return Verdict(0.0, f"{text} – Punkte gibt es erst bei {'weniger' if lower_better else 'mehr'} als "
                            f"{fmt(rule.zero)}; {full}.")
    return Verdict(fraction, f"{text} – {german_number(round(100 * fraction))} % der Punkte ({full}, "
                             f"keine bei {fmt(rule.zero)}).")


def _is_numeric(value) -> bool:
    """Numbers, numeric arrays, and rectangular nested lists of numbers (ragged ones are sequences)."""
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "biufc"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, list) and len(value) > 0 and _as_array(value) is not None


def _is_nested_numbers(value) -> bool:
    if isinstance(value, list):
        return all(_is_nested_numbers(v) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _as_array(value):
    if isinstance(value, np.ndarray):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return np.asarray(value, dtype=float)
    if isinstance(value, list) and _is_nested_numbers(value):
        try:
            return np.asarray(value, dtype=float)
        except ValueError:  # ragged
            return None
    return None


def _judge_numeric(expected, got, case, shown, show) -> Verdict:
    exp = _as_array(expected)
    arr = _as_array(got)
    scalar = exp.ndim == 0
    if arr is None:
        kind = "eine Zahl" if scalar else "ein Array bzw. eine Liste von Zahlen"
        return Verdict(0.0, f"Erwartet wurde {kind} ({shown}), erhalten: {show(got)}.")
    if arr.shape != exp.shape:
        if scalar:
            return Verdict(0.0, f"Erwartet wurde eine einzelne Zahl ({shown}), erhalten ein Array der "
                                f"Form {tuple(arr.shape)}.")
        return Verdict(0.0, f"Falsche Form (shape): erwartet {tuple(exp.shape)}, erhalten {tuple(arr.shape)}.")
    exp_f, arr_f = exp.astype(complex if exp.dtype.kind == "c" else float), arr.astype(
        complex if arr.dtype.kind == "c" else float)
    if exp.dtype.kind in "biu" and not scalar and arr.dtype.kind in "biu":
        ok = np.array_equal(exp, arr)
    else:
        ok = bool(np.allclose(arr_f, exp_f, rtol=case.rtol, atol=case.atol, equal_nan=True))
    if ok:
        return Verdict(1.0)
    if scalar:
        return Verdict(0.0, f"Falscher Wert: erwartet {shown}, erhalten {show(got)}.")
    diff = np.abs(arr_f - exp_f)
    diff = np.where(np.isnan(diff), np.inf, diff)
    worst = np.unravel_index(int(np.argmax(diff)), diff.shape)
    wrong = int(np.sum(~np.isclose(arr_f, exp_f, rtol=case.rtol, atol=case.atol, equal_nan=True)))
    return Verdict(0.0, f"{wrong} von {exp.size} Werten weichen ab (größte Abweichung {diff[worst]:.4g} an "
                        f"Position {tuple(int(i) for i in worst)}). Erwartet {shown}, erhalten {show(got)}.")


def _judge_accuracy(expected, got, minimum: float, show) -> Verdict:
    exp, arr = np.asarray(expected), _as_array(got)
    if arr is None and isinstance(got, list):
        arr = np.asarray(got, dtype=object)
    if arr is None or arr.shape != exp.shape:
        return Verdict(0.0, f"Erwartet wurden {exp.size} Vorhersagen (Form {tuple(exp.shape)}), erhalten: "
                            f"{show(got)}.")
    accuracy = float(np.mean(arr == exp)) if exp.size else 0.0
    if accuracy >= minimum:
        return Verdict(1.0, f"Genauigkeit {accuracy:.1%}")
    return Verdict(0.0, f"Genauigkeit {accuracy:.1%} – verlangt sind mindestens {minimum:.0%}.")


def _show(value, limit: int = 160) -> str:
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=4, suppress=True, threshold=20, edgeitems=2):
            text = np.array2string(value, separator=", ").replace("\n", "")
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----------------------------------------------------------------------------- models
def _judge_model(expected: KerasModelConfig, got) -> Verdict:
    if not isinstance(got, KerasModelConfig):
        return Verdict(0.0, f"Erwartet wurde ein Keras-Modell, erhalten: {_describe(got)}.")
    try:
        want = model_summary(expected)
    except Exception as exc:  # noqa: BLE001 - the reference must load; report clearly
        raise RuntimeError(f"reference model cannot be rebuilt: {exc}") from exc
    try:
        have = model_summary(got)
    except Exception as exc:  # noqa: BLE001 - untrusted config
        return Verdict(0.0, f"Das Modell lässt sich nicht nachbauen ({type(exc).__name__}: {str(exc)[:200]}).")
    problems = []
    if [l["type"] for l in have["layers"]] != [l["type"] for l in want["layers"]]:
        problems.append("Schichtfolge: erwartet " + " → ".join(l["type"] for l in want["layers"]) +
                        ", erhalten " + " → ".join(l["type"] for l in have["layers"]))
    if [l["output_shape"] for l in have["layers"]] != [l["output_shape"] for l in want["layers"]]:
        problems.append("Ausgabeformen: erwartet " + str([l["output_shape"] for l in want["layers"]]) +
                        ", erhalten " + str([l["output_shape"] for l in have["layers"]]))
    if [l["params"] for l in have["layers"]] != [l["params"] for l in want["layers"]]:
        problems.append("Parameter je Schicht: erwartet " + str([l["params"] for l in want["layers"]]) +
                        ", erhalten " + str([l["params"] for l in have["layers"]]))
    if [l["activation"] for l in have["layers"]] != [l["activation"] for l in want["layers"]]:
        problems.append("Aktivierungen: erwartet " + str([l["activation"] for l in want["layers"]]) +
                        ", erhalten " + str([l["activation"] for l in have["layers"]]))
    if [l["trainable"] for l in have["layers"]] != [l["trainable"] for l in want["layers"]]:
        problems.append("Trainierbare Schichten: erwartet " + str([l["trainable"] for l in want["layers"]]) +
                        ", erhalten " + str([l["trainable"] for l in have["layers"]]))
    if have["total_params"] != want["total_params"]:
        problems.append(f"Parameter gesamt: erwartet {want['total_params']:,}, erhalten {have['total_params']:,}"
                        .replace(",", "."))
    return Verdict((6 - len(problems)) / 6, "; ".join(problems))


@functools.lru_cache(maxsize=256)
def model_summary(config: str) -> dict:
    """Rebuild a model from its JSON config (no custom code) and summarise it.

    Cached by config text: a class submits few distinct architectures, and the reference
    is compared with every submission. Callers must not mutate the returned dict.
    """
    keras = quiet_keras()

    if len(config) > 1_000_000 or "Lambda" in config or "__lambda__" in config:
        raise ValueError("Modelle mit Lambda-Schichten oder übergroßer Konfiguration werden nicht akzeptiert")
    json.loads(config)
    model = keras.models.model_from_json(config)
    layers = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue  # functional models list their Input, Sequential models do not: same network
        cfg = layer.get_config()
        shape = getattr(layer, "output", None)
        shape = tuple(shape.shape) if shape is not None else None
        layers.append({
            "type": type(layer).__name__,
            "output_shape": [d for d in shape] if shape else None,
            "params": int(layer.count_params()),
            "activation": cfg.get("activation"),
            "trainable": bool(layer.trainable),
        })
    total = int(model.count_params())
    keras.backend.clear_session()
    return {"layers": layers, "total_params": total}

