"""Numbers and victim tolls in news sentences."""

from pathlib import Path

import pytest

from attrition.extract import numbers
from attrition.extract.numbers import find_tolls, parse_number

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "articles"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("Seven", 7),
        ("three hundred", 300),
        ("4,000", 4000),
        ("132", 132),
        ("a dozen", 12),
        ("two dozen", 24),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("1.5 million", 1_500_000),
        ("2 million", 2_000_000),
        ("1,200,000", 1_200_000),
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("a hundred", 100),
        ("zero", 0),
        ("ninety-nine", 99),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "people", "dozens", "a number", "several", "1.5.3", "seven people", "a two"]
)
def test_parse_number_rejects(text):
    assert parse_number(text) is None


def tolls(sentence):
    found = find_tolls(sentence)
    for t in found:
        assert sentence[t.start : t.end] == t.surface
        q = t.quantity
        assert sentence[q.start : q.end] == q.surface
        assert t.start <= q.start and q.end <= t.end
        assert q.low <= q.best <= q.high
    return [(t.role, t.quantity.best, t.quantity.qualifier) for t in found]


TOLL_CASES = [
    # verb + object
    (
        "The gunfire and bombs that rocked Paris last night killed at least 120.",
        [("killed", 120, "at_least")],
    ),
    ("killed at least 120 people", [("killed", 120, "at_least")]),
    ("ISIS terrorists murdered 230 Kurdish men, women and children", [("killed", 230, "exact")]),
    ("a lone gunman massacred 38 civilians, mostly British tourists", [("killed", 38, "exact")]),
    (
        "Isis gunmen and three suicide bombers attacked a police checkpoint and two restaurants in southern "
        "Iraq, killing at least 80 people and injuring hundreds more.",
        [("killed", 80, "at_least"), ("injured", 100, "vague")],
    ),
    ("a grenade exploded, wounding 12", [("injured", 12, "exact")]),
    ("The blast injured more than 50 people", [("injured", 50, "more_than")]),
    ("gunmen shot dead three police officers", [("killed", 3, "exact")]),
    ("gunmen shot to death three police officers", [("killed", 3, "exact")]),
    ("Gunmen killed five people two days ago near Chicago.", [("killed", 5, "exact")]),
    ("he fatally slashed her throat", [("killed", 1, "exact")]),
    ("the assailant fatally stabbed a policeman", [("killed", 1, "exact")]),
    ("the attackers opened fire, killing a policewoman", [("killed", 1, "exact")]),
    ("killing a 24-year-old French policeman", [("killed", 1, "exact")]),
    ("The blast killed 12 people and wounded 40 others", [("killed", 12, "exact"), ("injured", 40, "exact")]),
    ("The bombing killed two and injured 16", [("killed", 2, "exact"), ("injured", 16, "exact")]),
    ("killing five and wounding 10", [("killed", 5, "exact"), ("injured", 10, "exact")]),
    (
        "an explosion that killed a soldier and injured two others",
        [("killed", 1, "exact"), ("injured", 2, "exact")],
    ),
    ("ISIS executed 20 prisoners in Palmyra", [("killed", 20, "exact")]),
    ("militants beheaded a journalist", [("killed", 1, "exact")]),
    ("the attack killed about 40", [("killed", 40, "about")]),
    ("a car bomb killed nearly 300 people", [("killed", 300, "about")]),
    ("the truck bomb killed some 90 people", [("killed", 90, "about")]),
    ("the raid killed no less than 15 villagers", [("killed", 15, "at_least")]),
    ("the assault killed a minimum of 9 guards", [("killed", 9, "at_least")]),
    ("the explosion killed over 30 shoppers", [("killed", 30, "more_than")]),
    ("the bomb wounded up to 30 people", [("injured", 30, "at_most")]),
    ("the bombing killed as many as 60", [("killed", 60, "at_most")]),
    ("the shelling killed dozens of civilians", [("killed", 12, "vague")]),
    ("the attack killed scores of worshippers", [("killed", 12, "vague")]),
    ("the gas attack injured thousands", [("injured", 1000, "vague")]),
    ("the raid killed several villagers", [("killed", 3, "vague")]),
    ("the mortar fire killed a handful of residents", [("killed", 3, "vague")]),
    ("the airstrike killed a dozen children", [("killed", 12, "exact")]),
    ("the blasts caused the deaths of 22 people", [("killed", 22, "exact")]),
    ("they took the lives of 86 people in Nice", [("killed", 86, "exact")]),
    # "left N dead"
    ("attacks in the French capital that left 129 people dead.", [("killed", 129, "exact")]),
    ("The attack left 3 dead and 20 wounded.", [("killed", 3, "exact"), ("injured", 20, "exact")]),
    (
        "The attack left at least 17 dead and 30 injured.",
        [("killed", 17, "at_least"), ("injured", 30, "exact")],
    ),
    # subject + passive or intransitive
    ("129 people were killed", [("killed", 129, "exact")]),
    ("At least 22 people died in the blast", [("killed", 22, "at_least")]),
    ("20 were wounded", [("injured", 20, "exact")]),
    (
        "Three people were killed and 15 injured in the blast",
        [("killed", 3, "exact"), ("injured", 15, "exact")],
    ),
    ("four soldiers were killed and seven wounded", [("killed", 4, "exact"), ("injured", 7, "exact")]),
    ("Police said 14 people had been killed", [("killed", 14, "exact")]),
    ("Two police officers were injured", [("injured", 2, "exact")]),
    ("One civilian died of his wounds", [("killed", 1, "exact")]),
    ("some 250 people were wounded", [("injured", 250, "about")]),
    ("Dozens were killed", [("killed", 12, "vague")]),
    ("Hundreds of people were injured", [("injured", 100, "vague")]),
    ("the attack in which 22 people lost their lives", [("killed", 22, "exact")]),
    ("six Iraqi soldiers were killed when ISIS fighters attacked", [("killed", 6, "exact")]),
    ("a policeman was stabbed to death", [("killed", 1, "exact")]),
    ("An Israeli border policewoman was fatally stabbed", [("killed", 1, "exact")]),
    ("A French policeman was killed by the attacker", [("killed", 1, "exact")]),
    ("between 10 and 15 people were killed", [("killed", 10, "range")]),
    ("130 deaths were recorded", [("killed", 130, "exact")]),
    # claims, tolls
    ("They got as far as the Majlis chamber and claimed seven lives", [("killed", 7, "exact")]),
    ("the death toll rose to 130", [("killed", 130, "exact")]),
    ("The death toll has risen to 39", [("killed", 39, "exact")]),
    ("The death toll is now 42, according to Anadolu", [("killed", 42, "exact")]),
    ("four U.S. troops were killed and at least four others were injured",
     [("killed", 4, "exact"), ("injured", 4, "at_least")]),
    ("two U.N. workers were killed", [("killed", 2, "exact")]),
    ("Twenty-two people were killed", [("killed", 22, "exact")]),   # one number, not the range 20 to 2
    ("At least fifty-two commuters were killed", [("killed", 52, "at_least")]),
    ("The attacker stabbed a police officer to death and wounded two others",
     [("killed", 1, "exact"), ("injured", 2, "exact")]),
    ("the gunman shot three guards dead", [("killed", 3, "exact")]),
    ("Police shot two attackers dead", []),
    ("Two members of the security forces were killed", [("killed", 2, "exact")]),   # a complement of the victims
    ("Five members of his family were killed", [("killed", 5, "exact")]),
    ("Three members of the Islamic State were killed", []),
    ("a bombing with a death toll of 84", [("killed", 84, "exact")]),
    ("the death toll stood at more than 200", [("killed", 200, "more_than")]),
    # zero
    ("The victim toll was zero in both places", [("killed", 0, "zero")]),
    ("no one was killed", [("killed", 0, "zero")]),
    ("No one was injured in the blast", [("injured", 0, "zero")]),
    ("nobody was hurt", [("injured", 0, "zero"), ("killed", 0, "zero")]),
    ("there were no casualties", [("injured", 0, "zero"), ("killed", 0, "zero")]),
    ("the bomb went off, killing no one", [("killed", 0, "zero")]),
    ("there were no deaths", [("killed", 0, "zero")]),
    ("the device exploded without casualties", [("injured", 0, "zero"), ("killed", 0, "zero")]),
    # one victim named by role; the toll named before its figure
    ("a gunman killed an army reservist at the memorial", [("killed", 1, "exact")]),
    ("the death toll from Monday's car bomb in the market rose to 27", [("killed", 27, "exact")]),
    ("the death toll in the twin blasts has risen to at least 40", [("killed", 40, "at_least")]),
    # "have died" is a subject's toll; "have killed" is not a victim count of its subject
    ("Nine people have died and 14 remain in hospital.", [("killed", 9, "exact")]),
    ("Two brothers have killed 12 people in a church.", [("killed", 12, "exact")]),
    ("the jet broke up in mid-air, killing all 180 people on board", [("killed", 180, "exact")]),
    # the dead counted with their killers: the data counts victims
    ("The raid on the hotel left six people dead, including the gunman and a guard.", [("killed", 5, "exact")]),
    ("The bombings killed 23 people, including three of the bombers.", [("killed", 20, "exact")]),
    ("The bombings killed 23 people, including three children.", [("killed", 23, "exact")]),
]


