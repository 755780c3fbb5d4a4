"""Hostile and careless input: nothing lost, nothing leaked, no run blocked for good.

Each test feeds one class of bad input through the real readers, fetcher, stages or pipeline (real
DuckDB files, real HTTP servers on 127.0.0.1) and checks what happens to it: refused with a reason,
kept with a flag, or never fetched; and that the run goes on."""

from __future__ import annotations

import codecs
import gzip
import json
import re
import threading
import tracemalloc
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from attrition import db
from attrition.extract import stage as extract_stage
from attrition.ingest import readers
from attrition.ingest import stage as ingest_stage
from attrition.ingest.addresses import non_public
from attrition.ingest.decode import decode
from attrition.ingest.fetch import FetchConfig, fetch
from attrition.ingest.readers import ReadContext, parse_line, read_sources
from attrition.ingest.records import RawArticle, RawLine, Reject
from attrition.ingest.stage import _batches, ingest
from attrition.paths import SAMPLE_ARTICLES
from attrition.pipeline import RunConfig, run_pipeline
from tests.conftest import TODAY

PROSE = ("Gunmen attacked a checkpoint near the city of Tikrit on Monday, killing four soldiers, officials said. "
         "The Islamic State said in a statement that its fighters had carried out the assault, "
         "and the army closed the road to Baghdad for the rest of the day.")
ACCENTED = ("Le kamikaze s'est fait exploser près du café, à Bruxelles, tuant trois passants, selon la police. "
            "L'État islamique a revendiqué l'attentat dans un communiqué diffusé en ligne, et la gare a été "
            "fermée jusqu'à la fin de la journée.")


def stored(con) -> dict[str, dict]:
    cur = con.execute("select * from articles")
    names = [d[0] for d in cur.description]
    return {row[names.index("external_id")]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}


def recorded(con) -> list[tuple[str, str, str]]:
    return con.execute("select reason, origin, detail from ingest_rejects order by all").fetchall()


def reasons(con) -> list[str]:
    return [reason for reason, _, _ in recorded(con)]


# --- one bad article never blocks a database (issue 16, item 2) ---------------------------------------

ABSURD = ("A car bomb killed 99,999,999,999,999,999,999,999 people in Baghdad on Monday, police said. "
          "The Islamic State claimed responsibility for the attack in a statement on its Amaq news agency.")


def test_an_absurd_toll_is_refused_and_every_later_run_completes(tmp_path):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "absurd.txt").write_text(ABSURD, encoding="utf-8")
    (folder / "good.txt").write_text(PROSE, encoding="utf-8")
    config = RunConfig.build(tmp_path / "a.duckdb", [folder], today=TODAY)
    assert run_pipeline(config).status == "completed"
    assert run_pipeline(config).status == "completed"   # and the database is not blocked afterwards
    with db.connect(config.db_path, read_only=True) as con:
        killed, reasons_ = con.execute(
            "select m.killed, m.null_reasons from event_mentions m join articles a using (article_id) "
            "where a.external_id = 'absurd'").fetchone()
        assert killed is None and "killed:out_of_range" in reasons_
        assert con.execute("select count(*) from articles where extracted_version like 'failed:%'").fetchone() == (0,)


