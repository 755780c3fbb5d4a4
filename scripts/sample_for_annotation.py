"""Draw a seeded sample of ISIS articles from a news corpus for hand annotation.

Writes meta.jsonl files (id, title, source, url, published, stratum) for a `tune` split, on which
rules may be developed, and a `holdout` split that is only ever measured. Article texts are not
written: they are read from the corpus when measuring.

    python scripts/sample_for_annotation.py CORPUS.jsonl.gz OUT_DIR --exclude META.jsonl ...
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

ISIS = re.compile(r"\b(ISIS|ISIL|Islamic State|Daesh|IS militants)\b")
EVENT_TITLE = re.compile(
    r"\b(attack|bomb|blast|explo|shoot|shot|gunm[ae]n|kill|dead|death toll|massacre|stab|"
    r"behead|execut|hostage|suicide|rampage|siege|truck|claim)", re.I)
LOSS_TEXT = re.compile(
    r"\b(retook|retaken|recaptur|regain|liberat|drove (?:the )?(?:Islamic State|ISIS|militants|jihadists)|"
    r"driven (?:out|from)|pushed (?:ISIS|the Islamic State|militants) out|cleared of|expelled|ousted|"
    r"fall of (?:Mosul|Raqqa|Ramadi|Fallujah|Tikrit|Palmyra|Sirte|Kobani|Manbij|Baghuz|Marawi)|"
    r"declared victory|last stronghold|last pocket|last enclave)", re.I)
# The group named within one sentence of an event word: a report, or a mention, of its violence in the body.
_EVENT_WORD = r"(?:killed|attack(?:ed|s)?|bomb\w*|blast|massacre|behead\w*|executed|shooting)"
_GROUP = r"(?:ISIS|ISIL|Islamic State|Daesh)"
EVENT_TEXT = re.compile(rf"{_GROUP}[^.!?]{{0,150}}{_EVENT_WORD}|{_EVENT_WORD}[^.!?]{{0,150}}{_GROUP}")

STRATA = {"event_title": 70, "loss_text": 70, "other": 40}
# Drawn only when asked for (--strata event_text=N): without it "other" stays the pool earlier rounds drew from.
OPTIONAL_STRATA = ("event_text",)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("out", type=Path)
    parser.add_argument("--exclude", nargs="*", default=[], help="meta.jsonl files of articles already annotated")
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--holdout-share", type=float, default=2 / 3)
    parser.add_argument("--strata", default=",".join(f"{k}={v}" for k, v in STRATA.items()),
                        help="articles per stratum, e.g. loss_text=60,event_title=30 (or event_text=60: "
                             "the group named beside an event word, taken out of the 'other' pool)")
    parser.add_argument("--append", action="store_true", help="add to the splits' meta.jsonl (a later round)")
    args = parser.parse_args()
    sizes = {name: int(size) for name, size in (part.split("=") for part in args.strata.split(","))}

    excluded = {json.loads(line)["id"] for path in args.exclude
                for line in Path(path).read_text().splitlines() if line.strip()}
    pools: dict[str, list[dict]] = {name: [] for name in [*STRATA, *(s for s in OPTIONAL_STRATA if s in sizes)]}
    with gzip.open(args.corpus, "rt") as lines:
        for line in lines:
            row = json.loads(line)
            text = row.get("text") or ""
            if row["id"] in excluded or not ISIS.search(text) or len(text) < 400:
                continue
            meta = {key: row.get(key) for key in ("id", "title", "source", "url", "published")}
            if LOSS_TEXT.search(text):
                pools["loss_text"].append(meta)
            elif EVENT_TITLE.search(row.get("title") or ""):
                pools["event_title"].append(meta)
            elif "event_text" in pools and EVENT_TEXT.search(text):
                pools["event_text"].append(meta)
            else:
                pools["other"].append(meta)

    rng = random.Random(args.seed)
    splits: dict[str, list[dict]] = {"tune": [], "holdout": []}
    for name, size in sizes.items():
        drawn = rng.sample(sorted(pools[name], key=lambda m: m["id"]), size)
        for i, meta in enumerate(drawn):
            split = "holdout" if i < round(size * args.holdout_share) else "tune"
            splits[split].append({**meta, "stratum": name})
    for split, rows in splits.items():
        (args.out / split).mkdir(parents=True, exist_ok=True)
        with open(args.out / split / "meta.jsonl", "a" if args.append else "w") as out:
            for meta in sorted(rows, key=lambda m: m["id"]):
                out.write(json.dumps(meta, ensure_ascii=False) + "\n")
        print(split, len(rows), {name: sum(r["stratum"] == name for r in rows) for name in sizes},
              "pools:", {name: len(pool) for name, pool in pools.items()})


if __name__ == "__main__":
    main()
