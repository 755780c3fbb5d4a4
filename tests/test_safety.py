"""Safe to leave alone: one writer at a time, a run killed at any moment (kill -9) leaves the database
consistent and the next run finishes its work with exactly the rows of a clean run, and failures say
which stage failed and why (exit code, logs, Prefect artifact)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from attrition import db
from attrition.cli import app
from attrition.lock import LockBusy, holder, lock_path, writer_lock
from attrition.paths import ROOT, SAMPLE_ARTICLES
from attrition.pipeline import RunConfig, run_pipeline

runner = CliRunner()
BATCH = 10          # small transactions, so a kill lands between and inside many of them
COPIES = 30         # 5 sample articles x 30 = 150 distinct articles
WAIT = 180          # bound on any wait for a subprocess


# --- inputs and snapshots ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def many_articles(tmp_path_factory) -> Path:
    """150 articles: the samples, each copied 30 times with a line of its own (so content hashes differ).
    Copies share their original's URL; the ingest keeps them as versions of one article, also fine here."""
    out = tmp_path_factory.mktemp("many") / "articles"
    out.mkdir()
    meta = {m["id"]: m for m in map(json.loads, (SAMPLE_ARTICLES / "meta.jsonl").read_text().splitlines()) if m}
    lines = []
    for i in range(COPIES):
        for f in sorted(SAMPLE_ARTICLES.glob("*.txt")):
            name = f"{f.stem}-copy{i:03d}"
            paragraphs = f.read_text(encoding="utf-8").split("\n\n")   # a line of its own in the middle (the
            middle = len(paragraphs) // 2                               # ends are page furniture, cleaned off)
            paragraphs.insert(middle, f"This is archive copy {i} of the report.")
            (out / f"{name}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
            lines.append(json.dumps({**meta[f.stem], "id": name}))
    (out / "meta.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def config_for(db_path: Path, sources: Path) -> RunConfig:
    return RunConfig.build(db_path, [sources], batch_size=BATCH)


@pytest.fixture(scope="module")
def clean_snapshot(many_articles, tmp_path_factory) -> dict:
    """What one uninterrupted run of the 300 articles leaves in the database."""
    db_path = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    assert run_pipeline(config_for(db_path, many_articles)).status == "completed"
    return snapshot(db_path)


LOG_TABLES = {"runs", "validation_runs", "ingest_rejects"}   # one entry per run by design


def snapshot(db_path: Path) -> dict:
    """Every data table, without the columns that name a run or a time; logs as their distinct entries."""
    out = {}
    with db.connect(db_path, read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from duckdb_tables() where schema_name = 'main' "
                                            "order by all").fetchall()]
        for table in tables:
            cols = [c for (c,) in con.execute("select column_name from duckdb_columns() where table_name = ? "
                                              "order by column_index", [table]).fetchall()]
            keep = [c for c in cols if not (c in ("run_id", "summary", "docs_path", "detail")
                                           or c.endswith("_run") or c.endswith("_at"))]
            if table in LOG_TABLES:
                keep = [c for c in keep if c in ("origin", "reason", "suite", "success")]
                if not keep:
                    continue
                query = f"select distinct {', '.join(keep)} from {table} order by all"
            else:
                query = f"select {', '.join(keep)} from {table} order by all"
            out[table] = [tuple(round(v, 9) if isinstance(v, float) else v for v in row)   # float sums vary
                          for row in con.execute(query).fetchall()]                       # in the last bits
    return out


def statuses(db_path: Path) -> list[str]:
    with db.connect(db_path, read_only=True) as con:
        return [s for (s,) in con.execute("select status from runs order by started_at").fetchall()]


# --- a run in a subprocess that stops where we say, so the test can kill -9 it there -------------

HOOK = textwrap.dedent("""
    import os, sys, time
    from contextlib import contextmanager
    from pathlib import Path

    point, marker = os.environ["KILL_POINT"], Path(os.environ["KILL_MARKER"])
    module_name, _, nth = point.partition(":")
    nth = int(nth or 1)
    seen = 0

    def reached(pause):
        part = marker.with_name(marker.name + ".part")   # written whole, then renamed: never read half-written
        part.write_text(str(os.getpid()))
        os.replace(part, marker)
        if pause:
            time.sleep(600)   # the test kills us here

    if module_name == "aggregate":
        import attrition.aggregate as target
        real_expected = target._expected
        def expected(con):   # runs inside the aggregates' transaction, after every model was rebuilt
            reached(True)
            return real_expected(con)
        target._expected = expected
    else:
        import importlib
        if module_name == "extract-readback":   # nothing extracted ahead: the stage reads texts back, in batches
            import attrition.ingest.stage as ingest_stage
            ingest_stage.hand_over = lambda *args: None
        target = importlib.import_module({"ingest": "attrition.ingest.stage", "extract": "attrition.extract.stage",
                                          "extract-readback": "attrition.extract.stage",
                                          "extract-after": "attrition.extract.stage", "resolve": "attrition.resolve",
                                          "validate": "attrition.validate"}[module_name])
        real_transaction = target.transaction

        @contextmanager
        def transaction(con):
            global seen
            with real_transaction(con):
                yield con
                seen += 1
                if seen == nth and module_name != "extract-after":
                    reached(True)   # every statement of the transaction ran; the commit has not
            if seen == nth and module_name == "extract-after":
                reached(False)      # committed; the test kills a moment later, wherever the run is then
        target.transaction = transaction

    from attrition.pipeline import RunConfig, run_pipeline
    run_pipeline(RunConfig.build(sys.argv[1], [sys.argv[2]], batch_size=int(sys.argv[3])))
    print("finished without being killed", file=sys.stderr)
    sys.exit(7)
""")


def start_hooked_run(db_path: Path, sources: Path, point: str, marker: Path) -> subprocess.Popen:
    env = {**os.environ, "KILL_POINT": point, "KILL_MARKER": str(marker)}
    return subprocess.Popen([sys.executable, "-c", HOOK, str(db_path), str(sources), str(BATCH)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(marker: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + WAIT
    while not marker.exists():
        if process.poll() is not None:
            raise AssertionError(f"the run ended (code {process.returncode}) before reaching the kill point: "
                                 f"{process.stderr.read().decode()[-2000:]}")
        assert time.monotonic() < deadline, "the run never reached the kill point"
        time.sleep(0.05)


def kill9(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    assert process.returncode == -signal.SIGKILL


# --- kill -9 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("point", [
    "ingest:2",         # inside the second ingest batch's transaction
    "extract:1",        # inside the transaction storing what the ingest workers extracted (inserts, marks done)
    "extract-readback:3",  # inside the third batch's transaction of texts read back (deletes, inserts, marks done)
    "extract-after:1",  # a moment after the extract stage committed: wherever the run is then
    "validate:2",       # inside the event_mentions quarantine transaction
    "resolve:1",        # inside the resolve transaction (links, incidents, sources, changes)
    "aggregate",        # inside the aggregates' transaction, every model rebuilt, not committed
])
def test_a_run_killed_anywhere_is_finished_by_the_next_with_exactly_the_rows_of_a_clean_run(
        point, many_articles, clean_snapshot, tmp_path):
    db_path, marker = tmp_path / "killed.duckdb", tmp_path / "reached"
    process = start_hooked_run(db_path, many_articles, point, marker)
    try:
        wait_for(marker, process)
        if point.startswith("extract-after"):
            time.sleep(0.3)
        kill9(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
    assert holder(db_path) is None                        # kill -9 released the writer lock
    assert statuses(db_path) == ["running"]               # what the killed run left
    if point == "ingest:2":                              # the committed batch stayed, the open one did not
        with db.connect(db_path, read_only=True) as con:
            assert con.execute("select count(*) from articles").fetchone()[0] == BATCH

    summary = run_pipeline(config_for(db_path, many_articles))   # the next run, not waiting for anyone

    assert summary.status == "completed" and len(summary.interrupted) == 1
    assert statuses(db_path) == ["interrupted", "completed"]
    assert snapshot(db_path) == clean_snapshot


# --- one writer at a time ------------------------------------------------------------------------

HOLDER = "import sys, time; from attrition.lock import writer_lock\n" \
         "with writer_lock(sys.argv[1], label='holder'):\n    print('held', flush=True); time.sleep(600)"


def test_a_second_run_exits_with_a_clear_message_and_readers_are_not_blocked(tmp_path):
    from attrition.paths import SAMPLE_ARTICLES

    db_path = tmp_path / "a.duckdb"
    run_pipeline(RunConfig.build(db_path, [SAMPLE_ARTICLES]))
    other = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], stdout=subprocess.PIPE)
    try:
        assert other.stdout.readline().strip() == b"held"
        result = runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(db_path), "--no-prefect"])
        said = " ".join(result.output.split())
        assert result.exit_code == 3
        assert "is being written by run holder" in said and f"pid {other.pid}" in said
        started = time.monotonic()
        result = runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(db_path), "--no-prefect",
                                     "--wait", "1"])
        assert result.exit_code == 3 and "after waiting 1 s" in " ".join(result.output.split())
        assert 1 <= time.monotonic() - started < 20
        # readers open the database read-only and never take the writer lock
        result = runner.invoke(app, ["query", "select count(*) as n from articles", "--db", str(db_path)])
        assert result.exit_code == 0 and "5" in result.output
        assert statuses(db_path) == ["completed"]   # the refused runs wrote nothing, not even a runs row
        kill9(other)
    finally:
        if other.poll() is None:
            other.kill()
            other.wait(30)
    with writer_lock(db_path):   # the OS released the killed holder's lock: no stale lock to clean up
        assert lock_path(db_path).exists()


