"""Acceptance: `stint crawl --config FILE` with a sources file of 15 Ashby boards served locally
(one posting-API response per board, shaped like the real ones) stores every listed job of
every board, and `stint export` shows them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from crawlers.sources import dump_sources
from index.store import Store
from normalize.schema import listing_id
from tests.fixtures.ats_server import Posting, make_postings, serve_ats

# Organization name -> jobs it lists; some boards also hold an unlisted job.
BOARDS = {
    "northwind": 3, "lumen-labs": 12, "quarry": 1, "fieldnote": 7, "brightpath": 20,
    "tessellate": 5, "copperleaf": 9, "orbital.ai": 2, "HarborHealth": 15, "kestrel": 4,
    "papermill": 8, "sundial": 6, "verdant": 11, "wavelength": 1, "zephyr": 10,
}
SHAPE_CHECKED = ("northwind", "lumen-labs", "brightpath")  # fetched by the test itself too
REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "ashby"


def board_postings(n: int, org: str) -> list[Posting]:
    postings = make_postings(f"ashby15-{org}", BOARDS[org] + (1 if n % 3 == 0 else 0),
                             showcase=n % 4 == 0)
    if n % 3 == 0:  # one job reachable by its URL but not listed on the board
        postings[-1] = replace(postings[-1], listed=False)
    return postings


EXPECTED = {org: board_postings(n, org) for n, org in enumerate(BOARDS)}


def source_name(org: str) -> str:
    return "ashby-" + org.replace(".", "-").lower()


def run_stint(home, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stint", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    home = tmp_path_factory.mktemp("ashby15")
    with serve_ats() as ats:
        for org, postings in EXPECTED.items():
            ats.add("ashby", org, postings)
        config = home / "sources.toml"
        config.write_text(dump_sources([
            {"name": source_name(org), "kind": "ashby", "board": org,
             "api_base": ats.api_base("ashby")} for org in BOARDS]))
        # What the boards answered, for checking the fixture against the real shape.
        served = {org: json.load(urllib.request.urlopen(
            f"{ats.api_base('ashby')}/posting-api/job-board/{org}?includeCompensation=true",
            timeout=30)) for org in SHAPE_CHECKED}
        result = run_stint(home, "crawl", "--config", str(config), "--no-index", "--progress", "0")
        hits = dict(ats.hits)
    store = Store(f"sqlite:///{home / 'stint.db'}")
    yield home, result, store, served, hits
    store.close()


def test_every_board_is_crawled_once_and_healthy(crawled):
    _, result, store, _, hits = crawled
    assert result.returncode == 0, result.stderr
    runs = {run["source"]: run for run in store.recent_runs(limit=50)}
    assert set(runs) == {source_name(org) for org in BOARDS}
    for org in BOARDS:
        run = runs[source_name(org)]
        listed = len([p for p in EXPECTED[org] if p.listed])
        assert run["status"] == "ok" and run["stats"]["errors"] == {}, run
        assert (run["stats"]["pages"], run["stats"]["stored"]) == (1, listed), run
        assert hits[f"/ashby/posting-api/job-board/{org}"] == 1 + (org in SHAPE_CHECKED)


def test_every_listed_job_of_every_board_is_stored(crawled):
    _, _, store, _, _ = crawled
    total = 0
    for org, postings in EXPECTED.items():
        source = source_name(org)
        expected = {listing_id(source, p.uid): p for p in postings if p.listed}
        stored = {x["id"]: x for x in store.iter_listings(source=source)}
        assert set(stored) == set(expected), org
        for key, p in expected.items():
            x = stored[key]
            assert x["title"] == p.title
            assert x["url"] == f"https://jobs.ashbyhq.com/{org}/{p.uid}"
            assert x["apply_url"] == f"https://jobs.ashbyhq.com/{org}/{p.uid}/application"
            assert x["organization"]["name"] == org
        total += len(expected)
    assert store.count() == total == sum(BOARDS.values())


def test_fields_of_every_job(crawled):
    _, _, store, _, _ = crawled
    for org, postings in EXPECTED.items():
        source = source_name(org)
        for p in postings:
            if not p.listed:
                continue
            x = store.get(listing_id(source, p.uid))
            assert x["employment_types"] == [p.employment], p
            assert x["arrangement"] == p.workplace, p
            if p.pay:
                got = (x["pay"]["min"], x["pay"]["max"], x["pay"]["currency"], x["pay"]["period"])
                assert got == (p.pay.min, p.pay.max, p.pay.currency, p.pay.period), p
                assert x["pay"]["paid"] is True
            else:
                assert x["pay"]["min"] is None
            if p.workplace == "remote":
                assert p.code in x["remote_regions"]
            countries = {loc["country"] for loc in x["locations"]}
            assert p.code in countries
            for city, _region, _country, code in p.secondary:
                assert (city, code) in {(loc["city"], loc["country"]) for loc in x["locations"]}
            assert x["posted_at"] == p.posted[:10]
            assert x["description_text"] and "<script" not in x["description_html"]
            assert x["warnings"] == []


def test_export_shows_every_job(crawled):
    home, _, store, _, _ = crawled
    result = run_stint(home, "export")
    assert result.returncode == 0, result.stderr
    exported = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(exported) == store.count() == sum(BOARDS.values())
    assert {x["id"] for x in exported} == {x["id"] for x in store.iter_listings()}
    assert {x["source"] for x in exported} == {source_name(org) for org in BOARDS}
    one = run_stint(home, "export", "--format", "csv", "--source", source_name("brightpath"))
    rows = one.stdout.splitlines()
    assert rows[0].startswith("id,title,organization") and len(rows) == 1 + BOARDS["brightpath"]


def test_served_boards_have_the_real_shape(crawled):
    """The generated responses carry what real Ashby boards carry: the same job fields (where
    ../shared/realdata is present), and the variety the kind must handle."""
    *_, served, _ = crawled
    jobs = [job for board in served.values() for job in board["jobs"]]
    assert all(board["apiVersion"] == "1" for board in served.values())
    assert {"Intern", "Contract", "FullTime"} <= {job["employmentType"] for job in jobs}
    assert {True, False} <= {job["isRemote"] for job in jobs}
    assert any("workplaceType" in job for job in jobs) and any("workplaceType" not in job for job in jobs)
    assert any(job["secondaryLocations"] for job in jobs)
    assert any(job["address"].get("postalAddress") for job in jobs)
    assert any(job["compensation"]["summaryComponents"] for job in jobs)
    if not REALDATA.is_dir():
        return
    real_keys = set()
    for path in sorted(REALDATA.glob("*.json"))[:3]:
        for job in json.loads(path.read_text())["jobs"]:
            real_keys |= set(job)
            real_compensation = set(job["compensation"])
    for job in jobs:
        assert real_keys <= set(job), real_keys - set(job)
        assert set(job["compensation"]) == real_compensation