@pytest.mark.parametrize(("sentence", "expected"), TOLL_CASES)
def test_find_tolls(sentence, expected):
    assert tolls(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "surfaces"),
    [
        ("killed at least 120 people in Paris", ["killed at least 120 people"]),
        ("murdered 230 Kurdish men, women and children", ["murdered 230 Kurdish men"]),
        ("left 3 dead and 20 wounded", ["left 3 dead", "20 wounded"]),
        ("Officials said 129 people were killed.", ["129 people were killed"]),
        ("the death toll rose to 130 on Sunday", ["the death toll rose to 130"]),
        ("fatally slashed her throat", ["fatally slashed her throat"]),
        ("no one was killed", ["no one was killed"]),
    ],
)
def test_toll_surfaces(sentence, surfaces):
    assert [t.surface for t in find_tolls(sentence)] == surfaces


def test_range_quantity():
    (toll,) = find_tolls("the fighting killed 4,000 to 5,000 civilians")
    q = toll.quantity
    assert (q.low, q.high, q.best, q.qualifier, q.surface) == (4000, 5000, 4000, "range", "4,000 to 5,000")
    (toll,) = find_tolls("the attack killed 300-500 people")
    assert (toll.quantity.low, toll.quantity.high, toll.quantity.best) == (300, 500, 300)


