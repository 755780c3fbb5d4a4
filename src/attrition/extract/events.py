"""Event mentions from one article: attacks and territorial losses, each tied to its sentence.

The extractor reads an article as a narrative, sentence by sentence:

1. a cheap gate (lexicon.ANY_TRIGGER) skips articles and sentences that cannot hold an event;
2. trigger words open candidate events; a candidate survives only if it is reported as having
   happened (not planned, feared, negated, hypothetical or a military strike on ISIS) and has a
   place, either in its own clause or from the sentence that set the scene just before it;
3. dates are resolved against the publication date or the previous event in the narrative;
4. sentences that add detail without opening an event ("The victim toll was zero in both
   places", "ISIS claimed responsibility for that atrocity") update the event they continue;
5. mentions of the same event inside one article are merged, keeping the most precise values.

Every field left null carries a reason in `null_reasons`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from attrition.extract import attribution, frames, trace
from attrition.extract import lexicon as lx
from attrition.extract.dates import DateSpan, find_dates, resolve
from attrition.extract.numbers import Quantity, Toll, find_tolls
from attrition.extract.places import Place, PlaceMatch, default_gazetteer, person_surnames
from attrition.extract.sentences import Sentence, split_sentences

EXTRACTOR_VERSION = "0.9.0"
RECENT_DAYS = 30            # an undated past event in a news report: assumed within a month before publication
CONTINUATION_SENTENCES = 4  # how far a detail sentence may sit from the event it continues
SAID_DAYS = 3               # "officials said Sunday": the event happened up to this many days before
SCENE_SENTENCES = 2         # how long a sentence naming a place and a date sets the scene
CLUSTER_CHARS = 90          # attack words this close, in one clause, describe one attack
MAX_VAGUE_KILL_TOLL = 100   # "killed hundreds" without an attack word: a war or a regime, not an attack
MAX_BARE_KILL_TOLL = 1000   # from this on, "killed" without an attack word counts a war, not an attack
ISIS_ABROAD_FROM = dt.date(2013, 4, 1)   # the Islamic State of Iraq became ISIS, and acted in Syria
LOSS_ERA_START = dt.date(2014, 1, 1)    # ISIS held towns from January 2014: an undated loss came later
PRECISION_RANK = {"landmark": 0, "city": 0, "region": 1, "country": 2, None: 3}


@dataclass
class Mention:
    kind: str                       # "attack" | "territorial_loss"
    sentence: Sentence
    rule: str
    place: Place | None = None
    place_surface: str | None = None
    date: DateSpan | None = None
    date_how: str = "missing"       # explicit | relative | narrative | scene | assumed_recent | missing
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
class _Narrative:
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


def extract_mentions(text: str, published: dt.date | None, title: str | None = None) -> list[Mention]:
    """Every attack and territorial loss the article reports, merged per event."""
    low = lx.lower(text)
    if low is None:   # lower case would shift offsets: search the text itself
        low, trigger_re, detail_re = text, lx.ANY_TRIGGER, lx.DETAIL_CUE
    else:
        trigger_re, detail_re = lx.ANY_TRIGGER_LC, lx.DETAIL_CUE_LC
    if not trigger_re.search(low):
        return []
    if "MORE" in text:
        text = _blank_sidebars(text)
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    triggered = {bisect_right(starts, m.start()) - 1 for m in trigger_re.finditer(low)}
    # a sentence that opens no event matters only as the scene of a trigger sentence just after it, or as
    # detail for the event before it: dates and places are read only where they can matter
    near_trigger = {i - k for i in triggered for k in range(SCENE_SENTENCES + 1)}
    gazetteer = default_gazetteer()
    about_isis = lx.mentions_isis(title or "") or len(lx.isis_mentions(text)) >= 2
    story = _Narrative(published, about_isis, person_surnames(text), text=text, sentences=sentences,
                       title=title or "")
    for sentence in sentences:
        i = sentence.index
        if i in near_trigger:
            has_trigger = i in triggered
            detail = has_trigger or bool(detail_re.search(low, sentence.start, sentence.end))
            _read_sentence(sentence, story, gazetteer, has_trigger, detail)
        elif story.events and i - story.events[-1].sentence.index <= CONTINUATION_SENTENCES and \
                detail_re.search(low, sentence.start, sentence.end):
            _continue_events(sentence, story)
    merged = merge_within_article(story.events)
    for mention in merged:
        if mention.perpetrator == "ISIS" and _before_isis(mention):
            mention.perpetrator, mention.attribution, mention.claimed = None, None, None
    if any(m.kind == "attack" for m in merged):
        links = attribution.article_links(sentences, title or "", gazetteer, story.countries, story.people)
        attribution.apply_links(merged, links, _before_isis)
        frames.complete(merged, sentences, title or "", published, gazetteer, story.countries, story.people)
    return merged


_SIDEBAR = re.compile(r"(?<=[a-z]{3})(?=[A-Z0-9])[^\n]{0,700}? MORE\b(?: \([A-Z]-[\w.]+\))?")


def _blank_sidebars(text: str) -> str:
    """Headlines a news site links after a politician's name ("Cory Anthony Booker2020 Democrats push for gun
    control ... before El Paso shooting ... MORE"): blanked, keeping every offset, so they report nothing."""
    return _SIDEBAR.sub(lambda m: " " * len(m.group(0)), text)


def _before_isis(mention: Mention) -> bool:
    """An attack dated before the Islamic State acted outside Iraq cannot be its attack (Hezbollah in the
    1980s, 9/11, Fort Hood in 2009), however ISIS-heavy the article."""
    return mention.date is not None and mention.date.end < ISIS_ABROAD_FROM and mention.country != "IQ"


def _read_sentence(sentence: Sentence, story: _Narrative, gazetteer, has_trigger: bool, detail: bool) -> None:
    s = sentence.text
    trace.at(sentence.index)
    date_exprs = find_dates(s)
    if not detail and not date_exprs:
        return
    if has_trigger and _caption(sentence, story):
        trace.dropped("sentence", s[:60], "photo_caption")
        return   # "Iraqi families fled ISIS attacks ... (Photo: AP)": a picture's description, not a report
    found = gazetteer.find(s, countries=story.countries, people=story.people)
    if has_trigger:
        found = _with_landmarks(s, found, gazetteer)
        story.named_here = found
    named = {m.place.country for m in found if m.place.precision in ("country", "region") and m.place.country}
    if not named <= story.countries:
        story.countries = story.countries | named
    places = [m for m in found if _eligible_place(s, m)]
    dated = _resolve_dates(date_exprs, story, s)
    opened = _open_events(sentence, places, dated, story) if has_trigger else []
    if opened:
        for mention in opened:
            story.events.append(mention)
        for mention in opened:
            if mention.date_how not in ("assumed_recent", "missing"):
                story.last_date, story.last_date_index = mention.date, sentence.index
        story.scene = None
        return
    if detail:
        _continue_events(sentence, story)
    if dated and places:
        local = [p for p in places if p.place.precision != "country"]
        if 0 < len(local) <= 2:
            span, how = dated[0][1], dated[0][2]
            story.scene = (local[0], span, how, sentence.index)
            story.last_date, story.last_date_index = span, sentence.index


def _caption(sentence: Sentence, story: _Narrative) -> bool:
    if lx.CAPTION.search(sentence.text):
        return True
    return bool(story.text) and bool(lx.CAPTION_AFTER.match(story.text[sentence.end: sentence.end + 40]))


_STATEMENT_OPENING = re.compile(r"(?:^|[;:]\s*)(?:[Oo]n\s+|[Ll]ate\s+|[Ee]arly\s+)?$")


