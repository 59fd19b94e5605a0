"""HTML descriptions of the sample postings, built from templates.

`build_description` writes an 800-3000 character description: who the organization is, the
project, tasks, deliverables, who can apply and a details list (pay, duration, hours, place,
dates). Blocks are joined with "\\n" so that a site can leave raw newlines inside its JSON-LD
strings, as real pages do. `reformat_for_cross_post` rewrites a description the way a second
site republishes it: details first, headings dropped, text cut short.
"""

from __future__ import annotations

import random
from datetime import date
from html import escape

from .catalog import PLACES, Category, Org

MIN_CHARS, MAX_CHARS = 800, 3000

KIND_SENTENCES = {
    "company": (
        "We are a team of about {n} people based in {city}, and we bring in students for short, "
        "well-scoped projects that matter to our roadmap.",
        "Our {city} team is small, so every project we open to students ships and gets used.",
    ),
    "nonprofit": (
        "As a small nonprofit based in {city}, we rely on short project help from students to "
        "stretch a limited budget further.",
        "We are a community-funded nonprofit in {city}; student projects have shaped some of our "
        "best programs.",
    ),
    "lab": (
        "The lab is part of Northfield University's School of Information and welcomes students "
        "from any institution for short research projects.",
    ),
}
WHY = (
    "You will work directly with a staff mentor who meets you at the start, checks in weekly and "
    "gives written feedback at the end. The scope is fixed in advance, so you know exactly what "
    "done looks like.",
    "This is a project-based engagement with a clear brief, a named point of contact and a short "
    "final review. Several past project interns have gone on to longer internships with us.",
    "Projects like this are a good way to build a portfolio piece in a few weeks without "
    "committing to a full semester. You set your own schedule within the weekly range below.",
)
ELIGIBILITY_TEXT = {
    ("students",): "Open to currently enrolled undergraduate and graduate students at any "
    "accredited college or university.",
    ("students", "recent graduates"): "Open to current students and recent graduates (class of "
    "2024 or later).",
    ("recent graduates",): "This project is designed for recent graduates who finished a degree "
    "or certificate in the last two years.",
    ("students", "recent graduates", "any school"): "Students and recent graduates from any "
    "school are welcome, including community colleges and bootcamps.",
}
CLOSINGS = (
    "To apply, send a short note on why this project interests you and one example of related "
    "work (a class project counts). We review applications on a rolling basis.",
    "Applications are reviewed weekly. Shortlisted candidates get a 20-minute video call with the "
    "project mentor.",
    "We welcome applicants from all backgrounds and are happy to discuss accommodations at any "
    "stage of the process.",
)
# Injections a hostile or compromised source might carry; the normalizer must strip them.
HOSTILE_BLOCKS = {
    "script": "<p>Apply today!<script>alert(1)</script> Spots are limited.</p>",
    "img": '<p><img src=x onerror=alert(1)>Questions? See <a href="javascript:alert(1)">our '
    "FAQ</a>.</p>",
}


def human_date(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def build_description(rng: random.Random, *, org: Org, category: Category, pay_text: str,
                      duration_text: str, hours_text: str, location_text: str, start: date,
                      deadline: date, eligibility: tuple[str, ...], hostile: str | None) -> str:
    city = PLACES[org.home].city
    intro = (f"{org.name} {org.about}. "
             + rng.choice(KIND_SENTENCES[org.kind]).format(n=rng.choice([8, 12, 25, 40]), city=city))
    blocks = [
        _p(intro),
        "<h3>About the project</h3>",
        _p(rng.choice(category.projects).format(org=org.short)),
        _p(rng.choice(WHY)),
        "<h3>What you'll do</h3>",
        _ul(rng.sample(category.tasks, rng.randint(4, 5))),
        "<h3>Deliverables</h3>",
        _ul(rng.sample(category.deliverables, 3)),
        "<h3>Who can apply</h3>",
        _p(ELIGIBILITY_TEXT[eligibility] + " No prior internship experience is needed."),
        _ul([f"Comfortable with {s}" for s in rng.sample(category.skills, rng.randint(3, 4))]),
        "<h3>Details</h3>",
        _details(pay_text, duration_text, hours_text, location_text, start, deadline),
        _p(rng.choice(CLOSINGS)),
    ]
    if hostile:
        blocks.insert(1, HOSTILE_BLOCKS[hostile])
    if len("\n".join(blocks)) > MAX_CHARS:
        del blocks[4 if hostile else 3]  # the "why" paragraph is the first to go
    text = "\n".join(blocks)
    assert MIN_CHARS <= len(text) <= MAX_CHARS, len(text)
    return text


def reformat_for_cross_post(description: str) -> str:
    """Details list first, no headings, two paragraphs, the second cut at a word boundary."""
    blocks = description.split("\n")
    details = next(b for b in blocks if b.startswith("<ul><li><strong>Compensation"))
    paragraphs = [b for b in blocks if b.startswith("<p>")][:2]
    last = paragraphs[-1].removeprefix("<p>").removesuffix("</p>")
    if len(last) > 160 and "<" not in last:
        last = last[:160].rsplit(" ", 1)[0] + "…"
    paragraphs[-1] = f"<p>{last}</p>"
    more = "<p>Full details and the application form are on the employer's site.</p>"
    return "".join([details, *paragraphs, more])


def _p(text: str) -> str:
    return f"<p>{escape(text, quote=False)}</p>"


def _ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i, quote=False)}</li>" for i in items) + "</ul>"


def _details(pay_text: str, duration_text: str, hours_text: str, location_text: str,
             start: date, deadline: date) -> str:
    rows = [("Compensation", pay_text), ("Duration", duration_text),
            ("Time commitment", hours_text), ("Location", location_text),
            ("Start date", human_date(start)), ("Apply by", human_date(deadline))]
    return "<ul>" + "".join(
        f"<li><strong>{k}:</strong> {escape(v, quote=False)}</li>" for k, v in rows) + "</ul>"
