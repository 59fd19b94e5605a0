"""The sped-up pay and eligibility readers give exactly what they gave before.

The reference is a compact copy of the code as it was before the speed-up (pay's amount search,
Keywords.search, eligibility's student check), run on the same patterns and word lists; hypothesis
feeds both random texts made of pay and eligibility phrases, digits, punctuation, whitespace and
non-ASCII, with `hits` built as finish() builds them and without.
"""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from normalize.fields import eligibility as el
from normalize.fields import keywords, pay
from normalize.fields.keywords import Hits, Keywords, TriggerIndex, _finds
from normalize.fields.numbers import parse_number
from normalize.schema import Pay

# --- reference: the code before the speed-up -------------------------------------------------


def _ref_apart(starts: list[int], trigger: str, end: int) -> list[int]:
    kept: list[int] = []
    for i in starts:
        if i + len(trigger) > end:
            break
        if not kept or i >= kept[-1] + len(trigger):
            kept.append(i)
    return kept


def _ref_search(kw: Keywords, low: str, hits: Hits | None = None) -> re.Match[str] | None:
    if hits is not None and kw.requires and not any(w in hits for w in kw.requires):
        return None
    n = len(low)
    spans = []
    for trigger in kw.triggers:
        if hits is not None and trigger not in hits:
            continue
        starts = _finds(low, trigger) if hits is None else _ref_apart(hits[trigger], trigger, n)
        reach = len(trigger) + keywords.REACH
        spans += [(max(i - keywords.REACH, 0), min(i + reach, n)) for i in starts]
    spans.sort()
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    if windows and hits is None and kw.requires and not any(w in low for w in kw.requires):
        return None
    for start, end in windows:
        m = kw.regex.search(low, start, end)
        if m:
            return m
    return None


_REF_AMOUNT_RE = re.compile(
    rf"(?P<n1>{pay._NUM})(?P<k1>\s?[kK]\b)?(?:\s?(?P<s1>{pay._SUFFIX}))?"
    rf"(?:\s*(?P<sep>-|–|—|(?i:to|and|bis|à))\s*(?P<c2>{pay._CUR})?\s?(?P<n2>{pay._NUM})"
    rf"(?P<k2>\s?[kK]\b)?(?:\s?(?P<s2>{pay._SUFFIX}))?)?"
    r"(?P<big>\s?(?i:m|mm|mn|million|bn|billion|b)\b)?"
)
_REF_TIME_UNIT_RE = re.compile(
    "|".join(f"(?P<{period}>{words})" for period, words in sorted(pay._PERIOD_WORDS[:-1])), re.I)
_REF_PROJECT_RE = re.compile(pay._PERIOD_WORDS[-1][1], re.I)
_REF_UPPER_RE = re.compile(r"(?:\bup\s+to|\bmax(?:imum)?(?:\s+of)?|\bno\s+more\s+than|"
                           r"\bas\s+much\s+as|\bbis\s+zu)\s*\Z", re.I)
_REF_LOWER_RE = re.compile(r"(?:\bfrom|\bstarting\s+(?:at|from)|\bat\s+least|\bmin(?:imum)?"
                           r"(?:\s+of)?|\bab)\s*\Z", re.I)


def _ref_parse_pay_text(text, *, dollar="USD", low=None, hits=None):
    if not isinstance(text, str) or not text.strip():
        return None
    same_places = hits is not None and low is not None and len(low) == len(text)
    digits = None
    if same_places:
        digits = [i for i in hits.get("\x00digit", []) if i < len(text)]
    amount = _ref_find_amount(text, dollar, digits)
    if amount is not None:
        return amount
    if pay._COMPETITIVE_RE.match(text):
        return Pay(paid=True)
    low = text.lower() if low is None else low
    unpaid, paid = _ref_search(pay._UNPAID, low, hits), _ref_search(pay._PAID, low, hits)
    if unpaid and not paid:
        return Pay(paid=False)
    if paid and not unpaid:
        return Pay(paid=True)
    return None


def _ref_find_amount(text, dollar, digits):
    first = None
    if digits is None:
        found = _REF_AMOUNT_RE.finditer(text)
    else:
        found, end = [], 0
        for i in digits:
            m = _REF_AMOUNT_RE.match(text, i) if i >= end else None
            if m:
                found.append(m)
                end = m.end()
    for count, m in enumerate(found):
        if count >= 200:
            break
        start = m.start()
        if m["big"] or (start and text[start - 1] in "0123456789.,"):
            continue
        prefix = pay._PREFIX_RE.search(text, max(0, start - 5), start)
        c1 = prefix["c1"] if prefix else None
        if not (c1 or m["s1"] or m["c2"] or m["s2"]):
            if not pay._EXPLICIT_HOURLY_RE.match(text, m.end()):
                continue
        amount = _ref_amount_pay(text, m, c1, prefix.start() if prefix else start, dollar)
        if amount is None:
            continue
        if amount.period:
            return amount
        first = first or amount
    return first


