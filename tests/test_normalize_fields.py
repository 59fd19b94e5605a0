"""Unit tests of the field parsers in normalize/fields: one parametrized table per parser, and a
check that no parser raises on odd input."""

from __future__ import annotations

import pytest

from normalize import normalize_raw
from normalize.fields.dates import parse_date
from normalize.fields.duration import find_duration, parse_duration_weeks
from normalize.fields.eligibility import eligibility
from normalize.fields.employment import employment_types_from_text, parse_employment_types
from normalize.fields.hours import hours_from_value, parse_hours_per_week, parse_total_hours
from normalize.fields.micro import micro_internship
from normalize.fields.numbers import parse_number
from normalize.fields.pay import (
    currency_code,
    normalize_period,
    parse_pay_text,
    pay_from_salary,
    with_hourly,
)
from normalize.fields.places import (
    country_code,
    location_from_address,
    parse_place_text,
    place_from_job_location,
)
from normalize.fields.taxonomy import categorize, find_skills, skills_from_value
from normalize.fields.text import clean_inline, sanitize_html, to_text
from normalize.fields.urls import absolute_url, domain_of, organization_domain
from normalize.schema import Listing, Pay, Range

# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,200", 1200.0), ("2.000", 2000.0), ("12,50", 12.5), ("1.5", 1.5),
        ("1,234.50", 1234.5), ("1.234,50", 1234.5), ("20\u00a0000", 20000.0), ("two", 2.0),
        ("0.125", 0.125), (15, 15.0), ("", None), ("abc", None), (True, None), (None, None),
        (float("nan"), None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


# --- pay ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("$15/hr", (15, 15, "USD", "HOUR", True)),
        ("USD 20–25 per hour", (20, 25, "USD", "HOUR", True)),
        ("£500 fixed fee", (500, 500, "GBP", "PROJECT", True)),
        ("stipend of $1,200", (1200, 1200, "USD", "PROJECT", True)),
        ("€2.000 brutto/Monat", (2000, 2000, "EUR", "MONTH", True)),
        ("2.500 € pro Monat", (2500, 2500, "EUR", "MONTH", True)),
        ("Pauschale: 600 €", (600, 600, "EUR", "PROJECT", True)),
        ("$20 - $25 an hour", (20, 25, "USD", "HOUR", True)),
        ("between $20 and $25 per hour", (20, 25, "USD", "HOUR", True)),
        ("$20–24 CAD per hour", (20, 24, "CAD", "HOUR", True)),
        ("CA$20/hour", (20, 20, "CAD", "HOUR", True)),
        ("C$500 project fee", (500, 500, "CAD", "PROJECT", True)),
        ("₹20,000 per month stipend", (20000, 20000, "INR", "MONTH", True)),
        ("INR 12,000 stipend for the project", (12000, 12000, "INR", "PROJECT", True)),
        ("monthly stipend of $800", (800, 800, "USD", "MONTH", True)),
        ("$800 stipend per month", (800, 800, "USD", "MONTH", True)),
        ("$500 stipend, Pittsburgh, PA", (500, 500, "USD", "PROJECT", True)),
        ("$400/week", (400, 400, "USD", "WEEK", True)),
        ("$50k-$60k a year", (50000, 60000, "USD", "YEAR", True)),
        ("Salary: £25,000", (25000, 25000, "GBP", "YEAR", True)),
        ("15 per hour", (15, 15, None, "HOUR", True)),
        ("We raised $5M last year. Pay: $18 per hour.", (18, 18, "USD", "HOUR", True)),
        ("unpaid", (None, None, None, None, False)),
        ("Unpaid volunteer role", (None, None, None, None, False)),
        ("volunteer", (None, None, None, None, False)),
        ("competitive", (None, None, None, None, True)),
        ("Competitive salary and benefits", (None, None, None, None, True)),
        ("This is a paid internship.", (None, None, None, None, True)),
    ],
)
def test_parse_pay_text(text, expected):
    pay = parse_pay_text(text)
    assert pay is not None
    assert (pay.min, pay.max, pay.currency, pay.period, pay.paid) == expected


