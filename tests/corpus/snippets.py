"""Messy phrases, each placed in a small posting of a rotating kind, with the one field it is about
labelled. Where a kind has a slot for the phrase (an html page's pay or deadline field, a Lever
commitment, a Greenhouse location) it goes there; otherwise into the description, as boards do.

Most cases are fetched at FETCHED_AT (Tuesday 2026-03-10): "3 days ago" is 2026-03-07, "apply by
March 3" the next March 3, 2027-03-03.
"""

from __future__ import annotations

import html as html_lib
from typing import Any

from tests.corpus import FETCHED_AT, Case

TEXT_KINDS = ("html", "jsonld", "greenhouse", "lever", "ashby", "smartrecruiters", "workable",
              "recruitee", "feed")


def P(lo: float | None, hi: float | None, cur: str | None, period: str | None,
      paid: bool | None = True) -> dict[str, Any]:
    return {"min": lo, "max": hi, "currency": cur, "period": period, "paid": paid}


UNPAID = P(None, None, None, None, False)
PAID = P(None, None, None, None, True)

# (phrase, pay label); the phrase goes into an html pay field, a feed salary element, or the text.
PAY = [
    ("$15/hr", P(15, 15, "USD", "HOUR")),
    ("USD 20–25 per hour", P(20, 25, "USD", "HOUR")),
    ("£500 fixed fee", P(500, 500, "GBP", "PROJECT")),
    ("Stipend of $1,200", P(1200, 1200, "USD", "PROJECT")),
    ("€2.000 brutto/Monat", P(2000, 2000, "EUR", "MONTH")),
    ("Unpaid", UNPAID),
    ("This is a volunteer position.", UNPAID),
    ("Competitive", PAID),
    ("Competitive pay", PAID),
    ("$50k-$60k a year", P(50000, 60000, "USD", "YEAR")),
    ("$18 - $22 an hour", P(18, 22, "USD", "HOUR")),
    ("CA$25/hour", P(25, 25, "CAD", "HOUR")),
    ("A$30 per hour", P(30, 30, "AUD", "HOUR")),
    ("₹15,000 per month", P(15000, 15000, "INR", "MONTH")),
    ("12,50 € pro Stunde", P(12.5, 12.5, "EUR", "HOUR")),
    ("1.500 € pro Monat", P(1500, 1500, "EUR", "MONTH")),
    ("$600 for the whole project", P(600, 600, "USD", "PROJECT")),
    ("$300 flat fee", P(300, 300, "USD", "PROJECT")),
    ("Pay: $25 per hour (DOE)", P(25, 25, "USD", "HOUR")),
    ("Honorarium: $250", P(250, 250, "USD", "PROJECT")),
    ("$1,000 - $1,500 stipend", P(1000, 1500, "USD", "PROJECT")),
    ("$800/month stipend", P(800, 800, "USD", "MONTH")),
    ("20 USD/h", P(20, 20, "USD", "HOUR")),
    ("GBP 12.50 per hour", P(12.5, 12.5, "GBP", "HOUR")),
    ("$2,500 total", P(2500, 2500, "USD", "PROJECT")),
    ("Unpaid internship (academic credit available)", UNPAID),
    ("This role is unpaid.", UNPAID),
    ("Paid internship", PAID),
    ("Negotiable", PAID),
    ("DOE", PAID),
    ("¥1,500 per hour", P(1500, 1500, "JPY", "HOUR")),
    ("CHF 30 per hour", P(30, 30, "CHF", "HOUR")),
    ("We raised a $5M seed round last year. Pay: $20/hour.", P(20, 20, "USD", "HOUR")),
    ("18 dollars per hour", P(18, 18, "USD", "HOUR")),
    ("$750 one-time payment", P(750, 750, "USD", "PROJECT")),
    ("$3,000 per month", P(3000, 3000, "USD", "MONTH")),
    ("$120 per day", P(120, 120, "USD", "DAY")),
    ("$400 per week", P(400, 400, "USD", "WEEK")),
    ("Volunteer experience is a plus. Pay: $16/hr.", P(16, 16, "USD", "HOUR")),
    ("Up to $25 per hour", P(None, 25, "USD", "HOUR")),
    ("Compensation: 500 EUR for the project", P(500, 500, "EUR", "PROJECT")),
    ("Stipend: $1,200 per month", P(1200, 1200, "USD", "MONTH")),
    ("Rate: $45-60/hr", P(45, 60, "USD", "HOUR")),
    ("$20–$25/hr plus travel costs", P(20, 25, "USD", "HOUR")),
    ("No pay; this is for portfolio experience only.", UNPAID),
    ("Salary: £28,000 per annum", P(28000, 28000, "GBP", "YEAR")),
    ("€15/Stunde", P(15, 15, "EUR", "HOUR")),
    ("INR 25000 stipend per month", P(25000, 25000, "INR", "MONTH")),
    ("$35 per hour, paid weekly", P(35, 35, "USD", "HOUR")),
    ("Stipend provided", PAID),
]

