"""Pay: a schema.org baseSalary, or a pay phrase in free text, to a Pay; and its hourly equivalent.

Text forms read: "$15/hr", "USD 20–25 per hour", "£500 fixed fee", "stipend of $1,200",
"€2.000 brutto/Monat", "$50k-$60k a year"; "unpaid" / "volunteer" (paid = False);
"competitive pay" or "paid internship" (paid = True, amount unknown).

An amount needs a currency, except right before an explicit hourly unit ("15 per hour"). The
period comes from the words after the amount ("/hr", "per month", "fixed fee"), then from the
words before it ("hourly rate of", "stipend of"); a stipend or fee with no period is for the
whole project (PROJECT). "$" means `dollar` (USD unless the caller knows better). Funding
amounts ("$5M", "$2 billion") are not pay.
"""

from __future__ import annotations

import re
from typing import Any

import pycountry

from normalize.cache import bounded_cache
from normalize.fields.keywords import DIGITS, Hits, Keywords, digit_starts, finditer_at
from normalize.fields.numbers import parse_number
from normalize.schema import Pay, Range, trusted

_SYMBOLS = {
    "US$": "USD", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "£": "GBP", "€": "EUR", "₹": "INR", "Rs": "INR",
    "Rs.": "INR", "¥": "JPY", "₩": "KRW", "₽": "RUB", "₺": "TRY", "Fr.": "CHF", "zł": "PLN",
    "euro": "EUR", "euros": "EUR", "pounds": "GBP", "rupees": "INR",
}
_SYM = r"US\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|R\$|\$|£|€|₹|¥|₩|₽|₺|Rs\.?|Fr\."
_CUR = rf"(?:{_SYM}|\b[A-Z]{{3}}\b)"
_SUFFIX = r"(?:€|£|\$|zł|\b[A-Z]{3}\b|(?i:euros?|dollars?|pounds|rupees)\b)"
# Starts with a plain [0-9] so the regex engine can skip ahead to digits (see _AMOUNT_RE).
_NUM = r"[0-9](?:[0-9]{0,2}(?:[.,\u00a0\u202f'][0-9]{3})+|[0-9]*)(?:[.,][0-9]{1,2})?"
# The pattern starts at the number itself and the currency before it is read by _PREFIX_RE: a
# pattern that starts with a character set is scanned by a fast prefix search, one that starts
# with an optional currency is tried at every character (~30x slower on a long description).
# After the number, every part is optional: "k", a currency, a range, "million". Each starts,
# after one space or none (the range: any spaces), with one of the characters in the lookahead,
# which turns down most numbers in prose ("10 hours", "6 weeks") in one step instead of trying
# every part's alternatives (~1 -> ~0.4 µs per number). It only rules out what cannot match: the
# match is the same either way.
_AMOUNT_RE = re.compile(
    rf"(?P<n1>{_NUM})(?:(?=\s?(?:[kK€£$zA-Z]|(?i:[edprmb]))|\s*(?:[-–—]|(?i:[tab]|à)))"
    rf"(?P<k1>\s?[kK]\b)?(?:\s?(?P<s1>{_SUFFIX}))?"
    rf"(?:\s*(?P<sep>-|–|—|(?i:to|and|bis|à))\s*(?P<c2>{_CUR})?\s?(?P<n2>{_NUM})"
    rf"(?P<k2>\s?[kK]\b)?(?:\s?(?P<s2>{_SUFFIX}))?)?"
    r"(?P<big>\s?(?i:m|mm|mn|million|bn|billion|b)\b)?)?"
)
_PREFIX_RE = re.compile(rf"(?P<c1>{_CUR})\s?\Z")
# The last character of every currency _CUR reads ("US$", "Rs.", "EUR"): most numbers in a
# description have none of them right before them (or before one space), which rules out
# _PREFIX_RE with a set lookup instead of a regex search.
_CUR_LAST = frozenset("$£€₹¥₩₽₺s.ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_BARE_RANGE_RE = re.compile(rf"^\s*(?P<lo>{_NUM})\s*(?:-|–|—|to)\s*(?P<hi>{_NUM})\s*$", re.I)
_PERIOD_WORDS = (
    ("HOUR", r"/\s?h(?:ou)?r?s?\b|\bper\s+hour|\ban?\s+hour|\bhourly|\bp/?h\b|\bph\b|/\s?std|"
             r"\bpro\s+stunde|/\s?stunde|\bde\s+l'heure|/\s?heure|\bpar\s+heure|\bhr\b"),
    ("DAY", r"/\s?day|\bper\s+day|\ba\s+day|\bdaily|/\s?tag\b|\bpro\s+tag|\bpar\s+jour|/\s?jour"),
    ("WEEK", r"/\s?w(?:ee)?k|\bper\s+week|\ba\s+week|\bweekly|/\s?woche|\bpro\s+woche|"
             r"\bpar\s+semaine"),
    ("MONTH", r"/\s?mo(?:nth)?\b|\bper\s+month|\ba\s+month|\bmonthly|/\s?monat|\bpro\s+monat|"
              r"\bim\s+monat|\bmonatlich|\bpar\s+mois|/\s?mois|\bmensuel"),
    ("YEAR", r"/\s?y(?:ea)?r|\bper\s+(?:year|annum)|\ba\s+year|\bannual(?:ly)?|\byearly|"
             r"\bp\.\s?a\.|/\s?jahr|\bpro\s+jahr|\bjährlich|\bpar\s+an\b"),
    ("PROJECT", r"\bfixed(?:\s+|-)(?:fee|price|rate)|\bflat\s+(?:fee|rate)|\bper\s+project|"
                r"\bproject\s+fee|\bfor\s+the\s+(?:whole\s+|entire\s+)?project|\btotal\b(?!\s+comp)|"
                r"\bone[- ]time|\blump[- ]sum|\bstipend|\bhonorari(?:um|a)|\bin\s+total|\bpauschal|"
                r"\bforfait"),
)
# The time units in one regex, one named group each in name order: the leftmost unit wins, and
# at one place the first name in that order. Every unit word starts with "/" or at the start of
# a word: the lookahead turns down every other place with two quick tests instead of trying each
# of ~50 alternatives there (~3x faster on the words around an amount).
_TIME_UNIT_RE = re.compile(
    r"(?=/|\b\w)(?:"
    + "|".join(f"(?P<{period}>{words})" for period, words in sorted(_PERIOD_WORDS[:-1])) + ")",
    re.I)
_PROJECT_RE = re.compile(_PERIOD_WORDS[-1][1], re.I)
_EXPLICIT_HOURLY_RE = re.compile(r"\s*(?:/\s?(?:hr|hour|h)\b|per\s+hour|an\s+hour|hourly)", re.I)
_CUT_RE = re.compile(r"\d|[.!?;]\s|\n|\|")
# Everything up to the end of the last _CUT_RE match (greedy: the rightmost one).
_LAST_CUT_RE = re.compile(r"[\s\S]*(?:\d|[.!?;]\s|\n|\|)")

_UNPAID = Keywords(
    r"\bunpaid\b|\bvolunteer(?:ing)?\b(?!\s+(?:experience|work\s+experience))|"
    r"\bno\s+(?:pay|compensation|salary|stipend)\b|\bnot\s+paid\b|\bpro\s+bono\b|"
    r"\bwithout\s+(?:pay|compensation)\b|\bfor\s+(?:academic\s+)?credit\s+only\b|\bunbezahlt",
    ("unpaid", "volunteer", "no pay", "no comp", "no salary", "no stipend", "not paid", "bono",
     "without pay", "without comp", "credit only", "unbezahlt"),
)
_PAID = Keywords(
    r"\bcompetitive\s+(?:pay|salary|compensation|stipend|rates?|wages?|hourly|remuneration)\b|"
    r"\bpaid\s+(?:internship|position|role|project|opportunity|gig|engagement|work|micro)|"
    r"\bthis\s+is\s+a\s+paid\b|\bstipend\s+(?:provided|included|available)\b|\bbezahlt|"
    r"\b(?:pay|compensation|salary|rate|wages?|stipend|remuneration)\s*(?:is\s+|:\s*|-\s*)"
    r"(?:competitive|negotiable|doe\b|depending\s+on\s+experience|commensurate)",
    ("competitive", "paid", "stipend", "bezahlt", "negotiable", "doe", "depending on",
     "commensurate"),
)
TRIGGERS = (*_UNPAID.words, *_PAID.words, *DIGITS)  # what `hits` must hold
_COMPETITIVE_RE = re.compile(
    r"^\W*(?:competitive|negotiable|doe|depending\s+on\s+experience|commensurate\s+with\s+"
    r"experience)\W*$", re.I)
# Words right before an amount that make it one bound of a range: "up to $25", "from $20".
_UPPER_WORDS = r"\bup\s+to|\bmax(?:imum)?(?:\s+of)?|\bno\s+more\s+than|\bas\s+much\s+as"
_UPPER_BOUND_RE = re.compile(rf"(?:{_UPPER_WORDS}|\bbis\s+zu)\s*\Z", re.I)
_LOWER_BOUND_RE = re.compile(r"(?:\bfrom|\bstarting\s+(?:at|from)|\bat\s+least|\bmin(?:imum)?"
                             r"(?:\s+of)?|\bab)\s*\Z", re.I)
_UNIT_ALIASES = {
    "HOUR": "HOUR", "HOURLY": "HOUR", "HR": "HOUR", "H": "HOUR", "DAY": "DAY", "DAILY": "DAY",
    "WEEK": "WEEK", "WEEKLY": "WEEK", "WK": "WEEK", "MONTH": "MONTH", "MONTHLY": "MONTH",
    "MO": "MONTH", "YEAR": "YEAR", "YEARLY": "YEAR", "ANNUAL": "YEAR", "ANNUALLY": "YEAR",
    "ANNUM": "YEAR", "YR": "YEAR", "PROJECT": "PROJECT", "ONE_TIME": "PROJECT",
    "FIXED": "PROJECT", "TOTAL": "PROJECT", "FLAT": "PROJECT", "ONCE": "PROJECT",
}
_UNIT_GAP_RE = re.compile(r"[\s\-]+")
# normalize_period looks a unit up as given first: right only while every key is its own
# normalized form (upper case, no gaps, no PER_/A_ prefix).
assert all(k == _UNIT_GAP_RE.sub("_", k.strip().upper()).removeprefix("PER_").removeprefix("A_")
           for k in _UNIT_ALIASES)
_DOLLAR_BY_COUNTRY = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}
YEARLY_GUESS_FROM = 15000.0  # an amount this large with no period is an annual salary
FULL_TIME_HOURS = 40.0


