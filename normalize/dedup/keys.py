"""Comparison keys: organization keys, title keys (+ seniority and year signals), normalized
description text and URL keys.

Everything here is a pure function of one string (plus the organization for titles), cached
where the same value recurs a lot (organization names, titles). The rules that compare keys
are in `rules.py`; the thresholds are in `config.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from rapidfuzz import fuzz

# Legal-form suffixes dropped from the end of an organization name (repeatedly: "Acme Co., Ltd.").
# Compared after punctuation is gone, so "L.L.C." is "llc" and "Pty. Ltd." is "pty ltd".
LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co",
    "company", "gmbh", "ag", "kg", "ug", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc",
    "pty", "pte", "oy", "ab", "as", "aps", "kk", "pc", "pllc", "lc", "mbh",
    "se", "oyj", "asa", "sl", "slu", "sro", "ohg", "kgaa", "bhd", "sdn", "pvt", "ltda", "sae",
    "zrt", "kft", "sagl", "scs", "eg", "ev",
})
# A name written as a domain or an ATS board token with a top-level domain ("solvd.com",
# "Character.AI", "acmehealth.io"): the organization is its main label.
_DOMAIN_NAME_RE = re.compile(r"^(?:www\.)?([a-z0-9][a-z0-9-]*)\.[a-z]{2,6}(?:\.[a-z]{2})?$")
_ORG_AND_RE = re.compile(r"\s*(?:&|\+)\s*")
_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")


# Combining marks left by NFKD ("u" + U+0308 for "ü"). A regex over the common blocks is much
# faster than testing every character with unicodedata.combining on long descriptions.
_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lowercase, accents removed, compatibility forms folded ("Zürich" -> "zurich", "ﬁ" -> "fi")."""
    if text.isascii():
        return text.lower()
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text)).casefold()


# ASCII text takes a byte translation table: many times faster than a regex or str.translate
# (which looks every character up in a dict) on long descriptions.
_ASCII_TABLE = bytes(c if chr(c).isalnum() else 32 for c in range(256)).lower()
# Non-ASCII punctuation common in descriptions (dashes, curly quotes, bullets, ellipsis, spaces):
# replaced first so that most texts take the ASCII path.
_UNICODE_PUNCT_RE = re.compile("[\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u00a0\u00b7"
                               "\u2010\u2011\u2012\u2212\u25cf\u25aa\u2192\u00ae\u2122\u00a9"
                               "\u202f\u2009]")


def words(text: str) -> list[str]:
    """Folded alphanumeric words; every other character separates words."""
    if not text.isascii():
        text = _UNICODE_PUNCT_RE.sub(" ", text)
        if not text.isascii():
            return _NON_ALNUM_RE.sub(" ", fold(text)).split()
    return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii").split()


@lru_cache(maxsize=65536)
def org_words(name: str | None) -> tuple[str, ...]:
    """The words of an organization name without legal-form suffixes and a leading "The".

    "The Acme Group, Inc." -> ("acme", "group"). A name that is *only* a suffix keeps its words,
    so "Company" is not reduced to nothing."""
    if not name:
        return ()
    text = fold(name).strip()
    domain = _DOMAIN_NAME_RE.match(text)
    if domain:
        text = domain.group(1)
    # "A.B.C." and "L.L.C." are single words: drop the dots before splitting on punctuation.
    text = _ORG_AND_RE.sub(" and ", text.replace(".", ""))
    found = _NON_ALNUM_RE.sub(" ", text).split()
    out = list(found)
    if len(out) > 1 and out[0] == "the":
        out.pop(0)
    dropped = False
    # "Acme GmbH & Co. KG": legal forms, and an "and" between them, from the end.
    while len(out) > 1 and (out[-1] in LEGAL_SUFFIXES or (dropped and out[-1] == "and")):
        out.pop()
        dropped = True
    return tuple(out)


def org_key(name: str | None, domain: str | None = None) -> str:
    """The blocking key of an organization: its words joined without spaces ("acmeanalytics"),
    so "Acme-Analytics" and "Acme Analytics" meet. With no name, the domain's main label
    ("jobs.acme-analytics.co.uk" -> "acmeanalytics"). Empty when neither says anything."""
    found = org_words(name)
    if found:
        return "".join(found)
    return domain_key(domain)


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "edu", "gov"})


