"""Rendering helpers shared by the sample sites: schema.org JobPosting as JSON-LD or microdata,
and the HTML page shell each site dresses in its own theme.

Cosmetic variations (date with or without time, "US" / "USA" / "United States", `sameAs` or
`url`) follow `Posting.style`, so they are deterministic and spread over the postings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from . import postings
from .catalog import PLACES
from .descriptions import human_date
from .postings import Posting

_US_SPELLINGS: list[Any] = ["US", "USA", "United States", {"@type": "Country", "name": "US"}]


@dataclass(frozen=True)
class Theme:
    """What makes a site look like itself: name, brand, stylesheet, navigation and footer."""

    name: str
    brand: str
    css: str
    nav: tuple[tuple[str, str], ...]  # (label, href)
    footer: str  # HTML


def page(theme: Theme, title: str, main: str, *, head: str = "", tail: str = "") -> str:
    """A complete HTML document; `head` goes into <head>, `tail` just before </body>."""
    nav = "".join(f'<a href="{escape(h)}">{escape(label)}</a>' for label, h in theme.nav)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} | {escape(theme.name)}</title>\n<style>{theme.css}</style>\n"
        f"{head}</head>\n<body>\n<header class=\"site-header\"><a class=\"brand\" href=\"/\">"
        f"{theme.brand}</a><nav class=\"main-nav\">{nav}</nav></header>\n"
        f"<main>\n{main}\n</main>\n<footer class=\"site-footer\">{theme.footer}</footer>\n"
        f"{tail}</body>\n</html>\n"
    )


def date_posted(p: Posting) -> str:
    if p.style < 30:  # some sites publish a timestamp, most a bare date
        return f"{p.posted.isoformat()}T{8 + p.style % 9:02d}:{p.style % 60:02d}:00-05:00"
    return p.posted.isoformat()


def valid_through(p: Posting) -> str:
    return f"{p.deadline.isoformat()}T23:59:59" if p.style % 2 == 0 else p.deadline.isoformat()


def country_value(p: Posting) -> Any:
    """addressCountry as sites write it: a code, a name, or a Country object."""
    assert p.place is not None
    if p.place.country == "US":
        return _US_SPELLINGS[p.style % 4]
    if p.style % 3 == 2:
        return {"@type": "Country", "name": p.place.country}
    return p.place.country


def job_posting(p: Posting, *, url: str, identifier: tuple[str, str], context: bool = True,
                org_as_string: bool = False, escaped_description: bool = False,
                salary: bool = True) -> dict[str, Any]:
    """The schema.org JobPosting object of a posting as one site publishes it."""
    org_key = "url" if p.style % 3 == 0 else "sameAs"
    d: dict[str, Any] = {"@context": "https://schema.org"} if context else {}
    d |= {
        "@type": "JobPosting",
        "title": p.title,
        # Some sites entity-escape the HTML once more; a parser must unescape it before use.
        "description": escape(p.description, quote=False) if escaped_description else p.description,
        "datePosted": date_posted(p),
        "validThrough": valid_through(p),
        "jobStartDate": p.start.isoformat(),
        "employmentType": list(p.employment_type) if isinstance(p.employment_type, tuple)
        else p.employment_type,
        "hiringOrganization": p.organization if org_as_string else {
            "@type": "Organization", "name": p.organization,
            org_key: f"https://www.{p.org.domain}", "logo": f"https://www.{p.org.domain}/logo.png"},
        "identifier": {"@type": "PropertyValue", "name": identifier[0], "value": identifier[1]},
        "directApply": p.direct_apply,
        "url": url,
    }
    if p.place is not None:
        d["jobLocation"] = {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": p.place.city,
            "addressRegion": p.place.region, "addressCountry": country_value(p)}}
    if p.arrangement == "remote":
        d["jobLocationType"] = "TELECOMMUTE"
        if p.remote_country:
            req = {"@type": "Country", "name": p.remote_country}
            d["applicantLocationRequirements"] = [req] if p.style % 5 == 0 else req
    if salary and p.pay.structured:
        d["baseSalary"] = base_salary(p)
    return d


def base_salary(p: Posting) -> dict[str, Any]:
    pay = p.pay
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if pay.min == pay.max:
        value["value"] = _num(pay.min)
    else:
        value |= {"minValue": _num(pay.min), "maxValue": _num(pay.max)}
    value["unitText"] = pay.period
    return {"@type": "MonetaryAmount", "currency": pay.currency, "value": value}


def _num(x: float | None) -> float | int | None:
    return int(x) if x is not None and x == int(x) else x


def jsonld_script(obj: Any, *, raw_newlines: bool = False) -> str:
    """A <script type="application/ld+json"> element holding `obj`.

    With `raw_newlines`, newline escapes inside strings become literal newlines: invalid strict
    JSON that real pages publish and `json.loads(..., strict=False)` accepts.
    """
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    if raw_newlines:
        text = re.sub(r"(?<!\\)\\n", "\n", text)
    # "</" inside a string would close the script element early; "<\/" is the same JSON string.
    text = text.replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def microdata(p: Posting, *, url: str, identifier: tuple[str, str]) -> str:
    """The posting as an HTML article carrying schema.org microdata only (no JSON-LD)."""
    parts = [
        '<article class="opportunity" itemscope itemtype="https://schema.org/JobPosting">',
        f'<meta itemprop="url" content="{escape(url)}">',
        f'<h1 itemprop="title">{escape(p.title)}</h1>',
        '<p class="org" itemprop="hiringOrganization" itemscope '
        'itemtype="https://schema.org/Organization">'
        f'<span itemprop="name">{escape(p.organization)}</span>'
        f'<link itemprop="sameAs" href="https://www.{p.org.domain}"></p>',
        _microdata_where(p),
        f'<p class="dates">Posted <time itemprop="datePosted" datetime="{date_posted(p)}">'
        f"{human_date(p.posted)}</time> · Apply by <time itemprop=\"validThrough\" "
        f'datetime="{valid_through(p)}">{human_date(p.deadline)}</time></p>',
        f'<meta itemprop="jobStartDate" content="{p.start.isoformat()}">',
    ]
    types = p.employment_type if isinstance(p.employment_type, tuple) else (p.employment_type,)
    parts += [f'<meta itemprop="employmentType" content="{escape(t)}">' for t in types]
    parts.append(
        '<span itemprop="identifier" itemscope itemtype="https://schema.org/PropertyValue">'
        f'<meta itemprop="name" content="{escape(identifier[0])}">'
        f'<meta itemprop="value" content="{escape(identifier[1])}"></span>')
    if p.pay.structured:
        parts.append(_microdata_salary(p))
    parts.append(f'<div class="description" itemprop="description">\n{p.description}\n</div>')
    parts.append("</article>")
    return "\n".join(parts)


def _microdata_where(p: Posting) -> str:
    html = ""
    if p.place is not None:
        html += (
            '<p class="where" itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">'
            '<span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
            f'<span itemprop="addressLocality">{escape(p.place.city)}</span>, '
            f'<span itemprop="addressRegion">{escape(p.place.region)}</span> '
            f'<meta itemprop="addressCountry" content="{p.place.country}"></span></p>')
    if p.arrangement == "remote":
        html += '<p class="remote"><meta itemprop="jobLocationType" content="TELECOMMUTE">Remote'
        if p.remote_country:
            html += (' · <span itemprop="applicantLocationRequirements" itemscope '
                     'itemtype="https://schema.org/Country">'
                     f'<span itemprop="name">{p.remote_country}</span> only</span>')
        html += "</p>"
    return html


def _microdata_salary(p: Posting) -> str:
    pay = p.pay
    if pay.min == pay.max:
        values = f'<meta itemprop="value" content="{_num(pay.min)}">'
    else:
        values = (f'<meta itemprop="minValue" content="{_num(pay.min)}">'
                  f'<meta itemprop="maxValue" content="{_num(pay.max)}">')
    return (
        '<p class="pay" itemprop="baseSalary" itemscope itemtype="https://schema.org/MonetaryAmount">'
        f'<meta itemprop="currency" content="{pay.currency}">'
        '<span itemprop="value" itemscope itemtype="https://schema.org/QuantitativeValue">'
        f'{values}<meta itemprop="unitText" content="{pay.period}"></span>'
        f"{escape(pay.text)}</p>")


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


def html_response(html: str, status: int = 200) -> Response:
    return Response(status, "text/html; charset=utf-8", html.encode())


def text_response(text: str, content_type: str = "text/plain; charset=utf-8") -> Response:
    return Response(200, content_type, text.encode())


def not_found(theme: Theme) -> Response:
    main = ('<section class="error"><h1>Page not found</h1><p>The page you are looking for may '
            'have been removed or filled. <a href="/">Back to the home page</a>.</p></section>')
    return html_response(page(theme, "Page not found", main), 404)


def server_error(theme: Theme) -> Response:
    main = ("<h1>Something went wrong</h1><p>We could not load this opportunity. Please try "
            "again later.</p>")
    return html_response(page(theme, "Error", main), 500)


def paginate(items: list[Any], per_page: int) -> list[list[Any]]:
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


def facts(p: Posting) -> list[tuple[str, str]]:
    """The at-a-glance facts a detail page shows beside the description."""
    return [("Organization", p.organization), ("Location", location_text(p)),
            ("Pay", p.pay.text), ("Duration", p.duration_text), ("Hours", p.hours_text),
            ("Apply by", human_date(p.deadline))]


def location_text(p: Posting) -> str:
    home = p.place or PLACES[p.org.home]
    return postings.location_text(p.arrangement, home, p.remote_country)
