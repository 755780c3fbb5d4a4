"""Extracted mentions scored against hand-coded gold events: `attrition evaluate`.

The scoring contract (the project's evaluation README): gold rows are the events each article states,
`required: false` rows are neither rewarded nor punished, and every article listed in the `meta.jsonl`
beside the gold was annotated, so an event extracted from it that matches no gold row is a false positive.

A prediction matches a gold event of the same article when the kind and the ISO country agree and the
place is the same (a gold event without a place takes any place): as folded text, equal or one containing
the other ("Mosul" and "Mosul Dam"), else by the gazetteer's name of the town ("Kobane", "Ayn al-Arab" and
"Kobani" are one town; "Westminster" is London). Matching is greedy per gold row, required rows first; of several
candidates the one with the right date wins, then the one with the right toll. A date is right when the
predicted interval lies inside the gold interval, a day of slack on each side (a gold event the text does
not date at all accepts any date).

Scope "isis" scores territorial losses and the attacks whose perpetrator names the Islamic State; attacks
by others may be exported and are left out. Deduplication is scored on the matched mentions: pairs of
mentions from different articles that gold calls one incident, against those the pipeline put in one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

KINDS = ("attack", "territorial_loss")
ISIS_NAMES = re.compile(r"\b(?:isis|isil|is|islamic state|daesh|da'esh|daech)\b", re.I)
SLACK = dt.timedelta(days=1)


def read_jsonl(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def in_scope(pred: dict, scope: str) -> bool:
    if scope == "all" or pred.get("kind") == "territorial_loss":
        return True
    perpetrator = pred.get("perpetrator")
    if isinstance(perpetrator, list):
        perpetrator = " ".join(map(str, perpetrator))
    return bool(perpetrator) and bool(ISIS_NAMES.search(str(perpetrator)))


def _folded(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()
    text = text.replace("’", "'")
    return text[4:] if text.startswith("the ") else text


@cache
def _canonical(name: str) -> str:
    """The gazetteer's name for a town ("St. Cloud" and "Saint Cloud"; "Kobane" and "Ayn al-Arab"), else the folded
    text. A landmark or a district stands for its town ("Westminster" is London, "Camp Speicher" Tikrit), as the
    extractor places events by town."""
    from attrition.extract.places import default_gazetteer

    place = default_gazetteer().lookup(name)
    return _folded(place.name) if place is not None and place.name else _folded(name)


def same_place(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return True
    if not pred:
        return False
    g, p = _folded(gold), _folded(pred)
    if g == p or g in p.split(",")[0] or p in g:
        return True
    return _canonical(gold) == _canonical(pred)


def _day(value) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value not in (None, "") else None


def date_right(gold: dict, pred: dict) -> bool:
    low, high = _day(gold.get("date_min")), _day(gold.get("date_max"))
    if low is None and high is None:
        return True
    start = _day(pred.get("date_start"))
    end = _day(pred.get("date_end")) or start
    if start is None:
        return False
    return (low is None or low - SLACK <= start) and (high is None or end <= high + SLACK)


def toll_right(gold: dict, pred: dict) -> bool:
    return gold.get("killed") is None or pred.get("killed") == gold["killed"]


def match(gold_rows: list[dict], preds: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict]]:
    """One prediction per gold event, per article: required gold first, the best-fitting candidate."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for p in preds:
        by_article[str(p.get("article"))].append(p)
    taken: set[int] = set()
    pairs = []
    for g in sorted(gold_rows, key=lambda row: not row.get("required", True)):
        candidates = [p for p in by_article.get(g["article"], []) if id(p) not in taken and p.get("kind") == g["kind"]
                      and (p.get("country") or "").upper() == (g.get("country") or "").upper()
                      and same_place(g.get("place"), p.get("place"))]
        if candidates:
            best = min(candidates, key=lambda p: (not date_right(g, p), not toll_right(g, p)))
            taken.add(id(best))
            pairs.append((g, best))
    return pairs, [p for p in preds if id(p) not in taken]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 3), round(recall, 3), round(f1, 3)


def _cross_article_pairs(items: list[tuple[str | None, str]]) -> int:
    """Pairs of mentions sharing a key, from different articles: C(n, 2) per key less the pairs inside an article."""
    per_key: dict[str, Counter] = defaultdict(Counter)
    for key, article in items:
        if key:
            per_key[key][article] += 1
    return sum(sum(c.values()) * (sum(c.values()) - 1) // 2 - sum(n * (n - 1) // 2 for n in c.values())
               for c in per_key.values())


def dedup_scores(pairs: list[tuple[dict, dict]]) -> dict:
    """Same-incident decisions on matched mentions across articles, counted by groups (linear, not pairwise)."""
    gold_same = _cross_article_pairs([(g.get("incident") or None, g["article"]) for g, _ in pairs])
    pred_same = _cross_article_pairs([(p.get("incident"), g["article"]) for g, p in pairs])
    both = _cross_article_pairs([(f"{g['incident']}\x00{p['incident']}" if g.get("incident") and
                                  p.get("incident") is not None else None, g["article"]) for g, p in pairs])
    tp, fp, fn = both, pred_same - both, gold_same - both
    return {"pairs_tp": tp, "pairs_fp": fp, "pairs_fn": fn, "precision_recall_f1": _prf(tp, fp, fn),
            "gold_linked_mentions": sum(1 for g, _ in pairs if g.get("incident"))}


