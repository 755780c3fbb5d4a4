"""Metadata values as text: what a reader takes from a sidecar, front matter, an export or a feed.

A value must be text, a number or a date; a source may also be an object naming it ({"name": ...}).
Anything else (an object or list where a title or id belongs, or a value longer than any title) is
refused with a `bad_metadata` row rather than stored as its Python repr; the article is kept.
"""

from __future__ import annotations

import datetime as dt

from attrition.ingest.records import Reject

FIELDS = ("id", "title", "source", "url", "published", "date")
MAX_VALUE_CHARS = 2000   # a headline is ~100 characters, a URL rarely 500: more is not metadata


def checked_fields(row: dict, origin: str, external_id: str | None = None) -> tuple[dict, list[Reject]]:
    """The row with each metadata field that is not usable text removed, and a reject for each removed."""
    clean, problems = dict(row), []
    for name in FIELDS:
        value = row.get(name)
        problem = _problem(name, value)
        if problem:
            del clean[name]
            problems.append(Reject(origin, "bad_metadata", f"'{name}' {problem}: refused", external_id))
    return clean, problems


def _problem(name: str, value: object) -> str | None:
    if value is None or isinstance(value, str | int | float | dt.date):
        text = value if isinstance(value, str) else ""
        return f"is {len(text):,} characters long" if len(text) > MAX_VALUE_CHARS else None
    if name == "source" and isinstance(value, dict):
        inner = value.get("name") or value.get("title")
        return None if inner is None or isinstance(inner, str) and len(inner) <= MAX_VALUE_CHARS else \
            "names no outlet as text"
    return f"is a JSON {_kind(value)}, not text"


def _kind(value: object) -> str:
    return {dict: "object", list: "list"}.get(type(value), type(value).__name__)