def test_qualified_quantity_keeps_stated_number():
    (toll,) = find_tolls("killed more than 200 civilians")
    q = toll.quantity
    assert (q.low, q.high, q.best, q.qualifier, q.surface) == (200, 200, 200, "more_than", "more than 200")


NOT_TOLLS = [
    # combatants
    "Kurdish fighters backed by U.S. air support killed 4,000 to 5,000 mostly non-Syrian militants.",
    "U.S.-led coalition airstrikes killed more than 200 ISIS fighters as they fled the city",
    "the army killed 30 jihadists",
    "security forces killed three insurgents",
    "police killed two gunmen",
    "Iraqi forces killed 12 suspected terrorists",
    "the raid killed all five attackers",
    "6,000 fighters were killed",
    "Two of the attackers were killed by police",
    "The three attackers were killed",
    "three suicide bombers died",
    # perpetrators' deaths
    "he was shot dead by armed soldiers on the spot.",
    "All three were then shot dead",
    "The gunman was shot dead by police",
    "The gunman was shot to death by police",
    "A man was shot dead by police after stabbing a passer-by",
    "two men were killed by police",
    # ages, years, things
    "On Tuesday night, June 20, a 36-year old Moroccan, known to the police, caused a small explosion",
    "Monday, Adam Dzaziri, 31, who had been on the French watch list, rammed his vehicle into a police van",
    "Adam Dzaziri, 31, was killed",
    "His sister was shot to death five months ago near their Chicago home.",
    "the officer killed two years ago in Dallas",
    "Nine assorted weapons, including two pistols and a Kalashnikov-type assault rifle, were found",
    "No less than 60 detainees have been thrown into Palestinian jails",
    "the only military force moving against Raqqa is the SDF, whose 6,000 fighters",
    "some 2,500 miles away in Paris",
    "a calculated exodus has left no more than 300-500 ISIS fighters in Raqqa",
    "the capture of Mosul in 2014 killed the illusion",
    "attacked a police checkpoint and two restaurants",
    "at least eight men apparently aligned with Islamic State attacked Paris",
    "killed 20 km from the border",
    # vague without a number, casualties not split by role, unknown outcome
    "the blast killed a number of people",
    "militants killed or wounded 120 people",
    "more than 100 people were killed or wounded",
    "There were no immediate reports of casualties",
    "He killed his wife",
    "the 129 victims were remembered",
    "gunmen shot three people",
    "the police officer shot the attacker, killing him",
    "the man was convicted of killing her children",
    "the death toll from the virus rose in 2020",
    "",
]


@pytest.mark.parametrize("sentence", NOT_TOLLS)
def test_not_tolls(sentence):
    assert tolls(sentence) == []


def test_perpetrator_subject_is_not_a_toll():
    sentence = (
        "On Friday, the same day at least eight men apparently aligned with Islamic State murdered at least "
        "132 people in a Paris terrorist attack, ISIS lost control of Sinjar"
    )
    assert tolls(sentence) == [("killed", 132, "at_least")]
    (toll,) = find_tolls(sentence)
    assert toll.surface == "murdered at least 132 people"


