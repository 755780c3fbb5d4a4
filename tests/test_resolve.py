"""The resolve stage: mentions from many articles become incidents with stable ids."""

from __future__ import annotations

import pytest
from helpers import add_article, add_mention, add_report, day, incident, incident_of

from attrition import db
from attrition.resolve import MAX_JOIN_DAYS, resolve


@pytest.fixture
def con(tmp_path):
    connection = db.connect(tmp_path / "attrition.duckdb")
    yield connection
    connection.close()


def incident_ids(con) -> list[str]:
    return [r[0] for r in con.execute("select incident_id from incidents order by incident_id").fetchall()]


def snapshot(con) -> list[tuple]:
    return con.execute("select * from incidents order by incident_id").fetchall()


def karrada(con):
    """The Karrada bombing as three outlets reported it: the toll rose, then was revised down."""
    # inserted out of publication order on purpose
    add_article(con, "art-ap", "2016-07-05", "AP")
    add_article(con, "art-reuters-1", "2016-07-03", "Reuters")
    add_article(con, "art-reuters-2", "2016-07-10", "Reuters")
    add_mention(con, "m-ap", "art-ap", "attack", "Baghdad", "IQ", "2016-07-03", killed=132)
    add_mention(con, "m-reuters-2", "art-reuters-2", "attack", "Baghdad", "IQ", "2016-07-03", killed=129)
    add_mention(con, "m-reuters-1", "art-reuters-1", "attack", "Baghdad", "IQ", "2016-07-03", killed=120)


def test_three_reports_of_one_attack_make_one_incident(con):
    karrada(con)
    summary = resolve(con, "r1")

    assert (summary.mentions, summary.created, summary.joined, summary.merged) == (3, 1, 2, 0)
    [iid] = incident_ids(con)
    assert {incident_of(con, m) for m in ("m-ap", "m-reuters-1", "m-reuters-2")} == {iid}
    inc = incident(con, iid)
    assert (inc["killed_low"], inc["killed_high"], inc["killed_best"]) == (120, 132, 129)
    assert (inc["n_articles"], inc["n_mentions"], inc["n_sources"]) == (3, 3, 2)   # Reuters twice, AP once
    assert (inc["first_reported"], inc["last_reported"]) == (day("2016-07-03"), day("2016-07-10"))
    assert (inc["place"], inc["country"], inc["date_start"], inc["date_end"]) == (
        "Baghdad", "IQ", day("2016-07-03"), day("2016-07-03"))
    assert (inc["created_run"], inc["updated_run"]) == ("r1", "r1")
    sources = con.execute("select mention_id, article_id from incident_sources where incident_id = ? "
                          "order by mention_id", [iid]).fetchall()
    assert sources == [("m-ap", "art-ap"), ("m-reuters-1", "art-reuters-1"), ("m-reuters-2", "art-reuters-2")]
    assert con.execute("select change, incident_id from incident_changes").fetchall() == [("created", iid)]


def test_outlets_without_a_name_count_per_article(con):
    add_report(con, "m-1", "2016-07-04", source=None, place="Baghdad", date_start="2016-07-03", killed=1)
    add_article(con, "a-2", "2016-07-04", None)
    add_mention(con, "m-2", "a-2", place="Baghdad", date_start="2016-07-03", killed=1)
    add_report(con, "m-3", "2016-07-04", source="AP", place="Baghdad", date_start="2016-07-03", killed=1)
    con.execute("update articles set source = null where article_id = 'a-m-1'")
    resolve(con, "r1")
    [iid] = incident_ids(con)
    assert incident(con, iid)["n_sources"] == 3


def test_the_latest_report_gives_the_best_toll_even_when_lower(con):
    add_report(con, "m-early", "2015-11-14", place="Paris", country="FR", date_start="2015-11-13", killed=140)
    add_report(con, "m-late", "2015-11-20", place="Paris", country="FR", date_start="2015-11-13", killed=130)
    add_report(con, "m-mid", "2015-11-16", place="Paris", country="FR", date_start="2015-11-13", killed=132)
    resolve(con, "r1")
    [iid] = incident_ids(con)
    inc = incident(con, iid)
    assert (inc["killed_low"], inc["killed_high"], inc["killed_best"]) == (130, 140, 130)


