"""The aggregate models: exact rows from incidents with known months, regions and tolls."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from helpers import add_article, add_mention, add_report, day, incident_of, rows, run_after_extract
from scipy import stats

from attrition import db, lags
from attrition.aggregate import refresh
from attrition.config import Analysis
from attrition.resolve import resolve
from attrition.validate import Validator, validate_tables


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    return Validator(tmp_path_factory.mktemp("reports"), today=dt.date(2026, 1, 1))




def build(con):
    # January: one core attack reported three times (120, 132, then 129), one attack abroad, one loss
    for aid, published, source, killed in [("a-bag-1", "2016-01-10", "Reuters", 120),
                                           ("a-bag-2", "2016-01-11", "AP", 132),
                                           ("a-bag-3", "2016-01-14", "Reuters", 129)]:
        add_article(con, aid, published, source)
        add_mention(con, f"m-{aid}", aid, "attack", "Baghdad", "IQ", "2016-01-10", killed=killed,
                    attack_type=["suicide_bombing"])
    add_report(con, "m-paris", "2016-01-21", place="Paris", country="FR", date_start="2016-01-20", killed=10,
               injured=30, attack_type=["shooting", "bombing"])
    add_report(con, "m-ramadi", "2016-01-09", kind="territorial_loss", place="Ramadi", date_start="2016-01-05",
               date_end="2016-01-08", captured_by="Iraqi forces")
    # February: only a quarantined attack (a million killed is a parsing error)
    add_report(con, "m-istanbul", "2016-02-13", place="Istanbul", country="TR", date_start="2016-02-12",
               killed=1_000_000)
    # March: two attacks abroad (one without toll, type or perpetrator) and a loss in Syria, captor not stated
    add_report(con, "m-brussels", "2016-03-23", place="Brussels", country="BE", date_start="2016-03-22", killed=32,
               injured=300, attack_type=["suicide_bombing"])
    add_report(con, "m-jakarta", "2016-03-06", place="Jakarta", country="ID", date_start="2016-03-05",
               perpetrator=None)
    add_report(con, "m-palmyra", "2016-03-28", kind="territorial_loss", place="Palmyra", country="SY",
               date_start="2016-03-27")
    # March too: an attack ISIS is only suspected of (not counted by default), one it inspired (counted),
    # and a loss outside Iraq and Syria
    add_report(con, "m-munich", "2016-03-12", place="Munich", country="DE", date_start="2016-03-11", killed=5,
               attribution="suspected")
    add_report(con, "m-ansbach", "2016-03-25", place="Ansbach", country="DE", date_start="2016-03-24", killed=1,
               attribution="inspired")
    add_report(con, "m-sirte", "2016-03-30", kind="territorial_loss", place="Sirte", country="LY",
               date_start="2016-03-29", captured_by="Libyan forces")
    # long before the ISIS era, mentioned in passing: kept in the tables, out of the series
    add_report(con, "m-old", "2016-03-30", place="Baghdad", country="IQ", date_start="2009-08-19", killed=95)
    add_report(con, "m-old-vague", "2016-03-30", place="Mosul", country="IQ", date_start="2008-01-01",
               date_end="2008-12-31")
    # an article about something else: counted among the articles read, not among those naming ISIS
    add_article(con, "a-other", "2016-01-15", text="A long story about the weather in Paris and nothing else.")
    # April and May: nothing.  June: two losses to the same captor
    add_report(con, "m-fallujah", "2016-06-27", kind="territorial_loss", place="Fallujah", date_start="2016-06-26",
               captured_by="Iraqi forces")
    add_report(con, "m-baiji", "2016-06-20", kind="territorial_loss", place="Baiji", date_start="2016-06-19",
               captured_by="Iraqi forces")
    # windows wider than a month, or no date at all: undated, never in a month
    add_report(con, "m-kabul", "2016-02-11", place="Kabul", country="AF", date_start="2016-01-25",
               date_end="2016-02-10", killed=8)
    add_report(con, "m-tunis", "2016-05-01", place="Tunis", country="TN", killed=3)
    add_report(con, "m-hit", "2017-01-02", kind="territorial_loss", place="Hit", date_start="2016-01-01",
               date_end="2016-12-31")


@pytest.fixture(scope="module")
def built(tmp_path_factory, validator):
    con = db.connect(tmp_path_factory.mktemp("agg") / "attrition.duckdb")
    build(con)
    summary = run_after_extract(con, "r1", validator)
    yield con, summary
    con.close()


def table(con, name: str, columns: str, order: str) -> list[tuple]:
    return con.execute(f"select {columns} from {name} order by {order}").fetchall()


M = [day(f"2016-{m:02d}-01") for m in range(1, 7)]


def test_attacks_vs_losses_has_one_zero_filled_row_per_month(built):
    con, summary = built
    got = table(con, "attacks_vs_losses",
                "month, attacks_abroad, killed_abroad, attacks_abroad_any_perpetrator, attacks_core, killed_core, "
                "attacks_total, territorial_losses, losses_core, losses_elsewhere", "month")
    assert got == [
        (M[0], 1, 10, 1, 1, 129, 2, 1, 1, 0),
        (M[1], 0, 0, 0, 0, 0, 0, 0, 0, 0),     # the quarantined attack leaves a zero month
        # Brussels and Ansbach (inspired) count; Jakarta (no perpetrator) and Munich (suspected) are context
        (M[2], 2, 33, 4, 0, 0, 4, 2, 1, 1),
        (M[3], 0, 0, 0, 0, 0, 0, 0, 0, 0),
        (M[4], 0, 0, 0, 0, 0, 0, 0, 0, 0),
        (M[5], 0, 0, 0, 0, 0, 0, 2, 2, 0),
    ]
    assert (summary.months, summary.attacks_abroad, summary.territorial_losses, summary.undated) == (6, 3, 5, 3)


def test_the_series_starts_in_the_isis_era_and_old_events_stay_in_the_tables(built):
    con, _ = built
    old = con.execute("select month, in_series from validated_incidents where incident_id = ?",
                      [incident_of(con, "m-old")]).fetchall()
    assert old == [(day("2009-08-01"), False)]
    assert con.execute("select min(month) from attacks_vs_losses").fetchone()[0] == M[0]
    assert con.execute("select count(*) from monthly_attacks where month = '2009-08-01'").fetchone()[0] == 1
    # an undated event of 2008 is neither in the series nor among its undated incidents
    assert con.execute("select count(*) from validated_incidents where place = 'Mosul'").fetchone()[0] == 1
    assert con.execute("select count(*) from undated_incidents where earliest_start < '2014-01-01'").fetchone()[0] == 0


def test_coverage_beside_the_counts(built):
    con, _ = built
    got = table(con, "attacks_vs_losses", "month, articles, isis_articles, attacks_abroad_per_100_isis_articles",
                "month")
    assert got == [
        (M[0], 6, 5, 20.0),      # five articles name the Islamic State, the weather story does not
        (M[1], 2, 2, 0.0),
        (M[2], 8, 8, 25.0),
        (M[3], 0, 0, None),
        (M[4], 1, 1, 0.0),
        (M[5], 2, 2, 0.0),
    ]


def test_the_settings_choose_what_counts_as_isis_and_where_the_series_starts(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    build(con)
    run_after_extract(con, "r1", validator)
    every_tie = Analysis(isis_attributions=["claimed", "attributed", "suspected", "inspired"], series_start="2016-03")
    summary = refresh(con, "r2", validator, every_tie)
    got = table(con, "attacks_vs_losses", "month, attacks_abroad, killed_abroad", "month")
    assert got == [(M[2], 3, 38), (M[3], 0, 0), (M[4], 0, 0), (M[5], 0, 0)]   # Munich now counts
    assert summary.months == 4
    everything = Analysis(series_start="2009-01")
    refresh(con, "r3", validator, everything)
    assert con.execute("select min(month) from attacks_vs_losses").fetchone()[0] == day("2009-08-01")


def test_attacks_vs_losses_cumulative_and_rolling_sums(built):
    con, _ = built
    got = table(con, "attacks_vs_losses",
                "month, cumulative_losses, attacks_abroad_3m, killed_abroad_3m, territorial_losses_3m, losses_core_3m",
                "month")
    assert got == [
        (M[0], 1, 1, 10, 1, 1),
        (M[1], 1, 1, 10, 1, 1),
        (M[2], 3, 3, 43, 3, 2),
        (M[3], 3, 2, 33, 2, 1),
        (M[4], 3, 2, 33, 2, 1),
        (M[5], 5, 0, 0, 2, 2),
    ]


def test_monthly_attacks(built):
    con, _ = built
    got = rows(con, "select * from monthly_attacks where month >= '2016-01-01' order by month, region, country")
    zero = {"bombing": 0, "suicide_bombing": 0, "shooting": 0, "stabbing": 0, "vehicle_ramming": 0,
            "hostage_taking": 0, "aircraft_bombing": 0, "type_unknown": 0}
    expected = [
        # three articles, one incident, the latest toll (not 120 + 132 + 129)
        {"month": M[0], "region": "core", "country": "IQ", "incidents": 1, "killed": 129, "injured": 0,
         "incidents_without_toll": 0, **zero, "suicide_bombing": 1, "by_isis": 1, "isis_linked": 1},
        {"month": M[0], "region": "elsewhere", "country": "FR", "incidents": 1, "killed": 10, "injured": 30,
         "incidents_without_toll": 0, **zero, "bombing": 1, "shooting": 1, "by_isis": 1, "isis_linked": 1},
        {"month": M[2], "region": "elsewhere", "country": "BE", "incidents": 1, "killed": 32, "injured": 300,
         "incidents_without_toll": 0, **zero, "suicide_bombing": 1, "by_isis": 1, "isis_linked": 1},
        {"month": M[2], "region": "elsewhere", "country": "DE", "incidents": 2, "killed": 6, "injured": 0,
         "incidents_without_toll": 0, **zero, "type_unknown": 2, "by_isis": 2, "isis_linked": 1},
        {"month": M[2], "region": "elsewhere", "country": "ID", "incidents": 1, "killed": 0, "injured": 0,
         "incidents_without_toll": 1, **zero, "type_unknown": 1, "by_isis": 0, "isis_linked": 0},
    ]
    assert got == expected


def test_monthly_losses(built):
    con, _ = built
    got = table(con, "monthly_losses", "month, region, country, captured_by, places_lost, places", "month, country")
    assert got == [
        (M[0], "core", "IQ", "Iraqi forces", 1, ["Ramadi"]),
        (M[2], "elsewhere", "LY", "Libyan forces", 1, ["Sirte"]),
        (M[2], "core", "SY", "not stated", 1, ["Palmyra"]),
        (M[5], "core", "IQ", "Iraqi forces", 2, ["Baiji", "Fallujah"]),
    ]


def test_wide_and_undated_incidents_land_in_undated_incidents_only(built):
    con, _ = built
    got = table(con, "undated_incidents",
                "kind, region, why, incidents, without_any_date, earliest_start, latest_end", "kind, region, why")
    assert got == [
        ("attack", "elsewhere", "its dates straddle two months", 1, 0, day("2016-01-25"), day("2016-02-10")),
        ("attack", "elsewhere", "no date at all", 1, 1, None, None),
        ("territorial_loss", "core", "only a season or a year is stated", 1, 0, day("2016-01-01"),
         day("2016-12-31")),
    ]
    months = con.execute("select month from validated_incidents where incident_id = ?",
                         [incident_of(con, "m-kabul")]).fetchall()
    assert months == [(None,)]
    # Kabul's 8 killed are in no month
    assert con.execute("select sum(killed_abroad) from attacks_vs_losses").fetchone()[0] == 43


def test_an_incident_dated_only_by_its_article_says_so(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    add_report(con, "m-vague", "2016-03-02", place="Kabul", country="AF", date_start="2016-02-01",
               date_end="2016-03-02", date_how="assumed_recent")
    run_after_extract(con, "r1", validator)
    assert table(con, "undated_incidents", "why, incidents", "why") == [
        ("the text gives no date: only the article's publication date", 1)]


def test_the_month_rule_needs_the_whole_window_inside_the_month(built):
    con, _ = built
    got = dict(con.execute("select place, month from validated_incidents").fetchall())
    assert got["Ramadi"] == M[0]          # 5-8 January
    assert got["Kabul"] is None           # 25 January - 10 February
    assert got["Hit"] is None             # all of 2016
    assert got["Tunis"] is None           # no date
    assert {r[0] for r in con.execute("select region from validated_incidents where country in ('IQ', 'SY')"
                                      ).fetchall()} == {"core"}


def test_quarantined_rows_are_excluded(built):
    con, _ = built
    assert con.execute("select row_key from quarantine").fetchall() == [("m-istanbul",)]
    assert con.execute("select count(*) from validated_incidents where country = 'TR'").fetchone()[0] == 0
    assert con.execute("select count(*) from monthly_attacks where country = 'TR'").fetchone()[0] == 0
    assert con.execute("select attacks_total from attacks_vs_losses where month = ?", [M[1]]).fetchone()[0] == 0


def test_lagged_correlation_counts_pairs_per_lag_on_levels_and_differences(built):
    con, _ = built
    got = table(con, "lagged_correlation", "series, lag_months, n, small", "series desc, lag_months")
    assert got == [("levels", 0, 6, True), ("levels", 1, 5, True), ("levels", 2, 4, True), ("levels", 3, 3, True),
                   ("levels", 4, 2, True), ("levels", 5, 1, True), ("levels", 6, 0, True),
                   ("differences", 0, 5, True), ("differences", 1, 4, True), ("differences", 2, 3, True),
                   ("differences", 3, 2, True), ("differences", 4, 1, True), ("differences", 5, 0, True),
                   ("differences", 6, 0, True)]
    # too few pairs: no coefficient, no interval, no p-value
    lone = con.execute("select pearson, pearson_low, p_value from lagged_correlation "
                       "where series = 'levels' and lag_months = 5").fetchone()
    assert lone == (None, None, None)


def test_a_quarantined_incident_is_excluded(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    add_report(con, "m-paris", "2016-01-21", place="Paris", country="FR", date_start="2016-01-20", killed=10)
    add_report(con, "m-nice", "2016-07-15", place="Nice", country="FR", date_start="2016-07-14", killed=86)
    validate_tables(con, "r1", validator, ["articles", "event_mentions"])
    resolve(con, "r1")
    # a reconciliation gone wrong: the best figure outside the reported range
    con.execute("update incidents set killed_best = 90 where incident_id = ?", [incident_of(con, "m-nice")])
    validate_tables(con, "r1", validator, ["incidents"])
    refresh(con, "r1", validator)
    assert con.execute("select row_key, expectations from quarantine").fetchall() == [
        (incident_of(con, "m-nice"), ["expect_column_pair_values_a_to_be_greater_than_b(killed_high/killed_best)"])]
    assert table(con, "attacks_vs_losses", "month, attacks_abroad, killed_abroad", "month") == [(M[0], 1, 10)]


def test_a_perfectly_correlated_series_gives_pearson_one_at_its_lag(tmp_path, validator):
    """Attacks abroad in month t + 2 equal the losses of month t."""
    losses = [1, 3, 2, 4, 0, 0]
    attacks = [0, 0, 1, 3, 2, 4]
    con = db.connect(tmp_path / "attrition.duckdb")
    for month, (n_losses, n_attacks) in enumerate(zip(losses, attacks, strict=True), start=1):
        for k in range(n_losses):
            add_report(con, f"l-{month}-{k}", f"2017-{month:02d}-28", kind="territorial_loss",
                       place=f"Village {month}-{k}", country="SY", date_start=f"2017-{month:02d}-{k + 1:02d}")
        for k in range(n_attacks):
            add_report(con, f"t-{month}-{k}", f"2017-{month:02d}-28", place=f"City {month}-{k}", country="DE",
                       date_start=f"2017-{month:02d}-{k + 1:02d}", killed=1)
    run_after_extract(con, "r1", validator)
    assert table(con, "attacks_vs_losses", "territorial_losses, attacks_abroad", "month") == list(
        zip(losses, attacks, strict=True))
    got = {lag: (n, pearson, spearman) for lag, n, pearson, spearman in
           con.execute("select lag_months, n, pearson, spearman from lagged_correlation "
                       "where series = 'levels'").fetchall()}
    n, pearson, spearman = got[2]
    assert n == 4
    assert pearson == pytest.approx(1.0)
    assert spearman == pytest.approx(1.0)
    # no other lag with enough pairs to mean something comes close (two points always correlate)
    others = {lag: p for lag, (n, p, _) in got.items() if lag != 2 and n >= 3}
    assert set(others) == {0, 1, 3}
    assert all(p is not None for p in others.values())
    assert all(p < 0.5 for p in others.values()), others


def test_refresh_without_data_gives_empty_aggregates(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    summary = refresh(con, "r1", validator)
    assert (summary.months, summary.attacks_abroad, summary.territorial_losses, summary.undated) == (0, 0, 0, 0)
    assert con.execute("select count(*) from attacks_vs_losses").fetchone()[0] == 0
    # nothing to validate: an empty table would fail the column-minimum expectations
    assert con.execute("select count(*) from validation_runs").fetchone()[0] == 0
    assert summary.validation is None


def test_refresh_after_everything_is_quarantined_empties_the_aggregates(tmp_path, validator):
    """Incidents were counted before; now none is left: the aggregates empty out, the run does not fail."""
    con = db.connect(tmp_path / "attrition.duckdb")
    add_report(con, "m-paris", "2016-01-21", place="Paris", country="FR", date_start="2016-01-20", killed=10)
    run_after_extract(con, "r1", validator)
    assert con.execute("select count(*) from attacks_vs_losses").fetchone()[0] == 1
    con.execute("update event_mentions set killed = -1 where mention_id = 'm-paris'")
    summary = run_after_extract(con, "r2", validator)
    assert summary.months == 0
    assert con.execute("select count(*) from attacks_vs_losses").fetchone()[0] == 0


# --- the statistics of the lag table ----------------------------------------------------------------


def random_walks(seed: int, n: int = 60) -> tuple[list[int], list[int]]:
    """Two independent slowly drifting monthly counts: they often look correlated, and are not."""
    rng = np.random.default_rng(seed)
    walk = [np.maximum(0, np.round(np.cumsum(rng.normal(0, 1, n)) + 3)).astype(int) for _ in range(2)]
    return list(walk[0]), list(walk[1])


def test_block_p_values_do_not_take_drifting_series_for_a_relation():
    losses, attacks = random_walks(2)
    naive = stats.pearsonr(losses, attacks)
    assert naive.pvalue < 0.05   # the textbook p-value, which assumes independent months, is fooled
    table = lags.lag_table(losses, attacks)
    level0 = next(r for r in table if r.series == "levels" and r.lag_months == 0)
    assert level0.pearson == pytest.approx(naive.statistic)
    assert level0.p_value > 0.1
    # month-to-month changes remove the drift: nothing left at any lag (after allowing for the seven tested)
    for seed in (1, 2, 4):
        changes = [r for r in lags.lag_table(*random_walks(seed)) if r.series == "differences"]
        assert min(r.p_value for r in changes) > 0.05 / 7, seed


def test_a_real_lead_is_found_at_its_lag_with_an_interval_that_excludes_zero():
    rng = np.random.default_rng(7)
    losses = rng.poisson(2, 62)
    attacks = np.r_[rng.poisson(1, 2), losses[:-2]] + rng.poisson(0.5, 62)   # losses come back 2 months later
    table = lags.lag_table(list(losses), list(attacks))
    lag2 = next(r for r in table if r.series == "levels" and r.lag_months == 2)
    assert lag2.pearson > 0.8 and lag2.pearson_low > 0.5 and lag2.p_value < 0.001 and not lag2.small
    assert lags.lag_table(list(losses), list(attacks)) == table   # seeded: the same numbers every time
    text = lags.verdict(table, 62)
    assert text.startswith("With 62 months (54 with a territorial loss, 58 with an ISIS attack abroad), months "
                           "with more territorial losses were followed by more ISIS attacks abroad: r = +0.87 at lag 2")
    assert "p < 0.001" in text


@pytest.mark.parametrize("values", [[0, 0, 3, 1, 0, 3, 2, 0], [-2, 1, 0, 0, -2, 5, 1], [4, 4, 4], [7]])
def test_resampled_ranks_are_scipys_average_ranks_row_by_row(values):
    # the bootstrap ranks each resampled row by counting (few distinct monthly counts): ties must still
    # share their average rank, as Spearman's coefficient wants
    values = np.asarray(values, dtype=float)
    idx = np.random.default_rng(11).integers(0, len(values), size=(50, len(values)))
    assert np.array_equal(lags._resampled_ranks(values, idx), stats.rankdata(values[idx], axis=-1))


def test_the_verdict_says_when_the_data_are_too_thin_or_show_nothing():
    sparse = [0] * 40
    sparse[5], sparse[20] = 1, 1
    text = lags.verdict(lags.lag_table(sparse, [k % 3 for k in range(40)]), 40)
    assert "the data are too thin to tell whether losses lead attacks abroad" in text
    losses, attacks = random_walks(3)
    text = lags.verdict(lags.lag_table(losses, attacks), 60)
    assert "losses do not lead attacks abroad at any lag from 0 to 6 months beyond what chance gives" in text
    assert "no correlation can be computed" in lags.verdict(lags.lag_table([0] * 40, [1] * 40), 40)


def test_aggregates_are_kept_while_their_inputs_are_unchanged_and_rebuilt_when_one_changes(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    build(con)
    first = run_after_extract(con, "r1", validator)
    assert first.rebuilt and first.validation is not None
    state = con.execute("select fingerprint, run_id from aggregate_state").fetchall()
    assert [run for _, run in state] == ["r1"]

    # a second run with nothing new: the same aggregates, not built again, the same figures in the summary
    before = table(con, "attacks_vs_losses", "*", "month")
    again = run_after_extract(con, "r2", validator)
    assert not again.rebuilt and again.validation is None
    assert (again.months, again.attacks_abroad, again.territorial_losses, again.undated) == \
        (first.months, first.attacks_abroad, first.territorial_losses, first.undated)
    assert con.execute("select fingerprint, run_id from aggregate_state").fetchall() == state
    assert table(con, "attacks_vs_losses", "*", "month") == before
    suite_runs = "select count(*) from validation_runs where suite = 'attacks_vs_losses'"
    assert con.execute(suite_runs).fetchall() == [(1,)]

    # a new article in April (no event): the coverage changes, so the models are rebuilt
    add_article(con, "a-april", "2016-04-02", text="ISIS fighters were seen near the town, residents said.")
    rebuilt = run_after_extract(con, "r3", validator)
    assert rebuilt.rebuilt
    assert con.execute("select run_id from aggregate_state").fetchall() == [("r3",)]
    assert con.execute("select articles, isis_articles from attacks_vs_losses where month = ?",
                       [M[3]]).fetchall() == [(1, 1)]
    assert con.execute(suite_runs).fetchall() == [(2,)]

    # other settings are other aggregates: rebuilt although no row changed
    assert refresh(con, "r4", validator, Analysis(isis_attributions=["claimed"])).rebuilt
    assert not refresh(con, "r5", validator, Analysis(isis_attributions=["claimed"])).rebuilt


def test_each_article_is_read_for_isis_once_and_counted_as_the_pattern_says(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    for aid, text in [("a-isis", "ISIS claimed it."), ("a-isil", "ISIL fighters fled."),
                      ("a-daesh", "Daesh lost the town."), ("a-state", "The Islamic State said so."),
                      ("a-crisis", "A CRISIS in the city."), ("a-none", "The weather was fine.")]:
        add_article(con, aid, "2016-01-05", text=text)
    run_after_extract(con, "r1", validator)
    got = dict(con.execute("select article_id, names_isis from articles").fetchall())
    assert got == {"a-isis": True, "a-isil": True, "a-daesh": True, "a-state": True, "a-crisis": False,
                   "a-none": False}
    # a stored answer is not read again (the text of an article never changes: its id is its hash)
    con.execute("update articles set names_isis = true where article_id = 'a-none'")
    con.execute("update articles set names_isis = null where article_id = 'a-isis'")
    con.execute(db.sql("load/update_names_isis"))
    assert con.execute("select article_id from articles where names_isis order by 1").fetchall() == [
        ("a-daesh",), ("a-isil",), ("a-isis",), ("a-none",), ("a-state",)]
