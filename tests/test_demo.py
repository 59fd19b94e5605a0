"""The main job end to end, as the README runs it: `stint demo` serves the sample sites,
crawls them in a child process, indexes into a real Meilisearch and serves the API."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest

from index.meili_server import is_healthy
from stint.demo import expected


@pytest.mark.slow
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_demo_answers_search_and_health(tmp_path, stop_signal):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEILI_", "STINT_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "stint", "--home", str(tmp_path), "demo", "--port", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True)
    reader.start()
    try:
        base = None
        deadline = time.monotonic() + 180
        while base is None and time.monotonic() < deadline:
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                assert proc.poll() is None, "".join(seen)
                continue
            found_url = re.search(r"Stint API on (http://127\.0\.0\.1:\d+)", seen[-1])
            base = found_url and found_url[1]
        assert base, "".join(seen)
        # The printed URL is ready: the API's socket listens from then on.
        health = httpx.get(f"{base}/health", timeout=30)
        assert health.status_code == 200, "".join(seen)
        assert health.json()["status"] == "ok"
        found = httpx.get(f"{base}/search", params={"q": "intern"}, timeout=10).json()
        assert found["total"] > 10
        assert all(hit["source"] in ("northfield", "gigbridge", "harbor") for hit in found["hits"])
        # A posting cross-posted on two sites is one card with both places to apply.
        truth = expected()
        titles = {(site, path): title for site, path, title in truth["good"]}
        (site_a, path_a), (site_b, _) = truth["cross_posts"][0]
        hits = httpx.get(f"{base}/search", params={"q": titles[(site_a, path_a)], "page_size": 50},
                         timeout=10).json()["hits"]
        merged = [h for h in hits if {s["source"] for s in h["sources"]} == {site_a, site_b}]
        assert len(merged) == 1, [(h["title"], h["sources"]) for h in hits]
        assert len(merged[0]["sources"]) == 2
    finally:
        proc.send_signal(stop_signal)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    reader.join(timeout=10)  # it ends at the output's end, once the demo has exited
    while not lines.empty():
        seen.append(lines.get())
    output = "".join(seen)
    assert "curl 'http://127.0.0.1:" in output  # the example queries were printed
    assert proc.returncode == 0, output
    # Meilisearch was stopped with the demo: nothing answers on its address any more.
    meili_url = json.loads((tmp_path / "demo" / "meili" / "server.json").read_text())["url"]
    assert not is_healthy(meili_url)
