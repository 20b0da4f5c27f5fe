"""PDFs with otter-grader's exporter: the graded-work archive and the free-text answers for Gradescope.

otter-grader's ``otter.export`` turns notebooks into PDFs; its HTML route hands the page to
nbconvert's ``WebPDFExporter``, which launches Playwright's own Chromium download – there is none
offline. :class:`OtterPDFExporter` is otter's ``PDFViaHTMLExporter`` (its notebook loading, cell
filtering by ``<!-- BEGIN QUESTION -->`` comments and page breaks) with the one change that matters
here: the page is the course's German feedback page (:class:`FeedbackPDFExporter`) and Chromium is
the system's (``/usr/bin/chromium``, or ``CHROMIUM`` in ``course_config.py`` / ``AUTOGRADER_CHROMIUM``),
launched with an executable path. Every request the page makes other than ``file:``/``data:`` is
aborted, so a PDF is made without network.

* :func:`archive` – ``autograder archive UNIT``: per student and unit one PDF of the graded
  notebook with its feedback (scores, TA comments, verdicts), for the archive of graded exam
  work German universities must keep.
* :func:`freetext_pdfs` – ``autograder gradescope-pdf UNIT``: per submission one PDF with the
  free-text questions and answers, one question per page, for Gradescope's manual grading
  (upload them to a Gradescope PDF assignment; the autograder zip grades the code).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import copy
import os
import tempfile
from pathlib import Path

import nbformat
from nbconvert.exporters import WebPDFExporter
from otter.export.exporters.via_html import PDFViaHTMLExporter

from autograder.course import Course
from autograder.errors import AutograderError
from autograder.gradebook.feedback import HideTutorNotes, german_grades
from autograder.gradebook.html import FeedbackExporter, inert_markdown
from autograder.notebook import NotebookError, cell_source, read_notebook
from autograder.textfmt import showable

DEFAULT_CHROMIUM = "/usr/bin/chromium"
BEGIN, END = "<!-- BEGIN QUESTION -->", "<!-- END QUESTION -->"


class PDFError(AutograderError):
    pass


def chromium_path(course: Course | None = None) -> str:
    path = os.environ.get("AUTOGRADER_CHROMIUM") or (course.setting("CHROMIUM") if course else None) \
        or DEFAULT_CHROMIUM
    if not Path(path).is_file():
        raise PDFError(f"no Chromium at {path} (apt-get install chromium, or set CHROMIUM in course_config.py)")
    return str(path)


class FeedbackPDFExporter(WebPDFExporter, FeedbackExporter):
    """nbconvert's WebPDF with the feedback page, printed by the system's Chromium, offline."""

    chromium = DEFAULT_CHROMIUM
    blocked: list[str]

    def run_playwright(self, html):
        self.blocked = []

        async def main(path: str):
            from playwright.async_api import async_playwright

            playwright = await async_playwright().start()
            try:
                browser = await playwright.chromium.launch(
                    executable_path=self.chromium, headless=True, handle_sigint=False, handle_sigterm=False,
                    handle_sighup=False,
                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                          "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"])
                try:
                    page = await browser.new_page()

                    async def only_local(route):
                        if route.request.url.startswith(("file:", "data:", "about:")):
                            await route.continue_()
                        else:
                            self.blocked.append(route.request.url)
                            await route.abort()

                    await page.route("**/*", only_local)
                    await page.emulate_media(media="print")
                    await page.goto(f"file://{path}", wait_until="load")
                    return await page.pdf(format="A4", print_background=True,
                                          margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
                finally:
                    await browser.close()
            finally:
                await playwright.stop()

        with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as tmp:
            tmp.write(html.encode("utf-8"))
        try:
            with concurrent.futures.ThreadPoolExecutor(1) as pool:
                return pool.submit(asyncio.run, main(tmp.name)).result()
        finally:
            os.unlink(tmp.name)


class OtterPDFExporter(PDFViaHTMLExporter):
    """otter-grader's HTML-route exporter, printing the course's page with the system's Chromium."""

    @classmethod
    def convert_notebook(cls, nb_path: str, dest: str, *, chromium: str = DEFAULT_CHROMIUM,
                         resources: dict | None = None, preprocessors=(), **kwargs) -> str:
        options = {**cls.default_options, **kwargs}
        nb = cls.load_notebook(nb_path, filtering=options["filtering"], pagebreaks=options["pagebreaks"])
        exporter = FeedbackPDFExporter()
        exporter.chromium = chromium
        for pp in preprocessors:
            exporter.register_preprocessor(pp, enabled=True)
        pdf, _ = exporter.from_notebook_node(nb, resources=copy.deepcopy(resources or {}))
        Path(dest).parent.mkdir(parents=True, exist_ok=True)
        Path(dest).write_bytes(pdf)
        return dest


