"""Scale: `stint crawl` of many real-sized Ashby boards served on loopback, and the same
documents added straight to Meilisearch as the baseline.

    .venv/bin/python -m benchmarks.bench_scale [--listings 10000] [--per-board 400]
                                               [--max-sources 8] [--keep DIR]

The boards are made from the real Ashby responses in ../shared/realdata/ashby (skipped cleanly
when absent): board b holds `--per-board` jobs, job j a copy of real job (37·b + j) mod N with
its own id and URLs, and a city of its own past the N-th job, so every board mixes postings of
several real companies and no two boards are alike. A server process answers
GET /posting-api/job-board/{board}; POST /round/{r} makes round r change 1 % of the jobs (their
description); in round 3 the first job of the first and of the last board (in the order a
sync re-clusters them) get a title with a token no other job ever had.

Measured, one `stint crawl` process each (peak RSS from wait4, so the bench's own memory does
not count):
  first crawl        time, peak RSS, documents sent, store and index size
  unchanged re-crawl time, peak RSS, documents sent (target: 0)
  1 % changed        time, documents sent (target: ~1 % of the documents)
  searchable after   seconds from the crawl's "index ...: syncing" line until a search for
                     the changed job's token finds it (target: <= 5 s)
  reindex            `stint reindex` documents/s, against the baseline: the same documents
                     (read back from the index) added to a fresh index with the same
                     settings, in 2,000-document batches, timed until the last task succeeds
                     (target: reindex >= 0.8x baseline)
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

# ../shared/realdata beside the checkout (one level further up from a worktree under wt/).
REALDATA = next((p for p in (Path(__file__).resolve().parents[n] / "shared" / "realdata" / "ashby"
                             for n in (2, 3)) if p.exists()),
                Path(__file__).resolve().parents[2] / "shared" / "realdata" / "ashby")
CITIES = ["Boston", "Austin", "Denver", "Chicago", "Seattle", "Atlanta", "Toronto", "London",
          "Berlin", "Paris", "Dublin", "Madrid", "Lisbon", "Warsaw", "Sydney", "Singapore",
          "Tokyo", "Seoul", "Mumbai", "Nairobi", "Lagos", "Lima", "Bogota", "Santiago"]
MARKER_ROUND = 3
PHASES = ("first", "again", "changed", "searchable", "reindex")
TARGETS = {"unchanged_sent": 0, "searchable_s": 5.0, "sync_ratio": 0.8, "rss_mb": 1536}


def load_templates() -> list[dict]:
    jobs = []
    for path in sorted(REALDATA.glob("*.json")):
        data = json.loads(path.read_text())
        jobs.extend(j for j in data.get("jobs", []) if isinstance(j, dict) and j.get("isListed") is not False)
    return jobs


def board_name(board: int) -> str:
    """The board token, which names its company: 8 letters from a hash, so no two companies'
    names look like one misspelled or prefixed (dedup relates such names: "board1" and
    "board10" would be taken for one employer)."""
    digest = hashlib.sha1(f"bench-board-{board}".encode()).digest()
    return "".join(chr(97 + b % 26) for b in digest[:8])


def last_board(boards: int) -> int:
    """The board whose organization key sorts last: a sync re-clusters it last."""
    return max(range(boards), key=board_name)


def make_job(templates: list[dict], board: int, j: int, round_: int, boards: int = 1) -> dict:
    n = len(templates)
    job = dict(templates[(37 * board + j) % n])
    jid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"bench/{board}/{j}"))
    name = board_name(board)
    job.update(id=jid, jobUrl=f"https://jobs.ashbyhq.com/{name}/{jid}",
               applyUrl=f"https://jobs.ashbyhq.com/{name}/{jid}/application")
    if j >= n:  # the same real job again in another city: another opening
        city = CITIES[(j // n) % len(CITIES)]
        job.update(location=city, secondaryLocations=[], isRemote=False, workplaceType="OnSite",
                   address={"postalAddress": {"addressLocality": city}})
    if round_ > 1 and (j + board) % 100 == round_ % 100:  # 1 % of the jobs change each round
        note = f"Updated in round {round_}. "  # first: documents keep the description's start
        job["descriptionPlain"] = note + (job.get("descriptionPlain") or "")
        job["descriptionHtml"] = f"<p>{note}</p>" + (job.get("descriptionHtml") or "")
    if round_ == MARKER_ROUND and j == 0 and board in (0, last_board(boards)):
        # Only in this round: a token an earlier round had would match it (typo tolerance).
        job["title"] = f"{job['title']} {'zqxfirst' if board == 0 else 'zqxlast'}"
    return job


def serve(port_out, round_value, boards: int, per_board: int, port: int = 0) -> None:
    templates = load_templates()
    cache: dict[tuple[int, int], bytes] = {}
    index_of = {board_name(b): b for b in range(boards)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_args) -> None:
            pass

        def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            if self.path.startswith("/robots.txt"):
                return self._send(404, b"", "text/plain")
            match = re.match(r"/posting-api/job-board/([a-z]+)", self.path)
            if not match or match[1] not in index_of:
                return self._send(404, b"{}")
            b, r = index_of[match[1]], round_value.value
            body = cache.get((b, r))
            if body is None:
                jobs = [make_job(templates, b, j, r, boards) for j in range(per_board)]
                body = json.dumps({"apiVersion": "1", "jobs": jobs}).encode()
                if len(cache) > 64:
                    cache.clear()
                cache[(b, r)] = body
            self._send(200, body)

        def do_POST(self) -> None:  # noqa: N802
            round_value.value = int(self.path.rsplit("/", 1)[1])
            self._send(200, b"{}")

    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    except OSError as exc:
        port_out.put(f"cannot serve the boards on 127.0.0.1:{port} again: {exc}")
        return
    port_out.put(server.server_address[1])
    server.serve_forever()


SYNC_STARTED: list[float] = []


def rss_run(cmd: list[str], env: dict[str, str], on_line=None) -> tuple[float, int, str]:
    """Run a command; (seconds, peak RSS in MB of that process, stderr). The time its sync
    started (the "index ...: syncing" line) is appended to SYNC_STARTED."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if ": syncing" in line or ": rebuilding" in line:
            SYNC_STARTED.append(time.monotonic())
        if on_line:
            on_line(line)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - t0
    err = "".join(lines)
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-3000:]}")
    return seconds, usage.ru_maxrss // 1024, err