def test_an_article_whose_mentions_do_not_fit_their_columns_fails_alone(con, monkeypatch, tmp_path):
    (tmp_path / "one.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(PROSE.replace("four", "five"), encoding="utf-8")
    ingest(con, [tmp_path / "one.txt", tmp_path / "two.txt"], "r1", TODAY)
    real_row = extract_stage.mention_row
    broken_id = con.execute("select article_id from articles where external_id = 'one'").fetchone()[0]

    def row_that_does_not_convert(article_id, mention, published):
        row = real_row(article_id, mention, published)
        if article_id == broken_id:
            row["sentence_index"] = "not a number"   # any value Arrow refuses for its column
        return row

    monkeypatch.setattr(extract_stage, "mention_row", row_that_does_not_convert)
    summary = extract_stage.extract(con, "r1")
    assert summary.failed == 1 and summary.articles == 2
    assert con.execute("select distinct article_id from event_mentions").fetchall() != []
    assert broken_id not in {a for (a,) in con.execute("select article_id from event_mentions").fetchall()}
    (reason, origin, _), = [r for r in recorded(con) if r[0] == "extraction_failed"]
    assert origin == f"article:{broken_id}"


def test_towns_one_verb_lists_are_stored_as_mentions_with_their_own_ids(con, tmp_path):
    # one loss per town, one trigger: the same sentence and offset, which the id hashes, used to repeat an id and
    # fail the extract stage of the whole run
    (tmp_path / "two.txt").write_text("Iraqi forces and Kurdish peshmerga retook Makhmour and Gwer from the Islamic "
                                      "State on Sunday, officials said. The Islamic State had held both towns.",
                                      encoding="utf-8")
    ingest(con, [tmp_path / "two.txt"], "r1", TODAY)
    summary = extract_stage.extract(con, "r1")
    assert summary.failed == 0
    rows = con.execute("select mention_id, place from event_mentions order by place").fetchall()
    assert [place for _, place in rows] == ["Gwer", "Makhmour"] and len({i for i, _ in rows}) == 2


def test_a_batch_that_fails_while_stored_is_rolled_back_and_stops_the_ingest(con, folder, monkeypatch):
    # a batch is stored while the workers prepare the next: its failure ends the ingest, with the batches before it
    # whole and nothing of it or after it
    for i, word in enumerate(["two", "three", "five", "six", "seven", "eight"]):
        (folder / f"a{i}.txt").write_text(PROSE.replace("four", word), encoding="utf-8")
    real_transaction, calls = ingest_stage.transaction, []

    @contextmanager
    def failing_second(connection):
        calls.append(1)
        with real_transaction(connection):
            yield connection
            if len(calls) == 2:
                raise OSError("disk full")

    monkeypatch.setattr(ingest_stage, "transaction", failing_second)
    with pytest.raises(OSError, match="disk full"):
        ingest(con, [folder], "r1", TODAY, batch_size=2)
    assert sorted(stored(con)) == ["a0", "a1"] and len(calls) == 2
    monkeypatch.undo()
    assert ingest(con, [folder], "r2", TODAY, batch_size=2).new == 4   # the next run stores the rest


# --- memory is bounded by the caps, not by what a small input expands to (item 3) ------------------

def test_a_gzip_line_that_expands_past_the_cap_is_skipped_without_being_held(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 100_000)
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as fh:   # ~40 KB on disk, a 40 MB line inside
        fh.write(b'{"id": "huge", "text": "' + b"a" * 40_000_000 + b'"}\n')
        fh.write(json.dumps({"id": "after", "text": PROSE}).encode() + b"\n")
    tracemalloc.start()
    try:
        items = list(read_sources([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["Reject", "RawArticle"]
    assert items[0].reason == "too_large" and items[1].external_id == "after"
    assert peak < 10_000_000, f"{peak:,} bytes held to skip one line"


def test_a_yaml_alias_bomb_in_front_matter_is_refused_and_the_text_kept(con, tmp_path):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcd", "bcde", strict=True):
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    (tmp_path / "bomb.md").write_text("---\n" + "\n".join(levels) + "\ntitle: *e\n---\n" + PROSE, encoding="utf-8")
    summary = ingest(con, [tmp_path / "bomb.md"], "r1", TODAY)
    assert summary.new == 1 and stored(con)["bomb"]["title"] is None
    ((reason, _, detail),) = recorded(con)
    assert reason == "bad_metadata" and "aliases" in detail


def test_oversized_front_matter_and_sidecar_fields_are_refused_not_read(con, folder):
    (folder / "long.md").write_text("---\ntitle: " + "t" * 100_000 + "\n---\n" + PROSE, encoding="utf-8")
    (folder / "story.txt").write_text(ACCENTED, encoding="utf-8")
    (folder / "meta.csv").write_text('id,title\nstory,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    summary = ingest(con, [folder], "r1", TODAY)   # a CSV field over the csv module's limit used to crash
    assert summary.new == 2
    details = sorted(detail for reason, _, detail in recorded(con) if reason == "bad_metadata")
    assert len(details) == len(recorded(con)) == 2
    assert "field larger than field limit" in details[0] and "front matter of 100,007 characters" in details[1]


def test_json_lines_parsed_by_the_workers_give_what_the_reader_gives(con, folder):
    # the ingest stage reads an export's lines unparsed and its workers parse them: the same articles, flags and
    # rejects as the reader parsing them itself
    lines = [json.dumps({"id": "good", "title": "Tikrit", "text": PROSE}).encode(),
             b'{"id": "broken", "text": ',
             b'["not", "an", "object"]',
             json.dumps({"id": "bad-bytes", "text": ACCENTED}).encode().replace(b"trois", b"tr\xffois"),
             json.dumps({"id": "page", "html": "<html><body><p>" + PROSE.replace("four", "six") + "</p></body></html>"
                         }).encode(),
             b'{"id": "lone", "text": "\\ud800' + PROSE.replace("four", "nine").encode() + b'"}']
    (folder / "export.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    unparsed = list(read_sources([folder], ReadContext(lines_unparsed=True)))
    assert [type(item) for item in unparsed] == [RawLine] * len(lines)
    parsed = list(read_sources([folder]))
    assert [item for line in unparsed for item in parse_line(line)] == parsed
    summary = ingest(con, [folder], "r1", TODAY, batch_size=3, workers=2)
    assert summary.new == 4 and sorted(stored(con)) == ["bad-bytes", "good", "lone", "page"]
    assert sorted(reasons(con)) == sorted(r.reason for r in parsed if isinstance(r, Reject))
    assert sorted(reasons(con)) == ["bad_json", "bad_json", "invalid_utf8", "invalid_utf8"]


def test_batches_are_bounded_in_bytes_as_well_as_in_articles():
    items = [RawArticle(f"a{i}", f"o{i}", "x" * 400) for i in range(10)]
    sizes = [len(batch) for batch in _batches(items, 2000, 1000)]
    assert sizes == [2, 2, 2, 2, 2]
    huge = [RawArticle("big", "o", "x" * 5000), RawArticle("small", "o", "x")]
    assert [len(batch) for batch in _batches(huge, 2000, 1000)] == [1, 1]   # one article alone may exceed it


def test_extraction_chunks_are_bounded_in_bytes(con):
    from tests.helpers import add_article

    for i in range(5):
        add_article(con, f"art{i}", "2017-01-01", text="x" * 1000)
    chunk = extract_stage._pending(con, 2000, "", max_chars=2500)
    assert [row[0] for row in chunk] == ["art0", "art1"]


# --- a slow server never stalls a run (item 4) -------------------------------------------------------

class Drip(BaseHTTPRequestHandler):
    """Answers a byte at a time, a byte every 0.2 s: the headers (/headers) or a long body (/body)."""

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        stop: threading.Event = self.server.stop   # type: ignore[attr-defined]
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        try:
            if self.path == "/body":
                self.wfile.write(head)
                payload = b"<p>" + b"x" * 99_997
            else:
                payload = head + b"<p>" + b"x" * 99_997
            for byte in payload:
                if stop.wait(0.2):
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
        except OSError:   # the client hung up: what a deadline does
            pass


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_a_server_that_drips_a_byte_at_a_time_is_cut_off_at_the_deadline(path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    server.daemon_threads = True
    server.stop = threading.Event()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    result: list = []
    url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    # every read returns within the 1 s timeout; the whole attempt must end at 4 s all the same
    fetcher = threading.Thread(target=lambda: result.append(fetch(url, FetchConfig(timeout=1, retries=0))),
                               daemon=True)
    fetcher.start()
    try:
        fetcher.join(60)   # a bound on the test, far above the deadline; without one the fetch runs for hours
        assert not fetcher.is_alive(), "the fetch was still reading a minute later"
        (got,) = result
        assert isinstance(got, Reject) and got.reason == "fetch_timeout" and "within 4 s" in got.detail
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()


# --- links from content are not fetched from local addresses (item 5) -------------------------------

@pytest.mark.parametrize(("url", "kind"), [
    ("http://127.0.0.1:8080/admin", "loopback"), ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/x", "loopback"), ("http://10.1.2.3/", "private"),
    ("http://192.168.0.10/", "private"), ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://0.0.0.0/", "unspecified"), ("http://8.8.8.8/", None), ("http://[2606:4700::1111]/", None),
])
def test_which_addresses_are_not_public(url, kind):
    why = non_public(url)
    assert (why is None) if kind is None else (why is not None and kind in why)


# the test server's redirects: to another scheme, and back to a local page
REDIRECTS = {"/redirect-ftp": "ftp://127.0.0.1/file.txt", "/redirect-secret": "/secret"}


class Secrets(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits.append(self.path)   # type: ignore[attr-defined]
        if self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = (f"<html><body><article><p>{PROSE}</p><p>token=abc123 db_password=hunter2 is the "
                "configuration of this internal service, which nobody outside should read.</p>"
                "</article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def secrets():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Secrets)
    server.daemon_threads = True
    server.hits = []
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def _feed_linking_to(path: Path, link: str) -> Path:
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Somewhere</title>
  <item><title>Read this</title><link>{link}</link><guid>entry-1</guid>
    <description>A teaser.</description></item>
</channel></rss>""", encoding="utf-8")
    return path


def test_a_feed_link_to_a_local_address_is_not_fetched(con, secrets, tmp_path):
    feed = _feed_linking_to(tmp_path / "found.rss", f"{secrets.base}/secret")   # a file: names no local host
    summary = ingest(con, [feed], "r1", TODAY, fetch_config=FetchConfig(timeout=2, retries=0, allow_private=False))
    assert secrets.hits == [] and summary.new == 0
    ((reason, origin, detail),) = recorded(con)
    assert reason == "blocked_address" and origin == f"{secrets.base}/secret" and "loopback" in detail
    assert con.execute("select count(*) from articles where text like '%db_password%'").fetchone() == (0,)


def test_a_setting_or_a_local_feed_allows_local_links(con, secrets, tmp_path):
    feed = _feed_linking_to(tmp_path / "found.rss", f"{secrets.base}/one")
    summary = ingest(con, [feed], "r1", TODAY, fetch_config=FetchConfig(timeout=2, retries=0, allow_private=True))
    assert summary.new == 1 and secrets.hits == ["/one"]
    assert fetch(f"{secrets.base}/two", FetchConfig(timeout=2, retries=0)).status == 200   # a URL the user named


def test_redirects_go_to_http_only_and_not_to_a_local_address(secrets, monkeypatch):
    config = FetchConfig(timeout=2, retries=0, allow_private=False)
    got = fetch(f"{secrets.base}/redirect-ftp", config)
    assert isinstance(got, Reject) and got.reason == "fetch_failed" and "only http and https" in got.detail
    from attrition.ingest import fetch as fetch_module

    # 127.0.0.1 stands for a public host here, /secret for the local address it redirects to
    monkeypatch.setattr(fetch_module, "non_public", lambda url: "a local address" if "/secret" in url else None)
    got = fetch(f"{secrets.base}/redirect-secret", config, public_only=True)
    assert isinstance(got, Reject) and got.reason == "blocked_address"
    assert secrets.hits == ["/redirect-ftp", "/redirect-secret"]


# --- text in any detectable encoding; short and one-paragraph articles kept (item 6) -----------------

def test_utf16_with_and_without_a_byte_order_mark_is_decoded():
    assert decode(codecs.BOM_UTF16_LE + ACCENTED.encode("utf-16-le"), "f") == ACCENTED
    assert decode(ACCENTED.encode("utf-16"), "f") == ACCENTED   # Python writes the mark of its byte order
    assert decode(codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"), "f") == ACCENTED
    flags: list[Reject] = []
    assert decode(ACCENTED.encode("utf-16-le"), "f", flags) == ACCENTED
    assert [f.reason for f in flags] == ["encoding_guessed"]


def test_invalid_utf8_is_read_as_utf8_and_flagged_not_turned_into_mojibake():
    damaged = ACCENTED.encode("utf-8").replace(b"trois", b"tr\xffois")
    flags: list[Reject] = []
    text = decode(damaged, "f", flags)
    assert "près du café" in text and "Ã" not in text and "tr\ufffdois" in text
    assert [f.reason for f in flags] == ["invalid_utf8"]


def test_lone_surrogate_escapes_are_replaced_and_flagged_not_fatal_to_the_batch(con, folder):
    # "\ud800" parses (JSON and YAML) to a character no UTF-8 text holds: Arrow refused it, and the whole run failed
    lone, pair = "\\ud800", "\\ud83d\\ude00"
    (folder / "export.jsonl").write_text(
        '{"id": "line", "title": "Tikrit ' + lone + '", "text": "' + PROSE.replace("Monday", "Monday " + lone) + '"}\n'
        '{"id": "pair", "text": "' + PROSE.replace("Monday", "Monday " + pair).replace("four", "seven") + '"}\n',
        encoding="utf-8")
    (folder / "export.json").write_text('[{"id": "doc", "text": "\\uDC00' + PROSE.replace("four", "five") + '"}]',
                                        encoding="utf-8")
    (folder / "front.md").write_text('---\ntitle: "Tikrit ' + lone + '"\n---\n' + ACCENTED, encoding="utf-8")
    (folder / "side.txt").write_text(PROSE.replace("four", "six"), encoding="utf-8")
    (folder / "meta.jsonl").write_text('{"id": "side", "title": "' + lone + '"}\n', encoding="utf-8")
    summary = ingest(con, [folder], "r1", TODAY)
    rows = stored(con)
    assert summary.new == 5 and summary.rejected == 0
    assert "Monday \ufffd" in rows["line"]["text"] and rows["line"]["title"] == "Tikrit \ufffd"
    assert "Monday \U0001F600" in rows["pair"]["text"]   # a pair of escapes is one character, not replaced
    assert rows["doc"]["text"].startswith("\ufffd") and rows["front"]["title"] == "Tikrit \ufffd"
    assert rows["side"]["title"] == "\ufffd"
    flagged = {origin.rsplit("/", 1)[-1]: detail.split(" (")[0] for reason, origin, detail in recorded(con)
               if reason == "invalid_utf8"}
    assert flagged == {"export.jsonl:1": "2 lone surrogate escape(s)", "export.json#0": "1 lone surrogate escape(s)",
                       "front.md": "1 lone surrogate escape(s)", "meta.jsonl:1": "1 lone surrogate escape(s)"}
    named = dict(con.execute("select origin, external_id from ingest_rejects where reason = 'invalid_utf8'").fetchall())
    assert {named[o] for o in named if o.endswith(("export.jsonl:1", "export.json#0"))} == {"line", "doc"}


def test_briefs_and_lone_paragraphs_are_kept_and_flagged(con, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "brief.txt").write_text("A suicide bomber killed 22 people at a concert in Manchester on Monday "
                                      "night, police said. Islamic State claimed responsibility.", encoding="utf-8")
    (folder / "reuters.txt").write_text(PROSE + " Reporting by Ahmed Rasheed; editing by Jane Doe (Reuters)",
                                        encoding="utf-8")
    (folder / "utf16.txt").write_bytes(ACCENTED.encode("utf-16"))
    (folder / "stub.txt").write_text("Breaking news.", encoding="utf-8")
    summary = ingest(con, [folder], "r1", TODAY)
    rows = stored(con)
    assert sorted(rows) == ["brief", "reuters", "utf16"]
    assert rows["reuters"]["text"].endswith("(Reuters)") and rows["utf16"]["text"] == ACCENTED
    assert sorted(reasons(con)) == ["short_text", "too_short"]   # the brief is flagged, the stub refused
    assert summary.rejected == 1


def test_duplicate_sidecar_ids_and_non_text_metadata_are_refused(con, folder):
    tmp_path = folder
    (tmp_path / "story.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text(json.dumps({"id": "story", "title": "First"}) + "\n"
                                         + json.dumps({"id": "story", "title": "Second"}) + "\n", encoding="utf-8")
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": {"$oid": "5f1"}, "title": ["a", "b"], "text": PROSE + " Again."}) + "\n",
                      encoding="utf-8")
    summary = ingest(con, [tmp_path], "r1", TODAY)
    rows = stored(con)
    assert summary.new == 2 and rows["story"]["title"] == "First"
    assert rows["export-1"]["title"] is None   # not "['a', 'b']"
    details = sorted(detail for reason, _, detail in recorded(con) if reason == "bad_metadata")
    assert len(details) == 3
    assert any("'id' is a JSON object" in d for d in details) and any("'title' is a JSON list" in d for d in details)
    assert any("again (first on line 1)" in d for d in details)


# --- reruns do not record the same reject twice (item 7) ---------------------------------------------

def test_reading_the_same_bad_input_again_records_it_once(con, folder):
    tmp_path = folder
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text(json.dumps({"id": "good", "published": "1/21"}) + "\n", encoding="utf-8")
    first = ingest(con, [tmp_path], "r1", TODAY)
    second = ingest(con, [tmp_path], "r2", TODAY)
    assert first.reject_reasons == second.reject_reasons == {"empty": 1, "bad_published_date": 1}
    assert sorted(reasons(con)) == ["bad_published_date", "empty"]


# --- the validation report needs no network (item 8) ----------------------------------------------

REMOTE_LOAD = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href|srcset)=["']?(?:https?:)?//"""
                         r"""|url\(\s*["']?(?:https?:)?//|@import\s+(?:url\()?\s*["']?(?:https?:)?//""", re.I)


def test_data_docs_load_nothing_from_the_network_and_carry_no_context_id(tmp_path):
    config = RunConfig.build(tmp_path / "docs.duckdb", [SAMPLE_ARTICLES], today=TODAY)
    run = run_pipeline(config)
    site = Path(run.docs_index).parent
    pages = list(site.rglob("*.html"))
    assert len(pages) > 4   # the index, the suites and the validation results
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not REMOTE_LOAD.findall(html), (page.name, REMOTE_LOAD.findall(html)[:3])
        assert "dataContextId" not in html and "static/offline/jquery.min.js" in html
