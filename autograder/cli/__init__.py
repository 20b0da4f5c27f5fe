"""``python -m autograder``: the command line for instructors, TAs and students.

Misuse (unknown assignment, missing file, a broken setting or test cell) exits 1 with a
one-line message naming the file, key, cell or case. Problems of a submission (broken JSON,
errors, time-outs) are graded outcomes and exit 0.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# jsonschema (under nbformat and nbgrader) imports rfc3987_syntax when it is installed (jupyter-events
# needs it), which builds a Lark grammar at import: about 4 s of every command's start-up, for an "iri"
# format check that notebook validation never uses. Blocking it leaves jsonschema's fallback.
sys.modules.setdefault("rfc3987_syntax", None)

from autograder.cli import batch, deploy, exercises, quiz, reports  # noqa: E402
from autograder.errors import AutograderError  # noqa: E402


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__.splitlines()[0])
    parser.add_argument("--course", help="course root (default: the folder with course_config.py)")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (exercises, batch, reports, quiz, deploy):
        module.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except AutograderError as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("autograder: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def run() -> int:
    """:func:`main` as a program (``python -m autograder``, the ``autograder`` script).

    When the command is done, the garbage collector's objects are frozen, so the interpreter's
    last collection at exit skips everything nbconvert, SQLAlchemy or matplotlib left behind
    (about 0.2 s of every command here). Exit handlers still run and files close as usual.
    """
    try:
        return main()
    finally:
        gc.freeze()