@pytest.mark.parametrize(
    "text",
    ["10-15 hrs/week", "founded in 2019 with 40 people", "$1.2M ARR", "volunteer experience", ""],
)
def test_parse_pay_text_finds_no_pay(text):
    assert parse_pay_text(text) is None


def test_parse_pay_text_dollar_follows_the_caller():
    assert parse_pay_text("$22/hour", dollar="CAD").currency == "CAD"


@pytest.mark.parametrize(
    "salary, expected",
    [
        ({"@type": "MonetaryAmount", "currency": "GBP", "value": {
            "@type": "QuantitativeValue", "minValue": "35000.00", "maxValue": "45000.00",
            "unitText": "YEAR"}}, (35000, 45000, "GBP", "YEAR")),
        ({"currency": "USD", "value": {"value": 20, "unitText": "HOUR"}}, (20, 20, "USD", "HOUR")),
        ({"currency": "usd", "minValue": 20, "maxValue": 25, "unitText": "per hour"},
         (20, 25, "USD", "HOUR")),
        ({"currency": "USD", "value": "20-25", "unitText": "HOUR"}, (20, 25, "USD", "HOUR")),
        ({"currency": "EUR", "value": {"value": 1800, "unitText": "MONTH"}},
         (1800, 1800, "EUR", "MONTH")),
        ([{"currency": "INR", "value": {"value": 500, "unitText": "HOUR"}}],
         (500, 500, "INR", "HOUR")),
        (20, (20, 20, None, None)),
        ("$15/hr", (15, 15, "USD", "HOUR")),
    ],
)
def test_pay_from_salary(salary, expected):
    pay = pay_from_salary(salary)
    assert pay is not None
    assert (pay.min, pay.max, pay.currency, pay.period) == expected
    assert pay.paid is True


@pytest.mark.parametrize(
    "salary",
    [{"@type": "MonetaryAmount", "currency": "EUR", "value": "YTES"}, {"currency": "USD"},
     {"currency": "USD", "value": {"value": 0}}, None, True, "", [], {"value": {"foo": 1}}],
)
def test_pay_from_salary_unreadable(salary):
    assert pay_from_salary(salary) is None


def test_hourly_equivalent_of_a_fixed_fee_is_derived():
    pay = with_hourly(parse_pay_text("$600 fixed fee"), Range(min=10, max=10), Range(min=3, max=3))
    assert (pay.hourly_min, pay.hourly_max, pay.hourly_derived) == (20.0, 20.0, True)


@pytest.mark.parametrize(
    "pay, hours, weeks, expected",
    [
        (Pay(min=15, max=20, period="HOUR"), None, None, (15, 20, False)),
        (Pay(min=600, max=600, period="PROJECT"), None, Range(min=3, max=3), (None, None, False)),
        (Pay(min=600, max=900, period="PROJECT"), Range(min=10, max=15), Range(min=2, max=3),
         (13.33, 45.0, True)),
        (Pay(min=400, max=400, period="WEEK"), Range(min=20, max=20), None, (20.0, 20.0, True)),
        (Pay(min=2000, max=2000, period="MONTH"), None, None, (11.54, 11.54, True)),
        (Pay(min=52000, max=52000, period="YEAR"), None, None, (25.0, 25.0, True)),
        (Pay(min=200, max=200, period="DAY"), None, None, (25.0, 25.0, True)),
        (Pay(paid=False), Range(min=10, max=10), Range(min=2, max=2), (None, None, False)),
    ],
)
def test_with_hourly(pay, hours, weeks, expected):
    out = with_hourly(pay, hours, weeks)
    assert (out.hourly_min, out.hourly_max, out.hourly_derived) == expected


