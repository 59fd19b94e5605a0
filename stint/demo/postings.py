"""Deterministic generator of the sample openings: `generate()` returns about 150 Postings.

A Posting holds the ground truth of one opening (organization, place, pay, duration, dates...)
together with the text a site shows for it (title, pay text, HTML description). The site
modules (northfield.py, gigbridge.py, harbor.py) render Postings as JSON-LD or microdata; a few
openings are pinned (PINS) to the examples the product brief names. Everything is drawn from one
`random.Random(SEED)` in a fixed order, so every run yields identical postings; no set or dict
iteration order that depends on hashing is ever sampled.

Dates are relative to TODAY, the real date when the module is imported (or STINT_DEMO_TODAY,
YYYY-MM-DD, for tests that need exact dates), so the demo shows the same share of open postings
on any day: the same day always yields the same network, and two days differ only in the dates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from index.settings import Settings

from .catalog import CATEGORIES, ORGS, PLACES, Org, Place
from .descriptions import build_description, reformat_for_cross_post

SEED = 20261127
COUNT = 150


def sample_today() -> date:
    """The day the sample network is drawn around: STINT_DEMO_TODAY if set, else today."""
    pinned = Settings.load().demo_today
    return date.fromisoformat(pinned) if pinned else date.today()


TODAY = sample_today()  # posted dates and deadlines are relative to it
MICRO_SHARE = 0.85  # the rest are classic multi-month internships, to give classifiers contrast
HOSTILE = {17: "script", 88: "img"}  # opening index -> which injection its description carries
LAB_CATEGORIES = ["research", "data analysis", "design", "software"]


@dataclass(frozen=True)
class Pay:
    text: str  # as the description writes it
    min: float | None
    max: float | None
    currency: str | None  # ISO 4217
    period: str | None  # HOUR / WEEK / MONTH / PROJECT
    paid: bool
    structured: bool  # also published as schema.org baseSalary


@dataclass(frozen=True)
class Posting:
    key: str  # opening id; a cross-posted copy keeps the key of its opening
    title: str
    organization: str  # the organization's name as this copy writes it
    org: Org
    category: str
    micro: bool
    arrangement: str  # remote / hybrid / onsite
    place: Place | None  # office or work place; None for a remote opening without one
    remote_country: str | None  # ISO country remote applicants must live in; None = anywhere
    pay: Pay
    duration_text: str
    duration_weeks: tuple[float, float]
    hours_text: str
    hours_per_week: tuple[float | None, float]
    posted: date
    deadline: date
    start: date
    employment_type: str | tuple[str, ...]
    eligibility: tuple[str, ...]
    description: str  # HTML blocks separated by "\n"
    direct_apply: bool
    style: int  # 0-99, drives cosmetic rendering choices (date format, country spelling...)
    hostile: str | None = None

    @property
    def expired(self) -> bool:
        return self.deadline < TODAY


# Openings pinned to the examples the product brief names, so the sample always shows them.
PINS: dict[int, dict] = {
    2: {"org": "Acme Analytics Inc.", "category": "data entry", "micro": True,
        "arrangement": "remote", "title": "Data Entry Project (Remote)",
        "pay": Pay("$20/hour", 20, 20, "USD", "HOUR", True, True)},
    4: {"org": "Open Rivers Foundation", "category": "writing", "micro": True,
        "title": "Grant Writing Support",
        "pay": Pay("stipend of $1,200", 1200, 1200, "USD", "PROJECT", True, False)},
    6: {"org": "Northfield University Human-Computer Interaction Lab", "category": "design",
        "micro": True, "arrangement": "hybrid", "title": "UX Research Synthesis"},
    8: {"org": "Cobalt Robotik GmbH", "category": "software", "micro": False,
        "arrangement": "onsite", "title": "Praktikum Software Engineering (m/w/d)",
        "pay": Pay("€2.000 brutto/Monat", 2000, 2000, "EUR", "MONTH", True, True)},
    10: {"org": "Kestrel Labs Ltd", "category": "research", "micro": True,
         "arrangement": "remote", "title": "Market Research Micro-Internship",
         "pay": Pay("£500 fixed fee", 500, 500, "GBP", "PROJECT", True, False)},
    12: {"org": "Bluebird Social Co.", "category": "marketing", "micro": True,
         "arrangement": "remote", "title": "Instagram Campaign Micro-Internship",
         "pay": Pay("$600 fixed fee", 600, 600, "USD", "PROJECT", True, False)},
}

# (text, min weeks, max weeks); "1 month" is 4.3 weeks for anyone converting.
MICRO_DURATIONS = [
    ("2–4 weeks", 2, 4), ("a 3-week project", 3, 3), ("1 month", 4.3, 4.3),
    ("10 business days", 2, 2), ("6 weeks", 6, 6), ("4-6 weeks", 4, 6), ("3 to 5 weeks", 3, 5),
    ("two weeks", 2, 2), ("5–8 weeks", 5, 8),
]
LONG_DURATIONS = [("10–12 weeks", 10, 12), ("12 weeks", 12, 12), ("3 months", 13, 13),
                  ("6 months", 26, 26)]
# (text, min hours, max hours); "up to 20" has no minimum.
MICRO_HOURS = [
    ("10-15 hrs/week", 10, 15), ("up to 20 hours per week", None, 20),
    ("about 10 hours a week", 10, 10), ("5–8 hours weekly", 5, 8), ("15-20 hours/week", 15, 20),
    ("20 hrs per week", 20, 20), ("flexible, roughly 8–12 hours per week", 8, 12),
]
LONG_HOURS = [("40 hours per week", 40, 40), ("30–40 hrs/week", 30, 40),
              ("full-time (35 hours/week)", 35, 35)]
MICRO_TYPES: list[str | tuple[str, ...]] = [
    "INTERN", ("INTERN", "PART_TIME"), "TEMPORARY", "CONTRACTOR", "Internship", "Part-time",
    ("PART_TIME", "TEMPORARY"), "PART_TIME", "Contract",
]
LONG_TYPES: list[str | tuple[str, ...]] = ["INTERN", "Internship", ("INTERN", "FULL_TIME")]
ELIGIBILITY = [("students",), ("students", "recent graduates"), ("recent graduates",),
               ("students", "recent graduates", "any school")]


def generate() -> list[Posting]:
    """The sample openings, identical on every call and in every process."""
    rng = random.Random(SEED)
    postings: list[Posting] = []
    taken: set[tuple[str, str]] = set()  # (org, title) pairs already used; only tested, never iterated
    for i in range(COUNT):
        postings.append(_opening(rng, i, taken))
    return postings


def _opening(rng: random.Random, i: int, taken: set[tuple[str, str]]) -> Posting:
    pin = PINS.get(i, {})
    org = next(o for o in ORGS if o.name == pin["org"]) if "org" in pin else rng.choice(ORGS)
    category = pin.get("category") or rng.choice(
        LAB_CATEGORIES if org.kind == "lab" else list(CATEGORIES))
    micro = pin.get("micro", rng.random() < MICRO_SHARE)
    arrangement = pin.get("arrangement") or rng.choices(["remote", "hybrid", "onsite"],
                                                        [40, 20, 40])[0]
    home = PLACES[org.home]
    if "title" in pin:
        title = pin["title"]
        taken.add((org.name, title))
    else:
        title = _title(rng, org, category, micro, arrangement, taken)
    duration = rng.choice(MICRO_DURATIONS if micro else LONG_DURATIONS)
    hours = rng.choice(MICRO_HOURS if micro else LONG_HOURS)
    pay = pin.get("pay") or _pay(rng, home.country, micro)
    posted, deadline, start = _dates(rng)
    remote_country = None if rng.random() < 0.1 and not pin else home.country
    place = home if arrangement != "remote" or rng.random() < 0.3 else None
    eligibility = rng.choice(ELIGIBILITY)
    description = build_description(
        rng, org=org, category=CATEGORIES[category], pay_text=pay.text,
        duration_text=duration[0], hours_text=hours[0],
        location_text=location_text(arrangement, home, remote_country),
        start=start, deadline=deadline, eligibility=eligibility, hostile=HOSTILE.get(i))
    return Posting(
        key=f"op-{i + 1:03d}", title=title,
        organization=org.name if rng.random() < 0.8 else org.short, org=org,
        category=category, micro=micro, arrangement=arrangement, place=place,
        remote_country=remote_country if arrangement == "remote" else None, pay=pay,
        duration_text=duration[0], duration_weeks=(duration[1], duration[2]),
        hours_text=hours[0], hours_per_week=(hours[1], hours[2]),
        posted=posted, deadline=deadline, start=start,
        employment_type=rng.choice(MICRO_TYPES if micro else LONG_TYPES),
        eligibility=eligibility, description=description, direct_apply=rng.random() < 0.5,
        style=rng.randrange(100), hostile=HOSTILE.get(i))


def _title(rng: random.Random, org: Org, category: str, micro: bool, arrangement: str,
           taken: set[tuple[str, str]]) -> str:
    cat = CATEGORIES[category]
    for attempt in range(50):
        if micro:
            title = rng.choice(cat.titles)
            if arrangement == "remote" and rng.random() < 0.35:
                title += " (Remote)"
        elif PLACES[org.home].country == "DE":
            # German postings name all genders; a Praktikum is the usual word for an internship.
            title = rng.choice([f"{cat.long_title} (m/w/d)", f"Praktikum {cat.long_title} (m/w/d)"])
        else:
            title = rng.choice([f"Summer 2027 {cat.long_title}", f"{cat.long_title} (Spring 2027)",
                                f"{cat.long_title} - 12 Weeks"])
        if attempt > 20:
            title += f" #{attempt}"  # a last resort; the tables are big enough not to reach it
        if (org.name, title) not in taken:
            taken.add((org.name, title))
            return title
    raise AssertionError("title space exhausted")


def location_text(arrangement: str, home: Place, remote_country: str | None) -> str:
    if arrangement == "remote":
        if remote_country is None:
            return "Remote (work from anywhere)"
        short = {"US": "US", "GB": "UK", "CA": "Canada", "DE": "Germany", "IN": "India"}
        return f"Remote ({short[remote_country]} only)"
    if arrangement == "hybrid":
        return f"Hybrid — {home.label} (2 days a week on site)"
    return f"On-site in {home.label}"


def _dates(rng: random.Random) -> tuple[date, date, date]:
    posted = TODAY - timedelta(days=rng.randint(1, 110))
    if posted <= TODAY - timedelta(days=45) and rng.random() < 0.2:
        deadline = posted + timedelta(days=rng.randint(14, 30))  # already expired
    else:
        deadline = TODAY + timedelta(days=rng.randint(4, 60))  # a good share lands in 2027
    return posted, deadline, deadline + timedelta(days=rng.randint(3, 21))


def _money(amount: float, sep: str = ",") -> str:
    """1200 -> '1,200'; 12.5 -> '12.50'; sep='.' gives the German '2.000'."""
    if amount == int(amount):
        return f"{int(amount):,}".replace(",", sep)
    return f"{amount:,.2f}"


def _pay(rng: random.Random, country: str, micro: bool) -> Pay:
    kind = rng.choices(["hourly", "range", "fixed", "stipend", "weekly", "unpaid"],
                       [25, 20, 20, 15, 8, 12] if micro else [40, 30, 0, 0, 0, 5])[0]
    if not micro and country == "DE" and kind != "unpaid":
        kind = "monthly"  # a German Praktikum is paid per month
    if not micro and country == "IN" and kind != "unpaid":
        kind = "monthly"
    return _PAY_WRITERS[country](rng, kind)


def _usd(rng: random.Random, kind: str) -> Pay:
    if kind == "hourly":
        a = rng.choice([15, 16, 18, 20, 22, 25])
        text = rng.choice([f"${a}/hour", f"${a} an hour", f"${a} per hour"])
        return Pay(text, a, a, "USD", "HOUR", True, rng.random() < 0.8)
    if kind == "range":
        lo = rng.choice([15, 16, 17, 18, 20, 22])
        hi = lo + rng.choice([3, 5, 7])
        text = rng.choice([f"USD {lo}–{hi} per hour", f"${lo}–${hi}/hr", f"${lo} - ${hi} hourly"])
        return Pay(text, lo, hi, "USD", "HOUR", True, rng.random() < 0.8)
    if kind == "fixed":
        a = rng.choice([300, 450, 500, 600, 750, 900, 1000, 1500])
        text = rng.choice([f"${_money(a)} fixed fee", f"Project fee: ${_money(a)}",
                           f"${_money(a)} flat rate for the project"])
        return Pay(text, a, a, "USD", "PROJECT", True, False)
    if kind == "stipend":
        a = rng.choice([800, 1000, 1200, 1500, 2000])
        text = rng.choice([f"stipend of ${_money(a)}", f"${_money(a)} stipend"])
        return Pay(text, a, a, "USD", "PROJECT", True, False)
    if kind == "weekly":
        a = rng.choice([300, 400, 500])
        return Pay(rng.choice([f"${a}/week", f"${a} per week"]), a, a, "USD", "WEEK", True, True)
    return _unpaid(rng)


def _gbp(rng: random.Random, kind: str) -> Pay:
    if kind in ("hourly", "weekly"):
        a = rng.choice([12.5, 13, 14])
        return Pay(f"£{_money(a)} per hour", a, a, "GBP", "HOUR", True, True)
    if kind == "range":
        return Pay("£12–£15 per hour", 12, 15, "GBP", "HOUR", True, rng.random() < 0.7)
    if kind in ("fixed", "stipend"):
        a = rng.choice([400, 500, 750])
        return Pay(f"£{a} fixed fee", a, a, "GBP", "PROJECT", True, False)
    return _unpaid(rng)


def _eur(rng: random.Random, kind: str) -> Pay:
    if kind == "monthly":
        a = rng.choice([1800, 2000, 2200])
        text = rng.choice([f"€{_money(a, '.')} brutto/Monat", f"{_money(a, '.')} € brutto/Monat"])
        return Pay(text, a, a, "EUR", "MONTH", True, True)
    if kind in ("hourly", "range", "weekly"):
        a = rng.choice([14, 15, 16])
        return Pay(rng.choice([f"€{a}/hour", f"{a} € pro Stunde"]), a, a, "EUR", "HOUR", True,
                   True)
    if kind in ("fixed", "stipend"):
        a = rng.choice([600, 800])
        return Pay(rng.choice([f"€{a} fixed fee", f"Pauschale: {a} €"]), a, a, "EUR", "PROJECT",
                   True, False)
    return _unpaid(rng)


def _cad(rng: random.Random, kind: str) -> Pay:
    if kind in ("hourly", "weekly"):
        a = rng.choice([20, 22, 24])
        return Pay(f"CA${a}/hour", a, a, "CAD", "HOUR", True, True)
    if kind == "range":
        return Pay("$20–24 CAD per hour", 20, 24, "CAD", "HOUR", True, True)
    if kind in ("fixed", "stipend"):
        a = rng.choice([500, 700])
        return Pay(f"C${a} project fee", a, a, "CAD", "PROJECT", True, False)
    return _unpaid(rng)


def _inr(rng: random.Random, kind: str) -> Pay:
    if kind == "monthly":
        a = rng.choice([15000, 20000, 25000])
        return Pay(f"₹{_money(a)} per month stipend", a, a, "INR", "MONTH", True, True)
    if kind in ("hourly", "range", "weekly"):
        a = rng.choice([400, 500])
        return Pay(f"INR {a} per hour", a, a, "INR", "HOUR", True, True)
    if kind in ("fixed", "stipend"):
        a = rng.choice([12000, 20000])
        return Pay(f"INR {_money(a)} stipend for the project", a, a, "INR", "PROJECT", True,
                   False)
    return _unpaid(rng)


def _unpaid(rng: random.Random) -> Pay:
    text = rng.choice(["Unpaid", "Unpaid (academic credit available)", "Unpaid volunteer role"])
    return Pay(text, None, None, None, None, False, False)


_PAY_WRITERS = {"US": _usd, "GB": _gbp, "DE": _eur, "CA": _cad, "IN": _inr}


def cross_post(p: Posting, rng: random.Random) -> Posting:
    """The same opening as a second site lists it: another spelling of the organization, a
    reworded title, a shorter reformatted description and a later posting date."""
    org = p.org
    organization = org.short if p.organization == org.name else org.name
    return replace(
        p, title=_retitle(p), organization=organization,
        description=reformat_for_cross_post(p.description),
        posted=min(TODAY, p.posted + timedelta(days=rng.randint(1, 6))),
        style=(p.style + 37) % 100)


def _retitle(p: Posting) -> str:
    """Reword a title the way a second site does: toggle "(Remote)", or move words around."""
    title = p.title
    if title.endswith(" (Remote)"):
        return title.removesuffix(" (Remote)")
    if p.arrangement == "remote":
        return f"{title} (Remote)"
    if title.endswith(" Micro-Internship"):  # "Market Research Micro-Internship"
        return f"Micro-Internship: {title.removesuffix(' Micro-Internship')}"
    if title.endswith((" Project", " Sprint")):
        return f"Short-Term {title.rsplit(' ', 1)[1]}: {title.rsplit(' ', 1)[0]}"
    if title.startswith("Summer 2027 "):
        return f"{title.removeprefix('Summer 2027 ')}, Summer 2027"
    if title.endswith((" (Spring 2027)", " - 12 Weeks")):
        return (title.replace(" (Spring 2027)", " – Spring 2027")
                .replace(" - 12 Weeks", " (12 weeks)"))
    return f"{title} (Micro-Internship)" if p.micro else f"{title} – Internship"