def sent_of(stderr: str) -> int:
    found = re.findall(r"index \S+: (\d+) upserted", stderr)
    return int(found[-1]) if found else -1


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--per-board", type=int, default=400)
    parser.add_argument("--max-sources", type=int, default=8)
    parser.add_argument("--keep", help="use this folder as the home and keep it")
    parser.add_argument("--phases", default=",".join(PHASES),
                        help="comma-separated, in order, of: " + ", ".join(PHASES) + " (a later "
                        "run with --keep can measure later phases on a home an earlier run crawled)")
    args = parser.parse_args()
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    if not REALDATA.exists() or not load_templates():
        print(f"skipped: {REALDATA} not found")
        return
    boards = max(1, args.listings // args.per_board)
    from crawlers.sources import dump_sources
    from index.meili_server import start_local
    from index.settings import Settings

    home = Path(args.keep or tempfile.mkdtemp(prefix="stint-scale-"))
    home.mkdir(parents=True, exist_ok=True)
    # ... and in the round it last saw (a kept home's "again" is then really unchanged).
    round_file = home / "bench_round"
    round_value = multiprocessing.Value("i", int(round_file.read_text()) if round_file.exists() else 1)
    ports: multiprocessing.Queue = multiprocessing.Queue()
    # A kept home is served on the port it was crawled from: the API URL is part of each raw
    # posting, and another port would make every posting look changed.
    port = previous_port(home / "sources.toml")
    server = multiprocessing.Process(target=serve, args=(ports, round_value, boards, args.per_board, port),
                                     daemon=True)
    server.start()
    served = ports.get(timeout=30)
    if isinstance(served, str):
        raise SystemExit(served)
    base = f"http://127.0.0.1:{served}"
    meili = start_local(Settings.load(home=home / "meili-home", env={}))
    try:
        config = home / "sources.toml"
        config.write_text(dump_sources([{"name": f"board{b}", "kind": "ashby",
                                         "board": board_name(b), "api_base": base}
                                        for b in range(boards)]))
        env = {**os.environ, "MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key or "",
               "STINT_HOME": str(home)}
        env.pop("STINT_STORE_URL", None)
        crawl = [sys.executable, "-m", "stint", "--home", str(home), "crawl", "--config", str(config),
                 "--progress", "0", "--max-sources", str(args.max_sources)]
        print(f"{boards} boards x {args.per_board} real-sized jobs = {boards * args.per_board} "
              f"listings; home {home}", flush=True)

        docs = index_documents(meili)
        if docs:  # a kept home: its index gets today's settings first, not inside a timed sync
            from index.meili import MeiliIndex

            t0 = time.monotonic()
            MeiliIndex(meili.url, meili.master_key).ensure()
            print(f"index settings brought up to date in {time.monotonic() - t0:.1f} s", flush=True)
        if "first" in phases:
            first = rss_run(crawl, env)
            docs = sent_of(first[2])
            store_mb = sum(f.stat().st_size for f in home.glob("stint.db*")) / 1e6
            stats = httpx.get(f"{meili.url}/stats", headers=auth(meili)).json()
            index_mb = stats.get("databaseSize", 0) / 1e6
            print(f"first crawl: {first[0]:.1f} s, peak RSS {first[1]} MB, {docs} documents sent, "
                  f"store {store_mb:.0f} MB (SQLite), httpcache {dir_mb(home / 'httpcache'):.0f} MB, "
                  f"index {index_mb:.0f} MB ({index_documents(meili)} documents)", flush=True)

        if "again" in phases:
            again = timed_sync(crawl, env)
            print(f"unchanged re-crawl: {again[0]:.1f} s (of which sync {again[3]:.1f} s), peak RSS "
                  f"{again[1]} MB, {sent_of(again[2])} documents sent (target {TARGETS['unchanged_sent']})",
                  flush=True)

        if "changed" in phases:
            set_round(base, round_file, 2)
            changed = timed_sync(crawl, env)
            print(f"1% changed re-crawl: {changed[0]:.1f} s (of which sync {changed[3]:.1f} s), peak RSS "
                  f"{changed[1]} MB, {sent_of(changed[2])} documents sent of {docs}", flush=True)

        if "searchable" in phases:
            set_round(base, round_file, MARKER_ROUND)
            first_s, last_s = measure_searchable(crawl, env, meili, ["zqxfirst", "zqxlast"])
            print(f"changed listing searchable after the sync started: {first_s:.2f} s for one in the "
                  f"block re-clustered first, {last_s:.2f} s for one in the block re-clustered last "
                  f"(target <= {TARGETS['searchable_s']} s)", flush=True)

        if "reindex" in phases:
            reindex = rss_run([sys.executable, "-m", "stint", "--home", str(home), "reindex"], env)
            reindexed = sent_of(reindex[2])
            bare_s, bare_docs = baseline(meili, home)
            ours, theirs = reindexed / reindex[0], bare_docs / bare_s
            print(f"reindex: {reindexed} documents in {reindex[0]:.1f} s = {ours:.0f} docs/s "
                  f"(peak RSS {reindex[1]} MB); bare add_documents: {bare_docs} in {bare_s:.1f} s = "
                  f"{theirs:.0f} docs/s; ratio {ours / theirs:.2f}x (target >= {TARGETS['sync_ratio']}x)",
                  flush=True)
    finally:
        meili.stop()
        server.terminate()


def set_round(base: str, round_file: Path, round_: int) -> None:
    httpx.post(f"{base}/round/{round_}")
    round_file.write_text(str(round_))


def previous_port(config: Path) -> int:
    """The port the boards were served on for this home before (0: none yet)."""
    if not config.exists():
        return 0
    found = re.search(r"api_base = \"http://127\.0\.0\.1:(\d+)\"", config.read_text())
    return int(found[1]) if found else 0


def auth(meili) -> dict[str, str]:
    return {"Authorization": f"Bearer {meili.master_key}"}


def index_documents(meili) -> int:
    """Documents in the listings index (0 before the first sync)."""
    found = httpx.get(f"{meili.url}/indexes/listings/stats", headers=auth(meili))
    return found.json().get("numberOfDocuments", 0) if found.status_code == 200 else 0


def timed_sync(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str, float]:
    """rss_run, and the seconds from the sync's start to the end of the command."""
    t0 = time.monotonic()
    seconds, rss, err = rss_run(cmd, env)
    started = [t for t in SYNC_STARTED if t >= t0]
    return seconds, rss, err, (t0 + seconds - started[-1]) if started else float("nan")


def measure_searchable(crawl: list[str], env: dict[str, str], meili,
                       tokens: list[str]) -> tuple[float, ...]:
    started: list[float] = []
    found: dict[str, float] = {}
    stop = threading.Event()

    def poll() -> None:
        with httpx.Client(headers={"Authorization": f"Bearer {meili.master_key}"}) as client:
            while not stop.is_set() and len(found) < len(tokens):
                if started:
                    for token in tokens:
                        if token not in found and client.post(
                                f"{meili.url}/indexes/listings/search",
                                json={"q": token, "limit": 1}).json().get("hits"):
                            found[token] = time.monotonic()
                time.sleep(0.05)

    def on_line(line: str) -> None:
        if ": syncing" in line and not started:
            started.append(time.monotonic())

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    rss_run(crawl, env, on_line)
    watcher.join(timeout=30)
    stop.set()
    return tuple(found[t] - started[0] if started and t in found else float("nan") for t in tokens)


def baseline(meili, home: Path) -> tuple[float, int]:
    """Every document of the index, read back to a file, then added to a fresh index with the
    same settings; seconds until the last task succeeded."""
    headers = {"Authorization": f"Bearer {meili.master_key}"}
    path = home / "baseline.jsonl"
    count = 0
    with httpx.Client(base_url=meili.url, headers=headers, timeout=120) as client, path.open("wb") as out:
        settings = client.get("/indexes/listings/settings").json()
        offset = 0
        while True:
            page = client.get("/indexes/listings/documents",
                              params={"offset": offset, "limit": 2000}).json()["results"]
            if not page:
                break
            out.write(json.dumps(page).encode() + b"\n")
            offset += len(page)
            count += len(page)
        client.post("/indexes", json={"uid": "baseline", "primaryKey": "id"})
        wait(client, client.patch("/indexes/baseline/settings", json=settings).json()["taskUid"])
        t0 = time.monotonic()
        last = None
        with path.open("rb") as lines:
            for line in lines:
                last = client.post("/indexes/baseline/documents", content=line,
                                   headers={"Content-Type": "application/json"}).json()["taskUid"]
        if last is not None:
            wait(client, last)
        seconds = time.monotonic() - t0
        client.delete("/indexes/baseline")
    path.unlink()
    return seconds, count


def wait(client: httpx.Client, uid: int) -> None:
    while True:
        task = client.get(f"/tasks/{uid}").json()
        if task["status"] in ("succeeded", "failed", "canceled"):
            if task["status"] != "succeeded":
                raise SystemExit(f"baseline task {uid}: {task}")
            return
        time.sleep(0.05)


if __name__ == "__main__":
    main()
