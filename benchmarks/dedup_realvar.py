"""A harder deduplication set built from real postings: real Ashby boards, cross-posted the way
job boards, career centers and other tools re-post them, through the real normalizer.

    .venv/bin/python -m benchmarks.dedup_realvar [--dir PATH] [--seed S] [--errors N]

Skips cleanly (exit 0, a message) when the shared realdata folder is absent.

## Provenance and how this set was kept apart from the engine

Originals: every listed job of the 15 real Ashby boards in ../shared/realdata/ashby/ (2025-10),
each as the Ashby spider delivers it (the API's job object plus `_board: {"token": board}`).
Their titles, places, descriptions and dates are real; nothing about them is changed. Two
originals are always different openings (ground truth), including the real pairs of one board
that share a title in two cities or differ only by "Senior" (they are counted as hard negatives).

Copies: 0-3 per opening, each a new RawListing of another source (a new id, URL, source and a
posting date 0-14 days later), normalized by `normalize.normalize_raw` like any crawled posting,
so organization and places come from the real formats. The variation classes and their
spellings were written from issue 15's list of failure classes and from how real boards spell
companies and titles (the real titles of these boards: "Senior ... (Remote Canada) - Future
Opening", "[2026] ... Intern", "Account Executive – Retail & E-Commerce"), BEFORE any engine
change, and this module imports nothing from `normalize.dedup` except the `Deduper` it scores:
no key, list or threshold of the engine is used to decide what a copy looks like. The classes:

  company_legal    the employer's brand as a legal name: "Notion, Inc." / "Notion Inc" /
                   "NOTION" / "Notion GmbH" / "Notion AG" / "Notion SE" / "Notion B.V." ...
  company_prefix   a longer name that starts with the brand: "Notion Labs, Inc.",
                   "Notion Technologies"
  company_token    the ATS board token or the domain as the name: "second-dinner",
                   "seconddinner", "seconddinner.com"
  no_org           an ATS job exported as RawListing JSONL without the spider's board context:
                   Ashby (jobs.ashbyhq.com/<board>/...), Greenhouse (boards.greenhouse.io/
                   <board>/jobs/...) or Lever (jobs.lever.co/<board>/...) shaped, no name
  title_decor      "Copy of ", "- Full-Time", "(Full-Time)", "| Full-time", a season or program
                   suffix, separators changed ("-" / "–" / "|" / ",")
  title_place      the posting's own city appended: " - London", " | Jackson, TN",
                   " (Vancouver)", " - San Francisco, CA" (the copy may or may not carry a
                   location field)
  title_reorder    words reordered ("Software Engineer, Safety" -> "Safety Software Engineer"),
                   "Senior" written "Sr." / "Sr"
  other_kind       the posting as a career center's JSON-LD page, an RSS feed item or a
                   Greenhouse-shaped board names it: brand name, title and text as they are
  mixed            two or three of the above

Hard negatives (separate openings that must stay apart):
  neg_other_city   a real posting re-posted by its employer for another city (same title,
                   identical text), plus the real same-title-two-cities pairs of the boards
  neg_other_level  "Senior X" next to "X" (or "X II"), identical text, plus the real pairs
Each synthetic negative gets 0-1 copies of its own, so a copy cannot chain it to its twin.

Not used: jsonld_html (3 unrelated pages) and tabular/stapply_jobs_minimal.csv (no
descriptions, so no copy could be told from a different opening by its text).

Reported: pairwise and B-cubed precision, recall and F1 overall and by variation label (pairs
involving a listing with the label; B-cubed averaged over the listings with the label), and the
share of hard-negative pairs merged.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from benchmarks.dedup_eval import Score  # the pairwise counts, scored as in the old set

SEED = 1515
FETCHED = "2025-10-20T00:00:00Z"

COPY_LABELS = ["company_legal", "company_prefix", "company_token", "no_org", "title_decor",
               "title_place", "title_reorder", "other_kind", "mixed"]
COPY_WEIGHTS = [12, 10, 10, 12, 14, 12, 10, 10, 10]
NEGATIVES = ["neg_other_city", "neg_other_level"]
COPIES_COUNT = [0, 1, 2, 3]
COPIES_WEIGHTS = [30, 35, 25, 10]
NEGATIVE_SHARE = 0.25

# The brand each board's company goes by (as its own site writes it) and a domain.
BRANDS = {
    "Lorikeet": ("Lorikeet", "lorikeetcx.ai"), "SecondDinner": ("Second Dinner", "seconddinner.com"),
    "Solvd": ("Solvd", "solvd.com"), "acquisition": ("Acquisition.com", "acquisition.com"),
    "ambient.ai": ("Ambient.ai", "ambient.ai"), "anagram": ("Anagram", "anagram.xyz"),
    "character": ("Character.AI", "character.ai"), "colonist": ("Colonist", "colonist.io"),
    "directive": ("Directive", "directiveconsulting.com"), "govdash": ("GovDash", "govdash.com"),
    "loancrate": ("LoanCrate", "loancrate.com"), "notion": ("Notion", "notion.so"),
    "polymarket": ("Polymarket", "polymarket.com"), "raiku": ("Raiku", "raiku.com"),
    "silver": ("Silver", "silver.dev"),
}  # fmt: skip
LEGAL = ["{b}, Inc.", "{b} Inc", "{b} Inc.", "{b}, LLC", "{b} Ltd", "{b} Limited", "{B}",
         "{B}, INC.", "{b} GmbH", "{b} AG", "{b} SE", "{b} B.V.", "{b} AB", "{b} Pty Ltd",
         "{b} S.A.", "{b} Corp."]
PREFIX_WORDS = ["Labs", "Technologies", "Technologies, Inc.", "Labs, Inc.", "Holdings Inc.",
                "Software", "HQ"]
DECOR = ["Copy of {t}", "{t} - Full-Time", "{t} (Full-Time)", "{t} | Full-time",
         "{t} - Full Time", "{t} (Summer Program)", "{t} - Fall Cohort", "{t} | Early Careers",
         "{t} (Contract)"]
PLACE_FORMS = ["{t} - {city}", "{t} | {city}, {st}", "{t} ({city})", "{t} - {city}, {st}",
               "{t}, {city}"]
CAREER_CENTERS = ["northfield.edu", "lakeshore.edu", "ridgeview.ac.uk", "pinecrest.edu",
                  "harborstate.edu", "eastbay.edu"]
BOARDS_SITES = ["jobs.example-board.com", "gigs.workhub.io", "careers.startupjobs.net"]
OTHER_CITIES = [("Austin", "Texas", "United States"), ("Chicago", "Illinois", "United States"),
                ("Boston", "Massachusetts", "United States"), ("Denver", "Colorado", "United States"),
                ("Toronto", "Ontario", "Canada"), ("Berlin", None, "Germany"),
                ("Paris", None, "France"), ("Seattle", "Washington", "United States"),
                ("Dublin", None, "Ireland"), ("Jackson", "Tennessee", "United States")]
STATE_CODES = {"California": "CA", "New York": "NY", "Texas": "TX", "Illinois": "IL",
               "Massachusetts": "MA", "Colorado": "CO", "Washington": "WA", "Tennessee": "TN",
               "Ontario": "ON", "British Columbia": "BC", "New South Wales": "NSW",
               "Florida": "FL", "Georgia": "GA", "Utah": "UT", "Virginia": "VA"}


def realdata_dir() -> Path | None:
    """../shared/realdata beside the checkout (or $STINT_REALDATA), None when absent."""
    env = os.environ.get("STINT_REALDATA")
    here = Path(__file__).resolve()
    # The project's ../shared/realdata; from a worktree nested deeper, the nearest one above.
    for candidate in ([Path(env)] if env else []) + [d / "shared" / "realdata" for d in here.parents[1:]]:
        if (candidate / "ashby").is_dir():
            return candidate
    return None


@dataclass
class Dataset:
    raws: list[dict[str, Any]] = field(default_factory=list)  # RawListing dicts
    opening: dict[str, str] = field(default_factory=dict)  # raw index key -> opening
    label: dict[str, str] = field(default_factory=dict)
    related: list[tuple[str, str, str]] = field(default_factory=list)  # (opening, opening, kind)


@dataclass
class Job:
    board: str
    payload: dict[str, Any]  # the Ashby job object

    @property
    def title(self) -> str:
        return (self.payload.get("title") or "").strip()

    def city(self) -> tuple[str | None, str | None, str | None]:
        return city_of(self.payload)


def city_of(payload: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(city, region, country) of an Ashby job object's address."""
    addr = ((payload.get("address") or {}).get("postalAddress") or {})
    return addr.get("addressLocality"), addr.get("addressRegion"), addr.get("addressCountry")


