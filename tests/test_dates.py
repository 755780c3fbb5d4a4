"""Date expressions: finding them in sentences and resolving them to intervals."""

from datetime import date
from pathlib import Path

import pytest

from attrition.extract.dates import _DATE_RE, DateExpr, DateSpan, find_dates, resolve

PUB = date(2015, 11, 14)  # a Saturday, the day after the Paris attacks
PUB_2017 = date(2017, 6, 25)  # a Sunday
DAY = DateSpan(date(2015, 11, 13), date(2015, 11, 13), "day")
SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"


def d(text: str) -> date:
    return date.fromisoformat(text)


def only(sentence: str) -> DateExpr:
    found = find_dates(sentence)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------------------------------ find_dates

FIND_CASES = [
    ("The gunfire and bombs that rocked Paris last night killed at least 120.", ["last night"]),
    ("The opening of 2015 saw Paris afflicted by the horrendous terrorist attacks", ["The opening of 2015"]),
    ("Late last year ISIS struggled in earnest to crush the Syrian Kurds at Kobani.", ["Late last year"]),
    ("(in late 2014 over 70% of the U.S. air strikes against ISIS)", ["in late 2014"]),
    ("By early 2015 the siege was broken", ["By early 2015"]),
    ("By the summer Syrian Kurdish militiamen were on the offensive", ["By the summer"]),
    ("Around the same time ISIS sought to disguise that blow", ["Around the same time"]),
    (
        "On Tuesday night, June 20, a 36-year old Moroccan caused a small explosion",
        ["On Tuesday night, June 20"],
    ),
    ("Monday, Adam Dzaziri, 31, rammed his vehicle into a police van", ["Monday"]),
    ("This dichotomy was grimly demonstrated in the past ten days in Brussels", ["in the past ten days"]),
    ("the capture of Mosul in 2014, once the size of Great Britain, is today reduced", ["in 2014", "today"]),
    ("Ten days later, on June 7, gunmen attacked the parliament", ["Ten days later", "June 7"]),
    (
        "The attacks of Nov. 13, 2015 and of 13 November 2015 and 2015-11-13",
        ["Nov. 13, 2015", "13 November 2015", "2015-11-13"],
    ),
    ("Police said on Friday that the two men had met in October 2015.", ["on Friday", "in October 2015"]),
    ("Iraqi forces have steadily progressed in recent months", ["in recent months"]),
    ("The group lost Baiji in October and Sinjar last week.", ["in October", "last week"]),
    ("In 2016, the group lost Ramadi; mid-2015 was its peak.", ["In 2016", "mid-2015"]),
    (
        "The closing of 2015 has seen another attack; the summer of 2015 was calmer",
        ["The closing of 2015", "the summer of 2015"],
    ),
    ("A bomb exploded yesterday morning, two days after the raid.", ["yesterday morning"]),
    ("It may be that May 5 or 5 May 2016 will matter.", ["May 5", "5 May 2016"]),
    ("The offensive began in May.", ["in May"]),
    ("after the fall of Mosul in 2014", ["in 2014"]),
    ("The city fell the next day; a week later the army returned.", ["the next day", "a week later"]),
    ("He had been arrested three weeks ago and released this morning.", ["three weeks ago", "this morning"]),
]


@pytest.mark.parametrize(("sentence", "surfaces"), FIND_CASES)
def test_find_dates_surfaces(sentence, surfaces):
    found = find_dates(sentence)
    assert [e.surface for e in found] == surfaces
    for e in found:
        assert sentence[e.start : e.end] == e.surface


@pytest.mark.parametrize(
    "sentence",
    [
        "ISIS fighters were 2,500 miles away.",
        "Remember the 70,000 moderate fighters.",
        "There were 2014 people at the rally.",
        "Militants may attack again; May God protect them.",
        "Fighters marched toward the city.",
        "The group's leader said it would fight on.",
        "The fall of Raqqa was near.",
        "A 36-year old man was arrested.",
        "",
    ],
)
def test_find_dates_nothing(sentence):
    assert find_dates(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("on Nov. 13, 2015", "absolute"),
        ("in 2014", "absolute"),
        ("June 20", "publication"),
        ("in October", "publication"),
        ("last week", "publication"),
        ("Friday", "publication"),
        ("Two days later", "previous"),
        ("At the same time", "previous"),
    ],
)
def test_anchor(sentence, anchor):
    assert only(sentence).anchor == anchor


