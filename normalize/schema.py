"""The common schema: RawListing (what spiders emit) and Listing (what everything else reads).

The JSON field names of both models are a contract read by other tools: add fields freely,
never rename the existing ones. Field names follow schema.org JobPosting where one exists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, Literal, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Arrangement = Literal["remote", "hybrid", "onsite", "unknown"]
PayPeriod = Literal["HOUR", "DAY", "WEEK", "MONTH", "YEAR", "PROJECT"]
Status = Literal["active", "expired"]

# schema.org employmentType values, the only ones a Listing carries.
EMPLOYMENT_TYPES = (
    "INTERN",
    "TEMPORARY",
    "CONTRACTOR",
    "PART_TIME",
    "FULL_TIME",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
)


class RawListing(BaseModel):
    """One posting as a source delivered it. `payload` is the source's native object
    (for kind `jsonld`: the JobPosting object itself). Also the JSONL interchange format."""

    model_config = ConfigDict(extra="ignore")

    source: str
    kind: str
    url: str
    fetched_at: str
    payload: Any
    # Whom the source's postings are for, as its configuration declares (`audience` in the
    # sources file): "students" for a career center's board; None when it declares nothing.
    audience: str | None = None


# The small value models are frozen: a parsed place or pay is shared by every listing that
# states the same text (the format caches hand out the same instance), so none may change it.
FROZEN = ConfigDict(frozen=True)


class Organization(BaseModel):
    model_config = FROZEN

    name: str | None = None
    domain: str | None = None


class Location(BaseModel):
    model_config = FROZEN

    city: str | None = None
    region: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    raw: str | None = None


class Pay(BaseModel):
    model_config = FROZEN

    min: float | None = None
    max: float | None = None
    currency: str | None = None  # ISO 4217
    period: PayPeriod | None = None
    paid: bool | None = None
    # Hourly equivalent; `hourly_derived` is true when it was computed from hours and duration.
    hourly_min: float | None = None
    hourly_max: float | None = None
    hourly_derived: bool = False


class Range(BaseModel):
    model_config = FROZEN

    min: float | None = None
    max: float | None = None


class MicroInternship(BaseModel):
    is_micro: bool = False
    score: float = 0.0
    reasons: list[str] = Field(default_factory=list)


class SourceLink(BaseModel):
    """One place a clustered opening was seen: a member listing of the cluster."""

    listing_id: str
    source: str | None = None
    kind: str | None = None
    url: str | None = None
    apply_url: str | None = None
    first_seen_at: str | None = None
    status: str | None = None


class Listing(BaseModel):
    """One posting in the common schema (v1)."""

    id: str
    source: str
    kind: str
    url: str
    apply_url: str | None = None
    title: str
    organization: Organization = Field(default_factory=Organization)
    description_html: str = ""
    description_text: str = ""
    locations: list[Location] = Field(default_factory=list)
    arrangement: Arrangement = "unknown"
    # Every arrangement the posting offers ("Remote (US) or onsite in NYC": remote and onsite);
    # `arrangement` is the first of remote, hybrid, onsite among them.
    arrangements: list[Arrangement] = Field(default_factory=list)
    remote_regions: list[str] = Field(default_factory=list)
    employment_types: list[str] = Field(default_factory=list)
    pay: Pay = Field(default_factory=Pay)
    duration_weeks: Range = Field(default_factory=Range)
    hours_per_week: Range = Field(default_factory=Range)
    # Hours for the whole job when the posting states them ("5 hours total", "a 20-hour project").
    total_hours: Range = Field(default_factory=Range)
    posted_at: str | None = None  # ISO 8601 date or datetime
    deadline: str | None = None
    start_date: str | None = None
    category: str | None = None
    skills: list[str] = Field(default_factory=list)
    eligibility: list[str] = Field(default_factory=list)
    micro_internship: MicroInternship = Field(default_factory=MicroInternship)
    fetched_at: str | None = None
    first_seen_at: str | None = None
    last_seen_at: str | None = None
    status: Status = "active"
    expired_at: str | None = None
    expired_reason: str | None = None
    # Set on a cluster's canonical listing (normalize.dedup): the cluster's id and every member.
    cluster_id: str | None = None
    sources: list[SourceLink] = Field(default_factory=list)
    # Fields that could not be read: the field is left empty and the reason kept here.
    warnings: list[str] = Field(default_factory=list)
    schema_version: int = SCHEMA_VERSION


def trusted(model: type[M], fields: dict[str, Any], fields_set: Iterable[str] | None = None) -> M:
    """model.model_construct(**fields) for values that are already what validation would store:
    the same four attributes model_construct sets, without its per-field bookkeeping (a hot
    path's Listing, ~6 µs; its Pay, ~1 µs). `fields` must name every field, in field order;
    `fields_set` defaults to all of them. tests/test_normalize_fields.py pins the result to
    pydantic's own."""
    made = model.__new__(model)
    _set(made, "__dict__", fields)
    _set(made, "__pydantic_fields_set__", set(fields if fields_set is None else fields_set))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


def listing_json(listing: Listing) -> bytes:
    """One Listing as a JSON line, the `stint normalize` format: the same bytes as
    orjson.dumps(listing.model_dump(mode="json")) + newline, ~2x cheaper. A model's __dict__
    holds its fields in field order, and every field's value is JSON as it is."""
    return orjson.dumps(listing.__dict__, default=_model_fields, option=orjson.OPT_APPEND_NEWLINE)


def _model_fields(value: Any) -> dict[str, Any]:
    if isinstance(value, BaseModel):
        return value.__dict__
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def listing_id(source: str, native_key: str) -> str:
    """A stable id: the same posting of the same source always gets the same id."""
    digest = hashlib.sha1(f"{source}\x00{native_key}".encode()).hexdigest()
    return digest[:20]
