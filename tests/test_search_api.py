"""The search API: filter building (pure), then the app over real HTTP against a real Meilisearch.

The integration tests share one index of hand-made listings and one uvicorn server per module
(the tests only read). Expected counts are computed from the same listings in Python.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import ValidationError

from index.documents import FACETS, to_document
from index.meili import MeiliIndex
from index.meili_server import free_port
from normalize.schema import Listing
from search_api.app import create_app
from search_api.filters import any_of, build_filter, equals, id_filter, quote
from search_api.params import SearchParams
from search_api.query import lean_hit, search_body
from stint.errors import MeiliError
from stint.settings import Settings

# -- filters and parameters (no server) ---------------------------------------------------------


def test_quote_escapes_backslash_and_double_quote():
    assert quote("IN") == '"IN"'
    assert quote('a"b') == '"a\\"b"'
    assert quote("a\\") == '"a\\\\"'
    assert quote('x\\" OR 1') == '"x\\\\\\" OR 1"'


def test_equals_quotes_strings_and_writes_booleans_bare():
    assert equals("countries", "IN") == 'countries = "IN"'
    assert equals("paid", False) == "paid = false"
    with pytest.raises(ValueError, match="not a filterable"):
        equals("salary", "1")
    with pytest.raises(TypeError):
        equals("paid", 1)


def test_build_filter_ands_parameters_and_ors_values():
    params = SearchParams(country=["us", "In"], arrangement=["Remote"], paid=True,
                          employment_type=["intern"], micro_only=True)
    assert build_filter(params) == [
        ['arrangement = "remote"'],
        ['employment_types = "INTERN"'],
        ['countries = "US"', 'countries = "IN"'],
        "paid = true",
        "is_micro = true",
    ]
    assert build_filter(SearchParams()) == []
    assert "filter" not in search_body(SearchParams())


def test_injection_in_a_free_text_value_stays_one_quoted_literal():
    attack = 'Acme" OR status = "expired'
    (group,) = build_filter(SearchParams(organization=[attack]))
    assert group == ['organization_name = "Acme\\" OR status = \\"expired"']
    assert any_of("organization_name", ["a\\", '"']) == [
        'organization_name = "a\\\\"', 'organization_name = "\\""']
    assert id_filter("abc") == ['id = "abc"']


@pytest.mark.parametrize("bad", [
    {"country": ['US" OR status = "expired']},
    {"country": ["USA"]},
    {"country": ["U1"]},
    {"arrangement": ["moon"]},
    {"employment_type": ["SLAVE_LABOUR"]},
    {"organization": ["a\nb"]},
    {"organization": ["  "]},
    {"country": ["US"] * 21},
    {"q": "x" * 201},
    {"page": 0},
    {"page_size": 101},
    {"countri": ["US"]},
])
def test_invalid_parameters_are_rejected(bad):
    with pytest.raises(ValidationError):
        SearchParams(**bad)


def test_search_body_uses_exact_pagination_and_lean_hits():
    body = search_body(SearchParams(q="data", page=3, page_size=7))
    assert (body["page"], body["hitsPerPage"]) == (3, 7)
    assert "offset" not in body and "limit" not in body
    assert "description_html" not in body["attributesToRetrieve"]
    assert "countries" in body["attributesToRetrieve"]
    hit = lean_hit({"id": "a", "description_html": "<p>x</p>",
                    "_formatted": {"id": "a", "title": "<mark>T</mark>", "skills": []}})
    assert hit == {"id": "a", "_formatted": {"title": "<mark>T</mark>"}}


# -- the catalogue the integration tests search -------------------------------------------------

TITLES = ["Data Entry Intern", "Market Research Assistant", "Marketing Micro-Internship",
          "Software Contractor", "Graphic Design Sprint", "Blog Writing Gig"]
ORGS = ["Acme Corp", "Globex", 'Quote "Q" \\ Labs']
COUNTRIES = ["US", "IN", "GB", "DE", "CA"]
ARRANGEMENTS = ["remote", "hybrid", "onsite", "unknown"]
TYPES = [["INTERN"], ["TEMPORARY"], ["CONTRACTOR", "PART_TIME"], ["INTERN", "PART_TIME"]]
FILLER = ("Our small team needs help for a few weeks with spreadsheets, customer calls, "
          "surveys, reports and planning; you will learn a lot and meet many people. ") * 4


def make_listing(i: int) -> dict[str, Any]:
    title = f"{TITLES[i % len(TITLES)]} {i}"
    countries = [COUNTRIES[i % len(COUNTRIES)]] + (["IN"] if i % 7 == 0 and i % 5 != 1 else [])
    return Listing(
        id=f"L{i:03d}",
        source="test",
        kind="jsonld",
        url=f"https://example.test/jobs/{i}",
        title=title,
        organization={"name": ORGS[i % len(ORGS)]},
        description_html=f"<p>{title}</p>",
        description_text=f"{title}. {FILLER}",
        locations=[{"country": c} for c in countries],
        arrangement=ARRANGEMENTS[i % len(ARRANGEMENTS)],
        employment_types=TYPES[i % len(TYPES)],
        pay={"paid": [True, False, None][i % 3]},
        micro_internship={"is_micro": i % 2 == 0},
    ).model_dump(mode="json")


LISTINGS = [make_listing(i) for i in range(30)]
DOCS = [to_document(listing) for listing in LISTINGS]


def expected_ids(keep) -> set[str]:
    return {doc["id"] for doc in DOCS if keep(doc)}


# -- servers ------------------------------------------------------------------------------------


@contextmanager
def serve(app) -> Iterator[str]:
    """Run `app` under uvicorn on 127.0.0.1, port 0, in a thread; yield its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the search API did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def new_keys_deleted(index: MeiliIndex) -> Iterator[None]:
    """Delete the API keys made inside the block: the session's Meilisearch is shared, and
    keys would pile up across tests."""
    before = {key.uid for key in index.client.get_keys({"limit": 1000}).results}
    try:
        yield
    finally:
        for key in index.client.get_keys({"limit": 1000}).results:
            if key.uid not in before:
                index.client.delete_key(key.key)


