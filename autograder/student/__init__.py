"""What students install: the small package their notebooks import, and nothing that grades.

A released notebook imports ``autograder.checks`` (``check`` for the visible tests) and a quiz
notebook ``autograder.quiz.student`` (``pruefe``, the answer-format check). :mod:`package`
builds a wheel of exactly those modules and what they need (``autograder student-package``):
no grader, no sandbox worker, no answer keys or the code that reads them, no quiz definitions
or reference computations, nothing of ``source/`` or ``.grader/``. Its command line
(:mod:`autograder.student.cli`) is ``autograder validate`` and ``autograder quiz-validate``.
"""