@pytest.mark.parametrize(
    "token, expected",
    [("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("usd", "USD"), ("C$", "CAD"), ("euros", "EUR"),
     ("XYZ", None), ("", None), (None, None)],
)
def test_currency_code(token, expected):
    assert currency_code(token) == expected


@pytest.mark.parametrize(
    "unit, expected",
    [("HOUR", "HOUR"), ("per hour", "HOUR"), ("Monthly", "MONTH"), ("ANNUAL", "YEAR"),
     ("PER_WEEK", "WEEK"), ("DAY", "DAY"), ("fortnight", None), (None, None)],
)
def test_normalize_period(unit, expected):
    assert normalize_period(unit) == expected


# --- duration and hours ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2–4 weeks", (2, 4)), ("a 3-week project", (3, 3)), ("1 month", (4.3, 4.3)),
        ("10 business days", (2, 2)), ("two weeks", (2, 2)), ("6-month internship", (26, 26)),
        ("3 months", (13, 13)), ("3 to 5 weeks", (3, 5)), ("up to 4 weeks", (None, 4)),
        ("10 days", (1.4, 1.4)), ("P3W", (3, 3)), ("P1M", (4.3, 4.3)),
        ("Respond within 5 business days. The project lasts 2 weeks.", (2, 2)),
        ("We offer 25 days of vacation. A 2-week sprint.", (2, 2)),
    ],
)
def test_parse_duration_weeks(text, expected):
    got = parse_duration_weeks(text)
    assert got is not None and (got.min, got.max) == expected


@pytest.mark.parametrize(
    "text",
    ["3 days a week on site", "Posted 2 weeks ago", "1-2 years of experience", "4 hours per day",
     "Today is Monday", ""],
)
def test_parse_duration_weeks_none(text):
    assert parse_duration_weeks(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10-15 hrs/week", (10, 15)), ("up to 20 hours per week", (None, 20)),
        ("part-time (20h)", (20, 20)), ("Part time, 15-20 hours", (15, 20)),
        ("4 hours a day", (20, 20)), ("20h/week", (20, 20)), ("15-20 hours weekly", (15, 20)),
        ("Hours per week: 10-15", (10, 15)), ("20+ hours per week", (20, None)),
        ("at least 10 hours a week", (10, None)), ("about 10 hours a week", (10, 10)),
        ("flexible, roughly 8–12 hours per week", (8, 12)), ("20 Stunden pro Woche", (20, 20)),
        ("full-time (35 hours/week)", (35, 35)),
    ],
)
def test_parse_hours_per_week(text, expected):
    got = parse_hours_per_week(text)
    assert got is not None and (got.min, got.max) == expected


@pytest.mark.parametrize(
    "text", ["$15/hr", "100 hours per week", "a 20-hour project", "part-time role", ""]
)
def test_parse_hours_per_week_none(text):
    assert parse_hours_per_week(text) is None


@pytest.mark.parametrize(
    "value, expected",
    [(20, (20, 20)), ("20", (20, 20)), ("40 hours per week", (40, 40)), ("9am-5pm", None),
     (0, None), (None, None)],
)
def test_hours_from_value(value, expected):
    got = hours_from_value(value)
    assert (got.min, got.max) == expected if expected else got is None


@pytest.mark.parametrize(
    "text, expected",
    [("a 20-hour project over 3 weeks", (20, 20)), ("10-40 hours of work", (10, 40)),
     ("about 30 hours in total", (30, 30)), ("20 hours per week", None)],
)
def test_parse_total_hours(text, expected):
    got = parse_total_hours(text)
    assert (got.min, got.max) == expected if expected else got is None


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-09-10T08:00:00+03:00", "2026-09-10"), ("2024-05-31T23:55:00.0000000", "2024-05-31"),
        ("2024-04-19", "2024-04-19"), ("19 April 2024", "2024-04-19"),
        ("April 19th, 2024", "2024-04-19"), ("31.05.2024", "2024-05-31"),
        ("05/31/2024", "2024-05-31"), ("13/05/2024", "2024-05-13"), ("2024/5/3", "2024-05-03"),
        (1717000000, "2024-05-29"), (1717000000000, "2024-05-29"),
        ({"@value": "2024-01-01"}, "2024-01-01"), ("ASAP", None), ("2024-02-30", None),
        ("0001-01-01", None), ("not a date at all", None), (None, None), ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_relative_to_fetch_time():
    assert parse_date("3 days ago", base="2025-01-10T12:00:00Z") == "2025-01-07"


