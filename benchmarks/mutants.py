"""Mutation testing of the reference solutions: do the hidden tests notice a wrong solution?

    .venv/bin/python benchmarks/mutants.py                      # every assignment
    .venv/bin/python benchmarks/mutants.py 04_cnn --cell conv2d # one assignment, one answer cell
    .venv/bin/python benchmarks/mutants.py --list 00_python     # only show the mutants, grade nothing

For every code answer cell of every source notebook, small AST-based mutation operators change
the reference solution (between ``### BEGIN SOLUTION`` and ``### END SOLUTION``) in one place each:
an arithmetic, comparison or boolean operator swapped, an integer constant or a slice bound off by
one, a condition negated, a ``+ 1`` or a factor removed, an axis changed, a wrong variable returned,
a statement deleted, a keyword argument dropped, ``max`` for ``min`` and so on. Each mutant goes
into an otherwise reference submission, which the project's :class:`Grader` grades like any
submission (two workers). A mutant is *killed* when a test cell of its answer cell (a test cell
calling a function the cell defines) scores below full marks.

Some mutants compute the same as the reference (an *equivalent* mutant, e.g. ``<`` for ``<=`` where
both sides are never equal). They were decided by reading them and are listed, each with the reason,
in ``benchmarks/mutants_equivalent.py``; they do not count in the kill rate. A second list there,
``NOT_GRADED``, holds mutants that do compute something else, but only in what the task leaves free
and its stated grading deliberately does not judge (a training hyperparameter the text gives as an
example, an architecture the text leaves open); the table counts them apart ("free") and prints two
rates: killed / (mutants - equivalent - free), and the strict killed / (mutants - equivalent), which
counts them as survivors. Survivors that are listed in neither are written with their diff to ``--out``.

Training units (cells whose tests give a call its own ``timeout=``, e.g. ``fit_diabetes``) take
seconds to minutes per run: their mutants are skipped unless ``--training N`` samples N of them per
cell, and when another cell's mutants are graded, the training cells are replaced by the release
stub (``raise NotImplementedError()``) so that no training runs. ``--cap N`` samples at most N mutants
per cell (``--seed`` makes the sample reproducible).
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures as cf
import difflib
import hashlib
import json
import os
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"

# ---------------------------------------------------------------------------------------------
# Mutation operators
# ---------------------------------------------------------------------------------------------

BINOP_SWAP = {ast.Add: ["-"], ast.Sub: ["+"], ast.Mult: ["/"], ast.Div: ["*", "//"], ast.FloorDiv: ["/"],
              ast.Mod: ["//"], ast.Pow: ["*"], ast.MatMult: ["*"], ast.BitAnd: ["|"], ast.BitOr: ["&"]}
BINOP_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
                ast.Pow: "**", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
                ast.LShift: "<<", ast.RShift: ">>"}
CMP_SWAP = {ast.Lt: "<=", ast.LtE: "<", ast.Gt: ">=", ast.GtE: ">", ast.Eq: "!=", ast.NotEq: "==",
            ast.In: "not in", ast.NotIn: "in", ast.Is: "is not", ast.IsNot: "is"}
CMP_SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
              ast.In: "in", ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}
#: function and method names replaced by a plausible wrong one
NAME_SWAP = {"max": "min", "min": "max", "argmax": "argmin", "argmin": "argmax", "amax": "amin", "amin": "amax",
             "maximum": "minimum", "minimum": "maximum", "sum": "mean", "mean": "sum", "floor": "ceil",
             "ceil": "floor", "std": "var", "var": "std", "nanmax": "nanmin", "nanmin": "nanmax",
             "prod": "sum", "any": "all", "all": "any", "hstack": "vstack", "vstack": "hstack",
             "sigmoid": "tanh", "relu": "sigmoid", "log": "log1p", "cumsum": "cumprod"}
#: calls whose removal is a typical mistake: f(x, ...) -> x
UNWRAP = {"abs", "sqrt", "clip", "exp", "log", "floor", "ceil", "round", "sorted", "reversed", "transpose",
          "squeeze", "maximum", "minimum", "int", "tanh", "sigmoid", "set"}
#: methods whose removal is a typical mistake: x.lower() -> x, x.copy() -> x
UNWRAP_METHODS = {"lower", "strip", "copy", "astype"}
#: string constants replaced by a plausible wrong one (activations, padding, losses, ...)
STRING_SWAP = {"same": "valid", "valid": "same", "relu": "tanh", "tanh": "relu", "sigmoid": "softmax",
               "softmax": "sigmoid", "linear": "relu", "elu": "relu", "selu": "relu", "mse": "mae",
               "mae": "mse", "binary_crossentropy": "categorical_crossentropy",
               "categorical_crossentropy": "sparse_categorical_crossentropy",
               "sparse_categorical_crossentropy": "categorical_crossentropy", "adam": "sgd", "nadam": "adam",
               "sgd": "adam", "he_normal": "glorot_uniform", "glorot_uniform": "he_normal", "core": "border",
               "border": "noise", "noise": "core", "accuracy": "mse", "fan_in": "fan_out", "fan_out": "fan_in",
               "fan_avg": "fan_in", "normal": "uniform", "uniform": "normal"}
#: keywords whose removal changes nothing by construction (noise for the kill rate)
KEEP_KEYWORDS = {"name", "verbose", "file", "flush", "end", "sep"}
#: calls whose arguments are not swapped (order is not a convention there)
NO_ARG_SWAP = {"range", "print", "isinstance", "getattr", "setattr", "hasattr", "zip", "enumerate", "format",
               "partial", "ValueError", "TypeError", "full", "setdefault", "get", "insert"}


@dataclass
class Mutant:
    assignment: str
    notebook: str
    cell: str
    operator: str
    line: int          # line in the cell (1-based)
    description: str
    source: str        # the whole mutated cell
    original: str      # the reference cell
    id: str = ""

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.original.splitlines(True), self.source.splitlines(True),
                                            f"{self.cell} (Referenz)", f"{self.cell} (Mutant)", n=1))


@dataclass
class Edit:
    start: int         # byte offsets into the UTF-8 source
    end: int
    text: str
    operator: str
    line: int
    description: str


def _segment_finder(source: str):
    data = source.encode("utf-8")
    starts = [0]
    for line in data.splitlines(True):
        starts.append(starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:
        return starts[lineno - 1] + col

    return data, offset


class Mutator(ast.NodeVisitor):
    """Collects the edits of one cell's solution region (each edit is one mutant)."""

    def __init__(self, source: str, lines: range):
        self.source, self.lines = source, lines
        self.data, self._offset = _segment_finder(source)
        self.edits: list[Edit] = []
        self.function_stack: list[ast.FunctionDef] = []
        self.in_fstring = 0

    # helpers ------------------------------------------------------------------------------
    def span(self, node) -> tuple[int, int]:
        return self._offset(node.lineno, node.col_offset), self._offset(node.end_lineno, node.end_col_offset)

    def text(self, node) -> str:
        a, b = self.span(node)
        return self.data[a:b].decode("utf-8")

    def inside(self, node) -> bool:
        return (not self.in_fstring and hasattr(node, "lineno") and node.lineno in self.lines
                and node.end_lineno in self.lines)

    def add(self, node_or_span, text: str, operator: str, description: str, line: int | None = None):
        if isinstance(node_or_span, tuple):
            start, end = node_or_span
        else:
            start, end = self.span(node_or_span)
            line = node_or_span.lineno
        self.edits.append(Edit(start, end, text, operator, line or 0, description))

    def replace_token(self, left_end: int, right_start: int, symbol: str, new: str, operator: str,
                      line: int, description: str):
        """Replace the operator token between two operands (the gap holds only it, spaces and parens)."""
        gap = self.data[left_end:right_start].decode("utf-8")
        m = re.fullmatch(r"([\s()\\]*)" + re.escape(symbol) + r"([\s()\\]*)", gap) if " " not in symbol else \
            re.fullmatch(r"([\s()\\]*)" + r"\s+".join(map(re.escape, symbol.split())) + r"([\s()\\]*)", gap)
        if not m:
            return
        start = left_end + len(m.group(1).encode())
        end = right_start - len(m.group(2).encode())
        self.edits.append(Edit(start, end, new, operator, line, description))

    # visitors -----------------------------------------------------------------------------
    def visit_FunctionDef(self, node):
        self.function_stack.append(node)
        self.generic_visit(node)
        self.function_stack.pop()

    def visit_JoinedStr(self, node):  # positions inside f-strings are unreliable in Python 3.11
        self.in_fstring += 1
        self.generic_visit(node)
        self.in_fstring -= 1

    def visit_BinOp(self, node):
        if self.inside(node):
            symbol = BINOP_SYMBOL.get(type(node.op))
            left_end = self._offset(node.left.end_lineno, node.left.end_col_offset)
            right_start = self._offset(node.right.lineno, node.right.col_offset)
            for new in BINOP_SWAP.get(type(node.op), []):
                self.replace_token(left_end, right_start, symbol, new, "AOR", node.lineno,
                                   f"'{symbol}' -> '{new}'")
            if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Pow)):
                keep = node.left
                if isinstance(node.left, ast.Constant) and not isinstance(node.right, ast.Constant):
                    keep = node.right
                self.add(node, f"({self.text(keep)})", "OPERAND",
                         f"'{_short(self.text(node))}' -> '{_short(self.text(keep))}'")
            if isinstance(node.op, (ast.Sub, ast.Div, ast.MatMult)) and self.text(node.left) != self.text(node.right):
                self.add(node, f"({self.text(node.right)} {symbol} {self.text(node.left)})", "SWAP",
                         f"Operanden von '{symbol}' vertauscht")
        self.generic_visit(node)

    def visit_UnaryOp(self, node):
        if self.inside(node) and isinstance(node.op, (ast.USub, ast.Not, ast.Invert)):
            self.add(node, f"({self.text(node.operand)})", "UOI",
                     f"'{_short(self.text(node))}' -> '{_short(self.text(node.operand))}'")
        self.generic_visit(node)

    def visit_Compare(self, node):
        if self.inside(node):
            operands = [node.left] + node.comparators
            for k, op in enumerate(node.ops):
                left_end = self._offset(operands[k].end_lineno, operands[k].end_col_offset)
                right_start = self._offset(operands[k + 1].lineno, operands[k + 1].col_offset)
                symbol, new = CMP_SYMBOL[type(op)], CMP_SWAP[type(op)]
                self.replace_token(left_end, right_start, symbol, new, "ROR", node.lineno, f"'{symbol}' -> '{new}'")
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        if self.inside(node):
            symbol, new = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
            for a, b in zip(node.values, node.values[1:]):
                left_end = self._offset(a.end_lineno, a.end_col_offset)
                self.replace_token(left_end, self._offset(b.lineno, b.col_offset), symbol, new, "LCR",
                                   node.lineno, f"'{symbol}' -> '{new}'")
        self.generic_visit(node)

    def _negate(self, test, statement: bool):
        if self.inside(test):
            text = f"not ({self.text(test)})"
            self.add(test, text if statement else f"({text})", "NEG", f"Bedingung negiert: '{_short(self.text(test))}'")

    def visit_If(self, node):
        self._negate(node.test, True)
        self._delete(node)
        self.generic_visit(node)

    def visit_While(self, node):
        self._negate(node.test, True)
        self.generic_visit(node)

    def visit_IfExp(self, node):
        self._negate(node.test, False)
        self.generic_visit(node)

    def visit_comprehension(self, node):
        for test in node.ifs:
            self._negate(test, False)
        self.generic_visit(node)

    def visit_Constant(self, node):
        if self.inside(node):
            v = node.value
            if isinstance(v, bool):
                self.add(node, str(not v), "CONST", f"{v} -> {not v}")
            elif isinstance(v, int):
                for new in (v + 1, v - 1):
                    self.add(node, str(new), "CONST", f"{v} -> {new}")
            elif isinstance(v, float):
                new = 0.0 if 0 < abs(v) < 1e-3 else v + 1.0
                self.add(node, repr(new), "CONST", f"{v!r} -> {new!r}")
            elif isinstance(v, str) and v in STRING_SWAP:
                self.add(node, repr(STRING_SWAP[v]), "CONST", f"{v!r} -> {STRING_SWAP[v]!r}")
            elif isinstance(v, str) and len(v) > 1 and re.fullmatch(r"[^\w\s]+", v):
                self.add(node, repr(v[1:]), "CONST", f"{v!r} -> {v[1:]!r}")

    def visit_Attribute(self, node):
        if self.inside(node) and isinstance(node.ctx, ast.Load):
            if node.attr in NAME_SWAP:
                start, end = self.span(node)
                self.add((end - len(node.attr), end), NAME_SWAP[node.attr], "NAME",
                         f"'{node.attr}' -> '{NAME_SWAP[node.attr]}'", node.lineno)
            if node.attr == "T":
                self.add(node, f"({self.text(node.value)})", "UNWRAP", "'.T' entfernt")
        self.generic_visit(node)

    def visit_Name(self, node):
        if self.inside(node) and isinstance(node.ctx, ast.Load) and node.id in NAME_SWAP \
                and node.id in {"max", "min", "sum", "any", "all"}:
            self.add(node, NAME_SWAP[node.id], "NAME", f"'{node.id}' -> '{NAME_SWAP[node.id]}'")

    def visit_Call(self, node):
        if self.inside(node):
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name == "print":
                return
            if name in UNWRAP:
                if node.args:
                    keep = node.args[0]
                    if name in ("maximum", "minimum") and len(node.args) == 2 and isinstance(keep, (ast.Constant,
                                                                                                   ast.UnaryOp)):
                        keep = node.args[1]
                    self.add(node, f"({self.text(keep)})", "UNWRAP", f"'{name}(...)' entfernt")
                elif isinstance(node.func, ast.Attribute) and not node.keywords:
                    self.add(node, f"({self.text(node.func.value)})", "UNWRAP", f"'.{name}()' entfernt")
            elif name in UNWRAP_METHODS and isinstance(node.func, ast.Attribute):
                self.add(node, f"({self.text(node.func.value)})", "UNWRAP", f"'.{name}(...)' entfernt")
            items = sorted(node.args + node.keywords, key=lambda n: (n.lineno, n.col_offset))
            for k, kw in enumerate(items):
                if not isinstance(kw, ast.keyword) or kw.arg is None or kw.arg in KEEP_KEYWORDS:
                    continue
                self._delete_item(items, k, "KWARG", f"Argument '{kw.arg}=...' entfernt")
            if len(node.args) >= 2 and name not in NO_ARG_SWAP and not any(isinstance(a, ast.Starred)
                                                                          for a in node.args[:2]):
                a, b = node.args[:2]
                if self.text(a) != self.text(b) and not (isinstance(a, ast.Constant) and isinstance(b, ast.Constant)):
                    (sa, ea), (sb, eb) = self.span(a), self.span(b)
                    mid = self.data[ea:sb].decode("utf-8")
                    self.add((sa, eb), self.text(b) + mid + self.text(a), "ARGSWAP",
                             f"Argumente von '{name}' vertauscht", node.lineno)
            if name in ("range", "arange") and node.args:
                last = node.args[-1] if len(node.args) <= 2 else node.args[1]
                if not isinstance(last, ast.Constant):
                    self.add(last, f"({self.text(last)} - 1)", "OFF1", f"'{name}' endet eine Stelle früher")
        self.generic_visit(node)

    def _delete_item(self, items, k, operator, description):
        item = items[k]
        if k + 1 < len(items):
            start = self.span(item)[0]
            end = self._offset(items[k + 1].lineno, items[k + 1].col_offset)
        elif k > 0:
            prev = items[k - 1]
            start = self._offset(prev.end_lineno, prev.end_col_offset)
            end = self.span(item)[1]
        else:
            start, end = self.span(item)
        self.add((start, end), "", operator, description, item.lineno)

    def visit_List(self, node):
        if self.inside(node) and isinstance(node.ctx, ast.Load) and len(node.elts) >= 2:
            for k, elt in enumerate(node.elts):
                if k == 0 and len(node.elts) > 2 and "Input" in self.text(elt):
                    continue
                self._delete_item(node.elts, k, "LISTDEL", f"Listenelement '{_short(self.text(elt))}' entfernt")
        self.generic_visit(node)

    def visit_Subscript(self, node):
        if self.inside(node) and isinstance(node.slice, ast.Slice):
            for bound in (node.slice.lower, node.slice.upper):
                if bound is not None and not isinstance(bound, (ast.Constant, ast.UnaryOp)):
                    for sign in ("+", "-"):
                        self.add(bound, f"({self.text(bound)} {sign} 1)", "SLICE",
                                 f"Slice-Grenze '{_short(self.text(bound))}' {sign} 1")
        self.generic_visit(node)

    def visit_Return(self, node):
        if self.inside(node) and node.value is not None and self.function_stack:
            value = node.value
            if isinstance(value, ast.Name):
                for other in self._other_names(value.id, node.lineno)[:2]:
                    self.add(value, other, "RETURN", f"gibt '{other}' statt '{value.id}' zurück")
            elif isinstance(value, ast.Tuple) and len(value.elts) >= 2:
                a, b = value.elts[:2]
                if self.text(a) != self.text(b):
                    (sa, ea), (sb, eb) = self.span(a), self.span(b)
                    mid = self.data[ea:sb].decode("utf-8")
                    self.add((sa, eb), self.text(b) + mid + self.text(a), "RETURN",
                             "Reihenfolge der Rückgabewerte vertauscht", node.lineno)
        self.generic_visit(node)

    def _other_names(self, name: str, before: int) -> list[str]:
        func = self.function_stack[-1]
        seen: dict[str, int] = {a.arg: func.lineno for a in func.args.args}
        for n in ast.walk(func):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.lineno < before:
                seen[n.id] = max(seen.get(n.id, 0), n.lineno)
        seen.pop(name, None)
        return [n for n, _ in sorted(seen.items(), key=lambda kv: -kv[1])]

    def visit_AugAssign(self, node):
        if self.inside(node):
            symbol = BINOP_SYMBOL.get(type(node.op), "?") + "="
            left_end = self._offset(node.target.end_lineno, node.target.end_col_offset)
            right_start = self._offset(node.value.lineno, node.value.col_offset)
            for new in BINOP_SWAP.get(type(node.op), [])[:1]:
                self.replace_token(left_end, right_start, symbol, new + "=", "AOR", node.lineno,
                                   f"'{symbol}' -> '{new}='")
            self.replace_token(left_end, right_start, symbol, "=", "AOR", node.lineno, f"'{symbol}' -> '='")
            self._delete(node)
        self.generic_visit(node)

    def visit_Assign(self, node):
        if self.inside(node) and self.function_stack:
            targets = [t for t in node.targets]
            reassigned = any(isinstance(t, ast.Name) and t.id in self._other_names("", node.lineno) + [
                a.arg for a in self.function_stack[-1].args.args] for t in targets)
            if reassigned or any(isinstance(t, (ast.Subscript, ast.Attribute)) for t in targets):
                self._delete(node)
        self.generic_visit(node)

    def visit_Expr(self, node):
        if self.inside(node) and not isinstance(node.value, ast.Constant):
            call = node.value
            is_print = isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"
            if not is_print:
                self._delete(node)
        self.generic_visit(node)

    def visit_Raise(self, node):
        self._delete(node)
        self.generic_visit(node)

    def visit_Continue(self, node):
        self._delete(node)

    def visit_Break(self, node):
        self._delete(node)

    def _delete(self, node):
        if self.inside(node):
            self.add(node, "pass", "STMTDEL", f"Anweisung gelöscht: '{_short(self.text(node).splitlines()[0])}'")


