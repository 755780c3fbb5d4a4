"""Train the acceptor (`src/attrition/extract/acceptor.py`) on hand-coded articles, and say whether it pays.

Every frame the rules build in ISIS scope (territorial losses, attacks attributed to ISIS) is labelled by the
project's scorer, `attrition.scoring`, its implementation of the evaluation contract (same article, kind,
country, place, best date first; required gold rows first): matched to a required gold event, 1; matched to an
optional one, left out; matched to none, 0. A logistic regression (numpy, L2, Newton's method: deterministic)
learns the label from `acceptor.features`.

The penalty and the threshold are chosen by cross-validation grouped by article; the figure that decides is
nested cross-validation (the choice made again inside each outer fold, never on the articles it is scored on),
scored by the scorer on the filtered predictions against the rules alone. The model is written to `-o` only
when it pays: F1 over both kinds up by at least --min-gain, neither kind worse, and the development set still
perfect; otherwise no model is written, one already at `-o` is removed (it was fitted to other rules), and the
figures say why.

    python scripts/train_acceptor.py --annotated ../shared/corpus/annotated --tune annotations/tune \\
        --news ../shared/corpus/news/allsides.jsonl.gz --dev ../shared/corpus/dev \\
        -o src/attrition/extract/acceptor.json

`--holdout annotations/holdout` scores the held-out split once, rules alone and with the model (aggregate
figures only: never choose anything from them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from attrition import scoring
from attrition.extract import acceptor
from attrition.extract.events import extract_mentions
from attrition.extract.sentences import split_sentences
from attrition.ingest.clean import clean_text

LAMBDAS = (0.3, 1.0, 3.0, 10.0)
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
KINDS = ("attack", "territorial_loss", "all")


# ---------------------------------------------------------------- data

def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def folder_articles(folder: Path) -> list[dict]:
    """A folder in the shared layout: meta.jsonl and articles/ID.txt (the text, after its headline when the
    file starts with the title)."""
    out = []
    for meta in read_jsonl(folder / "meta.jsonl"):
        raw = (folder / "articles" / f"{meta['id']}.txt").read_text(encoding="utf-8")
        head, _, body = raw.partition("\n\n")
        out.append({**meta, "text": body if head.strip() == (meta.get("title") or "").strip() else raw})
    return out


def corpus_articles(folder: Path, news: Path) -> list[dict]:
    """A split that keeps only ids (meta.jsonl): its texts from the news corpus."""
    metas = {m["id"]: m for m in read_jsonl(folder / "meta.jsonl")}
    found = {}
    with gzip.open(news, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["id"] in metas:
                found[row["id"]] = {**metas[row["id"]], "title": row.get("title"), "text": row.get("text") or "",
                                    "published": row.get("published") or metas[row["id"]].get("published")}
    missing = set(metas) - set(found)
    if missing:
        sys.exit(f"{len(missing)} articles of {folder} are not in {news}")
    return [found[i] for i in metas]


def load_split(folder: Path, news: Path) -> dict:
    articles = folder_articles(folder) if (folder / "articles").is_dir() else corpus_articles(folder, news)
    return {"name": folder.name, "articles": articles, "gold": read_jsonl(folder / "gold.jsonl")}


def published_of(article: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(article.get("published") or "")[:10])
    except ValueError:
        return None


def as_pred(article_id: str, m) -> dict:
    """A frame in the scorer's export contract."""
    return {"article": article_id, "kind": m.kind, "place": m.place.name if m.place else None,
            "country": m.place.country if m.place else None,
            "date_start": str(m.date.start) if m.date else None, "date_end": str(m.date.end) if m.date else None,
            "killed": m.killed.best if m.killed else None, "perpetrator": m.perpetrator}


def candidates(split: dict) -> list[dict]:
    """Every frame the rules build (the acceptor bypassed), with its features and scorer row."""
    rows = []
    with acceptor.bypassed():
        for a in split["articles"]:
            published, title = published_of(a), a.get("title") or ""
            text = clean_text(a["text"], a.get("title"))
            frames = extract_mentions(text, published, a.get("title"))
            article = acceptor.Article(published, title, len(split_sentences(text)),
                                       len(acceptor.lx.isis_mentions(text)), frames)
            for m in frames:
                rows.append({"article": a["id"], "pred": as_pred(a["id"], m), "scoped": acceptor.in_scope(m),
                             "features": acceptor.features(m, article)})
    return rows


# ---------------------------------------------------------------- model

def fit(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method (the bias is not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], lam)
    penalty[-1] = 1e-6
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb.T * (p * (1 - p))) @ xb + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w[:-1], float(w[-1])


def probabilities(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x @ w + b, -30, 30)))


def folds(articles: list[str], k: int, seed: int) -> dict[str, int]:
    """Articles to k folds, by a seeded hash: the same split on every run."""
    ranked = sorted(articles, key=lambda a: hashlib.sha256(f"{seed}:{a}".encode()).hexdigest())
    return {a: i % k for i, a in enumerate(ranked)}


