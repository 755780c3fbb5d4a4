"""Words and phrases of news reports about attacks and territorial losses, as compiled regexes.

Each pattern is one rule family's vocabulary; events.py decides what a match means in context.
"""

from __future__ import annotations

import csv
import re

import re2

from attrition.extract.prefilter import gate_patterns, necessary_literals
from attrition.paths import SEEDS_DIR

# A day of the week, and the part of it a report may add ("Friday night"): pieces of the date patterns below and
# in attacks.py and frames.py.
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
DAY_PART = r"(?:\s+(?:night|morning|evening|afternoon))?"

# The cheapest gate: an article without any of these words reports no attack and no loss. A loss is the Islamic
# State's, so its words open a sentence only in an article that names the group; attack words open one anywhere.
_ATTACK_GATE = (
    r"attack|bomb|blast|explo|shoot|shot|gunm|gunfire|stab|slash|ramm|massacr|murder|kill|hostage|behead|"
    r"atrocit|rampage|assault|detonat|blew up|blow up|opened fire|siege|execut|raided|burst into|"
    r"operation against|drove|stormed|plowed|ploughed|mowed down|burned alive|burnt alive|"
    r"downing|bringing down|gunned down|decapitat|slaughter|blown up|brought down|"
    r"downed|sprayed|struck|suicide|to death| ied|ambush|set fire|on fire|ablaze|torched|"
    r"demolish|destroy|razed|razing|bulldozed|dynamited"
)
_LOSS_GATE = (   # a word that holds another of the list ("retook": "took") would add nothing
    r"retak|liberat|lost|losing|driven|pushed|ejected|evicted|purged|"
    r"routed|expelled|ousted|ousting|expelling|evicting|hounded|wrest|regain|captur|seiz|overr[au]n|fall of|freed|"
    r"cleared|forced|kicked|chased|flushed|dislodg|fell to|"
    r"reclaim|declared|driving|pushing|away from|taken|took|swept|"
    r"withdr|retreated|pulled out|abandoned|beaten back|repelled|repulsed|"
    r"fled|free of|clear of|beat back|beating back|won back|surrender|ceded|"
    r"winning back|taking back|, fell|ended the islamic state|ended islamic state|ended isis|ended the group|defeat|"
    r"ouster|expulsion|eviction|loss of|reconquer|restor|recover| rid | ridding|clearing|push |drive |kick |"
    r"government control|iraqi control|kurdish control|back under"
)
ANY_TRIGGER = re.compile(_ATTACK_GATE + "|" + _LOSS_GATE, re.I)
ATTACK_GATE = re.compile(_ATTACK_GATE, re.I)


def _trie(words: list[str]) -> str:
    """One regex for many literal words, branching letter by letter (re tries alternatives one by one)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node:
            return ""   # a shorter word already matches here: the gate only asks whether one does
        parts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node)]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(tree)


def _expand(alternatives: str) -> list[str]:
    out = []
    for alt in alternatives.split("|"):
        m = re.search(r"\[(\w+)\]", alt)
        out += [alt[: m.start()] + ch + alt[m.end():] for ch in m.group(1)] if m else [alt]
    return out


def for_lower(pattern: re.Pattern) -> re.Pattern:
    """A case-insensitive pattern as a case-sensitive one over lower-cased text (several times faster)."""
    source = re.sub(r"\\.|\(\?P<\w+>|[A-Z]",
                    lambda m: m.group(0) if m.group(0)[0] in "\\(" else m.group(0).lower(), pattern.pattern)
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


# The gate's words as a letter trie, for lower-cased text: where an article holds one of them. Compiled by RE2, an
# automaton that reads each character once: the gate scans every article whole, 3-4x faster than re's backtracking.
# Plain literals, so both engines find the same matches.
ANY_TRIGGER_LC = re2.compile(_trie(_expand(ANY_TRIGGER.pattern)))
ATTACK_GATE_LC = re2.compile(_trie(_expand(_ATTACK_GATE)))


def gate_bytes(low: str) -> bytes:
    """`low` as the gates read it: one byte per character (each outside ASCII becomes "?", which no gate word holds),
    so offsets stay the text's and RE2 neither encodes the text at each call nor converts offsets back."""
    return low.encode("ascii", "replace")


# Sentences that may add a toll, a perpetrator or a claim to the event before them.
DETAIL_CUE = re.compile(
    r"\b(?:toll|dead|died|lives|wounded|injur\w+|hurt|casualt\w+|victims?|responsib\w+|claim\w*|"
    r"allegiance|isis|isil|daesh|islamic state)\b",
    re.I,
)
DETAIL_CUE_LC = re.compile(DETAIL_CUE.pattern)

# "the formation of an Islamic state": a kind of state, not the group, unless the name qualifies what follows ("an
# Islamic State-inspired attack", "an Islamic State fighter")
_MODIFIER_AFTER = (r"(?=-|\s+[“\"]|"
                   r"\s+(?!(?:in|of|that|which|where|based|governed|ruled|under|with|for|and|or|as|to|is|was)\b)\w)")
ISIS = re.compile(
    r"\b(?:ISIS|ISIL|IS|I\.S\.|Daesh|Da'esh|Daech|ISWAP|ISKP|ISGS|ISCAP|Wilayat Sinai)\b|\b(?:isis|isil|daesh)\b|"
    r"(?<!north )(?<!south )\bSinai Province\b|\bIslamic State\b(?<!\ban Islamic State)|"
    rf"(?<=\ban )Islamic State\b{_MODIFIER_AFTER}", re.I)
# "\bIS\b", written to open with its letters: re then looks for them by their literal, not at every offset
_IS_UPPER = re.compile(r"IS\b(?<!\BIS)")
# The same names without the bare "is", for lower-cased text (case-insensitive alternations are slow in re).
_ISIS_LC = re.compile(r"\b(?:isis|isil|i\.s\.|daesh|da'esh|daech|iswap|iskp|isgs|iscap|wilayat sinai)\b|"
                      r"(?<!north )(?<!south )\bsinai province\b|\bislamic state\b(?<!\ban islamic state)|"
                      rf"(?<=\ban )islamic state\b{_MODIFIER_AFTER}")


def lower(text: str) -> str | None:
    """The text in lower case when that keeps every offset (it does not for a few letters such as "İ")."""
    low = text.lower()
    return low if len(low) == len(text) else None


def isis_mentions(text: str, low: str | None = None) -> list[re.Match]:
    """Every naming of ISIS; bare "IS" counts only in capitals (it is also a verb). `low`: `lower(text)`, when known."""
    low = low if low is not None else lower(text)
    if low is None:
        return [m for m in ISIS.finditer(text) if m.group(0).lower() != "is" or _IS_UPPER.fullmatch(m.group(0))]
    found = _isis_lc_matches(low)
    if "IS" in text:
        found += _IS_UPPER.finditer(text)
    return sorted(found, key=lambda m: m.start())


def mentions_isis(text: str) -> bool:
    """ISIS named in the text; bare "IS" counts only in capitals (it is also a verb)."""
    low = lower(text)
    if low is None:
        return any(m.group(0).lower() != "is" or _IS_UPPER.fullmatch(m.group(0)) for m in ISIS.finditer(text))
    return bool(_may_name_isis(low) and _ISIS_LC.search(low) or "IS" in text and _IS_UPPER.search(text))


# A literal each name of `_ISIS_LC` holds: most texts have none ("isi" alone is in "decision" and "visit").
# (the branches' own names: "ISWAP", "ISKP", "Sinai Province", not the Egyptian governorates "North Sinai province")
_ISIS_WORDS = ("isis", "isil", "i.s.", "daesh", "da'esh", "daech", "islamic state", "iswap", "iskp", "isgs", "iscap",
               "wilayat sinai", "sinai province")


# one pass for all of them (a substring search per word reads the text eleven times): re for a sentence, RE2 for a
# whole text (its call costs more, its pass less)
_ISIS_WORD_RE = re.compile(_trie(list(_ISIS_WORDS)))
_ISIS_WORD_RE2 = re2.compile(_ISIS_WORD_RE.pattern)
_LONG_TEXT = 1000


def _isis_words(low: str):
    return (_ISIS_WORD_RE2 if len(low) > _LONG_TEXT else _ISIS_WORD_RE).finditer(low)


def _may_name_isis(low: str) -> bool:
    return (_ISIS_WORD_RE2 if len(low) > _LONG_TEXT else _ISIS_WORD_RE).search(low) is not None


def _isis_lc_matches(low: str) -> list[re.Match]:
    """What `_ISIS_LC.finditer(low)` finds, tried only where one of its words starts (every match starts with one):
    the pattern opens with a word boundary or a lookbehind, so a search tries it at every offset of the text. A text
    without any of the words costs one substring search per word."""
    starts = [m.start() for m in _isis_words(low)]
    found: list[re.Match] = []
    for start in starts:
        if (not found or start >= found[-1].end()) and (m := _ISIS_LC.match(low, start)):
            found.append(m)
    return found


# ISIS named as the target, the yardstick or the enemy, not as the doer: "the fight against ISIS".
ISIS_NOT_AGENT_BEFORE = re.compile(
    r"\b(?:against|than|on|fight(?:ing)?|defeat(?:ing|ed)?|destroy(?:ing)?|combat(?:ing)?|war|battle|"
    # "a video from the Islamic State" is the group's own word, not the group as the enemy
    r"strikes?|bomb(?:ing)?|target(?:ing|ed)?|degrad(?:e|ing)|crush(?:ing)?|"
    r"(?<!video )(?<!statement )(?<!message )from|to|supporters? of|"
    r"sympathi[sz]ers? of|fled|fleeing|defectors? from)\s+(?:the\s+)?(?:so-called\s+|self-(?:proclaimed|styled)\s+|"
    r"militant\s+|terrorist\s+|jihadist\s+)*$|"
    r"\banti-$",   # "anti-ISIS missions"
    re.I,
)
# ISIS named only as a phenomenon or a label: "the rise of the Islamic State", "called her ISIS".
ISIS_ONLY_NAMED_BEFORE = re.compile(
    r"\b(?:rise of|growth of|spread of|emergence of|defeat of|called (?:him|her|them|it)|like)\s+(?:the\s+)?"
    r"[\"“‘']?$|"   # "called her “ISIS”": a name thrown at someone
    # "the terrorist resembled in many ways a member of ISIS": a likeness, not a link
    r"\b(?:resembl\w*|reminiscent of|akin to|mimick\w*|mimic\w*)\s+(?:[\w-]+\s+){0,6}?(?:the\s+)?$|"
    # "the attack came as the Islamic State lost ground": the time it happened in, not who did it
    r"\b(?:came|comes|happened|occurred)\s+(?:just\s+)?(?:as|while|when|amid|at a time when)\s+"
    r"(?:[\w'’-]+\s+){0,6}?(?:the\s+)?$", re.I)
# ISIS reacting to an attack, not doing it: "Islamic State supporters celebrated the killings".
ISIS_REACTING_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:celebrat\w+|prais\w+|hail\w*|welcom\w+|cheer\w*|condemn\w*)\b", re.I)


# --- attacks -------------------------------------------------------------------------------------
# Buildings whose siege is a hostage attack, not a battle for a town.
_BUILDING = (r"(?:cafe|café|restaurant|hotel|theat(?:er|re)|concert hall|school|temple|gurdwara|church|mosque|"
             r"synagogue|supermarket|grocery|market|mall|shopping (?:centre|center|mall)|hospital|university|"
             r"college|office|bank|store|shop|embassy|consulate|club|nightclub|bar|parliament|gas plant|complex)")
# who destroys a monument or a shrine, how, and what (the attack trigger on places below)
_DESTROYERS = (r"ISIS|ISIL|(?-i:IS)|Islamic State|Daesh|militants|jihadists|extremists|the group|"
               r"(?:its|their|the group['’]s) fighters")   # "its fighters blew up the shrine of the Prophet Younis"
_DESTROYED = (r"(?:blew up|blown up|blowing up|demolished|demolishing|destroyed|destroying|razed|razing|bulldozed|"
              r"dynamited)")
_HERITAGE = (r"(?:mosques?|shrines?|church(?:es)?|temples?|tombs?|monuments?|statues?|museums?|minarets?|"
             r"monaster(?:y|ies)|cathedrals?|ruins|antiquities|arch|theatre|theater|heritage|mausoleums?|citadel|"
             r"ancient|archaeological|Assyrian|\d{1,2},?\d{3}-year-old)\b")   # "the 3,000-year-old Assyrian city"
