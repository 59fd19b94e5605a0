"""`python -m stint.demo [--host 127.0.0.1]`: serve the sample network until SIGTERM or
SIGINT. Prints one JSON line `{"sites": {...}, "sources": [...]}` to stdout once every site
accepts connections, in the manner of Scrapy's mock server (port 0, print the address)."""

from __future__ import annotations

import argparse
import json
import signal
import threading

from .server import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stint.demo",
                                     description="Serve Stint's sample career sites.")
    parser.add_argument("--host", default="127.0.0.1", help="IPv4 address to bind")
    args = parser.parse_args(argv)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with serve(args.host) as network:
        line = {"sites": network.sites, "sources": network.sources()}
        print(json.dumps(line), flush=True)
        while not stop.wait(0.5):  # a timed wait keeps the main thread responsive to signals
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
