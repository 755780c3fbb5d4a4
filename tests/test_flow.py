"""The Prefect flow for real, against Prefect's test server: one task run per stage, same result as
the plain pipeline, idempotent on re-run, and a summary artifact."""

from __future__ import annotations

import json

import pytest
from prefect.client.orchestration import get_client
from prefect.testing.utilities import prefect_test_harness

from attrition import db
from attrition.pipeline import RunConfig, run_pipeline
from flows.pipeline import attrition_pipeline
from tests.conftest import TODAY

# The run's shape, pinned: (task name, plain function of attrition.pipeline), in order.
STAGES = [("ingest", "ingest_stage"), ("extract", "extract_stage"),
          ("validate-articles-and-mentions", "validate_rows_stage"), ("resolve-incidents", "resolve_stage"),
          ("validate-incidents", "validate_incidents_stage"), ("refresh-aggregates", "aggregate_stage")]


@pytest.fixture(scope="module")
def prefect_server():
    with prefect_test_harness(server_startup_timeout=120):
        yield


def table(db_path, query):
    with db.connect(db_path, read_only=True) as con:
        return con.execute(query).fetchall()


async def task_names(flow_run_id) -> list[str]:
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async with get_client() as client:
        runs = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
        return [r.name.rsplit("-", 1)[0] for r in sorted(runs, key=lambda r: r.start_time)]


def calls_of_the_stages(monkeypatch) -> list[str]:
    """The plain stage functions called, in order, whoever calls them (the flow's tasks or the plain run)."""
    from attrition import pipeline

    called: list[str] = []
    for _, function in STAGES:
        real = getattr(pipeline, function)
        monkeypatch.setattr(pipeline, function,
                            lambda *args, _real=real, _name=function, **kw: called.append(_name) or _real(*args, **kw))
    return called


def test_flow_runs_each_stage_once_and_matches_the_plain_pipeline(prefect_server, articles_dir, tmp_path,
                                                                  monkeypatch):
    import anyio

    flow_db, plain_db = tmp_path / "flow.duckdb", tmp_path / "plain.duckdb"
    called = calls_of_the_stages(monkeypatch)
    state = attrition_pipeline(RunConfig.build(flow_db, [articles_dir], today=TODAY), return_state=True)
    assert state.is_completed()
    run = state.result()
    assert run.status == "completed" and run.ingest.new == 5
    names = anyio.run(task_names, state.state_details.flow_run_id)
    assert names == [name for name, _ in STAGES]   # coarse tasks, in order: one per stage, none per article
    flow_calls = list(called)
    called.clear()

    run_pipeline(RunConfig.build(plain_db, [articles_dir], today=TODAY))
    assert flow_calls == called == [function for _, function in STAGES]   # one sequence for both
    query = ("select kind, place, country, date_start, date_end, killed, incident_id "
             "from event_mentions order by all")
    assert table(flow_db, query) == table(plain_db, query)
    assert table(flow_db, "select * from attacks_vs_losses order by month") == \
        table(plain_db, "select * from attacks_vs_losses order by month")


def test_flow_rerun_adds_nothing_and_publishes_a_summary(prefect_server, articles_dir, tmp_path):
    import anyio

    db_path = tmp_path / "flow.duckdb"
    config = RunConfig.build(db_path, [articles_dir], today=TODAY)
    attrition_pipeline(config)
    before = table(db_path, "select (select count(*) from event_mentions), (select count(*) from incidents)")
    second = attrition_pipeline(config)
    assert second.ingest.seen == 5 and second.extract.articles == 0
    assert table(db_path, "select (select count(*) from event_mentions), (select count(*) from incidents)") == before

    async def artifact():
        async with get_client() as client:
            return await client.read_latest_artifacts()

    latest = {a.key: a for a in anyio.run(artifact)}
    assert "attrition-run" in latest
    assert "5 already seen" in latest["attrition-run"].data
    assert "attacks abroad" in latest["attrition-run"].data.lower()
    data = latest["attrition-last-12-months"].data
    rows = json.loads(data) if isinstance(data, str) else data
    assert len(rows) == 12 and {"month", "attacks_abroad", "territorial_losses"} <= set(rows[0])
