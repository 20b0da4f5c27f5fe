"""Test cases of a source notebook: read from its test cells on the trusted side.

Each autograded test cell is executed here, with ``check`` in recording mode, so
that its ``check(...)`` calls become :class:`~autograder.Case` objects with
concrete inputs. The visible part yields visible cases, the part between
``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` hidden ones. Student code
never runs here, and test code never runs next to student code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from autograder.errors import AutograderError
from autograder.grading.cases import Case, make_case
from autograder.notebook import SourceNotebook, split_hidden
from autograder.sandbox.models import quiet_keras

# TensorFlow writes start-up lines to fd 2 from C++ (absl, oneDNN) whatever TF_CPP_MIN_LOG_LEVEL says;
# a test cell that builds its inputs with it would print them into ``release`` and ``grade``.
_USES_TF = re.compile(r"\b(tensorflow|keras)\b")


class SpecError(AutograderError):
    """A test cell of the source is broken (an instructor's error)."""


@dataclass
class TestCell:
    grade_id: str
    points: float
    cases: list[Case]


def extract_tests(source: SourceNotebook) -> list[TestCell]:
    tests = []
    for cell in source.cells:
        if cell.role != "test":
            continue
        visible, hidden = split_hidden(cell.source)
        cases = []
        recorded: list[Case] = []
        namespace = {"np": np, "numpy": np, "__name__": "__autograder_spec__",
                     "check": lambda *a, **k: recorded.append(make_case(*a, **k))}
        for part, is_hidden in ((visible, False), (hidden, True)):  # hidden code sees visible names
            for case in _record(part, cell.grade_id, namespace, recorded):
                case.hidden = is_hidden
                cases.append(case)
        for n, case in enumerate(cases, 1):
            case.case_id = f"{cell.grade_id}#{n}"
        if not cases:
            raise SpecError(f"test cell '{cell.grade_id}' in {source.path.name} has no check(...) calls")
        tests.append(TestCell(cell.grade_id, cell.points, cases))
    return tests


def _record(code: str, grade_id: str, namespace: dict, recorded: list[Case]) -> list[Case]:
    """Run one part of a test cell with ``check`` bound to a recorder; return its new cases."""
    if not code.strip():
        return []
    recorded.clear()
    if _USES_TF.search(code):
        quiet_keras()  # imports Keras and TensorFlow with fd 2 silenced; the cell's import is then a lookup
    try:
        exec(compile(code, f"<test cell {grade_id}>", "exec"), namespace)  # noqa: S102 - instructor code
    except Exception as exc:  # noqa: BLE001
        raise SpecError(f"test cell '{grade_id}' fails on the grader side: {type(exc).__name__}: {exc}") \
            from exc
    return list(recorded)
