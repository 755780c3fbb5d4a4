"""Each table's shape, as its DDL in `sql/ddl/` says: the Arrow schemas that rows are built with are
read from the table itself (created in an in-memory DuckDB), never written out again in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import duckdb
import pyarrow as pa

from attrition.paths import SQL_DIR


@cache
def table_schema(table: str) -> pa.Schema:
    """The Arrow schema of `table`, from `sql/ddl/create_<table>.sql` (read once per process)."""
    with duckdb.connect() as con:
        con.execute((SQL_DIR / "ddl" / f"create_{table}.sql").read_text(encoding="utf-8"))
        return con.sql(f"select * from {table} limit 0").to_arrow_table().schema


def row_schema(table: str, *, only: Iterable[str] | None = None, without: Iterable[str] = (),
               large: Iterable[str] = ()) -> pa.Schema:
    """The schema of rows for `table`: its columns (`only` these, in this order, or all but `without`), with
    the `large` ones as large strings (a batch of whole articles may pass 2 GB of text)."""
    schema = table_schema(table)
    names = list(only) if only is not None else [n for n in schema.names if n not in set(without)]
    large = set(large)
    fields = [schema.field(name) for name in names]   # KeyError: not a column of the table
    return pa.schema([f.with_type(pa.large_string()) if f.name in large else f for f in fields])
