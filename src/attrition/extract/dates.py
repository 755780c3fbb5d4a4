"""Date expressions in news sentences and the intervals they denote.

``find_dates`` locates expressions with one precompiled regex (no parsing); ``resolve`` turns one into a
:class:`DateSpan`, given the article's publication date and the previously dated event of the narrative.

Anchors:

* ``absolute``    -- "Nov. 13, 2015", "October 2015", "in 2014", "late 2014", "the summer of 2015";
* ``publication`` -- "yesterday", "last week", "on Friday", "June 20" (no year), "in October" (no year);
* ``previous``    -- "two days later", "the day before", "at the same time".

Choices not fixed by the interface:

* parts of a year ("late 2014", "early 2015", "mid-2015", "the start of 2015", "the end of 2015") have
  precision ``quarter`` although late/early/mid cover four months;
* "winter 2015" is December 2015 .. February 2016;
* month names are only matched capitalised; "May" only with a day or a year next to it, or right after a
  preposition ("in May", "by May"), so that the modal verb is never a month;
* a bare year needs a preposition in front ("in 2014", "since 2014") -- "the 2014 offensive" is not matched;
* ranges that straddle the publication date are clipped to end on it (events are reported after they
  happen); a span entirely after the publication date is returned as computed, for the caller to judge;
* "in the past N days/weeks", "in recent weeks", "recently" have precision ``recent``;
* "N weeks ago" denotes the ISO week, "N months ago" the calendar month, "N years ago" the calendar year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = ["DateExpr", "DateSpan", "find_dates", "resolve"]


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: date
    end: date  # inclusive; start == end for a day
    precision: str  # "day" | "week" | "month" | "season" | "quarter" | "year" | "recent"


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    surface: str  # text[start:end] == surface
    anchor: str  # "absolute" | "publication" | "previous"


# --------------------------------------------------------------------------------------------- vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month; three months each
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "couple": 2, "few": 3, "several": 3,
}  # fmt: skip

# Case-sensitive pieces (the whole regex is case-insensitive otherwise).
_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_MON = rf"(?-i:(?:{_MON_FULL})\b|(?:{_MON_ABBR})(?!\w))"
_MON_NO_MAY = rf"(?-i:(?:{_MON_FULL.replace('May|', '')})\b)"
_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_TOD = r"(?:night|morning|afternoon|evening)\b"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?:19|20)\d\d(?![\d,.]\d|\d|-year|\s*(?:%|per\s?cent))"
_WD_PREFIX = rf"(?:(?:on\s+)?(?P<wd>{_WD})(?:\s+{_TOD})?,?\s+(?:the\s+)?)"
_NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety"
    r"|a\s+couple\s+of|a\s+few|several)"
)
_NOT_QUANTITY = (
    r"(?!\s+(?:people|persons|men|women|children|civilians|soldiers|fighters|troops|militants|miles|km"
    r"|kilomet(?:re|er)s|metres|meters|feet|dollars|euros|pounds|deaths|dead|killed|refugees|members)\b)"
)
_PREP_YEAR = r"(?:in|since|during|by|of|throughout|until|till|through|from|before|after|for)"

# (kind, anchor, pattern). Order matters: at one position the first alternative that matches wins, so
# longer forms come first. Named groups are only used when resolving (stripped for the combined regex).
_KINDS: list[tuple[str, str, str]] = [
    ("iso", "absolute", r"(?<![\d-])(?P<body>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d-])"),
    ("mdy", "absolute", rf"{_WD_PREFIX}?(?P<body>{_MON}\s*{_DAY},?\s+{_YEAR})"),
    ("dmy", "absolute", rf"{_WD_PREFIX}?(?P<body>{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR})"),
    ("md", "publication", rf"{_WD_PREFIX}?(?P<body>{_MON}\s*{_DAY})(?!\s*,?\s*\d)"),
    ("dm", "publication", rf"{_WD_PREFIX}?(?P<body>{_DAY}\s+(?:of\s+)?{_MON})"),
    (
        "season_year",
        "absolute",
        rf"(?:(?:in|by|during|over|since|through|throughout)\s+)?(?:the\s+)?(?:(?:late|early|mid-?)\s*)?"
        rf"(?P<season>summer|spring|autumn|fall|winter)\s+(?:of\s+)?(?P<year>{_YEAR})",
    ),
    (
        "part_year",
        "absolute",
        rf"(?:{_PREP_YEAR}\s+)?(?:(?:the\s+)?(?P<part>late|early|mid|middle\s+of|first\s+half\s+of"
        rf"|second\s+half\s+of|opening\s+of|start\s+of|beginning\s+of|closing\s+of|end\s+of)[\s-]*)"
        rf"(?P<year>{_YEAR})",
    ),
    (
        "month_year",
        "absolute",
        rf"(?:{_PREP_YEAR}\s+)?(?:(?:late|early|mid-?)\s*)?(?P<month>{_MON}),?\s+(?:of\s+)?(?P<year>{_YEAR})",
    ),
    ("year", "absolute", rf"{_PREP_YEAR}\s+(?P<year>{_YEAR}){_NOT_QUANTITY}"),
    # ---- relative to the previous event
    (
        "later",
        "previous",
        rf"(?P<n>{_NUM}|hours|minutes|moments|days|weeks)\s+(?P<unit>minutes?|hours?|days?|nights?|weeks?"
        rf"|months?|years?|moments)\s+(?:later|afterwards|after\s+that)\b",
    ),
    (
        "earlier",
        "previous",
        rf"(?P<n>{_NUM})\s+(?P<unit>days?|nights?|weeks?|months?|years?)\s+(?:earlier|before(?=\s*[,.;]|$))",
    ),
    (
        "next",
        "previous",
        r"(?:the\s+)?(?:next|following)\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b"
        r"|the\s+(?P<unit2>day|night|morning)\s+after\b",
    ),
    (
        "prev",
        "previous",
        r"the\s+(?:previous|preceding|prior)\s+(?P<unit>day|night|evening|morning|week|month|year)\b"
        r"|the\s+(?P<unit2>day|night|evening)\s+before\b|a\s+day\s+(?:before|earlier)\b",
    ),
    (
        "same",
        "previous",
        r"(?:around|at|about|roughly)\s+the\s+same\s+time\b"
        r"|(?:on\s+)?the\s+same\s+(?:day|night|morning|evening|afternoon|week)\b"
        r"|(?:later|earlier)\s+(?:that|the\s+same)\s+(?:day|night|morning|evening|afternoon|week)\b"
        r"|earlier\s+in\s+the\s+(?:day|evening|week)\b"   # not "rescheduled for later in the day": a plan
        r"|(?:hours|minutes|moments)\s+later\b|shortly\s+(?:after(?:wards)?|before)(?=\s*[,.;])"
        r"|that\s+(?:same\s+)?(?:day|night|morning|evening|afternoon|week)\b",
    ),
    # ---- relative to the publication date
    (
        "yesterday",
        "publication",
        r"yesterday(?:\s+(?:morning|afternoon|evening))?\b|last\s+night\b|overnight\b",
    ),
    (
        "today",
        "publication",
        r"(?:earlier\s+|later\s+)?today\b|(?:earlier\s+|late\s+)?this\s+(?:morning|afternoon|evening)\b"
        r"|tonight\b",
    ),
    ("weekend", "publication", r"(?:(?P<which>this|last|the)\s+|over\s+the\s+)weekend\b"),
    ("week", "publication", r"(?:earlier\s+|later\s+)?(?P<which>this|last)\s+week\b"),
    ("month", "publication", r"(?:(?P<part>earlier|late|early)\s+)?(?P<which>this|last)\s+month\b"),
    ("rel_year", "publication", r"(?:(?P<part>earlier|late|early)\s+)?(?P<which>this|last)\s+year\b"),
    (
        "rel_season",
        "publication",
        r"(?:(?:(?:by|in|over|during|from|since|through|throughout|until|before|after)\s+)?"
        r"(?P<which>this|last|the)\s+)(?P<season>summer|spring|autumn|fall(?!\s+of\b)|winter)\b",
    ),
    (
        "recent_n",
        "publication",
        r"(?:in|over|during)\s+(?:the\s+)?recent\s+(?P<unit>days|weeks|months|years)\b",
    ),
    (
        "past_n",
        "publication",
        rf"(?:(?:in|over|during|within|for)\s+)?the\s+(?:past|last|previous)\s+(?:(?P<n>{_NUM})\s+)?"
        rf"(?P<unit>days?|weeks?|months?|years?)\b",
    ),
    ("ago", "publication", rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"),
    ("recent", "publication", r"(?:more\s+)?recently\b|lately\b|recent\b"),
    ("weekday", "publication", rf"(?:(?:on|last|this\s+past|this)\s+)?(?P<wd>{_WD})(?:\s+{_TOD})?"),
    (
        "month_only",
        "publication",
        rf"(?:(?P<which>in|since|during|by|until|till|through|from|last|early|late|mid-)\s*)"
        rf"(?:(?:early|late|mid-)\s*)?(?P<month>{_MON_NO_MAY}|(?-i:May)\b)"
        # "in May last year", "in March of this year": the year the text names, not the latest such month
        r"(?:\s+(?:of\s+)?(?P<rel>last|this)\s+year\b)?",
    ),
]

_ANCHOR = {kind: anchor for kind, anchor, _ in _KINDS}
_KIND_RE = {kind: re.compile(pattern, re.IGNORECASE) for kind, _, pattern in _KINDS}
_UNNAME = re.compile(r"\(\?P<\w+>")
_DATE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<{kind}>{_UNNAME.sub('(?:', pattern)})" for kind, _, pattern in _KINDS)
    + r")",
    re.IGNORECASE,
)
# Python's regex engine tries every alternative at every position of a sentence, which is slow for a
# pattern of this size. So ``find_dates`` (1) gives up at once unless the sentence contains a digit, a
# month or weekday name, or one of a few time words; (2) tries the regex only where a word that can open
# a date expression starts, and there only the kinds that can open with that word, in the regex's order.
# The tests check the result against a plain ``_DATE_RE.finditer``.
_PREP = "in since during by of throughout until till through from before after for"
_NUMS = (
    "a an one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty ninety several #"
)
_MONTH_TOKENS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec"
)
_WEEKDAY_TOKENS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
_OPENERS = {  # kind -> words it can start with ("#": a number); capitalised entries are case-sensitive
    "iso": "#",
    "mdy": f"on {_WEEKDAY_TOKENS} {_MONTH_TOKENS}",
    "dmy": f"on {_WEEKDAY_TOKENS} #",
    "md": f"on {_WEEKDAY_TOKENS} {_MONTH_TOKENS}",
    "dm": f"on {_WEEKDAY_TOKENS} #",
    "season_year": "in by during over since through throughout the late early mid summer spring autumn fall "
    "winter",
    "part_year": f"{_PREP} the late early mid middle first second opening start beginning closing end",
    "month_year": f"{_PREP} late early mid {_MONTH_TOKENS}",
    "year": _PREP,
    "later": f"{_NUMS} hours minutes moments days weeks",
    "earlier": _NUMS,
    "next": "the next following",
    "prev": "the a",
    "same": "around at about roughly on the later earlier hours minutes moments shortly that",
    "yesterday": "yesterday last overnight",
    "today": "earlier later today late this tonight",
    "weekend": "this last the over",
    "week": "earlier later this last",
    "month": "earlier late early this last",
    "rel_year": "earlier late early this last",
    "rel_season": "by in over during from since through throughout until before after this last the",
    "recent_n": "in over during",
    "past_n": "in over during within for the",
    "ago": _NUMS,
    "recent": "more recently lately recent",
    "weekday": f"on last this {_WEEKDAY_TOKENS}",
    "month_only": f"in since during by until till through from last early late mid {_MONTH_TOKENS}",
}


def _build_dispatch() -> dict[str, tuple[re.Pattern, ...]]:
    table: dict[str, list[str]] = {}
    for kind, _, _ in _KINDS:  # regex order
        for word in _OPENERS[kind].split():
            key = word if word[0].isupper() else word.lower()
            table.setdefault(key, []).append(kind)
    return {word: tuple(kinds) for word, kinds in table.items()}


_DISPATCH = _build_dispatch()


def _opener_pattern(dispatch: dict) -> re.Pattern:
    """The tokens (maximal runs of letters, or of digits) that can open a date expression, and no others: a
    sentence's twenty-odd other words never reach Python. Lower-case openers in any case, capitalised ones as
    written, as the dispatch table looks them up."""
    folded = sorted((w for w in dispatch if w != "#" and w.islower()), key=lambda w: (-len(w), w))
    cased = sorted((w for w in dispatch if w != "#" and not w.islower()), key=lambda w: (-len(w), w))
    return re.compile(rf"(?<![A-Za-z])(?:(?ai:{'|'.join(folded)})|{'|'.join(cased)})(?![A-Za-z])|(?<!\d)\d+")


_TOKEN_RE = _opener_pattern(_DISPATCH)
_DIGIT_RE = re.compile(r"\d")
_TIME_WORDS = (
    "year",
    "month",
    "week",
    "day",
    "night",
    "morning",
    "afternoon",
    "evening",
    "summer",
    "spring",
    "autumn",
    "fall",
    "winter",
    "recent",
    "lately",
    "today",
    "tonight",
    "ago",
    "later",
    "time",
    "shortly",
    "moment",
    "hour",
    "minute",
    "earlier",
    "before",
    "next",
    "following",
    "previous",
    "preceding",
    "prior",
)
_CASED_WORDS = tuple(set(_MONTH_TOKENS.split()) | {w[:3] for w in _WEEKDAY_TOKENS.split()})


def _may_contain_date(sentence: str) -> bool:
    # map over str.__contains__ runs in C: no Python frame per word
    if _DIGIT_RE.search(sentence) or any(map(sentence.__contains__, _CASED_WORDS)):
        return True
    return any(map(sentence.lower().__contains__, _TIME_WORDS))


_ANY_DAY_BEFORE = re.compile(r"\b(?:a|an|every|each|any)\s+$", re.I)


def find_dates(sentence: str) -> list[DateExpr]:
    """All date expressions in a sentence, left to right, non-overlapping (longest wins)."""
    if not _may_contain_date(sentence):
        return []
    out = []
    last_end = 0
    for tok in _TOKEN_RE.finditer(sentence):
        pos = tok.start()
        if pos < last_end:
            continue
        word = tok.group()
        kinds = _DISPATCH.get("#" if word[0].isdigit() else word) or _DISPATCH.get(word.lower())
        if not kinds or (pos and (sentence[pos - 1].isalnum() or sentence[pos - 1] in "_-")):
            continue
        for kind in kinds:
            m = _KIND_RE[kind].match(sentence, pos)
            if m is not None and kind == "weekday" and _ANY_DAY_BEFORE.search(sentence, max(0, pos - 8), pos):
                break   # "during a Sunday service", "every Friday": any such day, not a date
            if m is not None:
                surface = m.group().rstrip()
                out.append(DateExpr(pos, pos + len(surface), surface, _ANCHOR[kind]))
                last_end = m.end()
                break
    return out


# --------------------------------------------------------------------------------------------- resolution


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.lower().split()[-1] if text.lower().startswith(("a couple", "a few")) else text.lower()
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + n
    return idx // 12, idx % 12 + 1


def _season_span(year: int, first_month: int) -> tuple[date, date]:
    start = date(year, first_month, 1)
    ey, em = _add_months(year, first_month, 2)
    return start, _month_span(ey, em)[1]


def _clip(span: DateSpan, pub: date | None) -> DateSpan:
    if pub is not None and span.start <= pub < span.end:
        return DateSpan(span.start, pub, span.precision)
    return span


_MONTH_NUMBERS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_QUICK_MDY = re.compile(r"\s*(?P<m>[A-Za-z]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})\s*")
_QUICK_DMY = re.compile(r"\s*(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})\s*")
_QUICK_ISO = re.compile(r"\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\s*")


def _quick_day(text: str) -> date | bool | None:
    """The common shapes without dateparser: a date, False for an impossible day, None when unsure."""
    for pattern in (_QUICK_MDY, _QUICK_DMY, _QUICK_ISO):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        month = m["m"]
        number = int(month) if month.isdigit() else _MONTH_NUMBERS.get(month.lower())
        if number is None:
            return None
        try:
            return date(int(m["y"]), number, int(m["d"]))
        except ValueError:
            return False
    return None


@lru_cache(maxsize=4096)
def _parse_day(text: str) -> date | None:
    """A complete day ("Nov. 13, 2015", "13 November 2015", "2015-11-13") through dateparser."""
    import dateparser  # deferred: importing costs time, and find_dates never needs it

    cleaned = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text)
    cleaned = re.sub(r"\bof\b", " ", cleaned)
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned)
    quick = _quick_day(cleaned)
    if quick is not None:
        return quick or None
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "STRICT_PARSING": True,
            "RELATIVE_BASE": datetime(2000, 1, 1),
            "DATE_ORDER": "YMD" if re.match(r"\d{4}-", cleaned) else "MDY",
        },
    )
    return parsed.date() if parsed is not None else None


@lru_cache(maxsize=4096)
def _groups(surface: str) -> tuple[str, dict[str, str | None]] | None:
    m = _DATE_RE.fullmatch(surface)
    if m is None:
        return None
    kind = m.lastgroup
    sub = _KIND_RE[kind].fullmatch(surface)
    return kind, (sub.groupdict() if sub else {})


def _month_of(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _unit_days(unit: str) -> int:
    unit = unit.lower().rstrip("s")
    return {"minute": 0, "hour": 0, "moment": 0, "day": 1, "night": 1, "week": 7}.get(unit, -1)


def _shift(previous: DateSpan, n: int, unit: str) -> DateSpan:
    """previous moved by n units (n may be negative)."""
    days = _unit_days(unit)
    if days >= 0:
        delta = timedelta(days=n * days)
        if previous.precision == "day":
            anchor = previous.end if n >= 0 else previous.start
            return DateSpan(anchor + delta, anchor + delta, "day")
        return DateSpan(previous.start + delta, previous.end + delta, previous.precision)
    base = previous.end if n >= 0 else previous.start
    if unit.lower().startswith("month"):
        y, mo = _add_months(base.year, base.month, n)
        return DateSpan(*_month_span(y, mo), "month")
    return DateSpan(date(base.year + n, 1, 1), date(base.year + n, 12, 31), "year")


def before(span: DateSpan, count: str, unit: str) -> DateSpan | None:
    """The span `count` ("two", "10", "a") `unit`s ("days", "week") before `span`; None for a count it cannot read."""
    n = _number(count)
    return None if n is None else _shift(span, -n, unit)


def _iso_week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _resolve_previous(kind: str, g: dict[str, str | None], previous: DateSpan) -> DateSpan | None:
    if kind == "same":
        return previous
    if kind == "later":
        n = _number(g.get("n"))
        return _shift(previous, 0 if n is None else n, g["unit"])
    if kind == "earlier":
        n = _number(g.get("n"))
        return None if n is None else _shift(previous, -n, g["unit"])
    unit = (g.get("unit") or g.get("unit2") or "day").lower()
    step = 1 if kind == "next" else -1
    if unit in ("week",):
        monday, sunday = _iso_week((previous.end if step > 0 else previous.start) + timedelta(days=7 * step))
        return DateSpan(monday, sunday, "week")
    if unit in ("month", "year"):
        return _shift(previous, step, unit)
    return _shift(previous, step, "day")


def _latest_season(pub: date, first_month: int, *, completed: bool) -> tuple[date, date]:
    """The latest season that started on or before pub (or, if completed, that ended before pub)."""
    for year in (pub.year, pub.year - 1, pub.year - 2):
        start, end = _season_span(year, first_month)
        if (end < pub) if completed else (start <= pub):
            return start, end
    raise AssertionError("unreachable")


def _resolve_publication(kind: str, g: dict[str, str | None], surface: str, pub: date) -> DateSpan | None:
    if kind in ("md", "dm"):
        # The latest such day on or before pub; a weekday given with it ("Friday, Nov. 13") picks the year.
        candidates = [_parse_day(f"{g['body']} {year}") for year in range(pub.year, pub.year - 12, -1)]
        candidates = [d for d in candidates if d is not None and d <= pub]
        if not candidates:
            return None
        if g.get("wd"):
            weekday = _WEEKDAYS[g["wd"].lower()]
            matching = [d for d in candidates if d.weekday() == weekday]
            if matching and matching[0].year >= candidates[0].year - 6:
                return DateSpan(matching[0], matching[0], "day")
        return DateSpan(candidates[0], candidates[0], "day")
    if kind == "yesterday":
        return DateSpan(pub - timedelta(days=1), pub - timedelta(days=1), "day")
    if kind == "today":
        return DateSpan(pub, pub, "day")
    if kind == "weekday":
        d = pub - timedelta(days=(pub.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7)
        if d == pub and surface[:4].lower() == "last":
            d -= timedelta(days=7)   # "last Friday" written on a Friday: a week ago, not today
        return DateSpan(d, d, "day")
    if kind == "week":
        monday, sunday = _iso_week(pub)
        if g["which"].lower() == "this":
            return DateSpan(monday, pub, "week")
        if pub.weekday() >= 5:
            # written at the weekend, "last week" is often the week now ending: "the killing last week" on a Sunday
            return DateSpan(monday - timedelta(days=7), pub - timedelta(days=1), "week")
        return DateSpan(monday - timedelta(days=7), sunday - timedelta(days=7), "week")
    if kind == "weekend":
        days_since_saturday = (pub.weekday() - 5) % 7
        saturday = pub - timedelta(days=days_since_saturday)
        if (g.get("which") or "").lower() == "last" and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        # news weekends begin on Friday night: "the attacks in Paris this weekend" (Friday 13th)
        return _clip(DateSpan(saturday - timedelta(days=1), saturday + timedelta(days=1), "week"), pub)
    if kind == "month":
        if g["which"].lower() == "this":
            return DateSpan(date(pub.year, pub.month, 1), pub, "month")
        y, mo = _add_months(pub.year, pub.month, -1)
        return DateSpan(*_month_span(y, mo), "month")
    if kind == "rel_year":
        year = pub.year if g["which"].lower() == "this" else pub.year - 1
        part = (g.get("part") or "").lower()
        if part == "late":
            return _clip(DateSpan(date(year, 9, 1), date(year, 12, 31), "quarter"), pub)
        if part == "early":
            return _clip(DateSpan(date(year, 1, 1), date(year, 4, 30), "quarter"), pub)
        return _clip(DateSpan(date(year, 1, 1), date(year, 12, 31), "year"), pub)
    if kind == "rel_season":
        completed = g["which"].lower() == "last"
        start, end = _latest_season(pub, _SEASONS[g["season"].lower()], completed=completed)
        return _clip(DateSpan(start, end, "season"), pub)
    if kind == "recent":
        return DateSpan(pub - timedelta(days=14), pub, "recent")
    if kind == "recent_n":
        days = {"days": 7, "weeks": 28, "months": 90, "years": 3 * 365}[g["unit"].lower()]
        return DateSpan(pub - timedelta(days=days), pub, "recent")
    if kind == "past_n":
        n = _number(g.get("n")) or 1
        unit = g["unit"].lower().rstrip("s")
        days = n * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
        return DateSpan(pub - timedelta(days=days), pub, "recent")
    if kind == "ago":
        n = _number(g.get("n"))
        if n is None:
            return None
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            d = pub - timedelta(days=n)
            return DateSpan(d, d, "day")
        if unit == "week":
            return DateSpan(*_iso_week(pub - timedelta(days=7 * n)), "week")
        if unit == "month":
            return DateSpan(*_month_span(*_add_months(pub.year, pub.month, -n)), "month")
        return DateSpan(date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year")
    if kind == "month_only":
        month = _month_of(g["month"])
        strictly_before = (g.get("which") or "").lower() == "last"
        year = (
            pub.year if (pub.month > month or (pub.month == month and not strictly_before)) else pub.year - 1
        )
        if g.get("rel"):
            year = pub.year - 1 if g["rel"].lower() == "last" else pub.year
        return _clip(DateSpan(*_month_span(year, month), "month"), pub)
    return None


_PARTS = {
    "late": (9, 12, "quarter"), "early": (1, 4, "quarter"), "mid": (5, 8, "quarter"),
    "middle of": (5, 8, "quarter"), "first half of": (1, 6, "quarter"), "second half of": (7, 12, "quarter"),
    "opening of": (1, 3, "quarter"), "start of": (1, 3, "quarter"), "beginning of": (1, 3, "quarter"),
    "closing of": (10, 12, "quarter"), "end of": (10, 12, "quarter"),
}  # fmt: skip


def _resolve_absolute(kind: str, g: dict[str, str | None]) -> DateSpan | None:
    if kind in ("iso", "mdy", "dmy"):
        d = _parse_day(g["body"])
        return DateSpan(d, d, "day") if d is not None else None
    year = int(g["year"])
    if kind == "year":
        return DateSpan(date(year, 1, 1), date(year, 12, 31), "year")
    if kind == "month_year":
        return DateSpan(*_month_span(year, _month_of(g["month"])), "month")
    if kind == "season_year":
        return DateSpan(*_season_span(year, _SEASONS[g["season"].lower()]), "season")
    if kind == "part_year":
        first, last, precision = _PARTS[" ".join(g["part"].lower().split())]
        return DateSpan(date(year, first, 1), _month_span(year, last)[1], precision)
    return None


def resolve(expr: DateExpr, published: date | None, previous: DateSpan | None) -> DateSpan | None:
    """The interval the expression denotes; None when it cannot be resolved (the caller flags it)."""
    found = _groups(expr.surface)
    if found is None:
        return None
    kind, groups = found
    anchor = _ANCHOR[kind]
    if anchor == "previous":
        if previous is None:
            return None
        span = _resolve_previous(kind, groups, previous)
    elif anchor == "publication":
        if published is None:
            return None
        span = _resolve_publication(kind, groups, expr.surface, published)
    else:
        span = _resolve_absolute(kind, groups)
    if span is None:
        return None
    return _clip(span, published)


def month_after(span: DateSpan, before: DateSpan, published: date | None) -> DateSpan:
    """A month named without its year after a date with one ("seized Marawi in May 2017 and held it until the army
    retook it in October"): that month next after the date, not the last one before publication."""
    return month_of_year(span, before.start.year + (span.start.month < before.start.month), published)


def month_of_year(span: DateSpan, year: int, published: date | None) -> DateSpan:
    """The month of `span` in `year` ("Ramadi in December of that year": the year named before it), unless that is after
    publication."""
    start, end = _month_span(year, span.start.month)
    if published is not None and start > published:
        return span
    return _clip(DateSpan(start, end, "month"), published)


APART_DAYS = 7   # a day this far before the attack dates another event, not the attack told late


def dated_apart(s: str, published: date | None, span: DateSpan | None) -> bool:
    """The sentence dates something before `span`: a month or a year that ends before it, or a day more than a week
    before it ("Last November, gunmen stormed ..." in a report of an attack in August). A later date is often the
    day something was said or marked about the attack ("on the one-month anniversary of the shooting")."""
    if span is None:
        return False
    for expr in find_dates(s):
        day = resolve(expr, published, None)
        if day is not None and day.precision != "recent" and \
                (span.start - day.end).days > (APART_DAYS if day.precision == "day" else 0):
            return True
    return False
