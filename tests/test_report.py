"""The HTML report: known rows in, the numbers, the lag table and the validation link out; the page and
the Great Expectations Data Docs render in headless Chromium with no network."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import add_report, run_after_extract

from attrition import db
from attrition.aggregate import refresh
from attrition.paths import SAMPLE_ARTICLES
from attrition.pipeline import RunConfig, run_pipeline
from attrition.report import REPORT_NAME, chart, headline_markdown, last_months, write_report
from attrition.validate import Validator

TODAY = dt.date(2026, 1, 1)
SUITES = ("articles", "event_mentions", "incidents", "attacks_vs_losses")


# --- headless Chromium -----------------------------------------------------------------------------


def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install -y chromium, as root); "
                    "CI installs it too. The report tests need it to check that the page renders.")
    return path


def browse(url: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """One headless Chromium run on a file:// page, with no network and the page's console on stderr."""
    profile.mkdir(parents=True, exist_ok=True)
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--host-resolver-rules=MAP * ~NOTFOUND",   # offline for sure: every host name fails at once
           f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--enable-logging=stderr", "--v=0",
           *args, url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"chromium failed ({done.returncode}): {done.stderr[-2000:]}"
    return done


def without_scripts(dom: str) -> str:
    """The DOM minus inline JavaScript (the inlined Vega bundle mentions "Error" in its own code)."""
    return re.sub(r"<script\b.*?</script>", "", dom, flags=re.DOTALL | re.IGNORECASE)


def console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


# --- a database with known rows --------------------------------------------------------------------


def build(con) -> None:
    # January 2016: one attack abroad (10 killed), one loss in Iraq
    add_report(con, "m-paris", "2016-01-21", place="Paris", country="FR", date_start="2016-01-20", killed=10,
               attack_type=["shooting"], lat=48.86, lon=2.35)
    add_report(con, "m-ramadi", "2016-01-09", kind="territorial_loss", place="Ramadi", date_start="2016-01-05",
               date_end="2016-01-08", captured_by="Iraqi forces")
    # February: nothing.  March: one attack abroad (32 killed), one attack in Iraq, one loss in Syria
    add_report(con, "m-brussels", "2016-03-23", place="Brussels", country="BE", date_start="2016-03-22", killed=32,
               attack_type=["suicide_bombing"], lat=50.85, lon=4.35)
    add_report(con, "m-baghdad", "2016-03-07", place="Baghdad", country="IQ", date_start="2016-03-06", killed=5)
    add_report(con, "m-palmyra", "2016-03-28", kind="territorial_loss", place="Palmyra", country="SY",
               date_start="2016-03-27")
    # too vaguely dated to place in a month
    add_report(con, "m-kabul", "2016-02-11", place="Kabul", country="AF", date_start="2016-01-25",
               date_end="2016-02-10", killed=8)
    add_report(con, "m-hit", "2017-01-02", kind="territorial_loss", place="Hit", date_start="2016-01-01",
               date_end="2016-12-31")
    # context, not the measure: an attack by others abroad; out of the period: an attack of 2009
    add_report(con, "m-nairobi", "2016-03-15", place="Nairobi", country="KE", date_start="2016-03-14", killed=3,
               perpetrator="al-Shabaab", lat=-1.29, lon=36.82)
    add_report(con, "m-old", "2016-03-15", place="Baghdad", country="IQ", date_start="2009-08-19", killed=95)
    # a loss outside Iraq and Syria
    add_report(con, "m-sirte", "2016-03-20", kind="territorial_loss", place="Sirte", country="LY",
               date_start="2016-03-19", lat=31.2, lon=16.59)




@pytest.fixture(scope="module")
def known(tmp_path_factory):
    root = tmp_path_factory.mktemp("known")
    validator = Validator(root / "rep", today=TODAY)
    con = db.connect(root / "attrition.duckdb")
    build(con)
    run_after_extract(con, "r-known", validator)
    docs = validator.build_docs()
    page = write_report(con, root / "site", docs)
    yield con, page, docs
    con.close()


def chart_values(page: Path) -> list[dict]:
    """Every data record of the Vega-Lite spec embedded in the page (inline datasets or data values)."""
    found = re.search(r"const spec = (\{.*?\});\n\s*const embedOpt", page.read_text(encoding="utf-8"), re.DOTALL)
    assert found, "no Vega-Lite spec in the page"
    out: list[dict] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("values", "datasets") and isinstance(value, (list, dict)):
                    out.extend(value if isinstance(value, list) else [v for d in value.values() for v in d])
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(found.group(1)))
    return [v for v in out if isinstance(v, dict)]   # not an axis's list of tick values


