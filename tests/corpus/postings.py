"""Whole labelled postings: each combines a task (title, what the work is: the category and skills),
terms (duration, hours, pay in words), an eligibility sentence, a company blurb and a place, and
is rendered into two kinds' native payloads (tests/corpus/render.py).

Every block is written by hand with its labels; a posting's labels are its blocks' labels. The
micro-internship label applies the definition of docs/normalization.md to those labels
(`micro_label`), so it checks that the parsed facts add up to the right decision.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tests.corpus import FETCHED_AT, Case
from tests.corpus.render import KINDS, RENDERERS, Facts, PayFact, Place

SEED = 4
SPECS = 160  # each rendered in two kinds
FETCHED = datetime.fromisoformat(FETCHED_AT).replace(tzinfo=None)


@dataclass(frozen=True)
class Task:
    category: str
    titles: tuple[str, ...]
    html: str
    skills: tuple[str, ...] = ()
    team: str = "Projects"


TASKS = (
    Task("data_entry", ("Data Entry Assistant", "CRM Data Cleanup Assistant"),
         "<p>You will enter and clean about 2,000 supplier records in Google Sheets, merge "
         "duplicates and flag missing fields for follow-up.</p>", ("Google Sheets",), "Operations"),
    Task("data_entry", ("Transcription Assistant", "Interview Transcription Project"),
         "<p>Transcribe 30 recorded customer calls into text and tag each one by topic so our "
         "team can search them.</p>", (), "Operations"),
    Task("admin", ("Virtual Assistant (Short-Term)", "Administrative Assistant"),
         "<p>Manage the founders' calendar, handle scheduling for partner meetings and keep our "
         "shared folders in order.</p>", (), "Operations"),
    Task("admin", ("Event Planning Assistant",),
         "<p>Help with event planning for a 200-person alumni evening: venue shortlist, RSVP "
         "tracking and the day-of checklist.</p>", (), "Events"),
    Task("research", ("Market Research Project", "Competitor Research Assistant"),
         "<p>Research 40 competitors in the meal-kit market and summarize their pricing, "
         "positioning and reviews in a short report.</p>", (), "Strategy"),
    Task("research", ("Literature Review Research Assistant",),
         "<p>Conduct a literature review of 25 recent papers on urban heat islands and write an "
         "annotated summary of each.</p>", (), "Research"),
    Task("research", ("User Research Synthesis Project",),
         "<p>Synthesize notes from 12 user interviews into themes and a one-page insights "
         "deck for the product team.</p>", ("User Research",), "Product"),
    Task("marketing", ("Social Media Content Intern", "Social Media Assistant"),
         "<p>Plan and draft two weeks of Instagram and TikTok posts for our campus ambassador "
         "campaign, then report on engagement.</p>", ("Social Media",), "Marketing"),
    Task("marketing", ("SEO Content Audit",),
         "<p>Audit 60 existing pages for SEO, rewrite their meta descriptions and report keyword "
         "gaps from Google Analytics.</p>", ("SEO", "Google Analytics"), "Marketing"),
    Task("marketing", ("Email Newsletter Campaign Assistant",),
         "<p>Set up a three-email welcome campaign in Mailchimp and draft the subject lines for "
         "our spring newsletter.</p>", (), "Marketing"),
    Task("sales", ("Cold Calling / Sales Outreach Sprint", "Sales Outreach Assistant"),
         "<p>Call 150 local gyms from a prepared list, log every conversation in HubSpot and "
         "book demos for our sales team.</p>", ("HubSpot",), "Sales"),
    Task("sales", ("Lead Generation Assistant",),
         "<p>Build a list of 300 prospects with names, roles and emails for our outreach to "
         "independent bookstores.</p>", (), "Sales"),
    Task("writing", ("Grant Writing Support", "Grant Writer"),
         "<p>Draft two grant applications for our literacy nonprofit and proofread the budget "
         "narrative before submission.</p>", (), "Development"),
    Task("writing", ("Technical Writer (Documentation Sprint)",),
         "<p>Write 10 help center articles and update the documentation of our Python client "
         "library.</p>", ("Python",), "Documentation"),
    Task("writing", ("Case Study Writer",),
         "<p>Talk to three customers and turn each conversation into a 1,000-word case study "
         "for our website.</p>", (), "Marketing"),
    Task("design", ("Logo and Brand Refresh (Freelance)",),
         "<p>Design a new logo and a one-page style guide in Figma, with two rounds of "
         "revisions.</p>", ("Figma",), "Design"),
    Task("design", ("Graphic Design Micro-Project", "Graphic Designer"),
         "<p>Create 12 event graphics and a slide template in Canva for our spring "
         "fundraiser.</p>", ("Canva",), "Design"),
    Task("software", ("Python Scripting Project", "Python Automation Intern"),
         "<p>Write Python scripts that pull our course catalog from a REST API into CSV files, "
         "with unit tests.</p>", ("Python", "REST APIs"), "Engineering"),
    Task("software", ("Frontend Developer Intern (React)",),
         "<p>Build three landing pages in React and TypeScript from existing Figma designs and "
         "fix accessibility bugs.</p>", ("React", "TypeScript", "Figma"), "Engineering"),
    Task("software", ("WordPress Website Fixes",),
         "<p>Fix layout bugs on our WordPress site, speed up page loads and set up contact "
         "forms with HTML and CSS.</p>", ("WordPress", "HTML", "CSS"), "Engineering"),
    Task("data_analysis", ("Data Analyst Micro-Internship", "Donor Data Analyst"),
         "<p>Analyze two years of donation records in SQL and build a Tableau dashboard of "
         "retention by cohort.</p>", ("SQL", "Tableau"), "Analytics"),
    Task("data_analysis", ("Survey Data Analysis Project",),
         "<p>Clean and analyze 800 survey responses in Excel and present the key findings in "
         "five slides.</p>", ("Data Analysis", "Excel"), "Analytics"),
    Task("data_analysis", ("Sales Dashboard in Power BI",),
         "<p>Turn our monthly exports into a Power BI dashboard with KPIs for the leadership "
         "team.</p>", ("Power BI",), "Analytics"),
    Task("finance", ("Bookkeeping Assistant",),
         "<p>Reconcile three months of transactions in QuickBooks and prepare the receipts for "
         "our accountant.</p>", ("Bookkeeping", "QuickBooks"), "Finance"),
    Task("finance", ("Financial Modeling Project",),
         "<p>Build a three-statement financial model in Excel for a seed-stage company's "
         "fundraising.</p>", ("Financial Modeling", "Excel"), "Finance"),
    Task("operations", ("Operations Process Mapping Project",),
         "<p>Map our order-to-delivery process, document each handoff in flowcharts and suggest "
         "three improvements.</p>", (), "Operations"),
    Task("operations", ("Supply Chain Project Assistant",),
         "<p>Compare shipping rates from five logistics providers and recommend a carrier for "
         "our wholesale orders.</p>", (), "Operations"),
    Task("customer_support", ("Customer Support Assistant (Seasonal)",),
         "<p>Answer customer inquiries by email and chat during our holiday rush and keep the "
         "support tickets tidy.</p>", (), "Support"),
    Task("hr", ("Recruiting Assistant (Talent Acquisition)",),
         "<p>Screen candidates for two open roles, coordinate interviews and keep our recruiting "
         "tracker up to date.</p>", (), "People"),
    Task("education", ("Online Math Tutor",),
         "<p>Provide tutoring in algebra to high school students over video calls, two evenings "
         "a week.</p>", (), "Programs"),
    Task("legal", ("Legal Research Assistant",),
         "<p>Compare state privacy laws for a compliance memo and summarize each in one "
         "table.</p>", (), "Legal"),
    Task("consulting", ("Strategy Consulting Micro-Project",),
         "<p>Size the market for a campus food-delivery app and draft a market entry "
         "recommendation for the founders.</p>", (), "Strategy"),
)

# Titles that name a vocabulary skill themselves.
TITLE_SKILLS = {"Data Entry Assistant": ("Data Entry",), "Market Research Project": ("Market Research",)}

BLURBS = (
    "<p>{org} is a 40-person company that helps community colleges run their internship "
    "programs.</p>",
    "<p>We are a nonprofit that runs after-school clubs in three cities.</p>",
    "<p><b>About {org}</b><br>Founded in 2019, {org} sells refurbished bicycles online and "
    "ships across the country.</p>",
    "<div><h2>Who we are</h2><p>{org} is a family-owned bakery chain with twelve stores.</p></div>",
    "<p>{org} works with city governments on cleaner air &amp; water.</p>",
    "",
)

# (sentence, eligibility labels)
ELIGIBILITY = (
    ("<p>Open to current undergraduate and graduate students.</p>", ["students"]),
    ("<p>Students from any university are welcome to apply.</p>", ["students", "any_school"]),
    ("<p>Recent graduates (class of 2025) are encouraged to apply.</p>", ["recent_graduates"]),
    ("<p>Open to students and recent graduates of any major.</p>",
     ["students", "recent_graduates", "any_major"]),
    ("<p>You must be currently enrolled in a bachelor's or master's program.</p>", ["students"]),
    ("<p>Candidates must be authorized to work in the United States; we are unable to sponsor "
     "visas.</p>", ["work_authorization_required", "no_visa_sponsorship"]),
    ("<p>Ideal for college students looking for real-world experience.</p>", ["students"]),
    ("", []),
    ("<p>No experience needed, just curiosity.</p>", []),
    ("<ul><li>Enrolled at any accredited college</li><li>Strong written English</li></ul>",
     ["students", "any_school"]),
    ("<p>Visa sponsorship is available for this role.</p>", ["visa_sponsorship"]),
    ("", []),
)


@dataclass(frozen=True)
class Terms:
    text: str  # "{sym}" is the currency symbol of the posting's place
    duration: tuple[float | None, float | None] | None
    hours: tuple[float | None, float | None] | None
    pay: tuple[float | None, float | None, str] | str | None  # (min, max, period), unpaid, paid
    pay_text: str  # the pay in the words a pay field would use
    total: tuple[float, float] | None = None
    project: bool = False  # says project-based / short-term project
    employment: tuple[tuple[str, ...], ...] = (("INTERN",), ("CONTRACTOR",))
    start: date | None = None
    currencies: tuple[str, ...] = ()  # only with these currencies (empty: any)


MICRO_TYPES = (("INTERN",), ("INTERN", "PART_TIME"), ("CONTRACTOR",), ("TEMPORARY", "PART_TIME"),
               ("CONTRACTOR", "PART_TIME"))
TERMS = (
    Terms("<p>This is a 3-week project of about 10 hours per week. Pay: {sym}600 fixed fee.</p>",
          (3, 3), (10, 10), (600, 600, "PROJECT"), "{sym}600 fixed fee", employment=MICRO_TYPES),
    Terms("<p>The project runs 2–4 weeks at 10-15 hrs/week and pays {sym}20–25 per hour.</p>",
          (2, 4), (10, 15), (20, 25, "HOUR"), "{sym}20–25 per hour", employment=MICRO_TYPES),
    Terms("<p>Expect roughly 20 hours of work in total over two weeks. Stipend of "
          "{sym}1,200.</p>", (2, 2), (10, 10), (1200, 1200, "PROJECT"), "stipend of {sym}1,200",
          total=(20, 20), employment=MICRO_TYPES),
    Terms("<p>A one-month engagement, up to 20 hours per week, paid at {sym}18/hr.</p>",
          (4.3, 4.3), (None, 20), (18, 18, "HOUR"), "{sym}18/hr", employment=MICRO_TYPES),
    Terms("<p>Timeline: 10 business days, part-time (15h). {sym}750 for the whole project.</p>",
          (2, 2), (15, 15), (750, 750, "PROJECT"), "{sym}750 for the whole project",
          employment=MICRO_TYPES),
    Terms("<p>Duration: 6 weeks. Weekly hours: 10. Compensation is competitive.</p>",
          (6, 6), (10, 10), "paid", "Competitive", employment=MICRO_TYPES),
    Terms("<p>This is an unpaid, volunteer role of 5 hours a week for 4 weeks.</p>",
          (4, 4), (5, 5), "unpaid", "Unpaid", employment=(("VOLUNTEER",),)),
    Terms("<p>A 12-week summer placement, 40 hours per week, {sym}3,000 per month.</p>",
          (12, 12), (40, 40), (3000, 3000, "MONTH"), "{sym}3,000 per month",
          employment=(("INTERN",), ("TEMPORARY",))),
    Terms("<p>A permanent position with a salary of {sym}55,000–65,000 per year and full "
          "benefits.</p>", None, None, (55000, 65000, "YEAR"), "{sym}55,000–65,000 per year",
          employment=(("FULL_TIME",),)),
    Terms("<p>Short-term project: 5 hours total, spread over one week. Flat fee of {sym}150.</p>",
          (1, 1), (5, 5), (150, 150, "PROJECT"), "{sym}150 flat fee", total=(5, 5), project=True,
          employment=MICRO_TYPES),
    Terms("<p>Commitment: 8-10 hours per week for 6-8 weeks. {sym}22 an hour.</p>",
          (6, 8), (8, 10), (22, 22, "HOUR"), "{sym}22 an hour", employment=MICRO_TYPES),
    Terms("<p>Work about 15 hours a week through the end of the semester. Pay is {sym}16 per "
          "hour.</p>", None, (15, 15), (16, 16, "HOUR"), "{sym}16 per hour",
          employment=(("INTERN", "PART_TIME"), ("PART_TIME",))),
    Terms("<p>This is a project-based role: a 25-hour project over 3 weeks, {sym}500 on "
          "delivery.</p>", (3, 3), (8.3, 8.3), (500, 500, "PROJECT"), "{sym}500 per project",
          total=(25, 25), project=True, employment=MICRO_TYPES),
    Terms("<p>Summer 2026: 10 weeks at 20 hrs/week, with a stipend of {sym}2,500.</p>",
          (10, 10), (20, 20), (2500, 2500, "PROJECT"), "{sym}2,500 stipend",
          employment=(("INTERN",), ("INTERN", "PART_TIME")), start=date(2026, 6, 1)),
    Terms("<p>Hourly rate: {sym}30. Around 6 hours per week for 5 weeks.</p>",
          (5, 5), (6, 6), (30, 30, "HOUR"), "{sym}30 hourly", employment=MICRO_TYPES),
    Terms("<p>Two-week sprint, 10–12 hours per week, {sym}400 per week.</p>",
          (2, 2), (10, 12), (400, 400, "WEEK"), "{sym}400 per week", employment=MICRO_TYPES),
    Terms("<p>Part-time, 12 hours per week, ongoing. {sym}17/hour.</p>",
          None, (12, 12), (17, 17, "HOUR"), "{sym}17/hour", employment=(("PART_TIME",),)),
    Terms("<p>Pay: DOE. The project should take 2 to 3 weeks.</p>",
          (2, 3), None, "paid", "DOE", employment=MICRO_TYPES),
    Terms("<p>Academic credit only; this internship is unpaid. 3 months, 10 hours/week.</p>",
          (13, 13), (10, 10), "unpaid", "Unpaid (academic credit)", employment=(("INTERN",),)),
    Terms("<p>{sym}2.000 brutto/Monat for 20 hours per week over 6 months.</p>",
          (26, 26), (20, 20), (2000, 2000, "MONTH"), "{sym}2.000 brutto/Monat",
          employment=(("INTERN", "PART_TIME"),), currencies=("EUR",)),
    Terms("<p>{sym}500 fixed fee for a 2-week project (about 8 hours a week).</p>",
          (2, 2), (8, 8), (500, 500, "PROJECT"), "{sym}500 fixed fee", employment=MICRO_TYPES),
    Terms("<p>Up to {sym}25/hr depending on experience; 4–6 weeks at up to 10 hours per "
          "week.</p>", (4, 6), (None, 10), (None, 25, "HOUR"), "up to {sym}25/hr",
          employment=MICRO_TYPES),
    Terms("<p>A 30-day project with a {sym}1,000 honorarium; expect 10 hours a week.</p>",
          (4.3, 4.3), (10, 10), (1000, 1000, "PROJECT"), "{sym}1,000 honorarium",
          employment=MICRO_TYPES),
    Terms("<p>This is a 6-month internship, 40 hours a week, {sym}1,800 per month.</p>",
          (26, 26), (40, 40), (1800, 1800, "MONTH"), "{sym}1,800 per month",
          employment=(("INTERN",),)),
    Terms("<p>Gig: about 3 hours a week for 8 weeks, {sym}45 per hour.</p>",
          (8, 8), (3, 3), (45, 45, "HOUR"), "{sym}45 per hour", project=True,
          employment=MICRO_TYPES),
    Terms("<p>The work takes 6–8 weeks. Rate: {sym}3,200 per month, 20 hours a week.</p>",
          (6, 8), (20, 20), (3200, 3200, "MONTH"), "{sym}3,200 per month",
          employment=(("TEMPORARY", "PART_TIME"), ("CONTRACTOR",))),
)

CURRENCY = {"US": ("USD", "$"), "CA": ("CAD", "CA$"), "GB": ("GBP", "£"), "DE": ("EUR", "€"),
            "FR": ("EUR", "€"), "NL": ("EUR", "€"), "IE": ("EUR", "€"), "IN": ("INR", "₹"),
            "AU": ("AUD", "A$")}
PLACES = (
    Place("San Francisco", "CA", "United States", "US", "San Francisco, CA", "CA"),
    Place("New York", "NY", "United States", "US", "NYC", "NY"),
    Place("Austin", "TX", "United States", "US", "Austin, TX", "TX"),
    Place("Chicago", "IL", "United States", "US", "Chicago, IL", "IL"),
    Place("Boston", "MA", "United States", "US", "Boston, Massachusetts", "MA"),
    Place("Portland", "OR", "United States", "US", "Portland, OR", "OR"),
    Place("Toronto", "ON", "Canada", "CA", "Toronto, ON, Canada", "ON"),
    Place("London", None, "United Kingdom", "GB", "London, UK"),
    Place("Manchester", None, "United Kingdom", "GB", "Manchester, United Kingdom"),
    Place("Berlin", None, "Germany", "DE", "Berlin, Germany"),
    Place("Munich", "Bavaria", "Germany", "DE", "Munich, Germany"),
    Place("Paris", None, "France", "FR", "Paris, France"),
    Place("Amsterdam", None, "Netherlands", "NL", "Amsterdam, Netherlands"),
    Place("Dublin", None, "Ireland", "IE", "Dublin, Ireland"),
    Place("Bangalore", "Karnataka", "India", "IN", "Bangalore, India"),
    Place("Sydney", "NSW", "Australia", "AU", "Sydney, NSW, Australia", "NSW"),
)
COUNTRIES = {"US": Place("", None, "United States", "US", "United States"),
             "CA": Place("", None, "Canada", "CA", "Canada"),
             "GB": Place("", None, "United Kingdom", "GB", "United Kingdom"),
             "DE": Place("", None, "Germany", "DE", "Germany")}
REMOTE_SETS = (("US",), ("US",), ("CA",), ("GB",), ("US", "CA"), ())
ORGS = (("Northwind Labs", "northwindlabs.com"), ("Brightpath Learning", "brightpath.org"),
        ("Copperleaf Bikes", "copperleaf.bike"), ("Tessellate", "tessellate.io"),
        ("Harbor Bakery Co", "harborbakery.com"), ("Verdant Cities", "verdantcities.org"),
        ("Quarry Health", "quarryhealth.com"), ("Fieldnote Media", "fieldnote.media"))
PROJECT_WORDS = ("project-based", "short-term project", "gig", "micro-project", "one-off")


STUDENT_WORDS = ("intern", "co-op", "undergrad", "class of 20")


def micro_label(*, title: str, text: str, duration: tuple | None, hours: tuple | None,
                total: tuple | None, pay: Any, employment: tuple[str, ...], project: bool,
                eligibility: list[str], audience: str | None) -> bool:
    """The definition (docs/normalization.md) applied to a posting's labels."""
    low = f"{title} {text}".lower()
    says_micro = "micro-internship" in low or "micro-project" in low
    for_students = (audience == "students" or "INTERN" in employment
                    or {"students", "recent_graduates"} & set(eligibility)
                    or any(w in low for w in STUDENT_WORDS))
    if not for_students:
        return False
    weeks = duration[1] if duration else None
    if weeks is not None and weeks > 8:
        return False
    if pay == "unpaid":
        return False
    weekly = hours[1] if hours and hours[1] is not None else None
    if (weekly is not None and weekly > 25) or ("FULL_TIME" in employment and weekly is None):
        return False
    project_pay = isinstance(pay, tuple) and pay[2] == "PROJECT"
    small = total is not None and total[1] <= 80
    return bool(says_micro or weeks is not None or project_pay or small or project)


