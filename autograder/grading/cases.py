"""A test case: one call of a student function and how to judge its result.

Test cells are written with ``check(...)`` (see :mod:`autograder.checks`); on the grader's
side each call becomes a :class:`Case` through :func:`make_case`, with the same signature, so
the source notebook's test cells mean the same thing in a student's kernel and here.
"""

from __future__ import annotations

import builtins
import math
from dataclasses import dataclass, field
from typing import Callable

MISSING = object()


class Rule:
    """An ``expect=`` that judges by a rule instead of comparing with one value.

    Rules are written in test cells (instructor code) and applied on the trusted side to the
    decoded return value; in a student's kernel, to the value of the student's own call.
    """


@dataclass(frozen=True)
class Raises(Rule):
    """``expect=Raises(ValueError)``: the call must raise this built-in exception (or a subclass)."""

    exception: type

    def __post_init__(self):
        if not (isinstance(self.exception, type) and issubclass(self.exception, BaseException)
                and getattr(builtins, self.exception.__name__, None) is self.exception):
            raise TypeError("Raises(...) takes a built-in exception class such as ValueError")

    @property
    def name(self) -> str:
        return self.exception.__name__


@dataclass(frozen=True)
class Satisfies(Rule):
    """``expect=Satisfies(predicate, "Jede Zeile summiert sich zu 1")``: ``predicate(value)`` must be true.

    ``text`` says in German what is required; it is the feedback when the property fails.
    """

    predicate: Callable
    text: str


@dataclass(frozen=True)
class Score(Rule):
    """``expect=Score(metric, full=0.95, zero=0.80, name="Testgenauigkeit")``: partial credit by a measure.

    ``metric(value)`` turns the return value into a number (e.g. the accuracy of predicted
    labels against the test labels). At ``full`` or better the case earns full marks, at ``zero``
    or worse nothing, linearly in between; when ``full < zero`` smaller is better (an error).
    The feedback always states the measured value. ``percent`` formats it as a percentage.
    ``requires=Satisfies(...)`` is a property the value must have before it is measured (say,
    integer labels): without it the case earns nothing and the feedback is that rule's text.
    """

    metric: Callable
    full: float
    zero: float
    name: str = "Messwert"
    percent: bool = False
    requires: Satisfies | None = None

    def __post_init__(self):
        if not (math.isfinite(self.full) and math.isfinite(self.zero)) or self.full == self.zero:
            raise ValueError("Score needs two different finite thresholds full and zero")
        if self.requires is not None and not isinstance(self.requires, Satisfies):
            raise TypeError("Score(requires=...) takes a Satisfies(predicate, text)")

    def fraction(self, measured: float) -> float:
        share = (measured - self.zero) / (self.full - self.zero)
        return max(0.0, min(1.0, share))


@dataclass
class Case:
    """One call of a student function and how to judge its result."""

    function: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    expect: object = MISSING
    desc: str = ""
    rtol: float = 1e-5
    atol: float = 1e-6
    weight: float = 1.0
    min_accuracy: float | None = None
    timeout: float | None = None     # seconds for this call (default: LIMITS["case_timeout"])
    hidden: bool = False
    case_id: str = ""

    @property
    def has_expect(self) -> bool:
        return self.expect is not MISSING

    def call_text(self) -> str:
        parts = [short(a) for a in self.args] + [f"{k}={short(v)}" for k, v in self.kwargs.items()]
        return f"{self.function}({', '.join(parts)})"


def make_case(function: str, *args, expect=MISSING, desc: str = "", rtol: float = 1e-5, atol: float = 1e-6,
              weight: float = 1.0, min_accuracy: float | None = None, timeout: float | None = None,
              **kwargs) -> Case:
    """The :class:`Case` of one ``check(...)`` call (same signature as ``check``)."""
    if timeout is not None and not (isinstance(timeout, (int, float)) and 0 < timeout <= 3600):
        raise ValueError("timeout must be a number of seconds between 0 and 3600")
    return Case(function, args, kwargs, expect, desc, rtol, atol, weight, min_accuracy,
                None if timeout is None else float(timeout))


def signature(function: str, args: tuple, kwargs: dict) -> str:
    """A stable fingerprint of a call: the same inputs give the same text in any process.

    Answer keys and the released check files (:mod:`autograder.grading.checkfile`) are looked
    up by it, in a student's kernel as on the grader's side.
    """
    import hashlib

    from autograder.sandbox import plain

    data = plain.dumps(plain.encode([function, list(args), {k: kwargs[k] for k in sorted(kwargs)}]))
    return hashlib.sha256(data).hexdigest()[:24]


def short(value, limit: int = 60) -> str:
    """One line for a call's argument: a small array written out, a large or summarised one as its shape."""
    text = repr(value)
    if hasattr(value, "shape"):
        text = " ".join(text.split())  # NumPy breaks a 2-D array over lines
        if len(text) > limit or "..." in text:
            text = f"<Array {tuple(value.shape)}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
