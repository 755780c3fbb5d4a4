"""The whole pipeline on the sample articles, as plain functions (no Prefect): idempotent re-runs,
incremental new articles, bad input recorded and not fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attrition import db
from attrition.pipeline import RunConfig, run_pipeline
from tests.conftest import TODAY

TABLES = ("articles", "event_mentions", "incidents", "incident_sources", "ingest_rejects", "quarantine")


def counts(db_path: Path) -> dict[str, int]:
    with db.connect(db_path, read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TABLES}


def run(db_path: Path, *sources: Path):
    return run_pipeline(RunConfig.build(db_path, [str(s) for s in sources], today=TODAY))


def test_first_run_fills_every_table(articles_dir, db_path):
    summary = run(db_path, articles_dir)
    assert summary.status == "completed"
    assert summary.ingest.new == 5 and summary.ingest.rejected == 0
    assert summary.extract.articles == 5 and summary.extract.mentions >= 15
    assert summary.validation.success
    n = counts(db_path)
    assert n["articles"] == 5
    assert n["incidents"] < n["event_mentions"]   # the Paris attack and Sinjar are reported thrice
    with db.connect(db_path, read_only=True) as con:
        months = con.execute("select count(*), count(distinct month) from attacks_vs_losses").fetchall()[0]
        status = con.execute("select status from runs").fetchall()
    assert months[0] == months[1] > 0
    assert status == [("completed",)]


def test_second_run_on_the_same_input_adds_nothing(articles_dir, db_path):
    run(db_path, articles_dir)
    before = counts(db_path)
    with db.connect(db_path, read_only=True) as con:
        ids_before = con.execute("select incident_id from incidents order by 1").fetchall()
    summary = run(db_path, articles_dir)
    assert summary.ingest.new == 0 and summary.ingest.seen == 5
    assert summary.extract.articles == 0 and summary.resolve.mentions == 0
    assert counts(db_path) == before
    with db.connect(db_path, read_only=True) as con:
        assert con.execute("select incident_id from incidents order by 1").fetchall() == ids_before
        assert con.execute("select count(*) from runs where status = 'completed'").fetchall()[0][0] == 2


def test_a_new_article_is_the_only_one_processed(articles_dir, db_path, tmp_path):
    new_dir = tmp_path / "more"
    new_dir.mkdir()
    (articles_dir / "seed-004.txt").rename(new_dir / "seed-004.txt")
    meta = [json.loads(line) for line in (articles_dir / "meta.jsonl").read_text().splitlines()]
    (new_dir / "meta.jsonl").write_text(json.dumps(meta[4]) + "\n")
    run(db_path, articles_dir)
    with db.connect(db_path, read_only=True) as con:
        ids_before = {r[0] for r in con.execute("select incident_id from incidents").fetchall()}
    summary = run(db_path, articles_dir, new_dir)
    assert summary.ingest.new == 1 and summary.ingest.seen == 4
    assert summary.extract.articles == 1
    with db.connect(db_path, read_only=True) as con:
        ids_after = {r[0] for r in con.execute("select incident_id from incidents").fetchall()}
        published = con.execute("select published from articles where external_id = 'seed-004'").fetchall()
    assert ids_before < ids_after   # old incidents keep their ids; the new article adds its own
    assert str(published[0][0]) == "2017-06-23"


def test_bad_input_is_recorded_and_the_good_articles_are_kept(articles_dir, db_path):
    (articles_dir / "empty.txt").write_text("")
    (articles_dir / "binary.txt").write_bytes(b"\x00\x01\x02garbage" * 100)
    (articles_dir / "latin1.txt").write_bytes(
        ("Un attentat à Nice a tué 86 personnes, selon la préfecture. " * 10).encode("latin-1"))
    (articles_dir / "notes.pdf").write_bytes(b"%PDF-1.4")
    with (articles_dir / "meta.jsonl").open("a") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"id": "latin1", "published": "0001-01-01"}) + "\n")
    summary = run(db_path, articles_dir)
    assert summary.status == "completed"
    assert summary.ingest.new == 6   # five sample articles and the latin-1 one, decoded
    with db.connect(db_path, read_only=True) as con:
        reasons = dict(con.execute("select reason, count(*) from ingest_rejects group by 1").fetchall())
        latin = con.execute("select text, published, published_raw from articles where external_id = 'latin1'"
                            ).fetchall()[0]
    assert reasons == {"empty": 1, "binary": 1, "unsupported_type": 1, "bad_metadata": 1,
                       "bad_published_date": 1, "encoding_guessed": 1}   # the last two are flags: kept
    assert "attentat à Nice" in latin[0]
    assert latin[1] is None and latin[2] == "0001-01-01"


def test_an_article_that_breaks_the_extractor_is_recorded_not_fatal(articles_dir, db_path, monkeypatch):
    from attrition.extract import stage

    real = stage.extract_mentions

    def explode_on_brussels(text, published, title=None):
        if "Brussels" in text:
            raise RuntimeError("boom")
        return real(text, published, title)

    monkeypatch.setattr(stage, "extract_mentions", explode_on_brussels)
    summary = run(db_path, articles_dir)
    assert summary.status == "completed"
    assert summary.extract.failed == 1 and summary.extract.articles == 5
    with db.connect(db_path, read_only=True) as con:
        failed = con.execute("select detail from ingest_rejects where reason = 'extraction_failed'").fetchall()
    assert failed == [("RuntimeError: boom",)]


def test_a_failed_run_is_marked_failed_and_leaves_whole_stages(articles_dir, db_path, monkeypatch):
    from attrition import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("resolver down")

    monkeypatch.setattr(pipeline, "resolve_stage", broken)
    with pytest.raises(RuntimeError, match="resolver down"):
        run(db_path, articles_dir)
    n = counts(db_path)
    assert n["articles"] == 5 and n["event_mentions"] > 0 and n["incidents"] == 0
    with db.connect(db_path, read_only=True) as con:
        assert con.execute("select status from runs").fetchall() == [("failed",)]
    monkeypatch.undo()
    summary = run(db_path, articles_dir)   # the next run finishes the interrupted work
    assert summary.resolve.mentions == n["event_mentions"]
    assert counts(db_path)["incidents"] > 0


def _note_loaded(notes: Path, fn, *args):
    """In a worker, before `fn`: whether the gazetteer was already loaded (inherited from the parent)."""
    from attrition.extract.places import default_gazetteer

    with open(notes, "a", encoding="utf-8") as fh:
        fh.write(f"{default_gazetteer.cache_info().currsize}\n")
    return fn(*args)


def _record_submits(monkeypatch, wrap=None) -> list[str]:
    """The names of the functions sent to worker processes, each wrapped by `wrap(fn)` if given."""
    from concurrent.futures import ProcessPoolExecutor

    sent: list[str] = []
    submit = ProcessPoolExecutor.submit
    monkeypatch.setattr(ProcessPoolExecutor, "submit", lambda pool, fn, *a, **k: sent.append(fn.__name__)
                        or submit(pool, wrap(fn) if wrap else fn, *a, **k))
    return sent


@pytest.mark.parametrize("stage", ["ingest", "extract"])
def test_workers_are_forked_with_the_extractor_loaded(articles_dir, tmp_path, monkeypatch, stage):
    # the parent loads the gazetteer and the lazy patterns once before forking: no worker loads its own, and a
    # second run in the process (a schedule served by one process, the benchmark's refresh) starts ready. The
    # ingest workers extract what they clean; the extract stage's workers, what is left (here: everything,
    # the articles having been stored by a run that did not extract ahead)
    from functools import partial

    from attrition.extract import places
    from attrition.extract import stage as extract_stage
    from attrition.ingest.stage import ingest

    if stage == "extract":
        with db.connect(tmp_path / "x.duckdb") as con:
            ingest(con, [str(articles_dir)], "earlier", TODAY)
    places.default_gazetteer.cache_clear()
    extract_stage.load_extractor.cache_clear()
    monkeypatch.setattr(extract_stage, "MIN_PARALLEL", 1)
    notes = tmp_path / "loaded"
    sent = _record_submits(monkeypatch, lambda fn: partial(_note_loaded, notes, fn))
    summary = run_pipeline(RunConfig.build(tmp_path / "x.duckdb", [articles_dir], workers=2, today=TODAY))
    assert summary.extract.articles == 5 and summary.extract.mentions > 0
    assert ("extract_batch" in sent) == (stage == "extract")
    loaded = notes.read_text(encoding="utf-8").split()
    assert len(loaded) > 1 and set(loaded) == {"1"}   # every chunk, in a worker already loaded


def test_two_worker_processes_give_the_rows_of_one(articles_dir, tmp_path, monkeypatch):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    run_pipeline(RunConfig.build(one, [articles_dir], today=TODAY))
    sent = _record_submits(monkeypatch)
    summary = run_pipeline(RunConfig.build(two, [articles_dir], workers=2, today=TODAY))
    assert summary.ingest.new == 5 and summary.extract.articles == 5
    # the ingest workers cleaned and extracted: no text went to a worker twice
    assert set(sent) == {"_prepare_chunk"}
    queries = ["select article_id, text, published, published_how, extracted_version from articles order by 1",
               "select mention_id, kind, place, date_start, killed, incident_id, evidence from event_mentions "
               "order by 1"]
    for query in queries:
        with db.connect(one, read_only=True) as a, db.connect(two, read_only=True) as b:
            assert a.execute(query).fetchall() == b.execute(query).fetchall()


def test_great_expectations_is_imported_while_the_workers_extract(articles_dir, tmp_path, monkeypatch):
    # once the ingest workers (who extract too) are forked (never before: a fork during an import can deadlock a
    # child), and only when there are workers: in process the import would only wait in another place
    from attrition import pipeline

    calls = []
    sent = _record_submits(monkeypatch)
    monkeypatch.setattr(pipeline, "preload_validation", lambda: calls.append(list(sent)))
    run_pipeline(RunConfig.build(tmp_path / "one.duckdb", [articles_dir], workers=1, today=TODAY))
    assert calls == []
    run_pipeline(RunConfig.build(tmp_path / "two.duckdb", [articles_dir], workers=2, today=TODAY))
    assert len(calls) == 1 and "_prepare_chunk" in calls[0]


@pytest.mark.parametrize(("workers", "extracted"), [(1, 5), (2, 10)])
def test_what_is_extracted_ahead_is_stored_once_and_only_for_articles_stored(articles_dir, tmp_path, monkeypatch,
                                                                             workers, extracted):
    # the same five texts in two folders: in one chunk (in process) each is extracted once; in two (two workers)
    # each chunk extracts its copies, and one set of mentions is stored. A text already stored is not extracted.
    import shutil

    from attrition.extract import stage as extract_stage

    copies = tmp_path / "copies"
    shutil.copytree(articles_dir, copies)
    handed = []
    hand_over = extract_stage.hand_over
    monkeypatch.setattr("attrition.ingest.stage.hand_over", lambda run_id, batches, stored: handed.append(
        sum(len(b.article_ids) for b in batches)) or hand_over(run_id, batches, stored))
    config = RunConfig.build(tmp_path / "x.duckdb", [articles_dir, copies], workers=workers, today=TODAY)
    summary = run_pipeline(config)
    assert handed == [extracted] and summary.ingest.new == 5 and summary.ingest.seen == 5
    assert summary.extract.articles == 5 and extract_stage._AHEAD == {}
    run_pipeline(RunConfig.build(tmp_path / "one.duckdb", [articles_dir], today=TODAY))
    query = "select mention_id, article_id, evidence, date_start, killed from event_mentions order by 1"
    with db.connect(tmp_path / "x.duckdb", read_only=True) as a, db.connect(tmp_path / "one.duckdb") as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
    summary = run_pipeline(config)
    assert summary.ingest.new == 0 and summary.extract.articles == 0
    assert handed[-1] == 0   # texts already stored were cleaned again to be known, not extracted again


def test_a_run_that_fails_after_ingest_forgets_what_was_extracted_ahead(articles_dir, db_path, monkeypatch):
    from attrition import pipeline
    from attrition.extract import stage as extract_stage

    def broken(*args, **kwargs):
        raise RuntimeError("extractor down")

    monkeypatch.setattr(pipeline, "extract_stage", broken)
    with pytest.raises(RuntimeError, match="extractor down"):
        run_pipeline(RunConfig.build(db_path, [articles_dir], workers=2, today=TODAY))
    assert extract_stage._AHEAD == {}   # a process serving a schedule keeps nothing of a failed run
    monkeypatch.undo()
    summary = run(db_path, articles_dir)   # the next run extracts the stored articles itself
    assert summary.ingest.new == 0 and summary.extract.articles == 5 and summary.extract.mentions > 0


@pytest.mark.parametrize(("cores", "expected"), [(3, 3), (None, 1)])
def test_workers_default_to_the_cores(monkeypatch, tmp_path, cores, expected):
    import os

    from attrition.config import Config, Limits, parse

    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert Limits().workers == expected
    assert Config().run_config().workers == expected
    assert RunConfig.build(tmp_path / "x.duckdb", ["src"]).workers == expected
    assert parse({"limits": {"workers": 1}}).run_config().workers == 1   # a setting overrides the default
    assert RunConfig.build(tmp_path / "x.duckdb", ["src"], workers=5).workers == 5


def test_the_workers_flag_overrides_the_config_and_the_default(monkeypatch, tmp_path):
    import os

    from typer.testing import CliRunner

    from attrition import cli
    from attrition.bench import run as bench_run

    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    seen = {}

    def capture(config, prefect, limits):   # stands in for the run: only the config it gets matters here
        seen["workers"] = config.workers
        raise RuntimeError("captured")

    monkeypatch.setattr(cli, "_run", capture)
    conf = tmp_path / "attrition.toml"
    conf.write_text('sources = ["in"]\n[limits]\nworkers = 2\n', encoding="utf-8")
    for args, expected in ((["x"], 3), (["x", "--workers", "4"], 4), (["--config", str(conf)], 2),
                           (["--config", str(conf), "--workers", "1"], 1)):
        CliRunner().invoke(cli.app, ["run", *args, "--db", str(tmp_path / "w.duckdb"), "--no-prefect"])
        assert seen.pop("workers") == expected, args
    monkeypatch.setattr(bench_run, "_bench", lambda articles, corpus, workers, *rest: {"workers": workers})
    assert bench_run.run_bench(articles=10, tmp_dir=tmp_path)["workers"] == 3   # bench measures the defaults


def test_with_the_default_workers_a_small_backlog_is_extracted_in_process(articles_dir, db_path, monkeypatch):
    import os
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    sent = []
    submit = ProcessPoolExecutor.submit
    monkeypatch.setattr(ProcessPoolExecutor, "submit", lambda pool, fn, *a, **k: sent.append(fn.__name__)
                        or submit(pool, fn, *a, **k))
    summary = run(db_path, articles_dir)
    assert summary.extract.articles == 5 and "extract_batch" not in sent   # five articles: no worker started


def table_columns(db_path: Path, table: str) -> list[str]:
    with db.connect(db_path) as con:
        return [c for (c,) in con.execute("select column_name from duckdb_columns() where table_name = ? "
                                          "order by column_index", [table]).fetchall()]


def test_row_schemas_are_the_tables_as_their_ddl_says(tmp_path):
    import pyarrow as pa

    from attrition.extract.stage import MENTION_SCHEMA
    from attrition.ingest import stage as ingest_stage

    db_path = tmp_path / "schema.duckdb"
    assert MENTION_SCHEMA.names == [c for c in table_columns(db_path, "event_mentions")
                                    if c not in ("run_id", "incident_id")]
    assert MENTION_SCHEMA.field("support").type == pa.list_(pa.string())
    assert MENTION_SCHEMA.field("killed").type == pa.int32() and MENTION_SCHEMA.field("date_start").type == pa.date32()
    assert ingest_stage.ARTICLE_SCHEMA.names == [c for c in table_columns(db_path, "articles")
                                                 if c not in ("extracted_version", "extracted_at", "names_isis")]
    assert ingest_stage.ARTICLE_SCHEMA.field("text").type == pa.large_string()
    assert ingest_stage.REJECT_SCHEMA.names == table_columns(db_path, "ingest_rejects")
    assert ingest_stage.SOURCE_SCHEMA.names == table_columns(db_path, "article_sources")


def test_a_column_added_to_the_ddl_reaches_the_row_schema(tmp_path, monkeypatch):
    import pyarrow as pa

    from attrition import tables

    (tmp_path / "ddl").mkdir()
    (tmp_path / "ddl" / "create_widgets.sql").write_text(
        "create table if not exists widgets (id varchar primary key, n integer, tags varchar[], made timestamp);\n"
        "alter table widgets add column if not exists added date;\n", encoding="utf-8")
    monkeypatch.setattr(tables, "SQL_DIR", tmp_path)
    tables.table_schema.cache_clear()
    try:
        assert tables.row_schema("widgets", without=("made",)) == pa.schema(
            [("id", pa.string()), ("n", pa.int32()), ("tags", pa.list_(pa.string())), ("added", pa.date32())])
        assert tables.row_schema("widgets", only=("n", "id"), large=("id",)).names == ["n", "id"]
        assert tables.row_schema("widgets", only=("id",), large=("id",)).field("id").type == pa.large_string()
    finally:
        tables.table_schema.cache_clear()


def test_the_extractor_builds_rows_of_the_mention_schema(articles_dir):
    from attrition.extract.stage import MENTION_SCHEMA, extract_batch

    text = (articles_dir / "seed-001.txt").read_text(encoding="utf-8")
    extracted = extract_batch([("a1", text, TODAY, "Paris attacks")])
    assert extracted.failures == [] and extracted.mentions.num_rows > 0
    assert extracted.mentions.schema.equals(MENTION_SCHEMA)


@pytest.mark.parametrize("batch_size", [None, 4])
def test_an_ingest_worker_that_dies_leaves_its_batch_to_be_cleaned_here_and_extracted_later(articles_dir, tmp_path,
                                                                                           monkeypatch, batch_size):
    # a crash no Python handler sees (killed for memory, a fault in C code) while extracting ahead: the batch is
    # cleaned in the run's process and stored, and the extract stage extracts it; so are the next batch (sent
    # before the death was noticed) and the third (sent to a pool known to be broken)
    import os

    from attrition.ingest import stage as ingest_stage

    text = ("A car bomb killed 12 people in Baghdad on Monday, the police said. The Islamic State claimed the "
            "bombing. CRASH-THE-WORKER.")
    (articles_dir / "crash.txt").write_text(text, encoding="utf-8")
    for town in ("Mosul", "Kirkuk", "Tikrit", "Ramadi", "Hit", "Samarra"):   # twelve articles, batches of four
        (articles_dir / f"more-{town}.txt").write_text(f"A suicide bomber killed 7 people in {town} on Monday, the "
                                                       "police said.", encoding="utf-8")
    extract_batch = ingest_stage.extract_batch

    def dies_on_the_marker(rows):
        if any("CRASH-THE-WORKER" in text for _, text, _, _ in rows) and os.getpid() != parent:
            os._exit(9)
        return extract_batch(rows)

    parent = os.getpid()
    monkeypatch.setattr(ingest_stage, "extract_batch", dies_on_the_marker)
    summary = run_pipeline(RunConfig.build(tmp_path / "x.duckdb", [articles_dir], workers=2, today=TODAY,
                                           batch_size=batch_size))
    assert summary.status == "completed" and summary.ingest.new == 12 and summary.extract.articles == 12
    with db.connect(tmp_path / "x.duckdb", read_only=True) as con:
        rows = con.execute("select count(*) from event_mentions m join articles a using (article_id) "
                           "where a.text like '%CRASH-THE-WORKER%'").fetchall()
    assert rows[0][0] >= 1