def test_the_lock_waits_a_bounded_time_and_is_released_after_each_run(tmp_path):
    db_path = tmp_path / "b.duckdb"
    with writer_lock(db_path, label="first"):
        started = time.monotonic()
        with pytest.raises(LockBusy, match="being written by run first"), writer_lock(db_path, wait=0.5):
            pass
        assert 0.5 <= time.monotonic() - started < 5
    with writer_lock(db_path, label="second"):
        assert holder(db_path)["run"] == "second"
    assert holder(db_path) is None


def test_two_runs_started_together_write_one_after_the_other(tmp_path):
    db_path = tmp_path / "two.duckdb"
    articles = tmp_path / "articles"
    shutil.copytree(SAMPLE_ARTICLES, articles)
    command = [sys.executable, "-m", "attrition.cli", "run", str(articles), "--db", str(db_path), "--no-prefect",
               "--wait", str(WAIT)]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for _ in range(2)]
    try:
        outputs = [p.communicate(timeout=WAIT + 60)[0].decode() for p in runs]
    finally:
        for p in runs:
            if p.poll() is None:
                p.kill()
                p.wait(30)
    assert [p.returncode for p in runs] == [0, 0], outputs
    with db.connect(db_path, read_only=True) as con:
        spans = con.execute("select started_at, finished_at, status, summary->>'$.ingest.new' from runs "
                            "order by started_at").fetchall()
    assert [s[2] for s in spans] == ["completed", "completed"]
    (_, first_end, _, first_new), (second_start, _, _, second_new) = spans
    assert first_end <= second_start          # the second run started writing after the first finished
    assert (int(first_new), int(second_new)) == (5, 0)
    reference = tmp_path / "one.duckdb"
    run_pipeline(RunConfig.build(reference, [articles]))
    assert snapshot(db_path) == snapshot(reference)


