"""`stint serve` with an admin token, for real: the admin routes show run history and run a
reindex in a child process; without the token they refuse."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import httpx
import pytest

from index.store import Store
from tests.fixtures.server import printed_line
from tests.helpers import make_listing, raw_for

TOKEN = "test-admin-token-123"


@pytest.fixture
def served(tmp_path, meili):
    store = Store(f"sqlite:///{tmp_path / 'stint.db'}")
    items = [make_listing(i, source="northfield") for i in range(3)]
    store.upsert([(x, raw_for(x)) for x in items])
    store.record_run("northfield", "2026-11-26T10:00:00+00:00", "2026-11-26T10:01:00+00:00", "ok",
                     {"pages": 3, "errors": {}})
    store.record_run("northfield", "2026-11-27T10:00:00+00:00", "2026-11-27T10:01:00+00:00",
                     "failed", {"pages": 0, "errors": {"http_500": 1}})
    store.close()
    env = {**os.environ, "MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key,
           "STINT_INDEX": "serve_admin", "STINT_ADMIN_TOKEN": TOKEN}
    proc = subprocess.Popen([sys.executable, "-m", "stint", "--home", str(tmp_path), "serve",
                             "--port", "0", "--config", str(tmp_path / "none.toml")],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = printed_line(proc.stderr, r"Stint API on (http://127\.0\.0\.1:\d+)")[0][1]
    except AssertionError:
        proc.kill()
        raise
    yield base
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def test_admin_routes_for_real(served):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert httpx.get(f"{served}/admin/sources").status_code == 401
    sources = httpx.get(f"{served}/admin/sources", headers=auth).json()["sources"]
    assert [s["source"] for s in sources] == ["northfield"]
    northfield = sources[0]
    assert [r["status"] for r in northfield["runs"]] == ["failed", "ok"]  # newest first
    assert northfield["failing_runs_in_a_row"] == 1 and northfield["active_listings"] == 3
    assert httpx.get(f"{served}/search", params={"q": "research"}).json()["total"] == 0
    done = httpx.post(f"{served}/admin/reindex", headers=auth, timeout=120).json()["reindex"]
    assert done["exit_code"] == 0, done
    assert httpx.get(f"{served}/search", params={"q": "research"}).json()["total"] == 3
