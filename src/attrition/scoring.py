#!/usr/bin/env python3
"""Score extracted event mentions against a gold annotation file.

This is the project's evaluation scorer, kept as the evaluation tool ships it, so `attrition evaluate`
prints exactly the table the development set is scored with; one change: `dedup_scores` counts the
same pairs by grouping instead of comparing every pair of mentions, which took hours at 100,000 articles.

Usage:
    python score_events.py --gold GOLD.jsonl --pred PRED.jsonl [--errors] [--json]

PRED is one JSON object per line, one per extracted event mention (see README.md
beside this file for the fields). Only the standard library is used.

Matching, per article: same kind, same ISO country, and the same place (after
alias folding; a gold event without a place accepts any place). Among candidates
the one with a correct date wins. Gold rows with "required": false are optional:
matching one is neither rewarded nor punished, missing one is no error.
Every prediction left unmatched is a false positive.

Scope: by default only ISIS-linked predictions are scored (every territorial loss, and attacks
whose `perpetrator` names the Islamic State: ISIS, ISIL, IS, Islamic State, Daesh). Attacks by
others may be exported; they are ignored here. An ISIS attack exported without that
attribution is therefore a miss. `--scope all` scores every prediction.
"""
import argparse
import datetime as dt
import json
import sys
import re
import unicodedata
from collections import defaultdict

# Spelling variants seen in news text for the same place; first name is canonical.
ALIASES = [
    ["kobani", "kobane", "ayn al-arab", "ain al-arab", "ayn al arab", "ain al arab"],
    ["nasiriyah", "nassiriya", "nasiriya", "nassiriyah", "an nasiriyah"],
    ["raqqa", "raqqah", "al-raqqa", "ar-raqqah", "al raqqa", "rakka"],
    ["deir ez-zor", "deir ezzor", "deir el-zour", "deir al-zour", "dayr az-zawr", "deir ez zor", "deir ezzour", "deir al-zor"],
    ["tal abyad", "tell abyad", "tel abyad", "tall abyad"],
    ["sousse", "soussse", "susah"],
    ["baiji", "bayji", "beiji"],
    ["palmyra", "tadmur", "tadmor"],
    ["fallujah", "falluja", "fallouja"],
    ["manbij", "menbij", "manbej"],
    ["mosul", "al-mosul", "mosel"],
    ["ramadi", "al-ramadi", "ar ramadi"],
    ["sinjar", "shingal", "sinjar mountain"],
    ["jerusalem", "al-quds", "old city of jerusalem"],
    ["brussels", "bruxelles", "brussel"],
    ["tehran", "teheran"],
    ["baghuz", "al-baghuz", "baghouz", "al-baghuz fawqani"],
    ["abu kamal", "al-bukamal", "albu kamal", "boukamal", "al bukamal"],
    ["mayadin", "al-mayadin", "al mayadin", "mayadeen"],
    ["tal afar", "tall afar", "tel afar"],
    ["hawija", "al-hawija", "hawijah"],
    ["tabqa", "al-tabqa", "al-thawrah", "tabqah"],
    ["istanbul", "constantinople"],
    ["kabul"],
    ["dhaka", "dacca"],
    ["san bernardino"],
    ["st petersburg", "saint petersburg", "st. petersburg"],
    ["london", "parsons green", "london bridge", "westminster"],
    ["paris", "champs elysees", "champs-elysees", "saint-denis", "bataclan"],
    ["new york", "manhattan", "new york city"],
]
_CANON = {}
for group in ALIASES:
    for name in group:
        _CANON[name] = group[0]


_ISIS = re.compile(r"\b(isis|isil|is|islamic state|daesh|da'esh|daech)\b", re.I)


def isis_linked(pred):
    if pred.get("kind") == "territorial_loss":
        return True
    perp = pred.get("perpetrator")
    if isinstance(perp, (list, tuple)):
        perp = " ".join(map(str, perp))
    return bool(perp) and bool(_ISIS.search(str(perp)))


