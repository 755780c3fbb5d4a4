"""Tests for attrition.extract.places (gazetteer matching of places in news text)."""

import pytest

from attrition.extract.places import PLACES_CSV, Place, PlaceMatch, default_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def _found(gaz, text, countries=frozenset()):
    return [(m.surface, m.place.name, m.place.country, m.how) for m in gaz.find(text, countries)]


def test_seed_file_is_found():
    assert PLACES_CSV.name == "places.csv"
    assert PLACES_CSV.is_file()


def test_default_gazetteer_is_cached():
    assert default_gazetteer() is default_gazetteer()


@pytest.mark.parametrize(
    ("spelling", "name", "country"),
    [
        ("Kobane", "Kobani", "SY"),
        ("Ayn al-Arab", "Kobani", "SY"),
        ("Ain al-Arab", "Kobani", "SY"),
        ("Deir Ezzor", "Deir ez-Zor", "SY"),
        ("Deir el-Zour", "Deir ez-Zor", "SY"),
        ("Deir al-Zour", "Deir ez-Zor", "SY"),
        ("Nassiriya", "Nasiriyah", "IQ"),
        ("Nasiriya", "Nasiriyah", "IQ"),
        ("Raqqah", "Raqqa", "SY"),
        ("Al-Raqqa", "Raqqa", "SY"),
        ("Rakka", "Raqqa", "SY"),
        ("Tell Abyad", "Tal Abyad", "SY"),
        ("Susah", "Sousse", "TN"),
        ("Bayji", "Baiji", "IQ"),
        ("Beiji", "Baiji", "IQ"),
        ("Tadmur", "Palmyra", "SY"),
        ("Falluja", "Fallujah", "IQ"),
        ("Shingal", "Sinjar", "IQ"),
        ("Al-Bukamal", "Abu Kamal", "SY"),
        ("Mayadin", "Al-Mayadin", "SY"),
        ("Sirte", "Sirte", "LY"),
        ("Marawi", "Marawi", "PH"),
    ],
)
def test_spellings_resolve_in_text(gaz, spelling, name, country):
    text = f"Fighting continued in {spelling} on Monday."
    matches = gaz.find(text)
    assert len(matches) == 1
    m = matches[0]
    assert m.surface == spelling
    assert (m.place.name, m.place.country) == (name, country)
    assert text[m.start : m.end] == spelling


@pytest.mark.parametrize(
    ("spelling", "name", "country"),
    [
        ("Kobane", "Kobani", "SY"),
        ("deir ezzor", "Deir ez-Zor", "SY"),
        ("NASSIRIYA", "Nasiriyah", "IQ"),
        ("Raqqah", "Raqqa", "SY"),
        ("Soussse", "Sousse", "TN"),
        ("Mosull", "Mosul", "IQ"),
        ("Champs-Élysées", "Paris", "FR"),
    ],
)
def test_lookup(gaz, spelling, name, country):
    place = gaz.lookup(spelling)
    assert place is not None
    assert (place.name, place.country) == (name, country)


def test_lookup_country_and_unknown(gaz):
    assert gaz.lookup("Iraq") == Place(None, "IQ", None, None, "country")
    assert gaz.lookup("Xyzzyville") is None
    assert gaz.lookup("") is None


def test_typo_is_fuzzy(gaz):
    [m] = gaz.find("a gunman opened fire on a beach near Soussse on Friday")
    assert (m.surface, m.place.name, m.place.country, m.how) == ("Soussse", "Sousse", "TN", "fuzzy")


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        ("attacks in the French capital", "the French capital", "Paris", "FR"),
        ("a bomb in the Belgian capital", "the Belgian capital", "Brussels", "BE"),
        ("the British capital was on alert", "the British capital", "London", "GB"),
        ("gunmen stormed Iran's parliament", "Iran's parliament", "Tehran", "IR"),
        ("gunmen stormed Iran\u2019s parliament", "Iran\u2019s parliament", "Tehran", "IR"),
        ("a blast in the capital of Iraq", "the capital of Iraq", "Baghdad", "IQ"),
        ("Turkey's capital was hit", "Turkey's capital", "Ankara", "TR"),
    ],
)
def test_descriptive_places(gaz, text, surface, name, country):
    [m] = gaz.find(text)
    assert m.surface == surface
    assert text[m.start : m.end] == surface
    assert (m.place.name, m.place.country, m.how) == (name, country, "descriptive")


