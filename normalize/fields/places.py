"""Places: countries to ISO 3166-1 alpha-2, schema.org Place/PostalAddress and location text
("San Francisco, CA", "London, UK", "NYC", "Remote (US only)") to Location.

Country names go through pycountry (cached) after a table of aliases pycountry does not know
(USA, UK, Deutschland...). US states and Canadian provinces identify their country when a page
gives only "City, ST". A short table of large cities fills the country of a bare city name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pycountry

from normalize.cache import bounded_cache
from normalize.fields.text import clean_inline
from normalize.schema import Location

COUNTRY_ALIASES = {
    "usa": "US", "us": "US", "united states": "US", "united states of america": "US",
    "america": "US", "amerika": "US", "estados unidos": "US", "etats unis": "US",
    "uk": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "deutschland": "DE", "allemagne": "DE", "österreich": "AT", "oesterreich": "AT",
    "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "españa": "ES", "espana": "ES",
    "italia": "IT", "nederland": "NL", "holland": "NL", "the netherlands": "NL",
    "belgië": "BE", "belgie": "BE", "belgique": "BE", "brasil": "BR", "méxico": "MX",
    "suomi": "FI", "sverige": "SE", "norge": "NO", "danmark": "DK", "polska": "PL",
    "česko": "CZ", "czech republic": "CZ", "türkiye": "TR", "turkey": "TR", "russia": "RU",
    "south korea": "KR", "korea": "KR", "north korea": "KP", "vietnam": "VN", "iran": "IR",
    "uae": "AE", "éire": "IE", "hong kong": "HK", "taiwan": "TW",
    "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "laos": "LA", "syria": "SY",
    "moldova": "MD", "macedonia": "MK", "ivory coast": "CI", "cote d'ivoire": "CI",
    "cape verde": "CV", "palestine": "PS", "brunei": "BN", "the philippines": "PH",
    "bharat": "IN", "nippon": "JP", "prc": "CN", "mainland china": "CN",
}

US_STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia",
    "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa",
    "KS": "kansas", "KY": "kentucky", "LA": "louisiana", "ME": "maine", "MD": "maryland",
    "MA": "massachusetts", "MI": "michigan", "MN": "minnesota", "MS": "mississippi",
    "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada", "NH": "new hampshire",
    "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee",
    "TX": "texas", "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington",
    "WV": "west virginia", "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia",
}
CA_PROVINCES = {
    "AB": "alberta", "BC": "british columbia", "MB": "manitoba", "NB": "new brunswick",
    "NL": "newfoundland and labrador", "NS": "nova scotia", "NT": "northwest territories",
    "NU": "nunavut", "ON": "ontario", "PE": "prince edward island", "QC": "quebec",
    "SK": "saskatchewan", "YT": "yukon",
}
_US_STATE_NAMES = {name: code for code, name in US_STATES.items()}
_CA_PROVINCE_NAMES = {name: code for code, name in CA_PROVINCES.items()}

# Nicknames that stand for a whole location.
CITY_ALIASES = {
    "nyc": ("New York", "NY", "US"), "new york city": ("New York", "NY", "US"),
    "sf": ("San Francisco", "CA", "US"), "sf bay area": ("San Francisco", "CA", "US"),
    "bay area": ("San Francisco", "CA", "US"), "la": ("Los Angeles", "CA", "US"),
    "dc": ("Washington", "DC", "US"), "washington dc": ("Washington", "DC", "US"),
}
# Large cities whose country is safe to assume when a page names only the city. Also used to
# read "Berlin, DE" as Germany and "Bangalore, IN" as India rather than Delaware and Indiana.
KNOWN_CITIES = {
    "new york": "US", "san francisco": "US", "los angeles": "US", "chicago": "US",
    "boston": "US", "seattle": "US", "austin": "US", "atlanta": "US", "denver": "US",
    "london": "GB", "manchester": "GB", "edinburgh": "GB", "dublin": "IE", "paris": "FR",
    "berlin": "DE", "munich": "DE", "münchen": "DE", "hamburg": "DE", "frankfurt": "DE",
    "amsterdam": "NL", "madrid": "ES", "barcelona": "ES", "lisbon": "PT", "milan": "IT",
    "zurich": "CH", "zürich": "CH", "vienna": "AT", "wien": "AT", "stockholm": "SE",
    "copenhagen": "DK", "oslo": "NO", "helsinki": "FI", "warsaw": "PL", "prague": "CZ",
    "toronto": "CA", "vancouver": "CA", "montreal": "CA", "sydney": "AU", "melbourne": "AU",
    "singapore": "SG", "tokyo": "JP", "bangalore": "IN", "bengaluru": "IN", "mumbai": "IN",
    "delhi": "IN", "new delhi": "IN", "hyderabad": "IN", "pune": "IN", "chennai": "IN",
    "dubai": "AE", "tel aviv": "IL", "são paulo": "BR", "sao paulo": "BR",
    "mexico city": "MX", "lagos": "NG", "nairobi": "KE", "cape town": "ZA",
}

_REMOTE_RE = re.compile(
    r"\b(?:remote(?:ly)?|work(?:ing)?\s+from\s+home|wfh|tele-?commut\w*|telework\w*|"
    r"home[- ]?office|anywhere|distributed|virtual)\b",
    re.I,
)
# "hybrid cloud", "hybrid app" are technology, not a work arrangement.
HYBRID_RE = re.compile(
    r"\bhybrid\b(?!\s+(?:cloud|apps?|mobile|vehicles?|cars?|infrastructure|energy|"
    r"solutions?|systems?|models?\s+of\s+ai|work\s*flows?|networks?))",
    re.I,
)
_REMOTE_NOISE_RE = re.compile(
    r"\b(?:remote(?:ly)?|work(?:ing)?\s+from\s+home|wfh|tele-?commut\w*|telework\w*|"
    r"home[- ]?office|anywhere|distributed|virtual|hybrid|only|based|in|within|from|the|"
    r"position|role|job|first|friendly|ok|okay|possible|option(?:al)?|eligible)\b",
    re.I,
)
# Several places in one text: "New York, NY; Boston, MA", "San Francisco / New York".
_MULTI_SPLIT_RE = re.compile(r"\s*(?:;|\||\s/\s)\s*")
# A note about the arrangement in brackets: "(Hybrid, 2 days in office)", "(remote possible)".
_ARRANGEMENT_NOTE_RE = re.compile(
    r"[(\[][^()\[\]]*\b(?:hybrid|remote|on-?site|office|days?|weeks?|flexible)\b[^()\[\]]*[)\]]",
    re.I)
_ONSITE_PREFIX_RE = re.compile(r"^\s*(?:on-?site|in[- ]office|in[- ]person|office)\b\s*[:\-–—]?\s*",
                               re.I)
_CHUNK_SPLIT_RE = re.compile(r"\s*(?:[,;/|()&+\[\]:]|\s-\s|–|—|\bor\b|\band\b)\s*", re.I)
_PART_SPLIT_RE = re.compile(r"\s*[,;|]\s*|\s+[-–—]\s+")
# What boards write where a place should be; none of it is a city.
NOT_PLACES = {"multiple locations", "various locations", "various", "multiple", "tbd", "tba",
              "n/a", "na", "none", "see description", "see job description", "flexible",
              "to be determined", "other", "location", "unknown", "-"}
MAX_CACHED_TEXT = 300  # longer location texts are rare: parsed each time, never held in memory
_STR_OR_NONE = (str, type(None))  # address parts that are cached (exact types: hashable, immutable)


@dataclass
class PlaceText:
    """What a location string says: a place (or several: "New York, NY; Boston, MA"), and/or
    that the work is remote or hybrid."""

    location: Location | None = None
    remote: bool = False
    hybrid: bool = False
    regions: list[str] = field(default_factory=list)  # countries remote applicants may live in
    others: list[Location] = field(default_factory=list)  # further places of the same text

    @property
    def locations(self) -> list[Location]:
        return [self.location, *self.others] if self.location is not None else list(self.others)

    def copy(self) -> PlaceText:
        """A copy that shares no list with this one (Locations are frozen: shared as they are)."""
        return PlaceText(location=self.location, remote=self.remote, hybrid=self.hybrid,
                         regions=list(self.regions), others=list(self.others))


def _key(text: str) -> str:
    # "U.S.A." and "usa" are the same key; "the" never decides a name.
    return " ".join(text.lower().replace(".", "").split()).removeprefix("the ").strip()


@bounded_cache()
def _lookup_country(key: str) -> str | None:
    alias = COUNTRY_ALIASES.get(key.lower())
    if alias:
        return alias
    try:
        return pycountry.countries.lookup(key).alpha_2
    except LookupError:
        return None


def country_code(value: Any) -> str | None:
    """ISO 3166-1 alpha-2 for a code, a name, an alias or a schema.org Country ({"name": ...})."""
    if isinstance(value, dict):
        value = value.get("identifier") or value.get("name") or value.get("alternateName")
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 60:
        return None
    if len(text) == 2 and text.isalpha():
        return _lookup_country(text.upper())
    return _lookup_country(_key(text))


def is_country_code(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 country code (remote regions also hold region
    words such as "EU" or "EMEA")."""
    return len(code) == 2 and _lookup_country(code.upper()) == code


