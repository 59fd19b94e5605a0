"""The half of normalizing that every format shares.

A format (normalize/formats/<kind>.py) reads its payload's structured fields into a `Draft`,
each through `Draft.read`, so that a field that cannot be read is left empty with a warning and
never loses the listing. `finish` then fills what the structure did not say from the title and
description text (structured fields win, text fills the gaps), derives the hourly pay, the
arrangement, category, skills, eligibility and micro-internship score, and makes the Listing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import orjson

from normalize.fields.dates import TRIGGERS as DATE_WORDS
from normalize.fields.dates import find_deadline, find_start_date
from normalize.fields.duration import TRIGGERS as DURATION_WORDS
from normalize.fields.duration import find_duration
from normalize.fields.eligibility import TRIGGERS as ELIGIBILITY_WORDS
from normalize.fields.eligibility import eligibility
from normalize.fields.employment import employment_types_from_text
from normalize.fields.hours import TRIGGERS as HOURS_WORDS
from normalize.fields.hours import find_hours, parse_total_hours
from normalize.fields.keywords import Hits, Keywords, TriggerIndex, hits_within
from normalize.fields.micro import TRIGGERS as MICRO_WORDS
from normalize.fields.micro import micro_internship
from normalize.fields.pay import TRIGGERS as PAY_WORDS
from normalize.fields.pay import dollar_for, read_pay_prose, with_hourly
from normalize.fields.places import HYBRID_RE, PlaceText
from normalize.fields.taxonomy import MAX_SKILLS, categorize, find_skills
from normalize.fields.where import TRIGGERS as WHERE_WORDS
from normalize.fields.where import TextPlaces, read_text_places
from normalize.schema import (
    SCHEMA_VERSION,
    Listing,
    Location,
    MicroInternship,
    Organization,
    Pay,
    Range,
    trusted,
)

T = TypeVar("T")

_REMOTE_TITLE = Keywords(r"\bremote\b|\bwork\s+from\s+home\b|\bwfh\b", ("remote", "home", "wfh"))
_REMOTE_TEXT = Keywords(
    r"\b(?:fully|100\s?%|completely|entirely|a)\s+remote\b|\bremote[- ](?:first|only|position|"
    r"role|job|internship|opportunity|project|work)\b|\bwork(?:ing)?\s+(?:fully\s+)?remotely\b|"
    r"\bwork\s+from\s+(?:home|anywhere)\b|\bthis\s+is\s+a\s+remote\b",
    ("remote", "from home", "from anywhere"),
)
_ONSITE_TEXT = Keywords(
    r"\b(?:on[- ]?site|in[- ]person|in[- ]office)\s+(?:role|position|job|internship|at|in|work)\b|"
    r"\bwork\s+(?:on[- ]?site|in[- ]person|from\s+our\s+office)\b",
    ("site", "person", "office"),
)
MAX_WARNING_VALUE = 120
# Every word finish() needs found, in one pass: the description's own (for the parsers that
# read it without the title) and each parser's. A pass of its own on purpose: these words were
# tried in the taxonomy automaton, whose cached scans of the title, description and extra prose
# then also gave their candidates, shifted and checked here. It saved this pass over the text
# but not its cost, which is mostly per match (~50 a listing, digits mostly: a Python tuple
# each, filed in Python, then shifted again into this text): no faster (+~1 µs a listing).
_TEXT_WORDS = frozenset((*_REMOTE_TEXT.words, *_ONSITE_TEXT.words, *DATE_WORDS, "hybrid",
                         *WHERE_WORDS))
_SCAN = TriggerIndex((), *_TEXT_WORDS, *PAY_WORDS, *DURATION_WORDS, *HOURS_WORDS,
                     *ELIGIBILITY_WORDS, *MICRO_WORDS)


# A value is blank when None or an empty str/list/dict/tuple. isinstance first: `==` on a
# pydantic model would run its (slow) __eq__. Tested inline in Draft.read (~24 times a listing).
_SIZED = (str, list, dict, tuple)


def short_repr(value: Any) -> str:
    """A value as compact JSON, cut to MAX_WARNING_VALUE characters, for a warning."""
    try:
        text = orjson.dumps(value, default=str).decode()
    except (TypeError, orjson.JSONEncodeError):
        text = repr(value)
    return text if len(text) <= MAX_WARNING_VALUE else text[: MAX_WARNING_VALUE - 1] + "…"


@dataclass(slots=True)  # no attribute dict: a Draft's fields are read often, and set once
class Draft:
    """What a format read from its payload; `None` means "the payload did not say"."""

    source: str
    kind: str
    id: str
    url: str
    title: str
    fetched_at: str | None = None
    apply_url: str | None = None
    organization: Organization = field(default_factory=Organization)
    description_html: str = ""
    description_text: str = ""
    extra_text: str = ""  # other prose (qualifications, education...), scanned but not shown
    locations: list[Location] = field(default_factory=list)
    arrangement: str | None = None  # only from a structured field (TELECOMMUTE)
    remote_hint: bool = False  # a location text said remote
    hybrid_hint: bool = False  # a location text said hybrid
    remote_regions: list[str] = field(default_factory=list)
    employment_types: list[str] = field(default_factory=list)
    pay: Pay | None = None
    duration_weeks: Range | None = None
    hours_per_week: Range | None = None
    audience: str | None = None  # the source's declared audience (RawListing.audience)
    posted_at: str | None = None
    deadline: str | None = None
    start_date: str | None = None
    category: str | None = None
    skills: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def read(
        self,
        name: str,
        parse: Callable[..., T],
        value: Any,
        *,
        what: str,
        quiet: bool = False,
        **options: Any,
    ) -> T | None:
        """`parse(value, **options)`, or None with a warning on `name` when the value is present
        but raises or reads as nothing (`quiet`: warn only when it raises)."""
        if value is None or (isinstance(value, _SIZED) and not value):
            return None
        try:
            result = parse(value, **options)
        except Exception as exc:  # a parser bug on odd input must cost one field, not the listing
            self.warnings.append(
                f"{name}: could not read {what} {short_repr(value)} ({type(exc).__name__}: {exc})"
            )
            return None
        if result is None or (isinstance(result, _SIZED) and not result):
            if not quiet:
                self.warnings.append(f"{name}: could not read {what} {short_repr(value)}")
            return None
        return result

    def derive(self, name: str, compute: Callable[[], T], default: T) -> T:
        """`compute()` (a field made from the text), or `default` with a warning if it raises."""
        try:
            return compute()
        except Exception as exc:  # same policy as read(): one field, never the listing
            self.warnings.append(f"{name}: could not derive ({type(exc).__name__}: {exc})")
            return default

    def add_place(self, place: PlaceText) -> None:
        for location in place.locations:
            if location not in self.locations:
                self.locations.append(location)
        self.remote_hint = self.remote_hint or place.remote
        self.hybrid_hint = self.hybrid_hint or place.hybrid
        for code in place.regions:
            if code not in self.remote_regions:
                self.remote_regions.append(code)


def finish(d: Draft) -> Listing:
    """Fill the Draft's gaps from its text and make the Listing."""
    text = f"{d.title}\n{d.description_text}"
    low_title, low_text = d.title.lower(), d.description_text.lower()
    low = f"{low_title}\n{low_text}"  # lower-cased once, read by every parser below
    # Eligibility also reads the extra prose; the others read `low`, which this text begins
    # with. One Aho-Corasick pass finds every parser's trigger words and digits in it.
    low_eligible = f"{low} \n{d.extra_text.lower()}"
    hits = _SCAN.hits(low_eligible)
    text_hits = hits_within(hits, _TEXT_WORDS, len(low_title) + 1, len(low))  # low_text's
    country = next((loc.country for loc in d.locations if loc.country), None)
    pay = d.pay or _pay_from_text(d, text, dollar_for(country), low, hits)
    # From the text: the engagement's own length and hours, with the words they were read from.
    read_weeks = None if d.duration_weeks else d.read(
        "duration_weeks", find_duration, text, what="text", quiet=True, low=low, hits=hits)
    duration = d.duration_weeks or (read_weeks.weeks if read_weeks else None)
    total_hours = d.read("total_hours", parse_total_hours, text, what="text", quiet=True, low=low,
                         hits=hits)
    read_hours = None if d.hours_per_week else d.read(
        "hours_per_week", find_hours, text, what="text", quiet=True, low=low, hits=hits)
    hours = (d.hours_per_week or (read_hours.weeks if read_hours else None)
             or _weekly(total_hours, duration))
    if pay is not None:
        pay = d.read("pay", with_hourly, pay, what="pay", hours=hours, weeks=duration) or pay
    types = d.employment_types or d.derive(
        "employment_types", lambda: employment_types_from_text(d.title), [])
    where = d.derive("locations", lambda: _text_places(d, low_text, text_hits), None)
    locations = d.locations or (where.work if where else [])
    arrangements = d.derive(
        "arrangement", lambda: _arrangements(d, where, low_title, low_text, text_hits), [])
    arrangement = arrangements[0] if arrangements else "unknown"
    regions = d.remote_regions
    if "remote" in arrangements and not regions:
        # A structured place that is only countries says more than the text's time zones; the
        # text's own restriction ("Remote (EU)") more than the countries it names elsewhere.
        text_regions = where.regions if where else []
        regions = (_countries_only(d.locations) or text_regions if d.locations
                   else text_regions or _countries_only(locations))
    deadline = d.deadline or d.derive(
        "deadline", lambda: find_deadline(low_text, base=d.fetched_at, hits=text_hits), None)
    start = d.start_date or d.derive(
        "start_date", lambda: find_start_date(low_text, base=d.fetched_at, hits=text_hits), None)
    eligible = d.derive("eligibility", lambda: eligibility(low=low_eligible, hits=hits), [])
    return trusted(Listing, dict(
        id=d.id,
        source=d.source,
        kind=d.kind,
        url=d.url,
        apply_url=d.apply_url,
        title=d.title,
        organization=d.organization,
        description_html=d.description_html,
        description_text=d.description_text,
        locations=locations,
        arrangement=arrangement,
        arrangements=arrangements,
        remote_regions=regions,
        employment_types=types,
        pay=pay or _NO_PAY,
        duration_weeks=duration or _NO_RANGE,
        hours_per_week=hours or _NO_RANGE,
        total_hours=total_hours or _NO_RANGE,
        posted_at=d.posted_at,
        deadline=deadline,
        start_date=start,
        category=d.category or d.derive(
            "category", lambda: categorize(d.title, d.description_text), None),
        skills=d.derive("skills", lambda: _skills(d), list(d.skills)),
        eligibility=eligible,
        micro_internship=d.derive("micro_internship", lambda: micro_internship(
            duration=duration, hours=hours, total_hours=total_hours, pay=pay,
            employment_types=types, eligibility=eligible, audience=d.audience,
            duration_read=read_weeks, hours_read=read_hours, low=low, hits=hits,
        ), MicroInternship()),
        fetched_at=d.fetched_at,
        first_seen_at=None,
        last_seen_at=None,
        status="active",
        expired_at=None,
        expired_reason=None,
        cluster_id=None,
        sources=[],
        warnings=d.warnings,
        schema_version=SCHEMA_VERSION,
    ))


