"""Alert email: the SMTP connection (from a URL) and the two messages, built with the standard
library's `email` package (multipart/alternative, text and HTML) and sent with `smtplib`.

Settings (environment, read by index/settings.py):
  STINT_SMTP_URL   smtp://user:pass@host:587 (STARTTLS), smtps://user:pass@host:465 (TLS from
                   the first byte). `smtp://` without STARTTLS is refused unless the server is
                   on a loopback address, so a password never crosses a network in clear.
                   Unset: no email alerts (the API and the page do not offer them).
  STINT_MAIL_FROM  the sender, e.g. `Stint alerts <alerts@example.org>` (required with SMTP)

Every digest carries a one-click unsubscribe link in its body and the RFC 8058 headers
(`List-Unsubscribe: <https://…>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`),
plus a link to manage all of the address's alerts.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Any
from urllib.parse import unquote, urlsplit

from search_api.alerts import is_loopback
from search_api.feeds import facts
from search_api.jsonld import source_urls
from search_api.views import e

TIMEOUT_S = 30.0


class MailConfigError(ValueError):
    """STINT_SMTP_URL or STINT_MAIL_FROM cannot be used."""


class MailUnavailable(RuntimeError):
    """The SMTP server cannot be reached or refuses us (not the fault of one recipient)."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    tls: str  # "starttls" | "tls" | "none" (loopback only)
    username: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str, sender: str | None) -> MailSettings:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailConfigError("STINT_SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://…")
        if not sender or "@" not in parseaddr(sender)[1]:
            raise MailConfigError("STINT_MAIL_FROM must be set to the sender's address "
                                  "(e.g. 'Stint alerts <alerts@example.org>') with STINT_SMTP_URL")
        tls = "tls" if parts.scheme == "smtps" else "starttls"
        return cls(host=parts.hostname, port=parts.port or (465 if tls == "tls" else 587),
                   sender=sender, tls=tls,
                   username=unquote(parts.username) if parts.username else None,
                   password=unquote(parts.password) if parts.password else None)

    @classmethod
    def configured(cls, url: str | None, sender: str | None) -> MailSettings | None:
        """The settings of STINT_SMTP_URL / STINT_MAIL_FROM; None when SMTP is not set up."""
        return cls.from_url(url, sender) if url else None

    @property
    def sender_domain(self) -> str:
        return parseaddr(self.sender)[1].rsplit("@", 1)[-1]


class Mailer:
    """One SMTP session for several messages: `with Mailer(settings) as m: m.send(msg)`."""

    def __init__(self, settings: MailSettings):
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        s = self.settings
        try:
            if s.tls == "tls":
                self.smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=TIMEOUT_S,
                                             context=ssl.create_default_context())
            else:
                self.smtp = smtplib.SMTP(s.host, s.port, timeout=TIMEOUT_S)
                self.smtp.ehlo()
                if self.smtp.has_extn("starttls"):
                    self.smtp.starttls(context=ssl.create_default_context())
                    self.smtp.ehlo()
                elif not is_loopback(s.host):
                    raise MailUnavailable(f"smtp {s.host}:{s.port} does not offer STARTTLS; "
                                          "refusing to send in clear (use smtps:// or a local relay)")
            if s.username:
                self.smtp.login(s.username, s.password or "")
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise MailUnavailable(f"smtp {s.host}:{s.port}: {exc}") from exc
        return self

    def send(self, message: EmailMessage) -> None:
        """Send one message. A refused recipient raises smtplib.SMTPRecipientsRefused (the
        alert's failure); a lost server raises MailUnavailable (nobody's fault but ours)."""
        assert self.smtp is not None, "use Mailer as a context manager"
        try:
            self.smtp.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError):
            raise
        except (OSError, smtplib.SMTPException) as exc:
            raise MailUnavailable(f"smtp {self.settings.host}:{self.settings.port}: {exc}") from exc

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None

    def __exit__(self, *exc: object) -> None:
        self.close()


