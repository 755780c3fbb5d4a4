"""`attrition serve`: the pipeline as a Prefect deployment on the schedule of `attrition.toml`.

Prefect schedules need a running Prefect server (its scheduler creates the runs; this process,
the runner, polls for them and starts each in a subprocess, one at a time). Either the user runs
one and points `PREFECT_API_URL` at it, or `--with-server` starts `prefect server` on 127.0.0.1,
waits until it answers `/api/health`, and stops it (and everything it started) on exit.
"""

from __future__ import annotations

import asyncio
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
        # as the server will: a port a stopped server left in TIME_WAIT is free, one with a listener is not
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
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


def prefect_home(config: Config, config_path: Path) -> Path:
    """The Prefect home of a `--with-server` session: its own, beside the config file, so the server's
    database and settings are not those of every other Prefect user of the machine (~/.prefect)."""
    return Path(config_path).resolve().parent / ".prefect"


def serve(config: Config, config_path: Path, with_server: bool = False, port: int = DEFAULT_PORT,
          server_log: Path | None = None) -> None:
    """Register the deployment and run its scheduled runs until interrupted (Ctrl-C or SIGTERM)."""
    # until the runner takes over the signals, SIGTERM ends serving like Ctrl-C: the `finally` blocks stop
    # the local server
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if with_server:
        # PREFECT_HOME, when the user set one, is theirs to choose
        home = Path(os.environ.get("PREFECT_HOME") or prefect_home(config, config_path))
        home.mkdir(parents=True, exist_ok=True)
        os.environ["PREFECT_HOME"] = str(home)   # for the server and the flow-run subprocesses
        with local_server(port, log=server_log, env={"PREFECT_HOME": str(home)}) as api_url:
            os.environ["PREFECT_API_URL"] = api_url   # also for the flow-run subprocesses
            print(f"prefect server running at {api_url.removesuffix('/api')} (stopped when serving ends; "
                  f"PREFECT_HOME {home})", flush=True)
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
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME, temporary_settings

    updates = {PREFECT_API_URL: api_url}
    if os.environ.get("PREFECT_HOME"):
        updates[PREFECT_HOME] = os.environ["PREFECT_HOME"]
    with temporary_settings(updates=updates):
        s = config.schedule
        when = f"every {s.interval_seconds:g} s" if s.interval_seconds else f"cron {s.cron!r} ({s.timezone})"
        print(f"serving deployment attrition-scheduled/{s.deployment}: {when}, one run at a time; Ctrl-C stops",
              flush=True)
        stopped_by = asyncio.run(_run_until_signalled(deployment(config, config_path)))
        print(f"stopped ({stopped_by}): no run in flight is left running; the deployment stays scheduled",
              flush=True)


async def _run_until_signalled(served) -> str:
    """Run Prefect's runner until SIGTERM or Ctrl-C, then stop it in its own event loop.

    Prefect's `serve()` handles SIGTERM by calling the runner's synchronous `stop()` from inside the loop,
    which creates a coroutine that is never awaited and leaves a flow run in flight marked Running; it also
    pauses the deployment on every stop. Here the signal only sets an event; the runner is then stopped
    with `astop()`, which marks a run still in flight Cancelled in Prefect (its database work is safe to
    stop at any moment: the next run finishes it), and the schedule is left as it was."""
    from prefect.runner import Runner

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    received: list[str] = []

    def on_signal(signum: int, *_) -> None:
        received.append(signal.Signals(signum).name)
        loop.call_soon_threadsafe(stop.set)

    # limit=1: this runner starts one flow run at a time; the writer lock covers any other process
    runner = Runner(limit=1, pause_on_shutdown=False)
    runner.handle_sigterm = on_signal   # Runner.start() installs this attribute as the SIGTERM handler
    await runner.aadd_deployment(served)
    previous_int = signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    started = asyncio.create_task(runner.start())
    waiting = asyncio.create_task(stop.wait())
    try:
        done, _ = await asyncio.wait({started, waiting}, return_when=asyncio.FIRST_COMPLETED)
        if started in done:   # the runner ended by itself: report its error, if any
            waiting.cancel()
            started.result()
            return "runner ended"
        if runner.started:
            await runner.astop()
        else:
            # the signal came while the runner was still starting (just after the deployment was registered):
            # there is nothing to stop yet, and a runner left to start would serve on forever
            started.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await started
        return received[0] if received else "stopped"
    finally:
        signal.signal(signal.SIGINT, previous_int)
