"""The search API's speed against Meilisearch itself, measured with wrk in one run.

    .venv/bin/python -m benchmarks.bench_search_api [--n 100000] [--duration 10] [--connections 16]
                                                   [--home DIR] [--workers 1]

Indexes N synthetic listings (kept in --home between runs: a second run with the same N skips
indexing), starts the API under uvicorn in its own process, and runs wrk on loopback against
  direct   POST /indexes/<uid>/search on Meilisearch, with exactly the body the API would send
  api      GET /search?... on the API
for the same rotating set of searches. Two measures each, alternating direct/api/direct/api so
drift hits both alike:
  throughput  requests/s at --connections concurrent connections (the ratio api/direct is the
              headline; the issue's target is >= 0.7)
  latency     one request at a time, direct and api interleaved for each search (so load from
              anything else on the machine hits both alike): the median of api - direct over
              the pairs is the API's added time at p50 (target <= 2 ms); wrk's p50 with one
              connection is printed beside it
Not a test: it prints numbers. Needs `wrk` (apt-get install wrk); without it, it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from statistics import median
from typing import Any, get_origin
from urllib.parse import urlencode

import httpx

from index.meili import MeiliIndex
from index.meili_server import connect, free_port
from index.settings import Settings
from normalize.schema import Listing
from search_api.params import SearchParams
from search_api.query import search_body

INDEX_UID = "bench_listings"
SEED = 7
WARMUP_S = 2

# The searches, as /search parameters. A typo, filters, facets, sorts, deep and shallow pages.
QUERIES: list[dict[str, Any]] = [
    {"q": "data entry"},
    {"q": "research assistant", "arrangement": "remote"},
    {"q": "marketing", "paid": "true", "pay_min": "15"},
    {"q": "", "country": "US", "sort": "newest"},
    {"q": "desgin"},
    {"q": "python", "hours_max": "20", "duration_max_weeks": "4"},
    {"q": "writing", "category": "writing", "page": "3"},
    {"q": "social media intern", "micro_only": "true", "sort": "deadline"},
]

WORDS = {
    "title": ["Data Entry", "Market Research", "Marketing", "Software", "Graphic Design", "Blog Writing",
              "Social Media", "Customer Support", "Financial Analysis", "UX Research", "Python Scripting",
              "Sales Outreach", "Event Planning", "Video Editing", "Tutoring"],
    "role": ["Intern", "Micro-Internship", "Assistant", "Contractor", "Project", "Sprint", "Gig"],
    "org": [f"{a} {b}" for a in ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne",
                                 "Wonka", "Tyrell", "Cyberdyne") for b in ("Labs", "Corp", "Analytics",
                                                                          "Studio", "Health")],
    "category": ["data_entry", "research", "marketing", "software", "design", "writing", "sales",
                 "admin", "customer_support", "finance"],
    "skills": ["Excel", "Python", "SQL", "Figma", "Canva", "SEO", "Copywriting", "Tableau", "R",
               "JavaScript", "Social Media", "Photoshop"],
    "place": [("US", "Boston"), ("US", "Austin"), ("IN", "Pune"), ("GB", "London"), ("DE", "Berlin"),
              ("CA", "Toronto"), ("FR", "Paris"), ("NG", "Lagos")],
    "text": ("help our team with spreadsheets customer calls surveys reports planning research "
             "content campaigns dashboards data cleaning analysis writing design social media posts "
             "outreach lists interviews summaries presentations").split(),
}


def synthetic_listing(i: int, rng: random.Random) -> dict[str, Any]:
    """A realistic-looking listing, valid in the common schema."""
    title = f"{rng.choice(WORDS['title'])} {rng.choice(WORDS['role'])}"
    country, city = rng.choice(WORDS["place"])
    hourly = round(rng.uniform(10, 45), 2)
    period = rng.choice(["HOUR", "WEEK", "PROJECT"])
    amount = {"HOUR": hourly, "WEEK": hourly * 15, "PROJECT": hourly * 40}[period]
    text = " ".join(rng.choices(WORDS["text"], k=rng.randint(40, 120)))
    day = 1 + i % 28
    return Listing(
        id=f"b{i:07d}", source="bench", kind="jsonld", url=f"https://jobs.example/{i}", title=title,
        organization={"name": rng.choice(WORDS["org"])},
        description_html=f"<p>{title}</p><p>{text}</p>", description_text=f"{title}. {text}",
        locations=[{"country": country, "city": city}],
        arrangement=rng.choice(["remote", "hybrid", "onsite", "unknown"]),
        employment_types=rng.choice([["INTERN"], ["TEMPORARY"], ["CONTRACTOR", "PART_TIME"]]),
        pay={"min": amount, "max": amount * 1.2, "currency": "USD", "period": period, "paid": True,
             "hourly_min": hourly, "hourly_max": hourly * 1.2} if rng.random() < 0.7 else {"paid": False},
        duration_weeks={"min": 1, "max": rng.choice([1, 2, 3, 4, 6, 8, 12])},
        hours_per_week={"max": rng.choice([5, 10, 15, 20, 30, 40])},
        posted_at=f"2026-{1 + i % 12:02d}-{day:02d}", deadline=f"2027-{1 + i % 12:02d}-{day:02d}",
        category=rng.choice(WORDS["category"]), skills=rng.sample(WORDS["skills"], k=rng.randint(1, 4)),
        micro_internship={"is_micro": rng.random() < 0.5},
    ).model_dump(mode="json")


def ensure_index(index: MeiliIndex, n: int) -> None:
    index.ensure()
    if index.count() == n:
        print(f"index {index.uid}: {n} documents already there", file=sys.stderr)
        return
    index.clear()
    rng = random.Random(SEED)
    started = time.perf_counter()
    index.upsert(synthetic_listing(i, rng) for i in range(n))
    print(f"indexed {n} listings in {time.perf_counter() - started:.1f} s", file=sys.stderr)


LUA = textwrap.dedent("""
    local requests = {}
    local paths = %(paths)s
    local bodies = %(bodies)s
    local headers = %(headers)s
    local method = "%(method)s"
    -- Built in init: at load time wrk has not set its Host header yet, and HTTP/1.1
    -- servers such as uvicorn's h11 refuse requests without one.
    init = function(args)
      for i = 1, #paths do
        requests[i] = wrk.format(method, paths[i], headers, bodies[i])
      end
    end
    local n = 0
    request = function()
      n = n + 1
      return requests[(n %% #requests) + 1]
    end
    done = function(summary, latency, req)
      io.write(string.format('RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, '
        .. '"p99_us": %%d, "errors": %%d, "non2xx": %%d}\\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        summary.errors.status))
    end
""")


def lua_list(values: list[str | None]) -> str:
    return "{" + ", ".join("nil" if v is None else json.dumps(v) for v in values) + "}"


def write_script(folder: Path, name: str, method: str, paths: list[str], bodies: list[str | None],
                 headers: dict[str, str]) -> Path:
    lua_headers = "{" + ", ".join(f'["{k}"] = {json.dumps(v)}' for k, v in headers.items()) + "}"
    script = folder / f"{name}.lua"
    script.write_text(LUA % {"paths": lua_list(paths), "bodies": lua_list(bodies),
                             "headers": lua_headers, "method": method})
    return script


def wrk(url: str, script: Path, duration: float, connections: int) -> dict[str, float]:
    threads = min(2, connections)
    seconds = f"{max(1, round(duration))}s"
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", seconds,
                          "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    if result["errors"] or result["non2xx"]:
        raise SystemExit(f"wrk saw errors against {url}: {result}\n{out}")
    return {"rps": result["requests"] / (result["duration_us"] / 1e6),
            "p50_ms": result["p50_us"] / 1000, "p99_ms": result["p99_us"] / 1000}


def start_api(meili_url: str, key: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "BENCH_MEILI_URL": meili_url, "BENCH_SEARCH_KEY": key,
           "BENCH_INDEX": INDEX_UID}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "benchmarks.bench_search_api:app_from_env", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--log-level",
         "warning", "--no-access-log"], env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit("the API did not start")


def app_from_env():
    """uvicorn --factory entry point for the API process."""
    from search_api.app import create_app

    return create_app(os.environ["BENCH_MEILI_URL"], os.environ["BENCH_SEARCH_KEY"],
                      os.environ["BENCH_INDEX"])


def params_model(query: dict[str, Any]) -> SearchParams:
    """A query-string dict as SearchParams (repeatable parameters become lists)."""
    fields = SearchParams.model_fields
    return SearchParams(**{name: [value] if get_origin(fields[name].annotation) is list else value
                           for name, value in query.items()})


def check_same_answers(meili_url: str, key: str, api_url: str) -> None:
    """Both sides answer each search with the same hits (else the comparison means nothing)."""
    for params in QUERIES:
        body = search_body(params_model(params))
        direct = httpx.post(f"{meili_url}/indexes/{INDEX_UID}/search", json=body,
                            headers={"Authorization": f"Bearer {key}"}).json()
        api = httpx.get(f"{api_url}/search", params=params).json()
        if [h["id"] for h in direct["hits"]] != [h["id"] for h in api["hits"]]:
            raise SystemExit(f"different answers for {params}")
        if not api["hits"]:
            print(f"note: no hits for {params}", file=sys.stderr)


def paired_latency(meili_url: str, key: str, api_url: str, reps: int) -> dict[str, float]:
    """Median times (ms) of direct and api requests sent one at a time, interleaved, and the
    median of their per-pair difference."""
    direct_ms, api_ms, added_ms = [], [], []
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json",
               "Accept-Encoding": "identity"}
    with httpx.Client(base_url=meili_url, headers=headers) as meili, \
            httpx.Client(base_url=api_url) as api:
        requests = [(json.dumps(search_body(params_model(q))), q) for q in QUERIES]
        for _ in range(reps):
            for body, query in requests:
                started = time.perf_counter()
                meili.post(f"/indexes/{INDEX_UID}/search", content=body).raise_for_status()
                middle = time.perf_counter()
                api.get("/search", params=query).raise_for_status()
                ended = time.perf_counter()
                direct_ms.append((middle - started) * 1000)
                api_ms.append((ended - middle) * 1000)
                added_ms.append(api_ms[-1] - direct_ms[-1])
    return {"direct_ms": median(direct_ms), "api_ms": median(api_ms), "added_ms": median(added_ms)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="listings to index")
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--pairs", type=int, default=40, help="latency pairs per search")
    parser.add_argument("--home", default=os.path.join(tempfile.gettempdir(), "stint-bench-home"),
                        help="Stint home holding the benchmark's Meilisearch (kept between runs)")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): nothing measured", file=sys.stderr)
        return 0

    settings = Settings.load(home=args.home, env={k: v for k, v in os.environ.items()
                                                  if k in ("MEILI_URL", "MEILI_MASTER_KEY", "MEILI_BIN")})
    connection = connect(settings)
    api = None
    try:
        index = MeiliIndex(connection.url, connection.master_key, INDEX_UID)
        ensure_index(index, args.n)
        key = index.search_key()
        port = free_port()
        api = start_api(connection.url, key, port, args.workers)
        api_url = f"http://127.0.0.1:{port}"
        check_same_answers(connection.url, key, api_url)

        folder = Path(tempfile.mkdtemp(prefix="stint-wrk-"))
        direct_script = write_script(
            folder, "direct", "POST", [f"/indexes/{INDEX_UID}/search"] * len(QUERIES),
            [json.dumps(search_body(params_model(q))) for q in QUERIES],
            {"Authorization": f"Bearer {key}", "Content-Type": "application/json",
             "Accept-Encoding": "identity"})
        api_script = write_script(folder, "api", "GET",
                                  [f"/search?{urlencode(q)}" for q in QUERIES], [None] * len(QUERIES), {})
        targets = {"direct": (connection.url, direct_script), "api": (api_url, api_script)}

        for url, script in targets.values():  # warm caches and connection pools
            wrk(url, script, WARMUP_S, args.connections)
        runs: dict[str, dict[str, list[float]]] = {name: {"rps": [], "p50_ms": [], "p99_ms": []}
                                                   for name in targets}
        unloaded: dict[str, list[float]] = {name: [] for name in targets}
        for _round in range(2):
            for name, (url, script) in targets.items():
                loaded = wrk(url, script, args.duration, args.connections)
                for measure, value in loaded.items():
                    runs[name][measure].append(value)
                unloaded[name].append(wrk(url, script, args.duration / 2, 1)["p50_ms"])
        paired = paired_latency(connection.url, key, api_url, args.pairs)
        report(args, runs, unloaded, paired)
    finally:
        if api is not None:
            os.killpg(api.pid, signal.SIGTERM)
            api.wait(timeout=15)
        connection.stop()
    return 0


def report(args, runs, unloaded, paired) -> None:
    direct_rps, api_rps = median(runs["direct"]["rps"]), median(runs["api"]["rps"])
    print(f"search API vs direct Meilisearch: {args.n} listings, {len(QUERIES)} searches, "
          f"{args.connections} connections, {args.duration:g} s per run, {args.workers} API worker(s)")
    print(f"{'':8} {'req/s':>9} {'p50 loaded':>11} {'p99 loaded':>11} {'p50 1 conn':>11}")
    for name in ("direct", "api"):
        print(f"{name:8} {median(runs[name]['rps']):9.0f} {median(runs[name]['p50_ms']):9.2f}ms "
              f"{median(runs[name]['p99_ms']):9.2f}ms {median(unloaded[name]):9.2f}ms")
    print(f"one at a time, interleaved ({args.pairs} x {len(QUERIES)} pairs): direct "
          f"{paired['direct_ms']:.2f} ms, api {paired['api_ms']:.2f} ms (medians)")
    print(f"throughput ratio api/direct: {api_rps / direct_rps:.2f}x (target >= 0.70)")
    print(f"added latency at p50: {paired['added_ms']:+.2f} ms (target <= 2 ms)")


if __name__ == "__main__":
    raise SystemExit(main())
