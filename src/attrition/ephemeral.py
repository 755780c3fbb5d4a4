"""The temporary Prefect API a run starts when no server is configured, tied to the run's process.

Prefect starts its temporary API (a uvicorn process, about 200 MB) as a child and stops it at exit;
a run killed with SIGKILL never reaches that exit, and the server stayed behind, listening, until
killed by hand. Started here instead, the server asks the kernel to be sent SIGTERM when its parent
dies (Linux `PR_SET_PDEATHSIG`), however the parent dies. Prefect's clients find it by the same
per-process instance they would have created themselves.
"""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from types import SimpleNamespace

from attrition.children import die_with


def start_tied_server() -> str | None:
    """Start Prefect's temporary API unless a server is configured; its URL, or None when not started."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return None
    server = _tied_server_class()()
    server.start()
    return server.api_url


def _tied_server_class():
    from prefect.server.api import server as server_module

    class TiedServer(server_module.SubprocessASGIServer):
        def _run_uvicorn_command(self):
            with _children_die_with(os.getpid(), server_module):
                return super()._run_uvicorn_command()

    return TiedServer


@contextmanager
def _children_die_with(parent: int, module):
    """Within the block, `module`'s subprocess.Popen starts children that end when `parent` ends."""
    real = module.subprocess

    def popen(*args, **kwargs):
        # SIGTERM: the server shuts down cleanly
        return real.Popen(*args, preexec_fn=lambda: die_with(parent, signal.SIGTERM), **kwargs)

    names = {name: getattr(real, name) for name in dir(real) if not name.startswith("__")}
    module.subprocess = SimpleNamespace(**{**names, "Popen": popen})
    try:
        yield
    finally:
        module.subprocess = real
