"""Every stored listing id resolves: the id of a copy merged into another card redirects to that
card, a listing that has closed answers 410 (an HTML page with similar searches for .html), an
unknown id 404. Real store, real deduplication and sync, real Meilisearch."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import httpx
import pytest

from index.meili import MeiliIndex, sync
from index.store import Store
from search_api.app import create_app
from tests.helpers import make_listing, raw_for
from tests.test_search_api_support import new_keys_deleted, serve

DESCRIPTION = ("Clean and label three thousand rows of survey answers for our research team. "
               "Paid hourly, ten hours a week for three weeks, fully remote for students. ") * 3


@pytest.fixture(scope="module")
def world(meili, tmp_path_factory) -> Iterator[tuple[httpx.Client, dict[str, str]]]:
    original = make_listing(1, id="orig", source="site-a", url="http://a.test/jobs/1",
                            title="Survey Data Cleaning Micro-Internship",
                            description_text=DESCRIPTION, category="data_entry",
                            first_seen_at="2026-11-01T00:00:00+00:00")
    copy = make_listing(1, id="copy", source="site-b", url="http://b.test/p/77",
                        title="Survey Data Cleaning Micro-Internship",
                        description_text=DESCRIPTION, category="data_entry",
                        first_seen_at="2026-11-02T00:00:00+00:00")
    closed = make_listing(2, id="gone", title="Grant Writing Support", category="writing",
                          deadline="2020-01-31")
    home = tmp_path_factory.mktemp("resolve")
    store = Store(f"sqlite:///{home / 'stint.db'}")
    store.upsert([(x, raw_for(x)) for x in (original, copy, closed)])
    store.expire_past_deadline("2026-01-01")
    uid = "t_" + hashlib.sha1(__name__.encode()).hexdigest()[:16]
    index = MeiliIndex(meili.url, meili.master_key, uid)
    with new_keys_deleted(index):
        sync(store, index)
        clusters = {x["id"]: x["cluster_id"] for x in store.iter_listings()}
        app = create_app(meili.url, index.search_key(), uid, store=store)
        try:
            with serve(app) as url, httpx.Client(base_url=url, timeout=10) as client:
                yield client, clusters
        finally:
            store.close()
            index.client.wait_for_task(index.client.delete_index(uid).task_uid)


def test_a_merged_copy_redirects_to_its_card(world):
    client, clusters = world
    assert clusters["orig"] == clusters["copy"], clusters  # deduplication merged them
    card = clusters["orig"]
    other = "copy" if card == "orig" else "orig"
    doc = client.get(f"/listings/{card}").json()
    assert {s["listing_id"] for s in doc["sources"]} == {"orig", "copy"}
    for suffix in ("", ".html"):
        moved = client.get(f"/listings/{other}{suffix}")
        assert moved.status_code == 308 and moved.headers["location"] == f"/listings/{card}{suffix}"
        assert client.get(f"/listings/{other}{suffix}", follow_redirects=True).status_code == 200
    # Every listing id a card shows resolves.
    for source in doc["sources"]:
        assert client.get(f"/listings/{source['listing_id']}",
                          follow_redirects=True).json()["id"] == card


def test_a_closed_listing_is_a_410_page_with_similar_searches(world):
    client, _ = world
    page = client.get("/listings/gone.html")
    assert page.status_code == 410 and page.headers["content-type"].startswith("text/html")
    assert "This posting has closed" in page.text and "Grant Writing Support" in page.text
    assert 'href="/?category=writing"' in page.text and 'name="description"' in page.text
    data = client.get("/listings/gone")
    assert data.status_code == 410 and "closed" in data.json()["detail"]


def test_an_unknown_id_is_404(world):
    client, _ = world
    page = client.get("/listings/nope.html")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert client.get("/listings/nope").status_code == 404