def test_conflicting_tolls_published_the_same_day_give_the_lowest(con):
    add_report(con, "m-old", "2015-11-14", place="Paris", country="FR", date_start="2015-11-13", killed=20)
    add_report(con, "m-high", "2015-11-15", place="Paris", country="FR", date_start="2015-11-13", killed=129,
               killed_low=120, killed_high=135)
    add_report(con, "m-low", "2015-11-15", place="Paris", country="FR", date_start="2015-11-13", killed=127)
    add_report(con, "m-none", "2015-11-16", place="Paris", country="FR", date_start="2015-11-13")   # no toll
    resolve(con, "r1")
    [iid] = incident_ids(con)
    inc = incident(con, iid)
    # the latest report has no figure, so the latest day with one decides: its lowest figure
    assert inc["killed_best"] == 127
    assert (inc["killed_low"], inc["killed_high"]) == (20, 135)


def test_injured_are_reconciled_like_the_killed(con):
    add_report(con, "m-a", "2016-01-02", place="Jakarta", country="ID", date_start="2016-01-01", killed=3, injured=20)
    add_report(con, "m-b", "2016-01-05", place="Jakarta", country="ID", date_start="2016-01-01", killed=4, injured=24)
    add_report(con, "m-c", "2016-01-03", place="Jakarta", country="ID", date_start="2016-01-01", killed=2, injured=30)
    resolve(con, "r1")
    [iid] = incident_ids(con)
    inc = incident(con, iid)
    assert (inc["injured_low"], inc["injured_high"], inc["injured_best"]) == (20, 30, 24)
    assert (inc["killed_low"], inc["killed_high"], inc["killed_best"]) == (2, 4, 4)


def test_attacks_in_the_same_city_in_different_months_stay_apart(con):
    add_report(con, "m-march", "2015-03-11", place="Mosul", date_start="2015-03-10", killed=5)
    add_report(con, "m-april", "2015-04-11", place="Mosul", date_start="2015-04-10", killed=7)
    summary = resolve(con, "r1")
    assert summary.created == 2
    assert incident_of(con, "m-march") != incident_of(con, "m-april")
    assert incident(con, incident_of(con, "m-march"))["killed_best"] == 5
    assert incident(con, incident_of(con, "m-april"))["killed_best"] == 7


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"place": "Mosul", "country": "IQ"}, {"place": "Tikrit", "country": "IQ"}),    # another city
        ({"place": "Mosul", "country": "IQ"}, {"place": None, "country": "SY"}),        # another country
        ({"place": "Mosul", "kind": "attack"}, {"place": "Mosul", "kind": "territorial_loss"}),  # another kind
        ({"place": "Mosul"}, {"place": "Mosul", "date_start": None}),                  # undated
    ],
)
def test_incompatible_mentions_stay_apart(con, a, b):
    add_report(con, "m-a", "2015-03-11", **{"date_start": "2015-03-10", **a})
    add_report(con, "m-b", "2015-03-11", **{"date_start": "2015-03-10", **b})
    resolve(con, "r1")
    assert incident_of(con, "m-a") != incident_of(con, "m-b")
    assert len(incident_ids(con)) == 2


def test_a_country_only_report_joins_a_city_incident(con):
    add_report(con, "m-city", "2015-03-11", place="Mosul", date_start="2015-03-10", killed=5)
    add_report(con, "m-country", "2015-03-12", place=None, date_start="2015-03-10", killed=6)
    resolve(con, "r1")
    assert incident_of(con, "m-city") == incident_of(con, "m-country")
    assert incident(con, incident_of(con, "m-city"))["place"] == "Mosul"