def _posted_text(rng: random.Random, posted: datetime) -> tuple[str, datetime]:
    """How an html page writes the posting date, and the date that means."""
    days = (FETCHED.date() - posted.date()).days
    form = rng.randrange(4)
    if form == 0 and days:
        return (f"Posted {days} days ago" if days > 1 else "Posted yesterday"), posted
    if form == 1:
        return f"Posted on {posted.strftime('%d.%m.%Y')}", posted
    if form == 2:
        return posted.date().isoformat(), posted
    return f"Posted {posted.strftime('%b')} {posted.day}, {posted.year}", posted


def _spec(rng: random.Random, i: int) -> tuple[Facts, dict[str, Any]]:
    task = TASKS[i % len(TASKS)]
    terms = TERMS[rng.randrange(len(TERMS))]
    workplace = ("onsite", "hybrid", "remote")[rng.randrange(3)]
    if terms.currencies:
        workplace = "onsite" if workplace == "remote" else workplace
    if workplace == "remote":
        remote = [COUNTRIES[c] for c in REMOTE_SETS[rng.randrange(len(REMOTE_SETS))]]
        places: list[Place] = []
        code = remote[0].code if remote else "US"
    else:
        remote = []
        pool = [p for p in PLACES if not terms.currencies or CURRENCY[p.code][0] in terms.currencies]
        first = pool[rng.randrange(len(pool))]
        places = [first]
        if rng.random() < 0.2:
            second = [p for p in PLACES if p.code == first.code and p is not first]
            if second:
                places.append(second[rng.randrange(len(second))])
        code = first.code
    currency, sym = CURRENCY[code]
    employment = terms.employment[rng.randrange(len(terms.employment))]
    title = task.titles[rng.randrange(len(task.titles))]
    org, domain = ORGS[rng.randrange(len(ORGS))]
    elig_html, elig = ELIGIBILITY[rng.randrange(len(ELIGIBILITY))]
    blurb = BLURBS[rng.randrange(len(BLURBS))].format(org=org)
    terms_html = terms.text.replace("{sym}", sym)
    body = blurb + task.html + terms_html + elig_html
    pay: PayFact | None = None
    if isinstance(terms.pay, tuple):
        lo, hi, period = terms.pay
        pay = PayFact(lo, hi, currency, period, True, terms.pay_text.replace("{sym}", sym))
    elif terms.pay == "unpaid":
        pay = PayFact(None, None, None, None, False, terms.pay_text)
    elif terms.pay == "paid":
        pay = PayFact(None, None, None, None, True, terms.pay_text)
    posted = FETCHED - timedelta(days=rng.randrange(1, 20), hours=rng.randrange(0, 8))
    deadline = (FETCHED + timedelta(days=rng.randrange(8, 60))).date() if rng.random() < 0.6 else None
    start = None
    if terms.start is None and rng.random() < 0.35:
        start = (FETCHED + timedelta(days=rng.randrange(20, 90))).date()
    number = 5_100_000 + i * 37
    facts = Facts(uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)), number=number,
                  title=title, org=org, domain=domain, body_html=body, employment=list(employment),
                  pay=pay, places=places, workplace=workplace, remote_countries=remote,
                  posted=posted, deadline=deadline, start=start, hours=terms.hours, team=task.team,
                  hostile=rng.random() < 0.15)
    posted_text, posted_day = _posted_text(rng, posted)
    facts.extra["posted_text"] = posted_text
    labels = {
        "pay": pay.label() if pay else None,
        "duration_weeks": list(terms.duration) if terms.duration else None,
        "hours_per_week": list(terms.hours) if terms.hours else None,
        "total_hours": list(terms.total) if terms.total else None,
        "posted_at": posted_day.date().isoformat(),
        "deadline": deadline.isoformat() if deadline else None,
        "start_date": (terms.start or start).isoformat() if (terms.start or start) else None,
        "arrangement": workplace,
        "category": task.category,
        "skills": [*TITLE_SKILLS.get(title, ()), *task.skills],
        "eligibility": elig,
        "hourly": _hourly(pay, terms),
    }
    facts.extra["micro"] = dict(title=title, text=body, duration=terms.duration, hours=terms.hours,
                                total=terms.total, pay=terms.pay, project=terms.project,
                                eligibility=elig)
    return facts, labels


