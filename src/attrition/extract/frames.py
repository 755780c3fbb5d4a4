"""One event, the whole article: later sentences complete the frame the narrative opened.

A report states an event over many sentences: the lede ("explosions struck Brussels"), later references
("Tuesday's attacks", "the bombing"), the claim, the toll in the headline ("Death toll in Nice attack rises
to 85"). After the sentence-by-sentence pass, such sentences are read again and each is given to the
attack it refers to (`referents`): the attack at a place it names, else, when it refers back ("the
attack", "the gunman", "it"), the attack the narrative is on. They add what the frame lacks:

- the perpetrator and how strongly the text ties it (`attribution.py`);
- the day, from a reference that dates the event itself ("Tuesday's attacks", "the attack on Friday"),
  where the frame had only the weeks before publication or a vaguer window that contains that day;
- the toll, from the headline where the body states none, from a bare count of the dead right after the report
  ("Eight people have died"), and a later, higher count of the same dead ("the UN gave a higher toll").

Each filled field names its sentence in the mention's `support` ("date@14:reference", "killed@-1:headline").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from attrition.extract import lexicon as lx
from attrition.extract.dates import DateSpan, before, dated_apart, find_dates, resolve
from attrition.extract.numbers import Quantity, find_tolls, parse_number
from attrition.extract.prefilter import Gated

if TYPE_CHECKING:
    from attrition.extract.narrative import Mention

NEWS_DAYS = dt.timedelta(days=7)   # an attack this close to publication is the article's news, not a recollection
REFERENCE_SENTENCES = 12     # how far back "the attack" may point at the event the narrative is on
BACKGROUND_REACH = dt.timedelta(days=7)   # an event ending this soon after "recent" begins is one before it
HEADLINE_NEWS = dt.timedelta(days=7)   # how old an attack a headline's toll may still be counting
LEDE_SENTENCES = 3           # a headline or lede may point forward, at the first attack reported
# "ISIS, which holds parts of Iraq and Syria, claimed it": the group's home, not the attack's place
ISIS_HOME = frozenset({"IQ", "SY"})
VAGUE_HOW = ("assumed_recent", "missing", "narrative", "scene")
STRENGTH = {"claimed": 3, "attributed": 2, "inspired": 1, "suspected": 0, None: -1}

# An attack the sentence refers back to, or its doer: "the attack", "Tuesday's bombings", "the gunman", "it".
EVENT_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|[A-Z][a-z]+day['’]s|\w+['’]s)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:attacks?|assaults?|bombings?|blasts?|explosions?|shootings?|massacres?|rampages?|carnage|killings?|"
    r"atrocit(?:y|ies)|siege|slaughter|stabbings?|beheadings?|murders?|violence|plot|videos?|footage|incidents?)\b|"
    r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:gunm[ae]n|shooters?|attackers?|assailants?|bombers?|"
    r"suspects?|killers?|perpetrators?|driver|terrorists?|jihadis?|culprits?)\b|"
    r"\b(?:claimed|claiming|claims)\s+(?:it|them)\b|\b(?:he|she|they)\s+(?:had\s+)?(?:pledged|swore|sworn)\b|"
    r"\bthe\s+latter\b",   # "a Kurdish group claimed responsibility for the latter": the attack just told
    re.I,
)
_ATTACK_NOUN = (r"(?:attacks?|assaults?|bombings?|blasts?|explosions?|shootings?|massacres?|rampages?|killings?|"
                r"stabbings?|slaughter|siege)")
# Gated: these run on every sentence of an article with an attack, and most sentences hold none of their words
ATTACK_NOUN = Gated(re.compile(rf"\b{_ATTACK_NOUN}\b", re.I))
TOLL_CUE = Gated(re.compile(r"\b(?:dead|killed|killing|died|lives|wounded|injured|injuring|toll)\b", re.I))
# The day of the event itself: "Tuesday's attacks", "the attack on Friday", "the bombings in Brussels on Tuesday".
DAY_OF_EVENT = Gated(re.compile(
    rf"\b(?P<a>{lx.WEEKDAY}){lx.DAY_PART}['’]s\s+(?:[\w-]+\s+){{0,4}}?{_ATTACK_NOUN}\b|"
    rf"\b{_ATTACK_NOUN}\s+(?:(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){{1,3}})?on\s+(?P<b>{lx.WEEKDAY})\b|"
    # "the Wednesday massacre", "the Friday night attacks"
    rf"\bthe\s+(?P<c>{lx.WEEKDAY}){lx.DAY_PART}\s+(?:[\w-]+\s+){{0,2}}?{_ATTACK_NOUN}\b"))


@dataclass(frozen=True)
class Reference:
    """A sentence that may speak of an attack the article reports."""
    index: int                 # sentence index; -1 for the headline
    places: tuple[str, ...]    # names (or countries) of the places it names
    refers_back: bool          # "the attack", "the gunman": the event the narrative is on
    plural: bool = False       # "the explosions", "both attacks": every attack just told


def reference(index: int, s: str, gazetteer, countries: frozenset[str], people: frozenset[str]) -> Reference:
    found = gazetteer.find(s, countries=countries, people=people)
    places = tuple(m.place.name or m.place.country for m in found if m.place.precision != "region")
    back = EVENT_REFERENCE.search(s)
    return Reference(index, places, back is not None, back is not None and bool(_PLURAL_EVENT.search(back.group(0))))


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def people_named(s: str, people: frozenset[str]) -> frozenset[str]:
    """The surnames of the article's people that a sentence names."""
    return frozenset(w.lower() for w in _CAPITALISED.findall(s)) & people if people else frozenset()