def dollar_for(country: str | None) -> str:
    """The currency a bare "$" most likely means for a posting in `country`."""
    return _DOLLAR_BY_COUNTRY.get(country or "", "USD")


@bounded_cache()
def _iso_currency(code: str) -> str | None:
    code = code.strip().upper()
    if len(code) != 3 or not code.isalpha():
        return None
    return code if pycountry.currencies.get(alpha_3=code) else None


def currency_code(token: Any, *, dollar: str = "USD") -> str | None:
    """ISO 4217 for a code ("usd"), a symbol ("€", "C$") or a word ("euros")."""
    if not isinstance(token, str) or not token.strip():
        return None
    token = token.strip()
    if token == "$" or token.lower() in ("dollar", "dollars"):
        return dollar
    return _SYMBOLS.get(token) or _SYMBOLS.get(token.lower()) or _iso_currency(token)


def normalize_period(unit: Any) -> str | None:
    """schema.org unitText ("HOUR", "per month", "Annually") to a Pay period."""
    if not isinstance(unit, str):
        return None
    period = _UNIT_ALIASES.get(unit)  # "HOUR", "YEAR": a key already, no regex (keys asserted below)
    if period is not None:
        return period
    key = _UNIT_GAP_RE.sub("_", unit.strip().upper()).removeprefix("PER_").removeprefix("A_")
    return _UNIT_ALIASES.get(key)


