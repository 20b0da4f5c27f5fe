"""A pre-warmed grading worker (``python -m autograder.sandbox.worker``).

The worker imports NumPy, TensorFlow/Keras, IPython and scikit-learn once, runs no
TensorFlow op, and then serves jobs. It is a *zygote*: it never reads a job itself. For
each job it forks a supervisor, which reads the job, forks the sandbox (a few milliseconds
instead of seconds of imports), watches it, and exits. So nothing of one job – a student's
code, the hidden inputs, a reference run's results – ever sits in the memory that the next
job's sandbox inherits.

The coordinator usually starts the worker inside bubblewrap (see :mod:`autograder.sandbox.launch`):
its file system then holds only the interpreter, the libraries and the work folders, and
every sandbox forked from it inherits that view.

Protocol on stdin/stdout (frames of :mod:`autograder.sandbox.protocol`):

* coordinator → zygote: ``{"type": "run"}`` or ``{"type": "exit"}`` (small frames);
* coordinator → supervisor: the job (cells, limits, work folder, case ids and time limits);
  later, on request, the visible calls and then the hidden calls (pickled, one frame each);
* supervisor → coordinator (event frames): ``need`` (visible/hidden), one ``case`` per call
  (header plus the encoded return value as payload), and the final ``result``.
"""

from __future__ import annotations

import gc
import os
import secrets
import select
import signal
import sys
import threading
import time

from autograder.sandbox import isolation
from autograder.sandbox.protocol import (FrameBuffer, ProtocolError, read_frame, read_json, split_event,
                                         write_event, write_frame)
from autograder.sandbox.session import Session, Violation, clean_text

GRACE = 2.0  # seconds between the child's own wall-clock alarm and the supervisor's kill
WALL_FACTOR = 3.0  # limits count CPU time; in wall-clock time the sandbox stops code at 3x (see runner)
START_UP = 30.0  # seconds the sandbox may take before its first cell starts
VIOLATION = ("Die Abgabe hat den Ablauf der Bewertung gestört (eine unerwartete Nachricht im Kanal zum "
             "Bewerter). Bewertet wird, was bis dahin ordnungsgemäß gemeldet wurde.")
FATAL = {"setup": "Die Umgebung für die Ausführung ließ sich nicht einrichten.",
         "runner": "Die Ausführung wurde unerwartet abgebrochen.",
         "exposed": "Nicht ausgeführt: die Ausführungsumgebung hätte Lösungen lesen können."}


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
    start = time.perf_counter()
    try:
        from autograder.sandbox import runner

        runner.prepare_shell()
        timings["shell"] = round(time.perf_counter() - start, 3)
    except Exception:  # noqa: BLE001 - each sandbox then builds its own
        pass
    return timings


