"""The benchmark's corpus generator and measurements (no timed assertions: the machine varies)."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from attrition.bench.generate import generate
from attrition.bench.run import REQUIRED_KEYS, STAGES, format_table, run_bench

KINDS = {"attack", "territorial_loss"}
ATTACK_TYPES = {"bombing", "suicide_bombing", "shooting", "stabbing", "vehicle_ramming", "hostage_taking"}
GOLD_FIELDS = {"article", "kind", "required", "place", "country", "date_min", "date_max", "killed",
               "perpetrator_isis", "claimed", "attack_type", "captured_by", "evidence", "incident"}


def _read(corpus, gold):
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh]
    with open(gold, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return articles, rows


def test_generator_is_deterministic_and_counts(tmp_path):
    a = generate(300, 5, tmp_path / "a")
    b = generate(300, 5, tmp_path / "b")
    c = generate(300, 6, tmp_path / "c")
    assert a[0].read_bytes() == b[0].read_bytes() and a[1].read_bytes() == b[1].read_bytes()
    assert a[0].read_bytes() != c[0].read_bytes()
    articles, rows = _read(*a)
    assert len(articles) == 300
    assert len({x["id"] for x in articles}) == 300
    assert generate(0, 5, tmp_path / "empty")[0].exists()


def test_gold_rows_reference_articles_and_are_valid(tmp_path):
    articles, rows = _read(*generate(500, 11, tmp_path))
    by_id = {a["id"]: a for a in articles}
    for a in articles:
        assert set(a) >= {"id", "title", "source", "url", "published", "text"}
        dt.date.fromisoformat(a["published"])
        assert len(a["text"]) >= 200
    assert rows, "some articles report events"
    with_events = {r["article"] for r in rows}
    assert 0.6 <= 1 - len(with_events) / len(articles) <= 0.8   # 60-80 % of articles report nothing
    for r in rows:
        assert set(r) >= GOLD_FIELDS
        article = by_id[r["article"]]
        assert r["kind"] in KINDS and isinstance(r["required"], bool)
        assert r["place"] and len(r["country"]) == 2
        assert r["evidence"] and r["evidence"][:40].split(" — ")[-1] in article["text"].replace("\n", " ")
        if r["date_min"] is not None:
            lo, hi = dt.date.fromisoformat(r["date_min"]), dt.date.fromisoformat(r["date_max"])
            assert lo <= hi < dt.date.fromisoformat(article["published"])
        if r["kind"] == "attack":
            assert set(r["attack_type"]) <= ATTACK_TYPES
            assert r["killed"] is None or r["killed"] >= 0
            assert r["captured_by"] is None
            if r["required"]:
                assert r["perpetrator_isis"] is True   # the scorer scores ISIS-linked attacks
        else:
            assert r["killed"] is None and r["captured_by"] and r["required"]
    incidents = [r["incident"] for r in rows]
    assert len(set(incidents)) < len(incidents), "some events are reported by several articles"


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    return run_bench(articles=200, corpus=None, workers=1, prefect=False, seed=3,
                     tmp_dir=tmp_path_factory.mktemp("bench"))


def test_run_bench_reports_every_measurement(bench):
    for key in REQUIRED_KEYS:
        assert bench[key] is not None, key
    assert bench["articles"] == 200
    assert [s["stage"] for s in bench["stages"]] == list(STAGES)
    assert all(s["seconds"] > 0 and s["articles_per_second"] > 0 for s in bench["stages"])
    assert bench["articles_per_second"] > 0 and bench["peak_rss_mb"] > 0
    assert bench["incremental_ratio"] > 0 and bench["extract_vs_floor"] > 0
    assert bench["incremental"]["articles"] == 2
    for kind in ("attack", "territorial_loss", "all"):
        assert 0 <= bench["scores"][kind]["f1"] <= 1
    assert 0 <= bench["f1"] <= 1
    assert sum(bench["events"]["mentions"].values()) > 0
    json.dumps(bench, default=str)
    table = format_table(bench)
    assert "extract" in table and "refresh" in table and "F1" in table


def test_run_bench_needs_one_corpus(tmp_path):
    with pytest.raises(ValueError):
        run_bench(articles=None, corpus=None)
    with pytest.raises(FileNotFoundError):
        run_bench(articles=None, corpus=tmp_path / "missing.jsonl.gz")
