"""Bytes to text, refusing what is not text: empty, binary, oversized or undecodable input."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from attrition.ingest.records import Reject

MAX_BYTES = 5_000_000   # a news article is ~6 KB; 5 MB is a page dump or a mistake, not an article
MIN_CHARS = 200         # below this there is no report to code (a teaser, a stub, a failed download)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode(data: bytes, origin: str) -> str | Reject:
    """Text of a file's bytes, or the reason it is not an article's text."""
    if len(data) > MAX_BYTES:
        return Reject(origin, "too_large", f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    if not data.strip():
        return Reject(origin, "empty", "the file holds no text")
    if b"\x00" in data[:8192]:
        return Reject(origin, "binary", "NUL bytes: this is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data)
        if text is None:
            return Reject(origin, "bad_encoding", "not UTF-8 and no other encoding fits")
    return check_text(text, origin)


# Among encodings that fit equally well, news text in Latin script is most often Windows-1252.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _detect(data: bytes) -> str | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least_chaos]
    preferred = [m for m in tied if m.encoding in _PREFERRED]
    return str((preferred or tied)[0])


def check_text(text: str, origin: str) -> str | Reject:
    """Text that came as a string (JSON) still has to look like prose."""
    stripped = text.strip()
    if not stripped:
        return Reject(origin, "empty", "the article has no text")
    controls = len(_CONTROLS.findall(stripped, 0, 4000))
    if controls > 0.01 * min(len(stripped), 4000):
        return Reject(origin, "binary", f"{controls} control characters: this is not prose")
    if len(stripped) < MIN_CHARS:
        return Reject(origin, "too_short", f"{len(stripped)} characters is under the {MIN_CHARS}-character minimum")
    return text
