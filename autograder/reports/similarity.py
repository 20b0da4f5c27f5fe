"""``similarity ASSIGNMENT``: pairs of submissions that share unusually much of what students wrote.

Only the students' own work is compared: the code of the answer cells (and code cells
they added) and the text of the free-text answers, taken from ``submitted/`` the way the
grader reads it (``notebook.plan_execution``). Everything the release notebook provides
(stubs, signatures, docstrings, given code, question texts) is *boilerplate*: its
fingerprints are removed before comparing, so two blank or barely started notebooks do
not look alike.

Fingerprints come from copydetect (winnowing over k-grams; code is tokenised first, so
renamed variables and changed comments do not hide a copy). For every pair the share of
each document that also occurs in the other is computed; pairs above the threshold are
listed with the shared passages highlighted. This is evidence for a TA to look at, not a
verdict: short standard solutions can coincide honestly.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from autograder.course import Course
from autograder.notebook import NotebookError, load_source, plan_execution, read_notebook, strip_solutions
from autograder.grading.submissions import discover
from autograder.textfmt import shown_name, showable

KINDS = {"code": "Code der Antwortzellen", "text": "Freitext-Antworten"}
TEXT_STUB = "IHRE ANTWORT HIER"  # ClearSolutions.text_stub in course_config.py


@dataclass
class Document:
    student: str
    kind: str              # "code" or "text"
    text: str
    fingerprint: object = None

    @property
    def coverage(self) -> float:
        return float(getattr(self.fingerprint, "token_coverage", 0) or 0)


@dataclass
class Pair:
    kind: str
    a: str
    b: str
    share_a: float         # part of a's own (non-template) work that also occurs in b
    share_b: float
    shared_tokens: int
    evidence_a: str = ""   # HTML, shared passages marked
    evidence_b: str = ""

    @property
    def similarity(self) -> float:
        return max(self.share_a, self.share_b)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "a": self.a, "b": self.b, "share_a": round(self.share_a, 3),
                "share_b": round(self.share_b, 3), "shared_tokens": int(self.shared_tokens)}


@dataclass
class SimilarityReport:
    assignment: str
    threshold: float
    min_tokens: int
    pairs: list[Pair] = field(default_factory=list)        # every compared pair, most similar first
    skipped: dict[str, str] = field(default_factory=dict)  # student -> why not compared
    students: list[str] = field(default_factory=list)

    @property
    def suspicious(self) -> list[Pair]:
        return [p for p in self.pairs if p.similarity >= self.threshold and p.shared_tokens >= self.min_tokens]

    def to_dict(self) -> dict:
        return {"assignment": self.assignment, "threshold": self.threshold, "min_tokens": self.min_tokens,
                "students": self.students, "skipped": self.skipped,
                "suspicious": [p.to_dict() for p in self.suspicious],
                "top": [p.to_dict() for p in self.pairs[:50]]}


# -- what students wrote -----------------------------------------------------------------

def _header(notebook: str, label: str) -> str:
    return f"# --- {notebook}: {label} ---\n"


def student_work(course: Course, assignment: str) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """student -> {"code": ..., "text": ...} from ``submitted/``; and student -> reason if unreadable."""
    work, skipped = {}, {}
    sources = {nb: load_source(course.source_path(assignment, nb)) for nb in course.notebooks(assignment)}
    stubs = _release_cells(course, assignment)
    roster = course.roster()
    known = None if roster is None else {s.id for s in roster}
    for sub in discover(course, assignment):
        if not showable(sub.student):
            skipped[shown_name(sub.student)] = "Ordnername mit Steuer-, Richtungs- oder unlesbaren Zeichen"
            continue
        if known is not None and sub.student not in known:
            skipped[sub.student] = "nicht in der Teilnehmerliste"
            continue
        code, text, problems, readable = [], [], [], 0
        for nb_name, source in sources.items():
            path = sub.notebooks.get(nb_name)
            if path is None or not path.is_file():
                problems.append(f"{nb_name}.ipynb fehlt")
                continue
            try:
                plan = plan_execution(source, read_notebook(path))
            except NotebookError as exc:
                problems.append(str(exc))
                continue
            if plan.foreign:
                problems.append(f"{nb_name}.ipynb gehört nicht zu dieser Aufgabe")
                continue
            readable += 1
            given = stubs.get(nb_name, {})
            for gid, cell in plan.student_cells.items():
                if cell.strip() != given.get(gid, "").strip():  # unchanged stubs are not their work
                    code.append(_header(nb_name, gid) + cell.rstrip() + "\n")
            for label, cell in plan.code_cells:
                if label.startswith("eigene Zelle"):
                    code.append(_header(nb_name, "eigene Zelle") + cell.rstrip() + "\n")
            for gid, answer in plan.answers.items():
                if answer.strip() and answer.strip() != given.get(gid, "").strip():
                    text.append(answer.strip() + "\n")
        if problems and not readable:   # nothing to read at all; a blank notebook is read (and matches nobody)
            skipped[sub.student] = "; ".join(problems)
            continue
        work[sub.student] = {"code": "\n".join(code), "text": "\n\n".join(text)}
    return work, skipped


def _template_notebook(course: Course, assignment: str, notebook: str):
    """The notebook students start from: the release, else the source with its solutions stubbed out."""
    path = course.release_path(assignment, notebook)
    if path.is_file():
        return read_notebook(path)
    nb = read_notebook(course.source_path(assignment, notebook))
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            # as nbgrader's ClearSolutions does with course_config.py's stubs
            cell.source = strip_solutions("".join(cell.source)) if cell.cell_type == "code" else TEXT_STUB
    return nb


def _release_cells(course: Course, assignment: str) -> dict[str, dict[str, str]]:
    """notebook -> grade_id -> source of the template notebook (the stubs students start from)."""
    cells = {}
    for nb_name in course.notebooks(assignment):
        nb = _template_notebook(course, assignment, nb_name)
        cells[nb_name] = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id"): "".join(c.get("source", ""))
                          for c in nb.cells}
    return cells


def template_parts(course: Course, assignment: str) -> dict[str, list[str]]:
    """What the template gives every student: code cells and markdown, per kind."""
    parts = {"code": [], "text": []}
    for nb_name in course.notebooks(assignment):
        nb = _template_notebook(course, assignment, nb_name)
        for cell in nb.cells:
            source = "".join(cell.get("source", ""))
            if not source.strip():
                continue
            if cell.get("cell_type") == "code":
                parts["code"].append(source)
            else:
                parts["text"].append(source)
        gids = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells]
        parts["code"].append("\n".join(_header(nb_name, g) for g in gids if g))
        parts["code"].append(_header(nb_name, "eigene Zelle"))
    return parts


# -- comparison ----------------------------------------------------------------------------

def _fingerprint(text: str, kind: str, k: int, window: int, boilerplate=None):
    from copydetect import CodeFingerprint

    name = "answer.py" if kind == "code" else "answer.txt"
    return CodeFingerprint(name, k, window, boilerplate=boilerplate, filter=kind == "code",
                           language="python" if kind == "code" else None, fp=io.StringIO(text))


def _evidence(raw: str, slices) -> str:
    from copydetect.utils import highlight_overlap

    if slices is None or len(slices) == 0 or slices.shape[-1] == 0:
        return html.escape(raw)
    marked, _ = highlight_overlap(raw, slices, "<mark>", "</mark>", truncate=4, escape_html=True)
    return marked


def check(course: Course, assignment: str, threshold: float = 0.5, noise: int = 25, guarantee: int = 30,
          min_tokens: int = 60) -> SimilarityReport:
    """Compare every pair of submissions, code with code and text with text.

    ``noise``: shorter matches (in tokens of filtered code / characters of text) are ignored;
    ``guarantee``: matches at least this long are always found; ``min_tokens``: a pair needs at
    least this much shared material to be listed as suspicious.
    """
    from copydetect import compare_files

    course.assignment(assignment)
    root_logger = logging.getLogger()
    level = root_logger.level
    root_logger.setLevel(max(level, logging.ERROR))  # copydetect warns on the root logger for every text document
    try:
        return _check(course, assignment, threshold, noise, guarantee, min_tokens, compare_files)
    finally:
        root_logger.setLevel(level)


def _check(course, assignment, threshold, noise, guarantee, min_tokens, compare_files) -> SimilarityReport:
    report = SimilarityReport(assignment, threshold, min_tokens)
    work, report.skipped = student_work(course, assignment)
    report.students = sorted(work)
    template = template_parts(course, assignment)
    window = max(1, guarantee - noise + 1)
    for kind in KINDS:
        hashes = []
        for part in template[kind]:
            hashes.extend(_fingerprint(part, kind, noise, 1).hashes)
        boilerplate = np.unique(np.array(sorted(hashes), dtype=np.int64)) if hashes else np.array([], dtype=np.int64)
        docs = []
        for student in report.students:
            text = work[student][kind]
            if not text.strip():
                continue
            doc = Document(student, kind, text, _fingerprint(text, kind, noise, window, boilerplate))
            if doc.coverage >= noise:  # something of their own beyond the template
                docs.append(doc)
        for da, db in itertools.combinations(docs, 2):
            overlap, (share_a, share_b), (slices_a, slices_b) = compare_files(da.fingerprint, db.fingerprint)
            if not overlap:
                continue
            report.pairs.append(Pair(kind, da.student, db.student, float(share_a), float(share_b), int(overlap),
                                     _evidence(da.text, slices_a), _evidence(db.text, slices_b)))
    report.pairs.sort(key=lambda p: (-p.similarity, -p.shared_tokens, p.kind, p.a, p.b))
    return report


# -- output ----------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1300px; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
td, th { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }
.pair { border: 1px solid #bbb; border-radius: 6px; margin: 1.5em 0; padding: 0.5em 1em; }
.cols { display: flex; gap: 1em; }
.cols > div { flex: 1; min-width: 0; }
pre { background: #f7f7f7; padding: 0.6em; overflow-x: auto; font-size: 12px; white-space: pre-wrap; }
mark { background: #ffd27f; }
.note { color: #555; }
"""


