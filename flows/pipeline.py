"""The attrition pipeline as a Prefect flow: the table of contents of one run.

    ingest -> extract -> validate rows -> resolve incidents -> validate incidents -> aggregates

Each task is one stage over a whole batch of articles (never one task per article: Prefect adds
milliseconds per task run). Stages are plain functions in `attrition.pipeline`, tested without
Prefect. Run it locally with `attrition run`, or `python -m flows.pipeline [SOURCE ...]`.

Two flows: `attrition_pipeline` takes a `RunConfig` (what `attrition run` calls) and
`attrition_scheduled` takes the path of an `attrition.toml` (plain parameters, what deployments
run: `attrition serve` and `prefect.yaml`). Both hold the database's writer lock for the whole
run, retry the idempotent stages on transient errors, and publish the `attrition-run` artifact,
which on failure names the stage that failed and why.
"""

from __future__ import annotations

import sys

import duckdb
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from attrition import pipeline as stages
from attrition.config import Limits
from attrition.lock import LockBusy
from attrition.pipeline import RunConfig, RunSummary
from attrition.summary import markdown_summary
from attrition.validate import Validator

ARTIFACT = "attrition-run"
# Errors worth a retry: the database file locked by a reader in another process (DuckDB allows one
# writing process), a full or flaky disk, a network or time-out error. A failed expectation or a bug
# fails the same way again, so it is not retried.
TRANSIENT = (duckdb.IOException, OSError, TimeoutError, ConnectionError)


def is_transient(task, task_run, state) -> bool:   # Prefect's retry_condition_fn
    try:
        state.result()
    except TRANSIENT:
        return True
    except BaseException:
        return False
    return False


def backoff(retries: int, first_delay: float) -> list[float]:
    """Retry delays doubling from the first: 10 -> [10, 20, 40]."""
    return [first_delay * 2**i for i in range(retries)]


# Stage results are summaries of what was written to DuckDB; nothing to cache or persist. The tasks
# call the stages through the module so tests can replace a stage.
stage_task = task(cache_policy=NONE, persist_result=False)


@stage_task(name="ingest")
def ingest(config: RunConfig, run_id: str):
    return stages.ingest_stage(config, run_id)


@stage_task(name="extract")
def extract(config: RunConfig, run_id: str):
    return stages.extract_stage(config, run_id)


@stage_task(name="validate-articles-and-mentions")
def validate_rows(config: RunConfig, run_id: str, validator: Validator):
    return stages.validate_rows_stage(config, run_id, validator)


@stage_task(name="resolve-incidents")
def resolve(config: RunConfig, run_id: str):
    return stages.resolve_stage(config, run_id)


@stage_task(name="validate-incidents")
def validate_incidents(config: RunConfig, run_id: str, validator: Validator):
    return stages.validate_incidents_stage(config, run_id, validator)


@stage_task(name="refresh-aggregates")
def aggregate(config: RunConfig, run_id: str, validator: Validator):
    return stages.aggregate_stage(config, run_id, validator)


def run_stages(config: RunConfig, retries: int, retry_delay_seconds: float) -> RunSummary:
    """The body of both flows. Ingest is not retried here: a retry would record the run's rejects twice,
    and the fetcher retries each source itself; every later stage is idempotent (it does what is not
    done yet, or rebuilds) and is retried on transient errors with exponential backoff."""
    logger = get_run_logger()
    retry = {"retries": retries, "retry_delay_seconds": backoff(retries, retry_delay_seconds),
             "retry_jitter_factor": 0.2, "retry_condition_fn": is_transient} if retries else {}
    again = {t: t.with_options(**retry) for t in (extract, validate_rows, resolve, validate_incidents, aggregate)}
    try:
        lock_cm = stages.writer(config)
        lock = lock_cm.__enter__()
    except LockBusy as error:
        logger.error("attrition run not started: %s", error)
        create_markdown_artifact(f"# attrition run\n\nNot started: {error}\n", key=ARTIFACT,
                                 description="Run not started: another run is writing the database")
        raise
    try:
        run = stages.start_run(config, lock)
        validator = Validator(config.reports_dir, config.today)
        stage = None
        try:
            stage = "ingest"
            run.ingest = ingest(config, run.run_id)
            stage = "extract"
            run.extract = again[extract](config, run.run_id)
            stage = "validate-articles-and-mentions"
            run.validation.results += again[validate_rows](config, run.run_id, validator).results
            stage = "resolve-incidents"
            run.resolve = again[resolve](config, run.run_id)
            stage = "validate-incidents"
            run.validation.results += again[validate_incidents](config, run.run_id, validator).results
            stage = "refresh-aggregates"
            run.aggregate = again[aggregate](config, run.run_id, validator)
        except BaseException as error:
            stages.finish_run(config, run, error, stage)
            stages.mark(error, stage)
            logger.error("attrition run %s FAILED in stage %s: %s\n%s", run.run_id, stage, run.error,
                         markdown_summary(run))
            create_markdown_artifact(markdown_summary(run), key=ARTIFACT,
                                     description=f"Failed run: stage {stage} failed")
            raise
        run = stages.finish_run(config, run)
        create_markdown_artifact(markdown_summary(run), key=ARTIFACT, description="Run summary")
        return run
    finally:
        lock_cm.__exit__(None, None, None)


@flow(name="attrition-pipeline", log_prints=True, persist_result=False)
def attrition_pipeline(config: RunConfig, retries: int = Limits.retries,
                       retry_delay_seconds: float = Limits.retry_delay_seconds) -> RunSummary:
    return run_stages(config, retries, retry_delay_seconds)


@flow(name="attrition-scheduled", log_prints=True, persist_result=False)
def attrition_scheduled(config_path: str = "attrition.toml") -> RunSummary:
    """One run as `attrition.toml` describes it: the entry point of deployments (plain parameters)."""
    from attrition.config import load

    config = load(config_path)
    return run_stages(config.run_config(), config.limits.retries, config.limits.retry_delay_seconds)


if __name__ == "__main__":
    attrition_pipeline(RunConfig.build("attrition.duckdb", sys.argv[1:] or ["seeds/articles"]))
