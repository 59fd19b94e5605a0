"""A labelled evaluation set for deduplication: realistic micro-internship postings, cross-posted
with the variations seen in the wild, plus hard negatives.

`generate(n, seed)` returns about `n` Listing dicts and, for each, the opening it belongs to
(ground truth) and its variation label. Everything comes from one `random.Random(seed)` drawn in
a fixed order, so a seed always gives the same set.

Openings. An employer (generated names with legal suffixes, a domain, a head office, a house
style for descriptions) posts an opening on its ATS or its career page. About two thirds are
cross-posted one to four times by university career centers, job boards and feeds.

Copies (labels). Every copy has a new id, URL, source and dates (posted up to two weeks later,
first seen later still); four in ten link to the employer's apply URL, the rest to their own.
On top of that, one variation (or several, `mixed`):
  exact_repost      nothing else
  title_reword      "Intern, Data Analytics", "Acme: Data Analytics Intern", "(Remote)", "Summer
                    2026", case, abbreviations, intern/internship/micro-internship/project
  org_suffix        "Acme Analytics" / "Acme Analytics, Inc." / "ACME ANALYTICS LLC" / "The ... Co."
  location_format   "NYC" / "New York City, New York" / raw text the normalizer left unparsed /
                    no location at all / only the first of several cities
  desc_truncated    a feed or board cut the description ("... Read more")
  desc_reformatted  bullets, headings, line breaks and quotes changed; a career-center header
                    and footer added
  other_kind        the posting as another source kind reads it (a feed: short summary, no pay,
                    raw location; scraped HTML: page chrome in the text, unknown arrangement)
  mixed             two or three of the above

Hard negatives (separate openings, labelled by how they differ from the opening they mimic):
  neg_other_city       same organization, title and description, another city
  neg_other_team       same organization and category, another team or area in the title,
                       shared company boilerplate, other tasks
  neg_other_seniority  "Senior"/"Junior"/"II" added, description nearly the same
  neg_next_season      the same program a year later ("Summer 2025" -> "Summer 2026")
  neg_other_project    same organization, title and place; a different project in the text
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

SEED = 20260501
TODAY = date(2026, 5, 1)

COPY_VARIATIONS = ["exact_repost", "title_reword", "org_suffix", "location_format",
                   "desc_truncated", "desc_reformatted", "other_kind", "mixed"]
COPY_WEIGHTS = [12, 16, 12, 14, 10, 10, 12, 14]
NEGATIVES = ["neg_other_city", "neg_other_team", "neg_other_seniority", "neg_next_season",
             "neg_other_project"]
COPIES_COUNT = [0, 1, 2, 3, 4]
COPIES_WEIGHTS = [35, 30, 20, 10, 5]
NEGATIVE_SHARE = 0.22
SHARED_APPLY_URL = 0.4

ATS_KINDS = ["greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee"]

ORG_FIRST = """Bright North Blue Cedar Summit Harbor Keystone Lumen Atlas Pioneer Redwood Silver
Granite Maple Orchid Vertex Nimbus Beacon Crescent Evergreen Falcon Golden Horizon Ivy Juniper
Kestrel Lakeside Meridian Nova Oak Pine Quartz River Sage Tidal Union Vista Willow Zenith Coral
Echo Fern Hudson Iron Jade Linden Mosaic Onyx Prairie Ridge Slate Terra Cobalt Aspen Birch Canyon
Delta Ember Fable Glacier""".split()
ORG_SECOND = """line wind field stone path bridge works point gate view crest light wave forge leaf
brook haven mark spring wood hill rock star well shore bay dale peak vale""".split()
ORG_TYPES = """Analytics Health Labs Studios Logistics Media Foods Energy Robotics Capital
Consulting Software Bio Learning Design Partners Systems Foundation Collective Networks Insights
Solutions Ventures Group Works""".split()
LEGAL = ["", "", "", "Inc.", "LLC", "Ltd.", "Corp.", "Co.", "GmbH", "Inc", "L.L.C."]
INDUSTRIES = ["software company", "healthcare nonprofit", "consumer goods startup",
              "marketing agency", "logistics firm", "clean energy company", "education nonprofit",
              "fintech startup", "media company", "biotech company", "design studio",
              "research institute", "food and beverage brand", "consulting firm"]
MISSIONS = [
    "We help small businesses make sense of their customer data.",
    "Our mission is to make healthy food affordable for every family.",
    "We build tools that help teachers spend more time teaching.",
    "We connect independent retailers with local shoppers.",
    "Our team designs software that keeps supply chains moving.",
    "We are on a mission to cut household energy bills in half.",
    "We tell stories that help communities understand science.",
    "Our products help clinics reduce paperwork and wait times.",
    "We partner with cities to make public transit easier to use.",
    "We help first-time founders raise their first round.",
]
EEO = [
    "{org} is an equal opportunity employer. We welcome applicants of every background.",
    "We value diversity and do not discriminate on the basis of race, religion, gender, age or "
    "disability.",
    "Students from all majors and schools are encouraged to apply.",
    "Reasonable accommodations are available on request during the application process.",
]

# (city, region, country, alternative spellings a board might use)
PLACES = [
    ("New York", "NY", "US", ["NYC", "New York City, New York", "New York, NY, USA", "Manhattan, NY"]),
    ("San Francisco", "CA", "US", ["SF", "San Francisco, California", "San Francisco Bay Area"]),
    ("Los Angeles", "CA", "US", ["LA", "Los Angeles, California, United States"]),
    ("Chicago", "IL", "US", ["Chicago, Illinois", "Chicago IL"]),
    ("Boston", "MA", "US", ["Boston, Massachusetts", "Boston, MA, USA"]),
    ("Seattle", "WA", "US", ["Seattle, Washington", "Seattle, WA, US"]),
    ("Austin", "TX", "US", ["Austin, Texas", "Austin TX"]),
    ("Atlanta", "GA", "US", ["Atlanta, Georgia", "Atlanta, GA, United States"]),
    ("Denver", "CO", "US", ["Denver, Colorado", "Denver, CO, USA"]),
    ("Washington", "DC", "US", ["Washington, D.C.", "Washington DC", "DC"]),
    ("Philadelphia", "PA", "US", ["Philadelphia, Pennsylvania", "Philly, PA"]),
    ("Minneapolis", "MN", "US", ["Minneapolis, Minnesota", "Minneapolis MN"]),
    ("Pittsburgh", "PA", "US", ["Pittsburgh, Pennsylvania"]),
    ("Raleigh", "NC", "US", ["Raleigh, North Carolina", "Raleigh, NC, USA"]),
    ("Toronto", "ON", "CA", ["Toronto, Ontario", "Toronto, ON, Canada"]),
    ("Vancouver", "BC", "CA", ["Vancouver, British Columbia", "Vancouver, BC, Canada"]),
    ("London", "England", "GB", ["London, UK", "London, United Kingdom", "London, England"]),
    ("Manchester", "England", "GB", ["Manchester, UK", "Manchester, United Kingdom"]),
    ("Berlin", "Berlin", "DE", ["Berlin, Germany", "Berlin, DE", "Berlin, Deutschland"]),
    ("Munich", "Bavaria", "DE", ["München", "Munich, Germany", "München, Bayern"]),
    ("Dublin", "Leinster", "IE", ["Dublin, Ireland", "Dublin 2, Ireland"]),
    ("Amsterdam", "North Holland", "NL", ["Amsterdam, Netherlands", "Amsterdam, NL"]),
    ("Bangalore", "Karnataka", "IN", ["Bengaluru", "Bengaluru, Karnataka", "Bangalore, India"]),
    ("Sydney", "NSW", "AU", ["Sydney, Australia", "Sydney NSW"]),
]

CATEGORIES: dict[str, dict[str, list[str]]] = {
    "marketing": {
        "areas": ["Marketing", "Social Media", "Content Marketing", "Email Marketing", "Brand",
                  "Digital Marketing", "Growth Marketing", "Event Marketing", "Product Marketing"],
        "roles": ["Intern", "Assistant", "Analyst", "Coordinator", "Strategist"],
        "tasks": ["plan and schedule two weeks of social media posts",
                  "audit our email newsletter and suggest three improvements",
                  "research five competitors and summarize their positioning",
                  "draft copy for a product launch landing page",
                  "build a simple dashboard of campaign results",
                  "interview customers and turn their stories into short posts",
                  "organize our asset library and tag every image",
                  "prepare a brief for a back-to-school campaign",
                  "compare the performance of our last ten ads",
                  "write a playbook for our community ambassadors"],
    },
    "data": {
        "areas": ["Data", "Data Analytics", "Business Intelligence", "Data Visualization",
                  "Market Research", "Survey Research", "Data Entry"],
        "roles": ["Analyst", "Research Assistant", "Intern", "Assistant"],
        "tasks": ["clean and merge three spreadsheets of customer records",
                  "analyze survey responses and present the key findings",
                  "build charts that explain our monthly sales trends",
                  "write SQL queries to answer questions from the sales team",
                  "check a dataset of 2,000 addresses for errors",
                  "document the definitions of our main metrics",
                  "segment our customers by purchase behavior",
                  "compile pricing data from public sources",
                  "automate a weekly report in Google Sheets",
                  "summarize industry reports into a two-page memo"],
    },
    "software": {
        "areas": ["Software", "Web Development", "Python", "Frontend", "QA Testing",
                  "Mobile App", "Automation"],
        "roles": ["Developer", "Engineer", "Intern", "Tester"],
        "tasks": ["fix accessibility issues on our public website",
                  "write unit tests for an internal Python library",
                  "build a small integration between two web APIs",
                  "migrate a set of scripts to a scheduled job",
                  "test our mobile app on five devices and report bugs",
                  "document the setup of our development environment",
                  "prototype a dashboard with a JavaScript charting library",
                  "improve the loading time of our landing pages",
                  "write a scraper for public datasets we rely on",
                  "review and label 300 support tickets about bugs"],
    },
    "design": {
        "areas": ["Graphic Design", "UX Research", "UI Design", "Video Editing", "Illustration",
                  "Presentation Design"],
        "roles": ["Designer", "Intern", "Assistant"],
        "tasks": ["design a set of social media templates",
                  "run five usability interviews and summarize them",
                  "redesign our investor presentation",
                  "edit three short videos from recorded interviews",
                  "create icons for a new product feature",
                  "update our brand guidelines with new examples",
                  "sketch wireframes for a new onboarding flow",
                  "illustrate a one-page explainer for customers",
                  "audit our website for visual consistency",
                  "prepare mockups for a trade show booth"],
    },
    "writing": {
        "areas": ["Content Writing", "Copywriting", "Technical Writing", "Grant Writing",
                  "Blog Writing", "Editorial"],
        "roles": ["Writer", "Intern", "Assistant"],
        "tasks": ["write four blog posts about our industry",
                  "draft a grant application with our development team",
                  "edit our help center articles for clarity",
                  "write product descriptions for 40 items",
                  "interview staff for an internal newsletter",
                  "turn a technical report into a plain-language summary",
                  "proofread our annual report",
                  "research and draft a case study",
                  "rewrite our onboarding emails",
                  "prepare a press release for a new partnership"],
    },
    "operations": {
        "areas": ["Operations", "Administrative", "Project Coordination", "HR", "Recruiting",
                  "Customer Support"],
        "roles": ["Assistant", "Coordinator", "Intern"],
        "tasks": ["organize our vendor contracts in a shared drive",
                  "schedule interviews for open roles",
                  "update our employee handbook",
                  "map our order fulfillment process",
                  "answer customer emails during a product launch",
                  "prepare onboarding packets for new hires",
                  "compile a list of potential event venues",
                  "track inventory for two warehouses",
                  "review our job descriptions for inclusive language",
                  "build a tracker for volunteer hours"],
    },
    "finance": {
        "areas": ["Finance", "Accounting", "Financial Analysis", "Bookkeeping",
                  "Investment Research"],
        "roles": ["Analyst", "Assistant", "Intern"],
        "tasks": ["reconcile three months of expense reports",
                  "build a cash-flow model for the next year",
                  "research ten companies for an investment memo",
                  "prepare a budget variance report",
                  "categorize transactions in our accounting software",
                  "compare the pricing of our main suppliers",
                  "summarize quarterly results of public competitors",
                  "audit invoices for duplicate payments",
                  "build a unit economics spreadsheet",
                  "prepare charts for a board meeting"],
    },
    "sales": {
        "areas": ["Sales", "Lead Generation", "Business Development", "Customer Success",
                  "Partnerships"],
        "roles": ["Associate", "Representative", "Intern", "Assistant"],
        "tasks": ["build a list of 200 potential customers",
                  "research partners for a regional expansion",
                  "update records in our CRM",
                  "draft outreach emails for a new product",
                  "call existing customers for feedback",
                  "prepare a sales deck for a trade show",
                  "analyze why deals were lost last quarter",
                  "map the decision makers at ten target accounts",
                  "write follow-up sequences for webinar attendees",
                  "compile competitor pricing for the sales team"],
    },
}
REQUIREMENTS = ["Currently enrolled in a college or university, or graduated in the last year",
                "Comfortable with Google Workspace or Microsoft Office",
                "Clear written communication",
                "Able to work independently and meet deadlines",
                "Curious and organized",
                "Some experience with Excel or Google Sheets",
                "Interest in our industry",
                "Available for a weekly 30-minute check-in"]
SENIOR_REQ = "At least two years of relevant experience and a portfolio of past projects"
DURATIONS = ["2–4 weeks", "3 weeks", "about one month", "10 business days", "4-6 weeks"]
HOURS = ["10-15 hours per week", "up to 20 hours per week", "about 10 hours a week",
         "5–8 hours weekly"]
SEASONS = ["Summer", "Fall", "Spring", "Winter"]
TEAMS = ["Growth", "Finance", "Product", "Operations", "Partnerships", "Customer", "Research",
         "Platform", "Brand", "Community"]
CAREER_CENTERS = ["stateu", "techinstitute", "lakesidecollege", "metrouniversity", "westcoastu",
                  "northernpoly", "citycollege", "riverdaleu"]
BOARDS = ["internhub", "gigcampus", "microgigs", "studentworks", "projectboard", "campusjobs"]
FEEDS = ["weeklygigs-rss", "startupjobs-feed", "remoteinterns-atom"]


@dataclass
class Org:
    name: str  # canonical spelling, without legal suffix
    legal: str
    domain: str
    hq: tuple
    industry: str
    mission: str
    eeo: str
    ats: str


@dataclass
class Opening:
    key: str
    org: Org
    category: str
    area: str
    role: str
    form: str
    team: str | None
    seniority: str | None
    season: str | None
    places: list[tuple]  # [] when remote
    arrangement: str
    tasks: list[str]
    reqs: list[str]
    duration: str
    hours: str
    pay: tuple  # (min, max, period)
    posted: date
    kind: str
    related_to: str | None = None  # the opening a hard negative mimics
    negative: str | None = None


@dataclass
class Dataset:
    listings: list[dict[str, Any]] = field(default_factory=list)
    opening: dict[str, str] = field(default_factory=dict)  # listing id -> opening key
    label: dict[str, str] = field(default_factory=dict)  # listing id -> variation label
    related: dict[str, tuple[str, str]] = field(default_factory=dict)  # neg opening -> (opening, type)


def _id(rng: random.Random) -> str:
    return hashlib.sha1(rng.getrandbits(64).to_bytes(8, "big")).hexdigest()[:20]


def _org_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        first, second = rng.choice(ORG_FIRST), rng.choice(ORG_SECOND)
        stem = f"{first}{second}" if rng.random() < 0.6 else f"{first} {second.title()}"
        kind = rng.choice(ORG_TYPES)
        name = f"{stem} {kind}" if rng.random() < 0.85 else f"{stem} & {rng.choice(ORG_FIRST)} {kind}"
        if name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def _make_orgs(rng: random.Random, count: int) -> list[Org]:
    orgs = []
    for name in _org_names(rng, count):
        domain = name.split(" ")[0].lower().replace("&", "") + "-" + name.split(" ")[-1].lower() + ".com"
        orgs.append(Org(name, rng.choice(LEGAL), domain, rng.choice(PLACES), rng.choice(INDUSTRIES),
                        rng.choice(MISSIONS), rng.choice(EEO), rng.choice(ATS_KINDS)))
    return orgs


def _title(o: Opening) -> str:
    role = o.role
    base = f"{o.area} {role}"
    if o.form and role != "Intern":
        base = f"{base} {o.form}" if not o.form.startswith("(") else f"{base} {o.form}"
    elif o.form == "Micro-Internship":
        base = f"{o.area} Micro-Internship"
    if o.team:
        base = f"{base} - {o.team} Team"
    if o.seniority:
        base = f"{base} II" if o.seniority == "II" else f"{o.seniority} {base}"
    if o.season:
        base = f"{base} ({o.season})"
    return base


def _description(o: Opening, rng: random.Random) -> tuple[str, list[tuple[str, Any]]]:
    """The opening's description as text and as blocks [(kind, content)] for HTML rendering."""
    org = o.org
    title = _title(o).split(" (")[0]
    where = ("The work is fully remote." if not o.places
             else f"You will work from our {o.places[0][0]} office"
                  + (" two days a week." if o.arrangement == "hybrid" else "."))
    pay_min, pay_max, period = o.pay
    pay = (f"${pay_min:.0f}–{pay_max:.0f} per hour" if period == "HOUR"
           else f"a fixed fee of ${pay_min:.0f} for the project")
    team = f"our {o.team} team" if o.team else f"our {o.area.lower()} team"
    blocks: list[tuple[str, Any]] = [
        ("h", f"About {org.name}"),
        ("p", f"{org.name} is a {org.industry} based in {org.hq[0]}. {org.mission}"),
        ("h", "The project"),
        ("p", f"We are looking for a {title.lower()} to help {team} with a short, paid project. "
              f"This micro-internship runs {o.duration} at {o.hours}."),
        ("h", "What you'll do"),
        ("ul", [t[0].upper() + t[1:] for t in o.tasks]),
        ("h", "What we're looking for"),
        ("ul", list(o.reqs)),
        ("h", "Details"),
        ("p", f"Pay: {pay}. {where}"),
        ("p", org.eeo.format(org=org.name)),
    ]
    return _blocks_text(blocks), blocks


