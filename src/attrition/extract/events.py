"""Event mentions from one article: attacks and territorial losses, each tied to its sentence.

The extractor reads an article as a narrative, sentence by sentence:

1. a cheap gate (lexicon.ANY_TRIGGER) skips articles and sentences that cannot hold an event (loss words count
   only in an article that names the group, whose losses they would be);
2. trigger words open candidate events; a candidate survives only if it is reported as having
   happened (not planned, feared, negated, hypothetical or a military strike on ISIS) and has a
   place, either in its own clause or from the sentence that set the scene just before it;
3. dates are resolved against the publication date or the previous event in the narrative;
4. sentences that add detail without opening an event ("The victim toll was zero in both
   places", "ISIS claimed responsibility for that atrocity") update the event they continue;
5. mentions of the same event inside one article are merged, keeping the most precise values;
6. the whole article is read again for what reports spread over many sentences: who did it, the day
   ("Tuesday's attack"), the toll in the headline.

Every field left null carries a reason in `null_reasons`. The rule families live in their own modules:
`narrative` (what earlier sentences established, clause and date helpers), `attacks`, `losses`,
`attribution` (within a sentence and across the article), `frames` (one event, the whole article),
`dates`, `numbers`, `places`; word lists in `lexicon` and `seeds/` (perpetrators, captors, places);
`trace` records which guard or rule decided each candidate (`attrition explain`).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from bisect import bisect_right
from dataclasses import replace

from attrition.extract import attacks, attribution, frames, known, trace
from attrition.extract import lexicon as lx
from attrition.extract.attacks import attack_from, attack_triggers, cluster_triggers, recalled_alongside, toll_owners
from attrition.extract.captives import captive_killings, names_a_captive
from attrition.extract.dates import DateSpan, find_dates, month_after, month_of_year, resolve
from attrition.extract.frames import merge_within_article
from attrition.extract.losses import headline_targets, in_past_tense, listed_places, loss_from, loss_triggers
from attrition.extract.narrative import (
    CONTINUATION_SENTENCES,
    SAID_DAYS,
    SCENE_SENTENCES,
    Mention,
    Narrative,
    Trigger,
    clause_around,
    continue_events,
    current_scene,
    eligible_place,
    with_landmarks,
)
from attrition.extract.numbers import Quantity, find_tolls, one_killed
from attrition.extract.places import PlaceMatch, default_gazetteer, fold, names_villages, person_surnames
from attrition.extract.sentences import Sentence, sentences_at, split_sentences

EXTRACTOR_VERSION = "0.22.2"
LEDE_SENTENCES = 3   # a headline's news is told again in the article's first sentences
ISIS_ABROAD_FROM = dt.date(2013, 4, 1)   # the Islamic State of Iraq became ISIS, and acted in Syria


def extract_mentions(text: str, published: dt.date | None, title: str | None = None) -> list[Mention]:
    """Every attack and territorial loss the article reports, merged per event."""
    low = lx.lower(text)
    if low is None:   # lower case would shift offsets: search the text itself
        low, gated, trigger_re, detail_re = text, text, lx.ANY_TRIGGER, lx.DETAIL_CUE
    else:
        gated, trigger_re, detail_re = lx.gate_bytes(low), lx.ANY_TRIGGER_LC, lx.DETAIL_CUE_LC
    if not trigger_re.search(gated) and not _headline_may_tell_loss(title):
        return []
    known_low = low if low is not text else None   # the text's lower case, while it is the text's
    if "MORE" in text:
        text, known_low = _blank_sidebars(text), None
    isis_named = lx.isis_mentions(text, known_low)
    named_isis = len(isis_named)
    names_isis = named_isis > 0 or lx.mentions_isis(title or "")
    if not names_isis:   # no loss of the group's to report: only attack words open a sentence
        trigger_re = lx.ATTACK_GATE if trigger_re is lx.ANY_TRIGGER else lx.ATTACK_GATE_LC
        if not trigger_re.search(gated):
            return []
    hits = [m.start() for m in trigger_re.finditer(gated)]
    lowered = low if low is not text else text.lower()
    if not trace.active():   # explain reads every candidate, even of an article that reports nothing
        held = sentences_at(text, hits)
        if held is not None and not _any_opens(held, names_isis) and not names_a_captive(lowered) and \
                not (names_isis and _headline_may_tell_loss(title)):
            return []   # no sentence can open an event, and only a known captive's killing is told without one
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    worded = {bisect_right(starts, hit) - 1 for hit in hits}
    triggered = {i for i in worded if _may_open(sentences[i].text, names_isis)}
    if not triggered and not names_a_captive(lowered) and not (names_isis and _headline_may_tell_loss(title)):
        return []   # (when tracing, or when an offset needed the whole split)
    # a sentence that opens no event matters only as the scene of a trigger sentence just after it, or as
    # detail for the event before it: dates and places are read only where they can matter
    near_trigger = {i - k for i in triggered for k in range(SCENE_SENTENCES + 1)} | worded
    gazetteer = default_gazetteer()
    about_isis = lx.mentions_isis(title or "") or named_isis >= 2
    story = Narrative(published, about_isis, person_surnames(text), text=text, sentences=sentences,
                       title=title or "", names_isis=names_isis,
                       lede_names_isis=bool(sentences) and any(sentences[0].start <= m.start() and
                                                               m.end() <= sentences[0].end for m in isis_named))
    for sentence in sentences:
        i = sentence.index
        if i in near_trigger:
            has_trigger = i in triggered
            detail = has_trigger or bool(detail_re.search(low, sentence.start, sentence.end))
            _read_sentence(sentence, story, gazetteer, has_trigger, detail)
        elif story.events and i - story.events[-1].sentence.index <= CONTINUATION_SENTENCES and \
                detail_re.search(low, sentence.start, sentence.end):
            tolls = find_tolls(sentence.text)
            found = gazetteer.find(sentence.text, countries=story.countries, people=story.people) if tolls else []
            continue_events(sentence, story, tolls, places=_towns(sentence.text, found))
    merged = merge_within_article(story.events)
    for mention in merged:
        if mention.perpetrator == "ISIS" and _before_isis(mention):
            mention.perpetrator, mention.attribution, mention.claimed = None, None, None
    if names_isis and _headline_may_tell_loss(title):
        merged += _headline_losses(title, sentences, story, gazetteer, merged)
    known.date_known_losses(merged, published)
    merged += captive_killings(story, merged, lowered)
    if any(m.kind == "attack" for m in merged):
        links = attribution.article_links(sentences, title or "", gazetteer, story.countries, story.people)
        attribution.apply_links(merged, links, _before_isis, sentences, story.people, published, title or "")
        frames.complete(merged, sentences, title or "", published, gazetteer, story.countries, story.people)
        known.date_known(merged, sentences, published)
        frames.date_before_sequel(merged)
        merged = known.split_victims(merged, published)
        known.fill_known_tolls(merged, sentences, published)
        attribution.same_attacker(merged, sentences, _before_isis)
        known.known_perpetrators(merged, sentences, published, story.about_isis)
        for mention in merged:
            if mention.date_how == "known" and mention.perpetrator == "ISIS" and _before_isis(mention):
                mention.perpetrator, mention.attribution, mention.claimed = None, None, None
        merged = frames.merge_repeats(merged)
        for mention in merged:
            if mention.kind == "attack" and mention.killed is None:
                mention.killed = _one_victim(mention)
            fresh = attacks.fresh_in_lede(mention, published) if mention.kind == "attack" else None
            if fresh is not None:
                mention.date, mention.date_how = fresh, "relative"
                mention.support.append(f"date@{mention.sentence.index}:fresh_lede")
    return merged
_SIDEBAR = re.compile(r"(?<=[a-z]{3})(?=[A-Z0-9])[^\n]{0,700}? MORE\b(?: \([A-Z]-[\w.]+\))?")


def _may_open(s: str, names_isis: bool) -> bool:
    """A trigger pattern matches in the sentence, before any guard: the gate's words are also inside words that
    open nothing ("executive", "establish", "programme", "skill"), and such a sentence is read as any other."""
    return attacks.may_open(s) or names_isis and bool(lx.LOSS_OBJECT_TRIGGERS.search(s) or
                                                      lx.LOSS_SUBJECT_TRIGGERS.search(s))


def _any_opens(texts: list[str], names_isis: bool) -> bool:
    """One of the sentences can open an event. In a story that never names the group only attacks open, and an
    attack word's guards read its sentence alone (places count only in an article about ISIS): when every attack
    word falls to a guard ("attacks on Democrats"), nothing opens and the story need not be read."""
    if names_isis:
        return any(_may_open(s, names_isis) for s in texts)
    return any(attack_triggers(s, [], about_isis=False) for s in texts)


def _one_victim(mention: Mention) -> Quantity | None:
    """One dead, where an attack no sentence gave a toll kills one victim in its own clause by the wider reading
    ("a senior Iraqi general was killed in an ISIS ambush", "killed a U.S. soldier", "beheaded him"): read last, so
    that a count from another sentence comes first, and only in a sentence without a count of its own."""
    s = mention.sentence.text
    return None if find_tolls(s) else one_killed(clause_around(s, mention.trigger_at, mention.trigger_at + 1))


def _blank_sidebars(text: str) -> str:
    """Headlines a news site links after a politician's name ("Cory Anthony Booker2020 Democrats push for gun
    control ... before El Paso shooting ... MORE"): blanked, keeping every offset, so they report nothing."""
    return _SIDEBAR.sub(lambda m: " " * len(m.group(0)), text)


