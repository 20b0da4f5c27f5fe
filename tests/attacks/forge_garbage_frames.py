# Attack: write malformed frames into every descriptor: NaN in JSON, nesting 100000 deep, a length
# prefix of 4 GB, a case for an unknown id, a "fatal" with text, a "done" before anything ran
# threat: crash or stall the grader with hostile frames
# score: 0
# never: L[[
# %% conv2d
import os, struct

def raw(payload):
    return struct.pack(">I", len(payload)) + payload

def event(text):
    head = text.encode()
    return raw(struct.pack(">I", len(head)) + head)

frames = [event('{"ev": "case", "id": "test_conv2d#1", "outcome": "value", "seconds": NaN}'),
          event("[" * 100000 + "]" * 100000),
          struct.pack(">I", 0xFFFFFFF0) + b"x" * 64,
          event('{"ev": "case", "id": "nope", "outcome": "value", "seconds": 0}'),
          event('{"ev": "fatal", "code": "L' + '[[-1.0, 2.0]]"}'),
          event('{"ev": "done"}')]
for fd in range(3, 64):
    for frame in frames:
        try:
            os.write(fd, frame)
        except OSError:
            pass

def conv2d(image, kernel, stride=1, padding="valid"):
    return [[0.0]]
