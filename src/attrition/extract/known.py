"""Well-known attacks date the passing mentions of them.

News about ISIS names its famous attacks again and again without their dates ("since the Orlando
shooting", "the kosher supermarket in Paris", "the beheading of James Foley"). Read alone, such a mention
gets the weeks before publication, and the monthly tables count an attack that never happened then. A
reference list (`seeds/known_attacks.csv`: the attack's town, country, day, words that single it out, its
toll and a source) gives the day instead, when the mention can only mean that attack:

- the attack took place before the article was published, and inside any window the text gives;
- the mention is at its town, or names only its country and a word that singles it out ("Bardo",
  "Metrojet", a victim's name);
- of the known attacks there, the one whose words the mention's sentences use, or whose toll it gives. A
  town alone is not enough, even with one known attack: an undated report of a new attack there ("an
  officer was shot in Las Vegas") is not the famous one; only a window of a fortnight at most that the text
  itself states ("the attacks in Paris last week", "the recent attacks in Paris") and holds one known attack
  there, without another toll, is.

A day the text states yields only when it falls a few days after the known attack's and its own sentence
names that attack by a name or its toll ("Obama on Thursday met survivors of the Pulse massacre": Thursday
is the visit's); a window the text states is kept around the known day. The mention names the row in `support`
("date@4:known.orlando-2016-06-12": the list's row, for the mention of sentence 4).

The same lists fill two more fields. A known attack left without a toll, or with the count of one venue or
one nationality, takes the article's count of the whole when the article states one about the list's (a known
captive killed is one dead): `killed@7:known.orlando-2016-06-12`. A town lost told without a day of its own
gets the day of that town's one loss in `seeds/reference_losses.csv`: `date_how = reference`,
`date@2:reference.tikrit-2015-03-31`. A known attack the list gives to another group (Charlie Hebdo) or to none
(Las Vegas) does not take ISIS from another sentence: `perpetrator@3:known.paris-charlie-hebdo-2015-01-07`; in an
article about ISIS, one the text leaves without an author takes the list's ISIS, unless its sentence denies the link.

A reference in passing that the sentence rules set aside ("since the attacks in Paris, which killed 130 people") is
the known attack itself when its town and its words or toll single one out (`recalled_attack`); the killings of
captives the list names are read in `captives.py`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from attrition.extract import lexicon as lx
from attrition.extract.dates import DateSpan
from attrition.extract.numbers import Quantity, find_tolls
from attrition.extract.places import Place, fold
from attrition.paths import SEEDS_DIR

if TYPE_CHECKING:
    from attrition.extract.narrative import Mention
    from attrition.extract.sentences import Sentence

UNDATED = ("assumed_recent", "missing")     # the text gives the event no date
BORROWED = ("narrative", "scene")           # a date read in a nearby sentence, not the mention's own
TOLL_MATCH = 0.15                           # "killed 49" and "killed at least 50" name the same attack
PART_SHARE = 0.25   # a count this share of a known attack's may be one venue's
RECENT_SLACK_DAYS = 30   # how far before its window "recent" may reach
NARROW_DAYS = 14   # a window the text states this short, at a town with one known attack in it, is that attack
# "since the Paris attacks" in an article about ISIS: the one known attack at that town in the three months before it
RECALL_DAYS = 90
STATEMENT_DAYS = 7   # a day the text gives a few days after the known attack's is a speech's or a vigil's


@dataclass(frozen=True)
class KnownAttack:
    attack_id: str
    place: str | None       # folded town name; None for a killing known only by its victim (a beheading video)
    country: str
    day: dt.date
    words: re.Pattern | None    # every word that singles it out
    names: re.Pattern | None    # those that are names ("Bardo", "Foley"): enough without its town
    killed: int | None
    perpetrator: str | None     # "ISIS", another group, "none" (no group's attack); None: the list does not say
    name_words: tuple[str, ...] = ()   # the names `names` looks for, as written in the list


def town_key(name: str) -> str:
    """ "Trèbes", "Trebes" and "trebes" are one town."""
    return fold(name).casefold()


def _pattern(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b",
                      re.I)


@cache
def known_attacks() -> tuple[KnownAttack, ...]:
    with open(SEEDS_DIR / "known_attacks.csv", newline="", encoding="utf-8") as rows:
        found = []
        for row in csv.DictReader(rows):
            words = [w for w in row["keywords"].split("|") if w]
            names = tuple(w for w in words if w[0].isupper())
            found.append(KnownAttack(row["attack_id"], town_key(row["place"]) or None, row["country"],
                                     dt.date.fromisoformat(row["date"]), _pattern(words), _pattern(list(names)),
                                     int(row["killed"]) if row["killed"] else None, row["perpetrator"] or None,
                                     names))
    return tuple(found)


def date_known(mentions: list[Mention], sentences: list[Sentence], published: dt.date | None) -> None:
    """Give each attack mention the day of the one known attack it can only mean (see the module's rules)."""
    for m in mentions:
        if m.kind != "attack":
            continue
        late = _stated_day(m)
        if not (_open_to_known(m) or late):
            continue
        # a stated day yields only to what its own sentence says of the attack; a window to the whole frame
        text = m.sentence.text if late else " ".join(sentences[i].text for i in m.seen_at if 0 <= i < len(sentences))
        attack = _the_known_attack(m, text, published, by_name=late)
        if attack is not None and late and not 0 < (m.date.start - attack.day).days <= STATEMENT_DAYS:
            continue
        if attack is not None:
            m.date, m.date_how = DateSpan(attack.day, attack.day, "day"), "known"
            m.support.append(f"date@{m.sentence.index}:known.{attack.attack_id}")


def recalled_attack(m: Mention, text: str, published: dt.date | None) -> KnownAttack | None:
    """The known attack a sentence recalls in passing ("since the attacks in Paris, which killed 130 people"), when its
    town and its words or its toll single one out; None when they do not (a town alone is not enough)."""
    if m.place is None or not m.place.name:
        return None
    attack = _the_known_attack(m, text, published)
    return attack if attack is not None and attack.place == town_key(m.place.name) else None


def fresh_attack_at(town: str, published: dt.date | None, days: int = NARROW_DAYS) -> KnownAttack | None:
    """The one known attack at this town in the days before publication: the news an article about it reports."""
    if published is None:
        return None
    return _the_one_at(town, lambda k: 0 <= (published - k.day).days <= days)


def isis_attack_at(town: str, published: dt.date | None) -> KnownAttack | None:
    """The one attack the list gives to ISIS at this town before publication, however long before: what a sentence
    that ties the group to an attack there recalls ("the massacre in San Bernardino, carried out by citizens who had
    pledged allegiance to the Islamic State")."""
    if published is None:
        return None
    return _the_one_at(town, lambda k: k.perpetrator == "ISIS" and k.day <= published)


def _the_one_at(town: str, keep) -> KnownAttack | None:
    """The one known attack at this town that `keep` accepts; None when there is none or more than one."""
    key = town_key(town)
    found = [k for k in known_attacks() if k.place == key and keep(k)]
    return found[0] if len(found) == 1 else None


def known_perpetrators(mentions: list[Mention], sentences: list[Sentence], published: dt.date | None,
                       about_isis: bool = False) -> None:
    """A known attack the list gives to another group (Charlie Hebdo: al-Qaeda's) or to none (Las Vegas) takes its
    author from the list, not ISIS from another sentence ("Coulibaly pledged allegiance to ISIS" is the kosher
    supermarket's gunman, not the Kouachis'). ISIS named in the mention's own sentence is what the text says: kept,
    unless the list itself recalled the attack and the sentence claims nothing ("made reference to both ISIS and the
    Tsarnaev brothers, who were responsible for the Boston bombings").
    In an article about ISIS, a known attack (dated by the list, "since the attacks in Paris, which killed 130", or
    told on its day at its town) that the text left without an author is the group's when the list says it is; in
    any article, when a sentence ties the group to a name the list gives the attack ("Amedy Coulibaly ... told BFMTV
    that he belonged to ISIS": the kosher supermarket)."""
    for m in mentions:
        if m.kind == "attack" and m.perpetrator is None and \
                not any(lx.denies(sentences[i].text) for i in m.seen_at if 0 <= i < len(sentences)):
            attack = _known_of(m, sentences, published)
            tied = None if attack is None or about_isis else _name_tied_to_isis(attack, sentences)
            if attack is not None and attack.perpetrator == "ISIS" and (about_isis or tied is not None):
                m.perpetrator, m.attribution = "ISIS", "attributed"
                m.support.append(f"perpetrator@{m.sentence.index if tied is None else tied}:known.{attack.attack_id}")
            continue
        recalled_only = m.date_how == "known" and not lx.claims(m.sentence.text)
        if m.kind != "attack" or m.perpetrator != "ISIS" or lx.mentions_isis(m.sentence.text) and not recalled_only:
            continue
        attack = _known_of(m, sentences, published)
        if attack is None or attack.perpetrator in (None, "ISIS"):
            continue
        m.perpetrator = None if attack.perpetrator == "none" else attack.perpetrator
        m.attribution, m.claimed = ("attributed" if m.perpetrator else None), None
        m.support = [item for item in m.support if not item.startswith("perpetrator@")]
        m.support.append(f"perpetrator@{m.sentence.index}:known.{attack.attack_id}")


def author(m: Mention, sentences: list[Sentence], published: dt.date | None) -> str | None:
    """Who the list says did the known attack `m` is, if it is one and the list says: "ISIS", a group, "none"."""
    attack = _known_of(m, sentences, published) if m.kind == "attack" else None
    return None if attack is None else attack.perpetrator


def captives_named(text: str, published: dt.date | None, start: int = 0,
                   end: int | None = None) -> list[tuple[KnownAttack, re.Match]]:
    """The captives the list knows by name (rows without a town) that `text[start:end]` names, each with where,
    killed before publication."""
    end = len(text) if end is None else end
    return [(k, hit) for k in known_attacks() if k.place is None and k.names is not None and
            (published is None or k.day <= published) and (hit := k.names.search(text, start, end))]


def split_victims(mentions: list[Mention], published: dt.date | None) -> list[Mention]:
    """ "ISIS has beheaded James Foley and Steven Sotloff, and David Haines": one killing per victim the list of known
    attacks names, each on its own day (the video's), one dead; the victim's name stands as its trigger."""
    out: list[Mention] = []
    for m in mentions:
        text = m.sentence.text
        # the verb's objects, after it; or its subjects, before a passive ("Foley and Sotloff were beheaded")
        start, end = (0, m.trigger_at) if _PASSIVE_BEFORE.search(text, 0, m.trigger_at) else (m.trigger_at, len(text))
        victims = captives_named(text, published, start, end) if m.kind == "attack" and \
            "beheading" in m.attack_types else []
        if len(victims) == 1 and m.place is not None and m.place.country != victims[0][0].country:
            # "a video late Saturday showing a militant beheading David Haines" after a paragraph on Paris: the
            # captive was killed where he was held, not at the scene the narrative was on
            k, _ = victims[0]
            m.place, m.place_surface = Place(None, k.country, None, None, "country"), ""
            m.support = [x for x in m.support if not x.startswith("place@")] + \
                [f"place@{m.sentence.index}:known.{k.attack_id}"]
        if len(victims) < 2:
            out.append(m)
            continue
        for k, hit in victims:
            kept = m.place is not None and m.place.country == k.country
            place = m.place if kept else Place(None, k.country, None, None, "country")
            listed = not kept or any(x.startswith("place@") and ":known." in x for x in m.support)   # the list's
            out.append(replace(m, place=place, date=DateSpan(k.day, k.day, "day"), date_how="known",
                               killed=Quantity(1, 1, 1, "exact", hit.start(), hit.end(), hit.group(0)),
                               trigger_at=hit.start(), seen_at=list(m.seen_at),
                               support=[*(x for x in m.support if ":known." not in x),
                                        *([f"place@{m.sentence.index}:known.{k.attack_id}"] if listed else []),
                                        f"date@{m.sentence.index}:known.{k.attack_id}"]))
    return out


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|had been|have been|has been)\s+(?:\w+ly\s+)?$")


