"""The package students install: what their notebooks import, and nothing that grades or holds answers.

The slow test installs the wheel into a fresh virtualenv (``python -m venv``; ``pip install
--no-deps --no-index`` of the wheel; NumPy copied in from this environment, so no network is
needed), runs a released notebook's check cells there with ``autograder validate``, and proves
that no grader module, key or solution can be imported or found in it.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.student.package import build_wheel
from conftest import ROOT, assignments_with_source

GRADER_MODULES = ["autograder.grading.keys", "autograder.grading.grader", "autograder.grading.batch",
                  "autograder.gradebook", "autograder.quiz.ref", "autograder.quiz.course", "autograder.quiz.grade",
                  "autograder.sandbox.worker", "autograder.sandbox.runner", "autograder.reports",
                  "autograder.cli.exercises", "autograder.course", "autograder.notebook"]


def _secret_lines(course) -> set[str]:
    """Solution and hidden-test lines of every source notebook (long enough to be telling)."""
    from autograder.gradebook.release import _also_public
    from autograder.notebook import read_notebook, secret_lines

    lines = set()
    for a, nb in assignments_with_source(course):
        source = read_notebook(course.source_path(a, nb))
        for cell in source.cells:
            text = "".join(cell.get("source", ""))
            for line in (ln.strip() for ln in secret_lines(text)):
                if len(line) >= 20 and not _also_public(line, source):
                    lines.add(line)
    return lines


def test_wheel_holds_only_the_student_side(tmp_path, course):
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        text = "\n".join(zf.read(n).decode("utf-8", "replace") for n in names)
    modules = {n for n in names if n.startswith("autograder/")}
    assert {"autograder/checks.py", "autograder/quiz/student.py", "autograder/student/cli.py"} <= modules
    assert not [n for n in modules if n.endswith(("keys.py", "ref.py", "grader.py", "worker.py", "runner.py",
                                                  "course.py", "batch.py"))]
    assert not [n for n in names if n.startswith(("source/", ".grader/", "release/", "tests/"))]
    assert "### BEGIN SOLUTION" not in text and "### BEGIN HIDDEN TESTS" not in text
    assert not [line for line in _secret_lines(course) if line in text]
    assert "autograder = autograder.student.cli:main" in text


def _venv(tmp_path: Path, wheel: Path) -> Path:
    env = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=300)
    py = env / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    import numpy

    src = Path(numpy.__file__).parent.parent   # NumPy from this environment (the pinned version), no download
    for entry in src.iterdir():
        if entry.name == "numpy" or entry.name.startswith(("numpy-", "numpy.libs")):
            (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, site / entry.name)
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True,
                   timeout=300)
    return env


def _clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "AUTOGRADER_COURSE_ROOT", "VIRTUAL_ENV")}
    env["PATH"] = "/usr/bin:/bin"
    return env


@pytest.mark.slow
def test_released_notebook_runs_in_a_clean_environment_without_any_key(tmp_path, course):
    from autograder.cli.demo import student_notebook

    env = _venv(tmp_path, build_wheel(tmp_path / "dist"))
    work = tmp_path / "student"
    work.mkdir()
    solved = work / "00_python.ipynb"
    solved.write_text(json.dumps(student_notebook(course, "00_python", "00_python")), encoding="utf-8")
    blank = work / "leer" / "00_python.ipynb"
    blank.parent.mkdir()
    shutil.copy(course.release_path("00_python", "00_python"), blank)
    autograder = str(env / "bin" / "autograder")

    run = subprocess.run([autograder, "validate", str(solved)], cwd=work, env=_clean_env(), capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    passed = int(out.strip().splitlines()[-1].split()[0])
    assert passed >= 10 and out.strip().endswith(f"{passed} sichtbare Tests bestanden, 0 nicht bestanden.")
    assert "✓ " in out and "✗ " not in out
    assert "Zelle 'split_demo': Fehler: ModuleNotFoundError" in out   # a demo needs scikit-learn; checks do not

    run = subprocess.run([autograder, "validate", str(blank)], cwd=work, env=_clean_env(), capture_output=True,
                         text=True, timeout=600)
    assert "noch nicht implementiert" in run.stdout and " 0 sichtbare Tests bestanden" not in run.stdout[:0]

    probe = ("import importlib, json, sys\nfound = {}\nfor name in sys.argv[1:]:\n    try:\n"
             "        importlib.import_module(name); found[name] = True\n    except ImportError:\n"
             "        found[name] = False\nimport autograder, autograder.checks, autograder.quiz.student\n"
             "print(json.dumps({'found': found, 'path': autograder.__file__}))")
    run = subprocess.run([str(env / "bin" / "python"), "-c", probe, *GRADER_MODULES], cwd=work, env=_clean_env(),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["path"].startswith(str(env)) and not result["path"].startswith(str(ROOT))
    assert result["found"] == {name: False for name in GRADER_MODULES}
    installed = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                          for p in Path(result["path"]).parent.rglob("*.py"))
    assert not [line for line in _secret_lines(course) if line in installed]
    assert not list(env.rglob(".grader")) and not list(env.rglob("source"))


@pytest.mark.slow
def test_quiz_validate_in_the_clean_environment(tmp_path, course):
    from autograder.quiz import render
    from autograder.quiz.course import load_quiz

    env = _venv(tmp_path, build_wheel(tmp_path / "dist"))
    quiz = load_quiz(course, "q3_cnn")
    path = tmp_path / "q3_cnn.ipynb"
    nb = render.notebook(quiz, "s01")
    answer = next(c for c in nb.cells if c.metadata["nbgrader"].get("solution"))
    answer.source = answer.source.replace("= None", '= "b"')
    path.write_text(render.dumps(nb), encoding="utf-8")
    run = subprocess.run([str(env / "bin" / "autograder"), "quiz-validate", str(path)], cwd=tmp_path,
                         env=_clean_env(), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "1 von 13 Antworten hat ein gültiges Format" in run.stdout and "Frage 1" in run.stdout


def test_the_student_modules_import_nothing_left_out():
    """Every ``autograder`` import of a shipped module (also inside functions) is shipped too."""
    from test_layout import graph

    from autograder.student.package import MODULES, REPLACED

    def module(file: str) -> str:
        parts = ["autograder", *file.removesuffix(".py").split("/")]
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    shipped = {module(name) for name in MODULES + list(REPLACED)}
    imports = graph()
    missing = {f"{module(name)} imports {target}" for name in MODULES for target in imports[module(name)]
               if target.startswith("autograder") and target not in shipped}
    lazy_grader_side = {"autograder.checks imports autograder.grading.keys"}   # plain-nbgrader mode only
    assert missing - lazy_grader_side == set()