def _ref_amount_pay(text, m, c1, begin, dollar):
    after = pay._CUT_RE.split(text[m.end() : m.end() + 48], maxsplit=1)[0]
    tokens = sorted((t for t in (c1, m["s1"], m["c2"], m["s2"]) if t), key=lambda t: t == "$")
    currency = next((c for c in (pay.currency_code(t, dollar=dollar) for t in tokens) if c), None)
    if currency is None and not pay._EXPLICIT_HOURLY_RE.match(after):
        return None
    lo = _ref_number(m["n1"], m["k1"])
    hi = _ref_number(m["n2"], m["k2"]) if m["n2"] else lo
    if m["n2"] and m["sep"].lower() == "and" and not (m["c2"] or m["s2"]):
        hi = lo
    if lo is None or hi is None or hi < lo:
        hi = lo
    if not lo:
        return None
    if m["k1"] is None and m["k2"] is not None and lo < 1000 <= hi:
        lo *= 1000
    words = text[max(0, begin - 32) : begin]
    before = words[max([c.end() for c in pay._CUT_RE.finditer(words)], default=0):]
    period = _ref_period(after) or _ref_period(before)
    if period is None and lo >= pay.YEARLY_GUESS_FROM:
        period = "YEAR"
    low = lo
    if hi == lo and _REF_UPPER_RE.search(before):
        low = None
    elif hi == lo and _REF_LOWER_RE.search(before):
        hi = None
    return Pay(min=low, max=hi, currency=currency, period=period, paid=True)


def _ref_number(text, k):
    value = parse_number(text)
    return value * 1000 if value is not None and k else value


def _ref_period(words):
    if not words.strip():
        return None
    unit = _REF_TIME_UNIT_RE.search(words)
    if unit:
        return unit.lastgroup
    return "PROJECT" if _REF_PROJECT_RE.search(words) else None


def _ref_says_students(low, hits):
    if _ref_search(el._STUDENT_PHRASES, low, hits):
        return True
    for i in hits.get("student", ()):
        if i == 0 or not low[i - 1].isalpha():
            after = i + 7 + low.startswith("s", i + 7)
            before = "\n" + low[max(0, i - 40) : i]
            if ((before.endswith(el._STUDENT_BEFORE) or low.startswith(el._STUDENT_AFTER, after))
                    and not el._SERVES_RE.search(before)):
                return True
    return False


def _ref_eligibility(low: str, hits: Hits | None) -> list[str]:
    if not low:
        return []
    if hits is None:
        hits = el._TRIGGERS.hits(low)
    found = [name for name, says in el.ELIGIBILITY.items()
             if (_ref_says_students(low, hits) if name == "students"
                 else _ref_search(says.__self__, low, hits))]
    if "any_school" in found and "students" not in found:
        found.insert(0, "students")
    if "no_visa_sponsorship" in found and "visa_sponsorship" in found:
        found.remove("visa_sponsorship")
    return found


# --- random texts ----------------------------------------------------------------------------

CURRENCIES = ["", "", "$", "US$", "C$", "A$", "HK$", "R$", "€", "£", "₹", "¥", "₩", "₽", "₺", "Rs",
              "Rs.", "Fr.", "zł", "USD", "EUR", "CAD", "GBP", "ABC", "usd"]
NUMBERS = ["20", "15", "1,200", "2.000", "12,50", "1.5", "1 500", "1\u202f500", "3'000", "15000",
           "55000", "0", "7", "0.5", "1,234.56", "12.345,67"]
SUFFIXES = ["", "", "k", " K", "€", " €", "£", "$", " USD", "EUR", " euros", " dollars", " pounds",
            " rupees", "zł", "M", " million", "bn", " billion", " b", " mm"]
SEPARATORS = ["-", "–", "—", " - ", " to ", " and ", " bis ", " à ", "/", " or "]
BOUNDS = ["", "", "up to", "Up to", "from", "starting at", "starting from", "at least", "min",
          "minimum of", "max", "maximum of", "no more than", "as much as", "bis zu", "ab", "of",
          "stipend of", "hourly rate of", "fixed fee of", "Compensation:", "pay"]
