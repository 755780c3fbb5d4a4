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


def _gold(**fields):
    row = {"article": "a1", "kind": "attack", "required": True, "place": "Kobani", "country": "SY",
           "date_min": "2015-06-25", "date_max": "2015-06-25", "killed": 20, "incident": "kobani-2015-06-25"}
    return {**row, **fields}


def _pred(**fields):
    row = {"article": "a1", "kind": "attack", "place": "Kobani", "country": "SY", "date_start": "2015-06-25",
           "date_end": "2015-06-25", "killed": 20, "perpetrator": "ISIS", "incident": "i1"}
    return {**row, **fields}


def test_spellings_and_landmarks_are_one_place_and_other_places_are_not():
    from attrition.scoring import score

    for place in ("Kobane", "Ayn al-Arab", "Kobani"):
        report, *_ = score([_gold()], [_pred(place=place)])
        assert report["attack"]["tp"] == 1, place
    report, *_ = score([_gold(place="Westminster", country="GB")], [_pred(place="London", country="GB")])
    assert report["attack"]["tp"] == 1
    report, *_ = score([_gold()], [_pred(place="Raqqa")])
    assert (report["attack"]["tp"], report["attack"]["fp"]) == (0, 1)


def test_dates_tolls_scope_and_articles_without_gold():
    from attrition.scoring import score

    report, *_ = score([_gold()], [_pred(date_start="2015-06-20", date_end="2015-06-30", killed=12)])
    assert report["attack"]["tp"] == 1 and report["attack"]["date_accuracy"] == 0.0
    assert report["attack"]["killed_accuracy"] == 0.0 and report["attack"]["strict_recall"] == 0.0
    # an attack by someone else is out of scope; an event from an annotated article without gold is a false positive
    report, *_ = score([_gold()], [_pred(), _pred(perpetrator="Taliban", place="Kabul"),
                                   _pred(article="a2", place="Paris", country="FR")], articles=["a1", "a2"])
    assert (report["attack"]["tp"], report["attack"]["fp"]) == (1, 1)
    # optional gold rows are neither rewarded nor punished
    report, *_ = score([_gold(required=False)], [_pred()])
    assert (report["attack"]["tp"], report["attack"]["fp"], report["attack"]["fn"]) == (0, 0, 0)