# (phrase, [min, max] weeks or None)
DURATION = [
    ("2–4 weeks", [2, 4]),
    ("This is a 3-week project.", [3, 3]),
    ("Length: 1 month", [4.3, 4.3]),
    ("The work takes 10 business days.", [2, 2]),
    ("You will support us through the end of the semester.", None),
    ("Summer 2026", None),
    ("6-8 weeks", [6, 8]),
    ("Duration: 4 weeks", [4, 4]),
    ("two weeks", [2, 2]),
    ("up to 6 weeks", [None, 6]),
    ("3 months", [13, 13]),
    ("8 to 10 weeks", [8, 10]),
    ("A one-week sprint.", [1, 1]),
    ("The project runs 4–6 weeks, about 5 hours a week.", [4, 6]),
    ("Start within 2 weeks; the project lasts 3 weeks.", [3, 3]),
    ("Work 3 days a week for 6 weeks.", [6, 6]),
    ("A 6-month internship.", [26, 26]),
    ("10 working days", [2, 2]),
    ("30 days", [4.3, 4.3]),
    ("2 to 3 weeks", [2, 3]),
    ("Ongoing", None),
    ("Spring 2026 semester", None),
    ("4 wks", [4, 4]),
    ("12 weeks (summer)", [12, 12]),
    ("We reply within 5 business days. The engagement lasts 2 weeks.", [2, 2]),
    ("Posted 2 weeks ago. A 5-week project.", [5, 5]),
    ("Requires 2 years of experience; a 4-week contract.", [4, 4]),
    ("a two-week engagement", [2, 2]),
    ("Project length: 3-4 weeks", [3, 4]),
    ("Dauer: 6 Wochen", [6, 6]),
]

# (phrase, hours-per-week label, total-hours label or "-" when not labelled)
HOURS: list[tuple[str, list | None, Any]] = [
    ("10-15 hrs/week", [10, 15], "-"),
    ("up to 20 hours per week", [None, 20], "-"),
    ("Part-time (20h)", [20, 20], "-"),
    ("5 hours total", None, [5, 5]),
    ("About 5 hours total, spread over one week.", [5, 5], [5, 5]),
    ("A 20-hour project over 4 weeks.", [5, 5], [20, 20]),
    ("4 hours a day", [20, 20], "-"),
    ("15 hours/week", [15, 15], "-"),
    ("20+ hours per week", [20, None], "-"),
    ("at least 10 hours a week", [10, None], "-"),
    ("Weekly hours: 10-12", [10, 12], "-"),
    ("10 to 15 hours weekly", [10, 15], "-"),
    ("Flexible hours, roughly 8 hrs per week.", [8, 8], "-"),
    ("40 hours per week", [40, 40], "-"),
    ("Full-time (40 hrs)", [40, 40], "-"),
    ("Teilzeit, 20 Std./Woche", [20, 20], "-"),
    ("3 days a week", None, "-"),
    ("10 hours per week for 3 weeks", [10, 10], "-"),
    ("between 10 and 15 hours a week", [10, 15], "-"),
    ("~10 hrs/wk", [10, 10], "-"),
    ("a few hours a week", None, "-"),
    ("20 hours over two weeks", [10, 10], [20, 20]),
    ("Expect 30 hours of work in total across 3 weeks.", [10, 10], [30, 30]),
    ("Hours per week: 12", [12, 12], "-"),
    ("We are open 24 hours a day.", None, "-"),
    ("Respond within 48 hours. Time commitment: 6 hours per week.", [6, 6], "-"),
]

