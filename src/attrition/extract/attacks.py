"""Attacks: the words that open one (a bombing, "opened fire", "killed 14"), the guards that say a candidate is
no attack (a state's strike, a battle, a habit, a reference to an event the article does not report), and the
place, date, toll and type of the attack that remains. Every guard has a name, recorded when tracing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from attrition.extract import lexicon as lx
from attrition.extract import trace
from attrition.extract.attribution import attribute_in_sentence
from attrition.extract.dates import DateSpan, find_dates
from attrition.extract.frames import PRECISION_RANK
from attrition.extract.known import (
    RECALL_DAYS,
    KnownAttack,
    captives_named,
    fresh_attack_at,
    isis_attack_at,
    known_attacks,
    recalled_attack,
)
from attrition.extract.narrative import (
    CONTINUATION_SENTENCES,
    SAID_DAYS,
    Mention,
    Narrative,
    Trigger,
    around_place,
    between_breaks,
    clause_around,
    clause_before,
    clause_start,
    continue_events,
    current_scene,
    date_for,
    dedupe,
    eligible_place,
    hypothetical,
    set_toll,
    types_in,
    with_landmarks,
)
from attrition.extract.numbers import Quantity, Toll, find_tolls
from attrition.extract.places import Place, PlaceMatch, default_gazetteer
from attrition.extract.sentences import Sentence

CLUSTER_CHARS = 90          # attack words this close, in one clause, describe one attack
MAX_VAGUE_KILL_TOLL = 100   # "killed hundreds" without an attack word: a war or a regime, not an attack
MAX_BARE_KILL_TOLL = 1000   # from this on, "killed" without an attack word counts a war, not an attack


def attack_triggers(s: str, places: list[PlaceMatch], about_isis: bool = False) -> list[Trigger]:
    found: list[Trigger] = []
    taken: list[tuple[int, int]] = []
    low = lx.lower(s)
    text = s if low is None else low
    for pattern, attack_type, pattern_number in _gated_triggers(text, lowered=low is not None):
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            number = pattern_number
            if number == "one" and m.group(0).lower().endswith("s"):
                number = "many"   # "bombings", "explosions": plural nouns name a category until specified
            guard = _is_not_an_attack(s, m.start(), m.end(), number)
            destroying = guard is None and pattern_number == "verb" and \
                lx.DESTROYED_VERB.fullmatch(text, m.start(), m.end())
            site = bool(destroying) and _destroys_a_site(s, m.start(), m.end())   # (read once, for both guards)
            if guard is None and not site and _not_violence(s, m.start(), m.end(), attack_type, number, places,
                                                            about_isis):
                guard = "not_violent"   # "attacks on Democrats", "a blistering attack": not violence
            if guard is None and text[m.start(): m.start() + 6] in ("execut", "Execut") and \
                    not lx.MILITANT_CONTEXT.search(s):
                guard = "state_execution"   # "Saudi Arabia executed 47 people": a state's death penalty
            if guard is None and _ROUNDED_UP.match(text, m.start()) and \
                    not _GROUP_KILLING.search(s, max(0, m.start() - 150), m.start()) and \
                    not _BY_THE_GROUP.match(s, m.end()):   # "who were lined up and shot by IS militants"
                guard = "not_the_groups_roundup"   # "police rounded up the protesters and shot them": the state's
            if guard is None and destroying and not site:
                guard = "not_a_site_the_group_destroyed"   # "the war destroyed the souk", "airstrikes destroyed"
            if guard is None and text[m.start(): m.end()] in ("exploded", "Exploded") and \
                    not lx.EXPLODED_SUBJECT.search(s, max(0, m.start() - 60), m.start()):
                guard = "figurative_explosion"   # "commentators exploded": only a device explodes
            if guard is not None:
                trace.dropped("attack", m.group(0), guard)
                continue
            found.append(Trigger("attack", m.start(), m.end(), attack_type, number, f"attack.{number}"))
    return sorted(found, key=lambda t: t.start)


def _destroys_a_site(s: str, start: int, end: int) -> bool:
    """The group destroying a shrine or a monument: "militants blew up the shrine", "the temple was destroyed by
    Islamic State militants"; further on in the clause, with nobody else acting between: "militants packed the
    Temple of Baalshamin with explosives and destroyed it", "the militants blew up the shrine of Jonah, ..., and in
    2015 they bulldozed the ruins"."""
    if lx.HERITAGE_PASSIVE_BEFORE.search(s, max(0, start - 90), start) and lx.BY_DESTROYER.match(s, end):
        return True
    doers = list(lx.DESTROYER.finditer(s, max(0, start - 160), start))
    doer = doers[-1] if doers else None   # the last one named before the verb
    if doer is None or ";" in s[doer.end(): start] or lx.OTHER_DESTROYER.search(s, doer.end(), start):
        return False   # "ISIS took Palmyra and the army later destroyed the citadel"
    return bool(lx.HERITAGE_AFTER.match(s, end) or
                lx.HERITAGE_WORD.search(s, doer.end(), start) and _IT_OBJECT.match(s, end))


_IT_OBJECT = re.compile(r"\s+(?:it|them)\b")


def _gated_triggers(text: str, lowered: bool):
    """The attack patterns (for lower-cased text when `lowered`) whose necessary words the text holds, in order: a
    trigger none of whose words is there is skipped without its regex (see prefilter.py)."""
    if not lowered:
        yield from lx.ATTACK_TRIGGERS
        return
    contains = text.__contains__
    for entry, literals in zip(lx.ATTACK_TRIGGERS_LC, lx.ATTACK_TRIGGER_LITERALS, strict=True):
        if literals is None or any(map(contains, literals)):
            yield entry


def may_open(s: str) -> bool:
    """An attack pattern matches in the sentence, before any guard."""
    low = lx.lower(s)
    return low is None or any(pattern.search(low) for pattern, _, _ in _gated_triggers(low, lowered=True))


def _not_violence(s: str, start: int, end: int, attack_type: str | None, number: str, places: list[PlaceMatch],
                  about_isis: bool) -> bool:
    """A bare attack word ("attack", "assault") with nothing violent about it, or aimed at a political target."""
    if _DATED_AT_PLACE.match(s, end):
        return bool(lx.POLITICAL_TARGET.match(s[end:]))
    return attack_type is None and number != "kill" and not _violent(s, start, end) and \
        not (about_isis and (_in_town(s, start, end, places) or _town_named_before(s, start, places)))


# "more of these attacks"; "some of the bloodiest attacks in the country": a set of them, not one
_MORE_OF_BEFORE = re.compile(r"\b(?:more|fewer|many|most|any|all|some|several) of (?:(?:these|those|such|the same)\s+|"
                             r"(?:the|its|their)\s+(?:\w+est|worst|most \w+)\s+)(?:[\w-]+\s+)?$", re.I)


def _town_named_before(s: str, start: int, places: list[PlaceMatch]) -> bool:
    """ "since the Paris attacks": in an article about ISIS, the attacks a town's name qualifies are violence."""
    return any(p.place.precision == "city" and _THE_BEFORE_TOWN.search(s, max(0, p.start - 5), p.start) and
               _ONLY_SPACE.fullmatch(s, p.end, start) for p in places)


_THE_BEFORE_TOWN = re.compile(r"\bthe\s+$", re.I)
_ONLY_SPACE = re.compile(r"\s+")


def _in_town(s: str, start: int, end: int, places: list[PlaceMatch]) -> bool:
    """ "a devastating assault on multiple locations in Paris": in an article about ISIS, an attack told as news (an
    indefinite noun: "the recent attacks in Brussels" only looks back) and placed in a town is violence, whatever
    the adjectives."""
    return bool(_INDEFINITE_BEFORE.search(s, max(0, start - 40), start)) and any(
        0 <= p.start - end <= 50 and p.place.precision in ("city", "landmark") and
        _IN_BEFORE_PLACE.search(s, end, p.start) for p in places)
_IN_BEFORE_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
# "a brazen attack", "Friday night's attack": news of an attack, not a look back at one
_INDEFINITE_BEFORE = re.compile(rf"\b(?:an?|another|{lx.WEEKDAY}{lx.DAY_PART}['’]s)\s+(?:[\w-]+\s+){{0,2}}$", re.I)


# "the attack in New York City on Tuesday": an attack word placed and dated reports an event, violent words or not
_DATED_AT_PLACE = re.compile(
    rf"\s+(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){{1,4}}(?:on\s+|last\s+){lx.WEEKDAY}\b")


# "shot dead by police after they opened fire outside a cartoon contest": the act the police answered is the attack
_THEIR_ACT_BEFORE = re.compile(r"\b(?:when|after|as|because)\s+(?:they|he|she|the\s+(?:gunm[ae]n|attackers?|"
                               r"assailants?|men|man|suspects?))\s+(?:had\s+)?$", re.I)