def is_remote(payload: dict[str, Any]) -> bool:
    return payload.get("workplaceType") == "Remote" or payload.get("isRemote") is True


def load_jobs(root: Path) -> list[Job]:
    jobs = []
    for path in sorted((root / "ashby").glob("*.json")):
        board = path.stem
        data = json.loads(path.read_text(encoding="utf-8"))
        for job in data.get("jobs", []):
            if isinstance(job, dict) and job.get("isListed", True) and job.get("title"):
                jobs.append(Job(board, job))
    return jobs


# -- building ---------------------------------------------------------------------------------

def build(root: Path, seed: int = SEED) -> Dataset:
    rng = random.Random(seed)
    ds = Dataset()
    jobs = load_jobs(root)
    counter = iter(range(10**9))
    for i, job in enumerate(jobs):
        opening = f"o{i}"
        _add(ds, _ashby_raw(job, job.payload, source=f"ashby-{job.board}"), opening, "original")
        _natural_negatives(ds, jobs, i)
        for _ in range(rng.choices(COPIES_COUNT, COPIES_WEIGHTS)[0]):
            label = rng.choices(COPY_LABELS, COPY_WEIGHTS)[0]
            _add(ds, _copy(job, job.payload, label, rng, next(counter)), opening, label)
        if rng.random() < NEGATIVE_SHARE:
            kind = rng.choice(NEGATIVES)
            neg = _negative(job, kind, rng, next(counter), jobs)
            if neg is None:
                continue
            neg_opening = f"{opening}-{kind}"
            _add(ds, _ashby_raw(job, neg, source=f"ashby-{job.board}"), neg_opening, kind)
            ds.related.append((neg_opening, opening, kind))
            if rng.random() < 0.5:
                label = rng.choices(COPY_LABELS, COPY_WEIGHTS)[0]
                _add(ds, _copy(job, neg, label, rng, next(counter)), neg_opening, kind)
    return ds


