"""Reference exchange rates: pay in any currency as US dollars, so pay can be compared.

`pay_min=20` and `sort=pay` compare the hourly equivalent in US dollars (the index documents'
`pay_hourly_min_usd`), not bare numbers: ₹400 an hour is about $4.50, not more than $20.

The table has the layout of the European Central Bank's euro foreign exchange reference rates
(eurofxref.csv: a `Date` column, then one column per currency giving units per euro; the
daily XML, eurofxref-daily.xml, is read too), so an operator refreshes it from that public
file with `stint rates import FILE` (a local file: Stint fetches nothing), which writes
`<home>/rates.csv`; `stint reindex` then applies it to every document.

The table shipped with Stint (index/reference_rates.csv) is the ECB's euro reference rates of
25 November 2024 (one published daily row, EUR/USD 1.0495, EUR/GBP 0.83465, EUR/INR 88.4595, ...).
They are meant to tell a rupee wage from a dollar one, not for accounting; its `Date` column says
how old they are, and `stint rates show` prints it.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

SHIPPED = Path(__file__).with_name("reference_rates.csv")
REFERENCE = "USD"


class RatesError(ValueError):
    """A rates file that cannot be read: says which file and why."""


@dataclass(frozen=True)
class Rates:
    """Units of each currency per euro, as of `day`."""

    day: str
    per_euro: dict[str, float] = field(default_factory=dict)
    source: str = ""

    def to_usd(self, amount: float | None, currency: str | None) -> float | None:
        """`amount` of `currency` in US dollars (2 decimals); None when either is unknown."""
        if amount is None or not currency:
            return None
        if currency == REFERENCE:
            return float(amount)
        per, usd = self.per_euro.get(currency.upper()), self.per_euro.get(REFERENCE)
        if not per or not usd:
            return None
        return round(amount / per * usd, 2)

    def to_csv(self) -> str:
        """The table in the ECB's CSV layout (what `parse` reads back)."""
        codes = sorted(c for c in self.per_euro if c != "EUR")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["Date", *codes])
        writer.writerow([self.day, *(f"{self.per_euro[c]:g}" for c in codes)])
        return out.getvalue()


def parse(text: str, source: str = "") -> Rates:
    """The ECB's CSV (eurofxref.csv) or daily XML (eurofxref-daily.xml); the first (newest)
    day when the file holds several."""
    stripped = text.lstrip("\ufeff").lstrip()
    rates = _parse_xml(stripped, source) if stripped.startswith("<") else _parse_csv(stripped,
                                                                                     source)
    if REFERENCE not in rates.per_euro:
        raise RatesError(f"{source or 'rates'}: no {REFERENCE} rate")
    return rates


def _parse_csv(text: str, source: str) -> Rates:
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)) if row]
    if len(rows) < 2 or rows[0][0] != "Date":
        raise RatesError(f"{source or 'rates'}: expected the ECB CSV layout (a Date column, "
                         "then one column per currency)")
    header, first = rows[0], rows[1]
    per_euro = {"EUR": 1.0}
    for code, value in zip(header[1:], first[1:], strict=False):
        if code and value and value != "N/A":
            per_euro[code.upper()] = _positive(value, source, code)
    return Rates(_day(first[0], source), per_euro, source)


def _parse_xml(text: str, source: str) -> Rates:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise RatesError(f"{source or 'rates'}: not XML: {exc}") from exc
    for cube in root.iter():
        if cube.tag.endswith("Cube") and cube.get("time"):
            per_euro = {"EUR": 1.0}
            for item in cube:
                code, value = item.get("currency"), item.get("rate")
                if code and value:
                    per_euro[code.upper()] = _positive(value, source, code)
            return Rates(_day(cube.get("time", ""), source), per_euro, source)
    raise RatesError(f"{source or 'rates'}: no <Cube time=...> element with rates")


def _positive(value: str, source: str, code: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0:
        raise RatesError(f"{source or 'rates'}: rate of {code} is not a positive number: "
                         f"{value!r}")
    return number


def _day(text: str, source: str) -> str:
    for parse_day in (date.fromisoformat, _long_day):
        try:
            return parse_day(text.strip()).isoformat()
        except ValueError:
            continue
    raise RatesError(f"{source or 'rates'}: unreadable date {text!r}")


def _long_day(text: str) -> date:
    from datetime import datetime

    return datetime.strptime(text, "%d %B %Y").date()  # "02 January 2025", as the ECB writes


def load(path: Path) -> Rates:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RatesError(f"cannot read rates file {path}: {exc.strerror}") from exc
    return parse(text, str(path))


_active: Rates | None = None


def active() -> Rates:
    """The table in use: the one given to `use`, else the shipped one."""
    global _active
    if _active is None:
        _active = load(SHIPPED)
    return _active


def use(rates: Rates | None) -> None:
    """Use `rates` from now on in this process (None: the shipped table again)."""
    global _active
    _active = rates
