"""Who did it, read over the whole article.

News rarely names the perpetrator in the sentence that reports the attack: "More than 30 people are dead
after explosions struck Brussels" comes first, "ISIS claimed responsibility" three paragraphs later, and
"the gunman pledged allegiance to the Islamic State" somewhere else. After the sentence-by-sentence pass,
every sentence (and the headline) that ties an attack to a group is read again and given to the attack it
refers to (`frames.referents`):

- the attack at a place the sentence names ("ISIS claimed the Brussels bombings");
- else, when the sentence refers back ("the attack", "the shooting", "the gunman", "it"), the attack the
  narrative is on; a claim or an allegiance also stands for the article's only attack;
- a link that is denied ("no evidence of ties to ISIS", "not directed by") links nothing, and a claim by
  another group ("al-Qaeda in Yemen claimed the attack") gives the attack to that group, so ISIS named
  elsewhere does not take it.

Each link keeps its strength (claimed > attributed > inspired > suspected) and the sentence it came from,
which the mention records in `support` ("perpetrator@12:article.claimed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from attrition.extract import known
from attrition.extract import lexicon as lx
from attrition.extract.frames import (
    EVENT_REFERENCE,
    Reference,
    nearest,
    people_named,
    reference,
    referents,
    stronger,
)
from attrition.extract.places import default_gazetteer

if TYPE_CHECKING:
    from attrition.extract.narrative import Mention, Narrative

# Words that tie doers to the group before its name: "linked to the Islamic State", "loyal to ISIS"
_TIED = r"(?:linked|tied|connected|loyal|affiliated)"
# Strength words beyond lexicon.CLAIMED/INSPIRED: "an Islamic State attack", "carried out by ISIS".
_DOERS_BY = r"\b(?:carried out|committed|perpetrated|conducted|organi[sz]ed|directed|ordered|planned|behind)\s+by\s+"
ATTRIBUTED = re.compile(
    _DOERS_BY + r"(?:the\s+)?(?:so-called\s+)?(?:ISIS|ISIL|IS|Daesh|Islamic State|ISWAP|ISKP|Sinai Province)\b|" +
    # "carried out by Sinai Province, Islamic State's Egyptian affiliate": the doer named as the group's branch
    _DOERS_BY + r"[^.;]{0,40}?\b(?:ISIS|ISIL|IS|Daesh|Islamic State)['’]s?\s+(?:[\w-]+\s+)?(?:affiliate|branch|"
    r"offshoot|franchise|wing|province)\b|"
    # "ISIS militants", "the Islamic State group" name the group; its gunmen, bombers, cells and fanatics name doers
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State)[- ](?:claimed|inspired|linked|directed|affiliated|"
    r"gunm[ae]n|suicide bombers?|bombers?|attackers?|cell|operatives?|shooters?|fanatics?|supporters?|"
    r"followers?|sympathi[sz]ers?|recruits?)\b|"
    rf"\b{_TIED} (?:to|with) (?:the )?(?:ISIS|ISIL|IS|Daesh|Islamic State)\b|"
    r"\b(?:ISIS|ISIL|IS|Daesh|Islamic State)['’]s?\s+(?:\w+\s+)?(?:attacks?|bombings?|massacre)\b",
)


@dataclass(frozen=True)
class Link:
    """One sentence's tie of an attack to a group."""
    perpetrator: str           # "ISIS" or another group's name
    strength: str              # claimed | attributed | inspired | suspected
    where: Reference           # the sentence, the places it names, whether it refers back


# Two claims in one sentence ("while the attack in France was claimed by ISIS, the attack in Mali was claimed by
# al-Qaeda"): each clause is read apart.
_CONTRAST_OPENING = re.compile(r"^(?:But\s+|And\s+)?(?:while|although|though|whereas|unlike)\b[^,]{20,}?,\s", re.I)
_CONTRAST_BREAK = re.compile(r";|,\s+(?=(?:but|while|whereas|although|not)\b)")