DESTROYED_VERB = re.compile(rf"\b{_DESTROYED}\b", re.I)
# "militants blew up the shrine", "the temple was destroyed by Islamic State militants"
HERITAGE_AFTER = re.compile(rf"[^.;]{{0,60}}?\b{_HERITAGE}", re.I)
DESTROYER = re.compile(rf"\b(?:{_DESTROYERS})\b", re.I)
HERITAGE_PASSIVE_BEFORE = re.compile(rf"\b{_HERITAGE}[^.;]{{0,60}}?\b(?:was|were|had been|has been|have been)\s+$",
                                     re.I)
BY_DESTROYER = re.compile(rf"\s+by\s+(?:the\s+)?(?:{_DESTROYERS})\b", re.I)
HERITAGE_WORD = re.compile(rf"\b{_HERITAGE}", re.I)
# someone else who may have done the destroying: "as coalition air strikes destroyed the mosque"
OTHER_DESTROYER = re.compile(r"\b(?:air ?strikes?|strikes|coalition|army|forces|troops|soldiers|police|bombing|"
                             r"bombardment|shelling|war|fighting|regime|government|earthquake|fire|floods?)\b", re.I)
# (pattern, attack type or None, grammatical number: "one" | "many" | "verb")
ATTACK_TRIGGERS: list[tuple[re.Pattern, str | None, str]] = [
    (re.compile(r"\bsuicide (?:bomb(?:ing|s)?|attacks?|blasts?|explosions?|vests?|car bomb)\b", re.I),
     "suicide_bombing", "one"),
    (re.compile(r"\bblew (?:himself|herself|themselves) up\b", re.I), "suicide_bombing", "verb"),
    (re.compile(r"\b(?:car|truck|nail|pipe|roadside|pressure[- ]cooker|parcel) bombs?\b|\bIEDs?\b", re.I),
     "bombing", "one"),
    (re.compile(r"\b(?:bombings?|bombs?|explosions?|blasts?)\b", re.I), "bombing", "one"),
    (re.compile(r"\b(?:bombed|detonat(?:ed|ing)|exploded|set off(?= (?:an? |the |two |three )?(?:\w+ )?"
                r"(?:bombs?|explosives?|devices?|blasts?|explosions?|charges?|vests?)))\b", re.I), "bombing", "verb"),
    # the aircraft its object, in the same clause ("downed several Syrian jets, Moscow warned its aircraft": no)
    (re.compile(r"\b(?:blew up|blow up|blown up|downed|brought down)\b"
                r"(?=[^.,;]{0,40}\b(?:plane|jet|airliner|aircraft|flight)\b)", re.I), "aircraft_bombing", "verb"),
    # "the downing of a Russian passenger jet": an airliner, not a warplane shot down by an air force
    (re.compile(r"\b(?:downing|bombing|bringing down|shoot-?down)(?: of)? (?:an?|the|that) (?:[\w-]+ ){0,2}?"
                r"(?:passenger (?:jet|plane|aircraft)|airliner|charter (?:jet|plane|flight)|"
                r"(?:jet|plane|flight) over (?:Egypt|the Sinai|Sinai))\b", re.I),
     "aircraft_bombing", "one"),
    # "killed in an ISIS ambush", "militants ambushed a patrol": an attack, of no one kind
    (re.compile(r"\bambush(?:es)?\b", re.I), None, "one"),
    (re.compile(r"\bambush(?:ed|ing)\b", re.I), None, "verb"),
    (re.compile(r"\b(?:shootings?|gunfire|gun attacks?|shooting spree)\b", re.I), "shooting", "one"),
    (re.compile(r"\b(?:opened fire|gunned down|shot dead|shot to death|shot and killed|"
                r"sprayed\b[^.]{0,30}\bbullets)\b", re.I),
     "shooting", "verb"),
    # an execution-style massacre: "rounded up and shot men and boys", "lined up 600 prisoners ... and shot them"
    (re.compile(r"\b(?:rounded up|lined up|marched|herded)\b[^.;]{0,120}?\b(?:and|then|before)\s+(?:\w+\s+)?shot\b",
                re.I), "shooting", "verb"),
    (re.compile(r"\b(?:stabbings?|knife attacks?)\b", re.I), "stabbing", "one"),
    (re.compile(r"\b(?:stabbed|stabbing|slashed(?= (?:the |his |her |their )?(?:throats?|necks?|faces?|victims?|"
                r"people|passers-by|\w+ (?:with|in the) (?:a )?(?:knife|machete|blade)))|hacked to death)\b", re.I),
     "stabbing", "verb"),
    (re.compile(r"\b(?:(?:rammed|ramming)(?=[^.;]{0,60}\b(?:into|crowds?|pedestrians|people|worshippers|shoppers|"
                r"vehicles?|cars?|trucks?|vans?|lorry|barriers?|gates?|police|soldiers|officers|checkpoint))|"
                r"ploughed (?:into|through)|plowed (?:into|through)|mowed down|"
                r"drove (?:a |his |the )?(?:truck|van|car|lorry|vehicle) into)\b", re.I), "vehicle_ramming", "verb"),
    # "holding hostages", not "holding the budget hostage"; "a hostage situation", not "such a hostage situation"
    (re.compile(r"\b(?:hostage[- ]taking|(?<!such a )hostage (?:siege|crisis|situation|standoff)|"
                r"took [^.]{0,20}hostages?|seized hostages|"
                r"(?:was|were|had been|been) holding (?:\w+ ){0,3}?hostages)\b",
                re.I),
     "hostage_taking", "verb"),
    # a siege of a building is a hostage attack ("the siege of a central Sydney cafe", "the hotel siege"), unlike
    # the siege of a city, which is a battle
    (re.compile(r"\bsiege (?:of|at) (?:an? |the )?(?:[\w-]+ ){0,3}?" + _BUILDING + r"|\b" + _BUILDING +
                r" siege\b", re.I), "hostage_taking", "one"),
    # a captive put to death by militants; a toll is required (executions of plans, trades and orders count nobody)
    (re.compile(r"\b(?:execut(?:ed|es|ing)|(?:mass )?executions? of)\b", re.I), None, "kill"),
    # the attacker as the subject: "three suicide bombers struck the airport", "gunmen stormed a hotel"
    (re.compile(r"\bsuicide (?:bombers?|attackers?)(?: \w+)? (?:struck|hit|attacked|targeted|stormed|"
                r"blew|detonated)\b", re.I), "suicide_bombing", "verb"),
    (re.compile(r"\b(?:gunm[ae]n|attackers|assailants|militants|jihadists|terrorists|"
                r"(?:(?<=ISIS )|(?<=ISIL )|(?<=State )|(?<=Daesh ))fighters)(?: \w+)? (?:struck|stormed|"
                r"raided|burst into)\b", re.I), None, "verb"),   # not "Kurdish fighters stormed": the group's own
    # arson counts only with its dead: "set fire to a casino, killing 37", not "protesters torched cars"
    (re.compile(r"\b(?:set fire to|set (?:\w+ ){1,3}?(?:on fire|ablaze)|torched|firebombed)\b", re.I), "arson", "kill"),
    (re.compile(r"\b(?:behead(?:ed|ing)|decapitat(?:ed|ing|e)|decapitation of)\b", re.I), "beheading", "verb"),
    (re.compile(r"\bbeheadings\b", re.I), "beheading", "many"),
    (re.compile(r"\b(?:massacred|murdered|slaughtered|(?:burned|burnt) (?:alive|to death))\b", re.I), None, "verb"),
    # the group destroying a monument, a shrine or a place of worship: an attack on a place (the guidelines); not
    # an air strike or a war destroying one (attacks.py asks for the group and the site around the verb)
    (DESTROYED_VERB, None, "verb"),
    (re.compile(r"\b(?:massacres?|mass[- ]murder|mass[- ]killing|rampage|atrocity)\b", re.I), None, "one"),
    (re.compile(r"\batrocities\b", re.I), None, "many"),
    (re.compile(r"\battack(?:ed)?\b"
                r"(?! (?:network|plan|plot|capabilit|cell|helicopter|dog|ad|surface|submarine|aircraft|missile))",
                re.I),
     None, "verb"),
    (re.compile(r"\battacks\b", re.I), None, "many"),
    # not "an anti-terror operation" (the state's)
    (re.compile(r"\b(?:coordinated|twin|dual|double|simultaneous|(?<!anti-)terror(?:ist)?) "
                r"(?:operation|assault|raids?)\b|\boperation against\b|\bassault on\b", re.I), None, "one"),
    (re.compile(r"\b(?:killed|killing)\b", re.I), None, "kill"),
]

ATTACK_TRIGGERS_LC = [(for_lower(p), attack_type, number) for p, attack_type, number in ATTACK_TRIGGERS]

# Attack words used of something else: the military campaign, plans, threats, the past as a category.
NOT_AN_ATTACK = re.compile(
    r"\b(?:air ?strikes?|airstrikes?|drone strikes?|air raids?|aerial (?:bombardments?|bombing)|bombardments?|shelling|"
    r"bombing campaign|bombing raids?|artillery|bomb[- ](?:making|maker|threat|scare|hoax|plot)|heart attack|"
    r"panic attack|cyber ?attack|attack ads?|(?:verbal|political|personal|rhetorical|partisan) attacks?|"
    r"f-bombs?|photo ?bomb\w*|carpet[- ]bomb\w*|(?:nuclear|atomic|hydrogen|dirty|a-|h-) ?bombs?|MOAB|GBU-\d+|ordnance|"
    r"(?:nuclear|atomic) (?:blasts?|explosions?|tests?)|like an? (?:\w+ )?(?:bomb|explosion)|"
    r"bomb[- ](?:sniffing|squads?|disposal|detect\w*|proof)|"
    r"(?:cruise )?missile (?:strikes?|attacks?)|"
    r"Raqqa is Being Slaughtered Silently|"   # the activists' group, not an event
    # a state's strikes by its name: "explosions from apparent Israeli strikes rattling Gaza City"
    r"(?:Israeli|Russian|American|U\.S\.|coalition|Syrian|Iraqi|Turkish|Saudi|French|British|Jordanian) strikes|"
    r"(?:build|building|built|make|making|develop|developing|get|getting|acquire|acquiring|obtain|test|testing|"
    r"construct\w*|assembl\w*)(?: \w+){0,2} (?:a |the )?(?:nuclear )?bomb|box[- ]office|bombshell|"
    r"(?:film|photo|movie|video|music video) shoot\w*|shooting (?:percentage|guard|star|range|touch|slump|script)|"
    r"three-point shooting|shootings? (?:schedule|location)|gun (?:shows?|sales?|owners?|rights?|control|laws?)|"
    r"(?:sexual|sexually) assault\w*|assault (?:weapons?|rifles?|style)|assault charges?|nuclear|atom bombs?|"
    r"bombing (?:war|sorties|missions?|runs?|targets?)|air (?:war|campaign)|bomb (?:placements?|factor(?:y|ies)|"
    r"caches?|stockpiles?)|"
    # the state's aircraft hitting things: "US aircraft destroyed four IS vehicles in strikes near Mosul dam"
    r"(?:aircraft|warplanes|jets|drones?|planes)(?: [\w-]+){0,2} (?:destroyed|damaged|struck|hit|targeted)|"
    # a suicide blast of a man cornered in a raid: "chased down al-Baghdadi in a tunnel ... detonating a suicide vest"
    r"(?:raid|chased|cornered|surrounded|tunnel)\b[^.;]{0,120}\b(?:detonat\w+ (?:a |his )?suicide (?:vest|belt)|"
    r"blew himself up|blowing (?:up )?himself)|(?:U\.S\.|US|American|Russian|Israeli|Saudi|Syrian|Iraqi|Turkish|"
    r"French|British|NATO|allied|coalition|government|regime)(?:-led)?(?: \w+)? (?:bombing|bombs|bombed|missiles?)|"
    r"police shootings?|officer-involved shootings?|shooting range|killed (?:while )?fighting (?:with|for|alongside)|"
    r"(?:Trump|Obama|Bush|Clinton|Putin|the U\.S\.|United States|America|Russia|Israel|Turkey|Britain|France|"
    r"coalition|allies|warplanes|jets|aircraft|drones?|planes|bombers)(?: [\w-]+){0,4} "
    r"(?:bombed|has bombed|have bombed|"
    r"(?:has been|have been|began|begun|started|resumed|continued|stepped up|intensified|are|were|is|was) bombing|"
    # "Barack Obama began a bombing and special forces campaign there"
    r"(?:began|begun|started|launched|resumed|stepped up|intensified) (?:a|an|the|its|his|their) (?:[\w-]+ )?bombing)|"
    r"bombs? (?:was |were |had been |has been |is |are )?dropped|drop(?:ped|ping|s)? (?:[\w-]+ ){0,3}bombs?|"
    r"(?:cruise )?missile strikes?|cruise missiles?|air attacks?|ground and air attacks?|"

    r"(?:regime|government|army|military|troops|forces|Russia|Russian|the U\.S\.|American|Syrian|Iraqi|Turkish|"
    r"Israeli|coalition)(?:['’]s?)?(?: [\w-]+){0,3} (?:launch\w*|beg[iau]n\w*|"
    r"mount\w*|start\w*|press\w*|step\w* up) (?:an? |its |the |their |a new )?(?:[\w-]+ ){0,2}"
    r"(?:assault|offensive|attacks?))\b",
    re.I,
)
NOT_AN_ATTACK_LC = for_lower(NOT_AN_ATTACK)   # searched around every trigger word: the fast form
# ISIS as the victim of the killing or the attack: "killing a top Islamic State commander", "stabbed an ISIS captive".
# The Islamic State's own people as the dead: "eight Islamic State leaders were killed in the bombing".
ISIS_KILLED = re.compile(
    r"\b(?:ISIS|ISIL|Islamic State|Daesh)(?:['’]s)?\s+(?:[\w-]+\s+){0,3}?(?:were|was|have been|had been|are)\s+"
    r"(?:\w+\s+)?killed\b|"
    # "70 fighters of the Islamic State, some of them Syrian nationals, were killed ... in strikes"
    r"\b(?:fighters|militants|members|commanders) of (?:the )?(?:ISIS|ISIL|Islamic State|Daesh)\b[^.;]{0,40}?"
    r"(?:were|have been|had been) (?:\w+ )?killed\b")