class Supervisor:
    """Runs one job: fork, watch, kill, collect. Lives in its own process, one per job."""

    def __init__(self, job: dict, proto_in: int, proto_out: int, cgroup_name: str):
        self.job = job
        self.limits = job["limits"]
        self.proto_in, self.proto_out = proto_in, proto_out
        self.cgroup_name = cgroup_name
        self.cells: dict[int, dict] = {}
        self.status = "ok"
        self.message = ""
        self.output = bytearray()
        self.output_dropped = 0
        self.session = Session(len(job["cells"]), list(job["visible"]), list(job["hidden"]),
                               int(self.limits["output_kb"]) * 256)
        self.timeouts = {k: float(v) for k, v in job.get("timeouts", {}).items()}
        self.answered: set[str] = set()

    def run(self, report=None) -> dict:
        """Run the job. ``report`` (if given) gets the result as soon as it is known, before the
        sandbox's processes are killed and its cgroup removed, so that teardown is not on the
        coordinator's path; the worker takes the next job only after all of it is gone."""
        started = time.monotonic()
        limits = self.limits
        isolate = self.job.get("isolate", True)
        cgroup = isolation.Cgroup(self.cgroup_name, int(limits["memory_mb"]) << 20, int(limits["max_processes"]),
                                  float(limits.get("cpus", 1.0))) if isolate and os.getuid() == 0 else None
        if cgroup is not None and not cgroup.dirs:
            cgroup = None
        events_r, events_w = os.pipe()
        cases_r, cases_w = os.pipe()
        out_r, out_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the sandbox
            for fd in (events_r, cases_w, out_r, self.proto_in, self.proto_out):
                os.close(fd)
            from autograder.sandbox import runner
            runner.run_child(self.job, events_w, cases_r, out_w, cgroup)
        for fd in (events_w, cases_r, out_w):
            os.close(fd)
        result = None
        try:
            self._watch(pid, events_r, out_r, cases_w, cgroup, started)
            if self.session.state == "end":  # complete: its exit (or not) changes nothing any more
                os.kill(pid, signal.SIGKILL)
                result = self._result(cgroup, started)
                if report is not None:
                    report(result)
        finally:
            self._kill_everything(pid, cgroup)
            for fd in (events_r, out_r, cases_w):
                try:
                    os.close(fd)
                except OSError:
                    pass
        if result is None:
            result = self._result(cgroup, started)
            if report is not None:
                report(result)
        if cgroup is not None:
            cgroup.remove()
        return result

    def _result(self, cgroup, started: float) -> dict:
        peak = cgroup.peak_memory() if cgroup else None
        protections = list(self.session.protections) + ([] if cgroup is not None else ["process-sweep"])
        output = clean_text(self.output.decode("utf-8", "replace"))
        if self.output_dropped:
            output += f"\n[… {self.output_dropped} weitere Bytes Ausgabe abgeschnitten]"
        return {"type": "result", "status": self.status, "message": self.message,
                "cells": [self.cells[i] for i in sorted(self.cells)],
                "protections": sorted(set(protections)), "raw_output": output,
                "elapsed": round(time.monotonic() - started, 3), "peak_memory": peak}

    # -- watching -------------------------------------------------------------------
    def _watch(self, pid, events_r, out_r, cases_w, cgroup, started) -> None:
        limits = self.limits
        notebook_deadline = started + float(limits["notebook_timeout"])
        step_deadline = started + START_UP + float(limits["cell_timeout"]) * WALL_FACTOR
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
                    elif self.session.phase != "hidden":  # output after the hidden inputs went in is dropped
                        self._keep_output(data)
                    continue
                if not data:
                    open_fds.remove(events_r)
                    break
                try:
                    for frame in frames.feed(data):
                        header, payload = split_event(frame)
                        action = self.session.accept(header)
                        if action[0] == "fatal":
                            return self._fail("exposed" if action[1] == "exposed" else "crashed", FATAL[action[1]],
                                              current)
                        current, step_deadline = self._act(action, payload, cases_w, current, step_deadline)
                except (ProtocolError, Violation):
                    return self._fail("protocol", VIOLATION, current)
                if self.session.state == "end":
                    open_fds.remove(events_r)
                    break
        if self.session.state == "end":
            return
        self._reap(pid)
        self.status = "crashed"
        code = self._exit_code
        if cgroup is not None and cgroup.memory_exceeded():
            self.status = "memory"
            self.message = f"Speicherlimit von {limits['memory_mb']} MB überschritten."
        elif code is not None and code < 0 and -code == signal.SIGXCPU:
            self.status = "timeout"
            self.message = f"CPU-Zeitlimit von {limits['cpu_seconds']} s überschritten."
        else:
            self.message = f"Der Prozess endete vorzeitig (Exit-Code {code})."
        self._mark_current(current)

    def _act(self, action, payload: bytes, cases_w: int, current, step_deadline):
        now = time.monotonic()
        kind = action[0]
        cell_limit = float(self.limits["cell_timeout"]) * WALL_FACTOR + GRACE
        if kind == "cell_start":
            return ("cell", action[1]), now + cell_limit
        if kind == "cell_end":
            self.cells[action[1]["i"]] = action[1]
            return None, now + cell_limit
        if kind in ("need", "case"):
            if kind == "case":
                record = action[1]
                if (record["outcome"] == "value") != bool(payload):
                    raise Violation("payload does not match outcome")
                self.answered.add(record["id"])
                write_event(self.proto_out, dict(record, type="case"), payload)
                follow = action[2]
                if follow is None:
                    return None, now + self._case_limit(self.session.queue[0] if self.session.queue else None)
                phase = follow[1]
            else:
                phase = action[1]
            while phase is not None:  # hand over the calls of the next phase (both, if visible has none)
                write_event(self.proto_out, {"type": "need", "phase": phase})
                _feed(cases_w, read_frame(self.proto_in))
                phase = self.session.delivered(phase)
            first = self.session.queue[0] if self.session.queue else None
            return None, now + self._case_limit(first)
        if kind == "case_start":
            return ("case", action[1]), now + self._case_limit(action[1])
        return current, step_deadline

    def _case_limit(self, case_id) -> float:
        return self.timeouts.get(case_id, float(self.limits["case_timeout"])) * WALL_FACTOR + GRACE + 1.0

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
                                      "error": self.message.strip(), "seconds": 0.0}
        if current and current[0] == "case" and current[1] not in self.answered:
            outcome = "timeout" if self.status == "timeout" else "aborted"
            write_event(self.proto_out, {"type": "case", "id": current[1], "outcome": outcome, "seconds": 0.0})

    def _keep_output(self, data: bytes) -> None:
        room = int(self.limits["output_kb"]) * 1024 - len(self.output)
        if room > 0:
            self.output += data[:room]
        self.output_dropped += max(0, len(data) - max(room, 0))

    def _kill_everything(self, pid: int, cgroup) -> None:
        if cgroup is not None:
            cgroup.kill_all()
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        sweep_children()


