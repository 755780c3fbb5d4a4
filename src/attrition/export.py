"""Exports for analysts and for the scorer: mentions and incidents as JSON lines, CSV or Parquet."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb

from attrition.db import sql

FORMATS = ("jsonl", "csv", "parquet")


def export(con: duckdb.DuckDBPyConnection, what: str, out: Path | None, fmt: str = "jsonl") -> int:
    """Write `mentions` or `incidents`; `out=None` writes JSON lines to standard output. Returns rows."""
    if what not in ("mentions", "incidents"):
        raise ValueError(f"nothing to export called {what!r}: use mentions or incidents")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    relation = con.sql(sql(f"export/{what}"))
    if fmt == "jsonl":
        table = relation.to_arrow_table()
        with (out.open("w", encoding="utf-8") if out else _stdout()) as fh:
            for row in table.to_pylist():
                fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return table.num_rows
    if out is None:
        raise ValueError(f"--format {fmt} needs -o FILE")
    if fmt == "csv":
        # lists become "a|b" so a spreadsheet shows them in one cell
        relation = con.sql(
            "select * replace (" + ", ".join(
                f"array_to_string({c}, '|') as {c}" for c, t in zip(relation.columns, relation.types, strict=True)
                if str(t).endswith("[]")) + ") from relation"
        ) if any(str(t).endswith("[]") for t in relation.types) else relation
        relation.write_csv(str(out), header=True)
    else:
        relation.write_parquet(str(out))
    return int(con.execute(f"select count(*) from ({sql(f'export/{what}')})").fetchall()[0][0])


class _stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc):
        sys.stdout.flush()
        return False