def _blocks_text(blocks: list[tuple[str, Any]], bullet: str = "- ", sep: str = "\n") -> str:
    out = []
    for kind, content in blocks:
        if kind == "ul":
            out.append(sep.join(bullet + item for item in content))
        else:
            out.append(content)
    return sep.join(out)


def _blocks_html(blocks: list[tuple[str, Any]]) -> str:
    out = []
    for kind, content in blocks:
        if kind == "ul":
            out.append("<ul>" + "".join(f"<li>{c}</li>" for c in content) + "</ul>")
        elif kind == "h":
            out.append(f"<h3>{content}</h3>")
        else:
            out.append(f"<p>{content}</p>")
    return "".join(out)


def _location(place: tuple) -> dict[str, Any]:
    city, region, country, _ = place
    return {"city": city, "region": region, "country": country, "raw": f"{city}, {region}"}


def _base_listing(o: Opening, rng: random.Random) -> dict[str, Any]:
    text, blocks = _description(o, rng)
    org = o.org
    native = _id(rng)
    if o.kind in ATS_KINDS:
        url = f"https://jobs.{o.kind}.example/{org.domain.split('.')[0]}/{native[:8]}"
        source = f"{o.kind}:{org.domain.split('.')[0]}"
    else:
        url = f"https://{org.domain}/careers/{native[:8]}"
        source = f"{org.domain.split('.')[0]}-careers"
    first_seen = o.posted + timedelta(days=rng.randint(0, 2))
    pay_min, pay_max, period = o.pay
    remote_loc = [] if rng.random() < 0.5 else [{"city": None, "region": None, "country": "US",
                                                  "raw": "Remote (US)"}]
    return {
        "id": _id(rng), "source": source, "kind": o.kind, "url": url, "apply_url": url + "/apply",
        "title": _title(o),
        "organization": {"name": f"{org.name} {org.legal}".strip() if rng.random() < 0.5 else org.name,
                         "domain": org.domain},
        "description_html": _blocks_html(blocks), "description_text": text,
        "locations": [_location(p) for p in o.places] if o.places else remote_loc,
        "arrangement": o.arrangement, "remote_regions": ["US"] if not o.places else [],
        "employment_types": ["INTERN", "TEMPORARY"] if rng.random() < 0.5 else ["INTERN"],
        "pay": {"min": pay_min, "max": pay_max, "currency": "USD", "period": period, "paid": True,
                "hourly_min": pay_min if period == "HOUR" else None,
                "hourly_max": pay_max if period == "HOUR" else None, "hourly_derived": False},
        "duration_weeks": {"min": 2.0, "max": 4.0}, "hours_per_week": {"min": 10.0, "max": 15.0},
        "posted_at": o.posted.isoformat(), "deadline": (o.posted + timedelta(days=30)).isoformat(),
        "start_date": None, "category": o.category, "skills": [], "eligibility": ["students"],
        "micro_internship": {"is_micro": True, "score": 0.9, "reasons": ["duration", "paid"]},
        "fetched_at": first_seen.isoformat() + "T08:00:00+00:00",
        "first_seen_at": first_seen.isoformat() + "T08:00:00+00:00",
        "last_seen_at": TODAY.isoformat() + "T08:00:00+00:00", "status": "active",
        "warnings": [], "schema_version": 1,
        "_blocks": blocks,  # removed before returning; copies reformat from it
    }


