"""The extract stage: mentions for every article that has none from this extractor version.

`extract_batch` is a pure function from article rows to an Arrow table of mentions, so it runs in
worker processes or on a Dask cluster (a `submit` function decides where); only `extract`, in the
calling process, writes to DuckDB: one writer, one transaction per chunk. The ingest stage's workers
run it too, on the articles they have just cleaned (`hand_over`): the stage stores those mentions
first and reads back from the database only the texts nobody extracted on arrival.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from attrition import progress
from attrition.children import worker_pool
from attrition.config import BATCH_SIZE
from attrition.db import sql, transaction
from attrition.extract.events import EXTRACTOR_VERSION, Mention, extract_mentions, mention_id
from attrition.extract.places import spelling_of
from attrition.tables import row_schema

MIN_PARALLEL = 300   # pending articles below which worker processes cost more than they save
BATCH_CHARS = 32_000_000   # characters of text per chunk: a chunk of huge articles stays within memory


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
            submit: Submit | None = None, in_flight: int | None = None,
            meanwhile: Callable[[], None] | None = None) -> ExtractSummary:
    """Extract every pending article, in chunks of at most `batch_size`, `in_flight` chunks at a time.

    Chunks are read in article_id order and submitted ahead, so the workers (`workers` processes, or
    wherever `submit` sends them) extract the next chunks while this process stores the finished one
    (each store is one transaction). `meanwhile` is work for this process once the first chunks are out
    (and the workers forked), called only when the extracting happens elsewhere."""
    summary = ExtractSummary()
    total = pending = _pending_count(con)
    progress.advance("extract", 0, total)
    if (ahead := _ahead_of(con, run_id)) is not None:
        _store(con, run_id, ahead, summary)
        progress.advance("extract", summary.articles, total)
        pending = _pending_count(con)   # what the ingest workers did not extract (older articles, a new version)
    # a few articles (a refresh) are extracted here sooner than new processes could load the gazetteer
    parallel = submit is None and workers > 1 and pending >= MIN_PARALLEL
    if parallel:
        load_extractor()   # here, once: the forked workers inherit it
    pool = worker_pool(workers) if parallel else None   # its workers end with this process
    elsewhere = pool is not None or submit is not None
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
            if meanwhile and elsewhere and queue:
                meanwhile()
                meanwhile = None
            if not queue:
                break
            _store(con, run_id, queue.popleft().result(), summary)
            progress.advance("extract", summary.articles, total)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return summary


# What the ingest workers extracted ahead from the articles this process stored, by run, waiting for the
# run's extract stage (in this process: every stage of a run runs in the process that writes).
_AHEAD: dict[str, list[ExtractedBatch]] = {}


def hand_over(run_id: str, extracted: list[ExtractedBatch], stored: set[str]) -> None:
    """Keep for the run's extract stage what was extracted from the articles just stored (`stored`): an article
    read twice is kept once, and one not stored (a text already in the database) not at all."""
    for batch in extracted:
        kept = [aid for aid in batch.article_ids if aid in stored]
        stored = stored.difference(kept)
        if kept:
            _AHEAD.setdefault(run_id, []).append(_only(batch, kept))


def drop_ahead(run_id: str) -> None:
    """Forget what a run's ingest extracted ahead (its extract stage never came: the run failed before)."""
    _AHEAD.pop(run_id, None)


def _ahead_of(con: duckdb.DuckDBPyConnection, run_id: str) -> ExtractedBatch | None:
    """What the run's ingest extracted ahead, as one batch (stored in one transaction), cut to the articles still
    pending (not superseded meanwhile); None when there is none."""
    ahead = _AHEAD.pop(run_id, [])
    if not ahead:
        return None
    whole = ExtractedBatch([aid for batch in ahead for aid in batch.article_ids],
                           pa.concat_tables([batch.mentions for batch in ahead]),
                           [failure for batch in ahead for failure in batch.failures])
    pending = {aid for (aid,) in con.execute(sql("load/select_pending_ids"), {"version": EXTRACTOR_VERSION}).fetchall()}
    kept = [aid for aid in whole.article_ids if aid in pending]
    return _only(whole, kept) if kept else None


