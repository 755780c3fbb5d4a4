"""Read sources into RawArticle records, streaming: a folder, a text, Markdown or HTML file, a
JSON/JSONL(.gz) export, an RSS or Atom feed (file or URL), a web page by URL.

Every input that cannot be used becomes a Reject with its reason; a reader never raises for one
bad file, line, entry or URL. Every reader holds its size cap while it reads: a line, a file, front
matter and a JSON document are refused when over it, never first read whole into memory (a small
gzip file can hold a line of gigabytes).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

import yaml

from attrition.ingest.context import Item, ReadContext
from attrition.ingest.decode import (
    MAX_BYTES,
    check_text,
    decode,
    may_escape_surrogate,
    surrogates_flag,
    without_surrogates,
)
from attrition.ingest.feeds import read_feed, read_url
from attrition.ingest.html import from_html, looks_like_html, text_or_none
from attrition.ingest.metadata import checked_fields
from attrition.ingest.records import RawArticle, RawLine, Reject

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SIDECARS = {"meta.jsonl", "meta.csv"}
META_FIELDS = ("title", "source", "url", "published")
FEED_PREFIX = "feed:"   # "feed:https://..." or "feed:path": must be a feed, else `not_a_feed`
MAX_FRONT_MATTER = 64_000      # characters of YAML above a Markdown article: titles and dates, not a document
MAX_JSON_DOCUMENT = 10 * MAX_BYTES   # parsed whole: larger exports must come as JSON lines, read line by line
MAX_SIDECAR_LINE = 100_000     # one article's metadata


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
        yield from read_html_file(path, meta.get(path.stem, {}), context)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(str(path), context)
    else:
        yield Reject(str(path), "unsupported_type", f"no reader for '{path.suffix or path.name}' files")


def _read_bytes(path: Path) -> bytes | Reject:
    """The file's bytes, reading no more than the cap (the size on disk may change or lie: a pipe, /proc)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as err:
        return Reject(str(path), "unreadable", f"{type(err).__name__}: {err}", path.stem)
    if len(data) > MAX_BYTES:
        return Reject(str(path), "too_large", f"over the {MAX_BYTES:,}-byte limit; stopped reading", path.stem)
    return data


