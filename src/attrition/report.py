"""The report: ISIS attacks abroad beside territorial losses, as one static HTML page that works offline.

`write_report` reads the models that the aggregate stage built (`attacks_vs_losses`,
`undated_incidents`, `lagged_correlation`, `validated_incidents`) and writes `attacks_vs_losses.html`:
headline numbers, a plain verdict on what the lag table can say, an Altair chart on the ISIS
period (attacks abroad that reports tie to ISIS and territorial losses in Iraq and Syria and
elsewhere, per month or, over more than three years, per quarter, with 3-month rolling sums as
lines; the reference timeline of losses as marks when the database has it; killed abroad; the
news coverage the events were read from), the incidents too vaguely dated to place in a month and
why, the lag table with intervals and p-values, a map of the incidents, the incidents behind each
month with their evidence sentences and links, and a link to the Great Expectations Data Docs.
The Vega, Vega-Lite and vega-embed JavaScript and the world outline are inlined, so the page
renders with no network.

`headline_markdown` and `last_months` give the same numbers to Prefect artifacts.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from attrition import lags as lag_stats
from attrition.cache import cache_dir, write_atomic
from attrition.db import sql

REPORT_NAME = "attacks_vs_losses.html"
CHART_DIV = "chart"
MAP_DIV = "incident-map"
WORLD = Path(__file__).parent / "static" / "world" / "countries-110m.json"
QUARTERLY_AFTER = 36   # months: longer series are drawn per quarter, so bars stay wide enough to see
EVIDENCE_PER_INCIDENT = 3

ATTACKS = "ISIS attacks abroad"
CORE = "Losses in Iraq and Syria"
ELSEWHERE = "Losses elsewhere"
LOSSES = "Territorial losses"
KILLED = "Killed in ISIS attacks abroad"
ISIS_ARTICLES = "Articles naming ISIS"
ALL_ARTICLES = "All articles read"
COLOURS = {ATTACKS: "#b03a2e", CORE: "#2e6da4", ELSEWHERE: "#17a2b8", LOSSES: "#1f4e79", KILLED: "#7f4f24",
           ISIS_ARTICLES: "#8e8e8e", ALL_ARTICLES: "#444444"}
LIGHT = {ATTACKS: "#e8a59c", CORE: "#9fc2e6", ELSEWHERE: "#a6e1ea", KILLED: "#d8c2ae", ISIS_ARTICLES: "#cfcfcf"}


# --- reading the models ---------------------------------------------------------------------------


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(sql("report/select_table_exists"), {"name": name}).fetchone()
    return bool(found and found[0])


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[dict]:
    """The rows of `sql/report/<name>.sql` as dicts."""
    cur = con.execute(sql(f"report/{name}"), params or {})
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _months(con: duckdb.DuckDBPyConnection) -> list[dict]:
    if not _has_table(con, "attacks_vs_losses"):
        return []
    return _rows(con, "select_months")


def _undated(con: duckdb.DuckDBPyConnection) -> list[dict]:
    if not _has_table(con, "undated_incidents"):
        return []
    return _rows(con, "select_undated_incidents")


def _lags(con: duckdb.DuckDBPyConnection) -> list[lag_stats.Lag]:
    if not _has_table(con, "lagged_correlation"):
        return []
    names = set(lag_stats.Lag.__dataclass_fields__)
    rows = _rows(con, "select_lagged_correlation")
    return [lag_stats.Lag(**{k: v for k, v in r.items() if k in names}) for r in rows if names <= set(r)]


def _before_series(con: duckdb.DuckDBPyConnection) -> int:
    """Incidents dated to a month before the series starts (mentioned in passing): kept, not counted."""
    if not _has_table(con, "validated_incidents"):
        return 0
    return con.execute(sql("report/select_before_series_count")).fetchone()[0]


def _reference_losses(con: duckdb.DuckDBPyConnection, months: list[dict]) -> list[dict]:
    """The reference timeline of losses (seeds/reference_losses.csv) inside the charted period, if loaded."""
    if not months or not _has_table(con, "reference_losses"):
        return []
    return _rows(con, "select_reference_losses",
                 {"start": months[0]["month"], "end": _month_end(months[-1]["month"])})


def last_months(con: duckdb.DuckDBPyConnection, n: int = 12) -> list[dict]:
    """The last n rows of attacks_vs_losses, oldest first, as plain values (for a Prefect table artifact)."""
    rows = _months(con)[-n:] if n > 0 else []
    return [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()} for row in rows]


@dataclass
class Headline:
    months: int
    first_month: dt.date | None
    last_month: dt.date | None
    attacks_abroad: int
    killed_abroad: int
    attacks_abroad_any: int
    attacks_core: int
    losses_core: int
    losses_elsewhere: int
    undated: int
    before_series: int
    peak_month: dt.date | None
    peak_attacks: int

    @property
    def territorial_losses(self) -> int:
        return self.losses_core + self.losses_elsewhere


def headline(con: duckdb.DuckDBPyConnection) -> Headline:
    months = _months(con)
    undated = sum(r["incidents"] for r in _undated(con))
    before = int(_before_series(con))
    if not months:
        return Headline(0, None, None, 0, 0, 0, 0, 0, 0, int(undated), before, None, 0)
    peak = max(months, key=lambda r: (r["attacks_abroad"], r["month"]))
    return Headline(
        months=len(months), first_month=months[0]["month"], last_month=months[-1]["month"],
        attacks_abroad=sum(r["attacks_abroad"] for r in months),
        killed_abroad=sum(r["killed_abroad"] for r in months),
        attacks_abroad_any=sum(r["attacks_abroad_any_perpetrator"] for r in months),
        attacks_core=sum(r["attacks_core"] for r in months),
        losses_core=sum(r["losses_core"] for r in months),
        losses_elsewhere=sum(r["losses_elsewhere"] for r in months),
        undated=int(undated), before_series=before,
        peak_month=peak["month"] if peak["attacks_abroad"] else None, peak_attacks=int(peak["attacks_abroad"]),
    )


def _month_label(month: dt.date | None) -> str:
    return month.strftime("%B %Y") if month else "-"


def _headline_items(h: Headline) -> list[tuple[int, str]]:
    return [(h.attacks_abroad, "ISIS attacks abroad"), (h.killed_abroad, "killed in them"),
            (h.losses_core, "territorial losses in Iraq and Syria"),
            (h.losses_elsewhere, "territorial losses elsewhere"),
            (h.attacks_core, "ISIS attacks in Iraq and Syria"),
            (h.attacks_abroad_any, "attacks abroad by anyone (context)"),
            (h.undated, "incidents too vaguely dated to place in a month")]


def headline_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """Headline numbers as Markdown (for a Prefect markdown artifact)."""
    h = headline(con)
    if not h.months:
        lines = ["## ISIS attacks abroad vs territorial losses", "",
                 "Nothing to chart yet: no incident of the ISIS period is dated to a single month."]
        if h.undated:
            lines.append(f"{h.undated} incidents too vaguely dated to place in a month.")
        return "\n".join(lines) + "\n"
    lines = ["## ISIS attacks abroad vs territorial losses", "",
             f"{h.months} months, {_month_label(h.first_month)} to {_month_label(h.last_month)}.", "",
             "| | total |", "| --- | ---: |"]
    lines += [f"| {label} | {value} |" for value, label in _headline_items(h)]
    if h.peak_month:
        lines += ["", f"Most ISIS attacks abroad in one month: {h.peak_attacks} ({_month_label(h.peak_month)})."]
    return "\n".join(lines) + "\n"


# --- where the aggregates came from ----------------------------------------------------------------


def _source_run(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The run whose aggregates these are: the last one whose aggregate suite passed, else the last run."""
    if _has_table(con, "validation_runs"):
        found = _rows(con, "select_last_aggregate_validation")
        if found and _has_table(con, "runs"):
            run = _rows(con, "select_run", {"run_id": found[0]["run_id"]})
            return run[0] if run else {"run_id": found[0]["run_id"], "started_at": None, "status": None}
    if _has_table(con, "runs"):
        run = _rows(con, "select_last_run")
        return run[0] if run else None
    return None


