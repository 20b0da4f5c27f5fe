"""The check() DSL: in a kernel it prints a verdict; when recording it only records."""

from autograder import checks
from autograder.grading.cases import make_case


def conv_like(x):
    return [v * 2 for v in x]


def test_check_in_kernel_prints_german_verdicts(capsys):
    assert checks.check("conv_like", [1, 2], expect=[2, 4], desc="doppelt")
    assert not checks.check("conv_like", [1, 2], expect=[2, 5])
    assert not checks.check("missing_function", 1, expect=1)
    out = capsys.readouterr().out
    assert "✓ doppelt" in out and "1 von 2 Werten weicht ab" in out and "nicht definiert" in out


def test_make_case_records_without_calling_anything():
    case = make_case("missing_function", 1, padding="same", expect=(1, 2), desc="x", weight=2)
    assert case.function == "missing_function" and case.kwargs == {"padding": "same"}
    assert case.expect == (1, 2) and case.weight == 2 and case.has_expect
