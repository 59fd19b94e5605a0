"""A run's status decides whether the lifecycle may expire what the run did not see."""

from __future__ import annotations

import pytest

from stint.crawl import run_status, summarize_stats


def summary(**raw) -> dict:
    base = {"stint/pages": 10, "finish_reason": "finished"}
    return summarize_stats({**base, **raw})


@pytest.mark.parametrize(("raw", "status"), [
    ({}, "ok"),
    ({"stint/errors/invalid_jsonld": 2, "stint/errors/http_404": 1}, "ok"),  # broken or gone pages
    ({"stint/errors/robots_disallowed": 1}, "ok"),
    ({"stint/errors/http_500": 1}, "partial"),
    ({"stint/errors/timeout": 1}, "partial"),
    ({"finish_reason": "shutdown"}, "partial"),  # stopped by a signal
    ({"stint/limited/max_pages": 3}, "partial"),  # cut by a limit
    ({"stint/pages": 0, "stint/errors/http_500": 1}, "failed"),
    ({"stint/pages": 0, "finish_reason": "shutdown"}, "lost"),  # stopped before any page
    ({"stint/pages": 0, "finish_reason": "shutdown", "stint/errors/timeout": 1}, "failed"),
])
def test_run_status(raw, status):
    assert run_status(summary(**raw)) == status


def test_summary_names_errors_and_limits():
    s = summary(**{"stint/errors/http_500": 2, "stint/rejected": 1, "stint/limited/max_items": 4})
    assert s["errors"] == {"http_500": 2, "rejected": 1}
    assert s["limited"] == {"max_items": 4}
