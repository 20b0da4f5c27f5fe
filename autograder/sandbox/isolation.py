"""Operating-system protections for one sandboxed submission run.

Everything here is best effort and reported: each protection that could be set up
adds its name to the run's ``protections`` list, which ends up in the results. On
this kind of machine (root, Linux) all of them are active: cgroups (memory, pids),
PID/network/mount/IPC namespaces, masked course paths, an unprivileged user,
``no_new_privs`` and resource limits. Without root, only the rlimits and the
supervisor's own timeouts and process sweep remain.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
import signal
import time
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWNET = 0x40000000
CLONE_NEWPID = 0x20000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_SET_NO_NEW_PRIVS = 38
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
NOBODY = 65534

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def mount(source: str, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(_libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None, flags,
                       data.encode() if data else None), f"mount {target}")


def prctl(option: int, arg: int) -> None:
    _check(_libc.prctl(option, arg, 0, 0, 0), "prctl")


def become_subreaper() -> bool:
    """Orphans of sandboxed processes are re-parented to us, so none escapes the sweep."""
    try:
        prctl(PR_SET_CHILD_SUBREAPER, 1)
        return True
    except OSError:
        return False


# ----------------------------------------------------------------------------- cgroups
class Cgroup:
    """A cgroup-v1 memory+pids+cpu group for one run; kills everything in it at the end.

    The cpu quota keeps a submission from starving the ones graded next to it (processes it
    starts share its quota); ``cpus`` is the number of cores it may use at most.
    """

    ROOT = Path("/sys/fs/cgroup")
    CONTROLLERS = ("memory", "pids", "cpu")

    def __init__(self, name: str, memory_bytes: int, max_pids: int, cpus: float = 1.0):
        self.dirs: list[Path] = []
        self.protections: list[str] = []
        period = 100_000
        for controller, files in (("memory", {"memory.limit_in_bytes": memory_bytes,
                                               "memory.memsw.limit_in_bytes": memory_bytes}),
                                  ("pids", {"pids.max": max_pids}),
                                  ("cpu", {"cpu.cfs_period_us": period,
                                           "cpu.cfs_quota_us": max(1000, int(period * cpus))})):
            path = self.ROOT / controller / name
            try:
                path.mkdir(exist_ok=True)
                for fname, value in files.items():
                    try:
                        (path / fname).write_text(str(value))
                    except OSError:
                        if fname != "memory.memsw.limit_in_bytes":  # swap accounting may be off
                            raise
                self.dirs.append(path)
                self.protections.append(f"cgroup-{controller}")
            except OSError:
                _rmdir(path)

    def add(self, pid: int) -> None:
        for path in self.dirs:
            (path / "cgroup.procs").write_text(str(pid))

    def pids(self) -> set[int]:
        found: set[int] = set()
        for path in self.dirs:
            try:
                found.update(int(p) for p in (path / "cgroup.procs").read_text().split())
            except OSError:
                pass
        return found

    def _memory_file(self, name: str) -> str | None:
        for path in self.dirs:
            if path.parent.name == "memory":
                try:
                    return (path / name).read_text()
                except OSError:
                    return None
        return None

    def memory_exceeded(self) -> bool:
        """True when the kernel's OOM killer fired inside this group."""
        text = self._memory_file("memory.oom_control") or ""
        return any(line.startswith("oom_kill ") and _last_int(line) > 0 for line in text.splitlines())

    def peak_memory(self) -> int | None:
        text = self._memory_file("memory.max_usage_in_bytes")
        return int(text) if text and text.strip().isdigit() else None

    def kill_all(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.01)

    def remove(self) -> None:
        self.kill_all()
        for path in self.dirs:
            _rmdir(path)

    @classmethod
    def cleanup(cls, name: str) -> None:
        """Remove the group ``name`` wherever it is left (its supervisor died before removing it)."""
        leftovers = [cls.ROOT / controller / name for controller in cls.CONTROLLERS]
        leftovers = [p for p in leftovers if p.is_dir()]
        if leftovers:
            group = cls.__new__(cls)
            group.dirs, group.protections = leftovers, []
            group.remove()


def _last_int(line: str) -> int:
    try:
        return int(line.split()[-1])
    except (ValueError, IndexError):
        return 0


def _rmdir(path: Path) -> None:
    for _ in range(50):
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.02)


# ----------------------------------------------------------------------------- child side
def enter_namespaces() -> list[str]:
    """Unshare what the kernel allows; returns the names of the new namespaces."""
    active = []
    for flag, name in ((CLONE_NEWNS, "mount-ns"), (CLONE_NEWNET, "net-ns"), (CLONE_NEWPID, "pid-ns"),
                       (CLONE_NEWIPC, "ipc-ns"), (CLONE_NEWUTS, "uts-ns")):
        try:
            unshare(flag)
            active.append(name)
        except OSError:
            pass
    return active


def make_private() -> None:
    """Mounts made from now on stay inside this mount namespace."""
    mount("none", "/", None, MS_REC | MS_PRIVATE)


