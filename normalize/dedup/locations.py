"""Where a listing is, reduced for comparison, and how two listings' places relate.

A listing's places become a `Where`: the set of city keys, the set of ISO countries, and
whether the work is remote. Normalized Locations (city/region/country) are used as they are;
a Location with only `raw` text is read with a small fallback ("NYC", "Berlin, DE", "Remote").
Regions (US states and Canadian provinces, read as their codes: "New York" = "NY") decide only
where one side names no city: a posting for "Texas" is not the one in New York City.

`relate(a, b)` returns one of:
  SAME        the same set of cities (or both remote with no city and no country conflict)
  SUBSET      one listing names some of the other's cities (a board showing "+2 more")
  COMPATIBLE  one side is vaguer (no city, or no location at all) and nothing conflicts
  CONFLICT    different cities, different countries, or remote against on-site
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from normalize.cache import bounded_cache
from normalize.dedup.keys import words


class Rel(IntEnum):
    CONFLICT = 0
    COMPATIBLE = 1
    SUBSET = 2
    SAME = 3


# City spellings that name the same place. Keys and values are folded words joined by spaces.
CITY_ALIASES = {
    "nyc": "new york", "new york city": "new york", "manhattan": "new york", "ny": "new york",
    "sf": "san francisco", "san fran": "san francisco", "sf bay area": "san francisco",
    "bay area": "san francisco", "la": "los angeles", "dc": "washington",
    "washington dc": "washington", "washington d c": "washington", "munchen": "munich",
    "koln": "cologne", "wien": "vienna", "praha": "prague", "lisboa": "lisbon",
    "milano": "milan", "roma": "rome", "firenze": "florence", "bengaluru": "bangalore",
    "bombay": "mumbai", "new delhi": "delhi", "st louis": "saint louis",
    "st paul": "saint paul", "ft worth": "fort worth", "ft lauderdale": "fort lauderdale",
    "philly": "philadelphia", "quebec city": "quebec", "geneve": "geneva", "zurich": "zurich",
    "den haag": "the hague", "s gravenhage": "the hague", "kobenhavn": "copenhagen",
}
# Country words the raw-text fallback recognizes (the normalizer does the real work).
COUNTRY_WORDS = {
    "us": "US", "usa": "US", "united states": "US", "united states of america": "US",
    "uk": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB", "gb": "GB",
    "canada": "CA", "germany": "DE", "deutschland": "DE", "de": "DE", "france": "FR",
    "fr": "FR", "spain": "ES", "es": "ES", "ireland": "IE", "ie": "IE", "netherlands": "NL",
    "nl": "NL", "india": "IN", "australia": "AU", "au": "AU", "singapore": "SG",
    "mexico": "MX", "brazil": "BR", "italy": "IT", "portugal": "PT", "poland": "PL",
    "sweden": "SE", "switzerland": "CH", "austria": "AT", "japan": "JP",
}
REMOTE_WORDS = frozenset({"remote", "anywhere", "wfh", "virtual", "telecommute", "distributed",
                          "worldwide", "online"})
# A raw part that is a region, not a city ("CA" in "San Francisco, CA"): two letters, or these.
_NOT_CITY = frozenset({"remote", "hybrid", "onsite", "on site", "in person", "various", "multiple",
                       "tbd", "n a", "na", "none", "flexible"})


@dataclass(frozen=True, slots=True)
class Where:
    cities: frozenset[str]
    countries: frozenset[str]
    remote: bool  # the listing says the work is remote
    onsite: bool  # the listing says the work is on site or hybrid (not unknown)
    regions: frozenset[str] = frozenset()  # US state / Canadian province codes, lowercase

    @property
    def empty(self) -> bool:
        return not self.cities and not self.countries and not self.remote

    def key(self) -> str:
        """A short string equal for SAME places; used by the exact rule and the cluster guard."""
        if self.cities:
            return "|".join(sorted(self.cities))
        if self.remote:
            return "remote:" + ",".join(sorted(self.countries))
        return ""


# Words around a city name that do not change the place: "Greater London", "Dublin 2",
# "Chicago Metro Area", "San Francisco Bay Area".
_REGION_CODES = frozenset({"nsw", "vic", "qld", "tas", "act", "usa", "uae"})
_CITY_PREFIXES = ("greater ", "downtown ", "central ")
_CITY_SUFFIXES = (" bay area", " metropolitan area", " metro area", " area", " metro", " region",
                  " city center", " downtown")


@bounded_cache(65536)
def city_key(city: str | None) -> str:
    if not city:
        return ""
    found = [w for w in words(city) if not w.isdigit()]  # postal districts: "Dublin 2"
    # A trailing state or country code written without a comma: "Chicago IL", "Sydney NSW".
    if len(found) > 1 and (len(found[-1]) == 2 or found[-1] in _REGION_CODES) \
            and " ".join(found) not in CITY_ALIASES:
        found.pop()
    key = " ".join(found)
    if key in CITY_ALIASES:
        return CITY_ALIASES[key]
    for prefix in _CITY_PREFIXES:
        key = key.removeprefix(prefix)
    for suffix in _CITY_SUFFIXES:
        if key.endswith(suffix) and key != suffix.strip():
            key = key.removesuffix(suffix)
            break
    if key.endswith(" city") and key != "new york city":
        key = key.removesuffix(" city")
    return CITY_ALIASES.get(key, key)


_KNOWN: frozenset[str] | None = None


def known_city(key: str) -> bool:
    """Whether a city key is a well-known city (the normalizer's list and the aliases here):
    enough to read a title's "- London" as a place."""
    global _KNOWN
    if _KNOWN is None:
        from normalize.fields.places import KNOWN_CITIES
        _KNOWN = frozenset({city_key(c) for c in KNOWN_CITIES} | set(CITY_ALIASES.values())
                           | set(CITY_ALIASES))
    return key in _KNOWN


def _read_raw(raw: str) -> tuple[str, str, bool]:
    """(city key, country, remote) from a location string the normalizer left unparsed."""
    parts = [" ".join(words(p)) for p in raw.replace(";", ",").replace("|", ",").split(",")]
    parts = [p for p in parts if p]
    remote = any(w in REMOTE_WORDS for p in parts for w in p.split())
    country = ""
    if parts and parts[-1] in COUNTRY_WORDS and (len(parts) > 1 or len(parts[-1]) > 2):
        country = COUNTRY_WORDS[parts.pop()]
    city = ""
    if parts and not remote:
        first = parts[0]
        if first in COUNTRY_WORDS and len(first) > 2:
            country = country or COUNTRY_WORDS[first]
        elif first not in _NOT_CITY and (len(parts) > 1 or len(first) > 2 or first in CITY_ALIASES):
            city = city_key(first)
    return city, country, remote


_REGION_CODE: dict[str, str] | None = None


@bounded_cache(4096)
def region_key(region: str | None) -> str:
    """A US state or Canadian province as its lowercase code ("New York" / "NY" -> "ny"); ""
    for anything else (regions elsewhere are spelled too many ways to compare)."""
    global _REGION_CODE
    if not region:
        return ""
    if _REGION_CODE is None:
        from normalize.fields.places import CA_PROVINCES, US_STATES
        _REGION_CODE = {}
        for table in (US_STATES, CA_PROVINCES):
            for code, name in table.items():
                _REGION_CODE[code.lower()] = code.lower()
                _REGION_CODE[name] = code.lower()
    return _REGION_CODE.get(" ".join(words(region)), "")


def where(listing: dict[str, Any]) -> Where:
    cities: set[str] = set()
    countries: set[str] = set()
    regions: set[str] = set()
    remote = listing.get("arrangement") == "remote"
    for loc in listing.get("locations") or ():
        if not isinstance(loc, dict):
            continue
        city = city_key(loc.get("city"))
        country = (loc.get("country") or "").upper()
        if not city and not country and loc.get("raw"):
            city, country, raw_remote = _read_raw(loc["raw"])
            remote = remote or raw_remote
        if city:
            cities.add(city)
        if country:
            countries.add(country)
        region = region_key(loc.get("region"))
        if region:
            regions.add(region)
    onsite = listing.get("arrangement") in ("onsite", "hybrid")
    # A remote listing's city is its office, not where the work is: remote means remote.
    return Where(frozenset(cities), frozenset(countries), remote and not onsite, onsite,
                 frozenset(regions))


def relate(a: Where, b: Where) -> Rel:
    if a.remote != b.remote and (a.onsite or b.onsite):
        return Rel.CONFLICT  # explicitly remote against explicitly on site or hybrid
    if a.countries and b.countries and not (a.countries & b.countries):
        return Rel.CONFLICT
    if (not a.cities or not b.cities) and a.regions and b.regions \
            and not (a.regions & b.regions) and not (a.remote and b.remote):
        return Rel.CONFLICT  # "Texas" against New York City: another state, another opening
    if a.cities and b.cities:
        if a.cities == b.cities:
            return Rel.SAME
        if a.cities < b.cities or b.cities < a.cities:
            return Rel.SUBSET
        return Rel.CONFLICT
    if a.remote and b.remote and not a.cities and not b.cities:
        # Remote against remote is the same place; a country on one side only ("Remote (US)"
        # vs "Remote") is a detail one source left out, not a different place.
        return Rel.SAME
    if not a.cities and not b.cities and a.countries == b.countries and a.countries \
            and a.remote == b.remote:
        return Rel.SAME
    return Rel.COMPATIBLE
