"""Verdicts: compare a decoded result with the expected value (trusted side only).

Checks go from features to values, as good step-by-step graders do: first the kind
of value (number, array, sequence, text, model), then the shape, then the values
within tolerance. Every failure gets one German sentence that says what was
expected and what came back.

For a hidden case the student's value is never shown, and nothing derived from it
beyond a word of a fixed vocabulary ("ein Text", "eine Folge anderer Länge"): a function
gets the hidden inputs as arguments and could return them, or encode them in a shape or
length, to read them in its feedback. ``judge`` is total: whatever the decoded value, it
returns a verdict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from autograder.grading.cases import Raises, Rule, Satisfies, Score
from autograder.sandbox.plain import ModelSummary, Unsupported


@dataclass
class Verdict:
    fraction: float  # 0..1 of the case's weight
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.fraction >= 1.0


def judge(expected, got, case, show_expected: bool = True) -> Verdict:
    """Judge ``got`` against ``expected`` with the tolerances of ``case``."""
    hidden = bool(getattr(case, "hidden", False))
    try:
        verdict = _Judge(case, hidden, show_expected).run(expected, got)
    except Exception:  # noqa: BLE001 - e.g. numbers too large for floats: a wrong answer, never a crash
        verdict = Verdict(0.0, "Der Rückgabewert lässt sich nicht mit der erwarteten Lösung vergleichen.")
    verdict.fraction = max(0.0, min(1.0, float(verdict.fraction))) if verdict.fraction == verdict.fraction \
        else 0.0
    return verdict


# ----------------------------------------------------------------------------- words
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def german_number(value: float, digits: int = 4) -> str:
    """A number as a German reader writes it: decimal comma, thousands dots, no ``e-05``."""
    value = float(value)
    if value != value:
        return "NaN (keine Zahl)"
    if value in (math.inf, -math.inf):
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


def plural(n: int, one: str, many: str) -> str:
    return f"{german_number(n)} {one if n == 1 else many}"


def kind(value) -> str:
    """What a value is, in words of a fixed vocabulary (safe for hidden cases)."""
    if value is None:
        return "nichts (None)"
    if isinstance(value, bool):
        return "ein Wahrheitswert"
    if isinstance(value, (int, float)):
        return "eine einzelne Zahl"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return "eine einzelne Zahl (0-dimensionales Array)"
        return "ein Array" if value.dtype.kind in "biufc" else "ein Array ohne Zahlen"
    if isinstance(value, list):
        return "eine Folge (Liste oder Tupel)"
    if isinstance(value, dict):
        return "ein Dictionary"
    if isinstance(value, ModelSummary):
        return "ein Keras-Modell"
    if isinstance(value, Unsupported):
        return "ein Objekt, das sich nicht als Daten übertragen lässt"
    if isinstance(value, str):
        return "ein Text"
    return "ein Wert anderer Art"


def _expected_kind(value) -> str:
    """The expected value's shape in words, e.g. "ein Paar (2 Werte)" (instructor data, always safe)."""
    arr = _as_array(value)
    if arr is not None and arr.ndim == 0:
        return "eine einzelne Zahl"
    if arr is not None and arr.ndim == 1:
        n = arr.shape[0]
        names = {2: "ein Paar (2 Werte)", 3: "ein Tripel (3 Werte)"}
        return names.get(n, f"eine Folge von {plural(n, 'Zahl', 'Zahlen')}")
    if arr is not None:
        return f"ein Array der Form {_shape(arr.shape)}"
    return kind(value)


def _expected(value, shown: str) -> str:
    """The expected value in words and, where that adds anything, as shown: "ein Paar (2 Werte) ([1, 2])"."""
    what = _expected_kind(value)
    return what if value is None or shown in what else f"{what} ({shown})"


