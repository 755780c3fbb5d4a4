"""A publication date from the dateline that opens a news report, and only from there.

"RAQQA, Syria, Oct. 17, 2017 (Reuters) — ...", "June 20, 2017 - ...", "PARIS, 14 November 2015:".
Only the first paragraph is looked at, so a date in a footer, a sidebar or a list of other stories
at the end of the text can never be taken for the article's.
"""

from __future__ import annotations

import datetime as dt
import re

from attrition.ingest.published import parse_published

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH},?\s+(?:19|20)\d\d|"
         r"(?:19|20)\d\d-\d\d-\d\d)")
_NAME = r"[A-Z][A-Za-z'.\-]*(?:\s+[A-Z][A-Za-z'.\-]*){0,3}"
_PLACE = rf"(?:{_NAME},\s*(?:{_NAME},\s*)?)"
_SEPARATOR = r"\s*(?:\([^)]{2,40}\)\s*)?(?:[-–—:|]|\bUPDATED\b)"
_DATELINE = re.compile(rf"^\W{{0,3}}{_PLACE}?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?({_DATE}){_SEPARATOR}")
_LEAD = 300   # a dateline opens the report; nothing later is one


def dateline_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date of the dateline opening `text`, or None."""
    first = text.lstrip()[:_LEAD]
    for line in first.split("\n")[:3]:   # the headline may come first
        m = _DATELINE.match(line.strip())
        if m:
            value, _ = parse_published(m.group(1), today)
            return value
    return None
