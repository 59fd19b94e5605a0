"""Real parts for the alert tests (no tests here): an SMTP server (aiosmtpd) that keeps what it
receives, and an HTTP receiver that verifies Standard Webhooks signatures as a career center
would, with the `standardwebhooks` package."""

from __future__ import annotations

import email
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from standardwebhooks import Webhook

from index.meili_server import free_port


class SmtpSink:
    """Every message the server accepted, parsed, with its envelope recipients."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], EmailMessage, bytes]] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's handler hook
        raw = envelope.original_content or envelope.content
        self.received.append((list(envelope.rcpt_tos),
                              email.message_from_bytes(raw, policy=policy.default), raw))
        return "250 OK"

    @property
    def messages(self) -> list[EmailMessage]:
        return [message for _, message, _ in self.received]

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


@contextmanager
def smtp_server() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


class WebhookReceiver:
    """Answers each POST with the next status in `statuses` (200 once they run out) and keeps
    (headers, body, verified payload or the verification error) for each."""

    def __init__(self, secret: str | None = None, statuses: list[int] | None = None):
        self.secret = secret
        self.statuses = list(statuses or [])
        self.deliveries: list[dict] = []
        self.url = ""

    def verify(self, headers: dict[str, str], body: bytes):
        try:
            return Webhook(self.secret).verify(body, headers), None
        except Exception as exc:  # the verification result is what the tests look at
            return None, f"{type(exc).__name__}: {exc}"


@contextmanager
def webhook_receiver(receiver: WebhookReceiver) -> Iterator[WebhookReceiver]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 — http.server's naming
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            payload, error = receiver.verify(headers, body) if receiver.secret else (None, None)
            status = receiver.statuses.pop(0) if receiver.statuses else 200
            receiver.deliveries.append({"headers": headers, "body": body, "payload": payload,
                                        "error": error, "status": status})
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/stint"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
