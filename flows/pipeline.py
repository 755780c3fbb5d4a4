"""The attrition pipeline as a Prefect flow: the table of contents of one run.

    ingest -> extract -> validate rows -> resolve incidents -> validate incidents -> aggregates

Each task is one stage over a whole batch of articles (never one task per article: Prefect adds
milliseconds per task run). Stages are plain functions in `attrition.pipeline`, tested without
Prefect. Run it locally with `attrition run`, or `python -m flows.pipeline [SOURCE ...]`.
"""

from __future__ import annotations

import sys

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from attrition import pipeline as stages
from attrition.pipeline import RunConfig, RunSummary
from attrition.summary import markdown_summary
from attrition.validate import Validator

# Stage results are summaries of what was written to DuckDB; nothing to cache or persist.
stage_task = task(cache_policy=NONE, persist_result=False)

ingest = stage_task(stages.ingest_stage, name="ingest")
extract = stage_task(stages.extract_stage, name="extract")
validate_rows = stage_task(stages.validate_rows_stage, name="validate-articles-and-mentions")
resolve = stage_task(stages.resolve_stage, name="resolve-incidents")
validate_incidents = stage_task(stages.validate_incidents_stage, name="validate-incidents")
aggregate = stage_task(stages.aggregate_stage, name="refresh-aggregates")


@flow(name="attrition-pipeline", log_prints=True, persist_result=False)
def attrition_pipeline(config: RunConfig) -> RunSummary:
    run = stages.start_run(config)
    validator = Validator(config.reports_dir, config.today)
    try:
        run.ingest = ingest(config, run.run_id)
        run.extract = extract(config, run.run_id)
        run.validation.results += validate_rows(config, run.run_id, validator).results
        run.resolve = resolve(config, run.run_id)
        run.validation.results += validate_incidents(config, run.run_id, validator).results
        run.aggregate = aggregate(config, run.run_id, validator)
    except BaseException as error:
        stages.finish_run(config, run, error)
        create_markdown_artifact(markdown_summary(run), key="attrition-run", description="Failed run")
        raise
    run = stages.finish_run(config, run)
    create_markdown_artifact(markdown_summary(run), key="attrition-run", description="Run summary")
    return run


if __name__ == "__main__":
    attrition_pipeline(RunConfig.build("attrition.duckdb", sys.argv[1:] or ["seeds/articles"]))
