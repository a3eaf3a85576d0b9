"""The link in a reminder: a signed token that opens one day's session page."""
from __future__ import annotations

from functools import lru_cache

from itsdangerous import BadSignature, URLSafeTimedSerializer

from planner.messaging.settings import SmsSettings

SALT = "session-page"


@lru_cache(maxsize=8)
def _serializer(secret_key: str, salt: str) -> URLSafeTimedSerializer:
    # Built once per secret: every reminder in a fan-out signs a link.
    return URLSafeTimedSerializer(secret_key, salt=salt)


def session_link_token(client_id: int, program_session_id: int, settings: SmsSettings) -> str:
    return _serializer(settings.secret_key, SALT).dumps({"c": client_id, "s": program_session_id})


def read_session_link(token: str, settings: SmsSettings) -> tuple[int, int] | None:
    """(client id, program session id), or None if the link is forged or old."""
    try:
        data = _serializer(settings.secret_key, SALT).loads(token, max_age=settings.link_max_age_hours * 3600)
    except BadSignature:
        return None
    return int(data["c"]), int(data["s"])


def session_url(client_id: int, program_session_id: int, settings: SmsSettings) -> str:
    return f"{settings.public_base_url}/s/{session_link_token(client_id, program_session_id, settings)}"
