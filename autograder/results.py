"""Grading results: the data every later step (gradebook, feedback, export) reads.

``GradeResult.to_gradescope()`` is the Gradescope ``results.json`` document.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from autograder.textfmt import de_num

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text or "")


VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")


def _case_line(case: "CaseResult") -> str:
    line = f"{'✓' if case.fraction >= 1 else '✗'} {case.label}"
    if case.message and case.fraction < 1:
        line += f": {case.message}"
    return line


@dataclass
class CaseResult:
    case_id: str
    label: str
    hidden: bool
    weight: float
    fraction: float
    message: str = ""


@dataclass
class ItemResult:
    grade_id: str
    kind: str            # "autograded" or "manual"
    max_score: float
    score: float | None  # None: waits for a TA
    cases: list[CaseResult] = field(default_factory=list)
    note: str = ""

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= self.max_score - 1e-9

    def feedback_text(self) -> str:
        lines = [self.note] if self.note else []
        lines += [_case_line(case) for case in self.cases]
        return "\n".join(lines)


@dataclass
class CellRun:
    label: str
    status: str
    output: str = ""
    error: str | None = None
    seconds: float = 0.0


@dataclass
class GradeResult:
    assignment: str
    notebook: str
    student: str
    items: list[ItemResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    status: str = "ok"          # ok, invalid, timeout, memory, crashed, protocol, internal
    message: str = ""
    protections: list[str] = field(default_factory=list)
    cells: list[CellRun] = field(default_factory=list)
    answers: dict = field(default_factory=dict)
    execution_time: float = 0.0   # wall time of grading this notebook, start to verdict
    code_seconds: float = 0.0     # of which the student's code ran (cells and test calls)
    late_penalty: float = 0.0

    @property
    def auto_score(self) -> float:
        return round(sum(i.score or 0 for i in self.items if i.kind == "autograded"), 4)

    @property
    def max_auto_score(self) -> float:
        return round(sum(i.max_score for i in self.items if i.kind == "autograded"), 4)

    @property
    def score(self) -> float:
        return round(max(0.0, self.auto_score - self.late_penalty), 4)

    def summary_lines(self) -> list[str]:
        lines = []
        if self.message:
            lines.append(self.message)
        lines.extend(self.problems)
        errors = [c for c in self.cells if c.status != "ok"]
        for cell in errors[:10]:
            reason = {"timeout": "Zeitlimit überschritten", "memory": "Speicherlimit überschritten"}.get(
                cell.status, f"Fehler: {(cell.error or '').splitlines()[-1] if cell.error else ''}")
            lines.append(f"Zelle '{cell.label}': {reason}")
        manual = [i for i in self.items if i.kind == "manual"]
        if manual:
            one = len(manual) == 1
            lines.append(f"{len(manual)} {'Antwort' if one else 'Antworten'} mit zusammen "
                         f"{de_num(sum(i.max_score for i in manual))} Punkten {'wird' if one else 'werden'} "
                         "von Tutor:innen bewertet.")
        if self.late_penalty:
            lines.append(f"Abzug für verspätete Abgabe: {de_num(self.late_penalty)} "
                         f"{'Punkt' if self.late_penalty == 1 else 'Punkte'}.")
        return lines

    def to_gradescope(self, hidden_visibility: str = "after_published") -> dict:
        """Gradescope's ``results.json``: visible cases visible, hidden cases in their own test.

        Each autograded item becomes a test with its visible cases (their share of the points and
        their messages) and, if it has hidden cases, a second test ``<item> (verborgene Tests)``
        with ``hidden_visibility`` (``hidden``, ``after_due_date`` or ``after_published``; as
        otter-grader does, never ``visible`` by default), so resubmitting cannot probe hidden tests
        and a hidden case's expected value never appears in a visible output.
        """
        if hidden_visibility not in VISIBILITIES:
            raise ValueError(f"hidden_visibility must be one of {', '.join(VISIBILITIES)}")
        tests = []
        for item in self.items:
            if item.kind != "autograded":
                continue
            total = sum(c.weight for c in item.cases) or 1.0
            groups = [(False, [c for c in item.cases if not c.hidden]), (True, [c for c in item.cases if c.hidden])]
            if not item.cases:
                groups = [(False, [])]
            for hidden, cases in groups:
                if hidden and not cases:
                    continue
                if item.cases and not cases:  # only hidden cases: the visible test is just the note
                    if not item.note:
                        continue
                share = sum(c.weight for c in cases) / total if item.cases else 1.0
                got = (sum(c.weight * c.fraction for c in cases) / total * item.max_score if item.cases
                       else (item.score or 0.0))
                lines = ([] if hidden or not item.note else [item.note]) + [_case_line(c) for c in cases]
                tests.append({"name": f"{item.grade_id} (verborgene Tests)" if hidden else item.grade_id,
                              "score": round(got, 4), "max_score": round(item.max_score * share, 4),
                              "status": "passed" if got >= item.max_score * share - 1e-9 else "failed",
                              "output": "\n".join(lines),
                              "visibility": hidden_visibility if hidden else "visible"})
        return {"score": self.score, "max_score": self.max_auto_score,
                "execution_time": round(self.execution_time, 3),
                "output": "\n".join(self.summary_lines()) or "Alle Zellen wurden ausgeführt.",
                "tests": tests,
                "extra_data": {"assignment": self.assignment, "notebook": self.notebook,
                               "student": self.student, "status": self.status,
                               "protections": self.protections}}

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "GradeResult":
        items = [ItemResult(**{**i, "cases": [CaseResult(**c) for c in i["cases"]]}) for i in data["items"]]
        cells = [CellRun(**c) for c in data["cells"]]
        return cls(**{**data, "items": items, "cells": cells})
