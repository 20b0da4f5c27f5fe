"""Check files: the reference's results of *visible* cases without ``expect=``, next to the release.

A visible test such as ``check("build_lenet5")`` has no written expected value: the grader
compares with the reference solution's model. So that students still see ✓ or ✗ while they
work, ``autograder release`` writes ``release/<unit>/<notebook>.checks.json`` with exactly these
values (as plain data, looked up by the call's :func:`~autograder.grading.cases.signature`).
Hidden cases never go into it, nor do cases whose value is written in the test cell anyway.

``check()`` in a student's kernel and the student's ``autograder validate`` read every check file
in the notebook's folder (Jupyter's working directory). This module ships in the student package.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.grading.cases import Case, signature
from autograder.sandbox import plain

SUFFIX = ".checks.json"
FORMAT = 2  # 2: model summaries with window sizes and strides
MAX_BYTES = 8 * 1024 * 1024


def entry(case: Case, expected_encoded) -> dict:
    """One check-file entry: the call's signature, tolerances and the expected value (plain data)."""
    return {"signature": signature(case.function, case.args, case.kwargs), "function": case.function,
            "rtol": case.rtol, "atol": case.atol, "min_accuracy": case.min_accuracy, "expected": expected_encoded}


def dumps(entries: list[dict]) -> str:
    """The file's text: one entry per line, so a changed expected value is a one-line diff."""
    lines = ",\n".join(" " + json.dumps(e, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                       for e in entries)
    return f'{{"format": {FORMAT}, "checks": [\n{lines}\n]}}\n'


def read(path: Path) -> list[dict]:
    """The entries of one check file; nothing when it is unreadable or of another format."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return []
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("checks"), list):
        return []
    return [e for e in data["checks"] if isinstance(e, dict) and isinstance(e.get("signature"), str)]


def index(folder: Path | None = None) -> dict[str, dict]:
    """Every entry of the check files in ``folder`` (default: the working directory), by signature."""
    found: dict[str, dict] = {}
    folder = Path.cwd() if folder is None else Path(folder)
    try:
        paths = sorted(folder.glob(f"*{SUFFIX}"))
    except OSError:
        return found
    for path in paths:
        for e in read(path):
            found.setdefault(e["signature"], e)
    return found


def lookup(case: Case, folder: Path | None = None) -> tuple[Case, object] | None:
    """``(case with the file's tolerances, expected value)`` for a visible case without ``expect=``."""
    e = index(folder).get(signature(case.function, case.args, case.kwargs))
    if e is None:
        return None
    try:
        expected = plain.decode(e["expected"])
    except (plain.PlainDataError, KeyError):
        return None
    judged = Case(case.function, case.args, case.kwargs, desc=case.desc, weight=case.weight,
                  rtol=float(e.get("rtol", case.rtol)), atol=float(e.get("atol", case.atol)),
                  min_accuracy=e.get("min_accuracy"), timeout=case.timeout)
    return judged, expected