def fill_known_tolls(mentions: list[Mention], sentences: list[Sentence], published: dt.date | None) -> None:
    """A known attack (named in `support`, or on its day and named by a name in the mention's sentences) whose toll
    the mention lacks, or gives only in part ("89 at the Bataclan" of the 130 in Paris): a captive the list knows
    by name was one dead ("a video showed Foley being beheaded"); another attack takes the article's count of the
    whole when the article states one about the list's ("the 130 victims"). `support` names the row."""
    article = None
    for m in mentions:
        if m.kind != "attack":
            continue
        attack = _known_of(m, sentences, published)
        if attack is None or attack.killed is None:
            continue
        if m.killed is not None and (attack.place is None or m.killed.best is None or
                                     m.killed.best >= attack.killed * (1 - TOLL_MATCH) or not _a_part(m, attack)):
            continue   # the text's own count: about the list's, or too far below it to be a part of that attack
        toll, at = None, m.sentence.index
        if attack.place is None:
            hit = attack.names.search(m.sentence.text) if attack.names is not None else None
            if hit is not None:
                n = attack.killed
                toll = Quantity(n, n, n, "exact", hit.start(), hit.end(), hit.group(0))
        else:
            article = article if article is not None else [(s.index, s.text, find_tolls(s.text)) for s in sentences]
            # the list's very count anywhere, or about it in a sentence of the attack's frame or naming the attack
            # (its town, a word of it): "murdered 230 Kurds" in Kobani is not the Metrojet's 224
            at, toll = next(((i, t.quantity) for i, text, tolls in article for t in tolls if t.role == "killed" and
                             t.quantity.best is not None and t.quantity.qualifier != "vague" and
                             (t.quantity.best == attack.killed or
                              abs(t.quantity.best - attack.killed) <= TOLL_MATCH * attack.killed and
                              (i in m.seen_at or _names_attack(text, attack)))), (at, None))
        if toll is not None:
            m.killed = toll
            kept = [x for x in m.support if not x.startswith("killed@")]
            m.support = [*kept, f"killed@{at}:known.{attack.attack_id}"]


