"""``autograder student-package``: the wheel students install (JupyterHub image, own laptop).

Built from this checkout, module by module, so it never drifts from what the grader uses for
the visible checks. What goes in is listed in :data:`MODULES` (from the checkout) and
:data:`REPLACED` (smaller stand-ins for package ``__init__`` files whose real version imports
grading code). Everything else – the grader, the sandbox worker, answer keys and the code that
reads them, quiz definitions and reference computations, ``source/``, ``.grader/`` – stays out;
:func:`build_wheel` refuses to write a wheel that contains a solution or hidden-test marker.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

from autograder import __version__
from autograder.errors import AutograderError
from autograder.notebook import HIDDEN_BEGIN, SOLUTION_BEGIN

PACKAGE = Path(__file__).resolve().parent.parent
DIST = "ml_kurs_autograder_student"
MODULES = [
    "__init__.py",
    "checks.py",
    "grading/__init__.py", "grading/cases.py", "grading/compare.py", "grading/checkfile.py",
    "sandbox/__init__.py", "sandbox/plain.py", "sandbox/models.py", "sandbox/protocol.py", "sandbox/vocab.py",
    "quiz/student.py", "quiz/answers.py", "quiz/questions.py", "quiz/text.py", "quiz/variant.py",
    "student/__init__.py", "student/cli.py",
]
REPLACED = {
    "__main__.py": "from autograder.student.cli import main\n\nraise SystemExit(main())\n",
    "quiz/__init__.py": '"""Quiz helpers for students: the answer-format check (``autograder.quiz.student``)."""\n',
}
FORBIDDEN = (SOLUTION_BEGIN, HIDDEN_BEGIN)
REQUIRES = ["numpy>=1.26"]


class PackageError(AutograderError):
    pass


def files() -> dict[str, bytes]:
    out = {f"autograder/{name}": (PACKAGE / name).read_bytes() for name in MODULES}
    out.update({f"autograder/{name}": text.encode() for name, text in REPLACED.items()})
    return out


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(target_dir: Path, version: str = __version__) -> Path:
    contents = files()
    for name, data in contents.items():
        text = data.decode("utf-8", errors="replace")
        found = [marker for marker in FORBIDDEN if marker in text and name != "autograder/student/package.py"]
        if found:
            raise PackageError(f"{name} contains {found[0]!r}; it must not go to students")
    info = f"{DIST}-{version}.dist-info"
    metadata = "\n".join(["Metadata-Version: 2.1", f"Name: {DIST.replace('_', '-')}", f"Version: {version}",
                          "Summary: Notebook checks for students of the ML course (check, validate, quiz helpers)",
                          "Requires-Python: >=3.10", *[f"Requires-Dist: {r}" for r in REQUIRES], ""])
    contents[f"{info}/METADATA"] = metadata.encode()
    contents[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: autograder\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    contents[f"{info}/entry_points.txt"] = b"[console_scripts]\nautograder = autograder.student.cli:main\n"
    contents[f"{info}/top_level.txt"] = b"autograder\n"
    record = [_record_line(name, data) for name, data in contents.items()] + [f"{info}/RECORD,,"]
    contents[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{DIST}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(contents):
            info_ = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info_.external_attr = 0o644 << 16
            info_.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info_, contents[name])
    return target