_NO_PAY, _NO_RANGE = Pay(), Range()  # frozen: every listing that states none shares them


def _countries_only(locations: list[Location]) -> list[str]:
    """A remote job whose only places are countries may be done from those countries."""
    if not locations or any(loc.city or loc.region or not loc.country for loc in locations):
        return []
    return list(dict.fromkeys(loc.country for loc in locations if loc.country))


def _weekly(total: Range | None, weeks: Range | None) -> Range | None:
    """Hours per week from hours for the whole job and its duration ("20 hours over 4 weeks")."""
    if not total or not weeks or not total.max or not weeks.max:
        return None
    lo = (total.min or total.max) / weeks.max
    hi = total.max / (weeks.min or weeks.max)
    return Range(min=round(lo, 1), max=round(hi, 1))


def _pay_from_text(d: Draft, text: str, dollar: str, low: str, hits: Hits) -> Pay | None:
    """The pay the title and description state (pay.read_pay_prose), its warnings kept."""
    found = d.read("pay", read_pay_prose, text, what="text", quiet=True, dollar=dollar, low=low,
                   hits=hits)
    if found is None:
        return None
    pay, notes = found
    d.warnings.extend(notes)
    return pay


def _text_places(d: Draft, low_text: str, text_hits: Hits) -> TextPlaces | None:
    """What the title and description say about places and arrangements, unless the structure
    already said all of it (places, an arrangement, and the regions of a remote job). Places are
    read from the text only when the structure names none, neither a place nor the regions a
    remote job is open to: "Remote - Canada" in a location field outranks a company's
    boilerplate ("work from anywhere in the US, or from our Irvine office")."""
    if d.locations and d.arrangement and (d.arrangement != "remote" or d.remote_regions):
        return None
    return read_text_places(d.title, d.description_text, low=low_text, hits=text_hits,
                            places=not d.locations and not d.remote_regions)


