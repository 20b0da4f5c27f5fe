"""``autograder demo``: the whole pipeline on a simulated class, with embedded defaults.

It builds a throw-away course folder (``./demo``) that shares ``source/`` with the
repository, releases the assignment, writes a small class of submissions (a full
solution, a blank one, a partly wrong one, one with a syntax error, one that loops
forever, one that is late, one that is not even JSON), autogrades them in parallel,
writes feedback, the grades (nbgrader CSV, Moodle, ILIAS), the class report and the
similarity check, and prints a score table.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path

from autograder.course import Course, load_course
from autograder.notebook import read_notebook, without_markers

DEMO_LIMITS = '\n# Demo: shorter limits, so the looping student does not hold up the demo.\n' \
              'LIMITS = {**LIMITS, "cell_timeout": 8.0, "notebook_timeout": 90.0}\n'

# Wrong answers a student might give, per assignment: grade_id -> replacement code.
WRONG_ANSWERS = {
    "04_cnn": {
        "conv_output_shape": (
            "def conv_output_shape(input_shape, filters, kernel_size, strides=1, padding=\"valid\"):\n"
            "    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]\n"
            "    s = strides if isinstance(strides, int) else strides[0]\n"
            "    h, w, _ = input_shape\n"
            "    if padding == \"same\":\n"
            "        return (h // s, w // s, filters)\n"
            "    return ((h - k) // s, (w - k) // s, filters)  # off by one\n"),
        "conv2d_params": (
            "def conv2d_params(kernel_size, in_channels, filters, use_bias=True):\n"
            "    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]\n"
            "    return k * k * in_channels * filters  # bias forgotten\n"),
    },
}


def student_notebook(course: Course, assignment: str, notebook: str, replacements: dict | None = None,
                     answered: bool = True) -> dict:
    """What a student hands in: the release notebook with its answer cells filled in.

    Answer cells get the reference solution (or ``replacements``); free-text cells a short
    answer. ``answered=False`` returns the untouched release.
    """
    release = json.loads(course.release_path(assignment, notebook).read_text(encoding="utf-8"))
    if not answered:
        return release
    source = read_notebook(course.source_path(assignment, notebook))
    solutions = {c.metadata["nbgrader"]["grade_id"]: "".join(c.source) for c in source.cells
                 if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
    for cell in release["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if not meta.get("solution"):
            continue
        if replacements and gid in replacements:
            cell["source"] = replacements[gid]
        elif cell["cell_type"] == "code":
            cell["source"] = without_markers(solutions.get(gid, ""))
        else:
            cell["source"] = "Meine Antwort: Filter erkennen lokale Muster; Gewichte werden geteilt."
    return release


def _answer_ids(nb) -> list[str]:
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.get("metadata", {}).get("nbgrader", {}).get("solution") and c.cell_type == "code"]


def make_class(course: Course, assignment: str, notebook: str) -> dict[str, str]:
    """Write the simulated submissions; returns student -> what they did."""
    first = _answer_ids(read_notebook(course.source_path(assignment, notebook)))[0]
    wrong = WRONG_ANSWERS.get(assignment) or {first: "def _broken():\n    return None\n"}
    due = course.unit(assignment).due
    full = student_notebook(course, assignment, notebook)
    plan = {
        "s01_voll": ("vollständige Lösung", full, due - dt.timedelta(days=2)),
        "s02_leer": ("leeres Notebook (Release)", student_notebook(course, assignment, notebook, answered=False),
                     due - dt.timedelta(days=1)),
        "s03_teils_falsch": ("teilweise falsch: " + ", ".join(wrong),
                             student_notebook(course, assignment, notebook, wrong), due - dt.timedelta(hours=5)),
        "s04_syntaxfehler": (f"Syntaxfehler in '{first}'", student_notebook(
            course, assignment, notebook, {first: "def oops(:\n    pass\n"}), due - dt.timedelta(hours=1)),
        "s05_endlosschleife": (f"Endlosschleife in '{first}'", student_notebook(
            course, assignment, notebook, {first: "while True:\n    pass\n"}), due - dt.timedelta(hours=2)),
        "s06_verspaetet": ("vollständig, aber 2 Tage zu spät", full, due + dt.timedelta(days=1, hours=3)),
        "s07_kaputt": ("kein gültiges JSON", None, due - dt.timedelta(days=3)),
    }
    for student, (what, nb, stamp) in plan.items():
        folder = course.submitted_dir / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{notebook}.ipynb"
        if nb is None:
            target.write_text('{"cells": [ {"cell_type": "code", "source": "print(1)"', encoding="utf-8")
        else:
            target.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
        # as nbgrader's exchange writes it with Exchange.timezone = TIMEZONE: "2027-01-06 23:59:00.000000 CET"
        (folder / "timestamp.txt").write_text(stamp.astimezone(course.tz).strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    return {student: what for student, (what, _, _) in plan.items()}


def setup_course(repo: Course, folder: Path) -> Course:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "course_config.py").write_text((repo.root / "course_config.py").read_text() + DEMO_LIMITS)
    (folder / "source").symlink_to(repo.root / "source", target_is_directory=True)
    return load_course(folder)


def run_demo(folder: Path | None = None, assignment: str = "04_cnn", workers: int = 2) -> int:
    from autograder.gradebook import adapter as nbgrader_adapter
    from autograder.reports import similarity
    from autograder.grading.batch import autograde
    from autograder.reports.lms import export_lms
    from autograder.reports.report import write_report
    from autograder.gradebook.feedback import generate
    from autograder.gradebook.release import release

    repo = load_course()
    repo.assignment(assignment)
    folder = (folder or repo.root / "demo").resolve()
    started = time.perf_counter()
    course = setup_course(repo, folder)
    print(f"Demo-Kurs in {folder}")
    for path in release(course, [assignment]):
        print(f"1. Release: {path.relative_to(folder)}")
    notebook = course.notebooks(assignment)[0]
    who = make_class(course, assignment, notebook)
    print(f"2. Simulierte Klasse: {len(who)} Abgaben unter submitted/")
    print(f"3. Autograde mit {workers} Workern …")
    report = autograde(course, assignment, workers=workers)
    pages = generate(course, assignment)
    print(f"4. Feedback: {len(pages)} HTML-Seiten unter feedback/")
    csv = nbgrader_adapter.export_csv(course, folder / "exports" / "grades.csv")
    lms = [export_lms(course, fmt) for fmt in ("moodle", "ilias")]
    print(f"5. Notenexport: {', '.join(str(p.relative_to(folder)) for p in [csv, *lms])}")
    report_page = write_report(course, assignment)
    print(f"6. Klassenbericht: {report_page.relative_to(folder)}")
    similar = similarity.check(course, assignment)
    similarity.write_html(similar, folder / "reports" / f"{assignment}-similarity.html")
    print(f"7. Ähnlichkeitsprüfung: {len(similar.suspicious)} auffällige Paare (nur Hinweise, kein Urteil; "
          "die simulierten Abgaben stammen alle aus der Musterlösung)")
    print()
    print(f"{'Student':20} {'Punkte':>8} {'max':>5} {'Abzug':>6} {'Status':9} {'Zeit':>6}  Abgabe / Hinweis")
    rows = sorted(report.graded, key=lambda results: results[0].student)
    for results in rows:
        r = results[0]  # the notebook the simulated class hands in; the totals count every notebook
        note = (r.summary_lines() or [""])[0][:60]
        score, top = sum(x.score for x in results), sum(x.max_auto_score for x in results)
        penalty = sum(x.late_penalty for x in results)
        print(f"{r.student:20} {score:8g} {top:5g} {penalty:6g} {r.status:9} "
              f"{r.execution_time:5.1f}s  {who.get(r.student, '')} | {note}")
    for student, error in report.failed.items():
        print(f"{student:20} FEHLER {error}")
    print(f"\nFertig in {time.perf_counter() - started:.1f} s.")
    return 1 if report.failed else 0
