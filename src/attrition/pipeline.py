"""One pipeline run as plain functions: the Prefect flow in `flows/pipeline.py` calls the same
stages as tasks, and tests and the benchmark call them directly.

Order: ingest -> extract -> validate articles and mentions (quarantine) -> resolve incidents ->
validate incidents -> refresh aggregates. Mentions are validated before they are resolved so a
bad row never reaches an incident, and incidents before the aggregates.

One writer at a time: a run holds the database's writer lock (`attrition.lock`) from start to
finish, so the `runs` rows it finds still 'running' when it starts belong to runs that were killed;
they are marked 'interrupted' and their unfinished work is done by this run (every stage commits in
transactions and picks up what is not done yet).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path

from attrition import db, progress
from attrition.aggregate import AggregateSummary, refresh
from attrition.config import BATCH_SIZE, FULL_VALIDATION_EVERY_HOURS, Analysis, default_workers
from attrition.extract.stage import ExtractSummary, Submit, drop_ahead, extract
from attrition.ingest.stage import IngestSummary, ingest
from attrition.lock import Held, writer_lock
from attrition.report import write_report
from attrition.resolve import ResolveSummary, resolve
from attrition.validate import ValidationSummary, Validator, validate_tables
from attrition.validate import preload as preload_validation

logger = logging.getLogger("attrition")


@dataclass
class RunConfig:
    db_path: Path
    sources: list[str]
    reports_dir: Path
    workers: int = field(default_factory=default_workers)   # processes that clean and extract
    today: dt.date | None = None   # bounds "in the future"; tests pin it
    batch_size: int | None = None  # articles per ingest/extract transaction (None: the stages' default)
    lock_wait: float = 0           # seconds to wait for another run's writer lock before giving up
    task_runner: str = "default"   # "dask": the flow extracts on a Dask cluster (prefect-dask)
    dask_address: str | None = None  # tcp://host:port of a running scheduler; None starts a local cluster
    analysis: Analysis | None = None  # what counts as ISIS's, where the series starts (None: the defaults)
    full_validation: bool = False     # check every row (`attrition validate --all`), not only new and changed ones
    full_validation_every_hours: float = FULL_VALIDATION_EVERY_HOURS   # and when the last full one is older (0: never)

    def __post_init__(self) -> None:
        # a pool of 0 or -3 processes is a typo, not a request: refuse it before anything is opened
        if not isinstance(self.workers, int) or self.workers < 1:
            raise ValueError(f"workers must be a whole number >= 1, not {self.workers!r}")
        if self.batch_size is not None and (not isinstance(self.batch_size, int) or self.batch_size < 1):
            raise ValueError(f"batch_size must be a whole number >= 1, not {self.batch_size!r}")

    @classmethod
    def build(cls, db_path, sources, reports_dir=None, workers: int | None = None, today=None, *,
              batch_size: int | None = None, lock_wait: float = 0, task_runner: str = "default",
              dask_address: str | None = None, analysis=None, full_validation: bool = False,
              full_validation_every_hours: float = FULL_VALIDATION_EVERY_HOURS) -> RunConfig:
        db_path = Path(db_path)
        reports = Path(reports_dir) if reports_dir else default_reports_dir(db_path)
        workers = default_workers() if workers is None else workers
        return cls(db_path, [str(s) for s in sources], reports, workers, today, batch_size, lock_wait,
                   task_runner, dask_address, analysis, full_validation, full_validation_every_hours)


def default_reports_dir(db_path: Path) -> Path:
    """Reports live beside the database: attrition.duckdb -> attrition_reports/."""
    return Path(db_path).with_name(Path(db_path).stem + "_reports")


@dataclass
class RunSummary:
    run_id: str
    ingest: IngestSummary = field(default_factory=IngestSummary)
    extract: ExtractSummary = field(default_factory=ExtractSummary)
    resolve: ResolveSummary = field(default_factory=ResolveSummary)
    validation: ValidationSummary = field(default_factory=ValidationSummary)
    aggregate: AggregateSummary | None = None
    totals: dict = field(default_factory=dict)
    docs_index: str | None = None
    status: str = "running"
    error: str | None = None
    failed_stage: str | None = None
    interrupted: list[str] = field(default_factory=list)   # earlier runs found killed, marked 'interrupted'

    def as_dict(self) -> dict:
        out = asdict(self)
        out["validation"] = {"success": self.validation.success, "quarantined": self.validation.quarantined,
                             "suites": self.validation.line()}
        return out


@contextmanager
def writer(config: RunConfig) -> Iterator[Held]:
    """The database's writer lock, held by one run at a time (waits up to `config.lock_wait` seconds)."""
    with writer_lock(config.db_path, config.lock_wait) as held:
        yield held