def test_report_holds_the_data_the_lags_the_undated_and_the_link(known):
    con, page, docs = known
    assert page == page.parent / REPORT_NAME and page.exists()
    text = page.read_text(encoding="utf-8")

    # the chart's data: one bar record per period and series, one line record per month and series
    values = chart_values(page)
    bars = {(v["period"], v["series"]): v for v in values if "y1" in v}
    assert {period for period, _ in bars} == {"January 2016", "February 2016", "March 2016"}
    assert bars[("January 2016", "ISIS attacks abroad, per month")]["y1"] == 1
    assert bars[("January 2016", "Losses in Iraq and Syria, per month")]["y1"] == 1
    march = bars[("March 2016", "Losses elsewhere, per month")]   # stacked on the core's one loss
    assert (march["y0"], march["y1"], march["losses_elsewhere"]) == (1, 2, 1)
    assert bars[("March 2016", "Killed in ISIS attacks abroad, per month")]["y1"] == 32
    lines = {(v["month"][:7], v["series"]): v["value"] for v in values if "month" in v and "value" in v}
    assert lines[("2016-03", "ISIS attacks abroad, 3-month sum")] == 2
    assert lines[("2016-03", "Territorial losses, 3-month sum")] == 3
    assert bars[("January 2016", "Articles naming ISIS, per month")]["y1"] == 2
    assert lines.keys() >= {("2016-01", "ISIS attacks abroad, 3-month sum")}

    # headline numbers: ISIS's attacks; the others' only as context; the old attack out of the series
    for number, label in ((2, "ISIS attacks abroad"), (42, "killed in them"), (3, "attacks abroad by anyone"),
                          (2, "territorial losses in Iraq and Syria"), (1, "territorial losses elsewhere"),
                          (1, "ISIS attacks in Iraq and Syria")):
        assert f"<b>{number}</b>{label}" in text, label
    assert "1 incidents dated before the series starts" in text
    assert re.search(r'<div class="row"><div class="vega-visualization" id="chart"></div><aside id="undated">'
                     r'<p><span class="big">2 incidents</span> too vaguely dated to place in a month', text)
    assert "1 attack abroad (1 linked to ISIS): its dates straddle two months" in text
    assert "1 territorial loss in Iraq and Syria: only a season or a year is stated" in text
    assert 'from run <code id="run-id">r-known</code>' in text and "Built 20" in text

    # the verdict: three months are too few to say anything, and the page says so in words
    verdict = re.search(r'<p class="verdict thin" id="verdict">(.*?)</p>', text).group(1)
    assert verdict.startswith("With 3 months (2 with a territorial loss, 2 with an ISIS attack abroad), the data "
                              "are too thin to tell"), verdict

    # the lag tables: lags 0 to 6 over three months, on counts and changes; n is small, and the page says so
    table = re.search(r'<table class="lagtable" id="lagged-correlation-levels">.*?</table>', text, re.DOTALL).group(0)
    rows = re.findall(r"<tr><td>(\d+)</td><td>(\d+)</td>", table)
    assert rows == [("0", "3"), ("1", "2"), ("2", "1"), ("3", "0"), ("4", "0"), ("5", "0"), ("6", "0")]
    assert "<th>Pearson</th>" in table and "<th>Spearman</th>" in table and "<th>95 % interval</th>" in table
    assert table.count("n is small") == 7 and "<b>n is small.</b>" in text
    pearson0 = con.execute("select pearson from lagged_correlation where series = 'levels' and lag_months = 0"
                           ).fetchone()[0]
    assert f"<td>{pearson0:+.2f}</td>" in table
    assert 'id="lagged-correlation-differences"' in text

    # the evidence behind each month: sentences, outlets and links of the counted incidents only
    evidence = re.search(r'<table class="evidence" id="evidence">.*?</table>', text, re.DOTALL).group(0)
    assert "Evidence sentence of m-brussels: 32 people were killed." in evidence
    assert "<b>ISIS attributed</b> &middot; outlet-m-brussels" in evidence   # the sentence tying it to ISIS
    assert 'href="https://example.org/a-m-brussels"' in evidence and "outlet-m-brussels" in evidence
    assert "m-sirte" in evidence and "m-kabul" not in evidence and "m-nairobi" not in evidence
    assert "m-old" not in evidence

    # the map: the world outline inlined, the incidents of the period at their coordinates
    assert '"type": "Topology"' in text or '"type":"Topology"' in text
    points = map_points(text)
    assert {p["place"] for p in points} == {"Paris", "Brussels", "Sirte", "Nairobi"}
    assert {p["place"]: p["category"] for p in points}["Nairobi"] == "Attack by others or unattributed"

    # the validation report, by a relative link that resolves
    href = re.search(r'<a id="validation-link" href="([^"]+)"', text).group(1)
    assert href == Path(os.path.relpath(docs, page.parent)).as_posix() and not href.startswith("/")
    assert (page.parent / href).resolve() == docs.resolve() and docs.exists()
    assert "attacks_vs_losses</td><td class=\"ok\">passed" in text

    # offline: every script inline, nothing fetched
    assert not re.search(r"<script[^>]*\bsrc=", text) and not re.search(r"<link[^>]*https?:", text)
    assert "vegaEmbed(" in text and len(text) > 500_000   # the Vega, Vega-Lite and vega-embed bundle


