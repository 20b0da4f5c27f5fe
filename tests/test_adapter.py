"""The nbgrader boundary's own shortcuts give what nbgrader itself would."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from autograder.course import load_course
from autograder.gradebook import adapter

ROOT = Path(__file__).resolve().parent.parent


def test_a_new_gradebook_is_stamped_with_nbgraders_alembic_head_without_the_subprocess(tmp_path):
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    theirs = subprocess.run([sys.executable, "-c", "from nbgrader.api import get_alembic_version; "
                             "print(get_alembic_version())"], capture_output=True, text=True, env=env, timeout=300)
    assert theirs.returncode == 0, theirs.stderr[-2000:]
    head = theirs.stdout.strip()
    assert head and adapter._alembic_head_in_process() == head

    shutil.copy(ROOT / "course_config.py", tmp_path / "course_config.py")
    course = load_course(tmp_path)
    with adapter.gradebook(course):
        pass
    import nbgrader.api

    assert getattr(nbgrader.api.get_alembic_version, "in_process", False)
    db = sqlite3.connect(course.gradebook_url.removeprefix("sqlite:///"))
    assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]


def test_nbgrader_modules_import_without_its_server_extensions():
    code = ("import sys; import autograder.gradebook.adapter, nbgrader.api, nbgrader.apps; "
            "print(nbgrader.__version__, 'nbgrader.server_extensions' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    version, loaded = out.stdout.split()
    assert version[0].isdigit() and loaded == "False"


def test_nbgrader_utils_imports_without_setuptools_and_still_unpacks_archives(tmp_path):
    import zipfile

    archive = tmp_path / "upload.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("s1/04_cnn.ipynb", "{}")
    (tmp_path / "out").mkdir()
    code = ("import sys; import autograder.gradebook, nbgrader.utils; "
            "before = 'setuptools' in sys.modules; "
            f"nbgrader.utils.unzip({str(archive)!r}, {str(tmp_path / 'out')!r}); "
            "print(before, 'setuptools' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "True"]
    assert (tmp_path / "out" / "s1" / "04_cnn.ipynb").read_text() == "{}"
