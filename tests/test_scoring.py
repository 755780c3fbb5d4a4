"""The scorer's deduplication counts, computed by groups, equal the pair-by-pair definition."""

from __future__ import annotations

import random
from itertools import combinations

from attrition.scoring import dedup_scores


def pairwise(pairs):
    tp = fp = fn = 0
    for (g1, p1), (g2, p2) in combinations(pairs, 2):
        if g1["article"] == g2["article"]:
            continue
        gold_same = bool(g1.get("incident")) and g1.get("incident") == g2.get("incident")
        pred_same = p1.get("incident") is not None and p1.get("incident") == p2.get("incident")
        tp += gold_same and pred_same
        fp += (not gold_same) and pred_same
        fn += gold_same and not pred_same
    return tp, fp, fn


def test_grouped_counts_equal_pairwise_counts():
    rng = random.Random(7)
    for _ in range(50):
        pairs = [({"article": f"a{rng.randrange(6)}", "incident": rng.choice([None, "", "g1", "g2", "g3"])},
                  {"incident": rng.choice([None, "p1", "p2", "p3"])}) for _ in range(rng.randrange(2, 40))]
        got = dedup_scores(pairs)
        assert (got["pairs_tp"], got["pairs_fp"], got["pairs_fn"]) == pairwise(pairs)
