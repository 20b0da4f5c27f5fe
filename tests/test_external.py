"""``benchmarks/external.py``: grading solutions written outside the project (issue 12).

It must give each file the verdict its kind asks for (``alt`` full marks, ``mistake`` less, exactly
the named tests when it names them) and report unusable input in one line each, not a traceback.
"""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest

from conftest import ROOT


def _external():
    spec = importlib.util.spec_from_file_location("external", ROOT / "benchmarks" / "external.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_verdicts_and_unusable_input(tmp_path, capsys):
    fixtures = ROOT / "tests" / "fixtures" / "00_python"
    shutil.copy(fixtures / "alt_loops.py", tmp_path / "alt_loops.py")
    shutil.copy(fixtures / "mistake_ext_split_indices_ceil_test.py", tmp_path / "mistake_ceil.py")
    # a wrong solution filed as correct, and a mistake naming a test it does not lose: both wrong verdicts
    shutil.copy(fixtures / "mistake_ext_split_indices_ceil_test.py", tmp_path / "alt_really_a_mistake.py")
    text = (fixtures / "mistake_ext_split_indices_ceil_test.py").read_text(encoding="utf-8")
    lines = [("# loses: test_word_counts" if line.startswith("# loses:") else line) for line in text.splitlines()]
    (tmp_path / "mistake_wrong_test_named.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [("# message: Phrase, die keine Rückmeldung enthält" if line.startswith("# message:") else line)
             for line in text.splitlines()]
    (tmp_path / "mistake_wrong_message.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "mistake_latin1.py").write_bytes("# Fixture: Größe\n# %% split_indices\nx = 'ä'\n".encode("latin-1"))
    (tmp_path / "notes.py").write_text("# %% split_indices\npass\n", encoding="utf-8")
    out = tmp_path / "verdicts.json"

    status = _external().main([str(tmp_path), str(tmp_path / "missing"), "--workers", "1", "--json", str(out)])

    printed = capsys.readouterr().out
    verdicts = {v["file"].rsplit("/", 1)[1]: v for v in json.loads(out.read_text(encoding="utf-8"))}
    assert status == 1
    assert verdicts["alt_loops.py"]["ok"] and not verdicts["alt_loops.py"]["lost"]
    assert verdicts["mistake_ceil.py"]["ok"] and verdicts["mistake_ceil.py"]["lost"] == ["test_split_indices"]
    assert not verdicts["alt_really_a_mistake.py"]["ok"]
    assert not verdicts["mistake_wrong_test_named.py"]["ok"]
    assert not verdicts["mistake_wrong_message.py"]["ok"]   # loses the right test, but not as its header says
    assert "no lost case says 'Phrase, die keine Rückmeldung enthält'" in printed
    assert "5 files graded" in printed and "2 as expected, 3 not" in printed
    assert "mistake_latin1.py: not readable as UTF-8 text" in printed
    assert "notes.py: neither alt_ nor mistake_" in printed
    assert "missing: no such file or folder" in printed
    assert "Traceback" not in printed


def test_zero_workers_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        _external().main(["tests/fixtures/00_python", "--workers", "0"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "at least one worker" in err and "Traceback" not in err