# --- places ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, city, region, country",
    [
        ("San Francisco, CA", "San Francisco", "CA", "US"),
        ("London, UK", "London", None, "GB"),
        ("Berlin, Germany", "Berlin", None, "DE"),
        ("NYC", "New York", "NY", "US"),
        ("Bangalore, India", "Bangalore", None, "IN"),
        ("Bangalore, IN", "Bangalore", None, "IN"),
        ("Indianapolis, IN", "Indianapolis", "IN", "US"),
        ("Berlin, DE", "Berlin", None, "DE"),
        ("Toronto, ON", "Toronto", "ON", "CA"),
        ("Atlanta, Georgia", "Atlanta", "Georgia", "US"),
        ("Tbilisi, Georgia", "Tbilisi", None, "GE"),
        ("Bengaluru, Karnataka, India", "Bengaluru", "Karnataka", "IN"),
        ("New York, NY, USA", "New York", "NY", "US"),
        ("Paris", "Paris", None, "FR"),
        ("Germany", None, None, "DE"),
        ("Oulu", "Oulu", None, None),
    ],
)
def test_parse_place_text_location(text, city, region, country):
    loc = parse_place_text(text).location
    assert (loc.city, loc.region, loc.country, loc.raw) == (city, region, country, text)


@pytest.mark.parametrize(
    "text, remote, hybrid, regions, city",
    [
        ("Remote (US only)", True, False, ["US"], None),
        ("Remote - US or Canada", True, False, ["US", "CA"], None),
        ("Remote (work from anywhere)", True, False, [], None),
        ("Hybrid — London, UK (2 days a week on site)", False, True, [], "London"),
        ("Hybrid - Berlin", False, True, [], "Berlin"),
    ],
)
def test_parse_place_text_arrangement(text, remote, hybrid, regions, city):
    place = parse_place_text(text)
    assert (place.remote, place.hybrid, place.regions) == (remote, hybrid, regions)
    assert (place.location.city if place.location else None) == city


@pytest.mark.parametrize(
    "value, expected",
    [("US", "US"), ("USA", "US"), ("U.S.A.", "US"), ("United States", "US"), ("UK", "GB"),
     ("gb", "GB"), ("Deutschland", "DE"), ("India", "IN"), ("The Netherlands", "NL"),
     ({"@type": "Country", "name": "United Kingdom"}, "GB"), (["DE"], "DE"), ("Europe", None),
     ("XX", None), ("", None), (None, None), (42, None)],
)
def test_country_code(value, expected):
    assert country_code(value) == expected


def test_location_from_address():
    loc = location_from_address({"@type": "PostalAddress", "addressLocality": "Manchester",
                                 "addressRegion": "Lancashire", "addressCountry": "GB"})
    assert (loc.city, loc.region, loc.country, loc.raw) == (
        "Manchester", "Lancashire", "GB", "Manchester, Lancashire, GB")
    us = location_from_address({"addressLocality": "Austin", "addressRegion": "TX"})
    assert us.country == "US"  # a US state names its country
    assert location_from_address({}) is None


def test_place_from_job_location_shapes():
    place = {"@type": "Place", "address": {"addressLocality": "Berlin",
                                           "addressCountry": {"name": "Germany"}}}
    assert place_from_job_location(place).location.country == "DE"
    assert place_from_job_location({"@type": "Place", "name": "Remote"}).remote
    assert place_from_job_location("London, UK").location.country == "GB"
    assert place_from_job_location({"addressLocality": "Paris"}).location.country == "FR"


