"""`stint alerts`: saved searches delivered by email (double opt-in) or signed webhook.

    stint alerts add --email ADDR --query 'q=data&arrangement=remote' [--every daily|hourly]
    stint alerts add --webhook URL --query '…'     # prints the endpoint's signing secret once
    stint alerts list [--json]
    stint alerts remove ID
    stint alerts enable ID                          # a webhook disabled after failures
    stint alerts run [--force]                      # sends what is due (cron, `stint schedule`)

Email needs STINT_SMTP_URL and STINT_MAIL_FROM, and links need the public URL of the API
(STINT_PUBLIC_URL or --public-url) for confirm, unsubscribe and manage links.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from index.settings import Settings
from stint.errors import ConfigError, MeiliError, StintError

PUBLIC_URL = click.option("--public-url", metavar="URL",
                          help="The URL the API is reached at, for links in emails. "
                               "Default: $STINT_PUBLIC_URL")


def _mail_settings(settings: Settings):
    from search_api.mail import MailConfigError, MailSettings

    try:
        return MailSettings.configured(settings.smtp_url, settings.mail_from)
    except MailConfigError as exc:
        raise ConfigError(str(exc)) from exc


def _stores(settings: Settings):
    from index.alerts import AlertStore
    from index.store import Store

    store = Store(settings.store_url)
    return store, AlertStore(store)


@click.group()
def alerts() -> None:
    """Saved searches sent by email or webhook when new postings match."""


@alerts.command("add")
@click.option("--email", metavar="ADDR", help="Send digests to this address (after it confirms).")
@click.option("--webhook", metavar="URL", help="POST signed JSON batches to this URL.")
@click.option("--query", default="", metavar="QUERY",
              help="The search, as /search takes it: 'q=data&arrangement=remote&micro_only=true'.")
@click.option("--every", type=click.Choice(["daily", "hourly"]), default="daily", show_default=True)
@PUBLIC_URL
@click.pass_obj
def add(settings: Settings, email: str | None, webhook: str | None, query: str, every: str,
        public_url: str | None) -> None:
    """Save a search as an alert. An email alert starts pending: a confirmation link is mailed
    and nothing else is sent until it is followed."""
    from search_api.alerts import (
        AlertInputError,
        canonical,
        check_email,
        check_webhook_url,
        describe,
        parse_search,
    )

    if bool(email) == bool(webhook):
        raise click.UsageError("give exactly one of --email and --webhook")
    try:
        params = parse_search(query)
        address = check_email(email) if email else check_webhook_url(webhook or "")
    except AlertInputError as exc:
        raise click.BadParameter(str(exc)) from None
    mail = _mail_settings(settings) if email else None
    public_url = public_url or settings.public_url
    if email and (mail is None or not public_url):
        raise ConfigError("email alerts need STINT_SMTP_URL, STINT_MAIL_FROM and a public URL "
                          "(--public-url or STINT_PUBLIC_URL) for their links")
    store, alert_store = _stores(settings)
    try:
        alert, confirm = alert_store.create("email" if email else "webhook", address,
                                            canonical(params), every)
        if webhook:
            click.echo(f"alert {alert['id']}: webhook {address}, {every}, search: {describe(params)}")
            click.echo(f"signing secret (Standard Webhooks; shown by `stint alerts list "
                       f"--secrets`): {alert['secret']}")
            return
        _send_confirmation(mail, alert, confirm or "", public_url or "", describe(params))
        click.echo(f"alert {alert['id']}: confirmation sent to {address}; nothing is sent "
                   "before it is confirmed")
    finally:
        store.close()


def _send_confirmation(mail, alert, confirm: str, public_url: str, description: str) -> None:
    from search_api.mail import Mailer, MailUnavailable, confirmation_message

    url = f"{public_url.rstrip('/')}/alerts/confirm?token={confirm}"
    message = confirmation_message(mail, alert["address"], description, alert["every"], url)
    try:
        with Mailer(mail) as mailer:
            mailer.send(message)
    except MailUnavailable as exc:
        raise StintError(f"alert {alert['id']} saved, but the confirmation could not be "
                         f"sent: {exc}") from exc


@alerts.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per alert.")
@click.option("--secrets", is_flag=True, help="Show webhook signing secrets.")
@click.pass_obj
def list_(settings: Settings, as_json: bool, secrets: bool) -> None:
    """Every alert: channel, address, schedule, state, what it sent, why it failed."""
    store, alert_store = _stores(settings)
    try:
        for alert in alert_store.all():
            shown = {k: v for k, v in alert.items()
                     if k not in ("confirm_hash", "unsubscribe_token", "lease_until")}
            if not secrets:
                shown.pop("secret", None)
            if as_json:
                click.echo(json.dumps(shown))
                continue
            line = (f"#{alert['id']:<4} {alert['channel']:<7} {alert['status']:<12} "
                    f"{alert['every']:<6} sent={alert['sent_count']:<4} "
                    f"last_run={alert['last_run_at'] or '-'}  {alert['address']}  "
                    f"?{alert['query']}")
            if alert["status"] == "disabled":
                line += f"\n      disabled after {alert['failures']} failed deliveries: {alert['last_error']}"
            elif alert["failures"]:
                line += (f"\n      {alert['failures']} failed deliveries, next try "
                         f"{alert['next_attempt_at']}: {alert['last_error']}")
            if secrets and alert["secret"]:
                line += f"\n      secret {alert['secret']}"
            click.echo(line)
    finally:
        store.close()


@alerts.command("remove")
@click.argument("alert_id", type=int)
@click.pass_obj
def remove(settings: Settings, alert_id: int) -> None:
    """Delete an alert and what it has sent."""
    store, alert_store = _stores(settings)
    try:
        if not alert_store.remove(alert_id):
            raise StintError(f"no alert {alert_id}")
        click.echo(f"alert {alert_id} removed")
    finally:
        store.close()


@alerts.command("enable")
@click.argument("alert_id", type=int)
@click.pass_obj
def enable(settings: Settings, alert_id: int) -> None:
    """Let a disabled alert deliver again (its failures are forgotten)."""
    store, alert_store = _stores(settings)
    try:
        if not alert_store.enable(alert_id):
            raise StintError(f"no disabled alert {alert_id}")
        click.echo(f"alert {alert_id} enabled")
    finally:
        store.close()


@alerts.command("run")
@click.option("--force", is_flag=True, help="Run every active alert, due or not.")
@PUBLIC_URL
@click.pass_obj
def run(settings: Settings, force: bool, public_url: str | None) -> None:
    """Send every due alert its new matches (for cron; `stint schedule` runs it too)."""
    import httpx
    from meilisearch.errors import MeilisearchError

    from index.meili_server import connect
    from stint.alerts import Delivery, meili_search, run_alerts

    mail = _mail_settings(settings)
    public_url = public_url or settings.public_url
    store, alert_store = _stores(settings)
    connection = None
    try:
        if not alert_store.due(datetime.now(UTC), force=force):
            click.echo("alerts: none due", err=True)
            return
        connection = connect(settings)
        with httpx.Client() as http:
            delivery = Delivery(search=meili_search(connection.url, connection.master_key,
                                                    settings.index_uid),
                                mail=mail, http=http, public_url=public_url)
            try:
                report = run_alerts(alert_store, delivery, force=force)
            except MeilisearchError as exc:
                raise MeiliError(f"alerts: the index cannot be searched: {exc}") from exc
    finally:
        if connection is not None:
            connection.stop()
        store.close()
    click.echo(f"alerts: {report.alerts} run, {report.emails} emails, {report.webhooks} webhook "
               f"posts, {report.sent} postings sent", err=True)
    for problem in report.failed:
        click.echo(f"alerts: {problem}", err=True)
    for alert_id in report.disabled:
        click.echo(f"alerts: warning: alert {alert_id} disabled after repeated failures "
                   f"(`stint alerts enable {alert_id}` after fixing it)", err=True)