def _before_isis(mention: Mention) -> bool:
    """An attack dated before the Islamic State acted outside Iraq cannot be its attack (Hezbollah in the
    1980s, 9/11, Fort Hood in 2009), however ISIS-heavy the article."""
    return mention.date is not None and mention.date.end < ISIS_ABROAD_FROM and mention.country != "IQ"


def _towns(s: str, found: list) -> list:
    """The towns a sentence places something in (not its countries): a toll next to another town is that town's."""
    return [m for m in found if m.place.precision != "country" and eligible_place(s, m)
            and lx.LOCATIVE_BEFORE.search(s, max(0, m.start - 30), m.start)]


def _home_country(story: Narrative, index: int) -> str | None:
    """The country the narrative is in: its scene's, else the one the article has named most places in so far; one
    the article names as a country before one it does not (a "Metele" read as Ethiopia's in a story from Nigeria)."""
    scene = current_scene(story, index)
    ranked = [scene[0].place.country] if scene and scene[0].place.country else []
    ranked += [c for c, _ in story.named_countries.most_common()]
    return next((c for c in ranked if c in story.countries), ranked[0] if ranked else None)


def _read_sentence(sentence: Sentence, story: Narrative, gazetteer, has_trigger: bool, detail: bool) -> None:
    s = sentence.text
    trace.at(sentence.index)
    date_exprs = find_dates(s)
    if not detail and not date_exprs:
        _narrow_scene(sentence, story, None)
        return
    if has_trigger and _caption(sentence, story):
        trace.dropped("sentence", s[:60], "photo_caption")
        return   # "Iraqi families fled ISIS attacks ... (Photo: AP)": a picture's description, not a report
    found = gazetteer.find(s, countries=story.countries, people=story.people, introduced=story.introduced,
                           home=functools.partial(_home_country, story, sentence.index))
    for m in found:
        if m.how == "descriptor":
            story.introduced.setdefault(fold(m.surface).lower(), m.place)
        elif m.how != "demonym" and m.place.country:
            story.named_countries[m.place.country] += 1
    if has_trigger:
        found = with_landmarks(s, found, gazetteer)
        story.named_here = found
    named = {m.place.country for m in found if m.place.precision in ("country", "region") and m.place.country}
    if not named <= story.countries:
        story.countries = story.countries | named
    places = [m for m in found if eligible_place(s, m)]
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
        continue_events(sentence, story, places=_towns(s, found))
        _narrow_scene(sentence, story, places, dated)
    if dated and places:
        # not where a speaker sits ("said Bowdich, of the FBI office in Los Angeles")
        local = [p for p in places if p.place.precision != "country" and not lx.dateline(s, p) and
                 not lx.SPEAKER_PLACE_BEFORE.search(s, max(0, p.start - 50), p.start)]
        if 0 < len(local) <= 2:
            span, how = dated[0][1], dated[0][2]
            story.scene = (local[0], span, how, sentence.index)
            story.last_date, story.last_date_index = span, sentence.index


