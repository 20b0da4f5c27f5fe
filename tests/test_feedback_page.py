"""The feedback page students read: German frame, honest pending items, offline formulas, inert student text.

Built from a class graded by hand (``feedbacklib``), rendered by nbgrader's
``generate_feedback`` with the course's exporter – the same path as ``autograder feedback``
and formgrader's feedback button. The browser half of these checks is in
``test_feedback_browser.py``.
"""

import re

import pytest

from autograder.gradebook import adapter, annotate
from autograder.gradebook.feedback import FeedbackError, generate, hidden_test_leaks
from autograder.gradebook.html import inert_markdown, markdown_to_html, tex_to_mathml
from conftest import ROOT
from feedbacklib import A, NB, build

ENGLISH_FRAME = ["Score", "Written response", "Test cell", "Student's answer", "Coding free-response", "Comments",
                 "Late submission penalty", "In&nbsp;[", "In [", "Out[", "(Top)", "No response"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course):
    return build(tmp_path_factory.mktemp("feedback"), course)


@pytest.fixture(scope="module")
def pages(graded):
    return {p.parts[-3]: p.read_text(encoding="utf-8") for p in generate(graded, A)}


def test_german_frame_and_pending_items(pages):
    page = pages["nina"]
    for word in ENGLISH_FRAME:
        assert word not in page, word
    assert "<html lang=\"de\">" in page and "Rückmeldung zu 04_cnn" in page
    assert "Punkte: 22 von 28" in page                      # autograded points; manual ones still open
    assert page.count("noch nicht bewertet") >= 3           # each free-text answer, not "0.0 / 2.0"
    assert "3 Antworten noch nicht bewertet (bis zu 6 Punkte offen)" in " ".join(page.split())
    assert "Testzelle <code>test_conv2d</code>" in page and "Ihre Antwort (Freitext-Antwort)" in page
    assert "Bewertungshinweise für Tutor:innen" not in page


def test_manual_grade_override_and_comment_in_german(graded):
    with adapter.gradebook(graded) as gb:
        gb.find_grade("frage_kanten", NB, A, "nina").manual_score = 1.5
        gb.find_grade("test_conv2d_params", NB, A, "nina").manual_score = 1.0   # a TA overrides the tests
        gb.find_comment("frage_kanten", NB, A, "nina").manual_comment = "**Gut** begründet."
        gb.db.commit()
    page = generate(graded, A, "nina")[0].read_text(encoding="utf-8")
    assert "1,5 von 2 Punkten" in page and "Kommentar der Tutor:innen" in page and "<strong>Gut</strong>" in page
    assert "1 von 3 Punkten <span class=\"override\">(von Tutor:innen angepasst)</span>" in page
    assert "Punkte: 21,5 von 28" in page                  # 22 - 3 + 1 (override) + 1,5 (TA)
    assert "2 Antworten noch nicht bewertet (bis zu 4 Punkte offen)" in " ".join(page.split())


def test_formulas_are_mathml_and_nothing_is_loaded(pages):
    page = pages["nina"]
    assert page.count("<math") > 5 and "<mfrac>" in page             # the notebook's formulas, rendered
    assert not re.search(r"<(script|link|iframe|object|embed)\b", page)
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page.replace('href="#', ""))
    assert "mathjax" not in page.lower() and "cdn" not in page.lower()
    assert "default-src 'none'" in page                               # the browser may not fetch anything


def test_student_html_stays_inert_and_tracebacks_show_only_own_frames(pages):
    page = pages["mallory"]
    assert "&lt;script&gt;document.title" in page and "<script" not in page
    assert not re.search(r"<img[^>]*(onerror|198\.51)", page)          # no live tag, no remote image
    assert "&lt;img src=x onerror=" in page                            # shown as the text it was
    assert "<mfrac>" in page                                          # the student's own formula still renders
    assert "Ihre Zelle, Zeile 2" in page and "Zeitlimit überschritten" in page
    assert "_on_alarm" not in page and "sandbox" not in page and str(ROOT) not in page
    assert "Aufruf in Bibliotheken oder im Bewertungssystem ausgelassen" in page
    assert "Falscher Wert: erwartet" in page                          # feedback keeps the hidden case's message


def test_a_forged_hidden_marker_in_an_answer_does_not_block_feedback(graded, pages):
    assert set(pages) == {"mallory", "nina"}                          # mallory wrote ### BEGIN HIDDEN TESTS
    nb = annotate.read_notebook(graded.autograded_dir / "nina" / A / f"{NB}.ipynb")
    assert hidden_test_leaks(nb, graded.source_path(A, NB)) == []
    test_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_conv2d")
    test_cell.source += "\n### BEGIN HIDDEN TESTS\ncheck('conv2d', img_7x7, k)\n"   # a real leak is still caught
    assert hidden_test_leaks(nb, graded.source_path(A, NB))
    path = graded.autograded_dir / "nina" / A / f"{NB}.ipynb"
    original = path.read_text(encoding="utf-8")
    try:
        annotate.write_atomic(path, __import__("json").dumps(nb))
        with pytest.raises(FeedbackError):
            generate(graded, A, "nina")
    finally:
        path.write_text(original, encoding="utf-8")


