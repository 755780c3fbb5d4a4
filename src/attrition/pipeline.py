"""One pipeline run as plain functions: the Prefect flow in `flows/pipeline.py` calls the same
stages as tasks, and tests and the benchmark call them directly.

Order: ingest -> extract -> validate articles and mentions (quarantine) -> resolve incidents ->
validate incidents -> refresh aggregates. Mentions are validated before they are resolved so a
bad row never reaches an incident, and incidents before the aggregates.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from attrition import db
from attrition.aggregate import AggregateSummary, refresh
from attrition.extract.stage import ExtractSummary, extract
from attrition.ingest.stage import IngestSummary, ingest
from attrition.resolve import ResolveSummary, resolve
from attrition.validate import ValidationSummary, Validator, validate_tables


@dataclass
class RunConfig:
    db_path: Path
    sources: list[str]
    reports_dir: Path
    workers: int = 1
    today: dt.date | None = None   # bounds "in the future"; tests pin it

    @classmethod
    def build(cls, db_path, sources, reports_dir=None, workers: int = 1, today=None) -> RunConfig:
        db_path = Path(db_path)
        reports = Path(reports_dir) if reports_dir else default_reports_dir(db_path)
        return cls(db_path, [str(s) for s in sources], reports, workers, today)


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

    def as_dict(self) -> dict:
        out = asdict(self)
        out["validation"] = {"success": self.validation.success, "quarantined": self.validation.quarantined,
                             "suites": self.validation.line()}
        return out


def start_run(config: RunConfig) -> RunSummary:
    run_id = dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    with db.connect(config.db_path) as con:
        con.execute("insert into runs values (?, ?, null, 'running', ?, null)",
                    [run_id, dt.datetime.now(), config.sources])
    return RunSummary(run_id)


def ingest_stage(config: RunConfig, run_id: str) -> IngestSummary:
    with db.connect(config.db_path) as con:
        return ingest(con, config.sources, run_id, config.today)


def extract_stage(config: RunConfig, run_id: str) -> ExtractSummary:
    with db.connect(config.db_path) as con:
        return extract(con, run_id, workers=config.workers)


def validate_rows_stage(config: RunConfig, run_id: str, validator: Validator) -> ValidationSummary:
    with db.connect(config.db_path) as con:
        return validate_tables(con, run_id, validator, ["articles", "event_mentions"])


def resolve_stage(config: RunConfig, run_id: str) -> ResolveSummary:
    with db.connect(config.db_path) as con:
        return resolve(con, run_id)


def validate_incidents_stage(config: RunConfig, run_id: str, validator: Validator) -> ValidationSummary:
    with db.connect(config.db_path) as con:
        return validate_tables(con, run_id, validator, ["incidents"])


def aggregate_stage(config: RunConfig, run_id: str, validator: Validator) -> AggregateSummary:
    with db.connect(config.db_path) as con:
        summary = refresh(con, run_id, validator)
    validator.build_docs()
    return summary


def finish_run(config: RunConfig, run: RunSummary, error: BaseException | None = None) -> RunSummary:
    if run.aggregate and run.aggregate.validation:
        run.validation.results.append(run.aggregate.validation)
    run.docs_index = str(Validator(config.reports_dir).docs_index())
    run.status = "failed" if error else "completed"
    run.error = f"{type(error).__name__}: {error}" if error else None
    with db.connect(config.db_path) as con:
        run.totals = totals(con)
        con.execute("update runs set finished_at = ?, status = ?, summary = ? where run_id = ?",
                    [dt.datetime.now(), run.status, json.dumps(run.as_dict(), default=str), run.run_id])
    return run


def totals(con) -> dict:
    row = con.execute(
        "select (select count(*) from articles), (select count(*) from event_mentions), "
        "(select count(*) from incidents), (select count(*) from quarantine), "
        "(select count(*) from ingest_rejects)").fetchall()[0]
    return dict(zip(("articles", "mentions", "incidents", "quarantined", "rejects"), row, strict=True))


def run_pipeline(config: RunConfig) -> RunSummary:
    """The whole pipeline in this process, without Prefect."""
    run = start_run(config)
    validator = Validator(config.reports_dir, config.today)
    try:
        run.ingest = ingest_stage(config, run.run_id)
        run.extract = extract_stage(config, run.run_id)
        run.validation.results += validate_rows_stage(config, run.run_id, validator).results
        run.resolve = resolve_stage(config, run.run_id)
        run.validation.results += validate_incidents_stage(config, run.run_id, validator).results
        run.aggregate = aggregate_stage(config, run.run_id, validator)
    except BaseException as error:
        finish_run(config, run, error)
        raise
    return finish_run(config, run)
