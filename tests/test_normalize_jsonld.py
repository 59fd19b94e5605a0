"""normalize_raw and the `jsonld` format: dispatch, errors, the JobPosting mapping, and that one
bad field costs only that field (with a warning)."""

from __future__ import annotations

import copy
import time

import pytest

from normalize import FORMATS, NormalizeError, UnknownKindError, kinds, normalize_raw
from normalize.formats import format_for
from normalize.formats.jsonld import to_listing
from normalize.schema import Listing, RawListing, listing_id

URL = "https://jobs.example.com/postings/7"
FETCHED_AT = "2026-11-27T10:00:00Z"

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Social Media Content Assistant",
    "identifier": {"@type": "PropertyValue", "name": "Acme", "value": "A-77"},
    "url": "https://jobs.example.com/postings/7",
    "datePosted": "2026-11-01T08:00:00-05:00",
    "validThrough": "2026-12-01",
    "jobStartDate": "2026-12-08",
    "employmentType": ["INTERN", "PART_TIME"],
    "hiringOrganization": {"@type": "Organization", "name": "Bluebird Social Co.",
                           "sameAs": "https://www.bluebirdsocial.example"},
    "jobLocation": {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Austin", "addressRegion": "TX",
        "addressCountry": "USA"}},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": {
        "@type": "QuantitativeValue", "value": 18, "unitText": "HOUR"}},
    "description": "<p>Draft two weeks of Instagram posts in Canva.</p>"
                   "<p>A 4-week project, 10-15 hrs/week. Open to current students.</p>",
}


_POSTING = object()


def raw(payload=_POSTING, **fields) -> dict:
    return {"source": "acme", "kind": "jsonld", "url": URL, "fetched_at": FETCHED_AT,
            "payload": copy.deepcopy(POSTING) if payload is _POSTING else payload, **fields}


def test_maps_a_full_posting():
    listing = normalize_raw(raw())
    assert isinstance(listing, Listing)
    assert listing.id == listing_id("acme", "A-77")
    assert (listing.source, listing.kind, listing.url) == ("acme", "jsonld", URL)
    assert listing.title == "Social Media Content Assistant"
    assert listing.organization.model_dump() == {"name": "Bluebird Social Co.",
                                                 "domain": "bluebirdsocial.example"}
    [loc] = listing.locations
    assert (loc.city, loc.region, loc.country) == ("Austin", "TX", "US")
    assert listing.arrangement == "onsite"
    assert listing.employment_types == ["INTERN", "PART_TIME"]
    assert (listing.pay.min, listing.pay.currency, listing.pay.period) == (18, "USD", "HOUR")
    assert (listing.pay.hourly_min, listing.pay.hourly_derived) == (18, False)
    assert (listing.duration_weeks.min, listing.duration_weeks.max) == (4, 4)
    assert (listing.hours_per_week.min, listing.hours_per_week.max) == (10, 15)
    assert (listing.posted_at, listing.deadline, listing.start_date) == (
        "2026-11-01", "2026-12-01", "2026-12-08")
    assert listing.category == "marketing"
    assert "Canva" in listing.skills
    assert listing.eligibility == ["students"]
    assert listing.micro_internship.is_micro
    assert listing.fetched_at == FETCHED_AT
    assert listing.warnings == []
    assert listing.description_text == (
        "Draft two weeks of Instagram posts in Canva.\n\n"
        "A 4-week project, 10-15 hrs/week. Open to current students.")


def test_id_is_stable_and_falls_back_to_the_url():
    assert normalize_raw(raw()).id == normalize_raw(raw()).id
    payload = copy.deepcopy(POSTING)
    del payload["identifier"]
    assert normalize_raw(raw(payload)).id == listing_id("acme", URL)
    payload["identifier"] = 12345
    assert normalize_raw(raw(payload)).id == listing_id("acme", "12345")


def test_relative_url_and_apply_url():
    payload = copy.deepcopy(POSTING) | {"url": "/postings/8", "directApply": True}
    listing = normalize_raw(raw(payload))
    assert listing.url == "https://jobs.example.com/postings/8"
    assert listing.apply_url == listing.url
    payload["applyUrl"] = "https://apply.example.com/8"
    assert normalize_raw(raw(payload)).apply_url == "https://apply.example.com/8"


def test_remote_posting():
    payload = copy.deepcopy(POSTING) | {
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": [{"@type": "Country", "name": "United States"},
                                          {"@type": "Country", "name": "Canada"}]}
    listing = normalize_raw(raw(payload))
    assert listing.arrangement == "remote"
    assert listing.remote_regions == ["US", "CA"]


