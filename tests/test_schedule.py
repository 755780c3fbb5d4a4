"""`attrition serve` for real: a real `prefect server` on a free port of 127.0.0.1, the deployment on a
schedule seconds apart, scheduled runs completing and writing DuckDB; then everything shut down.

Each test is bounded (server start, runs and shutdown) and kills what it started, whatever happens.
Prefect state lives in a temporary PREFECT_HOME.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from attrition import db
from attrition.lock import writer_lock
from attrition.paths import SAMPLE_ARTICLES
from attrition.pipeline import RunConfig, run_pipeline
from attrition.serve import healthy, local_server
from tests.test_safety import snapshot

ATTRITION = str(Path(sys.executable).with_name("attrition"))
RUNS_TIMEOUT = 150   # two scheduled runs, each a fresh process (Prefect + Great Expectations imports)


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def prefect_env(tmp_path) -> dict:
    """An environment of its own: Prefect state in tmp, no analytics, fast scheduler and runner loops."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_LOGGING_LEVEL": "INFO",
    })
    return env


def write_config(tmp_path: Path, interval: float = 4) -> tuple[Path, Path]:
    articles = tmp_path / "articles"
    shutil.copytree(SAMPLE_ARTICLES, articles)
    config = tmp_path / "attrition.toml"
    config.write_text(f'sources = ["articles"]\ndb = "served.duckdb"\n\n[schedule]\ninterval_seconds = {interval}\n'
                      f'deployment = "test"\n\n[limits]\nlock_wait_seconds = 60\n', encoding="utf-8")
    return config, tmp_path / "served.duckdb"


