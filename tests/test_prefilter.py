"""Necessary literals: a pattern is skipped only where it cannot match."""

from __future__ import annotations

import re

import pytest

from attrition.extract import lexicon as lx
from attrition.extract.prefilter import Gated, may_match, necessary_literals


@pytest.mark.parametrize("pattern, literals", [
    (r"\bsuicide (?:bomb(?:ing|s)?|attacks?)\b", ("suicide ",)),
    (r"\b(?:bombings?|bombs?|explosions?|blasts?)\b", ("blast", "bomb", "explosion")),
    (r"\b(?:rammed|ramming)(?=[^.]{0,60}into)|ploughed into", ("ploughed into", "ramm")),
    (r"\bpressure[- ]cooker bombs?", ("cooker bomb",)),   # the longest run after the class
    (r"\b(?:a|the)\s+\w+ (?:killed|wounded)", ("killed", "wounded")),
])
def test_literals_of_a_pattern(pattern, literals):
    assert necessary_literals(re.compile(pattern)) == literals


@pytest.mark.parametrize("pattern", [r"\w+ed\b", r"(?:bomb|of) attack|x", r"(?:bombs?)?\s+\d+", r"\b(?:a|of)\b"])
def test_no_gate_where_a_match_needs_no_long_literal(pattern):
    assert necessary_literals(re.compile(pattern)) is None
    assert may_match(None, "anything")


def test_a_case_insensitive_group_gives_no_literal_of_its_own():
    # "(?i:islamic state)" also matches "ISLAMIC STATE": its literal would wrongly skip that text
    assert necessary_literals(re.compile(r"\bfighters of (?i:islamic state)")) == ("fighters of ",)
    assert necessary_literals(re.compile(r"(?i:islamic state)")) is None


def test_a_case_insensitive_pattern_gives_lower_case_literals():
    literals = necessary_literals(re.compile(r"\bIslamic State\b|\bDaesh\b", re.I))
    assert literals == ("daesh", "islamic state")
    assert may_match(literals, "fighters of the islamic state") and not may_match(literals, "a state of emergency")


SENTENCES = [
    "A suicide bomber blew himself up at a checkpoint, killing 12 people.",
    "Gunmen opened fire on a crowd and then stormed the theatre, taking hostages.",
    "A truck rammed into pedestrians on the promenade; the driver was shot dead.",
    "The militants beheaded a hostage and executed 20 prisoners in the square.",
    "Two car bombs exploded near a market, and a third was detonated by police.",
    "He was stabbed and slashed in a knife attack; the atrocities went on for hours.",
    "An IED tore through a convoy, and the twin bombings killed dozens.",
    "The senators attacked the bill; nobody was killed.",
]


@pytest.mark.parametrize("pattern", [p for p, _, _ in lx.ATTACK_TRIGGERS_LC], ids=lambda p: p.pattern[:30])
def test_every_match_of_a_trigger_contains_one_of_its_literals(pattern):
    literals = necessary_literals(pattern)
    for sentence in SENTENCES:
        for m in pattern.finditer(sentence.lower()):
            assert literals is None or any(literal in m.group(0) for literal in literals), m.group(0)


def test_a_gated_pattern_finds_what_its_pattern_finds():
    regex = re.compile(r"\b(?:air ?strikes?|bombing campaign|heart attack)\b", re.I)
    gated = Gated(regex)
    assert gated.literals == ("bombing campaign", "heart attack", "strike")
    for text in ["The AIR STRIKES went on.", "a bombing Campaign", "He died of a heart attack", "no such words"]:
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in regex.finditer(text)]
        found, expected = gated.search(text), regex.search(text)
        assert (found and found.span()) == (expected and expected.span())
        assert gated.findall(text) == regex.findall(text)
    # within bounds: a literal outside the searched part does not let the pattern run there
    assert gated.search("heart attack, then silence", 5) is None and regex.search("heart attack, then", 5) is None
    assert gated.search("xx heart attack", 3).span() == (3, 15)


def test_the_lexicon_patterns_are_gated():
    assert isinstance(lx.NOT_AN_ATTACK, Gated) and isinstance(lx.STATE_AGENT, Gated)
    assert lx.NOT_AN_ATTACK.search("Coalition air strikes hit the town") is not None
    assert lx.NOT_AN_ATTACK.search("A car bomb exploded in the market") is None
    assert len(lx.ATTACK_TRIGGER_LITERALS) == len(lx.ATTACK_TRIGGERS_LC)