# -- variations ---------------------------------------------------------------------------------

def _reword_title(title: str, o: Opening, rng: random.Random) -> str:
    plain = _title(replace(o, season=None))
    season = f" ({o.season})" if o.season else ""
    options = [
        lambda: f"{o.role}, {o.area}" + (f" - {o.team} Team" if o.team else "") + season
        if o.role == "Intern" and not o.seniority else f"{plain}{season}",
        lambda: f"Micro-Internship: {plain}{season}",
        lambda: f"{plain} (Remote){season}" if not o.places else f"{plain} - {o.places[0][0]}{season}",
        lambda: f"{o.org.name}: {plain}{season}",
        lambda: f"{plain} at {o.org.name}{season}",
        lambda: f"{plain} | Paid{season}",
        lambda: (f"{plain}{season}").upper(),
        lambda: f"{plain} - {o.season or rng.choice(SEASONS) + ' ' + str(o.posted.year)}",
        lambda: f"{plain.replace('Marketing', 'Mktg').replace('Assistant', 'Asst.')}{season}",
        lambda: f"{plain.replace(' Intern', ' Internship')} [4 weeks]{season}",
        lambda: f"{plain.replace(' Project', ' Micro-Internship')}{season}",
        lambda: f"{plain.replace(' and ', ' & ')} (Part-Time){season}",
    ]
    new = rng.choice(options)()
    return new if new != title else f"{plain} (Remote){season}"


