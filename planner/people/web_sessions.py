"""Sign-ins to the web app, kept on the server.

Each sign-in gets a random token; the cookie carries the token and the
database its hash. A sign-in opens the app until it is signed out, ends
with a password change, or outlives the limits of OWASP ASVS 4.0.3 V3.3.2
at level 2 (the same as NIST SP 800-63B §4.2.3 for AAL2): re-authenticate
every 12 hours, and after 30 minutes without activity. The callers commit.
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from planner.extensions import db
from planner.models import Trainer, WebSession
from planner.models.people import hash_token, utcnow

# Activity is written at most this often, so browsing is not a write per
# page; the idle limit is then exact to within this much (product choice).
ACTIVITY_RESOLUTION = timedelta(minutes=1)
# How long the address of a sign-in is remembered as one the trainer used
# (planner/people/sign_in_brake.py); then the row is deleted (product choice).
KNOWN_ADDRESS_DAYS = 90


@dataclass(frozen=True)
class WebSessionSettings:
    max_age: timedelta  # ASVS V3.3.2 (level 2): sign in again after 12 hours, however active
    idle_timeout: timedelta | None  # ASVS V3.3.2 (level 2): after 30 minutes idle; None: no idle limit

    @classmethod
    def from_config(cls, config: Mapping) -> WebSessionSettings:
        idle = config["WEB_SESSION_IDLE_MINUTES"]
        return cls(max_age=timedelta(hours=config["WEB_SESSION_MAX_HOURS"]),
                   idle_timeout=timedelta(minutes=idle) if idle else None)


def start(trainer: Trainer, remote_addr: str, settings: WebSessionSettings, now: datetime | None = None) -> str:
    """A new sign-in for the trainer; returns its token (shown only to the
    cookie) and sets it on the trainer for Flask-Login. Clears out the
    trainer's sign-ins that can never open the app again."""
    now = now or utcnow()
    forget_before = now - max(timedelta(days=KNOWN_ADDRESS_DAYS), settings.max_age)
    db.session.execute(db.delete(WebSession).where(
        WebSession.trainer_id == trainer.id,
        (WebSession.started_at < forget_before) | (WebSession.password_version != trainer.password_version)))
    token = secrets.token_urlsafe(32)
    db.session.add(WebSession(trainer_id=trainer.id, token_hash=hash_token(token), remote_addr=remote_addr[:45],
                              password_version=trainer.password_version, started_at=now, last_seen_at=now))
    db.session.flush()
    trainer.session_token = token
    return token


def ends_at(row: WebSession, settings: WebSessionSettings) -> datetime:
    """When this sign-in stops opening the app unless it is used again."""
    end = row.started_at + settings.max_age
    if settings.idle_timeout is not None:
        end = min(end, row.last_seen_at + settings.idle_timeout)
    return end


def resume(token: str, settings: WebSessionSettings, now: datetime | None = None) -> Trainer | None:
    """The trainer whose sign-in this token is, if it is still open (not
    signed out, not past its limits, made under the current password);
    notes the activity. None otherwise: the request is signed out."""
    now = now or utcnow()
    row = db.session.scalar(db.select(WebSession).filter_by(token_hash=hash_token(token)))
    if row is None or row.ended_at is not None or now >= ends_at(row, settings):
        return None
    trainer = row.trainer
    if row.password_version != trainer.password_version:
        return None
    if now - row.last_seen_at >= ACTIVITY_RESOLUTION:
        row.last_seen_at = now
        db.session.flush()
    trainer.session_token = token
    return trainer


def end(token: str, now: datetime | None = None) -> None:
    """Sign-out: the token opens nothing from now on. The row stays (until
    KNOWN_ADDRESS_DAYS) to remember the address the trainer used."""
    db.session.execute(db.update(WebSession).where(WebSession.token_hash == hash_token(token),
                                                   WebSession.ended_at.is_(None)).values(ended_at=now or utcnow()))


def carry_over_password_change(trainer: Trainer, keep_token: str | None) -> None:
    """After a password change: this sign-in (keep_token) goes on under the
    new password, every other one of the trainer's ends and is forgotten
    (with its address: it may have been the intruder's)."""
    others = db.delete(WebSession).where(WebSession.trainer_id == trainer.id)
    if keep_token is None:
        db.session.execute(others)
        return
    keep = hash_token(keep_token)
    db.session.execute(others.where(WebSession.token_hash != keep))
    db.session.execute(db.update(WebSession).where(WebSession.token_hash == keep)
                       .values(password_version=trainer.password_version))


def is_known_address(trainer: Trainer, remote_addr: str, now: datetime | None = None) -> bool:
    """Whether the trainer signed in from this address under the current
    password within KNOWN_ADDRESS_DAYS."""
    since = (now or utcnow()) - timedelta(days=KNOWN_ADDRESS_DAYS)
    return db.session.scalar(db.select(db.exists().where(
        WebSession.trainer_id == trainer.id, WebSession.remote_addr == remote_addr[:45],
        WebSession.password_version == trainer.password_version, WebSession.started_at >= since)))
