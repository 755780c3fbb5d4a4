"""The validation gate: Great Expectations suites from `expectations/`, run on DataFrames taken
from DuckDB through Arrow (GX's SQL datasource does not work with DuckDB).

Row-level failures (an expectation that names failing rows) put those rows in `quarantine`, out
of incidents and aggregates. A run checks the rows that are new or changed since the table was last
validated, the rows their checks compare them with, and the rows held in quarantine (`sql/validate/
select_*_scope.sql`), and replaces the quarantine of those rows, so a corrected article releases its
rows; a full validation (`attrition validate --all`, or when the last one is older than the
`full_validation_every_hours` setting) checks every row, so a changed rule reaches old rows too.
Table-level failures (schema, gaps, totals) raise ValidationFailed: the run fails loudly and nothing
is refreshed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import duckdb
import pyarrow as pa

from attrition.db import sql, transaction
from attrition.paths import EXPECTATIONS_DIR
from attrition.tables import row_schema

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


class ValidationFailed(RuntimeError):
    """A table-level expectation failed: the data cannot be trusted as a whole."""


@dataclass
class SuiteResult:
    suite: str
    success: bool
    evaluated: int
    failed_expectations: list[str]
    failing_rows: dict[str, dict] = field(default_factory=dict)   # key -> {"expectations": [...], "values": {...}}
    table_failures: list[str] = field(default_factory=list)
    docs_path: str | None = None
    scope: str = "all"   # the rows checked: "all", or "changed" (new and changed rows, and those held)

    @property
    def failed(self) -> int:
        return len(self.failing_rows) + len(self.table_failures)


@dataclass
class ValidationSummary:
    results: list[SuiteResult] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return all(not r.table_failures for r in self.results)

    @property
    def quarantined(self) -> int:
        return sum(len(r.failing_rows) for r in self.results)

    def line(self) -> str:
        parts = [f"{r.suite} {'ok' if r.success else f'{r.failed} failing'}" for r in self.results]
        return "; ".join(parts) or "nothing validated"


# Great Expectations contexts and registered checkpoints by reports folder and suite, kept for the life of the
# process: a second run in one process (`attrition serve`, the benchmark's refresh) skips opening the site and
# registering the suites again. A suite whose file changed, or a site deleted meanwhile, is registered anew.
_CONTEXTS: dict[str, tuple] = {}
_CHECKPOINTS: dict[tuple[str, str], tuple[str, object]] = {}


def preload() -> None:
    """Import Great Expectations now (about 2 s of CPU): the run calls this once its workers are forked (those of
    the ingest stage, which clean and extract, or of the extract stage), so that the validation after them does
    not start with the import."""
    import great_expectations  # noqa: F401


class Validator:
    """A Great Expectations file context under `reports_dir/gx`, with the project's suites."""

    def __init__(self, reports_dir: Path, today: dt.date | None = None):
        self.reports_dir = Path(reports_dir)
        self.today = today or dt.date.today()
        self._unbuilt: list = []   # identifiers of suites and results with no Data Docs page yet

    @cached_property
    def context(self):
        known = _CONTEXTS.get(self._key)
        if known is not None and (self.reports_dir / "gx" / "great_expectations.yml").exists():
            context, self._datasource = known   # this process opened this site before: same context
            return context
        import great_expectations as gx  # slow import: only when validating

        _share_compiled_templates()
        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        context = gx.get_context(mode="file", project_root_dir=str(self.reports_dir))
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        self._datasource = context.data_sources.add_or_update_pandas("attrition")
        _CONTEXTS[self._key] = (context, self._datasource)
        for registered in [k for k in _CHECKPOINTS if k[0] == self._key]:   # they belong to the old context
            del _CHECKPOINTS[registered]
        return context

    @cached_property
    def _key(self) -> str:
        return str(self.reports_dir.resolve())

    def _checkpoint(self, name: str, spec: dict, key_columns: list[str]):
        """The suite's checkpoint, registered in the context (suite, validation definition, checkpoint) once per
        process and suite: registering compares and rewrites every expectation, half a suite run's cost."""
        signature = json.dumps([spec, key_columns], sort_keys=True, default=str)
        known = _CHECKPOINTS.get((self._key, name))
        store = self.reports_dir / "gx" / "expectations" / f"{spec['name']}.json"
        if known is not None and known[0] == signature and store.exists():
            return known[1]
        checkpoint = self._register(name, spec, key_columns)
        _CHECKPOINTS[(self._key, name)] = (signature, checkpoint)
        return checkpoint

    def suite_spec(self, name: str) -> dict:
        return json.loads((EXPECTATIONS_DIR / f"{name}.json").read_text(encoding="utf-8"))

    def run(self, name: str, frame, key_columns: list[str], parameters: dict | None = None,
            run_name: str | None = None) -> SuiteResult:
        self.context   # noqa: B018 (opens the site)
        spec = self.suite_spec(name)
        checkpoint = self._checkpoint(name, spec, key_columns)
        outcome = checkpoint.run(batch_parameters={"dataframe": frame},
                                 expectation_parameters={"today": self.today, **(parameters or {})},
                                 run_id=_run_identifier(run_name))
        result = _summarise(name, outcome, key_columns)
        result.docs_path = self._page_of(outcome)
        self._unbuilt += [suite_identifier(spec["name"]), *outcome.run_results]
        return result

    def _register(self, name: str, spec: dict, key_columns: list[str]):
        import great_expectations as gx
        from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

        context = self.context
        suite = gx.ExpectationSuite(name=spec["name"], meta=spec.get("meta", {}))
        for item in spec["expectations"]:
            suite.add_expectation_configuration(
                ExpectationConfiguration(type=item["type"], kwargs=item["kwargs"], meta=item.get("meta", {})))
        suite = context.suites.add_or_update(suite)
        try:
            asset = self._datasource.get_asset(name)
        except LookupError:
            asset = self._datasource.add_dataframe_asset(name)
        try:
            batch = asset.get_batch_definition("whole")
        except (KeyError, LookupError):
            batch = asset.add_batch_definition_whole_dataframe("whole")
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(data=batch, suite=suite, name=f"{name}_validation"))
        result_format = {"result_format": "COMPLETE"}
        if key_columns:
            result_format["unexpected_index_column_names"] = key_columns
        return context.checkpoints.add_or_update(gx.Checkpoint(
            name=f"{name}_checkpoint", validation_definitions=[definition],
            actions=[], result_format=result_format))

    def _page_of(self, outcome) -> str | None:
        """The Data Docs page of this checkpoint run's validation result (written by build_docs)."""
        for identifier in outcome.run_results:
            return self._site_url(identifier).removeprefix("file://") or None
        return None

    def _site_url(self, identifier) -> str:
        """The URL of a suite's or a result's page on the (one, local) Data Docs site; "" if none."""
        for site in self.context.get_docs_sites_urls(resource_identifier=identifier, only_if_exists=False) or []:
            return site.get("site_url") or ""
        return ""

    def build_docs(self) -> Path:
        """Data Docs pages for what this validator ran, and the index: the site grows by one page per
        result, and building stays as cheap on the thousandth run as on the first (no page is rebuilt)."""
        if not self._unbuilt and self.docs_index().exists():
            return self.docs_index()
        first = not self.docs_index().exists()   # a new (or deleted) site: build every page
        self.context.build_data_docs(resource_identifiers=None if first else self._unbuilt)
        pages = None if first else [self.docs_index(), *self._pages(self._unbuilt)]
        self._unbuilt = []
        make_docs_offline(self.docs_index().parent, pages)
        return self.docs_index()

    def _pages(self, identifiers) -> list[Path]:
        urls = [self._site_url(identifier) for identifier in identifiers]
        return [Path(url.removeprefix("file://")) for url in urls if url.startswith("file://")]

    def docs_index(self) -> Path:
        return self.reports_dir / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