# --- failures are visible ------------------------------------------------------------------------

def test_a_failed_run_names_its_stage_and_exits_non_zero(tmp_path, monkeypatch):
    from attrition import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("resolver down")

    monkeypatch.setattr(pipeline, "resolve_stage", broken)
    db_path = tmp_path / "f.duckdb"
    result = runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(db_path), "--no-prefect"])
    assert result.exit_code == 1
    assert "stage resolve-incidents failed: RuntimeError: resolver down" in " ".join(result.output.split())
    with db.connect(db_path, read_only=True) as con:
        status, summary = con.execute("select status, summary from runs").fetchone()
    summary = json.loads(summary)
    assert status == "failed" and summary["failed_stage"] == "resolve-incidents"
    assert summary["error"] == "stage resolve-incidents failed: RuntimeError: resolver down"


def test_retry_only_on_transient_errors():
    from prefect.states import Failed

    from flows.pipeline import backoff, is_transient

    def failed(error):
        return Failed(data=error)

    assert backoff(3, 10) == [10, 20, 40]
    assert is_transient(None, None, failed(duckdb.IOException("Could not set lock on file")))
    assert is_transient(None, None, failed(TimeoutError("feed timed out")))
    assert not is_transient(None, None, failed(RuntimeError("a bug")))
    from attrition.validate import ValidationFailed

    assert not is_transient(None, None, failed(ValidationFailed("incidents: columns")))


