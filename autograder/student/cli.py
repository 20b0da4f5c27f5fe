"""``autograder`` on a student's machine: ``validate`` and ``quiz-validate``, nothing else.

``validate NOTEBOOK`` runs the notebook's code cells in order in one namespace – as
"Restart Kernel and Run All Cells" would – and lists every visible test (✓/✗; visible model
checks are judged with the check file released next to the notebook), the cells that failed,
and a count; it exits 1 when a visible test fails. It never needs the course's sources or keys: the hidden
tests run only when the instructor grades. ``quiz-validate NOTEBOOK`` reads every answer of a
quiz notebook the way the grader will and says whether its format is right.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import signal
import sys
import traceback
from pathlib import Path

CELL_TIMEOUT = 120.0


class _Timeout(Exception):
    pass


def _cells(path: Path) -> list[tuple[str, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        label = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"Zelle {i + 1}"
        out.append((label, source))
    return out


def _runner():
    """IPython's shell if it is there (magics work), else plain ``exec`` without magics."""
    try:
        from IPython.core.interactiveshell import InteractiveShell

        shell = InteractiveShell.instance()
        shell.user_ns["__name__"] = "__main__"

        def run(code: str):
            result = shell.run_cell(code, store_history=False, silent=False)
            return result.error_before_exec or result.error_in_exec

        return run
    except ImportError:
        namespace = {"__name__": "__main__"}

        def run(code: str):
            lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
            try:
                exec(compile("\n".join(lines), "<zelle>", "exec"), namespace)  # noqa: S102 - the student's own code
            except Exception as exc:  # noqa: BLE001
                traceback.print_exception(type(exc), exc, exc.__traceback__.tb_next)
                return exc
            return None

        return run


def validate(path: Path, out=sys.stdout) -> tuple[int, int]:
    """Run the notebook; returns (passed, failed) visible tests."""
    run = _runner()
    passed = failed = 0
    os.chdir(path.resolve().parent)  # data files next to the notebook, as in Jupyter
    old = signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(_Timeout()))
    try:
        for label, code in _cells(path):
            buffer = io.StringIO()
            signal.setitimer(signal.ITIMER_REAL, CELL_TIMEOUT)
            try:
                with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
                    error = run(code)
            except _Timeout:
                error = _Timeout()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            for line in buffer.getvalue().splitlines():
                if line.startswith("✓ "):
                    passed += 1
                    print(line, file=out)
                elif line.startswith("✗ "):
                    failed += 1
                    print(line, file=out)
                elif line.startswith("• "):   # run, but nothing to compare with here (no check file)
                    print(line, file=out)
            if isinstance(error, _Timeout):
                print(f"Zelle '{label}': Zeitlimit von {CELL_TIMEOUT:g} s überschritten", file=out)
            elif error is not None:
                print(f"Zelle '{label}': Fehler: {type(error).__name__}: {error}", file=out)
    finally:
        signal.signal(signal.SIGALRM, old)
    print(tally(passed, failed), file=out)
    return passed, failed


def answers_tally(good: int, total: int) -> str:
    """The closing count of a quiz's format check: '1 von 13 Antworten hat …', '2 von 13 Antworten haben …'."""
    noun = "Antwort" if total == 1 else "Antworten"
    return f"{good} von {total} {noun} {'hat' if good == 1 or total == 1 else 'haben'} ein gültiges Format " \
           "(ob sie stimmen, zeigt erst die Bewertung)."


def tally(passed: int, failed: int) -> str:
    """The closing count of a validation, in German with singular and plural right."""
    from autograder.grading.compare import plural

    return f"{plural(passed, 'sichtbarer Test', 'sichtbare Tests')} bestanden, {failed} nicht bestanden."


def quiz_validate(path: Path, out=sys.stdout) -> int:
    from autograder.quiz.student import check_notebook

    nb = json.loads(path.read_text(encoding="utf-8"))
    rows = check_notebook(nb)
    for number, ok, message in rows:
        print(f"{'✓' if ok else '✗'} Frage {number}: {message}", file=out)
    good = sum(ok for _, ok, _ in rows)
    print(answers_tally(good, len(rows)), file=out)
    return good


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autograder", description="Notebooks des Kurses vor der Abgabe prüfen")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="run a notebook and list its visible tests")
    p.add_argument("notebook")
    p = sub.add_parser("quiz-validate", help="check the answer format of a quiz notebook")
    p.add_argument("notebook")
    args = parser.parse_args(argv)
    path = Path(args.notebook)
    if not path.is_file():
        print(f"autograder: error: no such file: {path}", file=sys.stderr)
        return 1
    try:
        if args.command == "validate":
            failed = validate(path)[1]
            return 1 if failed else 0
        else:
            quiz_validate(path)
    except (ValueError, UnicodeDecodeError) as exc:
        print(f"autograder: error: {path} is not a notebook ({exc})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
