"""What the ATS API formats share (greenhouse, lever, ashby, smartrecruiters, workable,
recruitee): starting a Draft from a job object, the board context the spider adds, description
sections, places from addresses and location text, and pay ranges from an ATS's numbers.

Not a format itself (no kind maps here). The spiders leave every job object as the API sent it,
plus `_board` = {"token": board, "name": company name when the API gives it per board,
"company": the employer's name when the operator set `company` on the source}.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from normalize.cache import RECURRING, bounded_cache
from normalize.draft import Draft
from normalize.errors import NormalizeError
from normalize.fields.numbers import parse_number
from normalize.fields.pay import YEARLY_GUESS_FROM, _pay, currency_code, normalize_period
from normalize.fields.places import location_from_address, shared_place_text
from normalize.fields.taxonomy import categorize
from normalize.fields.text import clean_inline, sanitize_html, to_text
from normalize.formats._boards import board_from_url
from normalize.schema import Location, Organization, Pay, RawListing, listing_id

ARRANGEMENTS = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite", "inoffice": "onsite"}
_NOT_LETTERS_RE = re.compile(r"[^a-z]")
MAX_CACHED_LABEL = 100  # longer values are not names or labels: cleaned each time, not held

# Words that name a pay period, for pay that comes as bare numbers with a label
# (Greenhouse pay_input_ranges titles, custom field names): "Hourly Pay", "Annual Salary".
_PERIOD_WORDS = (
    ("HOUR", re.compile(r"\bhour(?:ly)?\b|\bper\s+hr\b|/\s?hr\b", re.I)),
    ("DAY", re.compile(r"\bdaily\b|\bper\s+day\b|\bday\s+rate\b", re.I)),
    ("WEEK", re.compile(r"\bweekly\b|\bper\s+week\b", re.I)),
    ("MONTH", re.compile(r"\bmonthly\b|\bper\s+month\b", re.I)),
    ("YEAR", re.compile(r"\bannual(?:ly)?\b|\byearly\b|\bper\s+(?:year|annum)\b|\bsalary\b", re.I)),
    ("PROJECT", re.compile(r"\bstipend\b|\bfixed\s+fee\b|\bproject\s+fee\b|\bone[- ]time\b", re.I)),
)


def items(value: Any) -> list[Any]:
    """A list field's items; anything else (a number, a string, an object) has none."""
    return value if isinstance(value, list) else []


def job_object(raw: RawListing) -> dict[str, Any]:
    if not isinstance(raw.payload, dict):
        raise NormalizeError(f"{raw.kind}: payload is {type(raw.payload).__name__}, "
                             "not a job object")
    return raw.payload


def new_draft(raw: RawListing, native_id: Any, title: Any, url: str | None,
              company: Any = None) -> Draft:
    """A Draft for one job, its organization named by `company` (see organization());
    NormalizeError without a title, or without both an id and a URL.
    The id is the ATS's own job id (else the posting's URL), so it survives title edits."""
    clean = clean_inline(title)
    if not clean:
        raise NormalizeError(f"{raw.kind}: job has no title ({raw.url})")
    key = str(native_id).strip() if native_id not in (None, "") else url
    if not key:  # raw.url is the board's API URL, shared by all its jobs: no key at all
        raise NormalizeError(f"{raw.kind}: job {clean!r} has neither an id nor a URL")
    url = url or raw.url
    # The organization is given, not set afterwards: Draft's default one costs a pydantic model.
    return Draft(source=raw.source, kind=raw.kind, id=listing_id(raw.source, key), url=url,
                 title=clean, fetched_at=raw.fetched_at, audience=raw.audience,
                 organization=organization(company, raw.payload, url, raw.url))


def organization(name: Any, payload: dict[str, Any], *urls: str | None) -> Organization:
    """The company: the name the operator gave the source (`company`), else the job's own name
    for it, else the board's name, else the board token (Lever and Ashby name the company only
    in their URLs), else the board in the job's URL or the fetched URL (a job exported without
    the spider's board context: "jobs.ashbyhq.com/<board>/...", "boards.greenhouse.io/<board>/",
    "jobs.lever.co/<board>/..."; see _boards.py)."""
    board = payload.get("_board")
    board = board if isinstance(board, dict) else {}
    for value in (board.get("company"), name, board.get("name"), board.get("token")):
        clean = _clean_label(value)
        if clean:
            return _organization_named(clean)
    for url in urls:
        token = board_from_url(url)
        if token:
            return _organization_named(token)
    return Organization()


# Every job of a board names the same company: one frozen Organization per name, shared.
_organization_named = bounded_cache(RECURRING)(lambda name: Organization(name=name))


def text_of(value: Any) -> str | None:
    """A string value, or a {"label"/"name"/"text"} object's; None when blank."""
    if isinstance(value, dict):
        value = value.get("label") or value.get("name") or value.get("text")
    clean = _clean_label(value)
    return clean or None


def _clean_label(value: Any) -> str:
    """clean_inline(value). Company names, departments and address parts recur across a board's
    jobs: each short string is cleaned once (strings are immutable, safe to share)."""
    if isinstance(value, str) and len(value) <= MAX_CACHED_LABEL:
        return _cached_clean(value)
    return clean_inline(value)


_cached_clean = bounded_cache(RECURRING)(clean_inline)


def set_description(d: Draft, sections: list[tuple[str | None, Any]]) -> None:
    """The description from (heading, HTML or text) sections, in order, sanitized."""
    safe = d.read("description_html", sanitize_html, joined(sections), what="description")
    d.description_html = safe or ""
    d.description_text = d.read("description_text", to_text, safe, what="description") or ""