def article_links(sentences, title: str, gazetteer, countries: frozenset[str],
                  people: frozenset[str]) -> list[Link]:
    """Every sentence (and the headline) that ties an attack to ISIS or to another named group."""
    texts = ([(-1, title)] if title else []) + [(s.index, s.text) for s in sentences]
    links = []
    for position, (index, s) in enumerate(texts):
        claimed, isis = lx.claims(s), lx.mentions_isis(s)
        if claimed and not isis and lx.GROUP_ANAPHOR.search(s) and lx.other_group(s) is None and \
                _last_group_named(texts[:position]) == "ISIS":
            # "fighters under the group's banner claimed responsibility for an attack on a hotel in Tripoli"
            links.append(Link("ISIS", "claimed", reference(index, s, gazetteer, countries, people)))
        if not (claimed or isis):
            continue
        for clause in _clauses(s):
            link = _link_in(index, clause, gazetteer, countries, people)
            if link is not None:
                links.append(link)
    return links


def _last_group_named(texts: list[tuple[int, str]]) -> str | None:
    """Who "the group" is: the group the article named last before the sentence."""
    for _, s in reversed(texts):
        if lx.mentions_isis(s):
            return "ISIS"
        other = lx.other_group(s) or ("another group" if _GROUP_NAME_HEAD.search(s) else None)
        if other is not None:
            return other
    return None


# the first word of militant groups' names the lists may not know: "Jamaat-ul-Ahrar has been behind some of Pakistan's
# bloodiest attacks" (then "one of its suicide bombers" is that group's)
_GROUP_NAME_HEAD = re.compile(r"\b(?:Jamaat|Jama['’]at|Lashkar|Jaish|Tehrik|Harakat|Ansar|Ansaru|Hizb|Jund|Liwa|"
                              r"Katibat|Ahrar|Jabhat|Hayat|Tanzim|Saraya|Kataib|Asa['’]ib)\b")


def _clauses(s: str) -> list[str]:
    """The sentence, or its contrasted clauses when two groups are named in it."""
    if not (lx.mentions_isis(s) and lx.other_group(s)):
        return [s]
    opening = _CONTRAST_OPENING.match(s)
    head, rest = (s[: opening.end()], s[opening.end():]) if opening else ("", s)
    parts = [head] if head else []
    last = 0
    for m in _CONTRAST_BREAK.finditer(rest):
        parts.append(rest[last: m.start()])
        last = m.end()
    parts.append(rest[last:])
    return [p for p in parts if p.strip()]


def _link_in(index: int, s: str, gazetteer, countries: frozenset[str], people: frozenset[str]) -> Link | None:
    claimed, inspired = lx.claims(s), bool(lx.INSPIRED.search(s))
    if not lx.mentions_isis(s):
        if not claimed:
            return None
        other = lx.other_group(s)
        return None if other is None else Link(other, "claimed", reference(index, s, gazetteer, countries, people))
    if lx.DENIED.search(s):
        return None
    attributed = bool(ATTRIBUTED.search(s))
    role = isis_role(s)
    if role == "conditional":
        return None
    # reacting ("ISIS supporters celebrated") ties only by a claim; the enemy ("allegiance to ISIS", "the war
    # against ISIS") by a claim or an allegiance
    if role is None or role == "onlooker" and not claimed or role == "context" and not (claimed or inspired) or \
            not (claimed or inspired or attributed):
        # ISIS as the enemy or a label ("the war against ISIS"), or named beside an attack without saying it did
        # it: the sentence-level rules decide
        return None
    strength = ("claimed" if claimed else "attributed" if attributed and not lx.SUSPECTED.search(s)
                else "inspired" if inspired else "suspected")
    return Link("ISIS", strength, reference(index, s, gazetteer, countries, people))


def apply_links(mentions, links: list[Link], before_isis, sentences=(), people: frozenset[str] = frozenset(),
                published=None, title: str = "") -> None:
    """Give each attack the strongest link that refers to it; a claim by another group wins over ISIS named
    elsewhere, and a tie through the attacker's name wins over both. `before_isis(mention)`: an attack too early to
    be the Islamic State's."""
    attacks = sorted((m for m in mentions if m.kind == "attack"), key=lambda m: m.sentence.index)
    if not attacks:
        return
    _apply_place_links(attacks, links, before_isis, sentences, published, title)
    _apply_attacker_links(attacks, links, before_isis, sentences, people)


