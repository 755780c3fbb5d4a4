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
