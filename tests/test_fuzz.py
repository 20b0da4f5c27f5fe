"""Property-based fuzzing of everything on the trusted side that reads what a sandbox or a student wrote.

The decoder, the frame reader, the supervisor's protocol state machine, the verdicts and the quiz
answer parser must be total: any input gives a value, a verdict or their own error class, never
another exception, within fixed bounds of time and memory.
"""

from __future__ import annotations

import json
import math
import struct

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.grading.cases import Case
from autograder.grading.compare import Verdict, judge
from autograder.sandbox import plain
from autograder.sandbox.protocol import FrameBuffer, ProtocolError, split_event, strict_json
from autograder.sandbox.session import Session, Violation

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20))
forms = st.sampled_from(["__ndarray__", "__float__", "__dict__", "__set__", "__keras_model__", "__unsupported__",
                         "shape", "data", "layers", "total_params", "type", "error"])
json_like = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=6),
                                     st.dictionaries(st.one_of(forms, st.text(max_size=8)), inner, max_size=4)),
    max_leaves=40)


def arrays():
    dtype = st.sampled_from(["<f8", "<i8", "|b1", "<c16", "|O", "<f4", "x"])
    return st.fixed_dictionaries({"__ndarray__": dtype, "shape": st.lists(st.integers(-2, 2**40), max_size=5),
                                  "data": st.one_of(st.text(max_size=20), st.integers(), st.binary(max_size=20))})


@FUZZ
@given(st.one_of(json_like, arrays()))
def test_decode_is_total(data):
    try:
        plain.decode(data)
    except plain.PlainDataError:
        pass


@FUZZ
@given(st.binary(max_size=400))
def test_loads_is_total(raw):
    try:
        plain.loads(raw)
    except plain.PlainDataError:
        pass


def test_loads_refuses_constants_and_deep_nesting_without_recursing():
    for raw in [b'{"x": NaN}', b"[Infinity]", b"[" * 200_000 + b"]" * 200_000, b'{"__float__": "boom"}',
                b"1" * 5000]:
        try:
            plain.decode(plain.loads(raw))
        except plain.PlainDataError:
            continue


@FUZZ
@given(st.lists(st.binary(max_size=64), max_size=20))
def test_frame_buffer_is_total(chunks):
    buffer = FrameBuffer(limit=1024)
    try:
        for chunk in chunks:
            for frame in buffer.feed(chunk):
                try:
                    split_event(frame)
                except ProtocolError:
                    pass
    except ProtocolError:
        pass


def headers():
    events = st.sampled_from(["start", "cell_start", "cell_end", "ready", "case_start", "case", "done", "fatal",
                              "other"])
    values = st.one_of(scalars, st.lists(scalars, max_size=3), st.sampled_from(["c1", "c2", "ok", "value", "error"]))
    keys = st.sampled_from(["i", "id", "status", "output", "error", "seconds", "outcome", "types", "text", "bytes",
                            "protections", "code"])
    return st.builds(lambda ev, extra: dict(extra, ev=ev), events, st.dictionaries(keys, values, max_size=6))


@FUZZ
@given(st.lists(headers(), max_size=30))
def test_session_accepts_or_raises_violation_only(events):
    session = Session(2, ["c1"], ["c2"])
    for header in events:
        try:
            action = session.accept(header)
        except Violation:
            break
        if action[0] == "need":
            try:
                while (phase := session.delivered(action[1])) is not None:
                    action = ("need", phase)
            except Violation:
                break


def test_session_follows_the_protocol_and_nothing_else():
    session = Session(1, ["v"], ["h"])
    steps = [({"ev": "start", "protections": ["pid-ns"]}, "started"), ({"ev": "cell_start", "i": 0}, "cell_start"),
             ({"ev": "cell_end", "i": 0, "status": "ok", "output": "", "error": None, "seconds": 0.1}, "cell_end"),
             ({"ev": "ready"}, "need")]
    for header, kind in steps:
        assert session.accept(header)[0] == kind
    assert session.delivered("visible") is None
    # nothing for a case out of turn, nothing twice, nothing after the end
    for bad in [{"ev": "case_start", "id": "h"}, {"ev": "start", "protections": []}, {"ev": "done"},
                {"ev": "cell_start", "i": 1}, {"ev": "fatal", "code": "L[[1, 2]]"}]:
        try:
            Session(1, ["v"], ["h"], state=session.state, queue=list(session.queue)).accept(bad)
        except Violation:
            continue
        raise AssertionError(f"accepted {bad}")
    assert session.accept({"ev": "case_start", "id": "v"})[0] == "case_start"
    action = session.accept({"ev": "case", "id": "v", "outcome": "value", "seconds": 0.0})
    assert action[2] == ("need", "hidden")
    assert session.delivered("hidden") is None
    session.accept({"ev": "case_start", "id": "h"})
    session.accept({"ev": "case", "id": "h", "outcome": "error", "types": ["ValueError"], "text": "x",
                    "seconds": 0.0})
    assert session.accept({"ev": "done"}) == ("done",)
    try:
        session.accept({"ev": "case", "id": "h", "outcome": "value", "seconds": 0.0})
    except Violation:
        pass
    else:
        raise AssertionError("accepted a frame after done")


