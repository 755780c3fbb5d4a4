"""Necessary literals of a regular expression: strings one of which every match contains.

Python's `re` scans a sentence position by position and tries every alternative at each, so a rule
pattern costs microseconds even where it cannot match. A substring test (`in`) costs nanoseconds:
a rule whose necessary literals are all absent from a sentence is skipped without running it. The
literals are read off the parsed pattern (as RE2's prefilter does), so they follow every change of
the patterns without a list to keep in step.
"""

from __future__ import annotations

import re
import sys

try:   # Python 3.11+ keeps the parser private
    from re import _constants as _C
    from re import _parser as _parse
except ImportError:   # pragma: no cover - older Pythons
    import sre_constants as _C
    import sre_parse as _parse

MIN_LENGTH = 3   # shorter literals ("a", "of") are in nearly every sentence: no use as a gate
# Words as common as the shortest literals: a literal that is one of them (spaces aside) is no use as a gate either.
FUNCTION_WORDS = frozenset({"the", "from", "and", "for", "her", "his", "its", "who", "had", "has", "have",
                            "was", "were", "with", "that", "this", "into", "as", "to", "of", "in", "on", "at", "by"})


def necessary_literals(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which is in every match of `pattern`, lower-cased for a case-insensitive pattern
    (test them against lower-cased text); None when the pattern has no usable set."""
    required = _sequence(_parse.parse(pattern.pattern, pattern.flags))
    if not required or _strength(required) < MIN_LENGTH:
        return None
    if pattern.flags & re.IGNORECASE:
        required = {literal.lower() for literal in required}
    # a literal that contains another of the set adds nothing: the shorter one is found whenever it is
    return tuple(sorted(s for s in required if not any(o != s and o in s for o in required)))


def may_match(literals: tuple[str, ...] | None, text: str) -> bool:
    # map over str.__contains__ runs in C: no Python frame per literal
    return literals is None or any(map(text.__contains__, literals))


class Gated:
    """A compiled pattern that runs only where one of its necessary literals is present.

    Same results as the pattern for search, finditer and findall on the text it is given (the literals
    lie inside any match, so inside the searched part of the text); match and fullmatch go straight to
    the pattern. A case-insensitive pattern's literals are looked for in the lower-cased text."""

    __slots__ = ("regex", "literals", "_fold")

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.literals = necessary_literals(regex)
        self._fold = bool(regex.flags & re.IGNORECASE)

    def _may(self, text: str, pos: int, endpos: int) -> bool:
        if self.literals is None:
            return True
        if pos or endpos < len(text):
            text = text[pos:endpos]
        return may_match(self.literals, text.lower() if self._fold else text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.regex.search(text, pos, endpos) if self._may(text, pos, endpos) else None

    # an anchored match fails at its first character where it fails: cheaper than the test
    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.regex.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.regex.finditer(text, pos, endpos) if self._may(text, pos, endpos) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return self.regex.findall(text, pos, endpos) if self._may(text, pos, endpos) else []

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    @property
    def flags(self) -> int:
        return self.regex.flags


def gate_patterns(namespace: dict) -> None:
    """Put every compiled pattern of a module namespace that has necessary literals behind them."""
    for name, value in list(namespace.items()):
        if isinstance(value, re.Pattern) and necessary_literals(value):
            namespace[name] = Gated(value)


def _sequence(items) -> set[str] | None:
    """The best requirement of a sequence: its longest literal run or a mandatory part's requirement."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(required: set[str] | None) -> None:
        nonlocal best
        if required and (best is None or _strength(required) > _strength(best)):
            best = required

    for op, argument in items:
        if op is _C.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            consider({"".join(run)})
            run = []
        if op is not _C.AT:   # \b, ^ and $ match no character
            consider(_item(op, argument))
    if run:
        consider({"".join(run)})
    return best


def _strength(required: set[str]) -> int:
    """How selective a set of literals is: its shortest member's length, a function word counting as none
    (" from" and "los" both gate "lost ground from": "los" skips far more sentences)."""
    return min(0 if literal.strip().lower() in FUNCTION_WORDS else len(literal) for literal in required)


def _item(op, argument) -> set[str] | None:
    if op is _C.SUBPATTERN:
        if argument[1] & re.IGNORECASE:   # (?i:...) in a case-sensitive pattern: its case is unknown
            return None
        return _sequence(argument[-1])
    if op is _C.BRANCH:   # every branch must require something; any of their literals will do
        union: set[str] = set()
        for branch in argument[1]:
            required = _sequence(branch)
            if not required:
                return None
            union |= required
        return union
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        low, _, body = argument
        return _sequence(body) if low >= 1 else None
    if op is _C.IN:   # a class of single characters, e.g. [- ]: each is a possible literal
        chars = {chr(a) for o, a in argument if o is _C.LITERAL}
        return chars if len(chars) == len(argument) else None
    return None   # any character, categories, lookarounds, backreferences: no literal required
