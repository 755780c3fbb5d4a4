"""The extract stage: mentions for every article that has none from this extractor version.

`extract_batch` is a pure function from article rows to an Arrow table of mentions, so it runs in
worker processes or on a Dask cluster (a `mapper` decides where); only `extract`, in the calling
process, writes to DuckDB: one writer, one transaction per batch.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from attrition.db import transaction
from attrition.extract.events import EXTRACTOR_VERSION, Mention, extract_mentions, mention_id

BATCH_SIZE = 2000


@dataclass
class ExtractSummary:
    articles: int = 0
    mentions: int = 0
    failed: int = 0


@dataclass
class ExtractedBatch:
    """What a worker sends back: the articles it read, their mentions as Arrow, and its failures."""
    article_ids: list[str]
    mentions: pa.Table
    failures: list[tuple[str, str]] = field(default_factory=list)   # (article_id, error)


# Runs extract_batch over a list of chunks, wherever it likes, and yields their results.
Mapper = Callable[[list[list[tuple]]], Iterable[ExtractedBatch]]


def extract(con: duckdb.DuckDBPyConnection, run_id: str, workers: int = 1, batch_size: int = BATCH_SIZE,
            mapper: Mapper | None = None, chunks: int | None = None) -> ExtractSummary:
    """Extract every pending article: read `chunks` chunks of `batch_size`, map, store, repeat."""
    summary = ExtractSummary()
    pool = ProcessPoolExecutor(workers) if mapper is None and workers > 1 else None
    if mapper is None:
        mapper = (lambda parts: pool.map(extract_batch, parts)) if pool else (lambda parts: map(extract_batch, parts))
    chunks = chunks or max(workers, 1)
    try:
        while wave := _pending(con, batch_size * chunks):
            parts = [wave[i::chunks] for i in range(chunks) if wave[i::chunks]]
            for extracted in mapper(parts):
                _store(con, run_id, extracted, summary)
    finally:
        if pool:
            pool.shutdown()
    return summary


def _pending(con: duckdb.DuckDBPyConnection, limit: int) -> list[tuple]:
    return con.execute(
        "select article_id, text, published, title from articles "
        "where extracted_version is distinct from ? and extracted_version is distinct from ? "
        "and superseded_by is null "   # an older version of an article: its newer one is extracted
        "order by article_id limit ?",
        [EXTRACTOR_VERSION, f"failed:{EXTRACTOR_VERSION}", limit],
    ).fetchall()


def extract_batch(batch: list[tuple]) -> ExtractedBatch:
    """Mentions of each (article_id, text, published, title); an article that fails is recorded, not fatal."""
    rows, failures = [], []
    for article_id, text, published, title in batch:
        try:
            mentions = extract_mentions(text, published, title)
            rows.extend(mention_row(article_id, m, published) for m in mentions)
        except Exception:   # one article must never stop the run: record it and go on
            failures.append((article_id, traceback.format_exc(limit=3)))
    return ExtractedBatch([row[0] for row in batch], pa.Table.from_pylist(rows, schema=MENTION_SCHEMA), failures)


def mention_row(article_id: str, m: Mention, published: dt.date | None) -> dict:
    place = m.place
    return {
        "mention_id": mention_id(article_id, m), "article_id": article_id, "kind": m.kind,
        "place": place.name if place else None, "country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "place_precision": place.precision if place else None,
        "date_start": m.date.start if m.date else None, "date_end": m.date.end if m.date else None,
        "date_precision": m.date.precision if m.date else None, "date_how": m.date_how,
        "killed": m.killed.best if m.killed else None, "killed_low": m.killed.low if m.killed else None,
        "killed_high": m.killed.high if m.killed else None,
        "injured": m.injured.best if m.injured else None, "injured_low": m.injured.low if m.injured else None,
        "injured_high": m.injured.high if m.injured else None,
        "attack_type": m.attack_types or None, "perpetrator": m.perpetrator, "attribution": m.attribution,
        "claimed": m.claimed, "captured_by": m.captured_by,
        "evidence": m.sentence.text, "sentence_index": m.sentence.index,
        "char_start": m.sentence.start, "char_end": m.sentence.end, "rule": m.rule,
        "null_reasons": m.null_reasons(published), "extractor_version": EXTRACTOR_VERSION,
    }


def _store(con: duckdb.DuckDBPyConnection, run_id: str, extracted: ExtractedBatch, summary: ExtractSummary) -> None:
    now = dt.datetime.now()
    mentions = extracted.mentions
    failed = dict(extracted.failures)
    done = [aid for aid in extracted.article_ids if aid not in failed]
    with transaction(con):
        con.register("batch_ids", pa.table({"article_id": extracted.article_ids}))
        # re-extraction replaces an article's mentions (and frees their incident links) instead of adding
        con.execute("delete from incident_sources where mention_id in (select mention_id from event_mentions "
                    "where article_id in (select article_id from batch_ids))")
        con.execute("delete from event_mentions where article_id in (select article_id from batch_ids)")
        con.unregister("batch_ids")
        if mentions.num_rows:
            con.register("new_mentions", mentions)
            con.execute("insert into event_mentions by name select *, ? as run_id from new_mentions", [run_id])
            con.unregister("new_mentions")
        marks = pa.table({
            "article_id": done + list(failed),
            "version": [EXTRACTOR_VERSION] * len(done) + [f"failed:{EXTRACTOR_VERSION}"] * len(failed),
        })
        con.register("marks", marks)
        con.execute("update articles set extracted_version = marks.version, extracted_at = ? "
                    "from marks where articles.article_id = marks.article_id", [now])
        con.unregister("marks")
        for aid, error in failed.items():
            con.execute("insert into ingest_rejects (run_id, origin, external_id, reason, detail, rejected_at) "
                        "values (?, ?, ?, 'extraction_failed', ?, ?)",
                        [run_id, f"article:{aid}", aid, error.strip().splitlines()[-1][:500], now])
    summary.articles += len(extracted.article_ids)
    summary.mentions += mentions.num_rows
    summary.failed += len(failed)


MENTION_SCHEMA = pa.schema([
    ("mention_id", pa.string()), ("article_id", pa.string()), ("kind", pa.string()),
    ("place", pa.string()), ("country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
    ("place_precision", pa.string()), ("date_start", pa.date32()), ("date_end", pa.date32()),
    ("date_precision", pa.string()), ("date_how", pa.string()),
    ("killed", pa.int32()), ("killed_low", pa.int32()), ("killed_high", pa.int32()),
    ("injured", pa.int32()), ("injured_low", pa.int32()), ("injured_high", pa.int32()),
    ("attack_type", pa.list_(pa.string())), ("perpetrator", pa.string()), ("attribution", pa.string()),
    ("claimed", pa.bool_()), ("captured_by", pa.string()), ("evidence", pa.string()),
    ("sentence_index", pa.int32()), ("char_start", pa.int32()), ("char_end", pa.int32()),
    ("rule", pa.string()), ("null_reasons", pa.list_(pa.string())), ("extractor_version", pa.string()),
])