def _name_tied_to_isis(attack: KnownAttack, sentences: list[Sentence]) -> int | None:
    """The first sentence that ties a name the list gives the attack ("Coulibaly") to the group: a claim, an
    allegiance or a membership ("told BFMTV that he belonged to ISIS"; not "attacks ... encouraged by ISIS" beside
    "Manchester Arena")."""
    if attack.names is None:
        return None
    return next((s.index for s in sentences if attack.names.search(s.text) and lx.mentions_isis(s.text) and
                 (lx.claims(s.text) or lx.INSPIRED.search(s.text) or _MEMBERSHIP.search(s.text)) and
                 not lx.denies(s.text)), None)


_MEMBERSHIP = re.compile(r"\b(?:belong(?:ed|s|ing)? to|member of|fighters? for|loyal to|on behalf of|in the name of)\b",
                         re.I)


def _names_attack(text: str, attack: KnownAttack) -> bool:
    return bool(attack.place and attack.place in town_key(text) or attack.words and attack.words.search(text))


def _a_part(m: Mention, attack: KnownAttack) -> bool:
    """The mention's count is a part of the known attack's: a good share of it ("89" at one venue of Paris's 130),
    or the victims of one nationality ("two Americans killed in the Brussels attacks")."""
    s, q = m.sentence.text, m.killed
    return q.best >= PART_SHARE * attack.killed or bool(_NATIONALS_AFTER.match(s, q.end))


