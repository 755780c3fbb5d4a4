"""Ingest parts as plain functions: decoding, publication dates, boilerplate removal, readers."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from attrition.ingest.clean import clean_text, content_hash
from attrition.ingest.decode import MAX_BYTES, decode
from attrition.ingest.published import parse_published
from attrition.ingest.readers import read_sources
from attrition.ingest.records import RawArticle, Reject

TODAY = dt.date(2026, 1, 1)
PROSE = "Gunmen attacked a checkpoint near the city of Tikrit on Monday, killing four soldiers, officials said."


@pytest.mark.parametrize("raw, expected, reason", [
    ("2015-11-14", dt.date(2015, 11, 14), None),
    ("2019-05-02T10:00:00Z", dt.date(2019, 5, 2), None),
    ("Nov 14, 2015", dt.date(2015, 11, 14), None),
    ("0001-01-01", None, "before 1990"),
    ("2050-03-01", None, "in the future"),
    ("1/21", None, "no year"),
    ("2015-02-30", None, "not a calendar date"),
    ("yesterday-ish", None, "no year"),
])
def test_publication_dates(raw, expected, reason):
    value, why = parse_published(raw, TODAY)
    assert value == expected
    assert (why is None) if reason is None else (reason in why)


def test_missing_publication_date_is_no_error():
    assert parse_published(None, TODAY) == (None, None)
    assert parse_published("  ", TODAY) == (None, None)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\x00\x01PK\x03\x04" * 50, "binary"),
    (b"short text.", "too_short"),
    (b"x" * (MAX_BYTES + 1), "too_large"),
])
def test_decode_refuses_what_is_not_an_article(data, reason):
    result = decode(data, "f.txt")
    assert isinstance(result, Reject) and result.reason == reason


def test_decode_detects_a_legacy_encoding():
    text = ("Le kamikaze s'est fait exploser près du café, à Bruxelles, tuant trois passants. " * 5)
    result = decode(text.encode("cp1252"), "f.txt")
    assert isinstance(result, str) and "près du café" in result


def test_clean_text_keeps_prose_and_drops_page_furniture():
    raw = "\n".join([
        "FacebookTwitterGoogle+RedditEmail",
        "Attack in Tikrit",
        PROSE,
        "Sign up for our free newsletter to get the news in your inbox every morning of the week.",
        "Photo by A. Person | CC BY 2.0",
        "The militants withdrew after the assault and the road was reopened to traffic by evening.",
        "Jane Doe is a correspondent for the Daily Example covering the Middle East and North Africa.",
        "More articles by:",
        "November 12, 2018",
        "Dozens killed in unrelated bombing, sidebar says nothing about this story.",
    ])
    cleaned = clean_text(raw, title="Attack in Tikrit")
    assert cleaned.split("\n\n") == [
        PROSE, "The militants withdrew after the assault and the road was reopened to traffic by evening."]


@pytest.mark.parametrize("furniture", [
    "Get the top stories of the day delivered straight to your inbox.",
    "Subscribe to our channel for more videos like this one, every day.",
    "Sign up to receive our free briefing each morning of the week.",
    "Sign-up is free and takes less than a minute of your time.",
    "Log in to continue reading this article in full right now.",
    "Login to comment on this story and join the discussion below.",
    "We use cookies to improve your experience on this web site.",
    "Read our Privacy Policy for details of how we handle your data.",
    "By using this site you agree to our Terms of Use and to our rules.",
    "By using this site you agree to our Terms of Service and our rules.",
    "Copyright 2016 The Example Times. All Rights Reserved.",
    "Click here to see more photos of the scene after the blast.",
    "Follow us on all the social networks for the latest updates.",
    "Share this story with your friends and your family, right now.",
    "This article is licensed under a license that lets you reuse it.",
    "The picture is shared under a Creative Commons license, with credit.",
    "Smoke rises over the city after the blast on Monday. (Getty Images)",
    "Smoke rises over the city after the blast on Monday. (AP Photo/A. Person)",
    "\u00a9 2016 The Example Times and its many partners around the world.",
])
def test_clean_text_drops_a_line_of_furniture_that_ends_like_prose(furniture):
    # every piece of page furniture a line may hold anywhere (one literal of each is what an article is searched for)
    assert clean_text(PROSE + "\n" + furniture) == PROSE
    assert clean_text(PROSE + "\n" + furniture.replace(" ", "\u00a0 ", 1)) == PROSE


def test_clean_text_drops_a_list_of_other_headlines():
    raw = "\n".join([PROSE, "-", "Senate passes the budget bill after a long night?", "By A Writer Published",
                     "-", "Storm hits the coast?", "By B Writer Published"])
    assert clean_text(raw) == PROSE


def test_content_hash_ignores_case_spacing_and_quotes():
    assert content_hash("ISIS “claimed”  the attack.") == content_hash("isis \"claimed\" the attack")
    assert content_hash("ISIS claimed the attack.") != content_hash("ISIS denied the attack.")


def test_jsonl_gz_streams_records_and_rejects_bad_lines(tmp_path):
    path = tmp_path / "export.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a1", "title": "T", "text": PROSE * 3, "published": "2017-06-20",
                             "source": {"name": "Wire"}}) + "\n")
        fh.write("{broken\n")
        fh.write(json.dumps({"id": "a2", "text": ""}) + "\n")
        fh.write(json.dumps(["not", "an", "object"]) + "\n")
    items = list(read_sources([path]))
    assert isinstance(items[0], RawArticle) and items[0].source == "Wire" and items[0].published_raw == "2017-06-20"
    assert [(i.reason, i.origin.rsplit(":", 1)[1]) for i in items[1:]] == [
        ("bad_json", "2"), ("empty", "3"), ("bad_json", "4")]


def test_a_missing_source_is_a_reject_not_a_crash(tmp_path):
    (item,) = read_sources([tmp_path / "nope"])
    assert item.reason == "missing_source"


def test_meta_csv_sidecar(tmp_path):
    (tmp_path / "story.txt").write_text(PROSE * 3)
    (tmp_path / "meta.csv").write_text("id,title,source,url,published\nstory,Title,Wire,http://x,2017-01-02\n")
    (item,) = read_sources([tmp_path])
    assert (item.external_id, item.title, item.source, item.published_raw) == ("story", "Title", "Wire", "2017-01-02")


def test_clean_text_keeps_a_paragraph_the_source_cut_off():
    cut = ("Backed by airstrikes, the Kurdish fighters and their allies pushed the militants out of the city last "
           "month. Since then the group has splintered. Its remaining cells now hide in the desert, where the "
           "collapse of the group in the neighbouring country has eased")
    gallery = ("Photos: The battle for the city Photos: The battle for the city. Fighters walk past ruins in the old "
               "town. Smoke rises over the river after an airstrike on the western bank of the city")
    assert clean_text(f"{PROSE}\n\n{cut}\n\n{gallery}") == f"{PROSE}\n\n{cut}"


def test_clean_text_keeps_a_journalist_killed_and_drops_a_journalists_bio():
    victim = ("Marsh is the third journalist to be killed by the militants this year. The group posted a video of "
              "his execution on Sunday.")
    bio = "Jane Roe is a journalist who covers security for the paper."
    assert clean_text(f"{PROSE}\n\n{victim}\n\n{bio}") == f"{PROSE}\n\n{victim}"


def test_clean_text_keeps_two_sentences_between_a_subhead_and_a_video_label():
    # a teaser in a list of other stories is one headline; two sentences there are the article's
    raw = (f"{PROSE}\n\nVictims from around the world\n\nThe death toll is now 42, hospital sources said. The toll "
           f"rose after a woman died.\n\nJUST WATCHED Airport attacked despite heavy security Replay\n\n{PROSE}")
    assert "The death toll is now 42" in clean_text(raw)
    teaser = raw.replace("The death toll is now 42, hospital sources said. The toll rose after a woman died.",
                         "Storm hits the coast as the budget passes the Senate.")
    assert "Storm hits" not in clean_text(teaser)


def test_clean_text_keeps_the_answer_under_a_question_subhead():
    raw = (f"{PROSE}\n\nIs this attack unprecedented?\n\nThe incident mirrored the lorry attack on crowds in "
           f"Nice in July, claimed by the Islamic State.\n\nA year of terror in Germany\n\n{PROSE}")
    assert "mirrored the lorry attack" in clean_text(raw)
