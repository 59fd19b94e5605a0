"""Server-rendered HTML: the listing page and the career-center page. Pure functions.

Every value from a listing or a request passes through `e()` (html.escape, quotes included)
on its way into the markup; the only listing HTML inserted as markup is the description after
`sanitize.clean_html`, and the JSON-LD goes through `jsonld.script_json`. Links are built only
from http(s) URLs (`sanitize.safe_url`). Pages use no inline script or style, so the app's
Content-Security-Policy (limits.py) can forbid both.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode, urlsplit

from search_api.feeds import facts
from search_api.jsonld import job_posting, script_json
from search_api.sanitize import clean_html, safe_url

OUTBOUND_REL = "nofollow noopener noreferrer"


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


SITE_DESCRIPTION = ("Stint: paid micro-internships and short project gigs for students and "
                    "recent graduates, from career centers, job boards and company sites.")


def layout(title: str, body: str, head: str = "", *, description: str = SITE_DESCRIPTION) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title>"
        f'<meta name="description" content="{e(description[:300])}">'
        '<link rel="stylesheet" href="/static/style.css"><link rel="icon" href="data:,">'
        f"{head}</head><body>"
        '<header class="site"><a class="brand" href="/">Stint</a>'
        '<nav><a href="/">Search</a> <a href="/career-centers">Feeds for career centers</a></nav>'
        f'</header><main id="main">{body}</main></body></html>'
    )


def _source_links(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, url) for every place the posting is published, its own URL first."""
    links: list[tuple[str, str]] = []
    entries = [{"url": doc.get("url"), "source": doc.get("source")}]
    entries += [s if isinstance(s, dict) else {"url": s} for s in doc.get("sources") or []]
    for entry in entries:
        url = safe_url(entry.get("url"))
        if url and url not in (u for _, u in links):
            links.append((entry.get("source") or urlsplit(url).hostname or url, url))
    return links


def summary(doc: dict[str, Any], limit: int = 160) -> str:
    """A sentence or two for <meta name="description">: who, then the posting's own words."""
    org = (doc.get("organization") or {}).get("name")
    text = " ".join(str(doc.get("description_text") or "").split())
    lead = f"{doc.get('title')} at {org}. " if org else f"{doc.get('title')}. "
    out = lead + text
    return out if len(out) <= limit else out[:limit - 1].rsplit(" ", 1)[0] + "…"


def listing_page(doc: dict[str, Any], base_url: str) -> str:
    """The listing as a page for people, with its JobPosting JSON-LD for machines."""
    org = (doc.get("organization") or {}).get("name")
    rows = "".join(f"<dt>{e(label)}</dt><dd>{e(text)}</dd>" for label, text in facts(doc))
    apply = safe_url(doc.get("apply_url")) or safe_url(doc.get("url"))
    links = _source_links(doc)
    sources = "".join(f'<li><a href="{e(url)}" rel="{OUTBOUND_REL}">{e(label)}</a></li>'
                      for label, url in links)
    description = clean_html(doc.get("description_html")) or f"<p>{e(doc.get('description_text'))}</p>"
    canonical = f"{base_url}/listings/{doc['id']}.html"
    head = (f'<link rel="canonical" href="{e(canonical)}">'
            f'<link rel="alternate" type="application/json" href="/listings/{e(doc["id"])}">'
            f'<script type="application/ld+json">{script_json(job_posting(doc))}</script>')
    body = (
        f'<article class="listing" data-id="{e(doc["id"])}">'
        f'<h1 id="listing-title">{e(doc.get("title"))}</h1>'
        + (f'<p class="org">{e(org)}</p>' if org else "")
        + f'<dl class="facts">{rows}</dl>'
        + (f'<p><a class="button" id="apply" href="{e(apply)}" rel="{OUTBOUND_REL}">Apply</a></p>'
           if apply else "")
        + (f'<section class="sources"><h2>Posted on</h2><ul>{sources}</ul></section>'
           if links else "")
        + f'<section class="description"><h2>About this posting</h2>{description}</section>'
        + '<p class="back"><a href="/">Back to search</a></p></article>'
    )
    return layout(f"{doc.get('title')} — {org or 'Stint'}", body, head,
                  description=summary(doc))


