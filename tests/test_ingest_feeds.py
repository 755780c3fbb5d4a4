"""Feeds and pages over HTTP: a real server on 127.0.0.1 (port 0) started by the test, serving RSS and
Atom feeds, article pages, and endpoints that are slow, fail, answer with something that is not a
feed or a page, or are gone. Nothing but 127.0.0.1 is ever contacted."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from attrition.ingest.fetch import USER_AGENT, FetchConfig, fetch
from attrition.ingest.records import Reject
from attrition.ingest.stage import ingest
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SLOW_SECONDS = 1.5
FAST = FetchConfig(timeout=0.4, retries=1, backoff=0.01, max_bytes=200_000)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:   # keep test output quiet
        pass

    def do_GET(self) -> None:
        server: Server = self.server   # type: ignore[assignment]
        server.hits.append((self.path, self.headers.get("User-Agent")))
        path = self.path.split("?")[0]
        try:
            if path in ("/rss.xml", "/atom.xml"):
                body = (FIXTURES / "feeds" / path[1:]).read_text().replace("{base}", server.base)
                self._send(200, "application/rss+xml" if "rss" in path else "application/atom+xml", body.encode())
            elif path.startswith("/page/"):
                page = FIXTURES / "pages" / f"{path.removeprefix('/page/')}.html"
                self._send(200, "text/html; charset=utf-8", page.read_bytes()) if page.exists() else self._send(
                    404, "text/plain", b"not found")
            elif path == "/slow":
                time.sleep(SLOW_SECONDS)
                self._send(200, "text/html", (FIXTURES / "pages" / "mosul-offensive.html").read_bytes())
            elif path == "/error":
                self._send(500, "text/plain", b"internal server error")
            elif path == "/flaky":
                server.flaky += 1
                if server.flaky == 1:
                    self._send(503, "text/plain", b"try again")
                else:
                    self._send(200, "text/html", (FIXTURES / "pages" / "brussels-undated.html").read_bytes())
            elif path == "/status.json":
                self._send(200, "application/json", b'{"status": "ok", "items": []}')
            elif path == "/huge":
                self._send(200, "text/html", b"<html><body>" + b"<p>words words words.</p>" * 20_000)
            else:
                self._send(404, "text/plain", b"not found")
        except (BrokenPipeError, ConnectionResetError):   # the client gave up (timeout): that is the point
            pass

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.hits: list[tuple[str, str | None]] = []
        self.flaky = 0


@pytest.fixture
def server():
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def run(con, *sources, run_id="r1"):
    return ingest(con, list(sources), run_id, TODAY, fetch_config=FAST)


def rejects(con) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for reason, origin, detail in con.execute("select reason, origin, detail from ingest_rejects").fetchall():
        out.setdefault(reason, []).append((origin, detail))
    return out


def test_rss_and_atom_feeds_full_content_fetched_pages_and_failures(con, server):
    summary = run(con, f"{server.base}/rss.xml", f"{server.base}/atom.xml")
    rows = {r[0]: r[1:] for r in con.execute(
        "select title, source, published, published_how, canonical_url from articles").fetchall()}
    # Mosul (full content in both feeds: one article), Raqqa (fetched page), Baghdad (full content, Atom)
    assert len(rows) == 3 and summary.new == 3
    mosul = rows["Iraqi forces storm Mosul's Old City as Islamic State fights back"]
    assert (mosul[0], str(mosul[1]), mosul[2]) == ("Wire Example: World", "2017-06-20", "metadata")
    assert mosul[3] == f"https://127.0.0.1:{server.server_address[1]}/world/2017/06/20/mosul-old-city"
    raqqa = rows["U.S.-backed forces say Raqqa battle is over"]
    assert (raqqa[0], str(raqqa[1]), raqqa[2]) == ("Wire Example: World", "2017-10-17", "metadata")
    baghdad = rows["Car bomb kills eight at Baghdad market"]
    assert (baghdad[0], str(baghdad[1]), baghdad[2]) == ("Example Monitor", "2017-07-03", "dateline")
    # the same story from two feeds: one article, both sources recorded
    sources = con.execute("select s.source, s.feed from article_sources s join articles a using (article_id) "
                          "where a.title like 'Iraqi forces storm%' order by 1").fetchall()
    assert sources == [("Example Monitor", f"{server.base}/atom.xml"),
                       ("Wire Example: World", f"{server.base}/rss.xml")]
    assert summary.sources_added == 1
    # the share bar of the feed's HTML is gone, the raw HTML kept
    text, raw = con.execute("select text, raw_text from articles where title like 'Iraqi forces storm%'").fetchall()[0]
    assert "Share this" not in text and "Grand al-Nuri Mosque" in text and "<p>" in raw
    found = rejects(con)
    assert [o for o, _ in found["fetch_timeout"]] == [f"{server.base}/slow"]
    assert [o for o, _ in found["http_error"]] == [f"{server.base}/error"]
    assert "HTTP 500" in found["http_error"][0][1] and "2 attempts" in found["http_error"][0][1]
    assert found["bad_published_date"][0][1].startswith("2050-01-01 is in the future")
    assert [o for o, _ in found["no_prose"]] == [f"{server.base}/atom.xml#urn:example:monitor:8814"]
    assert summary.reject_reasons == {"fetch_timeout": 1, "http_error": 1, "bad_published_date": 1, "no_prose": 1}
    assert summary.rejected == 3
    assert {agent for _, agent in server.hits} == {USER_AGENT}
    assert USER_AGENT.startswith("attrition/") and "(+https://github.com/attrition-project/attrition)" in USER_AGENT


def test_polling_a_feed_again_fetches_only_what_is_new(con, server):
    run(con, f"{server.base}/rss.xml")
    server.hits.clear()
    summary = run(con, f"{server.base}/rss.xml", run_id="r2")
    assert summary.new == 0 and summary.seen == 2
    fetched = [path for path, _ in server.hits]
    assert "/page/raqqa-dateline" not in fetched   # stored already: its page is not downloaded again
    assert fetched.count("/rss.xml") == 1


def test_feed_file_on_disk(con, server, tmp_path):
    feed = tmp_path / "monitor.atom"
    feed.write_text((FIXTURES / "feeds" / "atom.xml").read_text().replace("{base}", server.base))
    summary = run(con, feed)
    assert summary.new == 2 and server.hits == []   # full content in the file: nothing fetched


def test_a_single_web_page_by_url(con, server):
    summary = run(con, f"{server.base}/page/mosul-offensive")
    assert summary.new == 1
    (published, how, url) = con.execute("select published, published_how, url from articles").fetchall()[0]
    assert (str(published), how) == ("2017-06-20", "html")
    assert url == "https://news.example.org/world/2017/jun/20/mosul-old-city-assault"   # rel=canonical


def test_down_slow_failing_and_not_feeds_are_recorded_and_the_good_feed_is_stored(con, server):
    with socket.socket() as s:   # a port nobody listens on: the feed is down
        s.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{s.getsockname()[1]}/feed.xml"
    summary = run(con, down, f"{server.base}/slow", f"{server.base}/error", f"{server.base}/status.json",
                  f"feed:{server.base}/page/raqqa-dateline", f"{server.base}/missing", f"{server.base}/huge",
                  f"{server.base}/atom.xml")
    found = rejects(con)
    assert [o for o, _ in found["fetch_failed"]] == [down]
    assert [o for o, _ in found["fetch_timeout"]] == [f"{server.base}/slow"]
    assert sorted(o for o, _ in found["http_error"]) == [f"{server.base}/error", f"{server.base}/missing"]
    assert sorted(o for o, _ in found["not_a_feed"]) == [f"feed:{server.base}/page/raqqa-dateline"[5:],
                                                         f"{server.base}/status.json"]
    assert [o for o, _ in found["too_large"]] == [f"{server.base}/huge"]
    assert "HTTP 404" in dict(found["http_error"])[f"{server.base}/missing"]
    assert summary.new == 2   # the Atom feed's two articles are stored all the same
    assert summary.rejected == 8 and summary.reject_reasons["fetch_failed"] == 1


def test_a_transient_error_is_retried():
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        got = fetch(f"{httpd.base}/flaky", FAST)
        assert not isinstance(got, Reject) and got.status == 200 and httpd.flaky == 2
        gone = fetch(f"{httpd.base}/missing", FAST)   # a 404 is not retried
        assert isinstance(gone, Reject) and gone.reason == "http_error"
        assert [p for p, _ in httpd.hits].count("/missing") == 1
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
