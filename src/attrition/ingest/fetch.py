"""Fetch a URL in bounded time and size, with a clear User-Agent and a few retries for transient errors.

Never raises for a network problem: the result is the body, or a Reject whose reason says what went
wrong (`fetch_timeout`, `http_error`, `fetch_failed`, `too_large`, `blocked_address`).

Time: each socket operation waits at most `timeout`, and the whole attempt (connection, headers,
body, redirects) at most `deadline`: a watchdog shuts the attempt's sockets down when it passes, so
a server that sends a byte a second cannot hold a run (and its writer lock) for ever. Redirects are
followed to http and https only, and, for a link that must stay public, never to a local address.
"""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from contextlib import suppress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from attrition import __version__
from attrition.ingest.addresses import non_public
from attrition.ingest.records import Reject

USER_AGENT = f"attrition/{__version__} (+https://github.com/attrition-project/attrition)"
DEADLINE_FACTOR = 4   # a whole attempt may take this many read timeouts


@dataclass(frozen=True)
class FetchConfig:
    timeout: float = field(default_factory=lambda: float(os.environ.get("ATTRITION_FETCH_TIMEOUT", "15")))
    max_bytes: int = 5_000_000      # same limit as a file on disk
    retries: int = 2                # after the first try, for timeouts, 5xx and 429
    backoff: float = 0.5            # seconds, doubled each retry
    user_agent: str = USER_AGENT
    # links found in content may point at local and private addresses (see attrition.ingest.addresses)
    allow_private: bool = field(
        default_factory=lambda: os.environ.get("ATTRITION_FETCH_PRIVATE", "").lower() in ("1", "true", "yes"))

    @property
    def deadline(self) -> float:
        return self.timeout * DEADLINE_FACTOR


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


class _Final(_Transient):
    pass


def fetch(url: str, config: FetchConfig | None = None, *, public_only: bool = False) -> Fetched | Reject:
    """The URL's body. `public_only`: the URL came from content (a feed entry's link), so it and its
    redirects must resolve to public addresses unless the config allows private ones."""
    config = config or FetchConfig()
    must_be_public = public_only and not config.allow_private
    if must_be_public and (why := non_public(url)):
        return Reject(url, "blocked_address", f"{why}: a link from content is not fetched from there "
                                              "(ATTRITION_FETCH_PRIVATE=1 allows it)")
    last: _Transient | None = None
    for attempt in range(config.retries + 1):
        if attempt:
            time.sleep(config.backoff * 2 ** (attempt - 1))
        try:
            return _fetch_once(url, config, must_be_public)
        except _Final as err:
            return Reject(url, err.reason, err.detail)
        except _Transient as err:
            last = err
    assert last is not None
    return Reject(url, last.reason, f"{last.detail} (after {config.retries + 1} attempts)")


def _fetch_once(url: str, config: FetchConfig, must_be_public: bool) -> Fetched:
    request = urllib.request.Request(url, headers={
        "User-Agent": config.user_agent,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
    })
    with _Watch(config.deadline) as watch:
        opener = urllib.request.build_opener(_HTTPHandler(watch), _HTTPSHandler(watch=watch),
                                             _Redirects(must_be_public))
        try:
            return _read(opener, request, config, watch)
        except Exception as err:
            if isinstance(err, _Final):
                raise
            if watch.expired:   # whatever the shut-down socket raised, the reason is the deadline
                raise _Transient("fetch_timeout", f"not answered and read within {config.deadline:g} s") from None
            if isinstance(err, _Transient):
                raise
            raise _classified(err, config) from None


def _read(opener: urllib.request.OpenerDirector, request: urllib.request.Request, config: FetchConfig,
          watch: _Watch) -> Fetched:
    with opener.open(request, timeout=config.timeout) as response:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > config.max_bytes:
            raise _Final("too_large", f"{int(declared):,} bytes is over the {config.max_bytes:,}-byte limit")
        chunks, size = [], 0
        # read1: what one receive gives, so the size and the deadline are checked as the body arrives
        while chunk := response.read1(65536):
            size += len(chunk)
            if size > config.max_bytes:
                raise _Final("too_large", f"over the {config.max_bytes:,}-byte limit; stopped reading")
            chunks.append(chunk)
        if watch.expired:   # a shut-down socket ends the body early: a cut body is no body
            raise _Transient("fetch_timeout", f"not answered and read within {config.deadline:g} s")
        return Fetched(response.geturl(), response.status, response.headers.get("Content-Type", ""),
                       b"".join(chunks))


def _classified(err: Exception, config: FetchConfig) -> _Transient:
    if isinstance(err, urllib.error.HTTPError):
        detail = f"HTTP {err.code} {err.reason}"
        return _Transient("http_error", detail) if err.code >= 500 or err.code == 429 else _Final("http_error", detail)
    if isinstance(err, TimeoutError):
        return _Transient("fetch_timeout", f"no answer within {config.timeout:g} s")
    if isinstance(err, urllib.error.URLError):
        if isinstance(err.reason, TimeoutError | socket.timeout):
            return _Transient("fetch_timeout", f"no answer within {config.timeout:g} s")
        return _Transient("fetch_failed", f"{type(err.reason).__name__}: {err.reason}")
    if isinstance(err, OSError | http.client.HTTPException):   # refused, reset, cut short
        return _Transient("fetch_failed", f"{type(err).__name__}: {err}")
    if isinstance(err, ValueError):   # a malformed URL
        return _Final("fetch_failed", f"{type(err).__name__}: {err}")
    raise err


class _Watch:
    """The sockets of one attempt, shut down when its deadline passes, whatever the server does."""

    def __init__(self, seconds: float):
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def connect(self, address, *args) -> socket.socket:
        """http.client's `_create_connection`: socket.create_connection, remembered."""
        sock = socket.create_connection(address, *args)
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def watched(self, connection_class):
        def make(host, **kwargs):
            connection = connection_class(host, **kwargs)
            connection._create_connection = self.connect
            return connection
        return make

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)   # a blocked receive in the fetching thread returns at once


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watch: _Watch):
        super().__init__()
        self.watch = watch

    def do_open(self, http_class, req, **kwargs):
        return super().do_open(self.watch.watched(http_class), req, **kwargs)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, *args, watch: _Watch, **kwargs):
        super().__init__(*args, **kwargs)
        self.watch = watch

    def do_open(self, http_class, req, **kwargs):
        return super().do_open(self.watch.watched(http_class), req, **kwargs)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only; for a link from content, never to a non-public address."""

    def __init__(self, must_be_public: bool):
        super().__init__()
        self.must_be_public = must_be_public

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            fp.close()
            raise _Final("fetch_failed", f"redirected to a {scheme or 'schemeless'} URL ({newurl[:200]}); "
                                         "only http and https are followed")
        if self.must_be_public and (why := non_public(newurl)):
            fp.close()
            raise _Final("blocked_address", f"redirected to {newurl[:200]}: {why}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)