def _org_variant(o: Opening, rng: random.Random) -> str:
    name = o.org.name
    return rng.choice([
        f"{name}, Inc.", f"{name.upper()} LLC", f"The {name} Company", f"{name} Ltd.",
        f"{name} GmbH", f"{name.replace(' & ', ' and ')} Corp.", f"{name} Co.", name.lower(),
    ])


def _location_variant(listing: dict[str, Any], o: Opening, rng: random.Random) -> None:
    if not o.places:
        listing["locations"] = rng.choice([
            [], [{"city": None, "region": None, "country": None, "raw": "Remote"}],
            [{"city": None, "region": None, "country": "US", "raw": "Anywhere in the US"}],
            [{"city": None, "region": None, "country": None, "raw": "Work from home"}]])
        listing["arrangement"] = rng.choice(["remote", "remote", "unknown"])
        return
    choice = rng.random()
    if len(o.places) > 1 and choice < 0.3:
        listing["locations"] = [_location(o.places[0])]  # a board showing only the first city
    elif choice < 0.45:
        listing["locations"] = []  # this board does not show a location
    else:
        locs = []
        for _city, _region, country, alts in o.places:
            alt = rng.choice(alts)
            if rng.random() < 0.5:
                locs.append({"city": None, "region": None, "country": None, "raw": alt})
            else:
                locs.append({"city": alt.split(",")[0], "region": None, "country": country, "raw": alt})
        listing["locations"] = locs
    if rng.random() < 0.4:
        listing["arrangement"] = "unknown"