def _shape(shape) -> str:
    return "(" + ", ".join(str(int(d)) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _position(index: tuple) -> str:
    """A position for people: 1-based, named by rows and columns where that is what it is."""
    if len(index) == 1:
        return f"an Stelle {index[0] + 1}"
    if len(index) == 2:
        return f"in Zeile {index[0] + 1}, Spalte {index[1] + 1}"
    return "an Position (" + ", ".join(str(i + 1) for i in index) + ") (gezählt ab 1)"


def _number(value) -> str:
    if isinstance(value, complex) or isinstance(value, np.complexfloating):
        return str(complex(value))
    return german_number(float(value))


def show(value, limit: int = 160) -> str:
    """A visible value as text (Python notation for containers, German for single numbers)."""
    if isinstance(value, bool) or value is None:
        text = repr(value)
    elif isinstance(value, (int, float)):
        text = german_number(value)
    elif isinstance(value, np.ndarray):
        if value.ndim == 0 and value.dtype.kind in "biuf":
            text = german_number(float(value))
        else:
            with np.printoptions(precision=4, suppress=True, threshold=20, edgeitems=2):
                text = np.array2string(value, separator=", ").replace("\n", "")
    elif isinstance(value, ModelSummary):
        text = "ein Keras-Modell"
    elif isinstance(value, Unsupported):
        text = f"ein Objekt vom Typ '{value[:40]}', das sich nicht als Daten übertragen lässt"
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(expected, limit: int = 160) -> str:
    """An expected value or rule as instructors and TAs read it (answer-key view, release check)."""
    if isinstance(expected, Raises):
        return f"löst {expected.name} aus"
    if isinstance(expected, Satisfies):
        return f"erfüllt: {expected.text}"
    if isinstance(expected, Score):
        fmt = _percent if expected.percent else german_number
        better = "höchstens" if expected.full < expected.zero else "mindestens"
        text = f"{expected.name}: volle Punkte bei {better} {fmt(expected.full)}, keine bei {fmt(expected.zero)}"
        return text if expected.requires is None else f"{text}; vorausgesetzt: {expected.requires.text}"
    if isinstance(expected, ModelSummary):
        if expected.error:
            return "ein nicht gebautes Keras-Modell"
        shape = "" if expected.input_shape is None else f"Eingabe {_aspect([expected.input_shape], 1)[1:-1]}, "
        text = (f"Keras-Modell: {_aspect(expected.layer_types(), 0)}; {shape}"
                f"{german_number(expected.total_params)} Parameter")
        return text if len(text) <= limit else text[: limit - 1] + "…"
    return show(expected, limit)


# ----------------------------------------------------------------------------- judging
@dataclass
class _Judge:
    case: object
    hidden: bool
    show_expected: bool

    def exp(self, value) -> str:
        return show(value) if self.show_expected else "(verborgen)"

    def got(self, value) -> str:
        return kind(value) if self.hidden else show(value)

    def run(self, expected, got) -> Verdict:
        if isinstance(expected, Rule):
            return judge_rule(expected, got, self.got)
        if isinstance(expected, ModelSummary):
            return judge_model(expected, got, self.hidden)
        if isinstance(got, Unsupported):
            return Verdict(0.0, f"Erwartet wurde {_expected(expected, self.exp(expected))}, erhalten: "
                                f"{self.got(got)}.")
        if getattr(self.case, "min_accuracy", None) is not None:
            return self._accuracy(expected, got, self.case.min_accuracy)
        if got is None and expected is not None:
            return Verdict(0.0, f"Die Funktion gibt nichts zurück (None); erwartet: {self.exp(expected)}.")
        if _is_numeric(expected):
            return self._numeric(expected, got)
        if isinstance(expected, list):
            return self._sequence(expected, got)
        if isinstance(expected, dict):
            return self._mapping(expected, got)
        if type(expected) is not type(got):
            return Verdict(0.0, f"Erwartet wurde {_expected(expected, self.exp(expected))}, erhalten: {self.got(got)}.")
        if expected != got:
            return Verdict(0.0, f"Erwartet {self.exp(expected)}, erhalten "
                                f"{'einen anderen Wert' if self.hidden else show(got)}.")
        return Verdict(1.0)

    def _sequence(self, expected: list, got) -> Verdict:
        if not isinstance(got, list):
            return Verdict(0.0, f"Erwartet wurde eine Folge (Liste oder Tupel) {self.exp(expected)}, erhalten: "
                                f"{self.got(got)}.")
        if len(got) != len(expected):
            have = "eine Folge anderer Länge" if self.hidden else plural(len(got), "Element", "Elemente")
            return Verdict(0.0, f"Falsche Länge: erwartet {plural(len(expected), 'Element', 'Elemente')} "
                                f"{self.exp(expected)}, erhalten {have}.")
        for i, (e, g) in enumerate(zip(expected, got)):
            v = self.run(e, g)
            if not v.passed:
                whole = "" if self.hidden else f" (gesamt erwartet {self.exp(expected)}, erhalten {show(got)})"
                return Verdict(0.0, f"Element {i + 1}: {v.message}{whole}")
        return Verdict(1.0)

    def _mapping(self, expected: dict, got) -> Verdict:
        if not isinstance(got, dict):
            return Verdict(0.0, f"Erwartet wurde ein Dictionary, erhalten: {self.got(got)}.")
        if set(got) != set(expected):
            have = "andere Schlüssel" if self.hidden else str(sorted(map(str, got)))
            return Verdict(0.0, f"Falsche Schlüssel: erwartet {sorted(map(str, expected))}, erhalten {have}.")
        for key in expected:
            v = self.run(expected[key], got[key])
            if not v.passed:
                return Verdict(0.0, f"Schlüssel {key!r}: {v.message}")
        return Verdict(1.0)

    def _numeric(self, expected, got) -> Verdict:
        exp = _as_array(expected)
        arr = _as_array(got)
        if arr is None:
            return Verdict(0.0, f"Erwartet wurde {_expected(expected, self.exp(expected))}, erhalten: "
                                f"{self.got(got)}.")
        if arr.shape != exp.shape:
            have = kind(got) + (" anderer Form" if arr.ndim and exp.ndim else "") if self.hidden else \
                (kind(got) if arr.ndim == 0 else f"{kind(got)} der Form {_shape(arr.shape)}")
            return Verdict(0.0, f"Falsche Form: erwartet {_expected(expected, self.exp(expected))}, "
                                f"erhalten {have}.")
        exp_f = exp.astype(complex if exp.dtype.kind == "c" else float)
        arr_f = arr.astype(complex if arr.dtype.kind == "c" else float)
        if exp.dtype.kind in "biu" and arr.dtype.kind in "biu" and exp.ndim:
            close = exp == arr
        else:
            close = np.isclose(arr_f, exp_f, rtol=self.case.rtol, atol=self.case.atol, equal_nan=True)
        if bool(np.all(close)):
            return Verdict(1.0)
        if exp.ndim == 0:
            got_text = "einen anderen Wert" if self.hidden else _number(arr_f)
            return Verdict(0.0, f"Falscher Wert: erwartet {self.exp(expected)}, erhalten {got_text}.")
        wrong = int(np.sum(~close))
        count = (f"{plural(wrong, 'Wert weicht', 'Werte weichen')} ab" if wrong == exp.size else
                 f"{german_number(wrong)} von {plural(exp.size, 'Wert', 'Werten')} "
                 f"{'weicht' if wrong == 1 else 'weichen'} ab")
        if self.hidden:
            return Verdict(0.0, f"Die Werte stimmen nicht: {count}. Erwartet {self.exp(expected)}.")
        worst = self._worst(exp_f, arr_f, close)
        return Verdict(0.0, f"{count}; {worst}. Erwartet {self.exp(expected)}, erhalten {show(got)}.")

    @staticmethod
    def _worst(exp_f, arr_f, close) -> str:
        """The most telling wrong entry: a NaN or infinity first, else the largest difference."""
        bad = ~np.isfinite(arr_f) & ~close
        if np.any(bad):
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            return f"{_position(index)} steht {_number(arr_f[index])} statt {_number(exp_f[index])}"
        diff = np.where(close, 0.0, np.abs(arr_f - exp_f))
        index = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape))
        return (f"größte Abweichung {_number(diff[index])} {_position(index)} "
                f"({_number(arr_f[index])} statt {_number(exp_f[index])})")

    def _accuracy(self, expected, got, minimum: float) -> Verdict:
        exp, arr = np.asarray(expected), _as_array(got)
        if arr is None and isinstance(got, list):
            arr = np.asarray(got, dtype=object)
        if arr is None or arr.shape != exp.shape:
            return Verdict(0.0, f"Erwartet wurden {plural(exp.size, 'Vorhersage', 'Vorhersagen')} "
                                f"(Form {_shape(exp.shape)}), erhalten: {self.got(got)}.")
        accuracy = float(np.mean(arr == exp)) if exp.size else 0.0
        if accuracy >= minimum:
            return Verdict(1.0, f"Genauigkeit {_percent(accuracy)}")
        return Verdict(0.0, f"Genauigkeit {_percent(accuracy)} – verlangt sind mindestens {_percent(minimum)}.")


