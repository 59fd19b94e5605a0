"""Serve the search API: make sure Meilisearch runs and the index exists, hand the API a
search-only key (never the master key), run uvicorn."""

from __future__ import annotations

import click
import uvicorn

from index.meili import MeiliIndex
from index.meili_server import MeiliConnection, connect
from index.store import Store
from stint.settings import Settings


def build_app(settings: Settings, connection: MeiliConnection, store: Store):
    from search_api.app import create_app

    index = MeiliIndex(connection.url, connection.master_key, settings.index_uid)
    index.ensure()
    return create_app(connection.url, index.search_key(), settings.index_uid, store=store)


def serve_api(settings: Settings, host: str, port: int,
              connection: MeiliConnection | None = None) -> None:
    own_connection = connection is None
    connection = connection or connect(settings)
    store = Store(settings.store_url)
    try:
        app = build_app(settings, connection, store)
        click.echo(f"Stint API on http://{host}:{port}  (Meilisearch {connection.url})", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
        if own_connection:
            connection.stop()