def _apply_attacker_links(attacks, links: list[Link], before_isis, sentences, people: frozenset[str]) -> None:
    """ "Coulibaly pledged allegiance to the Islamic State" and "a gunman identified as Amedy Coulibaly took hostages
    at a kosher grocery": the attacks told in sentences naming the person the link names are that person's, whatever
    group claimed another attack in the same town."""
    ties = [link for link in links if link.perpetrator == "ISIS" and link.strength in ("claimed", "inspired")]
    if not ties:
        return
    texts = {s.index: s.text for s in sentences}
    article = " ".join(texts.values())
    people = people | _surnames_in_full(article, " ".join(texts.get(link.where.index, "") for link in ties))
    named = {id(m): frozenset().union(*(people_named(texts.get(i, ""), people) for i in m.seen_at)) for m in attacks}
    for link in ties:
        link_people = people_named(texts.get(link.where.index, ""), people)
        if not link_people:
            continue
        targets = [m for m in attacks if named[id(m)] & link_people]
        if not targets or len(targets) > 3:
            continue   # nobody's attack, or a name too common in the article to tell whose
        for mention in targets:
            if before_isis(mention) or lx.denies(mention.sentence.text) or \
                    mention.perpetrator not in (None, "ISIS") and not any(
                        item.startswith("perpetrator@") and item.endswith(":article.other_claim")
                        for item in mention.support):
                continue   # the sentence itself named another group
            if mention.perpetrator != "ISIS" or stronger(link.strength, mention.attribution):
                mention.perpetrator, mention.attribution = "ISIS", link.strength
                mention.claimed = True if link.strength == "claimed" else None
                mention.support.append(f"perpetrator@{link.where.index}:article.attacker")


def same_attacker(mentions, sentences, before_isis) -> None:
    """ "Lakdim hijacked a car near Carcassonne, killing one" and "Lakdim then went to a supermarket in Trebes": one
    attacker's attacks on one day are one spree, and the Islamic State's tie to one of them ("he said he was a
    soldier of the Islamic State") is the others' too. Only a surname the article writes in full ties them."""
    attacks = [m for m in mentions if m.kind == "attack" and m.date is not None and m.date.precision == "day"]
    linked = [m for m in attacks if m.perpetrator == "ISIS"]
    unlinked = [m for m in attacks if m.perpetrator is None and not before_isis(m)]
    if not linked or not unlinked:
        return
    texts = {s.index: s.text for s in sentences}
    article = " ".join(texts.values())
    names = {id(m): _surnames_in_full(article, " ".join(texts.get(i, "") for i in m.seen_at))
             for m in linked + unlinked}
    for mention in unlinked:
        mine = names[id(mention)]
        spree = [m for m in linked if m.date == mention.date and mine & names[id(m)]] if mine else []
        if spree:
            mention.perpetrator, mention.attribution = "ISIS", spree[0].attribution
            mention.support.append(f"perpetrator@{spree[0].sentence.index}:article.same_attacker")


_FULL_NAME = re.compile(r"\b[A-Z][a-z]+ ([A-Z][a-z]{3,})\b")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")


def _surnames_in_full(text: str, within: str) -> frozenset[str]:
    """Of the capitalised words of `within`, the surnames the article writes after a given name and again alone
    ("Amedy Coulibaly ... Coulibaly said") that no gazetteer knows as a place: people, whatever their given names."""
    gazetteer = default_gazetteer()
    wanted = set(_CAPITALISED_WORD.findall(within))
    out = set()
    for m in _FULL_NAME.finditer(text):
        surname = m.group(1)
        if surname not in wanted:
            continue
        wanted.discard(surname)   # each word is judged once
        if text.count(surname) >= 2 and gazetteer.lookup(surname) is None and \
                not lx.mentions_isis(surname) and lx.other_group(surname) is None and \
                not re.search(rf"\b(?:the|a|an|of)\s+(?:[A-Z][a-z]+\s+)?{surname}\b", text, re.I):
            # "the State Department", "a Washington Post": institutions, not people
            out.add(surname.lower())
    return frozenset(out)


