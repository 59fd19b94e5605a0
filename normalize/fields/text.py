"""Description HTML and text: sanitize untrusted HTML, and turn it into plain text.

`sanitize_html` keeps only the tags a description card needs (p, ul, ol, li, strong, em, a with
href, br, h2-h4); scripts, styles, iframes and event handlers are removed by nh3 (Rust's ammonia).
`to_text` turns sanitized HTML into plain text with paragraph breaks, entities unescaped.
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

ALLOWED_TAGS = frozenset({"p", "ul", "ol", "li", "strong", "em", "a", "br", "h2", "h3", "h4"})

# Tags whose *content* goes too (for other disallowed tags nh3 keeps the text and drops the tag).
_DROP_CONTENT = {"script", "style", "iframe", "noscript", "template", "object", "svg", "head",
                 "title", "textarea", "select", "button", "form"}

# One Cleaner built once: building it per call costs more than cleaning a short description.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={"a": {"href"}},
    clean_content_tags=_DROP_CONTENT,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer nofollow",
)

# Tags renamed before cleaning so that their meaning survives the allow-list: <b> is <strong>,
# <h1> is a heading, and closing block tags (div, tr...) become a line break instead of running
# two blocks' words together. Both patterns start with "<", which the regex engine finds fast.
_RENAME = {"b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"}
_RENAME_RE = re.compile(r"<(/?)([bBiI]|[hH][156])\b[^>]*>")  # re.I would make it 3x slower
_BLOCK_CLOSE_RE = re.compile(
    r"</(?:div|section|article|header|footer|tr|table|blockquote|dd|dt|pre|address|td|th|main|"
    r"aside|figure)\s*>",
    re.I,
)
_EMPTY_BLOCK_RE = re.compile(r"<(p|li|h[234]|strong|em)>(?:\s|&nbsp;|<br>)*</\1>")
_BR_RUN_RE = re.compile(r"<br>(?:\s*<br>){2,}")
_LOOKS_HTML_RE = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*\b[^>]*|!--.*?--)>", re.S)
_ESCAPED_HTML_RE = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^&]*)?&gt;")

# to_text works on sanitized HTML, whose tags nh3 has normalized: "<br>", "<li>", "<p>".
# Editors often wrap each list item in a <p>; that must not split "- " from the item's text.
# Every pattern here starts with a literal: the regex engine then jumps between occurrences
# instead of trying each character (a leading group or "\s*" makes a pattern ~20x slower).
_LI_OPEN_RE = re.compile(r"<li>\s*<p>")
_LI_CLOSE_RE = re.compile(r"</p>\s*</li>")
_BLOCK_RE = re.compile(r"</?(?:p|h[234]|ul|ol)>")
_ANY_TAG_RE = re.compile(r"<[^>]*>")
# Unusual spaces become plain ones. Plain single spaces are never matched: replacing each of
# them one by one is what makes a whitespace-collapsing regex slow.
_ODD_SPACE_RE = re.compile(r"[\t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ASCII_ODD_SPACES = ("\t", "\r", "\f", "\v")
_ODD_OR_INVISIBLE_RE = re.compile(
    r"[\t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


_INVISIBLE_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _odd_or_invisible(m: re.Match[str]) -> str:
    """A run of odd spaces is one space; invisible characters alone are nothing."""
    return "" if _INVISIBLE_CHARS.issuperset(m.group(0)) else " "
_SPACE_RUN_RE = re.compile(r"  +")
_BLANK_LINES_RE = re.compile(r"\n\n\n+")


def _rename_tag(m: re.Match[str]) -> str:
    return f"<{m.group(1)}{_RENAME[m.group(2).lower()]}>"


def text_to_html(text: str) -> str:
    """Plain text to HTML: blank lines make paragraphs, single newlines make <br>."""
    paragraphs = re.split(r"\n\s*\n", text.strip().replace("\r\n", "\n"))
    parts = []
    for para in paragraphs:
        lines = [html.escape(line.strip(), quote=False) for line in para.split("\n")]
        body = "<br>".join(line for line in lines if line)
        if body:
            parts.append(f"<p>{body}</p>")
    return "".join(parts)


def sanitize_html(value: Any) -> str:
    """Untrusted description HTML (or plain text) to safe HTML with the allowed tags only."""
    if not isinstance(value, str) or not value.strip():
        return ""
    # JSON-LD descriptions are often HTML escaped once more than they should be.
    if "<" not in value and _ESCAPED_HTML_RE.search(value):
        value = html.unescape(value)
    if not _LOOKS_HTML_RE.search(value):
        return text_to_html(value)
    value = _BLOCK_CLOSE_RE.sub("<br>", _RENAME_RE.sub(_rename_tag, value))
    cleaned = _CLEANER.clean(value)
    cleaned = _EMPTY_BLOCK_RE.sub("", cleaned)
    cleaned = _BR_RUN_RE.sub("<br><br>", cleaned).strip()
    while cleaned.startswith("<br>"):
        cleaned = cleaned[4:].lstrip()
    while cleaned.endswith("<br>"):
        cleaned = cleaned[:-4].rstrip()
    return cleaned


def to_text(safe_html: str) -> str:
    """Sanitized HTML to plain text: paragraphs separated by a blank line, list items as "- "."""
    if not safe_html:
        return ""
    text = _LI_CLOSE_RE.sub("</li>", _LI_OPEN_RE.sub("<li>", safe_html))
    text = text.replace("<br>", "\n").replace("<li>", "\n- ").replace("</li>", "")
    text = _ANY_TAG_RE.sub("", _BLOCK_RE.sub("\n\n", text))
    if "&" in text:
        text = html.unescape(text)
    # One scan (~10 µs on 3 KB) for odd spaces and invisible characters together, and only for
    # text that can have them. Every such character is non-printable (Unicode Cc, Cf or Zs), so
    # text that is printable apart from its newlines has none: isprintable() is a C loop several
    # times cheaper than the regex scan, and most descriptions pass it.
    if not text.replace("\n", "").isprintable():
        if not text.isascii():
            text = _ODD_OR_INVISIBLE_RE.sub(_odd_or_invisible, text)
        elif any(c in text for c in _ASCII_ODD_SPACES):
            text = _ODD_SPACE_RE.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUN_RE.sub(" ", text)
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def clean_inline(value: Any) -> str:
    """A one-line text value (title, name): tags stripped, entities unescaped, spaces collapsed."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    if "<" in value:
        value = _ANY_TAG_RE.sub(" ", value)
    if "&" in value:
        value = html.unescape(value)
    return " ".join(_INVISIBLE_RE.sub("", value).split())