def capped_lines(stream, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, line) of a binary stream; a line over `limit` bytes comes as (line number, its length)
    and is skipped in pieces, never held whole."""
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield lineno, line
            continue
        size = len(line)
        while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
            size += len(rest)
        yield lineno, size + len(rest)


def read_text_file(path: Path, meta: dict) -> Iterator[RawArticle | Reject]:
    origin = str(path)
    data = _read_bytes(path)
    if isinstance(data, Reject):
        yield data
        return
    flags: list[Reject] = []
    text = decode(data, origin, flags)
    if isinstance(text, Reject):
        yield Reject(text.origin, text.reason, text.detail, str(meta.get("id") or path.stem))
        return
    front, text, problem = split_front_matter(text, origin)
    if problem:
        yield problem
    front, problems = checked_fields(front, origin)
    fields = {**front, **{k: v for k, v in meta.items() if v not in (None, "")}}   # the sidecar wins
    external_id = str(fields.get("id") or path.stem)
    checked = check_text(text, origin)
    if isinstance(checked, Reject):
        yield Reject(checked.origin, checked.reason, checked.detail, external_id)
        return
    for flag in flags + problems:
        yield Reject(flag.origin, flag.reason, flag.detail, external_id)
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
    front = "\n".join(lines[1:end])
    if len(front) > MAX_FRONT_MATTER:
        return {}, body, Reject(origin, "bad_metadata", f"front matter of {len(front):,} characters is over the "
                                                        f"{MAX_FRONT_MATTER:,} limit; text kept")
    try:
        fields = yaml.load(front, Loader=_FrontMatterLoader) or {}
    except yaml.YAMLError as err:
        detail = str(err).splitlines()[0][:200]
        return {}, body, Reject(origin, "bad_metadata", f"front matter is not YAML: {detail}; text kept")
    if not isinstance(fields, dict):
        return {}, body, Reject(origin, "bad_metadata", "front matter is not a mapping; text kept")
    fields, surrogates = without_surrogates(fields)
    # YAML reads 2017-06-20 as a date: give it back as text, the way every other metadata value comes
    fields = {str(k).lower(): (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()}
    return fields, body, surrogates_flag(origin, surrogates, " in the front matter") if surrogates else None


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without aliases: front matter has no use for them, and an alias bomb (a few hundred bytes
    that expand to gigabytes) is built from them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


def read_html_file(path: Path, meta: dict, context: ReadContext | None = None) -> Iterator[RawArticle | Reject]:
    context = context or ReadContext()
    origin = str(path)
    external_id = str(meta.get("id") or path.stem)
    data = _read_bytes(path)
    if isinstance(data, Reject):
        yield data
        return
    flags: list[Reject] = []
    html = decode(data, origin, flags)
    if isinstance(html, Reject):
        yield Reject(html.origin, html.reason, html.detail, external_id)
        return
    article = from_html(html, origin, external_id, meta, context)
    if isinstance(article, RawArticle):
        yield from (Reject(f.origin, f.reason, f.detail, external_id) for f in flags)
    yield article


def read_sidecar(folder: Path) -> tuple[dict[str, dict], list[Reject]]:
    """meta.jsonl or meta.csv beside plain-text articles, keyed by id (the file name without extension).
    An id given twice keeps its first line; the later ones are refused (`bad_metadata`)."""
    meta: dict[str, dict] = {}
    first_line: dict[str, int] = {}
    problems: list[Reject] = []
    jsonl, csv_path = folder / "meta.jsonl", folder / "meta.csv"

    def keep(row: dict, where: str, lineno: int) -> None:
        row, refused = checked_fields(row, f"{where}:{lineno}")
        problems.extend(refused)
        if not row.get("id"):
            problems.append(Reject(f"{where}:{lineno}", "bad_metadata", "a metadata line needs an 'id'"))
        elif (key := str(row["id"])) in meta:
            problems.append(Reject(f"{where}:{lineno}", "bad_metadata",
                                   f"id '{key[:100]}' again (first on line {first_line[key]}): this line is ignored",
                                   key))
        else:
            meta[key], first_line[key] = row, lineno

    try:
        if jsonl.exists():
            with jsonl.open("rb") as fh:
                for lineno, line in capped_lines(fh, MAX_SIDECAR_LINE):
                    if isinstance(line, int):
                        problems.append(Reject(f"{jsonl}:{lineno}", "bad_metadata",
                                               f"a {line:,}-byte line is over the {MAX_SIDECAR_LINE:,}-byte limit"))
                    elif line.strip():
                        try:
                            row = json.loads(line.decode("utf-8", errors="replace"))
                        except json.JSONDecodeError as err:
                            problems.append(Reject(f"{jsonl}:{lineno}", "bad_metadata", f"not JSON: {err.msg}"))
                            continue
                        row, surrogates = without_surrogates(row) if may_escape_surrogate(line) else (row, 0)
                        if surrogates:
                            problems.append(surrogates_flag(f"{jsonl}:{lineno}", surrogates))
                        keep(row if isinstance(row, dict) else {}, str(jsonl), lineno)
        elif csv_path.exists():
            with csv_path.open(encoding="utf-8", errors="replace", newline="") as fh:
                for lineno, row in enumerate(csv.DictReader(fh), 2):
                    keep(row, str(csv_path), lineno)
    except (OSError, csv.Error) as err:   # unreadable, or a CSV field over the csv module's limit
        problems.append(Reject(str(jsonl if jsonl.exists() else csv_path), "bad_metadata",
                               f"{type(err).__name__}: {err}; the lines before it are used"))
    return meta, problems


def read_jsonl(path: Path, context: ReadContext | None = None) -> Iterator[RawArticle | Reject]:
    context = context or ReadContext()
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as raw:
            for lineno, line in capped_lines(raw, MAX_BYTES):
                origin = f"{path}:{lineno}"
                if isinstance(line, int):
                    yield Reject(origin, "too_large", f"a {line:,}-byte line is over the {MAX_BYTES:,}-byte limit")
                elif line.strip():
                    fallback_id = f"{path.stem}-{lineno}"
                    if context.lines_unparsed:
                        yield RawLine(line, origin, fallback_id)
                    else:
                        yield from _from_json_line(line, origin, fallback_id, context)
    except (OSError, EOFError, zlib.error) as err:   # truncated gzip, unreadable file: keep what was read
        yield Reject(str(path), "unreadable", f"{type(err).__name__}: {err}")


def read_json(path: Path, context: ReadContext | None = None) -> Iterator[RawArticle | Reject]:
    context = context or ReadContext()
    data = b""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_JSON_DOCUMENT + 1)
    except OSError as err:
        yield Reject(str(path), "unreadable", f"{type(err).__name__}: {err}")
        return
    if len(data) > MAX_JSON_DOCUMENT:
        yield Reject(str(path), "too_large", "a JSON document this large must be exported as JSON lines")
        return
    data_bytes = data
    try:
        data = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as err:
        yield Reject(str(path), "bad_json", str(err)[:500])
        return
    rows = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else None
    if not isinstance(rows, list):
        yield Reject(str(path), "bad_json", "expected an object, a list of objects or {'articles': [...]}")
        return
    surrogates = may_escape_surrogate(data_bytes)
    for index, row in enumerate(rows):
        row, replaced = without_surrogates(row) if surrogates else (row, 0)
        yield from _flagged(_from_object(row, f"{path}#{index}", f"{path.stem}-{index}", context),
                            f"{path}#{index}", replaced=replaced)


def parse_line(item: RawLine, today: dt.date | None = None) -> list[RawArticle | Reject]:
    """What a JSON line read unparsed holds: its article, or its rejects, and the flags of the article kept."""
    return list(_from_json_line(item.line, item.origin, item.fallback_id, ReadContext(today=today)))


def _from_json_line(line: bytes, origin: str, fallback_id: str, context: ReadContext) -> Iterator[RawArticle | Reject]:
    try:
        text = line.decode("utf-8")
        bad = 0
    except UnicodeDecodeError:
        text = line.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
    try:
        row = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        detail = f"malformed JSON line: {err.msg} at column {err.colno}" if isinstance(err, json.JSONDecodeError) \
            else "malformed JSON line: nested too deep"
        yield Reject(origin, "bad_json", detail)
        return
    row, replaced = without_surrogates(row) if may_escape_surrogate(line) else (row, 0)
    yield from _flagged(_from_object(row, origin, fallback_id, context), origin, bad, replaced)


def _flagged(items: Iterator[RawArticle | Reject], origin: str, bad: int = 0,
             replaced: int = 0) -> Iterator[RawArticle | Reject]:
    """A record's items, flagged when the article was kept with bytes that were not UTF-8 (`bad`) or lone
    surrogate escapes (`replaced`) replaced by U+FFFD."""
    items = list(items)
    if any(isinstance(item, RawArticle) for item in items):
        external_id = items[-1].external_id
        if bad:
            yield Reject(origin, "invalid_utf8", f"{bad} byte sequence(s) that are not UTF-8 replaced by U+FFFD",
                         external_id)
        if replaced:
            yield surrogates_flag(origin, replaced, external_id=external_id)
    yield from items


def _from_object(row: object, origin: str, fallback_id: str, context: ReadContext) -> Iterator[RawArticle | Reject]:
    if not isinstance(row, dict):
        yield Reject(origin, "bad_json", f"expected an object, got {type(row).__name__}")
        return
    row, problems = checked_fields(row, origin)
    external_id = str(row.get("id") or fallback_id)
    problems = [Reject(p.origin, p.reason, p.detail, external_id) for p in problems]
    article = _article_of(row, origin, external_id, context)
    if isinstance(article, RawArticle):
        yield from problems
    yield article


def _article_of(row: dict, origin: str, external_id: str, context: ReadContext) -> RawArticle | Reject:
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
