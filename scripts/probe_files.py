"""Split a probe (passages written for the project, each with its gold rows) into what `attrition run` reads and
what `attrition evaluate` scores:

    python scripts/probe_files.py annotations/probes/losses_iraq_ledes.jsonl -o /tmp/probe
    attrition run --no-prefect --db /tmp/probe/probe.duckdb /tmp/probe/articles.jsonl
    attrition evaluate --db /tmp/probe/probe.duckdb --gold /tmp/probe/gold.jsonl

(`evaluate` reads `meta.jsonl` beside the gold: every passage is annotated, so an event from one without gold rows
is a false positive.)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("probe", type=Path)
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    articles, gold, meta = [], [], []
    for line in args.probe.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        passage = json.loads(line)
        articles.append({"id": passage["id"], "title": passage["title"], "text": passage["text"],
                         "published": passage["published"], "source": "probe"})
        meta.append({"id": passage["id"], "title": passage["title"], "published": passage["published"]})
        for row in passage["gold"]:
            gold.append({"article": passage["id"], "required": row.get("required", True),
                         "perpetrator_isis": True if row["kind"] == "attack" else None, **row})
    for name, rows in (("articles", articles), ("gold", gold), ("meta", meta)):
        (args.out / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(articles)} passages, {len(gold)} gold rows in {args.out}")


if __name__ == "__main__":
    main()
