"""``check(...)``: the one call test cells are written with.

In a student's kernel ``check`` calls the student's function right away and prints a
German verdict, so visible tests give feedback while students work. When the grader
reads a *source* notebook, the same call only records a
:class:`~autograder.grading.cases.Case` (function name, inputs, expected value, tolerance);
the call itself is then made in the sandbox and judged on the trusted side (see
``autograder.grading``).
"""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path

from autograder.grading.cases import MISSING, Case, Raises, Satisfies, Score, make_case

__all__ = ["check", "Raises", "Satisfies", "Score"]


def check(function: str, *args, expect=MISSING, desc: str = "", rtol: float = 1e-5,
          atol: float = 1e-6, weight: float = 1.0, min_accuracy: float | None = None,
          timeout: float | None = None, **kwargs):
    """Call ``function`` (a name in the notebook) with the arguments and judge the result.

    ``expect`` is the expected value (omit it in hidden tests to use the reference
    solution's result); ``rtol``/``atol`` are tolerances for numbers; ``weight`` is the
    case's share of the cell's points; with ``min_accuracy`` the result (e.g. predicted
    labels) passes when at least that fraction of its elements equals ``expect``;
    ``timeout`` gives this call more (or less) time than ``LIMITS["case_timeout"]``.
    ``expect`` may also be a rule: ``Raises(ValueError)``, ``Satisfies(predicate, text)`` or
    ``Score(metric, full=..., zero=...)`` (see :mod:`autograder.grading.cases`).
    The names of these keywords are reserved; every other keyword goes to the function.
    """
    case = make_case(function, *args, expect=expect, desc=desc, rtol=rtol, atol=atol, weight=weight,
                     min_accuracy=min_accuracy, timeout=timeout, **kwargs)
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return _run_under_nbgrader(case, sys._getframe(1).f_globals)  # nbgrader reads the points from it
    passed, message = _run_in_kernel(case, sys._getframe(1).f_globals)
    if passed is False and os.environ.get("NBGRADER_EXECUTION") == "validate":  # nbgrader's Validate button
        raise AssertionError(f"Sichtbarer Test nicht bestanden: {case.desc or case.call_text()}"
                             + (f" – {message}" if message else "")) from None
    return None  # no stray ``Out: True`` under the cell