def _feed(fd: int, blob: bytes) -> None:
    """Write the calls to the sandbox from a thread: a sandbox that does not read cannot block us."""

    def feed():
        try:
            write_frame(fd, blob)
        except OSError:
            pass

    threading.Thread(target=feed, daemon=True).start()


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


def _supervise(proto_in: int, proto_out: int, cgroup_name: str) -> int:
    """The per-job supervisor process: read the job, run it, report, exit."""
    isolation.become_subreaper()
    try:
        job = read_json(proto_in)
    except ProtocolError:
        return 3
    sent = []

    def report(result: dict) -> None:
        write_event(proto_out, result)
        sent.append(True)

    try:
        Supervisor(job, proto_in, proto_out, cgroup_name).run(report)
    except (ProtocolError, OSError):  # the coordinator went away or broke the protocol
        return 4
    except Exception as exc:  # noqa: BLE001 - a grader bug: reported as such, never a student's fault
        if sent:  # the result is out; the failure was in the teardown
            return 5
        write_event(proto_out, {"type": "result", "status": "internal", "message": type(exc).__name__,
                                "cells": [], "protections": [], "raw_output": "", "elapsed": 0, "peak_memory": None})
    return 0


def main() -> int:
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # stray prints from imports must not corrupt the protocol
    sys.stdout = sys.stderr
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    # Forked children share the imported libraries' memory; a garbage collection there would walk
    # (and so copy) every object of TensorFlow & co. and cost each submission ~0.5 s. As the gc
    # docs advise for fork servers: no collection while importing, all of it frozen before a fork.
    gc.disable()
    timings = preimport()
    gc.freeze()
    gc.enable()
    subreaper = isolation.become_subreaper()
    write_event(proto_out, {"type": "ready", "pid": os.getpid(), "imports": timings, "subreaper": subreaper})
    while True:
        try:
            command = read_json(proto_in, limit=1024)
        except ProtocolError:
            return 0
        if command.get("type") != "run":
            return 0
        cgroup_name = f"autograder-{secrets.token_hex(8)}"
        gc.freeze()  # whatever the loop allocated since
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _supervise(proto_in, proto_out, cgroup_name)
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        isolation.Cgroup.cleanup(cgroup_name)  # in case the supervisor died before removing it
        sweep_children()
        if os.waitstatus_to_exitcode(status) != 0:
            return 1  # the channel may be half-written: the coordinator replaces this worker


if __name__ == "__main__":
    raise SystemExit(main())