def says_hybrid(low_title: str, low_text: str, text_hits: Hits) -> bool:
    """Whether the title or description says hybrid (HYBRID_RE). HYBRID_RE (re.I) starts with
    no literal the regex engine can skip to: a search costs ~9 µs over 3 KB. In lower-cased text
    it can only match where "hybrid" starts, or at a dotless "ı", which re.I takes for "i" (no
    other lower-case character is any of "hybrid"'s letters to it): so it is tried at the hits
    only, unless the text holds a "ı"."""
    return bool(("hybrid" in low_title and HYBRID_RE.search(low_title)) or (
        "hybrid" in text_hits and (
            HYBRID_RE.search(low_text) if "\u0131" in low_text
            else any(HYBRID_RE.match(low_text, i) for i in text_hits["hybrid"]))))


def _arrangements(d: Draft, where: TextPlaces | None, low_title: str, low_text: str,
                  text_hits: Hits) -> list[str]:
    """Every arrangement offered, the main one first. A structured arrangement wins; else the
    location texts' hints and the prose's (where.py), remote first (a student filtering on remote
    should find a posting that offers it), then hybrid, then onsite; a posting with a place and
    no arrangement word is onsite."""
    if d.arrangement:
        return [d.arrangement]
    offered = set(where.arrangements) if where else set()
    if d.remote_hint or _REMOTE_TITLE.search(low_title) or (
            not where and _REMOTE_TEXT.search(low_text, text_hits)):
        offered.add("remote")
    if d.hybrid_hint or says_hybrid(low_title, low_text, text_hits):
        offered.add("hybrid")
    if d.locations and not d.remote_hint and not d.hybrid_hint and not offered:
        offered.add("onsite")  # a structured place and no word of remote or hybrid
    if not offered and _ONSITE_TEXT.search(low_text, text_hits):
        offered.add("onsite")
    order = ("hybrid", "remote", "onsite") if d.hybrid_hint else ("remote", "hybrid", "onsite")
    return [name for name in order if name in offered]


def _skills(d: Draft) -> list[str]:
    found = dict.fromkeys(d.skills)
    found.update(dict.fromkeys(find_skills(d.title, d.description_text, d.extra_text)))
    return list(found)[:MAX_SKILLS]
