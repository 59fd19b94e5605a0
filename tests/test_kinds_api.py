"""The six ATS API kinds: real `stint crawl` runs against the local ATS fixture server (every kind,
good boards and the failure rules), then pure tests of each format's mapping on small payloads.

The crawl runs once per module in its own process, as in production (Twisted's reactor cannot
restart); the tests below read what it stored.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from typing import Any

import pytest

from crawlers.sources import dump_sources, parse_sources
from index.store import Store
from normalize import NormalizeError, normalize_raw
from normalize.schema import listing_id
from tests.fixtures.ats_server import (
    KINDS,
    Posting,
    make_postings,
    native_id,
    serve_ats,
)

COMPANY = "Acme Analytics"
# Boards that just work, one per kind: (postings, extra source keys).
GOOD = {
    "greenhouse": (6, {"pay_transparency": True}),
    "lever": (130, {}),  # two pages of 100
    "ashby": (7, {}),  # plus one unlisted job
    "smartrecruiters": (45, {}),  # three pages: the fixture clamps limit to 20
    "workable": (5, {}),
    "recruitee": (4, {}),
}
# Behaviour boards: source name -> (kind, board token, behaviour, postings, extra source keys).
BEHAVIOUR = {
    "greenhouse-gone": ("greenhouse", "gone", "gone", 0, {}),
    "lever-flaky": ("lever", "flaky", "flaky", 130, {}),
    "lever-endless": ("lever", "endless", "endless", 0, {"max_api_pages": 3}),
    "smartrecruiters-endless": ("smartrecruiters", "endless", "endless", 0, {"max_api_pages": 3}),
    "workable-broken": ("workable", "broken", "broken", 0, {}),
    "ashby-garbled": ("ashby", "garbled", "garbled", 0, {}),
    "ashby-empty": ("ashby", "empty", "empty", 0, {}),
    "recruitee-slow": ("recruitee", "slow", "slow", 3, {}),
    "recruitee-timeout": ("recruitee", "slow-timeout", "slow", 3, {"timeout": 0.4}),  # own URL: no cache hit
    "lever-junk": ("lever", "junk", "junk", 3, {}),
    "smartrecruiters-junk": ("smartrecruiters", "junk", "junk", 3, {}),
}
# Expected run of each behaviour source: status, stored, errors.
HEALTH = {
    "greenhouse-gone": ("failed", 0, {"http_404": 1}),
    "lever-flaky": ("partial", 100, {"http_500": 1}),
    "lever-endless": ("partial", 300, {"pagination_limit": 1}),
    "smartrecruiters-endless": ("partial", 60, {"pagination_limit": 1}),
    "workable-broken": ("failed", 0, {"http_500": 1}),
    "ashby-garbled": ("failed", 0, {"bad_json": 1}),
    "ashby-empty": ("ok", 0, {}),
    "recruitee-slow": ("ok", 3, {}),
    "recruitee-timeout": ("failed", 0, {"timeout": 1}),
    # Broken postings on a good board are counted; the run is still healthy.
    "lever-junk": ("ok", 3, {"rejected": 2}),
    "smartrecruiters-junk": ("ok", 3, {"rejected": 1, "http_404": 1}),
}


def run_stint(home, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stint", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=timeout)


def good_postings(kind: str) -> list[Posting]:
    postings = make_postings(f"{kind}-acme", GOOD[kind][0])
    if kind == "ashby":
        postings.append(replace(make_postings("ashby-unlisted", 2)[1], listed=False))
    return postings


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """One crawl of every source (good and behaviour boards) against one fixture server."""
    home = tmp_path_factory.mktemp("ats-home")
    with serve_ats() as ats:
        tables = []
        for kind in KINDS:
            ats.add(kind, "acme", good_postings(kind), company=COMPANY)
            tables.append({"name": f"{kind}-acme", "kind": kind, "board": "acme",
                           "api_base": ats.api_base(kind), **GOOD[kind][1]})
        for name, (kind, token, behaviour, count, extra) in BEHAVIOUR.items():
            ats.add(kind, token, make_postings(name, count), behaviour=behaviour)
            tables.append({"name": name, "kind": kind, "board": token,
                           "api_base": ats.api_base(kind), **extra})
        config = home / "sources.toml"
        config.write_text(dump_sources(tables))
        result = run_stint(home, "crawl", "--config", str(config), "--no-index", "--progress", "0")
        hits = dict(ats.hits)
        store = Store(f"sqlite:///{home / 'stint.db'}")
        yield home, config, result, store, hits
        store.close()


def by_native(store: Store, source: str) -> dict[str, dict[str, Any]]:
    return {listing["id"]: listing for listing in store.iter_listings(source=source)}


def stored_for(store: Store, kind: str, posting: Posting) -> dict[str, Any]:
    source = f"{kind}-acme"
    listing = store.get(listing_id(source, native_id(kind, posting)))
    assert listing is not None, (kind, posting.title)
    return listing


# -- the crawl -----------------------------------------------------------------------------


def test_crawl_reports_every_source(crawl):
    _, _, result, *_ = crawl
    # Some boards fail outright (gone, broken, garbled, timeout): exit code 1, the rest is kept.
    assert result.returncode == 1, result.stderr
    for name in [f"{kind}-acme" for kind in KINDS] + list(BEHAVIOUR):
        assert name in result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_every_listed_job_is_stored(crawl, kind):
    *_, store, _ = crawl
    listed = [p for p in good_postings(kind) if p.listed]
    expected = {listing_id(f"{kind}-acme", native_id(kind, p)): p.title for p in listed}
    stored = {x["id"]: x["title"] for x in store.iter_listings(source=f"{kind}-acme")}
    assert stored == expected


@pytest.mark.parametrize("kind", KINDS)
def test_good_board_run_is_healthy(crawl, kind):
    *_, store, _ = crawl
    run = store.recent_runs(source=f"{kind}-acme", limit=1)[0]
    listed = len([p for p in good_postings(kind) if p.listed])
    assert run["status"] == "ok", run
    assert run["stats"]["errors"] == {}
    assert run["stats"]["postings"] == run["stats"]["stored"] == listed
    # pages counts the API responses read: list pages, plus one detail per posting where the
    # kind asks for it (SmartRecruiters always, Greenhouse with pay_transparency).
    pages = {"greenhouse": 1 + listed, "lever": 2, "smartrecruiters": 3 + listed}.get(kind, 1)
    assert run["stats"]["pages"] == pages


@pytest.mark.parametrize("name", list(HEALTH))
def test_failure_rules(crawl, name):
    *_, store, _ = crawl
    status, stored, errors = HEALTH[name]
    run = store.recent_runs(source=name, limit=1)[0]
    assert (run["status"], run["stats"]["stored"], run["stats"]["errors"]) == (status, stored, errors)
    assert store.count(source=name) == stored
    if name == "ashby-empty":  # an empty board answered: a healthy run with nothing in it
        assert run["stats"]["pages"] == 1 and run["stats"]["postings"] == 0


def test_requests_the_rules_cost(crawl):
    *_, hits = crawl
    assert hits["/greenhouse/v1/boards/gone/jobs"] == 1  # gone: never retried
    assert hits["/workable/api/v1/widget/accounts/broken"] == 3  # 5xx: retried twice
    assert hits["/lever/v0/postings/flaky"] == 1 + 3  # page 1, then page 2 three times
    assert hits["/lever/v0/postings/endless"] == 3  # the max_api_pages guard
    assert hits["/smartrecruiters/v1/companies/endless/postings"] == 3
    details = [path for path in hits if path.startswith("/greenhouse/v1/boards/acme/jobs/")]
    assert len(details) == GOOD["greenhouse"][0]  # pay_transparency: one request per job
    assert hits["/ashby/posting-api/job-board/acme"] == 1  # one request for the whole board


SHOWCASE_URLS = {
    "greenhouse": "https://boards.greenhouse.io/acme/jobs/",
    "lever": "https://jobs.lever.co/acme/",
    "ashby": "https://jobs.ashbyhq.com/acme/",
    "smartrecruiters": "https://jobs.smartrecruiters.com/acme/",
    "workable": "https://apply.workable.com/j/",
    "recruitee": "https://acme.recruitee.com/o/",
}


@pytest.mark.parametrize("kind", KINDS)
def test_showcase_posting_fields(crawl, kind):
    """The first posting of every board is the same job: each kind must read it the same."""
    *_, store, _ = crawl
    x = stored_for(store, kind, good_postings(kind)[0])
    assert x["title"] == "Market Research Micro-Internship"
    assert x["url"].startswith(SHOWCASE_URLS[kind]) and x["apply_url"]
    # Lever and Ashby name the company only by the board in their URLs.
    assert x["organization"]["name"] == ("acme" if kind in ("lever", "ashby") else COMPANY)
    assert "INTERN" in x["employment_types"]
    assert {k: x["pay"][k] for k in ("min", "max", "currency", "period")} == {
        "min": 20.0, "max": 25.0, "currency": "USD", "period": "HOUR"}
    assert x["arrangement"] == "hybrid"
    places = {(loc["city"], loc["country"]) for loc in x["locations"]}
    # A SmartRecruiters posting has one location; the others list the second office too.
    assert places == ({("Austin", "US")} if kind == "smartrecruiters"
                      else {("Austin", "US"), ("New York", "US")})
    assert x["posted_at"] == "2026-11-02"
    assert x["duration_weeks"] == {"min": 3.0, "max": 3.0}
    assert x["hours_per_week"] == {"min": 10.0, "max": 10.0}
    assert x["micro_internship"]["is_micro"] is True
    assert "market research micro-internship" in x["description_text"]
    html = x["description_html"].lower()
    assert "<script" not in html and "onerror" not in html and "alert(1)" not in x["description_text"]
    assert x["warnings"] == []


# What each ATS can say about employment: Workable has no internship type (experience says
# it), Recruitee's fixed-term full-time is two types.
TYPES = {("workable", "INTERN"): {"INTERN", "PART_TIME"},
         ("recruitee", "TEMPORARY"): {"FULL_TIME", "TEMPORARY"}}


@pytest.mark.parametrize("kind", KINDS)
def test_every_posting_maps_types_pay_and_arrangement(crawl, kind):
    *_, store, _ = crawl
    for p in good_postings(kind):
        if not p.listed:
            continue
        x = stored_for(store, kind, p)
        assert set(x["employment_types"]) == TYPES.get((kind, p.employment), {p.employment}), p
        assert x["arrangement"] == p.workplace, p
        got = (x["pay"]["min"], x["pay"]["max"], x["pay"]["currency"], x["pay"]["period"])
        if p.pay is None:
            assert got == (None, None, None, None), p
        else:
            # Recruitee's salary has no period for a one-time fee.
            period = None if (kind, p.pay.period) == ("recruitee", "PROJECT") else p.pay.period
            assert got == (p.pay.min, p.pay.max, p.pay.currency, period), p
        assert x["posted_at"] == p.posted[:10]
        if p.workplace == "remote" and kind not in ("workable", "recruitee"):
            assert p.code in x["remote_regions"], p


def test_recrawl_keeps_ids_and_first_seen(crawl):
    home, config, _, store, _ = crawl
    names = ["ashby-acme", "smartrecruiters-acme"]
    before = {n: {x["id"]: x["first_seen_at"] for x in store.iter_listings(source=n)} for n in names}
    with serve_ats() as ats:  # the same boards, on a new port: only api_base changes
        tables = []
        for kind in ("ashby", "smartrecruiters"):
            ats.add(kind, "acme", good_postings(kind), company=COMPANY)
            tables.append({"name": f"{kind}-acme", "kind": kind, "board": "acme",
                           "api_base": ats.api_base(kind)})
        again_config = config.parent / "again.toml"
        again_config.write_text(dump_sources(tables))
        again = run_stint(home, "crawl", "--config", str(again_config), "--no-index",
                          "--progress", "0")
    assert again.returncode == 0, again.stderr
    for n in names:
        assert {x["id"]: x["first_seen_at"] for x in store.iter_listings(source=n)} == before[n]


# -- configuration and the error rules, without a crawl ------------------------------------


def test_sources_file_takes_board_and_api_base():
    text = dump_sources([
        {"name": "notion", "kind": "ashby", "board": "notion"},
        {"name": "acme", "kind": "recruitee", "board": "acme", "api_base": "http://127.0.0.1:1/{board}"},
        {"name": "gh", "kind": "greenhouse", "board": "acme", "pay_transparency": True,
         "max_api_pages": 5},
    ])
    sources = parse_sources(text, "sources.toml").sources
    assert sources[0].options == {"board": "notion"}
    assert sources[2].options["pay_transparency"] is True


@pytest.mark.parametrize("table, message", [
    ({"name": "x", "kind": "lever"}, "needs board"),
    ({"name": "x", "kind": "lever", "board": "https://jobs.lever.co/acme"}, "token, not a URL"),
    ({"name": "x", "kind": "ashby", "board": "a", "api_base": "ftp://x"}, "must be an http"),
    ({"name": "x", "kind": "workable", "board": "a", "max_api_pages": 0}, "at least 1"),
    ({"name": "x", "kind": "lever", "board": "a", "pay_transparency": True}, "unknown key"),
])
def test_bad_api_source_is_a_clear_error(table, message):
    from crawlers.sources import ConfigError

    with pytest.raises(ConfigError, match=message):
        parse_sources(dump_sources([table]), "sources.toml")


def test_later_page_gone_is_not_a_gone_board():
    """A 404 on page 1 means the board is gone; on a later page, listings were missed."""
    from scrapy import Request
    from scrapy.http import Response
    from scrapy.spidermiddlewares.httperror import HttpError
    from scrapy.utils.test import get_crawler
    from twisted.python.failure import Failure

    from crawlers.kinds.lever import LeverSpider
    from crawlers.sources import Source

    crawler = get_crawler(LeverSpider)
    spider = LeverSpider.from_crawler(crawler, source=Source("x", "lever", {"board": "acme"}))
    for page, expected in ((1, "http_404"), (2, "page_gone"), (0, "http_404")):
        request = Request("http://127.0.0.1/x", meta={"stint_page": page})
        failure = Failure(HttpError(Response(request.url, status=404, request=request)))
        failure.request = request
        spider.on_api_error(failure)
        assert crawler.stats.get_value(f"stint/errors/{expected}")
    assert crawler.stats.get_value("stint/errors/http_404") == 2
    assert spider.api_base == "https://api.lever.co"
    assert spider.crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1


# -- the formats, on small payloads ---------------------------------------------------------


def raw(kind: str, payload: dict[str, Any], url: str = "https://api.example.com/x") -> dict:
    return {"source": "src", "kind": kind, "url": url, "fetched_at": "2026-11-27T12:00:00+00:00",
            "payload": payload}


def test_greenhouse_format():
    job = {
        "id": 127, "title": "Research Intern", "absolute_url": "https://boards.greenhouse.io/a/jobs/127",
        "company_name": "Acme", "location": {"name": "Remote - Canada"},
        "content": "&lt;p&gt;Help us &lt;strong&gt;survey&lt;/strong&gt; users. Paid $30 per hour.&lt;/p&gt;",
        "first_published": "2026-10-01T09:00:00-04:00", "updated_at": "2026-10-05T09:00:00-04:00",
        "metadata": [
            {"id": 1, "name": "Employment Type", "value": "Intern", "value_type": "single_select"},
            {"id": 2, "name": "Hourly Rate", "value_type": "currency_range",
             "value": {"min_value": "24.0", "max_value": "28.0", "unit": "CAD"}},
            {"id": 3, "name": "Application Deadline", "value": "2026-12-01", "value_type": "date"},
        ],
        "departments": [{"id": 9, "name": "Research", "child_ids": [], "parent_id": None}],
        "offices": [{"id": 8, "name": "Toronto", "location": "Toronto, ON, Canada"}],
    }
    x = normalize_raw(raw("greenhouse", job))
    assert x.id == listing_id("src", "127")
    assert x.description_html == "<p>Help us <strong>survey</strong> users. Paid $30 per hour.</p>"
    assert x.organization.name == "Acme" and x.apply_url == x.url
    assert x.employment_types == ["INTERN"] and x.deadline == "2026-12-01"
    # The structured custom field wins over the description's "$30 per hour".
    assert (x.pay.min, x.pay.max, x.pay.currency, x.pay.period) == (24, 28, "CAD", "HOUR")
    assert x.arrangement == "remote" and x.remote_regions == ["CA"]
    assert [(loc.city, loc.country) for loc in x.locations] == [("Toronto", "CA")]
    assert x.posted_at == "2026-10-01" and x.category == "research"
    # pay_input_ranges (pay transparency) win over custom fields; cents to units.
    ranged = {**job, "pay_input_ranges": [{"min_cents": 500000, "max_cents": 600000,
                                           "currency_type": "USD", "title": "Annual Salary"}]}
    x = normalize_raw(raw("greenhouse", ranged))
    assert (x.pay.min, x.pay.max, x.pay.currency, x.pay.period) == (5000, 6000, "USD", "YEAR")


def test_lever_format():
    posting = {
        "id": "5ac2-11", "text": "Design Contractor", "hostedUrl": "https://jobs.lever.co/acme/5ac2-11",
        "applyUrl": "https://jobs.lever.co/acme/5ac2-11/apply",
        "categories": {"commitment": "Contract", "location": "Remote", "team": "Design",
                       "allLocations": ["Remote"]},
        "workplaceType": "remote", "country": "GB", "createdAt": 1793520000000,
        "description": "<div>Redesign our onboarding flow. We pay £900 a week.</div>",
        "lists": [{"text": "You will", "content": "<li>Sketch</li><li>Test</li>"}],
        "additional": "<div>Two weeks, part-time.</div>",
        "salaryRange": {"min": 2000, "max": 2400, "currency": "GBP", "interval": "bi-week-salary"},
    }
    x = normalize_raw(raw("lever", {**posting, "_board": {"token": "acme"}}))
    assert x.title == "Design Contractor" and x.organization.name == "acme"
    assert x.employment_types == ["CONTRACTOR"] and x.arrangement == "remote"
    assert x.remote_regions == ["GB"] and x.locations == []
    # bi-weekly salary is half of it per week; structured, so the text's £900 does not win.
    assert (x.pay.min, x.pay.max, x.pay.currency, x.pay.period) == (1000, 1200, "GBP", "WEEK")
    assert "<h3>You will</h3><ul><li>Sketch</li><li>Test</li></ul>" in x.description_html
    assert x.posted_at == "2026-11-01"
    onsite = {**posting, "workplaceType": "on-site", "categories": {"location": "Leeds"},
              "salaryRange": None}
    x = normalize_raw(raw("lever", onsite))
    assert x.arrangement == "onsite" and [(loc.city, loc.country) for loc in x.locations] == [
        ("Leeds", "GB")]
    assert (x.pay.min, x.pay.period) == (900, "WEEK")  # from the text, as nothing structured
    assert x.organization.name == "acme"  # no board context: the board in its hostedUrl


ASHBY_JOB = {
    "id": "b1c0", "title": "Data Entry Intern", "department": "Operations", "team": "Ops",
    "employmentType": "Intern", "location": "Remote - United States", "isRemote": True,
    "secondaryLocations": [{"location": "Chicago, Illinois", "address": {"postalAddress": {
        "addressRegion": "Illinois", "addressCountry": "United States", "addressLocality": "Chicago"}}}],
    "address": {"postalAddress": {"addressCountry": "United States"}},
    "publishedAt": "2026-10-20T21:58:01.111+00:00", "isListed": True,
    "jobUrl": "https://jobs.ashbyhq.com/acme/b1c0", "applyUrl": "https://jobs.ashbyhq.com/acme/b1c0/application",
    "descriptionHtml": "<p style=\"min-height:1.5em\">Clean our CRM for 2 weeks.</p>",
    "descriptionPlain": "Clean our CRM for 2 weeks.",
    "shouldDisplayCompensationOnJobPostings": True,
    "compensation": {
        "compensationTierSummary": "$18 – $22 per hour • Offers Equity",
        "scrapeableCompensationSalarySummary": None,
        "compensationTiers": [],
        "summaryComponents": [
            {"compensationType": "EquityPercentage", "interval": "NONE", "currencyCode": None,
             "minValue": 0.1, "maxValue": 0.2},
            {"compensationType": "Salary", "interval": "1 HOUR", "currencyCode": "USD",
             "minValue": 18, "maxValue": 22},
        ],
    },
    "_board": {"token": "acme"},
}


def test_ashby_format():
    x = normalize_raw(raw("ashby", ASHBY_JOB))
    assert x.id == listing_id("src", "b1c0") and x.organization.name == "acme"
    assert x.apply_url.endswith("/application") and x.employment_types == ["INTERN"]
    assert x.arrangement == "remote" and x.remote_regions == ["US"]
    assert (x.pay.min, x.pay.max, x.pay.currency, x.pay.period) == (18, 22, "USD", "HOUR")
    assert [(loc.city, loc.country) for loc in x.locations] == [(None, "US"), ("Chicago", "US")]
    assert x.description_html == "<p>Clean our CRM for 2 weeks.</p>" and x.posted_at == "2026-10-20"
    # workplaceType wins over isRemote; the summary text fills in when there are no components.
    hybrid = {**ASHBY_JOB, "workplaceType": "Hybrid", "compensation": {
        "compensationTierSummary": "€40K – €50K", "summaryComponents": [], "compensationTiers": []}}
    x = normalize_raw(raw("ashby", hybrid))
    assert x.arrangement == "hybrid"
    assert (x.pay.min, x.pay.max, x.pay.currency, x.pay.period) == (40000, 50000, "EUR", "YEAR")
    # A job-level city in the text is kept when the address names only the country.
    onsite = {**ASHBY_JOB, "location": "Denver, Colorado", "isRemote": False,
              "secondaryLocations": [], "compensation": None}
    x = normalize_raw(raw("ashby", onsite))
    assert [(loc.city, loc.region, loc.country) for loc in x.locations] == [
        ("Denver", "Colorado", "US")]
    assert x.arrangement == "onsite" and x.pay.min is None


def test_smartrecruiters_format():
    posting = {
        "id": "744000", "name": "Operations Associate", "company": {"identifier": "Acme", "name": "Acme Inc"},
        "releasedDate": "2026-09-02T16:09:51.107Z",
        "location": {"city": "Paris", "region": "IDF", "country": "fr", "remote": False, "hybrid": True,
                     "fullLocation": "Paris, IDF, France"},
        "typeOfEmployment": {"id": "permanent", "label": "Full-time"},
        "experienceLevel": {"id": "internship", "label": "Internship"},
        "function": {"id": "administrative", "label": "Administrative"},
        "jobAd": {"sections": {
            "companyDescription": {"title": "Company Description", "text": "<p>We ship.</p>"},
            "jobDescription": {"title": "Job Description", "text": "<p>Keep our files in order.</p>"},
            "qualifications": {"title": "Qualifications", "text": "<ul><li>Tidy</li></ul>"},
        }},
    }
    x = normalize_raw(raw("smartrecruiters", posting))
    assert x.url == "https://jobs.smartrecruiters.com/Acme/744000" == x.apply_url
    assert x.organization.name == "Acme Inc" and x.arrangement == "hybrid"
    assert x.employment_types == ["INTERN", "FULL_TIME"]
    assert [(loc.city, loc.country) for loc in x.locations] == [("Paris", "FR")]
    assert x.description_html.startswith("<h3>Company Description</h3><p>We ship.</p>"
                                         "<h3>Job Description</h3>")
    assert x.posted_at == "2026-09-02"


def test_workable_format():
    job = {
        "title": "Social Media Assistant", "shortcode": "A1B2C3", "employment_type": "Part-time",
        "telecommuting": True, "department": "Marketing", "url": "https://apply.workable.com/j/A1B2C3",
        "application_url": "https://apply.workable.com/j/A1B2C3/apply", "published_on": "2026-10-15",
        "created_at": "2026-10-14", "country": "Spain", "city": "Madrid", "state": "Madrid",
        "experience": "Internship",
        "locations": [{"country": "Spain", "countryCode": "ES", "city": "Madrid", "region": "Madrid",
                       "hidden": False},
                      {"country": "Spain", "countryCode": "ES", "city": "Seville", "region": "Andalusia",
                       "hidden": True}],
        "description": "<p>Plan our posts.</p>", "requirements": "<p>Instagram know-how.</p>",
        "_board": {"token": "acme", "name": "Acme SL"},
    }
    x = normalize_raw(raw("workable", job))
    assert x.id == listing_id("src", "A1B2C3") and x.organization.name == "Acme SL"
    assert x.employment_types == ["INTERN", "PART_TIME"] and x.arrangement == "remote"
    assert [(loc.city, loc.country) for loc in x.locations] == [("Madrid", "ES")]  # not the hidden
    assert "<h3>Requirements</h3><p>Instagram know-how.</p>" in x.description_html
    assert x.posted_at == "2026-10-15"


def test_recruitee_format():
    offer = {
        "id": 99, "slug": "copywriter", "title": "Copywriter", "company_name": "Acme BV",
        "careers_url": "https://acme.recruitee.com/o/copywriter",
        "careers_apply_url": "https://acme.recruitee.com/o/copywriter/c/new",
        "description": "<p>Write landing pages. €25 per hour.</p>", "requirements": "<p>Dutch.</p>",
        "employment_type_code": "parttime_fixed_term", "min_hours": 8, "max_hours": 12,
        "remote": False, "hybrid": False, "on_site": True,
        "location": "Utrecht, Netherlands", "city": "Utrecht", "country": "Netherlands",
        "country_code": "NL", "state_name": "Utrecht", "locations": [],
        "salary": {"min": "20", "max": "22", "period": "hour", "currency": "EUR"},
        "published_at": "2026-10-01 09:30:00 UTC", "close_at": "2026-12-15 23:59:00 UTC",
    }
    x = normalize_raw(raw("recruitee", offer))
    assert x.apply_url.endswith("/c/new") and x.organization.name == "Acme BV"
    assert x.employment_types == ["PART_TIME", "TEMPORARY"] and x.arrangement == "onsite"
    assert (x.pay.min, x.pay.max, x.pay.currency, x.pay.period) == (20, 22, "EUR", "HOUR")
    assert (x.hours_per_week.min, x.hours_per_week.max) == (8, 12)
    assert [(loc.city, loc.country) for loc in x.locations] == [("Utrecht", "NL")]
    assert (x.posted_at, x.deadline) == ("2026-10-01", "2026-12-15")
    odd = {**offer, "employment_type_code": "gig", "salary": {"min": 0, "max": 0}}
    x = normalize_raw(raw("recruitee", odd))
    assert x.employment_types == [] and any("gig" in w for w in x.warnings)
    assert (x.pay.min, x.pay.period) == (25, "HOUR")  # no salary given: the text says it


@pytest.mark.parametrize("kind", KINDS)
def test_a_job_without_title_or_object_is_rejected(kind):
    with pytest.raises(NormalizeError, match=kind):
        normalize_raw(raw(kind, {"id": 1, "_board": {"token": "acme"}}))
    with pytest.raises(NormalizeError, match=kind):
        normalize_raw(raw(kind, ["not", "a", "job"]))
