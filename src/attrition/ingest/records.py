"""The two things a reader yields: an article it could read, or a reject with its reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class RawArticle:
    external_id: str
    origin: str                  # where it was read from: file path, "file:line", URL, "feed#entry"
    text: str                    # plain text; for an HTML page, the text trafilatura extracted
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_raw: str | None = None      # the metadata value as given (export, sidecar, front matter, feed)
    page_published: str | None = None     # ISO date found in the page's own markup (htmldate), if HTML
    raw: str | None = None                # what was read, when it differs from `text` (the HTML)
    feed: str | None = None               # the feed or source argument it came through


@dataclass(frozen=True, slots=True)
class RawLine:
    """A line of a JSON-lines export, read but not parsed: the ingest workers parse it (`readers.parse_line`)."""
    line: bytes
    origin: str                  # "file:line"
    fallback_id: str             # the article's id when the record names none


@dataclass(frozen=True, slots=True)
class Reject:
    origin: str
    reason: str                  # short code, see README "Rejects"
    detail: str
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class Seen:
    """A feed entry whose page is already stored (by canonical URL): not fetched again, its source recorded."""
    origin: str
    url: str
    external_id: str | None = None
    source: str | None = None
    feed: str | None = None
