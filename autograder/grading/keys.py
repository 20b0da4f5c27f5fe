"""Answer keys: the expected value of every case, stored under ``.grader/keys``.

A key file holds, per case, its id, test cell, points share, tolerances, a signature of
its call (function name and inputs) and the expected value as plain data. The grader
reads the expected values; ``checks.check`` reads the whole file when a notebook runs
under plain ``nbgrader autograde`` (see ``checks._run_under_nbgrader``), so the
repository's notebooks stay gradable by nbgrader itself, with the same scores.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.files import write_atomic
from autograder.grading.cases import signature
from autograder.sandbox import plain

FORMAT = 4  # 3: Keras models as plain summaries made in the sandbox; 4: with window sizes and strides

__all__ = ["FORMAT", "signature", "write", "read", "expected_values"]


def cache_path(state_dir: Path, assignment: str, notebook: str, source_digest: str) -> Path:
    """Where the key of a notebook's source (by its digest) is cached: ``.grader/keys/<a>/<nb>-<digest>.json``."""
    return state_dir / "keys" / assignment / f"{notebook}-{source_digest}.json"


def write(path: Path, tests, expected_encoded: dict) -> None:
    cases = []
    for test in tests:
        total = sum(c.weight for c in test.cases) or 1.0
        for case in test.cases:
            cases.append({"case_id": case.case_id, "grade_id": test.grade_id, "points": test.points,
                          "share": case.weight / total, "rtol": case.rtol, "atol": case.atol,
                          "min_accuracy": case.min_accuracy, "hidden": case.hidden,
                          "signature": signature(case.function, case.args, case.kwargs),
                          "expected": expected_encoded[case.case_id]})
    write_atomic(path, json.dumps({"format": FORMAT, "cases": cases}))


def read(path: Path) -> list[dict] | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data["cases"]


def expected_values(cases: list[dict]) -> dict:
    return {c["case_id"]: plain.decode(c["expected"]) for c in cases}