ISIS_VICTIM_AFTER = re.compile(
    # "the killing of a top Islamic State commander"; not "attacks by Islamic State operatives", "carried out by ISIS
    # fighters" (the doers)
    r"^\s+(?:of\s+)?(?:an?\s+|the\s+|\d+\s+|two\s+|three\s+|several\s+|dozens of\s+|hundreds of\s+)?"
    r"(?:(?!by\b)[\w-]+\s+){0,2}?(?:ISIS|ISIL|IS|Daesh|Islamic State|jihadist|militant)(?: group)?['’]?s?\s+"
    r"(?:[\w-]+\s+)?"
    r"(?:leaders?|commanders?|chiefs?|fighters|militants|members|operatives|figures?|spokesman|emirs?|captives?|"
    r"prisoners?|detainees?|suspects?|positions?|targets?|hideouts?|strongholds?)\b|"
    r"^\s+(?:[\w-]+\s+){0,4}?(?:Abu Bakr )?al-Baghdadi\b|"
    # "killed a planner and a facilitator for ISIS-K": the group's own people
    r"^\s+(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+)?(?:planners?|facilitators?|commanders?|"
    r"leaders?|recruiters?|financiers?|bomb-?makers?|operatives?)\b[^.;]{0,40}?\b(?:for|of|from|in)\s+(?:the\s+)?"
    r"(?:ISIS|ISIL|IS|Daesh|Islamic State)\b")

# The group's own sites destroyed: "several ISIS caves and ammunition caches were destroyed by the giant bomb".
ISIS_SITES_HIT = re.compile(
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State)(?:['’]s?)?(?: [\w-]+){0,2} (?:caves?|tunnels?|positions?|targets?|"
    r"hideouts?|bases?|camps?|vehicles?|convoys?|caches?)\b[^.;]{0,80}\b(?:destroyed|struck|targeted|bombed|hit)\b|"
    # "the bomb U.S. forces dropped Thursday on an ISIS training camp"
    r"\bdropped\b[^.;]{0,30}? on (?:an? |the )?(?:ISIS|ISIL|IS|Daesh|Islamic State)"
    r"(?:['’]s?)?(?: [\w-]+){0,2} (?:caves?|tunnels?|positions?|targets?|hideouts?|bases?|camps?|vehicles?|convoys?|"
    r"fighters|militants|compounds?)\b")

# The attack is on the Islamic State: a military operation, not a terrorist attack.
ATTACK_ON_ISIS = re.compile(
    r"\b(?:attacks?|assault|offensive|operations?|strikes?|raids?)(?: [\w-]+)? (?:on|against) (?:the )?"
    r"(?:ISIS|ISIL|IS|Daesh|"
    r"Islamic State|militants|jihadists|insurgents|the group|its|their|them|it)\b|\bfac(?:es|ing|ed) attacks\b|"
    # "the coalition that attacked ISIS in Syria overnight"
    r"^(?:attacked|bombed|pounded|raided)\s+(?:the\s+)?(?:ISIS|ISIL|(?-i:IS)|Daesh|Islamic State)\b(?![- ]"
    r"(?:claimed|inspired|linked|directed|gunm[ae]n|militants|fighters|bombers?|attackers?|supporters?))",
    re.I,
)
# The attacker blows himself up when cornered: the end of a raid, not an attack ("U.S. forces chased down
# al-Baghdadi in a tunnel ... before detonating a suicide vest").
CORNERED = re.compile(r"\b(?:chased (?:\w+ )?down|cornered|closed in|surrounded|stormed|in a (?:\w+ )?raid|during "
                      r"(?:a|the) raid)\b", re.I)
SELF_DETONATION = re.compile(r"\b(?:detonat\w* (?:a|an|his|her|their) (?:suicide )?(?:vest|belt)|"
                             r"(?:blew|blowing) (?:up )?(?:him|her|them)sel(?:f|ves))",
                             re.I)
# A plot the police foiled, told with what the plotter believed: "explosives he believed were real", "a backpack from an
# undercover FBI employee": no attack happened.
FOILED_PLOT = re.compile(r"\b(?:undercover (?:FBI |police )?(?:agents?|officers?|employees?|informants?)|"
                         r"sting operation|(?:believed|thought) (?:were|was|to be|contained) (?:real |live )?"
                         r"(?:explosives|a bomb|bombs|a pipe bomb)|"
                         r"(?:accused of|charged with|convicted of|arrested for|indicted for|pleaded guilty to) "
                         r"plotting)\b", re.I)
# The state forces killing, shooting or bombing: a response or a battle, not an attack.
_PASSIVE = r"(?:was|were|been|being|is|are)\b"
STATE_AGENT = re.compile(
    # (not "shot dead by an ISIS sniper")
    r"\b(?:(?:shot|killed|gunned down|shot dead)(?: \w+){0,3} by "
    r"(?!(?:an? |the )?(?:ISIS|ISIL|IS|Islamic State|Daesh|militant|jihadist|insurgent)s?\b)(?:\w+ ){0,4}"
    r"(?:police|soldiers|troops|officers?|"
    r"security forces|forces|army|snipers?|guards|troopers?|deput(?:y|ies)|cops?|authorities)|(?:police|soldiers|"
    r"troops|officers|"
    # the state's forces as the ones shooting, not shot: "18 policemen were killed" is an attack on them
    r"security forces|special (?:operations )?forces|commandos|Navy SEALs|coalition|army|military|jets|warplanes|"
    r"drones?|air force)(?: (?!" + _PASSIVE + r")\w+){0,3} "
    r"(?:shot|killed|bombed)|"
    r"(?:shooting|killing|death)s?(?: [\w.-]+){0,6} (?:by|at the hands of) (?:an? |the )?(?:[\w.,-]+ ){0,3}(?:police|"
    r"officers?|deputy|deputies|agents?|troopers?|soldiers|troops|cops?)|(?:officers?|policem[ae]n|police|deputy|"
    r"agents?|trooper|cops?)(?:,? (?!" + _PASSIVE + r")[\w.-]+){0,4},?(?: who)? (?:shot|killed|fatally shot|"
    r"shot and killed|opened fire|"
    r"shooting|fatally shooting)|police[- ](?:involved|related) (?:shootings?|killings?)|police (?:killings?|"
    r"custody|chokeholds?|choke ?holds?)|(?:Assad|Gadhafi|Qaddafi|Saddam|Hussein|Hitler|Stalin|Mao|Pol Pot|Putin|"
    r"Maduro|Duterte|Kim Jong[- ]\w+|Mubarak|Erdogan|Sisi|Khamenei)(?:['’]s)?(?:,? [\w-]+){0,6},? (?:has |had )?"
    r"(?:killed|massacred|murdered|slaughtered|gassed|bombed|bombing|shelling)|(?:regime|dictator(?:ship)?|junta|government|"
    r"(?<!Islamic )state|Nazis?)(?:['’]s)?(?: [\w-]+){0,3} (?:has |had |have )?"
    r"(?:killed|massacred|murdered|slaughtered|gassed))\b",
    re.I,
)
# "the U.S. strike, carried out by a Reaper drone late Friday in Nangarhar, killed a planner", "a US strike in the
# al-Jadida district in March killed 105 civilians": a state's strike as the subject of the killing, past a phrase in
# apposition or of place and time (read up to the trigger's end)
STATE_STRIKE_BEFORE = re.compile(
    r"\b(?:U\.S\.|US|American|coalition|allied|Russian|Israeli|Turkish|French|British|drone|air)[- ](?:led )?"
    r"(?:air ?|drone )?strikes?(?:,[^,.;]{1,100},|\s+(?:in|on|near)\s+[^,.;]{1,60}?)?\s+(?:killed|killing)$|"
    # "an airstrike hit a Shiite religious center in the town of Daquq, south of Kirkuk, killing 15"
    r"\b(?:an?|the)\s+(?:[\w.-]+\s+)?(?:air ?strike|drone strike|air raid)\s+(?:hit|struck|targeted|destroyed)\b"
    r"[^.;]{0,150}?,\s+killing$", re.I)
# Counts over years, rates and official statistics: a tally of many deaths, not a report of one attack.
# "the eighth suicide bombing in Turkey this year": the attack's rank among the year's events; the toll said with it
# is the year's, not the attack's
YEAR_RANK = re.compile(
    r"\bthe (?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)) (?:[\w-]+ ){0,3}?"
    r"(?:attack|bombing|shooting|killing|massacre)s?(?: (?:event|incident))?(?: in(?: [A-Z][\w-]+){1,2})? "
    r"(?:this|that) (?:year|month)\b")
STATISTICS = re.compile(
    # "More than 240 people have been killed in attacks in France since 2015": a tally of many attacks
    r"\bkilled in (?:[\w-]+ )?attacks\b[^.;]{0,50}\bsince\b|"
    r"\b(?:(?:FBI|CDC)(?:['’]s)? (?:data|statistics|figures|numbers|reports?|database)|"
    r"statistics|statistical|data (?:show|shows|from|compiled)|per (?:year|capita|day|100,000)|"
    r"(?:each|every|a) year|(?:each|every|per) (?:day|week|month)|annual(?:ly)?|"
    r"homicide rate|murder rate|rate of|on average|average of|"
    r"in \d{4} alone|between (?:19|20)\d\d and|from (?:19|20)\d\d (?:to|through)|"
    r"over the (?:past|last) (?:\w+ )?(?:years|decades?)|(?:in|over|during) the (?:past|last) (?:few )?"
    r"(?:year|months)\b|(?:a|the) (?:year|decade|century) (?:before|after)|"
    r"gun deaths|firearm deaths|mass shootings? (?:this|last|per|in) year|so far this year|total(?:led)? of|"
    r"tally|database|tracker|Gun Violence Archive|percent|%|"
    # "44 servicewomen killed in Afghanistan since the conflict began there", "killed in combat": a war's dead
    r"since (?:the )?(?:war|conflict|fighting|invasion|insurgency)(?: there| in [A-Z]\w+)? (?:began|started|erupted)|"
    r"since the (?:start|beginning|outset) of the (?:war|conflict|fighting|insurgency)|\bin combat\b|"
    # "thousands of shootings since January": a count of many events, not one
    r"(?:thousands|hundreds|dozens|scores) of (?:\w+ )?(?:shootings|attacks|bombings|killings|murders|stabbings)|"
    # "in these 22 incidents ... 133 people were killed": a sum over many events
    r"\b(?:in|across|over|during) (?:these|those|the|all|all of the)\s+\d{2,}[\d,]* (?:\w+ )?"
    r"(?:incidents|shootings|attacks|bombings|events))",
    re.I,
)
# A count that is not one attack's: a period's, a war's, a total over many ("3,000 people have died since May").
TOLL_AGGREGATE = re.compile(r"\b(?:since|so far|this year|last year|in total|a total of|altogether|over the|"
                            r"in the past|a year|a month|per|war|conflict|fighting|countries|cities|battles?|"
                            r"campaign|airstrikes?|strikes|raids|clashes|unrest|nationwide)\b", re.I)
# What a monitor does, not what the count covers: "according to the Syrian Observatory for Human Rights, which
# monitors the conflict through a network of sources"
_MONITOR_CLAUSE = re.compile(r",\s+which\s+(?:monitors|tracks|documents|follows|covers|reports on)\b[^.;]*")


def toll_aggregate(s: str) -> re.Match | None:
    """The word that makes a sentence's count a total over many events, if any (TOLL_AGGREGATE)."""
    monitor = _MONITOR_CLAUSE.search(s) if ", which " in s else None
    return TOLL_AGGREGATE.search(s[: monitor.start()] + s[monitor.end():] if monitor else s)


# A town the sentence places something in ("died in a bus crash in Lyon"), not one naming a thing ("the Boston bombings
# suspects"): only the first keeps a toll off the attack the narrative is on.
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|into)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?$", re.I)
# Words that look back at a past event the sentence only recalls, without a date: "ISIS has already lost
# Fallujah", "as we have liberated Tikrit", "the one-time capital", "had been retaken years ago".
RETROSPECTIVE = re.compile(
    r"\b(?:already|once(?! again| more)|previously|formerly|one[- ]time|onetime|years? ago|decades? ago|back in|"
    r"in the past|"
    r"at the time|had (?:\w+ )?(?:been )?\w+(?:ed|en|ought|ook|ew|ost|ell)|"
    r"as (?:we|they|he|she|it|you) (?:have|has|had|did)|(?:has|have) (?:\w+ )?(?:since|ever since)|"
    r"long before|ever since|history of|legacy of|memories of|remembered|the day (?:that|when))\b",
    re.I,
)
# The shooting of a named person in a sentence about the police: a police shooting ("the fatal shooting of
# Mr. Crutcher", "the shooting death of Michael Brown") unless an attacker is named.
SHOOTING_OF_NAMED = re.compile(
    r"\b(?:shooting|killing|shooting death|death)s? of (?:(?:an? |the )?(?:unarmed|black|white|African-American|"
    r"\d+-year-old|young|teen(?:ager)?|teen|man|woman|boy|girl)[ ,]+){0,5}(?:Mr\.|Ms\.|Mrs\.)? ?[A-Z][a-z]+")
