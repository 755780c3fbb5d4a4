"""The extract stage: mentions for every article that has none from this extractor version.

`extract_batch` is a pure function from article rows to an Arrow table of mentions, so it runs in
worker processes or on a Dask cluster (a `submit` function decides where); only `extract`, in the
calling process, writes to DuckDB: one writer, one transaction per chunk.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections import deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

import duckdb
import pyarrow as pa

from attrition.db import transaction
from attrition.extract.events import EXTRACTOR_VERSION, Mention, extract_mentions, mention_id

BATCH_SIZE = 2000
MIN_PARALLEL = 300   # pending articles below which worker processes cost more than they save


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


# Sends one chunk of article rows to extract_batch somewhere (a process pool, a Dask cluster) and returns
# a handle whose .result() is its ExtractedBatch: concurrent.futures and Prefect futures both qualify.
Submit = Callable[[list[tuple]], "HasResult"]


class HasResult(Protocol):
    def result(self) -> ExtractedBatch: ...


@dataclass
class _Done:
    """The handle of a chunk extracted in this process, at submission."""
    value: ExtractedBatch

    def result(self) -> ExtractedBatch:
        return self.value


def extract(con: duckdb.DuckDBPyConnection, run_id: str, workers: int = 1, batch_size: int = BATCH_SIZE,
            submit: Submit | None = None, in_flight: int | None = None) -> ExtractSummary:
    """Extract every pending article, in chunks of at most `batch_size`, `in_flight` chunks at a time.

    Chunks are read in article_id order and submitted ahead, so the workers (`workers` processes, or
    wherever `submit` sends them) extract the next chunks while this process stores the finished one
    (each store is one transaction)."""
    summary = ExtractSummary()
    pending = _pending_count(con)
    # a few articles (a refresh) are extracted here sooner than new processes could load the gazetteer
    parallel = submit is None and workers > 1 and pending >= MIN_PARALLEL
    pool = ProcessPoolExecutor(workers) if parallel else None
    if submit is None:
        submit = (lambda part: pool.submit(extract_batch, part)) if pool else (lambda part: _Done(extract_batch(part)))
    in_flight = in_flight or 2 * max(workers, 1)
    # small backlogs are spread over every slot, large ones go in full chunks
    chunk = max(1, min(batch_size, -(-pending // in_flight)))
    queue: deque[HasResult] = deque()
    after = ""
    try:
        while True:
            while len(queue) < in_flight and (rows := _pending(con, chunk, after)):
                after = rows[-1][0]
                queue.append(submit(rows))
            if not queue:
                break
            _store(con, run_id, queue.popleft().result(), summary)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return summary


_PENDING = ("from articles where extracted_version is distinct from $version "
            "and extracted_version is distinct from 'failed:' || $version "
            "and superseded_by is null")   # an older version of an article: its newer one is extracted


def _pending_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(f"select count(*) {_PENDING}", {"version": EXTRACTOR_VERSION}).fetchall()[0][0]


def _pending(con: duckdb.DuckDBPyConnection, limit: int, after: str) -> list[tuple]:
    """The next `limit` pending articles after article id `after` (chunks in flight are not stored yet)."""
    return con.execute(
        f"select article_id, text, published, title {_PENDING} and article_id > $after "
        "order by article_id limit $limit",
        {"version": EXTRACTOR_VERSION, "after": after, "limit": limit},
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
        "support": m.support or None,
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
    ("rule", pa.string()), ("support", pa.list_(pa.string())), ("null_reasons", pa.list_(pa.string())),
    ("extractor_version", pa.string()),
])