# --- employment -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Full-time", ["FULL_TIME"]), ("full time", ["FULL_TIME"]), ("INTERNSHIP", ["INTERN"]),
        ("Internship", ["INTERN"]), ("intern", ["INTERN"]), ("Part-time", ["PART_TIME"]),
        ("CONTRACT", ["CONTRACTOR"]), ("Temporary", ["TEMPORARY"]), ("volunteer", ["VOLUNTEER"]),
        ("Per diem", ["PER_DIEM"]), (["FULL_TIME", "Part time"], ["FULL_TIME", "PART_TIME"]),
        ("Full-time, Internship", ["FULL_TIME", "INTERN"]), ("Praktikum", ["INTERN"]),
        ("Kokoaikatyö, Työpaikka, Vakinainen", ["FULL_TIME"]), ("Permanent", []), (5, []),
        (None, []),
    ],
)
def test_parse_employment_types(value, expected):
    assert parse_employment_types(value) == expected


def test_employment_types_from_text():
    assert employment_types_from_text("Marketing Intern (part-time)") == ["INTERN", "PART_TIME"]
    assert employment_types_from_text("International Sales Lead") == []


# --- text -----------------------------------------------------------------------------------


def test_sanitize_removes_active_content_and_keeps_structure():
    dirty = (
        '<div onclick="x()"><h1>Title</h1><p style="color:red">Hi &amp; <b>bold</b> '
        '<a href="javascript:alert(1)">x</a> <a href="https://a.example/" target="_blank">y</a>'
        '</p><iframe src="https://evil.example/">inner</iframe><script>alert(1)</script>'
        '<style>p{}</style><img src=x onerror=alert(1)><ul><li><p>one</p></li><li>two</li></ul>'
        "</div>"
    )
    safe = sanitize_html(dirty)
    for bad in ("script", "alert", "iframe", "style", "onclick", "onerror", "javascript:", "<img",
                "inner"):
        assert bad not in safe
    assert "<h2>Title</h2>" in safe and "<strong>bold</strong>" in safe
    assert 'href="https://a.example/"' in safe
    assert to_text(safe) == "Title\n\nHi & bold x y\n\n- one\n- two"


def test_sanitize_plain_text_and_escaped_html():
    assert sanitize_html("Line one\nline two\n\nPara <2>") == (
        "<p>Line one<br>line two</p><p>Para &lt;2&gt;</p>")
    assert sanitize_html("&lt;p&gt;Hello &amp;amp; bye&lt;/p&gt;") == "<p>Hello &amp; bye</p>"
    assert to_text(sanitize_html("<p>a\u00a0b\u200b c</p><div>d</div><div>e</div>")) == (
        "a b c\n\nd\ne")


def test_clean_inline():
    assert clean_inline(" Data&nbsp;Entry <b>Intern</b>\n ") == "Data Entry Intern"
    assert clean_inline(None) == "" and clean_inline(12) == "12"


# --- urls -----------------------------------------------------------------------------------


def test_urls():
    assert absolute_url("/jobs/1", "https://ex.example/list?p=2") == "https://ex.example/jobs/1"
    assert absolute_url("javascript:alert(1)", "https://ex.example/") is None
    assert domain_of("https://www.Acme.com:8443/careers") == "acme.com"
    assert domain_of("acme.co.uk") == "acme.co.uk" and domain_of("not a url") is None
    assert organization_domain(["https://www.linkedin.com/company/acme", "https://acme.io"]) == (
        "acme.io")


# --- taxonomy, eligibility, micro -----------------------------------------------------------


@pytest.mark.parametrize(
    "title, text, expected",
    [
        ("CRM Data Entry Micro-Internship", "Update records in the CRM.", "data_entry"),
        ("Instagram Campaign Micro-Internship", "Draft social media posts.", "marketing"),
        ("Python Data Cleaning Project", "Write a Python script with pandas and unit tests.",
         "software"),
        ("Survey Data Analysis Project", "Build a Tableau dashboard.", "data_analysis"),
        ("Grant Writing Support", "Draft narrative sections.", "writing"),
        ("Event Logistics Assistant", "Coordinate vendors and a run sheet.", "operations"),
        ("Helper", "", None),
    ],
)
def test_categorize(title, text, expected):
    assert categorize(title, text) == expected


