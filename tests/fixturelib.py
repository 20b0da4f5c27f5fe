"""Solution fixtures: differently styled correct answers and typical mistakes.

A fixture is ``tests/fixtures/<assignment>/<kind>_<name>.py`` with kind ``alt`` (a
correct alternative: must get full marks) or ``mistake`` (must lose points). Its
header says what it is; ``# %% <grade_id>`` lines start the replacement source of
that answer cell (all other cells keep the reference solution)::

    # Fixture: Kernel gespiegelt (echte Faltung statt Kreuzkorrelation)
    # loses: test_conv2d
    # message: weichen ab
    # %% conv2d
    def conv2d(image, kernel, stride=1, padding="valid"):
        ...

``loses`` names the test cells that must score below full marks (all others stay
full); ``message`` is a phrase that must appear in the feedback of a lost case.
Run ``benchmarks/external.py tests/fixtures/ASSIGNMENT`` to grade all fixtures of an assignment.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Fixture:
    path: Path
    kind: str
    title: str = ""
    loses: list[str] = field(default_factory=list)
    message: str = ""
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.stem


def parse(path: Path) -> Fixture:
    fixture = Fixture(path, path.stem.split("_", 1)[0])
    current = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# %% "):
            if current:
                fixture.cells[current] = "\n".join(lines).strip("\n")
            current, lines = line[5:].strip(), []
        elif current is None:
            if line.startswith("# Fixture:"):
                fixture.title = line.split(":", 1)[1].strip()
            elif line.startswith("# loses:"):
                fixture.loses = line.split(":", 1)[1].split()
            elif line.startswith("# message:"):
                fixture.message = line.split(":", 1)[1].strip()
        else:
            lines.append(line)
    if current:
        fixture.cells[current] = "\n".join(lines).strip("\n")
    return fixture


def fixtures(assignment: str, source: Path | None = None) -> list[Fixture]:
    """The fixtures of an assignment; with ``source``, only those for that notebook (an assignment
    with several notebooks keeps all its fixtures in one folder; a fixture belongs to the notebook
    that has all the answer cells it replaces)."""
    folder = FIXTURES / assignment
    found = [parse(p) for p in sorted(folder.glob("*.py"))] if folder.is_dir() else []
    if source is None:
        return found
    ids = grade_ids(source)
    return [fx for fx in found if set(fx.cells) <= ids]


def grade_ids(source: Path) -> set[str]:
    nb = json.loads(Path(source).read_text(encoding="utf-8"))
    return {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb["cells"]}


def build_notebook(source: Path, replacements: dict[str, str], target: Path) -> Path:
    """The source notebook with some answer cells replaced (unknown ids are an error)."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    ids = {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb["cells"]}
    unknown = set(replacements) - ids
    if unknown:
        raise ValueError(f"{source.name} has no cells {sorted(unknown)}")
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in replacements:
            cell["source"] = replacements[gid]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def grade_fixture(grader, course, assignment: str, notebook: str, fx: Fixture, folder: Path):
    """Grade a fixture: ``(result, untested)``, where ``untested`` are the test cells left out.

    The notebook's training cells that the fixture does not replace are the release stub, and their
    tests are left out of the verdict (they have fixtures of their own), so a fixture for another
    cell does not retrain the notebook's models; a mistake whose ``loses`` names a training cell's
    test keeps that training cell running (the mistake may break training)."""
    source = course.source_path(assignment, notebook)
    stubbed = {gid: tests for gid, tests in training_units(source).items()
               if gid not in fx.cells and not tests & set(fx.loses)}
    cells = {**fx.cells, **{gid: release_stub(assignment, notebook, gid) for gid in stubbed}}
    path = build_notebook(source, cells, folder / f"{notebook}.ipynb")
    return grader.grade(assignment, notebook, path, fx.name), set().union(set(), *stubbed.values())


def lost_tests(result, untested: set[str]) -> list:
    """The autograded items of a result that lost points, except the ``untested`` ones."""
    return [i for i in result.items if i.kind == "autograded" and i.grade_id not in untested and not i.passed]


def wrong_verdict(fixture: Fixture, lost: list) -> str | None:
    """Why a fixture's grading is not what its kind and header ask for, or None when it is.

    ``alt``: no test lost. ``mistake``: some test lost; when the header names them (``loses``), exactly
    those, and its ``message`` phrase appears in a lost case's feedback."""
    if fixture.kind == "alt":
        return f"lost {[i.grade_id for i in lost]}" if lost else None
    if not lost:
        return "lost nothing"
    if fixture.loses and {i.grade_id for i in lost} != set(fixture.loses):
        return f"lost {sorted(i.grade_id for i in lost)}, header says {sorted(fixture.loses)}"
    messages = " ".join(c.message for i in lost for c in i.cases if c.fraction < 1)
    if fixture.message and fixture.message.lower() not in messages.lower():
        return f"no lost case says {fixture.message!r}: {messages[:300]}"
    return None


def training_units(source: Path) -> dict[str, set[str]]:
    """Answer cells that train a model (a test calls their function with its own ``timeout=``),
    each with the test cells that check it: answer grade_id -> {test grade_id}."""
    nb = json.loads(Path(source).read_text(encoding="utf-8"))
    defines, timed = {}, {}
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid, text = meta.get("grade_id"), "".join(cell.get("source", ""))
        if cell["cell_type"] != "code" or not gid:
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        if meta.get("solution"):
            defines.update({node.name: gid for node in tree.body if isinstance(node, ast.FunctionDef)})
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check" and node.args \
                    and isinstance(node.args[0], ast.Constant) and any(k.arg == "timeout" for k in node.keywords):
                timed.setdefault(node.args[0].value, set()).add(gid)
    return {defines[fn]: tests for fn, tests in timed.items() if fn in defines}


def release_stub(assignment: str, notebook: str, grade_id: str) -> str:
    """The student version of an answer cell (``raise NotImplementedError()``)."""
    nb = json.loads((ROOT / "release" / assignment / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    return next("".join(c["source"]) for c in nb["cells"]
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)
