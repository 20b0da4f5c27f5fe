"""Length-prefixed frames over pipes: the only channel between grader processes.

A frame is a 4-byte big-endian length and that many bytes. Readers enforce a size
limit, so a process that writes garbage or gigabytes produces a protocol error, not
a grader that hangs or runs out of memory.

Messages are JSON objects. An *event* (what a sandbox reports) may carry a payload: the
frame is then ``[4-byte header length][JSON header][payload bytes]``, so a supervisor can
check the small header and pass a large return value on without parsing it. JSON here is
strict: no ``NaN``/``Infinity`` constants, no nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import json
import os
import struct

MAX_FRAME = 256 * 1024 * 1024
MAX_HEADER = 8 * 1024 * 1024  # a sandbox's event header (cell output included, JSON-escaped)
MAX_DEPTH = 64


class ProtocolError(Exception):
    """The peer broke the framing or closed the channel."""


def _no_constants(name: str):
    raise ValueError(f"{name} is not allowed")


def strict_json(raw: bytes | str, max_depth: int = MAX_DEPTH):
    """Parse JSON without NaN/Infinity constants and with at most ``max_depth`` levels of nesting.

    Deeper input makes the C parser raise RecursionError (at Python's recursion limit), which
    is turned into a :class:`ProtocolError` like every other malformed input.
    """
    if isinstance(raw, (bytes, bytearray, memoryview)):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProtocolError(f"invalid frame: {exc.reason}") from None
    try:
        value = json.loads(raw, parse_constant=_no_constants)
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ProtocolError(f"invalid frame: {type(exc).__name__}") from None
    if _depth(value) > max_depth:
        raise ProtocolError(f"invalid frame: nesting deeper than {max_depth}")
    return value


def _depth(value) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def write_frame(fd: int, payload: bytes) -> None:
    data = struct.pack(">I", len(payload)) + payload
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_json(fd: int, message: dict) -> None:
    write_frame(fd, json.dumps(message, separators=(",", ":"), allow_nan=False).encode("utf-8"))


def encode_event(header: dict, payload: bytes = b"") -> bytes:
    head = json.dumps(header, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return struct.pack(">I", len(head)) + head + payload


def write_event(fd: int, header: dict, payload: bytes = b"") -> None:
    write_frame(fd, encode_event(header, payload))


def split_event(frame: bytes, max_header: int = MAX_HEADER, max_depth: int = 4) -> tuple[dict, bytes]:
    """Header and payload of an event frame; anything malformed is a :class:`ProtocolError`."""
    if len(frame) < 4:
        raise ProtocolError("event frame too short")
    (size,) = struct.unpack(">I", frame[:4])
    if size > max_header or size > len(frame) - 4:
        raise ProtocolError("event header too large")
    header = strict_json(frame[4:4 + size], max_depth=max_depth)
    if not isinstance(header, dict):
        raise ProtocolError("event header is not an object")
    return header, frame[4 + size:]


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
    message = strict_json(read_frame(fd, limit))
    if not isinstance(message, dict):
        raise ProtocolError("frame is not an object")
    return message


class FrameBuffer:
    """Incremental frame parser for a non-blocking reader (the supervisor's loop).

    ``feed`` returns complete raw frames; a frame larger than ``limit`` is refused as soon
    as its length is known, before any of it is buffered.
    """

    def __init__(self, limit: int = MAX_FRAME):
        self.buffer = bytearray()
        self.limit = limit

    def feed(self, data: bytes) -> list[bytes]:
        self.buffer += data
        frames = []
        while len(self.buffer) >= 4:
            (size,) = struct.unpack(">I", self.buffer[:4])
            if size > self.limit:
                raise ProtocolError(f"frame of {size} bytes exceeds the limit of {self.limit}")
            if len(self.buffer) < 4 + size:
                break
            frames.append(bytes(self.buffer[4:4 + size]))
            del self.buffer[:4 + size]
        return frames
