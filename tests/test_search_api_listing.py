"""GET /listings/{id} as JSON and as an HTML page with schema.org JobPosting JSON-LD.

The JSON-LD mapping is checked field by field on one listing (pure), then on the served page:
extruct (the library Stint's own crawler reads JSON-LD with) must find exactly the JobPosting
that `jsonld.job_posting` builds, and hostile text must stay inert in both the markup and the
<script> element.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import extruct
import httpx
import pytest

from index.documents import full_document, to_document
from index.store import Store
from search_api.app import create_app
from search_api.jsonld import base_salary, job_duration, job_posting, script_json, work_hours
from tests.test_search_api_support import LISTINGS, indexed, make_listing, serve

HOSTILE_ID = "L900"


def hostile_listing() -> dict:
    listing = make_listing(900)
    listing.update(
        id=HOSTILE_ID,
        title='</script><script>window.__pwned=1</script> Evil "title" & co',
        description_html=('<p>Real text</p><script>window.__pwned=1</script>'
                          '<img src=x onerror="window.__pwned=1">'
                          '<a href="javascript:window.__pwned=1">click</a>'
                          '<a href="https://ok.test/x" onclick="window.__pwned=1">ok</a>'),
        description_text="Real text <!-- </script> -->",
        apply_url="javascript:window.__pwned=1",
    )
    listing["sources"] = [{"source": "evil", "url": "javascript:alert(1)"},
                          {"source": "<b>hub</b>", "url": "https://hub.test/p/900"}]
    return listing


@pytest.fixture(scope="module")
def api(meili, tmp_path_factory) -> Iterator[httpx.Client]:
    listings = [*LISTINGS, hostile_listing()]
    with indexed(meili, tmp_path_factory.mktemp("home"), __name__, listings) as (settings, key):
        # Documents are lean: the full description is served from the store.
        store = Store(settings.store_url)
        store.upsert([(x, {"url": x["url"]}) for x in listings])
        try:
            with serve(create_app(settings.meili_url, key, settings.index_uid, store=store)) as url:
                with httpx.Client(base_url=url, timeout=10) as client:
                    yield client
        finally:
            store.close()


# -- the mapping (pure) -------------------------------------------------------------------------


def test_job_posting_maps_every_known_field():
    listing = make_listing(12)  # remote, paid weekly, 1-2 weeks, 20 h, with a deadline
    doc = full_document(to_document(listing), [listing])  # as /listings/{id} serves it
    posting = job_posting(doc)
    assert posting["@context"] == "https://schema.org" and posting["@type"] == "JobPosting"
    assert posting["identifier"] == {"@type": "PropertyValue", "name": "Stint", "value": "L012"}
    assert posting["title"] == listing["title"]
    assert posting["datePosted"] == listing["posted_at"]
    assert posting["validThrough"] == listing["deadline"]
    assert posting["jobStartDate"] == listing["start_date"]
    assert posting["employmentType"] == ["INTERN"]
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Acme Corp",
                                             "sameAs": "https://example.test"}
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "US"}, {"@type": "Country", "name": "CA"}]
    assert posting["jobLocation"] == [{"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "London", "addressCountry": "GB"}}]
    assert posting["baseSalary"] == {"@type": "MonetaryAmount", "currency": "USD", "value": {
        "@type": "QuantitativeValue", "minValue": 240.0, "maxValue": 245.0, "unitText": "WEEK"}}
    assert posting["workHours"] == "20 hours per week"
    assert "jobDuration" not in posting  # not a schema.org property: said in the description
    assert posting["description"].endswith("<p>Duration: 1-2 weeks.</p>")
    assert posting["skills"] == "Excel"
    assert posting["url"] == listing["url"]
    assert posting["potentialAction"]["target"]["urlTemplate"] == listing["apply_url"]
    assert "<p>" in posting["description"]


def test_onsite_listing_has_no_telecommute_and_unknowns_are_left_out():
    posting = job_posting(to_document(make_listing(2)))  # onsite, unpaid, unknown duration
    assert "jobLocationType" not in posting and "applicantLocationRequirements" not in posting
    assert "baseSalary" not in posting and "validThrough" in posting
    assert None not in posting.values()


@pytest.mark.parametrize(("pay", "expected"), [
    # A project fee: no unit Google accepts, so no unit (the fee is said in the description)...
    ({"min": 500, "max": 500, "currency": "EUR", "period": "PROJECT"},
     {"@type": "MonetaryAmount", "currency": "EUR",
      "value": {"@type": "QuantitativeValue", "value": 500}}),
    # ... or its hourly equivalent where Stint knows one.
    ({"min": 600, "max": 600, "currency": "USD", "period": "PROJECT", "hourly_min": 15,
      "hourly_max": 15},
     {"@type": "MonetaryAmount", "currency": "USD",
      "value": {"@type": "QuantitativeValue", "value": 15, "unitText": "HOUR"}}),
    ({"max": 20, "period": "HOUR"},
     {"@type": "MonetaryAmount", "value": {"@type": "QuantitativeValue", "value": 20,
                                           "unitText": "HOUR"}}),
    ({"paid": True}, None),
])
def test_base_salary(pay, expected):
    assert base_salary(pay) == expected


GOOGLE_UNITS = {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}


def test_job_postings_pass_googles_structured_data_rules():
    """Over the whole catalogue and every pay period and arrangement: unitText only from
    Google's list, remote postings say where applicants may live (or have a jobLocation), no
    property that schema.org's JobPosting does not define."""
    allowed = {"@context", "@type", "identifier", "title", "description", "datePosted",
               "validThrough", "jobStartDate", "employmentType", "hiringOrganization",
               "jobLocation", "jobLocationType", "applicantLocationRequirements", "baseSalary",
               "workHours", "skills", "url", "sameAs", "potentialAction"}
    listings = [*LISTINGS, hostile_listing()]
    remote_nowhere = make_listing(4)  # remote, but no regions, countries nor places
    remote_nowhere.update(locations=[], remote_regions=[])
    listings.append(remote_nowhere)
    seen_units, remote_seen = set(), 0
    for listing in listings:
        posting = job_posting(to_document(listing))
        assert set(posting) <= allowed, set(posting) - allowed
        unit = posting.get("baseSalary", {}).get("value", {}).get("unitText")
        assert unit is None or unit in GOOGLE_UNITS, unit
        seen_units.add(unit)
        if posting.get("jobLocationType") == "TELECOMMUTE":
            remote_seen += 1
            assert posting.get("applicantLocationRequirements") or posting.get("jobLocation")
        pay = listing["pay"]
        if pay.get("period") == "PROJECT":
            assert f"Pay: {pay['min']:,.0f}" in posting["description"]
    assert remote_seen >= 5 and {"HOUR", "WEEK"} <= seen_units
    assert "jobLocationType" not in job_posting(to_document(remote_nowhere))


