"""The `attrition` command: run the pipeline, query the database, export events, open reports."""

from __future__ import annotations

import contextlib
import os
import sys
import webbrowser
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from attrition import __version__
from attrition.paths import DEFAULT_DB

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="News articles about the Islamic State in, event data out.")


def console(stderr: bool = False) -> Console:
    """Off a terminal (a pipe, a cron log) lines are never wrapped, so a path stays whole on one line."""
    tty = (sys.stderr if stderr else sys.stdout).isatty()
    return Console(stderr=stderr, soft_wrap=not tty, highlight=False)


def say(label: str, message: object = "", style: str = "bold red") -> None:
    """A message on standard error: the label styled, the message escaped (its "[...]" is text, not markup)."""
    text = f"[{style}]{escape(label)}[/]" + (f" {escape(str(message))}" if message != "" else "")
    console(stderr=True).print(text)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"attrition {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False) -> None:
    """News articles about the Islamic State in, event data out."""


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
        say("config:", error)
        raise typer.Exit(2) from error


class Runner(StrEnum):
    default = "default"
    dask = "dask"


@app.command()
def run(
    sources: Annotated[list[str] | None, typer.Argument(help="Folders or files of articles.")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB database file.", envvar="ATTRITION_DB",
                                            show_default="attrition.duckdb, or the config's")] = None,
    reports: Annotated[Path | None, typer.Option(
        help="Folder for the reports.", show_default="<db name>_reports beside the database")] = None,
    workers: Annotated[int | None, typer.Option(help="Cleaning and extraction processes.",
                                                show_default="one per core, or the config's", min=1)] = None,
    prefect: Annotated[bool, typer.Option(help="Run as a Prefect flow (off: plain functions).")] = True,
    config_file: ConfigOption = None,
    wait: Annotated[float | None, typer.Option(
        help="If another run is writing the database, wait up to this many seconds for it.",
        show_default="0")] = None,
    task_runner: Annotated[Runner, typer.Option(help="Where extraction runs: this machine, or a Dask cluster.")
                           ] = Runner.default,
    dask_address: Annotated[str | None, typer.Option(
        help="tcp://host:port of a Dask scheduler (with --task-runner dask); none: start a local cluster.")] = None,
) -> None:
    """One pipeline run: ingest, extract, validate, resolve incidents, refresh aggregates.

    Without SOURCE arguments the sources of the config file are read. Options given here override the
    config file. Only one run writes a database at a time: a second one exits with a message (code 3),
    or waits with --wait."""
    from attrition.lock import LockBusy
    from attrition.pipeline import RunConfig

    cfg = _load_config(config_file)
    if not sources and not _config_names_sources(config_file):
        say("nothing to read:", "give SOURCE arguments (folders, files, feeds or URLs), e.g. "
            "`attrition run seeds/articles` for the five sample articles, or a config file whose `sources` "
            "lists them: `attrition run --config attrition.toml` (see attrition.toml.example)")
        raise typer.Exit(2)
    limits = cfg.limits
    config = RunConfig.build(db or cfg.db, sources or cfg.sources, reports or cfg.reports,
                             workers or limits.workers, batch_size=limits.batch_size,
                             lock_wait=limits.lock_wait_seconds if wait is None else wait,
                             task_runner=task_runner.value, dask_address=dask_address, analysis=cfg.analysis,
                             full_validation_every_hours=limits.full_validation_every_hours)
    if config.task_runner == "dask" and not prefect:
        say("--task-runner dask runs through Prefect:", "drop --no-prefect")
        raise typer.Exit(2)
    try:
        with _progress_display().running():
            result = _run(config, prefect, limits)
    except LockBusy as error:
        say("not started:", error, "bold yellow")
        raise typer.Exit(3) from error
    except Exception as error:   # the run is recorded as failed; say where and why, and exit non-zero
        from attrition.pipeline import failure

        stage = getattr(error, "attrition_stage", None)
        say("run failed:", failure(error, stage))
        raise typer.Exit(1) from error
    print_summary(result)