_NATIONALS_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:Americans|Britons|Canadians|Australians|Germans|Italians|Belgians|"
                              r"Israelis|Russians|French|British|Chinese|Japanese|(?:[A-Z]\w+\s+)?(?:nationals|"
                              r"citizens|tourists))\b")


@cache
def _known_by_id() -> dict[str, KnownAttack]:
    return {k.attack_id: k for k in known_attacks()}


def _known_of(m: Mention, sentences: list[Sentence], published: dt.date | None) -> KnownAttack | None:
    for item in m.support:
        if item.startswith("date@") and ":known." in item:
            return _known_by_id().get(item.split(":known.", 1)[1])
    if m.date is None or m.date.start != m.date.end:
        return None
    text = " ".join(sentences[i].text for i in m.seen_at if 0 <= i < len(sentences)) or m.sentence.text
    town = town_key(m.place.name) if m.place is not None and m.place.name else None
    that_day = [k for k in known_attacks() if k.day == m.date.start and k.country == (m.country or k.country) and
                (published is None or k.day <= published)]
    # on its day, at its town or named by a name
    named = [k for k in that_day if town is not None and k.place == town] or \
        [k for k in that_day if k.names is not None and k.names.search(text)]
    return named[0] if len(named) == 1 else None


@dataclass(frozen=True)
class ReferenceLoss:
    loss_id: str
    place: str              # folded
    names: frozenset[str]   # folded place and aliases
    country: str
    span: DateSpan          # the day, or the month when only that is known


@cache
def reference_losses() -> tuple[ReferenceLoss, ...]:
    """`seeds/reference_losses.csv`: the towns the Islamic State lost, each on its day, with public sources."""
    with open(SEEDS_DIR / "reference_losses.csv", newline="", encoding="utf-8") as rows:
        found = []
        for row in csv.DictReader(rows):
            day = dt.date.fromisoformat(row["date"])
            span = DateSpan(day, day, "day") if row["date_precision"] == "day" else DateSpan(
                day.replace(day=1), (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1),
                "month")
            names = frozenset(town_key(n) for n in [row["place"], *row["aliases"].split("|")] if n)
            found.append(ReferenceLoss(row["loss_id"], town_key(row["place"]), names, row["country"], span))
    return tuple(found)


