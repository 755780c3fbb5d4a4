"""The user's cache of things that are slow to build and the same on every run (the gazetteer's
index, the chart's JavaScript bundle): `$XDG_CACHE_HOME/attrition`, else `~/.cache/attrition`.
A missing or unwritable cache only costs time."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "attrition"


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: concurrent processes never read half a file.
    Errors (read-only home, full disk) are ignored: the cache is an optimisation."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