POLICE = re.compile(r"\b(?:police|officers?|cops?|deputy|deputies|troopers?|policem[ae]n|patrolm[ae]n)\b", re.I)
ATTACKER_NAMED = re.compile(r"\b(?:gunm[ae]n|shooter|attackers?|assailants?|terror\w*|sniper|ambush\w*|"
                            r"jihad\w*|killer|suspect)\b", re.I)

# Words of physical violence: a bare "attack" or "assault" is a violent attack only near one of these.
VIOLENCE = re.compile(
    r"\b(?:kill\w*|dead|deaths?|died|dying|wound\w*|injur\w*|terror\w*|gunm[ae]n|gun\w*|bomb\w*|shoot\w*|shot|"
    r"stab\w*|knife|knives|machete|explo\w+|blast\w*|victims?|deadly|fatal\w*|militants?|jihad\w*|suicide|"
    r"extremis\w+|massacre\w*|hostages?|assailants?|attackers?|slay\w*|murder\w*|bloody|bloodshed|violen\w+|"
    r"casualt\w+|rifles?|weapons?|armed|ambush\w*|mosque|church|synagogue|consulate|embassy|compound|"
    r"ISIS|ISIL|Daesh|Islamic State|al[- ]Qaeda|Taliban|Shabaab|Boko Haram|9/11|insurgents?|rebels?|"
    r"soldiers?|troops|police(?:m[ae]n)?|officers?|security forces|checkpoint|barracks|convoy|patrol|"
    r"outposts?|garrison|grenades?|rockets?|mortars?|"
    # "claimed responsibility for a brazen attack on a luxury hotel": a claim, or a building full of people
    r"claim(?:ed|s|ing)? responsibility|hotels?|nightclubs?|concert hall|airports?|stadium|restaurants?|"
    r"caf[eé]s?|museum|market(?:place)?|coordinated|rampage|carnage|siege)\b",
    re.I,
)
# "attacks on Democrats", "attacked the press": the target of a political or verbal attack.
POLITICAL_TARGET = re.compile(
    r"^\s*(?:on|against)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:\w+\s+){0,2}?(?:media|press|journalists?|"
    r"reporters|democrats?|republicans?|GOP|liberals?|conservatives?|president|presidency|administration|"
    r"candidates?|campaign|opponents?|rivals?|critics?|policy|policies|record|character|credibility|integrity|"
    r"reputation|rights|freedom|democracy|constitution|law|science|voting|elections?|bill|plan|deal|congress|"
    r"senate|house|court|judges?|FBI|establishment|left|right|party|leadership|workers|business|industry|"
    r"faith|religion|religious liberty|values|"   # "a clear attack on the Catholic faith", not on a church
    r"Obama\w*|Trump\w*|Clinton\w*|Biden\w*|Hillary|Romney|Sanders|Pelosi)\b",
    re.I,
)
# An explosion nobody set off: a gas or industrial blast, at a mine, a plant or a depot; unless the sentence tells of a
# bomb, a bomber or a claim ("militants set off a blast at a gas plant")
BLAST_WORD = re.compile(r"(?:explosions?|blasts?)\b", re.I)
ACCIDENTAL_BLAST = re.compile(
    r"\b(?:gas|methane|boiler|fireworks?|propane|dust|pipeline|tanker)\s+(?:explosions?|blasts?)\b|"
    r"\b(?:explosions?|blasts?)\s+(?:and\s+(?:a\s+)?fire\s+)?(?:at|in|inside|on)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:mines?|mine\s+shaft|factory|plant|refinery|warehouse|depot|pipeline|fireworks|boiler|chemical)\b|"
    r"\b(?:mining|mine|industrial)\s+(?:disaster|accident)\b|"
    r"\baccidental(?:ly)?\s+(?:explosions?|blasts?|detonations?)\b|\b(?:exploded|went off) accidentally\b", re.I)
DELIBERATE = re.compile(r"\b(?:bomb\w*|militants?|terror\w*|attack\w*|claim\w*|gunm[ae]n|suicide|insurgents?|"
                        r"jihad\w*|ISIS|Islamic State|sabotage\w*|set off|detonat\w*|planted)\b", re.I)
# Deaths that no attacker caused: "killing 19 firefighters" in a wildfire.
NOT_VIOLENCE = re.compile(
    r"\b(?:(?<!set )fires?|wildfires?|blazes?|flames|floods?|flooding|earthquakes?|storms?|"
    r"hurricanes?|tornado\w*|"
    r"typhoons?|cyclones?|crash\w*|accidents?|collisions?|derail\w*|avalanches?|landslides?|mudslides?|diseases?|"
    r"virus|coronavirus|covid\S*|pandemic|epidemic|outbreak|overdos\w+|heat ?waves?|famine|drought|capsiz\w+|"
    r"sank|sinking|stampede|collapse\w*|malaria|ebola|cancer|flu)\b",
    re.I,
)
# A category, not one attack: "after every mass shooting", "more shootings", "any terrorist attack".
CATEGORY_BEFORE = re.compile(
    r"\b(?:every|each|any|more|fewer|most|many|all|some|other|no|such|of|frequent|future|recent|"
    r"similar|past|previous|these|those)\s+(?:[\w-]+\s+){0,2}$", re.I)
BATTLE = re.compile(r"\b(?:siege|besieg\w*|offensive|battle|front ?lines?|clashes|fought|fighting|frontline)\b", re.I)

# --- hypothetical, future, negated ----------------------------------------------------------------
MODAL = re.compile(
    r"\b(?:will|would|could|might|(?<!in )(?<!of )(?<!early )(?<!late )(?<!since )(?<!until )(?<!last )"
    r"(?<!this )(?<!next )(?<!mid-)(?<!from )(?<!through )may(?!\s+\d)|"
    r"should|must|shall|if|unless|"
    r"whether|when we|whenever|expects?|expected|"   # "in May 2015", "May 3": the month
    r"planned|planning|plans?|plot(?:ted|ting|s)?|threat(?:en|ened|ens)?|vow(?:ed|s)?|fear(?:s|ed)? (?:of|that)|"
    r"risk of|at risk|possib(?:le|ility)|potential|likely to|prevent(?:ed|ing)?|foil(?:ed|ing)?|thwart(?:ed|ing)?|"
    r"averted|avoid(?:ed|ing|s)?|"
    r"attempted|attempt to|in order to|aim(?:s|ed)? to|able to|capacity to|capable of|calls? for|urged?|"
    # "not long after", "not only", "no sooner": time and emphasis, not negation
    r"no(?!\s+sooner)|not(?!\s+(?:long|only|least|since|just)\b)|never|without|nor|failed to|assuming|suppose|"
    r"imagine|such as)\b|n['’]t\b",
    re.I,
)
# "the rampage will continue", "attacks would follow": the trigger's own verb is future or conditional.
# "may" in lower case only and not the month ("retook Tabqa from ISIS in May" happened)
MODAL_AFTER = re.compile(r"^(?:[\s,]+\w+){0,4}?\s+(?:will|would|could|might|"
                         # "another attack in Kabul was 'highly likely'"
                         r"(?:is|was|are|were)\s+[\"“]?(?:highly\s+|very\s+|quite\s+)?(?:likely|possible|imminent)|"
                         r"(?<!in )(?<!of )(?<!early )(?<!late )(?<!since )(?<!until )(?<!last )(?-i:may)(?!\s+\d)|"
                         r"is going to|are going to)\b", re.I)
# "to attack", "to capture": an intention, unless somebody helped or managed to do it.
# ("pledged allegiance to ISIS opened fire": a name after "to" is an object, not a verb)
# "plans to attack", not "reacting to the attack" (a determiner makes "to" a preposition)
INFINITIVE = re.compile(r"\bto (?!(?:ISIS|ISIL|IS|Daesh|al-Qaeda|the|a|an|this|that|these|those|his|her|its|their|"
                        r"our|last|Tuesday's|Monday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's) )(?:\w+ )?$|"
                        r"\bto (?:help )?(?:launch|carry out|conduct|stage|mount|commit|perpetrate|plan|execute|"
                        r"unleash|orchestrate) (?:an?|another|more|new|such|similar|the)?\s*(?:[\w-]+ ){0,2}$|"
                        # a second infinitive: "tells supporters to stay home and attack where they are"
                        r"\b(?:tells?|told|urged?|urging|calls? on|called on|asks?|asked|encourag\w+|exhort\w+) "
                        r"(?:[\w-]+ ){0,3}?to (?:\w+ ){1,3}and $", re.I)
INFINITIVE_OK = re.compile(r"\b(?:helped|managed|succeeded|allowed|enabled|claim(?:ed|s)?|claim of responsibility|"
                           r"did (?!not\b)(?:\w+ )?manage)\b"
                           r"[^,;]{0,20}$|"
                           # "Rawa, the last town in Iraq to be retaken from the group": a fact, not an aim
                           r"\b(?:first|last|latest|only)\s+(?:[\w-]+\s+){0,4}?to\s+be\s+$",
                           re.I)

