"""Write the articles an annotation split lists, taken from the news corpus, as a JSONL export to run.

The annotations keep ids, gold rows and short evidence quotes; the texts stay in the corpus. To score a split:

    python scripts/annotated_articles.py CORPUS.jsonl.gz annotations/holdout/meta.jsonl -o /tmp/holdout.jsonl
    attrition run --no-prefect --db /tmp/holdout.duckdb /tmp/holdout.jsonl
    attrition evaluate --db /tmp/holdout.duckdb --gold annotations/holdout/gold.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("meta", type=Path)
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args()
    wanted = {json.loads(line)["id"] for line in args.meta.read_text().splitlines() if line.strip()}
    found = 0
    with gzip.open(args.corpus, "rt") as lines, args.out.open("w") as out:
        for line in lines:
            row = json.loads(line)
            if row["id"] in wanted:
                out.write(json.dumps({key: row.get(key) for key in ("id", "title", "source", "url", "published",
                                                                     "text")}) + "\n")
                found += 1
    print(f"{found} of {len(wanted)} articles written to {args.out}")


if __name__ == "__main__":
    main()