# --- baseSalary -------------------------------------------------------------------------------


def pay_from_salary(value: Any, *, dollar: str = "USD") -> Pay | None:
    """A schema.org baseSalary (MonetaryAmount, number or text) to a Pay; None if unreadable."""
    if isinstance(value, list):
        value = next((v for v in value if v not in (None, "", {})), None)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _pay(value, value, None, None)
    if isinstance(value, str):
        number = parse_number(value)
        return _pay(number, number, None, None) if number else parse_pay_text(value, dollar=dollar)
    if not isinstance(value, dict):
        return None
    currency = currency_code(value.get("currency") or value.get("salaryCurrency"), dollar=dollar)
    unit = value.get("unitText")
    amount = value.get("value")
    if isinstance(amount, list):
        amount = next((a for a in amount if a not in (None, "")), None)
    if isinstance(amount, dict):  # QuantitativeValue
        unit = amount.get("unitText") or unit
        currency = currency or currency_code(amount.get("currency"), dollar=dollar)
        lo, hi, single = amount.get("minValue"), amount.get("maxValue"), amount.get("value")
    else:
        lo, hi, single = value.get("minValue"), value.get("maxValue"), amount
    bare = _BARE_RANGE_RE.match(single) if isinstance(single, str) else None
    if bare:  # "20-25" with the currency and unit beside it
        lo, hi, single = bare["lo"], bare["hi"], None
    elif isinstance(single, str) and parse_number(single) is None:
        text_pay = parse_pay_text(single, dollar=dollar)  # "20-25", "Competitive"
        if text_pay is not None and text_pay.min is None and text_pay.max is None:
            return text_pay  # no amount: a currency or unit beside it says nothing
        if text_pay is not None:
            return text_pay.model_copy(
                update={"currency": text_pay.currency or currency,
                        "period": text_pay.period or normalize_period(unit)})
    lo, hi, single = parse_number(lo), parse_number(hi), parse_number(single)
    if lo is None and hi is None:
        lo = hi = single
    return _pay(lo, hi, currency, normalize_period(unit))


