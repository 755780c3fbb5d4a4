"""The reference timeline of the Islamic State's territorial losses: `seeds/reference_losses.csv`, loaded
into the `reference_losses` table that the `reference_loss_coverage` model compares the corpus with.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from attrition.db import sql, transaction
from attrition.paths import SEEDS_DIR

REFERENCE_LOSSES_CSV = SEEDS_DIR / "reference_losses.csv"


def load_reference_losses(con: duckdb.DuckDBPyConnection, path: Path = REFERENCE_LOSSES_CSV) -> int:
    """Replace the table's rows with the seed's, all or nothing (a malformed seed leaves the old rows),
    and define the coverage model over it. Returns the number of reference losses."""
    with transaction(con):
        con.execute(sql("load/delete_reference_losses"))
        con.execute(sql("load/insert_reference_losses"), {"path": str(path)})
        # a view, not a table rebuilt by the aggregate stage: it reads raw articles and mentions, so it
        # is current after every stage, including in databases opened read-only
        con.execute(sql("load/create_reference_loss_coverage"))
    return con.execute(sql("load/select_reference_losses_count")).fetchall()[0][0]
