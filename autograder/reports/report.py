"""``report UNIT``: one HTML page for the instructor – where does the class struggle (exercise or quiz)?

Sources: the gradebook (final scores with the TAs' manual grades and the late penalty,
through ``exports.final_scores``) and the run records of ``autograde``
(``autograded/<student>/<assignment>/<notebook>.results.json``: per-case verdicts,
messages, grading time, status). The page is self-contained (plots embedded as PNG):

* score distribution,
* points per question: mean share per question (bars) and a heat map student × question,
* the test cases most students fail, with the most frequent German message for each,
* grading time per submission (coloured by outcome),
* tables: every submission, every problem per student (syntax errors, timeouts, crashes,
  protocol violations, invalid or renamed files, late and missing submissions), late
  submissions with the applied policy.

Numbers and dates are German (``16,03``, ``08.01.2027 23:59``), also on the plots' axes;
counts are integers on every axis.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import Course
from autograder.gradebook.scores import FinalScore, final_scores
from autograder.grading.units import graded_items
from autograder.textfmt import de_num

STATUS_DE = {"ok": "ok", "missing": "fehlt", "invalid": "ungültig", "timeout": "Zeitlimit", "memory": "Speicherlimit",
             "crashed": "abgestürzt", "protocol": "Protokollfehler", "internal": "interner Fehler"}
STATUS_COLOUR = {"ok": "#4c78a8", "missing": "#9d755d", "invalid": "#9d755d", "timeout": "#e45756", "memory": "#f58518",
                 "crashed": "#b279a2", "protocol": "#b279a2", "internal": "#bab0ac"}


@dataclass
class Submission:
    student: str
    final: FinalScore
    seconds: float = 0.0
    status: str = "ok"
    messages: list[str] = field(default_factory=list)
    cases: list[dict] = field(default_factory=list)   # {"item", "case_id", "label", "fraction", "message"}
    problems: list[str] = field(default_factory=list)  # German, one short line each (run, cells, files, time)


@dataclass
class ClassData:
    assignment: str
    title: str
    items: list[tuple[str, str, float]]               # (grade_id, kind, points) in notebook order
    submissions: list[Submission]
    missing_results: list[str] = field(default_factory=list)
    not_submitted: list[str] = field(default_factory=list)


def collect(course: Course, assignment: str) -> ClassData:
    unit = course.unit(assignment)
    items = [(i.grade_id, i.kind, i.points) for i in graded_items(course, unit)]
    data = ClassData(assignment, unit.title, items, [])
    for row in final_scores(course, [assignment]):
        if not row.submitted:
            data.not_submitted.append(row.student)
            continue
        sub = Submission(row.student, row)
        found = False
        for nb in course.notebooks(assignment):
            path = course.autograded_dir / row.student / assignment / f"{nb}.results.json"
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            found = True
            sub.seconds += float(raw.get("execution_time") or 0)
            if raw.get("status", "ok") != "ok":
                sub.status = raw["status"]
            if raw.get("message"):
                sub.messages.append(str(raw["message"]))
            sub.problems += run_problems(raw)
            sub.problems += _file_problems(course, row.student, assignment, nb)
            for item in raw.get("items", []):
                for case in item.get("cases", []):
                    sub.cases.append({"item": item.get("grade_id"), "case_id": case.get("case_id"),
                                      "label": case.get("label", ""), "fraction": float(case.get("fraction", 0)),
                                      "message": case.get("message", "")})
        if not found:
            data.missing_results.append(row.student)
        if row.days_late:
            sub.problems.append(f"verspätet ({row.days_late} angefangene{'r' if row.days_late == 1 else ''} "
                                f"Tag{'e' if row.days_late != 1 else ''}, Abzug {de_num(row.late_penalty)} Punkte)")
        data.submissions.append(sub)
    return data


def run_problems(raw: dict) -> list[str]:
    """Everything that went wrong while running a submission, from its run record (German, short)."""
    out = []
    status = raw.get("status", "ok")
    if status != "ok":
        out.append(f"{STATUS_DE.get(status, status)}: {_first_line(str(raw.get('message') or ''), 100)}".rstrip(": "))
    for cell in raw.get("cells", []):
        label, error = cell.get("label", "?"), str(cell.get("error") or "")
        kind = error.split(":", 1)[0].strip().splitlines()[-1] if error.strip() else ""
        if cell.get("status") == "timeout":
            out.append(f"Zeitlimit in Zelle '{label}'")
        elif cell.get("status") == "memory":
            out.append(f"Speicherlimit in Zelle '{label}'")
        elif cell.get("status") not in (None, "ok"):
            if "SyntaxError" in error or "IndentationError" in error:
                out.append(f"Syntaxfehler in Zelle '{label}'")
            else:
                out.append(f"Fehler in Zelle '{label}': {_first_line(kind or error, 60)}")
    out += [str(p) for p in raw.get("problems", [])]
    return out


def _file_problems(course: Course, student: str, assignment: str, notebook: str) -> list[str]:
    """A notebook renamed by ``import-moodle`` (recorded in the folder's moodle.json)."""
    folder = course.submitted_dir / student / assignment
    expected = folder / f"{notebook}.ipynb"
    try:  # renamed when imported from an LMS download (autograder import-moodle)
        original = json.loads((folder / "moodle.json").read_text(encoding="utf-8")).get("renamed", {})
    except (OSError, ValueError):
        original = {}
    if expected.name in original:
        return [f"Datei umbenannt: abgegeben als {original[expected.name]}, erwartet {expected.name}"]
    return []  # other renamed or missing files are in the run record's problems (grading.submissions)


# -- plots ---------------------------------------------------------------------------------

def _svg(fig) -> str:
    """The figure as SVG; text stays text (no glyphs to rasterise, sharp at any zoom).

    The SVG canvas directly, not ``savefig``: with a layout engine ``savefig`` draws the figure
    twice (layout, then output) where one draw lays it out and writes the same SVG (a fifth of
    the report's time). No date in the metadata, so the same data gives the same file.
    """
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "report"}):
        FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _integer_axis(axis) -> None:
    """Counts are whole numbers: no ticks at 0,5 or 1,5."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(round(v))}"))


def _german_axis(axis) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _: de_num(v)))


def plot_distribution(data: ClassData) -> str:
    scores = [s.final.score for s in data.submissions]
    top = max([s.final.max_score for s in data.submissions] + [1.0])
    fig = _figure(7, 3.2)
    ax = fig.subplots()
    bins = max(5, min(20, int(top)))
    ax.hist(scores, bins=bins, range=(0, top), color="#4c78a8", edgecolor="white")
    if scores:
        ax.axvline(statistics.mean(scores), color="#e45756", linestyle="--",
                   label=f"Mittelwert {de_num(statistics.mean(scores), 1)}")
        ax.axvline(statistics.median(scores), color="#54a24b", linestyle=":",
                   label=f"Median {de_num(statistics.median(scores), 1)}")
        ax.legend(loc="upper left", fontsize=8)
    _integer_axis(ax.yaxis)
    _german_axis(ax.xaxis)
    ax.set_xlabel(f"Punkte (nach Abzug für Verspätung, max. {de_num(top)})")
    ax.set_ylabel("Abgaben")
    ax.set_title("Punkteverteilung")
    return _svg(fig)


def _item_matrix(data: ClassData):
    import numpy as np

    ids = [gid for gid, _, _ in data.items]
    matrix = np.full((len(data.submissions), len(ids)), np.nan)
    for r, sub in enumerate(data.submissions):
        scores = {i.grade_id: i for i in sub.final.items}
        for c, (gid, kind, points) in enumerate(data.items):
            item = scores.get(gid)
            if item is None or not points:
                continue
            if kind == "manual" and item.manual_score is None:
                continue  # waits for a TA: shown as open, not as 0
            matrix[r, c] = item.score / points
    return ids, matrix


def plot_items_bars(data: ClassData) -> str:
    import numpy as np

    ids, matrix = _item_matrix(data)
    with np.errstate(all="ignore"):
        means = [float(np.nanmean(matrix[:, c])) if np.any(~np.isnan(matrix[:, c])) else np.nan
                 for c in range(len(ids))]
    fig = _figure(7, 0.35 * len(ids) + 1.2)
    ax = fig.subplots()
    colours = ["#bab0ac" if np.isnan(m) else ("#4c78a8" if kind == "autograded" else "#72b7b2")
               for m, (_, kind, _) in zip(means, data.items)]
    values = [0 if np.isnan(m) else 100 * m for m in means]
    ax.barh(range(len(ids)), values, color=colours)
    for y, (m, (_, kind, points)) in enumerate(zip(means, data.items)):
        text = "noch nicht bewertet" if np.isnan(m) else f"{100 * m:.0f} %"
        who = "Tests" if kind == "autograded" else "Tutor:in"
        ax.text(min(values[y] + 1, 88), y, f"{text}  ({de_num(points)} P., {who})", va="center", fontsize=8)
    ax.set_yticks(range(len(ids)), ids, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("erreichte Punkte im Mittel (% der Aufgabe)")
    ax.set_title("Punkte je Aufgabe")
    return _svg(fig)


def plot_heatmap(data: ClassData) -> str:
    import numpy as np
    from matplotlib import colormaps

    ids, matrix = _item_matrix(data)
    n = len(data.submissions)
    fig = _figure(max(6, 0.55 * len(ids) + 2), min(40, max(2.5, 0.28 * n + 1.5)))
    ax = fig.subplots()
    cmap = colormaps["RdYlGn"].with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap=cmap, vmin=0, vmax=1, aspect="auto",
                      interpolation="nearest")
    ax.set_xticks(range(len(ids)), ids, rotation=45, ha="right", fontsize=8)
    if n <= 80:
        ax.set_yticks(range(n), [s.student for s in data.submissions], fontsize=7)
    else:
        ax.set_yticks([])
        ax.set_ylabel(f"{n} Abgaben")
    bar = fig.colorbar(image, ax=ax, label="Anteil der Punkte (grau: von Tutor:innen noch offen)", shrink=0.8)
    _german_axis(bar.ax.yaxis)
    ax.set_title("Punkte je Aufgabe und Abgabe")
    return _svg(fig)


NOT_ATTEMPTED = ("Nicht ausgeführt", "ist nicht definiert", "ist noch nicht implementiert")


def _attempted(case: dict) -> bool:
    return not any(mark in case["message"] for mark in NOT_ATTEMPTED)


def failing_cases(data: ClassData, top: int = 12) -> list[dict]:
    """Cases by how many students got them wrong, with the most frequent message.

    A case whose function is missing or still raises NotImplementedError counts as *not
    attempted*, not as wrong: blank notebooks would otherwise top every list.
    """
    wrong: dict[str, list[dict]] = defaultdict(list)
    skipped: Counter = Counter()
    labels = {}
    for sub in data.submissions:
        for case in sub.cases:
            labels[case["case_id"]] = (case["item"], case["label"])
            if case["fraction"] < 1:
                if _attempted(case):
                    wrong[case["case_id"]].append(case)
                else:
                    skipped[case["case_id"]] += 1
    n = max(1, len(data.submissions))
    out = []
    for case_id in set(wrong) | set(skipped):
        lost = wrong.get(case_id, [])
        messages = Counter(_first_line(c["message"]) for c in lost if c["message"])
        item, label = labels[case_id]
        out.append({"case_id": case_id, "item": item, "label": label, "students": len(lost),
                    "share": len(lost) / n, "not_attempted": skipped[case_id],
                    "message": messages.most_common(1)[0][0] if messages else ""})
    out.sort(key=lambda c: (-c["students"], -c["not_attempted"], c["case_id"]))
    return out[:top]


def _first_line(text: str, limit: int = 160) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= limit else line[:limit - 1] + "…"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def plot_failing(data: ClassData, cases: list[dict]) -> str:
    fig = _figure(8, 0.38 * max(1, len(cases)) + 1.4)
    ax = fig.subplots()
    if not cases:
        ax.text(0.5, 0.5, "Kein Testfall wurde verfehlt.", ha="center", va="center")
        ax.set_axis_off()
        return _svg(fig)
    n = max(1, len(data.submissions))
    names = [f"{c['item']}: {_short(c['label'])}" for c in cases]
    wrong = [100 * c["students"] / n for c in cases]
    skipped = [100 * c["not_attempted"] / n for c in cases]
    ax.barh(range(len(cases)), wrong, color="#e45756", label="falsch")
    ax.barh(range(len(cases)), skipped, left=wrong, color="#bab0ac", label="nicht bearbeitet")
    for y, c in enumerate(cases):
        ax.text(wrong[y] + skipped[y] + 1, y, f"{c['students']} falsch"
                + (f", {c['not_attempted']} nicht bearbeitet" if c["not_attempted"] else ""), va="center", fontsize=7)
    ax.set_yticks(range(len(cases)), names, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 135)
    ax.set_xticks(range(0, 101, 20))
    ax.legend(fontsize=8, loc="lower right")
    ax.set_xlabel(f"Anteil der {n} Abgaben (%)")
    ax.set_title("Testfälle, an denen die meisten scheitern")
    return _svg(fig)


def plot_times(data: ClassData, limit: float | None) -> str:
    subs = sorted(data.submissions, key=lambda s: -s.seconds)
    fig = _figure(8, 3.4)
    ax = fig.subplots()
    ax.bar(range(len(subs)), [s.seconds for s in subs], color=[STATUS_COLOUR.get(s.status, "#bab0ac") for s in subs])
    if len(subs) <= 40:
        ax.set_xticks(range(len(subs)), [s.student for s in subs], rotation=60, ha="right", fontsize=7)
    else:
        ax.set_xticks([])
        ax.set_xlabel(f"{len(subs)} Abgaben, nach Zeit sortiert")
    from matplotlib.patches import Patch

    present = sorted({s.status for s in subs})
    handles = [Patch(color=STATUS_COLOUR.get(st, "#bab0ac"), label=STATUS_DE.get(st, st)) for st in present]
    if limit and subs and subs[0].seconds >= 0.5 * limit:  # the limit line only where it is in reach
        from matplotlib.lines import Line2D

        ax.axhline(limit, color="#e45756", linestyle="--", linewidth=1)
        handles.append(Line2D([], [], color="#e45756", linestyle="--",
                              label=f"Zeitlimit Notebook {de_num(limit)} s"))
    ax.legend(handles=handles, fontsize=8, loc="upper right")
    ax.set_ylabel("Sekunden")
    _german_axis(ax.yaxis)
    total = sum(s.seconds for s in subs)
    ax.set_title(f"Bewertungszeit je Abgabe (zusammen {total:.0f} s"
                 + (f", Zeitlimit {de_num(limit)} s)" if limit else ")"))
    return _svg(fig)


# -- page ----------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2em; } .note { color: #555; }
.cards { display: flex; flex-wrap: wrap; gap: 0.8em; margin: 1em 0; }
.card { border: 1px solid #ccc; border-radius: 6px; padding: 0.5em 1em; min-width: 8em; }
.card b { display: block; font-size: 1.5em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
td, th { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
td.num { text-align: right; } img { max-width: 100%; }
"""


