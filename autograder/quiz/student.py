"""The format check in a student's quiz notebook (``pruefe``): never the key, only the form.

It runs in the student's kernel, so it checks the *value* the cell produced; the grader
reads the cell's *text* (see :mod:`autograder.quiz.answers`). Both accept the same forms.
"""

from __future__ import annotations

from autograder.quiz.questions import _is_number, _tokens as _letters  # light: no TensorFlow, no keys


def problem(antwort, kind: str, letters: str = "", size=None) -> str | None:
    """Why an answer has the wrong form (German), or ``None`` when the form is fine."""
    if antwort is None or antwort is Ellipsis:
        return "Noch keine Antwort: ersetzen Sie None durch Ihre Antwort."
    if kind == "single":
        tokens = _letters(antwort)
        if not tokens or len(tokens) != 1 or tokens[0] not in letters:
            return f'Erwartet wird genau ein Buchstabe von a bis {letters[-1]} als Text, z. B. "b".'
    elif kind == "multiple":
        tokens = _letters(antwort)
        if not tokens:
            return 'Erwartet wird eine Liste von Buchstaben, z. B. ["a", "c"].'
        unknown = sorted({t for t in tokens if t not in letters})
        if unknown:
            return f"Unbekannte Buchstaben: {', '.join(unknown)} (erlaubt: a bis {letters[-1]})."
    elif kind == "numeric":
        return _numeric_problem(antwort, size)
    elif kind == "text":
        if not isinstance(antwort, str) or not antwort.strip():
            return 'Erwartet wird ein Text in Anführungszeichen, z. B. "Softmax".'
    return None


def _numeric_problem(value, size) -> str | None:
    if size is None:
        return None if _is_number(value) else "Erwartet wird eine Zahl, z. B. 42 oder 0.25 (ohne Anführungszeichen)."
    if isinstance(size, int):
        items = list(value) if isinstance(value, (list, tuple)) else None
        if items and len(items) == size + 1 and items[0] is None:
            items = items[1:]
        if items is None or len(items) != size or not all(_is_number(v) for v in items):
            return f"Erwartet wird ein Tupel aus {size} Zahlen."
        return None
    rows, cols = size
    if not (isinstance(value, (list, tuple)) and len(value) == rows
            and all(isinstance(r, (list, tuple)) and len(r) == cols and all(_is_number(v) for v in r)
                    for r in value)):
        return f"Erwartet wird eine {rows}×{cols}-Matrix als Liste von Zeilen, z. B. [[1, 2], [3, 4]]."
    return None


def pruefe(antwort, kind: str, letters: str = "", size=None) -> bool:
    """Print whether the answer has the expected form. Whether it is right is decided after submission."""
    issue = problem(antwort, kind, letters, size)
    if issue is None:
        print(f"✓ Antwort erkannt: {antwort!r} – sie wird nach der Abgabe bewertet.")
        return True
    print(f"✗ {issue}")
    return False


def check_notebook(nb) -> list[tuple[int, bool, str]]:
    """Every answer of a quiz notebook read as the grader reads it: (number, form ok, message).

    Needs no key and no quiz definition: the expected form comes from the notebook's check
    cells (``pruefe(antwort_3, 'single', letters='abcd')``), which are the same for everyone.
    """
    import ast
    import re

    from autograder.quiz.answers import cell_source, read_answers

    code = [c for c in nb.get("cells", []) if isinstance(c, dict) and c.get("cell_type") == "code"]
    checks = {}
    for cell in code:
        try:
            tree = ast.parse(cell_source(cell))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "pruefe" and len(node.args) == 2 \
                    and isinstance(node.args[0], ast.Name):
                try:
                    checks[node.args[0].id] = (ast.literal_eval(node.args[1]),
                                               {k.arg: ast.literal_eval(k.value) for k in node.keywords})
                except ValueError:
                    continue
    cells_of = {}   # answer cell grade id -> variable (a made-up id when the cell lost its metadata)
    for var in checks:
        owner = next((c for c in code if re.search(rf"^\s*{var}\s*[:=]", cell_source(c), re.M)), None)
        gid = owner.get("metadata", {}).get("nbgrader", {}).get("grade_id") if owner else None
        cells_of[gid or f"?{var}"] = var
    answers = read_answers(nb, cells_of)
    out = []
    for gid, var in cells_of.items():
        number = int(var.rsplit("_", 1)[-1]) if var.rsplit("_", 1)[-1].isdigit() else 0
        answer, (kind, spec) = answers[gid], checks[var]
        if answer.error is not None:
            out.append((number, False, answer.error.de))
        else:
            issue = problem(answer.value, kind, **spec)
            out.append((number, issue is None, issue or f"gelesen als {answer.value!r}"))
    return sorted(out)
