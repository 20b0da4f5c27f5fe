"""PDFs through otter-grader's exporter and Debian's Chromium: the graded-work archive, free text for Gradescope.

Each PDF is opened again (pypdf) and searched for what it must hold: the student's score and
answers, German frame words; nothing may be fetched from the network while it is printed.
"""

import pytest
from pypdf import PdfReader

from autograder.cli import main
from feedbacklib import A, NB, build

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def graded(tmp_path_factory, course):
    return build(tmp_path_factory.mktemp("pdf"), course)


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_archive_has_one_pdf_per_student_with_score_and_answers(graded, capsys):
    assert main(["--course", str(graded.root), "archive", A]) == 0
    out = capsys.readouterr().out
    pdfs = sorted((graded.root / "exports" / "archive" / A).glob("*.pdf"))
    assert [p.name for p in pdfs] == [f"mallory_{NB}.pdf", f"nina_{NB}.pdf"] and str(pdfs[0]) in out
    text = " ".join(_text(pdfs[1]).split())
    assert "Rückmeldung zu 04_cnn" in text and "Punkte: 22 von 28" in text and "nina" in text
    assert "Lokale Muster, geteilte Gewichte." in text                  # the student's own answer
    assert "noch nicht bewertet" in text and "Bewertung: 6 von 6 Punkten" in text
    assert "Score" not in text and "Bewertungshinweise" not in text
    evil = " ".join(_text(pdfs[0]).split())
    assert "<script>document.title='PWNED'</script>" in evil             # shown as text, not run
    assert "_on_alarm" not in evil and "Ihre Zelle, Zeile 2" in evil


def test_freetext_pdf_per_submission_for_gradescope(graded, capsys):
    from autograder.reports.pdf import FeedbackPDFExporter

    blocked = []
    original = FeedbackPDFExporter.run_playwright

    def spy(self, html):
        try:
            return original(self, html)
        finally:
            blocked.extend(self.blocked)

    FeedbackPDFExporter.run_playwright = spy
    try:
        assert main(["--course", str(graded.root), "gradescope-pdf", A]) == 0
    finally:
        FeedbackPDFExporter.run_playwright = original
    pdfs = sorted((graded.root / "exports" / "gradescope" / A / "freitext").glob("*.pdf"))
    assert [p.name for p in pdfs] == [f"mallory_{NB}.pdf", f"nina_{NB}.pdf"]
    reader = PdfReader(str(pdfs[1]))
    assert len(reader.pages) == 4                                        # cover + one page per question
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "Freitext-Antworten" in pages[0] and "nina" in pages[0]
    assert all("Lokale Muster, geteilte Gewichte." in p for p in pages[1:])
    assert "conv2d" not in " ".join(pages[1:])                           # only the free-text questions
    assert blocked == []                                                 # the pages asked for nothing remote
    evil = " ".join(_text(pdfs[0]).split())
    assert "<img src=x onerror=" in evil and "PWNED" in evil              # mallory's HTML printed as text


def test_the_pdf_browser_fetches_nothing_from_the_network():
    from autograder.reports.pdf import FeedbackPDFExporter

    exporter = FeedbackPDFExporter()
    pdf = exporter.run_playwright("<html><body><p>Hallo</p><img src='http://198.51.100.7/track.png'>"
                                  "<link rel=stylesheet href='https://cdn.example.org/x.css'></body></html>")
    assert pdf.startswith(b"%PDF")
    assert sorted(exporter.blocked) == ["http://198.51.100.7/track.png", "https://cdn.example.org/x.css"]