# (field, phrase, date label): html date fields, fetched at FETCHED_AT.
DATES = [
    ("posted_at", "3 days ago", "2026-03-07"),
    ("posted_at", "Posted 2 weeks ago", "2026-02-24"),
    ("posted_at", "Posted yesterday", "2026-03-09"),
    ("posted_at", "Posted today", "2026-03-10"),
    ("posted_at", "Posted on March 2, 2026", "2026-03-02"),
    ("posted_at", "2026-03-01", "2026-03-01"),
    ("posted_at", "01.03.2026", "2026-03-01"),
    ("posted_at", "Posted 30+ days ago", "2026-02-08"),
    ("posted_at", "Just posted", "2026-03-10"),
    ("posted_at", "1 month ago", "2026-02-10"),
    ("posted_at", "Posted an hour ago", "2026-03-10"),
    ("posted_at", "Mar 5", "2026-03-05"),
    ("posted_at", "Posted 5d ago", "2026-03-05"),
    ("deadline", "Apply by March 3", "2027-03-03"),
    ("deadline", "Apply by April 15", "2026-04-15"),
    ("deadline", "Deadline: 31 March 2026", "2026-03-31"),
    ("deadline", "Applications close on 2026-04-01", "2026-04-01"),
    ("deadline", "Apply before Friday, March 20", "2026-03-20"),
    ("deadline", "Closes in 2 weeks", "2026-03-24"),
    ("deadline", "Rolling", None),
    ("deadline", "ASAP", None),
    ("deadline", "Open until filled", None),
    ("deadline", "Bewerbungsschluss: 15.04.2026", "2026-04-15"),
    ("deadline", "Apply by 4/30", "2026-04-30"),
    ("start_date", "Start date: June 1, 2026", "2026-06-01"),
    ("start_date", "Starts Summer 2026", "2026-06-01"),
    ("start_date", "Start: ASAP", None),
    ("start_date", "Fall 2026", "2026-09-01"),
    ("start_date", "Starting in April", "2026-04-01"),
    ("start_date", "Begins 2026-05-18", "2026-05-18"),
]

# (field, sentence in a description, label): deadlines and starts that only the text states.
TEXT_DATES = [
    ("deadline", "Please apply by March 3.", "2027-03-03"),
    ("deadline", "Application deadline: April 15, 2026.", "2026-04-15"),
    ("deadline", "Applications close 20 March.", "2026-03-20"),
    ("deadline", "Submit your application before April 1, 2026.", "2026-04-01"),
    ("deadline", "Apply by 2026-05-01 to be considered.", "2026-05-01"),
    ("deadline", "We review applications on a rolling basis.", None),
    ("deadline", "Deadline to apply: March 31", "2026-03-31"),
    ("deadline", "The project is due by April 10.", None),
    ("start_date", "The project starts on April 6, 2026.", "2026-04-06"),
    ("start_date", "Start date: May 4", "2026-05-04"),
    ("start_date", "Starting Summer 2026, remote.", "2026-06-01"),
    ("start_date", "Expected start: 2026-04-13", "2026-04-13"),
    ("start_date", "Start immediately.", None),
]

