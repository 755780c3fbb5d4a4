"""The run summary, as the terminal shows it and as a Prefect markdown artifact.

Validation is told in one vocabulary everywhere (here, the report, Data Docs): *expectations failed*
counts expectations of a suite that did not hold (what Data Docs counts), *rows quarantined* counts
rows held back from incidents and aggregates, and the validation *failed* only when a table-level
expectation failed, which stops the run.
"""

from __future__ import annotations

from attrition.pipeline import RunSummary
from attrition.validate import ValidationSummary


def validation_rows(validation: ValidationSummary) -> list[tuple[str, str]]:
    results = validation.results
    if not results:
        return [("validation", "nothing validated")]
    failed = [r for r in results if r.failed_expectations]
    table_level = [f"{r.suite}: {f}" for r in results for f in r.table_failures]
    outcome = "passed" if validation.success else "FAILED (table-level: " + "; ".join(table_level) + ")"
    evaluated = sum(r.evaluated for r in results)
    n_failed = sum(len(r.failed_expectations) for r in results)
    expectations = (f"{n_failed} of {evaluated}: " + ", ".join(
        f"{r.suite} {len(r.failed_expectations)} of {r.evaluated}" for r in failed)) if failed \
        else f"none of {evaluated}"
    held = [(r.suite, len(r.failing_rows)) for r in results if r.failing_rows]
    quarantined = (f"{sum(n for _, n in held)}: " + ", ".join(f"{suite} {n}" for suite, n in held)) if held \
        else "none"
    return [("validation", outcome), ("expectations failed", expectations), ("rows quarantined", quarantined)]


def summary_rows(run: RunSummary) -> list[tuple[str, str]]:
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(run.ingest.reject_reasons.items())) or "none"
    rows = [
        ("run", f"{run.run_id} ({run.status})"),
        ("articles", f"{run.ingest.new} new, {run.ingest.seen} already seen, {run.ingest.rejected} rejected"),
        ("rejects and flags", reasons),
        ("extracted", f"{run.extract.articles} articles -> {run.extract.mentions} mentions"
                      + (f", {run.extract.failed} failed" if run.extract.failed else "")),
        ("incidents", f"{run.resolve.mentions} mentions resolved: {run.resolve.created} new incidents, "
                      f"{run.resolve.joined} joined existing, {run.resolve.merged} merged"),
        *validation_rows(run.validation),
    ]
    if run.aggregate:
        rows.append(("attacks_vs_losses", f"{run.aggregate.months} months, {run.aggregate.attacks_abroad} attacks "
                                          f"abroad, {run.aggregate.territorial_losses} territorial losses, "
                                          f"{run.aggregate.undated} incidents too vaguely dated for a month"))
    if run.totals:
        rows.append(("database", ", ".join(f"{v} {k}" for k, v in run.totals.items())))
    if run.aggregate and run.aggregate.report:
        rows.append(("report", run.aggregate.report))
    if run.docs_index:
        rows.append(("validation report", run.docs_index))
    if run.error:
        rows.append(("error", run.error))
    return rows


def markdown_summary(run: RunSummary) -> str:
    lines = ["# attrition run", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v.replace('|', '/')} |" for k, v in summary_rows(run)]
    return "\n".join(lines) + "\n"


def one_line(run: RunSummary) -> str:
    """The run in one line, for a log: what `attrition serve` prints after each scheduled run."""
    rows = dict(summary_rows(run))
    keep = ("articles", "extracted", "incidents", "validation", "expectations failed", "rows quarantined", "error")
    return f"attrition run {run.run_id} {run.status}: " + "; ".join(f"{k} {rows[k]}" for k in keep if k in rows)
