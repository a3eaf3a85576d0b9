"""Sending an SMS: one interface, two transports.

- TwilioTransport: the twilio library's REST client, with a status callback.
- ConsoleTransport: the development default; it logs the message and
  reports it sent, so the whole loop runs without credentials.

Errors are sorted into transient (retry later) and permanent (give up now),
following Twilio's error codes."""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

log = logging.getLogger(__name__)
# The twilio library logs every request's headers at INFO: too chatty for a worker.
logging.getLogger("twilio.http_client").setLevel(logging.WARNING)

# Permanent Twilio errors with a meaning of their own.
INVALID_NUMBER = 21211
UNSUBSCRIBED = 21610  # the recipient replied STOP: never send again
TOO_MANY_REQUESTS = 20429


@dataclass(frozen=True)
class Sent:
    sid: str
    status: str  # Twilio's: queued, accepted, sending, sent...


class SmsError(Exception):
    def __init__(self, message: str, code: int | None = None, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.status = status


class TransientSmsError(SmsError):
    """Worth trying again: rate limited, Twilio unavailable, a timeout."""


class PermanentSmsError(SmsError):
    """Trying again will not help: a bad number, an unsubscribed recipient."""


class ConsoleTransport:
    name = "console"

    def send(self, to: str, body: str, from_number: str | None, status_callback: str | None) -> Sent:
        log.warning("SMS to %s: %s", to, body)
        return Sent(sid=f"CONSOLE{uuid.uuid4().hex}", status="sent")


class TwilioTransport:
    name = "twilio"

    def __init__(self, account_sid: str, auth_token: str, api_base_url: str | None = None,
                 timeout_seconds: float = 10):
        from requests.utils import get_environ_proxies
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        base_url = (api_base_url or "https://api.twilio.com").rstrip("/")
        # requests reads proxy settings from the environment on every call,
        # which costs more CPU than the rest of a send; read them once, for
        # the one address this transport talks to (NO_PROXY included).
        http = TwilioHttpClient(timeout=timeout_seconds, proxy=get_environ_proxies(base_url) or None)
        http.session.trust_env = False
        self.client = Client(account_sid, auth_token, http_client=http)
        self.client.api.base_url = base_url

    def send(self, to: str, body: str, from_number: str | None, status_callback: str | None) -> Sent:
        import requests
        from twilio.base.exceptions import TwilioRestException

        try:
            message = self.client.messages.create(to=to, from_=from_number, body=body,
                                                  status_callback=status_callback)
        except TwilioRestException as exc:
            transient = exc.status == 429 or exc.status >= 500 or exc.code == TOO_MANY_REQUESTS
            kind = TransientSmsError if transient else PermanentSmsError
            raise kind(str(exc.msg), code=exc.code, status=exc.status) from None
        except requests.RequestException as exc:
            raise TransientSmsError(f"Twilio unreachable: {type(exc).__name__}") from None
        return Sent(sid=message.sid, status=message.status or "queued")


def transport_from_config(config) -> ConsoleTransport | TwilioTransport:
    if config["SMS_TRANSPORT"] == "twilio":
        if not (config["TWILIO_ACCOUNT_SID"] and config["TWILIO_AUTH_TOKEN"]):
            raise RuntimeError("SMS_TRANSPORT=twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")
        return TwilioTransport(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"],
                               config.get("TWILIO_API_BASE_URL"), config.get("TWILIO_HTTP_TIMEOUT_SECONDS", 10))
    return ConsoleTransport()