def start_run(config: RunConfig, lock: Held | None = None) -> RunSummary:
    """Record the run; call it holding the writer lock, which makes any run still 'running' a killed one."""
    run_id = dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    now = dt.datetime.now()
    try:
        with db.connect(config.db_path) as con, db.transaction(con):
            stale = [r for (r,) in con.execute(db.sql("load/select_running_runs")).fetchall()]
            if stale:
                con.execute(db.sql("load/update_interrupted_runs"), {"now": now})
            con.execute(db.sql("load/insert_run"), {"run_id": run_id, "now": now, "sources": config.sources})
    except Exception as error:   # the first reads of a run are where a damaged file shows: name it
        broken = db.damaged(error, config.db_path)
        if broken is None:
            raise
        raise broken from error
    if lock is not None:
        lock.note(run_id)
    if stale:
        logger.warning("runs %s did not finish (killed?): marked interrupted; this run finishes their work",
                       ", ".join(stale))
    return RunSummary(run_id, interrupted=stale)


def ingest_stage(config: RunConfig, run_id: str) -> IngestSummary:
    """Read, clean and store the sources; whoever cleans an article extracts it too (its text is in hand), for
    the extract stage to store, unless extraction is sent to a Dask cluster."""
    with db.connect(config.db_path) as con:
        return ingest(con, config.sources, run_id, config.today, batch_size=config.batch_size or BATCH_SIZE,
                      workers=config.workers, extract_ahead=config.task_runner != "dask",
                      meanwhile=preload_validation)


def extract_stage(config: RunConfig, run_id: str, submit: Submit | None = None, in_flight: int | None = None
                  ) -> ExtractSummary:
    """Extract pending articles; `submit` sends the work elsewhere (a Dask cluster), this process writes."""
    with db.connect(config.db_path) as con:
        return extract(con, run_id, workers=config.workers, batch_size=config.batch_size or BATCH_SIZE,
                       submit=submit, in_flight=in_flight, meanwhile=preload_validation)


def validate_rows_stage(config: RunConfig, run_id: str, validator: Validator) -> ValidationSummary:
    with db.connect(config.db_path) as con:
        return validate_tables(con, run_id, validator, ["articles", "event_mentions"], **_validation_scope(config))


def resolve_stage(config: RunConfig, run_id: str) -> ResolveSummary:
    with db.connect(config.db_path) as con:
        return resolve(con, run_id)


def validate_incidents_stage(config: RunConfig, run_id: str, validator: Validator) -> ValidationSummary:
    with db.connect(config.db_path) as con:
        return validate_tables(con, run_id, validator, ["incidents"], **_validation_scope(config))


def _validation_scope(config: RunConfig) -> dict:
    return {"full": config.full_validation, "full_every_hours": config.full_validation_every_hours}


def aggregate_stage(config: RunConfig, run_id: str, validator: Validator) -> AggregateSummary:
    """Refresh the models, rebuild the validation report, write the HTML report beside it."""
    with db.connect(config.db_path) as con:
        summary = refresh(con, run_id, validator, config.analysis)
        docs = validator.build_docs()
        summary.report = str(write_report(con, config.reports_dir, docs))
    return summary


