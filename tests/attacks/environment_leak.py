# Attack: print the sandbox's environment. The worker inherits the coordinator's whole environment
# (only AUTOGRADER*/NBGRADER*/JUPYTER*/DASK* are dropped), so the instructor's tokens and keys
# (GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, ... whatever the shell that started `autograde` had), the
# grader's checkout (PYTHONPATH), the instructor's working folders (OLDPWD) and, under pytest,
# PYTEST_CURRENT_TEST reach the cell output, the autograded notebook and the student's feedback.
# threat: read the grader's environment (instructor secrets) and show it in feedback
# score: 16
# never: PYTHONPATH= | test_attacks.py:: | OLDPWD=
# %% conv2d
import os
for key, value in sorted(os.environ.items()):
    print(f"{key}={value}")

def conv2d(image, kernel, stride=1, padding="valid"):
    return [[0.0]]
