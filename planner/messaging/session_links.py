"""The link in a reminder: a signed token that opens one day's session page."""
from __future__ import annotations

from flask import current_app
from itsdangerous import URLSafeTimedSerializer


def _link_serializer() -> URLSafeTimedSerializer:
    # One per app: every reminder in a fan-out signs a link.
    serializer = current_app.extensions.get("session_link_serializer")
    if serializer is None or serializer.secret_key != current_app.config["SECRET_KEY"].encode():
        serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="session-page")
        current_app.extensions["session_link_serializer"] = serializer
    return serializer


def session_link_token(client_id: int, program_session_id: int) -> str:
    return _link_serializer().dumps({"c": client_id, "s": program_session_id})


def read_session_link(token: str) -> tuple[int, int] | None:
    """(client id, program session id), or None if the link is forged or old."""
    from itsdangerous import BadSignature
    max_age = current_app.config["SESSION_LINK_MAX_AGE_HOURS"] * 3600
    try:
        data = _link_serializer().loads(token, max_age=max_age)
    except BadSignature:
        return None
    return int(data["c"]), int(data["s"])


def session_url(client_id: int, program_session_id: int) -> str:
    return f"{current_app.config['PUBLIC_BASE_URL']}/s/{session_link_token(client_id, program_session_id)}"
