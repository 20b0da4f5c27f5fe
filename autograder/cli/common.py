"""Helpers shared by the command modules."""

from __future__ import annotations


def print_result(result) -> None:
    print(f"{result.assignment}/{result.notebook} ({result.student}): {result.score:g} von "
          f"{result.max_auto_score:g} automatisch bewerteten Punkten")
    for line in result.summary_lines():
        print(f"  {line}")
    for item in result.items:
        score = "offen" if item.score is None else f"{item.score:g}"
        print(f"  {item.grade_id:28} {score:>6} / {item.max_score:g}")
        for case in item.cases:
            if case.fraction < 1:
                print(f"      ✗ {case.label}: {case.message}")