@pytest.mark.parametrize("phrase", ["militants decapitated a soldier", "fighters slaughtered villagers",
                                    "officers were gunned down", "an IED hit a convoy", "the plane was downed",
                                    "the jet was blown up", "sprayed the crowd with bullets", "hacked to death",
                                    "wearing a suicide vest", "stoned to death", "brought down the airliner",
                                    "killed in an ambush", "gunmen stormed a prison", "militants raided a bank",
                                    "attackers burst into the hall", "drove a truck into the crowd",
                                    "the siege of a cafe", "took dozens of people hostage", "an operation against"])
def test_the_cheapest_gate_lets_through_every_attack_word_a_trigger_reads_alone(phrase):
    # the attack gate alone (an article that never names the group) too
    for gate in (lx.ANY_TRIGGER, lx.ATTACK_GATE):
        assert gate.search(phrase)
    for gate in (lx.ANY_TRIGGER_LC, lx.ATTACK_GATE_LC):
        assert gate.search(phrase.lower())


def test_the_gates_trie_finds_every_trigger_word_where_the_case_insensitive_pattern_does():
    # the lower-case gates are RE2 automata: they must give the same offsets as re reading the words, in text with
    # accents, curly quotes and characters outside the Basic Multilingual Plane before the words (offsets are
    # counted in characters, not in the UTF-8 bytes RE2 reads)
    text = ("Le kamikaze s\u2019est fait exploser pr\u00e8s du caf\u00e9 \U0001F600 \u2014 a suicide bomber "
            "attacked the market; troops retook the town after ISIS withdrew. Gunfire, then a stabbing, then a "
            "blast: the Islamic State lost Raqqa and fled, ending the siege.")
    for gate, fast in ((lx.ANY_TRIGGER, lx.ANY_TRIGGER_LC), (lx.ATTACK_GATE, lx.ATTACK_GATE_LC)):
        offsets = [m.start() for m in gate.finditer(text)]
        assert [m.start() for m in fast.finditer(text.lower())] == offsets and len(offsets) >= 8
        assert [m.start() for m in fast.finditer(lx.gate_bytes(text.lower()))] == offsets


def test_the_groups_names_are_found_where_their_pattern_finds_them():
    # tried only where one of the names' words starts, with the pattern's boundaries and lookbehinds read there
    text = ("ISIS, or ISIL, or Daesh (Da'esh, Daech), the I.S. group: an Islamic State fighter, not an Islamic state "
            "of mind; the Islamic State's caliphate. Crisis in Basis: isisil and daeshs are no names. IS claimed it, "
            "as THIS IS a test; an Islamic State-inspired attack, \u201can Islamic State \u201cprovince\u201d.")
    low = text.lower()
    expected = [m.span() for m in lx._ISIS_LC.finditer(low)] + [m.span() for m in re.finditer(r"\bIS\b", text)]
    assert [m.span() for m in lx.isis_mentions(text)] == sorted(expected) and len(expected) == 11


@pytest.mark.parametrize("text", [
    "U.S. AIRSTRIKES and a MOAB hit the town, killing 36 militants.",
    "In apparent response to Coalition Air Strikes, gunmen attacked the market.",
    "A car bomb exploded in the market, the Islamic State's Amaq agency said.",
    "ISIS claimed responsibility for the bombing; no group has claimed the Kabul attack.",
    "The group said in a statement that one of its fighters carried out the attack.",
    "He is not known to have claimed credit for the shooting in Paris.",
])
def test_the_lower_case_forms_find_what_the_patterns_find(text):
    # searched around every trigger word and in every sentence of an article with an attack: run over lower case
    for pattern, fast in ((lx.NOT_AN_ATTACK, lx.NOT_AN_ATTACK_LC), (lx.CLAIMED, lx._CLAIMED_LC)):
        found, expected = fast.search(text.lower()), pattern.search(text)
        assert (found and found.span()) == (expected and expected.span())
        assert [m.span() for m in fast.finditer(text.lower())] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text, named", [
    ("the video of james foley\u2019s killing, posted on \u201cyoutube\u201d", True),
    ("caf\u00e9 owners in paris said the jordanian pilot was burned alive", True),
    ("a fisherman named foleyson and a coptic-era church", True),   # a cheap test: words inside words pass
    ("a journalist was released \u00e0 la fronti\u00e8re after months in captivity", False),
])
def test_an_article_naming_a_captive_is_told_by_one_automaton(text, named):
    from attrition.extract.captives import names_a_captive

    assert names_a_captive(text) is named