def _pay(lo: float | None, hi: float | None, currency: str | None, period: str | None) -> Pay | None:
    # Zero is how several ATSes write "not given", not an unpaid job.
    lo = lo if lo else None
    hi = hi if hi else None
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    if type(lo) in _FLOAT_OR_NONE and type(hi) in _FLOAT_OR_NONE:
        # parse_number's floats, currency_code's code, normalize_period's period: already what
        # Pay(...) would store, so its instance is made without pydantic's validation (~1 µs).
        return trusted(Pay, {"min": lo, "max": hi, "currency": currency, "period": period,
                             "paid": True, "hourly_min": None, "hourly_max": None,
                             "hourly_derived": False}, _PAY_FIELDS_SET)
    return Pay(min=lo, max=hi, currency=currency, period=period, paid=True)  # an int, say


_FLOAT_OR_NONE = (float, type(None))
_PAY_FIELDS_SET = frozenset({"min", "max", "currency", "period", "paid"})  # as Pay(...) sets


# --- text -------------------------------------------------------------------------------------


def parse_pay_text(text: Any, *, dollar: str = "USD", low: str | None = None,
                   hits: Hits | None = None) -> Pay | None:
    """The pay a text states; None if it says nothing about pay. `low`: the text already
    lower-cased, and `hits`: where TRIGGERS occur in it (TriggerIndex.hits), when the caller
    has them."""
    if not isinstance(text, str) or not text.strip():
        return None
    # Amounts begin with a digit; the digits' places in `low` are theirs in `text` unless
    # lower-casing changed the length ("İ" becomes two characters).
    same_places = hits is not None and low is not None and len(low) == len(text)
    amount = _find_amount(text, dollar, digit_starts(hits, len(text)) if same_places else None)
    if amount is not None:
        return amount
    return _paid_words(text, low, hits)


def _paid_words(text: str, low: str | None, hits: Hits | None) -> Pay | None:
    """Paid or unpaid from words alone ("competitive pay", "unpaid"), for a text with no amount."""
    if _COMPETITIVE_RE.match(text):
        return Pay(paid=True)
    low = text.lower() if low is None else low
    unpaid, paid = _UNPAID.search(low, hits), _PAID.search(low, hits)
    if unpaid and not paid:
        return Pay(paid=False)
    if paid and not unpaid:
        return Pay(paid=True)
    return None


def _find_amount(text: str, dollar: str, digits: list[int] | None) -> Pay | None:
    """The first amount with a period, else the first amount with a currency. `digits`: where
    the text's digits are, when known."""
    first: Pay | None = None
    found = _AMOUNT_RE.finditer(text) if digits is None else finditer_at(_AMOUNT_RE, text, digits)
    for count, m in enumerate(found):
        if count >= 200:  # a page of numbers (a table): enough looking
            break
        start = m.start()
        if m["big"] or (start and text[start - 1] in "0123456789.,"):
            continue
        prefix = _currency_before(text, start)
        c1 = prefix["c1"] if prefix else None
        if not (c1 or m["s1"] or m["c2"] or m["s2"]):
            if not _EXPLICIT_HOURLY_RE.match(text, m.end()):
                continue  # a number with no currency: not pay unless "... per hour"
        pay = _amount_pay(text, m, c1, prefix.start() if prefix else start, dollar)
        if pay is None:
            continue
        if pay.period:
            return pay
        first = first or pay
    return first