def test_a_year_wide_mention_does_not_join_a_day_precise_incident(con):
    add_report(con, "m-day", "2015-06-11", place="Mosul", date_start="2015-06-10", killed=5)
    add_report(con, "m-year", "2016-01-10", place="Mosul", date_start="2015-01-01", date_end="2015-12-31",
               killed=5)
    summary = resolve(con, "r1")
    assert summary.created == 2 and summary.joined == 0
    day_incident = incident(con, incident_of(con, "m-day"))
    year_incident = incident(con, incident_of(con, "m-year"))
    assert day_incident["incident_id"] != year_incident["incident_id"]
    assert (day_incident["date_start"], day_incident["date_end"]) == (day("2015-06-10"), day("2015-06-10"))
    assert (year_incident["date_start"], year_incident["date_end"]) == (day("2015-01-01"), day("2015-12-31"))
    assert day_incident["n_mentions"] == year_incident["n_mentions"] == 1


def test_a_season_wide_mention_still_joins(con):
    """The contrast to the year: a window of MAX_JOIN_DAYS days is narrow enough to join."""
    start = day("2015-06-01")
    end = start + __import__("datetime").timedelta(days=MAX_JOIN_DAYS)
    add_report(con, "m-day", "2015-06-11", place="Mosul", date_start="2015-06-10", killed=5)
    add_report(con, "m-season", "2015-10-01", place="Mosul", date_start=start, date_end=end, killed=6)
    resolve(con, "r1")
    assert incident_of(con, "m-day") == incident_of(con, "m-season")


def test_an_incident_keeps_the_narrowest_date_its_reports_support(con):
    add_report(con, "m-month", "2015-04-02", place="Ramadi", date_start="2015-03-01", date_end="2015-03-31")
    add_report(con, "m-week", "2015-03-20", place="Ramadi", date_start="2015-03-14", date_end="2015-03-20")
    resolve(con, "r1")
    iid = incident_of(con, "m-month")
    assert iid == incident_of(con, "m-week")
    inc = incident(con, iid)
    assert (inc["date_start"], inc["date_end"], inc["date_precision"]) == (
        day("2015-03-14"), day("2015-03-20"), "week")

    # a later day-precise report narrows it further, a later vaguer one does not widen it
    add_report(con, "m-day", "2015-04-05", place="Ramadi", date_start="2015-03-17")
    add_report(con, "m-season", "2015-06-01", place="Ramadi", date_start="2015-03-01", date_end="2015-05-31")
    resolve(con, "r2")
    assert {incident_of(con, m) for m in ("m-day", "m-season")} == {iid}
    inc = incident(con, iid)
    assert (inc["date_start"], inc["date_end"], inc["date_precision"]) == (
        day("2015-03-17"), day("2015-03-17"), "day")


def test_an_assumed_date_does_not_widen_a_precise_one(con):
    add_report(con, "m-day", "2015-03-18", place="Ramadi", date_start="2015-03-17")
    add_report(con, "m-assumed", "2015-03-21", place="Ramadi", date_start="2015-03-14", date_end="2015-03-21",
               date_how="assumed_recent", date_precision="recent")
    resolve(con, "r1")
    iid = incident_of(con, "m-day")
    assert incident_of(con, "m-assumed") == iid
    inc = incident(con, iid)
    assert (inc["date_start"], inc["date_end"]) == (day("2015-03-17"), day("2015-03-17"))


def test_ids_are_named_after_the_narrowest_opening_mention(con):
    add_report(con, "mention-wide-0123456789", "2015-04-02", place="Ramadi", date_start="2015-03-01",
               date_end="2015-03-31")
    add_report(con, "mention-day-0123456789", "2015-03-20", place="Ramadi", date_start="2015-03-17")
    resolve(con, "r1")
    assert incident_ids(con) == ["I" + "mention-day-0123456789"[:15]]


