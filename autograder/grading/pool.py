"""Coordinator side of the workers: start them, hand them jobs, restart them if they die.

Each :class:`WorkerProcess` is a fresh interpreter (never a fork of the coordinator,
which holds expected values) that pays the import cost once. :class:`WorkerPool`
keeps ``n`` of them busy from a thread pool; the threads only wait on pipes.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

from autograder.sandbox.protocol import ProtocolError, read_json, write_frame, write_json

PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])  # the folder holding the autograder package


class WorkerError(RuntimeError):
    """The worker process itself failed (not the submission)."""


class WorkerProcess:
    def __init__(self, start_timeout: float = 180.0):
        env = dict(os.environ)
        env["PYTHONPATH"] = PACKAGE_PARENT + os.pathsep + env.get("PYTHONPATH", "")
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        env.setdefault("OMP_NUM_THREADS", "1")
        self.proc = subprocess.Popen([sys.executable, "-m", "autograder.sandbox.worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                     cwd=PACKAGE_PARENT, start_new_session=True)
        self.fd_in = self.proc.stdout.fileno()
        self.fd_out = self.proc.stdin.fileno()
        hello = self._read(start_timeout)
        if hello.get("type") != "ready":
            raise WorkerError(f"worker did not start: {hello}")
        self.info = hello
        self.jobs = 0

    def _read(self, timeout: float) -> dict:
        ready, _, _ = select.select([self.fd_in], [], [], timeout)
        if not ready:
            self.close()
            raise WorkerError("worker did not answer in time")
        try:
            return read_json(self.fd_in)
        except (ProtocolError, OSError) as exc:
            self.close()
            raise WorkerError(f"worker failed: {exc}") from None

    def run(self, job: dict, cases: list) -> dict:
        """Run one job; ``cases`` are (case_id, function, args, kwargs) tuples."""
        timeout = float(job["limits"]["notebook_timeout"]) + 60.0
        deadline = time.monotonic() + timeout
        try:
            write_json(self.fd_out, dict(job, type="run"))
            while True:
                msg = self._read(max(1.0, deadline - time.monotonic()))
                if msg.get("type") == "need_cases":
                    write_frame(self.fd_out, pickle.dumps(cases, protocol=pickle.HIGHEST_PROTOCOL))
                elif msg.get("type") == "result":
                    self.jobs += 1
                    return msg
                else:
                    raise WorkerError(f"unexpected message {msg.get('type')!r}")
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


class WorkerPool:
    """``n`` warm workers; ``run`` blocks until a worker is free. Thread-safe."""

    def __init__(self, n: int = 1):
        self.n = max(1, int(n))
        self.idle: queue.Queue[WorkerProcess] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[WorkerProcess] = []
        self._started = 0
        self.start_seconds = 0.0

    def _spawn(self) -> WorkerProcess:
        start = time.perf_counter()
        worker = WorkerProcess()
        self.start_seconds += time.perf_counter() - start
        with self._lock:
            self._all.append(worker)
        return worker

    def warm_up(self) -> None:
        """Start all workers in parallel (each pays its imports once)."""
        threads = [threading.Thread(target=lambda: self.idle.put(self._spawn())) for _ in range(self.n)]
        with self._lock:
            self._started = self.n
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def _acquire(self) -> WorkerProcess:
        with self._lock:
            spawn = self._started < self.n and self.idle.empty()
            if spawn:
                self._started += 1
        if spawn:
            return self._spawn()
        worker = self.idle.get()
        if worker.proc.poll() is not None:  # died while idle (killed, OOM): replace it before use
            with self._lock:
                self._all.remove(worker)
            worker.close()
            return self._spawn()
        return worker

    def run(self, job: dict, cases: list) -> dict:
        worker = self._acquire()
        try:
            result = worker.run(job, cases)
        except WorkerError:
            with self._lock:
                self._all.remove(worker)
            self.idle.put(self._spawn())  # replace the broken worker, then report
            raise
        self.idle.put(worker)
        return result

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