def test_the_flow_retries_a_transient_failure_and_reports_a_lasting_one(tmp_path, monkeypatch):
    """Against Prefect's test server: a locked database file is retried; a bug fails the flow, the
    `attrition-run` artifact and the logs name the stage, and the runs row says 'failed'."""
    import anyio
    from prefect.client.orchestration import get_client
    from prefect.testing.utilities import prefect_test_harness

    from attrition import pipeline
    from flows.pipeline import attrition_pipeline

    real_resolve, calls = pipeline.resolve_stage, []

    def locked_once(config, run_id, *rest):   # a stage may also be given the run's validator
        calls.append(run_id)
        if len(calls) == 1:
            raise duckdb.IOException("Could not set lock on file: Conflicting lock is held")
        return real_resolve(config, run_id, *rest)

    async def latest_artifact():
        async with get_client() as client:
            return {a.key: a for a in await client.read_latest_artifacts()}["attrition-run"]

    with prefect_test_harness(server_startup_timeout=120):
        monkeypatch.setattr(pipeline, "resolve_stage", locked_once)
        config = RunConfig.build(tmp_path / "flow.duckdb", [SAMPLE_ARTICLES])
        state = attrition_pipeline(config, retries=2, retry_delay_seconds=0, return_state=True)
        assert state.is_completed() and len(calls) == 2

        def broken(*args, **kwargs):
            raise RuntimeError("aggregates down")

        monkeypatch.setattr(pipeline, "aggregate_stage", broken)
        state = attrition_pipeline(config, retries=2, retry_delay_seconds=0, return_state=True)
        assert state.is_failed()
        artifact = anyio.run(latest_artifact)
        assert "stage refresh-aggregates failed: RuntimeError: aggregates down" in artifact.data
        assert artifact.description == "Failed run: stage refresh-aggregates failed"
    assert statuses(tmp_path / "flow.duckdb") == ["completed", "failed"]


# --- faults: a killed flow, a reader holding the file, a damaged file, absurd options --------------

SERVER_HOOK = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path

    from attrition import pipeline

    def stalled_ingest(config, run_id):   # the flow is running: report the temporary server, then wait
        from prefect.server.api.server import SubprocessASGIServer
        server = SubprocessASGIServer._instances[None].server_process
        part = Path(sys.argv[2] + ".part")   # written whole, then renamed: never read half-written
        part.write_text(str(server.pid))
        os.replace(part, sys.argv[2])
        time.sleep(600)   # the test kills us here

    pipeline.ingest_stage = stalled_ingest
    from flows.pipeline import run_flow
    from attrition.pipeline import RunConfig
    run_flow(RunConfig.build(sys.argv[1], [sys.argv[3]]))