def test_no_kill_word_is_fast_path():
    assert find_tolls("Nine assorted weapons and 60 detainees, 2,500 miles away, in 2015.") == []


def _corpus() -> list[str]:
    sentences = [case[0] for case in TOLL_CASES] + NOT_TOLLS
    for path in sorted(SEEDS.glob("*.txt")):
        sentences += path.read_text(encoding="utf-8").split(". ")
    return sentences


REGEXES = [
    ("_OBJ_RE", "obj"),
    ("_ONE_RE", "one"),
    ("_FATALLY_RE", "fatally"),
    ("_FATALLY_QTY_RE", "fatally"),
    ("_SUBJ_RE", "subj"),
    ("_ONE_SUBJ_RE", "one_subj"),
    ("_DEATHS_RE", "deaths"),
    ("_LEFT_RE", "left"),
    ("_TOLL_RE", "toll"),
    ("_LIVES_RE", "lives"),
    ("_TOLL_FROM_RE", "toll"),
    ("_ZERO_RE", "zero"),
]


@pytest.mark.parametrize(("regex", "openers"), REGEXES)
def test_fast_path_agrees_with_plain_regex(regex, openers):
    """find_tolls only tries each regex at some words; it must find what a full scan finds."""
    pattern = getattr(numbers, regex)
    for sentence in _corpus():
        tokens = [
            (m.start(), "#" if m.group()[0].isdigit() else m.group().lower())
            for m in numbers._TOKEN_RE.finditer(sentence)
        ]
        fast = [m.span() for m in numbers._scan(pattern, sentence, tokens, numbers._OPENERS[openers])]
        assert fast == [m.span() for m in pattern.finditer(sentence) if m.end() > m.start()], sentence


# --- ages are not tolls --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence",
    [
        "Police said a woman aged 52 was injured when the device went off.",
        "The victims, aged 19 to 24, were wounded in the blast.",
        "In March 2014 thirty-year-old Ali Said died after the assault.",
        "The massacre of 9- and 10-year-olds at the school horrified the town.",
    ],
)
def test_ages_are_not_tolls(sentence):
    assert tolls(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A 7-year-old girl and 12 other people were killed in the bombing.", [("killed", 13, "exact")]),  # both
        ("The gunman, aged 31, killed four people before fleeing.", [("killed", 4, "exact")]),
    ],
)
def test_tolls_beside_ages(sentence, expected):
    assert tolls(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In Cambrils, police shot dead five men wearing fake bomb belts who drove into a crowd.", []),
        ("Security forces killed three attackers after the siege.", []),
        ("Militants shot dead five police officers near Arish.", [("killed", 5, "exact")]),
    ],
)
def test_the_polices_dead_are_not_the_attacks_victims(sentence, expected):
    assert tolls(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Five Argentine tourists, a Belgian woman, a New Yorker and a New Jersey man were killed in the attack.",
     [("killed", 8, "exact")]),
    ("The attack killed two Britons, a German and an American.", [("killed", 4, "exact")]),
    ("Jihadists killed a United States ambassador and three other Americans.", [("killed", 4, "exact")]),
    ("Twenty children and six adults were killed at the school.", [("killed", 26, "exact")]),
    ("A month after 20 children and six adults were shot to death at the school, the bill failed.",
     [("killed", 26, "exact")]),
    # one count and the people it includes, not a list
    ("Gunmen stormed the offices, killing 12 people including the editor and a cartoonist before escaping.",
     [("killed", 12, "exact")]),
    ("The bomb killed two soldiers and wounded three civilians.", [("killed", 2, "exact")]),
])
def test_victims_listed_one_by_one_are_summed(sentence, expected):
    assert tolls(sentence) == expected


@pytest.mark.parametrize(("text", "tolls"), [
    ("Four days earlier 14 people were shot and killed at a holiday party.", [("killed", 14)]),
    ("Police confirmed a campus officer was shot and killed late Thursday.", [("killed", 1)]),
    ("A 16-year-old boy was shot dead earlier this month.", [("killed", 1)]),
    ("Dozens of people were shot to death at the club.", [("killed", 12)]),
    ("A deputy was shot to death at the courthouse.", [("killed", 1)]),
    ("A soldier was shot and wounded at the gate.", []),
    # the aside counts the attacker among the dead: the data counts victims
    ("Five people, including a police officer who was stabbed and the alleged assailant, were killed.",
     [("killed", 4)]),
    ("Five people, including two children, were killed in the blast.", [("killed", 5)]),
    ("A woman was killed and six people, including a police officer, were injured.", [("killed", 1), ("injured", 6)]),
    # a definition, not a count
    ("A mass shooting is when at least four people, including the shooter, are injured by gunshots.", []),
])
def test_shot_and_killed_and_an_aside_naming_who_was_counted(text, tolls):
    assert [(t.role, t.quantity.best) for t in find_tolls(text)] == tolls