def test_hours_and_duration_text():
    assert work_hours({"hours_per_week": {"min": 10, "max": 15}}) == "10-15 hours per week"
    assert work_hours({"hours_per_week": {"max": 7.5}}) == "7.5 hours per week"
    assert work_hours({"duration_weeks": {"max": 3}}) is None
    assert job_duration({"duration_weeks": {"min": 2, "max": 2}}) == "2 weeks"
    assert job_duration({"duration_weeks": {"min": 1, "max": 3}}) == "1-3 weeks"
    assert job_duration({}) is None


def test_script_json_cannot_close_the_script_element():
    data = {"a": "</script><script>alert(1)</script>", "b": "<!-- x -->", "c": "a & b",
            "d": "line\u2028sep"}
    text = script_json(data)
    for forbidden in ("</", "<!--", "<script", "&", "\u2028"):
        assert forbidden not in text
    assert json.loads(text) == data


# -- the routes ---------------------------------------------------------------------------------


def jsonld_of(page: str) -> list[dict]:
    return extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]


def test_listing_json_has_every_source(api):
    body = api.get("/listings/L010").json()
    assert body["id"] == "L010" and body["description_html"].startswith("<p>")
    assert [s["url"] for s in body["sources"]] == ["https://example.test/jobs/10",
                                                    "https://hub.test/p/10"]


def test_listing_page_embeds_the_job_posting(api):
    response = api.get("/listings/L012.html")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    (posting,) = jsonld_of(response.text)
    document = api.get("/listings/L012").json()
    assert posting == job_posting(document)
    assert posting["baseSalary"]["value"]["unitText"] == "WEEK"
    assert f'<h1 id="listing-title">{LISTINGS[12]["title"]}</h1>' in response.text
    assert "https://example.test/jobs/12/apply" in response.text


