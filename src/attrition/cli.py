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

from attrition.paths import DEFAULT_DB

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="News articles about the Islamic State in, event data out.")
console = Console()
errors = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.", envvar="ATTRITION_DB")]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="attrition.toml: sources, database, reports, schedule, limits.", envvar="ATTRITION_CONFIG")]


def _load_config(path: Path | None):
    from attrition.config import Config, ConfigError, load

    if path is None:
        return Config()
    try:
        return load(path)
    except ConfigError as error:
        errors.print(f"[bold red]config:[/] {error}")
        raise typer.Exit(2) from error


class Runner(StrEnum):
    default = "default"
    dask = "dask"


@app.command()
def run(
    sources: Annotated[list[str] | None, typer.Argument(help="Folders or files of articles.")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB database file [default: attrition.duckdb].",
                                            envvar="ATTRITION_DB", show_default=False)] = None,
    reports: Annotated[Path | None, typer.Option(help="Folder for validation reports.")] = None,
    workers: Annotated[int | None, typer.Option(help="Extraction processes [default: 1].",
                                                show_default=False)] = None,
    prefect: Annotated[bool, typer.Option(help="Run as a Prefect flow (off: plain functions).")] = True,
    config_file: ConfigOption = None,
    wait: Annotated[float | None, typer.Option(
        help="If another run is writing the database, wait up to this many seconds for it [default: 0].",
        show_default=False)] = None,
    task_runner: Annotated[Runner, typer.Option(help="Where extraction runs: this machine, or a Dask cluster.")
                           ] = Runner.default,
    dask_address: Annotated[str | None, typer.Option(
        help="tcp://host:port of a Dask scheduler (with --task-runner dask); none: start a local cluster.")] = None,
) -> None:
    """One pipeline run: ingest, extract, validate, resolve incidents, refresh aggregates.

    Options given here override the config file. Only one run writes a database at a time: a second
    one exits with a message (code 3), or waits with --wait."""
    from attrition.lock import LockBusy
    from attrition.pipeline import RunConfig, run_pipeline
    from attrition.summary import summary_rows

    cfg = _load_config(config_file)
    limits = cfg.limits
    config = RunConfig.build(db or cfg.db, sources or cfg.sources, reports or cfg.reports,
                             workers or limits.workers, batch_size=limits.batch_size,
                             lock_wait=limits.lock_wait_seconds if wait is None else wait,
                             task_runner=task_runner.value, dask_address=dask_address, analysis=cfg.analysis)
    if config.task_runner == "dask" and not prefect:
        errors.print("[red]--task-runner dask runs through Prefect: drop --no-prefect[/]")
        raise typer.Exit(2)
    try:
        if prefect:
            os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
            os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")   # no network to send it to
            from flows.pipeline import run_flow

            result = run_flow(config, retries=limits.retries, retry_delay_seconds=limits.retry_delay_seconds)
        else:
            result = run_pipeline(config)
    except LockBusy as error:
        errors.print(f"[bold yellow]not started:[/] {error}")
        raise typer.Exit(3) from error
    except Exception as error:   # the run is recorded as failed; say where and why, and exit non-zero
        from attrition.pipeline import failure

        stage = getattr(error, "attrition_stage", None)
        errors.print(f"[bold red]run failed:[/] {failure(error, stage)}")
        raise typer.Exit(1) from error
    table = Table(title="attrition run", show_header=False, box=None)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
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
        with connect(db, read_only=True) as con:
            relation = con.sql(sql)
            if relation is None:
                errors.print("[red]nothing to show:[/] the statement returns no rows")
                raise typer.Exit(1)
            columns = relation.columns
            rows = relation.limit(limit).fetchall()
    except (duckdb.Error, FileNotFoundError) as error:
        errors.print(f"[bold red]query failed:[/] {error}{_busy_hint(db, error)}")
        raise typer.Exit(1) from error
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)
    if len(rows) == limit:
        console.print(f"(first {limit} rows; --limit to see more)")