# the group's names as news spells them, case and all (the Guardian's "Isis"; "IS" only in capitals)
_NAMES = r"ISIS|ISIL|Isis|Isil|IS|Daesh|Islamic State"
# the group as the agent of a passive killing: "were killed by the militants", "had been shot by Islamic State fighters"
_BY_THE_GROUP = re.compile(rf"(?:\s+\w+ly)?\s+by\s+(?:the\s+)?(?:{_NAMES}|militants|jihadists|extremists)\b|"
                           # "was killed March 19 when ISIS fighters fired rockets at an outpost"
                           rf"(?:\s+[\w.,]+){{0,3}}?\s+(?:when|as)\s+(?:the\s+)?(?:{_NAMES})\b")
# the group as the one killing, in the clause: "Isis fighters overran Sinjar, killing thousands of men"
_GROUP_KILLING = re.compile(rf"\b(?:{_NAMES}|(?i:militants|jihadists|extremists|fighters|gunmen|the group))\b"
                            r"(?!['’]s)[^;]{0,120}$")


_ROUNDED_UP = re.compile(r"(?:rounded|lined|marched|herded)\b", re.I)
_PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?$", re.I)


def _massacre(s: str, start: int, end: int) -> bool:
    """Hundreds or thousands killed by the group at one town or base ("overran the Sinjar region, killing thousands
    of Yazidi men"), or executed by it ("had executed hundreds of former soldiers"): one massacre, not a war's toll
    nor a count of the group's killings since some year."""
    before = s[max(0, start - 150): start]   # across the participle's comma: "overran Sinjar, killing"
    if not _GROUP_KILLING.search(before) or lx.STATISTICS.search(s) or _PERFECT_BEFORE.search(before):
        return False   # "militants have killed hundreds of civilians in Mosul": a count over time
    if s[start: start + 5].lower() == "execu":
        return True
    return any(p.place.precision in ("city", "landmark") for p in default_gazetteer().find(before))


def _is_not_an_attack(s: str, start: int, end: int, number: str) -> str | None:
    """The name of the guard that says the trigger is no attack, or None."""
    window = s[max(0, start - 60): end + 60]
    low = lx.lower(window)
    not_one = lx.NOT_AN_ATTACK.search(window) if low is None else lx.NOT_AN_ATTACK_LC.search(low)
    if not_one and not _IN_RESPONSE_TO.search(window, max(0, not_one.start() - 45), not_one.start()):
        return "not_an_attack"   # "in apparent response to U.S. airstrikes": the cause named, not the act
    if lx.ATTACK_ON_ISIS.search(s[start: end + 40]):
        return "attack_on_isis"
    if lx.SELF_DETONATION.search(s, max(0, start - 20), end + 40) and lx.CORNERED.search(s):
        return "cornered"   # "chased down al-Baghdadi in a tunnel ... before detonating a suicide vest"
    if lx.mentions_isis(s) and (lx.ISIS_VICTIM_AFTER.match(s[end: end + 90]) or lx.ISIS_KILLED.search(s) or
                                lx.ISIS_SITES_HIT.search(s)):
        return "isis_as_target"   # "the killing of a top Islamic State commander", "IS leaders were killed"
    # "the air force bombed a convoy ..., killing 40": a participle's doer is the main clause's, further back
    reach = 130 if number == "kill" and s[start: end].lower().endswith("ing") else 50
    if lx.STATE_AGENT.search(s[max(0, start - reach): end + 50]) and not _THEIR_ACT_BEFORE.search(s, 0, start) and \
            not _ROUNDED_UP.match(s, start) or lx.STATE_STRIKE_BEFORE.search(s, 0, end):
        return "state_agent"   # ("lined up captured soldiers and shot them": its doer is read apart)
    if s[start: start + 4].lower() in ("shot", "kill") and lx.SELF_INFLICTED_AFTER.match(s[end: end + 40]):
        return "self_inflicted"   # "shot and killed himself": the gunman's suicide, not another attack
    if number == "kill":
        clause = clause_around(s, start, end)
        if lx.NOT_VIOLENCE.search(s) or ("xplo" in s or "blast" in s) and lx.ACCIDENTAL_BLAST.search(s) and \
                not lx.DELIBERATE.search(s):
            return "not_violence"   # a fire, a crash, a gas explosion or a disease killed them
        tolls = find_tolls(clause)
        if not tolls and not _BY_THE_GROUP.match(s, end):
            # "killed" is an attack only when victims are counted, or the group is its agent ("the women were killed
            # by the militants when they overran Sinjar")
            return "kill_without_victims"
        if tolls and all(t.quantity.best is not None and (t.quantity.best >= MAX_BARE_KILL_TOLL or
                                                          t.quantity.qualifier == "vague" and
                                                          t.quantity.best >= MAX_VAGUE_KILL_TOLL) for t in tolls) \
                and not _massacre(s, start, end):
            return "war_toll"   # "killing thousands of", "killed hundreds": a war or a regime's toll, not one attack
    if ("undercover" in s or "sting" in s or "plotting" in s or "believed" in s or "thought" in s) and \
            lx.FOILED_PLOT.search(s, max(0, start - 200), end + 120):
        return "foiled_plot"   # "arrested after he tried to collect what he believed were explosives for an attack"
    if lx.BLAST_WORD.match(s, start) and lx.ACCIDENTAL_BLAST.search(window) and not lx.DELIBERATE.search(s):
        return "accident"   # "a gas explosion", "an explosion and fire at a coal mine": no one set it off
    if lx.POLICE.search(s) and lx.SHOOTING_OF_NAMED.search(window) and not lx.ATTACKER_NAMED.search(s):
        return "police_shooting"   # "the fatal shooting of Mr. Crutcher" in a sentence about the police
    if lx.BATTLE.search(clause_around(s, start, end)[:200]) and number in ("verb", "many") and \
            lx.BATTLE.search(window):
        return "battle"   # attacks in a battle or a siege are fighting, not terrorist attacks
    if hypothetical(s, start) or s[start: end].lower().endswith("ing") and lx.PLAN_CONTENT.search(s, 0, start):
        return "hypothetical"   # "the plan involved kidnapping people, beheading them on camera": a plot's content
    if lx.DEPICTION_BEFORE.search(s, max(0, start - 40), start):
        return "depiction"   # "lurid scenes of beheading": pictures of a kind of act, not an act
    return "modal_after" if lx.MODAL_AFTER.match(s[end:]) else None


def _generic(s: str, group: list[Trigger]) -> bool:
    """Every verb of the attack states a habit or a record: a habitual adverb, a present tense ("executes"), a
    perfect or progressive tense ("has beheaded", "are beheading") of a kind of people ("Americans", "its captives"),
    or beheadings of a kind of people in any tense ("beheaded Americans")."""
    if any(t.number not in ("verb", "kill", "many") and not (
            s[t.start: t.end].endswith("ing") and lx.HABITUAL_ADVERB.search(s, max(0, t.start - 60), t.start))
           for t in group):
        return False   # "the attack", "a massacre": a noun names one event ("mass executions" names many); not
        # "often bombing Shiite mosques", a gerund of habit
    verbs = [t for t in group if t.number != "many"]
    for t in verbs:
        before, word = s[max(0, t.start - 60): t.start], s[t.start: t.end]
        if lx.HABITUAL_ADVERB.search(before) or word.endswith("es") and not word.endswith("ies"):
            continue
        if lx.PERFECT_BEFORE.search(before) and lx.GENERIC_OBJECT_AFTER.match(s[t.end: t.end + 60]):
            continue
        if t.attack_type == "beheading" and lx.GENERIC_VICTIMS_AFTER.match(s[t.end: t.end + 60]):
            continue   # "seizing territory, beheading American hostages": a record of the group, not one killing
        return False
    return bool(verbs)


def _violent(s: str, start: int, end: int) -> bool:
    """A bare attack word ("attack", "assault", "massacre") names violence only in violent company."""
    if lx.POLITICAL_TARGET.match(s[end:]):
        return False
    return bool(lx.VIOLENCE.search(s[:start]) or lx.VIOLENCE.search(s[end:]) or find_tolls(s))
_RELATIVE_GAP = re.compile(r",?\s+(?:which|that)\s+(?:\w+\s+){0,2}")   # "the attacks, which killed": one event


# "the deadliest shooting since the massacre at ...": two events, not one
_OTHER_EVENT_GAP = re.compile(r"\b(?:since|than|like|after|before|following|recalling|another|second|anniversary)\b|"
                             # "130 were killed in Paris and 14 were killed in San Bernardino": a toll of its own
                             r"\bin\s+[A-Z][^,;]{0,30}?\band\s+\d[\d,]*\s+(?:\w+\s+)?(?:were|was)\b|"
                             # "a bombing in Lebanon, and Friday's attacks in Paris": a list, an attack an item
                             r"\b(?:in|over|at)\s+(?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+,\s+(?:and\s+)?"
                             r"(?:an?|[A-Z]\w+day['’]s)\s", re.I)