# ------------------------------------------------------------------------------ archive
def archive(course: Course, unit: str, students: list[str] | None = None, target: Path | None = None) -> list[Path]:
    """One PDF per student and unit: the graded notebook with scores, verdicts and TA comments."""
    chromium = chromium_path(course)
    target = target or course.root / "exports" / "archive" / unit
    written = []
    for folder in sorted(course.autograded_dir.glob(f"*/{unit}")):
        student = folder.parent.name
        if students and student not in students:
            continue
        for nb_path in sorted(folder.glob("*.ipynb")):
            resources = {"nbgrader": {"notebook": nb_path.stem, "assignment": unit, "student": student,
                                      "db_url": course.gradebook_url}}
            dest = target / f"{student}_{nb_path.stem}.pdf"
            OtterPDFExporter.convert_notebook(str(nb_path), str(dest), chromium=chromium, resources=resources,
                                              preprocessors=[german_grades(), HideTutorNotes],
                                              filtering=False, pagebreaks=False)
            written.append(dest)
    if not written:
        raise PDFError(f"nothing graded for {unit} (run autograde first)")
    return written


# ------------------------------------------------------------------------------ free text for Gradescope
def freetext_notebook(release: nbformat.NotebookNode, submission: nbformat.NotebookNode | None, student: str,
                      unit: str, manual_ids: list[str]) -> nbformat.NotebookNode:
    """The free-text questions (prompt + the student's answer), marked for otter's filter, one per page."""
    answers = {}
    for cell in (submission.cells if submission is not None else []):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in manual_ids and gid not in answers:
            answers[gid] = cell_source(cell)
    nb = nbformat.v4.new_notebook()
    nb.metadata = copy.deepcopy(release.metadata)
    cover = nbformat.v4.new_markdown_cell(f"{BEGIN}\n\n# {unit}: Freitext-Antworten\n\n"
                                          f"Abgabe von **{student}** – {len(manual_ids)} Fragen, je eine pro Seite.\n\n"
                                          f"{END}")
    cells = [cover]
    for i, cell in enumerate(release.cells):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid not in manual_ids:
            continue
        prompt = release.cells[i - 1] if i and release.cells[i - 1].cell_type == "markdown" and not \
            release.cells[i - 1].get("metadata", {}).get("nbgrader", {}).get("solution") else None
        text = "".join(prompt.source) if prompt is not None else ""
        cells.append(nbformat.v4.new_markdown_cell(f"{BEGIN}\n\n{text}"))
        answer = answers.get(gid, "").strip() or "*(keine Antwort abgegeben)*"
        answer_cell = nbformat.v4.new_markdown_cell(f"{inert_markdown(answer)}\n\n{END}")
        answer_cell.metadata["nbgrader"] = {"grade_id": gid, "solution": True, "grade": False}
        cells.append(answer_cell)
    nb.cells = cells
    return nb


def freetext_pdfs(course: Course, unit: str, students: list[str] | None = None,
                  target: Path | None = None) -> list[Path]:
    """Per submission in ``submitted/``: a PDF of its free-text answers for Gradescope's manual grading."""
    from autograder.notebook import load_source

    chromium = chromium_path(course)
    target = target or course.root / "exports" / "gradescope" / unit / "freitext"
    written = []
    for nb_name in course.notebooks(unit):
        manual = [i.grade_id for i in load_source(course.source_path(unit, nb_name)).items if i.kind == "manual"]
        if not manual:
            continue
        release = read_notebook(course.release_path(unit, nb_name))
        for folder in sorted(course.submitted_dir.glob(f"*/{unit}")):
            student = folder.parent.name
            if students and student not in students or not showable(student):
                continue
            path = folder / f"{nb_name}.ipynb"
            if not path.is_file():
                found = sorted(folder.glob("*.ipynb"))
                path = found[0] if len(found) == 1 else path
            try:
                submission = read_notebook(path)
            except NotebookError:
                submission = None
            nb = freetext_notebook(release, submission, student, unit, manual)
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp) / f"{nb_name}.ipynb"
                nbformat.write(nb, str(src))
                dest = target / f"{student}_{nb_name}.pdf"
                OtterPDFExporter.convert_notebook(str(src), str(dest), chromium=chromium,
                                                  resources={"nbgrader": {"notebook": f"{nb_name} (Freitext)",
                                                                          "student": student, "assignment": unit,
                                                                          "score": None, "max_score": None}},
                                                  filtering=True, pagebreaks=True)
            written.append(dest)
    return written