def _hourly(pay: PayFact | None, terms: Terms) -> dict[str, Any] | None:
    """The hourly equivalent by the documented rule: HOUR pay is its own; PROJECT pay over
    weeks x weekly hours (both needed); DAY/WEEK/MONTH/YEAR over the weekly hours, else a
    40-hour week."""
    if pay is None or pay.max is None or pay.period is None:
        return None
    lo = pay.min if pay.min is not None else pay.max
    if pay.period == "HOUR":
        return {"min": pay.min, "max": pay.max, "derived": False}
    h_lo, h_hi = terms.hours or (None, None)
    h_lo = h_lo or h_hi
    h_hi = h_hi or h_lo
    if pay.period == "PROJECT":
        if not terms.duration or not h_lo:
            return None
        w_lo, w_hi = terms.duration
        w_lo = w_lo or w_hi
        return {"min": round(lo / (w_hi * h_hi), 2), "max": round(pay.max / (w_lo * h_lo), 2),
                "derived": True}
    weeks_per = {"DAY": 1 / 5, "WEEK": 1.0, "MONTH": 52 / 12, "YEAR": 52.0}[pay.period]
    if h_lo:
        return {"min": round(lo / (weeks_per * h_hi), 2),
                "max": round(pay.max / (weeks_per * h_lo), 2), "derived": True}
    return {"min": round(lo / (weeks_per * 40), 2), "max": round(pay.max / (weeks_per * 40), 2),
            "derived": True}