def _call_and_judge(case: Case, namespace: dict, expected) -> tuple[float | None, str]:
    """Call the student's function like the grader does and judge it against ``expected``.

    Returns (fraction, message); fraction ``None`` when there is nothing to compare with.
    """
    from autograder.grading import compare
    from autograder.grading.cases import Raises, Rule
    from autograder.sandbox import plain

    func = namespace.get(case.function)
    if not callable(func):
        return 0.0, f"Die Funktion '{case.function}' ist nicht definiert."
    try:
        value = func(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
    except NotImplementedError:
        return 0.0, f"'{case.function}' ist noch nicht implementiert."
    except Exception as exc:  # noqa: BLE001 - report any error of the student's code
        if isinstance(expected, Raises):
            if isinstance(exc, expected.exception):
                return 1.0, ""
            return 0.0, f"Erwartet wurde ein {expected.name}, ausgelöst wurde {type(exc).__name__}: {exc}"
        return 0.0, f"Fehler {type(exc).__name__}: {exc}"
    if expected is MISSING:
        return None, "ausgeführt (das Ergebnis wird beim Bewerten geprüft)."
    got = plain.decode(plain.loads(plain.dumps(plain.encode(value))))
    if not isinstance(expected, Rule):
        expected = plain.decode(plain.loads(plain.dumps(plain.encode(expected))))
    verdict = compare.judge(expected, got, case)
    return verdict.fraction, verdict.message


def _run_in_kernel(case: Case, namespace: dict) -> tuple[bool | None, str]:
    """Student-side feedback; the grade itself never depends on this function.

    A visible case without ``expect=`` (e.g. a Keras model) is judged against the reference's
    result from the check file next to the notebook (``<notebook>.checks.json``, written at
    release). Returns ``(passed, message)``; ``passed`` is ``None`` when there is nothing to
    compare with.
    """
    label = case.desc or case.call_text()
    expected = case.expect
    if expected is MISSING:
        from autograder.grading import checkfile

        found = checkfile.lookup(case)
        if found is not None:
            case, expected = found
    fraction, message = _call_and_judge(case, namespace, expected)
    if fraction is None:
        print(f"• {label}: {message}")
        return None, message
    passed = fraction >= 1
    print(("✓ " if passed else "✗ ") + label + ("" if passed or not message else f": {message}"))
    return passed, message


_nbgrader_index: dict | None = None
_nbgrader_scores: dict[str, float] = {}


def _load_key_index() -> dict:
    """All answer keys of the course, by call signature (plain nbgrader mode only)."""
    from autograder.grading import keys as answer_key

    global _nbgrader_index
    if _nbgrader_index is None:
        _nbgrader_index = {}
        keys = os.environ.get("AUTOGRADER_KEYS")
        if not keys:
            here = Path.cwd().resolve()
            root = next((p for p in (here, *here.parents) if (p / "course_config.py").is_file()), None)
            keys = str(root / ".grader" / "keys") if root else ""
        for path in sorted(Path(keys).glob("*/*.json")) if keys else []:
            for entry in answer_key.read(path) or []:
                _nbgrader_index[entry["signature"]] = entry
    return _nbgrader_index


def _run_under_nbgrader(case: Case, namespace: dict):
    """Plain ``nbgrader autograde`` runs test cells in the student's kernel (insecure by design).

    To give the same scores as ``autograder`` there, each call is judged against the answer
    key and returns the points reached so far in its test cell: the cell's last ``check``
    is its value, which nbgrader reads as partial credit.
    """
    from autograder.grading import keys as answer_key
    from autograder.grading.cases import Rule
    from autograder.sandbox import plain

    entry = _load_key_index().get(answer_key.signature(case.function, case.args, case.kwargs))
    if entry is None:
        if _run_in_kernel(case, namespace)[0] is False:
            raise AssertionError(f"{case.desc or case.call_text()} nicht bestanden")
        return None
    if entry["case_id"].endswith("#1"):
        _nbgrader_scores[entry["grade_id"]] = 0.0
    judged = Case(case.function, case.args, case.kwargs, rtol=entry["rtol"], atol=entry["atol"],
                  min_accuracy=entry["min_accuracy"])
    expected = case.expect if isinstance(case.expect, Rule) else plain.decode(entry["expected"])
    fraction, message = _call_and_judge(judged, namespace, expected)
    fraction = fraction or 0.0
    label = case.desc or case.call_text()
    print(f"✓ {label}" if fraction >= 1 else f"✗ {label}" + (f": {message}" if message else ""))
    total = _nbgrader_scores.get(entry["grade_id"], 0.0) + entry["points"] * entry["share"] * fraction
    _nbgrader_scores[entry["grade_id"]] = total
    _show_total_after_cell(entry["grade_id"])
    return round(total, 4)


_pending_cell: list[str] = []


def _show_total_after_cell(grade_id: str) -> None:
    """Make the cell's points its ``Out`` even when it does not end in a ``check`` (e.g. a loop).

    nbgrader reads a test cell's partial credit from its first ``execute_result`` and gives full
    points to a cell without one: a test cell ending in ``for ...: check(...)`` gave every blank
    notebook full marks. After such a cell, IPython's display hook shows the total, as if the
    cell had ended in an expression.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    if not _pending_cell:
        shell.events.register("post_run_cell", _after_cell)
    _pending_cell[:] = [grade_id]


def _after_cell(result) -> None:
    from IPython import get_ipython

    shell = get_ipython()
    shell.events.unregister("post_run_cell", _after_cell)
    grade_id = _pending_cell.pop() if _pending_cell else None
    if grade_id is None or result.result is not None or result.error_in_exec is not None:
        return  # the cell's own Out is the total already (or it failed: no points anyway)
    shell.displayhook(round(_nbgrader_scores.get(grade_id, 0.0), 4))
