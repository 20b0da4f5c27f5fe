"""How a worker is started: inside bubblewrap with an allowlist of paths, or (fallback) without.

bubblewrap (Debian's ``bubblewrap``, the sandbox Flatpak uses) starts the warm worker in an
empty root where only these are visible:

* the interpreter and its libraries, read-only (the Python prefix and base prefix, their
  site-packages, ``/usr`` and the system library folders, a few files of ``/etc``),
* the ``autograder`` package folder, read-only (not the checkout around it),
* the grader's work root, read-write (each sandbox later sees only its own folder in it),
* ``/sys/fs/cgroup`` for the per-run memory and process limits (hidden again in each sandbox),
* a fresh ``/dev``, ``/proc`` and ``/tmp``; no network, new PID/IPC/UTS namespaces.

Every sandbox is forked from that worker and inherits its view, so the fork-per-submission
speed stays. Nothing of the course (sources, answer keys, gradebook, submissions, exports,
other checkouts, home folders) is reachable because it is simply not there. Without
bubblewrap (or without root) the worker runs as before and each sandbox masks the known
course paths instead; ``extra_data.protections`` tells which of the two a run had.
"""

from __future__ import annotations

import functools
import os
import shutil
import site
import subprocess
import sys

ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
             "/etc/hosts", "/etc/mime.types")
SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin")


@functools.lru_cache(maxsize=1)
def bwrap() -> str | None:
    """The bubblewrap binary, if it is installed and can build a sandbox here (as root)."""
    path = shutil.which("bwrap")
    if path is None or os.getuid() != 0 or os.environ.get("AUTOGRADER_NO_BWRAP"):
        return None
    try:
        probe = subprocess.run([path, "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--proc", "/proc",
                                "--die-with-parent", "true"], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if probe.returncode == 0 else None


def python_roots() -> list[str]:
    """Folders the worker's interpreter needs: its prefixes, site-packages, the binary's folder."""
    wanted = {sys.base_prefix, sys.prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))}
    wanted.update(site.getsitepackages())
    wanted.update(p for p in sys.path if p and ("site-packages" in p or "dist-packages" in p))
    real = sorted({os.path.realpath(p) for p in wanted if p and os.path.isdir(p)})
    return [p for p in real if not any(p.startswith(q + "/") for q in real)]  # parents cover children


def invoked_links() -> dict[str, str]:
    """The interpreter's prefix as it was invoked, where that is a symbolic link (a virtualenv
    reached through a link): bound are the real folders, so the link is recreated in the sandbox
    (Python finds ``pyvenv.cfg`` next to the path it was started by)."""
    links = {}
    for path in (sys.prefix, os.path.dirname(sys.executable)):
        path = os.path.abspath(path)
        if os.path.islink(path) and os.path.realpath(path) != path:
            links[path] = os.path.realpath(path)
    return links


def _ancestors(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) for i in range(1, len(parts))]


def command(argv: list[str], work_root: str, package_dir: str) -> tuple[list[str], bool]:
    """``argv`` wrapped in bubblewrap with the allowlist above; ``(argv, False)`` when not available."""
    binary = bwrap()
    if binary is None:
        return argv, False
    args = [binary, "--die-with-parent", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
            "--new-session", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for folder in SYSTEM_DIRS:
        if os.path.islink(folder):
            args += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    for path in ETC_FILES:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    roots = python_roots()
    links = invoked_links()
    for folder in sorted({a for p in [*roots, *links, package_dir, work_root] for a in _ancestors(p)}
                         - {"/", "/tmp"}):
        args += ["--perms", "0755", "--dir", folder]  # bubblewrap would make them 0700: closed to the sandbox user
    for folder in roots:
        args += ["--ro-bind", folder, folder]
    for path, target in links.items():
        args += ["--symlink", target, path]
    args += ["--ro-bind", package_dir, package_dir]
    if os.path.isdir("/sys/fs/cgroup"):
        args += ["--bind", "/sys/fs/cgroup", "/sys/fs/cgroup"]
    if os.path.isdir("/sys/devices/system/cpu"):
        args += ["--ro-bind", "/sys/devices/system/cpu", "/sys/devices/system/cpu"]
    args += ["--bind", work_root, work_root, "--chdir", work_root, "--"]
    return args + argv, True
