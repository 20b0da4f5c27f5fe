"""The late policy, in one place: due dates, days late, penalty and the German sentence.

Everything that talks about lateness asks this module: the batch's penalty, the autograded
notebook's note, feedback, the LMS exports, the class report, and plain ``nbgrader
autograde`` (through :class:`autograder.gradebook.late.CourseLatePenalty`).

* Due dates are written in ``course_config.py`` as ``YYYY-MM-DD HH:MM[:SS]`` with an optional
  zone (an IANA name such as ``Europe/Berlin``, ``UTC``/``Z`` or an offset ``+01:00``);
  without a zone they are in the course's ``TIMEZONE``. Anything else (``12.02.2027 23:59``,
  a local time that does not exist or occurs twice at a DST change) is refused.
* A day late is a started calendar day in the course's time zone: with a 23:59 deadline,
  day *k* ends at 23:59 local time *k* days later, also across a DST change (a 23- or
  25-hour day).
* The penalty is ``per_day`` of the reached points per started day; after ``max_days``
  days the submission earns nothing.

All datetimes here are timezone-aware; the module is pure (no files, no nbgrader).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from autograder.errors import AutograderError

UTC = dt.timezone.utc

_DUE = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})[ T](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
                  r"(?:\s*(?P<zone>Z|UTC|[+-]\d{2}:?\d{2}|[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)+))?")


class DueDateError(AutograderError):
    """A due date in the configuration that cannot be read without guessing."""


def zone(name: str) -> dt.tzinfo:
    """The time zone of an IANA name (``Europe/Berlin``) or ``UTC``; raises ``ValueError``."""
    if name in ("UTC", "Z"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as 'Europe/Berlin')") from None


def _offset(text: str) -> dt.timezone:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def localize(naive: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """``naive`` as a wall-clock time in ``tz``; ``ValueError`` if it does not exist or is ambiguous."""
    if isinstance(tz, dt.timezone):
        return naive.replace(tzinfo=tz)
    early, late = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if early.utcoffset() != late.utcoffset():
        kind = "occurs twice" if early.utcoffset() > late.utcoffset() else "does not exist"
        raise ValueError(f"{naive:%Y-%m-%d %H:%M} {kind} in {tz} (a daylight saving time change); "
                         "pick another time or give an offset such as +01:00")
    if early.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:  # inside a gap
        raise ValueError(f"{naive:%Y-%m-%d %H:%M} does not exist in {tz} (a daylight saving time change)")
    return early


def parse_due(text, tz: dt.tzinfo, key: str = "due") -> dt.datetime:
    """A configured due date as an aware datetime, or :class:`DueDateError` naming ``key``."""
    if isinstance(text, dt.datetime):
        return text if text.tzinfo else localize(text, tz)
    if not isinstance(text, str):
        raise DueDateError(f"{key}: a due date must be a string like '2027-01-08 23:59', not {type(text).__name__}")
    match = _DUE.fullmatch(text.strip())
    if not match:
        raise DueDateError(f"{key}: cannot read due date {text!r}; write it as 'YYYY-MM-DD HH:MM[:SS]' "
                           "with an optional zone, e.g. '2027-01-08 23:59' or '2027-01-08 23:59 Europe/Berlin'")
    try:
        naive = dt.datetime.fromisoformat(f"{match['date']} {match['time']}")
    except ValueError as exc:
        raise DueDateError(f"{key}: impossible due date {text!r} ({exc})") from None
    name = match["zone"]
    try:
        if name is None:
            return localize(naive, tz)
        if name[0] in "+-":
            return naive.replace(tzinfo=_offset(name))
        return localize(naive, zone(name))
    except ValueError as exc:
        raise DueDateError(f"{key}: {exc}") from None


@dataclass(frozen=True)
class LatePolicy:
    per_day: float = 0.1       # share of the reached points per started day
    max_days: int = 7          # later than this: 0 points
    tz: dt.tzinfo = UTC        # the course's time zone: days and dates are counted and shown in it

    def days_late(self, due: dt.datetime | None, submitted: dt.datetime | None) -> int:
        """Started days after ``due`` (0 when on time, unknown or without a due date)."""
        if due is None or submitted is None:
            return 0
        # compare in UTC: Python compares two datetimes of the same tzinfo by their wall clocks
        due, submitted = due.astimezone(UTC), submitted.astimezone(UTC)
        if submitted <= due:
            return 0
        wall = due.astimezone(self.tz).replace(tzinfo=None)

        def end_of_day(k: int) -> dt.datetime:  # the deadline k days later on the local wall clock
            return (wall + dt.timedelta(days=k)).replace(tzinfo=self.tz, fold=0).astimezone(UTC)

        k = max(1, math.ceil((submitted - due).total_seconds() / 86400) - 1)
        while end_of_day(k) < submitted:
            k += 1
        while k > 1 and end_of_day(k - 1) >= submitted:
            k -= 1
        return k

    def penalty(self, points: float, days: int) -> float:
        """Points taken off a score of ``points`` for ``days`` started days late."""
        points = max(0.0, float(points or 0))
        if days <= 0:
            return 0.0
        if days > self.max_days:
            return round(points, 4)
        return round(min(points, points * self.per_day * days), 4)

    def text(self) -> str:
        """The rule in one German phrase."""
        return (f"je angefangenem Tag nach der Frist {num(self.per_day * 100)} % der erreichten Punkte Abzug, "
                f"nach mehr als {self.max_days} Tagen 0 Punkte")

    def when(self, value: dt.datetime | None) -> str:
        """A point in time as students read it: the course's local time, e.g. ``08.01.2027 23:59``."""
        if value is None:
            return "–"
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(self.tz).strftime("%d.%m.%Y %H:%M")


