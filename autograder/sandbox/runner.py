"""The sandboxed side of a run: executes a submission's cells, then the test calls.

This code runs in a process forked from a pre-warmed worker (``autograder.sandbox.worker``),
after the protections of ``autograder.isolation`` are in place. It holds no
expected values and never sees them: it executes the cells, receives the test
inputs only after the notebook has run, calls the student's functions and sends
back what they returned as plain data. Everything it sends is treated as a claim.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import time
import traceback

from autograder.sandbox import isolation, plain
from autograder.sandbox.protocol import read_frame, write_json


class CellTimeout(Exception):
    """Raised inside student code when its time is up."""


class _BoundedWriter:
    """A stdout replacement that keeps the first ``limit`` characters."""

    def __init__(self, limit: int):
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0
        self.dropped = 0

    def write(self, text) -> int:
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def text(self) -> str:
        out = "".join(self.parts)
        if self.dropped:
            out += f"\n[… {self.dropped} weitere Zeichen Ausgabe abgeschnitten]"
        return out


def _on_alarm(signum, frame):
    raise CellTimeout("Zeitlimit überschritten")


def run_child(job: dict, events_fd: int, cases_fd: int, output_fd: int, cgroup) -> None:
    """Entry point of the forked child. Never returns."""
    code = 70
    try:
        os.setsid()
        protections = []
        if cgroup is not None:
            cgroup.add(os.getpid())
            protections += cgroup.protections
        namespaces = isolation.enter_namespaces() if job.get("isolate", True) else []
        protections += namespaces
        if "pid-ns" in namespaces:
            pid = os.fork()  # the grandchild is PID 1 of the new namespace
            if pid:
                for fd in (events_fd, cases_fd, output_fd):
                    os.close(fd)
                _, status = os.waitpid(pid, 0)
                os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
            isolation.prctl(isolation.PR_SET_PDEATHSIG, signal.SIGKILL)
        _enter_sandbox(job, output_fd, namespaces, protections)
        _serve(job, events_fd, cases_fd, protections)
        code = 0
    except BaseException:  # noqa: BLE001 - report, then die
        try:
            write_json(events_fd, {"ev": "fatal", "error": traceback.format_exc(limit=3)[-2000:]})
        except BaseException:  # noqa: BLE001
            pass
    finally:
        os._exit(code)


def _enter_sandbox(job: dict, output_fd: int, namespaces: list[str], protections: list[str]) -> None:
    workdir = job["workdir"]
    os.chdir(workdir)
    if "mount-ns" in namespaces:
        isolation.mask_paths(job.get("mask", []))
        protections.append("masked-paths")
        python = isolation.python_paths()
        isolation.expose(python)
        if isolation.private_tmp(workdir, keep=python):
            protections.append("private-tmp")
        if "pid-ns" in namespaces and isolation.mount_private_proc():
            protections.append("private-proc")
    limits = job["limits"]
    protections += isolation.apply_rlimits(
        int(limits["cpu_seconds"]), int(limits["output_kb"]) * 1024,
        None if "cgroup-memory" in protections else int(limits["memory_mb"]) << 20)
    if isolation.set_no_new_privs():
        protections.append("no-new-privs")
    if job.get("isolate", True) and isolation.drop_privileges(workdir):
        protections.append("user-nobody")
    env = {"HOME": workdir, "MPLCONFIGDIR": os.path.join(workdir, ".mpl"), "KERAS_HOME":
           os.path.join(workdir, ".keras"), "MPLBACKEND": "Agg", "TMPDIR": workdir,
           "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONDONTWRITEBYTECODE": "1"}
    for key in list(os.environ):
        if key.startswith(("AUTOGRADER", "NBGRADER", "JUPYTER", "DASK")):
            del os.environ[key]
    os.environ.update(env)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(output_fd, 1)
    os.dup2(output_fd, 2)
    os.close(output_fd)
    os.close(devnull)


def _make_shell():
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    cfg = Config()
    cfg.HistoryManager.enabled = False
    cfg.InteractiveShell.colors = "nocolor"
    shell = InteractiveShell.instance(config=cfg)
    shell.user_ns["__name__"] = "__main__"
    return shell


def _configure_threads(threads: int) -> None:
    if "tensorflow" in sys.modules:
        tf = sys.modules["tensorflow"]
        try:
            tf.config.threading.set_intra_op_parallelism_threads(threads)
            tf.config.threading.set_inter_op_parallelism_threads(threads)
        except (RuntimeError, AttributeError):
            pass


class _Snapshot:
    """Module namespaces the runner itself relies on, restored after every cell.

    Student code runs in this process and may monkeypatch builtins or NumPy; that can never
    change a verdict (decided elsewhere), but it should not break the runner so that the
    student's honest work goes ungraded.
    """

    def __init__(self):
        import builtins

        import numpy

        self.modules = [builtins, numpy, plain, sys.modules[__name__], signal, os, time]
        self.saved = [dict(vars(m)) for m in self.modules]

    def restore(self) -> None:
        for module, saved in zip(self.modules, self.saved):
            namespace = vars(module)
            for name in [n for n in namespace if n not in saved]:
                del namespace[name]
            namespace.update(saved)


def _serve(job: dict, events_fd: int, cases_fd: int, protections: list[str]) -> None:
    limits = job["limits"]
    snapshot = _Snapshot()
    write_json(events_fd, {"ev": "start", "protections": protections})
    _configure_threads(int(job.get("threads", 1)))
    signal.signal(signal.SIGALRM, _on_alarm)
    shell = _make_shell()
    real_stdout, real_stderr = sys.stdout, sys.stderr
    for i, code in enumerate(job["cells"]):
        write_json(events_fd, {"ev": "cell_start", "i": i})
        cell_started = time.perf_counter()
        capture = _BoundedWriter(int(limits["output_kb"]) * 256)
        sys.stdout = sys.stderr = capture
        error = None
        try:
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, float(limits["cell_timeout"]))
            result = shell.run_cell(code, store_history=False)
            error = result.error_before_exec or result.error_in_exec
        except BaseException as exc:  # noqa: BLE001 - e.g. a timeout outside run_cell's guard
            error = exc
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            snapshot.restore()
            sys.stdout, sys.stderr = real_stdout, real_stderr
        status = "ok" if error is None else ("timeout" if isinstance(error, CellTimeout) else "error")
        write_json(events_fd, {"ev": "cell_end", "i": i, "status": status, "output": capture.text(),
                               "error": None if error is None else _describe(error),
                               "seconds": round(time.perf_counter() - cell_started, 4)})
    write_json(events_fd, {"ev": "ready"})
    cases = pickle.loads(read_frame(cases_fd))
    sink = _BoundedWriter(0)
    for case_id, function, args, kwargs in cases:
        write_json(events_fd, {"ev": "case_start", "id": case_id})
        message = {"ev": "case", "id": case_id}
        sys.stdout = sys.stderr = sink
        case_started = time.perf_counter()
        try:
            func = shell.user_ns.get(function)
            if not callable(func):
                message["missing"] = True
            else:
                signal.signal(signal.SIGALRM, _on_alarm)
                signal.setitimer(signal.ITIMER_REAL, float(limits["case_timeout"]))
                try:
                    message["value"] = plain.encode(func(*args, **kwargs))
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except NotImplementedError:
            message["not_implemented"] = True
        except BaseException as exc:  # noqa: BLE001 - any failure of student code
            message["error"] = _describe(exc)
            message["timeout"] = isinstance(exc, CellTimeout)
        finally:
            sys.stdout, sys.stderr = real_stdout, real_stderr
        message["seconds"] = round(time.perf_counter() - case_started, 4)
        try:
            write_json(events_fd, message)
        except (ValueError, TypeError, OverflowError):
            write_json(events_fd, {"ev": "case", "id": case_id, "error": "Ergebnis nicht übertragbar"})
    write_json(events_fd, {"ev": "done"})


def _describe(exc: BaseException) -> str:
    try:
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    except BaseException:  # noqa: BLE001 - hostile exception objects
        text = type(exc).__name__
    return text[:1000]