def _short(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def solution_lines(source: str) -> range:
    lines = source.splitlines()
    begin = next((i for i, line in enumerate(lines, 1) if line.strip() == BEGIN), None)
    end = next((i for i, line in enumerate(lines, 1) if line.strip() == END), None)
    if begin is None or end is None:
        return range(1, len(lines) + 1)
    return range(begin + 1, end)


def mutants_of_cell(assignment: str, notebook: str, cell: str, source: str) -> list[Mutant]:
    tree = ast.parse(source)
    mutator = Mutator(source, solution_lines(source))
    mutator.visit(tree)
    data = source.encode("utf-8")
    seen = {_normal(source)}
    out = []
    for e in mutator.edits:
        new = (data[:e.start] + e.text.encode("utf-8") + data[e.end:]).decode("utf-8")
        try:
            norm = _normal(new)
        except SyntaxError:
            continue
        if norm in seen:
            continue
        seen.add(norm)
        line = source.encode("utf-8")[:e.start].count(b"\n") + 1
        m = Mutant(assignment, notebook, cell, e.operator, line, e.description, new, source)
        m.id = f"{assignment}/{cell}#{hashlib.sha1(norm.encode()).hexdigest()[:8]}"
        out.append(m)
    return out


def _normal(source: str) -> str:
    return ast.unparse(ast.parse(source))


# ---------------------------------------------------------------------------------------------
# Notebooks, test cells, grading
# ---------------------------------------------------------------------------------------------

def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _src(cell: dict) -> str:
    s = cell["source"]
    return "".join(s) if isinstance(s, list) else s


def answer_cells(path: Path) -> dict[str, str]:
    out = {}
    for c in _cells(path):
        md = c.get("metadata", {}).get("nbgrader", {})
        if c["cell_type"] == "code" and md.get("solution") and not md.get("grade"):
            out[md["grade_id"]] = _src(c)
    return out


def defined_functions(source: str) -> set[str]:
    return {n.name for n in ast.parse(source).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


@dataclass
class Unit:
    """One answer cell: what it defines, the test cells that judge it, whether it trains."""

    cell: str
    source: str
    tests: list[str] = field(default_factory=list)
    training: bool = False


def units_of(grader, assignment: str, notebook: str) -> list[Unit]:
    a = grader.assignment(assignment, notebook)
    units = []
    for cell, source in answer_cells(a.source_path).items():
        names = defined_functions(source)
        tests = [t for t in a.tests if any(c.function in names for c in t.cases) or t.grade_id == f"test_{cell}"]
        training = any(c.timeout is not None and c.timeout > grader.course.limits["case_timeout"]
                       for t in tests for c in t.cases)
        units.append(Unit(cell, source, [t.grade_id for t in tests], training))
    return units


def load_equivalent() -> dict[str, str]:
    """Every listed mutant with its reason: the equivalent ones and those the task does not grade."""
    try:
        from mutants_equivalent import EQUIVALENT, NOT_GRADED
    except ImportError:
        return {}
    return {**EQUIVALENT, **NOT_GRADED}


def load_free() -> set[str]:
    try:
        from mutants_equivalent import NOT_GRADED
    except ImportError:
        return set()
    return set(NOT_GRADED)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", nargs="*", help="assignments (default: all)")
    parser.add_argument("--cell", action="append", default=[], help="only these answer cells (repeatable)")
    parser.add_argument("--cap", type=int, default=0, help="at most N mutants per cell, sampled (0: all)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the samples (--cap, --training)")
    parser.add_argument("--training", type=int, default=0,
                        help="grade N sampled mutants per training cell (default 0: skip them)")
    parser.add_argument("--workers", type=int, default=2, help="grading workers (default 2)")
    parser.add_argument("--out", default=str(ROOT / ".grader" / "mutants" / "survivors.txt"),
                        help="file for the survivors with their diffs")
    parser.add_argument("--json", help="also write every mutant's verdict to this JSON file (rewritten after "
                                       "each mutant, so an interrupted run keeps what it graded)")
    parser.add_argument("--resume", action="store_true",
                        help="with --json: keep the verdicts already in that file and grade only the others")
    parser.add_argument("--list", action="store_true", help="only list the mutants, grade nothing")
    parser.add_argument("--summary", nargs="+", metavar="JSON",
                        help="grade nothing: the table of earlier --json files (a later file's verdict on the "
                             "same mutant wins, e.g. a re-run after a test was added), with the current list "
                             "of equivalent mutants")
    args = parser.parse_args(argv)
    if args.summary:
        return summary(args.summary)

    from autograder.course import load_course
    from autograder.files import write_atomic
    from autograder.grading.grader import Grader
    sys.path.insert(0, str(ROOT / "tests"))
    from fixturelib import build_notebook

    course = load_course(ROOT)
    # Mutants may loop forever: shorter limits than for students (training calls keep their timeout=).
    course.limits.update(case_timeout=min(course.limits["case_timeout"], 5.0),
                         cell_timeout=min(course.limits["cell_timeout"], 15.0))
    assignments = args.assignments or list(course.assignments)
    equivalent, free = load_equivalent(), load_free()
    rows, survivors, verdicts, notes = [], [], [], []
    done: dict[str, dict] = {}
    if args.resume:
        if not args.json:
            parser.error("--resume needs --json")
        if Path(args.json).exists():
            done = {v["id"]: v for v in json.loads(Path(args.json).read_text(encoding="utf-8"))}

    def save() -> None:
        if args.json:
            write_atomic(Path(args.json), json.dumps(verdicts, indent=1, ensure_ascii=False))

    started = time.perf_counter()
    with Grader(course, workers=args.workers) as grader, tempfile.TemporaryDirectory() as tmp:
        for assignment in assignments:
            counts = dict(mutants=0, killed=0, survived=0, equivalent=0, free=0, skipped=0)
            for notebook in course.notebooks(assignment):
                source_path = course.source_path(assignment, notebook)
                release = {k: v for k, v in answer_cells(course.release_path(assignment, notebook)).items()}
                units = units_of(grader, assignment, notebook)
                stubs = {u.cell: release[u.cell] for u in units if u.training}
                jobs: list[tuple[Mutant, Unit]] = []
                for unit in units:
                    if args.cell and unit.cell not in args.cell:
                        continue
                    if not unit.tests:
                        notes.append(f"{assignment}/{unit.cell}: no test cell calls its functions")
                        continue
                    found = mutants_of_cell(assignment, notebook, unit.cell, unit.source)
                    cap = args.training if unit.training else args.cap
                    if unit.training and not cap:
                        counts["skipped"] += len(found)
                        notes.append(f"{assignment}/{unit.cell}: training unit, {len(found)} mutants skipped "
                                     f"(--training N samples N)")
                        continue
                    if cap and len(found) > cap:
                        notes.append(f"{assignment}/{unit.cell}: {cap} of {len(found)} mutants sampled "
                                     f"(seed {args.seed})")
                        counts["skipped"] += len(found) - cap
                        # one generator per cell: the sample does not depend on which cells or assignments run
                        rng = random.Random(f"{args.seed}/{assignment}/{unit.cell}")
                        found = sorted(rng.sample(found, cap), key=found.index)
                    for m in found:
                        # --resume: a kill stands (tests are only ever added), so does a listed equivalent;
                        # an earlier survivor is graded again (a hidden case may have been added since)
                        v = done.get(m.id)
                        if v and (v["verdict"] == "killed" or m.id in equivalent):
                            v = dict(v, verdict="killed" if v["verdict"] == "killed" else "equivalent")
                            counts["mutants"] += 1
                            counts[v["verdict"]] += 1
                            counts["free"] += v["verdict"] == "equivalent" and m.id in free
                            verdicts.append(v)
                        else:
                            jobs.append((m, unit))
                if args.list:
                    for m, _ in jobs:
                        print(f"{m.id:40} {m.operator:8} L{m.line:<3} {m.description}")
                    counts["mutants"] += len(jobs)
                    continue
                if not jobs:
                    continue
                grader.key(grader.assignment(assignment, notebook))
                base = build_notebook(source_path, stubs, Path(tmp) / assignment / "base" / f"{notebook}.ipynb")
                baseline = grader.grade(assignment, notebook, base, "reference")
                full = {i.grade_id for i in baseline.items if i.kind == "autograded" and i.passed}

                def grade(job, assignment=assignment, notebook=notebook, source_path=source_path, stubs=stubs):
                    m, unit = job
                    cells = {**stubs, m.cell: m.source}
                    if unit.training:  # this training cell runs; the others stay stubs
                        cells = {**{k: v for k, v in stubs.items() if k != unit.cell}, m.cell: m.source}
                    path = build_notebook(source_path, cells,
                                          Path(tmp) / assignment / m.id.split("#")[1] / f"{notebook}.ipynb")
                    return grader.grade(assignment, notebook, path, m.id.split("#")[1])

                with cf.ThreadPoolExecutor(max_workers=grader.pool.n) as pool:
                    for (m, unit), result in zip(jobs, pool.map(grade, jobs)):
                        watched = [t for t in unit.tests if t in full or unit.training]
                        if len(watched) < len(unit.tests):
                            notes.append(f"{assignment}/{unit.cell}: reference not at full marks in "
                                         f"{sorted(set(unit.tests) - set(watched))}")
                        lost = [i.grade_id for i in result.items if i.grade_id in watched and not i.passed]
                        counts["mutants"] += 1
                        if lost:
                            counts["killed"] += 1
                            verdict = "killed"
                            if m.id in equivalent:
                                notes.append(f"{m.id} is listed as equivalent but was killed in {lost}")
                        elif m.id in equivalent:
                            counts["equivalent"] += 1
                            counts["free"] += m.id in free
                            verdict = "equivalent"
                        else:
                            counts["survived"] += 1
                            verdict = "survived"
                            survivors.append(m)
                        verdicts.append({"id": m.id, "operator": m.operator, "line": m.line,
                                         "description": m.description, "verdict": verdict, "lost": lost})
                        save()
            rows.append((assignment, counts))
            _print_row(assignment, counts)

    print()
    _print_table(rows)
    print(f"\n{time.perf_counter() - started:.0f} s, {args.workers} workers")
    for note in dict.fromkeys(notes):
        print("  " + note)
    if not args.list:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as f:
            for m in survivors:
                f.write(f"## {m.id}  [{m.operator}] Zeile {m.line}: {m.description}\n{m.diff()}\n")
        print(f"{len(survivors)} survivors with their diffs: {out}")
        listed = [v for v in verdicts if v["verdict"] == "equivalent"]
        if listed:
            print("listed mutants (benchmarks/mutants_equivalent.py; [frei]: the task leaves it free):")
            for v in listed:
                mark = "[frei] " if v["id"] in free else ""
                print(f"  {v['id']:38} {mark}{v['description']}: {equivalent[v['id']]}")
    save()
    return 0


def summary(files: list[str]) -> int:
    """The table of earlier runs' verdicts, re-read with the current list of equivalent mutants."""
    equivalent, free = load_equivalent(), load_free()
    verdicts: dict[str, dict] = {}
    for name in files:
        for v in json.loads(Path(name).read_text(encoding="utf-8")):
            verdicts[v["id"]] = v
    rows: dict[str, dict] = {}
    for mid, v in verdicts.items():
        c = rows.setdefault(mid.split("/")[0], dict(mutants=0, killed=0, survived=0, equivalent=0, free=0,
                                                    skipped=0))
        c["mutants"] += 1
        if v["verdict"] == "killed":
            c["killed"] += 1
        elif mid in equivalent:
            c["equivalent"] += 1
            c["free"] += mid in free
        else:
            c["survived"] += 1
            print(f"survived: {mid}  {v['description']}")
    _print_table(sorted(rows.items()))
    print("(skipped: not in the --json files; see the table each run printed)")
    return 0


HEADER = (f"{'assignment':20} {'mutants':>7} {'killed':>7} {'survived':>8} {'equiv.':>7} {'free':>5} "
          f"{'kill rate':>9} {'strict':>8} {'skipped':>8}")


def _rate(c: dict, strict: bool = False) -> str:
    """killed / (mutants - equivalent - free); strict: the free ones count as survivors.

    ``equivalent`` includes the free ones (both lists are read as one by the run)."""
    denominator = c["mutants"] - c["equivalent"] + (c["free"] if strict else 0)
    return f"{100 * c['killed'] / denominator:8.1f}%" if denominator else "        –"


def _print_row(assignment: str, c: dict) -> None:
    print(f"[{assignment}] {c['mutants']} mutants: {c['killed']} killed, {c['survived']} survived, "
          f"{c['equivalent'] - c['free']} equivalent, {c['free']} free (not graded by the task), "
          f"kill rate {_rate(c).strip()}, strict {_rate(c, strict=True).strip()}", flush=True)


def _print_table(rows) -> None:
    print(HEADER)
    total = dict(mutants=0, killed=0, survived=0, equivalent=0, free=0, skipped=0)
    for assignment, c in rows:
        print(f"{assignment:20} {c['mutants']:7} {c['killed']:7} {c['survived']:8} {c['equivalent'] - c['free']:7} "
              f"{c['free']:5} {_rate(c)} {_rate(c, strict=True):>8} {c['skipped']:8}")
        for k in total:
            total[k] += c[k]
    if len(rows) > 1:
        print(f"{'total':20} {total['mutants']:7} {total['killed']:7} {total['survived']:8} "
              f"{total['equivalent'] - total['free']:7} {total['free']:5} {_rate(total)} "
              f"{_rate(total, strict=True):>8} {total['skipped']:8}")


if __name__ == "__main__":
    raise SystemExit(main())
