"""The managed Meilisearch process: start, reuse, stop, key file, binary verification."""

from __future__ import annotations

import stat
from pathlib import Path

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


def _command_lines() -> list[bytes]:
    lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(cmdline.read_bytes())
        except OSError:  # the process ended, or is not ours to read
            continue
    return lines


def test_the_master_key_is_on_no_command_line_and_the_server_runs_in_production(tmp_path):
    """Any local user reads every process's argv (`ps`); the key goes by environment."""
    settings = Settings.load(home=tmp_path, env={})
    connection = start_local(settings)
    try:
        key = connection.master_key.encode()
        assert len(key) >= meili_server.MIN_KEY_BYTES
        argv = Path(f"/proc/{connection.process.pid}/cmdline").read_bytes().split(b"\0")
        assert b"production" in argv and b"development" not in argv
        assert not [line for line in _command_lines() if key in line]
        # Production mode serves no web dashboard (development mode answers / with its HTML).
        page = httpx.get(f"{connection.url}/", timeout=5)
        assert "text/html" not in page.headers.get("content-type", "")
    finally:
        connection.stop()


def test_a_short_master_key_file_is_refused_with_a_clear_message(tmp_path):
    settings = Settings.load(home=tmp_path, env={})
    settings.meili_dir.mkdir(parents=True)
    (settings.meili_dir / "master.key").write_text("short\n")
    with pytest.raises(MeiliError, match="at least 16"):
        start_local(settings)


def test_our_meili_variables_do_not_reach_the_child(monkeypatch):
    """MEILI_URL / MEILI_HTTP_ADDR meant for another server must not configure ours."""
    monkeypatch.setenv("MEILI_HTTP_ADDR", "0.0.0.0:7700")
    monkeypatch.setenv("MEILI_MASTER_KEY", "someone-elses-key-0123456789")
    env = meili_server._child_env("k" * 32)
    assert env["MEILI_MASTER_KEY"] == "k" * 32
    assert "MEILI_HTTP_ADDR" not in env