def _truncate(text: str, rng: random.Random) -> str:
    cut = rng.randint(220, 520)
    if len(text) <= cut:
        return text
    return text[:cut].rsplit(" ", 1)[0] + rng.choice(["…", "...", " Read more", " [...]"])


def _reformat(blocks: list[tuple[str, Any]], o: Opening, rng: random.Random) -> str:
    renamed = {"What you'll do": rng.choice(["Responsibilities", "Your tasks", "What You Will Do"]),
               "What we're looking for": rng.choice(["Requirements", "Qualifications", "Who you are"])}
    new = [(k, renamed.get(c, c) if k == "h" else c) for k, c in blocks]
    if rng.random() < 0.5:
        new = [(k, c) for k, c in new if k != "h"]  # headings dropped by a board
    text = _blocks_text(new, bullet=rng.choice(["• ", "* ", "– ", ""]), sep=rng.choice(["\n", " ", "\n\n"]))
    text = text.replace("'", "’") if rng.random() < 0.5 else text
    if rng.random() < 0.6:
        school = rng.choice(CAREER_CENTERS)
        text = (f"Posted by the {school.title()} Career Center on behalf of the employer. "
                f"{text}\nQuestions? Email careers@{school}.edu.")
    return text


def _other_kind(listing: dict[str, Any], o: Opening, rng: random.Random) -> None:
    kind = rng.choice(["feed", "html", "jsonld"] if o.kind in ATS_KINDS else ["feed", "html"])
    listing["kind"] = kind
    text = listing["description_text"]
    if kind == "feed":
        listing["description_text"] = "" if rng.random() < 0.25 else _truncate(text, rng)
        listing["pay"] = {"min": None, "max": None, "currency": None, "period": None, "paid": None,
                          "hourly_min": None, "hourly_max": None, "hourly_derived": False}
        listing["employment_types"] = []
        listing["locations"] = [{"city": None, "region": None, "country": None, "raw": p[3][0]}
                                for p in o.places[:1]]
        listing["arrangement"] = "unknown" if o.places else "remote"
    elif kind == "html":
        listing["description_text"] = (f"Home > Jobs > {listing['title']}\n{text}\n"
                                       "Share this job: Email | LinkedIn | Copy link")
        listing["arrangement"] = "unknown"
        listing["locations"] = [{"city": p[0], "region": None, "country": None, "raw": p[0]}
                                for p in o.places]
    listing["description_html"] = ""


