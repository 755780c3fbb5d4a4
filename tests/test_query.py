"""`attrition query` and `attrition shell`: the user's SQL reads this database and nothing else, and its
result is printed whole in the format asked for."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from attrition.cli import app

runner = CliRunner()


def query(db: Path, sql: str, *options: str):
    return runner.invoke(app, ["query", sql, "--db", str(db), *options])


def counts(db: Path) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select (select count(*) from articles), (select count(*) from event_mentions), "
                           "(select count(*) from incidents)").fetchone()


def refused(result) -> None:
    assert result.exit_code == 1, result.output
    assert "query failed" in result.output and "disabled by configuration" in result.output


# --- nothing outside the database, nothing written -------------------------------------------------

def test_copy_over_its_own_database_file_is_refused(loaded_db):
    before = counts(loaded_db)
    refused(query(loaded_db, f"copy (select 'x') to '{loaded_db}' (format csv)"))
    assert counts(loaded_db) == before   # still a valid DuckDB file with every row


def test_attach_another_database_read_write_is_refused(loaded_db, tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("create table articles as select 1 as a")
    refused(query(loaded_db, f"attach '{other}' as o (read_write); delete from o.articles"))
    with duckdb.connect(str(other), read_only=True) as con:
        assert con.execute("select count(*) from articles").fetchone() == (1,)


def test_reading_other_files_is_refused(loaded_db):
    result = query(loaded_db, "select content from read_text('/etc/passwd')")
    refused(result)
    assert "root:" not in result.output
    refused(query(loaded_db, "select * from read_csv('/etc/passwd')"))


def test_listing_files_is_refused(loaded_db):
    refused(query(loaded_db, "select * from glob('/*')"))


def test_copy_to_another_file_is_refused(loaded_db, tmp_path):
    target = tmp_path / "x.csv"
    refused(query(loaded_db, f"copy (select * from articles) to '{target}'"))
    assert not target.exists()


def test_installing_or_loading_extensions_is_refused(loaded_db):
    refused(query(loaded_db, "install httpfs"))
    result = query(loaded_db, "load httpfs")
    assert result.exit_code == 1 and "disabled" in result.output


def test_the_sandbox_cannot_be_switched_off(loaded_db):
    result = query(loaded_db, "set enable_external_access = true")
    assert result.exit_code == 1 and "locked" in result.output


def test_writes_to_the_database_are_refused(loaded_db):
    before = counts(loaded_db)
    result = query(loaded_db, "delete from articles")
    assert result.exit_code == 1 and "read-only" in result.output.lower()
    assert counts(loaded_db) == before


def test_every_table_and_view_can_be_read(loaded_db):
    with duckdb.connect(str(loaded_db), read_only=True) as con:
        names = [n for (n,) in con.execute("select table_name from information_schema.tables").fetchall()]
    assert {"articles", "incidents", "attacks_vs_losses", "validated_incidents"} <= set(names)
    for name in names:
        result = query(loaded_db, f'select count(*) as n from "{name}"', "--format", "csv")
        assert result.exit_code == 0, (name, result.output)
        assert result.stdout.splitlines()[0] == "n"
    joined = query(loaded_db, "select i.place, m.evidence from incidents i join event_mentions m using (incident_id) "
                              "where i.place = 'Paris'", "--format", "jsonl")
    assert joined.exit_code == 0 and all(json.loads(line)["place"] == "Paris" for line in joined.stdout.splitlines())


# --- formats: whole values, parseable output ------------------------------------------------------

LONGEST = "select evidence from event_mentions order by length(evidence) desc limit 1"


def longest_evidence(db: Path) -> str:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(LONGEST).fetchone()[0]


def test_a_piped_table_is_plain_and_cuts_nothing(loaded_db):
    evidence = longest_evidence(loaded_db)
    assert len(evidence) > 200
    result = query(loaded_db, "select kind, evidence from event_mentions order by length(evidence) desc limit 1")
    assert result.exit_code == 0, result.output
    header, rule, row = result.stdout.splitlines()
    assert header.split() == ["kind", "evidence"] and set(rule) <= {"-", " "}
    assert row.endswith(evidence) and "…" not in result.stdout and "│" not in result.stdout


def test_csv_json_jsonl_and_markdown(loaded_db):
    sql = "select incident_id, place, killed_best, attack_type, date_start from incidents order by incident_id"
    with duckdb.connect(str(loaded_db), read_only=True) as con:
        expected = con.execute(sql).fetchall()
    rows = list(csv.DictReader(io.StringIO(query(loaded_db, sql, "--format", "csv").stdout)))
    assert [r["incident_id"] for r in rows] == [e[0] for e in expected]
    assert rows[0]["date_start"] == expected[0][4].isoformat()
    records = json.loads(query(loaded_db, sql, "--format", "json").stdout)
    assert [r["killed_best"] for r in records] == [e[2] for e in expected]
    assert [r["attack_type"] for r in records] == [e[3] for e in expected]
    lines = query(loaded_db, sql, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["place"] for line in lines] == [e[1] for e in expected]
    markdown = query(loaded_db, "select 'a|b [schedule]' as x", "--format", "markdown").stdout.splitlines()
    assert markdown == ["| x |", "|---|", "| a\\|b [schedule] |"]


def test_rows_left_out_are_announced(loaded_db):
    result = query(loaded_db, "select * from range(300)")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2 + 200 and "first 200 rows" in result.stderr
    everything = query(loaded_db, "select * from range(300)", "--format", "csv")
    assert len(everything.stdout.splitlines()) == 1 + 300 and "rows" not in everything.stderr
    assert len(query(loaded_db, "select * from range(300)", "--limit", "0").stdout.splitlines()) == 302


def test_square_brackets_in_values_and_errors_survive(loaded_db):
    assert "[schedule]" in query(loaded_db, "select '[schedule]' as x").stdout
    result = query(loaded_db, "select * from \"[bold]nope\"")
    assert result.exit_code == 1 and "[bold]nope" in result.output


def test_the_shell_reads_statements_and_stays_sandboxed(loaded_db, tmp_path):
    target = tmp_path / "y.csv"
    script = (".tables\nselect count(*)\n as n from articles;\n"
              f"copy (select 1) to '{target}';\nselect 42 as answer;\n")
    result = runner.invoke(app, ["shell", "--db", str(loaded_db)], input=script)
    assert result.exit_code == 0, result.output
    assert "incidents" in result.stdout and "42" in result.stdout
    assert [line.strip() for line in result.stdout.splitlines()][result.stdout.splitlines().index("n") + 2] == "5"
    assert "disabled by configuration" in result.stderr and not target.exists()


def test_quarantined_mentions_show_the_sentence_and_the_reasons(tmp_path):
    from attrition import db
    from attrition.paths import SAMPLE_ARTICLES

    db_path = tmp_path / "held.duckdb"
    assert runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(db_path), "--no-prefect"]).exit_code == 0
    with db.connect(db_path) as con:   # hold one mention back as validation would
        mention_id, evidence, external_id = con.execute(
            "select m.mention_id, m.evidence, a.external_id from event_mentions m join articles a using (article_id) "
            "order by m.mention_id limit 1").fetchone()
        con.execute("insert into quarantine values ('event_mentions', ?, ['expect_x(killed)'], '{\"killed\": -1}', "
                    "'r1', now())", [mention_id])
        con.execute("insert into quarantine values ('incidents', 'I-other', ['expect_y'], '{}', 'r1', now())")
    result = query(db_path, "select mention_id, evidence, external_id, expectations, offending_values "
                            "from quarantined_mentions", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"mention_id": mention_id, "evidence": evidence, "external_id": external_id,
                                          "expectations": ["expect_x(killed)"], "offending_values": '{"killed": -1}'}]


def test_a_damaged_file_is_named_as_damaged(loaded_db, tmp_path):
    cut = tmp_path / "cut.duckdb"
    cut.write_bytes(loaded_db.read_bytes()[:20_000])
    result = query(cut, "select 1")
    assert result.exit_code == 1 and "is damaged or is not a DuckDB database" in result.output


def test_numbers_align_right_in_a_plain_table(loaded_db):
    lines = query(loaded_db, "select 'a' as word, 5 as n union all select 'bbbbbb', 12345 order by n").stdout
    assert lines.splitlines()[2:] == ["a           5", "bbbbbb  12345"]
