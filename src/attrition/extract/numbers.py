"""Victim counts ("killed at least 120 people", "20 were wounded") in news sentences.

``parse_number`` reads one number written in digits or words; ``find_tolls`` finds the killed/injured
counts of an attack in a clause with a handful of precompiled regexes (no parser).

Quantities keep the stated figure: "at least 120", "more than 120", "about 120", "up to 120" all give
low = high = best = 120 and say how the figure was qualified in ``qualifier``; a range "4,000 to 5,000" gives
low=4000, high=5000 and best=low (the conservative figure, as ACLED and GTD code it).

Vague quantities, coded the way ACLED codes vague fatality reports (low = high = best):

    a handful, a few, several            -> 3
    dozens, scores                       -> 12   ("scores" is literally 40+; ACLED-style conservative 12)
    several dozen                        -> 36
    hundreds / several hundred           -> 100 / 300
    thousands / several thousand         -> 1000 / 3000
    tens of thousands                    -> 10000
    hundreds of thousands                -> 100000

"a number of" and "many" give no toll at all. Zero tolls ("no one was killed", "no casualties") give
qualifier "zero"; "casualties", "victims", "hurt" and "harmed" are read as covering both roles, so "no
casualties" or "nobody was hurt" gives a zero toll for "killed" and one for "injured".

Not tolls: combatants as the object or subject of the killing (militants, fighters, jihadists, insurgents,
terrorists, gunmen, attackers, assailants, bombers, rebels, ...), anyone killed "by police/soldiers/..."
(the perpetrators), anaphoric subjects without a noun ("All three were shot dead"), ages, years, counts of
things, and "killed or wounded" (casualties not split by role). Plain "shot"/"stabbed" (outcome unknown)
are not tolls; "shot dead", "stabbed to death" and "fatally stabbed" are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Quantity", "Toll", "find_tolls", "parse_number"]


@dataclass(frozen=True, slots=True)
class Quantity:
    low: int
    high: int
    best: int
    qualifier: str  # "exact" | "at_least" | "more_than" | "about" | "at_most" | "range" | "vague" | "zero"
    start: int
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class Toll:
    role: str  # "killed" | "injured"
    quantity: Quantity
    start: int
    end: int  # span of the whole toll phrase in the sentence
    surface: str


# ------------------------------------------------------------------------------------------ parse_number

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_SCALED_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion)")


def parse_number(text: str) -> int | None:
    """A number written in digits or words: "4,000", "1.5 million", "three hundred", "a dozen", "an"."""
    t = " ".join(text.strip().lower().replace("\u2011", "-").split())
    if not t:
        return None
    if _DIGITS_RE.fullmatch(t):
        return int(t.replace(",", ""))
    m = _SCALED_RE.fullmatch(t)
    if m:
        return int(Decimal(m.group(1)) * _SCALES[m.group(2)])
    if t.endswith("dozen and a half"):   # "a dozen and a half": eighteen
        dozens = parse_number(t[: -len(" and a half")])
        return None if dozens is None else dozens + 6
    tokens = [tok for tok in re.split(r"[\s-]+", t) if tok != "and"]
    if not tokens or (tokens[0] in ("a", "an") and len(tokens) > 1 and tokens[1] in _UNITS):
        return None  # "a two" is not a number
    total = current = 0
    seen = False
    for i, tok in enumerate(tokens):
        if tok in ("a", "an") and i == 0:
            current, seen = 1, True
        elif tok in _UNITS:
            current += _UNITS[tok]
            seen = True
        elif tok == "hundred":
            current = (current or 1) * 100
            seen = True
        elif tok == "dozen":
            current = (current or 1) * 12
            seen = True
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0
            seen = True
        elif _DIGITS_RE.fullmatch(tok) and i == 0:
            current = int(tok.replace(",", ""))
            seen = True
        else:
            return None
    return total + current if seen else None


# ------------------------------------------------------------------------------------------ vocabulary


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD_NUM = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|thousand|million|dozen(?:\s+and\s+a\s+half\b)?)"
)
_NUM = (
    rf"(?:(?<![\d.,$£€])(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?:thousand|million))?(?![\d,]*\d)"
    rf"|(?:an?\s+(?=(?:hundred|thousand|dozen)\b))?{_WORD_NUM}(?:[\s-]+(?:and\s+)?{_WORD_NUM})*)\b"
    r"(?![-\s]*(?:years?[-\s]*old|year\b|%|per\s?cent|km|kilomet|miles?\b|metres|meters|feet|a\.m|p\.m)"
    r"|-?\s+(?:and|or|to)\s+[\w-]+?[-\s]years?[-\s]olds?\b)"   # "6- and 7-year-olds": ages, not a count
)
_VAGUE = {
    "a handful": 3, "a few": 3, "several": 3, "dozens": 12, "scores": 12, "several dozen": 36,
    "hundreds": 100, "several hundred": 300, "thousands": 1000, "several thousand": 3000,
    "tens of thousands": 10_000, "hundreds of thousands": 100_000,
}  # fmt: skip
_VAGUE_RE = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|several\s+(?:dozen|hundred|thousand)"
    r"|a\s+handful|a\s+few|several|dozens|scores|hundreds|thousands)(?:\s+of\b)?"
)
_QUALIFIERS = {
    "at least": "at_least", "no less than": "at_least", "no fewer than": "at_least",
    "a minimum of": "at_least", "at least another": "at_least", "more than": "more_than", "over": "more_than",
    "upwards of": "more_than", "in excess of": "more_than", "about": "about", "around": "about",
    "some": "about", "nearly": "about", "almost": "about", "approximately": "about", "roughly": "about",
    "close to": "about", "an estimated": "about", "estimated": "about", "up to": "at_most",
    "as many as": "at_most", "at most": "at_most", "no more than": "at_most", "fewer than": "at_most",
    "less than": "at_most", "a total of": "exact", "another": "exact",
}  # fmt: skip
_QUAL_RE = "|".join(sorted((q.replace(" ", r"\s+") for q in _QUALIFIERS), key=len, reverse=True))
_QTY = (
    rf"(?:(?P<q>{_QUAL_RE})\s+)?"
    rf"(?:between\s+(?P<ra>{_NUM})\s+and\s+(?P<rb>{_NUM})"
    rf"|(?P<a>{_NUM})\s*(?:to|-|\u2013|\u2014|or)\s*(?P<b>{_NUM})"
    rf"|(?P<v>{_VAGUE_RE})"
    rf"|(?P<n>{_NUM}))"
)

_COMBATANTS = _words(
    "militant militants fighter fighters jihadist jihadists jihadi jihadis insurgent insurgents terrorist "
    "terrorists gunman gunmen attacker attackers assailant assailants bomber bombers extremist extremists "
    "perpetrator perpetrators suspect suspects rebel rebels operative operatives isis isil daesh "
    "al-qaeda al-shabaab shabaab boko haram taliban hijackers hijacker kidnappers kidnapper"
)
_TIME_UNITS = _words("years year months month weeks week days day hours hour minutes")
_THINGS = _TIME_UNITS | _words(
    "miles mile km kilometres kilometers metres meters feet yards percent weapons pistols rifles guns vehicles cars "
    "buildings houses homes shops restaurants targets sites rounds shots bullets times dollars euros pounds"
)
_SINGULAR_VICTIMS = (
    r"(?:person|man|woman|child|boy|girl|baby|infant|teenager|policeman|policewoman|police\s+officer"
    r"|officer|deputy|soldier|guard|civilian|tourist|priest|worshipper|pilgrim|student|teacher|journalist|reporter"
    r"|photographer|driver|passenger|resident|villager|farmer|worker|pedestrian|bystander|passer-?by|passerby|pilot|co-?pilot|official|doctor"
    r"|nurse|shopkeeper|sergeant|gendarme|pensioner|mother|father|son|daughter|wife|husband|brother|sister"
    r"|victim|hostage|citizen|national|cleric|imam|politician|mayor|judge|lawyer|activist|aid\s+worker"
    r"|employee|customer|shopper|guest|commuter|trooper|marine|cop|constable|member|leader|commander"
    r"|chief|elder|local|Briton|American|Frenchman|Frenchwoman|Israeli|Palestinian|reservist|firefighter"
    r"|paramedic|monk|nun|pastor|rabbi|bishop|cartoonist|manager|owner|shepherd|fisherman|diplomat"
    r"|ambassador|missionary|volunteer|nanny|vendor|hostage|pilot)\b"
)
_STOP = (
    r"and|or|but|in|at|on|by|with|when|while|as|after|before|during|including|near|from|to|for|who|that"
    r"|which|whom|whose|was|were|is|are|had|have|has|been|being|since|across|inside|outside|amid|following"
    r"|last|this|yesterday|today|the|a|an|it|its|their|his|her|into|over|under|within|among|around|between"
    r"|not|also|later|then|so|because|if|than|said|says|according|earlier|killed|killing|dead|died|slain"
    r"|murdered|wounded|wounding|injured|injuring|hurt|perished|lost|shot|reportedly|all|both|were|will"
    r"|would|could|may|might|got|left|leaving|themselves|himself|herself|overnight|on"
)
# a word of a noun phrase: not ending in a full stop, unless it is an initialism ("four U.S. troops")
_NP_WORD = rf"(?!(?:{_STOP})\b)(?:(?:[A-Z]\.){{2,}}(?=\s)|[A-Za-z][\w'\u2019.-]*(?<!\.))"
# ... and a complement: "two members of the security forces", "five members of his family"
_NP = (rf"(?P<np>(?:\s+of(?:\s+(?:the|them|those|its|their|whom))?)?(?:\s+{_NP_WORD}){{0,4}}"
       rf"(?:\s+of(?:\s+(?:the|his|her|their|its|a|an))?(?:\s+{_NP_WORD}){{1,3}})?)")

_KILL_VERBS = (
    r"killed|killing|kills|kill|murdered|murdering|murders|massacred|massacring|slaughtered|slaughtering"
    r"|executed|executing|beheaded|beheading|slew|slaying|slays|shot\s+dead|shooting\s+dead|shoot\s+dead"
    r"|shot\s+and\s+killed|gunned\s+down|gunning\s+down|(?:shot|shooting|stabbed|stabbing|hacked|hacking|beaten|beating"
    r"|burned|burnt|burning)\s+to\s+death"
    r"|(?:claimed|claiming|claims|took|taking|takes|cost|costing)\s+the\s+lives\s+of"
    r"|(?:the\s+)?(?:deaths?|killings?|murders?|massacre|slaughter|execution)\s+of"
)
_INJURE_VERBS = r"injured|injuring|injures|injure|wounded|wounding|wounds|wound|hurt|hurting|maimed|maiming"
_AUX = (
    r"(?:were|was|have\s+been|has\s+been|had\s+been|are|is|been|being|got|reportedly|also|later|then|all"
    r"|both|subsequently|allegedly|now|since|believed\s+to\s+have\s+been|said\s+to\s+have\s+been"
    r"|feared|thought\s+to\s+have\s+been|confirmed|left|found|seriously|critically|badly|slightly"
    r"|fatally|mortally|lightly"
    r"|(?:have|has|had)(?=\s+(?:died|perished|lost))"   # "eight people have died", never "two men have killed"
    r")"
)
_SUBJ_VERBS = (
    r"killed|dead|died|slain|murdered|massacred|executed|beheaded|shot\s+dead|gunned\s+down"
    r"|(?:shot|stabbed|attacked|run\s+over)\s+and\s+killed"   # "14 people were shot and killed"
    r"|(?:shot|stabbed|hacked|beaten|burned|burnt)\s+to\s+death|fatally\s+(?:shot|stabbed|wounded|injured)"
    r"|perished|lost\s+their\s+lives|lost\s+(?:his|her)\s+life|wounded|injured|hurt"
)
_BY_POLICE = re.compile(
    r"\s+by\s+(?:\w+\s+){0,2}(?:police|policemen|officers|soldiers|troops|security|forces|gendarmes|snipers"
    r"|guards|army|commandos)\b",
    re.IGNORECASE,
)
# The police or soldiers as the subject of the killing verb right after: "police shot dead five people".
_POLICE_SUBJECT = re.compile(
    r"\b(?:police|policemen|officers|soldiers|troops|security forces|gendarmes|snipers|commandos|special forces)"
    r"\s+(?:\w+\s+){0,2}?$",
    re.IGNORECASE,
)
_TRANSITIVE = frozenset(
    ("killed", "murdered", "massacred", "executed", "beheaded", "wounded", "injured", "hurt", "slain",
     "shot dead", "shot to death", "gunned down")
)  # fmt: skip
_HAS_OBJECT = re.compile(
    r"\s+(?!(?:in|on|at|near|when|after|as|by|during|including|while|and|since|across|inside|outside"
    r"|overnight|yesterday|today|last|this)\b)(?:\w|at\s+least)",
    re.IGNORECASE,
)
_CASUALTY_PAIR = re.compile(r"\b(?:killed|killing|dead)\s+(?:or|and)\s+$", re.IGNORECASE)
_KILLED_WORDS = _words(
    "killed dead died slain murdered massacred executed beheaded perished lost fatally stabbed hacked beaten "
    "burned burnt"
)

_FLAGS = re.IGNORECASE
_TRIGGERS = (
    "kill",
    "dead",
    "death",
    "died",
    "die ",
    "murder",
    "massacr",
    "slaughter",
    "execut",
    "behead",
    "slain",
    "slew",
    "slay",
    "shot",
    "gunned",
    "stab",
    "fatal",
    "injur",
    "wound",
    "hurt",
    "maim",
    "harm",
    "lives",
    "life",
    "casualt",
    "toll",
    "perish",
)
_OBJ_RE = re.compile(
    rf"\b(?P<verb>(?P<kv>{_KILL_VERBS})|(?P<iv>{_INJURE_VERBS}))\s+(?:all\s+)?(?P<qty>{_QTY}){_NP}", _FLAGS
)   # "killing all 224 people on board"
# One victim: "a police officer", "an American aid worker"
_ONE_VICTIM = rf"(?P<qty>an?|one)(?:\s+(?!(?:{_STOP})\b)[\w'\u2019-]+){{0,3}}?\s+{_SINGULAR_VICTIMS}"
_ONE_RE = re.compile(
    rf"\b(?P<verb>(?P<kv>{_KILL_VERBS}|fatally\s+\w+)|(?P<iv>{_INJURE_VERBS}))\s+{_ONE_VICTIM}",
    _FLAGS,
)
# The victims between the verb and its outcome: "stabbed a police officer to death", "shot two guards dead"
_TO_DEATH_WORDS = "stabbed stabbing hacked hacking beat beaten beating bludgeoned burned burnt burning shot shooting"
_TO_DEATH_VERBS = "(?:" + "|".join(_TO_DEATH_WORDS.split()) + ")"
_TO_DEATH_RE = re.compile(rf"\b{_TO_DEATH_VERBS}\s+(?P<qty>{_QTY}){_NP}\s+(?:to\s+death|dead)\b", _FLAGS)
_ONE_TO_DEATH_RE = re.compile(rf"\b{_TO_DEATH_VERBS}\s+{_ONE_VICTIM}\s+(?:to\s+death|dead)\b", _FLAGS)
_FATALLY_RE = re.compile(
    r"\bfatally\s+(?:shot|shooting|stabbed|stabbing|slashed|slashing|struck|striking|hit|wounded|wounding"
    r"|injured|injuring|beat|beaten|ran\s+over|run\s+over|attacked)\s+"
    r"(?P<qty>him|her)(?:\s+(?:throat|neck|head|chest|back|stomach|abdomen)\b)?"
    r"|\bfatally\s+(?:slashed|slashing|cut|cutting)\s+(?P<qty2>his|her)\s+(?:throat|neck)\b",
    _FLAGS,
)
_FATALLY_QTY_RE = re.compile(
    rf"\bfatally\s+(?P<verb>shot|stabbed|wounded|injured|struck|hit)\s+(?P<qty>{_QTY}){_NP}", _FLAGS
)
# "5,000 Yazidi men and boys were killed": one figure for both (not "treated dozens of children and teenagers
# injured in the attack", some of them)
_AND_KIN = r"(?:\s+and\s+(?:boys|girls|children|women|men|teenagers|adults)(?=\s+(?:were|have|had|are)\b))?"
_SUBJ_RE = re.compile(
    # "Five people, including a police officer and the alleged assailant, were killed": the aside names who was counted
    rf"(?<![\w,.-])(?P<qty>{_QTY}){_NP}{_AND_KIN}(?P<incl>,\s+including\s+[^,;.()]{{1,120}}?,(?=\s+(?:were|was|have|has|had)\b))?"
    rf"\s+(?P<aux>(?:{_AUX}\s+){{0,3}})(?P<verb>{_SUBJ_VERBS})\b"
    r"(?!\s+(?:or|and)\s+(?:wounded|injured|hurt|killed))",
    _FLAGS,
)
_ONE_SUBJ_RE = re.compile(
    rf"(?<![\w,.-]){_ONE_VICTIM}\s+(?P<aux>(?:{_AUX}\s+){{1,3}})(?P<verb>{_SUBJ_VERBS})\b"
    r"(?!\s+(?:or|and)\s+(?:wounded|injured|hurt|killed))",
    _FLAGS,
)
# Read only to fill the toll of an attack the sentence already reports, never to decide that a "killed" counts
# victims (a state's killing of "a top Iranian general", the death of "a young Muslim" in clashes): one victim the
# patterns above leave out, a modifier with full stops ("a U.S. soldier") or a noun they lack ("a senior Iraqi general")
_MORE_SINGULAR_VICTIMS = (r"(?:service\s*member|serviceman|servicewoman|colonel|captain|lieutenant|Christian|Muslim|Jew"
                          r"|protester|waiter|waitress"
                          r"|general(?!\s+(?:strike|election|assembly|manager|counsel|secretary|staff|public|sense)))\b")
_ONE_VICTIM_WIDE = (rf"(?:an?|one)(?:\s+(?!(?:{_STOP})\b)[\w'\u2019.-]+){{0,3}}?\s+"
                    rf"(?:{_SINGULAR_VICTIMS}|{_MORE_SINGULAR_VICTIMS})")
_ONE_KILLED_WIDE = re.compile(
    rf"\b(?:{_KILL_VERBS})\s+{_ONE_VICTIM_WIDE}(?!,?\s+(?:and|as\s+well\s+as|along\s+with)\b)|"
    rf"(?<![\w,.-]){_ONE_VICTIM_WIDE}\s+(?:{_AUX}\s+){{1,3}}(?:killed|slain|murdered|shot\s+(?:dead|to\s+death)|beheaded|died)\b|"
    r"\b(?:killed|murdered|executed|beheaded|shot\s+dead)\s+(?:him|her)\b",   # "captured a climber and beheaded him"
    _FLAGS)


def one_killed(clause: str) -> Quantity | None:
    """One dead, where the clause kills one victim by a wider reading than `find_tolls` (see `_ONE_KILLED_WIDE`)."""
    m = _ONE_KILLED_WIDE.search(clause)
    return Quantity(1, 1, 1, "exact", m.start(), m.end(), m.group(0)) if m else None


_LEFT_RE = re.compile(
    rf"\b(?:left|leaving|leaves)\s+(?P<qty>{_QTY}){_NP}\s+(?P<verb>dead|killed|wounded|injured|hurt)\b",
    _FLAGS,
)
_AND_MORE_RE = re.compile(
    rf"\s*(?:,\s*|\s+)(?:and\s+|with\s+)?(?P<qty>{_QTY}){_NP}\s+(?P<verb>dead|killed|wounded|injured|hurt)\b",
    _FLAGS,
)
_TOLL_RE = re.compile(
    r"\b(?:(?:the|a)\s+)?(?P<kind>death|fatality|victim|civilian\s+death|injury)\s+tolls?\s+"
    r"(?:(?:has|had|have|had|now|officially|further|later|reportedly)\s+)*"
    r"(?:(?:rose|risen|rises|rising|climbed|climbs|reached|reaches|jumped|stood|stands|increased|was|is"
    r"|hit|went\s+up|grew|surged|soared)\s+)?(?:now\s+)?(?:(?:to|at|of)\s+)?"   # "the death toll is now 42"
    rf"(?P<qty>zero|{_QTY})",
    _FLAGS,
)
# "the death toll from Tuesday's bombing in Brussels rose to 35": the event named between toll and figure
_TOLL_FROM_RE = re.compile(
    r"\b(?:(?:the|a)\s+)?(?P<kind>death|fatality|victim)\s+tolls?\s+(?:from|in|of)\s+(?:[\w'\u2019.-]+\s+){1,16}?"
    r"(?:(?:has|had|now|officially|later|reportedly)\s+)*(?:rose|risen|climbed|reached|jumped|stood|stands|increased"
    r"|was|is|hit|grew|surged|soared)\s+(?:(?:to|at)\s+)?"
    rf"(?P<qty>{_QTY})",
    _FLAGS,
)
# The count stated as such: "the number of dead rose to 97", "the number of people killed in Tuesday night's attack
# has risen to 45", "put the total number of dead at 19", "lowered the death toll from the twin bombings to 20"
_EVENT_WORDS = r"(?:\s+(?:from|in|of|at)\s+(?:[\w'\u2019.-]+\s+){1,16}?)?"
_NUMBER_OF_RE = re.compile(
    r"\b(?:the\s+)?(?:total\s+|final\s+|official\s+)?number\s+of\s+(?:people\s+)?(?P<kind>dead|killed|deaths|"
    rf"fatalities|wounded|injured|injuries){_EVENT_WORDS}\s*(?:(?:has|had|have|now|officially|later)\s+)*"
    r"(?:rose|risen|rises|climbed|reached|increased|stood|stands|was|is|hit|jumped|grew)\s+(?:to|at)\s+"
    rf"(?P<qty>{_QTY})",
    _FLAGS,
)
_PUT_AT_RE = re.compile(
    r"\b(?:put|puts|putting|placed|places)\s+(?:the\s+)?(?:total\s+|final\s+|official\s+)?(?:(?P<kind>death|injury)\s+)?"
    r"(?:toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|fatalities))\s+at\s+"
    rf"(?P<qty>{_QTY})",
    _FLAGS,
)
_REVISED_TO_RE = re.compile(
    r"\b(?:lowered|lowering|lowers|raised|raising|raises|revised|revising|revises|brought|bringing|brings|pushed|"
    r"pushing|pushes)\s+(?:down\s+|up\s+)?(?:the\s+)?(?:official\s+)?(?:death\s+)?toll"
    rf"{_EVENT_WORDS}\s*(?:down\s+|up\s+)?to\s+(?P<qty>{_QTY})",
    _FLAGS,
)
_LIVES_RE = re.compile(
    rf"\b(?:claimed|claiming|claims|took|taking|takes|cost|costing|costs|loss\s+of)\s+(?P<qty>{_QTY})\s+(?:more\s+)?"
    r"(?:civilian\s+|innocent\s+|human\s+)?lives\b",
    _FLAGS,
)
_DEATHS_RE = re.compile(
    rf"(?<![\w,.-])(?P<qty>{_QTY})\s+(?:more\s+|civilian\s+|confirmed\s+|reported\s+)?(?P<noun>deaths|fatalities)\b",
    _FLAGS,
)
_ZERO_RE = re.compile(
    r"\b(?:(?P<subj>no\s+one|no-one|nobody|none)(?:\s+else)?\s+(?:(?:was|were|is|are|had\s+been|has\s+been"
    r"|have\s+been|got|reportedly|seriously|immediately)\s+){0,2}(?P<v1>killed|injured|wounded|hurt|harmed"
    r"|died)\b"
    r"|(?:killing|killed|kills|injuring|injured|wounding|wounded|hurting|hurt|harming)\s+(?P<obj>no\s+one"
    r"|no-one|nobody|none)\b"
    r"|(?:(?:there\s+(?:were|was|have\s+been|had\s+been)\s+)|without\s+(?:any\s+)?)?(?P<no>no|zero)\s+"
    r"(?:civilian\s+)?(?P<noun>deaths|fatalities|casualties|injuries|victims|dead|injured)\b"
    r"|without\s+(?:any\s+)?(?P<noun2>casualties|injuries|fatalities|deaths)\b)",
    _FLAGS,
)


# ------------------------------------------------------------------------------------------ helpers


def _quantity(m: re.Match, group: str = "qty") -> Quantity | None:
    """The Quantity of the named QTY group of a match (None for "a number of" and the like)."""
    start, end = m.span(group)
    surface = m.group(group)
    low = surface.lower()
    if low in ("zero", "no", "none", "no one", "no-one", "nobody"):
        return Quantity(0, 0, 0, "zero", start, end, surface)
    if low in ("a", "an", "one", "him", "her", "his"):
        return Quantity(1, 1, 1, "exact", start, end, surface)
    q = m.group("q")
    qualifier = _QUALIFIERS[" ".join(q.lower().split())] if q else "exact"
    if m.group("ra") or m.group("a"):
        a = parse_number(m.group("ra") or m.group("a"))
        b = parse_number(m.group("rb") or m.group("b"))
        if a is None or b is None:
            return None
        if a > b:  # "20-25" is a range, "12 to 3" is not; "twenty-two" is one number
            n = parse_number(m.group("a") + "-" + m.group("b")) if m.group("a") else None
            return None if n is None else Quantity(n, n, n, qualifier, start, end, surface)
        return Quantity(a, b, a, "range", start, end, surface)
    if m.group("v"):
        vague = re.sub(r"\s+of$", "", " ".join(m.group("v").lower().split()))
        value = _VAGUE[vague]
        # keep the surface of the quantity itself, without a trailing "of"
        vend = m.start("v") + len(re.sub(r"\s+of$", "", m.group("v"), flags=re.I))
        return Quantity(value, value, value, "vague", start, vend, m.string[start:vend])
    n = parse_number(m.group("n"))
    if n is None:
        return None
    return Quantity(n, n, n, qualifier, start, end, surface)


def _np_words(m: re.Match) -> list[str]:
    np = m.group("np") if "np" in m.re.groupindex else None
    return [w.lower().strip(".'\u2019") for w in np.split()] if np else []


def _is_combatant(words: list[str]) -> bool:
    # "eight Islamic State leaders": the group's own people, killed by its enemies
    return any(w in _COMBATANTS or w.removesuffix("'s") in _COMBATANTS for w in words) or \
        "islamic state" in " ".join(words).lower()


def _is_thing(words: list[str]) -> bool:
    content = [w for w in words if w not in ("of", "the", "them", "those", "its", "their", "more")]
    # "shot dead five months ago": a span of time right after the figure counts no one
    return bool(content) and (content[-1] in _THINGS or content[0] in _TIME_UNITS)


_MONTH_BEFORE = re.compile(
    r"\b(?:in|since|of|by|during|until|from|before|after|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?(?:\s+\d{1,2},?)?)\s+$",
    re.I,
)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages|age of|ages of)\s+$", re.I)


def _looks_like_year(text: str, qty: Quantity) -> bool:
    """ "since 2006", "In August 2013 twenty-one-year-old ... died" """
    if qty.qualifier != "exact" or not (1900 <= qty.best <= 2100) or "," in qty.surface:
        return False
    return bool(_MONTH_BEFORE.search(text, max(0, qty.start - 20), qty.start))


def _looks_like_age(text: str, qty: Quantity) -> bool:
    """ "Adam Dzaziri, 31, ...", "a man aged 45 was wounded" """
    if _AGE_BEFORE.search(text, max(0, qty.start - 10), qty.start):
        return True
    return bool(re.search(r"[A-Z][\w'-]*,\s*$", text[: qty.start]) and re.match(r"\s*,", text[qty.end :]))


def _toll(text: str, role: str, qty: Quantity, start: int, end: int) -> Toll:
    return Toll(role, qty, start, end, text[start:end])


def _end_of(m: re.Match, last_group: str) -> int:
    """End of the match, trimmed to drop an empty or trailing-space noun phrase."""
    end = m.end(last_group)
    return len(m.string[:end].rstrip())


# ------------------------------------------------------------------------------------------ find_tolls


# Python's regex engine tries a pattern at every position of the clause, which is slow for patterns of this
# size; each regex is instead tried (anchored) only where a word it can open with starts.
_QTY_OPENERS = _words("""
    at no a more over upwards in about around some nearly almost approximately roughly close an estimated up
    as fewer less another between tens hundreds several dozens scores thousands zero one two three four five
    six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen
    twenty thirty forty fourty fifty sixty seventy eighty ninety hundred thousand million dozen #
    """)
_KILL_OPENERS = _words("""
    killed killing kills kill murdered murdering murders massacred massacring slaughtered slaughtering
    executed executing beheaded beheading slew slaying slays shot shooting shoot gunned gunning stabbed
    stabbing claimed claiming claims took taking takes cost costing the death deaths killings
    murder massacre slaughter execution injured injuring injures injure wounded wounding wounds wound
    hurt hurting maimed maiming
    """)
_OPENERS: dict[str, frozenset[str]] = {
    "obj": _KILL_OPENERS,
    "one": _KILL_OPENERS | {"fatally"},
    "fatally": frozenset({"fatally"}),
    "to_death": _words(_TO_DEATH_WORDS),
    "subj": _QTY_OPENERS,
    "deaths": _QTY_OPENERS,
    "one_subj": _words("a an one"),
    "left": frozenset({"left", "leaving", "leaves"}),
    "toll": frozenset({"the", "a", "death", "fatality", "victim", "civilian", "injury"}),
    "lives": _words("claimed claiming claims took taking takes cost costing costs loss"),
    "number": _words("total final official number"),
    "self": _words("killing"),
    "put": _words("put puts putting placed places"),
    "revised": _words("lowered lowering lowers raised raising raises revised revising revises brought bringing brings "
                      "pushed pushing pushes"),
    "zero": _words(
        "no nobody none killing killed kills injuring injured wounding wounded hurting hurt harming there "
        "without zero"
    ),
}
_TOKEN_RE = re.compile(r"[A-Za-z]+|\d+")


def _scan(regex: re.Pattern, text: str, tokens: list[tuple[int, str]], openers: frozenset[str]):
    """Like ``regex.finditer(text)``, trying only at tokens in ``openers``."""
    last_end = 0
    for pos, word in tokens:
        if pos < last_end or word not in openers:
            continue
        m = regex.match(text, pos)
        if m is not None:
            last_end = max(m.end(), pos + 1)
            yield m


def find_tolls(clause: str) -> list[Toll]:
    """Killed/injured counts of an attack in one clause or sentence, left to right."""
    low = clause.lower()
    if not any(t in low for t in _TRIGGERS):
        return []
    tokens = [
        (m.start(), "#" if m.group()[0].isdigit() else m.group().lower()) for m in _TOKEN_RE.finditer(clause)
    ]
    found: list[Toll] = []
    _verb_object(clause, tokens, found)
    _subject(clause, tokens, found)
    _left(clause, tokens, found)
    _toll_phrases(clause, tokens, found)
    _zero(clause, tokens, found)
    _enumerated(clause, found)
    if " with " in low:   # most clauses have no "along with": the pattern's lookbehinds would run at every offset
        _along_with(clause, found)
    selected = [t for t in _select(found) if not _SUBSET_AFTER.match(clause, t.quantity.end)]
    if len([t for t in selected if t.role == "killed"]) > 1:
        # "Two more victims died of their wounds overnight, raising the death toll to 25": the rise is not the toll
        selected = [t for t in selected if not (t.role == "killed" and _MORE_AFTER.match(clause, t.quantity.end))]
        # "stabbed a police officer to death ..., killing five people in total": the total is the toll
        totals = [t for t in selected if t.role == "killed" and _TOTAL_AFTER.match(clause, t.end)]
        if totals:
            selected = [t for t in selected if t.role != "killed" or t is totals[-1]]
    return [_without_attackers(clause, t) for t in selected]


# "At least 27 of the dead were foreigners", "Nine of the dead were Italian": a part of the dead, never the toll; but
# "10 of the dead were killed in Diyarbakir" is that town's toll
_SUBSET_AFTER = re.compile(r"\s+of\s+(?:the|those)\s+(?:dead|victims|killed|wounded|injured|casualties)\b"
                           r"(?!\s+(?:were|was|had\s+been)\s+(?:killed|shot|wounded|injured)\s+(?:in|at)\b)", re.I)
_MORE_AFTER = re.compile(r"\s+more\b", re.I)
_TOTAL_AFTER = re.compile(r"(?:\s+(?:people|others|victims))?\s+(?:in\s+total|in\s+all|altogether)\b", re.I)


# "Five Argentine tourists, a Belgian woman, a New Yorker and a New Jersey man were killed": a list of victims
# before the verb is one count, their sum
_COUNTED = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
            r"sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?)")
# a word of one item's noun phrase ("a dozen and a half" lists no items; "a month after 20 children" is no item)
_W = (r"(?:(?!(?:including|among|and|or|of|were|was|who|with|dozen|half|hundred|thousand|after|before|since|when)\b)"
      r"(?![\d,]+\b(?!-))[\w'’-]+)")
_ITEMS = (rf"(?P<list>{_COUNTED}\s+(?:{_W}\s+){{0,3}}?{_W}(?:,\s+{_COUNTED}\s+(?:{_W}\s+){{0,3}}?{_W})*,?\s+"
          rf"and\s+{_COUNTED}\s+(?:{_W}\s+){{0,3}}?{_W})")
# (not an item of a longer list: "..., two soldiers and a civilian were killed"; but "On November 1, 53 soldiers", "a
# month after 20 children and six adults were killed")
_ENUMERATED_KILLED = re.compile(
    rf"(?:(?<![\w,] )|(?<=\d, )|(?<=\bafter )|(?<=\bbefore )|(?<=\bsince )|(?<=\bwhen ))\b{_ITEMS}\s+"
    rf"(?:(?:were|have been|had been)\s+(?:\w+ly\s+)?(?:killed|murdered|slain|shot\s+(?:dead|to\s+death))|"
    rf"(?:have\s+|had\s+)?died)\b", re.I)
# "killed two Britons, a German and an American"
_KILLED_ENUMERATED = re.compile(
    rf"\b(?:killed|killing|kills)\s+{_ITEMS}(?=[.,;:]|\s+(?:in|at|on|near|outside|inside|during|when|while|"
    rf"before|after)\b|$)", re.I)
_ITEM = re.compile(rf"(?:^|,\s+|\s+and\s+)({_COUNTED})\s", re.I)


def _enumerated(clause: str, found: list[Toll]) -> None:
    """The victims listed one by one: their sum replaces the count of the last item alone."""
    for m in [*_ENUMERATED_KILLED.finditer(clause), *_KILLED_ENUMERATED.finditer(clause)]:
        counts = [parse_number(x) for x in _ITEM.findall(m.group("list"))]
        if len(counts) < 2 or None in counts:
            continue
        n = sum(counts)
        qty = Quantity(n, n, n, "exact", m.start("list"), m.end("list"), m.group("list"))
        found[:] = [t for t in found if not (m.start() <= t.start < m.end() and t.role == "killed")]
        found.append(_toll(clause, "killed", qty, m.start(), m.end()))


# The words for those who carry out an attack (the data counts victims, not them)
_ATTACKER_NOUNS = (r"(?:assailants?|attackers?|gunm[ae]n|(?:suicide\s+)?bombers?|shooters?|perpetrators?|terrorists?|"
                   r"hostage-takers?|jihadists?)")
# "A police officer was killed along with three civilians", "Kassig was beheaded, along with a dozen Syrian soldiers":
# the one the sentence names and the others counted with him
# (not "the principal who was killed along with 20 first-graders": a person described, not the report)
_ALONG_WITH = re.compile(rf"(?<!\bwho )(?<!\bthat )\b(?:was|has been|had been)\s+(?:\w+ly\s+)?(?:killed|beheaded|"
                         rf"executed|murdered|slain|shot dead),?\s+(?:along|together)\s+with\s+(?P<n>{_NUM})", re.I)
ALONG_WITH_REACH = 80   # how far before "was killed" the one victim's own count may stand ("A police officer")
_ATTACKER_SUBJECT = re.compile(rf"\b(?:{_ATTACKER_NOUNS}|militants?)\b", re.I)


def _along_with(clause: str, found: list[Toll]) -> None:
    for m in _ALONG_WITH.finditer(clause):
        n = parse_number(m.group("n"))
        if n is None:
            continue
        if not _ATTACKER_SUBJECT.search(clause, max(0, m.start() - ALONG_WITH_REACH), m.start()):
            n += 1   # "a gunman ... has been killed, along with two of the hostages": the data counts victims
        qty = Quantity(n, n, n, "exact", m.start("n"), m.end("n"), m.group("n"))
        found[:] = [t for t in found if not (t.role == "killed" and m.start() - ALONG_WITH_REACH <= t.start < m.end())]
        found.append(_toll(clause, "killed", qty, m.start(), m.end()))


# "left four people dead, including the assailant": the dead counted with their killers (the data counts victims)
_ATTACKERS = (r"(?P<n>the|an?|one|two|three|four|five|\d)\s+(?:of\s+the\s+)?(?:[\w-]+\s+)?"
              rf"(?P<who>{_ATTACKER_NOUNS})\b")
# "45, a figure that includes the three attackers", "the seven people who died in Thursday's attacks in central Jakarta
# included five of the assailants"
_INCLUDING_ATTACKERS = re.compile(r"[^.;:]{0,60}?\binclud(?:ing|es|ed)\s+(?:the\s+(?=\w+\s+(?:of\s+the\s+)?[a-z]))?"
                                  + _ATTACKERS, re.I)
_ATTACKERS_COUNTED = re.compile(r"\b" + _ATTACKERS, re.I)   # inside an aside: "including ... and the assailant"
_SMALL = {"the": 1, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _without_attackers(clause: str, toll: Toll) -> Toll:
    m = _INCLUDING_ATTACKERS.match(clause, toll.end) if toll.role == "killed" else None
    return toll if m is None else Toll(toll.role, _less_attackers(toll.quantity, m), toll.start, toll.end, toll.surface)


def _less_attackers(q: Quantity, named: re.Match) -> Quantity:
    """The count without the attackers a match of `_ATTACKERS` names ("the assailant": one), when it can hold them."""
    n = _SMALL.get(named.group("n").lower()) or int(named.group("n"))
    if q.low < n or q.qualifier in ("vague", "zero"):
        return q
    return Quantity(q.low - n, q.high - n, q.best - n, q.qualifier, q.start, q.end, q.surface)


def _victims(text: str, m: re.Match) -> Quantity | None:
    """The figure of a casualty phrase, unless it is a year or an age, or counts fighters or things."""
    qty = _quantity(m)
    if qty is None or _looks_like_year(text, qty) or _looks_like_age(text, qty):
        return None
    words = _np_words(m)
    return None if _is_combatant(words) or _is_thing(words) else qty


def _verb_object(text: str, tokens: list[tuple[int, str]], found: list[Toll]) -> None:
    for m in _scan(_OBJ_RE, text, tokens, _OPENERS["obj"]):
        qty = _victims(text, m)
        if qty is None:
            continue
        if _CASUALTY_PAIR.search(text, 0, m.start()):
            continue  # "killed or wounded 120": casualties, not split by role
        if _police_subject(text, m):
            continue  # "police shot dead five people wearing fake bomb belts": the attackers, not victims
        role = "killed" if m.group("kv") else "injured"
        found.append(_toll(text, role, qty, m.start(), _end_of(m, "np")))
    for m in _scan(_ONE_RE, text, tokens, _OPENERS["one"]):
        role = "killed" if m.group("kv") else "injured"
        found.append(_toll(text, role, _one(m), m.start(), m.end()))
    for m in _scan(_TO_DEATH_RE, text, tokens, _OPENERS["to_death"]):
        qty = _victims(text, m)
        if qty is not None and not _police_subject(text, m):
            found.append(_toll(text, "killed", qty, m.start(), m.end()))
    for m in _scan(_ONE_TO_DEATH_RE, text, tokens, _OPENERS["to_death"]):
        if not _police_subject(text, m):
            found.append(_toll(text, "killed", _one(m), m.start(), m.end()))
    for m in _scan(_FATALLY_RE, text, tokens, _OPENERS["fatally"]):
        found.append(_toll(text, "killed", _one(m, "qty" if m.group("qty") else "qty2"), m.start(), m.end()))
    for m in _scan(_FATALLY_QTY_RE, text, tokens, _OPENERS["fatally"]):
        qty = _quantity(m)
        words = _np_words(m)
        if qty is None or _is_combatant(words) or _is_thing(words):
            continue
        found.append(_toll(text, "killed", qty, m.start(), _end_of(m, "np")))


def _one(m: re.Match, group: str = "qty") -> Quantity:
    """Exactly one victim, as the match's group words it ("a police officer", "an American")."""
    return Quantity(1, 1, 1, "exact", m.start(group), m.end(group), m.group(group))