def _message(settings: MailSettings, to: str, subject: str, text: str, html: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = Address(addr_spec=to)
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=settings.sender_domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies, please
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def _page(body: str) -> str:
    return ('<!doctype html><html><head><meta charset="utf-8"></head>'
            '<body style="font-family:sans-serif;max-width:40em">' + body + "</body></html>")


def confirmation_message(settings: MailSettings, to: str, description: str, every: str,
                         confirm_url: str) -> EmailMessage:
    """The double opt-in message: one link that confirms the alert; nothing else is sent
    before it is followed."""
    text = (f"Someone (we hope you) asked Stint to email {to} {every} with new postings "
            f"matching: {description}\n\n"
            f"Confirm this alert: {confirm_url}\n\n"
            "If it was not you, ignore this message: without a confirmation you will get nothing "
            "more from us. The link works once and expires in 48 hours.\n")
    html = _page(
        f"<p>Someone (we hope you) asked Stint to email <b>{e(to)}</b> {e(every)} with new "
        f"postings matching: <b>{e(description)}</b></p>"
        f'<p><a href="{e(confirm_url)}">Confirm this alert</a></p>'
        "<p>If it was not you, ignore this message: without a confirmation you will get nothing "
        "more from us. The link works once and expires in 48 hours.</p>")
    return _message(settings, to, f"Confirm your Stint alert: {description}", text, html)


def _card_text(n: int, doc: dict[str, Any], base_url: str) -> str:
    lines = [f"{n}. {doc.get('title') or 'Untitled'}"]
    lines += [f"   {label}: {value}" for label, value in facts(doc)]
    lines.append(f"   Details: {base_url}/listings/{doc['id']}.html")
    urls = source_urls(doc)
    for i, url in enumerate(urls):
        lines.append(f"   {'Apply:' if i == 0 else '      '} {url}")
    return "\n".join(lines)


def _card_html(doc: dict[str, Any], base_url: str) -> str:
    rows = "".join(f"<li>{e(label)}: {e(value)}</li>" for label, value in facts(doc))
    apply = " · ".join(f'<a href="{e(url)}">{e(urlsplit(url).hostname or url)}</a>'
                       for url in source_urls(doc))
    return (f'<li style="margin-bottom:1em"><a href="{e(base_url)}/listings/{e(doc["id"])}.html">'
            f"<b>{e(doc.get('title') or 'Untitled')}</b></a><ul>{rows}</ul>"
            + (f"<p>Apply: {apply}</p>" if apply else "") + "</li>")


def digest_message(settings: MailSettings, to: str, description: str, docs: list[dict[str, Any]],
                   more: int, base_url: str, links: dict[str, str]) -> EmailMessage:
    """A digest of new matches: a card per posting (title, organization, pay and its hourly
    equivalent, hours, duration, deadline, place, task type, every place to apply), `more`
    further matches as a count and a link, and the unsubscribe and manage links."""
    count = len(docs) + more
    noun = "posting" if count == 1 else "postings"
    text = [f"{count} new {noun} match your Stint alert: {description}", ""]
    text += [_card_text(i, doc, base_url) + "\n" for i, doc in enumerate(docs, start=1)]
    if more:
        text.append(f"… and {more} more: {links['search']}\n")
    text.append(f"See every match: {links['search']}")
    if links.get("manage"):
        text.append(f"Manage your alerts: {links['manage']}")
    text.append(f"Unsubscribe from this alert (one click): {links['unsubscribe']}")
    cards = "".join(_card_html(doc, base_url) for doc in docs)
    html = _page(
        f"<p>{count} new {noun} match your Stint alert: <b>{e(description)}</b></p><ol>{cards}</ol>"
        + (f'<p>… and <a href="{e(links["search"])}">{more} more</a></p>' if more else "")
        + f'<p><a href="{e(links["search"])}">See every match</a>'
        + (f' · <a href="{e(links["manage"])}">Manage your alerts</a>' if links.get("manage") else "")
        + f' · <a href="{e(links["unsubscribe"])}">Unsubscribe from this alert</a></p>')
    message = _message(settings, to, f"{count} new {noun} for {description} — Stint",
                       "\n".join(text) + "\n", html)
    message["List-Unsubscribe"] = f"<{links['unsubscribe']}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message
