"""A small autograded class of 04_cnn, shared by the report, export and formgrader tests.

Built once per test process (autograding costs about a minute on 2 cores) in a session
temp folder. Tests that change it (the formgrader test sets a manual score and a
comment) must leave the others order-independent: they compare with the gradebook as it
is, not with fixed numbers for TA-graded parts.

The class: alice (complete, own free-text answers), bob (blank release notebook), carol
(complete, 2 days late), dave (not even JSON), erin (kernel flipped), frank (bias
forgotten and 'same' padding rounded down).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, make_course, submit
from fixturelib import build_notebook, fixtures

ASSIGNMENT = NOTEBOOK = "04_cnn"
MANUAL = ["frage_vollvernetzt", "frage_rezeptive_felder", "frage_kanten"]
ANSWERS = {
    "alice": ["Eine Dense-Schicht bräuchte für jedes der 65.536 Pixel ein Gewicht pro Neuron, also Millionen "
              "Parameter; dazu geht die Nachbarschaft der Pixel beim Flachmachen verloren.",
              "Kanten und Ecken sind lokal, kleine rezeptive Felder genügen und sparen Gewichte.",
              "Mit Kantenfiltern in x- und y-Richtung falten und die Beträge der Feature Maps vergleichen."],
    "carol": ["Zu viele Gewichte, Overfitting.", "Lokale Muster wiederverwenden.", "Sobel-Filter."],
    "erin": ["Das Netz wird riesig.", "Weniger Parameter.", "Gradienten berechnen."],
    "frank": ["Speicher und Rechenzeit explodieren.", "Benachbarte Pixel gehören zusammen.", "Differenzen bilden."],
}
STAMPS = {"alice": "2027-01-05 10:00:00.000000 UTC", "bob": "2027-01-06 09:00:00.000000 UTC",
          "carol": "2027-01-10 12:00:00.000000 UTC", "dave": "2027-01-07 08:00:00.000000 UTC",
          "erin": "2027-01-08 20:00:00.000000 UTC", "frank": "2027-01-08 21:00:00.000000 UTC"}

_CACHE: dict = {}


def _with_answers(path: Path, answers: list[str], target: Path) -> Path:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in MANUAL:
            cell["source"] = answers[MANUAL.index(gid)]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return target


def build_class(tmp: Path, course) -> Path:
    root = make_course(tmp, course)
    keys = ROOT / ".grader" / "keys" / ASSIGNMENT
    if keys.is_dir():  # reuse the repository's answer key cache (keyed by the source's digest)
        shutil.copytree(keys, root / ".grader" / "keys" / ASSIGNMENT)
    src = course.source_path(ASSIGNMENT, NOTEBOOK)
    work = tmp / "notebooks"
    fx = {f.name: f for f in fixtures(ASSIGNMENT)}
    notebooks = {
        "alice": src,
        "carol": src,
        "erin": build_notebook(src, fx["mistake_kernel_flipped"].cells, work / "erin.ipynb"),
        "frank": build_notebook(src, {**fx["mistake_params_no_bias"].cells, **fx["mistake_same_floor"].cells},
                                work / "frank.ipynb"),
    }
    for student, path in notebooks.items():
        path = _with_answers(path, ANSWERS[student], work / student / f"{NOTEBOOK}.ipynb")
        submit(root, student, ASSIGNMENT, path, NOTEBOOK, timestamp=STAMPS[student])
    submit(root, "bob", ASSIGNMENT, course.release_path(ASSIGNMENT, NOTEBOOK), NOTEBOOK, timestamp=STAMPS["bob"])
    submit(root, "dave", ASSIGNMENT, None, NOTEBOOK, timestamp=STAMPS["dave"], raw="{ kaputt")
    return root


def graded_class(tmp_path_factory, course):
    """(course, batch report) of the autograded class; built on first use in this process."""
    if "class" not in _CACHE:
        from autograder.grading.batch import autograde
        from autograder.course import load_course

        root = build_class(tmp_path_factory.mktemp("klasse"), course)
        c = load_course(root)
        report = autograde(c, ASSIGNMENT, workers=2, progress=False)
        assert not report.failed and len(report.graded) == 6, report.failed
        _CACHE["class"] = (c, report)
    return _CACHE["class"]


def gradebook_scores(c) -> dict[str, dict]:
    """student -> raw score, penalty and final score, read straight from nbgrader's gradebook."""
    from autograder.gradebook import adapter as nbgrader_adapter

    out = {}
    with nbgrader_adapter.gradebook(c) as gb:
        for sub in gb.assignment_submissions(ASSIGNMENT):
            penalty = sub.late_submission_penalty or 0.0
            out[sub.student.id] = {"raw": sub.score, "penalty": penalty, "score": max(0.0, sub.score - penalty),
                                   "max": sub.max_score}
    return out