# --- territorial losses -----------------------------------------------------------------------------
_GROUP_NAMES = r"ISIS|ISIL|(?-i:IS)|Daesh|Islamic State"   # the group, in the loss patterns below
# The place is the object that follows these ("lost control of Sinjar", "routed them out of Tal Abyad").
LOSS_OBJECT_TRIGGERS = re.compile(
    r"\b(?:recaptur(?:ed|e|ing)|reconquer(?:ed)?|retook|retak(?:en|e|ing)|liberat(?:ed|e|ing)|liberation of|freed|"
    r"reclaim(?:ed|ing)?|"
    r"regain(?:ed|ing)?(?: control(?: of)?)?|wrest(?:ed|ing)? control of|wrested(?: back)?|"
    r"took back|taken back|taking back|"
    # "restored government control over Hit", "recovered Sinjar from ISIS", "rid Mosul of the Islamic State"
    r"restor(?:ed|ing) (?:[\w-]+ ){0,2}?control (?:over|of|in)|"
    rf"recover(?:ed|ing)(?= [^.;]{{1,50}}?\bfrom (?:the )?(?:{_GROUP_NAMES})\b)|"
    rf"rid(?:ding)?(?! of)(?= [^.;,]{{1,40}}? of (?:the )?(?:{_GROUP_NAMES})\b)|"
    # "finished clearing Raqqa of ISIS fighters": only once achieved (losses.py)
    rf"clearing(?= [^.;,]{{1,40}}? of (?:the )?(?:{_GROUP_NAMES})\b)|"
    r"(?:took|(?:(?:had|has|have) )?taken|declared|announced) (?:full |complete |total )?control (?:of|over)|"
    r"won back|winning back|"
    r"declared victory (?:over (?:the )?(?:ISIS|ISIL|IS|Daesh|Islamic State|militants|jihadists)(?: group)? )?in|"
    r"(?:declared|announced|proclaimed) (?:the )?(?:full |complete |total )?"
    r"(?:liberation|recapture) of|"
    # "declared Fallujah fully liberated": the verb, with the place and the outcome after it
    r"declar(?:ed|es|e)(?= (?:the (?:[a-z-]+ )?(?:city|town) of )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)? "
    r"(?:fully |completely |totally )?[\"“]?(?:liberated|freed|retaken|recaptured|cleared|"
    r"free of (?:the )?(?:ISIS|ISIL|IS|Daesh|Islamic State|"
    r"militants|jihadists|extremists))\b)|"
    r"(?:driv(?:e|es|ing|en)|drove|push(?:ed|ing)?|chas(?:ed|ing)) (?:\w+ ){0,3}?(?:away|back) from|"
    # "announced the capture of Tabqa from the Islamic State": the noun only with the group after "from"
    r"captur(?:ed|ing)|capture of(?= [^.;]{0,40}\bfrom (?:the )?(?:ISIS|ISIL|IS|Daesh|Islamic State)\b)|"
    # "the SDF's capture of Raqqa", "the capture of Raqqa by the SDF": only a known enemy of the group taking a town it
    # is known to have lost (losses.py)
    r"capture of(?= (?:the (?:city|town) of )?(?-i:[A-Z]))|"
    # "the Islamic State's loss of Mosul", "ISIS's ouster from Sinjar", "the expulsion of ISIS from Palmyra"
    rf"(?:{_GROUP_NAMES}|the group)['’]s? (?:final )?(?:loss|ouster|expulsion|eviction) "
    rf"(?:of|from)|(?:ouster|expulsion|eviction) of (?:the )?(?:{_GROUP_NAMES})"
    r"(?: group| militants| fighters)? from|"
    r"seized|overran|overtook|stormed|cleared|lost(?: control of)?|los(?:ing|t) the (?:\w+[- ]){0,4}?"
    r"(?:battle|struggle|fight|war) (?:for|of)|fall of|"
    r"(?:driven|pushed|forced|kicked|hounded|routed|expelled|ousted|flushed|chased|dislodged|cleared) out(?: of)?|"
    # the bare verb ("helped Kurdish fighters push ISIS out of Kobani") only once achieved (losses.py)
    r"(?:drove|driven|pushed|forced|kicked|hounded|routed|expelled|ousted|flushed|chased|swept|driving|pushing|"
    r"push|drive|kick) (?:\w+ ){0,4}?out of|"   # "pushed the Islamic State group out of"
    # the gerunds ("a week after ousting the group from Palmyra") only once achieved (losses.py)
    r"(?:expelled|ousted|routed|evicted|ejected|dislodged|purged|ousting|expelling|evicting) (?:\w+ ){0,3}?"
    r"(?:from|for control of)|"
    r"(?:drove|driven|drive|drives) (?:\w+ ){1,3}?from|"   # "drove ISIS from Hawija", not "drove from Mosul"
    # "ended the Islamic State's rule over Raqqa", "ended ISIS control of Mosul"
    rf"ended (?:the )?(?:{_GROUP_NAMES}|group|militants|jihadists)(?:['’]s?)? (?:[\w-]+ ){{0,2}}?"
    r"(?:rule|control|occupation|grip|hold|reign) (?:of|over|in|on)|"
    # "the Islamic State's defeat in Mosul", "the defeat of ISIS at Kobani": the noun, with the town after
    rf"(?:{_GROUP_NAMES}|the group)['’]s? (?:[\w-]+ )?defeats? (?:in|at)|"
    # "the Islamic State suffered a crushing defeat in Kobani"
    rf"(?:{_GROUP_NAMES}|the group|militants|jihadists)(?: fighters| militants)? "
    r"(?:has |had |have )?suffered (?:an? |its |their )?(?:[\w-]+ ){0,2}?defeats? (?:in|at)|"
    rf"defeat of (?:the )?(?:{_GROUP_NAMES})(?: group| militants| fighters)? (?:in|at)|"
    # "the SDF said it had taken Raqqa": only with an enemy of the group as the subject (losses.py)
    r"(?:(?:had|has|have) )?taken(?= (?:the (?:[a-z-]+ )?(?:city|town|village) of )?(?-i:[A-Z]))|"
    # "took al-Bab from the Islamic State", "took the border town of al-Qaim on Nov. 3"
    r"took(?= (?:the (?:[a-z-]+ )?(?:city|town|village) of )?(?-i:[A-Z]|al-|el-))|"
    # "the Syrian army took it back", "which Turkish-backed rebels took from the militants"
    rf"took(?= it back\b| from (?:the )?(?:{_GROUP_NAMES}|militants|jihadists)\b)|"
    r"(?:driven|pushed|routed|ejected|evicted|chased|flushed|dislodged|purged) (?:back )?from|"
    # "the militants withdrew from Sinjar", "ISIS abandoned Jarablus", "ISIS fighters surrendered Raqqa to the SDF":
    # only with the group as the subject (losses.py)
    r"(?:withdr[ea]wn?|retreated|pulled out|fled) from|pulled out of|"
    r"(?:abandoned|fled|surrendered|ceded)(?= (?:the (?:city|town) of )?(?-i:[A-Z]))|"
    # "Kurdish fighters defeated the Islamic State in Kobani": the group as the object, the town after "in" or "at"
    rf"defeated (?:the )?(?:{_GROUP_NAMES})(?: group| militants| fighters)?(?= (?:in|at) )|"
    # "Islamic State militants were beaten back by air strikes and Kurdish fighters at Kobani": only with the group as
    # the subject (losses.py)
    r"beaten back|repelled|repulsed|defeated|"
    # "beating back the Islamic State at the Mosul Dam": only with the group as the object (losses.py)
    r"beat back|beating back)\b",
    re.I,
)
# "Sinjar was recaptured", "Mosul fell to Iraqi forces": the place comes first.
LOSS_SUBJECT_TRIGGERS = re.compile(
    r"\b(?:was|were|has been|had been|have been) (?:\w+ ){0,2}?['‘\"“]?(?:recaptured|retaken|liberated|freed|reclaimed|"
    r"captured|seized|cleared|taken back|wrested back|wrested|overtaken)\b|\bfell to\b|"
    # "'Sinjar is liberated,' Barzani told reporters": a declaration
    r"\b(?:is|are) (?:now |fully |finally |completely )?['‘\"“]?(?:liberated|freed)\b"
    r"(?! from (?:the )?(?:regime|rebels|Assad))|"
    # "Manbij, which was taken from IS by forces led by the YPG": taken from the group, not by it; "Manbij was taken by
    # the Syrian Democratic Forces": only a known enemy taking a town the group is known to have lost (losses.py)
    rf"\b(?:was|were|has been|had been|have been) taken(?= from (?:the )?(?:{_GROUP_NAMES}|"
    r"militants|jihadists)\b| by\b)|"
    # "since Mosul's liberation in July"; "Manbij, freed from ISIS in 2016, is patrolled by U.S. troops"
    r"['’]s (?:(?:full|complete|final) )?(?:liberation|recapture|retaking)\b|"
    r",\s+(?:(?:since|later|then|finally|recently) )?(?:recaptured|retaken|liberated|freed|wrested|reclaimed) from "
    rf"(?:the )?(?:{_GROUP_NAMES}|militants|jihadists)\b|"
    # "aid workers entered Raqqa after the Islamic State was driven out": the town named just before (losses.py)
    rf"\b(?:{_GROUP_NAMES}|the group)(?: \((?:ISIS|ISIL|IS|Daesh)\))?"
    r"(?: fighters| militants)? (?:was|were|had been|has been|have been) (?:\w+ )?(?:driven|pushed|forced|kicked|"
    r"chased|flushed|routed|expelled|ousted) out\b(?! of\b)|"
    # "the coastal city of Sirte, from which Isis was expelled in December": the town before the relative clause
    rf"(?<=, )from which (?:the )?(?:{_GROUP_NAMES}|group|militants|jihadists)(?: fighters| militants)? "
    r"(?:was|were|had been|has been|have been) (?:\w+ )?(?:driven|pushed|forced|kicked|chased|flushed|routed|"
    r"expelled|ousted)\b|"
    # "Manbij, which ISIS lost in August": the town the relative clause follows
    rf"(?<=, )(?:which|that) (?:the )?(?:{_GROUP_NAMES}|group|militants|jihadists)(?: fighters| militants)? "
    r"(?:had |has |have )?(?:lost|abandoned|fled)\b|"
    # "Ramadi returned to government control", "Fallujah is back under Iraqi control": the group named in the sentence
    # (losses.py)
    r"\b(?:returned|reverted) to (?:[\w-]+ ){0,2}?control\b|\bback under (?:[\w-]+ ){0,2}?control\b|"
    # "Baghuz, the last enclave of the Islamic State, fell on Saturday": only after such an apposition (losses.py)
    r"(?<=, )fell\b(?! to\b)|"
    # "Sinjar is now free of ISIS", "the city was declared clear of the Islamic State"
    r"\b(?:is|was|are|were|been)\s+(?:(?:now|finally|fully|completely|declared)\s+){0,2}(?:free|clear)\s+of\s+(?:the\s+)?"
    rf"(?:{_GROUP_NAMES}|militants|jihadists)\b",
    re.I,
)
# A headline's short passive, the town before it: "Bashiqa freed from ISIL", "Duterte declares Marawi 'liberated'
# from pro-Islamic State militants", "Mosul is free of ISIS", "Syrian army declares Deir ez-Zor city free of Daesh"
HEADLINE_LOSS = re.compile(
    r"""(?:\b(?:fully\s+)?(?:liberated|freed|retaken|recaptured|cleared)|\bfree)['’"]?\s+(?:from|of)\s+(?:the\s+)?"""
    r"(?:pro-)?(?:ISIS|ISIL|IS|Daesh|Islamic State)\b")
# ... and the group first, the town after: "IS driven from Syria's Hasakah city", "ISIS pushed out of Manbij"
HEADLINE_GROUP_DRIVEN = re.compile(
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State)(?:\s+(?:fighters|militants|jihadists))?\s+(?:driven|pushed|forced|kicked|"
    r"ousted|expelled|routed|flushed)\s+(?:out\s+of|from)\b")
# A headline tells the past in the present tense ("Syrian troops take back Qaryatayn from ISIL"): its verbs, as the
# loss patterns spell them
HEADLINE_PRESENT = [(re.compile(pattern), past) for pattern, past in (
    (r"\btakes? back\b", "took back"), (r"\btakes? (full |complete |total )?control of\b", r"took \1control of"),
    (r"\bcaptures\b|\bcapture(?= (?:the )?[A-Z])", "captured"), (r"\bseizes?\b", "seized"),
    (r"\bretakes\b", "retook"), (r"\brecaptures\b", "recaptured"), (r"\bliberates?\b", "liberated"),
    (r"\bfrees\b", "freed"), (r"\bousts?\b", "ousted"), (r"\bexpels?\b", "expelled"), (r"\bregains?\b", "regained"),
    (r"\bwins? back\b", "won back"), (r"\bdrives?\b", "drove"), (r"\bpush(?:es)?\b(?= [^.]{1,40} out\b)", "pushed"),
    (r"\bdeclares? victory\b", "declared victory"))]
# Words that make a capture a loss only when ISIS is named as the one losing.
NEEDS_ISIS_LOSER = re.compile(r"^(?:captur|seized|overran|overt|stormed|cleared|"
                              r"(?:took|(?:(?:had|has|have) )?taken|declared|announced) "
                              r"(?:full |complete |total )?control|fall of|"
                              r"fell to|freed|won back|winning back|restor)", re.I)
