"""The only package that talks to nbgrader: configuration, gradebook, release, feedback, scores.

nbgrader does these things well and is used as it is; everything nbgrader-specific stays
behind this boundary (a test fails on an nbgrader import anywhere else).
"""
