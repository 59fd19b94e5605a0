"""Harbor College Careers: a small college board with a table of opportunities.

List pages `/opportunities?page=N` (12 rows each, absolute links `a.opportunity-link`, next page
`a.pager-next`). Detail pages carry JSON-LD as an array `[{JobPosting}]`, except a few that
carry microdata only. robots.txt disallows `/private/`, and one list row links there.
"""

from __future__ import annotations

from html import escape

from .descriptions import human_date
from .layout import Page, pages_of
from .markup import (
    Response,
    Theme,
    facts,
    html_response,
    job_posting,
    jsonld_script,
    microdata,
    page,
    paginate,
    server_error,
    text_response,
)

NAME = "harbor"
PER_PAGE = 12
IDENTIFIER_NAME = "Harbor College Careers"

THEME = Theme(
    name="Harbor College Careers",
    brand="⚓ Harbor College <em>Careers</em>",
    css=("body{margin:0;font-family:'Trebuchet MS',sans-serif;background:#eef6f6;color:#17323a}"
         ".site-header{background:#0d5c63;padding:16px 28px}.site-header a{color:#fff;"
         "margin-right:18px;text-decoration:none}main{max-width:980px;margin:auto;padding:28px;"
         "background:#fff}table.opps{width:100%;border-collapse:collapse}table.opps td,"
         "table.opps th{border-bottom:1px solid #cfe3e3;padding:8px;text-align:left}"
         ".pager{margin-top:20px}.pager a{margin-right:12px}.site-footer{padding:20px 28px;"
         "color:#4b6b70;font-size:13px}"),
    nav=(("Opportunities", "/opportunities?page=1"), ("Students", "/about")),
    footer=("Harbor College Office of Career Development · 45 Wharf Street, Portland, ME 04101 · "
            "Mon–Fri 9–5"),
)


def routes(base: str) -> dict[str, Response]:
    """Every route of the site, pre-rendered; unknown paths answer 404 in the server."""
    table = {
        "/": html_response(page(THEME, "Careers", '<h1>Career Development</h1><p><a href='
                                '"/opportunities?page=1">See current opportunities</a></p>')),
        "/about": html_response(page(THEME, "Students", "<h1>For students</h1><p>Book an "
                                     "advising appointment any weekday.</p>")),
        "/robots.txt": text_response("User-agent: *\nDisallow: /private/\n"),
    }
    lists = paginate(list(pages_of(NAME)), PER_PAGE)
    for n, items in enumerate(lists, start=1):
        table[f"/opportunities?page={n}"] = html_response(_list_page(base, items, n, len(lists)))
    table["/opportunities"] = table["/opportunities?page=1"]
    for pg in pages_of(NAME):
        if pg.kind != "not_found":
            table[pg.path] = _detail(pg, base)
    return table


def _list_page(base: str, items: list[Page], n: int, last: int) -> str:
    rows = "".join(_row(base, pg) for pg in items)
    pager = [f"<span>Page {n} of {last}</span>"]
    if n > 1:
        pager.insert(0, f'<a class="pager-prev" href="{base}/opportunities?page={n - 1}">Previous'
                     "</a>")
    if n < last:
        pager.append(f'<a class="pager-next" rel="next" href="{base}/opportunities?page={n + 1}">'
                     "Next page</a>")
    main = ("<h1>Current opportunities</h1><table class=\"opps\"><thead><tr><th>Opportunity</th>"
            f"<th>Organization</th><th>Location</th><th>Deadline</th></tr></thead><tbody>{rows}"
            f"</tbody></table><div class=\"pager\">{''.join(pager)}</div>")
    return page(THEME, f"Opportunities (page {n})", main)


def _row(base: str, pg: Page) -> str:
    p = pg.posting
    org, where, deadline = ("Harbor College", "Portland, ME", "Rolling")
    if p is not None:
        org, where, deadline = p.organization, facts(p)[1][1], human_date(p.deadline)
    return (f'<tr><td><a class="opportunity-link" href="{base}{pg.path}">{escape(pg.title)}</a>'
            f"</td><td>{escape(org)}</td><td>{escape(where)}</td><td>{deadline}</td></tr>")


def _detail(pg: Page, base: str) -> Response:
    if pg.kind == "server_error":
        return server_error(THEME)
    if pg.kind == "no_posting":
        main = ("<h1>Employer Info Session: Spring 2027</h1><p>Meet recruiters from twelve "
                "local employers on February 4 in the Student Center.</p>")
        return html_response(page(THEME, pg.title, main))
    if pg.kind == "invalid_jsonld":
        head = ('<script type="application/ld+json">[{"@context": "https://schema.org", '
                '"@type": "JobPosting", "title": "Library Digitization Assistant", "datePosted": '
                "</script>\n")
        main = "<h1>Library Digitization Assistant</h1><p>Scan and catalog archives.</p>"
        return html_response(page(THEME, pg.title, main, head=head))
    if pg.kind == "disallowed":
        return _private(pg, base)
    p = pg.posting
    assert p is not None
    ident = (IDENTIFIER_NAME, pg.identifier)
    if "microdata" in pg.quirks:
        return html_response(page(THEME, p.title, microdata(p, url=base + pg.path,
                                                            identifier=ident)))
    obj = job_posting(p, url=base + pg.path, identifier=ident,
                      org_as_string="org_as_string" in pg.quirks)
    main = (f"<h1>{escape(p.title)}</h1><p class=\"org\">{escape(p.organization)}</p>"
            f'<div class="description">{p.description}</div>')
    return html_response(page(THEME, p.title, main, head=jsonld_script([obj])))


def _private(pg: Page, base: str) -> Response:
    """A valid posting a polite crawler must never fetch: robots.txt disallows /private/."""
    obj = {"@context": "https://schema.org", "@type": "JobPosting", "title": pg.title,
           "description": "<p>Internal posting for Harbor College staff only.</p>",
           "datePosted": "2026-11-02", "hiringOrganization": {"@type": "Organization",
                                                              "name": "Harbor College"},
           "url": base + pg.path}
    main = f"<h1>{escape(pg.title)}</h1><p>Staff sign-in required.</p>"
    return html_response(page(THEME, pg.title, main, head=jsonld_script([obj])))


def source(base: str) -> dict:
    """How Stint crawls this site (one entry of the sources configuration)."""
    return {"name": NAME, "kind": "jsonld", "start_urls": [base + "/opportunities?page=1"],
            "link_selector": "a.opportunity-link", "next_selector": "a.pager-next",
            "audience": "students"}  # a college careers board: every posting is for students