def test_find_skills_and_skills_from_value():
    text = "You will use Python, C++, node.js and C#. Excel and SQL; asp.net, React."
    assert find_skills(text) == ["Python", "C++", "Node.js", "C#", "Excel", "SQL", ".NET", "React"]
    assert skills_from_value("Python, Communication, sql") == ["Python", "Communication", "SQL"]
    assert skills_from_value([{"@type": "DefinedTerm", "name": "Figma"}]) == ["Figma"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Open to currently enrolled undergraduate students from any university and recent "
         "graduates. All majors welcome.", ["students", "recent_graduates", "any_school",
                                            "any_major"]),
        ("Open to current students and recent graduates (class of 2024 or later).",
         ["students", "recent_graduates"]),
        ("This opportunity is open to students.", ["students"]),
        ("Werkstudent (m/w/d)", ["students"]),
        ("Students and recent graduates from any school are welcome.",
         ["students", "recent_graduates", "any_school"]),
        ("Our platform helps students learn math.", []),
        ("Every project we open to students ships.", []),
    ],
)
def test_eligibility(text, expected):
    assert eligibility(text) == expected


def test_micro_internship_scores():
    micro = micro_internship(
        title="Market Research Micro-Internship", text="A short project-based engagement.",
        duration=Range(min=2, max=4), hours=Range(min=10, max=15), total_hours=None,
        pay=Pay(min=600, max=600, period="PROJECT", paid=True), employment_types=["INTERN"])
    assert micro.is_micro and micro.score == 1.0
    assert "says micro-internship" in micro.reasons
    long = micro_internship(title="Summer Analyst", text="", duration=Range(min=12, max=12),
                            hours=Range(min=40, max=40), employment_types=["FULL_TIME"])
    assert not long.is_micro and long.score == 0.0
    # Short and part-time are not enough: a micro-internship is for students (issue 13).
    anyone = micro_internship(duration=Range(min=3, max=3), hours=Range(min=None, max=20))
    assert not anyone.is_micro and anyone.score == 0.5
    assert anyone.reasons[-1] == "not a micro-internship: not for students"
    said = micro_internship(text="Open to undergraduates.", duration=Range(min=3, max=3),
                            hours=Range(min=None, max=20))
    source = micro_internship(duration=Range(min=3, max=3), hours=Range(min=None, max=20),
                              audience="students")
    assert said.is_micro and source.is_micro
    assert "source is for students" in source.reasons


@pytest.mark.parametrize(
    "text, micro",
    [
        # A full-time summer internship with a stray short length is not one.
        ("Software Intern. This is a full-time, 6-week internship. $30/hr.", False),
        ("Marketing internship for students, available to work full time. A 4-week project.",
         False),
        ("Marketing intern, a 4-week project of 10 hours per week. $20/hr.", True),
        ("Summer internship, 10-12 weeks, 40 hours a week.", False),
        ("Research internship for a minimum of 10 weeks, 15 hours per week.", False),  # a min
        ("Event intern for one week (unpaid). 10 hours per week.", False),
    ],
)
def test_micro_internship_gates_on_text(text, micro):
    low = text.lower()
    got = micro_internship(title="", text=text, duration=find_duration(text).weeks
                           if find_duration(text) else None,
                           hours=parse_hours_per_week(text), low=low,
                           pay=Pay(paid=False) if "unpaid" in low else None)
    assert got.is_micro is micro, got.reasons