_PLURAL_EVENT = re.compile(r"\b(?:both|these|those|the\s+(?:two|twin|three))\b|(?:attacks|bombings|blasts|explosions|"
                           r"shootings|killings|stabbings|assaults)$", re.I)
PLURAL_REACH = 4   # "the explosions" covers the attacks told in the few sentences before


def referents(ref: Reference, attacks: list, strong: bool = True) -> tuple[list, bool]:
    """The attacks a sentence refers to (those at a place it names, else the one the narrative is on), and
    whether they were found by place. `strong`: the sentence says enough to stand for the article's only attack
    without referring back to it ("ISIS claimed responsibility")."""
    if ref.places:
        # a town names its attacks; a country only the one attack the article places there
        named = [m for m in attacks if m.place is not None and m.place.name in ref.places] or [
            m for m in attacks if m.place is not None and m.place.country in ref.places]
        if named:
            return named, True
        if not ref.refers_back or not set(ref.places) <= ISIS_HOME:
            return [], False   # it names another place: another attack, which this article does not report
    if not ref.refers_back and not (strong and len(attacks) == 1 and _near(ref.index, attacks[0])):
        # "ISWAP ... claimed responsibility" a few paragraphs after the one attack told so far (another comes later)
        told = [m for m in attacks if any(ref.index - REFERENCE_SENTENCES <= i < ref.index for i in m.seen_at)]
        if strong and ref.index >= 0 and len(told) == 1 and not any(ref.index in m.seen_at for m in attacks):
            return told, False
        return [], False
    window = range(ref.index - REFERENCE_SENTENCES, ref.index + 1)
    recent = [m for m in attacks if any(i in window for i in m.seen_at)]
    if recent:
        close = [m for m in recent if any(0 <= ref.index - i <= PLURAL_REACH for i in m.seen_at)]
        return (close if ref.plural and len(close) > 1 else nearest(ref.index, recent)), False
    after = [m for m in attacks if m.sentence.index > ref.index]
    if after and (ref.index <= LEDE_SENTENCES or len(attacks) == 1):
        return [after[0]], False
    return ([attacks[-1]] if len(attacks) == 1 and _near(ref.index, attacks[-1]) else []), False


def _near(index: int, attack) -> bool:
    """A sentence may stand for an article's only attack when it is the headline or within reach of its report: a
    claim 70 sentences on is about something else ("the day after police officers were murdered in Dallas" in a
    column that later quotes an ISIS claim)."""
    return index < 0 or min(abs(index - i) for i in attack.seen_at) <= 2 * REFERENCE_SENTENCES