def _copy(base: dict[str, Any], o: Opening, variation: str, rng: random.Random) -> dict[str, Any]:
    c = dict(base)
    c["organization"] = dict(base["organization"])
    native = _id(rng)
    host_kind = rng.random()
    if host_kind < 0.55:
        school = rng.choice(CAREER_CENTERS)
        c["source"], c["kind"] = f"{school}-careers", "jsonld"
        c["url"] = f"https://careers.{school}.edu/jobs/{native[:10]}"
    elif host_kind < 0.85:
        board = rng.choice(BOARDS)
        c["source"], c["kind"] = board, rng.choice(["jsonld", "html"])
        c["url"] = f"https://www.{board}.example/listing/{native[:10]}"
    else:
        feed = rng.choice(FEEDS)
        c["source"], c["kind"] = feed, "feed"
        c["url"] = f"https://{feed}.example/item/{native[:10]}"
    c["id"] = _id(rng)
    c["apply_url"] = base["apply_url"] if rng.random() < SHARED_APPLY_URL else c["url"] + "/apply"
    shift = rng.randint(0, 14)
    c["posted_at"] = (o.posted + timedelta(days=shift)).isoformat()
    seen = (o.posted + timedelta(days=shift + rng.randint(0, 5))).isoformat() + "T09:30:00+00:00"
    c["first_seen_at"] = c["fetched_at"] = seen
    c["organization"]["domain"] = base["organization"]["domain"] if rng.random() < 0.5 else None
    c["organization"]["name"] = o.org.name if rng.random() < 0.7 else base["organization"]["name"]
    steps = ([variation] if variation != "mixed" else
             rng.sample(COPY_VARIATIONS[1:-1], rng.choice([2, 2, 3])))
    for step in steps:
        _apply(step, c, base, o, rng)
    return c


