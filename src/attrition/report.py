"""The report: attacks abroad beside territorial losses, as one static HTML page that works offline.

`write_report` reads the models that the aggregate stage built (`attacks_vs_losses`,
`undated_incidents`, `lagged_correlation`) and writes `attacks_vs_losses.html`: headline numbers,
an Altair chart (monthly bars and 3-month rolling sums of attacks abroad and of territorial losses
on one time axis, killed abroad in a second panel below it), the incidents too vaguely dated to
place in a month, the lagged correlations with a plain warning where n is small, and a link to
the Great Expectations Data Docs. The Vega, Vega-Lite and vega-embed JavaScript is inlined
(Altair's inline template, from vl-convert-python), so the page renders with no network.

`headline_markdown` and `last_months` give the same numbers to Prefect artifacts.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from attrition.cache import cache_dir, write_atomic

REPORT_NAME = "attacks_vs_losses.html"
CHART_DIV = "chart"
# Below this many monthly pairs a correlation is too noisy to read as evidence either way (the usual
# rule of thumb is 30; a few busy months among many empty ones make it worse, hence the event count).
SMALL_N = 30

ATTACKS = "Attacks abroad"
LOSSES = "Territorial losses"
KILLED = "Killed abroad"
COLOURS = {ATTACKS: "#c0392b", LOSSES: "#2e6da4", KILLED: "#7f4f24"}
LIGHT = {ATTACKS: "#eeb3ab", LOSSES: "#aac6e4", KILLED: "#d8c2ae"}


# --- reading the models ---------------------------------------------------------------------------


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute("select count(*) from information_schema.tables where table_name = ?", [name]).fetchone()
    return bool(found and found[0])


def _rows(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> list[dict]:
    cur = con.execute(query, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _months(con: duckdb.DuckDBPyConnection) -> list[dict]:
    if not _has_table(con, "attacks_vs_losses"):
        return []
    return _rows(con, "select * from attacks_vs_losses order by month")


def _undated(con: duckdb.DuckDBPyConnection) -> list[dict]:
    if not _has_table(con, "undated_incidents"):
        return []
    return _rows(con, "select * from undated_incidents order by kind, region")


def _lags(con: duckdb.DuckDBPyConnection, months: list[dict]) -> list[dict]:
    if not _has_table(con, "lagged_correlation"):
        return []
    lags = _rows(con, "select lag_months, n, pearson, spearman from lagged_correlation order by lag_months")
    for row in lags:
        lag = row["lag_months"]
        pairs = zip(months, months[lag:], strict=False)
        row["with_events"] = sum(1 for a, b in pairs if a["territorial_losses"] or b["attacks_abroad"])
        row["small"] = row["n"] < SMALL_N
    return lags


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
    attacks_core: int
    territorial_losses: int
    undated: int
    peak_month: dt.date | None
    peak_attacks: int


def headline(con: duckdb.DuckDBPyConnection) -> Headline:
    months = _months(con)
    undated = sum(r["incidents"] for r in _undated(con))
    if not months:
        return Headline(0, None, None, 0, 0, 0, 0, int(undated), None, 0)
    peak = max(months, key=lambda r: (r["attacks_abroad"], r["month"]))
    return Headline(
        months=len(months), first_month=months[0]["month"], last_month=months[-1]["month"],
        attacks_abroad=sum(r["attacks_abroad"] for r in months),
        killed_abroad=sum(r["killed_abroad"] for r in months),
        attacks_core=sum(r["attacks_core"] for r in months),
        territorial_losses=sum(r["territorial_losses"] for r in months),
        undated=int(undated),
        peak_month=peak["month"] if peak["attacks_abroad"] else None, peak_attacks=int(peak["attacks_abroad"]),
    )


def _month_label(month: dt.date | None) -> str:
    return month.strftime("%B %Y") if month else "-"


def headline_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """Headline numbers as Markdown (for a Prefect markdown artifact)."""
    h = headline(con)
    if not h.months:
        lines = ["## Attacks abroad vs territorial losses", "",
                 "Nothing to chart yet: no incident is dated to a single month."]
        if h.undated:
            lines.append(f"{h.undated} incidents too vaguely dated to place in a month.")
        return "\n".join(lines) + "\n"
    lines = [
        "## Attacks abroad vs territorial losses", "",
        f"{h.months} months, {_month_label(h.first_month)} to {_month_label(h.last_month)}.", "",
        "| | total |", "| --- | ---: |",
        f"| attacks abroad | {h.attacks_abroad} |",
        f"| killed abroad | {h.killed_abroad} |",
        f"| attacks in Iraq and Syria | {h.attacks_core} |",
        f"| territorial losses | {h.territorial_losses} |",
        f"| incidents too vaguely dated to place in a month | {h.undated} |",
    ]
    if h.peak_month:
        lines += ["", f"Most attacks abroad in one month: {h.peak_attacks} ({_month_label(h.peak_month)})."]
    return "\n".join(lines) + "\n"


# --- where the aggregates came from ----------------------------------------------------------------


def _source_run(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The run whose aggregates these are: the last one whose aggregate suite passed, else the last run."""
    if _has_table(con, "validation_runs"):
        found = _rows(con, "select run_id from validation_runs where suite = 'attacks_vs_losses' and success "
                           "order by validated_at desc limit 1")
        if found and _has_table(con, "runs"):
            run = _rows(con, "select run_id, started_at, status from runs where run_id = ?", [found[0]["run_id"]])
            return run[0] if run else {"run_id": found[0]["run_id"], "started_at": None, "status": None}
    if _has_table(con, "runs"):
        run = _rows(con, "select run_id, started_at, status from runs order by started_at desc limit 1")
        return run[0] if run else None
    return None


