"""The ATS board a job URL names: `board_from_url("https://jobs.lever.co/acme/123")` -> "acme".

An ATS job's URL carries its board (the company's account on the ATS), so a job exported
without the spider's board context (a RawListing line another tool wrote) still names its
employer, and deduplication can read the board of any listing's URL as identity evidence.
Pure: no I/O, only the URL's host and path. Hosts that serve many companies (the ATSs and
their API hosts) are listed in ATS_HOSTS so their labels are never taken for an employer's.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from normalize.cache import bounded_cache

# (host pattern, where the board is): "path" = the first path segment (after `skip` segments),
# "sub" = the first label of the host.
_BOARD_HOSTS: tuple[tuple[re.Pattern[str], str, int], ...] = (
    (re.compile(r"^jobs\.ashbyhq\.com$"), "path", 0),
    (re.compile(r"^api\.ashbyhq\.com$"), "path", 2),  # /posting-api/job-board/{board}
    (re.compile(r"^(?:job-)?boards(?:\.eu)?\.greenhouse\.io$"), "path", 0),
    (re.compile(r"^boards-api\.greenhouse\.io$"), "path", 2),  # /v1/boards/{board}/jobs
    (re.compile(r"^jobs(?:\.eu)?\.lever\.co$"), "path", 0),
    (re.compile(r"^api(?:\.eu)?\.lever\.co$"), "path", 2),  # /v0/postings/{site}
    (re.compile(r"^(?:jobs|careers)\.smartrecruiters\.com$"), "path", 0),
    (re.compile(r"^apply\.workable\.com$"), "path", 0),
    (re.compile(r"^[a-z0-9-]+\.workable\.com$"), "sub", 0),
    (re.compile(r"^[a-z0-9-]+\.recruitee\.com$"), "sub", 0),
    (re.compile(r"^[a-z0-9-]+\.teamtailor\.com$"), "sub", 0),
    (re.compile(r"^[a-z0-9-]+\.breezy\.hr$"), "sub", 0),
    (re.compile(r"^[a-z0-9-]+\.bamboohr\.com$"), "sub", 0),
    (re.compile(r"^[a-z0-9-]+\.jobs\.personio\.(?:de|com)$"), "sub", 0),
)
# Registrable domains of ATSs and job boards: a host under one of these names the platform,
# not the employer.
ATS_HOSTS = frozenset({
    "ashbyhq.com", "greenhouse.io", "lever.co", "smartrecruiters.com", "workable.com",
    "recruitee.com", "teamtailor.com", "breezy.hr", "bamboohr.com", "personio.de", "personio.com",
    "myworkdayjobs.com", "workday.com", "icims.com", "jobvite.com", "taleo.net", "linkedin.com",
    "indeed.com", "glassdoor.com", "handshake.com", "joinhandshake.com", "ziprecruiter.com",
    "wellfound.com", "angel.co", "ycombinator.com", "workatastartup.com", "google.com",
})
# Path segments that are never a board ("/embed/job_app", "/v1/...").
_NOT_BOARDS = frozenset({"embed", "v0", "v1", "api", "jobs", "job", "postings", "o", "j", "careers"})


# The registrable domains of the hosts above: most URLs are ruled out by one set lookup.
_ROOTS = frozenset({"ashbyhq.com", "greenhouse.io", "lever.co", "smartrecruiters.com",
                    "workable.com", "recruitee.com", "teamtailor.com", "breezy.hr",
                    "bamboohr.com", "personio.de", "personio.com"})


def board_from_url(url: str | None) -> str | None:
    """The board token in an ATS job URL, as written there (case kept), else None."""
    if not url:
        return None
    rest = url.split("//", 1)[-1]
    host = rest.split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
    if ".".join(host.rsplit(".", 2)[-2:]).lower() not in _ROOTS:
        return None
    return _board_from_url(url)


@bounded_cache(65536)
def _board_from_url(url: str) -> str | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for pattern, where, skip in _BOARD_HOSTS:
        if pattern.match(host):
            if where == "sub":
                board = host.split(".", 1)[0]
            else:
                segments = [s for s in parts.path.split("/") if s]
                board = unquote(segments[skip]) if len(segments) > skip else ""
            board = board.strip()
            if board and board.lower() not in _NOT_BOARDS and board.lower() not in ("www", "apply"):
                return board
            return None
    return None


@bounded_cache(16384)
def is_platform_host(host: str | None) -> bool:
    """Whether a host belongs to an ATS or job board (so it says nothing of the employer)."""
    if not host:
        return False
    labels = host.lower().split(".")
    return any(".".join(labels[i:]) in ATS_HOSTS for i in range(len(labels) - 1))
