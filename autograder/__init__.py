"""Auto-grading toolkit for the course: release, sandboxed grading, gradebook, feedback, export.

The pipeline in one line: the trusted side reads points, ids and test cases from
``source/``; student code runs in a sandboxed process forked from a pre-warmed
worker and returns plain data; the verdict is decided back on the trusted side.
"""

__version__ = "0.1.0"
