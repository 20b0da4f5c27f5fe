from autograder.cli import run

raise SystemExit(run())