def test_micro_internship_reasons_quote_the_evidence():
    text = "Design intern.\nWe offer 16 days PTO. This is a 3-week project, about 8 hours per week."
    listing = normalize_raw({"source": "t", "kind": "feed", "url": "https://t.example/",
                             "fetched_at": "2026-01-01T00:00:00+00:00",
                             "payload": {"title": "Design Intern", "summary": text}})
    assert listing.duration_weeks.max == 3 and listing.hours_per_week.max == 8
    reasons = listing.micro_internship.reasons
    assert "'This is a 3-week project' → 3 weeks" in reasons
    assert any(r.startswith("'") and r.endswith("→ 8 h/week") for r in reasons)
    assert listing.micro_internship.is_micro


@pytest.mark.parametrize(
    "text, expected",
    [
        # Lengths that are the engagement's: bound to its noun, labelled, in its sentence.
        ("Join us for a 12-week paid Summer 2024 Internship.", (12, 12)),
        ("Contract length: 9–13 weeks.", (9, 13)),
        ("Term length: 4 months.", (17.3, 17.3)),
        ("The internship runs June 30th – August 15th, 2025.", (6.6, 6.6)),
        ("Our summer internship runs from May to August.", (13, 17.3)),
        ("Internship dates: May 14, 2024 – August 2, 2024.", (11.4, 11.4)),
        ("Interns will join the team on January 8th and conclude on February 16th.", (5.6, 5.6)),
        ("Contrato de 30 dias.", (4.3, 4.3)),
        ("Available to work full-time for at least 10 weeks.", (10, None)),
        ("Pomelo is hiring 10 and 12-week interns.", (10, 12)),
        ("Co-op term: September 2023 -- April 2024", (30.3, 34.7)),
        ("Software Co-op (6+ Months)\nBuild tools.", (26, None)),
        ("Duration: 2–4 weeks", (2, 4)),
        ("3 months\n\nWe will pair you with a mentor.", (13, 13)),
        # The title's own kind wins over another program the posting mentions.
        ("Summer Internship\nIt leads to our 18-month rotational program. The 10-week "
         "internship starts in June.", (10, 10)),
    ],
)
def test_find_duration_reads_the_engagement(text, expected):
    got = find_duration(text)
    assert got is not None and (got.weeks.min, got.weeks.max) == expected, got


@pytest.mark.parametrize(
    "text",
    [
        # Lengths of something else: the hiring process, posting windows, benefits, schedules,
        # office days, notice, company history, graduation dates; and a bare unrelated length.
        "Software intern. You'll have 2 weeks to complete the take-home assignment.",
        "Intern role. This posting will be posted for a minimum of 3 days.",
        "Internship. Our application deadline is 40 days from the date of posting.",
        "Internship position, at least 3 days a week in the office.",
        "Full-time role with 16 days PTO and 4 weeks of parental leave.",
        "Contract role: please give 2 weeks notice; a 3 month probation period applies.",
        "We launched 12 months ago and this role will grow with us.",
        "Internship program for students who graduate December 2024 – May 2025.",
        "Engineer role. Over the next 18-24 months we are expanding. Pick your team after "
        "3 weeks of onboarding.",
        "Intern, three days per week, with two days working from home.",
        "We work in 2-week sprints on this project.",
        "Summer 2024 internship, apply by March 1.",
        "Software engineer role; interns start with a 2-week training program.",
    ],
)
def test_find_duration_ignores_other_lengths(text):
    assert find_duration(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("an average of 12 hours per week but can range from 8 to 20", (8, 20)),
        ("37.5 hours/week", (37.5, 37.5)),
        ("This is a 40-hours per week paid position.", (40, 40)),
        ("It runs for 8 weeks (two days a week (16 hours)).", (16, 16)),
        ("Available Monday through Friday from 9am until 5pm.", (40, 40)),
    ],
)
def test_parse_hours_per_week_classes(text, expected):
    got = parse_hours_per_week(text)
    assert got is not None and (got.min, got.max) == expected


@pytest.mark.parametrize(
    "text",
    ["3 days a week in the office",
     "Dental and vision on day 1 for all interns working 32+ hours a week.",
     "Employees accrue 10 hours per month of PTO."],
)
def test_parse_hours_per_week_ignores_benefits_and_office_days(text):
    assert parse_hours_per_week(text) is None