# "surrounded al-Rawda mosque in Bir al-Abd": a site of the attack, then its town
_SCENE_BEFORE = re.compile(r"\b(?:mosque|church|market|school|hotel|checkpoint|camp|base|post|station|square|hospital|"
                           r"shrine|restaurant|cafe|village|town)\s+(?:in|at|of|near)\s+(?:the\s+)?$", re.I)
# "west of the provincial capital El Arish": a town to find the scene by, not the scene
_BEARING_NEAR_BEFORE = re.compile(r"\b(?:north|south|east|west)\w*\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)


def _narrow_scene(sentence: Sentence, story: Narrative, places: list[PlaceMatch] | None, dated=()) -> None:
    """ "Militants stormed a crowded mosque in Egypt's North Sinai ..." then "Gunmen surrounded al-Rawda mosque in Bir
    al-Abd, a village west of El Arish": the sentence right after an attack told only by its region or country sets
    its scene in the one town of that country it names at a site, and its day, where the attack was dated only by
    the days up to a claim ("on Thursday claimed ... an assault in western Niger", then "attacked the camp at Inates
    on Tuesday evening")."""
    if not story.events:
        return
    current = story.events[-1]
    if current.kind != "attack" or current.place is None or current.place.precision not in ("country", "region") or \
            sentence.index - current.sentence.index != 1:
        return
    s = sentence.text
    gazetteer = default_gazetteer()
    if places is None:
        places = [m for m in gazetteer.find(s, countries=story.countries, people=story.people) if eligible_place(s, m)]
    towns = [p for p in places if p.place.precision in ("city", "landmark") and p.place.name and
             p.place.country == current.place.country and
             not lx.dateline(s, p) and not gazetteer.is_capital(p.place) and
             not _BEARING_NEAR_BEFORE.search(s, max(0, p.start - 60), p.start)]
    at_site = [p for p in towns if _SCENE_BEFORE.search(s, max(0, p.start - 40), p.start)]
    if len({p.place.name for p in towns}) == 1 and at_site:
        current.place, current.place_surface = at_site[0].place, at_site[0].surface
        current.support.append(f"place@{sentence.index}:scene")
        said = current.date if current.date is not None and current.date.precision == "recent" and \
            current.date_how in ("explicit", "relative") else None
        day = next((d for d in dated if said and d[1].precision == "day" and said.start <= d[1].start <= said.end),
                   None)
        if day is not None:
            current.date, current.date_how = day[1], day[2]
            current.support.append(f"date@{sentence.index}:scene")


def _caption(sentence: Sentence, story: Narrative) -> bool:
    if lx.CAPTION.search(sentence.text):
        return True
    return bool(story.text) and bool(lx.CAPTION_AFTER.match(story.text[sentence.end: sentence.end + 40]))
_FROM_PUBLICATION = re.compile(r"(?:last|this|next)\b", re.I)
_OF_THAT_YEAR = re.compile(r"\s+(?:of\s+)?(?:that|the\s+same)\s+year\b", re.I)
_STATEMENT_OPENING = re.compile(r"(?:^|[;:]\s*)(?:[Oo]n\s+|[Ll]ate\s+|[Ee]arly\s+)?$")


def _resolve_dates(exprs, story: Narrative, s: str = "") -> list[tuple[int, DateSpan, str, int]]:
    """(offset, span, how, end offset) for every expression that resolves; a date beside a speech verb ("said Sunday",
    "on Thursday, officials said") dates the statement, so it comes after the dates of the events."""
    out, said = [], []
    day_before = None   # the last day the sentence named before the expression
    dated_before = None   # the last date with its year the sentence named: "in May 2017 ... in October"
    year_before = None   # the last year the sentence named: "in 2015, Ramadi in December of that year"
    for expr in exprs:
        # "said Saturday that 80 were killed a day earlier": the offset counts from Saturday; not "on September 12,
        # the day after the attack", where the day after names the day before it
        own = day_before is not None and not expr.surface.lower().endswith(("after", "before"))
        span = resolve(expr, story.published, day_before if own else story.last_date)
        if span is None:
            continue
        if expr.anchor == "publication" and span.precision == "month" and year_before is not None and \
                _OF_THAT_YEAR.match(s, expr.end):
            span = month_of_year(span, year_before, story.published)
        elif expr.anchor == "absolute" and span.precision in ("day", "month"):
            dated_before = span
        elif expr.anchor == "publication" and span.precision == "month" and dated_before is not None and \
                not _FROM_PUBLICATION.match(expr.surface):   # "last July" counts from the day of publication
            span = month_after(span, dated_before, story.published)
        if expr.anchor == "absolute" and span.precision in ("day", "month", "year"):
            year_before = span.start.year
        if expr.anchor != "previous" and span.precision == "day":
            day_before = span
        how = {"absolute": "explicit", "publication": "relative", "previous": "narrative"}[expr.anchor]
        if s and span.precision == "day" and (lx.SPEECH_BEFORE_DATE.search(s[max(0, expr.start - 40): expr.start])
                                              or lx.SPEECH_RIGHT_AFTER_DATE.match(s, expr.end)
                                              or _STATEMENT_OPENING.search(s[: expr.start]) and
                                              lx.SPEECH_AFTER_DATE.match(s[expr.end: expr.end + 60])):
            # the event happened on or shortly before the day it was reported
            said.append((expr.start, DateSpan(span.start - dt.timedelta(days=SAID_DAYS), span.end, "recent"), how,
                         expr.end))
        else:
            out.append((expr.start, span, how, expr.end))
    return out + said


def _open_events(sentence: Sentence, places: list[PlaceMatch], dated, story: Narrative) -> list[Mention]:
    s = sentence.text
    triggers = attack_triggers(s, places, story.about_isis) + loss_triggers(s, places, story, sentence.index)
    if not triggers:
        return []
    tolls = find_tolls(s)
    mentions: list[Mention] = []
    used_places: set[int] = {t.place_after.start for t in triggers if t.place_after}
    groups = cluster_triggers(s, [t for t in triggers if t.kind == "attack"])
    owners = toll_owners(s, groups, tolls, places)
    for gi, group in enumerate(groups):
        own_tolls = [t for t, owner in zip(tolls, owners, strict=True) if not owner or gi in owner]
        # "terrorists attacked a hotel in Mali and a week after Islamic State fighters struck Paris": the place and
        # the group named with the next attack are that attack's
        following = groups[gi + 1][0].start if gi + 1 < len(groups) else None
        mention = attack_from(sentence, group, places, used_places, own_tolls, dated, story, following)
        if mention:
            mentions.append(mention)
            mentions += _at_villages_listed(mention, places, s) + recalled_alongside(mention, places, story)
    for trigger in (t for t in triggers if t.kind == "territorial_loss"):
        # "retook the villages of Siha, Mazraat al-Rahim and Ajil": one loss per place listed
        listed = listed_places(places, trigger.place_after, s, tails=True)
        for target in listed:
            # in a list whose towns carry their own dates, each town's date is its own
            own = next((d for d in dated if 0 < d[0] - target.end <= 1), None) if len(listed) > 1 else None
            loss = loss_from(sentence, replace(trigger, place_after=target), places, [own] if own else dated, story)
            if loss:
                mentions.append(loss)
    return mentions


def _at_villages_listed(mention: Mention, places: list[PlaceMatch], s: str) -> list[Mention]:
    """The same attack at each further village a list names ("killed some 700 members of the tribe in and around the
    villages of Abu Hamam, Kishkiyeh and Ghranij"): one row per site, and the toll, told for them all, is none's."""
    first = next((p for p in places if p.place == mention.place and p.surface == mention.place_surface), None)
    if first is None or not names_villages(s, first):
        return []
    others = [p for p in listed_places(places, first, s)[1:] if p.how == "descriptor"]
    if not others:
        return []
    mention.killed = mention.injured = None
    mention.support.append(f"place@{mention.sentence.index}:villages_listed")
    return [replace(mention, place=p.place, place_surface=p.surface, attack_types=list(mention.attack_types),
                    support=list(mention.support), seen_at=list(mention.seen_at)) for p in others]


def _headline_may_tell_loss(title: str | None) -> bool:
    if not title:
        return False
    title = in_past_tense(title)
    return bool(lx.LOSS_OBJECT_TRIGGERS.search(title) or lx.LOSS_SUBJECT_TRIGGERS.search(title) or
                lx.HEADLINE_LOSS.search(title) or lx.HEADLINE_GROUP_DRIVEN.search(title))


def _headline_losses(title: str, sentences: list[Sentence], story: Narrative, gazetteer,
                     merged: list[Mention]) -> list[Mention]:
    """A loss the headline reports ("Iraqi forces retake Baiji from ISIS", "Bashiqa freed from ISIL") that the body
    tells without a loss verb of its own ("troops entered the center of Baiji on Tuesday and raised the flag"): the
    lede sentence that names the town gives its evidence, its date and its captor; the headline, that the group lost
    it. A town the body already reports lost is left to the body."""
    title = in_past_tense(title)
    places = [m for m in gazetteer.find(title, countries=story.countries, people=story.people)
              if eligible_place(title, m)]
    lost = {known.town_key(m.place.name) for m in merged if m.kind == "territorial_loss" and m.place and m.place.name}
    told = replace(story, last_date=None)   # the lede's own dates, not the last one the body read
    found = []
    for target, captor in headline_targets(title, places, story) if places else []:
        town = known.town_key(target.place.name) if target.place.name else None
        if town is None or town in lost or target.place.precision not in ("city", "landmark"):
            # "push Islamic State out of two towns in Diyala": the towns are the body's to name
            continue
        for sentence in sentences[:LEDE_SENTENCES]:
            named = gazetteer.find(sentence.text, countries=story.countries, people=story.people)
            match = next((p for p in named if p.place.name == target.place.name), None)
            if match is None:
                continue
            dated = _resolve_dates(find_dates(sentence.text), told, sentence.text)
            trigger = Trigger("territorial_loss", match.start, match.end, None, "loss", "loss.headline", match)
            mention = loss_from(sentence, trigger, named, dated, told, loser_named=True)
            if mention is not None and mention.place is not None and mention.place.name == target.place.name:
                # not "retake town south of Baghdad": ground near the town named, not the town
                mention.captured_by = mention.captured_by or captor
                mention.support.append("loss@-1:headline")
                found.append(mention)
                lost.add(town)
            break
    return found


def mention_id(article_id: str, mention: Mention) -> str:
    key = f"{article_id}|{mention.kind}|{mention.sentence.index}|{mention.trigger_at}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]
