"""Territorial losses: the verbs of a loss ("retook", "drove ... out of", "declared victory in", "fell to"), the
place they take, the guards that say it is no loss of the Islamic State (a gain, a promise, an ongoing battle,
civilians or rebels driven out), the date (or the window before publication for a loss stated in passing) and
the captor as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from attrition.extract import known, trace
from attrition.extract import lexicon as lx
from attrition.extract.dates import DateSpan
from attrition.extract.dates import before as span_before
from attrition.extract.narrative import (
    Mention,
    Narrative,
    Trigger,
    around_place,
    clause_around,
    clause_before,
    date_for,
    hypothetical,
)
from attrition.extract.places import PlaceMatch, default_gazetteer
from attrition.extract.sentences import Sentence

LOSS_ERA_START = dt.date(2014, 1, 1)    # ISIS held towns from January 2014: an undated loss came later


def listed_places(places: list[PlaceMatch], first: PlaceMatch, s: str, tails: bool = False) -> list[PlaceMatch]:
    """The place, and the places listed after it ("Fallujah, Ramadi and Tikrit"); with `tails`, items may carry their
    own date or region ("Tikrit in 2015, Ramadi in December of that year and Fallujah in June 2016")."""
    gap = _TAILED_LIST_GAP if tails else _LIST_GAP
    listed = [first]
    for p in places:
        if p.start >= listed[-1].end and p.place.precision not in ("country", "region"):
            if not gap.match(s[listed[-1].end: p.start]):
                break
            listed.append(p)
    return listed


def loss_triggers(s: str, places: list[PlaceMatch], story: Narrative, index: int = -1) -> list[Trigger]:
    if not story.names_isis:
        return []   # "captured the town from militants" in a story that never names the group is not its loss
    found = []
    isis_here = lx.mentions_isis(s)
    for m in lx.LOSS_OBJECT_TRIGGERS.finditer(s):
        verb = m.group(0)
        guard = _loss_object_guard(s, m, verb, places, isis_here, story, index)
        if isinstance(guard, str):
            trace.dropped("territorial_loss", verb, guard)
            continue
        found.append(Trigger("territorial_loss", m.start(), m.end(), None, "loss", "loss.object", guard))
    for m in lx.LOSS_SUBJECT_TRIGGERS.finditer(s):
        guard = _loss_subject_guard(s, m, places, isis_here, story, index)
        if isinstance(guard, str):
            trace.dropped("territorial_loss", m.group(0), guard)
            continue
        found.append(Trigger("territorial_loss", m.start(), m.end(), None, "loss", "loss.subject", guard))
    return found


def headline_targets(title: str, places: list[PlaceMatch], story: Narrative) -> list[tuple[PlaceMatch, str | None]]:
    """The towns a headline reports lost by the group, each with the captor it names: "Iraqi forces retake oil town
    of Baiji from ISIS" by its verbs, and in a headline's own short passive, "Bashiqa freed from ISIL", "Mosul is
    free of ISIS"; never in a question ("Can Iraq retake Mosul?")."""
    if not story.names_isis or title.rstrip().endswith("?"):
        return []
    targets = {}
    for t in loss_triggers(title, places, story):
        for p in listed_places(places, t.place_after, title):
            targets[p.start] = (p, _captor(title, t.start) or _captor_as_written(title, replace(t, place_after=p)))
    for m in lx.HEADLINE_LOSS.finditer(title):
        target = _last_place_before(places, m.start(), title)
        if target is not None and target.start not in targets and not hypothetical(title, m.start()):
            targets[target.start] = (target, _captor(title, m.start()))
    for m in lx.HEADLINE_GROUP_DRIVEN.finditer(title):
        target = _first_place_after(places, m.end(), title)
        if target is not None and target.start not in targets and not hypothetical(title, m.start()):
            targets[target.start] = (target, _captor(title, m.start()))
    return list(targets.values())


def in_past_tense(title: str) -> str:
    """A headline's present tense told in the past, as the loss patterns read it: "Syrian troops take back Qaryatayn
    from ISIL" is "Syrian troops took back Qaryatayn from ISIL"."""
    for pattern, past in lx.HEADLINE_PRESENT:
        title = pattern.sub(past, title)
    return title