def nearest(index: int, attacks: list) -> list:
    """Of several attacks at the place a sentence names, the one the narrative was last on before it ("the
    Charlie Hebdo attack ... the kosher grocery ... al-Qaeda claimed the Paris attack" is ambiguous; the nearest
    report before the claim is the likeliest), else the first reported after it."""
    before = [(max(i for i in m.seen_at if i <= index), m) for m in attacks if any(i <= index for i in m.seen_at)]
    if before:
        # of two told in one sentence, the one told last ("... after a bomb attack killed 44 at a stadium")
        return [max(before, key=lambda pair: (pair[0], pair[1].trigger_at if pair[1].sentence.index == pair[0]
                                                    else -1))[1]]
    return [min(attacks, key=lambda m: min(m.seen_at))]


def complete(mentions: list, sentences, title: str, published, gazetteer, countries: frozenset[str],
             people: frozenset[str]) -> None:
    """Dates from references to the event and the toll from the headline, where the frame lacks them."""
    attacks = sorted((m for m in mentions if m.kind == "attack"), key=lambda m: m.sentence.index)
    if not attacks:
        return
    texts = ([(-1, title)] if title else []) + [(s.index, s.text) for s in sentences]
    for index, s in texts:
        refs: list[Reference] = []

        def ref_of(index=index, s=s, refs=refs) -> Reference:
            """The places the sentence names, looked up once, and only when a rule needs them."""
            if not refs:
                refs.append(reference(index, s, gazetteer, countries, people))
            return refs[0]

        day = DAY_OF_EVENT.search(s) if published is not None else None
        if day is not None:
            _date_from(day, ref_of, s, published, attacks)
        if index >= 0 and any(m.killed is None or m.injured is None for m in attacks) and TOLL_CUE.search(s) and \
                ATTACK_NOUN.search(s):
            _tolls_from(ref_of, s, attacks, published)
        elif index > 0 and any(m.killed is None and 0 < index - max(m.seen_at) <= FOLLOW_ON for m in attacks):
            _tolls_following(ref_of, s, attacks)
        update = TOLL_UPDATE.search(s) if index >= 0 else None
        if update is not None:
            _toll_update(ref_of, s, update, attacks, published)
        if index < 0:
            headline_ref = ref_of
    # the headline's toll last: a toll the body states, nearer the event, comes first
    if title and lx.ANY_TRIGGER.search(title):
        _toll_from_headline(headline_ref, title, attacks, published)


def _date_from(day: re.Match, ref_of, s: str, published, attacks) -> None:
    surface = day.group("a") or day.group("b") or day.group("c")
    expr = next((e for e in find_dates(s) if e.surface.startswith(surface) and e.start >= day.start()), None)
    span = resolve(expr, published, None) if expr is not None else None
    if span is None or span.precision != "day":
        return
    ref = ref_of()
    targets, _ = referents(replace(ref, refers_back=True), attacks)
    for m in targets:
        if m.date is not None and m.date.precision == "day" and m.date_how not in VAGUE_HOW:
            continue   # the frame has its own day
        if m.date is not None and m.date_how not in VAGUE_HOW and not (m.date.start <= span.start <= m.date.end):
            continue   # a window of its own that excludes the day: another event's day
        m.date, m.date_how = DateSpan(span.start, span.end, "day"), "relative"
        m.support.append(f"date@{ref.index}:reference")


# "Death toll in Nice attack rises to 85", "Brussels toll climbs to 35": a headline's latest count of the dead
TOLL_RISES = re.compile(r"\b(?:death toll|toll|dead|killed)\b[^.;:]{0,50}?\b(?:rises|climbs|jumps|reaches|hits|grows|"
                        r"increases|now)\s+(?:to\s+|at\s+)?(?P<n>\d[\d,]*)\b", re.I)


# "The attack in Ottawa came two days after a man ran over two soldiers in Quebec": the attack told after it is that
# many days before the one the sentence opens with
_CAME_AFTER = re.compile(r"\b(?:came|happened|occurred|took\s+place)\s+(?:just\s+|only\s+)?(?P<n>\w+)\s+"
                         r"(?P<unit>days?|weeks?)\s+after\b")