def test_forged_protection_names_and_oversized_output_are_violations():
    for header in [{"ev": "start", "protections": ["L[[-1.0, 2.0]]"]},
                   {"ev": "start", "protections": ["allowlist-fs"]}]:  # only the coordinator may say that
        try:
            Session(0, [], []).accept(header)
        except Violation:
            continue
        raise AssertionError(header)
    session = Session(1, [], [], output_chars=10)
    session.accept({"ev": "start", "protections": []})
    session.accept({"ev": "cell_start", "i": 0})
    try:
        session.accept({"ev": "cell_end", "i": 0, "status": "ok", "output": "x" * 1000, "error": None,
                        "seconds": 0})
    except Violation:
        return
    raise AssertionError("oversized output accepted")


values = st.recursive(st.one_of(scalars, st.builds(lambda n: np.arange(n, dtype=float), st.integers(0, 5)),
                                st.just(float("nan")), st.just(math.inf)),
                      lambda inner: st.one_of(st.lists(inner, max_size=4),
                                              st.dictionaries(st.text(max_size=3), inner, max_size=3)),
                      max_leaves=20)


@FUZZ
@given(values, values, st.booleans())
def test_judge_is_total_and_hidden_messages_never_show_the_students_value(expected, got, hidden):
    case = Case("f", hidden=hidden)
    verdict = judge(expected, got, case, show_expected=False)
    assert isinstance(verdict, Verdict) and 0.0 <= verdict.fraction <= 1.0
    if hidden and isinstance(got, str) and len(got) > 3 and got not in "(verborgen)":
        assert got not in verdict.message


@FUZZ
@given(st.text(max_size=200))
def test_quiz_answer_parser_is_total(source):
    from autograder.quiz.answers import parse_cell

    answer = parse_cell(source)
    assert answer.error is None or answer.value is None


def test_quiz_answers_that_overflow_are_refused_not_raised():
    from autograder.quiz.answers import parse_cell

    for source in ["antwort = 1e6 ** 64", "antwort = " + "9" * 4000, "antwort = 10 ** 10 ** 10",
                   "antwort = (2 ** 64) ** 64", "antwort = -(1e308 * 10)", "antwort = 1e308 + 1e308"]:
        answer = parse_cell(source)
        assert answer.value is None and answer.error is not None, source


def test_strict_json_depth_scan_ignores_brackets_in_strings():
    assert strict_json(json.dumps({"x": "[[[[[[" * 100})) == {"x": "[[[[[[" * 100}
    try:
        strict_json(b"[" * 70 + b"]" * 70)
    except ProtocolError:
        return
    raise AssertionError("deep nesting accepted")


def test_event_frames_with_a_lying_header_length_are_refused():
    frame = struct.pack(">I", 10_000) + b"{}"
    try:
        split_event(frame)
    except ProtocolError:
        return
    raise AssertionError("accepted")


def test_quiz_answers_found_by_variable_survive_hostile_cells():
    """Answer cells without their grade id are found by variable name in every code cell; a cell that
    no parser can take (200,000 operators, 5,000-digit numbers) is skipped, never raised."""
    from autograder.quiz.answers import read_answers

    cells = [{"cell_type": "code", "metadata": {}, "source": "notiz = " + "-" * 200_000 + "1"},
             {"cell_type": "code", "metadata": {}, "source": "x = " + "9" * 5000},
             {"cell_type": "code", "metadata": {}, "source": "antwort_1 = (14, 14, 64)"}]
    answers = read_answers({"cells": cells}, {"q1": "antwort_1"})
    assert answers["q1"].value == (14, 14, 64)
