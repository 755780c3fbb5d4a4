"""DuckDB access: connections, the schema from `sql/ddl`, SQL files by name, and transactions.

Opening for writing waits (a bounded time) while another process reads the file: DuckDB lets one
process write, and none while another holds the file, so a run that starts during a query retries
instead of failing. A file DuckDB cannot read as a database is reported as damaged, by name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb

from attrition.paths import SQL_DIR

# DuckDB's page cache may take 80 % of RAM by default; a pipeline that streams batches needs far less,
# and a bounded cache keeps a run's peak memory predictable on a shared machine.
MEMORY_LIMIT = os.environ.get("ATTRITION_DUCKDB_MEMORY", "512MB")
# DuckDB folds its write-ahead log into the file once the log exceeds this. Its default (16 MB) makes
# nearly every batch of articles a checkpoint, which rewrites and recompresses the open row groups:
# 2.5x the commit time on a large ingest, and a larger file. The log is replayed after a crash either way.
CHECKPOINT_THRESHOLD = os.environ.get("ATTRITION_DUCKDB_CHECKPOINT", "256MB")
# DuckDB answers a filter on an indexed column (a primary key) that it expects to match fewer than
# `index_scan_max_count` rows (2,048 by default) by looking each row up in the index and fetching its
# columns one row at a time. For the articles' texts that is ruinous: the extract stage's chunks (2,000
# articles by id range) took 7 ms an article to read (14 s a chunk) against 0.1 s for the same chunk read
# by a scan. Point lookups cost the same either way, so the index is used for constraints only.
INDEX_SCAN_MAX_COUNT = 0
CONFIG = {"memory_limit": MEMORY_LIMIT, "checkpoint_threshold": CHECKPOINT_THRESHOLD,
          "index_scan_max_count": INDEX_SCAN_MAX_COUNT}
# How long opening for writing waits while another process (a reader) holds the file.
OPEN_WAIT_SECONDS = float(os.environ.get("ATTRITION_DB_OPEN_WAIT", "60"))
_HELD_ELSEWHERE = ("Could not set lock", "Conflicting lock")
_DAMAGED = ("Could not read enough bytes", "not a valid DuckDB database", "Corrupt", "checksum", "corrupt",
            "Failed to read database header")


class DatabaseDamaged(duckdb.DatabaseError):
    """The file exists but DuckDB cannot read it as a database: truncated, overwritten or corrupt. A
    duckdb.Error, so every command reports it as one, but not an IOException: retrying cannot mend it."""


@cache
def sql(name: str) -> str:
    """The text of `sql/<name>.sql` (e.g. `models/attacks_vs_losses`)."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def connect(db_path: str | Path, read_only: bool = False, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the database; a writable connection also makes sure the schema exists. Opening for writing
    waits up to `wait` seconds (default OPEN_WAIT_SECONDS) while another process holds the file."""
    path = Path(db_path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no database at {path}: run `attrition run` first")
        return _open(path, read_only=True, wait=0 if wait is None else wait)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=False, wait=OPEN_WAIT_SECONDS if wait is None else wait)
    create_schema(con)
    return con


def _open(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + max(wait, 0)
    delay = 0.1
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=dict(CONFIG))
        except duckdb.Error as error:
            if found := damaged(error, path):
                raise found from error
            if not any(marker in str(error) for marker in _HELD_ELSEWHERE) or time.monotonic() >= deadline:
                raise
        time.sleep(min(delay, max(deadline - time.monotonic(), 0)))
        delay = min(delay * 2, 2.0)


def damaged(error: BaseException, path: str | Path) -> DatabaseDamaged | None:
    """The error as DatabaseDamaged when it says the database file cannot be read as one, else None."""
    if isinstance(error, DatabaseDamaged):
        return error
    message = str(error)
    if isinstance(error, duckdb.Error) and any(marker in message for marker in _DAMAGED):
        return DatabaseDamaged(_damaged_message(Path(path), message))
    return None


def _damaged_message(path: Path, why: str) -> str:
    return (f"{path} is damaged or is not a DuckDB database ({why}). Restore it from a backup, or move it "
            "aside and run again to rebuild it from the sources.")


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Idempotent: every DDL file uses `create ... if not exists`. A database already made from these very
    files (the signature in `schema_state`) is left alone: opening it costs one query, not a statement per
    table and a reload of the reference seed, which wrote to the file at every connection."""
    # reference data lives in every database and follows its seed (imported here: it imports this module)
    from attrition.reference import load_reference_losses, reference_inputs

    ddls = [ddl.read_bytes() for ddl in sorted((SQL_DIR / "ddl").glob("create_*.sql"))]
    signature = hashlib.sha256(b"\x1f".join([*ddls, *reference_inputs()])).hexdigest()
    if _schema_signature(con) == signature:
        return
    for ddl in ddls:
        con.execute(ddl.decode("utf-8"))
    load_reference_losses(con)   # forgets the signature (it may load another seed): the table is empty here
    con.execute(sql("load/insert_schema_state"), {"signature": signature, "now": dt.datetime.now()})


def _schema_signature(con: duckdb.DuckDBPyConnection) -> str | None:
    """The signature the schema was made from; None for a database from before `schema_state`, or never made."""
    try:
        found = con.execute(sql("load/select_schema_state")).fetchall()
    except duckdb.CatalogException:
        return None
    return found[0][0] if len(found) == 1 else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a failure inside rolls every statement back."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
