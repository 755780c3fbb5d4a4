"""The acceptor: features of a frame, and the filter that rejects frames with their probability recorded.

Extraction does not call it (trained, it did not beat the rules alone: README, "Extraction quality"); these tests
keep the trainer's features and the filter working for the next re-run of `scripts/train_acceptor.py`.
"""

import datetime as dt
import math

from attrition.extract import acceptor, trace
from attrition.extract.events import extract_mentions
from attrition.extract.sentences import split_sentences

PUB = dt.date(2016, 7, 20)
TEXT = ("Militants of the Islamic State stormed a hotel in Sousse on Monday, killing 11 guests. "
        "In an unrelated case, a gunman shot dead three shoppers at a mall in Leeds on Sunday; police said he had "
        "a history of mental illness.")


def _frames(text=TEXT):
    with acceptor.bypassed():
        return extract_mentions(text, PUB, None)


def _article(frames, text=TEXT):
    return acceptor.Article(PUB, "", len(split_sentences(text)), len(acceptor.lx.isis_mentions(text)), frames)


def test_only_what_the_scorer_counts_is_judged():
    frames = _frames()
    by_place = {m.place.name: m for m in frames if m.place}
    assert acceptor.in_scope(by_place["Sousse"])
    assert not acceptor.in_scope(by_place["Leeds"])   # nobody named: an attack by others passes untouched


def test_features_of_a_frame_stated_in_its_own_sentence():
    frames = _frames()
    sousse = next(m for m in frames if m.place and m.place.name == "Sousse")
    f = acceptor.features(sousse, _article(frames))
    assert f["perp:sentence"] == 1.0 and f["perp:continuation"] == 0.0
    assert f["killed"] == 1.0 and f["isis_in_sentence"] == 1.0 and f["place:city"] == 1.0
    assert f["date:relative"] == 1.0 and f["early"] == 1.0 and f["loss"] == 0.0
    assert f == acceptor.features(sousse, _article(frames))   # the same frame, the same numbers


def test_the_filter_rejects_below_its_threshold_and_says_so():
    frames = _frames()
    strict = acceptor.Model(("killed",), (-8.0,), 2.0, 0.5)   # p = sigmoid(2 - 8) for a frame with a toll
    with trace.tracing() as decisions:
        kept = acceptor.accept(frames, PUB, "", 2, TEXT, chosen=strict)
    assert [m.place.name for m in kept] == ["Leeds"]
    [rejected] = [d for d in decisions if d.by.startswith("acceptor")]
    assert rejected.outcome == "dropped" and rejected.sentence == 0
    assert rejected.by == f"acceptor (p={1 / (1 + math.exp(6)):.2f})"


def test_the_filter_keeps_what_passes_and_everything_when_bypassed():
    frames = _frames()
    lenient = acceptor.Model(("killed",), (8.0,), -2.0, 0.5)
    assert acceptor.accept(frames, PUB, "", 2, TEXT, chosen=lenient) == frames
    strict = acceptor.Model(("killed",), (-8.0,), 2.0, 0.5)
    with acceptor.bypassed():
        assert acceptor.accept(frames, PUB, "", 2, TEXT, chosen=strict) == frames


def test_no_model_file_accepts_everything():
    acceptor.model.cache_clear()
    try:
        assert (acceptor.model() is None) == (not acceptor.MODEL_PATH.exists())
        if acceptor.model() is None:
            assert acceptor.accept(_frames(), PUB, "", 2, TEXT) == _frames()
    finally:
        acceptor.model.cache_clear()
