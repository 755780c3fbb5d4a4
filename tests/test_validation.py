"""The validation gate: Great Expectations suites quarantine bad rows and stop bad aggregates."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from helpers import add_article, add_mention, day, incident, incident_of, rows, run_after_extract

from attrition import aggregate, db
from attrition.aggregate import refresh
from attrition.paths import EXPECTATIONS_DIR
from attrition.resolve import resolve
from attrition.validate import ValidationFailed, Validator, validate_tables

TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def validator(tmp_path_factory):
    return Validator(tmp_path_factory.mktemp("reports"), today=TODAY)




def good_rows(con):
    add_article(con, "a-good-1", "2015-03-12", "Reuters")
    add_mention(con, "m-good-1", "a-good-1", "attack", "Mosul", "IQ", "2015-03-10", killed=20)
    add_article(con, "a-good-2", "2015-03-13", "AP")
    add_mention(con, "m-good-2", "a-good-2", "attack", "Mosul", "IQ", "2015-03-10", killed=22)
    add_article(con, "a-good-3", "2015-05-02", "AFP")
    add_mention(con, "m-good-3", "a-good-3", "attack", "Paris", "FR", "2015-05-01", killed=4)
    add_mention(con, "m-loss-1", "a-good-3", "territorial_loss", "Tikrit", "IQ", "2015-04-01",
                captured_by="Iraqi forces")


def more_good_rows(con):
    """Tolls that fit their sentence: in words, or not stated but what another report of the event says."""
    add_article(con, "a-good-words", "2015-05-03", "BBC")
    add_mention(con, "m-good-words", "a-good-words", "attack", "Paris", "FR", "2015-05-01", killed=5,
                evidence="Five people died on May 1 when gunmen opened fire on a cafe in 2015's bloodiest week.")
    add_article(con, "a-good-unstated", "2015-05-04", "CNN")
    add_mention(con, "m-good-unstated", "a-good-unstated", "attack", "Paris", "FR", "2015-05-01", killed=4,
                evidence="The attack on the cafe shocked the city.")


# mention or article -> (table, expectation, offending values that must be reported)
BAD = {
    "a-future": ("articles", "expect_column_values_to_be_between(published)", {"published": "2026-03-01"}),
    "m-negative": ("event_mentions", "expect_column_values_to_be_between(killed)", {"killed": -3}),
    "m-million": ("event_mentions", "expect_column_values_to_be_between(killed)", {"killed": 1_000_000}),
    "m-zz": ("event_mentions", "expect_column_values_to_be_in_set(country)", {"country": "ZZ"}),
    "m-backwards": ("event_mentions", "expect_column_pair_values_a_to_be_greater_than_b(date_end/date_start)",
                    {"date_start": "2015-05-10", "date_end": "2015-05-01"}),
    "m-after-article": ("event_mentions",
                        "expect_column_pair_values_a_to_be_greater_than_b(article_published/date_end)",
                        {"article_published": "2015-06-10", "date_end": "2015-06-20"}),
    # tolls implausible for their event
    "m-year": ("event_mentions", "expect_column_values_to_be_null(killed_reads_as_a_year)",
               {"killed_reads_as_a_year": 2015}),
    "m-911": ("event_mentions", "expect_column_values_to_be_null(killed_is_a_famous_number)",
              {"killed_is_a_famous_number": 911}),
    "m-beyond": ("event_mentions", "expect_column_values_to_be_null(killed_beyond_its_sentence)",
                 {"killed_beyond_its_sentence": 300}),
    "m-far": ("event_mentions", "expect_column_values_to_be_null(killed_far_from_other_reports)",
              {"killed_far_from_other_reports": 400}),
}


def bad_rows(con):
    # reports of the Mosul attack whose tolls are parsing errors: they would join its incident
    add_article(con, "a-million", "2015-03-14", "BBC")
    add_mention(con, "m-million", "a-million", "attack", "Mosul", "IQ", "2015-03-10", killed=1_000_000)
    add_article(con, "a-negative", "2015-03-15", "CNN")
    add_mention(con, "m-negative", "a-negative", "attack", "Mosul", "IQ", "2015-03-10", killed=-3)
    # standalone attacks that would add months and counts if they got through
    add_article(con, "a-zz", "2015-07-02", "AFP")
    add_mention(con, "m-zz", "a-zz", "attack", "Nowhere", "ZZ", "2015-07-01", killed=5)
    add_article(con, "a-backwards", "2015-08-20", "AFP")
    add_mention(con, "m-backwards", "a-backwards", "attack", "Kabul", "AF", "2015-05-10", "2015-05-01", killed=1)
    add_article(con, "a-late", "2015-06-10", "AFP")
    add_mention(con, "m-after-article", "a-late", "attack", "Kabul", "AF", "2015-06-20", killed=7)
    # a year, a famous date, more dead than the sentence says, a toll far above the other reports
    add_article(con, "a-year", "2015-06-28", "AFP")
    add_mention(con, "m-year", "a-year", "attack", "Sousse", "TN", "2015-06-26", killed=2015,
                evidence="A gunman killed tourists on a beach in Sousse in 2015.")
    add_article(con, "a-911", "2015-10-02", "AFP")
    add_mention(con, "m-911", "a-911", "attack", "Roseburg", "US", "2015-10-01", killed=911,
                evidence="The deadliest attack on U.S. soil since 9/11 left 911 dead, the police chief said.")
    add_article(con, "a-beyond", "2015-10-03", "AFP")
    add_mention(con, "m-beyond", "a-beyond", "attack", "Orlando", "US", "2015-10-02", killed=300,
                evidence="A gunman shot three people in Orlando.")
    add_article(con, "a-far", "2015-03-16", "AFP")
    add_mention(con, "m-far", "a-far", "attack", "Mosul", "IQ", "2015-03-10", killed=400,
                evidence="The bombing in Mosul killed 400 people.")
    # an article from the future: its (otherwise fine) mention is held with it
    add_article(con, "a-future", "2026-03-01", "AFP")
    add_mention(con, "m-of-future", "a-future", "attack", "Kabul", "AF", "2015-09-01", killed=9)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, validator):
    """One run over good and bad rows; the tests below only read it."""
    con = db.connect(tmp_path_factory.mktemp("mixed") / "attrition.duckdb")
    good_rows(con)
    more_good_rows(con)
    bad_rows(con)
    summary = run_after_extract(con, "r1", validator)
    yield con, summary
    con.close()


def quarantined(con) -> dict[tuple[str, str], dict]:
    return {(r["table_name"], r["row_key"]): r for r in rows(con, "select * from quarantine")}


@pytest.mark.parametrize("key", sorted(BAD))
def test_a_bad_row_is_quarantined_with_its_expectation_and_value(mixed, key):
    con, _ = mixed
    table, expectation, values = BAD[key]
    entry = quarantined(con).get((table, key))
    assert entry is not None, f"{key} not quarantined"
    assert expectation in entry["expectations"]
    offending = json.loads(entry["offending_values"])
    for column, value in values.items():
        got = offending[column]
        assert got == value if isinstance(value, int) else str(got) == value, (column, offending)
    assert entry["run_id"] == "r1"


def test_only_the_bad_rows_are_quarantined(mixed):
    con, _ = mixed
    assert set(quarantined(con)) == {(table, key) for key, (table, _, _) in BAD.items()}


def test_quarantined_mentions_are_in_no_incident(mixed):
    con, _ = mixed
    held = ["m-million", "m-negative", "m-zz", "m-backwards", "m-after-article", "m-of-future", "m-year", "m-911",
            "m-beyond", "m-far"]
    for mention in held:
        assert incident_of(con, mention) is None, mention
    assert con.execute("select count(*) from incident_sources where mention_id in (select unnest(?))",
                       [held]).fetchone()[0] == 0
    # the good reports of the Mosul attack make its incident, without the absurd tolls
    mosul = incident(con, incident_of(con, "m-good-1"))
    assert incident_of(con, "m-good-2") == mosul["incident_id"]
    assert (mosul["killed_low"], mosul["killed_high"], mosul["killed_best"], mosul["n_mentions"]) == (20, 22, 22, 2)
    assert sorted(r[0] for r in con.execute("select country from incidents").fetchall()) == ["FR", "IQ", "IQ"]


def test_quarantined_mentions_are_not_in_the_aggregates(mixed):
    con, summary = mixed
    got = con.execute("select month, attacks_abroad, attacks_core, killed_core, territorial_losses "
                      "from attacks_vs_losses order by month").fetchall()
    assert got == [
        (day("2015-03-01"), 0, 1, 22, 0),
        (day("2015-04-01"), 0, 0, 0, 1),
        (day("2015-05-01"), 1, 0, 0, 0),
    ]
    assert (summary.months, summary.attacks_abroad, summary.territorial_losses) == (3, 1, 1)


def test_validation_runs_has_a_row_per_suite_with_counts(mixed, validator):
    con, _ = mixed
    got = {r["suite"]: r for r in rows(con, "select * from validation_runs where run_id = 'r1'")}
    assert set(got) == {"articles", "event_mentions", "incidents", "attacks_vs_losses"}
    for suite, failed in {"articles": 1, "event_mentions": 9, "incidents": 0, "attacks_vs_losses": 0}.items():
        expectations = len(validator.suite_spec(suite)["expectations"])
        assert got[suite]["evaluated"] == expectations, suite
        assert got[suite]["failed"] == failed, suite
        assert got[suite]["success"] is (failed == 0), suite
    assert "expect_column_values_to_be_in_set(country)" in got["event_mentions"]["failed_expectations"]
    assert got["articles"]["failed_expectations"] == ["expect_column_values_to_be_between(published)"]


def test_a_fixed_row_is_released(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    good_rows(con)
    add_article(con, "a-million", "2015-03-14", "BBC")
    add_mention(con, "m-million", "a-million", "attack", "Mosul", "IQ", "2015-03-10", killed=1_000_000)
    add_article(con, "a-future", "2026-03-01", "AFP")
    add_mention(con, "m-of-future", "a-future", "attack", "Kabul", "AF", "2015-06-01", killed=9)
    run_after_extract(con, "r1", validator)
    assert len(quarantined(con)) == 2
    mosul_id = incident_of(con, "m-good-1")
    assert incident(con, mosul_id)["killed_high"] == 22

    # the extractor is fixed: the figure was 100, not a million; the article date is corrected
    con.execute("update event_mentions set killed = 100, killed_low = 100, killed_high = 100 "
                "where mention_id = 'm-million'")
    con.execute("update articles set published = '2015-06-02' where article_id = 'a-future'")
    summary = run_after_extract(con, "r2", validator)

    assert quarantined(con) == {}
    assert incident_of(con, "m-million") == mosul_id   # rejoins the incident it belongs to, same id
    mosul = incident(con, mosul_id)
    assert (mosul["killed_low"], mosul["killed_high"], mosul["killed_best"], mosul["n_mentions"]) == (20, 100, 100, 3)
    assert mosul["updated_run"] == "r2"
    kabul = incident_of(con, "m-of-future")
    assert kabul is not None and incident(con, kabul)["country"] == "AF"
    assert con.execute("select month, attacks_abroad, killed_abroad, killed_core from attacks_vs_losses "
                       "order by month").fetchall() == [
        (day("2015-03-01"), 0, 0, 100),
        (day("2015-04-01"), 0, 0, 0),
        (day("2015-05-01"), 1, 4, 0),
        (day("2015-06-01"), 1, 9, 0),
    ]
    assert summary.attacks_abroad == 2


def test_a_row_that_goes_bad_leaves_its_incident(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    good_rows(con)
    run_after_extract(con, "r1", validator)
    mosul_id = incident_of(con, "m-good-1")
    assert incident(con, mosul_id)["n_mentions"] == 2

    con.execute("update event_mentions set killed = 5000, killed_high = 5000 where mention_id = 'm-good-2'")
    run_after_extract(con, "r2", validator)

    assert ("event_mentions", "m-good-2") in quarantined(con)
    assert incident_of(con, "m-good-2") is None
    mosul = incident(con, mosul_id)
    assert (mosul["n_mentions"], mosul["n_articles"], mosul["killed_high"], mosul["killed_best"]) == (1, 1, 20, 20)
    assert con.execute("select killed_core from attacks_vs_losses where month = '2015-03-01'").fetchone()[0] == 20


def test_a_row_that_goes_bad_leaves_its_incident_while_another_joins(tmp_path, validator):
    """Detaching one mention and gaining one in the same run keeps the count: still rebuilt."""
    con = db.connect(tmp_path / "attrition.duckdb")
    good_rows(con)
    run_after_extract(con, "r1", validator)
    mosul_id = incident_of(con, "m-good-1")

    con.execute("update event_mentions set killed = 5000, killed_high = 5000 where mention_id = 'm-good-2'")
    add_article(con, "a-good-4", "2015-03-20", "Al Jazeera")
    add_mention(con, "m-good-4", "a-good-4", "attack", "Mosul", "IQ", "2015-03-10", killed=25)
    run_after_extract(con, "r2", validator)

    assert incident_of(con, "m-good-4") == mosul_id
    mosul = incident(con, mosul_id)
    assert (mosul["n_mentions"], mosul["killed_low"], mosul["killed_high"], mosul["killed_best"]) == (2, 20, 25, 25)
    assert mosul["updated_run"] == "r2"
    assert sorted(r[0] for r in con.execute("select mention_id from incident_sources where incident_id = ?",
                                            [mosul_id]).fetchall()) == ["m-good-1", "m-good-4"]


def test_an_incident_whose_only_report_is_held_disappears(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    good_rows(con)
    run_after_extract(con, "r1", validator)
    paris = incident_of(con, "m-good-3")
    con.execute("update articles set published = '2027-01-01' where article_id = 'a-good-3'")
    run_after_extract(con, "r2", validator)
    assert ("articles", "a-good-3") in quarantined(con)
    assert con.execute("select count(*) from incidents where incident_id = ?", [paris]).fetchone()[0] == 0
    got = con.execute("select month, attacks_abroad, territorial_losses from attacks_vs_losses").fetchall()
    assert got == [(day("2015-03-01"), 0, 0)]   # the Paris attack and the Tikrit loss went with their article


# --- table-level failures -----------------------------------------------------------------------


@pytest.fixture
def refreshed(tmp_path, validator):
    con = db.connect(tmp_path / "attrition.duckdb")
    good_rows(con)
    resolve(con, "r1")   # the row suites are not what these tests are about: only the aggregate one runs
    refresh(con, "r1", validator)
    before = con.execute("select * from attacks_vs_losses order by month").fetchall()
    assert len(before) == 3
    # new data that would change the aggregates: a loss in June
    add_article(con, "a-good-5", "2015-06-30", "AFP")
    add_mention(con, "m-loss-2", "a-good-5", "territorial_loss", "Ramadi", "IQ", "2015-06-28")
    resolve(con, "r2")
    yield con, before
    con.close()


def assert_kept(con, before):
    assert con.execute("select * from attacks_vs_losses order by month").fetchall() == before
    assert con.execute("select count(*) from monthly_losses").fetchone()[0] == 1
    record = rows(con, "select * from validation_runs where run_id = 'r2' and suite = 'attacks_vs_losses'")
    assert len(record) == 1 and record[0]["success"] is False and record[0]["failed"] >= 1


def test_totals_that_do_not_add_up_keep_the_previous_aggregates(refreshed, validator, monkeypatch):
    con, before = refreshed
    real = aggregate._expected
    monkeypatch.setattr(aggregate, "_expected", lambda c: {**real(c), "dated_losses": real(c)["dated_losses"] + 1})
    with pytest.raises(ValidationFailed, match="territorial_losses"):
        refresh(con, "r2", validator)
    assert_kept(con, before)


def test_a_month_gap_keeps_the_previous_aggregates(refreshed, validator, monkeypatch):
    con, before = refreshed
    real = aggregate._expected
    monkeypatch.setattr(aggregate, "_expected",
                        lambda c: {**real(c), "expected_months": real(c)["expected_months"] + 1})
    with pytest.raises(ValidationFailed, match="row_count"):
        refresh(con, "r2", validator)
    assert_kept(con, before)


def test_a_missing_column_keeps_the_previous_aggregates(refreshed, validator, monkeypatch):
    con, before = refreshed
    real = aggregate.sql

    def without_column(name):
        text = real(name)
        if name == "models/attacks_vs_losses":
            return f"select * exclude (cumulative_losses) from ({text})"
        return text

    monkeypatch.setattr(aggregate, "sql", without_column)
    with pytest.raises(ValidationFailed, match="columns"):
        refresh(con, "r2", validator)
    assert_kept(con, before)


def test_without_a_failure_the_new_aggregates_replace_the_old(refreshed, validator):
    con, before = refreshed
    refresh(con, "r2", validator)
    after = con.execute("select month, territorial_losses, cumulative_losses from attacks_vs_losses "
                        "order by month").fetchall()
    assert after[-1] == (day("2015-06-01"), 1, 2)
    assert len(after) == 4 and len(before) == 3


def test_a_table_level_failure_in_a_row_suite_raises(tmp_path, validator, monkeypatch):
    con = db.connect(tmp_path / "attrition.duckdb")
    good_rows(con)
    real = validator.suite_spec

    def stricter(name):
        spec = real(name)
        if name == "articles":
            spec["expectations"][0]["kwargs"]["column_set"].append("no_such_column")
        return spec

    monkeypatch.setattr(validator, "suite_spec", stricter)
    with pytest.raises(ValidationFailed, match="articles"):
        validate_tables(con, "r1", validator, ["articles", "event_mentions"])
    record = rows(con, "select suite, success from validation_runs")
    assert record == [{"suite": "articles", "success": False}]   # stops before the next suite


def test_data_docs_build_only_the_new_pages_and_the_index_lists_every_run(tmp_path):
    # a scheduled job validates every few minutes: rebuilding every earlier page would grow without end
    validator = Validator(tmp_path / "reports", today=TODAY)
    with db.connect(tmp_path / "docs.duckdb") as con:
        db.create_schema(con)
        good_rows(con)
        validate_tables(con, "r1", validator, ["articles", "event_mentions"])
        index = validator.build_docs()
        site = index.parent
        # the pages of the suites are few and rebuilt each time (a suite may have changed); results' are not
        first_pages = {page: page.stat().st_mtime_ns for page in (site / "validations").rglob("*.html")}
        assert len(first_pages) == 2
        validate_tables(con, "r2", validator, ["articles", "event_mentions"])
        validator.build_docs()
        runs = rows(con, "select distinct docs_path from validation_runs where run_id = 'r2'")
    assert {page: page.stat().st_mtime_ns for page in first_pages} == first_pages   # none rewritten
    new_pages = [Path(r["docs_path"]) for r in runs]
    assert len(new_pages) == 2 and all(page.exists() for page in new_pages)
    html = index.read_text(encoding="utf-8")
    for page in [*new_pages, *first_pages]:
        assert page.relative_to(site).as_posix() in html
        text = page.read_text(encoding="utf-8")
        assert "static/offline/" in text and "code.jquery.com" not in text   # offline like the rest
    assert "static/offline/" in html and "code.jquery.com" not in html


def test_data_docs_compile_their_templates_once_per_process(tmp_path, monkeypatch):
    # Great Expectations renders each page and block through a new jinja2 environment: without a shared
    # bytecode cache every refresh compiles the same templates again (half of building its pages)
    import jinja2

    validator = Validator(tmp_path / "reports", today=TODAY)
    with db.connect(tmp_path / "docs.duckdb") as con:
        good_rows(con)
        validate_tables(con, "r1", validator, ["articles", "event_mentions"])
        validator.build_docs()
        compiled: list[str] = []
        real = jinja2.Environment.compile
        monkeypatch.setattr(jinja2.Environment, "compile", lambda env, source, name=None, *a, **k:
                            compiled.append(name) or real(env, source, name, *a, **k))
        validate_tables(con, "r2", validator, ["articles", "event_mentions"])
        validator.build_docs()
        pages = [Path(r["docs_path"]) for r in rows(con, "select docs_path from validation_runs where run_id = 'r2'")]
    assert compiled == []
    assert len(pages) == 2 and all("r2" in page.read_text(encoding="utf-8") for page in pages)


# --- which rows a run checks ---------------------------------------------------------------------


def frames_seen(validator, monkeypatch) -> dict[str, list[str]]:
    """The keys of the rows each suite is run on, suite by suite (the last run of each)."""
    seen: dict[str, list[str]] = {}
    real = validator.run

    def spy(name, frame, keys, **kwargs):
        seen[name] = sorted(frame[keys[0]]) if keys else []
        return real(name, frame, keys, **kwargs)

    monkeypatch.setattr(validator, "run", spy)
    return seen


def report(con, name: str, published: str, place: str, country: str, date: str, killed: int, run_id: str):
    add_article(con, f"a-{name}", published, run_id=run_id)
    add_mention(con, f"m-{name}", f"a-{name}", "attack", place, country, date, killed=killed, run_id=run_id)


def test_a_run_checks_its_new_rows_and_the_held_ones_and_all_only_when_asked(tmp_path, validator, monkeypatch):
    con = db.connect(tmp_path / "attrition.duckdb")
    seen = frames_seen(validator, monkeypatch)
    tables = ["articles", "event_mentions"]
    report(con, "mosul", "2015-03-12", "Mosul", "IQ", "2015-03-10", 20, "r1")
    report(con, "bad", "2015-05-02", "Paris", "FR", "2015-05-01", -3, "r1")
    validate_tables(con, "r1", validator, tables)
    assert seen["event_mentions"] == ["m-bad", "m-mosul"]
    assert set(quarantined(con)) == {("event_mentions", "m-bad")}

    report(con, "kabul", "2015-07-02", "Kabul", "AF", "2015-07-01", 5, "r2")
    summary = validate_tables(con, "r2", validator, tables)
    assert seen == {"articles": ["a-kabul"], "event_mentions": ["m-bad", "m-kabul"]}   # new, and held
    assert [r.scope for r in summary.results] == ["changed", "changed"]
    assert set(quarantined(con)) == {("event_mentions", "m-bad")}

    # a held row, corrected, is released when it is checked again
    con.execute("update event_mentions set killed = 3, killed_low = 3, killed_high = 3 where mention_id = 'm-bad'")
    validate_tables(con, "r3", validator, tables)
    assert quarantined(con) == {}

    # an old row a rule now refuses (here: its toll made negative in place) is reached by a full validation only
    con.execute("update event_mentions set killed = -1, killed_low = -1, killed_high = -1 "
                "where mention_id = 'm-mosul'")
    validate_tables(con, "r4", validator, tables)
    assert quarantined(con) == {} and seen["event_mentions"] == []
    summary = validate_tables(con, "r5", validator, tables, full=True)
    assert [r.scope for r in summary.results] == ["all", "all"]
    assert seen["event_mentions"] == ["m-bad", "m-kabul", "m-mosul"]
    assert set(quarantined(con)) == {("event_mentions", "m-mosul")}

    # on a schedule: every row again once the last full validation is older than the setting
    assert [r.scope for r in validate_tables(con, "r6", validator, tables, full_every_hours=24).results] == \
        ["changed", "changed"]
    con.execute("update validation_runs set validated_at = validated_at - interval 25 hour")
    assert [r.scope for r in validate_tables(con, "r7", validator, tables, full_every_hours=24).results] == \
        ["all", "all"]
    assert rows(con, "select distinct scope from validation_runs where run_id = 'r7'") == [{"scope": "all"}]


def test_validate_all_reaches_rows_no_run_would_check_again(tmp_path):
    from typer.testing import CliRunner

    from attrition.cli import app
    from attrition.paths import SAMPLE_ARTICLES

    runner, db_path = CliRunner(), tmp_path / "v.duckdb"
    assert runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(db_path), "--no-prefect"]).exit_code == 0
    with db.connect(db_path) as con:   # a rule that now refuses an old toll: its row is neither new nor changed
        mention = con.execute("select mention_id from event_mentions where killed is not null and incident_id "
                              "is not null order by mention_id limit 1").fetchall()[0][0]
        con.execute("update event_mentions set killed = 911, killed_low = 911, killed_high = 911 "
                    "where mention_id = ?", [mention])
    result = runner.invoke(app, ["validate", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    with db.connect(db_path, read_only=True) as con:
        assert con.execute("select count(*) from quarantine").fetchall()[0][0] == 0
    result = runner.invoke(app, ["validate", "--all", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    with db.connect(db_path, read_only=True) as con:
        assert con.execute("select row_key from quarantine").fetchall() == [(mention,)]
        assert con.execute("select incident_id from event_mentions where mention_id = ?",
                           [mention]).fetchall() == [(None,)]   # out of its incident, as a run would hold it


def test_suites_are_registered_once_per_process_and_again_when_a_suite_or_the_site_changes(tmp_path, monkeypatch):
    # registering a suite compares and rewrites each expectation: a second run in one process (a schedule,
    # the benchmark's refresh) reuses what the first registered, with the same outcome
    registered: list[str] = []
    real = Validator._register
    monkeypatch.setattr(Validator, "_register", lambda self, name, *a: registered.append(name) or real(self, name, *a))
    with db.connect(tmp_path / "reg.duckdb") as con:
        db.create_schema(con)
        good_rows(con)
        add_mention(con, "m-bad", "a-good-1", "attack", "Mosul", "IQ", "2015-03-10", killed=-5)
        first = validate_tables(con, "r1", Validator(tmp_path / "reports", today=TODAY), ["event_mentions"],
                                full=True)
        assert registered == ["event_mentions"]
        second = validate_tables(con, "r2", Validator(tmp_path / "reports", today=TODAY), ["event_mentions"],
                                 full=True)
        assert registered == ["event_mentions"]   # the second validator reused the registration
        assert "m-bad" in first.results[0].failing_rows
        assert first.results[0].failing_rows == second.results[0].failing_rows

        # a changed suite is registered again
        spec = json.loads((EXPECTATIONS_DIR / "event_mentions.json").read_text(encoding="utf-8"))
        spec["meta"] = {**spec.get("meta", {}), "note": "changed"}
        monkeypatch.setattr(Validator, "suite_spec", lambda self, name: spec)
        validate_tables(con, "r3", Validator(tmp_path / "reports", today=TODAY), ["event_mentions"], full=True)
        assert registered == ["event_mentions"] * 2

        # a deleted site is opened and registered anew, and its pages are built again
        shutil.rmtree(tmp_path / "reports")
        validator = Validator(tmp_path / "reports", today=TODAY)
        again = validate_tables(con, "r4", validator, ["event_mentions"], full=True)
        assert registered == ["event_mentions"] * 3
        assert again.results[0].failing_rows == first.results[0].failing_rows
        assert validator.build_docs().exists()


@pytest.mark.parametrize("run_id", ["20261204T133237-79ad7a", "20261204T133237-12"])
def test_a_run_id_that_reads_as_a_time_zone_validates(tmp_path, validator, run_id):
    # run ids end in six random hex digits: "-79ad7a" reads to dateutil as a UTC offset of -79 hours,
    # which once failed about one run in seven in its validation stage
    with db.connect(tmp_path / "zone.duckdb") as con:
        db.create_schema(con)
        good_rows(con)
        summary = validate_tables(con, run_id, validator, ["articles", "event_mentions"])
        stored = rows(con, "select distinct run_id from validation_runs")
    assert summary.success and [r["run_id"] for r in stored] == [run_id]


def test_a_toll_read_in_another_sentence_is_checked_against_that_sentence(tmp_path, validator):
    # `support` names the sentence the toll came from; without it the toll is beyond its sentence
    con = db.connect(tmp_path / "attrition.duckdb")
    for key, place, support in (("named", "Orlando", ["killed@7:known.orlando-2016-06-12"]),
                                ("unnamed", "Tampa", None)):
        add_article(con, f"a-{key}", "2016-06-20", "AP")
        add_mention(con, f"m-{key}", f"a-{key}", "attack", place, "US", "2016-06-12", killed=49,
                    evidence="The gunman opened fire in a nightclub.", support=support)
    run_after_extract(con, "r1", validator)
    assert set(quarantined(con)) == {("event_mentions", "m-unnamed")}
    con.close()


def test_other_reports_are_those_of_the_same_incident_or_the_same_place_and_window(tmp_path):
    # the yardstick of a toll: another article's report of the same incident (whatever place it names), or of
    # the same place in an overlapping window (before resolution), or both
    con = db.connect(tmp_path / "attrition.duckdb")
    evidence = "The bombing killed 300 people, officials said."
    for key, place, date, killed in (("inc", "Mosul", "2016-07-03", 300), ("inc-other", None, "2016-07-01", 20),
                                     ("win", "Raqqa", "2016-08-10", 300), ("win-other", "Raqqa", "2016-08-11", 20),
                                     ("both", "Hit", "2016-09-10", 300), ("both-other", "Hit", "2016-09-10", 20),
                                     ("lone", "Kirkuk", "2016-10-10", 300)):
        add_article(con, f"a-{key}", "2016-10-20", "AP")
        add_mention(con, f"m-{key}", f"a-{key}", "attack", place, "IQ", date, killed=killed, evidence=evidence)
    con.execute("update event_mentions set incident_id = 'i1' where mention_id in ('m-inc', 'm-inc-other')")
    con.execute("update event_mentions set incident_id = 'i2' where mention_id in ('m-both', 'm-both-other')")
    query = f"select mention_id, killed_far_from_other_reports from ({db.sql('validate/event_mentions_frame')})"
    frame = dict(con.execute(query).fetchall())
    assert frame == {"m-inc": 300, "m-inc-other": None, "m-win": 300, "m-win-other": None, "m-both": 300,
                     "m-both-other": None, "m-lone": None}
    con.close()
