"""Shared by the search API test modules (no tests here): a hand-made catalogue of listings, an
index of it on the session's real Meilisearch, and the app served by uvicorn on port 0.

Each module that uses `indexed()` gets an index of its own (named after the module), so modules
never see each other's documents.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import uvicorn

from index.documents import to_document
from index.meili import MeiliIndex
from index.settings import Settings
from normalize.schema import Listing
from search_api.limits import BoundedHttpToolsProtocol

TODAY = datetime.now(UTC).date()
TITLES = ["Data Entry Intern", "Market Research Assistant", "Marketing Micro-Internship",
          "Software Contractor", "Graphic Design Sprint", "Blog Writing Gig"]
ORGS = ["Acme Corp", "Globex", 'Quote "Q" \\ Labs']
COUNTRIES = ["US", "IN", "GB", "DE", "CA"]
CITIES = ["Boston", "Pune", "London", "Berlin", "Toronto"]
ARRANGEMENTS = ["remote", "hybrid", "onsite", "unknown"]
TYPES = [["INTERN"], ["TEMPORARY"], ["CONTRACTOR", "PART_TIME"], ["INTERN", "PART_TIME"]]
CATEGORIES = ["data_entry", "research", "marketing", "software", "design", "writing"]
SKILLS = [["Excel"], ["Python", "SQL"], ["C++", "Figma"]]
PERIODS = ["HOUR", "WEEK", "PROJECT"]
DURATIONS = [{"min": 1, "max": 2}, {"max": 4}, {"min": 6, "max": 8}, {}]
HOURS = [{"max": 5}, {"min": 10, "max": 15}, {"max": 20}, {"max": 40}, {}]
FILLER = ("Our small team needs help for a few weeks with spreadsheets, customer calls, "
          "surveys, reports and planning; you will learn a lot and meet many people. ") * 4


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def make_listing(i: int) -> dict[str, Any]:
    """Listing i of the catalogue: every field cycles with its own period, so filters cut it
    into many different subsets."""
    title = f"{TITLES[i % len(TITLES)]} {i}"
    # Some descriptions mention marketing, so a search for it ranks title matches above them.
    extra = " Some marketing help too." if i % 4 == 1 else ""
    countries = [COUNTRIES[i % len(COUNTRIES)]] + (["IN"] if i % 7 == 0 and i % 5 != 1 else [])
    paid = [True, False, None][i % 3]
    pay: dict[str, Any] = {"paid": paid}
    if paid:
        period = PERIODS[(i // 3) % len(PERIODS)]
        hourly = 12.0 + i
        amount = {"HOUR": hourly, "WEEK": hourly * 10, "PROJECT": hourly * 40}[period]
        pay.update(min=amount, max=amount + 5, currency="USD", period=period,
                   hourly_min=hourly, hourly_max=hourly + 1, hourly_derived=period != "HOUR")
    listing = Listing(
        id=f"L{i:03d}",
        source="test",
        kind="jsonld",
        url=f"https://example.test/jobs/{i}",
        apply_url=f"https://example.test/jobs/{i}/apply",
        title=title,
        organization={"name": ORGS[i % len(ORGS)], "domain": "example.test"},
        description_html=f"<p>{title}</p><p>{FILLER}{extra}</p>",
        description_text=f"{title}. {FILLER}{extra}",
        locations=[{"country": c, "city": CITIES[COUNTRIES.index(c)]} for c in countries],
        arrangement=ARRANGEMENTS[i % len(ARRANGEMENTS)],
        remote_regions=["US", "CA"] if ARRANGEMENTS[i % 4] == "remote" else [],
        employment_types=TYPES[i % len(TYPES)],
        pay=pay,
        duration_weeks=DURATIONS[i % len(DURATIONS)],
        hours_per_week=HOURS[i % len(HOURS)],
        posted_at=day(-i),
        first_seen_at=f"{day(-i)}T08:00:00+00:00",
        deadline=day(3 * i - 20) if i % 4 != 3 else None,
        start_date=day(30),
        category=CATEGORIES[i % len(CATEGORIES)] if i % 10 != 9 else None,
        skills=SKILLS[i % len(SKILLS)],
        micro_internship={"is_micro": i % 2 == 0},
    ).model_dump(mode="json")
    if i % 5 == 0:  # as deduplication will write them: every other place the posting is on
        listing["sources"] = [{"source": "test", "url": listing["url"]},
                              {"source": "careers-hub", "url": f"https://hub.test/p/{i}"}]
    return listing


LISTINGS = [make_listing(i) for i in range(30)]
DOCS = [to_document(listing) for listing in LISTINGS]


def expected_ids(keep, docs=DOCS) -> set[str]:
    return {doc["id"] for doc in docs if keep(doc)}


def epoch_of(iso_day: str) -> int:
    return int(datetime.combine(date.fromisoformat(iso_day), datetime.min.time(),
                                tzinfo=UTC).timestamp())


@contextmanager
def serve(app) -> Iterator[str]:
    """Run `app` under uvicorn on 127.0.0.1, port 0, in a thread; yield its base URL."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           http=BoundedHttpToolsProtocol))
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


@contextmanager
def indexed(meili, home, name: str, listings: list[dict[str, Any]]
            ) -> Iterator[tuple[Settings, str]]:
    """An index named after `name` holding `listings`, and its search key; both removed after."""
    uid = "t_" + hashlib.sha1(name.encode()).hexdigest()[:16]
    settings = Settings.load(home=home, env={
        "MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key or "", "STINT_INDEX": uid})
    index = MeiliIndex(settings.meili_url, settings.meili_master_key, settings.index_uid)
    with new_keys_deleted(index):
        index.ensure()
        index.upsert(listings)
        try:
            yield settings, index.search_key()
        finally:
            index.client.wait_for_task(index.client.delete_index(uid).task_uid)