# CDN files Data Docs pages load, and the vendored copies that replace them (see static/datadocs/README.md).
OFFLINE_ASSETS = {
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "bootstrap.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "popper.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": "bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": "bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "bootstrap-table-filter-control.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "fontawesome/css/all.min.css",
}
# file:// pages cannot load local files marked crossorigin (and their CDN hashes no longer apply)
_CDN_ATTRIBUTES = re.compile(r'\s+(?:integrity="[^"]*"|crossorigin="[^"]*")')
STATIC_DIR = Path(__file__).parent / "static" / "datadocs"


def make_docs_offline(site_dir: Path, pages: list[Path] | None = None) -> None:
    """Point Data Docs pages (`pages`, else every page) at vendored copies of their scripts and styles, so
    the report renders without a network (the index page's tables are built by jQuery and bootstrap-table)."""
    target = site_dir / "static" / "offline"
    shutil.copytree(STATIC_DIR, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    for page in site_dir.rglob("*.html") if pages is None else pages:
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8")
        prefix = os.path.relpath(target, page.parent)
        changed = html
        for url, name in OFFLINE_ASSETS.items():
            changed = changed.replace(f'"{url}"', f'"{prefix}/{name}"')
        changed = re.sub(r"<(?:script|link)\b[^>]*static/offline/[^>]*>",
                         lambda tag: _CDN_ATTRIBUTES.sub("", tag.group(0)), changed)
        changed = without_remote_loads(changed)
        if changed != html:
            page.write_text(changed, encoding="utf-8")


# Anything else a page would load from the network (scripts and styles without a vendored copy, such as
# vega, which these suites never draw with, and a dark theme; GX's logo, fetched with the context's id in
# its URL) is dropped: the page must neither need nor call the network.
_REMOTE = r"""["']?(?:https?:)?//"""
_REMOTE_SCRIPT = re.compile(rf"<script\b[^>]*\bsrc=\s*{_REMOTE}[^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(rf"<link\b[^>]*\bhref=\s*{_REMOTE}[^>]*>", re.I)
_REMOTE_SRC = re.compile(r"""\s(?:src|srcset)=\s*(?:"(?:https?:)?//[^"]*"|'(?:https?:)?//[^']*')""", re.I)
_REMOTE_CSS_URL = re.compile(rf"""url\(\s*{_REMOTE}[^)]*\)""", re.I)
_REMOTE_IMPORT = re.compile(rf"""@import\s+(?:url\()?\s*{_REMOTE}[^;]*;""", re.I)


def without_remote_loads(html: str) -> str:
    """The page without anything a browser would fetch from another host (links to follow stay)."""
    html = _REMOTE_SCRIPT.sub("", html)
    html = _REMOTE_LINK.sub("", html)
    html = _REMOTE_IMPORT.sub("", html)
    html = _REMOTE_CSS_URL.sub("none", html)
    return re.sub(r"<(?:img|iframe|source|video|audio|embed)\b[^>]*>",
                  lambda tag: _REMOTE_SRC.sub("", tag.group(0)), html, flags=re.I)


def suite_identifier(name: str):
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    return ExpectationSuiteIdentifier(name)


@cache
def _share_compiled_templates() -> None:
    """Data Docs render every page and block through a new jinja2 environment of its own, which compiles each
    template again: about half of building a run's pages. One bytecode cache shared by those environments
    compiles each template once per process."""
    import jinja2
    from great_expectations.render.view.view import DefaultJinjaView

    class CompiledOnce(jinja2.BytecodeCache):
        """Compiled templates in memory, by template and source."""

        def __init__(self):
            self.code: dict[tuple[str, str], bytes] = {}

        def load_bytecode(self, bucket) -> None:
            if (code := self.code.get((bucket.key, bucket.checksum))) is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket) -> None:
            self.code[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()

    shared = CompiledOnce()
    made = DefaultJinjaView.__init__

    def __init__(self, *args, **kwargs):
        made(self, *args, **kwargs)
        self.env.bytecode_cache = shared

    DefaultJinjaView.__init__ = __init__


def _run_identifier(run_name: str | None):
    """GX's run id for a run name, with the time given: without one GX reads the name as a date, and a run id
    such as `20261204T133237-79ad7a` parses as a time 79 hours west of UTC that fails when formatted."""
    from great_expectations.core.run_identifier import RunIdentifier

    return RunIdentifier(run_name=run_name, run_time=dt.datetime.now(dt.UTC)) if run_name else None


def _summarise(name: str, outcome, key_columns: list[str]) -> SuiteResult:
    result = SuiteResult(name, bool(outcome.success), 0, [])
    for run_result in outcome.run_results.values():
        for res in run_result.results:
            result.evaluated += 1
            if res.success:
                continue
            config = res.expectation_config
            label = _label(config)
            result.failed_expectations.append(label)
            rows = (res.result or {}).get("unexpected_index_list") if key_columns else None
            if res.exception_info and res.exception_info.get("raised_exception"):
                result.table_failures.append(f"{label}: {res.exception_info.get('exception_message')}")
            elif rows:
                for row in rows:
                    key = "|".join(str(row[k]) for k in key_columns)
                    entry = result.failing_rows.setdefault(key, {"expectations": [], "values": {}})
                    entry["expectations"].append(label)
                    entry["values"].update({k: _plain(v) for k, v in row.items() if k not in key_columns})
            else:
                observed = (res.result or {}).get("observed_value")
                result.table_failures.append(f"{label} (observed {observed!r})")
    return result


def _label(config) -> str:
    kwargs = config.kwargs
    column = kwargs.get("column") or "/".join(filter(None, [kwargs.get("column_A"), kwargs.get("column_B")]))
    return f"{config.type}({column})" if column else config.type


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)   # a toll read through a nullable column comes back as 1000000.0
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# --- the stage ------------------------------------------------------------------------------------


TABLES = {   # table: (its frame, its key, the rows a run checks when not checking all)
    "articles": ("validate/articles_frame", "article_id", "validate/select_articles_scope"),
    "event_mentions": ("validate/event_mentions_frame", "mention_id", "validate/select_event_mentions_scope"),
    "incidents": ("validate/incidents_frame", "incident_id", "validate/select_incidents_scope"),
}


def validate_tables(con: duckdb.DuckDBPyConnection, run_id: str, validator: Validator, tables: list[str], *,
                    full: bool = False, full_every_hours: float = 0) -> ValidationSummary:
    """Validate each table's new and changed rows (see `TABLES`) and its table-level expectations, or
    every row when `full` or when its last full validation is more than `full_every_hours` old (0: only
    when asked); replace the quarantine of the rows checked, record each checkpoint run."""
    summary = ValidationSummary()
    last_full = dict(con.execute(sql("validate/select_last_full_validation")).fetchall())
    for table in tables:
        query, key, scope_query = TABLES[table]
        whole = full or _due(last_full.get(table), full_every_hours)
        frame_sql = sql(query).strip().rstrip(";")
        if whole:
            scope = None
            frame = con.sql(frame_sql).to_arrow_table()
        else:
            scope = con.sql(sql(scope_query)).to_arrow_table()
            con.register("validated_keys", scope)
            frame = con.sql(f"select * from ({frame_sql}) where {key} in (select row_key from validated_keys)"
                            ).to_arrow_table()
            con.unregister("validated_keys")
        result = validator.run(table, frame.to_pandas(types_mapper=None), [key], run_name=run_id)
        result.scope = "all" if whole else "changed"
        summary.results.append(result)
        _store(con, run_id, table, result, validator, scope)
        if result.table_failures:
            raise ValidationFailed(f"{table}: " + "; ".join(result.table_failures))
    return summary


def _due(last_full: dt.datetime | None, every_hours: float) -> bool:
    """A full validation is due when the schedule asks for one and the last is older (or never was)."""
    if not every_hours:
        return False
    return last_full is None or dt.datetime.now() - last_full >= dt.timedelta(hours=every_hours)


def _store(con: duckdb.DuckDBPyConnection, run_id: str, table: str, result: SuiteResult,
           validator: Validator, scope: pa.Table | None = None) -> None:
    """Replace the quarantine of the rows checked (`scope`; None: the whole table's) by their failures."""
    now = dt.datetime.now()
    rows = [{"table_name": table, "row_key": key, "expectations": entry["expectations"],
             "offending_values": json.dumps(entry["values"], default=str), "run_id": run_id,
             "quarantined_at": now} for key, entry in result.failing_rows.items()]
    with transaction(con):
        if scope is None:
            con.execute(sql("load/delete_quarantine"), {"table": table})
        else:
            con.register("validated_keys", scope)
            con.execute(sql("load/delete_checked_quarantine"), {"table": table})
            con.unregister("validated_keys")
        if rows:
            con.register("failing", pa.Table.from_pylist(rows, schema=QUARANTINE_SCHEMA))
            con.execute(sql("load/insert_quarantine"))
            con.unregister("failing")
        record_run(con, run_id, result, validator)
        if table in ("articles", "event_mentions"):
            # a quarantined mention leaves its incident; the resolve stage rebuilds what it left
            con.execute(sql("load/detach_quarantined_mentions"))


def record_run(con: duckdb.DuckDBPyConnection, run_id: str, result: SuiteResult, validator: Validator) -> None:
    con.execute(sql("load/insert_validation_run"), {
        "run_id": run_id, "suite": result.suite, "success": not result.failed, "evaluated": result.evaluated,
        "failed": result.failed, "failed_expectations": result.failed_expectations,
        "docs_path": result.docs_path or str(validator.docs_index()), "validated_at": dt.datetime.now(),
        "scope": result.scope})


QUARANTINE_SCHEMA = row_schema("quarantine")