def judge_rule(rule: Rule, got, describe=kind) -> Verdict:
    """Verdict of a value under a rule (``Satisfies``, ``Score``); ``Raises`` with a value fails."""
    if isinstance(rule, Raises):
        return Verdict(0.0, f"Erwartet wurde, dass der Aufruf einen {rule.name} auslöst; die Funktion gab aber "
                            f"einen Wert zurück: {describe(got)}.")
    if isinstance(got, Unsupported):
        return Verdict(0.0, f"Der Rückgabewert ({describe(got)}) lässt sich nicht bewerten.")
    if isinstance(rule, Score) and rule.requires is not None:
        verdict = judge_rule(rule.requires, got, describe)
        if verdict.fraction < 1:
            return verdict
    try:
        if isinstance(rule, Satisfies):
            ok = bool(rule.predicate(got))
            return Verdict(1.0) if ok else Verdict(0.0, f"Nicht erfüllt: {rule.text}")
        measured = float(rule.metric(got))
    except Exception:  # noqa: BLE001 - a value of the wrong kind fails the rule, nothing more
        what = rule.text if isinstance(rule, Satisfies) else rule.name
        return Verdict(0.0, f"Der Rückgabewert ({describe(got)}) lässt sich nicht prüfen: {what}.")
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


def judge_raised(rule: Raises, types: list[str]) -> Verdict:
    """A call that raised: ``types`` are the built-in classes in its exception's ancestry."""
    if rule.name in types:
        return Verdict(1.0)
    got = types[0] if types else "ein eigener Fehler"
    return Verdict(0.0, f"Erwartet wurde ein {rule.name}, ausgelöst wurde {got}.")