@lru_cache(maxsize=65536)
def domain_key(domain: str | None) -> str:
    if not domain:
        return ""
    host = fold(domain).strip().removeprefix("http://").removeprefix("https://").split("/")[0]
    labels = [x for x in host.split(".") if x and x != "www"]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        labels = labels[:-1]  # acme.co.uk -> acme.co
    label = labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")
    return _NON_ALNUM_RE.sub("", label)


# -- organization identity ----------------------------------------------------------------------

# One-word names too common to prove anything when another name merely starts with them.
GENERIC_ORG_WORDS = frozenset({
    "the", "first", "new", "american", "national", "global", "international", "united",
    "general", "university", "city", "state", "county", "bank", "group", "company", "college",
    "school", "department", "north", "south", "east", "west", "central", "royal", "capital",
    "community", "health", "care", "services", "solutions", "digital", "data", "tech",
})
ORG_FUZZY = 90.0  # fuzz.ratio of two organization keys that are one name misspelled
ORG_FUZZY_MIN_LEN = 6  # shorter keys are too short for a fuzzy match to mean anything
# A key that starts a longer one in the middle of a word ("directive" / "directiveconsulting",
# a name written as one token) relates only up to this length; longer ones at word boundaries.
ORG_PREFIX_MAX = 10


@lru_cache(maxsize=262144)
def org_relation(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """Why two organization names (as `org_words`) are one employer, or "" when nothing says so:

    "same name"    equal keys (case, punctuation, legal forms and "The" already gone);
    "name prefix"  one key starts the other ("Lyft" / "Lyft Technologies", "directive" /
                   "directiveconsulting.com"): whole leading words of the longer name, or 4 to
                   10 letters; not a generic word alone ("University", "Health");
    "close name"   fuzz.ratio of the keys >= 90, both at least 6 letters (a misspelling).
    Pure and symmetric; shared domains are the other evidence (see `domains_of`)."""
    if not a or not b:
        return ""
    ka, kb = "".join(a), "".join(b)
    if ka == kb:
        return "same name"
    short, words_short, words_long = (ka, a, b) if len(ka) <= len(kb) else (kb, b, a)
    longer = kb if short is ka else ka
    if longer.startswith(short) and not (len(words_short) == 1 and short in GENERIC_ORG_WORDS) \
            and (4 <= len(short) <= ORG_PREFIX_MAX or short in _word_prefixes(words_long)):
        return "name prefix"
    if min(len(ka), len(kb)) >= ORG_FUZZY_MIN_LEN and fuzz.ratio(ka, kb) >= ORG_FUZZY:
        return "close name"
    return ""


def org_prefixes(words_: tuple[str, ...]) -> list[str]:
    """The keys another name could have and be in `org_relation` "name prefix" with this one:
    the leading 4 to ORG_PREFIX_MAX letters of the key, and its leading whole words."""
    key = "".join(words_)
    out = {key[:i] for i in range(4, min(len(key), ORG_PREFIX_MAX + 1))}
    out.update(_word_prefixes(words_))
    out.discard(key)
    return sorted(out)


def _word_prefixes(words_: tuple[str, ...]) -> set[str]:
    """"acme", "acmehealth" of ("acme", "health", "partners"): leading whole words, joined."""
    return {"".join(words_[:i]) for i in range(1, len(words_))}


_FREE_MAIL = frozenset({"gmail", "googlemail", "yahoo", "outlook", "hotmail", "live", "icloud",
                        "me", "aol", "proton", "protonmail", "gmx", "mail", "yandex", "example"})
_EMAIL_RE = re.compile(r"[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})", re.I)


_LOCAL_CHAR = re.compile(r"[\w.+-]")
_EMAIL_DOMAIN = re.compile(_EMAIL_RE.pattern.split("@", 1)[1], re.I)


def _email_domains(text: str) -> Iterator[str]:
    """The domains `_EMAIL_RE.finditer(text)` captures, found from each "@" instead of trying
    the pattern at every position (a long description has few "@" and many letters): an "@"
    starts a match when a local-part character precedes it, outside the previous match, and a
    domain follows it."""
    end = 0
    at = text.find("@")
    while at != -1:
        if at > end and _LOCAL_CHAR.match(text, at - 1):
            found = _EMAIL_DOMAIN.match(text, at + 1)
            if found:
                yield found.group(1)
                end = found.end()
        at = text.find("@", at + 1)


def domains_of(listing: dict) -> tuple[frozenset[str], frozenset[str]]:
    """The employer's domains a listing shows, as main labels, in two sets:

    strong: organization.domain and the ATS board in its URLs ("boards.greenhouse.io/acmehealth/
            ..." -> "acmehealth"): they name the employer; blocking relates organizations by them;
    all:    also the apply URL's host when it leads away from the listing's own site (and is no
            ATS or job board), and e-mail domains in the description (not free mail, not the
            listing's own site): evidence for a pair that met otherwise, never a block."""
    from normalize.formats._boards import board_from_url, is_platform_host

    org = listing.get("organization") or {}
    strong: set[str] = set()
    if org.get("domain"):
        strong.add(domain_key(org["domain"]))
    url, apply_url = listing.get("url"), listing.get("apply_url")
    for u in (url, apply_url):
        board = board_from_url(u)
        if board:
            strong.add("".join(org_words(board)))
    strong.discard("")
    weak: set[str] = set()
    own = domain_key(_host(url))
    host = _host(apply_url)
    if host and not is_platform_host(host):
        label = domain_key(host)
        if label != own:
            weak.add(label)
    text = listing.get("description_text") or ""
    if "@" in text:
        for domain in _email_domains(text[-4000:] if len(text) > 8000 else text):
            label = domain_key(domain)
            if label not in _FREE_MAIL and label != own:
                weak.add(label)
    weak.discard("")
    strong_set = frozenset(strong)
    return strong_set, (strong_set | weak) if weak else strong_set


def _host(url: str | None) -> str:
    """The host of a URL, lowercased, without "www." ("" when there is none); no parsing."""
    if not url:
        return ""
    rest = url.split("//", 1)[1] if "//" in url else url
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    return host.split(":", 1)[0].lower().removeprefix("www.")


# -- titles -----------------------------------------------------------------------------------

# Words that say how senior a role is. They are not part of the title key but a separate signal
# that must agree: "Senior Data Analyst" and "Data Analyst" are different openings.
SENIORITY = {
    "senior": "senior", "sr": "senior", "snr": "senior", "junior": "junior", "jr": "junior",
    "jnr": "junior", "lead": "lead", "principal": "principal", "staff": "staff", "head": "head",
    "chief": "chief", "entry": "entry", "mid": "mid", "midlevel": "mid", "experienced": "senior",
    "ii": "level2", "iii": "level3", "iv": "level4",
}
# A trailing "I" or a digit after "level" is a level too ("Analyst I", "Level 2").
_LEVEL_RE = re.compile(r"\blevel\s*([1-5])\b")
_YEAR_RE = re.compile(r"\b(?:19|20)(\d\d)(?:\s*[/-]\s*(?:20)?(\d\d))?\b")
# Season and cohort words: "Summer 2026", "Fall Cohort" describe when, not what.
_SEASON = frozenset({
    "summer", "fall", "autumn", "winter", "spring", "cohort", "term", "semester",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "q1", "q2", "q3", "q4",
})
# Words about the arrangement, pay or contract, not the role. "(Remote)", "- Paid", "Part-time".
_NOISE = frozenset({
    "remote", "remotely", "hybrid", "onsite", "on", "site", "in", "person", "inperson", "wfh",
    "virtual", "home", "paid", "unpaid", "stipend", "part", "full", "time", "parttime",
    "fulltime", "temporary", "temp", "contract", "freelance", "flexible", "hours", "hour",
    "week", "weeks", "weekly", "month", "months", "day", "days", "short", "term", "shortterm",
    "based", "m", "f", "d", "w", "x", "mfd", "fmd", "wmd", "fmx", "hf", "urgent",
    "hiring", "now", "immediate", "usa", "us", "uk", "eu", "only", "anywhere",
    "1", "2", "3", "4", "5", "6", "8", "10", "12", "two", "three", "four", "six",
})
# The form of the engagement: every micro-internship title says it one way or another.
_FORM = frozenset({"intern", "interns", "internship", "internships", "micro", "microinternship",
                   "microinternships", "trainee", "traineeship", "placement", "externship"})
_SEASONS = {"summer": "summer", "fall": "fall", "autumn": "fall", "winter": "winter",
            "spring": "spring"}
_SEASON_RE = re.compile(r"\b(summer|fall|autumn|winter|spring)\b")
_FORM_TRAILING = frozenset({"project", "gig", "assignment", "opportunity", "opening", "position",
                            "role", "job", "program", "programme"})
# Of those, the words that never name the work itself: dropped wherever they stand, since a
# reordered title moves them ("Future Opening Paid Media Lead" / "Paid Media Lead - Future
# Opening").
_FORM_ANYWHERE = frozenset({"opportunity", "opening", "openings", "position", "role"})
_STOP = frozenset({"the", "a", "an", "and", "or", "of", "for", "to", "at", "with", "our", "your",
                   "s", "de", "y", "und", "et"})
# Abbreviations that job boards and ATSs spell differently.
_SYNONYMS = {
    "mktg": "marketing", "mgmt": "management", "mgr": "manager", "asst": "assistant",
    "assoc": "associate", "coord": "coordinator", "admin": "administrative",
    "administration": "administrative", "ops": "operations", "eng": "engineering",
    "engr": "engineer", "dev": "developer", "devs": "developer", "swe": "software",
    "hr": "hr", "analytic": "analytics", "comms": "communications", "biz": "business",
    "acct": "accounting", "svc": "services", "tech": "technology", "sci": "science",
    "res": "research", "ux": "ux", "ui": "ui", "qa": "qa", "pr": "pr", "bd": "bizdev",
}
_PHRASES = (
    ("human resources", "hr"), ("business development", "bizdev"), ("user experience", "ux"),
    ("micro internship", "microinternship"), ("public relations", "pr"),
    ("quality assurance", "qa"), ("on site", "onsite"), ("in person", "inperson"),
    ("work from home", "wfh"), ("full stack", "fullstack"), ("front end", "frontend"),
    ("back end", "backend"), ("lead generation", "leadgeneration"), ("lead gen", "leadgeneration"),
    ("head of", "head"), ("staff accountant", "staffaccountant"),
)
_BRACKETS_RE = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
# An ATS artifact on reposts: the copied posting keeps the editor's "Copy of " prefix.
_COPY_OF_RE = re.compile(r"^\s*copy\s+of\s+")
# Program suffixes that say how the employer files the opening, not what it is.
_PROGRAM_PHRASES = ("early careers", "early career", "graduate programme", "graduate program")
# Where a place is appended to a title: a bracket at its end, or the part after the last
# strong separator (" - ", " | ", ...), else after the last comma.
_BRACKET_TAIL_RE = re.compile(r"^(.*\S)\s*\(([^()]*)\)\s*$")
_STRONG_SEP_RE = re.compile(r"\s+[-\u2013\u2014|]\s+|\s*\|\s*|:\s+")
_REGION_CODES = None  # US state and Canadian province codes, loaded on first use

@dataclass(frozen=True, slots=True)
class TitleKey:
    """A title reduced for comparison.

    key: the role's words, sorted (so `fuzz.ratio` on two keys is a token-sort ratio);
    seniority: the seniority words found, which must be equal for a match;
    years: explicit years ("2026") which must not disagree when both titles have one."""

    key: str
    seniority: frozenset[str]
    years: frozenset[str]
    # A city the title names at its end ("Data Analyst - London", "(Vancouver)", "| Jackson,
    # TN") when the listing names no city of its own: a place signal, not part of the key.
    place: str = ""
    # Seasons the title names ("Summer 2026", "Winter Internship"): like years, two titles that
    # both name one and name different ones are two cohorts, two openings.
    seasons: frozenset[str] = frozenset()


def _bracket_is_noise(inner: str) -> bool:
    # "(Remote)", "(Summer 2026)", "[Paid, 10 hrs/week]" go; "(Marketing)" is a team and stays.
    found = words(inner)
    return all(w in _NOISE or w in _SEASON or w in _FORM or w in _STOP or w.isdigit()
               or w == "hrs" for w in found)


# ~1.2 KB an entry on real postings: 262,144 entries held ~300 MB in a big crawl, and
# bench_dedup at 100k runs as fast with this many (13.5 s either way).
@lru_cache(maxsize=65536)
def title_key(title: str, org: tuple[str, ...] = (), cities: tuple[str, ...] = ()) -> TitleKey:
    """Reduce a title to its role words. `org` (from `org_words`) is removed when the title names
    the organization ("Data Intern at Acme", "Acme: Data Intern"), and so are `cities` (city
    keys of the listing's own places: "Data Intern - Boston")."""
    text = _COPY_OF_RE.sub("", fold(title or ""))
    place = ""
    for head, tail in _tails(text):
        found = _title_place(tail)
        if found:
            if found in cities or not cities:
                text, place = head, ("" if found in cities else found)
            break
    years = frozenset(m.group(1) for m in _YEAR_RE.finditer(text))  # also "(Summer 2026)"
    seasons = frozenset(_SEASONS[w] for w in _SEASON_RE.findall(text))
    text = _YEAR_RE.sub(" ", text)
    text = _BRACKETS_RE.sub(lambda m: " " if _bracket_is_noise(m.group(1)) else f" {m.group(1)} ", text)
    seniority = {f"level{m.group(1)}" for m in _LEVEL_RE.finditer(text)}
    text = _LEVEL_RE.sub(" ", text)
    text = " ".join(_NON_ALNUM_RE.sub(" ", text.replace("&", " and ")
                                      .replace("-", "").replace("'", "")).split())
    for phrase, word in _PHRASES:
        if phrase in text:
            text = text.replace(phrase, word)
    for phrase in _PROGRAM_PHRASES:
        if phrase in text:
            text = text.replace(phrase, " ")
    tokens = text.split()
    if org and len(tokens) > len(org):
        tokens = _drop_seq(tokens, org)
    for city in cities:
        city_words = tuple(city.split())
        if len(tokens) > len(city_words):
            tokens = _drop_seq(tokens, city_words)
    tokens = [_SYNONYMS.get(t, t) for t in tokens]
    if tokens and tokens[-1] == "i":  # "Analyst I": a level, not a pronoun
        seniority.add("level1")
        tokens.pop()
    kept = []
    for t in tokens:
        if t in SENIORITY:
            seniority.add(SENIORITY[t])
        elif (t not in _NOISE and t not in _SEASON and t not in _FORM and t not in _STOP
              and t not in _FORM_ANYWHERE):
            kept.append(t)
    while len(kept) > 1 and kept[-1] in _FORM_TRAILING:
        kept.pop()
    if not kept:  # a title that is only noise ("Intern") keeps what it had
        kept = [t for t in tokens if t not in _STOP] or tokens
    return TitleKey(" ".join(sorted(kept)), frozenset(seniority), years, place, seasons)


def _tails(text: str) -> list[tuple[str, str]]:
    """(head, tail) splits of a title where a place may be appended, most likely first."""
    out = []
    m = _BRACKET_TAIL_RE.match(text)
    if m:
        out.append((m.group(1), m.group(2)))
    seps = list(_STRONG_SEP_RE.finditer(text))
    if seps:
        last = seps[-1]
        if last.start() > 0:
            out.append((text[:last.start()], text[last.end():]))
    comma = text.rfind(",")
    if comma > 0:
        out.append((text[:comma], text[comma + 1:]))
        before = text.rfind(",", 0, comma)
        if before > 0:  # "Data Analyst, Jackson, TN"
            out.append((text[:before], text[before + 1:]))
    return out


def _title_place(part: str) -> str:
    """The city key of a title's tail when it is a place: a known city ("London", "NYC") or
    "<words>, <US state or Canadian province code>" ("Jackson, TN"); else ""."""
    from normalize.dedup.locations import city_key, known_city

    global _REGION_CODES
    if _REGION_CODES is None:
        from normalize.fields.places import CA_PROVINCES, US_STATES
        _REGION_CODES = frozenset(c.lower() for c in (*US_STATES, *CA_PROVINCES))
    part = part.strip()
    if not part or len(part) > 40:
        return ""
    if "," in part:
        city, _, code = part.rpartition(",")
        if code.strip() in _REGION_CODES and city.strip():
            return city_key(city)
        return ""
    key = city_key(part)
    return key if known_city(key) else ""


def _drop_seq(tokens: list[str], seq: tuple[str, ...]) -> list[str]:
    n = len(seq)
    for i in range(len(tokens) - n + 1):
        if tuple(tokens[i:i + n]) == seq:
            return tokens[:i] + tokens[i + n:]
    return tokens


# -- descriptions --------------------------------------------------------------------------

def description_words(text: str | None, limit: int) -> list[str]:
    """Folded words of a description cut to `limit` characters (of input, to bound the cost of
    one comparison). Bullets, line breaks, entities and quotes disappear."""
    if not text:
        return []
    return words(text[:limit])


# -- URLs ------------------------------------------------------------------------------------

_TRACKING_PREFIXES = ("utm_", "mc_", "_hs")
_TRACKING = frozenset({"gh_src", "gh_jid_src", "ref", "referrer", "source", "src", "lever-source",
                       "trk", "fbclid", "gclid", "msclkid", "jobboard", "campaign", "medium"})


def url_key(url: str | None) -> str:
    """A URL without scheme, "www.", fragment, trailing slash and tracking parameters; "" when
    there is none. Two listings with the same URL key point at the same posting."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=False)
             if k.lower() not in _TRACKING and not k.lower().startswith(_TRACKING_PREFIXES)]
    path = parts.path.rstrip("/")
    q = urlencode(sorted(query))
    return f"{host}{path}" + (f"?{q}" if q else "")


# -- blocking keys ---------------------------------------------------------------------------

def blocking_keys(listing: dict) -> list[str]:
    """The blocking keys of one listing (a Listing dict), as "<kind>:<value>" strings, sorted:

      org:<key>       the organization key (keys.org_key)
      orgpre:<p>      the key and every leading part another name could be (org_prefixes):
                      "Lyft" and "Lyft Technologies" share "orgpre:lyft"
      orgstem:<abc>   the key's first 3 letters, for misspelled names (keys of 6+ letters)
      dom:<label>     the strong domains (organization.domain, the ATS board in a URL)
      title:<key>     the title key (listings without an organization meet on it)
      url:<key>       each URL key (url, apply_url)

    Pure, and stable for a listing whose matched fields do not change. Every pair the engine
    compares shares at least one key, except pairs of two organizations related only through
    a domain a *third* listing showed (the engine relates organization keys, not listings): to
    find those from a store, also fetch the listings whose `org:` key is one of the fetched
    candidates' `org:` keys and whose `dom:` keys meet them (see docs/dedup.md, Blocking)."""
    from normalize.dedup.config import DEFAULT
    from normalize.dedup.features import prepare

    return features_keys(prepare(listing, DEFAULT))


def features_keys(f) -> list[str]:
    """blocking_keys of prepared Features (features.Features)."""
    keys: set[str] = set()
    if f.org:
        keys.add(f"org:{f.org}")
        keys.add(f"orgpre:{f.org}")
        keys.update(f"orgpre:{p}" for p in org_prefixes(f.org_words))
        if len(f.org) >= ORG_FUZZY_MIN_LEN:
            keys.add(f"orgstem:{f.org[:3]}")
    keys.update(f"dom:{d}" for d in f.org_domains)
    keys.add(f"title:{f.title.key}")
    keys.update(f"url:{u}" for u in f.urls)
    return sorted(keys)