def _resolve_dates(exprs, story: _Narrative, s: str = "") -> list[tuple[int, DateSpan, str, int]]:
    """(offset, span, how, end offset) for every expression that resolves; a date beside a speech verb ("said Sunday",
    "on Thursday, officials said") dates the statement, so it comes after the dates of the events."""
    out, said = [], []
    for expr in exprs:
        previous = story.last_date
        span = resolve(expr, story.published, previous)
        if span is None:
            continue
        how = {"absolute": "explicit", "publication": "relative", "previous": "narrative"}[expr.anchor]
        if s and span.precision == "day" and (lx.SPEECH_BEFORE_DATE.search(s[max(0, expr.start - 40): expr.start])
                                              or _STATEMENT_OPENING.search(s[: expr.start]) and
                                              lx.SPEECH_AFTER_DATE.match(s[expr.end: expr.end + 60])):
            # the event happened on or shortly before the day it was reported
            said.append((expr.start, DateSpan(span.start - dt.timedelta(days=SAID_DAYS), span.end, "recent"), how,
                         expr.end))
        else:
            out.append((expr.start, span, how, expr.end))
    return out + said


# --- opening events ------------------------------------------------------------------------------


@dataclass
class _Trigger:
    kind: str
    start: int
    end: int
    attack_type: str | None
    number: str          # "one" | "many" | "verb" | "kill" | "loss"
    rule: str
    place_after: PlaceMatch | None = None   # losses: the object place


def _open_events(sentence: Sentence, places: list[PlaceMatch], dated, story: _Narrative) -> list[Mention]:
    s = sentence.text
    triggers = _attack_triggers(s, places) + _loss_triggers(s, places, story)
    if not triggers:
        return []
    tolls = find_tolls(s)
    mentions: list[Mention] = []
    used_places: set[int] = {t.place_after.start for t in triggers if t.place_after}
    groups = _cluster(s, [t for t in triggers if t.kind == "attack"])
    owners = _toll_owners(s, groups, tolls, places)
    for gi, group in enumerate(groups):
        own_tolls = [t for t, owner in zip(tolls, owners, strict=True) if not owner or gi in owner]
        mention = _attack_from(sentence, group, places, used_places, own_tolls, dated, story)
        if mention:
            mentions.append(mention)
    for trigger in (t for t in triggers if t.kind == "territorial_loss"):
        # "retook the villages of Siha, Mazraat al-Rahim and Ajil": one loss per place listed
        for target in _listed(places, trigger.place_after, s):
            loss = _loss_from(sentence, replace(trigger, place_after=target), places, dated, story)
            if loss:
                mentions.append(loss)
    return mentions


def _listed(places: list[PlaceMatch], first: PlaceMatch, s: str) -> list[PlaceMatch]:
    """The place, and the places listed after it ("Fallujah, Ramadi and Tikrit")."""
    listed = [first]
    for p in places:
        if p.start >= listed[-1].end and p.place.precision not in ("country", "region"):
            if not _LIST_GAP.match(s[listed[-1].end: p.start]):
                break
            listed.append(p)
    return listed


def _attack_triggers(s: str, places: list[PlaceMatch]) -> list[_Trigger]:
    found: list[_Trigger] = []
    taken: list[tuple[int, int]] = []
    low = lx.lower(s)
    patterns, text = (lx.ATTACK_TRIGGERS, s) if low is None else (lx.ATTACK_TRIGGERS_LC, low)
    contains = text.__contains__
    for (pattern, attack_type, pattern_number), literals in zip(patterns, lx.ATTACK_TRIGGER_LITERALS, strict=True):
        if low is not None and literals is not None and not any(map(contains, literals)):
            continue   # none of the words this trigger needs: skip its regex (see prefilter.py)
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            number = pattern_number
            if number == "one" and m.group(0).lower().endswith("s"):
                number = "many"   # "bombings", "explosions": plural nouns name a category until specified
            guard = _is_not_an_attack(s, m.start(), m.end(), number)
            if guard is None and attack_type is None and number != "kill" and not _violent(s, m.start(), m.end()) \
                    and not _DATED_AT_PLACE.match(s, m.end()) or guard is None and _DATED_AT_PLACE.match(s, m.end()) \
                    and lx.POLITICAL_TARGET.match(s[m.end():]):
                guard = "not_violent"   # "attacks on Democrats", "a blistering attack": not violence
            if guard is None and text[m.start(): m.start() + 6] in ("execut", "Execut") and \
                    not lx.MILITANT_CONTEXT.search(s):
                guard = "state_execution"   # "Saudi Arabia executed 47 people": a state's death penalty
            if guard is None and text[m.start(): m.end()] in ("exploded", "Exploded") and \
                    not lx.EXPLODED_SUBJECT.search(s, max(0, m.start() - 60), m.start()):
                guard = "figurative_explosion"   # "commentators exploded": only a device explodes
            if guard is not None:
                trace.dropped("attack", m.group(0), guard)
                continue
            found.append(_Trigger("attack", m.start(), m.end(), attack_type, number, f"attack.{number}"))
    return sorted(found, key=lambda t: t.start)


# "the attack in New York City on Tuesday": an attack word placed and dated reports an event, violent words or not
_DATED_AT_PLACE = re.compile(
    r"\s+(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,4}(?:on\s+|last\s+)(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")


def _is_not_an_attack(s: str, start: int, end: int, number: str) -> str | None:
    """The name of the guard that says the trigger is no attack, or None."""
    window = s[max(0, start - 60): end + 60]
    if lx.NOT_AN_ATTACK.search(window):
        return "not_an_attack"
    if lx.ATTACK_ON_ISIS.search(s[start: end + 40]):
        return "attack_on_isis"
    if lx.mentions_isis(s) and (lx.ISIS_VICTIM_AFTER.match(s[end: end + 90]) or lx.ISIS_KILLED.search(s)):
        return "isis_as_target"   # "the killing of a top Islamic State commander", "IS leaders were killed"
    # "the air force bombed a convoy ..., killing 40": a participle's doer is the main clause's, further back
    reach = 130 if number == "kill" and s[start: end].lower().endswith("ing") else 50
    if lx.STATE_AGENT.search(s[max(0, start - reach): end + 50]):
        return "state_agent"
    if s[start: start + 4].lower() in ("shot", "kill") and lx.SELF_INFLICTED_AFTER.match(s[end: end + 40]):
        return "self_inflicted"   # "shot and killed himself": the gunman's suicide, not another attack
    if number == "kill":
        clause = _clause_around(s, start, end)
        if lx.NOT_VIOLENCE.search(s):
            return "not_violence"   # a fire, a crash or a disease killed them
        tolls = find_tolls(clause)
        if not tolls:
            return "kill_without_victims"   # "killed" is an attack only when victims are counted
        if all(t.quantity.best is not None and (t.quantity.best >= MAX_BARE_KILL_TOLL or t.quantity.qualifier == "vague"
               and t.quantity.best >= MAX_VAGUE_KILL_TOLL) for t in tolls):
            return "war_toll"   # "killing thousands of", "killed hundreds": a war or a regime's toll, not one attack
    if lx.POLICE.search(s) and lx.SHOOTING_OF_NAMED.search(window) and not lx.ATTACKER_NAMED.search(s):
        return "police_shooting"   # "the fatal shooting of Mr. Crutcher" in a sentence about the police
    if lx.BATTLE.search(_clause_around(s, start, end)[:200]) and number in ("verb", "many") and \
            lx.BATTLE.search(window):
        return "battle"   # attacks in a battle or a siege are fighting, not terrorist attacks
    if _hypothetical(s, start):
        return "hypothetical"
    return "modal_after" if lx.MODAL_AFTER.match(s[end:]) else None


