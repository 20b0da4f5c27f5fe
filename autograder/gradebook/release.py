"""source → release with nbgrader's ``generate_assignment``, plus a leak check.

nbgrader does this step well (clear solutions and hidden tests, lock cells, record
checksums and cells in the gradebook), so it is used as it is. What we add: every
release is checked for leaked solution lines and hidden test lines, and the
release can be regenerated into a temporary folder to see if the committed one is
out of date.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from autograder.errors import AutograderError
from autograder.course import Course
from autograder.gradebook.adapter import nbgrader_api
from autograder.notebook import HIDDEN_BEGIN, SOLUTION_BEGIN, public_lines, read_notebook, secret_lines


class ReleaseError(AutograderError):
    pass


def release(course: Course, assignments: list[str], release_root: Path | None = None,
            db_url: str | None = None) -> list[Path]:
    """Generate the student versions; returns the written notebooks."""
    written = []
    for name in assignments:
        course.assignment(name)
        api = nbgrader_api(course, release_directory=str(release_root) if release_root else None, db_url=db_url)
        outcome = api.generate_assignment(name, force=True, create=True)
        if not outcome.get("success"):
            raise ReleaseError(f"nbgrader generate_assignment {name} failed:\n{outcome.get('error') or outcome.get('log')}")
        folder = (release_root or course.root / "release") / name
        for nb in course.notebooks(name):
            path = folder / f"{nb}.ipynb"
            problems = leaks(course.source_path(name, nb), path)
            if problems:
                raise ReleaseError(f"{path} leaks: " + "; ".join(problems[:5]))
            written.append(path)
    return written


def _secret(source: str) -> list[str]:
    """Solution and hidden-test lines worth checking (long enough, not comments)."""
    return [s for s in (line.strip() for line in secret_lines(source)) if len(s) >= 8 and not s.startswith("#")]


def leaks(source_path: Path, release_path: Path) -> list[str]:
    """Solution or hidden-test lines of the source that appear in the release."""
    source = read_notebook(source_path)
    released = read_notebook(release_path)
    released_text = "\n".join("".join(c.get("source", "")) for c in released.cells)
    released_lines = {line.strip() for line in released_text.splitlines()}
    problems = [f"marker {m!r}" for m in (SOLUTION_BEGIN, HIDDEN_BEGIN) if m in released_text]
    for cell in source.cells:
        text = "".join(cell.get("source", ""))
        problems += [f"line {line!r}" for line in _secret(text) if line in released_lines
                     and not _also_public(line, source)]
    if any(c.get("outputs") for c in released.cells if c.get("cell_type") == "code"):
        problems.append("code cells with outputs")
    return problems


def _also_public(line: str, source) -> bool:
    """A line that also stands outside every secret region (e.g. ``return out``) is no leak."""
    return any(line in (ln.strip() for ln in public_lines("".join(cell.get("source", "")))) for cell in source.cells)


def normalized(path: Path) -> list[dict]:
    """What must match between a committed release and a fresh one."""
    nb = read_notebook(path)
    return [{"cell_type": c.cell_type, "source": "".join(c.source),
             "nbgrader": c.get("metadata", {}).get("nbgrader")} for c in nb.cells]


def out_of_date(course: Course, assignment: str) -> list[str]:
    """Differences between ``release/<assignment>`` and a fresh generation from ``source/``."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        release(course, [assignment], release_root=tmp / "release", db_url=f"sqlite:///{tmp / 'gb.db'}")
        diffs = []
        for nb in course.notebooks(assignment):
            committed = course.release_path(assignment, nb)
            if not committed.is_file():
                diffs.append(f"{committed} is missing")
                continue
            fresh = normalized(tmp / "release" / assignment / f"{nb}.ipynb")
            if normalized(committed) != fresh:
                diffs.append(f"{committed} differs from a fresh release (run: python -m autograder release "
                             f"{assignment})")
        return diffs

