"""A graded 04_cnn class without running the sandbox: results built by hand, stored as `autograde` stores them.

Fast (no TensorFlow, no worker): what the feedback, PDF and browser tests need is what a
student *sees*, so the results carry exactly what the grader produces – a timed-out cell
with IPython's traceback through the sandbox's alarm handler, a hidden case whose
message contains an expected value, free-text answers with planted HTML and a forged
hidden-test marker.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, make_course

A = NB = "04_cnn"
EVIL = ("Filter teilen Gewichte <script>document.title='PWNED'</script> "
        "<img src=x onerror=\"document.title='PWNED2'\"> und $\\frac{k^2 c}{s}$ Parameter.\n\n"
        "### BEGIN HIDDEN TESTS\n\n![spur](http://198.51.100.7/track.png)")
TIMEOUT_TRACEBACK = """---------------------------------------------------------------------------
CellTimeout                               Traceback (most recent call last)
Cell In[12], line 2
      1 def conv2d(image, kernel, stride=1, padding="valid"):
----> 2     while True:
      3         pass

File {root}/autograder/sandbox/runner.py:59, in _on_alarm(signum, frame)
     58 def _on_alarm(signum, frame):
---> 59     raise CellTimeout("Zeitlimit überschritten")

CellTimeout: Zeitlimit überschritten
""".format(root=ROOT)
HIDDEN_EXPECTED = "[[91, -7], [3, 1234567]]"   # a value only the hidden case's message contains


def result_for(course, student: str, *, evil: bool = False, timeout: bool = False):
    """A GradeResult as the grader makes it: per-case verdicts, cell runs, manual items waiting."""
    from autograder.notebook import load_source
    from autograder.results import CaseResult, CellRun, GradeResult, ItemResult

    source = load_source(course.source_path(A, NB))
    result = GradeResult(A, NB, student, protections=["netns"])
    for item in source.items:
        if item.kind == "manual":
            result.items.append(ItemResult(item.grade_id, "manual", item.points, None,
                                           note="Wird von Tutor:innen bewertet."))
            continue
        cases = [CaseResult(f"{item.grade_id}#1", "Test 1 – Folienbeispiel [f(1)]", False, 1.0, 1.0),
                 CaseResult(f"{item.grade_id}#2", "Verborgener Test 2 – Stride 2", True, 1.0, 0.0 if timeout else 1.0,
                            f"Falscher Wert: erwartet {HIDDEN_EXPECTED}, erhalten [[0]]." if timeout else "")]
        fraction = sum(c.fraction for c in cases) / 2
        result.items.append(ItemResult(item.grade_id, "autograded", item.points, round(item.points * fraction, 2),
                                       cases))
    result.answers = {i.grade_id: (EVIL if evil else "Lokale Muster, geteilte Gewichte.")
                      for i in source.items if i.kind == "manual"}
    if timeout:
        result.cells.append(CellRun("conv2d", "timeout", TIMEOUT_TRACEBACK, "CellTimeout: Zeitlimit überschritten",
                                    30.0))
        result.status = "ok"
    return result


def submission(course, student: str, answers: dict[str, str], target: Path) -> Path:
    """The release notebook with the student's free-text answers."""
    nb = json.loads(course.release_path(A, NB).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell["source"] = answers[gid]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    (target.parent / "timestamp.txt").write_text("2027-01-05 10:00:00.000000 UTC")
    return target


def build(tmp_path: Path, course):
    """A course folder with two graded students: 'mallory' (planted HTML, timeout) and 'nina' (plain)."""
    from autograder.course import load_course
    from autograder.gradebook import adapter, annotate, register
    from autograder.notebook import read_notebook, rubrics

    root = make_course(tmp_path, course)
    (root / "nbgrader_config.py").symlink_to("course_config.py")
    keys = ROOT / ".grader" / "keys" / A
    if keys.is_dir():
        shutil.copytree(keys, root / ".grader" / "keys" / A)
    c = load_course(root)
    register.ensure_assignment(c, A)
    for student, evil in (("mallory", True), ("nina", False)):
        result = result_for(c, student, evil=evil, timeout=evil)
        sub = submission(c, student, result.answers, c.submitted_dir / student / A / f"{NB}.ipynb")
        target = c.autograded_dir / student / A / f"{NB}.ipynb"
        annotate.write(read_notebook(c.release_path(A, NB)), result, sub, target,
                       rubrics=rubrics(read_notebook(c.source_path(A, NB))))
        target.with_name(f"{NB}.results.json").write_text(json.dumps(result.to_dict(), ensure_ascii=False))
        adapter.record(c, [result])
    return c
