"""The `attrition.toml` file: what to poll, where the database lives, when to run, and the limits.

Everything is optional except what `attrition serve` needs (a schedule); relative paths are read
relative to the folder of the config file, so a config works from any working directory. See
`attrition.toml.example` for a commented example.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from attrition.paths import DEFAULT_DB, SAMPLE_ARTICLES

DEFAULT_CONFIG = Path("attrition.toml")
BATCH_SIZE = 2000   # articles per ingest/extract transaction: a killed run loses at most one batch
FULL_VALIDATION_EVERY_HOURS = 24   # runs validate new and changed rows; every row once a day


class ConfigError(ValueError):
    """The config file is missing, unreadable or says something attrition cannot use."""


@dataclass
class Schedule:
    cron: str | None = "0 * * * *"        # every hour, on the hour
    interval_seconds: float | None = None  # instead of cron: every N seconds (tests, quick demos)
    timezone: str = "UTC"
    deployment: str = "attrition"          # the Prefect deployment name


def default_workers() -> int:
    """Worker processes when none are asked for: one per core (a small backlog stays in process anyway)."""
    return max(os.cpu_count() or 1, 1)


@dataclass
class Limits:
    workers: int = field(default_factory=default_workers)   # cleaning and extraction processes
    batch_size: int = BATCH_SIZE     # articles per ingest/extract transaction
    lock_wait_seconds: float = 0     # a run that finds another writing waits this long, then exits
    retries: int = 2                 # retries of a stage that failed on a transient error (idempotent stages only)
    retry_delay_seconds: float = 10  # first retry delay; doubled for each further retry
    full_validation_every_hours: float = FULL_VALIDATION_EVERY_HOURS   # a run checks every row this often (0: never)


# How strongly a report must tie an attack to ISIS for it to count as ISIS's (the extractor's attribution).
ATTRIBUTIONS = ("claimed", "attributed", "suspected", "inspired")


@dataclass
class Analysis:
    # attacks count as ISIS's when a report ties them to ISIS this strongly ("suspected" is left out:
    # a suspicion voiced on the day is often wrong)
    isis_attributions: list[str] = field(default_factory=lambda: ["claimed", "attributed", "inspired"])
    series_start: str = "2014-01"    # first month of the series and statistics (older events stay in the tables)

    @property
    def series_start_date(self):
        import datetime as dt

        return dt.date.fromisoformat(self.series_start + "-01")


@dataclass
class Config:
    sources: list[str] = field(default_factory=lambda: [str(SAMPLE_ARTICLES)])
    db: Path = DEFAULT_DB
    reports: Path | None = None      # default: beside the database (<db stem>_reports)
    schedule: Schedule = field(default_factory=Schedule)
    limits: Limits = field(default_factory=Limits)
    analysis: Analysis = field(default_factory=Analysis)
    path: Path | None = None         # the file it was read from

    def run_config(self, today=None):
        from attrition.pipeline import RunConfig

        return RunConfig.build(self.db, self.sources, self.reports, self.limits.workers, today,
                               batch_size=self.limits.batch_size, lock_wait=self.limits.lock_wait_seconds,
                               analysis=self.analysis,
                               full_validation_every_hours=self.limits.full_validation_every_hours)


_TOP = {"sources", "db", "reports", "schedule", "limits", "analysis"}


def load(path: str | Path) -> Config:
    """Read and check a config file; every problem is a `ConfigError` that names the file and key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"no config file at {path} (copy attrition.toml.example to start one)") from error
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read it: {error}") from error
    return parse(data, path)


def parse(data: dict, path: Path | None = None) -> Config:
    where = str(path) if path else "config"
    base = path.resolve().parent if path else Path.cwd()
    unknown = set(data) - _TOP
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (expected {', '.join(sorted(_TOP))})")

    def here(value, key: str) -> Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: {key} must be a non-empty string")
        p = Path(os.path.expanduser(value))
        return p if p.is_absolute() else base / p

    config = Config(path=path)
    if "sources" in data:
        sources = data["sources"]
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s for s in sources):
            raise ConfigError(f"{where}: sources must be a non-empty list of folders, files or URLs")
        config.sources = [s if "://" in s else str(here(s, "sources")) for s in sources]
    if "db" in data:
        config.db = here(data["db"], "db")
    elif path:
        config.db = base / DEFAULT_DB
    if "reports" in data:
        config.reports = here(data["reports"], "reports")
    config.schedule = _section(data, "schedule", Schedule, where)
    config.limits = _section(data, "limits", Limits, where)
    config.analysis = _section(data, "analysis", Analysis, where)
    _check(config, where)
    return config


def _section(data: dict, name: str, cls, where: str):
    values = data.get(name, {})
    if not isinstance(values, dict):
        raise ConfigError(f"{where}: [{name}] must be a table")
    known = set(cls.__dataclass_fields__)
    unknown = set(values) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) in [{name}]: {', '.join(sorted(unknown))} "
                          f"(expected {', '.join(sorted(known))})")
    section = cls(**values)
    if name == "schedule" and "interval_seconds" in values and "cron" not in values:
        section.cron = None   # an interval replaces the default cron
    return section


def _check(config: Config, where: str) -> None:
    s, lim = config.schedule, config.limits
    if s.cron and s.interval_seconds:
        raise ConfigError(f"{where}: [schedule] takes cron or interval_seconds, not both")
    if s.cron is not None:
        if not isinstance(s.cron, str):
            raise ConfigError(f"{where}: [schedule] cron must be a string such as \"0 * * * *\"")
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=s.cron, timezone=s.timezone)
        except ValueError as error:
            why = error.errors()[0]["msg"] if hasattr(error, "errors") else str(error)
            raise ConfigError(f"{where}: [schedule] cron {s.cron!r} (timezone {s.timezone!r}): {why}") from error
    if s.interval_seconds is not None and (not isinstance(s.interval_seconds, int | float)
                                           or s.interval_seconds <= 0):
        raise ConfigError(f"{where}: [schedule] interval_seconds must be a positive number")
    for key, minimum in (("workers", 1), ("batch_size", 1), ("retries", 0)):
        value = getattr(lim, key)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise ConfigError(f"{where}: [limits] {key} must be an integer >= {minimum}")
    for key in ("lock_wait_seconds", "retry_delay_seconds", "full_validation_every_hours"):
        value = getattr(lim, key)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{where}: [limits] {key} must be a number >= 0")
    _check_analysis(config.analysis, where)


def _check_analysis(analysis: Analysis, where: str) -> None:
    strengths = analysis.isis_attributions
    if (not isinstance(strengths, list) or not strengths
            or not all(isinstance(s, str) and s in ATTRIBUTIONS for s in strengths)):
        raise ConfigError(f"{where}: [analysis] isis_attributions must be a non-empty list of "
                          f"{', '.join(ATTRIBUTIONS)}")
    try:
        if not isinstance(analysis.series_start, str) or len(analysis.series_start) != 7:
            raise ValueError
        analysis.series_start_date  # noqa: B018 (parses it)
    except ValueError:
        raise ConfigError(f"{where}: [analysis] series_start must be a month such as \"2014-01\"") from None