def test_re_running_resolve_changes_nothing(con):
    karrada(con)
    add_report(con, "m-mosul", "2015-03-11", place="Mosul", date_start="2015-03-10", killed=5)
    resolve(con, "r1")
    before = snapshot(con)
    sources = con.execute("select * from incident_sources order by mention_id").fetchall()
    changes = con.execute("select count(*) from incident_changes").fetchone()[0]

    summary = resolve(con, "r2")

    assert (summary.mentions, summary.created, summary.joined, summary.merged) == (0, 0, 0, 0)
    assert snapshot(con) == before   # same ids, same rows, updated_run still r1
    assert con.execute("select * from incident_sources order by mention_id").fetchall() == sources
    assert con.execute("select count(*) from incident_changes").fetchone()[0] == changes


def test_a_new_report_joins_the_existing_incident_without_renaming_it(con):
    karrada(con)
    add_report(con, "m-mosul", "2015-03-11", place="Mosul", date_start="2015-03-10", killed=5)
    resolve(con, "r1")
    karrada_id = incident_of(con, "m-ap")
    mosul_before = con.execute("select * from incidents where incident_id = ?",
                               [incident_of(con, "m-mosul")]).fetchall()

    add_report(con, "m-bbc", "2016-07-12", source="BBC", place="Baghdad", date_start="2016-07-03", killed=292)
    summary = resolve(con, "r2")

    assert (summary.mentions, summary.created, summary.joined, summary.merged) == (1, 0, 1, 0)
    assert incident_of(con, "m-bbc") == karrada_id
    assert len(incident_ids(con)) == 2
    inc = incident(con, karrada_id)
    assert (inc["killed_low"], inc["killed_high"], inc["killed_best"]) == (120, 292, 292)
    assert (inc["n_articles"], inc["n_sources"]) == (4, 3)
    assert (inc["created_run"], inc["updated_run"]) == ("r1", "r2")
    # the incident nobody reported on again is untouched, row for row
    assert con.execute("select * from incidents where incident_id = ?",
                       [incident_of(con, "m-mosul")]).fetchall() == mosul_before
    assert con.execute("select count(*) from incident_changes where run_id = 'r2'").fetchone()[0] == 0


def test_resolve_is_incremental(con):
    karrada(con)
    assert resolve(con, "r1").mentions == 3
    add_report(con, "m-new-1", "2016-07-12", place="Baghdad", date_start="2016-07-03", killed=130)
    add_report(con, "m-new-2", "2016-08-02", place="Baghdad", date_start="2016-08-01", killed=2)
    summary = resolve(con, "r2")
    assert (summary.mentions, summary.created, summary.joined) == (2, 1, 1)
    assert resolve(con, "r3").mentions == 0
    # only what the second run touched carries its run id
    touched = con.execute("select incident_id from incidents where updated_run = 'r2' order by 1").fetchall()
    assert sorted(r[0] for r in touched) == sorted({incident_of(con, "m-new-1"), incident_of(con, "m-new-2")})


def test_processing_order_does_not_matter(tmp_path):
    """Resolving everything at once or article by article gives the same incidents."""
    reports = [
        ("m-1", "2016-07-05", {"place": "Baghdad", "date_start": "2016-07-03", "killed": 132}),
        ("m-2", "2016-07-03", {"place": None, "date_start": "2016-07-01", "date_end": "2016-07-07", "killed": 120}),
        ("m-3", "2016-07-10", {"place": "Baghdad", "date_start": "2016-07-03", "killed": 129}),
        ("m-4", "2016-08-10", {"place": "Baghdad", "date_start": "2016-08-09", "killed": 3}),
        ("m-5", "2016-12-31", {"place": "Baghdad", "date_start": "2016-01-01", "date_end": "2016-12-31"}),
    ]
    batch = db.connect(tmp_path / "batch.duckdb")
    steps = db.connect(tmp_path / "steps.duckdb")
    for mid, published, fields in reports:
        add_report(batch, mid, published, **fields)
    resolve(batch, "r")
    for mid, published, fields in reports:
        add_report(steps, mid, published, **fields)
        resolve(steps, "r")
    query = ("select incident_id, date_start, date_end, killed_low, killed_high, killed_best, n_mentions "
             "from incidents order by incident_id")
    assert batch.execute(query).fetchall() == steps.execute(query).fetchall()
    assert len(batch.execute(query).fetchall()) == 3


