"""GigBridge: a job board for short gigs, crawled through its sitemap.

`/sitemap.xml` lists every gig `/gig/<id>` (the browse page is drawn by JavaScript, so the
sitemap is the way in). Detail pages carry JSON-LD with an `@graph` of WebPage, BreadcrumbList
and JobPosting. Some gigs give their pay only in the description text, a few entity-escape the
description HTML inside the JSON.
"""

from __future__ import annotations

from html import escape

from .layout import Page, pages_of
from .markup import (
    Response,
    Theme,
    facts,
    html_response,
    job_posting,
    jsonld_script,
    page,
    server_error,
    text_response,
)

NAME = "gigbridge"

THEME = Theme(
    name="GigBridge",
    brand="Gig<span>Bridge</span>",
    css=("body{margin:0;font-family:system-ui,sans-serif;background:#fafafe;color:#1b1b29}"
         ".site-header{display:flex;justify-content:space-between;padding:14px 32px;"
         "background:#fff;border-bottom:1px solid #e4e2f5}.brand{font-weight:800;color:#5b3fd1;"
         "text-decoration:none}.brand span{color:#1b1b29}.main-nav a{margin-left:20px;"
         "color:#5b3fd1}main{max-width:1040px;margin:auto;padding:32px;display:grid;"
         "grid-template-columns:2fr 1fr;gap:32px}.chip{display:inline-block;background:#efeafe;"
         "border-radius:999px;padding:4px 12px;margin:2px}.site-footer{text-align:center;"
         "color:#888;padding:24px;font-size:13px}"),
    nav=(("Browse gigs", "/gigs"), ("For companies", "/about"), ("Log in", "/about")),
    footer="© 2026 GigBridge, Inc. · Terms · Privacy · Made for students who ship.",
)


def routes(base: str) -> dict[str, Response]:
    """Every route of the site, pre-rendered; unknown paths answer 404 in the server."""
    table = {
        "/": html_response(page(THEME, "Paid gigs for students", _home())),
        "/gigs": html_response(page(THEME, "Browse gigs", _browse())),
        "/about": html_response(page(THEME, "For companies", "<h1>Hire students for "
                                     "short projects</h1><p>Post a gig in five minutes.</p>")),
        "/robots.txt": text_response(f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"),
        "/sitemap.xml": text_response(_sitemap(base), "application/xml"),
    }
    for pg in pages_of(NAME):
        if pg.kind in ("posting", "invalid_jsonld", "no_posting", "server_error"):
            table[pg.path] = _detail(pg, base)
    return table


def _home() -> str:
    return ('<section><h1>Real projects. Real pay. Two to six weeks.</h1><p>GigBridge connects '
            'students with paid project work. <a href="/gigs">Browse gigs</a></p></section>')


def _browse() -> str:
    # The real list is fetched by JavaScript: crawlers get an empty shell and use the sitemap.
    return ('<section><h1>Browse gigs</h1><div id="gig-feed" data-endpoint="/api/gigs">'
            "Loading gigs…</div><noscript>Enable JavaScript to browse gigs.</noscript></section>"
            "<script>document.getElementById('gig-feed').textContent='No gigs loaded.';</script>")


def _sitemap(base: str) -> str:
    urls = []
    for pg in pages_of(NAME):
        lastmod = (f"<lastmod>{pg.posting.posted.isoformat()}</lastmod>" if pg.posting else "")
        urls.append(f"  <url><loc>{base}{pg.path}</loc>{lastmod}<changefreq>daily</changefreq>"
                    "</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(urls) + "\n</urlset>\n")


def _graph(base: str, pg: Page, *nodes: dict) -> dict:
    url = base + pg.path
    webpage = {"@type": "WebPage", "@id": url + "#webpage", "url": url,
               "name": f"{pg.title} | GigBridge", "isPartOf": {"@id": base + "/#website"}}
    crumbs = {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Gigs", "item": base + "/gigs"},
        {"@type": "ListItem", "position": 2, "name": pg.title, "item": url}]}
    return {"@context": "https://schema.org", "@graph": [webpage, crumbs, *nodes]}


def _detail(pg: Page, base: str) -> Response:
    if pg.kind == "server_error":
        return server_error(THEME)
    if pg.kind == "no_posting":
        # A filled gig keeps its page and breadcrumbs but drops the JobPosting.
        main = f"<section><h1>{escape(pg.title)}</h1><p>This gig has been filled.</p></section>"
        return html_response(page(THEME, pg.title, main, tail=jsonld_script(_graph(base, pg))))
    if pg.kind == "invalid_jsonld":
        tail = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":'
                '[{"@type":"JobPosting","title":"Podcast Editing Gig","description":"<p>Edit three'
                " episodes of a weekly show</script>\n")
        main = f"<section><h1>{escape(pg.title)}</h1><p>Edit three podcast episodes.</p></section>"
        return html_response(page(THEME, pg.title, main, tail=tail))
    p = pg.posting
    assert p is not None
    posting = job_posting(p, url=base + pg.path, identifier=("GigBridge", pg.identifier),
                          context=False, salary="salary_text_only" not in pg.quirks,
                          escaped_description="escaped_description" in pg.quirks)
    posting["mainEntityOfPage"] = {"@id": base + pg.path + "#webpage"}
    chips = "".join(f'<span class="chip">{escape(v)}</span>' for _, v in facts(p)[1:5])
    main = (f"<section><h1>{escape(p.title)}</h1><p class=\"by\">by {escape(p.organization)}</p>"
            f'<div class="description">{p.description}</div></section>'
            f'<aside>{chips}<a class="apply button" href="#apply">Apply with GigBridge'
            "</a></aside>")
    return html_response(page(THEME, p.title, main, tail=jsonld_script(_graph(base, pg, posting))))


def source(base: str) -> dict:
    """How Stint crawls this site (one entry of the sources configuration)."""
    return {"name": NAME, "kind": "jsonld", "sitemap_urls": [base + "/sitemap.xml"]}