def _generic(s: str, group: list[_Trigger]) -> bool:
    """Every verb of the attack states a habit or a record: a habitual adverb, a present tense ("executes"), or a
    perfect or progressive tense ("has beheaded", "are beheading") of a kind of people ("Americans", "its captives")."""
    if any(t.number not in ("verb", "kill") for t in group):
        return False   # "the attack", "a massacre": a noun names one event
    for t in group:
        before, word = s[max(0, t.start - 60): t.start], s[t.start: t.end]
        if lx.HABITUAL_ADVERB.search(before) or word.endswith("es") and not word.endswith("ies"):
            continue
        if lx.PERFECT_BEFORE.search(before) and lx.GENERIC_OBJECT_AFTER.match(s[t.end: t.end + 60]):
            continue
        return False
    return True


def _violent(s: str, start: int, end: int) -> bool:
    """A bare attack word ("attack", "assault", "massacre") names violence only in violent company."""
    if lx.POLITICAL_TARGET.match(s[end:]):
        return False
    return bool(lx.VIOLENCE.search(s[:start]) or lx.VIOLENCE.search(s[end:]) or find_tolls(s))


def _hypothetical(s: str, start: int) -> bool:
    """Modal, future, negated or intended: look back over the clause before the trigger."""
    before = _clause_before(s, start)
    if lx.INFINITIVE.search(before) and not lx.INFINITIVE_OK.search(before):
        return True
    return bool(lx.MODAL.search(before[-70:]))


def _clause_before(s: str, start: int) -> str:
    before = s[:start]
    breaks = list(lx.CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    comma = before.rfind(",")
    # a comma after an introductory phrase still belongs to the clause; keep 40 chars beyond it
    return before[max(0, comma - 40):] if comma >= 0 else before


def _between_breaks(s: str, start: int, end: int) -> str:
    """The text from the clause break before `start` to the one after `end` (commas do not break)."""
    breaks = list(lx.CLAUSE_BREAK.finditer(s[:start]))
    left = breaks[-1].end() if breaks else 0
    stop = lx.CLAUSE_BREAK.search(s, end)
    return s[left: stop.start() if stop else len(s)]


def _clause_around(s: str, start: int, end: int) -> str:
    left = _clause_before(s, start)
    right = s[end:]
    stop = lx.CLAUSE_BREAK.search(right)
    return left + s[start:end] + (right[: stop.start()] if stop else right)


def _loss_triggers(s: str, places: list[PlaceMatch], story: _Narrative) -> list[_Trigger]:
    found = []
    isis_here = lx.mentions_isis(s)
    for m in lx.LOSS_OBJECT_TRIGGERS.finditer(s):
        verb = m.group(0)
        guard = _loss_object_guard(s, m, verb, places, isis_here, story)
        if isinstance(guard, str):
            trace.dropped("territorial_loss", verb, guard)
            continue
        found.append(_Trigger("territorial_loss", m.start(), m.end(), None, "loss", "loss.object", guard))
    for m in lx.LOSS_SUBJECT_TRIGGERS.finditer(s):
        guard = _loss_subject_guard(s, m, places, isis_here, story)
        if isinstance(guard, str):
            trace.dropped("territorial_loss", m.group(0), guard)
            continue
        found.append(_Trigger("territorial_loss", m.start(), m.end(), None, "loss", "loss.subject", guard))
    return found


def _loss_object_guard(s: str, m: re.Match, verb: str, places: list[PlaceMatch], isis_here: bool,
                       story: _Narrative) -> PlaceMatch | str:
    """The place a loss verb ("retook", "drove ... out of") takes as its object, or the guard that refuses it."""
    if lx.ONGOING.search(s[: m.start()]):
        return "ongoing"
    if _hypothetical(s, m.start()):
        return "hypothetical"
    if verb.lower().endswith(("ing", "ion of", "fall of")) and lx.LOSS_PROSPECT_BEFORE.search(s[: m.start()]):
        return "prospect"   # "the eventual retaking of Mosul", "vital for liberating Raqqa": not yet happened
    target = _first_place_after(places, m.end(), s)
    if target is None and _IT_AFTER.match(s, m.end()):
        target = _sentence_subject(places, m.start())   # "The Mosul Dam ... after they retook it"
    if target is None:
        return "no_place"
    if lx.MODAL_AFTER.match(s[target.end:]) or lx.LOSS_FUTURE_AFTER.match(s[target.end:]):
        return "future"
    if lx.OTHER_LOSER.search(s[max(0, m.start() - 40): target.end + 30]) and not (
            isis_here and lx.ISIS_LOSER.search(s)):
        return "other_loser"   # "a rebel-held area", "families were forced out of villages": not the Islamic State
    if lx.PASSIVE_LOST.search(s[: m.start()]) and verb.lower().startswith("lost"):
        return "passive_lost"   # "it was lost in Washington"
    if "," in s[m.end(): target.start]:
        return "not_its_object"   # "expelled from the group, then the G8, over the annexation of Crimea"
    driven = _DRIVEN_OBJECT.match(verb)
    if driven and driven.group(1) and not lx.ISIS_OBJECT.search(driven.group(1)):
        return "other_driven_out"   # "expelled Russia from", "forced families out of": someone else was driven out
    return target if _isis_lost(s, m, verb, isis_here, story) else "not_isis_loser"


def _loss_subject_guard(s: str, m: re.Match, places: list[PlaceMatch], isis_here: bool,
                        story: _Narrative) -> PlaceMatch | str:
    """The place before "was retaken", "fell to", or the guard that refuses it."""
    if _hypothetical(s, m.start()):
        return "hypothetical"
    target = _last_place_before(places, m.start(), s)
    if target is None:
        return "no_place"
    if not (isis_here or story.about_isis):
        return "not_about_isis"
    if m.group(0).lower() == "fell to" and lx.ISIS_GAIN.search(s[m.start(): m.end() + 30]):
        return "isis_gain"
    if lx.NEEDS_ISIS_LOSER.match(m.group(0).split()[-1]) and not lx.ISIS_LOSER.search(s):
        return "not_isis_loser"
    if lx.OTHER_LOSER.search(s[max(0, target.start - 40): m.end() + 40]) and not (
            isis_here and lx.ISIS_LOSER.search(s)):
        return "other_loser"   # "the besieged rebel-held city of Aleppo that fell to Assad's forces"
    return target


# "drove the Islamic State out of": the words between the verb and its preposition name who was driven out
_DRIVEN_OBJECT = re.compile(r"^\w+\s+(.+?)\s+(?:out of|(?:away |back )?from)$", re.I)


def _isis_lost(s: str, m: re.Match, verb: str, isis_here: bool, story: _Narrative) -> bool:
    lowered = verb.lower()
    if lx.ISIS_GAIN.search(s[max(0, m.start() - 40): m.end()]):
        return False
    if lowered.startswith(("lost", "losing")):
        # ISIS (or "it", "they" in an article about ISIS) must be the one losing
        return isis_here and lx.mentions_isis(s[: m.start()]) or story.about_isis and bool(
            re.search(r"\b(?:it|they|the group|the militants|the jihadists|"
                      r"the (?:[\w-]+ )?(?:branch|affiliate|franchise))\b[^,;]{0,30}$", s[: m.start()], re.I))
    if lx.NEEDS_ISIS_LOSER.match(lowered):
        return bool(lx.ISIS_LOSER.search(s[m.start():]))
    return isis_here or story.about_isis


def _first_place_after(places: list[PlaceMatch], offset: int, s: str) -> PlaceMatch | None:
    """The object of a loss verb: the first named place below country level within 80 characters, or ground
    in a country or a region ("two towns in northern Iraq")."""
    for p in places:
        if p.start >= offset and p.start - offset <= 80 and p.place.precision in ("country", "region") and \
                lx.GROUND_IN_COUNTRY.match(s, offset, p.start):
            return p
        if p.start >= offset and p.start - offset <= 80 and p.place.precision != "country":
            gap = s[offset: p.start]
            if lx.CLAUSE_BREAK.search(gap):
                return None
            located = re.search(r"\s(?:in|at)\s+(?:the\s+)?(?:(?:state|city|town|province) of\s+)?$", gap)
            if located and gap[: located.start()].strip() and not lx.AROUND_GROUND.search(gap[: located.start()]):
                return None   # "regained a double-digit lead in Iowa": the object is the lead, not the place
            return p
    return None


def _last_place_before(places: list[PlaceMatch], offset: int, s: str) -> PlaceMatch | None:
    before = [p for p in places if p.end <= offset and p.place.precision != "country" and (
        offset - p.end <= 40 or _APPOSITION.fullmatch(s, p.end, offset) or
        _RELATIVE_CLAUSE.fullmatch(s, p.end, offset))]
    return before[-1] if before else None


_IT_AFTER = re.compile(r"\s+it\b")
# "Mosul Dam, which had been in control of ISIS but was recently reclaimed": the place, then its relative clause
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|that)\s+[^;.,]{0,80}?\s+(?:but|and)\s+(?:\w+\s+)?")