def date_before_sequel(mentions: list) -> None:
    """Date an attack told after "came N days after" from the dated attack the sentence opens with (named by its
    place), where the attack had only the narrative's day or a vaguer one."""
    attacks = [m for m in mentions if m.kind == "attack"]
    for m in attacks:
        if m.date_how not in VAGUE_HOW and m.date_how != "relative":
            continue
        s = m.sentence.text
        came = _CAME_AFTER.search(s, 0, m.trigger_at)
        if came is None or not ATTACK_NOUN.search(s, 0, came.start()):
            continue
        opening = s[: came.start()]
        sequel = next((o for o in attacks if o is not m and o.date is not None and o.date.precision == "day" and
                       o.place is not None and (o.place.name in opening or o.place_surface in opening)), None)
        day = before(sequel.date, came["n"], came["unit"]) if sequel else None
        if day is not None:
            m.date, m.date_how = day, "relative"
            m.support.append(f"date@{m.sentence.index}:sequel")


def _headline_toll(title: str) -> Quantity | None:
    rises = TOLL_RISES.search(title)
    if rises is not None:
        n = parse_number(rises.group("n"))
        if n is not None:
            return Quantity(n, n, n, "exact", rises.start("n"), rises.end("n"), rises.group("n"))
    killed = [t for t in find_tolls(title) if t.role == "killed"]
    return killed[-1].quantity if killed else None


def _tolls_from(ref_of, s: str, attacks, published) -> None:
    """ "Monday's attack that left 12 dead", "the massacre that killed 49": a later sentence's toll for an attack the
    article reports, where the frame has none. Only the attack at a place the sentence names, or the article's only
    attack: a toll must not wander to another event, nor come from a sentence dated at another time ("Last
    November, gunmen stormed Kabul University, killing 22")."""
    tolls = find_tolls(s)
    if not tolls:
        return
    ref = ref_of()
    targets, by_place = referents(ref, attacks, strong=False)
    if len(targets) != 1 or not by_place and len(attacks) > 1:
        return
    [m] = targets
    if ref.index in m.seen_at or dated_apart(s, published, m.date):
        return   # its own sentences were read for tolls already, with the rules on whose toll is whose
    for toll in tolls:
        field = "killed" if toll.role == "killed" else "injured"
        if _better_toll(toll.quantity, getattr(m, field)):
            setattr(m, field, toll.quantity)
            m.support.append(f"{field}@{ref.index}:reference")


FOLLOW_ON = 2   # a bare count of the dead in the sentences right after a report is the report's toll


def _tolls_following(ref_of, s: str, attacks) -> None:
    """ "A man drove a rental truck down a bike path ... Eight people have died while another 11 recover": a
    sentence that only counts the dead, right after the report of an attack without a toll, counts that attack's.
    Not when it names another place, dates something, or counts over a period or many events."""
    if lx.toll_aggregate(s):
        return
    tolls = find_tolls(s)
    killed = [t for t in tolls if t.role == "killed"]
    if not killed or find_dates(s):
        return
    index = ref_of().index
    [m] = nearest(index, attacks)
    last = max((i for i in m.seen_at if i < index), default=None)   # None: the attack is told in this sentence
    if m.killed is not None or last is None or index - last > FOLLOW_ON:
        return
    places = set(ref_of().places)
    if places - {m.place.name, m.place.country} if m.place is not None else places:
        return
    m.killed = killed[0].quantity
    m.support.append(f"killed@{index}:following")
    injured = [t for t in tolls if t.role == "injured"]
    if injured and m.injured is None:
        m.injured = injured[0].quantity
        m.support.append(f"injured@{index}:following")


# A later, higher count of the same dead: "the death toll rose to 35", "the UN gave a higher toll, saying 35 people
# had been killed" (the data keeps the latest figure a report gives).
TOLL_UPDATE = Gated(re.compile(r"\b(?:death toll|toll|number of (?:the )?dead)\b[^.;]{0,40}?\b(?:rose|risen|rises|"
                               r"climbed|jumped|increased|reached|now stands|stands at|is now|now at)\b|"
                               # "two more victims died, raising the death toll to 25"
                               r"\b(?:raising|pushing|bringing|taking)\s+(?:the\s+)?(?:death\s+)?toll\s+to\b|"
                               r"\ba higher (?:death )?toll\b", re.I))


