"""The `attrition` command: run, query, export (the scorer's contract and analysts' formats),
evaluate, report — invoked as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from attrition import scoring
from attrition.cli import app

runner = CliRunner()
CONTRACT = {"article", "kind", "place", "country", "date_start", "date_end", "killed", "injured", "attack_type",
            "perpetrator", "claimed", "captured_by", "incident", "evidence"}
GOLD = Path(__file__).parent / "fixtures" / "dev_gold.jsonl"


def test_the_sample_run_stores_and_validates_the_five_articles(loaded_db):
    with duckdb.connect(str(loaded_db), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone()[0] == 5
        assert con.execute("select count(*) from ingest_rejects where reason not in ('short_text')").fetchone()[0] == 0
        assert con.execute("select bool_and(success) from validation_runs").fetchone()[0]


def test_query_prints_a_table(loaded_db):
    result = runner.invoke(app, ["query", "select count(*) as n from articles", "--db", str(loaded_db)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["n", "-", "5"]   # not a terminal: plain text


def test_query_is_read_only(loaded_db):
    result = runner.invoke(app, ["query", "delete from articles", "--db", str(loaded_db)])
    assert result.exit_code == 1
    assert "read-only" in result.output.lower() or "read only" in result.output.lower()
    with duckdb.connect(str(loaded_db), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchall() == [(5,)]


def test_query_on_a_missing_database_says_so(tmp_path):
    result = runner.invoke(app, ["query", "select 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "attrition run" in result.output


def test_export_mentions_follows_the_contract(loaded_db, tmp_path):
    out = tmp_path / "mentions.jsonl"
    result = runner.invoke(app, ["export", "mentions", "-o", str(out), "--db", str(loaded_db)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(set(row) >= CONTRACT for row in rows)
    for row in rows:
        assert row["kind"] in ("attack", "territorial_loss")
        assert row["article"].startswith("seed-")
        assert row["country"] is None or len(row["country"]) == 2
        assert row["killed"] is None or isinstance(row["killed"], int)
        assert row["attack_type"] is None or isinstance(row["attack_type"], list)
        assert row["evidence"] and row["incident"]
        assert row["date_start"] is None or len(row["date_start"]) == 10
    report, *_ = scoring.score([json.loads(line) for line in GOLD.read_text().splitlines()], rows)
    # the first extractor finds most of the development set's events (the README quotes the full table)
    assert report["attack"]["f1"] >= 0.9 and report["territorial_loss"]["f1"] >= 0.9
    assert report["dedup"]["precision_recall_f1"][2] >= 0.9


def test_export_to_stdout_and_analyst_formats(loaded_db, tmp_path):
    result = runner.invoke(app, ["export", "incidents", "--db", str(loaded_db)])
    assert result.exit_code == 0
    incidents = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert incidents and all(set(r) >= {"incident_id", "killed_best", "killed_low", "killed_high", "n_articles"}
                             for r in incidents)
    csv_out, parquet_out = tmp_path / "m.csv", tmp_path / "i.parquet"
    assert runner.invoke(app, ["export", "mentions", "-o", str(csv_out), "--format", "csv",
                               "--db", str(loaded_db)]).exit_code == 0
    assert runner.invoke(app, ["export", "incidents", "-o", str(parquet_out), "--format", "parquet",
                               "--db", str(loaded_db)]).exit_code == 0
    with duckdb.connect() as con:
        n_csv = con.execute(f"select count(*) from read_csv_auto('{csv_out}')").fetchall()[0][0]
        n_parquet = con.execute(f"select count(*) from '{parquet_out}'").fetchall()[0][0]
        types = dict(con.execute(f"select column_name, column_type from (describe select * from '{parquet_out}')"
                                 ).fetchall())
    with duckdb.connect(str(loaded_db), read_only=True) as con:
        assert n_csv == con.execute("select count(*) from event_mentions").fetchall()[0][0]
        assert n_parquet == con.execute("select count(*) from incidents").fetchall()[0][0]
    assert types["killed_best"] == "INTEGER" and types["attack_type"] == "VARCHAR[]" and types["date_start"] == "DATE"


def test_evaluate_prints_the_scorer_table(loaded_db):
    result = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--db", str(loaded_db), "--errors"])
    assert result.exit_code == 0, result.output
    assert "territorial_loss" in result.output and "dedup" in result.output and "# missed" in result.output


def test_explain_names_the_rules_and_guards_behind_an_articles_events(loaded_db):
    result = runner.invoke(app, ["explain", "seed-002", "--db", str(loaded_db)])
    assert result.exit_code == 0, result.output
    assert "kept by attack." in result.output and "frames (" in result.output
    assert "evidence [" in result.output
    missing = runner.invoke(app, ["explain", "no-such-article", "--db", str(loaded_db)])
    assert missing.exit_code == 1 and "no article" in missing.output


def test_report_prints_the_data_docs_index_and_the_report(loaded_db):
    result = runner.invoke(app, ["report", "--db", str(loaded_db)])
    assert result.exit_code == 0
    index, report = (Path(line) for line in result.output.strip().splitlines())
    assert index.name == "index.html" and index.exists()
    assert "attacks_vs_losses" in index.read_text()
    assert report.name == "attacks_vs_losses.html" and report.exists()
    assert "<th>expectations failed</th><th>rows quarantined</th>" in report.read_text()   # the summary's words


def test_console_script_is_installed():
    result = subprocess.run([Path(sys.executable).with_name("attrition"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("run", "query", "export", "evaluate", "report"):
        assert command in result.stdout


def test_version():
    from attrition import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"attrition {__version__}"


def test_run_without_sources_says_how_to_give_some(tmp_path):
    db_path = tmp_path / "new.duckdb"
    result = runner.invoke(app, ["run", "--db", str(db_path), "--no-prefect"])
    assert result.exit_code == 2
    assert "SOURCE" in result.output and "--config" in result.output
    assert not db_path.exists()   # nothing loaded, not even the sample articles
    config = tmp_path / "attrition.toml"   # a config without `sources` does not stand in for them either
    config.write_text('db = "configured.duckdb"\n', encoding="utf-8")
    assert runner.invoke(app, ["run", "--config", str(config), "--no-prefect"]).exit_code == 2
    assert not (tmp_path / "configured.duckdb").exists()


def test_the_run_summary_is_one_unwrapped_line_per_item_off_a_terminal(tmp_path):
    from attrition.paths import SAMPLE_ARTICLES

    deep = tmp_path / ("a-folder-with-a-long-name-" * 4) / "db.duckdb"
    result = runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(deep), "--no-prefect"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    report = next(line for line in lines if line.startswith("report: "))
    assert Path(report.removeprefix("report: ")).exists()   # the path is whole, on one line
    assert "articles: 5 new, 0 already seen, 0 rejected" in lines


def test_messages_keep_their_square_brackets(tmp_path):
    config = tmp_path / "attrition.toml"
    config.write_text('sources = ["x"]\n[schedule]\ncron = "0 * * * *"\ninterval_seconds = 5\n', encoding="utf-8")
    result = runner.invoke(app, ["run", "--config", str(config), "--no-prefect"])
    assert result.exit_code == 2 and "[schedule] takes cron or interval_seconds" in result.output


def test_help_shows_the_defaults():
    result = subprocess.run([Path(sys.executable).with_name("attrition"), "run", "--help"], capture_output=True,
                            text=True, env={"COLUMNS": "200", "PATH": ""})
    assert result.returncode == 0
    assert "[default: (attrition.duckdb, or the config's)]" in result.stdout
    assert "[default: (one per core, or the config's)]" in result.stdout


def test_validation_is_told_in_one_vocabulary():
    """Expectations failed (what Data Docs count) and rows quarantined are two counts, never one "failing"."""
    from attrition.pipeline import RunSummary
    from attrition.summary import markdown_summary, summary_rows
    from attrition.validate import SuiteResult

    run = RunSummary("r1")
    held = {f"m{i}": {"expectations": ["expect_a(killed)"], "values": {"killed": -i}} for i in range(9)}
    run.validation.results = [SuiteResult("articles", True, 10, []),
                              SuiteResult("event_mentions", False, 14, ["expect_a(killed)", "expect_b(country)"],
                                          failing_rows=held)]
    rows = dict(summary_rows(run))
    assert rows["validation"] == "passed"
    assert rows["expectations failed"] == "2 of 24: event_mentions 2 of 14"
    assert rows["rows quarantined"] == "9: event_mentions 9"
    assert "failing" not in markdown_summary(run)
    run.validation.results.append(SuiteResult("incidents", False, 5, ["expect_c"],
                                              table_failures=["expect_c (observed 3)"]))
    assert dict(summary_rows(run))["validation"] == "FAILED (table-level: incidents: expect_c (observed 3))"


def test_long_stages_report_their_progress(tmp_path):
    """What the progress bars and the log lines show: every stage as it starts, counts within ingest and extract."""
    from attrition import progress
    from attrition.paths import SAMPLE_ARTICLES

    seen: list[tuple[str, int, int | None]] = []
    with progress.listening(lambda stage, done, total: seen.append((stage, done, total))):
        result = runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(tmp_path / "p.duckdb"), "--no-prefect"])
    assert result.exit_code == 0, result.output
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages == ["ingest", "extract", "validate-articles-and-mentions", "resolve-incidents",
                      "validate-incidents", "refresh-aggregates"]
    assert ("ingest", 5, None) in seen   # the five articles read
    assert ("extract", 0, 5) in seen and ("extract", 5, 5) in seen
    assert progress.describe("extract", 5, 10) == "extract: 5 of 10 articles extracted (50%)"


def test_serve_without_sources_says_so(tmp_path):
    config = tmp_path / "attrition.toml"
    config.write_text('[schedule]\ninterval_seconds = 60\n', encoding="utf-8")
    result = runner.invoke(app, ["serve", "--config", str(config)])
    assert result.exit_code == 2 and "lists no `sources`" in result.output
