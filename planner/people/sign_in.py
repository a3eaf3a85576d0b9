"""Web sign-in with a brake on password guessing.

Failures are counted per account and per address over a sliding window;
past the limit, sign-in is refused (even with the right password) until
the oldest failure leaves the window. OWASP's Authentication Cheat Sheet
recommends such a lockout threshold with an observation window; NIST SP
800-63B 5.2.2 caps consecutive failures per account at 100, and we stay
far below it because trainers' accounts hold health data.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from werkzeug.security import generate_password_hash

from planner.people.accounts import AccountError, normalise_email
from planner.extensions import db
from planner.models import SignInFailure, Trainer
from planner.models.people import utcnow

FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
# An address may serve a whole clinic behind one router, so it gets more room.
MAX_FAILURES_PER_ADDRESS = 20
# Compared against when the email is unknown, so a wrong email takes as long
# as a wrong password and does not reveal who has an account.
_DUMMY_HASH = generate_password_hash("not-a-password")


@dataclass
class SignInRefused(Exception):
    message: str
    retry_after_seconds: int = 0


def _retry_after(oldest: datetime, now: datetime) -> int:
    return max(1, int((oldest + FAILURE_WINDOW - now).total_seconds()) + 1)


def _throttled(email: str, remote_addr: str, now: datetime) -> SignInRefused | None:
    since = now - FAILURE_WINDOW
    for column, value, limit in ((SignInFailure.email, email, MAX_FAILURES_PER_ACCOUNT),
                                 (SignInFailure.remote_addr, remote_addr, MAX_FAILURES_PER_ADDRESS)):
        count, oldest = db.session.execute(
            db.select(db.func.count(), db.func.min(SignInFailure.at))
            .where(column == value, SignInFailure.at > since)).one()
        if count >= limit:
            seconds = _retry_after(oldest, now)
            minutes = -(-seconds // 60)
            return SignInRefused(f"Too many failed sign-ins. Try again in {minutes} minute"
                                 f"{'s' if minutes != 1 else ''}.", seconds)
    return None


def authenticate(email: str, password: str, remote_addr: str, now: datetime | None = None) -> Trainer:
    """The trainer these credentials belong to, or SignInRefused saying why
    not (without telling which of email and password was wrong). Either way
    the caller commits: a failure is recorded to count towards the brake,
    a success clears the account's count."""
    now = now or utcnow()
    try:
        email = normalise_email(email)
    except AccountError:
        # Not an address, so no account's: kept (without NUL, which
        # PostgreSQL text cannot hold) only to count the failure.
        email = email.strip().lower().replace("\x00", "\ufffd")[:254]
    refused = _throttled(email, remote_addr, now)
    if refused:
        raise refused
    trainer = db.session.scalar(db.select(Trainer).filter_by(email=email))
    if trainer is not None and trainer.check_password(password):
        # A success clears the account's count: five typos spread over a
        # week should not lock anyone out.
        db.session.execute(db.delete(SignInFailure).where(SignInFailure.email == email))
        return trainer
    if trainer is None:
        Trainer(password_hash=_DUMMY_HASH).check_password(password)
    db.session.add(SignInFailure(email=email, remote_addr=remote_addr[:45], at=now))
    db.session.execute(db.delete(SignInFailure).where(SignInFailure.at < now - 4 * FAILURE_WINDOW))
    raise SignInRefused("That email and password do not match an account.")
