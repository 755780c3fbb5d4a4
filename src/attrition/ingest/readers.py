"""Read sources into RawArticle records, streaming: a folder, a text, Markdown or HTML file, a
JSON/JSONL(.gz) export, an RSS or Atom feed (file or URL), a web page by URL.

Every input that cannot be used becomes a Reject with its reason; a reader never raises for one
bad file, line, entry or URL.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import yaml

from attrition.ingest.context import Item, ReadContext
from attrition.ingest.decode import MAX_BYTES, check_text, decode
from attrition.ingest.feeds import read_feed, read_url
from attrition.ingest.html import from_html, looks_like_html, text_or_none
from attrition.ingest.records import RawArticle, Reject

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SIDECARS = {"meta.jsonl", "meta.csv"}
META_FIELDS = ("title", "source", "url", "published")
FEED_PREFIX = "feed:"   # "feed:https://..." or "feed:path": must be a feed, else `not_a_feed`


def read_sources(sources: list[str | Path], context: ReadContext | None = None) -> Iterator[Item]:
    context = context or ReadContext()
    for source in sources:
        text = str(source)
        if text.startswith(FEED_PREFIX):
            yield from read_feed(text.removeprefix(FEED_PREFIX), context)
        elif text.startswith(("http://", "https://")):
            yield from read_url(text, context)
        elif not (path := Path(source)).exists():
            yield Reject(text, "missing_source", "no such file or folder")
        elif path.is_dir():
            yield from read_folder(path, context)
        else:
            yield from read_file(path, {}, context)


def read_folder(folder: Path, context: ReadContext | None = None) -> Iterator[Item]:
    meta, problems = read_sidecar(folder)
    yield from problems
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name in SIDECARS or path.name.startswith("."):
            continue
        yield from read_file(path, meta, context)


def read_file(path: Path, meta: dict[str, dict], context: ReadContext | None = None) -> Iterator[Item]:
    context = context or ReadContext()
    name = path.name.lower()
    suffix = path.suffix.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        yield from read_jsonl(path, context)
    elif name.endswith(".json"):
        yield from read_json(path, context)
    elif suffix in TEXT_SUFFIXES:
        yield from read_text_file(path, meta.get(path.stem, {}))
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, meta.get(path.stem, {}), context)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(str(path), context)
    else:
        yield Reject(str(path), "unsupported_type", f"no reader for '{path.suffix or path.name}' files")


def _read_bytes(path: Path) -> bytes | Reject:
    size = path.stat().st_size
    if size > MAX_BYTES:
        return Reject(str(path), "too_large", f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit", path.stem)
    try:
        return path.read_bytes()
    except OSError as err:
        return Reject(str(path), "unreadable", f"{type(err).__name__}: {err}", path.stem)


def read_text_file(path: Path, meta: dict) -> Iterator[RawArticle | Reject]:
    origin = str(path)
    data = _read_bytes(path)
    if isinstance(data, Reject):
        yield data
        return
    text = decode(data, origin)
    if isinstance(text, Reject):
        yield Reject(text.origin, text.reason, text.detail, str(meta.get("id") or path.stem))
        return
    front, text, problem = split_front_matter(text, origin)
    if problem:
        yield problem
    fields = {**front, **{k: v for k, v in meta.items() if v not in (None, "")}}   # the sidecar wins
    external_id = str(fields.get("id") or path.stem)
    checked = check_text(text, origin)
    if isinstance(checked, Reject):
        yield Reject(checked.origin, checked.reason, checked.detail, external_id)
        return
    yield RawArticle(
        external_id=external_id, origin=origin, text=checked,
        **{f: text_or_none(fields.get(f)) for f in ("title", "source", "url")},
        published_raw=text_or_none(fields.get("published") or fields.get("date")),
    )


def split_front_matter(text: str, origin: str) -> tuple[dict, str, Reject | None]:
    """YAML front matter ("---" ... "---") off the top of a Markdown or text file: (fields, body, problem)."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return {}, text, None
    lines = stripped.split("\n")
    if lines[0].strip() != "---":
        return {}, text, None
    end = next((i for i, line in enumerate(lines[1:60], 1) if line.strip() in ("---", "...")), None)
    if end is None:
        return {}, text, None   # a rule, not front matter
    body = "\n".join(lines[end + 1:])
    try:
        fields = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as err:
        detail = str(err).splitlines()[0][:200]
        return {}, body, Reject(origin, "bad_metadata", f"front matter is not YAML: {detail}; text kept")
    if not isinstance(fields, dict):
        return {}, body, Reject(origin, "bad_metadata", "front matter is not a mapping; text kept")
    # YAML reads 2017-06-20 as a date: give it back as text, the way every other metadata value comes
    return {str(k).lower(): (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()}, body, None


def read_html_file(path: Path, meta: dict, context: ReadContext | None = None) -> RawArticle | Reject:
    context = context or ReadContext()
    origin = str(path)
    data = _read_bytes(path)
    if isinstance(data, Reject):
        return data
    html = decode(data, origin)
    if isinstance(html, Reject):
        return Reject(html.origin, html.reason, html.detail, str(meta.get("id") or path.stem))
    return from_html(html, origin, str(meta.get("id") or path.stem), meta, context)


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


def read_jsonl(path: Path, context: ReadContext | None = None) -> Iterator[RawArticle | Reject]:
    context = context or ReadContext()
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as raw:
            stream = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
            for lineno, line in enumerate(stream, 1):
                if line.strip():
                    yield _from_json_line(line, f"{path}:{lineno}", f"{path.stem}-{lineno}", context)
    except (OSError, EOFError) as err:   # truncated gzip, unreadable file: keep what was read
        yield Reject(str(path), "unreadable", f"{type(err).__name__}: {err}")


def read_json(path: Path, context: ReadContext | None = None) -> Iterator[RawArticle | Reject]:
    context = context or ReadContext()
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
        yield _from_object(row, f"{path}#{index}", f"{path.stem}-{index}", context)


def _from_json_line(line: str, origin: str, fallback_id: str, context: ReadContext) -> RawArticle | Reject:
    if len(line) > MAX_BYTES:
        return Reject(origin, "too_large", f"a {len(line):,}-character line is over the {MAX_BYTES:,} limit")
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        return Reject(origin, "bad_json", f"malformed JSON line: {err.msg} at column {err.colno}")
    return _from_object(row, origin, fallback_id, context)


def _from_object(row: object, origin: str, fallback_id: str, context: ReadContext) -> RawArticle | Reject:
    if not isinstance(row, dict):
        return Reject(origin, "bad_json", f"expected an object, got {type(row).__name__}")
    external_id = str(row.get("id") or fallback_id)
    body = row.get("text") or row.get("content") or row.get("body")
    html = row.get("html")
    if not isinstance(body, str) and isinstance(html, str) and html.strip():
        return from_html(html, origin, external_id, row, context)
    if isinstance(body, str) and looks_like_html(body) and "</p>" in body.lower():
        return from_html(body, origin, external_id, row, context)   # an export that put HTML in 'text'
    if not isinstance(body, str):
        return Reject(origin, "empty", "the record has no 'text' or 'html'", external_id)
    text = check_text(body, origin)
    if isinstance(text, Reject):
        return Reject(text.origin, text.reason, text.detail, external_id)
    return RawArticle(
        external_id=external_id, origin=origin, text=text,
        **{f: text_or_none(row.get(f)) for f in ("title", "source", "url")},
        published_raw=text_or_none(row.get("published") or row.get("date")),
    )