def state_country(region: str) -> str | None:
    """US or CA when `region` is a US state or Canadian province (code or name)."""
    key = region.strip()
    if key.upper() in US_STATES or _key(key) in _US_STATE_NAMES:
        return "US"
    if key.upper() in CA_PROVINCES or _key(key) in _CA_PROVINCE_NAMES:
        return "CA"
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    text = clean_inline(value)
    return text or None


def location_from_address(address: Any) -> Location | None:
    """A schema.org PostalAddress (or an address string) to a Location; None if empty."""
    if isinstance(address, str):
        return parse_place_text(address).location
    if not isinstance(address, dict):
        return None
    city, region, country, name = parts = (
        address.get("addressLocality"), address.get("addressRegion"),
        address.get("addressCountry"), address.get("name"))
    # Unrolled (no generators): this test runs for every address, the parse once per address.
    if (type(city) in _STR_OR_NONE and type(region) in _STR_OR_NONE
            and type(country) in _STR_OR_NONE and type(name) in _STR_OR_NONE
            and len(city or "") + len(region or "") + len(country or "") + len(name or "")
            <= MAX_CACHED_TEXT):
        # Addresses repeat across a board's jobs (a Location is frozen: safe to share).
        return _cached_address(*parts)
    return _address_location(*parts)


