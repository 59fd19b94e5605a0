"""Northfield University Career Center: a university career site with paginated list pages.

List pages `/jobs?page=N` (20 items each, `a.job-link` items, `a[rel=next]` on every page but the
last); detail pages embed one JSON-LD JobPosting in <head>, some with raw newlines inside strings.
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
    page,
    paginate,
    server_error,
    text_response,
)

NAME = "northfield"
PER_PAGE = 20
IDENTIFIER_NAME = "Northfield University Career Center"

THEME = Theme(
    name="Northfield University Career Center",
    brand="<strong>Northfield University</strong> Career Center",
    css=("body{margin:0;font-family:Georgia,serif;color:#222;background:#f7f5ef}"
         ".site-header{background:#1f2a44;color:#fff;padding:12px 24px;display:flex;gap:24px}"
         ".site-header a{color:#f3d27a;text-decoration:none}main{max-width:860px;margin:auto;"
         "padding:24px}.job-card{background:#fff;border-left:4px solid #c99a2e;margin:8px 0;"
         "padding:10px 14px;list-style:none}.job-card .org{display:block;color:#555}"
         ".pagination{margin:24px 0;display:flex;gap:16px}.facts dt{font-weight:bold}"
         ".site-footer{background:#1f2a44;color:#ccc;padding:16px 24px;font-size:13px}"),
    nav=(("Home", "/"), ("Find Opportunities", "/jobs?page=1"), ("About", "/about")),
    footer=("Northfield University Career Center · 1200 College Avenue, Northfield, MN 55057 · "
            '<a href="mailto:careers@northfield.edu">careers@northfield.edu</a>'),
)


def routes(base: str) -> dict[str, Response]:
    """Every route of the site, pre-rendered; unknown paths answer 404 in the server."""
    table = {
        "/": html_response(page(THEME, "Home", _home())),
        "/about": html_response(page(THEME, "About", "<h1>About the Career Center</h1><p>We "
                                     "connect Northfield students with short, paid projects.</p>")),
        "/robots.txt": text_response("User-agent: *\nAllow: /\n"),
    }
    lists = paginate(list(pages_of(NAME)), PER_PAGE)
    for n, items in enumerate(lists, start=1):
        table[f"/jobs?page={n}"] = html_response(_list_page(items, n, len(lists)))
    table["/jobs"] = table["/jobs?page=1"]
    for pg in pages_of(NAME):
        if pg.kind in ("posting", "invalid_jsonld", "no_posting", "server_error"):
            table[pg.path] = _detail(pg, base)
    return table


def _home() -> str:
    return ('<h1>Find your next short-term project</h1><p>Micro-internships are short, paid, '
            'professional projects. <a href="/jobs?page=1">Browse all opportunities</a>.</p>')


def _list_page(items: list[Page], n: int, last: int) -> str:
    cards = "".join(_card(pg) for pg in items)
    nav = []
    if n > 1:
        nav.append(f'<a rel="prev" class="prev" href="/jobs?page={n - 1}">« Previous</a>')
    nav.append(f"<span>Page {n} of {last}</span>")
    if n < last:
        nav.append(f'<a rel="next" class="next" href="/jobs?page={n + 1}">Next »</a>')
    main = (f"<h1>Opportunities</h1><ul class=\"job-list\">{cards}</ul>"
            f"<nav class=\"pagination\">{''.join(nav)}</nav>")
    return page(THEME, f"Opportunities – page {n}", main)


def _card(pg: Page) -> str:
    org = escape(pg.posting.organization) if pg.posting else "Northfield University"
    posted = f"Posted {human_date(pg.posting.posted)}" if pg.posting else ""
    return (f'<li class="job-card"><a class="job-link" href="{pg.path}">{escape(pg.title)}</a>'
            f'<span class="org">{org}</span><span class="posted">{posted}</span></li>')


def _detail(pg: Page, base: str) -> Response:
    if pg.kind == "server_error":
        return server_error(THEME)
    if pg.kind == "no_posting":
        main = ("<article><h1>Fall Career Fair Recap</h1><p>Thanks to the 84 employers and 1,200 "
                "students who joined us. Slides and recordings are on the student portal.</p>"
                "</article>")
        return html_response(page(THEME, pg.title, main))
    if pg.kind == "invalid_jsonld":
        # Truncated by a broken CMS template: no parser can recover it.
        head = ('<script type="application/ld+json">\n{"@context": "https://schema.org", '
                '"@type": "JobPosting", "title": \n</script>\n')
        main = f"<h1>{escape(pg.title)}</h1><p>Represent Northfield at campus events.</p>"
        return html_response(page(THEME, pg.title, main, head=head))
    p = pg.posting
    assert p is not None
    obj = job_posting(p, url=base + pg.path, identifier=(IDENTIFIER_NAME, pg.identifier))
    head = jsonld_script(obj, raw_newlines="raw_newlines" in pg.quirks)
    dl = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in facts(p))
    main = (f'<nav class="crumbs"><a href="/jobs?page=1">Opportunities</a> › {escape(p.title)}'
            f"</nav><h1>{escape(p.title)}</h1><dl class=\"facts\">{dl}</dl>"
            f'<section class="description">{p.description}</section>'
            f'<a class="apply" href="https://www.{p.org.domain}/careers">Apply on employer site</a>')
    return html_response(page(THEME, p.title, main, head=head))


def source(base: str) -> dict:
    """How Stint crawls this site (one entry of the sources configuration)."""
    return {"name": NAME, "kind": "jsonld", "start_urls": [base + "/jobs?page=1"],
            "link_selector": "a.job-link", "next_selector": "a[rel=next]",
            "audience": "students"}  # a university career center: every posting is for students