def mask_paths(paths: list[str]) -> list[str]:
    """Fallback without bubblewrap: hide course files (sources, gradebook, other submissions) behind
    empty mounts. With bubblewrap nothing of the course is in the sandbox's view to begin with."""
    masked = []
    for p in dict.fromkeys(os.path.realpath(p) for p in paths):
        if os.path.isdir(p):
            mount("tmpfs", p, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
            masked.append(p)
        elif os.path.isfile(p):
            mount("/dev/null", p, None, MS_BIND)
            masked.append(p)
    return masked


def python_paths() -> list[str]:
    """Folders the sandboxed interpreter must be able to read (stdlib, site-packages, binary)."""
    import sys

    wanted = {sys.base_prefix, sys.prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))}
    wanted.update(p for p in sys.path if p and os.path.isdir(p))
    return sorted(os.path.realpath(p) for p in wanted)


def expose(paths: list[str]) -> list[str]:
    """Make ``paths`` reachable for an unprivileged user without opening their parents.

    Where an ancestor is closed to others (e.g. /root holding pyenv's Python), it is
    covered by an empty tmpfs and only the needed folders are bound back at their paths:
    the sandbox can import the standard library but sees nothing else of that ancestor.
    """
    closed: dict[str, list[str]] = {}
    for path in paths:
        parts = path.strip("/").split("/")
        for depth in range(1, len(parts)):
            ancestor = "/" + "/".join(parts[:depth])
            if not os.stat(ancestor).st_mode & 0o001:
                closed.setdefault(ancestor, []).append(path)
                break
    for ancestor, inner in closed.items():
        keep = {p: os.open(p, os.O_RDONLY | os.O_DIRECTORY) for p in inner}
        try:
            mount("tmpfs", ancestor, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
            for path, fd in keep.items():
                os.makedirs(path, mode=0o755, exist_ok=True)
                mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        finally:
            for fd in keep.values():
                os.close(fd)
    return sorted(closed)


TMP_DIRS = ("/tmp", "/var/tmp", "/dev/shm")


def private_tmp(workdir: str, keep: list[str] = ()) -> bool:
    """Fresh, size-limited tmpfs on /tmp, /var/tmp and /dev/shm: nothing written there outlives
    the run or reaches another student's run. The work folder and the folders in ``keep`` (the
    interpreter's, when a checkout or venv lives under /tmp) are bound back at their old paths,
    with the masks already mounted inside them."""
    under_tmp = [p for p in map(os.path.realpath, keep) if any(p.startswith(t + "/") for t in TMP_DIRS)]
    wanted = list(dict.fromkeys([os.path.realpath(workdir), *under_tmp]))
    outer = [p for p in wanted if not any(p.startswith(q + "/") for q in wanted)]  # nested ones come along
    fds = {p: os.open(p, os.O_RDONLY | os.O_DIRECTORY) for p in outer if os.path.isdir(p)}
    try:
        for target in TMP_DIRS:
            if os.path.isdir(target):
                mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, "size=256m,mode=1777")
        for path, fd in fds.items():
            os.makedirs(path, mode=0o755, exist_ok=True)
            mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        os.chdir(workdir)
        return True
    finally:
        for fd in fds.values():
            os.close(fd)


def hide_cgroupfs() -> bool:
    """The supervisor needs /sys/fs/cgroup to set limits; the sandbox gets an empty folder there."""
    target = "/sys/fs/cgroup"
    if not os.path.isdir(target):
        return False
    try:
        mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
        return True
    except OSError:
        return False


def mount_private_proc() -> bool:
    """Inside a new PID namespace, /proc shows only the sandbox's own processes."""
    try:
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV)
        return True
    except OSError:
        return False


def readable(paths: list[str]) -> list[str]:
    """Which of ``paths`` this process can read (list a folder, open a file): should be none."""
    found = []
    for path in paths:
        try:
            if os.path.isdir(path):
                os.listdir(path)
            else:
                os.close(os.open(path, os.O_RDONLY))
            found.append(path)
        except OSError:
            continue
    return found


def drop_privileges(workdir: str) -> bool:
    if os.getuid() != 0:
        return False
    os.chown(workdir, NOBODY, NOBODY)
    for root, dirs, files in os.walk(workdir):
        for name in dirs + files:
            os.lchown(os.path.join(root, name), NOBODY, NOBODY)
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    return True


def set_no_new_privs() -> bool:
    try:
        prctl(PR_SET_NO_NEW_PRIVS, 1)
        return True
    except OSError:
        return False


def apply_rlimits(cpu_seconds: int, output_bytes: int, memory_bytes: int | None) -> list[str]:
    applied = []
    for res, value, name in ((resource.RLIMIT_CPU, cpu_seconds, "rlimit-cpu"),
                             (resource.RLIMIT_FSIZE, max(output_bytes, 64 << 20), "rlimit-fsize"),
                             (resource.RLIMIT_CORE, 0, "rlimit-core")):
        try:
            resource.setrlimit(res, (value, value))
            applied.append(name)
        except (OSError, ValueError):
            pass
    if memory_bytes is not None:  # only when no memory cgroup: address space as backstop
        try:
            vm = _vm_size()
            resource.setrlimit(resource.RLIMIT_AS, (vm + memory_bytes, vm + memory_bytes))
            applied.append("rlimit-as")
        except (OSError, ValueError):
            pass
    return applied


def _vm_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0
