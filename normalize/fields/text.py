"""Description HTML and text: sanitize untrusted HTML, and turn it into plain text.

`sanitize_html` keeps only the tags a description card needs (p, ul, ol, li, strong, em, a with
href, br, h2-h4); scripts, styles, iframes and event handlers are removed by nh3 (Rust's ammonia).
`to_text` turns sanitized HTML into plain text with paragraph breaks, entities unescaped.

Speed: each regex pass over a 3 KB description costs 1-4 µs, so passes are few and every pattern
starts with a literal (the engine then jumps between occurrences). `to_text` works on UTF-8 bytes:
on a non-ASCII str every piece re.sub cuts is rescanned for its widest character (~1 µs a pass);
bytes make non-ASCII text as cheap as ASCII. The output of every function is byte-identical to
the straightforward pass-per-rule version kept in tests/oracles/test_text.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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

# Before cleaning, tags are renamed so that their meaning survives the allow-list: <b> is
# <strong>, <h1> is a heading, and closing block tags (div, tr...) become a line break instead of
# running two blocks' words together. One pass does both (group 1 is a closing tag's new name,
# group 2 an opening tag's, neither a block close). The pass runs at every "<" of the input, so
# the common tags (<p>, </p>, <li>, </strong>...) must fail fast: the branches start with a
# literal "/" or a lookahead on a character class, which the engine tests before entering them
# (a leading group like "(/?)" it cannot), and the lookahead on the block names' first letters
# (two for "pre" and "section") turns away </p> and </strong>. The block names are factored by
# first letter because each case-insensitive alternative tried costs time at every "</"; re.I on
# the whole pattern would make the renaming 3x slower.
_RENAME = {"b": "strong", "i": "em", "h1": "h2", "h5": "h4", "h6": "h4"}
_PRE_CLEAN_RE = re.compile(
    r"<(?:/(?:(?=[bBiIhH])([bBiI]|[hH][156])\b[^>]*"
    r"|(?=(?i:[dahftbm]|pr|se))(?i:d(?:iv|d|t)|section|a(?:rticle|ddress|side)|header"
    r"|f(?:ooter|igure)|t(?:r|able|d|h)|blockquote|pre|main)\s*)"
    r"|(?=[bBiIhH])([bBiI]|[hH][156])\b[^>]*)>"
)
# After cleaning, empty blocks go and runs of 3+ <br> become two. Both are rare, so one search for
# either decides whether the two passes run at all.
# (?=[\s&<]) only rejects early what the rest could not match: most <p> are followed by a letter.
_EMPTY_BLOCK_RE = re.compile(r"<(p|li|h[234]|strong|em)>(?=[\s&<])(?:\s|&nbsp;|<br>)*</\1>")
_BR_RUN_RE = re.compile(r"<br>(?:\s*<br>){2,}")
_EMPTY_BLOCK_OR_BR_RUN_RE = re.compile(
    r"<(?:(p|li|h[234]|strong|em)>(?=[\s&<])(?:\s|&nbsp;|<br>)*</\1>|br>(?:\s*<br>){2})")
_LOOKS_HTML_RE = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*\b[^>]*|!--.*?--)>", re.S)
_ESCAPED_HTML_RE = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^&]*)?&gt;")

# to_text works on sanitized HTML, whose tags nh3 has normalized: "<br>", "<li>", "<p>", as UTF-8.
# The passes keep the order of the rules they implement (a removed "</li>" can join "<" and "p>"
# into a new tag in raw input). Editors often wrap each list item in a <p>; that must not split
# "- " from the item's text.
_UTF8 = ("utf-8", "surrogatepass")  # lone surrogates in raw input survive the round trip
# What str's \s matches (the characters with str.isspace()), spelled as UTF-8.
_WS = (rb"(?:[\t\n\v\f\r\x1c-\x20]|\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]"
       rb"|\xe2\x81\x9f|\xe3\x80\x80)*")
_LI_CLOSE_RE = re.compile(rb"</p>" + _WS + rb"</li>")
_LI_RE = re.compile(rb"<li>(?:" + _WS + rb"<p>)?")
_BR_RE = re.compile(rb"<br>")
_LI_END_RE = re.compile(rb"</li>")
# A block tag is a paragraph break. Blank lines are collapsed to one at the end anyway, so a run of
# block tags and the newlines right after them is one break: most text then has no newline run
# left to collapse, and the collapsing pass is skipped.
_BLOCK = rb"</?(?:p|h[234]|ul|ol)>"
# Greedy, not possessive (`*+`): CPython before 3.11.5, Debian 12's 3.11.2 among them, matched
# possessive repeats wrongly (gh-106052), and "<p><a ...>" lost its "<".
_BLOCKS_RE = re.compile(_BLOCK + rb"(?:\n|" + _BLOCK + rb")*")
_ANY_TAG_RE = re.compile(rb"<[^>]*>")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
# Odd spaces become one plain space, invisible characters alone are nothing.
_ODD_OR_INVISIBLE_RE = re.compile(
    r"[\t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # clean_inline
_INLINE_TAG_RE = re.compile(r"<[^>]*>")  # clean_inline
_INVISIBLE_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Plain single spaces are never matched: replacing each of them is what makes a collapsing regex
# slow. Two literal spaces first give the engine a two-character prefix to look for.
_SPACE_RUN_RE = re.compile(b"   *")
# A space next to a newline, or three newlines in a row: only then is there a line to tidy.
_LINE_WORK_RE = re.compile(b"\n(?:(?<= \n)| |\n\n)")
_SPACE_NL_RE = re.compile(b" \n")  # regexes: bytes.replace is 2x slower on these
_NL_SPACE_RE = re.compile(b"\n ")
_BLANK_LINES_RE = re.compile(b"\n\n\n+")


def _odd_or_invisible(m: re.Match[str]) -> str:
    return "" if _INVISIBLE_CHARS.issuperset(m.group(0)) else " "


def _pre_clean_tag(m: re.Match[str]) -> str:
    close, name = m.group(1, 2)
    if close:
        return f"</{_RENAME[close.lower()]}>"
    return "<br>" if name is None else f"<{_RENAME[name.lower()]}>"


def text_to_html(text: str) -> str:
    """Plain text to HTML: blank lines make paragraphs, single newlines make <br>."""
    # Escaping touches no whitespace, so the whole text is escaped once instead of line by line.
    text = html.escape(text.strip().replace("\r\n", "\n"), quote=False)
    parts = []
    for para in re.split(r"\n\s*\n", text):
        body = "<br>".join(line for line in map(str.strip, para.split("\n")) if line)
        if body:
            parts.append(f"<p>{body}</p>")
    return "".join(parts)


# A batch's descriptions, sanitized and made text back to back before its postings are mapped
# (`prefetched`): nh3 and the text passes then run with their code and tables in the CPU caches,
# between the other parsers of one posting at a time they cost ~1.6x as much (nh3: 26 -> 46 µs
# on 3 KB). Both are pure functions, so a result taken from here is the one the call would give.
_SANITIZED: dict[str, str] = {}
_TEXTS: dict[str, str] = {}
_recording = False  # while the batch's sources are worked out: keep every sanitize_html result


@contextmanager
def prefetched(sources: Iterable[Any]) -> Iterator[list[str]]:
    """Within the block, sanitize_html and to_text answer for `sources` (the HTML the batch's
    postings will sanitize, worked out as this iterates them) from results computed up front,
    back to back. A source that is wrong only misses: the call then does the work itself.
    Yields the texts made, for more work to be done on them ahead."""
    global _recording
    try:
        _recording = True
        for source in sources:
            if isinstance(source, str) and source not in _SANITIZED:
                try:
                    _SANITIZED[source] = _sanitize_html(source)
                except Exception:  # noqa: BLE001 — the real call raises it again, and reports it
                    continue
        _recording = False
        for safe in list(_SANITIZED.values()):
            if safe not in _TEXTS:
                try:
                    _TEXTS[safe] = _to_text(safe)
                except Exception:  # noqa: BLE001 — as above
                    continue
        yield list(_TEXTS.values())
    finally:
        _recording = False
        _SANITIZED.clear()
        _TEXTS.clear()


def sanitize_html(value: Any) -> str:
    """Untrusted description HTML (or plain text) to safe HTML with the allowed tags only."""
    if _SANITIZED and isinstance(value, str):
        known = _SANITIZED.get(value)
        if known is not None:
            return known
    if _recording and isinstance(value, str):
        _SANITIZED[value] = safe = _sanitize_html(value)
        return safe
    return _sanitize_html(value)


def _sanitize_html(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    # JSON-LD descriptions are often HTML escaped once more than they should be.
    if "<" not in value and _ESCAPED_HTML_RE.search(value):
        value = html.unescape(value)
    if not _LOOKS_HTML_RE.search(value):
        return text_to_html(value)
    cleaned = _CLEANER.clean(_PRE_CLEAN_RE.sub(_pre_clean_tag, value))
    # No match of either pattern: both passes would leave the text as it is.
    if _EMPTY_BLOCK_OR_BR_RUN_RE.search(cleaned):
        cleaned = _BR_RUN_RE.sub("<br><br>", _EMPTY_BLOCK_RE.sub("", cleaned))
    cleaned = cleaned.strip()
    while cleaned.startswith("<br>"):
        cleaned = cleaned[4:].lstrip()
    while cleaned.endswith("<br>"):
        cleaned = cleaned[:-4].rstrip()
    return cleaned


def _has_odd_chars(data: bytes) -> bool:
    """Whether UTF-8 text may hold odd spaces or invisible characters (all are non-printable)."""
    if data.isascii():
        return b"\t" in data or b"\r" in data or b"\f" in data or b"\v" in data
    # Printable ASCII and newlines go; what is left (a few curly quotes...) is decoded and checked.
    return not data.translate(None, _PRINTABLE_ASCII).decode(*_UTF8).isprintable()


def to_text(safe_html: str) -> str:
    """Sanitized HTML to plain text: paragraphs separated by a blank line, list items as "- "."""
    if _TEXTS and isinstance(safe_html, str):
        known = _TEXTS.get(safe_html)
        if known is not None:
            return known
    return _to_text(safe_html)


def _to_text(safe_html: str) -> str:
    if not safe_html:
        return ""
    data = _LI_CLOSE_RE.sub(b"</li>", safe_html.encode(*_UTF8))
    data = _LI_RE.sub(b"\n- ", data)
    data = _LI_END_RE.sub(b"", _BR_RE.sub(b"\n", data))
    data = _ANY_TAG_RE.sub(b"", _BLOCKS_RE.sub(b"\n\n", data))
    if b"&" in data:
        data = html.unescape(data.decode(*_UTF8)).encode(*_UTF8)
    # A run of odd spaces (tabs included) becomes one space: space runs are collapsed right
    # after, so one space per odd character or per run gives the same text.
    if _has_odd_chars(data):
        text = _ODD_OR_INVISIBLE_RE.sub(_odd_or_invisible, data.decode(*_UTF8))
        data = text.encode(*_UTF8)
    data = _SPACE_RUN_RE.sub(b" ", data)
    if _LINE_WORK_RE.search(data):
        data = _NL_SPACE_RE.sub(b"\n", _SPACE_NL_RE.sub(b"\n", data))
        data = _BLANK_LINES_RE.sub(b"\n\n", data)
    return data.decode(*_UTF8).strip()


def clean_inline(value: Any) -> str:
    """A one-line text value (title, name): tags stripped, entities unescaped, spaces collapsed."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return ""
    if "<" in value:
        value = _INLINE_TAG_RE.sub(" ", value)
    if "&" in value:
        value = html.unescape(value)
    if not value.isascii():  # O(1); every invisible character is non-ASCII
        value = _INVISIBLE_RE.sub("", value)
    return " ".join(value.split())