def _apply_place_links(attacks, links: list[Link], before_isis, sentences, published, title: str) -> None:
    # claims by other groups first: ISIS named in another sentence does not take an attack someone else claimed
    for link in sorted(links, key=lambda link: link.perpetrator == "ISIS"):
        # a claim or an allegiance may stand for the article's only attack; a weaker tie must refer to it
        targets, by_place = referents(link.where, attacks, strong=link.strength in ("claimed", "inspired"))
        if not targets and _claims_the_headlines_attack(link, attacks, title):
            targets = attacks
        if len(targets) > 1 and (link.perpetrator != "ISIS" or link.where.index < 0):
            # "al-Qaeda claimed the Paris attack" in an article with several attacks in Paris: the one just told; the
            # headline's claim: the attack the article leads with, not the stadium bombing it recalls in Istanbul too
            targets = nearest(link.where.index, targets)
        for mention in targets:
            if link.perpetrator != "ISIS":
                listed = known.author(mention, sentences, published)   # who the list of known attacks says did it
                if listed is not None and listed != link.perpetrator and link.where.index not in mention.seen_at:
                    # "al-Qaeda in Yemen claimed the attack on Charlie Hebdo" is not the kosher supermarket's (the
                    # list: the Islamic State's), though both were in Paris that week
                    continue
                # a claim naming the attack's place outweighs a claim read in the sentence's neighbourhood
                if mention.perpetrator in (None, "ISIS") and (by_place or mention.attribution != "claimed"):
                    mention.perpetrator, mention.attribution = link.perpetrator, "claimed"
                    mention.claimed = True
                    mention.support.append(f"perpetrator@{link.where.index}:article.other_claim")
                continue
            if before_isis(mention) or mention.perpetrator not in (None, "ISIS") or lx.denies(mention.sentence.text):
                continue
            if mention.perpetrator is None or stronger(link.strength, mention.attribution):
                mention.perpetrator, mention.attribution = "ISIS", link.strength
                mention.support.append(f"perpetrator@{link.where.index}:article.{link.strength}")
            if link.strength == "claimed":
                mention.claimed = True


def _claims_the_headlines_attack(link: Link, attacks, title: str) -> bool:
    """ "The IS group claimed the attack through its news agency" fifty sentences into an article headlined "Berlin
    truck attack: manhunt across Europe": a claim of "the attack" is the one attack the article reports, the one
    its headline names, however far from where the article told it."""
    if link.perpetrator != "ISIS" or link.strength != "claimed" or not link.where.refers_back or len(attacks) != 1:
        return False
    place = attacks[0].place
    return place is not None and bool(place.name) and place.name in title


# --- within one sentence ---------------------------------------------------------------------------

def attribute_in_sentence(mention: Mention, s: str, story: Narrative, continuation: bool = False) -> None:
    """Perpetrator and how strongly the text ties the attack to it."""
    if mention.perpetrator and mention.perpetrator != "ISIS":
        return
    other = lx.other_group(s)
    if not continuation and other and _DONE_BY_ISIS_AFTER.match(s, mention.trigger_at):
        other = None   # "last month's Paris attacks perpetrated by ISIS ... the 9/11 attacks": that group is another's
    if not continuation and other and not (lx.claims(s) or lx.INSPIRED.search(s)):
        mention.perpetrator, mention.attribution = other, "attributed"   # "a white nationalist gunman"
        return
    if not continuation and lx.denies(s):
        return   # "seemed taken out of the Islamic State playbook, but ... never found a credible connection"
    if not continuation:
        s = _doer_clause(s, mention.trigger_at)
    role = isis_role(s)
    if role == "conditional":
        role = None
    if continuation and role == "agent" and not (lx.claims(s) or lx.INSPIRED.search(s) or
                                                 ATTRIBUTED.search(s) or EVENT_REFERENCE.search(s)):
        # the sentence after an attack that names ISIS without a word about the attack ("Trump, who can obliterate
        # the Islamic State", "the people the Islamic State is trying to reach") says nothing of who did it
        role = None
    if role == "context" and story.about_isis:
        if lx.claims(s) or lx.INSPIRED.search(s):
            role = "agent"   # "claimed on behalf of", "sworn allegiance to ISIS"
        elif continuation or mention.date_how in ("missing", "assumed_recent"):
            # "the fight against ISIS" beside an undated killing names the enemy, not the doer; so does a later
            # sentence that names it as the enemy ("Trump said: we've defeated the ISIS caliphate")
            role = None
        else:
            role = "suspected"
    if role in ("agent", "suspected"):
        strength = ("claimed" if lx.claims(s) else "inspired" if lx.INSPIRED.search(s)
                    else "suspected" if role == "suspected" or lx.SUSPECTED.search(s) else "attributed")
        if mention.perpetrator is None or stronger(strength, mention.attribution):
            mention.perpetrator, mention.attribution = "ISIS", strength
        if strength == "claimed":
            mention.claimed = True
        return
    if not continuation and role is None and other is None and story.about_isis and \
            _ANAPHOR_DOER.search(s, 0, mention.trigger_at + 1) and _last_group_before(story, mention) == "ISIS":
        # "In August, the militants publicly beheaded Khaled al-Asaad", "its fighters stormed the town of Rann": in an
        # article about the group, the doers it named last are its own
        mention.perpetrator, mention.attribution = "ISIS", "claimed" if lx.claims(s) else "attributed"
        mention.claimed = True if lx.claims(s) else None
        mention.support.append(f"perpetrator@{mention.sentence.index}:anaphor")
        return
    if not continuation and role is None and other is None and story.about_isis and mention.perpetrator is None:
        topic = _group_strikes_before(story, mention)
        if topic is not None:
            # "The Islamic State still managed to strike. On Wednesday, a suicide bomber blew himself up ...": the
            # paragraph's opening sentence names the doer of the attack it goes on to tell
            mention.perpetrator, mention.attribution = "ISIS", "suspected"
            mention.support.append(f"perpetrator@{topic}:topic")
            return
    if continuation:
        if mention.perpetrator == "ISIS" and mention.attribution == "suspected" and not lx.mentions_isis(s) and other:
            # the next sentence names the group the article only hinted at
            mention.perpetrator, mention.attribution = other, "attributed"
            mention.claimed = True if lx.claims(s) else None
        return
    if other:
        mention.perpetrator, mention.attribution = other, "attributed"
        mention.claimed = True if lx.claims(s) else None
        return