def _apply(step: str, c: dict[str, Any], base: dict[str, Any], o: Opening, rng: random.Random) -> None:
    if step == "title_reword":
        c["title"] = _reword_title(base["title"], o, rng)
    elif step == "org_suffix":
        c["organization"]["name"] = _org_variant(o, rng)
    elif step == "location_format":
        _location_variant(c, o, rng)
    elif step == "desc_truncated":
        c["description_text"] = _truncate(base["description_text"], rng)
        c["description_html"] = ""
    elif step == "desc_reformatted":
        c["description_text"] = _reformat(base["_blocks"], o, rng)
        c["description_html"] = ""
    elif step == "other_kind":
        _other_kind(c, o, rng)


# -- openings and negatives ----------------------------------------------------------------------

def _opening(key: str, org: Org, rng: random.Random) -> Opening:
    category = rng.choice(sorted(CATEGORIES))
    cat = CATEGORIES[category]
    arrangement = rng.choices(["remote", "hybrid", "onsite"], [40, 15, 45])[0]
    places: list[tuple] = []
    if arrangement != "remote":
        places = [org.hq] if rng.random() < 0.7 else [rng.choice(PLACES)]
        if rng.random() < 0.08:
            places.append(rng.choice([p for p in PLACES if p is not places[0]]))
    form = rng.choice(["", "", "Intern", "Micro-Internship", "Project", "(Micro-Internship)"])
    period = rng.choice(["HOUR", "HOUR", "PROJECT"])
    pay = (float(rng.randint(15, 25)), float(rng.randint(26, 35)), period) if period == "HOUR" \
        else (float(rng.choice([300, 500, 750, 1000, 1500])),) * 2 + (period,)
    return Opening(
        key=key, org=org, category=category, area=rng.choice(cat["areas"]),
        role=rng.choice(cat["roles"]), form=form, team=None, seniority=None,
        season=f"{rng.choice(SEASONS)} {TODAY.year}" if rng.random() < 0.15 else None,
        places=places, arrangement=arrangement, tasks=rng.sample(cat["tasks"], rng.randint(3, 4)),
        reqs=rng.sample(REQUIREMENTS, rng.randint(2, 3)), duration=rng.choice(DURATIONS),
        hours=rng.choice(HOURS), pay=pay,
        posted=TODAY - timedelta(days=rng.randint(0, 90)),
        kind=(rng.choice(ATS_KINDS) if rng.random() < 0.55
              else rng.choice(["jsonld", "jsonld", "html", "feed"])),
    )