@app.command()
def validate(
    all_: Annotated[bool, typer.Option("--all", help="Check every row, not only the new and changed ones.")
                    ] = False,
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB database file.", envvar="ATTRITION_DB",
                                            show_default="attrition.duckdb, or the config's")] = None,
    reports: Annotated[Path | None, typer.Option(help="Folder for the reports.")] = None,
    config_file: ConfigOption = None,
) -> None:
    """Validate now, reading no sources: the rows new or changed since the last validation (every row with
    --all, e.g. after a rule changed), then resolve and refresh the aggregates as a run does."""
    from attrition.pipeline import RunConfig, failure, run_pipeline

    cfg = _load_config(config_file)
    config = RunConfig.build(db or cfg.db, [], reports or cfg.reports, 1, analysis=cfg.analysis,
                             lock_wait=cfg.limits.lock_wait_seconds, full_validation=all_,
                             full_validation_every_hours=cfg.limits.full_validation_every_hours)
    try:
        result = run_pipeline(config)
    except Exception as error:
        say("validation failed:", failure(error, getattr(error, "attrition_stage", None)))
        raise typer.Exit(1) from error
    print_summary(result)


def _run(config, prefect: bool, limits):
    from attrition.pipeline import run_pipeline

    if not prefect:
        return run_pipeline(config)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")   # no network to send it to
    from flows.pipeline import run_flow

    return run_flow(config, retries=limits.retries, retry_delay_seconds=limits.retry_delay_seconds)


def _progress_display():
    """Bars on a terminal; in a log, a plain line every ATTRITION_PROGRESS_SECONDS (5) seconds."""
    from attrition.progress import Bars, LogLines

    if sys.stderr.isatty():
        return Bars(console(stderr=True))
    return LogLines(float(os.environ.get("ATTRITION_PROGRESS_SECONDS", "5")))