def _currency_before(text: str, start: int) -> re.Match[str] | None:
    """_PREFIX_RE's match ending at `start`, searched for only where a currency can end."""
    last = start - 2 if start > 1 and text[start - 1].isspace() else start - 1  # "$ 20"
    if last < 0 or text[last] not in _CUR_LAST:
        return None
    return _PREFIX_RE.search(text, max(0, start - 5), start)


@bounded_cache()
def _currency(c1: str | None, s1: str | None, c2: str | None, s2: str | None,
              dollar: str) -> str | None:
    """The currency an amount's tokens name (a handful of combinations recur: cached)."""
    # A code or symbol that names one currency ("CAD", "€") wins over a bare "$" ("$20 CAD").
    tokens = sorted((t for t in (c1, s1, c2, s2) if t), key=lambda t: t == "$")
    return next((c for c in (currency_code(t, dollar=dollar) for t in tokens) if c), None)


def _amount_pay(
    text: str, m: re.Match[str], c1: str | None, begin: int, dollar: str
) -> Pay | None:
    end = m.end()
    cut = _CUT_RE.search(text, end, end + 48)  # the words up to the next number or sentence
    after = text[end : cut.start() if cut else end + 48]
    currency = _currency(c1, m["s1"], m["c2"], m["s2"], dollar)
    if currency is None and not _EXPLICIT_HOURLY_RE.match(after):
        return None
    lo = _number(m["n1"], m["k1"])
    hi = _number(m["n2"], m["k2"]) if m["n2"] else lo
    if m["n2"] and m["sep"].lower() == "and" and not (m["c2"] or m["s2"]):
        hi = lo  # "$500 and 3 weeks": "and" joins a range only between two amounts
    if lo is None or hi is None or hi < lo:
        hi = lo
    if not lo:
        return None
    if m["k1"] is None and m["k2"] is not None and lo < 1000 <= hi:
        lo *= 1000  # "$50-60k"
    period = _period(after)
    low: float | None = lo
    if period is None or hi == lo:  # only then do the words before the amount count
        before = _after_last_cut(text, max(0, begin - 32), begin)
        period = period or _period(before)
        if hi == lo and _UPPER_BOUND_RE.search(before):
            low = None  # "up to $25 an hour": the most it pays
        elif hi == lo and _LOWER_BOUND_RE.search(before):
            hi = None  # "from $20 an hour"
    if period is None and lo >= YEARLY_GUESS_FROM:
        period = "YEAR"
    return Pay(min=low, max=hi, currency=currency, period=period, paid=True)


def _after_last_cut(text: str, start: int, end: int) -> str:
    """The words of text[start:end] after the last number or sentence end: only they describe
    the next amount."""
    cut = _LAST_CUT_RE.match(text, start, end)
    return text[cut.end() if cut else start : end]


def _number(text: str | None, k: str | None) -> float | None:
    value = parse_number(text)
    return value * 1000 if value is not None and k else value


def _period(words: str) -> str | None:
    """The pay period the words name: the first time unit ("/hr", "per month") in them, else
    PROJECT if they say stipend, fee or total ("$800 stipend per month" is MONTH)."""
    if not words.strip():
        return None
    unit = _TIME_UNIT_RE.search(words)
    if unit:
        return unit.lastgroup
    return "PROJECT" if _PROJECT_RE.search(words) else None


# --- hourly equivalent ------------------------------------------------------------------------

_HOURS_PER = {"DAY": FULL_TIME_HOURS / 5, "WEEK": FULL_TIME_HOURS, "MONTH": FULL_TIME_HOURS * 52 / 12,
              "YEAR": FULL_TIME_HOURS * 52}
_WEEKS_PER = {"DAY": 1 / 5, "WEEK": 1.0, "MONTH": 52 / 12, "YEAR": 52.0}


