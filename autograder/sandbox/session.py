"""The protocol a sandbox must follow, as a state machine the supervisor applies to every event.

The sandbox is hostile as a whole: student code runs in the same process as the runner and
can write any byte to any descriptor it holds, the events pipe included. So the supervisor
accepts only what the protocol allows, in its order, within fixed sizes:

``start`` (once, first) → per cell ``cell_start i`` / ``cell_end i`` (in order) → ``ready`` →
the visible cases (``case_start id`` / ``case id``, in the order they were sent) → the hidden
cases (same) → ``done``. ``fatal`` may end a run at any point (with a fixed code only).

Everything else is a :class:`Violation`. Hidden inputs reach the sandbox only after the last
visible case was answered and after every cell ran, so nothing the sandbox reports about
cells or visible cases (the only texts of its own that people see) can depend on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from autograder.sandbox.vocab import CELL_STATUS, PROTECTIONS

OUTCOMES = {"value", "missing", "not_implemented", "error", "timeout", "too_large", "unencodable"}
MAX_ERROR_TEXT = 4000
MAX_TYPES = 24


class Violation(Exception):
    """The sandbox broke the protocol (a forged, misplaced or oversized event)."""


MAX_SIZE = 2 ** 50  # the largest size a "too_large" outcome may claim
# control characters (terminal escapes, carriage returns, …) except newline and tab, and lone surrogates
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Student text as it may be stored and shown: valid UTF-8, no terminal control sequences."""
    text = _CONTROL.sub(lambda m: "\n" if m.group() == "\r" else ("\ufffd" if m.group() >= "\ud800" else ""),
                        text)
    return text


def _int(value) -> bool:
    return type(value) is int


def _seconds(value) -> float:
    if type(value) not in (int, float) or not (0 <= value < 1e7):
        raise Violation("bad seconds")
    return float(value)


def _keys(header: dict, required: set, optional: set = frozenset()) -> None:
    keys = set(header)
    if not required <= keys or not keys <= required | optional:
        raise Violation(f"unexpected fields in {header.get('ev')!r}")


