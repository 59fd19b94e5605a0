"""Shared fixtures: a real Meilisearch process per test session, homes and stores per test."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from index.meili_server import MeiliConnection, start_local
from index.settings import Settings

TEST_OUTPUT = Path(__file__).resolve().parent.parent / "test-output"


@pytest.fixture(scope="session")
def meili(tmp_path_factory) -> MeiliConnection:
    """One real Meilisearch server for the whole test session, on a free port.

    MEILI_URL + MEILI_MASTER_KEY point the tests at a server of your own instead."""
    home = tmp_path_factory.mktemp("meili-home")
    settings = Settings.load(home=home, env={k: v for k, v in os.environ.items()
                                             if k in ("MEILI_BIN",)})
    if os.environ.get("MEILI_URL"):
        yield MeiliConnection(os.environ["MEILI_URL"], os.environ.get("MEILI_MASTER_KEY"))
        return
    connection = start_local(settings)
    yield connection
    connection.stop()


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def settings(home, meili, request) -> Settings:
    """Settings for a fresh home that uses the session's Meilisearch with an index of its own."""
    uid = "t_" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:16]
    return Settings.load(
        home=home,
        env={"MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key or "",
             "STINT_INDEX": uid},
    )


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server for the session (skipped when none is installed, unless
    STINT_REQUIRE_PG=1, as in CI)."""
    from tests.pg_server import pg_bin, postgres_server

    if pg_bin() is None:
        if os.environ.get("STINT_REQUIRE_PG") == "1":
            pytest.fail("STINT_REQUIRE_PG=1 but PostgreSQL is not installed")
        pytest.skip("PostgreSQL server not installed")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, home):
    """The store on SQLite and on PostgreSQL (each test gets empty tables)."""
    from index.store import Store, metadata

    if request.param == "sqlite":
        s = Store(f"sqlite:///{home / 'stint.db'}")
    else:
        s = Store(request.getfixturevalue("postgres_url"))
        with s.engine.begin() as conn:
            for table in reversed(metadata.sorted_tables):
                conn.execute(table.delete())
    yield s
    s.close()


@pytest.fixture
def store(home):
    from index.store import Store

    s = Store(f"sqlite:///{home / 'stint.db'}")
    yield s
    s.close()


@pytest.fixture(scope="session")
def test_output() -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT
