"""The reference timeline of the Islamic State's territorial losses: `seeds/reference_losses.csv`, loaded
into the `reference_losses` table that the `reference_loss_coverage` model compares the corpus with.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from attrition.db import sql, transaction
from attrition.paths import SEEDS_DIR

REFERENCE_LOSSES_CSV = SEEDS_DIR / "reference_losses.csv"
# the statements that load the seed and define its model
STATEMENTS = ("load/delete_reference_losses", "load/insert_reference_losses", "load/create_reference_loss_coverage")


def reference_inputs() -> list[bytes]:
    """What the reference table and its model are made from: the seed and the statements, for the schema's
    signature (`db.create_schema`)."""
    return [REFERENCE_LOSSES_CSV.read_bytes(), *(sql(name).encode("utf-8") for name in STATEMENTS)]


def load_reference_losses(con: duckdb.DuckDBPyConnection, path: Path | None = None) -> int:
    """Replace the table's rows with the seed's, all or nothing (a malformed seed leaves the old rows),
    and define the coverage model over it. Returns the number of reference losses."""
    path = REFERENCE_LOSSES_CSV if path is None else path   # the seed the schema's signature reads
    with transaction(con):
        con.execute(sql("load/delete_schema_state"))   # the database no longer holds the seed the signature names
        con.execute(sql("load/delete_reference_losses"))
        con.execute(sql("load/insert_reference_losses"), {"path": str(path)})
        # a view, not a table rebuilt by the aggregate stage: it reads raw articles and mentions, so it
        # is current after every stage, including in databases opened read-only
        con.execute(sql("load/create_reference_loss_coverage"))
    return con.execute(sql("load/select_reference_losses_count")).fetchall()[0][0]
