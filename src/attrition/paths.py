"""Where the project's own files live: SQL, expectation suites and seeds sit beside the package.

attrition is installed editable (`pip install -e .`), so the repository root is two levels above
this package and the `sql/`, `expectations/` and `seeds/` folders are read from there.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = ROOT / "sql"
EXPECTATIONS_DIR = ROOT / "expectations"
SEEDS_DIR = ROOT / "seeds"
SAMPLE_ARTICLES = SEEDS_DIR / "articles"
DEFAULT_DB = Path("attrition.duckdb")
