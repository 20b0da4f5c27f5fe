"""Reading quiz answers from a notebook without running any of it.

An answer cell holds one assignment such as ``antwort_3 = (14, 14, 64)``. The cell is
parsed with :mod:`ast`; the assigned value must be a literal (number, string, ``None``,
tuple, list or set of these), optionally with arithmetic on numbers (``(7*7*1 + 1) * 64``).
Names, calls, attributes, comprehensions and everything else are refused, so nothing a
student writes is ever executed by the grader, and a cell cannot depend on another cell.
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass

from autograder.quiz.text import T

MAX_CELL_CHARS = 20_000
MAX_NODES = 2_000
MAX_MAGNITUDE = 10 ** 100  # larger numbers are refused (they could not be compared as floats)
_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow}
_NAMES = ("antwort", "answer")


class _Refused(Exception):
    def __init__(self, message: T):
        super().__init__(message.de)
        self.message = message


@dataclass
class Answer:
    """What a student answered to one question."""

    value: object = None
    source: str = ""
    error: T | None = None   # the cell could not be read

    @property
    def given(self) -> bool:
        return self.error is None and self.value is not None and self.value is not Ellipsis


def parse_cell(source: str) -> Answer:
    """The answer in one cell: the value of the last ``antwort… = …`` (or a lone literal)."""
    if not source.strip():
        return Answer(None, source)
    if len(source) > MAX_CELL_CHARS:
        return Answer(None, source[:200], T(f"Die Antwortzelle ist länger als {MAX_CELL_CHARS} Zeichen.",
                                            f"The answer cell is longer than {MAX_CELL_CHARS} characters."))
    try:
        tree = ast.parse(source)
    except (ValueError, RecursionError, MemoryError):  # e.g. a 5000-digit literal, nesting 10000 deep
        return Answer(None, source[:200], T("Die Antwortzelle lässt sich nicht lesen (zu große Zahl oder zu tief "
                                            "verschachtelt).", "The answer cell cannot be read (a number too large "
                                            "or nesting too deep)."))
    except SyntaxError as exc:
        return Answer(None, source, T(f"Die Antwortzelle enthält einen Syntaxfehler (Zeile {exc.lineno}): "
                                      f"{exc.msg}.",
                                      f"The answer cell has a syntax error (line {exc.lineno}): {exc.msg}."))
    node = _answer_node(tree)
    if node is None:
        return Answer(None, source)
    try:
        return Answer(_value(node, [0]), source)
    except _Refused as exc:
        return Answer(None, source, exc.message)


def _answer_node(tree: ast.Module) -> ast.expr | None:
    found = None
    lone = [s.value for s in tree.body if isinstance(s, ast.Expr)]
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(_is_answer_name(t) for t in stmt.targets):
            found = stmt.value
        elif isinstance(stmt, ast.AnnAssign) and _is_answer_name(stmt.target) and stmt.value is not None:
            found = stmt.value
    if found is None and len(tree.body) == 1 and len(lone) == 1:
        found = lone[0]
    return found


def _is_answer_name(target: ast.expr) -> bool:
    return isinstance(target, ast.Name) and target.id.lower().startswith(_NAMES)


def _value(node: ast.expr, budget: list[int]):
    budget[0] += 1
    if budget[0] > MAX_NODES:
        raise _Refused(T("Die Antwort ist zu groß.", "The answer is too large."))
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (bytes, complex)):
            raise _Refused(_not_a_value(node))
        return _bounded(node.value)
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [_value(e, budget) for e in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else items
    if isinstance(node, ast.Set):
        return {_hashable(_value(e, budget)) for e in node.elts}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _number(_value(node.operand, budget), node)
        return -operand if isinstance(node.op, ast.USub) else +operand
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left = _number(_value(node.left, budget), node)
        right = _number(_value(node.right, budget), node)
        if isinstance(node.op, ast.Pow) and (abs(right) > 64 or abs(left) > 1e6):
            raise _Refused(T("Potenzen sind nur mit kleinen Zahlen erlaubt.", "Powers are limited to small numbers."))
        try:
            result = _BINOPS[type(node.op)](left, right)
        except ZeroDivisionError:
            raise _Refused(T("Division durch 0 in der Antwort.", "Division by zero in the answer.")) from None
        except (OverflowError, ValueError, MemoryError):
            raise _Refused(_TOO_LARGE) from None
        if isinstance(result, complex):
            raise _Refused(T("Die Rechnung in der Antwort ergibt keine reelle Zahl.",
                             "The arithmetic in the answer does not give a real number."))
        return _bounded(result)
    raise _Refused(_not_a_value(node))


_TOO_LARGE = T("Die Zahl in der Antwort ist zu groß (erlaubt sind Beträge bis 10^100) oder keine endliche Zahl.",
               "The number in the answer is too large (up to 10^100 is allowed) or not finite.")


def _bounded(value):
    """Numbers the grader can compare: finite and at most 10^100 in size."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        raise _Refused(_TOO_LARGE)
    if abs(value) > MAX_MAGNITUDE:
        raise _Refused(_TOO_LARGE)
    return value


