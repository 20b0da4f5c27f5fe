"""A pre-warmed grading worker (``python -m autograder.sandbox.worker``).

The worker imports NumPy, TensorFlow/Keras, IPython and scikit-learn once, runs no
TensorFlow op, and then forks one sandboxed child per submission (about a
millisecond instead of seconds of imports). It holds no expected values: it never
receives them, so no child can find them in the memory it inherits. The worker
supervises each child (time per cell, per test call and per notebook, memory,
processes) and returns what the child reported, unjudged, to its coordinator.

Protocol on stdin/stdout (frames of ``autograder.protocol``): the coordinator sends
``{"type": "run", ...}``; the worker answers ``{"type": "need_cases"}`` once the
notebook has run, receives the pickled test calls in one binary frame, and finally
sends ``{"type": "result", ...}``.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading
import time

from autograder.sandbox import isolation
from autograder.sandbox.protocol import FrameBuffer, ProtocolError, read_frame, read_json, write_json

GRACE = 2.0  # seconds between the child's own alarm and the supervisor's kill


def preimport() -> dict:
    """Import what student code usually imports, so children start warm."""
    timings = {}
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in ("numpy", "pandas", "sklearn", "matplotlib.pyplot", "tensorflow", "keras",
                 "IPython.core.interactiveshell", "autograder.sandbox.runner"):
        start = time.perf_counter()
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - a missing optional library only costs speed
            continue
        timings[name] = round(time.perf_counter() - start, 3)
    return timings


class Supervisor:
    """Runs one job: fork, watch, kill, collect."""

    def __init__(self, job: dict, proto_in: int, proto_out: int, counter: int):
        self.job = job
        self.limits = job["limits"]
        self.proto_in, self.proto_out = proto_in, proto_out
        self.name = f"autograder-{os.getpid()}-{counter}"
        self.cells: dict[int, dict] = {}
        self.cases: dict[str, dict] = {}
        self.status = "ok"
        self.message = ""
        self.protections: list[str] = []
        self.output = bytearray()
        self.output_dropped = 0
        self.phase = "cells"
        self.done = False

    def run(self) -> dict:
        started = time.monotonic()
        limits = self.limits
        isolate = self.job.get("isolate", True)
        cgroup = isolation.Cgroup(self.name, int(limits["memory_mb"]) << 20,
                                  int(limits["max_processes"])) if isolate and os.getuid() == 0 else None
        if cgroup is not None and not cgroup.dirs:
            cgroup = None
        events_r, events_w = os.pipe()
        cases_r, cases_w = os.pipe()
        out_r, out_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            for fd in (events_r, cases_w, out_r, self.proto_in, self.proto_out):
                os.close(fd)
            from autograder.sandbox import runner
            runner.run_child(self.job, events_w, cases_r, out_w, cgroup)
        for fd in (events_w, cases_r, out_w):
            os.close(fd)
        try:
            self._watch(pid, events_r, out_r, cases_w, cgroup, started)
        finally:
            self._kill_everything(pid, cgroup)
            for fd in (events_r, out_r):
                os.close(fd)
            try:
                os.close(cases_w)
            except OSError:
                pass
        peak = cgroup.peak_memory() if cgroup else None
        if cgroup is not None:
            cgroup.remove()
        if cgroup is None:
            self.protections.append("process-sweep")
        output = self.output.decode("utf-8", "replace")
        if self.output_dropped:
            output += f"\n[… {self.output_dropped} weitere Bytes Ausgabe abgeschnitten]"
        return {"type": "result", "status": self.status, "message": self.message,
                "cells": [self.cells[i] for i in sorted(self.cells)], "cases": self.cases,
                "protections": sorted(set(self.protections)), "raw_output": output,
                "elapsed": round(time.monotonic() - started, 3), "peak_memory": peak}

    # -- watching -------------------------------------------------------------------
    def _watch(self, pid, events_r, out_r, cases_w, cgroup, started) -> None:
        limits = self.limits
        notebook_deadline = started + float(limits["notebook_timeout"])
        step_deadline = started + float(limits["cell_timeout"]) + 30.0  # start-up of the child
        frames = FrameBuffer()
        open_fds = [events_r, out_r]
        current = None
        while events_r in open_fds:
            now = time.monotonic()
            if now > notebook_deadline:
                return self._fail("timeout", f"Das Notebook hat das Zeitlimit von "
                                             f"{limits['notebook_timeout']:g} s überschritten.", current)
            if now > step_deadline:
                return self._fail("timeout", "Zeitlimit überschritten und der Code ließ sich nicht "
                                             "unterbrechen.", current)
            if cgroup is not None and cgroup.memory_exceeded():
                return self._fail("memory", f"Speicherlimit von {limits['memory_mb']} MB überschritten.",
                                  current)
            ready, _, _ = select.select(open_fds, [], [], 0.05)
            for fd in ready:
                data = os.read(fd, 1 << 16)
                if fd == out_r:
                    if not data:
                        open_fds.remove(out_r)
                    if self.phase == "cells":  # after the hidden inputs went in, output is discarded
                        self._keep_output(data)
                    continue
                if not data:
                    open_fds.remove(events_r)
                    break
                try:
                    messages = frames.feed(data)
                except ProtocolError as exc:
                    return self._fail("protocol", f"Ungültige Nachricht aus der Abgabe ({exc}).", current)
                for msg in messages:
                    ev = msg.get("ev")
                    now = time.monotonic()
                    if ev == "start":
                        self.protections = [str(p) for p in msg.get("protections", [])][:20]
                    elif ev in ("cell_start", "cell_end") and self.phase != "cells":
                        continue  # forged: the real runner sends no cell events after "ready"
                    elif ev == "cell_start" and isinstance(msg.get("i"), int):
                        current = ("cell", msg["i"])
                        step_deadline = now + float(limits["cell_timeout"]) + GRACE
                    elif ev == "cell_end" and isinstance(msg.get("i"), int):
                        self.cells[msg["i"]] = {k: msg.get(k) for k in ("i", "status", "output", "error", "seconds")}
                        current = None
                        step_deadline = now + float(limits["cell_timeout"]) + GRACE
                    elif ev == "ready" and self.phase == "cells":
                        self.phase = "cases"
                        self._send_cases(cases_w)
                        step_deadline = now + float(limits["case_timeout"]) + GRACE
                    elif ev == "case_start" and isinstance(msg.get("id"), str):
                        current = ("case", msg["id"])
                        step_deadline = now + float(limits["case_timeout"]) + GRACE
                    elif ev == "case" and isinstance(msg.get("id"), str) and self.phase == "cases":
                        self.cases[msg["id"]] = msg
                        current = None
                        step_deadline = now + float(limits["case_timeout"]) + GRACE
                    elif ev == "done":
                        self.done = True
                    elif ev == "fatal":
                        self.message = str(msg.get("error", ""))[:2000]
        self._reap(pid)
        if not self.done:
            self.status = "crashed"
            code = self._exit_code
            if cgroup is not None and cgroup.memory_exceeded():
                self.status = "memory"
                self.message = f"Speicherlimit von {limits['memory_mb']} MB überschritten."
            elif code is not None and code < 0 and -code == signal.SIGXCPU:
                self.status = "timeout"
                self.message = f"CPU-Zeitlimit von {limits['cpu_seconds']} s überschritten."
            else:
                self.message = (self.message or "") + f" Der Prozess endete vorzeitig (Exit-Code {code})."
            self._mark_current(current)

    _exit_code = None

    def _reap(self, pid) -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                self._exit_code = os.waitstatus_to_exitcode(status)
                return
            time.sleep(0.01)

    def _fail(self, status: str, message: str, current) -> None:
        self.status, self.message = status, message
        self._mark_current(current)

    def _mark_current(self, current) -> None:
        if current and current[0] == "cell" and current[1] not in self.cells:
            self.cells[current[1]] = {"i": current[1], "status": self.status, "output": "",
                                      "error": self.message.strip()}
        if current and current[0] == "case":
            self.cases[current[1]] = {"id": current[1], "error": self.message.strip(),
                                      "timeout": self.status == "timeout"}

    def _keep_output(self, data: bytes) -> None:
        room = int(self.limits["output_kb"]) * 1024 - len(self.output)
        if room > 0:
            self.output += data[:room]
        self.output_dropped += max(0, len(data) - max(room, 0))

    def _send_cases(self, cases_w: int) -> None:
        write_json(self.proto_out, {"type": "need_cases"})
        blob = bytearray(read_frame(self.proto_in))

        def feed():
            try:
                from autograder.sandbox.protocol import write_frame
                write_frame(cases_w, bytes(blob))
            except OSError:
                pass
            finally:
                blob[:] = bytes(len(blob))  # do not keep hidden inputs around for later forks

        threading.Thread(target=feed, daemon=True).start()

    def _kill_everything(self, pid: int, cgroup) -> None:
        if cgroup is not None:
            cgroup.kill_all()
        for target in (pid,):
            try:
                os.killpg(target, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        sweep_children()


def sweep_children() -> None:
    """Kill and reap every remaining child (orphans come to us: we are a subreaper)."""
    me = os.getpid()
    for _ in range(100):
        children = _children_of(me)
        if not children:
            break
        for child in children:
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.01)
        _reap_all()
    _reap_all()


def _reap_all() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _children_of(ppid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 2 and fields[1].isdigit() and int(fields[1]) == ppid:
            found.append(int(entry))
    return found


def main() -> int:
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # stray prints from imports must not corrupt the protocol
    sys.stdout = sys.stderr
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    timings = preimport()
    subreaper = isolation.become_subreaper()
    write_json(proto_out, {"type": "ready", "pid": os.getpid(), "imports": timings, "subreaper": subreaper})
    counter = 0
    while True:
        try:
            job = read_json(proto_in)
        except ProtocolError:
            return 0
        if job.get("type") == "exit":
            return 0
        counter += 1
        try:
            result = Supervisor(job, proto_in, proto_out, counter).run()
        except Exception as exc:  # noqa: BLE001 - a grader bug must not kill the worker
            result = {"type": "result", "status": "internal", "message": f"{type(exc).__name__}: {exc}",
                      "cells": [], "cases": {}, "protections": [], "raw_output": "", "elapsed": 0}
        write_json(proto_out, result)


if __name__ == "__main__":
    raise SystemExit(main())