def sections_source(sections: Callable[[dict[str, Any]], list[tuple[str | None, Any]]]
                    ) -> Callable[[RawListing], str | None]:
    """A kind's `description_source` (see normalize.normalize_many) from the function that makes
    its to_listing's description sections out of a job object."""
    def description_source(raw: RawListing) -> str | None:
        """The HTML to_listing sanitizes."""
        return joined(sections(raw.payload)) if isinstance(raw.payload, dict) else None
    return description_source


def joined(sections: list[tuple[str | None, Any]]) -> str:
    """The HTML the sections make, before it is sanitized: what set_description sanitizes (and
    each kind's `description_source`, so that a batch can sanitize it ahead)."""
    parts = []
    for heading, body in sections:
        if not isinstance(body, str) or not body.strip():
            continue
        title = clean_inline(heading) if heading else ""
        if title:
            parts.append(f"<h3>{html.escape(title)}</h3>")
        # A plain-text section becomes paragraphs of its own before the sections are joined.
        parts.append(body if "<" in body else sanitize_html(body))
    return "".join(parts)


def category_hint(d: Draft, *labels: Any) -> None:
    """The category from the title, the ATS's own labels (department, team, function) and the
    description: the labels count as much as a mention in the text."""
    words = " ".join(filter(None, map(text_of, labels)))
    if words:  # scanned apart from the description, whose scan finish() reuses from the cache
        d.category = d.derive("category",
                              lambda: categorize(d.title, d.description_text, words), None)


def _place_key(loc: Location) -> tuple[str | None, str | None, str | None]:
    return ((loc.city or "").lower() or None, (loc.region or "").lower() or None, loc.country)


def add_location(d: Draft, loc: Location | None) -> None:
    """Add a place unless the same city/region/country is there already (under another text)."""
    if loc is None or not (loc.city or loc.region or loc.country):
        return
    key = _place_key(loc)
    if all(_place_key(known) != key for known in d.locations):
        d.locations.append(loc)


def add_place(d: Draft, text: Any = None, address: Any = None, *, what: str) -> None:
    """One place from a structured address (which wins) and/or its location text; the text
    also says whether the job is remote or hybrid, and where remote applicants may live."""
    # The cache's own PlaceText: nothing in it is changed (its Locations are frozen).
    place = d.read("locations", shared_place_text, text, what=what, quiet=True) if text else None
    loc = (d.read("locations", location_from_address, address, what=f"{what} address")
           if isinstance(address, dict) and any(address.values()) else None)
    if place is not None:
        d.remote_hint = d.remote_hint or place.remote
        d.hybrid_hint = d.hybrid_hint or place.hybrid
        for code in place.regions:
            if code not in d.remote_regions:
                d.remote_regions.append(code)
        said = place.location
        for other in place.others:
            add_location(d, other)
        if loc is None:
            loc = said
        elif said is not None and said.city and not loc.city and said.country in (None, loc.country):
            # An address with only a country, and a text that names the city in it.
            loc = said.model_copy(update={"country": loc.country})
    add_location(d, loc)


def address(city: Any = None, region: Any = None, country: Any = None) -> dict[str, Any]:
    """An ATS's city/region/country fields as a schema.org PostalAddress."""
    country = text_of(country)
    if country and len(country) == 2:
        country = country.upper()  # "us", as SmartRecruiters writes ISO codes
    return {"addressLocality": text_of(city), "addressRegion": text_of(region),
            "addressCountry": country}


def arrangement(value: Any) -> str | None:
    """An ATS workplace type ("Remote", "on-site", "OnSite", "hybrid") as an arrangement."""
    if not isinstance(value, str):
        return None
    return ARRANGEMENTS.get(_NOT_LETTERS_RE.sub("", value.lower()))


def period_in_words(*texts: Any) -> str | None:
    """The pay period a label names ("Hourly Pay Range" -> HOUR), or None."""
    for text in texts:
        if isinstance(text, str) and text:
            for period, pattern in _PERIOD_WORDS:
                if pattern.search(text):
                    return period
    return None


_UNSEEN = object()
_PERIODS = {p: normalize_period(p) for p in ("HOUR", "DAY", "WEEK", "MONTH", "YEAR", "PROJECT")}


def range_pay(lo: Any, hi: Any, currency: Any, period: str | None, *, dollar: str = "USD",
              guess_year: bool = False) -> Pay | None:
    """Pay from an ATS's min, max, currency and period; zeros mean "not given". With
    `guess_year`, a salary-sized amount with no period is yearly."""
    # What pay_from_salary({"currency": currency, "value": {"minValue": lo, "maxValue": hi,
    # "unitText": period}}) does with that dict, without building and walking it (same calls,
    # same order). Callers pass a canonical period name or None: looked up, not re-parsed.
    code = currency_code(currency or None, dollar=dollar)
    lo, hi = parse_number(lo), parse_number(hi)
    unit = _PERIODS.get(period, _UNSEEN) if isinstance(period, str) else _UNSEEN
    if unit is _UNSEEN:
        unit = normalize_period(period or None)
    pay = _pay(lo, hi, code, unit)
    if (pay is not None and pay.period is None and guess_year
            and (pay.min or pay.max or 0) >= YEARLY_GUESS_FROM):
        pay = pay.model_copy(update={"period": "YEAR"})
    return pay
