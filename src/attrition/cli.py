"""The `attrition` command: run the pipeline, query the database, export events, open reports."""

from __future__ import annotations

import os
import sys
import webbrowser
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from attrition.paths import DEFAULT_DB, SAMPLE_ARTICLES

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="News articles about the Islamic State in, event data out.")
console = Console()
errors = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.", envvar="ATTRITION_DB")]


@app.command()
def run(
    sources: Annotated[list[str] | None, typer.Argument(help="Folders or files of articles.")] = None,
    db: DbOption = DEFAULT_DB,
    reports: Annotated[Path | None, typer.Option(help="Folder for validation reports.")] = None,
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
    prefect: Annotated[bool, typer.Option(help="Run as a Prefect flow (off: plain functions).")] = True,
) -> None:
    """One pipeline run: ingest, extract, validate, resolve incidents, refresh aggregates."""
    from attrition.pipeline import RunConfig, run_pipeline
    from attrition.summary import summary_rows

    config = RunConfig.build(db, sources or [str(SAMPLE_ARTICLES)], reports, workers)
    try:
        if prefect:
            os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
            from flows.pipeline import attrition_pipeline

            result = attrition_pipeline(config)
        else:
            result = run_pipeline(config)
    except Exception as error:   # the run is recorded as failed; say why and exit non-zero
        errors.print(f"[bold red]run failed:[/] {type(error).__name__}: {error}")
        raise typer.Exit(1) from error
    table = Table(title="attrition run", show_header=False, box=None)
    for key, value in summary_rows(result):
        table.add_row(f"[bold]{key}[/]", value)
    console.print(table)


@app.command()
def query(sql: Annotated[str, typer.Argument(help="A read-only SQL query.")], db: DbOption = DEFAULT_DB,
          limit: Annotated[int, typer.Option(help="Rows to print at most.")] = 200) -> None:
    """Run a read-only SQL query on the database and print the result as a table."""
    import duckdb

    from attrition.db import connect

    try:
        con = connect(db, read_only=True)
        relation = con.sql(sql)
        if relation is None:
            errors.print("[red]nothing to show:[/] the statement returns no rows")
            raise typer.Exit(1)
        columns = relation.columns
        rows = relation.limit(limit).fetchall()
    except (duckdb.Error, FileNotFoundError) as error:
        errors.print(f"[bold red]query failed:[/] {error}")
        raise typer.Exit(1) from error
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
    if len(rows) == limit:
        console.print(f"(first {limit} rows; --limit to see more)")


class What(StrEnum):
    mentions = "mentions"
    incidents = "incidents"


class Format(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command("export")
def export_cmd(
    what: Annotated[What, typer.Argument(help="mentions or incidents")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="jsonl, csv or parquet")] = Format.jsonl,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write event mentions (the scorer's contract) or incidents as JSON lines, CSV or Parquet."""
    from attrition.db import connect
    from attrition.export import export

    try:
        with connect(db, read_only=True) as con:
            n = export(con, what.value, output, fmt.value)
    except (ValueError, FileNotFoundError) as error:
        errors.print(f"[bold red]export failed:[/] {error}")
        raise typer.Exit(1) from error
    if output:
        errors.print(f"wrote {n} {what.value} to {output}")


@app.command()
def report(db: DbOption = DEFAULT_DB,
           reports: Annotated[Path | None, typer.Option(help="Folder of validation reports.")] = None,
           open_: Annotated[bool, typer.Option("--open", help="Open it in a browser.")] = False) -> None:
    """Print the path of the validation report (Great Expectations Data Docs)."""
    from attrition.pipeline import default_reports_dir
    from attrition.validate import Validator

    index = Validator(reports or default_reports_dir(db)).docs_index()
    if not index.exists():
        errors.print(f"[red]no report yet at {index}:[/] run `attrition run` first")
        raise typer.Exit(1)
    typer.echo(str(index.resolve()))
    if open_:
        webbrowser.open(index.resolve().as_uri())


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Gold annotations, one JSON object per event (the dev gold format).")],
    db: DbOption = DEFAULT_DB,
    pred: Annotated[Path | None, typer.Option(help="Score this mentions export instead of the database.")] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List misses, false positives, wrong fields.")] = False,
    scope: Annotated[str, typer.Option(help="isis (default) or all.")] = "isis",
) -> None:
    """Score the extracted mentions against your own gold annotations: precision, recall, F1, dates, tolls."""
    import tempfile

    from attrition import scoring
    from attrition.db import connect
    from attrition.export import export

    if not gold.exists():
        errors.print(f"[red]no gold file at {gold}[/]")
        raise typer.Exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        if pred is None:
            pred = Path(tmp) / "mentions.jsonl"
            with connect(db, read_only=True) as con:
                export(con, "mentions", pred)
        args = ["--gold", str(gold), "--pred", str(pred), "--scope", scope] + (["--errors"] if show_errors else [])
        scoring.main(args)


def main() -> None:   # pragma: no cover - console entry point
    sys.exit(app())


if __name__ == "__main__":   # pragma: no cover
    main()