# ", and a suicide bombing killed 14": a clause with a subject of its own after a comma or a semicolon
_NEXT_CLAUSE = re.compile(r"(?:,\s+(?:and|while|but)|;)\s+"
                          r"(?=(?:an?|the|\d[\d,]*|at\s+least|more\s+than|[A-Z][a-z]+)\s)")
_OBJECT_OF_BEFORE = re.compile(r"\b(?:by|of|against|from|on|to|with|for|under|over|about|than)\s+(?:the\s+)?$", re.I)
# "..., and the militants killed 14": the doer of the other clause, named again
_DOER_AGAIN = re.compile(r"\b(?:they|their|the\s+(?:attackers?|militants?|gunm[ae]n|jihadists?|fighters?|bombers?|"
                         r"assailants?|group|extremists?|terrorists?|insurgents?))\b", re.I)


# the group named again by a noun or a possessive: "the militants", "the group", "its fighters"
_ANAPHOR_DOER = re.compile(r"\b(?:the\s+(?:militants|jihadists|extremists|group)|its\s+(?:fighters|militants|gunmen|"
                           r"bombers|members|suicide bombers))\b", re.I)


# the group as the doer of attacks, in general: "still managed to strike", "has not given up ground easily"
_STRIKES = re.compile(r"\b(?:strik(?:e|es|ing)|struck|hit(?:s|ting)? back|f(?:ight|ought|ights|ighting) back|"
                      r"retaliat\w*|counter-?attack\w*|not given up|still (?:able|capable|deadly|dangerous)|"
                      r"hit-and-run|insurgency|guerrilla)\b", re.I)


def _group_strikes_before(story: Narrative, mention: Mention) -> int | None:
    """The index of the sentence before the mention's, in its paragraph, when that one names the group as the doer of
    attacks in general and tells no event of its own, nor another group."""
    index = mention.sentence.index
    if index < 1 or index > len(story.sentences):
        return None
    before = story.sentences[index - 1]
    if before.paragraph != mention.sentence.paragraph or not _STRIKES.search(before.text) or \
            isis_role(before.text) != "agent" or lx.other_group(before.text) or lx.denies(before.text) or \
            any(before.index in e.seen_at for e in story.events):
        return None
    return before.index


def _last_group_before(story: Narrative, mention: Mention) -> str | None:
    """The group the article named last, up to the mention's sentence (its headline first)."""
    upto = [(s.index, s.text) for s in story.sentences if s.index <= mention.sentence.index]
    return _last_group_named(([(-1, story.title)] if story.title else []) + upto)


