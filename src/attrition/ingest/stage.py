"""The ingest stage: read sources, clean, identify, store articles, their sources and rejects.

Identity: an article is its normalised text (content hash); the same text from a second input is
the same article, and that input is recorded in `article_sources`. A different text at the
canonical URL of a stored article is a new version of it: the new row is stored and the old one
marked superseded, which takes its mentions out of incidents and aggregates.

Batches are written one transaction each, so an interrupted run leaves whole batches behind and
the next run carries on: an article already stored is recognised by its hash and skipped. A batch
is bounded in bytes as well as in articles, so a run of huge articles never has to fit in memory (or
in DuckDB's memory limit) at once. A reject already recorded (same input, reason and detail) is not
recorded again: re-reading a folder, or finishing a killed run's work, adds no duplicate rows.

Extraction ahead: the workers that clean an article hold its text, so they can extract it too; the
mentions of the articles a batch stores are handed to the extract stage of the same run, which stores
them instead of reading the texts back from the database and sending them to workers again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from attrition import progress
from attrition.children import worker_pool
from attrition.config import BATCH_SIZE
from attrition.db import sql, transaction
from attrition.extract.stage import ExtractedBatch, extract_batch, hand_over, load_extractor
from attrition.ingest.clean import clean_text, content_hash
from attrition.ingest.datelines import dateline_date
from attrition.ingest.decode import SHORT_CHARS
from attrition.ingest.fetch import FetchConfig
from attrition.ingest.identity import canonical_url
from attrition.ingest.published import parse_published
from attrition.ingest.readers import ReadContext, parse_line, read_sources
from attrition.ingest.records import RawArticle, RawLine, Reject, Seen
from attrition.tables import row_schema

BATCH_BYTES = 64_000_000   # characters of text (and raw HTML) per batch, whatever the article count
# Recorded in ingest_rejects, but the article itself was kept: not counted as rejected.
FLAGS = frozenset({"bad_published_date", "encoding_guessed", "invalid_utf8", "short_text"})


@dataclass
class IngestSummary:
    new: int = 0
    seen: int = 0
    rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)
    versions: int = 0            # new articles that superseded an older version at the same URL
    sources_added: int = 0       # inputs recorded as one more source of an article already stored
    published_how: dict[str, int] = field(default_factory=dict)

    def add(self, other: IngestSummary) -> None:
        self.new += other.new
        self.seen += other.seen
        self.rejected += other.rejected
        self.versions += other.versions
        self.sources_added += other.sources_added
        self.count_reasons(other.reject_reasons)
        for how, n in other.published_how.items():
            self.published_how[how] = self.published_how.get(how, 0) + n

    def count_reasons(self, reasons) -> None:
        """Add reasons: a mapping of counts, or an iterable of reason codes."""
        items = reasons.items() if isinstance(reasons, dict) else ((r, 1) for r in reasons)
        for reason, n in items:
            self.reject_reasons[reason] = self.reject_reasons.get(reason, 0) + n


def ingest(con: duckdb.DuckDBPyConnection, sources: list[str | Path], run_id: str,
           today: dt.date | None = None, batch_size: int = BATCH_SIZE, *,
           fetch_config: FetchConfig | None = None, workers: int = 1,
           batch_bytes: int = BATCH_BYTES, extract_ahead: bool = False,
           meanwhile: Callable[[], None] | None = None) -> IngestSummary:
    """Read, clean and store; with `workers` > 1 the parsing of JSON lines and the cleaning run in worker
    processes while this process reads the next batch and stores the previous one (one writer). With
    `extract_ahead` whoever prepares the articles extracts them too (see the module's note). `meanwhile` is
    work for this process once the workers are forked, called only if they are."""
    summary = IngestSummary()
    context = ReadContext(fetch=fetch_config or FetchConfig(), today=today,
                          known_url=lambda url: _url_known(con, url), lines_unparsed=True)
    pool = worker_pool(workers) if workers > 1 else None   # its workers end with this process
    if extract_ahead:
        _STORED.update(aid for (aid,) in con.execute(sql("load/select_article_ids")).fetchall())
        if pool:
            load_extractor()   # before the workers fork: they inherit it, and _STORED
    waiting = None   # the batch whose articles the workers are preparing, and its time
    try:
        for batch in _batches(progress.counted("ingest", read_sources(sources, context)), batch_size, batch_bytes):
            now = dt.datetime.now()
            prepared, forked = _submit_prepare(batch, run_id, now, today, pool, workers, extract_ahead)
            if meanwhile and forked:
                meanwhile()
                meanwhile = None
            if waiting:
                summary.add(store_batch(con, waiting[0], waiting[1], run_id, waiting[2]))
            waiting = (batch, prepared, now)
        if waiting:
            summary.add(store_batch(con, waiting[0], waiting[1], run_id, waiting[2]))
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
        _STORED.clear()
    return summary


# The ids of the articles stored before an ingest with extraction ahead began: a text read again is cleaned (to
# know it) but not extracted again. Filled before the workers fork, who inherit it.
_STORED: set[str] = set()


def store_batch(con: duckdb.DuckDBPyConnection, batch: list[RawArticle | RawLine | Reject | Seen],
                prepared: Callable[[], Chunks], run_id: str, now: dt.datetime) -> IngestSummary:
    """Store one batch in one transaction; `prepared()` gives each article's (or unparsed line's) source, row and
    rejects, and what was extracted from them ahead (handed to the extract stage once the batch is stored)."""
    summary = IngestSummary()
    rows: dict[str, dict] = {}
    links: list[dict] = []           # article_sources rows
    rejects: list[Reject] = [item for item in batch if isinstance(item, Reject)]
    chunks = prepared()
    for source, row, problems in (each for entries, _ in chunks for each in entries):
        rejects.extend(problems)
        if row is None:
            continue
        links.append(_link(row["article_id"], source, run_id, now))
        if row["content_hash"] in rows:
            summary.seen += 1
        else:
            rows[row["content_hash"]] = row
    known = _known_hashes(con, list(rows))
    summary.seen += len(known)
    fresh = [row for digest, row in rows.items() if digest not in known]
    supersede = _assign_versions(con, fresh, now)
    seen_links = _seen_links(con, [item for item in batch if isinstance(item, Seen)], run_id, now)
    summary.seen += len(seen_links)
    links += seen_links
    with transaction(con):
        if fresh:
            con.register("new_rows", pa.Table.from_pylist(fresh, schema=ARTICLE_SCHEMA))
            con.execute(sql("load/insert_articles"))
            con.unregister("new_rows")
        if supersede:
            con.register("superseded", pa.Table.from_pylist(supersede, schema=SUPERSEDE_SCHEMA))
            con.execute(sql("load/update_superseded_articles"))
            con.unregister("superseded")
        if links:
            before = con.execute(sql("load/select_article_sources_count")).fetchall()[0][0]
            con.register("new_links", pa.Table.from_pylist(links, schema=SOURCE_SCHEMA))
            con.execute(sql("load/insert_article_sources"))
            con.unregister("new_links")
            added = con.execute(sql("load/select_article_sources_count")).fetchall()[0][0] - before
            summary.sources_added = max(0, added - len(fresh))
        if rejects:
            reject_rows = [{"run_id": run_id, "origin": r.origin, "external_id": r.external_id,
                            "reason": r.reason, "detail": r.detail, "rejected_at": now} for r in rejects]
            con.register("new_rejects", pa.Table.from_pylist(reject_rows, schema=REJECT_SCHEMA))
            con.execute(sql("load/insert_ingest_rejects"))
            con.unregister("new_rejects")
    hand_over(run_id, [ahead for _, ahead in chunks if ahead is not None], {row["article_id"] for row in fresh})
    summary.new = len(fresh)
    summary.versions = sum(1 for row in fresh if row["supersedes"])
    for row in fresh:
        summary.published_how[row["published_how"]] = summary.published_how.get(row["published_how"], 0) + 1
    # A bad publication date is recorded as a reject of the date, not of the article.
    summary.rejected = sum(1 for r in rejects if r.reason not in FLAGS)
    summary.count_reasons(r.reason for r in rejects)
    return summary


# An article's source (the article_sources fields it was read with; None when nothing was kept), its row (None when
# nothing is stored) and its rejects.
Prepared = tuple[dict | None, dict | None, list[Reject]]
# A chunk's Prepared entries, in order, and the mentions extracted ahead from its rows (None: not asked to).
Chunks = list[tuple[list[Prepared], ExtractedBatch | None]]


def _submit_prepare(batch: list, run_id: str, now: dt.datetime, today: dt.date | None,
                    pool: ProcessPoolExecutor | None, workers: int, extract_ahead: bool = False
                    ) -> tuple[Callable[[], Chunks], bool]:
    """Start `prepare` on the batch's articles and unparsed lines: here and now, or in contiguous chunks on the pool.
    Returns what gives the chunks' results, in order (waiting for the workers if need be), and whether the pool
    has them."""
    entries = [item for item in batch if isinstance(item, RawArticle | RawLine)]
    if pool is None or len(entries) < 2 * workers:
        done = [_prepare_chunk(entries, run_id, now, today, extract_ahead)]
        return (lambda: done), False

    def here() -> Chunks:
        """A worker died (killed for memory, a crash in C code, maybe in extraction): the batch is cleaned here,
        and its extraction left to the extract stage, where such a crash stops the run with the articles stored."""
        return [_prepare_chunk(entries, run_id, now, today)]

    size = -(-len(entries) // workers)
    try:
        futures = [pool.submit(_prepare_chunk, entries[i:i + size], run_id, now, today, extract_ahead)
                   for i in range(0, len(entries), size)]
    except BrokenProcessPool:
        return here, False

    def results() -> Chunks:
        try:
            return [future.result() for future in futures]
        except BrokenProcessPool:
            return here()

    return results, True


def _prepare_chunk(items: list[RawArticle | RawLine], run_id: str, now: dt.datetime, today: dt.date | None,
                   extract_ahead: bool = False) -> tuple[list[Prepared], ExtractedBatch | None]:
    out = []
    for item in items:
        parsed = parse_line(item, today) if isinstance(item, RawLine) else [item]
        rejects = [r for r in parsed if isinstance(r, Reject)]
        article = next((a for a in parsed if isinstance(a, RawArticle)), None)
        if article is None:
            out.append((None, None, rejects))
            continue
        row, problems = prepare(article, run_id, now, today)
        out.append((_source(article), row, rejects + problems))
    if not extract_ahead:
        return out, None
    rows: dict[str, dict] = {}
    for _, row, _ in out:   # a text read twice is extracted once, as stored: its first reading
        if row is not None and row["article_id"] not in _STORED:
            rows.setdefault(row["article_id"], row)
    return out, extract_batch([(aid, row["text"], row["published"], row["title"]) for aid, row in rows.items()])


def prepare(item: RawArticle, run_id: str, now: dt.datetime,
            today: dt.date | None = None) -> tuple[dict | None, list[Reject]]:
    """An article row, plus rejects for what was wrong with it; no row when nothing is left."""
    text = clean_text(item.text, item.title)
    if not text.strip():
        return None, [Reject(item.origin, "no_prose", "nothing left once page boilerplate was removed",
                             item.external_id)]
    problems = []
    if len(text) < SHORT_CHARS:   # kept: a wire brief or an alert is a report; a teaser may not be
        problems.append(Reject(item.origin, "short_text", f"{len(text)} characters once cleaned: a brief, an "
                                                          "alert or a teaser; kept", item.external_id))
    published, how = resolve_published(item, text, today, problems)
    digest = content_hash(text)
    return {
        "article_id": digest[:16], "external_id": item.external_id, "content_hash": digest,
        "source": item.source, "title": item.title, "url": item.url, "canonical_url": canonical_url(item.url),
        "published": published, "published_how": how, "published_raw": item.published_raw,
        "origin": item.origin, "raw_format": "html" if item.raw is not None else "text",
        "raw_text": item.raw if item.raw is not None else item.text, "text": text, "n_chars": len(text),
        "version": 1, "supersedes": None, "ingested_run": run_id, "ingested_at": now,
    }, problems


def resolve_published(item: RawArticle, text: str, today: dt.date | None,
                      problems: list[Reject]) -> tuple[dt.date | None, str]:
    """Metadata first, then the page's own markup, then the dateline opening the text; else missing.

    A refused metadata date is recorded (`bad_published_date`) and the next source is tried."""
    published, reason = parse_published(item.published_raw, today)
    if reason:
        problems.append(Reject(item.origin, "bad_published_date", f"{reason}; article kept without it",
                               item.external_id))
    if published:
        return published, "metadata"
    if item.page_published:
        published, _ = parse_published(item.page_published, today)
        if published:
            return published, "html"
    published = dateline_date(text, today)
    if published:
        return published, "dateline"
    return None, "missing"


def _assign_versions(con: duckdb.DuckDBPyConnection, fresh: list[dict], now: dt.datetime) -> list[dict]:
    """Number the new rows that share a canonical URL with a stored (or earlier new) live version; return
    the superseded rows to mark."""
    urls = sorted({row["canonical_url"] for row in fresh if row["canonical_url"]})
    if not urls:
        return []
    con.register("candidate_urls", pa.table({"canonical_url": urls}))
    live = {url: (article_id, version)
            for url, article_id, version in con.execute(sql("load/select_live_versions")).fetchall()}
    con.unregister("candidate_urls")
    stored = {article_id for article_id, _ in live.values()}
    supersede = []
    for row in fresh:
        url = row["canonical_url"]
        if not url:
            continue
        if url in live:
            old_id, old_version = live[url]
            row["version"], row["supersedes"] = old_version + 1, old_id
            if old_id in stored:
                supersede.append({"article_id": old_id, "superseded_by": row["article_id"], "superseded_at": now})
            else:   # an earlier row of this batch: not stored yet, mark it before insertion
                previous = next(r for r in fresh if r["article_id"] == old_id)
                previous["superseded_by"], previous["superseded_at"] = row["article_id"], now
        live[url] = (row["article_id"], row["version"])
    return supersede


def _source(item: RawArticle | Seen) -> dict:
    """The article_sources fields of the input an article was read from (or a feed entry seen again)."""
    return {"origin": item.origin, "external_id": item.external_id, "source": item.source, "url": item.url,
            "feed": item.feed}


def _link(article_id: str, source: dict, run_id: str, now: dt.datetime) -> dict:
    return {"article_id": article_id, **source, "first_run": run_id, "first_seen_at": now}


def _seen_links(con: duckdb.DuckDBPyConnection, seen: list[Seen], run_id: str, now: dt.datetime) -> list[dict]:
    out = []
    for item in seen:
        found = con.execute(sql("load/select_seen_article"),
                            {"canonical_url": canonical_url(item.url), "url": item.url}).fetchall()
        if found:
            out.append(_link(found[0][0], _source(item), run_id, now))
    return out


def _url_known(con: duckdb.DuckDBPyConnection, url: str) -> bool:
    """Is the article at this URL stored: by its canonical URL, or as the page once fetched from it?"""
    return bool(con.execute(sql("load/select_url_known"), {"canonical_url": canonical_url(url), "url": url}).fetchall())


def _known_hashes(con: duckdb.DuckDBPyConnection, digests: list[str]) -> set[str]:
    if not digests:
        return set()
    con.register("candidate_hashes", pa.table({"content_hash": digests}))
    found = con.execute(sql("load/select_known_hashes")).fetchall()
    con.unregister("candidate_hashes")
    return {digest for (digest,) in found}


def _batches(items: Iterable, size: int, max_bytes: int = BATCH_BYTES) -> Iterator[list]:
    """Lists of at most `size` items whose articles hold at most `max_bytes` characters (one more
    article when the first alone is larger)."""
    batch: list = []
    weight = 0
    for item in items:
        if isinstance(item, RawArticle | RawLine):
            item_weight = len(item.line) if isinstance(item, RawLine) else len(item.text) + len(item.raw or "")
            if batch and weight + item_weight > max_bytes:
                yield batch
                batch, weight = [], 0
            weight += item_weight
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch, weight = [], 0
    if batch:
        yield batch


# Row schemas read from the tables' DDL (sql/ddl): an article row has every column but the extractor's
# marks (and names_isis, the aggregate stage's); its texts are large strings (a batch may hold 64 MB of
# text, and raw HTML besides).
ARTICLE_SCHEMA = row_schema("articles", without=("extracted_version", "extracted_at", "names_isis"),
                            large=("raw_text", "text"))
SUPERSEDE_SCHEMA = row_schema("articles", only=("article_id", "superseded_by", "superseded_at"))
SOURCE_SCHEMA = row_schema("article_sources")
REJECT_SCHEMA = row_schema("ingest_rejects")
