"""The release check: the reference solution must pass every test it is released with.

Before ``autograder release`` writes anything, the reference solution of each notebook runs
once in the sandbox on every visible and hidden case (the same run that computes the answer
key, :meth:`Grader.reference`). A release is refused when

* a written ``expect=`` disagrees with the reference's result (judged with ``compare.judge``,
  as a submission would be), or a rule (``Raises``, ``Satisfies``, ``Score``) is not fully met,
* a case names a function that no answer cell defines,
* the reference raises or runs out of time, in a case or in a cell.

Each problem is one :class:`Problem` line naming notebook, cell, case, expected and got.
After the check the answer key is complete, and :func:`check_file` gives the entries of the
students' check file (visible cases without ``expect=`` only).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from autograder.grading import checkfile, compare
from autograder.grading.cases import Case, Raises, Rule
from autograder.grading.grader import Assignment, Grader
from autograder.notebook import plan_execution, read_notebook
from autograder.results import strip_ansi
from autograder.sandbox import plain


@dataclass
class Problem:
    notebook: str      # path relative to the course root
    cell: str
    case: str          # "case 2 (desc) call(...)"
    expected: str
    got: str

    def line(self) -> str:
        return f"{self.notebook}, cell '{self.cell}', {self.case}: expected {self.expected}, got {self.got}"


def _case_name(test_cases: list[Case], case: Case) -> str:
    n = test_cases.index(case) + 1
    kind = "hidden case" if case.hidden else "case"
    desc = f" ({case.desc})" if case.desc else ""
    return f"{kind} {n}{desc} {case.call_text()}"


def _expected_text(case: Case) -> str:
    if isinstance(case.expect, Rule):
        return compare.describe(case.expect)
    if case.has_expect:
        return compare.describe(plain.decode(plain.encode(case.expect)))
    return "a value (the reference's result is the expected value)"


def _error_text(got: dict) -> str:
    text = " ".join(strip_ansi(str(got.get("text") or "")).split())
    return text[:300] or (got.get("types") or ["an error"])[0]


def check_case(case: Case, got: dict | None, limit: float) -> tuple[str, str] | None:
    """``(expected, got)`` texts when the reference fails ``case``; ``None`` when it passes."""
    if got is None:
        return _expected_text(case), "no result (the reference's run ended before this call)"
    outcome = got.get("outcome")
    if outcome == "missing":
        return _expected_text(case), f"function '{case.function}' is not defined by any answer cell"
    if outcome == "not_implemented":
        return _expected_text(case), f"'{case.function}' raises NotImplementedError in the reference"
    if outcome == "timeout":
        return _expected_text(case), f"the reference timed out ({compare.german_number(limit)} s)"
    if outcome == "error":
        if isinstance(case.expect, Raises):
            verdict = compare.judge_raised(case.expect, list(got.get("types") or []))
            return None if verdict.passed else (_expected_text(case), f"the reference raised {_error_text(got)}")
        return _expected_text(case), f"the reference raised {_error_text(got)}"
    if outcome != "value" or "value" not in got:
        return _expected_text(case), f"an unusable result ({outcome})"
    try:
        value = plain.decode(got["value"])
    except plain.PlainDataError:
        return _expected_text(case), "an unreadable result"
    if not (case.has_expect or isinstance(case.expect, Rule)):
        if isinstance(value, plain.Unsupported):
            return _expected_text(case), compare.show(value)
        return None   # the reference's value is the expected value
    expected = case.expect if isinstance(case.expect, Rule) else plain.decode(plain.encode(case.expect))
    verdict = compare.judge(expected, value, dataclasses.replace(case, hidden=False))
    if verdict.passed:
        return None
    got_text = compare.describe(value) + (f" – {verdict.message}" if verdict.message else "")
    return _expected_text(case), got_text


def check_notebook(grader: Grader, a: Assignment) -> list[Problem]:
    """Every problem of the reference solution with the tests of one notebook (one sandbox run)."""
    raw = grader.reference(a)
    where = str(a.source_path.relative_to(grader.course.root)) \
        if a.source_path.is_relative_to(grader.course.root) else str(a.source_path)
    problems = []
    if raw.get("status") != "ok":
        problems.append(Problem(where, "-", "the whole notebook", "a run within the limits",
                                f"{raw.get('status')}: {' '.join(str(raw.get('message') or '').split())[:300]}"))
    labels = [label for label, _ in plan_execution(a.source, read_notebook(a.source_path)).code_cells]
    for cell in raw.get("cells", []):
        i = cell.get("i")
        if cell.get("status") not in (None, "ok") and isinstance(i, int) and 0 <= i < len(labels):
            error = " ".join(strip_ansi(str(cell.get("error") or "")).split())[:300]
            problems.append(Problem(where, labels[i], "the cell itself", "no error",
                                    f"{cell.get('status')}: {error}"))
    limit = float(grader.course.limits["case_timeout"])
    for test in a.tests:
        for case in test.cases:
            found = check_case(case, raw.get("cases", {}).get(case.case_id), float(case.timeout or limit))
            if found:
                problems.append(Problem(where, test.grade_id, _case_name(test.cases, case), *found))
    return problems


def check_file(grader: Grader, a: Assignment) -> list[dict]:
    """The check-file entries of a notebook: visible cases without ``expect=`` and their key values."""
    key = grader.key(a)
    return [checkfile.entry(case, plain.encode(key[case.case_id])) for case in a.cases
            if not case.hidden and not case.has_expect and case.case_id in key]


@functools.lru_cache(maxsize=1)
def _judging_code() -> bytes:
    """The grader's own code that runs and judges cases (``grading`` and ``sandbox``): a change to it
    (a new aspect of model summaries, say) can fail a reference that passed before."""
    package = Path(__file__).resolve().parent.parent
    return b"".join(p.read_bytes() for folder in ("grading", "sandbox") for p in sorted((package / folder).glob("*.py")))


def stamp_path(grader: Grader, a: Assignment) -> Path:
    """Where a passed check of exactly this source, data, limits and judging code is recorded
    (``.grader/verified``)."""
    h = hashlib.sha256(a.source_path.read_bytes())
    h.update(json.dumps(grader.course.limits, sort_keys=True).encode())
    h.update(_judging_code())
    folder = grader.course.root / "release" / a.assignment
    for f in sorted(a.data_files()):
        h.update(str(f.relative_to(folder)).encode() + b"\0" + f.read_bytes())
    return grader.course.state_dir / "verified" / a.assignment / f"{a.notebook}-{h.hexdigest()[:20]}"


def verify(grader: Grader, assignments: list[str], log=None) -> tuple[list[Problem], dict[tuple[str, str], list[dict]]]:
    """Problems of every notebook of ``assignments``; with none, their check-file entries too.

    A notebook whose source, data files and limits passed before (and whose answer key is stored)
    is not run again; ``log`` (a callable) hears which notebooks were checked and how.
    """
    problems: list[Problem] = []
    entries: dict[tuple[str, str], list[dict]] = {}
    for name in assignments:
        for nb in grader.course.notebooks(name):
            a = grader.assignment(name, nb)
            stamp = stamp_path(grader, a)
            if stamp.is_file() and grader.key_path(a).is_file():
                found = []
                how = "unchanged since its last check"
            else:
                found = check_notebook(grader, a)
                how = f"{len(a.cases)} cases run" + (f", {len(found)} problem(s)" if found else ", all passed")
            problems += found
            if not found:
                entries[(name, nb)] = check_file(grader, a)
                stamp.parent.mkdir(parents=True, exist_ok=True)
                stamp.write_text("passed\n")
            if log:
                log(f"reference check {name}/{nb}: {how}")
    return problems, entries


def write_check_files(folder: Path, notebook_entries: dict[str, list[dict]]) -> list[Path]:
    """Write ``<notebook>.checks.json`` for each notebook with entries; remove stale ones."""
    written = []
    for nb, entries in notebook_entries.items():
        path = folder / f"{nb}{checkfile.SUFFIX}"
        if entries:
            path.write_text(checkfile.dumps(entries), encoding="utf-8")
            written.append(path)
        elif path.exists():
            path.unlink()
    return written