ISIS_LOSER = re.compile(
    r"\b(?:from|held by|controlled by|of) (?:the )?(?:ISIS|ISIL|IS|Daesh|Islamic State|militants|jihadists|insurgents|"
    r"(?:militant|extremist|terror|jihadist) group)\b|"
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State)[- ](?:held|controlled|occupied)\b|"
    # "Hajin, one of the last towns under the militants' control"
    r"\bunder (?:the )?(?:ISIS|ISIL|IS|Daesh|Islamic State|militants|jihadists)(?:['’]s?)? control\b|"
    # "the last ISIS enclave", "the group's de facto capital", "after a four-month battle with ISIS"
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State|the group|the militants|the jihadists)(?:['’]s?)? (?:[\w-]+ ){0,2}?"
    r"(?:enclave|stronghold|bastion|redoubt|capital)\b|"
    r"\b(?:battle|fight|fighting|clashes|war) (?:with|against) (?:the )?(?:ISIS|ISIL|IS|Daesh|Islamic State)\b|"
    # "took full control of the city after driving the last Daesh fighters out of its neighbourhoods"
    r"\b(?:driv|push|expel|oust|flush|kick|forc)\w*\s+(?:the\s+)?(?:last\s+|remaining\s+)?"
    r"(?:ISIS|ISIL|IS|Daesh|Islamic State)(?:\s+(?:group|fighters|militants))?\s+(?:out|from|away)\b",
    re.I,
)
# The Islamic State as the one who captures: a gain, not a loss.
ISIS_GAIN = re.compile(   # not "the Syrian army and its allies seized": that "its" is the army's
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State|(?<!\band )its|the group|jihadists|militants)(?:['’]s?)? (?:\w+ ){0,2}?"
    r"(?:captur\w*|seiz\w*|overr[au]n|took|takeover|conquest|stormed)\b|\bfell to (?:the )?(?:ISIS|ISIL|IS|"
    r"Daesh|Islamic State|militants|jihadists)\b",
    re.I,
)
# A loss still to come: "the eventual retaking of", "vital for liberating", "preparations for the fall of".
LOSS_PROSPECT_BEFORE = re.compile(
    r"\b(?:for|toward|towards|key to|prelude to|aimed at|aim of|goal of|push(?:ing)? on|eventual|upcoming|"
    r"coming|impending|planned|future|next|imminent|expected|anticipated|vital|crucial|essential|ahead of|"
    r"before|until|prepar\w+|hopes? of|ready|readying|sets? the stage|work(?:ing)?(?: with [\w ]{1,30})? on|"
    r"focus(?:ed|es|ing)? on|committed to|capable of|chance of|task of|job of|way of|means of)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
LOSS_FUTURE_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:later this year|later this month|next (?:year|month|week|spring|summer)|in the coming|"
    r"by the end of the year|soon)\b", re.I)
# Someone other than the Islamic State lost the place: rebels, or civilians forced out of it.
OTHER_LOSER = re.compile(
    r"\b(?:rebels?|rebel-held|opposition-held|opposition|insurgent-held|families|residents|civilians|people|"
    r"villagers|refugees|Yazidis)\b", re.I)
PASSIVE_LOST = re.compile(r"\b(?:was|were|been|be|is|are|being|get|got)\s+(?:\w+\s+)?$", re.I)
ONGOING = re.compile(r"\b(?:is|are|was|were|be|been|being) (?:\w+ ){0,2}?(?:losing|being)\s*$", re.I)

# Ground named by a noun before a region or a country: "recaptured two towns in northern Iraq", "the last area
# held by the militants in eastern Syria": the loss is placed in that country, town unnamed.
# "territory in Iraq and Syria" is the war's balance, not a loss: a count or "the last" names ground that was taken.
GROUND_IN_COUNTRY = re.compile(
    r"\s*(?:the\s+(?:last|remaining|final)\s+|(?:a|an|one|two|three|four|five|several|\d+)\s+)(?:[\w-]+\s+){0,2}?"
    r"(?:towns?|villages?|areas?|pockets?|enclaves?|strongholds?|districts?)\b"
    r"[^,;.]{0,50}?\bin\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern|east|west)?\s+)?$", re.I)

# Who was driven out, when a loss verb names it: the Islamic State or its fighters, not a country or civilians.
ISIS_OBJECT = re.compile(
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State|militants?|jihadis\w*|fighters|extremists|insurgents|terrorists|"
    r"the group|them|it|the enemy|the caliphate)\b", re.I)

# --- who ----------------------------------------------------------------------------------------------
# Word lists that are data, kept in seeds/ as CSV (name, pattern, ignore_case), most specific first.

def _named_patterns(seed: str) -> list[tuple[re.Pattern, str]]:
    """(pattern, normalised name) rows of a seed CSV (name, pattern, ignore_case), most specific first."""
    with open(SEEDS_DIR / seed, newline="", encoding="utf-8") as rows:
        return [(re.compile(row["pattern"], re.I if row["ignore_case"] == "yes" else 0), row["name"])
                for row in csv.DictReader(rows)]


# Captors of a place, most specific first: (pattern, normalised name)
CAPTORS: list[tuple[re.Pattern, str]] = _named_patterns("captors.csv")

# Other perpetrators, named so an attack is not given to ISIS by default.
OTHER_PERPETRATORS: list[tuple[re.Pattern, str]] = _named_patterns("perpetrators.csv")

# A group named as a yardstick or a date, not as the doer: "the worst attack since 9/11", "deadlier than al-Qaeda's".
# "since 9/11", "our memories of 9/11": an event named as a yardstick, not its group as a doer
# ... unless "after" opens a clause of the group's own: "after Taliban gunmen stormed a school in Peshawar"
_GROUP_ACTS_AFTER = re.compile(r"(?:\s+(?:gunmen|militants|fighters|insurgents|bombers|attackers|members))?\s+"
                               r"(?:stormed|attacked|struck|killed|bombed|opened fire|shot|seized|ambushed|raided|"
                               r"set off|detonated|massacred|kidnapped|abducted)\b")
_YARDSTICK_BEFORE = re.compile(r"\b(?:since|than|like|as|before|after|post|memor(?:y|ies) of|anniversary of)\s+"
                               r"(?:the\s+)?$", re.I)


# All of them in one pattern: most sentences name none, and one search tells (each keeps its own case rule).
_ANY_OTHER_GROUP = re.compile("|".join(f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})"
                                       for p, _ in OTHER_PERPETRATORS))


def other_group(s: str) -> str | None:
    """The first group other than ISIS that the sentence names as a possible doer."""
    if not _ANY_OTHER_GROUP.search(s):
        return None
    for pattern, name in OTHER_PERPETRATORS:
        for m in pattern.finditer(s):
            yardstick = _YARDSTICK_BEFORE.search(s, max(0, m.start() - 16), m.start())
            if not yardstick or yardstick.group(0)[0] in "aA" and _GROUP_ACTS_AFTER.match(s, m.end()):
                return name
    return None


# How strongly a sentence ties an attack to ISIS.
CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)? (?:of )?responsibility\b|\bclaim(?:ed)? (?:by|to)\b|"
                     # the group's claim, not "Trump's claim that Obama founded ISIS" (an assertion)
                     r"\b(?:ISIS|ISIL|IS|Daesh|group|State|militants|jihadists|organi[sz]ation|Amaq|agency)"
                     r"['’]s claim\b|"
                     # not "isn't known to have claimed credit"
                     r"(?<!to have )(?<!not )(?<!n['’]t )(?<!never )(?<!rarely )"
                     r"\b(?:claim(?:ed|s|ing)?|took|taken|take) credit\b|"
                     # "ISIS said in a statement that one of its fighters carried out the attack"
                     r"\b(?:said|says|saying)(?: (?:in|on) (?:a |an |its )?(?:[\w-]+ ){0,3}?(?:statement|video|message|"
                     r"post|channel))?,? (?:that )?(?:it|(?:one|two|three|some) of its (?:fighters|militants|soldiers|"
                     r"members|men)|its (?:fighters|militants|soldiers?|members)) (?:had )?"
                     r"(?:carried out|was behind|were behind|conducted|executed)\b|"
                     r"\bclaimed (?:the|that|both|these) (?:[\w'’-]+ ){0,2}?(?:attacks?|bombings?|atrocit(?:y|ies)|"
                     r"massacre|shootings?|blasts?|explosions?)|"
                     # "in an attack the group claimed", "which the Islamic State later claimed": the clause's end
                     r"\b(?:ISIS|ISIL|IS|Daesh|State|group)\s+(?:later\s+|quickly\s+|swiftly\s+|also\s+)?claimed"
                     r"(?=\s*(?:[.,;)]|$|\s+(?:on|within|hours|days|the next|later)\b))|"
                     # the group's news agency speaking of an attack is its claim
                     r"\bA{1,2}maq\b[^.;]{0,60}?\b(?:said|says|reported|statement|claimed)\b|"
                     # the killers' own video of a killing: "the video, originally posted by ISIS to YouTube"
                     r"\b(?:video|footage)\b[^.;]{0,40}?\b(?:released|posted|published|distributed|issued|"
                     r"put out)\s+(?:online\s+)?by\b", re.I)
_CLAIMED_LC = for_lower(CLAIMED)
# A claim denied or not yet made: "there was no immediate claim of responsibility", "no group has claimed it".
NO_CLAIM = re.compile(r"\bno (?:\w+ ){0,2}?(?:claims?|group|one) (?:\w+ ){0,3}?(?:responsibility|credit|claimed)\b|"
                      r"\b(?:has|have|had|did|does|do)(?:n['’]t| not) (?:yet |immediately |publicly |officially )?"
                      r"(?:claimed|claim)\b|\bnobody (?:has )?claimed\b|\bunclaimed\b", re.I)


def claims(s: str) -> bool:
    """The sentence says somebody claimed the attack, and does not say nobody did."""
    low = lower(s)   # asked of every sentence of an article with an attack: the fast form where it can
    return bool(CLAIMED.search(s) if low is None else _CLAIMED_LC.search(low)) and not NO_CLAIM.search(s)


# The link is denied or in doubt: "found no evidence of ties to ISIS", "was not inspired by".
DENIED = re.compile(
    r"\bno (?:\w+ )?(?:evidence|sign|signs|indication|link|links|ties|connection|known connection)\b|"
    r"\b(?:not|never|wasn['’]t|isn['’]t) (?:\w+ )?(?:directed|inspired|linked|connected|tied|affiliated|behind|"
    r"responsible)\b|\b(?:ruled out|denied|dismissed|unfounded|false claim)\b|"
    # "intelligence never found a credible connection", "has not established any link"
    r"\b(?:never|not|n['’]t)\s+(?:\w+\s+)?(?:found|established|uncovered|identified|shown)\s+(?:an?y?\s+)?(?:\w+\s+)?"
    r"(?:evidence|link|links|ties|connection|connections)\b",
    re.I,
)
_INDIRECT = re.compile(r"\binspir\w*|\bsympathi[sz]ers?\b|\ballegiance\b|\bpledged\b", re.I)


def denies(s: str) -> bool:
    """ISIS named and its part denied, not merely indirect ("works to inspire attacks by sympathizers who have no
    direct links to the group" still says it inspired them). An attack's own sentence that denies it ("seemed taken
    out of the Islamic State playbook, but Canadian intelligence never found a credible connection") takes no claim
    read elsewhere, nor the list's author."""
    return mentions_isis(s) and bool(DENIED.search(s)) and not _INDIRECT.search(s)


INSPIRED = re.compile(r"\binspir(?:ed|ation)\b|\ballegiance\b|\bpledged\b|\bsympathi[sz]er\b|"
                      r"\bsoldiers? of the (?:Islamic State|caliphate)\b", re.I)
SUSPECTED = re.compile(r"\b(?:suspected|apparently|likely|believed|hallmarks?|possibly|may have|signature|"
                       r"aligned with|linked to|blamed)\b", re.I)

# A definite noun phrase ending at the trigger: "the Benghazi attack", "last year's deadly shooting in".
BACK_REFERENCE = re.compile(
    r"\b(?:the|that|this|these|those|such|[A-Z][\w-]*['’]s|\w+['’]s)\s+(?:[\w/,'’-]+\s+){0,3}$", re.I)

# A year inside the noun phrase of the trigger: "the 2015 Paris attacks", "the deadly 1996 Khobar Towers bombing".
YEAR_OF_EVENT = re.compile(
    r"\b(?:[Tt]he|an?|its|his|her|their|this|that|[\w-]+['’]s)\s+(?:[a-z-]+\s+){0,2}?((?:19|20)\d\d)(?:['’]s)?\s+"
    r"(?:[\w.'’-]+\s+){0,4}$")
# Between a date and the attack word after it, words that put them in different phrases: "a month after the
# shooting", "two weeks ago and is using the London attacks", "testified Wednesday, recalling the attack".
OWN_DATE_GAP_BEFORE = re.compile(
    r"\b(?:and|but|or|after|since|following|before|ago|amid|during|until|weeks?|months?|days?|years?|decades?|"
    r"is|are|was|were|has|have|had|been|said|says|told|than|about|over|regarding|concerning|into|on)\b|['’](?!s\b)",
    re.I)
# Between the attack word and a date after it: a verb makes the date the day of something else.
OWN_DATE_GAP_AFTER = re.compile(
    r"\b(?:is|are|was|were|has|have|had|been|be|said|says|told|discussed|debated|testified|investigat\w+|but|"
    r"when|after|before|since|until|then|again|came to an end|"
    # what befell the attackers afterwards: "the attacks in Paris died a day ago in a police raid"
    r"died|arrested|detained|charged|sentenced|convicted|extradited|pleaded)\b", re.I)