def _sentence_subject(places: list[PlaceMatch], before: int) -> PlaceMatch | None:
    """The place the sentence opens with, which a pronoun after the verb stands for."""
    first = next((p for p in places if p.place.precision not in ("country", "region")), None)
    return first if first is not None and first.start <= 12 and first.end <= before else None


# "Raqqa, the last stronghold of the Islamic State in Syria, fell": the place, then a phrase about it
_APPOSITION = re.compile(r",\s+(?:the|its|a|an)\s+[^,;.()]{0,90},\s+(?:\w+\s+)?")


_RELATIVE_GAP = re.compile(r",?\s+(?:which|that)\s+(?:\w+\s+){0,2}")   # "the attacks, which killed": one event


# "the deadliest shooting since the massacre at ...": two events, not one
_OTHER_EVENT_GAP = re.compile(r"\b(?:since|than|like|after|before|following|recalling|another|second)\b", re.I)


def _cluster(s: str, triggers: list[_Trigger]) -> list[list[_Trigger]]:
    """Attack words close together in one clause describe one attack."""
    groups: list[list[_Trigger]] = []
    for t in triggers:
        if groups:
            last = groups[-1][-1]
            gap = s[last.end: t.start]
            one_clause = (not lx.CLAUSE_BREAK.search(gap) or _RELATIVE_GAP.fullmatch(gap)) and \
                not _OTHER_EVENT_GAP.search(gap)
            if t.start - last.end <= CLUSTER_CHARS and one_clause:
                groups[-1].append(t)
                continue
        groups.append([t])
    return groups


def _attack_from(sentence: Sentence, group: list[_Trigger], places: list[PlaceMatch], used: set[int],
                 tolls: list[Toll], dated, story: _Narrative) -> Mention | None:
    s = sentence.text
    start, end = group[0].start, group[-1].end
    candidates = [p for p in places if p.start not in used and not _nationality_modifier(s, p) and
                  _locates_attack(s, p) and not lx.SPEAKER_PLACE_BEFORE.search(s, max(0, p.start - 50), p.start)]
    place = _attack_place(s, start, end, candidates)
    local_tolls = [t for t in tolls if _nearest_trigger_owner(t, group, s)]
    own = _own_date(s, start, end, dated)
    first = own or _nearest_date(s, start, end, dated)
    date, how = _date_for([first, *(d for d in dated if d is not first)] if first else dated, story, sentence.index)
    year = next(filter(None, (_year_of_event(s, t.start, story.published) for t in group)), None)
    near = None if own else _days_from(s, start, dated, story.published) or _weeks_before(s, start, dated, story)
    if year is not None:
        date, how = year, "explicit"   # "the 2015 Paris attacks": a past event, in its own year
    elif near is not None:
        date, how = near   # "this week, a day before the Parsons Green bomb": within days of the sentence's date
    elif not dated and local_tolls and story.published is not None and _JUST_AFTER.search(s, 0, start):
        # "the morning after the attack that killed 41": a fresh event, reported within days of it
        date, how = DateSpan(story.published - dt.timedelta(days=SAID_DAYS), story.published, "recent"), "relative"
    elif _background_reference(s, start, end, own, bool(dated) and bool(local_tolls)):
        # "since the Paris attacks", "after the Orlando shooting": an event the sentence looks back to without
        # a date; it is not reported here, and may only add detail to the event the narrative is on
        _continue_events(sentence, story, tolls=[], types=[t.attack_type for t in group])
        return _drop(group, s, "background_reference")
    numbers = {t.number for t in group}
    if numbers & {"kill", "verb", "many"} and lx.STATISTICS.search(s) and \
            not any(d[1].precision == "day" for d in dated):
        # "killed more than 11,000 people in 2015, FBI data show": a tally, not an attack
        return _drop(group, s, "statistics")
    if how in ("assumed_recent", "missing") and year is None and \
            lx.RETROSPECTIVE.search(_clause_around(s, start, end)):
        # "had been shot", "ISIS has already killed": a past event recalled without a date is not news here
        _continue_events(sentence, story, tolls=[], types=[t.attack_type for t in group])
        return _drop(group, s, "retrospective")
    if not local_tolls and own is None and year is None and near is None and _generic(s, group):
        # "ISIS has beheaded Americans", "militants routinely execute prisoners": a habit, not an event
        return _drop(group, s, "generic")
    specific = bool(local_tolls) or year is not None or how in ("explicit", "relative", "narrative") and dated
    if numbers <= {"many"} and not specific:
        return _drop(group, s, "category")   # "attacks on civilians": a category, not a report of one attack
    listed = [p for p in candidates if abs(p.start - end) < 120 and p.place.precision != "country"]
    if numbers <= {"many"} and len(listed) >= 3:
        # "atrocities in such places as Paris, Brussels, Berlin": an allusion, not a report
        return _drop(group, s, "list_allusion")
    scene = _scene(story, sentence.index)
    verb_form = any(_VERB_FORM.search(s[t.start: t.end]) for t in group)   # "attacked", not "the attack"
    borrowed = False
    if place is None or place.place.precision == "country":
        recent = None if scene or not (local_tolls or own) else _recent_place(
            sentence, story, date if how not in ("assumed_recent", "missing") else None)
        if scene and (place is None or scene[0].place.country == place.place.country):
            place = scene[0]
            if not dated and scene[1] is not None:
                date, how = scene[1], "scene"
        elif recent and (place is None or recent.place.country == place.place.country):
            place, borrowed = recent, True
        elif place is None:
            _continue_events(sentence, story, tolls=tolls, types=[t.attack_type for t in group])
            return _drop(group, s, "no_place")
    if place.place.precision == "country" and numbers <= {"many"} and not local_tolls:
        return _drop(group, s, "country_category")   # "terrorist attacks in Britain": no single event
    if place.place.precision in ("country", "region") and not local_tolls and not dated and \
            lx.CATEGORY_BEFORE.search(s[:start]):
        return _drop(group, s, "category_before")   # "after every mass shooting in the US": a kind of event, not one
    if not local_tolls and not own and near is None and year is None and (not dated or not verb_form) and \
            lx.BACK_REFERENCE.search(s[:start]):
        # "the Benghazi attack", "since the Charleston shooting": a reference to an event the article
        # does not report itself (a date elsewhere in the sentence is the statement's); it may only add
        # detail to the event the narrative is on
        _continue_events(sentence, story, tolls=[], types=[t.attack_type for t in group])
        return _drop(group, s, "back_reference")
    local_tolls = [t for t in local_tolls if not _toll_of_other_place(s, t, place, places)]
    mention = Mention("attack", sentence, group[0].rule,
                      place=place.place if borrowed else _around(s, place, lx.AROUND_SETTLEMENT),
                      place_surface=place.surface, date=date, date_how=how, trigger_at=start)
    mention.attack_types = _dedupe(t.attack_type for t in group if t.attack_type)
    # type cues ("gunmen", "suicide bombers") of this attack's clause, not of another event in the sentence
    mention.attack_types += [t for t in _types_in(_between_breaks(s, start, end)) if t not in mention.attack_types]
    for toll in local_tolls:
        _set_toll(mention, toll)
    _attribute(mention, s, story)
    trace.kept("attack", s[start:end], mention.rule)
    return mention


