"""The run summary, as the terminal shows it and as a Prefect markdown artifact."""

from __future__ import annotations

from attrition.pipeline import RunSummary


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
        ("quarantined rows", str(run.validation.quarantined)),
        ("validation", ("passed" if run.validation.success else "FAILED") + f" ({run.validation.line()})"),
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