def finish_run(config: RunConfig, run: RunSummary, error: BaseException | None = None,
               stage: str | None = None) -> RunSummary:
    """Record how the run ended; a failure names the stage it failed in and why."""
    drop_ahead(run.run_id)
    if run.aggregate and run.aggregate.validation:
        run.validation.results.append(run.aggregate.validation)
    run.docs_index = str(Validator(config.reports_dir).docs_index())
    run.status = "failed" if error else "completed"
    run.failed_stage = stage if error else None
    run.error = failure(error, stage) if error else None
    with db.connect(config.db_path) as con:
        run.totals = totals(con)
        con.execute(db.sql("load/update_finished_run"), {"now": dt.datetime.now(), "status": run.status,
                    "summary": json.dumps(run.as_dict(), default=str), "run_id": run.run_id})
    return run


def totals(con) -> dict:
    cur = con.execute(db.sql("load/select_totals"))
    return dict(zip([d[0] for d in cur.description], cur.fetchall()[0], strict=True))


def mark(error: BaseException, stage: str | None) -> None:
    """Tag the exception with the stage it came from, for the command's message."""
    with suppress(AttributeError, TypeError):
        error.attrition_stage = stage


def failure(error: BaseException, stage: str | None) -> str:
    where = f"stage {stage} failed: " if stage else ""
    return f"{where}{type(error).__name__}: {error}"


@dataclass(frozen=True)
class Stage:
    name: str        # the Prefect task's name, the progress label, the stage a failure names
    function: str    # its plain function in this module (looked up when a run starts, so a test may replace it)
    result: str      # the RunSummary field its summary goes to ("validation": added to the results)
    validates: bool = False   # called as (config, run_id, validator), else (config, run_id)

    def args(self, config: RunConfig, run_id: str, validator: Validator) -> tuple:
        return (config, run_id, validator) if self.validates else (config, run_id)


# The run, in order: the plain run, the Prefect flow (one task per stage) and the benchmark all follow it.
STAGES = (
    Stage("ingest", "ingest_stage", "ingest"),
    Stage("extract", "extract_stage", "extract"),
    Stage("validate-articles-and-mentions", "validate_rows_stage", "validation", validates=True),
    Stage("resolve-incidents", "resolve_stage", "resolve"),
    Stage("validate-incidents", "validate_incidents_stage", "validation", validates=True),
    Stage("refresh-aggregates", "aggregate_stage", "aggregate", validates=True),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)


def plain_steps() -> dict[str, Callable]:
    """The stages by name, as plain functions (looked up now, so a test may replace one)."""
    return {stage.name: globals()[stage.function] for stage in STAGES}


def record(run: RunSummary, stage: Stage, result) -> None:
    """Keep a stage's summary on the run."""
    if stage.result == "validation":
        run.validation.results += result.results
    else:
        setattr(run, stage.result, result)


def run_stages(config: RunConfig, run: RunSummary, validator: Validator, steps: dict[str, Callable]) -> RunSummary:
    """Every stage of STAGES in order, each through `steps` (plain functions, or Prefect tasks); a failure
    is recorded on the run with its stage, and raised again."""
    stage = None
    try:
        for each in STAGES:
            stage = each.name
            record(run, each, progress.announced(stage, steps[stage])(*each.args(config, run.run_id, validator)))
    except BaseException as error:
        broken = db.damaged(error, config.db_path)
        if broken is not None:   # no runs row can be written to a damaged file: say what is wrong with it
            mark(broken, stage)
            raise broken from error
        finish_run(config, run, error, stage)
        mark(error, stage)
        raise
    return finish_run(config, run)


def run_pipeline(config: RunConfig) -> RunSummary:
    """The whole pipeline in this process, without Prefect, holding the writer lock throughout."""
    with writer(config) as lock:
        run = start_run(config, lock)
        try:
            return run_stages(config, run, Validator(config.reports_dir, config.today), plain_steps())
        except BaseException:
            logger.error("attrition run %s: %s", run.run_id, run.error)
            raise
