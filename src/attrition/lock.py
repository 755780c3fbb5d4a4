"""One writer at a time: an exclusive `flock` on a lock file next to the database, held for a whole run.

The operating system releases a `flock` when its holder exits, however it exits (kill -9
included), so a killed run never leaves a stale lock behind. The file itself stays; its content
(pid, host, start time) only says who holds it, for the message a second run prints. Readers
(`attrition query`, `export`) never take it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

POLL_SECONDS = 0.2
_held: set[int] = set()   # lock file descriptors this process holds


def _drop_in_child() -> None:
    """A forked worker (cleaning or extracting for the run) shares the run's lock; were the run killed, its
    orphaned workers would keep the lock. Closing their copy leaves the lock to the run alone."""
    for fd in _held:
        with suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_drop_in_child)


class LockBusy(RuntimeError):
    """Another run is writing this database."""


def lock_path(db_path: str | Path) -> Path:
    """attrition.duckdb -> attrition.duckdb.lock"""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def holder(db_path: str | Path) -> dict | None:
    """Who holds the writer lock, as its file says, or None; never takes the lock (a probe could make a
    starting run believe the database busy). Only for messages."""
    info = _read(lock_path(db_path))
    if not info or info.get("host") != socket.gethostname():
        return info or None
    try:
        os.kill(int(info["pid"]), 0)
    except (ProcessLookupError, KeyError, ValueError, TypeError):
        return None   # left behind by a killed run: the OS has released its lock
    except PermissionError:
        pass
    return info


def describe(info: dict | None) -> str:
    if not info:
        return "another run"
    return (f"run {info.get('run', '?')} (pid {info.get('pid', '?')} on {info.get('host', '?')}, "
            f"started {info.get('since', '?')})")


class Held:
    """The lock while held: `note(run_id)` records which run holds it."""

    def __init__(self, path: Path, fd: int, info: dict):
        self.path, self._fd, self.info = path, fd, info

    def note(self, run_id: str) -> None:
        self.info["run"] = run_id
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, json.dumps(self.info).encode(), 0)


@contextmanager
def writer_lock(db_path: str | Path, wait: float = 0, label: str = "") -> Iterator[Held]:
    """Hold the database's writer lock for the block; wait up to `wait` seconds for it, then raise LockBusy."""
    path = lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait, 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    info = _read(path)
                    waited = f" after waiting {wait:g} s" if wait else ""
                    raise LockBusy(
                        f"{Path(db_path)} is being written by {describe(info)}{waited}; only one run writes at a "
                        f"time. Try again when it finishes, or pass --wait SECONDS to wait for it.") from None
                time.sleep(POLL_SECONDS)
        held = Held(path, fd, {"pid": os.getpid(), "host": socket.gethostname(),
                               "since": dt.datetime.now().isoformat(timespec="seconds")})
        held.note(label or "?")
        _held.add(fd)
        try:
            yield held
        finally:
            _held.discard(fd)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None
