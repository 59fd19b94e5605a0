"""Security of the search API, in process (FastAPI's TestClient) against a fake Meilisearch that
records what it is sent: the exact filter each hostile parameter value would send, admin tokens,
CORS, request bounds and security headers. (That the search key cannot write, and that injected
quotes match nothing on a real Meilisearch, is in test_search_api.py.)
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from search_api.app import create_app
from search_api.limits import MAX_BODY_BYTES, MAX_QUERY_BYTES
from tests.test_search_api_support import serve

EMPTY_RESULT = {"hits": [], "totalHits": 0, "totalPages": 0, "page": 1, "hitsPerPage": 20,
                "facetDistribution": {}, "processingTimeMs": 0, "query": ""}
TOKEN = "s3cret-admin-token"


class FakeMeili:
    """A Meilisearch that holds nothing and was given a search-only key, over real HTTP; it keeps
    every search body it is sent."""

    def __init__(self) -> None:
        self.searches: list[dict] = []

    def app(self) -> Starlette:
        async def keys(_request: Request) -> JSONResponse:
            return JSONResponse({"code": "invalid_api_key", "message": "no"}, status_code=403)

        async def search(request: Request) -> JSONResponse:
            self.searches.append(json.loads(await request.body()))
            return JSONResponse(EMPTY_RESULT)

        return Starlette(routes=[Route("/keys", keys),
                                 Route("/indexes/{uid}/search", search, methods=["POST"])])


@pytest.fixture(scope="module")
def meili_fake() -> Iterator[tuple[FakeMeili, str]]:
    fake = FakeMeili()
    with serve(fake.app()) as url:
        yield fake, url


@pytest.fixture
def fake(meili_fake) -> FakeMeili:
    meili_fake[0].searches.clear()
    return meili_fake[0]


@pytest.fixture
def client_for(meili_fake):
    def make(**options) -> TestClient:
        # A loopback name: without a public URL the app answers only the hosts it allows.
        return TestClient(create_app(meili_fake[1], "search-key", "listings", **options),
                          base_url="http://localhost")

    return make


@pytest.fixture
def api(client_for, fake) -> Iterator[TestClient]:
    with client_for() as client:
        yield client


# -- every filter parameter against injection ---------------------------------------------------

QUOTE_BREAK = 'x" OR status = "expired'
BACKSLASH_BREAK = 'x\\" OR status = "expired'
PAREN_BREAK = "x) OR (status = expired"

# (parameter, hostile value, the filter Meilisearch must receive, written out by hand), or None
# where the value must be refused with 422 before any search is made.
CASES = [
    ("arrangement", QUOTE_BREAK, None),
    ("arrangement", "remote OR 1", None),
    ("employment_type", 'INTERN" OR "1', None),
    ("country", 'US" OR status = "expired', None),
    ("country", "IN OR", None),
    ("category", QUOTE_BREAK, None),
    ("category", "a OR b", ['category = "a_or_b"']),  # made a slug, then quoted
    ("paid", "true OR status = expired", None),
    ("micro_only", "true) OR (1", None),
    ("pay_min", "1 OR status = expired", None),
    ("pay_min", "nan", None),
    ("pay_min", "-1", None),
    ("duration_max_weeks", "4 OR 1", None),
    ("duration_max_weeks", "inf", None),
    ("hours_max", "10) OR (status = expired", None),
    ("posted_within_days", "7 OR 1", None),
    ("posted_within_days", "1.5", None),
    ("deadline_after", '2026-01-01" OR "1', None),
    ("deadline_after", "2026-01-01 OR 1", None),
    ("sort", "posted_at_ts:desc", None),
    ("page", "1; DROP", None),
    ("page_size", "100000", None),
    ("organization", QUOTE_BREAK, ['organization_name = "x\\" OR status = \\"expired"']),
    ("organization", BACKSLASH_BREAK, ['organization_name = "x\\\\\\" OR status = \\"expired"']),
    ("organization", PAREN_BREAK, ['organization_name = "x) OR (status = expired"']),
    ("organization", "a\nb", None),
    ("city", QUOTE_BREAK, ['cities = "x\\" OR status = \\"expired"']),
    ("city", "NOT IN", ['cities = "NOT IN"']),
    ("city", "\x00", None),
    ("skills", BACKSLASH_BREAK, ['skills = "x\\\\\\" OR status = \\"expired"']),
    ("skills", "C++ EXISTS", ['skills = "C++ EXISTS"']),
    ("skills", "x" * 201, None),
    ("pay_min", "1e3", "pay_hourly_min_usd >= 1000"),
    ("currency", 'USD" OR "1', None),
    ("currency", "IN OR", None),
    ("currency", "inr", ['pay.currency = "INR"']),
    ("hours_max", "007.50", "hours_per_week_max <= 7.5"),
    ("duration_max_weeks", " 4 ", "duration_weeks_max <= 4"),
]


@pytest.mark.parametrize(("name", "value", "expected"), CASES,
                         ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(CASES)])
def test_injection_through_each_filter_parameter(api, fake, name, value, expected):
    response = api.get("/search", params={name: value})
    if expected is None:
        assert response.status_code == 422, response.text
        assert name in response.text
        assert fake.searches == []  # refused before reaching Meilisearch
        return
    assert response.status_code == 200, response.text
    (body,) = fake.searches
    assert body["filter"] == [expected]


def test_every_filter_parameter_is_covered():
    from search_api.params import SearchParams

    assert {name for name, _, _ in CASES} == set(SearchParams.model_fields) - {"q"}


def test_the_query_text_is_never_a_filter(api, fake):
    response = api.get("/search", params={"q": 'x" OR status = "expired'})
    assert response.status_code == 200
    (body,) = fake.searches
    assert body["q"] == 'x" OR status = "expired' and "filter" not in body


def test_feeds_and_exports_quote_the_same_way(api, fake):
    for path in ("/feeds/search.rss", "/feeds/search.atom", "/feeds/search.json",
                 "/export/search.csv"):
        assert api.get(path, params={"city": QUOTE_BREAK}).status_code == 200
        assert api.get(path, params={"country": QUOTE_BREAK}).status_code == 422
    assert [body["filter"] for body in fake.searches] == [
        [['cities = "x\\" OR status = \\"expired"']]] * 4


# -- admin ----------------------------------------------------------------------------------------


def test_admin_is_disabled_without_a_token(client_for):
    with client_for(reindex=lambda: {"upserted": 1}) as client:
        for method, path in (("post", "/admin/reindex"), ("post", "/admin/crawl"),
                             ("get", "/admin/sources")):
            response = getattr(client, method)(path, headers={"Authorization": "Bearer anything"})
            # Off is as if they did not exist: a 404, like any other unknown path.
            assert response.status_code == 404, response.text
            assert response.json() == client.get("/no/such/path").json()


def test_admin_needs_the_token(client_for):
    calls = []
    with client_for(admin_token=TOKEN, reindex=lambda: calls.append(1) or {"upserted": 3},
                    crawl=lambda: calls.append(2) or {"run": "r1"},
                    sources=lambda: [{"name": "acme", "ok": True}]) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                        {"Authorization": f"Basic {TOKEN}"}, {"X-Admin-Token": TOKEN}):
            response = client.post("/admin/reindex", headers=headers)
            assert response.status_code == 401, headers
            assert response.headers["www-authenticate"].startswith("Bearer")
        assert calls == []
        good = {"Authorization": f"Bearer {TOKEN}"}
        assert client.post("/admin/reindex", headers=good).json() == {"reindex": {"upserted": 3}}
        assert calls == [1]
        assert client.get("/admin/sources", headers=good).json() == {
            "sources": [{"name": "acme", "ok": True}]}
        assert client.post("/admin/crawl").status_code == 401
        crawl = client.post("/admin/crawl", headers=good)
        assert crawl.status_code == 202 and crawl.json() == {"crawl": {"run": "r1"}}
        assert calls == [1, 2]
        assert client.get("/admin/reindex", headers=good).status_code == 405


def test_admin_operation_not_given_is_501(client_for):
    with client_for(admin_token=TOKEN) as client:
        response = client.get("/admin/sources", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 501


# -- CORS -----------------------------------------------------------------------------------------


def test_cors_is_off_by_default(api):
    response = api.get("/search", headers={"Origin": "https://uni.test"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_only_the_configured_origins(client_for):
    with client_for(cors_origins=["https://uni.test"]) as client:
        ok = client.get("/search", headers={"Origin": "https://uni.test"})
        assert ok.headers["access-control-allow-origin"] == "https://uni.test"
        other = client.get("/search", headers={"Origin": "https://evil.test"})
        assert "access-control-allow-origin" not in other.headers
        preflight = client.options("/search", headers={
            "Origin": "https://uni.test", "Access-Control-Request-Method": "GET"})
        assert preflight.status_code == 200
        refused = client.options("/admin/reindex", headers={
            "Origin": "https://uni.test", "Access-Control-Request-Method": "POST"})
        assert refused.status_code == 400


# -- bounds and headers ---------------------------------------------------------------------------


def test_request_sizes_are_bounded(api, fake):
    long_query = api.get("/search?" + "city=a&" * (MAX_QUERY_BYTES // 7 + 1))
    assert long_query.status_code == 414
    too_many = api.get("/search", params=[("city", str(i)) for i in range(21)])
    assert too_many.status_code == 422
    big_body = api.post("/admin/reindex", content=b"x" * (MAX_BODY_BYTES + 1))
    assert big_body.status_code == 413
    assert api.get("/listings/" + "a" * 3000).status_code == 414
    assert api.get("/search", params={"page_size": 101}).status_code == 422
    assert api.get("/search", params={"page": 5001}).status_code == 422
    assert fake.searches == []


@pytest.mark.parametrize("path", ["/", "/search", "/career-centers", "/static/app.js",
                                  "/feeds/search.rss"])
def test_security_headers(api, path):
    headers = api.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp


def test_the_page_needs_nothing_from_elsewhere(api):
    page = api.get("/").text
    assert "http://" not in page and "https://" not in page  # no CDN, no external assets
    for asset in ("/static/app.js", "/static/style.css"):
        body = api.get(asset).text
        assert "http://" not in body and "https://" not in body and "@import" not in body


# -- hosts and absolute links ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/feeds/search.rss", "/feeds/search.atom", "/search",
                                  "/listings/abc.html", "/career-centers?q=x"])
def test_hosts_not_allowed_are_refused(api, fake, path):
    """Links in feeds and pages are absolute: a forged Host would put its name in them."""
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example:80", ""):
        response = api.get(path, headers={"Host": host})
        assert response.status_code == 400, (path, host)
        assert b"evil" not in response.content
    for host in ("localhost", "LOCALHOST:8000", "127.0.0.1:9", "[::1]:8000"):
        assert api.get(path, headers={"Host": host}).status_code != 400, (path, host)
    assert fake.searches == [] or all("evil" not in json.dumps(s) for s in fake.searches)


def test_allowed_hosts_and_public_url(client_for):
    with client_for(allowed_hosts=["jobs.uni.test"]) as client:
        assert client.get("/search", headers={"Host": "jobs.uni.test:443"}).status_code == 200
        assert client.get("/search", headers={"Host": "localhost"}).status_code == 400
    # With a public URL every absolute link is built from it, whatever Host a request names.
    with client_for(public_url="https://jobs.uni.test/stint/") as client:
        for path in ("/feeds/search.atom", "/feeds/search.rss", "/feeds/search.json"):
            body = client.get(path + "?q=data", headers={"Host": "evil.example"}).text
            assert "evil.example" not in body
            assert "https://jobs.uni.test/stint/feeds/search." in body
        page = client.get("/career-centers?q=data", headers={"Host": "evil.example"}).text
        assert "evil.example" not in page and "https://jobs.uni.test/stint/feeds/" in page


# -- the API contract -----------------------------------------------------------------------------


@pytest.mark.parametrize("params", [
    {"deadline_after": "0"}, {"deadline_after": "1700000000"}, {"deadline_after": "2026-1-1"},
    {"deadline_after": "2026-01-01\n"}, {"paid": "1"}, {"paid": "yes"}, {"micro_only": "on"},
    {"q": "data\x00entry"}, {"q": "data\x1b[31m"}, {"q": "x" * 201}, {"city": "Boston\n"},
    {"city": " "}, {"category": "data\nentry"}, {"country": "USA"},
])
def test_what_the_schema_calls_invalid_is_rejected(api, fake, params):
    assert api.get("/search", params=params).status_code == 422
    assert fake.searches == []


def test_valid_spellings_are_accepted(api, fake):
    for params in ({"deadline_after": "2027-01-31"}, {"paid": "TRUE"}, {"q": "café ☕"},
                   {"category": "Data entry"}, {"city": " Boston "}, {"country": "in"}):
        assert api.get("/search", params=params).status_code == 200, params


def test_openapi_documents_schemas_constraints_and_the_middleware_answers(api):
    spec = api.get("/openapi.json").json()
    operations = [(path, method, op) for path, item in spec["paths"].items()
                  for method, op in item.items()]
    assert len(operations) >= 12
    for path, method, op in operations:
        assert {"400", "414"} <= set(op["responses"]), (path, method)
        for status, response in op["responses"].items():
            for media, content in (response.get("content") or {}).items():
                assert content.get("schema"), (path, method, status, media)  # never {}
    search = spec["paths"]["/search"]["get"]
    assert search["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SearchResponse"}
    params = {p["name"]: p["schema"] for p in search["parameters"]}
    assert params["country"]["items"]["pattern"] == "^[A-Za-z]{2}$"
    assert "pattern" in params["category"]["items"] and "pattern" in params["q"]
    assert params["deadline_after"]["format"] == "date" and "anyOf" not in params["paid"]
    assert "422" in search["responses"]
    listing = spec["paths"]["/listings/{listing_id}.html"]["get"]["responses"]
    assert "text/html" in listing["410"]["content"] and "text/html" in listing["404"]["content"]


def _raw_get(base: str, target: str) -> bytes:
    """A GET sent over a bare socket: HTTP clients refuse URLs this long before sending."""
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(base)
    with socket.create_connection((where.hostname, where.port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                     .encode())
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except ConnectionResetError:  # the server closed with part of the request unread
            pass
    return data


def test_a_long_query_is_414_at_any_size(meili_fake):
    """uvicorn's parser refuses a request line over ~80 KB with a bare text 400; the served
    app answers the documented JSON 414 whatever the size."""
    with serve(create_app(meili_fake[1], "search-key", "listings")) as url:
        for size in (5_000, 70_000, 100_000, 300_000):
            answer = _raw_get(url, "/search?q=" + "a" * size)
            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 414 "), (size, head[:80])
            assert b"content-type: application/json" in head and json.loads(body)["detail"]
