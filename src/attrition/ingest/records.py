"""The two things a reader yields: an article it could read, or a reject with its reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class RawArticle:
    external_id: str
    origin: str                  # where it was read from: file path, "file:line", URL
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_raw: str | None = None


@dataclass(frozen=True, slots=True)
class Reject:
    origin: str
    reason: str                  # short code, see README "Rejects"
    detail: str
    external_id: str | None = None