def cases() -> list[Case]:
    rng = random.Random(SEED)
    out = []
    for i in range(SPECS):
        facts, labels = _spec(rng, i)
        first, second = i % len(KINDS), (i * 4 + 3) % len(KINDS)
        if second == first:
            second = (first + 1) % len(KINDS)
        for kind in (KINDS[first], KINDS[second]):
            payload, truth = RENDERERS[kind](facts)
            expected = {**labels, **truth}
            expected.setdefault("employment_types", list(facts.employment))
            # Every other spec comes from a career center's board, whose source declares that
            # its postings are for students (issue 13: the audience is a gate).
            audience = "students" if i % 2 == 0 else None
            expected["is_micro"] = micro_label(employment=tuple(expected["employment_types"]),
                                               audience=audience, **facts.extra["micro"])
            if kind != "html":
                expected["posted_at"] = facts.posted.date().isoformat()
            raw = {"source": f"corpus-{kind}", "kind": kind, "url": _list_url(kind, facts),
                   "fetched_at": FETCHED_AT, "payload": payload}
            if audience:
                raw["audience"] = audience
            out.append(Case(id=f"posting-{i}-{kind}", kind=kind, raw=raw, expected=expected,
                            tags=["posting"]))
    return out


def _list_url(kind: str, f: Facts) -> str:
    if kind in ("jsonld", "html"):
        return f"https://{f.domain}/jobs/{f.number}"
    if kind == "feed":
        return f"https://{f.domain}/jobs.rss"
    return f"https://api.example-ats.com/{kind}/{f.domain.split('.')[0]}"