def with_hourly(pay: Pay, hours: Range | None = None, weeks: Range | None = None) -> Pay:
    """`pay` with its hourly equivalent. HOUR pay is its own; a PROJECT fee needs both hours per
    week and a duration (total / (weeks x hours)); DAY/WEEK/MONTH/YEAR use the weekly hours, or
    a 40-hour week when unknown. Anything computed is marked `hourly_derived`."""
    lo, hi = pay.min, pay.max
    if (lo is None and hi is None) or pay.period is None:
        return pay
    if pay.period == "HOUR":
        return pay.model_copy(update={"hourly_min": lo, "hourly_max": hi, "hourly_derived": False})
    h_lo, h_hi = _both(hours)
    if pay.period == "PROJECT":
        w_lo, w_hi = _both(weeks)
        if not (h_lo and h_hi and w_lo and w_hi):
            return pay
        low, high = _div(lo, w_hi * h_hi), _div(hi, w_lo * h_lo)
    elif h_lo and h_hi:
        per = _WEEKS_PER[pay.period]
        low, high = _div(lo, per * h_hi), _div(hi, per * h_lo)
    else:
        low, high = _div(lo, _HOURS_PER[pay.period]), _div(hi, _HOURS_PER[pay.period])
    return pay.model_copy(update={"hourly_min": low, "hourly_max": high, "hourly_derived": True})


def _div(amount: float | None, hours: float) -> float | None:
    return round(amount / hours, 2) if amount is not None and hours else None


def _both(r: Range | None) -> tuple[float | None, float | None]:
    if r is None:
        return None, None
    lo, hi = r.min or r.max, r.max or r.min
    return lo, hi


# --- prose: every amount of a description -----------------------------------------------------

# Indian notation: "₹35L–90L", "INR 12-18 LPA", "₹1.2 Cr", "Rs. 6 lakh per annum". A lakh is
# 100,000 and a crore 10,000,000; "LPA" is lakh per annum.
_INDIAN_RE = re.compile(
    r"(?:₹|(?<![\w])Rs\.?|(?<![\w])INR)\s?(?P<n1>[0-9]+(?:\.[0-9]+)?)\s?(?P<u1>L\b|LPA\b|Cr\b|(?i:lakhs?|lacs?|"
    r"crores?)\b)?(?:\s*(?:-|–|—|to)\s*(?:₹|Rs\.?|INR)?\s?(?P<n2>[0-9]+(?:\.[0-9]+)?)\s?"
    r"(?P<u2>L\b|LPA\b|Cr\b|(?i:lakhs?|lacs?|crores?)\b))")
_INDIAN_UNITS = {"l": 1e5, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
                 "cr": 1e7, "crore": 1e7, "crores": 1e7}
# Amounts that are not this job's pay: a bonus, a company's money.
_NOT_PAY_AFTER_RE = re.compile(r"\s*(?:[a-z]+\s+){0,2}(?:signing|sign-on|joining|relocation|"
                               r"referral|annual)?\s*bonus|\s*(?:in\s+)?(?:funding|revenue|ARR|"
                               r"valuation|seed|series|raised|market|in\s+(?:sales|volume|assets))",
                               re.I)
_NOT_PAY_BEFORE_RE = re.compile(r"(?:bonus\s+of|raised|raise|funding\s+of|valuation\s+of|"
                                r"revenue\s+of|over|more\s+than|budget\s+of)\s*(?:~|about|"
                                r"approximately)?\s*\Z", re.I)
_OPEN_TOP_RE = re.compile(r"\s?\+(?!\s*(?:equity|bonus|benefits|stock|options|commission|"
                          r"\d))", re.I)
_UPPER_NEAR_RE = re.compile(rf"(?:{_UPPER_WORDS})\s*(?:~|about|approx\.?|approximately)?\s*\Z", re.I)
# A pay word shortly before a figure that names no currency ("Salary: 225k-270k").
_PAY_WORD_BEFORE_RE = re.compile(r"\b(?:salary|salaries|compensation|comp|pay|wages?|rate|stipend|"
                                 r"base|ote)\b[^.\n$€£₹]{0,40}\Z", re.I)
_PAID_PHRASE_RE = re.compile(r"competitive\s+(?:pay|salary|compensation|stipend|rates?|wages?|hourly|"
                             r"remuneration)|(?:pay|compensation|salary|rate|wages?|stipend)\s*"
                             r"(?:is\s+|:\s*|-\s*)(?:competitive|negotiable|doe\b|depending\s+on\s+"
                             r"experience|commensurate)|^\W*(?:competitive|negotiable|doe)\W*$", re.I)