def _loss_object_guard(s: str, m: re.Match, verb: str, places: list[PlaceMatch], isis_here: bool,
                       story: Narrative, index: int = -1) -> PlaceMatch | str:
    """The place a loss verb ("retook", "drove ... out of") takes as its object, or the guard that refuses it."""
    if lx.ONGOING.search(s[: m.start()]):
        return "ongoing"
    if hypothetical(s, m.start()):
        return "hypothetical"
    first = verb.split()[0].lower()
    if (first.endswith("ing") and verb.lower().endswith("out of") or first in _BARE_OR_CLEARING) and \
            not lx.LOSS_ACHIEVED_BEFORE.search(s, max(0, m.start() - 40), m.start()):
        # "pushing ISIS out of Anbar", "push ISIS out of Mosul", "clearing Raqqa of ISIS" are goals unless it
        # "succeeded in", "helped" or "finished" it, or came "after" it
        return "prospect"
    noun = bool(_DEFEAT_NOUN.search(verb))   # "ensuring the defeat of ISIS in Mosul"; "ISIS's defeat in Mosul came"
    if (verb.lower().endswith(("ing", "ion of", "fall of")) or noun) and \
            (lx.LOSS_PROSPECT_BEFORE.search(s[: m.start()]) and not _next_loss_told(s, m.start()) or
             not noun and not s[: m.start()].strip()):
        # "the eventual retaking of Mosul", "vital for liberating Raqqa", "Reclaiming Sinjar is one big step"
        return "prospect"
    beaten = _BEATEN_VERB.match(verb)
    target = _place_beaten_at(places, m.end(), s) if beaten else _first_place_after(places, m.end(), s)
    if target is not None and _OF_NOUN.match(verb.split()[0]) and \
            _NOUN_BEFORE.search(s, max(0, m.start() - 12), m.start()) and \
            not verb.lower().endswith(" of") and not _OF_AFTER.match(s, m.end()):
        target = None   # "The recapture also hands Moscow a propaganda victory": a noun takes its town with "of"
    if target is None and _IT_BEFORE.search(s, max(0, m.start() - 30), m.start()):
        # "Kurdish fighters swept into this battered mountain town on Friday, declaring it freed": the town named
        target = _it_antecedent(story, index, s, m.start())
    if target is None and _IT_AFTER.match(s, m.end()):
        # "The Mosul Dam ... after they retook it"; "The district was the last pocket ... until Iraqi forces retook it"
        target = _sentence_subject(places, m.start()) or _it_antecedent(story, index, s, m.start())
    site = _THE_SITE_AFTER.match(s, m.end()) if target is None else None
    if site:
        target = _antecedent(story, index, site.group(1), m.end())   # "recaptured the dam": the dam named before
    if target is None:
        target = _relative_antecedent(places, s, m.start())   # "Rutba, which Iraqi forces retook from ISIS"
    if target is None:   # "The town in Diyala province, which peshmerga fighters recaptured from Isis"
        head = _NOUN_RELATIVE.search(s, 0, m.start())
        target = _antecedent(story, index, head.group(1), head.start()) if head else None
    if target is None:
        return "no_place"
    if lx.MODAL_AFTER.match(s[target.end:]) or lx.LOSS_FUTURE_AFTER.match(s[target.end:]):
        return "future"
    if _other_loser(s[max(0, m.start() - 40): target.end + 30], min(40, m.start())) and \
            not (isis_here and lx.ISIS_LOSER.search(s)) and \
            not _group_passive_subject(s, m.start()):
        # "a rebel-held area", "families were forced out of villages": not the Islamic State; but in "since ISIS was
        # expelled from Ramadi, residents have returned" the group is the one expelled
        return "other_loser"
    if _TOOK.match(verb) and _FROM_ANOTHER.match(s, target.end):
        return "other_loser"   # "Syrian rebels took Azaz from government forces": not the group's loss
    if lx.PASSIVE_LOST.search(s[: m.start()]) and verb.lower().startswith("lost"):
        return "passive_lost"   # "it was lost in Washington"
    if _PART_OF.search(s, m.end(), target.start):
        return "partial"   # "driven ISIS out of parts of Benghazi", "entered eastern Mosul": the town is not lost
    if "," in s[m.end(): target.start] and not _ISIS_HELD_APPOSITION.fullmatch(s, m.end(), target.start):
        # "expelled from the group, then the G8, over the annexation of Crimea"; not "the fall of the
        # self-proclaimed capital of ISIS, Mosul"
        return "not_its_object"
    if lx.ISIS_AGENT_AFTER.match(s, target.end):
        return "isis_gain"   # "the brigade was expelled from Azaz by the jihadists": ISIS won the town
    driven = _DRIVEN_OBJECT.match(verb)
    if driven and driven.group(1) and not lx.ISIS_OBJECT.search(driven.group(1)):
        return "other_driven_out"   # "expelled Russia from", "forced families out of": someone else was driven out
    return target if _isis_lost(s, m, verb, isis_here, story, target) else "not_isis_loser"


def _next_loss_told(s: str, start: int) -> bool:
    """"retook Tikrit in 2015 ..., before recapturing Mosul last July", "drove the militants from Tal Afar in August,
    then retook Hawija ... on Oct. 5": after a loss told in the past, ", before" with a verb in -ing or ", then" tells
    the next one (not a prospect), on its own date."""
    if not _COMMA_BEFORE.search(s, max(0, start - 12), start):
        return False
    return any(not t.group(0).split()[0].lower().endswith("ing") and not hypothetical(s, t.start())
               for t in lx.LOSS_OBJECT_TRIGGERS.finditer(s, 0, start))


_COMMA_BEFORE = re.compile(r"(?:,\s+before|,\s+(?:and\s+)?then|\s+and\s+then)\s+$")