def _drop(group: list[_Trigger], s: str, guard: str) -> None:
    """A candidate attack that a guard turned down: nothing, recorded when tracing."""
    trace.dropped("attack", s[group[0].start: group[-1].end], guard)


_DATE_OF_OTHER_BEFORE = re.compile(r"\b(?:since|until|till|by|from|through)\s+(?:the\s+)?$", re.I)


def _nearest_date(s: str, start: int, end: int, dated) -> tuple | None:
    """Of several dates in a sentence, the one nearest the attack's words ("met Saturday, and again on Sunday,
    after a gunman killed two"): the sentence's first date may belong to something else; statement dates
    ("said Sunday") and the bounds of a period ("since January") do not date the attack."""
    best, best_gap = None, None
    for d in dated:
        offset, span, _, date_end = d
        if span.precision == "recent" or _DATE_OF_OTHER_BEFORE.search(s, max(0, offset - 14), offset) or \
                _RELATION_END.search(s[offset:date_end]):
            continue
        gap = start - date_end if date_end <= start else offset - end
        if best_gap is None or max(gap, 0) < best_gap:
            best, best_gap = d, max(gap, 0)
    return best


def _recent_place(sentence: Sentence, story: _Narrative, date: DateSpan | None) -> PlaceMatch | None:
    """The one town the narrative just named ("Police said a gunman opened fire at the station." after "A police
    station in Lyon was sealed off."): the sentence before, in its paragraph or the one before it, or for the
    article's lead the headline. Two towns there leave the place open."""
    gazetteer = default_gazetteer()
    # only a sentence about the violence sets its scene ("a gunman burst into a bar in Lyon"), not one that
    # names a town for another reason ("the mayor of Aurora spoke")
    sources = [(story.sentences[i].text, i) for i in range(sentence.index - 1, max(-1, sentence.index - 3), -1)
               if sentence.paragraph - story.sentences[i].paragraph <= 1 and
               lx.ANY_TRIGGER.search(story.sentences[i].text)]
    if sentence.index <= 1 and story.title and lx.ANY_TRIGGER.search(story.title):
        sources.append((story.title, -1))   # "Latest on the Paris attacks": the lead's event is the headline's
    for text, index in sources:
        found = _with_landmarks(text, gazetteer.find(text, countries=story.countries, people=story.people), gazetteer)
        local = [m for m in found if m.place.precision in ("city", "landmark") and m.place.name and
                 not m.surface.isupper() and _eligible_place(text, m) and
                 not lx.SPEAKER_PLACE_BEFORE.search(text, max(0, m.start - 50), m.start)]   # not a dateline
        names = {m.place.name for m in local}
        if len(names) > 1:
            return None
        if names:
            place = local[0].place
            # a place of the sentence's own, even one that cannot be the attack's ("travel to Boston for a
            # memorial"), must be that town or its country: else the sentence is about somewhere else
            fits = all(m.place.name == place.name or m.place.precision in ("country", "region") and
                       m.place.country == place.country for m in story.named_here)
            # the town of another event, at another time ("Pulse nightclub" in June, a massacre in October)
            other = date is not None and any(
                e.sentence.index == index and e.place is not None and e.place.name == place.name and
                e.date is not None and (e.date.end < date.start or date.end < e.date.start) for e in story.events)
            return local[0] if fits and not other else None
    return None


def _with_landmarks(s: str, found: list[PlaceMatch], gazetteer) -> list[PlaceMatch]:
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


def _toll_of_other_place(s: str, toll: Toll, place: PlaceMatch, places: list[PlaceMatch]) -> bool:
    for p in places:
        if "toll" in toll.surface.lower() and p.end <= toll.start and toll.start - p.end <= 25 and \
                p.place.name != place.place.name and \
                _TOLL_OF_PLACE_GAP.fullmatch(s, p.end, toll.start):
            return True
    return False


def _year_of_event(s: str, start: int, published: dt.date | None) -> DateSpan | None:
    """The year written inside the trigger's noun phrase ("the 2015 Paris attacks"), unless it ends a full date."""
    window_start = max(0, start - 80)
    m = lx.YEAR_OF_EVENT.search(s[window_start:start])
    if m is None:
        return None
    year = int(m.group(1))
    if published is not None and year > published.year:
        return None
    if _DATE_BEFORE_YEAR.search(s[: window_start + m.start(1)]):
        return None   # "the Sept. 11, 2012 attack", "the November 2015 attacks": find_dates reads the whole date
    return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


_DATE_BEFORE_YEAR = re.compile(r"(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|\b\d{1,2},?)\s*$")


_VERB_FORM = re.compile(r"(?:ed|ew|ook)\b", re.I)
_RELATION_END = re.compile(r"\b(?:before|after|since|following|prior to|earlier than|later than)$", re.I)


def _own_date(s: str, start: int, end: int, dated) -> tuple | None:
    """The date inside the trigger's own phrase ("the March 22 attacks", "Friday's bombing", "the attack in Brussels
    on Tuesday"), not a date of the statement around it ("testified Wednesday on the Benghazi attack", "a month
    after the school shooting")."""
    before = after = None
    for d in dated:
        offset, date_end = d[0], d[3]
        if date_end <= start and start - date_end <= 60:
            if _RELATION_END.search(s[offset:date_end]):
                continue   # "a day before the Parsons Green bomb": the date of another event, relative to this one
            gap = s[date_end:start]
            if "," not in gap and not lx.OWN_DATE_GAP_BEFORE.search(gap) and not lx.BACKGROUND_BEFORE.search(gap):
                before = d, gap
        elif end <= offset <= end + 70 and after is None and "," not in s[end:offset] and \
                not lx.OWN_DATE_GAP_AFTER.search(s[end:offset]):
            after = d
        elif start < offset and date_end <= end and after is None and "," not in s[start:offset] and \
                not lx.OWN_DATE_GAP_AFTER.search(s[start:offset]):
            after = d   # between the attack's words: "the attacks in Paris on Nov. 13 that killed 130"
    if before and (after is None or not _PREPOSITION.search(before[1])):
        return before[0]
    return after   # "charged Monday in the rampage that killed one Sunday night": Sunday


