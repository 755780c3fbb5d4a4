"""Ingest from files analysts have: saved web pages, Markdown with front matter, a JSONL export,
sidecars; dates from metadata, the page or a dateline; identity by content and canonical URL;
every bad input recorded with its reason while the good articles of the same run are stored."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import pytest

from attrition import db
from attrition.ingest import decode as decode_module
from attrition.ingest.datelines import dateline_date
from attrition.ingest.html import extract_page
from attrition.ingest.identity import canonical_url
from attrition.ingest.stage import ingest
from attrition.pipeline import RunConfig, run_pipeline
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGES = FIXTURES / "pages"
PROSE = ("Gunmen attacked a checkpoint near the city of Tikrit on Monday, killing four soldiers, officials said. "
         "The Islamic State said in a statement that its fighters had carried out the assault, "
         "and the army closed the road to Baghdad for the rest of the day.")


def articles(con, where: str = "true") -> dict[str, dict]:
    cur = con.execute(f"select * from articles where {where}")
    names = [d[0] for d in cur.description]
    return {row[names.index("external_id")]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}


def rejects(con) -> list[tuple[str, str, str]]:
    return con.execute("select reason, origin, detail from ingest_rejects order by origin, reason").fetchall()


def reasons(con) -> dict[str, int]:
    return dict(con.execute("select reason, count(*) from ingest_rejects group by 1").fetchall())


# --- saved web pages -------------------------------------------------------------------------------

def test_saved_pages_keep_the_article_and_its_own_date_never_a_footer_or_sidebar_date(con, tmp_path):
    summary = ingest(con, [PAGES], "r1", TODAY)
    assert summary.new == 3 and summary.rejected == 0
    rows = articles(con)
    mosul, raqqa, brussels = rows["mosul-offensive"], rows["raqqa-dateline"], rows["brussels-undated"]
    # meta article:published_time, not the "November 12, 2018" of the related list and the footer
    assert (str(mosul["published"]), mosul["published_how"]) == ("2017-06-20", "html")
    # no date in the markup but a sidebar and footer full of 2018: the dateline opening the text
    assert (str(raqqa["published"]), raqqa["published_how"]) == ("2017-10-17", "dateline")
    # nothing but traps: no date, and the article is still stored
    assert (brussels["published"], brussels["published_how"]) == (None, "missing")
    assert mosul["title"] == "Iraqi forces storm Mosul's Old City as Islamic State fights back"
    assert mosul["canonical_url"] == "https://news.example.org/world/2017/jun/20/mosul-old-city-assault"
    assert mosul["raw_format"] == "html" and "<aside" in mosul["raw_text"]
    for row in rows.values():
        text = row["text"]
        assert "2018" not in text and "newsletter" not in text.lower() and "Related" not in text
        assert "Print Friendly" not in text and "All rights reserved" not in text
    assert mosul["text"].startswith("MOSUL, Iraq — Iraqi special forces pushed")
    assert "the last fighter is gone" in mosul["text"]


def test_page_date_ignores_furniture_even_with_a_time_element():
    html = (PAGES / "brussels-undated.html").read_text()
    assert extract_page(html, today=TODAY).published is None


@pytest.mark.parametrize("text, expected", [
    ("RAQQA, Syria, Oct. 17, 2017 (Reuters) — Militias said", dt.date(2017, 10, 17)),
    ("PARIS, 14 November 2015: Gunmen", dt.date(2015, 11, 14)),
    ("Washington, D.C., March 3, 2016 — The", dt.date(2016, 3, 3)),
    ("Iraqi forces took Mosul on June 20, 2017 - after", None),      # a date in a sentence is no dateline
    ("BAGHDAD, Nov 14 (Reuters) - A bomb", None),                     # no year: no date
    ("The story.\n\nMore stories\nNovember 12, 2018 — Storm hits", None),
])
def test_datelines(text, expected):
    assert dateline_date(text, TODAY) == expected


def test_canonical_url_drops_tracking_and_home_pages():
    nyt = ("http://www.nytimes.com/2016/09/20/nyregion/rahami.html?&hp&action=click&pgtype=Homepage"
           "&clickSource=story-heading&WT.nav=top-news")
    assert canonical_url(nyt) == "https://nytimes.com/2016/09/20/nyregion/rahami.html"
    assert canonical_url("https://example.org/a/?utm_source=x&id=7#c") == canonical_url("http://EXAMPLE.org/a?id=7")
    assert canonical_url("https://www.cnn.com/") is None and canonical_url("not a url") is None


# --- Markdown with front matter, sidecars ------------------------------------------------------------

def test_markdown_front_matter_and_a_broken_one(con, folder):
    (folder / "good.md").write_text(
        f"---\ntitle: Checkpoint attack\nsource: Example Daily\npublished: 2016-04-02\n"
        f"url: https://daily.example.com/tikrit\n---\n# Checkpoint attack\n\n{PROSE}\n")
    (folder / "broken.md").write_text(f"---\ntitle: [unclosed\n---\n{PROSE} It was the second such attack.\n")
    summary = ingest(con, [folder], "r1", TODAY)
    rows = articles(con)
    assert summary.new == 2
    good = rows["good"]
    assert (good["title"], good["source"], str(good["published"])) == ("Checkpoint attack", "Example Daily",
                                                                       "2016-04-02")
    assert not good["text"].startswith("---") and "title:" not in good["raw_text"]
    assert rows["broken"]["published_how"] == "missing"
    assert reasons(con) == {"bad_metadata": 1}


def test_sidecar_gives_plain_text_its_metadata_and_date(con, folder):
    (folder / "a1.txt").write_text(PROSE)
    (folder / "meta.jsonl").write_text(json.dumps({"id": "a1", "published": "2016-04-02", "source": "W"}) + "\n")
    ingest(con, [folder], "r1", TODAY)
    row = articles(con)["a1"]
    assert (str(row["published"]), row["published_how"], row["source"]) == ("2016-04-02", "metadata", "W")


# --- a JSONL export, and every bad input of it ---------------------------------------------------------

def test_jsonl_export_with_text_html_and_dirty_dates(con, tmp_path):
    export = tmp_path / "export.jsonl.gz"
    with gzip.open(export, "wb") as fh:
        fh.write((FIXTURES / "export.jsonl").read_bytes())
    summary = ingest(con, [export], "r1", TODAY)
    rows = articles(con)
    assert sorted(rows) == ["exp-1", "exp-2", "exp-3", "exp-4", "exp-7", "exp-8"]
    assert summary.new == 6
    # metadata date
    assert (str(rows["exp-1"]["published"]), rows["exp-1"]["published_how"]) == ("2017-05-05", "metadata")
    assert "Share this" not in rows["exp-1"]["text"] and "Share this" in rows["exp-1"]["raw_text"]
    # "1/21" refused, then the dateline gives the date
    assert (str(rows["exp-2"]["published"]), rows["exp-2"]["published_how"]) == ("2016-02-03", "dateline")
    assert rows["exp-2"]["published_raw"] == "1/21" and rows["exp-2"]["source"] == "Example Wire"
    # "0001-01-01" and a year 2050 refused, nothing else to go on: kept without a date
    for key, raw in (("exp-3", "0001-01-01"), ("exp-7", "2050-03-01")):
        assert (rows[key]["published"], rows[key]["published_how"], rows[key]["published_raw"]) == (None, "missing",
                                                                                                    raw)
    # HTML in an export: the article date in the page's meta, not the related list's
    assert (str(rows["exp-4"]["published"]), rows["exp-4"]["published_how"]) == ("2015-06-26", "html")
    assert rows["exp-8"]["published_how"] == "missing"
    found = {(reason, origin.rsplit(":", 1)[1]) for reason, origin, _ in rejects(con)}
    assert found == {("bad_published_date", "2"), ("bad_published_date", "3"), ("empty", "5"), ("bad_json", "6"),
                     ("bad_published_date", "7")}
    details = {origin.rsplit(":", 1)[1]: detail for _, origin, detail in rejects(con)}
    assert "no year in '1/21'" in details["2"] and "before 1990" in details["3"] and "future" in details["7"]
    assert summary.rejected == 2 and summary.reject_reasons["bad_published_date"] == 3


def test_every_bad_file_is_recorded_and_the_good_ones_are_stored(con, folder, tmp_path, monkeypatch):
    monkeypatch.setattr(decode_module, "MAX_BYTES", 50_000)
    from attrition.ingest import readers
    monkeypatch.setattr(readers, "MAX_BYTES", 50_000)
    (folder / "good.txt").write_text(PROSE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)
    (folder / "cp1252.txt").write_bytes(
        ("Le kamikaze s'est fait exploser près du café, à Bruxelles, tuant trois passants, selon la police. "
         "L'État islamique a revendiqué l'attentat dans un communiqué diffusé en ligne, et la gare a été fermée "
         "jusqu'à la fin de la journée.").encode("cp1252"))
    (folder / "huge.txt").write_text(PROSE * 400)
    (folder / "page.html").write_text("<html><body><nav>Home | World</nav><div class='sidebar'>Most read</div>"
                                        "<footer>© 2018</footer></body></html>")
    (folder / "picture.jpg").write_bytes(b"\xff\xd8\xff\xe0" * 10)
    (folder / "notes.rss").write_text("this is not a feed at all, only a note")
    (folder / "lines.jsonl").write_text('{"id": "j1", "text": "Second report. ' + PROSE + '"}\n{"id": "j2", "text": \n')
    summary = ingest(con, [folder, tmp_path / "nowhere"], "r1", TODAY)
    assert sorted(articles(con)) == ["cp1252", "good", "j1"]
    assert "près du café" in articles(con)["cp1252"]["text"]
    assert reasons(con) == {"empty": 1, "binary": 1, "too_large": 1, "too_short": 1, "unsupported_type": 1,
                            "not_a_feed": 1, "bad_json": 1, "missing_source": 1,
                            "encoding_guessed": 1}   # a flag: the cp1252 file is stored, and says how it was read
    assert summary.rejected == 8 and summary.reject_reasons == reasons(con)
    for reason, origin, detail in rejects(con):
        assert origin and detail, reason


# --- once, and only once ---------------------------------------------------------------------------

def _export(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_the_same_story_twice_is_one_article_with_both_sources(con, tmp_path):
    a = _export(tmp_path / "a.jsonl", {"id": "a", "source": "Wire A", "url": "https://a.example/x", "text": PROSE})
    b = _export(tmp_path / "b.jsonl", {"id": "b", "source": "Paper B", "url": "https://b.example/y",
                                       "text": PROSE.upper().replace(" ", "  ")})
    summary = ingest(con, [a, b], "r1", TODAY)
    assert (summary.new, summary.seen, summary.sources_added) == (1, 1, 1)
    links = con.execute("select source, url from article_sources order by source").fetchall()
    assert links == [("Paper B", "https://b.example/y"), ("Wire A", "https://a.example/x")]
    again = ingest(con, [a, b], "r2", TODAY)   # incremental: nothing new, nothing added twice
    assert (again.new, again.seen, again.sources_added) == (0, 2, 0)
    assert con.execute("select count(*) from article_sources").fetchall()[0][0] == 2


def test_a_changed_article_at_the_same_url_is_a_new_version(con, tmp_path):
    v1 = _export(tmp_path / "v1.jsonl", {"id": "s", "url": "http://www.wire.example/story?utm_source=rss",
                                         "published": "2017-05-05", "text": PROSE})
    v2 = _export(tmp_path / "v2.jsonl", {"id": "s", "url": "https://wire.example/story",
                                         "published": "2017-05-05", "text": PROSE + " The toll later rose to six."})
    ingest(con, [v1], "r1", TODAY)
    summary = ingest(con, [v2, v1], "r2", TODAY)   # v1 again: already stored, not a third version
    assert (summary.new, summary.versions, summary.seen) == (1, 1, 1)
    rows = con.execute("select article_id, version, supersedes, superseded_by from articles order by version"
                       ).fetchall()
    (old_id, v_old, _, old_by), (new_id, v_new, new_sup, new_by) = rows
    assert (v_old, v_new, old_by, new_sup, new_by) == (1, 2, new_id, old_id, None)


def test_versions_within_one_batch(con, tmp_path):
    path = _export(tmp_path / "v.jsonl", *[{"id": f"s{i}", "url": "https://wire.example/story",
                                            "text": PROSE + f" Update number {i} of the story."} for i in range(3)])
    ingest(con, [path], "r1", TODAY)
    rows = con.execute("select external_id, version, superseded_by is null from articles order by version").fetchall()
    assert rows == [("s0", 1, False), ("s1", 2, False), ("s2", 3, True)]


def _attack(killed: int) -> str:
    return (f"KABUL, May 5, 2017 — A suicide bomber killed {killed} people at a police checkpoint in Kabul on "
            "May 5, 2017, officials said. The Islamic State claimed responsibility for the bombing in a statement "
            "posted online by its Amaq news agency.")


def test_a_new_version_replaces_the_old_mentions_in_incidents(tmp_path, db_path):
    story = {"id": "k", "source": "Wire", "url": "https://wire.example/kabul", "published": "2017-05-05"}
    first = _export(tmp_path / "v1.jsonl", {**story, "text": _attack(12)})
    second = _export(tmp_path / "v2.jsonl", {**story, "text": _attack(15)})
    run_pipeline(RunConfig.build(db_path, [first], today=TODAY))
    with db.connect(db_path, read_only=True) as c:
        assert c.execute("select killed_best from incidents where kind = 'attack'").fetchall() == [(12,)]
    summary = run_pipeline(RunConfig.build(db_path, [second], today=TODAY))
    assert summary.ingest.versions == 1 and summary.extract.articles == 1
    with db.connect(db_path, read_only=True) as c:
        assert c.execute("select killed_best, n_articles from incidents where kind = 'attack'").fetchall() == [(15, 1)]
        old = c.execute("select count(*), count(m.incident_id) from event_mentions m join articles a using "
                        "(article_id) where a.superseded_by is not null").fetchall()[0]
        assert old[0] >= 1 and old[1] == 0   # the old mentions are kept, but left their incident
        assert c.execute("select count(*) from validated_incidents where kind = 'attack'").fetchall()[0][0] == 1
    again = run_pipeline(RunConfig.build(db_path, [first, second], today=TODAY))
    assert again.ingest.new == 0 and again.extract.articles == 0


def test_a_text_read_twice_is_extracted_as_first_read_and_stored(tmp_path, db_path):
    # the same text with two publication dates: the row stored is the first reading, and so are its mentions
    text = ("A suicide bomber killed 12 people at a police checkpoint in Kabul on Monday, officials said. "
            "The Islamic State claimed responsibility for the bombing through its Amaq news agency.")
    path = _export(tmp_path / "twice.jsonl", {"id": "a", "published": "2017-05-05", "text": text},
                   {"id": "b", "published": "2017-06-01", "text": text})
    summary = run_pipeline(RunConfig.build(db_path, [path], today=TODAY, workers=1))
    assert (summary.ingest.new, summary.ingest.seen, summary.extract.articles) == (1, 1, 1)
    with db.connect(db_path, read_only=True) as c:
        assert c.execute("select published from articles").fetchall() == [(dt.date(2017, 5, 5),)]
        assert c.execute("select date_start from event_mentions where kind = 'attack'").fetchall() == [
            (dt.date(2017, 5, 1),)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_version_superseded_in_its_own_batch_is_not_extracted(tmp_path, db_path, workers):
    # its text was extracted ahead with the others, but it was never pending: its mentions are not stored
    story = {"source": "Wire", "url": "https://wire.example/kabul", "published": "2017-05-05"}
    path = _export(tmp_path / "v.jsonl", *[{**story, "id": f"k{i}", "text": _attack(killed)}
                                           for i, killed in enumerate((12, 13, 14, 15))])
    summary = run_pipeline(RunConfig.build(db_path, [path], today=TODAY, workers=workers))
    assert summary.ingest.versions == 3 and summary.extract.articles == 1
    with db.connect(db_path, read_only=True) as c:
        assert c.execute("select distinct killed from event_mentions where kind = 'attack'").fetchall() == [(15,)]


def test_an_article_without_a_date_keeps_relative_event_dates_unresolved(tmp_path, db_path):
    path = _export(tmp_path / "undated.jsonl", {
        "id": "u", "source": "Wire", "text": "A suicide bomber killed nine people at a market in Baghdad on Friday, "
        "police said. The Islamic State claimed responsibility for the attack in a statement posted online by its "
        "Amaq news agency, and security was tightened at markets across the city."})
    summary = run_pipeline(RunConfig.build(db_path, [path], today=TODAY))
    assert summary.status == "completed" and summary.ingest.new == 1
    with db.connect(db_path, read_only=True) as c:
        (how,) = c.execute("select published_how from articles").fetchall()[0]
        mentions = c.execute("select date_start, null_reasons from event_mentions").fetchall()
    assert how == "missing"
    assert mentions and all(start is None for start, _ in mentions)
    assert all(any(r.startswith("date:") for r in reasons) for _, reasons in mentions)


def test_incremental_pages_are_not_stored_twice(con, tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(PAGES, folder)
    ingest(con, [folder], "r1", TODAY)
    summary = ingest(con, [folder], "r2", TODAY)
    assert (summary.new, summary.seen) == (0, 3)


@pytest.mark.parametrize("raw, expected, reason", [
    ("7/23/17", dt.date(2017, 7, 23), None),          # the real corpus writes US dates with two-digit years
    ("23/07/2017", dt.date(2017, 7, 23), None),
    ("4/12/19", None, "ambiguous day and month"),      # 12 April or 4 December: not guessed
    ("1/21", None, "no year"),
    ("0001-11-30", None, "before 1990"),
    ("2050-09-30", None, "in the future"),
])
def test_numeric_publication_dates_are_read_only_when_unambiguous(raw, expected, reason):
    from attrition.ingest.published import parse_published
    value, why = parse_published(raw, TODAY)
    assert value == expected and (why is None if reason is None else reason in why)