class Data:
    def __init__(self, rows: list[dict], gold: list[dict], articles: list[str], scorer) -> None:
        self.rows, self.gold, self.articles, self.scorer = rows, gold, articles, scorer
        self.names = sorted({n for r in rows if r["scoped"] for n in r["features"]})
        scoped = [r for r in rows if r["scoped"]]
        pairs, _ = scorer.match(gold, [r["pred"] for r in scoped])
        matched = {id(p): g.get("required", True) for g, p in pairs}
        for r in rows:
            r["label"] = None if not r["scoped"] else \
                (1 if matched.get(id(r["pred"])) else None if id(r["pred"]) in matched else 0)

    def matrix(self, rows: list[dict], names: list[str] | None = None) -> np.ndarray:
        names = names or self.names
        return np.array([[r["features"].get(n, 0.0) for n in names] for r in rows]).reshape(len(rows), len(names))

    def score(self, articles: set[str], keep) -> dict:
        """The scorer's report on these articles, the frames `keep(row)` refuses removed."""
        preds = [r["pred"] for r in self.rows if r["article"] in articles and (not r["scoped"] or keep(r))]
        gold = [g for g in self.gold if g["article"] in articles]
        report, *_ = self.scorer.score(gold, preds, "isis", sorted(articles))
        return report

    def predict_out_of_fold(self, train: set[str], k: int, seed: int, lam: float) -> dict[int, float]:
        """P(event) of every scoped frame of `train`, each from a model fitted without its article."""
        assign = folds(sorted(train), k, seed)
        out: dict[int, float] = {}
        for fold in range(k):
            fit_rows = [r for r in self.rows if r["article"] in train and assign[r["article"]] != fold
                        and r["label"] is not None]
            test_rows = [r for r in self.rows if r["article"] in train and assign[r["article"]] == fold and r["scoped"]]
            if not test_rows:
                continue
            w, b = fit(self.matrix(fit_rows), np.array([r["label"] for r in fit_rows], float), lam)
            for r, p in zip(test_rows, probabilities(self.matrix(test_rows), w, b), strict=True):
                out[id(r)] = float(p)
        return out

    def choose(self, train: set[str], k: int, seed: int) -> tuple[float, float, float]:
        """(penalty, threshold, F1) that cross-validate best on `train`; ties go to the lower threshold."""
        best = None
        for lam in LAMBDAS:
            p = self.predict_out_of_fold(train, k, seed, lam)
            for t in THRESHOLDS:
                f1 = self.score(train, lambda r, p=p, t=t: p[id(r)] >= t)["all"]["f1"]
                if best is None or f1 > best[2] + 1e-9:
                    best = (lam, t, f1)
        return best

    def nested(self, k: int, repeats: int) -> tuple[dict, dict, list]:
        """Rules alone and rules + acceptor over `repeats` outer k-fold splits, pooled per repeat (tp, fp, fn
        summed over the folds of a repeat, then P/R/F1 averaged over the repeats)."""
        every = set(self.articles)
        base = self.score(every, lambda r: True)
        sums = {kind: np.zeros(3) for kind in KINDS}
        chosen = []
        for seed in range(repeats):
            assign = folds(self.articles, k, 1000 + seed)
            counts = {kind: np.zeros(3) for kind in KINDS}
            for fold in range(k):
                test = {a for a in self.articles if assign[a] == fold}
                train = every - test
                lam, t, _ = self.choose(train, k - 1, seed)
                chosen.append((lam, t))
                fit_rows = [r for r in self.rows if r["article"] in train and r["label"] is not None]
                w, b = fit(self.matrix(fit_rows), np.array([r["label"] for r in fit_rows], float), lam)
                test_rows = [r for r in self.rows if r["article"] in test and r["scoped"]]
                probs = {id(r): p for r, p in zip(test_rows, probabilities(self.matrix(test_rows), w, b),
                                                    strict=True)}
                report = self.score(test, lambda r, probs=probs, t=t: probs[id(r)] >= t)
                for kind in KINDS:
                    counts[kind] += [report[kind]["tp"], report[kind]["fp"], report[kind]["fn"]]
            for kind in KINDS:
                sums[kind] += prf(*counts[kind])
        return base, {kind: tuple(round(v / repeats, 3) for v in sums[kind]) for kind in KINDS}, chosen


def prf(tp: float, fp: float, fn: float) -> np.ndarray:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return np.array([p, r, 2 * p * r / (p + r) if p + r else 0.0])


