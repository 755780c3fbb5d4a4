"""RSS and Atom feeds (by URL or file) and single web pages by URL.

A feed entry with its full text in the feed (content:encoded, Atom <content>) is used as it is;
otherwise its linked page is fetched (bounded time and size) and its article extracted. An entry
whose page is already stored is not fetched again, so polling a feed costs only its new entries.
A link is content, not the user's choice: it is fetched only from a public address unless the feed
the user named is itself on a local or private one (see `attrition.ingest.addresses`).
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser

from attrition.ingest.addresses import non_public
from attrition.ingest.context import Item, ReadContext
from attrition.ingest.decode import MAX_BYTES, check_text, decode
from attrition.ingest.fetch import Fetched, fetch
from attrition.ingest.html import fragment_text, from_html, looks_like_html
from attrition.ingest.records import RawArticle, Reject, Seen

_FEED_TYPES = ("rss", "atom", "xml", "rdf")
FULL_CONTENT_CHARS = 200   # an entry's content shorter than this is a teaser: its page is fetched instead


def read_url(url: str, context: ReadContext) -> Iterator[Item]:
    """A URL: a feed when it answers with one, else a web page, else `not_a_feed`."""
    got = fetch(url, context.fetch)
    if isinstance(got, Reject):
        yield got
        return
    parsed = _parse_feed(got.body)
    if parsed is not None:
        yield from _entries(parsed, url, context)
    elif "html" in got.content_type.lower() or looks_like_html(got.body[:4096].decode("utf-8", "replace")):
        yield from _page(got, url, url, {}, context)
    else:
        yield Reject(url, "not_a_feed", f"neither a feed nor a web page ({got.content_type or 'no content type'})")


def read_feed(location: str, context: ReadContext) -> Iterator[Item]:
    """A feed by URL or file; anything else is `not_a_feed`."""
    if location.startswith(("http://", "https://")):
        got = fetch(location, context.fetch)
        if isinstance(got, Reject):
            yield got
            return
        body, kind = got.body, got.content_type or "no content type"
    else:
        path = Path(location)
        if not path.is_file():
            yield Reject(location, "missing_source", "no such feed file")
            return
        try:
            with path.open("rb") as fh:
                body, kind = fh.read(MAX_BYTES + 1), path.suffix or "file"
        except OSError as err:
            yield Reject(location, "unreadable", f"{type(err).__name__}: {err}")
            return
        if len(body) > MAX_BYTES:
            yield Reject(location, "too_large", f"over the {MAX_BYTES:,}-byte limit; stopped reading")
            return
    parsed = _parse_feed(body)
    if parsed is None:
        yield Reject(location, "not_a_feed", f"no RSS or Atom feed in it ({kind})")
        return
    yield from _entries(parsed, location, context)


def _parse_feed(body: bytes):
    """feedparser's result when the bytes are a feed (parsed from memory: feedparser never fetches here)."""
    if not body.strip():
        return None
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        return None
    if not parsed.get("version") and parsed.get("bozo"):
        return None
    return parsed


def _entries(parsed, location: str, context: ReadContext) -> Iterator[Item]:
    feed_title = parsed.feed.get("title") or None
    if not parsed.entries:
        yield Reject(location, "empty", "the feed has no entries")
        return
    # links may be local only when the feed the user named is (a file on disk names no address)
    links_public_only = not (location.startswith(("http://", "https://")) and non_public(location))
    for index, entry in enumerate(parsed.entries):
        link = entry.get("link") if str(entry.get("link") or "").startswith(("http://", "https://")) else None
        entry_id = entry.get("id") or link or f"entry-{index}"
        origin = f"{location}#{entry_id}"
        meta = {
            "id": entry_id, "title": entry.get("title"), "url": link,
            "source": (entry.get("source") or {}).get("title") or feed_title,
            "published": _entry_date(entry),
        }
        body = _full_content(entry)
        if body is not None:
            yield _article(body, origin, meta, location)
        elif not link:
            yield Reject(origin, "no_prose", "the entry has neither its full text nor a link", entry_id)
        elif context.known_url(link):
            yield Seen(origin, link, entry_id, meta["source"], location)
        else:
            got = fetch(link, context.fetch, public_only=links_public_only)
            if isinstance(got, Reject):
                yield Reject(link, got.reason, f"feed entry {entry_id}: {got.detail}", entry_id)
            else:
                yield from _page(got, link, entry_id, meta, context, location)


def _full_content(entry) -> tuple[str, bool] | None:
    """(text or html, is_html) of the entry's full text, or None when the feed holds only a teaser."""
    best: tuple[str, bool] | None = None
    best_len = 0
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        is_html = "html" in (content.get("type") or "")
        length = len(fragment_text(value)) if is_html else len(value.strip())
        if length > best_len:
            best, best_len = (value, is_html), length
    return best if best_len >= FULL_CONTENT_CHARS else None


def _article(body: tuple[str, bool], origin: str, meta: dict, feed: str) -> RawArticle | Reject:
    value, is_html = body
    if len(value) > MAX_BYTES:
        return Reject(origin, "too_large", f"an entry of {len(value):,} characters is over the {MAX_BYTES:,} limit",
                      meta["id"])
    text = check_text(fragment_text(value) if is_html else value, origin)
    if isinstance(text, Reject):
        return Reject(text.origin, text.reason, text.detail, meta["id"])
    return RawArticle(external_id=meta["id"], origin=origin, text=text, title=meta["title"], source=meta["source"],
                      url=meta["url"], published_raw=meta["published"], raw=value if is_html else None, feed=feed)


def _page(got: Fetched, origin: str, external_id: str, meta: dict, context: ReadContext,
          feed: str | None = None) -> Iterator[RawArticle | Reject]:
    flags: list[Reject] = []
    html = decode(got.body, origin, flags)
    if isinstance(html, Reject):
        yield Reject(html.origin, html.reason, html.detail, external_id)
        return
    article = from_html(html, origin, external_id, {**meta, "url": meta.get("url") or got.url}, context, feed)
    if isinstance(article, RawArticle):
        yield from (Reject(f.origin, f.reason, f.detail, external_id) for f in flags)
    yield article


def _entry_date(entry) -> str | None:
    """The entry's publication date as the feed gave it; feedparser's reading when the text is exotic."""
    raw = entry.get("published") or entry.get("created") or entry.get("updated")
    parsed = entry.get("published_parsed") or entry.get("created_parsed") or entry.get("updated_parsed")
    if raw and parsed is None:
        return raw   # unreadable: refused and recorded downstream, as any bad metadata date
    if parsed is not None:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return None