def test_last_night_beats_night():
    assert [e.surface for e in find_dates("Paris was hit last night.")] == ["last night"]


def test_lowercase_weekday_and_month_words_are_not_dates():
    assert find_dates("we will march on; the sun rose") == []


# ------------------------------------------------------------------------------------------ resolve

RESOLVE_CASES = [
    # absolute
    ("Nov. 13, 2015", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("November 13, 2015", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("13 November 2015", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("2015-11-13", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("Sept. 3rd, 2014", PUB, ("2014-09-03", "2014-09-03", "day")),
    ("in October 2015", PUB, ("2015-10-01", "2015-10-31", "month")),
    ("February 2016", None, ("2016-02-01", "2016-02-29", "month")),
    ("in 2014", PUB, ("2014-01-01", "2014-12-31", "year")),
    ("In 2016,", None, ("2016-01-01", "2016-12-31", "year")),
    ("in 2015", PUB, ("2015-01-01", "2015-11-14", "year")),  # clipped to publication
    ("in late 2014", PUB, ("2014-09-01", "2014-12-31", "quarter")),
    ("by early 2015", PUB, ("2015-01-01", "2015-04-30", "quarter")),
    ("mid-2015", PUB, ("2015-05-01", "2015-08-31", "quarter")),
    ("The opening of 2015", PUB, ("2015-01-01", "2015-03-31", "quarter")),
    ("the start of 2015", PUB, ("2015-01-01", "2015-03-31", "quarter")),
    ("the beginning of 2015", PUB, ("2015-01-01", "2015-03-31", "quarter")),
    ("The closing of 2015", PUB, ("2015-10-01", "2015-11-14", "quarter")),
    ("the end of 2014", PUB, ("2014-10-01", "2014-12-31", "quarter")),
    ("summer 2015", PUB, ("2015-06-01", "2015-08-31", "season")),
    ("the summer of 2015", PUB, ("2015-06-01", "2015-08-31", "season")),
    ("spring 2014", PUB, ("2014-03-01", "2014-05-31", "season")),
    ("the fall of 2014", PUB, ("2014-09-01", "2014-11-30", "season")),
    ("winter 2013", PUB, ("2013-12-01", "2014-02-28", "season")),
    # month and day without a year: the latest on or before publication
    ("June 20", PUB_2017, ("2017-06-20", "2017-06-20", "day")),
    ("20 June", PUB_2017, ("2017-06-20", "2017-06-20", "day")),
    ("June 25", PUB_2017, ("2017-06-25", "2017-06-25", "day")),
    ("June 26", PUB_2017, ("2016-06-26", "2016-06-26", "day")),
    ("Tuesday night, June 20", PUB_2017, ("2017-06-20", "2017-06-20", "day")),
    ("On Friday, Nov. 13", PUB_2017, ("2015-11-13", "2015-11-13", "day")),  # the weekday picks the year
    ("Feb. 29", PUB_2017, ("2016-02-29", "2016-02-29", "day")),
    ("in October", PUB, ("2015-10-01", "2015-10-31", "month")),
    ("in November", PUB, ("2015-11-01", "2015-11-14", "month")),
    ("in December", PUB, ("2014-12-01", "2014-12-31", "month")),
    ("since May", PUB, ("2015-05-01", "2015-05-31", "month")),
    # relative to the publication date
    ("last night", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("yesterday", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("today", PUB, ("2015-11-14", "2015-11-14", "day")),
    ("this morning", PUB, ("2015-11-14", "2015-11-14", "day")),
    ("tonight", PUB, ("2015-11-14", "2015-11-14", "day")),
    ("earlier today", PUB, ("2015-11-14", "2015-11-14", "day")),
    ("On Friday", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("Friday", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("Saturday", PUB, ("2015-11-14", "2015-11-14", "day")),  # pub itself
    ("Sunday", PUB, ("2015-11-08", "2015-11-08", "day")),
    ("Monday,", PUB_2017, ("2017-06-19", "2017-06-19", "day")),
    ("on Tuesday night", PUB_2017, ("2017-06-20", "2017-06-20", "day")),
    ("last Friday", PUB, ("2015-11-13", "2015-11-13", "day")),
    ("last Saturday", PUB, ("2015-11-07", "2015-11-07", "day")),  # written on a Saturday: a week ago
    ("this week", PUB, ("2015-11-09", "2015-11-14", "week")),
    ("earlier this week", PUB, ("2015-11-09", "2015-11-14", "week")),
    ("last week", PUB, ("2015-11-02", "2015-11-13", "week")),  # at the weekend: the week ending too
    ("last week", date(2015, 11, 18), ("2015-11-09", "2015-11-15", "week")),
    ("this weekend", PUB, ("2015-11-13", "2015-11-14", "week")),  # pub is a Saturday
    ("the weekend", PUB_2017, ("2017-06-23", "2017-06-25", "week")),
    ("over the weekend", date(2015, 11, 18), ("2015-11-13", "2015-11-15", "week")),
    ("last month", PUB, ("2015-10-01", "2015-10-31", "month")),
    ("last month", date(2016, 1, 5), ("2015-12-01", "2015-12-31", "month")),
    ("this month", PUB, ("2015-11-01", "2015-11-14", "month")),
    ("earlier this month", PUB, ("2015-11-01", "2015-11-14", "month")),
    ("this year", PUB, ("2015-01-01", "2015-11-14", "year")),
    ("earlier this year", PUB, ("2015-01-01", "2015-11-14", "year")),
    ("last year", PUB, ("2014-01-01", "2014-12-31", "year")),
    ("Late last year", PUB, ("2014-09-01", "2014-12-31", "quarter")),
    ("early last year", PUB, ("2014-01-01", "2014-04-30", "quarter")),
    ("this summer", PUB, ("2015-06-01", "2015-08-31", "season")),
    ("By the summer", PUB, ("2015-06-01", "2015-08-31", "season")),
    ("in the summer", date(2016, 3, 1), ("2015-06-01", "2015-08-31", "season")),
    ("over the summer", date(2016, 7, 10), ("2016-06-01", "2016-07-10", "season")),
    ("last summer", date(2016, 7, 10), ("2015-06-01", "2015-08-31", "season")),
    ("recently", PUB, ("2015-10-31", "2015-11-14", "recent")),
    ("recent", PUB, ("2015-10-31", "2015-11-14", "recent")),
    ("more recently", PUB, ("2015-10-31", "2015-11-14", "recent")),
    ("lately", PUB, ("2015-10-31", "2015-11-14", "recent")),
    ("in recent weeks", PUB, ("2015-10-17", "2015-11-14", "recent")),
    ("in recent days", PUB, ("2015-11-07", "2015-11-14", "recent")),
    ("in recent months", PUB, ("2015-08-16", "2015-11-14", "recent")),
    ("in the past ten days", PUB, ("2015-11-04", "2015-11-14", "recent")),
    ("in the past 10 days", PUB, ("2015-11-04", "2015-11-14", "recent")),
    ("over the past week", PUB, ("2015-11-07", "2015-11-14", "recent")),
    ("in the past two weeks", PUB, ("2015-10-31", "2015-11-14", "recent")),
    ("three days ago", PUB, ("2015-11-11", "2015-11-11", "day")),
    ("two weeks ago", PUB, ("2015-10-26", "2015-11-01", "week")),
]


@pytest.mark.parametrize(("text", "pub", "expected"), RESOLVE_CASES)
def test_resolve(text, pub, expected):
    expr = only(text)
    assert expr.surface == text.rstrip(",")
    span = resolve(expr, pub, None)
    assert span == DateSpan(d(expected[0]), d(expected[1]), expected[2])


PREV_WEEK = DateSpan(date(2015, 11, 2), date(2015, 11, 8), "week")
PREVIOUS_CASES = [
    ("Ten days later", DAY, ("2015-11-23", "2015-11-23", "day")),
    ("two days later", DAY, ("2015-11-15", "2015-11-15", "day")),
    ("a day later", DAY, ("2015-11-14", "2015-11-14", "day")),
    ("the next day", DAY, ("2015-11-14", "2015-11-14", "day")),
    ("The following day", DAY, ("2015-11-14", "2015-11-14", "day")),
    ("a week later", DAY, ("2015-11-20", "2015-11-20", "day")),
    ("hours later", DAY, ("2015-11-13", "2015-11-13", "day")),
    ("two days earlier", DAY, ("2015-11-11", "2015-11-11", "day")),
    ("a day before", DAY, ("2015-11-12", "2015-11-12", "day")),
    ("the day before", DAY, ("2015-11-12", "2015-11-12", "day")),
    ("the previous day", DAY, ("2015-11-12", "2015-11-12", "day")),
    ("Around the same time", DAY, ("2015-11-13", "2015-11-13", "day")),
    ("At the same time", PREV_WEEK, ("2015-11-02", "2015-11-08", "week")),
    ("the same day", DAY, ("2015-11-13", "2015-11-13", "day")),
    ("that day", DAY, ("2015-11-13", "2015-11-13", "day")),
    ("that night", DAY, ("2015-11-13", "2015-11-13", "day")),
    ("that week", PREV_WEEK, ("2015-11-02", "2015-11-08", "week")),
    ("two days later", PREV_WEEK, ("2015-11-04", "2015-11-10", "week")),  # an interval is shifted
    ("the following week", DAY, ("2015-11-16", "2015-11-22", "week")),
]


@pytest.mark.parametrize(("text", "previous", "expected"), PREVIOUS_CASES)
def test_resolve_previous(text, previous, expected):
    expr = only(text)
    assert expr.anchor == "previous"
    assert resolve(expr, None, previous) == DateSpan(d(expected[0]), d(expected[1]), expected[2])


def test_later_is_clipped_to_publication():
    expr = only("Ten days later")
    assert resolve(expr, date(2015, 11, 30), DAY).end == date(2015, 11, 23)
    span = resolve(only("the following week"), date(2015, 11, 18), DAY)
    assert span == DateSpan(date(2015, 11, 16), date(2015, 11, 18), "week")


@pytest.mark.parametrize("text", ["yesterday", "June 20", "in October", "last week", "Friday", "recently"])
def test_publication_relative_without_publication_is_none(text):
    assert resolve(only(text), None, DAY) is None


@pytest.mark.parametrize("text", ["Ten days later", "the day before", "At the same time", "that night"])
def test_previous_relative_without_previous_is_none(text):
    assert resolve(only(text), PUB, None) is None


def test_absolute_needs_nothing():
    assert resolve(only("Nov. 13, 2015"), None, None) == DAY


def test_invalid_day_is_none():
    assert resolve(only("February 30, 2015"), PUB, None) is None


def test_start_never_after_end():
    sentences = [case[0] for case in FIND_CASES] + [case[0] for case in RESOLVE_CASES + PREVIOUS_CASES]
    for pub in (PUB, PUB_2017, date(2016, 1, 1), date(2016, 2, 29)):
        for sentence in sentences:
            for expr in find_dates(sentence):
                span = resolve(expr, pub, DAY)
                if span is not None:
                    assert span.start <= span.end, (sentence, pub, span)


def _corpus() -> list[str]:
    sentences = [case[0] for case in FIND_CASES + RESOLVE_CASES + PREVIOUS_CASES]
    for path in sorted(SEEDS.glob("*.txt")):
        sentences += path.read_text(encoding="utf-8").split(". ")
    return sentences


def test_fast_path_agrees_with_plain_regex():
    """find_dates only tries the regex at some words; it must find what a full scan finds."""
    for sentence in _corpus():
        plain = [(m.start(), m.start() + len(m.group().rstrip())) for m in _DATE_RE.finditer(sentence)]
        assert [(e.start, e.end) for e in find_dates(sentence)] == plain, sentence


@pytest.mark.parametrize("text, start, end", [
    ("in May last year", date(2016, 5, 1), date(2016, 5, 31)),          # not the latest May (2017)
    ("in March of last year", date(2016, 3, 1), date(2016, 3, 31)),
    ("in February this year", date(2017, 2, 1), date(2017, 2, 28)),
    ("in December last year", date(2016, 12, 1), date(2016, 12, 31)),
    ("in May", date(2017, 5, 1), date(2017, 5, 31)),                    # alone: the latest
])
def test_a_month_with_the_year_it_names_relative_to_publication(text, start, end):
    [expr] = find_dates(f"The bombings {text} killed 30 people.")
    assert resolve(expr, PUB_2017, None) == DateSpan(start, end, "month")
