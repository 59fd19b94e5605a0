"""The search API's query parameters, validated before any value can reach a filter.

`SearchParams` is the one place that says which parameters /search (and the feeds and the CSV
export, which take the same ones) accept and what each may hold. A new filter is one field here
plus one line in `query.py`. Unknown parameters are rejected with a 422 that names them: a
typo like `?countri=US` would otherwise silently match everything.

Free-text filter values (organization, skill, city) are bounded and may not hold control
characters; they are then quoted by `query.quote`, so whatever they contain stays one string
literal. Closed vocabularies (arrangement, employment type, country, category, sort) are checked
against their vocabulary or pattern and never reach Meilisearch unchecked.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, get_origin

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from normalize.schema import EMPLOYMENT_TYPES, Arrangement

MAX_QUERY_CHARS = 200
MAX_PAGE_SIZE = 100
# Meilisearch answers exact totals up to maxTotalHits (100 000 in index.documents.SETTINGS):
# deeper pages than that would only ever be empty.
MAX_PAGE = 5_000
MAX_VALUES = 20  # per repeatable parameter; keeps filters small
MAX_LABEL_CHARS = 200  # organization, skill, city
MAX_PAY_PER_HOUR = 10_000
MAX_WEEKS = 520
MAX_HOURS_PER_WEEK = 168
MAX_DAYS = 3_650
LISTING_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"

EmploymentType = Literal[EMPLOYMENT_TYPES]  # type: ignore[valid-type]
Sort = Literal["relevance", "newest", "deadline", "pay"]

_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_CURRENCY_RE = re.compile(r"[A-Z]{3}")
# What a category value may be as sent ("data_entry", "Data entry", "data-entry"); the slug is
# made from it. The same patterns are published in OpenAPI, so the schema says what the server
# takes, no more and no less.
CATEGORY_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_ -]{0,39}$"
NO_CONTROL = r"\x00-\x1f\x7f"
TEXT_PATTERN = rf"^[^{NO_CONTROL}]*$"  # q: no control characters
LABEL_PATTERN = rf"^[^{NO_CONTROL}]*[^\s{NO_CONTROL}][^{NO_CONTROL}]*$"  # and not blank
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_CATEGORY_RE = re.compile(CATEGORY_PATTERN)
_LABEL_RE = re.compile(LABEL_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)


def _case(method: str):
    """A before-validator that normalizes letter case (so `in`, `In` and `IN` all mean India)."""
    return BeforeValidator(lambda v: getattr(v, method)() if isinstance(v, str) else v)


def _country(value: str) -> str:
    if not _COUNTRY_RE.fullmatch(value):
        raise ValueError("country must be a two-letter ISO 3166-1 code such as US or IN")
    return value


def _currency(value: str) -> str:
    if not _CURRENCY_RE.fullmatch(value):
        raise ValueError("currency must be a three-letter ISO 4217 code such as USD or INR")
    return value


def _category(value: str) -> str:
    # Categories are slugs (normalize.fields.taxonomy): accept "Data entry" for "data_entry".
    if not _CATEGORY_RE.fullmatch(value):
        raise ValueError("category must be a slug of letters, digits and _ such as data_entry")
    return re.sub(r"[ -]+", "_", value.strip().lower())


def _label(value: str) -> str:
    if len(value) > MAX_LABEL_CHARS:
        raise ValueError(f"value must be 1 to {MAX_LABEL_CHARS} characters")
    if not _LABEL_RE.fullmatch(value):
        raise ValueError("value must not be blank nor contain control characters")
    return value.strip()


def _iso_date(value: Any) -> Any:
    # pydantic would read "0" as a Unix time (1970-01-01): only YYYY-MM-DD is a date here.
    if isinstance(value, str) and not _DATE_RE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


def _strict_bool(value: Any) -> Any:
    # pydantic would also take 1/0, yes/no, on/off, t/f: the API documents true and false.
    if isinstance(value, str):
        if value.lower() not in ("true", "false"):
            raise ValueError("must be true or false")
        return value.lower() == "true"
    return value


def _string(**schema: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", **schema})


Country = Annotated[str, _case("upper"), AfterValidator(_country),
                    _string(pattern="^[A-Za-z]{2}$")]
Category = Annotated[str, AfterValidator(_category), _string(pattern=CATEGORY_PATTERN)]
Currency = Annotated[str, _case("upper"), AfterValidator(_currency),
                     _string(pattern="^[A-Za-z]{3}$")]
Label = Annotated[str, AfterValidator(_label),
                  _string(minLength=1, maxLength=MAX_LABEL_CHARS, pattern=LABEL_PATTERN)]
Flag = Annotated[bool, BeforeValidator(_strict_bool), WithJsonSchema({"type": "boolean"})]
IsoDate = Annotated[date, BeforeValidator(_iso_date),
                    _string(format="date", pattern=DATE_PATTERN)]


def _values(item_type: Any) -> Any:
    """A repeatable parameter: `?country=US&country=IN`."""
    return Annotated[list[item_type], Field(default_factory=list, max_length=MAX_VALUES)]


class SearchParams(BaseModel):
    """Everything /search accepts. Repeated filter values are ORed; different filters ANDed.

    Range filters keep only listings whose value is known: `duration_max_weeks=4` drops the
    listings that do not say how long they last, since a student asking for short gigs wants
    ones known to be short.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str = Field("", max_length=MAX_QUERY_CHARS, pattern=TEXT_PATTERN,
                   description="Typo-tolerant full-text query, no control characters.")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    sort: Sort = Field("relevance", description="relevance | newest | deadline (soonest first, "
                       "listings without one last) | pay (highest hourly equivalent in US "
                       "dollars first)")
    arrangement: _values(Annotated[Arrangement, _case("lower")])
    employment_type: _values(Annotated[EmploymentType, _case("upper")])
    country: _values(Country)
    city: _values(Label)
    organization: _values(Label)
    category: _values(Category)
    skills: _values(Label)
    currency: _values(Currency)
    paid: Flag | None = None
    pay_min: float | None = Field(None, ge=0, le=MAX_PAY_PER_HOUR, allow_inf_nan=False,
                                  description="Minimum pay per hour in US dollars: the hourly "
                                  "equivalent of any currency at Stint's reference rates.")
    duration_max_weeks: float | None = Field(None, gt=0, le=MAX_WEEKS, allow_inf_nan=False)
    hours_max: float | None = Field(None, gt=0, le=MAX_HOURS_PER_WEEK, allow_inf_nan=False,
                                    description="Most hours per week.")
    posted_within_days: int | None = Field(None, ge=1, le=MAX_DAYS)
    deadline_after: IsoDate | None = Field(None, description="Deadline on or after this date "
                                        "(YYYY-MM-DD); listings without a deadline are dropped.")
    micro_only: Flag = False

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

    def query_items(self, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """The parameters that differ from their defaults, as (name, value) pairs in field order:
        what a URL for the same search needs (feed links, the career-center page)."""
        items: list[tuple[str, str]] = []
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            if name in exclude or value == field.get_default(call_default_factory=True):
                continue
            for one in value if isinstance(value, list) else [value]:
                items.append((name, _text(one)))
        return items


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- SearchParams from a request's query string, and their OpenAPI description ------------
# Why not `Annotated[SearchParams, Query()]`: FastAPI's query-model support rebuilds and validates
# the model through its generic parameter machinery, ~0.3 ms a request, about the whole budget
# the API has on top of Meilisearch; validating the model directly costs a few microseconds. The
# routes therefore take `params: SearchQuery` (an async dependency, so no worker thread either)
# and publish the parameters with `openapi_extra=SEARCH_OPENAPI`, generated from the same model,
# so /openapi.json (and so /docs and the fuzz tests) still lists every one.
#
# Errors keep FastAPI's shape: a 422 with `detail` listing each problem at ("query", name).

_LIST_FIELDS = frozenset(name for name, field in SearchParams.model_fields.items()
                         if get_origin(field.annotation) is list)


def query_dict(request: Request, drop_empty: bool = False) -> dict[str, Any]:
    """The query string as model input: repeatable parameters as lists, others their last value.
    `drop_empty` leaves out the empty values an HTML form sends for blank fields."""
    params = request.query_params
    values: dict[str, Any] = {}
    for name in dict.fromkeys(params.keys()):
        given = params.getlist(name)
        if drop_empty:
            given = [v for v in given if v.strip()]
            if not given:
                continue
        values[name] = given if name in _LIST_FIELDS else given[-1]
    return values


def validation_error(exc: ValidationError) -> RequestValidationError:
    errors = []
    for error in exc.errors(include_url=False):
        error = dict(error)
        error["loc"] = ("query", *error["loc"])
        error.pop("ctx", None)  # may hold exception objects, which JSON cannot carry
        errors.append(error)
    return RequestValidationError(errors)


async def search_params(request: Request) -> SearchParams:
    try:
        return SearchParams.model_validate(query_dict(request))
    except ValidationError as exc:
        raise validation_error(exc) from None


SearchQuery = Annotated[SearchParams, Depends(search_params)]


def _openapi_parameters() -> list[dict[str, Any]]:
    properties = SearchParams.model_json_schema()["properties"]
    parameters = []
    for name, schema in properties.items():
        schema = dict(schema)
        # An absent parameter is the null of `X | None`; in a query string there is no null.
        branches = [b for b in schema.pop("anyOf", []) if b.get("type") != "null"]
        if branches:
            schema.update(branches[0])
        if schema.get("default") is None:
            schema.pop("default", None)
        schema.pop("title", None)
        description = schema.pop("description", None)
        parameter: dict[str, Any] = {"name": name, "in": "query", "required": False,
                                     "schema": schema}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters


SEARCH_OPENAPI: dict[str, Any] = {"parameters": _openapi_parameters()}
