"""What the commands share: the `--config` option and the line of a run's counts.

Light on purpose (click only): every command imports it, and `stint --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

DEFAULT_SOURCES = "sources.toml"
F = TypeVar("F", bound=Callable[..., Any])


def config_option(f: F) -> F:
    """`--config FILE`: the sources file, else $STINT_SOURCES, else ./sources.toml."""
    return click.option(
        "--config", "config", type=click.Path(dir_okay=False), envvar="STINT_SOURCES",
        default=DEFAULT_SOURCES, show_default=True,
        help="Sources file (TOML, one [[source]] table per source). Env: STINT_SOURCES",
    )(f)


def format_counts(summary: dict[str, Any], names: tuple[str, ...] = ("pages", "postings", "stored")
                  ) -> str:
    """A run's counts on one line, as `stint crawl`, `stint runs` and `stint sources check`
    print them: "pages=4 postings=3 stored=3 errors: http_404=1, timeout=2" (`expired=N` too
    when the run expired listings; "errors: none" without errors)."""
    parts = [f"{name}={summary.get(name, 0)}" for name in names]
    if summary.get("expired"):
        parts.append(f"expired={summary['expired']}")
    errors = ", ".join(f"{k}={v}" for k, v in (summary.get("errors") or {}).items()) or "none"
    return " ".join(parts) + f" errors: {errors}"