_PREPOSITION = re.compile(r"\b(?:in|at|for|with|by|from)\b")


_JUST_AFTER = re.compile(r"\b(?:(?:a|one|the)\s+(?:day|morning|night|evening|afternoon)|hours|minutes|"
                         r"(?:24|48)\s+hours)\s+after\s+(?:the|a|an|this|that)\s+(?:[\w/'’.-]+\s+){0,4}$", re.I)
_DAYS_FROM = re.compile(r"\b(?:(?:a|one|two|three|a few|several|24|48|72)\s+)?(?:days?|hours?|nights?)\s+"
                        r"(?:before|after|following)\s+(?:the|that|this)\s+(?:[\w/'’.-]+\s+){0,4}$", re.I)


def _days_from(s: str, start: int, dated, published: dt.date | None) -> tuple[DateSpan, str] | None:
    """An event a day or two from the sentence's own date ("came this week, only a day before the Parsons Green
    bomb", "on Monday, two days after the shooting"): dated by that date, shifted by a few days."""
    m = _DAYS_FROM.search(s, max(0, start - 80), start)
    if m is None or m.end() != start:
        return None
    for offset, span, how, date_end in dated:
        if date_end <= m.start() + 12 and not _RELATION_END.search(s[offset:date_end]):
            if span.precision != "day":
                return span, how
            pad = dt.timedelta(days=SAID_DAYS)
            if "before" in m.group(0).lower():
                end = span.end + pad if published is None else min(span.end + pad, max(published, span.end))
                return DateSpan(span.start, end, "recent"), how
            return DateSpan(span.start - pad, span.end, "recent"), how
    return None


_WEEKS_AFTER = re.compile(
    r"(?<!the )(?<!in )\b(a|one|two|three|four|five|six)\s+weeks?\s+after\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}$", re.I)
_WEEK_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _weeks_before(s: str, start: int, dated, story: _Narrative) -> tuple[DateSpan, str] | None:
    """ "The assault comes three weeks after a bomb attack killed 44": in an undated sentence that reports the news,
    an earlier event so many weeks before publication (give or take a few days), not the news itself."""
    m = None if dated or story.published is None else _WEEKS_AFTER.search(s, max(0, start - 60), start)
    if m is None or m.end() != start:
        return None
    day = story.published - dt.timedelta(weeks=_WEEK_COUNT[m.group(1).lower()])
    pad = dt.timedelta(days=SAID_DAYS + 1)
    return DateSpan(day - pad, day + pad, "recent"), "relative"


def _background_reference(s: str, start: int, end: int, own, dated_toll: bool) -> bool:
    """An event named in passing with no date of its own: "after the Orlando shooting", "the Paris attacks"; a date
    elsewhere in the sentence dates the sentence ("Mourners gathered Monday, a week after the Paris attacks")."""
    if own is not None:
        return False
    before = s[:start]
    if lx.BACKGROUND_BEFORE.search(before):
        return True
    return not dated_toll and bool(lx.NAMED_EVENT_BEFORE.search(before) or re.search(
        r"^The\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:[a-z-]+\s+)?$", before))


def _nationality_modifier(s: str, p: PlaceMatch) -> bool:
    """ "the U.S. consulate", "19 U.S. airmen": a nationality, not the place of the event."""
    return p.place.precision == "country" and bool(lx.NATIONALITY_MODIFIER.match(s[p.end:]))


def _locates_attack(s: str, p: PlaceMatch) -> bool:
    """A city or a region locates an attack wherever it stands; a country only after a locative word ("in Syria",
    "a Syrian town"): as a nationality, a subject or an object ("killed two Americans", "hate America") it does not."""
    return p.place.precision != "country" or bool(lx.COUNTRY_LOCATIVE_BEFORE.search(s, max(0, p.start - 40), p.start)
                                                  or lx.DEMONYM_PLACE_AFTER.match(s[p.end:]))


def _around(s: str, match: PlaceMatch, settlement: re.Pattern) -> Place:
    """ "a town south of Baghdad", "villages near Mosul": an unnamed place in the named place's country."""
    before = s[: match.start]
    if match.place.precision in ("city", "landmark") and lx.AROUND_PLACE_BEFORE.search(before) and \
            settlement.search(before[-70:]):
        return Place(None, match.place.country, None, None, "region")
    return match.place


def _attack_place(s: str, start: int, end: int, places: list[PlaceMatch]) -> PlaceMatch | None:
    """The place of the attack: the nearest place in its clause, favouring named settlements."""
    clause_start = start - len(_clause_before(s, start))
    right = s[end:]
    stop = lx.CLAUSE_BREAK.search(right)
    if stop and stop.start() <= 3 and _RELATIVE_GAP.match(right, stop.start()):
        stop = lx.CLAUSE_BREAK.search(right, stop.end())   # "the attacks, which killed 130 in Paris": the attack's own
    clause_end = end + (stop.start() if stop else len(right))
    best, best_score = None, None
    for p in places:
        if p.end < clause_start - 1 or p.start > clause_end:
            continue
        distance = start - p.end if p.end <= start else p.start - end
        before = s[: p.start]
        score = max(distance, 0) + 60 * PRECISION_RANK[p.place.precision]
        if lx.SETTLEMENT_BEFORE.search(before[-30:]):
            score -= 80
        if lx.ROUTE_BEFORE.search(before[-40:]):
            score += 200
        if best_score is None or score < best_score:
            best, best_score = p, score
    return best


def _toll_owners(s: str, groups: list[list[_Trigger]], tolls: list[Toll], places: list[PlaceMatch]) -> list[list[int]]:
    """The attacks each toll may belong to. Of several, the one whose words hold it or come last before it, when
    that one names its own place ("after the shooting in El Paso, another in Dayton left nine dead": Dayton's
    nine); without a place of its own ("the attack came in Egypt, as two bombings killed 45") it is shared."""
    owners: list[list[int]] = []
    for toll in tolls:
        fits = [gi for gi, g in enumerate(groups) if _nearest_trigger_owner(toll, g, s)]
        if len(fits) > 1:
            inside = [gi for gi in fits if groups[gi][0].start < toll.end and toll.start < groups[gi][-1].end]
            before = [gi for gi in fits if groups[gi][-1].end <= toll.start]
            nearest = (inside or before[-1:] or fits[:1])[0]
            local = _attack_place(s, groups[nearest][0].start, groups[nearest][-1].end, places)
            if local is not None and local.place.precision != "country":
                fits = [nearest]
        owners.append(fits)
    return owners


# a toll named after another place ("given Dayton's death toll", "the Pittsburgh death toll of 11"): not this attack's
_TOLL_OF_PLACE_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}")


# between an attack and a toll after it: another clause, or another attack ("another gunman left nine dead")
_TOLL_GAP_BREAK = re.compile(r"[;:]|,\s+(?:when|given)\b|\b(?:another|a second)\b")


def _nearest_trigger_owner(toll: Toll, group: list[_Trigger], s: str) -> bool:
    """A toll belongs to the attack whose words precede it in the same clause (or follow it closely)."""
    start, end = group[0].start, group[-1].end
    if start <= toll.start and toll.end <= end:
        return True   # "opened fire ..., killing 50 people ... in the deadliest mass shooting": between its words
    if toll.start >= end:
        return not _TOLL_GAP_BREAK.search(s, end, toll.start) and toll.start - end < 160
    # "the death toll was at 22, with more than 50 injured in what was a suicide bombing": a toll phrase names
    # the toll of the attack the sentence is about, a little further off
    reach = 130 if "toll" in toll.surface.lower() else 60
    return end - toll.end < reach and not lx.CLAUSE_BREAK.search(s[toll.end: start])


