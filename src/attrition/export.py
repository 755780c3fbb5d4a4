"""Exports for analysts and for the scorer: mentions and incidents as JSON lines, CSV or Parquet, and
incidents in the shape of ACLED and of the Global Terrorism Database.

The file type follows `fmt`, else the output file's extension, else JSON lines. Columns keep their
database names and types (dates are DATE in Parquet, ISO text in CSV and JSON; JSON is compact, one
object a line in JSON lines).
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pyarrow as pa

from attrition.db import sql

WHAT = ("mentions", "incidents")
FILE_TYPES = ("jsonl", "json", "csv", "parquet")
SHAPES = ("acled", "gtd")             # incidents laid out as those datasets lay out theirs; CSV unless -o says
FORMATS = FILE_TYPES + SHAPES
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".parquet": "parquet",
              ".pq": "parquet"}


class ExportError(ValueError):
    """What was asked cannot be exported as asked (an unknown format, a shape for the wrong rows)."""


def file_type(out: Path | None, fmt: str | None) -> str:
    """jsonl, json, csv or parquet: `fmt` when it is one, else the extension of `out`."""
    if fmt in FILE_TYPES:
        return fmt
    if fmt is not None and fmt not in SHAPES:
        raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if out is None:
        return "csv" if fmt in SHAPES else "jsonl"
    suffix = out.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if fmt in SHAPES:
        return "csv"
    raise ExportError(f"cannot tell the format of {out.name} from its extension: name it .jsonl, .json, .csv or "
                      f".parquet, or give --format")


def export(con: duckdb.DuckDBPyConnection, what: str, out: Path | None, fmt: str | None = None) -> int:
    """Write `mentions` or `incidents` (`fmt` acled or gtd: incidents in that shape) to `out`, or to standard
    output when `out` is None (not Parquet). Returns the number of rows written."""
    if what not in WHAT:
        raise ExportError(f"nothing to export called {what!r}: use {' or '.join(WHAT)}")
    if fmt in SHAPES and what != "incidents":
        raise ExportError(f"--format {fmt} lays out incidents: `attrition export incidents --format {fmt}`")
    kind = file_type(out, fmt)
    if kind == "parquet" and out is None:
        raise ExportError("Parquet is binary: give -o FILE.parquet")
    relation = rows(con, fmt if fmt in SHAPES else what)
    if kind == "parquet":
        relation.write_parquet(str(out))
        return _count(relation)
    if kind == "csv":
        # a list becomes "a|b": one cell in a spreadsheet
        lists = [c for c, t in zip(relation.columns, relation.types, strict=True) if str(t).endswith("[]")]
        flat = relation.project(", ".join(
            f"array_to_string({_quote(c)}, '|') as {_quote(c)}" if c in lists else _quote(c)
            for c in relation.columns)) if lists else relation
        if out is not None:
            flat.write_csv(str(out), header=True)
            return _count(relation)
        from attrition.query import Result, to_csv

        records = flat.fetchall()
        sys.stdout.write(to_csv(Result(list(flat.columns), records, more=False)))
        sys.stdout.flush()
        return len(records)
    return _write_json(relation.to_arrow_table(), out, lines=kind == "jsonl")


def _write_json(table: pa.Table, out: Path | None, lines: bool) -> int:
    """JSON lines, or one JSON array, written by polars: the same values in the same order as a Python dict
    per row through `json`, 1.6 to 2.6 times as fast on 30,000 rows and more (BENCHMARKS.md, "polars")."""
    import polars as pl  # only JSON needs it: CSV and Parquet exports skip its import (0.15 s)

    frame = pl.from_arrow(table)
    text = frame.write_ndjson() if lines else frame.write_json() + "\n"
    with (out.open("w", encoding="utf-8") if out else _stdout()) as fh:
        fh.write(text)
    return frame.height


def rows(con: duckdb.DuckDBPyConnection, name: str) -> duckdb.DuckDBPyRelation:
    """The rows of one export (`sql/export/<name>.sql`), with the relations its SQL reads."""
    con.register("country_names", country_names())
    if name in SHAPES:
        con.execute("create or replace temp view export_incidents as " + sql("export/incidents"))
    return con.sql(sql(f"export/{name}"))


def country_names() -> pa.Table:
    """ISO 3166-1 alpha-2 code -> the country's usual name ("Syria", not "Syrian Arab Republic") and number."""
    import pycountry

    codes, names, numbers = [], [], []
    for country in pycountry.countries:
        codes.append(country.alpha_2)
        names.append(getattr(country, "common_name", None) or country.name)
        numbers.append(int(country.numeric))
    codes.append("XK")   # Kosovo: a user-assigned code, used by news gazetteers, not in ISO 3166
    names.append("Kosovo")
    numbers.append(None)
    return pa.table({"country": codes, "country_name": names,
                     "iso_numeric": pa.array(numbers, pa.int32())})


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count(relation: duckdb.DuckDBPyRelation) -> int:
    return int(relation.aggregate("count(*)").fetchall()[0][0])


class _stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc):
        sys.stdout.flush()
        return False
