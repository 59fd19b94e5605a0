"""Places, arrangements, remote regions and pay read from a posting's own words (issue 14), and
the search API finding postings whose place is stated only in their text.

The texts here are written for these tests in the shapes real postings use (a Hacker News
header line, a "Location:" line, prose); the real postings are scored by
benchmarks/places_eval.py, not copied here.
"""

from __future__ import annotations

import httpx
import pytest

from normalize import normalize_raw
from normalize.fields.gazetteer import gazetteer
from normalize.fields.pay import read_pay_prose
from normalize.fields.places import is_country_code
from normalize.fields.where import read_text_places
from search_api.app import create_app
from tests.test_search_api_support import indexed, serve


def where(title: str, text: str = ""):
    return read_text_places(title, text)


def countries(title: str, text: str = "") -> list[str]:
    found = where(title, text)
    return sorted({loc.country for loc in found.work if loc.country}
                  | {r for r in found.regions if is_country_code(r)})


# --- the gazetteer -----------------------------------------------------------------------------


def test_gazetteer_reads_names_abbreviations_and_accents():
    g = gazetteer()
    names = {m.text: m.places[0] for m in g.scan(
        "SF, NYC, Zurich, Zürich, Bangalore, Kraków, UK, EMEA and the Bay Area")}
    assert names["SF"].country == "US" and names["NYC"].city == "New York"
    assert names["Zurich"].country == names["Zürich"].country == "CH"
    assert names["Bangalore"].country == "IN" and names["Kraków"].country == "PL"
    assert names["UK"].country == "GB"
    assert names["EMEA"].kind == "region" and names["Bay Area"].country == "US"


def test_gazetteer_ignores_words_in_lower_case_and_inside_words():
    g = gazetteer()
    assert g.scan("we can take the bar exam at any time") == []
    assert [m.text for m in g.scan("Parisian style; Londoner")] == []


# --- places of work ----------------------------------------------------------------------------


def test_header_line_places_and_arrangements():
    found = where("Acme | Senior Engineer | Berlin, Germany | ONSITE | Full-time")
    assert countries("Acme | Senior Engineer | Berlin, Germany | ONSITE | Full-time") == ["DE"]
    assert found.arrangements == ["onsite"]
    assert countries("Acme | SF, NYC or Remote (US) | $150k") == ["US"]
    assert where("Acme | SF, NYC or Remote (US)").arrangements == ["remote", "onsite"]


def test_city_with_state_or_country_beside_it():
    assert [(loc.city, loc.region, loc.country) for loc in where("Acme | Portland, OR").work] == [
        ("Portland", "OR", "US")]
    assert countries("Acme | Cambridge, UK | Hybrid") == ["GB"]
    assert countries("Acme | Cambridge, MA | Hybrid") == ["US"]
    # a town too small for the gazetteer still has its state
    assert countries("Acme | Smallville, KS | Onsite") == ["US"]


def test_ambiguous_names_resolved_by_context_or_left_out():
    assert countries("Acme | SF, Athens, or Remote (US)") == ["US"]
    assert countries("Acme | Athens | Onsite") == ["GR"]
    assert countries("Acme | Cambridge | Onsite") == []  # UK, Ontario or Massachusetts: unsaid
    assert countries("Acme | NYC, London & Toronto (in person)") == ["CA", "GB", "US"]


def test_headquarters_investors_and_customers_are_not_places_of_work():
    text = ("We're based in Tallinn and backed by investors in New York. Our customers in Japan "
            "love us. Headquartered in Dublin.\nLocation: Remote (Europe)")
    found = where("Acme | Senior Engineer", text)
    assert found.work == []
    assert found.regions == ["EUROPE"]


def test_places_in_a_cue_clause_and_a_label_line():
    assert countries("Design Intern", "This internship takes place at our office in Juneau, AK "
                     "with trips in the summer.") == ["US"]
    assert countries("Data Intern", "Location: Boston, MA") == ["US"]
    assert countries("Data Intern", "Please note we are working in our Copenhagen office.") == [
        "DK"]


def test_a_role_line_with_places_in_brackets():
    text = "Open roles:\nBackend Engineer (remote): apply\nRobotics Engineer (NYC): apply"
    found = where("Acme | Remote (see below)", text)
    assert countries("Acme | Remote (see below)", text) == ["US"]
    assert set(found.arrangements) == {"remote", "onsite"}


