"""Property-based robustness of normalize/ (hypothesis), bounded to run in a few seconds:

- no field parser raises, on any text or any nested JSON-like value;
- normalize_raw raises nothing but NormalizeError for any payload dict of any kind, with the
  kind's own keys holding arbitrary values;
- one bad field never loses the listing: the field is left empty and a warning names it, and
  what the other fields say is unchanged.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import NormalizeError, kinds, normalize_raw
from normalize.fields import (
    dates,
    duration,
    eligibility,
    employment,
    hours,
    micro,
    numbers,
    pay,
    places,
    taxonomy,
    text,
    urls,
)
from normalize.schema import Listing, Pay, Range
from tests.corpus import FETCHED_AT, postings

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

# Text that looks like postings: pay, dates, hours, places and markup, mixed with anything.
WORDS = st.sampled_from([
    "$", "€", "£", "USD", "20", "1,200", "2.000", "-", "–", "to", "per", "hour", "/hr", "week",
    "weeks", "month", "days", "business", "hours", "total", "over", "up to", "apply by", "March",
    "3", "2026", "ago", "Summer", "start", "Remote", "(US only)", "NYC", ",", "CA", "hybrid",
    "intern", "Part-time", "unpaid", "stipend", "fixed fee", "<p>", "</p>", "<script>", "&amp;",
    "students", "sponsor", "\n", " ", "k", "+", "~", "½", "\u200b", "٣",
])
TEXT = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=40).map(" ".join))
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(
                                   ["value", "minValue", "maxValue", "unitText", "currency", "name",
                                    "address", "addressCountry", "addressLocality", "@value",
                                    "label", "city", "country", "x"]), children, max_size=4)),
    max_leaves=12,
)

PARSERS = [
    numbers.parse_number, pay.parse_pay_text, pay.pay_from_salary, pay.currency_code,
    pay.normalize_period, duration.parse_duration_weeks, hours.parse_hours_per_week,
    hours.parse_total_hours, hours.hours_from_value, dates.parse_date, dates.find_date,
    places.country_code, places.location_from_address, places.place_from_job_location,
    places.parse_place_text, employment.parse_employment_types,
    employment.employment_types_from_text, text.sanitize_html, text.clean_inline,
    taxonomy.categorize, taxonomy.find_skills, taxonomy.skills_from_value,
    eligibility.eligibility, urls.domain_of,
]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda f: f.__name__)
@SETTINGS
@given(value=st.one_of(TEXT, JSON))
def test_field_parsers_never_raise(parser, value):
    parser(value)


@SETTINGS
@given(value=TEXT, base=st.sampled_from([None, FETCHED_AT, "garbage", "9999-12-31T00:00:00"]),
       prefer=st.sampled_from(["past", "future"]))
def test_date_parsers_never_raise(value, base, prefer):
    dates.parse_date(value, base=base, prefer=prefer)
    dates.find_date(value, base=base, prefer=prefer)
    dates.find_deadline(value.lower(), base=base)
    dates.find_start_date(value.lower(), base=base)


@SETTINGS
@given(value=TEXT)
def test_text_helpers_never_raise(value):
    text.to_text(text.sanitize_html(value))
    urls.absolute_url(value, "https://example.org/jobs/")


RANGES = st.one_of(st.none(), st.builds(Range, min=st.one_of(st.none(), st.floats(0, 1e6)),
                                        max=st.one_of(st.none(), st.floats(0, 1e6))))


@SETTINGS
@given(lo=st.one_of(st.none(), st.floats(-1e9, 1e9)), hi=st.one_of(st.none(), st.floats(0, 1e9)),
       period=st.sampled_from([None, "HOUR", "DAY", "WEEK", "MONTH", "YEAR", "PROJECT"]),
       hours_=RANGES, weeks=RANGES, words=TEXT)
def test_hourly_and_micro_never_raise(lo, hi, period, hours_, weeks, words):
    p = Pay(min=lo, max=hi, period=period, paid=True)
    pay.with_hourly(p, hours_, weeks)
    micro.micro_internship(title=words, text=words, duration=weeks, hours=hours_,
                           total_hours=hours_, pay=p, employment_types=["FULL_TIME"],
                           eligibility=["students"])


# -- normalize_raw on arbitrary payloads of every kind --------------------------------------

# Each kind's own keys, so that arbitrary values reach its mapping code rather than being ignored.
KIND_KEYS = {
    "jsonld": ["title", "name", "description", "identifier", "url", "hiringOrganization",
               "datePosted", "validThrough", "jobStartDate", "employmentType", "baseSalary",
               "jobLocation", "jobLocationType", "applicantLocationRequirements", "workHours",
               "jobDuration", "skills", "occupationalCategory", "qualifications", "directApply"],
    "greenhouse": ["id", "title", "absolute_url", "company_name", "content", "location",
                   "offices", "departments", "first_published", "updated_at", "metadata",
                   "pay_input_ranges", "_board"],
    "lever": ["id", "text", "hostedUrl", "applyUrl", "description", "descriptionPlain", "lists",
              "additional", "salaryDescription", "categories", "workplaceType", "country",
              "salaryRange", "createdAt", "_board"],
    "ashby": ["id", "title", "jobUrl", "applyUrl", "descriptionHtml", "descriptionPlain",
              "employmentType", "workplaceType", "isRemote", "address", "location",
              "secondaryLocations", "publishedAt", "department", "team", "compensation", "_board"],
    "smartrecruiters": ["id", "name", "company", "postingUrl", "applyUrl", "jobAd", "location",
                        "typeOfEmployment", "experienceLevel", "releasedDate", "function",
                        "department", "industry"],
    "workable": ["shortcode", "title", "url", "shortlink", "application_url", "description",
                 "requirements", "benefits", "locations", "city", "state", "country",
                 "telecommuting", "employment_type", "experience", "published_on", "department",
                 "_board"],
    "recruitee": ["id", "slug", "title", "company_name", "careers_url", "careers_apply_url",
                  "description", "requirements", "locations", "location", "city", "state_name",
                  "country_code", "remote", "hybrid", "on_site", "employment_type_code",
                  "min_hours", "max_hours", "salary", "published_at", "close_at", "department"],
    "feed": ["title", "link", "id", "summary", "content", "published", "updated", "tags",
             "author_detail", "extensions", "feed"],
    "html": ["fields", "list_fields"],
}


def payloads(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    keys = st.sampled_from(KIND_KEYS[kind])
    values = st.one_of(JSON, st.lists(TEXT, max_size=3),
                       st.dictionaries(st.sampled_from(["title", "description", "pay", "location",
                                                        "deadline", "posted_at", "name", "value",
                                                        "text", "label", "job:salary"]),
                                       st.one_of(TEXT, st.lists(TEXT, max_size=2)), max_size=4))
    return st.dictionaries(keys, values, max_size=10)


@pytest.mark.parametrize("kind", sorted(kinds()))
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_normalize_raw_raises_only_normalize_error(kind, data):
    payload = data.draw(payloads(kind))
    if data.draw(st.booleans()):  # a title, so the mapping goes past its first check
        payload.setdefault({"ashby": "title", "lever": "text", "smartrecruiters": "name",
                            "html": "fields"}.get(kind, "title"),
                           {"title": ["Intern"]} if kind == "html" else "Data Intern")
    raw = {"source": "prop", "kind": kind, "url": "https://example.org/jobs",
           "fetched_at": data.draw(st.sampled_from([FETCHED_AT, "", "not a date"])),
           "payload": payload}
    try:
        listing = normalize_raw(raw)
    except NormalizeError:
        return
    assert isinstance(listing, Listing) and listing.title
    Listing.model_validate(listing.model_dump(mode="json"))  # what it made is a valid Listing


# -- one bad field never loses the listing --------------------------------------------------

GOOD = {case.kind: case for case in reversed(postings.cases())}  # one whole posting per kind
# Where each kind keeps a field, and the Listing field it feeds.
BAD_SPOTS = {
    "jsonld": [("baseSalary", "pay"), ("datePosted", "posted_at"), ("jobLocation", "locations"),
               ("employmentType", "employment_types"), ("validThrough", "deadline")],
    "greenhouse": [("first_published", "posted_at"), ("pay_input_ranges", "pay"),
                   ("metadata", "employment_types")],
    "lever": [("salaryRange", "pay"), ("createdAt", "posted_at"), ("categories", "locations")],
    "ashby": [("compensation", "pay"), ("publishedAt", "posted_at"),
              ("employmentType", "employment_types"), ("address", "locations")],
    "smartrecruiters": [("releasedDate", "posted_at"), ("location", "locations"),
                        ("typeOfEmployment", "employment_types")],
    "workable": [("published_on", "posted_at"), ("locations", "locations"),
                 ("employment_type", "employment_types")],
    "recruitee": [("salary", "pay"), ("published_at", "posted_at"), ("close_at", "deadline"),
                  ("locations", "locations")],
    "feed": [("published", "posted_at"), ("tags", "employment_types"), ("content", "description")],
    "html": [],
}
BAD_VALUES = st.one_of(
    st.just("n/a"), st.just({"value": {"minValue": "lots", "unitText": "sometimes"}}),
    st.just([{"address": {"addressCountry": 42}}]), st.just(-1e308), st.just({"@value": []}),
    JSON,
)


@pytest.mark.parametrize(("kind", "key", "field"),
                         [(k, key, f) for k, spots in BAD_SPOTS.items() for key, f in spots])
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(bad=BAD_VALUES)
def test_one_bad_field_never_loses_the_listing(kind, key, field, bad):
    case = GOOD[kind]
    clean = normalize_raw(case.raw)
    raw = copy.deepcopy(case.raw)
    raw["payload"][key] = bad
    listing = normalize_raw(raw)  # never raises: the payload still has its title
    assert listing.id == clean.id and listing.title == clean.title
    assert listing.description_text == clean.description_text
    assert listing.organization == clean.organization


def test_a_parser_that_raises_costs_one_field_and_leaves_a_warning(monkeypatch):
    """A parser bug on odd input: the field is empty, a warning names it, the rest is intact."""
    import normalize.formats.jsonld as jsonld

    case = GOOD["jsonld"]
    clean = normalize_raw(case.raw)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(jsonld, "parse_employment_types", broken)
    listing = normalize_raw(case.raw)
    assert any(w.startswith("employment_types: could not read employmentType") and "parser bug" in w
               for w in listing.warnings)
    assert listing.locations == clean.locations and listing.pay == clean.pay
    assert listing.posted_at == clean.posted_at and listing.title == clean.title