def _only(batch: ExtractedBatch, kept: list[str]) -> ExtractedBatch:
    if len(kept) == len(batch.article_ids):
        return batch
    ids = set(kept)
    column = batch.mentions["article_id"]
    mentions = batch.mentions.filter(pc.is_in(column, pa.array(kept, column.type)))
    return ExtractedBatch(kept, mentions, [(aid, error) for aid, error in batch.failures if aid in ids])


@cache
def load_extractor() -> None:
    """Load what extraction loads on first use (the gazetteer, lazily built patterns, dateparser: 0.3 s and
    70 MB) in this process before it forks workers, which inherit it instead of loading their own: one load
    per process instead of one per worker and run, and a second run in a process (`attrition serve`, the
    benchmark's refresh) forks workers ready to extract."""
    extract_mentions("Islamic State fighters attacked Mosul on Monday, killing five people. Iraqi forces "
                     "retook Tikrit from ISIS in March 2015.", dt.date(2015, 4, 1), "ISIS attack in Mosul")


def _pending_count(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(sql("load/create_pending_articles"))   # which articles are pending: defined once, in SQL
    return con.execute(sql("load/select_pending_count"), {"version": EXTRACTOR_VERSION}).fetchall()[0][0]


def _pending(con: duckdb.DuckDBPyConnection, limit: int, after: str, max_chars: int | None = None) -> list[tuple]:
    """The next pending articles after article id `after` (chunks in flight are not stored yet): at most
    `limit` of them and `max_chars` characters of text (at least one article, however long)."""
    max_chars = BATCH_CHARS if max_chars is None else max_chars
    params = {"version": EXTRACTOR_VERSION, "after": after, "limit": limit}
    con.execute(sql("load/create_pending_articles"))
    sizes = con.execute(sql("load/select_pending_sizes"), params).fetchall()
    if not sizes:
        return []
    last, total = sizes[0][0], 0
    for article_id, n_chars in sizes:
        total += n_chars
        if total > max_chars and article_id != sizes[0][0]:
            break
        last = article_id
    return con.execute(sql("load/select_pending_articles"),
                       {"version": EXTRACTOR_VERSION, "after": after, "last": last}).fetchall()


def extract_batch(batch: list[tuple]) -> ExtractedBatch:
    """Mentions of each (article_id, text, published, title); an article that fails is recorded, not fatal,
    whether it fails in the rules or when its mentions become Arrow rows."""
    rows_of: dict[str, list[dict]] = {}
    failures = []
    for article_id, text, published, title in batch:
        try:
            mentions = extract_mentions(text, published, title)
            rows_of[article_id] = _distinct_ids([mention_row(article_id, m, published) for m in mentions])
        except Exception:   # one article must never stop the run: record it and go on
            failures.append((article_id, traceback.format_exc(limit=3)))
    return ExtractedBatch([row[0] for row in batch], _as_table(rows_of, failures), failures)


def _distinct_ids(rows: list[dict]) -> list[dict]:
    """One trigger opens one loss per town it lists ("retook Makhmour and Gwer"): their sentence and trigger, which
    the id hashes, are the same. The second and later take their number in the id, so that no id repeats (a repeat
    fails the insert, and with it the whole run)."""
    seen: set[str] = set()
    for row in rows:
        base, n = row["mention_id"], 1
        while row["mention_id"] in seen:
            row["mention_id"] = hashlib.sha256(f"{base}|{n}".encode()).hexdigest()[:20]
            n += 1
        seen.add(row["mention_id"])
    return rows


def _as_table(rows_of: dict[str, list[dict]], failures: list[tuple[str, str]]) -> pa.Table:
    """The mentions as one Arrow table; when a value does not fit its column, the batch is converted article
    by article and the articles whose rows do not convert join the failures."""
    try:
        return pa.Table.from_pylist([row for rows in rows_of.values() for row in rows], schema=MENTION_SCHEMA)
    except (pa.ArrowException, OverflowError, TypeError, ValueError):
        pass
    tables = []
    for article_id, rows in rows_of.items():
        try:
            tables.append(pa.Table.from_pylist(rows, schema=MENTION_SCHEMA))
        except (pa.ArrowException, OverflowError, TypeError, ValueError):
            failures.append((article_id, traceback.format_exc(limit=3)))
    return pa.concat_tables(tables) if tables else MENTION_SCHEMA.empty_table()


def mention_row(article_id: str, m: Mention, published: dt.date | None) -> dict:
    place = m.place
    row = {
        "mention_id": mention_id(article_id, m), "article_id": article_id, "kind": m.kind,
        "place": place.name if place else None, "place_as_written": as_written(m),
        "country": place.country if place else None,
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
    return _within_range(row)


def as_written(m: Mention) -> str | None:
    """The town's name as the article spells it ("Jarablus", "al-Hol", "Qayara" for the gazetteer's Jarabulus, Al-Hawl
    and Qayyarah); the gazetteer's name where the words are not a spelling of it ("the French capital", "the
    Bataclan" and "Westminster" stand for Paris and London) or name no town."""
    place, surface = m.place, (m.place_surface or "").strip()
    if place is None or not place.name or not surface or not spelling_of(surface, place.name):
        return place.name if place is not None else None
    return surface


INT32 = range(-(2**31), 2**31)
_TOLLS = {"killed": ("killed", "killed_low", "killed_high"), "injured": ("injured", "injured_low", "injured_high")}


def _within_range(row: dict) -> dict:
    """A toll too large for its column (a serial number or a page of digits read as a count) is refused:
    the toll is left empty with the reason `<field>:out_of_range`, never clamped to a made-up figure."""
    for name, columns in _TOLLS.items():
        if any(row[c] is not None and row[c] not in INT32 for c in columns):
            for column in columns:
                row[column] = None
            row["null_reasons"] = [*row["null_reasons"], f"{name}:out_of_range"]
    return row


def _store(con: duckdb.DuckDBPyConnection, run_id: str, extracted: ExtractedBatch, summary: ExtractSummary) -> None:
    now = dt.datetime.now()
    mentions = extracted.mentions
    failed = dict(extracted.failures)
    done = [aid for aid in extracted.article_ids if aid not in failed]
    with transaction(con):
        con.register("batch_ids", pa.table({"article_id": extracted.article_ids}))
        # re-extraction replaces an article's mentions (and frees their incident links) instead of adding
        con.execute(sql("load/delete_reextracted_links"))
        con.execute(sql("load/delete_reextracted_mentions"))
        con.unregister("batch_ids")
        if mentions.num_rows:
            con.register("new_mentions", mentions)
            con.execute(sql("load/insert_mentions"), {"run_id": run_id})
            con.unregister("new_mentions")
        marks = pa.table({
            "article_id": done + list(failed),
            "version": [EXTRACTOR_VERSION] * len(done) + [f"failed:{EXTRACTOR_VERSION}"] * len(failed),
        })
        con.register("marks", marks)
        con.execute(sql("load/update_extracted_articles"), {"now": now})
        con.unregister("marks")
        for aid, error in failed.items():
            con.execute(sql("load/insert_extraction_failure"), {"run_id": run_id, "article_id": aid,
                        "detail": error.strip().splitlines()[-1][:500], "now": now})
    summary.articles += len(extracted.article_ids)
    summary.mentions += mentions.num_rows
    summary.failed += len(failed)


# A mention row: every column of event_mentions (sql/ddl) but the run, added when stored, and the
# incident, set by the resolve stage.
MENTION_SCHEMA = row_schema("event_mentions", without=("run_id", "incident_id"))