# (location text, locations label, arrangement label, remote_regions label)
LOCATIONS = [
    ("NYC", [["New York", "NY", "US"]], "onsite", []),
    ("San Francisco, CA", [["San Francisco", "CA", "US"]], "onsite", []),
    ("Remote (US only)", [], "remote", ["US"]),
    ("London, UK", [["London", None, "GB"]], "onsite", []),
    ("Berlin, Germany", [["Berlin", None, "DE"]], "onsite", []),
    ("Remote - Canada", [], "remote", ["CA"]),
    ("Hybrid - Austin, TX", [["Austin", "TX", "US"]], "hybrid", []),
    ("Toronto, ON, Canada", [["Toronto", "ON", "CA"]], "onsite", []),
    ("Bangalore, IN", [["Bangalore", None, "IN"]], "onsite", []),
    ("Portland, OR", [["Portland", "OR", "US"]], "onsite", []),
    ("Remote (US or Canada)", [], "remote", ["US", "CA"]),
    ("Remote, Europe", [], "remote", []),
    ("Anywhere", [], "remote", []),
    ("Munich, Bavaria, Germany", [["Munich", "Bavaria", "DE"]], "onsite", []),
    ("Washington, DC", [["Washington", "DC", "US"]], "onsite", []),
    ("SF Bay Area", [["San Francisco", "CA", "US"]], "onsite", []),
    ("Paris, France", [["Paris", None, "FR"]], "onsite", []),
    ("Multiple locations", [], "unknown", []),
    ("New York, NY; Boston, MA", [["New York", "NY", "US"], ["Boston", "MA", "US"]], "onsite", []),
    ("Remote-friendly (London)", [["London", None, "GB"]], "remote", []),
    ("Chicago, IL (Hybrid, 2 days in office)", [["Chicago", "IL", "US"]], "hybrid", []),
    ("Dublin", [["Dublin", None, "IE"]], "onsite", []),
    ("Sydney, NSW", [["Sydney", "NSW", "AU"]], "onsite", []),
    ("Atlanta, Georgia", [["Atlanta", "Georgia", "US"]], "onsite", []),
    ("Tbilisi, Georgia", [["Tbilisi", None, "GE"]], "onsite", []),
    ("On-site: Chicago, IL", [["Chicago", "IL", "US"]], "onsite", []),
    ("United States", [[None, None, "US"]], "onsite", []),
    ("Remote", [], "remote", []),
    ("WFH (India)", [], "remote", ["IN"]),
    ("San Francisco / New York", [["San Francisco", None, "US"], ["New York", None, "US"]],
     "onsite", []),
    ("Remote in the UK", [], "remote", ["GB"]),
    ("Amsterdam, Netherlands (hybrid)", [["Amsterdam", None, "NL"]], "hybrid", []),
    ("Seattle, WA, USA", [["Seattle", "WA", "US"]], "onsite", []),
    ("Remote — United States", [], "remote", ["US"]),
    ("Los Angeles", [["Los Angeles", None, "US"]], "onsite", []),
]

# (description sentence, arrangement label): postings with no place and no workplace field.
ARRANGEMENT = [
    ("This is a fully remote role.", "remote"),
    ("We are a remote-friendly team.", "remote"),
    ("The role is hybrid (2 days in office).", "hybrid"),
    ("You will work on-site at our lab.", "onsite"),
    ("We build hybrid cloud tools for hospitals.", "unknown"),
    ("Work from home on your own schedule.", "remote"),
    ("This is an in-person role at our downtown office.", "onsite"),
    ("Our remote control cars are sold worldwide.", "unknown"),
]

# (kind, employment value in the kind's own field, labels)
EMPLOYMENT = [
    ("jsonld", "Full-time", ["FULL_TIME"]),
    ("jsonld", "INTERNSHIP", ["INTERN"]),
    ("jsonld", ["PART_TIME", "INTERN"], ["PART_TIME", "INTERN"]),
    ("jsonld", "Contract", ["CONTRACTOR"]),
    ("jsonld", "temporary", ["TEMPORARY"]),
    ("jsonld", "Volunteer", ["VOLUNTEER"]),
    ("jsonld", "Seasonal", ["TEMPORARY"]),
    ("jsonld", "Freelance", ["CONTRACTOR"]),
    ("jsonld", "Full Time, Part Time", ["FULL_TIME", "PART_TIME"]),
    ("ashby", "Intern", ["INTERN"]),
    ("ashby", "Contract", ["CONTRACTOR"]),
    ("ashby", "FullTime", ["FULL_TIME"]),
    ("ashby", "PartTime", ["PART_TIME"]),
    ("ashby", "Temporary", ["TEMPORARY"]),
    ("lever", "Intern - Part Time", ["INTERN", "PART_TIME"]),
    ("lever", "Full Time - Contract", ["FULL_TIME", "CONTRACTOR"]),
    ("lever", "Internship (Summer)", ["INTERN"]),
    ("lever", "Part-time / Temporary", ["PART_TIME", "TEMPORARY"]),
    ("greenhouse", "Internship (paid)", ["INTERN"]),
    ("greenhouse", "Contract / Freelance", ["CONTRACTOR"]),
    ("recruitee", "internship", ["INTERN"]),
    ("recruitee", "parttime_fixed_term", ["PART_TIME", "TEMPORARY"]),
    ("recruitee", "freelance", ["CONTRACTOR"]),
    ("smartrecruiters", "Part-time", ["PART_TIME"]),
    ("workable", "Contract", ["CONTRACTOR"]),
    ("html", "Paid internship · Part-time", ["INTERN", "PART_TIME"]),
    ("html", "Temporary (6 weeks)", ["TEMPORARY"]),
    ("feed", "Internship", ["INTERN"]),
]