@pytest.mark.parametrize("sentence, killed", [
    ("Blackwater guards killed a dozen and a half Iraqi civilians in Baghdad.", 18),
    ("A dozen and a half people were killed in the blast.", 18),
    ("Gunmen killed two dozen and a half people.", 30),
    ("Gunmen killed a dozen people.", 12),
])
def test_a_dozen_and_a_half_is_eighteen_not_a_list_of_two(sentence, killed):
    assert [t.quantity.best for t in find_tolls(sentence) if t.role == "killed"] == [killed]


@pytest.mark.parametrize("sentence, killed", [
    ("A police officer was killed along with three civilians.", [4]),
    ("The video shows an aid worker was beheaded, along with a dozen soldiers, in a desert.", [13]),
    # the attacker is no victim
    ("A gunman who took hostages in a cafe has been killed, along with two of the hostages, police said.", [2]),
    # a person described by a relative clause is not the report's count; an arrest counts no one
    ("They met the daughter of the principal who was killed along with 20 first-graders.", []),
    ("He was arrested along with three others.", []),
])
def test_one_victim_killed_along_with_others_counts_them_all(sentence, killed):
    assert [t.quantity.best for t in find_tolls(sentence) if t.role == "killed"] == killed


@pytest.mark.parametrize("sentence, killed", [
    # the count stated as such, and its updates
    ("The death toll from Sunday's bombing of a crowded vegetable market in the eastern city of Quetta rose to 24 on "
     "Monday.", [24]),
    ("Officials said the number of dead rose to 61 overnight.", [61]),
    ("The number of people killed in Friday's attack on a mosque in the town of Bir al-Abd has risen to 311.", [311]),
    ("Health officials put the total number of dead at 44 on Tuesday.", [44]),
    ("The ministry lowered the death toll from the blast at the wedding hall in the southern city to 18 from 22.",
     [18]),
    # an increase is not the toll
    ("Three more victims died in hospital overnight, raising the death toll to 31.", [31]),
    # attackers counted with the dead are taken out
    ("The death toll has risen to 45, a figure that includes the three attackers, the governor said.", [42]),
    ("Monitors put the total number of dead at 19, a figure they said included the bomber.", [18]),
    # a part of the dead is not the toll; the dead of one town are that town's
    ("At least 27 of the dead were foreigners, officials said.", []),
    ("Nine of the dead were children.", []),
    ("At least 10 of the dead were killed in the city of Diyarbakir alone.", [10]),
])
def test_a_toll_stated_as_a_count_of_the_dead(sentence, killed):
    assert [t.quantity.best for t in find_tolls(sentence) if t.role == "killed"] == killed


@pytest.mark.parametrize("sentence, killed", [
    ("A suicide bomber blew himself up at a police checkpoint on Monday, killing himself and wounding four officers.",
     [0]),
    ("The attacker detonated his explosives near the gate, killing only himself.", [0]),
])
def test_a_bomber_who_killed_only_himself_killed_no_one(sentence, killed):
    assert [t.quantity.best for t in find_tolls(sentence) if t.role == "killed"] == killed


@pytest.mark.parametrize("sentence", [
    # others died with him; a gunman who killed himself after killing others says nothing of their number
    "A suicide bomber blew himself up at a market, killing himself and 12 other people.",
    "A suicide bomber blew himself up at a market, killing himself and two police officers.",
    "The gunman opened fire on students before killing himself.",
    "He killed himself after the shooting.",
])
def test_an_attacker_killing_himself_is_no_count_of_zero(sentence):
    assert 0 not in [t.quantity.best for t in find_tolls(sentence) if t.role == "killed"]


def test_one_figure_for_men_and_boys_killed_together():
    [t] = find_tolls("About 3,000 Yazidi men and boys were killed in the first days of the assault.")
    assert (t.role, t.quantity.best) == ("killed", 3000)
    # a reduced clause counts some of the wounded, not the toll
    assert find_tolls("The hospital treated dozens of children and teenagers injured in the attack.") == []
