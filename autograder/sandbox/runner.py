"""The sandboxed side of a run: executes a submission's cells, then the test calls.

This code runs in a process forked from a per-job supervisor (``autograder.sandbox.worker``),
after the protections of ``autograder.sandbox.isolation`` are in place. It holds no expected
values and never sees them. It executes the cells, receives the visible calls, answers them,
and only then receives the hidden calls; everything it sends is checked by the supervisor's
:class:`~autograder.sandbox.session.Session` and judged elsewhere, so it is only a claim.

Names defined by the student's own cells (answer cells and cells the student added) are
recorded as those cells run and put back before the calls: an ungraded demo cell further
down (``from sklearn.cluster import DBSCAN``) cannot replace what the student wrote. Then
the names bound by the locked cells that define test helpers (``compile_settings``) are put
back over those: a student's ``def compile_settings`` cannot stand in for the helper.
"""

from __future__ import annotations

import builtins
import os
import pickle
import signal
import sys
import time
import traceback

from autograder.sandbox import isolation, plain
from autograder.sandbox.protocol import read_frame, write_event
from autograder.sandbox.session import MAX_SIZE
from autograder.sandbox.vocab import BUILTIN_EXCEPTIONS

MAX_VALUE_BYTES = 128 * 1024 * 1024  # one return value
JOB_BUDGET = 256 * 1024 * 1024       # all return values of a run together (as the coordinator counts them)


class Exposed(Exception):
    """The sandbox can read a path it must not (no bubblewrap, no mount namespace, open permissions)."""


class CellTimeout(BaseException):
    """Raised inside student code when its time is up (a BaseException: ``except Exception`` in
    student code or in the encoder does not swallow it)."""


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


#: A time limit counts the CPU time of the student's code, so a busy grading machine does not
#: cost anyone points; code that waits without computing is stopped after this many times the
#: limit in wall-clock time (the supervisor's own deadline is later still).
WALL_FACTOR = 3.0


def _start_timer(seconds: float) -> None:
    for sig in (signal.SIGALRM, signal.SIGPROF):
        signal.signal(sig, _on_alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR)


def _stop_timer() -> None:
    signal.setitimer(signal.ITIMER_PROF, 0)
    signal.setitimer(signal.ITIMER_REAL, 0)


def run_child(job: dict, events_fd: int, cases_fd: int, output_fd: int, cgroup) -> None:
    """Entry point of the forked child. Never returns."""
    code, stage = 70, "setup"
    debug = bool(os.environ.get("AUTOGRADER_DEBUG"))  # runner tracebacks to the output (developers only)
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
        stage = "runner"
        _serve(job, events_fd, cases_fd, protections)
        code = 0
    except Exposed:
        stage = "exposed"
        try:
            write_event(events_fd, {"ev": "fatal", "code": stage})
        except BaseException:  # noqa: BLE001
            pass
    except BaseException:  # noqa: BLE001 - report a fixed code, then die; the text stays here
        if debug:  # into the work folder, which the developer's test can read before it is removed
            with open(os.path.join(job["workdir"], "runner-error.txt"), "w") as fh:
                traceback.print_exc(file=fh)
        try:
            write_event(events_fd, {"ev": "fatal", "code": stage})
        except BaseException:  # noqa: BLE001
            pass
    finally:
        os._exit(code)


