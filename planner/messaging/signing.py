"""The secret Twilio's webhooks are checked against."""
from __future__ import annotations

import hashlib
import hmac

from planner.messaging.settings import SmsSettings


def simulator_secret(secret_key: str) -> str:
    """Signs webhook requests when no Twilio auth token is set (console
    mode): the SMS simulator signs with it, as Twilio would with its token."""
    return hmac.new(secret_key.encode(), b"sms-simulator", hashlib.sha256).hexdigest()


def webhook_token(settings: SmsSettings) -> str:
    return settings.auth_token or simulator_secret(settings.secret_key)
