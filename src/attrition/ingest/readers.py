"""Read sources into RawArticle records, streaming: a folder, a text file, a JSON/JSONL(.gz) export.

Every input that cannot be used becomes a Reject with its reason; a reader never raises for one
bad file or line.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

from attrition.ingest.decode import MAX_BYTES, check_text, decode
from attrition.ingest.records import RawArticle, Reject

TEXT_SUFFIXES = {".txt", ".md"}
SIDECARS = {"meta.jsonl", "meta.csv"}
META_FIELDS = ("title", "source", "url", "published")


def read_sources(sources: list[str | Path]) -> Iterator[RawArticle | Reject]:
    for source in sources:
        path = Path(source)
        if not path.exists():
            yield Reject(str(source), "missing_source", "no such file or folder")
        elif path.is_dir():
            yield from read_folder(path)
        else:
            yield from read_file(path, {})


def read_folder(folder: Path) -> Iterator[RawArticle | Reject]:
    meta, problems = read_sidecar(folder)
    yield from problems
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name in SIDECARS or path.name.startswith("."):
            continue
        yield from read_file(path, meta)


def read_file(path: Path, meta: dict[str, dict]) -> Iterator[RawArticle | Reject]:
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        yield from read_jsonl(path)
    elif name.endswith(".json"):
        yield from read_json(path)
    elif path.suffix.lower() in TEXT_SUFFIXES:
        yield read_text_file(path, meta.get(path.stem, {}))
    else:
        yield Reject(str(path), "unsupported_type", f"no reader for '{path.suffix or path.name}' files")


def read_text_file(path: Path, meta: dict) -> RawArticle | Reject:
    origin = str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        return Reject(origin, "too_large", f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit", path.stem)
    text = decode(path.read_bytes(), origin)
    if isinstance(text, Reject):
        return Reject(text.origin, text.reason, text.detail, str(meta.get("id") or path.stem))
    return RawArticle(
        external_id=str(meta.get("id") or path.stem), origin=origin, text=text,
        **{field: _text_or_none(meta.get(field)) for field in ("title", "source", "url")},
        published_raw=_text_or_none(meta.get("published")),
    )


def read_sidecar(folder: Path) -> tuple[dict[str, dict], list[Reject]]:
    """meta.jsonl or meta.csv beside plain-text articles, keyed by id (the file name without extension)."""
    meta: dict[str, dict] = {}
    problems: list[Reject] = []
    jsonl, csv_path = folder / "meta.jsonl", folder / "meta.csv"
    if jsonl.exists():
        for lineno, line in enumerate(jsonl.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(Reject(f"{jsonl}:{lineno}", "bad_metadata", f"not JSON: {err.msg}"))
                continue
            if not isinstance(row, dict) or not row.get("id"):
                problems.append(Reject(f"{jsonl}:{lineno}", "bad_metadata", "a metadata line needs an 'id'"))
                continue
            meta[str(row["id"])] = row
    elif csv_path.exists():
        with csv_path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for lineno, row in enumerate(csv.DictReader(fh), 2):
                if not row.get("id"):
                    problems.append(Reject(f"{csv_path}:{lineno}", "bad_metadata", "a metadata row needs an 'id'"))
                    continue
                meta[row["id"]] = row
    return meta, problems


def read_jsonl(path: Path) -> Iterator[RawArticle | Reject]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as raw:
            stream = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
            for lineno, line in enumerate(stream, 1):
                if line.strip():
                    yield _from_json_line(line, f"{path}:{lineno}", f"{path.stem}-{lineno}")
    except (OSError, EOFError) as err:   # truncated gzip, unreadable file: keep what was read
        yield Reject(str(path), "unreadable", f"{type(err).__name__}: {err}")


def read_json(path: Path) -> Iterator[RawArticle | Reject]:
    if path.stat().st_size > 50 * MAX_BYTES:
        yield Reject(str(path), "too_large", "a JSON array this large must be exported as JSON lines")
        return
    try:
        data = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        yield Reject(str(path), "bad_json", str(err))
        return
    rows = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else None
    if rows is None:
        yield Reject(str(path), "bad_json", "expected an object, a list of objects or {'articles': [...]}")
        return
    for index, row in enumerate(rows):
        yield _from_object(row, f"{path}#{index}", f"{path.stem}-{index}")


def _from_json_line(line: str, origin: str, fallback_id: str) -> RawArticle | Reject:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        return Reject(origin, "bad_json", f"malformed JSON line: {err.msg} at column {err.colno}")
    return _from_object(row, origin, fallback_id)


def _from_object(row: object, origin: str, fallback_id: str) -> RawArticle | Reject:
    if not isinstance(row, dict):
        return Reject(origin, "bad_json", f"expected an object, got {type(row).__name__}")
    external_id = str(row.get("id") or fallback_id)
    body = row.get("text") or row.get("content") or row.get("body")
    if not isinstance(body, str):
        return Reject(origin, "empty", "the record has no 'text'", external_id)
    text = check_text(body, origin)
    if isinstance(text, Reject):
        return Reject(text.origin, text.reason, text.detail, external_id)
    return RawArticle(
        external_id=external_id, origin=origin, text=text,
        **{field: _text_or_none(row.get(field)) for field in ("title", "source", "url")},
        published_raw=_text_or_none(row.get("published") or row.get("date")),
    )


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):   # e.g. {"name": "Reuters"}
        value = value.get("name") or value.get("title")
    text = str(value).strip()
    return text or None
