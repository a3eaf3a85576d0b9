"""The secret Twilio's webhooks are checked against."""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app


def simulator_secret() -> str:
    """Signs webhook requests when no Twilio auth token is set (console
    mode): the SMS simulator signs with it, as Twilio would with its token."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"sms-simulator", hashlib.sha256).hexdigest()


def webhook_token() -> str:
    return current_app.config["TWILIO_AUTH_TOKEN"] or simulator_secret()