def _loss_subject_guard(s: str, m: re.Match, places: list[PlaceMatch], isis_here: bool,
                        story: Narrative, index: int = -1) -> PlaceMatch | str:
    """The place before "was retaken", "fell to", or the guard that refuses it."""
    if hypothetical(s, m.start()):
        return "hypothetical"
    if m.group(0)[:3].lower() in ("is ", "are") and _WHEN_BEFORE.search(clause_before(s, m.start())):
        return "prospect"   # "When Mosul is liberated, it will mark the beginning of the end"
    target = _last_place_before(places, m.start(), s)
    anaphor = _ANAPHOR_SUBJECT.search(s, 0, m.start()) if target is None else None
    if anaphor:   # "The city was retaken from the Islamic State group", "staying in the city until it fell to the SDF"
        target = _antecedent(story, index, anaphor.group("noun"), anaphor.start()) if anaphor.group("noun") else \
            _it_antecedent(story, index, s, anaphor.start())
    if target is None:
        return "no_place"
    if not (isis_here or story.about_isis or story.lede_names_isis or story.names_isis and _known_loss_town(target)):
        # "Sinjar itself was freed in November 2015" in a story that names the group once: a town it is known to
        # have lost
        return "not_about_isis"
    if m.group(0).endswith("out") and target.place.precision not in ("city", "landmark"):
        return "not_a_town"   # "entered Raqqa after ISIS was driven out", not "voters in Ohio said the group was"
    if m.group(0)[0] in "'’" and target.end != m.start() and not _PLACE_NOUN_END.search(s, 0, m.start()):
        return "not_its_possessor"   # "The Ramadi victory follows last month's recapture of Sinjar": not Ramadi's
    if m.group(0)[0] in "'’" and (lx.MODAL_AFTER.match(s[m.end():]) or lx.LOSS_FUTURE_AFTER.match(s[m.end():]) or
                                  lx.LOSS_PROSPECT_BEFORE.search(s[: target.start])):
        return "prospect"   # "Sinjar's liberation will take months", "the fight for Raqqa's liberation"
    if m.group(0).endswith("control") and not isis_here:
        return "not_isis_loser"   # "Aleppo returned to government control": from the rebels, unless the group is named
    if m.group(0).lower() == "fell" and not _GROUP_HELD_APPOSITION.fullmatch(s, target.end, m.start()) and \
            not (_COMMA_GAP.fullmatch(s, target.end, m.start()) and _GROUP_HELD_BEFORE.search(s, 0, target.start)):
        return "not_group_held"   # "prices, which had risen for a week, fell": a town of the group's must be named
    if m.group(0).lower() == "fell to" and lx.ISIS_GAIN.search(s[m.start(): m.end() + 30]):
        return "isis_gain"
    if lx.NEEDS_ISIS_LOSER.match(m.group(0).split()[-1]) and not lx.ISIS_LOSER.search(s) and \
            not (_TAKING_VERB.match(m.group(0).split()[-1]) and _BY_AFTER.match(s, m.end()) and
                 _groups_town_taken(target, s, m.end(), m.end() + 60,
                                    story.about_isis and not _ASSAULT_VERB.match(m.group(0).split()[-1]))):
        return "not_isis_loser"
    if _other_loser(s[max(0, target.start - 40): m.end() + 40]) and not (isis_here and lx.ISIS_LOSER.search(s)):
        return "other_loser"   # "the besieged rebel-held city of Aleppo that fell to Assad's forces"
    return target


_DEFEAT_NOUN = re.compile(r"\bdefeats?\b", re.I)
_NOUN_BEFORE = re.compile(r"(?:\b(?:[Tt]he|[Tt]his|[Ii]ts|[Tt]heir|[Aa]n?)|['’]s)\s+(?:[a-z-]+\s+)?$")
# nouns that take their town with "of" ("the recapture of Palmyra"); "defeat" and "expulsion" take it with "in", "from"
_OF_NOUN = re.compile(r"(?:recapture|capture|retaking|liberation|takeover)$", re.I)
_PLACE_NOUN_END = re.compile(r"\b(?:city|town|village|district|dam)$", re.I)   # "the city's liberation"
_WHEN_BEFORE = re.compile(r"\b(?:when|once|until|unless|if|before|after|as soon as)\b", re.I)
_OF_AFTER = re.compile(r"\s+of\b")
_BARE_OR_CLEARING = ("push", "drive", "kick", "clearing", "ousting", "expelling", "evicting")
_DEFEATED_GROUP = re.compile(r"defeated\s+\S", re.I)   # "defeated the Islamic State" (the trigger names the group)
# "Palmyra was seized by Syrian troops", "Sinjar was freed in November 2015 by Kurdish peshmerga fighters"
_BY_AFTER = re.compile(r"(?:\s+(?:in|on|during|last|this|earlier|later|late|early)(?:\s+[\w,]+){1,3}?)?\s+by\b")
# "had taken full control of Bashiqa": the auxiliary is not the verb
_TAKING_VERB = re.compile(r"^(?:(?:had|has|have) )?(?:captur|seized|overran|stormed|took|taken|freed|won back|restor|"
                          r"declared (?:full |complete |total )?control|announced (?:full |complete |total )?control)",
                          re.I)


def _groups_town_taken(target: PlaceMatch | None, s: str, start: int, end: int, about_isis: bool = False) -> bool:
    """ "The SDF said it had captured Raqqa", "Palmyra was seized by Syrian troops": a known enemy of the group
    (seeds/captors.csv) takes a town the group is known to have lost (seeds/reference_losses.csv), in an article
    about the group; another town so taken (Aleppo, from the rebels) is not the group's loss. In an article about
    the group (`about_isis`), so is a village the gazetteer does not know, named by a descriptor ("peshmerga forces
    seized the villages of Tiz Khirab and Nawaran near Bashiqa"): the front lines of its war."""
    if target is None or target.place.precision == "country":
        return False
    return (_known_loss_town(target) or about_isis and target.how == "descriptor") and _captor_named(s, start, end)


# the verbs of an assault, in the group's war as often its own: "militants ... overran a base in the village of"
_ASSAULT_VERB = re.compile(r"^(?:(?:had|has|have) )?(?:overran|overrun|stormed)", re.I)


def _enemy_takes(s: str, start: int, verb: str) -> bool:
    """A known enemy of the group is the subject of the clause whose verb at `start` takes a village, and the verb is
    no assault's ("militants killed 44 Nigerian soldiers when they overran a base in the village of Metele")."""
    return not _ASSAULT_VERB.match(verb) and _captor_named(s, start - len(clause_before(s, start)), start)


