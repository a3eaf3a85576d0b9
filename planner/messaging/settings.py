"""The settings the SMS loop needs, as one plain value. The edges (views,
actors, commands) build it from the app's config and pass it in, so the
domain never reaches for the Flask app."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SmsSettings:
    public_base_url: str  # the address clients and Twilio reach us at, without a trailing slash
    from_number: str | None  # the number messages are sent from (None with the console transport)
    secret_key: str  # signs session links and, without a Twilio token, simulated webhooks
    link_max_age_hours: float  # how long a reminder's link opens its session page
    auth_token: str | None  # Twilio's, which signs its webhooks

    @classmethod
    def from_config(cls, config: Mapping) -> SmsSettings:
        """From the app's config (or any mapping with the same keys)."""
        return cls(public_base_url=config["PUBLIC_BASE_URL"], from_number=config["TWILIO_FROM_NUMBER"],
                   secret_key=config["SECRET_KEY"], link_max_age_hours=config["SESSION_LINK_MAX_AGE_HOURS"],
                   auth_token=config["TWILIO_AUTH_TOKEN"])

    @property
    def status_callback_url(self) -> str:
        """Where Twilio reports delivery statuses (planner/web/twilio_webhooks.py)."""
        return f"{self.public_base_url}/sms/status"

    def sender_for(self, practice_number: str | None) -> str | None:
        """The number a practice's texts go out from: its own when it has
        one (replies to it reach only that practice), else the shared one."""
        return practice_number or self.from_number
