"""`attrition export`: the file type follows --format or the file's extension, columns keep their database
names and types, incidents carry what they rest on, and the ACLED and GTD layouts load as those datasets do."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from typer.testing import CliRunner

from attrition.cli import app
from attrition.export import rows

runner = CliRunner()
CONTRACT = ["article", "kind", "place", "country", "date_start", "date_end", "killed", "injured", "attack_type",
            "perpetrator", "claimed", "captured_by", "incident", "evidence"]


def export(db: Path, *args: str):
    result = runner.invoke(app, ["export", *args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result


def fetch(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_extension_chooses_the_file_type(loaded_db, tmp_path):
    parquet, csv_file, jsonl, json_file = (tmp_path / f"i.{ext}" for ext in ("parquet", "csv", "jsonl", "json"))
    assert "(parquet)" in export(loaded_db, "incidents", "-o", str(parquet)).stderr
    schema = pq.read_schema(parquet)   # real Parquet, with typed columns
    assert str(schema.field("date_start").type) == "date32[day]"
    assert str(schema.field("killed_best").type) == "int32"
    assert str(schema.field("attack_type").type).startswith("list<")
    n = fetch(loaded_db, "select count(*) from incidents")[0][0]
    assert pq.read_table(parquet).num_rows == n
    export(loaded_db, "incidents", "-o", str(csv_file))
    assert len(list(csv.DictReader(csv_file.open()))) == n
    export(loaded_db, "incidents", "-o", str(jsonl))
    assert len([json.loads(line) for line in jsonl.read_text().splitlines()]) == n
    export(loaded_db, "incidents", "-o", str(json_file))
    assert len(json.loads(json_file.read_text())) == n


def test_format_wins_over_the_extension_and_unknown_extensions_are_refused(loaded_db, tmp_path):
    out = tmp_path / "i.txt"
    result = runner.invoke(app, ["export", "incidents", "-o", str(out), "--db", str(loaded_db)])
    assert result.exit_code == 1 and "--format" in result.output and not out.exists()
    export(loaded_db, "incidents", "-o", str(out), "--format", "csv")
    assert out.read_text().startswith("incident_id,")
    result = runner.invoke(app, ["export", "mentions", "--format", "parquet", "--db", str(loaded_db)])
    assert result.exit_code == 1 and "-o FILE.parquet" in result.output


def test_incidents_keep_database_names_and_carry_their_evidence(loaded_db):
    rows = [json.loads(line) for line in export(loaded_db, "incidents").stdout.splitlines()]
    db_columns = {name for (name,) in fetch(loaded_db, "select column_name from information_schema.columns "
                                                       "where table_name = 'incidents'")}
    assert db_columns <= set(rows[0])
    assert not {"incident", "killed", "injured"} & set(rows[0])
    paris = next(r for r in rows if r["place"] == "Paris" and r["date_start"] == "2015-11-13")
    assert paris["country_name"] == "France" and paris["region"] == "elsewhere"
    assert paris["attribution"] in ("claimed", "attributed")
    evidence = {e for (e,) in fetch(loaded_db, f"select evidence from incident_sources "
                                               f"where incident_id = '{paris['incident_id']}'")}
    assert set(paris["evidence"]) == evidence and paris["sources"] and paris["articles"]
    core = [r for r in rows if r["country"] in ("IQ", "SY")]
    assert core and all(r["region"] == "core" for r in core)
    assert {r["country_name"] for r in core} <= {"Iraq", "Syria"}


def test_mentions_keep_the_scorer_contract_without_duplicates(loaded_db, tmp_path):
    out = tmp_path / "m.jsonl"
    export(loaded_db, "mentions", "-o", str(out))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    columns = list(rows[0])
    assert columns[:len(CONTRACT)] == CONTRACT
    assert len(columns) == len(set(columns))
    assert not {"incident_id", "article_title", "article_source", "article_url"} & set(columns)
    external = dict(fetch(loaded_db, "select article_id, external_id from articles"))
    assert all(external[r["article_id"]] == r["article"] for r in rows)


def test_json_holds_the_database_values(loaded_db, tmp_path):
    """JSON lines and the JSON array carry every value as the database has it: dates as ISO text, lists as
    arrays, nulls as null, floats exactly, text unescaped, columns in the export's order."""
    jsonl, array = tmp_path / "m.jsonl", tmp_path / "m.json"
    export(loaded_db, "mentions", "-o", str(jsonl))
    export(loaded_db, "mentions", "-o", str(array))
    with duckdb.connect(str(loaded_db), read_only=True) as con:
        table = rows(con, "mentions").to_arrow_table()
    expected = {r["mention_id"]: {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in r.items()}
                for r in table.to_pylist()}
    text = jsonl.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == len(expected) and {r["mention_id"]: r for r in lines} == expected
    assert list(lines[0]) == table.column_names
    assert {r["mention_id"]: r for r in json.loads(array.read_text(encoding="utf-8"))} == expected
    assert any(ord(c) > 127 for c in text) and "\\u" not in text   # UTF-8, not \u escapes
    assert any(r["attack_type"] for r in lines) and any(None in r.values() for r in lines)


