"""The brake on password guessing, for sign-in and for the account page's
current-password check alike (both count in the same rows).

Failures are counted over a sliding 15-minute window per account and
address together, and per address; past either limit that pair (or
address) is refused, even with the right password, until the oldest
failure leaves the window. OWASP's Authentication Cheat Sheet recommends
such a threshold with an observation window; counting the account with
the address means a guesser elsewhere cannot lock the trainer out.

NIST SP 800-63B §5.2.2 caps consecutive failures on an account at 100,
wherever they come from. Past the cap the account opens only from the
addresses its trainer signed in from before (an allowlist NIST lists
among the ways to keep an attacker from locking the owner out), until a
success there or `planner trainer unlock`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from planner.extensions import db
from planner.models import SignInFailure, Trainer
from planner.models.people import utcnow
from planner.people.web_sessions import is_known_address

FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5
# An address may serve a whole clinic behind one router, so it gets more room.
MAX_FAILURES_PER_ADDRESS = 20
MAX_CONSECUTIVE_FAILURES = 100  # NIST SP 800-63B §5.2.2


@dataclass
class SignInRefused(Exception):
    message: str
    retry_after_seconds: int = 0
    braked: bool = False  # refused by the brake, not for wrong credentials


def refusal(email: str, trainer: Trainer | None, remote_addr: str, now: datetime | None = None
            ) -> SignInRefused | None:
    """Why a password check for this account from this address must not
    even be tried now, or None."""
    now = now or utcnow()
    since = now - FAILURE_WINDOW
    remote_addr = remote_addr[:45]
    for where, limit in (((SignInFailure.email == email, SignInFailure.remote_addr == remote_addr),
                          MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS),
                         ((SignInFailure.remote_addr == remote_addr,), MAX_FAILURES_PER_ADDRESS)):
        count, oldest = db.session.execute(
            db.select(db.func.count(), db.func.min(SignInFailure.at)).where(*where, SignInFailure.at > since)).one()
        if count >= limit:
            seconds = max(1, int((oldest + FAILURE_WINDOW - now).total_seconds()) + 1)
            minutes = -(-seconds // 60)
            window = int(FAILURE_WINDOW.total_seconds() // 60)
            return SignInRefused(f"Too many failed sign-ins from here ({limit} in {window} minutes, after OWASP's "
                                 f"Authentication Cheat Sheet). Try again in {minutes} minute"
                                 f"{'s' if minutes != 1 else ''}.", seconds, braked=True)
    if (trainer is not None and trainer.consecutive_failures >= MAX_CONSECUTIVE_FAILURES
            and not is_known_address(trainer, remote_addr, now)):
        return SignInRefused(
            f"This account has had {MAX_CONSECUTIVE_FAILURES} failed sign-ins in a row (the most NIST SP 800-63B "
            "§5.2.2 allows), so it now opens only from places you have signed in from before. The operator can "
            "reopen it with `planner trainer unlock`.", braked=True)
    return None


def record_failure(email: str, trainer: Trainer | None, remote_addr: str, now: datetime | None = None) -> None:
    now = now or utcnow()
    db.session.add(SignInFailure(email=email, remote_addr=remote_addr[:45], at=now))
    if trainer is not None:
        # In SQL, so two failures at once both count.
        db.session.execute(db.update(Trainer).where(Trainer.id == trainer.id)
                           .values(consecutive_failures=Trainer.consecutive_failures + 1))
    # The window's rows are all the sliding counts need.
    db.session.execute(db.delete(SignInFailure).where(SignInFailure.at < now - 4 * FAILURE_WINDOW))
    db.session.flush()


def record_success(trainer: Trainer) -> None:
    """A success clears the account's counts: five typos spread over a week
    should not lock anyone out, and the failures are no longer in a row."""
    db.session.execute(db.delete(SignInFailure).where(SignInFailure.email == trainer.email))
    trainer.consecutive_failures = 0
    db.session.flush()


def unlock(trainer: Trainer) -> None:
    """The operator's reopening of an account the ceiling closed."""
    record_success(trainer)
