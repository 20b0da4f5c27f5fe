"""Text for people: German numbers and dates, plain text from Markdown, spreadsheet-safe CSV cells.

Every page, table and export a person reads formats through here, so the report, the
feedback page and the LMS files agree: ``16,03`` (decimal comma), ``08.01.2027 23:59``.
"""

from __future__ import annotations

import datetime as dt
import html
import re


def de_num(value, digits: int = 2) -> str:
    """``16.034`` → ``16,03``; ``28.0`` → ``28``; ``None`` → ``–``."""
    if value is None:
        return "–"
    text = f"{round(float(value), digits):.{digits}f}".rstrip("0").rstrip(".")
    return (text if text not in ("-0", "") else "0").replace(".", ",")


def de_date(value: dt.datetime | str | None) -> str:
    """A date and time as Germans write it: ``08.01.2027 23:59`` (``–`` when unknown)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        parsed = None
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
            try:
                parsed = dt.datetime.strptime(value.strip()[:19], fmt)
                break
            except ValueError:
                continue
        if parsed is None:
            return value
        value = parsed
    return value.strftime("%d.%m.%Y %H:%M")


# control characters (terminal escapes), bidirectional overrides, lone surrogates (undecodable bytes)
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown_name(name: str) -> str:
    """A name a student chose (a file in a submission) as people may see it in a terminal or page:
    control and bidi-override characters and undecodable bytes become ``?``, nothing else changes."""
    return _UNSHOWABLE.sub("?", name)


def showable(name: str) -> bool:
    """True when ``shown_name`` leaves the name as it is (no character a terminal or page may misuse)."""
    return not _UNSHOWABLE.search(name)


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def csv_safe(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP: ``= + - @``, tab, CR at the start).

    Numbers stay numbers (``-4.4``); any other text starting with such a character gets a
    leading apostrophe, which Excel and LibreOffice show as text and do not evaluate.
    """
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(text):
        return "'" + text
    return text


def plain_text(markdown: str) -> str:
    """Markdown as the plain text an LMS feedback field shows (``**Batch-Statistik**`` → ``Batch-Statistik``)."""
    if not markdown:
        return ""
    try:
        import mistune

        rendered = mistune.html(markdown)
    except Exception:  # noqa: BLE001 - no Markdown renderer: drop the most common marks
        rendered = re.sub(r"[*_`#>]+", "", markdown)
    rendered = re.sub(r"<br\s*/?>|</(p|li|h\d|div|tr|pre)>", " ", rendered)
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    return " ".join(text.split())