def _police_subject(text: str, m: re.Match) -> bool:
    """Police or troops just before the killing verb: those they kill are the attackers, not victims."""
    return bool(_POLICE_SUBJECT.search(text, max(0, m.start() - 40), m.start()))


def _kills(verb: str) -> bool:
    """A subject verb of the dead ("died", "shot dead", "shot and killed"), not of the wounded."""
    return verb.split()[0] in _KILLED_WORDS or verb in ("shot dead", "shot to death", "gunned down") or \
        verb.endswith(" killed")


def _subject(text: str, tokens: list[tuple[int, str]], found: list[Toll]) -> None:
    for m in _scan(_ONE_SUBJ_RE, text, tokens, _OPENERS["one_subj"]):
        if _BY_POLICE.match(text, m.end()):
            continue
        role = "killed" if _kills(" ".join(m.group("verb").lower().split())) else "injured"
        found.append(_toll(text, role, _one(m), m.start(), m.end()))
    for m in _scan(_SUBJ_RE, text, tokens, _OPENERS["subj"]):
        qty = _victims(text, m)
        if qty is None:
            continue
        verb = " ".join(m.group("verb").lower().split())
        aux = m.group("aux").strip().lower()
        after = text[m.end() :]
        if not aux and verb in _TRANSITIVE and _HAS_OBJECT.match(after):
            continue  # no auxiliary: "80 killed, hundreds injured" -- not "bombers killed 20" (active)
        if _BY_POLICE.match(after):
            continue  # "were shot dead by police": the perpetrators
        if not [w for w in _np_words(m) if w not in ("of", "the", "them", "those", "its", "their", "more")]:
            before = text[: qty.start].rstrip().lower()
            if re.search(r"\b(?:all|the|both|these|those|his|her|their|its|of)$", before):
                continue  # "All three were then shot dead": anaphora, usually the attackers
        role = "killed" if _kills(verb) else "injured"
        counted = _ATTACKERS_COUNTED.search(m.group("incl") or "") if role == "killed" else None
        found.append(_toll(text, role, qty if counted is None else _less_attackers(qty, counted), m.start(), m.end()))