# --- merges -------------------------------------------------------------------------------------
# Two incidents of precisely dated reports can never be merged: they were kept apart because their
# windows do not overlap (or their places differ), windows only narrow, and a merge needs the two
# incidents themselves to overlap. A mention that only spans the gap joins the older incident.
# A merge happens when an incident opened by an assumed date ("assumed_recent": a guess from the
# publication date) gets a precise date from a later report that overlaps another incident.


def test_a_vague_report_spanning_two_dated_attacks_does_not_merge_them(con):
    add_report(con, "m-first", "2015-03-02", place="Mosul", date_start="2015-03-01", killed=5)
    add_report(con, "m-third", "2015-03-04", place="Mosul", date_start="2015-03-03", killed=9)
    resolve(con, "r1")
    first, third = incident_of(con, "m-first"), incident_of(con, "m-third")
    add_report(con, "m-span", "2015-03-08", place="Mosul", date_start="2015-03-01", date_end="2015-03-07", killed=7)
    summary = resolve(con, "r2")
    assert summary.merged == 0
    assert incident_of(con, "m-span") == first   # the older one
    assert sorted(incident_ids(con)) == sorted([first, third])
    assert con.execute("select count(*) from incident_changes where change = 'merged'").fetchone()[0] == 0


def assumed_and_dated(con):
    # an attack reported without a date: assumed to be in the week before publication
    add_report(con, "m-assumed", "2016-03-08", place=None, date_start="2016-03-01", date_end="2016-03-07",
               date_how="assumed_recent", date_precision="recent", killed=10)
    # an attack in Mosul precisely dated, later than the assumed week
    add_report(con, "m-dated", "2016-03-16", place="Mosul", date_start="2016-03-15", killed=12)


def test_a_bridging_report_merges_two_incidents_into_the_older(con):
    assumed_and_dated(con)
    resolve(con, "r1")
    older, newer = incident_of(con, "m-assumed"), incident_of(con, "m-dated")
    assert older != newer
    assert older == "Im-assumed" and newer == "Im-dated"

    # a report dated 5-20 March in Mosul fits both: it dates the first, which then overlaps the second
    add_report(con, "m-bridge", "2016-03-21", place="Mosul", date_start="2016-03-05", date_end="2016-03-20",
               killed=11)
    summary = resolve(con, "r2")

    assert summary.merged == 1
    assert incident_ids(con) == [older]
    assert {incident_of(con, m) for m in ("m-assumed", "m-dated", "m-bridge")} == {older}
    assert con.execute("select run_id, change, incident_id, other_incident_id from incident_changes "
                       "where change = 'merged'").fetchall() == [("r2", "merged", older, newer)]
    inc = incident(con, older)
    assert (inc["date_start"], inc["date_end"]) == (day("2016-03-15"), day("2016-03-15"))
    assert (inc["n_mentions"], inc["killed_low"], inc["killed_high"], inc["killed_best"]) == (3, 10, 12, 11)
    assert inc["created_run"] == "r1" and inc["updated_run"] == "r2"
    assert con.execute("select count(*) from incident_sources where incident_id = ?", [older]).fetchone()[0] == 3
    assert con.execute("select count(*) from incident_sources where incident_id = ?", [newer]).fetchone()[0] == 0


def test_a_bridging_report_in_the_same_run_merges_too(con):
    assumed_and_dated(con)
    add_report(con, "m-bridge", "2016-03-21", place="Mosul", date_start="2016-03-05", date_end="2016-03-20",
               killed=11)
    summary = resolve(con, "r1")
    assert summary.merged == 1
    assert summary.created == 1
    [iid] = incident_ids(con)
    assert iid == "Im-assumed"
    assert {incident_of(con, m) for m in ("m-assumed", "m-dated", "m-bridge")} == {iid}
    assert con.execute("select change, incident_id, other_incident_id from incident_changes order by change"
                       ).fetchall() == [("created", iid, None), ("merged", iid, "Im-dated")]


