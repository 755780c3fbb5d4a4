"""Who did it, read over the whole article.

News rarely names the perpetrator in the sentence that reports the attack: "More than 30 people are dead
after explosions struck Brussels" comes first, "ISIS claimed responsibility" three paragraphs later, and
"the gunman pledged allegiance to the Islamic State" somewhere else. After the sentence-by-sentence pass,
every sentence (and the headline) that ties an attack to a group is read again and given to the attack
it refers to:

- the attack at a place the sentence names ("ISIS claimed the Brussels bombings");
- else, when the sentence refers back ("the attack", "the shooting", "the gunman", "it"), the attack the
  narrative is on: the last one reported before it (the first one after it, for a headline or a lede);
- a link that is denied ("no evidence of ties to ISIS", "not directed by") links nothing, and a claim
  by another group ("al-Qaeda in Yemen claimed the attack") gives the attack to that group, so ISIS
  named elsewhere does not take it.

Each link keeps its strength (claimed > attributed > inspired > suspected) and the sentence it came
from, which the mention records in `support` ("perpetrator@12:article.claimed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from attrition.extract import lexicon as lx
from attrition.extract.places import PlaceMatch

REFERENCE_SENTENCES = 12     # how far back "the attack" may point at the event the narrative is on
LEDE_SENTENCES = 3           # a headline or lede cue may point forward, at the first attack reported

# An attack the sentence refers back to, or its doer: "the attack", "Tuesday's bombings", "the gunman", "it".
EVENT_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|[A-Z][a-z]+day['’]s|\w+['’]s)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:attacks?|assaults?|bombings?|blasts?|explosions?|shootings?|massacres?|rampages?|carnage|killings?|"
    r"atrocit(?:y|ies)|siege|slaughter|stabbings?|beheadings?|murders?|violence|plot)\b|"
    r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:gunm[ae]n|shooters?|attackers?|assailants?|bombers?|"
    r"suspects?|killers?|perpetrators?|driver|terrorists?|jihadis?)\b|"
    r"\b(?:claimed|claiming|claims)\s+(?:it|them)\b|\b(?:he|she|they)\s+(?:had\s+)?(?:pledged|swore|sworn)\b",
    re.I,
)
# The link is denied or in doubt: "found no evidence of ties to ISIS", "was not inspired by".
DENIED = re.compile(
    r"\bno (?:\w+ )?(?:evidence|sign|signs|indication|link|links|ties|connection|known connection)\b|"
    r"\b(?:not|never|wasn['’]t|isn['’]t) (?:\w+ )?(?:directed|inspired|linked|connected|tied|affiliated|behind|"
    r"responsible)\b|\b(?:ruled out|denied|dismissed|unfounded|false claim)\b",
    re.I,
)
# Strength words beyond lexicon.CLAIMED/INSPIRED: "an Islamic State attack", "carried out by ISIS".
ATTRIBUTED = re.compile(
    r"\b(?:carried out|committed|perpetrated|conducted|organi[sz]ed|directed|ordered|planned|behind)\s+by\s+"
    r"(?:the\s+)?(?:so-called\s+)?(?:ISIS|ISIL|IS|Daesh|Islamic State)\b|"
    # "ISIS militants", "the Islamic State group" name the group; its gunmen, bombers and cells name doers
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State)[- ](?:claimed|inspired|linked|directed|affiliated|"
    r"gunm[ae]n|suicide bombers?|bombers?|attackers?|cell|operatives?|shooters?)\b|"
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State)['’]s?\s+(?:\w+\s+)?(?:attacks?|bombings?|massacre)\b",
)


@dataclass(frozen=True)
class Link:
    """One sentence's tie of an attack to a group."""
    index: int                 # sentence index; -1 for the headline
    perpetrator: str           # "ISIS" or another group's name
    strength: str              # claimed | attributed | inspired | suspected
    places: tuple[str, ...]    # names of places the sentence names (the attacks it may mean)
    refers_back: bool          # "the attack", "the gunman": the event the narrative is on


# Two claims in one sentence ("while the attack in France was claimed by ISIS, the attack in Mali was claimed by
# al-Qaeda"): each clause is read apart.
_CONTRAST_OPENING = re.compile(r"^(?:But\s+|And\s+)?(?:while|although|though|whereas|unlike)\b[^,]{20,}?,\s", re.I)
_CONTRAST_BREAK = re.compile(r";|,\s+(?=(?:but|while|whereas|although|not)\b)")


def article_links(sentences, title: str, gazetteer, story_countries: frozenset[str],
                  people: frozenset[str]) -> list[Link]:
    """Every sentence (and the headline) that ties an attack to ISIS or to another named group."""
    texts = [(-1, title)] if title else []
    texts += [(s.index, s.text) for s in sentences]
    links = []
    for index, s in texts:
        if not (lx.CLAIMED.search(s) or lx.mentions_isis(s)):
            continue
        for clause in _clauses(s):
            link = _link_in(index, clause, gazetteer, story_countries, people)
            if link is not None:
                links.append(link)
    return links