def _negative(o: Opening, kind: str, key: str, rng: random.Random) -> Opening:
    n = Opening(**{**o.__dict__, "key": key, "related_to": o.key, "negative": kind})
    cat = CATEGORIES[o.category]
    if kind == "neg_other_city":
        n.places = [rng.choice([p for p in PLACES if p[0] != (o.places[0][0] if o.places else "")])]
        n.arrangement = o.arrangement if o.places else "onsite"
        if not o.places:  # the opening it mimics was remote: make that one on site too
            o.places, o.arrangement = [o.org.hq], "onsite"
            if n.places[0] == o.org.hq:
                n.places = [p for p in PLACES if p != o.org.hq][:1]
    elif kind == "neg_other_team":
        if rng.random() < 0.5:
            n.team = rng.choice(TEAMS)
            o.team = rng.choice([t for t in TEAMS if t != n.team])
        else:
            n.area = rng.choice([a for a in cat["areas"] if a != o.area])
        n.tasks = rng.sample(cat["tasks"], len(o.tasks))
    elif kind == "neg_other_seniority":
        n.seniority = rng.choice(["Senior", "Junior", "Lead", "II"])
        n.reqs = [SENIOR_REQ, *o.reqs[1:]]
    elif kind == "neg_next_season":
        year = TODAY.year - 1
        season = o.season.split()[0] if o.season else rng.choice(SEASONS)
        o.season = f"{season} {year + 1}"
        n.season = f"{season} {year}"
        n.posted = o.posted - timedelta(days=rng.randint(330, 400))
    elif kind == "neg_other_project":
        n.tasks = [t for t in rng.sample(cat["tasks"], len(cat["tasks"])) if t not in o.tasks][:len(o.tasks)]
        n.reqs = rng.sample(REQUIREMENTS, len(o.reqs))
    return n


def generate(n: int, seed: int = SEED) -> Dataset:
    """About `n` labelled listings (the last opening's copies may overshoot by a few)."""
    rng = random.Random(seed)
    orgs = _make_orgs(rng, max(12, n // 9))
    # Zipf-like: a few employers post a lot, most post a few.
    weights = [1.0 / (i + 8) for i in range(len(orgs))]
    data = Dataset()
    count = 0
    taken: set[tuple] = set()
    while count < n:
        org = rng.choices(orgs, weights)[0]
        key = f"o{len(data.related) + count}"
        opening = _opening(key, org, rng)
        # An employer does not run two openings with the same title at the same place at the same
        # time unless something tells them apart (the hard negatives below): such a "collision"
        # would be a repost, so it is drawn again.
        for _ in range(20):
            role = (org.name, opening.area, opening.role, tuple(p[0] for p in opening.places))
            if role not in taken:
                break
            opening = _opening(key, org, rng)
        taken.add(role)
        group = [opening]
        if rng.random() < NEGATIVE_SHARE:
            neg_kind = rng.choice(NEGATIVES)
            neg = _negative(group[0], neg_kind, key + "n", rng)
            group.append(neg)
            taken.add((org.name, neg.area, neg.role, tuple(p[0] for p in neg.places)))
            data.related[key + "n"] = (key, neg_kind)
        for o in group:
            count += _emit(o, data, rng)
    for listing in data.listings:
        listing.pop("_blocks", None)
    return data


def _emit(o: Opening, data: Dataset, rng: random.Random) -> int:
    base = _base_listing(o, rng)
    out = [(base, o.negative or "original")]
    for _ in range(rng.choices(COPIES_COUNT, COPIES_WEIGHTS)[0]):
        variation = rng.choices(COPY_VARIATIONS, COPY_WEIGHTS)[0]
        out.append((_copy(base, o, variation, rng), variation))
    for listing, label in out:
        data.listings.append(listing)
        data.opening[listing["id"]] = o.key
        data.label[listing["id"]] = label
    return len(out)


if __name__ == "__main__":
    import argparse
    import sys

    import orjson

    parser = argparse.ArgumentParser(description="Write a labelled dedup set as Listing JSONL.")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--labels", help="also write id,opening,label CSV here")
    args = parser.parse_args()
    ds = generate(args.n, args.seed)
    for listing in ds.listings:
        sys.stdout.buffer.write(orjson.dumps(listing) + b"\n")
    if args.labels:
        with open(args.labels, "w") as fh:
            fh.write("id,opening,label\n")
            for listing in ds.listings:
                fh.write(f"{listing['id']},{ds.opening[listing['id']]},{ds.label[listing['id']]}\n")
