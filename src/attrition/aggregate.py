"""The aggregate stage: rebuild the models in `sql/models` from validated incidents, validate the
result, and keep it only if it holds; otherwise the previous aggregates stay in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from attrition.db import sql
from attrition.validate import SuiteResult, ValidationFailed, Validator, record_run

# Build order: each model reads only models before it.
MODELS = ("validated_incidents", "monthly_attacks", "monthly_losses", "attacks_vs_losses",
          "undated_incidents", "lagged_correlation")


@dataclass
class AggregateSummary:
    months: int
    attacks_abroad: int
    territorial_losses: int
    undated: int
    validation: SuiteResult | None
    report: str | None = None   # the HTML report written after the refresh


def refresh(con: duckdb.DuckDBPyConnection, run_id: str, validator: Validator | None) -> AggregateSummary:
    """Rebuild every model in one transaction; commit only when the aggregate suite passes."""
    con.execute("begin transaction")
    try:
        for model in MODELS:
            con.execute(f"create or replace table {model} as {sql(f'models/{model}')}")
        result = None
        if validator is not None:
            frame = con.sql("select * from attacks_vs_losses").to_arrow_table().to_pandas()
            expected = _expected(con)
            # nothing dated and nothing built: no rows to check (the column minimums fail on an empty table)
            if len(frame) or expected["expected_months"]:
                result = validator.run("attacks_vs_losses", frame, [], parameters=expected, run_name=run_id)
        months, abroad, losses = con.execute(
            "select count(*), coalesce(sum(attacks_abroad), 0), coalesce(sum(territorial_losses), 0) "
            "from attacks_vs_losses").fetchall()[0]
        undated = con.execute("select coalesce(sum(incidents), 0) from undated_incidents").fetchall()[0][0]
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
    return AggregateSummary(int(months), int(abroad), int(losses), int(undated), result)


def _expected(con: duckdb.DuckDBPyConnection) -> dict:
    """What the aggregates must add up to, counted straight from the validated incidents."""
    months, attacks, losses = con.execute(sql("validate/aggregate_expectations")).fetchall()[0]
    return {"expected_months": int(months), "dated_attacks": int(attacks), "dated_losses": int(losses)}
