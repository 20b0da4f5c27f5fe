"""Reading notebooks and their nbgrader cells; turning a submission into what runs.

Roles, points and test code always come from the *source* notebook. A submission
only contributes the contents of its answer cells (matched by ``grade_id``) and
any cells the student added; whatever it says about points, ids, cell types or
tests is ignored.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HIDDEN_BEGIN = "### BEGIN HIDDEN TESTS"
HIDDEN_END = "### END HIDDEN TESTS"
SOLUTION_BEGIN = "### BEGIN SOLUTION"
SOLUTION_END = "### END SOLUTION"
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024


class NotebookError(Exception):
    """A notebook that cannot be read; the message is German and meant for the student."""


@dataclass
class Cell:
    index: int
    cell_type: str
    source: str
    grade_id: str | None = None
    solution: bool = False
    grade: bool = False
    locked: bool = False
    task: bool = False
    points: float = 0.0

    @property
    def role(self) -> str:
        if self.grade_id is None:
            return "plain"
        if self.task:
            return "task"
        if self.grade and self.solution:
            return "manual"          # answer graded by a TA
        if self.grade:
            return "test"            # autograded test cell
        if self.solution:
            return "answer"          # student code, judged by tests
        return "readonly"


@dataclass
class GradedItem:
    grade_id: str
    points: float
    kind: str  # "autograded" or "manual"


@dataclass
class SourceNotebook:
    """An assignment notebook from ``source/``: the authority on cells and points."""

    path: Path
    cells: list[Cell]

    @property
    def name(self) -> str:
        return self.path.stem

    def by_id(self) -> dict[str, Cell]:
        return {c.grade_id: c for c in self.cells if c.grade_id}

    @property
    def items(self) -> list[GradedItem]:
        items = []
        for c in self.cells:
            if c.role == "test":
                items.append(GradedItem(c.grade_id, c.points, "autograded"))
            elif c.role in ("manual", "task"):
                items.append(GradedItem(c.grade_id, c.points, "manual"))
        return items

    @property
    def max_autograded(self) -> float:
        return sum(i.points for i in self.items if i.kind == "autograded")

    @property
    def max_score(self) -> float:
        return sum(i.points for i in self.items)


def read_notebook(path: str | Path) -> nbformat.NotebookNode:
    """Read a notebook or raise :class:`NotebookError` with a German explanation."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NotebookError(f"Die Datei {path.name} lässt sich nicht lesen ({exc.strerror}).") from None
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise NotebookError(f"Die Datei {path.name} ist größer als {MAX_NOTEBOOK_BYTES >> 20} MB.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotebookError(f"Die Datei {path.name} ist kein gültiges Notebook (kein gültiges JSON: {exc}).") \
            from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError(f"Die Datei {path.name} ist kein gültiges Notebook (keine Zellenliste).")
    try:
        nb = nbformat.from_dict(data)
        if nb.get("nbformat", 4) < 4:
            nb = nbformat.convert(nb, 4)
    except Exception as exc:  # noqa: BLE001 - any malformed structure
        raise NotebookError(f"Die Datei {path.name} ist kein gültiges Notebook ({exc}).") from None
    return nb


def cell_source(cell) -> str:
    """A cell's source as the grader runs it: a list's items joined as text, anything else empty.

    Everything that shows or compares a submission's cells uses this, so that TAs and feedback
    see what was graded even where a hostile ``source`` list holds numbers or other JSON.
    (``autograder.quiz.answers`` has its twin: it ships in the student package without this module.)
    """
    source = cell.get("source", "") if isinstance(cell, dict) else ""
    if isinstance(source, list):
        return "".join(str(s) for s in source)
    return source if isinstance(source, str) else ""


def _cells(nb) -> list[Cell]:
    cells = []
    for i, raw in enumerate(nb.get("cells", [])):
        if not isinstance(raw, dict):
            continue
        meta = raw.get("metadata", {}) if isinstance(raw.get("metadata"), dict) else {}
        ng = meta.get("nbgrader") if isinstance(meta.get("nbgrader"), dict) else {}
        grade_id = ng.get("grade_id") if isinstance(ng.get("grade_id"), str) else None
        try:
            points = float(ng.get("points") or 0)
        except (TypeError, ValueError):
            points = 0.0
        cells.append(Cell(i, str(raw.get("cell_type", "")), cell_source(raw), grade_id,
                          bool(ng.get("solution")), bool(ng.get("grade")), bool(ng.get("locked")),
                          bool(ng.get("task")), points))
    return cells


def load_source(path: str | Path) -> SourceNotebook:
    return SourceNotebook(Path(path), _cells(read_notebook(path)))


# ----------------------------------------------------------------------------- markers
# The one place that reads nbgrader's region markers. A line that is exactly a marker (after
# stripping) opens or closes a region; everything else belongs to the region it stands in.
MARKERS = {SOLUTION_BEGIN: ("solution", True), SOLUTION_END: ("solution", False),
           HIDDEN_BEGIN: ("hidden", True), HIDDEN_END: ("hidden", False)}
CODE_STUB = ("# IHR CODE HIER", "raise NotImplementedError()")  # as ClearSolutions.code_stub in course_config.py


def regions(source: str) -> list[tuple[str, str]]:
    """Every line of a cell with its region: ``public``, ``solution``, ``hidden`` or ``marker``."""
    out, current = [], "public"
    for line in source.splitlines():
        marker = MARKERS.get(line.strip())
        if marker is not None:
            current = marker[0] if marker[1] else "public"
            out.append(("marker", line))
        else:
            out.append((current, line))
    return out


def has_marker(text: str) -> bool:
    """Whether a text (a notebook, a feedback page) still contains a region marker."""
    return any(m in text for m in MARKERS)


def split_hidden(source: str) -> tuple[str, str]:
    """Split a test cell into its visible part and its hidden part."""
    parts = regions(source)
    visible = [line for region, line in parts if region in ("public", "solution")]
    hidden = [line for region, line in parts if region == "hidden"]
    return "\n".join(visible), "\n".join(hidden)


def secret_lines(source: str) -> list[str]:
    """Lines inside solution or hidden-test regions (what a release must not contain)."""
    return [line for region, line in regions(source) if region in ("solution", "hidden")]


def public_lines(source: str) -> list[str]:
    """Lines outside every region (what every student sees)."""
    return [line for region, line in regions(source) if region == "public"]


def solution_text(source: str) -> str:
    """The content of the solution regions (the whole text if there are none), e.g. a TA's rubric."""
    parts = regions(source)
    inside = [line for region, line in parts if region == "solution"]
    if not any(region == "marker" for region, _ in parts):
        inside = [line for _, line in parts]
    return "\n".join(inside).strip()


def without_markers(source: str) -> str:
    """The cell with its marker lines removed (a complete solution as a student could write it)."""
    return "\n".join(line for region, line in regions(source) if region != "marker")


def strip_solutions(source: str) -> str:
    """The student stub of an answer cell, as nbgrader's ClearSolutions writes it."""
    out = []
    for region, line in regions(source):
        if region == "marker" and line.strip() == SOLUTION_BEGIN:
            indent = re.match(r"\s*", line).group(0)
            out += [f"{indent}{stub}" for stub in CODE_STUB]
        elif region in ("public", "hidden"):
            out.append(line)
        elif region == "marker" and line.strip() in (HIDDEN_BEGIN, HIDDEN_END):
            out.append(line)
    return "\n".join(out)


def rubrics(nb) -> dict[str, str]:
    """grade_id -> the model answer/rubric of every TA-graded cell of a *source* notebook."""
    out = {}
    for cell in _cells(nb):
        if cell.role == "manual":
            text = solution_text(cell.source)
            out[cell.grade_id] = f"```python\n{text}\n```" if cell.cell_type == "code" and text else text
    return out


# ----------------------------------------------------------------------------- submissions
@dataclass
class ExecutionPlan:
    """What to run for one submission, and what the submission got wrong structurally."""

    code_cells: list[tuple[str, str]] = field(default_factory=list)  # (label, code)
    answers: dict[str, str] = field(default_factory=dict)            # manual answers by grade_id
    problems: list[str] = field(default_factory=list)
    student_cells: dict[str, str] = field(default_factory=dict)      # answer cells by grade_id
    foreign: bool = False
    own: list[bool] = field(default_factory=list)                    # per code cell: written by the student?

    def add(self, label: str, code: str, own: bool) -> None:
        self.code_cells.append((label, code))
        self.own.append(own)

    def student_indices(self) -> list[int]:
        """Indices of the code cells the student wrote (answer cells and cells they added)."""
        return [i for i, own in enumerate(self.own) if own]

    def helper_indices(self, called: set[str]) -> list[int]:
        """Indices of the locked cells that define a function a test calls (test helpers such as
        ``compile_settings``): what these cells bind must win over a student's definition of
        the same name, or a student could fake a helper's result by redefining it."""
        return [i for i, ((_, code), own) in enumerate(zip(self.code_cells, self.own))
                if not own and called & top_level_definitions(code)]


def top_level_definitions(code: str) -> set[str]:
    """Names a cell defines with ``def`` or ``class`` at top level (nothing if it does not parse;
    IPython's ``%magic`` and ``!shell`` lines are skipped)."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except (SyntaxError, ValueError):
        return set()
    return {node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def plan_execution(source: SourceNotebook, submission: nbformat.NotebookNode | None) -> ExecutionPlan:
    """Merge a submission into the source's structure (source order, source roles)."""
    plan = ExecutionPlan()
    known = source.by_id()
    sub_cells = _cells(submission) if submission is not None else []
    taken: dict[str, Cell] = {}
    added_after: dict[str | None, list[Cell]] = {}
    anchor = None
    for cell in sub_cells:
        if cell.grade_id in known:
            if cell.grade_id in taken:
                plan.problems.append(f"Die Zelle '{cell.grade_id}' kommt mehrfach vor; bewertet wird die erste.")
                continue
            taken[cell.grade_id] = cell
            anchor = cell.grade_id
        elif cell.cell_type == "code" and cell.source.strip():
            added_after.setdefault(anchor, []).append(cell)
    if submission is not None and known and not taken:
        plan.foreign = True
        plan.problems.append("Dieses Notebook enthält keine einzige Zelle der Aufgabe – "
                             "wurde das richtige Notebook abgegeben?")
    for cell in added_after.get(None, []):
        plan.add(f"eigene Zelle {cell.index + 1}", cell.source, True)
    for cell in source.cells:
        role = cell.role
        if role == "answer" and cell.cell_type == "code":
            mine = taken.get(cell.grade_id)
            if mine is None:
                if submission is not None and not plan.foreign:
                    plan.problems.append(f"Die Antwortzelle '{cell.grade_id}' fehlt in der Abgabe.")
            elif mine.cell_type != "code":
                plan.problems.append(f"Die Antwortzelle '{cell.grade_id}' ist keine Code-Zelle mehr.")
            else:
                plan.add(cell.grade_id, mine.source, True)
                plan.student_cells[cell.grade_id] = mine.source
        elif role in ("manual", "task"):
            mine = taken.get(cell.grade_id)
            plan.answers[cell.grade_id] = mine.source if mine is not None else ""
            if cell.cell_type == "code" and mine is not None and mine.cell_type == "code":
                plan.add(cell.grade_id, mine.source, True)
        elif role in ("readonly", "plain") and cell.cell_type == "code":
            plan.add(cell.grade_id or f"Zelle {cell.index + 1}", cell.source, False)
        for extra in added_after.get(cell.grade_id, []) if cell.grade_id else []:
            plan.add(f"eigene Zelle {extra.index + 1}", extra.source, True)
    return plan


_COPY_SUFFIX = re.compile(r"(?:\s*\(\d+\)|[\s_-]*(?:-\s*)?(?:Kopie|Copy|copy|kopie)\d*)+$")


def copy_of(stem: str) -> str:
    """The original name of a copy's name: ``04_cnn (1)`` and ``04_cnn-Kopie1`` -> ``04_cnn``."""
    return _COPY_SUFFIX.sub("", stem)


def match_renamed(expected: list[str], present: list[str]) -> dict[str, str]:
    """Expected notebook stem -> the uploaded file (name) standing in for it, for renamed uploads.

    A copy's name (``04_cnn (1).ipynb``, ``04_cnn-Kopie1.ipynb``, ``04_cnn - Copy.ipynb``) maps to
    its original when that is missing; otherwise, when exactly one expected notebook is missing
    and exactly one other notebook was uploaded, that one is taken. Nothing is guessed beyond.
    """
    stems = {Path(name).stem: name for name in present if name.endswith(".ipynb")}
    absent = [nb for nb in expected if nb not in stems]
    left = {stem: name for stem, name in stems.items() if stem not in expected}
    found: dict[str, str] = {}
    for nb in absent:
        copies = [stem for stem in left if copy_of(stem) == nb]
        if len(copies) == 1:
            found[nb] = left.pop(copies[0])
    rest = [nb for nb in absent if nb not in found]
    if len(rest) == 1 and len(left) == 1:
        found[rest[0]] = next(iter(left.values()))
    return found