def test_a_later_report_joins_the_merged_incident(con):
    assumed_and_dated(con)
    resolve(con, "r1")
    add_report(con, "m-bridge", "2016-03-21", place="Mosul", date_start="2016-03-05", date_end="2016-03-20")
    resolve(con, "r2")
    add_report(con, "m-after", "2016-03-25", place="Mosul", date_start="2016-03-15", killed=13)
    summary = resolve(con, "r3")
    assert (summary.created, summary.joined, summary.merged) == (0, 1, 0)
    assert incident_ids(con) == ["Im-assumed"]
    assert incident(con, "Im-assumed")["killed_best"] == 13


def test_different_kinds_of_attack_in_one_city_and_week_stay_apart(con):
    add_report(con, "m-bomb", "2017-06-10", place="Kabul", country="AF", date_start="2017-06-05",
               date_end="2017-06-10", attack_type=["suicide_bombing"])
    add_report(con, "m-bomb-2", "2017-06-11", place="Kabul", country="AF", date_start="2017-06-06",
               attack_type=["bombing"])
    add_report(con, "m-knife", "2017-06-11", place="Kabul", country="AF", date_start="2017-06-06",
               attack_type=["stabbing"])
    add_report(con, "m-untyped", "2017-06-12", place="Kabul", country="AF", date_start="2017-06-06")
    resolve(con, "r1")
    assert incident_of(con, "m-bomb") == incident_of(con, "m-bomb-2") == incident_of(con, "m-untyped")
    assert incident_of(con, "m-knife") != incident_of(con, "m-bomb")


def test_a_region_joins_a_town_in_it_only_when_both_dates_are_tight(con):
    add_report(con, "m-town", "2015-11-01", place="Sharm el-Sheikh", country="EG", date_start="2015-10-31")
    add_report(con, "m-region", "2015-11-03", place="Sinai", country="EG", date_start="2015-10-25",
               date_end="2015-11-03", place_precision="region")
    add_report(con, "m-region-vague", "2015-12-20", place="Sinai", country="EG", date_start="2015-09-01",
               date_end="2015-11-30", place_precision="region")
    resolve(con, "r1")
    assert incident_of(con, "m-region") == incident_of(con, "m-town")
    assert incident_of(con, "m-region-vague") != incident_of(con, "m-town")
    place = con.execute("select place from incidents where incident_id = ?", [incident_of(con, "m-town")]
                        ).fetchall()
    assert place == [("Sharm el-Sheikh",)]   # the incident keeps the most specific place


def test_a_report_is_compared_with_the_incidents_of_its_weeks_only(con, monkeypatch):
    # a year of daily attacks in one city: a new report must not be compared with all of them
    import datetime as dt

    from attrition import resolve as resolve_module

    first = day("2016-01-01")
    for i in range(365):
        when = first + dt.timedelta(days=i)
        add_report(con, f"m-{i:03d}", when, place=f"Town{i}", date_start=when, killed=1)
    resolve(con, "r1")
    calls = []
    compatible = resolve_module._compatible
    monkeypatch.setattr(resolve_module, "_compatible", lambda inc, report: calls.append(1) or compatible(inc, report))
    # a report spanning a week boundary still finds the incident on its last day
    add_report(con, "m-late", "2016-07-20", place="Town190", date_start="2016-07-05", date_end="2016-07-12")
    resolve(con, "r2")
    assert incident_of(con, "m-late") == incident_of(con, "m-190")   # 2016-07-09
    assert len(calls) <= 14   # the incidents of two weeks, not 365


