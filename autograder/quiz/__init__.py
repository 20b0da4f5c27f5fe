"""Quizzes with a variant for every student.

A quiz is defined once, as a small Python file ``source/quizzes/<quiz>.py`` that builds
``QUIZ = Quiz(...)`` from the question types below. From that one definition come

* every student's quiz notebook (:mod:`autograder.quiz.render`, ``autograder quiz-release``),
* every student's answer key (``autograder quiz-key``), computed with Keras or scikit-learn
  where they decide (:mod:`autograder.quiz.ref`),
* the grading (:mod:`autograder.quiz.grade`, ``autograder quiz-autograde``) into the same
  gradebook, feedback and exports as the exercises.

Variants are deterministic: a question's numbers come from a hash of quiz id, question id
and student id (:mod:`autograder.quiz.variant`), and the grader always uses the id of the
submission's owner.
"""

from autograder.quiz import ref
from autograder.quiz.questions import (MultipleChoice, Numeric, Option, Quiz, Rule, ShortAnswer, SingleChoice)
from autograder.quiz.text import T, matrix

__all__ = ["MultipleChoice", "Numeric", "Option", "Quiz", "Rule", "ShortAnswer", "SingleChoice", "T", "matrix", "ref"]