def _loss_from(sentence: Sentence, trigger: _Trigger, places: list[PlaceMatch], dated,
               story: _Narrative) -> Mention | None:
    s = sentence.text
    date, how = _date_for(dated, story, sentence.index)
    target = trigger.place_after
    if how in ("assumed_recent", "missing") and _recalled_loss(s, trigger, places):
        # "ISIS has already lost Fallujah, Ramadi and Tikrit", "as we have liberated Tikrit": a loss the article
        # states without a date: it happened before publication, in the Islamic State's years
        if _NOMINAL_LOSS.search(s[trigger.start: trigger.end]) or _INCLUDING.search(s[: trigger.start]):
            # "the fall of Mosul" (to ISIS, or still to come), "including retaking": not stated
            trace.dropped("territorial_loss", s[trigger.start: trigger.end], "recalled_in_passing")
            return None
        date, how = (None, "missing") if story.published is None or story.published < LOSS_ERA_START else (
            DateSpan(LOSS_ERA_START, story.published, "before"), "recalled")
    mention = Mention("territorial_loss", sentence, trigger.rule, place=_around(s, target, lx.AROUND_GROUND),
                      place_surface=target.surface, date=date, date_how=how, trigger_at=trigger.start)
    mention.captured_by = _captor(s, trigger.start)
    if mention.captured_by in ("Syrian army", "Russian forces") and not (
            lx.ISIS_LOSER.search(s) or lx.mentions_isis(_clause_around(s, trigger.start, trigger.end))):
        # the Syrian army and Russia mostly retook ground from rebels: ISIS must be the loser
        trace.dropped("territorial_loss", s[trigger.start: trigger.end], "regime_gain_from_rebels")
        return None
    trace.kept("territorial_loss", f"{s[trigger.start: trigger.end]} {target.surface}", mention.rule)
    return mention


_INCLUDING = re.compile(r"\bincluding\s+(?:the\s+)?$")
_NOMINAL_LOSS = re.compile(r"(?:ion|ing|fall) of$|^fall of", re.I)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:(?:city|town) of\s+)?$")


def _recalled_loss(s: str, trigger: _Trigger, places: list[PlaceMatch]) -> bool:
    """An undated loss that the sentence recalls rather than reports: "ISIS already has lost Fallujah, Ramadi and
    Tikrit", "as we have liberated Tikrit", "the fall of Mosul", "including retaking the one-time capital"."""
    clause = _clause_around(s, trigger.start, trigger.end)
    if lx.RETROSPECTIVE.search(clause) or lx.RETROSPECTIVE.search(s[max(0, trigger.start - 30): trigger.start]) or \
            _NOMINAL_LOSS.search(s[trigger.start: trigger.end]):
        return True
    if _INCLUDING.search(s[: trigger.start]):
        return True
    target = trigger.place_after
    if target is None:
        return False
    # a list of places lost ("both Mosul and Raqqa", "Fallujah, Ramadi, and Tikrit"): a summary of the war
    if re.search(r"\bboth\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", s[trigger.end: target.start]):
        return True
    following = [p for p in places if p.start >= target.end]
    return bool(following) and bool(_LIST_GAP.match(s[target.end: following[0].start]))


def _date_for(dated, story: _Narrative, index: int) -> tuple[DateSpan | None, str]:
    if dated and not (dated[0][1].precision == "recent" and story.last_date is not None and
                      index - story.last_date_index <= 2):
        return dated[0][1], dated[0][2]
    if story.last_date is not None and index - story.last_date_index <= 2:
        return story.last_date, "narrative"
    if story.published is None:
        return None, "missing"
    return DateSpan(story.published - dt.timedelta(days=RECENT_DAYS), story.published, "recent"), "assumed_recent"


def _scene(story: _Narrative, index: int):
    if story.scene and index - story.scene[3] <= SCENE_SENTENCES:
        return story.scene
    return None


# --- continuing events -----------------------------------------------------------------------------


def _continue_events(sentence: Sentence, story: _Narrative, tolls: list[Toll] | None = None,
                     types: list[str | None] | None = None) -> bool:
    """Details in a sentence that opens no event belong to the event the narrative is on."""
    if not story.events:
        return False
    current = story.events[-1]
    if sentence.index - current.sentence.index > CONTINUATION_SENTENCES or \
            sentence.paragraph - current.sentence.paragraph > 1:
        return False
    s = sentence.text
    tolls = find_tolls(s) if tolls is None else tolls
    targets = [e for e in story.events[-2:]] if lx.BOTH.search(s) else [current]
    for event in targets:
        if event.kind != "attack":
            continue
        before = (event.killed, event.injured, event.perpetrator, event.attribution)
        for toll in tolls:
            _set_toll(event, toll, only_if_missing=True)
        for attack_type in [*(types or []), *_types_in(s)]:
            if attack_type and attack_type not in event.attack_types:
                event.attack_types.append(attack_type)
        _attribute(event, s, story, continuation=True)
        after = (event.killed, event.injured, event.perpetrator, event.attribution)
        event.support += [f"{name}@{sentence.index}:continuation"
                          for name, old, new in zip(("killed", "injured", "perpetrator", "attribution"), before, after,
                                                    strict=True) if old is not new and name != "attribution"]
    return True


def _set_toll(mention: Mention, toll: Toll, only_if_missing: bool = False) -> None:
    attr = "killed" if toll.role == "killed" else "injured"
    if only_if_missing and getattr(mention, attr) is not None:
        return
    if getattr(mention, attr) is None:
        setattr(mention, attr, toll.quantity)


_TYPE_CUES = [
    (re.compile(r"\bsuicide (?:bomber|attacker|vest|belt)s?\b|\bblew (?:himself|themselves) up\b", re.I),
     "suicide_bombing"),
    (re.compile(r"\bgunm[ae]n\b|\bgunfire\b|\bassault rifles?\b|\bKalashnikov", re.I), "shooting"),
    (re.compile(r"\bknife\b|\bslashed\b|\bstabbed\b|\bthroat\b", re.I), "stabbing"),
    (re.compile(r"\b(?:plane|airliner|aircraft|jet)\b", re.I), "aircraft_bombing"),
]


def _types_in(s: str) -> list[str]:
    found = [name for pattern, name in _TYPE_CUES if pattern.search(s)]
    if "aircraft_bombing" in found and not re.search(r"bomb|blow|blew|explo|downed|brought down", s, re.I):
        found.remove("aircraft_bombing")
    return found