# --- no parser raises -----------------------------------------------------------------------

ODD_VALUES = [None, "", " ", 0, -1, 1e308, float("nan"), True, [], {}, [None], {"a": None},
              {"value": {"value": {"value": "x"}}}, "x" * 100_000, "$" * 500, "9" * 400,
              "\x00\ufeff\u200b", "<p>" * 1000, object()]
PARSERS = [
    parse_number, parse_pay_text, pay_from_salary, currency_code, normalize_period,
    parse_duration_weeks, parse_hours_per_week, parse_total_hours, hours_from_value, parse_date,
    country_code, location_from_address, place_from_job_location, parse_place_text,
    parse_employment_types, employment_types_from_text, sanitize_html, clean_inline,
    categorize, find_skills, skills_from_value, eligibility, domain_of,
]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda f: f.__name__)
def test_parsers_never_raise(parser):
    for value in ODD_VALUES:
        parser(value)


def test_finish_builds_the_listing_model_construct_would():
    """finish() sets a Listing's attributes itself (cheaper than model_construct): the result
    must be the same object state, field order included, so that a pydantic upgrade that
    changes what model_construct sets is caught here."""
    from normalize.schema import trusted

    made = normalize_raw({"source": "s", "kind": "jsonld", "url": "https://example.org/j/1",
                          "fetched_at": "2026-03-10T09:00:00+00:00",
                          "payload": {"title": "Data entry intern", "description": "$15/hr, 3 weeks"}})
    for attribute in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__",
                      "__pydantic_private__"):  # finish() itself builds it this way
        assert getattr(made, attribute) == getattr(Listing.model_construct(**made.__dict__), attribute)
    fields = dict(made.__dict__)
    reference = Listing.model_construct(**fields)
    assert list(made.__dict__) == list(Listing.model_fields)
    for attribute in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__",
                      "__pydantic_private__"):
        assert getattr(trusted(Listing, dict(fields)), attribute) == getattr(reference, attribute)
    assert made.model_dump() == reference.model_dump()


@pytest.mark.parametrize(("text", "expected"), [
    ("March 3, 2026 10:00 AM", "2026-03-03"),
    ("4 Sep 2026 23:50:13 -0500", "2026-09-04"),  # the date's own calendar day, as for ISO
    ("Sep 4, 2026 at 9:00", "2026-09-04"),
    ("Posted Sep 4, 2026 10:00 PST", "2026-09-04"),
    ("30 Feb 2100 09:00:13 +0300", None),
    ("Mon, 31 Apr 2026 10:00:00 +0000", None),
])
def test_parse_date_drops_a_clock_time_without_dateparser(text, expected, monkeypatch):
    """dateparser costs ~1-2 ms a value and ~300 ms for an impossible date: a date phrase
    followed by a clock time is read by the fast path."""
    from normalize.fields import dates

    def no_dateparser(*_args):
        raise AssertionError("dateparser was called")

    monkeypatch.setattr(dates, "_dateparser", no_dateparser)
    assert parse_date(text, base="2026-03-10T09:00:00+00:00") == expected


def test_listing_json_is_model_dump_json():
    """`stint normalize` writes listing_json(listing): the bytes of pydantic's JSON dump, for
    every corpus case and for a listing with every kind of nested value set."""
    import orjson

    from normalize.schema import Location, SourceLink, listing_json
    from tests.corpus import cases

    listings = [normalize_raw(case.raw) for case in cases()]
    listings.append(listings[0].model_copy(update={
        "locations": [Location(city="Zürich", country="CH", raw="Zürich ✓")],
        "sources": [SourceLink(listing_id="x", source="s", status="active")],
        "pay": Pay(min=float("nan"), max=1e300, currency="EUR", period="HOUR", paid=True),
        "cluster_id": "c1", "warnings": ["pay: \u2028odd"]}))
    for listing in listings:
        assert listing_json(listing) == orjson.dumps(listing.model_dump(mode="json")) + b"\n"
