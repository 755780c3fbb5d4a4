"""The aggregate stage: rebuild the models in `sql/models` from validated incidents, validate the
result, and keep it only if it holds; otherwise the previous aggregates stay in place.

The settings of the analysis (which attribution strengths make an attack ISIS's, the month the
series starts) reach the models as DuckDB variables. `lagged_correlation` is computed here, in
Python (`attrition.lags`: block bootstrap and permutation), from the monthly series.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from attrition import lags
from attrition.config import Analysis
from attrition.db import sql
from attrition.validate import SuiteResult, ValidationFailed, Validator, record_run

# Build order: each model reads only models before it (lagged_correlation, built last, is Python's).
MODELS = ("validated_incidents", "monthly_attacks", "monthly_losses", "attacks_vs_losses",
          "undated_incidents")
LAGS_SOURCE = Path(lags.__file__).read_text(encoding="utf-8")   # a change to the statistics rebuilds them


@dataclass
class AggregateSummary:
    months: int
    attacks_abroad: int
    territorial_losses: int
    undated: int
    validation: SuiteResult | None
    report: str | None = None   # the HTML report written after the refresh
    rebuilt: bool = True        # False: the inputs had not changed since the last build, which was kept


def refresh(con: duckdb.DuckDBPyConnection, run_id: str, validator: Validator | None,
            analysis: Analysis | None = None) -> AggregateSummary:
    """Rebuild every model in one transaction; commit only when the aggregate suite passes. When nothing
    the models read has changed since the last build (same fingerprint, see `fingerprint`), keep it."""
    analysis = analysis or Analysis()
    set_analysis(con, analysis)
    con.execute(sql("load/update_names_isis"))   # the new articles only: their coverage of ISIS
    current = fingerprint(con, analysis, validator)
    if [current] == [f for (f,) in con.execute(sql("load/select_aggregate_state")).fetchall()]:
        return AggregateSummary(*_figures(con), None, rebuilt=False)
    con.execute("begin transaction")
    try:
        for model in MODELS:
            con.execute(f"create or replace table {model} as {sql(f'models/{model}')}")
        build_lagged_correlation(con)
        result = None
        if validator is not None:
            frame = con.sql(sql("validate/attacks_vs_losses_frame")).to_arrow_table().to_pandas()
            expected = _expected(con)
            # nothing dated and nothing built: no rows to check (the column minimums fail on an empty table)
            if len(frame) or expected["expected_months"]:
                result = validator.run("attacks_vs_losses", frame, [], parameters=expected, run_name=run_id)
        figures = _figures(con)
        con.execute(sql("load/delete_aggregate_state"))
        con.execute(sql("load/insert_aggregate_state"),
                    {"fingerprint": current, "run_id": run_id, "now": dt.datetime.now()})
    except BaseException:
        con.execute("rollback")
        raise
    if result is not None and not result.success:
        con.execute("rollback")
        record_run(con, run_id, result, validator)
        raise ValidationFailed("attacks_vs_losses: " + "; ".join(result.table_failures or result.failed_expectations))
    con.execute("commit")
    if result is not None:
        record_run(con, run_id, result, validator)
    return AggregateSummary(*figures, result)


def fingerprint(con: duckdb.DuckDBPyConnection, analysis: Analysis, validator: Validator | None) -> str:
    """What a build of the aggregates depends on: the rows the models read (`select_aggregate_inputs`), the
    analysis settings, the models' SQL and the lag statistics' code, and the aggregate suite with the day it
    checks against (or none)."""
    inputs = con.execute(sql("load/select_aggregate_inputs")).fetchall()[0][0]
    parts = [inputs, repr(sorted(analysis.isis_attributions)), str(analysis.series_start_date),
             *(sql(f"models/{model}") for model in MODELS), LAGS_SOURCE]
    if validator is not None:
        parts += [json.dumps(validator.suite_spec("attacks_vs_losses"), sort_keys=True), str(validator.today)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _figures(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int, int]:
    return tuple(int(v) for v in con.execute(sql("load/select_aggregate_summary")).fetchall()[0])


def set_analysis(con: duckdb.DuckDBPyConnection, analysis: Analysis) -> None:
    """The settings the models read with getvariable()."""
    con.execute("set variable isis_attributions = ?::varchar[]", [list(analysis.isis_attributions)])
    con.execute("set variable series_start = ?::date", [analysis.series_start_date])


def build_lagged_correlation(con: duckdb.DuckDBPyConnection) -> None:
    """Losses in month t against ISIS attacks abroad in t + lag, with intervals and p-values."""
    series = con.execute(sql("load/select_lag_series")).fetchall()
    rows = lags.as_rows(lags.lag_table([r[0] for r in series], [r[1] for r in series]))
    con.register("lag_rows", pa.Table.from_pylist(rows, schema=LAG_SCHEMA))
    con.execute(sql("load/create_lagged_correlation"))
    con.unregister("lag_rows")


LAG_SCHEMA = pa.schema([
    ("series", pa.string()), ("lag_months", pa.int32()), ("n", pa.int32()), ("loss_months", pa.int32()),
    ("attack_months", pa.int32()), ("pearson", pa.float64()), ("pearson_low", pa.float64()),
    ("pearson_high", pa.float64()), ("spearman", pa.float64()), ("spearman_low", pa.float64()),
    ("spearman_high", pa.float64()), ("p_value", pa.float64()), ("block_months", pa.int32()), ("small", pa.bool_()),
])


def _expected(con: duckdb.DuckDBPyConnection) -> dict:
    """What the aggregates must add up to, counted straight from the validated incidents."""
    months, attacks, losses = con.execute(sql("validate/aggregate_expectations")).fetchall()[0]
    return {"expected_months": int(months), "dated_attacks": int(attacks), "dated_losses": int(losses)}