def _attribute(mention: Mention, s: str, story: _Narrative, continuation: bool = False) -> None:
    """Perpetrator and how strongly the text ties the attack to it."""
    if mention.perpetrator and mention.perpetrator != "ISIS":
        return
    other = lx.other_group(s)
    if not continuation and other and not (lx.CLAIMED.search(s) or lx.INSPIRED.search(s)):
        mention.perpetrator, mention.attribution = other, "attributed"   # "a white nationalist gunman"
        return
    role = _isis_role(s)
    if role == "context" and story.about_isis:
        if lx.CLAIMED.search(s) or lx.INSPIRED.search(s):
            role = "agent"   # "claimed on behalf of", "sworn allegiance to ISIS"
        elif mention.date_how in ("missing", "assumed_recent"):
            role = None      # "the fight against ISIS" beside an undated killing names the enemy, not the doer
        else:
            role = "suspected"
    if role in ("agent", "suspected"):
        strength = ("claimed" if lx.CLAIMED.search(s) else "inspired" if lx.INSPIRED.search(s)
                    else "suspected" if role == "suspected" or lx.SUSPECTED.search(s) else "attributed")
        if mention.perpetrator is None or _stronger(strength, mention.attribution):
            mention.perpetrator, mention.attribution = "ISIS", strength
        if strength == "claimed":
            mention.claimed = True
        return
    if continuation:
        if mention.perpetrator == "ISIS" and mention.attribution == "suspected" and not lx.mentions_isis(s) and other:
            # the next sentence names the group the article only hinted at
            mention.perpetrator, mention.attribution = other, "attributed"
            mention.claimed = True if lx.CLAIMED.search(s) else None
        return
    if other:
        mention.perpetrator, mention.attribution = other, "attributed"
        mention.claimed = True if lx.CLAIMED.search(s) else None
        return
    # an ISIS-heavy article does not make every terrorist attack it mentions an ISIS attack: attacks by other
    # groups (Charlie Hebdo, Fort Hood, the 1980s) are its background; the perpetrator stays unstated


def _isis_role(s: str) -> str | None:
    """"agent" when ISIS is named as a possible doer; "context" when only as the enemy or the yardstick
    ("the war against the Islamic State"); "onlooker" when reacting ("ISIS supporters celebrated")."""
    role = None
    for m in lx.isis_mentions(s):
        if lx.ISIS_REACTING_AFTER.match(s[m.end():]) and not lx.CLAIMED.search(s) or \
                lx.ISIS_ONLY_NAMED_BEFORE.search(s[max(0, m.start() - 30): m.start()]):
            role = role or "onlooker"
        elif lx.ISIS_NOT_AGENT_BEFORE.search(s[max(0, m.start() - 60): m.start()]):
            role = "context"
        else:
            return "agent"
    return role


_STRENGTH = {"claimed": 3, "attributed": 2, "inspired": 1, "suspected": 0, None: -1}


def _stronger(new: str, old: str | None) -> bool:
    return _STRENGTH[new] > _STRENGTH[old]


def _captor(s: str, trigger_at: int) -> str | None:
    best, best_distance = None, None
    for pattern, name in lx.CAPTORS:
        for m in pattern.finditer(s):
            distance = abs(m.start() - trigger_at)
            if best_distance is None or distance < best_distance:
                label = f"{m.group(0).split()[0]} forces" if "{0}" in name else name
                best, best_distance = label, distance
    return best


def _eligible_place(s: str, m: PlaceMatch) -> bool:
    before = s[max(0, m.start - 60): m.start]
    if s[m.end: m.end + 6] in ("-based", "–based"):
        return False   # "a London-based monitoring group": where a body sits, not where the event was
    if lx.OWNER_AFTER.match(s[m.end: m.end + 40]):
        return False   # "identified by Chechnya's leader": the leader's country, not the place of the event
    if lx.ORIGIN_BEFORE.search(before) and not lx.FROM_EVENT_BEFORE.search(before):
        return False
    if lx.HOME_TOWN_BEFORE.search(before) or lx.HOME_TOWN_AFTER.match(s[m.end: m.end + 30]):
        return False   # "Peter Kassig, of Indianapolis, was beheaded in Syria": the victim's home, not the place
    if m.how == "demonym" and (lx.SURNAME_BEFORE.search(s[max(0, m.start - 30): m.start]) or
                               lx.SURNAME_AFTER.match(s[m.end:])):
        return False   # "Najib Danish, interior ministry spokesperson": a person, not Denmark
    # "Murphy said", "Sen. Kaine", "James Foley": a person who shares a town's name
    return not (m.place.precision == "city" and " " not in m.surface and (
        lx.PERSON_AFTER.match(s[m.end:]) or lx.PERSON_BEFORE.search(before) or lx.GIVEN_NAME_BEFORE.search(before)))


def _dedupe(items) -> list:
    seen: list = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


# --- one event, many sentences ---------------------------------------------------------------------


def merge_within_article(mentions: list[Mention]) -> list[Mention]:
    """An article names the same event several times ("the Paris attacks", "the mass-murder in Paris
    this weekend"): keep one mention per event, with the most precise place, date and toll."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        for group in groups:
            if all(_same_event(mention, other) for other in group):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return _country_into_town([_combine(group) for group in groups])


def _country_into_town(mentions: list[Mention]) -> list[Mention]:
    """ "Tuesday's bombings in Belgium" and "explosions struck Brussels" in one article: an event placed only in a
    country or a region is the one event the article places in a town of that country at that time, when there is
    exactly one."""
    coarse = [m for m in mentions if m.place is not None and m.place.precision in ("country", "region")]
    if not coarse:
        return mentions
    kept = list(mentions)
    for m in coarse:
        towns = [t for t in kept if t is not m and t.kind == m.kind and t.country == m.country and t.place is not None
                 and t.place.precision in ("city", "landmark") and _overlap(t, m)]
        if len(towns) == 1:
            kept.remove(m)
            kept[kept.index(towns[0])] = _combine([towns[0], m])
    return kept


def _overlap(a: Mention, b: Mention) -> bool:
    return a.date is None or b.date is None or not (a.date.end < b.date.start or b.date.end < a.date.start)


def _same_event(a: Mention, b: Mention) -> bool:
    if a.kind != b.kind or a.country != b.country:
        return False
    if a.date and b.date and (a.date.end < b.date.start or b.date.end < a.date.start):
        return False
    if _place_key(a) == _place_key(b):
        return True
    coarse = {a.place.precision, b.place.precision} & {"country", "region"}
    return bool(coarse) and abs(a.sentence.index - b.sentence.index) <= 2


def _place_key(m: Mention) -> str | None:
    return (m.place.name or m.place.country).lower() if m.place else None


_HOW_RANK = {"explicit": 0, "relative": 0, "scene": 1, "narrative": 1, "assumed_recent": 3, "recalled": 3,
             "missing": 4}


def _combine(group: list[Mention]) -> Mention:
    if len(group) == 1:
        return group[0]

    def date_rank(m: Mention):
        width = (m.date.end - m.date.start).days if m.date else 10**6
        return (_HOW_RANK[m.date_how], width)

    primary = min(group, key=lambda m: (date_rank(m), m.killed is None, m.sentence.index))
    merged = replace(primary, attack_types=list(primary.attack_types),
                     seen_at=sorted({i for m in group for i in m.seen_at}),
                     support=[item for m in group for item in m.support])
    best_place = min(group, key=lambda m: (PRECISION_RANK[m.place.precision if m.place else None],
                                           m.sentence.index))
    merged.place, merged.place_surface = best_place.place, best_place.place_surface
    for m in sorted(group, key=lambda m: m.sentence.index):
        merged.killed = merged.killed or m.killed
        merged.injured = merged.injured or m.injured
        merged.captured_by = merged.captured_by or m.captured_by
        for attack_type in m.attack_types:
            if attack_type not in merged.attack_types:
                merged.attack_types.append(attack_type)
        if m.perpetrator and (merged.perpetrator is None or
                              m.perpetrator == "ISIS" == merged.perpetrator and _stronger(m.attribution,
                                                                                           merged.attribution)):
            merged.perpetrator, merged.attribution = m.perpetrator, m.attribution
        merged.claimed = merged.claimed or m.claimed
    return merged


def mention_id(article_id: str, mention: Mention) -> str:
    key = f"{article_id}|{mention.kind}|{mention.sentence.index}|{mention.trigger_at}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]