def test_acled_layout(loaded_db):
    rows = list(csv.DictReader(io.StringIO(export(loaded_db, "incidents", "--format", "acled").stdout)))
    assert rows
    for column in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "country", "admin1",
                   "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"):
        assert column in rows[0]
    for row in rows:
        dt.date.fromisoformat(row["event_date"])
        assert row["time_precision"] in ("1", "2", "3") and row["geo_precision"] in ("1", "2", "3")
        assert row["event_type"] in ("Battles", "Explosions/Remote violence", "Violence against civilians")
        assert int(row["fatalities"]) >= 0 and row["notes"]
    windows = dict(fetch(loaded_db, "select incident_id, date_end - date_start from incidents"))
    assert {r["event_id_cnty"] for r in rows} == {i for i, days in windows.items() if days is not None and days <= 31}
    paris = next(r for r in rows if r["location"] == "Paris" and r["event_date"] == "2015-11-13")
    assert paris["country"] == "France" and paris["iso"] == "250" and paris["time_precision"] == "1"
    assert int(paris["fatalities"]) > 100 and paris["actor1"] == "ISIS"
    losses = [r for r in rows if r["event_type"] == "Battles"]
    assert losses and all(r["actor2"] == "ISIS" and "territory" in r["sub_event_type"] for r in losses)


def test_gtd_layout(loaded_db, tmp_path):
    out = tmp_path / "gtd.parquet"   # the layout, in the file type the extension names
    export(loaded_db, "incidents", "--format", "gtd", "-o", str(out))
    rows = pq.read_table(out).to_pylist()
    attacks = fetch(loaded_db, "select count(*) from incidents where kind = 'attack' and date_start is not null")
    assert len(rows) == attacks[0][0]
    for column in ("iyear", "imonth", "iday", "country_txt", "city", "latitude", "longitude", "attacktype1_txt",
                   "gname", "nkill", "nwound", "claimed", "summary", "scite1"):
        assert column in rows[0]
    paris = next(r for r in rows if r["city"] == "Paris" and (r["iyear"], r["imonth"], r["iday"]) == (2015, 11, 13))
    assert paris["country_txt"] == "France" and paris["nkill"] > 100 and paris["gname"] == "ISIS"
    assert all(r["claimed"] in (1, 0, -9) for r in rows)
    vague = [r for r in rows if r["iday"] == 0]
    assert vague and all(" to " in r["approxdate"] for r in vague)


def test_layouts_are_for_incidents_only(loaded_db):
    result = runner.invoke(app, ["export", "mentions", "--format", "acled", "--db", str(loaded_db)])
    assert result.exit_code == 1 and "incidents" in result.output


def test_mentions_name_the_town_as_the_article_spells_it_and_as_the_gazetteer_does(loaded_db):
    rows = [json.loads(line) for line in export(loaded_db, "mentions").stdout.splitlines()]
    nasiriyah = [r for r in rows if r["place_normalised"] == "Nasiriyah"]
    # the article writes "Nassiriya"; "the French capital" is not a spelling of Paris
    assert nasiriyah and {r["place"] for r in nasiriyah} == {"Nassiriya"}
    assert {r["place"] for r in rows if r["place_normalised"] == "Paris"} == {"Paris"}
    assert fetch(loaded_db, "select distinct place, place_as_written from event_mentions "
                            "where place = 'Nasiriyah'") == [("Nasiriyah", "Nassiriya")]
