"""Fuzz: schemathesis generates requests for every operation in the live app's /openapi.json,
valid ones (positive) and invalid ones (negative), against a real Meilisearch index, with all
its checks on: no server error, every status code and content type documented, every response
body matching its documented schema, invalid data rejected and valid data accepted.

Bounded to MAX_EXAMPLES per operation and mode, derandomized so runs are repeatable, so it stays
well under a minute. The admin routes get a token the fuzzer does not know (so they answer 401).

Why not `schemathesis.pytest.from_fixture`: in schemathesis 4.32 it reads a private pytest
attribute that pytest 9 no longer has; driving each operation's Hypothesis strategy directly
does the same work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402  (after the importorskip)
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import negative_data_rejection  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402

from search_api.app import create_app  # noqa: E402
from tests.test_search_api_support import LISTINGS, indexed, serve  # noqa: E402

MAX_EXAMPLES = 30

# All checks on, with their defaults, but one: 414 (a query string over 4 KiB, which invalid
# data such as too many values of a parameter can make) is a rejection too, and a documented one.
# The rest is schemathesis 4's default list for negative_data_rejection.
_REJECTED = ["400", "401", "403", "404", "405", "406", "409", "414", "415", "422", "428", "429",
             "5xx"]
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": _REJECTED}}})


@pytest.fixture(scope="module")
def live(meili, tmp_path_factory) -> Iterator[str]:
    with indexed(meili, tmp_path_factory.mktemp("home"), __name__, LISTINGS) as (config, key):
        app = create_app(config.meili_url, key, config.index_uid, admin_token="fuzz-token-unknown",
                         reindex=lambda: {"upserted": 0}, sources=lambda: [])
        with serve(app) as url:
            yield url


# The career-center page is an HTML form's target: it ignores empty values by design (a form
# sends every field, blank or not). Schemathesis sends an object or a list it made as invalid
# data as an empty value (`page_size=`), which that page rightly ignores; every other route
# rejects it, and the page's own validation is the same model's (tests/test_feeds.py).
IGNORES_EMPTY_VALUES = {"/career-centers"}


def fuzz(operation, mode: GenerationMode, statuses: Counter) -> None:
    excluded = [negative_data_rejection] if operation.path in IGNORES_EMPTY_VALUES else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        response = case.call_and_validate(timeout=10, excluded_checks=excluded)
        statuses[response.status_code] += 1

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["positive", "negative"])
def test_no_server_error(live, mode):
    schema = schemathesis.openapi.from_url(f"{live}/openapi.json", config=CONFIG)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    statuses: Counter = Counter()
    failures = []
    for operation in operations:
        try:
            fuzz(operation, mode, statuses)
        except Unsatisfiable:
            continue  # nothing to make invalid: the operation takes no parameters
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001  every failing operation
            failures.append(f"{operation.method.upper()} {operation.path}: {exc!r}\n"
                            + "\n".join(str(e) for e in getattr(exc, "exceptions", [exc])))
    print(f"schemathesis {mode.value}: {sum(statuses.values())} requests over "
          f"{len(operations)} operations, statuses {dict(sorted(statuses.items()))}")
    assert not failures, "\n\n".join(failures)
    assert not any(status >= 500 for status in statuses)