def api(url: str, path: str, body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, method="POST" if data else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def flow_runs(url: str) -> list[dict]:
    return api(url, "/flow_runs/filter", {"sort": "EXPECTED_START_TIME_ASC"})


def start_serve(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen([ATTRITION, "serve", *args], env=env, cwd=log.parent, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)


def stop_serve(process: subprocess.Popen) -> int:
    """SIGTERM (what a service manager sends), bounded; then nothing of its process group may survive."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(45)
    code = process.poll()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)   # anything left in its group: the test must leave no orphans
    process.wait(10)
    return code


def test_serve_runs_the_pipeline_on_its_schedule_against_a_running_server(tmp_path, prefect_env):
    config, db_path = write_config(tmp_path)
    port = free_port()
    with local_server(port, log=tmp_path / "server.log", env=prefect_env) as url:
        env = {**prefect_env, "PREFECT_API_URL": url}
        serve = start_serve(["--config", str(config)], env, tmp_path / "serve.log")
        try:
            deadline = time.monotonic() + RUNS_TIMEOUT
            completed: list[dict] = []
            while len(completed) < 2:
                assert serve.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
                assert time.monotonic() < deadline, (
                    f"fewer than two scheduled runs completed in {RUNS_TIMEOUT} s: "
                    f"{[(r['name'], r['state_type']) for r in flow_runs(url)]}\n"
                    + (tmp_path / "serve.log").read_text()[-3000:])
                time.sleep(2)
                runs = flow_runs(url)
                assert not [r for r in runs if r["state_type"] in ("FAILED", "CRASHED")], \
                    (tmp_path / "serve.log").read_text()[-3000:]
                completed = [r for r in runs if r["state_type"] == "COMPLETED"]
            assert all(r["deployment_id"] and r["auto_scheduled"] for r in completed)   # runs of the schedule
            deployment = api(url, f"/deployments/{completed[0]['deployment_id']}")
            assert deployment["name"] == "test"
            assert deployment["parameters"] == {"config_path": str(config.resolve())}
            artifacts = api(url, "/artifacts/filter", {"artifacts": {"key": {"any_": ["attrition-run"]}}})
            assert any("5 new" in a["data"] for a in artifacts) and any("5 already seen" in a["data"]
                                                                        for a in artifacts)
        finally:
            code = stop_serve(serve)   # whenever it comes, often with a run in flight
        log = (tmp_path / "serve.log").read_text()
        assert code == 0, log[-3000:]
        # a clean stop: no warning or traceback, the run in flight finished or cancelled, the schedule kept
        assert "never awaited" not in log and "Traceback" not in log, log[-3000:]
        assert "stopped (SIGTERM)" in log
        assert not [r["name"] for r in flow_runs(url) if r["state_type"] in ("RUNNING", "PENDING")]
        assert api(url, f"/deployments/{completed[0]['deployment_id']}")["paused"] is False
        summaries = [line for line in log.splitlines() if line.startswith("attrition run ") and " completed: " in line]
        assert len(summaries) >= 2 and "articles 5 new" in summaries[0]   # a line per scheduled run
    assert not healthy(url, timeout=1)

    with writer_lock(db_path, wait=60):   # no run left writing (a run stopped mid-way is fine: see test_safety)
        pass
    with db.connect(db_path, read_only=True) as con:
        statuses = [s for (s,) in con.execute("select status from runs order by started_at").fetchall()]
        new = [int(n) for (n,) in con.execute("select summary->>'$.ingest.new' from runs where status = 'completed' "
                                              "order by started_at").fetchall()]
    assert statuses.count("completed") >= 2 and new[:2] == [5, 0]
    reference = tmp_path / "reference.duckdb"
    run_pipeline(RunConfig.build(reference, [tmp_path / "articles"]))
    assert snapshot(db_path) == snapshot(reference)   # the rows of one clean run, nothing twice


def test_serve_with_server_starts_a_local_server_and_stops_it_on_exit(tmp_path, prefect_env):
    config, _ = write_config(tmp_path, interval=3600)
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in prefect_env.items() if k != "PREFECT_HOME"}   # the default home is under test
    serve = start_serve(["--config", str(config), "--with-server", "--port", str(port),
                         "--server-log", str(tmp_path / "server.log")], env, tmp_path / "serve.log")
    try:
        deadline = time.monotonic() + 120
        while True:
            assert serve.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the deployment was never registered"
            if healthy(url, timeout=1):
                try:
                    deployment = api(url, "/deployments/name/attrition-scheduled/test")
                    break
                except urllib.error.HTTPError:
                    pass
            time.sleep(1)
        assert deployment["schedules"][0]["schedule"]["interval"] == 3600
    finally:
        code = stop_serve(serve)
    assert code == 0, (tmp_path / "serve.log").read_text()[-3000:]   # SIGTERM ends serving cleanly
    assert not healthy(url, timeout=1) and not listening(port)       # and the server went with it
    # a Prefect home of its own beside the config, not the machine's ~/.prefect
    assert (tmp_path / ".prefect" / "prefect.db").exists()


def test_serve_without_a_server_says_how_to_get_one(tmp_path, prefect_env):
    config, _ = write_config(tmp_path)
    result = subprocess.run([ATTRITION, "serve", "--config", str(config)], env=prefect_env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    said = " ".join(result.stderr.split())
    assert result.returncode == 2 and "PREFECT_API_URL" in said and "--with-server" in said
    result = subprocess.run([ATTRITION, "serve", "--config", str(config)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120,
                            env={**prefect_env, "PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api"})
    assert result.returncode == 2 and "no healthy Prefect server" in " ".join(result.stderr.split())


class _SlowStartingRunner:
    """A runner signalled while it is still starting: SIGTERM arrives just after the deployment is registered,
    before start() gets as far as `started`."""

    def __init__(self, **_):
        self.started = False
        self.handle_sigterm = None

    async def aadd_deployment(self, served):
        pass

    async def start(self):
        import asyncio
        os.kill(os.getpid(), signal.SIGTERM)   # what a service manager sends, at the worst moment
        await asyncio.sleep(3600)

    async def astop(self):
        raise AssertionError("a runner that never started is not stopped, it is cancelled")


def test_a_sigterm_while_the_runner_starts_still_ends_serving(monkeypatch):
    import asyncio

    import prefect.runner

    from attrition import serve

    async def serve_until_done():
        serving = asyncio.create_task(serve._run_until_signalled(object()))
        # a bound on the test, not a measure: a runner left starting would serve for the hour
        done, _ = await asyncio.wait({serving}, timeout=30)
        if not done:
            serving.cancel()
            return "still serving"
        return serving.result()

    monkeypatch.setattr(prefect.runner, "Runner", _SlowStartingRunner)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        stopped_by = asyncio.run(serve_until_done())
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert stopped_by == "SIGTERM"
