"""URLs: make links absolute and find an organization's web domain."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from normalize.cache import RECURRING, bounded_cache

# Profiles on these sites say nothing about the organization's own domain.
_PROFILE_SITES = (
    "linkedin.com", "facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com",
    "tiktok.com", "github.com", "glassdoor.com", "indeed.com", "crunchbase.com",
    "wikipedia.org", "wikidata.org", "angel.co", "wellfound.com", "xing.com",
)
_PROFILE_SUFFIXES = tuple("." + site for site in _PROFILE_SITES)  # one C-level endswith
MAX_CACHED_URL = 200  # longer URLs are rare as an organization's: read each time, not held
# A root-relative link ("/jobs/42", "/jobs?id=42") that urljoin only puts after the page's
# scheme and host: no "." or ".." segment, ";" parameters, "#" fragment, empty query or odd
# character that would make it apply other rules.
_ROOT_RELATIVE_RE = re.compile(r"(/(?!/)[\w\-.~!$&'()*+,=:@%/]*)(?:\?[!-\"$-~]+)?", re.ASCII)
_DOT_SEGMENT_RE = re.compile(r"/\.\.?(?:/|\Z)")
# An http(s) page URL's scheme and host (ASCII, no IPv6 brackets), as urlsplit reads them.
_ORIGIN_RE = re.compile(r"https?://[\w\-.~!$&'()*+,;=:@%]+(?=[/?#]|\Z)", re.ASCII)


def absolute_url(href: Any, base: str) -> str | None:
    """`href` made absolute against `base`; None unless the result is an http(s) URL."""
    if not isinstance(href, str) or not href.strip():
        return None
    href = href.strip()
    if href.startswith(("https://", "http://")) and " " not in href:
        return href  # already absolute; urljoin would cost ~40 µs to say so
    if href.startswith("/"):
        link, origin = _ROOT_RELATIVE_RE.fullmatch(href), _ORIGIN_RE.match(base)
        if link and origin and not _DOT_SEGMENT_RE.search(link[1]):
            return origin[0] + href  # urljoin's result, at a tenth of its ~6 µs
    try:
        url = urljoin(base, href)
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


def domain_of(url: Any) -> str | None:
    """The host of an http(s) URL, lower-cased, without "www." and port; None otherwise."""
    if not isinstance(url, str):
        return None
    # An organization's URL is on every posting of its site or board: each is read once.
    return _cached_domain(url) if len(url) <= MAX_CACHED_URL else _domain(url)


def _domain(url: str) -> str | None:
    url = url.strip()
    if "://" not in url:
        if not url or " " in url or "." not in url:
            return None
        url = "https://" + url  # a bare "acme.com"
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


_cached_domain = bounded_cache(RECURRING)(_domain)


def organization_domain(urls: list[Any]) -> str | None:
    """The first domain among `urls` that is not a profile on a social or job site."""
    for url in urls:
        host = domain_of(url)
        if host and host not in _PROFILE_SITES and not host.endswith(_PROFILE_SUFFIXES):
            return host
    return None