def test_possessive_country(gaz):
    text = "Iran's leaders said"
    [m] = gaz.find(text)
    assert (m.surface, m.place.name, m.place.country, m.how) == ("Iran", None, "IR", "country")


def test_landmark_maps_to_city(gaz):
    text = "the bomb on the tube train at Parsons Green station."
    [m] = gaz.find(text)
    assert m.surface == "Parsons Green station"
    assert m.place.name == "London"
    assert m.place.country == "GB"
    assert m.place.precision == "landmark"
    assert m.place.lat is not None and m.place.lon is not None


def test_champs_elysees_of_paris(gaz):
    text = "rammed his vehicle into a police van on the Champs Elysees of Paris."
    matches = gaz.find(text)
    assert matches
    for m in matches:
        assert (m.place.name, m.place.country) == ("Paris", "FR")
    assert matches[0].place.precision == "landmark"


@pytest.mark.parametrize(
    "text",
    [
        "Adam Dzaziri, 31, rammed his vehicle",
        "One thought on this",
        "Van drivers were stopped.",
        "It happened. Van drivers were stopped.",
        "Mobile phones were found.",
        "Reading the report, he left.",
        "He met Mary in March and May.",
        "Us too, they said.",
        "the point is moot",
        "Lindsey Graham said so",
        "Kurdish fighters advanced",
        "President Obama said",
        "a report in the Washington Post",
        "He met Joseph G. Ramsey there",
    ],
)
def test_no_false_places(gaz, text):
    assert gaz.find(text) == []


def test_nice_only_mid_sentence(gaz):
    assert gaz.find("Nice weather today.") == []
    [m] = gaz.find("The truck attack in Nice killed 86.")
    assert (m.place.name, m.place.country) == ("Nice", "FR")


def test_demonym_and_town(gaz):
    found = _found(gaz, "the northern Iraqi town of Sinjar")
    assert found == [("Iraqi", None, "IQ", "demonym"), ("Sinjar", "Sinjar", "IQ", "alias")] or found == [
        ("Iraqi", None, "IQ", "demonym"),
        ("Sinjar", "Sinjar", "IQ", "gazetteer"),
    ]


def test_kurdish_is_not_a_country(gaz):
    assert gaz.lookup("Kurdish") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("U.S.-led coalition airstrikes", "US"),
        ("the US and its allies", "US"),
        ("the UK government", "GB"),
        ("Britain raised its threat level", "GB"),
        ("Turkey closed the border", "TR"),
        ("Syria's army", "SY"),
        ("flights to Russia", "RU"),
        ("America was attacked", "US"),
    ],
)
def test_countries(gaz, text, code):
    [m] = gaz.find(text)
    assert m.how == "country"
    assert m.place == Place(None, code, None, None, "country")


def test_america_inside_longer_name_is_not_the_country(gaz):
    assert gaz.find("fighters from Latin America and South America") == []


def test_ambiguous_defaults_to_most_populous(gaz):
    [m] = gaz.find("They struck Paris again.")
    assert m.place.country == "FR"


def test_countries_context_prefers_candidate(gaz):
    [default] = gaz.find("a bombing in Tripoli")
    [lebanon] = gaz.find("a bombing in Tripoli", frozenset({"LB"}))
    assert default.place.country == "LY"
    assert lebanon.place.country == "LB"


def test_multiword_names(gaz):
    text = "Tal Abyad, Deir ez-Zor, Abu Kamal, Al-Mayadin, Saint-Denis, San Bernardino and New York"
    found = [(m.surface, m.place.name, m.place.country) for m in gaz.find(text)]
    assert found == [
        ("Tal Abyad", "Tal Abyad", "SY"),
        ("Deir ez-Zor", "Deir ez-Zor", "SY"),
        ("Abu Kamal", "Abu Kamal", "SY"),
        ("Al-Mayadin", "Al-Mayadin", "SY"),
        ("Saint-Denis", "Saint-Denis", "FR"),
        ("San Bernardino", "San Bernardino", "US"),
        ("New York", "New York", "US"),
    ]


def test_longest_match_wins(gaz):
    text = "explosion at Brussels central station and Parsons Green station"
    found = [m.surface for m in gaz.find(text)]
    assert found == ["Brussels central station", "Parsons Green station"]