def _number(value, node):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Refused(T("Rechenzeichen sind nur zwischen Zahlen erlaubt.",
                         "Arithmetic is only allowed between numbers."))
    return value


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def _not_a_value(node: ast.expr) -> T:
    kind = type(node).__name__
    return T("Die Antwort muss ein fester Wert sein (Zahl, Text in Anführungszeichen, Liste oder Tupel; "
             f"Rechnen mit Zahlen ist erlaubt). Variablen, Funktionsaufrufe u. Ä. werden nicht ausgewertet "
             f"(gefunden: {kind}).",
             "The answer must be a fixed value (number, quoted text, list or tuple; arithmetic on numbers is "
             f"allowed). Variables, function calls and the like are not evaluated (found: {kind}).")


def cell_source(cell) -> str:
    source = cell.get("source", "") if isinstance(cell, dict) else ""
    if isinstance(source, list):
        return "".join(str(s) for s in source)
    return source if isinstance(source, str) else ""


def read_answers(nb, grade_ids: dict[str, str]) -> dict[str, Answer]:
    """Answers by grade id. ``grade_ids`` maps each answer cell's grade id to its variable name.

    A cell is found by its nbgrader ``grade_id``; if that metadata was lost (cells copied
    into a fresh notebook), by an assignment to the question's variable in any code cell.
    """
    by_id: dict[str, str] = {}
    code_cells = []
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        if not isinstance(cell, dict):
            continue
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        ng = meta.get("nbgrader") if isinstance(meta.get("nbgrader"), dict) else {}
        gid = ng.get("grade_id")
        if cell.get("cell_type") == "code":
            code_cells.append(cell_source(cell))
            if gid in grade_ids and gid not in by_id:
                by_id[gid] = cell_source(cell)
    answers = {}
    for gid, var in grade_ids.items():
        if gid in by_id:
            answers[gid] = parse_cell(by_id[gid])
            continue
        answers[gid] = Answer()
        for source in code_cells:
            if _assigns(source, var):
                answers[gid] = parse_cell(_only_assignment(source, var))
    return answers


def _assigns(source: str, var: str) -> bool:
    if len(source) > MAX_CELL_CHARS:
        return False
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # any cell a student could write
        return False
    return any(isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == var for t in s.targets)
               for s in tree.body)


def _only_assignment(source: str, var: str) -> str:
    tree = ast.parse(source)
    stmts = [s for s in tree.body if isinstance(s, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == var for t in s.targets)]
    return ast.get_source_segment(source, stmts[-1]) or ""


def describe(value) -> str:
    """A short, readable rendering of an answer value for feedback."""
    if isinstance(value, set):
        value = sorted(value, key=str)
    text = repr(value)
    return text if len(text) <= 120 else text[:119] + "…"