def _add(ds: Dataset, raw: dict[str, Any], opening: str, label: str) -> None:
    key = f"r{len(ds.raws)}"
    raw["_key"] = key
    ds.raws.append(raw)
    ds.opening[key] = opening
    ds.label[key] = label


def _natural_negatives(ds: Dataset, jobs: list[Job], i: int) -> None:
    """Real pairs of one board: the same title in two places, or one title with "Senior"."""
    a = jobs[i]
    ta = _plain(a.title)
    for j in range(i):
        b = jobs[j]
        if b.board != a.board:
            continue
        tb = _plain(b.title)
        if ta == tb and a.payload.get("location") != b.payload.get("location"):
            ds.related.append((f"o{i}", f"o{j}", "neg_other_city"))
        elif _strip_level(ta) == _strip_level(tb) and ta != tb:
            ds.related.append((f"o{i}", f"o{j}", "neg_other_level"))


def _plain(title: str) -> str:
    return " ".join(title.lower().split())


def _strip_level(title: str) -> str:
    return re.sub(r"^(senior|sr\.?|junior|jr\.?|staff|lead|principal)\s+", "", title)


def _ashby_raw(job: Job, payload: dict[str, Any], source: str, board_context: bool = True) -> dict[str, Any]:
    body = dict(payload)
    if board_context:
        body["_board"] = {"token": job.board}
    return {"source": source, "kind": "ashby", "fetched_at": FETCHED, "payload": body,
            "url": f"https://api.ashbyhq.com/posting-api/job-board/{job.board}"}