def cluster_triggers(s: str, triggers: list[Trigger]) -> list[list[Trigger]]:
    """Attack words close together in one clause describe one attack."""
    groups: list[list[Trigger]] = []
    for t in triggers:
        if groups:
            last = groups[-1][-1]
            gap = s[last.end: t.start]
            one_clause = (not lx.CLAUSE_BREAK.search(gap) or _RELATIVE_GAP.fullmatch(gap)) and \
                not _OTHER_EVENT_GAP.search(gap)
            # "the downing of a Russian plane over Egypt and twin suicide bombings in Beirut": a named downing is one
            # attack, what follows it another
            named_downing = last.attack_type == "aircraft_bombing" and last.number == "one" and \
                t.attack_type != "aircraft_bombing"
            if t.start - last.end <= CLUSTER_CHARS and one_clause and not named_downing:
                groups[-1].append(t)
                continue
        groups.append([t])
    return groups


def attack_from(sentence: Sentence, group: list[Trigger], places: list[PlaceMatch], used: set[int],
                 tolls: list[Toll], dated, story: Narrative, next_attack: int | None = None) -> Mention | None:
    """The attack a group of trigger words reports, or None (the guard's name is traced). `next_attack`: where the
    sentence's next attack begins; the words after it are that attack's (its place, its doer)."""
    s = sentence.text
    if next_attack is not None and not _another_attack_follows(s, group[-1].end, next_attack, places):
        next_attack = None   # "the shooting in El Paso on Saturday, which killed 22": the same attack goes on
    if next_attack is not None:
        places = [p for p in places if p.start < next_attack]
    start, end = group[0].start, group[-1].end
    candidates = [p for p in places if p.start not in used and not _nationality_modifier(s, p) and
                  _locates_attack(s, p) and (not lx.SPEAKER_PLACE_BEFORE.search(s, max(0, p.start - 50), p.start) or
                                             p.place.precision == "city" and _WHERE_BEFORE.match(s, p.end))]
    # ("a trip to Paris, where attacks killed 130": the town the attack's clause hangs on)
    if len(candidates) > 1:
        # "New York (CNN Business) ... the massacre at two New Zealand mosques": where the report was filed
        candidates = [p for p in candidates if not lx.dateline(s, p)] or candidates
    place = _attack_place(s, start, end, candidates) or next(
        (p for p in candidates if p.end <= start and lx.STRUCK_AFTER.match(s, p.end)), None)   # "France ... was struck"
    if any(t.attack_type == "aircraft_bombing" and t.number == "one" for t in group):
        place = _place_of_known_name(s, group, story) or place   # the airliner the list knows fell where it says
    local_tolls = _with_paired_tolls([t for t in tolls if _nearest_trigger_owner(t, group, s)], tolls, s)
    if not any(t.attack_type == "hostage_taking" for t in group):
        # "was abducted in November 2012, and a video of his beheading was released": the captivity's start
        dated = [d for d in dated if not _CAPTIVITY_BEFORE.search(s, max(0, d[0] - 40), d[0])]
    dated = [d for d in dated if not _yardstick(s, d[0]) and not _OCCASION_AFTER.match(s, d[3]) and
             not _future_date(s, d[0], start)]
    own = _own_date(s, start, end, dated)
    first = own or _nearest_date(s, start, end, dated)
    # "held since May": the bound of a period dates nothing, unless it is all the sentence has
    ordered = [first, *(d for d in dated if d is not first)] if first else \
        [d for d in dated if not _period_bound(s, d[0])] or dated
    date, how = date_for(ordered, story, sentence.index)
    year = next(filter(None, (_year_of_event(s, t.start, story.published) for t in group)), None)
    recalled = None
    near = None if own else _days_from(s, start, dated, story.published) or _weeks_before(s, start, dated, story) \
        or _anniversary(s, start, dated, story)
    if year is not None:
        date, how = year, "explicit"   # "the 2015 Paris attacks": a past event, in its own year
    elif near is not None:
        date, how = near   # "this week, a day before the Parsons Green bomb": within days of the sentence's date
    elif not dated and story.published is not None and (local_tolls and _JUST_AFTER.search(s, 0, start) or
                                                         _HOURS_AFTER.search(s, max(0, start - 80), start)):
        # "the morning after the attack that killed 41", "just hours after ISIS was blamed for another deadly attack":
        # a fresh event, reported within days of it
        date, how = DateSpan(story.published - dt.timedelta(days=SAID_DAYS), story.published, "recent"), "relative"
    elif _background_reference(s, start, end, own, bool(dated) and bool(local_tolls)):
        # "since the Paris attacks", "after the Orlando shooting": an event the sentence looks back to without
        # a date; it is not reported here, and may only add detail to the event the narrative is on; unless the list
        # of known attacks knows it by its town and its words or toll ("since the attacks in Paris, which killed 130")
        # (an attack the article told at that very place takes the reference as detail; the first sentence may also
        # look back at the headline's fresh attack)
        recalled = None if place is None or any(e.kind == "attack" and e.place == place.place for e in story.events) \
            else _recalled(sentence, group[0].rule, place, local_tolls, story) or \
            _fresh_lede_attack(sentence, place, story)
        if recalled is None:
            continue_events(sentence, story, tolls=[], types=[t.attack_type for t in group])
            return _drop(group, s, "background_reference")
        date, how = DateSpan(recalled.day, recalled.day, "day"), "known"
    numbers = {t.number for t in group}
    if (numbers & {"kill", "verb", "many"} and lx.STATISTICS.search(s) or lx.YEAR_RANK.search(s)) and \
            not any(d[1].precision == "day" for d in dated):
        # "killed more than 11,000 people in 2015, FBI data show": a tally, not an attack
        return _drop(group, s, "statistics")
    if numbers <= {"many"} and _tally_before(s, start):
        return _drop(group, s, "statistics")   # "3,000 shootings in Chicago from January 1st": a count of events
    if how in ("assumed_recent", "missing") and year is None and lx.RETROSPECTIVE.search(_own_clause(s, start, end)):
        # "had been shot", "ISIS has already killed": a past event recalled without a date is not news here
        continue_events(sentence, story, tolls=[], types=[t.attack_type for t in group])
        return _drop(group, s, "retrospective")
    if not local_tolls and own is None and year is None and near is None and _generic(s, group):
        # "ISIS has beheaded Americans", "militants routinely execute prisoners": a habit, not an event
        return _drop(group, s, "generic")
    if group[0].number == "many" and not local_tolls and _MORE_OF_BEFORE.search(s, max(0, start - 40), start):
        return _drop(group, s, "category")   # "we see today more of these attacks": their kind, not one of them
    # "the Islamic State (ISIS) attacks in Paris": those attacks; so is an attack the list singles out
    specific = bool(local_tolls) or year is not None or how in ("explicit", "relative", "narrative") and dated or \
        _isis_owned_at_town(s, start, end, place) or recalled is not None
    if numbers <= {"many"} and not specific:
        return _drop(group, s, "category")   # "attacks on civilians": a category, not a report of one attack
    listed = [p for p in candidates if abs(p.start - end) < 120 and p.place.precision != "country"]
    if numbers <= {"many"} and len(listed) >= 3:
        # "atrocities in such places as Paris, Brussels, Berlin": an allusion, not a report
        return _drop(group, s, "list_allusion")
    scene = current_scene(story, sentence.index)
    verb_form = any(_VERB_FORM.search(s[t.start: t.end]) for t in group)   # "attacked", not "the attack"
    borrowed = False
    if place is None and own is not None and date is not None and date.precision == "day" and any(
            e.kind == "attack" and e.date == date and e.place is not None for e in story.events):
        # "has not claimed responsibility for Wednesday's attack": the attack the article told on that day
        continue_events(sentence, story, tolls=tolls, types=[t.attack_type for t in group])
        return _drop(group, s, "same_day_reference")
    if place is None or place.place.precision == "country":
        recent = None if scene or not (local_tolls or own) else recent_place(
            sentence, story, date if how not in ("assumed_recent", "missing") else None)
        if scene and (place is None or scene[0].place.country == place.place.country):
            place = scene[0]
            if not dated and scene[1] is not None:
                date, how = scene[1], "scene"
        elif recent and (place is None or recent.place.country == place.place.country):
            place, borrowed = recent, True
        elif place is None:
            place = _place_of_captivity(s, group, story) or _place_of_known_name(s, group, story, local_tolls) or \
                _the_capital(sentence, start, end, story) or _the_only_town(candidates) or \
                _the_village(s, start, end, story) or _the_dateline_town(s, start, end, story)
            if place is None:
                continue_events(sentence, story, tolls=tolls, types=[t.attack_type for t in group])
                return _drop(group, s, "no_place")
    if place.place.precision == "country" and numbers <= {"many"} and not local_tolls:
        return _drop(group, s, "country_category")   # "terrorist attacks in Britain": no single event
    if place.place.precision in ("country", "region") and not local_tolls and not dated and \
            place.how != "captivity" and lx.CATEGORY_BEFORE.search(s[:start]):   # a captive's: singled out
        return _drop(group, s, "category_before")   # "after every mass shooting in the US": a kind of event, not one
    # "Monday's deadly lorry attack" in an article without a publication date: its own day, which nothing resolves
    own_day_undated = story.published is None and (bool(_WEEKDAY_OWN.search(s, max(0, start - 50), start)) or any(
        0 <= e.start - end <= 70 and "," not in s[end: e.start] for e in find_dates(s)))   # "... on 14 July"
    by_name = None
    if place.how == "known" and recalled is None and not _attack_told_at(story, place.place):
        # "Saipov's savage attack": the attacker's name singles out the known attack; it is recalled on its day
        recalled = by_name = _recalled(sentence, group[0].rule, place, local_tolls, story)
        if recalled is not None:
            date, how = DateSpan(recalled.day, recalled.day, "day"), "known"
    if by_name is None and not local_tolls and not own and not own_day_undated and near is None and year is None \
            and (not dated or not verb_form) and lx.BACK_REFERENCE.search(s[:start]):
        # "the Benghazi attack", "since the Charleston shooting": a reference to an event the article
        # does not report itself (a date elsewhere in the sentence is the statement's); it may only add
        # detail to the event the narrative is on, and may name the town of an attack told by its country. Unless
        # it is the headline's fresh attack in the first sentence, or, in an article about the group or a sentence
        # that gives it the attack, the attack the list singles out ("the Paris attacks have recast how the West
        # views the Islamic State")
        referred = _fresh_lede_attack(sentence, place, story) or (
            _recalled(sentence, group[0].rule, place, [], story) if (story.about_isis or _ties_group(s)) and
            not borrowed and not _attack_told_at(story, place.place) else None)
        if referred is None:
            continue_events(sentence, story, tolls=[], types=[t.attack_type for t in group])
            if not borrowed:
                _refine_place(story, sentence, place)
            return _drop(group, s, "back_reference")
        recalled, date, how = referred, DateSpan(referred.day, referred.day, "day"), "known"
    local_tolls = [t for t in local_tolls if not _toll_of_other_place(s, t, place, places)]
    where = place.place if borrowed else around_place(s, place, lx.AROUND_SETTLEMENT)
    if where is place.place and where.precision == "landmark" and lx.MILITARY_SITE.search(place.surface):
        # a base or a camp outside its town is a site of its own: the Camp Speicher massacre, not "Tikrit"
        where = replace(where, name=place.surface)
    mention = Mention("attack", sentence, group[0].rule, place=where,
                      place_surface=place.surface, date=date, date_how=how, trigger_at=start)
    if place.how in ("captivity", "known"):
        mention.support.append(f"place@{sentence.index}:place.{place.how}")
    if recalled is not None:
        mention.support.append(f"date@{sentence.index}:known.{recalled.attack_id}")
    mention.attack_types = dedupe(t.attack_type for t in group if t.attack_type)
    # type cues ("gunmen", "suicide bombers") of this attack's clause, not of another event in the sentence
    mention.attack_types += [t for t in types_in(between_breaks(s, start, end)) if t not in mention.attack_types]
    for toll in local_tolls:
        set_toll(mention, toll)
    if mention.killed is None:
        mention.killed = _one_put_to_death(s, group)
    attribute_in_sentence(mention, s if next_attack is None else s[: _doer_of_next(s, end, next_attack)], story)
    if mention.perpetrator is None and story.about_isis and lx.DESTROYED_VERB.fullmatch(s, start, end):
        # "militants packed the Temple of Baalshamin with explosives and destroyed it", in an article about the
        # group: its heritage demolitions are its signature, and "the militants" are its own (the trigger's guard
        # has kept only a site the group destroyed)
        mention.perpetrator, mention.attribution = "ISIS", "attributed"
        mention.support.append(f"perpetrator@{sentence.index}:heritage")
    trace.kept("attack", s[start:end], mention.rule)
    return mention


