"""The similarity check finds a planted copy among honest submissions and compares only students' own work."""

import json
import re
import shutil

import pytest

from autograder.reports import similarity
from autograder.cli import main
from autograder.course import load_course
from conftest import make_course, submit
from fixturelib import build_notebook, fixtures

A = NB = "04_cnn"
MANUAL = ["frage_vollvernetzt", "frage_rezeptive_felder", "frage_kanten"]
TEXTS = {
    "s_ref": ["Eine Dense-Schicht braucht für jedes Pixel ein eigenes Gewicht je Neuron, bei 256x256 Pixeln sind "
              "das viele Millionen Parameter.",
              "Lokale rezeptive Felder reichen für Kanten und Ecken; das spart Gewichte.",
              "Man faltet das Bild mit einem vertikalen und einem horizontalen Kantenfilter und vergleicht die "
              "Beträge."],
    "s_loops": ["Zu viele Gewichte: 65536 Eingänge mal 1000 Neuronen ergibt rund 65 Millionen Parameter, das Netz "
                "überfittet leicht und die Nachbarschaft der Pixel geht beim Flachklopfen verloren.",
                "Weil benachbarte Pixel zusammengehören, genügt es, kleine Ausschnitte anzusehen; so lernt das Netz "
                "wiederverwendbare Detektoren.",
                "Differenzen benachbarter Pixel in x- und y-Richtung bilden (Sobel) und die Summe der Beträge "
                "vergleichen."],
    "s_vec": ["Vollvernetzt heißt: jedes Neuron sieht alle Pixel, das sind zu viele Verbindungen, und eine "
              "verschobene Katze ist für das Netz ein ganz anderes Bild.",
              "Kleine Felder erkennen einfache Muster überall im Bild, größere Strukturen entstehen in tieferen "
              "Schichten.",
              "Ein Filter [-1, 0, 1] reagiert auf senkrechte Kanten, seine Transponierte auf waagerechte."],
}
RENAMED = {"img": "bild", "ker": "filt", "result": "ergebnis", "total": "summe", "out_h": "hoehe",
           "out_w": "breite", "count": "anzahl", "squeeze": "flach"}


def _notebook(tmp, name, path, texts=None):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if texts and gid in MANUAL:
            cell["source"] = texts[MANUAL.index(gid)]
    target = tmp / "nb" / name / f"{NB}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def cls(tmp_path_factory, course):
    """Honest: the reference, two other styles, two blank notebooks, one unreadable file.
    Planted: s_copy took s_loops' code (variables renamed, comments rewritten) and most of the text."""
    tmp = tmp_path_factory.mktemp("aehnlich")
    root = make_course(tmp, course)
    src, rel = course.source_path(A, NB), course.release_path(A, NB)
    fx = {f.name: f for f in fixtures(A)}
    honest = {"s_ref": src, "s_loops": build_notebook(src, fx["alt_loops"].cells, tmp / "x1" / f"{NB}.ipynb"),
              "s_vec": build_notebook(src, fx["alt_vectorised"].cells, tmp / "x2" / f"{NB}.ipynb")}
    for student, path in honest.items():
        submit(root, student, A, _notebook(tmp, student, path, TEXTS[student]), NB)
    submit(root, "s_blank1", A, rel, NB)
    submit(root, "s_blank2", A, rel, NB)
    submit(root, "s_broken", A, None, NB, raw="{ kein json")
    cells = {}
    for gid, code in fx["alt_loops"].cells.items():
        for old, new in RENAMED.items():
            code = re.sub(rf"\b{old}\b", new, code)
        cells[gid] = re.sub(r"#.*", "# meine eigene Lösung", code)
    texts = [TEXTS["s_loops"][0].replace("rund", "ungefähr"), TEXTS["s_loops"][1],
             "Ich bilde Differenzen benachbarter Pixel in x- und y-Richtung (Sobel) und vergleiche die Summe der "
             "Beträge."]
    copied = build_notebook(src, cells, tmp / "x3" / f"{NB}.ipynb")
    submit(root, "s_copy", A, _notebook(tmp, "s_copy", copied, texts), NB)
    c = load_course(root)
    return c, similarity.check(c, A)


def test_planted_copy_is_the_only_suspicious_pair(cls):
    _, report = cls
    flagged = {(p.kind, frozenset((p.a, p.b))) for p in report.suspicious}
    assert flagged == {("code", frozenset({"s_copy", "s_loops"})), ("text", frozenset({"s_copy", "s_loops"}))}
    top = report.pairs[0]
    assert {top.a, top.b} == {"s_copy", "s_loops"} and top.similarity > 0.9
    honest = [p for p in report.pairs if "s_copy" not in (p.a, p.b)]
    assert honest and max(p.similarity for p in honest) < report.threshold  # independent styles stay apart


def test_only_what_students_wrote_is_compared(cls):
    _, report = cls
    assert report.skipped.keys() == {"s_broken"}  # unreadable: listed, not compared
    # blank notebooks are all template: nothing of their own, so they never pair up
    assert not [p for p in report.pairs if {"s_blank1", "s_blank2"} & {p.a, p.b}]
    code = next(p for p in report.suspicious if p.kind == "code")
    shared = " ".join(re.findall(r"<mark>(.*?)</mark>", code.evidence_a + code.evidence_b, re.S))
    assert "bild" in shared and "img" in shared  # renaming did not hide the copy; evidence shows both sides
    assert "IHR CODE HIER" not in shared and "NotImplementedError" not in shared


def test_cli_writes_evidence_for_a_ta(cls, tmp_path, capsys):
    c, _ = cls
    target = tmp_path / "aehnlich.html"
    assert main(["--course", str(c.root), "similarity", A, "--to", str(target)]) == 0
    out = capsys.readouterr().out
    assert "2 auffällige Paare" in out and ("s_copy ↔ s_loops" in out or "s_loops ↔ s_copy" in out)
    assert "kein Urteil" in out
    html = target.read_text(encoding="utf-8")
    assert html.count("class='pair'") == 2 and "<mark>" in html and "kein Urteil" in html
    data = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
    assert len(data["suspicious"]) == 2 and data["skipped"].keys() == {"s_broken"}


def test_folders_off_the_roster_or_with_unshowable_names_are_not_compared(cls, tmp_path):
    c, _ = cls
    root = tmp_path / "course"
    shutil.copytree(c.root, root, symlinks=True)
    (root / "students.csv").write_text("id,first_name,last_name,email\ns_ref,R,Ef,\ns_loops,L,Oops,\n")
    (root / "submitted" / "s_vec").rename(root / "submitted" / "s_vec\u202e")
    work, skipped = similarity.student_work(load_course(root), A)
    assert sorted(work) == ["s_loops", "s_ref"]
    assert skipped["s_vec?"].startswith("Ordnername mit Steuer-") and "\u202e" not in "".join(skipped)
    assert skipped["s_copy"] == "nicht in der Teilnehmerliste"
