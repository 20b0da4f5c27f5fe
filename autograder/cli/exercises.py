"""Commands on one assignment notebook: list, release, grade, validate."""

from __future__ import annotations

import json
from pathlib import Path

from autograder.cli.common import print_result
from autograder.course import CourseError, load_course
from autograder.errors import UsageError


def cmd_list(args) -> int:
    from autograder.notebook import load_source

    course = load_course(args.course)
    out = []
    for name, spec in course.assignments.items():
        notebooks = []
        for nb in spec.get("notebooks", []):
            path = course.source_path(name, nb)
            if not path.is_file():
                raise CourseError(f"{path.relative_to(course.root)} is missing")
            src = load_source(path)
            notebooks.append({"name": nb, "max_score": src.max_score, "max_autograded": src.max_autograded,
                              "items": [{"id": i.grade_id, "points": i.points, "kind": i.kind} for i in src.items]})
        out.append({"assignment": name, "title": spec.get("title", ""), "due": spec.get("due"),
                    "notebooks": notebooks, "max_score": sum(n["max_score"] for n in notebooks)})
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for a in out:
            print(f"{a['assignment']:20} {a['max_score']:6g} Punkte  {a['title']}")
            for nb in a["notebooks"]:
                for item in nb["items"]:
                    print(f"    {nb['name']}/{item['id']:28} {item['points']:4g}  {item['kind']}")
    return 0


def cmd_release(args) -> int:
    import sys

    from autograder.gradebook.release import release

    course = load_course(args.course)
    names = args.assignments or list(course.assignments)
    for name in names:
        course.assignment(name)
    entries = {}
    if not args.no_verify:
        from autograder.grading.grader import Grader
        from autograder.grading.verify import verify

        with Grader(course) as grader:
            problems, entries = verify(grader, names, log=print)
        if problems:
            for problem in problems:
                print(problem.line(), file=sys.stderr)
            print(f"autograder: error: release refused: the reference solution fails {len(problems)} "
                  f"check(s) (fix the source, or release anyway with --no-verify)", file=sys.stderr)
            return 1
    for path in release(course, names):
        print(f"released {path.relative_to(course.root)}")
    if not args.no_verify:
        from autograder.grading.verify import write_check_files

        for name in names:
            folder = course.root / "release" / name
            by_notebook = {nb: entries.get((name, nb), []) for nb in course.notebooks(name)}
            for path in write_check_files(folder, by_notebook):
                print(f"released {path.relative_to(course.root)}")
    return 0


def _notebook_for(course, assignment: str, path: Path) -> str:
    notebooks = course.notebooks(assignment)
    if path.stem in notebooks:
        return path.stem
    if len(notebooks) == 1:
        return notebooks[0]
    raise UsageError(f"cannot tell which notebook of {assignment} {path.name} is (one of {', '.join(notebooks)})")


def _infer_assignment(course, path: Path) -> str:
    for part in reversed(path.resolve().parts[:-1]):
        if part in course.assignments:
            return part
    for name in course.assignments:
        if path.stem in course.notebooks(name):
            return name
    raise UsageError(f"cannot tell the assignment of {path}; pass --assignment")


def cmd_grade(args) -> int:
    from autograder.grading.grader import Grader

    course = load_course(args.course)
    course.assignment(args.assignment)
    path = Path(args.notebook)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    notebook = _notebook_for(course, args.assignment, path)
    with Grader(course) as grader:
        result = grader.grade(args.assignment, notebook, path, student=args.student)
    if args.json:
        print(json.dumps(result.to_gradescope(), indent=2, ensure_ascii=False))
    else:
        print_result(result)
    return 0


def cmd_validate(args) -> int:
    """Every visible test of one notebook, ✓ or ✗; exit status 1 when one fails (as the student's own)."""
    from autograder.grading.grader import Grader
    from autograder.student.cli import tally

    course = load_course(args.course)
    path = Path(args.notebook)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    assignment = args.assignment or _infer_assignment(course, path)
    notebook = _notebook_for(course, assignment, path)
    with Grader(course) as grader:
        result = grader.grade(assignment, notebook, path, student="validate", visible_only=True)
    passed = failed = 0
    for line in result.summary_lines():
        if "Tutor" not in line:
            print(line)
    for item in result.items:
        for case in item.cases:
            ok = case.fraction >= 1
            passed += ok
            failed += not ok
            print(("✓ " if ok else "✗ ") + case.label + ("" if ok else f"\n    {case.message}"))
    print(tally(passed, failed))
    return 1 if failed else 0


