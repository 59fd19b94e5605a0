"""URLs: make links absolute and find an organization's web domain."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

# Profiles on these sites say nothing about the organization's own domain.
_PROFILE_SITES = (
    "linkedin.com", "facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com",
    "tiktok.com", "github.com", "glassdoor.com", "indeed.com", "crunchbase.com",
    "wikipedia.org", "wikidata.org", "angel.co", "wellfound.com", "xing.com",
)
_PROFILE_SUFFIXES = tuple("." + site for site in _PROFILE_SITES)  # one C-level endswith


def absolute_url(href: Any, base: str) -> str | None:
    """`href` made absolute against `base`; None unless the result is an http(s) URL."""
    if not isinstance(href, str) or not href.strip():
        return None
    href = href.strip()
    if href.startswith(("https://", "http://")) and " " not in href:
        return href  # already absolute; urljoin would cost ~40 µs to say so
    try:
        url = urljoin(base, href)
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


def domain_of(url: Any) -> str | None:
    """The host of an http(s) URL, lower-cased, without "www." and port; None otherwise."""
    if not isinstance(url, str):
        return None
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


def organization_domain(urls: list[Any]) -> str | None:
    """The first domain among `urls` that is not a profile on a social or job site."""
    for url in urls:
        host = domain_of(url)
        if host and host not in _PROFILE_SITES and not host.endswith(_PROFILE_SUFFIXES):
            return host
    return None