# An event named as the background of the sentence, not reported by it: "since the Paris attacks",
# "after the Orlando nightclub shooting", "the anniversary of the Sandy Hook shooting".
BACKGROUND_BEFORE = re.compile(
    r"\b(?:after|since|before|following|like|including|such as|wake of|aftermath of|anniversary of|memory of|"
    r"memorial (?:to|for)|victims of|survivors? of|families of|response to|recall(?:s|ing|ed)?|remember(?:s|ing|ed)?|"
    r"compared (?:to|with)|than|similar to|reminiscent of|lessons? of|echo(?:es|ing|ed)? of|invok(?:e|es|ed|ing)|"
    r"cit(?:e|es|ed|ing)|referr?(?:ing|ed)? to|mention(?:s|ed|ing)?(?: of)?|"
    # the attack someone planned, not the act of the sentence: "suspected of masterminding the attacks in Paris"
    r"mastermind(?:ed|ing|s)?(?: of| behind)?|ringleaders? (?:of|behind)|organi[sz]ers? of|plotters? (?:of|behind)|"
    r"architects? of)\s+"
    r"(?:the|that|this|last \w+['’]s|[\w-]+['’]s)\s+(?:[\w/'’.-]+\s+){0,4}$", re.I)
# A named event: the trigger right after a proper name ("the Paris attacks", "the Boston Marathon bombing").
NAMED_EVENT_BEFORE = re.compile(r"\bthe\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:[a-z-]+\s+)?$")
# A country is the place of an attack only where the text locates it there ("a bombing in Afghanistan", "a Syrian
# town"), not as a nationality, a subject or an object ("killed two Americans", "an attack on Iran").
COUNTRY_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|inside|across|throughout|through|within|into|over|near|outside|coast of|nation of|country of|"
    r"kingdom of|republic of)\s+(?:the\s+)?(?:(?:north|south|east|west|"
    r"central|northern|southern|eastern|western|north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|"
    r"south-?west(?:ern)?|"
    r"rural|mainland)\s+)?$", re.I)
DEMONYM_PLACE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[a-z-]+\s+)?(?:towns?|city|cities|villages?|provinces?|regions?|capital|border|territory|soil|"
    r"countryside|mosques?|church(?:es)?|markets?|hospitals?|checkpoints?|military bases?|army bases?|"
    r"branch|affiliate|wilayat)\b")   # "ISIS's Algerian branch beheaded him": the branch acts in its country
# Only a device explodes: "a car bomb exploded", "the vest exploded", not "commentators exploded".
EXPLODED_SUBJECT = re.compile(
    r"\b(?:bombs?|devices?|explosives?|vests?|belts?|cars?|vehicles?|trucks?|vans?|grenades?|shells?|mines?|rockets?|"
    r"missiles?|mortars?|packages?|parcels?|suitcases?|bags?|backpacks?|charges?|IEDs?|it|which|that|one|another|"
    r"second|first|third|munitions?)\b(?:\s+[\w-]+){0,4}?\s+(?:\w+\s+)?$", re.I)
# A place where someone spoke or visited, not where the attack was: "speaking in Estonia", "told reporters in Brussels".
SPEAKER_PLACE_BEFORE = re.compile(
    r"\b(?:speaking|spoke|speech|remarks|said|says|told (?:[\w-]+\s+){0,3}?|testif\w+|interview|(?:press|news) "
    r"conference|visit\w*|trip|travel\w*|arriv\w+|meeting|summit|rally|hearing|tweeted|announced|addressing|"
    r"address|(?:field|FBI|bureau|press|regional|local|district|branch) office|bureau|based)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:in|at|to|from)\s+"
    r"(?:the\s+)?$", re.I)   # "the FBI office in Los Angeles": where a speaker sits, not where it happened
# "New York (CNN Business)", "TRENTON, N.J. (AP) —": where the report was filed
_DATELINE_AFTER = re.compile(r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s+\((?:[A-Z][\w.]*)(?:\s+[A-Z][\w.]*)?\)")


def dateline(s: str, place) -> bool:
    """The place opens the sentence as the report's dateline."""
    return place.start <= 1 and bool(_DATELINE_AFTER.match(s, place.end))


# A country or nationality used as the adjective of a person or a building: the victims' or the owner's
# nationality, not the place ("the U.S. consulate in Benghazi", "killed 19 U.S. airmen").
NATIONALITY_MODIFIER = re.compile(
    r"^(?:-\w+)?\s+(?:[a-z-]+\s+)?(?:consulates?|embassy|embassies|missions?|compounds?|bases?|outposts?|"
    r"soldiers?|troops|servicem[ae]n|service members|airmen|sailors|marines|personnel|forces|citizens?|nationals?|"
    r"(?:[Pp]rime )?[Mm]inisters?|[Pp]residents?|[Ll]eaders?|man|woman|men|women|boy|girl|cartoonists?|artists?|"
    r"writers?|authors?|"
    r"tourists?|diplomats?|ambassadors?|envoys?|officials?|journalists?|reporters?|aid workers?|contractors?|"
    r"hostages?|students?|visitors?|workers?|victims?|passengers|jets?|warplanes?|drones?|ships?|vessels?)\b")
# "a town south of Baghdad", "villages near Mosul", "20 km north of Kirkuk": somewhere around the named place (not "the
# nearby village of Baqofa", "in nearby Qayyarah": the place itself).
AROUND_PLACE_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)(?:ern)? of|\b(?:near|outside(?: of)?|around|close to|outskirts of|away from|"
    r"on the (?:\w+ )?(?:edge|outskirts) of))\s+(?:the\s+)?(?:(?:city|town|village|province|region) of\s+)?$", re.I)
AROUND_SETTLEMENT = re.compile(
    r"\b(?:towns?|villages?|areas?|districts?|neighbou?rhoods?|suburbs?|settlements?|hamlets?|camps?)\b", re.I)
# Ground that is not the named place itself, for losses: "positions near Mosul", "an air base outside Raqqa".
AROUND_GROUND = re.compile(
    r"\b(?:towns?|villages?|areas?|districts?|neighbou?rhoods?|suburbs?|settlements?|hamlets?|camps?|positions?|"
    r"territory|bases?|outposts?|checkpoints?|oil ?fields?|dams?|airports?|air ?bases?|hills?|roads?|highways?|"
    r"bridges?|farms?)\b", re.I)

# "in both places", "both attacks": a statement about the last two events.
BOTH = re.compile(r"\b(?:in both|both (?:places|attacks|cities|incidents))\b", re.I)
# The rest of a town, which completes its loss: "from the last corners of Raqqa", "the remaining districts of"
LAST_PART_OF = (r"(?:last|remaining|final)\s+(?:[\w-]+\s+)?(?:corners?|districts?|neighbou?rhoods?|parts?|pockets?|"
                r"quarters?|positions?|areas?|streets?)\s+of\s+")
# What may stand between "driven from" and the town: "the city of", "the northeastern Syrian city of", "Syria's"
_TOWN_NAMED_BY = (r"(?:the\s+)?(?:(?:[\w-]+\s+){0,3}?(?:city|town|village|district) of\s+|"
                  r"(?:Iraq|Syria|Libya)['’]s\s+|" + LAST_PART_OF + ")?")
# A town named as a bearing, not as the place: "150 km west of Baghdad", "north of Mosul"
BEARING_BEFORE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+$", re.I)
# Places introduced as where someone comes from, not where the event happened.
ORIGIN_BEFORE = re.compile(r"\b(?:from|native of|born in|hailing from|citizen of|nationals? of)\b[^,;.]{0,45}$",
                           re.I)
# "the toll from Tuesday's bombing in Brussels", "driven from Ramadi": "from" an event or a lost place, not
# from a home town.
FROM_EVENT_BEFORE = re.compile(
    r"\bfrom\s+(?:the\s+|an?\s+|(?:[\w-]+\s+)?[\w-]+['’]s\s+)(?:[\w-]+\s+){0,3}?(?:attacks?|bombings?|blasts?|explosions?|"
    r"shootings?|massacre|siege|violence|assault|stabbings?)\s+(?:in|at|on|near)\s+(?:the\s+)?$|"
    r"\b(?:driven|pushed|routed|expelled|ousted|ejected|evicted|chased|flushed|dislodged|purged|withdr[ea]wn?|"
    r"ousting|expelling|evicting|"
    # "routed ISIS from Palmyra", "expelled the militants from": the object may come between
    r"retreated|ouster|expulsion|eviction)\s+(?:(?!from\b)[\w-]+\s+){0,3}?(?:back\s+)?"
    rf"from\s+{_TOWN_NAMED_BY}$|"
    # "drove ISIS from Hawija", not "drove his family from Mosul"
    r"\bdrove\s+(?:the\s+)?(?:ISIS|ISIL|IS|Daesh|Islamic State|militants|jihadists|extremists|insurgents|group|them)"
    rf"(?:\s+[\w-]+){{0,2}}?\s+from\s+{_TOWN_NAMED_BY}$|"
    # "driving ISIS away from the Mosul Dam": the place a loser was driven from
    r"\b(?:driv(?:e|es|ing|en)|drove|push(?:ed|ing)?|chas(?:ed|ing))\s+(?:\w+\s+){0,3}?(?:away|back)\s+from\s+"
    r"(?:the\s+)?(?:(?:city|town|village|district) of\s+)?$", re.I)
# A victim's or an attacker's home, not where the event was: "Peter Kassig, of Indianapolis,", "the hometown of
# the victim, Fort Wayne", "grew up in Ohio", "was buried in Fort Wayne".
HOME_TOWN_BEFORE = re.compile(
    r"(?:\b[A-Z][a-z]+|\byear-old|\b\d+),\s+of\s+$|"
    r"\b(?:home ?towns?|home states?|birthplace|native (?:town|city|village))\b"
    r"(?:\s+of\s+[^,;.]{1,40})?,?\s+(?:of\s+)?$|"
    r"\b(?:grew up|raised|lived|lives|living|buried|laid to rest|mourned)\s+(?:\w+\s+)?in\s+(?:nearby\s+)?$",
    re.I)
HOME_TOWN_AFTER = re.compile(r"^(?:\s+natives?\b|[-–]born\b|,\s+(?:his|her|their) home ?town\b)")
# A habit or a record, not one attack: "militants routinely execute prisoners", "ISIS has beheaded Americans",
# "jihadists are beheading people". The verb is habitual, present, perfect or progressive ...
HABITUAL_ADVERB = re.compile(
    r"\b(?:routinely|regularly|often|frequently|repeatedly|habitually|typically|usually|systematically|commonly|"
    r"sometimes|continually|constantly|continues? to|keeps?)\s+(?:\w+\s+)?$", re.I)
# "has shot Yazidis and beheaded": a verb coordinated with a perfect one is perfect too
PERFECT_BEFORE = re.compile(r"\b(?:has|have|['’]ve|is|are|has been|have been)\s+(?:\w+ly\s+|also\s+|even\s+)?$|"
                            r"\b(?:has|have)\s+\w+(?:ed|en|ot|ew|ook)\b[^.;:]{0,50}\band\s+$",
                            re.I)
# ... and its object a kind of people, not a person or a counted group: "its captives", "aid workers", "Americans".
GENERIC_OBJECT_AFTER = re.compile(
    r"^\s+(?!(?:a|an|the|one|this|that)\s)(?:(?:its|their|his|her|innocent|western|foreign|fellow|local|captured|kidnapped)\s+)?(?:[a-z-]+\s+)?"
    r"(?:[a-z]+[^s\W]s|[A-Z][a-z]+(?:ans|ers|ists|ites|ims|is|ese|ians)|Jews|Kurds|Arabs|Turks|Copts|Shias|people|men|women|children)\b")
# A kind of people as the victims of beheadings, in any tense: "beheading American hostages", "beheaded Americans"
# (not "beheaded Americans James Foley and Steven Sotloff", not a counted group).
GENERIC_VICTIMS_AFTER = re.compile(
    r"^\s+(?:(?:its|their|innocent|western|Western|foreign|fellow|captured|kidnapped)\s+)?(?:[A-Z][a-z]+(?:an|ish|ese)\s+)?"
    r"(?:hostages|captives|prisoners|journalists|aid workers|Christians|Americans|Westerners|Yazidis|civilians|"
    r"people|men|women|children|soldiers|Shias|Copts|Kurds|Jews|infidels|apostates)\b(?!,?\s+(?:named|called|"
    r"including|such as|[A-Z]))")
# A captive put to death by militants, not by a state: "ISIS executed", "the execution of 21 Christians by masked
# militants".
MILITANT_CONTEXT = re.compile(
    r"\bIS\b|(?i:\b(?:ISIS|ISIL|Daesh|Islamic State|militants?|jihadis\w*|extremists?|terrorists?|insurgents?|"
    r"captors?|masked|hostages?|captives?|Boko Haram|al[- ]Shabaa?b|Taliban|al[- ]Qaeda)\b)")

# A single-word "town" that is a person: "Murphy said", "Sen. Moore", "Mandela, who".
PERSON_AFTER = re.compile(
    r"^(?:,\s+who\b|\s+(?:said|says|told|added|wrote|tweeted|argued|asked|noted|explained|insisted|replied|"
    r"responded|testified|announced|claimed|believes|thinks)\b|['’]s (?:campaign|administration|wife|husband|"
    r"spokes\w+|office|remarks?|comments?|lawyers?|attorneys?))")