def key_document(grader, assignment: str, notebook: str, hidden_only: bool = False) -> dict:
    """Every case of one notebook with its expected value, as TAs read it (``autograder key``)."""
    from autograder.grading import compare
    from autograder.grading.cases import Rule
    from autograder.sandbox import plain

    a = grader.assignment(assignment, notebook)
    key = grader.key(a)   # from .grader/keys, computed in the sandbox when missing
    cells = []
    for test in a.tests:
        total = sum(c.weight for c in test.cases) or 1.0
        rows = []
        for n, case in enumerate(test.cases, 1):
            if hidden_only and not case.hidden:
                continue
            if isinstance(case.expect, Rule):
                expected, origin = compare.describe(case.expect, 300), "Regel"
            elif case.has_expect:
                expected, origin = compare.describe(plain.decode(plain.encode(case.expect)), 300), "im Test"
            else:
                expected, origin = compare.describe(key.get(case.case_id), 300), "Referenzlösung"
            rows.append({"number": n, "case_id": case.case_id, "hidden": case.hidden, "desc": case.desc,
                         "call": case.call_text(), "points": round(test.points * case.weight / total, 4),
                         "expected": expected, "origin": origin})
        if rows:
            cells.append({"grade_id": test.grade_id, "points": test.points, "cases": rows})
    return {"assignment": assignment, "notebook": notebook, "cells": cells,
            "cases": sum(len(c["cases"]) for c in cells),
            "hidden": sum(r["hidden"] for c in cells for r in c["cases"])}


def cmd_key(args) -> int:
    from autograder.grading.grader import Grader

    course = load_course(args.course)
    course.assignment(args.assignment)
    notebooks = course.notebooks(args.assignment)
    if args.notebook:
        if args.notebook not in notebooks:
            raise UsageError(f"{args.assignment} has no notebook '{args.notebook}' (one of {', '.join(notebooks)})")
        notebooks = [args.notebook]
    with Grader(course) as grader:
        docs = [key_document(grader, args.assignment, nb, args.hidden_only) for nb in notebooks]
    if args.json:
        print(json.dumps(docs, indent=2, ensure_ascii=False))
        return 0
    from autograder.grading.compare import german_number, plural

    for doc in docs:
        which = "nur verborgene Testfälle" if args.hidden_only else f"davon {doc['hidden']} verborgen"
        print(f"{doc['assignment']}/{doc['notebook']} – Lösungsschlüssel: {plural(doc['cases'], 'Testfall', 'Testfälle')} ({which})")
        for cell in doc["cells"]:
            print(f"\nZelle {cell['grade_id']} ({plural(cell['points'], 'Punkt', 'Punkte')})")
            for row in cell["cases"]:
                kind = "verborgen" if row["hidden"] else "sichtbar"
                print(f"  {row['number']:>2}. {kind:9} {german_number(row['points'])} P.  "
                      f"{row['desc'] or '(ohne Beschreibung)'}")
                print(f"      Aufruf:   {row['call']}")
                print(f"      Erwartet: {row['expected']}  [{row['origin']}]")
        print()
    return 0


def add_commands(sub) -> None:
    """Register this module's subcommands on the ``autograder`` parser."""
    p = sub.add_parser("list", help="assignments, notebooks and graded items")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("release", help="source/ -> release/: check the reference against every case, then "
                                      "nbgrader generate_assignment + leak check")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--no-verify", action="store_true",
                   help="skip running the reference solution against every case (emergencies only; "
                        "check files for the visible tests are then left as they are)")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("validate", help="run a notebook and report its visible tests (for students)")
    p.add_argument("notebook")
    p.add_argument("--assignment")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("key", help="every test case of an assignment with its expected value (TAs, instructors)")
    p.add_argument("assignment")
    p.add_argument("--notebook", help="only this notebook of the assignment")
    p.add_argument("--hidden-only", action="store_true", help="only the hidden test cases")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_key)

    p = sub.add_parser("grade", help="grade one notebook file, no gradebook needed")
    p.add_argument("assignment")
    p.add_argument("notebook")
    p.add_argument("--student", default="student")
    p.add_argument("--json", action="store_true", help="print a Gradescope results.json document")
    p.set_defaults(func=cmd_grade)