def fold(place):
    if not place:
        return None
    s = unicodedata.normalize("NFKD", str(place)).encode("ascii", "ignore").decode().lower().strip()
    s = s.replace("’", "'").replace("`", "'")
    for prefix in ("the ",):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return _CANON.get(s, s)


def same_place(gold, pred):
    g, p = fold(gold), fold(pred)
    if g is None:
        return True
    if p is None:
        return False
    return g == p or g in p.split(",")[0] or p in g


def as_date(value):
    if value in (None, ""):
        return None
    return dt.date.fromisoformat(str(value)[:10])


def date_correct(gold, pred):
    """A predicted interval is correct when it lies inside the gold interval (one day of slack)."""
    gmin, gmax = as_date(gold.get("date_min")), as_date(gold.get("date_max"))
    pmin, pmax = as_date(pred.get("date_start")), as_date(pred.get("date_end") or pred.get("date_start"))
    if gmin is None and gmax is None:
        return True  # the text gives no date at all: nothing to get wrong
    if pmin is None:
        return False
    slack = dt.timedelta(days=1)
    lo = (gmin - slack) if gmin else dt.date.min
    hi = (gmax + slack) if gmax else dt.date.max
    return lo <= pmin and pmax <= hi


def load(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def match(gold_rows, pred_rows):
    """Greedy one-to-one matching within each article; returns list of (gold, pred) pairs."""
    by_article = defaultdict(list)
    for p in pred_rows:
        by_article[str(p.get("article"))].append(p)
    pairs, used = [], set()
    # required gold first, so optional rows never steal a prediction from a required one
    for g in sorted(gold_rows, key=lambda r: not r.get("required", True)):
        best, best_rank = None, None
        for p in by_article.get(g["article"], []):
            if id(p) in used or p.get("kind") != g["kind"]:
                continue
            if (p.get("country") or "").upper() != (g.get("country") or "").upper():
                continue
            if not same_place(g.get("place"), p.get("place")):
                continue
            rank = (not date_correct(g, p), g.get("killed") is not None and p.get("killed") != g.get("killed"))
            if best is None or rank < best_rank:
                best, best_rank = p, rank
        if best is not None:
            used.add(id(best))
            pairs.append((g, best))
    unmatched = [p for p in pred_rows if id(p) not in used]
    return pairs, unmatched


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def dedup_scores(pairs):
    """Pairwise precision/recall of 'same incident' decisions over matched mentions in different articles.

    Counted by groups rather than over every pair of mentions (the same counts, in linear time): the
    pairs two mentions form across articles inside a group of size n are C(n, 2) minus the pairs
    inside each article."""
    linked = [(g, p) for g, p in pairs if g.get("incident")]

    def cross_article_pairs(key):
        groups = defaultdict(lambda: defaultdict(int))
        for g, p in pairs:
            k = key(g, p)
            if k is not None:
                groups[k][g["article"]] += 1
        total = 0
        for per_article in groups.values():
            n = sum(per_article.values())
            total += n * (n - 1) // 2 - sum(m * (m - 1) // 2 for m in per_article.values())
        return total

    gold_same = cross_article_pairs(lambda g, p: g.get("incident") or None)
    pred_same = cross_article_pairs(lambda g, p: p.get("incident"))
    both = cross_article_pairs(lambda g, p: (g["incident"], p["incident"])
                               if g.get("incident") and p.get("incident") is not None else None)
    tp, fp, fn = both, pred_same - both, gold_same - both
    return {"pairs_tp": tp, "pairs_fp": fp, "pairs_fn": fn, "precision_recall_f1": prf(tp, fp, fn), "gold_linked_mentions": len(linked)}


def score(gold_rows, pred_rows, scope="isis"):
    articles = {g["article"] for g in gold_rows}
    pred_rows = [p for p in pred_rows if str(p.get("article")) in articles]
    if scope == "isis":
        pred_rows = [p for p in pred_rows if isis_linked(p)]
    pairs, unmatched = match(gold_rows, pred_rows)
    report = {}
    for kind in ("attack", "territorial_loss", "all"):
        def keep(r):
            return kind == "all" or r.get("kind") == kind
        req = [g for g in gold_rows if g.get("required", True) and keep(g)]
        tp_pairs = [(g, p) for g, p in pairs if g.get("required", True) and keep(g)]
        fp = len([p for p in unmatched if keep(p)])
        tp = len(tp_pairs)
        dated = sum(date_correct(g, p) for g, p in tp_pairs)
        with_toll = [(g, p) for g, p in tp_pairs if g.get("killed") is not None]
        toll_ok = sum(p.get("killed") == g["killed"] for g, p in with_toll)
        p_, r_, f_ = prf(tp, fp, len(req) - tp)
        report[kind] = {
            "gold_required": len(req), "tp": tp, "fp": fp, "fn": len(req) - tp,
            "precision": p_, "recall": r_, "f1": f_,
            "date_accuracy": round(dated / tp, 3) if tp else 0.0,
            "killed_accuracy": round(toll_ok / len(with_toll), 3) if with_toll else None,
            # strict: found, right date, right toll where the gold has one
            "strict_recall": round(sum(date_correct(g, p) and (g.get("killed") is None or p.get("killed") == g["killed"])
                                       for g, p in tp_pairs) / len(req), 3) if req else 0.0,
        }
    report["dedup"] = dedup_scores(pairs)
    missed = [g for g in gold_rows if g.get("required", True) and all(g is not x for x, _ in pairs)]
    return report, pairs, unmatched, missed


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--errors", action="store_true", help="list missed gold events, false positives and wrong fields")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--scope", choices=["isis", "all"], default="isis", help="score ISIS-linked predictions only (default) or all")
    args = ap.parse_args(argv)
    gold_rows, pred_rows = load(args.gold), load(args.pred)
    report, pairs, unmatched, missed = score(gold_rows, pred_rows, args.scope)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{'kind':<18}{'gold':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>7}{'R':>7}{'F1':>7}{'date':>7}{'killed':>8}{'strictR':>9}")
        for kind in ("attack", "territorial_loss", "all"):
            r = report[kind]
            ka = "-" if r["killed_accuracy"] is None else f"{r['killed_accuracy']:.2f}"
            print(f"{kind:<18}{r['gold_required']:>5}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}{r['precision']:>7.2f}{r['recall']:>7.2f}"
                  f"{r['f1']:>7.2f}{r['date_accuracy']:>7.2f}{ka:>8}{r['strict_recall']:>9.2f}")
        d = report["dedup"]
        print(f"dedup (same-incident pairs across articles): P/R/F1 = {d['precision_recall_f1']}  tp={d['pairs_tp']} fp={d['pairs_fp']} fn={d['pairs_fn']}")
    if args.errors:
        print("\n# missed (required gold with no matching prediction)")
        for g in missed:
            print(f"  {g['article']} {g['kind']} {g.get('place')} {g.get('country')} {g.get('date_min')}..{g.get('date_max')} killed={g.get('killed')}")
        print("# false positives (predictions matching no gold event)")
        for p in unmatched:
            print(f"  {p.get('article')} {p.get('kind')} {p.get('place')} {p.get('country')} {p.get('date_start')}..{p.get('date_end')} killed={p.get('killed')} | {str(p.get('evidence'))[:100]}")
        print("# matched with a wrong date or toll")
        for g, p in pairs:
            bad = []
            if not date_correct(g, p):
                bad.append(f"date {p.get('date_start')}..{p.get('date_end')} not in {g.get('date_min')}..{g.get('date_max')}")
            if g.get("killed") is not None and p.get("killed") != g.get("killed"):
                bad.append(f"killed {p.get('killed')} != {g.get('killed')}")
            if bad:
                print(f"  {g['article']} {g['kind']} {g.get('place')}: " + "; ".join(bad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
