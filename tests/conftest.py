"""Shared fixtures: the bundled sample articles in a temporary folder, a database path, a fixed today."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from attrition import db
from attrition.paths import SAMPLE_ARTICLES

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A copy of seeds/articles (five real articles and their meta.jsonl) the test may change."""
    target = tmp_path / "articles"
    shutil.copytree(SAMPLE_ARTICLES, target)
    return target


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An input folder apart from the database file."""
    path = tmp_path / "input"
    path.mkdir()
    return path


@pytest.fixture
def con(db_path: Path):
    """A writable connection to a new database with the schema."""
    with db.connect(db_path) as connection:
        yield connection


@pytest.fixture(scope="session")
def loaded_db(tmp_path_factory) -> Path:
    """One plain run of the sample articles (`attrition run --no-prefect`), shared by the tests of the read-only
    commands (query, export, evaluate, report, explain): none of them writes to it."""
    from typer.testing import CliRunner

    from attrition.cli import app

    db_path = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    result = CliRunner().invoke(app, ["run", str(SAMPLE_ARTICLES), "--db", str(db_path), "--no-prefect"])
    assert result.exit_code == 0, result.output
    return db_path