@pytest.fixture(scope="module")
def catalog(meili, tmp_path_factory) -> Iterator[tuple[Settings, str]]:
    """The index of LISTINGS and its search key; both removed afterwards."""
    uid = "t_" + hashlib.sha1(__name__.encode()).hexdigest()[:16]
    settings = Settings.load(home=tmp_path_factory.mktemp("home"), env={
        "MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key or "", "STINT_INDEX": uid})
    index = MeiliIndex(settings.meili_url, settings.meili_master_key, settings.index_uid)
    with new_keys_deleted(index):
        index.ensure()
        index.upsert(LISTINGS)
        yield settings, index.search_key()
        index.client.wait_for_task(index.client.delete_index(uid).task_uid)


@pytest.fixture(scope="module")
def api(catalog) -> Iterator[httpx.Client]:
    settings, key = catalog
    with serve(create_app(settings.meili_url, key, settings.index_uid)) as url:
        with httpx.Client(base_url=url, timeout=10) as client:
            yield client


def ids(response: httpx.Response) -> set[str]:
    assert response.status_code == 200, response.text
    return {hit["id"] for hit in response.json()["hits"]}


def everything(api: httpx.Client, **params) -> httpx.Response:
    return api.get("/search", params={"page_size": 100, **params})


# -- /search ------------------------------------------------------------------------------------


def test_typo_still_finds_and_highlights(api):
    response = api.get("/search", params={"q": "interm", "page_size": 100})
    body = response.json()
    wanted = expected_ids(lambda d: "intern" in d["title"].lower())
    assert ids(response) == wanted and body["total"] == len(wanted) > 0
    hit = body["hits"][0]
    assert "<mark>" in hit["_formatted"]["title"]
    assert set(hit["_formatted"]) <= {"title", "description_text"}
    assert "description_html" not in hit and hit["countries"]
    snippet = hit["_formatted"]["description_text"]
    assert len(snippet.split()) < 40 < len(hit["description_text"].split())


@pytest.mark.parametrize(("params", "keep"), [
    ({"arrangement": "remote"}, lambda d: d["arrangement"] == "remote"),
    ({"arrangement": ["remote", "HYBRID"]}, lambda d: d["arrangement"] in ("remote", "hybrid")),
    ({"employment_type": "PART_TIME"}, lambda d: "PART_TIME" in d["employment_types"]),
    ({"country": "in"}, lambda d: "IN" in d["countries"]),
    ({"country": ["IN", "de"]}, lambda d: {"IN", "DE"} & set(d["countries"])),
    ({"paid": "true"}, lambda d: d["paid"] is True),
    ({"paid": "false"}, lambda d: d["paid"] is False),
    ({"micro_only": "true"}, lambda d: d["is_micro"]),
    ({"organization": 'Quote "Q" \\ Labs'}, lambda d: d["organization_name"].startswith("Quote")),
    ({"country": "IN", "paid": "true", "employment_type": "INTERN"},
     lambda d: "IN" in d["countries"] and d["paid"] is True and "INTERN" in d["employment_types"]),
])
def test_each_filter_narrows_exactly(api, params, keep):
    response = everything(api, **params)
    wanted = expected_ids(keep)
    assert 0 < len(wanted) < len(DOCS)
    assert ids(response) == wanted and response.json()["total"] == len(wanted)


def test_quote_injection_in_organization_matches_nothing(api):
    # Injected, this would be `... OR arrangement = "remote"` and return the remote listings.
    response = everything(api, organization='Globex" OR arrangement = "remote')
    assert ids(response) == set()


def test_quote_injection_in_country_is_rejected(api):
    response = api.get("/search", params={"country": 'US" OR status = "expired'})
    assert response.status_code == 422 and "ISO 3166-1" in response.text


def test_facet_counts_match_the_listings(api):
    facets = everything(api).json()["facets"]
    assert set(facets) == set(FACETS)
    assert facets["countries"] == dict(Counter(c for d in DOCS for c in d["countries"]))
    assert facets["arrangement"] == dict(Counter(d["arrangement"] for d in DOCS))
    assert facets["paid"] == dict(Counter(str(d["paid"]).lower() for d in DOCS
                                          if d["paid"] is not None))
    assert facets["category"] == {}
    narrowed = everything(api, country="IN").json()["facets"]["countries"]
    assert narrowed["IN"] == sum("IN" in d["countries"] for d in DOCS)


def test_exact_total_and_pagination(api):
    pages = [api.get("/search", params={"page": p, "page_size": 7}).json() for p in range(1, 6)]
    assert [(p["total"], p["total_pages"], p["page"], p["page_size"]) for p in pages[:1]] == [
        (30, 5, 1, 7)]
    assert [len(p["hits"]) for p in pages] == [7, 7, 7, 7, 2]
    seen = [hit["id"] for p in pages for hit in p["hits"]]
    assert sorted(seen) == sorted(d["id"] for d in DOCS)
    beyond = api.get("/search", params={"page": 6, "page_size": 7}).json()
    assert beyond["hits"] == [] and beyond["total"] == 30


def test_response_shape(api):
    body = api.get("/search", params={"q": "design"}).json()
    assert set(body) == {"query", "page", "page_size", "total", "total_pages", "hits", "facets",
                         "processing_ms"}
    assert body["query"] == "design" and body["processing_ms"] >= 0


@pytest.mark.parametrize(("params", "named"), [
    ({"countri": "US"}, "countri"),
    ({"page_size": "500"}, "page_size"),
    ({"arrangement": "moon"}, "arrangement"),
    ({"q": "x" * 201}, "q"),
])
def test_bad_parameters_get_422_naming_them(api, params, named):
    response = api.get("/search", params=params)
    assert response.status_code == 422 and named in response.text


# -- /listings/{id}, /health, keys --------------------------------------------------------------


def test_listing_by_id(api):
    response = api.get("/listings/L007")
    assert response.status_code == 200
    assert response.json()["title"] == LISTINGS[7]["title"]
    assert response.json()["description_html"] == LISTINGS[7]["description_html"]
    missing = api.get("/listings/nope")
    assert missing.status_code == 404 and missing.json() == {"detail": "no listing with id 'nope'"}
    assert api.get('/listings/a"b').status_code == 422
    assert api.get("/listings/" + "a" * 65).status_code == 422


def test_health_without_store(api):
    response = api.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["meilisearch"]["ok"] is True
    assert body["meilisearch"]["documents"] == len(DOCS)
    assert body["store"] == {"configured": False}


def test_health_with_store(catalog, store):
    settings, key = catalog
    with serve(create_app(settings.meili_url, key, settings.index_uid, store=store)) as url:
        body = httpx.get(f"{url}/health").json()
    assert body["status"] == "ok" and body["store"]["ok"] is True
    assert body["store"]["listings"] == 0


def test_dead_meilisearch_gives_503(catalog, store):
    dead = f"http://127.0.0.1:{free_port()}"
    with serve(create_app(dead, catalog[1], store=store)) as url:
        search = httpx.get(f"{url}/search", params={"q": "data"})
        listing = httpx.get(f"{url}/listings/L001")
        health = httpx.get(f"{url}/health")
    assert search.status_code == 503 and "cannot be reached" in search.json()["detail"]
    assert listing.status_code == 503
    assert health.status_code == 503 and health.json()["status"] == "degraded"
    assert health.json()["meilisearch"]["ok"] is False and health.json()["store"]["ok"] is True


def test_search_key_cannot_write(catalog):
    settings, key = catalog
    response = httpx.post(f"{settings.meili_url}/indexes/{settings.index_uid}/documents",
                          json=[{"id": "evil", "title": "x"}],
                          headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403


def test_app_refuses_an_admin_key(catalog):
    settings, _ = catalog
    app = create_app(settings.meili_url, settings.meili_master_key, settings.index_uid)

    async def start() -> None:
        async with app.router.lifespan_context(app):
            pass

    with pytest.raises(MeiliError, match="search-only key"):
        asyncio.run(start())


def test_search_key_is_scoped_to_its_own_index(settings):
    first = MeiliIndex(settings.meili_url, settings.meili_master_key, settings.index_uid + "_a")
    second = MeiliIndex(settings.meili_url, settings.meili_master_key, settings.index_uid + "_b")
    with new_keys_deleted(first):
        try:
            first.ensure()
            second.ensure()
            for index in (first, second):
                response = httpx.post(f"{settings.meili_url}/indexes/{index.uid}/search",
                                      json={"q": ""},
                                      headers={"Authorization": f"Bearer {index.search_key()}"})
                assert response.status_code == 200, response.text
        finally:
            for index in (first, second):
                index.client.wait_for_task(index.client.delete_index(index.uid).task_uid)