def _negative(job: Job, kind: str, rng: random.Random, n: int,
              jobs: list[Job]) -> dict[str, Any] | None:
    """The employer's other opening: another city, or another level; identical text. None when
    the board already has such a posting (the negative would be a copy of a real one) or the
    title already has a level word (another one would not make another level)."""
    p = json.loads(json.dumps(job.payload))
    p["id"] = f"neg-{n}-{p.get('id')}"
    p["jobUrl"] = f"https://jobs.ashbyhq.com/{job.board}/{p['id']}"
    p["applyUrl"] = p["jobUrl"] + "/application"
    if kind == "neg_other_city":
        city, _, _ = job.city()
        if not city or p.get("workplaceType") == "Remote" or p.get("isRemote"):
            return None
        choices = [c for c in OTHER_CITIES if c[0].lower() != city.lower()]
        new_city, region, country = rng.choice(choices)
        p["address"] = {"postalAddress": {"addressLocality": new_city, "addressRegion": region,
                                          "addressCountry": country}}
        p["location"] = new_city
        p["secondaryLocations"] = []
    else:
        title = job.title
        base = _strip_level(title.lower())
        if base != title.lower():
            p["title"] = title[len(title) - len(base):].strip()  # "Senior X" -> "X"
            p["title"] = p["title"][:1].upper() + p["title"][1:]
        elif re.search(r"\b(?:senior|sr|junior|jr|staff|lead|principal|head|ii|iii)\b", title.lower()):
            return None
        else:
            p["title"] = rng.choice(["Senior {t}", "Sr. {t}", "{t} II", "Staff {t}"]).format(t=title)
        # Another real posting of the board already is this role at this level: not a new one.
        others = {_plain(j.title) for j in jobs if j.board == job.board and j is not job}
        new = _plain(p["title"])
        if new in others or any(_strip_level(t) == _strip_level(new) and t != _plain(title)
                                for t in others):
            return None
    return p


# -- copies -----------------------------------------------------------------------------------

def _copy(job: Job, payload: dict[str, Any], label: str, rng: random.Random, n: int) -> dict[str, Any]:
    brand, domain = BRANDS.get(job.board, (job.board, f"{job.board.lower()}.com"))
    title = payload.get("title") or ""
    name: str | None = brand
    parts = rng.sample(["company", "title", "kind"], rng.choice([2, 3])) if label == "mixed" else []
    if label == "no_org":
        return _no_org_copy(job, payload, rng, n)
    if label in ("company_legal", "company_prefix", "company_token") or "company" in parts:
        which = label if label.startswith("company") else rng.choice(
            ["company_legal", "company_prefix", "company_token"])
        name = _company_variant(which, brand, domain, job.board, rng)
    if label in ("title_decor", "title_place", "title_reorder") or "title" in parts:
        which = label if label.startswith("title") else rng.choice(
            ["title_decor", "title_place", "title_reorder"])
        title = _title_variant(which, title, payload, rng)
    keep_place = not (label == "title_place" and rng.random() < 0.4)
    kind = rng.choice(["jsonld", "feed", "greenhouse"])
    return _as_kind(kind, job, payload, title, name, domain, rng, n, keep_place,
                    truncate=kind == "feed" and rng.random() < 0.5)