# (sentence, eligibility label)
ELIGIBILITY = [
    ("Open to all majors.", ["any_major"]),
    ("We help high school students learn math.", []),
    ("You will tutor college students in statistics.", []),
    ("Must be authorized to work in the US.", ["work_authorization_required"]),
    ("We cannot sponsor visas for this position.", ["no_visa_sponsorship"]),
    ("Visa sponsorship available.", ["visa_sponsorship"]),
    ("This position does not offer sponsorship.", ["no_visa_sponsorship"]),
    ("Applicants must have the right to work in the UK.", ["work_authorization_required"]),
    ("Currently enrolled undergraduates only.", ["students"]),
    ("Graduated within the last 12 months? Apply!", ["recent_graduates"]),
    ("Our app serves 2 million students worldwide.", []),
    ("This opportunity is open to students at any school.", ["students", "any_school"]),
    ("Ideal for a recent grad or final-year student.", ["students", "recent_graduates"]),
    ("Open to current students and alumni.", ["students", "recent_graduates"]),
    ("No sponsorship is available now or in the future; applicants must be legally authorized to "
     "work in the United States.", ["no_visa_sponsorship", "work_authorization_required"]),
]

# (title, text, category, skills): short postings for the taxonomy.
TAXONOMY = [
    ("Instagram Reels Editor", "Cut 8 short videos a week with Premiere Pro.", "design",
     ["Premiere Pro"]),
    ("Podcast Show Notes Writer", "Write show notes and blog posts for 6 episodes.", "writing", []),
    ("Spreadsheet Data Entry", "Copy 500 product prices into Excel.", "data_entry",
     ["Data Entry", "Excel"]),
    ("Cold Email Outreach", "Send cold email sequences to 200 leads in Salesforce.", "sales",
     ["Salesforce"]),
    ("Machine Learning Micro-Internship", "Label images and train a small PyTorch model.",
     "data_analysis", ["Machine Learning", "PyTorch"]),
    ("Tax Season Assistant", "Prepare tax documents and check the bookkeeping.", "finance",
     ["Bookkeeping"]),
    ("Help Desk Assistant", "Answer help desk tickets for our customer service team.",
     "customer_support", ["Customer Service"]),
    ("UX Design Intern", "Create wireframes and mockups in Figma.", "design", ["UX Design", "Figma"]),
    ("Spanish Translator", "Translate 20 pages of onboarding material into Spanish.", "writing",
     ["Translation", "Spanish"]),
    ("Research Assistant, Public Health", "Run a survey of 300 clinics and code the answers in "
     "SPSS.", "research", ["SPSS"]),
    ("Community Manager (Discord)", "Grow our Discord community and plan weekly events.",
     "marketing", []),
    ("Backend Developer Micro-Project", "Add two endpoints to our Django app and write tests.",
     "software", ["Django"]),
    ("Procurement Analyst", "Compare quotes from 12 vendors for office supplies.", "operations",
     []),
    ("Teaching Assistant", "Grade assignments and prepare lesson plans.", "education", []),
    ("Paralegal Project", "Review 40 contracts for renewal dates.", "legal", []),
    ("Go-to-Market Strategy Project", "Write a business plan for entering the Canadian market.",
     "consulting", []),
]