def test_text_fills_what_the_structure_does_not_say():
    payload = {"@type": "JobPosting", "title": "Grant Writing Support (Remote)",
               "hiringOrganization": "Open Rivers Foundation",
               "description": "A 3-week project, about 10 hours a week. $600 fixed fee."}
    listing = normalize_raw(raw(payload))
    assert listing.organization.name == "Open Rivers Foundation"
    assert listing.arrangement == "remote"  # from the title
    assert (listing.pay.min, listing.pay.period, listing.pay.hourly_min) == (600, "PROJECT", 20)
    assert listing.pay.hourly_derived
    assert listing.category == "writing"


def test_structured_fields_win_over_text():
    payload = copy.deepcopy(POSTING)
    payload["description"] += "<p>Pay: $25/hour. Duration: 6 weeks.</p>"
    payload["jobDuration"] = "P2W"
    listing = normalize_raw(raw(payload))
    assert listing.pay.min == 18
    assert (listing.duration_weeks.min, listing.duration_weeks.max) == (2, 2)


@pytest.mark.parametrize(
    "field, value, warning",
    [
        ("baseSalary", {"@type": "MonetaryAmount", "currency": "EUR", "value": "YTES"},
         'pay: could not read baseSalary {"@type":"MonetaryAmount","currency":"EUR","value":"YTES"}'),
        ("datePosted", "sometime soon", 'posted_at: could not read datePosted "sometime soon"'),
        ("validThrough", ["not", "a", "date"], "deadline: could not read validThrough"),
        ("employmentType", "Vakinainen", 'employment_types: could not read employmentType'),
        ("jobLocation", {"@type": "Place", "name": "TBD"}, "locations: could not read jobLocation"),
        ("applicantLocationRequirements", {"name": "Mars"},
         "remote_regions: could not read applicantLocationRequirements"),
        ("hiringOrganization", 42, "organization: could not read hiringOrganization 42"),
        ("workHours", "9am to 5pm", "hours_per_week: could not read workHours"),
    ],
)
def test_one_bad_field_costs_only_that_field(field, value, warning):
    payload = copy.deepcopy(POSTING) | {field: value}
    listing = normalize_raw(raw(payload))
    assert listing.title == POSTING["title"]
    assert any(w.startswith(warning) for w in listing.warnings), listing.warnings


def test_a_field_parser_that_raises_becomes_a_warning(monkeypatch):
    from normalize.formats import jsonld

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(jsonld, "pay_from_salary", broken)
    listing = normalize_raw(raw())
    assert listing.pay.min is None  # the description states no pay, so none is left
    assert any(w.startswith("pay: could not read baseSalary") and "RuntimeError: boom" in w
               for w in listing.warnings)
    assert listing.title == POSTING["title"]


def test_long_values_are_cut_in_warnings():
    payload = copy.deepcopy(POSTING) | {"datePosted": "x" * 5000}
    [warning] = normalize_raw(raw(payload)).warnings
    assert len(warning) < 200 and warning.endswith("…")


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"@type": "JobPosting", "description": "no title"}, "has no title"),
        ({"@type": "JobPosting", "title": "   "}, "has no title"),
        (["a", "list"], "not a JobPosting object"),
        ("text", "not a JobPosting object"),
        (None, "not a JobPosting object"),
    ],
)
def test_payloads_that_cannot_make_a_listing(payload, message):
    with pytest.raises(NormalizeError, match=message):
        normalize_raw(raw(payload))


def test_not_a_raw_listing():
    with pytest.raises(NormalizeError, match="not a RawListing: url"):
        normalize_raw({"source": "a", "kind": "jsonld", "fetched_at": FETCHED_AT, "payload": {}})


def test_unknown_kind():
    with pytest.raises(UnknownKindError, match="no format for kind 'carrier-pigeon'"):
        normalize_raw(raw(kind="carrier-pigeon"))
    assert not issubclass(UnknownKindError, NormalizeError)  # configuration, not bad data


def test_registry():
    assert FORMATS["jsonld"] is to_listing
    assert format_for("jsonld") is to_listing
    assert "jsonld" in kinds() and kinds() == sorted(FORMATS)


def test_accepts_a_raw_listing_model():
    model = RawListing.model_validate(raw())
    assert normalize_raw(model).title == POSTING["title"]


def test_normalize_is_fast():
    """Not a benchmark (see the report for numbers): a guard against a 10x regression."""
    model = RawListing.model_validate(raw())
    model.payload["description"] = POSTING["description"] * 25  # ~3 KB
    to_listing(model)
    started = time.perf_counter()
    for _ in range(50):
        to_listing(model)
    assert (time.perf_counter() - started) / 50 < 0.01


def test_a_text_derived_field_that_raises_becomes_a_warning(monkeypatch):
    from normalize import draft

    def broken(*args, **kwargs):
        raise ValueError("bad vocabulary")

    monkeypatch.setattr(draft, "categorize", broken)
    listing = normalize_raw(raw())
    assert listing.category is None
    assert "category: could not derive (ValueError: bad vocabulary)" in listing.warnings
    assert listing.skills and listing.micro_internship.is_micro  # the other fields are intact
