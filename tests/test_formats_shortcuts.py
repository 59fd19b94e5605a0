"""Format shortcuts (pay, organization, period built directly) give what the plain paths give."""

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


def _plain_period(unit):
    """normalize_period without its lookup of the unit as given."""
    from normalize.fields.pay import _UNIT_ALIASES, _UNIT_GAP_RE
    if not isinstance(unit, str):
        return None
    key = _UNIT_GAP_RE.sub("_", unit.strip().upper()).removeprefix("PER_").removeprefix("A_")
    return _UNIT_ALIASES.get(key)


def test_normalize_period_matches_the_regex_path():
    from normalize.fields.pay import _UNIT_ALIASES, normalize_period
    units = [*_UNIT_ALIASES, *(k.lower() for k in _UNIT_ALIASES), *(f" {k} " for k in _UNIT_ALIASES),
             "per hour", "PER_HOUR", "a year", "one-time", "ONE TIME", "", " ", "_", "PER_", "A_",
             "hour\n", "Jahr", None, 5, ["HOUR"]]
    for unit in units:
        assert normalize_period(unit) == _plain_period(unit), unit


@pytest.mark.parametrize("lo,hi", [
    (10.0, 20.0), (20.0, 10.0), (None, 5.5), (5.5, None), (0.0, 3.0), (-0.0, -1.0),
    (float("nan"), 2.0), (float("inf"), 1.0), (1e308, 1e-308), (10, 20.0), (10, 10),
    (True, 3.0), (2.0, False), (None, None), (0.0, 0.0),
])
@pytest.mark.parametrize("currency,period", [(None, None), ("USD", "HOUR"), ("EUR", "PROJECT")])
def test_pay_built_directly_is_the_validated_one(lo, hi, currency, period):
    from normalize.fields.pay import _pay
    from normalize.schema import Pay
    got = _pay(lo, hi, currency, period)
    lo2 = lo if lo else None
    hi2 = hi if hi else None
    if lo2 is None and hi2 is None:
        assert got is None
        return
    if lo2 is not None and hi2 is not None and lo2 > hi2:
        lo2, hi2 = hi2, lo2
    want = Pay(min=lo2, max=hi2, currency=currency, period=period, paid=True)
    assert repr(got) == repr(want)
    assert list(got.__dict__.items()).__repr__() == list(want.__dict__.items()).__repr__()
    assert [type(v) for v in got.__dict__.values()] == [type(v) for v in want.__dict__.values()]
    assert got.model_fields_set == want.model_fields_set
    assert got.model_dump_json() == want.model_dump_json()
    assert got.model_dump(exclude_unset=True) == want.model_dump(exclude_unset=True) or lo2 != lo2
    assert hash(got) == hash(want) or lo2 != lo2  # NaN: no two are equal
    with pytest.raises(Exception):  # noqa: B017 - frozen, as the validated one
        got.min = 1.0