def test_offsets_exact_with_accents_and_curly_quotes(gaz):
    text = "Police at the Champs-\u00c9lys\u00e9es, ISIS\u2019s base in Raqqa and Iran\u2019s capital."
    matches = gaz.find(text)
    assert [m.surface for m in matches] == ["Champs-\u00c9lys\u00e9es", "Raqqa", "Iran\u2019s capital"]
    for m in matches:
        assert isinstance(m, PlaceMatch)
        assert text[m.start : m.end] == m.surface
    starts = [m.start for m in matches]
    assert starts == sorted(starts)
    for a, b in zip(matches, matches[1:], strict=False):
        assert a.end <= b.start


def test_geonames_city_has_id(gaz):
    [m] = gaz.find("a shooting in Orlando")
    assert m.place.country == "US"
    assert m.place.precision == "city"
    [m] = gaz.find("an attack in Kabul")
    assert m.place.geonameid is not None


def test_regions(gaz):
    found = _found(gaz, "militants in Sinai, Anbar and the West Bank")
    assert [(s, n, c) for s, n, c, _ in found] == [
        ("Sinai", "Sinai", "EG"),
        ("Anbar", "Anbar", "IQ"),
        ("West Bank", "West Bank", "PS"),
    ]
    assert gaz.lookup("Sinai").precision == "region"


def test_country_name(gaz):
    assert gaz.country_name("IQ") == "Iraq"
    assert gaz.country_name("sy") == "Syria"
    assert gaz.country_name("IR") == "Iran"
    assert gaz.country_name("GB") == "United Kingdom"


def test_gazetteer_disk_cache_round_trip(tmp_path, monkeypatch):
    from attrition.extract import places as pl

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = pl.load_gazetteer(PLACES_CSV)            # builds and writes the cache
    assert list((tmp_path / "attrition").glob("gazetteer-*.pickle"))
    loaded = pl.load_gazetteer(PLACES_CSV)           # reads it back
    assert loaded is not built
    assert loaded._index == built._index and loaded._prefixes == built._prefixes
    text = "A car bomb exploded in Kirkuk, near the Syrian border, and in the French capital."
    assert loaded.find(text) == built.find(text)
    assert loaded.lookup("Soussse") == built.lookup("Soussse")


def _where(gaz, text, people=frozenset()):
    return [(m.surface, m.place.name, m.place.country) for m in gaz.find(text, people=people)]


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        ("The gunman lived with his mother in Alexandria, Va., until May.", "Alexandria", "Alexandria", "US"),
        ("Two officers were shot in Portland, Ore., late on Sunday.", "Portland", "Portland", "US"),
        ("A rally in Portland, Maine drew a crowd.", "Portland", "Portland", "US"),
        ("He grew up in Paris, Texas, before enlisting.", "Paris", "Paris", "US"),
        ("The couple opened fire in San Bernardino, California, at a party.", "San Bernardino", "San Bernardino", "US"),
        ("She was detained in Garner, N.C., last week.", "Garner", "Garner", "US"),
        ("A man from Clinton, Iowa, was charged on Friday.", "Clinton", "Clinton", "US"),
        ("The suspect was arrested in Jackson, Miss., on Monday.", "Jackson", "Jackson", "US"),
        ("Fans gathered in Athens, Georgia, after the game.", "Athens", "Athens", "US"),
        ("A gunman killed tourists near Sousse, Tunisia on the beach.", "Sousse", "Sousse", "TN"),
        ("Twin car bombs hit Tripoli, Lebanon's second city.", "Tripoli", "Tripoli", "LB"),
    ],
)
def test_town_then_state_or_country_picks_that_town(gaz, text, surface, name, country):
    assert (surface, name, country) in _where(gaz, text)


def test_state_after_town_is_consumed_and_country_kept(gaz):
    assert _where(gaz, "a fire in Atlanta, Georgia, on Friday") == [("Atlanta", "Atlanta", "US")]
    assert _where(gaz, "a protest in Tbilisi, Georgia") == [("Tbilisi", "Tbilisi", "GE"), ("Georgia", None, "GE")]
    # a US town the gazetteer does not know: the state is the place, not Lisbon in Portugal
    assert _where(gaz, "the federal prison in Lisbon, Ohio, where") == [("Ohio", "Ohio", "US")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Chicago, New York and Boston raised alerts.",
        "On Capitol Hill, California Sen. Dianne Feinstein objected.",
        "Rallies in Dallas, Kansas City and Denver went ahead.",
    ],
)
def test_list_of_places_is_not_a_qualifier(gaz, text):
    found = _where(gaz, text)
    assert found[0][2] == "US" and found[0][1] is not None


