"""A test case: one call of a student function and how to judge its result.

Test cells are written with ``check(...)`` (see :mod:`autograder.checks`); on the grader's
side each call becomes a :class:`Case` through :func:`make_case`, with the same signature, so
the source notebook's test cells mean the same thing in a student's kernel and here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MISSING = object()


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
    hidden: bool = False
    case_id: str = ""

    @property
    def has_expect(self) -> bool:
        return self.expect is not MISSING

    def call_text(self) -> str:
        parts = [short(a) for a in self.args] + [f"{k}={short(v)}" for k, v in self.kwargs.items()]
        return f"{self.function}({', '.join(parts)})"


def make_case(function: str, *args, expect=MISSING, desc: str = "", rtol: float = 1e-5, atol: float = 1e-6,
              weight: float = 1.0, min_accuracy: float | None = None, **kwargs) -> Case:
    """The :class:`Case` of one ``check(...)`` call (same signature as ``check``)."""
    return Case(function, args, kwargs, expect, desc, rtol, atol, weight, min_accuracy)


def short(value, limit: int = 60) -> str:
    text = repr(value)
    if hasattr(value, "shape") and len(text) > limit:
        text = f"<Array {tuple(value.shape)}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