# --- arrangements and remote regions -----------------------------------------------------------


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("Acme | Onsite in Austin, TX", "", ["onsite"]),
    ("Acme | On-site | Paris, France", "", ["onsite"]),
    ("Acme | Seattle, WA", "You will work in our Seattle office 5 days a week.", ["onsite"]),
    ("Acme | Seattle, WA", "We work 3 days a week in the office.", ["hybrid"]),
    ("Acme | London, UK | HYBRID (2 days/week in office)", "", ["hybrid"]),
    ("Acme | Remote", "", ["remote"]),
    ("Acme | Munich | In-office or hybrid", "", ["hybrid", "onsite"]),
    ("Acme | Engineer", "We are a small team building tools.", []),
])
def test_arrangements_offered(title, text, expected):
    assert where(title, text).arrangements == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Acme | Remote (US)", ["US"]),
    ("Acme | REMOTE - US only", ["US"]),
    ("Acme | Remote in US & CAN", ["CA", "US"]),
    ("Acme | Remote (US/Can)", ["CA", "US"]),
    ("Acme | remote within the EU", ["EU"]),
    ("Acme | REMOTE (EMEA/APAC)", ["APAC", "EMEA"]),
    ("Acme | Remote (North America / LatAm)", ["LATAM", "NORTH_AMERICA"]),
    ("Acme | REMOTE (Worldwide)", []),
])
def test_remote_regions_from_the_restriction(title, expected):
    assert sorted(where(title).regions) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Remote. You must be in CET ±3.", ["EUROPE"]),
    ("Fully remote, European time zones only.", ["EUROPE"]),
    ("Fully remote, US time zones.", ["US"]),
    ("Fully remote with at least 4 hours overlap with US east coast hours.", []),
])
def test_time_zones_restrict_a_remote_job(text, expected):
    assert where("Acme | Engineer", text).regions == expected


def test_no_remote_work_is_not_remote():
    assert where("Acme | Bay Area", "No remote work, must be in the Bay Area.").arrangements == [
        "onsite"]


# --- pay in prose ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Comp: ₹35L–90L + ESOPs", (3_500_000, 9_000_000, "INR", "YEAR")),
    ("CTC INR 12-18 LPA", (1_200_000, 1_800_000, "INR", "YEAR")),
    ("Senior ($150k-$200k), Staff ($200k-$225k)", (150_000, 225_000, "USD", "YEAR")),
    ("$150k+ and equity", (150_000, None, "USD", "YEAR")),
    ("up to $25/hr", (None, 25, "USD", "HOUR")),
    ("up to ~ $750k", (None, 750_000, "USD", "YEAR")),
    ("Base $120k–$140k, OTE $240k", (120_000, 140_000, "USD", "YEAR")),
    ("$180k–$250k OTE + equity", (180_000, 250_000, "USD", "YEAR")),
    ("Visa + €10k signing bonus. Salary €60k-€80k.", (60_000, 80_000, "EUR", "YEAR")),
    ("We raised $20M. The role pays $30/hr.", (30, 30, "USD", "HOUR")),
    ("HYBRID (3 days/week in office) | $113K–$197K + equity", (113_000, 197_000, "USD", "YEAR")),
    ("45-70 USD per hour; $100/mo wellness stipend", (45, 70, "USD", "HOUR")),
    ("$200k to $250k USD Total Compensation", (200_000, 250_000, "USD", "YEAR")),
])
def test_pay_in_prose(text, expected):
    pay, _ = read_pay_prose(text)
    assert (pay.min, pay.max, pay.currency, pay.period) == expected


def test_pay_warnings_for_what_was_seen_but_not_read():
    pay, notes = read_pay_prose("Competitive salary and great benefits.")
    assert pay.paid is True and pay.min is None and pay.max is None
    assert notes and "states no amount" in notes[0]
    pay, notes = read_pay_prose("Salary ranges: 225k-270k depending on level.")
    assert pay is None and "'225k-270k'" in notes[0]
    assert read_pay_prose("You must be able to lift 25 pounds.") == (None, [])


def test_pay_warning_reaches_the_listing():
    listing = _feed_listing("p1", "Research Intern", "<p>Competitive pay. Remote (US).</p>")
    assert listing.pay.paid is True and listing.pay.min is None
    assert any("states no amount" in w for w in listing.warnings)


