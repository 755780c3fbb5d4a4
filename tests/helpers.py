"""Builders that put articles and event mentions straight into a real DuckDB database.

The stages after extraction (validate, resolve, aggregate) only read these two tables, so tests can
craft exactly the rows they need instead of going through the text extractor.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb

NOW = dt.datetime(2025, 12, 31, 12, 0)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _date(value: str | dt.date | None) -> dt.date | None:
    return day(value) if isinstance(value, str) else value


def add_article(con: duckdb.DuckDBPyConnection, article_id: str, published: str | dt.date | None,
                source: str | None = "Reuters", *, text: str | None = None, published_how: str | None = None,
                run_id: str = "seed") -> str:
    """One article; the text (and so the content hash) is unique per article id unless given."""
    body = text if text is not None else f"Article {article_id}: Islamic State fighters attacked."
    con.execute(
        """
        insert into articles (article_id, external_id, content_hash, source, title, url, published,
                              published_how, origin, raw_text, text, n_chars, ingested_run, ingested_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [article_id, f"ext-{article_id}", hashlib.sha256(f"{article_id}\n{body}".encode()).hexdigest(), source,
         f"Title {article_id}", f"https://example.org/{article_id}", _date(published),
         published_how or ("metadata" if published is not None else "missing"), f"test:{article_id}",
         body, body, len(body), run_id, NOW],
    )
    return article_id


def add_mention(con: duckdb.DuckDBPyConnection, mention_id: str, article_id: str, kind: str = "attack",
                place: str | None = None, country: str | None = "IQ", date_start: str | dt.date | None = None,
                date_end: str | dt.date | None = None, killed: int | None = None, *,
                killed_low: int | None = None, killed_high: int | None = None, injured: int | None = None,
                date_how: str = "explicit", date_precision: str | None = None, place_precision: str | None = None,
                attack_type: list[str] | None = None, perpetrator: str | None = "ISIS",
                captured_by: str | None = None, evidence: str | None = None, run_id: str = "seed",
                attribution: str | None = "default", lat: float | None = None, lon: float | None = None) -> str:
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
    con.execute(
        """
        insert into event_mentions (mention_id, article_id, kind, place, country, place_precision,
                                    date_start, date_end, date_precision, date_how,
                                    killed, killed_low, killed_high, injured, injured_low, injured_high,
                                    attack_type, perpetrator, captured_by, evidence, sentence_index,
                                    char_start, char_end, rule, extractor_version, run_id, attribution, lat, lon)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [mention_id, article_id, kind, place, country, place_precision, start, end, date_precision, date_how,
         killed, killed_low if killed_low is not None else killed,
         killed_high if killed_high is not None else killed, injured, injured, injured,
         attack_type, perpetrator, captured_by,
         evidence if evidence is not None else _evidence(mention_id, killed), 0, 0, 10, "test", "test",
         run_id, attribution, lat, lon],
    )
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
    return con.execute("select incident_id from event_mentions where mention_id = ?", [mention_id]).fetchone()[0]


def incident(con: duckdb.DuckDBPyConnection, incident_id: str) -> dict:
    cur = con.execute("select * from incidents where incident_id = ?", [incident_id])
    row = cur.fetchone()
    assert row is not None, f"no incident {incident_id}"
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