def test_tbilisi_list_of_countries_not_qualifier(gaz):
    assert _where(gaz, "refugees from Lebanon, Syria and Iraq") == [
        ("Lebanon", None, "LB"), ("Syria", None, "SY"), ("Iraq", None, "IQ")
    ]


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        ("Bushfires spread across New South Wales this week.", "New South Wales", "New South Wales", "AU"),
        ("A storm hit New England overnight.", "New England", "New England", "US"),
        ("He was born in British Columbia.", "British Columbia", "British Columbia", "CA"),
        ("Clashes flared again in Kashmir on Sunday.", "Kashmir", "Kashmir", "IN"),
        ("Peshmerga forces in Iraqi Kurdistan held the line.", "Iraqi Kurdistan", "Kurdistan Region", "IQ"),
        ("Camps in Xinjiang were expanded.", "Xinjiang", "Xinjiang", "CN"),
        ("Suicide bombers struck in Chechnya.", "Chechnya", "Chechnya", "RU"),
        ("a rally in Islamabad on Friday", "Islamabad", "Islamabad", "PK"),
    ],
)
def test_multiword_names_and_regions(gaz, text, surface, name, country):
    assert _where(gaz, text) == [(surface, name, country)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Voters in New Mexico, New Jersey and West Virginia", ["New Mexico", "New Jersey", "West Virginia"]),
        ("fighting in South Sudan and Papua New Guinea", ["South Sudan", "Papua New Guinea"]),
        ("troops in Guinea-Bissau and Northern Ireland", ["Guinea-Bissau", "Northern Ireland"]),
        ("homes in East Jerusalem were razed", ["East Jerusalem"]),
    ],
)
def test_longest_multiword_name_wins(gaz, text, expected):
    assert [s for s, _, _ in _where(gaz, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Secretary of State Mike Pompeo said the strikes had worked.",
        "Pompeo said the strikes had worked.",
        "Sen. Rubio and Gov. Walker met donors.",
        "former secretary Pompeo flew home.",
        "Garner said the city was safe.",
        "Rubio told reporters he would run.",
        "Kim warned of a new test.",
        "Carney argued the point.",
        "Rubio's campaign denied it.",
        "Parnas, who is seeking immunity, spoke.",
        "Ms. Harper, 62, is a registered Democrat.",
        "The regime of Bashar al-Assad denied it.",
        "Sen. Mark Warner criticized the move.",
        "It's a snapshot, Durbin told us.",
        "The rules, said Davis, were clear.",
        "The GAO and DACA and an SUV and MAGA hats.",
    ],
)
def test_people_and_acronyms_are_not_towns(gaz, text):
    assert [m for m in gaz.find(text) if m.place.precision == "city"] == []


def test_surname_from_elsewhere_in_the_article(gaz):
    from attrition.extract.places import person_surnames

    article = "The journalist James Foley was taken in 2012. Foley was beheaded by ISIS in 2014."
    people = person_surnames(article)
    assert "foley" in people
    assert _where(gaz, "Foley was beheaded by ISIS in 2014.", people) == []
    assert _where(gaz, "Foley was beheaded by ISIS in 2014.") == [("Foley", "Foley", "US")]
    # a place all the same with a state after it or a preposition before it
    assert _where(gaz, "He grew up in Foley, Alabama.", people) == [("Foley", "Foley", "US")]
    assert _where(gaz, "She moved to a farm in Foley last year.", people) == [("Foley", "Foley", "US")]


def test_a_name_given_with_an_age_is_a_person(gaz):
    from attrition.extract.places import person_surnames

    article = ("Among the dead was Habiba Ahmed Abd Elaziz, 26, a reporter for the Gulf News. "
               "Deane and Elaziz were shot to death, their employers said.")
    assert "elaziz" in person_surnames(article)
    assert _where(gaz, "Deane and Elaziz were shot to death, their employers said.", person_surnames(article)) == []


def test_in_sentence_full_name_marks_surname(gaz):
    assert _where(gaz, "Marco Rubio spoke first; later Rubio was asked about Syria.") == [("Syria", None, "SY")]