def map_points(text: str) -> list[dict]:
    found = re.search(r'vegaEmbed\("#incident-map", (\{.*?\}), \{"renderer"', text, re.DOTALL)
    assert found, "no map in the page"
    return json.loads(found.group(1).replace("<\\/", "</"))["datasets"]["incidents"]


def test_reference_losses_are_marks_on_the_chart_when_the_table_exists(known, tmp_path):
    con, _, _ = known
    con.execute("create or replace temp table reference_losses as select * from (values "
                "('Ramadi', 'IQ', 'core', date '2016-02-09', 'Iraqi forces', 'https://example.org/r', null), "
                "('Sirte', 'LY', 'elsewhere', date '2016-12-06', 'Libyan forces', 'https://example.org/s', null)) "
                "as t(place, country, region, date, captured_by, source_url, note)")
    try:
        page = write_report(con, tmp_path / "site", None)
    finally:
        con.execute("drop table reference_losses")
    marks = [v for v in chart_values(page) if "captured_by" in v]
    assert [(m["place"], m["series"], m["day"]) for m in marks] == [
        ("Ramadi", "Losses in Iraq and Syria", "2016-02-09")]   # Sirte falls after the charted months
    assert "Triangles: the reference timeline" in page.read_text(encoding="utf-8")


def test_a_long_series_is_drawn_per_quarter_and_its_lines_stay_above_zero(tmp_path):
    """Ten years of months: a bar per month would be a pixel or two wide."""
    months = []
    for k in range(120):
        month = dt.date(2014 + k // 12, k % 12 + 1, 1)
        months.append({"month": month, "attacks_abroad": k % 3, "killed_abroad": k % 5, "losses_core": k % 2,
                       "losses_elsewhere": 0, "attacks_core": 0, "attacks_abroad_any_perpetrator": k % 3,
                       "articles": 10, "isis_articles": 5, "attacks_abroad_3m": 3, "territorial_losses_3m": k % 4,
                       "killed_abroad_3m": 0})
    spec = chart(months)
    bars = [v for rows in spec["datasets"].values() for v in rows if "y1" in v]
    periods = {v["period"] for v in bars}
    assert len(periods) == 40 and "Q1 2014" in periods and "Q4 2023" in periods
    first = next(v for v in bars if v["period"] == "Q1 2014" and v["series"] == "ISIS attacks abroad, per quarter")
    assert first["y1"] == 0 + 1 + 2
    width = next(c["width"] for c in spec["vconcat"] if "width" in c)
    assert width / 40 >= 20   # pixels per quarter, two bars in each
    line_marks = [layer["mark"] for panel in spec["vconcat"] for layer in panel.get("layer", [])
                  if layer["mark"]["type"] == "line"]
    assert line_marks and all(m["interpolate"] == "linear" for m in line_marks)


def test_report_renders_in_headless_chromium(known, tmp_path):
    _, page, _ = known
    done = browse(page.as_uri(), tmp_path / "profile", "--dump-dom")
    dom = done.stdout
    chart = re.search(r'<div class="vega-visualization vega-embed[^"]*" id="chart".*?</svg>', dom, re.DOTALL)
    assert chart, "vega-embed did not render the chart"
    assert re.search(r'<svg[^>]*class="marks"', chart.group(0))
    for label in ("ISIS attacks abroad, per month", "Territorial losses, 3-month sum", "Losses elsewhere, per month",
                  "Killed in ISIS attacks abroad, per month", "Articles naming ISIS, per month", "incidents", "killed"):
        assert f">{label}</text>" in chart.group(0), label
    world = re.search(r'id="incident-map".*?</svg>', dom, re.DOTALL)
    assert world and world.group(0).count("<path") > 150, "the map's countries were not drawn"
    assert "Error" not in without_scripts(dom)
    problems = [line for line in console(done.stderr) if "Error" in line or "WARN" in line or "ERROR" in line]
    assert not problems, problems

    shot = tmp_path / "report.png"
    browse(page.as_uri(), tmp_path / "profile", "--window-size=1300,1000", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 30_000


def test_headline_markdown_and_last_months(known):
    con, _, _ = known
    md = headline_markdown(con)
    assert "3 months, January 2016 to March 2016." in md
    for line in ("| ISIS attacks abroad | 2 |", "| killed in them | 42 |",
                 "| territorial losses in Iraq and Syria | 2 |", "| territorial losses elsewhere | 1 |",
                 "| ISIS attacks in Iraq and Syria | 1 |",
                 "| attacks abroad by anyone (context) | 3 |",
                 "| incidents too vaguely dated to place in a month | 2 |"):
        assert line in md, line
    rows = last_months(con, n=2)
    assert [r["month"] for r in rows] == ["2016-02-01", "2016-03-01"]
    assert rows[1]["attacks_abroad"] == 1 and rows[1]["killed_abroad"] == 32 and rows[1]["territorial_losses_3m"] == 3
    json.dumps(rows)   # plain values, ready for a Prefect table artifact
    assert len(last_months(con)) == 3


def test_empty_database_gives_a_page_that_says_so(tmp_path):
    con = db.connect(tmp_path / "empty.duckdb")   # schema only: no run, no models yet
    page = write_report(con, tmp_path / "site", None)
    text = page.read_text(encoding="utf-8")
    assert "Nothing to chart yet" in text and "no pipeline run recorded yet" in text and "vegaEmbed" not in text
    assert "Nothing to chart yet" in headline_markdown(con) and last_months(con) == []

    refresh(con, "r-empty", Validator(tmp_path / "rep", today=TODAY))   # models built, no months in them
    text = write_report(con, tmp_path / "site", tmp_path / "rep" / "missing.html").read_text(encoding="utf-8")
    assert "Nothing to chart yet" in text and "(not built yet)" in text
    assert last_months(con) == []
    con.close()


# --- a pipeline run on the sample articles: its report and its Data Docs ---------------------------


@pytest.fixture(scope="module")
def pipeline_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("pipeline")
    articles = root / "articles"
    shutil.copytree(SAMPLE_ARTICLES, articles)
    config = RunConfig.build(root / "attrition.duckdb", [articles], today=TODAY)
    summary = run_pipeline(config)
    assert summary.status == "completed"
    return config, summary


def visible_text(dom: str) -> str:
    dom = re.sub(r"<(script|style)\b.*?</\1>", "", dom, flags=re.DOTALL | re.IGNORECASE)
    return " ".join(re.sub(r"<[^>]+>", " ", dom).split())


def test_data_docs_render_and_show_every_suite(pipeline_run, tmp_path):
    config, _ = pipeline_run
    docs = Validator(config.reports_dir).docs_index()
    assert docs.exists()
    index = browse(docs.as_uri(), tmp_path / "profile", "--dump-dom").stdout
    assert "Validation Results" in visible_text(index) and "Expectation Suites" in visible_text(index)
    # the index links each suite's page and its validation result; each page renders and names its suite
    for suite in SUITES:
        assert f"expectations/{suite}.html" in index and f"validations/{suite}/" in index, suite

    def render(suite: str) -> str:
        page = docs.parent / "expectations" / f"{suite}.html"
        return visible_text(browse(page.as_uri(), tmp_path / f"profile-{suite}", "--dump-dom").stdout)

    with ThreadPoolExecutor(len(SUITES)) as pool:
        for suite, text in zip(SUITES, pool.map(render, SUITES), strict=True):
            assert f"Expectation Suite Name {suite}" in text, f"suite {suite} not shown in its Data Docs page"


def test_data_docs_index_lists_every_suite_offline(pipeline_run, tmp_path):
    config, _ = pipeline_run
    index = browse(Validator(config.reports_dir).docs_index().as_uri(), tmp_path / "profile", "--dump-dom").stdout
    text = visible_text(index)
    # the tables are built by jQuery and bootstrap-table, vendored so the page renders with no network
    assert all(f" {suite} " in f" {text} " for suite in SUITES)


def test_pipeline_report_links_its_data_docs_and_renders(pipeline_run, tmp_path):
    config, summary = pipeline_run
    docs = Validator(config.reports_dir).docs_index()
    with db.connect(config.db_path, read_only=True) as con:
        page = write_report(con, config.reports_dir, docs)
    text = page.read_text(encoding="utf-8")
    assert 'href="gx/uncommitted/data_docs/local_site/index.html"' in text
    assert f'<code id="run-id">{summary.run_id}</code>' in text
    dom = browse(page.as_uri(), tmp_path / "profile", "--dump-dom").stdout
    assert re.search(r'id="chart".*?<svg[^>]*class="marks"', dom, re.DOTALL)