def test_listing_page_lists_every_place_to_apply(api):
    page = api.get("/listings/L005.html").text
    assert 'href="https://example.test/jobs/5"' in page and 'href="https://hub.test/p/5"' in page
    assert jsonld_of(page)[0]["sameAs"] == ["https://hub.test/p/5"]


def test_hostile_listing_page_is_inert(api):
    page = api.get(f"/listings/{HOSTILE_ID}.html").text
    head, body = page.split("</head>")
    # The one <script> element is the JSON-LD, and nothing in it closes it early.
    assert page.count("<script") == 1 and page.count("</script>") == 1
    description = body.split('<section class="description">')[1]
    assert "__pwned" not in description  # script, onerror, javascript: and onclick all gone
    assert "<img" not in body and "onerror" not in body and "javascript:" not in body
    assert "onclick" not in body and 'href="https://ok.test/x"' in body
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; Evil" in body
    assert "&lt;b&gt;hub&lt;/b&gt;" in body
    (posting,) = jsonld_of(page)
    assert posting["title"] == hostile_listing()["title"]
    assert "script" not in posting["description"] and "onerror" not in posting["description"]
    assert "potentialAction" not in posting  # a javascript: apply URL is no link
    assert posting["sameAs"] == ["https://hub.test/p/900"]


@pytest.mark.parametrize(("path", "status"), [
    ("/listings/nope.html", 404),
    ("/listings/a%22b.html", 422),
    ("/listings/" + "a" * 65 + ".html", 422),
])
def test_listing_page_errors(api, path, status):
    assert api.get(path).status_code == status


# -- re-ingestion: the page read back by Stint's own crawler path -------------------------------


@pytest.mark.parametrize("listing_id", ["L012", "L005", "L000"])
def test_listing_page_reingests_without_loss(api, listing_id):
    """Another board reading our page gets the posting back: the page through the same JSON-LD
    extraction and normalizer the crawler uses gives the same core fields."""
    from normalize import normalize_raw
    from normalize.extract import extract_jobpostings
    from normalize.fields.places import is_country_code

    page = api.get(f"/listings/{listing_id}.html")
    (payload,) = extract_jobpostings(page.text, str(page.url)).postings
    again = normalize_raw({"source": "reingest", "kind": "jsonld", "url": str(page.url),
                           "fetched_at": "2026-11-27T12:00:00+00:00", "payload": payload})
    original = api.get(f"/listings/{listing_id}").json()
    assert again.title == original["title"]
    assert again.organization.name == original["organization"]["name"]
    # Not apply_url: the page states it as potentialAction (ApplyAction), which the JSON-LD
    # reader does not look at yet (it reads applyUrl-style keys and directApply).
    assert again.url == original["url"]
    assert again.employment_types == original["employment_types"]
    assert (again.posted_at or "")[:10] == original["posted_at"]
    assert (again.deadline or "")[:10] == (original["deadline"] or "")
    # the index's countries: the places and the countries a remote worker may be in
    assert {loc.country for loc in again.locations} | {
        r for r in again.remote_regions if is_country_code(r)} == set(original["countries"])
    assert {loc.city for loc in again.locations} == set(original["cities"])
    if original["arrangement"] == "remote":
        assert again.arrangement == "remote"
    pay = original["pay"]
    if pay.get("min") is not None:
        assert (again.pay.min, again.pay.max, again.pay.currency, again.pay.period) == (
            pay["min"], pay["max"], pay["currency"], pay["period"])
    for field in ("hours_per_week", "duration_weeks"):
        if original[field].get("max") is not None:
            assert getattr(again, field).max == original[field]["max"]
    assert "Blog Writing" in again.description_text or "team needs help" in again.description_text


def test_pages_have_a_description_and_the_home_page_a_heading(api):
    import re

    for path in ("/", "/listings/L012.html", "/career-centers", "/listings/nope.html"):
        page = api.get(path).text
        found = re.search(r'<meta name="description" content="([^"]{20,})">', page)
        assert found, path
    listing = api.get("/listings/L012.html").text
    assert re.search(r'<meta name="description" content="[^"]*Intern 12 at Acme Corp', listing)
    assert re.search(r"<h1[ >]", api.get("/").text)
