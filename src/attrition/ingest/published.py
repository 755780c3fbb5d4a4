"""Publication dates from metadata: strict ISO first, dateparser for the rest, impossible ones refused."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import dateparser

EARLIEST = dt.date(1990, 1, 1)   # before the web archives this project reads; older is a metadata error
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
# A day and a month without a year ("1/21") or a bare number cannot name a publication day.
_NEEDS_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# "7/23/17", "23/07/2017": read only when one order is impossible (a field over 12) or both agree.
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\s*$")


@lru_cache(maxsize=65536)
def parse_published(raw: str | None, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """(date, None) or (None, reason). `today` bounds dates in the future (default: the real today)."""
    if raw is None or not str(raw).strip():
        return None, None
    text = str(raw).strip()
    today = today or dt.date.today()
    m = _ISO.match(text)
    if m:
        try:
            value = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None, f"not a calendar date: {text!r}"
    elif m := _NUMERIC.match(text):
        value, why = _numeric(m, text)
        if why:
            return None, why
    else:
        if not _NEEDS_YEAR.search(text):
            return None, f"no year in {text!r}"
        parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
        if parsed is None:
            return None, f"unreadable date {text!r}"
        value = parsed.date()
    if value < EARLIEST:
        return None, f"{value.isoformat()} is before {EARLIEST.isoformat()}"
    if value > today + dt.timedelta(days=1):
        return None, f"{value.isoformat()} is in the future"
    return value, None


def _numeric(m: re.Match, text: str) -> tuple[dt.date | None, str | None]:
    first, second, year = int(m[1]), int(m[2]), int(m[3])
    if len(m[3]) == 2:
        year += 1900 if year >= 90 else 2000
    if first <= 12 and second <= 12 and first != second:
        return None, f"ambiguous day and month in {text!r}"
    month, day = (first, second) if first <= 12 else (second, first)
    try:
        return dt.date(year, month, day), None
    except ValueError:
        return None, f"not a calendar date: {text!r}"
