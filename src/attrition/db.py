"""DuckDB access: connections, the schema from `sql/ddl`, SQL files by name, and transactions."""

from __future__ import annotations

import os
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
CONFIG = {"memory_limit": MEMORY_LIMIT, "checkpoint_threshold": CHECKPOINT_THRESHOLD}


@cache
def sql(name: str) -> str:
    """The text of `sql/<name>.sql` (e.g. `models/attacks_vs_losses`)."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def connect(db_path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database; a writable connection also makes sure the schema exists."""
    path = Path(db_path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no database at {path}: run `attrition run` first")
        return duckdb.connect(str(path), read_only=True, config=dict(CONFIG))
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), config=dict(CONFIG))
    create_schema(con)
    return con


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Idempotent: every DDL file uses `create ... if not exists`."""
    for ddl in sorted((SQL_DIR / "ddl").glob("create_*.sql")):
        con.execute(ddl.read_text(encoding="utf-8"))
    # reference data lives in every database and follows its seed (imported here: it imports this module)
    from attrition.reference import load_reference_losses

    load_reference_losses(con)


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
