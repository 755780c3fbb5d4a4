"""`attrition query` and `attrition shell`: the user's SQL on a connection that can only read the database.

`read_only=True` stops writes to the database file, but DuckDB can still reach every other file and
the network: `COPY ... TO` (even over the database itself), `ATTACH ... (READ_WRITE)`, `read_text`,
`glob`, `INSTALL`. External access is therefore disabled and the configuration locked when the
connection opens, so the statement cannot switch it back on.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from attrition.db import CONFIG, damaged

FORMATS = ("table", "csv", "json", "jsonl", "markdown")
SANDBOX = {"enable_external_access": False, "lock_configuration": True}


def connect_sandboxed(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """The database, read-only, with no access to other files, databases, extensions or the network."""
    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"no database at {path}: run `attrition run` first")
    try:
        return duckdb.connect(str(path), read_only=True, config={**CONFIG, **SANDBOX})
    except duckdb.Error as error:
        if found := damaged(error, path):   # say the file is damaged, as every other command does
            raise found from error
        raise


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]
    more: bool   # rows beyond the limit were left out


def run_query(con: duckdb.DuckDBPyConnection, statement: str, limit: int | None) -> Result | None:
    """The statement's rows, at most `limit` (None: all); None when the statement returns no rows."""
    relation = con.sql(statement)
    if relation is None:
        return None
    rows = (relation.limit(limit + 1) if limit is not None else relation).fetchall()
    more = limit is not None and len(rows) > limit
    return Result(list(relation.columns), rows[:limit] if more else rows, more)


def _plain(value) -> object:
    """A value JSON can hold: dates as ISO text, decimals as numbers, lists and structs as they are."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID | bytes | dt.timedelta):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def cell(value) -> str:
    """One value as text, whole: lists and structs as JSON, null as the empty string."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return json.dumps(_plain(value), ensure_ascii=False)
    plain = _plain(value)
    return plain if isinstance(plain, str) else str(plain)


def to_csv(result: Result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([cell(v) for v in row] for row in result.rows)
    return out.getvalue()


def to_jsonl(result: Result) -> str:
    return "".join(json.dumps(dict(zip(result.columns, map(_plain, row), strict=True)), ensure_ascii=False) + "\n"
                   for row in result.rows)


def to_json(result: Result) -> str:
    records = [dict(zip(result.columns, map(_plain, row), strict=True)) for row in result.rows]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _one_line(text: str) -> str:
    """Line breaks would break a row of a text table: shown as the two characters \\n instead."""
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")


def to_markdown(result: Result) -> str:
    def esc(text: str) -> str:
        return _one_line(text).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(esc(c) for c in result.columns) + " |",
             "|" + "|".join("---" for _ in result.columns) + "|"]
    lines += ["| " + " | ".join(esc(cell(v)) for v in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def to_text_table(result: Result) -> str:
    """An aligned plain-text table as wide as its longest values: nothing cut, for logs and pipes."""
    texts = [[_one_line(cell(v)) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(row[i]) for row in texts]) for i, c in enumerate(result.columns)]
    numeric = [_numeric(result, i) for i in range(len(result.columns))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric, strict=True)).rstrip()

    out = [line(list(result.columns)), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in texts]
    return "\n".join(out) + "\n"


def _numeric(result: Result, i: int) -> bool:
    """A column of numbers (and nulls): aligned right."""
    values = [row[i] for row in result.rows if row[i] is not None]
    return bool(values) and all(isinstance(v, int | float | decimal.Decimal) and not isinstance(v, bool)
                                for v in values)


def rich_table(result: Result):
    """A table for the terminal: long values wrap (fold) onto more lines; nothing is cut."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False)
    for i, column in enumerate(result.columns):   # Text, not str: a value such as "[schedule]" is not markup
        table.add_column(Text(column), overflow="fold", justify="right" if _numeric(result, i) else "left")
    for row in result.rows:
        table.add_row(*(Text(cell(v)) for v in row))
    return table


RENDER = {"csv": to_csv, "json": to_json, "jsonl": to_jsonl, "markdown": to_markdown, "text": to_text_table}
