"""What runs next to student code: the warm worker, the forked sandbox, its isolation and protocol.

Nothing in this package holds expected values, and nothing here imports the trusted side
(``autograder.grading``, ``autograder.gradebook``): a test enforces it. The worker and the
sandbox only execute, report and encode; every verdict is decided elsewhere.
"""