_NOT_PAY_AFTER_WORDS = re.compile(r"bonus|fund|revenue|arr|valuation|seed|series|raise|market|"
                                  r"sales|volume|assets")
_NOT_PAY_BEFORE_WORDS = re.compile(r"bonus|rais|fund|valuation|revenue|over|more than|budget")
_WEIGHT_RE = re.compile(r"lift|carry|move|weigh|push|pull")
_OTE_AFTER_RE = re.compile(r"\s*\(?\s*(?:OTE|on[- ]target)\b", re.I)
_OTE_BEFORE_RE = re.compile(r"\b(?:OTE|on[- ]target\s+earnings)\b\W{0,3}\Z", re.I)
MAX_AMOUNTS = 200
# How a currency is written, for the search past the main amount (_all_amounts).
_MARKS_BY_CURRENCY: dict[str, tuple[str, ...]] = {}
for _mark, _code in (*_SYMBOLS.items(), ("$", "USD"), ("$", "CAD"), ("$", "AUD"), ("$", "NZD"),
                     ("$", "SGD"), ("$", "HKD"), ("dollar", "USD"), ("Dollar", "USD")):
    _MARKS_BY_CURRENCY[_code] = (*_MARKS_BY_CURRENCY.get(_code, ()), _mark)


def _last_mark(text: str, currency: str | None) -> int:
    """Where the text last writes `currency` (its code, a symbol or a word; -1: nowhere)."""
    marks = (*_MARKS_BY_CURRENCY.get(currency or "", ()), currency or "")
    return max(text.rfind(mark) for mark in marks if mark)


def read_pay_prose(text: Any, *, dollar: str = "USD", low: str | None = None,
                   hits: Hits | None = None) -> tuple[Pay | None, list[str]]:
    """The pay a description states, over all its amounts, and warnings for what it could not
    read. The main amount is parse_pay_text's (the first with a period, else the first with a
    currency); every other amount in the same currency and period widens it ("Senior $150k–200k,
    Staff $200k–225k": 150k–225k). "₹35L–90L" and "12 LPA" are read in lakh and crore; "$150k+"
    has no top; a bonus, funding or revenue figure is not pay. Warnings: a pay word beside a
    figure with no currency ("Salary: 225k-270k"), and "paid" or "competitive" with no amount."""
    if not isinstance(text, str) or not text.strip():
        return None, []
    indian = _indian_pay(text)
    if indian is not None:
        return indian, []
    same_places = hits is not None and low is not None and len(low) == len(text)
    digits = digit_starts(hits, len(text)) if same_places else None
    unread: list[str] = []
    amounts = _all_amounts(text, dollar, digits, unread)
    if amounts:
        return _widen(text, amounts), []
    pay = _paid_words(text, low if same_places else None, hits if same_places else None)
    notes = [f"pay: saw {figure!r} but no currency: amount not read" for figure in unread[:1]]
    if pay is not None and pay.paid and pay.min is None and pay.max is None:
        # Only for words that stand where an amount would ("Salary: competitive"); "a paid
        # internship" does not pretend to state the pay.
        phrase = _PAID_PHRASE_RE.search(text)
        if phrase:
            notes.append(f"pay: the text says it is paid ({phrase.group(0).strip()!r}) but "
                         "states no amount")
    return pay, notes


def _indian_pay(text: str) -> Pay | None:
    for symbol in ("₹", "Rs", "INR"):  # the regex tried where a symbol is, not at every character
        i = text.find(symbol)
        while i >= 0:
            m = _INDIAN_RE.match(text, i)
            unit = ((m["u1"] or m["u2"] or "").lower()) if m else ""
            if unit:
                lo = float(m["n1"]) * _INDIAN_UNITS[(m["u1"] or unit).lower()]
                hi = float(m["n2"]) * _INDIAN_UNITS[unit] if m["n2"] else lo
                if hi < lo:
                    lo, hi = hi, lo
                period = _period(text[m.end(): m.end() + 30]) or "YEAR"  # a lakh salary: a year's
                return Pay(min=lo, max=hi, currency="INR", period=period, paid=True)
            i = text.find(symbol, i + 1)
    return None


