"""Serve the sample sites on loopback: one ThreadingHTTPServer per site, each on port 0.

Separate ports make separate hosts, as a crawler sees them. Every page is rendered once at
start-up and answered from memory, so a full crawl of the network takes well under a second.
"""

from __future__ import annotations

import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from .markup import Response, not_found
from .sites import SITES, sources


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 drops SYNs under a crawler's 16 parallel connections, and each
    # drop costs a one-second retransmit.
    request_queue_size = 128
    routes: dict[str, Response]
    missing: Response

    def server_bind(self) -> None:
        # HTTPServer.server_bind calls socket.getfqdn(), a reverse DNS lookup that can stall for
        # seconds on machines without a resolver; the name is never used here.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real sites and Scrapy use
    server_version = "StintSampleSite/1.0"
    timeout = 5  # idle keep-alive connections close, so shutdown never waits long for them
    server: _SiteServer

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        path = self.path.split("#", 1)[0]
        response = self.server.routes.get(path, self.server.missing)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # silent: the command-line mode's stdout carries only its JSON line


class SampleNetwork:
    """The running sample sites. `sites` maps site name to base URL ("http://127.0.0.1:PORT")."""

    def __init__(self, servers: dict[str, _SiteServer], base_urls: dict[str, str]) -> None:
        self._servers = servers
        self.sites = base_urls
        self._threads = [
            # A short poll interval makes close() (and so SIGTERM) return within ~50 ms.
            threading.Thread(target=s.serve_forever, args=(0.05,), name=f"sample-site-{name}",
                             daemon=True)
            for name, s in servers.items()]
        for thread in self._threads:
            thread.start()

    def sources(self) -> list[dict]:
        """The sources configuration for crawling this network (see sites.sources)."""
        return sources(self.sites)

    def close(self) -> None:
        for server in self._servers.values():
            server.shutdown()  # waits for serve_forever to return
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers = {}
        self._threads = []

    def __enter__(self) -> SampleNetwork:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def serve(host: str = "127.0.0.1") -> SampleNetwork:
    """Start every sample site on its own port of `host` (an IPv4 address) in background threads."""
    servers = {name: _SiteServer((host, 0), _Handler) for name in SITES}
    base_urls = {name: f"http://{host}:{s.server_port}" for name, s in servers.items()}
    for name, server in servers.items():
        # Pages carry absolute URLs (JSON-LD url, sitemap loc), so render once the port is known.
        server.routes = SITES[name].routes(base_urls[name])
        server.missing = not_found(SITES[name].THEME)
    return SampleNetwork(servers, base_urls)
