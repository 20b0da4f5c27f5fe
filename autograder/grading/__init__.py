"""The trusted side: test specs, answer keys, verdicts, the worker pool and the batch pipeline.

Student code never runs in these modules' process; they read plain data from the sandbox
and decide every score. Only ``grading.batch`` writes to the gradebook (through
``autograder.gradebook``); nothing here imports nbgrader.
"""
