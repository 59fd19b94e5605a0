"""The search API: filter building (pure), then the app over real HTTP against a real Meilisearch.

The integration tests share one index of hand-made listings and one uvicorn server per module
(the tests only read). Expected counts are computed from the same listings in Python.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from pydantic import ValidationError

from index.errors import MeiliError
from index.meili import MeiliIndex
from index.meili_server import free_port
from index.settings import Settings
from search_api.app import create_app
from search_api.params import SearchParams
from search_api.query import (
    HIT_FIELDS,
    POST,
    PRE,
    SEARCH_FACETS,
    any_of,
    build_filter,
    build_sort,
    compare,
    equals,
    id_filter,
    lean_hit,
    number,
    quote,
    safe_highlight,
    search_body,
)
from tests.test_search_api_support import (
    DOCS,
    LISTINGS,
    day,
    epoch_of,
    expected_ids,
    indexed,
    new_keys_deleted,
    serve,
)

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
    # Hit fields are document fields (or the ones deduplication adds): a rename must show here.
    assert set(HIT_FIELDS) - {"sources", "cluster_id"} <= set(DOCS[0])
    hit = lean_hit({"id": "a", "description_html": "<p>x</p>",
                    "_formatted": {"id": "a", "title": f"{PRE}T{POST}", "skills": []}})
    assert hit == {"id": "a", "_formatted": {"title": "<mark>T</mark>"}}


def test_highlights_are_escaped_html_with_only_mark_tags():
    raw = f'<script>x</script> {PRE}Data{POST} & <mark>literal</mark> "q"'
    assert safe_highlight(raw) == ('&lt;script&gt;x&lt;/script&gt; <mark>Data</mark> &amp; '
                                   '&lt;mark&gt;literal&lt;/mark&gt; "q"')


def test_range_filters_and_dates_are_exact_numbers():
    now = 1_800_000_000
    params = SearchParams(pay_min=15.5, duration_max_weeks=4, hours_max="10",
                          posted_within_days=7, deadline_after="2026-12-01",
                          category=["Data entry"], skills=["C++"], city=["São Paulo"])
    assert build_filter(params, now=now) == [
        ['cities = "São Paulo"'],
        ['category = "data_entry"'],
        ['skills = "C++"'],
        "pay_hourly_min_usd >= 15.5",
        "duration_weeks_max <= 4",
        "hours_per_week_max <= 10",
        f"posted_at_ts >= {now - 7 * 86400}",
        "deadline_ts >= 1796083200",  # 2026-12-01T00:00:00Z
    ]
    assert compare("pay_hourly_min", ">=", 0.00001) == "pay_hourly_min >= 0"
    assert number(1e-300) == "0" and number(12) == "12" and number(2.50) == "2.5"
    with pytest.raises(TypeError):
        number(float("nan"))
    with pytest.raises(ValueError):
        compare("pay_hourly_min", "= 1 OR", 1)


@pytest.mark.parametrize(("sort", "expected"), [
    ("relevance", []), ("newest", ["posted_at_ts:desc"]), ("deadline", ["deadline_ts:asc"]),
    ("pay", ["pay_hourly_min_usd:desc"])])
def test_sorts(sort, expected):
    assert build_sort(SearchParams(sort=sort)) == expected
    body = search_body(SearchParams(sort=sort))
    assert body.get("sort", []) == expected


@pytest.mark.parametrize("bad", [
    {"pay_min": -1}, {"pay_min": "nan"}, {"pay_min": "inf"}, {"pay_min": 10_001},
    {"duration_max_weeks": 0}, {"hours_max": 169}, {"posted_within_days": 0},
    {"posted_within_days": 3651}, {"deadline_after": "tomorrow"}, {"deadline_after": "2026-13-01"},
    {"category": ["data entry!"]}, {"category": ["x" * 41]}, {"skills": ["a\x00b"]},
    {"city": [""]}, {"sort": "random"},
])
def test_invalid_new_parameters_are_rejected(bad):
    with pytest.raises(ValidationError):
        SearchParams(**bad)


def test_query_items_round_trip_the_non_default_parameters():
    params = SearchParams(q="data", country=["in", "US"], paid=False, pay_min=20.0, page=2)
    assert params.query_items(exclude=("page",)) == [
        ("q", "data"), ("country", "IN"), ("country", "US"), ("paid", "false"), ("pay_min", "20")]
    assert SearchParams(**{k: [v for n, v in params.query_items() if n == k]
                           if k == "country" else v for k, v in params.query_items()}) == params


# -- the catalogue the integration tests search (tests/test_search_api_support.py) ----------


@pytest.fixture(scope="module")
def catalog(meili, tmp_path_factory) -> Iterator[tuple[Settings, str]]:
    """The index of LISTINGS and its search key; both removed afterwards."""
    with indexed(meili, tmp_path_factory.mktemp("home"), __name__, LISTINGS) as made:
        yield made


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
    assert "description_html" not in hit and "description_text" not in hit and hit["countries"]
    snippet = hit["_formatted"]["description_text"]
    full = next(d["description_text"] for d in DOCS if d["id"] == hit["id"])
    assert "<mark>" in snippet and len(snippet.split()) < 40 < len(full.split())


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
    ({"pay_min": "25"}, lambda d: (d["pay_hourly_min"] or 0) >= 25),
    ({"pay_min": "20.5", "paid": "true"}, lambda d: (d["pay_hourly_min"] or 0) >= 20.5),
    ({"duration_max_weeks": "4"},
     lambda d: d["duration_weeks_max"] is not None and d["duration_weeks_max"] <= 4),
    ({"hours_max": "15"},
     lambda d: d["hours_per_week_max"] is not None and d["hours_per_week_max"] <= 15),
    ({"category": "Data entry"}, lambda d: d["category"] == "data_entry"),
    ({"category": ["research", "design"]}, lambda d: d["category"] in ("research", "design")),
    ({"skills": "c++"}, lambda d: "C++" in d["skills"]),
    ({"skills": ["Excel", "SQL"]}, lambda d: {"Excel", "SQL"} & set(d["skills"])),
    ({"city": "pune"}, lambda d: "Pune" in d["cities"]),
    ({"posted_within_days": "10"}, lambda d: d["posted_at_ts"] >= time.time() - 10 * 86400),
    ({"deadline_after": day(0)},
     lambda d: d["deadline_ts"] is not None and d["deadline_ts"] >= epoch_of(day(0))),
    ({"micro_only": "true", "hours_max": "20", "arrangement": "remote"},
     lambda d: d["is_micro"] and (d["hours_per_week_max"] or 99) <= 20 and d["arrangement"] == "remote"),
])
def test_each_filter_narrows_exactly(api, params, keep):
    response = everything(api, **params)
    wanted = expected_ids(keep)
    assert 0 < len(wanted) < len(DOCS)
    assert ids(response) == wanted and response.json()["total"] == len(wanted)


@pytest.mark.parametrize("param", ["organization", "city", "skills"])
def test_quote_injection_in_free_text_matches_nothing(api, param):
    # Injected, this would be `... OR arrangement = "remote"` and return the remote listings.
    for attack in ('Globex" OR arrangement = "remote', 'Pune\\" OR arrangement = "remote'):
        response = everything(api, **{param: attack})
        assert ids(response) == set()


def test_quote_injection_in_country_is_rejected(api):
    response = api.get("/search", params={"country": 'US" OR status = "expired'})
    assert response.status_code == 422 and "ISO 3166-1" in response.text


def test_facet_counts_match_the_listings(api):
    facets = everything(api).json()["facets"]
    assert set(facets) == set(SEARCH_FACETS)
    assert facets["countries"] == dict(Counter(c for d in DOCS for c in d["countries"]))
    assert facets["arrangement"] == dict(Counter(d["arrangement"] for d in DOCS))
    assert facets["paid"] == dict(Counter(str(d["paid"]).lower() for d in DOCS
                                          if d["paid"] is not None))
    assert facets["category"] == dict(Counter(d["category"] for d in DOCS if d["category"]))
    assert facets["skills"] == dict(Counter(s for d in DOCS for s in d["skills"]))
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


@pytest.mark.parametrize(("sort", "key", "reverse"), [
    ("newest", "posted_at_ts", True),
    ("deadline", "deadline_ts", False),
    ("pay", "pay_hourly_min_usd", True),
])
def test_sort_orders_without_a_query(api, sort, key, reverse):
    hits = everything(api, sort=sort).json()["hits"]
    known = [hit[key] for hit in hits if hit[key] is not None]
    assert known == sorted(known, reverse=reverse) and len(known) > 5
    # Listings without the value come last.
    assert all(hit[key] is None for hit in hits[len(known):])


def test_sort_orders_with_a_query(api):
    # "marketing" is in some titles and, lower by Meilisearch's attribute rule, in some
    # descriptions of newer listings.
    hits = everything(api, q="marketing", sort="newest").json()["hits"]
    dates = [hit["posted_at_ts"] for hit in hits]
    assert len(dates) > 3 and dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(("params", "named"), [
    ({"countri": "US"}, "countri"),
    ({"page_size": "500"}, "page_size"),
    ({"arrangement": "moon"}, "arrangement"),
    ({"q": "x" * 201}, "q"),
    ({"pay_min": "lots"}, "pay_min"),
    ({"deadline_after": "soon"}, "deadline_after"),
    ({"sort": "random"}, "sort"),
    ({"category": "<script>"}, "category"),
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


def test_openapi_lists_every_search_parameter(api):
    """The search routes validate parameters themselves (params.py); their OpenAPI
    description is generated from the same model and must name every parameter."""
    paths = api.get("/openapi.json").json()["paths"]
    expected = list(SearchParams.model_fields)
    for path in ("/search", "/feeds/search.rss", "/feeds/search.atom", "/feeds/search.json",
                 "/export/search.csv", "/career-centers"):
        parameters = paths[path]["get"]["parameters"]
        assert [p["name"] for p in parameters] == expected, path
        assert all(p["in"] == "query" and not p["required"] for p in parameters)
    arrangement = next(p for p in paths["/search"]["get"]["parameters"] if p["name"] == "arrangement")
    assert arrangement["schema"]["type"] == "array"
    assert arrangement["schema"]["items"]["enum"] == ["remote", "hybrid", "onsite", "unknown"]


def test_unknown_parameter_message_lists_the_known_ones(api):
    detail = api.get("/search", params={"countri": "US"}).json()["detail"]
    (error,) = detail
    assert error["loc"] == ["query"] and "'countri'" in error["msg"] and "pay_min" in error["msg"]