def _captor_named(s: str, start: int, end: int) -> bool:
    """A known enemy of the group (seeds/captors.csv) is named between `start` and `end`."""
    return any(pattern.search(s, start, end) for pattern, _ in lx.CAPTORS)


_GROUP = r"(?:ISIS|ISIL|IS|Daesh|Islamic State)"   # the group's names, as the patterns below spell them
_THE_GROUP = rf"(?:the\s+)?(?:{_GROUP}|group|militants|jihadists|extremists)"   # the group, or its fighters, as a noun
# "Syrian rebels took Azaz from government forces": another side's loss
_TOOK = re.compile(r"(?:(?:had|has|have)\s+)?(?:took|taken)$", re.I)
_FROM_ANOTHER = re.compile(rf"\s+from\s+(?!{_THE_GROUP}\b|(?:the\s+)?insurgents\b)", re.I)
# "Baghuz, the last enclave of the Islamic State, fell": the town, called the group's, then the verb
_HELD_WORDS = r"capital|stronghold|bastion|enclave|pocket|bulwark"
_HELD_NOUN = rf"(?:[\w-]+\s+){{0,3}}?(?:{_HELD_WORDS})"
_GROUND_NOUN = rf"(?:[\w-]+\s+){{0,2}}?(?:{_HELD_WORDS}|territory|redoubt)"   # the group's ground, before its town
_GROUP_HELD_NOUN = re.compile(rf"\s+the\s+{_HELD_NOUN}\s+of\s+(?:the\s+)?{_GROUP}(?:['’]s)?(?:\s+(?:group|caliphate))?")
_GROUP_HELD_APPOSITION = re.compile(
    rf",\s+(?:the\s+{_HELD_NOUN}\s+of\s+(?:the\s+)?{_GROUP}(?:\s+group)?"
    rf"(?:\s+in\s+[^,;]{{1,30}})?|"
    rf"its\s+{_HELD_NOUN}(?:\s+in\s+[A-Z][\w'’-]+)?|"   # "Mosul, its last stronghold in Iraq,"
    # "Hawija, the militants' last urban enclave in the north,"
    rf"{_THE_GROUP}['’]s?\s+{_HELD_NOUN}"
    r"(?:\s+(?:in|near|(?:north|south|east|west)\s+of)\s+[^,;]{1,30})?)"
    r",\s+(?:\w+\s+)?")
# "the group's last territory in neighbouring Syria, the village of Baghuz, fell": the group's ground, then the town
_GROUP_HELD_BEFORE = re.compile(
    rf"\b(?:{_THE_GROUP}['’]s?|its)\s+{_GROUND_NOUN}"
    r"(?:\s+in\s+[^,;]{1,40})?,\s+(?:the\s+(?:[a-z-]+\s+)?(?:village|town|city)\s+of\s+)?$")
_COMMA_GAP = re.compile(r",\s+")
_ISIS_HELD_APPOSITION = re.compile(r"\s+(?:the\s+(?:[\w-]+\s+){0,3}?(?:capital|stronghold|bastion|enclave)\s+of\s+"
                                   rf"(?:the\s+)?{_GROUP}(?:\s+group)?|"
                                   # "expelled from its last stronghold in Syria, Baghuz"
                                   r"its\s+(?:[\w-]+\s+){0,3}?(?:capital|stronghold|bastion|enclave)"
                                   r"(?:\s+in\s+[A-Z][\w'’-]+)?),\s+")


def _other_loser(window: str, verb_at: int | None = None) -> bool:
    """Somebody other than the group is named as the loser; "lost Dabiq to Turkish-backed rebels" names the captor,
    and so does the subject of an active taking verb at `verb_at` ("The rebels had seized the nearby village")."""
    return any(not _CAPTOR_BEFORE.search(window, 0, m.start()) and
               not (verb_at is not None and m.end() <= verb_at and
                    _ACTIVE_SUBJECT_GAP.fullmatch(window, m.end(), verb_at))
               for m in lx.OTHER_LOSER.finditer(window))


# between the subject and its verb: "The rebels had seized", "rebels on Sunday seized"; not "rebels were forced out"
_ACTIVE_SUBJECT_GAP = re.compile(r"\s+(?:(?:had|have|has|also|then|later|on\s+\w+day|finally)\s+){0,3}")


