"""What a Dask worker needs to grade one exercise, as bytes: the course bundle.

A worker shares no file system with the coordinator. The coordinator packs, per assignment,
a zip with ``course_config.py``, ``source/<a>/``, ``release/<a>/`` and the answer key files
``.grader/keys/<a>/<notebook>-<digest>.json`` (the ones the current sources need). The
roster, the gradebook, other units and everything students handed in stay at home; a task
sends one student's notebooks as bytes and gets plain results back.

The zip is deterministic (sorted names, fixed times), so the same course state gives the same
bytes and the same sha256, by which a worker keeps its unpacked copy and its grader. A worker
unpacks into a private folder (mode 0700) of its own temporary directory: never inside the
grader's work root, the only folder a sandbox sees (``autograder.sandbox.launch``).

When the coordinator's key cache is missing or stale, one worker computes the keys from a
bundle without them (:func:`key_files` there) and sends the files back; the coordinator checks
and stores them (:func:`store_keys`) before building the bundle the other tasks use.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from autograder.course import Course
from autograder.files import write_atomic
from autograder.grading import keys as answer_key

#: A key file sent back by a worker (expected values: arrays as base64 JSON) is at most this large.
MAX_KEY_BYTES = 1024 * 1024 * 1024
_DATE = (1980, 1, 1, 0, 0, 0)


class BundleError(RuntimeError):
    """A bundle or what a worker sent back for it is not what it should be (not the student's fault)."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_paths(course: Course, assignment: str) -> dict[str, Path]:
    """The coordinator's key cache files the assignment's current sources need, by notebook."""
    from autograder.grading.grader import Assignment  # the grader imports nothing of this module

    paths = {}
    for nb in course.notebooks(assignment):
        a = Assignment(course, assignment, nb)
        paths[nb] = answer_key.cache_path(course.state_dir, assignment, nb, a.digest)
    return paths


def missing_keys(course: Course, assignment: str) -> list[str]:
    """Notebooks whose key is not cached (or unreadable, or of an older format)."""
    return [nb for nb, path in key_paths(course, assignment).items() if answer_key.read(path) is None]


def _files(folder: Path):
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and ".ipynb_checkpoints" not in path.parts and "__pycache__" not in path.parts:
            yield path


def build(course: Course, assignment: str, keys: bool = True) -> bytes:
    """The zip a worker grades ``assignment`` from (with the cached keys unless ``keys=False``)."""
    course.assignment(assignment)
    entries: dict[str, Path] = {"course_config.py": course.root / "course_config.py"}
    for part in ("source", "release"):
        base = course.root / part / assignment
        for path in _files(base):
            entries[f"{part}/{assignment}/{path.relative_to(base).as_posix()}"] = path
    if keys:
        for nb, path in key_paths(course, assignment).items():
            if answer_key.read(path) is None:
                raise BundleError(f"the answer key of {assignment}/{nb} is not cached")
            entries[f".grader/keys/{assignment}/{path.name}"] = path
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, _DATE)
            info.external_attr = (stat.S_IFREG | 0o600) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, entries[name].read_bytes())
    return buffer.getvalue()


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        raise BundleError(f"unsafe name in the bundle: {name!r}")
    if not (name == "course_config.py" or path.parts[0] in ("source", "release", ".grader")):
        raise BundleError(f"unexpected file in the bundle: {name!r}")
    return path


def unpack(data: bytes, parent: str | None = None) -> Path:
    """The bundle in a new private folder (0700, files 0600) below ``parent`` (the temporary directory)."""
    root = Path(tempfile.mkdtemp(prefix="autograder-bundle-", dir=parent))  # mkdtemp: mode 0700
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                parts = _safe_name(info.filename).parts
                for n in range(1, len(parts)):  # each folder 0700 (parents=True would use the umask)
                    root.joinpath(*parts[:n]).mkdir(mode=0o700, exist_ok=True)
                target = root.joinpath(*parts)
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out, zf.open(info) as src:
                    shutil.copyfileobj(src, out)
    except Exception:
        shutil.rmtree(root, ignore_errors=True)
        raise
    if not (root / "course_config.py").is_file():
        shutil.rmtree(root, ignore_errors=True)
        raise BundleError("the bundle has no course_config.py")
    return root


def key_files(course: Course, assignment: str) -> dict[str, bytes]:
    """Worker side, after the keys were computed: the key files, by file name."""
    return {path.name: path.read_bytes() for path in key_paths(course, assignment).values()}


def store_keys(course: Course, assignment: str, files) -> None:
    """Coordinator side: check the key files a worker computed and put them into the cache."""
    wanted = {path.name: (nb, path) for nb, path in key_paths(course, assignment).items()}
    if not isinstance(files, dict) or set(files) != set(wanted):
        got = sorted(map(str, files)) if isinstance(files, dict) else type(files).__name__
        raise BundleError(f"the worker sent other key files than {sorted(wanted)}: {got}")
    checked = {}
    for name, data in files.items():
        nb, path = wanted[name]
        if not isinstance(data, bytes) or len(data) > MAX_KEY_BYTES:
            raise BundleError(f"the worker sent an unusable key file for {assignment}/{nb}")
        try:
            doc = json.loads(data)
        except ValueError:
            raise BundleError(f"the worker sent an unreadable key file for {assignment}/{nb}") from None
        if not isinstance(doc, dict) or doc.get("format") != answer_key.FORMAT:
            raise BundleError(f"the worker's key file for {assignment}/{nb} has another format")
        cases = doc.get("cases")
        if not isinstance(cases, list) or not all(isinstance(c, dict) and isinstance(c.get("case_id"), str)
                                                  and "expected" in c for c in cases):
            raise BundleError(f"the worker's key file for {assignment}/{nb} is malformed")
        from autograder.grading.grader import Assignment

        needed = {c.case_id for c in Assignment(course, assignment, nb).cases}
        if {c["case_id"] for c in cases} != needed:
            raise BundleError(f"the worker's key file for {assignment}/{nb} does not match its tests")
        checked[path] = data
    for path, data in checked.items():
        write_atomic(path, data)
