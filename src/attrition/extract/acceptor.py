"""The acceptor: a learned last look at every frame the rules keep in ISIS scope (tried, not adopted).

`scripts/train_acceptor.py` labels the frames of hand-coded articles by the evaluation scorer's matching and
fits a logistic regression that estimates, from the frame and its article, how likely the frame is an event the
article states (right kind, place and date); `accept` would reject those below the model's threshold. It judges
only what the scorer counts, territorial losses and attacks attributed to ISIS; attacks by others pass
untouched, and a rejected frame is recorded for `attrition explain` ("dropped by guard acceptor (p=0.12)").

Extraction does not call it: cross-validated by article it did not beat the rules alone, so the trainer wrote
no model (README, "Extraction quality"). Were a re-run to pay, the trainer writes `acceptor.json` beside this
file and the wiring is one line at the end of `events.extract_mentions`:
`merged = acceptor.accept(merged, published, title or "", len(sentences), text)`. Without that file every frame
is accepted.

The features are things the rules are unlikely to rename: the kind, the rule family, the attribution's strength
and where it was read, what the frame has (place, date, toll) and how it got it, where the sentence sits in the
article, and how much of the article is about ISIS and about events.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from attrition.extract import lexicon as lx
from attrition.extract import trace
from attrition.extract.narrative import Mention

MODEL_PATH = Path(__file__).with_name("acceptor.json")
_ISIS_NAME = re.compile(r"\b(?:isis|isil|is|islamic state|daesh|da'esh|daech)\b", re.I)   # the scorer's test
_STRENGTH = {"claimed": 1.0, "attributed": 0.75, "inspired": 0.5, "suspected": 0.25}
_bypassed: ContextVar[bool] = ContextVar("attrition_acceptor_bypassed", default=False)


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(w * values.get(name, 0.0) for name, w in zip(self.features, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Article:
    """What the acceptor reads about the article around a frame."""
    published: dt.date | None
    title: str
    n_sentences: int
    isis_mentions: int
    frames: list[Mention]


def in_scope(m: Mention) -> bool:
    """What the scorer counts: every territorial loss, and attacks whose perpetrator names the Islamic State."""
    return m.kind == "territorial_loss" or bool(m.perpetrator and _ISIS_NAME.search(m.perpetrator))


def features(m: Mention, article: Article) -> dict[str, float]:
    """The frame and its article as named numbers (absent names are 0)."""
    f: dict[str, float] = {"loss": float(m.kind == "territorial_loss")}
    family = m.rule.split(".")[-1] if m.rule else "other"
    f[f"rule:{m.kind[:4]}.{family}"] = 1.0
    perp_from = [item.partition(":")[2] for item in m.support if item.startswith("perpetrator@")]
    if m.kind == "attack":
        f["strength"] = _STRENGTH.get(m.attribution or "", 0.0)
        f["claimed"] = float(bool(m.claimed))
        f["perp:sentence"] = float(not perp_from)
        f["perp:continuation"] = float(any(how == "continuation" for how in perp_from))
        f["perp:article"] = float(any(how.startswith("article") for how in perp_from))
        f["killed"] = float(m.killed is not None)
        f["log_killed"] = math.log1p(m.killed.best) / 5 if m.killed and m.killed.best else 0.0
        f["injured"] = float(m.injured is not None)
        f["typed"] = float(bool(m.attack_types))
    else:
        f["captor"] = float(m.captured_by is not None)
    precision = m.place.precision if m.place else "none"
    f[f"place:{'country' if m.place and m.place.name is None else precision}"] = 1.0
    f[f"date:{m.date_how}"] = 1.0
    if m.date is not None and article.published is not None:
        f["log_days_before"] = math.log1p(max(0, (article.published - m.date.end).days)) / 7
        f["wide_date"] = float((m.date.end - m.date.start).days > 31)
    f["support"] = min(len(m.support), 4) / 4
    f["seen_twice"] = float(len(m.seen_at) > 1)
    index = m.sentence.index
    f["headline"] = float(index < 0)
    f["position"] = max(index, 0) / max(article.n_sentences, 1)
    f["early"] = float(0 <= index < 3)
    name = m.place.name if m.place else None
    f["place_in_title"] = float(bool(name) and name.lower() in article.title.lower())
    f["isis_in_sentence"] = float(lx.mentions_isis(m.sentence.text))
    f["log_isis_mentions"] = math.log1p(article.isis_mentions) / 3
    f["log_frames"] = math.log1p(len(article.frames)) / 3
    f["same_place_twice"] = float(bool(name) and sum(
        o.kind == m.kind and o.place is not None and o.place.name == name for o in article.frames) > 1)
    return f


@cache
def model() -> Model | None:
    """The shipped model, or None (accept everything) when there is none."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return Model(tuple(data["features"]), tuple(data["weights"]), float(data["bias"]), float(data["threshold"]))


@contextmanager
def bypassed() -> Iterator[None]:
    """Accept every frame inside the block: what the trainer learns from."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def accept(frames: list[Mention], published: dt.date | None, title: str, n_sentences: int, text: str,
           chosen: Model | None = None) -> list[Mention]:
    """The frames the acceptor keeps; each rejected one is recorded with its probability."""
    chosen = chosen or model()
    if chosen is None or _bypassed.get() or not any(in_scope(m) for m in frames):
        return frames
    article = Article(published, title, n_sentences, len(lx.isis_mentions(text)), frames)
    kept = []
    for m in frames:
        if in_scope(m):
            p = chosen.probability(features(m, article))
            if p < chosen.threshold:
                trace.at(m.sentence.index)
                words = " ".join(m.sentence.text[m.trigger_at:].split()[:3])
                trace.dropped(m.kind, words, f"acceptor (p={p:.2f})")
                continue
        kept.append(m)
    return kept
