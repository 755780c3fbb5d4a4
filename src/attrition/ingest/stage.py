"""The ingest stage: read sources, clean, deduplicate by content hash, store articles and rejects.

Batches are written one transaction each, so an interrupted run leaves whole batches behind and
the next run carries on: an article already stored is recognised by its hash and skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import duckdb
import pyarrow as pa

from attrition.db import transaction
from attrition.ingest.clean import clean_text, content_hash
from attrition.ingest.published import parse_published
from attrition.ingest.readers import read_sources
from attrition.ingest.records import RawArticle, Reject

BATCH_SIZE = 2000


@dataclass
class IngestSummary:
    new: int = 0
    seen: int = 0
    rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, other: IngestSummary) -> None:
        self.new += other.new
        self.seen += other.seen
        self.rejected += other.rejected
        self.count_reasons(other.reject_reasons)

    def count_reasons(self, reasons) -> None:
        """Add reasons: a mapping of counts, or an iterable of reason codes."""
        items = reasons.items() if isinstance(reasons, dict) else ((r, 1) for r in reasons)
        for reason, n in items:
            self.reject_reasons[reason] = self.reject_reasons.get(reason, 0) + n


def ingest(con: duckdb.DuckDBPyConnection, sources: list[str | Path], run_id: str,
           today: dt.date | None = None, batch_size: int = BATCH_SIZE) -> IngestSummary:
    summary = IngestSummary()
    for batch in _batches(read_sources(sources), batch_size):
        summary.add(store_batch(con, batch, run_id, today))
    return summary


def store_batch(con: duckdb.DuckDBPyConnection, batch: list[RawArticle | Reject], run_id: str,
                today: dt.date | None = None) -> IngestSummary:
    now = dt.datetime.now()
    summary = IngestSummary()
    rows: dict[str, dict] = {}
    rejects: list[Reject] = [item for item in batch if isinstance(item, Reject)]
    for item in batch:
        if isinstance(item, RawArticle):
            row, problems = prepare(item, run_id, now, today)
            rejects.extend(problems)
            if row is None:
                continue
            if row["content_hash"] in rows:
                summary.seen += 1
            else:
                rows[row["content_hash"]] = row
    known = _known_hashes(con, list(rows))
    summary.seen += len(known)
    fresh = [row for digest, row in rows.items() if digest not in known]
    with transaction(con):
        if fresh:
            con.register("new_articles", pa.Table.from_pylist(fresh, schema=ARTICLE_SCHEMA))
            con.execute("insert into articles by name select * from new_articles")
            con.unregister("new_articles")
        if rejects:
            reject_rows = [{"run_id": run_id, "origin": r.origin, "external_id": r.external_id,
                            "reason": r.reason, "detail": r.detail, "rejected_at": now} for r in rejects]
            con.register("new_rejects", pa.Table.from_pylist(reject_rows, schema=REJECT_SCHEMA))
            con.execute("insert into ingest_rejects by name select * from new_rejects")
            con.unregister("new_rejects")
    summary.new = len(fresh)
    # A bad publication date is recorded as a reject of the date, not of the article.
    summary.rejected = sum(1 for r in rejects if r.reason != "bad_published_date")
    summary.count_reasons(r.reason for r in rejects)
    return summary


def prepare(item: RawArticle, run_id: str, now: dt.datetime,
            today: dt.date | None = None) -> tuple[dict | None, list[Reject]]:
    """An article row, plus rejects for what was wrong with it; no row when nothing is left."""
    text = clean_text(item.text, item.title)
    if not text.strip():
        return None, [Reject(item.origin, "no_prose", "nothing left once page boilerplate was removed",
                             item.external_id)]
    problems = []
    published, reason = parse_published(item.published_raw, today)
    if reason:
        problems.append(Reject(item.origin, "bad_published_date", f"{reason}; article kept without a date",
                               item.external_id))
    digest = content_hash(text)
    return {
        "article_id": digest[:16], "external_id": item.external_id, "content_hash": digest,
        "source": item.source, "title": item.title, "url": item.url,
        "published": published, "published_how": "metadata" if published else "missing",
        "published_raw": item.published_raw, "origin": item.origin,
        "raw_text": item.text, "text": text, "n_chars": len(text),
        "ingested_run": run_id, "ingested_at": now,
    }, problems


def _known_hashes(con: duckdb.DuckDBPyConnection, digests: list[str]) -> set[str]:
    if not digests:
        return set()
    con.register("candidate_hashes", pa.table({"content_hash": digests}))
    found = con.execute(
        "select a.content_hash from articles a join candidate_hashes c using (content_hash)").fetchall()
    con.unregister("candidate_hashes")
    return {digest for (digest,) in found}


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("external_id", pa.string()), ("content_hash", pa.string()),
    ("source", pa.string()), ("title", pa.string()), ("url", pa.string()),
    ("published", pa.date32()), ("published_how", pa.string()), ("published_raw", pa.string()),
    ("origin", pa.string()), ("raw_text", pa.large_string()), ("text", pa.large_string()),
    ("n_chars", pa.int32()), ("ingested_run", pa.string()), ("ingested_at", pa.timestamp("us")),
])
REJECT_SCHEMA = pa.schema([
    ("run_id", pa.string()), ("origin", pa.string()), ("external_id", pa.string()),
    ("reason", pa.string()), ("detail", pa.string()), ("rejected_at", pa.timestamp("us")),
])