def _toll_update(ref_of, s: str, update: re.Match, attacks, published=None) -> None:
    """A later, higher count replaces the toll of the attack it names, or else of the article's one news attack
    (an update counts today's dead, not those of an attack recalled for comparison), or of the one the narrative is
    on; not when it counts a whole country's dead ("the death toll in Spain rose to 14" after attacks in two towns)."""
    killed = [t for t in find_tolls(s) if t.role == "killed"]
    if not killed:
        return
    ref = ref_of()
    targets, _ = referents(ref, attacks, strong=False)
    if not targets and published is not None:
        news = [m for m in attacks if min(m.seen_at) < ref.index and m.date is not None and
                m.date.end >= published - NEWS_DAYS]
        if len(news) == 1 and len(news) < len(attacks):
            targets = news   # "The death toll is now 42", after the airport attack and a recalled one in Brussels
    if not targets:   # "the UN gave a higher toll": the attack the narrative is on
        before = [m for m in attacks if any(0 <= ref.index - i <= REFERENCE_SENTENCES for i in m.seen_at)]
        targets = nearest(ref.index, before) if before else []
    if len(targets) != 1:
        return
    [m] = targets
    whose = re.search(r"\bin\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)", update.group(0))
    if whose is not None and (m.place is None or m.place.name != whose.group(1)):
        return
    new = killed[-1].quantity
    if m.killed is not None and m.killed.qualifier != "vague" and new.best <= m.killed.best:
        return
    m.killed = new
    m.support.append(f"killed@{ref.index}:update")


def _better_toll(new: Quantity, old: Quantity | None) -> bool:
    """A toll fills a frame that has none, and replaces a vague one ("killed dozens", coded 12 as ACLED does) by
    a count ("the bombing that killed 72")."""
    return old is None or old.qualifier == "vague" and new.qualifier != "vague"


def _toll_from_headline(ref_of, title: str, attacks, published) -> None:
    toll = _headline_toll(title)
    if toll is None:
        return
    targets, _ = referents(ref_of(), attacks, strong=len(attacks) == 1)
    for m in targets:
        # a headline counts the news: not an attack the body dates before the week of publication ("the deadliest
        # attack in Kabul last year" in a report of today's)
        past = published is not None and m.date is not None and m.date.end < published - HEADLINE_NEWS
        if m.killed is None and not past:
            m.killed = toll
            m.support.append("killed@-1:headline")


# --- one event, many sentences: mentions of the same event in one article become one frame ---------------

PRECISION_RANK = {"landmark": 0, "city": 0, "region": 1, "country": 2, None: 3}


def merge_within_article(mentions: list[Mention]) -> list[Mention]:
    """An article names the same event several times ("the Paris attacks", "the mass-murder in Paris
    this weekend"): keep one mention per event, with the most precise place, date and toll."""
    groups: list[list[Mention]] = []
    # "two blasts in Egypt killed 44" beside Tanta's and Alexandria's own reports: a country's event is a town's
    # only where the article reports one town of that country
    towns: dict[tuple[str, str | None], set[str]] = {}
    for m in mentions:
        if m.place is not None and m.place.precision in ("city", "landmark") and m.place.name:
            towns.setdefault((m.kind, m.country), set()).add(m.place.name)
    for mention in mentions:
        for group in groups:
            if all(_same_event(mention, other, towns) for other in group):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return _country_into_town([_combine(group) for group in groups])


def merge_repeats(mentions: list[Mention]) -> list[Mention]:
    """Mentions of one event the article-level passes made alike (two sentences of the Paris attacks, each given the
    day of the list of known attacks after the first merge): one mention, as that merge would have made them."""
    groups: dict = {}
    for m in mentions:
        same = m.place is not None and m.place.name and m.date is not None and m.date.precision == "day"
        key = (m.kind, m.country, m.place.name, m.date.start, m.date.end) if same else id(m)
        groups.setdefault(key, []).append(m)
    return [_combine(group) for group in groups.values()]