# Per kind: a small posting of that kind, (n, uid, title, body) -> payload.
_BASES: dict[str, Any] = {
    "jsonld": lambda n, uid, title, body: {
        "@type": "JobPosting", "title": title, "description": body,
        "identifier": str(n), "hiringOrganization": {"name": "Snippet Co"}},
    "greenhouse": lambda n, uid, title, body: {
        "id": n, "title": title, "absolute_url": f"https://boards.greenhouse.io/s/jobs/{n}",
        "content": html_lib.escape(body), "company_name": "Snippet Co", "location": {"name": ""}},
    "lever": lambda n, uid, title, body: {
        "id": uid, "text": title, "hostedUrl": f"https://jobs.lever.co/s/{uid}",
        "description": body, "categories": {}},
    "ashby": lambda n, uid, title, body: {
        "id": uid, "title": title, "jobUrl": f"https://jobs.ashbyhq.com/s/{uid}",
        "descriptionHtml": body},
    "smartrecruiters": lambda n, uid, title, body: {
        "id": str(n), "name": title, "company": {"identifier": "s", "name": "Snippet Co"},
        "jobAd": {"sections": {"jobDescription": {"title": "Job", "text": body}}}},
    "workable": lambda n, uid, title, body: {
        "shortcode": f"S{n}", "title": title, "url": f"https://apply.workable.com/j/S{n}",
        "description": body},
    "recruitee": lambda n, uid, title, body: {
        "id": n, "title": title, "careers_url": f"https://s.recruitee.com/o/{n}",
        "description": body, "company_name": "Snippet Co"},
    "feed": lambda n, uid, title, body: {
        "title": title, "link": f"https://s.example/jobs/{n}", "id": f"s-{n}",
        "summary": body, "feed": {"title": "Snippet Co"}},
    "html": lambda n, uid, title, body: {
        "fields": {"title": [title], "description": [body]},
        "list_fields": {"url": [f"/jobs/{n}"]}},
}


def _base(kind: str, n: int, title: str, body: str) -> dict[str, Any]:
    """A small posting of `kind` whose description is `body`."""
    return _BASES[kind](n, f"00000000-0000-4000-8000-{n:012d}", title, body)


def _raw(kind: str, payload: dict[str, Any], fetched_at: str = FETCHED_AT) -> dict[str, Any]:
    url = "https://s.example/jobs" if kind in ("html", "jsonld", "feed") else \
        f"https://api.example-ats.com/{kind}/s"
    return {"source": f"snippet-{kind}", "kind": kind, "url": url, "fetched_at": fetched_at,
            "payload": payload}


def _filler(n: int) -> str:
    fillers = ("<p>Join a small, friendly team.</p>", "",
               "<p>We will pair you with a mentor.</p>", "<p>Tell us about yourself.</p>")
    return fillers[n % len(fillers)]


def cases() -> list[Case]:
    out: list[Case] = []
    n = 9_000_000

    def add(group: str, kind: str, payload: dict[str, Any], expected: dict[str, Any]) -> None:
        out.append(Case(id=f"{group}-{len(out)}-{kind}", kind=kind, raw=_raw(kind, payload),
                        expected=expected, tags=["snippet", group]))

    for i, (phrase, label) in enumerate(PAY):
        n += 1
        kind = TEXT_KINDS[i % len(TEXT_KINDS)]
        payload = _base(kind, n, "Project Assistant", _filler(i) + f"<p>{html_lib.escape(phrase)}</p>")
        if phrase in SLOT_ONLY:  # a bare word means pay only in a pay field
            kind = ("html", "feed", "greenhouse", "jsonld")[i % 4]
            payload = _base(kind, n, "Project Assistant", _filler(i))
            _set_pay_slot(kind, payload, phrase)
        elif kind == "html" and i % 2 == 0:
            payload = _base(kind, n, "Project Assistant", _filler(i))
            payload["fields"]["pay"] = [phrase]
        elif kind == "feed" and i % 2 == 0:
            payload = _base(kind, n, "Project Assistant", _filler(i))
            payload["extensions"] = {"job:salary": phrase}
        add("pay", kind, payload, {"pay": label})
    for i, (phrase, label) in enumerate(DURATION):
        n += 1
        kind = TEXT_KINDS[(i + 3) % len(TEXT_KINDS)]
        payload = _base(kind, n, "Project Assistant", f"<p>{phrase}</p>" + _filler(i))
        if kind == "html" and i % 2 == 0:
            payload = _base(kind, n, "Project Assistant", _filler(i))
            payload["fields"]["duration"] = [phrase]
        add("duration", kind, payload, {"duration_weeks": label})
    for i, (phrase, weekly, total) in enumerate(HOURS):
        n += 1
        kind = TEXT_KINDS[(i + 5) % len(TEXT_KINDS)]
        payload = _base(kind, n, "Project Assistant", _filler(i) + f"<p>{phrase}</p>")
        expected: dict[str, Any] = {"hours_per_week": weekly}
        if total != "-":
            expected["total_hours"] = total
        add("hours", kind, payload, expected)
    for i, (name, phrase, label) in enumerate(DATES):
        n += 1
        payload = _base("html", n, "Project Assistant", _filler(i))
        payload["fields"][name] = [phrase]
        add("dates", "html", payload, {name: label})
    for i, (name, sentence, label) in enumerate(TEXT_DATES):
        n += 1
        kind = ("lever", "ashby", "smartrecruiters", "workable", "greenhouse", "jsonld")[i % 6]
        payload = _base(kind, n, "Project Assistant", _filler(i) + f"<p>{sentence}</p>")
        add("text_dates", kind, payload, {name: label})
    for i, (text, locations, arrangement, regions) in enumerate(LOCATIONS):
        n += 1
        kind = ("html", "greenhouse", "lever", "ashby", "feed")[i % 5]
        payload = _base(kind, n, "Project Assistant", _filler(i))
        _SET_LOCATION[kind](payload, text)
        add("locations", kind, payload, {"locations": locations, "arrangement": arrangement,
                                         "remote_regions": regions})
    for i, (sentence, arrangement) in enumerate(ARRANGEMENT):
        n += 1
        kind = ("html", "jsonld", "feed", "greenhouse")[i % 4]
        add("arrangement", kind, _base(kind, n, "Project Assistant", f"<p>{sentence}</p>"),
            {"arrangement": arrangement})
    for i, (kind, value, label) in enumerate(EMPLOYMENT):
        n += 1
        payload = _base(kind, n, "Project Assistant", _filler(i))
        _set_employment(kind, payload, value)
        add("employment", kind, payload, {"employment_types": label})
    for i, (sentence, label) in enumerate(ELIGIBILITY):
        n += 1
        kind = TEXT_KINDS[(i + 1) % len(TEXT_KINDS)]
        add("eligibility", kind, _base(kind, n, "Project Assistant", f"<p>{sentence}</p>"),
            {"eligibility": label})
    for i, (title, text, category, skills) in enumerate(TAXONOMY):
        n += 1
        kind = TEXT_KINDS[(i + 2) % len(TEXT_KINDS)]
        add("taxonomy", kind, _base(kind, n, title, f"<p>{text}</p>"),
            {"category": category, "skills": skills})
    return out