def _suites(con: duckdb.DuckDBPyConnection, run_id: str | None) -> list[dict]:
    if not run_id or not _has_table(con, "validation_runs"):
        return []
    return _rows(con, "select_suites", {"run_id": run_id})


# --- the chart -------------------------------------------------------------------------------------


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _iso(day: dt.date) -> str:
    return day.isoformat() + "T00:00:00Z"


def _periods(months: list[dict]) -> tuple[str, list[dict]]:
    """The months summed per month, or per quarter when the series is long (a bar per month over ten
    years would be a pixel wide)."""
    grain = "quarter" if len(months) > QUARTERLY_AFTER else "month"
    keys = ("attacks_abroad", "killed_abroad", "losses_core", "losses_elsewhere", "attacks_core",
            "attacks_abroad_any_perpetrator", "articles", "isis_articles")
    out: dict[dt.date, dict] = {}
    for row in months:
        month = row["month"]
        start = month.replace(month=(month.month - 1) // 3 * 3 + 1) if grain == "quarter" else month
        period = out.setdefault(start, {"start": start, **dict.fromkeys(keys, 0)})
        period["end"] = _month_end(month)
        for key in keys:
            period[key] += row[key]
    for period in out.values():
        start = period["start"]
        period["label"] = (f"Q{(start.month - 1) // 3 + 1} {start.year}" if grain == "quarter"
                           else start.strftime("%B %Y"))
    return grain, list(out.values())


def chart(months: list[dict], reference: list[dict] | None = None) -> dict:
    """The Vega-Lite spec of panels on one time axis: ISIS attacks abroad and territorial losses (core
    and elsewhere stacked) as bars per period with 3-month rolling sums as lines; the reference losses
    as marks; killed abroad; the articles the events were read from. The rows go in the spec's named
    datasets after Altair has built it: Altair copies inline rows over and over while it builds."""
    import altair as alt

    grain, periods = _periods(months)
    per = f"per {grain}"
    gap = dt.timedelta(days=2 if grain == "month" else 5)   # a period's bars touch, not the next period's
    bars, killed_bars, coverage_bars = [], [], []
    for p in periods:
        start, end = p["start"], p["end"]
        mid = start + (end - start) / 2
        detail = {"period": p["label"], "attacks_abroad": p["attacks_abroad"], "killed_abroad": p["killed_abroad"],
                  "losses_core": p["losses_core"], "losses_elsewhere": p["losses_elsewhere"],
                  "attacks_core": p["attacks_core"], "attacks_any": p["attacks_abroad_any_perpetrator"],
                  "articles": p["articles"], "isis_articles": p["isis_articles"]}
        bars.append({**detail, "series": f"{ATTACKS}, {per}", "y0": 0, "y1": p["attacks_abroad"],
                     "x0": _iso(start + gap), "x1": _iso(mid)})
        bars.append({**detail, "series": f"{CORE}, {per}", "y0": 0, "y1": p["losses_core"],
                     "x0": _iso(mid), "x1": _iso(end - gap)})
        bars.append({**detail, "series": f"{ELSEWHERE}, {per}", "y0": p["losses_core"],
                     "y1": p["losses_core"] + p["losses_elsewhere"], "x0": _iso(mid), "x1": _iso(end - gap)})
        killed_bars.append({**detail, "series": f"{KILLED}, {per}", "y0": 0, "y1": p["killed_abroad"],
                            "x0": _iso(start + gap), "x1": _iso(end - gap)})
        coverage_bars.append({**detail, "series": f"{ISIS_ARTICLES}, {per}", "y0": 0, "y1": p["isis_articles"],
                              "x0": _iso(start + gap), "x1": _iso(end - gap)})
    lines, killed_lines, coverage_lines = [], [], []
    for row in months:   # rolling sums stay monthly: points at each month's middle, straight segments
        month = row["month"]
        x = _iso(month + (_month_end(month) - month) / 2)
        detail = {"month": month.isoformat(), "attacks_abroad_3m": row["attacks_abroad_3m"],
                  "territorial_losses_3m": row["territorial_losses_3m"], "killed_abroad_3m": row["killed_abroad_3m"],
                  "articles": row["articles"], "isis_articles": row["isis_articles"]}
        lines.append({**detail, "series": f"{ATTACKS}, 3-month sum", "value": row["attacks_abroad_3m"], "x": x})
        lines.append({**detail, "series": f"{LOSSES}, 3-month sum", "value": row["territorial_losses_3m"], "x": x})
        killed_lines.append({**detail, "series": f"{KILLED}, 3-month sum", "value": row["killed_abroad_3m"], "x": x})
    for p in periods:
        coverage_lines.append({"period": p["label"], "series": f"{ALL_ARTICLES}, {per}", "value": p["articles"],
                               "x": _iso(p["start"] + (p["end"] - p["start"]) / 2)})

    # the domain is the data's, widened to whole months and shared by the panels (resolve_scale below)
    x_scale = alt.Scale(type="utc", nice={"interval": "month", "step": 1})
    n_months = len(months)
    step = next((k for k in (1, 2, 3, 6, 12, 24, 60) if n_months / k <= 12), 120)   # at most ~12 ticks
    width = max(640, min(900, 30 * len(periods)))
    datasets: dict[str, list[dict]] = {}

    def named(name: str, rows: list[dict]):
        datasets[name] = rows
        return alt.NamedData(name=name)

    def colour(domain: list[str], colours: list[str]):
        return alt.Color("series:N", title=None, scale=alt.Scale(domain=domain, range=colours),
                         legend=alt.Legend(orient="top", direction="horizontal", columns=3, symbolType="square",
                                           labelFontSize=12, labelLimit=300))

    def x_axis(shown: bool):
        if shown:
            return alt.Axis(format="%b %Y" if step < 12 else "%Y", labelAngle=0, labelOverlap=True, grid=False,
                            title=None, tickCount=alt.TickCount(interval="month", step=step))
        return alt.Axis(labels=False, ticks=False, title=None, grid=False)

    def y_axis(rows: list[dict], key: str):
        top = max([r.get(key, 0) or 0 for r in rows] + [1])
        # counts: whole-number ticks only (a "d" format on 0.5 steps would print 0, 1, 1, 2, 2)
        return alt.Axis(values=list(range(top + 1)), format="d") if top <= 8 else alt.Axis(tickMinStep=1, format="d")

    def bar_layer(name: str, rows: list[dict], domain, colours, title: str, shown: bool, top_key: str = "y1"):
        tooltip = [alt.Tooltip("period:N", title=grain), alt.Tooltip("series:N", title="series"),
                   alt.Tooltip("y1:Q", title="top of bar")]
        tooltip += [alt.Tooltip(f"{k}:Q", title=t) for k, t in (
            ("attacks_abroad", "ISIS attacks abroad"), ("losses_core", "losses in Iraq and Syria"),
            ("losses_elsewhere", "losses elsewhere"), ("killed_abroad", "killed in ISIS attacks abroad"),
            ("attacks_core", "ISIS attacks in Iraq and Syria"), ("attacks_any", "attacks abroad by anyone"),
            ("isis_articles", "articles naming ISIS"), ("articles", "articles read"))]
        return alt.Chart(named(name, rows)).mark_bar().encode(
            x=alt.X("x0:T", scale=x_scale, axis=x_axis(shown)), x2="x1:T",
            y=alt.Y("y1:Q", title=title, axis=y_axis(rows, top_key)), y2="y0:Q",
            color=colour(domain, colours), tooltip=tooltip)

    def line_layer(name: str, rows: list[dict], domain, colours, title: str, shown: bool):
        tooltip = [alt.Tooltip("month:T", title="month", timeUnit="utcyearmonth", format="%B %Y"),
                   alt.Tooltip("series:N", title="series"), alt.Tooltip("value:Q", title="value")] \
            if rows and "month" in rows[0] else [alt.Tooltip("period:N", title=grain),
                                                 alt.Tooltip("value:Q", title="articles")]
        # straight segments between non-negative points never dip below zero (a smoothed curve would)
        return alt.Chart(named(name, rows)).mark_line(strokeWidth=2.2, interpolate="linear",
                                                      point=alt.OverlayMarkDef(size=16)).encode(
            x=alt.X("x:T", scale=x_scale, axis=x_axis(shown)), y=alt.Y("value:Q", title=title),
            color=colour(domain, colours), detail="series:N", tooltip=tooltip)

    main_domain = [f"{ATTACKS}, {per}", f"{CORE}, {per}", f"{ELSEWHERE}, {per}",
                   f"{ATTACKS}, 3-month sum", f"{LOSSES}, 3-month sum"]
    main_colours = [LIGHT[ATTACKS], LIGHT[CORE], LIGHT[ELSEWHERE], COLOURS[ATTACKS], COLOURS[LOSSES]]
    top_rows = bars + [{"y1": r["value"]} for r in lines]
    main = alt.layer(
        bar_layer("main bars", bars, main_domain, main_colours, "incidents", False).encode(
            y=alt.Y("y1:Q", title="incidents", axis=y_axis(top_rows, "y1"))),
        line_layer("main lines", lines, main_domain, main_colours, "incidents", False),
    ).properties(width=width, height=300)
    panels = [main]
    if reference:
        marks = [{"date": _iso(r["date"]), "place": r["place"], "country": r["country"],
                  "series": CORE if r["region"] == "core" else ELSEWHERE, "captured_by": r["captured_by"],
                  "day": r["date"].isoformat(), "y": 0} for r in reference]
        panels.append(alt.Chart(named("reference losses", marks)).mark_point(
            shape="triangle-up", filled=True, size=90, opacity=0.85).encode(
            x=alt.X("date:T", scale=x_scale, axis=x_axis(False)),
            y=alt.Y("y:Q", axis=alt.Axis(title="reference", labels=False, ticks=False, grid=False, domain=False,
                                         titleAngle=0, titleAlign="right", titleBaseline="middle")),
            color=alt.Color("series:N", title="Reference losses (completed or declared):",
                            scale=alt.Scale(domain=[CORE, ELSEWHERE], range=[COLOURS[CORE], COLOURS[ELSEWHERE]]),
                            legend=alt.Legend(orient="top", direction="horizontal", labelFontSize=12,
                                              titleFontSize=12, titleLimit=400, symbolType="triangle-up")),
            tooltip=[alt.Tooltip("place:N"), alt.Tooltip("country:N"), alt.Tooltip("day:N", title="date"),
                     alt.Tooltip("captured_by:N", title="captured by")],
        ).properties(width=width, height=28))
    killed_domain = [f"{KILLED}, {per}", f"{KILLED}, 3-month sum"]
    panels.append(alt.layer(
        bar_layer("killed bars", killed_bars, killed_domain, [LIGHT[KILLED], COLOURS[KILLED]], "killed", False),
        line_layer("killed lines", killed_lines, killed_domain, [LIGHT[KILLED], COLOURS[KILLED]], "killed", False),
    ).properties(width=width, height=130))
    coverage_domain = [f"{ISIS_ARTICLES}, {per}", f"{ALL_ARTICLES}, {per}"]
    coverage_colours = [LIGHT[ISIS_ARTICLES], COLOURS[ALL_ARTICLES]]
    panels.append(alt.layer(
        bar_layer("coverage bars", coverage_bars, coverage_domain, coverage_colours, "articles", True),
        line_layer("coverage lines", coverage_lines, coverage_domain, coverage_colours, "articles", True),
    ).properties(width=width, height=110))
    subtitle = [f"Bars: each {grain} (ISIS attacks abroad left; losses right, Iraq and Syria below, elsewhere "
                "above). Lines: 3-month rolling sums, month by month.",
                "Then: killed in ISIS attacks abroad (best estimate); the articles read, all and those naming "
                "ISIS. Incidents not dated to one month are not shown."]
    if reference:
        subtitle.insert(1, "Triangles: the reference timeline of ISIS's territorial losses "
                           "(seeds/reference_losses.csv).")
    figure = (alt.vconcat(*panels, spacing=8)
              .resolve_scale(x="shared", color="independent", y="independent")
              .properties(title=alt.TitleParams("ISIS attacks abroad and territorial losses", subtitle=subtitle,
                                                anchor="start", fontSize=16))
              .configure_view(stroke=None)
              .configure_axis(labelFontSize=11, titleFontSize=12))
    spec = figure.to_dict()
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    return spec


def incident_map(points: list[dict]) -> dict:
    """A world map of incidents at their stored coordinates, over the outline `world-atlas` ships."""
    import altair as alt

    categories = ["ISIS attack abroad", "ISIS attack in Iraq or Syria", "Attack by others or unattributed",
                  "Territorial loss"]
    colours = [COLOURS[ATTACKS], "#e67e22", "#9a9a9a", COLOURS[CORE]]
    # the outline is put in after Altair has written the spec: Altair deep-copies every value it is given
    # (a second per report for the 200 kB outline), the spec is the same
    outline = alt.Data(values={"type": "Topology"}, format=alt.DataFormat(type="topojson", feature="countries"))
    land = alt.Chart(outline) \
        .mark_geoshape(fill="#eeeeee", stroke="#b5b5b5", strokeWidth=0.5)
    dots = alt.Chart(alt.NamedData(name="incidents")).mark_circle(opacity=0.75, stroke="white", strokeWidth=0.5) \
        .encode(longitude="lon:Q", latitude="lat:Q",
                size=alt.Size("size:Q", legend=None, scale=alt.Scale(range=[30, 400])),
                color=alt.Color("category:N", title=None, scale=alt.Scale(domain=categories, range=colours),
                                legend=alt.Legend(orient="top", direction="horizontal", labelFontSize=12,
                                                  labelLimit=300)),
                tooltip=[alt.Tooltip("place:N"), alt.Tooltip("country:N"), alt.Tooltip("when:N", title="date"),
                         alt.Tooltip("category:N", title="what"), alt.Tooltip("killed:Q", title="killed"),
                         alt.Tooltip("reports:Q", title="reports")])
    spec = alt.layer(land, dots).properties(width=900, height=460, projection=alt.Projection(type="equalEarth")) \
        .configure_view(stroke=None).to_dict()
    spec["datasets"] = {**spec.get("datasets", {}), "incidents": points}
    spec["layer"][0]["data"]["values"] = json.loads(WORLD.read_text(encoding="utf-8"))
    return spec


# --- the page --------------------------------------------------------------------------------------


STYLE = """
  body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 1.5rem 2rem;
         color: #222; max-width: 1400px; }
  h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; }
  .meta { color: #555; font-size: 0.9rem; margin-top: 0; }
  .headline { display: flex; flex-wrap: wrap; gap: 0.75rem; padding: 0; list-style: none; }
  .headline li { border: 1px solid #ddd; border-radius: 6px; padding: 0.5rem 0.9rem; min-width: 8rem; }
  .headline b { display: block; font-size: 1.5rem; }
  #chart.vega-embed { width: auto; }
  .row { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
  aside { border-left: 4px solid #999; background: #f6f6f6; padding: 0.6rem 1rem; flex: 0 1 17rem;
          font-size: 0.92rem; }
  aside .big { font-size: 1.3rem; font-weight: 600; }
  table { border-collapse: collapse; font-size: 0.92rem; }
  th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.7rem; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  td.note { text-align: left; color: #8a4b00; }
  .empty { font-size: 1.1rem; padding: 1rem; background: #f6f6f6; border-radius: 6px; }
  .ok { color: #1e7b34; } .bad { color: #b00020; }
  .verdict { font-size: 1.1rem; border-left: 4px solid #b03a2e; background: #fbf3f2; padding: 0.6rem 1rem;
             max-width: 70rem; }
  .verdict.thin { border-left-color: #c08a00; background: #fdf7e6; }
  table.evidence td, table.evidence th { vertical-align: top; text-align: left; }
  table.evidence td.n { text-align: right; }
  table.evidence blockquote { margin: 0 0 0.4rem 0; color: #333; }
  table.evidence .src { color: #555; font-size: 0.85rem; }
  .lagtable td.ci { color: #555; }
"""


def _e(value) -> str:
    return html.escape(str(value))


def _num(value) -> str:
    return "&minus;" if value is None else (f"{value:+.2f}" if isinstance(value, float) else _e(value))


def _headline_html(h: Headline) -> str:
    cards = "".join(f"<li><b>{_e(v)}</b>{_e(label)}</li>" for v, label in _headline_items(h))
    span = (f"<p>{h.months} months of the ISIS period, {_e(_month_label(h.first_month))} to "
            f"{_e(_month_label(h.last_month))}"
            + (f"; most ISIS attacks abroad in one month: {h.peak_attacks} ({_e(_month_label(h.peak_month))})"
               if h.peak_month else "") + ". An attack counts as ISIS's when a report says ISIS claimed it, "
            "attributes it to ISIS or says ISIS inspired it (a setting); the attacks abroad by anyone are context, "
            "not the measure."
            + (f" {h.before_series} incidents dated before the series starts (events mentioned in passing) stay "
               "in the tables but out of the series and the statistics." if h.before_series else "") + "</p>")
    return f'<ul class="headline" id="headline">{cards}</ul>{span}'


def _verdict_html(lags: list[lag_stats.Lag], months: int) -> str:
    if not lags:
        return ""
    text = lag_stats.verdict(lags, months)
    thin = "too thin" in text or "cannot be computed" in text
    return f'<p class="verdict{" thin" if thin else ""}" id="verdict">{_e(text)}</p>'


def _undated_html(undated: list[dict], any_months: bool) -> str:
    total = sum(r["incidents"] for r in undated)
    if not total:
        return '<aside id="undated"><p>Every validated incident is dated to a single month.</p></aside>' \
            if any_months else ""
    names = {"attack": ("attack", "attacks"), "territorial_loss": ("territorial loss", "territorial losses")}
    where = {"elsewhere": "abroad", "core": "in Iraq and Syria"}
    items = "".join(
        f"<li>{_e(r['incidents'])} {_e(names.get(r['kind'], (r['kind'],) * 2)[r['incidents'] != 1])} "
        f"{_e(where.get(r['region'], r['region']))}"
        + (f" ({_e(r['isis_linked'])} linked to ISIS)" if r.get("isis_linked") and r["kind"] == "attack" else "")
        + f": {_e(r['why'])}</li>" for r in undated)
    plural = "s" if total != 1 else ""
    return (f'<aside id="undated"><p><span class="big">{total} incident{plural}</span> too vaguely dated to place in a '
            "month (their date window spans more than one month, or they have none). They are not in the chart: "
            f"counted here, never spread or guessed.</p><ul>{items}</ul></aside>")


def _ci(low, high) -> str:
    return "&minus;" if low is None else f"{low:+.2f} to {high:+.2f}"


def _lags_html(lags: list[lag_stats.Lag]) -> str:
    if not lags:
        return "<p>No correlation computed yet.</p>"
    tables = []
    for series, caption in (("levels", "Monthly counts"), ("differences", "Month-to-month changes")):
        body = []
        for r in (r for r in lags if r.series == series):
            notes = []
            if r.n < lag_stats.SMALL_N:
                notes.append("n is small")
            if min(r.loss_months, r.attack_months) < lag_stats.FEW_EVENT_MONTHS and r.n:
                notes.append(f"few months with events ({r.loss_months} with losses, {r.attack_months} with attacks): "
                             "the interval and p are unreliable")
            if r.pearson is None:
                notes.append("undefined: too few pairs, or a series is constant")
            p_value = "&minus;" if r.p_value is None else f"{r.p_value:.2f}"
            body.append(f"<tr><td>{_e(r.lag_months)}</td><td>{_e(r.n)}</td><td>{_num(r.pearson)}</td>"
                        f'<td class="ci">{_ci(r.pearson_low, r.pearson_high)}</td><td>{_num(r.spearman)}</td>'
                        f'<td class="ci">{_ci(r.spearman_low, r.spearman_high)}</td><td>{p_value}</td>'
                        f"<td class=\"note\">{_e('; '.join(notes))}</td></tr>")
        tables.append(f"<h3>{caption}</h3><table class=\"lagtable\" id=\"lagged-correlation-{series}\"><thead><tr>"
                      "<th>lag (months)</th><th>n</th><th>Pearson</th><th>95 % interval</th><th>Spearman</th>"
                      "<th>95 % interval</th><th>p</th><th>note</th></tr></thead><tbody>" + "".join(body)
                      + "</tbody></table>")
    small = any(r.small for r in lags if r.series == "levels")
    warning = (f"<p><b>n is small.</b> With fewer than {lag_stats.SMALL_N} monthly pairs, or fewer than "
               f"{lag_stats.FEW_EVENT_MONTHS} months with a loss or an attack, correlations this size arise by chance; "
               "they cannot support or refute the claim.</p>" if small else "")
    block = next((r.block_months for r in lags if r.block_months), 0)
    return ("<p>Correlation of territorial losses in month <i>t</i> with ISIS attacks abroad in month <i>t</i> + lag "
            "(do losses lead attacks abroad?), on the counts and on their month-to-month changes (which remove "
            "a shared trend, such as the news covering ISIS more). n = month pairs. Monthly counts are "
            f"autocorrelated, so the 95 % intervals come from a moving-block bootstrap (blocks of {block} months, "
            f"{lag_stats.RESAMPLES} resamples, seeded) and p from permuting blocks of the attacks against the "
            "losses; with seven lags tested, a p under 0.05 at one of them is expected one time in three by chance."
            "</p>" + warning + "".join(tables))


def _months_html(months: list[dict]) -> str:
    cols = [("month", "month"), ("attacks_abroad", "ISIS attacks abroad"), ("killed_abroad", "killed in them"),
            ("attacks_abroad_any_perpetrator", "attacks abroad by anyone"), ("losses_core", "losses, Iraq and Syria"),
            ("losses_elsewhere", "losses elsewhere"), ("cumulative_losses", "cumulative losses"),
            ("attacks_core", "ISIS attacks in Iraq and Syria"), ("articles", "articles read"),
            ("isis_articles", "articles naming ISIS"),
            ("attacks_abroad_per_100_isis_articles", "ISIS attacks abroad per 100 ISIS articles")]
    head = "".join(f"<th>{_e(t)}</th>" for _, t in cols)

    def cell(row, c):
        value = row[c]
        if c == "month":
            return value.strftime("%Y-%m")
        return "&minus;" if value is None else _e(value)

    body = "".join("<tr>" + "".join(f"<td>{cell(r, c)}</td>" for c, _ in cols) + "</tr>" for r in months)
    return (f"<details><summary>The monthly table with the news coverage ({len(months)} months, from "
            f'<code>attacks_vs_losses</code>)</summary><table id="months"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></details>")


def _evidence(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """The incidents counted in the series, each with its evidence sentences and sources."""
    if not _has_table(con, "validated_incidents"):
        return []
    return _rows(con, "select_evidence", {"per_incident": EVIDENCE_PER_INCIDENT})


def _evidence_html(incidents: list[dict]) -> str:
    if not incidents:
        return "<p>No incident is counted in the series yet.</p>"
    body = []
    for inc in incidents:
        what = ("ISIS attack" + (f" ({inc['isis_attribution']})" if inc["isis_attribution"] else "")
                if inc["kind"] == "attack" else "territorial loss"
                + (f" to {inc['captured_by']}" if inc["captured_by"] else "")
                + (" (outside Iraq and Syria)" if inc["region"] == "elsewhere" else ""))
        when = (inc["date_start"].isoformat() if inc["date_start"] == inc["date_end"]
                else f"{inc['date_start']:%Y-%m-%d} to {inc['date_end']:%Y-%m-%d}")
        quotes = []
        for r in inc["reports"] or []:
            link = (f'<a href="{_e(r["url"])}">{_e(r["title"] or r["url"])}</a>' if r["url"]
                    else _e(r["title"] or "untitled"))
            source = _e(r["source"] or "") + (f", {_e(r['published'])}" if r["published"] else "")
            if r["ties_to_isis"] and inc["kind"] == "attack":
                source = f"<b>ISIS {_e(r['ties_to_isis'])}</b> &middot; " + source
            quotes.append(f"<blockquote>&ldquo;{_e(r['evidence'])}&rdquo;<br>"
                          f'<span class="src">{source}: {link}</span></blockquote>')
        more = inc["n_articles"] - len(inc["reports"] or [])
        if more > 0:
            quotes.append(f'<span class="src">and {more} more article{"s" if more != 1 else ""}</span>')
        body.append(f"<tr><td>{inc['month']:%Y-%m}</td><td>{_e(what)}</td><td>{_e(inc['place'] or '')} "
                    f"({_e(inc['country'] or '?')})</td><td>{_e(when)}</td>"
                    f"<td class=\"n\">{'&minus;' if inc['killed_best'] is None else _e(inc['killed_best'])}</td>"
                    f"<td>{''.join(quotes)}</td></tr>")
    return (f"<details open><summary>{len(incidents)} incidents: every ISIS attack abroad and every territorial "
            "loss in the series, with the sentences that report them</summary>"
            '<table class="evidence" id="evidence"><thead><tr><th>month</th><th>what</th><th>where</th>'
            "<th>date</th><th>killed</th><th>evidence and sources</th></tr></thead><tbody>"
            + "".join(body) + "</tbody></table></details>")


def _map_points(con: duckdb.DuckDBPyConnection, months: list[dict]) -> list[dict]:
    """Incidents of the charted period with coordinates (the undated ones too, where they start in it)."""
    if not months or not _has_table(con, "validated_incidents"):
        return []
    rows = _rows(con, "select_map_points", {"start": months[0]["month"], "end": _month_end(months[-1]["month"])})
    points = []
    for r in rows:
        if r["kind"] == "territorial_loss":
            category = "Territorial loss"
        elif not r["isis_linked"]:
            category = "Attack by others or unattributed"
        else:
            category = "ISIS attack abroad" if r["region"] == "elsewhere" else "ISIS attack in Iraq or Syria"
        when = r["date_start"].isoformat() if r["date_start"] == r["date_end"] else \
            f"{r['date_start']} to {r['date_end']}"
        points.append({"place": r["place"] or "", "country": r["country"], "category": category, "when": when,
                       "killed": r["killed_best"], "reports": r["n_articles"], "lat": r["lat"], "lon": r["lon"],
                       "size": (r["killed_best"] or 0) + 1})
    return points


def _embed_script(div: str, spec: dict) -> str:
    """A second vega-embed call for another chart on the page (the bundle is already loaded)."""
    payload = json.dumps(spec).replace("</", "<\\/")
    return (f'<div id="{div}"></div><script type="text/javascript">vegaEmbed("#{div}", {payload}, '
            '{"renderer": "svg", "actions": false}).catch(console.error);</script>')


def _validation_html(con: duckdb.DuckDBPyConnection, run: dict | None, docs_index: Path | None,
                     out_dir: Path) -> str:
    if docs_index is None:
        link = "<p>No validation report was given.</p>"
    else:
        docs = Path(docs_index)
        try:
            href = Path(os.path.relpath(docs.resolve(), out_dir.resolve())).as_posix()
        except ValueError:   # another drive: no relative path exists
            href = docs.resolve().as_uri()
        missing = "" if docs.exists() else " (not built yet)"
        link = (f'<p><a id="validation-link" href="{_e(href)}">Validation report (Great Expectations Data Docs)'
                f"</a>{missing}</p>")
    suites = _suites(con, run["run_id"] if run else None)
    if suites:
        rows = "".join(
            f"<tr><td>{_e(s['suite'])}</td><td class=\"{'ok' if s['success'] else 'bad'}\">"
            f"{'passed' if s['success'] else 'failed'}</td><td>{_e(s['evaluated'])}</td><td>{_e(s['failed'])}</td>"
            f"<td>{_e(s['quarantined'])}</td></tr>" for s in suites)
        link += ("<table><thead><tr><th>suite</th><th>result</th><th>expectations</th><th>expectations failed</th>"
                 "<th>rows quarantined</th></tr>"
                 f"</thead><tbody>{rows}</tbody></table>")
    if _has_table(con, "quarantine"):
        held = con.execute(sql("report/select_quarantine_count")).fetchone()[0]
        if held:
            link += f"<p>{held} rows are held in quarantine and kept out of these numbers.</p>"
    return link


def _built_line(run: dict | None) -> str:
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()
    if run is None:
        return f"Built {_e(now)}; no pipeline run recorded yet."
    started = run.get("started_at")
    started_text = f", started {started:%Y-%m-%d %H:%M}" if isinstance(started, dt.datetime) else ""
    return f'Built {_e(now)} from run <code id="run-id">{_e(run["run_id"])}</code>{_e(started_text)}.'


def write_report(con: duckdb.DuckDBPyConnection, out_dir: Path, docs_index: Path | None) -> Path:
    """Write `out_dir/attacks_vs_losses.html` and return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    months = _months(con)
    undated = _undated(con)
    lags = _lags(con)
    h = headline(con)
    run = _source_run(con)

    top = (f"<h1>ISIS attacks abroad vs territorial losses</h1><p class=\"meta\">{_built_line(run)}</p>"
           f"{_headline_html(h) if months else ''}{_verdict_html(lags, len(months)) if months else ''}")
    bottom = f"<h2>Do losses lead attacks abroad?</h2>{_lags_html(lags)}"
    if months:
        points = _map_points(con, months)
        bottom += (f"<h2>Where</h2><p>{len(points)} incidents of the period with coordinates (circles sized by the "
                   "dead); vaguely dated ones included.</p>" + _embed_script(MAP_DIV, incident_map(points))
                   + f"<h2>The incidents behind each month</h2>{_evidence_html(_evidence(con))}"
                   + _months_html(months))
    bottom += f"<h2>Validation</h2>{_validation_html(con, run, docs_index, out_dir)}"

    if months:
        spec = chart(months, _reference_losses(con, months))
        page = inline_html(spec, {"renderer": "svg", "actions": {"export": True, "source": False,
                                                                 "compiled": False, "editor": False}})
        page = _splice(page, top, _undated_html(undated, True), bottom)
    else:
        empty = ('<p class="empty" id="nothing-to-chart">Nothing to chart yet: no validated incident of the ISIS '
                 "period is dated to a single month. Run the pipeline on some articles first.</p>")
        page = (f"<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n{_head()}</head>\n<body>\n{top}"
                f'<div class="row">{empty}{_undated_html(undated, False)}</div>\n{bottom}\n</body>\n</html>\n')
    path = out_dir / REPORT_NAME
    path.write_text(page, encoding="utf-8")
    return path


def inline_html(spec: dict, embed_options: dict) -> str:
    """The chart as a page with its JavaScript inlined: Altair's inline template, filled with the
    vega-embed bundle from the cache (vl-convert takes about a second to build it in each process)."""
    import altair as alt

    return alt.utils.html.INLINE_HTML_TEMPLATE.render(
        spec=json.dumps(spec), embed_options=json.dumps(embed_options), output_div=CHART_DIV,
        vegalite_version=alt.VEGALITE_VERSION, vegaembed_script=vega_bundle())


def vega_bundle() -> str:
    """vega, vega-lite and vega-embed as one script, for the Vega-Lite version this Altair writes."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    vl_version = vl_version_for_vl_convert()
    path = cache_dir() / f"vega-embed-{vlc.__version__}-{vl_version}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = vlc.javascript_bundle(vl_version=vl_version)
    write_atomic(path, bundle.encode("utf-8"))
    return bundle


def _head() -> str:
    return f"<title>attrition: ISIS attacks abroad vs territorial losses</title>\n<style>{STYLE}</style>\n"


def _splice(page: str, top: str, beside: str, bottom: str) -> str:
    """Put the report around the chart in the page Altair wrote (its inline template, JavaScript included)."""
    div = f'<div class="vega-visualization" id="{CHART_DIV}"></div>'
    # the inlined JavaScript itself contains "</head>" and "</body>" in strings: the page's own are the last
    head, end_head, rest = page.rpartition("</head>")
    body, end_body, tail = rest.rpartition("</body>")
    if not end_head or not end_body or body.count(div) != 1:
        raise RuntimeError("unexpected HTML from Altair's inline template: cannot place the report around the chart")
    body = body.replace(div, f'{top}<div class="row">{div}{beside}</div>')
    return f"{head}{_head()}{end_head}{body}{bottom}\n{end_body}{tail}"
