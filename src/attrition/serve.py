"""`attrition serve`: the pipeline as a Prefect deployment on the schedule of `attrition.toml`.

Prefect schedules need a running Prefect server (its scheduler creates the runs; this process,
the runner, polls for them and starts each in a subprocess, one at a time). Either the user runs
one and points `PREFECT_API_URL` at it, or `--with-server` starts `prefect server` on 127.0.0.1,
waits until it answers `/api/health`, and stops it (and everything it started) on exit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from attrition.config import Config

HOST = "127.0.0.1"
DEFAULT_PORT = 4200
STARTUP_TIMEOUT = 90.0


class ServeError(RuntimeError):
    """Serving cannot start: no server to talk to, a port taken, a server that never became healthy."""


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def port_free(port: int, host: str = HOST) -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _die_with_parent() -> None:   # runs in the child before exec (Linux): SIGTERM it if we die, even by kill -9
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


@contextlib.contextmanager
def local_server(port: int = DEFAULT_PORT, host: str = HOST, timeout: float = STARTUP_TIMEOUT,
                 log: Path | None = None, env: dict | None = None) -> Iterator[str]:
    """Start `prefect server start` on host:port, yield its API URL once healthy, stop it on exit."""
    if not port_free(port, host):
        raise ServeError(f"port {port} on {host} is already in use: pick another with --port, or point "
                         f"PREFECT_API_URL at the server already running there and drop --with-server")
    api_url = f"http://{host}:{port}/api"
    server_env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **(env or {})}
    server_env.pop("PREFECT_API_URL", None)
    out = open(log, "ab") if log else subprocess.DEVNULL   # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)],
        env=server_env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    try:
        deadline = time.monotonic() + timeout
        while not healthy(api_url):
            if process.poll() is not None:
                raise ServeError(f"prefect server exited with code {process.returncode} before it was healthy"
                                 + (f" (log: {log})" if log else ""))
            if time.monotonic() > deadline:
                raise ServeError(f"prefect server on {host}:{port} not healthy after {timeout:g} s")
            time.sleep(0.5)
        yield api_url
    finally:
        stop(process)
        if log:
            out.close()


def stop(process: subprocess.Popen, grace: float = 20.0) -> None:
    """SIGTERM the process group, then SIGKILL whatever is left after the grace period."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)   # stragglers of the group, if any
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)


def deployment(config: Config, config_path: Path):
    """The deployment `attrition serve` registers: the scheduled flow, its schedule, its parameters."""
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron, Interval

    from flows.pipeline import attrition_scheduled

    s = config.schedule
    schedule = Interval(s.interval_seconds, timezone=s.timezone) if s.interval_seconds \
        else Cron(s.cron, timezone=s.timezone)
    return attrition_scheduled.to_deployment(
        name=s.deployment, schedule=schedule, parameters={"config_path": str(Path(config_path).resolve())},
        description=f"attrition: poll {', '.join(config.sources)} into {config.db}",
        tags=["attrition"], entrypoint_type=EntrypointType.MODULE_PATH)


def serve(config: Config, config_path: Path, with_server: bool = False, port: int = DEFAULT_PORT,
          server_log: Path | None = None) -> None:
    """Register the deployment and run its scheduled runs until interrupted (Ctrl-C or SIGTERM)."""
    # SIGTERM ends serving like Ctrl-C does, so the `finally` blocks stop the local server
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if with_server:
        with local_server(port, log=server_log) as api_url:
            os.environ["PREFECT_API_URL"] = api_url   # also for the flow-run subprocesses
            print(f"prefect server running at {api_url.removesuffix('/api')} (stopped when serving ends)",
                  flush=True)
            _serve(config, config_path, api_url)
    else:
        from prefect.settings import PREFECT_API_URL

        api_url = os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value()
        if not api_url:
            raise ServeError("schedules need a Prefect server: set PREFECT_API_URL to one you run "
                             "(e.g. `prefect server start`, then PREFECT_API_URL=http://127.0.0.1:4200/api), "
                             "or use `attrition serve --with-server` to start one for this session")
        if not healthy(api_url, timeout=10):
            raise ServeError(f"no healthy Prefect server at {api_url} (PREFECT_API_URL): is it running?")
        _serve(config, config_path, api_url)


def _serve(config: Config, config_path: Path, api_url: str) -> None:
    from prefect import serve as prefect_serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        s = config.schedule
        when = f"every {s.interval_seconds:g} s" if s.interval_seconds else f"cron {s.cron!r} ({s.timezone})"
        print(f"serving deployment attrition-scheduled/{s.deployment}: {when}, one run at a time; Ctrl-C stops",
              flush=True)
        # limit=1: this runner starts one flow run at a time; the writer lock covers any other process
        prefect_serve(deployment(config, config_path), limit=1, print_starting_message=False)
