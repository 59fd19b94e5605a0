"""The managed Meilisearch process: start, reuse, stop, key file, binary verification."""

from __future__ import annotations

import stat

import httpx
import pytest

from index import meili_server
from index.errors import MeiliError
from index.meili_server import is_healthy, resolve_binary, start_local
from index.settings import Settings


def test_start_reuse_and_stop(tmp_path):
    settings = Settings.load(home=tmp_path, env={})
    first = start_local(settings)
    try:
        assert first.owned and is_healthy(first.url)
        key_file = tmp_path / "meili" / "master.key"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        # Without the key, nothing but /health answers.
        assert httpx.get(f"{first.url}/indexes").status_code == 401
        second = start_local(settings)
        assert second.url == first.url and not second.owned  # reused, not started again
    finally:
        first.stop()
    assert not is_healthy(first.url)


def test_refuses_binary_with_wrong_hash(tmp_path, monkeypatch):
    fake = tmp_path / "meilisearch"
    fake.write_bytes(b"#!/bin/sh\necho not meilisearch\n")
    fake.chmod(0o755)
    monkeypatch.setattr(meili_server, "PINNED_MEILI_BIN", fake)
    with pytest.raises(MeiliError, match="refusing to run .*sha256"):
        resolve_binary(Settings.load(home=tmp_path, env={}))


def test_missing_binary_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(meili_server, "PINNED_MEILI_BIN", tmp_path / "nope")
    with pytest.raises(MeiliError, match="dev setup"):
        resolve_binary(Settings.load(home=tmp_path, env={}))


def test_meili_url_that_does_not_answer(tmp_path):
    settings = Settings.load(home=tmp_path, env={"MEILI_URL": "http://127.0.0.1:9"})
    with pytest.raises(MeiliError, match="does not answer"):
        meili_server.connect(settings)


def test_a_master_key_that_begins_with_a_dash_starts(tmp_path):
    """secrets.token_urlsafe gives such a key about once in 64 homes: it must be passed as one
    argument, not read by Meilisearch as a flag (a CI run failed on one)."""
    settings = Settings.load(home=tmp_path / "home", env={})
    settings.meili_dir.mkdir(parents=True)
    (settings.meili_dir / "master.key").write_text("-1" + "a" * 40 + "\n")
    connection = start_local(settings)
    try:
        assert is_healthy(connection.url)
        answer = httpx.get(f"{connection.url}/indexes",
                           headers={"Authorization": f"Bearer -1{'a' * 40}"}, timeout=5)
        assert answer.status_code == 200
    finally:
        connection.stop()