@dataclass
class Lateness:
    """One submission against its deadline; ``problem`` when the submission time is not known."""

    policy: LatePolicy
    due: dt.datetime | None                  # the unit's due date (aware)
    submitted: dt.datetime | None            # from timestamp.txt (aware)
    extension: dt.timedelta | None = None    # granted to this student (nbgrader's gradebook)
    problem: str = ""                        # German: why the time is unknown ('' if it is known)

    @property
    def effective_due(self) -> dt.datetime | None:
        if self.due is None:
            return None
        return self.due + self.extension if self.extension else self.due

    @property
    def days_late(self) -> int:
        return self.policy.days_late(self.effective_due, self.submitted)

    @property
    def late(self) -> bool:
        return self.days_late > 0

    def penalty(self, points: float) -> float:
        return self.policy.penalty(points, self.days_late)

    def note(self, penalty: float) -> str:
        """One German sentence on lateness ('' when on time or without a due date)."""
        p = self.policy
        if not self.late:
            return ""
        days = "1 angefangenen Tag" if self.days_late == 1 else f"{self.days_late} angefangene Tage"
        frist = f"Frist {p.when(self.effective_due)}"
        if self.extension:
            frist += f" (mit Verlängerung um {duration(self.extension)})"
        return (f"Verspätete Abgabe: abgegeben am {p.when(self.submitted)}, {frist} – {days} zu spät. "
                f"Regel: {p.text()}. Abzug: {num(penalty)} Punkte.")


def duration(delta: dt.timedelta) -> str:
    """A German duration: '2 Tage', '1 Tag 3 Stunden', '90 Minuten'."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} Tag" + ("" if days == 1 else "e"))
    if hours:
        parts.append(f"{hours} Stunde" + ("" if hours == 1 else "n"))
    if mins:
        parts.append(f"{mins} Minute" + ("" if mins == 1 else "n"))
    return " ".join(parts) or "0 Minuten"


def num(value: float | None, comma: bool = False) -> str:
    """A number as people write it: ``4.4`` (``comma``: ``4,4``), no trailing zeros."""
    if value is None:
        return ""
    text = f"{round(float(value), 4):g}"
    return text.replace(".", ",") if comma else text