def _company_variant(which: str, brand: str, domain: str, board: str, rng: random.Random) -> str:
    core = brand.split(".")[0] if brand.endswith((".com", ".ai", ".AI")) else brand
    if which == "company_legal":
        return rng.choice(LEGAL).format(b=core, B=core.upper())
    if which == "company_prefix":
        return f"{core} {rng.choice(PREFIX_WORDS)}"
    slug = re.sub(r"[^a-z0-9]+", "-", core.lower()).strip("-")
    return rng.choice([slug, slug.replace("-", ""), domain, board.lower()])


def _title_variant(which: str, title: str, payload: dict[str, Any], rng: random.Random) -> str:
    if which == "title_decor":
        out = rng.choice(DECOR).format(t=title)
        if rng.random() < 0.4:
            seps = [" - ", " – ", " | ", ", "]
            for sep in seps:
                if sep in out:
                    out = out.replace(sep, rng.choice([s for s in seps if s != sep]), 1)
                    break
        return out
    if which == "title_place":
        city, region, _ = city_of(payload)
        if not city or is_remote(payload):
            if is_remote(payload):
                return f"{title} (Remote)" if rng.random() < 0.5 else f"Remote - {title}"
            return rng.choice(DECOR).format(t=title)
        st = STATE_CODES.get(region or "", (region or "")[:2].upper() or "US")
        return rng.choice(PLACE_FORMS).format(t=title, city=city.strip(), st=st)
    # reorder: "X, Y" / "X - Y" / "X (Y)" -> "Y X"; "Senior" -> "Sr." / "Sr"
    out = title
    m = re.match(r"^(.*?)\s*(?:,|\s[-–|]\s|\()\s*([^()]*?)\)?\s*$", title)
    if m and m.group(1) and m.group(2):
        out = f"{m.group(2)} {m.group(1)}"
    else:
        words = title.split()
        if len(words) >= 3:
            out = " ".join(words[1:] + words[:1]) if rng.random() < 0.5 else " ".join(words[-1:] + words[:-1])
    out = re.sub(r"\bSenior\b", rng.choice(["Sr.", "Sr", "Senior"]), out)
    return out


def _no_org_copy(job: Job, payload: dict[str, Any], rng: random.Random, n: int) -> dict[str, Any]:
    """An ATS job without the spider's board context (a line another tool exported)."""
    shape = rng.choice(["ashby", "greenhouse", "lever"])
    if shape == "ashby":
        raw = _ashby_raw(job, payload, source=f"export-{n % 5}", board_context=False)
        return raw
    token = job.board.lower()
    return _as_kind(shape, job, payload, payload.get("title") or "", None, None, rng, n, True,
                    truncate=False, board=token)


def _posted(payload: dict[str, Any], rng: random.Random) -> str | None:
    when = payload.get("publishedAt")
    if not isinstance(when, str):
        return None
    try:
        day = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (day + timedelta(days=rng.randint(0, 14))).date().isoformat()