PERSON_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|President|Senator|Governor|Judge|Justice|Secretary|Chief|"
    r"Officer|Mayor|Rev|Pastor|Prof)\.?\s+(?:[A-Z][\w.]*\s+)?$")
# A capitalised word (not opening the sentence) before a one-word town: a person's name ("journalist James Foley",
# "Abu Barra").
GIVEN_NAME_BEFORE = re.compile(r"\b(?:Abu|Umm|Ibn|Bin)\s+$|"
                               r"(?<![.!?]\s)(?<!^)\b(?!(?:The|A|An|In|On|At|By|For|Of|As|And|But|To|From|Into|Near|"
                               r"North|South|East|West|Northern|Southern|Eastern|Western|Central|Greater|Old|New|Upper|"
                               r"Lower|Downtown|Outside|Inside|Across|Sunni|Shiite|Shia|Kurdish|Christian|Muslim|Jewish|"
                               r"Iraqi|Syrian|Libyan|Afghan|Yemeni|Egyptian|Turkish|Nigerian|Somali|Islamic|ISIS|ISIL|"
                               r"Fort|Port|Saint|St|San|Santa|Los|Las|El|Al|Mount|Lake|Camp|Cape)\b)[A-Z][a-z]+\s+$")
# A demonym that is a person's surname: "Najib Danish, interior ministry spokesperson, said".
SURNAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?!(?:The|A|An|In|On|At|By|For|Of|As|And|But|Two|Three|Many|Some|"
                            r"Several|Most|Young|Former|Both|Other|All|With|From|Among|Pro|Anti)\b)[A-Z][a-z]+\s+$")
SURNAME_AFTER = re.compile(r"^(?:,\s+(?:\d+|an?|the|who)\b|['’]s\b|\s+(?:said|says|told|added|wrote|was|is|had))")
# A speech verb right beside a date: the day something was said, not the day it happened.
SPEECH_BEFORE_DATE = re.compile(r"\b(?:said|says|told (?:\w+ ){0,2}?|announced|reported|confirmed|stated|added|"
                                r"wrote|tweeted|noted|explained|disclosed|revealed)\s+(?:on\s+|late\s+|early\s+)?$")
# "Obama on Monday warned", "prosecutors Friday said": the date between a speaker and the verb dates the speech, and
# "the group on Thursday claimed responsibility" the claim (not "a bombing on Monday claimed 12 lives").
SPEECH_RIGHT_AFTER_DATE = re.compile(
    r"\s+(?:\w+ly\s+|also\s+)?(?:said|says|told|announced|reported|confirmed|stated|added|wrote|tweeted|warned|"
    r"claimed\s+(?:responsibility|credit)|"
    r"called|vowed|urged|insisted|declared|condemned|denounced|described|praised|promised|pledged|acknowledged|"
    r"defended|blamed|identified|charged|named|released|published|posted|testified|briefed|addressed|spoke)\b")
SPEECH_AFTER_DATE = re.compile(r"^(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:[\w.'’-]+\s+){0,5}?(?:said|says|"
                               r"told|announced|reported|confirmed|stated|added|wrote|tweeted)\b")

# A place as the owner of a person or a body, not where the event was: "identified by Chechnya's leader".
OWNER_AFTER = re.compile(
    r"^['’]s\s+(?:[a-z-]+\s+)?(?:leaders?|president|government|prime minister|premier|ministry|ministers?|"
    r"forces|army|military|embassy|ambassador|envoy|intelligence|parliament|king|emir|foreign|interior|"
    r"defen[cs]e)\b")
# A capital as its government, the subject of what a government does: "Moscow later concluded", "Ankara has denied"
GOVERNMENT_ACTS_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|also|later|then|quickly|swiftly|long|since|previously|repeatedly|officially|"
    r"publicly)\s+){0,2}(?:said|says|concluded|announced|accused|blamed|denied|denies|insisted|insists|warned|"
    r"responded|retaliated|vowed|demanded|rejected|condemned|confirmed|believes|believed|maintains|maintained|"
    r"argued|argues|recalled|expelled|ordered|summoned|protested|threatened|promised|pledged)\b")
# Photo captions and gallery credits: a picture's description, not a report ("(Photo: ...)", "AP Photo/...").
CAPTION = re.compile(
    r"\(Photos?:|\bAP Photo\b|\bGetty Images\b|\bREUTERS/|\bReuters/|\bHide Caption\b|^Photos?:|"
    r"\bPhoto (?:credit|by)\b|\bPhotograph:|\bAFP/|/AFP\b|\bEPA/|\bAFP via Getty\b|\bPool Photo\b")
CAPTION_AFTER = re.compile(r"^\s*(?:\(?(?:Photos?|Image|Credit):|\(?AP Photo\b|\(?Getty Images\b|\(?REUTERS/|"
                           r"\(?AFP/|\(?EPA/)")

# "between Baghdad and Basra": a route's ends, not the place of the event.
ROUTE_BEFORE = re.compile(r"\bbetween\s+$|\bbetween \S+(?: \S+)? and\s+$|\broad (?:from|to)\s+$", re.I)
SETTLEMENT_BEFORE = re.compile(
    r"\b(?:city|town|village|district|region|border-town|province) of\s+$|\bnear\s+(?:the )?$", re.I)
CLAUSE_BREAK = re.compile(r"[;:—–]|,\s+(?:when|while|as|but|after|before|although|whereas|where|which|who|given)\b|"
                          r"\s+-\s+")


# "shot and killed himself", "blew himself up" is the bomber's act, kept: a suicide by gun is no attack.
SELF_INFLICTED_AFTER = re.compile(r"^(?:\s+(?:and|or)\s+(?:killed|shot))?\s+(?:himself|herself|themselves)\b(?!\s+up)")

# A publication attacked at its offices: not a place where it publishes ("Charlie Hebdo said", a NOT_PLACES
# name in the gazetteer), but the place of an attack on it ("the Charlie Hebdo attack"). Other famous targets
# (the Bataclan, Pulse nightclub) are landmarks in seeds/places.csv.
LANDMARK_TOWNS = {"charlie hebdo": "Paris"}
LANDMARK_TARGET = re.compile(r"\bCharlie Hebdo\b", re.I)


def name_key_of(surface: str) -> str:
    return " ".join(surface.lower().split())


# Every rule pattern above runs only where one of its necessary literals is (see prefilter.py): the same
# matches, for a substring test where the words are absent, which they are from most sentences.
# The triggers' literals, in their order, for the loop over them in events.py (the tests are inlined there).
ATTACK_TRIGGER_LITERALS = [necessary_literals(p) for p, _, _ in ATTACK_TRIGGERS_LC]
gate_patterns(globals())

# Where a captive was held: "kidnapped in Syria in 2012", "abducted near Aleppo" (the place is looked up).
HELD_IN = re.compile(r"\b(?:held|kept|kidnapped|abducted|captured|taken (?:hostage|captive)|disappeared|vanished|"
                     r"went missing)\b"
                     # "abducted after entering Syria", "was always kept in Syria"
                     r"(?:[^.;]|\.(?!\s+[A-Z])){0,60}?\b(?:in|near|outside|inside|into|entering)\s+(?:the\s+)?"
                     r"([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)")
CAPTIVE = re.compile(r"\b(?:hostages?|captives?|prisoners?|captured|kidnapped|abducted|aid worker|journalist|"
                     r"photojournalist)\b", re.I)
EARLIER_CAPTIVITY = re.compile(r"\b(?:previously|earlier|once|before|formerly|by the government)\b", re.I)
# The group the article is about, named again without its name: "the group claimed", "fighters under the group's
# banner", "its militants".
GROUP_ANAPHOR = re.compile(r"\b(?:the|this)\s+(?:\w+\s+)?group\b|\bits\s+(?:fighters|militants|followers|members|"
                           r"supporters|affiliates?|branch)\b|\bthe\s+(?:jihadists|militants|extremists)\b", re.I)
# A captive the sentence singles out: "a French tourist", "another American journalist", "a dozen Syrian
# soldiers", "44-year-old David Haines" (names are the article's people, matched apart).
SINGLED_OUT_VICTIM = re.compile(
    r"\b(?:an?|another|the|one|two|three|four|\w+-year-old|a dozen|dozens of|\d+)\s+(?:\w+\s+){0,2}?"
    r"(?:journalists?|photojournalists?|reporters?|aid workers?|hostages?|captives?|prisoners?|pilots?|tourists?|"
    r"soldiers?|policem[ae]n|Christians|Copts|Peshmerga|fighters|men|nationals?|citizens?)\b")
# A practice, not one killing: "beheading videos", "the punishment is beheading", "while beheading an apostate".
PRACTICE_AFTER = re.compile(r"\s+(?:videos|campaigns?|threats?)\b", re.I)
PRACTICE_BEFORE = re.compile(r"\b(?:is|are|be|while|when)\s+(?:\w+\s+)?$", re.I)
# One victim of a beheading: a person named after the verb ("beheading of American journalist James Foley"), or a
# singular subject before it ("Foley was beheaded", "one of the two captives had been beheaded").
ONE_NAMED_VICTIM_AFTER = re.compile(
    r"\s+(?:of\s+)?(?:(?:an?|another|the)\s+)?(?:[\w-]+\s+){0,3}?(?:[A-Z][a-z]+\s+)+"
    r"(?![A-Z][a-z]+(?:ians|ans|ese|ists|ites|ts|ms|is|ds)\b)[A-Z][a-z]+\b(?!,?\s+and\b)")   # not "Coptic Christians"
# One victim the sentence describes without a name: "the beheading of another American journalist", "beheading a
# French tourist" (a singular noun: "a group of aid workers" is not one).
ONE_UNNAMED_VICTIM_AFTER = re.compile(
    r"\s+(?:of\s+)?(?:an?|another)\s+(?:[\w-]+\s+){0,2}?(?:journalist|photojournalist|reporter|aid worker|hostage|"
    r"captive|prisoner|pilot|tourist|soldier|policeman|police officer|priest|contractor|teacher|engineer|"
    r"Frenchman|Briton|man|woman|boy|girl)\b(?![-\w])(?!\s+(?:and|or)\b)")
ONE_VICTIM_BEFORE = re.compile(r"(?:\b[A-Z][a-z]+,?\s+(?:[\w-]+\s+){0,6}?|\bone of [^.]{0,40}?|\b(?:he|she)\s+)"
                               r"\b(?:was|is|had been|has been)\s+(?:\w+ly\s+)?$|"
                               r"\b(?:his|her)\s+(?:\w+ly\s+)?$")   # "a video of his beheading"
# ISIS as the agent of a passive loss verb: someone else was driven out, by the group.
ISIS_AGENT_AFTER = re.compile(r"\s+by\s+(?:the\s+)?(?:so-called\s+)?(?:ISIS|ISIL|IS|Daesh|Islamic State|jihadists|"
                              r"(?:Islamist\s+)?militants|extremists)\b")
# Military sites outside their towns, named as sites: "Camp Speicher", "Tabqa air base".
MILITARY_SITE = re.compile(r"\b(?:air ?base|airfield|military base|base|camp|barracks|prison)\b", re.I)
# What a plot consisted of: "the plan involved kidnapping ... and beheading them".
PLAN_CONTENT = re.compile(r"\b(?:plan|plot|scheme|conspiracy)s?\s+(?:\w+\s+)?(?:involved|included|called for|"
                          r"was to|were to|envisaged)\b", re.I)
# Pictures of a kind of act: "scenes of beheading", "images of executions".
DEPICTION_BEFORE = re.compile(r"\b(?:scenes|images|pictures|depictions?|portrayals?|glorification|references)\s+"
                              r"(?:of|to)\s+(?:\w+\s+)?$", re.I)
# A country as the target of a passive attack verb: "France ... was struck again Nov. 13".
STRUCK_AFTER = re.compile(r"\s+(?:[\w,]+\s+){0,10}?(?:was|were|has been|had been|is)\s+(?:\w+\s+)?"
                          r"(?:struck|hit|attacked|rocked|targeted|shaken|bloodied)\b")
# A gerund of driving out that tells a done deed: "succeeded last month in pushing IS out of Raqqa".
LOSS_ACHIEVED_BEFORE = re.compile(r"\b(?:succeeded|success|after|since|credited with|helped|victory|finished|"
                                  r"completed)\b"
                                  r"(?:\s+[\w-]+){0,3}?\s+(?:in|with|by)?\s*$", re.I)
# A condition or a comparison opened before ISIS is named, in the same clause: "if Obama had echoed ISIS after an
# ISIS attack", "than they would have felt after an ISIS attack".
IF_CLAUSE_BEFORE = re.compile(r"\b(?:if|as if|as though|(?:would|could|might) have)\b[^.;,]*$", re.I)
