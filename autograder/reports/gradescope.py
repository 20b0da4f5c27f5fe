"""``gradescope ASSIGNMENT``: a Gradescope autograder zip that grades exactly like ``autograder grade``.

The zip is in Gradescope's own format (``setup.sh``, ``run_autograder``, ``requirements.txt``
at the top level; Gradescope unpacks it to ``/autograder/source``). Its ``requirements.txt`` is
the course's ``requirements-grader.txt``: what grading needs at run time, nothing of the
development set (no pytest, Playwright, JupyterLab, Dask, otter-grader, nbgrader).

Hidden test cases go into their own Gradescope tests with ``GRADESCOPE_HIDDEN_VISIBILITY``
from ``course_config.py`` (default ``after_published``; ``hidden`` keeps them from students
for good), visible ones are ``visible`` – the way otter-grader's zips behave. Free-text
answers are graded by hand on Gradescope from one PDF per submission (``autograder
gradescope-pdf``, see :mod:`autograder.reports.pdf`). It carries this
package, ``course_config.py``, the assignment's ``source/`` and ``release/`` folders and the
answer key computed here from the reference solution (``.grader/keys``), so a run on
Gradescope needs no reference run of its own. ``run_autograder`` finds the submitted
notebook(s) in ``/autograder/submission``, calls ``python -m autograder grade ASSIGNMENT
NOTEBOOK --json`` per notebook and writes ``/autograder/results/results.json`` (one
notebook: the command's document as is; several: scores and tests combined).

All paths can be remapped by environment variables, which is how the tests run the
zip locally: ``AUTOGRADER_ROOT`` (default ``/autograder``), ``AUTOGRADER_PYTHON``
(default the virtualenv ``setup.sh`` creates).

Base image: Gradescope's Ubuntu 22.04 or 24.04 image; ``setup.sh`` installs Python 3.11
(the pinned requirements need ≥ 3.11) and the exact pins of ``requirements.txt``.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

from autograder.course import Course, CourseError

PACKAGE = Path(__file__).resolve().parent.parent  # the autograder package

SETUP_SH = """#!/usr/bin/env bash
# Gradescope image setup: Python >= 3.11 and the exact pins of requirements.txt in a venv.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SRC="${AUTOGRADER_ROOT:-/autograder}/source"
VENV="${AUTOGRADER_ROOT:-/autograder}/venv"
apt-get update
if ! command -v python3.11 >/dev/null 2>&1; then
    apt-get install -y python3.11 python3.11-venv || apt-get install -y python3 python3-venv
fi
PY="$(command -v python3.11 || command -v python3)"
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), sys.version'
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -r "$SRC/requirements.txt"
# warm up: import TensorFlow once so the first submission does not pay for .pyc compilation
"$VENV/bin/python" -c 'import numpy, keras' >/dev/null 2>&1 || true
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope entry point: grade the submitted notebook(s) of @ASSIGNMENT@ with the course's autograder.
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
SUB="$ROOT/submission"
RES="$ROOT/results"
PY="${AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}"
ASSIGNMENT="@ASSIGNMENT@"
NOTEBOOKS=(@NOTEBOOKS@)
export TF_CPP_MIN_LOG_LEVEL=3
mkdir -p "$RES"
# Gradescope's container has no bubblewrap and no mount namespace, so the sandbox (user nobody) sees the
# file system: only root may read the reference solutions and the answer key. The grader checks this
# from inside the sandbox and refuses to run student code where they are readable.
chmod -R go-rwx "$SRC/source" "$SRC/.grader" 2>/dev/null || true
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