def _as_kind(kind: str, job: Job, p: dict[str, Any], title: str, name: str | None,
             domain: str | None, rng: random.Random, n: int, keep_place: bool, truncate: bool,
             board: str | None = None) -> dict[str, Any]:
    desc = p.get("descriptionHtml") or html.escape(p.get("descriptionPlain") or "")
    if truncate:
        text = re.sub(r"<[^>]+>", " ", desc)
        text = " ".join(text.split())
        desc = f"<p>{html.escape(text[:max(400, len(text) // 2)])}… Read more</p>"
    city, region, country = city_of(p) if keep_place else (None, None, None)
    remote = is_remote(p)
    posted = _posted(p, rng)
    apply_url = p.get("applyUrl") if rng.random() < 0.5 else None
    if kind == "jsonld":
        site = rng.choice(CAREER_CENTERS)
        url = f"https://careers.{site}/jobs/{n}"
        posting: dict[str, Any] = {"@type": "JobPosting", "title": title, "description": desc,
                                   "datePosted": posted, "url": url}
        if name:
            org: dict[str, Any] = {"@type": "Organization", "name": name}
            if domain and rng.random() < 0.5:
                org["sameAs"] = f"https://www.{domain}"
            posting["hiringOrganization"] = org
        if apply_url:
            posting["applyUrl"] = apply_url
        if city or country:
            posting["jobLocation"] = {"@type": "Place", "address": {
                "@type": "PostalAddress", "addressLocality": city, "addressRegion": region,
                "addressCountry": country}}
        if remote:
            posting["jobLocationType"] = "TELECOMMUTE"
        return {"source": f"center-{site.split('.')[0]}", "kind": "jsonld", "url": url,
                "fetched_at": FETCHED, "payload": posting}
    if kind == "feed":
        site = rng.choice(BOARDS_SITES)
        link = f"https://{site}/job/{n}"
        ext: dict[str, Any] = {}
        if name:
            ext["company"] = name
        if city or country:
            ext["location"] = {"city": city, "region": region, "country": country}
        if remote:
            ext["remoteStatus"] = "fully"
        if apply_url:
            ext["applyUrl"] = apply_url
        entry = {"title": title, "link": link, "id": link, "summary": desc,
                 "published": posted, "extensions": ext,
                 "feed": {"title": f"{site} jobs", "link": f"https://{site}/", "namespaces": {}}}
        return {"source": f"feed-{site.split('.')[1]}", "kind": "feed", "url": f"https://{site}/rss",
                "fetched_at": FETCHED, "payload": entry}
    token = board or re.sub(r"[^a-z0-9]+", "", (name or job.board).lower())
    place = ", ".join(x for x in (city, region) if x) or (country or "")
    if remote:
        place = f"Remote{' - ' + place if place else ''}"
    if kind == "greenhouse":
        job_id = 4_000_000_000 + n
        gh: dict[str, Any] = {"id": job_id, "title": title, "content": html.escape(desc),
                              "absolute_url": f"https://boards.greenhouse.io/{token}/jobs/{job_id}",
                              "location": {"name": place}, "first_published": posted}
        if name:
            gh["company_name"] = name
        return {"source": f"gh-mirror-{n % 3}", "kind": "greenhouse", "fetched_at": FETCHED,
                "url": "https://boards-api.greenhouse.io/v1/boards/x/jobs", "payload": gh}
    uid = f"{n:08d}-aaaa-4bbb-8ccc-{n:012d}"
    created = None
    if posted:
        created = int(datetime.fromisoformat(posted).timestamp() * 1000)
    lever = {"id": uid, "text": title, "description": desc,
             "hostedUrl": f"https://jobs.lever.co/{token}/{uid}",
             "applyUrl": f"https://jobs.lever.co/{token}/{uid}/apply",
             "categories": {"location": place}, "createdAt": created}
    if remote:
        lever["workplaceType"] = "remote"
    return {"source": f"lever-mirror-{n % 3}", "kind": "lever", "fetched_at": FETCHED,
            "url": "https://api.lever.co/v0/postings/x", "payload": lever}


# -- scoring ----------------------------------------------------------------------------------

@dataclass
class BCubed:
    p: float = 0.0
    r: float = 0.0
    n: int = 0

    @property
    def precision(self) -> float:
        return self.p / self.n if self.n else 1.0

    @property
    def recall(self) -> float:
        return self.r / self.n if self.n else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    overall: Score
    by_label: dict[str, Score]
    bcubed: BCubed
    bcubed_by_label: dict[str, BCubed]
    negatives: dict[str, tuple[int, int]]
    false_pairs: list[tuple[str, str]]
    missed_pairs: list[tuple[str, str]]
    listings: int
    clusters: int
    rejected: int
    seconds: float