def _busy_hint(db: Path, error: BaseException) -> str:
    """DuckDB lets one process write a file and nobody else open it meanwhile: say which run it is."""
    from attrition.lock import describe, holder

    if "lock" not in str(error).lower():
        return ""
    info = holder(db)
    return f"\n(the database is being written by {describe(info)}; try again when it finishes)" if info else ""


@app.command()
def serve(
    config_file: Annotated[Path, typer.Option(
        "--config", help="attrition.toml: sources, database, schedule, limits.", envvar="ATTRITION_CONFIG")
    ] = Path("attrition.toml"),
    with_server: Annotated[bool, typer.Option(
        "--with-server", help="Start a local `prefect server` on 127.0.0.1 for this session and stop it on exit "
        "(otherwise PREFECT_API_URL must point at a running server).")] = False,
    port: Annotated[int, typer.Option(help="Port of the --with-server server.")] = 4200,
    server_log: Annotated[Path | None, typer.Option(help="Write the --with-server server's output here.")] = None,
) -> None:
    """Serve the pipeline as a Prefect deployment on the config's schedule, until Ctrl-C or SIGTERM."""
    from attrition.serve import ServeError
    from attrition.serve import serve as serve_deployment

    cfg = _load_config(config_file)
    try:
        serve_deployment(cfg, config_file, with_server=with_server, port=port, server_log=server_log)
    except ServeError as error:
        errors.print(f"[bold red]cannot serve:[/] {error}")
        raise typer.Exit(2) from error
    except KeyboardInterrupt:
        errors.print("stopped")


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
           open_: Annotated[bool, typer.Option("--open", help="Open them in a browser.")] = False) -> None:
    """Print the paths of the validation report (Great Expectations Data Docs) and the attacks-versus-losses
    report, one per line."""
    from attrition.pipeline import default_reports_dir
    from attrition.report import REPORT_NAME
    from attrition.validate import Validator

    folder = reports or default_reports_dir(db)
    index = Validator(folder).docs_index()
    if not index.exists():
        errors.print(f"[red]no report yet at {index}:[/] run `attrition run` first")
        raise typer.Exit(1)
    pages = [index.resolve()] + [p.resolve() for p in [folder / REPORT_NAME] if p.exists()]
    for page in pages:
        typer.echo(str(page))
        if open_:
            webbrowser.open(page.as_uri())


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


@app.command()
def bench(
    articles: Annotated[int | None, typer.Option(help="Generate this many articles [default: 10,000].",
                                                 show_default=False)] = None,
    corpus: Annotated[Path | None, typer.Option(help="Measure this corpus file instead (e.g. a .jsonl.gz).")] = None,
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
    json_: Annotated[bool, typer.Option("--json", help="End with one line of JSON.")] = False,
    prefect: Annotated[bool, typer.Option(
        help="Also run the corpus as a Prefect flow to measure its overhead.")] = False,
    seed: Annotated[int, typer.Option(help="Seed of the generated corpus.")] = 1,
) -> None:
    """Benchmark the whole pipeline on a generated corpus with known ground truth, or on a real one."""
    import json

    from attrition.bench.run import format_table, run_bench

    if articles is not None and corpus is not None:
        errors.print("[red]give --articles or --corpus, not both[/]")
        raise typer.Exit(2)
    if articles is None and corpus is None:
        articles = 10_000
    try:
        result = run_bench(articles, corpus, workers, prefect, seed)
    except (ValueError, FileNotFoundError) as error:
        errors.print(f"[bold red]bench failed:[/] {error}")
        raise typer.Exit(1) from error
    typer.echo(format_table(result))
    if json_:
        typer.echo(json.dumps(result, default=str))


def main() -> None:   # pragma: no cover - console entry point
    sys.exit(app())


if __name__ == "__main__":   # pragma: no cover
    main()