# ----------------------------------------------------------------------------- numbers
def _is_numeric(value) -> bool:
    """Numbers, numeric arrays, and rectangular nested lists of numbers (ragged ones are sequences)."""
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "biufc"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, list) and len(value) > 0 and _as_array(value) is not None


def _is_nested_numbers(value, depth: int = 0) -> bool:
    if depth > 32:
        return False
    if isinstance(value, list):
        return all(_is_nested_numbers(v, depth + 1) for v in value)
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


# ----------------------------------------------------------------------------- models
_ASPECTS = (("Schichtfolge", 0), ("Ausgabeformen", 1), ("Parameter je Schicht", 2), ("Aktivierungen", 3),
            ("Trainierbare Schichten", 4), ("Fenster und Schrittweiten", 5))


def judge_model(want: ModelSummary, have, hidden: bool = False) -> Verdict:
    """Compare two model summaries aspect by aspect; partial credit per matching aspect (of seven)."""
    if not isinstance(have, ModelSummary):
        return Verdict(0.0, f"Erwartet wurde ein Keras-Modell, erhalten: {kind(have)}.")
    if have.error:
        return Verdict(0.0, "Das Modell ist nicht gebaut (fehlt keras.Input als erstes Element?), daher lassen "
                            "sich Schichten und Parameter nicht bestimmen.")
    problems = []
    for name, index in _ASPECTS:
        w, h = _column(want, index), _column(have, index)
        if w != h:
            problems.append(name + (" weichen ab" if hidden else f": erwartet {_aspect(w, index)}, erhalten "
                                                                  f"{_aspect(h, index)}"))
    if have.total_params != want.total_params:
        problems.append("Parameter gesamt: erwartet " + german_number(want.total_params) +
                        ("" if hidden else ", erhalten " + german_number(have.total_params)))
    return Verdict((len(_ASPECTS) + 1 - len(problems)) / (len(_ASPECTS) + 1), "; ".join(problems))


def _column(summary: ModelSummary, index: int) -> list:
    """One aspect of every layer: a field of ``layers``, or (index 5) the windows kept beside them."""
    return list(summary.windows) if index == 5 else [layer[index] for layer in summary.layers]


def _aspect(values: list, index: int) -> str:
    if index == 0:
        return " → ".join(values) if values else "keine Schichten"
    if index == 1:
        return "[" + ", ".join("?" if s is None else "(" + ", ".join("None" if d is None else str(d) for d in s) + ")"
                               for s in values) + "]"
    if index == 2:
        return "[" + ", ".join(german_number(v) for v in values) + "]"
    if index == 4:
        return "[" + ", ".join("ja" if v else "nein" for v in values) + "]"
    if index == 5:
        return "[" + ", ".join("–" if v is None else "×".join(map(str, v[0])) + " (Schritt " + "×".join(map(str, v[1]))
                               + ")" for v in values) + "]"
    return "[" + ", ".join("–" if v is None else v for v in values) + "]"
