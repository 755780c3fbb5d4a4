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