def normalize_all(ds: Dataset) -> tuple[list[dict[str, Any]], dict[str, str], int]:
    """Listing dicts (first_seen_at = fetched_at), listing id -> raw key, and the rejects."""
    from normalize import NormalizeError, normalize_raw

    out, key_of, rejected = [], {}, 0
    for raw in ds.raws:
        body = {k: v for k, v in raw.items() if k != "_key"}
        try:
            listing = normalize_raw(body).model_dump(mode="json")
        except NormalizeError:
            rejected += 1
            continue
        listing["first_seen_at"] = listing.get("first_seen_at") or raw["fetched_at"]
        if listing["id"] in key_of:
            raise RuntimeError(f"duplicate listing id {listing['id']} ({raw['source']})")
        key_of[listing["id"]] = raw["_key"]
        out.append(listing)
    return out, key_of, rejected


def _pairs(groups) -> set[tuple[str, str]]:
    out = set()
    for g in groups:
        out.update((a, b) if a < b else (b, a) for a, b in combinations(sorted(g), 2))
    return out


def evaluate(ds: Dataset, deduper=None) -> tuple[Report, Any, list[dict[str, Any]], dict[str, str]]:
    from normalize.dedup import Deduper

    listings, key_of, rejected = normalize_all(ds)
    deduper = Deduper() if deduper is None else deduper
    start = time.perf_counter()
    deduper.add(listings)
    clusters = deduper.clusters()
    seconds = time.perf_counter() - start
    opening = {lid: ds.opening[k] for lid, k in key_of.items()}
    label = {lid: ds.label[k] for lid, k in key_of.items()}
    truth_groups: dict[str, list[str]] = defaultdict(list)
    for lid, o in opening.items():
        truth_groups[o].append(lid)
    predicted = _pairs(c.members for c in clusters)
    truth = _pairs(truth_groups.values())
    overall = Score(len(predicted & truth), len(predicted - truth), len(truth - predicted))
    by_label: dict[str, Score] = defaultdict(Score)
    for pair_set, attr in ((predicted & truth, "tp"), (predicted - truth, "fp"),
                           (truth - predicted, "fn")):
        for a, b in pair_set:
            for lab in {label[a], label[b]}:
                setattr(by_label[lab], attr, getattr(by_label[lab], attr) + 1)
    cluster_of = {m: tuple(c.members) for c in clusters for m in c.members}
    bc, bc_label = BCubed(), defaultdict(BCubed)
    for lid in opening:
        pred = set(cluster_of[lid])
        true = set(truth_groups[opening[lid]])
        common = len(pred & true)
        p, r = common / len(pred), common / len(true)
        for target in (bc, bc_label[label[lid]]):
            target.p += p
            target.r += r
            target.n += 1
    negatives = {k: [0, 0] for k in NEGATIVES}
    for a_open, b_open, kind in ds.related:
        for a in truth_groups.get(a_open, ()):
            for b in truth_groups.get(b_open, ()):
                negatives[kind][1] += 1
                negatives[kind][0] += ((a, b) if a < b else (b, a)) in predicted
    report = Report(overall, dict(by_label), bc, dict(bc_label),
                    {k: (v[0], v[1]) for k, v in negatives.items()},
                    sorted(predicted - truth), sorted(truth - predicted), len(listings),
                    len(clusters), rejected, seconds)
    return report, deduper, listings, label


def format_report(r: Report) -> str:
    lines = [f"{r.listings} listings ({r.rejected} rejected by the normalizer) -> {r.clusters} "
             f"clusters in {r.seconds:.2f} s",
             f"{'':16} {'pairs':>6} {'P':>6} {'R':>6} {'F1':>6}   {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}",
             _row("overall", r.overall, r.bcubed)]
    for lab in ["original", *COPY_LABELS, *NEGATIVES]:
        if lab in r.by_label or lab in r.bcubed_by_label:
            lines.append(_row(lab, r.by_label.get(lab, Score()), r.bcubed_by_label.get(lab, BCubed())))
    lines.append("hard negatives: pairs merged / pairs (the negative's listings x its twin's)")
    for kind, (merged, total) in r.negatives.items():
        lines.append(f"  {kind:16} {merged:4} / {total:4}  ({merged / total if total else 0:.3f})")
    merged = sum(m for m, _ in r.negatives.values())
    total = sum(t for _, t in r.negatives.values())
    lines.append(f"  {'all':16} {merged:4} / {total:4}  ({merged / total if total else 0:.3f})")
    return "\n".join(lines)