def test_fuzzy_refuses_surnames_plurals_and_adjectives(gaz):
    assert _where(gaz, "India and Pakistan both claim Kashmir.")[-1] == ("Kashmir", "Kashmir", "IN")
    for text in ("Sen. Durbin objected.", "the spirits of Texans", "Both attacks were linked to Chechnyan rebels.",
                 "No Open Borders (Crimes & Drugs).", "Latino voters turned out."):
        assert [m for m in gaz.find(text) if m.how == "fuzzy"] == [], text
    [m] = gaz.find("a gunman opened fire on a beach near Soussse on Friday")
    assert m.how == "fuzzy"


def test_plural_demonyms_are_not_places(gaz):
    assert _where(gaz, "Americans, Iranians, Afghans and Palestinians were among the dead.") == []
    found = gaz.find("The Syrian army and Iraqi forces advanced; a Swiss envoy went to the Swiss capital.")
    assert [(m.surface, m.place.country, m.how) for m in found] == [
        ("Syrian", "SY", "demonym"), ("Iraqi", "IQ", "demonym"), ("Swiss", "CH", "demonym"),
        ("the Swiss capital", "CH", "descriptive"),
    ]


def test_real_towns_still_match(gaz):
    assert _where(gaz, "The attack in Garner left two dead.") == [("Garner", "Garner", "US")]
    assert _where(gaz, "GAZA CITY (AP) - Israel struck.")[0] == ("GAZA CITY", "Gaza", "PS")
    assert _where(gaz, "In Vancouver, 50,000 people marched.") == [("Vancouver", "Vancouver", "CA")]
    assert _where(gaz, "voters in Northampton told the paper")[0][0] == "Northampton"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the first word of a hyphenated compound is not a place of its own
        ("Children were playing in Gulshan-e-Iqbal Park when the bomber struck.",
         [("Gulshan-e-Iqbal Park", "Lahore", "PK")]),
        ("Ships pass through Bab-el-Mandeb every day.", []),
        ("Rallies by Lashkar-e-Taiba and Jaish-e-Mohammed supporters.", []),
        ("Shoppers at the Wal-Marts nearby fled.", []),
        # names whose parts are joined by hyphens or particles still match whole
        ("Troops entered Deir ez-Zor and Ayn al-Arab.", [("Deir ez-Zor", "Deir ez-Zor", "SY"),
                                                         ("Ayn al-Arab", "Kobani", "SY")]),
        ("Tourists left Sharm el-Sheikh after the crash.", [("Sharm el-Sheikh", "Sharm el-Sheikh", "EG")]),
        ("A blast in Mazar-i-Sharif killed four.", [("Mazar-i-Sharif", "Mazar-e Sharif", "AF")]),
        ("A Mosul-based cleric spoke.", [("Mosul", "Mosul", "IQ")]),
        ("Flights left Winston-Salem late.", [("Winston-Salem", "Winston-Salem", "US")]),
    ],
)
def test_hyphenated_compounds(gaz, text, expected):
    assert _where(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "state"),
    [
        ("He lived in Warsaw, Ind., until he enlisted.", "Ind.", "Indiana"),
        ("He lived in Warsaw, IN until he enlisted.", "IN", "Indiana"),
        ("A shooting in Barre, Vt., in August left four dead.", "Vt.", "Vermont"),
        ("The inmate stabbed a guard in Canaan, Pa. last month.", "Pa.", "Pennsylvania"),
        ("The massacre in Newton, Conn., shocked the country.", "Conn.", "Connecticut"),
    ],
)
def test_unknown_town_with_abbreviated_state_gives_the_state(gaz, text, surface, state):
    found = gaz.find(text)
    assert [(m.surface, m.place.name, m.place.country, m.place.precision) for m in found] == [
        (surface, state, "US", "region")
    ]