def date_known_losses(mentions: list[Mention], published: dt.date | None) -> None:
    """A loss told without a day of its own ("the fall of Mosul", "ISIS lost Manbij last year") gets the day of the
    one reference loss of that town before publication and inside the window the text gives. `date_how = reference`
    (the coverage of the reference timeline counts only losses dated by the text itself)."""
    for m in mentions:
        if m.kind != "territorial_loss" or m.place is None or not m.place.name or not _open_to_known(m):
            continue
        town = town_key(m.place.name)
        window = m.date if m.date is not None and m.date_how not in UNDATED + BORROWED else None
        fits = [r for r in reference_losses() if town in r.names and r.country == (m.country or r.country) and
                (published is None or r.span.end <= published) and
                (window is None or window.start <= r.span.start and r.span.end <= window.end)]
        # "Mosul" names the city's loss, not eastern Mosul's (whose alias it is)
        fits = [r for r in fits if r.place == town] or fits
        if len(fits) == 1:
            m.date, m.date_how = fits[0].span, "reference"
            m.support.append(f"date@{m.sentence.index}:reference.{fits[0].loss_id}")


def _stated_day(m: Mention) -> bool:
    """A day read from the text's words ("on Sunday"), which may be the day of a statement about the attack."""
    return m.date is not None and m.date_how == "relative" and m.date.start == m.date.end


def _open_to_known(m: Mention) -> bool:
    """A mention without a day of its own: undated, dated from a nearby sentence, or a window ("in 2015")."""
    return m.date is None or m.date_how in UNDATED or m.date_how in BORROWED or m.date.start != m.date.end


def _the_known_attack(m: Mention, text: str, published: dt.date | None, by_name: bool = False) -> KnownAttack | None:
    """`by_name`: only a name ("Pulse", "Zehaf-Bibeau") or the toll may single the attack out, not a common word
    ("a nightclub in Orlando" two days after Pulse may be another nightclub)."""
    town = town_key(m.place.name) if m.place is not None and m.place.name else None
    possible = [k for k in known_attacks() if _could_be(k, m, published)]
    here = [k for k in possible if town is not None and k.place == town]
    named = [k for k in possible if k.names is not None and k.names.search(text) and
             (town is None or k.place is None) and k.country == (m.country or k.country)]
    words = (lambda k: k.names) if by_name else (lambda k: k.words)
    worded = [k for k in here if words(k) is not None and words(k).search(text)] or named
    if len(worded) == 1:
        return worded[0]
    tolled = [k for k in (worded or here) if _same_toll(k, m)]
    if len(tolled) == 1:
        return tolled[0]
    if len(here) == 1 and not worded and _narrow_window(m) and m.killed is None:
        # "the attacks in Paris last week", "the recent attacks in Paris": the few days the text itself gives
        # hold one known attack there
        return here[0]
    return None


def _narrow_window(m: Mention) -> bool:
    """A window the text itself states, of a fortnight at most ("last week", "recent"), or a month it names ("the Paris
    attacks last month")."""
    return m.date is not None and m.date_how not in UNDATED + BORROWED and not _stated_day(m) and \
        ((m.date.end - m.date.start).days <= NARROW_DAYS or m.date.precision == "month")


def _could_be(k: KnownAttack, m: Mention, published: dt.date | None) -> bool:
    if published is not None and k.day > published:
        return False
    window = m.date if m.date is not None and m.date_how not in UNDATED + BORROWED and not _stated_day(m) else None
    # "the recent terror attacks in Paris" a month after them: "recent" reaches further back than its window
    slack = dt.timedelta(days=RECENT_SLACK_DAYS if window is not None and window.precision == "recent" else 0)
    return window is None or window.start - slack <= k.day <= window.end


def _same_toll(k: KnownAttack, m: Mention) -> bool:
    """The mention's toll is the known attack's: about equal, or a lower bound it passes by little ("over 100"
    for 130; not "more than 40")."""
    if k.killed is None or m.killed is None or m.killed.qualifier == "vague":
        return False
    if k.killed == 0:
        return m.killed.best == 0   # a bombing that killed nobody is not "murdered a black man"
    if m.killed.qualifier in ("at_least", "more_than"):
        return m.killed.best <= k.killed <= m.killed.best * (1 + 3 * TOLL_MATCH)
    return abs(m.killed.best - k.killed) <= max(1, TOLL_MATCH * k.killed)