def write_html(report: SimilarityReport, target: Path, course_title: str = "") -> Path:
    esc = html.escape
    out = [f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'>"
           f"<title>Ähnlichkeit {esc(report.assignment)}</title><style>{_CSS}</style></head><body>",
           f"<h1>Ähnlichkeitsprüfung: {esc(report.assignment)}</h1>",
           f"<p class='note'>{esc(course_title)}</p>" if course_title else "",
           "<p class='note'>Verglichen wird nur, was Studierende selbst geschrieben haben (Code der "
           "Antwortzellen, eigene Zellen, Freitext-Antworten); alles, was das Release-Notebook vorgibt, ist "
           "herausgerechnet. Code wird vor dem Vergleich normalisiert (Namen, Kommentare, Zeichenketten), "
           "umbenannte Variablen verbergen also keine Übereinstimmung. <b>Die Liste ist ein Hinweis für "
           "Tutor:innen, kein Urteil:</b> kurze Standardlösungen können unabhängig gleich ausfallen.</p>",
           f"<p>{len(report.students)} Abgaben verglichen; Schwelle: {report.threshold:.0%} Anteil gemeinsamer "
           f"Inhalte und mindestens {report.min_tokens} gemeinsame Token.</p>"]
    if report.skipped:
        out.append("<p>Nicht verglichen: " + "; ".join(f"{esc(s)} ({esc(r)})" for s, r in
                                                        sorted(report.skipped.items())) + "</p>")
    out.append("<h2>Auffällige Paare</h2>")
    if not report.suspicious:
        out.append("<p>Keine Paare über der Schwelle.</p>")
    else:
        out.append("<table><tr><th>#</th><th>Art</th><th>A</th><th>B</th><th>Anteil von A in B</th>"
                   "<th>Anteil von B in A</th><th>gemeinsame Token</th></tr>")
        for n, p in enumerate(report.suspicious, 1):
            out.append(f"<tr><td><a href='#pair{n}'>{n}</a></td><td>{esc(KINDS[p.kind])}</td><td>{esc(p.a)}</td>"
                       f"<td>{esc(p.b)}</td><td>{p.share_a:.0%}</td><td>{p.share_b:.0%}</td>"
                       f"<td>{p.shared_tokens}</td></tr>")
        out.append("</table>")
        for n, p in enumerate(report.suspicious, 1):
            out.append(f"<div class='pair' id='pair{n}'><h3>{n}. {esc(p.a)} ↔ {esc(p.b)} "
                       f"({esc(KINDS[p.kind])}, {p.similarity:.0%})</h3><div class='cols'>"
                       f"<div><b>{esc(p.a)}</b> ({p.share_a:.0%} gemeinsam)<pre>{p.evidence_a}</pre></div>"
                       f"<div><b>{esc(p.b)}</b> ({p.share_b:.0%} gemeinsam)<pre>{p.evidence_b}</pre></div>"
                       f"</div></div>")
    rest = [p for p in report.pairs if p not in report.suspicious][:20]
    if rest:
        out.append("<h2>Die nächsten Paare unter der Schwelle (zur Einordnung)</h2><table><tr><th>Art</th>"
                   "<th>A</th><th>B</th><th>Anteil von A in B</th><th>Anteil von B in A</th>"
                   "<th>gemeinsame Token</th></tr>")
        for p in rest:
            out.append(f"<tr><td>{esc(KINDS[p.kind])}</td><td>{esc(p.a)}</td><td>{esc(p.b)}</td>"
                       f"<td>{p.share_a:.0%}</td><td>{p.share_b:.0%}</td><td>{p.shared_tokens}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(out), encoding="utf-8")
    target.with_suffix(".json").write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False),
                                           encoding="utf-8")
    return target