def test_abbreviated_state_after_a_known_town_is_only_a_qualifier(gaz):
    assert _where(gaz, "the school in Newtown, Conn., where") == [("Newtown", "Newtown", "US")]
    assert _where(gaz, "Jane Doe, MD, said the wounds were deep") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # company, paper and team names are not places
        ("He spent 30 years at Bethlehem Steel before it closed.", []),
        ("The hijacked jet was a Qatar Airways flight.", []),
        ("A senior Pentagon official told The Washington Times.", []),
        ("The lead op-ed in the St. Louis Post-Dispatch called for calm.", []),
        ("Jonathan Chait of New York Magazine wrote it.", []),
        ("A bomber blew himself up at the Kabul Bank in Jalalabad.", [("Jalalabad", "Jalalabad", "AF")]),
        ("He teaches at the American University of Beirut.", [("Beirut", "Beirut", "LB")]),
        # but a town before people, offices or a school named for it is the town
        ("“Last year, I was angry,” said Denver marcher Anya Chavez, 14.", [("Denver", "Denver", "US")]),
        ("The city of Galveston said the beaches would close.", [("Galveston", "Galveston", "US")]),
        ("Officials told Denver's mayor about the threat.", [("Denver", "Denver", "US")]),
        ("Facebook said Christchurch attack footage spread fast.", [("Christchurch", "Christchurch", "NZ")]),
        ("A gunman fired near Santa Monica College in 2013.", [("Santa Monica", "Santa Monica", "US")]),
        ("Two were shot in a Central Michigan University dorm.", [("Michigan", "Michigan", "US")]),
    ],
)
def test_company_names_and_town_attributes(gaz, text, expected):
    assert _where(gaz, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A car rammed into Lai's home last year.",
        "The department opened a probe into Sterling's death.",
        "An explosion at St George's Coptic church killed 27 people.",
        "The president held a Bible in front of St. John's Church.",
        "Set off pipe bombs, the plan said.",
        "Dorsey was the victim of a Sim swap attack.",
        "Militants have attacked Ahmadi mosques for years.",
        "The minister told Al-Ahram on Sunday.",
        "Gunmen attacked the CIA Annex that night.",
    ],
)
def test_people_churches_and_words_are_not_towns(gaz, text):
    assert [m for m in gaz.find(text) if m.place.precision != "country"] == [], text


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        ("A gunman killed seven near Odessa and Midland, Texas.", "Odessa", "Odessa", "US"),
        ("The 1963 bombing of a church in Birmingham, Alabama, killed four girls.", "Birmingham", "Birmingham", "US"),
        ("Police in Savannah and across Georgia were on alert.", "Georgia", "Georgia", "US"),
        ("Fighters from Georgia and Chechnya joined ISIS.", "Georgia", None, "GE"),
        ("The US condemned the bombing in Alexandria.", "Alexandria", "Alexandria", "EG"),
        ("Ten died at Santa Fe High School in Texas.", "Santa Fe High School", "Santa Fe", "US"),
        ("A shooting on the Long Island Rail Road in 1993.", "Long Island", "Long Island", "US"),
    ],
)
def test_ambiguous_name_takes_the_country_of_places_nearby(gaz, text, surface, name, country):
    assert (surface, name, country) in _where(gaz, text)


@pytest.mark.parametrize(
    ("text", "surface", "name", "country"),
    [
        ("Gunmen attacked the Curtis Culwell Center on Sunday.", "Curtis Culwell Center", "Garland", "US"),
        ("The siege at the Lindt Café ended at 2 a.m.", "Lindt Café", "Sydney", "AU"),
        ("Hostages were held in Martin Place.", "Martin Place", "Sydney", "AU"),
        ("The gunman entered Pulse nightclub at 2 a.m.", "Pulse nightclub", "Orlando", "US"),
        ("Gunmen stormed the Bataclan during a concert.", "Bataclan", "Paris", "FR"),
        ("A bomber struck Manchester Arena after a concert.", "Manchester Arena", "Manchester", "GB"),
        ("A car mowed down people on Westminster Bridge.", "Westminster Bridge", "London", "GB"),
        ("The couple attacked the Inland Regional Center.", "Inland Regional Center", "San Bernardino", "US"),
        ("A gunman attacked the Reina nightclub.", "Reina nightclub", "Istanbul", "TR"),
        ("Bombers struck Ataturk Airport on Tuesday.", "Ataturk Airport", "Istanbul", "TR"),
        ("Blasts hit Zaventem airport and Maelbeek station.", "Zaventem airport", "Brussels", "BE"),
        ("Blasts hit Zaventem airport and Maelbeek station.", "Maelbeek", "Brussels", "BE"),
        ("A truck drove along the Promenade des Anglais.", "Promenade des Anglais", "Nice", "FR"),
        ("A truck hit the market at Breitscheidplatz.", "Breitscheidplatz", "Berlin", "DE"),
        ("A policeman was shot on the Champs-Élysées.", "Champs-Élysées", "Paris", "FR"),
        ("Bombers blew themselves up outside Stade de France.", "Stade de France", "Saint-Denis", "FR"),
        ("A gunman stormed Parliament Hill.", "Parliament Hill", "Ottawa", "CA"),
        ("A gunman opened fire at the Sousse beach resort.", "Sousse beach resort", "Sousse", "TN"),
        ("The gunman walked the beach at Port El Kantaoui.", "Port El Kantaoui", "Sousse", "TN"),
        ("Gunmen attacked the Bardo Museum.", "Bardo Museum", "Tunis", "TN"),
        ("A truck bomb in Karrada killed hundreds.", "Karrada", "Baghdad", "IQ"),
        ("A bomber struck the Sehwan shrine.", "Sehwan shrine", "Sehwan", "PK"),
        ("Gunmen stormed Kabul University.", "Kabul University", "Kabul", "AF"),
        ("An attack at Ohio State University injured 11.", "Ohio State University", "Columbus", "US"),
        ("Gunmen attacked the Corinthia Hotel.", "Corinthia Hotel", "Tripoli", "LY"),
        ("A bomber struck the Imam Sadiq mosque.", "Imam Sadiq mosque", "Kuwait City", "KW"),
        ("A blast hit the Botroseya church.", "Botroseya church", "Cairo", "EG"),
        ("Gunmen attacked the Rawda mosque.", "Rawda mosque", "Bir al-Abed", "EG"),
        ("Bombs hit St. Anthony's Shrine.", "St. Anthony's Shrine", "Colombo", "LK"),
        ("A bomb exploded at the Erawan shrine.", "Erawan shrine", "Bangkok", "TH"),
    ],
)
def test_attack_site_landmarks(gaz, text, surface, name, country):
    assert (surface, name, country) in _where(gaz, text)