def table(title: str, report: dict) -> list[str]:
    lines = [title]
    for kind in KINDS:
        r = report[kind]
        if isinstance(r, dict):
            lines.append(f"  {kind:<17} P {r['precision']:.2f}  R {r['recall']:.2f}  F1 {r['f1']:.2f}"
                         f"   (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
        else:
            lines.append(f"  {kind:<17} P {r[0]:.2f}  R {r[1]:.2f}  F1 {r[2]:.2f}")
    return lines


def split_report(split: dict, scorer, model: acceptor.Model | None) -> dict:
    """The scorer's report on a whole split, with or without the model."""
    rows = candidates(split)
    article = {a["id"]: a for a in split["articles"]}
    keep = (lambda r: True) if model is None else (lambda r: model.probability(r["features"]) >= model.threshold)
    preds = [r["pred"] for r in rows if not r["scoped"] or keep(r)]
    report, *_ = scorer.score(split["gold"], preds, "isis", sorted(article))
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotated", type=Path, required=True, help="the shared annotated set (meta, gold, articles/)")
    ap.add_argument("--tune", type=Path, action="append", default=[], help="a split of annotations/ (repeatable)")
    ap.add_argument("--news", type=Path, default=Path("../shared/corpus/news/allsides.jsonl.gz"),
                    help="the news corpus the annotations/ splits take their texts from")
    ap.add_argument("--dev", type=Path, help="a set that must stay perfect with the model")
    ap.add_argument("--holdout", type=Path, help="score this split once, rules alone and with the model")
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--min-gain", type=float, default=0.02, help="F1 (both kinds) the acceptor must add to be written")
    args = ap.parse_args(argv)
    scorer = scoring   # the project's own implementation of the evaluation contract

    splits = [load_split(args.annotated, args.news)] + [load_split(t, args.news) for t in args.tune]
    rows, gold, articles = [], [], []
    for split in splits:
        rows += candidates(split)
        gold += split["gold"]
        articles += [a["id"] for a in split["articles"]]
    data = Data(rows, gold, articles, scorer)
    labels = [r["label"] for r in rows if r["scoped"]]
    print(f"{len(articles)} articles, {len(rows)} frames, {len(labels)} in ISIS scope: "
          f"{labels.count(1)} events, {labels.count(0)} not, {labels.count(None)} optional (left out)")

    base, with_acceptor, chosen = data.nested(args.folds, args.repeats)
    print("\n".join(table("rules alone:", base)))
    print("\n".join(table(f"rules + acceptor, nested {args.folds}-fold CV by article x {args.repeats}:",
                          with_acceptor)))
    print("penalty, threshold chosen in the outer folds:", sorted(set(chosen)))

    lam, threshold, cv_f1 = data.choose(set(articles), args.folds, 0)
    fit_rows = [r for r in rows if r["label"] is not None]
    w, b = fit(data.matrix(fit_rows), np.array([r["label"] for r in fit_rows], float), lam)
    model = acceptor.Model(tuple(data.names), tuple(round(float(v), 6) for v in w), round(b, 6), threshold)
    print(f"final: penalty {lam}, threshold {threshold} (CV F1 {cv_f1:.3f} on all training articles)")
    for name, weight in sorted(zip(data.names, w, strict=True), key=lambda nw: -abs(nw[1]))[:12]:
        print(f"  {weight:+.2f} {name}")

    gain = with_acceptor["all"][2] - base["all"]["f1"]
    worse = [k for k in ("attack", "territorial_loss") if with_acceptor[k][2] < base[k]["f1"] - 1e-9]
    reasons = []
    if gain < args.min_gain:
        reasons.append(f"nested CV F1 gain {gain:+.3f} < {args.min_gain}")
    if worse:
        reasons.append(f"worse on {', '.join(worse)}")
    if threshold == 0.0:
        reasons.append("the best threshold rejects nothing")
    if args.dev:
        dev = split_report(load_split(args.dev, args.news), scorer, model)
        print("\n".join(table("development set with the model:", dev)))
        if any(dev[k]["f1"] < 1.0 for k in ("attack", "territorial_loss")):
            reasons.append("the development set is no longer perfect")
    if args.holdout:
        held = load_split(args.holdout, args.news)
        print("\n".join(table("holdout, rules alone:", split_report(held, scorer, None))))
        print("\n".join(table("holdout, rules + acceptor:", split_report(held, scorer, model))))
    if reasons:
        print("not adopted: " + "; ".join(reasons) + f" (no model at {args.out})")
        args.out.unlink(missing_ok=True)
        return 0
    trained = {"articles": len(articles), "frames_in_scope": len(labels), "penalty": lam,
               "cv_rules_alone": {k: base[k]["f1"] for k in KINDS},
               "cv_with_acceptor": {k: with_acceptor[k][2] for k in KINDS}}
    args.out.write_text(json.dumps({"features": list(model.features), "weights": list(model.weights),
                                    "bias": model.bias, "threshold": model.threshold, "trained": trained},
                                   indent=1) + "\n", encoding="utf-8")
    print(f"adopted: written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
