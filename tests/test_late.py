"""The late policy at its edges (pure, no gradebook): time zones, DST, the deadline itself, the maximum,
extensions, missing and unreadable time stamps, and nbgrader's own time stamp formats."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from autograder.gradebook import timestamps
from autograder.late import DueDateError, LatePolicy, Lateness, parse_due

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.timezone.utc
POLICY = LatePolicy(per_day=0.1, max_days=7, tz=BERLIN)
DUE = parse_due("2027-01-08 23:59", BERLIN).astimezone(UTC)   # CET: 22:59 UTC


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_due_dates_are_in_the_course_time_zone():
    assert DUE == utc(2027, 1, 8, 22, 59)
    assert parse_due("2027-07-01 23:59:00", BERLIN) == utc(2027, 7, 1, 21, 59)   # CEST in summer
    assert parse_due("2027-01-08 23:59 UTC", BERLIN) == utc(2027, 1, 8, 23, 59)
    assert parse_due("2027-01-08T23:59:00+01:00", BERLIN) == DUE
    assert parse_due("2027-01-08 23:59 Europe/Berlin", ZoneInfo("America/New_York")) == DUE


@pytest.mark.parametrize("text", ["12.02.2027 23:59", "2027-02-12", "Freitag 23:59", "2027-02-30 10:00",
                                  "2027-02-12 23:59 Mars/Olympus", "2027-02-12 23:59 MEZ"])
def test_unreadable_due_dates_are_refused_naming_the_key(text):
    with pytest.raises(DueDateError) as exc:
        parse_due(text, BERLIN, "ASSIGNMENTS['04_cnn']['due']")
    assert str(exc.value).startswith("ASSIGNMENTS['04_cnn']['due']: ") and "\n" not in str(exc.value)


@pytest.mark.parametrize("text,word", [("2026-10-25 02:30", "occurs twice"), ("2027-03-28 02:30", "does not exist")])
def test_due_dates_at_a_dst_change_are_refused_as_ambiguous(text, word):
    with pytest.raises(DueDateError, match=word):
        parse_due(text, BERLIN, "due")


def test_exactly_on_the_deadline_is_on_time_and_one_second_later_is_a_day():
    assert POLICY.days_late(DUE, DUE) == 0
    assert POLICY.days_late(DUE, DUE - dt.timedelta(days=3)) == 0
    assert POLICY.days_late(DUE, DUE + dt.timedelta(seconds=1)) == 1
    assert POLICY.penalty(20, 1) == 2.0
    assert POLICY.days_late(DUE, DUE + dt.timedelta(days=1)) == 1          # the end of the first day
    assert POLICY.days_late(DUE, DUE + dt.timedelta(days=1, seconds=1)) == 2


def test_half_past_midnight_berlin_is_late_although_it_is_still_the_due_day_in_utc():
    assert POLICY.days_late(DUE, utc(2027, 1, 8, 23, 30)) == 1              # 00:30 in Berlin
    assert POLICY.days_late(DUE, utc(2027, 1, 8, 22, 30)) == 0              # 23:30 in Berlin
    assert Lateness(POLICY, DUE, utc(2027, 1, 8, 23, 30)).penalty(22) == 2.2


def test_days_are_calendar_days_in_the_course_time_zone_across_dst_changes():
    # autumn: the day after the deadline has 25 hours; 24.5 hours later is still the first day
    autumn = parse_due("2026-10-24 23:59", BERLIN).astimezone(UTC)  # arithmetic in real hours
    assert POLICY.days_late(autumn, autumn + dt.timedelta(hours=24, minutes=30)) == 1
    assert POLICY.days_late(autumn, autumn + dt.timedelta(hours=25, seconds=1)) == 2
    # spring: the day after the deadline has 23 hours; 23 hours and a minute later is the second day
    spring = parse_due("2027-03-27 23:59", BERLIN).astimezone(UTC)
    assert POLICY.days_late(spring, spring + dt.timedelta(hours=22, minutes=59)) == 1
    assert POLICY.days_late(spring, spring + dt.timedelta(hours=23, minutes=1)) == 2
    assert POLICY.days_late(spring, parse_due("2027-03-28 23:59", BERLIN)) == 1


def test_the_maximum():
    assert POLICY.penalty(20, 7) == 14.0                                    # 7 days: 70 %
    assert POLICY.penalty(20, 8) == 20.0                                    # more than 7 days: nothing left
    assert POLICY.days_late(DUE, DUE + dt.timedelta(days=30)) == 30
    assert LatePolicy(0.2, 30, BERLIN).penalty(10, 6) == 10.0               # never more than the points
    assert POLICY.penalty(0, 3) == 0.0


def test_extensions_move_the_deadline_for_one_student():
    two_days = dt.timedelta(days=2)
    late = Lateness(POLICY, DUE, DUE + dt.timedelta(days=1), extension=two_days)
    assert late.effective_due == DUE + two_days and late.days_late == 0 and late.note(0) == ""
    later = Lateness(POLICY, DUE, DUE + two_days + dt.timedelta(seconds=1), extension=two_days)
    assert later.days_late == 1
    assert "mit Verlängerung um 2 Tage" in later.note(later.penalty(10))


def test_without_a_time_or_a_deadline_nothing_is_taken_off():
    assert Lateness(POLICY, DUE, None).penalty(20) == 0.0
    assert Lateness(POLICY, None, utc(2030, 1, 1)).penalty(20) == 0.0


def test_the_german_sentence_uses_local_times():
    late = Lateness(POLICY, DUE, utc(2027, 1, 10, 12, 0))
    note = late.note(late.penalty(22))
    assert note == ("Verspätete Abgabe: abgegeben am 10.01.2027 13:00, Frist 08.01.2027 23:59 – 2 angefangene Tage "
                    "zu spät. Regel: je angefangenem Tag nach der Frist 10 % der erreichten Punkte Abzug, nach mehr "
                    "als 7 Tagen 0 Punkte. Abzug: 4.4 Punkte.")


# -- timestamp.txt, read with nbgrader's parse_utc --------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2027-01-09 00:59:00.000000 CET", utc(2027, 1, 8, 23, 59)),       # nbgrader with Exchange.timezone Berlin
    ("2026-07-01 00:30:00.000000 CEST", utc(2026, 6, 30, 22, 30)),     # dateutil does not know CEST
    ("2027-01-09T00:30:00+01:00", utc(2027, 1, 8, 23, 30)),
    ("2027-01-09 00:30:00 +0100", utc(2027, 1, 8, 23, 30)),            # not 100 seconds (parse_utc's trap)
    ("2027-01-08 23:30:00.000000 UTC", utc(2027, 1, 8, 23, 30)),
    ("2027-01-08 23:30:00", utc(2027, 1, 8, 23, 30)),                  # no zone: UTC, as in nbgrader
])
def test_timestamps_in_every_form_nbgrader_writes(text, expected):
    assert timestamps.parse(text, BERLIN) == expected


def test_cet_one_hour_after_a_2359_deadline_is_a_day_late():
    stamp = timestamps.parse("2027-01-09 00:59:00.000000 CET", BERLIN)
    assert POLICY.days_late(DUE, stamp) == 1 and POLICY.penalty(22, POLICY.days_late(DUE, stamp)) == 2.2


@pytest.mark.parametrize("text", ["gestern", "2027-01-09 00:30:00 MEZ", "2027-13-40 10:00:00 UTC", ""])
def test_unreadable_timestamps_raise(text):
    with pytest.raises(ValueError):
        timestamps.parse(text, BERLIN)


def test_missing_and_unreadable_timestamp_files_are_problems(tmp_path):
    assert timestamps.read(tmp_path, BERLIN)[0] is None
    assert "Keine timestamp.txt" in timestamps.read(tmp_path, BERLIN)[1]
    (tmp_path / "timestamp.txt").write_text("morgen früh")
    when, problem = timestamps.read(tmp_path, BERLIN)
    assert when is None and "nicht lesbar" in problem and "morgen früh" in problem
    (tmp_path / "timestamp.txt").write_text("2027-01-09 00:59:00.000000 CET\n")
    assert timestamps.read(tmp_path, BERLIN) == (utc(2027, 1, 8, 23, 59), "")