def _address_location(locality: Any, region_value: Any, country_raw: Any,
                      name_value: Any) -> Location | None:
    city, region = _text(locality), _text(region_value)
    country = country_code(country_raw)
    if country is None and region:
        country = state_country(region)
    if country is None and city and not region:
        country = KNOWN_CITIES.get(_key(city))
    raw_parts = [city, region, _text(country_raw) or country]
    raw = ", ".join(dict.fromkeys(p for p in raw_parts if p))
    if not raw:
        name = _text(name_value)
        return parse_place_text(name).location if name else None
    return Location(city=city, region=region, country=country, raw=raw)


_cached_address = bounded_cache()(_address_location)


def place_from_job_location(place: Any) -> PlaceText:
    """One schema.org jobLocation item (Place, PostalAddress or text) to a PlaceText."""
    if isinstance(place, str):
        return parse_place_text(place)
    if not isinstance(place, dict):
        return PlaceText()
    address = place.get("address")
    if isinstance(address, list):
        address = next((a for a in address if a), None)
    if address is None and any(k.startswith("address") for k in place):
        address = place  # a PostalAddress given directly as the jobLocation
    if isinstance(address, str):
        return parse_place_text(address)
    location = location_from_address(address) if address else None
    if location is not None:
        return PlaceText(location=location)
    name = _text(place.get("name"))
    return parse_place_text(name) if name else PlaceText()


def parse_place_text(text: Any) -> PlaceText:
    """Location text to a PlaceText: "London, UK", "Remote (US only)", "Hybrid - Berlin"."""
    if isinstance(text, str) and len(text) <= MAX_CACHED_TEXT:
        # The same few texts ("Remote", "San Francisco, CA") recur across listings: parse each
        # once, and hand out copies of its lists so that no caller can change what it holds.
        return _cached_place(text).copy()
    return _parse_place(text)


def shared_place_text(text: Any) -> PlaceText:
    """parse_place_text(text) without the copy, for a caller that changes none of its lists:
    the result may be the cache's own."""
    if isinstance(text, str) and len(text) <= MAX_CACHED_TEXT:
        return _cached_place(text)
    return _parse_place(text)


