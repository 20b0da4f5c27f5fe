"""Coordinator side of the workers: start them, hand them jobs, restart them if they die.

Each :class:`WorkerProcess` is a fresh interpreter (never a fork of the coordinator, which
holds expected values), started inside bubblewrap where available
(:mod:`autograder.sandbox.launch`), that pays the import cost once. :class:`WorkerPool`
keeps ``n`` of them busy from a thread pool; the threads only wait on pipes.

A job's calls go in two steps: the visible calls after the notebook ran, the hidden calls
only after every visible call was answered (the sandbox asks for each). Answers arrive one
frame per call; the return value stays encoded (plain-data JSON) until the grader decodes it.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import os
import pickle
import queue
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from autograder.sandbox import launch, plain
from autograder.sandbox.protocol import MAX_FRAME, ProtocolError, read_frame, split_event, write_frame, write_json

PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent.parent)
PACKAGE_DIR = str(Path(__file__).resolve().parent.parent)
#: ``(case_id, function, args, kwargs, timeout)``: what the sandbox calls.
Call = tuple
#: Bytes of return values one submission may hand the coordinator in all (each value: 128 MB at most);
#: the sandbox's runner counts the same budget and stops sending before it (runner.JOB_BUDGET).
JOB_BUDGET = 256 * 1024 * 1024 + 64 * 1024 * 1024


class WorkerError(RuntimeError):
    """The worker process itself failed (not the submission)."""


class WorkerProcess:
    def __init__(self, work_root: str, start_timeout: float = 180.0, spawner: cf.Executor | None = None):
        # a fresh environment: nothing of the instructor's shell (tokens, paths) reaches a sandbox
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": work_root,
               "TMPDIR": work_root, "TF_CPP_MIN_LOG_LEVEL": "2", "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        if os.environ.get("AUTOGRADER_DEBUG"):
            env["AUTOGRADER_DEBUG"] = "1"
        boot = f"import sys; sys.path.insert(0, {PACKAGE_PARENT!r}); from autograder.sandbox.worker import main; " \
               "raise SystemExit(main())"
        argv, self.allowlist = launch.command([sys.executable, "-c", boot], work_root, PACKAGE_DIR)
        # bubblewrap's --die-with-parent is PR_SET_PDEATHSIG, which fires when the *thread* that
        # started it ends: a worker started from a short-lived thread (a warm-up thread, a pool
        # thread) would be killed right after it became ready. ``spawner`` is a thread that lives
        # as long as the pool.
        popen = functools.partial(subprocess.Popen, argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env=env, cwd=work_root, start_new_session=True)
        try:
            self.proc = spawner.submit(popen).result() if spawner is not None else popen()
        except RuntimeError:  # the spawner was shut down: the pool is closing
            raise WorkerError("the pool is closed") from None
        self.fd_in = self.proc.stdout.fileno()
        self.fd_out = self.proc.stdin.fileno()
        hello = self._read(start_timeout)[0]
        if hello.get("type") != "ready":
            self.close()
            raise WorkerError(f"worker did not start: {hello.get('type')!r}")
        self.info = hello
        self.jobs = 0

    def _read(self, timeout: float) -> tuple[dict, bytes]:
        ready, _, _ = select.select([self.fd_in], [], [], timeout)
        if not ready:
            self.close()
            raise WorkerError("worker did not answer in time")
        try:
            return split_event(read_frame(self.fd_in), max_header=MAX_FRAME, max_depth=8)  # our own supervisor
        except (ProtocolError, OSError) as exc:
            self.close()
            raise WorkerError(f"worker failed: {exc}") from None

    def run(self, job: dict, visible: list[Call], hidden: list[Call] = ()) -> dict:
        """Run one job; returns the worker's result with ``cases`` by id."""
        job = dict(job, visible=[c[0] for c in visible], hidden=[c[0] for c in hidden],
                   timeouts={c[0]: c[4] for c in [*visible, *hidden] if c[4]}, allowlist=self.allowlist)
        longest = max([float(job["limits"]["case_timeout"])] + [float(c[4]) for c in [*visible, *hidden] if c[4]])
        deadline = time.monotonic() + float(job["limits"]["notebook_timeout"]) + longest + 60.0
        blobs = {"visible": pickle.dumps(list(visible), protocol=pickle.HIGHEST_PROTOCOL),
                 "hidden": pickle.dumps(list(hidden), protocol=pickle.HIGHEST_PROTOCOL)}
        cases: dict[str, dict] = {}
        budget = [JOB_BUDGET]
        try:
            write_json(self.fd_out, {"type": "run"})
            write_json(self.fd_out, job)
            while True:
                if time.monotonic() > deadline:  # however busy the sandbox keeps the channel
                    self.close()
                    raise WorkerError("the job ran past its deadline")
                header, payload = self._read(max(1.0, deadline - time.monotonic()))
                kind = header.get("type")
                if kind == "need" and header.get("phase") in blobs:
                    write_frame(self.fd_out, blobs.pop(header["phase"]))
                elif kind == "case" and isinstance(header.get("id"), str):
                    cases[header["id"]] = _record(header, payload, budget)
                elif kind == "result":
                    self.jobs += 1
                    header["cases"] = cases
                    if self.allowlist:
                        header["protections"] = sorted(set(header.get("protections", [])) | {"allowlist-fs"})
                    return header
                else:
                    raise WorkerError(f"unexpected message {kind!r}")
        except (BrokenPipeError, OSError) as exc:
            self.close()
            raise WorkerError(f"worker failed: {exc}") from None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                write_json(self.fd_out, {"type": "exit"})
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 9)
            except ProcessLookupError:
                pass
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass


def _record(header: dict, payload: bytes, budget: list[int]) -> dict:
    """One answered call, its return value unpacked (not yet decoded); never raising.

    ``budget`` is what is left of the job's :data:`JOB_BUDGET`: the values of one submission
    together may not take more of the coordinator's memory than that; later ones count as too large.
    """
    record = {k: v for k, v in header.items() if k != "type"}
    if payload:
        budget[0] -= len(payload)
        if budget[0] < 0:
            return {**record, "outcome": "too_large", "bytes": len(payload)}
        try:
            record["value"] = plain.unpack(payload)
        except plain.PlainDataError:
            record["outcome"] = "invalid"
    return record


class WorkerPool:
    """``n`` warm workers; ``run`` blocks until a worker is free. Thread-safe.

    The pool owns the work root: a folder only the workers (and their sandboxes) can write,
    under which :meth:`workdir` makes one folder per run.
    """

    def __init__(self, n: int = 1):
        self.n = max(1, int(n))
        self.idle: queue.Queue[WorkerProcess] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[WorkerProcess] = []
        self._started = 0
        self._closed = False
        self._warming: list[threading.Thread] = []
        self.start_seconds = 0.0
        # Work folders hold only release data files; their parent is not listable and their
        # names are random, so concurrent sandboxes (all user nobody) cannot find each other's.
        self.work_root = tempfile.mkdtemp(prefix="autograder-")
        os.chmod(self.work_root, 0o711)
        # the one thread that starts worker processes (see WorkerProcess): alive until close()
        self._spawner = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="autograder-spawner")

    def workdir(self) -> Path:
        return Path(tempfile.mkdtemp(dir=self.work_root))

    def _spawn(self) -> WorkerProcess:
        start = time.perf_counter()
        worker = WorkerProcess(self.work_root, spawner=self._spawner)
        self.start_seconds += time.perf_counter() - start
        with self._lock:
            closed = self._closed
            if not closed:
                self._all.append(worker)
        if closed:  # the pool closed while this worker was starting (a warm-up in the background)
            worker.close()
            raise WorkerError("the pool is closed")
        return worker

    def warm_up(self, wait: bool = True) -> None:
        """Start all workers in parallel (each pays its imports once); ``wait=False`` returns at once."""
        with self._lock:
            missing = self.n - self._started
            self._started = self.n
        threads = [threading.Thread(target=self._spawn_idle, daemon=True) for _ in range(missing)]
        for t in threads:
            t.start()
        with self._lock:
            self._warming = [t for t in self._warming if t.is_alive()] + threads
            warming = list(self._warming)
        if wait:  # also for the workers an earlier ``wait=False`` started
            for t in warming:
                t.join()

    def _spawn_idle(self) -> None:
        try:
            self.idle.put(self._spawn())
        except WorkerError:
            self._lost()

    def _lost(self) -> None:
        """A worker slot is empty again (its worker died or never started): the next job refills it."""
        with self._lock:
            self._started -= 1

    def _acquire(self) -> WorkerProcess:
        while True:
            with self._lock:
                spawn = self._started < self.n and self.idle.empty()
                if spawn:
                    self._started += 1
            if spawn:
                try:
                    return self._spawn()
                except WorkerError:
                    self._lost()
                    raise
            try:
                worker = self.idle.get(timeout=1.0)
            except queue.Empty:
                continue  # a slot may have been freed by a worker that could not start
            if worker.proc.poll() is None:
                return worker
            self._discard(worker)  # died while idle (killed, OOM): its slot is refilled by the loop

    def _discard(self, worker: WorkerProcess) -> None:
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        worker.close()
        self._lost()

    def run(self, job: dict, visible: list[Call], hidden: list[Call] = ()) -> dict:
        worker = self._acquire()
        try:
            result = worker.run(job, visible, hidden)
        except WorkerError:
            self._discard(worker)  # the next job starts a fresh worker in its place
            raise
        self.idle.put(worker)
        return result

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
        for worker in workers:
            worker.close()
        self._spawner.shutdown(wait=False)
        shutil.rmtree(self.work_root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
