"""Extraction on a real local Dask cluster (two worker processes) through prefect-dask: the result is
identical to the default runner's, and the database still has one writer, the flow process."""

from __future__ import annotations

import pytest
from distributed import LocalCluster
from prefect.testing.utilities import prefect_test_harness

from attrition import db
from attrition.pipeline import RunConfig, run_pipeline
from flows.pipeline import run_flow
from tests.conftest import TODAY

QUERIES = {
    "mentions": "select mention_id, kind, place, country, date_start, date_end, killed, injured, incident_id, "
                "evidence from event_mentions order by all",
    "incidents": "select * exclude (created_run, updated_run) from incidents order by incident_id",
    "articles": "select article_id, extracted_version from articles order by all",
    "aggregates": "select * from attacks_vs_losses order by month",
}


def snapshot(db_path):
    with db.connect(db_path, read_only=True) as con:
        return {name: con.execute(query).fetchall() for name, query in QUERIES.items()}


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_dask_cluster_gives_the_same_result_as_the_default_runner(cluster, articles_dir, tmp_path):
    dask_db, plain_db = tmp_path / "dask.duckdb", tmp_path / "plain.duckdb"
    with prefect_test_harness(server_startup_timeout=120):
        summary = run_flow(RunConfig.build(dask_db, [articles_dir], today=TODAY, batch_size=2,
                                           task_runner="dask", dask_address=cluster.scheduler_address))
    assert summary.status == "completed" and summary.extract.articles == 5
    run_pipeline(RunConfig.build(plain_db, [articles_dir], today=TODAY))
    dask_rows, plain_rows = snapshot(dask_db), snapshot(plain_db)
    assert dask_rows["mentions"] and dask_rows == plain_rows
    # the workers did the extracting: the five articles went out in chunks, each chunk a task on the cluster
    chunks = cluster.scheduler.task_prefixes["extract_batch"].state_counts
    assert chunks["processing"] >= 3 and chunks["memory"] == chunks["processing"]
