"""What the narrative has established, and the helpers every rule family reads a sentence with.

An article is read in order: `Narrative` holds what earlier sentences set (the publication date, the scene, the
last date, the events opened so far), `Mention` is one event being built, `Trigger` the words that opened it.
Clause boundaries, modality, dates by narrative and continuation sentences ("The victim toll was zero in both
places") are shared by the attack and the loss rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from attrition.extract import lexicon as lx
from attrition.extract.attribution import attribute_in_sentence
from attrition.extract.dates import DateSpan, dated_apart
from attrition.extract.numbers import Quantity, Toll, find_tolls
from attrition.extract.places import Place, PlaceMatch, default_gazetteer
from attrition.extract.sentences import Sentence

RECENT_DAYS = 30            # an undated past event in a news report: assumed within a month before publication
CONTINUATION_SENTENCES = 4  # how far a detail sentence may sit from the event it continues
SAID_DAYS = 3               # "officials said Sunday": the event happened up to this many days before
SCENE_SENTENCES = 2         # how long a sentence naming a place and a date sets the scene


@dataclass
class Mention:
    kind: str                       # "attack" | "territorial_loss"
    sentence: Sentence
    rule: str
    place: Place | None = None
    place_surface: str | None = None
    date: DateSpan | None = None
    date_how: str = "missing"       # explicit | relative | narrative | scene | known | reference | recalled |
    #                                 assumed_recent | missing
    killed: Quantity | None = None
    injured: Quantity | None = None
    attack_types: list[str] = field(default_factory=list)
    perpetrator: str | None = None
    attribution: str | None = None  # claimed | attributed | suspected | inspired
    claimed: bool | None = None
    captured_by: str | None = None
    trigger_at: int = 0             # offset of the trigger inside the sentence
    seen_at: list[int] = field(default_factory=list)   # every sentence that reported this event (merged)
    support: list[str] = field(default_factory=list)   # "field@sentence:rule" for facts read in other sentences

    def __post_init__(self) -> None:
        if not self.seen_at:
            self.seen_at = [self.sentence.index]

    @property
    def country(self) -> str | None:
        return self.place.country if self.place else None

    def null_reasons(self, published: dt.date | None) -> list[str]:
        reasons = []
        if self.place is None or self.place.name is None:
            reasons.append("place:only_country_stated" if self.place else "place:not_stated")
        if self.date is None:
            reasons.append("date:no_publication_date" if published is None else "date:unresolvable")
        elif self.date_how == "assumed_recent":
            reasons.append("date:not_stated_assumed_recent")
        elif self.date_how == "recalled":
            reasons.append("date:not_stated_before_publication")
        if self.kind == "attack":
            if self.killed is None:
                reasons.append("killed:not_stated")
            if self.injured is None:
                reasons.append("injured:not_stated")
            if self.perpetrator is None:
                reasons.append("perpetrator:not_stated")
            if not self.attack_types:
                reasons.append("attack_type:not_stated")
        elif self.captured_by is None:
            reasons.append("captured_by:not_stated")
        return reasons


@dataclass
class Narrative:
    """What earlier sentences established."""
    published: dt.date | None
    about_isis: bool
    people: frozenset[str] = frozenset()   # surnames of people the article names: not towns ("Foley")
    events: list[Mention] = field(default_factory=list)
    last_date: DateSpan | None = None
    last_date_index: int = -99
    scene: tuple[PlaceMatch, DateSpan | None, str, int] | None = None   # place, date, how, sentence index
    text: str = ""
    countries: frozenset[str] = frozenset()   # of countries and regions named so far: "Odessa" in a Texas story
    sentences: list[Sentence] = field(default_factory=list)
    title: str = ""
    named_here: list[PlaceMatch] = field(default_factory=list)   # every place the current sentence names
    names_isis: bool = True   # the article names the group at least once: it may report the group's losses
    # "Four years after Islamic State fighters overran Kocho, ...": the group's ground is the story's subject, and
    # "the militants" later driven out of a town are its own
    lede_names_isis: bool = False
    # towns the gazetteer does not know, named by a descriptor so far ("the village of Kocho"), by folded name
    introduced: dict[str, Place] = field(default_factory=dict)
    # how often the article has named a place in each country: the one it is mostly in locates a town named bare
    named_countries: Counter = field(default_factory=Counter)


@dataclass
class Trigger:
    kind: str
    start: int
    end: int
    attack_type: str | None
    number: str          # "one" | "many" | "verb" | "kill" | "loss"
    rule: str
    place_after: PlaceMatch | None = None   # losses: the object place


def hypothetical(s: str, start: int) -> bool:
    """Modal, future, negated or intended: look back over the clause before the trigger."""
    before = clause_before(s, start)
    if _PAST_POSSESSIVE.search(before) and _PLACED_AFTER.match(s, start) or _CLAIMED_FOR.search(before) or \
            _AVENGED.search(before) or _PAST_EVENT_BEFORE.search(before):
        # "a threat distinct from last month's attack in Paris", "was not so reticent and claimed credit for the
        # rampage": that attack happened, whatever is negated or feared around it
        return False
    if lx.INFINITIVE.search(before) and not lx.INFINITIVE_OK.search(before):
        return True
    if _NO_EVIDENCE_THAT.search(before):
        return True   # "no evidence that any alien ... has perpetrated a terrorist attack": denied, however far back
    if _WHEN_SUBJECT.search(before) and _PRESENT_TRIGGER.match(s, start):
        return True   # "when they attack us in the United States": a present tense after "when" is the future
    if _AND_BEFORE.search(before) and _BARE_TRIGGER.match(s, start) and lx.MODAL.search(before):
        return True   # "they should stop ... and instead attack U.S. embassies": the verb the modal governs
    return bool(lx.MODAL.search(before[-70:]))


_WHEN_SUBJECT = re.compile(r"\b(?:when|once)\s+(?:they|he|she|it|(?:the\s+)?(?:terrorists|militants|jihadists|group)|"
                           r"ISIS|ISIL|IS|Daesh|the Islamic State)\s+(?:\w+ly\s+)?$")
# The attack itself is denied, not who did it ("no evidence that ISIS was behind the attack in Paris": it happened)
_NO_EVIDENCE_THAT = re.compile(r"\bno\s+(?:evidence|indication|sign|proof)\s+that\b(?![^,;]*\b(?:was|were|is|are)\s+"
                               r"(?:\w+ly\s+)?(?:involved|behind|responsible|linked|connected|tied|directed|inspired|"
                               r"ordered|in contact)\b)", re.I)
_TRIGGER_VERB = r"(?:attack|kill|bomb|strike|shoot|behead|stab|murder|massacre|hit)"
_PRESENT_TRIGGER = re.compile(rf"{_TRIGGER_VERB}s?\b", re.I)
_BARE_TRIGGER = re.compile(rf"{_TRIGGER_VERB}\b", re.I)
_AND_BEFORE = re.compile(r"\band\s+(?:(?:instead|then|also)\s+)?$")


_PAST_POSSESSIVE = re.compile(rf"\b(?:(?:last|past|previous)\s+(?:week|weekend|month|year)|yesterday|{lx.WEEKDAY})"
                              r"['’]s\s+(?:[\w-]+\s+){0,2}$", re.I)
_CLAIMED_FOR = re.compile(r"\bclaim(?:ed|ing|s)?\s+(?:credit|responsibility)\s+for\s+(?:[\w'’-]+\s+){0,6}$", re.I)
# "vowed revenge for the execution of 21 Coptic Christians": what is avenged happened, whatever is vowed
_AVENGED = re.compile(r"\b(?:(?:revenge|retaliation|retribution|vengeance|reprisals?)\s+for|to\s+avenge)\s+"
                      r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
# "the first debate since the attack by a couple in San Bernardino", "following an ISIS rampage in Paris": whatever
# the main clause says of the future, the event it counts from happened
_PAST_EVENT_BEFORE = re.compile(r"\b(?:since|following|after|in the wake of|in the aftermath of)\s+(?:the|an?)\s+"
                                r"(?!(?:next|future|another|further|new)\b)(?:[\w'’-]+\s+){0,3}$", re.I)
_PLACED_AFTER = re.compile(r"[\w-]+\s+(?:in|at|near|on)\s+(?:the\s+)?[A-Z]")


def clause_start(s: str, offset: int) -> int:
    """Where the clause holding `offset` begins: after the last clause break before it (commas do not break)."""
    breaks = list(lx.CLAUSE_BREAK.finditer(s, 0, offset))
    return breaks[-1].end() if breaks else 0


def clause_before(s: str, start: int) -> str:
    before = s[clause_start(s, start):start]
    comma = before.rfind(",")
    if comma >= 0 and _COORDINATED_AFTER_COMMA.match(before, comma):
        return before[comma:]   # "threatened the United States, and in May a terrorist shot": a clause of its own
    # a comma after an introductory phrase still belongs to the clause; keep 40 chars beyond it
    return before[max(0, comma - 40):] if comma >= 0 else before


_COORDINATED_AFTER_COMMA = re.compile(r",\s+(?:and|but|yet)\s+(?:in|on|last|then|later|earlier)\b")


def between_breaks(s: str, start: int, end: int) -> str:
    """The text from the clause break before `start` to the one after `end` (commas do not break)."""
    stop = lx.CLAUSE_BREAK.search(s, end)
    return s[clause_start(s, start): stop.start() if stop else len(s)]


def clause_around(s: str, start: int, end: int) -> str:
    left = clause_before(s, start)
    right = s[end:]
    stop = lx.CLAUSE_BREAK.search(right)
    return left + s[start:end] + (right[: stop.start()] if stop else right)


def date_for(dated, story: Narrative, index: int) -> tuple[DateSpan | None, str]:
    if dated and not (dated[0][1].precision == "recent" and story.last_date is not None and
                      index - story.last_date_index <= 2):
        return dated[0][1], dated[0][2]
    if story.last_date is not None and index - story.last_date_index <= 2:
        return story.last_date, "narrative"
    if story.published is None:
        return None, "missing"
    return DateSpan(story.published - dt.timedelta(days=RECENT_DAYS), story.published, "recent"), "assumed_recent"


def current_scene(story: Narrative, index: int):
    if story.scene and index - story.scene[3] <= SCENE_SENTENCES:
        return story.scene
    return None


def continue_events(sentence: Sentence, story: Narrative, tolls: list[Toll] | None = None,
                     types: list[str | None] | None = None, places: list[PlaceMatch] = ()) -> bool:
    """Details in a sentence that opens no event belong to the event the narrative is on; its tolls only when it
    names no other town (`places`: the towns it names, "Seven people died in a bus crash in Lyon")."""
    if not story.events:
        return False
    current = story.events[-1]
    if sentence.index - current.sentence.index > CONTINUATION_SENTENCES or \
            sentence.paragraph - current.sentence.paragraph > 1:
        return False
    s = sentence.text
    tolls = find_tolls(s) if tolls is None else tolls
    if tolls and (lx.toll_aggregate(s) or dated_apart(s, story.published, current.date)):
        # "3,000 people have died in the war since 2014", "a bombing in the capital in March 2012 killed 9": not the
        # toll of the attack just told
        tolls = []
    targets = [e for e in story.events[-2:]] if lx.BOTH.search(s) else [current]
    for event in targets:
        if event.kind != "attack":
            continue
        before = (event.killed, event.injured, event.perpetrator, event.attribution)
        here = event.place.name if event.place is not None else None
        for toll in tolls if not any(p.place.name not in (None, here) for p in places) else ():
            set_toll(event, toll)
        for attack_type in [*(types or []), *types_in(s)]:
            if attack_type and attack_type not in event.attack_types:
                event.attack_types.append(attack_type)
        attribute_in_sentence(event, s, story, continuation=True)
        after = (event.killed, event.injured, event.perpetrator, event.attribution)
        event.support += [f"{name}@{sentence.index}:continuation"
                          for name, old, new in zip(("killed", "injured", "perpetrator", "attribution"), before, after,
                                                    strict=True) if old is not new and name != "attribution"]
    return True


def set_toll(mention: Mention, toll: Toll) -> None:
    attr = "killed" if toll.role == "killed" else "injured"
    had = getattr(mention, attr)
    # "Dozens of soldiers were killed ..." then "At least 44 soldiers died": a count replaces a word for many
    if had is None or had.qualifier == "vague" and toll.quantity.qualifier != "vague":
        setattr(mention, attr, toll.quantity)


_TYPE_CUES = [
    (re.compile(r"\bsuicide (?:bomber|attacker|vest|belt)s?\b|\bblew (?:himself|themselves) up\b", re.I),
     "suicide_bombing"),
    (re.compile(r"\bgunm[ae]n\b|\bgunfire\b|\bassault rifles?\b|\bKalashnikov", re.I), "shooting"),
    (re.compile(r"\bknife\b|\bslashed\b|\bstabbed\b|\bthroat\b", re.I), "stabbing"),
    (re.compile(r"\b(?:plane|airliner|aircraft|jet)\b", re.I), "aircraft_bombing"),
]


def types_in(s: str) -> list[str]:
    found = [name for pattern, name in _TYPE_CUES if pattern.search(s)]
    if "aircraft_bombing" in found and not re.search(r"bomb|blow|blew|explo|downed|brought down", s, re.I):
        found.remove("aircraft_bombing")
    return found


def around_place(s: str, match: PlaceMatch, settlement: re.Pattern) -> Place:
    """ "a town south of Baghdad", "villages near Mosul": an unnamed place in the named place's country."""
    before = s[: match.start]
    around = lx.AROUND_PLACE_BEFORE.search(before) if match.place.precision in ("city", "landmark") else None
    # the settlement is named before the bearing: "near the town of Tarmiyah" is Tarmiyah itself
    if around and settlement.search(before, max(0, around.start() - 70), around.start()):
        return Place(None, match.place.country, None, None, "region")
    return match.place