_SAME_EVENT_BEFORE = re.compile(r",?\s+(?:which|that|who)\s+(?:\w+\s+){0,2}$")


def _another_attack_follows(s: str, end: int, next_attack: int, places: list[PlaceMatch]) -> bool:
    """The sentence's next attack words (from `next_attack`; this attack's end at `end`) tell another attack: at a
    place of its own, far on or after a word that opens another event ("a hotel in Mali and a week after fighters
    struck Paris"); not the same attack told again ("which killed 22", "the massacre in Orlando – the worst attack
    since 9/11", "the attack came in Egypt the week before Easter, as two ISIS suicide bombings ...")."""
    gap = s[end: next_attack]
    return (len(gap) > CLUSTER_CHARS or bool(_OTHER_EVENT_GAP.search(gap))) and \
        not _SAME_EVENT_BEFORE.search(gap) and any(p.start >= next_attack for p in places)


# the two words before the next attack's are its own: its doer ("Islamic State fighters struck"), its name ("the 9/11
# attacks")
_NEXT_MODIFIERS = re.compile(r"(?<![\w/'’.-])(?:[\w/'’.-]+\s+){1,2}$")


def _doer_of_next(s: str, end: int, next_attack: int) -> int:
    """Where the words of the sentence's next attack begin (after `end`, this attack's last word)."""
    words = _NEXT_MODIFIERS.search(s, max(end, next_attack - 40), next_attack)
    return words.start() if words else next_attack


def _recalled(sentence: Sentence, rule: str, place: PlaceMatch, tolls: list[Toll],
              story: Narrative) -> KnownAttack | None:
    """The known attack a background reference names: its town, with the words or the toll that single it out."""
    probe = Mention("attack", sentence, rule, place=place.place)
    for toll in tolls:
        set_toll(probe, toll)
    recalled = recalled_attack(probe, sentence.text, story.published)
    if recalled is None and story.about_isis and not tolls and place.place.precision == "city":
        # "the Paris attacks have recast how the West views the Islamic State": in an article about the group, the
        # one attack the list knows at that town in the months before publication
        recalled = fresh_attack_at(place.place.name, story.published, RECALL_DAYS)
    if recalled is None and not tolls and place.place.precision == "city" and _ties_group(sentence.text) and \
            sentence.text[place.start: place.end] == place.surface:
        # "the massacre in San Bernardino, which was carried out by citizens who had pledged allegiance to the
        # Islamic State": the sentence itself gives the attack at a town it names to the group; the one attack the
        # list gives it at that town (not the town of the scene: "The nightclub attack was the first claimed by IS")
        recalled = isis_attack_at(place.place.name, story.published)
    return recalled


def _ties_group(s: str) -> bool:
    """The sentence says the group claimed or inspired what it tells, and names no other group."""
    return lx.mentions_isis(s) and bool(lx.claims(s) or lx.INSPIRED.search(s)) and not lx.other_group(s)


# A second town joined to that of a recalled attack: "the attacks in Paris and San Bernardino", "the Paris attacks
# and the mass shooting in San Bernardino, Calif."; or before it: "the Paris and San Bernardino attacks"
_ATTACK_NOUN = r"(?:attacks?|shootings?|bombings?|massacres?|rampage|killings?)"
_JOINED_TOWN = re.compile(rf"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?(?i:\s+{_ATTACK_NOUN})?,?\s+(?i:and|or)\s+"
                          rf"(?i:the\s+(?:[\w-]+\s+){{0,2}}{_ATTACK_NOUN}\s+(?:in|at)\s+)?")
_JOINED_BEFORE = re.compile(r",?\s+(?:and|or)\s+")


def recalled_alongside(mention: Mention, places: list[PlaceMatch], story: Narrative) -> list[Mention]:
    """The known attack at a town the sentence joins to the one of the attack it recalls: a row of its own, on the
    list's day (one event per site); its toll and its kind are not the first's."""
    if mention.place is None:
        return []
    s = mention.sentence.text
    first = next((p for p in places if p.surface == mention.place_surface), None)
    if first is None:
        return []
    towns = [p for p in places if p.place.precision == "city" and p.place != first.place]
    after = next((p for p in towns if p.start >= first.end), None)
    before = next((p for p in reversed(towns) if p.end <= first.start), None)
    joined = after if after is not None and _JOINED_TOWN.fullmatch(s, first.end, after.start) else \
        before if before is not None and _JOINED_BEFORE.fullmatch(s, before.end, first.start) else None
    if joined is None:
        return []
    # both towns name attacks the list knows (the first may be dated by the list only once the article is read)
    recalled = _recalled(mention.sentence, mention.rule, joined, [], story)
    if recalled is None or mention.date_how != "known" and \
            _recalled(mention.sentence, mention.rule, first, [], story) is None:
        return []
    other = Mention("attack", mention.sentence, mention.rule, place=joined.place, place_surface=joined.surface,
                    date=DateSpan(recalled.day, recalled.day, "day"), date_how="known",
                    trigger_at=mention.trigger_at)
    other.support += [f"place@{mention.sentence.index}:recalled_alongside",
                      f"date@{mention.sentence.index}:known.{recalled.attack_id}"]
    attribute_in_sentence(other, s, story)
    return [other]


