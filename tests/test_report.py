"""The class report: one HTML page with embedded plots, built from gradebook and run records."""

import base64
import json
import re

import pytest

from autograder.reports import report
from autograder.cli import main
from autograder.gradebook.scores import FinalScore
from classlib import ASSIGNMENT, graded_class


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course):
    return graded_class(tmp_path_factory, course)[0]


@pytest.mark.slow
def test_report_html_embeds_its_plots(graded, tmp_path, capsys):
    target = tmp_path / "bericht.html"
    assert main(["--course", str(graded.root), "report", ASSIGNMENT, "--to", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    html = target.read_text(encoding="utf-8")
    images = re.findall(r"src='data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)'", html)
    assert len(images) == 5
    for data in images:
        svg = base64.b64decode(data)
        assert svg.startswith(b"<?xml") and b"<svg" in svg and b"<script" not in svg
        assert b"<text" in svg  # labels as text (svg.fonttype none), not drawn glyphs
    for title in ("Punkteverteilung", "Punkte je Aufgabe", "Testfälle, an denen die meisten scheitern",
                  "Bewertungszeit je Abgabe", "Verspätete Abgaben", "Alle Abgaben"):
        assert f"<h2>{title}</h2>" in html
    assert "src='http" not in html and "<script" not in html  # self-contained: nothing loaded from elsewhere


@pytest.mark.slow
def test_report_shows_where_the_class_struggles(graded):
    data = report.collect(graded, ASSIGNMENT)
    assert sorted(s.student for s in data.submissions) == ["alice", "bob", "carol", "dave", "erin", "frank"]
    cases = report.failing_cases(data, top=50)
    wrong = {c["item"] for c in cases if c["students"]}
    # erin's flipped kernel and frank's forgotten bias / rounding are wrong answers, with their messages
    assert {"test_conv2d", "test_conv2d_params", "test_conv_output_shape"} <= wrong
    params = next(c for c in cases if c["item"] == "test_conv2d_params" and c["students"])
    assert "Falscher Wert" in params["message"]
    # bob's blank notebook counts as not attempted, not as a wrong answer
    assert all(c["not_attempted"] >= 1 for c in cases if c["item"] == "test_build_lenet5")
    html = report.render(graded, data)
    late = html.split("<h2>Verspätete Abgaben</h2>")[1].split("</table>")[0]
    assert "carol" in late and "<td class='num'>2</td>" in late and "−4,4" in late
    # 12:00 UTC is 13:00 in the course time zone (Europe/Berlin), where the deadline is 23:59
    assert "10.01.2027 13:00" in late and "08.01.2027 23:59" in late and "2027-01" not in html
    assert "je angefangenem Tag" in html  # the late policy from course_config.py
    problems = html.split("<h2>Probleme je Abgabe</h2>")[1].split("</table>")[0]
    assert "dave" in problems and "ungültig" in problems and "carol" in problems and "verspätet" in problems


def test_failing_cases_separates_wrong_from_not_attempted():
    def sub(student, *cases):
        s = report.Submission(student, FinalScore(ASSIGNMENT, "", student, submitted=True))
        s.cases = [{"item": "t", "case_id": cid, "label": cid, "fraction": f, "message": m} for cid, f, m in cases]
        return s

    data = report.ClassData(ASSIGNMENT, "", [("t", "autograded", 2.0)], [
        sub("a", ("t#1", 0.0, "Falscher Wert: erwartet 3, erhalten 4."), ("t#2", 1.0, "")),
        sub("b", ("t#1", 0.0, "Falscher Wert: erwartet 3, erhalten 5."), ("t#2", 0.0, "Falscher Wert: x")),
        sub("c", ("t#1", 0.0, "'f' ist noch nicht implementiert (NotImplementedError)."),
            ("t#2", 0.0, "Nicht ausgeführt: Zeitlimit")),
    ])
    cases = report.failing_cases(data)
    assert [(c["case_id"], c["students"], c["not_attempted"]) for c in cases] == [("t#1", 2, 1), ("t#2", 1, 1)]
    assert cases[0]["message"].startswith("Falscher Wert: erwartet 3")


def test_every_problem_of_a_submission_is_listed(tmp_path, course):
    from conftest import make_course
    from autograder.course import load_course

    c = load_course(make_course(tmp_path, course))
    folder = c.submitted_dir / "rita" / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / "04_cnn.ipynb").write_text("{}")   # renamed by import-moodle, which wrote down the upload's name
    (folder / "moodle.json").write_text(json.dumps({"renamed": {"04_cnn.ipynb": "meine_loesung.ipynb"}}))
    raw = {"status": "timeout", "message": "Zeitlimit des Notebooks überschritten",
           "problems": ["Die Antwortzelle 'conv2d' fehlt in der Abgabe."],
           "cells": [{"label": "conv2d", "status": "error", "error": "  File \"<x>\", line 1\nSyntaxError: invalid syntax"},
                     {"label": "max_pool2d", "status": "timeout", "error": "CellTimeout: Zeitlimit überschritten"},
                     {"label": "setup", "status": "error", "error": "ModuleNotFoundError: No module named 'x'"}]}
    problems = report.run_problems(raw) + report._file_problems(c, "rita", ASSIGNMENT, "04_cnn")
    assert problems == ["Zeitlimit: Zeitlimit des Notebooks überschritten", "Syntaxfehler in Zelle 'conv2d'",
                        "Zeitlimit in Zelle 'max_pool2d'", "Fehler in Zelle 'setup': ModuleNotFoundError",
                        "Die Antwortzelle 'conv2d' fehlt in der Abgabe.",
                        "Datei umbenannt: abgegeben als meine_loesung.ipynb, erwartet 04_cnn.ipynb"]
    for status in ("crashed", "protocol", "memory", "invalid"):
        assert report.run_problems({"status": status, "message": "x"})[0].startswith(report.STATUS_DE[status])


def test_histogram_has_integer_counts_and_german_numbers(monkeypatch):
    sub = lambda n, score: report.Submission(n, FinalScore(ASSIGNMENT, "", n, submitted=True, score=score,  # noqa: E731
                                                           max_score=28.0))
    data = report.ClassData(ASSIGNMENT, "", [("t", "autograded", 2.0)], [sub("a", 16.03), sub("b", 22.0)])
    captured = {}
    original = report._svg

    def grab(fig):
        captured["fig"] = fig
        return original(fig)

    monkeypatch.setattr(report, "_svg", grab)
    report.plot_distribution(data)
    ax = captured["fig"].axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks and all(t.lstrip("-").isdigit() for t in ticks)               # 0, 1, 2 – never 0.5
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Mittelwert 19", "Median 19"] or all("," in t or t.split()[-1].isdigit() for t in legend)
    assert all("." not in t.get_text() for t in ax.get_xticklabels())
