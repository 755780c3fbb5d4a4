"""What the extractor decided and why, for `attrition explain`.

Extraction runs untraced (a guard's note costs one context-variable read); inside `tracing()` every
candidate an article opens is recorded with the guard that dropped it or the rule that kept it, so an analyst
can ask why an attack is missing and get the name of the rule that said no.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    sentence: int       # sentence index (-1: headline)
    kind: str           # attack | territorial_loss
    words: str          # the trigger as written
    outcome: str        # "kept" or "dropped"
    by: str             # the rule that kept it, or the guard that dropped it


_decisions: ContextVar[list[Decision] | None] = ContextVar("attrition_trace", default=None)
_sentence: ContextVar[int] = ContextVar("attrition_trace_sentence", default=-1)


@contextmanager
def tracing() -> Iterator[list[Decision]]:
    """Record every decision made inside the block."""
    decisions: list[Decision] = []
    token = _decisions.set(decisions)
    try:
        yield decisions
    finally:
        _decisions.reset(token)


def active() -> bool:
    """Decisions are being recorded: every candidate must be read, even in an article that will report nothing."""
    return _decisions.get() is not None


def at(sentence: int) -> None:
    """The sentence being read (decisions below name it)."""
    if _decisions.get() is not None:
        _sentence.set(sentence)


def dropped(kind: str, words: str, guard: str) -> None:
    decisions = _decisions.get()
    if decisions is not None:
        decisions.append(Decision(_sentence.get(), kind, words, "dropped", guard))


def kept(kind: str, words: str, rule: str) -> None:
    decisions = _decisions.get()
    if decisions is not None:
        decisions.append(Decision(_sentence.get(), kind, words, "kept", rule))
