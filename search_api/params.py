"""The search API's query parameters, validated before any value can reach a filter.

`SearchParams` is the one place that says which parameters /search takes and what each may
hold. A new filter is one field here plus one line in `filters.FILTER_FIELDS`. Unknown
parameters are rejected (a typo like `?countri=US` would otherwise silently match everything).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from normalize.schema import EMPLOYMENT_TYPES, Arrangement

MAX_QUERY_CHARS = 200
MAX_PAGE_SIZE = 100
# Meilisearch answers exact totals up to maxTotalHits (100 000 in index.documents.SETTINGS):
# deeper pages than that would only ever be empty.
MAX_PAGE = 5_000
MAX_VALUES = 20  # per repeatable parameter; keeps filters small
MAX_ORGANIZATION_CHARS = 200
LISTING_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"

EmploymentType = Literal[EMPLOYMENT_TYPES]  # type: ignore[valid-type]

_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def _case(method: str):
    """A before-validator that normalizes letter case (so `in`, `In` and `IN` all mean India)."""
    return BeforeValidator(lambda v: getattr(v, method)() if isinstance(v, str) else v)


def _country(value: str) -> str:
    if not _COUNTRY_RE.fullmatch(value):
        raise ValueError("country must be a two-letter ISO 3166-1 code such as US or IN")
    return value


def _organization(value: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_ORGANIZATION_CHARS:
        raise ValueError(f"organization must be 1 to {MAX_ORGANIZATION_CHARS} characters")
    if _CONTROL_RE.search(value):
        raise ValueError("organization must not contain control characters")
    return value


Country = Annotated[str, _case("upper"), AfterValidator(_country)]
Organization = Annotated[str, AfterValidator(_organization)]


def _values(item_type: Any) -> Any:
    """A repeatable parameter: `?country=US&country=IN`."""
    return Annotated[list[item_type], Field(default_factory=list, max_length=MAX_VALUES)]


class SearchParams(BaseModel):
    """Everything /search accepts. Repeated filter values are ORed; different filters ANDed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str = Field("", max_length=MAX_QUERY_CHARS)
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    arrangement: _values(Annotated[Arrangement, _case("lower")])
    employment_type: _values(Annotated[EmploymentType, _case("upper")])
    country: _values(Country)
    paid: bool | None = None
    organization: _values(Organization)
    micro_only: bool = False

    @model_validator(mode="before")
    @classmethod
    def _no_unknown_parameters(cls, data: Any) -> Any:
        # extra="forbid" would reject these too; this says which names are valid.
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(cls.model_fields))
            if unknown:
                raise ValueError(
                    f"unknown query parameter(s) {', '.join(map(repr, unknown))}; "
                    f"known: {', '.join(cls.model_fields)}"
                )
        return data
