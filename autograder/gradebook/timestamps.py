"""Submission times (``timestamp.txt``) read with nbgrader's own parser, ``nbgrader.utils.parse_utc``.

nbgrader writes ``"%Y-%m-%d %H:%M:%S.%f %Z"`` in ``Exchange.timezone``: ``… UTC``, or for a
German course ``… CET``/``… CEST``. ``parse_utc`` reads a trailing zone name and ISO offsets,
with two traps that are handled here before it is called:

* a space-separated numeric offset (``… 00:30:00 +0100``) would be read as 100 *seconds*;
  it is joined to the time as an ISO offset (``00:30:00+01:00``);
* a zone abbreviation that ``dateutil`` does not know (``CEST``, ``MESZ``) would silently
  be taken as UTC; it is resolved in the course's time zone when that zone uses the
  abbreviation at that moment, and is reported as unreadable otherwise.

A stamp without any zone is UTC, as in nbgrader.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

UTC = dt.timezone.utc
_SPACED_OFFSET = re.compile(r"^(?P<stamp>.*\d)\s+(?P<sign>[+-])(?P<h>\d{2}):?(?P<m>\d{2})$")
_ZONE_WORD = re.compile(r"^(?P<stamp>\S+\s+\S+)\s+(?P<zone>[A-Za-z][A-Za-z0-9_/+\-]*)$")


def parse(text: str, course_tz: dt.tzinfo | None = None) -> dt.datetime:
    """An aware UTC datetime from a timestamp string; ``ValueError`` if it cannot be read for sure."""
    import dateutil.tz
    from nbgrader.utils import parse_utc

    text = " ".join(text.strip().split())
    if not text:
        raise ValueError("leer")
    spaced = _SPACED_OFFSET.match(text)
    if spaced:
        text = f"{spaced['stamp']}{spaced['sign']}{spaced['h']}:{spaced['m']}"
    word = _ZONE_WORD.match(text)
    if word and word["zone"].upper() not in ("UTC", "GMT", "Z") and dateutil.tz.gettz(word["zone"]) is None:
        return _in_course_zone(word["stamp"], word["zone"], course_tz)
    try:
        value = parse_utc(text)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValueError(str(exc)) from None
    return value.replace(tzinfo=UTC)


def _in_course_zone(stamp: str, abbreviation: str, course_tz: dt.tzinfo | None) -> dt.datetime:
    from nbgrader.utils import parse_utc

    if course_tz is None:
        raise ValueError(f"unbekannte Zeitzone {abbreviation!r}")
    naive = parse_utc(stamp)
    for fold in (0, 1):
        local = naive.replace(tzinfo=course_tz, fold=fold)
        if local.tzname() == abbreviation.upper():
            return local.astimezone(UTC)
    raise ValueError(f"unbekannte Zeitzone {abbreviation!r}")


UNKNOWN = "die Abgabezeit ist unbekannt, ein Verspätungsabzug wurde nicht berechnet."


def read(folder: Path, course_tz: dt.tzinfo | None = None) -> tuple[dt.datetime | None, str]:
    """(submission time, problem) from ``folder/timestamp.txt``; the problem is a German sentence."""
    path = Path(folder) / "timestamp.txt"
    if not path.is_file():
        return None, f"Keine timestamp.txt: {UNKNOWN}"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return None, f"timestamp.txt lässt sich nicht lesen ({exc.strerror}): {UNKNOWN}"
    try:
        return parse(text, course_tz), ""
    except ValueError:
        shown = text.strip()[:60]
        return None, f"timestamp.txt ist nicht lesbar ({shown!r}): {UNKNOWN}"
