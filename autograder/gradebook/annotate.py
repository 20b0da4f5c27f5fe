"""The autograded notebook a TA and formgrader see (``autograded/<student>/<assignment>/``).

It is built from the *release* notebook, so hidden tests never appear in it (nbgrader
copies them into the autograded notebook and hence into feedback, #917). Answer
cells get the student's code and its output; each test cell gets the German verdict
of every case as its output. Below every answer a TA grades by hand, a note cell
holds the model answer and rubric from ``source/`` for formgrader; it is marked
``metadata.autograder.tutor_only`` and ``feedback`` removes it (see feedback.py).
A late submission gets a line with its time, the due date and the late policy.

The caller hands over the facts (the notebook to start from, the rubric texts, the late
sentence); nothing here reads the course or guesses it from paths.

What the student wrote stays inert wherever the notebook is rendered (formgrader does not
sanitize): raw HTML in free-text answers and in error messages is escaped
(:func:`~autograder.gradebook.html.inert_markdown`). Tracebacks keep only the student's own
frames: frames of the grader, the sandbox and libraries are dropped and server paths removed
(:func:`student_traceback`).
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat

from autograder.files import write_atomic  # noqa: F401 - also this module's name for it (batch, cli)
from autograder.gradebook.html import inert_markdown
from autograder.notebook import cell_source, read_notebook
from autograder.results import GradeResult

TUTOR_HEADING = "Bewertungshinweise für Tutor:innen"


def _stream(text: str) -> list:
    if not text:
        return []
    return [nbformat.v4.new_output("stream", name="stdout", text=text)]


# ---------------------------------------------------------------------------------- tracebacks
_FRAME_OTHER = re.compile(r"^File (?:\S.*?):\d+(?:, in .*)?$|^File <[^>]*>(?::\d+)?(?:, in .*)?$")
_FRAME_CELL = re.compile(r"^Cell In\[\d*\], line (\d+)(?:, in (.*))?$")


def _server_prefixes() -> list[str]:
    here = Path(__file__).resolve().parents[2]
    prefixes = {str(here), sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(sys.executable),
                tempfile.gettempdir() + os.sep + "autograder-", str(Path.home())}
    return sorted((p.rstrip(os.sep) for p in prefixes if p and p not in (os.sep, "/tmp")), key=len, reverse=True)


_PATH_TOKEN = re.compile(r"[^\s'\":,)]+")  # where a path ends in a traceback line
_SITE = "/site-packages/"


def scrub_paths(text: str) -> str:
    """Server paths (checkout, virtualenv, Python, work folders, home) become ``…``.

    Linear in the text: it is the sandbox's output, and a pattern with nested repetition of path
    segments before ``/site-packages/`` takes quadratic time on ``/a/a/a…`` (seconds per 8 KB).
    """
    for prefix in _server_prefixes():
        text = re.sub(re.escape(prefix) + r"[^\s'\":,)]*", "…", text)
    return _PATH_TOKEN.sub(_scrub_site_packages, text) if _SITE in text else text


def _scrub_site_packages(token: re.Match) -> str:
    """``…/lib/python3.11/site-packages/x.py`` → ``…``: the path from its first slash on."""
    text = token.group()
    site = text.find(_SITE)
    if site < 0:
        return text
    start = site
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "/_.+-"):
        start -= 1
    start = text.find("/", start)
    return text if start == site else text[:start] + "…"


def student_traceback(text: str) -> str:
    """A cell's output with every traceback cut down to the student's own frames, in German.

    IPython prints a frame as ``Cell In[3], line 2`` (the student's code) or ``File /path:59,
    in _on_alarm(...)`` (library, sandbox or grader code). The latter are dropped with their
    context lines and replaced by one note per run of them; paths left anywhere are scrubbed.
    """
    if not text:
        return text
    out, skipping, dropped = [], False, 0
    for line in text.splitlines():
        if _FRAME_OTHER.match(line):
            skipping = True
            dropped += 1
            continue
        if skipping:
            if line.strip() == "":
                continue  # blank line that ends the dropped frame
            if line.startswith((" ", "-", "\t")) and not _FRAME_CELL.match(line):
                continue  # context lines of the dropped frame
            skipping = False
        if dropped:
            out.append(f"[… {dropped} Aufruf{'e' if dropped != 1 else ''} in Bibliotheken oder im "
                       "Bewertungssystem ausgelassen]")
            out.append("")
            dropped = 0
        m = _FRAME_CELL.match(line)
        if m:
            line = f"Ihre Zelle, Zeile {m.group(1)}" + (f", in {m.group(2)}" if m.group(2) else "")
        out.append(line)
    if dropped:
        out.append(f"[… {dropped} Aufruf{'e' if dropped != 1 else ''} in Bibliotheken oder im "
                   "Bewertungssystem ausgelassen]")
    return scrub_paths("\n".join(out) + ("\n" if text.endswith("\n") else ""))


def build(base: nbformat.NotebookNode, result: GradeResult, submission_path: Path | None, *,
          late_sentence: str = "", rubrics: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """The autograded notebook: ``base`` (the release, or a quiz's variant) with the student's
    answers, their outputs and the verdicts; ``rubrics`` (grade_id -> text) become TA-only notes,
    ``late_sentence`` replaces the short penalty line of the summary."""
    nb = copy.deepcopy(base)
    student_sources = {}
    added = []
    if submission_path is not None and submission_path.is_file():
        try:
            sub = read_notebook(submission_path)
            known = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells} - {None}
            for cell in sub.cells:
                gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if gid in known and gid not in student_sources:
                    student_sources[gid] = cell_source(cell)
                elif gid not in known and cell.get("cell_type") == "code" and cell_source(cell).strip():
                    added.append(cell_source(cell))
        except Exception:  # noqa: BLE001 - an unreadable submission keeps the release cells
            pass
    outputs = {run.label: run for run in result.cells}
    items = {item.grade_id: item for item in result.items}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if gid is None:
            continue
        if meta.get("solution"):
            cell.source = student_sources.get(gid, "")
            if cell.cell_type == "markdown":
                cell.source = inert_markdown(cell.source)
        if cell.cell_type != "code":
            continue
        cell.outputs = []
        run = outputs.get(gid)
        if run is not None:
            text = student_traceback(run.output)
            if run.status != "ok" and run.error and run.error.strip() not in text:
                text += ("\n" if text else "") + scrub_paths(run.error)
            cell.outputs = _stream(text)
        if gid in items and items[gid].kind == "autograded":
            item = items[gid]
            cell.outputs = _stream(f"Bewertung: {_de(item.score)} von {_de(item.max_score)} Punkten\n"
                                   f"{scrub_paths(item.feedback_text())}\n")
    if added:
        nb.cells.append(nbformat.v4.new_markdown_cell("### Zusätzliche Zellen der Abgabe"))
        for source in added:
            extra = nbformat.v4.new_code_cell(source)
            extra.metadata["autograder"] = {"student_cell": True}
            nb.cells.append(extra)
    _add_tutor_notes(nb, rubrics or {})
    lines = result.summary_lines()
    if late_sentence:
        lines = [line for line in lines if not line.startswith("Abzug für verspätete Abgabe")] + [late_sentence]
    summary = "\n".join(f"- {inert_markdown(scrub_paths(line))}" for line in lines)
    if summary:
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"**Hinweise der automatischen Bewertung**\n\n{summary}"))
    nb.metadata = copy.deepcopy(nb.metadata)
    nb.metadata["autograder"] = {"status": result.status, "protections": result.protections,
                                 "execution_time": round(result.execution_time, 3)}
    return nb


def _de(value: float) -> str:
    return f"{round(float(value), 2):g}".replace(".", ",")


def _add_tutor_notes(nb, rubrics: dict[str, str]) -> None:
    """After each TA-graded answer: the model answer and rubric of the source notebook (formgrader only)."""
    for i in range(len(nb.cells) - 1, -1, -1):
        gid = nb.cells[i].get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in rubrics and rubrics[gid]:
            quoted = "\n".join(f"> {line}" if line else ">" for line in rubrics[gid].splitlines())
            note = nbformat.v4.new_markdown_cell(
                f"**{TUTOR_HEADING}** zu `{gid}` (nur in formgrader, nicht im Feedback):\n\n{quoted}")
            note.metadata["autograder"] = {"tutor_only": True, "grade_id": gid}
            nb.cells.insert(i + 1, note)


def write(base: nbformat.NotebookNode, result: GradeResult, submission_path: Path | None, target: Path, *,
          late_sentence: str = "", rubrics: dict[str, str] | None = None) -> Path:
    nb = build(base, result, submission_path, late_sentence=late_sentence, rubrics=rubrics)
    write_atomic(target, json.dumps(nb, ensure_ascii=False, indent=1))
    # as nbgrader's autograde does: the submission's time and exchange secret travel with the graded
    # work into feedback/, where `nbgrader release_feedback` needs them
    for name in ("timestamp.txt", "submission_secret.txt"):
        meta = submission_path.parent / name if submission_path is not None else None
        if meta is not None and meta.is_file():
            write_atomic(target.parent / name, meta.read_text(encoding="utf-8", errors="replace"))
    return target