_CAPTOR_BEFORE = re.compile(r"\b(?:to|by)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# not "the last districts of Deir al-Zor": the rest of the town, whose loss completes it
_PART_OF = re.compile(r"\b(?<!last )(?<!remaining )(?<!final )(?:parts?|some|much|most|half|sections?|neighbou?rhoods?|"
                      r"districts?) of\b", re.I)
# "drove the Islamic State out of": the words between the verb and its preposition name who was driven out
_DRIVEN_OBJECT = re.compile(r"^\w+\s+(.+?)\s+(?:out of|(?:away |back )?from)$", re.I)


def _isis_lost(s: str, m: re.Match, verb: str, isis_here: bool, story: Narrative,
               target: PlaceMatch | None = None) -> bool:
    lowered = verb.lower()
    if lx.ISIS_GAIN.search(s[max(0, m.start() - 40): m.end()]):
        return False
    if lowered.startswith(("beat back", "beating back")):
        return bool(_GROUP_OBJECT.match(s, m.end()))   # "beating back the Islamic State at the Mosul Dam"
    if _DEFEATED_GROUP.match(lowered):
        return True   # "Kurdish fighters defeated the Islamic State in Kobani"
    if lowered.startswith(("withdr", "retreat", "pulled", "abandon", "fled", "surrender", "ceded")) or \
            _BEATEN_VERB.match(lowered):
        # "the militants withdrew from Sinjar", "Islamic State militants were beaten back ... at Kobani", "the group
        # was defeated in Mosul": the group, named just before in the clause, is the one leaving or beaten; its foes
        # ("Kurdish fighters were repelled") are no loss of the group's, nor is its own victory ("ISIS defeated")
        before = clause_before(s, m.start())
        return bool(_GROUP_SUBJECT.search(before)) and (lowered != "defeated" or bool(_PASSIVE_END.search(before)))
    if lowered.startswith(("lost", "losing")):
        # ISIS (or "it", "they" in an article about ISIS) must be the one losing
        return isis_here and lx.mentions_isis(s[: m.start()]) or story.about_isis and bool(
            re.search(r"\b(?:it|they|the group|the militants|the jihadists|"
                      r"the (?:[\w-]+ )?(?:branch|affiliate|franchise))\b[^,;]{0,30}$", s[: m.start()], re.I))
    if lx.NEEDS_ISIS_LOSER.match(lowered):
        captor_end = m.start()
        if target is not None and lowered == "capture of" and _BY_AFTER.match(s, target.end):
            captor_end = target.end + 60   # "the capture of Raqqa by the SDF": the captor after the town
        # (the passive is not the group's loss: "soldiers were captured by")
        return bool(lx.ISIS_LOSER.search(s[m.start():])) or (isis_here or story.about_isis) and \
            bool(_TAKING_VERB.match(lowered)) and not _PASSIVE_END.search(s, 0, m.start()) and \
            _groups_town_taken(target, s, max(0, m.start() - 60), captor_end,
                               story.about_isis and _enemy_takes(s, m.start(), lowered))
    if lowered.split()[-1] in ("taken", "took"):
        # "took Raqqa" is a loss only when a known enemy of the group took it ("the SDF said it had taken Raqqa"), or
        # took it from the group ("which Turkish-backed rebels took from the militants")
        return bool(lx.ISIS_LOSER.match(s, m.end() + 1)) or \
            (isis_here or story.about_isis) and _captor_named(s, max(0, m.start() - 60), m.start())
    return isis_here or story.about_isis or story.lede_names_isis or \
        story.names_isis and target is not None and _known_loss_town(target)


_PASSIVE_END = re.compile(r"\b(?:was|were|been)\s+(?:\w+ly\s+)?$")


def _group_passive_subject(s: str, start: int) -> bool:
    """The group is the subject of the passive loss verb at `start` ("ISIS fighters were driven out of")."""
    before = clause_before(s, start)
    return bool(_GROUP_SUBJECT.search(before) and _PASSIVE_END.search(before))


_GROUP_SUBJECT = re.compile(rf"\b(?:{_GROUP}|(?i:the (?:group|militants|jihadists|extremists)))"
                            r"(?:['’]s?)?(?: [\w-]+){0,3}?(?: (?:had|has|have|was|were)(?: been)?)?(?: \w+ly)? $")


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
            if located and gap[: located.start()].strip() and not lx.AROUND_GROUND.search(gap[: located.start()]) \
                    and not _GROUP_HELD_NOUN.fullmatch(gap, 0, located.start()):
                # "regained a double-digit lead in Iowa": the object is the lead, not the place; but "retaking the
                # one-time capital of the ISIS caliphate in Raqqa" names the town the group held
                return None
            return p
    return None


_BEATEN_VERB = re.compile(r"beaten|beat back|beating back|repel|repuls|defeated", re.I)
_GROUP_OBJECT = re.compile(rf"\s+(?:the\s+)?(?:{_GROUP}|(?i:(?:the\s+)?(?:group|militants|"
                           r"jihadists|extremists)))\b")
_AT_PLACE = re.compile(r"\s(?:at|in|from|near|outside|around)\s+(?:the\s+)?(?:(?:city|town) of\s+)?$")


def _place_beaten_at(places: list[PlaceMatch], offset: int, s: str) -> PlaceMatch | None:
    """Where the group was beaten back or defeated: a town after "at", "in" or "from", past the victors ("beaten back
    by U.S. air strikes and Kurdish fighters at Kobani")."""
    for p in places:
        if offset <= p.start and p.start - offset <= 80 and p.place.precision != "country":
            gap = s[offset: p.start]
            return p if _AT_PLACE.search(gap) and not lx.CLAUSE_BREAK.search(gap) else None
    return None


def _last_place_before(places: list[PlaceMatch], offset: int, s: str) -> PlaceMatch | None:
    """The subject of "was retaken", "fell to": the last place before the verb, across a phrase in apposition; not
    a town named as a bearing inside that phrase ("Tal Afar, a city west of Mosul, was retaken")."""
    before = [p for p in places if p.end <= offset and p.place.precision != "country" and (
        offset - p.end <= 40 or _APPOSITION.fullmatch(s, p.end, offset) or
        _RELATIVE_CLAUSE.fullmatch(s, p.end, offset)) and not lx.BEARING_BEFORE.search(s, max(0, p.start - 30),
                                                                                          p.start)]
    return before[-1] if before else None
_IT_AFTER = re.compile(r"\s+it\b")
_IT_BEFORE = re.compile(r"\b(?:declar\w+|pronounc\w+|announc\w+)\s+it\s+(?:fully\s+|finally\s+)?[\"“]?$", re.I)
_RELATIVE_OPENING = re.compile(r",\s+(?:which|who|that|where)\b")


# "Mosul Dam, which had been in control of ISIS but was recently reclaimed": the place, then its relative clause
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|that)\s+[^;.,]{0,80}?\s+(?:but|and)\s+(?:\w+\s+)?")