def _parse_place(text: Any) -> PlaceText:
    raw = clean_inline(text)
    if not raw or len(raw) > 200 or _key(raw) in NOT_PLACES:
        return PlaceText()
    remote = bool(_REMOTE_RE.search(raw))
    hybrid = bool(HYBRID_RE.search(raw))
    if remote and not hybrid:
        regions = _regions(raw)
        city = None if regions else _remote_city(raw)
        return PlaceText(location=city, remote=True, regions=regions)
    parts = [p for p in _MULTI_SPLIT_RE.split(raw) if p.strip()] if not remote else [raw]
    locations = [loc for loc in (_place_part(part, raw, hybrid) for part in parts) if loc]
    return PlaceText(location=locations[0] if locations else None, remote=remote, hybrid=hybrid,
                     others=locations[1:])


_cached_place = bounded_cache()(_parse_place)


def _place_part(part: str, raw: str, hybrid: bool) -> Location | None:
    rest = _ARRANGEMENT_NOTE_RE.sub(" ", part) if "(" in part or "[" in part else part
    rest = _ONSITE_PREFIX_RE.sub("", rest)
    if hybrid:
        rest = _REMOTE_NOISE_RE.sub(" ", rest)
    rest = rest.strip(" -–—:,()[]")
    return _parse_location(rest, raw) if rest else None


def _remote_city(raw: str) -> Location | None:
    """The office city a remote text names ("Remote-friendly (London)"), when it is a known one."""
    rest = _REMOTE_NOISE_RE.sub(" ", raw).strip(" -–—:,()[]")
    if not rest or _key(rest) in NOT_PLACES:
        return None
    location = _parse_location(" ".join(rest.split()), raw)
    if location is None or not location.city or location.country is None:
        return None
    return location


def _regions(text: str) -> list[str]:
    """Country codes named in a remote location string ("Remote (US or Canada)")."""
    rest = _REMOTE_NOISE_RE.sub(" ", text)
    codes: list[str] = []
    for chunk in _CHUNK_SPLIT_RE.split(rest):
        chunk = chunk.strip(" -.")
        code = (country_code(chunk) or state_country(chunk)) if chunk else None
        if code and code not in codes:
            codes.append(code)
    return codes


def _parse_location(text: str, raw: str) -> Location | None:
    parts = [p for p in _PART_SPLIT_RE.split(text) if p]
    if not parts:
        return None
    alias = CITY_ALIASES.get(_key(text))
    if alias:
        return Location(city=alias[0], region=alias[1], country=alias[2], raw=raw)
    if len(parts) == 1:
        return _single(parts[0], raw)
    city = parts[0]
    if len(parts) >= 3:
        country = country_code(parts[-1])
        if country:
            return Location(city=city, region=parts[1], country=country, raw=raw)
    return _city_and(city, parts[1], raw)


def _single(part: str, raw: str) -> Location:
    country = None if len(part) == 2 else country_code(part)  # "IN" alone is too ambiguous
    if country:
        return Location(country=country, raw=raw)
    known = KNOWN_CITIES.get(_key(part))
    if known:  # "New York" alone is the city
        return Location(city=part, country=known, raw=raw)
    state = state_country(part)
    if state and len(part) > 2:
        return Location(region=part, country=state, raw=raw)
    return Location(city=part, country=KNOWN_CITIES.get(_key(part)), raw=raw)


def _city_and(city: str, second: str, raw: str) -> Location:
    """ "City, X" where X may be a state, a province or a country. A known city decides between
    readings ("Atlanta, Georgia", "Berlin, DE"); otherwise a two-letter X is read as a state
    first ("Portland, OR") and a longer X as a country first ("Tbilisi, Georgia")."""
    two_letter = len(second) == 2 and second.isalpha()
    country = _lookup_country(second.upper()) if two_letter else country_code(second)
    state = state_country(second)
    known = KNOWN_CITIES.get(_key(city))
    as_state = Location(city=city, region=second, country=state, raw=raw)
    as_country = Location(city=city, country=country, raw=raw)
    if known and known == country:
        return as_country
    if known and known == state:
        return as_state
    if two_letter and state:
        return as_state
    if country:
        return as_country
    return Location(city=city, region=second, country=state or known, raw=raw)
