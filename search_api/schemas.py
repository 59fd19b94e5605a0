"""What the API answers, as OpenAPI schemas: documentation only, never run on a response.

The routes return ready bytes (orjson) and skip FastAPI's response validation, which would cost
more than the search itself; these models exist so /openapi.json says what each response holds,
and the schemathesis test (tests/test_fuzz_api.py) checks every response against them. Fields a
document may lack are optional, and documents may carry more than is listed (`extra="allow"`):
index documents grow fields over time, and a client must ignore the ones it does not know.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Organization(_Open):
    name: str | None = None
    domain: str | None = None


class Pay(_Open):
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: str | None = None
    paid: bool | None = None
    hourly_min: float | None = None
    hourly_max: float | None = None


class Range(_Open):
    min: float | None = None
    max: float | None = None


class SourceLink(_Open):
    listing_id: str | None = Field(None, description="Resolves at /listings/{listing_id}.")
    source: str | None = None
    url: str | None = None


class Hit(_Open):
    """A result card's fields; the whole listing is at /listings/{id}."""

    id: str
    title: str
    source: str | None = None
    organization: Organization | None = None
    url: str | None = None
    apply_url: str | None = None
    arrangement: str | None = None
    employment_types: list[str] | None = None
    pay: Pay | None = None
    duration_weeks: Range | None = None
    hours_per_week: Range | None = None
    posted_at: str | None = None
    deadline: str | None = None
    start_date: str | None = None
    category: str | None = None
    skills: list[str] | None = None
    countries: list[str] | None = None
    cities: list[str] | None = None
    is_micro: bool | None = None
    sources: list[SourceLink] | None = None
    cluster_id: str | None = None
    formatted: dict[str, str] | None = Field(
        None, alias="_formatted",
        description="Safe HTML of title and description snippet: escaped text, <mark> only.")


class SearchResponse(BaseModel):
    query: str
    page: int
    page_size: int
    total: int = Field(description="Exact number of matches.")
    total_pages: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    processing_ms: float


class ListingDocument(Hit):
    """The whole listing: every field of the common schema (docs/normalization.md)."""

    description_html: str | None = Field(None, description="Sanitized HTML.")
    description_text: str | None = None
    locations: list[dict[str, Any]] | None = None
    status: str | None = None


class HealthPart(_Open):
    ok: bool | None = None
    configured: bool | None = None
    error: str | None = None


class Health(BaseModel):
    status: str = Field(description="ok, or degraded when a part is down (then 503).")
    meilisearch: HealthPart
    store: HealthPart


class AdminAnswer(_Open):
    """The operation's own report, under its name (reindex, crawl or sources)."""


ERROR_SCHEMA = {"type": "object", "properties": {"detail": {"type": "string"}},
                "required": ["detail"]}


def json_error(description: str) -> dict[str, Any]:
    # Spelled out rather than `model=Error`: FastAPI would file a model under the route's own
    # media type, text/html on the HTML routes, where these answers are JSON all the same.
    return {"description": description,
            "content": {"application/json": {"schema": ERROR_SCHEMA}}}


def html(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


# Answers the middleware (limits.py) gives on any route, before the route runs.
ANY_ROUTE = {
    400: json_error("The request's Host is not one the server answers for (see --allowed-hosts)."),
    413: json_error("A declared request body over 64 KiB."),
    414: json_error("A URL path over 2 KiB or a query string over 4 KiB, at any size."),
}
NOT_MODIFIED = {304: {"description": "Not modified since the ETag or Last-Modified given."}}
VALIDATION_SCHEMA = {
    "type": "object", "required": ["detail"],
    "properties": {"detail": {"anyOf": [
        {"type": "string"},
        {"type": "array", "items": {
            "type": "object", "required": ["loc", "msg", "type"],
            "properties": {"loc": {"type": "array",
                                   "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                           "msg": {"type": "string"}, "type": {"type": "string"}}}},
    ]}},
}
INVALID = {422: {"description": "A parameter is unknown or invalid; `detail` lists each.",
                 "content": {"application/json": {"schema": VALIDATION_SCHEMA}}}}


def html_or_json(description: str) -> dict[str, Any]:
    """An answer that is a page when the route runs, JSON when it is switched off."""
    return {"description": description,
            "content": {"text/html": {"schema": {"type": "string"}},
                        "application/json": {"schema": ERROR_SCHEMA}}}


class AlertsAvailable(BaseModel):
    email: bool
    every: list[str]


class AlertPending(_Open):
    status: str
    every: str
    detail: str


# The alert pages (alerts_routes.py): what each status means.
ALERT_PAGE = {404: html_or_json("Unknown link (a page), or alerts are off on this server (JSON)."),
              **INVALID}
ALERT_LINK = {**ALERT_PAGE, 410: html("The link is unknown, used or expired.")}
ALERT_SUBSCRIBE = {404: json_error("Email alerts are not available on this server."),
                   429: json_error("Too many alert requests from this address or client."),
                   503: json_error("The confirmation email could not be sent."), **INVALID}