def _enter_sandbox(job: dict, output_fd: int, namespaces: list[str], protections: list[str]) -> None:
    workdir = job["workdir"]
    os.chdir(workdir)
    if "mount-ns" in namespaces:
        isolation.make_private()
        if not job.get("allowlist"):  # with bubblewrap there is nothing of the course to mask
            isolation.mask_paths(job.get("mask", []))
            protections.append("masked-paths")
        python = isolation.python_paths()
        isolation.expose(python)
        if isolation.private_tmp(workdir, keep=python):
            protections.append("private-tmp")
        if isolation.hide_cgroupfs():
            protections.append("hidden-cgroupfs")
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
    if isolation.readable(job.get("probes", [])):
        raise Exposed()  # student code must not run where it could read the course's secrets
    env = {"HOME": workdir, "MPLCONFIGDIR": os.path.join(workdir, ".mpl"), "KERAS_HOME":
           os.path.join(workdir, ".keras"), "MPLBACKEND": "Agg", "TMPDIR": workdir,
           "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/local/bin:/usr/bin:/bin",
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    os.environ.clear()  # only what student code needs; the worker was started with a minimal environment too
    os.environ.update(env)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(output_fd, 1)
    os.dup2(output_fd, 2)
    os.close(output_fd)
    os.close(devnull)


def prepare_shell():
    """Create the (not yet used) IPython shell; the warm worker calls this once, so each forked
    sandbox starts with its own pristine copy instead of paying ~50 ms to build one."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    cfg = Config()
    cfg.HistoryManager.enabled = False
    cfg.InteractiveShell.colors = "nocolor"
    return InteractiveShell.instance(config=cfg)


def _make_shell():
    shell = prepare_shell()  # the worker's instance, if it made one (no code has run in it)
    shell.user_ns["__name__"] = "__main__"
    shell.showtraceback = _student_traceback(shell)
    return shell


def _student_traceback(shell):
    """Tracebacks as students should read them: their own cells' frames and the error, no paths
    of the grader or of installed libraries, and a fixed sentence for a time-out."""

    def show(exc_tuple=None, *args, **kwargs):
        etype, value, tb = exc_tuple or sys.exc_info()
        if etype is None:
            return
        if isinstance(value, CellTimeout):
            print("Zeitlimit überschritten: die Zelle lief zu lange und wurde abgebrochen.")
            return
        lines = ["Traceback (nur Ihr eigener Code):"]
        hidden = 0
        for frame in traceback.extract_tb(tb):
            if frame.filename.startswith("<ipython-input") or frame.filename.startswith("<cell"):
                lines.append(f"  Ihre Zelle, Zeile {frame.lineno}, in {frame.name}")
                if frame.line:
                    lines.append(f"    {frame.line.strip()}")
            else:
                hidden += 1
        if hidden:
            lines.append(f"  (… {hidden} Aufruf{'e' if hidden > 1 else ''} in Bibliotheken ausgelassen)")
        lines.append(_describe(value))
        print("\n".join(lines))

    return show


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
        import numpy

        from autograder.sandbox import models, protocol

        self.modules = [builtins, numpy, plain, models, protocol, sys.modules[__name__], signal, os, time, pickle]
        self.saved = [dict(vars(m)) for m in self.modules]

    def restore(self) -> None:
        for module, saved in zip(self.modules, self.saved):
            namespace = vars(module)
            for name in [n for n in namespace if n not in saved]:
                del namespace[name]
            namespace.update(saved)


class _Definitions:
    """What the student's own cells bound in the namespace, in cell order."""

    def __init__(self):
        self.bindings: dict[str, object] = {}

    def record(self, before: dict, after: dict) -> None:
        for name, value in after.items():
            if name.startswith("_") or name in ("In", "Out", "exit", "quit", "get_ipython"):
                continue
            if name not in before or before[name] is not value:
                self.bindings[name] = value

    def restore(self, namespace: dict) -> None:
        namespace.update(self.bindings)


def _serve(job: dict, events_fd: int, cases_fd: int, protections: list[str]) -> None:
    limits = job["limits"]
    snapshot = _Snapshot()
    write_event(events_fd, {"ev": "start", "protections": sorted(set(protections))})
    _configure_threads(int(job.get("threads", 1)))
    shell = _make_shell()
    real_stdout, real_stderr = sys.stdout, sys.stderr
    student_cells = set(job.get("student_cells", []))
    helper_cells = set(job.get("helper_cells", [])) - student_cells
    definitions, helpers = _Definitions(), _Definitions()
    for i, code in enumerate(job["cells"]):
        write_event(events_fd, {"ev": "cell_start", "i": i})
        cell_started = time.perf_counter()
        capture = _BoundedWriter(int(limits["output_kb"]) * 256)
        sys.stdout = sys.stderr = capture
        before = dict(shell.user_ns) if i in student_cells or i in helper_cells else None
        error = None
        try:
            _start_timer(float(limits["cell_timeout"]))
            result = shell.run_cell(code, store_history=False)
            error = result.error_before_exec or result.error_in_exec
        except BaseException as exc:  # noqa: BLE001 - e.g. a timeout outside run_cell's guard
            error = exc
        finally:
            _stop_timer()
            snapshot.restore()
            sys.stdout, sys.stderr = real_stdout, real_stderr
        if before is not None:
            (helpers if i in helper_cells else definitions).record(before, shell.user_ns)
        status = "ok" if error is None else ("timeout" if isinstance(error, CellTimeout) else "error")
        write_event(events_fd, {"ev": "cell_end", "i": i, "status": status, "output": capture.text(),
                                "error": None if error is None else _describe(error),
                                "seconds": round(time.perf_counter() - cell_started, 4)})
    write_event(events_fd, {"ev": "ready"})
    definitions.restore(shell.user_ns)
    helpers.restore(shell.user_ns)
    sink = _BoundedWriter(0)
    for _phase in ("visible", "hidden"):
        calls = pickle.loads(read_frame(cases_fd))
        for call in calls:
            _call(shell, call, events_fd, sink, real_stdout, real_stderr, limits)
            snapshot.restore()
    write_event(events_fd, {"ev": "done"})


def _call(shell, call, events_fd, sink, real_stdout, real_stderr, limits) -> None:
    case_id, function, args, kwargs, timeout = call
    write_event(events_fd, {"ev": "case_start", "id": case_id})
    header: dict = {"ev": "case", "id": case_id}
    payload = b""
    sys.stdout = sys.stderr = sink
    started = time.perf_counter()
    try:
        func = shell.user_ns.get(function)
        if not callable(func):
            header["outcome"] = "missing"
        else:
            _start_timer(float(timeout or limits["case_timeout"]))
            try:
                header["outcome"], payload, size = _encode(func(*args, **kwargs))
            finally:
                _stop_timer()
            if header["outcome"] == "too_large":
                header["bytes"] = size
    except NotImplementedError:
        header["outcome"] = "not_implemented"
    except CellTimeout:
        header["outcome"] = "timeout"
    except BaseException as exc:  # noqa: BLE001 - any failure of student code
        header.update(outcome="error", types=_builtin_types(exc), text=_describe(exc))
    finally:
        sys.stdout, sys.stderr = real_stdout, real_stderr
    header["seconds"] = round(time.perf_counter() - started, 4)
    write_event(events_fd, header, payload)


class _Budget:
    """Bytes of return values this run may still send (the coordinator's per-submission budget)."""

    left = JOB_BUDGET


def _encode(value) -> tuple[str, bytes, int]:
    """(outcome, payload, size): the return value packed, unless it is too large for what is left
    of the run's budget (then nothing is copied or sent, only the size, capped, is reported)."""
    try:
        data = plain.pack(value, limit=min(MAX_VALUE_BYTES, _Budget.left))
    except plain.TooLarge as exc:
        return "too_large", b"", min(exc.nbytes, MAX_SIZE)
    except CellTimeout:
        raise
    except BaseException:  # noqa: BLE001 - a hostile object that cannot even be described
        return "unencodable", b"", 0
    if len(data) > min(MAX_VALUE_BYTES, _Budget.left):
        return "too_large", b"", len(data)
    _Budget.left -= len(data)
    return "value", data, len(data)


def _builtin_types(exc: BaseException) -> list[str]:
    """The built-in classes in the exception's ancestry, most specific first (a fixed vocabulary)."""
    try:
        mro = type(exc).__mro__
    except BaseException:  # noqa: BLE001
        return []
    return [c.__name__ for c in mro if c.__name__ in BUILTIN_EXCEPTIONS
            and getattr(builtins, c.__name__, None) is c][:8]


def _describe(exc: BaseException) -> str:
    try:
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    except BaseException:  # noqa: BLE001 - hostile exception objects
        text = type(exc).__name__
    return text[:1000]
