"""`stint demo`: the main job on the embedded defaults, never touching the internet.

Serves the bundled sample career sites on 127.0.0.1, starts Meilisearch, crawls the sites in a
child process (a crawl owns its process: Twisted's reactor cannot restart), indexes, and serves
the search API. The demo keeps its data in `<home>/demo/`, fresh on every run, so it never mixes
with real crawls.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace

import click

from crawlers.sources import dump_sources
from index.meili_server import connect
from index.settings import Settings
from stint.errors import StintError


def demo_settings(settings: Settings) -> Settings:
    home = settings.home / "demo"
    return replace(settings, home=home, store_url=f"sqlite:///{home / 'stint.db'}")


def run_demo(settings: Settings, port: int = 8000, serve: bool = True) -> None:
    from stint.demo import serve as serve_sample_sites
    from stint.serving import bind, serve_api

    sock = bind("127.0.0.1", port) if serve else None  # first: a busy port fails before the crawl

    settings = demo_settings(settings)
    db = settings.home / "stint.db"
    for path in (db, db.with_name("stint.db-wal"), db.with_name("stint.db-shm")):
        path.unlink(missing_ok=True)
    # The sample sites get new ports every run: yesterday's cache and locks are of no use.
    for folder in (settings.meili_dir / "data.ms", settings.home / "httpcache", settings.home / "locks"):
        shutil.rmtree(folder, ignore_errors=True)
    settings.home.mkdir(parents=True, exist_ok=True)

    with serve_sample_sites() as network:
        for name, url in network.sites.items():
            click.echo(f"sample site {name:<12} {url}", err=True)
        config = settings.home / "sources.toml"
        config.write_text(dump_sources(network.sources()))
        connection = connect(settings)
        try:
            env = {k: v for k, v in os.environ.items() if k != "STINT_STORE_URL"}
            env.update({"MEILI_URL": connection.url,
                        "MEILI_MASTER_KEY": connection.master_key or "",
                        "STINT_INDEX": settings.index_uid})
            crawl = [sys.executable, "-m", "stint", "--home", str(settings.home), "crawl",
                     "--config", str(config), "--progress", "2"]
            crawled = subprocess.run(crawl, env=env, check=False)
            if crawled.returncode != 0:
                raise StintError(f"the demo crawl failed (exit code {crawled.returncode}); "
                                 "see the messages above")
            if not serve:
                return
            base = f"http://127.0.0.1:{sock.getsockname()[1]}"
            click.echo(
                f"\nStint is ready. Open {base}/ in a browser (feeds: {base}/career-centers), or try:\n"
                f"  curl '{base}/search?q=intern'\n"
                f"  curl '{base}/search?q=data&arrangement=remote&paid=true'\n"
                f"  curl '{base}/health'\n"
                "Ctrl-C stops the API, the sample sites and Meilisearch.\n",
                err=True,
            )
            serve_api(settings, sock, connection=connection)
        finally:
            connection.stop()
