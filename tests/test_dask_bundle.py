"""Dask without a shared file system: the course bundle, the keys computed once, answers checked.

The fast tests check the bundle (what goes in, what stays home, where and how it is unpacked),
the key files a worker sends back and the shape of a worker's answer. The slow test starts a
scheduler and two workers with ``dask scheduler`` / ``dask worker`` in a folder that is not the
course, and compares their scores with the local pool's.
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import json
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from autograder.course import load_course
from autograder.grading import backends, bundle
from autograder.grading import keys as answer_key
from autograder.grading.backends import DaskError, Task, results_from_worker
from autograder.grading.grader import Assignment
from autograder.results import CaseResult, CellRun, GradeResult, ItemResult
from conftest import ROOT, make_course

A = "04_cnn"


@pytest.fixture
def copy(tmp_path, course):
    root = make_course(tmp_path, course)
    (root / "students.csv").write_text("id,first_name,last_name,email\ns0,Ada,Lovelace,ada@example.org\n")
    (root / "submitted" / "s0" / A).mkdir(parents=True)
    (root / "submitted" / "s0" / A / "04_cnn.ipynb").write_text("{}")
    (root / "gradebook.db").write_bytes(b"")
    return load_course(root)


def _fake_keys(c) -> dict[str, bytes]:
    """Key files of the right shape (every case, a made-up value), by file name."""
    files = {}
    for nb, path in bundle.key_paths(c, A).items():
        cases = [{"case_id": case.case_id, "expected": 0} for case in Assignment(c, A, nb).cases]
        files[path.name] = json.dumps({"format": answer_key.FORMAT, "cases": cases}).encode()
    return files


def test_the_bundle_holds_the_assignment_and_nothing_of_the_students(copy):
    data = bundle.build(copy, A, keys=False)
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    expected = {"course_config.py"} | {f"{part}/{A}/{p.name}" for part in ("source", "release")
                                       for p in (copy.root / part / A).iterdir() if p.is_file()}
    assert names == expected
    assert bundle.build(copy, A, keys=False) == data  # deterministic: the same digest every time
    with pytest.raises(bundle.BundleError, match="not cached"):
        bundle.build(copy, A)
    bundle.store_keys(copy, A, _fake_keys(copy))
    with_keys = set(zipfile.ZipFile(io.BytesIO(bundle.build(copy, A))).namelist())
    assert with_keys - names == {f".grader/keys/{A}/{p.name}" for p in bundle.key_paths(copy, A).values()}


def test_a_bundle_is_unpacked_privately_and_loads_as_a_course(copy, tmp_path):
    bundle.store_keys(copy, A, _fake_keys(copy))
    root = bundle.unpack(bundle.build(copy, A), parent=str(tmp_path))
    try:
        assert stat.S_IMODE(root.stat().st_mode) == 0o700
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in root.rglob("*") if p.is_file())
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in root.rglob("*") if p.is_dir())
        there = load_course(root)
        assert there.notebooks(A) == copy.notebooks(A) and not bundle.missing_keys(there, A)
        assert there.roster() is None and not (root / "submitted").exists()
    finally:
        shutil.rmtree(root)


@pytest.mark.parametrize("name", ["../evil.py", "/etc/evil", "submitted/s0/x.ipynb", "gradebook.db"])
def test_unpack_refuses_names_outside_the_bundle_layout(tmp_path, name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("course_config.py", "")
        zf.writestr(name, "x")
    with pytest.raises(bundle.BundleError):
        bundle.unpack(buffer.getvalue(), parent=str(tmp_path))
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def test_key_files_from_a_worker_are_checked_before_they_are_cached(copy):
    good = _fake_keys(copy)
    name = sorted(good)[0]
    bad = [["not", "a", "dict"], {}, {**good, "other.json": b"{}"}, {**good, name: "text"},
           {**good, name: b"not json"}, {**good, name: json.dumps({"format": 1, "cases": []}).encode()},
           {**good, name: json.dumps({"format": answer_key.FORMAT, "cases": [{"case_id": "x", "expected": 1}]}).encode()}]
    for files in bad:
        with pytest.raises(bundle.BundleError):
            bundle.store_keys(copy, A, files)
        assert bundle.missing_keys(copy, A) == copy.notebooks(A)
    bundle.store_keys(copy, A, good)
    assert bundle.missing_keys(copy, A) == []


def _result(student="s0", notebook="04_cnn") -> GradeResult:
    return GradeResult(A, notebook, student, items=[ItemResult("a", "autograded", 2.0, 1.5, [
        CaseResult("c1", "Test 1", False, 1.0, 0.75, "")]), ItemResult("m", "manual", 1.0, None)],
        cells=[CellRun("x", "ok", "out", None, 0.1)], answers={"m": "Antwort"}, problems=["p"])


def _task():
    return Task("s0", A, {"04_cnn": None, "04b_cnn_training": None})


def _raw(results) -> bytes:
    return json.dumps([r.to_dict() if isinstance(r, GradeResult) else r for r in results]).encode()


def test_a_workers_answer_comes_back_as_results():
    results = results_from_worker(_raw([_result(), _result(notebook="04b_cnn_training")]), _task())
    assert [r.to_dict() for r in results] == [_result().to_dict(), _result(notebook="04b_cnn_training").to_dict()]


def test_a_malformed_answer_is_an_error_not_a_grade(monkeypatch):
    ok = [_result().to_dict(), _result(notebook="04b_cnn_training").to_dict()]
    nan = json.loads(json.dumps(ok))
    nan[0]["items"][0]["score"] = float("nan")
    extra = json.loads(json.dumps(ok))
    extra[1]["secret"] = 1
    wrong_type = json.loads(json.dumps(ok))
    wrong_type[0]["items"][0]["cases"][0]["fraction"] = "1"
    bad = [None, "text", [1, 2], {"a": 1}, b"not json", _raw(ok[:1]), _raw(ok + ok[:1]), _raw(nan), _raw(extra),
           _raw(wrong_type), _raw([_result(student="s1"), ok[1]]), _raw([ok[1], ok[0]]), b"[" * 100000]
    for raw in bad:
        with pytest.raises(DaskError):
            results_from_worker(raw, _task())
    monkeypatch.setattr(backends, "MAX_RESULT_BYTES", 100)
    with pytest.raises(DaskError, match="unusable"):
        results_from_worker(_raw(ok), _task())


def test_a_malformed_answer_is_stored_as_internal_by_the_batch(tmp_path, course, monkeypatch):
    """The batch goes on: every student with a broken answer is stored with status 'internal'."""
    import distributed

    from autograder.grading import batch
    from autograder.grading.batch import autograde

    c = load_course(make_course(tmp_path, course))
    for s in ("s0", "s1"):
        (c.submitted_dir / s / A).mkdir(parents=True)
        (c.submitted_dir / s / A / "04_cnn.ipynb").write_text(
            (ROOT / "release" / A / "04_cnn.ipynb").read_text())

    class Client:  # answers like a worker gone wrong
        def submit(self, fn, *args, **kwargs):
            future = cf.Future()
            future.set_result([{"not": "results"}] if args[2] == "s0" else b"\x00" * 10)
            return future

    def prepare(self, assignment):
        self._bundles[assignment] = ("digest", None)

    monkeypatch.setattr(backends.DaskBackend, "prepare", prepare)
    monkeypatch.setattr(distributed, "as_completed", cf.as_completed)
    report = autograde(c, A, scheduler=Client(), progress=False)
    assert sorted(report.failed) == ["s0", "s1"] and all("DaskError" in m for m in report.failed.values())
    for s in ("s0", "s1"):
        stored = json.loads((c.autograded_dir / s / A / "04_cnn.results.json").read_text())
        assert stored["status"] == "internal"
    assert batch.read_record(c, A, "s0") is not None


# ----------------------------------------------------------------------------- a real cluster
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(procs) -> None:
    """Workers first, then the scheduler: asked to stop (SIGTERM, as a cluster manager does), then killed."""
    for proc in reversed(procs):
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
        try:  # whatever is left of its process group
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


def _scores(c):
    from autograder.gradebook import adapter as nbgrader_adapter

    with nbgrader_adapter.gradebook(c) as gb:
        return {s.student.id: round(s.score, 2) for s in gb.assignment_submissions(A)}


@pytest.mark.slow
def test_dask_workers_without_the_course_give_the_local_pools_scores(tmp_path, course):
    from distributed import Client

    from autograder.grading.batch import autograde
    from test_backends import _class

    (tmp_path / "local").mkdir()
    (tmp_path / "remote").mkdir()
    local = load_course(make_course(tmp_path / "local", course))
    remote = load_course(make_course(tmp_path / "remote", course))
    for c in (local, remote):
        expected = _class(c, 4)
    cluster_dir = tmp_path / "cluster"
    cluster_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "AUTOGRADER_COURSE_ROOT"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["TMPDIR"] = str(cluster_dir / "tmp")  # the workers' temporary folders, to look at afterwards
    (cluster_dir / "tmp").mkdir()
    dask = str(Path(sys.executable).with_name("dask"))  # the venv's `dask` command
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = []
    try:
        common = dict(cwd=cluster_dir, env=env, stdout=subprocess.DEVNULL, stderr=open(cluster_dir / "log", "ab"),
                      start_new_session=True)
        procs.append(subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1",
                                       "--port", str(port), "--no-dashboard"], **common))
        for n in range(2):
            procs.append(subprocess.Popen([dask, "worker", address,
                                           "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                           "--name", f"w{n}", "--local-directory", str(cluster_dir / f"w{n}")],
                                          **common))
        started = time.monotonic()
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            report = autograde(remote, A, scheduler=address, progress=False)
            states = client.run(backends.dask_worker_state)
        print(f"dask: {len(report.graded)} graded in {report.seconds:.1f} s "
              f"(cluster up after {time.monotonic() - started - report.seconds:.1f} s)")
    finally:
        _stop(procs)
    assert not report.failed and len(report.graded) == 4
    assert not bundle.missing_keys(remote, A)  # computed by a worker, cached by the coordinator
    local_report = autograde(local, A, workers=2, progress=False)
    print(f"local: {len(local_report.graded)} graded in {local_report.seconds:.1f} s")
    assert _scores(remote) == _scores(local) == expected
    for c in (local, remote):  # the same key, computed there and here
        for path in bundle.key_paths(c, A).values():
            assert path.is_file()
    assert {p.name: p.read_bytes() for p in bundle.key_paths(remote, A).values()} == \
        {p.name: p.read_bytes() for p in bundle.key_paths(local, A).values()}
    assert len(states) == 2
    for state in states.values():
        assert state["bundles"] and state["work_root"]
        for folder in state["bundles"]:
            path = Path(folder).resolve()
            assert remote.root.resolve() not in path.parents and path != remote.root.resolve()
            assert Path(state["work_root"]).resolve() not in path.parents
            assert re.fullmatch(r"autograder-bundle-.*", path.name)
            assert cluster_dir / "tmp" in path.parents  # the worker's own temporary folder
    leftovers = [p for p in (cluster_dir / "tmp").glob("autograder-bundle-*")]
    assert leftovers == [], leftovers  # workers that stop clean up their bundles