def score(gold_rows: list[dict], pred_rows: list[dict], scope: str = "isis", articles=None):
    """(report, matched pairs, unmatched predictions, missed required gold) for the annotated articles."""
    annotated = set(map(str, articles or ())) | {g["article"] for g in gold_rows}
    preds = [p for p in pred_rows if str(p.get("article")) in annotated and in_scope(p, scope)]
    pairs, unmatched = match(gold_rows, preds)
    report = {}
    for kind in (*KINDS, "all"):
        def of_kind(row, kind=kind):
            return kind == "all" or row.get("kind") == kind
        required = [g for g in gold_rows if g.get("required", True) and of_kind(g)]
        found = [(g, p) for g, p in pairs if g.get("required", True) and of_kind(g)]
        tp, fp = len(found), sum(1 for p in unmatched if of_kind(p))
        precision, recall, f1 = _prf(tp, fp, len(required) - tp)
        tolled = [(g, p) for g, p in found if g.get("killed") is not None]
        report[kind] = {
            "gold_required": len(required), "tp": tp, "fp": fp, "fn": len(required) - tp,
            "precision": precision, "recall": recall, "f1": f1,
            "date_accuracy": round(sum(date_right(g, p) for g, p in found) / tp, 3) if tp else 0.0,
            "killed_accuracy": round(sum(toll_right(g, p) for g, p in tolled) / len(tolled), 3) if tolled else None,
            "strict_recall": round(sum(date_right(g, p) and toll_right(g, p) for g, p in found) / len(required), 3)
            if required else 0.0,
        }
    report["dedup"] = dedup_scores(pairs)
    matched = {id(g) for g, _ in pairs}
    missed = [g for g in gold_rows if g.get("required", True) and id(g) not in matched]
    return report, pairs, unmatched, missed


def _table(report: dict) -> list[str]:
    lines = [f"{'kind':<18}{'gold':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}{'date':>7}{'killed':>8}"
             f"{'strictR':>9}"]
    for kind in (*KINDS, "all"):
        r = report[kind]
        killed = "-" if r["killed_accuracy"] is None else f"{r['killed_accuracy']:.2f}"
        lines.append(f"{kind:<18}{r['gold_required']:>5}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}{r['precision']:>7.2f}"
                     f"{r['recall']:>7.2f}{r['f1']:>7.2f}{r['date_accuracy']:>7.2f}{killed:>8}{r['strict_recall']:>9.2f}")
    d = report["dedup"]
    lines.append(f"dedup (same-incident pairs across articles): P/R/F1 = {d['precision_recall_f1']}  "
                 f"tp={d['pairs_tp']} fp={d['pairs_fp']} fn={d['pairs_fn']}")
    return lines


def _errors(pairs, unmatched, missed) -> list[str]:
    lines = ["", "# missed (required gold with no matching prediction)"]
    lines += [f"  {g['article']} {g['kind']} {g.get('place')} {g.get('country')} {g.get('date_min')}.."
              f"{g.get('date_max')} killed={g.get('killed')}" for g in missed]
    lines.append("# false positives (predictions matching no gold event)")
    lines += [f"  {p.get('article')} {p.get('kind')} {p.get('place')} {p.get('country')} {p.get('date_start')}.."
              f"{p.get('date_end')} killed={p.get('killed')} | {str(p.get('evidence'))[:100]}" for p in unmatched]
    lines.append("# matched with a wrong date or toll")
    for g, p in pairs:
        wrong = []
        if not date_right(g, p):
            wrong.append(f"date {p.get('date_start')}..{p.get('date_end')} not in "
                         f"{g.get('date_min')}..{g.get('date_max')}")
        if not toll_right(g, p):
            wrong.append(f"killed {p.get('killed')} != {g.get('killed')}")
        if wrong:
            lines.append(f"  {g['article']} {g['kind']} {g.get('place')}: " + "; ".join(wrong))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score extracted event mentions against gold annotations.")
    parser.add_argument("--gold", required=True)
    parser.add_argument("--pred", required=True)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--scope", choices=["isis", "all"], default="isis")
    parser.add_argument("--articles", help="meta.jsonl of every annotated article (default: beside --gold)")
    args = parser.parse_args(argv)
    meta = Path(args.articles) if args.articles else Path(args.gold).with_name("meta.jsonl")
    articles = [str(row["id"]) for row in read_jsonl(meta)] if meta.exists() else None
    report, pairs, unmatched, missed = score(read_jsonl(args.gold), read_jsonl(args.pred), args.scope, articles)
    lines = [json.dumps(report, indent=2)] if args.json else _table(report)
    if args.errors:
        lines += _errors(pairs, unmatched, missed)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