def test_an_incident_re_dated_by_a_precise_report_is_found_at_its_new_date(con):
    # reports are taken narrowest first: an assumed window in April-May opens the incident, a precise
    # "May or June" re-dates it, and a summer report that overlaps only the new window must find it
    # (the incident is indexed under its April weeks when the run starts)
    add_report(con, "m-assumed", "2016-05-12", place="Mosul", date_start="2016-04-12", date_end="2016-05-12",
               date_how="assumed_recent", date_precision="recent", killed=3)
    add_report(con, "m-precise", "2016-07-01", place="Mosul", date_start="2016-05-01", date_end="2016-06-30",
               killed=4)
    add_report(con, "m-summer", "2016-09-01", place="Mosul", date_start="2016-06-01", date_end="2016-08-31",
               killed=5)
    resolve(con, "r1")
    assert incident_of(con, "m-assumed") == incident_of(con, "m-precise") == incident_of(con, "m-summer")


def test_a_refresh_reads_only_the_incidents_its_reports_could_join(con, monkeypatch):
    from attrition import resolve as resolve_module

    add_report(con, "m-jan", "2016-01-05", place="Mosul", date_start="2016-01-04", killed=2)
    add_report(con, "m-jun", "2016-06-05", place="Mosul", date_start="2016-06-04", killed=3)
    add_report(con, "m-undated", "2016-06-05", place="Kirkuk", date_start=None)
    resolve(con, "r1")
    loaded = []
    load = resolve_module._load_incidents
    monkeypatch.setattr(resolve_module, "_load_incidents", lambda c, p: loaded.extend(load(c, p)) or loaded)
    add_report(con, "m-jun-2", "2016-06-07", place="Mosul", date_start="2016-06-04", killed=4)
    resolve(con, "r2")
    assert [inc.incident_id for inc in loaded] == [incident_of(con, "m-jun")]   # not January's, not the undated
    assert incident_of(con, "m-jun-2") == incident_of(con, "m-jun")


def test_reports_of_one_attack_dated_a_day_apart_are_one_incident(con):
    """San Bernardino, 2 December 2015, as five reports dated it: the 2nd, the 3rd (a wire's day, or
    'Wednesday night' read as Thursday), the 1st; in two runs, across a week boundary (Sunday/Monday)."""
    for mid, published, date in [("m-sb-1", "2015-12-03", "2015-12-02"), ("m-sb-2", "2015-12-04", "2015-12-03"),
                                 ("m-sb-3", "2015-12-04", "2015-12-02")]:
        add_report(con, mid, published, place="San Bernardino", country="US", date_start=date, killed=14,
                   attack_type=["shooting"])
    resolve(con, "r1")
    add_report(con, "m-sb-4", "2015-12-05", place="San Bernardino", country="US", date_start="2015-12-01",
               killed=14, attack_type=["shooting"])
    resolve(con, "r2")
    [iid] = incident_ids(con)
    assert {incident_of(con, f"m-sb-{k}") for k in range(1, 5)} == {iid}
    inc = incident(con, iid)
    assert inc["n_mentions"] == 4 and inc["date_start"] == inc["date_end"]
    # the week index (its weeks run Sunday to Saturday): a Saturday report finds the Sunday incident
    add_report(con, "m-sun", "2016-01-12", place="Kabul", country="AF", date_start="2016-01-10")
    resolve(con, "r3")
    add_report(con, "m-sat", "2016-01-12", place="Kabul", country="AF", date_start="2016-01-09")
    resolve(con, "r4")
    assert incident_of(con, "m-sat") == incident_of(con, "m-sun")


def test_a_day_apart_joins_only_at_the_same_named_place_and_a_week_apart_stays_two(con):
    add_report(con, "m-a", "2016-03-23", place="Brussels", country="BE", date_start="2016-03-22")
    add_report(con, "m-b", "2016-03-30", place="Brussels", country="BE", date_start="2016-03-29")   # a week later
    add_report(con, "m-c", "2016-03-24", place="Antwerp", country="BE", date_start="2016-03-23")   # another town
    add_report(con, "m-d", "2016-03-25", country="BE", date_start="2016-03-24")   # the country only
    add_report(con, "m-e", "2016-03-26", place="Brussels", country="BE", date_start="2016-03-19",
               date_end="2016-03-21")   # a three-day window
    resolve(con, "r1")
    assert len({incident_of(con, m) for m in ("m-a", "m-b", "m-c", "m-d", "m-e")}) == 5
