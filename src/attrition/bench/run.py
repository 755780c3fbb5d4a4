"""The benchmark: the whole pipeline on a generated (or a real) corpus, measured stage by stage.

`run_bench` works in a temporary directory and calls the plain stage functions of
`attrition.pipeline`, timing each one:

- per stage (ingest, extract, validate, resolve, aggregate): seconds, articles per second and the
  process's peak RSS so far (`resource.getrusage`: this process, plus the largest child, i.e. an
  extraction worker; the high-water mark of the whole process, so run it in a fresh one);
- the refresh: 1 % new articles (generated with another seed) run through the pipeline again on the
  same database; `incremental_ratio` = refresh seconds / full build seconds;
- the floor: one compiled regex `findall` over every article's raw text; `extract_vs_floor` =
  extract stage seconds / floor seconds;
- on a generated corpus, precision, recall and F1 per kind from `attrition.scoring.score`;
- events (mentions and incidents) per kind;
- with `prefect=True`, Prefect's overhead: the same corpus through the flow
  `flows.pipeline.attrition_pipeline` into a fresh database, against a second plain run into
  another fresh database in the same, warm process ((flow - plain) / flow); the temporary API
  server's start-up is measured apart (a no-op flow run first) and not counted.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from attrition import db
from attrition.bench.generate import generate
from attrition.config import default_workers
from attrition.export import export
from attrition.pipeline import STAGES as RUN_STAGES
from attrition.pipeline import RunConfig, Stage, finish_run, plain_steps, record, start_run, writer
from attrition.scoring import score
from attrition.validate import Validator


def _timed_as(stage: Stage) -> str:
    """The line a stage is timed on: both validation stages on one."""
    return "validate" if stage.result == "validation" else stage.result


STAGES = tuple(dict.fromkeys(_timed_as(stage) for stage in RUN_STAGES))   # ingest, extract, validate, ...
FLOOR = re.compile(r"attack|bomb|kill")
REFRESH_SHARE = 0.01
REQUIRED_KEYS = ("articles_per_second", "incremental_ratio", "peak_rss_mb", "extract_vs_floor", "f1")


def peak_rss_mb() -> tuple[float, float]:
    """(this process, largest waited-for child) peak resident set size, in MB (Linux reports KB)."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return round(own, 1), round(children, 1)


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (extraction workers): unlike wall time,
    barely moved by other processes competing for the machine."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _rss_total() -> float:
    own, children = peak_rss_mb()
    return round(own + children, 1)


def timed_run(config: RunConfig) -> dict:
    """One pipeline run through the plain stage functions, each stage timed."""
    times = dict.fromkeys(STAGES, 0.0)
    cpu = dict.fromkeys(STAGES, 0.0)
    rss = {}
    started = time.perf_counter()
    with writer(config) as lock:
        run = start_run(config, lock)
        validator = Validator(config.reports_dir, config.today)

        def stage(name, fn, *args):
            t, c = time.perf_counter(), _cpu()
            out = fn(*args)
            times[name] += time.perf_counter() - t
            cpu[name] += _cpu() - c
            rss[name] = _rss_total()
            return out

        steps = plain_steps()
        for each in RUN_STAGES:   # the run's own sequence, each stage timed
            record(run, each, stage(_timed_as(each), steps[each.name], *each.args(config, run.run_id, validator)))
        t = time.perf_counter()
        finish_run(config, run)
        bookkeeping = time.perf_counter() - t
    total = time.perf_counter() - started
    articles = run.ingest.new + run.ingest.seen + run.ingest.rejected
    return {
        "seconds": round(total, 3),
        "articles": articles,
        "new_articles": run.ingest.new,
        "rejected": run.ingest.rejected,
        "extracted": run.extract.articles,
        "mentions": run.extract.mentions,
        "bookkeeping_seconds": round(bookkeeping, 3),   # start_run/finish_run, lock
        "cpu_seconds": round(sum(cpu.values()), 3),
        "stages": [{"stage": name, "seconds": round(times[name], 3), "cpu_seconds": round(cpu[name], 3),
                    "articles_per_second": round(articles / times[name], 1) if times[name] else None,
                    "peak_rss_mb": rss.get(name)} for name in STAGES],
        "validation_success": run.validation.success,
    }


def floor_seconds(con) -> tuple[float, int]:
    """A bare single regex pass over every article's raw text: what no extractor can beat. The texts are read a
    chunk at a time (only the pass is timed): all of them at once would be the benchmark's peak memory, not the
    pipeline's."""
    cursor = con.execute(db.sql("bench/select_raw_texts"))
    findall = FLOOR.findall
    seconds, hits = 0.0, 0
    while chunk := cursor.fetchmany(FLOOR_CHUNK):
        t = time.perf_counter()
        for (text,) in chunk:
            hits += len(findall(text))
        seconds += time.perf_counter() - t
    return seconds, hits


FLOOR_CHUNK = 2_000