def _country_into_town(mentions: list[Mention]) -> list[Mention]:
    """ "Tuesday's bombings in Belgium" and "explosions struck Brussels" in one article: an event placed only in a
    country or a region is the one event the article places in a town of that country at that time, when there is
    exactly one."""
    coarse = [m for m in mentions if m.place is not None and m.place.precision in ("country", "region") and
              not _killed_in_captivity(m)]
    if not coarse:
        return mentions
    kept = list(mentions)
    for m in coarse:
        towns = [t for t in kept if t is not m and t.kind == m.kind and t.country == m.country and t.place is not None
                 and t.place.precision in ("city", "landmark") and _overlap(t, m)]
        if len(towns) == 1:
            kept.remove(m)
            kept[kept.index(towns[0])] = _combine([towns[0], m])
        elif len(towns) > 1:
            # "two blasts in Egypt killed 44", then Tanta's 27 and Alexandria's 17: the country's report is the
            # towns' events together; each keeps its own toll and notes the sentence
            kept.remove(m)
            for town in towns:
                town.seen_at = sorted({*town.seen_at, *m.seen_at})
    return kept


def _news_and_background(a: Mention, b: Mention) -> bool:
    """ "ISIS militants have attacked Kirkuk" without a day, and "in December, ISIS claimed a suicide car bomb attack
    there": the undated report is the news of the days before publication, the one dated before them another
    attack at the same place."""
    return a.date_how == "assumed_recent" and b.date is not None and a.date is not None and \
        b.date_how not in ("assumed_recent", "missing") and b.date.end < a.date.start + BACKGROUND_REACH


def _overlap(a: Mention, b: Mention) -> bool:
    return a.date is None or b.date is None or not (a.date.end < b.date.start or b.date.end < a.date.start)


def _same_event(a: Mention, b: Mention, towns: dict | None = None) -> bool:
    if a.kind != b.kind or a.country != b.country or _news_and_background(a, b) or _news_and_background(b, a):
        return False
    if (a.date_how == "known") != (b.date_how == "known") and (a.date is None or b.date is None):
        # a past attack recalled by the list's day ("following the car and knife attack in Westminster") is not the
        # undated attack the article reports at that town
        return False
    if a.date and b.date and (a.date.end < b.date.start or b.date.end < a.date.start):
        # the same video of a beheading, "released Tuesday night" and "analysed Wednesday": a day apart, in a
        # country only, with the same kind of killing, is one killing
        apart = max(a.date.start - b.date.end, b.date.start - a.date.end).days
        if not (apart <= 1 and a.place and b.place and a.place.name is None is b.place.name and
                set(a.attack_types) & set(b.attack_types) & {"beheading"}):
            return False
    if _place_key(a) == _place_key(b):
        return True
    coarse = {a.place.precision, b.place.precision} & {"country", "region"}
    if coarse and towns is not None and len(towns.get((a.kind, a.country), ())) > 1 or \
            _killed_in_captivity(a) != _killed_in_captivity(b):
        return False
    return bool(coarse) and abs(a.sentence.index - b.sentence.index) <= 2


def _killed_in_captivity(m: Mention) -> bool:
    """A captive killed where he was held ("Foley, who was decapitated by ISIS"): no part of a town's massacre."""
    return any(item.endswith(":place.captivity") for item in m.support)


def _place_key(m: Mention) -> str | None:
    return (m.place.name or m.place.country).lower() if m.place else None


# every way a date is read (a loss dated by the timeline of known losses is "reference")
_HOW_RANK = {"explicit": 0, "relative": 0, "known": 0, "reference": 0, "scene": 1, "narrative": 1, "assumed_recent": 3,
             "recalled": 3, "missing": 4}


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
        if m.killed is not None and _better_toll(m.killed, merged.killed):
            merged.killed = m.killed
        if m.injured is not None and _better_toll(m.injured, merged.injured):
            merged.injured = m.injured
        merged.captured_by = merged.captured_by or m.captured_by
        for attack_type in m.attack_types:
            if attack_type not in merged.attack_types:
                merged.attack_types.append(attack_type)
        if m.perpetrator and (merged.perpetrator is None or
                              m.perpetrator == "ISIS" == merged.perpetrator and stronger(m.attribution,
                                                                                           merged.attribution)):
            merged.perpetrator, merged.attribution = m.perpetrator, m.attribution
        merged.claimed = merged.claimed or m.claimed
    return merged


def stronger(new: str, old: str | None) -> bool:
    return STRENGTH[new] > STRENGTH[old]