PERIODS = [
    "", "", "per hour", "/hr", "/h", "/ hour", "/hours", "an hour", "a hour", "hourly", "p/h",
    "ph", "hr", "pro Stunde", "/Std", "/stunde", "de l'heure", "/heure", "par heure", "a day",
    "/day", "per day", "daily", "/Tag", "pro Tag", "par jour", "/jour", "/week", "/wk",
    "per week", "a week", "weekly", "/Woche", "pro Woche", "par semaine", "per month", "/mo",
    "/month", "a month", "monthly", "brutto/Monat", "pro Monat", "im Monat", "monatlich",
    "par mois", "/mois", "mensuel", "/yr", "/year", "per year", "per annum", "a year", "annual",
    "annually", "yearly", "p.a.", "p. a.", "/Jahr", "pro Jahr", "jährlich", "par an",
    "fixed fee", "fixed-price", "flat rate", "flat fee", "per project", "project fee",
    "for the whole project", "for the entire project", "total", "one-time", "one time",
    "lump sum", "lump-sum", "stipend", "honorarium", "honoraria", "in total", "pauschal",
    "forfait", "hours per week", "weeks", "records",
]
GAPS = ["", " ", " ", "  ", "\n", "\u00a0", ". ", ", ", ": ", "; ", " (", ") ", "\t"]
# One amount as postings write them, in any of the shapes _AMOUNT_RE reads, and near misses.
AMOUNT = st.builds(
    lambda bound, g1, cur, g2, n1, s1, rng, unit, g3: (
        f"{bound}{g1}{cur}{g2}{n1}{s1}{''.join(rng)}{g3}{unit}"),
    st.sampled_from(BOUNDS), st.sampled_from(GAPS), st.sampled_from(CURRENCIES),
    st.sampled_from(["", "", " "]), st.one_of(st.sampled_from(NUMBERS), st.integers(0, 99999).map(str)),
    st.sampled_from(SUFFIXES),
    st.one_of(st.just(()), st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(CURRENCIES),
                                      st.sampled_from(NUMBERS), st.sampled_from(SUFFIXES))),
    st.sampled_from(PERIODS), st.sampled_from(GAPS),
)
PAY_PHRASES = [
    "unpaid", "volunteer", "volunteer experience", "volunteering", "volunteer work experience",
    "no pay", "no compensation", "no salary", "not paid", "pro bono", "without pay",
    "without compensation", "for credit only", "for academic credit only", "unbezahlt",
    "competitive", "Competitive", "competitive pay", "competitive salary", "competitive rates",
    "negotiable", "paid internship", "paid", "this is a paid", "bezahlt", "stipend provided",
    "pay is negotiable", "salary: DOE", "rate - commensurate", "wages competitive",
    "compensation: depending on experience", "does", "doe", "commensurate with experience",
]
ELIGIBILITY_PHRASES = [
    "students", "student", "Students", "current students", "currently enrolled",
    "must be a current student", "student intern", "students who", "pursuing a bachelor",
    "pursuing your degree", "werkstudent", "studierende", "tutor high school students",
    "help students", "open to", "is open to students", "open to all students from any",
    "recent graduates", "recently graduated", "recent college grads", "new grad", "graduates",
    "graduated within", "class of 2025", "class of", "early career", "early-career", "early",
    "entry-level graduates", "graduate program", "alumni", "students and alumni", "recent alumni",
    "alumni welcome", "any school", "all universities", "any accredited college", "institutions",
    "campuses", "regardless of your school", "regardless of major", "any major",
    "all academic disciplines", "all fields of study", "any degree program", "no specific major",
    "field", "fields", "degree", "study", "program", "application", "college", "grad",
    "upgrade", "company", " all ", "any ", "many ", "must be authorized to work",
    "should be legally eligible to work", "right to work in", "work authorization required",
    "legally authorised to work", "valid work permit", "work visa", "eligible to work",
    "unable to sponsor", "we cannot offer visa sponsorship", "no visa sponsorship",
    "sponsorship is not available", "without sponsorship", "visa sponsorship available",
    "we can sponsor", "will sponsor visas", "offers sponsorship", "sponsor",
]
GLUE = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", ". ", ", ", ": ", "; ", "! ", "? ",
        "(", ")", "-", "/", "'", "\"", "İ", "ſ", "\u212a", "é", "ü", "日本", "٣", "½", "\u200b"]
# Prose between the phrases, so that they fall into one trigger's window or into separate ones.
FILLER = ["the", "all", "any", "we", "our team", "you will", "work", "with", "a", "in", "on", "of", "and",
          "help", "serve", "project", "remote", "weeks", "hours", "interns", "people",
          "over the summer we build tools for small teams and you will ship them", "x" * 70]
