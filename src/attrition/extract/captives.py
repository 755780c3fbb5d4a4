"""Killings of captives the list of known attacks names, told in passing.

News about ISIS recalls its hostage killings by the victim's name more often than it reports them: "the murder of
James Foley", "the group ..., which killed American journalist James Foley last week", "Foley, whose execution at
the hands of ISIS was posted online", "one of its members had beheaded the American photojournalist James Foley".
The sentence rules drop most of these (a killing without a counted toll, without a place, recalled in the past
perfect), because a recalled event is usually undatable; a captive the list names is not (`seeds/known_attacks.csv`:
the day of the video, the country he was held in). Such a sentence becomes the killing's mention: one dead, the
list's country and day (`date_how = known`, `date@4:known.foley-2014-08-19`), the rule `attack.captive`.

Only where the killing word and the name are bound to each other (the killing *of* him, he *was* killed, his
killing), not threatened or feared, and only for a captive whose killing the article has no mention of yet.
"""

from __future__ import annotations

import re
from functools import cache

import re2

from attrition.extract import lexicon as lx
from attrition.extract import trace
from attrition.extract.dates import DateSpan
from attrition.extract.known import KnownAttack, captives_named, known_attacks
from attrition.extract.narrative import Mention, Narrative, hypothetical
from attrition.extract.numbers import Quantity
from attrition.extract.places import Place
from attrition.extract.sentences import Sentence

_KILLING = r"(?:behead(?:ed|ing)?|execut(?:ed|ion|ing)|murder(?:ed|ing)?|kill(?:ed|ing)|slaying|slain|immolation)"
# the killing word, then its object: "beheaded the American photojournalist James Foley", "the murder of Foley"
_KILLING_BEFORE = re.compile(rf"\b{_KILLING}\s+(?:of\s+)?(?:[\w'’.-]+\s+){{0,5}}$", re.I)
# the name, then its killing: "Foley's beheading", "Foley, whose execution", "Foley was beheaded"
_KILLING_AFTER = re.compile(rf"(?:['’]s\s+(?:[\w-]+\s+){{0,2}}|,?\s+(?:who|whose)\s+(?:was\s+|had\s+been\s+)?"
                            rf"(?:[\w-]+\s+){{0,2}}?|\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?){_KILLING}\b",
                            re.I)
# "threatened to behead", "vowed to kill", "could execute": a fear, not a killing
_THREAT_BEFORE = re.compile(r"\b(?:threat\w*|vow\w*|warn\w*|could|would|will|may|might|plan\w*|tr(?:y|ied|ying)|"
                            r"attempt\w*|sought|seek\w*|save|saving|rescue\w*|prevent\w*|avert\w*)\s+(?:to\s+)?"
                            r"(?:\w+\s+){0,2}$", re.I)
_GATE = re.compile(rf"\b{_KILLING}\b", re.I)


def captive_killings(story: Narrative, mentions: list[Mention], low: str) -> list[Mention]:
    """A mention for each known captive's killing the article states that no mention of `mentions` covers yet
    (`low`: the article's text in lower case, for the cheap test that it names one at all)."""
    if not names_a_captive(low):
        return []
    told = {k.attack_id for m in mentions if m.kind == "attack"
            for i in m.seen_at if 0 <= i < len(story.sentences)
            for k, _ in captives_named(story.sentences[i].text, story.published)}
    found: list[Mention] = []
    for sentence in story.sentences:
        s = sentence.text
        if not _GATE.search(s):
            continue
        for k, hit in captives_named(s, story.published):
            word = None if k.attack_id in told else _killing_of(s, hit)
            if word is None:
                continue
            told.add(k.attack_id)
            found.append(_mention(sentence, k, hit, word))
            trace.at(sentence.index)
            trace.kept("attack", hit.group(0), "attack.captive")
    return found


def names_a_captive(low: str) -> bool:
    """The article (`low`: its text in lower case) names a captive of the list of known attacks: a cheap test, one
    automaton over the text (a substring test per name read the text once per name)."""
    names, ascii_only = _names_pattern()
    return names.search(lx.gate_bytes(low) if ascii_only else low) is not None


@cache
def _names() -> tuple[str, ...]:
    """The captives' names in lower case: an article without any of them is not read further."""
    return tuple(word.lower() for k in known_attacks() if k.place is None for word in k.name_words)


@cache
def _names_pattern() -> tuple:
    """The names as one RE2 pattern, and whether they are all ASCII (then it reads the text as the gates do)."""
    return re2.compile("|".join(re.escape(name) for name in _names())), all(map(str.isascii, _names()))


def _killing_of(s: str, hit: re.Match) -> str | None:
    """The killing word bound to the captive's name `hit`, unless the killing is only threatened or feared."""
    before = _KILLING_BEFORE.search(s, max(0, hit.start() - 80), hit.start())
    after = None if before else _KILLING_AFTER.match(s, hit.end())
    if before is None and after is None:
        return None
    word = _GATE.search(s, before.start()) if before else _GATE.search(s, hit.end())
    if hypothetical(s, word.start()) or _THREAT_BEFORE.search(s, max(0, word.start() - 40), word.start()):
        return None
    return word.group(0)


def _mention(sentence: Sentence, k: KnownAttack, hit: re.Match, word: str) -> Mention:
    dead = k.killed or 1
    m = Mention("attack", sentence, "attack.captive", place=Place(None, k.country, None, None, "country"),
                place_surface="", date=DateSpan(k.day, k.day, "day"), date_how="known", trigger_at=hit.start(),
                killed=Quantity(dead, dead, dead, "exact", hit.start(), hit.end(), hit.group(0)),
                support=[f"place@{sentence.index}:known.{k.attack_id}", f"date@{sentence.index}:known.{k.attack_id}"])
    if word.lower().startswith("behead"):
        m.attack_types = ["beheading"]
    if k.perpetrator == "ISIS" and lx.mentions_isis(sentence.text):
        # the list's killer named in the sentence: the killing is his ("the Islamic State, which killed James Foley,
        # or al-Qaida's affiliate": the other group is the sentence's, not the killing's)
        m.perpetrator, m.attribution = "ISIS", "claimed" if lx.claims(sentence.text) else "attributed"
        m.claimed = True if m.attribution == "claimed" else None
    return m
