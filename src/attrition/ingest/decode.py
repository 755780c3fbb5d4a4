"""Bytes to text, refusing what is not text: empty, binary, oversized or undecodable input.

Text in any encoding that can be told apart is decoded: UTF-8, UTF-16/32 by their byte-order mark
(or, without one, by the NUL byte of every other position that ASCII text in UTF-16 has), and legacy
single-byte encodings by detection. What was not plain UTF-8 is flagged (`encoding_guessed`,
`invalid_utf8`): the article is kept and the row says how its bytes were read.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from attrition.ingest.records import Reject

MAX_BYTES = 5_000_000   # a news article is ~6 KB; 5 MB is a page dump or a mistake, not an article
MIN_CHARS = 40          # below this there is no report to code (a stub, a failed download); a wire brief is more
SHORT_CHARS = 200       # a kept article shorter than this is flagged `short_text` (a brief, an alert, a teaser?)
# Mostly UTF-8 with a few bad bytes (a file cut or pasted together): read as UTF-8, the bad bytes replaced,
# rather than the whole file in a single-byte encoding where every accent becomes mojibake.
INVALID_UTF8_SHARE = 0.01
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, origin: str, flags: list[Reject] | None = None) -> str | Reject:
    """Text of a file's bytes, or the reason it is not an article's text. How the bytes were read, when
    that was not plain UTF-8, is appended to `flags`."""
    flags = [] if flags is None else flags
    if len(data) > MAX_BYTES:
        return Reject(origin, "too_large", f"{len(data):,} bytes is over the {MAX_BYTES:,}-byte limit")
    if not data.strip():
        return Reject(origin, "empty", "the file holds no text")
    text = _by_bom(data)
    if text is None and (encoding := _utf16_without_bom(data)):
        text = _try(data, encoding)
        if text is not None:
            flags.append(Reject(origin, "encoding_guessed", f"no byte-order mark: read as {encoding}"))
    if text is None:
        if b"\x00" in data[:8192]:
            return Reject(origin, "binary", "NUL bytes: this is not a text file")
        text = _utf8(data, origin, flags)
    if text is None:
        return Reject(origin, "bad_encoding", "not UTF-8 and no other encoding fits")
    return check_text(text, origin)


def _by_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _try(data, encoding)
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a mark: text in Latin script has a NUL at nearly every even (BE) or odd (LE) byte."""
    head = data[:4096]
    if len(head) < 8 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _utf8(data: bytes, origin: str, flags: list[Reject]) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad <= INVALID_UTF8_SHARE * len(replaced) and _has_multibyte(data):
        flags.append(Reject(origin, "invalid_utf8", f"{bad} byte sequence(s) that are not UTF-8 replaced by U+FFFD"))
        return replaced
    detected = _detect(data)
    if detected is None:
        return None
    text, encoding = detected
    flags.append(Reject(origin, "encoding_guessed", f"not UTF-8: read as {encoding} (detected)"))
    return text


def _has_multibyte(data: bytes) -> bool:
    """Valid UTF-8 sequences of two bytes or more: the file was written in UTF-8, then damaged."""
    return re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data) is not None


# Among encodings that fit equally well, news text in Latin script is most often Windows-1252.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _detect(data: bytes) -> tuple[str, str] | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    least_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least_chaos]
    preferred = [m for m in tied if m.encoding in _PREFERRED]
    best = (preferred or tied)[0]
    return str(best), best.encoding


# A JSON or YAML escape such as "\\ud800" that is half of no pair parses to a lone surrogate: a character no
# UTF-8 text holds, which Arrow and DuckDB refuse (one would fail its whole batch).
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD]")   # a pattern that opens with a literal: 4x faster than two `in` tests


def may_escape_surrogate(data: bytes) -> bool:
    """The JSON holds an escape that may parse to a lone surrogate (a cheap test before walking its values)."""
    return _SURROGATE_ESCAPE.search(data) is not None


def without_surrogates(value: object, depth: int = 2) -> tuple[object, int]:
    """A parsed record (a JSON object, front matter) with every lone surrogate in its strings replaced by U+FFFD, and
    how many there were: its keys and values, and those of an object or list within it (a source given as {"name":
    ...}); deeper values are never read, and never walked (a record may nest a thousand levels)."""
    if isinstance(value, str):
        return _SURROGATE.subn("\ufffd", value)
    if depth == 0 or not isinstance(value, dict | list):
        return value, 0
    if isinstance(value, dict):
        pairs = [(without_surrogates(k, 0), without_surrogates(v, depth - 1)) for k, v in value.items()]
        return {k: v for (k, _), (v, _) in pairs}, sum(m + n for (_, m), (_, n) in pairs)
    items = [without_surrogates(v, depth - 1) for v in value]
    return [v for v, _ in items], sum(n for _, n in items)


def surrogates_flag(origin: str, count: int, where: str = "", external_id: str | None = None) -> Reject:
    return Reject(origin, "invalid_utf8", f"{count} lone surrogate escape(s) (\\ud800-\\udfff){where} replaced by "
                                          "U+FFFD", external_id)


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