# "gunmen from the group stormed Kabul University": an act between the origin and the place (not "bombed-out")
_ACT_AFTER_ORIGIN = re.compile(r"\b(?:stormed|attacked|struck|bombed|raided|hit|targeted|killed|shot|seized|ambushed|"
                               r"overran)\s", re.I)
_IN_GROUP_NAME_BEFORE = re.compile(r"\bIslamic State (?:of|in) (?:Iraq and (?:the )?)?$")


def eligible_place(s: str, m: PlaceMatch) -> bool:
    before = s[max(0, m.start - 60): m.start]
    if s[m.end: m.end + 6] in ("-based", "–based"):
        return False   # "a London-based monitoring group": where a body sits, not where the event was
    if lx.OWNER_AFTER.match(s[m.end: m.end + 40]):
        return False   # "identified by Chechnya's leader": the leader's country, not the place of the event
    if m.place.precision == "city" and lx.GOVERNMENT_ACTS_AFTER.match(s, m.end) and \
            default_gazetteer().is_capital(m.place):
        return False   # "Moscow later concluded that a bomb ...": the government, not the place of the event
    if (m.place.precision == "country" or m.surface.lower() == "al-sham") and _IN_GROUP_NAME_BEFORE.search(before):
        return False   # "killed by the Islamic State in Iraq and Syria": the group's full name, not a place
    origin = lx.ORIGIN_BEFORE.search(before)
    if origin and not lx.FROM_EVENT_BEFORE.search(s, max(0, m.start - 90), m.start) and \
            not _ACT_AFTER_ORIGIN.search(before, origin.start()):
        # (the verb may stand further back: "driven the Islamic State from the remaining districts of"; and "gunmen
        # from the group stormed Kabul University" name where they struck, after an act)
        return False
    if lx.HOME_TOWN_BEFORE.search(before) or lx.HOME_TOWN_AFTER.match(s[m.end: m.end + 30]):
        return False   # "Peter Kassig, of Indianapolis, was beheaded in Syria": the victim's home, not the place
    if m.how == "demonym" and (lx.SURNAME_BEFORE.search(s[max(0, m.start - 30): m.start]) or
                               lx.SURNAME_AFTER.match(s[m.end:])):
        return False   # "Najib Danish, interior ministry spokesperson": a person, not Denmark
    # "Murphy said", "Sen. Kaine", "James Foley": a person who shares a town's name
    return not (m.place.precision == "city" and " " not in m.surface and (
        lx.PERSON_AFTER.match(s[m.end:]) or lx.PERSON_BEFORE.search(before) or lx.GIVEN_NAME_BEFORE.search(before)))


def dedupe(items) -> list:
    seen: list = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def with_landmarks(s: str, found: list[PlaceMatch], gazetteer) -> list[PlaceMatch]:
    """Famous targets stand for their town ("the Charlie Hebdo attack", "the Bataclan"): added where the
    gazetteer named no place."""
    if not lx.LANDMARK_TARGET.search(s):
        return found
    extra = []
    for m in lx.LANDMARK_TARGET.finditer(s):
        if any(p.start < m.end() and m.start() < p.end for p in found):
            continue
        place = gazetteer.lookup(lx.LANDMARK_TOWNS[lx.name_key_of(m.group(0))])
        if place is not None:
            extra.append(PlaceMatch(m.start(), m.end(), m.group(0), place, "alias"))
    return sorted(found + extra, key=lambda p: p.start) if extra else found