# --- the search API over postings whose place is only in their text ---------------------------


def _feed_listing(key: str, title: str, html: str):
    url = f"https://hn.example/item?id={key}"
    return normalize_raw({"source": "hn", "kind": "feed", "url": url,
                          "fetched_at": "2026-10-03T00:00:00+00:00",
                          "payload": {"title": title, "summary": html, "link": url, "id": url}})


TEXT_ONLY = [
    ("berlin", "Acme | Backend Engineer | Berlin, Germany | ONSITE | €70k–€90k",
     "<p>We build tools. Apply by email.</p>"),
    ("remote-us", "Beta | Data Engineer | REMOTE (US only) | $120k-$150k",
     "<p>We're a small team. Headquartered in Toronto.</p>"),
    ("sf-hybrid", "Gamma | Product Designer | San Francisco, CA",
     "<p>Hybrid: 3 days a week in our SF office. Pay: up to $25/hr.</p>"),
    ("nyc-or-remote", "Delta | Intern | NYC or Remote (US/Canada)",
     "<p>Paid internship, $30/hr+, 10 weeks.</p>"),
]


@pytest.fixture(scope="module")
def text_only_api(meili, tmp_path_factory):
    listings = [_feed_listing(*case).model_dump(mode="json") for case in TEXT_ONLY]
    with indexed(meili, tmp_path_factory.mktemp("home"), __name__, listings) as (settings, key):
        with serve(create_app(settings.meili_url, key, settings.index_uid)) as url:
            with httpx.Client(base_url=url, timeout=10) as client:
                yield client


def _titles(client: httpx.Client, **params) -> set[str]:
    response = client.get("/search", params={**params, "page_size": 50})
    assert response.status_code == 200, response.text
    return {hit["title"].split(" | ")[0] for hit in response.json()["hits"]}


def test_search_by_country_finds_places_stated_only_in_text(text_only_api):
    assert _titles(text_only_api, country="US") == {"Beta", "Gamma", "Delta"}
    assert _titles(text_only_api, country="DE") == {"Acme"}
    assert _titles(text_only_api, country="CA") == {"Delta"}  # a remote region; not Beta's HQ


def test_search_by_arrangement_finds_arrangements_stated_only_in_text(text_only_api):
    assert _titles(text_only_api, arrangement="remote") == {"Beta", "Delta"}
    assert _titles(text_only_api, arrangement="hybrid") == {"Gamma"}
    assert _titles(text_only_api, arrangement="onsite") == {"Acme"}


def test_pay_min_treats_an_open_bound_as_open(text_only_api):
    # "up to $25/hr" has no known minimum: it never satisfies "at least $20/hr"; "$30/hr+" does
    # (and so do the annual salaries, whose hourly equivalents are above $20).
    assert _titles(text_only_api, pay_min=20) == {"Acme", "Beta", "Delta"}
    assert _titles(text_only_api, pay_min=50) == {"Beta"}  # $120k a year: ~$58 an hour


# --- structure first: a location field that names only a remote region ----------------------


@pytest.mark.parametrize("location, places", [
    ("Remote - Canada", []),  # the region says where; the company's US boilerplate does not
    ("Toronto", [("Toronto", "CA")]),
    ("", [("Irvine", "US"), (None, "US")]),  # no structured place: the prose is read
])
def test_a_structured_remote_region_outranks_places_in_boilerplate(location, places):
    text = ("<p>As a remote-first company, you'll have the ability to work from anywhere in the US, "
            "with the option to enjoy our offices in Irvine, California.</p>")
    payload = {"id": 4000000001, "title": "Lead Motion Designer", "content": text,
               "absolute_url": "https://boards.greenhouse.io/directive/jobs/4000000001"}
    if location:
        payload["location"] = {"name": location}
    listing = normalize_raw({"source": "gh", "kind": "greenhouse", "fetched_at": "2026-11-01T00:00:00Z",
                             "url": "https://boards-api.greenhouse.io/v1/boards/x/jobs",
                             "payload": payload})
    assert [(loc.city, loc.country) for loc in listing.locations] == places
    if location == "Remote - Canada":
        assert listing.remote_regions == ["CA"] and listing.arrangement == "remote"