def _left(text: str, tokens: list[tuple[int, str]], found: list[Toll]) -> None:
    for m in _scan(_LEFT_RE, text, tokens, _OPENERS["left"]):
        qty = _quantity(m)
        words = _np_words(m)
        if qty is None or _is_combatant(words) or _is_thing(words):
            continue
        verb = m.group("verb").lower()
        found.append(
            _toll(text, "killed" if verb in ("dead", "killed") else "injured", qty, m.start(), m.end())
        )
        more = _AND_MORE_RE.match(text, m.end())
        if more:
            qty2 = _quantity(more)
            words2 = _np_words(more)
            if qty2 is not None and not _is_combatant(words2) and not _is_thing(words2):
                verb2 = more.group("verb").lower()
                role2 = "killed" if verb2 in ("dead", "killed") else "injured"
                found.append(_toll(text, role2, qty2, more.start("qty"), more.end()))


def _toll_phrases(text: str, tokens: list[tuple[int, str]], found: list[Toll]) -> None:
    for m in _scan(_TOLL_RE, text, tokens, _OPENERS["toll"]):
        if m.group("qty").lower() == "zero":
            qty = Quantity(0, 0, 0, "zero", m.start("qty"), m.end("qty"), m.group("qty"))
        else:
            qty = _quantity(m)
        if qty is None or _looks_like_year(text, qty):
            continue
        role = "injured" if m.group("kind").lower() == "injury" else "killed"
        found.append(_toll(text, role, qty, m.start(), m.end()))
    for m in _scan(_TOLL_FROM_RE, text, tokens, _OPENERS["toll"]):
        qty = _quantity(m)
        if qty is not None and not _looks_like_year(text, qty):
            found.append(_toll(text, "killed", qty, m.start(), m.end()))
    for regex, openers in ((_NUMBER_OF_RE, "number"), (_PUT_AT_RE, "put"), (_REVISED_TO_RE, "revised")):
        for m in _scan(regex, text, tokens, _OPENERS[openers]):
            qty = _quantity(m)
            if qty is not None and not _looks_like_year(text, qty):
                kind = (m.groupdict().get("kind") or "dead").lower()
                role = "injured" if kind in ("wounded", "injured", "injuries", "injury") else "killed"
                found.append(_toll(text, role, qty, m.start(), m.end()))
    for m in _scan(_LIVES_RE, text, tokens, _OPENERS["lives"]):
        qty = _quantity(m)
        if qty is not None:
            found.append(_toll(text, "killed", qty, m.start(), m.end()))
    for m in _scan(_DEATHS_RE, text, tokens, _OPENERS["deaths"]):
        qty = _quantity(m)
        if qty is not None and not _looks_like_year(text, qty):
            found.append(_toll(text, "killed", qty, m.start(), m.end()))


