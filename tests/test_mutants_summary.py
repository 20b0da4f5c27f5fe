"""``benchmarks/mutants.py --summary``: the kill rate leaves out equivalent and free mutants, the strict
rate counts the free ones (changes the task leaves to the student) as survivors (issue 12)."""

from __future__ import annotations

import importlib.util
import json
import sys

from conftest import ROOT


def _mutants():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("mutants", ROOT / "benchmarks" / "mutants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutants"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_summary_counts_free_mutants_apart(tmp_path, capsys, monkeypatch):
    mutants = _mutants()
    monkeypatch.setattr(mutants, "load_equivalent", lambda: {"a/f#2": "same", "a/f#3": "free", "a/f#4": "free"})
    monkeypatch.setattr(mutants, "load_free", lambda: {"a/f#3", "a/f#4"})
    verdicts = [{"id": f"a/f#{i}", "description": "d", "verdict": "survived"} for i in range(2, 6)]
    verdicts += [{"id": f"a/f#{i}", "description": "d", "verdict": "killed"} for i in range(10, 16)]
    (tmp_path / "run.json").write_text(json.dumps(verdicts), encoding="utf-8")
    assert mutants.summary([str(tmp_path / "run.json")]) == 0
    out = capsys.readouterr().out
    assert "survived: a/f#5" in out and "survived: a/f#2" not in out
    row = next(line for line in out.splitlines() if line.startswith("a "))
    # 10 mutants: 6 killed, 1 survived, 1 equivalent, 2 free -> 6/7 and strictly 6/9
    assert row.split() == ["a", "10", "6", "1", "1", "2", "85.7%", "66.7%", "0"]


def test_every_free_mutant_has_a_reason_and_is_not_also_equivalent():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import mutants_equivalent

    assert mutants_equivalent.NOT_GRADED and not set(mutants_equivalent.NOT_GRADED) & set(mutants_equivalent.EQUIVALENT)
    assert all(len(reason) > 15 for reason in {**mutants_equivalent.EQUIVALENT, **mutants_equivalent.NOT_GRADED}.values())