def _clauses(s: str) -> list[str]:
    """The sentence, or its contrasted clauses when two groups are named in it."""
    if not (lx.mentions_isis(s) and any(p.search(s) for p, _ in lx.OTHER_PERPETRATORS)):
        return [s]
    opening = _CONTRAST_OPENING.match(s)
    head, rest = (s[: opening.end()], s[opening.end():]) if opening else ("", s)
    parts = [head] if head else []
    last = 0
    for m in _CONTRAST_BREAK.finditer(rest):
        parts.append(rest[last: m.start()])
        last = m.end()
    parts.append(rest[last:])
    return [p for p in parts if p.strip()]


def _link_in(index: int, s: str, gazetteer, countries: frozenset[str], people: frozenset[str]) -> Link | None:
    claimed, inspired = bool(lx.CLAIMED.search(s)), bool(lx.INSPIRED.search(s))
    isis = lx.mentions_isis(s)
    if not isis:
        if not claimed:
            return None
        other = next((name for pattern, name in lx.OTHER_PERPETRATORS if pattern.search(s)), None)
        if other is None:
            return None
        return Link(index, other, "claimed", _place_names(s, gazetteer, countries, people), _refers_back(s))
    if DENIED.search(s):
        return None
    role = _isis_role(s)
    if role is None:
        return None
    attributed = bool(ATTRIBUTED.search(s))
    if role == "context" and not (claimed or inspired or attributed):
        return None   # "the war against ISIS", "the rise of the Islamic State": the enemy, not the doer
    if not (claimed or inspired or attributed):
        return None   # ISIS named beside an attack, without saying it did it: sentence-level rules decide
    strength = ("claimed" if claimed else "attributed" if attributed and not lx.SUSPECTED.search(s)
                else "inspired" if inspired else "suspected")
    return Link(index, "ISIS", strength, _place_names(s, gazetteer, countries, people), _refers_back(s))


def _isis_role(s: str) -> str | None:
    """"agent" when some naming of ISIS may be the doer; "context" when every naming is the enemy or a label."""
    role = None
    for m in lx.isis_mentions(s):
        before = s[max(0, m.start() - 60): m.start()]
        if lx.ISIS_REACTING_AFTER.match(s[m.end():]) and not lx.CLAIMED.search(s) or \
                lx.ISIS_ONLY_NAMED_BEFORE.search(before[-30:]) or lx.ISIS_NOT_AGENT_BEFORE.search(before):
            role = role or "context"
        else:
            return "agent"
    return role


def _place_names(s: str, gazetteer, countries: frozenset[str], people: frozenset[str]) -> tuple[str, ...]:
    found: list[PlaceMatch] = gazetteer.find(s, countries=countries, people=people)
    return tuple(m.place.name or m.place.country for m in found if m.place.precision != "region")


def _refers_back(s: str) -> bool:
    return bool(EVENT_REFERENCE.search(s))


# "ISIS, which holds parts of Iraq and Syria, claimed it": the group's home, not the attack's place
ISIS_HOME = {"IQ", "SY"}
STRENGTH = {"claimed": 3, "attributed": 2, "inspired": 1, "suspected": 0, None: -1}


def apply_links(mentions, links: list[Link], before_isis) -> None:
    """Give each attack the strongest link that refers to it; a claim by another group wins over ISIS named
    elsewhere. `before_isis(mention)`: an attack too early to be the Islamic State's."""
    attacks = sorted((m for m in mentions if m.kind == "attack"), key=lambda m: m.sentence.index)
    if not attacks:
        return
    # claims by other groups first: ISIS named in another sentence does not take an attack someone else claimed
    for link in sorted(links, key=lambda link: link.perpetrator == "ISIS"):
        targets, by_place = _targets(link, attacks)
        for mention in targets:
            if link.perpetrator != "ISIS":
                # a claim naming the attack's place outweighs a claim read in the sentence's neighbourhood
                if mention.perpetrator in (None, "ISIS") and (by_place or mention.attribution != "claimed"):
                    mention.perpetrator, mention.attribution = link.perpetrator, "claimed"
                    mention.claimed = True
                    mention.support.append(f"perpetrator@{link.index}:article.other_claim")
                continue
            if before_isis(mention) or mention.perpetrator not in (None, "ISIS"):
                continue
            if mention.perpetrator is None or STRENGTH[link.strength] > STRENGTH[mention.attribution]:
                mention.perpetrator, mention.attribution = "ISIS", link.strength
                mention.support.append(f"perpetrator@{link.index}:article.{link.strength}")
            if link.strength == "claimed":
                mention.claimed = True


def _targets(link: Link, attacks: list) -> tuple[list, bool]:
    """The attacks a link refers to (those at a place it names, else the one the narrative is on), and whether
    they were found by place."""
    if link.places:
        named = [m for m in attacks if m.place is not None and (m.place.name in link.places or
                                                                m.place.country in link.places)]
        if named:
            return named, True
        if not link.refers_back or not set(link.places) <= ISIS_HOME:
            return [], False   # the link names another place: another attack, which this article does not report
    if not link.refers_back and len(attacks) > 1:
        return [], False
    window = range(link.index - REFERENCE_SENTENCES, link.index + 1)
    before = [(max(i for i in m.seen_at if i in window), m) for m in attacks if any(i in window for i in m.seen_at)]
    if before:
        return [max(before, key=lambda pair: pair[0])[1]], False
    after = [m for m in attacks if m.sentence.index > link.index]
    if after and (link.index <= LEDE_SENTENCES or len(attacks) == 1):
        return [after[0]], False
    return ([attacks[-1]] if len(attacks) == 1 else []), False
