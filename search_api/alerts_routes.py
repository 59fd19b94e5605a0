"""Alert routes: subscribe by email (double opt-in), confirm, unsubscribe, manage.

- `GET /alerts/available`: whether this server offers email alerts (the page asks).
- `POST /alerts` (JSON `{"email", "search", "every"}`): saves a pending alert and mails a
  one-time confirmation link; 202 whatever the address's history, so the answer tells nobody
  which addresses subscribe. Rate limited per address and per client IP (429).
- `GET /alerts/confirm?token=` shows a button; its POST confirms. A link scanner that fetches
  every URL in a message therefore confirms nothing.
- `GET /alerts/unsubscribe?token=` shows a button; `POST` to the same URL unsubscribes at once,
  which is also the RFC 8058 one-click POST (`List-Unsubscribe=One-Click`) mail clients send.
- `GET /alerts/manage?token=` lists an address's alerts, each with its unsubscribe button.

`configure(app, store, mail, public_url)` turns them on (stint.serving does it from the
environment). Without SMTP settings or a public URL for the links, email alerts are not
offered: POST /alerts answers 404 and the page hides its control.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import anyio
from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from index.alerts import AlertStore
from search_api.alerts import AlertInputError, canonical, check_email, describe, parse_search
from search_api.deps import OrjsonResponse
from search_api.mail import Mailer, MailSettings, MailUnavailable, confirmation_message
from search_api.schemas import (
    ALERT_LINK,
    ALERT_PAGE,
    ALERT_SUBSCRIBE,
    AlertPending,
    AlertsAvailable,
)
from search_api.views import e, layout

router = APIRouter(prefix="/alerts", tags=["alerts"])

RATE_WINDOW = timedelta(hours=1)
TOKEN = Query(min_length=16, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")


@dataclass
class AlertsConfig:
    alerts: AlertStore
    mail: MailSettings | None
    public_url: str | None
    per_address: int = 3  # subscribe requests per address per hour
    per_ip: int = 10  # subscribe requests per client IP per hour

    @property
    def email(self) -> bool:
        return self.mail is not None and bool(self.public_url)


def configure(app: FastAPI, store, mail: MailSettings | None, public_url: str | None,
              **limits: int) -> AlertsConfig:
    """Turn the alert routes on for `app` over `store` (index.store.Store)."""
    config = AlertsConfig(AlertStore(store), mail, public_url.rstrip("/") if public_url else None,
                          **limits)
    app.state.alerts = config
    return config


def _config(request: Request) -> AlertsConfig:
    config = getattr(request.app.state, "alerts", None)
    if config is None:
        raise HTTPException(404, "alerts are not enabled on this server")
    return config


class Subscribe(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(max_length=254)
    search: str = Field("", max_length=2_000, description="The /search query string to save.")
    every: Literal["daily", "hourly"] = "daily"


@router.get("/available", response_class=OrjsonResponse, response_model=AlertsAvailable)
async def available(request: Request) -> OrjsonResponse:
    """What this server offers: `{"email": true|false}`."""
    config = getattr(request.app.state, "alerts", None)
    return OrjsonResponse({"email": bool(config and config.email), "every": ["daily", "hourly"]})


@router.post("", status_code=202, response_class=OrjsonResponse, response_model=AlertPending,
             responses=ALERT_SUBSCRIBE)
async def subscribe(request: Request, body: Subscribe) -> OrjsonResponse:
    """Save a search as an email alert; a confirmation link is mailed to the address."""
    config = _config(request)
    if not config.email:
        raise HTTPException(404, "email alerts are not available on this server")
    try:
        address = check_email(body.email)
        params = parse_search(body.search)
    except AlertInputError as exc:
        raise HTTPException(422, str(exc)) from None
    now = datetime.now(UTC)
    client = request.client.host if request.client else "unknown"
    keys = {f"email:{address.lower()}": config.per_address, f"ip:{client}": config.per_ip}

    def save() -> tuple[dict[str, Any], str] | None:
        for key, limit in keys.items():
            if config.alerts.attempts_since(key, now - RATE_WINDOW) >= limit:
                return None
        config.alerts.add_attempt(keys, now, keep=RATE_WINDOW)
        alert, confirm = config.alerts.create("email", address, canonical(params), body.every, now)
        return alert, confirm or ""

    saved = await anyio.to_thread.run_sync(save)
    if saved is None:
        raise HTTPException(429, "too many alert requests; try again in an hour",
                            headers={"Retry-After": str(int(RATE_WINDOW.total_seconds()))})
    alert, confirm = saved
    message = confirmation_message(config.mail, address, describe(params), body.every,
                                   f"{config.public_url}/alerts/confirm?token={confirm}")

    def send() -> None:
        with Mailer(config.mail) as mailer:
            mailer.send(message)

    try:
        await anyio.to_thread.run_sync(send)
    except (MailUnavailable, OSError) as exc:
        raise HTTPException(503, "could not send the confirmation email; try again later") from exc
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:  # the address's fault
        raise HTTPException(422, "the mail server refused this address") from exc
    return OrjsonResponse({"status": "pending", "every": alert["every"],
                           "detail": "Check your inbox: follow the link we sent to confirm. "
                                     "Nothing is sent before you do."}, status_code=202)


def _html(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(layout(f"{title} — Stint", f"<h1>{e(title)}</h1>{body}"), status_code=status)


def _button(action: str, token: str, label: str) -> str:
    return (f'<form method="post" action="/alerts/{action}?token={e(token)}">'
            f'<input type="hidden" name="List-Unsubscribe" value="One-Click">'
            f'<button type="submit">{e(label)}</button></form>')


def _what(alert: dict[str, Any]) -> str:
    try:
        return describe(parse_search(alert["query"]))
    except AlertInputError:  # saved before a parameter changed: show it as saved
        return alert["query"]


def _manage_link(config: AlertsConfig, alert: dict[str, Any]) -> str:
    token = config.alerts.manage_token(alert["address"]) if alert["channel"] == "email" else None
    return f'<p><a href="/alerts/manage?token={e(token)}">All your alerts</a></p>' if token else ""


GONE = "<p>This link is unknown, used or expired. Start again from the search page.</p>"


@router.get("/confirm", response_class=HTMLResponse, responses=ALERT_LINK)
async def confirm_page(request: Request, token: str = TOKEN) -> HTMLResponse:
    config = _config(request)
    alert = await anyio.to_thread.run_sync(config.alerts.pending_by_confirm_token, token)
    if alert is None:
        return _html("Link expired", GONE, 410)
    return _html("Confirm your alert",
                 f"<p>Email <b>{e(alert['address'])}</b> {e(alert['every'])} with new postings "
                 f"matching <b>{e(_what(alert))}</b>?</p>" + _button("confirm", token, "Confirm"))


@router.post("/confirm", response_class=HTMLResponse, responses=ALERT_LINK)
async def confirm(request: Request, token: str = TOKEN) -> HTMLResponse:
    config = _config(request)
    alert = await anyio.to_thread.run_sync(config.alerts.confirm, token)
    if alert is None:
        return _html("Link expired", GONE, 410)
    return _html("Alert confirmed",
                 f"<p>You will get new postings matching <b>{e(_what(alert))}</b> "
                 f"{e(alert['every'])}. Every email has a one-click unsubscribe link.</p>"
                 + _manage_link(config, alert))


@router.get("/unsubscribe", response_class=HTMLResponse, responses=ALERT_PAGE)
async def unsubscribe_page(request: Request, token: str = TOKEN) -> HTMLResponse:
    config = _config(request)
    alert = await anyio.to_thread.run_sync(config.alerts.by_unsubscribe_token, token)
    if alert is None:
        return _html("Unknown link", GONE, 404)
    if alert["status"] == "unsubscribed":
        return _html("Unsubscribed", f"<p>No more emails for <b>{e(_what(alert))}</b>.</p>"
                     + _manage_link(config, alert))
    return _html("Unsubscribe",
                 f"<p>Stop emails to <b>{e(alert['address'])}</b> for new postings matching "
                 f"<b>{e(_what(alert))}</b>?</p>" + _button("unsubscribe", token, "Unsubscribe"))


@router.post("/unsubscribe", response_class=HTMLResponse, responses=ALERT_PAGE)
async def unsubscribe(request: Request, token: str = TOKEN) -> HTMLResponse:
    """Unsubscribe at once: the page's button and RFC 8058 one-click POSTs both land here."""
    config = _config(request)
    alert = await anyio.to_thread.run_sync(config.alerts.unsubscribe, token)
    if alert is None:
        return _html("Unknown link", GONE, 404)
    return _html("Unsubscribed", f"<p>No more emails for <b>{e(_what(alert))}</b>.</p>"
                 + _manage_link(config, alert))


@router.get("/manage", response_class=HTMLResponse, responses=ALERT_PAGE)
async def manage(request: Request, token: str = TOKEN) -> HTMLResponse:
    config = _config(request)
    found = await anyio.to_thread.run_sync(config.alerts.managed, token)
    if found is None:
        return _html("Unknown link", GONE, 404)
    address, alerts = found
    rows = []
    for alert in alerts:
        state = (_button("unsubscribe", alert["unsubscribe_token"], "Unsubscribe")
                 if alert["status"] == "active" else "<p>unsubscribed</p>")
        rows.append(f'<li class="alert"><p><b>{e(_what(alert))}</b> · {e(alert["every"])} · '
                    f'{alert["sent_count"]} sent · <a href="/?{e(alert["query"])}">search</a></p>'
                    f"{state}</li>")
    body = (f"<p>Alerts of <b>{e(address)}</b>:</p><ul>{''.join(rows)}</ul>" if rows
            else f"<p><b>{e(address)}</b> has no confirmed alerts.</p>")
    return _html("Your alerts", body)