# "in the capital", "outside the capital": the capital of the one country the story is in ("the capital of X" and
# "the capital, Baghdad" are named places already)
CAPITAL_REACH = 60     # how far after the attack's words "in the capital" may stand
CAPITAL_CONTEXT = 10   # the sentences before it whose places tell the story's country
_IN_THE_CAPITAL = re.compile(r"\b(?:in|at|near|outside)\s+the\s+capital\b(?!\s+of\b|['’]s|,\s+[A-Z]|\s+[A-Z])")


def _the_capital(sentence: Sentence, start: int, end: int, story: Narrative) -> PlaceMatch | None:
    """The attack's clause puts it in "the capital" of a story told in one country."""
    s = sentence.text
    m = _IN_THE_CAPITAL.search(s, start - len(clause_before(s, start)), end + CAPITAL_REACH)
    if m is None:
        return None
    gazetteer = default_gazetteer()
    # every place the story has named up to here, towns too ("Kuwait City", "Riyadh"): one country, or no guess
    told = " ".join(x.text for x in story.sentences[max(0, sentence.index - CAPITAL_CONTEXT): sentence.index + 1])
    countries = {c for c in story.countries if len(c) == 2} | \
        {p.place.country for p in gazetteer.find(told, countries=story.countries, people=story.people)
         if p.place.country}
    if len(countries) != 1:
        return None
    capital = gazetteer.capital_of(next(iter(countries)))
    return None if capital is None else PlaceMatch(m.start(), m.end(), m.group(0), capital, "descriptive")


def _place_of_captivity(s: str, group: list[Trigger], story: Narrative) -> PlaceMatch | None:
    """A hostage beheaded on a video ("a video showing the beheading of David Haines") is killed where the group
    held him, which the sentence does not say: the country the article says he was held or taken in. Only for the
    killing of a captive the sentence singles out
    (a name, "a French tourist", "a dozen Syrian soldiers"), in an article about ISIS; a practice ("the punishment
    is beheading", "beheading videos") has no victim and stays without a place."""
    first, last = group[0], group[-1]
    # "the execution of 21 of its Coptic Christian citizens": captives the list of known killings names
    execution = any(s[t.start: t.start + 6].lower() == "execut" for t in group)
    listed = execution and bool(captives_named(s, story.published, last.end, last.end + 60))
    captive_killing = any(t.attack_type == "beheading" and t.number == "verb" for t in group) or \
        execution and (lx.CAPTIVE.search(s) or listed)
    if not captive_killing or not (story.about_isis or lx.mentions_isis(s)) or \
            lx.PRACTICE_AFTER.match(s, last.end) or lx.PRACTICE_BEFORE.search(s, 0, first.start):
        return None
    around = s[max(0, first.start - 90): last.end + 90]
    victim_named = any(_names_victim(s, group, name) for name in story.people)
    if not (victim_named or listed or lx.SINGLED_OUT_VICTIM.search(around) or _one_put_to_death(s, group)):
        return None
    gazetteer = default_gazetteer()
    held: list[str] = []   # the countries of the captivities stated: "vanished in Syria", "kidnapped near Aleppo"
    for m in lx.HELD_IN.finditer(story.text):
        place = gazetteer.lookup(m.group(1))
        if place is not None and not lx.EARLIER_CAPTIVITY.search(m.group(0)):
            held.append(place.country)
    if not held:
        # a captive the list of known killings names ("Foley", "Kenji Goto"), killed before publication, was held
        # where that killing was; the countries a story names ("strikes in Iraq") are not guessed from
        held = [k.country for k, _ in captives_named(around, story.published)]
    if not held:
        return None
    code = max(sorted(set(held)), key=held.count)
    return PlaceMatch(first.start, first.start, "", Place(None, code, None, None, "country"), "captivity")


def _isis_owned_at_town(s: str, start: int, end: int, place: PlaceMatch | None) -> bool:
    """The attacks are the group's own and at the town named right after them: "the Islamic State (ISIS) attacks in
    Paris", "ISIS's attacks on Brussels"; not a kind of attack ("ISIS attacks on civilians in Paris") nor a
    country's ("in Europe")."""
    return place is not None and place.place.precision in ("city", "landmark") and place.start >= end and \
        bool(_AT_TOWN.fullmatch(s, end, place.start)) and bool(_ISIS_OWNER_BEFORE.search(s, max(0, start - 45), start))


_AT_TOWN = re.compile(r"\s+(?:in|on|at|against)\s+(?:the\s+)?")


_ISIS_OWNER_BEFORE = re.compile(r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State)(?:\s*\((?:ISIS|ISIL|IS)\))?(?:['’]s?)?"
                                r"(?:-(?:claimed|inspired|linked|directed|led))?\s+(?:(?:deadly|coordinated|terror|"
                                r"terrorist|recent|latest|bloody|twin|suicide|barbaric|brutal|horrific|heinous|savage|"
                                r"murderous|cowardly)\s+){0,2}$")


def _attack_told_at(story: Narrative, place: Place) -> bool:
    """The article has told an attack in this town, by name: a venue the list places there is the town too (the
    background check of `attack_from` compares places exactly, so that "Westminster" is not the London Bridge
    attack told)."""
    return any(e.kind == "attack" and e.place is not None and (e.place.name, e.place.country) ==
               (place.name, place.country) for e in story.events)


def _fresh_lede_attack(sentence: Sentence, place: PlaceMatch, story: Narrative) -> KnownAttack | None:
    """ "Istanbul airport resumes flights" over "... the terror attack on Istanbul's airport": the first sentence's
    reference to an attack in the town the headline names is the article's own event, told in the days after it,
    when the list of known attacks holds one there in those days (an old attack, "Benghazi" as a topic, stays a
    reference)."""
    if sentence.index == 0 and place.place.precision == "city" and place.surface and place.surface in story.title:
        return fresh_attack_at(place.place.name, story.published)
    return None


def _place_of_known_name(s: str, group: list[Trigger], story: Narrative, tolls: list[Toll] = ()) -> PlaceMatch | None:
    """ "claimed credit for Mateen's shooting rampage at the gay nightclub Pulse": a venue the attack happened at, its
    attacker's possessive before a noun of the attack ("Farook's colleagues killed" is a victim) or its attacker as
    the subject of the act ("Tashfeen Malik, killed 14 people"), that the list of known attacks holds for one town
    stands for that town. So does a name of a known attack anywhere in the sentence when the attack's own count of
    the dead is that attack's ("Omar Mateen phoned 911 from inside the Pulse nightclub ... while he murdered 49
    people")."""
    start, end = group[0].start, group[-1].end
    # "Saipov's savage attack": a word that could be a verb ("attack") is a noun after a possessive unless inflected
    noun = all(t.number in ("one", "many") or not _INFLECTED.search(s, t.start, t.end) for t in group)
    clause_start = start - len(clause_before(s, start))
    towns = set()
    for k in known_attacks():
        if k.place is None or k.names is None or story.published is not None and k.day > story.published:
            continue
        for m in k.names.finditer(s, clause_start, end + 80):
            # "at the Pulse nightclub"; "the downing of a Russian passenger jet", "the bombing of the Russian
            # airliner": the trigger or its object names it
            venue = m.start() >= start and (_AT_VENUE_BEFORE.search(s, max(0, m.start() - 40), m.start()) or
                                            any(t.start <= m.start() and m.end() <= t.end or
                                                _OBJECT_OF_TRIGGER.fullmatch(s, t.end, m.start()) for t in group))
            attacker = m.end() <= start and (noun and _POSSESSIVE_OF_ATTACK.fullmatch(s, m.end(), start) or
                                             not noun and _SUBJECT_OF_ACT.fullmatch(s, m.end(), start))
            if venue or attacker:
                towns.add(k.place)
    dead = {t.quantity.best for t in tolls if t.role == "killed" and t.quantity.best}
    if not towns and dead:
        towns = {k.place for k in known_attacks() if k.place is not None and k.names is not None and
                 k.killed in dead and (story.published is None or k.day <= story.published) and k.names.search(s)}
    if len(towns) == 1:
        place = default_gazetteer().lookup(towns.pop())
    else:   # "the bombings on Easter Sunday" in Colombo, Negombo and Batticaloa: the one country they share
        countries = {k.country for k in known_attacks() if k.place in towns}
        place = Place(None, countries.pop(), None, None, "country") if towns and len(countries) == 1 else None
    return PlaceMatch(start, start, "", place, "known") if place is not None else None


_INFLECTED = re.compile(r"(?:ed|ew|ook|ing)\b", re.I)
_OBJECT_OF_TRIGGER = re.compile(r"\s+of\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}")
_AT_VENUE_BEFORE = re.compile(r"\b(?:at|inside|outside|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_POSSESSIVE_OF_ATTACK = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}")
# "Syed Farook and his wife, Tashfeen Malik, killed 14 people": the attacker the subject of the act
_SUBJECT_OF_ACT = re.compile(r",?\s+(?:(?:then|later|allegedly|reportedly)\s+)?")


def _names_victim(s: str, group: list[Trigger], name: str) -> bool:
    """The person is the one killed: named after the killing word ("beheading James Foley") or its passive subject
    ("Foley, a reporter captured in 2012, was beheaded"); not the one who speaks of it ("Obama says he has watched
    videos of hostages being beheaded")."""
    first, last = group[0], group[-1]
    named = re.compile(rf"\b{re.escape(name)}\b", re.I)
    before = named.finditer(s, max(0, first.start - 90), first.start)
    return bool(named.search(s, last.end, last.end + 90)) or any(
        _PASSIVE_LINK.fullmatch(s, m.end(), first.start) for m in before)


_PASSIVE_LINK = re.compile(r",?\s+(?:[\w,'’—–-]+\s+){0,6}?(?:was|were|is|had been|has been|being|getting)\s+"
                           r"(?:\w+ly\s+)?")
_PUT_TO_DEATH = re.compile(r"(?:burned|burnt|murdered|massacred|slaughtered)\b", re.I)


def _one_put_to_death(s: str, group: list[Trigger]) -> Quantity | None:
    """A beheading (or a burning, a murder) of one person the sentence names ("beheading 44-year-old David Haines",
    "Foley was beheaded", "one of the two Japanese captives had been beheaded", "the beheading of another American
    journalist") killed one."""
    for t in group:
        if t.attack_type != "beheading" and not _PUT_TO_DEATH.match(s, t.start):
            continue
        after = lx.ONE_NAMED_VICTIM_AFTER.match(s, t.end) or lx.ONE_UNNAMED_VICTIM_AFTER.match(s, t.end)
        if after or lx.ONE_VICTIM_BEFORE.search(s, max(0, t.start - 80), t.start):
            return Quantity(1, 1, 1, "exact", t.start, t.end, s[t.start: t.end])
    return None


def _own_clause(s: str, start: int, end: int) -> str:
    """The trigger's clause without a relative clause after it ("attacked a hotel that police had used"): the
    relative's verb is not the attack's."""
    clause = clause_around(s, start, end)
    own_end = len(clause_before(s, start)) + end - start
    relative = _RELATIVE_AFTER.search(clause, own_end)
    return clause[: relative.start()] if relative else clause
_WEEKDAY_OWN = re.compile(rf"\b{lx.WEEKDAY}{lx.DAY_PART}['’]s\s+(?:[\w-]+\s+){{0,3}}$")
_RELATIVE_AFTER = re.compile(r"\b(?:that|which|who|whom|where)\b")
_IN_RESPONSE_TO = re.compile(r"\b(?:response to|retaliation for|revenge for|retribution for|protest against|"
                             r"reprisal for)\b", re.I)


def _refine_place(story: Narrative, sentence: Sentence, place: PlaceMatch) -> None:
    """ "claimed the bombing outside a bank in Jalalabad" after "a suicide attack in eastern Afghanistan": the
    recent attack placed only in the town's country or region gets the town (the lede's mentions of it, when no
    town of that country was named for another attack)."""
    if place.place.precision not in ("city", "landmark"):
        return
    coarse = [e for e in story.events if e.kind == "attack" and e.place is not None and
              e.place.precision in ("country", "region") and e.place.country == place.place.country and
              sentence.index - e.sentence.index <= CONTINUATION_SENTENCES]
    towns = {e.place.name for e in story.events if e.kind == "attack" and e.place is not None and
             e.place.precision in ("city", "landmark") and e.place.country == place.place.country}
    if towns - {place.place.name}:
        return   # another town of the country has an attack of its own: which one is meant is not clear
    for event in coarse:
        event.place, event.place_surface = place.place, place.surface
        event.support.append(f"place@{sentence.index}:reference")


def _drop(group: list[Trigger], s: str, guard: str) -> None:
    """A candidate attack that a guard turned down: nothing, recorded when tracing."""
    trace.dropped("attack", s[group[0].start: group[-1].end], guard)


# "captured in 2012", not "captured Mosul in June" (a town's fall may date a killing)
_CAPTIVITY_BEFORE = re.compile(r"\b(?:(?:abducted|kidnapped|taken (?:hostage|captive)|seized|went missing|vanished|"
                               r"disappeared)\s+(?:[\w,]+\s+){0,3}?|captured\s+)(?:in|on|last|early|late)?\s*$", re.I)


# "campaigning in Sunday's presidential election": the day of another occasion, not of the attack
_OCCASION_AFTER = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:election|elections|vote|poll|debate|meeting|summit|speech|"
                             r"talks|game|match|race|primary|caucus(?:es)?|ceremony|parade|rally|address|hearing|"
                             r"session|announcement|interview|visit|service|funeral|vigil|march)\b", re.I)


