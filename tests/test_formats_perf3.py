"""The third round of format speed-ups give what the plain paths give, on odd inputs too."""

from __future__ import annotations

import itertools

import pytest

from normalize.fields.pay import pay_from_salary
from normalize.formats._ats import organization, range_pay
from normalize.schema import Organization

AMOUNTS = [None, 0, 0.0, "", " ", 20, 20.5, -5, True, False, float("nan"), float("inf"),
           "20", "1,200", "25000", " 30 ", "twenty", "abc", "20-25", [], {}, [10], {"x": 1},
           1e9]
CURRENCIES = [None, "", " ", "USD", "usd", " eur ", "$", "dollars", "€", "C$", "XYZ", "US",
              0, 5, True, [], ["USD"], {"a": 1}]
PERIODS = [None, "", "HOUR", "DAY", "WEEK", "MONTH", "YEAR", "PROJECT", "hour", "per month",
           " YEAR ", "Annually", "ONE_TIME", "nonsense"]


def _plain(lo, hi, currency, period, *, dollar="USD", guess_year=False):
    """range_pay as it was: through pay_from_salary with the nested dicts."""
    from normalize.fields.pay import YEARLY_GUESS_FROM
    pay = pay_from_salary({"currency": currency,
                           "value": {"minValue": lo, "maxValue": hi, "unitText": period}},
                          dollar=dollar)
    if (pay is not None and pay.period is None and guess_year
            and (pay.min or pay.max or 0) >= YEARLY_GUESS_FROM):
        pay = pay.model_copy(update={"period": "YEAR"})
    return pay


def _outcome(fn, *args, **kwargs):
    try:
        return ("ok", fn(*args, **kwargs))
    except Exception as exc:  # the same error, message included
        return ("raised", type(exc).__name__, str(exc))


@pytest.mark.parametrize("currency", CURRENCIES)
@pytest.mark.parametrize("period", PERIODS)
def test_range_pay_matches_pay_from_salary(currency, period):
    for lo, hi in itertools.product(AMOUNTS, repeat=2):
        for dollar, guess in (("USD", False), ("CAD", True)):
            got = _outcome(range_pay, lo, hi, currency, period, dollar=dollar, guess_year=guess)
            want = _outcome(_plain, lo, hi, currency, period, dollar=dollar, guess_year=guess)
            assert repr(got) == repr(want), (lo, hi, currency, period, dollar, guess)


@pytest.mark.parametrize("name,board", [
    ("Acme", None), (" Acme  Inc ", {"name": "Other"}), (None, {"name": "Board Co"}),
    ("", {"token": "acme-co"}), (None, {}), (None, "not a dict"), ("x" * 300, None),
    (5, {"token": " "}), ("&amp; Co", None),
])
def test_organization_matches_a_fresh_one(name, board):
    payload = {} if board is None else {"_board": board}
    got = organization(name, payload)
    from normalize.fields.text import clean_inline
    want = Organization()
    for value in (name, *((board.get("name"), board.get("token")) if isinstance(board, dict)
                           else (None, None))):
        if clean_inline(value):
            want = Organization(name=clean_inline(value))
            break
    assert got.model_dump() == want.model_dump()
    assert organization(name, payload) == got  # the shared one is the same on the next job