# "recaptured the dam", "drove Islamic State from the northern Syrian city": a place named before; not "the city of"
_THE_SITE_AFTER = re.compile(r"\s+(?:control of\s+)?(?:the|that|this)\s+(?:(?:[a-z-]+|[A-Z][a-z]+)\s+){0,3}?"
                             r"(dam|city|town|village|district)\b(?!\s+of\b|['’])")
# the subject of a passive loss that stands for a town named before: "The city was retaken", "until it fell to", "since
# the city's liberation"
_ANAPHOR_SUBJECT = re.compile(r"\b(?:(?:the|that|this)\s+(?P<noun>city|town|village|district|dam)|(?P<it>it))"
                              r"(?:\s+itself)?(?:\s+(?:was|were|had|has|been|briefly|finally|later|then|eventually)){0,3}\s*$",
                              re.I)
# "Rutba, which Iraqi forces retook", "Ramadi, the provincial capital in western Iraq that Iraqi troops recaptured",
# "Baghouz, a speck of land on the Euphrates where ISIS suffered defeat": the town the relative clause is about,
# across a phrase in apposition
_RELATIVE_AFTER_PLACE = re.compile(r"(?:,\s+(?:the|a|an|its|one)\s+[^;:()]{0,120}?)?(?:,?\s+(?:which|that|where)\s+"
                                   r"(?:[\w.'’-]+\s+){0,8}|\s+to\s+be\s+)|"   # "Rawa, the last town to be retaken"
                                   # "al-Qaim, the border town Iraqi forces wrested from Islamic State"
                                   r",\s+(?:the|a|an|its|one)\s+[^;:(),]{0,80}?\s+(?:town|city|village|district|"
                                   r"capital|stronghold|enclave)\s+(?:[\w.'’-]+\s+){1,6}")
# "The town in Diyala province, which peshmerga fighters recaptured": the town a noun stands for, then the clause
_NOUN_RELATIVE = re.compile(r"\b(?:the|that|this)\s+(city|town|village|district)\b[^;:()]{0,80}?,?\s+"
                            r"(?:which|that|where)\s+(?:[\w.'’-]+\s+){0,8}$", re.I)
ANTECEDENT_SENTENCES = 3   # how far back "the dam", "the city" looks for the place it stands for


def _antecedent(story: Narrative, index: int, noun: str, at: int) -> PlaceMatch | None:
    """The place "the dam", "the city" or "the site" stands for: the last dam, or the last town (or landmark, for a
    site), the article named in this sentence or the few before it, when that is one place; not a town named as a
    bearing ("150 km west of Baghdad") nor a capital, which stands for its government ("Ankara said the town was
    cleared")."""
    gazetteer = default_gazetteer()
    kinds = ("city", "landmark") if noun.lower() == "site" else ("city",)
    wanted = (lambda p: p.place.precision == "landmark" and "dam" in p.surface.lower()) if noun.lower() == "dam" \
        else (lambda p: p.place.precision in kinds)
    for i in range(index, max(-1, index - ANTECEDENT_SENTENCES - 1), -1):
        if i < 0 or i >= len(story.sentences):
            continue
        text = story.sentences[i].text
        found = [p for p in gazetteer.find(text, countries=story.countries, people=story.people) if wanted(p) and
                 (i < index or p.end <= at) and not lx.BEARING_BEFORE.search(text, max(0, p.start - 30), p.start)
                 and not gazetteer.is_capital(p.place)]
        names = {p.place.name for p in found}
        if len(names) == 1:
            place = found[-1]
            return PlaceMatch(at, at, place.surface, place.place, "antecedent")
        if len(names) > 1:
            return None
    return None


# "the city", "this battered mountain town"
_PLACE_NOUN = re.compile(r"\b(?:the|that|this)\s+(?:[a-z-]+\s+){0,3}?(city|town|village|district|site|dam)\b", re.I)


_NAMED_AFTER_NOUN = re.compile(r"\s+of\s+")


def _it_antecedent(story: Narrative, index: int, s: str, at: int) -> PlaceMatch | None:
    """The place "it" stands for, when the sentence has named it by a noun before: "The site has been in Iraqi hands
    since they recaptured it", "staying in the city until it fell"; not "raided the hotel, wresting control of it"."""
    nouns = list(_PLACE_NOUN.finditer(s, 0, at))
    if not nouns:
        return None
    named = _NAMED_AFTER_NOUN.match(s, nouns[-1].end())
    if named:   # "seized the city of Marawi in May 2017 and held it until the army retook it": Marawi
        found = [p for p in default_gazetteer().find(s[named.end(): at], countries=story.countries,
                                                     people=story.people) if p.start == 0]
        if found:
            p = found[0]
            return PlaceMatch(at, at, p.surface, p.place, "antecedent")
    return _antecedent(story, index, nouns[-1].group(1), nouns[-1].start())


def _relative_antecedent(places: list[PlaceMatch], s: str, before: int) -> PlaceMatch | None:
    """The town a relative clause is about ("which", "that"), when the loss verb is in that clause: the head of a
    phrase in apposition, not a town named inside it ("Sukhnah, an oasis town on the road from Palmyra to Deir
    ez-Zor, which government forces retook") nor one named as a bearing."""
    for p in (p for p in places if p.end < before):
        if p.place.precision in ("city", "landmark") and _RELATIVE_AFTER_PLACE.fullmatch(s, p.end, before) and \
                not lx.BEARING_BEFORE.search(s, max(0, p.start - 30), p.start):
            return PlaceMatch(p.start, p.end, p.surface, p.place, "antecedent")   # "camp near Sukhnah, ... which"
    return None