def _future_date(s: str, offset: int, trigger: int) -> bool:
    """ "... not long after 130 were killed in Paris, that Obama will address the country Sunday night": the day of a
    clause in the future tense, before which the attack's own clause (the trigger is not in it) has closed."""
    start = clause_start(s, offset)
    return trigger < start and bool(_FUTURE.search(s, start, offset))


_FUTURE = re.compile(r"\b(?:will|(?:is|are)\s+(?:set|scheduled|due|expected)\s+to)\b")


def _yardstick(s: str, offset: int) -> bool:
    """ "the worst attack on American soil since September 11th": the date of the event measured against."""
    since = _SINCE.match(s, offset)   # the date's own words may begin with it ("since September")
    return bool(_SINCE_BEFORE.search(s, 0, since.end() if since else offset))


_SINCE = re.compile(r"since\s+", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:the\s+)?(?:worst|deadliest|biggest|first|largest|bloodiest)\b[^.;]{0,60}?\bsince\s+"
                           r"(?:the\s+)?$", re.I)   # "the worst attack since September 11th": a yardstick, not its day
_DATE_OF_OTHER_BEFORE = re.compile(r"\b(?:since|until|till|by|from|through)\s+(?:the\s+)?$", re.I)
_PERIOD_WORD = re.compile(r"(?:since|until|till|through)\b", re.I)


def _period_bound(s: str, offset: int) -> bool:
    """The date bounds a period ("since May", "until the 12th"): it dates no event."""
    return bool(_DATE_OF_OTHER_BEFORE.search(s, max(0, offset - 14), offset) or _PERIOD_WORD.match(s, offset))


def _nearest_date(s: str, start: int, end: int, dated) -> tuple | None:
    """Of several dates in a sentence, the one nearest the attack's words ("met Saturday, and again on Sunday,
    after a gunman killed two"): the sentence's first date may belong to something else; statement dates
    ("said Sunday") and the bounds of a period ("since January") do not date the attack."""
    best, best_gap = None, None
    for d in dated:
        offset, span, _, date_end = d
        if span.precision == "recent" or _period_bound(s, offset) or \
                _RELATION_END.search(s[offset:date_end]):
            continue
        gap = start - date_end if date_end <= start else offset - end
        if best_gap is None or max(gap, 0) < best_gap:
            best, best_gap = d, max(gap, 0)
    return best


def recent_place(sentence: Sentence, story: Narrative, date: DateSpan | None) -> PlaceMatch | None:
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
        found = with_landmarks(text, gazetteer.find(text, countries=story.countries, people=story.people), gazetteer)
        local = [m for m in found if m.place.precision in ("city", "landmark") and m.place.name and
                 not m.surface.isupper() and eligible_place(text, m) and
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
    explicit = any(d[2] == "explicit" for d in dated)
    for d in dated:
        offset, date_end = d[0], d[3]
        if explicit and d[1].precision == "recent":
            continue   # "the first attack in recent years came in 2012": the year dates it, the vague span does not
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


FRESH_LEDE = 2   # the sentences of the lede, where a present perfect reports the news
# (not "hit" or "struck": "Trump has hit back", "has struck a deal")
_FRESH_PERFECT = re.compile(r"\b(?:has|have)\s+(?:now\s+|also\s+)?(?:been\s+)?(?:killed|died|stormed|attacked|bombed|"
                            r"shot|wounded|injured|exploded|detonated|opened\s+fire|taken\s+hostage)\b", re.I)


def fresh_in_lede(mention: Mention, published: dt.date | None) -> DateSpan | None:
    """The publication day or the day before, for an attack still dated only by the weeks before publication that the
    lede reports in the present perfect ("Two explosions near the Iranian embassy in Beirut have killed 23 people"):
    read last, so that whether it is the news or a recollection was decided on the wider window."""
    s = mention.sentence.text
    if mention.date_how != "assumed_recent" or published is None or mention.sentence.index >= FRESH_LEDE or \
            not _FRESH_PERFECT.search(clause_around(s, mention.trigger_at, mention.trigger_at + 1)):
        return None
    return DateSpan(published - dt.timedelta(days=1), published, "recent")


_HOURS_AFTER = re.compile(r"\bhours\s+after\s+(?:[\w'’-]+,?\s+){0,8}$", re.I)


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
    r"(?<!the )(?<!in )\b(a|one|two|three|four|five|six)\s+weeks?\s+after\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,3}$",
    re.I)   # "three weeks after a bomb attack killed 44", "a week after Islamic State fighters struck Paris"
_WEEK_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


