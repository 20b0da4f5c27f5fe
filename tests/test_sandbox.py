"""What honest student code needs still works inside the sandbox, and what the sandbox cannot see."""

import json

import pytest

from autograder.grading.pool import WorkerPool

LIMITS = {"cell_timeout": 10.0, "notebook_timeout": 60.0, "case_timeout": 5.0, "cpu_seconds": 60,
          "memory_mb": 2048, "output_kb": 64, "max_processes": 64}


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(1) as p:
        yield p


def run(pool, cells, calls=(), hidden=()):
    work = pool.workdir()
    (work / "daten.csv").write_text("a,b\n1,2\n")
    job = {"cells": cells, "limits": LIMITS, "workdir": str(work), "mask": [], "threads": 1}
    return pool.run(job, list(calls), list(hidden))


def test_stdlib_files_and_subprocesses_work(pool):
    raw = run(pool, [
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


def test_protections_are_reported(pool):
    raw = run(pool, ["x = 1"])
    assert raw["status"] == "ok"
    assert {"net-ns", "pid-ns", "mount-ns", "user-nobody", "cgroup-memory"} <= set(raw["protections"])


def test_only_plain_data_comes_back(pool):
    raw = run(pool, ["import numpy as np\ndef f():\n    return np.float32(2.5), np.array(3), [1, (2, 3)]"],
              [("c1", "f", (), {}, None)])
    from autograder.sandbox import plain
    value = plain.decode(raw["cases"]["c1"]["value"])
    assert value[0] == 2.5 and value[1].shape == () and value[2] == [1, [2, 3]]


def test_large_honest_answers_are_graded_and_larger_ones_refused_by_size(pool):
    """Two 55 MB return values pass one after the other; 200 MB gets the "too large" outcome."""
    from autograder.sandbox import plain

    raw = run(pool, ["import numpy as np\ndef big(n):\n    return np.ones(n)"],
              [("a", "big", (55 * 2**20 // 8,), {}, None), ("b", "big", (55 * 2**20 // 8,), {}, None)],
              [("c", "big", (200 * 2**20 // 8,), {}, None)])
    assert raw["status"] == "ok", raw["message"]
    for case in ("a", "b"):
        value = plain.decode(raw["cases"][case]["value"])
        assert value.shape == (55 * 2**20 // 8,) and float(value.sum()) == value.size
    assert raw["cases"]["c"]["outcome"] == "too_large" and raw["cases"]["c"]["bytes"] >= 200 * 2**20


def test_hidden_calls_come_only_after_every_visible_call_and_their_output_is_dropped(pool):
    raw = run(pool, ["calls = []\ndef f(x):\n    calls.append(x)\n    print('CALLED', x)\n    return list(calls)"],
              [("v1", "f", ("visible-1",), {}, None), ("v2", "f", ("visible-2",), {}, None)],
              [("h1", "f", ("hidden-1",), {}, None)])
    from autograder.sandbox import plain

    assert plain.decode(raw["cases"]["v2"]["value"]) == ["visible-1", "visible-2"]
    assert plain.decode(raw["cases"]["h1"]["value"]) == ["visible-1", "visible-2", "hidden-1"]
    assert "hidden-1" not in raw["raw_output"] and "hidden-1" not in json.dumps(raw["cells"])


def test_names_of_student_cells_survive_later_demo_cells(pool):
    """A student's own class named like a library class keeps its meaning for the tests."""
    work = pool.workdir()
    job = {"cells": ["class DBSCAN:\n    def fit(self):\n        return 'mine'\ndef use():\n    return DBSCAN().fit()",
                     "from sklearn.cluster import DBSCAN"],
           "student_cells": [0], "limits": LIMITS, "workdir": str(work), "mask": [], "threads": 1}
    raw = pool.run(job, [("c", "use", (), {}, None)], [])
    from autograder.sandbox import plain

    assert plain.decode(raw["cases"]["c"]["value"]) == "mine"


def test_locked_helper_cells_win_over_a_students_definitions(pool):
    """A test helper in a locked cell (and what that cell binds) cannot be replaced by a student's
    definition of the same name, before it or in a cell the student added after it."""
    work = pool.workdir()
    job = {"cells": ["def answer():\n    return 'wrong'\ndef helper():\n    return 'faked'\ndef report(x):\n    return 'faked'",
                     "def report(x):\n    return ('checked', x)\ndef helper():\n    return report(answer())",
                     "def helper():\n    return 'faked later'"],
           "student_cells": [0, 2], "helper_cells": [1], "limits": LIMITS, "workdir": str(work), "mask": [],
           "threads": 1}
    raw = pool.run(job, [("c", "helper", (), {}, None)], [])
    from autograder.sandbox import plain

    assert plain.decode(raw["cases"]["c"]["value"]) == ["checked", "wrong"]


def test_helper_cells_are_the_locked_cells_defining_a_called_function():
    from autograder.notebook import ExecutionPlan, top_level_definitions

    plan = ExecutionPlan()
    plan.add("answer", "def answer():\n    pass", True)
    plan.add("demo", "%matplotlib inline\nfrom sklearn.cluster import DBSCAN\nanswer()", False)
    plan.add("helpers", "%load_ext autoreload\nimport numpy as np\ndef helper():\n    return answer()\nclass Box:\n    pass", False)
    plan.add("broken", "def (", False)
    assert top_level_definitions(plan.code_cells[2][1]) == {"helper", "Box"}
    assert plan.helper_indices({"answer", "helper"}) == [2]
    assert plan.helper_indices({"answer"}) == []


def test_the_sandbox_sees_only_the_allowlist(pool):
    """With bubblewrap the worker's file system holds the interpreter, libraries and work folders only."""
    if not pool.run({"cells": ["x = 1"], "limits": LIMITS, "workdir": str(pool.workdir()), "mask": [],
                     "threads": 1}, [], [])["protections"].count("allowlist-fs"):
        pytest.skip("bubblewrap not available: the fallback masks known paths instead")
    raw = run(pool, ["import os\nprint(sorted(os.listdir('/')))\nprint(os.path.exists('/work/main/source'), "
                     "os.path.exists('/root/.bashrc'), os.path.exists(os.path.expanduser('~root')))"])
    listing, flags = raw["cells"][0]["output"].strip().splitlines()
    assert flags == "False False False" or flags.startswith("False False")
    assert "home" not in listing and "srv" not in listing and "opt" not in listing


def test_a_pool_whose_worker_cannot_start_fails_the_job_instead_of_hanging(monkeypatch):
    from autograder.grading import pool as pool_module

    def broken(self, work_root, start_timeout=180.0, spawner=None):
        raise pool_module.WorkerError("worker did not start")

    with WorkerPool(1) as p:
        monkeypatch.setattr(pool_module.WorkerProcess, "__init__", broken)
        job = {"cells": [], "limits": LIMITS, "workdir": str(p.workdir()), "mask": [], "threads": 1}
        for _ in range(3):  # each try fails at once and frees its slot again
            with pytest.raises(pool_module.WorkerError):
                p.run(job, [], [])
        monkeypatch.undo()
        assert p.run(job, [], [])["status"] == "ok"


def test_workers_warmed_in_threads_stay_alive_and_serve_the_first_jobs():
    """bubblewrap's --die-with-parent fires when the thread that started a worker ends; a warmed
    worker that died right after warm-up made every batch pay each worker's start twice."""
    import time

    with WorkerPool(2) as p:
        p.warm_up()
        started = list(p._all)
        time.sleep(1.0)
        assert [w.proc.poll() for w in started] == [None, None]
        job = {"cells": ["x = 1"], "limits": LIMITS, "workdir": str(p.workdir()), "mask": [], "threads": 1}
        assert p.run(job, [], [])["status"] == "ok"
        assert p._all == started  # served by a warm worker, none started on demand


def test_a_virtualenv_reached_through_a_link_is_recreated_as_that_link(tmp_path, monkeypatch):
    from autograder.sandbox import launch

    real = tmp_path / "real-venv"
    (real / "bin").mkdir(parents=True)
    link = tmp_path / "checkout" / ".venv"
    link.parent.mkdir()
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.setattr(launch.sys, "prefix", str(link))
    monkeypatch.setattr(launch.sys, "executable", str(link / "bin" / "python"))
    assert launch.invoked_links() == {str(link): str(real)}
    argv, wrapped = launch.command(["true"], str(tmp_path / "work"), str(tmp_path))
    if wrapped:  # with bubblewrap: the link exists inside, next to the real folders bound read-only
        triples = [argv[i:i + 3] for i in range(len(argv) - 2)]
        assert ["--symlink", str(real), str(link)] in triples