""")


def alive(pid: int) -> bool:
    """Running, neither gone nor a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_a_killed_flow_run_leaves_no_prefect_server_behind(tmp_path):
    marker = tmp_path / "server.pid"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_LOGGING_LEVEL="WARNING")
    run = subprocess.Popen([sys.executable, "-c", SERVER_HOOK, str(tmp_path / "k.duckdb"), str(marker),
                            str(SAMPLE_ARTICLES)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    server_pid = None
    try:
        wait_for(marker, run)
        server_pid = int(marker.read_text())
        assert alive(server_pid)
        kill9(run)
        deadline = time.monotonic() + WAIT   # a bound on the test, not a measure: it ends within a second
        while alive(server_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(server_pid), "the temporary Prefect server outlived its killed run"
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(30)
        if server_pid and alive(server_pid):
            os.kill(server_pid, signal.SIGKILL)


READER = "import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1], read_only=True)\n" \
         "print('open', flush=True)\ntime.sleep(float(sys.argv[2]))\ncon.close()"


def test_a_run_started_while_a_reader_holds_the_file_waits_for_it(tmp_path):
    db_path = tmp_path / "r.duckdb"
    run_pipeline(RunConfig.build(db_path, [SAMPLE_ARTICLES]))
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db_path), "3"], stdout=subprocess.PIPE)
    try:
        assert reader.stdout.readline().strip() == b"open"
        with pytest.raises(duckdb.IOException, match="lock"):   # what DuckDB does to a writer meanwhile
            duckdb.connect(str(db_path))
        summary = run_pipeline(RunConfig.build(db_path, [SAMPLE_ARTICLES]))   # waits, then runs
        assert summary.status == "completed" and reader.wait(30) == 0
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait(30)
    assert statuses(db_path) == ["completed", "completed"]


@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
def test_a_damaged_database_file_is_named_as_damaged(tmp_path, damage):
    db_path = tmp_path / "d.duckdb"
    run_pipeline(RunConfig.build(db_path, [SAMPLE_ARTICLES]))
    data = db_path.read_bytes()
    db_path.write_bytes(data[:len(data) // 3] if damage == "truncated" else b"id,text\n1,hello\n" * 100)
    commands = [["run", str(SAMPLE_ARTICLES), "--no-prefect"]]
    if damage == "overwritten":   # told on opening, so readers say it too (a cut file shows only when read)
        commands.append(["export", "mentions", "-o", str(tmp_path / "out.jsonl")])
    for command in commands:
        result = runner.invoke(app, [*command, "--db", str(db_path)])
        said = " ".join(result.output.split())
        assert result.exit_code != 0 and f"{db_path} is damaged or is not a DuckDB database" in said, said


@pytest.mark.parametrize("workers", ["0", "-3"])
def test_a_pool_of_no_workers_is_refused(tmp_path, workers):
    result = runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(tmp_path / "w.duckdb"), "--no-prefect",
                                 "--workers", workers])
    assert result.exit_code == 2 and not (tmp_path / "w.duckdb").exists()
    with pytest.raises(ValueError, match="workers must be a whole number >= 1"):
        RunConfig.build(tmp_path / "w.duckdb", [SAMPLE_ARTICLES], workers=int(workers))


WORKERS_HOOK = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path

    from attrition.ingest import stage

    real_store = stage.store_batch

    def store_then_stall(*args, **kwargs):   # the workers are cleaning: report them, then wait
        summary = real_store(*args, **kwargs)
        children = [p.name for p in Path("/proc").iterdir() if p.name.isdigit() and
                    (p / "stat").exists() and (p / "stat").read_text().rsplit(")", 1)[1].split()[1] == str(os.getpid())]
        part = Path(sys.argv[2] + ".part")   # written whole, then renamed: never read half-written
        part.write_text(" ".join(children))
        os.replace(part, sys.argv[2])
        time.sleep(600)   # the test kills us here
        return summary

    stage.store_batch = store_then_stall
    from attrition.pipeline import RunConfig, run_pipeline
    run_pipeline(RunConfig.build(sys.argv[1], [sys.argv[3]], workers=2, batch_size=10))
""")


def test_a_killed_run_leaves_no_worker_process_behind(many_articles, tmp_path):
    marker = tmp_path / "workers"
    run = subprocess.Popen([sys.executable, "-c", WORKERS_HOOK, str(tmp_path / "w.duckdb"), str(marker),
                            str(many_articles)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[int] = []
    try:
        wait_for(marker, run)
        workers = [int(pid) for pid in marker.read_text().split()]
        assert len(workers) == 2 and all(alive(pid) for pid in workers)
        kill9(run)
        deadline = time.monotonic() + WAIT   # a bound on the test, not a measure: they end at once
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in workers), "the killed run's workers outlived it"
        assert holder(tmp_path / "w.duckdb") is None
        with writer_lock(tmp_path / "w.duckdb"):   # and nobody holds its lock
            pass
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(30)
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
