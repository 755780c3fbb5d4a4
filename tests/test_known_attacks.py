"""Tests for attrition.extract.known: famous attacks named in passing get their day, and nothing else does."""

import csv
import datetime as dt

import pycountry
import pytest

from attrition.extract.events import extract_mentions
from attrition.extract.known import known_attacks
from attrition.paths import SEEDS_DIR


def _attack(text, published, place=None):
    found = [m for m in extract_mentions(text, published, None) if m.kind == "attack"]
    found = [m for m in found if place is None or (m.place and m.place.name == place)]
    assert len(found) == 1, [(m.place, m.date, m.sentence.text) for m in found]
    return found[0]


def test_the_seed_is_well_formed():
    with open(SEEDS_DIR / "known_attacks.csv", newline="", encoding="utf-8") as rows:
        rows = list(csv.DictReader(rows))
    with open(SEEDS_DIR / "perpetrators.csv", newline="", encoding="utf-8") as names:
        groups = {row["name"] for row in csv.DictReader(names)}
    assert len(rows) == len(known_attacks()) and len({r["attack_id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["attack_id"].endswith(row["date"]) and pycountry.countries.get(alpha_2=row["country"])
        assert row["keywords"] and row["source_url"].startswith("https://")
        # who did it: ISIS, a group the perpetrator list knows, none (no group's attack), or empty (not settled)
        assert row["perpetrator"] in {"", "ISIS", "none"} | groups, row["attack_id"]


def test_a_famous_attack_named_with_a_window_gets_its_day():
    m = _attack("Last year a gunman killed 49 people at a nightclub in Orlando, and the group praised him.",
                dt.date(2017, 3, 1))
    assert (m.date.start, m.date.end, m.date_how) == (dt.date(2016, 6, 12), dt.date(2016, 6, 12), "known")
    assert "date@0:known.orlando-2016-06-12" in m.support


def test_of_several_attacks_in_one_town_the_words_choose():
    m = _attack("Months ago, gunmen killed four hostages at a kosher supermarket in Paris.", dt.date(2015, 6, 1))
    assert m.date.start == dt.date(2015, 1, 9)


def test_a_lower_bound_toll_that_the_known_toll_passes_by_little_chooses():
    m = _attack("Before that, gunmen killed more than 100 people in Paris, officials said.", dt.date(2016, 10, 21))
    assert m.date.start == dt.date(2015, 11, 13)
    m = _attack("Before that, gunmen killed more than 40 people in Paris, officials said.", dt.date(2016, 10, 21))
    assert m.date_how != "known"


def test_a_statements_day_after_a_named_attack_yields_to_the_attacks_day():
    m = _attack("President Obama on Thursday met survivors of a massacre at an Orlando gay nightclub, where a gunman "
                "killed 49 people.",
                dt.date(2016, 6, 17))
    assert (m.date.start, m.date_how) == (dt.date(2016, 6, 12), "known")


def test_a_victims_name_dates_a_beheading_told_in_passing():
    m = _attack("Islamic State militants beheaded James Foley, an American journalist kidnapped in Syria.",
                dt.date(2014, 12, 1))
    assert m.date.start == dt.date(2014, 8, 19)


@pytest.mark.parametrize(("text", "published"), [
    # an undated report of a new attack in a town with a famous one: not the famous one
    ("An officer was shot dead in Las Vegas during the protests, police said.", dt.date(2020, 6, 3)),
    # the day the text gives stays
    ("On Tuesday a man stabbed two people outside a nightclub in Orlando, police said.", dt.date(2016, 6, 16)),
    # a known attack after publication cannot be meant
    ("A gunman killed 40 people at a nightclub in Orlando, police said.", dt.date(2015, 1, 10)),
])
def test_nothing_else_is_dated_from_the_list(text, published):
    m = _attack(text, published)
    assert m.date_how != "known" and not any(":known." in s for s in m.support)


@pytest.mark.parametrize(("text", "published", "days"), [
    # the verb's objects
    ("The militants have shown no mercy. Since August, ISIS has beheaded American journalists James Foley and "
     "Steven Sotloff, and British aid worker David Haines, who were kidnapped in Syria.", dt.date(2014, 9, 25),
     [dt.date(2014, 8, 19), dt.date(2014, 9, 2), dt.date(2014, 9, 13)]),
    # the subjects of a passive verb
    ("Three Americans — aid worker Peter Kassig and journalists James Foley and Steven Sotloff — were beheaded "
     "last year by the Islamic State.", dt.date(2015, 2, 2),
     [dt.date(2014, 8, 19), dt.date(2014, 9, 2), dt.date(2014, 11, 16)]),
])
def test_a_list_of_known_captives_beheaded_is_one_killing_each_on_its_own_day(text, published, days):
    found = [m for m in extract_mentions(text, published, "ISIS") if m.kind == "attack"]
    assert sorted((m.date.start, m.killed.best, m.country) for m in found) == [(day, 1, "SY") for day in days]
    assert len({m.trigger_at for m in found}) == 3   # three mentions, three ids


def test_a_known_captive_is_killed_where_the_list_says_when_the_article_does_not():
    text = "On Tuesday the Islamic State released a video showing a militant beheading the journalist James Foley."
    m = _attack(text, dt.date(2014, 8, 21))
    assert (m.place.name, m.country, m.killed.best, m.perpetrator) == (None, "SY", 1, "ISIS")


def test_a_captive_the_list_knows_only_later_gives_no_country():
    text = "On Tuesday the Islamic State released a video showing a militant beheading the journalist James Foley."
    assert [m for m in extract_mentions(text, dt.date(2014, 8, 1), "ISIS") if m.kind == "attack"] == []


def test_a_venue_the_list_knows_places_an_attack_the_sentence_does_not():
    text = ("The Islamic State was not so reticent Sunday and claimed credit for the shooting rampage at the gay "
            "nightclub Pulse, which ended with 50 people dead.")
    m = _attack(text, dt.date(2016, 6, 12))
    assert (m.place.name, m.country, m.killed.best, m.claimed) == ("Orlando", "US", 50, True)
    assert "place@0:place.known" in m.support


def test_an_attackers_colleague_killed_is_no_attack_of_its_own():
    text = ("Investigators are studying the couple's phones. One of Farook's colleagues killed in the attack, "
            "Nicholas Thalasinos, liked to discuss religion.")
    assert [m for m in extract_mentions(text, dt.date(2015, 12, 5), "ISIS") if m.kind == "attack"] == []


def test_a_known_captive_beheaded_was_one_dead():
    text = ("James Foley was kidnapped in Syria in 2012. A video published Tuesday by the extremist group ISIS showed "
            "Foley being beheaded.")
    m = _attack(text, dt.date(2014, 8, 20))
    assert m.killed.best == 1 and "killed@1:known.foley-2014-08-19" in m.support


def test_the_lists_toll_fills_a_known_attack_when_the_article_states_that_count():
    text = ("Noor Salman, widow of the gunman who opened fire on an Orlando nightclub in 2016, was acquitted. The jury "
            "deliberated for three days. Her lawyers thanked the court. The verdict surprised many observers. "
            "Prosecutors had called eleven witnesses. The defence called two. The judge thanked the jurors. The mayor "
            "spoke of the brutal murders of 49 of our neighbors.")
    m = _attack(text, dt.date(2018, 3, 30))
    assert m.killed.best == 49 and "killed@7:known.orlando-2016-06-12" in m.support


def test_the_lists_toll_is_not_taken_when_the_article_states_none():
    text = ("Noor Salman, widow of the gunman who opened fire on an Orlando nightclub in 2016, was acquitted. The "
            "mayor spoke of the pain of the city.")
    assert _attack(text, dt.date(2018, 3, 30)).killed is None


def test_recent_attacks_may_be_a_month_old():
    m = _attack("Mr. Obama spoke of the newspaper, Charlie Hebdo, that was recently attacked by terrorists in Paris "
                "seeking revenge for its caricatures.", dt.date(2015, 2, 11))
    assert m.date.start == m.date.end == dt.date(2015, 1, 7) and m.date_how == "known"


def test_one_nationalitys_dead_are_a_part_of_a_known_attacks_toll():
    text = ("The wife of an Air Force officer was one of at least two Americans killed in the Brussels terror attacks "
            "on Tuesday. She had moved there last year. Her husband was unhurt. Friends remembered her. Officials "
            "named her on Friday. Their children are safe. In all, the bombings in Brussels killed 31 people.")
    m = next(m for m in extract_mentions(text, dt.date(2016, 3, 26), "ISIS") if m.kind == "attack")
    assert m.killed.best == 31 and "killed@6:known.brussels-2016-03-22" in m.support



def test_a_count_of_another_event_in_the_article_is_not_the_known_attacks():
    text = ("Similarly ISIS's claim to blow up the Russian Metrojet plane over the Egyptian Sinai recently sent a "
            "message. Its fighters went on. Nobody stopped them. The world watched. Dressed as Kurdish fighters, ISIS "
            "terrorists murdered 230 Kurdish men, women and children in Kobani.")
    metrojet = [m for m in extract_mentions(text, dt.date(2015, 11, 14), "ISIS") if m.country == "EG"]
    assert metrojet and all(m.killed is None for m in metrojet)


def test_a_known_attack_of_another_group_does_not_take_isis_from_another_sentence():
    text = ("Gunmen killed 12 people at the Paris offices of the satirical magazine Charlie Hebdo on Wednesday. "
            "On Friday, Amedy Coulibaly, who had pledged allegiance to the Islamic State, killed four hostages at a "
            "kosher supermarket in Paris.")
    found = {m.date.start: m for m in extract_mentions(text, dt.date(2015, 1, 10), None) if m.kind == "attack"}
    hebdo, grocery = found[dt.date(2015, 1, 7)], found[dt.date(2015, 1, 9)]
    assert (hebdo.perpetrator, hebdo.claimed) == ("al-Qaeda", None)
    assert "perpetrator@0:known.paris-charlie-hebdo-2015-01-07" in hebdo.support
    assert grocery.perpetrator == "ISIS"


def test_isis_named_in_the_known_attacks_own_sentence_stays():
    # what the text says, even against the list: the list only overrules a link read elsewhere
    m = _attack("Islamic State gunmen killed 12 people at the Paris offices of the satirical magazine Charlie Hebdo "
                "on Wednesday.", dt.date(2015, 1, 10))
    assert m.perpetrator == "ISIS"


def test_an_attack_the_list_gives_to_no_group_loses_a_claim_read_elsewhere():
    text = ("A gunman killed 58 people at a country music festival in Las Vegas on Sunday night. "
            "The Islamic State claimed responsibility for the massacre.")
    m = next(m for m in extract_mentions(text, dt.date(2017, 10, 3), None) if m.kind == "attack")
    assert m.perpetrator is None and m.claimed is None
    assert "perpetrator@0:known.las-vegas-2017-10-01" in m.support


def test_a_short_window_the_text_states_at_a_town_with_one_known_attack_in_it_is_that_attack():
    m = _attack("The Islamic State attacks in Paris last week rocked the Republican race.", dt.date(2015, 11, 20))
    assert (m.date.start, m.date.end, m.date_how) == (dt.date(2015, 11, 13), dt.date(2015, 11, 13), "known")
    assert "date@0:known.paris-2015-11-13" in m.support


def test_a_short_window_with_another_toll_or_no_known_attack_in_it_keeps_its_window():
    m = _attack("Last week Islamic State gunmen killed two people in Paris.", dt.date(2015, 11, 20))
    assert m.date_how != "known" and m.date.start != m.date.end
    m = _attack("The Islamic State attacks in Paris last week rocked the race.", dt.date(2015, 10, 20))
    assert m.date_how != "known"


def test_recent_attacks_at_a_town_with_one_known_attack_in_reach_are_that_attack():
    m = _attack("The recent Islamic State attacks in Paris underscore the reality that the group will not limit "
                "itself to a near war.", dt.date(2015, 12, 7))
    assert (m.date.start, m.date_how) == (dt.date(2015, 11, 13), "known")


def test_another_groups_claim_read_elsewhere_does_not_go_to_a_known_attack_the_list_gives_to_isis():
    text = ("Gunmen killed 12 people at the Paris offices of the satirical magazine Charlie Hebdo on Wednesday. "
            "On Friday, a gunman killed four hostages at a kosher supermarket in Paris. "
            "Al-Qaeda in Yemen later claimed responsibility for the attack in Paris.")
    found = {m.date.start: m for m in extract_mentions(text, dt.date(2015, 1, 15), None) if m.kind == "attack"}
    assert found[dt.date(2015, 1, 9)].perpetrator != "al-Qaeda"


# A known captive's killing recalled in passing: one dead, the list's day and country, the rule attack.captive.
@pytest.mark.parametrize("text", [
    "Weeks after the murder of James Foley by the Islamic State, the senator called for airstrikes.",
    "Joining the Islamic State, which killed American reporter James Foley last month, is a crime.",
    "The envoy met the parents of James Foley, whose execution at the hands of ISIS shocked the country.",
    "The warnings grew louder after ISIS posted a video showing that a militant had beheaded the reporter James Foley.",
    "Foley's beheading by ISIS militants changed the debate in Washington.",
    # a statement's day dates the statement, not the killing: the list's day stands
    "The video showed the beheading of journalist James Foley, the Islamic State said on Tuesday.",
])
def test_a_known_captives_killing_recalled_in_passing_is_that_killing(text):
    m = _attack(text, dt.date(2014, 9, 20))
    assert (m.country, m.date.start, m.date_how, m.killed.best, m.rule) == \
        ("SY", dt.date(2014, 8, 19), "known", 1, "attack.captive")
    assert m.perpetrator == "ISIS" and "date@0:known.foley-2014-08-19" in m.support


@pytest.mark.parametrize("text", [
    "The Islamic State threatened to behead James Foley unless the United States paid a ransom.",
    "James Foley, a reporter held by ISIS, could be killed if the raid fails, officials said.",
    "Commandos tried to rescue James Foley from an ISIS prison in July.",
    "The Islamic State is holding James Foley and other hostages.",
])
def test_a_known_captive_named_without_his_killing_is_no_attack(text):
    assert [m for m in extract_mentions(text, dt.date(2014, 9, 20), "ISIS") if m.kind == "attack"] == []


def test_a_captives_killing_the_article_already_reports_is_not_added_twice():
    text = ("On Tuesday the Islamic State released a video showing a militant beheading the journalist James Foley. "
            "The murder of James Foley drew condemnation worldwide.")
    found = [m for m in extract_mentions(text, dt.date(2014, 8, 21), "ISIS") if m.kind == "attack"]
    assert len(found) == 1 and found[0].date.start == dt.date(2014, 8, 19)


def test_a_captive_killed_after_the_scene_the_narrative_was_on_is_killed_where_he_was_held():
    text = ("Ministers met in Paris on Saturday to plan the coalition's campaign. The Islamic State released a video "
            "late Saturday showing a militant beheading a British aid worker, David Haines.")
    m = _attack(text, dt.date(2014, 9, 14))
    assert (m.place.name, m.country, m.date.start) == (None, "SY", dt.date(2014, 9, 13))
    assert "place@1:known.haines-2014-09-13" in m.support


def test_an_attack_a_week_before_at_a_town_with_one_known_attack_is_that_attack():
    text = "A week after Islamic State fighters struck Paris, the candidate attacked the president's strategy."
    m = _attack(text, dt.date(2015, 11, 21), place="Paris")
    assert (m.date.start, m.date_how, m.perpetrator) == (dt.date(2015, 11, 13), "known", "ISIS")


def test_an_attack_hours_before_the_news_at_a_town_with_one_known_attack_that_day_is_that_attack():
    text = "The remarks came just hours after the Islamic State was blamed for another deadly attack, this time in " \
           "Istanbul."
    m = _attack(text, dt.date(2016, 1, 13))
    assert (m.place.name, m.date.start, m.date_how) == ("Istanbul", dt.date(2016, 1, 12), "known")


def test_a_recalled_known_attack_is_the_groups_in_an_article_about_it_when_the_list_says_so():
    text = "Security has been tightened since the attacks in Paris, which killed 130 people."
    m = _attack(text, dt.date(2015, 12, 1))
    assert (m.date.start, m.date_how, m.perpetrator) == (dt.date(2015, 11, 13), "known", None)
    found = [m for m in extract_mentions(text, dt.date(2015, 12, 1), "ISIS and the West") if m.kind == "attack"]
    assert [(m.perpetrator, m.attribution) for m in found] == [("ISIS", "attributed")]
    assert "perpetrator@0:known.paris-2015-11-13" in found[0].support


def test_a_denial_in_the_sentence_keeps_the_lists_author_off_a_known_attack():
    text = ("The shooting at Parliament in Ottawa, which killed a soldier, seemed taken from the Islamic State "
            "playbook, but police never found a credible connection.")
    found = [m for m in extract_mentions(text, dt.date(2015, 6, 1), "ISIS and the West") if m.kind == "attack"]
    assert [(m.date_how, m.perpetrator) for m in found] == [("known", None)]


def test_a_known_attack_that_killed_nobody_is_not_a_killing_at_its_town():
    text = ("After the New York City attack by a white supremacist who murdered a black man, the killer was charged "
            "with terrorism.")
    found = [m for m in extract_mentions(text, dt.date(2019, 3, 20), None) if m.kind == "attack"]
    assert all(m.date_how != "known" for m in found)


def test_the_day_of_another_occasion_does_not_date_the_attack():
    text = ("A suspected terror attack on one of Paris' famous avenues cut short campaigning in Sunday's presidential "
            "election, and the killing of a policeman on the Champs-Elysees may sway voters.")
    m = _attack(text, dt.date(2017, 4, 21))
    assert (m.date.start, m.date_how) == (dt.date(2017, 4, 20), "known")


def test_a_known_attack_told_on_its_day_at_its_town_takes_the_lists_author_in_an_article_about_isis():
    text = "Yesterday explosions rocked the area outside the national stadium in Paris during a soccer match."
    found = [m for m in extract_mentions(text, dt.date(2015, 11, 14), "ISIS and the Paris attacks")
             if m.kind == "attack"]
    assert [(m.date.start, m.perpetrator) for m in found] == [(dt.date(2015, 11, 13), "ISIS")]
    assert "perpetrator@0:known.paris-2015-11-13" in found[0].support


@pytest.mark.parametrize("text", [
    "Prosecutors say Saipov's deadly attack was carried out in the name of the Islamic State.",
    "Lawyers for the defendant argue that Saipov’s rampage had no link to ISIS.",
])
def test_an_attack_named_by_its_attackers_possessive_is_the_known_attack_on_its_day(text):
    m = _attack(text, dt.date(2017, 11, 20))
    assert (m.place.name, m.date.start, m.date_how) == ("New York", dt.date(2017, 10, 31), "known")
    assert "date@0:known.new-york-2017-10-31" in m.support


def test_an_attackers_possessive_on_an_attack_the_article_already_told_adds_no_second_one():
    text = ("A man drove a rented truck down a bike path in New York on Tuesday, killing eight people. "
            "Prosecutors say Saipov's deadly attack was carried out in the name of the Islamic State.")
    found = [m for m in extract_mentions(text, dt.date(2017, 11, 2), None) if m.kind == "attack"]
    assert [(m.place.name, m.date.start) for m in found] == [("New York", dt.date(2017, 10, 31))]


@pytest.mark.parametrize("text", [
    "The Islamic State claimed responsibility for the downing of a Russian passenger jet, with the loss of 224 lives.",
    "ISIS said it was behind the bombing of the Russian airliner, which killed 224 people.",
])
def test_the_downing_of_an_airliner_the_list_knows_is_that_attack(text):
    m = _attack(text, dt.date(2015, 11, 20))
    assert (m.place.name, m.country, m.date.start, m.perpetrator) == ("Sinai", "EG", dt.date(2015, 10, 31), "ISIS")


def test_the_loss_of_lives_counts_the_dead():
    text = ("The Islamic State claimed responsibility for the downing of a Russian passenger jet, with the loss of "
            "224 lives.")
    assert _attack(text, dt.date(2015, 11, 20)).killed.best == 224


@pytest.mark.parametrize("text", [
    "Turkish F-16s shot down a Russian warplane on Tuesday, and Moscow called the downing of the fighter jet a crime.",
    "Officials are still investigating the downing of a Malaysian passenger jet over Ukraine.",
])
def test_the_downing_of_a_warplane_or_an_airliner_the_list_does_not_know_is_no_known_attack(text):
    found = [m for m in extract_mentions(text, dt.date(2015, 11, 25), None) if m.kind == "attack"]
    assert all(m.date_how != "known" and (m.place is None or m.place.name != "Sinai") for m in found)


@pytest.mark.parametrize("title, known", [
    ("Istanbul airport reopens amid shattered glass", True),
    ("Turkey mourns as flights resume", False),
])
def test_the_first_sentences_reference_to_the_headlines_town_is_the_articles_own_attack(title, known):
    text = ("The president said the terror attack on Istanbul's airport would not divide the country. "
            "Officials said the Islamic State was behind it.")
    found = [m for m in extract_mentions(text, dt.date(2016, 6, 29), title) if m.kind == "attack"]
    if known:
        assert [(m.place.name, m.date.start, m.date_how) for m in found] == \
            [("Istanbul", dt.date(2016, 6, 28), "known")]
    else:
        assert found == []


def test_a_reference_to_the_headlines_town_after_the_first_sentence_stays_a_reference():
    text = ("Travelers returned on Wednesday. The president said the terror attack on Istanbul's airport would not "
            "divide the country.")
    found = [m for m in extract_mentions(text, dt.date(2016, 6, 29), "Istanbul airport reopens") if m.kind == "attack"]
    assert found == []


def test_downing_an_airliner_over_egypt_is_the_known_attack_and_another_attack_after_it_is_its_own():
    text = ("The Islamic State claimed credit for downing a Russian jet over Egypt and for suicide bombings in a "
            "Beirut suburb last week.")
    found = {m.country: m for m in extract_mentions(text, dt.date(2015, 11, 16), "ISIS") if m.kind == "attack"}
    assert (found["EG"].date.start, found["EG"].perpetrator) == (dt.date(2015, 10, 31), "ISIS")
    assert (found["LB"].place.name, found["LB"].date.start) == ("Beirut", dt.date(2015, 11, 12))


def test_a_first_sentence_recalling_the_headlines_fresh_attack_is_the_articles_own():
    text = "Foreign policy took over the campaign in the wake of the deadly attacks in Paris."
    found = [m for m in extract_mentions(text, dt.date(2015, 11, 16), "Paris attacks become focus of race")
             if m.kind == "attack"]
    assert [(m.place.name, m.date.start, m.date_how) for m in found] == [("Paris", dt.date(2015, 11, 13), "known")]
    assert [m for m in extract_mentions(text, dt.date(2016, 3, 1), "Paris attacks become focus of race")
            if m.kind == "attack"] == []


def test_attacks_the_list_knows_in_several_towns_of_one_country_are_placed_in_that_country():
    text = ("The president pledged to improve security in the wake of a series of bombings on Easter Sunday that "
            "killed more than 260 people. The Islamic State claimed responsibility for the attacks.")
    m = _attack(text, dt.date(2019, 11, 20))
    assert (m.place.name, m.country, m.killed.best, m.perpetrator) == (None, "LK", 260, "ISIS")


def test_bringing_down_a_russian_flight_over_egypt_is_the_known_attack():
    m = _attack("The Islamic State claimed credit for bringing down a Russian flight over Egypt.", dt.date(2015, 12, 1))
    assert (m.place.name, m.date.start, m.claimed) == ("Sinai", dt.date(2015, 10, 31), True)


@pytest.mark.parametrize("text", [
    "What is much clearer is that the Paris attacks have recast how the West views the Islamic State.",
    "France has pushed for this since the Paris attacks last month, and the Islamic State is on the defensive.",
])
def test_a_bare_reference_in_an_article_about_isis_is_the_known_attack_in_the_weeks_before(text):
    found = [m for m in extract_mentions(text, dt.date(2015, 12, 6), "ISIS and the West") if m.kind == "attack"]
    assert [(m.place.name, m.date.start, m.date_how, m.perpetrator) for m in found] == \
        [("Paris", dt.date(2015, 11, 13), "known", "ISIS")]


@pytest.mark.parametrize("text, published", [
    # not about the group: the reference stays a reference
    ("What is much clearer is that the Paris attacks have recast the campaign.", dt.date(2015, 12, 6)),
    # ten months later, no known attack in the three months before publication
    ("What is much clearer is that the Paris attacks have recast how the West views the Islamic State.",
     dt.date(2016, 9, 6)),
])
def test_a_bare_reference_outside_an_article_about_isis_or_long_after_is_no_attack(text, published):
    assert [m for m in extract_mentions(text, published, None) if m.kind == "attack"] == []


def test_a_remembered_event_names_no_doer_and_the_list_beats_a_group_named_beside_another_attack():
    text = ("As raw as our memories of 9/11 are, the coverage of the Paris terrorist attacks has been horrifying, and "
            "the Islamic State gloats.")
    found = [m for m in extract_mentions(text, dt.date(2015, 11, 25), "ISIS and the West") if m.kind == "attack"]
    assert [(m.date.start, m.perpetrator) for m in found] == [(dt.date(2015, 11, 13), "ISIS")]
    text = ("Mateen made reference to both Isis and the Tsarnaev brothers, who were responsible for the Boston "
            "bombings. He pledged allegiance to the Islamic State.")
    found = [m for m in extract_mentions(text, dt.date(2016, 6, 14), "Orlando") if m.kind == "attack"]
    assert [(m.place.name, m.date.start, m.perpetrator) for m in found] == [("Boston", dt.date(2013, 4, 15), None)]


def test_a_name_the_list_gives_the_attack_tied_to_the_group_gives_it_the_lists_author():
    text = ("Four hostages were killed in the standoff at a Paris kosher grocery store on Friday. A man claiming to be "
            "Amedy Coulibaly told the station that he belonged to the Islamist militant group ISIS.")
    found = [m for m in extract_mentions(text, dt.date(2015, 1, 10), "Standoffs in France") if m.kind == "attack"]
    assert [(m.date.start, m.perpetrator) for m in found] == [(dt.date(2015, 1, 9), "ISIS")]
    assert "perpetrator@1:known.paris-hypercacher-2015-01-09" in found[0].support
    # the group named beside a venue, with no tie to the attacker, gives no author
    text = ("Four hostages were killed in the standoff at a Paris kosher grocery store on Friday. Attacks on a "
            "Jewish supermarket have long been encouraged by ISIS.")
    found = [m for m in extract_mentions(text, dt.date(2015, 1, 10), "Standoffs in France") if m.kind == "attack"]
    assert [m.perpetrator for m in found] == [None]