def _all_amounts(text: str, dollar: str, digits: list[int] | None,
                 unread: list[str] | None = None) -> list[tuple[re.Match, Pay]]:
    """Every amount of the text that is pay, in order, with its match; on-target earnings only
    when no base is given."""
    found = _AMOUNT_RE.finditer(text) if digits is None else finditer_at(_AMOUNT_RE, text, digits)
    amounts = []
    # Once the main amount (the first with a period) is found, later ones matter only in its
    # currency: past the last place that currency is written, no number is looked at.
    stop = len(text)
    for count, m in enumerate(found):
        start = m.start()
        if count >= MAX_AMOUNTS or start > stop:
            break
        if m["big"] or (start and text[start - 1] in "0123456789.,"):
            continue
        prefix = _currency_before(text, start)
        c1 = prefix["c1"] if prefix else None
        if not (c1 or m["s1"] or m["c2"] or m["s2"]):
            if not _EXPLICIT_HOURLY_RE.match(text, m.end()):
                if unread is not None and (m["k1"] or m["k2"]) and _PAY_WORD_BEFORE_RE.search(
                        text, max(0, start - 45), start):
                    unread.append(m.group(0).strip())  # "Salary: 225k-270k": no currency
                continue
        begin = prefix.start() if prefix else start
        # The words around the amount, lower-cased once: each regex below runs only when one of
        # its words is there (most amounts have none of them near).
        before = text[max(0, begin - 40): begin].lower()
        after = text[m.end(): m.end() + 40].lower()
        if (_NOT_PAY_AFTER_WORDS.search(after) and _NOT_PAY_AFTER_RE.match(text, m.end())) or (
                _NOT_PAY_BEFORE_WORDS.search(before)
                and _NOT_PAY_BEFORE_RE.search(text, max(0, begin - 30), begin)):
            continue
        if (m["s1"] or "").lower() == "pounds" and _WEIGHT_RE.search(before):
            continue  # "lift 25 pounds": a weight
        pay = _amount_pay(text, m, c1, begin, dollar)
        if pay is None:
            continue
        if pay.min is not None and pay.min == pay.max:
            if "+" in after[:2] and _OPEN_TOP_RE.match(text, m.end()):
                pay = _with_bounds(pay, pay.min, None)  # "$150k+": at least
            elif ("up to" in before or "max" in before) and _UPPER_NEAR_RE.search(
                    text, max(0, begin - 30), begin):
                pay = _with_bounds(pay, None, pay.max)  # "up to ~$750k"
        ote = ("ote" in after[:14] or "target" in after[:20] or "ote" in before[-14:]
               or "target" in before[-24:]) and bool(_OTE_AFTER_RE.match(text, m.end()) or (
                   _OTE_BEFORE_RE.search(text, max(0, begin - 24), begin)))
        amounts.append((m, pay, ote))
        if pay.period is not None and stop == len(text):
            written = c1 or m["s1"] or m["c2"] or m["s2"]  # as the main amount writes it
            stop = (text.rfind(written) if written else _last_mark(text, pay.currency)) + 1
    if any(ote for *_, ote in amounts) and not all(ote for *_, ote in amounts):
        amounts = [a for a in amounts if not a[2]]  # OTE beside a base: the base is the pay
    return [(m, pay) for m, pay, _ in amounts]


def _widen(text: str, amounts: list[tuple[re.Match, Pay]]) -> Pay:
    """The main amount (the first with a period, else the first), widened by every other amount
    in its currency and period."""
    main = next((pay for _, pay in amounts if pay.period), amounts[0][1])
    same = [pay for _, pay in amounts
            if pay.currency == main.currency and pay.period == main.period]
    lows = [p.min for p in same if p.min is not None]
    highs = [p.max for p in same if p.max is not None]
    lo = min(lows) if lows and main.min is not None else main.min
    hi = max(highs) if highs and main.max is not None else main.max
    if lo == main.min and hi == main.max:
        return main
    return _with_bounds(main, lo, hi)


def _with_bounds(pay: Pay, lo: float | None, hi: float | None) -> Pay:
    """`pay` with other bounds, made as _pay makes a Pay (pydantic's model_copy costs ~3 µs)."""
    return trusted(Pay, {"min": lo, "max": hi, "currency": pay.currency, "period": pay.period,
                         "paid": True, "hourly_min": None, "hourly_max": None,
                         "hourly_derived": False}, _PAY_FIELDS_SET)
