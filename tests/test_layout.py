"""The package's boundaries, enforced: who may import whom, nbgrader behind one package, no cycles.

Layers, lowest first (a module may import its own layer and the ones below):

* ``sandbox``  – runs next to student code; holds no expected values; imports only itself
* ``core``     – ``errors``, ``course``, ``notebook``, ``results``, ``late``, ``textfmt``, ``files``, ``lms_import``: the course model,
  its data and how people read it
* ``quiz``     – quiz definitions, variants, answer parsing, grading one quiz notebook
* ``gradebook``– the only place that imports nbgrader
* ``grading``  – the trusted side: specs, keys, verdicts, pool, batch (stores through ``gradebook``)
* ``checks``/``feedback`` – public import paths for notebooks and ``course_config.py``
* ``student``  – what students install (``autograder student-package``): the checks' own modules only
* ``reports``  – what instructors take away after grading
* ``cli``      – the command line
Every import counts, also those inside functions: a cycle hidden in a function is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "autograder"

LAYER = {"sandbox": 0, "errors": 1, "course": 1, "notebook": 1, "results": 1, "late": 1, "textfmt": 1, "files": 1, "lms_import": 1,
         "quiz": 2,
         "gradebook": 3, "grading": 4, "checks": 5, "feedback": 5, "student": 5, "reports": 6, "cli": 7, "__main__": 7,
         "__init__": 0}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["autograder", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Every autograder module that ``name`` imports, at any depth of its code; plus third-party roots."""
    out = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                out.add(full if full in known else base)
    return out


def graph():
    mods = modules()
    known = set(mods)
    return {name: imports(path, name, known) for name, path in mods.items()}


def layer_of(module: str) -> tuple[str, int]:
    part = module.split(".")[1] if module.count(".") else "__init__"
    return part, LAYER[part]


def test_every_module_has_a_layer():
    for name in modules():
        assert layer_of(name)[0] in LAYER, name


def test_imports_respect_the_layers():
    problems = []
    for name, deps in graph().items():
        part, level = layer_of(name)
        for dep in deps:
            if not dep.startswith("autograder.") or dep == "autograder":
                continue
            dep_part, dep_level = layer_of(dep)
            if dep_part == part:
                continue
            if dep_level > level and not (part == "checks" and dep_part == "grading"):
                problems.append(f"{name} imports {dep} ({part} may not depend on {dep_part})")
    assert problems == []


def test_the_sandbox_imports_nothing_of_the_trusted_side():
    for name, deps in graph().items():
        if name.startswith("autograder.sandbox"):
            bad = [d for d in deps if d.startswith("autograder") and not d.startswith("autograder.sandbox")]
            assert bad == [], f"{name} imports {bad}"


def test_only_the_gradebook_package_imports_nbgrader():
    for name, deps in graph().items():
        if any(d == "nbgrader" or d.startswith("nbgrader.") for d in deps):
            assert name.startswith("autograder.gradebook"), name


def test_no_import_cycles():
    g = {n: {d for d in deps if d in modules()} for n, deps in graph().items()}
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []
    counter = [0]

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in g.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in g:
        if v not in index:
            visit(v)
    # a package's __init__ importing its own submodules is not a cycle of meaning
    cycles = [c for c in cycles if not all(m.startswith(c[0]) for m in c)]
    assert cycles == []


def _users(text: str) -> list[str]:
    return sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if text in p.read_text(encoding="utf-8"))


def test_one_home_for_the_late_policy_and_for_reading_timestamps():
    """The penalty settings are read by the course model only (and nbgrader's plugin gets them from
    course_config.py); nbgrader's timestamp parser is called in one module."""
    assert _users('"LATE_PENALTY_PER_DAY"') == ["course.py"]
    assert _users("parse_utc") == ["gradebook/timestamps.py"]
    # demo and the Moodle import write the file, annotate copies it next to the feedback; one module parses it
    assert _users('"timestamp.txt"') == ["cli/demo.py", "gradebook/annotate.py", "gradebook/timestamps.py",
                                         "grading/submissions.py", "lms_import.py"]


def test_the_quiz_settings_proxy_is_gone():
    assert _users("with_quizzes") == [] and _users("_Settings") == []
