"""Alerts' pure helpers: a saved search from a query string, its words, its links, addresses.

An alert saves exactly what /search takes (search_api.params.SearchParams), less the paging
and ordering parameters, which mean nothing for "new matches": `page`, `page_size`, `sort`.
The saved form is canonical (parameters in field order, defaults left out), so the same search
written two ways is one saved search. Pure functions, no I/O.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, get_origin
from urllib.parse import parse_qsl, urlencode, urlsplit

from pydantic import ValidationError

from search_api.params import SearchParams

NOT_SAVED = ("page", "page_size", "sort")
_LIST_FIELDS = frozenset(name for name, field in SearchParams.model_fields.items()
                         if get_origin(field.annotation) is list)
MAX_EMAIL_CHARS = 254
# One address, no display name, no comments or quoting: what a form field holds.
_EMAIL_RE = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
                       r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")


class AlertInputError(ValueError):
    """A saved search, address or URL that cannot be used; the message says why."""


def parse_search(query: str) -> SearchParams:
    """The search of a query string (`q=data&arrangement=remote`, a leading `?` allowed),
    validated as /search validates it. Paging and ordering parameters are dropped."""
    values: dict[str, Any] = {}
    for name, value in parse_qsl(query.strip().removeprefix("?"), keep_blank_values=False):
        if name in NOT_SAVED or not value.strip():
            continue
        if name in _LIST_FIELDS:
            values.setdefault(name, []).append(value)
        else:
            values[name] = value
    try:
        return SearchParams.model_validate(values)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'search'}: {e['msg']}"
                             for e in exc.errors(include_url=False))
        raise AlertInputError(f"invalid search: {problems}") from None


def canonical(params: SearchParams) -> str:
    """The saved form of a search: its non-default parameters in field order."""
    return urlencode(params.query_items(exclude=NOT_SAVED))


LABELS = {"paid": "paid only", "micro_only": "micro-internships only"}


_SPACE_RE = re.compile(r"[\x00-\x20\x7f\u0085\u2028\u2029]+")


def describe(params: SearchParams) -> str:
    """The search in a few words, for subjects and pages: '“data”, remote, paid only'. Runs of
    whitespace and control characters become one space: the words go into mail headers."""
    q = _SPACE_RE.sub(" ", params.q).strip()
    words = [f"“{q}”"] if q else []
    for name, value in params.query_items(exclude=(*NOT_SAVED, "q")):
        if name in LABELS and value == "true":
            words.append(LABELS[name])
        elif name == "arrangement":
            words.append(value)
        else:
            words.append(f"{name.replace('_', ' ')} {_SPACE_RE.sub(' ', value).strip()}")
    return ", ".join(words) or "every posting"


def check_email(address: str) -> str:
    """The address, trimmed, with its domain in lower case; AlertInputError if it is not one
    plain address."""
    address = address.strip()
    if len(address) > MAX_EMAIL_CHARS or not _EMAIL_RE.fullmatch(address):
        raise AlertInputError("not an email address")
    local, domain = address.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def is_loopback(host: str | None) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def check_webhook_url(url: str) -> str:
    """An https URL (http only to a loopback host, for local receivers and tests)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AlertInputError("a webhook URL must be http(s)://host/…")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise AlertInputError("a webhook URL must use https (http only for a loopback host)")
    if parts.username or parts.password:
        raise AlertInputError("a webhook URL must not carry credentials; it is signed instead")
    return url.strip()


def links(base_url: str, alert: dict[str, Any], manage_token: str | None = None) -> dict[str, str]:
    """The absolute URLs an alert's messages carry."""
    base = base_url.rstrip("/")
    out = {"search": f"{base}/?{alert['query']}" if alert["query"] else f"{base}/",
           "unsubscribe": f"{base}/alerts/unsubscribe?{urlencode({'token': alert['unsubscribe_token']})}"}
    if manage_token:
        out["manage"] = f"{base}/alerts/manage?{urlencode({'token': manage_token})}"
    return out
