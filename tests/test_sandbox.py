"""What honest student code needs still works inside the sandbox."""

import pytest

from autograder.grading.pool import WorkerPool

LIMITS = {"cell_timeout": 10.0, "notebook_timeout": 60.0, "case_timeout": 5.0, "cpu_seconds": 60,
          "memory_mb": 2048, "output_kb": 64, "max_processes": 64}


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(1) as p:
        yield p


def run(pool, tmp_path, cells, calls=()):
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    (work / "daten.csv").write_text("a,b\n1,2\n")
    job = {"cells": cells, "limits": LIMITS, "workdir": str(work), "mask": [], "threads": 1}
    return pool.run(job, list(calls))


def test_stdlib_files_and_subprocesses_work(pool, tmp_path):
    raw = run(pool, tmp_path, [
        "import statistics, fractions, sqlite3, csv\nprint(statistics.mean([1, 2, 3]))",
        "import subprocess, sys\nprint(subprocess.run([sys.executable, '-c', 'print(40 + 2)'],"
        " capture_output=True, text=True).stdout.strip())",
        "print(open('daten.csv').read().splitlines()[1])\nopen('out.txt', 'w').write('ok')\n"
        "print(open('out.txt').read())",
        "import os, tempfile\nprint(os.path.isdir(tempfile.gettempdir()), os.getcwd() == os.path.abspath('.'))",
    ])
    outputs = [c["output"].strip() for c in raw["cells"]]
    assert [c["status"] for c in raw["cells"]] == ["ok"] * 4, raw["cells"]
    assert outputs == ["2", "42", "1,2\nok", "True True"]


def test_protections_are_reported(pool, tmp_path):
    raw = run(pool, tmp_path, ["x = 1"])
    assert raw["status"] == "ok"
    assert {"net-ns", "pid-ns", "mount-ns", "user-nobody", "cgroup-memory"} <= set(raw["protections"])


def test_only_plain_data_comes_back(pool, tmp_path):
    raw = run(pool, tmp_path, ["import numpy as np\ndef f():\n    return np.float32(2.5), np.array(3), [1, (2, 3)]"],
              [("c1", "f", (), {})])
    from autograder.sandbox import plain
    value = plain.decode(raw["cases"]["c1"]["value"])
    assert value[0] == 2.5 and value[1].shape == () and value[2] == [1, [2, 3]]