def _row(name: str, s: Score, b: BCubed) -> str:
    return (f"{name:16} {s.tp + s.fn:6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   "
            f"{b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f}   (tp {s.tp}, fp {s.fp}, fn {s.fn})")


def _show(pairs, by_id, label, deduper, limit, what) -> None:
    kinds = Counter(tuple(sorted((label[a], label[b]))) for a, b in pairs)
    print(f"\n{what}: {len(pairs)}; by labels: {kinds.most_common(10)}")
    for a, b in pairs[:limit]:
        v = deduper.compare_ids(a, b)
        for x in (a, b):
            li = by_id[x]
            locs = [loc.get("city") or loc.get("country") or loc.get("raw") for loc in li["locations"]]
            print(f"  {label[x]:15} {li['kind']:10} {(li['organization'] or {}).get('name')!s:28.28} "
                  f"{li['title']!s:60.60} {locs} {li['arrangement']}")
        print(f"    -> {v.as_dict()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="the realdata folder")
    parser.add_argument("--seed", type=int, default=SEED, help="the first seed")
    parser.add_argument("--seeds", type=int, default=3,
                        help="build this many sets (seeds seed, seed+1, ...), score each, add the counts")
    parser.add_argument("--errors", type=int, default=0, help="show this many false and missed pairs")
    args = parser.parse_args(argv)
    root = args.dir or realdata_dir()
    if root is None or not (root / "ashby").is_dir():
        print("skipped: ../shared/realdata (Ashby boards) is absent")
        return 0
    total: Report | None = None
    for seed in range(args.seed, args.seed + args.seeds):
        report, deduper, listings, label = evaluate(build(root, seed))
        total = report if total is None else add_reports(total, report)
        if args.errors and seed == args.seed:
            by_id = {x["id"]: x for x in listings}
            _show(report.false_pairs, by_id, label, deduper, args.errors, "false merges")
            _show(report.missed_pairs, by_id, label, deduper, args.errors, "missed pairs")
    assert total is not None
    print(f"\n{args.seeds} set(s), seeds {args.seed}..{args.seed + args.seeds - 1}, counts added:")
    print(format_report(total))
    return 0


def add_reports(a: Report, b: Report) -> Report:
    def score(x: Score, y: Score) -> Score:
        return Score(x.tp + y.tp, x.fp + y.fp, x.fn + y.fn)

    def b3(x: BCubed, y: BCubed) -> BCubed:
        return BCubed(x.p + y.p, x.r + y.r, x.n + y.n)

    labels = set(a.by_label) | set(b.by_label)
    b3_labels = set(a.bcubed_by_label) | set(b.bcubed_by_label)
    return Report(
        score(a.overall, b.overall),
        {k: score(a.by_label.get(k, Score()), b.by_label.get(k, Score())) for k in labels},
        b3(a.bcubed, b.bcubed),
        {k: b3(a.bcubed_by_label.get(k, BCubed()), b.bcubed_by_label.get(k, BCubed())) for k in b3_labels},
        {k: (a.negatives[k][0] + b.negatives[k][0], a.negatives[k][1] + b.negatives[k][1])
         for k in a.negatives},
        [], [], a.listings + b.listings, a.clusters + b.clusters, a.rejected + b.rejected,
        a.seconds + b.seconds)


if __name__ == "__main__":
    sys.exit(main())