def _config_names_sources(config_file: Path | None) -> bool:
    """Whether the config file lists `sources` (its defaults must not stand in for them)."""
    import tomllib

    if config_file is None:
        return False
    try:
        return bool(tomllib.loads(config_file.read_text(encoding="utf-8")).get("sources"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False   # already reported by the config's loader


def print_summary(result) -> None:
    """On a terminal, a table; elsewhere one `key: value` line each, unwrapped, for logs and scripts."""
    from rich.table import Table
    from rich.text import Text

    from attrition.summary import summary_rows

    rows = summary_rows(result)
    if not sys.stdout.isatty():
        for key, value in rows:
            typer.echo(f"{key}: {value}")
        return
    paths = {"report", "validation report"}   # printed whole after the table, so a copy gets the whole path
    table = Table(title="attrition run", show_header=False, box=None)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for key, value in rows:
        if key not in paths:
            table.add_row(Text(key), Text(value))
    out = console()
    out.print(table)
    for key, value in rows:
        if key in paths:
            out.print(Text.assemble((f"{key}: ", "bold"), value), soft_wrap=True)


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


@app.command()
def query(sql: Annotated[str, typer.Argument(help="A read-only SQL query.")], db: DbOption = DEFAULT_DB,
          fmt: Annotated[QueryFormat, typer.Option(
              "--format", help="table (plain text when not on a terminal), csv, json (an array), jsonl or "
              "markdown.")] = QueryFormat.table,
          limit: Annotated[int | None, typer.Option(
              help="Rows to print at most; 0: all. Leaving rows out is always said on standard error.",
              show_default="200 for table and markdown, all for csv and json", min=0)] = None) -> None:
    """Run a read-only SQL query on the database and print the result; values are never cut.

    The query sees only this database: other files, databases, extensions and the network are off."""
    import duckdb

    from attrition.query import RENDER, connect_sandboxed, rich_table, run_query

    if limit is None:
        limit = 200 if fmt in (QueryFormat.table, QueryFormat.markdown) else 0
    try:
        with connect_sandboxed(db) as con:
            result = run_query(con, sql, limit or None)
    except (duckdb.Error, FileNotFoundError) as error:
        say("query failed:", f"{error}{_busy_hint(db, error)}")
        raise typer.Exit(1) from error
    if result is None:
        say("nothing to show:", "the statement returns no rows")
        raise typer.Exit(1)
    try:
        if fmt is QueryFormat.table and sys.stdout.isatty():
            console().print(rich_table(result))
        else:
            sys.stdout.write(RENDER["text" if fmt is QueryFormat.table else fmt.value](result))
            sys.stdout.flush()
    except BrokenPipeError:
        _pipe_closed()
    if result.more:
        say(f"(the first {limit} rows; --limit N for more, --limit 0 for all)", style="yellow")


@app.command()
def shell(db: DbOption = DEFAULT_DB) -> None:
    """An interactive SQL prompt on the database, read-only like `attrition query`. End a statement with
    `;`; `.tables` lists the tables and views; Ctrl-D quits."""
    import duckdb

    from attrition.db import sql
    from attrition.query import RENDER, connect_sandboxed, rich_table, run_query

    try:
        con = connect_sandboxed(db)
    except (duckdb.Error, FileNotFoundError) as error:
        say("cannot open the database:", f"{error}{_busy_hint(db, error)}")
        raise typer.Exit(1) from error
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401 - line editing and history for input()
    interactive = sys.stdin.isatty()
    if interactive:
        console().print(f"attrition {escape(__version__)} read-only SQL on {escape(str(db))}; "
                        "end statements with ;  .tables lists tables  Ctrl-D quits")
    pending: list[str] = []
    with con:
        while True:
            try:
                line = input(("sql> " if not pending else "...> ") if interactive else "")
            except EOFError:
                break
            except KeyboardInterrupt:
                pending = []
                typer.echo("")
                continue
            if not pending and line.strip() in (".quit", ".exit"):
                break
            if not pending and line.strip() == ".tables":
                line = f"{sql('query/select_tables')};"
            pending.append(line)
            statement = "\n".join(pending).strip()
            if not statement.endswith(";"):
                if not statement:
                    pending = []
                continue
            pending = []
            try:
                result = run_query(con, statement, 1000)
            except duckdb.Error as error:
                say("error:", error)
                continue
            if result is None:
                continue
            if interactive:
                console().print(rich_table(result))
            else:
                sys.stdout.write(RENDER["text"](result))
            if result.more:
                say("(the first 1000 rows)", style="yellow")


def _pipe_closed() -> None:
    """The reader of our output went away (`| head`): stop quietly, as command-line tools do."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no second error when Python flushes
    raise typer.Exit(0)


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
    if not _config_names_sources(config_file):
        say("nothing to serve:", f"{config_file} lists no `sources` (folders, files, feeds or URLs to read on "
            "each run); see attrition.toml.example")
        raise typer.Exit(2)
    try:
        serve_deployment(cfg, config_file, with_server=with_server, port=port, server_log=server_log)
    except ServeError as error:
        say("cannot serve:", error)
        raise typer.Exit(2) from error
    except KeyboardInterrupt:
        say("stopped", style="yellow")


class What(StrEnum):
    mentions = "mentions"
    incidents = "incidents"


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"
    acled = "acled"
    gtd = "gtd"


@app.command("export")
def export_cmd(
    what: Annotated[What, typer.Argument(help="mentions or incidents")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.",
                                                show_default="standard output")] = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", help="jsonl, json, csv or parquet; or acled or gtd: incidents laid out as those datasets do "
        "(CSV, or Parquet with -o FILE.parquet).", show_default="from the extension of -o, else jsonl")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write event mentions (the scorer's contract) or incidents, with their database column names; or incidents
    in the layout of ACLED or of the Global Terrorism Database."""
    import duckdb

    from attrition.db import connect
    from attrition.export import ExportError, export, file_type

    try:
        kind = file_type(output, fmt.value if fmt else None)
        with connect(db, read_only=True) as con:
            n = export(con, what.value, output, fmt.value if fmt else None)
    except BrokenPipeError:
        _pipe_closed()
    except (ExportError, duckdb.Error, OSError) as error:
        say("export failed:", f"{error}{_busy_hint(db, error)}")
        raise typer.Exit(1) from error
    if output:
        shape = f" in the {fmt.value.upper()} layout" if fmt in (Format.acled, Format.gtd) else ""
        say(f"wrote {n} {what.value}{shape} to {output} ({kind})", style="green")


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
        say(f"no report yet at {index}:", "run `attrition run` first")
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
    articles: Annotated[Path | None, typer.Option(
        help="meta.jsonl of every annotated article (default: the one beside the gold file); events extracted "
             "from a listed article without gold rows count as false positives.")] = None,
) -> None:
    """Score the extracted mentions against your own gold annotations: precision, recall, F1, dates, tolls."""
    import tempfile

    from attrition import scoring
    from attrition.db import connect
    from attrition.export import export

    if not gold.exists():
        say(f"no gold file at {gold}")
        raise typer.Exit(1)
    with tempfile.TemporaryDirectory() as tmp:
        if pred is None:
            pred = Path(tmp) / "mentions.jsonl"
            with connect(db, read_only=True) as con:
                export(con, "mentions", pred)
        args = ["--gold", str(gold), "--pred", str(pred), "--scope", scope] + (["--errors"] if show_errors else [])
        scoring.main(args + (["--articles", str(articles)] if articles else []))


@app.command()
def explain(
    article: Annotated[str, typer.Argument(help="The article's id (from its metadata or file name) or content hash.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Why each event of one article was extracted, or not: every candidate with the guard that dropped it or the
    rule that kept it, then the events built, with the sentence behind each field."""
    from attrition.db import connect
    from attrition.explain import explain as explain_article
    from attrition.explain import find_article, render

    with connect(db, read_only=True) as con:
        found = find_article(con, article)
    if found is None:
        say(f"no article {article!r} in {db}")
        raise typer.Exit(1)
    article_id, text, published, title = found
    typer.echo(f"article {article_id} ({title or 'untitled'}, published {published or 'unknown'})")
    for line in render(explain_article(text, published, title)):
        typer.echo(line)


@app.command()
def bench(
    articles: Annotated[int | None, typer.Option(help="Generate this many articles [default: 10,000].",
                                                 show_default=False)] = None,
    corpus: Annotated[Path | None, typer.Option(help="Measure this corpus file instead (e.g. a .jsonl.gz).")] = None,
    workers: Annotated[int | None, typer.Option(help="Cleaning and extraction processes.",
                                                show_default="one per core", min=1)] = None,
    json_: Annotated[bool, typer.Option("--json", help="End with one line of JSON.")] = False,
    prefect: Annotated[bool, typer.Option(
        help="Also run the corpus as a Prefect flow to measure its overhead.")] = False,
    seed: Annotated[int, typer.Option(help="Seed of the generated corpus.")] = 1,
) -> None:
    """Benchmark the whole pipeline on a generated corpus with known ground truth, or on a real one."""
    import json

    from attrition.bench.run import format_table, run_bench

    if articles is not None and corpus is not None:
        say("give --articles or --corpus, not both")
        raise typer.Exit(2)
    if articles is None and corpus is None:
        articles = 10_000
    try:
        result = run_bench(articles, corpus, workers, prefect, seed)
    except (ValueError, FileNotFoundError) as error:
        say("bench failed:", error)
        raise typer.Exit(1) from error
    typer.echo(format_table(result))
    if json_:
        typer.echo(json.dumps(result, default=str))


def main() -> None:   # pragma: no cover - console entry point
    sys.exit(app())


if __name__ == "__main__":   # pragma: no cover
    main()
