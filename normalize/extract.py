"""Find schema.org JobPosting objects in an HTML page: JSON-LD first, microdata when there is none.

    extract_jobpostings(html, base_url) -> ExtractResult(postings, errors)

JSON-LD: <script type="application/ld+json"> blocks are found with a regex and parsed here, one
block at a time, so that a broken block is skipped and reported in `errors` while the others
still count (extruct's JSON-LD extractor raises for the whole page on one bad block, and parsing
the page with lxml first costs more than everything else here). A posting may be the block
itself, an item of a top-level array, a node of "@graph", or nested anywhere (WebPage.mainEntity,
ItemList.itemListElement[].item). "@type" may be a string or a list, "JobPosting" or a full
"https://schema.org/JobPosting". References to other "@graph" nodes ({"@id": "#org"}) are inlined,
so each posting stands alone.

Microdata: only when no JSON-LD posting was found and the page mentions an itemtype of
JobPosting, through extruct restricted to microdata with uniform=True (its all-syntax default is
~70x slower).

Pure: no I/O, no logging. The crawler counts `errors` per source (`invalid_jsonld`).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 12  # how deep to look for nested postings; hostile pages nest far deeper

_SCRIPT_RE = re.compile(
    r"<script\b[^>]*?\btype\s*=\s*[\"']?\s*application/ld\+json[^>]*>(.*?)</script\s*>", re.S
)
_SCRIPT_ANY_CASE_RE = re.compile(_SCRIPT_RE.pattern, re.S | re.I)
# Wrappers some CMSs put around the JSON: HTML comments, CDATA sections, JS line comments.
_WRAPPER_RE = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_JS_COMMENT_LINE_RE = re.compile(r"^\s*//[^\n]*$", re.M)
_TRAILING_COMMA_RE = re.compile(r",(\s*[}\]])")


@dataclass
class ExtractResult:
    """The JobPosting objects of one page, and why any structured-data block was skipped."""

    postings: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "jsonld block 2: ..." / "microdata: ..."

    @property
    def invalid_jsonld(self) -> int:
        """How many JSON-LD blocks could not be parsed."""
        return sum(1 for e in self.errors if e.startswith("jsonld"))


def extract_jobpostings(html: str | bytes, base_url: str) -> ExtractResult:
    """The JobPostings in `html` (each a dict, the payload of a `jsonld` RawListing)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    result = ExtractResult()
    for number, block in enumerate(_jsonld_blocks(html), start=1):
        try:
            data = parse_jsonld(block)
        except ValueError as exc:
            result.errors.append(f"jsonld block {number}: {exc}")
            continue
        result.postings.extend(find_jobpostings(data))
    if not result.postings and _mentions_microdata_posting(html):
        result.postings.extend(_microdata(html, base_url, result.errors))
    return result


def _jsonld_blocks(html: str) -> list[str]:
    # The case-sensitive pattern starts with the literal "<script", which the regex engine finds
    # as fast as str.find; the case-blind one is tried only on pages that need it.
    blocks = _SCRIPT_RE.findall(html)
    if not blocks and "ld+json" in html.lower():
        blocks = _SCRIPT_ANY_CASE_RE.findall(html)
    return blocks


def parse_jsonld(text: str) -> Any:
    """One JSON-LD block's JSON. Fallbacks, in order, each for a way real pages break JSON:
    raw newlines and tabs inside strings (strict=False); HTML comment, CDATA and // comment
    wrappers; trailing commas; the whole block HTML-escaped (&quot;); text after the first value
    (a stray "};" or a second object, which is kept as a list). Raises ValueError."""
    try:
        return _parse_with_fallbacks(text)
    except RecursionError:  # "[[[[..." from a hostile page
        raise ValueError("invalid JSON: nested too deeply") from None


def _parse_with_fallbacks(text: str) -> Any:
    try:
        return json.loads(text, strict=False)
    except ValueError as exc:
        first_error = exc
    cleaned = _JS_COMMENT_LINE_RE.sub("", _WRAPPER_RE.sub("", text.strip())).strip()
    candidates = [cleaned, _TRAILING_COMMA_RE.sub(r"\1", cleaned)]
    if "&quot;" in cleaned or "&#34;" in cleaned:
        candidates.append(html_lib.unescape(candidates[-1]))
    for candidate in candidates:
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    values = _leading_values(candidates[-1])
    if values:
        return values if len(values) > 1 else values[0]
    raise ValueError(f"invalid JSON: {first_error}") from None


def _leading_values(text: str) -> list[Any]:
    """The JSON values at the start of `text`, one after another, up to the first that fails."""
    decoder = json.JSONDecoder(strict=False)
    values, pos = [], 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n;,":
            pos += 1
        if pos >= len(text):
            break
        try:
            value, pos = decoder.raw_decode(text, pos)
        except ValueError:
            break
        values.append(value)
    return values


def is_jobposting(node: dict[str, Any]) -> bool:
    """True if the node's @type (a string or a list) names schema.org JobPosting."""
    types = node.get("@type")
    for t in types if isinstance(types, list) else [types]:
        if isinstance(t, str) and re.split(r"[/:#]", t.strip())[-1].lower() == "jobposting":
            return True
    return False


def find_jobpostings(data: Any) -> list[dict[str, Any]]:
    """Every JobPosting in a parsed JSON-LD (or microdata) value, @graph references inlined."""
    found: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, Any]] = {}
    _walk(data, found, nodes, 0)
    return [_inline_refs(posting, nodes) for posting in found]


def _walk(node: Any, found: list[dict[str, Any]], nodes: dict[str, Any], depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            _walk(item, found, nodes, depth + 1)
        return
    if not isinstance(node, dict):
        return
    node_id = node.get("@id")
    if isinstance(node_id, str) and len(node) > 1:
        nodes.setdefault(node_id, node)
    if is_jobposting(node):
        found.append(node)
        return  # what a posting contains (its organization, places) is not another posting
    for value in node.values():
        if isinstance(value, (dict, list)):
            _walk(value, found, nodes, depth + 1)


def _inline_refs(posting: dict[str, Any], nodes: dict[str, Any]) -> dict[str, Any]:
    """A copy of `posting` whose {"@id": ...}-only values are replaced by the nodes they name."""
    if not nodes:
        return posting

    def resolve(value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            target = nodes.get(value.get("@id"))  # type: ignore[arg-type]
            return target if target is not None and target is not posting else value
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    return {key: resolve(value) for key, value in posting.items()}


def _mentions_microdata_posting(html: str) -> bool:
    return "itemtype" in html and "jobposting" in html.lower()


def _microdata(html: str, base_url: str, errors: list[str]) -> list[dict[str, Any]]:
    import extruct  # ~0.2 s to import, and needed only for the rare microdata page

    try:
        data = extruct.extract(html, base_url=base_url, syntaxes=["microdata"], uniform=True)
    except Exception as exc:  # lxml and extruct raise many types on broken markup
        errors.append(f"microdata: {type(exc).__name__}: {exc}")
        return []
    return find_jobpostings(data.get("microdata", []))