def _suites(con: duckdb.DuckDBPyConnection, run_id: str | None) -> list[dict]:
    if not run_id or not _has_table(con, "validation_runs"):
        return []
    # the summary's vocabulary: expectations failed (as Data Docs count them), rows quarantined by this run
    return _rows(con, "select suite, success, evaluated, len(coalesce(failed_expectations, [])) as failed, "
                      "(select count(*) from quarantine as q where q.table_name = v.suite and q.run_id = v.run_id) "
                      "as quarantined from validation_runs as v where run_id = ? order by validated_at", [run_id])


# --- the chart -------------------------------------------------------------------------------------


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _iso(day: dt.date) -> str:
    return day.isoformat() + "T00:00:00Z"


def chart(months: list[dict]) -> dict:
    """The Vega-Lite spec of two panels on one time axis: attacks abroad and losses (bars per month,
    lines for 3-month sums) above, killed abroad below. Each month's two bars share the month, side by
    side. The rows go in the spec's named datasets, after Altair has built it: Altair copies inline
    rows over and over while it builds (seconds for a few hundred months)."""
    import altair as alt

    bars, lines, killed = [], [], []
    for row in months:
        start, end = row["month"], _month_end(row["month"])
        mid = start + (end - start) / 2
        gap = dt.timedelta(days=2)   # the two bars of a month touch each other, not the next month's
        detail = {
            "month": _iso(start), "attacks_abroad": row["attacks_abroad"],
            "territorial_losses": row["territorial_losses"], "killed_abroad": row["killed_abroad"],
            "attacks_core": row["attacks_core"], "attacks_abroad_3m": row["attacks_abroad_3m"],
            "territorial_losses_3m": row["territorial_losses_3m"], "killed_abroad_3m": row["killed_abroad_3m"],
        }
        for series, value, rolling, x0, x1 in [
            (ATTACKS, row["attacks_abroad"], row["attacks_abroad_3m"], start + gap, mid),
            (LOSSES, row["territorial_losses"], row["territorial_losses_3m"], mid, end - gap),
        ]:
            bars.append({**detail, "series": f"{series}, per month", "value": value,
                         "x0": _iso(x0), "x1": _iso(x1)})
            # each line point sits over its own bar, so equal sums of the two series stay apart
            lines.append({**detail, "series": f"{series}, 3-month sum", "value": rolling,
                          "x": _iso(x0 + (x1 - x0) / 2)})
        killed.append({**detail, "series": f"{KILLED}, per month", "value": row["killed_abroad"],
                       "x0": _iso(start + gap), "x1": _iso(end - gap)})
        killed.append({**detail, "series": f"{KILLED}, 3-month sum", "value": row["killed_abroad_3m"],
                       "x": _iso(mid)})

    # the domain is the data's, widened to whole months and shared by both panels (resolve_scale below)
    x_scale = alt.Scale(type="utc", nice={"interval": "month", "step": 1})
    step = next((k for k in (1, 2, 3, 6, 12, 24, 60) if len(months) / k <= 12), 120)   # at most ~12 month ticks
    width = max(640, min(1100, 24 * len(months)))
    tooltip = [
        alt.Tooltip("month:T", title="month", timeUnit="utcyearmonth", format="%B %Y"),
        alt.Tooltip("attacks_abroad:Q", title="attacks abroad"),
        alt.Tooltip("attacks_abroad_3m:Q", title="attacks abroad, 3 months"),
        alt.Tooltip("territorial_losses:Q", title="territorial losses"),
        alt.Tooltip("territorial_losses_3m:Q", title="territorial losses, 3 months"),
        alt.Tooltip("killed_abroad:Q", title="killed abroad"),
        alt.Tooltip("killed_abroad_3m:Q", title="killed abroad, 3 months"),
        alt.Tooltip("attacks_core:Q", title="attacks in Iraq and Syria"),
    ]

    def colour(names: list[str], title: str | None):
        return alt.Color("series:N", title=title, scale=alt.Scale(
            domain=[f"{n}, {k}" for n in names for k in ("per month", "3-month sum")],
            range=[c for n in names for c in (LIGHT[n], COLOURS[n])]),
            legend=alt.Legend(orient="top", direction="horizontal", columns=2, symbolType="square",
                              labelFontSize=12, titleFontSize=12, labelLimit=260))

    datasets: dict[str, list[dict]] = {}

    def named(name: str, rows: list[dict]):
        datasets[name] = rows
        return alt.NamedData(name=name)

    def panel(bar_rows: list[dict], line_rows: list[dict], names: list[str], y_title: str, height: int,
              x_axis: bool, legend_title: str | None):
        axis = alt.Axis(format="%b %Y", labelAngle=0, labelOverlap=True, grid=False, title=None,
                        tickCount=alt.TickCount(interval="month", step=step)) if x_axis \
            else alt.Axis(labels=False, ticks=False, title=None, grid=False)
        top = max([r["value"] for r in bar_rows + line_rows] + [1])
        # counts: whole-number ticks only (a "d" format on 0.5 steps would print 0, 1, 1, 2, 2)
        ticks = alt.Axis(values=list(range(top + 1)), format="d") if top <= 8 else alt.Axis(tickMinStep=1, format="d")
        y = alt.Y("value:Q", title=y_title, axis=ticks)
        base_bars = alt.Chart(named(f"{y_title} bars", bar_rows)).mark_bar().encode(
            x=alt.X("x0:T", scale=x_scale, axis=axis), x2="x1:T", y=y, y2=alt.datum(0),
            color=colour(names, legend_title), tooltip=tooltip)
        base_lines = alt.Chart(named(f"{y_title} lines", line_rows)).mark_line(
            strokeWidth=2.5, point=alt.OverlayMarkDef(size=22)).encode(
            x=alt.X("x:T", scale=x_scale, axis=axis), y=y, color=colour(names, legend_title),
            detail="series:N", tooltip=tooltip)
        return alt.layer(base_bars, base_lines).properties(width=width, height=height)

    top = panel(bars, lines, [ATTACKS, LOSSES], "incidents", 300, False, None)
    bottom = panel([r for r in killed if "x0" in r], [r for r in killed if "x" in r], [KILLED],
                   "killed abroad", 140, True, None)
    figure = (alt.vconcat(top, bottom, spacing=8)
            .resolve_scale(x="shared", color="independent")
            .properties(title=alt.TitleParams(
                "Attacks abroad and territorial losses per month",
                subtitle=["Bars: each month (attacks abroad left, losses right). Lines: 3-month rolling sums "
                          "(the month and the two before).", "Lower panel: people killed in attacks abroad "
                          "(best estimate). Incidents not dated to one month are not shown."],
                anchor="start", fontSize=16))
            .configure_view(stroke=None)
            .configure_axis(labelFontSize=11, titleFontSize=12))
    spec = figure.to_dict()
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
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
"""


def _e(value) -> str:
    return html.escape(str(value))


def _num(value) -> str:
    return "&minus;" if value is None else (f"{value:+.2f}" if isinstance(value, float) else _e(value))


def _headline_html(h: Headline) -> str:
    items = [(h.attacks_abroad, "attacks abroad"), (h.killed_abroad, "killed abroad"),
             (h.territorial_losses, "territorial losses"), (h.attacks_core, "attacks in Iraq and Syria"),
             (h.undated, "incidents too vaguely dated to place in a month")]
    cards = "".join(f"<li><b>{_e(v)}</b>{_e(label)}</li>" for v, label in items)
    span = (f"<p>{h.months} months, {_e(_month_label(h.first_month))} to {_e(_month_label(h.last_month))}"
            + (f"; most attacks abroad in one month: {h.peak_attacks} ({_e(_month_label(h.peak_month))})"
               if h.peak_month else "") + ".</p>")
    return f'<ul class="headline" id="headline">{cards}</ul>{span}'


def _undated_html(undated: list[dict], any_months: bool) -> str:
    total = sum(r["incidents"] for r in undated)
    if not total:
        return '<aside id="undated"><p>Every validated incident is dated to a single month.</p></aside>' \
            if any_months else ""
    names = {"attack": ("attack", "attacks"), "territorial_loss": ("territorial loss", "territorial losses")}
    where = {"abroad": "abroad", "core": "in Iraq and Syria"}
    items = "".join(
        f"<li>{_e(r['incidents'])} {_e(names.get(r['kind'], (r['kind'],) * 2)[r['incidents'] != 1])} "
        f"{_e(where.get(r['region'], r['region']))}"
        + (f" ({_e(r['without_any_date'])} with no date at all)" if r["without_any_date"] else "")
        + "</li>" for r in undated)
    plural = "s" if total != 1 else ""
    return (f'<aside id="undated"><p><span class="big">{total} incident{plural}</span> too vaguely dated to place in a '
            "month (their date window spans more than one month, or they have none). They are not in the chart: "
            f"counted here, never spread or guessed.</p><ul>{items}</ul></aside>")


def _lags_html(lags: list[dict]) -> str:
    if not lags:
        return "<p>No correlation computed yet.</p>"
    body = []
    for r in lags:
        notes = []
        if r["small"]:
            notes.append("n is small")
        if r["with_events"] < r["n"]:
            notes.append(f"{r['with_events']} of {r['n']} pairs have any event")
        for key in ("pearson", "spearman"):
            if r[key] is not None and math.isnan(r[key]):
                r[key] = None
        if r["pearson"] is None or r["spearman"] is None:
            notes.append("undefined: too few pairs, or a series is constant")
        body.append(f"<tr><td>{_e(r['lag_months'])}</td><td>{_e(r['n'])}</td><td>{_num(r['pearson'])}</td>"
                    f"<td>{_num(r['spearman'])}</td><td class=\"note\">{_e('; '.join(notes))}</td></tr>")
    small = any(r["small"] for r in lags)
    warning = (f"<p><b>n is small.</b> With fewer than {SMALL_N} monthly pairs, and most months empty, "
               "correlations this size arise by chance; they cannot support or refute the claim.</p>"
               if small else "")
    return ("<p>Correlation of territorial losses in month <i>t</i> with attacks abroad in month <i>t</i> + lag "
            "(do losses lead attacks abroad?). n = number of month pairs.</p>" + warning
            + '<table id="lagged-correlation"><thead><tr><th>lag (months)</th><th>n</th><th>Pearson</th>'
            "<th>Spearman</th><th>note</th></tr></thead><tbody>" + "".join(body) + "</tbody></table>")


def _months_html(months: list[dict]) -> str:
    cols = [("month", "month"), ("attacks_abroad", "attacks abroad"), ("killed_abroad", "killed abroad"),
            ("territorial_losses", "losses"), ("cumulative_losses", "cumulative losses"),
            ("attacks_core", "attacks in Iraq and Syria"), ("attacks_abroad_3m", "attacks abroad, 3m"),
            ("territorial_losses_3m", "losses, 3m")]
    head = "".join(f"<th>{_e(t)}</th>" for _, t in cols)
    body = "".join("<tr>" + "".join(f"<td>{_e(r[c].strftime('%Y-%m') if c == 'month' else r[c])}</td>"
                                    for c, _ in cols) + "</tr>" for r in months)
    return (f"<details><summary>The monthly table ({len(months)} months, from <code>attacks_vs_losses</code>)"
            f'</summary><table id="months"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>')


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
        held = con.execute("select count(*) from quarantine").fetchone()[0]
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
    lags = _lags(con, months)
    h = headline(con)
    run = _source_run(con)

    top = (f"<h1>Attacks abroad vs territorial losses</h1><p class=\"meta\">{_built_line(run)}</p>"
           f"{_headline_html(h) if months else ''}")
    bottom = (f"<h2>Do losses lead attacks abroad?</h2>{_lags_html(lags)}"
              f"{_months_html(months) if months else ''}"
              f"<h2>Validation</h2>{_validation_html(con, run, docs_index, out_dir)}")

    if months:
        page = inline_html(chart(months), {"renderer": "svg", "actions": {"export": True, "source": False,
                                                                           "compiled": False, "editor": False}})
        page = _splice(page, top, _undated_html(undated, True), bottom)
    else:
        empty = ('<p class="empty" id="nothing-to-chart">Nothing to chart yet: no validated incident is dated '
                 "to a single month. Run the pipeline on some articles first.</p>")
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
    return f"<title>attrition: attacks abroad vs territorial losses</title>\n<style>{STYLE}</style>\n"


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