def similar_searches(listing: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, relative URL of the student page) for searches like this listing."""
    searches: list[tuple[str, str]] = []
    category = listing.get("category")
    if category:
        searches.append((f"More {str(category).replace('_', ' ')} postings",
                         "/?" + urlencode({"category": category})))
    org = (listing.get("organization") or {}).get("name")
    if org:
        searches.append((f"Open postings at {org}", "/?" + urlencode({"q": org})))
    if listing.get("arrangement") == "remote":
        searches.append(("Remote postings", "/?" + urlencode({"arrangement": "remote"})))
    title = listing.get("title")
    if title:
        searches.append((f"Postings like “{title}”", "/?" + urlencode({"q": str(title)[:100]})))
    return searches


def closed_page(listing: dict[str, Any]) -> str:
    """The page of a listing that has expired (answered with 410 Gone)."""
    org = (listing.get("organization") or {}).get("name")
    links = "".join(f'<li><a href="{e(url)}">{e(label)}</a></li>'
                    for label, url in similar_searches(listing))
    body = (
        '<article class="listing closed"><h1>This posting has closed</h1>'
        f'<p class="org">{e(listing.get("title"))}' + (f" — {e(org)}" if org else "") + "</p>"
        "<p>It is no longer open for applications.</p>"
        f'<section class="similar"><h2>Similar searches</h2><ul>{links}'
        '<li><a href="/">All open postings</a></li></ul></section></article>'
    )
    description = f"{listing.get('title')} has closed; similar open postings on Stint."
    return layout("This posting has closed — Stint", body, description=description)


def not_found_page(listing_id: str) -> str:
    body = ('<article class="listing"><h1>No such posting</h1>'
            f"<p>Stint has no posting with the id {e(listing_id)}.</p>"
            '<p class="back"><a href="/">Search open postings</a></p></article>')
    return layout("No such posting — Stint", body, description="No posting with this id.")


FORM_FIELDS: list[tuple[str, str, str]] = [
    # (parameter, label, input type or "select:a,b,c")
    ("q", "Keywords", "search"),
    ("arrangement", "Arrangement", "select:remote,hybrid,onsite"),
    ("paid", "Paid", "select:true,false"),
    ("pay_min", "Minimum pay per hour (US$, any currency converted)", "number"),
    ("duration_max_weeks", "At most weeks", "number"),
    ("hours_max", "At most hours per week", "number"),
    ("category", "Task type (e.g. data_entry)", "text"),
    ("skills", "Skill", "text"),
    ("country", "Country (ISO code)", "text"),
    ("city", "City", "text"),
    ("posted_within_days", "Posted within days", "number"),
    ("micro_only", "Micro-internships only", "checkbox"),
]


def _input(name: str, label: str, kind: str, value: str) -> str:
    field_id = f"f-{name}"
    if kind.startswith("select:"):
        options = '<option value="">any</option>' + "".join(
            f'<option value="{e(o)}"{" selected" if o == value else ""}>{e(o)}</option>'
            for o in kind[7:].split(","))
        control = f'<select id="{field_id}" name="{e(name)}">{options}</select>'
    elif kind == "checkbox":
        checked = " checked" if value == "true" else ""
        control = f'<input id="{field_id}" type="checkbox" name="{e(name)}" value="true"{checked}>'
    else:
        step = ' step="any" min="0"' if kind == "number" else ""
        control = f'<input id="{field_id}" type="{kind}" name="{e(name)}" value="{e(value)}"{step}>'
    return f'<label for="{field_id}">{e(label)}</label>{control}'


def career_center_page(values: dict[str, str], urls: dict[str, str] | None, total: int | None,
                       errors: list[str]) -> str:
    """The form that turns a search into feed URLs, and the URLs of the search it was sent."""
    fields = "".join(f'<div class="field">{_input(n, lbl, k, values.get(n, ""))}</div>'
                     for n, lbl, k in FORM_FIELDS)
    form = (f'<form class="feed-form" method="get" action="/career-centers">{fields}'
            '<button type="submit">Make feed URLs</button></form>')
    result = ""
    if errors:
        result = ('<div class="errors" role="alert"><h2>Please fix</h2><ul>'
                  + "".join(f"<li>{e(msg)}</li>" for msg in errors) + "</ul></div>")
    elif urls is not None:
        names = [("rss", "RSS 2.0"), ("atom", "Atom"), ("json", "JSON Feed"), ("csv", "CSV export"),
                 ("html", "Web page")]
        rows = "".join(
            f'<li><span class="kind">{e(label)}</span> '
            f'<a id="url-{kind}" href="{e(urls[kind])}">{e(urls[kind])}</a></li>'
            for kind, label in names)
        result = (f'<section class="feed-urls" aria-live="polite"><h2>Feed URLs</h2>'
                  f'<p id="match-count">{e(total)} postings match this search now.</p>'
                  f"<ul>{rows}</ul></section>")
    intro = ("<h1>Feeds for career centers</h1><p>Describe the postings your students should "
             "see; subscribe to the feed in any reader or re-publish it on your site. Each posting "
             "keeps one id, so a reader shows it once.</p>")
    return layout("Feeds for career centers — Stint", intro + form + result,
                  description="RSS, Atom, JSON Feed and CSV of any Stint search, for career "
                              "centers to subscribe to or re-publish.")