def _fmt(value: float) -> str:
    return de_num(value)


def render(course: Course, data: ClassData) -> str:
    esc = html.escape
    subs = data.submissions
    scores = [s.final.score for s in subs]
    max_score = max([s.final.max_score for s in subs] + [0.0])
    late = [s for s in subs if s.final.days_late > 0]
    pending = [s for s in subs if s.final.pending]
    problems = [s for s in subs if any(not p.startswith("verspätet") for p in s.problems)]
    cases = failing_cases(data)
    limit = course.limits.get("notebook_timeout")
    policy = course.late_policy
    due = policy.when(course.unit(data.assignment).due)
    cards = [("Abgaben", str(len(subs))),
             ("Mittelwert", f"{_fmt(statistics.mean(scores))} / {_fmt(max_score)}" if scores else "–"),
             ("Median", _fmt(statistics.median(scores)) if scores else "–"),
             ("Verspätet", str(len(late))),
             ("Bewertung offen", str(len(pending))),
             ("Abgaben mit Problemen", str(len(problems))),
             ("Ohne Abgabe", str(len(data.not_submitted)))]
    out = [f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Bericht {esc(data.assignment)}"
           f"</title><style>{_CSS}</style></head><body>",
           f"<h1>{esc(data.assignment)} – {esc(data.title)}</h1>",
           f"<p class='note'>{esc(str(course.setting('COURSE_TITLE', course.course_id)))} · Frist {esc(due)} · "
           f"Verspätung: {esc(policy.text())} · erstellt {dt.datetime.now():%d.%m.%Y %H:%M}</p>",
           "<div class='cards'>" + "".join(f"<div class='card'>{esc(k)}<b>{esc(v)}</b></div>" for k, v in cards)
           + "</div>"]
    if not subs:
        out.append("<p>Noch keine bewerteten Abgaben.</p></body></html>")
        return "\n".join(out)
    out += ["<h2>Punkteverteilung</h2>", f"<img alt='Punkteverteilung' src='{plot_distribution(data)}'>",
            "<h2>Punkte je Aufgabe</h2>",
            "<p class='note'>Von Tutor:innen bewertete Antworten zählen erst, wenn eine Punktzahl vergeben ist.</p>",
            f"<img alt='Punkte je Aufgabe' src='{plot_items_bars(data)}'>",
            f"<img alt='Heatmap Punkte je Aufgabe und Abgabe' src='{plot_heatmap(data)}'>",
            "<h2>Testfälle, an denen die meisten scheitern</h2>",
            f"<img alt='Testfälle, an denen die meisten scheitern' src='{plot_failing(data, cases)}'>"]
    if cases:
        out.append("<table><tr><th>Aufgabe</th><th>Testfall</th><th>falsch</th><th>nicht bearbeitet</th>"
                   "<th>häufigste Meldung</th></tr>")
        for c in cases:
            out.append(f"<tr><td>{esc(c['item'])}</td><td>{esc(c['label'])}</td>"
                       f"<td class='num'>{c['students']} ({round(100 * c['share'])} %)</td>"
                       f"<td class='num'>{c['not_attempted'] or ''}</td><td>{esc(c['message'])}</td></tr>")
        out.append("</table>")
    out += ["<h2>Bewertungszeit je Abgabe</h2>",
            f"<img alt='Bewertungszeit je Abgabe' src='{plot_times(data, limit)}'>"]
    if problems or data.not_submitted:
        out.append("<h2>Probleme je Abgabe</h2><table><tr><th>Student</th><th>Status</th><th>Probleme</th></tr>")
        for s in sorted(problems, key=lambda s: s.student):
            out.append(f"<tr><td>{esc(s.student)}</td><td>{esc(STATUS_DE.get(s.status, s.status))}</td><td><ul>"
                       + "".join(f"<li>{esc(p)}</li>" for p in dict.fromkeys(s.problems)) + "</ul></td></tr>")
        for student in data.not_submitted:
            out.append(f"<tr><td>{esc(student)}</td><td>–</td><td><ul><li>keine Abgabe</li></ul></td></tr>")
        out.append("</table>")
    if late:
        out.append("<h2>Verspätete Abgaben</h2><table><tr><th>Student</th><th>Abgabe</th><th>Frist</th>"
                   "<th>Tage zu spät</th><th>Punkte vor Abzug</th><th>Abzug</th><th>Punkte</th></tr>")
        for s in late:
            f = s.final
            out.append(f"<tr><td>{esc(s.student)}</td><td>{policy.when(f.timestamp)}</td>"
                       f"<td>{policy.when(f.due)}</td><td class='num'>{f.days_late}</td>"
                       f"<td class='num'>{_fmt(f.raw_score)}</td><td class='num'>−{_fmt(f.late_penalty)}</td>"
                       f"<td class='num'>{_fmt(f.score)}</td></tr>")
        out.append("</table>")
    out.append("<h2>Alle Abgaben</h2><table><tr><th>Student</th><th>Punkte</th><th>automatisch</th>"
               "<th>Tutor:innen</th><th>Abzug</th><th>offen</th><th>Status</th><th>Zeit</th><th>Probleme</th></tr>")
    for s in sorted(subs, key=lambda s: s.student):
        f = s.final
        out.append(f"<tr><td>{esc(s.student)}</td><td class='num'>{_fmt(f.score)} / {_fmt(f.max_score)}</td>"
                   f"<td class='num'>{_fmt(f.auto_score)}</td><td class='num'>{_fmt(f.manual_score)}</td>"
                   f"<td class='num'>{_fmt(f.late_penalty) if f.late_penalty else ''}</td>"
                   f"<td class='num'>{len(f.pending) or ''}</td><td>{esc(STATUS_DE.get(s.status, s.status))}</td>"
                   f"<td class='num'>{de_num(s.seconds, 1)} s</td>"
                   f"<td>{esc('; '.join(dict.fromkeys(s.problems)) or '–')}</td></tr>")
    out.append("</table>")
    if data.missing_results:
        out.append("<p class='note'>Ohne Laufprotokoll (results.json fehlt, z. B. nur von Hand bewertet): "
                   + esc(", ".join(data.missing_results)) + "</p>")
    out.append("</body></html>")
    return "\n".join(out)


def write_report(course: Course, assignment: str, target: Path | None = None) -> Path:
    data = collect(course, assignment)
    target = target or course.root / "reports" / f"{assignment}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(course, data), encoding="utf-8")
    return target