def _doer_clause(s: str, at: int) -> str:
    """The clause of the attack word at `at` when the group is named only in another clause of the sentence, as the
    object of a preposition there ("a siege imposed by the Islamic State on Amirli, and a suicide bombing killed 14
    in Anbar"); else the whole sentence (the other clause claims the attack, blames the group or makes it its
    subject, or the attack's own clause names it or its doers again)."""
    breaks = list(_NEXT_CLAUSE.finditer(s))
    if not breaks or not lx.mentions_isis(s):
        return s
    start = max((m.end() for m in breaks if m.end() <= at), default=0)
    end = min((m.start() for m in breaks if m.start() > at), default=len(s))
    own, rest = s[start:end], s[:start] + " " + s[end:]
    if lx.mentions_isis(own) or _DOER_AGAIN.search(own) or lx.claims(rest) or lx.INSPIRED.search(rest) or \
            ATTRIBUTED.search(rest) or lx.SUSPECTED.search(rest):
        return s
    # the group as the other clause's subject ("Islamic State fighters seized the town, and a bomber killed 14") may
    # well be the attack's doer; as a preposition's object ("a siege imposed by the Islamic State") it is not
    if any(not _OBJECT_OF_BEFORE.search(rest, max(0, m.start() - 30), m.start()) for m in lx.isis_mentions(rest)):
        return s
    return own


# Doers tied to the group by the words before its name: not "to" as in "the war to ISIS's door"
_AFFILIATED_BEFORE = re.compile(rf"\b(?:{_TIED}\s+(?:to|with)|"
                                r"(?:militants|fighters|jihadists|gunmen|attackers|bombers|members|operatives)\s+from)"
                                r"\s+(?:the\s+)?$", re.I)   # "suicide bombers from the Islamic State"
_NEGATED_BEFORE = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno longer)\b[\w\s]{0,20}$", re.I)


def _affiliated_before(s: str, start: int) -> bool:
    """ "Loyal to", "linked to" right before the group's name, and not denied ("it hasn't been tied to ISIS")."""
    m = _AFFILIATED_BEFORE.search(s, max(0, start - 40), start)
    return m is not None and not _NEGATED_BEFORE.search(s, max(0, m.start() - 30), m.start())


# The group named as the doer right after the attack's own words: "the Paris terrorist attacks perpetrated by ISIS"
_DONE_BY_ISIS_AFTER = re.compile(r"[\w-]+(?:\s+[\w-]+){0,2}?,?\s+(?:perpetrated|carried out|committed|staged|"
                                 r"launched|claimed|orchestrated|directed)\s+by\s+(?:the\s+)?"
                                 r"(?:ISIS|ISIL|IS|Daesh|Islamic State)\b")


# Between the group's name and an alias of it: "Islamic State (ISIS)", "the Islamic State group, or ISIS,", "ISIS, also
# known as ISIL", "known by the acronym ISIS or ISIL"
_ALIAS_GAP = re.compile(r"(?:\s+(?:group|organi[sz]ation))?(?:\s*\(|,?\s+(?:or|also\s+(?:known|called)\s+as|"
                        r"known\s+as|known\s+by\s+the\s+(?:acronyms?|names?)|a\.k\.a\.?|aka))\s*(?:the\s+)?", re.I)


def isis_role(s: str) -> str | None:
    """"agent" when ISIS is named as a possible doer; "context" when only as the enemy or the yardstick
    ("the war against the Islamic State"); "onlooker" when reacting ("ISIS supporters celebrated"); "conditional"
    when only in a condition or a comparison ("as if he had echoed ISIS after an ISIS attack")."""
    role = None
    previous = None
    for m in lx.isis_mentions(s):
        alias = previous is not None and _ALIAS_GAP.fullmatch(s, previous.end(), m.start())
        previous = m
        if alias:
            continue   # "the war against the Islamic State (ISIS)", "ISIS, also known as ISIL": the same naming
        if lx.ISIS_REACTING_AFTER.match(s[m.end():]) and not lx.claims(s) or \
                lx.ISIS_ONLY_NAMED_BEFORE.search(s[max(0, m.start() - 50): m.start()]):
            role = role or "onlooker"
        elif _affiliated_before(s, m.start()):
            return "agent"   # "militants loyal to the Islamic State killed 12 soldiers"
        elif lx.ISIS_NOT_AGENT_BEFORE.search(s[max(0, m.start() - 60): m.start()]):
            role = "context"   # "the war against ISIS"
        elif lx.IF_CLAUSE_BEFORE.search(s, max(0, m.start() - 120), m.start()):
            role = role or "conditional"   # "as if Obama had echoed ISIS after an ISIS attack": no doer at all
        else:
            return "agent"
    return role