SLOT_ONLY = {"Competitive", "Negotiable", "DOE"}


# Per kind: where a pay phrase, an employment type or a location goes in its payload.
_SET_PAY_SLOT: dict[str, Any] = {
    "html": lambda p, v: p["fields"].update(pay=[v]),
    "feed": lambda p, v: p.update(extensions={"job:salary": v}),
    "greenhouse": lambda p, v: p.update(
        metadata=[{"id": 7, "name": "Pay Range", "value": v, "value_type": "short_text"}]),
    "jsonld": lambda p, v: p.update(baseSalary={
        "@type": "MonetaryAmount", "currency": "USD",
        "value": {"@type": "QuantitativeValue", "value": v, "unitText": "HOUR"}}),
}
_SET_EMPLOYMENT: dict[str, Any] = {
    "jsonld": lambda p, v: p.update(employmentType=v),
    "ashby": lambda p, v: p.update(employmentType=v),
    "lever": lambda p, v: p.update(categories={"commitment": v}),
    "greenhouse": lambda p, v: p.update(
        metadata=[{"id": 1, "name": "Employment Type", "value": v, "value_type": "single_select"}]),
    "recruitee": lambda p, v: p.update(employment_type_code=v),
    "smartrecruiters": lambda p, v: p.update(typeOfEmployment={"id": "x", "label": v}),
    "workable": lambda p, v: p.update(employment_type=v),
    "html": lambda p, v: p["fields"].update(employment_type=[v]),
    "feed": lambda p, v: p.update(extensions={"job:jobType": v}),
}
_SET_LOCATION: dict[str, Any] = {
    "html": lambda p, v: p["fields"].update(location=[v]),
    "greenhouse": lambda p, v: p.update(location={"name": v}),
    "lever": lambda p, v: p.update(categories={"location": v, "allLocations": [v]}),
    "ashby": lambda p, v: p.update(location=v),
    "feed": lambda p, v: p.update(extensions={"job:location": v}),
}


def _set_pay_slot(kind: str, payload: dict[str, Any], phrase: str) -> None:
    _SET_PAY_SLOT[kind](payload, phrase)


def _set_employment(kind: str, payload: dict[str, Any], value: Any) -> None:
    _SET_EMPLOYMENT[kind](payload, value)