def _events(con) -> dict:
    mentions = dict(con.execute(db.sql("bench/select_mentions_by_kind")).fetchall())
    incidents = dict(con.execute(db.sql("bench/select_incidents_by_kind")).fetchall())
    isis = con.execute(db.sql("bench/select_isis_linked_mentions_count")).fetchall()[0][0]
    articles_with = con.execute(db.sql("bench/select_articles_with_events_count")).fetchall()[0][0]
    return {"mentions": mentions, "incidents": incidents, "isis_linked_mentions": isis,
            "articles_with_events": articles_with}


def _score(con, gold_path: Path, tmp: Path) -> dict:
    pred_path = tmp / "mentions.jsonl"
    export(con, "mentions", pred_path)
    with pred_path.open(encoding="utf-8") as fh:
        preds = [json.loads(line) for line in fh if line.strip()]
    with gold_path.open(encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    report, *_ = score(gold, preds)
    keep = ("gold_required", "tp", "fp", "fn", "precision", "recall", "f1", "date_accuracy", "killed_accuracy")
    out = {kind: {k: report[kind][k] for k in keep} for kind in ("attack", "territorial_loss", "all")}
    out["dedup_precision_recall_f1"] = list(report["dedup"]["precision_recall_f1"])
    return out


def _prefect_overhead(config: RunConfig, plain_config: RunConfig) -> dict:
    """The same corpus through the flow and, as the baseline, again as plain functions, both on a fresh
    database in this now warm process (the first plain run paid one-off costs: imports, the gazetteer)."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect import flow

    from flows.pipeline import attrition_pipeline

    @flow(name="attrition-bench-warmup", persist_result=False)
    def warmup() -> int:
        return 0

    t = time.perf_counter()
    warmup()   # starts Prefect's temporary API server (kept for the life of the process)
    startup = time.perf_counter() - t
    t = time.perf_counter()
    attrition_pipeline(config)
    flow_seconds = time.perf_counter() - t
    plain_seconds = timed_run(plain_config)["seconds"]
    return {"server_startup_seconds": round(startup, 3), "flow_seconds": round(flow_seconds, 3),
            "plain_seconds": round(plain_seconds, 3),
            "overhead": round((flow_seconds - plain_seconds) / flow_seconds, 4) if flow_seconds else None}


def _count_lines(path: Path) -> int:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def run_bench(articles: int | None = 10_000, corpus: Path | None = None, workers: int | None = None,
              prefect: bool = False, seed: int = 1, tmp_dir: Path | None = None) -> dict:
    """Measure the pipeline on `articles` generated articles, or on the real `corpus` (a file of articles)."""
    if (articles is None) == (corpus is None):
        raise ValueError("give either a number of articles to generate or a corpus file, not both")
    workers = default_workers() if workers is None else workers   # what `attrition run` uses
    tmp = Path(tempfile.mkdtemp(prefix="attrition-bench-", dir=tmp_dir))
    try:
        return _bench(articles, Path(corpus) if corpus else None, workers, prefect, seed, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _bench(articles, corpus, workers, prefect, seed, tmp: Path) -> dict:
    result: dict = {"corpus": str(corpus) if corpus else "generated", "seed": seed, "workers": workers,
                    "load_average_before": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()}
    gold_path = None
    if corpus is None:
        t = time.perf_counter()
        corpus_path, gold_path = generate(articles, seed, tmp / "generated")
        generate_seconds = time.perf_counter() - t
        result["generate_seconds"] = round(generate_seconds, 3)
        result["generate_articles_per_second"] = round(articles / generate_seconds, 1)
        result["gold_events"] = _count_lines(gold_path)
    else:
        if not corpus.exists():
            raise FileNotFoundError(f"no corpus at {corpus}")
        corpus_path = corpus
    result["corpus_bytes"] = corpus_path.stat().st_size

    config = RunConfig.build(tmp / "bench.duckdb", [corpus_path], tmp / "reports", workers)
    full = timed_run(config)
    n = full["articles"]
    result["articles"] = n
    result["full"] = full
    result["stages"] = full["stages"]
    result["total_seconds"] = full["seconds"]
    result["articles_per_second"] = round(n / full["seconds"], 1) if full["seconds"] else None
    # the run's peak (this process and its largest worker), taken before the measuring below (the floor's pass,
    # the scoring, the refresh) raises this process's own
    own, children = peak_rss_mb()
    result["rss_self_mb"], result["rss_children_mb"] = own, children
    result["peak_rss_mb"] = round(own + children, 1)
    extract_seconds = next(s["seconds"] for s in full["stages"] if s["stage"] == "extract")

    with db.connect(config.db_path) as con:
        floor, hits = floor_seconds(con)
        result["floor_seconds"] = round(floor, 4)
        result["floor_hits"] = hits
        result["extract_seconds"] = extract_seconds
        result["extract_vs_floor"] = round(extract_seconds / floor, 1) if floor else None
        result["events"] = _events(con)
        result["scores"] = _score(con, gold_path, tmp) if gold_path else None
    result["f1"] = result["scores"]["all"]["f1"] if result["scores"] else None
    result["f1_per_kind"] = ({k: result["scores"][k]["f1"] for k in ("attack", "territorial_loss")}
                             if result["scores"] else None)

    # +1 %: new articles (generated: a real corpus has no "next day"), run again on the same database
    extra = max(1, round(n * REFRESH_SHARE))
    extra_path, _ = generate(extra, seed + 1, tmp / "extra")
    refresh = timed_run(RunConfig.build(config.db_path, [extra_path], config.reports_dir, workers))
    result["incremental"] = {"articles": extra, "seconds": refresh["seconds"], "stages": refresh["stages"],
                             "source": "generated, seed + 1"}
    result["incremental_ratio"] = round(refresh["seconds"] / full["seconds"], 4) if full["seconds"] else None

    result["prefect"] = None
    if prefect:
        flow_config = RunConfig.build(tmp / "flow.duckdb", [corpus_path], tmp / "flow_reports", workers)
        plain_config = RunConfig.build(tmp / "plain.duckdb", [corpus_path], tmp / "plain_reports", workers)
        result["prefect"] = _prefect_overhead(flow_config, plain_config)
    result["prefect_overhead"] = result["prefect"]["overhead"] if result["prefect"] else None
    own, children = peak_rss_mb()
    result["bench_rss_self_mb"], result["bench_rss_children_mb"] = own, children   # the whole benchmark's
    result["load_average_after"] = round(os.getloadavg()[0], 2)
    return result


def format_table(result: dict) -> str:
    """The measurements as a readable table."""
    lines = [f"corpus: {result['corpus']}  articles: {result['articles']:,}  workers: {result['workers']}  "
             f"({result['corpus_bytes'] / 1e6:.1f} MB on disk)"]
    if "generate_seconds" in result:
        lines.append(f"generated in {result['generate_seconds']:.2f} s "
                     f"({result['generate_articles_per_second']:,.0f} articles/s), "
                     f"{result['gold_events']:,} gold events")
    lines.append("")
    lines.append(f"{'stage':<12}{'seconds':>10}{'cpu s':>10}{'articles/s':>14}{'peak RSS MB':>14}")
    for s in result["stages"]:
        rate = f"{s['articles_per_second']:,.0f}" if s["articles_per_second"] else "-"
        lines.append(f"{s['stage']:<12}{s['seconds']:>10.2f}{s['cpu_seconds']:>10.2f}{rate:>14}"
                     f"{s['peak_rss_mb'] or 0:>14.0f}")
    lines.append(f"{'total':<12}{result['total_seconds']:>10.2f}{result['full']['cpu_seconds']:>10.2f}"
                 f"{result['articles_per_second'] or 0:>14,.0f}{result['peak_rss_mb']:>14.0f}")
    lines.append(f"(load average {result['load_average_before']} before, {result['load_average_after']} after, "
                 f"{result['cpus']} CPUs: wall seconds include waiting for other processes)")
    lines.append("")
    inc = result["incremental"]
    lines.append(f"refresh: +{inc['articles']:,} articles in {inc['seconds']:.2f} s = "
                 f"{result['incremental_ratio']:.1%} of the full build")
    lines.append(f"floor: one regex over the raw text in {result['floor_seconds']:.3f} s; "
                 f"extract stage = {result['extract_vs_floor']}x the floor")
    ev = result["events"]
    lines.append("events: mentions " + ", ".join(f"{k} {v:,}" for k, v in sorted(ev["mentions"].items()))
                 + "; incidents " + ", ".join(f"{k} {v:,}" for k, v in sorted(ev["incidents"].items()))
                 + f"; ISIS-linked mentions {ev['isis_linked_mentions']:,}; "
                   f"articles with events {ev['articles_with_events']:,}")
    if result["scores"]:
        lines.append("")
        lines.append(f"{'kind':<18}{'gold':>6}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>7}{'R':>7}{'F1':>7}{'date':>7}")
        for kind in ("attack", "territorial_loss", "all"):
            r = result["scores"][kind]
            lines.append(f"{kind:<18}{r['gold_required']:>6}{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}"
                         f"{r['precision']:>7.2f}{r['recall']:>7.2f}{r['f1']:>7.2f}{r['date_accuracy']:>7.2f}")
        lines.append(f"dedup P/R/F1: {result['scores']['dedup_precision_recall_f1']}")
    if result["prefect"]:
        p = result["prefect"]
        lines.append("")
        lines.append(f"prefect: flow {p['flow_seconds']:.2f} s vs plain {p['plain_seconds']:.2f} s = "
                     f"{p['overhead']:.1%} overhead (server start-up {p['server_startup_seconds']:.2f} s, not counted)")
    return "\n".join(lines)