find_notebook() {  # the file named like the notebook, else a renamed one, as grading and import-moodle decide
    (cd "$SRC" && "$PY" - "$SUB" "$1" "${NOTEBOOKS[@]}" <<'PYEOF'
import sys
from pathlib import Path
from autograder.notebook import match_renamed
sub, name, notebooks = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
files = sorted(p for p in sub.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
by_name = {p.name: p for p in files}
found = by_name.get(f"{name}.ipynb") or by_name.get(match_renamed(notebooks, list(by_name)).get(name, ""))
print(found or "", end="")
PYEOF
    )
}

for nb in "${NOTEBOOKS[@]}"; do
    file="$(find_notebook "$nb")"
    if [ -z "$file" ]; then
        printf '{"missing": "%s"}' "$nb" > "$WORK/$nb.json"
        continue
    fi
    # the grader infers the notebook from the file name: give it the expected one
    mkdir -p "$WORK/in/$nb"
    cp "$file" "$WORK/in/$nb/$nb.ipynb"
    (cd "$SRC" && "$PY" -m autograder --course "$SRC" grade "$ASSIGNMENT" "$WORK/in/$nb/$nb.ipynb" --json \\
        > "$WORK/$nb.json" 2> "$WORK/$nb.err") || printf '{"error": "%s"}' "$nb" > "$WORK/$nb.json"
done

"$PY" - "$WORK" "$RES/results.json" "$SRC/autograder.json" "${NOTEBOOKS[@]}" <<'PYEOF'
import json, sys
from pathlib import Path
work, target, notebooks = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[4:]
try:
    meta = json.loads(Path(sys.argv[3]).read_text())
except (OSError, ValueError):
    meta = {}
maxima = meta.get("max_score", {})
hidden_visibility = meta.get("hidden_visibility", "after_published")
docs, notes = [], []
for nb in notebooks:
    try:
        doc = json.loads((work / f"{nb}.json").read_text())
    except (OSError, ValueError):
        doc = {"error": nb}
    if "missing" in doc:
        notes.append(f"Das Notebook {nb}.ipynb wurde nicht abgegeben (keine passende .ipynb-Datei gefunden).")
    elif "error" in doc:
        err = (work / f"{nb}.err")
        detail = err.read_text(errors="replace").strip().splitlines()[-1:] if err.exists() else []
        notes.append(f"{nb}.ipynb konnte nicht bewertet werden: {' '.join(detail) or 'interner Fehler'}")
    else:
        docs.append(doc)
if len(docs) == 1 and not notes:
    result = docs[0]
else:
    result = {"score": round(sum(d["score"] for d in docs), 4),
              "max_score": round(sum(d["max_score"] for d in docs)
                                 + sum(maxima.get(nb, 0) for nb in notebooks
                                       if nb not in {d.get("extra_data", {}).get("notebook") for d in docs}), 4),
              "execution_time": round(sum(d.get("execution_time", 0) for d in docs), 3),
              "output": "\\n".join(notes + [d.get("output", "") for d in docs]).strip(),
              "tests": [dict(t, name=f"{d['extra_data']['notebook']}: {t['name']}") if len(notebooks) > 1 else t
                        for d in docs for t in d.get("tests", [])]}
for test in result.get("tests", []):  # the course's choice for hidden cases (never "visible" by default)
    if test.get("visibility", "visible") != "visible":
        test["visibility"] = hidden_visibility
target.write_text(json.dumps(result, indent=2, ensure_ascii=False))
PYEOF
"""


DEV_ONLY = ("pytest", "playwright", "jupyterlab", "notebook", "dask", "distributed", "otter-grader", "nbgrader",
            "sphinx", "pypdf", "copydetect", "hypothesis")


def runtime_requirements(course: Course) -> Path:
    """The run-time pins (``requirements-grader.txt`` of the course, else of this checkout)."""
    for folder in (course.root, PACKAGE.parent):
        path = folder / "requirements-grader.txt"
        if path.is_file():
            return path
    raise CourseError("requirements-grader.txt is missing (the Gradescope zip installs exactly that file)")


def hidden_visibility(course: Course) -> str:
    from autograder.results import VISIBILITIES

    value = course.setting("GRADESCOPE_HIDDEN_VISIBILITY", "after_published")
    if value not in VISIBILITIES or value == "visible":
        raise CourseError(f"course_config.py: GRADESCOPE_HIDDEN_VISIBILITY must be one of hidden, after_due_date, "
                          f"after_published (not {value!r})")
    return value


def _add_file(zf: zipfile.ZipFile, path: Path, arcname: str, executable: bool = False) -> None:
    info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
    mode = 0o755 if executable else 0o644
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, path.read_bytes())


def _add_text(zf: zipfile.ZipFile, text: str, arcname: str, executable: bool = False) -> None:
    info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = (stat.S_IFREG | (0o755 if executable else 0o644)) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, text.encode("utf-8"))


def _files(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and ".ipynb_checkpoints" not in path.parts and "__pycache__" not in path.parts:
            yield path


def build_zip(course: Course, assignment: str, target: Path | None = None, grader=None) -> Path:
    """Write the autograder zip; computes (or reuses) the answer key so Gradescope needs no reference run."""
    from autograder.grading.grader import Grader

    course.assignment(assignment)
    notebooks = course.notebooks(assignment)
    own = grader is None
    grader = grader or Grader(course, workers=1)
    keys, maxima = [], {}
    try:
        for nb in notebooks:
            a = grader.assignment(assignment, nb)
            maxima[nb] = a.source.max_autograded
            grader.key(a)
            keys.append(grader.key_path(a))
    finally:
        if own:
            grader.close()
    target = target or course.root / "exports" / "gradescope" / f"{assignment}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    requirements = runtime_requirements(course)
    visibility = hidden_visibility(course)
    run = RUN_AUTOGRADER.replace("@ASSIGNMENT@", assignment).replace("@NOTEBOOKS@", " ".join(notebooks))
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    with zipfile.ZipFile(tmp, "w") as zf:
        _add_text(zf, SETUP_SH, "setup.sh", executable=True)
        _add_text(zf, run, "run_autograder", executable=True)
        _add_file(zf, requirements, "requirements.txt")
        _add_file(zf, course.root / "course_config.py", "course_config.py")
        for path in _files(PACKAGE):
            if path.suffix not in (".pyc", ".pyo"):
                _add_file(zf, path, f"autograder/{path.relative_to(PACKAGE).as_posix()}")
        for kind in ("source", "release"):
            folder = course.root / kind / assignment
            if folder.is_dir():
                for path in _files(folder):
                    _add_file(zf, path, f"{kind}/{assignment}/{path.relative_to(folder).as_posix()}")
        for key in keys:
            _add_file(zf, key, f".grader/keys/{assignment}/{key.name}")
        _add_text(zf, json.dumps({"assignment": assignment, "notebooks": notebooks, "course": course.course_id,
                                  "max_score": maxima, "hidden_visibility": visibility}, indent=2),
                  "autograder.json")
    os.replace(tmp, target)
    return target
