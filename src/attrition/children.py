"""Child processes that end with the process that started them.

A run killed with SIGKILL runs no cleanup: the worker processes it forked (cleaning, extracting) and
the temporary Prefect server it started would live on, orphaned, waiting on pipes nobody writes to.
Each child asks the kernel (Linux `PR_SET_PDEATHSIG`) to be signalled when its parent dies, so a
killed run leaves no process behind.
"""

from __future__ import annotations

import ctypes
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress

PR_SET_PDEATHSIG = 1


def die_with(parent: int, sig: int = signal.SIGKILL) -> None:
    """In a child, first thing: `sig` when the parent dies; exit now if it already has."""
    with suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, sig)
    if os.getppid() != parent:
        os._exit(0)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers end with this process."""
    return ProcessPoolExecutor(workers, initializer=die_with, initargs=(os.getpid(),))