def test_capitals_and_us_territories_keep_their_country(gaz):
    assert ("Moscow", "Moscow", "RU") in _where(gaz, "talks between Washington and Moscow on the attack")
    assert ("San Juan", "San Juan", "PR") in _where(gaz, "Trump tweeted at the San Juan mayor from New Jersey")
    assert _where(gaz, "a shooting in Marysville-Pilchuck High School") == [
        ("Marysville-Pilchuck High School", "Marysville", "US")
    ]
    text = "Three were killed in Tripoli, another in Sidon and one in Beirut."
    assert ("Tripoli", "Tripoli", "LB") in _where(gaz, text)


@pytest.mark.parametrize("text, country", [
    ("Militants killed five Egyptian soldiers in an attack in Rafah on Tuesday.", "EG"),   # the Egyptian town
    ("Israeli strikes hit Rafah in Gaza.", "PS"),
])
def test_rafah_on_either_side_of_the_border_by_the_country_the_sentence_names(gaz, text, country):
    assert [m.place.country for m in gaz.find(text) if m.surface == "Rafah"] == [country]


def test_each_countrys_capital_survives_the_disk_cache():
    from attrition.extract.places import _from_plain, _to_plain, default_gazetteer
    g = default_gazetteer()
    again = _from_plain(_to_plain(g))
    assert again.capital_of("KW").name == g.capital_of("KW").name == "Kuwait City"
    assert again.capital_of("ZZ") is None


@pytest.mark.parametrize("text, expected", [
    ("Gunmen attacked a camp in Patikul town in Sulu province.", ["Patikul", "Sulu province"]),
    ("The mayor spoke in Springfield town hall on Monday.", ["Springfield"]),
])
def test_a_name_the_gazetteer_does_not_know_before_town(text, expected):
    assert [m.surface for m in default_gazetteer().find(text)] == expected


def test_a_name_of_several_words_before_its_descriptor_is_a_town(gaz):
    found = gaz.find("Iraqi troops retook Khirbet al-Dawa, a village on the Euphrates in Anbar, on Monday.")
    assert [(m.surface, m.place.country, m.how) for m in found if m.how == "descriptor"] == \
        [("Khirbet al-Dawa", "IQ", "descriptor")]


def test_a_town_the_article_introduced_is_known_by_its_bare_name_later(gaz):
    village = Place("Tel Khatun", "IQ", None, None, "city")
    text = "Shiite militias drove the militants out of Tel Khatun in May."
    assert [m.surface for m in gaz.find(text)] == []
    found = gaz.find(text, introduced={"tel khatun": village})
    assert [(m.surface, m.place) for m in found] == [("Tel Khatun", village)]


