"""SearchParams from a request's query string, and their OpenAPI description.

Why not `Annotated[SearchParams, Query()]`: FastAPI's query-model support rebuilds and validates
the model through its generic parameter machinery, ~0.3 ms a request, about the whole budget
the API has on top of Meilisearch; validating the model directly costs a few microseconds. The
routes therefore take `params: SearchQuery` (an async dependency, so no worker thread either)
and publish the parameters with `openapi_extra=SEARCH_OPENAPI`, generated from the same model,
so /openapi.json (and so /docs and the fuzz tests) still lists every one.

Errors keep FastAPI's shape: a 422 with `detail` listing each problem at ("query", name).
"""

from __future__ import annotations

from typing import Annotated, Any, get_origin

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from search_api.params import SearchParams

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