def _known_loss_town(target: PlaceMatch) -> bool:
    """A town the group is known to have lost (seeds/reference_losses.csv)."""
    if not target.place.name:
        return False
    town = known.town_key(target.place.name)
    return any(town in r.names for r in known.reference_losses())


def _sentence_subject(places: list[PlaceMatch], before: int) -> PlaceMatch | None:
    """The place the sentence opens with, which a pronoun after the verb stands for."""
    first = next((p for p in places if p.place.precision not in ("country", "region")), None)
    return first if first is not None and first.start <= 12 and first.end <= before else None


# "Raqqa, the last stronghold of the Islamic State in Syria, fell": the place, then a phrase about it
_APPOSITION = re.compile(r",\s+(?:the|its|a|an)\s+[^,;.()]{0,90},\s+(?:\w+\s+)?")


def loss_from(sentence: Sentence, trigger: Trigger, places: list[PlaceMatch], dated,
               story: Narrative, loser_named: bool = False) -> Mention | None:
    """The loss a trigger opens in the sentence; `loser_named`: the headline already named the group as the loser."""
    s = sentence.text
    target = trigger.place_after
    if trigger.start < target.start:
        # "had taken Raqqa, a city where IS made its headquarters in early 2014": the clause describes the town
        dated = [d for d in dated if not (d[0] >= target.end and _DESCRIBING_CLAUSE.match(s, target.end, d[0]) and
                                          not re.search(r"[,;]", s[target.end + 1: d[0]]))]
    if _next_loss_told(s, trigger.start):
        dated = [d for d in dated if d[0] >= trigger.end]   # the dates before ", before recapturing" are the others'
    dated = _offset_before(s, trigger.start, dated)
    # "one of their most significant defeats since they swept across the country in 2014": the yardstick's date
    dated = [d for d in dated if not (d[0] >= trigger.end and _SINCE.search(s, trigger.end, d[0]))]
    # of several dates, the one nearest the loss verb ("airstrikes on Thursday near the dam, which was overtaken
    # earlier this week"); a statement's date ("said Sunday") stays last
    def gap(d) -> int:
        between = s[d[3]: trigger.start] if d[3] <= trigger.start else s[trigger.end: d[0]]
        # a date across a relative clause's opening ("on Thursday near the dam, which was overtaken") is the main
        # clause's
        return len(between) + (200 if _RELATIVE_OPENING.search(between) else 0)
    nearest_first = sorted((d for d in dated if d[1].precision != "recent"), key=gap) + \
        [d for d in dated if d[1].precision == "recent"]
    date, how = date_for(nearest_first, story, sentence.index)
    if how in ("assumed_recent", "missing") and _recalled_loss(s, trigger, places):
        # "ISIS has already lost Fallujah, Ramadi and Tikrit", "as we have liberated Tikrit": a loss the article
        # states without a date: it happened before publication, in the Islamic State's years
        isis_held = _ISIS_HELD_APPOSITION.fullmatch(s, trigger.end, target.start)   # "of ISIS's capital, Mosul"
        if _NOMINAL_LOSS.search(s[trigger.start: trigger.end]) and not isis_held or \
                _INCLUDING.search(s[: trigger.start]) and not _DONE_INCLUDING.search(s[: trigger.start]):
            # "the fall of Mosul" (to ISIS, or still to come), "steps including retaking": not stated; but what a
            # force did is ("did most of the fighting, including retaking the one-time capital ... in Raqqa")
            trace.dropped("territorial_loss", s[trigger.start: trigger.end], "recalled_in_passing")
            return None
        date, how = (None, "missing") if story.published is None or story.published < LOSS_ERA_START else (
            DateSpan(LOSS_ERA_START, story.published, "before"), "recalled")
    # a town a pronoun or a relative clause stands for is the town, whatever the words around its name say
    place = target.place if target.how == "antecedent" else around_place(s, target, lx.AROUND_GROUND)
    if place is target.place and (place.precision == "landmark" or _SITE.search(target.surface)):
        # a dam, a base, an oilfield is lost on its own day, not with its town: "Mosul Dam" (August 2014) is not Mosul
        place = replace(place, name=target.surface, precision="landmark")
    mention = Mention("territorial_loss", sentence, trigger.rule, place=place,
                      place_surface=target.surface, date=date, date_how=how, trigger_at=trigger.start)
    mention.captured_by = _captor(s, trigger.start) or _captor_as_written(s, trigger)
    if mention.captured_by in ("Syrian army", "Russian forces") and not (
            loser_named or lx.ISIS_LOSER.search(s) or lx.mentions_isis(clause_around(s, trigger.start, trigger.end))
            or story.names_isis and _known_loss_town(target)):   # "had taken full control of ... Deir al-Zor"
        # the Syrian army and Russia mostly retook ground from rebels: ISIS must be the loser
        trace.dropped("territorial_loss", s[trigger.start: trigger.end], "regime_gain_from_rebels")
        return None
    trace.kept("territorial_loss", f"{s[trigger.start: trigger.end]} {target.surface}", mention.rule)
    return mention


def _offset_before(s: str, start: int, dated):
    """"declared victory in December 2017, a month after troops retook the western town of Rawa": the loss is that long
    before the main clause's date, which it replaces."""
    offset = _OFFSET_AFTER.search(s, max(0, start - 80), start)
    main = next((d for d in dated if offset and 0 <= offset.start() - d[3] <= 1), None)
    shifted = span_before(main[1], offset.group("count"), offset.group("unit")) if main else None
    return [(main[0], shifted, main[2], main[3])] if shifted else dated