@pytest.mark.parametrize("text, towns", [
    ("On Sunday a family attacked the Santa Maria Catholic church in Surabaya.", ["Surabaya"]),
    ("A man stabbed two women outside the Saint-Charles train station in Marseille.", ["Marseille"]),
    ("Gunmen attacked the San Francisco church in Quito.", ["Quito"]),
    ("The gunman drove to San Bernardino.", ["San Bernardino"]),
])
def test_a_church_or_station_named_for_a_saint_is_not_the_saints_town(gaz, text, towns):
    assert [m.place.name for m in gaz.find(text) if m.place.precision == "city"] == towns


@pytest.mark.parametrize("text, name, country", [
    ("Suicide bombers struck a camp for displaced people at Rajm al-Sleibi in Syria.", "Rajm al-Sleibi", "SY"),
    ("At al-Khasfa, a sinkhole south of Mosul, the group dumped the bodies of its victims.", "al-Khasfa", "IQ"),
    # a head of Arabic place names is no town alone: "Tal" is not Thal in Pakistan
    ("Gunmen killed two shepherds near Tal Nasri in Syria.", "Tal Nasri", "SY"),
    # a name the words after it locate
    ("Militants stormed an army post at Indelimane, in Mali's Menaka region.", "Indelimane", "ML"),
    ("The fighters struck positions near Mukaishifa, between Samarra and Tikrit.", "Mukaishifa", "IQ"),
])
def test_a_town_the_gazetteer_lacks_is_read_after_at_or_near_by_its_shape(gaz, text, name, country):
    [town] = [m for m in gaz.find(text) if m.how == "descriptor"]
    assert (town.place.name, town.place.country) == (name, country)


@pytest.mark.parametrize("text, expected", [
    # a surname the text writes after a given name
    ("Bashar al-Assad spoke in Damascus. Rebels fired at al-Assad loyalists in Syria.", ["Damascus", "Syria"]),
    # a group, a building, where those who tell the news are
    ("The men trained in al-Qaida camps in Syria.", ["Syria"]),
    ("Donors met at Carlyle Hotel, in Manhattan.", ["Manhattan"]),
    ("Local officials in Rajm al-Sleibi said gunmen opened fire in Syria.", ["Syria"]),
    # a capitalised word no place locates
    ("The two men met at Zorvex on Monday in California.", ["California"]),
])
def test_no_town_from_names_after_at_or_in_that_are_people_groups_or_buildings(gaz, text, expected):
    assert [m.surface for m in gaz.find(text)] == expected


def test_a_town_near_a_border_is_not_in_the_country_across_it(gaz):
    text = "Hundreds of fighters attacked the camp at Inates, near the border with Mali, on Tuesday."
    [town] = [m for m in gaz.find(text, countries=frozenset({"NE", "ML"}), home="NE") if m.how == "descriptor"]
    assert (town.surface, town.place.country) == ("Inates", "NE")


def test_a_town_nothing_around_it_locates_is_in_the_country_the_narrative_is_in(gaz):
    text = "Islamic State fighters also shot dead three men in the hamlet of Tal Akhdar."
    assert gaz.find(text, countries=frozenset({"SY", "IQ"})) == []
    [town] = gaz.find(text, countries=frozenset({"SY", "IQ"}), home="SY")
    assert (town.surface, town.place.country) == ("Tal Akhdar", "SY")


def test_names_listed_after_a_plural_descriptor_are_towns_too(gaz):
    text = "ISIS killed 700 people around the villages of Abu Hamam, Kishkiyeh and Ghranij in Deir ez-Zor province."
    assert [(m.surface, m.place.country) for m in gaz.find(text) if m.how == "descriptor"] == \
        [("Abu Hamam", "SY"), ("Kishkiyeh", "SY"), ("Ghranij", "SY")]
    # not after a single town's descriptor
    one = "Peshmerga forces seized the village of Tiz Khirab and Nawaran Hospital near Bashiqa."
    assert [m.surface for m in gaz.find(one, countries=frozenset({"IQ"})) if m.how == "descriptor"] == ["Tiz Khirab"]


def test_a_name_listed_after_a_known_town_of_a_plural_descriptor_is_a_town_too(gaz):
    text = "Kurdish fighters drove the militants from the farming villages of Makhmour and al-Gweir on Sunday."
    assert [(m.surface, m.place.country) for m in gaz.find(text, home="IQ")] == \
        [("Makhmour", "IQ"), ("al-Gweir", "IQ")]
    # a known town joined to a name without a plural descriptor before them is no list of towns
    assert [m.surface for m in gaz.find("Kurdish fighters drove the militants from Makhmour and Gweir Hussein.",
                                        home="IQ")] == ["Makhmour"]
