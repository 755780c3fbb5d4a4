"""attrition.toml: the commented example parses, relative paths follow the file, mistakes are named, and
`attrition run --config` uses it (command-line options win)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attrition import db
from attrition.cli import app
from attrition.config import Config, ConfigError, load, parse
from attrition.paths import DEFAULT_DB, ROOT, SAMPLE_ARTICLES

runner = CliRunner()


def test_the_example_in_the_repository_is_valid_and_documents_every_key(tmp_path):
    example = ROOT / "attrition.toml.example"
    config = load(example)
    assert config.schedule.cron == "0 * * * *" and config.schedule.interval_seconds is None
    assert config.db == ROOT / "attrition.duckdb"
    assert config.sources == [str(ROOT / "seeds" / "articles")]
    assert config.limits.lock_wait_seconds == 600
    text = example.read_text(encoding="utf-8")
    for key in ("sources", "db", "reports", "cron", "timezone", "interval_seconds", "deployment", "workers",
                "batch_size", "lock_wait_seconds", "retries", "retry_delay_seconds"):
        assert key in text, key


def test_relative_paths_are_read_from_the_folder_of_the_file(tmp_path):
    path = tmp_path / "conf" / "attrition.toml"
    path.parent.mkdir()
    path.write_text('sources = ["feeds", "/abs/file.jsonl", "https://example.org/rss"]\n'
                    'reports = "out/reports"\n', encoding="utf-8")
    config = load(path)
    base = path.parent.resolve()
    assert config.sources == [str(base / "feeds"), "/abs/file.jsonl", "https://example.org/rss"]
    assert config.db == base / DEFAULT_DB and config.reports == base / "out" / "reports"
    run = config.run_config()
    assert run.db_path == base / DEFAULT_DB and run.batch_size == 2000 and run.lock_wait == 0


def test_defaults_without_a_file():
    config = Config()
    assert config.sources == [str(SAMPLE_ARTICLES)] and config.db == DEFAULT_DB
    assert config.schedule.cron == "0 * * * *" and config.limits.retries == 2


def test_an_interval_replaces_the_default_cron():
    config = parse({"schedule": {"interval_seconds": 30}})
    assert config.schedule.cron is None and config.schedule.interval_seconds == 30


@pytest.mark.parametrize(("data", "message"), [
    ({"source": ["x"]}, "unknown key(s) source"),
    ({"sources": []}, "sources must be a non-empty list"),
    ({"schedule": {"cron": "every hour"}}, "cron 'every hour'"),
    ({"schedule": {"timezone": "Mars/Olympus"}}, "Invalid timezone"),
    ({"schedule": {"cron": "0 * * * *", "interval_seconds": 60}}, "not both"),
    ({"schedule": {"interval_seconds": -1}}, "interval_seconds must be a positive number"),
    ({"limits": {"workers": 0}}, "workers must be an integer >= 1"),
    ({"limits": {"lock_wait": 5}}, "unknown key(s) in [limits]: lock_wait"),
    ({"limits": {"retry_delay_seconds": "10"}}, "retry_delay_seconds must be a number"),
    ({"limits": 3}, "[limits] must be a table"),
])
def test_mistakes_are_named(data, message):
    with pytest.raises(ConfigError) as error:
        parse(data, Path("attrition.toml"))
    assert message in str(error.value) and "attrition.toml" in str(error.value)


def test_a_missing_or_broken_file_says_so(tmp_path):
    with pytest.raises(ConfigError, match="no config file"):
        load(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("sources = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read it"):
        load(broken)
    # a narrow terminal, and words compared across line breaks: whether and where the message wraps
    # (the temporary path's length, the terminal's width) must not decide the outcome
    result = runner.invoke(app, ["run", "--config", str(broken), "--no-prefect"], env={"COLUMNS": "10"})
    assert result.exit_code == 2 and "cannot read it" in " ".join(result.output.split())


def test_run_uses_the_config_and_options_override_it(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("seed-000.txt", "seed-001.txt"):
        (articles / name).write_text((SAMPLE_ARTICLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    meta = [line for line in (SAMPLE_ARTICLES / "meta.jsonl").read_text().splitlines()
            if json.loads(line)["id"] in ("seed-000", "seed-001")]
    (articles / "meta.jsonl").write_text("\n".join(meta) + "\n", encoding="utf-8")
    config = tmp_path / "attrition.toml"
    config.write_text('sources = ["articles"]\ndb = "configured.duckdb"\n[limits]\nbatch_size = 1\n',
                      encoding="utf-8")

    result = runner.invoke(app, ["run", "--config", str(config), "--no-prefect"])
    assert result.exit_code == 0, result.output
    assert "2 new" in " ".join(result.output.split()) and (tmp_path / "configured.duckdb").exists()
    with db.connect(tmp_path / "configured.duckdb", read_only=True) as con:
        assert con.execute("select sources from runs").fetchone()[0] == [str(articles.resolve())]

    other = tmp_path / "other.duckdb"   # --db and a SOURCE argument win over the file
    result = runner.invoke(app, ["run", str(SAMPLE_ARTICLES), "--config", str(config), "--db", str(other),
                                 "--no-prefect"])
    assert result.exit_code == 0, result.output
    assert "5 new" in " ".join(result.output.split()) and other.exists()
