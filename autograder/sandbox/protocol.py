"""Length-prefixed frames over pipes: the only channel between grader processes.

A frame is a 4-byte big-endian length and that many bytes. Readers enforce a size
limit, so a process that writes garbage or gigabytes produces a protocol error,
not a grader that hangs or runs out of memory.
"""

from __future__ import annotations

import json
import os
import struct

MAX_FRAME = 64 * 1024 * 1024


class ProtocolError(Exception):
    """The peer broke the framing or closed the channel."""


def write_frame(fd: int, payload: bytes) -> None:
    data = struct.pack(">I", len(payload)) + payload
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_json(fd: int, message: dict) -> None:
    write_frame(fd, json.dumps(message, separators=(",", ":"), allow_nan=False).encode("utf-8"))


def _read_exact(fd: int, n: int) -> bytes:
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise ProtocolError("channel closed")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int, limit: int = MAX_FRAME) -> bytes:
    (size,) = struct.unpack(">I", _read_exact(fd, 4))
    if size > limit:
        raise ProtocolError(f"frame of {size} bytes exceeds the limit of {limit}")
    return _read_exact(fd, size)


def read_json(fd: int, limit: int = MAX_FRAME) -> dict:
    try:
        message = json.loads(read_frame(fd, limit).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError(f"invalid frame: {exc}") from None
    if not isinstance(message, dict):
        raise ProtocolError("frame is not an object")
    return message


class FrameBuffer:
    """Incremental frame parser for a non-blocking reader (the supervisor's loop)."""

    def __init__(self, limit: int = MAX_FRAME):
        self.buffer = bytearray()
        self.limit = limit

    def feed(self, data: bytes) -> list[dict]:
        self.buffer += data
        messages = []
        while len(self.buffer) >= 4:
            (size,) = struct.unpack(">I", self.buffer[:4])
            if size > self.limit:
                raise ProtocolError(f"frame of {size} bytes exceeds the limit of {self.limit}")
            if len(self.buffer) < 4 + size:
                break
            raw = bytes(self.buffer[4:4 + size])
            del self.buffer[:4 + size]
            try:
                message = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ProtocolError(f"invalid frame: {exc}") from None
            if not isinstance(message, dict):
                raise ProtocolError("frame is not an object")
            messages.append(message)
        return messages