@dataclass
class Session:
    """What the supervisor expects next. ``accept`` returns what to do about an event."""

    n_cells: int
    visible: list[str]
    hidden: list[str]
    output_chars: int = 65536
    state: str = "start"  # start, cells, wait_visible, visible, wait_hidden, hidden, hidden_done, end
    next_cell: int = 0
    current_cell: int | None = None
    queue: list[str] = field(default_factory=list)
    current_case: str | None = None
    protections: list[str] = field(default_factory=list)

    @property
    def phase(self) -> str:
        """``cells`` until the notebook ran, then ``visible``, then ``hidden`` (no output kept)."""
        if self.state in ("start", "cells"):
            return "cells"
        return "visible" if self.state in ("wait_visible", "visible") else "hidden"

    def accept(self, header: dict) -> tuple:
        """Check one event; returns an action tuple, raises :class:`Violation` otherwise."""
        ev = header.get("ev")
        if ev == "fatal":
            _keys(header, {"ev", "code"})
            if header["code"] not in ("setup", "runner", "exposed"):
                raise Violation("bad fatal code")
            self.state = "end"
            return ("fatal", header["code"])
        handler = {"start": self._start, "cell_start": self._cell_start, "cell_end": self._cell_end,
                   "ready": self._ready, "case_start": self._case_start, "case": self._case,
                   "done": self._done}.get(ev)
        if handler is None:
            raise Violation(f"unknown event {str(ev)[:20]!r}")
        return handler(header)

    # -- events -------------------------------------------------------------------
    def _start(self, h):
        if self.state != "start":
            raise Violation("start out of order")
        _keys(h, {"ev", "protections"})
        names = h["protections"]
        if type(names) is not list or len(names) > len(PROTECTIONS) or \
                not all(isinstance(n, str) and n in PROTECTIONS for n in names):
            raise Violation("bad protections")
        self.protections = sorted(set(names))
        self.state = "cells"
        return ("started",)

    def _cell_start(self, h):
        _keys(h, {"ev", "i"})
        if self.state != "cells" or self.current_cell is not None or h["i"] != self.next_cell \
                or not _int(h["i"]) or h["i"] >= self.n_cells:
            raise Violation("cell_start out of order")
        self.current_cell = h["i"]
        return ("cell_start", h["i"])

    def _cell_end(self, h):
        _keys(h, {"ev", "i", "status", "output", "error", "seconds"})
        if self.state != "cells" or self.current_cell is None or h["i"] != self.current_cell:
            raise Violation("cell_end out of order")
        if h["status"] not in CELL_STATUS or not isinstance(h["output"], str) \
                or len(h["output"]) > self.output_chars + 200:
            raise Violation("bad cell_end")
        if h["error"] is not None and (not isinstance(h["error"], str) or len(h["error"]) > MAX_ERROR_TEXT):
            raise Violation("bad cell error")
        record = {"i": h["i"], "status": h["status"], "output": clean_text(h["output"]),
                  "error": None if h["error"] is None else clean_text(h["error"]), "seconds": _seconds(h["seconds"])}
        self.current_cell = None
        self.next_cell += 1
        return ("cell_end", record)

    def _ready(self, h):
        _keys(h, {"ev"})
        if self.state != "cells" or self.current_cell is not None or self.next_cell != self.n_cells:
            raise Violation("ready out of order")
        self.state = "wait_visible"
        return ("need", "visible")

    def delivered(self, phase: str) -> str | None:
        """The supervisor handed the sandbox the calls of ``phase``; returns the phase to deliver
        right away when this one has no calls (``"hidden"`` after an empty visible phase)."""
        if self.state != f"wait_{phase}":
            raise Violation(f"{phase} delivered out of order")
        self.queue = list(self.visible if phase == "visible" else self.hidden)
        if self.queue:
            self.state = phase
            return None
        if phase == "visible":
            self.state = "wait_hidden"
            return "hidden"
        self.state = "hidden_done"
        return None

    def _case_start(self, h):
        _keys(h, {"ev", "id"})
        if self.state not in ("visible", "hidden") or self.current_case is not None or not self.queue \
                or h["id"] != self.queue[0]:
            raise Violation("case_start out of order")
        self.current_case = self.queue.pop(0)
        return ("case_start", self.current_case)

    def _case(self, h):
        _keys(h, {"ev", "id", "outcome", "seconds"}, {"types", "text", "bytes"})
        if self.state not in ("visible", "hidden") or self.current_case is None or h["id"] != self.current_case:
            raise Violation("case out of order")
        outcome = h["outcome"]
        if outcome not in OUTCOMES:
            raise Violation("bad outcome")
        record = {"id": h["id"], "outcome": outcome, "seconds": _seconds(h["seconds"])}
        if outcome == "error":
            types, text = h.get("types", []), h.get("text", "")
            if type(types) is not list or len(types) > MAX_TYPES or \
                    not all(isinstance(t, str) and len(t) <= 64 for t in types) or \
                    not isinstance(text, str) or len(text) > MAX_ERROR_TEXT:
                raise Violation("bad error")
            record.update(types=types, text=clean_text(text))
        elif "types" in h or "text" in h:
            raise Violation("error fields on a non-error outcome")
        if outcome == "too_large":
            if not _int(h.get("bytes")) or not 0 <= h["bytes"] <= MAX_SIZE:
                raise Violation("bad size")
            record["bytes"] = h["bytes"]
        elif "bytes" in h:
            raise Violation("size on another outcome")
        self.current_case = None
        if not self.queue:
            if self.state == "visible":
                self.state = "wait_hidden"
                return ("case", record, ("need", "hidden"))
            self.state = "hidden_done"
        return ("case", record, None)

    def _done(self, h):
        _keys(h, {"ev"})
        if self.state != "hidden_done":
            raise Violation("done out of order")
        self.state = "end"
        return ("done",)