# "blew himself up ..., killing himself and wounding six people": no one but the bomber died; not "killing himself
# and 12 others", nor a gunman who "killed himself" after killing others
_SELF_ONLY_RE = re.compile(
    r"\bkilling\s+(?:only\s+)?(?:himself|herself|themselves)\b(?!\s*,?\s*(?:and|along\s+with|as\s+well\s+as)"
    r"\s+(?:at\s+least\s+)?(?:\d+|(?!wound|injur|hurt|maim)[a-z-]+)\s+(?:[a-z-]+\s+)?(?:others?|people|civilians|"
    r"children|worshippers|police|soldiers|officers|members|passengers|persons|guards)\b)", re.I)
_BLEW_UP_BEFORE = re.compile(r"\b(?:blew\s+(?:himself|herself|themselves)\s+up|detonat\w*)\b", re.I)


def _zero(text: str, tokens: list[tuple[int, str]], found: list[Toll]) -> None:
    for m in _scan(_SELF_ONLY_RE, text, tokens, _OPENERS["self"]):
        if not _BLEW_UP_BEFORE.search(text, 0, m.start()):
            continue
        found.append(_toll(text, "killed", Quantity(0, 0, 0, "zero", m.start(), m.end(), m.group()), m.start(),
                           m.end()))
    for m in _scan(_ZERO_RE, text, tokens, _OPENERS["zero"]):
        group = (
            next(g for g in ("subj", "obj", "no") if m.group(g))
            if any(m.group(g) for g in ("subj", "obj", "no"))
            else None
        )
        if group is None:  # "without casualties"
            qstart = qend = m.start("noun2")
            word = m.group("noun2").lower()
            qty = Quantity(0, 0, 0, "zero", m.start(), m.end(), m.group())
        else:
            qstart, qend = m.span(group)
            qty = Quantity(0, 0, 0, "zero", qstart, qend, text[qstart:qend])
            word = (m.group("v1") or m.group("noun") or m.group().split()[0]).lower()
        if word in ("casualties", "victims", "hurt", "harmed", "hurting", "harming"):
            roles = ("killed", "injured")
        elif word in ("injured", "wounded", "injuries", "injuring", "wounding"):
            roles = ("injured",)
        else:
            roles = ("killed",)
        for role in roles:
            found.append(_toll(text, role, qty, m.start(), m.end()))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _select(found: list[Toll]) -> list[Toll]:
    """Non-conflicting tolls, longest first among overlapping ones of the same role; a number counts once."""
    kept: list[Toll] = []
    for t in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        conflict = False
        for k in kept:
            same_phrase = _overlaps((t.start, t.end), (k.start, k.end))
            same_number = _overlaps((t.quantity.start, t.quantity.end), (k.quantity.start, k.quantity.end))
            if (same_phrase and t.role == k.role) or (
                same_number and t.role != k.role and t.quantity.qualifier != "zero"
            ):
                conflict = True
                break
        if not conflict and t not in kept:
            kept.append(t)
    return sorted(kept, key=lambda t: (t.start, t.role))