_ANNIVERSARY = re.compile(r"\b(?:(?P<n>one|two|three|four|five|first|second|third|fourth|fifth|\d+)[- ]year\s+)?"
                          r"anniversary\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.I)
_YEARS = {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4, "five": 5,
          "fifth": 5}


def _anniversary(s: str, start: int, dated, story: Narrative) -> tuple[DateSpan, str] | None:
    """ "on the one-year anniversary of the terror attacks in Brussels": that many years before the sentence's day
    (or the publication), give or take a few days; a bare "anniversary" says one year at least, so only the day and
    month are known."""
    m = _ANNIVERSARY.search(s, max(0, start - 80), start)
    if m is None:
        return None
    day = next((d[1] for d in dated if d[1].precision == "day"), None)
    day = day.start if day is not None else story.published
    if day is None:
        return None
    n = m.group("n")
    years = int(n) if n and n.isdigit() else _YEARS.get((n or "").lower())
    if years is None:
        return None
    try:
        then = day.replace(year=day.year - years)
    except ValueError:   # 29 February
        then = day.replace(year=day.year - years, day=28)
    pad = dt.timedelta(days=SAID_DAYS)
    return DateSpan(then - pad, then + pad, "recent"), "relative"


def _weeks_before(s: str, start: int, dated, story: Narrative) -> tuple[DateSpan, str] | None:
    """ "The assault comes three weeks after a bomb attack killed 44": in an undated sentence that reports the news,
    an earlier event so many weeks before publication (give or take a few days), not the news itself."""
    m = None if dated or story.published is None else _WEEKS_AFTER.search(s, max(0, start - 60), start)
    if m is None or m.end() != start:
        return None
    day = story.published - dt.timedelta(weeks=_WEEK_COUNT[m.group(1).lower()])
    pad = dt.timedelta(days=SAID_DAYS + 1)
    return DateSpan(day - pad, day + pad, "recent"), "relative"


_BARE_WHEN_BEFORE = re.compile(r"\bwhen\s+(?:ISIS|ISIL|IS|Daesh|the Islamic State|Islamic State|they|(?i:the "
                               r"(?:group|militants|jihadists)))\s+$")
_CLAUSE_END = re.compile(r"\s*(?:[.;:!?\"”’)]|,\s+(?:and|but)\b|$)")


def _background_reference(s: str, start: int, end: int, own, dated_toll: bool) -> bool:
    """An event named in passing with no date of its own: "after the Orlando shooting", "the Paris attacks"; a date
    elsewhere in the sentence dates the sentence ("Mourners gathered Monday, a week after the Paris attacks")."""
    if own is not None:
        return False
    before = s[:start]
    if lx.BACKGROUND_BEFORE.search(before):
        return True
    if not dated_toll and _BARE_WHEN_BEFORE.search(before) and _CLAUSE_END.match(s, end):
        return True   # "who was away from Sinjar when ISIS attacked.": the attack the article told, named again
    return not dated_toll and bool(lx.NAMED_EVENT_BEFORE.search(before) or re.search(
        r"^The\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:[a-z-]+\s+)?$", before))


def _nationality_modifier(s: str, p: PlaceMatch) -> bool:
    """ "the U.S. consulate", "19 U.S. airmen": a nationality, not the place of the event."""
    return p.place.precision == "country" and bool(lx.NATIONALITY_MODIFIER.match(s[p.end:]))


def _locates_attack(s: str, p: PlaceMatch) -> bool:
    """A city or a region locates an attack wherever it stands; a country only after a locative word ("in Syria",
    "a Syrian town"): as a nationality, a subject or an object ("killed two Americans", "hate America") it does not."""
    return p.place.precision != "country" or bool(lx.COUNTRY_LOCATIVE_BEFORE.search(s, max(0, p.start - 40), p.start)
                                                  or lx.DEMONYM_PLACE_AFTER.match(s[p.end:])
                                                  or lx.STRUCK_AFTER.match(s, p.end))


# After a comma, the place where someone was caught, seen, born or buried (and any place named after it): another
# act's place, not the attack's.
_WHERE_OF_ANOTHER_ACT = re.compile(
    r",\s+[^,]{0,40}?\b(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:stopped|arrested|detained|caught|found|captured|"
    r"spotted|seen|shot dead|shot to death|killed by police|buried|born|raised|living|hiding|treated|"
    r"hospitali[sz]ed)\s+"
    r"(?:\w+\s+){0,3}?(?:in|at|near|outside)\b|"   # and every place after it
    # "the gunman's girlfriend has fled to Syria", "as Syrian troops advanced on Raqqa"
    r"\b(?:fled|flown|travell?ed|crossed|escaped|moved|gone|went|advanced|advancing|marched|closed in)\s+"
    r"(?:back\s+)?(?:to|into|on|toward|towards)\b")


_DISTANCE_FROM_BEFORE = re.compile(
    r"(?:\b(?:miles|kilometers|kilometres|km|minutes|hours?)\b\)?\s+(?:\([^)]{0,30}\)\s+)?(?:\w+\s+)?"
    r"(?:(?:north|south|east|west)[\w-]*|outside|from)|"
    # "the village of Hazima, north of Raqqa": a bearing alone, right after the place it locates; "Kocho, a village
    # south of the Sinjar mountains": after the descriptor in apposition
    r",\s+(?:(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?(?:village|town|city|hamlet)\s+)?(?:just\s+|due\s+)?"
    r"(?:north|south|east|west)[\w-]*)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?$", re.I)


_NEW_CLAUSE_AFTER_PLACE = re.compile(r",\s+and\s+(?:an?|the|another)\s+(?:[\w-]+\s+){0,2}")


# "rounded up the village's men", "the men of the village": the village the article last introduced
_THE_VILLAGE = re.compile(r"\bthe (?:village|hamlet)\b(?!\s+of\b)", re.I)


def _the_village(s: str, start: int, end: int, story: Narrative) -> PlaceMatch | None:
    """The attack's clause names "the village": the last village the article introduced by a descriptor ("the Yazidi
    village of Kocho", then "ISIS fighters rounded up the village's men ... and shot them dead")."""
    if not story.introduced:
        return None
    m = _THE_VILLAGE.search(s, start - len(clause_before(s, start)), end + 60)
    if m is None:
        return None
    village = next(reversed(story.introduced.values()))
    return PlaceMatch(m.start(), m.end(), m.group(0), village, "descriptor")


def _the_dateline_town(s: str, start: int, end: int, story: Narrative) -> PlaceMatch | None:
    """"KOCHO, Iraq (AP) — ... in this Yazidi village where Islamic State militants massacred hundreds": the town the
    report is datelined from, which the attack's clause calls "this village" (or town, or city)."""
    if not story.sentences or not _THIS_TOWN.search(s, max(0, start - len(clause_before(s, start)) - 60), end + 60):
        return None
    opening = story.sentences[0].text
    first = next(iter(default_gazetteer().find(opening[:80])), None)
    if first is not None and first.place.precision == "city" and lx.dateline(opening, first):
        return first
    town = _CAPS_NAME.match(opening)   # a village the gazetteer does not know: "KOCHO, Iraq (AP)"
    if first is None or town is None or first.place.precision != "country" or first.start != town.end() + 2:
        return None
    village = PlaceMatch(0, town.end(), town.group(0),
                         Place(town.group(0).title(), first.place.country, None, None, "city"), "dateline")
    return village if lx.dateline(opening, village) else None


_THIS_TOWN = re.compile(r"\bthis\s+(?:[\w-]+\s+){0,3}?(?:village|town|city)\b", re.I)
_CAPS_NAME = re.compile(r"[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}(?=,)")


def _the_only_town(candidates: list[PlaceMatch]) -> PlaceMatch | None:
    """The one place a sentence names, a village the gazetteer does not know, beyond the attack's clause: "shot dead
    seven people, among them two women, who were trying to escape through the village of al-Marashida" (a town it
    knows, so far from the attack's words, is as often where a trial or a speech was)."""
    towns = [p for p in candidates if p.place.precision in ("city", "landmark")]
    return towns[0] if len(towns) == 1 and towns[0].how == "descriptor" else None


def _attack_place(s: str, start: int, end: int, places: list[PlaceMatch]) -> PlaceMatch | None:
    """The place of the attack: the nearest place in its clause, favouring named settlements."""
    clause_start = start - len(clause_before(s, start))
    # "Paris, where ISIS-linked attacks killed 130 people": the town the clause hangs on
    where = _WHERE_BEFORE.search(s, max(0, clause_start - 10), clause_start + 1)
    antecedent_end = where.start() if where else -1
    right = s[end:]
    stop = lx.CLAUSE_BREAK.search(right)
    if stop and stop.start() <= 3 and _RELATIVE_GAP.match(right, stop.start()):
        stop = lx.CLAUSE_BREAK.search(right, stop.end())   # "the attacks, which killed 130 in Paris": the attack's own
    clause_end = end + (stop.start() if stop else len(right))
    fronted_end = _fronted_clause_end(s)
    if fronted_end is not None and end <= fronted_end:
        # "When a general was killed in an ISIS ambush in December, Maliki ... cleared a camp in Ramadi": the main
        # clause's place is its own act's
        clause_end = min(clause_end, fronted_end)
    # a town the attack's words put it in ("killed three people in Lyon")
    attached = any(0 <= q.start - start <= 60 and _IN_BEFORE_PLACE.search(s, start, q.start) for q in places)
    best, best_score = None, None
    for p in places:
        antecedent = p.place.precision in ("city", "landmark") and antecedent_end >= p.end and (
            p.end == antecedent_end or _STATE_AFTER_TOWN.fullmatch(s, p.end, antecedent_end))
        if p.end < clause_start - 1 and not antecedent or p.start > clause_end:
            continue
        if p.end <= start and _NEW_CLAUSE_AFTER_PLACE.fullmatch(s, p.end, start) and \
                any(q.start >= end for q in places if q.start <= clause_end):
            continue   # "broke the siege of the town of Amirli, and a suicide bombing killed 14 in Anbar": Anbar's
        if p.start >= end and (_WHERE_OF_ANOTHER_ACT.search(s, end, p.start) or
                               _IN_RESPONSE_TO.search(s, end, p.start)):
            # "since Monday's market attack, Amri was stopped in Sesto San Giovanni": where he was caught; "in
            # response to airstrikes in Iraq": where the cause was
            continue
        if _in_example_range(s, p):
            continue   # "in towns from San Bernardino, California, to Newtown, Connecticut": a span of examples
        distance = start - p.end if p.end <= start else p.start - end
        before = s[: p.start]
        score = max(distance, 0) + 60 * PRECISION_RANK[p.place.precision]
        if lx.SETTLEMENT_BEFORE.search(before[-30:]) and p.place.precision in ("city", "landmark"):
            score -= 80   # "the town of X", not "the province of Sulu" after "in Patikul town"
        if antecedent and p.end < clause_start:
            if attached:
                continue   # "Paris, where a gunman killed three people in Lyon": the clause names its own town
            score -= 100   # the town the "where" clause hangs on, not a place the sentence goes on to name
        if lx.ROUTE_BEFORE.search(before[-40:]):
            score += 200
        located = [q for q in places if q.end <= p.start and p.start - q.end <= 70 and q.how != "demonym" and
                   q.place.precision in ("city", "landmark")] if _DISTANCE_FROM_BEFORE.search(before[-60:]) else []
        # "Trebes, 60 miles (100 kilometers) southeast of Toulouse": Toulouse is a landmark to find Trebes by
        candidate = located[-1] if located else p
        if best_score is None or score < best_score:
            best, best_score = candidate, score
    return best


_WHERE_BEFORE = re.compile(r",\s+where\b")
_STATE_AFTER_TOWN = re.compile(r",\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?")   # "San Bernardino, Calif., where ..."
# A span of examples: "towns from San Bernardino to Newtown", "attacks from Paris to Orlando" (not "fled from Mosul
# to Raqqa": a journey's places are read as such elsewhere). Read in the words before the place, which opens the span,
# closes it, or qualifies its end ("to Newtown, Connecticut").
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_RANGE_NOUN = (r"\b(?i:towns|cities|villages|places|communities|countries|capitals|continents|streets|campuses|"
               r"schools|churches|attacks|shootings|bombings|massacres|atrocities|killings)\s+from\s+(?:the\s+)?")
_RANGE_OPENS = re.compile(_RANGE_NOUN + "$")
_RANGE_GOES_ON = re.compile(rf"(?:,\s+{_NAME})?,?\s+to\s+(?:the\s+)?[A-Z]")
_RANGE_CLOSES = re.compile(_RANGE_NOUN + rf"{_NAME}(?:,\s+{_NAME})?,?\s+to\s+(?:the\s+)?(?:{_NAME},\s+)?$")


def _in_example_range(s: str, p: PlaceMatch) -> bool:
    """The place opens, closes or qualifies the end of a span of examples, "from <place> to <place>" after a plural
    noun."""
    before = s[max(0, p.start - 120): p.start]
    if " from " not in before:
        return False
    return bool(_RANGE_OPENS.search(before) and _RANGE_GOES_ON.match(s, p.end) or _RANGE_CLOSES.search(before))


# a count of ten or more right before the attack noun: many events, not one ("143 attacks since August 8")
_TALLY_BEFORE = re.compile(r"(?<![\w/.,-])(?:\d{1,3}(?:,\d{3})+|[1-9]\d{1,2}|dozens\s+of|hundreds\s+of|thousands\s+of)"
                           r"\s+(?:(?:anti-[\w-]+|terror(?:ist)?|suicide|mass|car|truck|bomb|gun|knife|grenade|hand|"
                           r"deadly|fatal|separate|violent|(?-i:[A-Z][\w-]+))\s+){0,2}$", re.I)
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")


def _tally_before(s: str, start: int) -> bool:
    """A count of events right before the attack noun at `start`, not a day of the month ("the Nov. 13 attacks")."""
    m = _TALLY_BEFORE.search(s, max(0, start - 40), start)
    return m is not None and not _MONTH_BEFORE.search(s, max(0, m.start() - 12), m.start())


_FRONTED = re.compile(r"(?:When|After|As|Before|Once|While|Although|Because|Since|Until)\s")
# after a comma, the same clause goes on ("on September 11, including an assault", "a militia, Kataib Hezbollah, on a
# base in Iraq"), or an apposition or a country comes between two commas ("in Benghazi, Libya, Romney")
_PUNCTUATION = re.compile(r"[,;:]")
_CLAUSE_GOES_ON = re.compile(r"\s*(?:(?:including|such\s+as|and|or|but|which|who|whom|whose|where|when|on|in|at|near|"
                             r"outside|inside|during|with|by|from)\b|"
                             r"(?:[^\s,;:]+\s+){0,3}[^\s,;:]+,)")


def _fronted_clause_end(s: str) -> int | None:
    """Where a sentence's opening subordinate clause ("When ..., ", "After ..., ") ends: the first comma after which
    the clause does not go on; None for a sentence that does not open with one."""
    if not _FRONTED.match(s):
        return None
    for comma in _PUNCTUATION.finditer(s):
        if comma.group(0) != ",":
            return None
        if not _CLAUSE_GOES_ON.match(s, comma.end()):
            return comma.start()
    return None


def toll_owners(s: str, groups: list[list[Trigger]], tolls: list[Toll], places: list[PlaceMatch]) -> list[list[int]]:
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
_TIME_PREPOSITION_BEFORE = re.compile(r"\b(?:before|after|since|until|following)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
                                      re.I)
# Only the attack's town and time between its word and ", when": the clause tells that attack, not another act
_ELABORATING_WHEN = re.compile(r"(?:\s+(?:in|at|on|near|outside)\s+(?:the\s+)?[A-Z][\w'’.-]*"
                               r"(?:\s+[A-Z][\w'’.-]*){0,2})?(?:\s+(?:last|this|that)\s+(?:year|month|week|summer|spring|fall|autumn|winter)|"
                               r"\s+in\s+\d{4})?,\s+when\b")


_TOLL_PAIR_GAP = re.compile(r"\s*,?\s+and\s+")


def _with_paired_tolls(owned: list[Toll], tolls: list[Toll], s: str) -> list[Toll]:
    """ "Two soldiers died and four were wounded after their convoy hit a bomb": the dead named with the wounded
    the attack owns are its dead too, however far before its words they stand."""
    paired = [t for t in tolls if t not in owned and t.role != "injured" and
              any(o.role == "injured" and o.start >= t.end and _TOLL_PAIR_GAP.fullmatch(s, t.end, o.start)
                  for o in owned)]
    return sorted(owned + paired, key=lambda t: t.start) if paired else owned


def _nearest_trigger_owner(toll: Toll, group: list[Trigger], s: str) -> bool:
    """A toll belongs to the attack whose words precede it in the same clause (or follow it closely)."""
    start, end = group[0].start, group[-1].end
    if start <= toll.start and toll.end <= end:
        return True   # "opened fire ..., killing 50 people ... in the deadliest mass shooting": between its words
    if toll.start < start < toll.end:
        return True   # "120 people were killed when a series of shootings and explosions rocked": its first word
    if toll.start >= end:
        # "the deadliest attack in Kabul last year, when a bomber killed 63"; not "a day before the Parsons Green
        # explosion, when Isis gunmen killed 80": the clause tells what happened at that time, not the explosion
        after = _ELABORATING_WHEN.match(s, end) if not _TIME_PREPOSITION_BEFORE.search(s, max(0, start - 60), start) \
            else None
        return not _TOLL_GAP_BREAK.search(s, after.end() if after else end, toll.start) and toll.start - end < 160
    # "the death toll was at 22, with more than 50 injured in what was a suicide bombing": a toll phrase names
    # the toll of the attack the sentence is about, a little further off
    reach = 130 if "toll" in toll.surface.lower() else 60
    return end - toll.end < reach and not lx.CLAUSE_BREAK.search(s[toll.end: start])
