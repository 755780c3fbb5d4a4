"""The attrition pipeline as a Prefect flow: one task per stage of `attrition.pipeline.STAGES`,

    ingest -> extract -> validate rows -> resolve incidents -> validate incidents -> aggregates

the sequence the plain run follows too. Each task is one stage over a whole batch of articles (never
one task per article: Prefect adds milliseconds per task run). Stages are plain functions in
`attrition.pipeline`, tested without Prefect. Run it locally with `attrition run`, or
`python -m flows.pipeline [SOURCE ...]`.

With `--task-runner dask` the extract stage runs as mapped tasks on a Dask cluster (prefect-dask):
workers return Arrow tables of mentions and this process, the single writer, loads them.

Two flows: `attrition_pipeline` takes a `RunConfig` (what `attrition run` calls) and
`attrition_scheduled` takes the path of an `attrition.toml` (plain parameters, what deployments
run: `attrition serve` and `prefect.yaml`). Both hold the database's writer lock for the whole
run, retry the idempotent stages on transient errors, and publish the `attrition-run` artifact,
which on failure names the stage that failed and why.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack

import duckdb
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE

from attrition import pipeline as stages
from attrition.config import Limits
from attrition.extract.stage import extract_batch
from attrition.lock import LockBusy
from attrition.pipeline import RunConfig, RunSummary
from attrition.summary import markdown_summary, one_line
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


def stage_task(stage: stages.Stage):
    """The Prefect task of one stage, named as the stage. Its result is a summary of what was written to
    DuckDB: nothing to cache or persist. It calls the stage through the module, so a test may replace it."""
    def run_stage(config: RunConfig, run_id: str, validator: Validator | None = None):
        return getattr(stages, stage.function)(*stage.args(config, run_id, validator))

    run_stage.__name__ = run_stage.__qualname__ = stage.function   # Prefect's task key: one per stage
    return task(run_stage, name=stage.name, cache_policy=NONE, persist_result=False)


# One task per stage of the run's sequence (attrition.pipeline.STAGES), never one per article.
TASKS = {stage.name: stage_task(stage) for stage in stages.STAGES}
NOT_RETRIED = {"ingest"}   # a retry would record the run's rejects twice; the fetcher retries each source


# On a Dask cluster: each chunk of articles is one task run on a worker, which returns its mentions
# as an Arrow table; the flow process is the single writer of the database.
extract_chunk = task(extract_batch, name="extract-chunk", cache_policy=NONE, persist_result=False)
DASK_CHUNKS_PER_WORKER = 2


def extract_on_cluster(config: RunConfig, run_id: str):
    workers = config.workers if config.dask_address is None else _cluster_workers(config.dask_address)
    return stages.extract_stage(config, run_id, submit=extract_chunk.submit,
                                in_flight=max(workers, 1) * DASK_CHUNKS_PER_WORKER)


def _cluster_workers(address: str) -> int:
    from distributed import Client

    with Client(address, timeout=30) as client:
        return len(client.scheduler_info().get("workers", {})) or 1


def task_runner_for(config: RunConfig):
    """Prefect's default runner, or prefect-dask's: a cluster at `dask_address`, else a local one."""
    if config.task_runner != "dask":
        return None
    from prefect_dask import DaskTaskRunner

    if config.dask_address:
        return DaskTaskRunner(address=config.dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": max(config.workers, 2), "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})


def publish_results(config: RunConfig, run: RunSummary) -> None:
    """The run summary with the headline numbers, and the last 12 months as a table."""
    from attrition import db
    from attrition.report import headline_markdown, last_months

    with db.connect(config.db_path) as con:
        headline, months = headline_markdown(con), last_months(con, 12)
    create_markdown_artifact(markdown_summary(run) + "\n" + headline, key=ARTIFACT, description="Run summary")
    create_table_artifact(months, key="attrition-last-12-months",
                          description="attacks_vs_losses, the last 12 months covered")


def orchestrate(config: RunConfig, retries: int, retry_delay_seconds: float) -> RunSummary:
    """The body of both flows. Ingest is not retried here: a retry would record the run's rejects twice,
    and the fetcher retries each source itself; every later stage is idempotent (it does what is not
    done yet, or rebuilds) and is retried on transient errors with exponential backoff."""
    logger = get_run_logger()
    retry = {"retries": retries, "retry_delay_seconds": backoff(retries, retry_delay_seconds),
             "retry_jitter_factor": 0.2, "retry_condition_fn": is_transient} if retries else {}
    with ExitStack() as held:
        try:
            lock = held.enter_context(stages.writer(config))
        except LockBusy as error:
            logger.error("attrition run not started: %s", error)
            create_markdown_artifact(f"# attrition run\n\nNot started: {error}\n", key=ARTIFACT,
                                     description="Run not started: another run is writing the database")
            raise
        run = stages.start_run(config, lock)
        steps = {name: t if name in NOT_RETRIED else t.with_options(**retry) for name, t in TASKS.items()}
        if config.task_runner == "dask":
            steps["extract"] = extract_on_cluster
        try:
            run = stages.run_stages(config, run, Validator(config.reports_dir, config.today), steps)
        except BaseException:
            stage = run.failed_stage
            logger.error("attrition run %s FAILED in stage %s: %s\n%s", run.run_id, stage, run.error,
                         markdown_summary(run))
            create_markdown_artifact(markdown_summary(run), key=ARTIFACT,
                                     description=f"Failed run: stage {stage} failed")
            raise
        publish_results(config, run)
        return run


@flow(name="attrition-pipeline", log_prints=True, persist_result=False)
def attrition_pipeline(config: RunConfig, retries: int = Limits.retries,
                       retry_delay_seconds: float = Limits.retry_delay_seconds) -> RunSummary:
    return orchestrate(config, retries, retry_delay_seconds)


@flow(name="attrition-scheduled", log_prints=True, persist_result=False)
def attrition_scheduled(config_path: str = "attrition.toml") -> RunSummary:
    """One run as `attrition.toml` describes it: the entry point of deployments (plain parameters)."""
    from attrition.config import load

    config = load(config_path)
    run = orchestrate(config.run_config(), config.limits.retries, config.limits.retry_delay_seconds)
    sys.stdout.write(one_line(run) + "\n")   # the line `attrition serve` shows per run (print would go to the logger)
    sys.stdout.flush()
    return run


def run_flow(config: RunConfig, **kwargs) -> RunSummary:
    """attrition_pipeline on the task runner the config asks for. Without a configured Prefect server the
    temporary one is started tied to this process, so even a killed run leaves no server behind."""
    from attrition.ephemeral import start_tied_server

    start_tied_server()
    runner = task_runner_for(config)
    flow_ = attrition_pipeline.with_options(task_runner=runner) if runner else attrition_pipeline
    return flow_(config, **kwargs)


if __name__ == "__main__":
    run_flow(RunConfig.build("attrition.duckdb", sys.argv[1:] or ["seeds/articles"]))