_OFFSET_AFTER = re.compile(r",\s+(?:just\s+|only\s+)?(?P<count>an?|one|two|three|four|five|six|\d+)\s+"
                           r"(?P<unit>days?|weeks?|months?|years?)\s+after\s+(?:[\w-]+\s+){0,4}$", re.I)
_SINCE = re.compile(r"\bsince\b", re.I)
_DESCRIBING_CLAUSE = re.compile(r",\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:which|where|that|whose|once|since)\b")
_SITE = re.compile(r"\b(?:dam|air ?base|airport|airfield|oil ?field|refinery|military base|camp|prison)\b", re.I)
_INCLUDING = re.compile(r"\bincluding\s+(?:the\s+)?$")
_DONE_INCLUDING = re.compile(r"\b(?:did|led|fought|waged|carried out)\b[^.;]{0,80},\s+including\s+(?:the\s+)?$")
_NOMINAL_LOSS = re.compile(r"(?:ion|ing|fall) of$|^fall of", re.I)
# "Fallujah, Ramadi and Tikrit", "the town of Tal Skuf and the nearby village of Baqofa"
_LIST_SEPARATOR = (r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:(?:nearby|neighbou?ring|adjoining|adjacent)\s+)?"
                   r"(?:(?:city|town|village|district|hamlet) of\s+)?$")
_LIST_GAP = re.compile("^" + _LIST_SEPARATOR)
# an item's own date or region before the next item: "Tikrit in 2015, Ramadi in December of that year and Fallujah
# in June 2016", "Ramadi and Fallujah in Iraq and Manbij in northern Syria"; not "Ramadi in a battle that lasted"
_TAILED_LIST_GAP = re.compile(r"^(?:\s+in\s+(?:(?:early|late|mid-)\s*)?(?:(?:north|south|east|west)(?:ern)?\s+)?"
                              r"(?:\d{4}|(?-i:[A-Z])[\w'’-]+(?:\s+(?:\d{4}|of\s+(?:that|the\s+same)\s+year))?))?"
                              + _LIST_SEPARATOR)


def _recalled_loss(s: str, trigger: Trigger, places: list[PlaceMatch]) -> bool:
    """An undated loss that the sentence recalls rather than reports: "ISIS already has lost Fallujah, Ramadi and
    Tikrit", "as we have liberated Tikrit", "the fall of Mosul", "ISIS's defeats in", "including retaking the one-time
    capital"."""
    clause = clause_around(s, trigger.start, trigger.end)
    if lx.RETROSPECTIVE.search(clause) or lx.RETROSPECTIVE.search(s[max(0, trigger.start - 30): trigger.start]) or \
            _NOMINAL_LOSS.search(s[trigger.start: trigger.end]) or _DEFEAT_NOUN.search(s[trigger.start: trigger.end]):
        return True   # "despite ISIS's defeats in Benghazi and Derna": the defeats came before
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


def _captor(s: str, trigger_at: int) -> str | None:
    best, best_distance = None, None
    for pattern, name in lx.CAPTORS:
        for m in pattern.finditer(s):
            distance = abs(m.start() - trigger_at)
            if best_distance is None or distance < best_distance:
                label = name.replace("<nationality>", m.group(0).split()[0])
                best, best_distance = label, distance
    return best


# "U.S.-backed anti-Assad fighters who liberated Raqqa", "Shiite militiamen celebrate the retaking of Tikrit", "the U.S.
# and its allies ... driving ISIS away": the forces named before the loss, as written, when no known captor is named
_FORCES_BEFORE = re.compile(
    r"(?P<np>(?:the\s+)?(?:[\w.'’-]+\s+){0,4}?(?:forces|fighters|troops|army|militias?|militiamen|soldiers|units|"
    r"alliance|rebels|allies|government))\b[^.;:]{0,60}$", re.I)
_FORCES_AFTER_BY = re.compile(r"^\s*(?:\w+\s+){0,3}?by\s+(?P<np>(?:the\s+)?(?:[\w.'’-]+\s+){0,4}?(?:forces|fighters|"
                              r"troops|army|militias?|militiamen|soldiers|units|alliance|rebels))\b", re.I)


_REPORTING_BEFORE_FORCES = re.compile(r"\b(?:that|which|who|said|says|announced|reported|declared|when|after|as)\s+",
                                      re.I)


def _captor_as_written(s: str, trigger: Trigger) -> str | None:
    after = _FORCES_AFTER_BY.match(s, trigger.end)
    if after is None and trigger.place_after is not None:
        after = _FORCES_AFTER_BY.match(s, trigger.place_after.end)
    m = after or _FORCES_BEFORE.search(clause_before(s, trigger.start))
    if m is None:
        return None
    if lx.mentions_isis(m.group("np")):
        return None   # "Dabiq fell after ISIS fighters withdrew": the forces named are the ones that lost it
    # "announced Monday that its forces": the forces' own words, after the clause that reports them
    words = _REPORTING_BEFORE_FORCES.split(m.group("np"))[-1].split()
    while words and words[0].lower() in _NOT_CAPTOR_OPENING:
        words = words[1:]
    return " ".join(words) if words else None


# words that open the clause, not the captor's name: "Now that U.S.-backed fighters", "as Kurdish forces"
_NOT_CAPTOR_OPENING = {"now", "that", "as", "when", "after", "and", "but", "while", "since", "including", "with", "by",
                       "said", "says", "say", "controlled", "held", "territory"}
