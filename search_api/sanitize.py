"""Render-time sanitizing of listing HTML, and text fit for XML and CSV. Pure functions.

The normalizer already sanitized `description_html` with nh3 before storing it; it is cleaned
again here, with a stricter allowlist, right before it reaches a page or a feed. That second
pass is defense in depth: an index written by an older normalizer, a bug there, or a document
put into Meilisearch by other means still cannot put script into a student's browser.
Images are dropped too: in a job posting they are mostly tracking pixels.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "strong", "b", "em", "i", "u", "s",
    "small", "sub", "sup", "mark", "code", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6",
    "a", "span", "div", "table", "thead", "tbody", "tr", "th", "td", "caption",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer ugc"

# Characters XML 1.0 forbids (C0 controls other than tab/newline/return, lone surrogates,
# U+FFFE/U+FFFF): one of them in a title would make a feed unreadable to every reader.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_html(fragment: str | None) -> str:
    """Listing HTML reduced to harmless formatting and http(s)/mailto links."""
    if not fragment:
        return ""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=LINK_REL, strip_comments=True)


def xml_text(value: object) -> str:
    """A string XML can carry: forbidden characters removed."""
    return _XML_INVALID.sub("", "" if value is None else str(value))


def safe_url(url: object) -> str | None:
    """The URL if it is http(s), else None: a `javascript:` URL must never become a link."""
    if isinstance(url, str) and re.match(r"(?i)https?://[^\s]+$", url.strip()):
        return url.strip()
    return None
