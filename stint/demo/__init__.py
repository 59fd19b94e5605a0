"""The demo (`stint demo`, in run.py) and its sample sites: a network of realistic career sites
that Stint serves itself on 127.0.0.1, for the demo and the tests (no machine here reaches the
internet).

    with serve() as net:          # every site on its own port
        net.sites                 # {"northfield": "http://127.0.0.1:41234", ...}
        net.sources()             # the sources configuration that crawls them
    expected()                    # ground truth: good postings, broken pages, cross-posts

`python -m stint.demo` serves the network from a subprocess and prints one JSON line.
Stdlib only; everything is generated from a fixed seed, so every run serves the same pages.
"""

from .layout import expected
from .server import SampleNetwork, serve

__all__ = ["SampleNetwork", "expected", "serve"]
