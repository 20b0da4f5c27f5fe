# Attack: from inside a visible call, write one well-formed, in-order "case" frame for the current case
# (the runner's own frame and case id are on the call stack) with outcome "too_large" and a size of
# 10**400 bytes. The state machine accepts it (the size is an int >= 0) and forwards it; the trusted
# side computes bytes / 2**20 as a float and dies with OverflowError: `grade` exits 1 with a traceback,
# and in a batch the student is never stored (every re-run fails the same way).
# threat: crash the trusted side with a forged size
# score: 0
# never: OverflowError | Traceback
# %% conv2d
import json, os, struct, sys

def _event(header):
    head = json.dumps(header).encode()
    body = struct.pack(">I", len(head)) + head
    return struct.pack(">I", len(body)) + body

def conv2d(image, kernel, stride=1, padding="valid"):
    runner = sys._getframe(1).f_locals          # the runner's _call: its events fd and the case id
    fd, case_id = runner.get("events_fd"), runner.get("case_id")
    if isinstance(fd, int) and isinstance(case_id, str):
        os.write(fd, _event({"ev": "case", "id": case_id, "outcome": "too_large", "seconds": 0,
                             "bytes": 10 ** 400}))
    return [[0.0]]