ALPHABET = "0123456789 .,;:!?-–/$€£kKmMhHrRsSaAuUdDiI\n\t\u00a0\u202fİſé'"
CASE = st.sampled_from([str, str, str, str.upper, str.title])


def _texts(*pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(*pieces, st.sampled_from(GLUE), st.sampled_from(FILLER),
                      st.text(alphabet=ALPHABET, max_size=6))
    return st.builds(lambda parts, sep, case: case(sep.join(parts)),
                     st.lists(piece, min_size=2, max_size=60), st.sampled_from([" ", " ", "", "\n"]), CASE)


PAY_TEXT = _texts(AMOUNT, AMOUNT, st.sampled_from(PAY_PHRASES), st.sampled_from(PERIODS),
                  st.sampled_from(ELIGIBILITY_PHRASES))
ELIGIBILITY_TEXT = _texts(st.sampled_from(ELIGIBILITY_PHRASES),
                          st.sampled_from(ELIGIBILITY_PHRASES), AMOUNT)

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
_PAY_INDEX = TriggerIndex((), *pay.TRIGGERS)
_ELIGIBILITY_INDEX = TriggerIndex((), *el.TRIGGERS)


def _same(new: Pay | None, old: Pay | None) -> bool:
    if new is None or old is None:
        return new is old
    return (new.model_dump(), new.model_fields_set) == (old.model_dump(), old.model_fields_set)


@SETTINGS
@given(text=PAY_TEXT, extra=PAY_TEXT, dollar=st.sampled_from(["USD", "CAD"]))
def test_parse_pay_text_unchanged(text, extra, dollar):
    assert _same(pay.parse_pay_text(text, dollar=dollar), _ref_parse_pay_text(text, dollar=dollar))
    # As finish() calls it: `low` is the text's, `hits` those of a longer text it begins.
    low = text.lower()
    hits = _PAY_INDEX.hits(f"{low} \n{extra.lower()}")
    assert _same(pay.parse_pay_text(text, dollar=dollar, low=low, hits=hits),
                 _ref_parse_pay_text(text, dollar=dollar, low=low, hits=hits))


@SETTINGS
@given(text=PAY_TEXT)
def test_amount_regex_unchanged(text):
    for i, char in enumerate(text):
        if char in "0123456789":
            new, old = pay._AMOUNT_RE.match(text, i), _REF_AMOUNT_RE.match(text, i)
            assert (new.span(), new.groupdict()) == (old.span(), old.groupdict())


@SETTINGS
@given(text=ELIGIBILITY_TEXT, extra=ELIGIBILITY_TEXT)
def test_eligibility_unchanged(text, extra):
    low = " \n".join((text, extra)).lower()
    assert el.eligibility(text, extra) == _ref_eligibility(low, None)
    hits = _ELIGIBILITY_INDEX.hits(low)
    assert el.eligibility(low=low, hits=hits) == _ref_eligibility(low, hits)


# Keywords.search itself, on a tiny alphabet where triggers overlap, and with windows so narrow
# that matches often straddle their edges; `hits` may come from a longer text, as in finish().
KEYWORDS = [
    Keywords(r"b{3}", ("aa",)),
    Keywords(r"\bab+\b", ("a a", "b"), requires=("ab",)),
    Keywords(r"a\s+b|ba{2,}b", ("aba", "bb"), requires=("a ", "aab", "\nb")),
    Keywords(r"(?:a b)+a", ("a b a",), requires=("a b",)),
]
SMALL_TEXT = st.lists(st.sampled_from(["a", "b", " ", "\n", "aa", "bbb", "ab ", "a b a", "aab"]),
                      min_size=10, max_size=100).map("".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=SMALL_TEXT, extra=SMALL_TEXT, which=st.integers(0, len(KEYWORDS) - 1),
       reach=st.sampled_from([0, 1, 2, 3, 5, 8, 60]))
@example(text="aaabbb", extra="", which=0, reach=3)  # overlapping triggers widen no window
@example(text="bbba", extra="a", which=0, reach=3)  # a trigger that ends past `text` counts not
def test_keywords_search_unchanged(text, extra, which, reach):
    kw = KEYWORDS[which]
    hits = TriggerIndex((kw,)).hits(text + extra)
    with mock.patch.object(keywords, "REACH", reach):
        for h in (None, hits):
            new, old = kw.search(text, h), _ref_search(kw, text, h)
            assert (new and new.span()) == (old and old.span())
