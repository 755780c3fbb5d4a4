"""Progress of a run's long stages: the stages report (`started`, `advance`, `counted`), and whoever
listens shows it: `attrition run` draws progress bars on a terminal and writes a plain line every few
seconds to a log. Without a listener reporting costs a list lookup.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
Listener = Callable[[str, int, "int | None"], None]   # stage, done so far, total (None: unknown)
_listeners: list[Listener] = []

UNITS = {"ingest": "inputs read", "extract": "articles extracted"}


def advance(stage: str, done: int, total: int | None = None) -> None:
    for listener in _listeners:
        listener(stage, done, total)


def started(stage: str) -> None:
    advance(stage, 0)


def counted(stage: str, items: Iterable[T], every: int = 50) -> Iterator[T]:
    """The items, reporting how many went by (every `every` items, and at the end)."""
    n = 0
    for n, item in enumerate(items, 1):   # noqa: B007 - n is read after the loop
        if _listeners and n % every == 0:
            advance(stage, n)
        yield item
    advance(stage, n)


def announced(name: str, step: Callable) -> Callable:
    """`step`, reporting that stage `name` started each time it is called."""
    def call(*args, **kwargs):
        started(name)
        return step(*args, **kwargs)
    return call


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def describe(stage: str, done: int, total: int | None) -> str:
    if total:
        return f"{stage}: {done:,} of {total:,} {UNITS.get(stage, 'done')} ({100 * done // total}%)"
    return f"{stage}: {done:,} {UNITS[stage]}" if done and stage in UNITS else f"{stage}: running"


class LogLines:
    """For a log: a line on standard error every `interval` seconds while a stage runs, none for a short
    run (the summary says it all)."""

    def __init__(self, interval: float = 5.0, stream=None):
        self.interval = interval
        self.stream = stream or sys.stderr
        self._state: tuple[str, int, int | None] | None = None
        self._since = time.monotonic()
        self._lock = threading.Lock()
        self._done = threading.Event()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        with self._lock:
            if self._state is None or self._state[0] != stage:
                self._since = time.monotonic()
            self._state = (stage, done, total)

    def _beat(self) -> None:
        while not self._done.wait(self.interval):
            with self._lock:
                if self._state is None:
                    continue
                line = f"{time.strftime('%H:%M:%S')} {describe(*self._state)}, " \
                       f"{time.monotonic() - self._since:.0f} s into the stage"
            print(line, file=self.stream, flush=True)

    @contextmanager
    def running(self) -> Iterator[None]:
        beat = threading.Thread(target=self._beat, name="attrition-progress", daemon=True)
        beat.start()
        try:
            with listening(self):
                yield
        finally:
            self._done.set()
            beat.join(1)


class Bars:
    """For a terminal: one rich progress bar per stage, on standard error, gone when the run ends."""

    def __init__(self, console):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.text import Text

        class Count(MofNCompleteColumn):   # "n/total" only where a total is known
            def render(self, task):
                return super().render(task) if task.total else Text("")

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), Count(),
                                 TimeElapsedColumn(), console=console, transient=True)
        self._tasks: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        with self._lock:
            if stage not in self._tasks:
                for other in self._tasks.values():   # one stage at a time: the previous one is over
                    self.progress.stop_task(other)
                self._tasks[stage] = self.progress.add_task(stage, total=total)
            self.progress.update(self._tasks[stage], completed=done, total=total,
                                 description=describe(stage, done, total) if not total else stage)

    @contextmanager
    def running(self) -> Iterator[None]:
        with self.progress, listening(self):
            yield
