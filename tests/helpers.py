"""Builders that put articles and event mentions straight into a real DuckDB database.

The stages after extraction (validate, resolve, aggregate) only read these two tables, so tests can
craft exactly the rows they need instead of going through the text extractor.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pyarrow as pa

from attrition.tables import row_schema

NOW = dt.datetime(2025, 12, 31, 12, 0)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _date(value: str | dt.date | None) -> dt.date | None:
    return day(value) if isinstance(value, str) else value


def insert_row(con: duckdb.DuckDBPyConnection, table: str, row: dict) -> None:
    """One row by column name, typed as the table's DDL says (a misspelt column is a KeyError)."""
    con.register("helper_row", pa.Table.from_pylist([row], schema=row_schema(table, only=tuple(row))))
    con.execute(f"insert into {table} by name select * from helper_row")
    con.unregister("helper_row")


def add_article(con: duckdb.DuckDBPyConnection, article_id: str, published: str | dt.date | None,
                source: str | None = "Reuters", *, text: str | None = None, published_how: str | None = None,
                run_id: str = "seed") -> str:
    """One article; the text (and so the content hash) is unique per article id unless given."""
    body = text if text is not None else f"Article {article_id}: Islamic State fighters attacked."
    insert_row(con, "articles", {
        "article_id": article_id, "external_id": f"ext-{article_id}",
        "content_hash": hashlib.sha256(f"{article_id}\n{body}".encode()).hexdigest(), "source": source,
        "title": f"Title {article_id}", "url": f"https://example.org/{article_id}", "published": _date(published),
        "published_how": published_how or ("metadata" if published is not None else "missing"),
        "origin": f"test:{article_id}", "raw_text": body, "text": body, "n_chars": len(body),
        "ingested_run": run_id, "ingested_at": NOW})
    return article_id


def add_mention(con: duckdb.DuckDBPyConnection, mention_id: str, article_id: str, kind: str = "attack",
                place: str | None = None, country: str | None = "IQ", date_start: str | dt.date | None = None,
                date_end: str | dt.date | None = None, killed: int | None = None, *,
                killed_low: int | None = None, killed_high: int | None = None, injured: int | None = None,
                date_how: str = "explicit", date_precision: str | None = None, place_precision: str | None = None,
                attack_type: list[str] | None = None, perpetrator: str | None = "ISIS",
                captured_by: str | None = None, evidence: str | None = None, run_id: str = "seed",
                attribution: str | None = "default", lat: float | None = None, lon: float | None = None,
                support: list[str] | None = None) -> str:
    """One event mention. date_end defaults to date_start; killed_low/high default to killed; an ISIS
    perpetrator is 'attributed' unless said otherwise."""
    if attribution == "default":
        attribution = "attributed" if perpetrator == "ISIS" else None
    start = _date(date_start)
    end = _date(date_end) if date_end is not None else start
    if date_precision is None and start is not None and end is not None:
        width = (end - start).days
        date_precision = ("day" if width == 0 else "week" if width < 7 else "month" if width < 31
                          else "season" if width < 92 else "year")
    if place_precision is None:
        place_precision = "city" if place else ("country" if country else None)
    insert_row(con, "event_mentions", {
        "mention_id": mention_id, "article_id": article_id, "kind": kind, "place": place, "country": country,
        "place_precision": place_precision, "date_start": start, "date_end": end, "date_precision": date_precision,
        "date_how": date_how, "killed": killed, "killed_low": killed_low if killed_low is not None else killed,
        "killed_high": killed_high if killed_high is not None else killed,
        "injured": injured, "injured_low": injured, "injured_high": injured,
        "attack_type": attack_type, "perpetrator": perpetrator, "captured_by": captured_by,
        "evidence": evidence if evidence is not None else _evidence(mention_id, killed), "sentence_index": 0,
        "char_start": 0, "char_end": 10, "rule": "test", "extractor_version": "test", "run_id": run_id,
        "attribution": attribution, "lat": lat, "lon": lon, "support": support})
    return mention_id


def _evidence(mention_id: str, killed: int | None) -> str:
    """A sentence that states the toll, as a real one would (validation checks the toll against it)."""
    toll = f": {killed:,} people were killed" if killed is not None else ""
    return f"Evidence sentence of {mention_id}{toll}."


def add_report(con: duckdb.DuckDBPyConnection, mention_id: str, published: str | dt.date, source: str | None = None,
               **mention) -> str:
    """An article with a single mention (article id = 'a-' + mention id)."""
    article_id = add_article(con, f"a-{mention_id}", published, source or f"outlet-{mention_id}")
    return add_mention(con, mention_id, article_id, **mention)


def incident_of(con: duckdb.DuckDBPyConnection, mention_id: str) -> str | None:
    return con.execute("select incident_id from event_mentions where mention_id = ?", [mention_id]).fetchall()[0][0]


def incident(con: duckdb.DuckDBPyConnection, incident_id: str) -> dict:
    cur = con.execute("select * from incidents where incident_id = ?", [incident_id])
    found = cur.fetchall()   # whole results: a half-read one would block the connection's next insert
    assert found, f"no incident {incident_id}"
    row = found[0]
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def rows(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> list[dict]:
    cur = con.execute(query, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def run_after_extract(con: duckdb.DuckDBPyConnection, run_id: str, validator):
    """The stages after extraction, in pipeline order: validate rows, resolve, validate incidents, aggregates."""
    from attrition.aggregate import refresh
    from attrition.resolve import resolve
    from attrition.validate import validate_tables

    validate_tables(con, run_id, validator, ["articles", "event_mentions"])
    resolve(con, run_id)
    validate_tables(con, run_id, validator, ["incidents"])
    return refresh(con, run_id, validator)