def test_autograded_notebook_for_formgrader_is_inert_too(graded):
    nb = annotate.read_notebook(graded.autograded_dir / "mallory" / A / f"{NB}.ipynb")
    answers = [c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")
               and c.cell_type == "markdown"]
    assert answers and all("\\<script>" in a and "<script>" not in a.replace("\\<script>", "") for a in answers)
    outputs = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "Ihre Zelle, Zeile 2" in outputs and "_on_alarm" not in outputs and str(ROOT) not in outputs


def test_inert_markdown_keeps_code_and_math():
    text = "a <b>fett</b> `<i>code</i>` $x<y$\n```\n<script>\n```\n> Zitat"
    out = inert_markdown(text)
    assert "\\<b>" in out and "`<i>code</i>`" in out and "```\n<script>\n```" in out and "> Zitat" in out
    html = markdown_to_html(out)
    assert "&lt;b&gt;fett" in html and "<code>&lt;i&gt;code&lt;/i&gt;</code>" in html and "<blockquote>" in html


def test_tex_to_mathml_refuses_html_smuggled_in_text():
    assert tex_to_mathml(r"\text{<script>alert(1)</script>}") is None
    assert "<mfrac>" in tex_to_mathml(r"\frac{1}{2}")
    html = markdown_to_html(r"Bruch $\text{<img src=x onerror=alert(1)>}$ Ende")
    assert "<img" not in html and "onerror" in html                     # shown as escaped TeX source


def test_quiz_markdown_keeps_its_folded_english_and_matrices(course):
    from autograder.quiz import render
    from autograder.quiz.course import load_quiz

    nb = render.notebook(load_quiz(course, "q3_cnn"), "s01")
    source = next(c.source for c in nb.cells if c.cell_type == "markdown" and "pmatrix" in c.source)
    html = markdown_to_html(source)
    folded = html.split("<details><summary>English</summary>")[1]
    assert "Question 3" in folded.split("</details>")[0]          # the English stays inside <details>
    shown = re.sub(r"<annotation.*?</annotation>", "", html, flags=re.S)
    assert html.count("<mtable>") == 8 and "\\begin{pmatrix}" not in shown


def test_plain_nbgrader_generate_feedback_writes_the_same_german_page(graded, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    run = subprocess.run([sys.executable, "-m", "nbgrader", "generate_feedback", A, "--student=nina", "--force"],
                         cwd=graded.root, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    page = (graded.feedback_dir / "nina" / A / f"{NB}.html").read_text(encoding="utf-8")
    assert "Rückmeldung zu 04_cnn" in page and "noch nicht bewertet" in page and "Score" not in page
    assert "Bewertungshinweise für Tutor:innen" not in page and "<math" in page


def test_output_images_get_a_german_alt_text_and_repeated_cells_render_alike():
    import nbformat

    from autograder.gradebook.html import FeedbackExporter

    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Die Formel $k^2 c$ und **fett**."),
        nbformat.v4.new_code_cell("plt.plot([1, 2])", outputs=[nbformat.v4.new_output(
            "display_data", data={"image/png": png, "text/plain": "<Figure>"})]),
        nbformat.v4.new_code_cell("x = 1 < 2", outputs=[nbformat.v4.new_output(
            "display_data", data={"image/png": png}, metadata={"image/png": {"alt": "Verlust je Epoche"}})])])
    exporter = FeedbackExporter()
    grades = {"student": "nina", "assignment": A, "notebook": NB, "score": 1.0, "max_score": 2.0,
              "late_penalty": 0.0, "pending_count": 0, "pending_points": 0.0}
    first, _ = exporter.from_notebook_node(nb, {"nbgrader": dict(grades)})
    second, _ = exporter.from_notebook_node(nb, {"nbgrader": dict(grades)})  # the same cells for every student
    assert first == second
    assert first.count('alt="Grafik aus der Ausgabe der Zelle"') == 1 and 'alt="Verlust je Epoche"' in first
    assert "No description" not in first and f"data:image/png;base64,{png}" in first
    assert "<mfrac>" not in first and "<msup>" in first and "<strong>fett</strong>" in first
    assert "&lt;" in first and "x = 1 < 2" not in first               # code is highlighted and escaped
