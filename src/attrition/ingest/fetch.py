"""Fetch a URL in bounded time and size, with a clear User-Agent and a few retries for transient errors.

Never raises for a network problem: the result is the body, or a Reject whose reason says what went
wrong (`fetch_timeout`, `http_error`, `fetch_failed`, `too_large`).
"""

from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from attrition import __version__
from attrition.ingest.records import Reject

USER_AGENT = f"attrition/{__version__} (+https://github.com/attrition-project/attrition)"


@dataclass(frozen=True)
class FetchConfig:
    timeout: float = field(default_factory=lambda: float(os.environ.get("ATTRITION_FETCH_TIMEOUT", "15")))
    max_bytes: int = 5_000_000      # same limit as a file on disk
    retries: int = 2                # after the first try, for timeouts, 5xx and 429
    backoff: float = 0.5            # seconds, doubled each retry
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    url: str                        # after redirects
    status: int
    content_type: str
    body: bytes


class _Transient(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def fetch(url: str, config: FetchConfig | None = None) -> Fetched | Reject:
    config = config or FetchConfig()
    last: _Transient | None = None
    for attempt in range(config.retries + 1):
        if attempt:
            time.sleep(config.backoff * 2 ** (attempt - 1))
        try:
            return _fetch_once(url, config)
        except _Final as err:
            return Reject(url, err.reason, err.detail)
        except _Transient as err:
            last = err
    assert last is not None
    return Reject(url, last.reason, f"{last.detail} (after {config.retries + 1} attempts)")


class _Final(_Transient):
    pass


def _fetch_once(url: str, config: FetchConfig) -> Fetched:
    request = urllib.request.Request(url, headers={
        "User-Agent": config.user_agent,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
    })
    deadline = time.monotonic() + config.timeout * 4   # per-read timeout below; this bounds a slow drip
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > config.max_bytes:
                raise _Final("too_large", f"{int(declared):,} bytes is over the {config.max_bytes:,}-byte limit")
            chunks, size = [], 0
            while chunk := response.read(65536):
                size += len(chunk)
                if size > config.max_bytes:
                    raise _Final("too_large", f"over the {config.max_bytes:,}-byte limit; stopped reading")
                if time.monotonic() > deadline:
                    raise _Transient("fetch_timeout", f"body not read within {config.timeout * 4:g} s")
                chunks.append(chunk)
            return Fetched(response.geturl(), response.status, response.headers.get("Content-Type", ""),
                           b"".join(chunks))
    except urllib.error.HTTPError as err:
        detail = f"HTTP {err.code} {err.reason}"
        if err.code >= 500 or err.code == 429:
            raise _Transient("http_error", detail) from None
        raise _Final("http_error", detail) from None
    except TimeoutError as err:
        raise _Transient("fetch_timeout", f"no answer within {config.timeout:g} s") from err
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError | socket.timeout):
            raise _Transient("fetch_timeout", f"no answer within {config.timeout:g} s") from None
        raise _Transient("fetch_failed", f"{type(err.reason).__name__}: {err.reason}") from None
    except (OSError, http.client.HTTPException) as err:   # refused, reset, cut short
        raise _Transient("fetch_failed", f"{type(err).__name__}: {err}") from None
    except ValueError as err:   # a malformed URL
        raise _Final("fetch_failed", f"{type(err).__name__}: {err}") from None
