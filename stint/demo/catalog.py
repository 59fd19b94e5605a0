"""Fixed vocabularies the sample postings are drawn from: places, organizations and task types.

Pure data, no logic. The generator in `postings.py` samples these tables with a fixed seed, so
changing a table changes the sample network (and `expected()` with it) on purpose only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    city: str
    region: str
    country: str  # ISO 3166-1 alpha-2: the ground truth a normalizer should reach
    country_name: str
    label: str  # how a human writes it on a page


@dataclass(frozen=True)
class Org:
    name: str  # as the organization writes it, legal suffix included
    short: str  # the everyday name, as other sites often write it
    kind: str  # company / nonprofit / lab
    domain: str
    home: str  # key in PLACES
    about: str  # completes the sentence "<name> ..."


def _us(city: str, state: str) -> Place:
    return Place(city, state, "US", "United States", f"{city}, {state}")


PLACES: dict[str, Place] = {
    "boston": _us("Boston", "MA"),
    "chicago": _us("Chicago", "IL"),
    "austin": _us("Austin", "TX"),
    "seattle": _us("Seattle", "WA"),
    "nyc": _us("New York", "NY"),
    "denver": _us("Denver", "CO"),
    # Indianapolis, IN next to Bangalore, IN: a region code that looks like a country code.
    "indianapolis": _us("Indianapolis", "IN"),
    "atlanta": _us("Atlanta", "GA"),
    "sf": _us("San Francisco", "CA"),
    "pittsburgh": _us("Pittsburgh", "PA"),
    "minneapolis": _us("Minneapolis", "MN"),
    "northfield": _us("Northfield", "MN"),
    "raleigh": _us("Raleigh", "NC"),
    "london": Place("London", "England", "GB", "United Kingdom", "London, UK"),
    "berlin": Place("Berlin", "Berlin", "DE", "Germany", "Berlin, Germany"),
    "toronto": Place("Toronto", "ON", "CA", "Canada", "Toronto, Canada"),
    "bangalore": Place("Bangalore", "Karnataka", "IN", "India", "Bangalore, India"),
}

ORGS: list[Org] = [
    Org("Acme Analytics Inc.", "Acme Analytics", "company", "acmeanalytics.com", "boston",
        "builds demand-forecasting software for independent retailers"),
    Org("Brightpath Learning LLC", "Brightpath Learning", "company", "brightpathlearning.com",
        "austin", "makes online tutoring tools for middle-school math"),
    Org("Cobalt Robotik GmbH", "Cobalt Robotik", "company", "cobalt-robotik.de", "berlin",
        "designs picking robots for mid-sized warehouses"),
    Org("Datenwerk Consulting GmbH", "Datenwerk Consulting", "company", "datenwerk.de",
        "berlin", "helps manufacturers make sense of their sensor data"),
    Org("Kestrel Labs Ltd", "Kestrel Labs", "company", "kestrellabs.co.uk", "london",
        "runs a banking app for freelancers and sole traders"),
    Org("Thameside Community Trust", "Thameside Community Trust", "nonprofit",
        "thamesidetrust.org.uk", "london", "supports adult learners across East London"),
    Org("Maple & Finch Marketing Inc.", "Maple & Finch Marketing", "company",
        "mapleandfinch.ca", "toronto", "is a boutique marketing agency for food brands"),
    Org("Lakeshore Youth Arts", "Lakeshore Youth Arts", "nonprofit", "lakeshoreyoutharts.ca",
        "toronto", "runs free after-school music and theatre programs"),
    Org("Quantive Fintech Pvt. Ltd.", "Quantive Fintech", "company", "quantive.in",
        "bangalore", "builds payment tools for small merchants"),
    Org("Sahyadri Learning Foundation", "Sahyadri Learning Foundation", "nonprofit",
        "sahyadrilearning.org", "bangalore", "runs after-school STEM clubs in rural Karnataka"),
    Org("Circle City Analytics LLC", "Circle City Analytics", "company",
        "circlecityanalytics.com", "indianapolis", "does patient-survey research for hospitals"),
    Org("Hoosier Harvest Food Bank", "Hoosier Harvest Food Bank", "nonprofit",
        "hoosierharvest.org", "indianapolis", "supplies 140 food pantries in central Indiana"),
    Org("Northwind Outdoor Co.", "Northwind Outdoor", "company", "northwindoutdoor.com",
        "denver", "sells refurbished outdoor gear online"),
    Org("Lumen Health Partners", "Lumen Health Partners", "company", "lumenhealthpartners.com",
        "chicago", "runs a network of community health clinics"),
    Org("Open Rivers Foundation", "Open Rivers Foundation", "nonprofit", "openrivers.org",
        "minneapolis", "protects and restores Upper Midwest watersheds"),
    Org("Redwood Civic Data Collaborative", "Redwood Civic Data", "nonprofit",
        "redwoodcivicdata.org", "sf", "publishes open data about local government budgets"),
    Org("Sparrow Logistics LLC", "Sparrow Logistics", "company", "sparrowlogistics.com",
        "atlanta", "runs same-day delivery for independent pharmacies"),
    Org("Tessellate Design Studio", "Tessellate Design Studio", "company", "tessellate.design",
        "nyc", "designs brand identities for early-stage startups"),
    Org("Clearwater Software Inc.", "Clearwater Software", "company", "clearwatersoftware.com",
        "seattle", "makes scheduling software for dental offices"),
    Org("Ironbridge Capital Partners", "Ironbridge Capital", "company", "ironbridgecap.com",
        "pittsburgh", "invests in family-owned manufacturing companies"),
    Org("Meridian Science Museum", "Meridian Science Museum", "nonprofit",
        "meridianscience.org", "raleigh", "runs hands-on science exhibits for families"),
    Org("Bluebird Social Co.", "Bluebird Social", "company", "bluebirdsocial.co", "austin",
        "manages social media for neighborhood restaurants"),
    Org("Vantage Point Research LLC", "Vantage Point Research", "company",
        "vantagepointresearch.com", "chicago", "runs consumer surveys and focus groups"),
    Org("Solstice Apparel Inc.", "Solstice Apparel", "company", "solsticeapparel.com", "sf",
        "sells sustainable activewear direct to consumers"),
    Org("Northfield University Human-Computer Interaction Lab", "Northfield HCI Lab", "lab",
        "hci.northfield.edu", "northfield", "studies how people use accessibility tools"),
    Org("Greenline Energy Cooperative", "Greenline Energy", "nonprofit", "greenline.coop",
        "denver", "builds community solar gardens for renters"),
    Org("Pinecrest Ventures", "Pinecrest Ventures", "company", "pinecrest.vc", "boston",
        "backs climate-tech startups at the seed stage"),
    Org("Orbital Learning Inc.", "Orbital Learning", "company", "orbitallearning.com",
        "raleigh", "builds adaptive reading apps for grades K-5"),
]


@dataclass(frozen=True)
class Category:
    """A task type: the titles it uses and the sentences its descriptions are built from."""

    titles: tuple[str, ...]  # micro-internship / project titles
    long_title: str  # title stem of a classic multi-month internship
    projects: tuple[str, ...]  # "{org}" is replaced by the organization's everyday name
    tasks: tuple[str, ...]
    deliverables: tuple[str, ...]
    skills: tuple[str, ...]


CATEGORIES: dict[str, Category] = {
    "data entry": Category(
        ("Data Entry Project", "CRM Data Entry Micro-Internship", "Spreadsheet Cleanup Assistant",
         "Inventory Data Entry Sprint"),
        "Operations Data Intern",
        ("{org} is moving several years of paper intake forms into a new CRM and needs a careful, "
         "detail-oriented helper to get the records right before the system goes live.",
         "Our contact lists live in four different spreadsheets with overlapping, outdated rows. "
         "{org} wants one clean list before the next mailing, and this project gets it there."),
        ("Enter records from scanned forms into our CRM using a short style guide",
         "Find and merge duplicate contacts, keeping the most recent details",
         "Flag records with missing or suspicious fields for staff review",
         "Standardize addresses, phone numbers and dates to one format",
         "Keep a simple log of what was changed and why",
         "Spot-check a random sample of another volunteer's entries"),
        ("A clean, de-duplicated contact sheet ready for import",
         "A change log that staff can audit",
         "A one-page note on recurring data problems and how to prevent them",
         "A short checklist for future data entry volunteers"),
        ("Excel or Google Sheets", "attention to detail", "typing accuracy", "Salesforce basics",
         "confidential handling of personal data", "clear written notes")),
    "research": Category(
        ("Market Research Micro-Internship", "Competitive Landscape Research Project",
         "Literature Review Assistant", "Customer Interview Research Sprint"),
        "Research Intern",
        ("{org} is considering a new product line and wants a grounded view of the market: who "
         "buys today, what they pay, and which competitors they mention first.",
         "Before our next planning cycle, {org} needs a structured review of what has been "
         "published on the problem we work on, summarized for a non-specialist board."),
        ("Identify and profile fifteen to twenty comparable organizations",
         "Collect pricing, positioning and customer reviews into a shared sheet",
         "Summarize academic and industry sources with full citations",
         "Draft interview questions and take notes on three customer calls",
         "Turn raw findings into a short slide deck with clear takeaways",
         "Present results to the team in a 30-minute video call"),
        ("A competitor matrix with sources", "A 6-8 slide findings deck",
         "An annotated bibliography of 20+ sources", "A one-page executive summary"),
        ("desk research", "Google Sheets", "summarizing sources", "citation management",
         "curiosity", "PowerPoint or Google Slides")),
    "marketing": Category(
        ("Social Media Content Assistant", "Instagram Campaign Micro-Internship",
         "Email Newsletter Marketing Project", "SEO Content Audit"),
        "Marketing Intern",
        ("{org} is launching a seasonal campaign and needs fresh, on-brand social posts that "
         "sound like a person rather than a press release.",
         "Our website traffic has flattened. {org} wants an outside eye on which pages and posts "
         "still earn attention and which ones should be rewritten or retired."),
        ("Draft two weeks of Instagram and LinkedIn posts from our content calendar",
         "Write short captions and pick or edit matching images in Canva",
         "Audit our top 40 web pages for titles, headings and broken links",
         "Build a simple tracking sheet for reach, clicks and saves",
         "Write two email newsletter drafts and subject-line options",
         "Summarize what worked in a short wrap-up note"),
        ("A content calendar with 20 ready-to-publish posts", "An SEO audit spreadsheet",
         "Two newsletter drafts with A/B subject lines", "A results summary with recommendations"),
        ("Canva", "copywriting", "Instagram", "basic SEO", "Google Analytics", "Mailchimp")),
    "sales": Category(
        ("Cold Calling / Sales Outreach Sprint", "Lead Generation Research Project",
         "Partnership Outreach Micro-Internship"),
        "Business Development Intern",
        ("{org} is opening a new region and needs a tidy, qualified list of prospective customers "
         "plus a first round of friendly outreach calls.",
         "{org} wants to grow its network of partner organizations and needs help finding the "
         "right contacts and starting conversations."),
        ("Research and qualify prospective customers against a short checklist",
         "Make 20-30 scripted outreach calls per week and log the outcomes",
         "Personalize email templates for each prospect segment",
         "Keep the CRM pipeline up to date after every conversation",
         "Book discovery meetings for the sales lead",
         "Share weekly notes on common objections"),
        ("A list of 150 qualified leads with contact details", "A call log with outcomes",
         "Three refined outreach email templates", "A short report on objections and responses"),
        ("phone confidence", "HubSpot or another CRM", "persuasive writing", "LinkedIn search",
         "resilience", "organized follow-up")),
    "writing": Category(
        ("Grant Writing Support", "Technical Documentation Project", "Blog Writing Micro-Internship",
         "Case Study Writer"),
        "Communications Intern",
        ("{org} is applying to three foundation grants this quarter and needs help turning program "
         "data and staff notes into clear, persuasive narrative sections.",
         "{org}'s help center has grown without a plan. We need someone who can write plainly and "
         "organize twenty existing articles into a structure customers can navigate."),
        ("Draft narrative sections from program data and staff interviews",
         "Research funder priorities and eligibility requirements",
         "Rewrite help-center articles in plain language",
         "Interview two customers and write short case studies",
         "Edit drafts for tone, length and consistency",
         "Maintain a shared tracker of deadlines and submission requirements"),
        ("Two complete grant narrative drafts", "Twenty revised help articles",
         "Two customer case studies of about 800 words", "A reusable boilerplate document"),
        ("clear writing", "editing", "Google Docs", "interviewing", "Markdown",
         "meeting deadlines")),
    "design": Category(
        ("UX Research Synthesis", "Brand Refresh Design Project", "Social Graphics Designer",
         "Figma Prototype Cleanup"),
        "Product Design Intern",
        ("{org} ran twelve user interviews last month and has hours of notes nobody has had time to "
         "synthesize. This project turns them into patterns the product team can act on.",
         "{org} is refreshing its visual identity and needs help applying the new style to the "
         "templates and graphics we use every week."),
        ("Code interview notes and cluster them into themes on a Miro board",
         "Write short insight statements backed by quotes",
         "Tidy a Figma file: components, naming and auto-layout",
         "Design a set of social media and slide templates",
         "Prepare a short readout for the product team",
         "Document the design decisions you made"),
        ("A synthesis board with themes and quotes", "A 10-slide insights readout",
         "A cleaned-up Figma component library", "A template pack in the new brand style"),
        ("Figma", "Miro", "Adobe Illustrator", "qualitative analysis", "visual design",
         "portfolio of class or personal work")),
    "software": Category(
        ("Python Data Cleaning Project", "Website Bug Bash (JavaScript)",
         "API Integration Micro-Internship", "QA Testing Sprint"),
        "Software Engineering Intern",
        ("{org} exports messy CSV files from three systems every week. We want a small, tested "
         "Python script that cleans and merges them automatically.",
         "{org}'s website has a backlog of small front-end bugs and a new partner API we have not "
         "connected yet. This project tackles both with a mentor from our engineering team."),
        ("Write a Python script with pandas to clean and merge weekly exports",
         "Add unit tests with pytest for the tricky cases",
         "Reproduce, fix and document front-end bugs from our tracker",
         "Connect a REST API and map its fields to our data model",
         "Write a README so the team can run the script without you",
         "Join one code review with an engineer each week"),
        ("A tested script in our Git repository", "A README with setup steps",
         "Pull requests fixing at least eight bugs", "A short demo video of the integration"),
        ("Python", "pandas", "Git", "JavaScript", "REST APIs", "pytest")),
    "data analysis": Category(
        ("Survey Data Analysis Project", "Excel Dashboard Build", "SQL Reporting Micro-Internship",
         "Tableau Visualization Project"),
        "Data Analyst Intern",
        ("{org} collected 2,000 survey responses this fall and needs them analyzed and summarized "
         "for a board meeting.",
         "{org} tracks its key numbers by hand every month. We want a dashboard that updates from "
         "the source data and answers the five questions leadership asks most."),
        ("Clean survey data and document every exclusion",
         "Run descriptive statistics and simple cross-tabs",
         "Write SQL queries against our reporting database",
         "Build an Excel or Tableau dashboard with five core charts",
         "Explain findings in plain language for non-analysts",
         "Hand over the workbook with notes on how to refresh it"),
        ("A cleaned dataset with a data dictionary", "A dashboard with five charts",
         "A 2-page findings memo", "A recorded walkthrough of the dashboard"),
        ("Excel", "SQL", "Tableau", "basic statistics", "R or Python", "data visualization")),
    "finance": Category(
        ("Financial Model Review", "Bookkeeping Reconciliation Project",
         "Investment Research Micro-Internship"),
        "Finance Intern",
        ("{org} is preparing for its annual audit and needs help reconciling a year of "
         "transactions and documenting the gaps.",
         "{org} screens dozens of companies every quarter. This project builds one-page profiles "
         "of a shortlist and checks the assumptions in an existing model."),
        ("Reconcile bank statements against the ledger month by month",
         "Categorize uncategorized transactions with notes",
         "Build one-page profiles of shortlisted companies",
         "Check an existing financial model for broken links and bad assumptions",
         "Summarize variances for the finance lead",
         "Keep supporting documents organized for the auditors"),
        ("Twelve reconciled months with notes", "Five company profiles",
         "A model review memo", "An organized audit folder"),
        ("Excel", "accounting basics", "QuickBooks", "financial statements", "discretion",
         "attention to detail")),
    "operations": Category(
        ("Operations Process Mapping Project", "Event Logistics Assistant",
         "Supply Chain Data Audit"),
        "Operations Intern",
        ("{org} has grown quickly and its day-to-day processes live in people's heads. We want them "
         "mapped, written down and simplified.",
         "{org} is hosting its largest community event of the year and needs an organized helper "
         "to keep vendors, volunteers and schedules on track."),
        ("Interview staff and map three core processes as flowcharts",
         "Identify handoffs that cause delays and suggest fixes",
         "Coordinate vendor quotes, bookings and confirmations",
         "Build the volunteer schedule and send reminders",
         "Audit shipment records for missing or late entries",
         "Write a short playbook for next year's team"),
        ("Three process maps with improvement notes", "A vendor and volunteer tracker",
         "An event-day run sheet", "A written operations playbook"),
        ("organization", "Lucidchart or Miro", "Google Sheets", "clear communication",
         "problem solving", "calm under deadlines")),
    "admin": Category(
        ("Administrative Support Micro-Internship", "Scheduling & Calendar Coordinator",
         "Virtual Assistant Project"),
        "Administrative Intern",
        ("{org}'s small team is buried in scheduling and inbox triage. This project frees them up "
         "for a few weeks while we set up better systems.",
         "{org} needs a reliable assistant to organize shared drives, book meetings and keep a busy "
         "calendar under control during our busiest month."),
        ("Triage a shared inbox and route messages to the right person",
         "Schedule meetings across three time zones",
         "Reorganize a shared drive with a clear folder structure",
         "Draft routine replies from templates",
         "Prepare meeting agendas and take notes",
         "Keep a weekly task list up to date"),
        ("An organized shared drive with a naming guide", "A set of reply templates",
         "Meeting notes for every session", "A hand-over note for staff"),
        ("Google Workspace", "Microsoft Outlook", "professional email", "organization",
         "reliability", "time management")),
}
